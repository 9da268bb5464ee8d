#!/bin/sh
# An edition is its year (outside tester 19, F7): `fabrique new edition`
# with a title that is no year is refused, nothing written; an edition
# file whose date is in another year is an error at its date.
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
mkmini "$R"
cd "$R" || exit 1
fr() { (LANGUAGE= LC_ALL=fr_FR.UTF-8 LANG=fr_FR.UTF-8 "$FABRIQUE" "$@"); }
before=$(snapshot site)
fr new edition "Repeindre le préau de l'école" site >"$WORK/.out" 2>"$WORK/.err"
status "new edition with a title that is no year: exit 1" 1 $?
# the mini site's latest edition is 2026 (its day past): 2027 comes next
contains "said in French, with a year as example" "$WORK/.err" \
	"erreur : le titre d’une édition est son année, comme 2027 ; reçu « Repeindre le préau de l'école »"
check "nothing written" test "$(snapshot site)" = "$before"
fr new edition 12 site >/dev/null 2>&1
status "a number that is no year is refused too" 1 $?
check "nothing written for it either" test "$(snapshot site)" = "$before"
"$FABRIQUE" new edition 2027 site >"$WORK/.out" 2>&1
status "new edition 2027 still works" 0 $?
contains "and writes editions/2027.yaml" "$WORK/.out" "site/editions/2027.yaml"
rm -f site/editions/2027.yaml

# editions/2026.yaml dated in 2025: an error at its date line
sed -i 's/^date: 2026-/date: 2025-/' site/editions/2026.yaml
line=$(grep -n '^date:' site/editions/2026.yaml | cut -d: -f1)
fr check site --worktree >"$WORK/.out" 2>&1
status "an edition dated in another year: exit 1" 1 $?
contains "said at its date, with both years" "$WORK/.out" \
	"site/editions/2026.yaml:$line:7: erreur : la date 2025-"
contains "and what to do" "$WORK/.out" \
	"est en 2025, mais ce fichier est celui de l’édition 2026 (editions/2026.yaml) ; corrigez l’année de la date, ou le nom du fichier"
git checkout -q site/editions/2026.yaml
fr check site --worktree >"$WORK/.out" 2>&1
status "the site as it was passes" 0 $?
