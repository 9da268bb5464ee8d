#!/bin/sh
# Without HOME nor XDG_CACHE_HOME (env -i, a systemd unit without User=,
# whose current folder is /), fabrique has no user cache folder: a
# folder outside git (build --worktree, the network's list) is refused
# with a request for --cache, and nothing is written into the current
# folder nor the output (outside tester 25 F9: .fabrique-cache appeared
# in the current folder).  A site or list inside a repository keeps its
# cache in the repository's .git, HOME or not.
. "$(dirname "$0")/../lib.sh"

# bare COMMAND...: fabrique run from $WORK/cwd with an empty environment
# (PATH only, as cron or a unit gives), its messages in $WORK/.err
mkdir "$WORK/cwd"
bare() { (cd "$WORK/cwd" && envi PATH=/usr/bin:/bin "$FABRIQUE" "$@" >"$WORK/.out" 2>"$WORK/.err"); }
# empty_cwd NAME: nothing was written into the current folder (emptied
# after a failure, so that each check stands alone)
empty_cwd() {
	if [ -z "$(ls -A "$WORK/cwd")" ]; then ok "$1"; else
		not_ok "$1" "in the current folder: $(ls -A "$WORK/cwd")"
		rm -rf "$WORK/cwd" && mkdir "$WORK/cwd"; fi
}

# a plain folder, no git around it
S=$WORK/plain
cp -R "$TOP/tests/fixtures/mini" "$S"
cp -R "$TOP/themes" "$S/themes"
"$FABRIQUE" build "$S" --worktree --out "$WORK/pub" -q 2>"$WORK/.err"
status "the plain folder builds with HOME" 0 $?
before=$(snapshot "$WORK/pub")

bare build "$S" --worktree --out "$WORK/pub"
status "build --worktree without HOME: refused, --cache asked (usage)" 2 $?
contains "the site's folder is named, in its language" "$WORK/.err" \
	"$S: erreur : aucun dossier pour le cache de fabrique : $S n’est dans aucun dépôt git"
contains "--cache is asked for" "$WORK/.err" "indiquez un dossier conservé d’une exécution à l’autre avec --cache DOSSIER"
empty_cwd "build --worktree without HOME writes nothing in the current folder"
if [ "$(snapshot "$WORK/pub")" = "$before" ]; then ok "the previous output is intact"; else
	not_ok "the previous output is intact"; fi

bare build "$S" --worktree --out "$WORK/pub2"
[ -e "$WORK/pub2" ] && not_ok "a refused first build makes no output" || ok "a refused first build makes no output"

bare check "$S" --worktree
status "check --worktree without HOME: refused too" 2 $?
empty_cwd "check without HOME writes nothing in the current folder"

bare cache clean "$S"
status "cache clean without HOME: no cache to find" 2 $?
contains "cache clean says why" "$WORK/.err" "aucun dossier pour le cache de fabrique"

LANGUAGE=en bare build "$S" --worktree --out "$WORK/pub" --cache "$WORK/given"
status "with --cache the build runs" 0 $?
empty_cwd "with --cache nothing in the current folder"
[ -d "$WORK/given/builds" ] && ok "the cache is where --cache says" ||
	not_ok "the cache is where --cache says" "$(ls -A "$WORK/given" 2>&1)"

# the same site committed: the cache is in its .git, no HOME needed
R=$WORK/repo
cp -R "$S" "$R"
(cd "$R" && $GIT init -q && $GIT add -A && $GIT commit -qm "Site")
bare build "$R" --out "$WORK/pubr"
status "a site in a repository builds without HOME" 0 $?
[ -d "$R/.git/fabrique" ] && ok "its cache is in .git/fabrique" || not_ok "its cache is in .git/fabrique"
bare build "$R" --worktree --out "$WORK/pubr"
status "and with --worktree too" 0 $?
empty_cwd "a repository's build writes nothing in the current folder"

# the network: a list in a plain folder, a member commune
N=$WORK/net
reseau_member "$N/tours" "Tours-sur-Cher" 37261 https://tours.example/
printf 'url: https://reseau.example/\ncommunes:\n  - depot: tours\n' >"$N/liste.yaml"
"$FABRIQUE" reseau "$N/liste.yaml" --out "$WORK/net-out" 2>"$WORK/.err"
status "the network builds with HOME" 0 $?
before=$(snapshot "$WORK/net-out")
bare reseau "$N/liste.yaml" --out "$WORK/net-out"
status "reseau without HOME, its list outside git: refused, --cache asked" 2 $?
contains "in the list's language, at the list" "$WORK/.err" \
	"$N/liste.yaml: erreur : aucun dossier pour le cache de fabrique"
empty_cwd "reseau without HOME writes nothing in the current folder"
if [ "$(snapshot "$WORK/net-out")" = "$before" ]; then ok "the network's previous output is intact"; else
	not_ok "the network's previous output is intact"; fi
bare reseau "$N/liste.yaml" --out "$WORK/net-out" --cache "$WORK/ncache"
status "reseau with --cache runs" 0 $?
[ -d "$WORK/ncache/reseau" ] && ok "the network's cache is where --cache says" ||
	not_ok "the network's cache is where --cache says"
empty_cwd "reseau with --cache writes nothing in the current folder"
(cd "$N" && $GIT init -q && $GIT add liste.yaml && $GIT commit -qm "Liste")
bare reseau "$N/liste.yaml" --out "$WORK/net-out"
status "a list in a repository: reseau runs without HOME" 0 $?
[ -d "$N/.git/fabrique/reseau" ] && ok "the network's cache is in the list's .git" ||
	not_ok "the network's cache is in the list's .git"
empty_cwd "nothing in the current folder at the end"
