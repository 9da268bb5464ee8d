#!/usr/bin/env bash
# bench/prerecv.sh - times the pre-receive check of one-page pushes to the
# bench's synthetic site.  See bench/README.md ("the pre-receive check").
#
#   bench/prerecv.sh [--runs R] [N]   N pages (default 10000), R timed pushes (default 5)
#
# Makes the N-page site as bench/run.sh does (gen-site.py, themes/ beside
# content/, fixed dates, git gc), a bare repository with the pre-receive
# hook of docs/deploy.md (`exec fabrique hook pre-receive --verbose`), a
# clone, one untimed warm-up push (the first check: every page parsed and
# rendered, the caches written), then R pushes of one commit each (a line
# added to one workshop), the hook timed by /usr/bin/time (wall, CPU =
# user + system, peak RSS) and its --verbose stages printed.
# FABRIQUE=path to the binary (default: ./fabrique at the repository root).
# Work folder: ${TMPDIR:-/tmp}/fabrique-prerecv-N, removed at the end
# (KEEP=1 keeps it).  Exits non-zero when a push was refused or failed.

if [ -z "${BASH_VERSION:-}" ]; then
	exec bash "$0" "$@"
fi
set -u

N=10000
RUNS=5
while [ $# -gt 0 ]; do
	case "$1" in
	--runs)
		RUNS=${2:-}
		shift
		;;
	-h | --help)
		sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'
		exit 0
		;;
	*[!0-9]* | '')
		echo "usage: bench/prerecv.sh [--runs R] [N]" >&2
		exit 2
		;;
	*) N=$1 ;;
	esac
	shift
done
case "$RUNS" in '' | *[!0-9]* | 0)
	echo "bench/prerecv.sh: --runs needs a positive number" >&2
	exit 2
	;;
esac
if [ "$N" -lt 3 ]; then
	echo "bench/prerecv.sh: N must be at least 3" >&2
	exit 2
fi
if ! /usr/bin/time -f '%e' -o /dev/null true 2>/dev/null; then
	echo "bench/prerecv.sh: needs GNU time as /usr/bin/time (apt-get install time)" >&2
	exit 2
fi

