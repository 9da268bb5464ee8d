/*
 * viewhash.c - digests of value graphs to a depth (viewhash.h).
 *
 * A container's digest at depth d is the hash of its kind, size, keys,
 * scalars and its containers' digests at depth d - 1; the recursion ends
 * at depth 0, so cycles need no care and the stack stays as shallow as
 * the depth.  A container's keys and scalars are hashed once (own_part()),
 * whatever the depth.  Digests are remembered per container and depth; a
 * container whose whole content lies within the depth asked (no cycle,
 * no cut) has one digest for every depth from its height on, remembered
 * once: most of a page's values (tags, dates, photos) are such.  Each
 * depth's digest of a container visits only the entries own_part() found
 * to be containers a template may read.
 */
#include "viewhash.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "hash.h"
#include "xalloc.h"

/* A slot's depth, 16 bits: a depth asked (viewhash_value()'s, DEEP and
 * deeper all read as DEEP: no end), or'ed with CUTTING in a cut digest's
 * memo, or one of the kinds of slots at the top. */
#define WHOLE 0xffffu     /* a depth: the digest holds everything */
#define OWN 0xfffeu       /* a depth: own_part() */
#define TEXT 0xfffdu      /* a depth: a long string's digest */
#define WHOLE_CUT 0xfffcu /* a depth: WHOLE, cutting, reaching a root */
#define CUTTING 0x4000u   /* a depth, or'ed: cutting */
#define DEEP 0x3fffu      /* a depth without end */
#define LONG_TEXT 48      /* strings longer are hashed once, by address */
#define CUT UINT32_MAX    /* a height: something was left out */
#define ROOTFREE                                                               \
	0x80000000u     /* a WHOLE slot's height, or'ed: no root of            \
	                 * viewhash_cut() within, so its cut digest is         \
	                 * the same */
#define KEYSETS 0xffffu /* keys sets a memo tells apart */

struct slot {
	const value *v; /* NULL: none */
	viewhash_digest d;
	uint32_t height; /* WHOLE slots: how deep the content goes (and
	                  * ROOTFREE); OWN slots: where its entries are in
	                  * kids */
	uint16_t depth;  /* or WHOLE, OWN... */
	uint16_t keys;   /* the keys read: their number in keysets, 0 for
	                  * all */
};

/*
 * The memo: its slots (32 bytes each) in chunks that never move, the
 * first of FIRST slots (a page's table of contents needs a few), the
 * others of CHUNK, and an open addressing index of slot numbers (4 bytes,
 * at most half full, the bits a slot number leaves holding a tag of its
 * key) over them.  A 10,000-page site's views need ~400,000 slots: an
 * open table of 40-byte slots took 40 MiB, 60 MiB while it doubled
 * (beside the render workers); chunks doubling in size 21 MiB; these
 * take 13 MiB and 4 MiB of index, and growing copies no slot.
 */
#define FIRST 64
#define CHUNK 4096

struct viewhash {
	struct slot **chunk; /* chunk[0]: FIRST slots, the others CHUNK */
	size_t nchunk, chunkcap;
	uint32_t n; /* slots used */
	/* slot number + 1 in the low sbits bits (below cap), and above
	 * them a tag: more bits of the key's hash, so that a probe meeting
	 * another key mostly says so without reading its slot (a cache
	 * miss); 0: free */
	uint32_t *idx;
	size_t cap;     /* of idx, a power of two */
	unsigned sbits; /* log2(cap) */
	/* the sets of keys digests were asked for (keysets[0] NULL: all),
	 * so that a slot names its set in 2 bytes; the digest being made
	 * reads keysets[keys] */
	const strmap **keysets;
	size_t nkeysets, keysetcap;
	uint16_t keys;
	/* for each own_part() slot (its height is the offset here): how
	 * many entries of its container are containers a template may
	 * read, then their indices, so that each depth's digest visits
	 * only those, without looking at every entry and key again */
	uint32_t *kids;
	size_t nkids, kidscap;
	/* viewhash_cut(): the roots a digest names instead of entering
	 * (open addressing by address, their numbers beside), or none */
	const value **cut;
	uint32_t *cutno;
	size_t cutcap;
	bool cutting; /* viewhash_value_cut() */
};

static const struct slot none; /* what find() gives for no slot */

