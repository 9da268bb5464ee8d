#!/bin/sh
# A theme kept as a git submodule (outside tester 20 F9): themes/montheme
# is, in a commit, a gitlink to a commit of the theme's own repository.
# Preview (--worktree) used the checked-out files, but a committed build
# and so the server's hooks said the theme « introuvable … copiez votre
# thème dans themes/montheme/ », the folder right there.  Now the commit
# is read from the submodule's repository (.git/modules, the checkout, or
# a local URL: a server's bare repository beside the theme's), and when
# none has it the error names the submodule, its commit and the fix.
# Real repositories, real `git submodule add`, real pushes to a bare one.
. "$(dirname "$0")/../lib.sh"

SUBGIT="$GIT -c protocol.file.allow=always"

# The theme's repository: the default theme, one line of its own.
T=$WORK/themerepo
mkdir -p "$T"
cp -R "$TOP/themes/commune/." "$T/"
sed -i '4a <meta name="theme-version" content="montheme-1">' "$T/templates/base.mustache"
(cd "$T" && $GIT init -q && $GIT add -A && $GIT commit -qm "Mon thème")

# The site at the root of its repository, the theme as a submodule.
R=$WORK/site
mkdir -p "$R"
cp -R "$TOP/tests/fixtures/mini/." "$R/"
sed -i 's/^theme: commune/theme: montheme/' "$R/site.yaml"
(cd "$R" && $GIT init -q && $SUBGIT submodule add -q ../themerepo themes/montheme &&
	$GIT add -A && $GIT commit -qm "Thème en sous-module")
t1=$(git -C "$T" rev-parse HEAD)
check "the theme is a gitlink in the commit" \
	sh -c "git -C '$R' ls-tree HEAD themes/montheme | grep -q '^160000 commit $t1'"

(cd "$R" && "$FABRIQUE" build --worktree --out "$WORK/prev") >"$WORK/.out" 2>&1
status "the preview builds with the submodule's files" 0 $?

(cd "$R" && "$FABRIQUE" build --out "$WORK/out") >"$WORK/.out" 2>&1
status "the committed build finds the submodule's theme" 0 $?
lacks "no « not found »" "$WORK/.out" "not found"
contains "the pages use the submodule's templates" "$WORK/out/index.html" 'content="montheme-1"'
(cd "$R" && "$FABRIQUE" check --strict) >"$WORK/.out" 2>&1
status "check --strict accepts it" 0 $?

# A clone made without --recurse-submodules, the theme's repository gone
# from where .gitmodules says: the error names the submodule, its commit
# and the fix, at site.yaml's theme line.
mv "$T" "$WORK/ailleurs"
git clone -q "$R" "$WORK/clone"
C=$WORK/clone
line=$(grep -n '^theme:' "$C/site.yaml" | cut -d: -f1)
(cd "$C" && "$FABRIQUE" build --out "$WORK/out2") >"$WORK/.out" 2>&1
status "a clone without its submodule cannot build" 1 $?
contains "the error names the submodule, its commit and the fix" "$WORK/.out" \
	"site.yaml:$line:8: error: the theme themes/montheme/ is a git submodule (commit $(echo "$t1" | cut -c1-7) of ../themerepo) that is not checked out: run 'git submodule update --init' in the site's repository, or copy the theme's files into themes/montheme/ and commit them"
lacks "not « not found »" "$WORK/.out" "not found"
(cd "$C" && LANGUAGE= LC_ALL=fr_FR.UTF-8 LANG=fr_FR.UTF-8 "$FABRIQUE" build --out "$WORK/out2") >"$WORK/.out" 2>&1
contains "in French" "$WORK/.out" "est un sous-module git (commit $(echo "$t1" | cut -c1-7) de ../themerepo) qui n’est pas extrait : lancez « git submodule update --init »"

# The fix it gives: the submodule fetched into .git/modules.
(cd "$C" && $GIT submodule init -q && $GIT config submodule.themes/montheme.url "$WORK/ailleurs" &&
	$SUBGIT submodule update -q) >"$WORK/.out" 2>&1
