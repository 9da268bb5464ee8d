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

#include "strmap.h"
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

/*
 * Many maps built one after another, as the site model builds one
 * page's front matter and view after another: every value stays where it
 * was put, and the arrays a map leaves behind when it grows are used by
 * the next ones.  Without that, each map of 20 keys costs the arena the
 * same as the first; with it, the 4-, 8- and 16-entry arrays (64 + 128 +
 * 256 bytes) come back, over 256 bytes a map.  The same for lists of 20
 * items (their 8- and 16-item arrays, 64 + 128 bytes).
 */
static void
test_growth_reuses(void **state)
{
	enum { NMAPS = 200, NKEYS_EACH = 20 };
	static char keys[NKEYS_EACH][16];
	static value *maps[NMAPS], *lists[NMAPS];
	arena *arenas[2] = {arena_new(), arena_new()};
	for (size_t i = 0; i < NKEYS_EACH; i++)
		snprintf(keys[i], sizeof(keys[i]), "c%zu", i);
	for (int pass = 0; pass < 2; pass++) {
		arena *a = arenas[pass]; /* nothing left behind by the other */
		size_t first = 0, last = arena_used(a);
		for (size_t m = 0; m < NMAPS; m++) {
			if (pass == 0)
				maps[m] = value_map(a);
			else
				lists[m] = value_list(a);
			/* the values come between the arrays: none can
			 * grow in place */
			for (size_t i = 0; i < NKEYS_EACH; i++)
				if (pass == 0)
					value_set_int(a, maps[m], keys[i],
					              (long)i);
				else
					value_push(a, lists[m],
					           value_number(a, (double)m));
			size_t cost = arena_used(a) - last;
			last = arena_used(a);
			if (m == 0)
				first = cost;
			else
				assert_true(cost + (pass ? 128 : 256) < first);
		}
	}
	for (size_t m = 0; m < NMAPS; m++) {
		check_map(maps[m], keys, NKEYS_EACH, 0);
		assert_int_equal(value_len(lists[m]), NKEYS_EACH);
		for (size_t i = 0; i < NKEYS_EACH; i++)
			assert_true(value_get_number(value_at(lists[m], i)) ==
			            (double)m);
	}
	arena_free(arenas[0]);
	arena_free(arenas[1]);
}

/* An array grown as the arena's last allocation stays where it is and
 * keeps its bytes; one that is not moves, bytes kept too. */
