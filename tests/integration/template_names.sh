#!/bin/sh
# A name misspelt in a site's own template (tester20 F5): {{assets.x}}
# naming no asset printed nothing (href="", the webmaster's stylesheet
# silently never applied), even under --strict.
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
mkmini "$R"
S=$R/site
mkdir -p "$S/theme/templates" "$S/theme/assets/css"
echo '.pied{background:#fde}' >"$S/theme/assets/css/perso.css"
# the webmaster's stylesheet, added after the theme's, its name misspelt
sed 's|^<link rel="stylesheet" href="{{assets.css_style_css}}">|&\n<link rel="stylesheet" href="{{assets.css_perso_cs}}">|' \
    "$R/themes/commune/templates/base.mustache" >"$S/theme/templates/base.mustache"
commit_all "$R" "Une feuille de style à nous"
at=$(awk '{i = index($0, "{{assets.css_perso_cs}}"); if (i) { print NR ":" i; exit }}' \
    "$S/theme/templates/base.mustache")

(cd "$R" && "$FABRIQUE" build site --out "$WORK/out") >"$WORK/.out" 2>"$WORK/.err"
status "an asset name that names no asset is an error" 1 $?
contains "the error names the template, line and column, and the name meant" "$WORK/.err" \
    "site/theme/templates/base.mustache:$at: error: 'assets.css_perso_cs' names no file of the theme's assets/: the page would print nothing there; did you mean 'assets.css_perso_css'?"
(cd "$R" && LANGUAGE= LC_ALL=fr_FR.UTF-8 LANG=fr_FR.UTF-8 "$FABRIQUE" check site) >"$WORK/.out" 2>"$WORK/.err"
status "check refuses it too" 1 $?
contains "the error speaks French" "$WORK/.err" \
    "vouliez-vous dire « assets.css_perso_css » ?"

sed -i 's/{{assets.css_perso_cs}}/{{assets.css_perso_css}}/' "$S/theme/templates/base.mustache"
commit_all "$R" "Nom corrigé"
(cd "$R" && "$FABRIQUE" build site --out "$WORK/out") >"$WORK/.out" 2>"$WORK/.err"
status "the right name builds" 0 $?
lacks "no error about assets" "$WORK/.err" "assets."
if grep -q '<link rel="stylesheet" href="/assets/css/perso\.[0-9a-f]*\.css">' "$WORK/out/index.html"; then
	ok "the page links the webmaster's stylesheet"
else
	not_ok "the page links the webmaster's stylesheet" "$(grep -o '<link rel="stylesheet"[^>]*>' "$WORK/out/index.html")"
fi
