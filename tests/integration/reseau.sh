#!/bin/sh
# fabrique reseau: a network site built from real member repositories (a
# work tree, a bare repository at a ref), a published programme.json, and
# three broken members (content error, no repository, schema errors), each
# reported by name and reason and left out while the others are built.
# Checks the pages per région, département (from the INSEE code, Corsica's
# 2A included) and commune, the map, the search index, the calendars per
# département (python3-icalendar), the Atom feed (xmllint), and that a
# failed run leaves the previous site intact.
. "$(dirname "$0")/../lib.sh"
PY=/usr/bin/python3
export FABRIQUE_THEMES=$TOP/themes
N=$WORK/net
mkreseau "$N"
O=$WORK/site

"$FABRIQUE" reseau "$N/liste.yaml" --out "$O" 2>"$WORK/.err"
status "fabrique reseau builds despite three broken members" 0 $?
contains "the broken repository is named, with the content error" "$WORK/.err" \
	"member 'casse' left out: content/ateliers/repeindre-le-preau.md:2"
contains "the missing repository is named" "$WORK/.err" "member 'nulle-part' left out:"
contains "the programme breaking the schema is named, with the schema errors" "$WORK/.err" \
	"member 'faux.json' left out: 2 schema error(s) in its programme: /events/1/title: is too short; /events/2/status: is not one of the allowed values"
contains "the summary counts members built and left out" "$WORK/.err" \
	"network site of 3 communes (72 workshops)"
contains "and says 3 were left out" "$WORK/.err" "3 member(s) left out"

for p in index.html carte/index.html recherche/index.html 404.html flux.xml recherche/corse.json \
	regions/centre-val-de-loire/index.html regions/corse/index.html regions/la-reunion/index.html \
	departements/37/index.html departements/2A/index.html departements/974/index.html \
	departements/37/ateliers.ics departements/2A/ateliers.ics departements/974/ateliers.ics \
	communes/37214-saint-aubin-des-levees/index.html communes/2A004-ajaccio-sur-mer/index.html \
	communes/97411-saint-denis-des-cannes/index.html; do
	[ -s "$O/$p" ] || missing="${missing:-} $p"
done
if [ -z "${missing:-}" ]; then ok "home, map, search, régions, départements (2A, 974), communes, calendars, feed"
else not_ok "pages of the network site" "missing:$missing"; fi
lacks "no page for the broken commune" "$O/index.html" "casse"
[ ! -d "$O/departements/20" ] && ok "Corsica is 2A, not 20" || not_ok "Corsica is 2A, not 20"

contains "the home counts communes" "$O/index.html" "<strong>3</strong> communes"
contains "and workshops" "$O/index.html" "<strong>72</strong> ateliers"
# counts in French: 0 and 1 are singular (outside tester 25 F14)
contains "three départements, plural" "$O/index.html" "<strong>3</strong> départements"
contains "Corsica's one commune, singular, on its région's page" "$O/regions/corse/index.html" "<p>1 commune, "
contains "and on its département's" "$O/departements/2A/index.html" "<p>1 commune, "
lacks "no « 1 communes » anywhere" "$O/regions/corse/index.html" "1 communes"
lacks "no « 1 régions » or « 1 départements » on the regions' list" "$O/index.html" "(1 communes"
lacks "the 404 page gives no canonical address (/404/ has no file)" "$O/404.html" 'rel="canonical"'
contains "and asks not to be indexed" "$O/404.html" '<meta name="robots" content="noindex">'
contains "a région lists its départements" "$O/regions/corse/index.html" \
	'<a href="/departements/2A/">Corse-du-Sud (2A)</a>'
contains "a département lists its communes" "$O/departements/974/index.html" \
	'<a href="/communes/97411-saint-denis-des-cannes/">Saint-Denis-des-Cannes</a>'
# the département's calendar as a subscription, that follows changes
# and cancellations, the download second; each commune's own
# subscription on its page (outside tester 29 F8)
contains "a département offers its calendar as a subscription (webcal://)" "$O/departements/37/index.html" \
	'<a href="webcal://reseau.example/departements/37/ateliers.ics">S’abonner à l’agenda du département</a>'
contains "and the download, once" "$O/departements/37/index.html" \
	'<a href="/departements/37/ateliers.ics" type="text/calendar" download>Tous les ateliers du département dans votre agenda (.ics), une fois</a>'
contains "a commune's page offers its own calendar's subscription" "$O/communes/2A004-ajaccio-sur-mer/index.html" \
	'<a href="webcal://jc.ajaccio-sur-mer.example/programme.ics">s’abonner à son agenda</a>'
