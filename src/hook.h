/*
 * hook.h - fabrique as the git hooks of the commune's bare repository.
 *
 * pre-receive checks every commit pushed to the published branch and
 * refuses the push if one has errors, so nothing invalid ever reaches
 * that branch; git shows the hook's messages to the editor prefixed with
 * "remote:".  post-receive publishes the branch's new head (deploy.h).
 *
 * Both read git's standard hook input ("OLD NEW REF" lines) and the
 * repository's configuration:
 *
 *   fabrique.branch   the published branch (default: main)
 *   fabrique.site     SITE inside the tree (default: content)
 *   fabrique.out      the deploy folder (post-receive; or --out)
 *   fabrique.keep     releases kept (post-receive; default 5)
 *
 * The repository is the one git runs the hook in (GIT_DIR), or --repo.
 */
#ifndef FABRIQUE_HOOK_H
#define FABRIQUE_HOOK_H

#include <stdio.h>

#include "build.h"
#include "diag.h"

typedef struct hook_opts {
	const char *name; /* "pre-receive" or "post-receive" */
	const char *site; /* NULL: fabrique.site */
	const char *repo; /* NULL: GIT_DIR, else the current folder */
	const char *out;  /* NULL: fabrique.out */
	int keep;         /* 0: fabrique.keep */
	int jobs;
	bool quiet;
} hook_opts;

/* Runs the hook on the lines of in; returns the exit status: 0 accepts
 * (pre-receive) or published (post-receive). */
int hook_run(const hook_opts *o, FILE *in, diag *d);

#endif
