/* Unit tests for incremental.c: the output checked before the lock
 * (incremental_speculate()) answers only while what it read still holds. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "buf.h"
#include "fsutil.h"
#include "incremental.h"

#define FINGERPRINT "the inputs\n"

struct site {
	char dir[64];
	char out[128], cache[128], file[160], manifest[256];
};

static void
put(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

/* A manifest of one file, index.html, recorded with size (as
 * incremental_save() writes it), replacing the old one by a rename. */
static void
write_manifest(const struct site *s, long long size)
{
	struct stat st;
	assert_int_equal(stat(s->file, &st), 0);
	char fp[INCREMENTAL_HASH_HEX + 1], tmp[300], text[512];
	incremental_hash(FINGERPRINT, strlen(FINGERPRINT), fp);
	snprintf(text, sizeof(text),
	         "fabrique-manifest 5 %s\n%032d %lld %lld %lld - "
	         "index.html\nend\n",
	         fp, 0, size, (long long)st.st_mtim.tv_sec,
	         (long long)st.st_mtim.tv_nsec);
	snprintf(tmp, sizeof(tmp), "%s.tmp", s->manifest);
	put(tmp, text);
	assert_int_equal(rename(tmp, s->manifest), 0);
}

/* The manifest of write_manifest() with the line extra (ending in
 * '\n') after index.html's. */
static void
write_manifest_with(const struct site *s, const char *extra)
{
	struct stat st;
	assert_int_equal(stat(s->file, &st), 0);
	char fp[INCREMENTAL_HASH_HEX + 1], tmp[300], text[1024];
	incremental_hash(FINGERPRINT, strlen(FINGERPRINT), fp);
	snprintf(text, sizeof(text),
	         "fabrique-manifest 5 %s\n%032d %d %lld %lld - "
	         "index.html\n%send\n",
	         fp, 0, 8, (long long)st.st_mtim.tv_sec,
	         (long long)st.st_mtim.tv_nsec, extra);
	snprintf(tmp, sizeof(tmp), "%s.tmp", s->manifest);
	put(tmp, text);
	assert_int_equal(rename(tmp, s->manifest), 0);
}

/* An output folder of one file and the cache recording it as it is. */
static void
make_site(struct site *s)
{
	strcpy(s->dir, "/tmp/fabrique-incremental-XXXXXX");
	assert_non_null(mkdtemp(s->dir));
	snprintf(s->out, sizeof(s->out), "%s/out", s->dir);
	snprintf(s->cache, sizeof(s->cache), "%s/cache", s->dir);
	snprintf(s->file, sizeof(s->file), "%s/index.html", s->out);
	char builds[160], key[INCREMENTAL_HASH_HEX + 1];
	snprintf(builds, sizeof(builds), "%s/builds", s->cache);
	assert_int_equal(fsutil_mkdirs(builds), 0);
	assert_int_equal(mkdir(s->out, 0777), 0);
	put(s->file, "bonjour\n");
	incremental_hash(s->out, strlen(s->out), key);
	snprintf(s->manifest, sizeof(s->manifest), "%s/%s", builds, key);
	write_manifest(s, 8);
}

/* Under the lock: incremental_open() and the answer, spec's if it holds. */
static bool
answer(const struct site *s, incr_spec *spec)
{
	buf fp = BUF_INIT;
	buf_puts(&fp, FINGERPRINT);
	incr *in = incremental_open(s->cache, s->out, &fp);
	bool fresh = incremental_up_to_date(in, spec);
	incremental_free(in);
	incremental_speculate_free(spec);
	buf_free(&fp);
	return fresh;
}

/* Long enough for the speculative check of one file to be done. */
static void
pause_a_little(void)
{
	struct timespec ts = {0, 200000000};
	nanosleep(&ts, NULL);
}

static void
remove_site(const struct site *s)
{
	assert_int_equal(fs_remove_tree(s->dir), 0);
}

/* Nothing changed: the speculative answer is the answer. */
static void
test_unchanged(void **state)
{
	(void)state;
	struct site s;
	make_site(&s);
	assert_true(answer(&s, NULL));
	assert_true(answer(&s, incremental_speculate(s.cache, s.out)));
	remove_site(&s);
}

/* A build finished between the speculative read and the lock: its
 * manifest (here one that no longer matches the file) is read again,
 * and the files checked against it, not against the one read before. */
