#!/bin/sh
# fabrique serve --bind on IPv6 loopback: "::1" and "[::1]" (as in a URL)
# both listen there and print a URL a browser takes (http://[::1]:PORT/);
# the site is served over IPv6.  An address that is none says so, in the
# editor's language, with exit status 2.
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
mkmini "$R"
cd "$R" || exit 1

# not an address: refused before anything is built
LANGUAGE= LC_ALL=fr_FR.UTF-8 "$FABRIQUE" serve site --bind ::zz --port 0 >/dev/null 2>"$WORK/.err"
status "--bind ::zz is refused with exit status 2" 2 $?
contains "and the message says what to write, in French" "$WORK/.err" "« ::zz » n’est pas une adresse IP ; utilisez --bind 127.0.0.1 (ou ::1 pour IPv6)"

if ! python3 -c 'import socket; s = socket.socket(socket.AF_INET6); s.bind(("::1", 0))' 2>/dev/null; then
	echo "ok - IPv6 --bind # SKIP this machine has no IPv6 loopback (::1)"
	exit 0
fi

pid=
trap '[ -n "$pid" ] && kill -INT $pid 2>/dev/null; wait; rm -rf "$WORK"' EXIT
for addr in ::1 '[::1]'; do
	"$FABRIQUE" serve site --bind "$addr" --port 0 >"$WORK/serve.log" 2>&1 &
	pid=$!
	for _ in $(seq 1 300); do
		grep -q 'built in\|build failed' "$WORK/serve.log" && break
		sleep 0.1
	done
	url=$(sed -n 's/.*serving site at \(http:[^ ]*\) .*/\1/p' "$WORK/serve.log")
	case $url in
	'http://[::1]:'[0-9]*/) ok "--bind $addr prints the URL with the address in brackets ($url)" ;;
	*) not_ok "--bind $addr prints the URL with the address in brackets" "$(cat "$WORK/serve.log")" ;;
	esac
	code=$(curl -sg -o "$WORK/page.html" -w '%{http_code}' "${url}ateliers/")
	status "--bind $addr: the site is served over IPv6 at that URL" 200 "$code"
	contains "--bind $addr: with the workshops' list" "$WORK/page.html" "Repeindre le préau"
	kill -INT "$pid"
	wait "$pid"
	status "--bind $addr: Ctrl-C stops it, exit 0" 0 $?
	pid=
done
