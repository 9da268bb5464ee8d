#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "buf.h"

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

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_digits_as_printf_writes_them),
	    cmocka_unit_test(test_printf_fits_or_grows),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
