#!/bin/sh
# A workshop postponed past the edition's day (outside tester 26 F8):
# rain on the Saturday, the barnums moved to the Sunday in their
# creneaux.  On that Sunday the home page said only « La journée a eu
# lieu le samedi 29 mai 2027 », and the volunteers of the postponed
# workshop found it nowhere.  Now the home page and the programme list,
# under that line, the edition's workshops still to come; a cancelled one
# is not listed, and once the last one is past, nothing is.
. "$(dirname "$0")/../lib.sh"

starter_site
cat >ateliers/barnums-de-la-fete.md <<'M'
---
titre: Barnums de la fête
resume: Monter les barnums de la fête du village.
edition: 2027
creneaux:
  - {date: 2027-05-29, debut: "09:00", fin: "10:30"}
  - {date: 2027-05-29, debut: "14:00", fin: "15:30"}
lieu: Place de la mairie
categorie: cadre-de-vie
statut: confirme
---
Montage des barnums.
M
commit_at 2027-05-01T10:00:00+02:00 "Programme"
sed -i 's/date: 2027-05-29/date: 2027-05-30/g' ateliers/barnums-de-la-fete.md
commit_at 2027-05-29T08:00:00+02:00 "Pluie : barnums reportés au dimanche"

build_on() { # DAY-TIME OUT
	SOURCE_DATE_EPOCH=$(date -d "$1" +%s) "$FABRIQUE" build . --out "$2" -q 2>"$WORK/.err"
}
text() { python3 -c 'import html,re,sys; s=open(sys.argv[1]).read(); s=re.sub(r"<script.*?</script>","",s,flags=re.S); print(" ".join(html.unescape(re.sub(r"<[^>]+>"," ",s)).split()))' "$1"; }

build_on 2027-05-30T07:00:00+02:00 "$WORK/dimanche"
status "the site builds on the Sunday" 0 $?
text "$WORK/dimanche/index.html" >"$WORK/home.txt"
contains "the home page still says the day has passed" "$WORK/home.txt" "La journée a eu lieu le samedi 29 mai 2027."
contains "... and lists what is still to come" "$WORK/home.txt" \
	"Encore à venir : Barnums de la fête : dimanche 30 mai 2027, 9 h – 10 h 30 et dimanche 30 mai 2027, 14 h – 15 h 30"
check "... with a link to the workshop" grep -q 'href="/ateliers/barnums-de-la-fete/">Barnums de la fête</a>' "$WORK/dimanche/index.html"
lacks "a workshop of the day itself is not listed" "$WORK/home.txt" "Nettoyer les abords de l'école :"
text "$WORK/dimanche/programme/index.html" >"$WORK/prog.txt"
contains "the programme lists it too, under the day's thanks" "$WORK/prog.txt" \
	"qui y ont participé ! Encore à venir : Barnums de la fête : dimanche 30 mai 2027, 9 h – 10 h 30"

build_on 2027-05-31T07:00:00+02:00 "$WORK/lundi"
text "$WORK/lundi/index.html" >"$WORK/home2.txt"
lacks "once its day is past too, nothing is listed" "$WORK/home2.txt" "Encore à venir"

sed -i 's/^statut: confirme/statut: annule/' ateliers/barnums-de-la-fete.md
commit_at 2027-05-29T09:00:00+02:00 "Barnums annulés"
build_on 2027-05-30T07:00:00+02:00 "$WORK/annule"
text "$WORK/annule/index.html" >"$WORK/home3.txt"
lacks "a cancelled workshop is not listed as still to come" "$WORK/home3.txt" "Encore à venir"
