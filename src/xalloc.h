/*
 * xalloc.h - malloc, calloc, realloc and strdup that never return NULL.
 *
 * For memory whose owner frees it explicitly (buffers that grow, data
 * kept across builds), where an arena (arena.h) does not fit.  Running
 * out of memory ends the process (xalloc_die()), as there is no sane way
 * to continue a build without memory; a zero size is served as 1.
 */
#ifndef FABRIQUE_XALLOC_H
#define FABRIQUE_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
char *xstrdup(const char *s);

/* The exit status when memory runs out (docs/fabrique.1, EXIT STATUS). */
#define XALLOC_EXIT_STATUS 5

/*
 * Ends the process when size bytes could not be had: one line saying so
 * in the environment's language (both French and English when it names
 * none, as in a git hook: the site's is not known here) with what to do,
 * then exit status XALLOC_EXIT_STATUS.  Not abort(): a core dump and
 * status 134 told an editor pushing a 600 MB video nothing (outside
 * tester 30 F13).  Nothing is allocated on the way; the output folder
 * is as the interrupted build left it (its temporary folder is swept by
 * the next build).
 */
_Noreturn void xalloc_die(size_t size);

#endif
