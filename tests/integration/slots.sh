#!/bin/sh
# A workshop in several slots (creneaux), as residents meet it (outside
# tester 23 F11, F13): its cards read the slots apart, in the text
# itself (« 8 h – 10 h, 10 h 30 – 12 h et 16 h – 18 h », not a run of
# numbers, even without the stylesheet); the programme lists it under
# each moment it has a slot in (its 16 h slot was filed under « Le
# matin » only): under its first slot's with all its slots, under the
# others with theirs, on screen only (on paper once), its count saying
# it apart on screen (« (2, dont 1 aussi listé à un autre moment) ») and
# the printed cards on paper (1); signing up by e-mail offers one
# e-mail per slot, whose subject and body name its hours.  The mini
# site: edition 2026 on Saturday 23 May 2026, signing up by e-mail and
# by a form.
# slots25: each slot has its own calendar, creneau-N.ics, its one event
# under the UID it has in atelier.ics (read by vobject and icalendar),
# linked beside it (« Ajouter ce créneau à mon agenda »), atelier.ics
# kept (« Ajouter tous les créneaux… »); one link to the form per slot,
# &creneau= naming it; the calendars' DESCRIPTION gives the ways to sign
# up, a slot's its own form; a moment's count says its cards on screen
# (« (2, dont 1 aussi listé à un autre moment) ») and on paper (1).
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
mkmini "$R"
cd "$R" || exit 1
# the workshop in three slots (tests/fixtures/slots/barnums.md), shared
# with tests/browser/slots.sh; sign-up by e-mail
printf 'inscription:\n  email: jc@mairie.example\n  url: "https://mairie.example/jc?f=2#form"\n' >>site/editions/2026.yaml
cp "$TOP/tests/fixtures/slots/barnums.md" site/ateliers/barnums.md
(cd "$R" && $GIT add -A &&
	GIT_COMMITTER_DATE=2026-02-01T10:00:00+01:00 $GIT commit -qm "Barnums")
OUT=$WORK/public
"$FABRIQUE" build site --out "$OUT" >"$WORK/.out" 2>"$WORK/.err"
status "the build succeeds" 0 $?

# The text of a page as a reader without the stylesheet gets it: tags
# out, each card on one line.
text() { tr '\n' ' ' <"$1" | sed 's|</article>|&\n|g' | sed 's/<[^>]*>//g'; }

text "$OUT/categories/nature/index.html" >"$WORK/cat.txt"
contains "a card reads its three slots apart, with « et » before the last" \
	"$WORK/cat.txt" "8 h – 10 h, 10 h 30 – 12 h et 16 h – 18 h"
text "$OUT/index.html" >"$WORK/home.txt"
contains "so does the home's" "$WORK/home.txt" \
	"8 h – 10 h, 10 h 30 – 12 h et 16 h – 18 h"
check "no stylesheet adds a second « et »" \
	sh -c "! grep -q '::before *{ *content: *.et ' '$OUT'/assets/css/*.css"

P=$OUT/programme/index.html
sed -n '/id="moment-apres-midi"/,/<\/section>/p' "$P" >"$WORK/pm.html"
sed -n '/id="moment-matin"/,/<\/section>/p' "$P" >"$WORK/am.html"
text "$WORK/pm.html" >"$WORK/pm.txt"
text "$WORK/am.html" >"$WORK/am.txt"
contains "the programme lists the workshop under « L’après-midi »" \
	"$WORK/pm.txt" "Monter les barnums"
contains "there with its afternoon slot" "$WORK/pm.txt" \
	"Monter les barnums 16 h – 18 h"
contains "under « Le matin », its first slot's moment, the card with all its slots" \
	"$WORK/am.txt" "Monter les barnums 8 h – 10 h, 10 h 30 – 12 h et 16 h – 18 h"
# on paper the card is once, with all its slots: the leaflet keeps to
# two pages (tests/browser/site.sh)
check "the afternoon's card is for the screen only" \
	grep -q '<article class="carte ecran-seul">' "$WORK/pm.html"
