/*
 * blobmemo.h - small results of a pure function of a git blob, kept
 * across builds by the blob's id.
 *
 * Why: what a calendar's SEQUENCE is made of (eventrev.c) is read from
 * every version of every workshop, and reading a version is inflating
 * its blob and parsing its YAML: on a site whose workshops were each
 * edited once, that was 45 % of an edit's instructions, at every build,
 * for versions that never change (a blob's bytes are its id).  What it
 * yields (a schedule's digest and a flag, BLOBMEMO_VAL bytes) is kept
 * here.
 *
 * One file (CACHE/NAME), written temp file + rename; its header holds a
 * digest of fabrique's version, its binary and the caller's tag, and one
 * of the records: a file truncated, damaged, of another binary or
 * another tag is ignored as a whole (the results are made again).
 * Saving keeps the entries used by this build, and the others while they
 * are no more than those, so the file never grows beyond twice one site.
 * Thread-safe: get and put lock.
 */
#ifndef FABRIQUE_BLOBMEMO_H
#define FABRIQUE_BLOBMEMO_H

#include <stdbool.h>

/* The size of a kept result. */
#define BLOBMEMO_VAL 17

typedef struct blobmemo blobmemo;

/* Opens the file path for tag (what the results mean: two users of
 * this module never share one file's entries).  The file is read at
 * the first get or put, not here (a build that asks for nothing reads
 * nothing); a missing or foreign one gives an empty memo.  path NULL:
 * NULL, a memo that keeps nothing (every function takes it). */
blobmemo *blobmemo_open(const char *path, const char *tag);
void blobmemo_free(blobmemo *m);

/* The result kept for blob id hex (40 hex digits) into out; false when
 * there is none. */
bool blobmemo_get(blobmemo *m, const char *hex,
                  unsigned char out[BLOBMEMO_VAL]);
/* Keeps val for hex. */
void blobmemo_put(blobmemo *m, const char *hex,
                  const unsigned char val[BLOBMEMO_VAL]);
/* Writes the entries when one was put (added or changed) since opening;
 * the unused ones are left out when they outnumber the used ones.  0,
 * or -1 if it could not be written (the next build makes them again:
 * never an error for the build). */
int blobmemo_save(blobmemo *m);
/* Removes the file path (fabrique cache clean): 0, also when there was
 * none; -1 with errno. */
int blobmemo_remove(const char *path);

#endif
