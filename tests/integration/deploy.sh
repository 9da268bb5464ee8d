#!/bin/sh
# Git as the publishing workflow, end to end, as docs/deploy.md sets it
# up: a bare repository with fabrique as its pre-receive and post-receive
# hooks, a clone that pushes over the local file transport, a deploy
# folder whose `current` link a web server would serve.
. "$(dirname "$0")/../lib.sh"

BARE=$WORK/site.git
WWW=$WORK/www
mkbare "$BARE" main site=site out="$WWW" keep=3
hook_install "$BARE" pre-receive
hook_install "$BARE" post-receive

R=$WORK/clone
mkmini "$R"
cd "$R" || exit 1
$GIT remote add origin "file://$BARE"

# push REMOTE-ARGS...: git push, output in $WORK/.push, status in $pst.
push() { $GIT push "$@" >"$WORK/.push" 2>&1; pst=$?; }

# A valid first push: accepted, published.
push -q origin main
status "a valid push is accepted" 0 $pst
check "the push published a release" test -L "$WWW/current"
head1=$($GIT rev-parse HEAD)
check "current points at the pushed commit" test "$(readlink "$WWW/current")" = "releases/$head1"
check "the site is served from current" test -f "$WWW/current/ateliers/repeindre-le-preau/index.html"

# A second valid push changes the site.
sed -i 's/Planter des haies/Planter des haies champêtres/' site/ateliers/planter-des-haies.md
commit_all "$R" "Titre plus précis"
push origin main
status "a second valid push is accepted" 0 $pst
head2=$($GIT rev-parse HEAD)
check "current follows the new commit" test "$(readlink "$WWW/current")" = "releases/$head2"
contains "the site shows the change" "$WWW/current/ateliers/planter-des-haies/index.html" "haies champêtres"
check "the previous release is kept" test -d "$WWW/releases/$head1"

# An invalid commit: refused with the editor's file:line:col, site unchanged.
before=$(snapshot "$WWW/current/")
sed -i 's/^debut:.*/debut: "25:99"/' site/ateliers/repeindre-le-preau.md
commit_all "$R" "Heure impossible"
bad=$($GIT rev-parse HEAD)
push origin main
status "an invalid push is rejected" 1 $([ $pst -ne 0 ] && echo 1 || echo 0)
line=$(grep -n '^debut: "25:99"' site/ateliers/repeindre-le-preau.md | cut -d: -f1)
contains "git shows the error with file:line:col" "$WORK/.push" "remote: site/ateliers/repeindre-le-preau.md:$line:8: erreur"
contains "git says the hook refused" "$WORK/.push" "pre-receive hook declined"
check "the branch did not move" test "$(git -C "$BARE" rev-parse main)" = "$head2"
check "current did not move" test "$(readlink "$WWW/current")" = "releases/$head2"
check "the served site is unchanged" test "$before" = "$(snapshot "$WWW/current/")"
check "no release was made for the invalid commit" test ! -e "$WWW/releases/$bad"

# The site says langue: fr: French whatever the editor's LANG.
LANG=en_GB.UTF-8 LC_ALL= $GIT push origin main >"$WORK/.push" 2>&1
contains "errors are in the site's language, not LANG's" "$WORK/.push" "remote: site/ateliers/repeindre-le-preau.md:$line:8: erreur"

# Fixed, pushed with the bad commit underneath: accepted, since what is
# published is the tip; the bad commit is only a note.
$GIT revert --no-edit HEAD >/dev/null
push origin main
status "a fix pushed on top of an invalid commit is accepted" 0 $pst
contains "the invalid commit underneath is a note" "$WORK/.push" "plus ancien dans cet envoi, contient des erreurs"
check "the fix is published" test "$(readlink "$WWW/current")" = "releases/$($GIT rev-parse HEAD)"
contains "the published site is the fixed one" "$WWW/current/ateliers/planter-des-haies/index.html" "haies champêtres"
before_fix=$head2
head2=$($GIT rev-parse HEAD)

