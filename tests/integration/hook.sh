#!/bin/sh
# The server's hooks with their defaults, on an ordinary repository: a
# bare repository whose branch is `master`, a site whose site.yaml is at
# the root, no `git config fabrique.*` at all, and no LANG: the hooks must
# find what to check by themselves, never let a push through unchecked,
# speak the site's language, and let a refused editor recover by pushing
# a fix on top.  Real `git push` over file://.
. "$(dirname "$0")/../lib.sh"

GITM="$GIT -c init.defaultBranch=master"
BARE=$WORK/site.git
WWW=$WORK/www
mkbare "$BARE" master
# The hook scripts of docs/deploy.md; the deploy folder given on the
# post-receive command line, so the repository has no fabrique setting.
hook_install "$BARE" pre-receive
hook_install "$BARE" post-receive --out "$WWW"
check "the repository has no fabrique setting" sh -c "! git -C '$BARE' config --get-regexp '^fabrique\\.'"

# The site at the root of the editor's repository, the theme beside it.
R=$WORK/mairie
mkdir -p "$R"
cp -R "$TOP/tests/fixtures/mini/." "$R/"
cp -R "$TOP/themes" "$R/themes"
cd "$R" || exit 1
$GITM init -q
$GITM add -A
$GITM commit -qm "Premier contenu"
$GITM remote add origin "file://$BARE"

# push ARGS...: git push without LANG, output in $WORK/.push, status $pst.
push() {
	env -u LANG -u LC_ALL -u LC_MESSAGES -u LANGUAGE \
		$GITM push "$@" >"$WORK/.push" 2>&1
	pst=$?
	cp "$WORK/.push" "$WORK/.err"
}
refused() { [ "$pst" -ne 0 ] && echo refused || echo accepted; }
published() { readlink "$WWW/current" | sed 's|^releases/||'; }

push origin master
status "a first valid push to master is accepted" 0 $pst
c1=$($GITM rev-parse HEAD)
check "it is published without any setting" test "$(published)" = "$c1"
check "the site at the root is served" test -f "$WWW/current/ateliers/repeindre-le-preau/index.html"
check "the repository's themes/ is not published as content" test ! -e "$WWW/current/themes"
contains "the publication is told in the site's language" "$WORK/.push" "current est maintenant"

# A broken date on master: refused, in French (langue: fr), no LANG.
line=$(grep -n '^debut:' ateliers/repeindre-le-preau.md | cut -d: -f1)
sed -i 's/^debut:.*/debut: "25:99"/' ateliers/repeindre-le-preau.md
$GITM commit -qam "Heure impossible"
bad=$($GITM rev-parse HEAD)
push origin master
status "a broken push to master is refused" refused "$(refused)"
contains "the error points at file:line:col, in French" "$WORK/.push" "remote: ateliers/repeindre-le-preau.md:$line:8: erreur"
contains "the refusal says what to do, in French" "$WORK/.push" "corrigez-les, validez la correction (commit) et envoyez de nouveau"
lacks "no English leaks into the refusal" "$WORK/.push" "the push is refused"
check "the branch did not move" test "$(git -C "$BARE" rev-parse master)" = "$c1"
check "the site did not change" test "$(published)" = "$c1"

# The hook is strict: a misspelt field name is refused, not ignored.
sed -i 's/^debut:.*/debut: "09:30"/; s/^titre:/titre:/' ateliers/repeindre-le-preau.md
sed -i '/^titre:/a categori: nature' ateliers/repeindre-le-preau.md
$GITM commit -qam "Champ mal orthographié"
push origin master
status "an unknown field is refused (strict check)" refused "$(refused)"
contains "the unknown field is named" "$WORK/.push" "categori"
sed -i '/^categori:/d' ateliers/repeindre-le-preau.md
sed -i 's/^debut:.*/debut: "25:99"/' ateliers/repeindre-le-preau.md
$GITM commit -qam "Heure impossible, champ retiré"

