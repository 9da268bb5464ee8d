#!/bin/sh
# A workshop's slots keep their identity, and are listed by time
# (outside tester 25 F3, F6).  A volunteer adds a slot where it is
# handy, at the top of creneaux: each slot's calendar event kept its
# UID's number from its place in the file (creneau-N), so every
# resident's event jumped to another time; and the page, the programme
# and its printed copy listed the slots in the file's order (« 10 h 30
# – 12 h, 8 h – 10 h 30, 17 h – 18 h »).  Now a slot is known across
# the file's history by its day and times (one whose times change in
# place keeps its number, a new one takes a number never used before),
# the same from incremental builds and from a fresh clone; its own
# SEQUENCE counts its own revisions; every list is in the order of time.
# The calendars are read back by python3-icalendar (and vobject).
. "$(dirname "$0")/../lib.sh"

PY=/usr/bin/python3
starter_site
sed -i 's|^url: .*|url: "https://journee.saint-aubin.fr/"|' site.yaml
n=0
commit() {
	n=$((n + 1))
	$GIT add -A &&
		GIT_AUTHOR_DATE="2026-12-0${n}T10:00:00+01:00" \
			GIT_COMMITTER_DATE="2026-12-0${n}T10:00:00+01:00" \
			$GIT commit -qm "$1"
}
build() { "$FABRIQUE" build . --out "$1" >"$WORK/out" 2>&1; echo $? >"$WORK/rc"; }
Y=$(sed -n 's/^date: \([0-9]*\)-.*/\1/p' editions/*.yaml | sort | tail -n 1)
ED=$(sed -n 's/^date: \([0-9-]*\).*/\1/p' editions/"$Y".yaml)
slots() { # slots LINE...: the barnums workshop with these creneaux
	{
		printf -- '---\ntitre: Monter les barnums\nresume: Monter et démonter les barnums.\n'
		printf 'edition: %s\ncreneaux:\n' "$Y"
		for l in "$@"; do printf '  - %s\n' "$l"; done
		printf 'lieu: {nom: Place, adresse: Place de l’Église}\n'
		printf 'benevoles: 8\nstatut: propose\n---\nCostaud.\n'
	} >ateliers/barnums.md
}
# uids DIR: "START UID SEQUENCE" for each event of DIR/atelier.ics, by time
uids() {
	$PY - "$1/atelier.ics" <<'EOF'
import sys, icalendar, vobject
data = open(sys.argv[1], "rb").read()
vobject.readOne(data.decode("utf-8")).validate()
evs = list(icalendar.Calendar.from_ical(data).walk("VEVENT"))
rows = sorted((e.get("DTSTART").dt.strftime("%H:%M"), str(e.get("UID")).split("@")[0],
               int(e.get("SEQUENCE", 0))) for e in evs)
print(" ".join("%s=%s:%d" % (t, u.rsplit("/", 1)[-1], s) for t, u, s in rows))
EOF
}
# slotfile DIR N: "START UID" of DIR/creneau-N.ics's one event
slotfile() {
	$PY - "$1/creneau-$2.ics" <<'EOF'
import sys, icalendar
evs = list(icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read()).walk("VEVENT"))
print(len(evs), evs[0].get("DTSTART").dt.strftime("%H:%M"), str(evs[0].get("UID")).split("@")[0].rsplit("/", 1)[-1])
EOF
}
same() {
	if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "expected: $2" "got: $3"; fi
}
text() { tr '\n' ' ' <"$1" | sed 's/<[^>]*>//g; s/  */ /g'; }

P=$WORK/public
slots "{date: $ED, debut: 8h, fin: 10h30}" \
	"{date: $ED, debut: \"17:00\", fin: \"18:00\"}" \
	'{debut: "20:00", fin: "21:00"}'
commit "barnums"
build "$P"
same "the site builds" 0 "$(cat "$WORK/rc")"
A=$P/ateliers/barnums
same "three slots, numbered in the file's order" \
	"08:00=creneau-1:0 17:00=creneau-2:0 20:00=creneau-3:0" "$(uids "$A")"

# F3: a slot added at the top keeps the others' numbers
sed -i "s/^creneaux:\$/creneaux:\\n  - {date: $ED, debut: \"10:30\", fin: \"12:00\"}/" ateliers/barnums.md
commit "Un créneau de plus à 10 h 30"
build "$P"
same "a slot added at the top: the others keep their UIDs and SEQUENCE" \
	"08:00=creneau-1:0 10:30=creneau-4:0 17:00=creneau-2:0 20:00=creneau-3:0" "$(uids "$A")"
same "creneau-1.ics is still the 8 h slot" "1 08:00 creneau-1" "$(slotfile "$A" 1)"
same "the new slot's calendar is creneau-4.ics" "1 10:30 creneau-4" "$(slotfile "$A" 4)"