lacks "the morning's is printed" "$WORK/am.html" "ecran-seul"
contains "the afternoon's count on screen includes it, said apart" "$WORK/pm.txt" \
	"L’après-midi (2, dont 1 aussi listé à un autre moment)"
check "that count is the screen's" \
	grep -q '<span class="ecran-seul">(2, dont 1 aussi listé à un autre moment)</span>' "$WORK/pm.html"
check "on paper the afternoon counts the one card printed" \
	grep -q '<span class="impression-seule nombre-papier">(1)</span>' "$WORK/pm.html"
contains "the morning's count, none repeated, is as before" "$WORK/am.html" \
	'Le matin <span class="nombre">(2)</span>'
contains "the programme still counts it once" "$P" "<strong>3</strong> ateliers"

# Signing up: one e-mail per slot, each link's text naming its hours.
A=$OUT/ateliers/barnums/index.html
n=$(grep -c 'href="mailto:jc@mairie.example' "$A")
check "one e-mail link per slot (3, was 1)" test "$n" = 3
contains "each link says its slot" "$A" \
	'S’inscrire par courriel au créneau <span class="insecable"><span class="heure">10 h 30 – 12 h</span></span>'
grep -o 'mailto:[^"]*' "$A" | sed 's/&amp;/\&/' |
	python3 -c 'import sys, urllib.parse
for l in sys.stdin: print(urllib.parse.unquote(l.strip()).replace("\n", " / "))' >"$WORK/mails"
contains "the e-mail's subject names its slot" "$WORK/mails" \
	"subject=Inscription : Monter les barnums (samedi 23 mai 2026, 16 h – 18 h)"
contains "and its body" "$WORK/mails" \
	"Je souhaite m’inscrire à l’atelier « Monter les barnums », samedi 23 mai 2026, 8 h – 10 h."
# the calendar already has one event per slot (guard)
n=$(grep -c '^BEGIN:VEVENT' "$OUT/ateliers/barnums/atelier.ics")
check "the workshop's calendar has one event per slot" test "$n" = 3
# a workshop in one time (no creneaux) keeps its one e-mail (guard)
n=$(grep -c 'href="mailto:' "$OUT/ateliers/repeindre-le-preau/index.html")
check "a workshop without slots keeps one e-mail link" test "$n" = 1

# --- slots25: a calendar per slot -------------------------------------
D=$OUT/ateliers/barnums
for n in 1 2 3; do
	check "creneau-$n.ics is published" test -f "$D/creneau-$n.ics"
done
check "no calendar for a fourth slot" test ! -e "$D/creneau-4.ics"
check "nor for the slots of a workshop without creneaux" \
	test ! -e "$OUT/ateliers/repeindre-le-preau/creneau-1.ics"
# each slot's file, read strictly by vobject and icalendar: one event,
# its slot's times, the UID of the same slot in atelier.ics
/usr/bin/python3 - "$D" >"$WORK/ics.txt" 2>&1 <<'PY'
import sys, vobject, icalendar
d = sys.argv[1]
def events(name):
    text = open("%s/%s" % (d, name), encoding="utf-8").read()
    vobject.readOne(text).validate()
    return icalendar.Calendar.from_ical(text).walk("VEVENT")
whole = events("atelier.ics")
for n in (1, 2, 3):
    ev = events("creneau-%d.ics" % n)
    print(n, len(ev), str(ev[0]["UID"]) == str(whole[n - 1]["UID"]),
          ev[0].decoded("DTSTART").strftime("%H:%M"),
          ev[0].decoded("DTEND").strftime("%H:%M"))
PY
contains "creneau-1.ics: one event, 8 h to 10 h, the UID of atelier.ics's first" "$WORK/ics.txt" "1 1 True 08:00 10:00"
contains "creneau-2.ics: 10 h 30 to 12 h, its UID" "$WORK/ics.txt" "2 1 True 10:30 12:00"
contains "creneau-3.ics: 16 h to 18 h, its UID" "$WORK/ics.txt" "3 1 True 16:00 18:00"
contains "the published UIDs are kept (slot 3's)" "$D/creneau-3.ics" \
	"UID:ateliers/barnums/creneau-3@jc.villeneuve-test.fr"
