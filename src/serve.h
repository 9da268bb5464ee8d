/*
 * serve.h - fabrique serve: a preview of the site being edited.
 *
 * Builds the working tree (uncommitted edits included; --ref builds a
 * commit instead) into memory (output_begin_memory(): no file written,
 * no fsync, nothing read back), never public/, and serves it over HTTP
 * with libmicrohttpd.  inotify
 * watches the site, the repository's themes/ folder and the theme found
 * outside the repository (with --ref: the git folder's refs, so a new
 * commit on REF, and that theme); each change
 * (bursts coalesced) rebuilds, and the open pages reload by themselves
 * through Server-Sent Events, keeping their scroll position; the pages
 * open in a browser are rendered first and shown before the rest of the
 * site is rebuilt (serve.c: interim snapshots).  A failed
 * build keeps the last good site but every page then shows the errors
 * (overlay.h); fixing the file removes them.  A response is always one
 * whole build's file: a build's files are swapped in as one snapshot.
 */
#ifndef FABRIQUE_SERVE_H
#define FABRIQUE_SERVE_H

#include "build.h"

#define SERVE_PORT_DEFAULT 1313

typedef struct serve_opts {
	build_opts b;     /* site, repo, ref, drafts, jobs, strict... */
	const char *bind; /* NULL: 127.0.0.1 */
	int port;         /* 0: any free port; -1: SERVE_PORT_DEFAULT */
} serve_opts;

/* Runs until SIGINT or SIGTERM; returns the exit status (build.h). */
int serve_run(const serve_opts *o);

#endif
