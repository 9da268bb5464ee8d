/* Unit tests for blobmemo.c: results kept by blob id across builds (the
 * schedules' digests of eventrev.c), and a file that is not this
 * binary's, this tag's, or whole, is ignored as a whole. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "blobmemo.h"
#include "fsutil.h"

#define BLOB_A "0123456789abcdef0123456789abcdef01234567"
#define BLOB_B "89abcdef0123456789abcdef0123456789abcdef"

struct fixture {
	char dir[64];
	char path[96];
};

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	snprintf(f->dir, sizeof(f->dir), "/tmp/fabrique-blobmemo-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof(f->path), "%s/schedules", f->dir);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;
	fs_remove_tree(f->dir);
	free(f);
	return 0;
}

static void
val_of(unsigned char v[BLOBMEMO_VAL], unsigned char seed)
{
	for (int i = 0; i < BLOBMEMO_VAL; i++)
		v[i] = (unsigned char)(seed + 7 * i);
}

/* Two results put and saved: the next opening gives them back, byte for
 * byte; an id never put gives none. */
static void
test_kept_across_openings(void **state)
{
	struct fixture *f = *state;
	unsigned char a[BLOBMEMO_VAL], b[BLOBMEMO_VAL], got[BLOBMEMO_VAL];
	val_of(a, 1);
	val_of(b, 200);
	blobmemo *m = blobmemo_open(f->path, "t 1");
	assert_false(blobmemo_get(m, BLOB_A, got));
	blobmemo_put(m, BLOB_A, a);
	blobmemo_put(m, BLOB_B, b);
	assert_int_equal(blobmemo_save(m), 0);
	blobmemo_free(m);

	m = blobmemo_open(f->path, "t 1");
	assert_true(blobmemo_get(m, BLOB_B, got));
	assert_memory_equal(got, b, BLOBMEMO_VAL);
	assert_true(blobmemo_get(m, BLOB_A, got));
	assert_memory_equal(got, a, BLOBMEMO_VAL);
	assert_false(
	    blobmemo_get(m, "ffffffffffffffffffffffffffffffffffffffff", got));
	blobmemo_free(m);
}

#define BLOB_C "fedcba9876543210fedcba9876543210fedcba98"

/* How many of A, B, C the file at path gives back. */
static int
kept(const char *path, bool *a, bool *b, bool *c)
{
	unsigned char got[BLOBMEMO_VAL];
	blobmemo *m = blobmemo_open(path, "t 1");
	*a = blobmemo_get(m, BLOB_A, got);
	*b = blobmemo_get(m, BLOB_B, got);
	*c = blobmemo_get(m, BLOB_C, got);
	blobmemo_free(m); /* not saved */
	return *a + *b + *c;
}

/* A build that put nothing leaves the file as it is (an edit of a page
 * that is no workshop asks for no version: the next edit still finds
 * them all); one that put something keeps the unused entries while they
 * are no more than the used ones, and drops them beyond, so that the
 * file stays within twice one site's versions. */
static void
test_save_keeps_used(void **state)
{
	struct fixture *f = *state;
	unsigned char v[BLOBMEMO_VAL], got[BLOBMEMO_VAL];
	bool a, b, c;
	val_of(v, 3);
	blobmemo *m = blobmemo_open(f->path, "t 1");
	blobmemo_put(m, BLOB_A, v);
	blobmemo_put(m, BLOB_B, v);
	assert_int_equal(blobmemo_save(m), 0);
	blobmemo_free(m);

	m = blobmemo_open(f->path, "t 1"); /* nothing asked nor put */
	assert_int_equal(blobmemo_save(m), 0);
	blobmemo_free(m);
	assert_int_equal(kept(f->path, &a, &b, &c), 2);

	m = blobmemo_open(f->path, "t 1"); /* A used, C put: B kept */
	assert_true(blobmemo_get(m, BLOB_A, got));
	blobmemo_put(m, BLOB_C, v);
	assert_int_equal(blobmemo_save(m), 0);
	blobmemo_free(m);
	assert_int_equal(kept(f->path, &a, &b, &c), 3);

	m = blobmemo_open(f->path, "t 1"); /* C changed alone: A, B out */
	val_of(v, 4);
	blobmemo_put(m, BLOB_C, v);
	assert_int_equal(blobmemo_save(m), 0);
	blobmemo_free(m);
	assert_int_equal(kept(f->path, &a, &b, &c), 1);
	assert_true(c);
	m = blobmemo_open(f->path, "t 1");
	assert_true(blobmemo_get(m, BLOB_C, got));
	assert_memory_equal(got, v, BLOBMEMO_VAL);
	blobmemo_free(m);
}