# Other branches are not checked; deleting main is refused.
$GIT checkout -q -b brouillon
sed -i 's/^debut:.*/debut: "25:99"/' site/ateliers/repeindre-le-preau.md
commit_all "$R" "Essai"
push origin brouillon
status "another branch is not checked" 0 $pst
check "another branch is not published" test "$(readlink "$WWW/current")" = "releases/$head2"
$GIT checkout -q main
push origin --delete main
status "deleting the published branch is refused" 1 $([ $pst -ne 0 ] && echo 1 || echo 0)
contains "the refusal says why" "$WORK/.push" "supprimer la branche publiée main est refusé"
push origin --delete brouillon
status "deleting another branch is accepted" 0 $pst

# A publication killed with SIGKILL midway leaves the site as it was,
# and the next push publishes normally.  Enough pages that the build
# takes a moment; it is stopped as soon as its temporary folder exists.
i=0
while [ $i -lt 400 ]; do
	sed "s/^titre:.*/titre: Atelier $i/" site/ateliers/planter-des-haies.md >"site/ateliers/gen-$i.md"
	i=$((i + 1))
done
commit_all "$R" "Beaucoup d’ateliers"
big=$($GIT rev-parse HEAD)
$GIT push -q --no-verify "file://$BARE" HEAD:refs/heads/import 2>/dev/null
before=$(snapshot "$WWW/current/")
killed=no
for attempt in 1 2 3 4 5; do
	"$FABRIQUE" publish site --repo "$BARE" --ref "$big" --out "$WWW" -q 2>/dev/null &
	pid=$!
	n=0
	while [ $n -lt 2000 ] && ! ls -a "$WWW/releases" | grep -q '^\..*fabrique-'; do
		kill -0 $pid 2>/dev/null || break
		n=$((n + 1))
	done
	if kill -KILL $pid 2>/dev/null; then
		wait $pid 2>/dev/null
		if [ "$(readlink "$WWW/current")" = "releases/$head2" ]; then
			killed=yes
			break
		fi
	fi
	wait $pid 2>/dev/null
	# It finished first: go back and try again.
	"$FABRIQUE" rollback "$WWW" 2>/dev/null
done
check "a publication was killed midway" test $killed = yes
check "after SIGKILL current is unchanged" test "$(readlink "$WWW/current")" = "releases/$head2"
check "after SIGKILL the served site is unchanged" test "$before" = "$(snapshot "$WWW/current/")"
push origin main
status "the next push succeeds" 0 $pst
check "the next push is published" test "$(readlink "$WWW/current")" = "releases/$big"
check "the killed build's leftovers are gone" sh -c "! ls -a '$WWW/releases' | grep -q fabrique-"
check "the big site is served" test -f "$WWW/current/ateliers/gen-399/index.html"

# Rollback: back one, then another; nothing left to go back to after.
"$FABRIQUE" rollback "$WWW" 2>"$WORK/.err"
status "rollback succeeds" 0 $?
check "rollback goes back to the previous release" test "$(readlink "$WWW/current")" = "releases/$head2"
contains "the previous site is served again" "$WWW/current/ateliers/planter-des-haies/index.html" "haies champêtres"
"$FABRIQUE" rollback "$WWW" 2>"$WORK/.err"
check "a second rollback goes further back" test "$(readlink "$WWW/current")" = "releases/$before_fix"
"$FABRIQUE" rollback "$WWW" 2>"$WORK/.err"
status "rollback with nothing earlier kept (keep 3) exits 2, as the man page says (outside tester F18: 4 said output not writable)" 2 $?
check "and leaves current alone" test "$(readlink "$WWW/current")" = "releases/$before_fix"
contains "and says there is nothing earlier" "$WORK/.err" "no earlier release is kept to go back to from"
mkdir -p "$WORK/pas-deploiement"
"$FABRIQUE" rollback "$WORK/pas-deploiement" 2>"$WORK/.err"
status "rollback of a folder that is no deploy folder exits 3 (cannot be read as one)" 3 $?
contains "and says so" "$WORK/.err" "not a deploy folder: no current release to go back from"
# ... and writes nothing there (outside tester 18 F10: a .lock was left
# in a documents folder, in the repository, and then committed)
echo a >"$WORK/pas-deploiement/a.txt"
"$FABRIQUE" rollback "$WORK/pas-deploiement" 2>"$WORK/.err"
check "a refused rollback leaves no .lock behind" test "$(ls -A "$WORK/pas-deploiement")" = "a.txt"
"$FABRIQUE" rollback "$WORK/nulle-part" 2>"$WORK/.err"
status "rollback of a folder that does not exist exits 3" 3 $?
contains "and says it does not exist" "$WORK/.err" "$WORK/nulle-part: error: this folder does not exist; give the deploy folder fabrique publish writes (its --out)"
check "and makes nothing" test ! -e "$WORK/nulle-part"
# in the sites' own language, as on a deploy folder, when the
# environment names none (a shared host's shell, LANG=C.UTF-8)
LANGUAGE= "$FABRIQUE" rollback "$WORK/nulle-part" 2>"$WORK/.err"
contains "a folder that does not exist: said in French, sites' default language" "$WORK/.err" \
    "$WORK/nulle-part: erreur : ce dossier n’existe pas ; donnez le dossier de déploiement"
