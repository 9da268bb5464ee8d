#!/bin/sh
# A rollback to a release an earlier fabrique built, in headless
# Chromium with its real service worker (offline/rollback.mjs; outside
# tester 23, F7).  The earlier release's sw.js is the earlier workers'
# code: its activate deleted every "fabrique-" cache but its own
# precache and fabrique-visites.  The pages a resident kept with
# « Garder hors ligne » (under the former name fabrique-gardes, then
# with this version's button) must survive the upgrade and the
# rollback; rollback warns that an older worker takes over.  Needs
# chromium and playwright-core (npm ci in tests/browser/offline/).
. "$(dirname "$0")/../lib.sh"
HERE=$TOP/tests/browser/offline

if [ ! -d "$HERE/node_modules/playwright-core" ]; then
	(cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error) >"$WORK/npm.log" 2>&1 ||
		{ not_ok "npm ci in tests/browser/offline" "$(tail -n 20 "$WORK/npm.log")"; exit 0; }
fi

R=$WORK/repo
WWW=$WORK/www
mkrepo "$R"
(cd "$R" && "$FABRIQUE" publish content --out "$WWW" -q) 2>"$WORK/.err"
status "rollback: the first release is published" 0 $?
A=$(readlink "$WWW/current")
# Made by an earlier fabrique: no record of what built it, and the
# earlier workers' activate (every "fabrique-" cache but its own
# precache and the visited pages goes) under its precache's former name.
sed -i "/^$(basename "$A") /d" "$WWW/releases.built"
python3 - "$WWW/current/sw.js" <<'EOP'
import re, sys
p = sys.argv[1]
s = open(p).read()
v = re.search(r"var CACHE = [^;]*'([0-9a-f]{16})';", s)
s = s[:v.start()] + "var PREFIX = 'fabrique-';\nvar CACHE = PREFIX + '%s';" % v.group(1) + s[v.end():]
a = s.index("self.addEventListener('activate'")
b = s.index("\n});\n", a) + 5
s = s[:a] + """self.addEventListener('activate', function (event) {
	event.waitUntil(caches.keys().then(function (keys) {
		return Promise.all(keys.filter(function (k) {
			return k.indexOf(PREFIX) === 0 && k !== CACHE && k !== VISITED;
		}).map(function (k) {
			return caches.delete(k);
		}));
	}).then(function () {
		return self.clients.claim();
	}));
});
""" + s[b:]
open(p, 'w').write(s)
EOP

cat >"$WORK/publish.sh" <<EOS
set -e
cd "$R"
printf '\nTexte de la nouvelle version.\n' >>content/ateliers/degager-le-lavoir.md
$GIT commit -qam "Nouvelle version"
"$FABRIQUE" publish content --out "$WWW" -q 2>/dev/null
EOS
cat >"$WORK/rollback.sh" <<EOS
"$FABRIQUE" rollback "$WWW" >"$WORK/rollback.out" 2>&1
EOS
node "$HERE/rollback.mjs" "$WWW/current" "$WORK/publish.sh" "$WORK/rollback.sh" \
	/ateliers/degager-le-lavoir/ /ateliers/creer-une-grainotheque/
contains "rollback: it warns that an earlier fabrique's worker takes over" "$WORK/rollback.out" "was built by an earlier fabrique"
check "rollback: current is the earlier release again" test "$(readlink "$WWW/current")" = "$A"
exit 0
