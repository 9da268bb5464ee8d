#!/bin/sh
# Incremental builds: after each edit of a sequence, the incremental
# output must equal a clean build's byte for byte; unchanged files keep
# their mtime; a rebuild with no change writes nothing.
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
mkmini "$R"
cd "$R" || exit 1
INC=$WORK/inc

# step NAME [REF]: incremental build, clean build, same bytes.
step() {
	"$FABRIQUE" build site ${2:+--ref "$2"} --out "$INC" -q 2>"$WORK/.err"
	status "$1: incremental build succeeds" 0 $?
	rm -rf "$WORK/clean"
	"$FABRIQUE" build site ${2:+--ref "$2"} --full --out "$WORK/clean" -q
	same_tree "$1: incremental output equals a clean build" "$WORK/clean" "$INC"
}

step "first build"
css=$(ls "$INC"/assets/css/style.*.css)
css_mtime=$(stat -c %Y.%y "$css")
site_inode=$(stat -c %i "$INC")

"$FABRIQUE" build site --out "$INC" 2>"$WORK/.err"
contains "no change: nothing to do" "$WORK/.err" "is up to date: nothing changed since the last build"
status "no change: the output folder is not replaced" "$site_inode" "$(stat -c %i "$INC")"

sed -i 's/Des haies champêtres/Des haies vives et champêtres/' site/ateliers/planter-des-haies.md
commit_all "$R" "modification d'un atelier" >/dev/null
step "edit a workshop"
contains "edit a workshop: the new text is there" "$INC/ateliers/planter-des-haies/index.html" "haies vives"
status "edit a workshop: an unchanged file keeps its mtime" "$css_mtime" "$(stat -c %Y.%y "$css")"

(cd "$R" && $GIT mv site/ateliers/planter-des-haies.md site/ateliers/planter-une-haie.md)
commit_all "$R" "renommage" >/dev/null
step "rename a workshop"
check "rename: the old page is gone" test ! -e "$INC/ateliers/planter-des-haies/index.html"

(cd "$R" && $GIT rm -q site/pages/contact.md)
commit_all "$R" "suppression" >/dev/null
step "delete a page"
check "delete: the page is gone" test ! -e "$INC/contact/index.html"

sed -i 's/<\/footer>/<p>Pied modifié<\/p><\/footer>/' themes/commune/templates/partials/pied.mustache
commit_all "$R" "gabarit" >/dev/null
step "change a template"
contains "template: every page has the new footer" "$INC/404.html" "Pied modifié"

sed -i 's/nom: Villeneuve-Test/nom: Villeneuve-sur-Test/' site/site.yaml
commit_all "$R" "site.yaml" >/dev/null
step "change site.yaml"
contains "site.yaml: the new name is on the pages" "$INC/index.html" "Villeneuve-sur-Test"

step "switch to an older ref" HEAD~5
lacks "older ref: the old name is back" "$INC/index.html" "Villeneuve-sur-Test"
step "back to HEAD"
