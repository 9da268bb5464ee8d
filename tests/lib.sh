# tests/lib.sh - shared helpers for the integration tests (sourced).
# Each test prints "ok - name" or "not ok - name" lines; tests/run.sh
# counts them.  FABRIQUE is the binary under test (absolute path).

: "${FABRIQUE:?FABRIQUE must name the binary under test}"
TOP=$(cd "$(dirname "$0")/../.." && pwd)
# C.UTF-8 for the tools (UTF-8 text); it names no language to fabrique
# (the site's would decide): LANGUAGE asks its messages in English, as
# gettext reads it.  A test that asks French clears it (LANGUAGE=
# LC_ALL=fr_FR.UTF-8 ...).
export LC_ALL=C.UTF-8 LANG=C.UTF-8 LANGUAGE=en
unset LC_MESSAGES
GIT="git -c user.name=Test -c user.email=test@example.invalid -c init.defaultBranch=main -c advice.detachedHead=false"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/fabrique-test.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
# the cache of folders outside git goes here, not to ~/.cache
export XDG_CACHE_HOME="$WORK/.xdg-cache"

ok() { echo "ok - $1"; }
not_ok() { echo "not ok - $1"; shift; for l in "$@"; do echo "#   $l"; done; }

# check NAME COMMAND...: the command's success is the test's.
check() {
	name=$1; shift
	if "$@" >"$WORK/.out" 2>&1; then ok "$name"; else
		not_ok "$name" "command: $*" "$(tail -n 20 "$WORK/.out")"; fi
}

# contains NAME FILE TEXT: FILE holds TEXT (fixed string).
contains() {
	if grep -qF -- "$3" "$2"; then ok "$1"; else
		not_ok "$1" "expected to find: $3" "in $2:" "$(head -c 2000 "$2")"; fi
}

lacks() {
	if grep -qF -- "$3" "$2"; then
		not_ok "$1" "did not expect: $3" "$(grep -F -- "$3" "$2" | head -3)"
	else ok "$1"; fi
}

# status NAME EXPECTED ACTUAL
status() {
	if [ "$2" = "$3" ]; then ok "$1"; else
		not_ok "$1" "exit status $3, expected $2" "$(tail -n 20 "$WORK/.err" 2>/dev/null)"; fi
}

# same_tree NAME DIR1 DIR2: identical files, byte for byte.
same_tree() {
	if diff -r "$2" "$3" >"$WORK/.diff" 2>&1; then ok "$1"; else
		not_ok "$1" "$(head -n 20 "$WORK/.diff")"; fi
}

# snapshot DIR: a checksum list of a tree, to prove it did not change.
snapshot() { (cd "$1" && find . -type f -exec sha1sum {} + | sort); }

# mkrepo DIR: a git repository holding a copy of the example site.
mkrepo() {
	mkdir -p "$1"
	cp -R "$TOP/content" "$1/content"
	cp -R "$TOP/themes" "$1/themes"
	(cd "$1" && $GIT init -q && $GIT add -A && $GIT commit -qm "Site initial")
}

commit_all() { (cd "$1" && $GIT add -A && $GIT commit -qm "$2"); }

# example_repo: the example site in a repository of its own, $R, its
# content/ in $C; $OUT is where run_lang builds it.
example_repo() {
	R=$WORK/repo
	mkrepo "$R"
	C=$R/content
	OUT=$WORK/public
}

# run_lang LANG COMMAND: fabrique COMMAND (build, check) on example_repo's
# site in LANG (LC_ALL and LANG; LANGUAGE cleared for French, which
# tests/lib.sh sets to en), its messages in $WORK/out, its exit
# status in $WORK/rc.
run_lang() { (cd "$R" && case $1 in fr*) LANGUAGE= ;; esac && LC_ALL=$1 LANG=$1 "$FABRIQUE" $2 content --out "$OUT" >"$WORK/out" 2>&1; echo $? >"$WORK/rc"); }

# mkbare DIR BRANCH [SETTING=VALUE]...: a server's bare repository before
# its first push (docs/deploy.md): HEAD names BRANCH, and each SETTING is
# set as git config fabrique.SETTING.  Its hooks: hook_install.
mkbare() {
	_mb_dir=$1 _mb_branch=$2
	shift 2
	git init -q --bare "$_mb_dir" &&
		git -C "$_mb_dir" symbolic-ref HEAD "refs/heads/$_mb_branch" || return 1
	for _mb_set in "$@"; do
		git -C "$_mb_dir" config "fabrique.${_mb_set%%=*}" "${_mb_set#*=}" || return 1
	done
}

