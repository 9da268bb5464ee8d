#!/bin/sh
# Tags that differ only by case or accents (outside tester F13): « vélo »
# on two pages, « Vélo » on a third, were one tag page but two spellings
# on the pages and two keywords in the open data.  Now every page shows
# the spelling most pages use, and the other is a warning at its place
# (an error with --strict), in French for the editor.
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
mkmini "$R"
cd "$R" || exit 1
sed -i 's/^benevoles: 5$/benevoles: 5\ntags: [Vélo, haies]/' site/ateliers/planter-des-haies.md
sed -i 's/^benevoles: 8$/benevoles: 8\ntags: [vélo]/' site/ateliers/repeindre-le-preau.md
sed -i 's/^statut: realise$/statut: realise\ntags: [vélo, velo]/' site/ateliers/nettoyer-le-lavoir-2025.md
commit_all "$R" "tags" >/dev/null
(LANGUAGE= LC_ALL=fr_FR.UTF-8 LANG=fr_FR.UTF-8 "$FABRIQUE" check site --strict) >"$WORK/.out" 2>&1
status "a tag spelled another way fails check --strict" 1 $?
contains "the variant, at its place, with the spelling to write" "$WORK/.out" \
	"site/ateliers/planter-des-haies.md:8:8: erreur : le tag « Vélo » s’écrit « vélo » sur une autre page : c’est le même tag, affiché partout « vélo » ; écrivez-le de la même façon ici"
contains "an unaccented one too" "$WORK/.out" \
	"site/ateliers/nettoyer-le-lavoir-2025.md:8:14: erreur : le tag « velo » s’écrit « vélo »"
n=$(grep -c "le tag" "$WORK/.out")
status "the spelling most pages use is not warned about" 2 "$n"
"$FABRIQUE" build site --out "$WORK/out" -q 2>"$WORK/.err"
status "without --strict, the site builds" 0 $?
O=$WORK/out
contains "the page shows the common spelling" "$O/ateliers/planter-des-haies/index.html" "#vélo</a>"
lacks "not its own" "$O/ateliers/planter-des-haies/index.html" "#Vélo"
lacks "a page writing it twice shows it once" "$O/ateliers/nettoyer-le-lavoir-2025/index.html" "#velo"
contains "the tag's page has the common spelling" "$O/tags/velo/index.html" "<h1>vélo"
lacks "the open data has one keyword" "$O/programme.json" '"Vélo"'
