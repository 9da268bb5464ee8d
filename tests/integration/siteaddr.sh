#!/bin/sh
# A commune moves its site (outside tester 23 F2, F12): site.yaml's url
# goes from http to https, to a new domain, under a sub-path.  Residents'
# phones know each workshop by its calendar UID, feed readers each story
# by its Atom id: both keep the first url site.yaml gave (read from the
# history), while every link follows the new one.  A site whose url never
# changed keeps its UIDs byte for byte; a copy made for another commune
# (another name and INSEE code) gets its own (tester 22 F7), and so does
# a site started at init's example address and given its real one later
# (tester 29 F1: two communes shared UIDs « …@journee-citoyenne.example »).  The build
# says the site moved, at site.yaml's url line, in English and French,
# and --strict (the hooks) still accepts it.  Parsed with
# python3-icalendar.
. "$(dirname "$0")/../lib.sh"
PY=/usr/bin/python3
export FABRIQUE_THEMES=$TOP/themes
R=$WORK/site
mkrepo "$R"
Y=$R/content/site.yaml
# an address of the Internet's form (one kept for examples, .example,
# is no address residents met: see the end)
OLD=journee-citoyenne.saint-aubin-des-levees.fr
build() { "$FABRIQUE" build "$R/content" --out "$WORK/$1" -q 2>"$WORK/$1.err"; status "$2" 0 $?; }
seturl() { sed -i "s#^url: .*#url: $1#" "$Y" && commit_all "$R" "$2"; }

# What a calendar, an open-data file and a feed call things, and where
# they point: UIDS (sorted, every .ics of the site) and the links.
cat >"$WORK/names.py" <<'EOS'
import glob, json, re, sys
from icalendar import Calendar
out = sys.argv[1]
uids, urls = set(), set()
for f in sorted(glob.glob(out + "/**/*.ics", recursive=True)):
    for e in Calendar.from_ical(open(f, "rb").read()).walk("VEVENT"):
        uids.add("%s %s" % (f[len(out):], e["UID"]))
        urls.add(str(e["URL"]).split("/")[2])
prog = json.load(open(out + "/programme.json", encoding="utf-8"))
for e in prog["events"]:
    uids.add("json " + e["uid"])
    for t in e["timings"]:
        uids.add("json-slot " + t.get("uid", ""))
feed = open(out + "/flux.xml", encoding="utf-8").read()
for i in re.findall(r"<id>([^<]*)</id>", feed):
    uids.add("atom " + i)
print("\n".join(sorted(uids)))
print("HOSTS " + " ".join(sorted(urls)), file=sys.stderr)
EOS
names() { $PY "$WORK/names.py" "$WORK/$1" >"$WORK/$1.names" 2>"$WORK/$1.hosts" ||
	not_ok "the calendars and feed of $1 are read" "$(cat "$WORK/$1.hosts")"; }

# the site as first published: http, in the repository's first commit
sed -i "s#^url: .*#url: http://$OLD/#" "$Y" && (cd "$R" && $GIT commit -qa --amend --no-edit)
build first "the site builds at its first address"
names first
n=$(grep -c "@$OLD " "$WORK/first.names")
[ "$(grep -c "^/programme.ics ateliers/.*@$OLD$" "$WORK/first.names")" -gt 10 ] &&
	ok "its UIDs are KEY@HOST, as they always were" ||
	not_ok "its UIDs are KEY@HOST, as they always were" "$(head -3 "$WORK/first.names")"
lacks "a site that never moved is not told it moved" "$WORK/first.err" "address changed"
# --worktree (no history: fabrique serve's previews build so) names
# them after the url as it is: the same names, not « KEY@ » and « / »
"$FABRIQUE" build "$R/content" --worktree --out "$WORK/wt" -q 2>"$WORK/wt.err"
status "a --worktree build of the same site" 0 $?
names wt
cmp -s "$WORK/first.names" "$WORK/wt.names" &&
	ok "--worktree: the same UIDs and Atom ids as the commit's build" ||
	not_ok "--worktree: the same UIDs and Atom ids as the commit's build" "$(diff "$WORK/first.names" "$WORK/wt.names" | head -6)"

