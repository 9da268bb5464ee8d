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

for p in index.html carte/index.html recherche/index.html 404.html flux.xml recherche/index.json \
	regions/centre-val-de-loire/index.html regions/corse/index.html regions/la-reunion/index.html \
	departements/37/index.html departements/2A/index.html departements/974/index.html \
	departements/37/ateliers.ics departements/2A/ateliers.ics departements/974/ateliers.ics \
	communes/37299-saint-aubin-des-levees/index.html communes/2A004-ajaccio-sur-mer/index.html \
	communes/97411-saint-denis-des-cannes/index.html; do
	[ -s "$O/$p" ] || missing="${missing:-} $p"
done
if [ -z "${missing:-}" ]; then ok "home, map, search, régions, départements (2A, 974), communes, calendars, feed"
else not_ok "pages of the network site" "missing:$missing"; fi
lacks "no page for the broken commune" "$O/index.html" "casse"
[ ! -d "$O/departements/20" ] && ok "Corsica is 2A, not 20" || not_ok "Corsica is 2A, not 20"

contains "the home counts communes" "$O/index.html" "<strong>3</strong> communes"
contains "and workshops" "$O/index.html" "<strong>72</strong> ateliers"
contains "a région lists its départements" "$O/regions/corse/index.html" \
	'<a href="/departements/2A/">Corse-du-Sud (2A)</a>'
contains "a département lists its communes" "$O/departements/974/index.html" \
	'<a href="/communes/97411-saint-denis-des-cannes/">Saint-Denis-des-Cannes</a>'
contains "a commune page shows its workshops" "$O/communes/2A004-ajaccio-sur-mer/index.html" \
	"Nettoyer la plage du Ricanto"
contains "with times in the commune's zone" "$O/communes/97411-saint-denis-des-cannes/index.html" \
	"samedi 23 mai 2026, 9 h – 12 h"
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
assert pos["2A004"][0] > pos["37299"][0] + 250 and pos["2A004"][1] > pos["37299"][1] + 250, pos
assert "https://" not in svg.replace("http://www.w3.org/2000/svg", ""), "external reference in the map"
print("ok - the map: one linked point per commune, Corsica south-east, Réunion in its inset, no external request")
# Calendars per département: parsed strictly, one event per timing.
slots = sum(len(e["timings"]) for e in json.load(open(net + "/saint-denis.json", encoding="utf-8"))["events"])
assert slots > 24, slots  # a workshop with two slots gives two events
for dept, insee, off in (("37", "37299", "+02:00"), ("974", "97411", "+04:00")):
    cal = Calendar.from_ical(open("%s/departements/%s/ateliers.ics" % (out, dept), "rb").read())
    evs = [c for c in cal.walk("VEVENT")]
    assert len(evs) == slots, (dept, len(evs), slots)
    starts = sorted(e.decoded("DTSTART").isoformat() for e in evs)
    assert any(s.endswith(off) for s in starts), (dept, starts[:3])
print("ok - calendars per département parse (icalendar), one event per slot, local offsets kept")
# Search: every commune and workshop, French-aware.
ix = json.load(open(out + "/recherche/index.json", encoding="utf-8"))
urls = [d[0] for d in ix["docs"]]
assert len(urls) == 3 + 72, len(urls)
assert "ricanto" in ix["terms"] and "vetiv" in ix["terms"] or "vetiver" in ix["terms"], sorted(ix["terms"])[:20]
assert any(u.startswith("/communes/97411-saint-denis-des-cannes/#atelier-") for u in urls)
print("ok - one search index over the communes and all their workshops, folded and stemmed")
EOS
$PY "$WORK/check.py" "$O" "$N" || not_ok "network site checks (see above)"
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
LANG=fr_FR.UTF-8 LC_ALL=fr_FR.UTF-8 "$FABRIQUE" reseau "$N/liste.yaml" --out "$O" -q 2>"$WORK/.err"
contains "messages in French when LANG is French" "$WORK/.err" "membre « nulle-part » laissé de côté"
