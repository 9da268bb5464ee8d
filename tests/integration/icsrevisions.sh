#!/bin/sh
# Residents who subscribed to a calendar see a workshop's changes (outside
# tester 21 F4): a workshop moved to another time gets a higher SEQUENCE
# and a LAST-MODIFIED (RFC 5545: applications compare them to replace the
# event they hold), keeps its UID when its file is renamed (the same event,
# not a copy beside the old one), and once cancelled its SUMMARY says
# « Annulé : » (many applications show a STATUS:CANCELLED event like any
# other).  All from the git history: a clean build (a fresh clone, no
# cache) gives the same bytes as the incremental builds made commit after
# commit.  The calendars are read back by python3-icalendar and vobject.
. "$(dirname "$0")/../lib.sh"

PY=/usr/bin/python3
starter_site
sed -i 's|^url: .*|url: "https://journee.saint-aubin.fr/"|' site.yaml
# Every commit at a fixed author time unless it names its own: the
# later steps' commits are dated 2026-12-01 to 12-09, and a day's move
# wins over the workshop's own last change only when it is the later
# (calendar.c changed_at()): with init's and these commits at the real
# time, the test failed from 2026-12-02 09:00 UTC on.
FIXED=2026-11-20T10:00:00+01:00
$GIT commit -q --amend --no-edit --date=$FIXED
commit() { $GIT add -A && GIT_AUTHOR_DATE=${GIT_AUTHOR_DATE:-$FIXED} $GIT commit -qm "$1"; }
commit "adresse"
build() { "$FABRIQUE" build . --out "$1" >"$WORK/out" 2>&1; echo $? >"$WORK/rc"; }
W=ateliers/nettoyer-les-abords-de-l-ecole.md

# ev FILE PROP: PROP of FILE's one VEVENT as python3-icalendar reads it
# (vobject must read the calendar too: a parse error fails here).
ev() {
	$PY - "$1" "$2" <<'EOF'
import sys
import icalendar
import vobject
data = open(sys.argv[1], "rb").read()
vobject.readOne(data.decode("utf-8")).validate()
evs = [c for c in icalendar.Calendar.from_ical(data).walk("VEVENT")]
if len(evs) != 1:
    print("%d events" % len(evs))
    sys.exit(0)
v = evs[0].get(sys.argv[2])
if v is None:
    print("(none)")
elif sys.argv[2] in ("LAST-MODIFIED", "DTSTAMP", "DTSTART"):
    print(v.dt.isoformat())
else:
    print(str(v))
EOF
}

# same NAME EXPECTED ACTUAL
same() {
	if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "expected: $2" "got: $3"; fi
}

P=$WORK/public
build "$P"
status "the site builds" 0 "$(cat "$WORK/rc")"
ICS=$P/ateliers/nettoyer-les-abords-de-l-ecole/atelier.ics
uid0=$(ev "$ICS" UID)
seq0=$(ev "$ICS" SEQUENCE)
same "a workshop never moved: SEQUENCE 0" 0 "$seq0"
lm0=$(ev "$ICS" LAST-MODIFIED)
if [ "$lm0" != "(none)" ]; then ok "LAST-MODIFIED given"; else
	not_ok "LAST-MODIFIED given" "none in $ICS"; fi

# moved to the afternoon
sed -i 's/^debut: "09:00"/debut: "14:00"/; s/^fin: "12:00"/fin: "17:00"/' $W
commit "l'atelier passe l'après-midi"
build "$P"
same "moved: the same UID" "$uid0" "$(ev "$ICS" UID)"
same "moved: SEQUENCE 1" 1 "$(ev "$ICS" SEQUENCE)"
lm1=$(ev "$ICS" LAST-MODIFIED)
same "moved: LAST-MODIFIED is the commit's (UTC)" \
	"$(TZ=UTC $GIT log -1 --date=format-local:%Y-%m-%dT%H:%M:%S --format=%ad)+00:00" "$lm1"
