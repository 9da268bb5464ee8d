#include "value.h"

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* 16 bytes: a key's position is kept only by a placed map (below). */
struct entry {
	const char *key;
	value *val;
};

/* Maps of at least this many entries also keep an open-addressing index
 * (idx, icap a power of two, at most 3/4 full): templates look names up
 * through a stack of views of 30 to 60 entries, and a linear scan of
 * those was a quarter of the build's time.  Smaller maps are scanned. */
#define MAP_INDEX_MIN 16

/*
 * A slot of the index, 4 bytes: 0 when free, else the entry's number + 1
 * in the bits below icap (the number is below icap), and above them the
 * key hash's own high bits, which the slot's place does not tell (it
 * comes from the low bits): most keys that are not the one looked for
 * are told apart without reading their text, as with a whole hash.
 */
typedef uint32_t slot;

/*
 * 32 bytes: a site model holds about 170 values a page, most of them
 * computed (views) and without a position.  kind is a value_kind; icap
 * is the size of a map's index.  A value read from a file is "placed":
 * its struct place follows it in the same allocation (16 bytes, 24 for a
 * map, whose key positions are an array beside its entries), so only
 * values that have a position pay for one.
 */
struct value {
	uint8_t kind;
	bool plain, placed, keyed; /* keyed: a map keeping kpos */
	uint32_t icap;
	union {
		bool b;
		double num;
		struct {
			const char *s;
			size_t len;
		} str;
		struct {
			value **items;
			uint32_t n, cap;
		} list;
		struct {
			struct entry *e;
			slot *idx;
			uint32_t n, cap;
		} map;
	} u;
};
_Static_assert(sizeof(struct value) == 32, "a value takes 32 bytes");

struct place {
	const char *file;
	uint32_t line, col;
	value_pos *kpos; /* a map's only: one per entry, cap of them */
};

static struct place *
place_of(const value *v)
{
	return (struct place *)(void *)((char *)(uintptr_t)v + sizeof(*v));
}

/* Bytes of a placed value with its place: a map's holds kpos. */
static size_t
placed_size(const value *v)
{
	return sizeof(*v) + (v->kind == VALUE_MAP
	                         ? sizeof(struct place)
	                         : offsetof(struct place, kpos));
}

static value *
value_new(arena *a, value_kind k)
{
	value *v = arena_zalloc(a, sizeof(*v));
	v->kind = (uint8_t)k;
	return v;
}

value *
value_null(arena *a)
{
	return value_new(a, VALUE_NULL);
}

value *
value_bool(arena *a, bool b)
{
	value *v = value_new(a, VALUE_BOOL);
	v->u.b = b;
	return v;
}

value *
value_number(arena *a, double n)
{
	value *v = value_new(a, VALUE_NUMBER);
	v->u.num = n;
	return v;
}

value *
value_string_ref(const char *s, size_t len, arena *a)
{
	value *v = value_new(a, VALUE_STRING);
	v->u.str.s = s;
	v->u.str.len = len;
	return v;
}

value *
value_stringn(arena *a, const char *s, size_t len)
{
	return value_string_ref(arena_strndup(a, s, len), len, a);
}

value *
value_string(arena *a, const char *s)
{
	return value_stringn(a, s, strlen(s));
}

value *
value_list(arena *a)
{
	return value_new(a, VALUE_LIST);
}
value *
value_map(arena *a)
{
	return value_new(a, VALUE_MAP);
}

value_kind
value_kind_of(const value *v)
{
	return v != NULL ? (value_kind)v->kind : VALUE_NULL;
}

const char *
value_kind_name(value_kind k)
{
	static const char *names[] = {"null", "boolean", "number",
	                              "text", "list",    "map"};
	return names[k];
}

value_pos
value_where(const value *v)
{
	value_pos pos = {NULL, 0, 0};
	if (v != NULL && v->placed) {
		const struct place *pl = place_of(v);
		pos.file = pl->file;
		pos.line = pl->line;
		pos.col = pl->col;
	}
	return pos;
}

