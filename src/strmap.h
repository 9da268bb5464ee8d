/*
 * strmap.h - string-keyed hash map for build-lifetime indexes (pages by
 * key, by slug, by URL).  Keys and values are not copied; entries are
 * never removed; memory comes from an arena.
 */
#ifndef FABRIQUE_STRMAP_H
#define FABRIQUE_STRMAP_H

#include <stddef.h>

#include "arena.h"

typedef struct strmap strmap;

strmap *strmap_new(arena *a);
/* Returns the previous value for key (NULL if none) and stores val. */
void *strmap_put(strmap *m, const char *key, void *val);
void *strmap_get(const strmap *m, const char *key);
size_t strmap_len(const strmap *m);
/* Room for n entries in all, in one array: a map grown a doubling at a
 * time leaves each array it outgrew in its arena (as much again as the
 * last), so a map whose size is known is sized once. */
void strmap_reserve(strmap *m, size_t n);

#endif
