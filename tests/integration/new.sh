#!/bin/sh
# fabrique new: a page started from the theme's archetype, at the place
# the schema gives its kind, never overwriting anything.
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
mkmini "$R"
cd "$R" || exit 1
"$FABRIQUE" new atelier "Réparer l'abri : « vite » !" site >"$WORK/.out" 2>"$WORK/.err"
status "new atelier succeeds" 0 $?
contains "it prints the file it wrote" "$WORK/.out" "site/ateliers/reparer-l-abri-vite.md"
F=site/ateliers/reparer-l-abri-vite.md
contains "the title is quoted safely for YAML" "$F" "titre: \"Réparer l'abri : « vite » !\""
contains "fields come with French comments" "$F" "# nombre de bénévoles recherchés"
contains "the example date is the latest edition's, not today's" "$F" "# date: 2026-05-23"
contains "example times are written as the fields are" "$F" 'heures : "09:30"'
LANGUAGE= LC_ALL=fr_FR.UTF-8 "$FABRIQUE" check site --worktree 2>"$WORK/.err"
status "the page as the archetype left it does not pass check" 1 $?
contains "its placeholder text is an error, at its line" "$WORK/.err" \
	"$F:38:1: erreur : cette page contient encore le texte du modèle (« Décrivez l'atelier"
contains "an empty resume is an error" "$WORK/.err" \
	"$F:5:1: erreur : « resume » n’a pas de valeur après ses deux-points ; remplissez-la, ou supprimez la ligne"
sed -i -e 's/^resume: .*/resume: Un abri tout neuf./' -e 's/^  nom: .*/  nom: Abri du stade/' \
	-e 's/^  adresse: .*/  adresse: Rue du stade/' -e 's/^categorie: .*/categorie: cadre-de-vie/' \
	-e "s/^Décrivez l'atelier.*/On remplace les planches de l'abri./" "$F"
"$FABRIQUE" check site --worktree >"$WORK/.out" 2>&1
status "filled in, it passes check" 0 $?
echo "ajout" >>"$F"
"$FABRIQUE" new atelier "Réparer l'abri : « vite » !" site 2>"$WORK/.err"
status "an existing file is not overwritten: exit 1" 1 $?
contains "the editor is told the file exists" "$WORK/.err" "$F: error: this file exists already"
contains "the edit is still there" "$F" "ajout"
"$FABRIQUE" new retour "Fête 2026" site >/dev/null
check "a recap gets its own folder" test -f site/retours/fete-2026/index.md
"$FABRIQUE" new histoire "Le lavoir" site >/dev/null
H=site/patrimoine/le-lavoir.md
contains "witnesses: first names and roles only, as referents" "$H" \
	"# qui a raconté : prénom et rôle seulement, jamais"
contains "witnesses: no age, address nor phone" "$H" "# d’âge, d’adresse ni de téléphone"
contains "witnesses: a comma in brackets splits a witness" "$H" \
	"entre crochets, [a, b], chaque virgule"
"$FABRIQUE" new edition 2027 site >/dev/null
contains "an edition is named after its year, its day the Saturday as 2026's" site/editions/2027.yaml "date: 2027-05-22"
"$FABRIQUE" new bidule "X" site 2>"$WORK/.err"
status "an unknown kind exits 1" 1 $?
contains "the known kinds are listed" "$WORK/.err" "expected atelier, histoire, retour, page or edition"
"$FABRIQUE" new atelier 2>"$WORK/.err"
status "new without a title is a usage error" 2 $?
# a whole sentence as title (outside tester F13): its file name is cut
# after a word, not 116 characters long in every link of the page (a
# title over the model's 120 is refused: newtitle.sh)
"$FABRIQUE" new atelier "Grand nettoyage de printemps des berges de la rivière, du lavoir communal et du chemin des écoliers avec les enfants" site >"$WORK/.out" 2>"$WORK/.err"
status "new with a long title succeeds" 0 $?
contains "the file name is cut after a whole word" "$WORK/.out" \
	"site/ateliers/grand-nettoyage-de-printemps-des-berges-de-la-riviere.md"
contains "the title is kept whole" site/ateliers/grand-nettoyage-de-printemps-des-berges-de-la-riviere.md \
	"titre: \"Grand nettoyage de printemps des berges de la rivière, du lavoir communal et du chemin des écoliers avec les enfants\""
# once the 2027 edition exists, a new workshop's header shows its date as
# the example, not 2026's (outside tester F13)
"$FABRIQUE" new atelier "Fête du vélo" site >/dev/null
contains "the header's example date is the coming edition's (2027's, on its Saturday)" \
	site/ateliers/fete-du-velo.md 'Dates : 2027-05-22 ; heures : "09:30".'
