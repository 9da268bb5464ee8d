#!/bin/sh
# A full disk under the output: build and publish say so in ONE line
# (how much the new site needs, how much is free), exit 4 ("output not
# writable"), and leave the previous site byte for byte as it was, with
# no temporary folder left behind.
#
# Two ways, both on the real binary:
#  - strace's fault injection makes one system call fail with ENOSPC at
#    several points (the first write of each thread, a page, the mark
#    written at the commit, a file's creation, a folder's creation);
#  - when a tmpfs can be mounted in a private namespace (unshare -rm), a
#    real disk too small for the new site beside the old one.
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
mkmini "$R"
cd "$WORK" || exit 1
mkdir "$WORK/disk"
WWW=$WORK/disk/www
"$FABRIQUE" build "$R/site" --repo "$R" --out "$WWW" -q 2>"$WORK/.err"
status "the first build succeeds" 0 $?
snapshot "$WWW" >"$WORK/old.sum"
echo "Une page de plus." >>"$R/site/pages/contact.md"
commit_all "$R" "Modification"

# verdict NAME TEXT: what a build that found the disk full leaves.
# $WORK/.err holds its standard error, $st its exit status.
verdict() {
	vn=$1
	status "$vn: exit status 4" 4 "$st"
	check "$vn: one line on stderr" test "$(wc -l <"$WORK/.err")" -eq 1
	contains "$vn: it says the disk is full" "$WORK/.err" "$2"
	check "$vn: the previous site is intact" sh -c "cd '$WWW' && find . -type f -exec sha1sum {} + | sort | cmp -s - '$WORK/old.sum'"
	check "$vn: no temporary folder left" sh -c "test \"\$(ls -A '$WORK/disk')\" = www"
}
EN="disk holding this folder is full"

if ! command -v strace >/dev/null 2>&1 ||
	! strace -f -o /dev/null -e trace=getpid true 2>/dev/null; then
	echo "ok - disk full by fault injection # SKIP strace missing or ptrace not permitted"
else
	# LeakSanitizer cannot run under ptrace: it would end a sanitizer
	# build (make check's second pass) with its own message and status.
	export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
	build() { "$FABRIQUE" build "$R/site" --repo "$R" --out "$WWW" --full --jobs 1 -q; }
	# failing CALL N: the Nth CALL of each thread fails with ENOSPC.
	failing() {
		c=$1 n=$2
		shift 2
		strace -f -qq -o /dev/null -e trace="$c" \
			-e inject="$c":error=ENOSPC:when="$n" "$@" 2>"$WORK/.err"
	}
	# strace counts calls per thread: the Nth write of every thread fails.
	# The main thread writes the feeds after the pages' threads are done,
	# so aiming at its first feed makes a page's thread fail first, and
	# the main thread's own line on stderr comes well before its Nth write.
	strace -f -qq -y -o "$WORK/.trace" -e trace=execve,write "$FABRIQUE" build "$R/site" \
		--repo "$R" --out "$WORK/probe" --full --jobs 1 -q
	main=$(head -n 1 "$WORK/.trace" | cut -d' ' -f1)
	nth() { awk -v p="$main" '$1 == p && / write\(/' "$WORK/.trace" | grep -n "$1" | head -n 1 | cut -d: -f1; }
	feed=$(nth 'probe\.fabrique-[^/]*/[^>]*\.xml>')
	check "the probe finds a feed written by the main thread (write $feed)" test "${feed:-0}" -ge 6
	rm -rf "$WORK/probe"
	for p in write:${feed:-6} write:$((${feed:-6} + 2)) openat2:1 openat2:7 mkdirat:1 mkdirat:3; do
		failing "${p%:*}" "${p#*:}" "$FABRIQUE" build "$R/site" --repo "$R" \
			--out "$WWW" --full --jobs 1 -q
		st=$?
		verdict "build, $p fails with ENOSPC" "$EN"
	done
	# an edit build updates the output in place: the staged files, the
	# journal (written and fsync()ed before anything is moved)
	for p in openat2:1 mkdirat:1 fsync:1; do
		failing "${p%:*}" "${p#*:}" "$FABRIQUE" build "$R/site" --repo "$R" \
			--out "$WWW" --jobs 1 -q
		st=$?
		verdict "edit build in place, $p fails with ENOSPC" "$EN"
	done
	# in French, with the figures in French units
	LANGUAGE= LC_ALL=fr_FR.UTF-8 LANG=fr_FR.UTF-8 failing write "${feed:-6}" "$FABRIQUE" build "$R/site" --repo "$R" \
		--out "$WWW" --full --jobs 1 -q
	st=$?
	verdict "build in French" "le disque qui porte ce dossier est plein"
	check "build in French: sizes in Ko or Mo" grep -q "au moins [0-9,]* [KM]o et" "$WORK/.err"
	# several threads at once (the default number of jobs)
	failing openat2 1 "$FABRIQUE" build "$R/site" --repo "$R" --out "$WWW" --full -q
	st=$?
	verdict "build, every thread's first file fails" "$EN"

	# ---- publish: the release is not made, current does not move --------
	DEP=$WORK/disk/deploy
	WWW_SAVED=$WWW
	# a commit that rewrites every page: a release shares with the live
	# one the files that did not change (publish_shared.sh), and the
	# faults below aim at files written anew
	sed -i 's/nom: Villeneuve-Test/nom: Villeneuve-sur-Essai/' "$R/site/site.yaml"
	commit_all "$R" "Le nom de la commune" >/dev/null
	"$FABRIQUE" publish "$R/site" --repo "$R" --ref HEAD~1 --out "$DEP" -q 2>"$WORK/.err"
	status "a first publish succeeds" 0 $?
	cur=$(readlink "$DEP/current")
	snapshot "$DEP" >"$WORK/dep.sum"
	for p in openat2:1 openat2:3 mkdirat:1; do
		failing "${p%:*}" "${p#*:}" "$FABRIQUE" publish "$R/site" --repo "$R" \
			--out "$DEP" -q
		st=$?
		status "publish, $p fails: exit status 4" 4 $st
		check "publish, $p fails: one line on stderr" test "$(wc -l <"$WORK/.err")" -eq 1
		contains "publish, $p fails: it says the disk is full" "$WORK/.err" "$EN"
		check "publish, $p fails: current did not move" test "$(readlink "$DEP/current")" = "$cur"
		check "publish, $p fails: the deploy folder is intact" sh -c "cd '$DEP' && find . -type f -exec sha1sum {} + | sort | cmp -s - '$WORK/dep.sum'"
		check "publish, $p fails: no leftover in releases" sh -c "! ls -A '$DEP/releases' | grep -q '^\\.'"
	done
	rm -rf "$DEP"
	WWW=$WWW_SAVED

	# ---- reseau: a full disk is the server's problem, exit 4 too
	# (outside tester 25 F8: it was 1, a content problem, so a cron job
	# paged the editors); the previous network site is intact
	mkrepo "$WORK/net/sa"
	printf 'url: https://reseau.example\ncommunes:\n  - depot: sa\n' >"$WORK/net/liste.yaml"
	NET=$WORK/disk/reseau
	FABRIQUE_THEMES=$TOP/themes "$FABRIQUE" reseau "$WORK/net/liste.yaml" --out "$NET" -q 2>"$WORK/.err"
	status "a first network site is written" 0 $?
	snapshot "$NET" >"$WORK/net.sum"
	echo "Une phrase de plus." >>"$WORK/net/sa/content/ateliers/repeindre-le-preau.md"
	commit_all "$WORK/net/sa" "Modification" >/dev/null
	for n in 1 3; do
		FABRIQUE_THEMES=$TOP/themes failing openat2 "$n" "$FABRIQUE" reseau \
			"$WORK/net/liste.yaml" --out "$NET" -q
		st=$?
		status "reseau, openat2:$n fails: exit status 4" 4 $st
		contains "reseau, openat2:$n fails: it says the disk is full" "$WORK/.err" "$EN"
		snapshot "$NET" >"$WORK/net.now"
		check "reseau, openat2:$n fails: the previous network site is intact" \
			cmp -s "$WORK/net.sum" "$WORK/net.now"
	done
	"$FABRIQUE" build "$R/site" --repo "$R" --out "$WWW" --full -q 2>"$WORK/.err"
	status "after all this, a build with room succeeds" 0 $?
	check "and replaces the site" sh -c "cd '$WWW' && find . -type f -exec sha1sum {} + | sort | cmp -s - '$WORK/old.sum'; test \$? = 1"
