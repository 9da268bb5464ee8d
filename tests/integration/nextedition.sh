#!/bin/sh
# The day next year's edition is created, with no workshop yet (outside
# tester 25 F15): /programme/ says « Le programme 2027 est en
# préparation » with a link to the last edition's page, instead of
# « 0 atelier », an empty filter and « Ajouter à mon agenda »; and
# /programme.ics keeps the last edition's events until the new one has
# a workshop (an empty calendar made subscribed phones drop them all at
# once).  Clean and incremental builds agree.  Calendars read back by
# python3-icalendar and vobject.
. "$(dirname "$0")/../lib.sh"

PY=/usr/bin/python3
starter_site
W=ateliers/nettoyer-les-abords-de-l-ecole.md
# The 2026 edition, its workshop: what the site held all year.
$GIT mv -f editions/2027.yaml editions/2026.yaml
sed -i 's/^date: .*/date: 2026-05-30/' editions/2026.yaml
sed -i 's/^edition: .*/edition: 2026/' "$W"
commit_at 2026-01-10T10:00:00+01:00 "Édition 2026"
OUT=$WORK/public
build() {
	"$FABRIQUE" build . --out "$OUT" >"$WORK/out" 2>"$WORK/.err"
}
build
status "2026: the site builds" 0 $?
# events FILE: the DTSTART of each VEVENT, one a line
events() {
	$PY - "$1" <<'PYEOF'
import sys
import icalendar
import vobject
data = open(sys.argv[1], "rb").read()
vobject.readOne(data.decode("utf-8")).validate()
for e in icalendar.Calendar.from_ical(data).walk("VEVENT"):
    print(e.get("DTSTART").dt.isoformat(), e.get("UID"))
PYEOF
}
events "$OUT/programme.ics" >"$WORK/ev2026"
check "2026: programme.ics holds its workshop" grep -q "^2026-05-30T09:00" "$WORK/ev2026"

# 1 December 2026: editions/2027.yaml written, no workshop yet.
sed 's/^date: .*/date: 2027-05-29/' editions/2026.yaml >editions/2027.yaml
commit_at 2026-12-01T10:00:00+01:00 "Préparation 2027"
build
status "2027 created: the site builds" 0 $?
P=$OUT/programme/index.html
contains "the programme says the next one is in preparation" "$P" \
	"Le programme 2027 est en préparation."
contains "with a link to the last edition's page" "$P" \
	'<a href="/editions/2026/">Revoir l’édition 2026</a>'
lacks "no « 0 atelier »" "$P" "<strong>0</strong>"
lacks "no empty filter" "$P" "Filtrer le programme"
lacks "no « Ajouter à mon agenda »" "$P" "Ajouter à mon agenda"
lacks "nor a subscription to an empty agenda" "$P" "S’abonner à l’agenda"
check "the 2026 edition page is there" test -f "$OUT/editions/2026/index.html"
events "$OUT/programme.ics" >"$WORK/ev"
check "programme.ics keeps the 2026 events meanwhile (read by icalendar and vobject)" \
	cmp -s "$WORK/ev" "$WORK/ev2026"
contains "under the 2026 name" "$OUT/programme.ics" "Journée citoyenne 2026"
cp "$OUT/programme.ics" "$WORK/inc.ics"
rm -rf "$WORK/clean"
"$FABRIQUE" build . --out "$WORK/clean" >/dev/null 2>&1
check "a clean build gives the same programme.ics" cmp -s "$WORK/inc.ics" "$WORK/clean/programme.ics"
check "and the same programme page" cmp -s "$P" "$WORK/clean/programme/index.html"

# The first 2027 workshop: the programme is back, the calendar is 2027's.
sed 's/^titre: .*/titre: Planter des haies/; s/^edition: .*/edition: 2027/' \
	"$W" >ateliers/planter-des-haies.md
commit_at 2026-12-05T10:00:00+01:00 "Premier atelier 2027"
build
status "the first 2027 workshop: the site builds" 0 $?
lacks "no more « en préparation »" "$P" "en préparation"
contains "the count is back" "$P" "<strong>1</strong> atelier"
contains "the calendar links are back" "$P" "Ajouter à mon agenda"
events "$OUT/programme.ics" >"$WORK/ev"
check "programme.ics holds the 2027 workshop only" \
	test "$(cut -c1-10 "$WORK/ev")" = "2027-05-29"
rm -rf "$WORK/clean"
"$FABRIQUE" build . --out "$WORK/clean" >/dev/null 2>&1
check "clean and incremental agree" cmp -s "$OUT/programme.ics" "$WORK/clean/programme.ics"
