#!/bin/sh
# A workshop published with its own debut/fin, imported by residents
# (programme.ics, atelier.ics), then given creneaux: the slot that
# continues it (the same times, else the first) keeps the workshop's own
# UID, its SEQUENCE above the event residents hold, so that their
# calendar app updates that event instead of keeping it beside a new
# one (a copy at the old time).  The other slots take creneau-N UIDs (N
# their places, as a file's first creneaux always were), their files
# creneau-N.ics; the continuing one's is creneau-0.ics.  slots33: every
# creneau-N.ics address published keeps holding its slot's event while
# that slot is there: the continuing slot's old number (creneau-1.ics or
# creneau-2.ics, as fabrique gave it before), a slot become the only one,
# the workshop's one event when creneaux give way to debut/fin; the slots
# taken out have none; an incremental build equals a clean one.  Every commit
# dated; calendars read back by python3-icalendar and vobject.
. "$(dirname "$0")/../lib.sh"

PY=/usr/bin/python3
starter_site
sed -i 's|^url: .*|url: "https://journee.saint-aubin.fr/"|; s|^\( *insee:\) .*|\1 "37214"|' site.yaml
fill_starter "$S"
$GIT add -A && GIT_AUTHOR_DATE=2027-04-01T10:00:00+02:00 GIT_COMMITTER_DATE=2027-04-01T10:00:00+02:00 \
	$GIT commit -q --amend --no-edit
# workshop NAME SCHEDULE: a workshop of the 2027 edition, SCHEDULE its
# front matter lines (debut/fin or creneaux)
workshop() {
	{
		printf -- '---\ntitre: Atelier %s\nresume: Un atelier.\nedition: 2027\n' "$1"
		printf '%s\n' "$2"
		printf 'lieu: {nom: Place, adresse: Place de l’Église}\n'
		printf 'categorie: cadre-de-vie\nstatut: confirme\n---\nTexte.\n'
	} >"ateliers/$1.md"
}
export SOURCE_DATE_EPOCH
SOURCE_DATE_EPOCH=$(date -d 2027-05-20T18:05:00+02:00 +%s)
build() { "$FABRIQUE" build . --out "$1" >"$WORK/out" 2>&1; echo $? >"$WORK/rc"; }
same() {
	if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "expected: $2" "got: $3"; fi
}
# events FILE NAME: "UID-tail START SEQUENCE" of each of NAME's events
events() {
	$PY - "$1" "$2" <<'EOF'
import sys, icalendar, vobject
data = open(sys.argv[1], "rb").read()
vobject.readOne(data.decode("utf-8")).validate()
rows = []
for e in icalendar.Calendar.from_ical(data).walk("VEVENT"):
    uid = str(e.get("UID")).split("@")[0].split("/")
    if uid[:2] != ["ateliers", sys.argv[2]]:
        continue
    tail = uid[2] if len(uid) > 2 else "own"
    rows.append("%s %s %d" % (tail, e.get("DTSTART").dt.strftime("%H:%M"),
                              int(e.get("SEQUENCE", 0))))
print(" | ".join(sorted(rows)))
EOF
}
# uid FILE: the UID of FILE's one event
uid() {
	$PY - "$1" <<'EOF'
import sys, icalendar
evs = list(icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read()).walk("VEVENT"))
print(str(evs[0].get("UID")) if len(evs) == 1 else "%d events" % len(evs))
EOF
}

# published with debut/fin, then moved once (SEQUENCE 1)
workshop barnums 'debut: "09:00"\nfin: "10:30"'
workshop soupe 'debut: "12:00"\nfin: "13:00"'
sed -i 's/\\n/\n/' ateliers/barnums.md ateliers/soupe.md
commit_at 2027-05-01T10:00:00+02:00 "Programme"
workshop barnums 'debut: "09:30"\nfin: "10:30"'
sed -i 's/\\n/\n/' ateliers/barnums.md
commit_at 2027-05-02T10:00:00+02:00 "Barnums: une demi-heure plus tard"
P=$WORK/p1
build "$P"
same "the site with debut/fin builds" 0 "$(cat "$WORK/rc")"
same "barnums: one event, the workshop's own UID, SEQUENCE 1" \
	"own 09:30 1" "$(events "$P/programme.ics" barnums)"
