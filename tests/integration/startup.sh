#!/bin/sh
# Start-up: libvips (about 100 shared libraries) is not linked into
# fabrique; its module, fabrique-vips.so beside the binary, is loaded only
# when a photo must be decoded.  Nor is libmicrohttpd (serve opens it).  --version, a no-op rebuild and builds
# whose photos are cached never load it; without the module those still
# work, and a photo to decode fails with a message naming it.
. "$(dirname "$0")/../lib.sh"

IMGTOOL=$(dirname "$FABRIQUE")/imgtool
[ -x "$IMGTOOL" ] || IMGTOOL=$TOP/build/imgtool
MODULE=$(dirname "$FABRIQUE")/fabrique-vips.so

check "the photo module is built beside the binary" test -f "$MODULE"
ldd "$FABRIQUE" >"$WORK/ldd" 2>&1
lacks "fabrique does not link libvips" "$WORK/ldd" "libvips"
ldd "$MODULE" >"$WORK/ldd-module" 2>&1
contains "the module links libvips" "$WORK/ldd-module" "libvips"

# loaded: the shared objects the dynamic loader opened (LD_DEBUG=files)
loaded() { LD_DEBUG=files "$@" 2>&1 >/dev/null | grep -o 'file=[^ ]*' | sort -u; }

loaded "$FABRIQUE" --version >"$WORK/v.libs"
lacks "--version loads no libvips" "$WORK/v.libs" "libvips"
lacks "--version does not open the module" "$WORK/v.libs" "fabrique-vips"
# libmicrohttpd and GnuTLS behind it: only serve opens them (mhdload.h)
lacks "--version does not load libmicrohttpd" "$WORK/v.libs" "libmicrohttpd"
lacks "--version does not load GnuTLS" "$WORK/v.libs" "libgnutls"

R=$WORK/repo
mkmini "$R"
cd "$R" || exit 1
D=site/retours/fete-2025
# the fixture's one photo goes: a site without photos
$GIT rm -q "$D/lavoir.png"
printf -- '---\ntitre: Le préau repeint\nedition: 2025\n---\nMerci à tous.\n' >"$D/index.md"
commit_all "$R" "sans photo" >/dev/null
loaded "$FABRIQUE" build site --out "$WORK/out" -q >"$WORK/b.libs"
check "a site without photos builds" test -f "$WORK/out/index.html"
lacks "a build without photos does not load libvips" "$WORK/b.libs" "libvips"

"$IMGTOOL" make "$D/preau.jpg" 640 480
cat >"$D/index.md" <<'T'
---
titre: Le préau repeint
edition: 2025
photos:
  - fichier: preau.jpg
    alt: Le préau repeint
---
Merci à tous.
T
commit_all "$R" "une photo" >/dev/null
loaded "$FABRIQUE" build site --out "$WORK/out" -q >"$WORK/p.libs"
check "a site with a new photo builds" test -f "$WORK/out/retours/fete-2025/preau-480.webp"
contains "a photo to decode loads the module" "$WORK/p.libs" "fabrique-vips.so"
contains "and libvips with it" "$WORK/p.libs" "libvips"

