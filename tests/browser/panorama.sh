#!/bin/sh
# A panorama in the photo viewer (outside tester 22 F4): a 6000 x 1000
# photo of a recap, built from a git repository with the uninstalled
# binary, opened in headless Chromium (tests/browser/panorama.mjs) on a
# computer and on a phone held both ways: the viewer draws it tall enough
# to read, from its larger size, and scrolls it sideways (Tab, arrows);
# a 4:3 photo opens as before.  Its gallery thumbnail is the whole photo
# across the row, not a 4:3 crop (theme23).  Screenshots in tests/artifacts/.
# Needs chromium and the npm packages of tests/browser/package.json.
. "$(dirname "$0")/../lib.sh"
HERE=$TOP/tests/browser

if [ ! -d "$HERE/node_modules/playwright-core" ] || [ ! -d "$HERE/node_modules/axe-core" ]; then
	(cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error) >"$WORK/npm.log" 2>&1 ||
		{ not_ok "npm ci in tests/browser" "$(tail -n 20 "$WORK/npm.log")"; exit 0; }
fi
IMGTOOL=$(dirname "$FABRIQUE")/imgtool
[ -x "$IMGTOOL" ] || IMGTOOL=$TOP/build/imgtool

R=$WORK/repo
mkmini "$R"
D=$R/site/retours/fete-2025
"$IMGTOOL" make "$D/PANO_1.JPG" 6000 1000 --texture 99
"$IMGTOOL" make "$D/preau.jpg" 2000 1500 --texture 99
{
	printf -- '---\ntitre: Le lavoir nettoyé\nedition: 2025\nphotos:\n'
	printf '  - fichier: PANO_1.JPG\n    alt: Le bourg vu du coteau, en panorama\n'
	printf '  - fichier: preau.jpg\n    alt: Le préau repeint\n'
	printf '  - fichier: lavoir.png\n    alt: Le lavoir aux pierres propres\n'
	printf -- '---\nMerci à tous.\n'
} >"$D/index.md"
commit_all "$R" "Un panorama" >/dev/null
(cd "$R" && "$FABRIQUE" build site --out "$WORK/out" -q) 2>"$WORK/.err"
status "the site with a panorama builds" 0 $?
[ -f "$WORK/out/retours/fete-2025/index.html" ] || exit 0
node "$HERE/panorama.mjs" "$WORK/out" "$TOP/tests/artifacts" 2>"$WORK/node.err" ||
	not_ok "panorama.mjs ran" "$(tail -n 20 "$WORK/node.err")"
