/*
 * Tests for imgstrip.c: a WebP container holding every kind of metadata
 * chunk comes out with its image chunks only, its VP8X flags cleared and
 * its RIFF length right; malformed containers are refused, never read
 * past their end.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <string.h>

#include "imgstrip.h"

static bool
contains(const unsigned char *p, size_t n, const char *s)
{
	size_t k = strlen(s);
	for (size_t i = 0; i + k <= n; i++)
		if (memcmp(p + i, s, k) == 0)
			return true;
	return false;
}

static size_t
chunk(unsigned char *p, const char *id, const char *data, size_t n)
{
	memcpy(p, id, 4);
	p[4] = (unsigned char)n, p[5] = p[6] = p[7] = 0;
	memcpy(p + 8, data, n);
	if (n & 1)
		p[8 + n++] = 0; /* padding to an even size */
	return 8 + n;
}

/* RIFF header + VP8X (alpha, ICC, EXIF, XMP flags) + ICCP + VP8 + EXIF +
 * XMP; odd sizes to exercise the padding. */
static size_t
sample(unsigned char *p)
{
	size_t n = 12;
	n += chunk(p + n, "VP8X", "\x3c\0\0\0\1\0\0\1\0\0", 10);
	n += chunk(p + n, "ICCP", "icc", 3);
	n += chunk(p + n, "VP8 ", "abcd", 4);
	n += chunk(p + n, "EXIF", "GPS47", 5);
	n += chunk(p + n, "XMP ", "<x", 2);
	memcpy(p, "RIFF", 4);
	p[4] = (unsigned char)(n - 8), p[5] = p[6] = p[7] = 0;
	memcpy(p + 8, "WEBP", 4);
	return n;
}

static void
test_metadata_removed(void **state)
{
	unsigned char p[256];
	size_t n = sample(p);
	size_t out = imgstrip_webp(p, n);
	assert_int_equal(out, 12 + 18 + 12);
	assert_memory_equal(p, "RIFF\x22\0\0\0WEBP", 12);
	assert_memory_equal(p + 12, "VP8X\x0a\0\0\0", 8);
	assert_int_equal(p[20], 0x10); /* alpha kept, ICC/EXIF/XMP cleared */
	assert_memory_equal(p + 30, "VP8 \x04\0\0\0abcd", 12);
	/* Nothing of the metadata is left in the file. */
	assert_false(contains(p, out, "GPS47"));
	assert_false(contains(p, out, "EXIF"));
	assert_false(contains(p, out, "ICCP"));
	assert_false(contains(p, out, "XMP"));
	/* A clean file comes out the same. */
	unsigned char again[256];
	memcpy(again, p, out);
	assert_int_equal(imgstrip_webp(again, out), out);
	assert_memory_equal(again, p, out);
}

static void
test_malformed_refused(void **state)
{
	unsigned char p[256];
	size_t n = sample(p);
	assert_int_equal(imgstrip_webp(p, n - 1), 0); /* RIFF length */
	n = sample(p);
	memcpy(p + 8, "WAVE", 4);
	assert_int_equal(imgstrip_webp(p, n), 0);
	n = sample(p);
	p[12 + 4] = 0xff; /* VP8X claims more bytes than the file has */
	assert_int_equal(imgstrip_webp(p, n), 0);
	assert_int_equal(imgstrip_webp(p, 4), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_metadata_removed),
	    cmocka_unit_test(test_malformed_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
