#!/bin/sh
# fabrique serve --ref REF previews a commit, and follows REF as it moves:
# a commit on that branch, a push into the repository, or packed-refs
# rewritten (git gc, servers that pack their refs) rebuild it; a save in
# the working tree, or another branch moving, does not.
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
mkmini "$R"
cd "$R" || exit 1
$GIT branch apercu
serve_start site --ref apercu || exit 0

P=site/ateliers/repeindre-le-preau.md
retitle() { sed "s/^titre: .*/titre: $1/" "$P" >"$P.new" && mv "$P.new" "$P"; }
page() { curl -s "$url/ateliers/" >"$WORK/list.html"; }

# a save in the working tree is not in the commit: no rebuild
retitle "Titre pas encore commis"
sleep 1
status "a save in the working tree does not rebuild the commit" 1 "$(builds)"

# a commit on another branch (main): REF did not move, no rebuild
$GIT commit -qam "Sur main"
sleep 1
status "a commit on another branch does not rebuild" 1 "$(builds)"

# a commit on the branch: rebuilt, with its text
$GIT checkout -q apercu
retitle "Titre du premier commit"
$GIT commit -qam "Premier"
wait_builds 2
page
contains "a commit on the ref's branch rebuilds, with the commit's text" "$WORK/list.html" "Titre du premier commit"

# a push into the repository from a clone
$GIT checkout -q main
$GIT clone -q "$R" "$WORK/clone"
(cd "$WORK/clone" && $GIT checkout -q apercu &&
	sed "s/^titre: .*/titre: Titre poussé/" "$P" >"$P.new" && mv "$P.new" "$P" &&
	$GIT commit -qam "Poussé" && $GIT push -q origin apercu 2>/dev/null)
wait_builds 3
page
contains "a push to the ref's branch rebuilds, with the pushed text" "$WORK/list.html" "Titre poussé"

# packed-refs rewritten (the loose ref gone): rebuilt when REF moved
n=$(builds)
$GIT pack-refs --all
sleep 1
status "packing the refs without moving REF does not rebuild" "$n" "$(builds)"
(cd "$WORK/clone" && sed "s/^titre: .*/titre: Titre empaqueté/" "$P" >"$P.new" && mv "$P.new" "$P" &&
	$GIT commit -qam "Empaqueté" && $GIT push -q origin HEAD:refs/heads/tmp 2>/dev/null)
new=$($GIT rev-parse tmp)
$GIT update-ref -d refs/heads/tmp
n=$(builds)
# what a server writing packed refs does: a new file renamed over it
sed "s|^[0-9a-f]* refs/heads/apercu\$|$new refs/heads/apercu|" .git/packed-refs >.git/packed-refs.new
mv .git/packed-refs.new .git/packed-refs
[ -e .git/refs/heads/apercu ] && echo "# apercu is still a loose ref"
wait_builds $((n + 1))
page
contains "REF moved in packed-refs: rebuilt, with the new commit's text" "$WORK/list.html" "Titre empaqueté"
lacks "the working tree's unsaved title never shows" "$WORK/list.html" "pas encore commis"