same "moved: DTSTAMP is the commit's too" "$lm1" "$(ev "$ICS" DTSTAMP)"

# a change of the text only: not a new revision of the event
sed -i 's/^resume: .*/resume: Désherber et fleurir devant l’école./' $W
commit "résumé"
build "$P"
same "the text changed: SEQUENCE still 1" 1 "$(ev "$ICS" SEQUENCE)"

# a commit whose front matter was broken, then mended: passed over
cp $W "$WORK/good.md"
sed -i 's/^lieu:.*/lieu: [oups/' $W
commit "cassé"
cp "$WORK/good.md" $W
commit "réparé"
build "$P"
status "mended: the site builds" 0 "$(cat "$WORK/rc")"
same "a broken version in the history: SEQUENCE still 1" 1 "$(ev "$ICS" SEQUENCE)"

# renamed, as fabrique advises when a title changes
$GIT mv $W ateliers/fleurir-l-ecole.md
W=ateliers/fleurir-l-ecole.md
commit "renommé"
build "$P"
ICS=$P/ateliers/fleurir-l-ecole/atelier.ics
same "renamed: the same UID" "$uid0" "$(ev "$ICS" UID)"
same "renamed: SEQUENCE still 1" 1 "$(ev "$ICS" SEQUENCE)"
same "renamed: one event in the programme, with that UID" "$uid0" \
	"$(ev "$P/programme.ics" UID)"

# moved to another place, renamed again in the same commit
sed -i 's/^  nom: École/  nom: Cour de l’école/' $W
$GIT mv $W ateliers/une-cour-fleurie.md
W=ateliers/une-cour-fleurie.md
commit "autre lieu, autre nom"
build "$P"
ICS=$P/ateliers/une-cour-fleurie/atelier.ics
same "another place and name: the same UID" "$uid0" "$(ev "$ICS" UID)"
same "another place: SEQUENCE 2" 2 "$(ev "$ICS" SEQUENCE)"
same "another name: the open data's uid is the calendar's" "$uid0" \
	"$($PY -c 'import json,sys; print([e["uid"] for e in json.load(open(sys.argv[1]))["events"] if e["slug"] == "une-cour-fleurie"][0])' "$P/programme.json")"

# cancelled
sed -i 's/^statut: propose/statut: annule/' $W
commit "annulé (météo)"
build "$P"
status "cancelled: the site builds" 0 "$(cat "$WORK/rc")"
same "cancelled: STATUS:CANCELLED" CANCELLED "$(ev "$ICS" STATUS)"
same "cancelled: SEQUENCE 3" 3 "$(ev "$ICS" SEQUENCE)"
same "cancelled: the SUMMARY says it" "Annulé : Nettoyer les abords de l'école" \
	"$(ev "$ICS" SUMMARY)"
same "cancelled: the programme's SUMMARY says it" \
	"Annulé : Nettoyer les abords de l'école" "$(ev "$P/programme.ics" SUMMARY)"
same "cancelled: the programme's SEQUENCE 3" 3 "$(ev "$P/programme.ics" SEQUENCE)"
# the subscription says to fetch it again within the hour, so the morning's
# cancellation reaches phones that honour it (outside tester 26 F14);
# a workshop's own calendar, added once, says nothing of the kind
$PY - "$P/programme.ics" "$ICS" >"$WORK/refresh" <<'EOF2'
import sys
import icalendar
p, one = (icalendar.Calendar.from_ical(open(f, "rb").read()) for f in sys.argv[1:3])
print(p.get("REFRESH-INTERVAL"), p.get("X-PUBLISHED-TTL"), one.get("REFRESH-INTERVAL"))
EOF2
same "programme.ics: REFRESH-INTERVAL and X-PUBLISHED-TTL one hour; none in a workshop's" \
	"PT1H PT1H None" "$(cat "$WORK/refresh")"
contains "the page says « Annulé » too" "$P/ateliers/une-cour-fleurie/index.html" "Atelier annulé"

