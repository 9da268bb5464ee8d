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

# A name under page. misspelt in the site's own template: {{page.titer}}
# printed nothing, silently.  Now the same warning as for site., with
# the name meant.  Names some kinds only have (a workshop's horaire, a
# recap's photos, the programme's groups), names set once the pages are
# loaded (photos, the rendered text), lists and the model's optional
# fields stay silent, in a partial every kind of page shows.
{
	printf '<footer class="pied">\n'
	printf '<p>{{page.titre}} - {{page.titer}}</p>\n'
	printf '<p>{{#page.retuors}}{{titre}}{{/page.retuors}}</p>\n'
	printf '<p>{{page.horaire}}{{page.lieu.nom}}{{#page.photos.0}}{{page.photos.0.alt}}{{/page.photos.0}}{{page.programme.groupes}}</p>\n'
	printf '<p>{{page.image_url}}{{page.image_webp_srcset}}{{{page.contenu}}}{{page.sommaire}}{{page.jsonld}}{{page.qr_svg}}</p>\n'
	printf '<p>{{page.referents.0.nom}}{{page.repli_pluie}}{{page.mis_a_jour_le_texte}}{{#page.statut_notable}}{{page.statut_texte}}{{/page.statut_notable}}</p>\n'
	printf '<p>{{page.lieu.adrese}}</p>\n'
	printf '</footer>\n'
} >"$S/theme/templates/partials/pied.mustache"
commit_all "$R" "Des noms de page"
(cd "$R" && "$FABRIQUE" build site --out "$WORK/out") >"$WORK/.out" 2>"$WORK/.err"
status "a misspelt page name is no error by default" 0 $?
contains "page.: a warning at the tag, with the name meant" "$WORK/.err" \
    "$P:2:21: warning: 'page.titer' names nothing of any page (no field of the content model, nor anything fabrique adds, has this name): the page prints nothing there; did you mean 'page.titre'?"
contains "page.: a misspelt section too" "$WORK/.err" \
    "$P:3:4: warning: 'page.retuors' names nothing of any page"
contains "page.: its name meant" "$WORK/.err" "did you mean 'page.retours'?"
contains "page.: a misspelt name under a map" "$WORK/.err" \
    "$P:7:4: warning: 'page.lieu.adrese' names nothing of any page"
contains "page.: with the name meant under it" "$WORK/.err" "did you mean 'page.lieu.adresse'?"
lacks "page.: names of some kinds, lists, later names: silent" "$WORK/.err" "pied.mustache:4:"
lacks "page.: nor on line 5" "$WORK/.err" "pied.mustache:5:"
lacks "page.: nor on line 6" "$WORK/.err" "pied.mustache:6:"
lacks "page.: the correct name is silent" "$WORK/.err" "'page.titre' names"
check "page.: one warning per tag, not per page" test "$(grep -c "'page.titer'" "$WORK/.err")" = 1
(cd "$R" && "$FABRIQUE" check --strict site) >"$WORK/.out" 2>"$WORK/.err"
status "page.: check --strict (the hooks) refuses it" 1 $?
contains "page.: as an error" "$WORK/.err" "$P:2:21: error: 'page.titer'"
(cd "$R" && LANGUAGE= LC_ALL=fr_FR.UTF-8 LANG=fr_FR.UTF-8 "$FABRIQUE" check site) >"$WORK/.out" 2>"$WORK/.err"
contains "page.: in French" "$WORK/.err" \
    "$P:2:21: avertissement : « page.titer » ne désigne rien d’aucune page (aucun champ du modèle de contenu, ni rien de ce qu’ajoute fabrique, ne porte ce nom) : la page n’affiche rien à cet endroit ; vouliez-vous dire « page.titre » ?"
sed -i 's/page.titer/page.titre/; s/page.retuors/page.retours/g; s/page.lieu.adrese/page.lieu.adresse/' "$S/theme/templates/partials/pied.mustache"
commit_all "$R" "Noms de page corrigés"
(cd "$R" && "$FABRIQUE" check --strict site) >"$WORK/.out" 2>"$WORK/.err"
status "page.: corrected, check --strict passes" 0 $?
lacks "page.: no warning left" "$WORK/.err" "'page."

# The site's own copy of a template keeps the names of the theme's it
# replaces (CI run 1 of session 21: the logo's names in a copied
# base.mustache), for page. names too: a copy of base.mustache and of
# page.mustache, whose names some pages only have, is silent.
cp "$R/themes/commune/templates/base.mustache" "$S/theme/templates/base.mustache"
cp "$R/themes/commune/templates/page.mustache" "$S/theme/templates/page.mustache"
commit_all "$R" "Copies du thème"
(cd "$R" && "$FABRIQUE" check --strict site) >"$WORK/.out" 2>"$WORK/.err"
status "copies of the theme's templates pass check --strict" 0 $?
lacks "no warning about their names" "$WORK/.err" "names nothing"
