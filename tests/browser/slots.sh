#!/bin/sh
# A workshop in several slots in a browser (outside tester 23 F11, F13):
# the mini site with a workshop at 8 h, 10 h 30 and 16 h, signing up by
# e-mail, built from a git repository with the uninstalled binary, read
# through Chromium's accessibility tree (tests/browser/slots.mjs): the
# programme's afternoon region holds it with its 16 h slot, the morning's
# with its three slots read apart; a card reads « …, … et … »; one
# e-mail link per slot with distinct names; axe finds nothing.
# slots25: the afternoon's count, on screen and printed; one calendar
# link and one form link per slot, named apart, each slot's calendar
# downloaded holding that slot alone.  slots33: the 10 h 30 slot
# cancelled (« statut: annule »), its « Annulé » badge beside its times:
# read with them, axe finds nothing on the workshop page and the
# programme, nor at 320 px, where the badge stays on screen without a
# sideways scroll (screenshot in tests/artifacts/).  slots34: at 320 px
# no time is cut over two lines (« 10 h » / « 30 ») on the workshop page
# and the programme, measured on each time's text range; the sign-up box
# names the cancelled slot with « Annulé » and links only the others
# (screenshot slots-annule-320-inscription.png).  Needs
# chromium and the npm packages of tests/browser/package.json.
. "$(dirname "$0")/../lib.sh"
HERE=$TOP/tests/browser
ART=${FABRIQUE_ARTIFACTS:-$TOP/tests/artifacts}

if [ ! -d "$HERE/node_modules/playwright-core" ] || [ ! -d "$HERE/node_modules/axe-core" ]; then
	(cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error) >"$WORK/npm.log" 2>&1 ||
		{ not_ok "npm ci in tests/browser" "$(tail -n 20 "$WORK/npm.log")"; exit 0; }
fi

R=$WORK/repo
mkmini "$R"
# the workshop in three slots (tests/fixtures/slots/barnums.md), shared
# with tests/integration/slots.sh; sign-up by e-mail and a form
printf 'inscription:\n  email: jc@mairie.example\n  url: "https://mairie.example/jc"\n' >>"$R/site/editions/2026.yaml"
cp "$TOP/tests/fixtures/slots/barnums.md" "$R/site/ateliers/barnums.md"
(cd "$R" && $GIT add -A &&
	GIT_COMMITTER_DATE=2026-02-01T10:00:00+01:00 $GIT commit -qm "Barnums")
(cd "$R" && "$FABRIQUE" build site --out "$WORK/out" -q) 2>"$WORK/.err"
status "the site builds" 0 $?
[ -f "$WORK/out/index.html" ] || exit 0
# the 10 h 30 slot called off (slots33)
sed -i 's/{debut: "10:30", fin: "12:00"}/{debut: "10:30", fin: "12:00", statut: annule}/' "$R/site/ateliers/barnums.md"
(cd "$R" && $GIT add -A &&
	GIT_COMMITTER_DATE=2026-02-02T10:00:00+01:00 $GIT commit -qm "Barnums : 10 h 30 annulé")
(cd "$R" && "$FABRIQUE" build site --out "$WORK/off" -q) 2>"$WORK/.err"
status "the site with a cancelled slot builds" 0 $?
node "$HERE/slots.mjs" "$WORK/out" "$WORK/off" "$ART" 2>"$WORK/node.err" ||
	not_ok "slots.mjs ran" "$(tail -n 20 "$WORK/node.err")"
