#!/bin/sh
# fabrique init: a new commune's site in one command, outside any
# checkout, that builds and checks clean at once, and never overwrites.
. "$(dirname "$0")/../lib.sh"

unset GIT_DIR GIT_WORK_TREE
export GIT_CONFIG_GLOBAL=$WORK/gitconfig GIT_CONFIG_NOSYSTEM=1
mkdir -p "$WORK/home" && cd "$WORK/home" || exit 1
"$FABRIQUE" init journee --commune "Saint-Aubin : l'Île \"d'en bas\"" \
	--insee 37214 --url https://journee.saint-aubin.fr >"$WORK/.out" 2>"$WORK/.err"
status "init succeeds in a folder outside any repository" 0 $?
S=$WORK/home/journee
# What was made and what to do next (outside tester, F18: init printed
# only the folder's name)
contains "init lists the files it made" "$WORK/.out" "  pages/mentions-legales.md"
contains "and the repository" "$WORK/.out" "  .git/ (a git repository, with a first commit of these files)"
contains "then the next steps: cd" "$WORK/.out" "  cd journee"
contains "serve" "$WORK/.out" "  fabrique serve "
contains "check" "$WORK/.out" "  fabrique check --strict "
contains "commit" "$WORK/.out" "  git add -A && git commit"
(LANGUAGE= LC_ALL=fr_FR.UTF-8 "$FABRIQUE" init "fr site" --commune "Saint-Aubin" >"$WORK/.fr" 2>&1)
status "init in French succeeds" 0 $?
contains "in the site's language: French" "$WORK/.fr" "fabrique : le site de Saint-Aubin est créé dans fr site :"
contains "with the next steps, the folder quoted for the shell" "$WORK/.fr" "et maintenant :
  cd 'fr site'"
rm -rf "$WORK/home/fr site"
# « le site de Les Herbiers » (tester18): the commune joined to « de » by
# the site's one rule, as its pages say it
(LANGUAGE= LC_ALL=fr_FR.UTF-8 "$FABRIQUE" init herbiers --commune "Les Herbiers" >"$WORK/.fr" 2>&1)
status "init --commune 'Les Herbiers' succeeds" 0 $?
contains "« le site des Herbiers »" "$WORK/.fr" "fabrique : le site des Herbiers est créé dans herbiers :"
(LANGUAGE= LC_ALL=fr_FR.UTF-8 "$FABRIQUE" init angers --commune "  Angers " >"$WORK/.fr" 2>&1)
contains "« le site d’Angers », without the spaces around the name" "$WORK/.fr" "fabrique : le site d’Angers est créé dans angers :"
"$FABRIQUE" init herbiers-en --commune "Les Herbiers" >"$WORK/.en" 2>&1
contains "in English: the site of Les Herbiers" "$WORK/.en" "fabrique: the site of Les Herbiers is made in herbiers-en:"
rm -rf "$WORK/home/herbiers" "$WORK/home/angers" "$WORK/home/herbiers-en"
# An empty commune name made a site whose first check failed (« nom »
# est obligatoire): refused on the command line, nothing written
for name in "" "   "; do
	"$FABRIQUE" init k3 --commune "$name" >"$WORK/.k3" 2>&1
	status "init --commune '$name': a usage error" 2 $?
	contains "init --commune '$name': said so" "$WORK/.k3" "--commune takes the commune's name, as in --commune \"Saint-Aubin\"; it is empty here"
	check "init --commune '$name': nothing written" test ! -e "$WORK/home/k3"
done
for f in site.yaml ateliers/nettoyer-les-abords-de-l-ecole.md \
	patrimoine/le-monument-aux-morts.md retours/premiere-journee/index.md \
	pages/accessibilite.md pages/mentions-legales.md pages/contact.md \
	README.md .gitignore; do
	[ -f "$S/$f" ] || missing="$missing $f"
done
if [ -z "${missing:-}" ]; then ok "every starter file is there"; else
	not_ok "every starter file is there" "missing:$missing"; fi
ed=$(ls "$S/editions")
case $ed in
[0-9][0-9][0-9][0-9].yaml) ok "one edition ($ed)" ;;
*) not_ok "one edition" "editions/: $ed" ;;
esac
day=$(sed -n 's/^date: \([0-9-]*\).*/\1/p' "$S/editions/$ed")
if [ "$(date -d "$day" +%u)" = 6 ] && [ "$(date -d "$day" +%s)" -gt "$(date +%s)" ]; then
	ok "the edition's date is a coming Saturday ($day)"
