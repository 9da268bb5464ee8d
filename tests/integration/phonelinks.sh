#!/bin/sh
# Phone numbers written in Markdown pages become tel: links (phonelink.c):
# the usual French shapes, the text as written, the international tel:
# address; none in code, in a link's text, in an image's description;
# none for a referent's number the content model keeps private (the
# text does not publish it, see markdown.sh); a public one is linked.
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
mkmini "$R"
cd "$R" || exit 1
cat >site/pages/contact.md <<'M'
---
titre: Contact
---
Mairie : 02 61 91 40 20, ou le 02.61.91.40.21 ; d'un portable étranger,
+33 2 61 91 40 22.

Le code `02 61 91 40 23` ne change pas, ni [le 02 61 91 40 24](/contact/).

    02 61 91 40 25
M
cat >site/ateliers/planter-des-haies.md <<'M'
---
titre: Planter des haies
benevoles: 5
referents:
  - nom: Claire
    tel: 06 12 34 56 78
  - nom: Ahmed
    tel: 06.98.76.54.32
    public: oui
---
Claire (06 12 34 56 78) ou Ahmed (06 98 76 54 32) vous répondent.
M
commit_all "$R" "numéros" >/dev/null
"$FABRIQUE" build site --out "$WORK/out" -q 2>"$WORK/.err"
status "the site builds" 0 $?

C=$WORK/out/contact/index.html
contains "spaced: a tel: link, the text as written" "$C" '<a href="tel:+33261914020">02 61 91 40 20</a>'
contains "dotted" "$C" '<a href="tel:+33261914021">02.61.91.40.21</a>'
contains "international" "$C" '<a href="tel:+33261914022">+33 2 61 91 40 22</a>'
lacks "not in code" "$C" 'tel:+33261914023'
contains "code as written" "$C" '<code>02 61 91 40 23</code>'
lacks "not in a link" "$C" 'tel:+33261914024'
contains "the link as written" "$C" '<a href="/contact/">le 02 61 91 40 24</a>'
lacks "not in a code block" "$C" 'tel:+33261914025'

H=$WORK/out/ateliers/planter-des-haies/index.html
lacks "a private referent's number written in the text stays text" "$H" 'tel:+33612345678'
lacks "nor published" "$H" '06 12 34 56 78'
contains "a public referent's number is linked" "$H" '<a href="tel:+33698765432">06 98 76 54 32</a>'

# A number in a page's text that is no published contact may be a private
# person's (outside tester F17): a question, at its place; an error with
# --strict.  The mairie's pages (kind page: telephones_publics) and the
# numbers the content model publishes (Ahmed's, public: oui) are not asked.
lacks "the mairie's pages: no question" "$WORK/.err" "site/pages/contact.md"
lacks "a public referent's number: no question" "$WORK/.err" "06 98 76 54 32"
cat >>site/patrimoine/lavoir.md <<'M'

Raconté par Germaine, 12 rue des Lilas,
tél 02 47 12 34 56.
M
commit_all "$R" "témoin" >/dev/null
(LANGUAGE= LC_ALL=fr_FR.UTF-8 LANG=fr_FR.UTF-8 "$FABRIQUE" check site --strict) >"$WORK/.out" 2>&1
status "a witness's number fails check --strict" 1 $?
contains "asked at its place, in the editor's words" "$WORK/.out" \
	"site/patrimoine/lavoir.md:12:5: erreur : « 02 47 12 34 56 » dans le texte est un numéro de téléphone : est-ce le numéro d’un particulier ? Il sera publié."
lacks "asked once" "$WORK/.out" "site/pages/contact.md"