# browser_npm: tests/browser's npm packages (playwright-core, axe-core,
# vnu-jar) installed there with npm ci when missing, $HERE naming it; a
# failure is reported and the suite ends.
browser_npm() {
	HERE=$TOP/tests/browser
	if [ ! -d "$HERE/node_modules/playwright-core" ] || [ ! -d "$HERE/node_modules/axe-core" ] ||
		[ ! -f "$HERE/node_modules/vnu-jar/build/dist/vnu.jar" ]; then
		(cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error) >"$WORK/npm.log" 2>&1 ||
			{ not_ok "npm ci in tests/browser" "$(tail -n 20 "$WORK/npm.log")"; exit 0; }
	fi
}

# envi VAR=VALUE... COMMAND: env -i, keeping the sanitizers' settings of
# make check's ASan pass: they are the test run's, not the environment
# under test (cleared, the leak checker lost its suppressions and liborc
# its VIPS_NOVECTOR)
envi() {
	env -i ${ASAN_OPTIONS+"ASAN_OPTIONS=$ASAN_OPTIONS"} \
		${LSAN_OPTIONS+"LSAN_OPTIONS=$LSAN_OPTIONS"} \
		${UBSAN_OPTIONS+"UBSAN_OPTIONS=$UBSAN_OPTIONS"} \
		${VIPS_NOVECTOR+"VIPS_NOVECTOR=$VIPS_NOVECTOR"} "$@"
}

# starter_site: the site a newcomer makes with `fabrique init journee
# --commune Saint-Aubin` in $WORK/home, a repository of its own (git
# configured as nobody's); the shell is left in it, $S naming it.
starter_site() {
	unset GIT_DIR GIT_WORK_TREE
	export GIT_CONFIG_GLOBAL=$WORK/gitconfig GIT_CONFIG_NOSYSTEM=1
	mkdir -p "$WORK/home" && cd "$WORK/home" || exit 1
	"$FABRIQUE" init journee --commune "Saint-Aubin" >/dev/null 2>&1
	status "init makes the site" 0 $?
	S=$WORK/home/journee
	cd "$S" || exit 1
}

# starter_addressed: the starter site's site.yaml given the address it
# is published at and Saint-Aubin's INSEE code (37214), as its editor
# does first: init's placeholders are refused by check --strict.
starter_addressed() {
	sed -i 's|^url: .*|url: "https://journee.saint-aubin.fr/"|; s|^  insee: .*|  insee: "37214"|' site.yaml
}

# commit_at DATE MESSAGE: every change in the current repository
# committed at DATE (author and committer), as an editor's of that day.
commit_at() {
	$GIT add -A && GIT_AUTHOR_DATE=$1 GIT_COMMITTER_DATE=$1 \
		$GIT commit -qm "$2"
}

# fill_starter DIR: replaces each sentence of the site fabrique init
# made in DIR that tells the editor what to write (theme.yaml's
# a_remplacer: « Indiquez ici … », « Racontez ici … », wrapped over
# lines or not) with the commune's text, as an editor would.
fill_starter() {
	find "$1" -name '*.md' ! -path '*/.git/*' ! -name README.md -exec perl -0pi -e \
		's/(?:Indiquez|[Rr]acontez)\s+ici\b.*?[.!?](?=\s|\z)/Texte de la commune./sg' {} +
}

# hook_install DIR HOOK [ARG]...: the bare repository DIR's HOOK
# (pre-receive, post-receive) runs `fabrique hook HOOK ARG...`, as the
# hook scripts of docs/deploy.md do (a hook written again is replaced).
hook_install() {
	_hi_dir=$1 _hi_hook=$2
	shift 2
	{
		printf '#!/bin/sh\nexec "%s" hook %s' "$FABRIQUE" "$_hi_hook"
		for _hi_arg in "$@"; do printf ' "%s"' "$_hi_arg"; done
		printf '\n'
	} >"$_hi_dir/hooks/$_hi_hook" && chmod +x "$_hi_dir/hooks/$_hi_hook"
}

# pushsite R BARE [SUB]: the mini site in R (in R/SUB when given), the
# default theme in R/themes, one commit, origin the bare BARE over
# file://; $GITM is the git of the script (on master, say).
pushsite() {
	mkdir -p "$1/${3:-.}"
	cp -R "$TOP/tests/fixtures/mini/." "$1/${3:-.}/"
	cp -R "$TOP/themes" "$1/themes"
	(cd "$1" && $GITM init -q && $GITM add -A && $GITM commit -qm "Premier contenu" &&
	 $GITM remote add origin "file://$2")
}

# pushmaster: $R's master pushed to origin, the hooks' messages in their
# default language (no LANG), in $WORK/.push; its status in $pst, said
# by refused.
pushmaster() {
	(cd "$R" && env -u LANG -u LC_ALL -u LC_MESSAGES -u LANGUAGE \
		$GITM push origin master) >"$WORK/.push" 2>&1
	pst=$?
}
refused() { [ "$pst" -ne 0 ] && echo refused || echo accepted; }

