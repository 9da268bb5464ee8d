/*
 * overlay.h - what fabrique serve adds to the pages it serves: the live
 * reload snippet and, after a failed build, the error overlay.
 *
 * Only the server adds them, to its responses: a real build never holds
 * either.  The overlay lists each diagnostic as the terminal shows it
 * (file:line:col, in the editor's language), the offending lines of the
 * file with the column marked, and the hint (the part of the message
 * after "; ").
 */
#ifndef FABRIQUE_OVERLAY_H
#define FABRIQUE_OVERLAY_H

#include <stddef.h>

#include "diag.h"

typedef struct overlay overlay;

/* root: the folder that diagnostics' file paths are relative to; lang:
 * "fr" or "en". */
overlay *overlay_new(const char *root, const char *lang);
void overlay_free(overlay *o);

/* A diag_observer: collects one diagnostic (ctx is the overlay). */
void overlay_collect(void *ctx, diag_level lvl, const char *file, unsigned line,
                     unsigned col, const char *msg);
size_t overlay_errors(const overlay *o);

/* The overlay's HTML fragment (malloc'ed). */
char *overlay_html(const overlay *o);

/*
 * page with, before </body> (or at the end), the reload script for build
 * version and, when fragment is not NULL, the overlay; both are asked of
 * base + "/_fabrique/" (base: the site's path, "/journee", or ""), so
 * that a proxy forwarding only the site's path forwards them too.
 * Returns a malloc'ed copy; *outlen its length.
 */
char *overlay_inject(const char *page, size_t len, unsigned long version,
                     const char *fragment, const char *base, size_t *outlen);

/* The script and stylesheet the snippet loads, served under /_fabrique/
 * (at the host's root and under the site's path); the script asks for
 * the events beside itself. */
extern const char overlay_live_js[];
extern const char overlay_css[];

#endif
