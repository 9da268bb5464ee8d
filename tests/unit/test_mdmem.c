#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <cmark-gfm.h>
#include <stdlib.h>
#include <string.h>

#include "mdmem.h"

/* calloc clears, realloc keeps the bytes in every direction the region
 * can take: small to small, small to big (malloc'ed), big to big. */
static void
test_blocks_keep_their_bytes(void **state)
{
	mdmem m;
	cmark_mem *mem = mdmem_begin(&m);
	unsigned char *p = mem->calloc(10, 7);
	for (int i = 0; i < 70; i++)
		assert_int_equal(p[i], 0);
	memset(p, 'a', 70);
	unsigned char *q = mem->calloc(1, 30); /* p is no longer the last */
	memset(q, 'q', 30);
	p = mem->realloc(p, 500);
	for (int i = 0; i < 70; i++)
		assert_int_equal(p[i], 'a');
	memset(p, 'b', 500);
	p = mem->realloc(p, MDMEM_BIG * 3);
	for (int i = 0; i < 500; i++)
		assert_int_equal(p[i], 'b');
	memset(p, 'c', MDMEM_BIG * 3);
	p = mem->realloc(p, MDMEM_BIG * 7);
	for (int i = 0; i < MDMEM_BIG * 3; i++)
		assert_int_equal(p[i], 'c');
	for (int i = 0; i < 30; i++)
		assert_int_equal(q[i], 'q');
	mem->free(p); /* a big block really goes (ASan, valgrind) */
	mem->free(q);
	mem->free(NULL);
	assert_non_null(mem->realloc(NULL, 3));
	mdmem_end(&m);
}

/* Blocks are 16-byte aligned, as malloc's: cmark's nodes hold
 * pointers and 64-bit fields. */
static void
test_blocks_are_aligned(void **state)
{
	mdmem m;
	cmark_mem *mem = mdmem_begin(&m);
	for (size_t n = 1; n < 300; n += 7) {
		void *p = mem->calloc(1, n);
		assert_int_equal((uintptr_t)p % 16, 0);
	}
	mdmem_end(&m);
}

/* A render inside another's (a field's text while a page renders)
 * gives back the outer region at its end: the outer blocks stay
 * usable and new ones come from it. */
static void
test_nested_regions(void **state)
{
	mdmem outer, inner;
	cmark_mem *mem = mdmem_begin(&outer);
	char *a = mem->calloc(1, 16);
	strcpy(a, "dehors");
	cmark_mem *mem2 = mdmem_begin(&inner);
	char *b = mem2->calloc(1, 16);
	strcpy(b, "dedans");
	mdmem_end(&inner);
	char *c = mem->calloc(1, 16);
	strcpy(c, "encore");
	a = mem->realloc(a, 4000);
	assert_string_equal(a, "dehors");
	assert_string_equal(c, "encore");
	mdmem_end(&outer);
}

/* Outside a region the allocator is malloc's: a node made there is
 * freed alone, nothing is left for an end that never comes. */
static void
test_outside_a_region_is_malloc(void **state)
{
	mdmem m;
	cmark_mem *mem = mdmem_begin(&m);
	mdmem_end(&m);
	char *p = mem->calloc(3, 5);
	assert_int_equal(p[14], 0);
	p = mem->realloc(p, 100);
	mem->free(p);
}

/* cmark-gfm parses and renders through the region as through malloc:
 * the same HTML, many times over (the region dropped each time). */
static void
test_cmark_renders_the_same(void **state)
{
	const char *md = "# Titre\n\nUn *paragraphe* avec `du code`, "
	                 "[un lien](a.md) et l'apostrophe.\n\n"
	                 "- un\n- deux\n\n> citation\n\n```\nbloc\n```\n";
	cmark_parser *p0 = cmark_parser_new(CMARK_OPT_SMART);
	cmark_parser_feed(p0, md, strlen(md));
	cmark_node *d0 = cmark_parser_finish(p0);
	char *want = cmark_render_html(d0, 0, NULL);
	for (int i = 0; i < 50; i++) {
		mdmem m;
		cmark_mem *mem = mdmem_begin(&m);
		cmark_parser *p =
		    cmark_parser_new_with_mem(CMARK_OPT_SMART, mem);
		cmark_parser_feed(p, md, strlen(md));
		cmark_node *d = cmark_parser_finish(p);
		cmark_node *t = cmark_node_new_with_mem(CMARK_NODE_TEXT, mem);
		cmark_node_set_literal(t, "fin");
		assert_true(
		    cmark_node_append_child(cmark_node_first_child(d), t));
		char *got = cmark_render_html_with_mem(d, 0, NULL, mem);
		assert_non_null(strstr(got, "Titrefin</h1>"));
		assert_string_equal(strstr(got, "</h1>"),
		                    strstr(want, "</h1>"));
		mem->free(got);
		cmark_node_free(d);
		cmark_parser_free(p);
		mdmem_end(&m);
	}
	free(want);
	cmark_node_free(d0);
	cmark_parser_free(p0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_blocks_keep_their_bytes),
	    cmocka_unit_test(test_blocks_are_aligned),
	    cmocka_unit_test(test_nested_regions),
	    cmocka_unit_test(test_outside_a_region_is_malloc),
	    cmocka_unit_test(test_cmark_renders_the_same),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