/* A value is placed when it is made (the loaders place each value as
 * they make it): growing it then is in place, as it is the arena's last
 * allocation; else it moves, and the caller must use what is returned. */
value *
value_set_pos(arena *a, value *v, const char *file, unsigned line, unsigned col)
{
	if (!v->placed) {
		if (file == NULL && line == 0 && col == 0)
			return v;
		size_t size = placed_size(v);
		v = arena_grow(a, v, sizeof(*v), size);
		memset((char *)v + sizeof(*v), 0, size - sizeof(*v));
		v->placed = true;
		v->keyed = v->kind == VALUE_MAP;
		if (v->keyed && v->u.map.cap > 0) {
			value_pos *kp =
			    arena_zalloc(a, v->u.map.cap * sizeof(value_pos));
			for (uint32_t i = 0; i < v->u.map.n; i++)
				kp[i] = value_where(v->u.map.e[i].val);
			place_of(v)->kpos = kp;
		}
	}
	struct place *pl = place_of(v);
	pl->file = file;
	pl->line = line;
	pl->col = col;
	return v;
}

bool
value_is_plain(const value *v)
{
	return v != NULL && v->plain;
}
void
value_set_plain(value *v, bool plain)
{
	v->plain = plain;
}

bool
value_get_bool(const value *v)
{
	return v != NULL && v->kind == VALUE_BOOL && v->u.b;
}

double
value_get_number(const value *v)
{
	return v != NULL && v->kind == VALUE_NUMBER ? v->u.num : 0.0;
}

bool
value_to_number(const value *v, double *out)
{
	if (v != NULL && v->kind == VALUE_NUMBER) {
		*out = v->u.num;
		return true;
	}
	const char *s = value_get_string(v);
	char *end;
	if (s == NULL || *s == '\0')
		return false;
	*out = strtod(s, &end);
	return *end == '\0';
}

const char *
value_get_string(const value *v)
{
	return v != NULL && v->kind == VALUE_STRING ? v->u.str.s : NULL;
}

size_t
value_string_len(const value *v)
{
	return v != NULL && v->kind == VALUE_STRING ? v->u.str.len : 0;
}

size_t
value_len(const value *v)
{
	if (v == NULL)
		return 0;
	if (v->kind == VALUE_LIST)
		return v->u.list.n;
	if (v->kind == VALUE_MAP)
		return v->u.map.n;
	return 0;
}

value *
value_at(const value *l, size_t i)
{
	if (l == NULL || l->kind != VALUE_LIST || i >= l->u.list.n)
		return NULL;
	return l->u.list.items[i];
}

/* Doubling keeps the total copied linear in the final size; the arena
 * grows the array in place when it can, and reuses the arrays left
 * behind for other lists and maps. */
static void *
grow(arena *a, void *old, size_t *cap, size_t n, size_t elem)
{
	if (n < *cap)
		return old;
	size_t ncap = *cap ? *cap * 2 : 4;
	void *p = arena_grow(a, old, *cap * elem, ncap * elem);
	*cap = ncap;
	return p;
}

void
value_push(arena *a, value *l, value *item)
{
	if (l == NULL || l->kind != VALUE_LIST)
		return;
	size_t cap = l->u.list.cap;
	l->u.list.items =
	    grow(a, l->u.list.items, &cap, l->u.list.n, sizeof(value *));
	l->u.list.cap = (uint32_t)cap;
	l->u.list.items[l->u.list.n++] = item;
}

uint32_t
value_key_hash(const char *key)
{
	uint32_t h = 2166136261u; /* FNV-1a: short keys, no adversary */
	for (const unsigned char *p = (const unsigned char *)key; *p; p++)
		h = (h ^ *p) * 16777619u;
	return h;
}

