#!/bin/sh
# Addresses and paths the build keeps for itself (outside tester 30 F3,
# F12, F11), from a site made by `fabrique init`:
# - a file committed in the content, linked, that lands where the build
#   writes one of its own files (a workshop's atelier.ics saved into the
#   repository, a programme.ics or sw.js at the site's top) passed check,
#   so the pre-receive hook, then every build failed « it exists
#   already », naming no file: check refuses it at the file's path;
# - a page or alias at /assets/, the theme's folder that the server of
#   docs/deploy.md §5 has browsers keep for ever: refused at the slug,
#   the alias, or the file whose name makes the address;
# - a photo linked from the text whose name is another photo's smaller
#   copy (a-480.jpg beside a.jpg, outside tester 31): refused at its file;
# - a file of the content's own assets/ folder: a warning (outside tester
#   31), an error under --strict that spares a site published so;
# - a recap's photo that is a committed symbolic link is said to be one,
#   as the same file linked from the text is, not « does not exist ».
. "$(dirname "$0")/../lib.sh"

starter_site
W=ateliers/nettoyer-les-abords-de-l-ecole
starter_addressed
fill_starter .
commit_at 2026-11-01T10:00:00+01:00 "site"
OUT=$WORK/out
"$FABRIQUE" build --out "$OUT" >"$WORK/.err" 2>&1
status "the starter site builds" 0 $?
check "... with the workshop's calendar" test -s "$OUT/$W/atelier.ics"
snapshot "$OUT" >"$WORK/before"

# F3: the workshop's calendar saved into the repository and linked.
mkdir -p "$W"
cp "$OUT/$W/atelier.ics" "$W/atelier.ics"
printf '\n[Agenda](nettoyer-les-abords-de-l-ecole/atelier.ics)\n' >>"$W.md"
commit_at 2026-11-02T10:00:00+01:00 "agenda"
"$FABRIQUE" check >"$WORK/.err" 2>&1
status "check refuses a committed file on the workshop's calendar" 1 $?
contains "... at the file's path, saying what it would replace and what to do" "$WORK/.err" \
	"$W/atelier.ics: error: this file would replace /$W/atelier.ics, the workshop's calendar, which fabrique writes itself from its slots: remove it from the repository; to offer the calendar, link to /$W/atelier.ics, which fabrique makes"
(LANGUAGE= LC_ALL=fr_FR.UTF-8 "$FABRIQUE" check) >"$WORK/.err" 2>&1
contains "... in French: « le calendrier de l’atelier, que fabrique écrit lui-même »" "$WORK/.err" \
	"$W/atelier.ics: erreur : ce fichier remplacerait /$W/atelier.ics, le calendrier de l’atelier, que fabrique écrit lui-même"
"$FABRIQUE" build --out "$OUT" >"$WORK/.err" 2>&1
status "the build fails" 1 $?
contains "... at the file's path" "$WORK/.err" "$W/atelier.ics: error: this file would replace"
lacks "... not « it exists already », naming no file" "$WORK/.err" "exists already"
snapshot "$OUT" >"$WORK/after"
check "... and the published site is intact" cmp -s "$WORK/before" "$WORK/after"

# The same for whole-site files at the site's top, linked from a page.
$GIT rm -q "$W/atelier.ics"
git checkout -q HEAD~1 -- "$W.md"
cp "$OUT/programme.ics" programme.ics
cp "$OUT/sw.js" sw.js
printf '\n[Agenda](../programme.ics) [hors ligne](/sw.js) [robots](../sw.js)\n' >>pages/contact.md
commit_at 2026-11-02T11:00:00+01:00 "fichiers du site"
"$FABRIQUE" check >"$WORK/.err" 2>&1
status "check refuses programme.ics committed at the top" 1 $?
contains "... at programme.ics" "$WORK/.err" \
	"programme.ics: error: this file would replace /programme.ics, a file fabrique writes itself (the programme's calendar, the feed, the search index, the offline files, the theme's files): remove it from the repository; to offer it, link to /programme.ics, which fabrique makes"
contains "... and at sw.js" "$WORK/.err" "sw.js: error: this file would replace /sw.js, a file fabrique writes itself"
"$FABRIQUE" build --out "$OUT" >"$WORK/.err" 2>&1
status "the build fails" 1 $?
lacks "... naming the files, not « it exists already »" "$WORK/.err" "exists already"
snapshot "$OUT" >"$WORK/after"
check "... and the published site is intact" cmp -s "$WORK/before" "$WORK/after"

