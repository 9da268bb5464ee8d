#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "qrcode.h"

/* The label is the SVG's aria-label: a title holding a character XML
 * forbids (U+FFFE, a C0 or C1 control, a lone surrogate) must not make
 * the SVG ill-formed; it is dropped, the rest is kept and escaped. */
static void
test_label_drops_what_xml_forbids(void **state)
{
	arena *a = arena_new();
	const char *label = "Atelier \xEF\xBF\xBE\x01\xC2\x85\xED\xA0\x80 "
	                    "\"vert\" & <propre>";
	char *svg = qrcode_svg(a, "https://jc.example/ateliers/x/", label);
	assert_non_null(svg);
	assert_null(strstr(svg, "\xEF\xBF\xBE"));
	assert_null(strstr(svg, "\x01"));
	assert_null(strstr(svg, "\xC2\x85"));
	assert_null(strstr(svg, "\xED\xA0\x80"));
	assert_non_null(strstr(
	    svg,
	    "aria-label=\"Atelier  &quot;vert&quot; &amp; &lt;propre&gt;\""));
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_label_drops_what_xml_forbids),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
