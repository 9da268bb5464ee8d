/* Unit tests for utf8.c, the one UTF-8 decoder, encoder and validator. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "utf8.h"

static size_t
dec(const char *s, uint32_t *cp)
{
	*cp = 0xDEAD;
	return utf8_decode(s, strlen(s), cp);
}

static void
test_decode_valid(void **state)
{
	uint32_t cp;
	assert_int_equal(dec("a", &cp), 1);
	assert_int_equal(cp, 'a');
	assert_int_equal(dec("\xc3\xa9", &cp), 2); /* é */
	assert_int_equal(cp, 0xE9);
	assert_int_equal(dec("\xe2\x80\xaf", &cp), 3); /* narrow nbsp */
	assert_int_equal(cp, 0x202F);
	assert_int_equal(dec("\xf0\x9f\x8e\x89", &cp), 4); /* party popper */
	assert_int_equal(cp, 0x1F389);
	assert_int_equal(dec("\xf4\x8f\xbf\xbf", &cp), 4); /* U+10FFFF */
	assert_int_equal(cp, 0x10FFFF);
}

static void
test_decode_rejects(void **state)
{
	uint32_t cp;
	assert_int_equal(dec("\xe9glise", &cp), 0);        /* Latin-1 byte */
	assert_int_equal(cp, 0xDEAD);                      /* left alone */
	assert_int_equal(dec("\xc0\xaf", &cp), 0);         /* overlong '/' */
	assert_int_equal(dec("\xe0\x80\xaf", &cp), 0);     /* overlong, 3 */
	assert_int_equal(dec("\xed\xa0\x80", &cp), 0);     /* surrogate */
	assert_int_equal(dec("\xf4\x90\x80\x80", &cp), 0); /* > U+10FFFF */
	assert_int_equal(dec("\x80", &cp), 0);             /* continuation */
	assert_int_equal(dec("\xc3", &cp), 0);             /* truncated */
	/* The length bounds the sequence even without a NUL. */
	assert_int_equal(utf8_decode("\xc3\xa9", 1, &cp), 0);
	assert_int_equal(utf8_decode("", 0, &cp), 0);
}

static void
test_put_round_trip(void **state)
{
	static const uint32_t cps[] = {0x41,    0x7F,    0x80,   0xE9,
	                               0x7FF,   0x800,   0x2028, 0xFFFD,
	                               0x10000, 0x10FFFF};
	for (size_t i = 0; i < sizeof(cps) / sizeof(cps[0]); i++) {
		buf b = BUF_INIT;
		utf8_put(&b, cps[i]);
		uint32_t cp = 0;
		assert_int_equal(utf8_decode(b.data, b.len, &cp), b.len);
		assert_int_equal(cp, cps[i]);
		buf_free(&b);
	}
}

/* utf8_encode() writes what utf8_put() appends, at each length's
 * edges, and returns its length. */
static void
test_encode_lengths(void **state)
{
	static const uint32_t cps[] = {0,      0x7F,    0x80,     0x7FF,  0x800,
	                               0xFFFF, 0x10000, 0x10FFFF, 0x202F, 0xE9};
	static const size_t lens[] = {1, 1, 2, 2, 3, 3, 4, 4, 3, 2};
	for (size_t i = 0; i < sizeof(cps) / sizeof(*cps); i++) {
		char out[4];
		uint32_t cp = 1;
		size_t n = utf8_encode(out, cps[i]);
		assert_int_equal(n, lens[i]);
		assert_int_equal(utf8_decode(out, n, &cp), n);
		assert_int_equal(cp, cps[i]);
	}
}

static void
test_check_position(void **state)
{
	unsigned l = 0, c = 0;
	const char *t = "titre: ok\nlieu: \xc3\xa9glise \xe9t\xc3\xa9\n";
	assert_false(utf8_check(t, strlen(t), &l, &c));
	assert_int_equal(l, 2);
	assert_int_equal(c, 14); /* columns count characters, not bytes */
	assert_true(utf8_check("\xc5\x93uvre \xe2\x82\xac", 10, &l, &c));
}

/* The first bad byte's column, at every offset, whatever comes before
 * and after it: what textenc.c says of a page (markdown.c said it of a
 * body, once; pages that are not UTF-8 are now refused when loaded). */
static void
test_encoding_position_every_offset(void **state)
{
	(void)state;
	for (size_t at = 0; at < 24; at++)
		for (size_t after = 0; after < 10; after++) {
			char t[64];
			memset(t, 'a', sizeof(t));
			memcpy(t + 3, "\xC3\xA9", 2); /* valid, not ASCII */
			size_t bad = at < 3 || at > 4 ? at : 5;
			t[bad] = (char)0x81; /* in no encoding fabrique names */
			unsigned l = 0, c = 0;
			unsigned char byte = 0;
			assert_int_equal(
			    utf8_encoding_of(t, bad + 1 + after, &l, &c, &byte),
			    UTF8_OTHER);
			assert_int_equal(l, 1);
			/* é before the bad byte is one column, not two */
			assert_int_equal(c, bad < 3 ? bad + 1 : bad);
			assert_int_equal(byte, 0x81);
		}
}

