#!/bin/sh
# The example site (content/) in a browser and through the W3C checker:
# Nu HTML Checker over every HTML file (one run), axe-core in headless
# Chromium in light and dark schemes, keyboard use of the recap gallery,
# no request to another origin, the programme's print layout, the page
# weight budget; screenshots and the print PDF go to tests/artifacts/.
# Needs chromium and a JRE (tests/deps.sh check) and the npm packages of
# tests/browser/package.json (installed here with npm ci when missing).
. "$(dirname "$0")/../lib.sh"
HERE=$TOP/tests/browser
ART=${FABRIQUE_ARTIFACTS:-$TOP/tests/artifacts}

if [ ! -d "$HERE/node_modules/playwright-core" ] || [ ! -d "$HERE/node_modules/axe-core" ] ||
	[ ! -f "$HERE/node_modules/vnu-jar/build/dist/vnu.jar" ]; then
	(cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error) >"$WORK/npm.log" 2>&1 ||
		{ not_ok "npm ci in tests/browser" "$(tail -n 20 "$WORK/npm.log")"; exit 0; }
fi

# The example site, committed to a fresh repository like a commune's.
mkrepo "$WORK/repo"
# Built as in April 2026, before its day (23 May 2026), as residents see it
# while signing up: workshops are open (the build's day is the commit's,
# else SOURCE_DATE_EPOCH).
(cd "$WORK/repo" && SOURCE_DATE_EPOCH=$(date -u -d 2026-04-01T12:00:00Z +%s) \
	"$FABRIQUE" build content --out "$WORK/out" -q) 2>"$WORK/.err"
status "the example site builds" 0 $?
OUT=$WORK/out
[ -f "$OUT/index.html" ] || exit 0

# Privacy by default: the committer (user.name Test, see lib.sh) is named
# on no page.
if grep -rl 'par Test' "$OUT" --include='*.html' >"$WORK/names"; then
	not_ok "no committer name on any page by default" "$(head -3 "$WORK/names")"
else ok "no committer name on any page by default"; fi

# W3C Nu HTML Checker: every HTML file, one run, zero errors.
find "$OUT" -name '*.html' | sort >"$WORK/html.list"
n=$(wc -l <"$WORK/html.list")
# shellcheck disable=SC2046
java -jar "$HERE/node_modules/vnu-jar/build/dist/vnu.jar" --errors-only --format gnu \
	$(cat "$WORK/html.list") >"$WORK/vnu.out" 2>&1
if [ ! -s "$WORK/vnu.out" ] && [ "$n" -gt 50 ]; then
	ok "Nu HTML Checker: $n HTML files, no error"
else
	not_ok "Nu HTML Checker: $n HTML files, $(wc -l <"$WORK/vnu.out") error line(s)" \
		"$(sed "s|$OUT/||" "$WORK/vnu.out" | head -n 30)"
fi

# Budget: the heaviest workshop page plus its stylesheet, images aside.
css=$(find "$OUT/assets" -name '*.css' -exec cat {} + | wc -c)
big=$(for f in "$OUT"/ateliers/*/index.html; do wc -c <"$f"; done | sort -n | tail -n 1)
total=$((css + big))
if [ "$total" -lt 61440 ] && [ "$big" -gt 0 ]; then
	ok "page weight: heaviest workshop HTML ($big B) + CSS ($css B) = $total B < 60 KB"
else
	not_ok "page weight: heaviest workshop HTML ($big B) + CSS ($css B) = $total B, budget 60 KB"
fi

node "$HERE/scan.mjs" "$OUT"
node "$HERE/site.mjs" "$OUT" "$ART" 2>"$WORK/node.err" ||
	grep -q '^' "$WORK/node.err" && sed 's/^/#   /' "$WORK/node.err" | head -n 30
exit 0
