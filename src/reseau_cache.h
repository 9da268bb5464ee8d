/*
 * reseau_cache.h - what `fabrique reseau` remembers between two builds of
 * one network site, so that a rebuild after one commune changed costs
 * that commune, not the 4,000 others.
 *
 * One state file per list and output folder, in the cache folder
 * (cachedir.h) under reseau/: JSON, written to a temporary file and
 * renamed.  It holds
 *  - for each member (by what names it: repository, ref and site, or
 *    programme file), the version it was read at (a repository's commit
 *    and site folder; a programme file's size, times and content hash),
 *    the hash of its checked programme (its "record") and the summary the
 *    network's indexes need (name, INSEE code, position, counts);
 *  - for each page made of members' programmes (a commune's page, a
 *    département's calendar, a région's search index), the key it was
 *    made from (a hash of its inputs) and its size and mtime as written.
 * The state is used only if the fingerprint it was made with (fabrique's
 * version, the network theme's files, the list's url and title) is the
 * current one; otherwise the build starts from nothing.
 *
 * The programme a repository member produced is kept under
 * reseau/programmes/RECORD.json, so that its events can be read again
 * without building the member's site.
 */
#ifndef FABRIQUE_RESEAU_CACHE_H
#define FABRIQUE_RESEAU_CACHE_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "diag.h"
#include "reseau.h"
#include "value.h"

typedef struct reseau_cache reseau_cache;

/* Opens the state for list and out (both as given: made absolute here)
 * in cache_dir (created when saved).  Never NULL: a missing, unreadable
 * or outdated state is an empty one. */
reseau_cache *reseau_cache_open(const char *cache_dir, const char *list,
                                const char *out, const char *fingerprint);
void reseau_cache_free(reseau_cache *rc);

/* When the previous build began (ns since the epoch), 0 if none: a file
 * modified since may have changed without its size or mtime showing it. */
long long reseau_cache_started(const reseau_cache *rc);

/* The version member id was read at by the previous build, if it was
 * recorded with the same signature sig (a programme file's size, times
 * and inode), else NULL: the caller then reads the file to know. */
const char *reseau_cache_known(const reseau_cache *rc, const char *id,
                               const char *sig);

/* The previous build's record of member id, if it was read at version:
 * fills c's summary (name, insee, dept, slug, page, url, tz, since,
 * position, nevents, stamped, record) from it, strings in a; events are
 * left out. */
bool reseau_cache_member(reseau_cache *rc, const char *id, const char *version,
                         reseau_commune *c, arena *a);

/* Records member id at version (and sig, or NULL) with c's summary, for
 * the next build. */
void reseau_cache_put_member(reseau_cache *rc, const char *id,
                             const char *version, const char *sig,
                             const reseau_commune *c);

/* The previous build's key of relpath and its size and mtime as written;
 * false if it had none. */
bool reseau_cache_file(const reseau_cache *rc, const char *relpath,
                       const char **key, long long *size, long long *mtime);

/* Records the key relpath is made from now. */
void reseau_cache_put_file(reseau_cache *rc, const char *relpath,
                           const char *key);

/* Where a repository member's programme of that record is kept. */
const char *reseau_cache_programme(reseau_cache *rc, const char *record);

/* Keeps a repository member's programme text.  0, or -1 (only costs the
 * next build its shortcut for that member). */
int reseau_cache_store_programme(reseau_cache *rc, const char *record,
                                 const char *text, size_t len);

/* After the output was committed: records the size and mtime of each
 * file put, as out now holds it, and writes the state.  A failure is a
 * warning: the next build is then a full one. */
void reseau_cache_save(reseau_cache *rc, diag *d);

#endif
