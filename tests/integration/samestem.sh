#!/bin/sh
# Two photos with one name and two extensions (outside tester 20 F12):
# « vue.jpg » and « vue.png », or « IMG_0001.JPG » and « IMG_0001.jpeg »,
# are both published as vue-480.webp, vue.jpg…  check --strict (so the
# pre-receive hook) let them through and every build then failed with
# « il existe déjà », naming no source file: the public site silently
# stopped updating.  Now check refuses them, naming both files and the
# fix, and the build says the same.
. "$(dirname "$0")/../lib.sh"

IMGTOOL=$(dirname "$FABRIQUE")/imgtool
[ -x "$IMGTOOL" ] || IMGTOOL=$TOP/build/imgtool
R=$WORK/repo
mkmini "$R"
cd "$R" || exit 1
F=site/retours/fete-2025
"$IMGTOOL" make "$F/vue.jpg" 640 480 --private
"$IMGTOOL" make "$F/vue.png" 640 480 --private
"$IMGTOOL" make "$F/IMG_0001.JPG" 640 480 --private
"$IMGTOOL" make "$F/IMG_0001.jpeg" 640 480 --private
sed -i 's/^photos:$/photos:\n  - fichier: vue.jpg\n    alt: La vue du lavoir\n  - fichier: vue.png\n    alt: La vue du pont\n  - fichier: IMG_0001.JPG\n    alt: Le pré\n  - fichier: IMG_0001.jpeg\n    alt: Le bois/' $F/index.md
commit_all "$R" "photos" >/dev/null
(LANGUAGE= LC_ALL=fr_FR.UTF-8 LANG=fr_FR.UTF-8 "$FABRIQUE" check site --strict) >"$WORK/.out" 2>&1
rc=$?
[ "$rc" -ne 0 ] && ok "check --strict refuses two photos with one name" ||
	not_ok "check --strict refuses two photos with one name" "$(cat "$WORK/.out")"
contains "it names both files (vue)" "$WORK/.out" "vue.jpg"
contains "and the other one" "$WORK/.out" "vue.png"
contains "and the second pair" "$WORK/.out" "IMG_0001.jpeg"
contains "and says to rename one, in French" "$WORK/.out" "renommez"
lacks "not the writer's « il existe déjà »" "$WORK/.out" "il existe déjà"
(LANGUAGE= LC_ALL=fr_FR.UTF-8 LANG=fr_FR.UTF-8 "$FABRIQUE" build site --out "$WORK/out") >"$WORK/.out" 2>&1
rc=$?
[ "$rc" -ne 0 ] && ok "the build fails" || not_ok "the build fails"
contains "the build names the source files" "$WORK/.out" "retours/fete-2025/vue.png"
lacks "not « il existe déjà » without a source" "$WORK/.out" "il existe déjà"
git -C "$R" mv $F/vue.png $F/vue-pont.png
git -C "$R" mv $F/IMG_0001.jpeg $F/IMG_0002.jpeg
sed -i 's/fichier: vue.png/fichier: vue-pont.png/; s/fichier: IMG_0001.jpeg/fichier: IMG_0002.jpeg/' $F/index.md
commit_all "$R" "renommées" >/dev/null
"$FABRIQUE" check site --strict >"$WORK/.out" 2>&1
status "renamed, check --strict passes" 0 $?
"$FABRIQUE" build site --out "$WORK/out2" >"$WORK/.out" 2>&1
status "and the site builds" 0 $?
