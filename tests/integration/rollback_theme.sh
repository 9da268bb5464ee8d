#!/bin/sh
# fabrique rollback to a release built with another theme, another
# version of it or another fabrique (addr25): it said nothing, and a
# webmaster going back one commit found the site's whole look gone back
# too.  It now says what the rollback brings back, in the site's
# language (« cette version a été construite avec le thème X et
# fabrique Y »), and still exits 0; between two releases built alike it
# says nothing of the kind.  Real publishes, real git.
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
WWW=$WORK/www
mkmini "$R"
cd "$R" || exit 1
$GIT rm -rq themes && $GIT commit -qm "thème installé à part"
export FABRIQUE_THEMES=$WORK/share
mkdir -p "$FABRIQUE_THEMES" && cp -R "$TOP/themes/commune" "$FABRIQUE_THEMES/"
V=$(sed -n 's/^version: *//p' "$TOP/themes/commune/theme.yaml")
pub() { "$FABRIQUE" publish site --out "$WWW" -q >"$WORK/.err" 2>&1; pst=$?; }
edit() { printf '\n%s\n' "$1" >>site/pages/contact.md && commit_all "$R" "$1"; }

pub
status "the first release is published" 0 $pst
edit "Deuxième version"
pub
status "a second one, same theme, same fabrique" 0 $pst
"$FABRIQUE" rollback "$WWW" >"$WORK/rb.out" 2>&1
status "a rollback between releases built alike" 0 $?
lacks "says nothing of a theme" "$WORK/rb.out" "theme"
edit "Troisième version"
pub
status "published again" 0 $pst
first=$(readlink "$WWW/current")
first=${first#releases/}

# The site moves to a theme of its own (another name and version).
mkdir -p themes && cp -R "$FABRIQUE_THEMES/commune" themes/montheme
sed -i 's/^nom: .*/nom: montheme/; s/^version: .*/version: 1.4.0/' themes/montheme/theme.yaml
sed -i 's/^theme: .*/theme: montheme/' site/site.yaml
commit_all "$R" "notre thème" >/dev/null
pub
status "the release with the site's own theme is published" 0 $pst
grep -q " theme [0-9a-f]\{12\} montheme 1.4.0$" "$WWW/releases.built" &&
	ok "releases.built names the theme and its version" ||
	not_ok "releases.built names the theme and its version" "$(cat "$WWW/releases.built")"
second=$(readlink "$WWW/current")
second=${second#releases/}
short() { printf '%.7s' "$1"; }

(LANGUAGE= LC_ALL=fr_FR.UTF-8 "$FABRIQUE" rollback "$WWW") >"$WORK/rb.out" 2>&1
status "the rollback to the commune theme's release succeeds (exit 0)" 0 $?
check "current is the earlier release" test "$(readlink "$WWW/current")" = "releases/$first"
contains "it says, in French, the theme the release was built with" "$WORK/rb.out" \
	"$(short "$first") a été construite avec le thème commune $V ["
contains "and the one of the release taken down" "$WORK/rb.out" "avec le thème montheme 1.4.0 ["
contains "and that the look comes back with it" "$WORK/rb.out" "ramène aussi l’apparence"
contains "naming the fabrique" "$WORK/rb.out" "et fabrique "

# Another fabrique (the record of the release gone back to, another
# version), same theme: said too, in English without a French site.
edit "Quatrième version"
$GIT rm -rq themes && sed -i 's/^theme: montheme$/theme: commune/' site/site.yaml && commit_all "$R" "thème commune" >/dev/null
pub
pub_a=$(readlink "$WWW/current")
pub_a=${pub_a#releases/}
edit "Cinquième version"
pub
sed -i "s/^$pub_a fabrique [^ ]* ([0-9a-f]*)/$pub_a fabrique 0.0.9 (0123456789ab)/" "$WWW/releases.built"
"$FABRIQUE" rollback "$WWW" >"$WORK/rb.out" 2>&1
status "a rollback to a release another fabrique built succeeds (exit 0)" 0 $?
contains "it names that fabrique" "$WORK/rb.out" "$(short "$pub_a") was built with the theme commune $V"
contains "... fabrique 0.0.9" "$WORK/rb.out" "and fabrique 0.0.9 (0123456789ab)"
exit 0
