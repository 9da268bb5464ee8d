/*
 * zflate.h - DEFLATE data inflated and deflated in memory (zlib).
 *
 * The one home of zlib in fabrique: a ZIP member (an office document's
 * properties, zipmeta.h) is raw DEFLATE, a PDF's FlateDecode stream (its
 * compressed object streams, filemeta.h) is DEFLATE in a zlib wrapper.
 * Both come from files editors publish, so an inflated size is bounded
 * by the caller: a small crafted file must not unpack into gigabytes.
 */
#ifndef FABRIQUE_ZFLATE_H
#define FABRIQUE_ZFLATE_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Inflates in[0..len) (raw DEFLATE, or zlib's wrapper without raw) into
 * a new buffer (*out, *outlen; free() it), at most max bytes.  *used is
 * how much of in the data took (what follows its end is not read).
 * Returns -1 when the data is damaged, truncated or bigger than max.
 */
int zflate_inflate(const char *in, size_t len, bool raw, size_t max, char **out,
                   size_t *outlen, size_t *used);

/* Deflates in[0..len) at zlib's best compression (raw, or in zlib's
 * wrapper) into a new buffer (*out, *outlen; free() it).  -1: no memory
 * inside zlib. */
int zflate_deflate(const char *in, size_t len, bool raw, char **out,
                   size_t *outlen);

/* The CRC-32 of d[0..len), as ZIP stores it. */
unsigned long zflate_crc32(const char *d, size_t len);

#endif
