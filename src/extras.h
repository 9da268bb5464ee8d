/*
 * extras.h - files made from the whole site rather than from one page:
 * calendars (.ics), the Atom feed, sitemap.xml and robots.txt, the search
 * index, the open data (programme.json, programme.csv), the web manifest
 * and the service worker.
 *
 * Called once by the renderer after every page was written (so the
 * service worker can list what the output holds), from the main thread,
 * which makes them with one more thread (extras.c).
 */
#ifndef FABRIQUE_EXTRAS_H
#define FABRIQUE_EXTRAS_H

#include "calendar.h"
#include "diag.h"
#include "output.h"
#include "search.h"
#include "site.h"
#include "theme.h"

typedef struct extras_opts {
	long long build_time; /* commit time: DTSTAMP, feed dates */
	const char *commit;   /* commit id, or NULL for a folder build */
	/* one per page, made by the render workers; NULL: made here */
	search_record *const *search;
	/* the cache folder where the last build's search index is kept
	 * (search_write()), or NULL */
	const char *search_keep;
	bool verbose; /* a line per output on stderr (stagetime.h) */
	int jobs;     /* 1: one thread; otherwise two */
	/* incremental builds: workshop calendars made from the same key
	 * as last time are kept (calendar_reuse()); NULL: all made */
	calendar_keep_fn keep;
	calendar_made_fn made;
	void *reuse_ctx;
	/* with keep and made: the key of the open data's inputs (render.c
	 * opendata_key()); both files kept when the last build's were made
	 * from it.  NULL: made */
	const char *opendata_key;
	/* with keep and made: each page's view digest, when keyed (render.c;
	 * see calendar_views()); NULL: the calendars keyed by their fields */
	const viewhash_digest *views;
	const bool *view_keyed;
	/* with views: the cache folder where each event's pieces of the
	 * open data are kept (opendata_records), or NULL */
	const char *records;
} extras_opts;

/* o may be NULL (check mode): everything is computed, nothing written. */
int extras_write(site *s, const theme *th, output *o, const extras_opts *eo,
                 diag *d);

#endif
