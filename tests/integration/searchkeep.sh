#!/bin/sh
# The search index kept from one build to the next (CACHE/search.index):
# an edit patches the terms of the pages whose texts changed instead of
# making the index whole (--verbose says so), and the index written is
# byte for byte a clean build's after each step: a new word, the word
# gone, a title changed, two pages at once, a page renamed, added,
# removed, the site's address changed, the kept file damaged, cut short
# or of another format, and `fabrique cache clean`.
. "$(dirname "$0")/../lib.sh"
R=$WORK/repo
mkmini "$R"
cd "$R" || exit 1
OUT=$WORK/out
IX=recherche/index.json
KEPT=.git/fabrique/search.index
# build: the incremental build, verbose (its stderr in $WORK/.err)
build() { "$FABRIQUE" build site --out "$OUT" --verbose 2>"$WORK/.err"; }
# same NAME: the index equals a clean build's (empty cache, --full)
same() {
	rm -rf "$WORK/clean" "$WORK/cold"
	"$FABRIQUE" build site --full --cache "$WORK/cold" --out "$WORK/clean" -q 2>/dev/null
	if cmp -s "$WORK/clean/$IX" "$OUT/$IX"; then ok "$1: the index equals a clean build's"; else
		not_ok "$1: the index equals a clean build's" "$(cmp "$WORK/clean/$IX" "$OUT/$IX" 2>&1)"; fi
}
# step NAME PATCHED: commit, build, compare; PATCHED: the --verbose line
# expected ("" when the index must be made whole)
step() {
	commit_all "$R" "$1" >/dev/null
	build
	status "$1: the build succeeds" 0 $?
	if [ -n "$2" ]; then
		contains "$1: the kept terms are patched" "$WORK/.err" "terms patched for $2 page(s)"
	else
		lacks "$1: the index is made whole" "$WORK/.err" "terms patched"
	fi
	same "$1"
}
build
status "first build succeeds" 0 $?
lacks "first build: nothing to patch" "$WORK/.err" "terms patched"
check "first build: the index is kept" test -s "$KEPT"
same "first build"

A=site/ateliers/planter-des-haies.md
B=site/ateliers/repeindre-le-preau.md
printf '\nUn mot rare : zorglubesque.\n' >>"$A"
step "a new word in a page" 1
contains "the new word is in the index" "$OUT/$IX" '"zorglubesqu'
sed -i 's/Un mot rare : zorglubesque\.//' "$A"
step "the word removed again" 1
lacks "the removed word is no longer in the index" "$OUT/$IX" 'zorglub'
sed -i '0,/^titre: .*/s//titre: Repeindre le préau et la cabane/' "$B"
printf '\nLa cabane aussi.\n' >>"$A"
step "two pages changed at once" 2
git mv site/ateliers/planter-des-haies.md site/ateliers/zz-planter.md
step "a page renamed (documents in another order)" 2
cp site/pages/contact.md site/pages/acces.md
sed -i '0,/^titre: .*/s//titre: Accès à la salle/' site/pages/acces.md
step "a page added" ""
git rm -q site/pages/acces.md
step "a page removed" ""
sed -i 's|^url: \(.*\)$|url: \1/jc|' site/site.yaml
step "the site's address moved under a path" 0
printf '\nEncore une phrase.\n' >>"$B"
printf 'x' | dd of="$KEPT" bs=1 seek=200 conv=notrunc 2>/dev/null
step "the kept file damaged: made whole" ""
printf '\nEt une autre.\n' >>"$B"
head -c 300 "$KEPT" >"$KEPT.cut" && mv "$KEPT.cut" "$KEPT"
step "the kept file cut short: made whole" ""
printf '\nEt la dernière.\n' >>"$B"
sed -i '1s/search index 1/search index 0/' "$KEPT"
step "the kept file of another format: made whole" ""
"$FABRIQUE" cache clean site -q 2>/dev/null
check "cache clean removes the kept index" test ! -e "$KEPT"
