#!/bin/sh
# A link or an image to javascript:, vbscript:, file: or data: is never
# published (it would run script or open the resident's files): the link
# is kept without its address, and the editor is told at its place what a
# page may link to (outside tester 19 F5: it was a dead link, no word).
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
mkmini "$R"
cd "$R" || exit 1
cat >>site/ateliers/planter-des-haies.md <<'M'

Voir [lien js](javascript:alert(1)) et [données](data:text/html,bonjour).

![Une haie](data:image/png;base64,AAAA)
M
commit_all "$R" "liens dangereux" >/dev/null
"$FABRIQUE" build site --out "$WORK/out" -q 2>"$WORK/.err"
status "the site builds" 0 $?
H=$WORK/out/ateliers/planter-des-haies/index.html
lacks "no javascript: published" "$H" 'javascript:'
lacks "no data: published" "$H" 'data:text'
# tester21 F1: an emptied <a href=""> reloaded the page for a resident
lacks "no link left without a destination" "$H" '<a href="">'
contains "the text of the link is kept" "$H" "Voir lien js et données."
lacks "no image without a source" "$H" '<img src=""'
contains "the javascript: link is said at its place" "$WORK/.err" \
	"site/ateliers/planter-des-haies.md:13:16: warning: link 'javascript:…' removed: only web, mailto: and tel: links are published; link to a page or a web address (https://…), or keep the text without a link"
contains "the data: link too" "$WORK/.err" \
	"site/ateliers/planter-des-haies.md:13:50: warning: link 'data:…' removed"
contains "an image says what to do instead" "$WORK/.err" \
	"site/ateliers/planter-des-haies.md:15:13: warning: image 'data:…' removed: only images saved with the site are published; save the image beside the page and give its file name"
(cd "$R" && LANGUAGE= LC_ALL=fr_FR.UTF-8 LANG=fr_FR.UTF-8 "$FABRIQUE" check site) >/dev/null 2>"$WORK/.err"
contains "in French for a French editor" "$WORK/.err" \
	"site/ateliers/planter-des-haies.md:13:16: avertissement : lien « javascript:… » retiré : seuls les liens web, mailto: et tel: sont publiés"
