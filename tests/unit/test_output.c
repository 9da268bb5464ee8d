/*
 * Tests for output.c, each in a fresh temporary folder.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "hash.h"
#include "output.h"
#include "unit_sh.h"

struct fx {
	char root[64];
	char out[128]; /* root/public */
	diag *d;
};

static int
setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	if (f == NULL)
		return -1;
	strcpy(f->root, "/tmp/fabrique-out-XXXXXX");
	if (mkdtemp(f->root) == NULL)
		return -1;
	snprintf(f->out, sizeof(f->out), "%s/public", f->root);
	f->d = diag_new("en");
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;
	int rc = sh("rm -rf %s", f->root);
	diag_free(f->d);
	free(f);
	return rc;
}

static char *slurp(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Contents of a file (path built like printf), whole, or NULL. */
static char *
slurp(const char *fmt, ...)
{
	char path[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(path, sizeof(path), fmt, ap);
	va_end(ap);
	FILE *fp = fopen(path, "rb");
	if (fp == NULL)
		return NULL;
	size_t n = 0, cap = 65536;
	char *s = malloc(cap);
	for (size_t got; (got = fread(s + n, 1, cap - n - 1, fp)) > 0;)
		if ((n += got) + 1 == cap)
			s = realloc(s, cap *= 2);
	s[n] = '\0';
	fclose(fp);
	return s;
}

static void
assert_file(const char *want, const char *dir, const char *rel)
{
	char *got = slurp("%s/%s", dir, rel);
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static bool
exists(const char *dir, const char *rel)
{
	char path[512];
	struct stat st;
	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	return lstat(path, &st) == 0;
}

/* Entries of dir whose name starts with prefix. */
static int
count_prefixed(const char *dir, const char *prefix)
{
	DIR *d = opendir(dir);
	assert_non_null(d);
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL)
		n += strncmp(e->d_name, prefix, strlen(prefix)) == 0;
	closedir(d);
	return n;
}

static char *
messages(diag *d)
{
	char *s = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&s, &n);
	diag_flush(d, fp);
	fclose(fp);
	return s;
}

static int
put(output *o, const char *rel, const char *text)
{
	return output_write(o, rel, text, strlen(text));
}

static void
test_path_ok(void **state)
{
	static const char *good[] = {
	    "index.html", "a/b/index.html",         ".well-known/x",
	    "a..b/..c",   "\xc3\xa9t\xc3\xa9.html", "x y/z"};
	static const char *bad[] = {
	    "",     "/etc/x", "../x",   "a/../b", "a/..",   "..",
	    "a//b", "./a",    "a/./b",  "a/.",    "a/",     "/",
	    "a\\b", "a\x01z", "a\x7fz", "a\nb",   "a/\tb/c"};
	for (size_t i = 0; i < sizeof(good) / sizeof(*good); i++)
		assert_true(output_path_ok(good[i]));
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++)
		assert_false(output_path_ok(bad[i]));
	assert_false(output_path_ok(NULL));

	char path[4100];
	memset(path, 'n', 255);
	path[255] = '\0';
	assert_true(output_path_ok(path));
	path[255] = 'n';
	path[256] = '\0';
	assert_false(output_path_ok(path)); /* component of 256 bytes */
	for (size_t i = 0; i < 4000; i++)
		path[i] = i % 100 == 50 ? '/' : 'p';
	path[4000] = '\0';
	assert_true(output_path_ok(path));
	path[4000] = 'p';
	path[4001] = '\0';
	assert_false(output_path_ok(path)); /* 4001 bytes */
}

/* Output into a folder that does not exist yet, whose parent is missing
 * too. */
