/*
 * Tests for json.c: string literals a browser can parse safely.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "json.h"

static void
check(const char *in, const char *want)
{
	buf out = BUF_INIT;
	json_string(&out, in);
	assert_string_equal(buf_cstr(&out), want);
	buf_free(&out);
}

static void
test_strings(void **state)
{
	check("Église", "\"Église\"");
	check("a\"b\\c", "\"a\\\"b\\\\c\"");
	check("l1\nl2\tt", "\"l1\\nl2\\u0009t\"");
	check("</script>&", "\"\\u003c/script\\u003e\\u0026\"");
	check("x\xe2\x80\xa8y\xe2\x80\xa9z", "\"x\\u2028y\\u2029z\"");
	check("« €", "\"« €\"");
	check("", "\"\"");
	check(NULL, "null");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_strings),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
