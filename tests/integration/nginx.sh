#!/bin/sh
# docs/deploy.md's nginx configuration, as written, serving a published
# site on 127.0.0.1: every type a resident's phone needs (a workshop's
# .ics opens the calendar only as text/calendar, which Debian's
# mime.types lacks), UTF-8, the 404 page, immutable assets.  Outside
# tester: the configuration served calendars as application/octet-stream.
. "$(dirname "$0")/../lib.sh"

if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
	not_ok "nginx is installed (tests/deps.sh check installs nginx-light)"
	exit 0
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

R=$WORK/repo
mkmini "$R"
(cd "$R" && "$FABRIQUE" publish site --out "$WORK/www" -q) 2>"$WORK/.err"
status "the site is published" 0 $?

# The server block of the English section 5, from its first line to the
# line closing it, with the test's port and deploy folder.
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
awk '/^## 5\. nginx/ { n++ } n == 2 && /^    server \{/ { on = 1 }
	on { print } on && /^    \}$/ { exit }' "$TOP/docs/deploy.md" |
	sed -e "s|listen 80;|listen 127.0.0.1:$PORT;|" -e '/listen \[::\]:80;/d' \
		-e "s|/srv/jc/www|$WORK/www|" >"$WORK/server.conf"
contains "the documented server block is found" "$WORK/server.conf" "try_files"
mkdir -p "$WORK/nginx"
# http {} as Debian's nginx.conf has it: its types, octet-stream otherwise
# as root, nginx's workers would run as nobody, who cannot enter $WORK
[ "$(id -u)" = 0 ] && ASUSER="user root;" || ASUSER=
cat >"$WORK/nginx.conf" <<C
$ASUSER
worker_processes 1;
error_log $WORK/nginx/error.log;
pid $WORK/nginx/nginx.pid;
events { worker_connections 32; }
http {
	include /etc/nginx/mime.types;
	default_type application/octet-stream;
	access_log off;
	client_body_temp_path $WORK/nginx; proxy_temp_path $WORK/nginx;
	fastcgi_temp_path $WORK/nginx; uwsgi_temp_path $WORK/nginx;
	scgi_temp_path $WORK/nginx;
	include $WORK/server.conf;
}
C
"$NGINX" -t -c "$WORK/nginx.conf" >"$WORK/.out" 2>&1
status "nginx accepts the documented configuration" 0 $?
lacks "without a warning" "$WORK/.out" "[warn]"
"$NGINX" -c "$WORK/nginx.conf" 2>>"$WORK/.out"
trap '"$NGINX" -c "$WORK/nginx.conf" -s stop 2>/dev/null; rm -rf "$WORK"' EXIT
i=0
while [ ! -s "$WORK/nginx/nginx.pid" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done

# type URL-PATH: "STATUS TYPE" as served
type_of() { curl -s -o /dev/null -w '%{http_code} %{content_type}' "http://127.0.0.1:$PORT$1"; }
ics=$(cd "$WORK/www/current" && find ateliers -name '*.ics' | head -n 1)
check "the site has a workshop's calendar" test -n "$ics"
for pair in "/index.html|text/html; charset=utf-8" \
	"/$ics|text/calendar; charset=utf-8" \
	"/programme.ics|text/calendar; charset=utf-8" \
	"/programme.csv|text/csv; charset=utf-8" \
	"/programme.json|application/json; charset=utf-8" \
	"/manifest.webmanifest|application/manifest+json; charset=utf-8" \
	"/sw.js|application/javascript; charset=utf-8" \
	"/flux.xml|text/xml; charset=utf-8"; do
	path=${pair%%|*}
	want="200 ${pair#*|}"
	got=$(type_of "$path")
	if [ "$got" = "$want" ]; then ok "$path: $want"; else
		not_ok "$path is served as $want" "got: $got"; fi
done
curl -s -o "$WORK/404.out" -w '%{http_code}' "http://127.0.0.1:$PORT/nulle-part/" >"$WORK/404.code"
check "a missing page: 404" test "$(cat "$WORK/404.code")" = 404
contains "with the site's own 404 page" "$WORK/404.out" "<html"
css=$(cd "$WORK/www/current" && find assets -name '*.css' | head -n 1)
curl -sI "http://127.0.0.1:$PORT/$css" >"$WORK/css.head"
contains "a fingerprinted asset is cached for good" "$WORK/css.head" "immutable"
contains "and served as CSS" "$WORK/css.head" "text/css"

# Pages, calendars, data and feeds are revalidated (outside tester,
# session 21, F7: without Cache-Control a browser kept a page unchanged
# for a week fresh for hours, a cancelled workshop showed as open).
for path in / /index.html "/$ics" /programme.ics /programme.json /flux.xml /sw.js; do
	curl -sI "http://127.0.0.1:$PORT$path" >"$WORK/h.head"
	if grep -qi '^cache-control: no-cache' "$WORK/h.head"; then
		ok "$path: Cache-Control: no-cache"
	else
		not_ok "$path is sent with Cache-Control: no-cache" "$(cat "$WORK/h.head")"
	fi
done
if grep -qi '^cache-control: no-cache' "$WORK/css.head"; then
	not_ok "a fingerprinted asset is not revalidated" "$(cat "$WORK/css.head")"
else ok "a fingerprinted asset is not revalidated"; fi
