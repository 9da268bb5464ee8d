#!/bin/sh
# A phone number or an e-mail address nobody said was public is not
# published without a word, wherever the editor writes it: a tel: link
# in a body (outside tester 19 F18) is asked about as the same number in
# the text is, and a private referent's number there is replaced.
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
OUT=$WORK/out
mkmini "$R"
cd "$R" || exit 1
cat >site/ateliers/planter-des-haies.md <<'M'
---
titre: Planter des haies
debut: "14:00"
fin: "17:00"
categorie: nature
quartier: moulin
benevoles: 5
resume: Une haie pour les oiseaux et les insectes du Moulin.
lieu: Chemin du Moulin
referents:
  - nom: Claire
    tel: 06 11 22 33 44
---
Appelez [Claire](tel:0611223344) ou [son fixe](tel:+33146153334).
M
commit_all "$R" "liens tel:" >/dev/null
"$FABRIQUE" build site --out "$OUT" -q 2>"$WORK/.err"
status "the site builds" 0 $?
H=$OUT/ateliers/planter-des-haies/index.html
lacks "a private referent's number in a tel: link is not published" "$H" '0611223344'
lacks "nor in its international form" "$H" '+33611223344'
contains "the link's text stays, as text" "$H" 'Appelez Claire ou'
contains "the editor is told where, and why" "$WORK/.err" \
	"site/ateliers/planter-des-haies.md:14:22: warning: private phone number left out: "
contains "another number in a tel: link gets the question a number in the text gets" "$WORK/.err" \
	"site/ateliers/planter-des-haies.md:14:52: warning: '+33146153334' in the text is a phone number: is it a private person's?"
"$FABRIQUE" check site --strict >/dev/null 2>&1
status "an error with --strict" 1 $?

