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
