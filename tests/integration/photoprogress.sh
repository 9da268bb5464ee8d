#!/bin/sh
# A first build of a site with many photos, not on a terminal (cron, CI,
# a hook's push): the photos are decoded for minutes, and the log said
# nothing until the end (outside tester 22, F6).  Now, past a delay
# (ten seconds; FABRIQUE_PROGRESS_EVERY here so that the test needs no
# minutes), a line "images N/M" now and then, and the last.  A small
# batch (under 20 images), and --quiet, print no such line.  A real site in its own
# repository, real photos decoded by the photo module.
. "$(dirname "$0")/../lib.sh"

IMGTOOL=$(dirname "$FABRIQUE")/build/imgtool
[ -x "$IMGTOOL" ] || IMGTOOL=$TOP/build/imgtool
if [ ! -x "$IMGTOOL" ]; then
	not_ok "imgtool is built" "missing: make build/imgtool"
	exit 0
fi
R=$WORK/repo
mkmini "$R"
D=$R/site/retours/album
mkdir -p "$D"
{
	printf -- '---\ntitre: La journée en photos\nedition: 2025\nphotos:\n'
	for i in $(seq 1 22); do
		"$IMGTOOL" make "$D/photo-$i.jpg" 640 480 --texture "$i" || exit 1
		printf '  - fichier: photo-%s.jpg\n    alt: Des bénévoles au travail, vue %s\n' "$i" "$i"
	done
	printf -- '---\nMerci à tous.\n'
} >"$D/index.md"
commit_all "$R" "22 photos" >/dev/null
cd "$R" || exit 1

FABRIQUE_PROGRESS_EVERY=0 "$FABRIQUE" build site --out "$WORK/out" --cache "$WORK/cache1" >"$WORK/.out" 2>"$WORK/.err" </dev/null
status "the site builds" 0 $?
contains "not on a terminal, a line of progress" "$WORK/.err" "images "
# the 22 photos and the site's logo
last=$(grep '^images ' "$WORK/.err" | tail -n 1)
check "and the last one, all done ($last)" test "$last" = "images 23/23"
lacks "no bar drawn (no carriage return)" "$WORK/.err" "$(printf '\r')"
lacks "no bar drawn (no hashes)" "$WORK/.err" "[###"

FABRIQUE_PROGRESS_EVERY=0 "$FABRIQUE" build site --out "$WORK/out2" --cache "$WORK/cache2" --quiet >"$WORK/.out" 2>"$WORK/.err" </dev/null
lacks "--quiet: no progress line" "$WORK/.err" "images "

# A small batch (the fixture's two images): never a line, however long.
S=$WORK/small
mkmini "$S"
(cd "$S" && FABRIQUE_PROGRESS_EVERY=0 "$FABRIQUE" build site --out "$WORK/out3" >"$WORK/.out" 2>"$WORK/.err" </dev/null)
status "the small site builds" 0 $?
lacks "a small batch: no line" "$WORK/.err" "images "