loaded "$FABRIQUE" build site --out "$WORK/out" >"$WORK/n.libs"
lacks "a no-op rebuild does not load libvips" "$WORK/n.libs" "libvips"
lacks "a no-op rebuild does not load libmicrohttpd" "$WORK/n.libs" "libmicrohttpd"
lacks "a no-op rebuild does not load GnuTLS" "$WORK/n.libs" "libgnutls"
# libgit2 (mbedTLS) parsed the system's trusted certificates at start-up,
# for HTTPS remotes fabrique never contacts (main.c): not any more.
if command -v strace >/dev/null 2>&1; then
	# LeakSanitizer cannot run under ptrace (an ASan build exits 99)
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
		strace -f -e trace=openat,open -o "$WORK/n.trace" \
		"$FABRIQUE" build site --out "$WORK/out" 2>/dev/null
	status "a traced no-op rebuild succeeds" 0 $?
	contains "the trace saw the build's own files" "$WORK/n.trace" "fabrique"
	lacks "a build does not read the trusted certificates" "$WORK/n.trace" "/etc/ssl/"
	# A check starts itself again once, with glibc's heaps on huge pages
	# (main.c, with_huge_pages()); a tunable already set is left as it
	# is.
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
		strace -f -v -s 512 -e trace=execve -o "$WORK/c.trace" \
		"$FABRIQUE" check site -q 2>/dev/null
	status "a traced check succeeds" 0 $?
	contains "a check runs with glibc's huge pages" "$WORK/c.trace" "GLIBC_TUNABLES=glibc.malloc.hugetlb=1"
	# and its heaps grown 64 MiB at a time, which the kernel can back with
	# huge pages (a heap grown by what each malloc() asks mostly was not)
	contains "a check's heaps grow 64 MiB at a time" "$WORK/c.trace" "glibc.malloc.top_pad=67108864"
	check "a check starts itself again once" test "$(grep -c 'execve(' "$WORK/c.trace")" = 2
	GLIBC_TUNABLES=glibc.malloc.hugetlb=0 \
		ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
		strace -f -v -s 512 -e trace=execve -o "$WORK/c0.trace" \
		"$FABRIQUE" check site -q 2>/dev/null
	check "a tunable set by the user is kept: no second start" test "$(grep -c 'execve(' "$WORK/c0.trace")" = 1
	# A build too (its model is the check's, its caches read besides),
	# but only once its output is known not to be up to date: a build
	# with nothing to do starts once.
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
		strace -f -v -s 512 -e trace=execve -o "$WORK/n0.trace" \
		"$FABRIQUE" build site --out "$WORK/out" 2>"$WORK/.err"
	status "a traced build with nothing to do succeeds" 0 $?
	contains "it has nothing to do" "$WORK/.err" "is up to date"
	check "a build with nothing to do starts once" test "$(grep -c 'execve(' "$WORK/n0.trace")" = 1
	# The run started again takes the output's lock over, through the
	# exec: the lock file is opened once, and never free meanwhile.
	rm -rf "$WORK/outr"
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
		strace -f -v -s 512 -e trace=execve,openat,flock -o "$WORK/b.trace" \
		"$FABRIQUE" build site --out "$WORK/outr" 2>"$WORK/.err"
	status "a traced build with work to do succeeds" 0 $?
	check "it built the site" test -f "$WORK/outr/index.html"
	contains "a build runs with glibc's huge pages" "$WORK/b.trace" "GLIBC_TUNABLES=glibc.malloc.hugetlb=1"
	contains "a build's heaps grow 64 MiB at a time" "$WORK/b.trace" "glibc.malloc.top_pad=67108864"
	check "a build with work to do starts itself again once" test "$(grep -c 'execve(' "$WORK/b.trace")" = 2
	check "the lock file is opened once, by the first start" test "$(grep -c 'openat(.*\.outr\.fabrique\.lock' "$WORK/b.trace")" = 1
	lacks "the run started again does not wait for itself" "$WORK/.err" "another build"
	check "no lock file is left" test ! -e "$WORK/.outr.fabrique.lock"
	# The uncommitted changes are counted once, by the first start, and
	# handed to the run started again with the lock: the work tree is
	# walked once (each of its files stat()ed), and the note still said.
	printf 'Et aux voisins.\n' >>"$D/index.md"
	rm -rf "$WORK/outu"
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
		strace -f -e trace=execve,newfstatat,lstat,stat,statx -o "$WORK/u.trace" \
		"$FABRIQUE" build site --out "$WORK/outu" 2>"$WORK/.err"
	status "a traced build with an uncommitted change succeeds" 0 $?
	check "it starts itself again" test "$(grep -c 'execve(' "$WORK/u.trace")" = 2
	contains "the run started again says the uncommitted change" "$WORK/.err" "1 uncommitted change under site/ is not"
	# (at most once: where the index's stat data lets libgit2 pass a
	# file over, as on CI's fresh clone, it is not stat()ed at all)
	check "the work tree is walked once, not twice" test "$(grep -c '"preau.jpg"' "$WORK/u.trace")" -le 1
	git -C "$R" checkout -q -- "$D/index.md"
	# The variable that hands the lock over is not trusted blindly: one
	# naming another file takes nothing over, and the output is checked.
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
		FABRIQUE_BUILD_RESTART="9 1.5 0" \
		"$FABRIQUE" build site --out "$WORK/outr" 2>"$WORK/.err" 9>"$WORK/other"
	status "a build handed a stray file as its lock succeeds" 0 $?
	contains "and checks its output: up to date" "$WORK/.err" "is up to date"
	GLIBC_TUNABLES=glibc.malloc.hugetlb=0 \
		ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
		strace -f -v -s 512 -e trace=execve -o "$WORK/b0.trace" \
		"$FABRIQUE" build site --out "$WORK/out" -q 2>/dev/null
	check "a build with the tunable set by the user starts once" test "$(grep -c 'execve(' "$WORK/b0.trace")" = 1
	# site.yaml is parsed once (siteyaml.h): the language, the theme and
	# the site model read the same tree.  A build of the work tree opens
	# it once more, to hash it for its blob id, as every file.  (One
	# start: a build that starts itself again reads it in both.)
	GLIBC_TUNABLES=glibc.malloc.hugetlb=0 \
		ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
		env -u LANG -u LC_ALL strace -f -e trace=openat,open -o "$WORK/w.trace" \
		"$FABRIQUE" build site --worktree --out "$WORK/outw" -q 2>/dev/null
	status "a traced build of the work tree succeeds" 0 $?
	check "site.yaml is read once, and hashed once" \
		test "$(grep -c "\"$R/site/site.yaml\"" "$WORK/w.trace")" = 2
