#!/bin/sh
# An edit build updates the output folder in place (output.h, journal.h):
# only the files that change are moved in, the others are not touched at
# all (same inode, mtime and ctime: not even hard-linked); a removed page
# takes its folder with it; a file edited by hand in the output is made
# again; a symbolic link planted in the output is refused and nothing
# outside it is touched; --atomic swaps a whole new folder in; a build
# killed (SIGKILL) while it applies its journal, or at any other moment,
# is finished by the next build, whose output equals a clean build's.
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
mkmini "$R"
cd "$R" || exit 1
OUT=$WORK/out
J=$WORK/.out.fabrique.journal

# clean_build DIR [ARGS]: a clean build into DIR (no previous output, an
# empty cache).
clean_build() {
	d=$1
	shift
	rm -rf "$d" "$WORK/cold"
	"$FABRIQUE" build site "$@" --full --cache "$WORK/cold" --out "$d" -q
}
# files DIR: each file's checksum and path; stats DIR: its inode, mtime
# and ctime (a hard link, or a file written anew, changes the ctime).
files() { (cd "$1" && find . -type f -exec sha1sum {} + | sort); }
stats() { (cd "$1" && find . -type f -exec stat -c '%n %i %y %z' {} + | sort); }
# leftovers: what fabrique left beside the output (journal, staging);
# journal: the journal alone (a build killed before it wrote its journal
# leaves its staging folder to the next build that writes, as before).
leftovers() { ls -a "$WORK" | grep -F '.out.fabrique' || true; }
journal() { ls -a "$WORK" | grep -F '.out.fabrique.journal' || true; }

"$FABRIQUE" build site --out "$OUT" -q
status "first build" 0 $?
dir_inode=$(stat -c %i "$OUT")
files "$OUT" >"$WORK/before.sum"
stats "$OUT" >"$WORK/before.stat"

sed -i 's/Des haies champêtres/Des haies vives et champêtres/' site/ateliers/planter-des-haies.md
commit_all "$R" "un atelier" >/dev/null
"$FABRIQUE" build site --out "$OUT" 2>"$WORK/.err"
status "one edit: the build succeeds" 0 $?
clean_build "$WORK/clean"
same_tree "one edit: the output equals a clean build" "$WORK/clean" "$OUT"
status "one edit: the output folder is updated in place, not replaced" "$dir_inode" "$(stat -c %i "$OUT")"
files "$OUT" >"$WORK/after.sum"
stats "$OUT" >"$WORK/after.stat"
comm -12 "$WORK/before.sum" "$WORK/after.sum" | awk '{print $2 " "}' >"$WORK/same.list"
comm -13 "$WORK/before.sum" "$WORK/after.sum" >"$WORK/changed.list"
check "one edit: files are unchanged" test "$(wc -l <"$WORK/same.list")" -gt 5
check "one edit: some files changed" test -s "$WORK/changed.list"
grep -F -f "$WORK/same.list" "$WORK/before.stat" >"$WORK/before.kept"
grep -F -f "$WORK/same.list" "$WORK/after.stat" >"$WORK/after.kept"
check "one edit: each unchanged file keeps its inode, mtime and ctime (not even linked)" \
	cmp "$WORK/before.kept" "$WORK/after.kept"
status "one edit: nothing is left beside the output" "" "$(leftovers)"

# a page edited by hand in the output, then another edit committed: the
# page is made again
sed -i 's/<html/<HTML/' "$OUT/ateliers/repeindre-le-preau/index.html"
echo "modifié à la main" >>"$OUT/404.html"
sed -i 's/Des haies vives/Des haies basses/' site/ateliers/planter-des-haies.md
commit_all "$R" "encore" >/dev/null
"$FABRIQUE" build site --out "$OUT" -q
status "edited by hand: the build succeeds" 0 $?
clean_build "$WORK/clean"
same_tree "edited by hand: both files are made again" "$WORK/clean" "$OUT"

