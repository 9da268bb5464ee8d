/*
 * scratch.h - an unlinked scratch file: bytes a build made and reads
 * again later parked out of its memory.
 *
 * A 10,000-page build makes megabytes it reads only at the end (pages'
 * plain texts for the search index and calendars, bodies of a folder's
 * pages, the search records): kept in memory they raise its peak; in a
 * scratch file they cost none of it (the system keeps or writes out the
 * pages).  The file is unlinked as soon as it is made: nothing of it is
 * left behind, nor reaches a published folder.  Several threads may put
 * and read at once.
 */
#ifndef FABRIQUE_SCRATCH_H
#define FABRIQUE_SCRATCH_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

typedef struct scratch scratch;

/* A scratch file made in folder dir (which must exist), its name
 * starting with prefix; NULL if it cannot be made (keep in memory). */
scratch *scratch_open(const char *dir, const char *prefix);
void scratch_free(scratch *sc);

/* Appends len octets: where they are (for scratch_read()), or -1 when
 * they could not be written (disk full: keep them in memory). */
long long scratch_put(scratch *sc, const void *data, size_t len);

/* Appends the len octets at off to out (NUL-terminated after them):
 * false if they could not be read whole. */
bool scratch_read(const scratch *sc, long long off, size_t len, buf *out);

#endif
