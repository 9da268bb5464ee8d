/*
 * xalloc.c - malloc and friends that abort on exhaustion.
 */
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "msgcat.h"

#define OOM_MESSAGE                                                            \
	"fabrique: out of memory (%zu MB asked for, not available): a very "   \
	"large file in the site (a video?) may be the cause; take it out of "  \
	"the repository, or run fabrique where more memory is free; the "      \
	"published site is as it was\n"

_Noreturn void
xalloc_die(size_t size)
{
	size_t mb = size / 1000000 + 1;
	if (msgcat_env_names_lang()) {
		fprintf(stderr, msgcat_lookup(msgcat_env_lang(), OOM_MESSAGE),
		        mb);
	} else {
		fprintf(stderr, msgcat_lookup("fr", OOM_MESSAGE), mb);
		fprintf(stderr, OOM_MESSAGE, mb);
	}
	fflush(stderr);
	_exit(XALLOC_EXIT_STATUS);
}

void *
xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);
	if (p == NULL)
		xalloc_die(size);
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (p == NULL)
		xalloc_die(n * size);
	return p;
}

void *
xrealloc(void *old, size_t size)
{
	void *p = realloc(old, size ? size : 1);
	if (p == NULL)
		xalloc_die(size);
	return p;
}

char *
xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	return memcpy(xmalloc(n), s, n);
}
