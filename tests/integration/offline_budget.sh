#!/bin/sh
# The service worker's precache within its budget (src/offline.c), with
# sizes measured from the files the build wrote: the example site is
# precached whole; a synthetic site of many pages (bench/gen-site.py)
# lists no more than hors_ligne.budget_ko (default 5120 Ko), always the
# shell, the search page and its index together or not at all, and the
# build says in a note what was left out (in French for a French editor).
. "$(dirname "$0")/../lib.sh"
PY=${PYTHON:-python3}

# sw.py OUT BUDGET_KO: checks the list against the output, prints
# "URLS BYTES" and the left-out candidates' count.
cat >"$WORK/sw.py" <<'EOS'
import json, os, re, sys, urllib.parse
out, budget = sys.argv[1], int(sys.argv[2]) * 1024
sw = open(os.path.join(out, "sw.js"), encoding="utf-8").read()
urls = json.loads(re.search(r"var PRECACHE = (\[.*?\]);", sw, re.S).group(1))
def path(u):
    p = urllib.parse.unquote(u)[1:]
    return os.path.join(out, p + ("index.html" if p == "" or p.endswith("/") else ""))
missing = [u for u in urls if not os.path.isfile(path(u))]
assert not missing, "precached but not in the output: %s" % missing[:5]
for must in ("/", "/hors-ligne/", "/manifest.webmanifest"):
    assert must in urls, must + " (the shell) is not precached"
assets = [u for u in urls if u.startswith("/assets/")]
assert any(u.endswith(".css") for u in assets) and any(u.endswith(".js") for u in assets), \
    "the theme's CSS and JS are not precached: %s" % assets
assert ("/recherche/" in urls) == ("/recherche/index.json" in urls), \
    "the search page and its index go together"
size = sum(os.path.getsize(path(u)) for u in urls)
assert size <= budget, "precache %d bytes > budget %d" % (size, budget)
# Candidates: what a service worker may precache (no calendar, feed,
# sitemap, text file, photo wider than 480 px, nor sw.js itself, nor
# programme-tableur.csv, programme.csv's cells again for a computer,
# nor an alias's redirect page, which leads to a page precached itself).
cands = set()
for d, _, fs in os.walk(out):
    for f in fs:
        rel = os.path.relpath(os.path.join(d, f), out)
        if rel in ("sw.js", "programme-tableur.csv") or f.startswith(".") or re.search(r"\.(ics|xml|txt)$", rel):
            continue
        thumb = re.search(r"-(\d{1,3})\.\w+$", rel)
        if re.search(r"\.(jpe?g|png|webp|gif|avif)$", rel) and not rel.startswith("assets/") \
           and not (thumb and int(thumb.group(1)) <= 480):
            continue
        # a thumbnail's JPEG beside its WebP: browsers running a service
        # worker show the WebP (outside tester 24 F7)
        if thumb and re.search(r"\.jpe?g$", rel) and \
           os.path.isfile(os.path.join(out, re.sub(r"\.jpe?g$", ".webp", rel))):
            continue
        if rel.endswith(".html") and 'http-equiv="refresh"' in open(os.path.join(d, f), encoding="utf-8", errors="replace").read(4096):
            continue
        u = "/" + (rel[:-10] if rel.endswith("index.html") else rel)
        cands.add(u)
left = len(cands - set(u if not u.endswith("/index.html") else u[:-10] for u in urls))
print("%d %d %d" % (len(urls), size, left))
EOS

# The example site: everything fits, nothing is left out, no note.
mkrepo "$WORK/ex"
(cd "$WORK/ex" && "$FABRIQUE" build content --out "$WORK/ex-out" -q) 2>"$WORK/.err"
status "the example site builds" 0 $?
if $PY "$WORK/sw.py" "$WORK/ex-out" 5120 >"$WORK/ex.sw" 2>&1 && [ "$(cut -d' ' -f3 "$WORK/ex.sw")" = 0 ]; then
	ok "the example site is precached whole within 5 Mo ($(cut -d' ' -f1,2 "$WORK/ex.sw") B)"
