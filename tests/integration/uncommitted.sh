#!/bin/sh
# The note "N uncommitted change(s)" counts edits not in HEAD: building
# an older commit with --ref does not count later commits as edits, and
# fabrique's own files do not count.
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
mkmini "$R"
echo "Plus de texte." >>"$R/site/pages/contact.md"
commit_all "$R" "contact complété"
(cd "$R" && "$FABRIQUE" build site --ref HEAD~1 --out "$WORK/out") 2>"$WORK/.err"
status "builds the older commit" 0 $?
lacks "--ref: later commits are not uncommitted changes" "$WORK/.err" "uncommitted"
(cd "$R" && "$FABRIQUE" build site --out "$WORK/out") 2>"$WORK/.err"
lacks "a clean work tree, after a build: no note" "$WORK/.err" "uncommitted"
echo "Une modification." >>"$R/site/pages/contact.md"
(cd "$R" && "$FABRIQUE" build site --ref HEAD~1 --out "$WORK/out") 2>"$WORK/.err"
contains "--ref: a real edit is counted once" "$WORK/.err" "1 uncommitted change(s)"
