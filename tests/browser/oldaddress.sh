#!/bin/sh
# A site that moved to a new address (outside tester 23 F12), in headless
# Chromium (offline/oldaddress.mjs): the sw.js docs/deploy.md gives for
# the old root (section « Changer l'adresse du site », the first js block
# after it: the very text webmasters copy) removes the old site's service
# worker from a resident's browser, and the page at the old address leads
# to the new one.  Needs chromium and playwright-core, as offline.sh.
. "$(dirname "$0")/../lib.sh"
HERE=$TOP/tests/browser/offline

if [ ! -d "$HERE/node_modules/playwright-core" ]; then
	(cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error) >"$WORK/npm.log" 2>&1 ||
		{ not_ok "npm ci in tests/browser/offline" "$(tail -n 20 "$WORK/npm.log")"; exit 0; }
fi
R=$WORK/repo
mkrepo "$R"
"$FABRIQUE" build "$R/content" --out "$WORK/old" -q 2>"$WORK/.err"
status "oldaddress: the site builds at its first address" 0 $?
sed -i 's#^url: .*#url: https://mairie.example/journee/#' "$R/content/site.yaml" && commit_all "$R" moved
"$FABRIQUE" build "$R/content" --out "$WORK/new/journee" -q 2>"$WORK/.err"
status "oldaddress: and at its new one" 0 $?
awk '/^## 9\. Changer l’adresse du site/ { s = 1 } s && /^```js$/ { c = 1; next } c && /^```$/ { exit } c' \
	"$TOP/docs/deploy.md" >"$WORK/sw.js"
[ -s "$WORK/sw.js" ] && ok "oldaddress: docs/deploy.md gives the old root's sw.js" ||
	{ not_ok "oldaddress: docs/deploy.md gives the old root's sw.js"; exit 0; }
node "$HERE/oldaddress.mjs" "$WORK/old" "$WORK/new" "$WORK/sw.js" /journee
exit 0
