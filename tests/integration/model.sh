#!/bin/sh
# The data templates see (issue "content model"): site-level template
# overrides print variables plainly, so these tests check the model, not
# the theme's markup.  Also aliases and their conflicts.
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
mkmini "$R"
cd "$R" || exit 1
mkdir -p site/theme/templates
cat >site/theme/templates/atelier.mustache <<'T'
titre={{page.titre}}
precedent={{page.precedent.url}} suivant={{page.suivant.url}}
ariane={{#page.fil_ariane}}{{titre}}>{{/page.fil_ariane}}
quand={{page.date_texte}} / {{page.horaire}} / {{page.moment}} / {{page.moment_texte}}
categorie={{page.categorie.nom}}@{{page.categorie.url}} quartier={{page.quartier.nom}}
histoires={{#page.histoires}}{{url}};{{/page.histoires}}
edition={{page.edition}} courante={{edition.annee}}
T
cat >site/theme/templates/programme.mustache <<'T'
{{#page.programme}}{{#groupes}}{{id}}:{{#ateliers}}{{titre}},{{/ateliers}}|{{/groupes}}
nombre={{nombre}} benevoles={{benevoles}}
categories={{#par_categorie}}{{nom}}={{nombre}};{{/par_categorie}}{{/page.programme}}
T
sed -i 's/^titre: Planter des haies$/titre: Planter des haies\nalias:\n  - \/haies\//' site/ateliers/planter-des-haies.md
commit_all "$R" "gabarits de test" >/dev/null
# Built as in April 2026, before the day: workshops are still open.
SOURCE_DATE_EPOCH=$(date -u -d 2026-04-01T12:00:00Z +%s) \
	"$FABRIQUE" build site --out "$WORK/out" 2>"$WORK/.err"
status "the site builds" 0 $?
A=$WORK/out/ateliers/repeindre-le-preau/index.html
contains "previous and next in programme order" "$A" "precedent=/ateliers/nettoyer-le-lavoir-2025/ suivant=/ateliers/planter-des-haies/"
contains "breadcrumbs" "$A" "ariane=Accueil>Ateliers>Repeindre le préau>"
contains "date, times and time of day" "$A" "quand=samedi 23 mai 2026 / 9 h – 12 h / matin / Le matin"
contains "category and quartier with their pages" "$A" "categorie=Rénovation@/categories/renovation/ quartier=Le Bourg"
contains "stories citing the workshop" "$A" "histoires=/patrimoine/lavoir/;"
contains "edition defaults to the current one" "$A" "edition=2026 courante=2026"
P=$WORK/out/programme/index.html
contains "programme grouped by time of day" "$P" "matin:Repeindre le préau,|apres-midi:Planter des haies,|"
contains "programme counts and volunteers" "$P" "nombre=2 benevoles=13"
contains "programme by category" "$P" "categories=Rénovation=1;Nature=1;"
contains "an alias redirects to the page" "$WORK/out/haies/index.html" 'url=/ateliers/planter-des-haies/'
# The redirect is marked noindex and leads to a page listed on its own:
# neither the sitemap nor the phone's precache holds it (tester22 F9).
contains "the sitemap lists the page" "$WORK/out/sitemap.xml" "/ateliers/planter-des-haies/</loc>"
lacks "the sitemap leaves the alias out" "$WORK/out/sitemap.xml" "/haies/</loc>"
contains "the service worker precaches the page" "$WORK/out/sw.js" '"/ateliers/planter-des-haies/"'
lacks "the service worker leaves the alias out" "$WORK/out/sw.js" '"/haies/"'

# An alias may not take an address already in use.
sed -i 's/  - \/haies\//  - \/programme\//' site/ateliers/planter-des-haies.md
commit_all "$R" "alias en conflit" >/dev/null
"$FABRIQUE" build site --out "$WORK/out" 2>"$WORK/.err"
status "an alias taking a used address fails" 1 $?
contains "the conflict is said at the alias, naming the address (outside tester 30 F3)" "$WORK/.err" \
	"site/ateliers/planter-des-haies.md:4:5: error: the alias /programme/ is already the address of a page the site makes itself (the home page, the programme, a list): remove it from 'alias'"
# An alias on a file the build writes from the whole site passed check,
# then every build failed, naming no file (outside tester 30 F3).
for A in /programme.ics /sw.js /404.html /flux.xml /robots.txt /manifest.webmanifest /recherche/index.json /programme.json; do
	sed -i "s|^  - /.*|  - $A|" site/ateliers/planter-des-haies.md
	commit_all "$R" "alias $A" >/dev/null
	"$FABRIQUE" check site >"$WORK/.err" 2>&1
	status "check refuses the alias $A" 1 $?
	contains "... at the alias, saying what it is" "$WORK/.err" \
		"site/ateliers/planter-des-haies.md:4:5: error: the alias $A is the address of a file the site publishes itself"
done
# ... and one on another page's address names that page's file.
sed -i "s|^  - /.*|  - /ateliers/repeindre-le-preau/|" site/ateliers/planter-des-haies.md
commit_all "$R" "alias sur un autre atelier" >/dev/null
"$FABRIQUE" check site >"$WORK/.err" 2>&1
status "check refuses an alias on another page's address" 1 $?
contains "... naming that page's file" "$WORK/.err" \
	"site/ateliers/planter-des-haies.md:4:5: error: the alias /ateliers/repeindre-le-preau/ is already the address of site/ateliers/repeindre-le-preau.md: remove it from 'alias'"
sed -i "s|^  - /.*|  - /programme/|" site/ateliers/planter-des-haies.md

# Drafts and publication dates: the build date is the commit's.
sed -i 's/  - \/programme\//  - \/haies\//' site/ateliers/planter-des-haies.md
sed -i 's/^titre: Contact$/titre: Contact\nbrouillon: true/' site/pages/contact.md
sed -i "s/^titre: Planter des haies$/titre: Planter des haies\npublier_le: 2999-01-01/" site/ateliers/planter-des-haies.md
commit_all "$R" "brouillons" >/dev/null
"$FABRIQUE" build site --out "$WORK/out" 2>"$WORK/.err"
status "drafts build" 0 $?
check "a draft is not published" test ! -e "$WORK/out/contact/index.html"
check "a page due later is not published" test ! -e "$WORK/out/ateliers/planter-des-haies/index.html"
"$FABRIQUE" build site --drafts --out "$WORK/out2" 2>"$WORK/.err"
check "--drafts publishes the draft" test -f "$WORK/out2/contact/index.html"
check "--drafts publishes the page due later" test -f "$WORK/out2/ateliers/planter-des-haies/index.html"

# Previous and next, the lists of generated pages and the programme are
# made on the loading threads from 64 pages on (site_gen.c,
# site_theme.c): 70 evening workshops, the same files with one thread or
# two, each workshop between its neighbours of the same kind in
# programme order (date, time, title).
i=1
while [ "$i" -le 70 ]; do
	n=$(printf %02d "$i")
	printf -- '---\ntitre: Veillée %s\ndebut: "20:00"\nfin: "22:00"\ncategorie: nature\nquartier: bourg\ntags: [soirée]\nbenevoles: 2\nlieu:\n  nom: Salle des fêtes\n---\nVeillée %s.\n' \
		"$n" "$n" >site/ateliers/veillee-$n.md
	i=$((i + 1))
done
commit_all "$R" "70 veillées" >/dev/null
for j in 1 2; do
	SOURCE_DATE_EPOCH=$(date -u -d 2026-04-01T12:00:00Z +%s) \
		"$FABRIQUE" build site --jobs $j --out "$WORK/j$j" 2>"$WORK/j$j.err"
	status "70 workshops, $j thread(s): the site builds" 0 $?
	V=$WORK/j$j/ateliers
	contains "70 workshops, $j thread(s): a workshop between its neighbours" "$V/veillee-35/index.html" \
		"precedent=/ateliers/veillee-34/ suivant=/ateliers/veillee-36/"
	contains "70 workshops, $j thread(s): the first after the morning's" "$V/veillee-01/index.html" \
		"precedent=/ateliers/repeindre-le-preau/ suivant=/ateliers/veillee-02/"
	check "70 workshops, $j thread(s): the last has no next" \
		grep -qx "precedent=/ateliers/veillee-69/ suivant=" "$V/veillee-70/index.html"
	contains "70 workshops, $j thread(s): the programme counts them" "$WORK/j$j/programme/index.html" "nombre=71 benevoles="
done
check "70 workshops: two threads and one give the same files" diff -r "$WORK/j1" "$WORK/j2"