# mkmini DIR: a git repository holding the small fixture site in site/
# and the default theme in themes/, with one commit.
mkmini() {
	mkdir -p "$1"
	cp -R "$TOP/tests/fixtures/mini" "$1/site"
	cp -R "$TOP/themes" "$1/themes"
	# a fixed date: pages show when they changed (golden files)
	(cd "$1" && $GIT init -q && $GIT add -A &&
	 GIT_AUTHOR_DATE=2026-01-15T10:00:00+01:00 \
	 GIT_COMMITTER_DATE=2026-01-15T10:00:00+01:00 \
	 $GIT commit -qm "Premier contenu")
}

# mkreseau DIR: a network of member communes in DIR, as `fabrique reseau`
# reads it (DIR/liste.yaml), for tests/integration/reseau.sh and
# tests/browser/reseau.sh:
#   saint-aubin      the example commune, a work tree (site found: content/)
#   ajaccio.git      a bare repository of a Corsican commune (2A004), ref main,
#                    its lavoir's meeting point (rdv) written with an « & »
#   saint-denis.json the programme.json a Réunion commune (97411) published
#   casse            a repository whose content has an error (left out)
#   nulle-part       no repository at all (left out)
#   faux.json        a programme that breaks the schema (left out)
mkreseau() {
	mkrepo "$1/saint-aubin"
	mkrepo "$1/ajaccio"
	(cd "$1/ajaccio" &&
	 sed -i 's/insee: "37214"/insee: "2A004"/; s/code_postal: "37465"/code_postal: "20000"/; s/nom: Saint-Aubin-des-Levées/nom: Ajaccio-sur-Mer/; s|^url: .*|url: https://jc.ajaccio-sur-mer.example|' content/site.yaml &&
	 sed -i 's/lat: 47\.[0-9]*/lat: 41.93/; s/lon: 0\.[0-9]*/lon: 8.74/' content/ateliers/*.md &&
	 sed -i '0,/^titre: .*/s//titre: Nettoyer la plage du Ricanto/' content/ateliers/degager-le-lavoir.md &&
	 sed -i 's/^rdv: .*/rdv: "Devant le kiosque \& la fontaine, côté port"/' content/ateliers/degager-le-lavoir.md &&
	 $GIT add -A && $GIT commit -qm "Ajaccio" && $GIT clone -q --bare . "$1/ajaccio.git")
	rm -rf "$1/ajaccio"
	mkrepo "$1/casse"
	(cd "$1/casse" && sed -i '0,/^titre: .*/s//titre:/' content/ateliers/repeindre-le-preau.md &&
	 $GIT commit -qam "Titre effacé")
	"$FABRIQUE" build "$1/saint-aubin/content" --out "$1/sa-out" -q
	/usr/bin/python3 - "$1" <<'EOS'
import json, sys
d = sys.argv[1]
p = json.load(open(d + "/sa-out/programme.json", encoding="utf-8"))
p["commune"].update(name="Saint-Denis-des-Cannes", insee="97411", postalCode="97400",
                    url="https://jc.saint-denis-des-cannes.example", timezone="Indian/Reunion")
for i, e in enumerate(p["events"]):
    e["location"].update(latitude=-20.88, longitude=55.45, insee="97411")
    e["uid"] = e["uid"].replace("saint-aubin-des-levees", "saint-denis-des-cannes")
    for t in e["timings"]:
        t["uid"] = t["uid"].replace("saint-aubin-des-levees", "saint-denis-des-cannes")
    for t in e["timings"]:
        t["begin"] = t["begin"][:19] + "+04:00"
        t["end"] = t["end"][:19] + "+04:00"
p["events"][0]["title"] = "Planter des vétivers sur la ravine"
json.dump(p, open(d + "/saint-denis.json", "w", encoding="utf-8"), ensure_ascii=False)
p["events"][1]["title"] = ""
p["events"][2]["status"] = "maybe"
json.dump(p, open(d + "/faux.json", "w", encoding="utf-8"), ensure_ascii=False)
EOS
	rm -rf "$1/sa-out"
	cat >"$1/liste.yaml" <<'EOS'
url: https://reseau.example
communes:
  - depot: saint-aubin
  - depot: ajaccio.git
    ref: main
  - programme: saint-denis.json
  - depot: casse
  - depot: nulle-part
  - programme: faux.json
EOS
}

