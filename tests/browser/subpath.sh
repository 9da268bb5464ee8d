#!/bin/sh
# A site published under a path (https://ville.example/journee/) offline
# in headless Chromium (offline/subpath.mjs): its service worker
# registers with the scope /journee/ and keeps pages readable offline.
# Needs chromium and playwright-core (npm ci in tests/browser/offline/
# when missing), as offline.sh.
. "$(dirname "$0")/../lib.sh"
offline_setup
offline_init "subpath: init" site https://ville.example/journee/
(cd site && "$FABRIQUE" build --out "$WORK/srv/journee" -q) 2>"$WORK/.err"
status "subpath: the site builds" 0 $?
node "$HERE/subpath.mjs" "$WORK/srv" /journee
exit 0
