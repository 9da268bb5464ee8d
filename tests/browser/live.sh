#!/bin/sh
# fabrique serve, for real: a server on a free port of 127.0.0.1 previews
# the fixture site's working tree; Chromium (playwright-core) follows the
# edits (tests/browser/live.mjs).  Then Ctrl-C stops it cleanly: exit 0,
# nothing left in the temporary folder, no public/ written in the
# repository.
. "$(dirname "$0")/../lib.sh"
HERE=$TOP/tests/browser
if [ ! -d "$HERE/node_modules/playwright-core" ]; then
	(cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error) >"$WORK/npm.log" 2>&1 ||
		{ not_ok "npm ci in tests/browser" "$(tail -n 20 "$WORK/npm.log")"; exit 0; }
fi

R=$WORK/repo
mkmini "$R"
mkdir -p "$WORK/tmp"
cd "$R" || exit 1
TMPDIR=$WORK/tmp LANGUAGE= LC_ALL=fr_FR.UTF-8 "$FABRIQUE" serve site --port 0 >"$WORK/serve.log" 2>&1 &
pid=$!
url=
for _ in $(seq 1 600); do
	url=$(sed -n 's/.*\(http:\/\/127\.0\.0\.1:[0-9]*\)\/.*/\1/p' "$WORK/serve.log" | head -n 1)
	[ -n "$url" ] && grep -q 'construit en\|built in' "$WORK/serve.log" && break
	sleep 0.2
done
if [ -z "$url" ]; then
	not_ok "fabrique serve starts and prints its address" "$(cat "$WORK/serve.log")"
	kill "$pid" 2>/dev/null
	exit 0
fi
ok "fabrique serve listens on 127.0.0.1, on a free port ($url)"

node "$HERE/live.mjs" "$url" "$R/site/ateliers/repeindre-le-preau.md" 2>"$WORK/node.err" ||
	sed 's/^/#   /' "$WORK/node.err" | head -n 20

contains "the terminal shows the same error, in French" "$WORK/serve.log" \
	"site/ateliers/repeindre-le-preau.md:4:7: erreur : "
contains "the terminal counts it in the singular (was « 1 erreur(s) »)" "$WORK/serve.log" \
	"la construction a échoué (1 erreur) ; le navigateur l’affiche"
kill -INT "$pid"
wait "$pid"
status "Ctrl-C stops it: exit 0" 0 $?
check "nothing is left in the temporary folder" test -z "$(ls -A "$WORK/tmp")"
check "it never wrote public/" test ! -e "$R/public"
check "the working tree is as the test left it" test -z "$(git status --porcelain)"
