#!/bin/sh
# The two hook lines swapped by a copy-paste slip (outside tester 25 F4):
# hooks/pre-receive running `fabrique hook post-receive`, and
# hooks/post-receive running `fabrique hook pre-receive`.  fabrique tells
# from the branch (still at the old commit before the update, at the new
# one after) which side it runs on, does that side's job (check before,
# publish after), and says in the site's language what to fix: a push is
# never accepted unchecked while the previous commit gets published.
# Real `git push` over file://, a bare repository on master.
. "$(dirname "$0")/../lib.sh"

GITM="$GIT -c init.defaultBranch=master"

published() { readlink "$1/current" 2>/dev/null | sed 's|^releases/||'; }
breaks() {
	(cd "$R" && sed -i 's/^debut:.*/debut: "25:99"/' ateliers/repeindre-le-preau.md &&
	 $GITM commit -qam "Heure impossible")
}
fixes() {
	(cd "$R" && sed -i 's/^debut:.*/debut: "09:00"/' ateliers/repeindre-le-preau.md &&
	 $GITM commit -qam "Heure corrigée")
}

# 1. hooks/pre-receive runs the post-receive line (with its --out).
BARE=$WORK/a.git WWW=$WORK/www-a R=$WORK/a
mkbare "$BARE" master
hook_install "$BARE" pre-receive
pushsite "$R" "$BARE"
pushmaster
status "a first push with the right hooks is accepted" 0 $pst
hook_install "$BARE" post-receive --out "$WWW"
mv "$BARE/hooks/post-receive" "$BARE/hooks/pre-receive"
breaks
bad=$(git -C "$R" rev-parse HEAD)
pushmaster
status "post-receive installed as pre-receive: a broken push is refused" refused "$(refused)"
contains "its error is shown, file:line:col, in French" "$WORK/.push" \
	"remote: ateliers/repeindre-le-preau.md:"
contains "it says the hook is in the wrong file, in French" "$WORK/.push" \
	"est installé comme hooks/pre-receive"
contains "and what to write in each file" "$WORK/.push" \
	"écrivez « fabrique hook pre-receive » dans hooks/pre-receive"
check "nothing was published" test ! -e "$WWW/current"
fixes
good=$(git -C "$R" rev-parse HEAD)
pushmaster
status "the fix is accepted" 0 $pst
check "the branch has the fix" test "$(git -C "$BARE" rev-parse master)" = "$good"
check "nothing is published before the update (the old commit neither)" test ! -e "$WWW/current"
contains "the push is told why nothing is published" "$WORK/.push" "ne publie rien"

# 2. hooks/post-receive runs the pre-receive line with --out.
BARE=$WORK/b.git WWW=$WORK/www-b R=$WORK/b
mkbare "$BARE" master
pushsite "$R" "$BARE"
hook_install "$BARE" pre-receive --out "$WWW"
mv "$BARE/hooks/pre-receive" "$BARE/hooks/post-receive"
pushmaster
status "pre-receive installed as post-receive: the push is accepted" 0 $pst
first=$(git -C "$R" rev-parse HEAD)
check "it is published, as post-receive would" test "$(published "$WWW")" = "$first"
contains "it says the hook is in the wrong file, in French" "$WORK/.push" \
	"est installé comme hooks/post-receive"
contains "and that this push was not checked before" "$WORK/.push" "pas été vérifié avant d’être accepté"
breaks
pushmaster
status "a broken push cannot be refused after the update" 0 $pst
check "but it is not published: the previous commit stays" test "$(published "$WWW")" = "$first"
contains "its error is shown" "$WORK/.push" "remote: ateliers/repeindre-le-preau.md:"

# 3. The right hooks still do their own job, without the warning.
BARE=$WORK/c.git WWW=$WORK/www-c R=$WORK/c
mkbare "$BARE" master
hook_install "$BARE" pre-receive
hook_install "$BARE" post-receive --out "$WWW"
pushsite "$R" "$BARE"
pushmaster
status "the right hooks: accepted" 0 $pst
check "and published" test "$(published "$WWW")" = "$(git -C "$R" rev-parse HEAD)"
lacks "no word about the hooks' places" "$WORK/.push" "est installé comme"
breaks
pushmaster
status "the right hooks: a broken push is refused" refused "$(refused)"
lacks "still no word about the hooks' places" "$WORK/.push" "est installé comme"
