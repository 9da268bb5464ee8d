#!/bin/sh
# After fabrique is upgraded, publishing a commit already live builds it
# again with the new fabrique (outside tester 23, F6): the fixes an
# upgrade brings (privacy, accessibility) reach the site without waiting
# for a content commit.  The deploy folder records what built each
# release (releases.built); a release without a record was made by a
# fabrique older than it.  --full builds the live release again too.
# FABRIQUE_OLD, when set, names a fabrique built from an earlier commit
# (docs/deploy.md, "After upgrading fabrique"): the live release is then
# really one of its builds.
. "$(dirname "$0")/../lib.sh"

R=$WORK/site
WWW=$WORK/www
mkmini "$R"
cd "$R" || exit 1
if [ -x "${FABRIQUE_OLD:-}" ]; then # its theme, as its init copied it
	rm -rf themes && cp -R "$(dirname "$FABRIQUE_OLD")/themes" themes
	commit_all "$R" "thème de l’ancienne version" >/dev/null
fi
pub() { "$FABRIQUE" publish site --out "$WWW" "$@" >"$WORK/.err" 2>&1; pst=$?; }
fr() { (LANGUAGE= LC_ALL=fr_FR.UTF-8 "$FABRIQUE" publish site --out "$WWW" "$@") >"$WORK/.err" 2>&1; pst=$?; }
head1=$($GIT rev-parse HEAD)
PAGE=$WWW/current/ateliers/planter-des-haies/index.html

# A release made by an older fabrique: no record of what built it, and
# its pages are not what this fabrique writes.
if [ -x "${FABRIQUE_OLD:-}" ]; then
	"$FABRIQUE_OLD" publish site --out "$WWW" >"$WORK/.err" 2>&1
	status "the older fabrique published" 0 $?
else
	pub
	status "first publication" 0 $pst
	rm -f "$WWW/releases.built"
	echo '<!-- older fabrique -->' >>"$PAGE"
fi
old=$(snapshot "$WWW/current/")
echo "hand" >"$WWW/current/verification-google.html"

fr
status "publish after the upgrade succeeds" 0 $pst
contains "it says an earlier fabrique built the live release" "$WORK/.err" "construit par une version précédente de fabrique"
contains "and what rebuilt it" "$WORK/.err" "reconstruit avec fabrique "
lacks "it does not say current is already the commit" "$WORK/.err" "est déjà"
check "current still names the commit" test "$(readlink "$WWW/current")" = "releases/$head1"
check "the live release was rebuilt" test "$old" != "$(snapshot "$WWW/current/")"
"$FABRIQUE" build site --out "$WORK/fresh" >/dev/null 2>&1
check "the live release is what this fabrique builds" diff -r -x verification-google.html "$WORK/fresh" "$WWW/current"
# With a record of the old build (the cache) it stays; without one,
# nothing tells it from an old fabrique file: set aside, never lost.
check "a file added by hand is kept" test -f "$WWW/current/verification-google.html" -o -f "$WWW/releases/$head1.fabrique-set-aside/verification-google.html"
contains "what built the release is recorded" "$WWW/releases.built" "$head1 fabrique "

# Built by this fabrique: nothing to do, as before.
before=$(snapshot "$WWW/current/")
pub
status "publish again succeeds" 0 $pst
contains "same fabrique, same commit: already current" "$WORK/.err" "current is already"
check "nothing was rebuilt" test "$before" = "$(snapshot "$WWW/current/")"

# Another fabrique's record (a version that is not this one).
sed -i "s/^$head1 .*/$head1 fabrique 0.0.9 (0123456789ab)/" "$WWW/releases.built"
echo '<!-- 0.0.9 -->' >>"$PAGE"
fr
status "publish after another version succeeds" 0 $pst
contains "it names the version that built it and this one" "$WORK/.err" "construit par fabrique 0.0.9 (0123456789ab), reconstruit avec fabrique "
lacks "the page is rebuilt" "$PAGE" "<!-- 0.0.9 -->"

# --full builds the live release again, as --help says.
echo '<!-- abîmé -->' >>"$PAGE"
pub --full
status "publish --full succeeds" 0 $pst
contains "--full says it rebuilt in full" "$WORK/.err" "rebuilt in full"
lacks "--full rebuilt the page" "$PAGE" "<!-- abîmé -->"
check "only one release is kept for the commit" test "$(ls "$WWW/releases" | grep -vc set-aside)" = 1

# A new commit: published and recorded, the old line dropped with its
# release once it is no longer kept.
sed -i 's/Planter des haies/Planter des haies champêtres/' site/ateliers/planter-des-haies.md
commit_all "$R" "titre" >/dev/null
head2=$($GIT rev-parse HEAD)
pub --keep 1
status "a new commit is published" 0 $pst
contains "the new release is recorded" "$WWW/releases.built" "$head2 fabrique "
lacks "the removed release is no longer recorded" "$WWW/releases.built" "$head1"

# A publication that cannot start (no repository) leaves no deploy
# folder behind (F6, side note).
mkdir "$WORK/nowhere"
(cd "$WORK/nowhere" && "$FABRIQUE" publish --out "$WORK/nowhere/deploy") >"$WORK/.err" 2>&1
check "a failed first publish says why" grep -q "not a git repository" "$WORK/.err"
check "and makes no deploy folder" test ! -e "$WORK/nowhere/deploy"

# The first build into a folder an earlier fabrique wrote without a
# record (F14): its theme's content-hashed files under other hashes are
# fabrique's (removed), the webmaster's are set aside, as before.
P=$WORK/public
if [ -x "${FABRIQUE_OLD:-}" ]; then
	"$FABRIQUE_OLD" build site --out "$P" -q 2>/dev/null
else
	"$FABRIQUE" build site --out "$P" -q 2>/dev/null
	css=$(cd "$P" && ls assets/css/style.*.css)
	mv "$P/$css" "$P/assets/css/style.e40db80e.css"
	rm -rf .git/fabrique/builds
fi
old_assets=$(cd "$P" && find assets -name '*.????????.*' | sort)
echo perso >"$P/assets/css/perso.css"
"$FABRIQUE" build site --out "$P" >"$WORK/.err" 2>&1
status "the first build after the upgrade succeeds" 0 $?
contains "the webmaster's file is set aside" "$WORK/.err" "assets/css/perso.css"
lacks "the earlier theme's hashed files are not called the webmaster's" "$WORK/.err" "assets/css/style."
check "the hand-added file is kept" test -f "$WORK/public.fabrique-set-aside/assets/css/perso.css"
for f in $old_assets; do
	[ -f "$P/$f" ] || [ ! -f "$WORK/public.fabrique-set-aside/$f" ] || { not_ok "earlier asset $f set aside"; continue; }
done
check "one stylesheet is left, this build's" test "$(ls "$P/assets/css" | grep -c '^style\.')" = 1
