#!/bin/sh
# The photo pipeline, through tests/imgtool (built as build/imgtool, or
# beside $FABRIQUE for the sanitizer build) until "fabrique build" calls
# it: no metadata survives (checked with exiftool), EXIF rotation is
# applied, a second run is served by the cache, a corrupt entry is
# rebuilt, each bad input gets its message, and the cache can be emptied.
. "$(dirname "$0")/../lib.sh"

IMGTOOL=${IMGTOOL:-$(dirname "$FABRIQUE")/imgtool}
[ -x "$IMGTOOL" ] || IMGTOOL=$TOP/build/imgtool
if [ ! -x "$IMGTOOL" ]; then
	not_ok "images: imgtool is built" "missing: make build/imgtool"
	exit 0
fi
if ! command -v exiftool >/dev/null 2>&1; then
	not_ok "images: exiftool is installed" \
		"apt-get install libimage-exiftool-perl (tests/deps.sh check)"
	exit 0
fi

cd "$WORK" || exit 1
mkdir -p src

# A phone photo: stored 1200x900 with EXIF orientation 6 (turn 90 degrees
# clockwise), GPS position, camera serial, owner's name in EXIF, XMP and
# IPTC, and an ICC profile.
"$IMGTOOL" make src/photo.jpg 1200 900 --orientation 6 --private --texture 7
exiftool -q -q -overwrite_original -IPTC:By-line="Jeanne Exemple" \
	-IPTC:City="Saint-Exemple" -GPSAltitude=35 -GPSAltitudeRef=0 \
	-XMP:Creator="Jeanne Exemple" src/photo.jpg
exiftool -s -GPSLatitude -SerialNumber -By-line -Orientation -ICC_Profile:all \
	src/photo.jpg >.src-tags
contains "images: the test photo carries GPS" .src-tags "GPSLatitude"
contains "images: the test photo carries a serial" .src-tags "SN-4242-SECRET"
contains "images: the test photo carries IPTC" .src-tags "Jeanne Exemple"
"$IMGTOOL" make src/logo.png 300 200

listing() { for f in "$@"; do echo "$(git hash-object "$f") $f"; done; }
listing src/photo.jpg src/logo.png >list

# stat_of KEY FILE: a number from imgtool's statistics line.
stat_of() { head -n 1 "$2" | tr ' ' '\n' | sed -n "s/^$1=//p"; }

"$IMGTOOL" batch --out out1 --cache cache --widths 480,960,1600 --jobs 2 \
	<list >.run1 2>"$WORK/.err"
status "images: first run succeeds" 0 $?
status "images: first run makes 6 variants" 6 "$(stat_of misses .run1)"
for f in photo-480.webp photo-480.jpg photo-900.webp photo-900.jpg \
	logo-300.webp logo-300.jpg; do
	[ -s "out1/src/$f" ] && ok "images: out1/src/$f written" ||
		not_ok "images: out1/src/$f written" "$(ls out1/src)"
done

