#!/bin/sh
# bench/serve-latency.sh [N] [EDITS]: fabrique serve's edit-to-reload
# latency (a save to the event that reloads the edited page, open in the
# browser) on the example site and on a synthetic site of N pages (default
# 1000, bench/gen-site.py), each in its own git repository in a temporary
# folder, EDITS edits each (default 10).  Needs node and curl.
set -u
TOP=$(cd "$(dirname "$0")/.." && pwd)
FABRIQUE=${FABRIQUE:-$TOP/fabrique}
N=${1:-1000}
EDITS=${2:-10}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/fabrique-bench.XXXXXX")
export XDG_CACHE_HOME=$WORK/cache
pid=
trap '[ -n "$pid" ] && kill -INT "$pid" 2>/dev/null; wait; rm -rf "$WORK"' EXIT
GIT="git -c user.name=Bench -c user.email=bench@example.invalid -c init.defaultBranch=main"

measure() { # measure NAME REPO SITE FILE
	(cd "$2" && "$FABRIQUE" serve "$3" --port 0 >"$WORK/serve.log" 2>&1) &
	pid=$!
	url=
	while kill -0 "$pid" 2>/dev/null; do
		url=$(sed -n 's/.*\(http:\/\/127\.0\.0\.1:[0-9]*\)\/.*/\1/p' "$WORK/serve.log" | head -n 1)
		[ -n "$url" ] && grep -q 'built in' "$WORK/serve.log" && break
		sleep 0.2
	done
	page=/ateliers/$(basename "$4" .md)/
	code=$(curl -s -o /dev/null -w '%{http_code}' "$url$page")
	[ "$code" = 200 ] || echo "bench: $url$page answers $code" >&2
	printf '%s (load %s): ' "$1" "$(cut -d' ' -f1 /proc/loadavg)"
	node "$TOP/bench/serve-latency.mjs" "$url" "$2/$3/$4" "$EDITS" "$page"
	kill -INT "$pid"
	wait "$pid"
	pid=
}

mkdir -p "$WORK/exemple"
cp -R "$TOP/content" "$WORK/exemple/content"
(cd "$WORK/exemple" && $GIT init -q && $GIT add -A && $GIT commit -qm init)
measure "example site (content/)" "$WORK/exemple" content \
	ateliers/"$(ls "$TOP/content/ateliers" | head -n 1)"

python3 "$TOP/bench/gen-site.py" "$N" "$WORK/grand/site" >/dev/null
(cd "$WORK/grand" && $GIT init -q && $GIT add -A && $GIT commit -qm init)
measure "$N-page site" "$WORK/grand" site \
	ateliers/"$(ls "$WORK/grand/site/ateliers" | head -n 1)"
