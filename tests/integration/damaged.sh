#!/bin/sh
# A damaged repository (objects missing): exit 3 and a message saying
# what could not be read and where, never a silent failure.
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
mkmini "$R"
(cd "$R" && $GIT commit -q --allow-empty -m "second")
drop() { # drop OBJECT: removes a loose object from the repository
	id=$(cd "$R" && git rev-parse "$1")
	rm -f "$R/.git/objects/$(echo "$id" | cut -c1-2)/$(echo "$id" | cut -c3-)"
	echo "$id"
}

cp -R "$R" "$WORK/r1"
R=$WORK/r1 id=$(drop HEAD:site/pages)
(cd "$WORK/r1" && "$FABRIQUE" build site --out "$WORK/out" -q) 2>"$WORK/.err"
status "a missing folder object: exit 3" 3 $?
contains "the folder is named, with the missing object" "$WORK/.err" \
	"site/pages/: error: cannot read this folder from the repository: its object $id is missing"
(cd "$WORK/r1" && LANGUAGE= LC_ALL=fr_FR.UTF-8 "$FABRIQUE" build site --out "$WORK/out" -q) 2>"$WORK/.err"
contains "in French too" "$WORK/.err" "site/pages/: erreur : impossible de lire ce dossier"

cp -R "$WORK/repo" "$WORK/r2"
R=$WORK/r2 id=$(drop HEAD:site/pages/contact.md)
(cd "$WORK/r2" && "$FABRIQUE" build site --out "$WORK/out" -q) 2>"$WORK/.err"
status "a missing file object: exit 3" 3 $?
contains "the file is named" "$WORK/.err" \
	"site/pages/contact.md: error: cannot read this file from the repository"

cp -R "$WORK/repo" "$WORK/r3"
R=$WORK/r3 id=$(drop HEAD^{tree})
(cd "$WORK/r3" && "$FABRIQUE" build site --out "$WORK/out" -q) 2>"$WORK/.err"
st=$?
status "a missing root tree: exit 3" 3 $st
if [ -s "$WORK/.err" ] && grep -q "error" "$WORK/.err"; then ok "a missing root tree: a message"
else not_ok "a missing root tree: a message" "stderr empty"; fi

cp -R "$WORK/repo" "$WORK/r4"
R=$WORK/r4 id=$(drop HEAD~1)
(cd "$WORK/r4" && "$FABRIQUE" build site --out "$WORK/out" -q) 2>"$WORK/.err"
st=$?
if [ -s "$WORK/.err" ] || [ $st -eq 0 ]; then ok "a missing parent commit: a message or a build"
else not_ok "a missing parent commit: a message or a build" "exit $st, stderr empty"; fi
