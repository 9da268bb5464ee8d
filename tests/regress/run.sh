#!/bin/sh
# tests/regress/run.sh DRIVER [update] - the small golden cases, in
# lowdown's style: each CASE.md here (one feature, its options in front
# matter, see tests/regress.c) must render exactly as CASE.html says,
# HTML then diagnostics.  Prints "ok - regress: CASE" or "not ok" with the
# difference; with "update", rewrites every CASE.html instead (review the
# diff with git before committing it).
set -u
DRIVER=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
MODE=${2:-check}
cd "$(dirname "$0")" || exit 1
status=0
out=$(mktemp)
trap 'rm -f "$out"' EXIT
for md in *.md; do
	name=${md%.md}
	LANG=C "$DRIVER" "$md" >"$out" 2>&1
	if [ "$MODE" = update ]; then
		cp "$out" "$name.html"
		echo "ok - regress: $name (updated)"
	elif [ ! -f "$name.html" ]; then
		echo "not ok - regress: $name: no $name.html (make regress-update)"
		status=1
	elif cmp -s "$out" "$name.html"; then
		echo "ok - regress: $name"
	else
		echo "not ok - regress: $name"
		diff -u "$name.html" "$out" | head -n 20 | sed 's/^/#   /'
		status=1
	fi
done
exit $status