else not_ok "the example site is precached whole within 5 Mo" "$(tail -n 3 "$WORK/ex.sw")"; fi
lacks "no note about the precache on a site that fits" "$WORK/.err" "precaches"
# a gallery's thumbnails once, as WebP: not their JPEG twins too
# (outside tester 24 F7: 0.9 MB more for 60 photos on a first visit)
grep -o '"/retours/[^"]*-[0-9]*\.[a-z]*"' "$WORK/ex-out/sw.js" >"$WORK/thumbs"
check "the recaps' WebP thumbnails are precached" grep -q '\.webp"$' "$WORK/thumbs"
lacks "not their JPEG twins" "$WORK/thumbs" '.jpg"'

# A synthetic commune of 400 pages (about 7 Mo could be precached).
R=$WORK/grand
mkdir -p "$R"
$PY "$TOP/bench/gen-site.py" 400 "$R/content" >/dev/null
cp -R "$TOP/themes" "$R/themes"
(cd "$R" && $GIT init -q && $GIT add -A && $GIT commit -qm "Grand site")
cd "$R" || exit 1
"$FABRIQUE" build content --out "$WORK/o1" -q 2>"$WORK/.err"
status "a 400-page site builds" 0 $?
if $PY "$WORK/sw.py" "$WORK/o1" 5120 >"$WORK/o1.sw" 2>&1 && [ "$(cut -d' ' -f3 "$WORK/o1.sw")" -gt 0 ]; then
	ok "400 pages: the precache stays within 5120 Ko, the rest left out ($(cat "$WORK/o1.sw"))"
else not_ok "400 pages: the precache stays within 5120 Ko, the rest left out" "$(tail -n 3 "$WORK/o1.sw")"; fi
contains "the build notes what the budget left out" "$WORK/.err" "note: the service worker precaches"
contains "and which setting changes it" "$WORK/.err" "hors_ligne.budget_ko in site.yaml: 5120"
contains "the programme is precached" "$WORK/o1/sw.js" '"/programme/"'

# A smaller budget: the programme fits, the search does not; in French.
printf 'hors_ligne:\n  budget_ko: 300\n' >>content/site.yaml
LANG=fr_FR.UTF-8 LANGUAGE= LC_ALL=fr_FR.UTF-8 "$FABRIQUE" build content --worktree --out "$WORK/o2" -q 2>"$WORK/.err"
status "a budget of 300 Ko builds" 0 $?
if $PY "$WORK/sw.py" "$WORK/o2" 300 >"$WORK/o2.sw" 2>&1; then
	ok "300 Ko: the precache stays within the budget ($(cut -d' ' -f1,2 "$WORK/o2.sw") B)"
else not_ok "300 Ko: the precache stays within the budget" "$(tail -n 3 "$WORK/o2.sw")"; fi
lacks "300 Ko: the search index is left out" "$WORK/o2/sw.js" '"/recherche/index.json"'
lacks "300 Ko: and so is the search page" "$WORK/o2/sw.js" '"/recherche/"'
contains "the note is in French for a French editor" "$WORK/.err" "le service worker enregistre d’avance"
contains "and names the search" "$WORK/.err" "la recherche ("

# A budget smaller than the shell: the shell alone.
sed -i 's/budget_ko: 300/budget_ko: 1/' content/site.yaml
"$FABRIQUE" build content --worktree --out "$WORK/o3" -q 2>"$WORK/.err"
$PY "$WORK/sw.py" "$WORK/o3" 1000000 >"$WORK/o3.sw" 2>&1
status "1 Ko: the shell is still precached" 0 $?
if ! grep -q '"/ateliers/\|"/programme/"' "$WORK/o3/sw.js"; then ok "1 Ko: nothing but the shell"
else not_ok "1 Ko: nothing but the shell" "$(grep -c '"/' "$WORK/o3/sw.js") URLs"; fi
contains "the note names the programme left out" "$WORK/.err" "the programme ("
exit 0
