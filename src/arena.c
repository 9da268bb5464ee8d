/*
 * arena.c - the region allocator: chained blocks, freed in one call.
 */
#include "arena.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

/*
 * Blocks are chained; a request larger than the default block size gets a
 * block of its own so that large strings (a whole rendered page) do not
 * waste the tail of the current block.
 */
#define BLOCK_SIZE (64 * 1024)
/* _Alignof, not sizeof: max_align_t is 32 bytes on x86-64 but needs only
 * 16, and rounding every value and string up to 32 cost a site model a
 * quarter of its size. */
#define ALIGN (_Alignof(max_align_t))

struct block {
	struct block *next;
	size_t used, size;
	max_align_t data[];
};

/* Given-back chunks by size class: class c holds chunks of 1 << c bytes
 * (16 bytes to a quarter of a block), each chunk's first word pointing
 * to the next.  A site model's maps and lists grow by doubling, so
 * without reuse a quarter of the model was arrays left behind. */
#define CLASS_MIN 4
#define CLASS_MAX 14

struct arena {
	struct block *head;
	size_t total;
	void *spare[CLASS_MAX + 1];
};

arena *
arena_new(void)
{
	return xcalloc(1, sizeof(arena));
}

void
arena_free(arena *a)
{
	if (a == NULL)
		return;
	for (struct block *b = a->head, *next; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	free(a);
}

static struct block *
block_new(size_t size)
{
	struct block *b = xmalloc(sizeof(*b) + size);
	b->used = 0;
	b->size = size;
	b->next = NULL;
	return b;
}

/*
 * size bytes at a multiple of align (a power of two) from the current
 * block's free part: objects at ALIGN, strings at 1, so that a short
 * string takes its length and not a rounded-up 16 or 32 bytes.
 */
static void *
alloc_at(arena *a, size_t size, size_t align)
{
	if (size == 0)
		size = 1;
	a->total += size;
	struct block *b = a->head;
	if (b != NULL) {
		size_t off = (b->used + align - 1) & ~(align - 1);
		if (off <= b->size && b->size - off >= size) {
			b->used = off + size;
			return (char *)b->data + off;
		}
	}
	if (size > BLOCK_SIZE / 4) {
		/* Dedicated block, linked behind the current one so the
		 * current block's free tail stays usable. */
		struct block *big = block_new(size);
		big->used = size;
		if (b != NULL) {
			big->next = b->next;
			b->next = big;
		} else
			a->head = big;
		return big->data;
	}
	b = block_new(BLOCK_SIZE);
	b->next = a->head;
	a->head = b;
	b->used = size;
	return b->data;
}

void *
arena_alloc(arena *a, size_t size)
{
	return alloc_at(a, size, ALIGN);
}

void *
arena_zalloc(arena *a, size_t size)
{
	return memset(arena_alloc(a, size), 0, size);
}

char *
arena_strndup(arena *a, const char *s, size_t n)
{
	char *p = alloc_at(a, n + 1, 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
arena_strdup(arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

/* Pieces of a plain format (arena_format_plain()): text of fmt and the
 * strings of ap, in order; past PIECES, the format is not plain. */
#define PIECES 16
struct pieces {
	const char *s[PIECES];
	size_t len[PIECES];
	size_t n, total;
};

static bool
piece(struct pieces *p, const char *s, size_t len)
{
	if (len == 0)
		return true;
	if (p->n == PIECES || len > INT32_MAX - p->total)
		return false;
	p->s[p->n] = s;
	p->len[p->n++] = len;
	p->total += len;
	return true;
}

/* The pieces of fmt with ap; false when fmt is not plain. */
static bool
pieces_of(const char *fmt, va_list ap, struct pieces *p)
{
	p->n = p->total = 0;
	const char *f = fmt;
	while (*f != '\0') {
		const char *run = f;
		while (*f != '\0' && *f != '%')
			f++;
		if (!piece(p, run, (size_t)(f - run)))
			return false;
		if (*f == '\0')
			break;
		const char *s;
		size_t len;
		if (f[1] == '%') {
			s = f + 1, len = 1, f += 2;
		} else if (f[1] == 's') {
			s = va_arg(ap, const char *);
			if (s == NULL)
				return false; /* "(null)" is vsnprintf's */
			len = strlen(s), f += 2;
		} else if (f[1] == '.' && f[2] == '*' && f[3] == 's') {
			int prec = va_arg(ap, int);
			s = va_arg(ap, const char *);
			if (prec < 0 || s == NULL)
				return false;
			len = strnlen(s, (size_t)prec), f += 4;
		} else
			return false;
		if (!piece(p, s, len))
			return false;
	}
	return true;
}

int
arena_format_plain(char *out, size_t room, const char *fmt, va_list ap)
{
	struct pieces p;
	va_list ap1;
	va_copy(ap1, ap);
	bool plain = pieces_of(fmt, ap1, &p);
	va_end(ap1);
	if (!plain)
		return -1;
	if (p.total < room) {
		char *o = out;
		for (size_t i = 0; i < p.n; i++) {
			memcpy(o, p.s[i], p.len[i]);
			o += p.len[i];
		}
		*o = '\0';
	}
	return (int)p.total;
}

/*
 * Formatted straight into the current block's free tail when it fits:
 * one vsnprintf instead of two (measure, then write), which was a fifth
 * of loading a site's cached pages; none for a format that only joins
 * strings (arena_format_plain()).  What was written past the tail when
 * it did not fit is free space still, written over later.
 */
char *
arena_vprintf(arena *a, const char *fmt, va_list ap)
{
	struct block *b = a->head;
	char *at = b != NULL ? (char *)b->data + b->used : NULL;
	size_t room = b != NULL ? b->size - b->used : 0;
	int plain = arena_format_plain(at, room, fmt, ap);
	if (plain >= 0) {
		if ((size_t)plain < room) {
			b->used += (size_t)plain + 1;
			a->total += (size_t)plain + 1;
			return at;
		}
		char *p = alloc_at(a, (size_t)plain + 1, 1);
		arena_format_plain(p, (size_t)plain + 1, fmt, ap);
		return p;
	}
	if (b != NULL && b->used < b->size) {
		va_list ap1;
		va_copy(ap1, ap);
		int len = vsnprintf(at, room, fmt, ap1);
		va_end(ap1);
		if (len >= 0 && (size_t)len < room) {
			b->used += (size_t)len + 1;
			a->total += (size_t)len + 1;
			return at;
		}
	}
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		n = 0;
	char *p = alloc_at(a, (size_t)n + 1, 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *
arena_printf(arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = arena_vprintf(a, fmt, ap);
	va_end(ap);
	return p;
}

/* The class of a size kept for reuse, or -1. */
static int
size_class(size_t size)
{
	if (size < ((size_t)1 << CLASS_MIN) ||
	    size > ((size_t)1 << CLASS_MAX) || (size & (size - 1)) != 0)
		return -1;
	int c = 0;
	while (((size_t)1 << c) < size)
		c++;
	return c;
}

/*
 * p, size bytes handed back, is a block of its own (alloc_at()'s for a
 * request over a quarter of a block): unlinked and freed.  Kept, the
 * arrays a table or list outgrew by doubling stayed to the arena's end:
 * half of every large strmap's bytes (2.7 MB of a 10,000-page build's
 * peak, issue 14).  A block of its own holds nothing else (its used part
 * is its size), and no block starts with a chunk that large otherwise;
 * one given back soon after it was made is near the head.
 */
static void
free_own_block(arena *a, void *p, size_t size)
{
	for (struct block **at = &a->head; *at != NULL; at = &(*at)->next) {
		struct block *b = *at;
		if ((void *)b->data == p && b->size == size &&
		    b->used == size) {
			*at = b->next;
			free(b);
			return;
		}
	}
}

void
arena_give_back(arena *a, void *p, size_t size)
{
	if (p != NULL && size > BLOCK_SIZE / 4) {
		free_own_block(a, p, size);
		return;
	}
	int c = size_class(size);
	if (p == NULL || c < 0)
		return;
	*(void **)p = a->spare[c];
	a->spare[c] = p;
}

/* True when p of old_size bytes ends the head block's used part and the
 * block has room for new_size: it then grows where it is. */
static bool
grow_in_place(arena *a, void *p, size_t old_size, size_t new_size)
{
	struct block *b = a->head;
	if (b == NULL || (char *)p < (char *)b->data ||
	    (char *)p + old_size != (char *)b->data + b->used ||
	    b->size - b->used < new_size - old_size)
		return false;
	b->used += new_size - old_size;
	a->total += new_size - old_size;
	return true;
}

void *
arena_grow(arena *a, void *old, size_t old_size, size_t new_size)
{
	if (old != NULL && grow_in_place(a, old, old_size, new_size))
		return old;
	int c = size_class(new_size);
	void *p;
	if (c >= 0 && a->spare[c] != NULL) {
		p = a->spare[c];
		a->spare[c] = *(void **)p;
	} else
		p = arena_alloc(a, new_size);
	if (old != NULL && old_size > 0) {
		memcpy(p, old, old_size);
		arena_give_back(a, old, old_size);
	}
	return p;
}

size_t
arena_used(const arena *a)
{
	return a->total;
}
