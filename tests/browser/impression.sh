#!/bin/sh
# A workshop printed for the notice board (outside tester 25 F11): the
# example site with three workshops as editors write them — a landscape
# photo from a phone (2000 x 1500), a portrait one (1500 x 2000), no photo
# — each with one partner, the sign-up block and two lines of text, built
# from a git repository with the uninstalled binary before the day (sign-up
# open), then each printed by Chromium to an A4 PDF (impression.mjs): one
# page each, the photo on it, whole and unsquashed; axe-core (WCAG A/AA) on
# the landscape one on screen in both schemes.  PDFs in tests/artifacts/.
# Needs chromium, pdfinfo and the npm packages of tests/browser/package.json.
. "$(dirname "$0")/../lib.sh"
HERE=$TOP/tests/browser
ART=${FABRIQUE_ARTIFACTS:-$TOP/tests/artifacts}

if [ ! -d "$HERE/node_modules/playwright-core" ] || [ ! -d "$HERE/node_modules/axe-core" ]; then
	(cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error) >"$WORK/npm.log" 2>&1 ||
		{ not_ok "npm ci in tests/browser" "$(tail -n 20 "$WORK/npm.log")"; exit 0; }
fi
IMGTOOL=$(dirname "$FABRIQUE")/imgtool
[ -x "$IMGTOOL" ] || IMGTOOL=$TOP/build/imgtool

example_repo
A=$C/ateliers
# atelier SLUG TITLE [IMAGE]: a typical workshop, as the tester's
# « Réparer les vélos ».
atelier() {
	{
		printf -- '---\ntitre: %s\nresume: On répare ensemble, on apprend en réparant.\n' "$2"
		printf 'edition: 2026\ndebut: "14:00"\nfin: "17:00"\n'
		printf 'lieu:\n  nom: Garage municipal\n  adresse: 2 rue du Port, 37465 Saint-Aubin-des-Levées\n'
		printf 'categorie: renovation\nbenevoles: 6\nstatut: confirme\n'
		printf 'partenaires:\n  - nom: La Rustine\n    role: atelier vélo associatif\n'
		[ -z "${3-}" ] || printf 'image: %s\nimage_alt: Un vélo retourné sur sa selle, roue avant démontée\n' "$3"
		printf -- '---\n\nApportez votre vélo : on le répare ensemble.\n'
		printf 'Chambres à air, patins et câbles sont fournis par La Rustine.\n'
	} >"$A/$1.md"
}
"$IMGTOOL" make "$A/IMG_2041.jpg" 2000 1500 --texture 41 --private
"$IMGTOOL" make "$A/IMG_2042.jpg" 1500 2000 --texture 42 --private
atelier reparer-les-velos 'Réparer les vélos' IMG_2041.jpg
atelier reparer-les-velos-portrait 'Réparer les vélos, en portrait' IMG_2042.jpg
atelier reparer-les-velos-sans-photo 'Réparer les vélos, sans photo'
commit_all "$R" "Trois ateliers vélo" >/dev/null
(cd "$R" && SOURCE_DATE_EPOCH=$(date -u -d 2026-04-01T12:00:00Z +%s) \
	"$FABRIQUE" build content --out "$OUT" -q) 2>"$WORK/.err"
status "the example site with three bicycle workshops builds" 0 $?
[ -f "$OUT/ateliers/reparer-les-velos/index.html" ] || exit 0
node "$HERE/impression.mjs" "$OUT" "$ART" 2>"$WORK/node.err" ||
	not_ok "impression.mjs ran" "$(tail -n 20 "$WORK/node.err")"
exit 0
