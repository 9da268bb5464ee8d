#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "xalloc.h"

/* buf_put_digits() writes what "%0*lld" does, calendars' dates and
 * times depend on it byte for byte: zero-padded, wider numbers whole,
 * negative ones with their sign, after what the buffer held. */
static void
test_digits_as_printf_writes_them(void **state)
{
	static const long long values[] = {
	    0,  1,   7,     9,         10,        59,
	    99, 100, 2026,  9999,      10000,     123456789,
	    -1, -42, -2026, 1LL << 40, INT64_MAX, INT64_MIN + 1,
	};
	for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++)
		for (int width = 0; width <= 22; width++) {
			char want[64];
			snprintf(want, sizeof(want), "x%0*lld", width,
			         values[i]);
			buf b = BUF_INIT;
			buf_putc(&b, 'x');
			buf_put_digits(&b, values[i], width);
			assert_string_equal(buf_cstr(&b), want);
			assert_int_equal(b.len, strlen(want));
			buf_free(&b);
		}
}

/* Formatted text lands after what the buffer holds, whether it fits
 * the free room, fills it to the last octet, or needs more. */
static void
test_printf_fits_or_grows(void **state)
{
	buf b = BUF_INIT;
	buf_printf(&b, "%s", "");
	assert_string_equal(buf_cstr(&b), "");
	buf want = BUF_INIT;
	for (int i = 0; i < 600; i++) {
		buf_printf(&b, "%d-%.*s;", i, i % 40,
		           "abcdefghijklmnopqrstuvwxyz0123456789ABCDEF");
		char one[64];
		snprintf(one, sizeof(one), "%d-%.*s;", i, i % 40,
		         "abcdefghijklmnopqrstuvwxyz0123456789ABCDEF");
		buf_puts(&want, one);
		assert_int_equal(b.len, want.len);
		assert_string_equal(b.data, want.data);
		assert_true(b.len < b.cap);
	}
	/* exactly the room left, then one octet more than it */
	size_t room = b.cap - b.len - 1;
	char big[5000];
	memset(big, 'z', sizeof(big));
	buf_printf(&b, "%.*s", (int)room, big);
	assert_int_equal(b.len, b.cap - 1);
	buf_printf(&b, "%s", "!");
	assert_int_equal(b.data[b.len - 1], '!');
	assert_int_equal(b.data[b.len], '\0');
	assert_int_equal(strlen(b.data), b.len);
	buf_free(&b);
	buf_free(&want);
}

/* Formats of text, %s, %.*s and %% are written without vsnprintf
 * (arena_format_plain()): the same bytes as snprintf, through buf and
 * arena, with strings empty, cut by the precision, longer than an
 * arena's block, and with a NULL string or another conversion (then
 * vsnprintf's own). */
static void
test_plain_formats_as_printf_writes_them(void **state)
{
	static char big[70000];
	memset(big, 'b', sizeof(big) - 1);
	const char *strs[] = {"", "a", "été « x »", "/x/y/", big};
	arena *a = arena_new();
	for (size_t i = 0; i < sizeof(strs) / sizeof(*strs); i++)
		for (size_t j = 0; j < sizeof(strs) / sizeof(*strs); j++)
			for (int prec = 0; prec < 12; prec += 5) {
				const char *x = strs[i], *y = strs[j];
				char *want = xmalloc(2 * sizeof(big) + 64);
				sprintf(want, "/%s-%.*s%%%s/%s", x, prec, y, y,
				        "");
				buf b = BUF_INIT;
				buf_printf(&b, "/%s-%.*s%%%s/%s", x, prec, y, y,
				           "");
				assert_string_equal(b.data, want);
				assert_int_equal(b.len, strlen(want));
				assert_string_equal(
				    arena_printf(a, "/%s-%.*s%%%s/%s", x, prec,
				                 y, y, ""),
				    want);
				buf_free(&b);
				free(want);
			}
	/* not plain: vsnprintf's bytes */
	const char *volatile null_ = NULL; /* glibc prints "(null)" */
	const char *none = null_;
	char want[64];
	snprintf(want, sizeof(want), "%s|%.*s|%d|%5s", none, 3, none, 42, "ab");
	assert_string_equal(
	    arena_printf(a, "%s|%.*s|%d|%5s", none, 3, none, 42, "ab"), want);
	buf b = BUF_INIT;
	buf_printf(&b, "%s|%.*s|%d|%5s", none, 3, none, 42, "ab");
	assert_string_equal(b.data, want);
	buf_free(&b);
	/* more pieces than are kept (16): vsnprintf's, the same */
	assert_string_equal(arena_printf(a, "0%s1%s2%s3%s4%s5%s6%s7%s8%s9", "a",
	                                 "b", "c", "d", "e", "f", "g", "h",
	                                 "i"),
	                    "0a1b2c3d4e5f6g7h8i9");
	assert_string_equal(arena_printf(a, "%s", ""), "");
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_digits_as_printf_writes_them),
	    cmocka_unit_test(test_printf_fits_or_grows),
	    cmocka_unit_test(test_plain_formats_as_printf_writes_them),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
