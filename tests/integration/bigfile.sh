#!/bin/sh
# A very large file committed by mistake (a phone's video of the day)
# (outside tester 30 F13).  Read from git, it is held once in memory, not
# twice: a 250 MB video is checked where 520 MB of address space are
# allowed (a small server's limit; with git's copy and fabrique's copy
# of it, 580 were not enough).  When memory does run out, fabrique says so in one
# line, in the editor's language (French and English when the
# environment names none, as in a git hook), with what to do, and exits
# with status 5 (documented), the published site as it was: not
# « out of memory » in English and a core dump (134).  The site is a git
# repository of its own in a temp folder, built with the uninstalled
# binary and defaults; the address-space limits are `ulimit -v`, with
# one malloc arena (MALLOC_ARENA_MAX=1: each thread's arena would reserve
# 64 MB of address space, more or less as threads race), which a
# sanitizer build (its shadow memory) cannot run under: there they are
# left out.
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
OUT=$WORK/out
mkmini "$R"
cd "$R" || exit 1
D=site/retours/fete-2025
python3 - "$D" <<'PY'
import struct, sys
d = sys.argv[1]
def box(t, body): return struct.pack(">I", 8 + len(body)) + t + body
f = open(d + "/film.mp4", "wb")
f.write(box(b"ftyp", b"isom\0\0\2\0isomiso2mp41") + box(b"moov", box(b"mvhd", bytes(100))))
n = 250_000_000
f.write(struct.pack(">I", 8 + n) + b"mdat")
for i in range(n // 1_000_000):
    f.write(bytes(1_000_000))
PY
printf '\n[La vidéo de la journée](film.mp4).\n' >>$D/index.md
commit_all "$R" "La vidéo" >/dev/null

"$FABRIQUE" build site --out "$OUT" -q 2>"$WORK/.err"
status "the site builds with its 250 MB video" 0 $?
cmp -s "$D/film.mp4" "$OUT/retours/fete-2025/film.mp4"
status "the video is published as it is" 0 $?
"$FABRIQUE" check site >"$WORK/check" 2>&1
status "check succeeds" 0 $?
contains "the editor is told it weighs 250 MB, where it is linked" "$WORK/check" \
    "warning: $D/film.mp4 weighs 250 MB"

if [ -n "${ASAN_OPTIONS:-}" ]; then
	echo "# bigfile: ulimit -v left out under a sanitizer"
	exit 0
fi

export MALLOC_ARENA_MAX=1
(ulimit -v 520000 && exec "$FABRIQUE" check site) >"$WORK/limit" 2>&1
status "a 250 MB video is checked under a 520 MB address-space limit (held once, not twice)" 0 $?
cp "$WORK/limit" "$WORK/.err"

before=$(snapshot "$OUT")
sed -i 's/^titre: .*/titre: Fête 2025, le film/' "$D/index.md"
commit_all "$R" "Nouveau titre" >/dev/null
(ulimit -v 150000 && LANGUAGE= exec "$FABRIQUE" build site --out "$OUT" -q) >"$WORK/oom" 2>&1
rc=$?
cp "$WORK/oom" "$WORK/.err"
status "out of memory: exit status 5, not an abort (134)" 5 $rc
contains "said in French, with what to do" "$WORK/oom" \
    "fabrique : mémoire épuisée ("
contains "… the cause and the fix" "$WORK/oom" \
    "un très gros fichier dans le site (une vidéo ?) peut en être la cause ; retirez-le du dépôt, ou lancez fabrique là où plus de mémoire est libre ; le site publié est tel qu’il était"
contains "and in English, the environment naming no language (a git hook's)" "$WORK/oom" \
    "fabrique: out of memory ("
lacks "no core dump, no abort" "$WORK/oom" "Aborted"
if [ "$(snapshot "$OUT")" = "$before" ]; then ok "the published site is as it was"
else not_ok "the published site is as it was"; fi

(ulimit -v 150000 && LANGUAGE= LC_ALL=fr_FR.UTF-8 exec "$FABRIQUE" check site) >"$WORK/fr" 2>&1
status "check too: exit status 5" 5 $?
contains "in French when the environment asks it" "$WORK/fr" "fabrique : mémoire épuisée ("
lacks "… and only in French" "$WORK/fr" "out of memory"

# The same in post-receive, under a host's memory limit set in the hook
# (outside tester 32 F3): the push still ends with the editor told, in
# their words, that it is NOT online and how the webmaster publishes it;
# before, only « mémoire épuisée » came above git's « main -> main ».
BARE=$WORK/site.git
mkbare "$BARE" main site=site
printf '#!/bin/sh\nulimit -v 150000\nexec "%s" hook post-receive --out "%s"\n' \
	"$FABRIQUE" "$WORK/www" >"$BARE/hooks/post-receive"
chmod +x "$BARE/hooks/post-receive"
(cd "$R" && env -u LANGUAGE $GIT push -q "file://$BARE" HEAD:main) >"$WORK/push" 2>&1
status "the push itself is accepted" 0 $?
cp "$WORK/push" "$WORK/.err"
contains "post-receive ran out of memory" "$WORK/push" "fabrique : mémoire épuisée ("
contains "the editor is told the push is NOT online" "$WORK/push" \
	"ATTENTION : votre envoi est enregistré, mais il n’est PAS en ligne"
contains "... with the command that publishes it" "$WORK/push" "fabrique publish site --repo $BARE --ref main --out $WORK/www"
if [ ! -e "$WORK/www/current" ]; then ok "nothing was published"; else not_ok "nothing was published"; fi

"$FABRIQUE" build site --out "$OUT" -q 2>"$WORK/.err"
status "with memory enough, the next build publishes the change" 0 $?
contains "the new title is online" "$OUT/retours/fete-2025/index.html" "Fête 2025, le film"
left=$(find "$WORK" -maxdepth 1 -name '.*out*' | wc -l)
status "no temporary folder is left beside the output" 0 "$left"
