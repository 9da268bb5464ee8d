#!/bin/sh
# A careless keyword paste (tester21 F13): 5,000 tags on one workshop
# made 5,000 tag pages, 42 MB of output and 5,000 links to tab through,
# without a word.  The model allows 50: beyond, an error at the field.
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
mkmini "$R"
F=site/ateliers/repeindre-le-preau.md
(cd "$R" && "$FABRIQUE" build site --out "$WORK/out" -q) 2>"$WORK/.err"
status "the site builds first" 0 $?
python3 -c "print('tags: [' + ','.join(f'mot{i}' for i in range(5000)) + ']')" >"$WORK/tags"
sed -i "/^benevoles:/r $WORK/tags" "$R/$F"
line=$(grep -n '^tags:' "$R/$F" | cut -d: -f1)
commit_all "$R" "5000 mots-clés"
(cd "$R" && LANGUAGE= LC_ALL=fr_FR.UTF-8 LANG=fr_FR.UTF-8 "$FABRIQUE" check site) >"$WORK/.out" 2>&1
status "check refuses 5,000 tags" 1 $?
contains "said at the field, in French, with what to do" "$WORK/.out" \
	"$F:$line:7: erreur : « tags » a trop d’éléments (5000, au plus 50) ; gardez ceux qui comptent le plus"
(cd "$R" && "$FABRIQUE" build site --out "$WORK/out" -q) 2>"$WORK/.err"
st=$?
test "$st" -ne 0
status "the build stops" 0 $?
n=$(ls "$WORK/out/tags" 2>/dev/null | wc -l)
test "$n" -lt 50
status "the previous site is intact: no tag page was written" 0 $?
# 50 is allowed
python3 -c "print('tags: [' + ','.join(f'mot{i}' for i in range(50)) + ']')" >"$WORK/tags"
sed -i "/^tags:/d" "$R/$F"
sed -i "/^benevoles:/r $WORK/tags" "$R/$F"
commit_all "$R" "50 mots-clés"
(cd "$R" && "$FABRIQUE" check site --strict) >"$WORK/.out" 2>&1
status "50 tags pass, even --strict" 0 $?
