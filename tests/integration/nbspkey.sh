#!/bin/sh
# « benevoles : 4 » typed with a non-breaking space before the colon, as
# French typing (Word, macOS) does (outside tester 20 F13): the field was
# said unknown (« benevoles  », two names that look alike) and the page
# silently lost « 5 bénévoles recherchés ».  It is read as the ordinary
# space's « benevoles : 5 » is.
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
mkmini "$R"
cd "$R" || exit 1
A=site/ateliers
sed -i "s/^benevoles: 5$/benevoles$(printf '\302\240'): 5/; s/^quartier: moulin$/quartier$(printf '\342\200\257'): moulin/" $A/planter-des-haies.md
commit_all "$R" "espaces insécables" >/dev/null
"$FABRIQUE" check site --strict >"$WORK/.out" 2>&1
status "check --strict passes" 0 $?
lacks "no unknown field" "$WORK/.out" "benevoles"
# a day before the edition, when the page asks for volunteers
SOURCE_DATE_EPOCH=$(date -d 2026-05-01 +%s) "$FABRIQUE" build site --out "$WORK/out" >"$WORK/.out" 2>&1
status "the site builds" 0 $?
contains "the page still asks for its 5 volunteers" "$WORK/out/ateliers/planter-des-haies/index.html" \
	"<dt>Bénévoles recherchés</dt><dd><strong>5</strong></dd>"
