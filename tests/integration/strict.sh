#!/bin/sh
# check --strict: warnings become errors (a field-name typo cannot reach
# residents); a logo that does not exist is an error; the last line of
# check speaks the editor's language, with plurals.
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
mkmini "$R"
cd "$R" || exit 1
F=site/ateliers/repeindre-le-preau.md

"$FABRIQUE" check site 2>"$WORK/.err"
status "the fixture checks clean" 0 $?
contains "no warning: said so, in English" "$WORK/.err" "fabrique: no warning, no error"
LANGUAGE= LC_ALL=fr_FR.UTF-8 "$FABRIQUE" check site 2>"$WORK/.err"
contains "and in French" "$WORK/.err" "fabrique : aucun avertissement, aucune erreur"
contains "the build summary is French too, with plurals" "$WORK/.err" "fabrique : vérifié : "

sed -i 's/^categorie:/categori:/' "$F"
commit_all "$R" "faute de frappe"
"$FABRIQUE" check site 2>"$WORK/.err"
status "without --strict, a typo in a field name is a warning: exit 0" 0 $?
contains "one warning, singular" "$WORK/.err" "fabrique: 1 warning, no error"
LANGUAGE= LC_ALL=fr_FR.UTF-8 "$FABRIQUE" check site 2>"$WORK/.err"
contains "un avertissement, au singulier" "$WORK/.err" "fabrique : 1 avertissement, aucune erreur"
"$FABRIQUE" check --strict site 2>"$WORK/.err"
status "with --strict, the same typo fails the check: exit 1" 1 $?
contains "it is reported as an error, at its place" "$WORK/.err" \
	"$F:6:1: error: 'categori' is not a field of atelier; did you mean 'categorie'?"
lacks "no summary claims success" "$WORK/.err" "no error"
# the last line still counts what to correct (tester17 F4: a failed
# check --strict ended on its last error, with no count)
check "the last line counts the errors, singular" test "$(tail -n 1 "$WORK/.err")" = "fabrique: 1 error, no warning"
LANGUAGE= LC_ALL=fr_FR.UTF-8 "$FABRIQUE" check --strict site 2>"$WORK/.err"
check "la dernière ligne compte les erreurs, en français" test "$(tail -n 1 "$WORK/.err")" = "fabrique : 1 erreur, aucun avertissement"
OUT=$WORK/public
"$FABRIQUE" build --strict site --out "$OUT" 2>"$WORK/.err"
status "build --strict refuses to publish it" 1 $?
check "nothing was published" test ! -e "$OUT"
(cd "$R" && $GIT reset -q --hard HEAD~1)

sed -i 's/^logo: .*/logo: blason-absent.svg/' site/site.yaml
grep -q '^logo:' site/site.yaml || echo "logo: blason-absent.svg" >>site/site.yaml
commit_all "$R" "logo absent"
LANGUAGE= LC_ALL=fr_FR.UTF-8 "$FABRIQUE" check site 2>"$WORK/.err"
status "a logo that does not exist fails the check" 1 $?
contains "the editor is told which file is missing and what to do" "$WORK/.err" \
	"« blason-absent.svg » n’existe pas dans le dossier du site ; mettez-y le fichier du logo, ou corrigez son nom"
(cd "$R" && $GIT reset -q --hard HEAD~1)

# A page saved under another ending (Notepad's .md.txt, .MD, .markdown)
# was left out without a word: a warning names the file and the name to
# give it, and --strict refuses.
cp "$F" site/ateliers/velo.md.txt
cp "$F" site/ateliers/Peindre.MD
cp "$F" site/ateliers/planter.markdown
printf 'notes\n' >site/ateliers/notes.txt
commit_all "$R" "pages mal nommées"
LANGUAGE= LC_ALL=fr_FR.UTF-8 "$FABRIQUE" check site 2>"$WORK/.err"
status "pages under another ending: a warning, exit 0" 0 $?
contains "velo.md.txt: named, with the name to give it, in French" "$WORK/.err" \
	"site/ateliers/velo.md.txt: avertissement : ce fichier n’est pas publié : le nom d’une page finit par .md ; renommez-le velo.md"
contains "Peindre.MD: the same" "$WORK/.err" "renommez-le Peindre.md"
contains "planter.markdown: the same" "$WORK/.err" "renommez-le planter.md"
lacks "a text file that is no page is left alone" "$WORK/.err" "notes"
"$FABRIQUE" check --strict site 2>"$WORK/.err"
status "--strict refuses them" 1 $?
contains "in English too" "$WORK/.err" "site/ateliers/velo.md.txt: error: this file is not published: a page's name ends in .md; rename it velo.md"

# One check says every error (tester18 F1): a colour of too low contrast
# is a warning found once the content is loaded, so with --strict it was
# left out whenever the content had another error, and the push was
# refused a second time for it once the others were fixed.
rm site/ateliers/velo.md.txt site/ateliers/Peindre.MD site/ateliers/planter.markdown site/ateliers/notes.txt
printf 'couleurs:\n  principale: "#f0c000"\n' >>site/site.yaml
commit_all "$R" "couleur claire"
"$FABRIQUE" check --strict site 2>"$WORK/.err"
status "alone, the low contrast fails --strict" 1 $?
contains "said at the colour" "$WORK/.err" "site/site.yaml:$(grep -c '' site/site.yaml):15: error: couleurs.principale #f0c000 has a contrast of only 1.5:1"
contains "an error's advice does not speak of a warning" "$WORK/.err" "(choose a darker colour for the theme to keep yours)"
sed -i 's/^categorie:/categori:/' "$F"
commit_all "$R" "faute de frappe et couleur claire"
"$FABRIQUE" check --strict site 2>"$WORK/.err"
contains "with another error, the field name is said" "$WORK/.err" "'categori' is not a field of atelier"
contains "and the low contrast too, in the same check" "$WORK/.err" "couleurs.principale #f0c000 has a contrast of only 1.5:1"
check "both counted" test "$(tail -n 1 "$WORK/.err")" = "fabrique: 2 errors, no warning"
