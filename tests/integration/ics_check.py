#!/usr/bin/python3
"""ics_check.py OUT SITE COMMIT_TIME [UIDS_FILE] - checks every calendar of a built
site against its source (tests/integration/extras.sh).

Each .ics file is parsed strictly by two libraries (vobject with
validate=True, icalendar), and each VEVENT's fields are compared with the
workshop's front matter.  Neither library enforces CRLF line ends or the
75-octet limit, so this script checks those on the raw bytes.  Prints
"ok - ..." / "not ok - ..." lines; writes every UID to UIDS_FILE.
"""
import datetime
import glob
import os
import re
import subprocess
import sys

import icalendar
import vobject
import yaml

OUT, SITE, COMMIT_TIME = sys.argv[1], sys.argv[2], int(sys.argv[3])
failures = []


def report(name, problems):
    if problems:
        print("not ok - " + name)
        for p in problems[:15]:
            print("#   " + p)
    else:
        print("ok - " + name)


def raw_problems(data):
    """CRLF everywhere, <= 75 octets a line, whole UTF-8 characters."""
    out = []
    if not data.endswith(b"\r\n"):
        out.append("does not end with CRLF")
    lines = data.split(b"\r\n")[:-1]
    for n, line in enumerate(lines, 1):
        if b"\n" in line or b"\r" in line:
            out.append("line %d: bare CR or LF" % n)
        if len(line) > 75:
            out.append("line %d: %d octets" % (n, len(line)))
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            out.append("line %d: a UTF-8 character is split by the fold" % n)
        if n > 1 and line[:1] == b" " and line[1:2] == b"":
            out.append("line %d: empty continuation" % n)
    return out


def front_matter(path):
    text = open(path, encoding="utf-8").read()
    m = re.match(r"---\n(.*?)\n---\n?(.*)", text, re.S)
    return yaml.safe_load(m.group(1)) or {}, m.group(2)


def hhmm(t):
    m = re.fullmatch(r"\s*(\d{1,2})\s*[h:]\s*(\d{2})?\s*", str(t))
    return int(m.group(1)), int(m.group(2) or 0)


def collapse(s):
    return re.sub(r"\s+", " ", s or "").strip()


site = yaml.safe_load(open(os.path.join(SITE, "site.yaml"), encoding="utf-8"))
url = site["url"].rstrip("/")
tzid = site.get("fuseau", "Europe/Paris")
cats = {c["id"]: c["nom"] for c in site.get("categories", [])}
editions = {}
for f in glob.glob(os.path.join(SITE, "editions", "*.yaml")):
    editions[int(os.path.basename(f)[:4])] = str(
        yaml.safe_load(open(f, encoding="utf-8"))["date"])
current = site.get("edition_courante") or max(editions)
today = datetime.datetime.fromtimestamp(COMMIT_TIME, datetime.timezone.utc).date()


def expected_events(fm, slug, key):
    """The VEVENTs a workshop should give: uid -> fields."""
    ed = fm.get("edition") or (int(str(fm["date"])[:4]) if fm.get("date") else current)
    date = str(fm.get("date") or editions.get(ed, ""))
    slots = fm.get("creneaux") or [None]
    status = {"annule": "CANCELLED", "propose": "TENTATIVE"}.get(
        fm.get("statut"), "CONFIRMED")
    events = {}
    for n, slot in enumerate(slots, 1):
        d = str(slot.get("date") or date) if slot else date
        start = (slot or fm).get("debut")
        end = (slot or fm).get("fin")
        uid = "%s%s@%s" % (key, "/creneau-%d" % n if slot else "",
                           re.sub(r"^\w+://", "", url).split("/")[0])
        events[uid] = dict(date=d, start=start, end=end, status=status,
                           edition=ed)
    return events


