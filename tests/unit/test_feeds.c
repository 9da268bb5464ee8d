/*
 * Tests for feeds.c: XML text and the dates of the Atom feed.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "feeds.h"

static void
test_xml_text(void **state)
{
	buf b = BUF_INIT;
	feeds_xml_text(&b, "Pêche & « jeux » <b>\"l'été\"</b>\001\t");
	assert_string_equal(buf_cstr(&b), "Pêche &amp; « jeux » &lt;b&gt;"
	                                  "&quot;l&#39;été&quot;&lt;/b&gt;\t");
	buf_free(&b);
	/* Code points XML 1.0 forbids (U+FFFE, U+FFFF, surrogates, C1
	 * controls) and bytes that are not UTF-8 are left out. */
	feeds_xml_text(&b, "a\xEF\xBF\xBE"
	                   "b\xEF\xBF\xBF"
	                   "c\xED\xA0\x80"
	                   "d\xC2\x85"
	                   "e\xFF"
	                   "f\xF0\x9F\x98\x80");
	assert_string_equal(buf_cstr(&b), "abcdef\xF0\x9F\x98\x80");
	buf_free(&b);
}

static void
check_date(const char *date, const char *tz, const char *want)
{
	buf b = BUF_INIT;
	assert_true(feeds_date_time(&b, date, tz));
	assert_string_equal(buf_cstr(&b), want);
	buf_free(&b);
}

static void
test_dates(void **state)
{
	check_date("2026-05-23", "Europe/Paris", "2026-05-23T00:00:00+02:00");
	check_date("2026-01-05", "Europe/Paris", "2026-01-05T00:00:00+01:00");
	check_date("2026-01-05", "America/Martinique",
	           "2026-01-05T00:00:00-04:00");
	check_date("2026-01-05", "UTC", "2026-01-05T00:00:00Z");
	buf b = BUF_INIT;
	assert_false(feeds_date_time(&b, "23/05/2026", "Europe/Paris"));
	assert_false(feeds_date_time(&b, NULL, "Europe/Paris"));
	feeds_utc_time(&b, 1767225600 + 3600 + 61);
	assert_string_equal(buf_cstr(&b), "2026-01-01T01:01:01Z");
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_xml_text),
	    cmocka_unit_test(test_dates),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