# Only these exiftool groups may appear: facts about the file itself.
for f in out1/src/*; do
	exiftool -a -G1 -s "$f" >.tags 2>&1
	extra=$(grep -v '^\[\(ExifTool\|System\|File\|JFIF\|RIFF\|Composite\)\]' .tags)
	if [ -z "$extra" ]; then ok "images: no metadata in $f"; else
		not_ok "images: no metadata in $f" "$extra"; fi
	lacks "images: no GPS in $f" .tags "GPS"
done

# Upright: 900x1200 turned to 480x640, the red corner now top-right.
"$IMGTOOL" info out1/src/photo-480.jpg 477 2 >.info
contains "images: rotated photo is upright" .info "size 480 640 3"
red=$(sed -n 's/^pixel \([0-9]*\) \([0-9]*\) \([0-9]*\)/\1 \2 \3/p' .info)
set -- $red
if [ "${1:-0}" -gt 180 ] && [ "${2:-255}" -lt 90 ] && [ "${3:-255}" -lt 90 ]; then
	ok "images: red corner went top-right"
else
	not_ok "images: red corner went top-right" "pixel: $red"
fi

# Second run: everything from the cache, identical files.
"$IMGTOOL" batch --out out2 --cache cache --widths 480,960,1600 <list >.run2 2>"$WORK/.err"
status "images: second run succeeds" 0 $?
status "images: second run decodes nothing" 0 "$(stat_of decoded .run2)"
status "images: second run makes nothing" 0 "$(stat_of misses .run2)"
status "images: second run hits all 6" 6 "$(stat_of hits .run2)"
same_tree "images: second run gives the same files" out1 out2

# A truncated and a damaged cache entry are rebuilt, to the same bytes.
entry=$(find cache -name '*-480-q80-v1.jpg' | head -n 1)
head -c 1000 "$entry" >.cut && cp .cut "$entry"
entry=$(find cache -name '*-300-q80-e4-v1.webp' | head -n 1)
printf 'XXXX' | dd of="$entry" bs=1 seek=200 conv=notrunc 2>/dev/null
"$IMGTOOL" batch --out out3 --cache cache --widths 480,960,1600 <list >.run3 2>"$WORK/.err"
status "images: corrupt entries rebuilt" 2 "$(stat_of rebuilt .run3)"
status "images: the others still hit" 4 "$(stat_of hits .run3)"
same_tree "images: rebuilt files are identical" out1 out3

# Bad input: each named with its own message; never a hang.
: >src/empty.jpg
head -c 3000 src/photo.jpg >src/cut.jpg
echo '<html>not a photo</html>' >src/page.jpg
printf '%%PDF-1.4\n%%\342\343\317\323\n' >src/doc.jpg
"$IMGTOOL" bomb src/bomb.png 30000 30000
cp src/logo.png src/logo-named.jpg
listing src/empty.jpg src/cut.jpg src/page.jpg src/doc.jpg src/bomb.png \
	src/logo-named.jpg src/photo.jpg >badlist
timeout 120 "$IMGTOOL" batch --out out4 --cache cache <badlist >.run4 2>"$WORK/.err"
status "images: bad input fails the run" 1 $?
status "images: five images refused" 5 "$(stat_of failed .run4)"
contains "images: empty file" "$WORK/.err" "src/empty.jpg: error: this image file is empty (0 bytes)"
contains "images: truncated JPEG" "$WORK/.err" "src/cut.jpg: error: this image is damaged or truncated"
contains "images: not an image" "$WORK/.err" "src/page.jpg: error: this file is not an image in a supported format"
contains "images: unsupported format" "$WORK/.err" "src/doc.jpg: error: this file is a PDF document"
contains "images: decompression bomb" "$WORK/.err" "src/bomb.png: error: this image is 30000 x 30000 pixels (900 megapixels), above the limit of 100 megapixels"
contains "images: content does not match the name" "$WORK/.err" "src/logo-named.jpg: warning: this file's name says JPEG but it holds a PNG image"
lacks "images: no libvips noise" "$WORK/.err" "VIPS"
"$IMGTOOL" batch --out out5 --cache cache --max-mp 0.5 <list >.run5 2>"$WORK/.err"
contains "images: the pixel limit is configurable" "$WORK/.err" "src/photo.jpg: error: this image is 900 x 1200 pixels (1 megapixels), above the limit of 0.5 megapixels"

# No progress bar when stderr is not a terminal.
lacks "images: no progress bar off a terminal" "$WORK/.err" "images 1/"

# Emptying the cache.
"$IMGTOOL" clean cache >.clean
if grep -q '^removed [1-9]' .clean && [ -z "$(find cache -mindepth 1 -type d)" ]; then
	ok "images: cache clean empties the cache"
else
	not_ok "images: cache clean empties the cache" "$(cat .clean)" "$(find cache)"
fi
