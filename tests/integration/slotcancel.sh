#!/bin/sh
# Cancelling or removing one slot of a workshop reaches residents
# (outside tester 26 F1).  The afternoon slot of the barnums is called
# off the day before: taken out of creneaux, its event vanished from
# programme.ics (no CANCELLED under its UID), its creneau-2.ics became a
# 404, and check said nothing; a resident who imported creneau-2.ics
# came for nothing, and a slot had no statut to cancel it with.  Now a
# slot takes « statut: annule »: kept in the calendars as
# STATUS:CANCELLED under its own UID, SEQUENCE raised, its calendar still
# served, « Annulé » in words beside its times on the page and in the
# programme, its status in programme.json; every slot cancelled, the
# workshop is; and a future slot taken out is a warning at creneaux
# saying to keep it with « statut: annule ».  Calendars are read back by
# python3-icalendar and vobject, programme.json against its schema.
. "$(dirname "$0")/../lib.sh"

PY=/usr/bin/python3
starter_site
# the site as a commune leaves it once set up (so that check --strict
# passes but for what is tested): its own address, code and texts
sed -i 's|^url: .*|url: "https://journee.saint-aubin.fr/"|; s|^\( *insee:\) .*|\1 "37214"|' site.yaml
fill_starter "$S"
printf 'inscription: {email: mairie@saint-aubin.fr, date_limite: 2027-05-20}\n' >>editions/2027.yaml
$GIT add -A && GIT_AUTHOR_DATE=2027-04-01T10:00:00+02:00 GIT_COMMITTER_DATE=2027-04-01T10:00:00+02:00 \
	$GIT commit -q --amend --no-edit
# barnums [SLOT2_EXTRA] [SLOT1_EXTRA]: two slots on the edition's day
barnums() {
	{
		printf -- '---\ntitre: %s\nresume: Monter et démonter les barnums.\n' "${TITLE:-Barnums de la fête}"
		printf 'edition: 2027\ncreneaux:\n'
		printf '  - {date: 2027-05-29, debut: "09:00", fin: "10:30"%s}\n' "$2"
		[ "$1" = gone ] ||
			printf '  - {date: 2027-05-29, debut: "14:00", fin: "15:30"%s}\n' "$1"
		printf 'lieu: {nom: Place, adresse: Place de l’Église}\n'
		printf 'categorie: cadre-de-vie\nstatut: confirme\n---\nCostaud.\n'
	} >"ateliers/${NAME:-barnums-de-la-fete}.md"
}
export SOURCE_DATE_EPOCH
SOURCE_DATE_EPOCH=$(date -d 2027-05-28T18:05:00+02:00 +%s)
build() { "$FABRIQUE" build . --out "$1" >"$WORK/out" 2>&1; echo $? >"$WORK/rc"; }
same() {
	if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "expected: $2" "got: $3"; fi
}
# events FILE: "UID-tail STATUS SEQUENCE SUMMARY" of each barnums event
events() {
	$PY - "$1" "${NAME:-barnums}" <<'EOF'
import sys, icalendar, vobject
data = open(sys.argv[1], "rb").read()
vobject.readOne(data.decode("utf-8")).validate()
rows = []
for e in icalendar.Calendar.from_ical(data).walk("VEVENT"):
    uid = str(e.get("UID")).split("@")[0]
    if sys.argv[2] not in uid:
        continue
    rows.append("%s %s %d %s" % (uid.rsplit("/", 1)[-1], e.get("STATUS"),
                                int(e.get("SEQUENCE", 0)), e.get("SUMMARY")))
print(" | ".join(sorted(rows)))
EOF
}
text() { tr '\n' ' ' <"$1" | sed 's/<[^>]*>//g; s/  */ /g'; }

barnums ""
commit_at 2027-05-01T10:00:00+02:00 "Programme"
P=$WORK/p1
build "$P"
same "the site with two slots builds" 0 "$(cat "$WORK/rc")"
same "two confirmed slots, each under its UID" \
	"creneau-1 CONFIRMED 0 Barnums de la fête | creneau-2 CONFIRMED 0 Barnums de la fête" \
	"$(events "$P/programme.ics")"

# the afternoon is called off the day before: statut annule on its slot
barnums ", statut: annule"
"$FABRIQUE" check --worktree --strict . >"$WORK/check" 2>&1
if grep -q barnums "$WORK/check"; then
	not_ok "a slot's statut: annule is accepted by check --strict" "$(grep barnums "$WORK/check")"
else
	ok "a slot's statut: annule is accepted by check --strict"
