#!/bin/sh
# publish and rollback killed at every step: each rename, symbolic link
# and removal they make is, in turn, the point where the process gets
# SIGKILL (strace's fault injection: the real binary, the real code path,
# killed on entering that system call).  After each kill the deploy
# folder must be consistent: `current` names a whole release, rollback
# works, and the next publish succeeds and leaves no leftover.
. "$(dirname "$0")/../lib.sh"

if ! command -v strace >/dev/null 2>&1; then
	echo "ok - kill points # SKIP strace is not installed (tests/deps.sh check installs it)"
	exit 0
fi
if ! strace -f -o /dev/null -e trace=getpid true 2>/dev/null; then
	echo "ok - kill points # SKIP ptrace is not permitted here"
	exit 0
fi

R=$WORK/repo
mkmini "$R"
cd "$WORK" || exit 1
WWW=$WORK/www
edit() {
	echo "$1" >>"$R/site/pages/contact.md"
	commit_all "$R" "$1"
	git -C "$R" rev-parse HEAD
}
publish() { "$FABRIQUE" publish site --repo "$R" --ref "$1" --out "$WWW" --keep 2 -q; }
# C again after a rollback took it down: a rollback holds its commit
# back until another is published (rollbacks.list); removing the record
# is docs/deploy.md's way to publish it anyway.
republish() { rm -f "$WWW/rollbacks.list" && publish "$1"; }

A=$(git -C "$R" rev-parse HEAD)
publish "$A"
B=$(edit "Deuxième version.")
publish "$B"
C=$(edit "Troisième version.")
cp -a "$WWW" "$WORK/pristine"
cp -a "$R" "$WORK/repo.pristine"

SYSCALLS=rename,renameat,renameat2,symlink,symlinkat,rmdir,unlink,unlinkat
restore() {
	rm -rf "$WWW" "$R"
	cp -a "$WORK/pristine" "$WWW"
	cp -a "$WORK/repo.pristine" "$R"
}
# points CMD...: "syscall:N" for each call CMD makes among SYSCALLS
# (renames and links all, removals the first of each kind).
points() {
	strace -f -qq -o "$WORK/.trace" -e trace=$SYSCALLS "$@" >/dev/null 2>&1
	sed -n 's/^[0-9]* *\([a-z0-9]*\)(.*/\1/p' "$WORK/.trace" |
		awk '{ n[$1]++; if ($1 ~ /^(rename|symlink)/ || n[$1] == 1) print $1 ":" n[$1] }'
}
# killed_at POINT CMD...: runs CMD, killed on entering the call POINT.
killed_at() {
	p=$1
	shift
	strace -f -qq -o /dev/null -e trace="${p%:*}" \
		-e inject="${p%:*}":signal=KILL:when="${p#*:}" "$@" >/dev/null 2>&1
}
target() { readlink "$WWW/current" | sed 's|^releases/||'; }
whole() { test -f "$WWW/releases/$1/index.html" && test -f "$WWW/releases/$1/contact/index.html"; }

# ---- publish C over A, B (keep 2: A is removed on the way) -----------
restore
P=$(points "$FABRIQUE" publish site --repo "$R" --ref "$C" --out "$WWW" --keep 2 -q)
n=$(echo "$P" | wc -l)
check "publish makes several kill points ($n)" test "$n" -ge 5
for p in $P; do
	restore
	killed_at "$p" "$FABRIQUE" publish site --repo "$R" --ref "$C" --out "$WWW" --keep 2 -q
	t=$(target)
	check "publish killed at $p: current is B or C" sh -c "test '$t' = '$B' || test '$t' = '$C'"
	check "publish killed at $p: current is a whole release" whole "$t"
	cp -a "$WWW" "$WORK/after"
	"$FABRIQUE" rollback "$WWW" 2>"$WORK/.err"
	status "publish killed at $p: rollback works" 0 $?
	want=$B
	[ "$t" = "$B" ] && want=$A
	if [ "$t" = "$B" ] && ! [ -d "$WORK/after/releases/$A" ]; then
		want=none # A was already removed: keep 2 was honoured
	fi
	if [ $want != none ]; then
		check "publish killed at $p: rollback goes to the release before" test "$(target)" = "$want"
		check "publish killed at $p: and it is whole" whole "$want"
	fi
	rm -rf "$WWW" && mv "$WORK/after" "$WWW"
	republish "$C" 2>"$WORK/.err"
	status "publish killed at $p: the next publish succeeds" 0 $?
	check "publish killed at $p: then current is C" test "$(target)" = "$C"
	check "publish killed at $p: the list ends with C" test "$(tail -n 1 "$WWW/releases.list")" = "$C"
	check "publish killed at $p: no leftover" sh -c "! ls -a '$WWW/releases' | grep -q '^\\.[^.]'"
	check "publish killed at $p: only the kept releases are left" test "$(ls "$WWW/releases" | wc -l)" -le 2
done

# ---- rollback from C to B -------------------------------------------
restore
publish "$C"
cp -a "$WWW" "$WORK/pristine.c"
P=$(points "$FABRIQUE" rollback "$WWW")
for p in $P; do
	rm -rf "$WWW" && cp -a "$WORK/pristine.c" "$WWW"
	killed_at "$p" "$FABRIQUE" rollback "$WWW"
	t=$(target)
	check "rollback killed at $p: current is C or B" sh -c "test '$t' = '$C' || test '$t' = '$B'"
	check "rollback killed at $p: current is a whole release" whole "$t"
	"$FABRIQUE" rollback "$WWW" 2>"$WORK/.err"
	st=$?
	if [ "$t" = "$C" ]; then
		status "rollback killed at $p: rollback again works" 0 $st
		check "rollback killed at $p: and reaches B" test "$(target)" = "$B"
	else
		status "rollback killed at $p: nothing earlier than B is kept (keep 2)" 2 $st
	fi
	publish "$C" 2>"$WORK/.err"
	status "rollback killed at $p: publishing C while held succeeds" 0 $?
	check "rollback killed at $p: and current is not C unless it never left" sh -c "test '$t' = '$C' || test \"\$(readlink '$WWW/current')\" != 'releases/$C'"
	republish "$C" 2>"$WORK/.err"
	status "rollback killed at $p: publishing again succeeds" 0 $?
	check "rollback killed at $p: then current is C" test "$(target)" = "$C"
	check "rollback killed at $p: no leftover" sh -c "! ls -a '$WWW/releases' | grep -q '^\\.[^.]'"
done

# ---- the list lost: derived from the folder ------------------------
rm -rf "$WWW" && cp -a "$WORK/pristine" "$WWW"
rm "$WWW/releases.list"
"$FABRIQUE" rollback "$WWW" 2>"$WORK/.err"
status "without releases.list, rollback still works" 0 $?
check "and goes back to the release written before" test "$(target)" = "$A"
