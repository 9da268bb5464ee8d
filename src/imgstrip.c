/*
 * imgstrip.c - metadata removed from encoded images, at the container
 * level, whatever the encoder did.
 */
#include "imgstrip.h"
#include "bytes.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

/* libvips 8.14.1's webpsave ignores "strip" and always writes an EXIF
 * chunk, so the container itself is cleaned, whatever the version. */
size_t
imgstrip_webp(unsigned char *p, size_t len)
{
	if (len < 12 || memcmp(p, "RIFF", 4) != 0 ||
	    memcmp(p + 8, "WEBP", 4) != 0 || bytes_get_le(p + 4, 4) + 8 != len)
		return 0;
	size_t in = 12, out = 12;
	while (in + 8 <= len) {
		size_t n = (size_t)bytes_get_le(p + in + 4, 4);
		size_t whole = 8 + n + (n & 1);
		if (whole > len - in)
			return 0;
		bool drop = memcmp(p + in, "EXIF", 4) == 0 ||
		            memcmp(p + in, "XMP ", 4) == 0 ||
		            memcmp(p + in, "ICCP", 4) == 0;
		if (memcmp(p + in, "VP8X", 4) == 0 && n >= 1)
			p[in + 8] &= (unsigned char)~0x2c; /* ICC, EXIF, XMP */
		if (!drop) {
			memmove(p + out, p + in, whole);
			out += whole;
		}
		in += whole;
	}
	if (in != len)
		return 0;
	bytes_put_le32(p + 4, (uint32_t)(out - 8));
	return out;
}