# a page removed: its file and its folder go
(cd "$R" && $GIT rm -q site/pages/contact.md)
commit_all "$R" "suppression" >/dev/null
"$FABRIQUE" build site --out "$OUT" -q
status "removed page: the build succeeds" 0 $?
check "removed page: its folder is gone" test ! -e "$OUT/contact"
clean_build "$WORK/clean"
same_tree "removed page: the output equals a clean build" "$WORK/clean" "$OUT"

# --- symbolic links planted in the output --------------------------------
# A page's folder replaced by a link to a copy outside: the build that
# must write that page refuses, before changing anything; nothing outside
# is touched.
OUTSIDE=$WORK/outside
mkdir -p "$OUTSIDE"
cp -a "$OUT/ateliers/planter-des-haies/." "$OUTSIDE/"
rm -rf "$OUT/ateliers/planter-des-haies"
ln -s "$OUTSIDE" "$OUT/ateliers/planter-des-haies"
snapshot "$OUTSIDE" >"$WORK/outside.1"
snapshot "$OUT" >"$WORK/out.1"
sed -i 's/Des haies basses/Des haies hautes/' site/ateliers/planter-des-haies.md
commit_all "$R" "haies hautes" >/dev/null
"$FABRIQUE" build site --out "$OUT" 2>"$WORK/.err"
status "link to a page's folder: the build fails" 4 $?
contains "link to a page's folder: it says why" "$WORK/.err" "symbolic link inside it leads to ateliers/planter-des-haies/index.html"
snapshot "$OUTSIDE" >"$WORK/outside.2"
check "link to a page's folder: nothing outside is touched" cmp "$WORK/outside.1" "$WORK/outside.2"
snapshot "$OUT" >"$WORK/out.2"
check "link to a page's folder: the output is as it was" cmp "$WORK/out.1" "$WORK/out.2"
check "link to a page's folder: the link is still there" test -L "$OUT/ateliers/planter-des-haies"
status "link to a page's folder: nothing is left beside the output" "" "$(leftovers)"

# the same link on the way to a page removed
(cd "$R" && $GIT rm -q site/ateliers/planter-des-haies.md)
commit_all "$R" "sans haies" >/dev/null
"$FABRIQUE" build site --out "$OUT" 2>"$WORK/.err"
status "link to a removed page's folder: the build fails" 4 $?
snapshot "$OUTSIDE" >"$WORK/outside.2"
check "link to a removed page's folder: nothing outside is removed" cmp "$WORK/outside.1" "$WORK/outside.2"

# --atomic replaces the folder as a whole: the link goes, not its target
"$FABRIQUE" build site --out "$OUT" --atomic -q
status "--atomic: the build succeeds" 0 $?
check "--atomic: the link is gone" test ! -L "$OUT/ateliers/planter-des-haies"
snapshot "$OUTSIDE" >"$WORK/outside.2"
check "--atomic: nothing outside is touched" cmp "$WORK/outside.1" "$WORK/outside.2"
clean_build "$WORK/clean"
same_tree "--atomic: the output equals a clean build" "$WORK/clean" "$OUT"
check "--atomic: the folder is a new one" test "$dir_inode" != "$(stat -c %i "$OUT")"

