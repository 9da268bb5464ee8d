#!/bin/sh
# bench/markdown.sh - hostile Markdown bodies (issue 10, items 4 and 5):
# wall time and peak memory of a build of the small fixture site plus one
# page holding N nested images ("![" N times), and plus one page of S MB
# of ordinary prose (the size limit raised to let it through).
#   bench/markdown.sh [N] [S]     defaults: 100000 nested images, 20 MB
# FABRIQUE=path to the binary (default ./fabrique).  Needs GNU time.
set -eu
TOP=$(cd "$(dirname "$0")/.." && pwd)
FABRIQUE=${FABRIQUE:-$TOP/fabrique}
N=${1:-100000}
S=${2:-20}
W=$(mktemp -d "${TMPDIR:-/tmp}/fabrique-bench-md.XXXXXX")
trap 'rm -rf "$W"' EXIT
GIT="git -c user.name=Bench -c user.email=bench@example.invalid -c init.defaultBranch=main"
mkdir -p "$W/repo"
cp -R "$TOP/tests/fixtures/mini" "$W/repo/site"
cp -R "$TOP/themes" "$W/repo/themes"
cp "$TOP/tests/fixtures/mini/retours/fete-2025/lavoir.png" "$W/repo/site/pages/vue.png"
printf 'markdown:\n  taille_max_ko: 1000000\n' >>"$W/repo/site/site.yaml"
(cd "$W/repo" && $GIT init -q && $GIT add -A && $GIT commit -qm base)

run() { # run LABEL: builds and prints wall time and peak RSS
	(cd "$W/repo" && $GIT add -A && $GIT commit -qm "$1" &&
	 /usr/bin/time -f "$1: %e s, peak %M KB" "$FABRIQUE" build site --out "$W/out" -q)
}
run "fixture site alone"
python3 -c "import sys; n = int(sys.argv[1]); print('---\ntitre: N\n---\n' + '![' * n + 'a' + '](vue.png)' * n)" "$N" \
	>"$W/repo/site/pages/imbrique.md"
run "plus $N nested images"
rm "$W/repo/site/pages/imbrique.md"
python3 -c "
import random, sys
random.seed(1)
words = ('le lavoir de la commune est un lieu *important* pour les habitants '
         'qui y venaient laver leur linge chaque semaine [voir](https://exemple.fr) **fort**').split()
out, size = ['---\ntitre: Gros\n---\n'], 0
while size < int(sys.argv[1]) * 1000000:
    p = ' '.join(random.choice(words) for _ in range(60)) + '\n\n'
    out.append(p); size += len(p)
sys.stdout.write(''.join(out))" "$S" >"$W/repo/site/pages/gros.md"
run "plus one page of $S MB"
