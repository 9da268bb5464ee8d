/*
 * Tests for viewhash.c (digests of views to a depth, for some keys) and
 * mustache_reach() (how deep, and which keys, a template reads): the two
 * halves of "this page's template reads the same values as last time".
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "diag.h"
#include "mustache.h"
#include "strmap.h"
#include "viewhash.h"

static int
same(viewhash_digest a, viewhash_digest b)
{
	return memcmp(a.b, b.b, VIEWHASH_LEN) == 0;
}

static viewhash_digest
digest_of(const value *v, unsigned depth, const strmap *keys)
{
	viewhash *vh = viewhash_new();
	viewhash_digest d = viewhash_value(vh, v, depth, keys);
	viewhash_free(vh);
	return d;
}

/* A chain of pages, each linking the next (and the last the first). */
static value *
chain(arena *a, value **pages, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		pages[i] = value_map(a);
		value_set_str(a, pages[i], "titre", "Un titre");
	}
	for (size_t i = 0; i < n; i++)
		value_set(a, pages[i], "suivant", pages[(i + 1) % n]);
	return pages[0];
}

/* The cut digest of each of the n pages, in one vh cutting at them all;
 * then, in the same vh, the full digest of pages[0] at depth (*full). */
static void
cut_digests(value **pages, size_t n, viewhash_digest *cut,
            viewhash_digest *full, unsigned depth)
{
	viewhash *vh = viewhash_new();
	viewhash_cut(vh, (const value *const *)pages, n);
	for (size_t i = 0; i < n; i++)
		cut[i] = viewhash_value_cut(vh, pages[i], depth, NULL);
	*full = viewhash_value(vh, pages[0], depth, NULL);
	viewhash_free(vh);
}

/* A page's cut digest names the other pages it links to and holds only
 * its own content: an edit of one page changes its cut digest alone,
 * while the full digests of the pages that reach it change too.  Full
 * digests made in a vh that made cut ones are the plain ones. */
static void
test_cut(void **state)
{
	arena *a = arena_new();
	value *p[8];
	chain(a, p, 8);
	value *tags = value_list(a);
	value_push(a, tags, value_string(a, "jardin"));
	value_set(a, p[2], "tags", tags);
	viewhash_digest c0[8], c1[8], c2[8], f0, f1, f2;
	cut_digests(p, 8, c0, &f0, 20);
	assert_true(same(f0, digest_of(p[0], 20, NULL)));
	value_set_str(a, p[3], "titre", "Un autre titre");
	cut_digests(p, 8, c1, &f1, 20);
	assert_true(same(f1, digest_of(p[0], 20, NULL)));
	assert_false(same(f0, f1)); /* p[0] reaches p[3] */
	for (size_t i = 0; i < 8; i++)
		assert_true(same(c0[i], c1[i]) == (i != 3));
	/* the same content linked from elsewhere: p[0] names another page */
	value_set(a, p[0], "suivant", p[5]);
	cut_digests(p, 8, c2, &f2, 20);
	assert_false(same(c1[0], c2[0]));
	assert_true(same(c1[1], c2[1]));
	arena_free(a);
	(void)state;
}

static void
test_depth(void **state)
{
	arena *a = arena_new();
	value *p[8];
	value *root = chain(a, p, 8); /* a cycle: must end */
	viewhash_digest d2 = digest_of(root, 2, NULL);
	viewhash_digest all = digest_of(root, 20, NULL);
	/* p[3] is 3 links away: out of reach at depth 2, in reach at 20 */
	value_set_str(a, p[3], "titre", "Un autre titre");
	assert_true(same(d2, digest_of(root, 2, NULL)));
	assert_false(same(all, digest_of(root, 20, NULL)));
	/* p[2]'s title is read at depth 3 (root.suivant.suivant.titre) */
	viewhash_digest d3 = digest_of(root, 3, NULL);
	value_set_str(a, p[2], "titre", "Encore un");
	assert_false(same(d3, digest_of(root, 3, NULL)));
	assert_true(same(d2, digest_of(root, 2, NULL)));
	arena_free(a);
}

