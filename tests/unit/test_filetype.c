/*
 * Tests for filetype.c: the allow-list of linked files, on content.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "filetype.h"

static ft_kind
kind(const char *name, const char *data)
{
	return filetype_check(name, data, strlen(data)).kind;
}

static void
test_passive(void **state)
{
	(void)state;
	assert_int_equal(kind("a/plan.pdf", "%PDF-1.4\n..."), FT_PASSIVE);
	assert_int_equal(kind("PLAN.PDF", "%PDF-1.7"), FT_PASSIVE);
	assert_int_equal(kind("t.csv", "nom;date\nA;1\n"), FT_PASSIVE);
	assert_int_equal(kind("lisez.txt", "Bonjour <b>"), FT_PASSIVE);
	assert_int_equal(kind("a.docx", "PK\3\4rest"), FT_PASSIVE);
	assert_int_equal(kind("a.ogg", "OggS\0"), FT_PASSIVE);
	assert_int_equal(filetype_check("a.mp4",
	                                "\0\0\0\x18"
	                                "ftypmp42",
	                                12)
	                     .kind,
	                 FT_PASSIVE);
}

static void
test_active_and_disguised(void **state)
{
	(void)state;
	ft_verdict v = filetype_check("x/evil.html", "<p>", 3);
	assert_int_equal(v.kind, FT_ACTIVE);
	assert_string_equal(v.type, "HTML");
	assert_string_equal(filetype_check("e.XHTML", "", 0).type, "XHTML");
	assert_string_equal(filetype_check("e.js", "", 0).type, "JavaScript");
	assert_string_equal(filetype_check("e.exe", "MZ", 2).type, ".exe");
	assert_string_equal(filetype_check("LISEZMOI", "x", 1).type, "");
	assert_int_equal(kind(".htaccess", "x"), FT_ACTIVE);
	v = filetype_check("p.pdf", "<html><script>", 14);
	assert_int_equal(v.kind, FT_MISMATCH);
	assert_string_equal(v.type, "PDF");
	assert_int_equal(kind("notes.txt", "  <!DOCTYPE html><script>"),
	                 FT_MISMATCH);
	assert_int_equal(kind("t.csv", "\xEF\xBB\xBF<svg onload=x>"),
	                 FT_MISMATCH);
	assert_int_equal(kind("a.zip", "<html>"), FT_MISMATCH);
}

static void
test_svg(void **state)
{
	(void)state;
	const char *ok =
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"x.dtd\">\n"
	    "<!-- <script> in a comment is fine -->\n"
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "xmlns:xlink=\"http://www.w3.org/1999/xlink\" viewBox='0 0 9 9'>"
	    "<defs><linearGradient id=\"g\"/></defs>"
	    "<style><![CDATA[ .a { fill: url(#g); } ]]></style>"
	    "<use xlink:href=\"#g\"/><rect style=\"fill:url( '#g')\"/>"
	    "<image href=\"data:image/png;base64,iVBOR\"/></svg>\n";
	assert_int_equal(kind("logo.svg", ok), FT_SVG_OK);
	struct {
		const char *svg, *found;
		unsigned line;
	} bad[] = {
	    {"<svg>\n<script>x</script></svg>", "<script>", 2},
	    {"<svg><SCRIPT>x</SCRIPT></svg>", "<SCRIPT>", 1},
	    {"<svg><svg:script/></svg>", "<svg:script>", 1},
	    {"<svg onload=\"x\"/>", "onload=", 1},
	    {"<svg><g\n\nOnClick = 'x'/></svg>", "OnClick=", 3},
	    {"<svg><foreignObject/></svg>", "<foreignObject>", 1},
	    {"<svg><a href=\"javascript:alert(1)\"/></svg>",
	     "href=\"javascript:alert(1)\"", 1},
	    {"<svg><image href=\"https://x.example/p.png\"/></svg>",
	     "href=\"https://x.example/p.png\"", 1},
	    {"<svg><use xlink:href=\"other.svg#a\"/></svg>",
	     "xlink:href=\"other.svg#a\"", 1},
	    {"<svg><image href=\"data:image/svg+xml,<svg onload=x>\"/></svg>",
	     "href=\"data:image/svg+xml,<svg onload\"", 1}, /* shortened */
	    {"<svg><set attributeName=\"href\" to=\"javascript:x\"/></svg>",
	     "attributeName=\"href\"", 1},
	    {"<svg><rect style=\"fill:url(https://x/t)\"/></svg>",
	     "url(https://x/t)", 1},
	    {"<svg><style>@import 'https://x/c.css';</style></svg>", "@import",
	     1},
	    {"<!DOCTYPE svg [<!ENTITY x \"y\">]><svg/>",
	     "<!DOCTYPE svg [<!ENTI", 1},
	    {"<?xml-stylesheet href=\"x.xsl\"?><svg/>", "<?xml-stylesheet href",
	     1},
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		ft_verdict v =
		    filetype_check("d.svg", bad[i].svg, strlen(bad[i].svg));
		assert_int_equal(v.kind, FT_SVG_UNSAFE);
		assert_string_equal(v.found, bad[i].found);
		assert_int_equal(v.line, bad[i].line);
	}
	assert_int_equal(kind("d.svg", "<html><body/></html>"), FT_MISMATCH);
	assert_int_equal(kind("d.svg", "not xml at all"), FT_MISMATCH);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_passive),
	    cmocka_unit_test(test_active_and_disguised),
	    cmocka_unit_test(test_svg),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
