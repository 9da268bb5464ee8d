/*
 * history.h - when each file of the site was created and last changed,
 * and by whom, from ONE walk of the git history.
 *
 * Asking "git log" once per page is what makes generators slow on large
 * sites; here every commit reachable from the built one is visited once,
 * its site folder compared with its first parent's (identical folders are
 * skipped by their tree id), with rename detection so that a moved page
 * keeps its history, also when the commit that renamed it gave its old
 * name to a new file (next year's workshop).  Merges only count for
 * what they changed themselves (a file differing from every parent);
 * what a merged branch brought is counted at that branch's own commits.
 *
 * Dates are the author's (when the editor wrote the change) as Unix times
 * with the author's time zone offset, so the calendar day shown is the
 * editor's.  Names go through the repository's .mailmap.
 *
 * A shallow clone stops at commits whose parents are missing: files they
 * hold have no known creation date, and a file not changed since has no
 * known update date either.  Nothing is ever guessed; history_shallow()
 * tells the caller to say so.
 */
#ifndef FABRIQUE_HISTORY_H
#define FABRIQUE_HISTORY_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "source.h"

struct git_repository;

typedef struct history history;

typedef struct history_file {
	long long created, updated; /* Unix times; 0 when not known */
	int created_tz, updated_tz; /* offsets from UTC, in minutes */
	const char *const *authors; /* distinct, most recent first */
	size_t nauthors;
	/* its names in older commits, relative to the site folder, the
	 * most recent first: renames the walk found (most of the content
	 * kept); none when it was never moved */
	const char *const *former;
	size_t nformer;
	/* the ranks, in the walk, of the commit that last changed it (0:
	 * none met, a shallow clone's boundary) and of those that renamed
	 * it away from each former name (parallel to former).  The walk
	 * visits children first: rank 1 is the built commit, and a commit
	 * always has a higher rank than the commits made on top of it */
	size_t changed_at;
	const size_t *former_at;
	/* the blob ids (hex) of its versions: each commit that changed it
	 * gives one, in the walk's order (children first, the newest
	 * commit first), following its renames; what a calendar reads to
	 * count how often a workshop was rescheduled (eventrev.h) */
	const char *const *versions;
	size_t nversions;
	/* parallel to versions: the rank in the walk of the commit that
	 * made each (as changed_at), and its author's Unix time: what puts
	 * the versions of several files in one order, and dates a change
	 * (a workshop's events moved by its edition's day, eventrev.h) */
	const size_t *version_at;
	const long long *version_time;
} history_file;

/*
 * Walks the history of commit (hex id) in repo, for the files under
 * site_path ("" for the whole tree).  NULL after reporting an error
 * (unreadable objects); a shallow repository is not an error.
 */
history *history_walk(struct git_repository *repo, const char *commit,
                      const char *site_path, diag *d);
void history_free(history *h);

/*
 * The same walk for a git source's built commit and site folder, made
 * on a thread of its own while the caller reads the pages (the walk
 * needs none of them: at 10,000 pages it took ~0.1 s of the main
 * thread's loading while the other core waited).  The thread opens its
 * own handle on the repository (source_repo_reopen()); src must stay
 * open until history_finish(), which waits for it and returns what
 * history_walk() would: the shallow clone's warning is reported then,
 * in the build's order; a thread that could not open the repository or
 * read the history leaves the walk to history_finish(), on the caller's
 * thread with src's handle, which reports the error as history_walk()
 * does.  history_start() returns NULL for a folder source (and
 * history_finish(NULL, d) returns NULL).  history_finish(j, NULL) stops
 * the walk and frees it: a build that fails before it needs the
 * history.
 */
typedef struct history_job history_job;
history_job *history_start(const source *src);
history *history_finish(history_job *j, diag *d);

/* The history of a file by its tree path ("content/ateliers/x.md"), or
 * NULL for a file not in the built commit's site folder. */
const history_file *history_get(const history *h, const char *path);

/* The files of the built commit that had other names before (their
 * tree paths, in the order the walk found them; history_get() gives
 * those names): what a site checks for pages whose address moved,
 * without looking at every file. */
const char *const *history_renamed(const history *h, size_t *n);

/* The file (its tree path at the built commit) that was called rel,
 * relative to the site folder, until it was renamed (the most recent
 * such rename, its rank in *at); NULL when none was.  A link written
 * before that rank to rel meant that file, whatever holds rel now (a
 * workshop renamed nettoyer-2026.md, and a new nettoyer.md for the
 * next year, in one commit or two). */
const char *history_name_left(const history *h, const char *rel, size_t *at);

/* The author names left out of every file's authors because they hold
 * an e-mail address or a phone number (a git user.name set to the
 * address): each once, in the order the walk met them, for the site to
 * warn about when it publishes names.  Names are UTF-8: an ISO-8859-1
 * commit's (its "encoding" header, or bytes that are not UTF-8) are
 * decoded. */
const char *const *history_hidden(const history *h, size_t *n);

/*
 * A file of an earlier commit that no commit since holds (deleted, not
 * renamed: a rename is the file's own history), its tree path as it
 * was: what a site checks for workshops deleted to cancel them, which
 * residents' calendars would never learn (outside tester 25 F20).  Each
 * path once, at its most recent deletion; merges are left out (a
 * deletion is counted at the branch's own commit).
 */
typedef struct history_gone {
	const char *path;   /* its tree path ("content/ateliers/x.md") */
	const char *blob;   /* its last version (hex blob id) */
	const char *commit; /* the commit that deleted it (hex) */
	long long time;     /* that commit's author's Unix time */
	int tz;             /* its offset from UTC, in minutes */
} history_gone;

/* The deleted files, the most recently deleted first. */
const history_gone *history_deleted(const history *h, size_t *n);

/* True when the walk met commits whose parents are missing. */
bool history_shallow(const history *h);
/* Commits visited (for benchmarks and tests). */
size_t history_commits(const history *h);

#endif
