/*
 * render.h - turns the site model into files.
 *
 * Pages are rendered by a pool of threads (one per core by default), each
 * taking the next page, rendering its Markdown and its template with an
 * arena of its own, and writing it at once: memory stays flat however
 * many pages the site has.  Then files the content links to and the
 * theme's assets are copied, from the calling thread since sources are
 * not thread-safe.
 */
#ifndef FABRIQUE_RENDER_H
#define FABRIQUE_RENDER_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "interrupt.h"
#include "output.h"
#include "rendercache.h"
#include "site.h"
#include "source.h"
#include "theme.h"

/*
 * Incremental builds: keep() is asked, with a page's output path and a
 * key (hex) of everything its template reads, whether the previous
 * build's file for it, made from the same key, was kept (hard-linked):
 * then the template is not rendered.  made() records the key of a page
 * written.  Both thread-safe.
 */
typedef struct render_reuse {
	bool (*keep)(void *ctx, const char *relpath, const char *key);
	void (*made)(void *ctx, const char *relpath, const char *key);
	void *ctx;
} render_reuse;

typedef struct render_opts {
	int jobs;             /* threads; 0 = one per online core */
	bool progress;        /* a progress line on stderr (a terminal) */
	long long build_time; /* commit time (see extras.h) */
	const char *commit;
	rendercache *cache; /* NULL: every page's Markdown rendered */
	/* fabrique serve: the pages open in a browser ("a/index.html"),
	 * rendered before the others so they can be shown at once */
	const char *const *first;
	size_t nfirst;
	const interrupt *stop;     /* raised: no more pages are taken */
	const atomic_bool *cancel; /* the same (build_opts cancel) */
	const render_reuse *reuse; /* NULL: every page's template rendered */
	bool verbose;              /* a line per step on stderr (stagetime.h) */
	/* the cache folder where search records and calendar events are
	 * kept for the next build (recstore.h); NULL: made afresh */
	const char *records;
} render_opts;

typedef struct render_stats {
	size_t pages, files, assets, bytes;
	size_t kept; /* pages whose previous file was kept (reuse) */
} render_stats;

/* Checks that the theme has a template for every page's layout. */
int render_check_layouts(const site *s, const theme *th, diag *d);

/* o may be NULL: everything is rendered, nothing written (check mode). */
int render_site(site *s, theme *th, source *src, output *o,
                const render_opts *ro, render_stats *st, diag *d);

#endif