static struct entry *
find_hashed(const value *m, const char *key, uint32_t h)
{
	if (m == NULL || m->kind != VALUE_MAP)
		return NULL;
	struct entry *e = m->u.map.e;
	if (m->u.map.idx == NULL) {
		for (uint32_t i = 0; i < m->u.map.n; i++)
			if (e[i].key[0] == key[0] && strcmp(e[i].key, key) == 0)
				return &e[i];
		return NULL;
	}
	uint32_t mask = m->icap - 1, high = h & ~mask;
	const slot *sl = m->u.map.idx;
	for (uint32_t i = h & mask; sl[i] != 0; i = (i + 1) & mask)
		if ((sl[i] & ~mask) == high &&
		    strcmp(e[(sl[i] & mask) - 1].key, key) == 0)
			return &e[(sl[i] & mask) - 1];
	return NULL;
}

static void
index_put(value *m, uint32_t i, uint32_t h)
{
	uint32_t mask = m->icap - 1;
	uint32_t s = h & mask;
	while (m->u.map.idx[s] != 0)
		s = (s + 1) & mask;
	m->u.map.idx[s] = (h & ~mask) | (i + 1);
}

/* (Re)builds the index, room for twice the entries, or for want entries
 * when more are known to come (value_copy_map()), at most 3/4 full.
 * Called only while the map is built, never while templates read it, so
 * worker threads sharing the site model never see it change. */
static void
index_build(arena *a, value *m, size_t want)
{
	uint32_t icap = 32;
	while (icap * 3 < m->u.map.n * 2 * 4 || icap * 3 < want * 4)
		icap *= 2;
	arena_give_back(a, m->u.map.idx, m->icap * sizeof(slot));
	m->u.map.idx = arena_grow(a, NULL, 0, icap * sizeof(slot));
	memset(m->u.map.idx, 0, icap * sizeof(slot));
	m->icap = icap;
	for (uint32_t i = 0; i < m->u.map.n; i++)
		index_put(m, i, value_key_hash(m->u.map.e[i].key));
}

/* "0", "12": a list index, so templates can test {{#photos.0}}. */
static bool
index_of(const char *key, size_t *out)
{
	size_t n = 0;
	if (*key == '\0' || strlen(key) > 9)
		return false;
	for (const char *p = key; *p; p++) {
		if (*p < '0' || *p > '9')
			return false;
		n = n * 10 + (size_t)(*p - '0');
	}
	*out = n;
	return true;
}

value *
value_get(const value *m, const char *key)
{
	return value_get_hashed(m, key, value_key_hash(key));
}

value *
value_get_hashed(const value *m, const char *key, uint32_t hash)
{
	size_t idx;
	if (value_kind_of(m) == VALUE_LIST && index_of(key, &idx))
		return value_at(m, idx);
	struct entry *e = find_hashed(m, key, hash);
	return e != NULL ? e->val : NULL;
}

/* Templates look most names up through a stack of views (a list page's
 * card: the item, its group, the page, the context): one call walks it,
 * with the map probes inlined, where a call per level cost more than the
 * probes themselves. */
value *
value_get_first(const value *const *stk, size_t n, const char *key,
                uint32_t hash)
{
	for (size_t i = n; i-- > 0;) {
		const value *m = stk[i];
		value *v = NULL;
		if (m == NULL)
			continue;
		if (m->kind == VALUE_MAP) {
			struct entry *e = find_hashed(m, key, hash);
			v = e != NULL ? e->val : NULL;
		} else if (m->kind == VALUE_LIST) {
			v = value_get_hashed(m, key, hash);
		}
		if (v != NULL)
			return v;
	}
	return NULL;
}

/* Views (30 to 60 entries) are prefetched whole; a bigger map would cost
 * more hints than the lookups they speed up. */
#define PREFETCH_MAX 64

/*
 * A hint only (reads, writes nothing): each step touches what the step
 * before loaded, so a caller issues the steps for different items, a few
 * items apart, and each load has arrived when the next step reads it.
 */
