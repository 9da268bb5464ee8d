#!/bin/sh
# A resident subscribed to the département's calendar sees a moved
# workshop move (reseau25): the network's calendar gives each commune's
# event the SEQUENCE, DTSTAMP and LAST-MODIFIED of the commune's own
# calendar, under its UID, so that a calendar app holding the event
# replaces it.  Their source is programme.json's new optional members
# "sequence" and "lastModified" (the published schema takes them,
# checked with jsonschema); a programme of an older fabrique, without
# them, is still taken.  Two real communes, a repository member and a
# programme.json member, whose workshop changes time, then status, over
# commits; the network rebuilt into the same folder each time (its
# cache); every calendar read back by vobject and python3-icalendar.
. "$(dirname "$0")/../lib.sh"
PY=/usr/bin/python3
N=$WORK/net
reseau_member "$N/tours" "Tours-sur-Cher" 37261 https://tours.example/
reseau_member "$N/amboise" "Amboise-les-Prés" 37003 https://amboise.example/
printf 'url: https://reseau.example/\ncommunes:\n  - depot: tours\n  - programme: amboise.json\n' >"$N/liste.yaml"

# step: both communes built (amboise's programme.json copied where the
# list reads it), then the network
step() {
	for c in tours amboise; do
		"$FABRIQUE" build "$N/$c" --out "$WORK/$c" -q 2>"$WORK/.err" || return 1
	done
	cp "$WORK/amboise/programme.json" "$N/amboise.json"
	"$FABRIQUE" reseau "$N/liste.yaml" --out "$WORK/o" 2>"$WORK/.err"
}

cat >"$WORK/check.py" <<'EOS'
import json, sys
import icalendar, jsonschema, vobject
work, schema_path, seq, start = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
schema = json.load(open(schema_path, encoding="utf-8"))
v = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())

def events(path):
    data = open(path, "rb").read()
    vobject.readOne(data.decode("utf-8")).validate()
    return {str(e["UID"]): e for e in icalendar.Calendar.from_ical(data).walk("VEVENT")}

net = events(work + "/o/departements/37/ateliers.ics")
for commune in ("tours", "amboise"):
    prog = json.load(open("%s/%s/programme.json" % (work, commune), encoding="utf-8"))
    errors = list(v.iter_errors(prog))
    assert not errors, [e.message for e in errors[:3]]
    own = events("%s/%s/programme.ics" % (work, commune))
    assert own, commune
    for uid, a in own.items():
        assert uid in net, (commune, uid, sorted(net))
        b = net[uid]
        for prop in ("SEQUENCE", "DTSTAMP", "LAST-MODIFIED", "DTSTART", "DTEND"):
            x, y = a.get(prop), b.get(prop)
            assert x is not None and y is not None, (commune, uid, prop, x, y)
            x, y = a.decoded(prop), b.decoded(prop)
            assert x == y, (commune, uid, prop, x, y)
    haie = [u for u in own if u.startswith("ateliers/haie@")]
    assert len(haie) == 1, sorted(own)
    h = net[haie[0]]
    assert int(h.decoded("SEQUENCE")) == seq, (commune, h.decoded("SEQUENCE"), seq)
    assert h.decoded("DTSTART").strftime("%H:%M") == start, (commune, h.decoded("DTSTART"))
    print("ok - %s: %d events, each with the commune calendar's UID, SEQUENCE, DTSTAMP, "
          "LAST-MODIFIED and times in the département's; the workshop at %s, SEQUENCE %d"
          % (commune, len(own), start, seq))
EOS
# check WHAT SEQUENCE START: the calendars agree, the workshop at START
check_cals() {
	$PY "$WORK/check.py" "$WORK" "$TOP/themes/reseau/programme.schema.json" "$2" "$3" 2>"$WORK/.py" ||
		not_ok "$1" "$(tail -n 5 "$WORK/.py")"
}

step
status "the network builds" 0 $?
lacks "no unknown field warned about" "$WORK/.err" "does not know"
check_cals "first version: the calendars agree" 0 09:00