/* Another tag's file, and a file with one byte changed or cut short,
 * give an empty memo, never a result. */
static void
test_foreign_or_damaged_ignored(void **state)
{
	struct fixture *f = *state;
	unsigned char a[BLOBMEMO_VAL], got[BLOBMEMO_VAL];
	val_of(a, 9);
	blobmemo *m = blobmemo_open(f->path, "t 1");
	blobmemo_put(m, BLOB_A, a);
	assert_int_equal(blobmemo_save(m), 0);
	blobmemo_free(m);

	m = blobmemo_open(f->path, "t 2");
	assert_false(blobmemo_get(m, BLOB_A, got));
	blobmemo_free(m);

	size_t len;
	char *data = fsutil_read_file(f->path, &len);
	assert_non_null(data);
	data[len - 1] ^= 1; /* the result's last byte */
	assert_int_equal(fsutil_replace(f->path, data, len, "", 0), 0);
	m = blobmemo_open(f->path, "t 1");
	assert_false(blobmemo_get(m, BLOB_A, got));
	blobmemo_free(m);

	data[len - 1] ^= 1;
	assert_int_equal(fsutil_replace(f->path, data, len - 1, "", 0), 0);
	m = blobmemo_open(f->path, "t 1");
	assert_false(blobmemo_get(m, BLOB_A, got));
	blobmemo_free(m);

	assert_int_equal(fsutil_replace(f->path, data, len, "", 0), 0);
	m = blobmemo_open(f->path, "t 1"); /* whole again: read */
	assert_true(blobmemo_get(m, BLOB_A, got));
	assert_memory_equal(got, a, BLOBMEMO_VAL);
	blobmemo_free(m);
	free(data);
	assert_int_equal(blobmemo_remove(f->path), 0);
	assert_int_equal(access(f->path, F_OK), -1);
	assert_int_equal(blobmemo_remove(f->path), 0);
}

/* The file is read at the first get or put, once: opening reads
 * nothing (what asks for no digest, a check, pays nothing for a 1 MB
 * memo), and what the first use read stays for the rest of the
 * build. */
static void
test_read_at_first_use(void **state)
{
	struct fixture *f = *state;
	unsigned char a[BLOBMEMO_VAL], got[BLOBMEMO_VAL];
	val_of(a, 5);
	blobmemo *m = blobmemo_open(f->path, "t 1");
	blobmemo_put(m, BLOB_A, a);
	assert_int_equal(blobmemo_save(m), 0);
	blobmemo_free(m);

	m = blobmemo_open(f->path, "t 1"); /* the file gone after opening */
	assert_int_equal(blobmemo_remove(f->path), 0);
	assert_false(blobmemo_get(m, BLOB_A, got));
	assert_int_equal(blobmemo_save(m), 0); /* nothing put: no file */
	assert_int_equal(access(f->path, F_OK), -1);
	blobmemo_free(m);

	m = blobmemo_open(f->path, "t 1");
	blobmemo_put(m, BLOB_A, a);
	assert_int_equal(blobmemo_save(m), 0);
	blobmemo_free(m);
	m = blobmemo_open(f->path, "t 1"); /* read at the first get, once */
	assert_false(blobmemo_get(m, BLOB_B, got));
	assert_int_equal(blobmemo_remove(f->path), 0);
	assert_true(blobmemo_get(m, BLOB_A, got));
	assert_memory_equal(got, a, BLOBMEMO_VAL);
	blobmemo_free(m);
}

/* No path: a memo that keeps nothing, every call taking it. */
static void
test_no_path(void **state)
{
	(void)state;
	unsigned char a[BLOBMEMO_VAL] = {0};
	blobmemo *m = blobmemo_open(NULL, "t 1");
	assert_null(m);
	blobmemo_put(m, BLOB_A, a);
	assert_false(blobmemo_get(m, BLOB_A, a));
	assert_int_equal(blobmemo_save(m), 0);
	blobmemo_free(m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_kept_across_openings, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_save_keeps_used, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_foreign_or_damaged_ignored,
	                                    setup, teardown),
	    cmocka_unit_test_setup_teardown(test_read_at_first_use, setup,
	                                    teardown),
	    cmocka_unit_test(test_no_path),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