contains "a commune page shows its workshops" "$O/communes/2A004-ajaccio-sur-mer/index.html" \
	"Nettoyer la plage du Ricanto"
contains "and its meeting point, labelled in text and escaped, as its calendar says it (cal29)" \
	"$O/communes/2A004-ajaccio-sur-mer/index.html" \
	'<span class="libelle">Rendez-vous :</span> Devant le kiosque &amp; la fontaine, côté port</p>'
contains "with times in the commune's zone, each time kept on one line (no-break spaces)" \
	"$O/communes/97411-saint-denis-des-cannes/index.html" \
	"samedi 23 mai 2026, 9$(printf '\302\240')h – 12$(printf '\302\240')h"
contains "and links to the commune's own site" "$O/communes/2A004-ajaccio-sur-mer/index.html" \
	'href="https://jc.ajaccio-sur-mer.example/ateliers/'

cat >"$WORK/check.py" <<'EOS'
import json, os, re, sys
from icalendar import Calendar
out, net = sys.argv[1:3]
# The map: one linked point per commune, each page exists; the Réunion
# point is in its inset (below the mainland), Corsica's in the south-east.
svg = re.search(r"<svg.*?</svg>", open(out + "/carte/index.html", encoding="utf-8").read(), re.S).group(0)
pts = re.findall(r'<a href="([^"]+)"><circle cx="([\d.]+)" cy="([\d.]+)"', svg)
assert len(pts) == 3, pts
for href, x, y in pts:
    assert os.path.isfile(out + href + "index.html"), href
pos = {h.split("/")[2][:5]: (float(x), float(y)) for h, x, y in pts}
assert pos["97411"][1] > 600 and 316 <= pos["97411"][0] <= 412, pos
assert pos["2A004"][0] > pos["37214"][0] + 250 and pos["2A004"][1] > pos["37214"][1] + 250, pos
assert "https://" not in svg.replace("http://www.w3.org/2000/svg", ""), "external reference in the map"
print("ok - the map: one linked point per commune, Corsica south-east, Réunion in its inset, no external request")
# Calendars per département: parsed strictly, one event per timing.
slots = sum(len(e["timings"]) for e in json.load(open(net + "/saint-denis.json", encoding="utf-8"))["events"])
assert slots > 24, slots  # a workshop with two slots gives two events
for dept, insee, off in (("37", "37214", "+02:00"), ("974", "97411", "+04:00")):
    cal = Calendar.from_ical(open("%s/departements/%s/ateliers.ics" % (out, dept), "rb").read())
    evs = [c for c in cal.walk("VEVENT")]
    assert len(evs) == slots, (dept, len(evs), slots)
    starts = sorted(e.decoded("DTSTART").isoformat() for e in evs)
    assert any(s.endswith(off) for s in starts), (dept, starts[:3])
    # subscribed: fetched again within the hour (outside tester 26 F14)
    assert str(cal.get("REFRESH-INTERVAL")) == "PT1H" and str(cal.get("X-PUBLISHED-TTL")) == "PT1H", dict(cal)
print("ok - calendars per département parse (icalendar), one event per slot, local offsets kept, refreshed hourly")
# Search: one index per région with members, every commune and workshop
# in the index of its région, French-aware.
shards = sorted(f for f in os.listdir(out + "/recherche") if f.endswith(".json"))
assert shards == ["centre-val-de-loire.json", "corse.json", "la-reunion.json"], shards
ix = {f: json.load(open(out + "/recherche/" + f, encoding="utf-8")) for f in shards}
urls = [d[0] for f in shards for d in ix[f]["docs"]]
assert len(urls) == 3 + 72, len(urls)
assert all(d[0].startswith("/communes/2A004-") for d in ix["corse.json"]["docs"]), ix["corse.json"]["docs"][:2]
assert "ricanto" in ix["corse.json"]["terms"] and "ricanto" not in ix["la-reunion.json"]["terms"]
assert "vetiv" in ix["la-reunion.json"]["terms"] or "vetiver" in ix["la-reunion.json"]["terms"], sorted(ix["la-reunion.json"]["terms"])[:20]
assert any(u.startswith("/communes/97411-saint-denis-des-cannes/#atelier-") for u in urls)
page = open(out + "/recherche/index.html", encoding="utf-8").read()
assert page.count("data-index=\"/recherche/") == 3 and 'data-index="/recherche/corse.json"' in page, page
print("ok - one search index per région, over its communes and all their workshops, folded and stemmed; the search page offers each")
EOS
$PY "$WORK/check.py" "$O" "$N" || not_ok "network site checks (see above)"
# A cancelled workshop says so in its title in the network's calendar as
# in the commune's own (outside tester 23 F8): many apps show a cancelled
# event like any other, and a phone subscribed to both holds one UID.
"$FABRIQUE" build "$N/saint-aubin/content" --out "$WORK/sa-own" -q 2>/dev/null
$PY - "$WORK/sa-own/programme.ics" "$O/departements/37/ateliers.ics" >"$WORK/cancel.out" 2>&1 <<'EOS'
import sys
from icalendar import Calendar
def cancelled(path):
    cal = Calendar.from_ical(open(path, "rb").read())
    return {str(e["UID"]): str(e["SUMMARY"]) for e in cal.walk("VEVENT") if str(e.get("STATUS")) == "CANCELLED"}
