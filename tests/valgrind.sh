#!/bin/sh
# tests/valgrind.sh BUILD BIN - make valgrind: the unit tests and the
# integration suites with every fabrique run under valgrind's memcheck.
# A memory error or a definite leak makes valgrind exit 99, which fails
# the test that ran it.  Slow (a few minutes to an hour on a loaded
# machine); SUITES="golden errors" narrows the integration suites.
set -u
BUILD=$1
BIN=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
TOP=$(cd "$(dirname "$0")/.." && pwd)
VG="valgrind -q --suppressions=$TOP/tests/valgrind.supp --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite --show-leak-kinds=definite"
# libvips compiles its vector code at run time (orc); valgrind cannot
# follow that code and reports false errors in it: the plain C path.
export VIPS_NOVECTOR=1
pass=0
fail=0
WRAP=$(mktemp -d)
trap 'rm -rf "$WRAP"' EXIT
# The integration suites call $FABRIQUE: a wrapper runs it under valgrind.
printf '#!/bin/sh\nexec %s "%s" "$@"\n' "$VG" "$BIN" >"$WRAP/fabrique"
chmod +x "$WRAP/fabrique"
out=$(mktemp)
for t in "$BUILD"/tests/test_*; do
	[ -x "$t" ] || continue
	if $VG "$t" >"$out" 2>&1; then
		echo "ok - valgrind $(basename "$t")"; pass=$((pass + 1))
	else
		echo "not ok - valgrind $(basename "$t")"; fail=$((fail + 1))
		grep '^==' "$out" | head -n 20 | sed 's/^/#   /'
	fi
done
for t in "$TOP"/tests/integration/*.sh; do
	name=$(basename "$t" .sh)
	case " ${SUITES:-$name} " in *" $name "*) ;; *) continue ;; esac
	FABRIQUE=$WRAP/fabrique sh "$t" >"$out" 2>&1
	p=$(grep -c '^ok ' "$out"); f=$(grep -c '^not ok ' "$out")
	pass=$((pass + p)); fail=$((fail + f))
	grep '^not ok \|^#' "$out" | head -n 30
	echo "# $name: $p passed, $f failed"
done
rm -f "$out"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