moved() { # NAME URL WHAT
	seturl "$2" "$1"
	build "$1" "the site builds at $3"
	names "$1"
	if cmp -s "$WORK/first.names" "$WORK/$1.names"; then
		ok "$3: every UID (programme.ics, each workshop's .ics, programme.json) and Atom id is the first one"
	else
		not_ok "$3: every UID (programme.ics, each workshop's .ics, programme.json) and Atom id is the first one" \
			"$(diff "$WORK/first.names" "$WORK/$1.names" | head -6)"
	fi
}
moved https https://$OLD/ "https instead of http"
moved domain https://journee.saint-aubin.fr/ "a new domain"
contains "the events link to the new domain" "$WORK/domain.hosts" "HOSTS journee.saint-aubin.fr"
contains "the feed links to the new domain" "$WORK/domain/flux.xml" 'href="https://journee.saint-aubin.fr/flux.xml"'
line=$(grep -n '^url:' "$Y" | cut -d: -f1)
contains "the build says the site moved, at site.yaml's url line" "$WORK/domain.err" \
	"site.yaml:$line:6: warning: url: the site's address changed, from https://$OLD/ to https://journee.saint-aubin.fr/; residents' calendars and feed readers keep knowing its workshops by the first address (http://$OLD/)"
contains "and what to do at the old address" "$WORK/domain.err" "/programme.ics included, redirected (301)"
contains "and the command that writes it" "$WORK/domain.err" "fabrique redirect --out DIR writes them"
(cd "$R" && LANGUAGE= LC_ALL=fr_FR.UTF-8 "$FABRIQUE" check content) >"$WORK/fr.err" 2>&1
contains "in French for a French webmaster" "$WORK/fr.err" \
	"site.yaml:$line:6: avertissement : url : l’adresse du site a changé, de https://$OLD/ à https://journee.saint-aubin.fr/"
(cd "$R" && "$FABRIQUE" check --strict content) >"$WORK/strict.err" 2>&1
contains "check --strict (the hooks) does not refuse the move" "$WORK/strict.err" "warning: url: the site's address changed"
lacks "nor makes an error of it" "$WORK/strict.err" "error: url: the site"

moved subpath https://mairie.saint-aubin.fr/journee/ "a sub-path of the town hall's host"
contains "the events link to the sub-path" "$WORK/subpath.hosts" "HOSTS mairie.saint-aubin.fr"
contains "said again, from the address before" "$WORK/subpath.err" "from https://journee.saint-aubin.fr/ to https://mairie.saint-aubin.fr/journee/"

# a workshop edited after the move: still the first names, still said
# (site.yaml's last change is the move); another change to site.yaml
# ends the warning, not the names
printf '\n' >>"$R/content/ateliers/degager-le-lavoir.md" && commit_all "$R" "lavoir"
build later "a later commit builds"
contains "said while site.yaml's last change is the move" "$WORK/later.err" "address changed"
sed -i 's/^fuseau: .*/fuseau: Europe\/Paris # heure de Paris/' "$Y" && commit_all "$R" "fuseau"
build settled "a later change to site.yaml builds"
names settled
lacks "not said once site.yaml changed again" "$WORK/settled.err" "address changed"
cmp -s "$WORK/first.names" "$WORK/settled.names" &&
	ok "the names stay the first ones" ||
	not_ok "the names stay the first ones" "$(diff "$WORK/first.names" "$WORK/settled.names" | head -4)"

# the network's calendars: the member's first names too
printf 'url: https://reseau.example/\ncommunes:\n  - depot: site\n' >"$WORK/liste.yaml"
"$FABRIQUE" reseau "$WORK/liste.yaml" --out "$WORK/reseau" 2>"$WORK/reseau.err"
status "the network builds with the moved commune" 0 $?
$PY - "$WORK/reseau/departements/37/ateliers.ics" "$WORK/first.names" <<'EOS' >"$WORK/reseau.names" 2>&1
import sys
from icalendar import Calendar
net = {str(e["UID"]) for e in Calendar.from_ical(open(sys.argv[1], "rb").read()).walk("VEVENT")}
first = {l.split(" ", 1)[1] for l in open(sys.argv[2], encoding="utf-8").read().split("\n") if l.startswith("json-slot ")}
print("same" if net == first and len(net) > 10 else "differ %s" % sorted(net ^ first)[:4])
EOS
contains "the network's calendar gives the commune's workshops their first UIDs" "$WORK/reseau.names" "same"