static void
test_arena_grow(void **state)
{
	arena *a = arena_new();
	char *p = arena_grow(a, NULL, 0, 32);
	memset(p, 'x', 32);
	char *q = arena_grow(a, p, 32, 64);
	assert_ptr_equal(p, q);
	assert_memory_equal(q, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", 32);
	(void)arena_alloc(a, 16);
	char *r = arena_grow(a, q, 64, 128);
	assert_ptr_not_equal(r, q);
	assert_memory_equal(r, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", 32);
	/* the 64 bytes left behind serve the next request of that size */
	assert_ptr_equal(arena_grow(a, NULL, 0, 64), q);
	arena_free(a);
}

/*
 * An array larger than a quarter of a block, outgrown, is freed at once
 * (its block was its own): its bytes are in the new one, the arena's
 * other allocations stay, and a map grown to thousands of keys finds
 * them all.  A block freed while still linked, or twice, fails under
 * ASan and valgrind (make asan, make valgrind).
 */
static void
test_arena_grow_large(void **state)
{
	arena *a = arena_new();
	char *before = arena_strdup(a, "before");
	size_t n = 32 * 1024;
	char *p = arena_grow(a, NULL, 0, n);
	memset(p, 'y', n);
	char *after = arena_strdup(a, "after");
	for (int i = 0; i < 4; i++, n *= 2) {
		p = arena_grow(a, p, n, 2 * n);
		assert_int_equal(p[0], 'y');
		assert_int_equal(p[n - 1], 'y');
		memset(p + n, 'y', n);
		(void)arena_alloc(a, 100); /* the array is no longer last */
	}
	assert_string_equal(before, "before");
	assert_string_equal(after, "after");
	strmap *m = strmap_new(a);
	char key[16];
	for (uintptr_t i = 1; i <= 5000; i++) {
		snprintf(key, sizeof(key), "k%lu", (unsigned long)i);
		strmap_put(m, arena_strdup(a, key), (void *)i);
	}
	for (uintptr_t i = 1; i <= 5000; i++) {
		snprintf(key, sizeof(key), "k%lu", (unsigned long)i);
		assert_ptr_equal(strmap_get(m, key), (void *)i);
	}
	assert_int_equal(strmap_len(m), 5000);
	arena_free(a);
}

/*
 * What the site model's small pieces cost: a value 32 bytes, a string its
 * length and its NUL (they were rounded up to 64 and 32, the size and not
 * the alignment of max_align_t), and objects after a string still
 * aligned for any type.
 */
static void
test_small_sizes(void **state)
{
	arena *a = arena_new();
	size_t before = arena_used(a);
	for (int i = 0; i < 100; i++)
		(void)value_null(a);
	assert_int_equal(arena_used(a) - before, 100 * 32);
	before = arena_used(a);
	for (int i = 0; i < 100; i++) {
		char *s = arena_strdup(a, "abc");
		assert_string_equal(s, "abc");
		void *p = arena_alloc(a, 8);
		assert_int_equal((uintptr_t)p % _Alignof(max_align_t), 0);
	}
	assert_true(arena_used(a) - before <= 100 * (4 + 16));
	arena_free(a);
}

/* The context stack's lookup: the topmost value holding the key wins,
 * maps small and indexed, a list by index, scalars and NULLs skipped. */
static void
test_get_first(void **state)
{
	static char keys[40][16];
	arena *a = arena_new();
	value *big = value_map(a), *small = value_map(a), *l = value_list(a);
	for (size_t i = 0; i < 40; i++) {
		snprintf(keys[i], sizeof(keys[i]), "k%zu", i);
		value_set_int(a, big, keys[i], (long)i);
	}
	value_set_int(a, small, "k3", 300);
	value_set_int(a, small, "seul", 7);
	value_push(a, l, value_string(a, "zero"));
	const value *stk[] = {big, NULL, small, value_bool(a, true), l};
	size_t n = sizeof(stk) / sizeof(*stk);
#define FIRST(k) value_get_first(stk, n, k, value_key_hash(k))
	assert_true(value_get_number(FIRST("k3")) == 300);
	assert_true(value_get_number(FIRST("k4")) == 4);
	assert_true(value_get_number(FIRST("seul")) == 7);
	assert_string_equal(value_get_string(FIRST("0")), "zero");
	assert_null(FIRST("absent"));
	assert_null(FIRST("1"));
	assert_null(value_get_first(stk, 0, "k3", value_key_hash("k3")));
	/* only the values below n are looked at */
	assert_true(value_get_number(value_get_first(
	                stk, 2, "k3", value_key_hash("k3"))) == 3);
#undef FIRST
	arena_free(a);
}

/* arena_printf formats into the block's free tail when the text fits,
 * else into new room: every text whole, none written over, at each
 * length around a block's end (64 KB) and past a quarter block. */
static void
test_arena_printf(void **state)
{
	arena *a = arena_new();
	enum { N = 3000 };
	char *got[N];
	char want[64];
	size_t len = 0;
	for (int i = 0; i < N; i++) {
		got[i] = arena_printf(a, "%d-%0*d", i, i % 37, i);
		len += strlen(got[i]) + 1;
	}
	for (int i = 0; i < N; i++) {
		snprintf(want, sizeof(want), "%d-%0*d", i, i % 37, i);
		assert_string_equal(got[i], want);
	}
	assert_true(len > 64 * 1024);
	static char big[40000];
	memset(big, 'x', sizeof(big) - 1);
	char *b1 = arena_printf(a, "<%s>", big);
	char *after = arena_printf(a, "%s", "après");
	assert_int_equal(strlen(b1), sizeof(big) + 1);
	assert_int_equal(b1[0], '<');
	assert_int_equal(b1[sizeof(big)], '>');
	assert_string_equal(after, "après");
	assert_string_equal(got[36], "36-000000000000000000000000000000000036");
	arena_free(a);
}

/* Positions are kept by the values read from a file only: each is
 * placed as it is made (in place when it is the arena's last allocation,
 * else moved with what it holds), and a placed map keeps its keys'
 * positions through growth and its index; a copy (a view) keeps the
 * map's position only. */
static void
test_positions(void **state)
{
	static char keys[40][16];
	arena *a = arena_new();
	value *n = value_number(a, 12);
	assert_null(value_where(n).file);
	value *s = value_string(a, "Lavoir");
	value *n2 = value_set_pos(a, n, "a.md", 4, 7); /* not the last */
	assert_true(value_get_number(n2) == 12);
	assert_string_equal(value_where(n2).file, "a.md");
	assert_int_equal(value_where(n2).line, 4);
	assert_int_equal(value_where(n2).col, 7);
	value *s2 = value_set_pos(a, value_string(a, "x"), "a.md", 5, 1);
	assert_string_equal(value_get_string(s2), "x");
	assert_ptr_equal(value_set_pos(a, s, NULL, 0, 0), s); /* no place */
	assert_null(value_where(s).file);

	value *m = value_set_pos(a, value_map(a), "a.md", 2, 1);
	value *plain = value_map(a);
	for (unsigned i = 0; i < 40; i++) {
		snprintf(keys[i], sizeof(keys[i]), "k%u", i);
		value *v =
		    value_set_pos(a, value_number(a, i), "a.md", i + 3, 9);
		value_set(a, m, keys[i], v);
		value_set_key_pos(m, i, (value_pos){"a.md", i + 3, 1});
		value_set(a, plain, keys[i], v);
		value_set_key_pos(plain, i, (value_pos){"a.md", 99, 99});
	}
	value *c = value_copy_map(a, m, 2);
	value_set(a, c, "ajout", s2);
	for (unsigned i = 0; i < 40; i++) {
		assert_int_equal(value_key_pos(m, i).line, i + 3);
		assert_int_equal(value_key_pos(m, i).col, 1);
		/* a copy (a view) and a map without a position give
		 * their values' */
		assert_int_equal(value_key_pos(c, i).line, i + 3);
		assert_int_equal(value_key_pos(c, i).col, 9);
		assert_int_equal(value_key_pos(plain, i).line, i + 3);
		assert_int_equal(value_key_pos(plain, i).col, 9);
		assert_true(value_get_number(value_get(m, keys[i])) == i);
	}
	assert_int_equal(value_where(c).line, 2);
	assert_int_equal(value_key_pos(c, 40).line, 5);
	assert_null(value_where(value_copy_map(a, plain, 0)).file);
	arena_free(a);
}

/* What a value costs: 32 bytes computed, 48 with a position; a map's
 * entry 16 bytes, and 16 more for its key's position when placed; a slot
 * of a big map's index 4 bytes. */
static void
test_value_sizes(void **state)
{
	arena *a = arena_new();
	size_t before = arena_used(a);
	value *m = value_map(a);
	assert_int_equal(arena_used(a) - before, 32);
	before = arena_used(a);
	value *n = value_set_pos(a, value_number(a, 1), "a.md", 1, 1);
	assert_int_equal(arena_used(a) - before, 48);
	before = arena_used(a);
	value_set(a, m, "a", n); /* room for 4 entries */
	assert_int_equal(arena_used(a) - before, 4 * 16);
	value *pm = value_set_pos(a, value_map(a), "a.md", 1, 1);
	before = arena_used(a);
	value_set(a, pm, "a", n);
	assert_int_equal(arena_used(a) - before, 4 * 16 + 4 * 16);
	/* the 16th entry makes the map's index: 64 slots of 4 bytes */
	static char keys[16][16];
	for (int i = 1; i < 16; i++) {
		snprintf(keys[i], sizeof(keys[i]), "k%d", i);
		before = arena_used(a);
		value_set(a, m, keys[i], n);
	}
	assert_int_equal(arena_used(a) - before, 64 * 4);
	for (int i = 1; i < 16; i++)
		assert_ptr_equal(value_get(m, keys[i]), n);
	assert_null(value_get(m, "k16"));
	arena_free(a);
}

/* A copy told how many entries are to come (a page's view: its front
 * matter's, then the ones the view adds) sizes its index for them once:
 * 128 slots for 60 entries, never made again for 49 (256 slots) as the
 * entries come; every key is still found. */
static void
test_copy_index_sized(void **state)
{
	(void)state;
	arena *a = arena_new();
	value *m = value_map(a), *n = value_number(a, 1);
	static char keys[60][16];
	for (int i = 0; i < 60; i++)
		snprintf(keys[i], sizeof(keys[i]), "k%d", i);
	for (int i = 0; i < 20; i++)
		value_set(a, m, keys[i], n);
	size_t before = arena_used(a);
	value *c = value_copy_map(a, m, 40);
	for (int i = 20; i < 60; i++)
		value_set(a, c, keys[i], n);
	/* the value, 61 entries, 128 slots of 4 bytes */
	assert_int_equal(arena_used(a) - before, 32 + 61 * 16 + 128 * 4);
	for (int i = 0; i < 60; i++)
		assert_ptr_equal(value_get(c, keys[i]), n);
	assert_null(value_get(c, "k60"));
	assert_int_equal(value_len(m), 20);
	/* from 12 entries, 42 to come: the same 128 slots, made at once */
	value *small = value_map(a);
	for (int i = 0; i < 12; i++)
		value_set(a, small, keys[i], n);
	before = arena_used(a);
	c = value_copy_map(a, small, 42);
	for (int i = 12; i < 54; i++)
		value_set(a, c, keys[i], n);
	assert_int_equal(arena_used(a) - before, 32 + 55 * 16 + 128 * 4);
	for (int i = 0; i < 54; i++)
		assert_ptr_equal(value_get(c, keys[i]), n);
	assert_null(value_get(c, "k54"));
	arena_free(a);
}

/* A placed map of 20 entries grown among its values, in arena a; fit
 * or not.  Returns the bytes it took. */
static size_t
grown_map(arena *a, bool fit, value **out)
{
	static char keys[20][8];
	size_t before = arena_used(a);
	value *m = value_set_pos(a, value_map(a), "a.md", 1, 1);
	for (unsigned i = 0; i < 20; i++) {
		snprintf(keys[i], sizeof(keys[i]), "k%u", i);
		value *v =
		    value_set_pos(a, value_number(a, i), "a.md", i + 2, 9);
		value_set(a, m, keys[i], v);
		value_set_key_pos(m, i, (value_pos){"a.md", i + 2, 1});
	}
	if (fit)
		value_map_fit(a, m);
	*out = m;
	return arena_used(a) - before;
}

/* A checked front matter's maps, sized to their entries once set: the
 * 32-entry arrays a map of 20 grew into (entries and key positions) go
 * to the next maps, which then take 2 x 12 x 16 bytes less each; the
 * map reads the same, keys, values, positions, and can still grow. */
static void
test_map_fit(void **state)
{
	(void)state;
	arena *grown = arena_new(), *fitted = arena_new();
	value *m;
	(void)grown_map(fitted, true, &m);
	assert_int_equal(value_len(m), 20);
	for (unsigned i = 0; i < 20; i++) {
		char k[8];
		snprintf(k, sizeof(k), "k%u", i);
		assert_true(value_get_number(value_get(m, k)) == i);
		assert_string_equal(value_key_at(m, i), k);
		assert_int_equal(value_key_pos(m, i).line, i + 2);
		assert_int_equal(value_key_pos(m, i).col, 1);
	}
	size_t next_fitted = grown_map(fitted, true, &m);
	value *g;
	(void)grown_map(grown, false, &g);
	size_t next_grown = grown_map(grown, false, &g);
	assert_int_equal(next_grown - next_fitted, 2 * 12 * 16);
	value_set(fitted, m, "late", value_number(fitted, 99));
	assert_true(value_get_number(value_get(m, "late")) == 99);
	assert_true(value_get_number(value_get(m, "k7")) == 7);
	assert_int_equal(value_len(m), 21);
	arena_free(grown);
	arena_free(fitted);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_many_keys),
	    cmocka_unit_test(test_copies),
	    cmocka_unit_test(test_list_index),
	    cmocka_unit_test(test_growth_reuses),
	    cmocka_unit_test(test_arena_grow),
	    cmocka_unit_test(test_arena_grow_large),
	    cmocka_unit_test(test_small_sizes),
	    cmocka_unit_test(test_get_first),
	    cmocka_unit_test(test_arena_printf),
	    cmocka_unit_test(test_positions),
	    cmocka_unit_test(test_value_sizes),
	    cmocka_unit_test(test_copy_index_sized),
	    cmocka_unit_test(test_map_fit),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
