#!/bin/sh
# A link to a file published as it is tells residents what the file is
# and how heavy, inside the link (outside tester 20 F17): « La vidéo
# (vidéo MP4, 12 Mo) », « le plan (PDF, 1 Ko) », as French public sites
# give downloads; a link whose text already gives a size is left alone,
# and links to pages and photos get nothing.  A heavy file is said to
# the editor where it is linked: a note from 10 MB, a warning from 50 MB
# (an error under --strict, as in the pre-receive hook).  The site is a
# git repository of its own in a temp folder, built with the
# uninstalled binary and defaults.
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
OUT=$WORK/out
mkmini "$R"
cd "$R" || exit 1
D=site/retours/fete-2025
python3 - "$D" <<'PY'
import struct, sys
d = sys.argv[1]
def box(t, body): return struct.pack(">I", 8 + len(body)) + t + body
def mp4(n): return box(b"ftyp", b"isom\0\0\2\0isomiso2mp41") + box(b"moov", box(b"mvhd", bytes(100))) + box(b"mdat", bytes(n))
open(d + "/film.mp4", "wb").write(mp4(12_000_000))
open(d + "/rushes.mp4", "wb").write(mp4(51_000_000))
open(d + "/liste.csv", "w").write("nom;atelier\nMarie;lavoir\n" * 100)
open(d + "/notes.txt", "w").write("Des notes.\n")
open(d + "/photos.zip", "wb").write(b"PK\5\6" + bytes(18))
PY
cat >>$D/index.md <<'MD'

[La vidéo de la journée](film.mp4), [les rushes](rushes.mp4),
[la liste](liste.csv), [les notes](notes.txt), [toutes les photos](photos.zip),
[le plan (PDF, 1 Ko)](/documents/plan.pdf), [le plan, page 2](/documents/plan.pdf#page=2),
[le lavoir en grand](lavoir.png), [l'atelier](../../ateliers/repeindre-le-preau.md).

## [Le film](film.mp4)
MD
commit_all "$R" "Vidéos et documents" >/dev/null

"$FABRIQUE" build site --out "$OUT" -q 2>"$WORK/.err"
status "the site builds (a heavy file is no error)" 0 $?
P=$OUT/retours/fete-2025/index.html
nb=$(printf '\302\240')
contains "a video says its type and size in the link" "$P" \
    "<a href=\"/retours/fete-2025/film.mp4\">La vidéo de la journée <span class=\"fichier\">(vidéo MP4, 12${nb}Mo)</span></a>"
contains "a heavier one too" "$P" ">les rushes <span class=\"fichier\">(vidéo MP4, 51${nb}Mo)</span></a>"
contains "a CSV file" "$P" ">la liste <span class=\"fichier\">(CSV, 2,5${nb}Ko)</span></a>"
contains "a text file" "$P" ">les notes <span class=\"fichier\">(texte, 1${nb}Ko)</span></a>"
contains "an archive" "$P" ">toutes les photos <span class=\"fichier\">(archive ZIP, 1${nb}Ko)</span></a>"
contains "a link from the root, with a page number" "$P" \
    "<a href=\"/documents/plan.pdf#page=2\">le plan, page 2 <span class=\"fichier\">(PDF,"
contains "a link whose text gives the size is left alone" "$P" ">le plan (PDF, 1 Ko)</a>"
if grep -o '<a [^>]*>[^<]*lavoir en grand[^<]*<' "$P" | grep -q '('; then not_ok "a photo's link says nothing more"
else ok "a photo's link says nothing more"; fi
if grep -o "<a [^>]*>l’atelier[^<]*<[^>]*>" "$P" | grep -q 'fichier'; then not_ok "a page's link says nothing more"
else ok "a page's link says nothing more"; fi
A=$OUT/ateliers/repeindre-le-preau/index.html
contains "a workshop's link to a document too" "$A" ">plan d’accès <span class=\"fichier\">(PDF, 1${nb}Ko)</span></a>"
contains "a heading keeps its id and its words (no size in a title)" "$P" \
    "<h2 id=\"le-film\"><a href=\"/retours/fete-2025/film.mp4\">Le film</a></h2>"
lacks "the search index does not take the words" "$OUT/recherche/index.json" "vidéo MP4"

"$FABRIQUE" check site >"$WORK/check" 2>&1
status "check succeeds" 0 $?
contains "a file from 10 MB is a note where it is linked" "$WORK/check" \
    "$D/index.md:12:26: note: $D/film.mp4 weighs 12 MB: a resident who taps its link downloads all of it"
contains "from 50 MB, a warning with the fix" "$WORK/check" \
    "warning: $D/rushes.mp4 weighs 51 MB: a resident who taps its link downloads all of it, and the repository keeps it for ever; put a video on a video platform"
lacks "a small file is not" "$WORK/check" "liste.csv weighs"
"$FABRIQUE" check site --strict >"$WORK/strict" 2>&1
status "check --strict (the pre-receive hook) refuses 51 MB" 1 $?
contains "only the warning is an error under --strict" "$WORK/strict" "error: $D/rushes.mp4 weighs 51 MB"
LANGUAGE= LC_ALL=fr_FR.UTF-8 "$FABRIQUE" check site >"$WORK/fr" 2>&1
contains "in French" "$WORK/fr" "rushes.mp4 pèse 51 Mo : un habitant qui touche son lien le télécharge en entier"

# the file replaced by a larger one: its pages say the new size, even
# when their text did not change (the render cache compares the answer)
python3 -c "open('$R/site/documents/plan.pdf','ab').write(b'%' + b' ' * 3000 + b'\n')"
commit_all "$R" "Plan plus détaillé" >/dev/null
"$FABRIQUE" build site --out "$OUT" -q 2>"$WORK/.err"
contains "a file grown says its new size" "$A" ">plan d’accès <span class=\"fichier\">(PDF, 3${nb}Ko)</span></a>"
