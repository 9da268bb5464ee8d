#!/bin/sh
# bench/history.sh [COMMITS] [PAGES] - cost of the history walk
# (src/history.c) on a long history.
#
# Makes a repository whose site is the test fixture plus PAGES workshop
# pages (default 500), then COMMITS commits (default 5000) by six
# authors, each editing one page, one in fifty renaming one; the same
# final tree is also committed alone in a second repository.  Both are
# checked with `fabrique check`: the difference is what the history walk
# costs.  Run from the top folder after `make`.
set -eu
COMMITS=${1:-5000}
PAGES=${2:-500}
TOP=$(cd "$(dirname "$0")/.." && pwd)
FABRIQUE=${FABRIQUE:-$TOP/fabrique}
W=$(mktemp -d "${TMPDIR:-/tmp}/fabrique-bench-history.XXXXXX")
trap '[ -n "${KEEP:-}" ] || rm -rf "$W"' EXIT
GIT="git -c user.name=Bench -c user.email=bench@example.invalid -c init.defaultBranch=main"

page() { # page N REVISION
	printf -- '---\ntitre: Atelier %s\ndate: 2026-05-23\ndebut: "09:00"\nfin: "12:00"\nquartier: bourg\n---\n\nRévision %s de l’atelier %s.\n' "$1" "$2" "$1"
}

mkdir -p "$W/long"
cp -R "$TOP/tests/fixtures/mini" "$W/long/site"
cp -R "$TOP/themes" "$W/long/themes"
i=0
while [ "$i" -lt "$PAGES" ]; do
	page "$i" 0 >"$W/long/site/ateliers/bench-$i.md"
	i=$((i + 1))
done
cd "$W/long"
$GIT init -q
$GIT add -A
GIT_AUTHOR_DATE="2020-01-01T10:00:00+01:00" GIT_COMMITTER_DATE="2020-01-01T10:00:00+01:00" \
	$GIT commit -qm "Site initial"

# The commits go through fast-import: 5,000 `git commit` runs would time
# the shell, not fabrique.
awk -v n="$COMMITS" -v pages="$PAGES" 'BEGIN {
	split("Claire Ahmed Bruno Dominique Élise Farid", who, " ")
	t = 1577872800
	for (c = 1; c <= n; c++) {
		t += 3600
		a = who[(c % 6) + 1]
		p = (c * 7919) % pages
		printf "commit refs/heads/main\n"
		printf "author %s <%s@example.invalid> %d +0100\n", a, c % 6, t
		printf "committer %s <%s@example.invalid> %d +0100\n", a, c % 6, t
		msg = "Modification " c
		printf "data %d\n%s\n", length(msg), msg
		if (c == 1) printf "from refs/heads/main^0\n"
		if (c % 50 == 0 && !(p in moved)) {
			moved[p] = 1
			printf "R site/ateliers/bench-%d.md site/ateliers/bench-%d-v2.md\n", p, p
			continue
		}
		name = (p in moved) ? "bench-" p "-v2" : "bench-" p
		body = sprintf("---\ntitre: Atelier %d\ndate: 2026-05-23\ndebut: \"09:00\"\nfin: \"12:00\"\nquartier: bourg\n---\n\nRévision %d de l’atelier %d.\n", p, c, p)
		printf "M 100644 inline site/ateliers/%s.md\ndata %d\n%s\n", name, length(body), body
	}
}' | LC_ALL=C $GIT fast-import --quiet
$GIT reset -q --hard main

mkdir -p "$W/short"
cp -R site themes "$W/short/"
(cd "$W/short" && $GIT init -q && $GIT add -A && $GIT commit -qm "Tout d’un coup")

best() { # best DIR: the best of three `fabrique check` wall times, in ms
	b=
	for _ in 1 2 3; do
		s=$(date +%s%N)
		(cd "$1" && "$FABRIQUE" check site -q) || exit 1
		e=$(date +%s%N)
		t=$(((e - s) / 1000000))
		if [ -z "$b" ] || [ "$t" -lt "$b" ]; then b=$t; fi
	done
	echo "$b"
}
long=$(best "$W/long")
short=$(best "$W/short")
echo "history: $($GIT -C "$W/long" rev-list --count HEAD) commits, $(ls "$W/long/site/ateliers" | wc -l) workshop files"
echo "fabrique check, long history:  ${long} ms"
echo "fabrique check, one commit:    ${short} ms"
echo "history walk:                  $((long - short)) ms"
