#!/bin/sh
# fabrique serve on a 600-page site (bench/gen-site.py) in a real
# Chromium (tests/browser/large.mjs): the open page is shown first after a
# save and reloads once only.
. "$(dirname "$0")/../lib.sh"
HERE=$TOP/tests/browser
if [ ! -d "$HERE/node_modules/playwright-core" ]; then
	(cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error) >"$WORK/npm.log" 2>&1 ||
		{ not_ok "npm ci in tests/browser" "$(tail -n 20 "$WORK/npm.log")"; exit 0; }
fi

R=$WORK/repo
mkdir -p "$R"
python3 "$TOP/bench/gen-site.py" 600 "$R/site" >/dev/null
(cd "$R" && $GIT init -q && $GIT add -A && $GIT commit -qm "Site initial")
cd "$R" || exit 1
"$FABRIQUE" serve site --port 0 >"$WORK/serve.log" 2>&1 &
pid=$!
trap 'kill -INT $pid 2>/dev/null; wait; rm -rf "$WORK"' EXIT
url=
for _ in $(seq 1 600); do
	url=$(sed -n 's/.*\(http:\/\/127\.0\.0\.1:[0-9]*\)\/.*/\1/p' "$WORK/serve.log" | head -n 1)
	[ -n "$url" ] && grep -q 'built in' "$WORK/serve.log" && break
	sleep 0.2
done
if [ -z "$url" ]; then
	not_ok "fabrique serve starts and prints its address" "$(cat "$WORK/serve.log")"
	exit 0
fi
F=$(ls site/ateliers | head -n 1)
node "$HERE/large.mjs" "$url" "$R/site/ateliers/$F" "/ateliers/${F%.md}/" "$WORK/serve.log" 2>"$WORK/node.err" ||
	sed 's/^/#   /' "$WORK/node.err" | head -n 20
