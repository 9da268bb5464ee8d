#!/bin/sh
# A site published by fabrique before 1 Dec 2026 (2fa1216) and built by
# this one (outside tester 29 F4): site.yaml's « identifiants: 2026-11 »
# keeps the names residents' calendars and feed readers hold, byte for
# byte as 2fa1216 wrote them (written here literally: UIDs …@host
# without the site's path, Atom ids the page's url), for a site under a
# path and one at its domain's root; « 2026-12 » is the current forms;
# another value is an error saying the accepted ones.  Without the line,
# the first build over a site holding the older names warns (English and
# French, at site.yaml's url line, --strict still builds), once; a build
# into a fresh folder, or over the newer names, says nothing; fabrique
# publish warns over a live release holding the older names.
. "$(dirname "$0")/../lib.sh"
export FABRIQUE_THEMES=$TOP/themes
R=$WORK/site
mkrepo "$R"
Y=$R/content/site.yaml
H=www.ville-chinon.fr
sed -i "s#^url: .*#url: https://$H/journee/#" "$Y" && (cd "$R" && $GIT commit -qa --amend --no-edit)
setids() { sed -i '/^identifiants:/d' "$Y"; [ -z "$1" ] || echo "identifiants: $1" >>"$Y"; commit_all "$R" "identifiants $1"; }
build() { "$FABRIQUE" build "$R/content" --out "$WORK/$1" $3 2>"$WORK/$1.err"; status "$2" 0 $?; }
# line NAME FILE LINE: FILE (its CRs dropped) holds LINE, whole
line() {
	if tr -d '\r' <"$2" | grep -qxF -- "$3"; then ok "$1"; else
		not_ok "$1" "expected the line: $3" "$(tr -d '\r' <"$2" | grep -F -- "${3%%@*}" | head -3)"; fi
}
A=ateliers/baliser-le-sentier-des-perrieres
B=ateliers/monter-et-ranger-les-barnums
json_uid() { python3 -c 'import json,sys
for e in json.load(open(sys.argv[1]))["events"]:
    print(e["uid"])' "$WORK/$1/programme.json"; }

# --- a site under a path, « identifiants: 2026-11 »: what 2fa1216 wrote
setids 2026-11
build old "a site under a path builds with identifiants: 2026-11"
line "programme.ics: a workshop's UID is KEY@HOST, without the path" "$WORK/old/programme.ics" "UID:$A@$H"
line "programme.ics: a slot's UID is KEY/creneau-N@HOST" "$WORK/old/programme.ics" "UID:$B/creneau-2@$H"
line "the workshop's atelier.ics: the same UID" "$WORK/old/$A/atelier.ics" "UID:$A@$H"
line "a slot's creneau-1.ics: KEY/creneau-1@HOST" "$WORK/old/$B/creneau-1.ics" "UID:$B/creneau-1@$H"
line "flux.xml: a workshop's id is its page's url" "$WORK/old/flux.xml" "    <id>https://$H/journee/$A/</id>"
n=$(grep -rh '^UID:' "$WORK/old" --include='*.ics' | grep -c "@$H/journee")
[ "$n" = 0 ] && grep -q '^UID:' "$WORK/old/programme.ics" && ! grep -q '<id>tag:' "$WORK/old/flux.xml" &&
	ok "no UID names the path, no Atom id is a tag URI" ||
	not_ok "no UID names the path, no Atom id is a tag URI" "$n UID(s) with the path" "$(grep '<id>tag:' "$WORK/old/flux.xml" | head -2)"
json_uid old >"$WORK/old.json"
line "programme.json (the network's copy): the same uid" "$WORK/old.json" "$A@$H"
cut -d, -f1 "$WORK/old/programme.csv" >"$WORK/old.csv"
line "programme.csv: the same uid" "$WORK/old.csv" "$A@$H"
(cd "$R" && "$FABRIQUE" check content >"$WORK/chk.out" 2>&1); status "fabrique check accepts identifiants: 2026-11" 0 $?

# --- the line taken out, over the site holding the older names: warned
setids ""
build old "the first build over the older names builds (exit 0)"
contains "it warns that the names change" "$WORK/old.err" "change with this version of fabrique ($A@$H, in the site this build replaces, becomes $A@$H/journee)"
contains "... at site.yaml's url line" "$WORK/old.err" "content/site.yaml:7:6: warning: the names residents"
contains "... saying the line that keeps them" "$WORK/old.err" "add the line 'identifiants: 2026-11' to site.yaml"
line "... and the build wrote the newer forms" "$WORK/old/programme.ics" "UID:$A@$H/journee"
build old "the next build builds (exit 0)"
lacks "... and says nothing more: the site replaced holds the newer names" "$WORK/old.err" "identifiants"
# French, and --strict (the hooks): a warning, not an error
setids 2026-11; build fr "built again with identifiants: 2026-11"; setids ""
(cd "$R" && LANGUAGE= LC_ALL=fr_FR.UTF-8 "$FABRIQUE" build content --out "$WORK/fr" --strict >"$WORK/fr.err" 2>&1); status "--strict builds over the older names (exit 0)" 0 $?
contains "the warning in French, with the line to add" "$WORK/fr.err" "avertissement : les identifiants sous lesquels les agendas des habitants et les lecteurs de flux connaissent les ateliers changent avec cette version de fabrique (« $A@$H »"
contains "... « identifiants: 2026-11 »" "$WORK/fr.err" "ajoutez à site.yaml la ligne « identifiants: 2026-11 »"
# identifiants: 2026-12 keeps the newer forms, and says nothing
setids 2026-11; build pin "built again with identifiants: 2026-11"; setids 2026-12
build pin "identifiants: 2026-12 builds over the older names"
lacks "... without the warning (the webmaster chose)" "$WORK/pin.err" "identifiants"
line "... with UIDs naming the path" "$WORK/pin/programme.ics" "UID:$A@$H/journee"
contains "... and a workshop's Atom id a tag URI" "$WORK/pin/flux.xml" "<id>tag:$H,"
# a fresh folder: nothing to warn of
setids ""
build fresh "a build into a fresh folder"
lacks "... says nothing of the names" "$WORK/fresh.err" "identifiants"

# fabrique publish: the site replaced is the live release
setids 2026-11
(cd "$R" && "$FABRIQUE" publish content --out "$WORK/www" -q) 2>"$WORK/pub1.err"; status "publish with identifiants: 2026-11" 0 $?
line "... the live release holds the older UIDs" "$WORK/www/current/programme.ics" "UID:$A@$H"
setids ""
(cd "$R" && "$FABRIQUE" publish content --out "$WORK/www") 2>"$WORK/pub2.err"; status "publish without the line (exit 0)" 0 $?
contains "... warns, the live release holding the older names" "$WORK/pub2.err" "in the site this build replaces, becomes $A@$H/journee"
line "... and publishes the newer ones" "$WORK/www/current/programme.ics" "UID:$A@$H/journee"

# --- an unknown value: an error at its line and column, the accepted values
setids 2026-10
(cd "$R" && LANGUAGE= LC_ALL=fr_FR.UTF-8 "$FABRIQUE" check content >"$WORK/bad.out" 2>&1); status "identifiants: 2026-10: fabrique check exits 1" 1 $?
contains "... at site.yaml:LINE:COL, in French, with the accepted values" "$WORK/bad.out" "site.yaml:$(grep -n '^identifiants' "$Y" | cut -d: -f1):15: erreur : « identifiants » doit être l’une de ces valeurs : 2026-11, 2026-12 ; reçu « 2026-10 »"
before=$(snapshot "$WORK/fresh")
"$FABRIQUE" build "$R/content" --out "$WORK/fresh" -q 2>/dev/null; st=$?
[ "$st" = 1 ] && [ "$(snapshot "$WORK/fresh")" = "$before" ] &&
	ok "... fabrique build exits 1 and leaves the site as it was" ||
	not_ok "... fabrique build exits 1 and leaves the site as it was" "exit $st"

# --- a site at its domain's root (a repository of its own: a moved site
# keeps its first url): the UIDs never changed, the Atom ids did
H=journee.ville-chinon.fr
R=$WORK/root-site
mkrepo "$R"
Y=$R/content/site.yaml
sed -i "s#^url: .*#url: https://$H/#" "$Y" && (cd "$R" && $GIT commit -qa --amend --no-edit)
setids 2026-11
build root "a site at its root builds with identifiants: 2026-11"
line "its UIDs: KEY@HOST" "$WORK/root/programme.ics" "UID:$A@$H"
line "its Atom ids: the page's url" "$WORK/root/flux.xml" "    <id>https://$H/$A/</id>"
setids ""
build root "the line taken out, it builds"
contains "it warns of the Atom ids, which change" "$WORK/root.err" "in the site this build replaces, becomes tag:$H,"
line "... and writes a workshop's id as a tag URI" "$WORK/root/flux.xml" "    <id>tag:$H,2026:/$A/</id>"
