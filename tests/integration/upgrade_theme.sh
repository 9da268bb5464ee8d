#!/bin/sh
# A theme installed apart from the binary ($FABRIQUE_THEMES, the share
# folder), updated without a commit, reaches the site at the next
# publish (releases.built records a digest of the theme a build read, and
# the live release is built again when it differs, saying « thème modifié
# depuis la construction de … »); a theme in the site's repository is
# the commit's: no second build.  And a release a rollback holds live is
# built again after an upgrade, as any live release, the rollback kept.
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
WWW=$WORK/www
mkmini "$R"
cd "$R" || exit 1
# the installed theme: the site's repository has none
$GIT rm -rq themes && $GIT commit -qm "thème installé à part"
export FABRIQUE_THEMES=$WORK/share
mkdir -p "$FABRIQUE_THEMES" && cp -R "$TOP/themes/commune" "$FABRIQUE_THEMES/"
pub() { "$FABRIQUE" publish site --out "$WWW" "$@" >"$WORK/.err" 2>&1; pst=$?; }
fr() { (LANGUAGE= LC_ALL=fr_FR.UTF-8 "$FABRIQUE" publish site --out "$WWW" "$@") >"$WORK/.err" 2>&1; pst=$?; }
PAGE=$WWW/current/ateliers/planter-des-haies/index.html

pub
status "first publication" 0 $pst
head1=$($GIT rev-parse HEAD)
check "the theme read is recorded" grep -q "^$head1 fabrique .* theme [0-9a-f]\{12\} commune [0-9.]*$" "$WWW/releases.built"
pub
contains "published again, same theme: already current" "$WORK/.err" "current is already"

# The installed theme updated in place, no commit, same binary.
sed -i 's|</body>|<p class="correctif">Correctif du thème</p></body>|' "$FABRIQUE_THEMES/commune/templates/base.mustache"
grep -q correctif "$FABRIQUE_THEMES/commune/templates/base.mustache" || not_ok "the test's theme edit took"
fr
status "publish after the theme's update succeeds" 0 $pst
contains "it says the theme changed since the build" "$WORK/.err" "thème modifié depuis la construction de ${head1%"${head1#???????}"}"
contains "and names the theme" "$WORK/.err" "$FABRIQUE_THEMES/commune"
contains "the live page has the theme's fix" "$PAGE" "Correctif du thème"
check "current still names the commit" test "$(readlink "$WWW/current")" = "releases/$head1"
pub
contains "then it is current" "$WORK/.err" "current is already"

# A theme in the repository: a commit changing it is a new release,
# built once; the next publish has nothing to do.
cp -R "$FABRIQUE_THEMES/commune" "$R/site/theme"
sed -i 's|Correctif du thème|Correctif du site|' "$R/site/theme/templates/base.mustache"
commit_all "$R" "thème du site" >/dev/null
pub
status "a commit changing the site's theme is published" 0 $pst
contains "as a new release" "$WORK/.err" "current is now"
contains "with the change" "$PAGE" "Correctif du site"
pub
contains "the theme in the repository: no second build" "$WORK/.err" "current is already"
lacks "nor a word of the theme" "$WORK/.err" "theme changed"
$GIT rm -rq site/theme && $GIT commit -qm "sans thème du site"

# Held back by a rollback, then an upgrade (here: another fabrique's
# record, and the installed theme updated): publishing the held commit
# keeps the rollback and builds the live release again.
pub
headA=$($GIT rev-parse HEAD)
sed -i 's/Planter des haies/Planter des haies vives/' site/ateliers/planter-des-haies.md
commit_all "$R" "titre" >/dev/null
headB=$($GIT rev-parse HEAD)
pub
"$FABRIQUE" rollback "$WWW" >"$WORK/.err" 2>&1
status "rollback to the earlier release" 0 $?
check "current is back to A" test "$(readlink "$WWW/current")" = "releases/$headA"
sed -i "s/^$headA .*/$headA fabrique 0.0.9 (0123456789ab) theme 0123456789ab/" "$WWW/releases.built"
echo '<!-- 0.0.9 -->' >>"$PAGE"
fr
status "publish of the held commit after an upgrade succeeds" 0 $pst
contains "the rollback is kept" "$WORK/.err" "ramené en arrière depuis ${headB%"${headB#???????}"}"
check "current still names A" test "$(readlink "$WWW/current")" = "releases/$headA"
contains "the held-live release is rebuilt, saying by what" "$WORK/.err" "construit par fabrique 0.0.9 (0123456789ab), reconstruit avec fabrique "
lacks "its page is this fabrique's" "$PAGE" "<!-- 0.0.9 -->"
lacks "the commit held back stays down" "$PAGE" "Planter des haies vives"
lacks "the old record is replaced" "$WWW/releases.built" "fabrique 0.0.9"
sed -i 's|Correctif du thème|Correctif du thème, encore|' "$FABRIQUE_THEMES/commune/templates/base.mustache"
pub
status "publish of the held commit after a theme update succeeds" 0 $pst
contains "it says the theme changed" "$WORK/.err" "theme changed since the build of"
contains "the held-live release has the theme's fix" "$PAGE" "Correctif du thème, encore"
check "current still names A" test "$(readlink "$WWW/current")" = "releases/$headA"
before=$(snapshot "$WWW/current/")
pub
contains "nothing new: the rollback is said" "$WORK/.err" "rolled back from"
lacks "and nothing is rebuilt" "$WORK/.err" "rebuilt"
check "the live release is untouched" test "$before" = "$(snapshot "$WWW/current/")"
