#!/bin/sh
# Ctrl-C (SIGINT) during a build of a large site (1,000 pages,
# bench/gen-site.py), sent to the real process while it renders: it stops
# before the end, says so in one line (in French under LANG=fr), exits
# 130, removes its temporary folder and leaves the previous site exactly
# as it was.  SIGTERM: 143, the same.  fabrique serve, interrupted during
# its first build, stops there (exit 0, as when idle).
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
mkdir -p "$R"
python3 "$TOP/bench/gen-site.py" 1000 "$R/site" >/dev/null
(cd "$R" && $GIT init -q && $GIT add -A && $GIT commit -qm "Site initial")
cd "$R" || exit 1
OUT=$WORK/www/public
mkdir -p "$WORK/www"

# wait_for FILE TEXT: until FILE holds TEXT (60 s at most)
wait_for() {
	for _ in $(seq 1 600); do
		grep -qF -- "$2" "$1" 2>/dev/null && return 0
		sleep 0.1
	done
	return 1
}
# interrupt SIGNAL LANG: a build killed by SIGNAL once it renders; its
# exit status in $st, its messages in $WORK/int.err
interrupt() {
	LANGUAGE= LC_ALL=$2 "$FABRIQUE" build site --out "$OUT" --full --verbose >/dev/null 2>"$WORK/int.err" &
	bpid=$!
	wait_for "$WORK/int.err" "photos"
	kill -"$1" "$bpid"
	wait "$bpid"
	st=$?
}
# leftovers: what is beside the output but the output and its lock
leftovers() { ls -A "$WORK/www" | grep -v '^public$' | grep -v '^\.public\.fabrique\.lock$'; }

# 1. no previous site: nothing at all is left
interrupt INT en_GB.UTF-8
status "Ctrl-C during the render: exit status 130" 130 "$st"
lacks "it stopped before the end (no summary line)" "$WORK/int.err" "built 1"
contains "it says it was interrupted, and that the output is as it was" "$WORK/int.err" "fabrique: interrupted: $OUT is as it was"
if [ -z "$(leftovers)" ] && [ ! -e "$OUT" ]; then ok "no output and no temporary folder left"; else
	not_ok "no output and no temporary folder left" "$(ls -A "$WORK/www")"; fi

# 2. a previous site: left exactly as it was
"$FABRIQUE" build site --out "$OUT" -q 2>"$WORK/.err"
status "a whole build first" 0 $?
before=$(snapshot "$OUT")
sed 's/^titre: .*/titre: "Jamais publié"/' "site/ateliers/$(ls site/ateliers | head -n 1)" >"$WORK/x.md"
mv "$WORK/x.md" "site/ateliers/$(ls site/ateliers | head -n 1)"
$GIT commit -qam "Jamais publié"
interrupt INT fr_FR.UTF-8
status "Ctrl-C again, over a previous site: exit status 130" 130 "$st"
contains "the message is in French under LANG=fr" "$WORK/int.err" "fabrique : interrompu : $OUT est resté tel quel"
if [ "$(snapshot "$OUT")" = "$before" ]; then ok "the previous site is exactly as it was"; else
	not_ok "the previous site is exactly as it was"; fi
if [ -z "$(leftovers)" ]; then ok "no temporary folder left beside it"; else
	not_ok "no temporary folder left beside it" "$(leftovers)"; fi

# 3. SIGTERM (a service manager stopping it): 143, the same care; its
# line in the site's French when the environment names no language (a
# service's C.UTF-8: it was English)
interrupt TERM C.UTF-8
status "SIGTERM during the render: exit status 143" 143 "$st"
contains "C.UTF-8: the line in the site's French" "$WORK/int.err" "fabrique : interrompu : $OUT est resté tel quel"
if [ "$(snapshot "$OUT")" = "$before" ] && [ -z "$(leftovers)" ]; then
	ok "after SIGTERM too, the site as it was and nothing left"; else
	not_ok "after SIGTERM too, the site as it was and nothing left" "$(leftovers)"; fi
"$FABRIQUE" build site --out "$OUT" -q 2>"$WORK/.err"
status "the next build succeeds" 0 $?
contains "and publishes the change" "$OUT/ateliers/index.html" "Jamais publié"

# 4. serve: Ctrl-C during its first build stops it there (a cold build:
# with the caches of the builds above, it could end before the signal)
"$FABRIQUE" cache clean site >/dev/null 2>&1
TMPDIR=$WORK/tmp
mkdir -p "$TMPDIR"
TMPDIR=$TMPDIR "$FABRIQUE" serve site --port 0 >"$WORK/serve.log" 2>&1 &
spid=$!
wait_for "$WORK/serve.log" "http://127.0.0.1:"
sleep 0.3
kill -INT "$spid"
wait "$spid"
status "fabrique serve, Ctrl-C during its first build: exit status 0" 0 $?
lacks "it stopped without finishing the build" "$WORK/serve.log" "built in"
contains "it says it stopped" "$WORK/serve.log" "fabrique: stopped"
if [ -z "$(ls -A "$TMPDIR")" ] && [ ! -e site/public ]; then ok "serve left nothing behind"; else
	not_ok "serve left nothing behind" "$(ls -A "$TMPDIR")"; fi

# 5. publish: Ctrl-C while it builds the next release; the live release
# (current) and the list of releases are as they were, and the release
# being built is not left half-made
D=$WORK/deploy
"$FABRIQUE" publish site --out "$D" -q 2>"$WORK/.err"
status "a first publication" 0 $?
live=$(readlink "$D/current")
releases=$(ls -A "$D/releases")
before=$(snapshot "$D/current/")
sed 's/^titre: .*/titre: "Pas encore en ligne"/' "site/ateliers/$(ls site/ateliers | head -n 1)" >"$WORK/x.md"
mv "$WORK/x.md" "site/ateliers/$(ls site/ateliers | head -n 1)"
$GIT commit -qam "Pas encore en ligne"
"$FABRIQUE" cache clean site >/dev/null 2>&1
LC_ALL=C.UTF-8 "$FABRIQUE" publish site --out "$D" --verbose >/dev/null 2>"$WORK/int.err" &
bpid=$!
wait_for "$WORK/int.err" "photos"
kill -INT "$bpid"
wait "$bpid"
status "publish, Ctrl-C during the build: exit status 130" 130 $?
contains "it says the published site is as it was" "$WORK/int.err" "fabrique: interrupted: $D/current is as it was"
if [ "$(readlink "$D/current")" = "$live" ] && [ "$(snapshot "$D/current/")" = "$before" ]; then
	ok "current still points at the same release, unchanged"; else
	not_ok "current still points at the same release, unchanged" "$(readlink "$D/current")"; fi
if [ "$(ls -A "$D/releases")" = "$releases" ]; then ok "no half-made release left"; else
	not_ok "no half-made release left" "$(ls -A "$D/releases")"; fi
"$FABRIQUE" publish site --out "$D" -q 2>"$WORK/.err"
status "the next publication succeeds" 0 $?
contains "and publishes the change" "$D/current/ateliers/index.html" "Pas encore en ligne"
