#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "url.h"

static void
check_path(const char *in, const char *want)
{
	arena *a = arena_new();
	const char *got = url_path(a, in);
	assert_string_equal(got, want);
	char *back = url_decode(a, got, strlen(got));
	assert_string_equal(back, in);
	arena_free(a);
}

static void
test_safe_paths_are_kept(void **state)
{
	check_path("/ateliers/repeindre-le-preau/",
	           "/ateliers/repeindre-le-preau/");
	check_path("/assets/css/style.ac3cf4d7.css",
	           "/assets/css/style.ac3cf4d7.css");
	check_path("a_b~c.D-9", "a_b~c.D-9");
	check_path("", "");
}

static void
test_each_delimiter_is_encoded(void **state)
{
	check_path("/plan du bourg.pdf", "/plan%20du%20bourg.pdf");
	check_path("/photo #1.jpg", "/photo%20%231.jpg");
	check_path("/quoi?.pdf", "/quoi%3F.pdf");
	check_path("/100%.pdf", "/100%25.pdf");
	check_path("/l'été \"x\".jpg", "/l%27%C3%A9t%C3%A9%20%22x%22.jpg");
	check_path("/a,b;c=d&e+f.jpg", "/a%2Cb%3Bc%3Dd%26e%2Bf.jpg");
	check_path("/<b>(x)[y]{z}", "/%3Cb%3E%28x%29%5By%5D%7Bz%7D");
	check_path("/a\\b|c^d`e", "/a%5Cb%7Cc%5Ed%60e");
	check_path("/tab\there\n", "/tab%09here%0A");
}

static void
test_non_ascii_names(void **state)
{
	check_path("/retours/fête-2025/Lavoir d'été.png",
	           "/retours/f%C3%AAte-2025/Lavoir%20d%27%C3%A9t%C3%A9.png");
	check_path("/東京.jpg", "/%E6%9D%B1%E4%BA%AC.jpg");
	check_path("/🎉.png", "/%F0%9F%8E%89.png");
	/* bytes that are not UTF-8 still round-trip, one by one */
	check_path("/\xff\xfe.bin", "/%FF%FE.bin");
}

static void
test_component_encodes_slashes(void **state)
{
	buf b = BUF_INIT;
	url_put_component(&b, "a/b c&d=é");
	assert_string_equal(buf_cstr(&b), "a%2Fb%20c%26d%3D%C3%A9");
	buf_free(&b);
}

static void
test_decode_leaves_what_is_not_an_escape(void **state)
{
	arena *a = arena_new();
	assert_string_equal(url_decode(a, "%41%42", 6), "AB");
	assert_string_equal(url_decode(a, "%e9t%C3%a9", 10), "\xe9t\xc3\xa9");
	assert_string_equal(url_decode(a, "100%", 4), "100%");
	assert_string_equal(url_decode(a, "%4", 2), "%4");
	assert_string_equal(url_decode(a, "%zz%2", 5), "%zz%2");
	assert_string_equal(url_decode(a, "%00x", 4), "%00x");
	/* only the first n bytes */
	assert_string_equal(url_decode(a, "a%20b#frag", 5), "a b");
	assert_string_equal(url_decode(a, "%2", 2), "%2");
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_safe_paths_are_kept),
	    cmocka_unit_test(test_each_delimiter_is_encoded),
	    cmocka_unit_test(test_non_ascii_names),
	    cmocka_unit_test(test_component_encodes_slashes),
	    cmocka_unit_test(test_decode_leaves_what_is_not_an_escape),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
