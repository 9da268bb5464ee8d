/*
 * output.h - atomic, confined writing of the generated site.
 *
 * A build writes into a fresh temporary folder beside the output folder
 * (".NAME.fabrique-XXXXXX") and swaps it in only when everything
 * succeeded, with renameat2(RENAME_EXCHANGE) where the kernel has it, so
 * readers see either the old site or the new one.  An incremental build
 * instead stages only the files that change and moves them in under a
 * journal (output_in_place()): readers then see each file whole, old or
 * new, but meanwhile a mix of old and new pages (about a millisecond a
 * file: a second or two when a thousand files change).  Builds into one
 * output take turns: a flock() on ".NAME.fabrique.lock" beside it (a
 * second build says "another build into OUT is running (pid N)" and
 * waits), so the leftovers a build sweeps are never a live build's.
 * A failed build removes its temporary folder; one killed midway leaves
 * it, and the next build removes such leftovers.  Every path is checked
 * before anything is written: absolute paths, "..", empty or "."
 * components, and symbolic links are refused, so nothing is ever
 * written outside the output.  Only a folder fabrique wrote
 * (OUTGUARD_MARK at its root) or an empty one is ever replaced.
 */
#ifndef FABRIQUE_OUTPUT_H
#define FABRIQUE_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "buf.h"
#include "diag.h"
#include "hash.h"
#include "outguard.h"

typedef struct output output;

/* Creates the temporary folder beside out_dir (whose parent must exist,
 * or is created).  NULL after reporting an error.  Same as output_lock()
 * then output_start(). */
output *output_begin(const char *out_dir, diag *d);

/*
 * output_begin() in two steps.  output_lock() only takes the output's
 * lock (waiting for a build into it that runs): a build takes it before
 * it reads what the last build into out_dir recorded, so that a build
 * started while another runs never finds the output "up to date" with a
 * record the other is about to replace.  NULL after reporting an error.
 * output_start() then checks the folder and creates the temporary one;
 * 0, or -1 after reporting an error (output_free() it then).
 */
output *output_lock(const char *out_dir, diag *d);

/*
 * The lock through an exec of the program (fabrique build starts itself
 * again, main.c): output_lock_handover(o, true) lets the lock's file
 * descriptor survive exec() and returns it (-1 if o holds no lock);
 * with false it is closed on exec again, when the exec failed.  The
 * program started again takes the lock over with output_lock_inherited(),
 * without waiting and without the lock ever being free between the two:
 * another build cannot slip in.  It is output_lock() otherwise, when fd
 * is not this output's lock held (or -1); *over (may be NULL) tells
 * which.
 */
int output_lock_handover(output *o, bool over);
output *output_lock_inherited(const char *out_dir, int fd, bool *over, diag *d);

/* Another build held the output's lock when output_lock() asked for it
 * (it waited, or found the lock file removed by its owner): what was
 * read of the output before the lock is older than that build. */
bool output_lock_waited(const output *o);
int output_start(output *o);

/*
 * An output kept in memory, for fabrique serve: the same writes, checks
 * and reads, but no folder, lock, swap or fsync.  After output_commit(),
 * output_take() hands over its files.
 */
output *output_begin_memory(diag *d);

typedef struct output_file {
	char *path; /* relative, as given to output_write() */
	char *data; /* len bytes, then a '\0' */
	size_t len;
} output_file;

/* The files of a committed memory output, sorted by path (strcmp), now
 * the caller's: free them with output_files_free().  NULL for others. */
output_file *output_take(output *o, size_t *n);

/* fabrique serve: fn is told of each file written into a memory output,
 * from the writing thread, as soon as it is written (the bytes are the
 * caller's, valid during the call only). */
typedef void (*output_write_fn)(void *ctx, const char *relpath,
                                const void *data, size_t len);
void output_on_write(output *o, output_write_fn fn, void *ctx);
/*
 * Says who claims relpath (the content's files whose output it is, "a.jpg,
 * a-480.jpg") into out, for the error on a path written twice, which
 * otherwise named only the output folder (outside tester 30 F3); appends
 * nothing when it does not know.  Called from any writing thread.
 */
typedef void (*output_claim_fn)(void *ctx, const char *relpath, buf *out);
void output_on_claim(output *o, output_claim_fn fn, void *ctx);
void output_files_free(output_file *files, size_t n);

/* True if relpath is a safe relative path ("a/b/index.html"). */
bool output_path_ok(const char *relpath);

