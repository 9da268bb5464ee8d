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
# valgrind's own lines go to a log per process, not to the program's
# stderr, which the suites compare with their expected messages (valgrind
# 3.19 also warns there about openat2, which it does not know: fabrique
# then falls back to a walk of openat, as on kernels before 5.6).
printf '#!/bin/sh\nexec %s --log-file="%s/vg.%%p.log" "%s" "$@"\n' "$VG" "$WRAP" "$BIN" >"$WRAP/fabrique"
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
	# Memory errors and leaks, whatever the suite made of the exit status.
	errs=$(cat "$WRAP"/vg.*.log 2>/dev/null | grep -v 'unhandled amd64-linux syscall\|You may be able\|README_MISSING\|Nevertheless we consider\|valgrind.org/support' | grep -c '^==')
	if [ "$errs" -gt 0 ]; then
		echo "not ok - valgrind: $name: memcheck reported $errs line(s)"; fail=$((fail + 1))
		cat "$WRAP"/vg.*.log | grep '^==' | head -n 20 | sed 's/^/#   /'
	fi
	rm -f "$WRAP"/vg.*.log
	echo "# $name: $p passed, $f failed"
done
rm -f "$out"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
