#include "extras.h"

#include <pthread.h>
#include <stdbool.h>

#include "calendar.h"
#include "feeds.h"
#include "offline.h"
#include "opendata.h"
#include "search.h"
#include "stagetime.h"

/*
 * Order matters: the service worker lists and hashes what the output
 * holds, so it comes last, once the search index and the manifest exist.
 */
struct calendars {
	site *s;
	output *o;
	long long build_time;
	diag *d;
	bool verbose;
	int rc;
};

static void *
calendars_thread(void *arg)
{
	struct calendars *c = arg;
	stagetime t = stagetime_start(true);
	c->rc = calendar_write(c->s, c->o, c->build_time, c->d);
	if (c->verbose)
		stagetime_report(&t, "  calendars");
	return NULL;
}

/* --verbose: one line per output, with this thread's CPU (calendars are
 * made at the same time on another). */
static void
done(const extras_opts *eo, stagetime *t, const char *what)
{
	if (eo->verbose)
		stagetime_report(t, what);
	else
		stagetime_restart(t);
}

/*
 * Calendars (one file per workshop) and the search index are the two big
 * jobs; each has its own arena and only reads the site, so they run side
 * by side.  The service worker comes last: it lists what was written.
 */
int
extras_write(site *s, const theme *th, output *o, const extras_opts *eo,
             diag *d)
{
	int rc = 0;
	size_t index_size;
	struct calendars cal = {s, o, eo->build_time, d, eo->verbose, 0};
	/* fabrique check (and the pre-receive hook): of the outputs only
	 * the calendars can find an error in the content (a date no
	 * calendar can hold); feeds, search index, open data and service
	 * worker report none, and nothing is written. */
	if (o == NULL) {
		calendars_thread(&cal);
		return cal.rc;
	}
	pthread_t t;
	bool threaded = pthread_create(&t, NULL, calendars_thread, &cal) == 0;
	if (!threaded)
		calendars_thread(&cal);
	stagetime st = stagetime_start(true);
	if (feeds_write(s, o, eo->build_time, d) != 0)
		rc = -1;
	done(eo, &st, "  feeds and sitemap");
	if (search_write(s, eo->search, o, &index_size, d) != 0)
		rc = -1;
	done(eo, &st, "  search index");
	if (opendata_write(s, o, d) != 0)
		rc = -1;
	done(eo, &st, "  open data");
	if (threaded)
		pthread_join(t, NULL);
	if (cal.rc != 0)
		rc = -1;
	stagetime_restart(&st);
	if (rc == 0 && offline_write(s, th, o, NULL, d) != 0)
		rc = -1;
	done(eo, &st, "  offline (service worker)");
	return rc;
}
