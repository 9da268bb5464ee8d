#!/bin/sh
# fabrique new: a page started from the theme's archetype, at the place
# the schema gives its kind, never overwriting anything.
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
mkmini "$R"
cd "$R" || exit 1
"$FABRIQUE" new atelier "Réparer l'abri : « vite » !" site >"$WORK/.out" 2>"$WORK/.err"
status "new atelier succeeds" 0 $?
contains "it prints the file it wrote" "$WORK/.out" "site/ateliers/reparer-l-abri-vite.md"
F=site/ateliers/reparer-l-abri-vite.md
contains "the title is quoted safely for YAML" "$F" "titre: \"Réparer l'abri : « vite » !\""
contains "fields come with French comments" "$F" "# nombre de bénévoles recherchés"
"$FABRIQUE" check site --worktree 2>"$WORK/.err"
status "the new page passes check as it is" 0 $?
echo "ajout" >>"$F"
"$FABRIQUE" new atelier "Réparer l'abri : « vite » !" site 2>"$WORK/.err"
status "an existing file is not overwritten: exit 1" 1 $?
contains "the editor is told the file exists" "$WORK/.err" "$F: error: this file exists already"
contains "the edit is still there" "$F" "ajout"
"$FABRIQUE" new retour "Fête 2026" site >/dev/null
check "a recap gets its own folder" test -f site/retours/fete-2026/index.md
"$FABRIQUE" new edition 2027 site >/dev/null
contains "an edition is named after its year" site/editions/2027.yaml "date: 2027-05-23"
"$FABRIQUE" new bidule "X" site 2>"$WORK/.err"
status "an unknown kind exits 1" 1 $?
contains "the known kinds are listed" "$WORK/.err" "expected atelier, histoire, retour, page or edition"
"$FABRIQUE" new atelier 2>"$WORK/.err"
status "new without a title is a usage error" 2 $?
