/*
 * Tests for deploy.c's rollback and link handling on hand-made deploy
 * folders (publishing itself is tested end to end in
 * tests/integration/deploy.sh, with real pushes).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "deploy.h"
#include "diag.h"
#include "unit_sh.h"

#define A "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define B "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
#define C "cccccccccccccccccccccccccccccccccccccccc"

struct fx {
	char dir[64];
	diag *d;
};

/* A deploy folder that published A, B, then C (current). */
static int
setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	if (f == NULL)
		return -1;
	strcpy(f->dir, "/tmp/fabrique-deploy-XXXXXX");
	if (mkdtemp(f->dir) == NULL)
		return -1;
	f->d = diag_new("en");
	*state = f;
	return sh("cd %s && mkdir -p releases/%s releases/%s releases/%s && "
	          "printf '%s\\n%s\\n%s\\n' >releases.list && "
	          "ln -s releases/%s current",
	          f->dir, A, B, C, A, B, C, C);
}

static int
teardown(void **state)
{
	struct fx *f = *state;
	int rc = sh("rm -rf %s", f->dir);
	diag_free(f->d);
	free(f);
	return rc;
}

static void
test_current(void **state)
{
	struct fx *f = *state;
	char *cur = deploy_current(f->dir);
	assert_non_null(cur);
	assert_string_equal(cur, C);
	free(cur);
}

static void
test_current_rejects_foreign_link(void **state)
{
	struct fx *f = *state;
	assert_int_equal(sh("ln -sfn /etc %s/current", f->dir), 0);
	assert_null(deploy_current(f->dir));
	assert_int_equal(deploy_rollback(f->dir, f->d), BUILD_SOURCE);
}

static void
test_rollback_steps_back(void **state)
{
	struct fx *f = *state;
	assert_int_equal(deploy_rollback(f->dir, f->d), BUILD_OK);
	char *cur = deploy_current(f->dir);
	assert_string_equal(cur, B);
	free(cur);
	/* The release left is dropped, from the list and the disk. */
	assert_int_equal(sh("test ! -e %s/releases/%s", f->dir, C), 0);
	assert_int_equal(sh("test \"$(cat %s/releases.list)\" = \"$(printf "
	                    "'%s\\n%s')\"",
	                    f->dir, A, B),
	                 0);
	assert_int_equal(deploy_rollback(f->dir, f->d), BUILD_OK);
	cur = deploy_current(f->dir);
	assert_string_equal(cur, A);
	free(cur);
	assert_int_equal(deploy_rollback(f->dir, f->d), BUILD_USAGE);
	cur = deploy_current(f->dir);
	assert_string_equal(cur, A);
	free(cur);
}

static void
test_rollback_leaves_no_temporary_link(void **state)
{
	struct fx *f = *state;
	assert_int_equal(deploy_rollback(f->dir, f->d), BUILD_OK);
	assert_int_equal(sh("test ! -e %s/.current.tmp", f->dir), 0);
	assert_int_equal(sh("test -L %s/current", f->dir), 0);
}

static void
test_rollback_needs_a_deploy_folder(void **state)
{
	struct fx *f = *state;
	assert_int_equal(sh("rm %s/current", f->dir), 0);
	assert_int_equal(deploy_rollback(f->dir, f->d), BUILD_SOURCE);
	assert_true(diag_count(f->d, DIAG_ERROR) > 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_current, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_current_rejects_foreign_link,
	                                    setup, teardown),
	    cmocka_unit_test_setup_teardown(test_rollback_steps_back, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(
	        test_rollback_leaves_no_temporary_link, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_rollback_needs_a_deploy_folder,
	                                    setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
