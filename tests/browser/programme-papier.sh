#!/bin/sh
# The printed programme's QR block and sign-up box (outside tester 26 F4):
# four sites as a webmaster starts them (fabrique init, the tester's
# commune), each with an edition 2027 and two workshops (one with two
# time slots), committed, built with the uninstalled binary before the
# sign-up deadline: one way to sign up (e-mail), three (web address,
# phone, e-mail), three with a long commune address and long ones to
# sign up, and sign-up closed.  programme-papier.mjs prints each
# /programme/ to an A4 PDF in Chromium and checks the QR block (code and
# caption) overlaps neither the sign-up box nor any border, and that no
# line of the box starts with « · ».  PDFs and PNGs in tests/artifacts/.
# Needs chromium, pdftotext, pdftoppm and the npm packages of
# tests/browser/package.json.
. "$(dirname "$0")/../lib.sh"
HERE=$TOP/tests/browser
ART=${FABRIQUE_ARTIFACTS:-$TOP/tests/artifacts}

if [ ! -d "$HERE/node_modules/playwright-core" ]; then
	(cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error) >"$WORK/npm.log" 2>&1 ||
		{ not_ok "npm ci in tests/browser" "$(tail -n 20 "$WORK/npm.log")"; exit 0; }
fi

# site NAME INSCRIPTION [URL]: a site from fabrique init in $WORK/NAME,
# its edition 2027 signing up as INSCRIPTION (YAML flow mapping), built
# on 10 May 2027 into $WORK/NAME/out.
site() {
	D=$WORK/$1
	mkdir -p "$D"
	(cd "$D" && "$FABRIQUE" init journee --commune "Saint-Aubin" --insee 37214 \
		--url "${3:-https://journee.saint-aubin.fr}") >"$WORK/.err" 2>&1
	status "$1: fabrique init" 0 $?
	printf 'inscription: %s\n' "$2" >>"$D/journee/editions/2027.yaml"
	cat >"$D/journee/ateliers/planter-des-haies.md" <<'MD'
---
titre: Planter des haies
resume: Planter une haie champêtre le long du chemin des écoliers.
edition: 2027
creneaux:
  - {debut: "09:00", fin: "12:00"}
  - {debut: "14:00", fin: "17:00"}
lieu:
  nom: Chemin des écoliers
  adresse: Chemin des écoliers, 37214 Saint-Aubin
categorie: nature
benevoles: 8
statut: confirme
---
On plante ensemble une haie d'essences locales.
MD
	commit_all "$D/journee" Programme
	(cd "$D/journee" && SOURCE_DATE_EPOCH=$(date -u -d 2027-05-10T10:00:00Z +%s) \
		"$FABRIQUE" build . --out "$D/out" -q) 2>"$WORK/.err"
	status "$1: the site builds" 0 $?
}

site courriel '{email: mairie@saint-aubin.fr, date_limite: 2027-05-20}'
site trois '{email: mairie@saint-aubin.fr, tel: "02 47 00 00 00", url: "https://journee.saint-aubin.fr/pages/contact/", date_limite: 2027-05-20}'
site longues '{email: secretariat.general.mairie@saint-aubin-des-levees-sur-loire.fr, tel: "02 47 00 00 00", url: "https://www.saint-aubin-des-levees-sur-loire.fr/vie-municipale/journee-citoyenne/formulaire-d-inscription-2027/", date_limite: 2027-05-20}' \
	https://journee-citoyenne.saint-aubin-des-levees-sur-loire.fr
site closes '{email: mairie@saint-aubin.fr, date_limite: 2027-04-20}'

node "$HERE/programme-papier.mjs" "$ART" courriel:1:"$WORK/courriel/out" trois:3:"$WORK/trois/out" \
	longues:3:"$WORK/longues/out" closes:0:"$WORK/closes/out" 2>"$WORK/node.err" ||
	not_ok "programme-papier.mjs ran" "$(tail -n 20 "$WORK/node.err")"
exit 0
