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
# site: edition 2026 on Saturday 23 May 2026, signing up by e-mail.
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
mkmini "$R"
cd "$R" || exit 1
# the workshop in three slots (tests/fixtures/slots/barnums.md), shared
# with tests/browser/slots.sh; sign-up by e-mail
printf 'inscription:\n  email: jc@mairie.example\n' >>site/editions/2026.yaml
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
	'S’inscrire par courriel au créneau <span class="insecable">10 h 30 – 12 h</span>'
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