fi
rm -rf "$WORK/out2"
loaded "$FABRIQUE" build site --out "$WORK/out2" -q >"$WORK/c.libs"
check "photos served from the cache are published" test -f "$WORK/out2/retours/fete-2025/preau-480.webp"
lacks "photos served from the cache do not load libvips" "$WORK/c.libs" "libvips"

# The binary alone, without its module.
mkdir -p "$WORK/bin"
cp "$FABRIQUE" "$WORK/bin/fabrique"
ALONE=$WORK/bin/fabrique
check "--version works without the module" "$ALONE" --version
rm -rf .git/fabrique "$WORK/out3"
"$ALONE" build site --out "$WORK/out3" 2>"$WORK/.err"
status "without the module, a photo to decode fails the build" 1 $?
contains "the message names the photo" "$WORK/.err" "preau.jpg"
contains "the message says the photo module is missing" "$WORK/.err" "the photo module cannot be loaded"
contains "the message says where it was looked for" "$WORK/.err" "$WORK/bin/fabrique-vips.so"
check "the failed build wrote no site" test ! -e "$WORK/out3/index.html"
LANGUAGE= LC_ALL=fr_FR.UTF-8 "$ALONE" build site --out "$WORK/out3" 2>"$WORK/.err"
contains "the message in French" "$WORK/.err" "le module photo ne peut pas être chargé"

# Installed layout: bin/fabrique and lib/fabrique/fabrique-vips.so.
mkdir -p "$WORK/inst/bin" "$WORK/inst/lib/fabrique"
cp "$FABRIQUE" "$WORK/inst/bin/fabrique"
cp "$MODULE" "$WORK/inst/lib/fabrique/"
rm -rf .git/fabrique "$WORK/out4"
"$WORK/inst/bin/fabrique" build site --out "$WORK/out4" -q 2>"$WORK/.err"
status "installed layout: the module is found in ../lib/fabrique" 0 $?
check "installed layout: the photo is published" test -f "$WORK/out4/retours/fete-2025/preau-480.webp"