# A page's own file committed beside it (its folder's index.html).
$GIT rm -q programme.ics sw.js
git checkout -q HEAD~1 -- pages/contact.md
mkdir -p "$W"
cp "$OUT/$W/index.html" "$W/index.html"
printf '\n[Page](nettoyer-les-abords-de-l-ecole/index.html)\n' >>"$W.md"
commit_at 2026-11-02T12:00:00+01:00 "page enregistrée"
"$FABRIQUE" check >"$WORK/.err" 2>&1
status "check refuses a committed file on a page's own" 1 $?
contains "... naming the page's file" "$WORK/.err" \
	"$W/index.html: error: this file would replace /$W/index.html, the page of $W.md, which fabrique writes itself: remove it from the repository; to lead there, link to /$W/"
$GIT rm -q "$W/index.html"
git checkout -q HEAD~1 -- "$W.md"
commit_at 2026-11-02T13:00:00+01:00 "retour"
"$FABRIQUE" check >"$WORK/.err" 2>&1
status "removed as said: check passes" 0 $?

# F3 through the hooks of docs/deploy.md: the push is refused, at the file.
BARE=$WORK/srv.git WWW=$WORK/www
mkbare "$BARE" main
hook_install "$BARE" pre-receive
hook_install "$BARE" post-receive --out "$WWW"
$GIT remote add origin "file://$BARE"
push() { (env -u LANG -u LC_ALL -u LC_MESSAGES -u LANGUAGE $GIT push -q origin main) >"$WORK/.push" 2>&1; pst=$?; }
push
status "the site is published" 0 $pst
before=$(git -C "$BARE" rev-parse main)
mkdir -p "$W"
cp "$OUT/$W/atelier.ics" "$W/atelier.ics"
printf '\n[Agenda](nettoyer-les-abords-de-l-ecole/atelier.ics)\n' >>"$W.md"
commit_at 2026-11-03T10:00:00+01:00 "agenda"
push
status "a push with the workshop's calendar committed: refused" refused "$(refused)"
contains "... said at the file, in French" "$WORK/.push" \
	"remote: $W/atelier.ics: erreur : ce fichier remplacerait /$W/atelier.ics, le calendrier de l’atelier"
check "... the branch did not move" test "$(git -C "$BARE" rev-parse main)" = "$before"
git reset -q --hard HEAD~1

# F12: /assets/ as a page's address, by slug, by file name, by alias.
printf -- '---\ntitre: Page assets\nresume: Essai.\nslug: assets\n---\nTexte.\n' >pages/p-assets.md
commit_at 2026-11-04T10:00:00+01:00 "slug assets"
"$FABRIQUE" check >"$WORK/.err" 2>&1
status "check refuses slug: assets" 1 $?
contains "... at the slug" "$WORK/.err" \
	"pages/p-assets.md:4:7: error: the URL /assets/ is in the folder of the theme's files, which browsers keep for ever (a correction of this page would never reach a resident who saw it): rename the file or give it another 'slug'"
$GIT mv pages/p-assets.md pages/assets.md
sed -i '/^slug:/d' pages/assets.md
commit_at 2026-11-04T11:00:00+01:00 "assets.md"
"$FABRIQUE" check >"$WORK/.err" 2>&1
status "check refuses pages/assets.md" 1 $?
contains "... at the file" "$WORK/.err" "pages/assets.md:1:1: error: the URL /assets/ is in the folder of the theme's files"
"$FABRIQUE" build --out "$OUT" >"$WORK/.err" 2>&1
status "the build fails" 1 $?
check "... writing no page in assets/" test ! -e "$OUT/assets/index.html"
$GIT rm -q pages/assets.md
for A in /assets/ /assets/vieux/; do
	sed -i "/^alias:/d; s|^statut: \(.*\)|statut: \1\nalias: [\"$A\"]|" "$W.md"
	commit_at 2026-11-04T12:00:00+01:00 "alias $A"
	"$FABRIQUE" check >"$WORK/.err" 2>&1
	status "check refuses the alias $A" 1 $?
	line=$(grep -n '^alias:' "$W.md" | cut -d: -f1)
	contains "... at the alias" "$WORK/.err" \
		"$W.md:$line:9: error: the alias $A is in the folder of the theme's files, which browsers keep for ever: remove it from 'alias'"
