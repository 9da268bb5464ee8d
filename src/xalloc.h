/*
 * xalloc.h - malloc, calloc, realloc and strdup that never return NULL.
 *
 * For memory whose owner frees it explicitly (buffers that grow, data
 * kept across builds), where an arena (arena.h) does not fit.  Running
 * out of memory aborts the process with a message, as there is no sane
 * way to continue a build without memory; a zero size is served as 1.
 */
#ifndef FABRIQUE_XALLOC_H
#define FABRIQUE_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
char *xstrdup(const char *s);

#endif