viewhash *
viewhash_new(void)
{
	viewhash *vh = xcalloc(1, sizeof(*vh));
	/* small: each page's table of contents gets its own (render.c),
	 * and 4,096 slots cleared for each cost more than its digest */
	vh->cap = 2 * FIRST;
	vh->sbits = 7; /* 2 * FIRST */
	vh->idx = xcalloc(vh->cap, sizeof(*vh->idx));
	vh->keysetcap = 4;
	vh->keysets = xcalloc(vh->keysetcap, sizeof(*vh->keysets));
	vh->nkeysets = 1; /* keysets[0]: NULL, all keys */
	return vh;
}

/* Forgets every digest remembered (a memo only spares work). */
static void
forget(viewhash *vh)
{
	for (size_t c = 0; c < vh->nchunk; c++)
		free(vh->chunk[c]);
	vh->nchunk = 0;
	vh->n = 0;
	vh->nkids = 0;
	memset(vh->idx, 0, vh->cap * sizeof(*vh->idx));
}

void
viewhash_free(viewhash *vh)
{
	if (vh == NULL)
		return;
	forget(vh);
	free(vh->chunk);
	free(vh->idx);
	free(vh->keysets);
	free(vh->kids);
	free(vh->cut);
	free(vh->cutno);
	free(vh);
}

size_t
viewhash_slots(const viewhash *vh)
{
	return vh->n;
}

viewhash_digest
viewhash_bytes(const void *data, size_t len)
{
	viewhash_digest d = {{0}};
	hash_raw(data, len, d.b);
	return d;
}

/* Slot i: chunk 0 holds 0 to FIRST - 1, chunk c > 0 the CHUNK from
 * FIRST + (c - 1) * CHUNK. */
static struct slot *
slot_at(const viewhash *vh, uint32_t i)
{
	if (i < FIRST)
		return &vh->chunk[0][i];
	return &vh->chunk[1 + (i - FIRST) / CHUNK][(i - FIRST) % CHUNK];
}

static uint64_t
key_hash(const value *v, uint32_t depth, uint32_t k)
{
	uint64_t h = (uint64_t)(uintptr_t)v ^ ((uint64_t)depth << 48) ^
	             ((uint64_t)k << 32) * 31;
	h ^= h >> 29;
	h *= 0x9e3779b97f4a7c15ULL;
	h ^= h >> 32;
	return h;
}

/* The tag of hash h in an index entry: its top bits, as many as the
 * slot number leaves (none past 2^31 slots). */
static uint32_t
tag_of(const viewhash *vh, uint64_t h)
{
	unsigned tbits = vh->sbits < 32 ? 32 - vh->sbits : 0;
	return tbits == 0 ? 0 : (uint32_t)(h >> (64 - tbits)) << vh->sbits;
}

/* The index entry of (v, depth, keys), or the free one where it goes;
 * *tag: the tag its entry has or gets. */
static size_t
find_at(const viewhash *vh, const value *v, uint32_t depth, uint32_t k,
        uint32_t *tag)
{
	uint64_t h = key_hash(v, depth, k);
	uint32_t t = tag_of(vh, h);
	uint32_t mask = vh->sbits < 32 ? (1u << vh->sbits) - 1 : UINT32_MAX;
	size_t j = (size_t)h & (vh->cap - 1);
	*tag = t;
	for (;;) {
		uint32_t e = vh->idx[j];
		if (e == 0)
			return j;
		if ((e & ~mask) == t) {
			const struct slot *s = slot_at(vh, (e & mask) - 1);
			if (s->v == v && s->depth == depth && s->keys == k)
				return j;
		}
		j = (j + 1) & (vh->cap - 1);
	}
}

/* The slot number of index entry e. */
static uint32_t
slot_no(const viewhash *vh, uint32_t e)
{
	uint32_t mask = vh->sbits < 32 ? (1u << vh->sbits) - 1 : UINT32_MAX;
	return (e & mask) - 1;
}

/* The slot of (v, depth) for the keys being read, or one whose v is
 * NULL. */
static const struct slot *
find(const viewhash *vh, const value *v, uint32_t depth)
{
	uint32_t t;
	size_t j = find_at(vh, v, depth, vh->keys, &t);
	return vh->idx[j] != 0 ? slot_at(vh, slot_no(vh, vh->idx[j])) : &none;
}

/* A new slot, its chunk allocated when it is the first of it. */
static struct slot *
new_slot(viewhash *vh)
{
	uint32_t i = vh->n++;
	if (i == 0 || (i >= FIRST && (i - FIRST) % CHUNK == 0)) {
		if (vh->nchunk == vh->chunkcap) {
			vh->chunkcap = vh->chunkcap ? 2 * vh->chunkcap : 8;
			vh->chunk = xrealloc(vh->chunk,
			                     vh->chunkcap * sizeof(*vh->chunk));
		}
		vh->chunk[vh->nchunk++] =
		    xmalloc((i == 0 ? FIRST : CHUNK) * sizeof(struct slot));
	}
	return slot_at(vh, i);
}

