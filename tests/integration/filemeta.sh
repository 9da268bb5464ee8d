#!/bin/sh
# Videos and documents published as they are keep no personal metadata
# (outside tester 20 F19, MAJOR): a video's GPS position (MP4 udta ©xyz,
# QuickTime key com.apple.quicktime.location.ISO6709) and a PDF's author
# (Info /Author, XMP dc:creator) are said by check (an error under
# --strict, as in the pre-receive hook) and blanked in the published
# copy, which keeps its size.  The files are made here, as phones and
# word processors write them.
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
def text(s): return struct.pack(">HH", len(s), 0x15c7) + s  # udta text item
ftyp = box(b"ftyp", b"isom\0\0\2\0isomiso2mp41")
mvhd = box(b"mvhd", bytes(100))
mdat = box(b"mdat", bytes(4000))
# an iPhone-like MP4: udta with the position and the model
udta = box(b"udta", box(b"\xa9xyz", text(b"+48.8566+002.3522+035.000/")) +
       box(b"\xa9mak", text(b"Apple")) + box(b"\xa9mod", text(b"iPhone 15")) +
       box(b"\xa9nam", text(b"Fete du lavoir")))
open(d + "/film.mp4", "wb").write(ftyp + box(b"moov", mvhd + udta) + mdat)
# a QuickTime movie: the position as a metadata key
key = b"com.apple.quicktime.location.ISO6709"
keys = box(b"keys", bytes(4) + struct.pack(">I", 4) +
           box(b"mdta", b"com.apple.quicktime.make") + box(b"mdta", key) +
           box(b"mdta", b"com.apple.quicktime.model") +
           box(b"mdta", b"com.apple.quicktime.title"))
data = lambda v: box(b"data", struct.pack(">II", 1, 0) + v)
ilst = box(b"ilst", box(struct.pack(">I", 1), data(b"Apple")) +
           box(struct.pack(">I", 2), data(b"+45.7640+004.8357+170.000/")) +
           box(struct.pack(">I", 3), data(b"iPhone 15 Pro")) +
           box(struct.pack(">I", 4), data(b"Clip du lavoir")))
meta = box(b"meta", box(b"hdlr", bytes(8) + b"mdta" + bytes(13)) + keys + ilst)
qt = box(b"ftyp", b"qt  \0\0\0\0qt  ")
open(d + "/clip.mov", "wb").write(qt + box(b"moov", mvhd + meta) + mdat)
# a video exported by an editing program: its XMP packet (a uuid box)
# holds the position and the author
vx = (b"<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF><rdf:Description "
      b"exif:GPSLatitude=\"43,17.5N\" exif:GPSLongitude='5,22.1E'>"
      b"<exif:GPSAltitude>12/1</exif:GPSAltitude>"
      b"<dc:creator><rdf:Seq><rdf:li>Paul Durand</rdf:li></rdf:Seq></dc:creator>"
      b"<dc:title>Montage</dc:title></rdf:Description></rdf:RDF></x:xmpmeta>")
uuid = bytes.fromhex("BE7ACFCB97A942E89C71999491E3AFAC")
open(d + "/montage.mp4", "wb").write(ftyp + box(b"moov", mvhd) + box(b"uuid", uuid + vx) + mdat)
# a video with nothing personal
open(d + "/propre.mp4", "wb").write(ftyp + box(b"moov", mvhd) + mdat)
# a PDF exported by a word processor: Info /Author, XMP dc:creator
xmp = (b"<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF><rdf:Description>"
       b"<dc:creator><rdf:Seq><rdf:li>Helene Martin</rdf:li></rdf:Seq>"
       b"</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>")
pdf = (b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R /Metadata 3 0 R >>\nendobj\n"
       b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
       b"3 0 obj\n<< /Type /Metadata /Subtype /XML /Length " + str(len(xmp)).encode() + b" >>\nstream\n"
       + xmp + b"\nendstream\nendobj\n"
       b"4 0 obj\n<< /Author (Helene Martin, secretariat mairie \\(06 12 34 56 78\\)) "
       b"/Creator (Microsoft Word) /Title (Plan) >>\nendobj\n"
       b"trailer\n<< /Root 1 0 R /Info 4 0 R >>\n%%EOF\n")
