#!/bin/sh
# A file the webmaster put in the live release that the kernel will not
# hard-link into the next one is copied instead (bytes, mode, times), and
# nothing alarming is said: publish used to stop (exit 4, live site left
# as it was).  Both refusals are made for real:
#   EPERM  fs.protected_hardlinks (1 on Debian): publish runs as an
#          unprivileged user (nobody, as the hooks' user jc would) and
#          the file is root's (a webmaster who copied it in with sudo);
#   EXDEV  a folder of the live release is a bind mount (media kept on
#          another disk): a link never crosses a mount.
# Both need root (setpriv, mount in a namespace of our own): skipped
# otherwise.
. "$(dirname "$0")/../lib.sh"

if [ "$(id -u)" -ne 0 ] || ! command -v setpriv >/dev/null ||
	[ "$(cat /proc/sys/fs/protected_hardlinks 2>/dev/null)" != 1 ]; then
	ok "# skip: needs root, setpriv and fs.protected_hardlinks = 1"
	exit 0
fi

chmod 755 "$WORK"
# a clone in a folder only root may enter (mktemp -d's): nobody cannot
# run the binary under test, so what it would do cannot be seen
if ! setpriv --reuid="$(id -u nobody)" --regid="$(id -g nobody)" \
	--clear-groups test -x "$FABRIQUE"; then
	ok "# skip: user nobody cannot run $FABRIQUE (a folder above it is private)"
	exit 0
fi
BARE=$WORK/site.git
WWW=$WORK/www
R=$WORK/clone
mkmini "$R"
mkbare "$BARE" main
(cd "$R" && $GIT push -q "file://$BARE" main)
mkdir "$WWW"
NOBODY=$(id -u nobody)
NOGROUP=$(id -g nobody)
chown "$NOBODY:$NOGROUP" "$WWW"
# as nobody: the deploy folder (made by them) and the repository (its
# cache) are theirs
as_nobody() {
	chown -R "$NOBODY:$NOGROUP" "$BARE"
	setpriv --reuid="$NOBODY" --regid="$NOGROUP" --clear-groups \
		env HOME="$WORK" XDG_CACHE_HOME="$WORK/.nobody-cache" "$@"
}
publish() {
	as_nobody "$FABRIQUE" publish site --repo "$BARE" --ref main --out "$WWW" \
		>"$WORK/.out" 2>"$WORK/.err"
}
# edit TEXT: a new commit in the bare repository.
edit() {
	sed -i "0,/^titre: .*/s//titre: $1/" "$R/site/ateliers/planter-des-haies.md"
	commit_all "$R" "$1" >/dev/null
	chown -R root:root "$BARE" # git refuses a push to another's
	(cd "$R" && $GIT push -q "file://$BARE" main)
}
# quiet NAME: publish said no error and no warning, in either language
quiet() {
	if grep -Eiq 'error|erreur|warning|avertissement' "$WORK/.err"; then
		not_ok "$1" "$(head -5 "$WORK/.err")"; else ok "$1"; fi
}
live() { readlink "$WWW/current"; }
# facts FILE...: what a reader of each file sees, and its mode and times
facts() { for f in "$@"; do stat -c '%n %a %Y %s' "$f"; sha1sum <"$f"; done; }

publish
status "first publication" 0 $?
first=$(live)

# EPERM: root's files in the live release (a decree, a link to it).
C=$WWW/current
printf '%%PDF-1.4 arrêté municipal\n' >"$C/arrete.pdf"
chmod 640 "$C/arrete.pdf"
chgrp "$NOGROUP" "$C/arrete.pdf"
printf 'Options -Indexes\n' >"$C/.htaccess"
chmod 644 "$C/.htaccess"
ln -s arrete.pdf "$C/decret.pdf"
touch -h -d '2020-03-01 12:00:00' "$C/arrete.pdf" "$C/.htaccess" "$C/decret.pdf"
chown -h root:root "$C/.htaccess" "$C/decret.pdf"
chown -h root "$C/arrete.pdf"
(cd "$C" && facts arrete.pdf .htaccess) >"$WORK/facts.1"
check "the kernel refuses nobody a hard link to root's file" \
	sh -c "! setpriv --reuid=$NOBODY --regid=$NOGROUP --clear-groups ln '$C/.htaccess' '$WWW/try' 2>/dev/null"
edit "Planter des haies vives"
publish
status "root's files in the live release: published" 0 $?
check "a new release" test "$(live)" != "$first"
(cd "$C" && facts arrete.pdf .htaccess) >"$WORK/facts.2"
check "root's files are copied: same bytes, mode and times" cmp "$WORK/facts.1" "$WORK/facts.2"
check "root's link is copied as a link" test "$(readlink "$C/decret.pdf")" = arrete.pdf
check "the copy is a file of its own" test "$(stat -c %i "$C/.htaccess")" != "$(stat -c %i "$WWW/$first/.htaccess")"
quiet "root's files: nothing alarming said"

# A file nobody can even read cannot be copied: publish still stops,
# with the live site unchanged, and says so.
before=$(live)
printf 'secret\n' >"$C/cle.txt"
chmod 600 "$C/cle.txt"
edit "Planter des haies basses"
publish
status "an unreadable file of root's: publish stops" 4 $?
check "an unreadable file of root's: the live site is unchanged" test "$(live)" = "$before"
contains "an unreadable file of root's: the message names it" "$WORK/.err" "cle.txt"
rm -f "$C/cle.txt" "$C/arrete.pdf" "$C/decret.pdf" "$C/.htaccess" # EXDEV alone now

# EXDEV: a folder of the live release is a bind mount of media kept
# elsewhere; publish runs in a mount namespace of its own that has it.
MEDIA=$WORK/media
mkdir -p "$MEDIA" "$C/medias"
printf 'photo\n' >"$MEDIA/fete.jpg"
touch -d '2021-06-21 18:00:00' "$MEDIA/fete.jpg"
chmod 644 "$MEDIA/fete.jpg"
chown -R "$NOBODY:$NOGROUP" "$MEDIA"
edit "Planter des haies hautes"
chown -R "$NOBODY:$NOGROUP" "$BARE" "$C/medias"
unshare -m sh -c "mount --make-rprivate / && mount --bind '$MEDIA' '$C/medias' &&
	! ln '$C/medias/fete.jpg' '$WWW/try' 2>/dev/null &&
	setpriv --reuid=$NOBODY --regid=$NOGROUP --clear-groups \
	env HOME='$WORK' XDG_CACHE_HOME='$WORK/.nobody-cache' \
	'$FABRIQUE' publish site --repo '$BARE' --ref main --out '$WWW'" >"$WORK/.out" 2>"$WORK/.err"
status "a bind-mounted folder in the live release: published" 0 $?
(cd "$MEDIA" && facts fete.jpg) >"$WORK/facts.1"
(cd "$C/medias" && facts fete.jpg) >"$WORK/facts.2"
check "a bind-mounted folder: its file is copied, same bytes, mode and times" cmp "$WORK/facts.1" "$WORK/facts.2"
quiet "a bind-mounted folder: nothing alarming said"
