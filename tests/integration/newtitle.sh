#!/bin/sh
# `fabrique new` with a title over the kind's max (outside tester 18 F8):
# accepted (then refused by the next check), or, past a file name's
# length, « File name too long » in English with nothing to do.  Now
# refused at once, nothing written, with the length, the max of the
# content model and where the rest goes.
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
mkmini "$R"
cd "$R" || exit 1
long=$(printf 'Grand nettoyage de printemps des berges %.0s' 1 2 3 4 5 6 7)
n=$(printf %s "$long" | wc -m)
before=$(snapshot site)
LANGUAGE= LC_ALL=fr_FR.UTF-8 "$FABRIQUE" new atelier "$long" site >"$WORK/.out" 2>"$WORK/.err"
status "a title over the max is refused" 1 $?
contains "with its length, the model's max and where the rest goes" "$WORK/.err" \
	"erreur : le titre a $n caractères, 120 au plus : donnez un titre court et mettez le reste dans « resume »"
check "nothing written" test "$(snapshot site)" = "$before"
check "nothing printed as made" test ! -s "$WORK/.out"
check "git sees nothing new" test -z "$($GIT status --porcelain)"

# the max comes from the model: a site's schema with another one
mkdir -p site/theme
sed 's/titre: {type: text, requis: true, max: 120}/titre: {type: text, requis: true, max: 40}/' \
	"$TOP/themes/commune/schema.yaml" >site/theme/schema.yaml
commit_all "$R" "titres courts" >/dev/null
"$FABRIQUE" new histoire "Le puits de la Cure et le lavoir du bas bourg" site >/dev/null 2>"$WORK/.err"
status "the site's own max: 45 characters refused" 1 $?
contains "said with that max" "$WORK/.err" "error: the title has 45 characters, 40 at most: give a short title and put the rest in 'resume'"
"$FABRIQUE" new histoire "Le puits de la Cure" site >"$WORK/.out" 2>"$WORK/.err"
status "a title within the max is made" 0 $?
check "its file is written" test -f site/patrimoine/le-puits-de-la-cure.md
