#!/bin/sh
# Titles holding code points XML forbids (U+FFFE, U+FFFF, C1 controls)
# must not make the feed, the sitemap or the SVG map ill-formed.
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
mkmini "$R"
python3 - "$R/site/patrimoine/lavoir.md" <<'PY'
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
s = s.replace("titre: Le lavoir du Moulin", "titre: \"Le lavoir\\uFFFE du\\uFFFF Moulin\\x85\"")
open(p, "w", encoding="utf-8").write(s)
PY
commit_all "$R" "titre étrange"
(cd "$R" && "$FABRIQUE" build site --out "$WORK/out" -q) 2>"$WORK/.err"
status "the site builds" 0 $?
for f in flux.xml sitemap.xml; do
	check "$f is well-formed XML" xmllint --noout "$WORK/out/$f"
done
contains "the title is there, without the forbidden characters" "$WORK/out/flux.xml" \
	"Le lavoir du Moulin"
