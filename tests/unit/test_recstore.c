/*
 * Tests for recstore.c (records kept from one build to the next) and the
 * scratch file (scratch.c) its records put are parked in, each in a
 * fresh temporary folder.
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
#include <unistd.h>

#include "recstore.h"
#include "scratch.h"
#include "unit_sh.h"

/* The names in folder dir, but . and .., each ending with a space. */
static void
names(const char *dir, char *out, size_t size)
{
	out[0] = '\0';
	DIR *d = opendir(dir);
	assert_non_null(d);
	struct dirent *e;
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			snprintf(out + strlen(out), size - strlen(out), "%s ",
			         e->d_name);
	closedir(d);
}

/* Record i: i copies of its letter, so that the 70th (70 KiB) is more
 * than the store writes through its buffer at once. */
static void
record(buf *b, size_t i)
{
	buf_reset(b);
	for (size_t k = 0; k < i * 1024; k++)
		buf_putc(b, 'a' + (int)(i % 26));
}

/*
 * Records put are read back as they were, though none is kept in the
 * store's memory (parked in its scratch file, unlinked: nothing but the
 * store is left in its folder), saved, and got by the next build.
 */
static void
test_put_parked(void **state)
{
	char dir[] = "/tmp/fabrique-rec-XXXXXX", sub[64], ls[256];
	assert_non_null(mkdtemp(dir));
	snprintf(sub, sizeof(sub), "%s/cache", dir);
	enum { N = 72 };
	unsigned char key[N][RECSTORE_KEY];
	size_t no[N], len;
	buf b = BUF_INIT, in = BUF_INIT;
	recstore *rs = recstore_open(sub, "search");
	for (size_t i = 0; i < N; i++) {
		record(&b, i);
		recstore_key(rs, b.data, b.len, key[i]);
		no[i] = recstore_put(rs, key[i], b.data, b.len);
		if (b.len > 0) /* the store has its own copy */
			memset(b.data, '?', b.len);
	}
	names(sub, ls, sizeof(ls));
	assert_string_equal(ls, ""); /* the scratch file is unlinked */
	for (size_t i = 0; i < N; i++) {
		record(&b, i);
		const char *got = recstore_data(rs, no[i], &in, &len);
		assert_non_null(got);
		assert_int_equal(len, b.len);
		if (len > 0)
			assert_memory_equal(got, b.data, len);
	}
	assert_int_equal(recstore_save(rs), 0);
	recstore_free(rs);
	names(sub, ls, sizeof(ls));
	assert_string_equal(ls, "search.records ");
	rs = recstore_open(sub, "search");
	for (size_t i = 0; i < N; i++) {
		record(&b, i);
		size_t n;
		assert_true(recstore_get(rs, key[i], &n));
		const char *got = recstore_data(rs, n, &in, &len);
		assert_non_null(got);
		assert_int_equal(len, b.len);
		if (len > 0)
			assert_memory_equal(got, b.data, len);
	}
	recstore_free(rs);
	/* nothing kept: a record put is still read back */
	rs = recstore_open(NULL, "search");
	record(&b, 3);
	size_t k = recstore_put(rs, key[3], b.data, b.len);
	assert_memory_equal(recstore_data(rs, k, &in, &len), b.data, b.len);
	recstore_free(rs);
	buf_free(&b);
	buf_free(&in);
	assert_int_equal(sh("rm -rf '%s'", dir), 0);
	(void)state;
}

/* The resident memory of this process, in KiB (/proc/self/status). */
static long
rss_kib(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	long kib = -1;
	assert_non_null(f);
	while (fgets(line, sizeof(line), f) != NULL)
		if (sscanf(line, "VmRSS: %ld", &kib) == 1)
			break;
	fclose(f);
	return kib;
}

/*
 * A store opened keeps its file's records out of the build's memory until
 * they are wanted: 32 MiB of records (a large site's search records) add
 * far less than that to the process's resident memory, read or mapped
 * (the pages of a file mapping read count in it: a one-page edit's peak
 * was 15 MiB above a cold build's), and a record got is read back whole.
 */
static void
test_open_out_of_memory(void **state)
{
	char dir[] = "/tmp/fabrique-rec-XXXXXX", sub[64];
	assert_non_null(mkdtemp(dir));
	snprintf(sub, sizeof(sub), "%s/cache", dir);
	enum { N = 512, LEN = 64 * 1024 };
	unsigned char key[RECSTORE_KEY], first[RECSTORE_KEY];
	char *data = malloc(LEN);
	assert_non_null(data);
	recstore *rs = recstore_open(sub, "search");
	for (size_t i = 0; i < N; i++) {
		memset(data, 'a' + (int)(i % 26), LEN);
		snprintf(data, LEN, "%zu", i);
		recstore_key(rs, data, LEN, key);
		if (i == 0)
			memcpy(first, key, sizeof(key));
		recstore_put(rs, key, data, LEN);
	}
	assert_int_equal(recstore_save(rs), 0);
	recstore_free(rs);
	long before = rss_kib();
	rs = recstore_open(sub, "search");
	long after = rss_kib();
	assert_true(before > 0);
	assert_true(after - before < 8 * 1024); /* of 32 MiB */
	size_t no, len;
	buf in = BUF_INIT;
	assert_true(recstore_get(rs, first, &no));
	const char *got = recstore_data(rs, no, &in, &len);
	assert_non_null(got);
	assert_int_equal(len, LEN);
	assert_string_equal(got, "0");
	assert_int_equal(got[LEN - 1], 'a');
	recstore_free(rs);
	buf_free(&in);
	free(data);
	assert_int_equal(sh("rm -rf '%s'", dir), 0);
	(void)state;
}

struct putter {
	scratch *sc;
	char letter;
	long long at[200];
};

static void *
put_many(void *arg)
{
	struct putter *p = arg;
	char text[300];
	for (size_t i = 0; i < 200; i++) {
		memset(text, p->letter, i + 1);
		p->at[i] = scratch_put(p->sc, text, i + 1);
	}
	return NULL;
}

/* Two threads putting at once each read back what they put. */
static void
test_scratch_threads(void **state)
{
	char dir[] = "/tmp/fabrique-scr-XXXXXX", ls[64];
	assert_non_null(mkdtemp(dir));
	scratch *sc = scratch_open(dir, ".t");
	assert_non_null(sc);
	struct putter a = {sc, 'a', {0}}, b = {sc, 'b', {0}};
	pthread_t t;
	assert_int_equal(pthread_create(&t, NULL, put_many, &a), 0);
	put_many(&b);
	pthread_join(t, NULL);
	buf in = BUF_INIT;
	for (size_t i = 0; i < 200; i++)
		for (struct putter *p = &a; p != NULL;
		     p = p == &a ? &b : NULL) {
			buf_reset(&in);
			assert_true(p->at[i] >= 0);
			assert_true(scratch_read(sc, p->at[i], i + 1, &in));
			assert_int_equal(in.len, i + 1);
			for (size_t k = 0; k <= i; k++)
				assert_int_equal(in.data[k], p->letter);
		}
	/* past its end: cut short */
	assert_false(scratch_read(sc, 400 * 300, 10, &in));
	buf_free(&in);
	scratch_free(sc);
	names(dir, ls, sizeof(ls));
	assert_string_equal(ls, "");
	assert_null(scratch_open("/nonexistent-folder", ".t"));
	assert_int_equal(sh("rm -rf '%s'", dir), 0);
	(void)state;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_put_parked),
	    cmocka_unit_test(test_open_out_of_memory),
	    cmocka_unit_test(test_scratch_threads),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
