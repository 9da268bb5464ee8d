#!/bin/sh
# Links from the site's root ("/patrimoine/lavoir/") in Markdown and in
# site.yaml's url fields (menu) are checked like links to .md files
# (outside tester: a story's [le lavoir](/patrimoine/lavoir/) to no page
# and a menu entry /contcat/ passed check --strict and were published as
# 404s on every page): one that names nothing the build publishes is an
# error at its place, with the page meant; pages, generated pages and
# files, calendars, whole-site outputs and theme assets are found; a
# site under a path (url: https://host/journee/) leaves the host's other
# paths alone; an unchanged page is still told when its target goes.
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
mkmini "$R"
S=$R/site
OUT=$WORK/out
run() { (cd "$R" && "$FABRIQUE" "$@" >"$WORK/log" 2>&1; echo $? >"$WORK/rc"); }
rc() { cat "$WORK/rc"; }
# back COMMIT: the site as it was at COMMIT, in a new commit
back() { (cd "$R" && $GIT checkout -q "$1" -- site && $GIT commit -qm "Retour"); }
here() { git -C "$R" rev-parse HEAD; }

# links that lead somewhere: pages (with and without their last '/',
# with an anchor), generated pages, a file, calendars, whole-site outputs
cat >>"$S/pages/contact.md" <<'EOF'

