/*
 * Tests for jsonschema.c: the keywords the programme schema uses, the
 * JSON pointers of problems, and refusal of keywords it does not check.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "json.h"
#include "jsonschema.h"

static value *
parse(arena *a, const char *text)
{
	unsigned l, c;
	const char *why;
	value *v = json_parse(a, "t", text, strlen(text), &l, &c, &why);
	assert_non_null(v);
	return v;
}

static const char schema[] =
    "{\"type\":\"object\",\"required\":[\"a\"],\"additionalProperties\":false,"
    "\"properties\":{\"a\":{\"type\":\"array\",\"items\":{\"$ref\":\"#/$defs/"
    "x\"}},\"n\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":5},"
    "\"e\":{\"enum\":[\"p\",\"q\"]},\"c\":{\"const\":\"v1\"}},"
    "\"$defs\":{\"x\":{\"type\":\"string\",\"minLength\":2,\"maxLength\":3,"
    "\"pattern\":\"^[a-zé:]+$\",\"format\":\"uri\"}}}";

static size_t
problems(const jsonschema *js, arena *a, const char *doc, buf *out)
{
	buf_reset(out);
	return jsonschema_check(js, parse(a, doc), out, 10);
}

static void
test_keywords(void **state)
{
	arena *a = arena_new();
	const char *why = NULL;
	jsonschema *js = jsonschema_new(parse(a, schema), &why);
	assert_non_null(js);
	buf out = BUF_INIT;
	assert_int_equal(problems(js, a,
	                          "{\"a\":[\"é:x\"],\"n\":3,\"e\":\"q\","
	                          "\"c\":\"v1\"}",
	                          &out),
	                 0);
	assert_int_equal(problems(js, a, "{}", &out), 1);
	assert_string_equal(buf_cstr(&out), "/: lacks the required member a\n");
	assert_int_equal(
	    problems(js, a, "{\"a\":[\"AB:\",\"x\"],\"z\":1}", &out), 4);
	assert_non_null(strstr(buf_cstr(&out), "/a/0: does not match"));
	assert_non_null(strstr(buf_cstr(&out), "/a/1: is too short"));
	assert_non_null(strstr(buf_cstr(&out), "/a/1: is not a valid uri"));
	assert_non_null(strstr(buf_cstr(&out), "/z: is not allowed here"));
	assert_int_equal(
	    problems(js, a, "{\"a\":[],\"n\":2.5,\"e\":\"r\",\"c\":\"v2\"}",
	             &out),
	    3);
	assert_int_equal(problems(js, a, "{\"a\":[],\"n\":9}", &out), 1);
	assert_string_equal(buf_cstr(&out), "/n: is out of range\n");
	assert_int_equal(problems(js, a, "[1]", &out), 1);
	buf_free(&out);
	jsonschema_free(js);
	assert_null(jsonschema_new(parse(a, "{\"oneOf\":[]}"), &why));
	assert_string_equal(why, "oneOf");
	assert_null(jsonschema_new(parse(a, "{\"pattern\":\"(\"}"), &why));
	arena_free(a);
}

/* As a reader: members the schema does not know are listed, not
 * problems; everything else is checked as before. */
static void
test_reader(void **state)
{
	(void)state;
	arena *a = arena_new();
	const char *why = NULL;
	jsonschema *js = jsonschema_new(parse(a, schema), &why);
	assert_non_null(js);
	buf out = BUF_INIT, unknown = BUF_INIT;
	size_t nu = 99;
	assert_int_equal(
	    jsonschema_check_reader(js, parse(a, "{\"a\":[\"é:x\"],\"z\":1}"),
	                            &out, &unknown, 10, &nu),
	    0);
	assert_int_equal(nu, 1);
	assert_string_equal(buf_cstr(&unknown), "/z\n");
	assert_string_equal(buf_cstr(&out), "");
	buf_reset(&unknown);
	assert_int_equal(
	    jsonschema_check_reader(
	        js, parse(a, "{\"a\":[\"é:x\"],\"n\":9,\"y\":1,\"z\":2}"), &out,
	        &unknown, 1, &nu),
	    1);
	assert_int_equal(nu, 2);
	assert_string_equal(buf_cstr(&unknown), "/y\n");
	assert_string_equal(buf_cstr(&out), "/n: is out of range\n");
	buf_free(&out);
	buf_free(&unknown);
	jsonschema_free(js);
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_keywords),
	    cmocka_unit_test(test_reader),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