# F6: listed by time on the page, the programme and its printed copy
hours=$(text "$A/index.html" | sed 's/.*Quand//' |
	grep -o '[0-9]* h\( [0-9][0-9]\)\? – [0-9]* h\( [0-9][0-9]\)\?' |
	awk '!s[$0]++' | head -n 4 | tr '\n' ',')
same "the page lists the slots by time" \
	"8 h – 10 h 30,10 h 30 – 12 h,17 h – 18 h,20 h – 21 h," "$hours"
text "$P/programme/index.html" >"$WORK/prog.txt"
contains "so does the programme" "$WORK/prog.txt" \
	"8 h – 10 h 30, 10 h 30 – 12 h, 17 h – 18 h et 20 h – 21 h"
n1=$(grep -o 'creneau-[0-9]*\.ics' "$A/index.html" | tr '\n' ' ')
same "the page links each slot's own calendar, by time" \
	"creneau-1.ics creneau-4.ics creneau-2.ics creneau-3.ics " "$n1"

# a slot moved in place (its times changed): the same UID, SEQUENCE 1
sed -i 's/debut: "17:00", fin: "18:00"/debut: "16:00", fin: "18:00"/' ateliers/barnums.md
commit "17 h -> 16 h"
build "$P"
same "a slot's times changed in place: its UID, its SEQUENCE 1, the others' 0" \
	"08:00=creneau-1:0 10:30=creneau-4:0 16:00=creneau-2:1 20:00=creneau-3:0" "$(uids "$A")"

# slots reordered, one removed: the others keep their numbers
slots '{debut: "20:00", fin: "21:00"}' \
	"{date: $ED, debut: \"16:00\", fin: \"18:00\"}" \
	"{date: $ED, debut: 8h, fin: 10h30}"
commit "sans 10 h 30, dans le désordre"
build "$P"
same "reordered, one removed: each keeps its UID" \
	"08:00=creneau-1:0 16:00=creneau-2:1 20:00=creneau-3:0" "$(uids "$A")"
# a new slot takes a number never used before, not the removed one's
sed -i "s/^creneaux:\$/creneaux:\\n  - {date: $ED, debut: \"13:00\", fin: \"14:00\"}/" ateliers/barnums.md
commit "13 h"
build "$P"
same "a new slot takes a number never used (5, not 4)" \
	"08:00=creneau-1:0 13:00=creneau-5:0 16:00=creneau-2:1 20:00=creneau-3:0" "$(uids "$A")"
cp "$A/atelier.ics" "$WORK/inc.ics"
for k in 1 2 3 5; do cp "$A/creneau-$k.ics" "$WORK/inc-$k.ics"; done

# the same from a fresh clone, without any cache
$GIT clone -q "$S" "$WORK/clone"
(cd "$WORK/clone" && XDG_CACHE_HOME=$WORK/xdg2 "$FABRIQUE" build . --out "$WORK/clean" >"$WORK/out" 2>&1)
status "a fresh clone builds" 0 $?
same "a fresh clone gives each slot the same UID and SEQUENCE" \
	"08:00=creneau-1:0 13:00=creneau-5:0 16:00=creneau-2:1 20:00=creneau-3:0" \
	"$(uids "$WORK/clean/ateliers/barnums")"
check "its atelier.ics is the incremental build's, byte for byte" \
	cmp -s "$WORK/inc.ics" "$WORK/clean/ateliers/barnums/atelier.ics"
check "so are its slots' calendars" sh -c "for k in 1 2 3 5; do cmp -s '$WORK/inc-'\$k.ics '$WORK/clean/ateliers/barnums/creneau-'\$k.ics || exit 1; done"
"$FABRIQUE" build . --full --out "$WORK/full" >"$WORK/out" 2>&1
check "and a --full build's" cmp -s "$WORK/inc.ics" "$WORK/full/ateliers/barnums/atelier.ics"

# programme.json's sequence is the workshop's own (its file's schedule
# changed 4 times: a slot added, one moved, reordered, one added), the
# same for its every slot; the calendars count each slot's own
pseq() {
	$PY - "$1/programme.json" <<'EOF2'
import json, sys
evs = json.load(open(sys.argv[1], encoding="utf-8"))["events"]
print(" ".join("%s:%s" % (e["links"]["page"].rstrip("/").rsplit("/", 1)[-1], e.get("sequence"))
               for e in evs if "barnums" in e["links"]["page"]))
EOF2
}
same "programme.json's sequence is the workshop's own changes" "barnums:4" "$(pseq "$P")"

# the edition's day postponed: only the slot taking it (20 h, no date of
# its own) is revised; programme.json's sequence leaves the day aside
ND=$(date -d "$ED + 1 day" +%F)
sed -i "s/^date: $ED/date: $ND/" editions/"$Y".yaml
commit "la journée repoussée d'un jour"
build "$P"
same "the edition's day moved: the slot without a date is revised, the others not" \
	"08:00=creneau-1:0 13:00=creneau-5:0 16:00=creneau-2:1 20:00=creneau-3:1" "$(uids "$A")"
same "programme.json's sequence is still the file's own" "barnums:4" "$(pseq "$P")"