/*
 * Writes a file at relpath inside the temporary folder, creating parent
 * folders.  Thread-safe.  Returns 0, or -1 after reporting an error
 * (unsafe path, I/O failure).  Writing the same path twice is an error.
 */
int output_write(output *o, const char *relpath, const void *data, size_t len);

/*
 * A file written in pieces, for the big files made from the whole site
 * (the programme's calendar, the open data): never held whole in memory.
 * len, its size, when known at the start: output_stream_close() fails if
 * the pieces do not add up to it; OUTPUT_STREAM_UNSIZED when it is not:
 * the file's digest (for reuse) is then made at close by reading back
 * what was written.  Same checks, reuse and hooks as
 * output_write() (a memory output, or one with output_on_write(), gets
 * the bytes at close, whole).  open never returns NULL: a refused path
 * is reported then and put() and close() fail.  One thread per stream.
 */
typedef struct output_stream output_stream;
#define OUTPUT_STREAM_UNSIZED ((size_t)-1)
output_stream *output_stream_open(output *o, const char *relpath, size_t len);
int output_stream_put(output_stream *s, const void *data, size_t n);
/* 0, or -1 after reporting an error; frees s. */
int output_stream_close(output_stream *s);
/* Gives up (the caller reported why): nothing is written; frees s. */
void output_stream_cancel(output_stream *s);

/*
 * Incremental builds: same() is asked, before each write, whether the
 * previous site at out_dir holds exactly these bytes at relpath (hex,
 * their hash_hex() digest, and len their size); if so
 * the file is hard-linked from it, keeping its inode and mtime (an rsync
 * or a CDN upload then skips it), instead of written anew.  same() must
 * be thread-safe.  Call before the first write.
 */
typedef bool (*output_same_fn)(void *ctx, const char *relpath, const char *hex,
                               size_t len);
void output_reuse(output *o, output_same_fn same, void *ctx);
/*
 * fabrique publish: the files same() finds equal are linked from
 * from_dir (the release now live, whose record same() then compares
 * with) instead of from the previous site at out_dir, which a new
 * release does not have: the releases kept share their unchanged files
 * (photo variants, assets, pages), and a release costs only what
 * changed.  No file of either folder is ever written in place (every
 * file is created anew, or moved in by a rename), so a file shared
 * stays what each release published.  A link the kernel refuses leaves
 * the file written anew.  Not for an output updated in place.  0, or -1
 * when from_dir cannot be opened (nothing is linked then).
 */
int output_reuse_from(output *o, const char *from_dir);

/*
 * Links relpath from the previous site at out_dir into the new one,
 * without its bytes: for a builder that knows, from what the file was
 * made of, that it would write it unchanged (fabrique reseau).  Only a
 * regular file whose size and modification time (nanoseconds since the
 * epoch) are still those given is linked, so an output edited by hand
 * since is written anew.  True if linked; false, nothing reported, if
 * the caller must write the file.  Main thread.
 */
bool output_keep(output *o, const char *relpath, long long size,
                 long long mtime_ns);

/* Files written anew and files linked from the previous site so far. */
void output_counts(const output *o, size_t *written, size_t *linked);

/*
 * True once the output itself stopped the build, which then exits with
 * BUILD_OUTPUT, not as a content error: a write found the disk full
 * (ENOSPC, EDQUOT: later writes are not tried, output_commit() refuses,
 * and output_abort() reports it in one line with the space the new site
 * needs and the space free), or, updating in place, a symbolic link
 * inside the output was met reading a kept file back (reported).
 */
bool output_failed(const output *o);

/*
 * Incremental builds: update the output in place instead of swapping a
 * new folder in (journal.h).  Only the files written anew go to the
 * temporary folder (a staging folder then); a file kept (output_keep(),
 * or equal to the previous build's) is not touched at all, not even
 * linked; output_remove() names the previous build's files this one no
 * longer makes.  output_commit() then writes a journal of the renames
 * and removals, fsync()s it and applies it; output_finish() removes it
 * once the caller's record of the build is saved.  A build killed in
 * between leaves the journal: the next output_begin() applies it again
 * before anything else, then builds by whole-folder swap (this returns
 * false then).  Readers see each file either old or new (a rename is
 * atomic) but, for the time the journal takes, some pages
 * old and some new; output_commit() without this keeps the whole-site
 * swap (fabrique build --atomic).
 *
 * Only for an output that exists, is a folder and holds OUTGUARD_MARK.
 * Call before the first write; true if the output is updated in place.
 */
