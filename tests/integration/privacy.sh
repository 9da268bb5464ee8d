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

# A front-matter text field is published everywhere the body is and more
# (pages, meta description, programme.json, calendars, search index):
# a private referent's number or address there is replaced, and any other
# number or address is asked about, at the field (outside tester 19 F8).
cat >site/ateliers/planter-des-haies.md <<'M'
---
titre: Planter des haies
debut: "14:00"
fin: "17:00"
categorie: nature
quartier: moulin
benevoles: 5
resume: Appelez Claire au 06 11 22 33 44 pour désherber.
lieu: Chemin du Moulin
referents:
  - nom: Claire
    email: claire.martin@orange.fr
    tel: 06 11 22 33 44
---
Des haies champêtres le long du chemin du Moulin.
M
sed -i 's/^resume: .*/&\nrdv: Chez Claire, claire.martin@orange.fr, ou au 05 55 12 34 56/' \
	site/ateliers/planter-des-haies.md
commit_all "$R" "contacts dans les champs" >/dev/null
rm -rf "$OUT"
"$FABRIQUE" build site --out "$OUT" -q 2>"$WORK/.err"
status "the site builds with contacts in its fields" 0 $?
for f in ateliers/planter-des-haies/index.html programme.json \
	ateliers/planter-des-haies/atelier.ics programme.ics recherche/index.json; do
	[ -f "$OUT/$f" ] || { not_ok "$f is published"; continue; }
	lacks "a private number in a field is not in $f" "$OUT/$f" '06 11 22 33 44'
	lacks "a private address in a field is not in $f" "$OUT/$f" 'claire.martin@orange.fr'
done
contains "the field says a number was left out" "$H" \
	'Appelez Claire au (numéro non publié) pour désherber.'
contains "the private number in resume is said at its field" "$WORK/.err" \
	"site/ateliers/planter-des-haies.md:8:9: warning: private phone number left out: "
contains "the private address in rdv is said at its field" "$WORK/.err" \
	"site/ateliers/planter-des-haies.md:9:6: warning: private e-mail address left out: "
contains "another number in a field is asked about" "$WORK/.err" \
	"site/ateliers/planter-des-haies.md:9:6: warning: '05 55 12 34 56' in the text is a phone number"
(cd "$R" && LANGUAGE= LC_ALL=fr_FR.UTF-8 LANG=fr_FR.UTF-8 "$FABRIQUE" check site) >/dev/null 2>"$WORK/.err"
contains "in French" "$WORK/.err" \
	"site/ateliers/planter-des-haies.md:9:6: avertissement : « 05 55 12 34 56 » dans le texte est un numéro de téléphone"

# Every output, not only some (outside tester 19 F8's rest): the items of
# a list of texts (a_apporter, fourni…) are published too, and
# programme.csv, the feed and the page's meta had never been looked at.
cat >site/ateliers/planter-des-haies.md <<'M'
---
titre: Planter des haies
debut: "14:00"
fin: "17:00"
categorie: nature
quartier: moulin
benevoles: 5
resume: Appelez Claire au 06 11 22 33 44 pour désherber.
rdv: Chez Claire, Claire.Martin@Orange.fr
a_apporter: ["gants", "appeler Claire 06 11 22 33 44", "écrire à claire.martin@orange.fr"]
fourni:
  - sécateurs (Claire, 06.11.22.33.44)
  - café
repli_pluie: En cas de pluie appelez le 0611223344 ou écrivez à claire.martin@orange.fr
tags: [haies, "Claire 06 11 22 33 44"]
lieu: Chemin du Moulin
referents:
  - nom: Claire
    email: claire.martin@orange.fr
    tel: 06 11 22 33 44
---
Des haies champêtres le long du chemin du Moulin.
M
commit_all "$R" "contacts dans les listes" >/dev/null
rm -rf "$OUT"
"$FABRIQUE" build site --out "$OUT" -q 2>"$WORK/.err"
status "the site builds with contacts in its lists" 0 $?
for f in ateliers/planter-des-haies/index.html programme.json programme.csv \
	programme.ics ateliers/planter-des-haies/atelier.ics flux.xml \
	recherche/index.json index.html ateliers/index.html; do
	[ -f "$OUT/$f" ] || { not_ok "$f is published"; continue; }
	for n in '06 11 22 33 44' '0611223344' '06.11.22.33.44' '+33611223344' '+33 6 11 22 33 44'; do
		lacks "the private number ($n) is not in $f" "$OUT/$f" "$n"
	done
	if grep -qi 'claire.martin@orange.fr' "$OUT/$f"; then
		not_ok "the private address is not in $f" "$(grep -oi '.\{40\}claire.martin@orange.fr.\{20\}' "$OUT/$f" | head -n 2)"
	else ok "the private address is not in $f"; fi
done
# and no file at all, the other calendars and pages included
leaks=$(grep -rliE '06[ .]?11[ .]?22[ .]?33[ .]?44|6 ?11 ?22 ?33 ?44|claire\.martin@orange\.fr' "$OUT" | sed "s|$OUT/||")
check "no published file holds the private number or address${leaks:+ (in: $leaks)}" test -z "$leaks"
names=$(cd "$OUT" && find . | grep -E '06-?11-?22-?33-?44' | head -n 3)
check "no published file is named after the number (a tag's page)${names:+: $names}" test -z "$names"
grep -o '<meta name="description"[^>]*>' "$H" >"$WORK/meta"
contains "the page's meta description says a number was left out" "$WORK/meta" '(numéro non publié)'
contains "an item of a_apporter is masked, the rest kept" "$H" 'appeler Claire (numéro non publié)'
contains "and said at its item" "$WORK/.err" \
	"site/ateliers/planter-des-haies.md:10:23: warning: private phone number left out: "
contains "an address in an item too" "$WORK/.err" \
	"site/ateliers/planter-des-haies.md:10:56: warning: private e-mail address left out: "
contains "an item of fourni on its own line" "$WORK/.err" \
	"site/ateliers/planter-des-haies.md:12:5: warning: private phone number left out: "
contains "a Markdown field (repli_pluie)" "$WORK/.err" \
	"site/ateliers/planter-des-haies.md:14:14: warning: private e-mail address left out: "
contains "a tag" "$WORK/.err" \
	"site/ateliers/planter-des-haies.md:15:15: warning: private phone number left out: "
# From 64 pages on, the fields are checked on several threads: the same
# masks, the same warnings, in the same order.
for i in $(seq 1 70); do
	printf -- '---\ntitre: Page %s\n---\nTexte.\n' "$i" >"site/pages/p$i.md"
done
commit_all "$R" "70 pages" >/dev/null
rm -rf "$OUT"
"$FABRIQUE" build site --out "$OUT" -q --jobs 2 2>"$WORK/.err2"
status "76 pages with contacts in a workshop's fields build on two threads" 0 $?
check "on two threads, the same warnings in the same order" cmp -s "$WORK/.err" "$WORK/.err2"
leaks=$(grep -rliE '06[ .]?11[ .]?22[ .]?33[ .]?44|6 ?11 ?22 ?33 ?44|claire\.martin@orange\.fr' "$OUT" | sed "s|$OUT/||")
check "on two threads, no published file holds the number or address${leaks:+ (in: $leaks)}" test -z "$leaks"
git rm -q site/pages/p*.md && commit_all "$R" "sans les 70 pages" >/dev/null
