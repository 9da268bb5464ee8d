#!/bin/sh
# A link typed with composed accents (every keyboard: "préau-été.md") to
# a file whose name macOS stored decomposed (NFD: "pre\u0301au-e\u0301te\u0301.md"),
# and the reverse, find their file (outside tester 20, after 19 F9 gave
# such files their composed address): it was « n'existe pas ».  Pages,
# linked files and photos, from a commit and from the work tree.
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
mkmini "$R"
cd "$R" || exit 1
nfd() { printf "$1" | sed 's/é/e\xcc\x81/g; s/à/a\xcc\x80/g; s/ô/o\xcc\x82/g'; }
# files saved decomposed, links typed composed
cp site/ateliers/repeindre-le-preau.md "$(nfd site/ateliers/préau-été.md)"
sed -i 's/^titre: .*/titre: Le préau en été/' "$(nfd site/ateliers/préau-été.md)"
cp site/documents/plan.pdf "$(nfd site/documents/plan-été.pdf)"
"$TOP/build/imgtool" make "$(nfd site/documents/préau.jpg)" 800 600
# files saved composed, links typed decomposed
cp site/ateliers/planter-des-haies.md site/ateliers/lavoir-à-côté.md
sed -i 's/^titre: .*/titre: Le lavoir à côté/' site/ateliers/lavoir-à-côté.md
cp site/documents/plan.pdf site/documents/côté.pdf
{
	printf '\nVoir [le préau](../ateliers/préau-été.md), [le plan](../documents/plan-été.pdf) et\n'
	printf '[le lavoir](%s), [son plan](%s).\n\n' "$(nfd ../ateliers/lavoir-à-côté.md)" "$(nfd ../documents/côté.pdf)"
	printf '![Le préau en été, vu de la cour](../documents/préau.jpg)\n'
} >>site/pages/contact.md
commit_all "$R" "Liens vers des noms décomposés"

for mode in commit worktree; do
	case $mode in worktree) opt=--worktree ;; *) opt= ;; esac
	rm -rf "$WORK/out"
	"$FABRIQUE" build site $opt --out "$WORK/out" >"$WORK/.out" 2>&1
	status "$mode: the links find their files" 0 $?
	lacks "$mode: no « does not exist »" "$WORK/.out" "does not exist"
	page=$WORK/out/contact/index.html
	contains "$mode: composed link to a decomposed page" "$page" 'href="/ateliers/preau-ete/"'
	contains "$mode: decomposed link to a composed page" "$page" 'href="/ateliers/lavoir-a-cote/"'
	check "$mode: the decomposed PDF is published" sh -c "ls '$WORK/out/documents/' | grep -q '^plan-e.*te.*\.pdf$'"
	check "$mode: the composed PDF is published" test -f "$WORK/out/documents/côté.pdf"
	check "$mode: the decomposed PDF is published once (no composed copy)" test "$(ls "$WORK/out/documents/" | grep -c '^plan-')" = 1
	check "$mode: the photo is made into variants" sh -c "ls '$WORK/out/documents/' | grep -q 'au-480\.webp$'"
	contains "$mode: the page shows it" "$page" '<picture>'
done

# Page references in front matter (a recap's ateliers:), typed composed
# to the page saved decomposed and the reverse: « does not match any
# page » before, the build refused.
sed -i 's|^  - ateliers/nettoyer-le-lavoir-2025$|  - ateliers/préau-été\n  - '"$(nfd ateliers/lavoir-à-côté)"'|' site/retours/fete-2025/index.md
commit_all "$R" "Références décomposées"
for mode in commit worktree; do
	case $mode in worktree) opt=--worktree ;; *) opt= ;; esac
	rm -rf "$WORK/out"
	"$FABRIQUE" build site $opt --out "$WORK/out" >"$WORK/.out" 2>&1
	status "$mode: front-matter references find their pages" 0 $?
	lacks "$mode: no « does not match any page »" "$WORK/.out" "does not match any page"
	page=$WORK/out/retours/fete-2025/index.html
	contains "$mode: the recap links the page saved decomposed" "$page" '<a href="/ateliers/preau-ete/">Le préau en été</a>'
	contains "$mode: the recap links the page referenced decomposed" "$page" '<a href="/ateliers/lavoir-a-cote/">Le lavoir à côté</a>'
done
sed -i 's|^  - ateliers/préau-été$|  - ateliers/préau-hiver|' site/retours/fete-2025/index.md
commit_all "$R" "Référence cassée"
"$FABRIQUE" check site >"$WORK/.out" 2>&1
status "a reference to a missing accented name is still an error" 1 $?
contains "saying it matches no page" "$WORK/.out" "'ateliers/préau-hiver' does not match any page"
sed -i 's|^  - ateliers/préau-hiver$|  - ateliers/préau-été|' site/retours/fete-2025/index.md
commit_all "$R" "Référence réparée"

# a link to a name that really is missing is still reported
printf '\n[ailleurs](../ateliers/préau-hiver.md)\n' >>site/pages/contact.md
commit_all "$R" "Lien cassé"
"$FABRIQUE" build site --out "$WORK/out" >"$WORK/.out" 2>&1
status "a missing accented name is still an error" 1 $?
contains "saying it does not exist" "$WORK/.out" "préau-hiver.md, which does not exist"
sed -i '$d' site/pages/contact.md
commit_all "$R" "Lien retiré"

# File fields of the front matter (outside tester 24 F9): a recap's
# photos: and a workshop's image:, typed composed, name photos a Mac
# committed decomposed.  Both were « n'existe pas », the photo also
# « pas listé » under the same visible name; the build refused.
D=site/retours/fete-2025
"$TOP/build/imgtool" make "$(nfd $D/église-été.jpg)" 800 600 --texture 3
"$TOP/build/imgtool" make "$(nfd site/ateliers/préau.jpg)" 800 600 --texture 4
sed -i 's/^    alt: Le lavoir aux pierres propres$/&\n  - fichier: église-été.jpg\n    alt: L’église un jour d’été/' $D/index.md
sed -i '2a image: préau.jpg\nimage_alt: Le préau repeint, vu de la cour' site/ateliers/repeindre-le-preau.md
commit_all "$R" "Photos venues d'un Mac"
for mode in commit worktree; do
	case $mode in worktree) opt=--worktree ;; *) opt= ;; esac
	rm -rf "$WORK/out"
	"$FABRIQUE" build site $opt --out "$WORK/out" >"$WORK/.out" 2>&1
	status "$mode: photos: and image: find the decomposed photos" 0 $?
	lacks "$mode: no « does not exist »" "$WORK/.out" "does not exist"
	lacks "$mode: nor « not listed »" "$WORK/.out" "not listed"
	check "$mode: the recap's photo is made into variants" sh -c "ls '$WORK/out/retours/fete-2025/' | grep -q 'glise-e.*te.*-480\.webp$'"
	contains "$mode: the recap shows it" "$WORK/out/retours/fete-2025/index.html" 'alt="L’église un jour d’été"'
	contains "$mode: the workshop shows its image" "$WORK/out/ateliers/repeindre-le-preau/index.html" 'alt="Le préau repeint, vu de la cour"'
done
# a typed name that matches nothing, even composed, is still an error
sed -i 's/^image: préau.jpg$/image: préau-hiver.jpg/' site/ateliers/repeindre-le-preau.md
commit_all "$R" "Image manquante"
"$FABRIQUE" check site >"$WORK/.out" 2>&1
status "a missing accented photo is still an error" 1 $?
contains "saying it does not exist" "$WORK/.out" "'préau-hiver.jpg' does not exist in ateliers/"
