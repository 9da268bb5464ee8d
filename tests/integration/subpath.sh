#!/bin/sh
# A site published under a path (site.yaml's url
# https://ville.example/journee/, shared hosting's sub-folder): every
# address it writes to itself - pages' links and assets, the service
# worker's precache list, the manifest, the search index, the feed, the
# sitemap, the calendars - is under /journee/, and each answers 200 when
# the output is served at /journee/ by a real HTTP server on 127.0.0.1.
# Editors' links from the root (/contact/) and from the host's root
# (/journee/contact/) both publish as /journee/contact/.  Outside tester:
# every page linked /assets/..., /programme/, / from the domain's root.
. "$(dirname "$0")/../lib.sh"

unset GIT_DIR GIT_WORK_TREE
export GIT_CONFIG_GLOBAL=$WORK/gitconfig GIT_CONFIG_NOSYSTEM=1
mkdir -p "$WORK/home" && cd "$WORK/home" || exit 1
"$FABRIQUE" init journee --url https://ville.example/journee/ \
	>"$WORK/.out" 2>"$WORK/.err"
status "init makes a site published under /journee/" 0 $?
S=$WORK/home/journee
cat >>"$S/pages/contact.md" <<'M'

Voir [le programme](/programme/), [nous écrire](/contact/), [encore](/journee/contact/#mairie-de-ma-commune),
[l'accueil](/) et [la mairie](/mairie/).
M
(cd "$S" && $GIT add -A && $GIT commit -qm "Liens") || exit 1
mkdir -p "$WORK/srv"
(cd "$S" && "$FABRIQUE" build --out "$WORK/srv/journee") >"$WORK/.out" 2>"$WORK/.err"
status "the site builds" 0 $?
OUT=$WORK/srv/journee

# the links an editor wrote, as published
grep -o 'href="[^"]*"' "$OUT/contact/index.html" >"$WORK/contact.links"
contains "/programme/ in Markdown is published as /journee/programme/" \
	"$WORK/contact.links" 'href="/journee/programme/"'
contains "/journee/contact/#mairie-de-ma-commune is kept as written" \
	"$WORK/contact.links" 'href="/journee/contact/#mairie-de-ma-commune"'
contains "/mairie/, the host's, outside the site, is the host's page" \
	"$WORK/contact.links" 'href="https://ville.example/mairie/"'
lacks "no link from the domain's root is left" "$WORK/contact.links" 'href="/programme/"'
# hors-ligne.js finds sw.js beside the manifest: the manifest's link is
# under /journee/, and no inline script (a CSP may refuse it) is needed
contains "the manifest's link, where the worker is found, is under /journee/" \
	"$OUT/index.html" '<link rel="manifest" href="/journee/manifest.webmanifest">'
lacks "no inline script under a path" "$OUT/index.html" '<script>'
# an icon, so browsers do not ask the host's root for /favicon.ico
# (outside tester F18: a 404 on every page view, outside the site)
icon=$(grep -o '<link rel="icon" href="[^"]*" type="image/svg+xml">' "$OUT/contact/index.html" | sed 's/.*href="\([^"]*\)".*/\1/')
case $icon in
/journee/assets/img/icone.*.svg) ok "the pages' icon is the theme's, under /journee/ ($icon)" ;;
*) not_ok "the pages' icon is the theme's, under /journee/" "got: '$icon'" ;;
esac
check "the icon is published" test -f "$OUT${icon#/journee}"
contains "and precached by the service worker" "$OUT/sw.js" "\"$icon\""

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
python3 -m http.server --bind 127.0.0.1 --directory "$WORK/srv" "$PORT" \
	>"$WORK/http.log" 2>&1 &
HTTP=$!
trap 'kill $HTTP 2>/dev/null; rm -rf "$WORK"' EXIT
i=0
until curl -s -o /dev/null "http://127.0.0.1:$PORT/journee/" || [ $i -ge 50 ]; do
	sleep 0.1; i=$((i + 1))
done
code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/journee/")
check "the server serves the site at /journee/" test "$code" = 200
python3 "$TOP/tests/integration/subpath_check.py" "$OUT" \
	https://ville.example/journee/ "$PORT" https://ville.example/mairie/
kill $HTTP 2>/dev/null
wait $HTTP 2>/dev/null

# fabrique serve previews it where it will be: under /journee/
cd "$S" || exit 1
serve_start || exit 0
code() { curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "$url$1"; }
check "serve: / leads to /journee/" test "$(code /)" = "301 $url/journee/"
# the start-up line gives the host's root; the site's own address
# follows once a build knows its path (outside tester, F18)
contains "serve: prints the preview's full address, path included" "$WORK/serve.log" \
	"fabrique: this site is published under /journee/: its preview is at $url/journee/"
check "serve: /journee/programme/ is the programme" \
	test "$(code /journee/programme/)" = "200 "
check "serve: /journee/programme adds its /" \
	test "$(code /journee/programme)" = "301 $url/journee/programme/"
check "serve: /journee/nulle-part/ is a 404" test "$(code /journee/nulle-part/)" = "404 "
curl -s "$url/journee/sw.js" >"$WORK/sw.js"
contains "serve: the preview's worker steps aside under /journee/ too" \
	"$WORK/sw.js" "unregister"
kill -INT $pid 2>/dev/null
wait $pid 2>/dev/null

# a site at the domain's root: nothing of the base anywhere
sed -i 's|^url: .*|url: "https://ville.example"|' "$S/site.yaml"
sed -i 's|, \[encore\](/journee/contact/#mairie-de-ma-commune)||; s| et \[la mairie\](/mairie/)||' \
	"$S/pages/contact.md"
(cd "$S" && $GIT commit -qam "À la racine") || exit 1
(cd "$S" && "$FABRIQUE" build --out "$WORK/root") >"$WORK/.out" 2>"$WORK/.err"
status "the same site at the root builds" 0 $?
grep -o 'href="[^"]*"' "$WORK/root/contact/index.html" >"$WORK/root.links"
contains "at the root, /contact/ stays /contact/" "$WORK/root.links" 'href="/contact/"'
lacks "and no page names /journee" "$WORK/root/index.html" "/journee"

# A url copied from the browser's bar (outside tester 18 F16): with
# "/index.html" at its end, every page linked its stylesheet and pages
# under a folder "index.html", every link broken on the host, and check
# --strict said nothing.  An error at the url with the address to write;
# the output stays as it was.
snapshot "$WORK/root" >"$WORK/root.before"
for u in https://ville.example/journee/index.html "https://ville.example/journee/?page=1"; do
	sed -i "s|^url: .*|url: \"$u\"|" "$S/site.yaml"
	(cd "$S" && $GIT commit -qam "url de la barre d'adresse")
	(cd "$S" && LANGUAGE= LC_ALL=fr_FR.UTF-8 "$FABRIQUE" build --out "$WORK/root") >"$WORK/.out" 2>"$WORK/.err"
	status "url $u: the build fails" 1 $?
	contains "said at the url, with the folder's address to write" "$WORK/.err" \
		"site.yaml:$(grep -n '^url:' "$S/site.yaml" | cut -d: -f1):6: erreur : « url » est l’adresse d’un fichier, ou contient « ? » ou « # » ($u) : écrivez l’adresse du dossier du site, https://ville.example/journee/"
done
snapshot "$WORK/root" >"$WORK/root.after"
check "the site built before is untouched" cmp -s "$WORK/root.before" "$WORK/root.after"
