#!/bin/sh
# The commune theme's menu lists the site's own entries (site.yaml menu),
# then Patrimoine and Retours en images; a site whose menu already links
# to one of them (written /patrimoine/, /patrimoine or /retours/index.html) gets it
# once, where the site put it.
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
mkmini "$R"
cd "$R" || exit 1
build() { "$FABRIQUE" build site --out "$1" -q 2>"$WORK/.err"; }
# The links of the header's menu on the home page, one per line.
menu() { sed -n '/<nav class="menu"/,/<\/nav>/p' "$1/index.html" | grep -o 'href="[^"]*"'; }

build "$WORK/a"
status "the site builds" 0 $?
n=$(menu "$WORK/a" | grep -c 'href="/patrimoine/"')
check "without them in site.yaml, the menu has Patrimoine once ($n)" test "$n" -eq 1
n=$(menu "$WORK/a" | grep -c 'href="/retours/"')
check "and Retours en images once ($n)" test "$n" -eq 1

cat >>site/site.yaml <<'Y'
menu:
  - titre: Nos histoires
    url: /patrimoine
  - titre: Programme
    url: /programme/
  - titre: En images
    url: /retours/index.html
Y
commit_all "$R" "menu" >/dev/null
build "$WORK/b"
status "the site builds with its own menu" 0 $?
n=$(menu "$WORK/b" | grep -c 'href="/patrimoine/\?"')
check "a menu that has Patrimoine lists it once ($n)" test "$n" -eq 1
n=$(menu "$WORK/b" | grep -c 'href="/retours/\(index.html\)\?"')
check "a menu that has Retours lists it once ($n)" test "$n" -eq 1
contains "in the site's words and place" "$WORK/b/index.html" '<li><a href="/patrimoine">Nos histoires</a></li>'
lacks "the theme's own entry is not added" "$WORK/b/index.html" 'Retours en images</a></li>'

# One check says every error: a menu entry's and the annonce's wrong
# addresses are said with a workshop's wrong field, not once it is fixed.
cat >>site/site.yaml <<'Y'
  - titre: Plan
    url: /programe/
annonce:
  texte: Inscriptions ouvertes
  lien: /ateliers/repeindre-le-preaux/
Y
sed -i 's/^benevoles: 8/benevoles: huit/' site/ateliers/repeindre-le-preau.md
commit_all "$R" "errors" >/dev/null
"$FABRIQUE" check site >"$WORK/.out" 2>&1
status "the check fails" 1 $?
contains "the workshop's field is said" "$WORK/.out" "site/ateliers/repeindre-le-preau.md:8:12: error:"
contains "the menu entry's address too, in the same run" "$WORK/.out" \
	"site/site.yaml:22:10: error: '/programe/' is the address of no page of the site; did you mean /programme/?"
contains "and the annonce's link" "$WORK/.out" \
	"site/site.yaml:25:9: error: '/ateliers/repeindre-le-preaux/' is the address of no page of the site; did you mean /ateliers/repeindre-le-preau/?"
