/*
 * history.h - when each file of the site was created and last changed,
 * and by whom, from ONE walk of the git history.
 *
 * Asking "git log" once per page is what makes generators slow on large
 * sites; here every commit reachable from the built one is visited once,
 * its site folder compared with its first parent's (identical folders are
 * skipped by their tree id), with rename detection so that a moved page
 * keeps its history.  Merges only count for what they changed themselves
 * (a file differing from every parent); what a merged branch brought is
 * counted at that branch's own commits.
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

struct git_repository;

typedef struct history history;

typedef struct history_file {
	long long created, updated; /* Unix times; 0 when not known */
	int created_tz, updated_tz; /* offsets from UTC, in minutes */
	const char *const *authors; /* distinct, most recent first */
	size_t nauthors;
} history_file;

/*
 * Walks the history of commit (hex id) in repo, for the files under
 * site_path ("" for the whole tree).  NULL after reporting an error
 * (unreadable objects); a shallow repository is not an error.
 */
history *history_walk(struct git_repository *repo, const char *commit,
                      const char *site_path, diag *d);
void history_free(history *h);

/* The history of a file by its tree path ("content/ateliers/x.md"), or
 * NULL for a file not in the built commit's site folder. */
const history_file *history_get(const history *h, const char *path);

/* True when the walk met commits whose parents are missing. */
bool history_shallow(const history *h);
/* Commits visited (for benchmarks and tests). */
size_t history_commits(const history *h);

#endif