own, net = cancelled(sys.argv[1]), cancelled(sys.argv[2])
assert own and set(own) <= set(net), (own, net)
for uid, title in own.items():
    assert title.startswith("Annulé : ") and net[uid].startswith("Annulé : "), (uid, title, net[uid])
print(len(own), sorted(net.values())[0])
EOS
st=$?
[ "$st" = 0 ] && ok "a cancelled workshop's title starts « Annulé : » in the network's calendar as in the commune's: $(cat "$WORK/cancel.out")" ||
	not_ok "a cancelled workshop's title starts « Annulé : » in the network's calendar as in the commune's" "$(cat "$WORK/cancel.out")"
check "xmllint: the feed of new communes is well-formed" xmllint --noout "$O/flux.xml"
n=$(grep -c "<entry>" "$O/flux.xml")
[ "$n" = 3 ] && ok "the feed has one entry per commune" || not_ok "the feed has one entry per commune" "got $n"

# Nothing written outside the output; a failed run keeps the last site.
before=$(snapshot "$O")
"$FABRIQUE" reseau "$N/absente.yaml" --out "$O" 2>"$WORK/.err"
st=$?
[ "$st" -ne 0 ] && ok "an unreadable list fails (status $st)" || not_ok "an unreadable list fails"
contains "and says which file" "$WORK/.err" "absente.yaml"
[ "$before" = "$(snapshot "$O")" ] && ok "the previous network site is intact" ||
	not_ok "the previous network site is intact"
printf 'communes: 12\n' >"$N/mauvaise.yaml"
"$FABRIQUE" reseau "$N/mauvaise.yaml" --out "$O" 2>"$WORK/.err"
status "a list without a communes: list is refused" 1 $?
contains "with the place and what to write" "$WORK/.err" "mauvaise.yaml:1:1: error: the list has no 'communes:' list"
# Under a path (https://federation.example/reseau/, a federation's
# sub-folder): every address the network's site writes to itself - the
# pages' links and assets, the map's points, the search page's indexes
# and their documents, the service worker's precache list and offline
# page, the feed - is under /reseau/, and each answers 200 when the output
# is served at /reseau/ by a real HTTP server on 127.0.0.1.  Before, the
# list was refused at its url (and earlier, every page linked /communes/,
# /assets/, / from the domain's root).
sed 's|^url: .*|url: https://federation.example/reseau/|' "$N/liste.yaml" >"$N/chemin.yaml"
mkdir -p "$WORK/srv"
"$FABRIQUE" reseau "$N/chemin.yaml" --out "$WORK/srv/reseau" -q 2>"$WORK/.err"
status "a network site under a path builds" 0 $?
P=$WORK/srv/reseau
contains "a département links its communes under /reseau/" "$P/departements/974/index.html" \
	'<a href="/reseau/communes/97411-saint-denis-des-cannes/">Saint-Denis-des-Cannes</a>'
contains "the map's points lead under /reseau/" "$P/carte/index.html" \
	'<a href="/reseau/communes/2A004-ajaccio-sur-mer/"><circle'
contains "the canonical link is the url's, with one /" "$P/carte/index.html" \
	'<link rel="canonical" href="https://federation.example/reseau/carte/">'
contains "the search page loads its région's index under /reseau/" "$P/recherche/index.html" \
	'data-index="/reseau/recherche/corse.json"'
