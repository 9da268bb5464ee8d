#!/bin/sh
# What an editor's `git push` says when the site changes less than they
# think (outside tester 30 F4, F5).  A forced push that drops another
# editor's published commits names them (id, subject, author, date), says
# how to bring them back, and suggests receive.denyNonFastForwards.  A push
# that post-receive cannot publish ends, as git makes every accepted push
# end, with "master -> master" and exit 0: its last lines say, in the
# editor's words, that it is NOT online, what the site still shows, and
# the exact command the webmaster runs once the cause is corrected.  Real
# bare repository with the hooks of docs/deploy.md, real `git push` from
# Alice's and Bob's clones over file://, no LANG.
. "$(dirname "$0")/../lib.sh"

GITM="git -c init.defaultBranch=master -c advice.detachedHead=false"
BARE=$WORK/site.git
# a deploy folder whose name holds a space: the command given is quoted
WWW="$WORK/www public"
mkbare "$BARE" master
hook_install "$BARE" pre-receive
hook_install "$BARE" post-receive --out "$WWW"

R=$WORK/mairie
mkdir -p "$R"
cp -R "$TOP/tests/fixtures/mini/." "$R/"
cp -R "$TOP/themes" "$R/themes"
cd "$R" || exit 1
$GITM init -q
$GITM add -A
$GITM -c user.name=Mairie -c user.email=mairie@example.invalid commit -qm "Premier contenu"
$GITM remote add origin "file://$BARE"

# push DIR ARGS...: git push from DIR without LANG, output in $WORK/.push.
push() {
	_d=$1
	shift
	(cd "$_d" && env -u LANG -u LC_ALL -u LC_MESSAGES -u LANGUAGE \
		$GITM push "$@") >"$WORK/.push" 2>&1
	pst=$?
	cp "$WORK/.push" "$WORK/.err"
}
published() { readlink "$WWW/current" | sed 's|^releases/||'; }
# commit_as DIR NAME DATE MESSAGE: every change in DIR, by NAME at DATE.
commit_as() {
	(cd "$1" && $GITM add -A &&
		GIT_AUTHOR_DATE=$3 GIT_COMMITTER_DATE=$3 \
		$GITM -c user.name="$2" -c user.email="$2@example.invalid" \
		commit -qm "$4")
}
push "$R" -q origin master
status "the first version is published" 0 $pst
$GITM clone -q "file://$BARE" "$WORK/alice"
$GITM clone -q "file://$BARE" "$WORK/bob"
A=$WORK/alice B=$WORK/bob W=ateliers/planter-des-haies.md

# F4: Alice's change is published; Bob, not pulled, forces his.
sed -i 's/^benevoles: 5/benevoles: 8/' "$A/$W"
echo "Apportez des gants." >>"$A/$W"
commit_as "$A" Alice 2026-12-02T04:42:00+01:00 "Alice: 8 bénévoles"
alice=$(git -C "$A" rev-parse HEAD)
push "$A" origin master
check "Alice's change is published" test "$(published)" = "$alice"
echo "Au pied du monument." >>"$B/pages/contact.md"
commit_as "$B" Bob 2026-12-02T05:10:00+01:00 "Bob: le monument"
push "$B" origin master
status "Bob's push is refused by git (fetch first)" 1 $pst
push "$B" --force origin master
status "Bob's forced push is accepted" 0 $pst
short=$(echo "$alice" | cut -c1-7)
contains "the rewrite is said" "$WORK/.push" \
	"remote: note : cet envoi réécrit l’historique de master (envoi forcé) : ces commits, publiés auparavant, n’y sont plus, ni sur le site une fois celui-ci publié :"
contains "... naming Alice's commit: id, subject, author, her clock's time" "$WORK/.push" \
	"remote:   $short Alice: 8 bénévoles (Alice, 2026-12-02 04:42)"
lacks "... and no commit the branch still has" "$WORK/.push" "Premier contenu"
contains "... how to bring it back" "$WORK/.push" "lancez « git cherry-pick ID »"
# pre-receive is not told the deploy folder (docs/deploy.md passes --out
# to post-receive only): it gave « fabrique rollback DIR »; post-receive,
# which knows it, gives the command (quoted: the folder's name has a space)
lacks "... pre-receive gives no rollback to a folder it does not know" "$WORK/.push" "rollback DIR"
contains "... post-receive says how to put the site back" "$WORK/.push" \
	"remote: note : cet envoi a réécrit l’historique de master : pour remettre le site tel qu’il était avant lui, le webmestre lance « fabrique rollback '$WWW' » sur le serveur"
contains "... and how to refuse forced pushes" "$WORK/.push" \
	"le webmestre lance « git config receive.denyNonFastForwards true » dans le dépôt du serveur"
check "Bob's version is published" test "$(published)" = "$(git -C "$B" rev-parse HEAD)"

# Alice brings hers back as told, from her clone.
(cd "$A" && $GITM fetch -q origin && $GITM reset -q --hard origin/master &&
	$GITM -c user.name=Alice -c user.email=a@example.invalid cherry-pick "$short" >/dev/null)
check "the named id cherry-picks in Alice's clone" test $? = 0
push "$A" origin master
status "... and her push is accepted" 0 $pst
check "... both changes are online" sh -c \
	"grep -rq 'Au pied du monument' '$WWW/current/contact/' && grep -q 'Apportez des gants' '$WWW/current/ateliers/planter-des-haies/index.html'"

