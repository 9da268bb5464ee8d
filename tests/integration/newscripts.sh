#!/bin/sh
# fabrique new with a title that is not in Latin letters: Cyrillic and
# Greek are spelt in Latin letters, as a hand-made file's name becomes
# its address (one rule, slug.c); a title no address can spell (Arabic,
# emoji) gets a file named after its kind and today, and the editor is
# told how to choose the address.  A real site in its own repository.
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
mkmini "$R"
cd "$R" || exit 1
TODAY=$(date +%Y-%m-%d)

# new_page TITLE: fabrique new atelier TITLE site, in French; the file
# it printed in $WORK/.out, messages in $WORK/.err, status in $rc.
new_page() {
	LANGUAGE= LC_ALL=fr_FR.UTF-8 "$FABRIQUE" new atelier "$1" site >"$WORK/.out" 2>"$WORK/.err"
	rc=$?
}

new_page "Субботник во дворе"
status "a Russian title is accepted" 0 $rc
contains "its file name is spelt in Latin letters" "$WORK/.out" "site/ateliers/subbotnik-vo-dvore.md"
contains "the title itself is kept" site/ateliers/subbotnik-vo-dvore.md 'titre: "Субботник во дворе"'
new_page "Щука и ёж"
contains "shch, and ё as e" "$WORK/.out" "site/ateliers/shchuka-i-ezh.md"
new_page "Καθαρισμός της παραλίας"
status "a Greek title is accepted" 0 $rc
contains "its file name is spelt in Latin letters" "$WORK/.out" "site/ateliers/katharismos-tis-paralias.md"

new_page "مرحبا بالجميع"
status "an Arabic title is accepted" 0 $rc
contains "its file is named after the kind and today" "$WORK/.out" "site/ateliers/atelier-$TODAY.md"
contains "the title itself is kept" "site/ateliers/atelier-$TODAY.md" 'titre: "مرحبا بالجميع"'
contains "the editor is told how to choose the address" "$WORK/.err" "renommez-le pour choisir l’adresse de la page"
lacks "no refusal" "$WORK/.err" "donnez un titre avec des lettres"
new_page "🌳🌳"
status "an emoji title is accepted" 0 $rc
contains "a second one of the day gets -2" "$WORK/.out" "site/ateliers/atelier-$TODAY-2.md"

contains "the dated note offers --name" "$WORK/.err" "recommencez avec --name NOM"

# A title mixing Latin and another script: the name keeps the Latin
# words, and the editor is told which part is not in it.
new_page "Cours de français – 日本語"
status "a mixed title is accepted" 0 $rc
contains "the Latin words name the file" "$WORK/.out" "site/ateliers/cours-de-francais.md"
contains "the part left out is named in the note" "$WORK/.err" "« 日本語 » du titre n’est pas dans le nom du fichier"
rm site/ateliers/cours-de-francais.md
new_page "Cours de français"
contains "a title wholly in Latin letters" "$WORK/.out" "site/ateliers/cours-de-francais.md"
lacks "no note for a title wholly in Latin letters" "$WORK/.err" "n’est pas dans le nom"
new_page "Fête – « 2026 » 🎉"
contains "punctuation and emoji are left out" "$WORK/.out" "site/ateliers/fete-2026.md"
lacks "with no note" "$WORK/.err" "n’est pas dans le nom"
rm site/ateliers/fete-2026.md

# --name: the editor chooses the file's name for a title no address can
# spell; a name with no letter is refused, nothing written.
LANGUAGE= LC_ALL=fr_FR.UTF-8 "$FABRIQUE" new atelier "مرحبا بالجميع" site --name "Accueil des habitants" >"$WORK/.out" 2>"$WORK/.err"
status "--name is accepted" 0 $?
contains "the file has the name given, as an address" "$WORK/.out" "site/ateliers/accueil-des-habitants.md"
contains "the title is kept" site/ateliers/accueil-des-habitants.md 'titre: "مرحبا بالجميع"'
lacks "no note: the editor chose the name" "$WORK/.err" "note"
LANGUAGE= LC_ALL=fr_FR.UTF-8 "$FABRIQUE" new atelier "Ménage" site --name "???" >"$WORK/.out" 2>"$WORK/.err"
status "a --name with no letter is refused" 1 $?
contains "saying what a name holds" "$WORK/.err" "--name ne donne aucun nom de fichier (atelier)"
check "nothing written" test ! -e site/ateliers/menage.md
rm site/ateliers/cours-de-francais.md site/ateliers/accueil-des-habitants.md

# The address a build makes from a hand-made file's Cyrillic name is the
# one new gives: the same spelling.
rm site/ateliers/subbotnik-vo-dvore.md site/ateliers/shchuka-i-ezh.md \
	site/ateliers/katharismos-tis-paralias.md site/ateliers/atelier-"$TODAY"*.md
cp site/ateliers/planter-des-haies.md "site/ateliers/субботник.md"
"$FABRIQUE" build site --worktree --out "$WORK/out" >"$WORK/.bout" 2>&1
check "a file named in Cyrillic is published at its Latin address" test -f "$WORK/out/ateliers/subbotnik/index.html"
lacks "no 'no address can be made' for it" "$WORK/.bout" "no address"
