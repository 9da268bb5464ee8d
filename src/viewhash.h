/*
 * viewhash.h - a digest of what a template could read from a view.
 *
 * Incremental builds keep a page's previous file when nothing its
 * template can read has changed.  What it reads is a value graph: the
 * page's view, the views it links to (a workshop lists its stories, which
 * list their workshops back; each page links the next one: views form
 * cycles and chains through the whole site), the site's and the
 * edition's.  A template reads no deeper than its names and sections
 * nest (mustache_reach()), so the digest covers every value within that
 * depth of the root, and nothing further: equal digests mean a render
 * reads equal values, whatever the templates choose to print, while an
 * edit far down a chain of links leaves other pages' digests alone.
 */
#ifndef FABRIQUE_VIEWHASH_H
#define FABRIQUE_VIEWHASH_H

#include "strmap.h"
#include "value.h"

#define VIEWHASH_LEN 16

typedef struct viewhash_digest {
	unsigned char b[VIEWHASH_LEN];
} viewhash_digest;

/* Remembers the digests of the containers (and long strings) it met, by
 * address: the values must neither change nor be freed while it lives.
 * One thread. */
typedef struct viewhash viewhash;

viewhash *viewhash_new(void);
void viewhash_free(viewhash *vh);

/*
 * The digest of v (may be NULL) and what it reaches within depth links:
 * at depth 0 a scalar's value, a list's or map's kind and size; at depth
 * d a map's keys too and the digests of its values (a list's items) at
 * depth d - 1, for the keys asked.  A depth of 16,383 or more has no
 * end (a value graph without cycles, read whole).
 */
/* keys, when not NULL, are the only keys read (mustache_reach()): a map's
 * other entries count only in its size.  Digests are remembered per keys
 * (by address: keep one strmap per set). */
viewhash_digest viewhash_value(viewhash *vh, const value *v, unsigned depth,
                               const strmap *keys);

/*
 * The digest of v (may be NULL) whole, every key, without a memo: for a
 * small tree reached from one place only (a page's table of contents,
 * render.c's page key), where a memo made and freed for each page cost
 * ~15,000 instructions a page.  Not the digest viewhash_value() gives;
 * equal for equal trees.  A tree deeper than 64 levels (or a cycle) is
 * digested by viewhash_value() with a fresh memo.
 */
viewhash_digest viewhash_tree(const value *v);

/*
 * The roots viewhash_value_cut() cuts at (once, on a fresh vh).  Its
 * digest, when it meets one of roots[0..n) below the value it was asked
 * for, writes the root's number (its index in roots) instead of entering
 * it: the digest of a page's view "cut" at the other pages' views, which
 * have their own.  Equal cut digests of every root, to a depth, with the
 * same numbers, mean equal digests of each to that depth (render.c keeps
 * the last build's digests that way).  The two kinds share the
 * containers' own parts (keys, scalars) in vh's memo, and the digests of
 * containers that reach no root (the same in both).  Forgets what vh
 * remembered before.
 */
void viewhash_cut(viewhash *vh, const value *const *roots, size_t n);
viewhash_digest viewhash_value_cut(viewhash *vh, const value *v, unsigned depth,
                                   const strmap *keys);

/* How many digests vh remembers (32 bytes each): to measure it. */
size_t viewhash_slots(const viewhash *vh);

/* The digest of len bytes (to combine digests with other inputs). */
viewhash_digest viewhash_bytes(const void *data, size_t len);

#endif