static void
remember(viewhash *vh, const value *v, uint32_t depth, uint32_t height,
         viewhash_digest d)
{
	uint32_t t;
	if (2 * ((size_t)vh->n + 1) > vh->cap) {
		free(vh->idx);
		vh->cap *= 2;
		vh->sbits++;
		vh->idx = xcalloc(vh->cap, sizeof(*vh->idx));
		for (uint32_t i = 0; i < vh->n; i++) {
			const struct slot *s = slot_at(vh, i);
			size_t j = find_at(vh, s->v, s->depth, s->keys, &t);
			vh->idx[j] = t | (i + 1);
		}
	}
	/* a container met again inside its own digest may be there */
	size_t j = find_at(vh, v, depth, vh->keys, &t);
	struct slot *s = vh->idx[j] != 0 ? slot_at(vh, slot_no(vh, vh->idx[j]))
	                                 : new_slot(vh);
	*s = (struct slot){v, d, height, (uint16_t)depth, vh->keys};
	if (vh->idx[j] == 0)
		vh->idx[j] = t | vh->n;
}

static bool
container(const value *v)
{
	value_kind k = value_kind_of(v);
	return k == VALUE_LIST || k == VALUE_MAP;
}

static void
put_len(buf *b, size_t n)
{
	uint64_t u = n;
	buf_put(b, &u, sizeof(u));
}

static void
put_scalar(viewhash *vh, buf *b, const value *v)
{
	value_kind k = value_kind_of(v);
	buf_putc(b, (int)k);
	buf_putc(b, v != NULL && value_is_plain(v));
	if (k == VALUE_BOOL) {
		buf_putc(b, value_get_bool(v));
	} else if (k == VALUE_NUMBER) {
		double n = value_get_number(v);
		buf_put(b, &n, sizeof(n));
	} else if (k == VALUE_STRING && value_string_len(v) > LONG_TEXT) {
		/* a summary or a page's HTML, reached from many pages and
		 * layouts: hashed once */
		uint16_t keys = vh->keys;
		vh->keys = 0; /* whatever the keys read */
		const struct slot *s = find(vh, v, TEXT);
		viewhash_digest d = s->d;
		if (s->v == NULL) {
			d = viewhash_bytes(value_get_string(v),
			                   value_string_len(v));
			remember(vh, v, TEXT, 0, d);
		}
		vh->keys = keys;
		put_len(b, value_string_len(v));
		buf_put(b, d.b, VIEWHASH_LEN);
	} else if (k == VALUE_STRING) {
		put_len(b, value_string_len(v));
		buf_put(b, value_get_string(v), value_string_len(v));
	}
}

/* Entry i of map v is one a template may read. */
static bool
wanted(const viewhash *vh, const value *v, size_t i)
{
	const strmap *keys = vh->keysets[vh->keys];
	return keys == NULL || value_kind_of(v) != VALUE_MAP ||
	       strmap_get(keys, value_key_at(v, i)) != NULL;
}

static viewhash_digest digest(viewhash *vh, const value *v, uint32_t depth,
                              uint32_t *height, bool *rootfree);

static void
kid_push(viewhash *vh, uint32_t x)
{
	if (vh->nkids == vh->kidscap) {
		vh->kidscap = vh->kidscap ? 2 * vh->kidscap : 64;
		vh->kids = xrealloc(vh->kids, vh->kidscap * sizeof(*vh->kids));
	}
	vh->kids[vh->nkids++] = x;
}

/* The part of container v the same at every depth from 1: its keys and
 * scalars, with a mark where a container sits.  Remembered, with the
 * indices of the containers read (*kids: their count, then them, in
 * vh->kids). */
static viewhash_digest
own_part(viewhash *vh, const value *v, const uint32_t **kids)
{
	const struct slot *s = find(vh, v, OWN);
	if (s->v != NULL) {
		*kids = vh->kids + s->height;
		return s->d;
	}
	bool map = value_kind_of(v) == VALUE_MAP;
	size_t at = vh->nkids;
	kid_push(vh, 0);
	buf b = BUF_INIT;
	for (size_t i = 0; i < value_len(v); i++) {
		if (!wanted(vh, v, i))
			continue;
		if (map) {
			const char *key = value_key_at(v, i);
			put_len(&b, strlen(key));
			buf_puts(&b, key);
		}
		const value *c = map ? value_val_at(v, i) : value_at(v, i);
		if (container(c)) {
			buf_putc(&b, 'C');
			kid_push(vh, (uint32_t)i);
			vh->kids[at]++;
		} else {
			put_scalar(vh, &b, c);
		}
	}
	viewhash_digest d = viewhash_bytes(b.data, b.len);
	buf_free(&b);
	remember(vh, v, OWN, (uint32_t)at, d);
	*kids = vh->kids + at;
	return d;
}