void
value_prefetch(const value *v, unsigned step)
{
	if (v == NULL || step > 3)
		return;
	if (step == 0) {
		__builtin_prefetch(v);
		return;
	}
	if (v->kind != VALUE_MAP || v->u.map.n > PREFETCH_MAX)
		return;
	const struct entry *e = v->u.map.e;
	uint32_t n = v->u.map.n;
	if (step == 1) {
		const char *p = (const char *)e,
		           *ix = (const char *)v->u.map.idx;
		for (size_t o = 0; o < n * sizeof(*e); o += 64)
			__builtin_prefetch(p + o);
		for (size_t o = 0; ix && o < v->icap * sizeof(slot); o += 64)
			__builtin_prefetch(ix + o);
		return;
	}
	for (uint32_t i = 0; i < n; i++) {
		const value *x = e[i].val;
		if (step == 2)
			__builtin_prefetch(x);
		else if (x != NULL && x->kind == VALUE_STRING)
			__builtin_prefetch(x->u.str.s);
		else if (x != NULL && x->kind == VALUE_MAP)
			__builtin_prefetch(x->u.map.e);
	}
}

void
value_set(arena *a, value *m, const char *key, value *v)
{
	if (m == NULL || m->kind != VALUE_MAP)
		return;
	uint32_t h = value_key_hash(key);
	struct entry *e = find_hashed(m, key, h);
	if (e != NULL) {
		e->val = v;
		return;
	}
	size_t cap = m->u.map.cap;
	m->u.map.e =
	    grow(a, m->u.map.e, &cap, m->u.map.n, sizeof(struct entry));
	if (m->keyed) {
		struct place *pl = place_of(m);
		size_t kcap = m->u.map.cap;
		pl->kpos =
		    grow(a, pl->kpos, &kcap, m->u.map.n, sizeof(value_pos));
		pl->kpos[m->u.map.n] = value_where(v);
	}
	m->u.map.cap = (uint32_t)cap;
	e = &m->u.map.e[m->u.map.n++];
	e->key = key;
	e->val = v;
	if (m->u.map.idx != NULL && m->u.map.n * 4 <= m->icap * 3)
		index_put(m, m->u.map.n - 1, h);
	else if (m->u.map.n >= MAP_INDEX_MIN)
		index_build(a, m, 0);
}

void
value_map_fit(arena *a, value *m)
{
	if (m == NULL || m->kind != VALUE_MAP || m->u.map.cap <= m->u.map.n)
		return;
	uint32_t n = m->u.map.n, cap = m->u.map.cap;
	struct entry *e = arena_alloc(a, (n > 0 ? n : 1) * sizeof(*e));
	if (n > 0)
		memcpy(e, m->u.map.e, n * sizeof(*e));
	arena_give_back(a, m->u.map.e, cap * sizeof(*e));
	m->u.map.e = e;
	if (m->keyed) {
		struct place *pl = place_of(m);
		value_pos *k = arena_alloc(a, (n > 0 ? n : 1) * sizeof(*k));
		if (n > 0)
			memcpy(k, pl->kpos, n * sizeof(*k));
		arena_give_back(a, pl->kpos, cap * sizeof(*k));
		pl->kpos = k;
	}
	m->u.map.cap = n;
}

value *
value_copy_map(arena *a, const value *m, size_t extra)
{
	value *v = value_map(a);
	if (m == NULL || m->kind != VALUE_MAP)
		return v;
	if (m->placed) {
		const struct place *src = place_of(m);
		v = value_set_pos(a, v, src->file, src->line, src->col);
		v->keyed = false; /* a view: no message points at its keys */
	}
	/* the source's keys are unique already: no lookup, and the entries
	 * are sized once, not grown by doubling */
	uint32_t n = m->u.map.n;
	v->u.map.cap = n + (uint32_t)extra;
	v->u.map.e = arena_alloc(a, (n + extra + 1) * sizeof(struct entry));
	if (n > 0)
		memcpy(v->u.map.e, m->u.map.e, n * sizeof(struct entry));
	v->u.map.n = n;
	/* sized for the entries to come: a workshop's view (12 to 20
	 * entries copied, 42 to come) had its index made for 16 or 20, then
	 * again for 49 (256 slots, the first given back), where 128 hold
	 * the 60.  A small map told of a few more (a term's copy, 16 to
	 * come) keeps none until it has MAP_INDEX_MIN entries. */
	if (n >= MAP_INDEX_MIN || n + extra >= 2 * MAP_INDEX_MIN)
		index_build(a, v, n + extra);
	return v;
}

