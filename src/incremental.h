/*
 * incremental.h - rebuilding only what changed, without trusting guesses.
 *
 * Each build into an output folder leaves a manifest in the cache
 * (.fabrique-cache/builds/): a fingerprint of every input (the site's and
 * the theme's blob ids, fabrique's version, the options, the build date)
 * and, for each file written, its hash, size and mtime.
 *
 *  - Same fingerprint, and the output still exactly as left (sizes and
 *    mtimes, one stat() a file on two threads, nothing else read: the
 *    fingerprint is the manifest's first line, its files' lines are only
 *    read when it matches, and a manifest cut short is not trusted):
 *    nothing to do,
 *    nothing is written; the warnings the last
 *    build reported, kept in the manifest, are reported again (so an
 *    unfixed warning never goes quiet, and fails --strict).
 *  - Otherwise each page's template inputs are digested (render.h: its
 *    view and every view it links to, the site's, the theme's files):
 *    a page whose digest equals the one recorded for its file is not
 *    rendered, its file is hard-linked from the previous site.  Other
 *    files are made again, and one whose bytes equal the previous
 *    build's is hard-linked too (output_reuse()), so it keeps its mtime
 *    and an rsync or CDN upload stays small.  The output is then updated
 *    in place: only the files made anew are moved in, under a journal
 *    (output_in_place()), unless --atomic asks for the whole-folder
 *    swap.  Correctness never depends on knowing which
 *    page reads which: the digest covers all a template could read.
 */
#ifndef FABRIQUE_INCREMENTAL_H
#define FABRIQUE_INCREMENTAL_H

#include <stdbool.h>

#include "buf.h"
#include "diag.h"
#include "output.h"

typedef struct incr incr;

/* Whether two texts are byte for byte the same, told by their hashes
 * (128 bits, hex, NUL-terminated): fast, not meant against an attacker.
 * fabrique reseau keys its members' programmes and its pages with it. */
#define INCREMENTAL_HASH_HEX 32
void incremental_hash(const void *data, size_t len,
                      char out[INCREMENTAL_HASH_HEX + 1]);

/* Reads the manifest of the last build into out_dir, if there is one.
 * fingerprint: the inputs' description (hashed here).  Never NULL. */
incr *incremental_open(const char *cache_dir, const char *out_dir,
                       const buf *fingerprint);
void incremental_free(incr *in);

/*
 * The output checked before its lock is taken, on two threads of its
 * own, while the source and the theme are opened (a build with nothing
 * to do is mostly these stats): the manifest of the last build into
 * out_dir is read and every file it lists stat()ed, as
 * incremental_up_to_date() would.  Its answer is taken there only when,
 * under the lock, the manifest is the same file unchanged (inode, size,
 * times) and so is the output folder; the caller passes none when
 * another build held the lock meanwhile (output_lock_waited()), and
 * checks for a journal under the lock as before.  Never NULL.
 */
typedef struct incr_spec incr_spec;
incr_spec *incremental_speculate(const char *cache_dir, const char *out_dir);
/* Stops the threads if they still run (the answer is not wanted). */
void incremental_speculate_free(incr_spec *spec);

/* The last build had the same inputs and out_dir is untouched since;
 * spec, when not NULL, answers for the files if it still holds. */
bool incremental_up_to_date(incr *in, incr_spec *spec);

/* The warnings of the last build, reported again to d when it is up to
 * date (under --strict they are errors then, as they were in it). */
void incremental_replay(incr *in, diag *d);

/*
 * Starts reading the last build's record (its 19,000 lines at 10,000
 * pages: ~0.08 s) on a thread of its own, once the build is known to
 * have something to do, so that it runs beside the loading of the pages
 * rather than alone on the main thread at incremental_attach(), which
 * waits for it (as do incremental_attach_full() and incremental_free()).
 * Nothing else may use in meanwhile.  Without it, incremental_attach()
 * reads the record itself.
 */
void incremental_preload(incr *in);

/* Makes o keep unchanged files from the previous site: with in_place
 * and a record of the previous build, o updates the output in place
 * (output_in_place()), otherwise it links them into the new folder. */
void incremental_attach(incr *in, output *o, bool in_place);

/* --full: o reuses nothing, but what it writes is recorded as by
 * incremental_attach() (a --full build left an empty record before, so
 * the build after it made everything again).  Both keep, through a
 * whole-folder swap, the files of the previous site that its record does
 * not list: the webmaster's own (output_carry()). */
void incremental_attach_full(incr *in, output *o);

/* fabrique publish: the files that no build made are carried into o
 * from from_dir (the release now live), not from o's previous site,
 * told by from_dir's own record in this cache (output_carry_from()).
 * When o has no record of its own (a new release), each file this build
 * writes that the record says from_dir holds byte for byte is
 * hard-linked from it (output_reuse_from()): releases share what did
 * not change.  After incremental_attach(), which must not have updated
 * in place. */
void incremental_carry_from(incr *in, output *o, const char *from_dir);

/* Before output_commit(): the previous build's files that this one did
 * not make are removed (output_remove(); in place only). */
void incremental_prune(incr *in);

/*
 * Pages: keeps (hard-links) the previous build's file at relpath when it
 * was made from the same key (a digest of all its template read, see
 * render.h) and is untouched since; true then, and nothing needs
 * rendering.  incremental_made() records the key of a page written
 * anew.  Both thread-safe, after incremental_attach().
 */
bool incremental_keep(incr *in, const char *relpath, const char *key);
void incremental_made(incr *in, const char *relpath, const char *key);

/* After output_commit(): records what out_dir now holds, and d's
 * warnings.  A failure only costs the next build its shortcut, so it is
 * a warning (the old record is removed: it no longer says what the
 * output holds); -1 then, else 0. */
int incremental_save(incr *in, diag *d);

/* Forgets every previous build (fabrique cache clean): the next build of
 * any output is a full one.  Each record keeps the paths of the files
 * fabrique made, and nothing else, so the files the webmaster added to
 * the output stay there (output_carry()).  Returns how many were
 * forgotten, or -1. */
long incremental_forget(const char *cache_dir);

#endif
