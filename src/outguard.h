/*
 * outguard.h - what fabrique may replace, and how it says a disk is full.
 *
 * fabrique replaces folders as a whole (a build's output, publish's
 * deploy folder).  So that no command can delete a folder it did not
 * write, every such folder carries OUTGUARD_MARK, and a folder is
 * replaced only when it is missing, empty or marked.  Nor may an output
 * hold the repository or the site it is built from.  These rules, and
 * the one wording of a full disk, are shared by output.c and deploy.c.
 */
#ifndef FABRIQUE_OUTGUARD_H
#define FABRIQUE_OUTGUARD_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

/* The file at the root of every folder fabrique writes (a build's output,
 * a deploy folder): only such a folder, an empty one or a missing one is
 * ever replaced. */
#define OUTGUARD_MARK ".fabrique-site"

/*
 * 0 if dir is missing, empty or holds OUTGUARD_MARK; otherwise -1 after
 * reporting that it is not fabrique's (exit status 4).  output_begin()
 * (output.h) applies it to its folder; publish to its deploy folder.
 */
int outguard_check_owned(const char *dir, diag *d);

/*
 * The two kinds of fabrique's folders are never taken for one another:
 * a build into a deploy folder (deploy.h: its releases.list, its
 * current link) set its releases aside and took the live site down; a
 * publish into a built site put releases/ and current among its pages.
 * -1 after saying so (exit status 4), else 0.  what is "build" (dir is
 * a build's output) or "publish" (dir is a deploy folder).
 */
int outguard_check_kind(const char *dir, const char *what, diag *d);

/* Writes OUTGUARD_MARK into the existing folder dir.  0, or -1 reported. */
int outguard_mark(const char *dir, diag *d);

/*
 * Refuses (-1, reported) an output folder that is, or holds, one of the
 * folders in keep (NULL-terminated: the repository, its git folder, the
 * site folder), or that lies inside site.  Paths are compared resolved,
 * symbolic links followed, so "--out ../repo/." is seen through.
 */
int outguard_check_place(const char *out_dir, const char *const *keep,
                         const char *site, diag *d);

/* As outguard_check_owned(), for the folder name inside the folder
 * parentfd; shown is how messages name it. */
int outguard_check_owned_at(int parentfd, const char *name, const char *shown,
                            diag *d);

/* Writes OUTGUARD_MARK into the folder dirfd.  0, or -1 with errno. */
int outguard_write_mark(int dirfd);

/* True for the errno values of a full disk (ENOSPC, EDQUOT). */
bool outguard_errno_full(int e);

/*
 * Reports, in one line, that the disk holding dir is full: the space
 * needed (need bytes; 0 if not known) and the space free on the file
 * system of on (dir itself may not exist yet).  rewritten: 0 when need
 * is the new site's (a new folder beside the previous one), else the
 * number of files an update in place rewrites, need being the room
 * their new copies take beside the old ones (tester21 F3: "the new
 * site needs" said of 400 rewritten pages misled).  The one wording of
 * a full disk, for the build's output and the deploy folder alike.
 */
void outguard_say_full(diag *d, const char *dir, const char *on,
                       unsigned long long need, size_t rewritten);

/*
 * When err says fabrique may not write in dir (EACCES, EPERM, EROFS),
 * reports it in one line naming the folder's owner and the user
 * fabrique runs as, with the command that fixes it, and returns true;
 * false for any other err (the caller reports it).  A deploy folder
 * made by root for a hook that runs as the repository's user (outside
 * tester 25 F13) was « Permission denied », in English, and no more.
 */
bool outguard_say_denied(diag *d, const char *dir, int err);

#endif
