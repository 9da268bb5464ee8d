#!/bin/sh
# Photos named as phones and Windows name them (outside tester F13): a
# « .jfif » (Windows' name for a JPEG saved from a browser) was refused as
# a page's image and, linked in the text, as a file « a browser would
# execute »; it is a JPEG libvips reads, so it goes through the photo
# pipeline like a .jpg: variants, no metadata, never the raw file.
# « .JPG » and « .JPEG » in capitals are photos too.
. "$(dirname "$0")/../lib.sh"

IMGTOOL=$(dirname "$FABRIQUE")/imgtool
[ -x "$IMGTOOL" ] || IMGTOOL=$TOP/build/imgtool
R=$WORK/repo
mkmini "$R"
cd "$R" || exit 1
A=site/ateliers
"$IMGTOOL" make "$WORK/haie.jpg" 1200 800 --private
cp "$WORK/haie.jpg" "$A/haie.jfif"
"$IMGTOOL" make "$A/bêche.JPEG" 640 480 --private
"$IMGTOOL" make "$A/plants.JPG" 640 480 --private
sed -i 's/^benevoles: 5$/benevoles: 5\nimage: haie.jfif\nimage_alt: Une haie champêtre en fleurs/' $A/planter-des-haies.md
printf '\n![La haie plantée](haie.jfif) ![Une bêche](bêche.JPEG) ![Les plants](plants.JPG)\n' >>$A/planter-des-haies.md
commit_all "$R" "photos du téléphone" >/dev/null
(LANGUAGE= LC_ALL=fr_FR.UTF-8 LANG=fr_FR.UTF-8 "$FABRIQUE" check site --strict) >"$WORK/.out" 2>&1
status "a .jfif photo passes check --strict" 0 $?
lacks "not refused as the page's image" "$WORK/.out" "haie.jfif"
"$FABRIQUE" build site --out "$WORK/out" 2>"$WORK/.err"
status "the site builds" 0 $?
O=$WORK/out/ateliers
H=$O/planter-des-haies/index.html
check "the .jfif gets WebP variants" test -f "$O/haie-960.webp"
check "and JPEG ones, named .jpg" test -f "$O/haie-960.jpg"
check "the raw .jfif is not published" test ! -e "$O/haie.jfif"
contains "the page shows the .jfif as a picture" "$H" 'srcset="/ateliers/haie-480.webp 480w'
leaks=$(exiftool -q -q -s3 -GPS:all -SerialNumber -Artist "$O/haie-960.jpg" "$O/haie-960.webp")
if [ -f "$O/haie-960.jpg" ] && [ -z "$leaks" ]; then ok "its variants carry no metadata"
else not_ok "its variants carry no metadata" "$leaks"; fi
check "a .JPEG in capitals gets variants" test -f "$O/bêche-480.webp"
check "a .JPG in capitals too" test -f "$O/plants-480.webp"