done
sed -i '/^alias:/d' "$W.md"
commit_at 2026-11-04T13:00:00+01:00 "sans alias"
"$FABRIQUE" check >"$WORK/.err" 2>&1
status "without them: check passes" 0 $?

# F11: a recap's photo committed as a symbolic link.
Y=$(ls editions | sed -n "1s/\.yaml$//p") # the edition fabrique init made
mkdir -p retours/r1
ln -s /etc/passwd retours/r1/passwd.jpg
printf -- '---\ntitre: Retour\nresume: Essai.\nedition: %s\nphotos:\n  - fichier: passwd.jpg\n    alt: Des bénévoles au lavoir\n---\nVoir [le fichier](passwd.jpg).\n' "$Y" >retours/r1/index.md
commit_at 2026-11-05T10:00:00+01:00 "lien"
"$FABRIQUE" check >"$WORK/.err" 2>&1
status "check refuses a photo that is a symbolic link" 1 $?
contains "... said as a link at the photo's field" "$WORK/.err" \
	"retours/r1/index.md:6:14: error: 'passwd.jpg' names retours/r1/passwd.jpg, which is a symbolic link, which fabrique does not publish: copy the file itself to that place"
lacks "... not « does not exist »" "$WORK/.err" "'passwd.jpg' does not exist"
contains "... as the same file linked from the text is" "$WORK/.err" \
	"retours/r1/index.md:9:19: error: the link 'passwd.jpg' points to retours/r1/passwd.jpg, which is a symbolic link, which fabrique does not publish: copy the file itself to that place"
(LANGUAGE= LC_ALL=fr_FR.UTF-8 "$FABRIQUE" check) >"$WORK/.err" 2>&1
contains "... in French" "$WORK/.err" \
	"retours/r1/index.md:6:14: erreur : « passwd.jpg » désigne retours/r1/passwd.jpg, qui est un lien symbolique, que fabrique ne publie pas : copiez le fichier lui-même à cet endroit"

# A path written twice that check does not foresee (a photo's 480-pixel
# variant, a.jpg -> a-480.jpg, and a photo a-480.jpg linked from the
# text, published whole under its name): the build's error names the
# files that claim it, not only the output folder.
$GIT rm -rq retours/r1
mkdir -p retours/r2
cp "$TOP/content/retours/le-repas-sous-les-guirlandes/tables-dressees.jpg" retours/r2/a.jpg
cp retours/r2/a.jpg retours/r2/a-480.jpg
printf -- '---\ntitre: Retour\nresume: Essai.\nedition: %s\nphotos:\n  - fichier: a.jpg\n    alt: Des tables dressées sur la place\n---\nVoir [la photo](a-480.jpg).\n' "$Y" >retours/r2/index.md
commit_at 2026-11-05T11:00:00+01:00 "photos"
"$FABRIQUE" build --out "$OUT" >"$WORK/.err" 2>&1
status "a photo on another's variant: the build fails" 1 $?
contains "... at the photo linked, naming the photo whose copy it is" "$WORK/.err" \
	"retours/r2/a-480.jpg: error: this file would replace /retours/r2/a-480.jpg, a smaller copy that fabrique makes of the photo retours/r2/a.jpg"
lacks "... before writing: not « it exists already »" "$WORK/.err" "exists already"
snapshot "$OUT" >"$WORK/after"
check "... and the published site is intact" cmp -s "$WORK/before" "$WORK/after"

# Outside tester 31: the same, said by check, so by the pre-receive hook,
# at the file that lands on the smaller copy, for every size the photo
# gets and for a linked photo of another format published whole as .jpg;
# not for a name no copy has, nor for one in another folder.
"$FABRIQUE" check >"$WORK/.err" 2>&1
status "check refuses a photo linked on another's smaller copy" 1 $?
contains "... at the file, saying what it would replace and what to do" "$WORK/.err" \
	"retours/r2/a-480.jpg: error: this file would replace /retours/r2/a-480.jpg, a smaller copy that fabrique makes of the photo retours/r2/a.jpg: rename this file (a name that does not end in a dash and a number), and its links"