/* One NUL in UTF-8 text is a NUL at its place (outside tester 30 F7),
 * not UTF-16; UTF-16 without a byte order mark still is. */
static void
test_nul_and_utf16(void **state)
{
	(void)state;
	unsigned l = 0, c = 0;
	unsigned char byte = 1;
	const char t[] = "ab\n\xc3\xa9t\xc3\xa9 \0 fin\n";
	assert_int_equal(utf8_encoding_of(t, sizeof(t) - 1, &l, &c, &byte),
	                 UTF8_NUL);
	assert_int_equal(l, 2);
	assert_int_equal(c, 5); /* « été » is three columns */
	assert_int_equal(byte, 0);
	const char le[] = "-\0-\0-\0\n\0";
	assert_int_equal(utf8_encoding_of(le, sizeof(le) - 1, &l, &c, &byte),
	                 UTF8_UTF16);
	const char bom[] = "\xff\xfe-\0";
	assert_int_equal(utf8_encoding_of(bom, sizeof(bom) - 1, &l, &c, &byte),
	                 UTF8_UTF16);
}

static void
test_chars_and_cut(void **state)
{
	assert_int_equal(utf8_chars("\xc3\xa9t\xc3\xa9"), 3);
	assert_int_equal(utf8_chars(""), 0);
	/* "été": cutting at 1 falls inside é, so back to 0. */
	assert_int_equal(utf8_cut("\xc3\xa9t\xc3\xa9", 1), 0);
	assert_int_equal(utf8_cut("\xc3\xa9t\xc3\xa9", 2), 2);
	assert_int_equal(utf8_cut("\xc3\xa9t\xc3\xa9", 4), 3);
	assert_int_equal(utf8_seq_len(0xF0), 4);
	assert_int_equal(utf8_seq_len(0xC3), 2);
	assert_int_equal(utf8_seq_len('a'), 1);
}

/* A name typed composed and the one a Mac committed decomposed are the
 * same file name; other differences are not hidden (tester 24 F9). */
static void
test_same_composed(void **state)
{
	(void)state;
	assert_true(utf8_same_composed("\xc3\xa9t\xc3\xa9.jpg",
	                               "e\xcc\x81te\xcc\x81.jpg"));
	assert_true(utf8_same_composed("e\xcc\x81te\xcc\x81.jpg",
	                               "\xc3\xa9t\xc3\xa9.jpg"));
	assert_true(utf8_same_composed("plan.pdf", "plan.pdf"));
	assert_false(utf8_same_composed("plan.pdf", "Plan.pdf"));
	assert_false(utf8_same_composed("\xc3\xa9t\xc3\xa9.jpg", "ete.jpg"));
	assert_false(utf8_same_composed("e\xcc\x81t.jpg", "\xc3\xa8t.jpg"));
	assert_false(utf8_same_composed("\xc3\xa9", "\xc3\xa9\xc3\xa9"));
}

/* Control characters are dropped, each said where it is (1-based line
 * from first_line, column in characters), tab and line ends kept. */
static void
test_drop_controls(void **state)
{
	(void)state;
	const char *t = "a\t\xc3\xa9\x1b[1m\nb\xc2\x85"
	                "c\x7f\r\n\xc2\xa0";
	buf out = BUF_INIT;
	diag *d = diag_new(NULL);
	assert_int_equal(utf8_drop_controls(t, strlen(t), "f.md", 3, d, &out),
	                 3);
	assert_string_equal(buf_cstr(&out), "a\t\xc3\xa9[1m\nbc\r\n\xc2\xa0");
	assert_int_equal(diag_count(d, DIAG_WARNING), 3);
	assert_int_equal(
	    utf8_drop_controls("plain\n", 6, "f.md", 1, NULL, NULL), 0);
	assert_true(utf8_is_control(0x1B) && utf8_is_control(0x9F));
	assert_false(utf8_is_control('\t') || utf8_is_control(0xA0));
	diag_free(d);
	buf_free(&out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_decode_valid),
	    cmocka_unit_test(test_decode_rejects),
	    cmocka_unit_test(test_put_round_trip),
	    cmocka_unit_test(test_encode_lengths),
	    cmocka_unit_test(test_check_position),
	    cmocka_unit_test(test_encoding_position_every_offset),
	    cmocka_unit_test(test_nul_and_utf16),
	    cmocka_unit_test(test_chars_and_cut),
	    cmocka_unit_test(test_same_composed),
	    cmocka_unit_test(test_drop_controls),
	};
	return cmocka_run_group_tests_name("utf8", tests, NULL, NULL);
}
