#!/bin/sh
# A workshop without hours is a whole day (outside tester 23 F9): the
# commune's programme.ics says VALUE=DATE; its programme.json now says
# "allDay": true (a new optional member: the published schema takes it,
# checked with jsonschema) and the network's département calendar
# writes the same VALUE=DATE under the same UID (python3-icalendar), for
# a repository member and a programme.json member alike; the network's
# commune page shows the day without "0 h – 23 h 59".
. "$(dirname "$0")/../lib.sh"
PY=/usr/bin/python3
N=$WORK/net
NEXT=$(($(date -u +%Y) + 1))
# member DIR COMMUNE INSEE URL: a commune with a workshop with hours
# (reseau_member's) and one without
member() {
	reseau_member "$@"
	printf -- '---\ntitre: Dégager le lavoir\nedition: %s\ncategorie: nature\nstatut: confirme\nresume: Toute la journée.\nlieu: Lavoir\n---\nTexte.\n' \
	    "$NEXT" >"$1/ateliers/lavoir.md"
	commit_all "$1" "Atelier sans horaires"
}
member "$N/tours" "Tours-sur-Cher" 37261 https://tours.example/
member "$N/amboise" "Amboise-les-Prés" 37003 https://amboise.example/
"$FABRIQUE" build "$N/tours" --out "$WORK/tours" -q 2>"$WORK/.err"
status "the commune builds" 0 $?
"$FABRIQUE" build "$N/amboise" --out "$WORK/amboise" -q 2>"$WORK/.err"
cp "$WORK/amboise/programme.json" "$N/amboise.json"
printf 'url: https://reseau.example/\ncommunes:\n  - depot: tours\n  - programme: amboise.json\n' >"$N/liste.yaml"
"$FABRIQUE" reseau "$N/liste.yaml" --out "$WORK/o" 2>"$WORK/.err"
status "the network builds" 0 $?
lacks "no unknown field warned about" "$WORK/.err" "does not know"

cat >"$WORK/check.py" <<'EOS'
import json, sys
import jsonschema
from icalendar import Calendar
from datetime import date, datetime
work, schema_path = sys.argv[1:3]
schema = json.load(open(schema_path, encoding="utf-8"))
v = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
net = {str(e["UID"]): e for e in Calendar.from_ical(
    open(work + "/o/departements/37/ateliers.ics", "rb").read()).walk("VEVENT")}
for commune in ("tours", "amboise"):
    prog = json.load(open("%s/%s/programme.json" % (work, commune), encoding="utf-8"))
    errors = list(v.iter_errors(prog))
    assert not errors, [e.message for e in errors[:3]]
    ev = {e["title"]: e for e in prog["events"]}
    day = ev["Dégager le lavoir"]["timings"][0]
    assert day.get("allDay") is True, day
    assert "allDay" not in ev["Planter la haie"]["timings"][0], ev["Planter la haie"]
    own = {str(e["UID"]): e for e in Calendar.from_ical(
        open("%s/%s/programme.ics" % (work, commune), "rb").read()).walk("VEVENT")}
    uid = day["uid"]
    a, b = own[uid], net[uid]
    for prop in ("DTSTART", "DTEND"):
        x, y = a.decoded(prop), b.decoded(prop)
        assert type(x) is date and type(y) is date, (commune, prop, x, y)
        assert x == y, (commune, prop, x, y)
        assert a[prop].params.get("VALUE") == b[prop].params.get("VALUE") == "DATE", (commune, prop)
    hours = ev["Planter la haie"]["timings"][0]["uid"]
    assert isinstance(net[hours].decoded("DTSTART"), datetime), net[hours]
    print("ok - %s: the no-hours workshop is all-day in programme.json (schema-valid) and "
          "in both calendars, same UID, same days; the one with hours keeps them" % commune)
EOS
$PY "$WORK/check.py" "$WORK" "$TOP/themes/reseau/programme.schema.json" 2>"$WORK/.py" ||
	not_ok "a workshop without hours is all-day everywhere" "$(tail -n 5 "$WORK/.py")"
P=$WORK/o/communes/37261-tours-sur-cher/index.html
lacks "the network's commune page does not say 0 h – 23 h 59" "$P" "23$(printf '\302\240')h$(printf '\302\240')59"
lacks "... in any spacing" "$P" "23 h 59"
contains "it shows the day" "$P" "29 mai $NEXT"