static size_t
cut_slot(const viewhash *vh, const value *v)
{
	uint64_t h = (uint64_t)(uintptr_t)v * 0x9e3779b97f4a7c15ULL;
	size_t j = (size_t)(h >> 32) & (vh->cutcap - 1);
	while (vh->cut[j] != NULL && vh->cut[j] != v)
		j = (j + 1) & (vh->cutcap - 1);
	return j;
}

void
viewhash_cut(viewhash *vh, const value *const *roots, size_t n)
{
	/* digests remembered before knew no root: none reaches one */
	forget(vh);
	free(vh->cut);
	free(vh->cutno);
	vh->cutcap = 16;
	while (vh->cutcap < 2 * n + 2)
		vh->cutcap *= 2;
	vh->cut = xcalloc(vh->cutcap, sizeof(*vh->cut));
	vh->cutno = xcalloc(vh->cutcap, sizeof(*vh->cutno));
	for (size_t i = 0; i < n; i++) {
		if (roots[i] == NULL)
			continue;
		size_t j = cut_slot(vh, roots[i]);
		vh->cut[j] = roots[i];
		vh->cutno[j] = (uint32_t)i;
	}
}

/* Writes root number no of viewhash_cut() in place of its digest: its
 * number, the same at every depth. */
static void
put_cut(buf *b, uint32_t no)
{
	buf_putc(b, 'R');
	buf_put(b, &no, sizeof(no));
}

/* Whether slot s, remembered WHOLE (or WHOLE_CUT), holds the digest at
 * depth. */
static bool
reaches(const struct slot *s, uint32_t depth)
{
	return depth == DEEP || (s->height & ~ROOTFREE) <= depth;
}

/* Writes container v at depth into b; its height, or CUT.  *rootfree:
 * no root of viewhash_cut() within it, so that its digest and its cut
 * digest are the same (one slot for both). */
static uint32_t
put_container(viewhash *vh, buf *b, const value *v, uint32_t depth,
              bool *rootfree)
{
	bool map = value_kind_of(v) == VALUE_MAP;
	size_t n = value_len(v);
	buf_putc(b, map ? 'M' : 'L');
	buf_putc(b, value_is_plain(v));
	put_len(b, n);
	*rootfree = true;
	if (n == 0)
		return 0;
	if (depth == 0)
		return CUT;
	const uint32_t *kids;
	viewhash_digest own = own_part(vh, v, &kids);
	buf_put(b, own.b, VIEWHASH_LEN);
	uint32_t h = 1, below = depth == DEEP ? DEEP : depth - 1;
	/* kids may move as the digests below add their own: copied out */
	size_t nk = kids[0], off = (size_t)(kids - vh->kids) + 1;
	for (size_t k = 0; k < nk; k++) {
		size_t i = vh->kids[off + k];
		const value *c = map ? value_val_at(v, i) : value_at(v, i);
		uint32_t ch;
		bool rf;
		put_len(b, i);
		if (vh->cut != NULL) {
			size_t j = cut_slot(vh, c);
			*rootfree = *rootfree && vh->cut[j] != c;
			if (vh->cutting && vh->cut[j] == c) {
				put_cut(b, vh->cutno[j]);
				continue;
			}
		}
		viewhash_digest d = digest(vh, c, below, &ch, &rf);
		buf_put(b, d.b, VIEWHASH_LEN);
		*rootfree = *rootfree && rf;
		if (ch == CUT || h == CUT)
			h = CUT;
		else if (ch + 1 > h)
			h = ch + 1;
	}
	return h;
}

/*
 * A digest's memo: cut digests (viewhash_value_cut()) apart from the
 * others when a root is within (WHOLE_CUT); a whole digest that reaches
 * none is both (ROOTFREE): at 10,000 pages, 100,000 of the 110,000 cut
 * digests of whole containers (tags, dates, places) were the same as
 * their plain ones.  The own parts and long texts are the same in both.
 * *rootfree as put_container()'s, false for a digest cut by the depth.
 */
