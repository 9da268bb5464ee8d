#!/usr/bin/env bash
# bench/run.sh - builds the same synthetic site with fabrique and Hugo and
# compares time, CPU and peak memory.  See bench/README.md.
#
#   bench/run.sh [N...]       sizes (default: 1000 10000), each build run 3 times
#   bench/run.sh --quick      N=1000, each build run once
#   bench/run.sh --runs R N   R runs of each build
#   bench/run.sh --no-hugo N  fabrique only, Hugo not run (for sizes Hugo needs too much memory for)
#   bench/run.sh --prerecv N  also the pre-receive check of one-page pushes (bench/prerecv.sh)
#   bench/run.sh --history N  a site with history: a second commit edits every workshop
#
# For each N: fabrique cold (no output, no cache), no-op (nothing changed),
# one edit (one page changed and committed), its --verbose stages, the
# start-up (fabrique --version), then Hugo cold on the same Markdown.
# FABRIQUE=path to the binary (default: ./fabrique at the repository root).
# BENCH_TIMER=python measures with Python's getrusage instead of GNU time.
# Work folder: ${TMPDIR:-/tmp}/fabrique-bench-N, recreated for every N.
# Exits non-zero when a build failed (the others still run).

# The Makefile runs "sh bench/run.sh": come back under bash.
if [ -z "${BASH_VERSION:-}" ]; then
	exec bash "$0" "$@"
fi

set -u

SIZES=
RUNS=3
HUGO=yes
PRERECV=no
HISTORY=no
while [ $# -gt 0 ]; do
	case "$1" in
	--quick) SIZES=1000 RUNS=1 ;;
	--no-hugo) HUGO=no ;;
	--prerecv) PRERECV=yes ;;
	--history) HISTORY=yes ;;
	--runs)
		RUNS=${2:-}
		shift
		;;
	-h | --help)
		sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'
		exit 0
		;;
	*[!0-9]* | '')
		echo "usage: bench/run.sh [--quick] [--no-hugo] [--prerecv] [--history] [--runs R] [N...]" >&2
		exit 2
		;;
	*) SIZES="$SIZES $1" ;;
	esac
	shift
done
SIZES=${SIZES:-1000 10000}
case "$RUNS" in '' | *[!0-9]* | 0)
	echo "bench/run.sh: --runs needs a positive number" >&2
	exit 2
	;;
esac
for n in $SIZES; do
	if [ "$n" -lt 3 ]; then
		echo "bench/run.sh: N must be at least 3" >&2
		exit 2
	fi
