#!/bin/sh
# File names as editors give them (spaces, '#', '?', '%', quotes,
# accents, other scripts) for photos, their folder, linked photos and
# linked documents: every URL the site writes (pages, srcset, the
# sitemap, the feed, the service worker's precache list, the manifest,
# the search index, open data, JSON-LD) is percent-encoded and, decoded,
# names a file of the output (tests/integration/urls_check.py).
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
mkmini "$R"
S=$R/site
D="$S/retours/Fête 2025 #1"
git -C "$R" mv site/retours/fete-2025 "site/retours/Fête 2025 #1"
git -C "$D" mv lavoir.png "Lavoir d'été #1 50%.png"
cp "$D/Lavoir d'été #1 50%.png" "$D/vue ?&=+,東京.png"
sed -i "s|fichier: lavoir.png|fichier: \"Lavoir d'été #1 50%.png\"|" "$D/index.md"
printf '\n![Vue](<vue%%20%%3F&=+,東京.png>)\n' >>"$D/index.md"
git -C "$R" mv site/documents/plan.pdf "site/documents/Plan du bourg #2 (été) 100%.pdf"
sed -i "s|(../documents/plan.pdf)|(<../documents/Plan du bourg %232 (été) 100%25.pdf>)|" \
	"$S/ateliers/repeindre-le-preau.md"
commit_all "$R" "Des noms de fichiers comme on les écrit"

cd "$WORK" || exit 1
"$FABRIQUE" build "$S" --repo "$R" --out "$WORK/out" 2>"$WORK/.err"
status "the site builds" 0 $?
check "the photo keeps its name in the output" test -f "$WORK/out/retours/Fête 2025 #1/Lavoir d'été #1 50%-40.jpg"
check "so does the document" test -f "$WORK/out/documents/Plan du bourg #2 (été) 100%.pdf"
python3 "$TOP/tests/integration/urls_check.py" "$WORK/out" https://jc.villeneuve-test.fr
contains "the srcset names the photo encoded" "$WORK/out/retours/fete-2025-1/index.html" \
	'srcset="/retours/F%C3%AAte%202025%20%231/Lavoir%20d%27%C3%A9t%C3%A9%20%231%2050%25-40.webp 40w"'
contains "the link names the document encoded" "$WORK/out/ateliers/repeindre-le-preau/index.html" \
	'href="/documents/Plan%20du%20bourg%20%232%20%28%C3%A9t%C3%A9%29%20100%25.pdf"'
contains "the service worker precaches the photo encoded" "$WORK/out/sw.js" \
	'"/retours/F%C3%AAte%202025%20%231/Lavoir%20d%27%C3%A9t%C3%A9%20%231%2050%25-40.webp"'
lacks "no raw space in the precache list" "$WORK/out/sw.js" 'Fête 2025'
contains "the linked photo is shown encoded" "$WORK/out/retours/fete-2025-1/index.html" \
	'/retours/F%C3%AAte%202025%20%231/vue%20%3F%26%3D%2B%2C%E6%9D%B1%E4%BA%AC'

# a server resolves them: each URL, fetched over HTTP, is the file
if command -v python3 >/dev/null && python3 -c 'import http.server' 2>/dev/null; then
	port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
	python3 -m http.server "$port" --bind 127.0.0.1 --directory "$WORK/out" >/dev/null 2>&1 &
	srv=$!
	n=0
	until curl -s -o /dev/null "http://127.0.0.1:$port/" || [ $n -ge 50 ]; do sleep 0.1; n=$((n + 1)); done
	# the thumbnail is precached as WebP (its JPEG twin is not)
	u=$(grep -o '"/retours/[^"]*Lavoir[^"]*\.webp"' "$WORK/out/sw.js" | head -n 1 | tr -d '"')
	curl -s -o "$WORK/got.webp" "http://127.0.0.1:$port$u"
	check "the precached URL of a photo, fetched, is the photo ($u)" cmp -s "$WORK/got.webp" "$WORK/out/retours/Fête 2025 #1/Lavoir d'été #1 50%-40.webp"
	kill "$srv"
	# the server's status (143, killed) is not the suite's
	wait "$srv" 2>/dev/null || :
fi