ROOT=$(cd "$(dirname "$0")/.." && pwd)
FABRIQUE=${FABRIQUE:-$ROOT/fabrique}
case "$FABRIQUE" in
/*) ;;
*) FABRIQUE=$PWD/$FABRIQUE ;;
esac
if [ ! -x "$FABRIQUE" ]; then
	echo "bench/prerecv.sh: no fabrique binary at $FABRIQUE (make, or FABRIQUE=)" >&2
	exit 2
fi
PYTHON=/usr/bin/python3
[ -x "$PYTHON" ] || PYTHON=python3
GITC="git -c user.name=bench -c user.email=b@x -c commit.gpgsign=false -c gc.auto=0 -c init.defaultBranch=master"
WORK=${TMPDIR:-/tmp}/fabrique-prerecv-$N
SRC=$WORK/site
BARE=$WORK/site.git
CLONE=$WORK/clone
say() { printf '%s\n' "$*" >&2; }
load() { cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?'; }
cleanup() { [ "${KEEP:-}" = 1 ] || rm -rf "$WORK"; }
trap cleanup EXIT

say "prerecv: N=$N, $RUNS timed push(es), binary $FABRIQUE, work folder $WORK"
rm -rf "$WORK"
mkdir -p "$SRC/content" || exit 1

# The site as bench/run.sh's bench_size() makes it.
"$PYTHON" "$ROOT/bench/gen-site.py" "$N" "$SRC/content" >&2 || exit 1
cp -R "$ROOT/themes" "$SRC/themes"
# The strict check refuses two of the bench's warnings: its accent
# colour (contrast 1.9:1), for a darker one the theme accepts as it is,
# and its url, a name kept for examples, for one residents could reach.
sed -i -e 's/^\(  accent: \)"#f2a541"$/\1"#8a4b00"/' \
	-e 's|^url: "https://journee.example.org/"$|url: "https://journee.bench-commune.fr/"|' \
	"$SRC/content/site.yaml"
grep -q '"#8a4b00"' "$SRC/content/site.yaml" &&
	grep -q 'bench-commune.fr' "$SRC/content/site.yaml" || {
	say "prerecv: gen-site.py's accent colour or url moved: see the sed above"
	exit 1
}
(
	cd "$SRC" && $GITC init -q . && $GITC add -A &&
		GIT_AUTHOR_DATE='2026-04-01T12:00:00+02:00' \
			GIT_COMMITTER_DATE='2026-04-01T12:00:00+02:00' \
			$GITC commit -q -m "Site de test: $N pages" &&
		$GITC gc -q
) || {
	say "prerecv: could not commit the site"
	exit 1
}

# The bare repository and its pre-receive hook as docs/deploy.md writes
# it (with --verbose, which it gives for seeing the stages).  To time the
# hook itself, git runs a wrapper under the hook's name that runs the
# script of docs/deploy.md under /usr/bin/time, stdin and environment
# (the quarantine's objects) passed on.
git init -q --bare "$BARE" || exit 1
git -C "$BARE" symbolic-ref HEAD refs/heads/master
printf '#!/bin/sh\n# Refuses any push to the published branch whose commits have errors.\nexec "%s" hook pre-receive --verbose\n' \
	"$FABRIQUE" >"$BARE/hooks/pre-receive.deploy"
printf '#!/bin/sh\nexec /usr/bin/time -f "%%e %%U %%S %%M" -o "%s" "%s"\n' \
	"$WORK/hook.time" "$BARE/hooks/pre-receive.deploy" >"$BARE/hooks/pre-receive"
chmod +x "$BARE/hooks/pre-receive" "$BARE/hooks/pre-receive.deploy"

git clone -q "file://$SRC" "$CLONE" || exit 1
git -C "$CLONE" remote set-url origin "file://$BARE"
EDITED=$(cd "$CLONE" && find content/ateliers -name '*.md' | LC_ALL=C sort | head -n 1)

# push TAG: pushes master, prints the hook's time and its stages.
STATUS=0
push() {
	local tag=$1 l rc
	l=$(load)
	rm -f "$WORK/hook.time"
	(cd "$CLONE" && git push -q origin master) >"$WORK/push.out" 2>&1
	rc=$?
	if [ $rc -ne 0 ] || [ ! -s "$WORK/hook.time" ]; then
		say "prerecv: $tag: push failed (exit $rc); last lines:"
		tail -n 20 "$WORK/push.out" | sed 's/^/    /' >&2
		STATUS=1
		return 1
	fi
	tail -n 1 "$WORK/hook.time" | awk -v t="$tag" -v l="$l" '{
		printf "%s: %.2f s wall, %.2f s CPU, %.1f MiB, load %s\n", t, $1, $2 + $3, $4 / 1024, l }'
	[ "$tag" = warm-up ] || tail -n 1 "$WORK/hook.time" >>"$WORK/times"
	sed -n 's/^remote: \(fabrique: .*[^ ]\) *$/    \1/p' "$WORK/push.out"
	return 0
}

say "prerecv: warm-up push (the first check of the site, untimed in the summary)"
push warm-up || exit 1
for i in $(seq 1 "$RUNS"); do
	printf '\nLigne ajoutée par le bench, envoi %d.\n' "$i" >>"$CLONE/$EDITED"
	when=$(printf '2026-04-01T12:%02d:00+02:00' $((i % 60)))
	(cd "$CLONE" && $GITC add -A &&
		GIT_AUTHOR_DATE=$when GIT_COMMITTER_DATE=$when \
			$GITC commit -q -m "envoi $i") >/dev/null || exit 1
	sync
	push "push $i (one page)" || break
done
# The range of the timed pushes.
if [ -s "$WORK/times" ]; then
	echo
	awk -v n="$N" '{ w[NR] = $1; c[NR] = $2 + $3; m[NR] = $4 / 1024 }
	function lo(a, i, r) { r = a[1]; for (i in a) if (a[i] < r) r = a[i]; return r }
	function hi(a, i, r) { r = a[1]; for (i in a) if (a[i] > r) r = a[i]; return r }
	END { printf "N=%d, %d one-page push(es): hook %.2f-%.2f s wall, %.2f-%.2f s CPU, %.1f-%.1f MiB\n",
		n, NR, lo(w), hi(w), lo(c), hi(c), lo(m), hi(m) }' "$WORK/times"
fi
exit $STATUS
