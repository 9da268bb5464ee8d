#!/bin/sh
# After an upgrade of fabrique, the files the webmaster added to the
# output by hand (the .htaccess docs/deploy.md §7 tells to keep there, a
# .well-known/ file, a search engine's verification file) stay in the
# site built by the new fabrique, with `build` and with `publish`
# (outside tester 29 F6): the record the older fabrique left of its
# build (its cache, .git/fabrique/builds/, in the format it wrote) tells
# them from its own files, as this fabrique's record does.  Before, the
# first build after the upgrade set them aside, and the webmaster's
# `build && rsync --delete` took the .htaccess off the host.  A page the
# older fabrique made and the site no longer has is not kept.
# FABRIQUE_OLD, when set, names a fabrique built from an earlier commit
# (e.g. 2fa1216, whose record is format 3): its builds are then the
# older ones.  Without it, this fabrique's record is rewritten as that
# older format (fabrique-manifest 3: "HASH SIZE SEC NSEC PATH" lines, no
# key, no end line).
. "$(dirname "$0")/../lib.sh"

R=$WORK/site
mkmini "$R"
if [ -x "${FABRIQUE_OLD:-}" ]; then # its theme, as its init copied it
	rm -rf "$R/themes" && cp -R "$(dirname "$FABRIQUE_OLD")/themes" "$R/themes"
	commit_all "$R" "thème de l’ancienne version" >/dev/null
fi
cd "$R/site" || exit 1
BUILDS=$R/.git/fabrique/builds

# as_older: the records in the cache, as the older fabrique wrote them.
as_older() {
	for f in "$BUILDS"/*; do
		case $f in *.tmp) continue ;; esac
		sed -E '1s/^fabrique-manifest 5 /fabrique-manifest 3 /;
			/^end$/d;
			s/^([0-9a-f]{32} -?[0-9]+ -?[0-9]+ -?[0-9]+) [^ ]+ /\1 /' \
			"$f" >"$f.older" && mv "$f.older" "$f"
	done
}
# older CMD ARGS...: fabrique CMD by the older fabrique.
older() {
	if [ -x "${FABRIQUE_OLD:-}" ]; then
		"$FABRIQUE_OLD" "$@" >"$WORK/.old" 2>&1
	else
		"$FABRIQUE" "$@" >"$WORK/.old" 2>&1 && as_older
	fi
}
fr() { (LANGUAGE= LC_ALL=fr_FR.UTF-8 "$FABRIQUE" "$@") >"$WORK/.err" 2>&1; st=$?; }

# --- build --out ../public, as the tester typed it ---
older build --out ../public
status "the older fabrique built the site" 0 $?
check "its record is in the cache" test -n "$(ls "$BUILDS" 2>/dev/null)"
P=$R/public
printf 'ErrorDocument 404 /404.html\nOptions -Indexes\n' >"$P/.htaccess"
mkdir -p "$P/.well-known"
printf 'Contact: mailto:mairie@example.invalid\n' >"$P/.well-known/security.txt"
printf 'google-site-verification: google1234.html\n' >"$P/google1234.html"
mine() { (cd "$1" && sha1sum .htaccess .well-known/security.txt google1234.html 2>&1); }
mine "$P" >"$WORK/mine.0"
# a workshop removed since: its page must not stay published
check "the removed workshop's page is there before" test -f "$P/ateliers/planter-des-haies/index.html"
$GIT rm -q ateliers/planter-des-haies.md && commit_all "$R" "atelier retiré" >/dev/null

fr build --out ../public
status "the upgraded fabrique builds" 0 $st
mine "$P" >"$WORK/mine.1"
check "the .htaccess and the other hand files stay in the output" cmp "$WORK/mine.0" "$WORK/mine.1"
check "nothing is set aside" test ! -e "$R/public.fabrique-set-aside"
lacks "no « mis de côté » warning" "$WORK/.err" "mis de côté"
check "the removed workshop's page is gone" test ! -e "$P/ateliers/planter-des-haies"
check "the site is this fabrique's" test -f "$P/index.html"

# rsync --delete of the output to the host, as deploy.md §7 does it
if command -v rsync >/dev/null 2>&1; then
	mkdir -p "$WORK/host"
	rsync -a --delete "$P/" "$WORK/host/"
	check "rsync --delete: the .htaccess reaches the host" cmp "$P/.htaccess" "$WORK/host/.htaccess"
fi

# A second build: this fabrique's record now, the files still kept.
sed -i '0,/^titre: .*/s//titre: Repeindre le préau en bleu/' ateliers/repeindre-le-preau.md
commit_all "$R" "titre" >/dev/null
fr build --out ../public
status "a second build" 0 $st
mine "$P" >"$WORK/mine.2"
check "second build: the hand files stay" cmp "$WORK/mine.0" "$WORK/mine.2"

# A record that is not one (any other first line): nothing read from it,
# the files are set aside as without a record, never lost.
ls "$BUILDS" >"$WORK/builds.0"
fr build --out ../other
for f in $(ls "$BUILDS" | grep -vxF -f "$WORK/builds.0"); do
	sed -i '1s/.*/autre chose 3 0123/' "$BUILDS/$f"
done
printf 'Options -Indexes\n' >"$R/other/.htaccess"
fr build --out ../other
status "a build after a record that is not one" 0 $st
check "the .htaccess is set aside, not lost" test -f "$R/other.fabrique-set-aside/.htaccess"

# --- publish: the live release built by the older fabrique ---
WWW=$WORK/www
older publish --out "$WWW"
status "the older fabrique published" 0 $?
C=$WWW/current
printf 'ErrorDocument 404 /404.html\n' >"$C/.htaccess"
mkdir -p "$C/.well-known"
printf 'Contact: mailto:mairie@example.invalid\n' >"$C/.well-known/security.txt"
printf 'google-site-verification: google1234.html\n' >"$C/google1234.html"
mine "$C" >"$WORK/pub.0"
live=$(readlink "$C")
sed -i '0,/^titre: .*/s//titre: Repeindre le préau en vert/' ateliers/repeindre-le-preau.md
commit_all "$R" "titre vert" >/dev/null
fr publish --out "$WWW"
status "the upgraded fabrique publishes" 0 $st
check "a new release is live" test "$(readlink "$C")" != "$live"
mine "$C" >"$WORK/pub.1"
check "publish carries the hand files into the new release" cmp "$WORK/pub.0" "$WORK/pub.1"
lacks "no « pas de relevé » warning" "$WORK/.err" "pas de relevé"
check "nothing set aside beside the release" test -z "$(ls "$WWW/releases" | grep set-aside)"
check "the workshop removed is not in the new release" test ! -e "$C/ateliers/planter-des-haies"

