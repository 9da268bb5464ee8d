#!/bin/sh
# The network's site beside a commune's on one origin (https://host/b/,
# https://host/a/) in headless Chromium with their real service workers
# (offline/reseautwosites.mjs): the network theme's worker names its
# precache with its scope, as the commune theme's does (reseau24
# leftover: it deleted every "fabrique-precache-", a commune's too),
# deletes its own earlier unscoped precache, and never the commune's.
# Both sites start with the earlier worker (lib.sh's earlier_worker).
# Offline under /b/, the home and an unseen page's « Hors ligne » come
# from the precache, and the pages visited with the earlier worker, in
# the shared "fabrique-visites", are moved into /b/'s own cache
# (outside tester 29 F12).
# Needs chromium and playwright-core (npm ci in tests/browser/offline/
# when missing).
. "$(dirname "$0")/../lib.sh"
offline_setup
offline_init "reseautwosites: init a" a https://ville.example/a/
reseau_member "$WORK/m" "Tours-sur-Cher" 37261 https://ville.example/m/
printf 'url: https://ville.example/b/\ncommunes:\n  - depot: m\n' >"$WORK/liste.yaml"

# step WHAT: the commune's next version built into srv/a (a-new); the
# network's worker as built (b-new), or a new one of the same precache
# (b-next: a later fabrique's, its text changed)
cat >"$WORK/step.sh" <<EOF
set -e
case \$1 in
a-new)
	cd "$WORK/a"
	printf '\nVersion 2.\n' >>pages/contact.md
	$GIT commit -qam "version 2"
	"$FABRIQUE" build --out "$WORK/srv/a" -q 2>/dev/null ;;
b-new) cp "$WORK/sw-new.js" "$WORK/srv/b/sw.js" ;;
b-next) { cat "$WORK/sw-new.js"; echo '/* next */'; } >"$WORK/srv/b/sw.js" ;;
esac
EOF
(cd a && "$FABRIQUE" build --out "$WORK/srv/a" -q) 2>"$WORK/.err"
status "reseautwosites: the commune builds" 0 $?
"$FABRIQUE" reseau "$WORK/liste.yaml" --out "$WORK/srv/b" -q 2>"$WORK/.err"
status "reseautwosites: the network builds" 0 $?
cp "$WORK/srv/b/sw.js" "$WORK/sw-new.js"
earlier_worker "$WORK/srv/a/sw.js" && earlier_worker "$WORK/srv/b/sw.js"
status "reseautwosites: both workers made the earlier ones" 0 $?
# The network's earlier worker (network theme sw 2) also kept the pages
# visited in the origin's shared "fabrique-visites", and moved nothing.
python3 - "$WORK/srv/b/sw.js" <<'EOP'
import sys
p = sys.argv[1]
s = open(p).read()
for old, new in [
    ("var VISITED = 'fabrique:' + SCOPE + ':visites';", "var VISITED = PREFIX + 'visites';"),
    ("var SHARED = [[PREFIX + 'visites', VISITED]];", "var SHARED = [];"),
]:
    assert old in s, old
    s = s.replace(old, new)
open(p, 'w').write(s)
EOP
status "reseautwosites: the network's earlier worker keeps its visits unscoped" 0 $?
node "$HERE/reseautwosites.mjs" "$WORK/srv" "$WORK/step.sh"
exit 0
