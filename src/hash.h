/*
 * hash.h - a fast 128-bit fingerprint of bytes, as 32 hex digits.
 *
 * It tells whether bytes are the ones seen before (an output file in the
 * incremental manifest, a page's Markdown in the render cache): it needs
 * speed, every byte goes through it, not resistance to an attacker.
 * git's SHA-1 with collision detection cost a tenth of a 10,000-page
 * build.  One home for it, so both caches agree on what "same" means.
 */
#ifndef FABRIQUE_HASH_H
#define FABRIQUE_HASH_H

#include <stddef.h>

#define HASH_HEX 32

/* out gets 32 lowercase hex digits and a NUL. */
void hash_hex(const void *data, size_t len, char out[HASH_HEX + 1]);

/* The same 128 bits as bytes (host order), to feed into another hash. */
#define HASH_RAW 16
void hash_raw(const void *data, size_t len, unsigned char out[HASH_RAW]);

/*
 * The same digest of bytes given in pieces (a file written as a stream):
 * len, the total, must be known at the start (it is the first thing
 * hashed); hash_stream_hex() after exactly len bytes gives what
 * hash_hex() gives for them all at once.
 */
typedef struct hash_stream {
	unsigned long long a, b, len, done;
	unsigned char carry[8];
	unsigned ncarry;
} hash_stream;
void hash_stream_begin(hash_stream *h, size_t len);
void hash_stream_put(hash_stream *h, const void *data, size_t n);
void hash_stream_hex(const hash_stream *h, char out[HASH_HEX + 1]);
/* The same as hash_raw() would give for the bytes all at once. */
void hash_stream_raw(const hash_stream *h, unsigned char out[HASH_RAW]);

#endif
