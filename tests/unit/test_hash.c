#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "hash.h"

/* The hex form is the raw one's two 64-bit lanes as "%016llx%016llx"
 * writes them (the caches' keys and file names on disk depend on it):
 * leading zeros kept, lowercase, on inputs of every length to 300. */
static void
test_hex_is_the_raw_lanes_printed(void **state)
{
	unsigned char data[300];
	for (size_t i = 0; i < sizeof(data); i++)
		data[i] = (unsigned char)(i * 37 + 11);
	for (size_t len = 0; len <= sizeof(data); len++) {
		unsigned char raw[HASH_RAW];
		uint64_t ab[2];
		char want[HASH_HEX + 1], got[HASH_HEX + 1],
		    streamed[HASH_HEX + 1];
		hash_raw(data, len, raw);
		memcpy(ab, raw, sizeof(ab));
		snprintf(want, sizeof(want), "%016llx%016llx",
		         (unsigned long long)ab[0], (unsigned long long)ab[1]);
		hash_hex(data, len, got);
		assert_string_equal(got, want);
		hash_stream h;
		hash_stream_begin(&h, len);
		hash_stream_put(&h, data, len / 3);
		hash_stream_put(&h, data + len / 3, len - len / 3);
		hash_stream_hex(&h, streamed);
		assert_string_equal(streamed, want);
	}
}

/* A lane with high zero digits keeps them: a hex digit per nibble. */
static void
test_hex_digits_of_every_nibble(void **state)
{
	int seen[16] = {0};
	char hex[HASH_HEX + 1];
	for (unsigned i = 0; i < 64; i++) {
		hash_hex(&i, sizeof(i), hex);
		assert_int_equal(strlen(hex), HASH_HEX);
		for (int k = 0; k < HASH_HEX; k++) {
			const char *at = strchr("0123456789abcdef", hex[k]);
			assert_non_null(at);
			seen[at - "0123456789abcdef"]++;
		}
	}
	for (int d = 0; d < 16; d++)
		assert_true(seen[d] > 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_hex_is_the_raw_lanes_printed),
	    cmocka_unit_test(test_hex_digits_of_every_nibble),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
