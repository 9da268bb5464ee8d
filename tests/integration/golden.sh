#!/bin/sh
# Golden files: the small fixture site, built from a real git repository,
# must match tests/golden/mini/ byte for byte.  After an intended change
# of output, regenerate with: make regress-update (and review the diff).
. "$(dirname "$0")/../lib.sh"

GOLDEN=$TOP/tests/golden/mini
mkmini "$WORK/repo"
# The commit's time is in the calendars (DTSTAMP) and the feed: pinned.
(cd "$WORK/repo" && SOURCE_DATE_EPOCH=1767225600 "$FABRIQUE" build site --out "$WORK/out" -q)
status "the fixture site builds" 0 $?
if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
	rm -rf "$GOLDEN"
	mkdir -p "$(dirname "$GOLDEN")"
	cp -R "$WORK/out" "$GOLDEN"
	echo "# golden files regenerated in $GOLDEN"
fi
for f in $(cd "$GOLDEN" && find . -type f | sort); do
	if cmp -s "$GOLDEN/$f" "$WORK/out/$f"; then ok "golden: $f"
	else not_ok "golden: $f" "$(diff -u "$GOLDEN/$f" "$WORK/out/$f" 2>&1 | head -n 15)"; fi
done
extra=$(cd "$WORK/out" && find . -type f | sort | while read -r f; do
	[ -f "$GOLDEN/$f" ] || echo "$f"; done)
if [ -z "$extra" ]; then ok "golden: no unexpected file"
else not_ok "golden: no unexpected file" "$extra"; fi
