#!/bin/sh
# A date written the French way (outside tester 18 F13): « 29/05/2026 »,
# « 29-05-2026 », « 29 mai 2026 », « samedi 23 mai », « 2026-5-23 » were
# refused with a fixed example of another day (« la date doit s’écrire
# 2026-05-23 »), which an editor copying it made a second mistake of.
# Now the error gives the day meant, in the form to write (a form
# without a year: the edition's year), in an atelier, an edition file
# and site.yaml's annonce.
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
mkmini "$R"
cd "$R" || exit 1
A=site/ateliers/repeindre-le-preau.md

# fr_check: fabrique check --worktree in French, its messages in $WORK/.err
fr_check() {
	LANGUAGE= LC_ALL=fr_FR.UTF-8 LANG=fr_FR.UTF-8 "$FABRIQUE" check site --worktree >"$WORK/.err" 2>&1
}

# date_is WRITTEN MEANT: the atelier's date written WRITTEN is answered
# with MEANT at its place.
date_is() {
	sed -i '/^date:/d; /^edition:/d' "$A"
	sed -i "s|^debut:|date: $1\\ndebut:|" "$A"
	fr_check
	status "« $1 » is refused" 1 $?
	contains "« $1 »: the day meant, $2" "$WORK/.err" \
		"$A:4:7: erreur : écrivez $2 (année-mois-jour) ; reçu « $1 »"
}
date_is "29/05/2026" 2026-05-29
date_is "29-05-2026" 2026-05-29
date_is "29.05.26" 2026-05-29
date_is "29 mai 2026" 2026-05-29
date_is "1er Août 2026" 2026-08-01
date_is "2026-5-23" 2026-05-23
# no year: the edition the site prepares (2026: today is after 2025's)
date_is "samedi 23 mai" 2026-05-23
lacks "never the fixed example" "$WORK/.err" "doit s’écrire 2026-05-23"

# no year, and the workshop names its edition: that edition's year
sed -i '/^date:/d' "$A"
sed -i 's|^debut:|edition: 2025\ndate: samedi 24 mai\ndebut:|' "$A"
fr_check
contains "no year: the year of the workshop's edition" "$WORK/.err" \
	"$A:5:7: erreur : écrivez 2025-05-24 (année-mois-jour) ; reçu « samedi 24 mai »"

# the weekday written disagrees with the date (outside tester 23 F3):
# « samedi 25 mai » copied from last year's flyer; in the edition's
# year 2025, 25 May is a Sunday.  Proposing 2025-05-25 would publish the
# workshop on a Sunday: the error says the two disagree instead, and
# offers the edition's day, Saturday 24 May 2025, the Saturday meant.
sed -i 's|^date: .*|date: samedi 25 mai|' "$A"
fr_check
status "« samedi 25 mai » is refused" 1 $?
contains "the weekday and the date disagree; the edition's day, a Saturday, offered" "$WORK/.err" \
	"$A:5:7: erreur : le 2025-05-25 est un dimanche, pas un samedi : vouliez-vous dire le samedi 24 mai 2025 (le jour de l’édition) ? écrivez 2025-05-24 ; sinon vérifiez le jour, puis écrivez-le sous la forme année-mois-jour ; reçu « samedi 25 mai »"
lacks "no date contradicting the weekday proposed" "$WORK/.err" \
	"écrivez 2025-05-25 (année-mois-jour)"
LC_ALL=C.UTF-8 "$FABRIQUE" check site --worktree >"$WORK/.err" 2>&1
contains "in English: the weekdays and the month in English" "$WORK/.err" \
	"$A:5:7: error: 2025-05-25 is a Sunday, not a Saturday: did you mean Saturday 24 May 2025 (the day of the edition)? write 2025-05-24; else check the day"
# a weekday the edition's day is not (a Friday): no day offered (guard)
sed -i 's|^date: .*|date: vendredi 25 mai|' "$A"
fr_check
contains "another weekday than the edition's: the two disagree, nothing offered" "$WORK/.err" \
	"$A:5:7: erreur : le 2025-05-25 est un dimanche, pas un vendredi : vérifiez le jour, puis écrivez-le sous la forme année-mois-jour ; reçu « vendredi 25 mai »"
