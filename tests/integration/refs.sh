#!/bin/sh
# A reference to a page (ateliers: in a patrimoine page) that matches
# none says which page was meant, from the site's real pages, not the
# schema's fixed example (which may be the very page just renamed); and
# the path a page is published at names it as well as its file's.
. "$(dirname "$0")/../lib.sh"

example_repo
build() { run_lang "$1" build; }

# a page renamed shorter: the reference to its old name points at it
(cd "$R" && $GIT mv content/ateliers/repeindre-le-preau.md content/ateliers/preau.md &&
 sed -i 's|repeindre-le-preau\.md|preau.md|' content/ateliers/repeindre-les-jeux-de-la-cour.md &&
 $GIT commit -qam "Préau renommé")
build fr_FR.UTF-8
status "renamed page: the build fails" 1 "$(cat "$WORK/rc")"
contains "renamed page: the page meant, in French" "$WORK/out" \
	"content/patrimoine/ancienne-ecole-des-filles.md:40:5: erreur : « ateliers/repeindre-le-preau » ne correspond à aucune page ; vouliez-vous dire « ateliers/preau » ?"
lacks "renamed page: not the schema's example, the page renamed" "$WORK/out" "attendu un chemin comme ateliers/repeindre-le-preau"
build en_GB.UTF-8
contains "renamed page: the page meant, in English" "$WORK/out" \
	"'ateliers/repeindre-le-preau' does not match any page; did you mean 'ateliers/preau'?"

# nothing close: a real page of the kind is the example
(cd "$R" && sed -i 's|ateliers/repeindre-le-preau|ateliers/tailler-la-haie|' content/patrimoine/ancienne-ecole-des-filles.md &&
 $GIT commit -qam "Atelier inconnu")
build en_GB.UTF-8
contains "nothing close: a real page as the example" "$WORK/out" \
	"'ateliers/tailler-la-haie' does not match any page; expected a path like ateliers/"
lacks "nothing close: not a page that does not exist" "$WORK/out" "like ateliers/repeindre-le-preau"
ex=$(sed -n "s/.*expected a path like \(ateliers\/[a-z0-9-]*\).*/\1/p" "$WORK/out")
if [ -n "$ex" ] && [ -f "$R/content/$ex.md" ]; then ok "nothing close: the example exists ($ex)"
else not_ok "nothing close: the example exists" "$(cat "$WORK/out")"; fi

# a file named with capitals and accents is published at its slug: that
# path names it too
(cd "$R" && $GIT mv content/ateliers/preau.md "content/ateliers/Préau.md" &&
 sed -i 's|preau\.md|Préau.md|' content/ateliers/repeindre-les-jeux-de-la-cour.md &&
 sed -i 's|ateliers/tailler-la-haie|ateliers/preau|' content/patrimoine/ancienne-ecole-des-filles.md &&
 $GIT commit -qam "Préau avec accent")
build fr_FR.UTF-8
status "published path: the build succeeds" 0 "$(cat "$WORK/rc")"
lacks "published path: no error" "$WORK/out" "erreur"
contains "published path: the link goes to the page" "$OUT/patrimoine/ancienne-ecole-des-filles/index.html" 'href="/ateliers/preau/"'

# a workshop named by a story while it is a draft: left out of the
# story's list, and said (a link to it in the text is an error)
(cd "$R" && sed -i '0,/^titre:/s/^titre:/brouillon: oui\ntitre:/' "content/ateliers/Préau.md" &&
 sed -i 's|\[\([^]]*\)\](Préau\.md)|\1|' content/ateliers/repeindre-les-jeux-de-la-cour.md &&
 $GIT commit -qam "Préau en brouillon")
build fr_FR.UTF-8
status "draft named: the build succeeds" 0 "$(cat "$WORK/rc")"
contains "draft named: a warning at the reference, in French" "$WORK/out" \
	"content/patrimoine/ancienne-ecole-des-filles.md:40:5: avertissement : « ateliers/Préau » est un brouillon ou n’est pas encore publié : cette page le laisse hors de ses ateliers jusqu’à sa publication"
lacks "draft named: no link to it" "$OUT/patrimoine/ancienne-ecole-des-filles/index.html" 'href="/ateliers/preau/"'