# The editor does what the message says: a fix on top, the bad commit
# stays underneath.  Accepted, the bad commit mentioned as a note.
sed -i 's/^debut:.*/debut: "09:30"/' ateliers/repeindre-le-preau.md
$GITM commit -qam "Heure corrigée"
fix=$($GITM rev-parse HEAD)
push origin master
status "the fix pushed on top is accepted" 0 $pst
contains "the earlier broken commit is a note" "$WORK/.push" "note : le commit ${bad%"${bad#???????}"} (Heure impossible), plus ancien dans cet envoi, contient des erreurs"
check "the fix is published" test "$(published)" = "$fix"
contains "the published page has the fixed time" "$WWW/current/ateliers/repeindre-le-preau/index.html" "9"

# An earlier commit is only asked whether it has errors: when loading
# finds none it is still rendered, and an error found only then (a link
# to a page that does not exist) is still a note.
# With --verbose (for the server's operator, docs/deploy.md) the check of
# the tip tells its stages, once: the earlier commit's check does not.
hook_install "$BARE" pre-receive --verbose
echo "Voir [la page disparue](disparue.md)." >>pages/contact.md
$GITM commit -qam "Lien cassé"
badlink=$($GITM rev-parse HEAD)
sed -i '/disparue/d' pages/contact.md
$GITM commit -qam "Lien retiré"
push origin master
status "a fix on top of a broken link is accepted" 0 $pst
contains "the earlier broken link is a note" "$WORK/.push" "note : le commit ${badlink%"${badlink#???????}"} (Lien cassé), plus ancien dans cet envoi, contient des erreurs"
contains "--verbose: the check of the tip tells its stages" "$WORK/.push" "remote: fabrique: content loaded and checked"
status "--verbose: once, not for the earlier commit" 1 "$(grep -c 'content loaded and checked' "$WORK/.push")"
hook_install "$BARE" pre-receive

# Strictness of what is published is one build of the tip: a push of 300
# commits is checked once (the note says the earlier ones were not).
i=0
while [ $i -lt 300 ]; do
	echo "Ligne $i." >>pages/contact.md
	$GITM commit -qam "Contact $i"
	i=$((i + 1))
done
t0=$(date +%s.%N)
push origin master
t1=$(date +%s.%N)
status "a 300-commit push is accepted" 0 $pst
contains "it is checked at its tip only" "$WORK/.push" "299 commits antérieurs de cet envoi n’ont pas été vérifiés un par un"
check "the 300th commit is published" test "$(published)" = "$($GITM rev-parse HEAD)"
echo "# 300-commit push (check + publish): $(echo "$t1 - $t0" | bc) s"
many=$($GITM rev-parse HEAD)

# Deleting the published branch, and a forced push of a broken rewrite:
# refused.  A forced push of a valid rewrite is accepted, and said.
push origin --delete master
status "deleting master is refused" refused "$(refused)"
contains "the refusal says why, in French" "$WORK/.push" "supprimer la branche publiée master est refusé"
$GITM reset -q --hard "$c1"
sed -i 's/^debut:.*/debut: "25:99"/' ateliers/repeindre-le-preau.md
$GITM commit -qam "Réécriture cassée"
push --force origin master
status "a forced push of a broken rewrite is refused" refused "$(refused)"
check "the branch kept its history" test "$(git -C "$BARE" rev-parse master)" = "$many"
$GITM reset -q --hard "$c1"
echo "Réécrit." >>pages/contact.md
$GITM commit -qam "Réécriture valide"
push --force origin master
status "a forced push of a valid rewrite is accepted" 0 $pst
contains "the rewrite is said" "$WORK/.push" "réécrit l’historique de master"
check "and published" test "$(published)" = "$($GITM rev-parse HEAD)"

# Other branches: drafts are accepted unchecked and never published.
$GITM checkout -q -b brouillon
sed -i 's/^debut:.*/debut: "25:99"/' ateliers/repeindre-le-preau.md
$GITM commit -qam "Brouillon"
push origin brouillon
status "a draft branch is accepted as it is" 0 $pst
check "a draft branch is not published" test "$(published)" = "$(git -C "$BARE" rev-parse master)"
$GITM checkout -q master

# When the hook cannot decide what to check, it refuses and says why.
for layout in both none; do
	$GITM checkout -q -b "$layout" master
	if [ $layout = both ]; then
		mkdir -p content && cp site.yaml content/site.yaml
	else
		$GITM rm -q site.yaml
	fi
	$GITM add -A && $GITM commit -qm "Disposition $layout"
	push origin "$layout:master"
	status "site.yaml $layout: the push is refused" refused "$(refused)"
	contains "site.yaml $layout: it says it cannot tell what to check" "$WORK/.push" "ne laisse jamais passer un envoi sans le vérifier"
	if [ $layout = both ]; then
		contains "both: it names the two places" "$WORK/.push" "à la racine et un autre dans content/"
	else
		contains "none: it says where it looked" "$WORK/.push" "ni à la racine ni dans content/"
	fi
	$GITM checkout -q master
done
check "after both refusals master is unchanged" test "$(published)" = "$(git -C "$BARE" rev-parse master)"

# HEAD names master, which does not exist yet: a first push under
# another name is refused rather than accepted unchecked.
B2=$WORK/second.git
mkbare "$B2" master
hook_install "$B2" pre-receive
push "file://$B2" master:main
status "a first push to another branch than HEAD's is refused" refused "$(refused)"
contains "it says which branch is published" "$WORK/.push" "ce dépôt publie la branche master (son HEAD), qui n’existe pas encore"
push "file://$B2" master:master
status "the same push to master is accepted" 0 $pst

# Two pushes racing from two editors: the branch ends at the last one,
# that commit is what is published, and no release is half-written.
S=$WORK/secretaire
$GITM clone -q "file://$BARE" "$S" 2>/dev/null
round=0
while [ $round -lt 3 ]; do
	git -C "$S" pull -q --ff-only 2>/dev/null
	echo "Course $round A." >>"$S/pages/contact.md"
	$GITM -C "$S" commit -qam "Course $round A"
	# B builds on A's commit without the server having it yet.
	$GITM fetch -q "$S" master 2>/dev/null
	$GITM reset -q --hard FETCH_HEAD
	echo "Course $round B." >>pages/contact.md
	$GITM commit -qam "Course $round B"
	env -u LANG $GITM -C "$S" push -q origin master >"$WORK/.pa" 2>&1 &
	pa=$!
	env -u LANG $GITM push -q origin master >"$WORK/.pb" 2>&1 &
	pb=$!
	wait $pa
	wait $pb
	cat "$WORK/.pa" "$WORK/.pb" | grep -v '^remote: fabrique' | sed 's/^/# /'
	# Whichever push lost retries, as an editor would.
	env -u LANG $GITM push -q origin master >/dev/null 2>&1
	tip=$(git -C "$BARE" rev-parse master)
	check "race $round: the branch ends at the last commit" test "$tip" = "$($GITM rev-parse HEAD)"
	check "race $round: that commit is what is published" test "$(published)" = "$tip"
	contains "race $round: the published site has the last change" "$WWW/current/contact/index.html" "Course $round B."
	check "race $round: the list ends with it" test "$(tail -n 1 "$WWW/releases.list")" = "$tip"
	check "race $round: no half-written release is left" sh -c "! ls -a '$WWW/releases' | grep -q '^\\.[^.]'"
	round=$((round + 1))
done

# fabrique.site chooses between two sites.
git -C "$BARE" config fabrique.site .
push --force origin both:master
status "with fabrique.site set, the push with two sites is checked" 0 $pst
git -C "$BARE" config --unset fabrique.site


# A referent's surname: the hook refuses it in French (first names only
# are published) and says the ways out; "public: true" lets it through.
B2=$WORK/noms.git
W2=$WORK/www-noms
mkbare "$B2" master
hook_install "$B2" pre-receive
hook_install "$B2" post-receive --out "$W2"
R2=$WORK/noms
mkdir -p "$R2"
cp -R "$TOP/tests/fixtures/mini/." "$R2/"
cp -R "$TOP/themes" "$R2/themes"
cd "$R2" || exit 1
$GITM init -q
sed -i 's/^lieu:$/referents:\n  - nom: Claire Dupont\nlieu:/' ateliers/repeindre-le-preau.md
$GITM add -A
$GITM commit -qm "Référente"
$GITM remote add origin "file://$B2"
push origin master
status "a referent's full name is refused by the hook" refused "$(refused)"
contains "the refusal says why, in French, at the name" "$WORK/.push" "ressemble à un prénom suivi d’un nom (« Claire Dupont »)"
contains "and how to write it" "$WORK/.push" "écrivez « Claire D. »"
sed -i 's/^  - nom: Claire Dupont$/  - {nom: Claire Dupont, public: true}/' ateliers/repeindre-le-preau.md
$GITM commit -qam "Claire a accepté"
push origin master
status "public: true (she agreed to be named) is accepted" 0 $pst
check "and her name is published" grep -q "Claire Dupont" "$W2/current/ateliers/repeindre-le-preau/index.html"
cd "$R" || exit 1

# publish by hand, given no site folder, finds it as the hooks do: at the
# root (this repository's) or in content/ when the root holds no
# site.yaml (docs/deploy.md's cron line: one command for both layouts).
"$FABRIQUE" publish --repo "$BARE" --ref master --out "$WORK/www-root" -q 2>"$WORK/.err"
status "publish with no SITE: the site at the root" 0 $?
check "publish with no SITE: the root's site is published" test -f "$WORK/www-root/current/index.html"
C=$WORK/contenu
mkmini "$C"
(cd "$C" && $GIT mv site content && $GIT commit -qm "content/") >/dev/null
git clone -q --bare "$C" "$WORK/contenu.git" 2>/dev/null
"$FABRIQUE" publish --repo "$WORK/contenu.git" --ref main --out "$WORK/www-content" -q 2>"$WORK/.err"
status "publish with no SITE: the site in content/" 0 $?
check "publish with no SITE: content/'s site is published" test -f "$WORK/www-content/current/index.html"
"$FABRIQUE" publish . --repo "$WORK/contenu.git" --ref main --out "$WORK/www-dot" -q 2>"$WORK/.err"
status "publish ., the root named: content/ taken too" 0 $?
"$FABRIQUE" publish ailleurs --repo "$WORK/contenu.git" --ref main --out "$WORK/www-x" -q 2>"$WORK/.err"
status "publish of a folder that is not in the commit: exit 3" 3 $?
contains "and says so" "$WORK/.err" "ailleurs: error: no such folder in commit"