def changed_at(slug):
    """When the workshop's file last changed (git's author time): its
    DTSTAMP, so that a commit elsewhere leaves this calendar alone.  The
    commit time when git knows nothing of the file."""
    path = os.path.join(SITE, "ateliers", slug + ".md")
    r = subprocess.run(["git", "log", "-1", "--format=%at", "--", path],
                       capture_output=True, text=True)
    return int(r.stdout.strip()) if r.stdout.strip() else COMMIT_TIME


def check_event(ev, want, fm, slug, tz_ok):
    p = []
    summary = str(ev.get("SUMMARY"))
    title = ("Annulé : " if fm.get("statut") == "annule" else "") + fm["titre"]
    if summary != title:
        p.append("SUMMARY %r, expected %r" % (summary, title))
    if ev.get("SEQUENCE") is None or int(ev.get("SEQUENCE")) < 0:
        p.append("SEQUENCE %r, expected a number" % ev.get("SEQUENCE"))
    if ev.get("LAST-MODIFIED") is not None and \
            ev.decoded("LAST-MODIFIED") != ev.decoded("DTSTAMP"):
        p.append("LAST-MODIFIED differs from DTSTAMP (the file's last commit)")
    start = ev.decoded("DTSTART")
    y, mo, d = map(int, want["date"].split("-"))
    if want["start"] is None:
        if start != datetime.date(y, mo, d):
            p.append("DTSTART %r, expected the day %s" % (start, want["date"]))
    else:
        h, mi = hhmm(want["start"])
        if (start.replace(tzinfo=None) != datetime.datetime(y, mo, d, h, mi)
                or ev["DTSTART"].params.get("TZID") != tzid):
            p.append("DTSTART %r %r, expected %s %s in %s" % (
                start, ev["DTSTART"].params, want["date"], want["start"], tzid))
        if want["end"] is not None:
            h, mi = hhmm(want["end"])
            end = ev.decoded("DTEND")
            if end.replace(tzinfo=None) != datetime.datetime(y, mo, d, h, mi):
                p.append("DTEND %r, expected %s" % (end, want["end"]))
    stamp = ev.decoded("DTSTAMP")
    when = changed_at(slug)
    if stamp != datetime.datetime.fromtimestamp(when, datetime.timezone.utc):
        p.append("DTSTAMP %r is not the time the workshop last changed %d"
                 % (stamp, when))
    lieu = fm.get("lieu") or {}
    if isinstance(lieu, str):
        lieu = {"nom": lieu}
    loc = str(ev.get("LOCATION", ""))
    for part in ("nom", "adresse"):
        if lieu.get(part) and collapse(str(lieu[part])) not in collapse(loc):
            p.append("LOCATION %r lacks %r" % (loc, lieu[part]))
    if "lat" in lieu and "lon" in lieu:
        geo = ev.get("GEO")
        if geo is None or abs(geo.latitude - float(lieu["lat"])) > 1e-6 or \
                abs(geo.longitude - float(lieu["lon"])) > 1e-6:
            p.append("GEO %r, expected %s;%s" % (geo and geo.to_ical(), lieu["lat"], lieu["lon"]))
    if str(ev.get("URL")) != "%s/ateliers/%s/" % (url, slug):
        p.append("URL %r" % str(ev.get("URL")))
    if str(ev.get("STATUS")) != want["status"]:
        p.append("STATUS %r, expected %s" % (str(ev.get("STATUS")), want["status"]))
    got = set()
    c = ev.get("CATEGORIES")
    for item in (c if isinstance(c, list) else [c] if c is not None else []):
        got |= {str(x) for x in item.cats}
    wanted = set(map(str, fm.get("tags") or []))
    if fm.get("categorie"):
        wanted.add(cats.get(fm["categorie"], fm["categorie"]))
    if got != wanted:
        p.append("CATEGORIES %r, expected %r" % (sorted(got), sorted(wanted)))
    desc = collapse(str(ev.get("DESCRIPTION", "")))
    if fm.get("resume") and not desc.startswith(collapse(fm["resume"])):
        p.append("DESCRIPTION does not start with the resume: %r" % desc[:80])
    return p


