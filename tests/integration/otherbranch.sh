#!/bin/sh
# A push to a branch the server does not publish (an editor's clone that
# still says `master` while the server publishes `main`, after a rename
# or on a laptop whose git defaults to master) is accepted, as drafts
# are, but never silently: every such push gets a `remote:` note in the
# site's language naming the published branch and how to publish.  The
# server as docs/deploy.md §2–3 sets it up (bare repository, HEAD ->
# main, both hooks, no fabrique setting, no LANG), a real clone of it,
# real `git push` over file://.
. "$(dirname "$0")/../lib.sh"

BARE=$WORK/site.git
WWW=$WORK/www
mkbare "$BARE" main
hook_install "$BARE" pre-receive
hook_install "$BARE" post-receive --out "$WWW"

# The webmaster's first push of the site, on main.
S=$WORK/webmaster
mkdir -p "$S"
cp -R "$TOP/tests/fixtures/mini/." "$S/"
cp -R "$TOP/themes" "$S/themes"
(cd "$S" && $GIT init -q && $GIT add -A && $GIT commit -qm "Premier contenu" &&
	$GIT push -q "file://$BARE" main) >/dev/null 2>&1

# push ARGS...: git push from the editor's clone without LANG, output in
# $WORK/.push, status $pst.
push() {
	env -u LANG -u LC_ALL -u LC_MESSAGES -u LANGUAGE \
		$GIT push "$@" >"$WORK/.push" 2>&1
	pst=$?
	cp "$WORK/.push" "$WORK/.err"
}
published() { readlink "$WWW/current" | sed 's|^releases/||'; }
first=$(git -C "$BARE" rev-parse main)
check "the webmaster's push to main is published" test "$(published)" = "$first"

# An editor clones the server, and works on master.
E=$WORK/editeur
$GIT clone -q "file://$BARE" "$E" 2>/dev/null
cd "$E" || exit 1
$GIT checkout -q -b master
sed -i 's/^titre: .*/titre: Repeindre le préau (annulé)/' ateliers/repeindre-le-preau.md
$GIT commit -qam "Atelier annulé"
push origin master
status "a push to master is accepted" 0 $pst
contains "it is told, as a remote: line, that master is not published" "$WORK/.push" "remote: note : la branche master n’est pas publiée (ce site publie main)"
contains "it says how to publish" "$WORK/.push" "fusionnez-le dans main, ou envoyez-le avec « git push origin master:main »"
lacks "no English leaks into the note" "$WORK/.push" "is not published"
check "the site did not change" test "$(published)" = "$first"

# A second push to master: told again (each push, not only the first).
sed -i 's/^titre: .*/titre: Repeindre le préau (annulé, météo)/' ateliers/repeindre-le-preau.md
$GIT commit -qam "Raison"
push origin master
status "a second push to master is accepted" 0 $pst
contains "the second push is told too" "$WORK/.push" "remote: note : la branche master n’est pas publiée (ce site publie main)"

# The editor does what the note says: published.
push origin master:main
status "git push origin master:main is accepted" 0 $pst
check "and published" test "$(published)" = "$($GIT rev-parse HEAD)"
contains "the published page has the change" "$WWW/current/ateliers/repeindre-le-preau/index.html" "annulé, météo"
lacks "a push to the published branch gets no such note" "$WORK/.push" "n’est pas publiée"

# A tag, and deleting a branch that is not published: nothing to say.
$GIT tag v1
push origin v1
status "a tag is accepted" 0 $pst
lacks "a tag gets no branch note" "$WORK/.push" "n’est pas publiée"
push origin --delete master
status "deleting master is accepted" 0 $pst
lacks "a deletion gets no branch note" "$WORK/.push" "n’est pas publiée"

# A site written in English: the note in English.
sed -i 's/^langue: fr/langue: en/' site.yaml
$GIT commit -qam "Site in English"
$GIT checkout -q -b brouillon
push origin brouillon
status "a push to a draft branch is accepted" 0 $pst
contains "an English site gets the note in English" "$WORK/.push" "remote: note: the branch brouillon is not published (this site publishes main)"
contains "with the command to publish it" "$WORK/.push" "'git push origin brouillon:main'"
