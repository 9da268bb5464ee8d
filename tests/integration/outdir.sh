#!/bin/sh
# The output folder is replaced as a whole, so fabrique replaces only a
# folder it wrote (marked by .fabrique-site), an empty one or a missing
# one; never the repository, the site, or a folder of documents (exit 4).
. "$(dirname "$0")/../lib.sh"

mkrepo "$WORK/repo"
echo "mes notes" >"$WORK/repo/notes.txt"
before=$(snapshot "$WORK/repo")

refused() { # refused NAME DIR-TO-KEEP COMMAND...: exit 4, DIR unchanged
	name=$1 keep=$2; shift 2
	snap=$(snapshot "$keep")
	"$@" >"$WORK/.out" 2>"$WORK/.err"
	status "$name: exit 4" 4 $?
	if [ "$(snapshot "$keep")" = "$snap" ] && [ -n "$snap" ]; then
		ok "$name: nothing deleted"
	else not_ok "$name: nothing deleted" "$(ls -a "$keep")"; fi
}

cd "$WORK" || exit 1
refused "--out the repository" "$WORK/repo" \
	"$FABRIQUE" build repo/content --out repo
refused "--out . from the repository's parent" "$WORK/repo" \
	"$FABRIQUE" build repo/content --out .
refused "--out the repository through content/.." "$WORK/repo" \
	"$FABRIQUE" build repo/content --out repo/content/..
contains "the message says the output holds the repository" "$WORK/.err" \
	"which fabrique reads from"
refused "--out inside the site folder" "$WORK/repo" \
	"$FABRIQUE" build repo/content --out repo/content/public
contains "the message says it lies inside the site folder" "$WORK/.err" \
	"lies inside the site folder"

mkdir -p "$WORK/these"
echo "chapitre 1" >"$WORK/these/these.tex"
refused "--out a folder of documents" "$WORK/these" \
	"$FABRIQUE" build repo/content --out these
contains "the message names what the folder holds" "$WORK/.err" \
	"error: these is not a site written by fabrique (it holds these.tex); refusing to replace it; choose an empty folder or remove it yourself"
LANGUAGE= LC_ALL=fr_FR.UTF-8 "$FABRIQUE" build repo/content --out these 2>"$WORK/.err"
contains "the message in French" "$WORK/.err" \
	"erreur : these n’est pas un site écrit par fabrique (il contient these.tex)"
refused "publish into a folder of documents" "$WORK/these" \
	"$FABRIQUE" publish repo/content --out these

if [ "$(snapshot "$WORK/repo")" = "$before" ] && [ -d "$WORK/repo/.git" ]; then
	ok "the repository is intact"
else not_ok "the repository is intact"; fi

"$FABRIQUE" build repo/content --out public -q 2>"$WORK/.err"
status "a missing folder is fine" 0 $?
check "the output is marked as fabrique's" test -f public/.fabrique-site
echo "old" >public/stale.html # not made by fabrique: added by hand
inode=$(stat -c %i public)
"$FABRIQUE" build repo/content --out public -q --full 2>"$WORK/.err"
status "a folder fabrique wrote is replaced" 0 $?
check "by a new folder" test "$inode" != "$(stat -c %i public)"
# a file the webmaster added is carried into it (handadded.sh: and a
# page removed from the site goes)
check "a file added by hand is kept" test -f public/stale.html
mkdir vide
"$FABRIQUE" build repo/content --out vide -q 2>"$WORK/.err"
status "an empty folder is fine" 0 $?
"$FABRIQUE" publish repo/content --out deploy -q 2>"$WORK/.err"
status "publish into a new folder" 0 $?
check "the deploy folder is marked" test -f deploy/.fabrique-site
"$FABRIQUE" publish repo/content --out deploy -q 2>"$WORK/.err"
status "publish again into it" 0 $?

# A web root that is a symbolic link (www -> public_html, common on
# shared hosting): the build goes into the folder it leads to, the link
# stays a link; with --atomic too.  A link that leads nowhere is refused,
# saying so, and left as it is.
mkdir public_html
ln -s "$WORK/public_html" www
"$FABRIQUE" build repo/content --out www 2>"$WORK/.err"
status "--out a link to an empty folder: built" 0 $?
check "into the folder it leads to" test -f public_html/index.html -a -f public_html/.fabrique-site
check "the link is still a link to it" test "$(readlink www)" = "$WORK/public_html"
contains "the message names the folder" "$WORK/.err" "into $WORK/public_html"
"$FABRIQUE" build repo/content --out www/ 2>"$WORK/.err"
contains "--out www/: the same folder, up to date" "$WORK/.err" "$WORK/public_html is up to date"
"$FABRIQUE" build repo/content --out www --full --atomic -q 2>"$WORK/.err"
status "--out a link, --full --atomic: built" 0 $?
check "--atomic: the link still leads to the site" test -f www/index.html -a "$(readlink www)" = "$WORK/public_html"
ln -s "$WORK/nulle-part" www2
refused "--out a link to nothing" "$WORK/repo" "$FABRIQUE" build repo/content --out www2
contains "it says the link leads to no folder" "$WORK/.err" "www2: error: is a symbolic link that leads to no folder"
check "the link is left as it is" test "$(readlink www2)" = "$WORK/nulle-part" -a ! -e "$WORK/nulle-part"
