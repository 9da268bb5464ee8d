#!/bin/sh
# Photos through `fabrique build`: resized WebP and JPEG variants, upright,
# with no metadata left (checked with exiftool), never the raw file; the
# cache makes a second build decode nothing; Markdown-linked photos are
# published whole but stripped too.
. "$(dirname "$0")/../lib.sh"

IMGTOOL=$(dirname "$FABRIQUE")/imgtool
[ -x "$IMGTOOL" ] || IMGTOOL=$TOP/build/imgtool
R=$WORK/repo
mkmini "$R"
cd "$R" || exit 1
D=site/retours/fete-2025
# 1200x800 stored, EXIF orientation 6 (turn 90°): 800x1200 upright; GPS,
# a camera serial number and the photographer's name inside.
"$IMGTOOL" make "$D/preau.jpg" 1200 800 --orientation 6 --private
"$IMGTOOL" make site/pages/plan.jpg 640 480 --private
cat >>"$D/index.md.new" <<'T'
---
titre: Le lavoir nettoyé
edition: 2025
photos:
  - fichier: lavoir.png
    alt: Le lavoir aux pierres propres
  - fichier: preau.jpg
    alt: Le préau repeint, en hauteur
---
Merci à tous.
T
mv "$D/index.md.new" "$D/index.md"
printf -- '---\ntitre: Contact\n---\nÉcrivez à la mairie. Voir le [plan](plan.jpg).\n' >site/pages/contact.md
commit_all "$R" "photos" >/dev/null
rm -rf .git/fabrique
"$FABRIQUE" build site --out "$WORK/out" -v 2>"$WORK/.err"
status "the site with photos builds" 0 $?
contains "every photo is decoded the first time" "$WORK/.err" "photos: 2 images, 2 decoded"
O=$WORK/out/retours/fete-2025
check "WebP variant at 480 px" test -f "$O/preau-480.webp"
check "JPEG variant at the photo's own width, not upscaled" test -f "$O/preau-800.jpg"
check "no variant wider than the photo" test ! -e "$O/preau-960.jpg"
check "the raw photo is not published" test ! -e "$O/preau.jpg"
"$IMGTOOL" info "$O/preau-800.jpg" >"$WORK/info"
contains "the photo comes out upright (800x1200)" "$WORK/info" "size 800 1200"
contains "templates get srcset and sizes" "$O/index.html" 'srcset="/retours/fete-2025/preau-480.webp 480w, /retours/fete-2025/preau-800.webp 800w"'
contains "templates get width and height" "$O/index.html" 'width="800" height="1200"'
contains "a Markdown link to a photo points to the stripped copy" "$WORK/out/contact/index.html" 'href="/pages/plan.jpg"'
check "the linked photo is published" test -f "$WORK/out/pages/plan.jpg"
check "exiftool is installed (tests/deps.sh)" command -v exiftool
# exiftool must see the tags in the source photo, or its silence proves nothing
exiftool -q -q -s3 -GPSLatitude "$D/preau.jpg" >"$WORK/src-tags"
check "exiftool reads the GPS position of the source photo" test -s "$WORK/src-tags"
leaks=$(find "$WORK/out" -name '*.jpg' -o -name '*.webp' -o -name '*.png' | while read -r f; do
	exiftool -q -q -s3 -GPS:all -SerialNumber -BodySerialNumber -Artist -Make -Model -Orientation -XMP:all "$f"; done)
if [ -z "$leaks" ]; then ok "exiftool finds no GPS, serial, name, camera or XMP in any published image"
else not_ok "no metadata in published images" "$leaks"; fi

"$FABRIQUE" build site --full --out "$WORK/out" -v 2>"$WORK/.err"
contains "a second build decodes nothing" "$WORK/.err" "photos: 2 images, 0 decoded"
contains "a second build takes every variant from the cache" "$WORK/.err" "0 made, 0 rebuilt"
"$FABRIQUE" cache clean >/dev/null 2>&1
status "cache clean succeeds" 0 $?
"$FABRIQUE" build site --out "$WORK/out" -v 2>"$WORK/.err"
contains "after cache clean, photos are made again" "$WORK/.err" "photos: 2 images, 2 decoded"