text "$A" >"$WORK/at.txt"
for h in "8 h – 10 h" "10 h 30 – 12 h" "16 h – 18 h"; do
	contains "the page lists the $h slot with its own calendar link, its hours in its name" "$WORK/at.txt" \
		"$h Ajouter ce créneau à mon agenda (samedi 23 mai 2026, $h)"
done
contains "each link downloads its slot's file" "$A" \
	'href="/ateliers/barnums/creneau-2.ics" type="text/calendar" download>'
contains "the workshop's own file says it holds every slot" "$A" \
	'href="/ateliers/barnums/atelier.ics" type="text/calendar" download>Ajouter tous les créneaux à mon agenda</a>'
P2=$OUT/ateliers/repeindre-le-preau/index.html
contains "a workshop without slots keeps « Ajouter à mon agenda »" "$P2" \
	'type="text/calendar" download>Ajouter à mon agenda</a>'
lacks "and has no slot calendar link" "$P2" "Ajouter ce créneau"

# --- slots25: the form names the slot ---------------------------------
grep -o 'href="https://mairie.example/[^"]*"' "$A" | sed 's/&amp;/\&/g' |
	/usr/bin/python3 -c 'import sys, urllib.parse
for l in sys.stdin: print(urllib.parse.unquote(l.strip()))' >"$WORK/forms"
n=$(grep -c . "$WORK/forms")
check "one link to the form per slot (3, was 1)" test "$n" = 3
# the form's #fragment (a page of several forms) stays last (tester 26 F15)
contains "each names its slot, after the workshop" "$WORK/forms" \
	'href="https://mairie.example/jc?f=2&atelier=barnums&creneau=samedi 23 mai 2026, 10 h 30 – 12 h#form"'
contains "and says it in its text" "$A" \
	'S’inscrire en ligne au créneau <span class="insecable"><span class="heure">16 h – 18 h</span></span>'
n=$(grep -c 'href="https://mairie.example/' "$P2")
check "a workshop without slots keeps one link to the form" test "$n" = 1
lacks "with no slot in it" "$P2" "creneau="

