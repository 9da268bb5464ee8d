#!/bin/sh
# fabrique redirect (addr25): a commune moved its site; the old address's
# files are written by fabrique from the repository (the new url in
# site.yaml, the old one from its history) and the last build, not copied
# by hand from docs/deploy.md.  Served by a real nginx and a real Apache
# on 127.0.0.1 with the written nginx.conf and .htaccess: every address
# the build published answers 301 to the same address under the new url
# (query kept), sw.js is served as is; each redirect page is read with
# python's html.parser.  A folder fabrique did not write is refused and
# left as it was; nothing is written beside the kit.  The browser side
# (Chromium, the old service worker removed) is tests/browser/oldaddress.sh.
. "$(dirname "$0")/../lib.sh"
PY=/usr/bin/python3
export FABRIQUE_THEMES=$TOP/themes
R=$WORK/repo
mkrepo "$R"
Y=$R/content/site.yaml
# the site first published at an address of the Internet's form (the
# fixture's .example one is no address residents met: siteaddr.h)
OLD=https://journee-citoyenne.saint-aubin-des-levees.fr
sed -i "s#^url: .*#url: $OLD/#" "$Y" && (cd "$R" && $GIT commit -qa --amend --no-edit)
NEW=https://mairie.example/journee
sed -i "s#^url: .*#url: $NEW/#" "$Y" && commit_all "$R" moved
"$FABRIQUE" build "$R/content" --out "$WORK/new" -q 2>"$WORK/.err"
status "redirect: the moved site builds" 0 $?
mkdir "$WORK/p"
(cd "$R/content" && "$FABRIQUE" redirect --built "$WORK/new" --out "$WORK/p/kit" \
	>"$WORK/out" 2>"$WORK/.err")
status "redirect: writes the old address's files, from the repository's history" 0 $?
K=$WORK/p/kit
contains "redirect: says from where to where" "$WORK/.err" "$OLD/ (" 
contains "redirect: ... and the new address" "$WORK/.err" "lead to $NEW/"
for f in sw.js .htaccess nginx.conf 404.html index.html LISEZMOI.txt; do
	[ -s "$K/$f" ] && ok "redirect: the kit has $f" || not_ok "redirect: the kit has $f"
done
[ "$(ls -A "$WORK/p")" = kit ] && ok "redirect: nothing written beside the kit" ||
	not_ok "redirect: nothing written beside the kit" "$(ls -A "$WORK/p")"

# Every page the build published has its page at the old address, in
# French, leading (meta refresh 0, a link) to the same page at the new one.
cat >"$WORK/pages.py" <<'EOS'
import os, sys
from html.parser import HTMLParser
from urllib.parse import quote
built, kit, new = sys.argv[1:4]
class P(HTMLParser):
    def __init__(s):
        super().__init__(); s.refresh = s.href = s.lang = s.title = None; s.intitle = False
    def handle_starttag(s, t, a):
        a = dict(a)
        if t == 'html': s.lang = a.get('lang')
        if t == 'meta' and a.get('http-equiv') == 'refresh': s.refresh = a.get('content')
        if t == 'a' and s.href is None: s.href = a.get('href')
        s.intitle = t == 'title'
    def handle_data(s, d):
        if s.intitle and s.title is None: s.title = d
bad = []; n = 0
for root, dirs, files in os.walk(built):
    for f in files:
        rel = os.path.relpath(os.path.join(root, f), built)
        if not f.endswith('.html') or rel == '404.html' or f.startswith('.'):
            continue
        n += 1
        page = rel[:-len('index.html')] if f == 'index.html' else rel
        want = new + '/' + quote(page)
        p = P(); p.feed(open(os.path.join(kit, rel), encoding='utf-8').read())
        if (p.refresh != '0; url=' + want or p.href != want or p.lang != 'fr'
                or not p.title):
            bad.append((rel, p.refresh, p.href, p.lang, p.title))
print(n, 'pages;', len(bad), 'wrong:', bad[:3])
sys.exit(1 if bad or n < 20 else 0)
EOS
check "redirect: each published page leads to the same page at the new address (html.parser)" \
	$PY "$WORK/pages.py" "$WORK/new" "$K" "$NEW"

# The addresses published: every file of the build (pages, calendars,
# open data, photos, assets), the old site's worker aside.
(cd "$WORK/new" && find . -type f ! -name '.*' ! -path ./sw.js | sed 's#^\.##' | sort) >"$WORK/paths"
[ "$(wc -l <"$WORK/paths")" -gt 50 ] && ok "redirect: the build published addresses to try" ||
	not_ok "redirect: the build published addresses to try"

