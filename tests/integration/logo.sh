#!/bin/sh
# The commune's logo (outside tester 20 F15): site.yaml's logo, when a
# photo, goes through the photo pipeline into PNG variants by height
# (48 to 192 px for the header's screens, 512 for a phone's home screen),
# metadata stripped, transparency kept, at its own proportions: the
# header's <img> has the width and height of its box at 48 px high and a
# srcset of its sizes; the browser tab's icon is a PNG, the manifest names
# the 512 one with its real size, the service worker precaches every
# header size; the whole file is never published.  A logo of 1 MB or
# more is a note at site.yaml's logo.  The site is a git repository of
# its own in a temp folder, built with the uninstalled binary.
. "$(dirname "$0")/../lib.sh"

IMGTOOL=${IMGTOOL:-$TOP/build/imgtool}
R=$WORK/repo
OUT=$WORK/out
mkmini "$R"
cd "$R" || exit 1

# 1. a big square photo logo, with a phone's metadata
"$IMGTOOL" make site/logo.jpg 3000 3000 --private >/dev/null || exit 1
printf 'logo: logo.jpg\n' >>site/site.yaml
line=$(grep -n '^logo:' site/site.yaml | cut -d: -f1)
commit_all "$R" "Un grand logo" >/dev/null
"$FABRIQUE" build site --out "$OUT" 2>"$WORK/.err" >/dev/null
status "a site with a 3000 px logo builds" 0 $?
contains "its weight is a note at site.yaml's logo" "$WORK/.err" \
    "site/site.yaml:$line:7: note: the logo site/logo.jpg weighs"
contains "the note says what is enough" "$WORK/.err" "a logo 512 px high, under 200 KB, is enough"
img=$(grep -o '<a class="site-nom"[^>]*><img[^>]*>' "$OUT/index.html")
case $img in
*'src="/logo-96.png" srcset="/logo-48.png 48w, /logo-96.png 96w, /logo-144.png 144w, /logo-192.png 192w" sizes="48px" alt="" width="48" height="48"'*)
	ok "the header's square logo: PNG sizes up to 4x, a 48 x 48 box" ;;
*) not_ok "the header's square logo: PNG sizes up to 4x, a 48 x 48 box" "$img" ;;
esac
if [ -e "$OUT/logo.jpg" ] || [ -e "$OUT/logo.png" ]; then not_ok "the whole logo is not published"
else ok "the whole logo is not published"; fi
big=$(find "$OUT" -name 'logo*' -size +1000k | head -1)
if [ -z "$big" ]; then ok "no published logo file weighs 1 MB"; else not_ok "no published logo file weighs 1 MB" "$big"; fi
contains "the browser tab's icon is the 192 px PNG" "$OUT/index.html" '<link rel="icon" href="/logo-192.png" type="image/png">'
contains "the manifest names the 512 px one with its size" "$OUT/manifest.webmanifest" \
    '{"src": "/logo-512.png", "type": "image/png", "sizes": "512x512", "purpose": "any"}'
for s in 48 96 144 192; do contains "sw.js precaches logo-$s.png" "$OUT/sw.js" "\"/logo-$s.png\""; done
"$IMGTOOL" info "$OUT/logo-96.png" >"$WORK/info96" 2>&1
contains "logo-96.png is 96 x 96" "$WORK/info96" "size 96 96"
for f in exif GPS Serial Artist xmp; do lacks "logo-96.png keeps no $f" "$WORK/info96" "$f"; done
if grep -aq -e 'SN-4242' -e 'Jeanne' -e 'Fabricam' "$OUT"/logo-*.png; then not_ok "no variant holds the phone's metadata"
else ok "no variant holds the phone's metadata"; fi

# 2. a wide transparent PNG (coat of arms + name), with an author's text
python3 - site/logo.png <<'PY'
import struct, sys, zlib
w, h = 900, 300
def chunk(t, d): return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
rows = b""
for y in range(h):
    row = b"\0"
    for x in range(w):
        inside = (x - 150) ** 2 + (y - 150) ** 2 < 140 ** 2 or (330 < x < 870 and 110 < y < 190)
        row += bytes((20, 60, 140, 255)) if inside else bytes((0, 0, 0, 0))
    rows += row
