#!/bin/sh
# What surprises a newcomer: the uninstalled ./fabrique, run from another
# folder on a site in its own repository (no themes/ folder), finds the
# theme of its own source tree; a relocated install finds
# ../share/fabrique/themes; the cache lives in the repository's git folder
# (bare repositories too) or in $XDG_CACHE_HOME/fabrique for a folder
# outside git, never in the current folder; --cache overrides;
# fabrique cache clean finds it the same way.
. "$(dirname "$0")/../lib.sh"
export XDG_CACHE_HOME="$WORK/xdg"
unset FABRIQUE_THEMES

R=$WORK/commune
mkdir -p "$R"
cp -R "$TOP/tests/fixtures/mini" "$R/site"
(cd "$R" && $GIT init -q && $GIT add -A && $GIT commit -qm "Premier contenu")
ELSE=$WORK/ailleurs
mkdir -p "$ELSE"
cd "$ELSE" || exit 1

"$FABRIQUE" build "$R/site" --out "$WORK/public" 2>"$WORK/.err"
status "a site without themes/ builds with the theme beside the program" 0 $?
check "the site was written" test -f "$WORK/public/index.html"
check "nothing is left in the current folder" test -z "$(ls -A "$ELSE")"
check "the photo cache is inside the repository's git folder" \
	test -d "$R/.git/fabrique/images"
check "the manifest of the build too" test -d "$R/.git/fabrique/builds"
(cd "$R" && $GIT status --porcelain) >"$WORK/.st"
check "git sees nothing new in the work tree" test ! -s "$WORK/.st"

"$FABRIQUE" cache clean "$R/site" 2>"$WORK/.err"
status "cache clean, from another folder, succeeds" 0 $?
contains "it says which cache it emptied" "$WORK/.err" "$R/.git/fabrique"
n=$(find "$R/.git/fabrique" -type f -name '*.webp' | wc -l)
check "the repository's cache is empty" test "$n" -eq 0

git clone -q --bare "$R" "$WORK/commune.git"
"$FABRIQUE" check site --repo "$WORK/commune.git" 2>"$WORK/.err"
status "a bare repository is checked" 0 $?
check "its cache is inside the bare repository" test -d "$WORK/commune.git/fabrique/images"
check "still nothing in the current folder" test -z "$(ls -A "$ELSE")"

cp -R "$TOP/tests/fixtures/mini" "$WORK/dossier"
"$FABRIQUE" check "$WORK/dossier" --worktree 2>"$WORK/.err"
status "a plain folder outside git is checked" 0 $?
check "its cache is in \$XDG_CACHE_HOME/fabrique" test -d "$WORK/xdg/fabrique/images"

"$FABRIQUE" check "$R/site" --cache "$WORK/moncache" 2>"$WORK/.err"
status "--cache DIR is accepted" 0 $?
check "--cache DIR is used" test -d "$WORK/moncache/images"

# a relocatable install: bin/fabrique, lib/fabrique/fabrique-vips.so (the
# photo module) and share/fabrique/themes/
mkdir -p "$WORK/inst/bin" "$WORK/inst/share/fabrique" "$WORK/inst/lib/fabrique"
cp "$FABRIQUE" "$WORK/inst/bin/fabrique"
cp "$(dirname "$FABRIQUE")/fabrique-vips.so" "$WORK/inst/lib/fabrique/"
cp -R "$TOP/themes" "$WORK/inst/share/fabrique/themes"
"$WORK/inst/bin/fabrique" check "$R/site" 2>"$WORK/.err"
status "an install moved elsewhere finds ../share/fabrique/themes" 0 $?

