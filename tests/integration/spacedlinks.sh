#!/bin/sh
# An image or a link whose file name has spaces (outside tester 17, F2):
# "![](Photo Préau (1).JPEG)" and "[plan](mon fichier.pdf)" are no links
# in CommonMark, so the page showed the brackets as text, without a word.
# A warning at its place (an error with --strict) with the text to write,
# between < >; none for a <…> destination, nor for prose in brackets.
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
mkmini "$R"
cd "$R" || exit 1
cp site/documents/plan.pdf "site/ateliers/mon plan.pdf"
cat >>site/ateliers/planter-des-haies.md <<'M'

Le préau avant : ![](Photo Préau (1).JPEG)

Voir le [plan](mon plan.pdf), le [même plan](<mon plan.pdf>) et
les haies [sic](voir plus haut).
M
commit_all "$R" "noms avec espaces" >/dev/null
(LANGUAGE= LC_ALL=fr_FR.UTF-8 LANG=fr_FR.UTF-8 "$FABRIQUE" check site --strict) >"$WORK/.out" 2>&1
status "a file name with spaces fails check --strict" 1 $?
contains "the image, at its place, with the text to write" "$WORK/.out" \
	"site/ateliers/planter-des-haies.md:13:18: erreur : cette image n’est pas reconnue : un nom de fichier avec des espaces s’écrit entre < > : ![description](<Photo Préau (1).JPEG>), ou renommez le fichier"
contains "the link too" "$WORK/.out" \
	"site/ateliers/planter-des-haies.md:15:9: erreur : ce lien n’est pas reconnu : un nom de fichier avec des espaces s’écrit entre < > : [plan](<mon plan.pdf>), ou renommez le fichier"
lacks "a <…> destination is a link: nothing to say" "$WORK/.out" "même plan"
lacks "prose in brackets: nothing to say" "$WORK/.out" "sic"
"$FABRIQUE" build site --out "$WORK/out" -q 2>"$WORK/.err"
status "without --strict, the site builds" 0 $?
contains "said as a warning" "$WORK/.err" \
	"site/ateliers/planter-des-haies.md:13:18: warning: this image is not recognised: a file name with spaces is written between < >: ![description](<Photo Préau (1).JPEG>), or rename the file"
H=$WORK/out/ateliers/planter-des-haies/index.html
# with the file's type and size (theme21: « 1\u00a0Ko », a no-break space)
contains "the <…> link is published" "$H" '>même plan <span class="fichier">(PDF, 1 Ko)</span></a>'
sed -i -e 's/!\[\](Photo Préau (1).JPEG)/le préau./' -e 's/\[plan\](mon plan.pdf)/[plan](<mon plan.pdf>)/' \
	site/ateliers/planter-des-haies.md
commit_all "$R" "écrits comme dit" >/dev/null
(LANGUAGE= LC_ALL=fr_FR.UTF-8 LANG=fr_FR.UTF-8 "$FABRIQUE" check site --strict) >"$WORK/.out" 2>&1
status "written as told, check --strict passes" 0 $?