static void
test_keys(void **state)
{
	arena *a = arena_new();
	strmap *keys = strmap_new(a);
	strmap_put(keys, "titre", "titre");
	value *v = value_map(a);
	value_set_str(a, v, "titre", "Haies");
	value_set_str(a, v, "mis_a_jour", "hier");
	viewhash_digest d = digest_of(v, 5, keys);
	value_set_str(a, v, "mis_a_jour", "aujourd'hui"); /* never read */
	assert_true(same(d, digest_of(v, 5, keys)));
	assert_false(same(d, digest_of(v, 5, NULL)));
	value_set_str(a, v, "titre", "Haies vives");
	assert_false(same(d, digest_of(v, 5, keys)));
	/* a new key, even unread, changes the map's size (truthiness) */
	d = digest_of(v, 5, keys);
	value_set_str(a, v, "nouveau", "x");
	assert_false(same(d, digest_of(v, 5, keys)));
	arena_free(a);
}

/* One table for many roots gives each the digest it gets alone. */
static void
test_shared_table(void **state)
{
	arena *a = arena_new();
	value *p[6];
	chain(a, p, 6);
	strmap *keys = strmap_new(a);
	strmap_put(keys, "suivant", "suivant");
	viewhash *vh = viewhash_new();
	for (unsigned depth = 0; depth < 8; depth++)
		for (size_t i = 0; i < 6; i++) {
			assert_true(same(viewhash_value(vh, p[i], depth, NULL),
			                 digest_of(p[i], depth, NULL)));
			assert_true(same(viewhash_value(vh, p[i], depth, keys),
			                 digest_of(p[i], depth, keys)));
		}
	viewhash_free(vh);
	/* a long text is hashed by content, not by address */
	char text[200];
	memset(text, 'a', sizeof(text) - 1);
	text[sizeof(text) - 1] = '\0';
	value *t1 = value_map(a), *t2 = value_map(a);
	value_set_str(a, t1, "contenu", text);
	value_set_str(a, t2, "contenu", text);
	assert_true(same(digest_of(t1, 1, NULL), digest_of(t2, 1, NULL)));
	text[100] = 'b';
	value_set_str(a, t2, "contenu", text);
	assert_false(same(digest_of(t1, 1, NULL), digest_of(t2, 1, NULL)));
	/* kinds and scalars are told apart */
	assert_false(same(digest_of(value_string(a, "1"), 0, NULL),
	                  digest_of(value_number(a, 1), 0, NULL)));
	assert_false(same(digest_of(value_list(a), 0, NULL),
	                  digest_of(value_map(a), 0, NULL)));
	arena_free(a);
}

/*
 * The cut digests of pages made after their plain digests, in the same
 * memo, add a slot only for what reaches another page (the page itself
 * here): a page's tags, which reach none, have one digest for both
 * kinds.  Both kinds are still the ones a fresh memo gives.
 */
static void
test_cut_shares(void **state)
{
	enum { N = 40 };
	arena *a = arena_new();
	value *p[N];
	chain(a, p, N);
	for (size_t i = 0; i < N; i++) {
		value *tags = value_list(a);
		value *tag = value_map(a);
		value_set_int(a, tag, "rang", (long)i);
		value_push(a, tags, tag);
		value_set(a, p[i], "tags", tags);
	}
	viewhash_digest cut[N], full;
	cut_digests(p, N, cut, &full, 3);
	viewhash *vh = viewhash_new();
	viewhash_cut(vh, (const value *const *)p, N);
	for (size_t i = 0; i < N; i++)
		assert_true(same(viewhash_value(vh, p[i], 3, NULL),
		                 digest_of(p[i], 3, NULL)));
	size_t plain = viewhash_slots(vh);
	for (size_t i = 0; i < N; i++)
		assert_true(
		    same(viewhash_value_cut(vh, p[i], 3, NULL), cut[i]));
	assert_int_equal(viewhash_slots(vh) - plain, N);
	assert_true(same(viewhash_value(vh, p[0], 3, NULL), full));
	viewhash_free(vh);
	arena_free(a);
	(void)state;
}

