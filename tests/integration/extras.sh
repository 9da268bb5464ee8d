#!/bin/sh
# The residents' tools on the example site: calendars (parsed strictly and
# compared with the source), the Atom feed and the sitemap (xmllint, then
# their required elements), the search index, the manifest and the service
# worker's precache and version.  Needs python3-vobject, python3-icalendar
# and libxml2-utils (tests/deps.sh check).
. "$(dirname "$0")/../lib.sh"
PY=/usr/bin/python3
HERE=$TOP/tests/integration
# Built as before its day (23 May 2026), as residents see it: a past
# workshop offers no calendar (the build's day is SOURCE_DATE_EPOCH).
SOURCE_DATE_EPOCH=$(date -u -d 2026-04-01T12:00:00Z +%s)
export SOURCE_DATE_EPOCH

R=$WORK/repo
mkrepo "$R"
cd "$R" || exit 1
URL=$(sed -n 's/^url: *//p' content/site.yaml)
"$FABRIQUE" build content --out "$WORK/out1" -q 2>"$WORK/.err"
status "the example site builds with its extras" 0 $?
O=$WORK/out1
T1=$($GIT log -1 --format=%ct)

# Calendars.
check "programme.ics and a calendar per workshop" test -f "$O/programme.ics" -a \
	-f "$O/ateliers/repeindre-le-preau/atelier.ics"
$PY "$HERE/ics_check.py" "$O" content "$T1" "$WORK/uids1"
contains "a workshop page offers its calendar" "$O/ateliers/repeindre-le-preau/index.html" \
	'href="/ateliers/repeindre-le-preau/atelier.ics"'
contains "and a webcal:// subscription" "$O/ateliers/repeindre-le-preau/index.html" \
	"href=\"webcal://${URL#https://}/ateliers/repeindre-le-preau/atelier.ics\""
contains "the programme offers the whole day's calendar" "$O/programme/index.html" \
	'href="/programme.ics"'

# Feed, sitemap, robots.
check "xmllint: flux.xml and sitemap.xml are well-formed" xmllint --noout "$O/flux.xml" "$O/sitemap.xml"
$PY "$HERE/feeds_check.py" "$O" "$URL"
contains "robots.txt names the sitemap" "$O/robots.txt" "Sitemap: $URL/sitemap.xml"
lacks "the offline page is not in the sitemap" "$O/sitemap.xml" "/hors-ligne/"

# Search index: valid, French-aware, small.
html=$(find "$O" -name '*.html' -exec cat {} + | wc -c)
ix=$(wc -c <"$O/recherche/index.json")
if [ $((ix * 100)) -lt $((html * 15)) ]; then
	ok "search index ($ix B) under 15% of the HTML ($html B)"
else not_ok "search index ($ix B) under 15% of the HTML ($html B)"; fi
cat >"$WORK/ix.py" <<'EOS'
import json, sys
ix = json.load(open(sys.argv[1]))
urls = [d[0] for d in ix["docs"]]
def docs(term):
    out, n, doc = set(), 0, 0
    digits = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_"
    for c in ix["terms"].get(term, ""):
        d = digits.index(c)
        n = n * 32 + d % 32
        if d >= 32:
            doc += n // 4
            out.add(urls[doc])
            n = 0
    return out
assert "eglis" in ix["terms"] and "eglise" not in ix["terms"], "église is not folded and stemmed"
assert "les" not in ix["terms"] and "de" not in ix["terms"], "stop words are indexed"
assert "/patrimoine/lavoir-des-grandes-eaux/" in docs("lavoir"), "lavoir"
assert "/404/" not in urls and "/hors-ligne/" not in urls, "non-content pages are indexed"
print("ok")
EOS
check "search index: folded, stemmed, no stop words, postings decode to the right pages" \
	$PY "$WORK/ix.py" "$O/recherche/index.json"

