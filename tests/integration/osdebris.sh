#!/bin/sh
# What macOS and Windows leave in folders (outside tester 20 F2): an
# AppleDouble « ._repeindre.md » committed from a USB stick was said to be
# « dans aucun dossier connu », and a « ._chantier.jpg » in a recap was
# to be « ajouté à photos ».  They are skipped silently, like .DS_Store,
# and fabrique init's .gitignore lists them.
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
mkmini "$R"
cd "$R" || exit 1
F=site/retours/fete-2025
printf '\000\005\026\007\000\002\000\000Mac OS X        ' >site/ateliers/._repeindre-le-preau.md
printf '\000\005\026\007\000\002\000\000Mac OS X        ' >$F/._lavoir.png
printf '\000\005\026\007\000\002\000\000Mac OS X        ' >$F/._chantier.jpg
printf '[.ShellClassInfo]\r\n' >site/pages/desktop.ini
commit_all "$R" "depuis une clé USB" >/dev/null
"$FABRIQUE" check site --strict >"$WORK/.out" 2>&1
status "check --strict passes" 0 $?
lacks "nothing said of ._repeindre-le-preau.md" "$WORK/.out" "._repeindre"
lacks "nothing said of ._chantier.jpg" "$WORK/.out" "._chantier"
lacks "nor of ._lavoir.png" "$WORK/.out" "._lavoir"
"$FABRIQUE" build site --out "$WORK/out" >"$WORK/.out" 2>&1
status "the site builds" 0 $?
check "no ._ file is published" test -z "$(find "$WORK/out" -name '._*' -o -name desktop.ini)"
"$FABRIQUE" check site --strict --worktree >"$WORK/.out" 2>&1
status "check --worktree passes too" 0 $?
"$FABRIQUE" init "$WORK/neuf" --commune Brissac --insee 49050 --url https://journee.brissac.fr >/dev/null 2>&1
contains "init's .gitignore lists ._*" "$WORK/neuf/.gitignore" "._*"
contains "and Thumbs.db" "$WORK/neuf/.gitignore" "Thumbs.db"
