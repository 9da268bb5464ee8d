/*
 * recstore.h - small records kept from one build to the next, each under
 * the digest of exactly what it was made from: a page's search terms, a
 * workshop's calendar events.  An edit to one page then makes that page's
 * records again and reuses the others', byte for byte.
 *
 * One file per kind of record in the cache folder (cachedir.h), checked
 * whole when the build starts (its records read back one by one when
 * wanted) and written again (temp file + rename)
 * when it ends with the records this build used: records of deleted or
 * changed pages do not pile up.  The file names the binary that wrote it
 * and holds a digest of its content: another fabrique, a truncated or
 * damaged file is ignored as a whole, and everything is made afresh.
 */
#ifndef FABRIQUE_RECSTORE_H
#define FABRIQUE_RECSTORE_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

#define RECSTORE_KEY 16

typedef struct recstore recstore;

/* The store of records of one kind (name: "search", a file name) in the
 * cache folder dir; dir NULL: nothing is kept (every get misses, save
 * writes nothing). */
recstore *recstore_open(const char *dir, const char *name);
void recstore_free(recstore *rs);

/* The key of a record made from data: the binary, the kind of record and
 * these bytes (a record's inputs, each length-prefixed by the caller). */
void recstore_key(const recstore *rs, const void *data, size_t len,
                  unsigned char key[RECSTORE_KEY]);

/* True if a record is kept under key: *no gets its number for
 * recstore_data() (its bytes stay in the file until then, out of
 * memory).  A record got is kept for the next build.  Thread-safe with
 * other gets and puts. */
bool recstore_get(recstore *rs, const unsigned char key[RECSTORE_KEY],
                  size_t *no);

/* Keeps a copy of data under key for the next build: its number for
 * recstore_data().  The copy is parked in a scratch file in the
 * store's folder when it can be (a large site's records are read only
 * at the end of the build: out of its memory until then), else kept in
 * memory.  Thread-safe. */
size_t recstore_put(recstore *rs, const unsigned char key[RECSTORE_KEY],
                    const void *data, size_t len);
/* The bytes of record no, got or put (*len of them): where they lie, or
 * read into b (reset first, valid until it changes); NULL if they cannot
 * be read back.  Thread-safe. */
const char *recstore_data(recstore *rs, size_t no, buf *b, size_t *len);
/* How many records were got and put since recstore_open() (--verbose). */
void recstore_counts(const recstore *rs, size_t *got, size_t *put);

/* Writes the records got or put since recstore_open() for the next
 * build, unless they are exactly those the file holds.  0, or -1 (the
 * store is a cache: the build goes on). */
int recstore_save(recstore *rs);

/* Removes the store of records named name from the cache folder dir
 * (fabrique cache clean).  0 (also when there was none), or -1. */
int recstore_remove(const char *dir, const char *name);

#endif