fi
commit_at 2027-05-28T18:00:00+02:00 "Barnums: plus d'après-midi"
P=$WORK/p2
build "$P"
same "the site with a cancelled slot builds" 0 "$(cat "$WORK/rc")"
A=$P/ateliers/barnums-de-la-fete
same "programme.ics: the slot CANCELLED under its UID, SEQUENCE raised, « Annulé » in its title; the other untouched" \
	"creneau-1 CONFIRMED 0 Barnums de la fête | creneau-2 CANCELLED 1 Annulé : Barnums de la fête" \
	"$(events "$P/programme.ics")"
same "atelier.ics says the same" \
	"creneau-1 CONFIRMED 0 Barnums de la fête | creneau-2 CANCELLED 1 Annulé : Barnums de la fête" \
	"$(events "$A/atelier.ics")"
if [ -f "$A/creneau-2.ics" ]; then
	same "creneau-2.ics is still served, and cancels the imported event" \
		"creneau-2 CANCELLED 1 Annulé : Barnums de la fête" "$(events "$A/creneau-2.ics")"
else
	not_ok "creneau-2.ics is still served, and cancels the imported event" "no $A/creneau-2.ics"
fi
# the page: « Annulé » in words on the 14 h line, no « add this slot »
line2=$(text "$A/index.html" | grep -o '14 h – 15 h 30[^·]*' | head -n 1)
case $line2 in
*Annulé*) ok "the page says « Annulé » on the cancelled slot's line" ;;
*) not_ok "the page says « Annulé » on the cancelled slot's line" "got: $line2" ;;
esac
if grep -q '/creneau-2.ics"' "$A/index.html"; then
	not_ok "no « Ajouter ce créneau » for the cancelled slot" "$(grep -o 'creneau-[0-9].ics"' "$A/index.html")"
else
	ok "no « Ajouter ce créneau » for the cancelled slot"
fi
grep -q '/creneau-1.ics"' "$A/index.html"
status "the morning slot keeps its « Ajouter ce créneau »" 0 $?
if text "$A/index.html" | grep -q "Atelier annulé"; then
	not_ok "the workshop itself is not shown cancelled" "its page has the banner"
else
	ok "the workshop itself is not shown cancelled"
fi
prog=$(text "$P/programme/index.html" | grep -o 'Barnums de la fête[^·]*' | head -n 1)
case $prog in
*"14 h – 15 h 30"*Annulé*) ok "the programme says « Annulé » beside the cancelled slot" ;;
*) not_ok "the programme says « Annulé » beside the cancelled slot" "got: $prog" ;;
esac
$PY - "$P/programme.json" <<'EOF' >"$WORK/json" 2>&1
import json, sys
d = json.load(open(sys.argv[1]))
ev = [e for e in d["events"] if e["title"] == "Barnums de la fête"][0]
print(ev["status"], " ".join("%s:%s" % (t["uid"].split("@")[0].rsplit("/", 1)[-1],
                                        t.get("status", "-")) for t in ev["timings"]))
EOF
same "programme.json: the workshop scheduled, its second slot cancelled" \
	"scheduled creneau-1:- creneau-2:cancelled" "$(cat "$WORK/json")"

# the published schema takes it; a network's département calendar says
# it too, from that programme.json
$PY - "$P/programme.json" "$TOP/themes/reseau/programme.schema.json" <<'EOF' >"$WORK/json" 2>&1
import json, sys, jsonschema
v = jsonschema.Draft202012Validator(json.load(open(sys.argv[2])), format_checker=jsonschema.FormatChecker())
print([e.message for e in v.iter_errors(json.load(open(sys.argv[1])))][:3])
EOF
same "programme.json with a slot's status is valid by the published schema" "[]" "$(cat "$WORK/json")"
mkdir -p "$WORK/net"
cp "$P/programme.json" "$WORK/net/saint-aubin.json"
printf 'url: https://reseau.example/\ncommunes:\n  - programme: saint-aubin.json\n' >"$WORK/net/liste.yaml"
"$FABRIQUE" reseau "$WORK/net/liste.yaml" --out "$WORK/net/o" >"$WORK/out" 2>&1
status "the network builds" 0 $?
lacks "the network knows a slot's status" "$WORK/out" "does not know"
same "the network's calendar: that slot CANCELLED, « Annulé » in its title" \
	"creneau-1 CONFIRMED 1 Barnums de la fête – Saint-Aubin | creneau-2 CANCELLED 1 Annulé : Barnums de la fête – Saint-Aubin" \
	"$(events "$WORK/net/o/departements/37/ateliers.ics")"

