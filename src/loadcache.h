/*
 * loadcache.h - pages' front matter, parsed and checked, kept across
 * builds by the blob id of their file.
 *
 * Why: reading a page's blob, parsing its YAML and looking for the
 * archetype's leftovers is half of loading a 10,000-page site, yet a
 * commit changes a page or two.  What that work yields depends on the
 * file's bytes (its blob id), its path and kind, the theme (archetypes),
 * the language of the messages and fabrique's binary, nothing else: it
 * is kept here, one entry per (path, blob), with the front matter as a
 * value tree (file:line:col positions kept, so later errors still point
 * at the editor's text), where the body starts and ends, and the
 * warnings, which are reported again on every build that reuses the
 * entry (so --strict still fails on them).  A page that had an error is
 * never kept: it is read and checked again, and fails again.  What
 * depends on other pages (references, links, dates from history, the
 * schema's normalised values) is never kept.
 *
 * All entries live in one file (CACHE/load), written temp file + rename;
 * its header holds a digest of the binary and of the caller's key (theme,
 * language...), and a file that is truncated, damaged, of another version
 * or of another key is ignored as a whole.  Saving keeps the entries used
 * by this build only, so the file never grows beyond one site.
 * Thread-safe: get and put lock.
 */
#ifndef FABRIQUE_LOADCACHE_H
#define FABRIQUE_LOADCACHE_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "diag.h"
#include "value.h"

typedef struct loadcache loadcache;

/* A diagnostic reported while loading a page (level as reported, before
 * --strict; message already translated). */
typedef struct loadcache_note {
	diag_level lvl;
	const char *file; /* NULL: none */
	unsigned line, col;
	const char *msg;
} loadcache_note;

/* What loading one page's file produced. */
typedef struct loadcache_entry {
	value *raw; /* front matter as written: a map, positions in file */
	size_t text_len, body_off, body_len;
	unsigned body_line;
	const loadcache_note *notes;
	size_t nnotes;
	const char *const *images; /* the body's images (markdown_images) */
	size_t nimages;
} loadcache_entry;

/*
 * Opens the cache file path (NULL: a cache that keeps nothing) for key:
 * everything the entries depend on besides each file's path, kind and
 * blob (theme's blob ids, language...).  The file is read at once; a
 * missing, damaged or foreign one gives an empty cache.
 */
loadcache *loadcache_open(const char *path, const char *key);
void loadcache_free(loadcache *c);

/* The entry of file (of this kind) at blob, values built in a with file
 * as their position's file; false when there is none. */
bool loadcache_get(loadcache *c, const char *file, const char *kind,
                   const char *blob, arena *a, loadcache_entry *e);
/* Keeps e for file at blob.  A tree whose positions name another file
 * than file is not kept. */
void loadcache_put(loadcache *c, const char *file, const char *kind,
                   const char *blob, const loadcache_entry *e);
/* Writes the entries got or put since opening (temp file + rename);
 * nothing when none changed.  0, or -1 if it could not be written (the
 * next build starts cold: never an error for the build). */
int loadcache_save(loadcache *c);
/* Entries reused and stored since loadcache_open(). */
void loadcache_counts(const loadcache *c, size_t *hits, size_t *misses);
/* Removes the cache file path (fabrique cache clean): 0, also when there
 * was none, or -1. */
int loadcache_remove(const char *path);

#endif