OWN=$(uid "$P/ateliers/barnums/atelier.ics")
OWNS=$(uid "$P/ateliers/soupe/atelier.ics")

# barnums gets two slots, the morning one (the same times) second;
# soupe gets two slots, neither at its old times
workshop barnums 'creneaux:
  - {debut: "14:00", fin: "15:30"}
  - {debut: "09:30", fin: "10:30"}'
workshop soupe 'creneaux:
  - {debut: "12:30", fin: "13:30"}
  - {debut: "18:00", fin: "19:00"}'
commit_at 2027-05-03T10:00:00+02:00 "Deux créneaux"
P=$WORK/p2
build "$P"
same "the site with creneaux builds" 0 "$(cat "$WORK/rc")"
same "barnums: the slot at the old times keeps the workshop's UID, SEQUENCE above 1" \
	"creneau-1 14:00 0 | own 09:30 2" "$(events "$P/programme.ics" barnums)"
same "soupe: its first slot keeps the workshop's UID, SEQUENCE above 0" \
	"creneau-2 18:00 0 | own 12:30 1" "$(events "$P/programme.ics" soupe)"
same "barnums' atelier.ics has the same two events" \
	"creneau-1 14:00 0 | own 09:30 2" "$(events "$P/ateliers/barnums/atelier.ics" barnums)"
same "the continuing slot's calendar holds the event under the workshop's UID" \
	"$OWN" "$(uid "$P/ateliers/barnums/creneau-0.ics")"
same "soupe's continuing slot's calendar too" \
	"$OWNS" "$(uid "$P/ateliers/soupe/creneau-0.ics")"
same "the other slot's calendar: creneau-1, its place" \
	"${OWN%@*}/creneau-1@${OWN#*@}" "$(uid "$P/ateliers/barnums/creneau-1.ics")"
same "the page's « Ajouter ce créneau » links name each slot's calendar" \
	"creneau-0.ics creneau-1.ics" \
	"$(grep -o 'creneau-[0-9]*\.ics' "$P/ateliers/barnums/index.html" | sort -u | tr '\n' ' ' | sed 's/ $//')"
$PY -c 'import json,sys; d=json.load(open(sys.argv[1])); print(" ".join(sorted(t["uid"].split("@")[0] for e in d["events"] if e["slug"]=="barnums" for t in e["timings"])))' \
	"$P/programme.json" >"$WORK/json" 2>&1
same "programme.json's timings: the continuing slot under the workshop's UID" \
	"ateliers/barnums ateliers/barnums/creneau-1" "$(cat "$WORK/json")"

# fabrique before session 32 numbered the continuing slot by its place
# (creneau-2.ics for barnums, creneau-1.ics for soupe): a link to that
# old address still gives the slot's event, under its UID now
same "barnums' old creneau-2.ics holds the continuing slot, the workshop's UID" \
	"$OWN" "$(uid "$P/ateliers/barnums/creneau-2.ics")"
same "soupe's old creneau-1.ics holds its continuing slot, the workshop's UID" \
	"$OWNS" "$(uid "$P/ateliers/soupe/creneau-1.ics")"
same "soupe's old creneau-1.ics: its times, its SEQUENCE" \
	"own 12:30 1" "$(events "$P/ateliers/soupe/creneau-1.ics" soupe)"
same "soupe's other slot keeps its creneau-2.ics" \
	"${OWNS%@*}/creneau-2@${OWNS#*@}" "$(uid "$P/ateliers/soupe/creneau-2.ics")"

# an incremental build over the last one, and a fresh clone's, agree
build "$WORK/p1"
same "the incremental build gives the same programme.ics" \
	"$(events "$P/programme.ics" barnums)" "$(events "$WORK/p1/programme.ics" barnums)"
$GIT clone -q "$S" "$WORK/clone"
(cd "$WORK/clone" && "$FABRIQUE" build . --out "$WORK/p3" >/dev/null 2>&1)
same "a fresh clone's build gives the same events" \
	"$(events "$P/programme.ics" barnums)" "$(events "$WORK/p3/programme.ics" barnums)"

# a third slot added on top later: the others keep their UIDs
workshop barnums 'creneaux:
  - {debut: "08:00", fin: "09:00"}
  - {debut: "14:00", fin: "15:30"}
  - {debut: "09:30", fin: "10:30"}'
