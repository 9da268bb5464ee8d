/*
 * viewrec.h - the last build's view digests, kept by page.
 *
 * An incremental build digests every page's views to the depth its
 * template reads (viewhash.h, render.c): ~0.5 s at 10,000 pages, as the
 * views link each other in chains (previous, next, stories, lists) and
 * each is digested at every depth.  Each page's view digested once,
 * "cut" at the other pages' views (viewhash_cut()), is far cheaper; when
 * every page's cut digest is the last build's, with the same pages in the
 * same order and the same digest of what every page reads (head), each
 * page's full digest is the last build's too, and is taken from here.
 *
 * One file in the cache folder, written whole (temp file + rename), with
 * a digest of its content: a truncated or damaged file is ignored.
 */
#ifndef FABRIQUE_VIEWREC_H
#define FABRIQUE_VIEWREC_H

#include <stdbool.h>
#include <stddef.h>

#include "viewhash.h"

/* One page's entry: its output path, its cut digest, its full digest
 * (when has_full: pages whose template has no known reach have none). */
typedef struct viewrec_entry {
	const char *out;
	viewhash_digest cut, full;
	bool has_full;
} viewrec_entry;

typedef struct viewrec viewrec;

/* The record kept in dir for head and n pages, or NULL (none, another
 * head or count, unreadable, damaged). */
viewrec *viewrec_open(const char *dir, const viewhash_digest *head, size_t n);
void viewrec_free(viewrec *r);

/* Entry i, or NULL when its page is not out (the pages moved).  Its out
 * is not NUL-terminated. */
const viewrec_entry *viewrec_get(const viewrec *r, size_t i, const char *out);

/* Writes the record of n pages in dir (NULL: nothing).  0, or -1. */
int viewrec_save(const char *dir, const viewhash_digest *head,
                 const viewrec_entry *e, size_t n);

#endif