printf 'pas une image' >"$D/preau.jpg"
commit_all "$R" "photo abîmée" >/dev/null
before=$(snapshot "$WORK/out")
"$FABRIQUE" build site --out "$WORK/out" 2>"$WORK/.err"
status "a damaged photo fails the build" 1 $?
contains "the damaged photo is named" "$WORK/.err" "site/retours/fete-2025/preau.jpg"
if [ "$(snapshot "$WORK/out")" = "$before" ]; then ok "a damaged photo leaves the site untouched"
else not_ok "a damaged photo leaves the site untouched"; fi

# An image cache that cannot be written is said by the build that tried;
# a later build with nothing to do writes no image: it does not say it
# again, nor fail --strict for it (diag_event()).
git checkout -q HEAD~1 -- "$D/preau.jpg" && commit_all "$R" "photo réparée" >/dev/null
rm -rf .git/fabrique "$WORK/out" && mkdir .git/fabrique && echo x >.git/fabrique/images
"$FABRIQUE" build site --out "$WORK/out" 2>"$WORK/.err"
status "an image cache that cannot be written does not stop the build" 0 $?
contains "the build says the image cache cannot be written" "$WORK/.err" "cannot write to the image cache"
"$FABRIQUE" build site --strict --out "$WORK/out" 2>"$WORK/.err"
status "a build with nothing to do passes --strict" 0 $?
contains "the build has nothing to do" "$WORK/.err" "up to date"
lacks "a build with nothing to do does not repeat the image cache's warning" "$WORK/.err" "image cache"

# A phone's HEIC photo (iPhones' default) is accepted by its extension
# and published like the others: variants, no metadata, never the raw file.
"$IMGTOOL" make "$D/telephone.HEIC" 640 480 --private
check "imgtool wrote a HEIF file (libvips with libheif)" sh -c "head -c 12 '$D/telephone.HEIC' | grep -q ftyp"
check "exiftool reads the GPS position of the source HEIC" sh -c "exiftool -q -q -s3 -GPSLatitude '$D/telephone.HEIC' | grep -q ."
sed -i 's/^photos:$/photos:\n  - fichier: telephone.HEIC\n    alt: La fête vue d’un téléphone/' "$D/index.md"
commit_all "$R" "photo HEIC" >/dev/null
rm -rf .git/fabrique
"$FABRIQUE" build site --strict --out "$WORK/out-heic" 2>"$WORK/.err"
status "a recap with a .HEIC photo builds, --strict" 0 $?
check "its WebP variant is published" test -f "$WORK/out-heic/retours/fete-2025/telephone-480.webp"
check "its JPEG variant is published" test -f "$WORK/out-heic/retours/fete-2025/telephone-640.jpg"
check "the raw HEIC file is not published" sh -c "! find '$WORK/out-heic' -iname '*.heic' | grep -q ."
leaks=$(for f in "$WORK"/out-heic/retours/fete-2025/telephone-*; do
	exiftool -q -q -s3 -GPS:all -SerialNumber -Artist -Make -Model "$f"; done)
if [ -z "$leaks" ]; then ok "the HEIC photo's variants carry no metadata"
else not_ok "the HEIC photo's variants carry no metadata" "$leaks"; fi

# A photo's description is what a screen reader says in its place (RGAA
# 1.2, 1.3; outside tester F6): an empty one, a file name or « photo »,
# in the body or in photos:, is a warning at its place saying what to
# write, so check --strict refuses it.
sed -i 's/^    alt: La fête vue d’un téléphone$/    alt: photo/' "$D/index.md"
printf '\n![](telephone.HEIC) et ![IMG_0001.JPG](preau.jpg)\n' >>"$D/index.md"
commit_all "$R" "photos non décrites" >/dev/null
(LANGUAGE= LC_ALL=fr_FR.UTF-8 LANG=fr_FR.UTF-8 "$FABRIQUE" check site --strict) >"$WORK/.out" 2>&1
status "undescribed photos fail check --strict" 1 $?
contains "photos: alt « photo », at its place, in the editor's words" "$WORK/.out" \
	"site/retours/fete-2025/index.md:6:10: erreur : « photo » ne décrit pas la photo : décrivez ce qu’elle montre pour les personnes qui ne la voient pas"
