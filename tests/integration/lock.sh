#!/bin/sh
# Two builds into one --out: the second waits for the first (saying so,
# with the first one's pid) instead of sweeping its temporary folder;
# both succeed and the output is whole.  A killed build's leftovers are
# swept by the next one, which does not wait for a dead owner.
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
mkmini "$R"
i=0
while [ $i -lt 400 ]; do
	sed "s/^titre:.*/titre: Atelier $i/" "$R/site/ateliers/planter-des-haies.md" >"$R/site/ateliers/gen-$i.md"
	i=$((i + 1))
done
commit_all "$R" "Beaucoup d’ateliers"
cd "$WORK" || exit 1
OUT=$WORK/public
build() { "$FABRIQUE" build "$R/site" --full --out "$OUT" "$@"; }
tmp_exists() { ls -a "$WORK" | grep -q '^\.public\.fabrique-'; }
# start_first: a --full build in the background (pid1), once its
# temporary folder is there (or it ended).
start_first() {
	"$FABRIQUE" build "$R/site" --full --out "$OUT" -q 2>"$1" &
	pid1=$!
	n=0
	while [ $n -lt 3000 ] && ! tmp_exists; do
		kill -0 $pid1 2>/dev/null || break
		n=$((n + 1))
	done
}

waited=no
for attempt in 1 2 3 4 5; do
	rm -rf "$OUT"
	start_first "$WORK/.err1"
	build -q 2>"$WORK/.err2"
	st2=$?
	wait $pid1
	st1=$?
	if grep -q "another build into $OUT is running (pid $pid1)" "$WORK/.err2"; then
		waited=yes
		break
	fi
done
check "the second build waited for the first, naming its pid" test $waited = yes
status "the first build succeeds" 0 $st1
cp "$WORK/.err2" "$WORK/.err"
status "the second build succeeds" 0 $st2
lacks "the first build lost no file" "$WORK/.err1" "cannot"
check "the output is whole" test -f "$OUT/ateliers/gen-399/index.html"
check "no temporary folder is left" sh -c "! ls -a '$WORK' | grep -q '^\\.public\\.fabrique-'"
check "no lock file is left" test ! -e "$WORK/.public.fabrique.lock"

# A build killed midway: the next one does not wait, and sweeps.
killed=no
for attempt in 1 2 3 4 5; do
	start_first /dev/null
	if kill -KILL $pid1 2>/dev/null; then
		wait $pid1 2>/dev/null
		tmp_exists && killed=yes && break
	fi
	wait $pid1 2>/dev/null
done
check "a build was killed midway, leaving its temporary folder" test $killed = yes
build -q 2>"$WORK/.err"
status "the next build succeeds" 0 $?
lacks "it does not wait for a dead build" "$WORK/.err" "another build"
check "the dead build's temporary folder is swept" sh -c "! ls -a '$WORK' | grep -q '^\\.public\\.fabrique-'"

# Two builds of different commits, the second started while the first
# runs: it must wait, then build its own commit, not find the output "up
# to date" with the record the first is about to replace (which left the
# first one's site online, exit 0).  The first is stopped (SIGSTOP) as
# soon as it holds the lock, so the second surely starts meanwhile.
sed -i 's/^titre:.*/titre: Atelier renommé/' "$R/site/ateliers/gen-7.md"
commit_all "$R" "Un atelier renommé"
"$FABRIQUE" build "$R/site" --ref HEAD~1 --out "$WORK/clean-a" -q 2>/dev/null
rm -rf "$OUT"
"$FABRIQUE" build "$R/site" --ref HEAD~1 --out "$OUT" -q 2>"$WORK/.err"
status "race: the output is at the first commit" 0 $?
"$FABRIQUE" build "$R/site" --out "$OUT" -q 2>"$WORK/.err1" &
pid1=$!
n=0
while [ $n -lt 30000 ] && [ "$(cat "$WORK/.public.fabrique.lock" 2>/dev/null)" != "$pid1" ]; do
	kill -0 $pid1 2>/dev/null || break
	n=$((n + 1))
done
kill -STOP $pid1 2>/dev/null
"$FABRIQUE" build "$R/site" --ref HEAD~1 --out "$OUT" 2>"$WORK/.err2" &
pid2=$!
n=0
while [ $n -lt 300 ] && ! grep -q "another build" "$WORK/.err2" && kill -0 $pid2 2>/dev/null; do
	sleep 0.1
	n=$((n + 1))
done
kill -CONT $pid1 2>/dev/null
wait $pid1
status "race: the first build succeeds" 0 $?
wait $pid2
status "race: the second build succeeds" 0 $?
cp "$WORK/.err2" "$WORK/.err"
contains "race: the second build waited for the first" "$WORK/.err" "another build into $OUT is running (pid $pid1)"
lacks "race: the second build did not find the output up to date" "$WORK/.err" "is up to date"
same_tree "race: the output is the second build's commit" "$WORK/clean-a" "$OUT"

# The output is checked before the lock is taken, while the source is
# opened (incremental_speculate()).  A build that had to wait for the
# lock does not take that answer: a file edited by hand while it waited
# (here while a lock holder ran) is found, and made again.
"$FABRIQUE" build "$R/site" --ref HEAD~1 --out "$OUT" 2>"$WORK/.err"
contains "waited: the output is up to date before" "$WORK/.err" "is up to date"
rm -f "$WORK/.release"
flock "$WORK/.public.fabrique.lock" sh -c "while [ ! -e '$WORK/.release' ]; do sleep 0.05; done" &
holder=$!
n=0
while [ $n -lt 200 ] && flock -n "$WORK/.public.fabrique.lock" true; do
	sleep 0.05
	n=$((n + 1))
done
"$FABRIQUE" build "$R/site" --ref HEAD~1 --out "$OUT" 2>"$WORK/.err2" &
pid2=$!
n=0
while [ $n -lt 300 ] && ! grep -q "another build" "$WORK/.err2" && kill -0 $pid2 2>/dev/null; do
	sleep 0.1
	n=$((n + 1))
done
sleep 0.5 # its check of the output, begun before the lock, is done
printf 'edited by hand\n' >>"$OUT/ateliers/gen-3/index.html"
touch "$WORK/.release"
wait $holder
wait $pid2
status "waited: the build succeeds" 0 $?
cp "$WORK/.err2" "$WORK/.err"
contains "waited: the build waited for the lock" "$WORK/.err" "another build into $OUT is running"
lacks "waited: the hand edit made meanwhile is found" "$WORK/.err" "is up to date"
same_tree "waited: the edited file is made again" "$WORK/clean-a" "$OUT"
