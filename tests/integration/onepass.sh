#!/bin/sh
# `fabrique check` lists every problem in one run (README), not in
# rounds (outside tester 33 F4: the editor fixed what was said, pushed,
# and was refused again for what check could have said the first time):
#  - a map point far from the commune is said next to another error of
#    its page (a time refused), not once that error is mended;
#  - a slot's date in another year than its edition is said next to the
#    errors of the other slots of the same file;
# while what cannot be checked is not: a lat refused gives no point to
# judge, a slot's date refused no year.  Sites made with `fabrique init`
# in their own repositories in a temp folder, the pre-receive hook in a
# bare repository pushed to, the uninstalled binary and defaults.
. "$(dirname "$0")/../lib.sh"

A=ateliers/nettoyer-les-abords-de-l-ecole.md
# init runs under faketime, which preloads libfaketime: under ASan the
# sanitizer's runtime is then not the first library, which it accepts
# when told (CI's ASan pass failed here, silently, at stop 45)
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
# every commit of a day in November 2026 (the checks' day is the
# commit's), the site made by init on that day: its edition is 2027,
# whatever the clock says
export GIT_AUTHOR_DATE=2026-11-20T10:00:00+01:00 \
    GIT_COMMITTER_DATE=2026-11-20T10:00:00+01:00
# mk DIR: a site of a commune of Haute-Saône (70097), its editor's
# sentences written, committed, pushed to DIR.git whose pre-receive
# hook is fabrique's
mk() {
	env -u LD_PRELOAD -u FAKETIME faketime '2026-11-20 10:00:00' \
	    "$FABRIQUE" init "$WORK/$1" \
	    --commune Saint-Test --insee 70097 \
	    --url https://mairie.example.fr/ >/dev/null 2>&1 || return 1
	grep -q '^date: 2027-05-29' "$WORK/$1/editions/2027.yaml" || return 1
	fill_starter "$WORK/$1"
	(cd "$WORK/$1" && $GIT add -A &&
	 $GIT commit -q --amend -m "Le site" &&
	 $GIT init -q --bare "$WORK/$1.git" &&
	 $GIT remote add origin "file://$WORK/$1.git" &&
	 $GIT push -q origin HEAD:refs/heads/main) || return 1
	hook_install "$WORK/$1.git" pre-receive
}
# push DIR: DIR's commits pushed; the hook's messages in French in
# $WORK/DIR.push, its status in $pst
push() {
	(cd "$WORK/$1" &&
	 LANGUAGE= LC_ALL=fr_FR.UTF-8 $GIT push origin HEAD:refs/heads/main) \
	    >"$WORK/$1.push" 2>&1
	pst=$?
}
# count FILE TEXT: how many lines of FILE hold TEXT
count() { grep -cF -- "$2" "$1"; }
# frcheck [ARG]: check in the current site, in French, into $WORK/out
frcheck() { LANGUAGE= LC_ALL=fr_FR.UTF-8 "$FABRIQUE" check "$@" >"$WORK/out" 2>&1; }

# --- 1. a far point next to a time refused --------------------------
mk point || { not_ok "fabrique init makes the site point, committed and pushed"; exit 1; }
cd "$WORK/point" || exit 1
frcheck --strict
status "the site made by init passes check --strict" 0 $?
sed -i "s|^  adresse: .*|&\n  lat: 47.58\n  lon: -6.78|; s|^fin: .*|fin: \"25:99\"|" "$A"
lat=$(grep -n '^  lat:' "$A" | cut -d: -f1)
fin=$(grep -n '^fin:' "$A" | cut -d: -f1)
commit_all . "Le point, l'heure" >/dev/null
frcheck
status "check: the time refused is an error" 1 $?
cp "$WORK/out" "$WORK/point.out"
contains "the time refused is said" "$WORK/out" "$A:$fin:6: erreur : "
contains "… and the far point in the same run, in French, at lat's line" "$WORK/out" \
    "$A:$lat:8: avertissement : le point lat 47.58, lon -6.78 est hors de France métropolitaine (Haute-Saône 70, le département de la commune)"
contains "… counted" "$WORK/out" "1 erreur, 1 avertissement"
frcheck --strict
contains "check --strict (the hook's): both as errors" "$WORK/out" "2 erreurs"
push point
status "the push is refused" refused "$(refused)"
contains "the hook says the time" "$WORK/point.push" "$A:$fin:6: erreur : "
contains "… and the point, in the same push" "$WORK/point.push" \
    "$A:$lat:8: erreur : le point lat 47.58, lon -6.78 est hors de France"

# the time mended: nothing new comes
sed -i 's|^fin: .*|fin: "12:00"|' "$A"
commit_all . "L'heure" >/dev/null
frcheck
contains "time mended: the point is still said" "$WORK/out" \
    "$A:$lat:8: avertissement : le point lat 47.58, lon -6.78"
contains "… and nothing else" "$WORK/out" "1 avertissement, aucune erreur"

# a lat refused: no point to judge, only the error
sed -i 's|^  lat: .*|  lat: nord|; s|^fin: .*|fin: "25:99"|' "$A"
commit_all . "Latitude" >/dev/null
frcheck
contains "a lat refused is an error" "$WORK/out" "$A:$lat:8: erreur : "
lacks "… and no point is judged" "$WORK/out" "hors de France"
contains "… two errors, no warning" "$WORK/out" "2 erreurs, aucun avertissement"