(LANGUAGE= LC_ALL=fr_FR.UTF-8 "$FABRIQUE" check) >"$WORK/.err" 2>&1
contains "... in French" "$WORK/.err" \
	"retours/r2/a-480.jpg: erreur : ce fichier remplacerait /retours/r2/a-480.jpg, une copie plus petite que fabrique fait de la photo retours/r2/a.jpg : renommez ce fichier (d’un nom qui ne finit pas par un tiret et un nombre), et ses liens"
for V in a-960.jpg a-1600.jpg a-480.png a-960.webp; do
	$GIT rm -q retours/r2/a-*
	cp retours/r2/a.jpg "retours/r2/$V"
	sed -i "s|(a-[^)]*)|($V)|" retours/r2/index.md
	commit_at 2026-11-05T12:00:00+01:00 "$V"
	"$FABRIQUE" check >"$WORK/.err" 2>&1
	status "check refuses $V linked beside a.jpg" 1 $?
	contains "... at $V: it would replace /retours/r2/${V%.*}.jpg" "$WORK/.err" \
		"retours/r2/$V: error: this file would replace /retours/r2/${V%.*}.jpg, a smaller copy that fabrique makes of the photo retours/r2/a.jpg"
done
for V in a-2024.jpg a-petite.jpg; do
	$GIT rm -q retours/r2/a-*
	cp retours/r2/a.jpg "retours/r2/$V"
	sed -i "s|(a-[^)]*)|($V)|" retours/r2/index.md
	commit_at 2026-11-05T13:00:00+01:00 "$V"
	"$FABRIQUE" check >"$WORK/.err" 2>&1
	status "$V, a name no copy of a.jpg has: check passes" 0 $?
done
"$FABRIQUE" build --out "$OUT" >"$WORK/.err" 2>&1
status "... and the build too" 0 $?
check "... publishing the photo and a.jpg's copies" test -s "$OUT/retours/r2/a-petite.jpg" -a -s "$OUT/retours/r2/a-480.jpg"
mkdir -p retours/r3
cp retours/r2/a.jpg retours/r3/a-480.jpg
printf -- '---\ntitre: Autre retour\nresume: Essai.\nedition: %s\n---\nVoir [la photo](a-480.jpg).\n' "$Y" >retours/r3/index.md
commit_at 2026-11-05T14:00:00+01:00 "autre dossier"
"$FABRIQUE" check >"$WORK/.err" 2>&1
status "a-480.jpg in another folder than a.jpg: check passes" 0 $?
$GIT rm -rq retours/r3 retours/r2
commit_at 2026-11-05T15:00:00+01:00 "sans r3"
push
status "published" 0 $pst
before=$(git -C "$BARE" rev-parse main)
cp "$TOP/content/retours/le-repas-sous-les-guirlandes/tables-dressees.jpg" pages/plan.jpg
cp pages/plan.jpg pages/plan-960.jpg
printf '\n![Le plan du quartier](plan.jpg)\n\n[Le plan en grand](plan-960.jpg)\n' >>pages/contact.md
commit_at 2026-11-05T16:00:00+01:00 "plan"
push
status "a push with plan-960.jpg linked beside plan.jpg shown: refused" refused "$(refused)"
contains "... said at the file, in French" "$WORK/.push" \
	"remote: pages/plan-960.jpg: erreur : ce fichier remplacerait /pages/plan-960.jpg, une copie plus petite que fabrique fait de la photo pages/plan.jpg"
check "... the branch did not move" test "$(git -C "$BARE" rev-parse main)" = "$before"
git reset -q --hard HEAD~1
git -C "$BARE" update-ref refs/heads/main "$before" # where a binary let it by

# Outside tester 31: a file of the content's own assets/ folder is
# published under /assets/, which the server of docs/deploy.md §5 has
# browsers keep a year: a warning at the file (an error under --strict,
# so a push bringing one is refused, but not one a site published
# before), saying why and where to put it; moved, its links are errors
# until updated.
mkdir -p assets
printf '%%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%%%EOF\n' >assets/programme.pdf
printf '\n[Le programme imprimable](../assets/programme.pdf)\n' >>pages/contact.md
commit_at 2026-11-06T10:00:00+01:00 "programme imprimable"
"$FABRIQUE" check >"$WORK/.err" 2>&1
status "check passes with assets/programme.pdf" 0 $?
contains "... with a warning at the file, saying why and where to put it" "$WORK/.err" \
	"assets/programme.pdf: warning: this file is published at /assets/programme.pdf, in the folder of the theme's files, which browsers keep for a year without asking again: a corrected version would not reach residents who opened it; move it to another folder (documents/) and update its links"