static void
test_manifest_replaced(void **state)
{
	(void)state;
	struct site s;
	make_site(&s);
	incr_spec *spec = incremental_speculate(s.cache, s.out);
	pause_a_little();
	write_manifest(&s, 9);
	assert_false(answer(&s, spec));
	remove_site(&s);
}

/* The output folder replaced meanwhile (renamed aside, made again with
 * other content): the stats taken of the old one do not answer. */
static void
test_folder_replaced(void **state)
{
	(void)state;
	struct site s;
	make_site(&s);
	incr_spec *spec = incremental_speculate(s.cache, s.out);
	pause_a_little();
	char aside[160];
	snprintf(aside, sizeof(aside), "%s/old", s.dir);
	assert_int_equal(rename(s.out, aside), 0);
	assert_int_equal(mkdir(s.out, 0777), 0);
	put(s.file, "au revoir\n");
	assert_false(answer(&s, spec));
	remove_site(&s);
}

/* A speculative check that found a file changed is not overruled. */
static void
test_changed_before(void **state)
{
	(void)state;
	struct site s;
	make_site(&s);
	put(s.file, "salut\n");
	assert_false(answer(&s, incremental_speculate(s.cache, s.out)));
	remove_site(&s);
}

/* The up-to-date check stats the files of the lines the record's reader
 * takes, and only those: a line naming a file that is not there makes
 * the output stale when it is one, and is passed over (as the reader
 * passes it over) when it is not. */
static void
test_lines_read_as_the_record(void **state)
{
	(void)state;
	static const char *const refused[] = {
	    "! 1 5 6 content/site.yaml\tune remarque\n", /* a warning */
	    /* hash of 31 and 33 bytes, a space in it */
	    "0000000000000000000000000000000 8 1 2 - gone.html\n",
	    "000000000000000000000000000000000 8 1 2 - gone.html\n",
	    "0000000000000000 000000000000000 8 1 2 - gone.html\n",
	    /* 20 digits, past LLONG_MAX, none, a sign alone, two spaces */
	    "00000000000000000000000000000000 00000000000000000008 1 2 - "
	    "gone.html\n",
	    "00000000000000000000000000000000 9223372036854775808 1 2 - "
	    "gone.html\n",
	    "00000000000000000000000000000000 8 x 2 - gone.html\n",
	    "00000000000000000000000000000000 8 1 - - gone.html\n",
	    "00000000000000000000000000000000 8 1 2  - gone.html\n",
	    /* a key of 33 bytes, no key, no path */
	    "00000000000000000000000000000000 8 1 2 "
	    "000000000000000000000000000000000 gone.html\n",
	    "00000000000000000000000000000000 8 1 2 gone.html\n",
	    "00000000000000000000000000000000 8 1 2 - \n",
	};
	static const char *const taken[] = {
	    "00000000000000000000000000000000 8 1 2 - gone.html\n",
	    "00000000000000000000000000000000 -8 -1 -2 "
	    "00000000000000000000000000000000 gone.html\n",
	    "00000000000000000000000000000000 9223372036854775807 0 0 - "
	    "sub/gone.html\n",
	};
	struct site s;
	make_site(&s);
	for (size_t i = 0; i < sizeof(refused) / sizeof(*refused); i++) {
		write_manifest_with(&s, refused[i]);
		assert_true(answer(&s, NULL));
		assert_true(answer(&s, incremental_speculate(s.cache, s.out)));
	}
	for (size_t i = 0; i < sizeof(taken) / sizeof(*taken); i++) {
		write_manifest_with(&s, taken[i]);
		assert_false(answer(&s, NULL));
		assert_false(answer(&s, incremental_speculate(s.cache, s.out)));
	}
	remove_site(&s);
}

/* The record read ahead on a thread (incremental_preload()), asked for
 * twice, then the build stopped before it used it: incremental_free()
 * waits for the thread (ASan and LSan see a race or a leak otherwise). */
static void
test_preload_unused(void **state)
{
	(void)state;
	struct site s;
	make_site(&s);
	buf fp = BUF_INIT;
	buf_puts(&fp, FINGERPRINT);
	incr *in = incremental_open(s.cache, s.out, &fp);
	incremental_preload(in);
	incremental_preload(in);
	incremental_free(in);
	incremental_preload(NULL);
	buf_free(&fp);
	remove_site(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_unchanged),
	    cmocka_unit_test(test_manifest_replaced),
	    cmocka_unit_test(test_folder_replaced),
	    cmocka_unit_test(test_changed_before),
	    cmocka_unit_test(test_preload_unused),
	    cmocka_unit_test(test_lines_read_as_the_record),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
