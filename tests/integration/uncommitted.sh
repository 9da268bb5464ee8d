#!/bin/sh
# The note "N uncommitted changes" counts edits not in HEAD: building
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
contains "--ref: a real edit is counted once" "$WORK/.err" "1 uncommitted change under"

# Counted while the build goes on (another thread, its own handle on the
# repository): the note still comes when the output is up to date, after
# an untracked page too, and not under --quiet.
(cd "$R" && "$FABRIQUE" build site --out "$WORK/out2") 2>/dev/null
(cd "$R" && "$FABRIQUE" build site --out "$WORK/out2") 2>"$WORK/.err"
contains "up to date: the build did nothing" "$WORK/.err" "is up to date"
contains "up to date: the edit is still noted" "$WORK/.err" "note: 1 uncommitted change under site/ is not"
printf -- '---\ntitre: "Nouvelle"\n---\nTexte.\n' >"$R/site/pages/nouvelle.md"
(cd "$R/site" && "$FABRIQUE" build . --out "$WORK/out2") 2>"$WORK/.err"
contains "from the site folder: an untracked page counts too" "$WORK/.err" "note: 2 uncommitted changes under site/ are not"
(cd "$R" && "$FABRIQUE" build site --out "$WORK/out2" --quiet) 2>"$WORK/.err"
lacks "--quiet: no note" "$WORK/.err" "uncommitted"
# A linked work tree (git worktree add) is counted as its own.
(cd "$R" && $GIT worktree add -q "$WORK/wt" 2>/dev/null)
echo "Ailleurs." >>"$WORK/wt/site/pages/contact.md"
(cd "$WORK/wt" && "$FABRIQUE" build site --out "$WORK/out3") 2>"$WORK/.err"
status "a linked work tree builds" 0 $?
contains "a linked work tree: its own edit is counted" "$WORK/.err" "note: 1 uncommitted change under site/ is not"
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
contains "core.worktree: the edit is counted" "$WORK/.err" "note: 1 uncommitted change under site/ is not"
lacks "core.worktree: no warning" "$WORK/.err" "cannot compare"

# A clean work tree is told from the index's stat data (src/gitclean.c),
# once the index was written after the files (as after any git status):
# what that shortcut trusts must still let every change through.
C=$WORK/clean
mkmini "$C"
# settle: files written minutes ago, the index refreshed now (so none
# of its entries is "racily clean" and the shortcut is taken); a time
# of its own each call, since git refreshes an entry only when the
# second it recorded moved.
AGO=1
settle() {
	AGO=$((AGO + 1))
	find "$C" -path "$C/.git" -prune -o -exec touch -d "$AGO minutes ago" {} +
	(cd "$C" && $GIT update-index -q --refresh)
}
note() { # note LABEL EXPECTED(0 = no note)
	(cd "$C" && "$FABRIQUE" build site --out "$WORK/outc") 2>"$WORK/.err"
	if [ "$2" = 0 ]; then lacks "$1" "$WORK/.err" "uncommitted"
	elif [ "$2" = 1 ]; then contains "$1" "$WORK/.err" "note: 1 uncommitted change under site/ is not"
	else contains "$1" "$WORK/.err" "note: $2 uncommitted changes under site/ are not"; fi
}
reset_clean() { (cd "$C" && $GIT reset -q --hard && $GIT clean -qfd) && settle; }
settle
note "settled clean work tree: no note" 0
note "settled clean work tree, output up to date: no note" 0
P=$C/site/pages/contact.md
cp -p "$P" "$WORK/ref"
printf 'X' | dd of="$P" bs=1 seek=5 conv=notrunc 2>/dev/null
touch -r "$WORK/ref" "$P"
note "an edit keeping the file's size and time (only its ctime moves) is counted" 1
reset_clean
chmod +x "$P"
note "a file made executable is counted" 1
reset_clean
echo "Mis de côté." >>"$P"
(cd "$C" && $GIT add site/pages/contact.md)
settle
note "a staged edit (index differs from HEAD, work tree as the index) is counted" 1
reset_clean
rm "$P"
note "a deleted page is counted" 1
reset_clean
mkdir -p "$C/site/brouillons"
printf -- '---\ntitre: "Essai"\n---\nTexte.\n' >"$C/site/brouillons/essai.md"
settle
note "an untracked page in a new folder is counted" 1
reset_clean
echo '*.bak' >>"$C/.git/info/exclude"
echo "vieux" >"$C/site/pages/contact.md.bak"
mkdir -p "$C/site/pages/vieux.bak"
echo "vieux" >"$C/site/pages/vieux.bak/a.md"
settle
note "an ignored file and an ignored folder are not counted" 0
echo "neuf" >"$C/site/pages/neuf.txt"
settle
note "beside them, an untracked file is counted" 1
rm "$C/site/pages/neuf.txt"
mkdir -p "$C/site/vide"
settle
note "an empty folder is not counted" 0
rmdir "$C/site/vide"
# The index's cache tree says what is staged: whole again after git
# write-tree, it must still be compared with HEAD's tree.
echo "Mis de côté." >>"$P"
(cd "$C" && $GIT add site/pages/contact.md && $GIT write-tree >/dev/null)
settle
note "a staged edit, the cache tree written again, is counted" 1
reset_clean
note "clean again: no note" 0
# Index formats the shortcut does not read (4, split): git decides.
(cd "$C" && $GIT update-index --index-version 4)
settle
note "index format 4, clean: no note" 0
echo "Encore." >>"$P"
settle
note "index format 4: an edit is counted" 1
reset_clean
(cd "$C" && $GIT update-index --index-version 2 --split-index)
echo "Encore." >>"$P"
(cd "$C" && $GIT add site/pages/contact.md)
settle
note "split index: a staged edit is counted" 1

