#!/bin/sh
# Clones that git makes and fabrique must read: a sparse checkout (git
# sparse-checkout turns on extensions.worktreeConfig, which libgit2 1.5
# refused to open) and a blob-less partial clone (--filter=blob:none,
# CI checkouts), whose missing files are not damage: they were never
# downloaded, and fabrique says how to fetch them.  Real clones over
# file:// of a real repository.
. "$(dirname "$0")/../lib.sh"

S=$WORK/serveur
mkmini "$S"
git -C "$S" config uploadpack.allowFilter true
OUT=$WORK/public

# fab DIR ARGS...: fabrique in DIR, messages in $WORK/.err, status $rc.
fab() {
	_d=$1
	shift
	(cd "$_d" && "$FABRIQUE" "$@") >"$WORK/.err" 2>&1
	rc=$?
}

# A partial clone whose files were never checked out.
P=$WORK/partiel
$GIT clone -q --filter=blob:none --no-checkout "file://$S" "$P" 2>/dev/null
fab "$P" build site --out "$OUT"
status "a partial clone without its files cannot be built" 3 $rc
contains "it says the file was not downloaded, in a partial clone" "$WORK/.err" "was not downloaded, since this repository is a partial clone (git clone --filter)"
contains "it gives the command that fetches them" "$WORK/.err" "'git fetch --refetch --no-filter origin'"
lacks "it does not call the repository damaged" "$WORK/.err" "damaged"
lacks "it does not say site.yaml is absent" "$WORK/.err" "no site.yaml"
LANGUAGE= LC_ALL=fr_FR.UTF-8 fab "$P" build site --out "$OUT"
contains "in French too" "$WORK/.err" "n’a pas été téléchargé, car ce dépôt est un clone partiel"
# The advice works.
(cd "$P" && $GIT fetch -q --refetch --no-filter origin) >/dev/null 2>&1
fab "$P" build site --out "$OUT"
status "after the advised fetch, the partial clone builds" 0 $rc
check "and the site is there" test -f "$OUT/ateliers/repeindre-le-preau/index.html"

# A sparse checkout of a partial clone (its repository format 1 makes
# libgit2 read extensions.worktreeConfig): only site/ateliers on disk.
Q=$WORK/clairseme
$GIT clone -q --filter=blob:none --no-checkout "file://$S" "$Q" 2>/dev/null
(cd "$Q" && $GIT sparse-checkout set site/ateliers && $GIT checkout -q main) >/dev/null 2>&1
check "git turned on extensions.worktreeConfig" test "$(git -C "$Q" config extensions.worktreeConfig)" = true
check "the sparse checkout leaves the theme off disk" test ! -e "$Q/themes"
fab "$Q" build site --out "$WORK/q1"
lacks "a sparse checkout opens (no 'unsupported extension')" "$WORK/.err" "unsupported extension"
contains "its files outside the checkout are said not downloaded" "$WORK/.err" "partial clone"
(cd "$Q" && $GIT fetch -q --refetch --no-filter origin) >/dev/null 2>&1
fab "$Q" build site --out "$WORK/q2"
status "with its objects fetched, the sparse checkout builds" 0 $rc
check "the whole committed site is built" test -f "$WORK/q2/index.html"
lacks "the files left out by the sparse checkout are not 'uncommitted'" "$WORK/.err" "uncommitted"
# A real edit in the checked-out part is still noticed.
echo "Une ligne de plus." >>"$Q/site/ateliers/repeindre-le-preau.md"
fab "$Q" build site --out "$WORK/q2"
contains "an edit inside the sparse checkout is still told" "$WORK/.err" "1 uncommitted change under site/ is not"
fab "$Q" check site
status "check of the sparse checkout passes" 0 $rc
