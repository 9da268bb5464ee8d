#include "hash.h"

#include <stdint.h>
#include <stdio.h>
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

/* Two 64-bit lanes, 8 bytes a step, each finished by a murmur mix. */
static void
lanes(const void *data, size_t len, uint64_t *ra, uint64_t *rb)
{
	const unsigned char *p = data;
	uint64_t a = 0x9e3779b97f4a7c15ULL ^ len, b = 0x6a09e667f3bcc909ULL;
	size_t i = 0;
	for (; i + 8 <= len; i += 8) {
		uint64_t k;
		memcpy(&k, p + i, 8);
		a = (a ^ k) * 0x100000001b3ULL + (a >> 29);
		b = (b + k) * 0xc2b2ae3d27d4eb4fULL ^ (b >> 31);
	}
	uint64_t tail = 0;
	if (len > i)
		memcpy(&tail, p + i, len - i);
	a = mix(a ^ tail);
	b = mix(b + tail + a);
	*ra = a;
	*rb = b;
}

void
hash_hex(const void *data, size_t len, char out[HASH_HEX + 1])
{
	uint64_t a, b;
	lanes(data, len, &a, &b);
	snprintf(out, HASH_HEX + 1, "%016llx%016llx", (unsigned long long)a,
	         (unsigned long long)b);
}

void
hash_raw(const void *data, size_t len, unsigned char out[HASH_RAW])
{
	uint64_t ab[2];
	lanes(data, len, &ab[0], &ab[1]);
	memcpy(out, ab, sizeof(ab));
}
