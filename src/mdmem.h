/*
 * mdmem.h - cmark-gfm's memory for one Markdown render, from a region.
 *
 * cmark-gfm makes a page's tree with about 470 callocs, 440 frees and
 * 130 reallocs a page (nodes, their strings, the inline parser's
 * delimiters), 8 % of a cold build's instructions.  Between
 * mdmem_begin() and mdmem_end(), the allocator mdmem_begin() returns
 * takes them from an arena of the caller's thread, and mdmem_end()
 * drops that arena whole: a free is then nothing, a calloc a bump.
 *
 * cmark's allocator callbacks take no context, so calloc() finds the
 * region through one thread-local pointer, set only between begin and
 * end (and restored by end, so renders may nest); realloc() and free()
 * find it in the block's own header.  Blocks above MDMEM_BIG bytes (a
 * long page's text, its HTML) are malloc()ed and really freed, so the
 * region holds only small blocks, freed or not, until the end.
 * A calloc() outside begin..end is plain malloc memory.
 */
#ifndef FABRIQUE_MDMEM_H
#define FABRIQUE_MDMEM_H

#include <cmark-gfm.h>

#include "arena.h"

#define MDMEM_BIG (8 * 1024)

/* One render's region, on the caller's stack. */
typedef struct mdmem {
	arena *a;
	arena *prev; /* the region of the render this one is nested in */
} mdmem;

/* The allocator to hand cmark (cmark_parser_new_with_mem()): valid
 * until mdmem_end(m), on this thread. */
cmark_mem *mdmem_begin(mdmem *m);
/* Everything allocated from m's region is gone: call it once every
 * node, parser and string of cmark that used it is freed. */
void mdmem_end(mdmem *m);

#endif
