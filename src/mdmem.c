/*
 * mdmem.c - cmark-gfm's memory for one Markdown render, from a region.
 */
#include "mdmem.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * The one thread-local of fabrique: cmark's calloc() gets no context,
 * and each render worker parses its own pages.  Set only between
 * mdmem_begin() and mdmem_end() on the same thread.
 */
static _Thread_local arena *current;

/* Before each block: its region (NULL: malloc()ed) and usable size.
 * 16 bytes, so the block keeps the arena's alignment. */
struct head {
	arena *a;
	size_t size;
};

/* size bytes, not cleared, from region a, or malloc()ed when a is
 * NULL or the block is big. */
static void *
take(arena *a, size_t size)
{
	if (size > SIZE_MAX - sizeof(struct head))
		xalloc_die(size);
	struct head *h;
	if (a == NULL || size > MDMEM_BIG) {
		h = xmalloc(sizeof(*h) + size);
		h->a = NULL;
	} else {
		h = arena_alloc(a, sizeof(*h) + size);
		h->a = a;
	}
	h->size = size;
	return h + 1;
}

static void *
mem_calloc(size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		xalloc_die(SIZE_MAX);
	return memset(take(current, n * size), 0, n * size);
}

/* A big block is realloc()ed; a small one grows into a new block of
 * its region (the old one stays, dropped with the region). */
static void *
mem_realloc(void *p, size_t size)
{
	if (p == NULL)
		return take(current, size);
	struct head *h = (struct head *)p - 1;
	if (h->a == NULL) {
		if (size > SIZE_MAX - sizeof(*h))
			xalloc_die(size);
		h = xrealloc(h, sizeof(*h) + size);
		h->size = size;
		return h + 1;
	}
	if (size <= h->size)
		return p;
	void *q = take(h->a, size);
	memcpy(q, p, h->size);
	return q;
}

static void
mem_free(void *p)
{
	if (p == NULL)
		return;
	struct head *h = (struct head *)p - 1;
	if (h->a == NULL)
		free(h);
}

static cmark_mem allocator = {mem_calloc, mem_realloc, mem_free};

cmark_mem *
mdmem_begin(mdmem *m)
{
	m->a = arena_new();
	m->prev = current;
	current = m->a;
	return &allocator;
}

void
mdmem_end(mdmem *m)
{
	current = m->prev;
	arena_free(m->a);
	m->a = NULL;
}
