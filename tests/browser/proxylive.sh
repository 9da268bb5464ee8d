#!/bin/sh
# fabrique serve of a site published under a path, through a reverse
# proxy that forwards only that path (tests/browser/proxylive.mjs, real
# Chromium): live reload and the error overlay work there too.
. "$(dirname "$0")/../lib.sh"
HERE=$TOP/tests/browser
if [ ! -d "$HERE/node_modules/playwright-core" ]; then
	(cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error) >"$WORK/npm.log" 2>&1 ||
		{ not_ok "npm ci in tests/browser" "$(tail -n 20 "$WORK/npm.log")"; exit 0; }
fi

R=$WORK/repo
mkmini "$R"
sed -i 's|^url: .*|url: https://mairie.example/journee/|' "$R/site/site.yaml"
commit_all "$R" "publié sous /journee/" >/dev/null
cd "$R" || exit 1
LANGUAGE= LC_ALL=fr_FR.UTF-8 "$FABRIQUE" serve site --port 0 >"$WORK/serve.log" 2>&1 &
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
node "$HERE/proxylive.mjs" "$url" "$R/site/ateliers/repeindre-le-preau.md" 2>"$WORK/node.err" ||
	sed 's/^/#   /' "$WORK/node.err" | head -n 20
kill -INT "$pid"
wait "$pid"
status "Ctrl-C stops it: exit 0" 0 $?