# url_identifiants: the url events are known by, whatever the history
# says (a site moved under an older fabrique, or a clone without it)
sed -i 's#^url: .*#&\nurl_identifiants: https://ancienne.saint-aubin.example/#' "$Y" && commit_all "$R" "identité"
build pinned "a site with url_identifiants builds"
names pinned
[ "$(grep -c '^/programme.ics ateliers/.*@ancienne.saint-aubin.example$' "$WORK/pinned.names")" -gt 10 ] &&
	! grep -q "@$OLD\$" "$WORK/pinned.names" &&
	ok "url_identifiants: the UIDs are made of it" ||
	not_ok "url_identifiants: the UIDs are made of it" "$(head -3 "$WORK/pinned.names")"
contains "and the feed's ids" "$WORK/pinned.names" "atom tag:ancienne.saint-aubin.example,"
contains "the links still follow url" "$WORK/pinned.hosts" "HOSTS mairie.saint-aubin.fr"
sed -i '/^url_identifiants:/d' "$Y" && commit_all "$R" "sans identité"

# a copy for another commune: its own names, made of its own url
$GIT clone -q "$R" "$WORK/copie"
sed -i 's#^url: .*#url: https://mairie.fr/autre/#; s/nom: Saint-Aubin-des-Levées/nom: Saint-Paul/; s/insee: "37214"/insee: "37230"/' "$WORK/copie/content/site.yaml"
commit_all "$WORK/copie" "Saint-Paul"
"$FABRIQUE" build "$WORK/copie/content" --out "$WORK/copie-out" -q 2>"$WORK/copie.err"
status "another commune's copy builds" 0 $?
names copie-out
[ "$(grep -c '@mairie.fr/autre$' "$WORK/copie-out.names")" -gt 10 ] && ! grep -q "@$OLD\$" "$WORK/copie-out.names" &&
	ok "another commune's copy names its events after its own url" ||
	not_ok "another commune's copy names its events after its own url" "$(head -3 "$WORK/copie-out.names")"
lacks "and is not told it moved" "$WORK/copie.err" "address changed"

# a site made by `fabrique init` with its example address, then given
# its real one as site.yaml's comment asks (outside tester 29 F1): no
# one could meet it at the example address, so its events are known by
# the real one, it is not told it moved, and two communes started so do
# not share their UIDs
starter_site
$GIT config user.name "Mairie" && $GIT config user.email mairie@saint-aubin.fr
grep -q '^url: .*journee-citoyenne.example' site.yaml &&
	ok "init's site.yaml gives the example address" || not_ok "init's site.yaml gives the example address" "$(grep ^url: site.yaml)"
sed -i 's#^url: .*#url: "https://journee.saint-aubin.fr"#' site.yaml && commit_all "$S" "Notre adresse"
"$FABRIQUE" build --out "$WORK/init-out" -q 2>"$WORK/init.err"
status "the starter site builds at its real address" 0 $?
names init-out
grep -q "@journee.saint-aubin.fr$" "$WORK/init-out.names" && ! grep -q "journee-citoyenne.example" "$WORK/init-out.names" &&
	ok "its UIDs are made of the real address, not init's example one" ||
	not_ok "its UIDs are made of the real address, not init's example one" "$(grep -m3 UID "$WORK/init-out/programme.ics")"
contains "and its feed's ids" "$WORK/init-out.names" "atom tag:journee.saint-aubin.fr,"
lacks "it is not told it moved from the example address" "$WORK/init.err" "address changed"
"$FABRIQUE" redirect --built "$WORK/init-out" --out "$WORK/init-redir" >"$WORK/init-redir.err" 2>&1
lacks "fabrique redirect has no old address to send from" "$WORK/init-redir.err" "journee-citoyenne.example"
[ ! -e "$WORK/init-redir" ] && ok "and writes no redirects from the example address" ||
	not_ok "and writes no redirects from the example address" "$(cat "$WORK/init-redir.err")"
