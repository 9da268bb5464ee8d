#!/bin/sh
# Two fabrique sites on one origin (https://host/a/ and https://host/b/)
# in headless Chromium with their real service workers
# (offline/twosites.mjs): each worker deletes only its own site's earlier
# precaches, whose names hold its scope; the precaches an earlier
# version named without it ("fabrique-precache-VERSION") are told by
# their pages: this site's go, the other site's stay.  /a/ starts with
# the earlier worker, /b/ with this one.  Needs chromium
# and playwright-core (npm ci in tests/browser/offline/ when missing).
. "$(dirname "$0")/../lib.sh"
offline_setup
for s in a b; do
	offline_init "twosites: init $s" $s https://ville.example/$s/
done

# The site's step: a new version (a page changed, committed) built
# into srv/SITE, as a host serves two sub-folders of one origin.
cat >"$WORK/step.sh" <<EOF
set -e
cd "$WORK/\$1"
printf '\nVersion %s du site %s.\n' "\$2" "\$1" >>pages/contact.md
$GIT commit -qam "version \$2"
"$FABRIQUE" build --out "$WORK/srv/\$1" -q 2>/dev/null
EOF
for s in a b; do
	sh "$WORK/step.sh" $s 1
	status "twosites: site $s builds" 0 $?
done
# /a/'s first version's worker as the earlier fabrique wrote it: its
# precache named without its scope, and every other "fabrique-precache-"
# deleted on activation (sw.mustache version 2).
earlier_worker "$WORK/srv/a/sw.js"
status "twosites: site a's worker made the earlier one" 0 $?
node "$HERE/twosites.mjs" "$WORK/srv" "$WORK/step.sh"
exit 0