# an unchanged page's folder replaced by a link: the edit build reads
# that page's calendar back through the output, meets the link and stops
# with the same words and status as for a page it writes (it said
# "cannot read back ...", exit 1, before)
KEPT=$WORK/kept-outside
mkdir -p "$KEPT"
cp -a "$OUT/ateliers/repeindre-le-preau/." "$KEPT/"
rm -rf "$OUT/ateliers/repeindre-le-preau"
ln -s "$KEPT" "$OUT/ateliers/repeindre-le-preau"
snapshot "$KEPT" >"$WORK/kept.1"
snapshot "$OUT" >"$WORK/out.1"
sed -i 's/^titre: .*/titre: Nettoyer le lavoir du bourg/' site/ateliers/nettoyer-le-lavoir-2025.md
commit_all "$R" "lavoir du bourg" >/dev/null
"$FABRIQUE" build site --out "$OUT" 2>"$WORK/.err"
status "link to an unchanged page's folder: the build fails as for a page it writes" 4 $?
contains "link to an unchanged page's folder: it says why" "$WORK/.err" "a symbolic link inside it leads to ateliers/repeindre-le-preau/"
lacks "link to an unchanged page's folder: not as a file it cannot read" "$WORK/.err" "cannot read back"
snapshot "$KEPT" >"$WORK/kept.2"
check "link to an unchanged page's folder: nothing outside is touched" cmp "$WORK/kept.1" "$WORK/kept.2"
snapshot "$OUT" >"$WORK/out.2"
check "link to an unchanged page's folder: the output is as it was" cmp "$WORK/out.1" "$WORK/out.2"
rm "$OUT/ateliers/repeindre-le-preau"
cp -a "$KEPT" "$OUT/ateliers/repeindre-le-preau"
"$FABRIQUE" build site --out "$OUT" -q
status "link to an unchanged page's folder: once removed, the build succeeds" 0 $?
clean_build "$WORK/clean"
same_tree "link to an unchanged page's folder: then the output equals a clean build" "$WORK/clean" "$OUT"

# a page's file replaced by a link to a file outside: the new page
# replaces the link, the file outside keeps its bytes
echo "à moi" >"$WORK/mine.txt"
rm "$OUT/ateliers/nettoyer-le-lavoir-2025/index.html"
ln -s "$WORK/mine.txt" "$OUT/ateliers/nettoyer-le-lavoir-2025/index.html"
sed -i 's/^titre: .*/titre: Nettoyer le vieux lavoir/' site/ateliers/nettoyer-le-lavoir-2025.md
commit_all "$R" "lavoir" >/dev/null
"$FABRIQUE" build site --out "$OUT" -q
status "link to a file outside: the build succeeds" 0 $?
status "link to a file outside: that file is untouched" "à moi" "$(cat "$WORK/mine.txt")"
clean_build "$WORK/clean"
same_tree "link to a file outside: the output equals a clean build" "$WORK/clean" "$OUT"

# --- a journal that is not one ----------------------------------------------
printf 'fabrique-journal 1\nS ../elsewhere\nD index.html\n' >"$J"
"$FABRIQUE" build site --out "$OUT" 2>"$WORK/.err"
status "a journal cut short: the build succeeds" 0 $?
contains "a journal cut short: it says so" "$WORK/.err" "cannot finish the update"
same_tree "a journal cut short: the output equals a clean build" "$WORK/clean" "$OUT"
status "a journal cut short: it is gone" "" "$(leftovers)"

# --- killed builds ----------------------------------------------------------
# C1: 300 more pages.  C2: the commune renamed (every page changes), 150
# pages added, 50 removed.  A build of C2 is killed while it applies its
# journal (stopped as soon as the journal appears, then SIGKILL), or after
# a random delay; the next build, of C1 or of C2, must give exactly a
# clean build's files.  Without the journal's roll-forward, a page C2
# added stays when C1 is built next (the record of the last build never
# listed it).
mkdir -p site/pages
i=1
while [ "$i" -le 300 ]; do
	printf -- '---\ntitre: Page %d\n---\nUn texte, page %d.\n' "$i" "$i" >site/pages/p-$i.md
	i=$((i + 1))
done
commit_all "$R" "300 pages" >/dev/null
i=1
while [ "$i" -le 150 ]; do
	printf -- '---\ntitre: Nouvelle %d\n---\nUn texte neuf, %d.\n' "$i" "$i" >site/pages/q-$i.md
	i=$((i + 1))
