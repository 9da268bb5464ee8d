/* Unit tests for rendercache.c: where a reused render's plain text lies
 * (rendercache_spot), so that a build can let the text go and read it
 * there again instead of writing it to its scratch file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "fsutil.h"
#include "hash.h"
#include "rendercache.h"

#define BLOB "0123456789abcdef0123456789abcdef01234567"

static const char text[] = "# Le préau\n\nOn repeint le *préau* de "
                           "l'école, « ensemble ».\n\n- pinceaux\n";

struct fixture {
	char dir[64];
};

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	snprintf(f->dir, sizeof(f->dir), "/tmp/fabrique-rendercache-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;
	fs_remove_tree(f->dir);
	free(f);
	return 0;
}

static const char *
the_text(void *ctx)
{
	(void)ctx;
	return text;
}

/* One render of text through the cache: its plain text in plain, its
 * HTML's digest in html_digest, its spot in spot. */
static int
render_once(rendercache *c, buf *plain, rendercache_spot *spot,
            unsigned char html_digest[HASH_RAW])
{
	arena *a = arena_new();
	diag *d = diag_new("en");
	buf html = BUF_INIT;
	markdown_opts o = {.french = true, .page_title = true, .plain = plain};
	int rc = rendercache_render_blob(c, BLOB, 0, sizeof(text) - 1, the_text,
	                                 NULL, &o, a, &html, d, spot);
	hash_raw(html.data, html.len, html_digest);
	buf_free(&html);
	diag_free(d);
	arena_free(a);
	return rc;
}

/* A render made has no spot; the same render reused names the entry's
 * file, where its plain text lies at the spot, byte for byte.  Both give
 * the digests of its HTML and plain text, made when it was stored
 * (render.c keys the page and keeps the text by them without hashing
 * them again). */
static void
test_spot_of_reused(void **state)
{
	struct fixture *f = *state;
	rendercache *c = rendercache_open(f->dir);
	buf made = BUF_INIT, again = BUF_INIT;
	rendercache_spot spot = {(char *)"x", 1, 1, false, {0}, {0}};
	unsigned char html_made[HASH_RAW], html_again[HASH_RAW], dg[HASH_RAW];
	assert_int_equal(render_once(c, &made, &spot, html_made), 0);
	assert_null(spot.path);
	assert_true(made.len > 0);
	hash_raw(made.data, made.len, dg);
	assert_true(spot.hashed); /* stored: hashed once, told */
	assert_memory_equal(spot.html_digest, html_made, HASH_RAW);
	assert_memory_equal(spot.plain_digest, dg, HASH_RAW);
	memset(&spot, 0, sizeof(spot));
	assert_int_equal(render_once(c, &again, &spot, html_again), 0);
	assert_memory_equal(html_again, html_made, HASH_RAW);
	assert_true(spot.hashed); /* reused: read in the entry */
	assert_memory_equal(spot.html_digest, html_made, HASH_RAW);
	assert_memory_equal(spot.plain_digest, dg, HASH_RAW);
	size_t hits, misses;
	rendercache_counts(c, &hits, &misses);
	assert_int_equal(hits, 1);
	assert_non_null(spot.path);
	assert_int_equal(spot.len, made.len);
	assert_memory_equal(again.data, made.data, made.len);
	size_t len;
	char *file = fsutil_read_file(spot.path, &len);
	assert_non_null(file);
	assert_true(spot.off >= 0 && (size_t)spot.off + spot.len <= len);
	assert_memory_equal(file + spot.off, made.data, made.len);
	free(file);
	free(spot.path);
	buf_free(&made);
	buf_free(&again);
	rendercache_free(c);
}

/* Without a cache folder nothing is reused: never a spot, nor digests. */
static void
test_no_cache_no_spot(void **state)
{
	(void)state;
	rendercache *c = rendercache_open(NULL);
	buf plain = BUF_INIT;
	rendercache_spot spot;
	for (int i = 0; i < 2; i++) {
		buf_reset(&plain);
		unsigned char dg[HASH_RAW];
		assert_int_equal(render_once(c, &plain, &spot, dg), 0);
		assert_null(spot.path);
		assert_false(spot.hashed);
	}
	buf_free(&plain);
	rendercache_free(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_spot_of_reused, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_no_cache_no_spot, setup,
	                                    teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
