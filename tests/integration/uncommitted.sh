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

# Counted while the build goes on (another thread, its own handle on the
# repository): the note still comes when the output is up to date, after
# an untracked page too, and not under --quiet.
(cd "$R" && "$FABRIQUE" build site --out "$WORK/out2") 2>/dev/null
(cd "$R" && "$FABRIQUE" build site --out "$WORK/out2") 2>"$WORK/.err"
contains "up to date: the build did nothing" "$WORK/.err" "is up to date"
contains "up to date: the edit is still noted" "$WORK/.err" "note: 1 uncommitted change(s) under site/"
printf -- '---\ntitre: "Nouvelle"\n---\nTexte.\n' >"$R/site/pages/nouvelle.md"
(cd "$R/site" && "$FABRIQUE" build . --out "$WORK/out2") 2>"$WORK/.err"
contains "from the site folder: an untracked page counts too" "$WORK/.err" "note: 2 uncommitted change(s) under site/"
(cd "$R" && "$FABRIQUE" build site --out "$WORK/out2" --quiet) 2>"$WORK/.err"
lacks "--quiet: no note" "$WORK/.err" "uncommitted"
# A linked work tree (git worktree add) is counted as its own.
(cd "$R" && $GIT worktree add -q "$WORK/wt" 2>/dev/null)
echo "Ailleurs." >>"$WORK/wt/site/pages/contact.md"
(cd "$WORK/wt" && "$FABRIQUE" build site --out "$WORK/out3") 2>"$WORK/.err"
status "a linked work tree builds" 0 $?
contains "a linked work tree: its own edit is counted" "$WORK/.err" "note: 1 uncommitted change(s) under site/"
# A git folder kept apart from its work tree (core.worktree, as some
# deployments have): the edits of that work tree are counted, and
# nothing warns that they could not be.
S=$WORK/sep
mkmini "$S"
mv "$S/.git" "$WORK/sep.git"
$GIT --git-dir="$WORK/sep.git" config core.worktree "$S"
echo "Modifié." >>"$S/site/pages/contact.md"
(cd "$S" && "$FABRIQUE" build site --repo "$WORK/sep.git" --out "$WORK/out4") 2>"$WORK/.err"
status "core.worktree: the build succeeds" 0 $?
contains "core.worktree: the edit is counted" "$WORK/.err" "note: 1 uncommitted change(s) under site/"
lacks "core.worktree: no warning" "$WORK/.err" "cannot compare"
