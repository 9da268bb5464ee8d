#!/bin/sh
# A build killed with -9 (a laptop switched off mid-build) leaves its
# temporary folder and its lock beside public/: in a site made by init,
# git ignores them, so the "git add -A" init advises does not commit a
# copy of the generated site; the next build removes them.  Outside
# tester, session 21, F2: 828 files of .public.fabrique-XXXXXX/ committed.
. "$(dirname "$0")/../lib.sh"

S=$WORK/site
"$FABRIQUE" init "$S" --commune Saint-Aubin --insee 37299 \
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

# kill -9 while the temporary folder is being written
killed=no
tries=0
while [ $killed = no ] && [ $tries -lt 5 ]; do
	"$FABRIQUE" build --full -q 2>/dev/null &
	pid=$!
	n=0
	while [ $n -lt 2000 ] && kill -0 $pid 2>/dev/null; do
		if ls -d .public.fabrique-* >/dev/null 2>&1; then
			kill -9 $pid && killed=yes
			break
		fi
		n=$((n + 1))
	done
	wait $pid 2>/dev/null
	tries=$((tries + 1))
done
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
exit 0