# A site at the root of its repository, its output public/ ignored: the
# files a build keeps beside public/ while it runs (its lock, journal,
# the new output before its rename) are not the editor's changes; the
# count used to take them in, or not, depending on when it ran.
Rt=$WORK/racine
mkdir -p "$Rt"
cp -R "$TOP/tests/fixtures/mini/." "$Rt/"
cp -R "$TOP/themes" "$Rt/themes"
echo "public/" >"$Rt/.gitignore"
(cd "$Rt" && $GIT init -q && $GIT add -A && $GIT commit -qm "Premier contenu")
(cd "$Rt" && "$FABRIQUE" build . --out public) 2>"$WORK/.err"
status "a site at the root builds into public/" 0 $?
lacks "a site at the root, clean: no note while building" "$WORK/.err" "uncommitted"
echo "verrou" >"$Rt/.public.fabrique.lock"
mkdir -p "$Rt/.public.fabrique-Ab12Cd"
echo "page" >"$Rt/.public.fabrique-Ab12Cd/index.html"
(cd "$Rt" && "$FABRIQUE" build . --out public) 2>"$WORK/.err"
lacks "the build's own lock and new output folder are not counted" "$WORK/.err" "uncommitted"
echo "Plus." >>"$Rt/pages/contact.md"
echo "à moi" >"$Rt/.public.fabrique.lock.bak"
(cd "$Rt" && "$FABRIQUE" build . --out public) 2>"$WORK/.err"
contains "beside them, an edit and a file of the editor's are counted" "$WORK/.err" "note: 2 uncommitted changes under ./ are not"
# The same, settled so that the stat-data shortcut answers (src/gitclean.c
# skips the build's own files too): it must still see the editor's file
# whose name only starts like them.
(cd "$Rt" && $GIT checkout -q -- pages/contact.md)
find "$Rt" -path "$Rt/.git" -prune -o -path "$Rt/public" -prune -o \
	-exec touch -d "30 minutes ago" {} +
(cd "$Rt" && $GIT update-index -q --refresh)
(cd "$Rt" && "$FABRIQUE" build . --out public) 2>"$WORK/.err"
contains "settled: the editor's file beside the build's own is counted" "$WORK/.err" "note: 1 uncommitted change under ./ is not"
rm "$Rt/.public.fabrique.lock.bak"
(cd "$Rt" && "$FABRIQUE" build . --out public) 2>"$WORK/.err"
lacks "settled: the build's own files alone are not counted" "$WORK/.err" "uncommitted"

# check's last line, the one an editor reads: what was checked (the
# commit) and that the edited files were not, with the command that
# checks them (it said "no warning, no error" under a note).
Rv=$WORK/verdict
mkmini "$Rv"
(cd "$Rv" && "$FABRIQUE" check site) 2>"$WORK/.err"
last=$(tail -n 1 "$WORK/.err")
if [ "$last" = "fabrique: no warning, no error" ]; then ok "check, clean: the last line as before"
else not_ok "check, clean: the last line as before" "$last"; fi
head=$(cd "$Rv" && $GIT rev-parse --short=7 HEAD)
echo "modifié" >>"$Rv/site/pages/contact.md"
(cd "$Rv" && "$FABRIQUE" check site) 2>"$WORK/.err"
last=$(tail -n 1 "$WORK/.err")
if [ "$last" = "fabrique: no warning, no error in commit $head; 1 file changed since is not checked: fabrique check site --worktree checks it" ]; then
	ok "check, one edit: the last line says the commit, the edit and the command"
else not_ok "check, one edit: the last line says the commit, the edit and the command" "$last"; fi
lacks "check, one edit: not said twice" "$WORK/.err" "uncommitted"
printf -- "---\ntitre: Nouvelle\n---\nTexte.\n" >"$Rv/site/pages/nouvelle.md"
(cd "$Rv/site" && LANGUAGE= LC_ALL=fr_FR.UTF-8 LANG=fr_FR.UTF-8 "$FABRIQUE" check) 2>"$WORK/.err"
last=$(tail -n 1 "$WORK/.err")
if [ "$last" = "fabrique : aucun avertissement, aucune erreur dans le commit $head ; 2 fichiers modifiés depuis ne sont pas vérifiés : fabrique check --worktree les vérifie" ]; then
	ok "check, two edits, in French: the last line"
else not_ok "check, two edits, in French: the last line" "$last"; fi
(cd "$Rv" && "$FABRIQUE" check site --worktree) 2>"$WORK/.err"
last=$(tail -n 1 "$WORK/.err")
if [ "$last" = "fabrique: no warning, no error" ]; then ok "check --worktree: the files as they are, no word of edits"
else not_ok "check --worktree: the files as they are, no word of edits" "$last"; fi
# with an error, the note stays (no last line of success)
echo 'Voir [rien](absent.md).' >>"$Rv/site/pages/contact.md"
(cd "$Rv" && $GIT add site/pages/contact.md && $GIT commit -qm "lien cassé" && echo "x" >>site/pages/contact.md)
(cd "$Rv" && "$FABRIQUE" check site) 2>"$WORK/.err"
contains "check with an error: the edits still noted" "$WORK/.err" "note: 2 uncommitted changes under site/ are not"
