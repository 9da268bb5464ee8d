#!/bin/sh
# Files linked from the content are published only if passive (PDF,
# text, an SVG drawing without script...): a linked HTML page or script
# would run on the commune's own site.  The refusals themselves are in
# the error corpus (tests/errors/link-html, link-svg-script, ...); here,
# what is accepted, and the site's explicit opt-out.
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
mkmini "$R"
cat >"$R/site/documents/carte.svg" <<'SVG'
<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">
  <defs><linearGradient id="g"/></defs>
  <rect width="10" height="10" style="fill:url(#g)"/>
</svg>
SVG
printf 'nom;heure\nPréau;09:00\n' >"$R/site/documents/horaires.csv"
printf '\n[Carte](../documents/carte.svg), [horaires](../documents/horaires.csv), [plan](../documents/plan.pdf).\n' \
	>>"$R/site/pages/contact.md"
commit_all "$R" "documents"
(cd "$R" && "$FABRIQUE" build site --out "$WORK/out" -q) 2>"$WORK/.err"
status "a clean SVG, a CSV and a PDF are published" 0 $?
same_file() {
	if cmp -s "$2" "$3"; then ok "$1"; else not_ok "$1" "$2 differs from $3"; fi
}
same_file "the SVG as it is" "$R/site/documents/carte.svg" "$WORK/out/documents/carte.svg"
same_file "the CSV as it is" "$R/site/documents/horaires.csv" "$WORK/out/documents/horaires.csv"

printf '<!doctype html><script>alert(document.cookie)</script>\n' >"$R/site/documents/jeu.html"
printf '\n[Jeu](../documents/jeu.html)\n' >>"$R/site/pages/contact.md"
commit_all "$R" "page HTML"
before=$(snapshot "$WORK/out")
(cd "$R" && "$FABRIQUE" build site --out "$WORK/out" -q) 2>"$WORK/.err"
status "a linked HTML page is refused" 1 $?
contains "at the link's position" "$WORK/.err" \
	"site/pages/contact.md:"
if [ "$(snapshot "$WORK/out")" = "$before" ]; then ok "the published site is intact"
else not_ok "the published site is intact"; fi

printf 'markdown:\n  html_brut: true\n' >>"$R/site/site.yaml"
commit_all "$R" "html_brut"
(cd "$R" && "$FABRIQUE" build site --out "$WORK/out" -q) 2>"$WORK/.err"
status "markdown.html_brut: true publishes it (the site's choice)" 0 $?
check "the HTML page is there" test -f "$WORK/out/documents/jeu.html"
