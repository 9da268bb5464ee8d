#!/bin/sh
# A site of 1,000 pages (bench/gen-site.py) offline in headless Chromium
# (offline/budget.mjs): the precache within the default budget of 5 Mo,
# workshops opened or kept ("Garder hors ligne") available offline, the
# offline page for the others.  The example site's offline behaviour is
# tests/browser/offline.sh.  Needs chromium and playwright-core (npm ci
# in tests/browser/offline/ when missing).
. "$(dirname "$0")/../lib.sh"
HERE=$TOP/tests/browser/offline

if [ ! -d "$HERE/node_modules/playwright-core" ]; then
	(cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error) >"$WORK/npm.log" 2>&1 ||
		{ not_ok "npm ci in tests/browser/offline" "$(tail -n 20 "$WORK/npm.log")"; exit 0; }
fi

R=$WORK/grand
mkdir -p "$R"
python3 "$TOP/bench/gen-site.py" 1000 "$R/content" >/dev/null
(cd "$R" && $GIT init -q && $GIT add -A && $GIT commit -qm "Grand site")
(cd "$R" && "$FABRIQUE" build content --out "$WORK/out" -q) 2>"$WORK/.err"
status "offline-budget: a 1,000-page site builds" 0 $?
[ -f "$WORK/out/sw.js" ] || { not_ok "offline-budget: sw.js is written"; exit 0; }
contains "offline-budget: the build notes what the budget left out" "$WORK/.err" "note: the service worker precaches"
node "$HERE/budget.mjs" "$WORK/out" $((5120 * 1024))
exit 0