open(d + "/plan.pdf", "wb").write(pdf)
PY
printf '\n[La vidéo](film.mp4), [le clip](clip.mov), [le montage](montage.mp4), [la vidéo sans rien](propre.mp4), [le plan](plan.pdf).\n' >>$D/index.md
commit_all "$R" "vidéo et plan" >/dev/null

"$FABRIQUE" check site >"$WORK/check" 2>&1
status "check succeeds (warnings)" 0 $?
contains "the MP4's position is said" "$WORK/check" "film.mp4 holds the GPS position where the video was filmed"
contains "the QuickTime key's position is said" "$WORK/check" "clip.mov holds the GPS position"
contains "the PDF's author is said" "$WORK/check" "plan.pdf holds the name of its author"
contains "the fix is given" "$WORK/check" "export the video without the position"
lacks "a video with no position is not" "$WORK/check" "propre.mp4"
contains "the position in a video's XMP is said" "$WORK/check" "montage.mp4 holds the GPS position"
contains "and its XMP author" "$WORK/check" "montage.mp4 holds the name of its author"
"$FABRIQUE" check site --strict >"$WORK/strict" 2>&1
status "check --strict (the pre-receive hook) refuses" 1 $?
LANGUAGE= LC_ALL=fr_FR.UTF-8 "$FABRIQUE" check site >"$WORK/fr" 2>&1
contains "in French, the video" "$WORK/fr" "la position GPS où la vidéo a été filmée"
contains "in French, the fix" "$WORK/fr" "exportez la vidéo sans la position"
contains "in French, the PDF" "$WORK/fr" "Fichier › Propriétés : effacez l’auteur"

"$FABRIQUE" build site --out "$OUT" -q 2>"$WORK/.err"
status "the site builds" 0 $?
P=$OUT/retours/fete-2025
for f in film.mp4 clip.mov montage.mp4 plan.pdf propre.mp4; do
	if [ -s "$P/$f" ] && [ "$(wc -c <"$P/$f")" = "$(wc -c <"$D/$f")" ]; then ok "$f keeps its size"
	else not_ok "$f keeps its size"; fi
done
for pair in "film.mp4 48.8566" "clip.mov 45.7640" "plan.pdf Helene" "plan.pdf 06 12 34" \
	"film.mp4 iPhone" "film.mp4 Apple" "clip.mov iPhone" "clip.mov Apple" \
	"montage.mp4 43,17" "montage.mp4 5,22" "montage.mp4 12/1" "montage.mp4 Paul"; do
	set -- $pair
	if [ ! -s "$P/$1" ] || grep -aqF "$2" "$P/$1"; then not_ok "$1 is published without '$2'"
	else ok "$1 is published without '$2'"; fi
done
if grep -aqF "Helene" "$D/plan.pdf"; then ok "the file in the site is left alone"
else not_ok "the file in the site is left alone"; fi
contains "what is not personal stays (the PDF's title)" "$P/plan.pdf" "/Title (Plan)"
contains "and the movie's other keys (its title)" "$P/clip.mov" "Clip du lavoir"
contains "and a movie's title" "$P/film.mp4" "Fete du lavoir"
contains "and an XMP's title" "$P/montage.mp4" "<dc:title>Montage</dc:title>"
if cmp -s "$D/propre.mp4" "$P/propre.mp4"; then ok "a video with nothing personal is published byte for byte"
else not_ok "a video with nothing personal is published byte for byte"; fi
# the blanked movie still reads: its boxes are where they were
python3 - "$P/film.mp4" "$P/clip.mov" "$P/montage.mp4" >"$WORK/boxes" 2>&1 <<'PY'
import struct, sys
for f in sys.argv[1:]:
    b = open(f, "rb").read(); at = 0; seen = []
    while at < len(b):
        n, t = struct.unpack(">I4s", b[at:at + 8]); seen.append(t); at += n
    assert at == len(b) and seen[-1] == b"mdat", (f, seen)
print("boxes ok")
PY
contains "the published movies' boxes are intact" "$WORK/boxes" "boxes ok"
