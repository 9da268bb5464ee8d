/*
 * arena.c - the region allocator: chained blocks, freed in one call.
 */
#include "arena.h"

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
#define ALIGN (sizeof(max_align_t))

struct block {
	struct block *next;
	size_t used, size;
	max_align_t data[];
};

struct arena {
	struct block *head;
	size_t total;
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

void *
arena_alloc(arena *a, size_t size)
{
	size = (size + ALIGN - 1) & ~(ALIGN - 1);
	if (size == 0)
		size = ALIGN;
	a->total += size;
	struct block *b = a->head;
	if (b != NULL && b->size - b->used >= size) {
		void *p = (char *)b->data + b->used;
		b->used += size;
		return p;
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
arena_zalloc(arena *a, size_t size)
{
	return memset(arena_alloc(a, size), 0, size);
}

char *
arena_strndup(arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
arena_strdup(arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *
arena_vprintf(arena *a, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		n = 0;
	char *p = arena_alloc(a, (size_t)n + 1);
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

size_t
arena_used(const arena *a)
{
	return a->total;
}
