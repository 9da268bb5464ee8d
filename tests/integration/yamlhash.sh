#!/bin/sh
# A '#' glued to a word after a front-matter value (outside tester 17,
# F11): "titre: Nettoyage du lavoir #2" is cut to "Nettoyage du lavoir"
# by YAML, which reads " #" as a comment.  A warning at the '#' (an error
# with --strict), with the line to write; the archetypes' own comments
# ("# texte" after blanks), kept by editors who fill the fields, never.
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
mkmini "$R"
cd "$R" || exit 1
fr() { (LANGUAGE= LC_ALL=fr_FR.UTF-8 LANG=fr_FR.UTF-8 "$FABRIQUE" "$@"); }
"$FABRIQUE" new atelier "Nettoyage du lavoir" site >/dev/null
"$FABRIQUE" new retour "Fête 2026" site >/dev/null
"$FABRIQUE" new histoire "Le lavoir" site >/dev/null
"$FABRIQUE" new page "Infos pratiques" site >/dev/null
fr check site --worktree >"$WORK/.out" 2>&1
lacks "the archetypes' comments are no cut value" "$WORK/.out" "commentaire"
F=site/ateliers/nettoyage-du-lavoir.md
sed -i -e 's/^resume: .*/resume: Le lavoir retrouve son eau./' -e 's/^  nom: .*/  nom: Lavoir du Moulin/' \
	-e 's/^  adresse: .*/  adresse: Chemin du Moulin/' -e 's/^categorie: .*/categorie: patrimoine/' \
	-e "s/^Décrivez l'atelier.*/On retire le lierre du bassin./" "$F"
rm -r site/retours/fete-2026 site/patrimoine/le-lavoir.md site/pages/infos-pratiques.md
fr check site --worktree --strict >"$WORK/.out" 2>&1
status "filled in, comments kept: check --strict passes" 0 $?
contains "the archetype's comments are still there" "$F" "# nombre de bénévoles recherchés"

sed -i -e 's/^titre: .*/titre: Nettoyage du lavoir #2/' "$F"
printf 'Atelier\n' >>"$F"
fr check site --worktree --strict >"$WORK/.out" 2>&1
status "a value cut by '#2' fails check --strict" 1 $?
contains "said at the '#', with the line to write" "$WORK/.out" \
	"$F:4:28: erreur : la valeur s’arrête avant « #2 » : un « # » après un espace commence un commentaire, qui est ignoré ; mettez la valeur entre guillemets : titre: \"Nettoyage du lavoir #2\""
sed -i -e 's/^titre: .*/titre: L'"'"'atelier "du" maire #1/' "$F"
fr check site --worktree >"$WORK/.out" 2>&1
status "without --strict, a warning" 0 $?
contains "quotes inside the value are written so YAML reads it" "$WORK/.out" \
	"$F:4:29: avertissement : la valeur s’arrête avant « #1 » : un « # » après un espace commence un commentaire, qui est ignoré ; mettez la valeur entre guillemets : titre: \"L'atelier \\\"du\\\" maire #1\""
sed -i -e 's/^titre: .*/titre: "L'"'"'atelier \\"du\\" maire #1"/' "$F"
fr check site --worktree --strict >"$WORK/.out" 2>&1
status "written as told, it passes" 0 $?
"$FABRIQUE" build site --worktree --out "$WORK/out" -q 2>/dev/null
contains "and the title is whole" "$WORK/out/ateliers/nettoyage-du-lavoir/index.html" "maire #1</h1>"

# A value that starts with '#' is all comment: the field is empty.  The
# site's colour written as a web page's ("couleur: #1d5a84") and a tag in
# a list ("- #vélo") were dropped without a word.
sed -i -e 's/^titre: .*/titre: Nettoyage du lavoir/' "$F"
printf 'couleurs:\n  principale: #1d5a84\n' >>site/site.yaml
fr check site --worktree >"$WORK/.out" 2>&1
contains "site.yaml: an unquoted colour is said at its '#', with the line to write" "$WORK/.out" \
	"site/site.yaml:$(grep -c '' site/site.yaml):15: avertissement : cette valeur est vide : un « # » après un espace commence un commentaire, qui est ignoré ; mettez la valeur entre guillemets : principale: \"#1d5a84\""
sed -i -e 's/^  principale: .*/  principale: "#1d5a84"/' site/site.yaml
awk '{print} /^titre:/{print "tags:"; print "  - #vélo"; print "  - jardin"}' "$F" >"$F.new" && mv "$F.new" "$F"
fr check site --worktree --strict >"$WORK/.out" 2>&1
status "a tag written '- #vélo' fails check --strict" 1 $?
contains "said at the tag's '#'" "$WORK/.out" \
	"$F:6:5: erreur : cette valeur est vide : un « # » après un espace commence un commentaire, qui est ignoré ; mettez la valeur entre guillemets : - \"#vélo\""
lacks "the site.yaml written as told is quiet" "$WORK/.out" "site.yaml"
sed -i -e 's/^  - #vélo/  - "#vélo"/' "$F"
fr check site --worktree --strict >"$WORK/.out" 2>&1
status "written as told, it passes" 0 $?