def parse(path):
    data = open(path, "rb").read()
    p = raw_problems(data)
    text = data.decode("utf-8")
    try:
        comps = list(vobject.readComponents(text, validate=True))
        if len(comps) != 1:
            p.append("vobject: %d calendars in the file" % len(comps))
    except Exception as e:  # noqa: BLE001 - any parse error fails the test
        p.append("vobject: %s" % e)
    try:
        cal = icalendar.Calendar.from_ical(text)
    except Exception as e:  # noqa: BLE001
        return None, p + ["icalendar: %s" % e]
    if cal.walk("VTIMEZONE") == [] or str(cal.walk("VTIMEZONE")[0]["TZID"]) != tzid:
        p.append("no VTIMEZONE for %s" % tzid)
    return cal, p


all_uids, programme_want = {}, set()
for path in sorted(glob.glob(os.path.join(SITE, "ateliers", "*.md"))):
    fm, _ = front_matter(path)
    pub = fm.get("publier_le")
    if fm.get("brouillon") or (pub and str(pub) > str(today)):
        continue
    name = os.path.basename(path)[:-3]
    slug = fm.get("slug") or name
    want = expected_events(fm, slug, "ateliers/" + name)
    ics = os.path.join(OUT, "ateliers", slug, "atelier.ics")
    if not os.path.exists(ics):
        report("calendar of %s exists" % slug, ["missing " + ics])
        continue
    cal, p = parse(ics)
    if cal is not None:
        events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
        if set(events) != set(want):
            p.append("UIDs %r, expected %r" % (sorted(events), sorted(want)))
        for uid, ev in events.items():
            if uid in want:
                p += check_event(ev, want[uid], fm, slug, True)
    report("calendar of %s: strict parse, CRLF, folding, fields match the source" % slug, p)
    # a workshop in two slots or more: one calendar a slot beside it, its
    # one event under the UID it has in atelier.ics (slots25)
    uids = list(want)
    p = []
    for n in range(1, len(uids) + 2):
        one = os.path.join(OUT, "ateliers", slug, "creneau-%d.ics" % n)
        if n > len(uids) or len(uids) < 2:
            if os.path.exists(one):
                p.append("unexpected " + one)
            continue
        if not os.path.exists(one):
            p.append("missing " + one)
            continue
        cal, q = parse(one)
        p += ["creneau-%d.ics: %s" % (n, x) for x in q]
        if cal is None:
            continue
        events = cal.walk("VEVENT")
        if [str(e["UID"]) for e in events] != [uids[n - 1]]:
            p.append("creneau-%d.ics: UIDs %r, expected [%r]"
                     % (n, [str(e["UID"]) for e in events], uids[n - 1]))
        for ev in events:
            p += ["creneau-%d.ics: %s" % (n, x)
                  for x in check_event(ev, want[uids[n - 1]], fm, slug, True)]
    report("calendars of %s's slots: one event each, its UID in atelier.ics" % slug, p)
    for uid, w in want.items():
        all_uids[uid] = slug
        if w["edition"] == current:
            programme_want.add(uid)

cal, p = parse(os.path.join(OUT, "programme.ics"))
if cal is not None:
    got = [str(e["UID"]) for e in cal.walk("VEVENT")]
    if len(got) != len(set(got)):
        p.append("duplicate UIDs")
    if set(got) != programme_want:
        p.append("UIDs differ from the current edition's workshops: extra %r, missing %r"
                 % (sorted(set(got) - programme_want), sorted(programme_want - set(got))))
report("programme.ics: strict parse, CRLF, folding, every workshop of %d once" % current, p)
if len(sys.argv) > 4:
    with open(sys.argv[4], "w") as f:
        f.write("\n".join(sorted(all_uids)) + "\n")
