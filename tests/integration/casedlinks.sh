#!/bin/sh
# A photo or a file linked with another letter case than its name
# (outside tester 26 F7): a phone names its photo « Lavoir_Avant.JPG »,
# the editor types « lavoir_avant.jpg », and her Windows or macOS preview
# shows it, as those disks ignore case; git and the web server do not.
# The error names the file as the folder spells it, from a commit and
# from the work tree, in English and French; written so, the site builds.
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
mkmini "$R"
cd "$R" || exit 1
W=site/ateliers/planter-des-haies.md
"$TOP/build/imgtool" make site/ateliers/Lavoir_Avant.JPG 800 600
cp site/documents/plan.pdf site/documents/Plan-Acces.pdf
printf '\n![Le lavoir avant, vu du nord](lavoir_avant.jpg)\n\n[Le plan d’accès](../documents/plan-acces.pdf)\n' >>"$W"
commit_all "$R" "Photo du téléphone"
L=$(grep -n 'lavoir_avant.jpg' "$W" | cut -d: -f1)
for mode in commit worktree; do
	opt=; [ $mode = worktree ] && opt=--worktree
	"$FABRIQUE" check site $opt >"$WORK/.out" 2>&1
	status "$mode: a name in the wrong case is an error" 1 $?
	contains "$mode: ... naming the photo as the folder spells it" "$WORK/.out" \
		"$W:$L:32: error: the link 'lavoir_avant.jpg' points to site/ateliers/lavoir_avant.jpg, which does not exist; the folder has it as 'Lavoir_Avant.JPG': capitals count on the server, write the name exactly"
	contains "$mode: ... and the document" "$WORK/.out" \
		"the link '../documents/plan-acces.pdf' points to site/documents/plan-acces.pdf, which does not exist; the folder has it as '../documents/Plan-Acces.pdf'"
done
(LANGUAGE= LC_ALL=fr_FR.UTF-8 "$FABRIQUE" check site) >"$WORK/.out" 2>&1
contains "in French" "$WORK/.out" \
	"erreur : le lien « lavoir_avant.jpg » mène à site/ateliers/lavoir_avant.jpg, qui n’existe pas ; le dossier l’a sous le nom « Lavoir_Avant.JPG » : les majuscules comptent sur le serveur"
# a name no file has, in any case: the usual error
sed -i 's/lavoir_avant.jpg/lavoir_apres.jpg/' "$W"
commit_all "$R" "Autre photo"
"$FABRIQUE" check site >"$WORK/.out" 2>&1
contains "no file of that name in any case: the usual error" "$WORK/.out" \
	"the link 'lavoir_apres.jpg' points to site/ateliers/lavoir_apres.jpg, which does not exist; check the file name"
# written as told: the site builds with the photo
sed -i 's/lavoir_apres.jpg/Lavoir_Avant.JPG/; s#plan-acces.pdf#Plan-Acces.pdf#' "$W"
commit_all "$R" "Noms exacts"
"$FABRIQUE" build site --out "$WORK/out" -q 2>"$WORK/.err"
status "written as the folder spells them, the site builds" 0 $?
exit 0
