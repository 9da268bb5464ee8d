#!/bin/sh
# The releases `fabrique publish` keeps share the files they have in
# common (tester21 F11): a file of the new release whose bytes equal the
# live release's (told by the live release's record: hash and size, and
# the file still as recorded) is a hard link to it, so five releases of a
# site with photos take about one site, not five.  Nothing shared is ever
# written in place: each release stays byte for byte what it published,
# through later publications, a hand edit of the live release, a
# rollback and the pruning of old releases.  A link the kernel refuses
# (a folder of the live release on another mount: EXDEV) leaves the
# file written anew, same bytes.  The example site (15 photos), its own
# git repository, the uninstalled binary, default settings.
. "$(dirname "$0")/../lib.sh"

example_repo
WWW=$WORK/www
cd "$R" || exit 1
# publish: fabrique publish of the repository's HEAD, status in $pst.
publish() { "$FABRIQUE" publish content --repo "$R" --out "$WWW" -q 2>"$WORK/.err"; pst=$?; }
# edit N: a commit changing one workshop's title.
edit() {
	sed -i "0,/^titre: .*/s//titre: Atelier changé $1/" "$C/ateliers/degager-le-lavoir.md"
	commit_all "$R" "Titre $1" >/dev/null
}
live() { readlink "$WWW/current"; }
# kb DIR...: disk use in KiB, each file counted once (du counts a file
# hard-linked several times once).
kb() { du -sk "$@" | awk '{ n += $1 } END { print n }'; }
# unshared A B: files of release B whose bytes equal A's same file but
# that are another file (another inode).
unshared() {
	(cd "$WWW/$2" && find . -type f ! -name .fabrique-site) | while read -r f; do
		if cmp -s "$WWW/$1/$f" "$WWW/$2/$f" &&
			[ "$(stat -c %i "$WWW/$1/$f")" != "$(stat -c %i "$WWW/$2/$f")" ]; then
			echo "$f"
		fi
	done
}

publish
status "first publication" 0 $pst
first=$(live)
one=$(kb "$WWW/$first")
snapshot "$WWW/$first" >"$WORK/first.sum"
check "the example site's photos are published" sh -c "find '$WWW/$first' -name '*.webp' | grep -q ."

edit 1
publish
status "second publication" 0 $pst
second=$(live)
check "second publication: a new release" test "$second" != "$first"
unshared "$first" "$second" >"$WORK/unshared"
check "every file equal to the live release's is a hard link to it (none copied)" test ! -s "$WORK/unshared"
check "the photo variants are shared" sh -c "find '$WWW/$second' -name '*.webp' -links +1 | grep -q ."
check "the edited workshop's page is a file of its own" sh -c \
	"! cmp -s '$WWW/$first/ateliers/degager-le-lavoir/index.html' '$WWW/$second/ateliers/degager-le-lavoir/index.html' &&
	test \"\$(stat -c %i '$WWW/$first/ateliers/degager-le-lavoir/index.html')\" != \"\$(stat -c %i '$WWW/$second/ateliers/degager-le-lavoir/index.html')\""
two=$(kb "$WWW/releases")
check "two releases take less than 1.3 times one ($two KiB for $one)" test "$two" -lt $((one * 13 / 10))
check "the first release is byte for byte what it published" sh -c "snapshot() { (cd \"\$1\" && find . -type f -exec sha1sum {} + | sort); }; snapshot '$WWW/$first' | cmp -s - '$WORK/first.sum'"
snapshot "$WWW/$second" >"$WORK/second.sum"

# A file of the live release edited by hand in place (its inode is
# shared with the first release: the webmaster's edit reaches both, as
# for any hard link) is not linked into the next release: fabrique's
# bytes are written anew.
css=$(cd "$WWW/current" && find assets -name '*.css' | head -n 1)
printf '/* edited by hand */\n' >>"$WWW/current/$css"
edit 2
publish
status "third publication, after a hand edit of the live release" 0 $pst
third=$(live)
check "a file edited by hand in the live release is not linked into the next" sh -c \
	"test \"\$(stat -c %i '$WWW/$third/$css')\" != \"\$(stat -c %i '$WWW/$second/$css')\" &&
	! grep -q 'edited by hand' '$WWW/$third/$css' &&
	grep -q 'edited by hand' '$WWW/$second/$css'"
check "the next release's file has fabrique's bytes" sh -c "grep \" ./$css\$\" '$WORK/second.sum' | (cd '$WWW/$third' && sha1sum -c --quiet -)"

# Rollback: back to the second release, whose files are its own.
"$FABRIQUE" rollback "$WWW" 2>"$WORK/.err"
status "rollback" 0 $?
check "after rollback, current is the second release" test "$(live)" = "$second"
check "the third release's shared files are still in the second" sh -c "cd '$WWW/$second' && grep -v \" ./$css\$\" '$WORK/second.sum' | sha1sum -c --quiet -"

# Six more publications with the default --keep 5: five releases kept,
# about one site of disk, and each kept release byte for byte as published.
for i in 3 4 5 6 7 8; do
	edit "$i"
	publish
	[ $pst -eq 0 ] || break
	snapshot "$WWW/$(live)" >"$WORK/rel.$(live | tr / _)"
done
status "six more publications" 0 $pst
check "five releases are kept" test "$(ls "$WWW/releases" | wc -l)" -eq 5
five=$(kb "$WWW/releases")
check "five releases take less than 1.5 times one ($five KiB for $one)" test "$five" -lt $((one * 15 / 10))
bad=0
for rel in "$WWW"/releases/*; do
	sum=$WORK/rel.releases_$(basename "$rel")
	[ -f "$sum" ] || continue
	snapshot "$rel" | cmp -s - "$sum" || bad=$((bad + 1))
done
check "each kept release is byte for byte what it published" test $bad -eq 0

# EXDEV: the live release's assets are a bind mount (a link never
# crosses a mount): the files there are written anew, same bytes, and
# the publication succeeds.  Needs a mount namespace of our own.
if unshare -m true 2>/dev/null; then
	live_rel=$WWW/$(live)
	cp "$WORK/.err" "$WORK/usual.err" # the site's own notes
	edit 9
	unshare -m sh -c "mount --make-rprivate / && mount --bind '$live_rel/assets' '$live_rel/assets' &&
		! ln '$live_rel/$css' '$WWW/try' 2>/dev/null &&
		'$FABRIQUE' publish content --repo '$R' --out '$WWW' -q" 2>"$WORK/.err"
	status "a bind-mounted folder in the live release: published" 0 $?
	new=$WWW/$(live)
	check "a bind-mounted folder: its files are written anew, same bytes" sh -c \
		"test '$new' != '$live_rel' && cmp '$live_rel/$css' '$new/$css' &&
		test \"\$(stat -c %i '$live_rel/$css')\" != \"\$(stat -c %i '$new/$css')\""
	check "a bind-mounted folder: the other files are still shared" sh -c "find '$new' -name '*.webp' -links +1 | grep -q ."
	check "a bind-mounted folder: nothing said but the site's own notes" cmp "$WORK/usual.err" "$WORK/.err"
else
	ok "# skip: no mount namespace (unshare -m)"
fi