# Twelve commits dropped: ten named, the others counted.
i=1
while [ $i -le 12 ]; do
	echo "Ligne $i." >>"$A/pages/contact.md"
	commit_as "$A" Alice "2026-12-02T06:$(printf %02d $i):00+01:00" "Alice $i"
	i=$((i + 1))
done
push "$A" -q origin master
(cd "$B" && $GITM fetch -q origin && $GITM reset -q --hard origin/master~12)
echo "Autre chose." >>"$B/pages/contact.md"
commit_as "$B" Bob 2026-12-02T07:00:00+01:00 "Bob: autre chose"
push "$B" --force origin master
status "a forced push dropping 12 commits is accepted" 0 $pst
contains "... the newest named" "$WORK/.push" "Alice 12 (Alice, 2026-12-02 06:12)"
contains "... ten of them" "$WORK/.push" "Alice 3 (Alice, 2026-12-02 06:03)"
lacks "... not more" "$WORK/.push" "Alice 2 (Alice"
contains "... the others counted" "$WORK/.push" "remote:   et 2 autres"

# F5: the publication fails on the server (the deploy folder cannot take
# the new link: a folder left where `current` is made, as a full disk or
# a wrong owner would stop it); git still ends the push with
# "master -> master", exit 0.
live=$(published)
echo "Horaires : 9h." >>"$A/pages/contact.md"
(cd "$A" && $GITM fetch -q origin && $GITM reset -q --soft origin/master)
commit_as "$A" Alice 2026-12-02T08:00:00+01:00 "Alice: horaires"
new=$(git -C "$A" rev-parse HEAD)
mkdir -p "$WWW/.current.tmp/x"
push "$A" origin master
status "a push post-receive cannot publish still exits 0 (git's doing)" 0 $pst
check "... the site is unchanged" test "$(published)" = "$live"
check "... git says master -> master" grep -q "master -> master" "$WORK/.push"
# (git pads each remote: line with spaces)
grep '^remote:' "$WORK/.push" | sed 's/ *$//' | tail -n 5 >"$WORK/.last"
contains "... the admin's reason is kept" "$WORK/.push" "remote: $WWW/"
check "... then a blank remote: line" sh -c "head -n 1 '$WORK/.last' | grep -qx 'remote: *'"
contains "... then NOT online, in the editor's words" "$WORK/.last" \
	"remote: ATTENTION : votre envoi est enregistré, mais il n’est PAS en ligne (la raison ci-dessus s’adresse au webmestre du serveur)."
contains "... what the site still shows" "$WORK/.last" \
	"remote: Le site montre toujours le commit $(echo "$live" | cut -c1-7) (Bob: autre chose)."
contains "... whom to tell" "$WORK/.last" "remote: Prévenez le webmestre ; une fois la cause corrigée, il publiera votre envoi avec :"
cmd=$(grep '^remote:   fabrique publish ' "$WORK/.last" | sed 's/^remote: *//')
check "... the exact command, with this server's paths" test \
	"$cmd" = "fabrique publish --repo $BARE --ref master --out '$WWW'"

# The webmaster removes the cause and runs the command as given.
rm -rf "$WWW/.current.tmp"
(cd / && eval "\"\$FABRIQUE\" ${cmd#fabrique }" >"$WORK/.pub" 2>&1)
status "the given command publishes" 0 $?
check "... the editor's push" test "$(published)" = "$new"

# A push that publishes says none of it.
echo "Fin." >>"$A/pages/contact.md"
commit_as "$A" Alice 2026-12-02T09:00:00+01:00 "Alice: fin"
push "$A" origin master
status "a published push" 0 $pst
lacks "... says nothing of not being online" "$WORK/.push" "PAS en ligne"
lacks "... nor of a rewrite" "$WORK/.push" "réécrit l’historique"

# In English for an English site.
sed -i 's/^langue: fr/langue: en/' "$A/site.yaml"
mkdir -p "$A/theme/i18n"
cp "$TOP/themes/commune/i18n/fr.yaml" "$A/theme/i18n/en.yaml"
commit_as "$A" Alice 2026-12-02T10:00:00+01:00 "English"
push "$A" -q origin master
status "the site in English" 0 $pst
live=$(published)
echo "Hours: 9am." >>"$A/pages/contact.md"
commit_as "$A" Alice 2026-12-02T11:00:00+01:00 "Alice: hours"
mkdir -p "$WWW/.current.tmp/x"
push "$A" origin master
status "an English push not published: exit 0" 0 $pst
contains "... NOT online, in English" "$WORK/.push" \
	"remote: WARNING: your push is recorded, but it is NOT online (the reason above is for the server's webmaster)."
contains "... what the site shows" "$WORK/.push" "remote: The site still shows commit $(echo "$live" | cut -c1-7) (English)."
contains "... the command" "$WORK/.push" "remote:   fabrique publish --repo $BARE --ref master --out '$WWW'"
rm -rf "$WWW/.current.tmp"
(cd "$B" && $GITM fetch -q origin && $GITM reset -q --hard origin/master~1)
echo "Other." >>"$B/pages/contact.md"
commit_as "$B" Bob 2026-12-02T12:00:00+01:00 "Bob: other"
push "$B" --force origin master
contains "a rewrite said in English" "$WORK/.push" \
	"remote: note: this push rewrites the history of master (forced push): these commits, published before, are no longer in it, nor on the site once it is published:"
contains "... naming the commit" "$WORK/.push" "Alice: hours (Alice, 2026-12-02 11:00)"
