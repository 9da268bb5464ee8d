#!/bin/sh
# Who a workshop is for, as residents read it (tester 24 F5, rest): a
# workshop open to children who come with an adult says so with
# « enfants: accompagnes » (accents accepted), on its page and on its
# card in the programme, with its minimum age on both (the card said
# no age: « dès 8 ans » was on the page only); a value fabrique does not
# know is said at it, with the ones it knows.  A minimum age without
# « enfants » (a chainsaw workshop from 16) is said alone, « Âge » « Dès
# 16 ans », where it was shown nowhere.  The mini site.
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
mkmini "$R"
cd "$R" || exit 1
F=site/ateliers/planter-des-haies.md
sed -i '0,/^titre:/s//enfants: accompagnés\nage_min: 8\ntitre:/' "$F"
(cd "$R" && $GIT add -A && $GIT commit -qm "Enfants")
OUT=$WORK/public
"$FABRIQUE" build site --out "$OUT" >"$WORK/.out" 2>"$WORK/.err"
status "the build succeeds, « accompagnés » written with its accent" 0 $?
text() { tr '\n' ' ' <"$1" | sed 's|</li>|&\n|g' | sed 's/<[^>]*>//g'; }
text "$OUT/ateliers/planter-des-haies/index.html" >"$WORK/page.txt"
contains "the page says children come with an adult, from 8" "$WORK/page.txt" \
	"Enfants bienvenus, accompagnés d’un adulte (dès 8 ans)"
text "$OUT/programme/index.html" >"$WORK/prog.txt"
contains "so does its card in the programme, its age too" "$WORK/prog.txt" \
	"Enfants bienvenus, accompagnés d’un adulte (dès 8 ans)"
text "$OUT/categories/nature/index.html" >"$WORK/cat.txt"
contains "and its category's" "$WORK/cat.txt" \
	"Enfants bienvenus, accompagnés d’un adulte (dès 8 ans)"

sed -i 's/^enfants: .*/enfants: oui/' "$F"
(cd "$R" && $GIT add -A && $GIT commit -qm "oui")
"$FABRIQUE" build site --out "$WORK/p2" >"$WORK/.out" 2>"$WORK/.err"
status "« enfants: oui » is refused" 1 $?
contains "at the value, with the values known" "$WORK/.err" \
	"site/ateliers/planter-des-haies.md:2:10: error: 'enfants' must be one of accompagnes, atelier-enfants, non; got 'oui'"

# age_min alone: on the page, under « Âge », and on the card.
sed -i 's/^enfants: .*//; s/^age_min: .*/age_min: 16/' "$F"
(cd "$R" && $GIT add -A && $GIT commit -qm "dès 16 ans")
"$FABRIQUE" build site --out "$OUT" >"$WORK/.out" 2>"$WORK/.err"
status "age_min without enfants: the build succeeds" 0 $?
text "$OUT/ateliers/planter-des-haies/index.html" >"$WORK/page.txt"
contains "... the page says the minimum age" "$WORK/page.txt" "ÂgeDès 16 ans"
lacks "... and nothing of children" "$WORK/page.txt" "Enfants bienvenus"
text "$OUT/programme/index.html" >"$WORK/prog.txt"
contains "... so does its card in the programme" "$WORK/prog.txt" "Dès 16 ans"
