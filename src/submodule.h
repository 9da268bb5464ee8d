/*
 * submodule.h - a folder of a commit that is a git submodule: its files.
 *
 * A theme kept as a submodule (git submodule add URL themes/montheme) is,
 * in the site's commit, no folder but a "gitlink": the id of a commit of
 * another repository, whose objects the site's repository does not hold.
 * A work tree has the submodule's files checked out (so --worktree and
 * fabrique serve saw them), a commit does not (outside tester 20 F9).
 * This finds that commit where git keeps it, and opens it as a source:
 *   1. the site's git folder, modules/NAME (git submodule update --init);
 *   2. the submodule's own checkout in the work tree (its .git);
 *   3. the URL .gitmodules gives, when it is a folder on this machine
 *      (relative to the site's remote "origin" when that is a folder,
 *      else to the site's repository, as git reads it): a server's bare
 *      repository, which has neither of the above, beside the theme's.
 * The first holding the commit is read: a commit id names its files, so
 * any repository holding it gives the same theme.
 */
#ifndef FABRIQUE_SUBMODULE_H
#define FABRIQUE_SUBMODULE_H

#include <stdbool.h>

#include "arena.h"
#include "diag.h"
#include "source.h"

typedef struct submodule_info {
	bool is_submodule; /* path is a gitlink of the commit */
	char commit[41];   /* the commit it names */
	const char *url;   /* from .gitmodules, or NULL */
	/* a repository of the submodule that was found but lacks the
	 * commit (not fetched yet), or NULL when none was found */
	const char *stale;
	bool bare; /* the site's repository is bare (a server) */
} submodule_info;

/*
 * The files of the submodule at path (a folder of super's commit, from
 * its root: "themes/montheme"), as a source whose root is the
 * submodule's; the caller frees it.  NULL when path is no submodule
 * (info->is_submodule false) or when no repository at hand holds its
 * commit (info says what was found, for the caller's message).
 */
source *submodule_open(source *super, const char *path, submodule_info *info,
                       arena *a, diag *d);

#endif
