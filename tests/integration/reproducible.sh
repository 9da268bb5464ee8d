#!/bin/sh
# Reproducible builds: the same commit gives the same bytes on any day
# after it, in any time zone, with any number of threads, from any
# folder.  Only the commit may date the output; the clock is moved with
# Debian's faketime (libfaketime), which changes what every clock call
# returns.  (A clock more than a day before the commit is taken as the
# right one, the commit's computer's as wrong: futureclock.sh.)
. "$(dirname "$0")/../lib.sh"

if ! command -v faketime >/dev/null 2>&1; then
	not_ok "faketime is installed (tests/deps.sh check installs it)"
	exit 0
fi
# libfaketime is preloaded: under ASan the sanitizer runtime is then not
# the first library, which it accepts when told.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"

R=$WORK/repo
mkrepo "$R"
cd "$R" || exit 1
# A second commit, so that history dates differ from the first one.
echo "Mise à jour." >>"$(ls content/pages/*.md | head -n 1)"
(git add -A && GIT_AUTHOR_DATE="2026-03-12T18:00:00+01:00" \
	GIT_COMMITTER_DATE="2026-03-12T18:00:00+01:00" \
	$GIT commit -qm "Mise à jour")

# The clock check: faketime really moves the clock seen by programs.
y=$(faketime '2031-07-01 12:00:00' date +%Y)
check "faketime moves the clock" test "$y" = 2031

TZ=UTC faketime '2031-07-01 12:00:00' "$FABRIQUE" build content --out "$WORK/a" --jobs 1 -q 2>"$WORK/.err"
status "a build in 2031 succeeds" 0 $?
TZ=Pacific/Kiritimati faketime '2037-12-31 23:59:30' "$FABRIQUE" build content --out "$WORK/b" --jobs 2 -q 2>"$WORK/.err"
status "a build in 2037, at UTC+14, succeeds" 0 $?
same_tree "two clocks, two time zones, 1 or 2 threads: identical output" "$WORK/a" "$WORK/b"

# Another machine: a bare clone elsewhere, another day.
git clone -q --bare "$R" "$WORK/ailleurs.git"
(cd "$WORK" && faketime '2040-02-29 08:00:00' "$FABRIQUE" build content --repo "$WORK/ailleurs.git" --out "$WORK/c" -q 2>"$WORK/.err")
status "a build from a bare clone succeeds" 0 $?
same_tree "a bare clone elsewhere builds the same bytes" "$WORK/a" "$WORK/c"

# The output did change with the commit (the test is not comparing
# empty or constant trees).
"$FABRIQUE" build content --ref HEAD~1 --out "$WORK/d" -q 2>"$WORK/.err"
if diff -rq "$WORK/a" "$WORK/d" >/dev/null 2>&1; then
	not_ok "another commit builds different bytes"
else ok "another commit builds different bytes"; fi
check "the output is not empty" test "$(find "$WORK/a" -type f | wc -l)" -gt 20
