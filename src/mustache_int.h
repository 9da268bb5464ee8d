/*
 * mustache_int.h - compiled templates (node trees, the set), shared by the
 * compiler (mustache.c) and the renderer (mustache_render.c).  Private to
 * those two files: everyone else uses mustache.h.
 */
#ifndef FABRIQUE_MUSTACHE_INT_H
#define FABRIQUE_MUSTACHE_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mustache.h"

/* Sections nested in one template; bounds recursion while compiling. */
#define MAX_NEST 100

enum ntype {
	N_TEXT,
	N_VAR, /* {{x}}: HTML-escaped */
	N_RAW, /* {{{x}}}, {{&x}} */
	N_SECTION,
	N_INVERTED,
	N_PARTIAL,
	N_PARENT, /* kids are its argument blocks */
	N_BLOCK   /* kids are its default content */
};

/* A dotted name, split once at compile time; n == 0 is ".". */
struct mname {
	const char **parts;
	uint32_t *hashes; /* value_key_hash of each part, made at compile */
	size_t n;
};

struct node {
	enum ntype type;
	bool bol;        /* starts a template line: takes the indentation */
	bool standalone; /* partial, parent: indent what it includes */
	bool dynamic;    /* partial, parent: {{>*name}} */
	/* block: the line ending it may give back, 1 for \n, 2 for \r\n */
	unsigned char nl;
	unsigned line, col;
	const char *text; /* text; partial, parent or block name */
	size_t len;
	const char *indent; /* partial, parent: own; block: at its site */
	size_t ilen;
	uint64_t hash; /* of a static partial or parent name */
	struct mname name;
	struct node *kids;
	size_t nkids;
};

struct tmpl {
	const char *name, *file;
	uint64_t hash;
	struct node *nodes;
	size_t n;
};

struct mustache_set {
	arena *a;
	struct tmpl **slots; /* open addressing, power of two */
	size_t cap, count;
};

/* mustache.c */
/* FNV-1a: short names, no adversary, and cheap to compute. */
uint64_t mustache_hash_str(const char *s);
const struct tmpl *mustache_set_find(const mustache_set *set, const char *name,
                                     uint64_t h);

#endif
