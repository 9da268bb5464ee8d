/*
 * hook.h - fabrique as the git hooks of the commune's bare repository.
 *
 * pre-receive checks, strictly, the state a push would publish (the new
 * tip of the published branch) and refuses the push if it has errors;
 * earlier commits of the push are reported as notes only, so an editor
 * recovers by pushing a fix on top.  Deleting the published branch is
 * refused.  git shows the hook's messages to the editor prefixed with
 * "remote:", in the site's language (langue in site.yaml).
 * A forced push that drops published commits is accepted when its tip
 * is valid, and names them with how to bring them back.
 * post-receive publishes the branch's head (deploy.h); when it cannot,
 * it says last, in the editor's words, that the push is not online and
 * the command that publishes it once the cause is corrected.
 *
 * Both read git's standard hook input ("OLD NEW REF" lines).  Settings
 * default to what the repository says; git config overrides them:
 *
 *   fabrique.branch   the published branch (default: the one HEAD names)
 *   fabrique.site     SITE inside the tree (default: where site.yaml is,
 *                     the root or content/; both or neither: refused)
 *   fabrique.strict   unknown fields are errors (default: true)
 *   fabrique.out      the deploy folder (post-receive; or --out)
 *   fabrique.keep     releases kept (post-receive; default 5)
 *
 * When the hook cannot decide what to check, a push to the published
 * branch is refused with the reason: never accepted unchecked.  The
 * repository is the one git runs the hook in (GIT_DIR), or --repo.
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
	bool today;   /* post-receive: dates compare with today (build.h) */
	bool verbose; /* each stage's time and memory (the tip's check, the
	                 publication's build), for the server's operator */
} hook_opts;

/* Runs the hook on the lines of in; returns the exit status: 0 accepts
 * (pre-receive) or published (post-receive). */
int hook_run(const hook_opts *o, FILE *in, diag *d);

#endif
