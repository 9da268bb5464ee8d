#!/usr/bin/env bash
# bench/run.sh - builds the same synthetic site with fabrique and Hugo and
# compares wall time and peak memory.  See bench/README.md.
#
#   bench/run.sh [N]      N pages (default 10000), each build run 3 times
#   bench/run.sh --quick  N=1000, each build run once
#
# FABRIQUE=path to the binary (default: ./fabrique at the repository root).
# BENCH_TIMER=python measures with Python's getrusage instead of GNU time.
# Work folder: ${TMPDIR:-/tmp}/fabrique-bench-N, recreated on every run.
# Exits non-zero when a build failed (the other one still runs).

# The Makefile runs "sh bench/run.sh": come back under bash.
if [ -z "${BASH_VERSION:-}" ]; then
	exec bash "$0" "$@"
fi

set -u

N=10000
RUNS=3
for arg in "$@"; do
	case "$arg" in
	--quick) N=1000 RUNS=1 ;;
	-h | --help)
		sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'
		exit 0
		;;
	*[!0-9]* | '')
		echo "usage: bench/run.sh [--quick] [N]" >&2
		exit 2
		;;
	*) N=$arg ;;
	esac
done
if [ "$N" -lt 3 ]; then
	echo "bench/run.sh: N must be at least 3" >&2
	exit 2
fi

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=$ROOT/bench
FABRIQUE=${FABRIQUE:-$ROOT/fabrique}
case "$FABRIQUE" in
/*) ;;
*) FABRIQUE=$PWD/$FABRIQUE ;;
esac
PYTHON=/usr/bin/python3
[ -x "$PYTHON" ] || PYTHON=python3
WORK=${TMPDIR:-/tmp}/fabrique-bench-$N
REPO=$WORK/repo
SITE=$REPO/content
STATUS=0

say() { printf '%s\n' "$*" >&2; }

# --- the timer: GNU time, installed if missing, else a Python wrapper ------

TIMER=
pick_timer() {
	if [ "${BENCH_TIMER:-}" = python ]; then
		TIMER=python
		return
	fi
	if [ ! -x /usr/bin/time ] && [ "$(id -u)" = 0 ] &&
		command -v apt-get >/dev/null 2>&1; then
		say "bench: installing GNU time (apt-get install time)"
		apt-get install -y -qq time >/dev/null 2>&1 || true
	fi
	if /usr/bin/time -f '%e %M' -o /dev/null true 2>/dev/null; then
		TIMER=gnu
	else
		TIMER=python
		say "bench: GNU time not available, measuring with Python's getrusage"
	fi
}

# timed OUTFILE CMD... : runs CMD (stdout and stderr already redirected by
# the caller) and writes "WALL_SECONDS PEAK_RSS_KIB CPU_SECONDS" to
# OUTFILE, CPU being user + system time.  Returns CMD's status.
timed() {
	local out=$1
	shift
	if [ "$TIMER" = gnu ]; then
		/usr/bin/time -f '%e %M %U %S' -o "$out.raw" "$@"
		local rc=$?
		# GNU time puts "Command exited with non-zero status" first.
		tail -n 1 "$out.raw" | awk '{printf "%s %s %.2f\n", $1, $2, $3 + $4}' >"$out"
		rm -f "$out.raw"
		return $rc
	fi
	"$PYTHON" - "$out" "$@" <<'EOF'
import resource, subprocess, sys, time
t = time.monotonic()
rc = subprocess.call(sys.argv[2:])
wall = time.monotonic() - t
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
with open(sys.argv[1], "w") as f:  # ru_maxrss is in KiB on Linux
    f.write("%.2f %d %.2f\n" % (wall, ru.ru_maxrss, ru.ru_utime + ru.ru_stime))
sys.exit(rc if rc >= 0 else 128 - rc)
EOF
}

# --- measuring one tool -------------------------------------------------------

# Results per tool, filled by measure(): R_WALL, R_CPU (s), R_RSS (MiB),
# R_PAGES, R_RUNS (every wall time), R_OK (1, 0 = failed, skip).
declare -A R_WALL R_CPU R_RSS R_PAGES R_RUNS R_OK

median() {
	tr ' ' '\n' | sed '/^$/d' | sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'
}

# measure NAME OUTDIR CMD... : runs CMD RUNS times from a clean OUTDIR,
# keeps the median wall and CPU times and the largest peak RSS.  The output folder
# is removed before each run (untimed), so every run writes a whole site.
measure() {
	local name=$1 out=$2
	shift 2
	local walls="" cpus="" maxrss=0 i rc=0 t rss cpu
	for i in $(seq 1 "$RUNS"); do
		rm -rf "$out"
		sync # the previous run's writes must not land in this one's time
		timed "$WORK/$name.time" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err"
		rc=$?
		if [ $rc -ne 0 ]; then
			say "bench: $name build failed (exit $rc); last lines of its stderr:"
			tail -n 20 "$WORK/$name.err" | sed 's/^/    /' >&2
			R_OK[$name]=0
			return 1
		fi
		read -r t rss cpu <"$WORK/$name.time"
		walls="$walls $t"
		cpus="$cpus $cpu"
		[ "$rss" -gt "$maxrss" ] && maxrss=$rss
		say "bench: $name run $i: ${t}s wall, ${cpu}s CPU, $((rss / 1024)) MiB"
	done
	R_OK[$name]=1
	R_RUNS[$name]=$walls
	R_WALL[$name]=$(echo "$walls" | median)
	R_CPU[$name]=$(echo "$cpus" | median)
	R_RSS[$name]=$(awk -v k="$maxrss" 'BEGIN {printf "%.1f", k / 1024}')
	R_PAGES[$name]=$(find "$out" -type f -name '*.html' | wc -l | tr -d ' ')
	if [ -s "$WORK/$name.err" ]; then
		say "bench: $name wrote $(wc -l <"$WORK/$name.err" | tr -d ' ') lines on stderr (see $WORK/$name.err)"
	fi
	return 0
}

# --- 1. the site, 2. its git repository --------------------------------------

pick_timer
say "bench: N=$N, $RUNS run(s) per tool, work folder $WORK"
rm -rf "$WORK"
mkdir -p "$SITE" || exit 1
"$PYTHON" "$BENCH/gen-site.py" "$N" "$SITE" >&2 || exit 1

# A theme kept in the fabrique repository (themes/ at its root) is copied
# beside content/, where fabrique looks for a site's themes, so the bench
# does not depend on an installed theme.
if [ -d "$ROOT/themes" ]; then
	cp -R "$ROOT/themes" "$REPO/themes"
fi

# Fixed dates keep the commit id the same from one run to the next.
(
	cd "$REPO" &&
		git init -q . &&
		git -c gc.auto=0 add -A &&
		GIT_AUTHOR_DATE='2026-04-01T12:00:00+02:00' \
			GIT_COMMITTER_DATE='2026-04-01T12:00:00+02:00' \
			git -c user.name=bench -c user.email=b@x -c commit.gpgsign=false -c gc.auto=0 \
			commit -q -m "Site de test: $N pages" &&
		git -c gc.auto=0 gc -q # packed, as a cloned repository is
) || {
	say "bench: could not commit the site"
	exit 1
}

# --- 3. fabrique ---------------------------------------------------------------

if [ -x "$FABRIQUE" ]; then
	say "bench: fabrique: (cd $REPO && $FABRIQUE build content --out $WORK/out-fabrique)"
	cd "$REPO" || exit 1
	measure fabrique "$WORK/out-fabrique" \
		"$FABRIQUE" build content --out "$WORK/out-fabrique" || STATUS=1
	cd "$ROOT" || exit 1
else
	say "bench: no fabrique binary at $FABRIQUE (build it with make, or set FABRIQUE=)"
	R_OK[fabrique]=0
	STATUS=1
fi

# --- 4. Hugo, on a copy of the same Markdown ------------------------------------

HUGO_SITE=$WORK/hugo-site
if command -v hugo >/dev/null 2>&1; then
	mkdir -p "$HUGO_SITE/content" "$HUGO_SITE/data"
	cp -R "$BENCH/hugo/." "$HUGO_SITE/"
	for d in "$SITE"/*/; do
		d=${d%/}
		[ "$(basename "$d")" = editions ] && continue
		cp -R "$d" "$HUGO_SITE/content/"
	done
	cp "$SITE/site.yaml" "$HUGO_SITE/data/site.yaml"
	cp -R "$SITE/editions" "$HUGO_SITE/data/editions"
	say "bench: hugo: $(hugo version 2>/dev/null | cut -d' ' -f1-2)"
	measure hugo "$WORK/out-hugo" \
		hugo --source "$HUGO_SITE" --destination "$WORK/out-hugo" --quiet ||
		STATUS=1
