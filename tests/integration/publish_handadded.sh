#!/bin/sh
# Files the webmaster adds by hand to the live release (a .htaccess, a
# search engine's verification file, the town's decree as a PDF, a file
# in a page's folder, an empty folder) are carried by `fabrique publish`
# into the next release, as `fabrique build --out` keeps them: told from
# fabrique's own files by the record of the live release's build
# (output_carry_from()).  Set up as docs/deploy.md does it: a bare
# repository with fabrique as its hooks, real pushes.  A page that takes
# a hand file's address is published and the file set aside beside the
# new release; a page removed from the site is not brought back; a live
# release without a record carries nothing and says so.
. "$(dirname "$0")/../lib.sh"

BARE=$WORK/site.git
WWW=$WORK/www
mkbare "$BARE" main site=site
hook_install "$BARE" pre-receive --out "$WWW"
hook_install "$BARE" post-receive --out "$WWW"

R=$WORK/clone
mkmini "$R"
cd "$R" || exit 1
$GIT remote add origin "file://$BARE"

# push: git push, output in $WORK/.push, status in $pst.
push() { $GIT push -q origin main >"$WORK/.push" 2>&1; pst=$?; }
# edit TEXT: a commit changing a workshop's title, pushed.
edit() {
	sed -i "0,/^titre: .*/s//titre: $1/" site/ateliers/planter-des-haies.md
	commit_all "$R" "$1" >/dev/null
	push
}
live() { readlink "$WWW/current"; }

push
status "first push: published" 0 $pst
first=$(live)

# The webmaster's files, in the live release.
C=$WWW/current
printf 'Options -Indexes\n' >"$C/.htaccess"
printf 'google-site-verification: google1234.html\n' >"$C/google1234.html"
mkdir -p "$C/arretes/2026"
printf '%%PDF-1.4 arrêté municipal\n' >"$C/arretes/2026/arrete-12.pdf"
printf 'clé du local : mairie\n' >"$C/ateliers/repeindre-le-preau/notes.txt"
mkdir -p "$C/depot/vide"
mine() {
	(cd "$WWW/current" && sha1sum .htaccess google1234.html \
		arretes/2026/arrete-12.pdf ateliers/repeindre-le-preau/notes.txt 2>&1 &&
		find depot | sort)
}
mine >"$WORK/mine.1"

# Two publications: the files are carried into each new release.
edit "Planter des haies vives"
status "second push: published" 0 $pst
check "second push: a new release" test "$(live)" != "$first"
mine >"$WORK/mine.2"
check "second push: the webmaster's files are carried" cmp "$WORK/mine.1" "$WORK/mine.2"
check "second push: the empty folder is made again" test -d "$C/depot/vide"
lacks "second push: no warning" "$WORK/.push" "avertissement"
lacks "second push: no error" "$WORK/.push" "erreur"
check "second push: the release carried from is untouched" \
	test -f "$WWW/releases/${first#releases/}/.htaccess"
check "second push: nothing set aside" test -z "$(ls -d "$WWW"/releases/*set-aside* 2>/dev/null)"
edit "Planter des haies basses"
status "third push: published" 0 $pst
mine >"$WORK/mine.2"
check "third push: the webmaster's files are carried again" cmp "$WORK/mine.1" "$WORK/mine.2"
check "third push: the page shows the edit" grep -q 'haies basses' "$C/ateliers/planter-des-haies/index.html"

# fabrique's own files are made again, never carried: a page removed
# from the site is not brought back, an asset of an older build neither.
(cd "$R" && $GIT rm -q site/pages/contact.md)
commit_all "$R" "sans contact" >/dev/null
push
status "a page removed: published" 0 $pst
check "a page removed: not brought back" test ! -e "$C/contact"
mine >"$WORK/mine.2"
check "a page removed: the webmaster's files are still carried" cmp "$WORK/mine.1" "$WORK/mine.2"
check "a page removed: every file of the release is the build's or the webmaster's" \
	test "$(cd "$C" && find . -name 'index.html' | grep -c contact)" = 0

