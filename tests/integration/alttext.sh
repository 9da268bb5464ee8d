#!/bin/sh
# A recap photo's alt that is only its camera's name run into a number
# (photo2, IMG2041, as a file without its extension is named) describes
# nothing (RGAA 1.3): a warning at it saying to describe the photo
# (outside tester 19 F12).
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
mkmini "$R"
cd "$R" || exit 1
F=site/retours/fete-2025/index.md
cp "${F%index.md}lavoir.png" "${F%index.md}photo2.png"
sed -i 's/^    alt: Le lavoir aux pierres propres$/    alt: IMG2041\n  - fichier: photo2.png\n    alt: photo2/' "$F"
commit_all "$R" "photos sans description" >/dev/null
"$FABRIQUE" check site >/dev/null 2>"$WORK/.err"
contains "IMG2041 does not describe the photo" "$WORK/.err" \
	"site/retours/fete-2025/index.md:8:10: warning: 'IMG2041' does not describe the photo: describe what it shows"
contains "nor photo2, the file's own name" "$WORK/.err" \
	"site/retours/fete-2025/index.md:10:10: warning: 'photo2' does not describe the photo"

# The other half: an alt that is the photo's own file name, any word
# (vacances for vacances.jpg), any case, with or without its extension;
# in a recap's photos and a workshop's image_alt (the fields marked
# 'alternative').  A page's Markdown image is left as it was: a plan or a
# map is often named as its alt says (![Plan](plan.png)).
git reset -q --hard HEAD~1
cp "${F%index.md}lavoir.png" "${F%index.md}Vacances.png"
sed -i 's/^    alt: Le lavoir aux pierres propres$/    alt: lavoir\n  - fichier: Vacances.png\n    alt: vacances/' "$F"
A=site/ateliers/repeindre-le-preau.md
cp "${F%index.md}lavoir.png" site/ateliers/preau.png
sed -i 's/^benevoles: 8$/benevoles: 8\nimage: preau.png\nimage_alt: PREAU.png/' "$A"
"$FABRIQUE" check site --worktree >/dev/null 2>"$WORK/.err"
contains "a recap photo's alt that is its file's name" "$WORK/.err" \
	"$F:8:10: warning: 'lavoir' does not describe the photo"
contains "in another case, for another photo" "$WORK/.err" \
	"$F:10:10: warning: 'vacances' does not describe the photo"
contains "a workshop's image_alt that is its file's name, with its extension" "$WORK/.err" \
	"$A:10:12: warning: 'PREAU.png' does not describe the photo"
sed -i 's/^    alt: lavoir$/    alt: Le lavoir aux pierres propres/; s/^    alt: vacances$/    alt: Des enfants au bord du lavoir/' "$F"
sed -i 's/^image_alt: .*/image_alt: Le préau repeint en bleu/' "$A"
"$FABRIQUE" check site --worktree >/dev/null 2>"$WORK/.err"
lacks "described, they pass" "$WORK/.err" "does not describe"
