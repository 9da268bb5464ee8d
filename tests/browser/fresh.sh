#!/bin/sh
# A workshop cancelled after a resident opened it, served by a host that
# sends no Cache-Control (offline/fresh.mjs): following the link again,
# online, shows it cancelled.  The files are dated a week back, as an
# incremental build leaves unchanged pages.  Outside tester, session 21,
# F7: the service worker's fetch went through the HTTP cache, which kept
# the old page fresh for hours.  Needs chromium and playwright-core.
. "$(dirname "$0")/../lib.sh"
HERE=$TOP/tests/browser/offline

if [ ! -d "$HERE/node_modules/playwright-core" ]; then
	(cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error) >"$WORK/npm.log" 2>&1 ||
		{ not_ok "npm ci in tests/browser/offline" "$(tail -n 20 "$WORK/npm.log")"; exit 0; }
fi

S=$WORK/site
"$FABRIQUE" init "$S" --commune Saint-Aubin --insee 37214 \
	--url https://journee.saint-aubin.fr >/dev/null 2>"$WORK/.err"
status "fresh: init makes a site" 0 $?
W=ateliers/nettoyer-les-abords-de-l-ecole.md
grep -q '^statut: propose' "$S/$W" || { not_ok "fresh: $W is proposed"; exit 0; }
(cd "$S" && "$FABRIQUE" build --out "$WORK/out" -q) 2>"$WORK/.err"
status "fresh: the site builds" 0 $?
find "$WORK/out" -type f -exec touch -d '7 days ago' {} +

cat >"$WORK/rebuild.sh" <<EOS
set -e
cd "$S"
sed -i 's/^statut: propose/statut: annule/' $W
$GIT commit -qam "Atelier annulé"
"$FABRIQUE" build --out "$WORK/out" -q 2>/dev/null
EOS
node "$HERE/fresh.mjs" "$WORK/out" "$WORK/rebuild.sh" \
	/ateliers/nettoyer-les-abords-de-l-ecole/ "Proposé" "Atelier annulé"
exit 0
