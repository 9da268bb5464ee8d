#!/bin/sh
# A site published under a path (https://ville.example/journee/) offline
# in headless Chromium (offline/subpath.mjs): its service worker
# registers with the scope /journee/ and keeps pages readable offline.
# Needs chromium and playwright-core (npm ci in tests/browser/offline/
# when missing), as offline.sh.
. "$(dirname "$0")/../lib.sh"
HERE=$TOP/tests/browser/offline

if [ ! -d "$HERE/node_modules/playwright-core" ]; then
	(cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error) >"$WORK/npm.log" 2>&1 ||
		{ not_ok "npm ci in tests/browser/offline" "$(tail -n 20 "$WORK/npm.log")"; exit 0; }
fi
unset GIT_DIR GIT_WORK_TREE
export GIT_CONFIG_GLOBAL=$WORK/gitconfig GIT_CONFIG_NOSYSTEM=1
cd "$WORK" || exit 1
"$FABRIQUE" init site --url https://ville.example/journee/ >"$WORK/.out" 2>&1
status "subpath: init" 0 $?
(cd site && "$FABRIQUE" build --out "$WORK/srv/journee" -q) 2>"$WORK/.err"
status "subpath: the site builds" 0 $?
node "$HERE/subpath.mjs" "$WORK/srv" /journee
exit 0