const char *
value_key_at(const value *m, size_t i)
{
	if (m == NULL || m->kind != VALUE_MAP || i >= m->u.map.n)
		return NULL;
	return m->u.map.e[i].key;
}

value *
value_val_at(const value *m, size_t i)
{
	if (m == NULL || m->kind != VALUE_MAP || i >= m->u.map.n)
		return NULL;
	return m->u.map.e[i].val;
}

value_pos
value_key_pos(const value *m, size_t i)
{
	value_pos none = {NULL, 0, 0};
	if (m == NULL || m->kind != VALUE_MAP || i >= m->u.map.n)
		return none;
	if (!m->keyed)
		return value_where(m->u.map.e[i].val);
	return place_of(m)->kpos[i];
}

void
value_set_key_pos(value *m, size_t i, value_pos pos)
{
	if (m != NULL && m->kind == VALUE_MAP && m->keyed && i < m->u.map.n)
		place_of(m)->kpos[i] = pos;
}

void
value_set_str(arena *a, value *m, const char *key, const char *s)
{
	if (s != NULL)
		value_set(a, m, key, value_string(a, s));
}

void
value_set_int(arena *a, value *m, const char *key, long n)
{
	value_set(a, m, key, value_number(a, (double)n));
}

void
value_set_bool(arena *a, value *m, const char *key, bool b)
{
	value_set(a, m, key, value_bool(a, b));
}

value *
value_path(const value *v, const char *dotted)
{
	char part[256];
	const char *p = dotted;
	value *cur = (value *)v;
	while (cur != NULL && *p != '\0') {
		const char *dot = strchr(p, '.');
		size_t n = dot ? (size_t)(dot - p) : strlen(p);
		if (n >= sizeof(part))
			return NULL;
		memcpy(part, p, n);
		part[n] = '\0';
		cur = value_get(cur, part);
		p += n + (dot ? 1 : 0);
	}
	return cur;
}

bool
value_truthy(const value *v)
{
	switch (value_kind_of(v)) {
	case VALUE_NULL: return false;
	case VALUE_BOOL: return v->u.b;
	case VALUE_NUMBER: return true;
	case VALUE_STRING: return v->u.str.len > 0;
	case VALUE_LIST: return v->u.list.n > 0;
	case VALUE_MAP: return true;
	}
	return false;
}

static bool
is_core_number(const char *s, double *out)
{
	char *end;
	if (*s == '\0' || strchr("+-.0123456789", *s) == NULL)
		return false;
	double d = strtod(s, &end);
	if (*end != '\0' || end == s)
		return false;
	*out = d;
	return true;
}

void
value_resolve_core(value *v)
{
	if (v == NULL)
		return;
	if (v->kind == VALUE_LIST) {
		for (size_t i = 0; i < v->u.list.n; i++)
			value_resolve_core(v->u.list.items[i]);
		return;
	}
	if (v->kind == VALUE_MAP) {
		for (size_t i = 0; i < v->u.map.n; i++)
			value_resolve_core(v->u.map.e[i].val);
		return;
	}
	if (v->kind != VALUE_STRING || !v->plain)
		return;
	const char *s = v->u.str.s;
	double d;
	if (strcmp(s, "null") == 0 || strcmp(s, "~") == 0 || *s == '\0')
		v->kind = VALUE_NULL;
	else if (strcmp(s, "true") == 0)
		v->kind = VALUE_BOOL, v->u.b = true;
	else if (strcmp(s, "false") == 0)
		v->kind = VALUE_BOOL, v->u.b = false;
	else if (is_core_number(s, &d))
		v->kind = VALUE_NUMBER, v->u.num = d;
}

void
value_format_number(double n, char *out, size_t outsz)
{
	if (isfinite(n) && fabs(n) < 1e15 && n == (double)(long long)n) {
		snprintf(out, outsz, "%lld", (long long)n);
		return;
	}
	for (int prec = 1; prec <= 17; prec++) {
		snprintf(out, outsz, "%.*g", prec, n);
		if (strtod(out, NULL) == n)
			return;
	}
}