else not_ok "the edition's date is a coming Saturday" "date: $day"; fi
contains "site.yaml names the commune, quoted for YAML" "$S/site.yaml" \
	"nom: \"Saint-Aubin : l'Île \\\"d'en bas\\\"\""
contains "site.yaml carries the INSEE code" "$S/site.yaml" 'insee: "37214"'
contains "site.yaml carries the address given" "$S/site.yaml" 'url: "https://journee.saint-aubin.fr"'
contains "site.yaml explains its fields in French" "$S/site.yaml" "# fuseau horaire des ateliers"
contains "the README tells editors how to add a workshop" "$S/README.md" "fabrique new atelier"
[ "$(git -C "$S" rev-list --count HEAD 2>/dev/null)" = 1 ] &&
	[ -z "$(git -C "$S" status --porcelain)" ] &&
	[ "$(git -C "$S" symbolic-ref --short HEAD)" = main ]
status "a repository on main with one commit holding everything" 0 $?

# git's init.defaultBranch is honoured, as git init does, so the new
# repository's branch is the one a server made with git init --bare
# publishes, and the editors' README's plain git push works; main
# without it (above).  Before, init always made main.
mkdir -p "$WORK/h2"
printf '[init]\n\tdefaultBranch = master\n' >"$WORK/h2/.gitconfig"
(cd "$WORK/h2" && HOME=$WORK/h2 GIT_CONFIG_GLOBAL=$WORK/h2/.gitconfig \
	"$FABRIQUE" init j2 --commune "Saint-Aubin" --url https://journee.saint-aubin.fr >/dev/null 2>&1)
status "init with init.defaultBranch = master succeeds" 0 $?
check "init's repository is on git's default branch, master" test "$(git -C "$WORK/h2/j2" symbolic-ref --short HEAD)" = master
(cd "$WORK/h2" && HOME=$WORK/h2 GIT_CONFIG_GLOBAL=$WORK/h2/.gitconfig git init -q --bare site.git &&
	cd j2 && git remote add origin ../site.git && HOME=$WORK/h2 GIT_CONFIG_GLOBAL=$WORK/h2/.gitconfig git push -q -u origin master 2>/dev/null &&
	echo "Texte." >>pages/contact.md && git -c user.name=T -c user.email=t@example.invalid commit -qam "Contact" &&
	HOME=$WORK/h2 GIT_CONFIG_GLOBAL=$WORK/h2/.gitconfig git push -q) >/dev/null 2>&1
status "then the server's branch is the same and the README's plain git push works" 0 $?

# The starter pages hold sentences for the editor (« Indiquez ici … »,
# « Racontez ici … »): every check names each one, with what to write;
# a warning, so the preview works, an error under --strict and in the
# server's strict hook, so they cannot go live (outside tester, F8: the
# legal notice and contact page went live so).
cd "$S" || exit 1
"$FABRIQUE" check >"$WORK/.out" 2>&1
status "the new site checks, with warnings" 0 $?
for at in pages/contact.md:8:1 pages/mentions-legales.md:7:52 pages/mentions-legales.md:12:1 \
	pages/mentions-legales.md:17:1 patrimoine/le-monument-aux-morts.md:6:42 retours/premiere-journee/index.md:5:19; do
	contains "a starter sentence is reported at $at" "$WORK/.out" "$at: warning: this page still has a sentence of the site fabrique init made, meant for you, not for residents"
done
contains "quoting the sentence, which says what to write" "$WORK/.out" \
	"pages/mentions-legales.md:17:1: warning: this page still has a sentence of the site fabrique init made, meant for you, not for residents ('Indiquez ici le nom (ou la raison sociale), l'adresse et le numéro de téléphone de l'hébergeur du site.'): write in its place what it asks for"
contains "six of them" "$WORK/.out" "6 warnings, no error"
LANGUAGE= LC_ALL=fr_FR.UTF-8 "$FABRIQUE" check --strict >"$WORK/.out" 2>&1
status "a strict check of the new site fails" 1 $?
contains "with an error at each, in French" "$WORK/.out" \
	"pages/contact.md:8:1: erreur : cette page contient encore une phrase du site créé par fabrique init, qui vous est destinée et non aux habitants (« Indiquez ici l'adresse, le téléphone et les horaires de la mairie. ») : écrivez à sa place ce qu’elle demande"
check "six errors" test "$(grep -c ': erreur : cette page contient encore une phrase' "$WORK/.out")" = 6
# what the law asks of the legal notice (LCEN art. 6-III) and of the
# accessibility statement (RGAA): there, to fill in or filled in
contains "the legal notice asks for the director of publication" "$S/pages/mentions-legales.md" "## Directeur de la publication"
contains "and the host's name, address and phone" "$S/pages/mentions-legales.md" "l'adresse et le numéro de
téléphone de l'hébergeur"
check "the accessibility statement has the day it was established" \
	grep -Eq "^Cette déclaration a été établie le (1er|[0-9]+) [a-zéû]+ $(date +%Y)\.\$" "$S/pages/accessibilite.md"
contains "and the Défenseur des droits' addresses" "$S/pages/accessibilite.md" "Libre
  réponse 71120, 75342 Paris CEDEX 07"
# the server's pre-receive hook (strict) refuses the push, then takes it
# once the sentences are replaced
mkbare "$WORK/init.git" main && hook_install "$WORK/init.git" pre-receive
git remote add origin "$WORK/init.git"
git push -q origin main >"$WORK/.out" 2>&1
status "the strict hook refuses the new site as it is" 1 $?
contains "naming the contact page's line" "$WORK/.out" "remote: pages/contact.md:8:1: erreur : cette page contient encore une phrase du site créé par fabrique init"
fill_starter "$S"
contains "(the test's filling replaced them)" "$S/pages/contact.md" "Texte de la commune."
git -c user.name=T -c user.email=t@example.invalid commit -qam "Nos pages" &&
	git push -q origin main >"$WORK/.out" 2>&1
status "once they are replaced, the hook accepts the push" 0 $?
"$FABRIQUE" check --strict >"$WORK/.out" 2>&1
status "and the site checks clean under --strict" 0 $?
contains "with no warning" "$WORK/.out" "no warning, no error"
# a starter sentence wrapped over two lines, copied into another page
printf -- '---\ntitre: Horaires\n---\nLa mairie ouvre le matin. Indiquez\nici les horaires.\n' >pages/horaires.md
"$FABRIQUE" check --worktree >"$WORK/.out" 2>&1
contains "wrapped over two lines, it is found at its first word, quoted on one line" "$WORK/.out" \
	"pages/horaires.md:4:27: warning: this page still has a sentence of the site fabrique init made, meant for you, not for residents ('Indiquez ici les horaires.')"
rm pages/horaires.md
"$FABRIQUE" build -q 2>"$WORK/.err"
status "it builds from git into public/, which its .gitignore ignores" 0 $?
contains "the home page names the commune" "$S/public/index.html" "Saint-Aubin : l&#39;Île &quot;d&#39;en bas&quot;"
[ -f "$S/public/accessibilite/index.html" ] && [ -f "$S/public/mentions-legales/index.html" ] &&
	[ -f "$S/public/contact/index.html" ] && [ -f "$S/public/ateliers/nettoyer-les-abords-de-l-ecole/index.html" ]
status "the mandatory pages and the workshop are published" 0 $?
"$FABRIQUE" build -q --worktree 2>"$WORK/.err"
status "a --worktree build does not read public/ back (ignored)" 0 $?
[ -z "$(git status --porcelain)" ]
status "building leaves the repository clean" 0 $?

before=$(snapshot "$S")
cd "$WORK/home" || exit 1
LANGUAGE= LC_ALL=fr_FR.UTF-8 "$FABRIQUE" init journee 2>"$WORK/.err"
status "init into an existing site: exit 1" 1 $?
contains "each existing file is named, in French" "$WORK/.err" \
	"journee/site.yaml: erreur : ce fichier existe déjà ; fabrique init n’écrase jamais rien"
[ "$before" = "$(snapshot "$S")" ]
status "and nothing was changed" 0 $?

mkdir -p "$WORK/depot" && (cd "$WORK/depot" && $GIT init -q && $GIT commit -q --allow-empty -m vide)
"$FABRIQUE" init "$WORK/depot/site" >/dev/null 2>"$WORK/.err"
status "init inside an existing repository" 0 $?
[ ! -e "$WORK/depot/site/.git" ] && [ "$(git -C "$WORK/depot" rev-list --count HEAD)" = 1 ] &&
	git -C "$WORK/depot" status --porcelain | grep -q '^?? site/'
status "writes the files there for the editor to commit, no nested repository" 0 $?

"$FABRIQUE" init autre --insee 123 2>"$WORK/.err"
status "a malformed INSEE code is a usage error" 2 $?
"$FABRIQUE" init 2>"$WORK/.err"
status "init without a folder is a usage error" 2 $?
# The network's rule (geo.h, one home): 37299 is past Indre-et-Loire's
# last commune; init refused only malformed codes, and made a site that
# fabrique reseau leaves out (reseau24: README's own example did)
(cd "$WORK" && "$FABRIQUE" init hors --commune "Saint-Aubin" --insee 37299 >/dev/null 2>"$WORK/.err")
status "--insee 37299 is refused, as the network refuses it" 2 $?
contains "saying the range and where to look" "$WORK/.err" \
	"--insee: '37299' is no commune's INSEE code: the communes of Indre-et-Loire (37) are numbered from 37001 to 37282; look the commune up in INSEE's code officiel géographique"
[ ! -e "$WORK/hors" ] && ok "no site is made around it" || not_ok "no site is made around it" "$(ls "$WORK/hors")"
(cd "$WORK" && LANGUAGE= LC_ALL=fr_FR.UTF-8 "$FABRIQUE" init hors --insee 12345 >/dev/null 2>"$WORK/.err")
contains "in French, the network's sentence" "$WORK/.err" \
	"--insee : « 12345 » n’est le code INSEE d’aucune commune : les communes de Aveyron (12) sont numérotées de 12001 à 12307 ; cherchez la commune dans le code officiel géographique de l’INSEE"
(cd "$WORK" && "$FABRIQUE" init corse --insee 2A004 >/dev/null 2>"$WORK/.err")
status "a real code is taken (2A004)" 0 $?
# site.yaml's check says it too, at its line: a warning (the commune's
# own site works), naming what the network does
sed -i 's|^  insee: .*|  insee: "12345"|' "$WORK/corse/site.yaml"
(cd "$WORK/corse" && "$FABRIQUE" check --worktree >"$WORK/.out" 2>&1)
contains "a code edited into site.yaml past its range is said at its line" "$WORK/.out" \
	"site.yaml:5:10: warning: '12345' (commune.insee) is no commune's INSEE code: the communes of Aveyron (12) are numbered from 12001 to 12307; look the commune up in INSEE's code officiel géographique; a network site (fabrique reseau) leaves this commune out"

# Without --url, site.yaml holds an example address: every check warns
# (a strict one, as the server's pre-receive hook, fails) until the
# webmaster writes the real one; then it checks clean.  Outside tester:
# calendars were subscribed to at journee-citoyenne.example.
cd "$WORK/home" || exit 1
"$FABRIQUE" init sansurl >/dev/null 2>&1
cd "$WORK/home/sansurl" || exit 1
fill_starter . && git -c user.name=T -c user.email=t@example.invalid commit -qam "Nos pages"
"$FABRIQUE" check >"$WORK/.out" 2>&1
status "without --url: the check passes" 0 $?
contains "without --url: a warning at url's line" "$WORK/.out" \
	"site.yaml:9:6: warning: 'url' is still the address fabrique init wrote (https://journee-citoyenne.example)"
contains "without --insee: a warning at insee's line (tester18 F21: 00000 passed --strict, published in the open data)" "$WORK/.out" \
	"site.yaml:5:10: warning: 'insee' is still the code fabrique init wrote (00000), which no commune has"
contains "without --url nor --insee: two warnings" "$WORK/.out" "2 warnings, no error"
LANGUAGE= LC_ALL=fr_FR.UTF-8 "$FABRIQUE" check --strict >"$WORK/.out" 2>&1
status "without --url: a strict check fails" 1 $?
contains "without --url: said in French" "$WORK/.out" "« url » est encore l’adresse écrite par fabrique init"
sed -i 's|^url: .*|url: https://jc.saint-aubin.fr/|' site.yaml
"$FABRIQUE" check --strict --worktree >"$WORK/.out" 2>&1
status "the address replaced, not the code: a strict check fails" 1 $?
sed -i 's|^  insee: .*|  insee: "37214"|' site.yaml
"$FABRIQUE" check --strict --worktree >"$WORK/.out" 2>&1
status "the address and the code replaced: a strict check passes" 0 $?
cd "$WORK/home" || exit 1
"$FABRIQUE" init mauvaise --url ftp://journee.fr >/dev/null 2>"$WORK/.err"
status "init --url with no web address: exit 2" 2 $?
contains "init --url: what it takes" "$WORK/.err" "--url takes the address where the site will be published"
check "init --url refused: nothing written" test ! -e "$WORK/home/mauvaise"

# A mistyped edition year (outside tester, F2): the workshop would have
# no day, an .ics with no event and no place in the programme; an error
# at the year, naming the site's editions (init writes one).
cd "$WORK/home/sansurl" || exit 1
year=$(ls editions | sed -n 's/^\([0-9]\{4\}\)\.yaml$/\1/p' | head -n 1)
printf -- '---\ntitre: Edition\nedition: %s\nresume: Un atelier.\ndebut: "09:00"\nfin: "12:00"\nlieu: Salle des fêtes\n---\nTexte.\n' $((year + 4)) >ateliers/e6.md
"$FABRIQUE" check --worktree --strict >"$WORK/.out" 2>&1
status "a workshop naming an edition with no file: the check fails" 1 $?
contains "the error at the year, with the editions there are" "$WORK/.out" \
	"ateliers/e6.md:3:10: error: there is no edition $((year + 4)) (no file editions/$((year + 4)).yaml); the site's editions: $year. Did you mean $year?"
LANGUAGE= LC_ALL=fr_FR.UTF-8 "$FABRIQUE" build --worktree --out "$WORK/e6" >"$WORK/.out" 2>&1
status "nor is it built" 1 $?
contains "said in French" "$WORK/.out" "ateliers/e6.md:3:10: erreur : aucune édition $((year + 4)) (pas de fichier editions/$((year + 4)).yaml) ; éditions du site : $year. Vouliez-vous dire $year ?"
sed -i "s/^edition: .*/edition: $year/" ateliers/e6.md
"$FABRIQUE" check --worktree --strict >"$WORK/.out" 2>&1
status "the year corrected: a strict check passes" 0 $?
rm ateliers/e6.md

# Counts agree with their number (outside tester, F9): init's site has
# one workshop wanting volunteers, none cancelled.  French: « 1 atelier a
# besoin de vous », « 1 annulé »; English: 1 singular, 2 plural.  A count
# of none is not shown (« 0 annulé » was: the template engine takes 0 as
# true), on the programme nor on the home page.
cp -R "$WORK/home/sansurl" "$WORK/nombres-site"
cd "$WORK/nombres-site" || exit 1
"$FABRIQUE" build --worktree --out "$WORK/nombres" >/dev/null 2>&1
status "the init site builds" 0 $?
contains "home: 1 atelier a besoin de vous" "$WORK/nombres/index.html" \
	"<strong>1</strong> atelier a besoin de vous"
lacks "home: not 1 ateliers" "$WORK/nombres/index.html" "<strong>1</strong> ateliers"
contains "programme: 1 atelier" "$WORK/nombres/programme/index.html" "<strong>1</strong> atelier · "
lacks "programme: no cancelled workshop, no « 0 annulé »" "$WORK/nombres/programme/index.html" "<strong>0</strong>"
printf -- '---\ntitre: Annulé\nstatut: annule\n---\nTexte.\n' >ateliers/annule-1.md
"$FABRIQUE" build --worktree --out "$WORK/nombres" >/dev/null 2>&1
contains "programme: 1 annulé, singular in French" "$WORK/nombres/programme/index.html" "<strong>1</strong> annulé</p>"
sed -i 's/^benevoles: .*/benevoles: 0/' ateliers/nettoyer-les-abords-de-l-ecole.md
"$FABRIQUE" build --worktree --out "$WORK/nombres" >/dev/null 2>&1
lacks "programme: no volunteer wanted, no « 0 bénévole recherché »" "$WORK/nombres/programme/index.html" "<strong>0</strong>"
contains "programme: the count of workshops stays" "$WORK/nombres/programme/index.html" "<strong>2</strong> ateliers · <strong>1</strong> annulé</p>"
lacks "home: no volunteer wanted, no « 0 atelier a besoin de vous »" "$WORK/nombres/index.html" "<strong>0</strong>"
lacks "home: nor an empty block of figures" "$WORK/nombres/index.html" 'class="chiffres"' 
sed -i 's/^benevoles: .*/benevoles: 1/' ateliers/*.md
"$FABRIQUE" build --worktree --out "$WORK/nombres" >/dev/null 2>&1
contains "home: 1 bénévole recherché" "$WORK/nombres/index.html" "<strong>1</strong> bénévole recherché</li>"
mkdir -p theme/i18n
sed 's/^  annule_nombre: .*/  annule_nombre: cancelled workshop/; s/^  annules_nombre: .*/  annules_nombre: cancelled workshops/; s/^  atelier: .*/  atelier: workshop/; s/^  ateliers: .*/  ateliers: workshops/' \
	"$TOP/themes/commune/i18n/fr.yaml" >theme/i18n/en.yaml
sed -i 's/^langue: .*/langue: en/' site.yaml
"$FABRIQUE" build --worktree --out "$WORK/nombres" >"$WORK/.out" 2>&1
status "an English site builds" 0 $?
contains "English: 2 workshops" "$WORK/nombres/programme/index.html" "<strong>2</strong> workshops · "
contains "English: 1 cancelled workshop, singular" "$WORK/nombres/programme/index.html" "<strong>1</strong> cancelled workshop</p>"
mv ateliers/annule-1.md "$WORK/annule.md"
"$FABRIQUE" build --worktree --out "$WORK/nombres" >/dev/null 2>&1
contains "English: 1 workshop" "$WORK/nombres/programme/index.html" "<strong>1</strong> workshop · "
cp "$WORK/annule.md" ateliers/annule-1.md
cp "$WORK/annule.md" ateliers/annule-2.md
"$FABRIQUE" build --worktree --out "$WORK/nombres" >/dev/null 2>&1
contains "English: 2 cancelled workshops, plural" "$WORK/nombres/programme/index.html" "<strong>2</strong> cancelled workshops</p>"
cd "$WORK" && rm -rf "$WORK/nombres-site"

# A workshop without statut (outside tester, F3): nobody said it was
# confirmed, so the page says no status; a statut written is shown.
cp -R "$WORK/home/sansurl" "$WORK/statut-site"
cd "$WORK/statut-site" || exit 1
printf -- '---\ntitre: Sans statut\n---\nTexte.\n' >ateliers/e3.md
printf -- '---\ntitre: Proposé\nstatut: propose\n---\nTexte.\n' >ateliers/e4.md
"$FABRIQUE" build --worktree --out "$WORK/statut" >"$WORK/.out" 2>&1
status "workshops with and without statut build" 0 $?
lacks "no statut: not shown as confirmed" "$WORK/statut/ateliers/e3/index.html" "Confirmé"
lacks "no statut: no status line" "$WORK/statut/ateliers/e3/index.html" "<dt>Statut</dt>"
contains "statut: propose: shown" "$WORK/statut/ateliers/e4/index.html" "<dt>Statut</dt><dd>Proposé</dd>"
# its card in the lists: no empty label line nor empty list of pictos
# (a workshop with nothing to show there left both, a blank line)
tr -d '\n' <"$WORK/statut/ateliers/index.html" >"$WORK/flat.html"
lacks "the list: no empty <p class=etiquettes>" "$WORK/flat.html" '<p class="etiquettes"></p>'
lacks "the list: no empty <ul class=pictos>" "$WORK/flat.html" '<ul class="pictos"></ul>'
contains "the list: the card without statut is there" "$WORK/flat.html" '<h3><a href="/ateliers/e3/">Sans statut</a></h3>'
contains "the list: a card with a status keeps its label" "$WORK/flat.html" '<p class="etiquettes"><span class="badge badge-propose">Proposé</span>'
cd "$WORK" && rm -rf "$WORK/statut-site"

# A name pasted with blanks around it is trimmed: they went into every
# title (tester19 F2: « Journée citoyenne 2027 –   Sainte-Anne  »).
(cd "$WORK" && "$FABRIQUE" init padded --commune "  Sainte-Anne  " --insee 12202 >/dev/null 2>&1)
check "--commune with blanks around it: site.yaml holds the name alone" grep -q '^  nom: "Sainte-Anne" ' "$WORK/padded/site.yaml"
(cd "$WORK/padded" && "$FABRIQUE" build -q --out "$WORK/padded-out" >/dev/null 2>&1)
check "--commune with blanks around it: the title holds the name alone" grep -q '<title>[^<]*– Sainte-Anne</title>' "$WORK/padded-out/index.html"
