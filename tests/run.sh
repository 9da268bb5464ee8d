#!/bin/sh
# tests/run.sh BUILD BIN [fast] - runs the whole suite: lint, the fuzz
# targets for FUZZ_SECONDS each (when clang has libFuzzer), cmocka unit
# tests, the Mustache spec, the integration tests, the browser tests;
# then, unless
# FABRIQUE_NO_ASAN is set, all of it again with a binary built under
# ASan + UBSan.  With "fast" (make test-fast, the edit loop): unit tests,
# the spec, the small golden cases (tests/regress) and the integration
# suites listed in FAST_SUITES only.
# The last line is "N passed, N failed"; the exit status is 1 on failure.
set -u
BUILD=$1
BIN=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
MODE=${3:-full}
FAST_SUITES="golden errors model new markdown strict newcomer signup thirdparty errorsonly"
TOP=$(cd "$(dirname "$0")/.." && pwd)
SPEC=${MUSTACHE_SPEC:-$TOP/tests/mustache-spec}
pass=0
fail=0
failed_names=

count() { # count PHASE FILE: adds the file's "ok"/"not ok" lines
	p=$(grep -c '^ok ' "$2")
	f=$(grep -c '^not ok ' "$2")
	pass=$((pass + p))
	fail=$((fail + f))
	[ "$f" -gt 0 ] && failed_names="$failed_names
$(grep '^not ok ' "$2" | sed "s/^/  [$1] /")"
	grep -v '^ok ' "$2" | sed 's/^/    /'
	echo "  $1: $p passed, $f failed"
}

unit() { # unit PHASE BUILDDIR: cmocka binaries, one "ok" per test case
	out=$(mktemp)
	log=$(mktemp)
	for t in "$2"/tests/test_*; do
		[ -x "$t" ] || continue
		"$t" >"$log" 2>&1
		rc=$?
		sed -n "s/^\[       OK \] \(.*\)/ok - $(basename "$t"): \1/p;
			s/^\[  FAILED  \] \(test_.*\)/not ok - $(basename "$t"): \1/p;
			s/^\[  ERROR   \] \(.*\)/#   \1/p;
			s/^\[   LINE   \] \(.*\)/#   \1/p" "$log" >>"$out"
		# A failed setup or a crash prints no FAILED line of a test:
		# the binary's status is what says so, and its last lines why
		# (cmocka catches a crash in a thread the test started and
		# exits with status 255 after one line on stderr).
		if [ "$rc" != 0 ]; then
			echo "not ok - $(basename "$t"): exited with status $rc" >>"$out"
			tail -n 8 "$log" | sed 's/^/#   /' >>"$out"
		fi
	done
	count "$1 unit" "$out"
	rm -f "$out" "$log"
}

spec() { # spec PHASE RUNNER: the official Mustache spec
	out=$(mktemp)
	if [ -d "$SPEC" ]; then
		"$2" --tap "$SPEC" >"$out" 2>&1
	else
		echo "not ok - mustache spec: $SPEC not found" >"$out"
	fi
	count "$1 mustache-spec" "$out"
	rm -f "$out"
}

regress() { # regress PHASE DRIVER: the small golden cases, tests/regress
	out=$(mktemp)
	sh "$TOP/tests/regress/run.sh" "$2" >"$out" 2>&1
	count "$1 regress" "$out"
	rm -f "$out"
}

cmspec() { # cmspec PHASE RUNNER: the CommonMark spec's examples (0.29)
	out=$(mktemp)
	"$2" --tap "$TOP/tests/commonmark-spec/spec.txt" >"$out" 2>&1
	count "$1 commonmark-spec" "$out"
	rm -f "$out"
}

