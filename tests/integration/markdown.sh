#!/bin/sh
# Markdown as editors write it, built as a commune would: pages committed
# to a git repository, built with the uninstalled binary.  Hostile bodies
# must finish in bounded time and memory (issue 10, items 4 and 5).
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
mkmini "$R"
OUT=$WORK/out

# page NAME: writes site/pages/NAME.md from stdin (front matter added).
page() {
	{ printf -- '---\ntitre: %s\n---\n' "$1"; cat; } >"$R/site/pages/$1.md"
}

build() { # build [ARGS...]: exit status in $rc, diagnostics in $WORK/.err
	(cd "$R" && "$FABRIQUE" build site --out "$OUT" -q "$@") 2>"$WORK/.err"
	rc=$?
}

# Item 4: 100,000 nested "![" took 130 s (each link's position was
# recounted through its parents and from its line's start).  Linear now:
# a few seconds; the timeout is generous (sanitizer builds are slower).
python3 -c "n = 100000; print('![' * n + 'a' + '](vue.png)' * n)" |
	page imbrique
cp "$TOP/tests/fixtures/mini/retours/fete-2025/lavoir.png" "$R/site/pages/vue.png"
commit_all "$R" "images imbriquées"
(cd "$R" && timeout 300 "$FABRIQUE" build site --out "$OUT" -q) 2>"$WORK/.err"
status "100,000 nested images build in bounded time" 0 $?
contains "the nested images are rendered" "$OUT/imbrique/index.html" '<img src="'
rm "$R/site/pages/imbrique.md" "$R/site/pages/vue.png"
commit_all "$R" "retrait"