else
	say "bench: hugo is not on PATH (apt-get install hugo): skipped"
	R_OK[hugo]=skip
fi

# --- 5. the table ------------------------------------------------------------------

# line TOOL WALL CPU RSS PAGES [REMARK]
line() {
	printf '%-10s %9s %8s %15s %7s%s\n' "$1" "$2" "$3" "$4" "$5" "${6:-}"
}

row() {
	local name=$1
	case "${R_OK[$name]:-0}" in
	1) line "$name" "${R_WALL[$name]}" "${R_CPU[$name]}" "${R_RSS[$name]}" \
		"${R_PAGES[$name]}" "   wall of each run:${R_RUNS[$name]}" ;;
	skip) line "$name" skipped - - - ;;
	*) line "$name" FAILED - - - ;;
	esac
}

ratio() {
	if [ "${R_OK[fabrique]:-0}" = 1 ] && [ "${R_OK[hugo]:-0}" = 1 ]; then
		awk -v h="$1" -v f="$2" 'BEGIN {
			if (f > 0) printf "%.2f", h / f; else printf "n/a" }'
	else
		printf 'n/a'
	fi
}

echo
echo "Site: $N Markdown pages; median times of $RUNS run(s), largest peak RSS."
line tool 'wall (s)' 'CPU (s)' 'peak RSS (MiB)' pages
row fabrique
row hugo
echo "hugo/fabrique: time $(ratio "${R_WALL[hugo]:-0}" "${R_WALL[fabrique]:-0}")," \
	"CPU $(ratio "${R_CPU[hugo]:-0}" "${R_CPU[fabrique]:-0}")," \
	"memory $(ratio "${R_RSS[hugo]:-0}" "${R_RSS[fabrique]:-0}")"
echo "(pages = .html files written; outputs in $WORK/out-fabrique and $WORK/out-hugo)"
exit $STATUS
