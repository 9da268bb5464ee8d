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

# Item 5: a 200 MB page took 4.4 GB.  Pages above 2 MB (site.yaml:
# markdown: taille_max_ko) are refused before they are read, at the file,
# and the published site stays as it was.
build
status "the fixture site builds" 0 "$rc"
before=$(snapshot "$OUT")
python3 -c "print('Le lavoir est un lieu de rencontre. ' * 90000)" | page enorme
commit_all "$R" "page énorme"
build
status "a 3 MB page is refused" 1 "$rc"
contains "the refusal names the file and the limit" "$WORK/.err" \
	"site/pages/enorme.md: error: this page's file holds 3165 KB, more than the 2048 KB a page may hold"
if [ "$(snapshot "$OUT")" = "$before" ]; then ok "the published site is untouched"
else not_ok "the published site is untouched"; fi
(cd "$R" && LC_ALL=fr_FR.UTF-8 LANG=fr_FR.UTF-8 "$FABRIQUE" build site --out "$OUT" -q) 2>"$WORK/.err"
contains "the refusal is in French for a French editor" "$WORK/.err" \
	"site/pages/enorme.md: erreur : le fichier de cette page fait 3165 Ko"
printf 'markdown:\n  taille_max_ko: 4096\n' >>"$R/site/site.yaml"
commit_all "$R" "limite relevée"
build
status "site.yaml can raise the limit" 0 "$rc"
contains "the large page is published" "$OUT/enorme/index.html" "Le lavoir est un lieu de rencontre."
(cd "$R" && $GIT reset -q --hard HEAD~2)

# Headings: the page's title is its only <h1>; a body "#" is moved one
# level down; a skipped level is a warning at the heading, an error with
# --strict (and then nothing is published).
printf '# Horaires\n\nLe matin.\n\n## Le samedi\n\nDe 9 h à 12 h.\n' | page horaires
commit_all "$R" "horaires"
build
status "a body with # headings builds" 0 "$rc"
n=$(grep -o '<h1' "$OUT/horaires/index.html" | wc -l)
if [ "$n" = 1 ]; then ok "the page keeps one <h1>"; else not_ok "the page keeps one <h1> ($n)"; fi
contains "# becomes <h2>, with its id" "$OUT/horaires/index.html" '<h2 id="horaires">Horaires</h2>'
contains "## becomes <h3>" "$OUT/horaires/index.html" '<h3 id="le-samedi">Le samedi</h3>'
lacks "no warning for a well-ordered body" "$WORK/.err" "warning"
printf '# Horaires\n\n### Le samedi\n' | page horaires
commit_all "$R" "niveau sauté"
build
status "a skipped level alone still publishes" 0 "$rc"
contains "a skipped level is a warning at the heading" "$WORK/.err" \
	"site/pages/horaires.md:6:1: warning: level 3 heading directly under a level 1; use ## here"
before=$(snapshot "$OUT")
build --strict --full
status "--strict makes it an error" 1 "$rc"
contains "--strict reports it as an error" "$WORK/.err" "site/pages/horaires.md:6:1: error: level 3 heading"
if [ "$(snapshot "$OUT")" = "$before" ]; then ok "--strict: the published site is untouched"
else not_ok "--strict: the published site is untouched"; fi
(cd "$R" && $GIT reset -q --hard HEAD~2)