# the editor wrote it in the title too: not said twice
sed -i 's/^titre: .*/titre: "[ANNULÉ] Nettoyer les abords"/' $W
commit "titre"
build "$P"
same "« [ANNULÉ] » in the title: not said twice" "[ANNULÉ] Nettoyer les abords" \
	"$(ev "$ICS" SUMMARY)"
same "the title changed: SEQUENCE still 3" 3 "$(ev "$ICS" SEQUENCE)"

# a new workshop given the renamed one's first name: its own UID
cp $W ateliers/nettoyer-les-abords-de-l-ecole.md
sed -i 's/^titre: .*/titre: Nettoyer le préau/; s/^statut: annule/statut: confirme/' \
	ateliers/nettoyer-les-abords-de-l-ecole.md
commit "un autre atelier sous l'ancien nom"
build "$P"
same "the renamed workshop keeps its UID" "$uid0" "$(ev "$ICS" UID)"
uidn=$(ev "$P/ateliers/nettoyer-les-abords-de-l-ecole/atelier.ics" UID)
if [ "$uidn" != "$uid0" ] && [ -n "$uidn" ]; then
	ok "a new file under the old name gets a UID of its own"
else
	not_ok "a new file under the old name gets a UID of its own" "$uidn"
fi
same "a new file: SEQUENCE 0" 0 \
	"$(ev "$P/ateliers/nettoyer-les-abords-de-l-ecole/atelier.ics" SEQUENCE)"

# The day postponed in the edition's file, the zone corrected in
# site.yaml (outside tester 25 F17): every event taking them moves, and
# says so (SEQUENCE one more, DTSTAMP and LAST-MODIFIED the commit's);
# a workshop with a date of its own does not move.
ICSN=$P/ateliers/nettoyer-les-abords-de-l-ecole/atelier.ics
ICSD=$P/ateliers/un-jour-a-lui/atelier.ics
sed 's/^titre: .*/titre: Un jour à lui/; s/^edition: 2027/date: 2027-05-29/' \
	ateliers/nettoyer-les-abords-de-l-ecole.md >ateliers/un-jour-a-lui.md
GIT_AUTHOR_DATE=2026-12-01T10:00:00+01:00 commit "un atelier daté"
sed -i 's/Café et viennoiseries/Café et croissants/' editions/2027.yaml
GIT_AUTHOR_DATE=2026-12-01T11:00:00+01:00 commit "l'accueil"
build "$P"
stamp_n=$(ev "$ICSN" DTSTAMP)
same "the edition's text changed: SEQUENCE still 3" 3 "$(ev "$ICS" SEQUENCE)"
same "the edition's text changed: SEQUENCE still 0" 0 "$(ev "$ICSN" SEQUENCE)"
same "the edition's text changed: DTSTAMP of the workshop's own commit" \
	"$(TZ=UTC $GIT log -1 --date=format-local:%Y-%m-%dT%H:%M:%S --format=%ad -- ateliers/nettoyer-les-abords-de-l-ecole.md)+00:00" \
	"$stamp_n"
sed -i 's/^date: 2027-05-29/date: 2027-06-05/' editions/2027.yaml
GIT_AUTHOR_DATE=2026-12-02T10:00:00+01:00 commit "Journée reportée au 5 juin"
build "$P"
status "postponed: the site builds" 0 "$(cat "$WORK/rc")"
same "postponed: the event is on the new day" "2027-06-05T14:00:00+02:00" \
	"$(ev "$ICSN" DTSTART)"
same "postponed: SEQUENCE 1" 1 "$(ev "$ICSN" SEQUENCE)"
same "postponed: DTSTAMP is the postponing commit's" \
	"2026-12-02T09:00:00+00:00" "$(ev "$ICSN" DTSTAMP)"
same "postponed: LAST-MODIFIED too" "2026-12-02T09:00:00+00:00" \
	"$(ev "$ICSN" LAST-MODIFIED)"
same "postponed: the cancelled one's SEQUENCE 4" 4 "$(ev "$ICS" SEQUENCE)"
same "postponed: a workshop with its own date stays" \
	"2027-05-29T14:00:00+02:00" "$(ev "$ICSD" DTSTART)"