# open data's CSV (a row per workshop): its status cell gives each
# slot's, in the order of its timings, in a cancelled workshop's words
$PY - "$P/programme.csv" "$P/programme-tableur.csv" <<'EOF' >"$WORK/csv" 2>&1
import csv, sys
for f, sep, st, tm, ti in ((sys.argv[1], ",", "status", "timings", "title"),
                           (sys.argv[2], ";", "Statut", "Créneaux", "Titre")):
    rows = list(csv.DictReader(open(f, encoding="utf-8-sig", newline=""), delimiter=sep))
    r = [r for r in rows if r[ti] == "Barnums de la fête"][0]
    print("%s [%s] [%s]" % (f.rsplit("/", 1)[-1], r[st],
          "; ".join(t[11:16] for t in r[tm].split("; "))))
EOF
same "programme.csv and programme-tableur.csv: the status cell says the afternoon cancelled" \
	"programme.csv [scheduled; cancelled] [09:00; 14:00]
programme-tableur.csv [scheduled; cancelled] [09:00; 14:00]" "$(cat "$WORK/csv")"
# the page's JSON-LD: the afternoon an Event of its own, EventCancelled
$PY - "$A/index.html" <<'EOF' >"$WORK/ld" 2>&1
import json, re, sys
html = open(sys.argv[1], encoding="utf-8").read()
for m in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S):
    d = json.loads(m)
    if d.get("@type") == "Event" and d.get("name") == "Barnums de la fête":
        print(d["eventStatus"].rsplit("/", 1)[-1],
              " ".join("%s:%s" % (e["startDate"][11:16], e["eventStatus"].rsplit("/", 1)[-1])
                       for e in d.get("subEvent", [])))
EOF
same "the page's JSON-LD: the workshop scheduled, its 14 h slot EventCancelled" \
	"EventScheduled 09:00:EventScheduled 14:00:EventCancelled" "$(cat "$WORK/ld")"

# every slot cancelled: the workshop is
barnums ", statut: annule" ", statut: annule"
commit_at 2027-05-28T19:00:00+02:00 "Barnums: annulés"
P=$WORK/p3
build "$P"
A=$P/ateliers/barnums-de-la-fete
same "every slot cancelled: every event CANCELLED" \
	"creneau-1 CANCELLED 1 Annulé : Barnums de la fête | creneau-2 CANCELLED 1 Annulé : Barnums de la fête" \
	"$(events "$P/programme.ics")"
text "$A/index.html" | grep -q "Atelier annulé"
status "every slot cancelled: the page has the cancelled workshop's banner" 0 $?
text "$P/programme/index.html" | grep -q "Ateliers annulés.*Barnums de la fête"
status "every slot cancelled: the programme lists it among the cancelled" 0 $?
$PY -c 'import json,sys; d=json.load(open(sys.argv[1])); print([e["status"] for e in d["events"] if e["title"]=="Barnums de la fête"][0])' \
	"$P/programme.json" >"$WORK/json" 2>&1
same "every slot cancelled: programme.json says the workshop cancelled" cancelled "$(cat "$WORK/json")"

# Step 2: a future slot taken out of creneaux is a warning at creneaux.
# Its two slots back, confirmed; then the afternoon taken out, as the
# tester did.
barnums ""
commit_at 2027-05-28T20:00:00+02:00 "Barnums: de nouveau"
barnums gone
commit_at 2027-05-28T21:00:00+02:00 "Barnums: plus d'après-midi"
LANGUAGE= LC_ALL=fr_FR.UTF-8 LANG=fr_FR.UTF-8 "$FABRIQUE" check . >"$WORK/check" 2>&1
status "a slot taken out: check passes (a warning)" 0 $?
# at creneaux: its line, or its first item's
cline=$(grep -n '^creneaux:' ateliers/barnums-de-la-fete.md | cut -d: -f1)
w=$(grep -E "ateliers/barnums-de-la-fete.md:($cline|$((cline + 1))):" "$WORK/check")
case $w in
*"avertissement : un créneau de cet atelier (2027-05-29, 14:00-15:30) a été retiré de « creneaux »"*creneau-2.ics*"« statut: annule »"*'- {date: 2027-05-29, debut: "14:00", fin: "15:30", statut: annule}'*)
	ok "a future slot taken out: a warning at creneaux, naming the slot and the line that cancels it" ;;
*) not_ok "a future slot taken out: a warning at creneaux, naming the slot and the line that cancels it" \
	"got: $(cat "$WORK/check")" ;;
esac
"$FABRIQUE" check --strict . >"$WORK/check" 2>&1
rc=$?
if [ $rc -eq 1 ] && grep -q "error: a slot of this workshop.*creneau-2.ics" "$WORK/check"; then
	ok "check --strict (the hooks) refuses it, as a deleted future workshop"