# Manifest and service worker.
# The icon is the commune's logo, once the site publishes it (logo.svg).
check "manifest.webmanifest: name, start URL, the logo as icon" $PY -c "
import json, os, sys
m = json.load(open('$O/manifest.webmanifest'))
assert m['name'] and m['start_url'] == '/' and m['display'] == 'standalone'
assert all(os.path.isfile('$O' + i['src']) for i in m['icons'])
assert bool(m['icons']) == os.path.isfile('$O/logo.svg')"
contains "pages link the manifest" "$O/index.html" '<link rel="manifest" href="/manifest.webmanifest">'
# the commune's logo is the pages' icon; the theme's is only for a site
# without one
contains "the logo is the pages' icon" "$O/index.html" '<link rel="icon" href="/logo.svg">'
lacks "and the theme's icon is not linked too" "$O/index.html" 'icone.'
cat >"$WORK/sw.py" <<'EOS'
import json, os, re, sys
out = sys.argv[1]
sw = open(os.path.join(out, "sw.js")).read()
urls = json.loads(re.search(r"var PRECACHE = (\[.*?\]);", sw, re.S).group(1))
def path(u):
    return os.path.join(out, u[1:] + ("index.html" if u.endswith("/") else ""))
missing = [u for u in urls if not os.path.isfile(path(u))]
assert not missing, "precached but not in the output: %s" % missing
for must in ("/", "/programme/", "/recherche/", "/recherche/index.json", "/hors-ligne/",
             "/manifest.webmanifest", "/ateliers/repeindre-le-preau/"):
    assert must in urls, must + " is not precached"
photos = [u for u in urls if re.search(r"\.(jpe?g|png|webp)$", u) and not re.search(r"-\d+\.\w+$", u)]
assert not photos, "full-size photos precached: %s" % photos
assert "/sw.js" not in urls and "/flux.xml" not in urls
size = sum(os.path.getsize(path(u)) for u in urls)
print("%d %d %s" % (len(urls), size, re.search(r"PREFIX \+ '([0-9a-f]{16})'", sw).group(1)))
EOS
if $PY "$WORK/sw.py" "$O" >"$WORK/sw1" 2>&1; then
	ok "sw.js precaches the core, the current edition, no photo original ($(cut -d' ' -f1,2 "$WORK/sw1") B)"
else not_ok "sw.js precaches the core, the current edition, no photo original" "$(tail -n 3 "$WORK/sw1")"; fi

# Reproducible: the same commit gives the same bytes, calendars included.
"$FABRIQUE" build content --out "$WORK/out2" -q
same_tree "a second build of the same commit is byte-identical" "$WORK/out1" "$WORK/out2"

# A change outside the site: same pages, same service worker version.
sleep 1
echo "notes" >NOTES.txt && commit_all "$R" "Notes hors du site"
"$FABRIQUE" build content --out "$WORK/out3" -q
check "no change to the site: sw.js is unchanged" cmp "$WORK/out1/sw.js" "$WORK/out3/sw.js"
T3=$($GIT log -1 --format=%ct)
$PY "$HERE/ics_check.py" "$WORK/out3" content "$T3" "$WORK/uids3" | grep -v '^ok' | sed 's/^not ok - /not ok - after a new commit: /'
check "UIDs are the same from build to build" cmp "$WORK/uids1" "$WORK/uids3"

# A workshop changes: a new version; its UID stays.
sed -i 's/^titre: .*/titre: Repeindre le préau, deuxième couche/' content/ateliers/repeindre-le-preau.md
commit_all "$R" "Titre"
"$FABRIQUE" build content --out "$WORK/out4" -q
$PY "$WORK/sw.py" "$WORK/out4" >"$WORK/sw4" 2>&1
if [ "$(cut -d' ' -f3 "$WORK/sw1")" != "$(cut -d' ' -f3 "$WORK/sw4")" ] && [ -s "$WORK/sw4" ]; then
	ok "a changed workshop changes the service worker's version"
else not_ok "a changed workshop changes the service worker's version" "$(cat "$WORK/sw1" "$WORK/sw4")"; fi
$PY "$HERE/ics_check.py" "$WORK/out4" content "$($GIT log -1 --format=%ct)" "$WORK/uids4" |
	grep -v '^ok' | sed 's/^not ok - /not ok - after a title change: /'
check "a new title keeps the workshop's UID" cmp "$WORK/uids1" "$WORK/uids4"