contains "the service worker is registered under /reseau/" "$P/index.html" "'/reseau/sw.js'"
contains "its offline page is /reseau/hors-ligne/" "$P/sw.js" "var OFFLINE = '/reseau/hors-ligne/';"
contains "the home and the offline page are precached, under /reseau/" "$P/sw.js" '"/reseau/","/reseau/hors-ligne/"]'
contains "the feed's own address is under /reseau/" "$P/flux.xml" \
	'href="https://federation.example/reseau/flux.xml"'
PORT=$($PY -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
$PY -m http.server --bind 127.0.0.1 --directory "$WORK/srv" "$PORT" >"$WORK/http.log" 2>&1 &
HTTP=$!
trap 'kill $HTTP 2>/dev/null; rm -rf "$WORK"' EXIT
i=0
until curl -s -o /dev/null "http://127.0.0.1:$PORT/reseau/" || [ $i -ge 50 ]; do
	sleep 0.1; i=$((i + 1))
done
code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/reseau/")
check "the server serves the network site at /reseau/" test "$code" = 200
$PY "$TOP/tests/integration/subpath_check.py" --network "$P" \
	https://federation.example/reseau/ "$PORT" || not_ok "subpath_check.py ran"
kill $HTTP 2>/dev/null
wait $HTTP 2>/dev/null
trap 'rm -rf "$WORK"' EXIT
# At the domain's root, a url with its last / or without gives the same
# site (before, https://reseau.example/ linked https://reseau.example//flux.xml).
sed 's|^url: .*|url: https://reseau.example/|' "$N/liste.yaml" >"$N/slash.yaml"
SOURCE_DATE_EPOCH=1780000000 "$FABRIQUE" reseau "$N/liste.yaml" --out "$WORK/root" -q 2>/dev/null
SOURCE_DATE_EPOCH=1780000000 "$FABRIQUE" reseau "$N/slash.yaml" --out "$WORK/root-slash" -q 2>/dev/null
check "at the root, a url with or without its last / gives the same site, byte for byte" \
	diff -r "$WORK/root" "$WORK/root-slash"
if grep -rl -e '/reseau/' -e 'reseau\.chemin' "$WORK/root" >"$WORK/root.hits"; then
	not_ok "at the root no file names a base path" "$(cat "$WORK/root.hits")"
else ok "at the root no file names a base path"; fi
LANG=fr_FR.UTF-8 LANGUAGE= LC_ALL=fr_FR.UTF-8 "$FABRIQUE" reseau "$N/liste.yaml" --out "$O" -q 2>"$WORK/.err"
contains "messages in French when LANG is French" "$WORK/.err" "membre « nulle-part » laissé de côté"

# Incremental rebuilds: after each step (one commune's new commit, a member
# added, removed, broken, fixed, a programme.json changed in place, a page
# of the output edited by hand) the network site rebuilt over the last one
# equals byte for byte a clean build into an empty folder with an empty
# cache, and says the same about the members left out.
export SOURCE_DATE_EPOCH=1780000000
I=$WORK/inc
mkreseau "$I"
step=0
rebuild() { # rebuild WHAT: the incremental build, then a clean one, compared
	step=$((step + 1))
	"$FABRIQUE" reseau "$I/liste.yaml" --out "$WORK/inc-site" --cache "$WORK/inc-cache" -v \
		2>"$WORK/inc.err" >/dev/null
	st=$?
	"$FABRIQUE" reseau "$I/liste.yaml" --out "$WORK/clean-$step" --cache "$WORK/clean-cache-$step" \
		2>"$WORK/clean.err" >/dev/null
	cst=$?
	if [ "$st" -ne 0 ] || [ "$cst" -ne 0 ]; then
		not_ok "$1: both builds succeed" "$(cat "$WORK/inc.err" "$WORK/clean.err")"
	elif ! diff -r "$WORK/inc-site" "$WORK/clean-$step" >"$WORK/inc.diff" 2>&1; then
		not_ok "$1: the incremental build equals a clean build" "$(head -n 20 "$WORK/inc.diff")"
	elif [ "$(grep 'warning: member' "$WORK/inc.err")" != "$(grep 'warning: member' "$WORK/clean.err")" ]; then
		not_ok "$1: the same members are reported left out" "$(cat "$WORK/inc.err" "$WORK/clean.err")"
	else
		ok "$1: the incremental build equals a clean build, byte for byte"
	fi
	rm -rf "$WORK/clean-$step" "$WORK/clean-cache-$step"
}
inode() { stat -c %i "$WORK/inc-site/$1"; }
AJ=communes/2A004-ajaccio-sur-mer/index.html
SA=communes/37214-saint-aubin-des-levees/index.html

rebuild "first build"
"$FABRIQUE" reseau "$I/liste.yaml" --out "$WORK/inc-site" --cache "$WORK/inc-cache" -v 2>"$WORK/inc.err"
contains "a rebuild with nothing changed reads no member again" "$WORK/inc.err" \
	"3 member(s) unchanged since the last build"
before=$(inode $AJ)
sed -i '0,/^titre: .*/s//titre: Repeindre le grand préau/' "$I/saint-aubin/content/ateliers/repeindre-le-preau.md"
commit_all "$I/saint-aubin" "Nouveau titre"
rebuild "one commune's new commit"
contains "only that commune is read again" "$WORK/inc.err" "2 member(s) unchanged since the last build"
contains "its page shows the change" "$WORK/inc-site/$SA" "Repeindre le grand préau"
[ "$(inode $AJ)" = "$before" ] && ok "an unchanged commune's page is kept from the last build (same file)" ||
	not_ok "an unchanged commune's page is kept from the last build (same file)"

sed 's/97411/97416/g; s/Saint-Denis-des-Cannes/Saint-Pierre-des-Cannes/g; s/saint-denis-des-cannes/saint-pierre-des-cannes/g' \
	"$I/saint-denis.json" >"$I/saint-pierre.json"
printf '  - programme: saint-pierre.json\n' >>"$I/liste.yaml"
rebuild "a member added"
[ -f "$WORK/inc-site/communes/97416-saint-pierre-des-cannes/index.html" ] && ok "the new member has its page" ||
	not_ok "the new member has its page"
sed -i '/depot: ajaccio.git/,/ref: main/d' "$I/liste.yaml"
rebuild "a member removed"
[ ! -e "$WORK/inc-site/$AJ" ] && [ ! -e "$WORK/inc-site/recherche/corse.json" ] &&
	ok "the removed member's page and its région's search index are gone" ||
	not_ok "the removed member's page and its région's search index are gone"
sed -i '0,/^titre: .*/s//titre:/' "$I/saint-aubin/content/ateliers/degager-le-lavoir.md"
commit_all "$I/saint-aubin" "Titre effacé"
rebuild "a member broken"
contains "the broken member is reported" "$WORK/inc.err" "member 'saint-aubin' left out"
[ ! -e "$WORK/inc-site/$SA" ] && ok "and its page is gone" || not_ok "and its page is gone"
(cd "$I/saint-aubin" && $GIT revert --no-edit HEAD >/dev/null)
rebuild "the member fixed"
contains "its page is back" "$WORK/inc-site/$SA" "Repeindre le grand préau"
# Same size, same second: only the content's hash can tell.
sed -i 's/Planter des vétivers/Planter des vétiverZ/' "$I/saint-denis.json"
rebuild "a programme.json changed in place (same size)"
contains "its page shows the change" "$WORK/inc-site/communes/97411-saint-denis-des-cannes/index.html" \
	"Planter des vétiverZ"
touch "$I/saint-pierre.json"
rebuild "a programme.json touched, unchanged"
echo "edited by hand" >>"$WORK/inc-site/communes/97416-saint-pierre-des-cannes/index.html"
rebuild "a page of the output edited by hand"
# A programme written by a newer fabrique, with members this one does not
# know: taken all the same (a reader ignores what it does not know), the
# members named in a warning, on a rebuild from the cache too.
$PY - "$I/saint-pierre.json" <<'EOS'
import json, sys
p = json.load(open(sys.argv[1], encoding="utf-8"))
p["generator"] = "fabrique 2027"
p["events"][0]["timings"][0]["seats"] = 12
json.dump(p, open(sys.argv[1], "w", encoding="utf-8"), ensure_ascii=False)
EOS
rebuild "a programme.json from a newer fabrique"
SP=communes/97416-saint-pierre-des-cannes/index.html
contains "a newer programme's commune keeps its page" "$WORK/inc-site/$SP" "Saint-Pierre-des-Cannes"
contains "the fields it does not know are named, and what to do" "$WORK/inc.err" \
	"member 'saint-pierre.json': its programme has fields this version of fabrique does not know, left out: /events/0/timings/0/seats; /generator; it was written by a newer fabrique: update the network's fabrique to publish them"
rebuild "the newer programme again, from the cache"
contains "the warning is given again when the member is taken from the cache" "$WORK/inc.err" \
	"member 'saint-pierre.json': its programme has fields"
contains "(that build took the member from the cache)" "$WORK/inc.err" "3 member(s) unchanged since the last build"
unset SOURCE_DATE_EPOCH