Voir [le lavoir](/patrimoine/lavoir/#histoire), [le programme](/programme/),
[le patrimoine](/patrimoine), [l'accueil](/), [les horaires](/documents/horaires.pdf),
[l'agenda](/programme.ics), [l'atelier](/ateliers/repeindre-le-preau/atelier.ics),
[le flux](/flux.xml), [le plan du site](/sitemap.xml), [robots](/robots.txt),
[les données](/programme.json), [en tableau](/programme.csv),
[l'index](/recherche/index.json), [le manifeste](/manifest.webmanifest),
[le service](/sw.js), [introuvable](/404.html), [la recherche](/recherche/?q=haie).
EOF
cp "$S/documents/plan.pdf" "$S/documents/horaires.pdf" # linked from nowhere else
cat >>"$S/site.yaml" <<'EOF'
menu:
  - titre: Programme
    url: /programme/
  - titre: Contact
    url: /contact/
EOF
commit_all "$R" "Des liens depuis la racine"
run check site --strict
status "links to pages, generated pages, files and outputs: check passes" 0 "$(rc)"
run build site --out "$OUT"
status "and the site builds" 0 "$(rc)"
check "the file linked from the root is published" test -f "$OUT/documents/horaires.pdf"
contains "the link stays as written" "$OUT/contact/index.html" 'href="/patrimoine/lavoir/#histoire"'
# a page named without its last '/': its own address, no redirect, and
# the one the service worker keeps it under for offline (tester17 F7)
contains "/patrimoine becomes the page's address" "$OUT/contact/index.html" 'href="/patrimoine/">le patrimoine'
# every whole-site output linked to is one the build wrote
for f in programme.ics ateliers/repeindre-le-preau/atelier.ics flux.xml sitemap.xml \
	robots.txt programme.json programme.csv recherche/index.json manifest.webmanifest sw.js 404.html; do
	check "/$f, linked, is in the output" test -f "$OUT/$f"
done
css=$(cd "$OUT" && ls assets/css/*.css | head -n 1)
printf '\n[le style](/%s)\n' "$css" >>"$S/pages/contact.md"
commit_all "$R" "Un lien vers une feuille de style du thème"
run check site --strict
status "a theme asset by its address: check passes" 0 "$(rc)"

# every file the build wrote is a link target (but the output's mark and
# processed photos' variants, whose names are not the site's): a
# whole-site output whose name is not in src/wholesite.h fails here
before=$(here)
(cd "$OUT" && find . -type f ! -name '.*' | sed 's|^\./||' | LC_ALL=C sort) |
	while read -r f; do
		case $f in *.jpg | *.webp) [ -e "$S/$f" ] || continue ;; esac
		printf '[%s](/%s)\n' "$f" "$f"
	done >"$WORK/every"
check "the files written at the root are listed" grep -qxF '[robots.txt](/robots.txt)' "$WORK/every"
{ echo; cat "$WORK/every"; } >>"$S/pages/contact.md"
commit_all "$R" "Un lien vers chaque fichier publié"
(cd "$R" && check "a link to every file the build wrote: check --strict passes" \
	"$FABRIQUE" check site --strict)
back "$before"

good=$(here)
# a story's link to no page: an error at its place, in both languages
printf '\nVoir [le lavoir](/patrimoine/lavoir-du-bourg/).\n' >>"$S/patrimoine/lavoir.md"
commit_all "$R" "Un lien vers une page qui n'existe pas"
run check site --strict
status "a link to no page: check fails" 1 "$(rc)"
contains "it is said at the link, with what to do" "$WORK/log" \
	"site/patrimoine/lavoir.md:11:18: error: the link '/patrimoine/lavoir-du-bourg/' leads to no page or file of the site; link to the page's .md file"
(cd "$R" && LANGUAGE= LC_ALL=fr_FR.UTF-8 LANG=fr_FR.UTF-8 "$FABRIQUE" check site >"$WORK/log" 2>&1)
contains "in French" "$WORK/log" \
	"site/patrimoine/lavoir.md:11:18: erreur : le lien « /patrimoine/lavoir-du-bourg/ » ne mène à aucune page ni à aucun fichier du site"
run build site --out "$WORK/broken"
status "the build fails too" 1 "$(rc)"
check "and publishes nothing" test ! -e "$WORK/broken/index.html"
back "$good"

# a menu entry with a typo: the page meant
sed -i 's|url: /contact/|url: /contcat/|' "$S/site.yaml"
commit_all "$R" "Une faute dans le menu"
run check site --strict
status "a menu entry to no page: check fails" 1 "$(rc)"
contains "said at the entry, with the page meant" "$WORK/log" \
	"site/site.yaml:18:10: error: '/contcat/' is the address of no page of the site; did you mean /contact/?"
# one round: a link in a page is told with it
printf '\nVoir [le lavoir](/patrimoine/lavoir-du-bourg/).\n' >>"$S/patrimoine/lavoir.md"
commit_all "$R" "Et un lien faux"
run check site --strict
contains "one check tells the link with the menu's entry" "$WORK/log" \
	"site/patrimoine/lavoir.md:11:18: error: the link '/patrimoine/lavoir-du-bourg/'"
back "$good"

# a link to a draft is said as a link to its .md file is
sed -i 's|^titre: Contact|titre: Contact\nbrouillon: true|' "$S/pages/contact.md"
printf '\nÉcrivez-nous : [contact](/contact/).\n' >>"$S/patrimoine/lavoir.md"
commit_all "$R" "Un lien vers un brouillon"
run check site
status "a link to a draft: check fails" 1 "$(rc)"
contains "said as for a .md link" "$WORK/log" \
	"site/patrimoine/lavoir.md:11:26: error: the link '/contact/' points to a draft or a page not yet published"
back "$good"

# addresses copied from the browser's bar (F16): the site's own full
# address is checked as its path is; the preview's (localhost,
# 127.0.0.1) is an error; another site's is kept
printf '\nVoir [le lavoir](https://jc.villeneuve-test.fr/patrimoine/lavoir/) et [le programme](HTTPS://JC.villeneuve-test.example/programme/).\n' >>"$S/patrimoine/lavoir.md"
printf '\nVoir [le service public](https://www.service-public.fr/particuliers/).\n' >>"$S/patrimoine/lavoir.md"
commit_all "$R" "Des adresses complètes justes"
run build site --strict --out "$OUT"
status "the site's own full addresses that lead somewhere pass --strict" 0 "$(rc)"
contains "and are published as written" "$OUT/patrimoine/lavoir/index.html" \
	'href="https://jc.villeneuve-test.fr/patrimoine/lavoir/"'
contains "another site's address is kept" "$OUT/patrimoine/lavoir/index.html" \
	'href="https://www.service-public.fr/particuliers/"'
printf '\nVoir [le lavoir](https://jc.villeneuve-test.fr/patrimoine/lavoi/), [en local](http://localhost:1313/programme/) et [ici](http://127.0.0.1:8080/contact/).\n' >>"$S/patrimoine/lavoir.md"
commit_all "$R" "Des adresses copiées de la barre"
(cd "$R" && LANGUAGE= LC_ALL=fr_FR.UTF-8 "$FABRIQUE" check site >"$WORK/log" 2>&1)
status "a typo in the site's own full address, a preview's address: check fails" 1 $?
contains "the typo: the page meant" "$WORK/log" \
	"« /patrimoine/lavoi/ » n’est l’adresse d’aucune page du site ; vouliez-vous dire /patrimoine/lavoir/ ?"
contains "the preview's address: said, in French, with the path to write" "$WORK/log" \
	"le lien « http://localhost:1313/programme/ » mène à l’aperçu sur cet ordinateur, que les habitants ne peuvent pas joindre ; écrivez l’adresse de la page depuis la racine du site : /programme/"
contains "127.0.0.1 too" "$WORK/log" "le lien « http://127.0.0.1:8080/contact/ » mène à l’aperçu sur cet ordinateur"
back "$good"

# an image at the site's own full address (a photo's address copied
# from the browser's bar) is the site's file, no third party's: checked
# as its path is and loaded from the site; another host's is still an
# error, and a missing file from the root says the file's name
printf '\n![Le lavoir](https://jc.villeneuve-test.fr/retours/fete-2025/lavoir.png)\n' >>"$S/patrimoine/lavoir.md"
commit_all "$R" "Une image à l'adresse du site"
run build site --strict --out "$OUT"
status "an image at the site's own address passes --strict" 0 "$(rc)"
check "it is loaded from the site, as the photo's file name gives it" \
	grep -Eq '<img src="/retours/fete-2025/lavoir[^"]*" alt="Le lavoir"' "$OUT/patrimoine/lavoir/index.html"
printf '\n![Le bassin](https://jc.villeneuve-test.fr/retours/fete-2025/bassin.png) ![La place](https://photos.example/place.jpg) ![Le préau](/retours/fete-2025/preau.png)\n' >>"$S/patrimoine/lavoir.md"
commit_all "$R" "Des images introuvables ou d'ailleurs"
(cd "$R" && LANGUAGE= LC_ALL=fr_FR.UTF-8 "$FABRIQUE" check site >"$WORK/log" 2>&1)
status "a missing file at the site's address, another host's image: check fails" 1 $?
contains "the missing file at the site's address: its name" "$WORK/log" \
	"site/patrimoine/lavoir.md:13:14: erreur : le lien « /retours/fete-2025/bassin.png » mène à retours/fete-2025/bassin.png, qui n’existe pas ; vérifiez le nom du fichier (un lien qui commence par / part du dossier du site)"
contains "another host's image: a third party" "$WORK/log" \
	"site/patrimoine/lavoir.md:13:86: erreur : cette image est chargée depuis un autre site (photos.example)"
contains "a missing file from the root: its name, not a page's advice" "$WORK/log" \
	"site/patrimoine/lavoir.md:13:132: erreur : le lien « /retours/fete-2025/preau.png » mène à retours/fete-2025/preau.png, qui n’existe pas"
lacks "no image is said to come from the site's own host" "$WORK/log" "autre site (jc.villeneuve-test.fr)"
back "$good"

# a site published under a path: the host's other paths are its own
sed -i 's|^url: .*|url: https://jc.villeneuve-test.fr/journee/|' "$S/site.yaml"
printf '\nVoir [la mairie](/mairie/) et [le programme](/journee/programme/).\n' >>"$S/patrimoine/lavoir.md"
commit_all "$R" "Un site sous /journee/"
run check site --strict
status "under a path: a link outside it, and one by its full path, pass" 0 "$(rc)"
printf '\nVoir [le programe](/journee/programe/).\n' >>"$S/patrimoine/lavoir.md"
commit_all "$R" "Une faute sous /journee/"
run check site --strict
status "under a path: a wrong link inside it fails" 1 "$(rc)"
contains "with the page meant" "$WORK/log" \
	"'/journee/programe/' is the address of no page of the site; did you mean /programme/?"
# a slip for one of the site's own pages written from the host's root
# (F1: it went to https://host/programe/, a 404 on another site)
sed -i '$d' "$S/patrimoine/lavoir.md"
printf '\nVoir [le programe](/programe/) et [un atelier](/ateliers/inconnu/).\n' >>"$S/patrimoine/lavoir.md"
commit_all "$R" "Des fautes depuis la racine du domaine"
run check site --strict
status "under a path: a typo of a site page from the host's root fails" 1 "$(rc)"
contains "close to a page: the page meant" "$WORK/log" \
	"'/programe/' is the address of no page of the site; did you mean /programme/?"
contains "in one of the site's sections: said too" "$WORK/log" \
	"the link '/ateliers/inconnu/' leads to no page or file of the site"
lacks "/mairie/, far from every page, is still the host's" "$WORK/log" "/mairie/"
sed -i '$d' "$S/patrimoine/lavoir.md"
printf '\n![La mairie](https://jc.villeneuve-test.fr/mairie/facade.jpg)\n' >>"$S/patrimoine/lavoir.md"
commit_all "$R" "Une image du site de la mairie, même hôte"
run build site --out "$OUT"
status "under a path: an image on the site's host outside it builds" 0 "$(rc)"
contains "kept as written: the commune's own host, no third party" "$OUT/patrimoine/lavoir/index.html" \
	'src="https://jc.villeneuve-test.fr/mairie/facade.jpg"'
back "$good"

# the target goes in a later commit; the linking page is unchanged and
# the build into the same folder reuses its render
run build site --out "$OUT"
status "before: the site builds" 0 "$(rc)"
# (the workshop's link to its file goes with it: only the link from the
# root is left to tell)
sed -i 's|voir \[le lavoir\](../patrimoine/lavoir.md#histoire) et|voir|' "$S/ateliers/repeindre-le-preau.md"
(cd "$R" && $GIT rm -q site/patrimoine/lavoir.md && $GIT commit -qam "Le lavoir retiré")
run build site --out "$OUT" --verbose
status "target removed, linking page unchanged: the build fails" 1 "$(rc)"
contains "the unchanged page's link is said" "$WORK/log" \
	"site/pages/contact.md:6:18: error: the link '/patrimoine/lavoir/#histoire' leads to no page"
check "the linking page's Markdown came from the cache" grep -Eq 'Markdown of [1-9][0-9]* page\(s\) reused' "$WORK/log"
check "the published site stays as it was" test -f "$OUT/patrimoine/lavoir/index.html"
run check site
status "check says it too" 1 "$(rc)"
contains "check: at the link" "$WORK/log" "site/pages/contact.md:6:18: error: the link '/patrimoine/lavoir/#histoire'"
