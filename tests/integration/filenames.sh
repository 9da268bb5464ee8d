#!/bin/sh
# File names an editor's tools make (outside tester 19, F9): decomposed
# accents (NFD, from macOS or a zip tool) give the address the composed
# name gives, not a word break at each accent; a newline in a name is
# escaped in the "file:line:col" of a message, which stays one line.
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
mkmini "$R"
cd "$R" || exit 1
NFD=$(printf 'site/ateliers/pre\314\201au-e\314\201te\314\201.md')
cp site/ateliers/repeindre-le-preau.md "$NFD"
sed -i 's/^titre: .*/titre: Le préau en été/' "$NFD"
"$FABRIQUE" build site --worktree --out "$WORK/out" -q >"$WORK/.out" 2>&1
status "a decomposed file name builds" 0 $?
check "its address is the composed name's: /ateliers/preau-ete/" test -f "$WORK/out/ateliers/preau-ete/index.html"
check "not one word per accent" test ! -e "$WORK/out/ateliers/pre-au-e-te"
commit_all "$R" "préau en NFD"
rm -rf "$WORK/out"
"$FABRIQUE" build site --out "$WORK/out" -q >"$WORK/.out" 2>&1
status "from the commit too" 0 $?
check "from the commit: /ateliers/preau-ete/" test -f "$WORK/out/ateliers/preau-ete/index.html"
# the same file saved composed (NFC) keeps its address: no move
git rm -q "$NFD"
cp site/ateliers/repeindre-le-preau.md "$(printf 'site/ateliers/pr\303\251au-\303\251t\303\251.md')"
sed -i 's/^titre: .*/titre: Le préau en été/' "$(printf 'site/ateliers/pr\303\251au-\303\251t\303\251.md')"
commit_all "$R" "préau en NFC"
"$FABRIQUE" build site --out "$WORK/out" >"$WORK/.out" 2>&1
status "saved composed, it builds" 0 $?
check "at the same address" test -f "$WORK/out/ateliers/preau-ete/index.html"
lacks "no note of a moved address" "$WORK/.out" "preau-ete/ ->"

# a newline in a file name: the message stays on one line
NL=$(printf 'site/ateliers/a\nb.md')
printf -- '---\ntitre: A\nbenevoles: beaucoup\n---\nTexte.\n' >"$NL"
"$FABRIQUE" check site --worktree >"$WORK/nl.out" 2>&1
contains "the newline is escaped in file:line:col" "$WORK/nl.out" 'site/ateliers/a\nb.md:3:'
check "no line of the output starts with the name's second half" sh -c "! grep -q '^b.md' '$WORK/nl.out'"