static void
test_write_new(void **state)
{
	struct fx *f = *state;
	char out[256], parent[200];
	snprintf(parent, sizeof(parent), "%s/deep/er", f->root);
	snprintf(out, sizeof(out), "%s/site/", parent);
	output *o = output_begin(out, f->d);
	assert_non_null(o);
	const char *tmp = output_tmpdir(o);
	assert_true(strncmp(tmp, parent, strlen(parent)) == 0);
	assert_true(strncmp(tmp + strlen(parent), "/.site.fabrique-", 16) == 0);
	assert_int_equal(strlen(tmp + strlen(parent)), 22);

	assert_int_equal(put(o, "index.html", "<h1>accueil</h1>\n"), 0);
	assert_int_equal(put(o, "a/b/c.html", "c"), 0);
	assert_int_equal(put(o, "a/d.html", "d"), 0);
	assert_int_equal(output_write(o, "empty.txt", "", 0), 0);
	assert_file("c", tmp, "a/b/c.html");
	assert_int_equal(diag_count(f->d, DIAG_ERROR), 0);

	assert_int_equal(put(o, "index.html", "again"), -1); /* twice */
	assert_int_equal(put(o, "a", "a is a folder"), -1);
	assert_int_equal(put(o, "../escape.html", "x"), -1);
	assert_int_equal(diag_count(f->d, DIAG_ERROR), 3);
	assert_false(exists(parent, "escape.html"));
	char *msg = messages(f->d);
	assert_non_null(strstr(msg, "cannot write index.html: it exists"));
	assert_non_null(strstr(msg, "refusing to write \"../escape.html\""));
	free(msg);

	assert_int_equal(output_commit(o), 0);
	output_free(o);
	snprintf(out, sizeof(out), "%s/site", parent);
	assert_file("<h1>accueil</h1>\n", out, "index.html");
	assert_file("c", out, "a/b/c.html");
	assert_file("d", out, "a/d.html");
	assert_file("", out, "empty.txt");
	struct stat st;
	assert_int_equal(stat(out, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0755);
	assert_int_equal(count_prefixed(parent, ".site"), 0);
}

static void
test_commit_replaces(void **state)
{
	struct fx *f = *state;
	assert_int_equal(sh("mkdir -p %s/sub && echo old >%s/old.html && echo "
	                    "old >%s/sub/old.html && echo v1 >%s/index.html && "
	                    "touch %s/" OUTGUARD_MARK,
	                    f->out, f->out, f->out, f->out, f->out),
	                 0);
	output *o = output_begin(f->out, f->d);
	assert_non_null(o);
	assert_int_equal(put(o, "index.html", "v2"), 0);
	assert_int_equal(put(o, "sub/new.html", "new"), 0);
	assert_int_equal(output_commit(o), 0);
	assert_int_equal(put(o, "late.html", "x"), -1); /* already closed */
	output_free(o);
	assert_file("v2", f->out, "index.html");
	assert_file("new", f->out, "sub/new.html");
	assert_false(exists(f->out, "old.html"));
	assert_false(exists(f->out, "sub/old.html"));
	assert_false(exists(f->out, "late.html"));
	assert_int_equal(count_prefixed(f->root, "."), 2); /* . and .. */
	assert_int_equal(diag_count(f->d, DIAG_WARNING), 0);
}

static void
test_abort_keeps_site(void **state)
{
	struct fx *f = *state;
	assert_int_equal(sh("mkdir -p %s/a && printf 'v1\\n' >%s/index.html && "
	                    "printf 'x' >%s/a/x.css && touch %s/" OUTGUARD_MARK
	                    " && cp -a %s %s/copy",
	                    f->out, f->out, f->out, f->out, f->out, f->root),
	                 0);
	output *o = output_begin(f->out, f->d);
	assert_non_null(o);
	assert_int_equal(put(o, "index.html", "v2"), 0);
	assert_int_equal(put(o, "a/x.css", "y"), 0);
	assert_true(exists(output_tmpdir(o), "a/x.css"));
	output_abort(o);
	output_free(o);
	assert_int_equal(sh("diff -r %s %s/copy", f->out, f->root), 0);
	assert_int_equal(count_prefixed(f->root, ".public"), 0);

	/* Freeing without commit or abort is an abort. */
	o = output_begin(f->out, f->d);
	assert_non_null(o);
	assert_int_equal(put(o, "index.html", "v3"), 0);
	output_free(o);
	assert_int_equal(sh("diff -r %s %s/copy", f->out, f->root), 0);
	assert_int_equal(count_prefixed(f->root, ".public"), 0);
}

/* A link planted in the temporary folder (by a theme's files, or by
 * someone else) must never lead a write outside. */
static void
test_symlinks(void **state)
{
	struct fx *f = *state;
	char outside[128];
	snprintf(outside, sizeof(outside), "%s/outside", f->root);
	assert_int_equal(
	    sh("mkdir %s && printf secret >%s/secret.txt", outside, outside),
	    0);
	output *o = output_begin(f->out, f->d);
	assert_non_null(o);
	const char *tmp = output_tmpdir(o);
	assert_int_equal(put(o, "a/b.html", "b"), 0);
	assert_int_equal(sh("ln -s %s %s/evil && ln -s %s/secret.txt "
	                    "%s/leaf.html && ln -s %s %s/a/evil2",
	                    outside, tmp, outside, tmp, outside, tmp),
	                 0);
	assert_int_equal(put(o, "evil/x.html", "x"), -1);
	assert_int_equal(put(o, "a/evil2/y.html", "y"), -1);
	assert_int_equal(put(o, "leaf.html", "overwritten"), -1);
	assert_int_equal(put(o, "evil", "x"), -1);
	assert_int_equal(diag_count(f->d, DIAG_ERROR), 4);
	assert_false(exists(outside, "x.html"));
	assert_false(exists(outside, "y.html"));
	assert_file("secret", outside, "secret.txt");

	output_abort(o);
	output_free(o);
	assert_file("secret", outside, "secret.txt");
	assert_int_equal(count_prefixed(f->root, ".public"), 0);
}

static void
test_leftovers(void **state)
{
	struct fx *f = *state;
	const char *r = f->root;
	assert_int_equal(
	    sh("cd %s && mkdir -p public outside .public.fabrique-abc123/x/y "
	       ".public.fabrique-old-zzz .publicx.fabrique-111111 && "
	       "echo s >outside/secret && echo 1 "
	       ">.public.fabrique-abc123/x/y/f "
	       "&& echo 2 >.public.fabrique-old-zzz/f && ln -s %s/outside "
	       ".public.fabrique-abc123/link && ln -s %s/outside "
	       ".public.fabrique-lnk && echo notes >.public-notes && echo keep "
	       ">public/index.html && touch public/" OUTGUARD_MARK,
	       r, r, r),
	    0);
	output *o = output_begin(f->out, f->d);
	assert_non_null(o);
	assert_int_equal(count_prefixed(r, ".public.fabrique-"), 1); /* ours */
	assert_file("notes\n", r, ".public-notes");
	assert_true(exists(r, ".publicx.fabrique-111111"));
	assert_file("s\n", r, "outside/secret");
	assert_file("keep\n", f->out, "index.html");
	output_abort(o);
	output_free(o);
	assert_int_equal(count_prefixed(r, ".public.fabrique-"), 0);
	assert_int_equal(diag_count(f->d, DIAG_WARNING), 0);
}

/* A folder fabrique did not write is never replaced: the commit would
 * have deleted a thesis, a repository, a home folder. */
static void
test_refuses_unmarked(void **state)
{
	struct fx *f = *state;
	assert_int_equal(
	    sh("mkdir -p %s && echo chapitre >%s/these.tex", f->out, f->out),
	    0);
	assert_null(output_begin(f->out, f->d));
	assert_file("chapitre\n", f->out, "these.tex");
	char *msg = messages(f->d);
	assert_non_null(strstr(msg, "is not a site written by fabrique (it "
	                            "holds these.tex)"));
	free(msg);
	assert_int_equal(outguard_check_owned(f->out, f->d), -1);
	assert_int_equal(outguard_mark(f->out, f->d), 0);
	assert_int_equal(outguard_check_owned(f->out, f->d), 0);
	output *o = output_begin(f->out, f->d);
	assert_non_null(o);
	assert_int_equal(output_commit(o), 0);
	output_free(o);
	assert_true(exists(f->out, OUTGUARD_MARK));
	assert_false(exists(f->out, "these.tex"));
}

/* The output may neither hold the folders a build reads nor lie inside
 * the site folder, however the path is spelt. */
static void
test_check_place(void **state)
{
	struct fx *f = *state;
	char repo[160], site[192], bad[224];
	snprintf(repo, sizeof(repo), "%s/repo", f->root);
	snprintf(site, sizeof(site), "%s/content", repo);
	assert_int_equal(sh("mkdir -p %s", site), 0);
	const char *keep[] = {repo, site, NULL};
	assert_int_equal(outguard_check_place(repo, keep, site, f->d), -1);
	assert_int_equal(outguard_check_place(f->root, keep, site, f->d), -1);
	snprintf(bad, sizeof(bad), "%s/../content/", site);
	assert_int_equal(outguard_check_place(bad, keep, site, f->d), -1);
	snprintf(bad, sizeof(bad), "%s/new/public", site);
	assert_int_equal(outguard_check_place(bad, keep, site, f->d), -1);
	snprintf(bad, sizeof(bad), "%s/public", repo);
	assert_int_equal(outguard_check_place(bad, keep, site, f->d), 0);
	assert_int_equal(outguard_check_place(f->out, keep, site, f->d), 0);
}

static void
test_out_not_a_folder(void **state)
{
	struct fx *f = *state;
	assert_int_equal(sh("printf keep >%s", f->out), 0);
	assert_null(output_begin(f->out, f->d));
	assert_file("keep", f->root, "public");
	char *msg = messages(f->d);
	assert_non_null(
	    strstr(msg, "public: error: exists and is not a folder"));
	free(msg);

	/* Appearing while the site was being built. */
	char out2[160];
	snprintf(out2, sizeof(out2), "%s/public2", f->root);
	output *o = output_begin(out2, f->d);
	assert_non_null(o);
	assert_int_equal(put(o, "index.html", "new"), 0);
	assert_int_equal(sh("printf mine >%s", out2), 0);
	assert_int_equal(output_commit(o), -1);
	output_free(o);
	assert_file("mine", f->root, "public2");
	assert_int_equal(count_prefixed(f->root, ".public2"), 0);

	/* A symbolic link is not replaced either. */
	assert_int_equal(
	    sh("mkdir %s/real && ln -s real %s/public3", f->root, f->root), 0);
	snprintf(out2, sizeof(out2), "%s/public3", f->root);
	assert_null(output_begin(out2, f->d));
	assert_int_equal(diag_count(f->d, DIAG_ERROR), 3);

	static const char *unnamed[] = {"", "/", ".", "..", "a/..", "a/./"};
	for (size_t i = 0; i < sizeof(unnamed) / sizeof(*unnamed); i++)
		assert_null(output_begin(unnamed[i], f->d));
	assert_int_equal(diag_count(f->d, DIAG_ERROR), 9);
}

struct job {
	output *o;
	int id, failures;
};

#define PER_THREAD 300

static void *
writer(void *arg)
{
	struct job *j = arg;
	for (int i = 0; i < PER_THREAD; i++) {
		char path[64], text[64];
		snprintf(path, sizeof(path), "d%d/s%d/t%d-%d.html", i % 5,
		         i % 3, j->id, i);
		snprintf(text, sizeof(text), "thread %d file %d", j->id, i);
		if (put(j->o, path, text) != 0)
			j->failures++;
	}
	return NULL;
}

/* Both threads create the same folders at the same time. */
static void
test_threads(void **state)
{
	struct fx *f = *state;
	output *o = output_begin(f->out, f->d);
	assert_non_null(o);
	struct job jobs[2] = {{o, 0, 0}, {o, 1, 0}};
	pthread_t t[2];
	for (int i = 0; i < 2; i++)
		assert_int_equal(pthread_create(&t[i], NULL, writer, &jobs[i]),
		                 0);
	for (int i = 0; i < 2; i++)
		assert_int_equal(pthread_join(t[i], NULL), 0);
	assert_int_equal(jobs[0].failures + jobs[1].failures, 0);
	assert_int_equal(output_commit(o), 0);
	output_free(o);
	for (int id = 0; id < 2; id++)
		for (int i = 0; i < PER_THREAD; i++) {
			char rel[64], text[64];
			snprintf(rel, sizeof(rel), "d%d/s%d/t%d-%d.html", i % 5,
			         i % 3, id, i);
			snprintf(text, sizeof(text), "thread %d file %d", id,
			         i);
			assert_file(text, f->out, rel);
		}
	assert_int_equal(diag_count(f->d, DIAG_ERROR), 0);
}

/* fabrique serve's output: the same writes and checks, in memory; two
 * writers at once; taken sorted; nothing on disk. */
static void
test_memory(void **state)
{
	struct fx *f = *state;
	output *o = output_begin_memory(f->d);
	assert_non_null(o);
	struct job jobs[2] = {{o, 0, 0}, {o, 1, 0}};
	pthread_t t[2];
	for (int i = 0; i < 2; i++)
		assert_int_equal(pthread_create(&t[i], NULL, writer, &jobs[i]),
		                 0);
	for (int i = 0; i < 2; i++)
		assert_int_equal(pthread_join(t[i], NULL), 0);
	assert_int_equal(jobs[0].failures + jobs[1].failures, 0);
	assert_int_equal(diag_count(f->d, DIAG_ERROR), 0);
	/* the same path twice, or an unsafe one: errors, as on disk */
	assert_int_equal(put(o, "d0/s0/t0-0.html", "again"), -1);
	assert_int_equal(put(o, "../escape.html", "x"), -1);
	assert_int_equal(diag_count(f->d, DIAG_ERROR), 2);
	char *data;
	size_t len;
	assert_int_equal(output_read(o, "d1/s1/t1-1.html", &data, &len), 0);
	assert_string_equal(data, "thread 1 file 1");
	assert_int_equal(len, strlen("thread 1 file 1"));
	free(data);
	assert_int_equal(output_read(o, "missing.html", &data, &len), -1);
	size_t n;
	assert_null(output_take(o, &n)); /* not committed yet */
	assert_int_equal(output_commit(o), 0);
	assert_int_equal(put(o, "late.html", "x"), -1);
	output_file *files = output_take(o, &n);
	assert_int_equal(n, 2 * PER_THREAD);
	for (size_t i = 1; i < n; i++)
		assert_true(strcmp(files[i - 1].path, files[i].path) < 0);
	output_free(o);
	output_files_free(files, n);
	struct stat st;
	assert_int_equal(stat(f->out, &st), -1);
}

/* What a stream writes in pieces: a file bigger than its buffer. */
static char *
big_text(size_t n)
{
	char *t = malloc(n + 1);
	for (size_t i = 0; i < n; i++)
		t[i] = (char)('a' + i * 7 % 26);
	t[n] = '\0';
	return t;
}

/* Puts text into a new stream at rel in pieces of 1, 7, 1,000 and
 * 70,000 bytes; close's result. */
static int
stream_pieces(output *o, const char *rel, const char *text, bool sized)
{
	size_t n = strlen(text), at = 0, k = 0;
	static const size_t sizes[] = {1, 7, 1000, 70000};
	output_stream *st =
	    output_stream_open(o, rel, sized ? n : OUTPUT_STREAM_UNSIZED);
	while (at < n) {
		size_t m = sizes[k++ % 4];
		m = m < n - at ? m : n - at;
		output_stream_put(st, text + at, m);
		at += m;
	}
	return output_stream_close(st);
}

static int
stream_text(output *o, const char *rel, const char *text)
{
	return stream_pieces(o, rel, text, true);
}

struct seen {
	int calls;
	char hex[HASH_HEX + 1];
	size_t len;
	bool answer;
};

static bool
same_hook(void *ctx, const char *rel, const char *hex, size_t len)
{
	struct seen *s = ctx;
	s->calls++;
	memcpy(s->hex, hex, HASH_HEX + 1);
	s->len = len;
	return s->answer;
}

/* A streamed file: written whole, told to same() with the digest
 * hash_hex() gives its bytes, confined and checked as output_write(). */
static void
test_stream(void **state)
{
	struct fx *f = *state;
	char *text = big_text(300000);
	output *o = output_begin(f->out, f->d);
	assert_non_null(o);
	struct seen seen = {0};
	output_reuse(o, same_hook, &seen);
	assert_int_equal(stream_text(o, "cal/programme.ics", text), 0);
	assert_int_equal(seen.calls, 1);
	char want[HASH_HEX + 1];
	hash_hex(text, strlen(text), want);
	assert_string_equal(seen.hex, want);
	assert_int_equal(seen.len, 300000);
	assert_int_equal(stream_text(o, "empty.ics", ""), 0);
	/* fewer bytes than announced, the same path again, an escape */
	output_stream *st = output_stream_open(o, "short.ics", 10);
	assert_int_equal(output_stream_put(st, "abc", 3), 0);
	assert_int_equal(output_stream_close(st), -1);
	assert_int_equal(stream_text(o, "empty.ics", "x"), -1);
	assert_int_equal(stream_text(o, "../escape.ics", "x"), -1);
	st = output_stream_open(o, "gone.ics", 3);
	output_stream_put(st, "abc", 3);
	output_stream_cancel(st);
	assert_int_equal(diag_count(f->d, DIAG_ERROR), 3);
	char *msg = messages(f->d);
	assert_non_null(strstr(msg, "short.ics: 10 bytes announced, 3 given"));
	assert_non_null(strstr(msg, "cannot write empty.ics: it exists"));
	assert_non_null(strstr(msg, "refusing to write \"../escape.ics\""));
	free(msg);
	assert_int_equal(output_commit(o), 0);
	output_free(o);
	assert_file(text, f->out, "cal/programme.ics");
	assert_file("", f->out, "empty.ics");
	assert_false(exists(f->out, "short.ics"));
	assert_false(exists(f->out, "gone.ics"));
	assert_false(exists(f->root, "escape.ics"));
	free(text);
}

/* A later build whose same() finds rel unchanged streams it again
 * (sized or not): the previous build's file is linked, not written, and
 * keeps its inode, as output_write() would have kept it. */
static void
assert_relinked(struct fx *f, const char *rel, const char *text, bool sized)
{
	char path[512];
	struct stat before, after;
	snprintf(path, sizeof(path), "%s/%s", f->out, rel);
	assert_int_equal(stat(path, &before), 0);
	output *o = output_begin(f->out, f->d);
	struct seen seen = {.answer = true};
	output_reuse(o, same_hook, &seen);
	assert_int_equal(stream_pieces(o, rel, text, sized), 0);
	size_t written, linked;
	output_counts(o, &written, &linked);
	assert_int_equal(written, 0);
	assert_int_equal(linked, 1);
	assert_int_equal(output_commit(o), 0);
	output_free(o);
	assert_int_equal(stat(path, &after), 0);
	assert_int_equal(before.st_ino, after.st_ino);
	assert_file(text, f->out, rel);
}

/* A streamed file same() finds unchanged is the previous build's file,
 * linked (its inode kept), as output_write() would have linked it. */
static void
test_stream_reuse(void **state)
{
	struct fx *f = *state;
	char *text = big_text(100000);
	output *o = output_begin(f->out, f->d);
	assert_int_equal(stream_text(o, "programme.ics", text), 0);
	assert_int_equal(output_commit(o), 0);
	output_free(o);
	assert_relinked(f, "programme.ics", text, true);
	assert_int_equal(diag_count(f->d, DIAG_ERROR), 0);
	free(text);
}

/* A stream whose size is not known when it opens (open data): written
 * whole, told to same() with hash_hex()'s digest of what was written (read
 * back) and its size; unchanged, the previous build's file is linked. */
static void
test_stream_unsized(void **state)
{
	struct fx *f = *state;
	char *text = big_text(200000);
	output *o = output_begin(f->out, f->d);
	struct seen seen = {0};
	output_reuse(o, same_hook, &seen);
	assert_int_equal(stream_pieces(o, "programme.json", text, false), 0);
	char want[HASH_HEX + 1];
	hash_hex(text, strlen(text), want);
	assert_int_equal(seen.calls, 1);
	assert_string_equal(seen.hex, want);
	assert_int_equal(seen.len, 200000);
	assert_int_equal(stream_pieces(o, "empty.csv", "", false), 0);
	hash_hex("", 0, want);
	assert_string_equal(seen.hex, want);
	assert_int_equal(seen.len, 0);
	assert_int_equal(output_commit(o), 0);
	output_free(o);
	assert_file(text, f->out, "programme.json");
	assert_file("", f->out, "empty.csv");
	assert_relinked(f, "programme.json", text, false);
	assert_int_equal(diag_count(f->d, DIAG_ERROR), 0);
	free(text);
}

/* A memory output (fabrique serve) gets a streamed file whole. */
static void
test_stream_memory(void **state)
{
	struct fx *f = *state;
	char *text = big_text(150000);
	output *o = output_begin_memory(f->d);
	assert_int_equal(stream_text(o, "programme.ics", text), 0);
	char *data;
	size_t len;
	assert_int_equal(output_read(o, "programme.ics", &data, &len), 0);
	assert_int_equal(len, 150000);
	assert_memory_equal(data, text, len);
	free(data);
	assert_int_equal(stream_text(o, "programme.ics", "x"), -1);
	assert_int_equal(stream_pieces(o, "programme.json", text, false), 0);
	assert_int_equal(output_read(o, "programme.json", &data, &len), 0);
	assert_int_equal(len, 150000);
	assert_memory_equal(data, text, len);
	free(data);
	assert_int_equal(output_commit(o), 0);
	size_t n;
	output_file *files = output_take(o, &n);
	assert_int_equal(n, 2);
	output_free(o);
	output_files_free(files, n);
	free(text);
}

/* hash_stream gives hash_hex()'s and hash_raw()'s digests, however the
 * bytes are cut. */
static void
test_hash_stream(void **state)
{
	(void)state;
	char *text = big_text(1000);
	for (size_t len = 0; len < 40; len++)
		for (size_t cut = 0; cut <= len; cut++) {
			char want[HASH_HEX + 1], got[HASH_HEX + 1];
			hash_hex(text, len, want);
			hash_stream h;
			hash_stream_begin(&h, len);
			hash_stream_put(&h, text, cut / 2);
			hash_stream_put(&h, text + cut / 2, cut - cut / 2);
			hash_stream_put(&h, text + cut, len - cut);
			hash_stream_hex(&h, got);
			assert_string_equal(got, want);
			unsigned char rwant[HASH_RAW], rgot[HASH_RAW];
			hash_raw(text, len, rwant);
			hash_stream_raw(&h, rgot);
			assert_memory_equal(rgot, rwant, HASH_RAW);
		}
	free(text);
}

/* output_hash() reads a file back a piece at a time and gives the digest
 * hash_hex() gives its bytes, on disk and in memory; a missing file is
 * an error. */
static void
test_hash_back(void **state)
{
	struct fx *f = *state;
	char *text = big_text(200000);
	char want[HASH_HEX + 1], got[HASH_HEX + 1];
	hash_hex(text, strlen(text), want);
	for (int k = 0; k < 2; k++) {
		output *o = k == 0 ? output_begin(f->out, f->d)
		                   : output_begin_memory(f->d);
		assert_int_equal(
		    output_write(o, "liste/index.html", text, strlen(text)), 0);
		assert_int_equal(output_write(o, "vide.html", "", 0), 0);
		assert_int_equal(output_hash(o, "liste/index.html", got), 0);
		assert_string_equal(got, want);
		char empty[HASH_HEX + 1];
		hash_hex("", 0, empty);
		assert_int_equal(output_hash(o, "vide.html", got), 0);
		assert_string_equal(got, empty);
		assert_int_equal(diag_count(f->d, DIAG_ERROR), 0);
		assert_int_equal(output_hash(o, "absent.html", got), -1);
		assert_int_equal(diag_count(f->d, DIAG_ERROR), 1);
		diag_free(f->d);
		f->d = diag_new("en");
		output_abort(o);
		output_free(o);
	}
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_path_ok),
	    cmocka_unit_test_setup_teardown(test_write_new, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_commit_replaces, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_abort_keeps_site, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_symlinks, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_leftovers, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_refuses_unmarked, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_check_place, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_out_not_a_folder, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_threads, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_memory, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_stream, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_stream_unsized, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_stream_reuse, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_stream_memory, setup,
	                                    teardown),
	    cmocka_unit_test(test_hash_stream),
	    cmocka_unit_test_setup_teardown(test_hash_back, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
