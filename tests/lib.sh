# tests/lib.sh - shared helpers for the integration tests (sourced).
# Each test prints "ok - name" or "not ok - name" lines; tests/run.sh
# counts them.  FABRIQUE is the binary under test (absolute path).

: "${FABRIQUE:?FABRIQUE must name the binary under test}"
TOP=$(cd "$(dirname "$0")/../.." && pwd)
export LC_ALL=C.UTF-8 LANG=C.UTF-8
unset LC_MESSAGES
GIT="git -c user.name=Test -c user.email=test@example.invalid -c init.defaultBranch=main -c advice.detachedHead=false"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/fabrique-test.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

ok() { echo "ok - $1"; }
not_ok() { echo "not ok - $1"; shift; for l in "$@"; do echo "#   $l"; done; }

# check NAME COMMAND...: the command's success is the test's.
check() {
	name=$1; shift
	if "$@" >"$WORK/.out" 2>&1; then ok "$name"; else
		not_ok "$name" "command: $*" "$(tail -n 20 "$WORK/.out")"; fi
}

# contains NAME FILE TEXT: FILE holds TEXT (fixed string).
contains() {
	if grep -qF -- "$3" "$2"; then ok "$1"; else
		not_ok "$1" "expected to find: $3" "in $2:" "$(head -c 2000 "$2")"; fi
}

lacks() {
	if grep -qF -- "$3" "$2"; then
		not_ok "$1" "did not expect: $3" "$(grep -F -- "$3" "$2" | head -3)"
	else ok "$1"; fi
}

# status NAME EXPECTED ACTUAL
status() {
	if [ "$2" = "$3" ]; then ok "$1"; else
		not_ok "$1" "exit status $3, expected $2" "$(tail -n 20 "$WORK/.err" 2>/dev/null)"; fi
}

# same_tree NAME DIR1 DIR2: identical files, byte for byte.
same_tree() {
	if diff -r "$2" "$3" >"$WORK/.diff" 2>&1; then ok "$1"; else
		not_ok "$1" "$(head -n 20 "$WORK/.diff")"; fi
}

# snapshot DIR: a checksum list of a tree, to prove it did not change.
snapshot() { (cd "$1" && find . -type f -exec sha1sum {} + | sort); }

# mkrepo DIR: a git repository holding a copy of the example site.
mkrepo() {
	mkdir -p "$1"
	cp -R "$TOP/content" "$1/content"
	cp -R "$TOP/themes" "$1/themes"
	(cd "$1" && $GIT init -q && $GIT add -A && $GIT commit -qm "Site initial")
}

commit_all() { (cd "$1" && $GIT add -A && $GIT commit -qm "$2"); }

# mkmini DIR: a git repository holding the small fixture site in site/
# and the default theme in themes/, with one commit.
mkmini() {
	mkdir -p "$1"
	cp -R "$TOP/tests/fixtures/mini" "$1/site"
	cp -R "$TOP/themes" "$1/themes"
	# a fixed date: pages show when they changed (golden files)
	(cd "$1" && $GIT init -q && $GIT add -A &&
	 GIT_AUTHOR_DATE=2026-01-15T10:00:00+01:00 \
	 GIT_COMMITTER_DATE=2026-01-15T10:00:00+01:00 \
	 $GIT commit -qm "Premier contenu")
}