contains "a body image without description, at its place, with what to write" "$WORK/.out" \
	"site/retours/fete-2025/index.md:14:5: erreur : cette image n’a pas de description : décrivez ce que montre la photo pour les personnes qui ne la voient pas, entre ses crochets : ![ce qu’elle montre](telephone.HEIC)"
contains "a body image described by a file name" "$WORK/.out" \
	"site/retours/fete-2025/index.md:14:40: erreur : « IMG_0001.JPG » ne décrit pas cette image"

# The same, from a computer rather than a camera (outside tester 26
# F16): the photo's own name with spaces and a copy's « (1) », with its
# extension or without; the words Word writes by itself under a pasted
# picture.  « Plan » for plan.png says what it shows.
cp "$D/preau.jpg" "$D/Photo préau 2026 (1).jpg"
printf '
![Photo préau 2026 (1).jpg](<Photo préau 2026 (1).jpg>)

![Photo préau 2026 (1)](<Photo préau 2026 (1).jpg>)

![Une image contenant extérieur, ciel, herbe  Description générée automatiquement](preau.jpg)

![Preau](preau.jpg)
' >>"$D/index.md"
commit_all "$R" "photos décrites par leur nom" >/dev/null
L=$(grep -n '^!\[Photo préau 2026 (1).jpg' "$D/index.md" | cut -d: -f1)
(LANGUAGE= LC_ALL=fr_FR.UTF-8 LANG=fr_FR.UTF-8 "$FABRIQUE" check site --strict) >"$WORK/.out" 2>&1
contains "an image described by its file's name, spaces and all" "$WORK/.out" \
	"site/retours/fete-2025/index.md:$L:30: erreur : « Photo préau 2026 (1).jpg » ne décrit pas cette image"
contains "... or by that name without its extension" "$WORK/.out" \
	"site/retours/fete-2025/index.md:$((L + 2)):26: erreur : « Photo préau 2026 (1) » ne décrit pas cette image"
contains "... or by Word's automatic description" "$WORK/.out" \
	"site/retours/fete-2025/index.md:$((L + 4)):84: erreur : « Une image contenant extérieur, ciel, herbe  Description générée automatiquement » ne décrit pas cette image"
lacks "« Preau » for preau.jpg: a word that describes it" "$WORK/.out" "index.md:$((L + 6)):"

# A photo in a page's text (outside tester F6): made by the photo stage
# into the same variants as photos: (no metadata, never the raw file),
# shown as a <picture> for the column's width, with its size (the page
# does not jump as it loads), loaded when scrolled near, except a first
# image at the top of the text; its thumbnails are not precached (the
# service worker's budget goes to pages).  Editing only the photo
# refreshes the page in an edit build.
R2=$WORK/repo2
mkmini "$R2"
cd "$R2" || exit 1
"$IMGTOOL" make site/pages/pierres.jpg 2000 1500 --private
"$IMGTOOL" make site/pages/bief.jpg 1200 800 --orientation 6 --private
printf -- '---\ntitre: Le lavoir\n---\n![Le lavoir restauré, ses pierres propres](pierres.jpg)\n\nLe bief, plus bas :\n\n![Le bief curé, vu du pont](bief.jpg)\n' >site/pages/lavoir.md
commit_all "$R2" "photos dans le texte" >/dev/null
rm -rf .git/fabrique
"$FABRIQUE" build site --strict --out "$WORK/out2" -v 2>"$WORK/.err"
status "a page with photos in its text builds, --strict" 0 $?
contains "the text's photos go through the photo stage before rendering" "$WORK/.err" "photos: 3 images, 3 decoded"
H=$WORK/out2/lavoir/index.html
P=/pages
contains "a text's photo gets its WebP widths and sizes" "$H" \
	"<picture><source type=\"image/webp\" srcset=\"$P/pierres-480.webp 480w, $P/pierres-960.webp 960w, $P/pierres-1600.webp 1600w\" sizes=\"(min-width: 44rem) 42rem, calc(100vw - 2rem)\">"
