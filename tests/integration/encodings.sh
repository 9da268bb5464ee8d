#!/bin/sh
# Files saved by Windows' Notepad in another encoding than UTF-8 (outside
# tester 20 F16, F1).  « Unicode » (UTF-16, with or without a byte order
# mark) gave six unrelated messages (no header, « titre » missing…);
# « ANSI » (Windows-1252) in the body was published as « plant�e » with
# one warning.  Each is now one error naming the encoding and the fix.
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
mkmini "$R"
cd "$R" || exit 1
A=site/ateliers
fr() { (LANGUAGE= LC_ALL=fr_FR.UTF-8 LANG=fr_FR.UTF-8 "$FABRIQUE" "$@") >"$WORK/.out" 2>&1; echo $? >"$WORK/rc"; }
errors() { grep -c "$1.*erreur\|$1.*avertissement\|$1.*note" "$WORK/.out"; }

/usr/bin/python3 - <<'EOS'
t = open("site/ateliers/planter-des-haies.md", encoding="utf-8").read()
open("site/ateliers/grille.md", "w", encoding="utf-16").write(t.replace("Planter des haies", "Repeindre la grille"))
open("site/ateliers/grille-be.md", "wb").write(t.replace("Planter des haies", "Repeindre le banc").encode("utf-16-be"))
EOS
commit_all "$R" "utf16" >/dev/null
fr check site
status "a page saved as UTF-16 fails check" 1 "$(cat "$WORK/rc")"
contains "it is said to be UTF-16" "$WORK/.out" "ateliers/grille.md:1:1: erreur : ce fichier est enregistré en UTF-16"
contains "with Notepad's fix" "$WORK/.out" "Enregistrer sous… › Encodage : UTF-8"
contains "UTF-16 without a byte order mark too" "$WORK/.out" "ateliers/grille-be.md:1:1: erreur : ce fichier est enregistré en UTF-16"
n=$(errors "grille.md"); [ "$n" = 1 ] && ok "one message for the file" || not_ok "one message for the file" "$(cat "$WORK/.out")"
lacks "not « titre est obligatoire »" "$WORK/.out" "« titre » est obligatoire"
lacks "not « pas d’en-tête »" "$WORK/.out" "en-tête"
git rm -q $A/grille.md $A/grille-be.md && commit_all "$R" "sans" >/dev/null

/usr/bin/python3 -c "
t = open('site/editions/2026.yaml', encoding='utf-8').read()
open('site/editions/2026.yaml', 'w', encoding='utf-16').write(t)"
commit_all "$R" "edition utf16" >/dev/null
fr check site
contains "an edition saved as UTF-16 is said so" "$WORK/.out" "editions/2026.yaml:1:1: erreur : ce fichier est enregistré en UTF-16"
git checkout -q HEAD~1 -- site/editions/2026.yaml && commit_all "$R" "edition utf8" >/dev/null

printf 'La haie sera plant\351e par les \351l\350ves et leurs parents \226 venez nombreux \205\nEt encore \351.\n' >>$A/planter-des-haies.md
commit_all "$R" "ansi" >/dev/null
fr check site
status "a body saved as Windows-1252 fails check" 1 "$(cat "$WORK/rc")"
contains "it names Windows-1252 at the first bad byte" "$WORK/.out" "ateliers/planter-des-haies.md:12:19: erreur : ce fichier semble enregistré en Windows-1252 (« ANSI » dans le Bloc-notes) : l’octet 0xE9"
n=$(errors "planter-des-haies.md"); [ "$n" = 1 ] && ok "one message per file, not per byte" || not_ok "one message per file, not per byte" "$(cat "$WORK/.out")"
"$FABRIQUE" build site --out "$WORK/out" >"$WORK/.out" 2>&1
status "the build refuses it" 1 $?
if grep -rqs "$(printf '\357\277\275')" "$WORK/out"; then not_ok "no U+FFFD published"; else ok "no U+FFFD published"; fi

# One NUL byte in a UTF-8 page, and a PNG saved under a .md name, were
# « saved as UTF-16 » at 1:1, and saving again as UTF-8 changed nothing
# (outside tester 30 F7): each is a NUL at its line and column now.
git checkout -q HEAD~1 -- $A/planter-des-haies.md
printf 'Texte \000 nul au milieu.\n' >>$A/planter-des-haies.md
python3 -c "
import struct, zlib
def chunk(t, d): return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d))
raw = b''.join(b'\x00' + b'\xff\x00\x00' * 8 for _ in range(8))
open('site/pages/image.md', 'wb').write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', 8, 8, 8, 2, 0, 0, 0)) + chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b''))"
commit_all "$R" "nul" >/dev/null
fr check site
status "a NUL fails check" 1 "$(cat "$WORK/rc")"
contains "a NUL in a UTF-8 page: at its line and column, to remove" "$WORK/.out" \
	"ateliers/planter-des-haies.md:12:7: erreur : un caractère nul (octet 0x00) est ici, qu’aucun texte ne contient : retirez-le"
contains "a PNG named .md: its first NUL, and what to do" "$WORK/.out" \
	"pages/image.md:3:1: erreur : un caractère nul (octet 0x00) est ici, qu’aucun texte ne contient : retirez-le ; si ce fichier n’est pas du texte (une image ou un document nommé en .md), redonnez-lui son propre nom"
lacks "neither is said to be UTF-16" "$WORK/.out" "UTF-16"