# make install over an older install (outside tester 25 F5): each theme is
# replaced whole, so a file an older theme had and this one dropped is no
# longer published (nor precached); a theme of the webmaster's own beside
# it is left alone.  -o: the binary under test is installed as it is.
MK=$WORK/mk
mkinstall() {
	make -s -C "$TOP" BIN="$FABRIQUE" -o "$FABRIQUE" \
		-o "$(dirname "$FABRIQUE")/fabrique-vips.so" install PREFIX="$MK" >"$WORK/.mk" 2>&1
}
mkinstall
status "make install into a fresh prefix" 0 $?
echo 'console.log("ancienne version")' >"$MK/share/fabrique/themes/commune/assets/js/ancien.js"
mkdir -p "$MK/share/fabrique/themes/mien/templates"
echo '{{! mine }}' >"$MK/share/fabrique/themes/mien/templates/base.mustache"
"$MK/bin/fabrique" build "$R/site" --out "$WORK/mk-before" -q 2>"$WORK/.err"
check "the older theme's dropped file is published (the situation)" \
	sh -c "ls '$WORK/mk-before/assets/js/' | grep -q '^ancien\\.'"
mkinstall
status "make install again, over it" 0 $?
check "the dropped file is gone from the installed theme" \
	test ! -e "$MK/share/fabrique/themes/commune/assets/js/ancien.js"
check "no half-installed copy left beside it" \
	sh -c "! ls -A '$MK/share/fabrique/themes' | grep -q '^\\.'"
check "a theme of the webmaster's own is kept" \
	test -f "$MK/share/fabrique/themes/mien/templates/base.mustache"
"$MK/bin/fabrique" build "$R/site" --out "$WORK/mk-after" -q 2>"$WORK/.err"
status "the site builds with the new install" 0 $?
check "the dropped file is not published any more" \
	sh -c "! ls '$WORK/mk-after/assets/js/' | grep -q '^ancien\\.'"
check "nor precached by the service worker" sh -c "! grep -q ancien '$WORK/mk-after/sw.js'"

mkdir -p "$WORK/seul"
cp "$FABRIQUE" "$WORK/seul/fabrique"
if [ -d /usr/local/share/fabrique/themes/commune ]; then
	ok "# skip: a theme is installed in /usr/local/share/fabrique"
else
	LANGUAGE= LC_ALL=fr_FR.UTF-8 "$WORK/seul/fabrique" check "$R/site" 2>"$WORK/.err"
	status "a lone program without a theme anywhere fails" 1 $?
	contains "it says, in French, how to fix it" "$WORK/.err" \
		"copiez le thème dans themes/commune/ du dépôt, ou installez fabrique (make install)"
fi

# Run from the wrong folder, fabrique says where the site is: from the
# folder above it, from one of its subfolders, from a site not yet in git.
(cd "$R" && "$FABRIQUE" build 2>"$WORK/.err")
status "from the repository's top, above the site: content error" 1 $?
contains "it says the site is in the folder below" "$WORK/.err" \
	"site.yaml: error: no site.yaml here: the site is in a folder below; run fabrique there (cd site)"
lacks "and not that the output lies inside the site" "$WORK/.err" "output folder"
check "nothing was written in the repository" test ! -e "$R/public"
(cd "$R/site/ateliers" && LANGUAGE= LC_ALL=fr_FR.UTF-8 "$FABRIQUE" check 2>"$WORK/.err")
status "from a subfolder of the site: content error" 1 $?
contains "it says, in French, to go up to the site's folder" "$WORK/.err" \
	"site/ateliers/site.yaml: erreur : pas de site.yaml ici : ce dossier est à l’intérieur d’un site ; lancez fabrique dans le dossier du site (cd ..)"
mkdir -p "$WORK/parent"
cp -R "$TOP/tests/fixtures/mini" "$WORK/parent/monsite"
(cd "$WORK/parent/monsite" && "$FABRIQUE" build 2>"$WORK/.err")
status "a site outside git: source error" 3 $?
contains "it says to commit it, or --worktree" "$WORK/.err" \
	"this site is not in a git repository: fabrique publishes what is committed; make it one (git init, git add -A, git commit), or build the files as they are with --worktree"
(cd "$WORK/parent" && "$FABRIQUE" build 2>"$WORK/.err")
status "the folder above a site outside git: source error" 3 $?
contains "it names the site's folder" "$WORK/.err" "the site is in a folder below: run fabrique there (cd monsite)"