contains "and its JPEG widths, the size of its largest variant, decoded off the main thread" "$H" \
	"alt=\"Le lavoir restauré, ses pierres propres\" srcset=\"$P/pierres-480.jpg 480w, $P/pierres-960.jpg 960w, $P/pierres-1600.jpg 1600w\" sizes=\"(min-width: 44rem) 42rem, calc(100vw - 2rem)\" width=\"1600\" height=\"1200\" decoding=\"async\"></picture>"
contains "a photo further down the text loads when scrolled near, upright size" "$H" \
	"srcset=\"$P/bief-480.jpg 480w, $P/bief-800.jpg 800w\" sizes=\"(min-width: 44rem) 42rem, calc(100vw - 2rem)\" width=\"800\" height=\"1200\" loading=\"lazy\" decoding=\"async\"></picture>"
lacks "the first photo, at the top of the text, is not lazy" "$H" 'pierres-1600.jpg 1600w" sizes="(min-width: 44rem) 42rem, calc(100vw - 2rem)" width="1600" height="1200" loading'
for f in pierres-480.webp pierres-960.jpg pierres-1600.jpg bief-480.webp bief-800.jpg; do
	check "the text's photo variant $f is published" test -f "$WORK/out2/pages/$f"
done
check "the raw photo of a text is not published" test ! -e "$WORK/out2/pages/pierres.jpg"
leaks=$(for f in "$WORK"/out2/pages/pierres-* "$WORK"/out2/pages/bief-*; do
	exiftool -q -q -s3 -GPS:all -SerialNumber -BodySerialNumber -Artist -Make -Model -Orientation -XMP:all "$f"; done)
if [ -z "$leaks" ]; then ok "the text's photo variants carry no metadata"
else not_ok "the text's photo variants carry no metadata" "$leaks"; fi
lacks "a text's photo thumbnails are not precached" "$WORK/out2/sw.js" "pages/pierres-480"
lacks "nor those of the other one" "$WORK/out2/sw.js" "pages/bief-480"
contains "the gallery's thumbnails still are" "$WORK/out2/sw.js" "fete-2025/lavoir-40.webp"
"$FABRIQUE" check site --strict >"$WORK/.out" 2>&1
status "check --strict knows the text's photos (from the cache)" 0 $?

# only the photo changes: the edit build remakes it and the page
"$IMGTOOL" make site/pages/pierres.jpg 1000 750 --private
commit_all "$R2" "photo des pierres remplacée" >/dev/null
"$FABRIQUE" build site --strict --out "$WORK/out2" -v 2>"$WORK/.err"
status "the edit build with only a text's photo changed" 0 $?
contains "the edit build renders the page again" "$WORK/.err" "1 rendered"
contains "the page shows the new photo's size" "$H" "$P/pierres-1000.jpg 1000w\" sizes=\"(min-width: 44rem) 42rem, calc(100vw - 2rem)\" width=\"1000\" height=\"750\""
check "the new photo's variant is published" test -f "$WORK/out2/pages/pierres-1000.webp"
check "the old photo's widest variant is gone" test ! -e "$WORK/out2/pages/pierres-1600.jpg"