done
i=1
while [ "$i" -le 50 ]; do rm site/pages/p-$i.md; i=$((i + 1)); done
sed -i 's/nom: Villeneuve-Test/nom: Villeneuve-sur-Test/' site/site.yaml
commit_all "$R" "renommée, 150 pages de plus, 50 de moins" >/dev/null
clean_build "$WORK/clean1" --ref HEAD~1
clean_build "$WORK/clean2"

# killed NAME HOW: the output at C1, a build of C2 killed (HOW: "journal"
# or a delay in seconds); sets $left to "journal left" or "no journal".
killed() {
	"$FABRIQUE" build site --ref HEAD~1 --out "$OUT" -q 2>"$WORK/.err"
	status "$1: the output is at C1 first" 0 $?
	"$FABRIQUE" build site --out "$OUT" -q 2>"$WORK/.err" &
	pid=$!
	if [ "$2" = journal ]; then
		while [ ! -e "$J" ] && kill -0 "$pid" 2>/dev/null; do :; done
		kill -STOP "$pid" 2>/dev/null
	elif [ "$2" = moved ]; then # once the first new page is in
		while [ ! -e "$OUT/q-1" ] && kill -0 "$pid" 2>/dev/null; do :; done
		kill -STOP "$pid" 2>/dev/null
	else
		sleep "$2"
	fi
	kill -KILL "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	left="no journal"
	[ -e "$J" ] && left="journal left"
}

# after NAME REF CLEAN: the next build (of REF), then the same clean build.
after() {
	"$FABRIQUE" build site --ref "$2" --out "$OUT" 2>"$WORK/.err"
	status "$1: the next build succeeds" 0 $?
	same_tree "$1: the output equals a clean build" "$3" "$OUT"
	status "$1: no journal is left" "" "$(journal)"
	"$FABRIQUE" build site --ref "$2" --out "$OUT" 2>"$WORK/.err"
	contains "$1: then it is up to date" "$WORK/.err" "is up to date"
}

journals=0
for n in 1 2 3 4; do
	killed "stopped on its journal ($n)" journal
	echo "# stopped on its journal ($n): $left"
	if [ "$left" = "journal left" ]; then
		journals=$((journals + 1))
		# the next build finishes it before anything else
		"$FABRIQUE" build site --ref HEAD~1 --out "$OUT" 2>"$WORK/.err"
		status "stopped on its journal ($n): the next build (C1) succeeds" 0 $?
		contains "stopped on its journal ($n): the update is finished first" "$WORK/.err" "finished the update that an interrupted build"
		same_tree "stopped on its journal ($n): the output equals a clean build of C1" "$WORK/clean1" "$OUT"
		status "stopped on its journal ($n): nothing is left beside the output" "" "$(leftovers)"
	fi
done
check "stopped on their journal: at least one build was killed while applying it" test "$journals" -gt 0

# stopped once the first new page is in, the rest not yet: the next
# build, of C1, must not keep the pages C2 added
for n in 1 2; do
	killed "stopped midway ($n)" moved
	check "stopped midway ($n): the output is a mix" test -e "$OUT/q-1" -a -e "$J"
	after "stopped midway ($n), then C1" HEAD~1 "$WORK/clean1"
done

killed "stopped on its journal, then C2" journal
after "stopped on its journal, then C2 ($left)" HEAD "$WORK/clean2"

# random delays (seeded: INCR_SEED picks others), the next build
# alternately of C1 and of C2
seed=${INCR_SEED:-14}
for d in $(awk -v s="$seed" 'BEGIN { srand(s); for (i = 0; i < 6; i++) printf "%.2f ", 0.05 + rand() * 1.5 }'); do
	killed "killed after $d s" "$d"
	echo "# killed after $d s: $left"
	if [ "${flip:-0}" = 0 ]; then
		after "killed after $d s, then C1 ($left)" HEAD~1 "$WORK/clean1"
		flip=1
	else
		after "killed after $d s, then C2 ($left)" HEAD "$WORK/clean2"
		flip=0
	fi
done
