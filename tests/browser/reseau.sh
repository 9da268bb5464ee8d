#!/bin/sh
# The network site (fabrique reseau) held to the commune theme's bar: the
# Nu HTML Checker over every page, no resource from another origin
# (scan.mjs), and in headless Chromium axe-core (WCAG 2.1 A/AA) in light
# and dark schemes, the search over every workshop, the map's links and
# no request leaving 127.0.0.1 (reseau.mjs).  Built from real member
# repositories (tests/lib.sh mkreseau), broken ones included.
. "$(dirname "$0")/../lib.sh"
HERE=$TOP/tests/browser
ART=${FABRIQUE_ARTIFACTS:-$TOP/tests/artifacts}/reseau
export FABRIQUE_THEMES=$TOP/themes

if [ ! -d "$HERE/node_modules/playwright-core" ] || [ ! -d "$HERE/node_modules/axe-core" ] ||
	[ ! -f "$HERE/node_modules/vnu-jar/build/dist/vnu.jar" ]; then
	(cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error) >"$WORK/npm.log" 2>&1 ||
		{ not_ok "npm ci in tests/browser" "$(tail -n 20 "$WORK/npm.log")"; exit 0; }
fi

mkreseau "$WORK/net"
"$FABRIQUE" reseau "$WORK/net/liste.yaml" --out "$WORK/out" -q 2>"$WORK/.err"
status "the network site builds" 0 $?
OUT=$WORK/out
[ -f "$OUT/index.html" ] || exit 0

find "$OUT" -name '*.html' | sort >"$WORK/html.list"
n=$(wc -l <"$WORK/html.list")
# shellcheck disable=SC2046
java -jar "$HERE/node_modules/vnu-jar/build/dist/vnu.jar" --errors-only --format gnu \
	$(cat "$WORK/html.list") >"$WORK/vnu.out" 2>&1
if [ ! -s "$WORK/vnu.out" ] && [ "$n" -gt 12 ]; then
	ok "Nu HTML Checker: $n HTML files of the network site, no error"
else
	not_ok "Nu HTML Checker: $n HTML files, $(wc -l <"$WORK/vnu.out") error line(s)" \
		"$(sed "s|$OUT/||" "$WORK/vnu.out" | head -n 30)"
fi

node "$HERE/scan.mjs" "$OUT"
node "$HERE/reseau.mjs" "$OUT" "$ART" 2>"$WORK/node.err" ||
	grep -q '^' "$WORK/node.err" && sed 's/^/#   /' "$WORK/node.err" | head -n 30
exit 0