/*
 * A table grown far past its first slots (its chunks and index grow
 * while a digest is made: 1,500 pages, each with a list of tags and a
 * long text, linked in a cycle) gives every page the digest it gets
 * alone, and the same again once everything is remembered.
 */
static void
test_big_table(void **state)
{
	enum { N = 1500 };
	arena *a = arena_new();
	static value *p[N];
	chain(a, p, N);
	char text[100];
	for (size_t i = 0; i < N; i++) {
		value *tags = value_list(a);
		value_push(a, tags,
		           value_string(a, i % 2 ? "jardin" : "école"));
		value *tag = value_map(a);
		value_set_int(a, tag, "rang", (long)i);
		value_push(a, tags, tag);
		value_set(a, p[i], "tags", tags);
		snprintf(text, sizeof(text), "%090zu", i);
		value_set_str(a, p[i], "resume", text);
	}
	viewhash_digest alone[N];
	for (size_t i = 0; i < N; i++)
		alone[i] = digest_of(p[i], 4, NULL);
	viewhash *vh = viewhash_new();
	assert_true(same(viewhash_value(vh, p[0], 3000, NULL),
	                 digest_of(p[0], 3000, NULL)));
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < N; i++)
			assert_true(
			    same(viewhash_value(vh, p[i], 4, NULL), alone[i]));
	assert_false(same(alone[1], alone[2]));
	viewhash_free(vh);
	arena_free(a);
}

/* The names belong to the template set, freed before the test looks at
 * them: they are copied into the test's arena. */
struct seen_ctx {
	arena *a;
	strmap *keys;
};

static void
seen(void *ctx, const char *name)
{
	struct seen_ctx *c = ctx;
	const char *copy = arena_strdup(c->a, name);
	strmap_put(c->keys, copy, (void *)copy);
}

static int
reach(const char *const *tpls, size_t n, struct seen_ctx *keys)
{
	mustache_set *set = mustache_set_new();
	diag *d = diag_new("en");
	for (size_t i = 0; i < n; i += 2)
		assert_int_equal(mustache_set_add(set, tpls[i], tpls[i],
		                                  tpls[i + 1],
		                                  strlen(tpls[i + 1]), d),
		                 0);
	int r = mustache_reach(set, tpls[0], seen, keys);
	mustache_set_free(set);
	diag_free(d);
	return r;
}

static void
test_reach(void **state)
{
	arena *a = arena_new();
	struct seen_ctx c = {a, strmap_new(a)}, *k = &c;
	const char *flat[] = {"t", "{{page.titre}}"};
	assert_int_equal(reach(flat, 2, k), 2);
	assert_non_null(strmap_get(c.keys, "page"));
	assert_non_null(strmap_get(c.keys, "titre"));
	assert_null(strmap_get(c.keys, "url"));
	/* a section over a list: its items one level down */
	const char *sec[] = {"t", "{{#page.pages}}{{titre}}{{/page.pages}}"};
	assert_int_equal(reach(sec, 2, k), 4);
	/* through a partial, inside a section */
	const char *part[] = {"t", "{{#page}}{{>p}}{{/page}}", "p",
	                      "{{suivant.titre}}"};
	assert_int_equal(reach(part, 4, k), 4);
	assert_non_null(strmap_get(c.keys, "suivant"));
	/* a block filled by the including template, inside the parent's
	 * section */
	const char *blk[] = {"t", "{{<base}}{{$b}}{{x.y}}{{/b}}{{/base}}",
	                     "base", "{{#site}}{{$b}}{{/b}}{{/site}}"};
	assert_int_equal(reach(blk, 4, k), 4);
	/* a partial including itself: no bound */
	const char *rec[] = {"t", "{{#a}}{{>t}}{{/a}}"};
	assert_int_equal(reach(rec, 2, k), -1);
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_depth),
	    cmocka_unit_test(test_cut),
	    cmocka_unit_test(test_keys),
	    cmocka_unit_test(test_shared_table),
	    cmocka_unit_test(test_cut_shares),
	    cmocka_unit_test(test_big_table),
	    cmocka_unit_test(test_reach),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