LANGUAGE= "$FABRIQUE" rollback "$WORK/pas-deploiement" 2>"$WORK/.err"
contains "no deploy folder: in French too" "$WORK/.err" "erreur : pas un dossier de déploiement : aucune version publiée dont revenir"

# fabrique build into the deploy folder (outside tester 18 F9, MAJOR):
# its releases were set aside, current gone, the live site down, and
# rollback then refused it.  Refused, exit 4, nothing touched; and
# publish into a built site's folder is refused the same way.
snapshot "$WWW" >"$WORK/www.before"
live=$(readlink "$WWW/current")
"$FABRIQUE" build site --repo "$BARE" --out "$WWW" 2>"$WORK/.err"
status "build --out a deploy folder is refused: exit 4" 4 $?
contains "saying what to run instead" "$WORK/.err" "$WWW: error: this is a deploy folder of fabrique publish (releases/, current): a build here would take the live site down; publish with fabrique publish --out $WWW, or build into another folder"
check "current is untouched" test "$(readlink "$WWW/current")" = "$live"
snapshot "$WWW" >"$WORK/www.after"
check "and so is every file of the deploy folder" cmp -s "$WORK/www.before" "$WORK/www.after"
check "nothing set aside" test ! -e "$WWW.fabrique-set-aside"
"$FABRIQUE" build site --repo "$BARE" --out "$WORK/built" -q 2>/dev/null
snapshot "$WORK/built" >"$WORK/built.before"
"$FABRIQUE" publish site --repo "$BARE" --out "$WORK/built" 2>"$WORK/.err"
status "publish --out a built site's folder is refused: exit 4" 4 $?
contains "saying why" "$WORK/.err" "this folder holds a site made by fabrique build: publish would put releases/ and current among its pages"
snapshot "$WORK/built" >"$WORK/built.after"
check "the built site is untouched" cmp -s "$WORK/built.before" "$WORK/built.after"

# The branch still names the commits taken down: publishing it again (a
# re-run, the nightly --today of docs/deploy.md section 6, the same day)
# keeps the rollback and says so, in the site's language; before, it
# put the release taken down back live without a word.
pubfr() { LANGUAGE= LC_ALL=C.UTF-8 LANG=C.UTF-8 "$FABRIQUE" publish site --repo "$BARE" --out "$WWW" "$@" 2>"$WORK/.err"; }
rolled=$(echo "$big" | cut -c1-7)
pubfr
status "after rollbacks, publishing the branch succeeds" 0 $?
check "after rollbacks, publish keeps the rollback" test "$(readlink "$WWW/current")" = "releases/$before_fix"
check "and builds nothing again" test ! -e "$WWW/releases/$big"
contains "publish says the rollback holds, in French" "$WORK/.err" "current a été ramené en arrière depuis $rolled le $(TZ=Europe/Paris date +%Y-%m-%d) ; envoyez un nouveau commit pour publier de nouveau"
pubfr --today -q
status "after rollbacks, the nightly publish --today succeeds" 0 $?
check "the nightly --today of the same day keeps the rollback" test "$(readlink "$WWW/current")" = "releases/$before_fix"
contains "publish --today says so, even quiet" "$WORK/.err" "ramené en arrière depuis $rolled"
LC_ALL=en_GB.UTF-8 "$FABRIQUE" publish site --repo "$BARE" --out "$WWW" --today 2>"$WORK/.err"
contains "in English where the environment says so" "$WORK/.err" "current was rolled back from $rolled on "
contains "with what undoes it" "$WORK/.err" "; push a new commit to publish again"
# The next day, --today rebuilds the live release as of that day, as it
# does for any live release, and still not the commit taken down.
tomorrow=$(($(date +%s) + 2 * 86400))
SOURCE_DATE_EPOCH=$tomorrow pubfr --today
status "the next day, publish --today succeeds" 0 $?
check "the next day, --today rebuilds the release rolled back to" test "$(readlink "$WWW/current")" = "releases/$before_fix.$(TZ=Europe/Paris date -d @$tomorrow +%Y-%m-%d)"
check "and not the commit taken down" test ! -e "$WWW/releases/$big"
contains "and says the rollback holds" "$WORK/.err" "ramené en arrière depuis $rolled"