freeport() { $PY -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
# probe BASE NAME: every published path under BASE answers 301 to the
# same path under the new url, a query kept; sw.js is the kit's, as is.
probe() {
	: >"$WORK/wrong"
	while read -r p; do
		got=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "$1$p")
		[ "$got" = "301 $NEW$p" ] || echo "$p: $got" >>"$WORK/wrong"
	done <"$WORK/paths"
	[ -s "$WORK/wrong" ] && not_ok "redirect: $2: every published address answers 301 to the same under the new url" \
		"$(head -n 5 "$WORK/wrong")" ||
		ok "redirect: $2: every published address answers 301 to the same under the new url ($(wc -l <"$WORK/paths"))"
	got=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "$1/programme.ics?x=1")
	[ "$got" = "301 $NEW/programme.ics?x=1" ] && ok "redirect: $2: the query follows" ||
		not_ok "redirect: $2: the query follows" "$got"
	curl -s -D "$WORK/h" -o "$WORK/sw" "$1/sw.js"
	if head -n 1 "$WORK/h" | grep -q ' 200' && cmp -s "$WORK/sw" "$K/sw.js" &&
		grep -qi '^content-type: text/javascript' "$WORK/h" && grep -qi '^cache-control: no-cache' "$WORK/h"; then
		ok "redirect: $2: sw.js is the kit's, as is, text/javascript, no-cache"
	else not_ok "redirect: $2: sw.js is the kit's, as is, text/javascript, no-cache" "$(cat "$WORK/h")"; fi
}

# nginx: the written nginx.conf in the old address's server block.
if command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; then
	NGINX=$(command -v nginx || echo /usr/sbin/nginx)
	PORT=$(freeport)
	mkdir -p "$WORK/ng/logs"
	{
		[ "$(id -u)" = 0 ] && echo 'user root;'
		echo "pid $WORK/ng/nginx.pid; error_log $WORK/ng/error.log;"
		echo "events {} http { access_log off; client_body_temp_path $WORK/ng/b; proxy_temp_path $WORK/ng/p;"
		echo "fastcgi_temp_path $WORK/ng/f; uwsgi_temp_path $WORK/ng/u; scgi_temp_path $WORK/ng/s;"
		echo "server { listen 127.0.0.1:$PORT; include $K/nginx.conf; } }"
	} >"$WORK/ng/nginx.conf"
	"$NGINX" -t -p "$WORK/ng" -c "$WORK/ng/nginx.conf" >"$WORK/.err" 2>&1
	status "redirect: nginx -t accepts the written nginx.conf" 0 $?
	"$NGINX" -p "$WORK/ng" -c "$WORK/ng/nginx.conf" 2>"$WORK/.err"
	for i in 1 2 3 4 5 6 7 8 9 10; do [ -s "$WORK/ng/nginx.pid" ] && break; sleep 0.2; done
	probe "http://127.0.0.1:$PORT" nginx
	kill "$(cat "$WORK/ng/nginx.pid")" 2>/dev/null
else
	not_ok "redirect: nginx is installed (apt-get install nginx-light)"
fi

# Apache: the kit as the old address's root, its .htaccess obeyed.
APACHE=/usr/sbin/apache2
M=/usr/lib/apache2/modules
# apache_conf DIR DOCROOT PORT
apache_conf() {
	mkdir -p "$1"
	cat >"$1/httpd.conf" <<EOC
ServerRoot $1
ServerName 127.0.0.1
LoadModule mpm_event_module $M/mod_mpm_event.so
LoadModule authz_core_module $M/mod_authz_core.so
LoadModule rewrite_module $M/mod_rewrite.so
LoadModule mime_module $M/mod_mime.so
LoadModule headers_module $M/mod_headers.so
LoadModule dir_module $M/mod_dir.so
TypesConfig /etc/mime.types
Listen 127.0.0.1:$3
PidFile $1/httpd.pid
ErrorLog $1/error.log
Mutex file:$1
DocumentRoot $2
<Directory $2>
	AllowOverride All
	Require all granted
</Directory>
EOC
	[ "$(id -u)" = 0 ] && printf 'User %s\nGroup %s\n' "$(id -un nobody 2>/dev/null || echo nobody)" \
		"$(id -gn nobody 2>/dev/null || echo nogroup)" >>"$1/httpd.conf"
}
apache_start() {
	APACHE_RUN_DIR=$1 "$APACHE" -f "$1/httpd.conf" -k start 2>"$WORK/.err"
	for i in 1 2 3 4 5 6 7 8 9 10; do [ -s "$1/httpd.pid" ] && break; sleep 0.2; done
	[ -s "$1/httpd.pid" ]
}
if [ -x "$APACHE" ]; then
	chmod -R o+rX "$WORK" # Apache's children run as nobody
	PORT=$(freeport)
	apache_conf "$WORK/ap" "$K" "$PORT"
	apache_start "$WORK/ap"
	status "redirect: Apache starts with the kit as the old root" 0 $?
	probe "http://127.0.0.1:$PORT" Apache
	kill "$(cat "$WORK/ap/httpd.pid")" 2>/dev/null
else
	not_ok "redirect: Apache is installed (apt-get install apache2)"
