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

/* Every type recognised by its bytes: the real signature passes, and a
 * page in disguise under the same name does not. */
static void
test_each_signature(void **state)
{
	(void)state;
	static char tar[264];
	memcpy(tar + 257, "ustar", 5);
	const struct {
		const char *name, *data;
		size_t len;
	} sig[] = {
	    {"a.doc", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1....", 12},
	    {"a.xls", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1....", 12},
	    {"a.rtf", "{\\rtf1 Bonjour}", 14},
	    {"a.opus", "OggS\0\2", 6},
	    {"a.flac", "fLaC\0\0", 6},
	    {"a.mov",
	     "\0\0\0\x14"
	     "ftypqt  ",
	     12},
	    {"a.webm", "\x1A\x45\xDF\xA3\x9F", 5},
	    {"a.mkv", "\x1A\x45\xDF\xA3\x9F", 5},
	    {"a.gz", "\x1F\x8B\x08\0", 4},
	    {"a.tgz", "\x1F\x8B\x08\0", 4},
	    {"a.7z", "7z\xBC\xAF\x27\x1C\0\4", 8},
	    {"a.tar", tar, sizeof(tar)},
	    {"a.bz2", "BZh91AY", 7},
	    {"a.xz",
	     "\xFD"
	     "7zXZ\0\0",
	     8},
	    {"a.wav", "RIFF\0\0\0\0WAVEfmt ", 16},
	    {"a.mp3", "ID3\4\0", 5},
	};
	for (size_t i = 0; i < sizeof(sig) / sizeof(*sig); i++) {
		assert_int_equal(
		    filetype_check(sig[i].name, sig[i].data, sig[i].len).kind,
		    FT_PASSIVE);
		assert_int_equal(kind(sig[i].name, "<html><script>x</script>"),
		                 FT_MISMATCH);
	}
	/* A signature cut short, or at the wrong offset, is not one. */
	assert_int_equal(filetype_check("a.7z", "7z\xBC", 3).kind, FT_MISMATCH);
	assert_int_equal(filetype_check("a.tar", "ustar", 5).kind, FT_MISMATCH);
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
	    cmocka_unit_test(test_each_signature),
	    cmocka_unit_test(test_svg),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
