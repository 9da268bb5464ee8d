#!/bin/sh
# A site that moved to a new address (outside tester 23 F12; addr25), in
# headless Chromium (offline/oldaddress.mjs): the files `fabrique
# redirect` writes for the old address (not a copy of docs/deploy.md by
# hand), served by a real nginx at the old address with the written
# nginx.conf, remove the old site's service worker from a resident's
# browser, and the page open at the old address leads to the new one;
# served as a plain folder (a host without redirections: the pages and
# 404.html the kit holds), old addresses still lead to the new ones.
# Both addresses are real nginx servers on 127.0.0.1.  Needs chromium,
# nginx and playwright-core, as offline.sh.
. "$(dirname "$0")/../lib.sh"
HERE=$TOP/tests/browser/offline

if [ ! -d "$HERE/node_modules/playwright-core" ]; then
	(cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error) >"$WORK/npm.log" 2>&1 ||
		{ not_ok "npm ci in tests/browser/offline" "$(tail -n 20 "$WORK/npm.log")"; exit 0; }
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$NGINX" ] || { not_ok "oldaddress: nginx is installed (apt-get install nginx-light)"; exit 0; }
freeport() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
OP=$(freeport)
NP=$(freeport)
OLD=http://127.0.0.1:$OP
NEW=http://127.0.0.1:$NP

R=$WORK/repo
mkrepo "$R"
sed -i "s#^url: .*#url: $OLD/#" "$R/content/site.yaml" && commit_all "$R" first
"$FABRIQUE" build "$R/content" --out "$WORK/old" -q 2>"$WORK/.err"
status "oldaddress: the site builds at its first address" 0 $?
sed -i "s#^url: .*#url: $NEW/journee/#" "$R/content/site.yaml" && commit_all "$R" moved
"$FABRIQUE" build "$R/content" --out "$WORK/new/journee" -q 2>"$WORK/.err"
status "oldaddress: and at its new one" 0 $?
(cd "$R/content" && "$FABRIQUE" redirect --built "$WORK/new/journee" --out "$WORK/kit" -q) 2>"$WORK/.err"
status "oldaddress: fabrique redirect writes the old address's files" 0 $?

# nginx: the new address; the old one as the step says (mode.sh MODE):
# site (the old site as it was), moved (every address 301, sw.js too:
# what tester 23 saw), kit (the kit's nginx.conf), static (the kit as a
# plain folder, 404.html for the rest).  /__probe: a blank page of the
# test's own, to look at the old origin's worker.
N=$WORK/ng
mkdir -p "$N"
cat >"$WORK/mode.sh" <<EOF
set -e
case \$1 in
site) old="root $WORK/old; error_page 404 /404.html;" ;;
moved) old="location / { return 301 $NEW/journee\\\$request_uri; }" ;;
kit) old="include $WORK/kit/nginx.conf;" ;;
static) old="root $WORK/kit; error_page 404 /404.html;" ;;
esac
cat >"$N/nginx.conf" <<EOC
\$( [ "\$(id -u)" = 0 ] && echo 'user root;' )
pid $N/nginx.pid; error_log $N/error.log;
events {}
http {
	include /etc/nginx/mime.types;
	access_log off;
	client_body_temp_path $N/b; proxy_temp_path $N/p; fastcgi_temp_path $N/f;
	uwsgi_temp_path $N/u; scgi_temp_path $N/s;
	server { listen 127.0.0.1:$NP; root $WORK/new; error_page 404 /journee/404.html; }
	server {
		listen 127.0.0.1:$OP;
		location = /__probe { default_type text/html; add_header Cache-Control no-store; return 200 '<!doctype html><title>probe</title>'; }
		\$old
	}
}
EOC
"$NGINX" -t -q -p "$N" -c "$N/nginx.conf"
if [ -s "$N/nginx.pid" ] && kill -0 "\$(cat "$N/nginx.pid")" 2>/dev/null; then
	"$NGINX" -p "$N" -c "$N/nginx.conf" -s reload
	sleep 1
else
	"$NGINX" -p "$N" -c "$N/nginx.conf"
	for i in 1 2 3 4 5 6 7 8 9 10; do [ -s "$N/nginx.pid" ] && break; sleep 0.2; done
fi
EOF
sh "$WORK/mode.sh" site 2>"$WORK/.err"
status "oldaddress: nginx serves the old and the new address" 0 $?
node "$HERE/oldaddress.mjs" "$OLD" "$NEW" "$WORK/mode.sh" /journee
[ -s "$N/nginx.pid" ] && kill "$(cat "$N/nginx.pid")" 2>/dev/null
exit 0
