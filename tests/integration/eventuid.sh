#!/bin/sh
# Event UIDs (RFC 5545 §3.8.4.7), one form in every output (tester22 F7):
# two communes published under sub-paths of one host
# (https://mairie.fr/journee/, https://mairie.fr/autre/) get UIDs of
# their own, with the site's path after the host; the network's
# département calendar (fabrique reseau) holds each UID once; a slot has
# the same UID in the commune's programme.ics, its programme.json (the
# slot's timing) and the network's calendar; the CSV's uid is the JSON's.
# A site at its host's root keeps the UIDs it had (subscribers' calendars
# hold them).  Two members giving one UID (one url in both site.yaml) are
# named by a warning.  Parsed with python3-icalendar.
. "$(dirname "$0")/../lib.sh"
PY=/usr/bin/python3
export FABRIQUE_THEMES=$TOP/themes
N=$WORK/net
mkdir -p "$N"

# Saint-Aubin, with a second workshop of one slot (la veillée); its copies
# become the other communes.
mkrepo "$N/root"
(cd "$N/root/content/ateliers" &&
 $PY - <<'EOS'
s = open("monter-et-ranger-les-barnums.md", encoding="utf-8").read()
s = s.replace("titre: Monter et ranger les barnums et les tables", "titre: Veillée contes")
s = s.replace('''  - date: 2026-05-23
    debut: "17:30"
    fin: "19:00"
''', "", 1)
open("veillee.md", "w", encoding="utf-8").write(s)
EOS
) && commit_all "$N/root" "Veillée"
sub() { # DIR URL NAME INSEE
	$GIT clone -q "$N/root" "$N/$1" &&
	(cd "$N/$1" && sed -i "s#^url: .*#url: $2#; s/nom: Saint-Aubin-des-Levées/nom: $3/; s/insee: \"37214\"/insee: \"$4\"/" content/site.yaml &&
	 $GIT commit -qam "$3")
}
sub journee https://mairie.fr/journee/ Saint-Aubin 37250
sub autre https://mairie.fr/autre/ Saint-Paul 37230
for s in root journee autre; do
	"$FABRIQUE" build "$N/$s/content" --out "$N/$s-out" -q 2>"$WORK/.err"
	status "the $s site builds" 0 $?
done
printf 'url: https://reseau.example/\ncommunes:\n  - depot: journee\n  - depot: autre\n' >"$N/liste.yaml"
"$FABRIQUE" reseau "$N/liste.yaml" --out "$N/reseau" 2>"$WORK/.err"
status "fabrique reseau builds the two communes of one host" 0 $?
lacks "and says nothing of shared UIDs" "$WORK/.err" "same UID"

cat >"$WORK/check.py" <<'EOS'
import csv, collections, io, json, sys
from icalendar import Calendar
n = sys.argv[1]
def uids(path):
    cal = Calendar.from_ical(open(path, "rb").read())
    return [(str(e["UID"]), str(e["URL"])) for e in cal.walk("VEVENT")]
def ok(cond, name, *why):
    print(("ok - " if cond else "not ok - ") + name)
    for w in why:
        if not cond: print("#   " + str(w)[:600])
BARN = "ateliers/monter-et-ranger-les-barnums"
# The rule, written out: KEY@HOST at the root (today's UIDs, kept),
# KEY@HOST/PATH under a path; a slot: KEY/creneau-N@...
HOST = "journee-citoyenne.saint-aubin-des-levees.example"
root = {u for u, _ in uids(n + "/root-out/programme.ics")}
want = {BARN + "/creneau-1@" + HOST, BARN + "/creneau-2@" + HOST,
        "ateliers/veillee/creneau-1@" + HOST, "ateliers/restaurer-le-lavoir@" + HOST}
ok(want <= root, "a site at its host's root keeps its UIDs (KEY@HOST, KEY/creneau-N@HOST)", sorted(want - root), sorted(root)[:4])
every = {}
for site, path in (("journee", "/journee"), ("autre", "/autre")):
    mine = [u for u, _ in uids("%s/%s-out/programme.ics" % (n, site))]
    ok(BARN + "/creneau-2@mairie.fr" + path in mine and "ateliers/restaurer-le-lavoir@mairie.fr" + path in mine,
       "under %s/ the UIDs name the path: KEY@mairie.fr%s" % (path, path), mine[:4])
    prog = json.load(open("%s/%s-out/programme.json" % (n, site), encoding="utf-8"))
    # programme.ics: the current edition's (2026); programme.json: every edition's
    slots = [t.get("uid", "") for e in prog["events"] if e["edition"] == 2026 for t in e["timings"]]
    ok(sorted(slots) == sorted(mine), "%s: programme.json's timings carry the calendar's UIDs, slot by slot" % site,
       sorted(set(slots) ^ set(mine))[:6])
    one = {e["uid"] for e in prog["events"] if e["edition"] == 2026 and len(e["timings"]) == 1
           and not e["uid"].startswith("ateliers/veillee")}
    ok(len(one) > 10 and one <= set(mine), "%s: a one-day workshop's JSON uid is its calendar UID" % site, sorted(one - set(mine))[:4])
    rows = list(csv.DictReader(io.StringIO(open("%s/%s-out/programme.csv" % (n, site), encoding="utf-8").read())))
    ok([r["uid"] for r in rows] == [e["uid"] for e in prog["events"]], "%s: the CSV's uid is the JSON's" % site)
    every[site] = (mine, sorted(t.get("uid", "") for e in prog["events"] for t in e["timings"]))
net = uids(n + "/reseau/departements/37/ateliers.ics")
dup = [u for u, c in collections.Counter(u for u, _ in net).items() if c > 1]
ok(not dup and len(net) > 40, "the département's calendar holds each UID once (%d events)" % len(net), dup[:4])
for site in ("journee", "autre"):
    mine, all_slots = every[site]
    there = sorted(u for u, url in net if "/%s/" % site in url)
    ok(set(mine) <= set(there) and there == all_slots,
       "%s: each slot has the same UID in its programme.ics, its programme.json and the network's calendar" % site,
       sorted(set(mine) - set(there))[:6], sorted(set(all_slots) ^ set(there))[:6])
EOS
$PY "$WORK/check.py" "$N" || not_ok "the UID checks ran (see above)"

# Saint-Pierre copied Saint-Aubin's site.yaml and kept its url: one UID
# for two communes' workshops; the network says so, naming both.
sub copie https://mairie.fr/journee/ Saint-Pierre 37240
printf '  - depot: copie\n' >>"$N/liste.yaml"
"$FABRIQUE" reseau "$N/liste.yaml" --out "$N/reseau" 2>"$WORK/.err"
status "a network with two communes at one url still builds" 0 $?
contains "a warning names both communes and a shared UID" "$WORK/.err" \
	"departements/37/ateliers.ics: warning: Saint-Pierre (https://mairie.fr/journee) and Saint-Aubin (https://mairie.fr/journee) give their events the same UID 'ateliers/"
n=$(grep -c "same UID" "$WORK/.err")
[ "$n" = 1 ] && ok "said once for the pair" || not_ok "said once for the pair" "said $n times"
"$FABRIQUE" reseau "$N/liste.yaml" --out "$N/reseau" 2>"$WORK/.err"
contains "and said again by the next build, which changed nothing" "$WORK/.err" "give their events the same UID"
LANGUAGE= LC_ALL=fr_FR.UTF-8 "$FABRIQUE" reseau "$N/liste.yaml" --out "$N/reseau" 2>"$WORK/.err"
contains "in French for a French editor" "$WORK/.err" "donnent à leurs événements le même UID"
