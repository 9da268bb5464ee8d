/* Unit tests for fsutil.c: folders made, files read, and replaced whole. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "fsutil.h"

static char *
tmpdir(void)
{
	char *d = strdup("/tmp/fabrique-fsutil-XXXXXX");
	assert_non_null(mkdtemp(d));
	return d;
}

/* How many entries dir holds. */
static int
count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	assert_non_null(d);
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL)
		n +=
		    strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
	closedir(d);
	return n;
}

/* A file replaced holds head then data, a second replace the new bytes
 * only, and no temporary file stays beside it. */
static void
test_replace_whole(void **state)
{
	(void)state;
	char *d = tmpdir();
	char path[256];
	snprintf(path, sizeof(path), "%s/entry", d);
	assert_int_equal(fsutil_replace(path, "head:", 5, "body", 4), 0);
	size_t len;
	char *got = fsutil_read_file(path, &len);
	assert_non_null(got);
	assert_int_equal(len, 9);
	assert_string_equal(got, "head:body");
	free(got);
	assert_int_equal(fsutil_replace(path, "new", 3, NULL, 0), 0);
	got = fsutil_read_file(path, &len);
	assert_string_equal(got, "new");
	free(got);
	assert_int_equal(count_entries(d), 1);
	assert_int_equal(fs_remove_tree(d), 0);
	free(d);
}

/* A missing folder: -1 with ENOENT (callers make it and try again), and
 * nothing written. */
static void
test_replace_missing_folder(void **state)
{
	(void)state;
	char *d = tmpdir();
	char path[256];
	snprintf(path, sizeof(path), "%s/no/entry", d);
	errno = 0;
	assert_int_equal(fsutil_replace(path, "x", 1, NULL, 0), -1);
	assert_int_equal(errno, ENOENT);
	assert_int_equal(count_entries(d), 0);
	snprintf(path, sizeof(path), "%s/no", d);
	assert_int_equal(fsutil_mkdirs(path), 0);
	snprintf(path, sizeof(path), "%s/no/entry", d);
	assert_int_equal(fsutil_replace(path, "x", 1, NULL, 0), 0);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_size, 1);
	assert_int_equal(fs_remove_tree(d), 0);
	free(d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_replace_whole),
	    cmocka_unit_test(test_replace_missing_folder),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
