#!/bin/sh
# « de » and the commune's name (outside tester 18 F12): every page of a
# site for Les Herbiers said « Journée citoyenne de Les Herbiers » (title,
# og:site_name, the 404) and init's pages « Mairie de Les Herbiers ».
# Now « des Herbiers », « du Mans », « d’Angers » (site.commune.de_nom),
# and site.yaml's commune.de for a name the rule gets wrong.
. "$(dirname "$0")/../lib.sh"

unset GIT_DIR GIT_WORK_TREE
export GIT_CONFIG_GLOBAL=$WORK/gitconfig GIT_CONFIG_NOSYSTEM=1
cd "$WORK" || exit 1

# site NAME DIR: a site made by init for commune NAME, built into DIR.out
site() {
	"$FABRIQUE" init "$2" --commune "$1" --insee 85109 \
		--url https://journee.example.fr >/dev/null 2>&1
	status "init $1" 0 $?
	(cd "$2" && "$FABRIQUE" build --out "$WORK/$2.out" -q 2>/dev/null)
	status "build $1" 0 $?
}

site "Les Herbiers" herbiers
O=$WORK/herbiers.out
contains "the title: des Herbiers" "$O/programme/index.html" "Journée citoyenne des Herbiers</title>"
contains "og:site_name: des Herbiers" "$O/index.html" '<meta property="og:site_name" content="Journée citoyenne des Herbiers">'
contains "the 404's title" "$O/404.html" "<title>Page introuvable – Journée citoyenne des Herbiers</title>"
grep -rl "de Les Herbiers" "$O" herbiers --exclude-dir=.git >"$WORK/.de" 2>/dev/null
check "« de Les Herbiers » nowhere, pages or init's files" test ! -s "$WORK/.de"
contains "init's contact page: Mairie des Herbiers" herbiers/pages/contact.md "## Mairie des Herbiers"
contains "init's README" herbiers/README.md "# Le site de la Journée citoyenne des Herbiers"
contains "init's accessibility statement" herbiers/pages/accessibilite.md "La commune des Herbiers s'engage"

site "Le Mans" lemans
contains "de + Le: du Mans" "$WORK/lemans.out/index.html" 'content="Journée citoyenne du Mans"'
contains "init's legal notice: Commune du Mans" lemans/pages/mentions-legales.md "Commune du Mans, mairie."

site "Angers" angers
contains "a vowel: d’Angers" "$WORK/angers.out/index.html" 'content="Journée citoyenne d’Angers"'
contains "init's page: Mairie d’Angers" angers/pages/contact.md "## Mairie d’Angers"

site "La Rochelle" larochelle
contains "de La Rochelle stays" "$WORK/larochelle.out/index.html" 'content="Journée citoyenne de La Rochelle"'

# site.yaml says it for a name the rule gets wrong; a typo is said
cd angers || exit 1
sed -i 's/^  nom: .*/  nom: "Hyères"\n  dee: "d’Hyères"/' site.yaml
LANGUAGE= LC_ALL=fr_FR.UTF-8 "$FABRIQUE" check --worktree >"$WORK/.err" 2>&1
contains "a typo in commune.de: did you mean" "$WORK/.err" \
	"site.yaml:5:3: avertissement : « dee » n’est pas un champ de « commune » ; vouliez-vous dire « de » ?"
sed -i 's/^  dee:/  de:/' site.yaml
commit_all . "Hyères"
"$FABRIQUE" build --out "$WORK/angers.out" -q 2>"$WORK/.err"
status "commune.de is accepted" 0 $?
contains "commune.de is the site's phrase" "$WORK/angers.out/index.html" 'content="Journée citoyenne d’Hyères"'
contains "in every title" "$WORK/angers.out/404.html" "<title>Page introuvable – Journée citoyenne d’Hyères</title>"