static viewhash_digest
digest(viewhash *vh, const value *v, uint32_t depth, uint32_t *height,
       bool *rootfree)
{
	uint32_t at = vh->cutting ? depth | CUTTING : depth;
	const struct slot *s = find(vh, v, WHOLE);
	if (s->v != NULL && reaches(s, depth) &&
	    (!vh->cutting || (s->height & ROOTFREE) != 0)) {
		*height = s->height & ~ROOTFREE;
		*rootfree = (s->height & ROOTFREE) != 0;
		return s->d;
	}
	s = vh->cutting ? find(vh, v, WHOLE_CUT) : &none;
	if (s->v != NULL && reaches(s, depth)) {
		*height = s->height;
		*rootfree = false;
		return s->d;
	}
	s = find(vh, v, at);
	*rootfree = false;
	if (s->v != NULL) {
		*height = CUT;
		return s->d;
	}
	buf b = BUF_INIT;
	bool rf;
	uint32_t h = put_container(vh, &b, v, depth, &rf);
	viewhash_digest d = viewhash_bytes(b.data, b.len);
	buf_free(&b);
	if (h == CUT)
		remember(vh, v, at, h, d);
	else if (rf)
		remember(vh, v, WHOLE, h | ROOTFREE, d);
	else
		remember(vh, v, vh->cutting ? WHOLE_CUT : WHOLE, h, d);
	*height = h;
	*rootfree = rf && h != CUT;
	return d;
}

viewhash_digest
viewhash_value_cut(viewhash *vh, const value *v, unsigned depth,
                   const strmap *keys)
{
	vh->cutting = true;
	viewhash_digest d = viewhash_value(vh, v, depth, keys);
	vh->cutting = false;
	return d;
}

/* The number of a set of keys in vh->keysets, added when new; past
 * KEYSETS sets, the memo starts again (it only spares work). */
static uint16_t
keyset(viewhash *vh, const strmap *keys)
{
	if (keys == NULL)
		return 0;
	for (size_t i = 1; i < vh->nkeysets; i++)
		if (vh->keysets[i] == keys)
			return (uint16_t)i;
	if (vh->nkeysets > KEYSETS) {
		forget(vh);
		vh->nkeysets = 1;
	}
	if (vh->nkeysets == vh->keysetcap) {
		vh->keysetcap *= 2;
		vh->keysets =
		    xrealloc(vh->keysets, vh->keysetcap * sizeof(*vh->keysets));
	}
	vh->keysets[vh->nkeysets] = keys;
	return (uint16_t)vh->nkeysets++;
}

viewhash_digest
viewhash_value(viewhash *vh, const value *v, unsigned depth, const strmap *keys)
{
	vh->keys = keyset(vh, keys);
	if (container(v)) {
		uint32_t h;
		bool rf;
		return digest(vh, v, depth < DEEP ? depth : DEEP, &h, &rf);
	}
	buf b = BUF_INIT;
	put_scalar(vh, &b, v);
	viewhash_digest d = viewhash_bytes(b.data, b.len);
	buf_free(&b);
	return d;
}

/* v and all below it into b, as put_container() and put_scalar() write
 * them but every string whole and no memo; false past depth levels. */
static bool
put_tree(buf *b, const value *v, unsigned depth)
{
	if (!container(v)) {
		value_kind k = value_kind_of(v);
		if (k == VALUE_STRING) {
			buf_putc(b, (int)k);
			buf_putc(b, value_is_plain(v));
			put_len(b, value_string_len(v));
			buf_put(b, value_get_string(v), value_string_len(v));
			return true;
		}
		put_scalar(NULL, b, v); /* no long text: vh unused */
		return true;
	}
	if (depth == 0)
		return false;
	bool map = value_kind_of(v) == VALUE_MAP;
	size_t n = value_len(v);
	buf_putc(b, map ? 'M' : 'L');
	buf_putc(b, value_is_plain(v));
	put_len(b, n);
	for (size_t i = 0; i < n; i++) {
		if (map) {
			const char *key = value_key_at(v, i);
			put_len(b, strlen(key));
			buf_puts(b, key);
		}
		if (!put_tree(b, map ? value_val_at(v, i) : value_at(v, i),
		              depth - 1))
			return false;
	}
	return true;
}

viewhash_digest
viewhash_tree(const value *v)
{
	buf b = BUF_INIT;
	viewhash_digest d;
	if (put_tree(&b, v, 64)) {
		d = viewhash_bytes(b.data, b.len);
	} else {
		viewhash *vh = viewhash_new();
		d = viewhash_value(vh, v, UINT32_MAX, NULL);
		viewhash_free(vh);
	}
	buf_free(&b);
	return d;
}