else
	not_ok "check --strict (the hooks) refuses it, as a deleted future workshop" "exit $rc" "$(grep creneau "$WORK/check")"
fi
# the day after the Journée, taking out a past slot is no news
SOURCE_DATE_EPOCH=$(date -d 2027-05-30T10:00:00+02:00 +%s) "$FABRIQUE" check . >"$WORK/check" 2>&1
if grep -q "creneau-2.ics" "$WORK/check"; then
	not_ok "a past slot taken out: no warning" "$(grep creneau "$WORK/check")"
else
	ok "a past slot taken out: no warning"
fi

# as the warning says: the slot put back, with statut: annule
barnums ", statut: annule"
commit_at 2027-05-28T21:10:00+02:00 "Barnums: l'après-midi, annulé"
"$FABRIQUE" check . >"$WORK/check" 2>&1
if grep -q "creneau-2.ics" "$WORK/check"; then
	not_ok "the slot put back cancelled: no warning" "$(grep creneau "$WORK/check")"
else
	ok "the slot put back cancelled: no warning"
fi
P=$WORK/p4
build "$P"
events "$P/programme.ics" | sed 's/ [0-9]* / N /g' >"$WORK/ev"
same "put back cancelled, the slot is the same event again (creneau-2), CANCELLED" \
	"creneau-1 CONFIRMED N Barnums de la fête | creneau-2 CANCELLED N Annulé : Barnums de la fête" \
	"$(cat "$WORK/ev")"
# a cancelled slot taken out afterwards: residents were told
barnums gone
commit_at 2027-05-28T22:00:00+02:00 "Barnums: ménage"
"$FABRIQUE" check . >"$WORK/check" 2>&1
if grep -q "creneau-2.ics" "$WORK/check"; then
	not_ok "a slot cancelled, then taken out: no warning" "$(grep creneau "$WORK/check")"
else
	ok "a slot cancelled, then taken out: no warning"
fi
# slots moved around or retimed are no slots taken out
barnums ""
commit_at 2027-05-28T22:10:00+02:00 "Barnums: tout"
sed -i 's/debut: "09:00", fin: "10:30"/debut: "09:30", fin: "11:00"/' ateliers/barnums-de-la-fete.md
commit_at 2027-05-28T22:15:00+02:00 "Barnums: le matin plus tard"
l1=$(grep -n 'debut: "09:30"' ateliers/barnums-de-la-fete.md | cut -d: -f1)
sed -n "${l1}p" ateliers/barnums-de-la-fete.md >"$WORK/l1"
sed -i "${l1}d" ateliers/barnums-de-la-fete.md
sed -i "/debut: \"14:00\"/r $WORK/l1" ateliers/barnums-de-la-fete.md
commit_at 2027-05-28T22:20:00+02:00 "Barnums: le matin écrit après"
"$FABRIQUE" check . >"$WORK/check" 2>&1
if grep -q "retiré de « creneaux »" "$WORK/check"; then
	not_ok "slots reordered and retimed: no warning" "$(cat "$WORK/check")"
else
	ok "slots reordered and retimed: no warning"
fi

# Tester 26 F1's variant: the two slots replaced by the workshop's own
# debut/fin, keeping the morning.  The event left took the workshop's
# own UID: a new event beside the resident's creneau-1, and creneau-2's
# gone without a word.  Now it keeps the UID of the slot it continues
# (the same times, else the first), with a SEQUENCE above that slot's,
# and the afternoon taken out is warned of as a slot taken out.
# lone DEBUT FIN: the workshop on its edition's day, no creneaux
lone() {
	barnums ""
	sed -i "/^creneaux:/,/^lieu:/{/^lieu:/!d}" ateliers/$NAME.md
	sed -i "s/^lieu:/debut: \"$1\"\\nfin: \"$2\"\\nlieu:/" ateliers/$NAME.md
}
# seq FILE TAIL: the SEQUENCE of the barnums event whose UID ends in TAIL
seq_of() { events "$1" | tr '|' '\n' | awk -v t="$2" '$1 == t {print $3}'; }
NAME=barnums-du-marche TITLE="Barnums du marché"
barnums ""
commit_at 2027-05-28T22:30:00+02:00 "Barnums: deux créneaux"
P=$WORK/p5
build "$P"
s1=$(seq_of "$P/programme.ics" creneau-1)
lone 09:00 10:30
commit_at 2027-05-28T22:40:00+02:00 "Barnums: le matin seulement"
P=$WORK/p6
build "$P"
same "slots → debut/fin: the site builds" 0 "$(cat "$WORK/rc")"
events "$P/programme.ics" | sed 's/ [0-9]* / N /g' >"$WORK/ev"
same "slots → debut/fin: the morning's event keeps creneau-1's UID, no new event" \
	"creneau-1 CONFIRMED N Barnums du marché" "$(cat "$WORK/ev")"
