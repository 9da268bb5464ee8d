#!/bin/sh
# The example site offline in headless Chromium (offline/offline.mjs):
# service worker, precache, search without network, the offline page,
# and the update path after a rebuild.  Needs chromium (tests/deps.sh
# check) and playwright-core (npm ci in tests/browser/offline/ when
# missing).
. "$(dirname "$0")/../lib.sh"
HERE=$TOP/tests/browser/offline

if [ ! -d "$HERE/node_modules/playwright-core" ]; then
	(cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error) >"$WORK/npm.log" 2>&1 ||
		{ not_ok "npm ci in tests/browser/offline" "$(tail -n 20 "$WORK/npm.log")"; exit 0; }
fi

mkrepo "$WORK/repo"
(cd "$WORK/repo" && "$FABRIQUE" build content --out "$WORK/out" -q) 2>"$WORK/.err"
status "offline: the example site builds" 0 $?
[ -f "$WORK/out/sw.js" ] || { not_ok "offline: sw.js is written"; exit 0; }

# The rebuild the test runs once offline is over: one workshop changes.
W=content/ateliers/repeindre-le-preau.md
NEW="Texte ajouté après la mise en ligne, rendez-vous à 8 h 45."
cat >"$WORK/rebuild.sh" <<EOS
set -e
cd "$WORK/repo"
printf '\n%s\n' "$NEW" >>$W
$GIT commit -qam "Atelier modifié"
"$FABRIQUE" build content --out "$WORK/out" -q
EOS
node "$HERE/offline.mjs" "$WORK/out" "$WORK/rebuild.sh" /ateliers/repeindre-le-preau/ "$NEW"
exit 0