commit_at 2027-05-04T10:00:00+02:00 "Un troisième créneau"
P=$WORK/p4
build "$P"
same "a slot added on top: the others keep their UIDs and SEQUENCE" \
	"creneau-1 14:00 0 | creneau-3 08:00 0 | own 09:30 2" "$(events "$P/programme.ics" barnums)"

# back to debut/fin at the morning's times: the workshop's own event
workshop barnums 'debut: "09:30"\nfin: "10:30"'
sed -i 's/\\n/\n/' ateliers/barnums.md
commit_at 2027-05-05T10:00:00+02:00 "Un seul horaire"
P=$WORK/p5
build "$P"
same "back to debut/fin: the workshop's own UID again, SEQUENCE above 2" \
	"own 09:30 4" "$(events "$P/programme.ics" barnums)"
# the old « Ajouter ce créneau » links: creneau-0.ics and the old
# creneau-2.ics still hold the workshop's one event; the slots taken out
# (a warning) have none
same "back to debut/fin: creneau-0.ics holds the workshop's one event" \
	"own 09:30 4" "$(events "$P/ateliers/barnums/creneau-0.ics" barnums)"
same "back to debut/fin: the old creneau-2.ics too" \
	"own 09:30 4" "$(events "$P/ateliers/barnums/creneau-2.ics" barnums)"
check "the slots taken out have no calendar (creneau-1.ics, creneau-3.ics)" \
	test ! -e "$P/ateliers/barnums/creneau-1.ics" -a ! -e "$P/ateliers/barnums/creneau-3.ics"
build "$WORK/p4"
same_tree "an incremental build over the three slots' output equals a clean build" \
	"$P" "$WORK/p4"

# a workshop first published with two slots, then one (the morning's
# taken out), then its own debut/fin at the afternoon's times: its
# creneau-2.ics holds the afternoon's event all along, the UID
# residents imported
workshop lavoir 'creneaux:
  - {debut: "08:00", fin: "10:00"}
  - {debut: "14:00", fin: "16:00"}'
commit_at 2027-05-06T10:00:00+02:00 "Lavoir"
build "$WORK/l1"
L2=$(uid "$WORK/l1/ateliers/lavoir/creneau-2.ics")
same "lavoir: two slots, creneau-1 and creneau-2" \
	"creneau-1 08:00 0 | creneau-2 14:00 0" "$(events "$WORK/l1/programme.ics" lavoir)"
workshop lavoir 'creneaux:
  - {debut: "14:00", fin: "16:00"}'
printf '[Le créneau de l’après-midi](/ateliers/lavoir/creneau-2.ics)\n' >>ateliers/lavoir.md
commit_at 2027-05-07T10:00:00+02:00 "Lavoir : l’après-midi seulement"
build "$WORK/l1"
same "one slot left, a page linking to its old creneau-2.ics: the site builds" \
	0 "$(cat "$WORK/rc")"
same "one slot left: its creneau-2.ics still holds its event" \
	"creneau-2 14:00 0" "$(events "$WORK/l1/ateliers/lavoir/creneau-2.ics" lavoir)"
check "the slot taken out has no calendar" test ! -e "$WORK/l1/ateliers/lavoir/creneau-1.ics"
lacks "a page's link to the old address is no broken link" "$WORK/out" "creneau-2.ics"
build "$WORK/l2"
same_tree "one slot left: the incremental build equals a clean one" "$WORK/l2" "$WORK/l1"
workshop lavoir 'debut: "14:00"\nfin: "16:00"'
sed -i 's/\\n/\n/' ateliers/lavoir.md
commit_at 2027-05-08T10:00:00+02:00 "Lavoir : un seul horaire"
build "$WORK/l1"
same "lavoir with debut/fin builds" 0 "$(cat "$WORK/rc")"
same "creneaux given way to debut/fin: creneau-2.ics holds the one event, its UID" \
	"$L2" "$(uid "$WORK/l1/ateliers/lavoir/creneau-2.ics")"
same "the same event as atelier.ics" \
	"$L2" "$(uid "$WORK/l1/ateliers/lavoir/atelier.ics")"
build "$WORK/l3"
same_tree "debut/fin: the incremental build equals a clean one" "$WORK/l3" "$WORK/l1"
