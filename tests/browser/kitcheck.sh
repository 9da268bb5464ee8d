#!/bin/sh
# The pages of the old address's kit (fabrique redirect, addr25), as the
# site's own pages are checked: the Nu HTML Checker over every page it
# writes, and axe-core (WCAG 2.1 A/AA) in headless Chromium, light and
# dark, on the home page, 404.html and a workshop's, each served from
# 127.0.0.1 with its refresh to the new address held back (kitcheck.mjs).
# A resident with an old QR code reads this page, however briefly, with
# a screen reader too.  Needs chromium and the npm packages of
# tests/browser/package.json (installed with npm ci when missing).
. "$(dirname "$0")/../lib.sh"
browser_npm

R=$WORK/repo
mkrepo "$R"
# first published at an address of the Internet's form: the fixture's
# .example one is no address residents met (siteaddr.h)
sed -i "s#^url: .*#url: https://journee-citoyenne.saint-aubin-des-levees.fr/#" "$R/content/site.yaml" &&
	(cd "$R" && $GIT commit -qa --amend --no-edit)
sed -i "s#^url: .*#url: https://mairie.example/journee/#" "$R/content/site.yaml" &&
	commit_all "$R" moved
"$FABRIQUE" build "$R/content" --out "$WORK/new" -q 2>"$WORK/.err"
status "kit: the moved site builds" 0 $?
(cd "$R/content" && "$FABRIQUE" redirect --built "$WORK/new" --out "$WORK/kit" -q) 2>"$WORK/.err"
status "kit: fabrique redirect writes the old address's files" 0 $?
W=ateliers/degager-le-lavoir/index.html
[ -s "$WORK/kit/$W" ] && ok "kit: a workshop's page is in it" || not_ok "kit: a workshop's page is in it" "$(ls "$WORK/kit/ateliers" | head)"

find "$WORK/kit" -name '*.html' >"$WORK/html.list"
n=$(wc -l <"$WORK/html.list")
java -jar "$HERE/node_modules/vnu-jar/build/dist/vnu.jar" --errors-only --format gnu \
	$(cat "$WORK/html.list") >"$WORK/vnu.out" 2>&1
if [ ! -s "$WORK/vnu.out" ] && [ "$n" -gt 20 ]; then
	ok "kit: Nu HTML Checker, $n HTML files, no error"
else
	not_ok "kit: Nu HTML Checker, $n HTML files, $(wc -l <"$WORK/vnu.out") error line(s)" \
		"$(sed "s|$WORK/kit/||" "$WORK/vnu.out" | head -n 30)"
fi

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$WORK/kit" >"$WORK/http.log" 2>&1 &
hp=$!
trap 'kill $hp 2>/dev/null; wait $hp 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 1 50); do
	python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/')" 2>/dev/null && break
	sleep 0.1
done
node "$HERE/kitcheck.mjs" "http://127.0.0.1:$port/" "" 404.html "$W"
exit 0
