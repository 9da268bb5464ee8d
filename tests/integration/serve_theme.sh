#!/bin/sh
# fabrique serve with a theme outside the site's repository
# ($FABRIQUE_THEMES, as for a theme shared by several communes, or the one
# beside the program): editing one of its templates, or adding a partial
# in a new folder of it, rebuilds the preview, and the terminal names the
# file.  The theme is a copy in the test's temporary folder.
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
mkdir -p "$R"
cp -R "$TOP/tests/fixtures/mini" "$R/site"
(cd "$R" && $GIT init -q && $GIT add -A && $GIT commit -qm "Premier contenu")
mkdir -p "$WORK/themes"
cp -R "$TOP/themes/commune" "$WORK/themes/commune"
export FABRIQUE_THEMES=$WORK/themes
cd "$R" || exit 1
serve_start site || exit 0

T=$WORK/themes/commune/templates/atelier.mustache

# an editor's save of a template: a new file renamed over it
sed 's|<h1>|<p class="marque">Gabarit modifié</p><h1>|' "$T" >"$T.new" && mv "$T.new" "$T"
grep -q 'Gabarit modifié' "$T" || echo "# the template has no <h1>: the edit did nothing"
wait_builds 2
curl -s "$url/ateliers/repeindre-le-preau/" >"$WORK/page.html"
contains "a template of the theme outside the repository, edited: rebuilt with it" "$WORK/page.html" "Gabarit modifié"
contains "the terminal names the template" "$WORK/serve.log" "rebuilt after a change to $T in"

# a new folder in the theme, with a file: followed too
mkdir "$WORK/themes/commune/templates/partials/nouveau"
echo "Partiel nouveau" >"$WORK/themes/commune/templates/partials/nouveau/x.mustache"
wait_builds 3
status "a file in a new folder of the theme rebuilds too" 3 "$(builds)"
lacks "no error" "$WORK/serve.log" "error"
