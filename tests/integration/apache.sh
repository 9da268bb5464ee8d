#!/bin/sh
# docs/deploy.md's .htaccess for shared hosting (section 7, English), put
# in the local public/ as the docs say, served by a real Apache 2.4 with
# AllowOverride All as shared hosts have it: pages, calendars, data and
# feeds revalidated (Cache-Control: no-cache), fingerprinted assets kept
# for good.  Outside tester, session 21, F7: without Cache-Control a
# browser kept a page unchanged for a week fresh for hours, and a
# cancelled workshop showed as open.
. "$(dirname "$0")/../lib.sh"

APACHE=/usr/sbin/apache2
MODS=/usr/lib/apache2/modules
if [ ! -x "$APACHE" ] || [ ! -f "$MODS/mod_headers.so" ]; then
	not_ok "apache2-bin is installed (tests/deps.sh check installs it)"
	exit 0
fi

# The .htaccess block of the English section 7: the lines between the
# "Put this .htaccess" paragraph and the next blank line after it.
awk '/^browser without it\.  Put this `\.htaccess`/ { on = 1; next }
	on && /^    / { print substr($0, 5); seen = 1; next }
	on && seen { exit }' "$TOP/docs/deploy.md" >"$WORK/htaccess"
contains "the documented .htaccess is found" "$WORK/htaccess" "Header set"

R=$WORK/repo
mkrepo "$R"
(cd "$R" && "$FABRIQUE" build content --out "$WORK/public" -q) 2>"$WORK/.err"
status "the site builds" 0 $?
cp "$WORK/htaccess" "$WORK/public/.htaccess"
# Kept by the next build, as the docs say (a file no build made).
echo "Texte ajouté." >>"$R/content/ateliers/repeindre-le-preau.md"
commit_all "$R" "Atelier modifié"
(cd "$R" && "$FABRIQUE" build content --out "$WORK/public" -q) 2>"$WORK/.err"
status "the site builds again" 0 $?
check "the .htaccess is kept by the next build" cmp -s "$WORK/htaccess" "$WORK/public/.htaccess"

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mkdir -p "$WORK/apache"
cat >"$WORK/apache.conf" <<C
ServerRoot $WORK/apache
ServerName 127.0.0.1
Listen 127.0.0.1:$PORT
PidFile $WORK/apache/httpd.pid
ErrorLog $WORK/apache/error.log
LoadModule mpm_event_module $MODS/mod_mpm_event.so
LoadModule authz_core_module $MODS/mod_authz_core.so
LoadModule dir_module $MODS/mod_dir.so
LoadModule mime_module $MODS/mod_mime.so
LoadModule headers_module $MODS/mod_headers.so
TypesConfig /etc/mime.types
DocumentRoot $WORK/public
DirectoryIndex index.html
<Directory $WORK/public>
	AllowOverride All
	Require all granted
</Directory>
C
if [ "$(id -u)" = 0 ]; then
	# Apache refuses to run as root unless built so: a user of its own.
	chmod -R a+rX "$WORK"
	printf 'User nobody\nGroup nogroup\n' >>"$WORK/apache.conf"
fi
"$APACHE" -t -f "$WORK/apache.conf" >"$WORK/.out" 2>&1
status "Apache accepts the configuration" 0 $?
"$APACHE" -f "$WORK/apache.conf" -k start 2>>"$WORK/.out"
trap '"$APACHE" -f "$WORK/apache.conf" -k stop 2>/dev/null; sleep 0.3; rm -rf "$WORK"' EXIT
i=0
while ! curl -s -o /dev/null "http://127.0.0.1:$PORT/" && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done

ics=$(cd "$WORK/public" && find ateliers -name '*.ics' | head -n 1)
for path in / /index.html /ateliers/repeindre-le-preau/ "/$ics" /programme.ics \
	/programme.json /flux.xml /sw.js; do
	curl -sI "http://127.0.0.1:$PORT$path" >"$WORK/h.head"
	if grep -q '^HTTP/1.1 200' "$WORK/h.head" &&
		grep -qi '^cache-control: no-cache' "$WORK/h.head"; then
		ok "$path: 200, Cache-Control: no-cache"
	else
		not_ok "$path is sent with Cache-Control: no-cache" "$(cat "$WORK/h.head" "$WORK/apache/error.log")"
	fi
done
css=$(cd "$WORK/public" && find assets -name '*.css' | head -n 1)
curl -sI "http://127.0.0.1:$PORT/$css" >"$WORK/css.head"
contains "a fingerprinted asset is cached for good" "$WORK/css.head" "immutable"
lacks "and not revalidated" "$WORK/css.head" "no-cache"
# an unknown address: the site's own 404 page, not Apache's English one
# (outside tester 24 F4: the docs gave it only for a sub-folder)
curl -s -D "$WORK/404.head" -o "$WORK/404.html" "http://127.0.0.1:$PORT/ateliers/nexiste-pas/"
contains "an unknown address answers 404" "$WORK/404.head" "HTTP/1.1 404"
contains "with the site's own French page" "$WORK/404.html" "Page introuvable"
lacks "not Apache's" "$WORK/404.html" "<h1>Not Found</h1>"
exit 0
