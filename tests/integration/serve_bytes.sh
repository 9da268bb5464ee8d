#!/bin/sh
# fabrique serve and the bytes it is asked for (tester19 F4), against a
# real server on 127.0.0.1 with curl:
# - a path holding "%00" is refused with 400: libmicrohttpd decoded it
#   and cut the path at the NUL, so /index.html%00.txt served index.html;
# - byte ranges are honoured (Safari on an iPhone plays a linked .mp4
#   only from a server that answers its "Range: bytes=0-1" with 206):
#   206 with Content-Range, Accept-Ranges: bytes, 416 for a range past
#   the end, the whole file (200) without a Range header.
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
mkmini "$R"
cd "$R" || exit 1
# a video an editor links from a workshop: an MP4's signature, then bytes
python3 - site/documents/visite.mp4 <<'EOS'
import sys
data = b"\0\0\0\x18ftypmp42\0\0\0\0mp42isom" + bytes(i % 251 for i in range(20000))
open(sys.argv[1], "wb").write(data)
EOS
printf '\nLa [visite en vidéo](../documents/visite.mp4).\n' >>site/ateliers/repeindre-le-preau.md
git add -A && git commit -qm "Une vidéo"
serve_start site || exit 0
V=$WORK/visite.mp4
cp site/documents/visite.mp4 "$V"
len=$(wc -c <"$V")

code=$(curl -s -o /dev/null -w '%{http_code}' "$url/index.html")
status "/index.html is served" 200 "$code"
for bad in "/index.html%00.txt" "/index.html%00" "/ateliers%00/" "/documents/visite.mp4%00.html"; do
	code=$(curl -s -o "$WORK/body" -w '%{http_code}' "$url$bad")
	status "$bad: refused with 400" 400 "$code"
	check "$bad: not the page's bytes" test ! -s "$WORK/body"
done

# headers NAME ARGS...: the response's headers (CR removed) in $WORK/h,
# its body in $WORK/b
headers() {
	curl -s -D "$WORK/h.raw" -o "$WORK/b" "$@"
	tr -d '\r' <"$WORK/h.raw" >"$WORK/h"
}
headers "$url/documents/visite.mp4"
contains "no Range: 200" "$WORK/h" "HTTP/1.1 200 OK"
contains "no Range: says it takes ranges" "$WORK/h" "Accept-Ranges: bytes"
contains "the video's type" "$WORK/h" "Content-Type: video/mp4"
check "no Range: the whole file" cmp -s "$WORK/b" "$V"

headers -H "Range: bytes=0-1" "$url/documents/visite.mp4"
contains "bytes=0-1 (Safari's first ask): 206" "$WORK/h" "HTTP/1.1 206 Partial Content"
contains "bytes=0-1: Content-Range" "$WORK/h" "Content-Range: bytes 0-1/$len"
contains "bytes=0-1: two bytes" "$WORK/h" "Content-Length: 2"
head -c 2 "$V" >"$WORK/want"
check "bytes=0-1: the file's first two bytes" cmp -s "$WORK/b" "$WORK/want"

headers -H "Range: bytes=100-4195" "$url/documents/visite.mp4"
contains "bytes=100-4195: 206" "$WORK/h" "HTTP/1.1 206 Partial Content"
contains "bytes=100-4195: Content-Range" "$WORK/h" "Content-Range: bytes 100-4195/$len"
tail -c +101 "$V" | head -c 4096 >"$WORK/want"
check "bytes=100-4195: those bytes" cmp -s "$WORK/b" "$WORK/want"

headers -H "Range: bytes=20000-" "$url/documents/visite.mp4"
contains "bytes=20000- (to the end): Content-Range" "$WORK/h" "Content-Range: bytes 20000-$((len - 1))/$len"
tail -c +20001 "$V" >"$WORK/want"
check "bytes=20000-: the file's end" cmp -s "$WORK/b" "$WORK/want"

headers -H "Range: bytes=-10" "$url/documents/visite.mp4"
contains "bytes=-10 (the last ten): Content-Range" "$WORK/h" "Content-Range: bytes $((len - 10))-$((len - 1))/$len"
tail -c 10 "$V" >"$WORK/want"
check "bytes=-10: the last ten bytes" cmp -s "$WORK/b" "$WORK/want"

headers -H "Range: bytes=$len-" "$url/documents/visite.mp4"
contains "a range past the end: 416" "$WORK/h" "HTTP/1.1 416"
contains "a range past the end: Content-Range says the length" "$WORK/h" "Content-Range: bytes */$len"

headers -H "Range: bytes=0-1,5-6" "$url/documents/visite.mp4"
contains "several ranges: the whole file, as RFC 9110 allows" "$WORK/h" "HTTP/1.1 200 OK"
check "several ranges: every byte" cmp -s "$WORK/b" "$V"

code=$(curl -s -o /dev/null -w '%{http_code}' -H "Range: bytes=0-1" "$url/nulle-part.mp4")
status "a range of a missing file: 404" 404 "$code"
