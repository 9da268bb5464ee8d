#!/bin/sh
# The commune's logo in a browser (outside tester 20 F15): a site with a
# wide transparent PNG logo (900 x 300, « blason + nom »), built from a
# git repository with the uninstalled binary, then its header checked in
# headless Chromium (tests/browser/logo.mjs): the logo's box keeps its
# proportions, at 48 px high on a computer and 36 px on a phone, in both
# schemes.  Needs chromium and the npm packages of
# tests/browser/package.json (installed here with npm ci when missing).
. "$(dirname "$0")/../lib.sh"
HERE=$TOP/tests/browser

if [ ! -d "$HERE/node_modules/playwright-core" ] || [ ! -d "$HERE/node_modules/axe-core" ]; then
	(cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error) >"$WORK/npm.log" 2>&1 ||
		{ not_ok "npm ci in tests/browser" "$(tail -n 20 "$WORK/npm.log")"; exit 0; }
fi

R=$WORK/repo
mkmini "$R"
python3 - "$R/site/logo.png" <<'PY'
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
open(sys.argv[1], "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 6, 0, 0, 0))
      + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))
PY
printf 'logo: logo.png\n' >>"$R/site/site.yaml"
commit_all "$R" "Le logo de la commune" >/dev/null
(cd "$R" && "$FABRIQUE" build site --out "$WORK/out" -q) 2>"$WORK/.err"
status "the site with a wide logo builds" 0 $?
[ -f "$WORK/out/index.html" ] || exit 0
# the same site with a 3:1 SVG logo (a viewBox, no width or height)
R2=$WORK/repo-svg
mkmini "$R2"
printf '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 100"><rect width="300" height="100" rx="8" fill="#147"/></svg>\n' >"$R2/site/logo.svg"
printf 'logo: logo.svg\n' >>"$R2/site/site.yaml"
commit_all "$R2" "Le logo en SVG" >/dev/null
(cd "$R2" && "$FABRIQUE" build site --out "$WORK/out-svg" -q) 2>"$WORK/.err"
status "the site with an SVG logo builds" 0 $?
node "$HERE/logo.mjs" "$WORK/out" "$WORK/out-svg" 2>"$WORK/node.err" ||
	not_ok "logo.mjs ran" "$(tail -n 20 "$WORK/node.err")"
