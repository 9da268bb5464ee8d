/*
 * imgcache.h - the on-disk cache of processed images, which survives
 * builds and refs (imgcodec.c is its one user, `fabrique cache clean`
 * empties it).
 *
 * An entry is CACHE_DIR/XX/KEY, XX the first two hex digits of the
 * source's git blob id and KEY naming the blob and every parameter that
 * changes the bytes.  An entry carries a header with its key, the image's
 * size, its payload length and a checksum, so a truncated or damaged
 * entry reads as corrupt and is made again.  Entries are written to a
 * temporary file and renamed: a reader never sees half of one.  The
 * folder gets a CACHEDIR.TAG so backup tools skip it.
 *
 * Threads: imgcache_get() and imgcache_put() may be called from any
 * thread at once.  A cache that cannot be written costs speed, never
 * correctness: the first failed write is one warning, later ones are
 * skipped.
 */
#ifndef FABRIQUE_IMGCACHE_H
#define FABRIQUE_IMGCACHE_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

typedef struct imgcache imgcache;

/* The cache in folder dir (created on the first write); warnings go to d.
 * Touches nothing on disk. */
imgcache *imgcache_open(const char *dir, diag *d);
void imgcache_free(imgcache *c);

enum imgcache_rc { IMGCACHE_MISSING, IMGCACHE_CORRUPT, IMGCACHE_OK };

typedef struct imgcache_entry {
	unsigned char *file; /* the whole file (xmalloc): free() it */
	const unsigned char *payload;
	size_t len;
	int width, height;
} imgcache_entry;

/* Reads entry key of blob into e.  Any unreadable entry is CORRUPT,
 * never an error.  e->file is NULL unless OK.  c may be NULL: MISSING. */
enum imgcache_rc imgcache_get(const imgcache *c, const char *blob,
                              const char *key, imgcache_entry *e);
/* Stores an entry (payload of len bytes, an image of w x h pixels). */
void imgcache_put(imgcache *c, const char *blob, const char *key, int w, int h,
                  const void *payload, size_t len);

/*
 * Empties a cache folder: removes its XX/ entry folders and leftover
 * temporary files, nothing else, so a mistyped path cannot wipe a user's
 * folder.  A missing folder is already empty.  Returns the number of
 * entries removed, or -1 after reporting an error.
 */
long imgcache_clean(const char *dir, diag *d);

#endif