(LANGUAGE= LC_ALL=fr_FR.UTF-8 "$FABRIQUE" check) >"$WORK/.err" 2>&1
contains "... in French" "$WORK/.err" \
	"assets/programme.pdf: avertissement : ce fichier est publié à /assets/programme.pdf, dans le dossier des fichiers du thème, que les navigateurs gardent un an sans redemander : une version corrigée n’atteindrait pas les habitants qui l’ont ouvert ; déplacez-le dans un autre dossier (documents/) et mettez à jour ses liens"
"$FABRIQUE" check --strict >"$WORK/.err" 2>&1
status "check --strict refuses it" 1 $?
"$FABRIQUE" build --out "$OUT" >"$WORK/.err" 2>&1
status "the build publishes it" 0 $?
check "... at /assets/programme.pdf" test -s "$OUT/assets/programme.pdf"
before=$(git -C "$BARE" rev-parse main)
push
status "a push bringing assets/programme.pdf: refused (the hook is strict)" refused "$(refused)"
contains "... said at the file, in French" "$WORK/.push" \
	"remote: assets/programme.pdf: erreur : ce fichier est publié à /assets/programme.pdf"
check "... the branch did not move" test "$(git -C "$BARE" rev-parse main)" = "$before"
git -C "$BARE" update-ref refs/heads/main "$before"
# A site that published one before this check: its pushes still go.
git -C "$BARE" config fabrique.strict false
push
status "published by a hook that is not strict (as before this check)" 0 $pst
git -C "$BARE" config fabrique.strict true
printf '\nÀ bientôt.\n' >>pages/contact.md
commit_at 2026-11-06T11:00:00+01:00 "à bientôt"
push
status "the next push, strict: accepted" 0 $pst
contains "... the file said as a warning" "$WORK/.push" \
	"remote: assets/programme.pdf: avertissement : ce fichier est publié à /assets/programme.pdf"
contains "... already in the published version" "$WORK/.push" \
	"1 avertissement ci-dessus était déjà dans la version publiée"
# Moved as said: the link is an error until it is updated.
mkdir -p documents
$GIT mv assets/programme.pdf documents/programme.pdf
commit_at 2026-11-06T12:00:00+01:00 "déplacé"
"$FABRIQUE" check >"$WORK/.err" 2>&1
status "moved, its link not updated: check fails" 1 $?
contains "... at the link" "$WORK/.err" "pages/contact.md:"
grep -F "pages/contact.md:" "$WORK/.err" >"$WORK/.line"
contains "... naming the old path" "$WORK/.line" "../assets/programme.pdf"
sed -i 's|\.\./assets/programme\.pdf|../documents/programme.pdf|' pages/contact.md
commit_at 2026-11-06T13:00:00+01:00 "lien"
"$FABRIQUE" check >"$WORK/.err" 2>&1
status "its link updated: check passes" 0 $?
lacks "... without the warning" "$WORK/.err" "/assets/programme.pdf"
push
status "... and the push is accepted" 0 $pst
# The same for a photo there, shown or linked: its copies go to /assets/.
mkdir -p assets
cp "$TOP/content/retours/le-repas-sous-les-guirlandes/tables-dressees.jpg" assets/plan.jpg
cp assets/plan.jpg assets/carte.jpg
printf '\n![Le plan](../assets/plan.jpg)\n\n[La carte](../assets/carte.jpg)\n' >>pages/contact.md
commit_at 2026-11-06T14:00:00+01:00 "photos dans assets"
"$FABRIQUE" check >"$WORK/.err" 2>&1
status "check passes with photos in assets/" 0 $?
contains "... a warning at the photo shown" "$WORK/.err" \
	"assets/plan.jpg: warning: this file is published at /assets/, in the folder of the theme's files"
contains "... and at the photo linked" "$WORK/.err" \
	"assets/carte.jpg: warning: this file is published at /assets/carte.jpg, in the folder of the theme's files"
"$FABRIQUE" check --strict >"$WORK/.err" 2>&1
status "... errors under --strict" 1 $?
