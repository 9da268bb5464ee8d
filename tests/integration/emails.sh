#!/bin/sh
# E-mail addresses in the text of a page (outside tester 17, F1): one
# that is no published contact of the content model may be a private
# person's (a volunteer's gmail), and robots harvest the addresses of
# published pages: a question at its place, an error with --strict, as
# for phone numbers (phonelinks.sh).  The mairie's pages (kind page:
# contacts_publics) and the addresses the content model publishes (an
# edition's contacts, a referent's with public: oui) are not asked; a
# referent's private address is left out, "(adresse non publiée)".
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
mkmini "$R"
cd "$R" || exit 1
cat >>site/editions/2026.yaml <<'M'
contacts:
  - nom: Secrétariat de mairie
    email: mairie@villiers.fr
M
cat >site/pages/contact.md <<'M'
---
titre: Contact
---
Écrivez à la mairie : accueil@villiers.fr.
M
cat >site/ateliers/planter-des-haies.md <<'M'
---
titre: Planter des haies
benevoles: 5
referents:
  - nom: Claire
    email: claire.martin@gmail.com
  - nom: Ahmed
    email: ahmed@jardins-partages.fr
    public: oui
---
Écrivez à Ahmed (ahmed@jardins-partages.fr), à
[la mairie](mailto:Mairie@villiers.fr?subject=Haies) ou à Claire :
claire.martin@gmail.com.
M
commit_all "$R" "adresses" >/dev/null
(LANGUAGE= LC_ALL=fr_FR.UTF-8 LANG=fr_FR.UTF-8 "$FABRIQUE" check site) >"$WORK/.out" 2>&1
status "published and private addresses: check passes" 0 $?
lacks "the mairie's pages: no question" "$WORK/.out" "accueil@villiers.fr"
lacks "a public referent's address: no question" "$WORK/.out" "ahmed@"
lacks "an edition's contact: no question" "$WORK/.out" "airie@villiers.fr"
contains "a private referent's address: left out, said (as before)" "$WORK/.out" \
	"site/ateliers/planter-des-haies.md:13:1: avertissement : adresse électronique privée retirée"
"$FABRIQUE" build site --out "$WORK/out" -q 2>/dev/null
status "the site builds" 0 $?
H=$WORK/out/ateliers/planter-des-haies/index.html
contains "a public referent's address is linked" "$H" 'href="mailto:ahmed@jardins-partages.fr"'
lacks "a private one is not published" "$H" 'claire.martin'
contains "but said to be left out" "$H" '(adresse non publiée)'
contains "the mairie's page keeps its address" "$WORK/out/contact/index.html" 'href="mailto:accueil@villiers.fr"'

# A volunteer's address written in a story, with no referent at all.
cat >>site/patrimoine/lavoir.md <<'M'

Souvenirs recueillis par Martine au 06 12 34 56 78 ou martine.dupont@gmail.com.
M
commit_all "$R" "témoin" >/dev/null
(LANGUAGE= LC_ALL=fr_FR.UTF-8 LANG=fr_FR.UTF-8 "$FABRIQUE" check site --strict) >"$WORK/.out" 2>&1
status "a private person's address fails check --strict" 1 $?
contains "asked at its place, in the editor's words" "$WORK/.out" \
	"site/patrimoine/lavoir.md:11:55: erreur : « martine.dupont@gmail.com » dans le texte est une adresse e-mail : est-ce l’adresse d’un particulier ? Elle sera publiée. Retirez-la ou, si c’est une adresse publique (de la mairie, d’une association), indiquez-la comme « email » d’un référent avec « public: true » ou des contacts de l’édition"
contains "the phone beside it too" "$WORK/.out" \
	"site/patrimoine/lavoir.md:11:37: erreur : « 06 12 34 56 78 » dans le texte"
(LANGUAGE= LC_ALL=fr_FR.UTF-8 LANG=fr_FR.UTF-8 "$FABRIQUE" check site) >"$WORK/.out" 2>&1
status "without --strict, a warning" 0 $?
contains "said as a warning" "$WORK/.out" \
	"site/patrimoine/lavoir.md:11:55: avertissement : « martine.dupont@gmail.com » dans le texte est une adresse e-mail"
lacks "asked once" "$WORK/.out" "ahmed@"

