/*
 * Tests for value.c maps: lookups by key on small maps (scanned) and on
 * large ones (hashed index), through growth, replacement and copies.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "value.h"

#define NKEYS 300

/* Every key of 0..n-1 maps to its number, and nothing else is found. */
static void
check_map(const value *m, char keys[][16], size_t n, long offset)
{
	assert_int_equal(value_len(m), n);
	for (size_t i = 0; i < n; i++) {
		const value *v = value_get(m, keys[i]);
		assert_non_null(v);
		assert_true(value_get_number(v) == (double)((long)i + offset));
		assert_ptr_equal(
		    value_get_hashed(m, keys[i], value_key_hash(keys[i])), v);
		/* insertion order is kept for templates */
		assert_string_equal(value_key_at(m, i), keys[i]);
	}
	assert_null(value_get(m, "absent"));
	assert_null(value_get(m, ""));
}

static void
test_many_keys(void **state)
{
	static char keys[NKEYS][16];
	arena *a = arena_new();
	value *m = value_map(a);
	for (size_t i = 0; i < NKEYS; i++) {
		snprintf(keys[i], sizeof(keys[i]), "cle%zu", i);
		value_set_int(a, m, keys[i], (long)i);
		/* every size, below and above the indexed ones */
		check_map(m, keys, i + 1, 0);
	}
	/* replacing keeps one entry per key */
	for (size_t i = 0; i < NKEYS; i++)
		value_set_int(a, m, keys[i], (long)i + 1000);
	check_map(m, keys, NKEYS, 1000);
	arena_free(a);
}

static void
test_copies(void **state)
{
	static char keys[40][16];
	arena *a = arena_new();
	for (size_t n = 0; n < 20; n++) {
		value *m = value_map(a);
		for (size_t i = 0; i < n; i++) {
			snprintf(keys[i], sizeof(keys[i]), "k%zu", i);
			value_set_int(a, m, keys[i], (long)i);
		}
		/* a copy gains entries and replaces some; the original does
		 * not change */
		value *c = value_copy_map(a, m, 4);
		check_map(c, keys, n, 0);
		for (size_t i = n; i < n + 20; i++) {
			snprintf(keys[i], sizeof(keys[i]), "k%zu", i);
			value_set_int(a, c, keys[i], (long)i);
		}
		check_map(c, keys, n + 20, 0);
		if (n > 0) {
			value_set_int(a, c, keys[0], 99);
			assert_true(value_get_number(value_get(c, keys[0])) ==
			            99);
			assert_true(value_get_number(value_get(m, keys[0])) ==
			            0);
		}
		check_map(m, keys, n, 0);
	}
	arena_free(a);
}

static void
test_list_index(void **state)
{
	arena *a = arena_new();
	value *l = value_list(a);
	value_push(a, l, value_string(a, "premier"));
	assert_string_equal(value_get_string(value_get(l, "0")), "premier");
	assert_null(value_get(l, "1"));
	assert_null(value_get(l, "x"));
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_many_keys),
	    cmocka_unit_test(test_copies),
	    cmocka_unit_test(test_list_index),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
