#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "bytes.h"

/* The photo cache's header and the WebP container are little-endian
 * whatever the machine: the bytes are checked, not a round trip alone. */
static void
test_le32_is_least_significant_first(void **state)
{
	unsigned char b[4];
	bytes_put_le32(b, 0x12345678u);
	assert_memory_equal(b, "\x78\x56\x34\x12", 4);
	assert_int_equal(bytes_get_le(b, 4), 0x12345678u);
	assert_int_equal(bytes_get_le(b, 2), 0x5678u);
}

static void
test_le64_round_trip_at_the_top_bit(void **state)
{
	unsigned char b[8];
	uint64_t v = 0x8000000000000001ull;
	bytes_put_le64(b, v);
	assert_int_equal(b[0], 1);
	assert_int_equal(b[7], 0x80);
	assert_true(bytes_get_le(b, 8) == v);
}

static void
test_hex_digits_both_cases(void **state)
{
	const char *digits = "0123456789abcdef", *upper = "ABCDEF";
	for (int i = 0; i < 16; i++)
		assert_int_equal(bytes_hexval(digits[i]), i);
	for (int i = 0; i < 6; i++)
		assert_int_equal(bytes_hexval(upper[i]), 10 + i);
	assert_int_equal(bytes_hexval('g'), -1);
	assert_int_equal(bytes_hexval('%'), -1);
	assert_int_equal(bytes_hexval('\0'), -1);
}

/* Sizes as a link and a message say them: decimal units, one decimal
 * below 10 unless it is 0, a comma in French, never "0 KB" for a byte. */
static void
test_size_in_words(void **state)
{
	char b[32];
	assert_string_equal(bytes_size_text(b, sizeof(b), 80000000, true, " "),
	                    "80 Mo");
	assert_string_equal(bytes_size_text(b, sizeof(b), 2300000, true, " "),
	                    "2,3 Mo");
	assert_string_equal(bytes_size_text(b, sizeof(b), 2300000, false, " "),
	                    "2.3 MB");
	assert_string_equal(bytes_size_text(b, sizeof(b), 6000000, true, " "),
	                    "6 Mo");
	assert_string_equal(bytes_size_text(b, sizeof(b), 12, true, " "),
	                    "1 Ko");
	assert_string_equal(bytes_size_text(b, sizeof(b), 0, false, " "),
	                    "0 KB");
	assert_string_equal(bytes_size_text(b, sizeof(b), 999600, true, "_"),
	                    "1_Mo");
	assert_string_equal(
	    bytes_size_text(b, sizeof(b), 1500000000, true, "\u00a0"),
	    "1,5\u00a0Go");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_le32_is_least_significant_first),
	    cmocka_unit_test(test_le64_round_trip_at_the_top_bit),
	    cmocka_unit_test(test_hex_digits_both_cases),
	    cmocka_unit_test(test_size_in_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
