/*
 * deploy.h - atomic publication of built sites, and going back.
 *
 * A deploy folder DIR holds:
 *
 *   DIR/releases/<commit>/   one built site per published commit
 *   DIR/current              symbolic link to releases/<commit>: what the
 *                            web server serves
 *   DIR/releases.list        published commits, oldest first
 *   DIR/rollbacks.list       releases taken down by rollback, which
 *                            publish does not put back (see below)
 *
 * Publishing builds the commit into its release folder (through
 * build_run(), so a failed or killed build leaves nothing half-written),
 * then points `current` at it by renaming a new symbolic link over the
 * old one: rename(2) is atomic, so a reader sees the old site or the new
 * one, never a mix or nothing.  The last N releases are kept, so going
 * back is a switch of the link, not a rebuild; a release's files equal
 * to the live release's are hard links to them (output_reuse_from()), so
 * N releases take about one site and what changed.  Publications into one
 * DIR are serialised with a lock on DIR/.lock (a second push waits).
 */
#ifndef FABRIQUE_DEPLOY_H
#define FABRIQUE_DEPLOY_H

#include "build.h"
#include "diag.h"

enum { DEPLOY_KEEP_DEFAULT = 5 };

/*
 * Builds o's commit (o->site, o->repo, o->ref; o->out is ignored) into
 * dir/releases/<commit>/ and switches dir/current to it; keeps the last
 * keep releases (at least 1: the current one).  A commit a rollback took
 * down is not published again: current stays (rebuilt for a new day
 * with o->today) until another commit is published.  Returns a build
 * status.
 */
enum build_status deploy_publish(const build_opts *o, const char *dir, int keep,
                                 diag *d);

/*
 * Points dir/current back at the release published before it, and drops
 * the release it left from the list (a second rollback goes further
 * back), recording it in dir/rollbacks.list.  BUILD_OUTPUT when there is
 * no earlier release kept.
 */
enum build_status deploy_rollback(const char *dir, diag *d);

/* The commit dir/current points at (a malloc'ed hex id), or NULL. */
char *deploy_current(const char *dir);

#endif
