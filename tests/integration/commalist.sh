#!/bin/sh
# A list written as one text (outside tester 18 F4): the archetype shows
# "tags: []" and "a_apporter: []"; an editor who drops the brackets
# writes "tags: peinture, école, préau", which YAML reads as one text,
# published as one tag "#peinture, école, préau".  A warning at the
# value (an error with --strict), with the line to write.
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
mkmini "$R"
cd "$R" || exit 1
F=site/ateliers/repeindre-le-preau.md
fr() { (LANGUAGE= LC_ALL=fr_FR.UTF-8 LANG=fr_FR.UTF-8 "$FABRIQUE" "$@"); }

sed -i 's/^benevoles: 8/&\ntags: peinture, école, préau\na_apporter: gants, blouse/' "$F"
commit_all "$R" "listes en une ligne"
fr check site 2>"$WORK/.err"
status "a warning: exit 0" 0 $?
contains "tags: said at the value, with the line to write" "$WORK/.err" \
	"$F:9:7: avertissement : « tags » est une liste, et « peinture, école, préau » n’en fait qu’un élément ; si ce sont plusieurs, écrivez-les entre crochets : tags: [peinture, école, préau], ou un par ligne après « - »"
contains "a_apporter too" "$WORK/.err" "$F:10:13: avertissement : « a_apporter » est une liste, et « gants, blouse »"
"$FABRIQUE" check --strict site 2>"$WORK/.err"
status "--strict refuses it" 1 $?

sed -i -e 's/^tags: .*/tags: [peinture, école, préau]/' -e 's/^a_apporter: .*/a_apporter:\n  - gants, si possible de jardin\n  - blouse/' "$F"
commit_all "$R" "listes écrites comme dit"
"$FABRIQUE" check --strict site 2>"$WORK/.err"
status "written as told (an item holding a comma on its '- ' line), it passes" 0 $?
sed -i -e 's/^tags: .*/tags: "peinture, école"/' -e 's/^a_apporter:$/a_apporter: gants/' -e '/^  - gants, si/d' -e '/^  - blouse/d' "$F"
commit_all "$R" "une valeur entre guillemets, un seul élément"
"$FABRIQUE" check --strict site 2>"$WORK/.err"
status "a quoted text and one item without a comma stay quiet" 0 $?
"$FABRIQUE" build site --out "$WORK/out" -q 2>/dev/null
sed -i 's/^tags: .*/tags: [peinture, école, préau]/' "$F"
commit_all "$R" "trois étiquettes"
"$FABRIQUE" build site --out "$WORK/out" -q 2>/dev/null
check "three tags are three pages" test -d "$WORK/out/tags/peinture" -a -d "$WORK/out/tags/ecole" -a -d "$WORK/out/tags/preau"
