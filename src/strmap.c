#include "strmap.h"

#include <stdint.h>
#include <string.h>

struct slot {
	const char *key;
	void *val;
	uint32_t hash;
};

struct strmap {
	arena *a;
	struct slot *slots;
	size_t cap, len; /* cap is a power of two */
};

/* FNV-1a: short keys, no adversary worth a keyed hash here. */
static uint32_t
hash(const char *s)
{
	uint32_t h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

strmap *
strmap_new(arena *a)
{
	strmap *m = arena_zalloc(a, sizeof(*m));
	m->a = a;
	m->cap = 64;
	m->slots = arena_zalloc(a, m->cap * sizeof(*m->slots));
	return m;
}

static struct slot *
probe(const strmap *m, const char *key, uint32_t h)
{
	size_t i = h & (m->cap - 1);
	while (m->slots[i].key != NULL &&
	       (m->slots[i].hash != h || strcmp(m->slots[i].key, key) != 0))
		i = (i + 1) & (m->cap - 1);
	return &m->slots[i];
}

static void
rehash_to(strmap *m, size_t cap)
{
	struct slot *old = m->slots;
	size_t oldcap = m->cap;
	m->cap = cap;
	m->slots = arena_zalloc(m->a, m->cap * sizeof(*m->slots));
	for (size_t i = 0; i < oldcap; i++)
		if (old[i].key != NULL)
			*probe(m, old[i].key, old[i].hash) = old[i];
	/* a large table outgrown is freed (arena_give_back()) */
	arena_give_back(m->a, old, oldcap * sizeof(*old));
}

void *
strmap_put(strmap *m, const char *key, void *val)
{
	if ((m->len + 1) * 4 > m->cap * 3)
		rehash_to(m, m->cap * 2);
	uint32_t h = hash(key);
	struct slot *s = probe(m, key, h);
	void *prev = s->val;
	if (s->key == NULL) {
		s->key = key;
		s->hash = h;
		m->len++;
	}
	s->val = val;
	return prev;
}

void
strmap_reserve(strmap *m, size_t n)
{
	size_t cap = m->cap;
	while ((n + 1) * 4 > cap * 3)
		cap *= 2;
	if (cap > m->cap)
		rehash_to(m, cap);
}

void *
strmap_get(const strmap *m, const char *key)
{
	struct slot *s = probe(m, key, hash(key));
	return s->key != NULL ? s->val : NULL;
}

size_t
strmap_len(const strmap *m)
{
	return m->len;
}
