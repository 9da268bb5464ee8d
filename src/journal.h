/*
 * journal.h - an output folder updated in place, that a crash cannot
 * leave half done.
 *
 * An edit build writes only the files that change, into a staging folder
 * beside the output (same file system).  When everything succeeded, the
 * list of what is to happen (each staged file renamed into the output,
 * each file no longer made removed) is written to a journal beside the
 * output and fsync()ed, then applied, and removed once the build's
 * record is saved.  Applying is idempotent (a staged file already moved
 * is skipped, a file already removed too), so a build that finds a
 * journal left by a killed one applies it again, from the start, before
 * anything else: the output never stays a mix of two builds.
 *
 * Every path is reached from the output folder's descriptor without
 * leaving it and without following a symbolic link (openat2() with
 * RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS, or a walk of O_NOFOLLOW opens
 * where the kernel lacks it): a link or ".." planted in the output can
 * never lead a rename or an unlink outside it.
 */
#ifndef FABRIQUE_JOURNAL_H
#define FABRIQUE_JOURNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"

/* What an update does: paths relative to the output, each one that
 * output_path_ok() (output.h) accepts. */
typedef struct journal_ops {
	const char **renames; /* staged files, moved into the output */
	size_t nrenames;
	const char **removes; /* files of the previous build, removed */
	size_t nremoves;
} journal_ops;

/*
 * Writes the journal name (beside the output, in the folder parentfd):
 * staging (the staging folder's name in parentfd) and ops, first to a
 * temporary file (tmpname), fsync()ed, renamed, the folder fsync()ed.
 * 0, or -1 with errno (nothing left behind but, at worst, tmpname).
 */
int journal_write(int parentfd, const char *name, const char *tmpname,
                  const char *staging, const journal_ops *ops);

/*
 * Reads the journal name in parentfd into *staging and *ops (allocated
 * in a).  A journal cut short or not of the expected form (a staging
 * name not starting with prefix, a path path_ok() refuses) is refused.
 * 0, or -1 with errno (ENOENT: there is none; EINVAL: not a journal).
 */
int journal_read(int parentfd, const char *name, const char *prefix,
                 bool (*path_ok)(const char *), arena *a, char **staging,
                 journal_ops *ops);

/*
 * Before the journal is written: -1 (errno ELOOP or EXDEV, *bad the
 * path) when a folder on the way to one of ops' paths inside the output
 * outfd is a symbolic link or leads out; 0 otherwise (folders that do
 * not exist yet are fine: they are moved in whole).
 */
int journal_check(int outfd, const journal_ops *ops, const char **bad);

/*
 * Applies ops: removals first (and the folders they leave empty), then
 * each staged file of stagefd renamed into outfd (a new folder moved in
 * whole, with what it holds).  0, or -1 with errno and *bad the path
 * that failed (the journal then stays, for the next build).
 */
int journal_apply(int outfd, int stagefd, const journal_ops *ops,
                  const char **bad);

#endif