done

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=$ROOT/bench
FABRIQUE=${FABRIQUE:-$ROOT/fabrique}
case "$FABRIQUE" in
/*) ;;
*) FABRIQUE=$PWD/$FABRIQUE ;;
esac
PYTHON=/usr/bin/python3
[ -x "$PYTHON" ] || PYTHON=python3
STATUS=0
GITC="git -c user.name=bench -c user.email=b@x -c commit.gpgsign=false -c gc.auto=0"

say() { printf '%s\n' "$*" >&2; }
load() { cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?'; }

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
		tail -n 1 "$out.raw" | awk '{printf "%s %s %.3f\n", $1, $2, $3 + $4}' >"$out"
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
    f.write("%.3f %d %.3f\n" % (wall, ru.ru_maxrss, ru.ru_utime + ru.ru_stime))
sys.exit(rc if rc >= 0 else 128 - rc)
EOF
}

# ", files: 3 rewritten, 18863 unchanged" from a build's last line, so
# that an edit which rebuilt much more than its page shows.
files_note() {
	local f
	f=$(tail -n 1 "$1" | sed -n 's/.*(\([0-9][0-9]* [^,]*, [0-9][0-9]* [^)]*\))$/\1/p')
	[ -n "$f" ] && printf ', files: %s' "$f"
}

# --- measuring one case ------------------------------------------------------------

# Results per key "N/tool/case": best (smallest) wall and CPU of the runs,
# largest peak RSS, the 1-minute load average before each run.
declare -A R_WALL R_CPU R_RSS R_LOAD R_PAGES R_OK

# measure KEY PREP CMD... : runs PREP (untimed: cleans or edits) then CMD,
# RUNS times; keeps the best wall and CPU times and the largest peak RSS.
measure() {
	local key=$1 prep=$2
	shift 2
	local i rc t rss cpu bw="" bc="" mr=0 loads=""
	local tag=${key//\//-}
	for i in $(seq 1 "$RUNS"); do
		$prep
		sync # the previous run's writes must not land in this one's time
		loads="$loads $(load)"
		timed "$WORK/$tag.time" "$@" >"$WORK/$tag.out" 2>"$WORK/$tag.err"
		rc=$?
		if [ $rc -ne 0 ]; then
			say "bench: $key failed (exit $rc); last lines of its stderr:"
			tail -n 20 "$WORK/$tag.err" | sed 's/^/    /' >&2
			R_OK[$key]=0
			STATUS=1
			return 1
		fi
		read -r t rss cpu <"$WORK/$tag.time"
		if [ -z "$bw" ] || awk -v a="$t" -v b="$bw" 'BEGIN {exit !(a < b)}'; then bw=$t; fi
		if [ -z "$bc" ] || awk -v a="$cpu" -v b="$bc" 'BEGIN {exit !(a < b)}'; then bc=$cpu; fi
		[ "$rss" -gt "$mr" ] && mr=$rss
		say "bench: $key run $i: ${t}s wall, ${cpu}s CPU, $((rss / 1024)) MiB, load$loads$(files_note "$WORK/$tag.err")"
	done
	R_OK[$key]=1
	R_WALL[$key]=$bw
	R_CPU[$key]=$bc
	R_RSS[$key]=$(awk -v k="$mr" 'BEGIN {printf "%.1f", k / 1024}')
	R_LOAD[$key]=$(echo "$loads" | tr ' ' '\n' | sed '/^$/d' | sort -g | tail -n 1)
	return 0
}

count_pages() { find "$1" -type f -name '*.html' 2>/dev/null | wc -l | tr -d ' '; }

# --- the cases ------------------------------------------------------------------

prep_cold() { rm -rf "$OUT" "$REPO/.git/fabrique" "$REPO/.fabrique-cache"; }
prep_none() { :; }
EDITS=0
# One page edited and committed: a sentence added at the end of its body.
# The commit is dated EDITS minutes after the site's (a build's day is
# its commit's): dated now, the first edit would also move the build
# past the 2026 edition's day, and two thirds of the site would change
# with it (every workshop "took place"), which is not one edit.
prep_edit() {
	EDITS=$((EDITS + 1))
	printf '\nModification %d du bench.\n' "$EDITS" >>"$EDITED"
	local when
	when=$(printf '2026-04-01T12:%02d:00+02:00' $((EDITS % 60)))
	(cd "$REPO" && $GITC add -A &&
		GIT_AUTHOR_DATE=$when GIT_COMMITTER_DATE=$when \
			$GITC commit -q -m "edit $EDITS" &&
		sleep 1 && git status --short) >/dev/null
}
prep_hugo() { rm -rf "$HUGO_OUT"; }

# --history: every workshop edited once after the first commit, as on a
# site whose editors corrected each page (a sentence added to its body;
# front matter and schedule unchanged), committed with a fixed date
# before the edits' (12:01 on), so the commit id stays the same from run
# to run.  Every workshop then has two versions for the history walk
# and the calendars' SEQUENCE (eventrev.c) to read.
add_history() {
	find "$SITE/ateliers" -name '*.md' | LC_ALL=C sort | while read -r f; do
		printf '\nRelu et corrigé par l’équipe.\n' >>"$f"
	done
	local when='2026-04-01T12:00:30+02:00'
	GIT_AUTHOR_DATE=$when GIT_COMMITTER_DATE=$when \
		$GITC commit -q -a -m "Relecture de tous les ateliers"
}

bench_size() {
	N=$1
	WORK=${TMPDIR:-/tmp}/fabrique-bench-$N
	REPO=$WORK/repo
	SITE=$REPO/content
	OUT=$WORK/out-fabrique
	HUGO_OUT=$WORK/out-hugo
	say "bench: N=$N, $RUNS run(s) per case, work folder $WORK"
	rm -rf "$WORK"
	mkdir -p "$SITE" || exit 1
	"$PYTHON" "$BENCH/gen-site.py" "$N" "$SITE" >&2 || exit 1
	# A theme kept in the fabrique repository (themes/ at its root) is
	# copied beside content/, where fabrique looks for a site's themes.
	[ -d "$ROOT/themes" ] && cp -R "$ROOT/themes" "$REPO/themes"
	# Fixed dates keep the commit id the same from one run to the next.
	(
		cd "$REPO" && git init -q . && $GITC add -A &&
			GIT_AUTHOR_DATE='2026-04-01T12:00:00+02:00' \
				GIT_COMMITTER_DATE='2026-04-01T12:00:00+02:00' \
				$GITC commit -q -m "Site de test: $N pages" &&
			{ [ "$HISTORY" = no ] || add_history; } &&
			$GITC gc -q && # packed, as a cloned repository is
			# files written in the second the index was: git status
			# refreshes the index's stat cache, as editors' tools do
			# (else every build hashes every file to find changes)
			sleep 1 && git status --short >/dev/null
	) || {
		say "bench: could not commit the site"
		exit 1
	}
	EDITED=$(find "$SITE/ateliers" -name "*.md" | LC_ALL=C sort | head -n 1)

	if [ -x "$FABRIQUE" ]; then
		cd "$REPO" || exit 1
		local f="$FABRIQUE build content --out $OUT"
		say "bench: fabrique: (cd $REPO && $f)"
		measure "$N/fabrique/cold" prep_cold $f &&
			R_PAGES[$N/fabrique/cold]=$(count_pages "$OUT")
		measure "$N/fabrique/no-op" prep_none $f
		measure "$N/fabrique/edit" prep_edit $f
		measure "$N/fabrique/--version" prep_none "$FABRIQUE" --version
		# The stages of one more cold build.
		prep_cold
		$f --verbose 2>&1 | grep '^fabrique: ' | grep -v 'built ' >"$WORK/verbose.txt"
		cd "$ROOT" || exit 1
	else
		say "bench: no fabrique binary at $FABRIQUE (build it with make, or set FABRIQUE=)"
		STATUS=1
	fi

	# Hugo, on a copy of the same Markdown.
	HUGO_SITE=$WORK/hugo-site
	if [ "$HUGO" = yes ] && command -v hugo >/dev/null 2>&1; then
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
		measure "$N/hugo/cold" prep_hugo \
			hugo --source "$HUGO_SITE" --destination "$HUGO_OUT" --quiet &&
			R_PAGES[$N/hugo/cold]=$(count_pages "$HUGO_OUT")
	else
		say "bench: hugo is not on PATH (apt-get install hugo): skipped"
		R_OK[$N/hugo/cold]=skip
	fi
}

# --- the table -------------------------------------------------------------------

line() {
	printf '%-7s %-9s %-10s %9s %8s %9s %6s %7s\n' "$@"
}

row() {
	local key=$1 n tool c
	IFS=/ read -r n tool c <<<"$key"
	case "${R_OK[$key]:-0}" in
	1) line "$n" "$tool" "$c" "${R_WALL[$key]}" "${R_CPU[$key]}" \
		"${R_RSS[$key]}" "${R_LOAD[$key]}" "${R_PAGES[$key]:--}" ;;
	skip) line "$n" "$tool" "$c" skipped - - - - ;;
	*) line "$n" "$tool" "$c" FAILED - - - - ;;
	esac
}

# ratio A B: A / B with two decimals, n/a when either is missing.
ratio() {
	awk -v a="${1:-0}" -v b="${2:-0}" 'BEGIN {
		if (a > 0 && b > 0) printf "%.2f", a / b; else printf "n/a" }'
}

pick_timer
for n in $SIZES; do
	bench_size "$n"
done

echo
if [ "$HISTORY" = yes ]; then
	echo "Site with history (--history): 2 commits, every workshop edited in the second."
fi
echo "Best of $RUNS run(s) for times, largest peak RSS; load = highest 1-min load"
echo "average seen before a run (the machine has $(nproc) cores)."
line N tool case 'wall (s)' 'CPU (s)' 'RSS (MiB)' load pages
for n in $SIZES; do
	for c in cold no-op edit --version; do
		row "$n/fabrique/$c"
	done
	row "$n/hugo/cold"
done
echo
for n in $SIZES; do
	h=$n/hugo/cold f=$n/fabrique/cold
	echo "N=$n hugo/fabrique, cold build: wall $(ratio "${R_WALL[$h]:-}" "${R_WALL[$f]:-}")," \
		"CPU $(ratio "${R_CPU[$h]:-}" "${R_CPU[$f]:-}")," \
		"memory $(ratio "${R_RSS[$h]:-}" "${R_RSS[$f]:-}") (above 1: fabrique is faster or smaller)"
done
# The pre-receive check (--prerecv): bench/prerecv.sh's summary line, R
# one-page pushes through the hook of docs/deploy.md, its own site.
if [ "$PRERECV" = yes ]; then
	echo
	for n in $SIZES; do
		FABRIQUE=$FABRIQUE bash "$BENCH/prerecv.sh" --runs "$RUNS" "$n" \
			>"${TMPDIR:-/tmp}/fabrique-prerecv-$n.txt" || STATUS=1
		tail -n 1 "${TMPDIR:-/tmp}/fabrique-prerecv-$n.txt" |
			sed 's/^/pre-receive: /'
	done
fi
for n in $SIZES; do
	v=${TMPDIR:-/tmp}/fabrique-bench-$n/verbose.txt
	if [ -s "$v" ]; then
		echo
		echo "N=$n, stages of a cold build (fabrique --verbose):"
		cat "$v"
	fi
done
exit $STATUS