# reseau_member DIR COMMUNE INSEE URL: a member commune of a network
# (the small fixture site, its commune, code and url set), in a git
# repository of its own, with an edition next year (29 May) and one
# workshop that day, « Planter la haie » (ateliers/haie.md, 9 h - 12 h),
# in one commit.  For the reseau* tests.
reseau_member() {
	_rm_year=$(($(date -u +%Y) + 1))
	mkdir -p "$1"
	cp -R "$TOP/tests/fixtures/mini/." "$1/"
	cp -R "$TOP/themes" "$1/themes"
	sed -i "s/^  nom: .*/  nom: $2/; s/^  insee: .*/  insee: \"$3\"/; s|^url: .*|url: $4|" "$1/site.yaml"
	printf 'date: %s-05-29\ninscription:\n  email: journee@mairie.example\n' "$_rm_year" >"$1/editions/$_rm_year.yaml"
	printf -- '---\ntitre: Planter la haie\nedition: %s\ndebut: "09:00"\nfin: "12:00"\ncategorie: nature\nstatut: propose\nresume: Un atelier.\nlieu: École\n---\nTexte.\n' \
	    "$_rm_year" >"$1/ateliers/haie.md"
	(cd "$1" && $GIT init -q && $GIT add -A && $GIT commit -qm "Contenu")
}

# offline_setup: what the suites of tests/browser/offline/ (twosites.sh,
# subpath.sh, reseautwosites.sh) start with: HERE is that folder,
# playwright-core installed there when missing (npm ci; a failure is
# reported and the suite ends), git configured as nobody's (the sites
# init makes are repositories), and $WORK the current folder.
offline_setup() {
	HERE=$TOP/tests/browser/offline
	if [ ! -d "$HERE/node_modules/playwright-core" ]; then
		(cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error) >"$WORK/npm.log" 2>&1 ||
			{ not_ok "npm ci in tests/browser/offline" "$(tail -n 20 "$WORK/npm.log")"; exit 0; }
	fi
	unset GIT_DIR GIT_WORK_TREE
	export GIT_CONFIG_GLOBAL=$WORK/gitconfig GIT_CONFIG_NOSYSTEM=1
	cd "$WORK" || exit 1
}

# offline_init NAME DIR URL: `fabrique init DIR --url URL` in $WORK, its
# success the check NAME.
offline_init() {
	"$FABRIQUE" init "$2" --url "$3" >"$WORK/.out" 2>&1
	status "$1" 0 $?
}

# earlier_worker SW_JS: a commune site's sw.js made as the fabrique
# before scoped precaches wrote it (sw.mustache version 2): its precache
# named without its scope, and every other "fabrique-precache-" deleted
# on activation.  Its success is the caller's check.
earlier_worker() {
	python3 - "$1" <<'EOP'
import sys
p = sys.argv[1]
s = open(p).read()
s = s.replace("var PRECACHE_PREFIX = 'fabrique:' + SCOPE + ':precache-';",
              "var PRECACHE_PREFIX = PREFIX + 'precache-';")
a = s.index("self.addEventListener('activate'")
b = s.index("\n});\n", a) + 5
s = s[:a] + """self.addEventListener('activate', function (event) {
	event.waitUntil(caches.keys().then(function (keys) {
		return Promise.all(keys.filter(function (k) {
			return k !== CACHE && k.indexOf(PRECACHE_PREFIX) === 0;
		}).map(function (k) {
			return caches.delete(k);
		}));
	}).then(function () {
		return self.clients.claim();
	}));
});
""" + s[b:]
assert "PREFIX + 'precache-'" in s
open(p, 'w').write(s)
EOP
}

# A preview server for the serve tests.  serve_start ARGS... runs
# `fabrique serve ARGS --port 0` in the background from the current folder
# (its output in $WORK/serve.log, $pid its process, stopped by Ctrl-C when
# the test ends), waits for its first build and sets $url.  When it prints
# no address it reports a failure and returns 1: the caller exits.
# SERVE_TRIES is how many tenths of a second a build may take (300).
# (0 until the background server has created its log)
builds() {
	n=$(grep -c 'built in\|rebuilt after\|build failed' "$WORK/serve.log" 2>/dev/null)
	echo "${n:-0}"
}
# wait_builds N: until the server has reported N builds (built, rebuilt or failed)
wait_builds() {
	for _ in $(seq 1 "${SERVE_TRIES:-300}"); do
		[ "$(builds)" -ge "$1" ] && return 0
		sleep 0.1
	done
	return 1
}
serve_start() {
	"$FABRIQUE" serve "$@" --port 0 >"$WORK/serve.log" 2>&1 &
	pid=$!
	trap 'kill -INT $pid 2>/dev/null; wait; rm -rf "$WORK"' EXIT
	wait_builds 1
	url=$(sed -n 's/.*\(http:\/\/127\.0\.0\.1:[0-9]*\)\/.*/\1/p' "$WORK/serve.log" | head -n 1)
	[ -n "$url" ] && return 0
	not_ok "fabrique serve starts and prints its address" "$(cat "$WORK/serve.log")"
	return 1
}