# a draft's point reaches nobody: not said, with errors or not
sed -i 's|^  lat: .*|  lat: 47.58|; s|^statut: .*|&\nbrouillon: true|' "$A"
commit_all . "Brouillon" >/dev/null
frcheck
lacks "a draft's far point is not said next to an error" "$WORK/out" "hors de France"

# --- 2. a slot in another year next to two slots refused -------------
mk slots || { not_ok "fabrique init makes the site slots, committed and pushed"; exit 1; }
cd "$WORK/slots" || exit 1
sed -i '/^debut:/d; /^fin:/d' "$A"
sed -i 's/^edition: 2027$/&\ncreneaux:\n  - {date: samedi 6 juin, debut: "09:00", fin: "10:00"}\n  - {debut: "11:00", fin: "10:00"}\n  - {date: 2072-06-05, debut: "14:00", fin: "15:00"}/' "$A"
s1=$(grep -n 'samedi 6 juin' "$A" | cut -d: -f1)
s3=$(grep -n '2072-06-05' "$A" | cut -d: -f1)
commit_all . "Trois créneaux" >/dev/null
frcheck
status "check: two slots refused" 1 $?
cp "$WORK/out" "$WORK/slots.out"
contains "the weekday that is not the date's" "$WORK/out" \
    "$A:$s1:12: erreur : le 2027-06-06 est un dimanche, pas un samedi"
contains "the end before the start" "$WORK/out" \
    "erreur : « fin » (10:00) doit être après « debut » (11:00)"
contains "… and the third slot's year, in the same run" "$WORK/out" \
    "$A:$s3:12: avertissement : le 2072-06-05 n’est pas en 2027, l’année de l’édition de cet atelier"
n=$(count "$WORK/out" "n’est pas en")
if [ "$n" = 1 ]; then ok "the date refused gets no year warning of its own"
else not_ok "the date refused gets no year warning of its own ($n)" "$(cat "$WORK/out")"; fi
contains "… counted" "$WORK/out" "2 erreurs, 1 avertissement"
push slots
status "the push is refused" refused "$(refused)"
contains "the hook says the year with the two errors" "$WORK/slots.push" \
    "$A:$s3:12: erreur : le 2072-06-05 n’est pas en 2027"

# the two errors mended: the warning was said already, nothing new
sed -i 's/date: samedi 6 juin/date: 2027-06-05/; s/{debut: "11:00", fin: "10:00"}/{debut: "11:00", fin: "12:00"}/' "$A"
commit_all . "Deux créneaux réparés" >/dev/null
frcheck
contains "mended: the year is what is left" "$WORK/out" "1 avertissement, aucune erreur"

# --- 3. a photo's format next to a photo missing from « photos » -----
mk photos || { not_ok "fabrique init makes the site photos, committed and pushed"; exit 1; }
cd "$WORK/photos" || exit 1
D=retours/premiere-journee
# png FILE W H: a real PNG image of W x H pixels in FILE
png() {
	python3 - "$1" "$2" "$3" <<'P'
import struct, sys, zlib
w, h = int(sys.argv[2]), int(sys.argv[3])
raw = b''.join(b'\0' + b'\x80\x40\x20' * w for _ in range(h))
def chunk(t, d):
    return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d))
open(sys.argv[1], 'wb').write(b'\x89PNG\r\n\x1a\n'
    + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0))
    + chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b''))
P
}
png "$D/grande-480.jpg" 480 320
png "$D/autre.png" 64 48
sed -i 's/^resume: .*/&\nphotos:\n  - fichier: grande-480.jpg\n    alt: Les bénévoles devant la mairie/' "$D/index.md"
commit_all . "Les photos" >/dev/null
frcheck --strict
status "check --strict: a photo not in « photos » is an error" 1 $?
cp "$WORK/out" "$WORK/photos.out"
contains "the photo not listed is said" "$WORK/out" \
    "$D/index.md:5:3: erreur : « autre.png » est dans $D/ mais n’est pas listé dans « photos »"
contains "… and the PNG named .jpg, in the same run" "$WORK/out" \
    "$D/grande-480.jpg: erreur : le nom de ce fichier annonce du JPEG mais il contient une image PNG"
contains "… counted" "$WORK/out" "2 erreurs, aucun avertissement"
frcheck
contains "check: the same, as warnings" "$WORK/out" \
    "$D/grande-480.jpg: avertissement : le nom de ce fichier annonce du JPEG"
push photos
status "the push is refused" refused "$(refused)"
contains "the hook says the photo's format with the other error" "$WORK/photos.push" \
    "$D/grande-480.jpg: erreur : le nom de ce fichier annonce du JPEG"
"$FABRIQUE" build --strict --out "$WORK/photos.www" -q >/dev/null 2>&1
status "build --strict refuses it too" 1 $?
[ -e "$WORK/photos.www/index.html" ] && not_ok "… and writes no site" || ok "… and writes no site"

# a photo field refused names no photo: its file is not judged
sed -i 's/^  - fichier: grande-480.jpg/  - fichier: grande-480.gif/' "$D/index.md"
commit_all . "Un nom de photo faux" >/dev/null
frcheck --strict
lacks "a photo name refused: the file it does not name is not judged" "$WORK/out" \
    "$D/grande-480.jpg: erreur : le nom de ce fichier"
# a draft's photos reach nobody
sed -i 's/^  - fichier: grande-480.gif/  - fichier: grande-480.jpg/; s/^resume: .*/&\nbrouillon: true/' "$D/index.md"
commit_all . "En brouillon" >/dev/null
frcheck --strict
lacks "a draft's photo is not judged while the site has errors" "$WORK/out" \
    "$D/grande-480.jpg: erreur : le nom de ce fichier"
