#!/bin/sh
# A recap's photo listed in other capitals than its file (outside tester
# 18 F5): the phone's IMG_0001.JPG typed « fichier: IMG_0001.jpg » got
# two messages, « n’existe pas » and « n’est pas listé … retirez le
# fichier », which invited deleting the photo.  Now one error with the
# name meant, and no « retirez » for that file; a plain typo gets the
# closest photo too.
. "$(dirname "$0")/../lib.sh"

IMGTOOL=$(dirname "$FABRIQUE")/imgtool
[ -x "$IMGTOOL" ] || IMGTOOL=$TOP/build/imgtool
R=$WORK/repo
mkmini "$R"
cd "$R" || exit 1
D=site/retours/fete-2025
"$IMGTOOL" make "$D/IMG_0001.JPG" 640 480 --private
cat >>"$D/index.md.new" <<'MD'
---
titre: Le lavoir nettoyé
edition: 2025
ateliers:
  - ateliers/nettoyer-le-lavoir-2025
photos:
  - fichier: lavoir.png
    alt: Le lavoir aux pierres propres
  - fichier: IMG_0001.jpg
    alt: Les bénévoles devant le lavoir
---
Merci à tous.
MD
mv "$D/index.md.new" "$D/index.md"
commit_all "$R" "photo du téléphone" >/dev/null
LANGUAGE= LC_ALL=fr_FR.UTF-8 LANG=fr_FR.UTF-8 "$FABRIQUE" check site >"$WORK/.err" 2>&1
status "a photo named in other capitals is an error" 1 $?
contains "one error, with the name meant" "$WORK/.err" \
	"$D/index.md:9:14: erreur : « IMG_0001.jpg » n’existe pas dans retours/fete-2025/ ; vouliez-vous dire « IMG_0001.JPG » ? (les noms ne diffèrent que par les majuscules)"
lacks "no « retirez le fichier » for the photo meant" "$WORK/.err" "retirez le fichier"
check "one message about the photo" test "$(grep -c IMG_0001 "$WORK/.err")" = 1

# a typo in the name: the closest photo
sed -i 's/IMG_0001.jpg/IMG_001.JPG/' "$D/index.md"
commit_all "$R" "faute de frappe" >/dev/null
"$FABRIQUE" check site >"$WORK/.err" 2>&1
contains "a typo: the photo meant" "$WORK/.err" \
	"$D/index.md:9:14: error: 'IMG_001.JPG' does not exist in retours/fete-2025/; did you mean 'IMG_0001.JPG'?"
lacks "still no « remove the file »" "$WORK/.err" "remove the file"

# a photo truly not listed is still said
sed -i '/IMG_001.JPG/,+1d' "$D/index.md"
commit_all "$R" "photo retirée de la liste" >/dev/null
"$FABRIQUE" check site >"$WORK/.err" 2>&1
contains "a photo not listed at all: the warning stays" "$WORK/.err" \
	"'IMG_0001.JPG' is in retours/fete-2025/ but not listed in 'photos'; list it or remove the file"

# Photos added to a recap's folder as fabrique init's own recap says
# (« ajoutez les photos dans ce dossier »), but no 'photos' list at all
# (outside tester 32 F5): check and build were silent and the site showed
# none.  Now a warning at the front matter naming them; --strict refuses.
I=$WORK/init
"$FABRIQUE" init "$I" >/dev/null 2>&1
P=$I/retours/premiere-journee
"$IMGTOOL" make "$P/grande.jpg" 640 480
"$IMGTOOL" make "$P/pique-nique.jpg" 640 480
(cd "$I" && $GIT add -A && $GIT commit -qm "Les photos")
LANGUAGE= "$FABRIQUE" check "$I" >"$WORK/.err" 2>&1
contains "photos in a recap without 'photos': a warning, in French, at the front matter" "$WORK/.err" \
	"retours/premiere-journee/index.md:1:1: avertissement : retours/premiere-journee/ contient 2 fichiers que « photos » listerait (grande.jpg, pique-nique.jpg), mais il n’y a pas de « photos » : ils ne sont donc publiés nulle part ; ajoutez « photos » avec un élément qui nomme chacun (« fichier: NOM », comme le montre README.md)"
"$FABRIQUE" check --strict "$I" >"$WORK/.err" 2>&1
contains "--strict makes it an error; in English too" "$WORK/.err" \
	"retours/premiere-journee/index.md:1:1: error: retours/premiere-journee/ holds 2 files that 'photos' would list (grande.jpg, pique-nique.jpg), but there is no 'photos', so they are published nowhere"
sed -i "s/^resume: .*/&\nphotos:\n  - fichier: grande.jpg\n    alt: Les bénévoles devant le lavoir\n  - fichier: pique-nique.jpg\n    alt: Le pique-nique sous les tilleuls/" "$P/index.md"
(cd "$I" && $GIT commit -qam "Photos listées")
"$FABRIQUE" check "$I" >"$WORK/.err" 2>&1
lacks "listed, the warning is gone" "$WORK/.err" "would list"
