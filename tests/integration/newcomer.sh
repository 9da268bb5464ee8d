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

mkdir -p "$WORK/seul"
cp "$FABRIQUE" "$WORK/seul/fabrique"
if [ -d /usr/local/share/fabrique/themes/commune ]; then
	ok "# skip: a theme is installed in /usr/local/share/fabrique"
else
	LC_ALL=fr_FR.UTF-8 "$WORK/seul/fabrique" check "$R/site" 2>"$WORK/.err"
	status "a lone program without a theme anywhere fails" 1 $?
	contains "it says, in French, how to fix it" "$WORK/.err" \
		"copiez le thème dans themes/commune/ du dépôt, ou installez fabrique (make install)"
fi