same "postponed: ... with SEQUENCE 0" 0 "$(ev "$ICSD" SEQUENCE)"
same "postponed: ... and its own DTSTAMP" "2026-12-01T09:00:00+00:00" \
	"$(ev "$ICSD" DTSTAMP)"
$PY - "$P/programme.ics" "$WORK/progseq" <<'EOF2'
import sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
with open(sys.argv[2], "w") as f:
    for e in sorted(cal.walk("VEVENT"), key=lambda e: str(e["UID"])):
        f.write("%s %s %s\n" % (e["DTSTART"].dt.date(), e["SEQUENCE"],
                                e["DTSTAMP"].dt.isoformat()))
EOF2
same "postponed: the programme's events" "2027-05-29 0 2026-12-01T09:00:00+00:00
2027-06-05 1 2026-12-02T09:00:00+00:00
2027-06-05 4 2026-12-02T09:00:00+00:00" "$(sort "$WORK/progseq")"
# programme.json's sequence counts its file's own changes only (the
# day postponed in the edition's file aside, opendata.c), though read
# in the same walk as the calendars' (revtable.c, perfcold26)
same "postponed: programme.json's sequences are the files' own" \
	"nettoyer-les-abords-de-l-ecole 0
un-jour-a-lui 0
une-cour-fleurie 3" "$($PY -c 'import json, sys
for e in json.load(open(sys.argv[1], encoding="utf-8"))["events"]:
    print(e["slug"], e["sequence"])' "$P/programme.json" | sort)"
# a slot without a date takes the edition's day too
cat >ateliers/un-jour-a-lui.md <<'EOF2'
---
titre: Un jour à lui
edition: 2027
creneaux:
  - date: 2027-05-28
    debut: "09:00"
    fin: "10:00"
  - debut: "14:00"
    fin: "15:00"
lieu:
  nom: École
  adresse: Rue de l'École
categorie: cadre-de-vie
benevoles: 2
statut: propose
---
Deux créneaux.
EOF2
GIT_AUTHOR_DATE=2026-12-03T10:00:00+01:00 commit "deux créneaux"
build "$P"
status "two slots: the site builds" 0 "$(cat "$WORK/rc")"
seqs() { $PY -c '
import sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
print(" ".join("%s/%s/%s" % (e["DTSTART"].dt.date(), e["SEQUENCE"], e["DTSTAMP"].dt.isoformat()) for e in cal.walk("VEVENT")))' "$1"; }
# each slot's SEQUENCE counts its own revisions (outside tester 25 F3):
# the first continues the workshop's own event (its UID, creneau-0.ics),
# one more than the event residents hold; the second is new (creneau-2)
same "two slots: the first continues the workshop's event (SEQUENCE 1), the other new (0)" \
	"2027-05-28/1/2026-12-03T09:00:00+00:00 2027-06-05/0/2026-12-03T09:00:00+00:00" \
	"$(seqs "$ICSD")"
sed -i 's/^date: 2027-06-05/date: 2027-06-12/' editions/2027.yaml
GIT_AUTHOR_DATE=2026-12-04T10:00:00+01:00 commit "encore reportée"
build "$P"
same "postponed again: the dateless slot moves, SEQUENCE 1; the dated one stays at 1" \
	"2027-05-28/1/2026-12-04T09:00:00+00:00 2027-06-12/1/2026-12-04T09:00:00+00:00" \
	"$(seqs "$ICSD")"
sed -i 's|^fuseau: Europe/Paris|fuseau: America/Cayenne|' site.yaml
GIT_AUTHOR_DATE=2026-12-05T10:00:00+01:00 commit "fuseau de Guyane"
build "$P"
status "another zone: the site builds" 0 "$(cat "$WORK/rc")"
same "another zone: the event at 14 h in Cayenne" "2027-06-12T14:00:00-03:00" \
	"$(ev "$ICSN" DTSTART)"
same "another zone: SEQUENCE 3" 3 "$(ev "$ICSN" SEQUENCE)"
same "another zone: DTSTAMP is the commit's" "2026-12-05T09:00:00+00:00" \
	"$(ev "$ICSN" DTSTAMP)"
same "another zone: a workshop with its own dates moves too, each slot one more" \
	"2027-05-28/2/2026-12-05T09:00:00+00:00 2027-06-12/2/2026-12-05T09:00:00+00:00" \
	"$(seqs "$ICSD")"
sed -i 's|^fuseau: America/Cayenne|fuseau: America/Cayenne # Guyane|' site.yaml
GIT_AUTHOR_DATE=2026-12-06T10:00:00+01:00 commit "commentaire"
build "$P"
same "site.yaml changed elsewhere: SEQUENCE still 3" 3 "$(ev "$ICSN" SEQUENCE)"
same "site.yaml changed elsewhere: the same DTSTAMP" "2026-12-05T09:00:00+00:00" \
	"$(ev "$ICSN" DTSTAMP)"

# The meeting point (rdv) and the rain plan (repli_pluie) reach the
# calendars (outside tester 26 F9): on the day, the calendar is what a
# resident opens.  The meeting point ends LOCATION, the rain plan is in
# DESCRIPTION, and a change of either is a revision of the event, in
# every calendar holding it and in programme.json's sequence.
opseq() { $PY -c 'import json, sys
for e in json.load(open(sys.argv[1], encoding="utf-8"))["events"]:
    if e["slug"] == sys.argv[2]:
        print(e["sequence"], e["location"].get("meetingPoint"))' "$P/programme.json" "$1"; }
# progev UID PROP: PROP of the programme's event UID
progev() { $PY -c '
import sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
def text(v):
    return v.dt.isoformat() if hasattr(v, "dt") else str(v)
print(" ".join(text(e.get(sys.argv[3])) for e in cal.walk("VEVENT") if str(e["UID"]) == sys.argv[2]))' "$P/programme.ics" "$1" "$2"; }
uidN=$(ev "$ICSN" UID)
same "no rdv yet: LOCATION is the place" "Cour de l’école, Rue de l'École" \
	"$(ev "$ICSN" LOCATION)"
sed -i 's/^categorie: /rdv: Devant le portail de la cour\ncategorie: /' \
	ateliers/nettoyer-les-abords-de-l-ecole.md
GIT_AUTHOR_DATE=2026-12-07T10:00:00+01:00 commit "rdv"
build "$P"
status "rdv: the site builds" 0 "$(cat "$WORK/rc")"
same "rdv: LOCATION ends with the meeting point" \
	"Cour de l’école, Rue de l'École — Rendez-vous : Devant le portail de la cour" \
	"$(ev "$ICSN" LOCATION)"
same "rdv: SEQUENCE 4" 4 "$(ev "$ICSN" SEQUENCE)"
same "rdv: DTSTAMP is the commit's" "2026-12-07T09:00:00+00:00" "$(ev "$ICSN" DTSTAMP)"
same "rdv: programme.ics too" \
	"Cour de l’école, Rue de l'École — Rendez-vous : Devant le portail de la cour 4" \
	"$(progev "$uidN" LOCATION) $(progev "$uidN" SEQUENCE)"
same "rdv: programme.json's sequence one more, its meetingPoint" \
	"1 Devant le portail de la cour" "$(opseq nettoyer-les-abords-de-l-ecole)"
build "$P"
same "rdv: built again, SEQUENCE still 4" 4 "$(ev "$ICSN" SEQUENCE)"
# moved on a rainy morning
sed -i 's/^rdv: .*/rdv: Sous le préau du gymnase (pluie)/' \
	ateliers/nettoyer-les-abords-de-l-ecole.md
GIT_AUTHOR_DATE=2026-12-08T07:00:00+01:00 commit "rdv pluie"
build "$P"
same "rdv moved: the new meeting point in LOCATION" \
	"Cour de l’école, Rue de l'École — Rendez-vous : Sous le préau du gymnase (pluie)" \
	"$(ev "$ICSN" LOCATION)"
same "rdv moved: SEQUENCE 5, once" 5 "$(ev "$ICSN" SEQUENCE)"
same "rdv moved: LAST-MODIFIED is the commit's" "2026-12-08T06:00:00+00:00" \
	"$(ev "$ICSN" LAST-MODIFIED)"
same "rdv moved: the programme's event too" \
	"Cour de l’école, Rue de l'École — Rendez-vous : Sous le préau du gymnase (pluie) 5 2026-12-08T06:00:00+00:00" \
	"$(progev "$uidN" LOCATION) $(progev "$uidN" SEQUENCE) $(progev "$uidN" DTSTAMP)"
same "rdv moved: programme.json's sequence 2" \
	"2 Sous le préau du gymnase (pluie)" "$(opseq nettoyer-les-abords-de-l-ecole)"
# a rain plan for the workshop of two slots: in each slot's calendar
sed -i 's/^categorie: /repli_pluie: "Dans la salle polyvalente, même horaire ; prévoir des bottes."\ncategorie: /' \
	ateliers/un-jour-a-lui.md
GIT_AUTHOR_DATE=2026-12-09T10:00:00+01:00 commit "repli pluie"
build "$P"
status "repli_pluie: the site builds" 0 "$(cat "$WORK/rc")"
same "repli_pluie: each slot one more (SEQUENCE 3 and 3)" \
	"2027-05-28/3/2026-12-09T09:00:00+00:00 2027-06-12/3/2026-12-09T09:00:00+00:00" \
	"$(seqs "$ICSD")"
for n in 0 2; do
	$PY - "$P/ateliers/un-jour-a-lui/creneau-$n.ics" >"$WORK/rain" <<'EOF2'
import sys, icalendar, vobject
data = open(sys.argv[1], "rb").read()
vobject.readOne(data.decode("utf-8")).validate()
e = list(icalendar.Calendar.from_ical(data).walk("VEVENT"))[0]
print(e["SEQUENCE"], str(e["DESCRIPTION"]).split("\n\n")[0])
EOF2
	same "repli_pluie: creneau-$n.ics says it first in DESCRIPTION" \
		"3 En cas de pluie : Dans la salle polyvalente, même horaire ; prévoir des bottes." \
		"$(cat "$WORK/rain")"
done
same "repli_pluie: no meeting point, LOCATION is the place" "École, Rue de l'École" \
	"$(ev "$P/ateliers/un-jour-a-lui/creneau-0.ics" LOCATION)"
same "repli_pluie: the other workshop stays at SEQUENCE 5" 5 "$(ev "$ICSN" SEQUENCE)"
sed -i 's/^resume: .*/resume: Désherber, fleurir et ranger./' ateliers/nettoyer-les-abords-de-l-ecole.md
GIT_AUTHOR_DATE=2026-12-10T10:00:00+01:00 commit "résumé encore"
build "$P"
same "rdv kept, the text changed: SEQUENCE still 5" 5 "$(ev "$ICSN" SEQUENCE)"

# the same commit built again, and from a fresh clone without any cache:
# the same bytes (DTSTAMP and SEQUENCE come from git, nothing else)
snapshot "$P" >"$WORK/snap1"
build "$P"
snapshot "$P" >"$WORK/snap2"
if cmp -s "$WORK/snap1" "$WORK/snap2"; then ok "built again: the same bytes"; else
	not_ok "built again: the same bytes" "$(diff "$WORK/snap1" "$WORK/snap2" | head -5)"; fi
$GIT clone -q "$S" "$WORK/clone"
(cd "$WORK/clone" && XDG_CACHE_HOME=$WORK/xdg2 "$FABRIQUE" build . --out "$WORK/clean" >"$WORK/out" 2>&1)
status "a fresh clone builds" 0 $?
for f in programme.ics ateliers/une-cour-fleurie/atelier.ics \
	ateliers/nettoyer-les-abords-de-l-ecole/atelier.ics \
	ateliers/un-jour-a-lui/atelier.ics; do
	if cmp -s "$P/$f" "$WORK/clean/$f"; then
		ok "clean and incremental builds: $f byte for byte"
	else
		not_ok "clean and incremental builds: $f byte for byte" \
			"$(diff "$P/$f" "$WORK/clean/$f" | head -8)"
	fi
done

# An English site (langue: en): the theme's words in its language, as for
# « Annulé » (the site's own theme/i18n/en.yaml here), joined to their
# text as English does, « Meeting point: … », without French typography's
# space before the colon (cal29).
$GIT clone -q "$S" "$WORK/en"
cd "$WORK/en" || exit 1
sed -i 's/^langue: fr/langue: en/' site.yaml
mkdir -p theme/i18n
printf 'statuts:\n  annule: Cancelled\nlibelles:\n  rendez_vous: Meeting point\n  repli_pluie: If it rains\n  par_courriel: By e-mail\n' >theme/i18n/en.yaml
sed -i 's/^titre: .*/titre: Tidy up the school yard/' ateliers/une-cour-fleurie.md
for y in editions/*.yaml; do printf 'inscription:\n  email: journee@mairie.example\n' >>"$y"; done
commit "in English"
build "$WORK/enout"
status "in English: the site builds" 0 "$(cat "$WORK/rc")"
same "in English: LOCATION says « Meeting point: », no space before the colon" \
	"Cour de l’école, Rue de l'École — Meeting point: Sous le préau du gymnase (pluie)" \
	"$(ev "$WORK/enout/ateliers/nettoyer-les-abords-de-l-ecole/atelier.ics" LOCATION)"
contains "in English: DESCRIPTION says « If it rains: »" \
	"$WORK/enout/ateliers/un-jour-a-lui/creneau-0.ics" "DESCRIPTION:If it rains: Dans la salle polyvalente"
same "in English: a cancelled workshop's SUMMARY « Cancelled: … »" \
	"CANCELLED Cancelled: Tidy up the school yard" \
	"$(ev "$WORK/enout/ateliers/une-cour-fleurie/atelier.ics" STATUS) $(ev "$WORK/enout/ateliers/une-cour-fleurie/atelier.ics" SUMMARY)"
same "in English: the feed's entry too" "Cancelled: Tidy up the school yard" \
	"$($PY -c '
import sys, xml.etree.ElementTree as ET
A = "{http://www.w3.org/2005/Atom}"
for e in ET.parse(sys.argv[1]).getroot().iter(A + "entry"):
    t = e.find(A + "title").text
    if t.endswith("school yard"):
        print(t)' "$WORK/enout/flux.xml")"
# the pages' labels as well (the theme's templates, {{t.deux_points}})
contains "in English: the home page says « By e-mail: »" "$WORK/enout/index.html" \
	'By e-mail: <a href="mailto:journee@mairie.example">'
lacks "in English: nowhere « By e-mail : »" "$WORK/enout/index.html" "By e-mail :"
# the word changed in the theme: the calendars kept from the last build
# are made again (their keys hold the words)
sed -i 's/rendez_vous: Meeting point/rendez_vous: Meet at/' theme/i18n/en.yaml
commit "wording"
build "$WORK/enout"
same "the theme's word changed: LOCATION made again" \
	"Cour de l’école, Rue de l'École — Meet at: Sous le préau du gymnase (pluie)" \
	"$(ev "$WORK/enout/ateliers/nettoyer-les-abords-de-l-ecole/atelier.ics" LOCATION)"
same "the theme's word changed: programme.ics too" \
	"Cour de l’école, Rue de l'École — Meet at: Sous le préau du gymnase (pluie)" \
	"$($PY -c '
import sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
print(" ".join(str(e["LOCATION"]) for e in cal.walk("VEVENT") if str(e["UID"]) == sys.argv[2]))' "$WORK/enout/programme.ics" "$uidN")"