# A text's photo written from the site's root, or with the site's full
# address (copied from the browser's bar), is the same photo as one
# written relative to the page: the same <picture> and variants, never
# the whole file (it kept a plain <img> of it), also inside a link to
# itself (an image written relative to the page had its picture there).
"$IMGTOOL" make site/pages/haie.jpg 1600 1200 --private
"$IMGTOOL" make site/pages/preau.jpg 1200 900 --private
"$IMGTOOL" make site/pages/mare.jpg 1000 750 --private
printf -- '---\ntitre: Les haies\n---\nAu bord du chemin :\n\n![La haie plantée, depuis la racine](/pages/haie.jpg)\n\n![La mare, par l’adresse du site](https://jc.villeneuve-test.fr/pages/mare.jpg)\n\n[![Le préau repeint, en grand](/pages/preau.jpg)](/pages/preau.jpg)\n' >site/pages/haies.md
commit_all "$R2" "photos écrites depuis la racine" >/dev/null
"$FABRIQUE" build site --strict --out "$WORK/out2" 2>"$WORK/.err"
status "photos from the site's root and its full address build, --strict" 0 $?
H=$WORK/out2/haies/index.html
contains "a photo from the site's root gets its <picture>" "$H" \
	"<picture><source type=\"image/webp\" srcset=\"$P/haie-480.webp 480w, $P/haie-960.webp 960w, $P/haie-1600.webp 1600w\" sizes=\"(min-width: 44rem) 42rem, calc(100vw - 2rem)\"><img src=\"$P/haie-1600.jpg\" alt=\"La haie plantée, depuis la racine\" srcset=\"$P/haie-480.jpg 480w, $P/haie-960.jpg 960w, $P/haie-1600.jpg 1600w\""
contains "a photo by the site's full address gets its <picture>, the same as from the page" "$H" \
	"<picture><source type=\"image/webp\" srcset=\"$P/mare-480.webp 480w, $P/mare-960.webp 960w, $P/mare-1000.webp 1000w\" sizes=\"(min-width: 44rem) 42rem, calc(100vw - 2rem)\"><img src=\"$P/mare-1000.jpg\" alt=\"La mare, par l’adresse du site\""
contains "a photo from the root inside a link to itself gets its <picture>" "$H" \
	"<a href=\"$P/preau-1200.jpg\"><picture><source type=\"image/webp\" srcset=\"$P/preau-480.webp 480w, $P/preau-960.webp 960w, $P/preau-1200.webp 1200w\""
lacks "no plain <img> of a whole photo" "$H" '<img src="/pages/haie.jpg"'
for f in haie-480.webp haie-960.jpg mare-480.webp; do
	check "the rooted photo's variant $f is published" test -f "$WORK/out2/pages/$f"
done
check "the raw photo written from the root is not published" test ! -e "$WORK/out2/pages/haie.jpg"
check "nor the one written with the site's address" test ! -e "$WORK/out2/pages/mare.jpg"

# a photo block copied and its file name left (outside tester 29 F7):
# a warning at the second « fichier », naming the first one's line
cd "$R" || exit 1
cat >"$D/index.md" <<'T'
---
titre: Le lavoir nettoyé
edition: 2025
photos:
  - fichier: lavoir.png
    alt: Le lavoir aux pierres propres
  - fichier: preau.jpg
    alt: Le préau repeint, en hauteur
  - fichier: preau.jpg
    alt: Les enfants arrosent les bacs
---
Merci à tous.
T
commit_all "$R" "photo copiée" >/dev/null
(LANGUAGE= LC_ALL=fr_FR.UTF-8 "$FABRIQUE" check site) >"$WORK/.out" 2>"$WORK/.err"
contains "a file listed twice: said at the second, with the first's line" "$WORK/.err" \
	"site/retours/fete-2025/index.md:9:14: avertissement : « preau.jpg » est déjà l’élément n° 2 de « photos » (ligne 7) : il serait montré deux fois ; si c’était un autre fichier, écrivez son nom"
n=$(grep -c "est déjà l’élément" "$WORK/.err")
status "said once" 1 "$n"
"$FABRIQUE" check site --strict >"$WORK/.out" 2>"$WORK/.err"
status "check --strict exits 1" 1 $?
contains "check --strict (the hooks) makes it an error" "$WORK/.err" \
	"site/retours/fete-2025/index.md:9:14: error: 'preau.jpg' is already item 2 of 'photos' (line 7)"
