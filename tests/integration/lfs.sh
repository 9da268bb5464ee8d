#!/bin/sh
# Photos committed with git LFS (outside tester 20 F3): the repository
# holds a pointer (« version https://git-lfs.github.com/spec/v1 », oid,
# size) in place of each photo, and the build said « ce fichier n’est pas
# une image d’un format pris en charge » of a JPEG that opens fine on the
# editor's computer.  It now says it is a git LFS pointer and what to do.
# (Written as git lfs writes it: git-lfs itself is not needed.)
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
mkmini "$R"
cd "$R" || exit 1
printf 'version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 1048576\n' >site/retours/fete-2025/lavoir.png
commit_all "$R" "photos (LFS)" >/dev/null
(LANGUAGE= LC_ALL=fr_FR.UTF-8 LANG=fr_FR.UTF-8 "$FABRIQUE" build site --out "$WORK/out") >"$WORK/.out" 2>&1
status "the build fails" 1 $?
contains "it says the photo is a git LFS pointer" "$WORK/.out" "retours/fete-2025/lavoir.png: erreur : ce fichier est un pointeur git LFS"
contains "and how to turn LFS off" "$WORK/.out" "git lfs migrate export"
lacks "not « pas une image »" "$WORK/.out" "pas une image"
