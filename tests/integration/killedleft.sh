#!/bin/sh
# A build killed with -9 (a laptop switched off mid-build) leaves its
# temporary folder and its lock beside public/: in a site made by init,
# git ignores them, so the "git add -A" init advises does not commit a
# copy of the generated site; the next build removes them.  Outside
# tester, session 21, F2: 828 files of .public.fabrique-XXXXXX/ committed.
. "$(dirname "$0")/../lib.sh"

S=$WORK/site
"$FABRIQUE" init "$S" --commune Saint-Aubin --insee 37214 \
	--url https://journee.saint-aubin.fr >/dev/null 2>"$WORK/.err"
status "init makes a site" 0 $?
cd "$S" || exit 0
i=0
while [ $i -lt 300 ]; do
	printf -- '---\ntitre: Atelier numéro %s\nresume: Un atelier numéro %s.\nedition: 2027\ndebut: "09:00"\nfin: "12:00"\nlieu: Mairie\nstatut: propose\n---\nTexte.\n' \
		$i $i >"ateliers/atelier-$i.md"
	i=$((i + 1))
done
$GIT add -A && $GIT commit -qm "300 ateliers"

# kill_build: a build --full killed with -9 while it writes its
# temporary folder (a file in it: git keeps no empty folder, and under
# ASan the kill once came between the folder and its first file, so
# nothing was committed); $killed says whether one was.
kill_build() {
	killed=no
	tries=0
	while [ $killed = no ] && [ $tries -lt 5 ]; do
		"$FABRIQUE" build --full -q 2>/dev/null &
		pid=$!
		n=0
		while [ $n -lt 2000 ] && kill -0 $pid 2>/dev/null; do
			if [ -n "$(find .public.fabrique-* -type f 2>/dev/null | head -n 1)" ]; then
				kill -9 $pid && killed=yes
				break
			fi
			n=$((n + 1))
		done
		wait $pid 2>/dev/null
		tries=$((tries + 1))
	done
}
kill_build
check "a build was killed while writing its temporary folder" test $killed = yes
check "it left its temporary folder" sh -c 'ls -d .public.fabrique-* >/dev/null 2>&1'
$GIT status --porcelain --untracked-files=all >"$WORK/status"
lacks "git status shows none of it" "$WORK/status" ".public.fabrique"
$GIT add -A
$GIT status --porcelain >"$WORK/status"
lacks "git add -A, as init advises, adds none of it" "$WORK/status" ".public.fabrique"
# the lock, the journal a killed in-place update leaves, by their names
touch .public.fabrique.lock .public.fabrique.journal
$GIT status --porcelain --untracked-files=all >"$WORK/status"
lacks "nor the lock or the journal" "$WORK/status" ".public.fabrique"
rm -f .public.fabrique.journal
"$FABRIQUE" build -q 2>"$WORK/.err"
status "the next build completes" 0 $?
check "and removes what the killed one left" sh -c '! ls -d .public.fabrique* >/dev/null 2>&1'
# A site made by an older init (tester21 F2, rest): its .gitignore lacks
# the line, and check notes it, with the line to add.
sed -i '/^\/\.public\.fabrique\*$/d' .gitignore
$GIT commit -qam "l'ancien .gitignore"
"$FABRIQUE" check 2>"$WORK/.err"
contains "an old .gitignore: check notes the line it lacks" "$WORK/.err" \
	".gitignore: note: this .gitignore, made by an older fabrique init, does not name what a build stopped midway leaves beside public/"
contains "an old .gitignore: with the line to add" "$WORK/.err" "add the line '/.public.fabrique*' to it"
# Killed, then git add -A: the half-built site and the lock are
# committed.  check and the build warn, saying how to take them out.
kill_build
check "an old .gitignore: a build was killed" test $killed = yes
$GIT add -A && $GIT commit -qm "Nos pages"
check "an old .gitignore: git add -A committed the killed build's folder" sh -c "$GIT ls-files | grep -q '^\.public\.fabrique-[^/]*/'"
check "an old .gitignore: and its lock" sh -c "$GIT ls-files | grep -qx '\.public\.fabrique\.lock'"
"$FABRIQUE" check 2>"$WORK/.err"
status "check: a warning, not an error" 0 $?
contains "check warns of the committed folder" "$WORK/.err" "warning: a build's temporary folder (a half-built copy of the site,"
contains "check: the command that takes it out of git" "$WORK/.err" "take it out of git with 'git rm -r -q --cached .public.fabrique-"
contains "check: the line for .gitignore" "$WORK/.err" "add the line '/.public.fabrique*' to .gitignore"
contains "check warns of the committed lock" "$WORK/.err" ".public.fabrique.lock: warning: a build's lock or journal is committed in git"
"$FABRIQUE" check --strict -q 2>"$WORK/.err"
check "check --strict refuses it (the hooks too)" test $? -ne 0
"$FABRIQUE" build -q 2>"$WORK/.err"
status "the build: published all the same" 0 $?
contains "the build warns too" "$WORK/.err" "warning: a build's temporary folder"
LANGUAGE= LC_ALL=fr_FR.UTF-8 LANG=fr_FR.UTF-8 "$FABRIQUE" check 2>"$WORK/.err"
contains "in French" "$WORK/.err" "retirez-le de git avec « git rm -r -q --cached .public.fabrique-"
# Done as the warning says: nothing more is said.
"$FABRIQUE" check 2>"$WORK/.err"
sed -n "s/.*'\(git rm [^']*--cached [^']*\)'.*/\1/p" "$WORK/.err" >"$WORK/fix"
check "the two commands are given" test "$(wc -l <"$WORK/fix")" -eq 2
while read -r cmd; do $cmd; done <"$WORK/fix"
echo '/.public.fabrique*' >>.gitignore
$GIT add -A && $GIT commit -qm "Sans la construction interrompue"
"$FABRIQUE" check 2>"$WORK/.err"
lacks "once done as said: no warning" "$WORK/.err" ".public.fabrique"
check "and git holds none of it" sh -c "! $GIT ls-files | grep -q fabrique"
exit 0
