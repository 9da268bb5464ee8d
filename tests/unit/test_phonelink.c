/* French phone numbers in Markdown text become tel: links (phonelink.c),
 * through markdown_render as pages use it. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "markdown.h"
#include "phonelink.h"

static const char *
render(arena *a, const char *md, bool french)
{
	markdown_opts o = {.french = french};
	buf out = BUF_INIT;
	assert_int_equal(markdown_render(md, strlen(md), &o, a, &out, NULL), 0);
	const char *s = arena_strdup(a, buf_cstr(&out));
	buf_free(&out);
	return s;
}

#define HAS(html, s)                                                           \
	do {                                                                   \
		if (strstr((html), (s)) == NULL)                               \
			fail_msg("expected %s\nin %s", (s), (html));           \
	} while (0)
#define LACKS(html, s)                                                         \
	do {                                                                   \
		if (strstr((html), (s)) != NULL)                               \
			fail_msg("did not expect %s\nin %s", (s), (html));     \
	} while (0)

static void
test_shapes(void **state)
{
	(void)state;
	arena *a = arena_new();
	const char *h = render(a,
	                       "Appelez le 03 84 12 34 56, le 03.84.12.34.57, "
	                       "le 03-84-12-34-58 ou le 0384123459.\n\n"
	                       "De l'étranger : +33 3 84 12 34 60 ou "
	                       "+33 (0)3 84 12 34 61 ou +33384123462.\n",
	                       false);
	HAS(h, "le <a href=\"tel:+33384123456\">03 84 12 34 56</a>, le ");
	HAS(h, "<a href=\"tel:+33384123457\">03.84.12.34.57</a>");
	HAS(h, "<a href=\"tel:+33384123458\">03-84-12-34-58</a>");
	HAS(h, "<a href=\"tel:+33384123459\">0384123459</a>.");
	HAS(h, "<a href=\"tel:+33384123460\">+33 3 84 12 34 60</a>");
	HAS(h, "<a href=\"tel:+33384123461\">+33 (0)3 84 12 34 61</a>");
	HAS(h, "<a href=\"tel:+33384123462\">+33384123462</a>");
	arena_free(a);
}

/* The scan from one 0 or + to the next: a number at the very start and
 * end of a text, numbers back to back, a 0 or + that starts nothing just
 * before one that does, a + last. */
static void
test_scan_edges(void **state)
{
	(void)state;
	arena *a = arena_new();
	const char *h = render(a,
	                       "0384123456, 0384123457;+33384123458+0384123459 "
	                       "00 0384123460 +\n\n0384123461\n",
	                       false);
	HAS(h, "<p><a href=\"tel:+33384123456\">0384123456</a>, "
	       "<a href=\"tel:+33384123457\">0384123457</a>;"
	       "<a href=\"tel:+33384123458\">+33384123458</a>+0384123459 "
	       "00 <a href=\"tel:+33384123460\">0384123460</a> +</p>");
	HAS(h, "<p><a href=\"tel:+33384123461\">0384123461</a></p>");
	arena_free(a);
}

/* Typography's no-break spaces do not get in the way, and the number
 * keeps them (it does not break across lines). */
static void
test_french_typography(void **state)
{
	(void)state;
	arena *a = arena_new();
	const char *h = render(a, "Téléphone : 02 61 91 40 20 !\n", true);
	HAS(h, "<a href=\"tel:+33261914020\">02");
	HAS(h, "20</a>\xE2\x80\xAF!"); /* narrow no-break space before ! */
	arena_free(a);
}

static void
test_not_phones(void **state)
{
	(void)state;
	arena *a = arena_new();
	const char *h =
	    render(a,
	           "Le code `03 84 12 34 56` et\n\n"
	           "    04 84 12 34 56\n\n"
	           "[appelez le 05 84 12 34 56](/contact/), "
	           "![photo 06 84 12 34 56](a.jpg), "
	           "<https://x.example/07-84-12-34-56>.\n\n"
	           "Trop long : 01 23 45 67 89 10. Trop court : "
	           "01 23 45 67 8. Dans un mot : A-0184123456, "
	           "x0184123456. Pas de 00 : 00 84 12 34 56. "
	           "Une date : 2026-05-23. Un montant : "
	           "0,84 12 34 56. Deux espaces : 01  84 12 34 56.\n",
	           false);
	LACKS(h, "tel:");
	HAS(h, "<code>03 84 12 34 56</code>");
	HAS(h, "<a href=\"/contact/\">appelez le 05 84 12 34 56</a>");
	arena_free(a);
}

static void
test_match(void **state)
{
	(void)state;
	char d[11];
	assert_int_equal(phonelink_match("03 84 12 34 56 fin", 18, d), 14);
	assert_string_equal(d, "0384123456");
	assert_int_equal(phonelink_match("03 84 12 34 56 78", 17, d), 0);
	assert_int_equal(phonelink_match("03 84 12 34 5", 13, d), 0);
	assert_int_equal(phonelink_match("+33 03 84 12 34 56", 18, d), 0);
	assert_int_equal(phonelink_match("03 84 12 34 56.", 15, d), 14);
	assert_int_equal(phonelink_match("+33", 3, d), 0);
	assert_int_equal(phonelink_match("", 0, d), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_shapes),
	    cmocka_unit_test(test_scan_edges),
	    cmocka_unit_test(test_french_typography),
	    cmocka_unit_test(test_not_phones),
	    cmocka_unit_test(test_match),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
