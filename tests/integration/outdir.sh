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
LC_ALL=fr_FR.UTF-8 "$FABRIQUE" build repo/content --out these 2>"$WORK/.err"
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