fi

# ---- a real full disk: a tmpfs too small for two sites ----------------
if ! unshare -rm sh -c 'mount -t tmpfs -o size=64k tmpfs "$1"' sh "$WORK/disk" 2>/dev/null; then
	echo "ok - a real full disk # SKIP cannot mount a tmpfs in a user namespace here"
	exit 0
fi
# The old site is built on a roomy tmpfs, which is then shrunk to half
# again its size: too small for the new site beside the old one.
unshare -rm sh -c '
	mount -t tmpfs -o size=16m tmpfs "$1/disk" || exit 9
	"$2" build "$3/site" --repo "$3" --out "$1/disk/www" --full -q 2>"$1/.err0" || exit 8
	(cd "$1/disk/www" && find . -type f -exec sha1sum {} + | sort) >"$1/old.sum"
	kb=$(du -sk "$1/disk/www" | cut -f1)
	echo "$kb" >"$1/.kb"
	mount -o remount,size=$((kb * 3 / 2))k "$1/disk" || exit 7
	echo "Encore une ligne." >>"$3/site/pages/contact.md"
	"$2" build "$3/site" --repo "$3" --worktree --out "$1/disk/www" --full -q 2>"$1/.err"
	echo $? >"$1/.st"
	(cd "$1/disk/www" && find . -type f -exec sha1sum {} + | sort) >"$1/new.sum"
	ls -A "$1/disk" >"$1/.ls"
' sh "$WORK" "$FABRIQUE" "$R"
kb=$(cat "$WORK/.kb" 2>/dev/null)
st=$(cat "$WORK/.st" 2>/dev/null)
status "a real full disk: exit status 4" 4 "$st"
check "a real full disk: one line on stderr" test "$(wc -l <"$WORK/.err")" -eq 1
contains "a real full disk: it says so" "$WORK/.err" "the new site needs at least"
check "a real full disk: the previous site is intact" cmp -s "$WORK/old.sum" "$WORK/new.sum"
check "a real full disk: no temporary folder left" test "$(cat "$WORK/.ls")" = www
# the figure: at least the size the site takes on a disk with room
need=$(sed -n 's/.*needs at least \([0-9.]*\) \([KM]\)B.*/\1 \2/p' "$WORK/.err")
check "a real full disk: the space needed is about the site's size ($need vs $kb KB)" \
	awk -v n="$need" -v kb="$kb" 'BEGIN { split(n, a, " "); v = a[1] * (a[2] == "M" ? 1000 : 1); exit !(v * 1.024 >= kb * 0.6 && v <= kb * 2) }'
