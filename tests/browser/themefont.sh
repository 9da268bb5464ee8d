#!/bin/sh
# A site's own theme files make no third-party request (outside tester 30
# F10): a site made by `fabrique init`, in a repository of its own,
# copies base.mustache and calls a font copied into theme/assets/fonts/
# from site.css by url(../fonts/…), as check advises instead of Google
# Fonts; built with the uninstalled binary, its home page is opened in
# headless Chromium (tests/browser/themefont.mjs).  Needs chromium and
# the npm packages of tests/browser/package.json (installed with npm ci
# when missing).
. "$(dirname "$0")/../lib.sh"
HERE=$TOP/tests/browser

if [ ! -d "$HERE/node_modules/playwright-core" ]; then
	(cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error) >"$WORK/npm.log" 2>&1 ||
		{ not_ok "npm ci in tests/browser" "$(tail -n 20 "$WORK/npm.log")"; exit 0; }
fi

starter_site
mkdir -p theme/templates theme/assets/css theme/assets/fonts
cp "$TOP/themes/commune/templates/base.mustache" theme/templates/
# any bytes will do: the browser asks for the file, which is what counts
printf 'wOF2 police de la commune' >theme/assets/fonts/Marianne.woff2
printf '@font-face { font-family: Marianne; src: url(../fonts/Marianne.woff2) format("woff2"); }\nbody { font-family: Marianne, sans-serif; }\n' >theme/assets/css/site.css
$GIT add -A && $GIT commit -qm "Notre police"
"$FABRIQUE" check --strict >"$WORK/.out" 2>&1
if grep -q 'theme/' "$WORK/.out"; then not_ok "check says nothing of the clean override" "$(grep theme/ "$WORK/.out")"
else ok "check says nothing of the clean override"; fi
"$FABRIQUE" build --out "$WORK/out" -q 2>"$WORK/.err"
status "the site builds" 0 $?
[ -f "$WORK/out/index.html" ] || exit 0
node "$HERE/themefont.mjs" "$WORK/out" 2>"$WORK/node.err" ||
	not_ok "themefont.mjs ran" "$(tail -n 20 "$WORK/node.err")"
