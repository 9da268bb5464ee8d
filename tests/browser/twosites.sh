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
HERE=$TOP/tests/browser/offline

if [ ! -d "$HERE/node_modules/playwright-core" ]; then
	(cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error) >"$WORK/npm.log" 2>&1 ||
		{ not_ok "npm ci in tests/browser/offline" "$(tail -n 20 "$WORK/npm.log")"; exit 0; }
fi
unset GIT_DIR GIT_WORK_TREE
export GIT_CONFIG_GLOBAL=$WORK/gitconfig GIT_CONFIG_NOSYSTEM=1
cd "$WORK" || exit 1
for s in a b; do
	"$FABRIQUE" init $s --url https://ville.example/$s/ >"$WORK/.out" 2>&1
	status "twosites: init $s" 0 $?
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
python3 - "$WORK/srv/a/sw.js" <<'EOP'
import sys
p = sys.argv[1]
s = open(p).read()
s = s.replace("var PRECACHE_PREFIX = 'fabrique:' + SCOPE + ':precache-';",
              "var PRECACHE_PREFIX = PREFIX + 'precache-';")
a = s.index("self.addEventListener('activate'")
b = s.index("\n});\n", a) + 5
s = s[:a] + """self.addEventListener('activate', function (event) {
	event.waitUntil(caches.keys().then(function (keys) {
		return Promise.all(keys.filter(function (k) {
			return k !== CACHE && k.indexOf(PRECACHE_PREFIX) === 0;
		}).map(function (k) {
			return caches.delete(k);
		}));
	}).then(function () {
		return self.clients.claim();
	}));
});
""" + s[b:]
assert "PREFIX + 'precache-'" in s
open(p, 'w').write(s)
EOP
status "twosites: site a's worker made the earlier one" 0 $?
node "$HERE/twosites.mjs" "$WORK/srv" "$WORK/step.sh"
exit 0