check "git submodule update --init ran" test -d "$C/.git/modules/themes/montheme"
(cd "$C" && "$FABRIQUE" build --out "$WORK/out2") >"$WORK/.out" 2>&1
status "after 'git submodule update --init' it builds" 0 $?
contains "with the submodule's theme" "$WORK/out2/index.html" 'content="montheme-1"'

# The theme changes; the site moves its submodule to the new commit; the
# clone pulls the site but not the submodule: its .git/modules lacks the
# commit, and the error says to update it.
mv "$WORK/ailleurs" "$T"
sed -i 's/montheme-1/montheme-2/' "$T/templates/base.mustache"
(cd "$T" && $GIT commit -qam "Mon thème, v2")
t2=$(git -C "$T" rev-parse HEAD)
(cd "$R/themes/montheme" && $SUBGIT pull -q) >/dev/null 2>&1
(cd "$R" && $GIT add themes/montheme && $GIT commit -qm "Thème v2")
(cd "$R" && "$FABRIQUE" build --out "$WORK/out") >"$WORK/.out" 2>&1
status "the site builds with the theme's new commit" 0 $?
contains "its pages use it" "$WORK/out/index.html" 'content="montheme-2"'
# (the theme's repository away again: a URL of .gitmodules reachable
# from here would give the commit)
mv "$T" "$WORK/ailleurs"
(cd "$C" && $GIT -c submodule.recurse=false pull -q --no-rebase) >"$WORK/.out" 2>&1
check "the clone pulled the site" test "$(git -C "$C" rev-parse HEAD)" = "$(git -C "$R" rev-parse HEAD)"
(cd "$C" && "$FABRIQUE" build --out "$WORK/out2") >"$WORK/.out" 2>&1
status "a clone whose submodule lacks the new commit cannot build" 1 $?
contains "the error says the commit is not fetched yet" "$WORK/.out" \
	"error: the theme themes/montheme/ is a git submodule at commit $(echo "$t2" | cut -c1-7), which its repository $C/.git/modules/themes/montheme does not have yet: run 'git submodule update --init'"
(cd "$C" && $SUBGIT submodule update -q) >/dev/null 2>&1
(cd "$C" && "$FABRIQUE" build --out "$WORK/out2") >"$WORK/.out" 2>&1
status "after 'git submodule update' it builds again" 0 $?
contains "with the new theme" "$WORK/out2/index.html" 'content="montheme-2"'

mv "$WORK/ailleurs" "$T"

# The server: a bare repository beside the theme's (.gitmodules' ../themerepo
# read from it), its hooks those of docs/deploy.md.
BARE=$WORK/site.git
WWW=$WORK/www
mkbare "$BARE" main
hook_install "$BARE" pre-receive
hook_install "$BARE" post-receive --out "$WWW"
(cd "$R" && $GIT remote add origin "$BARE" && $GIT push -q origin main) >"$WORK/.push" 2>&1
status "the push is accepted" 0 $?
contains "the site is published with the submodule's theme" "$WWW/current/index.html" 'content="montheme-2"'

# A server without the theme's repository refuses the push, saying why.
BARE2=$WORK/autre/site.git
mkdir -p "$WORK/autre"
mkbare "$BARE2" main
hook_install "$BARE2" pre-receive
(cd "$R" && $GIT push -q "$BARE2" main) >"$WORK/.push" 2>&1
status "a server without the theme's repository refuses the push" 1 $?
contains "the refusal names the submodule and the fix, in the site's language" "$WORK/.push" \
	"remote: site.yaml:7:8: erreur : le thème themes/montheme/ est un sous-module git (commit $(echo "$t2" | cut -c1-7) de ../themerepo) dont le dépôt n’est pas sur ce serveur : placez-en un clone là où l’indique .gitmodules, ou dans modules/themes/montheme de ce dépôt (git clone --bare)"
# the fix it gives: a bare clone of the theme inside the site's repository
git clone -q --bare "$T" "$BARE2/modules/themes/montheme"
(cd "$R" && $GIT push -q "$BARE2" main) >"$WORK/.push" 2>&1
status "with the theme's clone in modules/, the push is accepted" 0 $?