events "$P/ateliers/$NAME/atelier.ics" | sed 's/ [0-9]* / N /g' >"$WORK/ev"
same "slots → debut/fin: atelier.ics says the same" \
	"creneau-1 CONFIRMED N Barnums du marché" "$(cat "$WORK/ev")"
s2=$(seq_of "$P/programme.ics" creneau-1)
if [ -n "$s1" ] && [ -n "$s2" ] && [ "$s2" -gt "$s1" ]; then
	ok "slots → debut/fin: its SEQUENCE is above the slot's ($s1 → $s2), so apps take the update"
else
	not_ok "slots → debut/fin: its SEQUENCE is above the slot's" "before: $s1" "after: $s2"
fi
$PY -c 'import json,sys; d=json.load(open(sys.argv[1])); print(" ".join(t["uid"].split("@")[0] for e in d["events"] if e["title"]=="Barnums du marché" for t in e["timings"]))' \
	"$P/programme.json" >"$WORK/json" 2>&1
same "slots → debut/fin: programme.json's timing has the same UID" \
	"ateliers/barnums-du-marche/creneau-1" "$(cat "$WORK/json")"
LANGUAGE= LC_ALL=fr_FR.UTF-8 LANG=fr_FR.UTF-8 "$FABRIQUE" check . >"$WORK/check" 2>&1
dline=$(grep -n '^debut:' "ateliers/$NAME.md" | cut -d: -f1)
# said as it happened (the creneaux replaced by debut/fin), not as a
# slot taken out of a creneaux the file no longer has, with the lines
# that cancel it
same "slots → debut/fin: the afternoon dropped is warned of (at debut), as what happened" \
	"ateliers/$NAME.md:$dline:8: avertissement : les « creneaux » de cet atelier ont été remplacés par un seul horaire (« debut » et « fin », 09:00-10:30), et son créneau du 2027-05-29, 14:00-15:30, encore à venir, est parti avec eux : les habitants qui l’ont ajouté à leur agenda (creneau-2.ics) ne sauront pas qu’il est annulé ; pour l’annuler, remettez « creneaux » à la place de « debut » et « fin », avec le créneau gardé ainsi : - {debut: \"09:00\", fin: \"10:30\"} et celui-ci ainsi : - {date: 2027-05-29, debut: \"14:00\", fin: \"15:30\", statut: annule}, pour que leurs agendas l’apprennent" \
	"$(grep "avertissement :" "$WORK/check")"
LANGUAGE=en LC_ALL=C.UTF-8 LANG=C.UTF-8 "$FABRIQUE" check . >"$WORK/check.en" 2>&1
contains "slots → debut/fin: in English too" "$WORK/check.en" \
	"warning: this workshop's 'creneaux' were replaced by one time of its own ('debut' and 'fin', 09:00-10:30), and its slot of 2027-05-29, 14:00-15:30, still to come, went with them"
if grep -q "creneau-1.ics" "$WORK/check"; then
	not_ok "slots → debut/fin: the morning kept is no slot taken out" "$(grep creneau "$WORK/check")"
else
	ok "slots → debut/fin: the morning kept is no slot taken out"
fi
# keeping the afternoon instead: that slot's UID, found by its times
barnums ""
commit_at 2027-05-28T22:50:00+02:00 "Barnums: deux créneaux encore"
lone 14:00 15:30
commit_at 2027-05-28T22:55:00+02:00 "Barnums: l'après-midi seulement"
P=$WORK/p7
build "$P"
events "$P/programme.ics" | sed 's/ [0-9]* / N /g' >"$WORK/ev"
same "slots → debut/fin keeping the afternoon: creneau-2's UID" \
	"creneau-2 CONFIRMED N Barnums du marché" "$(cat "$WORK/ev")"
# and back to two slots: each its own UID again
barnums ""
commit_at 2027-05-28T23:00:00+02:00 "Barnums: deux créneaux, finalement"
P=$WORK/p8
build "$P"
events "$P/programme.ics" | sed 's/ [0-9]* / N /g' >"$WORK/ev"
same "debut/fin → slots again: each slot its own UID" \
	"creneau-1 CONFIRMED N Barnums du marché | creneau-2 CONFIRMED N Barnums du marché" \
	"$(cat "$WORK/ev")"