# A page that takes the address of a file the webmaster made by hand:
# the page is published, the file set aside beside the new release (not
# served), a warning says where; their other file in that folder stays.
mkdir -p "$C/benevoles"
printf '<p>page faite main</p>\n' >"$C/benevoles/index.html"
printf 'plan\n' >"$C/benevoles/plan.pdf"
mkdir -p site/pages
printf -- '---\ntitre: Les bénévoles\n---\nMerci.\n' >site/pages/benevoles.md
commit_all "$R" "bénévoles" >/dev/null
push
status "a page where the webmaster's was: published" 0 $pst
new=$(live)
ASIDE=$WWW/$new.fabrique-set-aside
check "a page where the webmaster's was: the page is published" grep -q 'Les bénévoles' "$C/benevoles/index.html"
check "a page where the webmaster's was: their page is set aside" grep -q 'page faite main' "$ASIDE/benevoles/index.html"
contains "a page where the webmaster's was: the warning says where, in the site's language" "$WORK/.push" \
	"(benevoles/index.html) : la page prend sa place et le fichier est mis de côté dans $WWW/$new.fabrique-set-aside"
# The hook builds strictly, yet this is no mistake of the editor's and
# the push succeeded: a warning, not an error (strict promoted it).
contains "a page where the webmaster's was: said as a warning" "$WORK/.push" \
	"$WWW/$new: avertissement : 1 fichier"
lacks "a page where the webmaster's was: not said as an error" "$WORK/.push" "erreur"
check "a page where the webmaster's was: their other file is carried" test "$(cat "$C/benevoles/plan.pdf")" = plan
check "a page where the webmaster's was: only the page's file is set aside" test ! -e "$ASIDE/benevoles/plan.pdf"
mine >"$WORK/mine.2"
check "a page where the webmaster's was: the other files are carried" cmp "$WORK/mine.1" "$WORK/mine.2"
edit "Planter des haies hautes"
status "after the set-aside: published" 0 $pst
check "after the set-aside: the set-aside folder stays" grep -q 'page faite main' "$ASIDE/benevoles/index.html"
lacks "after the set-aside: not said again" "$WORK/.push" "mis de côté"

# By hand, as docs/deploy.md says (after a rollback, say): the same.
"$FABRIQUE" publish site --repo "$BARE" --ref main~1 --out "$WWW" -q 2>"$WORK/.err"
status "publish by hand: published" 0 $?
mine >"$WORK/mine.2"
check "publish by hand: the webmaster's files are carried" cmp "$WORK/mine.1" "$WORK/mine.2"

# The deploy folder named otherwise (/srv/./site/, a symbolic link to
# it): the same folder, so the same record of the live release's build.
for how in "$WORK/./www/" "$WORK/lien" "$WORK/lien/../www"; do
	ln -sfn www "$WORK/lien"
	ref=main; [ "$(live)" = "releases/$(git -C "$BARE" rev-parse main)" ] && ref=main~1
	"$FABRIQUE" publish site --repo "$BARE" --ref $ref --out "$how" 2>"$WORK/.err"
	status "publish --out $how: published" 0 $?
	lacks "publish --out $how: the live release's record is found" "$WORK/.err" "record"
	mine >"$WORK/mine.2"
	check "publish --out $how: the webmaster's files are carried" cmp "$WORK/mine.1" "$WORK/mine.2"
done

# A live release without a record of its build (the cache cleaned):
# nothing tells the webmaster's files from fabrique's, so nothing is
# carried or set aside, and a warning says where they still are.
"$FABRIQUE" cache clean site --repo "$BARE" >/dev/null 2>&1
rm -rf "$BARE/fabrique"
before=$(live)
(cd "$WWW/$before" && find . | sort) >"$WORK/before.list"
edit "Planter des haies fleuries"
status "no record: published" 0 $pst
contains "no record: a warning says nothing is carried, and where the files are" "$WORK/.push" \
	"$WWW/$before, le site que celui-ci remplace, n’a pas de relevé de la construction qui l’a fait"
contains "no record: said as a warning" "$WORK/.push" \
	"avertissement : $WWW/$before, le site que celui-ci remplace"
lacks "no record: not said as an error" "$WORK/.push" "erreur"
check "no record: nothing is carried" test ! -e "$C/.htaccess" -a ! -e "$C/arretes"
check "no record: the removed page is not brought back" test ! -e "$C/contact"
check "no record: nothing is set aside" test ! -e "$WWW/$(live).fabrique-set-aside"
(cd "$WWW/$before" && find . | sort) >"$WORK/after.list"
check "no record: the release carried from is left as it was" cmp "$WORK/before.list" "$WORK/after.list"
# copied back by the webmaster: carried again from then on
cp "$WWW/$before/.htaccess" "$C/.htaccess"
edit "Planter des haies taillées"
status "copied back: published" 0 $pst
check "copied back: carried" cmp "$WWW/$before/.htaccess" "$C/.htaccess"
