/*
 * Tests for json.c: string literals a browser can parse safely, value
 * trees written and parsed back, syntax errors located.
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

static char *
roundtrip(arena *a, const char *in, int indent)
{
	unsigned line = 0, col = 0;
	const char *why = NULL;
	value *v = json_parse(a, "t.json", in, strlen(in), &line, &col, &why);
	assert_non_null(v);
	buf out = BUF_INIT;
	json_value(&out, v, indent);
	char *s = arena_strdup(a, buf_cstr(&out));
	buf_free(&out);
	return s;
}

static void
test_parse_write(void **state)
{
	arena *a = arena_new();
	assert_string_equal(
	    roundtrip(a,
	              " {\"b\": [1, 2.5, -3e2, true, false, null],"
	              " \"a\": {\"x\": \"\\u00e9\\ud83d\\ude00\\n\"}}",
	              0),
	    "{\"b\":[1,2.5,-300,true,false,null],\"a\":{\"x\":"
	    "\"\xc3\xa9\xf0\x9f\x98\x80\\n\"}}");
	assert_string_equal(roundtrip(a, "{\"k\":[1,{}],\"e\":[]}", 1),
	                    "{\n \"k\": [\n  1,\n  {}\n ],\n \"e\": []\n}");
	unsigned line, col;
	const char *why;
	value *v = json_parse(a, "t.json", "{\n  \"a\": 1,\n  \"b\": x}", 22,
	                      &line, &col, &why);
	assert_null(v);
	assert_int_equal(line, 3);
	assert_int_equal(col, 8);
	assert_null(
	    json_parse(a, "t", "{\"a\":1,\"a\":2}", 13, &line, &col, &why));
	assert_string_equal(why, "member name given twice");
	assert_null(json_parse(a, "t", "[1] 2", 5, &line, &col, &why));
	assert_null(json_parse(a, "t", "\"\\ud800\"", 8, &line, &col, &why));
	assert_null(json_parse(a, "t", "[01]", 4, &line, &col, &why));
	/* positions are kept for later messages */
	v = json_parse(a, "f.json", "{\n \"a\": [\n  7]}", 15, &line, &col,
	               &why);
	value_pos p = value_where(value_at(value_get(v, "a"), 0));
	assert_string_equal(p.file, "f.json");
	assert_int_equal(p.line, 3);
	assert_int_equal(p.col, 3);
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_strings),
	    cmocka_unit_test(test_parse_write),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