# The budget: only the shell when it is tiny.
printf 'hors_ligne:\n  budget_ko: 1\n' >>content/site.yaml
"$FABRIQUE" build content --worktree --out "$WORK/out5" -q 2>"$WORK/.err"
$PY "$WORK/sw.py" "$WORK/out5" >/dev/null 2>&1
status "a budget of 1 Ko keeps the shell only" 1 $?
lacks "the budget leaves workshops out" "$WORK/out5/sw.js" '"/ateliers/'
lacks "and the search index: the budget counts it too" "$WORK/out5/sw.js" '"/recherche/index.json"'
contains "the budget keeps the offline page" "$WORK/out5/sw.js" '"/hors-ligne/"'

# Saint-Pierre-et-Miquelon keeps North American summer time: the
# calendar's own VTIMEZONE (as a calendar application reads it) must give
# the offsets of the system's tz database at every hour around the
# switches, and the page's JSON-LD the offset of the day (-02:00 in May).
sed -i 's|^fuseau: .*|fuseau: America/Miquelon|' content/site.yaml
"$FABRIQUE" build content --worktree --out "$WORK/out7" -q 2>"$WORK/.err"
status "a commune of Saint-Pierre-et-Miquelon builds" 0 $?
cat >"$WORK/tz.py" <<'PYEOF'
import datetime, sys, zoneinfo
import vobject
cal = vobject.readOne(open(sys.argv[1], encoding="utf-8").read())
tz = cal.vtimezone.gettzinfo()
ref = zoneinfo.ZoneInfo("America/Miquelon")
bad = []
t = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
while t.year < 2031:
    want = t.astimezone(ref).utcoffset()
    got = t.astimezone(tz).utcoffset()
    if want != got:
        bad.append("%s: %s, tzdata %s" % (t, got, want))
    t += datetime.timedelta(hours=1)
if bad:
    print("\n".join(bad[:5]))
sys.exit(1 if bad else 0)
PYEOF
$PY "$WORK/tz.py" "$WORK/out7/programme.ics" >"$WORK/.tz" 2>&1
status "its VTIMEZONE gives tzdata's offsets every hour of 2026-2030" 0 $?
sed 's/^/#   /' "$WORK/.tz"
contains "its JSON-LD dates carry the summer offset" \
	"$WORK/out7/ateliers/repeindre-le-preau/index.html" '"startDate":"2026-05-23T'
grep -o '"startDate":"[^"]*"' "$WORK/out7/ateliers/repeindre-le-preau/index.html" |
	grep -q -- '-02:00"$'
status "and -02:00 on 23 May" 0 $?

# A time zone fabrique does not know is an error, not a wrong calendar.
sed -i 's|^fuseau: .*|fuseau: Mars/Olympus|' content/site.yaml
"$FABRIQUE" build content --worktree --out "$WORK/out6" -q 2>"$WORK/.err"
status "an unknown time zone fails the build" 1 $?
contains "and says which" "$WORK/.err" "Mars/Olympus"

# The programme is made in parts on two threads (calendar.c): its events
# are, byte for byte and in page order, those of the workshops' own
# calendars, none lost or doubled where the parts meet.
cat >"$WORK/order.py" <<'PYEOF'
import glob, os, re, sys
out = sys.argv[1]
def blocks(path):
    text = open(path, "rb").read()
    return re.findall(rb"BEGIN:VEVENT\r\n.*?END:VEVENT\r\n", text, re.S)
def year(block):
    return int(re.search(rb"\nDTSTART[^:]*:(\d{4})", block).group(1))
prog = blocks(os.path.join(out, "programme.ics"))
files = sorted(glob.glob(os.path.join(out, "ateliers", "*", "atelier.ics")))
cals = [blocks(f) for f in files]
# the current edition's workshops: those of the latest year
latest = max(year(b) for c in cals for b in c)
want = [b for c in cals if c and year(c[0]) == latest for b in c]
print("%d events in the programme, %d from %d workshop calendars"
      % (len(prog), len(want), len(files)))
sys.exit(0 if prog == want and len(prog) > 1 else 1)
PYEOF
$PY "$WORK/order.py" "$O" >"$WORK/.order" 2>&1
status "programme.ics holds the workshops' own events, in page order" 0 $?
sed 's/^/#   /' "$WORK/.order"
