#!/bin/sh
# Slips an editor makes in a file's header (outside tester 18, F7), each
# said at its own line, in French, with the line to write: no space
# after "titre:", a non-breaking space there (invisible), an apostrophe
# inside a value between apostrophes, a blank line above the first "---".
# Then where files go (F11, F14): a workshop in a sub-folder of
# ateliers/ is told where to go; new run from inside ateliers/ writes
# into the site, not into ateliers/ateliers/.  And invisible characters
# pasted inside words (F15) are dropped from addresses and search terms.
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
mkmini "$R"
cd "$R" || exit 1
F=site/ateliers/repeindre-le-preau.md
cp "$F" "$WORK/orig.md"
fr() { (LANGUAGE= LC_ALL=fr_FR.UTF-8 LANG=fr_FR.UTF-8 "$FABRIQUE" "$@"); }
# slip SED: the workshop with one change, checked in French
slip() { cp "$WORK/orig.md" "$F" && sed -i "$1" "$F" && fr check site --worktree >"$WORK/.out" 2>&1; }

slip 's/^titre: /titre:/'
status "titre:Repeindre is an error" 1 $?
contains "no space after 'titre:': said at its line, with the line to write" "$WORK/.out" \
	"$F:2:7: erreur : après « titre: » il faut une espace ordinaire : titre: Repeindre le préau"
lacks "no English libyaml text" "$WORK/.out" "mapping values"
# "  nom:École" as the header's last line: libyaml reads it as lieu's
# text, silently; said as any other line without its space.
slip 's/^  nom: /  nom:/'
status "lieu: then '  nom:École' as the last line is an error" 1 $?
contains "said at that line, with the line to write" "$WORK/.out" \
	"$F:10:7: erreur : après « nom: » il faut une espace ordinaire : nom: École du Bourg"
slip 's/^  nom: \(.*\)/  nom:\1\n  adresse: 1 rue Haute/'
contains "with a line after it, said once" "$WORK/.out" "$F:10:7: erreur : après « nom: »"
check "not twice" test "$(grep -c 'après « nom: »' "$WORK/.out")" = 1
slip 's/^titre: /titre:\xc2\xa0/'
status "a non-breaking space after 'titre:' is an error" 1 $?
contains "the invisible space is named, at its line" "$WORK/.out" \
	"$F:2:7: erreur : après « titre: » il y a une espace insécable (invisible) ; remplacez-la par une espace ordinaire"
slip 's/^benevoles: /benevoles:/'
contains "another key, a number" "$WORK/.out" \
	"$F:8:11: erreur : après « benevoles: » il faut une espace ordinaire : benevoles: 8"
slip "s/^titre: .*/titre: 'L'école en fête'/"
status "an apostrophe inside apostrophes is an error" 1 $?
contains "said at that apostrophe, with the line between double quotes" "$WORK/.out" \
	"$F:2:10: erreur : une apostrophe dans une valeur entre apostrophes la termine ; écrivez la valeur entre guillemets droits : titre: \"L'école en fête\""
slip 's/^titre: .*/titre: "L'"'"'école en fête"/'
status "written as told, it passes" 0 $?
slip '1i\\'
status "a blank line above '---' is an error" 1 $?
contains "said as such" "$WORK/.out" \
	"$F:1:1: erreur : l’en-tête doit commencer à la première ligne ; supprimez la ligne vide au-dessus de « --- »"
lacks "not 'no header' and missing fields" "$WORK/.out" "obligatoire"
cp "$WORK/orig.md" "$F"
fr check site --worktree >"$WORK/.out" 2>&1
status "the workshop as it was passes" 0 $?
# A page starting with a blank line then a rule ("---" and text, no
# header) is a page without header, as before.
printf '\n---\n\nUne ligne de séparation : pas un en-tête.\n' >site/pages/regle.md
fr check site --worktree >"$WORK/.out" 2>&1
lacks "a blank line, a rule and text is no misplaced header" "$WORK/.out" "première ligne"

# F11: a workshop sorted into a year's sub-folder is told where it goes.
rm site/pages/regle.md
mkdir -p site/ateliers/2027 site/retours/2027
mv "$F" site/ateliers/2027/
fr check site --worktree >"$WORK/.out" 2>&1
contains "a workshop in ateliers/2027/ is told to move to ateliers/" "$WORK/.out" \
	"site/ateliers/2027/repeindre-le-preau.md: avertissement : dans ateliers/, les fichiers se placent directement, sans sous-dossier : déplacez celui-ci en ateliers/repeindre-le-preau.md (sinon il n’est pas publié)"
