#!/bin/sh
# A panorama is published large enough to read (outside tester 22 F4): a
# 12000 x 2000 photo came out at most 1600 x 267, a strip.  A photo wider
# than 2:1 now gets one more, larger size: its short side at least 800 px
# (half the theme's widest, 1600), without more pixels than a 1600 x 1200
# photo, nor more than it has; srcset, width/height and the lightbox's
# link follow.  Photos up to 2:1 (4:3, 16:9, 2:1) and tall ones keep
# exactly the sizes they had (the golden site's photos too).
. "$(dirname "$0")/../lib.sh"

IMGTOOL=$(dirname "$FABRIQUE")/imgtool
[ -x "$IMGTOOL" ] || IMGTOOL=$TOP/build/imgtool
R=$WORK/repo
mkmini "$R"
cd "$R" || exit 1
D=site/retours/fete-2025
"$IMGTOOL" make "$D/PANO_1.JPG" 6000 1000 --private --texture 99
"$IMGTOOL" make "$D/bourg.jpg" 3000 1000
"$IMGTOOL" make "$D/etroit.jpg" 2400 300
"$IMGTOOL" make "$D/photo.jpg" 2000 1500
"$IMGTOOL" make "$D/large.jpg" 3200 1600
"$IMGTOOL" make "$D/clocher.jpg" 500 3000
{
	printf -- '---\ntitre: Le lavoir nettoyé\nedition: 2025\nphotos:\n'
	printf '  - fichier: lavoir.png\n    alt: Le lavoir\n'
	for f in PANO_1.JPG bourg.jpg etroit.jpg photo.jpg large.jpg clocher.jpg; do
		printf '  - fichier: %s\n    alt: Vue %s\n' "$f" "${f%.*}"
	done
	printf -- '---\nMerci à tous.\n'
} >"$D/index.md"
commit_all "$R" "Un panorama" >/dev/null
"$FABRIQUE" build site --out "$WORK/out" 2>"$WORK/.err"
status "the site with a panorama builds" 0 $?
O=$WORK/out/retours/fete-2025

sizes() { # the widths published for a photo's base name, in order
	(cd "$O" && ls "$1"-*.jpg | sed "s/^$1-\([0-9]*\)\.jpg$/\1/" | sort -n | tr '\n' ' ')
}
dims() { "$IMGTOOL" info "$1" | sed -n 's/^size \([0-9]*\) \([0-9]*\).*/\1x\2/p'; }
same() { # same NAME EXPECTED ACTUAL
	if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "expected: $2" "got: $3"; fi
}

same "a 6:1 panorama gets one larger size" "480 960 1600 3394 " "$(sizes PANO_1)"
same "its largest is 3394 x 566 (a 1600 x 1200 photo's pixels), not 1600 x 267" \
    3394x566 "$(dims "$O/PANO_1-3394.jpg")"
same "in WebP too" 3394x566 "$(dims "$O/PANO_1-3394.webp")"
same "a 3:1 photo: short side 800 px" "480 960 1600 2400 " "$(sizes bourg)"
same "  (2400 x 800)" 2400x800 "$(dims "$O/bourg-2400.jpg")"
same "an 8:1 photo smaller than that: its own width, never upscaled" "480 960 1600 2400 " "$(sizes etroit)"
same "a 4:3 photo keeps its sizes" "480 960 1600 " "$(sizes photo)"
same "a 2:1 photo keeps its sizes" "480 960 1600 " "$(sizes large)"
same "  (1600 x 800)" 1600x800 "$(dims "$O/large-1600.jpg")"
same "a tall photo keeps its sizes" "480 500 " "$(sizes clocher)"

contains "srcset lists the larger size (WebP)" "$O/index.html" \
    '/retours/fete-2025/PANO_1-1600.webp 1600w, /retours/fete-2025/PANO_1-3394.webp 3394w"'
contains "srcset lists the larger size (JPEG)" "$O/index.html" \
    '/retours/fete-2025/PANO_1-1600.jpg 1600w, /retours/fete-2025/PANO_1-3394.jpg 3394w"'
contains "width and height are the largest size's" "$O/index.html" \
    'width="3394" height="566" alt="Vue PANO_1"'
contains "the photo's link (the lightbox without JavaScript) is the largest size" "$O/index.html" \
    '<a class="photo" href="/retours/fete-2025/PANO_1-3394.jpg">'
contains "a 4:3 photo's link is unchanged" "$O/index.html" \
    '<a class="photo" href="/retours/fete-2025/photo-1600.jpg">'
