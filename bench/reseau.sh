#!/bin/sh
# bench/reseau.sh [N...] - fabrique reseau on N synthetic member communes
# (bench/gen-reseau.py: programme.json files, 10 to 40 workshops each),
# default N = 4000.  For each N: a cold build into an empty folder and an
# empty cache, a rebuild with nothing changed, then a rebuild after one
# commune's programme changed (a workshop renamed: the incremental build
# reads that commune again and rewrites its page, its département's
# calendar, its région's search index and the indexes), each under GNU
# time -v (wall time, CPU, peak memory).  The machine's load
# (uptime) is printed beside every figure: on a shared machine, wall time
# depends on it; CPU time (user + sys) much less.
#
# FABRIQUE=path to the binary (default ./fabrique); work folder
# ${TMPDIR:-/tmp}/fabrique-reseau-N, generated once and kept.
set -eu
TOP=$(cd "$(dirname "$0")/.." && pwd)
FABRIQUE=${FABRIQUE:-$TOP/fabrique}
export FABRIQUE_THEMES=$TOP/themes
[ $# -gt 0 ] || set -- 4000

measure() { # measure LABEL N DIR
	log=$3/time.log
	load=$(uptime | sed 's/.*load average: //')
	/usr/bin/time -v "$FABRIQUE" reseau "$3/liste.yaml" --out "$3/site" --cache "$3/cache" -q 2>"$log" || {
		tail -n 30 "$log"; exit 1; }
	wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$log")
	user=$(sed -n 's/.*User time (seconds): //p' "$log")
	sys=$(sed -n 's/.*System time (seconds): //p' "$log")
	rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$log")
	printf '%-12s N=%-6s wall %-8s cpu %5.1f s (user %s, sys %s)  peak %4d MiB  load %s\n' \
		"$1" "$2" "$wall" "$(echo "$user + $sys" | bc)" "$user" "$sys" $((rss / 1024)) "$load"
}

for n in "$@"; do
	dir=${TMPDIR:-/tmp}/fabrique-reseau-$n
	[ -f "$dir/liste.yaml" ] || python3 "$TOP/bench/gen-reseau.py" "$n" "$dir"
	rm -rf "$dir/site" "$dir/cache"
	measure cold "$n" "$dir"
	measure unchanged "$n" "$dir"
	f=$(ls "$dir/communes" | head -n 1)
	sed -i '0,/"title": "/s//"title": "Modifié – /' "$dir/communes/$f"
	measure "one changed" "$n" "$dir"
	sed -i 's/"title": "Modifié – /"title": "/' "$dir/communes/$f"
	echo "             $(find "$dir/site" -type f | wc -l) files, $(du -sm "$dir/site" | cut -f1) MiB written; search indexes $(du -ck "$dir"/site/recherche/*.json | tail -n 1 | cut -f1) KiB in $(ls "$dir"/site/recherche/*.json | wc -l) régions, largest $(du -k "$dir"/site/recherche/*.json | sort -n | tail -n 1 | cut -f1) KiB"
done