# --- slots25: the calendars say how to sign up (tester 24 F5) ---------
# a calendar's DESCRIPTIONs, unfolded, as written (icalendar would
# decode %2C in the URLs)
desc() { /usr/bin/python3 -c 'import sys
for l in open(sys.argv[1], newline="").read().replace("\r\n ", "").split("\r\n"):
    if l.startswith("DESCRIPTION:"): print(l)' "$1"; }
desc "$D/creneau-3.ics" >"$WORK/d3"
contains "a slot's event gives its own form, the e-mail address" "$WORK/d3" \
	"S’inscrire à cet atelier :\\nhttps://mairie.example/jc?f=2&atelier=barnums&creneau=samedi%2023%20mai%202026%2C%2016%20h%20%E2%80%93%2018%20h#form\\njc@mairie.example"
desc "$OUT/ateliers/repeindre-le-preau/atelier.ics" >"$WORK/dp"
contains "a workshop's event gives its form and address" "$WORK/dp" \
	"S’inscrire à cet atelier :\\nhttps://mairie.example/jc?f=2&atelier=repeindre-le-preau#form\\njc@mairie.example"
desc "$OUT/programme.ics" >"$WORK/dprog"
contains "so does the programme's calendar, slot by slot" "$WORK/dprog" \
	"atelier=barnums&creneau=samedi%2023%20mai%202026%2C%208%20h%20%E2%80%93%2010%20h#form\\njc@mairie.example"
desc "$OUT/ateliers/nettoyer-le-lavoir-2025/atelier.ics" >"$WORK/dpast" 2>&1
lacks "a past workshop's event offers no sign-up" "$WORK/dpast" "S’inscrire"

# --- slots25: an edit build keeps the slots' calendars, an editor may
# link to them -----------------------------------------------------------
cp "$D/creneau-2.ics" "$WORK/c2.before"
rm "$D/creneau-3.ics"
printf '\nVoir le [créneau de 10 h 30](/ateliers/barnums/creneau-2.ics).\n' >>site/ateliers/barnums.md
(cd "$R" && $GIT add -A &&
	GIT_COMMITTER_DATE=2026-02-01T10:00:00+01:00 $GIT commit -qm "Lien")
"$FABRIQUE" build site --out "$OUT" >"$WORK/.out" 2>"$WORK/.err"
status "a second build into the same folder succeeds" 0 $?
lacks "a link to a slot's calendar is no broken link" "$WORK/.err" "creneau-2.ics"
check "a removed slot calendar is made again" test -f "$D/creneau-3.ics"
printf '\nEt [le quatrième](/ateliers/barnums/creneau-4.ics).\n' >>site/ateliers/barnums.md
(cd "$R" && $GIT add -A &&
	GIT_COMMITTER_DATE=2026-02-01T10:00:00+01:00 $GIT commit -qm "Lien 4")
"$FABRIQUE" build site --out "$WORK/p4" >"$WORK/.out" 2>"$WORK/.err"
contains "a link to a slot the workshop does not have is said" "$WORK/.err" "creneau-4.ics"

# Slots written out of order (outside tester 25 F6: a volunteer adds the
# 7 h slot at the end, where it is convenient): the page, the cards and
# the programme list them by time; each keeps its number, so creneau-4
# is the 7 h one and creneau-1 still 8 h (the UIDs residents hold).
sed -i 's/^  - {debut: "16:00", fin: "18:00"}$/&\n  - {debut: "07:00", fin: "07:45"}/' site/ateliers/barnums.md
(cd "$R" && $GIT add -A &&
	GIT_COMMITTER_DATE=2026-02-02T10:00:00+01:00 $GIT commit -qm "Un créneau à 7 h")
"$FABRIQUE" build site --out "$WORK/p5" >"$WORK/.out" 2>"$WORK/.err"
status "a fourth slot written last builds" 0 $?
text "$WORK/p5/ateliers/barnums/index.html" >"$WORK/p5.txt"
contains "the page lists the slots by time, 7 h first" "$WORK/p5.txt" \
	"7 h – 7 h 45"
# the first hours the page gives, in its sign-up list and under « Quand »
first_hours() { grep -o '[0-9]* h[ 0-9]*– [0-9]* h[ 0-9]*' | head -1 | sed 's/ *$//'; }
check "the sign-up list starts with the 7 h slot" \
	test "$(first_hours <"$WORK/p5.txt")" = "7 h – 7 h 45"
check "« Quand » starts with the 7 h slot" \
	test "$(sed 's/.*Quand//' "$WORK/p5.txt" | first_hours)" = "7 h – 7 h 45"
text "$WORK/p5/categories/nature/index.html" >"$WORK/p5cat.txt"
contains "a card reads them by time" "$WORK/p5cat.txt" \
	"7 h – 7 h 45, 8 h – 10 h, 10 h 30 – 12 h et 16 h – 18 h"
text "$WORK/p5/programme/index.html" >"$WORK/p5prog.txt"
contains "so does the programme" "$WORK/p5prog.txt" \
	"7 h – 7 h 45, 8 h – 10 h, 10 h 30 – 12 h et 16 h – 18 h"
contains "creneau-4.ics is the 7 h slot, written fourth" \
	"$WORK/p5/ateliers/barnums/creneau-4.ics" "T070000"
contains "creneau-1.ics is still 8 h" \
	"$WORK/p5/ateliers/barnums/creneau-1.ics" "T080000"
contains "creneau-1's UID is kept" "$WORK/p5/ateliers/barnums/creneau-1.ics" \
	"UID:ateliers/barnums/creneau-1@jc.villeneuve-test.fr"