png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 6, 0, 0, 0))
       + chunk(b"tEXt", b"Author\0Helene Martin 06 12 34 56 78")
       + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))
open(sys.argv[1], "wb").write(png)
PY
git rm -q site/logo.jpg
sed -i 's/^logo: logo.jpg/logo: logo.png/' site/site.yaml
commit_all "$R" "Le logo en largeur, transparent" >/dev/null
"$FABRIQUE" build site --out "$OUT" 2>"$WORK/.err" >/dev/null
status "a site with a wide transparent logo builds" 0 $?
lacks "a light logo is no note" "$WORK/.err" "the logo site/logo.png weighs"
img=$(grep -o '<a class="site-nom"[^>]*><img[^>]*>' "$OUT/index.html")
case $img in
*'src="/logo-288.png" srcset="/logo-144.png 144w, /logo-288.png 288w, /logo-432.png 432w, /logo-576.png 576w" sizes="144px" alt="" width="144" height="48"'*)
	ok "the wide logo keeps its proportions: a 144 x 48 box" ;;
*) not_ok "the wide logo keeps its proportions: a 144 x 48 box" "$img" ;;
esac
"$IMGTOOL" info "$OUT/logo-288.png" 0 0 >"$WORK/info288" 2>&1
contains "logo-288.png is 288 x 96, with an alpha band" "$WORK/info288" "size 288 96 4"
contains "its corner stays transparent (not white)" "$WORK/info288" "pixel 0 0 0 0"
if grep -aq -e 'Helene' -e 'tEXt' "$OUT"/logo-*.png; then not_ok "the PNG's author text is not published"
else ok "the PNG's author text is not published"; fi
contains "the manifest names its tallest, 900 x 300" "$OUT/manifest.webmanifest" '"src": "/logo-900.png", "type": "image/png", "sizes": "900x300"'
lacks "the theme draws no circle around the logo" "$OUT/$(grep -o 'assets/css/style\.[0-9a-f]*\.css' "$OUT/index.html" | head -1)" "border-radius: 50%; padding: .2rem"

# 3. an SVG logo is published as it is, in a box 48 px high with the
# drawing's proportions (its viewBox, else its width and height): a 3:1
# drawing in a 48 x 48 box made the header jump once it was loaded
printf '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 30 10"><rect width="30" height="10" fill="#147"/></svg>\n' >site/logo.svg
sed -i 's/^logo: logo.png/logo: logo.svg/' site/site.yaml
commit_all "$R" "Le logo en SVG" >/dev/null
"$FABRIQUE" build site --out "$OUT" 2>"$WORK/.err" >/dev/null
status "a site with an SVG logo builds" 0 $?
contains "the SVG logo is linked as it is, its box 3:1 like its viewBox" "$OUT/index.html" '<img src="/logo.svg" alt="" width="144" height="48">'
contains "and is the tab's icon" "$OUT/index.html" '<link rel="icon" href="/logo.svg">'
svg_box() { # svg_box NAME ROOT_ATTRIBUTES EXPECTED_BOX
	printf '<?xml version="1.0"?>\n<!-- <svg viewBox="0 0 1 1"> -->\n<svg xmlns="http://www.w3.org/2000/svg" %s><rect width="30" height="10" fill="#147"/></svg>\n' "$2" >site/logo.svg
	commit_all "$R" "Logo SVG : $1" >/dev/null
	"$FABRIQUE" build site --out "$OUT" 2>"$WORK/.err" >/dev/null
	contains "an SVG logo $1: a $3 box" "$OUT/index.html" "<img src=\"/logo.svg\" alt=\"\" $3>"
}
svg_box "with a viewBox from negative coordinates and decimals" 'viewBox="-5 -2.5 100.5 50.25"' 'width="96" height="48"'
svg_box "with width and height only (px or no unit)" "width='200px' height=\"50\"" 'width="192" height="48"'
svg_box "whose viewBox wins over width and height" 'width="100%" height="100%" viewBox="0,0,40,80"' 'width="24" height="48"'
svg_box "with sizes in other units only" 'width="10cm" height="5cm"' 'width="48" height="48"'
svg_box "with no size at all (fills any box)" '' 'width="48" height="48"'
