/*
 * Tests for offline.c: URLs of output files, thumbnails, and the
 * precache's selection within a budget.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "offline.h"

static void
test_urls(void **state)
{
	arena *a = arena_new();
	assert_string_equal(offline_url(a, "index.html"), "/");
	assert_string_equal(offline_url(a, "ateliers/preau/index.html"),
	                    "/ateliers/preau/");
	assert_string_equal(offline_url(a, "404.html"), "/404.html");
	assert_string_equal(offline_url(a, "assets/css/style.1a2b3c4d.css"),
	                    "/assets/css/style.1a2b3c4d.css");
	assert_string_equal(offline_url(a, "xindex.html"), "/xindex.html");
	arena_free(a);
}

static void
test_thumbnails(void **state)
{
	assert_true(offline_is_thumbnail("retours/fete/preau-480.webp"));
	assert_true(offline_is_thumbnail("retours/fete/preau-320.jpg"));
	assert_false(offline_is_thumbnail("retours/fete/preau-960.webp"));
	assert_false(offline_is_thumbnail("retours/fete/preau-1600.jpg"));
	/* Originals have no width in their name. */
	assert_false(offline_is_thumbnail("retours/fete/preau.jpg"));
	assert_false(offline_is_thumbnail("retours/fete/photo-2025.jpg"));
	assert_false(offline_is_thumbnail("documents/plan-480.pdf"));
	assert_false(offline_is_thumbnail("480.jpg"));
}

static size_t
selected(const offline_file *f, size_t n, const char *path)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(f[i].path, path) == 0)
			return f[i].selected ? 1 : 0;
	fail_msg("%s not found", path);
	return 0;
}

static void
test_budget(void **state)
{
	offline_file f[] = {
	    {"editions/2025/index.html", 100, OFFLINE_PAST, false},
	    {"ateliers/b/index.html", 300, OFFLINE_CURRENT, false},
	    {"index.html", 500, OFFLINE_CORE, false},
	    {"recherche/index.json", 900, OFFLINE_CORE, false},
	    {"ateliers/a/index.html", 300, OFFLINE_CURRENT, false},
	    {"pages/faq/index.html", 250, OFFLINE_CONTENT, false},
	    {"documents/plan.pdf", 50, OFFLINE_FILES, false},
	};
	size_t n = sizeof(f) / sizeof(*f);
	/* The core goes in whatever the budget; then classes in order. */
	offline_select(f, n, 1000);
	assert_string_equal(f[0].path, "index.html");
	assert_string_equal(f[1].path, "recherche/index.json");
	assert_string_equal(f[2].path, "ateliers/a/index.html");
	assert_int_equal(selected(f, n, "index.html"), 1);
	assert_int_equal(selected(f, n, "recherche/index.json"), 1);
	assert_int_equal(selected(f, n, "ateliers/a/index.html"), 0);
	assert_int_equal(selected(f, n, "documents/plan.pdf"), 0);
	/* Room for the current edition and the pages, not the past. */
	offline_select(f, n, 1400 + 600 + 250 + 50);
	assert_int_equal(selected(f, n, "ateliers/a/index.html"), 1);
	assert_int_equal(selected(f, n, "ateliers/b/index.html"), 1);
	assert_int_equal(selected(f, n, "pages/faq/index.html"), 1);
	assert_int_equal(selected(f, n, "documents/plan.pdf"), 1);
	assert_int_equal(selected(f, n, "editions/2025/index.html"), 0);
	offline_select(f, n, 100000);
	for (size_t i = 0; i < n; i++)
		assert_true(f[i].selected);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_urls),
	    cmocka_unit_test(test_thumbnails),
	    cmocka_unit_test(test_budget),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