integration() { # integration PHASE BIN
	out=$(mktemp)
	for t in "$TOP"/tests/integration/*.sh; do
		if [ "$MODE" = fast ]; then
			case " $FAST_SUITES " in
			*" $(basename "$t" .sh) "*) ;;
			*) continue ;;
			esac
		fi
		FABRIQUE=$2 sh "$t" >>"$out" 2>&1 ||
			echo "not ok - $(basename "$t") exited with status $?" >>"$out"
	done
	count "$1 integration" "$out"
	rm -f "$out"
}

browser() { # browser: tests of the generated site in Chromium etc.
	out=$(mktemp)
	for t in "$TOP"/tests/browser/*.sh; do
		[ -f "$t" ] || continue
		FABRIQUE=$1 sh "$t" >>"$out" 2>&1 ||
			echo "not ok - $(basename "$t") exited with status $?" >>"$out"
	done
	count "browser" "$out"
	rm -f "$out"
}

lint() { # lint: clang-format and cppcheck, as make lint runs them
	out=$(mktemp)
	if make -s -C "$TOP" lint >"$out.log" 2>&1; then
		echo "ok - make lint (clang-format $(clang-format --version | grep -o '[0-9][0-9.]*' | head -n 1), cppcheck)" >"$out"
	else
		{ echo "not ok - make lint"; sed 's/^/#   /' "$out.log" | head -n 40; } >"$out"
	fi
	count "lint" "$out"
	rm -f "$out" "$out.log"
}

fuzz() { # fuzz: each libFuzzer target for FUZZ_SECONDS, if clang has it
	out=$(mktemp)
	secs=${FUZZ_SECONDS:-15}
	if ! echo 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n)
		{ return 0; }' | clang -x c -fsanitize=fuzzer - -o "$out.bin" \
		>/dev/null 2>&1; then
		echo "# fuzz: skipped (clang with libFuzzer not found)"
		rm -f "$out" "$out.bin"
		return
	fi
	rm -f "$out.bin"
	if ! make -s -C "$TOP" fuzz >"$out.log" 2>&1; then
		{ echo "not ok - make fuzz"; sed 's/^/#   /' "$out.log" | head -n 20; } >"$out"
	fi
	for t in "$TOP"/build/fuzz/fuzz_*; do
		[ -x "$t" ] || continue
		name=$(basename "$t" | sed 's/^fuzz_//')
		corpus=$(mktemp -d)
		# a crashing input is kept in build/fuzz, not the checkout's root
		if "$t" -max_total_time="$secs" -rss_limit_mb=2048 -timeout=10 \
			-artifact_prefix="$TOP/build/fuzz/$name-" "$corpus" "$TOP/tests/fuzz/corpus/$name" >"$out.log" 2>&1; then
			echo "ok - fuzz $name: clean for $secs s ($(grep -o 'Done [0-9]* runs' "$out.log" | cut -d' ' -f2) runs)" >>"$out"
		else
			{ echo "not ok - fuzz $name"; grep -A 8 'ERROR\|runtime error' "$out.log" | head -n 20 | sed 's/^/#   /'
			grep 'Test unit written to' "$out.log" | sed 's/^/#   /'; } >>"$out"
		fi
		rm -rf "$corpus"
	done
	count "fuzz" "$out"
	rm -f "$out" "$out.log"
}

echo "== fabrique test suite"
[ "$MODE" = fast ] || lint
[ "$MODE" = fast ] || fuzz
unit plain "$BUILD"
spec plain "$BUILD/mustache-spec"
regress plain "$BUILD/regress"
cmspec plain "$BUILD/commonmark-spec"
integration plain "$BIN"
# The site's HTML, accessibility and offline behaviour do not depend on
# how the binary was compiled: once is enough.
[ "$MODE" = fast ] || browser "$BIN"

if [ "$MODE" != fast ] && [ -z "${FABRIQUE_NO_ASAN:-}" ]; then
	echo "== again under AddressSanitizer + UndefinedBehaviorSanitizer"
	ASAN=$BUILD/asan
	SAN="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all"
	if make -s -C "$TOP" BUILD="$ASAN" BIN="$ASAN/fabrique" \
		CFLAGS="$SAN" "$ASAN/fabrique" unit >/dev/null; then
		export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=99
		export LSAN_OPTIONS=suppressions=$TOP/tests/lsan.supp:print_suppressions=0
		export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
		# liborc's JIT (libvips's vector paths) is code the sanitizer
		# did not compile: it crashed inside liborc on a vips thread
		# (photoprogress.sh, session 26); valgrind.sh turns it off too
		export VIPS_NOVECTOR=1
		unit asan "$ASAN"
		spec asan "$ASAN/mustache-spec"
		regress asan "$ASAN/regress"
		cmspec asan "$ASAN/commonmark-spec"
		integration asan "$(cd "$ASAN" && pwd)/fabrique"
	else
		fail=$((fail + 1))
		echo "not ok - the sanitizer build failed"
	fi
fi

[ -n "$failed_names" ] && printf 'Failures:%s\n' "$failed_names"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