bool output_in_place(output *o);
/* In place: relpath, a file of the previous build, is removed by
 * output_commit() (the folders it leaves empty too).  Main thread. */
void output_remove(output *o, const char *relpath);
/* In place: the update is complete and recorded, its journal goes. */
void output_finish(output *o);
/* True when a build into out_dir was killed while updating it in place
 * (its journal is there): the next build is not up to date, whatever
 * its record says, and finishes the update first (output_begin()). */
bool output_interrupted(const char *out_dir);

/*
 * Swaps the new site in and removes the previous one (in place: writes
 * and applies the journal).  Returns 0 or -1; a write that failed since
 * output_begin() makes it fail.  In place, a symbolic link or ".." met
 * inside the output on the way to a file is refused before anything is
 * changed.
 */
int output_commit(output *o);

/* Removes the temporary folder; the previous site is untouched. */
void output_abort(output *o);

/* Frees o (after commit or abort). */
void output_free(output *o);

/* Path of the temporary folder (for tests and messages). */
const char *output_tmpdir(const output *o);

/*
 * Calls fn for every file written so far (the service worker lists what
 * the site holds), in no particular order: relpath as given to
 * output_write(), and the file's size.  Stops and returns fn's value when
 * it is not 0.  Main thread, once the writers are done.  Returns 0, fn's
 * value, or -1 after reporting an error.
 */
typedef int (*output_each_fn)(void *ctx, const char *relpath, size_t size);
int output_each(output *o, output_each_fn fn, void *ctx);

/*
 * Calls fn for every file this build wrote itself (not linked or kept
 * from the previous one), with its size and modification time as
 * fstat() gave them before it was closed: the build's record
 * (incremental.h) needs them, and a stat() of each of 19,000 files by
 * path was serial time at the end of a 10,000-page build.  Same rules
 * as output_each(); nothing for an output in memory.
 */
typedef int (*output_written_fn)(void *ctx, const char *relpath, size_t size,
                                 const struct timespec *mtime);
int output_each_written(output *o, output_written_fn fn, void *ctx);

/*
 * A whole-folder swap (not in place) would delete what the webmaster put
 * in the output by hand (a .htaccess, a search engine's verification
 * file): with output_carry(), the previous site's files that no build of
 * fabrique made go into the new site (hard links; a symbolic link is
 * linked itself, never followed; an empty folder is made again), as an
 * update in place leaves them.  made(ctx, relpath) says whether an
 * earlier build made
 * relpath (its record); NULL when there is no record (the cache was
 * cleaned): then every file the new site lacks is set aside, hard-linked
 * into "OUT.fabrique-set-aside" beside the output (a new folder each
 * time: "-2", "-3"... when the name is taken, so that nothing set aside
 * before is replaced; a .gitignore in it keeps git from committing it),
 * and a warning names them, for a page removed
 * since must not stay published.  A file that can be neither carried nor
 * set aside makes output_commit() fail, the previous site kept, and
 * output_failed() true.
 */
typedef bool (*output_made_fn)(void *ctx, const char *relpath);
void output_carry(output *o, output_made_fn made, void *ctx);

/*
 * output_carry() from another folder than the output's previous site:
 * from_dir, the site the new one replaces (fabrique publish builds each
 * release into a new folder: from_dir is the release now live), and
 * made() its record.  from_dir itself is never written; the files a page
 * of this build takes the address of are set aside beside the output as
 * above.  Without a record (made NULL) nothing is carried or set aside,
 * since from_dir keeps its files: a warning says so.  The output must
 * not be updated in place (output_in_place()).  Call after output_carry()
 * (incremental_attach()): this replaces it.
 */
void output_carry_from(output *o, const char *from_dir, output_made_fn made,
                       void *ctx);

/* Reads back a file written earlier, or kept in place (reached without
 * following a symbolic link: one met is refused, see output_failed());
 * *data is malloc'ed (caller frees).  Returns 0, or -1 after reporting an
 * error. */
int output_read(output *o, const char *relpath, char **data, size_t *len);
/* The hash_hex() digest of such a file, read a piece at a time (a list
 * of 6 MB is never whole in memory).  0, or -1 after reporting. */
int output_hash(output *o, const char *relpath, char hex[HASH_HEX + 1]);

#endif