fi

# A site moved into a sub-folder of its own host (http://127.0.0.1:P/ to
# http://127.0.0.1:P/journee/): the new site, under the old root, is not
# redirected (it would loop), the rest is.
if [ -x "$APACHE" ]; then
	PORT=$(freeport)
	H=http://127.0.0.1:$PORT
	R2=$WORK/repo2
	mkrepo "$R2"
	sed -i "s#^url: .*#url: $H/#" "$R2/content/site.yaml" && commit_all "$R2" first
	sed -i "s#^url: .*#url: $H/journee/#" "$R2/content/site.yaml" && commit_all "$R2" moved
	"$FABRIQUE" build "$R2/content" --out "$WORK/root/journee" -q 2>/dev/null
	"$FABRIQUE" redirect "$R2/content" --built "$WORK/root/journee" --out "$WORK/k2" -q 2>"$WORK/.err"
	status "redirect: a move into a sub-folder of the same host" 0 $?
	cp -R "$WORK/k2/." "$WORK/root/"
	chmod -R o+rX "$WORK"
	apache_conf "$WORK/ap2" "$WORK/root" "$PORT"
	apache_start "$WORK/ap2"
	got=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "$H/ateliers/")
	[ "$got" = "301 $H/journee/ateliers/" ] && ok "redirect: same host: an old address goes to the sub-folder" ||
		not_ok "redirect: same host: an old address goes to the sub-folder" "$got"
	got=$(curl -s -o /dev/null -w '%{http_code}' "$H/journee/ateliers/")
	[ "$got" = 200 ] && ok "redirect: same host: the new site itself is served, not redirected" ||
		not_ok "redirect: same host: the new site itself is served, not redirected" "$got"
	kill "$(cat "$WORK/ap2/httpd.pid")" 2>/dev/null
fi

# Written again: the kit is replaced whole.
echo stale >"$K/vieux.html"
"$FABRIQUE" redirect "$R/content" --built "$WORK/new" --out "$K" -q 2>"$WORK/.err"
status "redirect: writes its own folder again" 0 $?
[ ! -e "$K/vieux.html" ] && ok "redirect: ... replaced whole" || not_ok "redirect: ... replaced whole"

# Folders fabrique redirect did not write are refused, untouched.
snapshot "$WORK/new" >"$WORK/before"
"$FABRIQUE" redirect "$R/content" --built "$WORK/new" --out "$WORK/new" 2>"$WORK/.err"
status "redirect: refuses to write into the built site" 4 $?
snapshot "$WORK/new" >"$WORK/after"
cmp -s "$WORK/before" "$WORK/after" && ok "redirect: ... which is left as it was" ||
	not_ok "redirect: ... which is left as it was"
mkdir "$WORK/mine" && echo x >"$WORK/mine/notes.txt"
"$FABRIQUE" redirect "$R/content" --built "$WORK/new" --out "$WORK/mine" 2>"$WORK/.err"
status "redirect: refuses a folder of the webmaster's" 4 $?
[ "$(ls -A "$WORK/mine")" = notes.txt ] && ok "redirect: ... left as it was" ||
	not_ok "redirect: ... left as it was" "$(ls -A "$WORK/mine")"
contains "redirect: ... saying so" "$WORK/.err" "not written by fabrique redirect"
"$FABRIQUE" redirect "$R/content" --built "$WORK/mine" --out "$WORK/k3" 2>"$WORK/.err"
status "redirect: --built must be a site fabrique built" 3 $?
[ ! -e "$WORK/k3" ] && ok "redirect: ... and nothing is written then" || not_ok "redirect: ... and nothing is written then"

# A site that never moved: the old address must be given.
R3=$WORK/repo3
mkrepo "$R3"
"$FABRIQUE" build "$R3/content" --out "$WORK/b3" -q 2>"$WORK/.err"
status "redirect: a site that never moved builds" 0 $?
(cd "$R3" && LANGUAGE= LC_ALL=fr_FR.UTF-8 "$FABRIQUE" redirect content --built "$WORK/b3" --out "$WORK/k4" 2>"$WORK/.err")
status "redirect: a site whose url never changed: usage error" 2 $?
contains "redirect: ... in the site's language, naming --old" "$WORK/.err" "donnez l’ancienne avec --old URL"
"$FABRIQUE" redirect "$R3/content" --built "$WORK/b3" --out "$WORK/k4" --old http://ancien.example/jc/ -q 2>"$WORK/.err"
status "redirect: --old gives it" 0 $?
contains "redirect: ... and the nginx block strips its path" "$WORK/k4/nginx.conf" 'location ^~ /jc/ {'
"$FABRIQUE" redirect "$R3/content" --built "$WORK/b3" --out "$WORK/k5" --old 'http://x.example/"; evil' 2>"$WORK/.err"
status "redirect: an --old that would break the servers' settings is refused" 2 $?
exit 0