for c in tours amboise; do
	sed -i 's/^debut: "09:00"/debut: "10:00"/' "$N/$c/ateliers/haie.md"
	commit_all "$N/$c" "La haie à 10 h"
done
step
status "the network builds again" 0 $?
check_cals "moved to 10 h: SEQUENCE 1 in both calendars" 1 10:00

for c in tours amboise; do
	sed -i 's/^resume: .*/resume: Un atelier pour tous./' "$N/$c/ateliers/haie.md"
	commit_all "$N/$c" "Résumé"
	sed -i 's/^statut: .*/statut: annule/' "$N/$c/ateliers/haie.md"
	commit_all "$N/$c" "Annulé"
done
step
status "and again" 0 $?
check_cals "a new summary, then cancelled: SEQUENCE 2, the latest commit's DTSTAMP" 2 10:00

# the meeting point moved (outside tester 26 F9): a revision in the
# commune's calendar, so in the département's, whose LOCATION says where
for c in tours amboise; do
	sed -i 's/^statut: .*/&\nrdv: Sous le préau du gymnase/' "$N/$c/ateliers/haie.md"
	commit_all "$N/$c" "Rendez-vous"
done
step
status "a meeting point: the network builds" 0 $?
check_cals "a meeting point: SEQUENCE 3 in both calendars" 3 10:00
$PY - "$WORK/o/departements/37/ateliers.ics" >"$WORK/loc" <<'EOS'
import sys, icalendar
for e in sorted(icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read()).walk("VEVENT"), key=lambda e: str(e["UID"])):
    if str(e["UID"]).startswith("ateliers/haie@"):
        print(str(e["UID"]), str(e.get("LOCATION")).split(" — ")[-1])
EOS
if [ "$(cat "$WORK/loc")" = "ateliers/haie@amboise.example Rendez-vous : Sous le préau du gymnase
ateliers/haie@tours.example Rendez-vous : Sous le préau du gymnase" ]; then
	ok "a meeting point: the département's LOCATION ends with it"
else
	not_ok "a meeting point: the département's LOCATION ends with it" "$(cat "$WORK/loc")"
fi

# a programme an older fabrique wrote: no sequence, no lastModified
$PY - "$N/amboise.json" <<'EOS'
import json, sys
p = json.load(open(sys.argv[1], encoding="utf-8"))
for e in p["events"]:
    e.pop("sequence"), e.pop("lastModified")
json.dump(p, open(sys.argv[1], "w", encoding="utf-8"), ensure_ascii=False)
EOS
"$FABRIQUE" reseau "$N/liste.yaml" --out "$WORK/o" 2>"$WORK/.err"
status "an older programme is still taken" 0 $?
contains "its events are in the calendar, SEQUENCE 0" "$WORK/o/departements/37/ateliers.ics" \
	"UID:ateliers/haie@amboise.example"
$PY - "$WORK/o/departements/37/ateliers.ics" <<'EOS' && ok "with SEQUENCE 0 and no LAST-MODIFIED" || not_ok "an older programme's events: SEQUENCE 0, no LAST-MODIFIED"
import sys, icalendar
evs = {str(e["UID"]): e for e in icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read()).walk("VEVENT")}
e = evs["ateliers/haie@amboise.example"]
assert int(e.decoded("SEQUENCE")) == 0 and e.get("LAST-MODIFIED") is None, e
assert int(evs["ateliers/haie@tours.example"].decoded("SEQUENCE")) == 3
EOS

# the meeting point on the network's page of each commune too, under the
# workshop's place, as its calendar says it (cal29): a label in text (not
# only an icon), the commune's words escaped; a workshop without one
# shows no empty label
for c in tours amboise; do
	sed -i 's/^rdv: .*/rdv: "Cour A \& B, côté <rue>"/' "$N/$c/ateliers/haie.md"
	commit_all "$N/$c" "Rendez-vous ailleurs"
done
step
status "another meeting point: the network builds" 0 $?
$PY - "$WORK/o" >"$WORK/rdv.out" 2>&1 <<'EOS' && ok "each commune's page shows « Rendez-vous : » and the meeting point under the place, escaped; none where there is none: $(cat "$WORK/rdv.out")" || not_ok "the commune pages show the meeting point under the place" "$(cat "$WORK/rdv.out")"
import glob, sys
from html.parser import HTMLParser

