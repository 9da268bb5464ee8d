#include "hash.h"

#include <stdint.h>
#include <string.h>

static uint64_t
mix(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	return h ^ (h >> 33);
}

#define SEED_A 0x9e3779b97f4a7c15ULL
#define SEED_B 0x6a09e667f3bcc909ULL

/* The whole 8-byte steps of p[0..len): lanes a and b; the bytes taken. */
static size_t
steps(const unsigned char *p, size_t len, uint64_t *ra, uint64_t *rb)
{
	uint64_t a = *ra, b = *rb;
	size_t i = 0;
	for (; i + 8 <= len; i += 8) {
		uint64_t k;
		memcpy(&k, p + i, 8);
		a = (a ^ k) * 0x100000001b3ULL + (a >> 29);
		b = (b + k) * 0xc2b2ae3d27d4eb4fULL ^ (b >> 31);
	}
	*ra = a;
	*rb = b;
	return i;
}

/* The last 0 to 7 bytes, then each lane finished by a murmur mix. */
static void
finish(const unsigned char *p, size_t n, uint64_t *a, uint64_t *b)
{
	uint64_t tail = 0;
	if (n > 0)
		memcpy(&tail, p, n);
	*a = mix(*a ^ tail);
	*b = mix(*b + tail + *a);
}

/* Two 64-bit lanes, 8 bytes a step, each finished by a murmur mix. */
static void
lanes(const void *data, size_t len, uint64_t *ra, uint64_t *rb)
{
	const unsigned char *p = data;
	*ra = SEED_A ^ len;
	*rb = SEED_B;
	size_t i = steps(p, len, ra, rb);
	finish(p + i, len - i, ra, rb);
}

/* a then b as 32 lowercase hex digits and a NUL, as "%016llx%016llx"
 * writes them: without snprintf, which cost 1,500 instructions a key
 * (6,000 keys and files hashed for 1,000 pages). */
static void
put_hex(uint64_t a, uint64_t b, char out[HASH_HEX + 1])
{
	static const char digits[] = "0123456789abcdef";
	for (int i = 15; i >= 0; i--, a >>= 4)
		out[i] = digits[a & 15];
	for (int i = 31; i >= 16; i--, b >>= 4)
		out[i] = digits[b & 15];
	out[32] = '\0';
}

void
hash_hex(const void *data, size_t len, char out[HASH_HEX + 1])
{
	uint64_t a, b;
	lanes(data, len, &a, &b);
	put_hex(a, b, out);
}

void
hash_raw(const void *data, size_t len, unsigned char out[HASH_RAW])
{
	uint64_t ab[2];
	lanes(data, len, &ab[0], &ab[1]);
	memcpy(out, ab, sizeof(ab));
}

void
hash_stream_begin(hash_stream *h, size_t len)
{
	memset(h, 0, sizeof(*h));
	h->a = SEED_A ^ len;
	h->b = SEED_B;
	h->len = len;
}

void
hash_stream_put(hash_stream *h, const void *data, size_t n)
{
	const unsigned char *p = data;
	uint64_t a = h->a, b = h->b;
	h->done += n;
	if (h->ncarry > 0) { /* complete the step begun by the last piece */
		size_t take = 8 - h->ncarry < n ? 8 - h->ncarry : n;
		memcpy(h->carry + h->ncarry, p, take);
		h->ncarry += (unsigned)take;
		p += take, n -= take;
		if (h->ncarry < 8) {
			h->a = a, h->b = b;
			return;
		}
		steps(h->carry, 8, &a, &b);
		h->ncarry = 0;
	}
	size_t i = steps(p, n, &a, &b);
	memcpy(h->carry, p + i, n - i);
	h->ncarry = (unsigned)(n - i);
	h->a = a, h->b = b;
}

void
hash_stream_hex(const hash_stream *h, char out[HASH_HEX + 1])
{
	uint64_t a = h->a, b = h->b;
	finish(h->carry, h->ncarry, &a, &b);
	put_hex(a, b, out);
}

void
hash_stream_raw(const hash_stream *h, unsigned char out[HASH_RAW])
{
	uint64_t ab[2] = {h->a, h->b};
	finish(h->carry, h->ncarry, &ab[0], &ab[1]);
	memcpy(out, ab, sizeof(ab));
}