# Keep N: with fabrique.keep 3, older releases are removed.
for n in 1 2 3 4; do
	echo "Ligne $n." >>site/pages/contact.md
	commit_all "$R" "Contact $n"
	push -q origin main
done
nrel=$(ls "$WWW/releases" | wc -l)
check "only the last 3 releases are kept" test "$nrel" -eq 3
check "the list of releases matches the folders" test "$(wc -l <"$WWW/releases.list")" -eq 3
check "the current release is among them" test -d "$WWW/current/ateliers"
check "a new commit pushed ends the rollback: it is published" test "$(readlink "$WWW/current")" = "releases/$($GIT rev-parse HEAD)"
check "and the record of the rollbacks is gone" test ! -e "$WWW/rollbacks.list"

# The live release's folder deleted by hand (a webmaster cleaning up by
# FTP): current names nothing, the site is down.  The nightly
# publication, quiet as in cron, builds it again and says so, even
# under --quiet; before, it said "already live" and left the site down.
live=$(readlink "$WWW/current")
rm -rf "${WWW:?}/$live"
"$FABRIQUE" publish site --repo "$BARE" --out "$WWW" -q 2>"$WORK/.err"
status "current's folder deleted: publish succeeds" 0 $?
check "the same release is published again" test "$(readlink "$WWW/current")" = "$live"
check "the site is served again" test -f "$WWW/current/ateliers/repeindre-le-preau/index.html"
contains "publish says the site was down, even quiet" "$WORK/.err" "whose folder had been deleted: the site was down"
lacks "publish no longer says the release is already live" "$WORK/.err" "is already"
check "the list still names the live release once" test "$(grep -c "^${live#releases/}$" "$WWW/releases.list")" -eq 1

# The reason post-receive gives the webmaster is in the editor's language
# to its last word: the system's own words (« Is a directory ») were left
# in English, as the C library says them where no French locale is
# installed (hook31's leftover).  current made a real folder by hand.
live=$(readlink "$WWW/current")
rm "$WWW/current" && mkdir "$WWW/current"
echo "Ligne en plus." >>site/pages/contact.md
commit_all "$R" "Contact, encore"
LANGUAGE= LC_ALL=C.UTF-8 LANG=C.UTF-8 $GIT push -q origin main >"$WORK/.push" 2>&1
contains "post-receive's French reason ends in French system words" "$WORK/.push" "impossible de basculer le site publié vers releases/"
contains "the system's words are French" "$WORK/.push" ": Est un dossier"
lacks "no English system words in the French line" "$WORK/.push" "Is a directory"
contains "the editor is told it is not online" "$WORK/.push" "il n’est PAS en ligne"
rmdir "$WWW/current" && ln -s "$live" "$WWW/current"

# Command line.
"$FABRIQUE" publish site --repo "$BARE" 2>"$WORK/.err"
status "publish without --out exits 2" 2 $?
"$FABRIQUE" hook nimporte <"$WORK/.push" 2>"$WORK/.err"
status "an unknown hook exits 2" 2 $?