class Articles(HTMLParser):
    """The text of each <p> of each <article>, and its h3."""
    def __init__(self):
        super().__init__()
        self.arts, self.cur, self.text = [], None, None
    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.cur = {"h3": "", "p": []}
        elif self.cur is not None and tag in ("p", "h3"):
            self.text, self.tag = [], tag
    def handle_data(self, data):
        if self.text is not None:
            self.text.append(data)
    def handle_endtag(self, tag):
        if self.cur is None:
            return
        if tag in ("p", "h3") and self.text is not None:
            t = " ".join("".join(self.text).split())
            if tag == "h3":
                self.cur["h3"] = t
            else:
                self.cur["p"].append(t)
            self.text = None
        elif tag == "article":
            self.arts.append(self.cur)
            self.cur = None

pages = sorted(glob.glob(sys.argv[1] + "/communes/*/index.html"))
assert len(pages) == 2, pages
others = 0
for page in pages:
    a = Articles()
    a.feed(open(page, encoding="utf-8").read())
    haie = [x for x in a.arts if x["h3"] == "Planter la haie"]
    assert len(haie) == 1, (page, [x["h3"] for x in a.arts])
    ps = haie[0]["p"]
    at = ps.index("École")
    assert ps[at + 1] == "Rendez-vous : Cour A & B, côté <rue>", (page, ps)
    for x in a.arts:
        if x is not haie[0]:
            others += 1
            assert not any(p.startswith("Rendez-vous") for p in x["p"]), (page, x)
assert others > 0, pages
print("%d pages, %d workshops without one" % (len(pages), others))
EOS
$PY - "$WORK/o/departements/37/ateliers.ics" >"$WORK/loc" <<'EOS'
import sys, icalendar
for e in sorted(icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read()).walk("VEVENT"), key=lambda e: str(e["UID"])):
    if str(e["UID"]).startswith("ateliers/haie@"):
        print(str(e.get("LOCATION")))
EOS
if [ "$(cat "$WORK/loc")" = "École, Amboise-les-Prés — Rendez-vous : Cour A & B, côté <rue>
École, Tours-sur-Cher — Rendez-vous : Cour A & B, côté <rue>" ]; then
	ok "another meeting point: the département's LOCATION says the same, after the place and its commune"
else
	not_ok "another meeting point: the département's LOCATION says the same, after the place and its commune" "$(cat "$WORK/loc")"
fi

# the place's address, as the commune's calendar gives it, and the
# commune unless the address names it: five « École » of one
# département are five schools (outside tester 29 F2)
sed -i 's/^lieu: .*/lieu: {nom: École, adresse: "Rue de l’École"}/' "$N/tours/ateliers/haie.md"
sed -i 's/^lieu: .*/lieu: {nom: École, adresse: "2 place du Marché, 37400 Amboise-les-Prés"}/' "$N/amboise/ateliers/haie.md"
for c in tours amboise; do commit_all "$N/$c" "Adresse"; done
step
status "addresses: the network builds" 0 $?
$PY - "$WORK/o/departements/37/ateliers.ics" "$WORK/tours/programme.ics" >"$WORK/loc" <<'EOS'
import sys, icalendar
for f in sys.argv[1:]:
    for e in sorted(icalendar.Calendar.from_ical(open(f, "rb").read()).walk("VEVENT"), key=lambda e: str(e["UID"])):
        if str(e["UID"]).startswith("ateliers/haie@"):
            print(str(e.get("LOCATION")).split(" — ")[0])
EOS
if [ "$(cat "$WORK/loc")" = "École, 2 place du Marché, 37400 Amboise-les-Prés
École, Rue de l’École, Tours-sur-Cher
École, Rue de l’École" ]; then
	ok "addresses: the département's LOCATION is the place, its address and the commune (once)"
else
	not_ok "addresses: the département's LOCATION is the place, its address and the commune (once)" "$(cat "$WORK/loc")"
fi