# the edition's weekday but weeks away: nothing offered (guard)
sed -i 's|^date: .*|date: samedi 15 juin|' "$A"
fr_check
contains "the edition's weekday weeks away: no day offered" "$WORK/.err" \
	"$A:5:7: erreur : le 2025-06-15 est un dimanche, pas un samedi : vérifiez le jour"

# the editor then writes a date, a Sunday, the day after the Journée
# (2025-05-24): a note says so and how to go back to the edition's day;
# a note, which the hooks accept (a preparation day is a real thing)
sed -i 's|^date: .*|date: 2025-05-25|' "$A"
fr_check
contains "a workshop the day after its Journée: a note naming both days" "$WORK/.err" \
	"$A:5:7: note : cet atelier a lieu le 2025-05-25, un dimanche, pas le jour de l’édition 2025 (le 2025-05-24, un samedi) : si c’est voulu, rien à faire ; sinon, corrigez « date », ou retirez-la : un atelier sans « date » a lieu le jour de son édition"
"$FABRIQUE" check site --worktree --strict >"$WORK/.err" 2>&1
lacks "a note, not a warning: --strict (the hooks) does not refuse it" "$WORK/.err" "$A:5:7: warning"
sed -i 's|^date: .*|date: 2025-05-24|' "$A"
fr_check
lacks "on the edition's day: nothing said" "$WORK/.err" "pas le jour de l’édition"

# what is no day at all keeps the form to write
sed -i 's|^date: .*|date: demain|' "$A"
fr_check
contains "a word that is no date: the form to write" "$WORK/.err" \
	"$A:5:7: erreur : la date doit s’écrire 2026-05-23 ; reçu « demain »"
git checkout -q -- "$A"

# an edition's date: its file's year when none is written
sed -i 's|^date: .*|date: samedi 23 mai|' site/editions/2026.yaml
fr_check
contains "an edition's date: the day meant, in its year" "$WORK/.err" \
	"site/editions/2026.yaml:1:7: erreur : écrivez 2026-05-23 (année-mois-jour) ; reçu « samedi 23 mai »"
git checkout -q -- site/editions/2026.yaml

# site.yaml's announcement
printf 'annonce:\n  texte: Journée maintenue\n  fin: 23/05/2027\n' >>site/site.yaml
line=$(grep -n '^  fin:' site/site.yaml | cut -d: -f1)
fr_check
contains "the announcement's end: the day meant" "$WORK/.err" \
	"site/site.yaml:$line:8: erreur : écrivez 2027-05-23 (année-mois-jour) ; reçu « 23/05/2027 »"

# and in English
LC_ALL=C.UTF-8 "$FABRIQUE" check site --worktree >"$WORK/.err" 2>&1
contains "in English too" "$WORK/.err" \
	"site/site.yaml:$line:8: error: write 2027-05-23 (year-month-day); got '23/05/2027'"

# hours written as one field (outside tester 23 F4): « horaire: 9h30-12h »
# is no field, but the message gives the two lines to write
git checkout -q -- "$A" site/site.yaml
sed -i '/^debut:/d; s|^fin: .*|horaire: 9h30-12h|' "$A"
line=$(grep -n '^horaire:' "$A" | cut -d: -f1)
fr_check
contains "a range of hours in an unknown field: the debut and fin to write" "$WORK/.err" \
	"$A:$line:1: avertissement : « horaire » n’est pas un champ prévu dans ce fichier (atelier) : pour ses heures, écrivez debut: \"09:30\" et fin: \"12:00\" (une ligne chacun)"
sed -i 's|^horaire: .*|heures: de 14 h à 17 h 30|' "$A"
fr_check
contains "« de 14 h à 17 h 30 » too" "$WORK/.err" \
	"écrivez debut: \"14:00\" et fin: \"17:30\""
sed -i 's|^heures: .*|lieu_bis: Salle des fêtes|' "$A"
fr_check
lacks "an unknown field that holds no hours gets no such advice" "$WORK/.err" "pour ses heures"
