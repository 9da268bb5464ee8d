#!/bin/sh
# Above the sitemaps protocol's 50,000 URLs per file, sitemap.xml becomes
# a sitemap index of sitemap-1.xml, sitemap-2.xml…, each within the
# limit; every URL is in exactly one of them, and robots.txt names
# sitemap.xml.  The limit is lowered with FABRIQUE_SITEMAP_MAX_URLS
# (for tests only) so that a small site shows the split; read with
# xmllint.
. "$(dirname "$0")/../lib.sh"

if ! command -v xmllint >/dev/null 2>&1; then
	echo "ok - sitemap index # SKIP xmllint is not installed (libxml2-utils)"
	exit 0
fi
R=$WORK/repo
mkmini "$R"
cd "$WORK" || exit 1
U=https://jc.villeneuve-test.fr
locs() { xmllint --xpath '//*[local-name()="loc"]/text()' "$1" 2>/dev/null | sed 's/<\/\?loc>//g' | tr ' ' '\n' | sed '/^$/d'; }

"$FABRIQUE" build "$R/site" --repo "$R" --out "$WORK/one" -q 2>"$WORK/.err"
status "a small site builds" 0 $?
check "its sitemap.xml is one urlset" sh -c "xmllint --xpath 'local-name(/*)' '$WORK/one/sitemap.xml' | grep -qx urlset"
check "and no sitemap-1.xml" test ! -e "$WORK/one/sitemap-1.xml"
locs "$WORK/one/sitemap.xml" | sort >"$WORK/all"
n=$(wc -l <"$WORK/all")
check "it lists the site's pages ($n)" test "$n" -ge 20

FABRIQUE_SITEMAP_MAX_URLS=7 "$FABRIQUE" build "$R/site" --repo "$R" --out "$WORK/split" -q 2>"$WORK/.err"
status "with at most 7 URLs a file, the site builds" 0 $?
S=$WORK/split
check "sitemap.xml is well-formed" xmllint --noout "$S/sitemap.xml"
check "sitemap.xml is a sitemapindex" sh -c "xmllint --xpath 'local-name(/*)' '$S/sitemap.xml' | grep -qx sitemapindex"
want=$(((n + 6) / 7))
locs "$S/sitemap.xml" >"$WORK/index"
check "it names $want files" test "$(wc -l <"$WORK/index")" -eq $want
i=1
: >"$WORK/parts"
while [ $i -le $want ]; do
	f=$S/sitemap-$i.xml
	check "sitemap-$i.xml is named by the index" grep -qx "$U/sitemap-$i.xml" "$WORK/index"
	check "sitemap-$i.xml is a well-formed urlset" sh -c "xmllint --noout '$f' && xmllint --xpath 'local-name(/*)' '$f' | grep -qx urlset"
	c=$(locs "$f" | wc -l)
	check "sitemap-$i.xml holds 1 to 7 URLs ($c)" sh -c "test $c -ge 1 && test $c -le 7"
	locs "$f" >>"$WORK/parts"
	i=$((i + 1))
done
check "no file beyond them" test ! -e "$S/sitemap-$i.xml"
check "every URL is in exactly one file" sh -c "test -z \"\$(sort '$WORK/parts' | uniq -d)\""
check "and they are all the site's URLs" sh -c "sort '$WORK/parts' | cmp -s - '$WORK/all'"
contains "robots.txt names sitemap.xml" "$S/robots.txt" "Sitemap: $U/sitemap.xml"
