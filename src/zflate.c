/*
 * zflate.c - DEFLATE data inflated and deflated in memory (see zflate.h).
 */
#include "zflate.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <zlib.h>

#include "xalloc.h"

/* zlib counts in uInt: a chunk at a time for data bigger than that. */
#define ZF_CHUNK ((size_t)UINT_MAX)

static uInt
zf_avail(size_t n)
{
	return n > ZF_CHUNK ? (uInt)ZF_CHUNK : (uInt)n;
}

int
zflate_inflate(const char *in, size_t len, bool raw, size_t max, char **out,
               size_t *outlen, size_t *used)
{
	z_stream z = {0};
	if (inflateInit2(&z, raw ? -MAX_WBITS : MAX_WBITS) != Z_OK)
		return -1;
	size_t cap = len * 4 + 64 < max ? len * 4 + 64 : max;
	char *o = xmalloc(cap + 1);
	size_t in_at = 0, n = 0;
	int rc = Z_OK;
	while (rc == Z_OK) {
		if (n == cap) {
			if (cap >= max)
				break; /* bigger than max */
			cap = cap * 2 < max ? cap * 2 : max;
			o = xrealloc(o, cap + 1);
		}
		z.next_in = (Bytef *)(uintptr_t)(in + in_at);
		z.avail_in = zf_avail(len - in_at);
		z.next_out = (Bytef *)(o + n);
		z.avail_out = zf_avail(cap - n);
		uInt ai = z.avail_in, ao = z.avail_out;
		rc = inflate(&z, Z_NO_FLUSH);
		in_at += ai - z.avail_in;
		n += ao - z.avail_out;
		if (rc == Z_BUF_ERROR && (n == cap || in_at < len))
			rc = Z_OK; /* out of room, or a chunk boundary */
	}
	inflateEnd(&z);
	if (rc != Z_STREAM_END) {
		free(o);
		return -1;
	}
	o[n] = '\0';
	*out = o;
	*outlen = n;
	*used = in_at;
	return 0;
}

int
zflate_deflate(const char *in, size_t len, bool raw, char **out, size_t *outlen)
{
	z_stream z = {0};
	if (deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED,
	                 raw ? -MAX_WBITS : MAX_WBITS, 9,
	                 Z_DEFAULT_STRATEGY) != Z_OK)
		return -1;
	size_t cap = deflateBound(&z, len > ZF_CHUNK ? ZF_CHUNK : len) +
	             (len > ZF_CHUNK ? len : 0) + 64;
	char *o = xmalloc(cap);
	size_t in_at = 0, n = 0;
	int rc = Z_OK;
	while (rc == Z_OK || rc == Z_BUF_ERROR) {
		if (n == cap) {
			cap *= 2;
			o = xrealloc(o, cap);
		}
		z.next_in = (Bytef *)(uintptr_t)(in + in_at);
		z.avail_in = zf_avail(len - in_at);
		z.next_out = (Bytef *)(o + n);
		z.avail_out = zf_avail(cap - n);
		uInt ai = z.avail_in, ao = z.avail_out;
		rc = deflate(&z, len - in_at > ai ? Z_NO_FLUSH : Z_FINISH);
		in_at += ai - z.avail_in;
		n += ao - z.avail_out;
	}
	deflateEnd(&z);
	if (rc != Z_STREAM_END) {
		free(o);
		return -1;
	}
	*out = o;
	*outlen = n;
	return 0;
}

unsigned long
zflate_crc32(const char *d, size_t len)
{
	uLong c = crc32(0L, Z_NULL, 0);
	for (size_t at = 0; at < len;) {
		uInt n = zf_avail(len - at);
		c = crc32(c, (const Bytef *)d + at, n);
		at += n;
	}
	return c;
}
