#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "urlbase.h"

static void
test_base_of_the_url(void **state)
{
	arena *a = arena_new();
	assert_string_equal(urlbase_of(a, "https://ville.example/journee/"),
	                    "/journee");
	assert_string_equal(urlbase_of(a, "https://ville.example/a/b"), "/a/b");
	assert_string_equal(urlbase_of(a, "https://ville.example/"), "");
	assert_string_equal(urlbase_of(a, "https://ville.example"), "");
	assert_string_equal(urlbase_of(a, "https://ville.example/j/?x#y"),
	                    "/j");
	assert_string_equal(urlbase_of(a, NULL), "");
	assert_string_equal(urlbase_origin(a, "https://ville.example/j/"),
	                    "https://ville.example");
	arena_free(a);
}

/* An event's UID: the root's as before (host alone, port left out),
 * a path after the host, a slot's number after the key; a UID of
 * another tool (no '@') gets its slot's number at its end. */
static void
test_event_uid(void **state)
{
	arena *a = arena_new();
	const char *root = urlbase_uid_origin(a, "https://mairie.fr:8443/"),
	           *sub = urlbase_uid_origin(a, "https://mairie.fr/journee/");
	assert_string_equal(root, "mairie.fr");
	assert_string_equal(sub, "mairie.fr/journee");
	assert_string_equal(urlbase_uid_origin(a, "https://mairie.fr"),
	                    "mairie.fr");
	assert_string_equal(urlbase_uid(a, "ateliers/x", root, 0),
	                    "ateliers/x@mairie.fr");
	assert_string_equal(urlbase_uid(a, "ateliers/x", sub, 2),
	                    "ateliers/x/creneau-2@mairie.fr/journee");
	assert_string_equal(
	    urlbase_uid_slot(a, "ateliers/x@mairie.fr/journee", 1),
	    "ateliers/x/creneau-1@mairie.fr/journee");
	assert_string_equal(urlbase_uid_slot(a, "42", 3), "42/creneau-3");
	arena_free(a);
}

/* NULL when url names a folder already, else that folder's address. */
static void
check_folder(const char *url, const char *want)
{
	arena *a = arena_new();
	const char *got = urlbase_folder(a, url);
	if (want == NULL)
		assert_null(got);
	else
		assert_string_equal(got, want);
	arena_free(a);
}

static void
test_folder_of_a_copied_url(void **state)
{
	/* a file's name: its folder */
	check_folder("https://ville.example/journee/index.html",
	             "https://ville.example/journee/");
	check_folder("https://ville.example/index.html",
	             "https://ville.example/");
	/* a query or a fragment, with and without the folder's slash */
	check_folder("https://ville.example/journee/?x",
	             "https://ville.example/journee/");
	check_folder("https://ville.example/journee?x",
	             "https://ville.example/journee/");
	check_folder("https://ville.example/journee/#y",
	             "https://ville.example/journee/");
	check_folder("https://ville.example/journee#y",
	             "https://ville.example/journee/");
	check_folder("https://ville.example/journee/index.html?x#y",
	             "https://ville.example/journee/");
	/* a plain folder, with and without its final slash: kept */
	check_folder("https://ville.example/journee/", NULL);
	check_folder("https://ville.example/journee", NULL);
	check_folder("https://ville.example/", NULL);
	check_folder("https://ville.example", NULL);
	check_folder("ville.example/journee/index.html", NULL);
}

static void
test_path(void **state)
{
	arena *a = arena_new();
	assert_string_equal(urlbase_path(a, "/j", "/"), "/j/");
	assert_string_equal(urlbase_path(a, "/j", "/programme/"),
	                    "/j/programme/");
	assert_string_equal(urlbase_path(a, "/j", "/j/programme/"),
	                    "/j/programme/");
	assert_string_equal(urlbase_path(a, "/j", "/jeux/"), "/j/jeux/");
	assert_string_equal(urlbase_path(a, "/j", "//cdn.example/x"),
	                    "//cdn.example/x");
	assert_string_equal(urlbase_path(a, "/j", "https://x.example/"),
	                    "https://x.example/");
	assert_string_equal(urlbase_path(a, "/j", "x/"), "x/");
	assert_string_equal(urlbase_path(a, "", "/programme/"), "/programme/");
	arena_free(a);
}

static void
check_html(const char *base, const char *in, const char *want)
{
	buf b = BUF_INIT;
	urlbase_html(&b, in, strlen(in), base);
	assert_string_equal(buf_cstr(&b), want);
	buf_free(&b);
}

/* init's placeholder and the RFC 2606 names are examples, no one's
 * site; this computer and a private network are not (tester 29 F1). */
static void
test_example_names(void **state)
{
	(void)state;
	assert_true(urlbase_is_example("https://journee-citoyenne.example"));
	assert_true(urlbase_is_example("https://x.example.com/journee/"));
	assert_true(urlbase_is_example("http://user@site.test:8080/"));
	assert_true(urlbase_is_example("https://a.invalid"));
	assert_false(urlbase_is_example("https://journee.tours.fr/"));
	assert_false(urlbase_is_example("https://example.fr/"));
	assert_false(urlbase_is_example("http://127.0.0.1:8080/"));
	assert_false(urlbase_is_example("http://localhost/"));
	assert_false(urlbase_is_example("no address"));
}

static void
test_html(void **state)
{
	check_html("/j", "<a href=\"/programme/\">/x/</a>",
	           "<a href=\"/j/programme/\">/x/</a>");
	check_html("/j", "<A HREF='/'>a</A><img src=/x.webp alt=\"\">",
	           "<A HREF='/j/'>a</A><img src=/j/x.webp alt=\"\">");
	check_html("/j",
	           "<img srcset=\"/a-480.webp 480w, /a-960.webp 960w\" "
	           "sizes=\"1px\">",
	           "<img srcset=\"/j/a-480.webp 480w, /j/a-960.webp 960w\" "
	           "sizes=\"1px\">");
	check_html("/j", "<form action=\"/recherche/\" data-index=\"/r.json\">",
	           "<form action=\"/j/recherche/\" data-index=\"/j/r.json\">");
	check_html("/j", "<meta http-equiv=\"refresh\" content=\"0; url=/x/\">",
	           "<meta http-equiv=\"refresh\" content=\"0; url=/j/x/\">");
	/* kept: under the base, other hosts, fragments, titles, text */
	check_html("/j",
	           "<a href=\"/j/x/\" title=\"/y/\">x</a><a "
	           "href=\"https://h/\">h</a><a href=\"#c\">c</a>",
	           "<a href=\"/j/x/\" title=\"/y/\">x</a><a "
	           "href=\"https://h/\">h</a><a href=\"#c\">c</a>");
	check_html("/j", "<!-- <a href=\"/x/\"> --><p>a < b</p>",
	           "<!-- <a href=\"/x/\"> --><p>a < b</p>");
	check_html(
	    "/j", "<script>var s = '<a href=\"/x/\">';</script><a href=\"/y\">",
	    "<script>var s = '<a href=\"/x/\">';</script><a "
	    "href=\"/j/y\">");
	/* the root: not a byte changed */
	check_html("", "<a href=\"/programme/\">", "<a href=\"/programme/\">");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_base_of_the_url),
	    cmocka_unit_test(test_event_uid),
	    cmocka_unit_test(test_folder_of_a_copied_url),
	    cmocka_unit_test(test_path),
	    cmocka_unit_test(test_html),
	    cmocka_unit_test(test_example_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
