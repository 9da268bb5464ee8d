#!/bin/sh
# fabrique run from a checkout that is another user's git repository,
# the default theme beside it: a webmaster who built fabrique as root in
# /opt/fabrique (a git clone) and publishes as the web server's user.
# Comparing a site's committed theme with the installed one opened that
# folder, git refused it as another user's (safe.directory), and the
# report went to no collector: publish crashed (status 139) on every
# push (session 32, seen by publish_copied.sh where the checkout is
# readable).  Now the installed theme that cannot be read is left aside
# and the site is published.  Needs root (setpriv to nobody); the
# binary, its module and the themes are copied into a folder of this
# test's, made a git repository of root's, so that it runs wherever
# the checkout is (CI clones into a private folder).
. "$(dirname "$0")/../lib.sh"

if [ "$(id -u)" -ne 0 ] || ! command -v setpriv >/dev/null; then
	ok "# skip: needs root and setpriv"
	exit 0
fi
chmod 755 "$WORK"
I=$WORK/opt-fabrique
mkdir "$I"
cp "$FABRIQUE" "$I/fabrique"
mod=$(dirname "$FABRIQUE")/fabrique-vips.so
[ -f "$mod" ] || mod=$TOP/fabrique-vips.so
[ -f "$mod" ] && cp "$mod" "$I/"
cp -R "$TOP/themes" "$I/themes"
(cd "$I" && $GIT init -q && $GIT add -A && $GIT commit -qm "fabrique")
chmod -R a+rX "$I"

BARE=$WORK/site.git
WWW=$WORK/www
R=$WORK/clone
mkmini "$R"
mkbare "$BARE" main
(cd "$R" && $GIT push -q "file://$BARE" main)
mkdir "$WWW"
chown -R nobody "$WWW" "$BARE"
setpriv --reuid="$(id -u nobody)" --regid="$(id -g nobody)" --clear-groups \
	env HOME="$WORK" XDG_CACHE_HOME="$WORK/.nobody-cache" \
	"$I/fabrique" publish site --repo "$BARE" --ref main --out "$WWW" \
	>"$WORK/.out" 2>"$WORK/.err"
status "published by another user than the checkout's: no crash" 0 $?
check "the site is online" test -f "$WWW/current/ateliers/planter-des-haies/index.html"
lacks "nothing said of the installed theme's folder" "$WORK/.err" "opt-fabrique"