lacks "not 'in no known folder'" "$WORK/.out" "aucun dossier connu"
mv site/ateliers/2027/repeindre-le-preau.md "$F"
mkdir -p site/retours/2027/fete && printf -- '---\ntitre: Fête\n---\nTexte.\n' >site/retours/2027/fete/index.md
fr check site --worktree >"$WORK/.out" 2>&1
contains "a recap in retours/2027/NAME/ too" "$WORK/.out" \
	"site/retours/2027/fete/index.md: avertissement : dans retours/, les fichiers se placent directement, sans sous-dossier : déplacez celui-ci en retours/fete/index.md"
rm -r site/retours/2027 site/ateliers/2027
printf -- '---\ntitre: Ailleurs\n---\nTexte.\n' >site/ailleurs.md
fr check site --worktree >"$WORK/.out" 2>&1
contains "a page outside every folder is still 'in no known folder'" "$WORK/.out" \
	"site/ailleurs.md: avertissement : ce fichier n’est dans aucun dossier connu"
rm site/ailleurs.md

# Outside tester 30 F9, F14: a hidden name in a known folder, and a
# folder written with a capital, are said as they are, not « in no known
# folder ».
mkdir -p site/Ateliers site/retours/..fete
cp "$F" site/Ateliers/majuscule.md
cp "$F" site/ateliers/.brouillon.md
printf -- '---\ntitre: Fête\n---\nTexte.\n' >site/retours/..fete/index.md
fr check site --worktree >"$WORK/.out" 2>&1
contains "a folder with a capital: its right spelling and the command that moves the file" "$WORK/.out" \
	"site/Ateliers/majuscule.md: avertissement : le dossier s’écrit ateliers/, en minuscules (git le distingue de Ateliers/, même là où votre ordinateur n’en montre qu’un) : ce fichier n’est pas publié ; déplacez-le avec « git mv site/Ateliers/majuscule.md site/ateliers/majuscule.md »"
contains "a hidden file in ateliers/: hidden, to rename" "$WORK/.out" \
	"site/ateliers/.brouillon.md: avertissement : un nom qui commence par un point (.brouillon.md) est caché, et jamais publié : renommez-le sans le point"
contains "a hidden recap folder too" "$WORK/.out" \
	"site/retours/..fete/index.md: avertissement : un nom qui commence par un point (..fete) est caché"
lacks "none of them 'in no known folder'" "$WORK/.out" "aucun dossier connu"
rm -r site/Ateliers site/ateliers/.brouillon.md site/retours/..fete

# F14: new run from inside ateliers/ (or patrimoine/) writes into the site.
(cd site/ateliers && "$FABRIQUE" new atelier "Test sous dossier" >"$WORK/new.out" 2>&1)
status "new from inside ateliers/ succeeds" 0 $?
check "the workshop is in the site's ateliers/" test -f site/ateliers/test-sous-dossier.md
check "not in ateliers/ateliers/" test ! -e site/ateliers/ateliers
contains "the path printed leads there from where the editor is" "$WORK/new.out" "../ateliers/test-sous-dossier.md"
(cd site/patrimoine && "$FABRIQUE" new histoire "Le puits" >/dev/null 2>&1)
check "a story from inside patrimoine/ is in patrimoine/" test -f site/patrimoine/le-puits.md -a ! -e site/patrimoine/patrimoine

# F15: a soft hyphen or zero-width space pasted from Word or a PDF inside
# a word: the address and the search index keep the word whole.
(cd site && "$FABRIQUE" new atelier "$(printf 'Net\302\255toyage du pre\342\200\213au')" >"$WORK/new.out" 2>&1)
check "the address drops them: ateliers/nettoyage-du-preau.md" test -f site/ateliers/nettoyage-du-preau.md
$GIT clean -fdq site && $GIT checkout -q -- site
sed -i "s/^Poncer puis peindre/Poncer au xylo$(printf '\302\255')phone, puis peindre/" "$F"
commit_all "$R" "texte collé"
"$FABRIQUE" build site --out "$WORK/out" -q 2>"$WORK/.err"
status "the site builds" 0 $?
contains "the search index holds the whole word" "$WORK/out/recherche/index.json" '"xylophon'
lacks "not its halves" "$WORK/out/recherche/index.json" '"xylo"'
