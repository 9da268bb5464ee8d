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
	    {"index.html", 500, OFFLINE_SHELL, false},
	    {"recherche/index.json", 900, OFFLINE_SEARCH, false},
	    {"recherche/index.html", 100, OFFLINE_SEARCH, false},
	    {"programme/index.html", 300, OFFLINE_PROGRAMME, false},
	    {"editions/2026/index.html", 200, OFFLINE_EDITION, false},
	    {"assets/css/style.css", 100, OFFLINE_SHELL, false},
	    {"ateliers/a/index.html", 300, OFFLINE_CURRENT, false},
	    {"pages/faq/index.html", 250, OFFLINE_CONTENT, false},
	    {"documents/plan.pdf", 50, OFFLINE_FILES, false},
	};
	size_t n = sizeof(f) / sizeof(*f);
	offline_part parts[OFFLINE_NCLASSES];
	/* The shell goes in whatever the budget, and nothing else when it
	 * takes it all. */
	offline_select(f, n, 100, parts);
	assert_string_equal(f[0].path, "assets/css/style.css");
	assert_string_equal(f[1].path, "index.html");
	assert_string_equal(f[2].path, "programme/index.html");
	for (size_t i = 0; i < n; i++)
		assert_int_equal(f[i].selected, f[i].cls == OFFLINE_SHELL);
	assert_int_equal(parts[OFFLINE_SHELL].kept_bytes, 600);
	/* but not a font or picture of the theme larger than the whole
	 * budget: the pages show without it (outside tester 33 F2) */
	offline_file g[] = {
	    {"index.html", 500, OFFLINE_SHELL, false},
	    {"assets/fonts/Lourde.woff2", 2000, OFFLINE_SHELL, false},
	    {"assets/fonts/Legere.woff2", 900, OFFLINE_SHELL, false},
	    {"assets/img/fond.jpg", 1001, OFFLINE_SHELL, false},
	    {"assets/css/style.css", 1500, OFFLINE_SHELL, false},
	};
	offline_select(g, 5, 1000, parts);
	assert_int_equal(selected(g, 5, "index.html"), 1);
	assert_int_equal(selected(g, 5, "assets/css/style.css"), 1);
	assert_int_equal(selected(g, 5, "assets/fonts/Legere.woff2"), 1);
	assert_int_equal(selected(g, 5, "assets/fonts/Lourde.woff2"), 0);
	assert_int_equal(selected(g, 5, "assets/img/fond.jpg"), 0);
	assert_int_equal(parts[OFFLINE_SHELL].kept, 3);
	/* 1000: the programme fits, the search (page and index, 1000) does
	 * not, and neither half of it goes in; a small file further on does. */
	offline_select(f, n, 1000, parts);
	assert_int_equal(selected(f, n, "programme/index.html"), 1);
	assert_int_equal(selected(f, n, "recherche/index.html"), 0);
	assert_int_equal(selected(f, n, "recherche/index.json"), 0);
	assert_int_equal(selected(f, n, "editions/2026/index.html"), 0);
	assert_int_equal(selected(f, n, "ateliers/a/index.html"), 0);
	assert_int_equal(selected(f, n, "documents/plan.pdf"), 1);
	assert_int_equal(parts[OFFLINE_SEARCH].files, 2);
	assert_int_equal(parts[OFFLINE_SEARCH].bytes, 1000);
	assert_int_equal(parts[OFFLINE_SEARCH].kept, 0);
	assert_int_equal(parts[OFFLINE_FILES].kept, 1);
	/* Room for the search, the edition and one workshop: the total
	 * listed never passes the budget. */
	size_t budget = 600 + 300 + 1000 + 200 + 300;
	offline_select(f, n, budget, parts);
	size_t total = 0;
	for (size_t i = 0; i < n; i++)
		total += f[i].selected ? f[i].size : 0;
	assert_true(total <= budget);
	assert_int_equal(selected(f, n, "recherche/index.html"), 1);
	assert_int_equal(selected(f, n, "recherche/index.json"), 1);
	assert_int_equal(selected(f, n, "editions/2026/index.html"), 1);
	assert_int_equal(selected(f, n, "ateliers/a/index.html"), 1);
	assert_int_equal(selected(f, n, "ateliers/b/index.html"), 0);
	assert_int_equal(selected(f, n, "pages/faq/index.html"), 0);
	assert_int_equal(parts[OFFLINE_CURRENT].kept, 1);
	assert_int_equal(parts[OFFLINE_CURRENT].files, 2);
	/* A small site: everything. */
	offline_select(f, n, 100000, NULL);
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
