#!/bin/sh
# A page whose file is renamed (git mv, committed) changes address: the
# residents' bookmarks and the QR codes printed on last year's leaflets
# lead to the old one, a 404 (outside tester F16: silently).  Now a
# note (never an error, even with --strict) at the renamed file, in the editor's language, with the alias
# that keeps the old address working; none once it is added, nor when
# the address did not change (the old slug given).
. "$(dirname "$0")/../lib.sh"

starter_site
commit() { $GIT add -A && $GIT commit -qm "$1"; }
run() { "$FABRIQUE" "$@" . --out "$WORK/public" >"$WORK/out" 2>&1; echo $? >"$WORK/rc"; }
fr() { (LANGUAGE= LC_ALL=fr_FR.UTF-8 LANG=fr_FR.UTF-8 "$FABRIQUE" "$@" . --out "$WORK/public" >"$WORK/out" 2>&1); }

run build
status "the new site builds" 0 "$(cat "$WORK/rc")"
lacks "no page moved: no warning about an address" "$WORK/out" "changed address"

$GIT mv ateliers/nettoyer-les-abords-de-l-ecole.md ateliers/nettoyer-l-ecole.md
commit "atelier renommé"
run build
status "a renamed page: the build succeeds" 0 "$(cat "$WORK/rc")"
contains "a renamed page: said at its file, with the alias to add" "$WORK/out" \
	"ateliers/nettoyer-l-ecole.md:1:1: note: this page changed address (/ateliers/nettoyer-les-abords-de-l-ecole/ → /ateliers/nettoyer-l-ecole/) when its file ateliers/nettoyer-les-abords-de-l-ecole.md was renamed: links and printed QR codes to the old address will not work any more; add the line 'alias: /ateliers/nettoyer-les-abords-de-l-ecole/' to its front matter, which leads the old address here"
fr check
contains "a renamed page, check in French" "$WORK/out" \
	"ateliers/nettoyer-l-ecole.md:1:1: note : cette page a changé d’adresse (/ateliers/nettoyer-les-abords-de-l-ecole/ → /ateliers/nettoyer-l-ecole/) quand son fichier ateliers/nettoyer-les-abords-de-l-ecole.md a été renommé : les liens et QR codes imprimés vers l’ancienne adresse ne marcheront plus ; ajoutez la ligne « alias: /ateliers/nettoyer-les-abords-de-l-ecole/ » à son en-tête, qui mène l’ancienne adresse ici"

# with --strict (the hooks), a note still: a rename made long ago, or of
# a page never published, does not refuse every push
fill_starter "$S"
sed -i 's|^url: .*|url: "https://journee.saint-aubin.fr/"|' site.yaml
sed -i 's|^  insee: .*|  insee: "37214"|' site.yaml
commit "textes de la commune"
"$FABRIQUE" check --strict . >"$WORK/out" 2>&1
status "check --strict passes with a renamed page" 0 $?
contains "and says it as a note" "$WORK/out" "ateliers/nettoyer-l-ecole.md:1:1: note: this page changed address"
$GIT reset -q --hard HEAD~1

# renamed and edited in the same commit: still the same page
$GIT mv ateliers/nettoyer-l-ecole.md ateliers/l-ecole-fleurie.md
printf '\nOn fleurit aussi la cour.\n' >>ateliers/l-ecole-fleurie.md
commit "renommé encore, et modifié"
run build
contains "renamed twice, edited: the first address" "$WORK/out" \
	"ateliers/l-ecole-fleurie.md:1:1: note: this page changed address (/ateliers/nettoyer-les-abords-de-l-ecole/ → /ateliers/l-ecole-fleurie/)"
contains "renamed twice, edited: the second address" "$WORK/out" \
	"ateliers/l-ecole-fleurie.md:1:1: note: this page changed address (/ateliers/nettoyer-l-ecole/ → /ateliers/l-ecole-fleurie/)"

# the aliases the warnings give: quiet, and the old addresses lead here
sed -i '2i alias: /ateliers/nettoyer-les-abords-de-l-ecole/' ateliers/l-ecole-fleurie.md
commit "alias"
run build
lacks "one alias added: its address is not said any more" "$WORK/out" \
	"(/ateliers/nettoyer-les-abords-de-l-ecole/ → "
contains "one alias added: the other still said" "$WORK/out" "(/ateliers/nettoyer-l-ecole/ → "
sed -i '2s|.*|alias: [/ateliers/nettoyer-les-abords-de-l-ecole/, /ateliers/nettoyer-l-ecole/]|' ateliers/l-ecole-fleurie.md
commit "deux alias"
run build
status "both aliases: the build succeeds" 0 "$(cat "$WORK/rc")"
lacks "both aliases: no warning about an address" "$WORK/out" "changed address"
contains "the first old address leads to the page" "$WORK/public/ateliers/nettoyer-les-abords-de-l-ecole/index.html" "/ateliers/l-ecole-fleurie/"
contains "the second too" "$WORK/public/ateliers/nettoyer-l-ecole/index.html" "/ateliers/l-ecole-fleurie/"

# the address did not change (its slug kept): nothing to say
$GIT mv patrimoine/le-monument-aux-morts.md patrimoine/monument.md
sed -i '2i slug: le-monument-aux-morts' patrimoine/monument.md
commit "renommé, slug gardé"
run build
cp "$WORK/out" "$WORK/.err"
status "renamed, same addresses: the build succeeds" 0 "$(cat "$WORK/rc")"
lacks "renamed, same addresses: no warning about an address" "$WORK/out" "changed address"
