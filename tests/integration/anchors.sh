#!/bin/sh
# A link to a heading that does not exist ("lavoir.md#acces" after the
# heading was renamed, "#horaires" mistyped) is an error at the link, in
# the editor's terms, in French and English: before, it was published
# broken.  It is checked again when only the page linked to changes
# (the linking page's render comes from the cache), by check with the
# other errors in one round, and by the pre-receive hook.
. "$(dirname "$0")/../lib.sh"

example_repo
commit() { (cd "$R" && $GIT commit -qam "$1"); }

run_lang C.UTF-8 build
status "the example site builds" 0 "$(cat "$WORK/rc")"

# right links: a heading with an accent and an apostrophe in another
# page, one of the page itself, an id the theme writes
cat >>"$C/pages/contact.md" <<'EOF'

Voir [l'après-midi](../ateliers/restaurer-le-lavoir.md#l-apres-midi), [la mairie](#mairie-de-saint-aubin-des-levees) et [le contenu](#contenu).
EOF
good=$(wc -l <"$C/pages/contact.md")
commit "liens vers des titres"
run_lang C.UTF-8 build
status "right links to headings: the build succeeds" 0 "$(cat "$WORK/rc")"
lacks "right links to headings: no error" "$WORK/out" "error"
contains "the link to another page's heading is its URL and anchor" "$OUT/contact/index.html" \
	'href="/ateliers/restaurer-le-lavoir/#l-apres-midi"'
contains "the heading has that id" "$OUT/ateliers/restaurer-le-lavoir/index.html" 'id="l-apres-midi"'

# broken: a heading of another page, one of the page itself
cat >>"$C/pages/contact.md" <<'EOF'

Voir [l'après-midi](../ateliers/restaurer-le-lavoir.md#apres-midi) et [les horaires](#horaires).
EOF
bad=$(wc -l <"$C/pages/contact.md")
commit "liens cassés"
run_lang C.UTF-8 build
status "broken links to headings: the build fails" 1 "$(cat "$WORK/rc")"
contains "another page: at the link, the page's headings, the id meant" "$WORK/out" \
	"content/pages/contact.md:$bad:21: error: link to '#apres-midi' in content/ateliers/restaurer-le-lavoir.md: no heading of that page has this anchor; did you mean '#l-apres-midi'? Its headings: Le matin (#le-matin), L’après-midi (#l-apres-midi) (a heading's anchor is its text in lower case, without accents, words joined by '-'); correct the link, or the heading if it was renamed"
contains "the page itself: at the link, its headings" "$WORK/out" \
	"content/pages/contact.md:$bad:86: error: link to '#horaires' in this page: no heading of this page has this anchor; its headings: Mairie de Saint-Aubin-des-Levées (#mairie-de-saint-aubin-des-levees), Selon votre question (#selon-votre-question)"
n=$(grep -c ': error: ' "$WORK/out")
if [ "$n" = 2 ]; then ok "two errors, the right links none"; else not_ok "two errors, the right links none ($n)" "$(cat "$WORK/out")"; fi
run_lang fr_FR.UTF-8 build
contains "another page, in French" "$WORK/out" \
	"content/pages/contact.md:$bad:21: erreur : lien vers « #apres-midi » dans content/ateliers/restaurer-le-lavoir.md : ce titre n’existe pas dans la page ; vouliez-vous dire « #l-apres-midi » ? Titres de la page : Le matin (#le-matin), L’après-midi (#l-apres-midi) (l’ancre d’un titre est son texte en minuscules, sans accents, les mots reliés par « - ») ; corrigez le lien, ou le titre s’il a été renommé"
contains "the page itself, in French" "$WORK/out" \
	"content/pages/contact.md:$bad:86: erreur : lien vers « #horaires » dans cette page : ce titre n’existe pas dans la page ; titres de la page : Mairie"

# check says them in one round with an error of another kind
line=$(grep -n '^debut:' "$C/ateliers/repeindre-le-preau.md" | cut -d: -f1)
sed -i 's/^debut:.*/debut: "25:99"/' "$C/ateliers/repeindre-le-preau.md"
commit "heure impossible"
run_lang C.UTF-8 check
status "check: exit status 1" 1 "$(cat "$WORK/rc")"
contains "check: the wrong time" "$WORK/out" "content/ateliers/repeindre-le-preau.md:$line:"
contains "check: the broken heading of another page, same round" "$WORK/out" \
	"content/pages/contact.md:$bad:21: error: link to '#apres-midi'"
contains "check: the broken heading of the page, same round" "$WORK/out" \
	"content/pages/contact.md:$bad:86: error: link to '#horaires'"
(cd "$R" && $GIT reset -q --hard HEAD~1)
run_lang C.UTF-8 check
contains "check, the model whole: the broken heading of another page" "$WORK/out" \
	"content/pages/contact.md:$bad:21: error: link to '#apres-midi'"

# fixed, then the heading linked to is renamed in a later commit while
# the page linking to it is unchanged: the next (incremental) build
# fails, at the unchanged page's link
(cd "$R" && $GIT reset -q --hard HEAD~1)
run_lang C.UTF-8 build
status "fixed: the build succeeds" 0 "$(cat "$WORK/rc")"
sed -i 's/^## L’après-midi$/## L’après-midi au lavoir/' "$C/ateliers/restaurer-le-lavoir.md"
commit "titre renommé"
(cd "$R" && LC_ALL=C.UTF-8 "$FABRIQUE" build --verbose content --out "$OUT" >"$WORK/out" 2>&1; echo $? >"$WORK/rc")
status "heading renamed, linking page unchanged: the build fails" 1 "$(cat "$WORK/rc")"
check "heading renamed: the linking pages' renders were reused" grep -qE "Markdown of [1-9][0-9]* page\(s\) reused, [1-3] rendered" "$WORK/out"
contains "heading renamed: said at the unchanged page's link" "$WORK/out" \
	"content/pages/contact.md:$good:21: error: link to '#l-apres-midi' in content/ateliers/restaurer-le-lavoir.md: no heading of that page has this anchor; did you mean '#l-apres-midi-au-lavoir'?"
contains "heading renamed: the site was not published" "$OUT/contact/index.html" 'href="/ateliers/restaurer-le-lavoir/#l-apres-midi"'
run_lang C.UTF-8 check
contains "heading renamed: check says it too" "$WORK/out" "content/pages/contact.md:$good:21: error: link to '#l-apres-midi'"
sed -i 's/restaurer-le-lavoir.md#l-apres-midi)/restaurer-le-lavoir.md#l-apres-midi-au-lavoir)/' "$C/pages/contact.md"
commit "lien corrigé"
run_lang C.UTF-8 build
status "link corrected: the build succeeds" 0 "$(cat "$WORK/rc")"
contains "link corrected: published" "$OUT/contact/index.html" 'href="/ateliers/restaurer-le-lavoir/#l-apres-midi-au-lavoir"'

# from the site's root: "/ateliers/restaurer-le-lavoir/#le-matin" is a
# heading of that page as "restaurer-le-lavoir.md#le-matin" is (before,
# only the path was checked)
before=$(git -C "$R" rev-parse HEAD)
cat >>"$C/pages/contact.md" <<'EOF'

Le [matin](/ateliers/restaurer-le-lavoir/#le-matin) ou [le matin](/ateliers/restaurer-le-lavoir/#le-matn).
EOF
root=$(wc -l <"$C/pages/contact.md")
commit "liens depuis la racine vers des titres"
run_lang C.UTF-8 build
status "/x/#heading to no heading: the build fails" 1 "$(cat "$WORK/rc")"
contains "/x/#heading: at the link, the page's headings, the id meant" "$WORK/out" \
	"content/pages/contact.md:$root:67: error: link to '#le-matn' in content/ateliers/restaurer-le-lavoir.md: no heading of that page has this anchor; did you mean '#le-matin'? Its headings: Le matin (#le-matin), L’après-midi au lavoir (#l-apres-midi-au-lavoir)"
n=$(grep -c ': error: ' "$WORK/out")
if [ "$n" = 1 ]; then ok "/x/#heading: one error, the right link none"; else not_ok "/x/#heading: one error, the right link none ($n)" "$(cat "$WORK/out")"; fi
run_lang fr_FR.UTF-8 build
contains "/x/#heading, in French" "$WORK/out" \
	"content/pages/contact.md:$root:67: erreur : lien vers « #le-matn » dans content/ateliers/restaurer-le-lavoir.md : ce titre n’existe pas dans la page ; vouliez-vous dire « #le-matin » ?"
sed -i 's|/#le-matn)|/#le-matin)|' "$C/pages/contact.md"
commit "lien depuis la racine corrigé"
run_lang C.UTF-8 build
status "/x/#heading right: the build succeeds" 0 "$(cat "$WORK/rc")"
contains "/x/#heading right: published as written" "$OUT/contact/index.html" \
	'href="/ateliers/restaurer-le-lavoir/#le-matin"'
# the heading renamed, the linking page unchanged (its render reused)
sed -i 's/^## Le matin$/## Le matin au lavoir/' "$C/ateliers/restaurer-le-lavoir.md"
commit "titre du matin renommé"
(cd "$R" && LC_ALL=C.UTF-8 "$FABRIQUE" build --verbose content --out "$OUT" >"$WORK/out" 2>&1; echo $? >"$WORK/rc")
status "/x/#heading renamed, linking page unchanged: the build fails" 1 "$(cat "$WORK/rc")"
check "/x/#heading renamed: the linking page's render was reused" grep -qE "Markdown of [1-9][0-9]* page\(s\) reused, [1-3] rendered" "$WORK/out"
contains "/x/#heading renamed: said at the unchanged page's link" "$WORK/out" \
	"content/pages/contact.md:$root:12: error: link to '#le-matin' in content/ateliers/restaurer-le-lavoir.md: no heading of that page has this anchor; did you mean '#le-matin-au-lavoir'?"
# a site published under a path: /journee/x/#heading is x's heading too
sed -i 's|^url: .*|url: https://ville.example/journee/|' "$C/site.yaml"
sed -i 's|](/ateliers/restaurer-le-lavoir/#le-matin)|](/journee/ateliers/restaurer-le-lavoir/#le-matin-au-lavoir)|g' "$C/pages/contact.md"
commit "sous /journee/"
run_lang C.UTF-8 build
status "under a path, /journee/x/#heading right: the build succeeds" 0 "$(cat "$WORK/rc")"
sed -i 's|/#le-matin-au-lavoir)|/#le-matin-au-lavoi)|' "$C/pages/contact.md"
commit "sous /journee/, un lien cassé"
run_lang C.UTF-8 build
status "under a path, /journee/x/#heading to no heading: the build fails" 1 "$(cat "$WORK/rc")"
contains "under a path: at the link, the id meant" "$WORK/out" \
	"content/pages/contact.md:$root:12: error: link to '#le-matin-au-lavoi' in content/ateliers/restaurer-le-lavoir.md: no heading of that page has this anchor; did you mean '#le-matin-au-lavoir'?"
(cd "$R" && $GIT reset -q --hard "$before")
run_lang C.UTF-8 build
status "back before the links from the root: the build succeeds" 0 "$(cat "$WORK/rc")"

# a url field's path of this site with a heading: site.yaml's banner
# link, an edition's sign-up page; said at the field, checked again
# when only the page linked to changes
lien=$(grep -n '^  lien: /participer/$' "$C/site.yaml" | cut -d: -f1)
sed -i 's|^  lien: /participer/$|  lien: /participer/#le-jour-j|' "$C/site.yaml"
sed -i 's|^  url: https://journee-citoyenne.saint-aubin-des-levees.example/participer/$|  url: /participer/#avec-des-enfants|' "$C/editions/2025.yaml"
commit "champs vers des titres"
run_lang C.UTF-8 build
status "url fields to headings: the build succeeds" 0 "$(cat "$WORK/rc")"
lacks "url fields to headings: no error" "$WORK/out" "error"
sed -i 's|#le-jour-j$|#le-jour|' "$C/site.yaml"
sed -i 's|#avec-des-enfants$|#avec-les-enfants|' "$C/editions/2025.yaml"
commit "champs vers des titres cassés"
run_lang C.UTF-8 check
status "url fields to no heading: check fails" 1 "$(cat "$WORK/rc")"
contains "site.yaml's field: at the field, the id meant" "$WORK/out" \
	"content/site.yaml:$lien:9: error: link to '#le-jour' in content/pages/participer.md: no heading of that page has this anchor; did you mean '#le-jour-j'?"
contains "an edition's field: at the field" "$WORK/out" \
	"content/editions/2025.yaml:27:8: error: link to '#avec-les-enfants' in content/pages/participer.md: no heading of that page has this anchor; did you mean '#avec-des-enfants'?"
sed -i 's|#le-jour$|#le-jour-j|; ' "$C/site.yaml"
sed -i 's|#avec-les-enfants$|#avec-des-enfants|' "$C/editions/2025.yaml"
sed -i 's/^## Le jour J$/## Le jour de la journée/' "$C/pages/participer.md"
commit "titre renommé, champ inchangé"
run_lang C.UTF-8 build
status "heading renamed, the field unchanged: the build fails" 1 "$(cat "$WORK/rc")"
contains "heading renamed: said at the unchanged field" "$WORK/out" \
	"content/site.yaml:$lien:9: error: link to '#le-jour-j' in content/pages/participer.md"
(cd "$R" && $GIT reset -q --hard "$before")
run_lang C.UTF-8 build
status "back before the url fields: the build succeeds" 0 "$(cat "$WORK/rc")"

# a page fabrique makes (the programme, the home page) is checked against
# the ids its HTML really writes: the programme's « Le matin » is
# #moment-matin, not #le-matin (before: « that page has no heading »
# for any wrong one, and any #moment-... or an id of another template
# passed); also when those pages are kept from the last build
cat >>"$C/pages/contact.md" <<'EOF'

Voir [l'après-midi](/programme/#moment-apres-midi) et [le patrimoine](/#titre-patrimoine).
EOF
gen=$(wc -l <"$C/pages/contact.md")
commit "liens vers des titres du programme"
run_lang C.UTF-8 build
status "generated pages, right anchors: the build succeeds" 0 "$(cat "$WORK/rc")"
lacks "generated pages, right anchors: no error" "$WORK/out" "error"
echo "Voir [le matin](/programme/#le-matin)." >>"$C/pages/contact.md"
commit "lien vers le matin du programme"
(cd "$R" && LC_ALL=C.UTF-8 "$FABRIQUE" build --verbose content --out "$OUT" >"$WORK/out" 2>&1; echo $? >"$WORK/rc")
status "programme, #le-matin: the build fails" 1 "$(cat "$WORK/rc")"
check "programme, #le-matin: the programme was kept from the last build" grep -qE "; [1-9][0-9]* page\(s\) kept without rendering" "$WORK/out"
contains "programme, #le-matin: at the link, the id meant, the programme's headings" "$WORK/out" \
	"content/pages/contact.md:$((gen + 1)):17: error: link to '#le-matin' in /programme/: no heading of that page has this anchor; did you mean '#moment-matin'? Its headings: La journée en pratique (#titre-pratique), Filtrer le programme (#titre-filtres), Le matin (7) (#moment-matin), L’après-midi (7, dont 1 aussi listé à un autre moment) (6) (#moment-apres-midi)"
contains "programme, #le-matin: the theme writes its anchors" "$WORK/out" \
	"(that page is made by the theme, which writes its anchors); correct the link"
n=$(grep -c ': error: ' "$WORK/out")
if [ "$n" = 1 ]; then ok "programme: one error, the right links none"; else not_ok "programme: one error, the right links none ($n)" "$(cat "$WORK/out")"; fi
run_lang fr_FR.UTF-8 check
contains "programme, #le-matin, check in French" "$WORK/out" \
	"content/pages/contact.md:$((gen + 1)):17: erreur : lien vers « #le-matin » dans /programme/ : ce titre n’existe pas dans la page ; vouliez-vous dire « #moment-matin » ? Titres de la page : La journée en pratique (#titre-pratique),"
contains "programme, in French: the theme writes its anchors" "$WORK/out" \
	"(cette page est faite par le thème, qui en écrit les ancres) ; corrigez le lien"
sed -i 's|(/programme/#le-matin)|(/programme/#moment-soir)|' "$C/pages/contact.md"
echo "Voir [les filtres](/#titre-filtres)." >>"$C/pages/contact.md"
commit "ancres que le programme et l'accueil n'écrivent pas"
run_lang C.UTF-8 build
status "an id the page does not write: the build fails" 1 "$(cat "$WORK/rc")"
contains "#moment-soir: no such moment in the programme" "$WORK/out" \
	"content/pages/contact.md:$((gen + 1)):17: error: link to '#moment-soir' in /programme/: no heading of that page has this anchor; its headings: La journée en pratique (#titre-pratique), Filtrer le programme (#titre-filtres), Le matin (7) (#moment-matin)"
contains "#titre-filtres: the programme's, not the home page's" "$WORK/out" \
	"content/pages/contact.md:$((gen + 2)):20: error: link to '#titre-filtres' in /: no heading of that page has this anchor"
(cd "$R" && $GIT reset -q --hard "$before")
run_lang C.UTF-8 build
status "back before the links to generated pages: the build succeeds" 0 "$(cat "$WORK/rc")"

# the pre-receive hook refuses a push holding one (the example's
# .example address, which the strict hook refuses, made a public one)
sed -i 's|^url: .*|url: https://journee.saint-aubin-des-levees.fr|' "$C/site.yaml"
commit "adresse publique"
BARE=$WORK/site.git
mkbare "$BARE" master
hook_install "$BARE" pre-receive
(cd "$R" && $GIT push -q "file://$BARE" HEAD:refs/heads/master >"$WORK/out" 2>&1)
status "hook: a right site is accepted" 0 $?
sed -i 's/#l-apres-midi-au-lavoir)/#apres-midi-au-lavoir)/' "$C/pages/contact.md"
commit "lien cassé"
(cd "$R" && LC_ALL=C.UTF-8 $GIT push "file://$BARE" HEAD:refs/heads/master >"$WORK/out" 2>&1; echo $? >"$WORK/rc")
status "hook: a broken link to a heading is refused" 1 "$(cat "$WORK/rc")"
contains "hook: said at the link, in the site's language" "$WORK/out" "content/pages/contact.md:$good:21: erreur : lien vers « #apres-midi-au-lavoir »"
