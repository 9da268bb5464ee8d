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

# A name under site. misspelt in the site's own partial (tester20 F5, the
# rest): {{site.commune.nmo}} printed nothing, silently, even under
# --strict.  Now a warning at the tag with the name meant; --strict
# refuses it.  Optional fields of the model this site leaves out, keys
# fabrique adds for some sites only, and what the model leaves open
# stay silent.
mkdir -p "$S/theme/templates/partials"
{
	printf '<footer class="pied">\n'
	printf '<p>{{site.commune.nom}} - {{site.commune.nmo}}</p>\n'
	printf '<p>{{#site.comune.nom}}{{site.comune.nom}}{{/site.comune.nom}}</p>\n'
	# optional, absent here: silent
	printf '<p>{{site.commune.de}}{{site.logo_url}}{{#site.annonce}}{{site.annonce.texte}}{{/site.annonce}}</p>\n'
	printf '<p>{{site.couleurs.principale}}{{site.licence.nom}}{{site.champs.atelier_phare}}{{site.url}}{{site.chemin}}</p>\n'
	printf '{{#site.accessibilite}}<p>{{site.accessibilite.url}}{{etat_texte}}</p>{{/site.accessibilite}}\n'
	printf '</footer>\n'
} >"$S/theme/templates/partials/pied.mustache"
commit_all "$R" "Un pied de page à nous"
P=site/theme/templates/partials/pied.mustache
(cd "$R" && "$FABRIQUE" build site --out "$WORK/out") >"$WORK/.out" 2>"$WORK/.err"
status "a misspelt site name is no error by default" 0 $?
contains "a warning at the tag, with the name meant" "$WORK/.err" \
    "$P:2:27: warning: 'site.commune.nmo' names nothing of the site (no field of site.yaml or of its content model has this name): the page prints nothing there; did you mean 'site.commune.nom'?"
contains "a misspelt name higher up, in a section, is found too" "$WORK/.err" \
    "$P:3:4: warning: 'site.comune.nom' names nothing of the site (no field of site.yaml or of its content model has this name): the page prints nothing there; did you mean 'site.commune.nom'?"
check "the section and the tag in it warn, not its closing tag" test "$(grep -c "'site.comune.nom'" "$WORK/.err")" = 2
lacks "optional fields left out, keys added for some sites, open maps: silent" "$WORK/.err" "pied.mustache:4:"
lacks "nor on line 5" "$WORK/.err" "pied.mustache:5:"
lacks "nor on line 6" "$WORK/.err" "pied.mustache:6:"
lacks "the correct names are silent" "$WORK/.err" "site.commune.nom' names"
(cd "$R" && "$FABRIQUE" check --strict site) >"$WORK/.out" 2>"$WORK/.err"
status "check --strict (the hooks) refuses it" 1 $?
contains "as an error" "$WORK/.err" "$P:2:27: error: 'site.commune.nmo'"
(cd "$R" && LANGUAGE= LC_ALL=fr_FR.UTF-8 LANG=fr_FR.UTF-8 "$FABRIQUE" check site) >"$WORK/.out" 2>"$WORK/.err"
contains "in French" "$WORK/.err" \
    "$P:2:27: avertissement : « site.commune.nmo » ne désigne rien du site (aucun champ de site.yaml ni de son modèle de contenu ne porte ce nom) : la page n’affiche rien à cet endroit ; vouliez-vous dire « site.commune.nom » ?"
sed -i 's/site.commune.nmo/site.commune.nom/; s/site.comune.nom/site.commune.nom/g' "$S/theme/templates/partials/pied.mustache"
commit_all "$R" "Noms corrigés"
(cd "$R" && "$FABRIQUE" check --strict site) >"$WORK/.out" 2>"$WORK/.err"
status "corrected, check --strict passes" 0 $?
lacks "no warning left about site." "$WORK/.err" "'site."
