#!/bin/sh
# Messages that say what to write instead (outside tester 33), on the
# site a newcomer makes with fabrique init, in French as editors read
# them, then in English.
. "$(dirname "$0")/../lib.sh"

starter_site
starter_addressed
fill_starter .
commit_at 2026-11-02T10:00:00+01:00 "le site rempli"
"$FABRIQUE" check --strict >"$WORK/.err" 2>&1
status "the filled starter site is clean under --strict" 0 $?
A=ateliers/nettoyer-les-abords-de-l-ecole.md
fr() { LANGUAGE= LC_ALL=fr_FR.UTF-8 "$FABRIQUE" "$@" >"$WORK/.err" 2>&1; }

# « 24:00 » was « l’heure doit s’écrire 09:30 ou 9h30 », which it does:
# what to write instead; a workshop's end cannot be the next day's
# 00:00 ('fin' after 'debut'), its start can
sed -i 's|^fin: .*|fin: "24:00"|' "$A"
commit_at 2026-11-03T10:00:00+01:00 "jusqu’à minuit"
F=$(grep -n '^fin:' "$A" | cut -d: -f1) D=$(grep -n '^debut:' "$A" | cut -d: -f1)
fr check
status "fin: 24:00 is refused" 1 $?
contains "fin: 24:00: write 23:59, the same day" "$WORK/.err" \
	"$A:$F:6: erreur : « 24:00 » n’est pas une heure de la journée, qui finit à 23:59 : écrivez 23:59 (« fin » doit être après « debut », le même jour)"
lacks "... not « must look like 09:30 », which it does" "$WORK/.err" "doit s’écrire 09:30"
sed -i 's|^fin: .*|fin: "12:00"|; s|^debut: .*|debut: 24h|' "$A"
commit_at 2026-11-04T10:00:00+01:00 "à minuit"
fr check
contains "debut: 24h: 23:59, or 00:00 the next day" "$WORK/.err" \
	"$A:$D:8: erreur : « 24h » n’est pas une heure de la journée, qui finit à 23:59 : écrivez 23:59, ou 00:00 le lendemain"
"$FABRIQUE" check >"$WORK/.err" 2>&1
contains "in English" "$WORK/.err" \
	"$A:$D:8: error: '24h' is not a time of the day, which ends at 23:59: write 23:59, or 00:00 the next day"
sed -i 's|^debut: .*|debut: "09:00"|' "$A"
commit_at 2026-11-05T10:00:00+01:00 "à 9 h"
"$FABRIQUE" check --strict >"$WORK/.err" 2>&1
status "put back: clean" 0 $?

# a photo named .jpg holding a PNG: « elle est publiée selon son
# contenu » as a warning; under --strict an error, and nothing is
# published: then only what to do, rename it
P=retours/premiere-journee
sed -i 's|^resume: .*|&\nphotos:\n  - fichier: photo-1.jpg\n    alt: Les bénévoles devant l’école|' "$P/index.md"
python3 - "$P/photo-1.jpg" <<'PY'
import struct, sys, zlib
w, h = 320, 240
raw = b"".join(b"\0" + bytes((x * 7 + y * 3) % 256 for x in range(w) for _ in range(3)) for y in range(h))
def chunk(t, d): return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
open(sys.argv[1], "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
PY
commit_at 2026-11-06T10:00:00+01:00 "une photo"
fr build --out "$WORK/out"
status "a PNG named .jpg: a warning, the site is built" 0 $?
contains "as a warning: published as what it holds, and the name to give" "$WORK/.err" \
	"$P/photo-1.jpg: avertissement : le nom de ce fichier annonce du JPEG mais il contient une image PNG ; elle est publiée selon son contenu ; renommez-le photo-1.png"
rm -rf "$WORK/out"
fr build --strict --out "$WORK/out"
status "under --strict: refused" 1 $?
contains "as an error: rename it, and no word of being published" "$WORK/.err" \
	"$P/photo-1.jpg: erreur : le nom de ce fichier annonce du JPEG mais il contient une image PNG : renommez-le photo-1.png, pour que son nom dise ce qu’il contient"
lacks "... not « publiée »" "$WORK/.err" "publiée selon son contenu"
"$FABRIQUE" build --strict --out "$WORK/out" >"$WORK/.err" 2>&1
contains "in English" "$WORK/.err" \
	"$P/photo-1.jpg: error: this file's name says JPEG but it holds a PNG image: rename it photo-1.png, so that its name says what it holds"
mv "$P/photo-1.jpg" "$P/photo-1.png"
sed -i 's|photo-1.jpg|photo-1.png|' "$P/index.md"
commit_at 2026-11-07T10:00:00+01:00 "renommée"
"$FABRIQUE" build --strict --out "$WORK/out" >"$WORK/.err" 2>&1
status "renamed as said: built under --strict" 0 $?

# a page taking the address of a page the theme makes: « déjà prise par
# programme » named no page an editor knows
printf -- '---\ntitre: Le programme\n---\nTout le programme de la journée.\n' >pages/programme.md
commit_at 2026-11-08T10:00:00+01:00 "une page programme"
fr check
status "pages/programme.md: refused" 1 $?
contains "the theme's programme page named as such, and what to do" "$WORK/.err" \
	"pages/programme.md:1:1: erreur : l’adresse /programme/ est déjà prise par la page du programme, que fait le thème ; donnez à cette page un autre « slug », ou renommez son fichier"
lacks "... not « par programme »" "$WORK/.err" "prise par programme"
"$FABRIQUE" check >"$WORK/.err" 2>&1
contains "in English" "$WORK/.err" \
	"pages/programme.md:1:1: error: the URL /programme/ is already taken by the programme page, which the theme makes; give this page another 'slug', or rename its file"
printf -- '---\ntitre: Les ateliers\n---\nTexte.\n' >pages/ateliers.md
commit_at 2026-11-09T10:00:00+01:00 "une page ateliers"
fr check
contains "the list of workshops" "$WORK/.err" \
	"pages/ateliers.md:1:1: erreur : l’adresse /ateliers/ est déjà prise par la liste des ateliers, que fait le thème"
sed -i 's|^titre: .*|titre: Le programme\nslug: notre-programme|' pages/programme.md
git rm -q pages/ateliers.md
commit_at 2026-11-10T10:00:00+01:00 "un autre slug"
"$FABRIQUE" check --strict >"$WORK/.err" 2>&1
status "another slug, as said: clean" 0 $?
