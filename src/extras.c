#include "extras.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>

#include "calendar.h"
#include "feeds.h"
#include "offline.h"
#include "opendata.h"
#include "revtable.h"
#include "search.h"
#include "stagetime.h"
#include "wholesite.h"

/*
 * The outputs made from the whole site share two threads (a large site's
 * calendars alone take as long as the others together, so they come in
 * two parts): each thread takes the next task of the list, biggest
 * first.  Each task only reads the site and has its own arena; what
 * they report is reported in the same order as on one thread (the
 * calendars' messages in page order, by calendar_finish()).  The service
 * worker comes last, alone: it lists and hashes what the others wrote.
 */
enum task { CAL_A, CAL_B, OPEN_DATA, SEARCH_INDEX, FEEDS, NTASKS };
#define CAL_PARTS 2

struct pool {
	site *s;
	output *o;
	const extras_opts *eo;
	diag *d;
	calendar_job *cal;    /* NULL: the time zone is unknown (reported) */
	revtable *revs;       /* the workshops' revisions, for both */
	calendar_words words; /* the theme's « Annulé », « Rendez-vous »… */
	stagetime cal_start; /* wall time from the first part to the end */
	double cal_cpu;      /* CPU of the parts, under lock */
	atomic_int cal_left; /* parts not yet done */
	atomic_int next;     /* the next task to take */
	atomic_int rc;
	pthread_mutex_t lock; /* cal_cpu */
};

static void
fail(struct pool *p)
{
	atomic_store(&p->rc, -1);
}

/* --verbose: one line per output, with the CPU of the thread that made
 * it (the outputs are made at the same time on two). */
static void
done(const struct pool *p, stagetime *t, const char *what)
{
	if (p->eo->verbose)
		stagetime_report(t, what);
}

/* A part of the calendars; the thread that finishes the last part
 * writes the programme and reports. */
static void
calendar_task(struct pool *p, size_t k)
{
	stagetime t = stagetime_start(true);
	if (p->cal != NULL)
		calendar_part(p->cal, k);
	stagetime end = stagetime_start(true);
	pthread_mutex_lock(&p->lock);
	p->cal_cpu += end.cpu - t.cpu;
	pthread_mutex_unlock(&p->lock);
	if (atomic_fetch_sub(&p->cal_left, 1) != 1)
		return;
	stagetime f = stagetime_start(true);
	if (calendar_finish(p->cal) != 0)
		fail(p);
	stagetime fin = stagetime_start(true);
	if (p->eo->verbose)
		stagetime_report_total(
		    &p->cal_start, p->cal_cpu + fin.cpu - f.cpu, "  calendars");
}

/* programme.json, .csv and -tableur.csv, each kept when the last build made it
 * from the same key (extras_opts), else written, each event's pieces kept
 * in the cache folder by their own key (opendata_records). */
static int
open_data(struct pool *p)
{
	const extras_opts *eo = p->eo;
	const char *key = eo->opendata_key;
	opendata_records rec = {
	    .dir = eo->records, .views = eo->views, .keyed = eo->view_keyed};
	bool json = true, csv = true, sheet = true;
	if (key != NULL && eo->keep != NULL) {
		json = !eo->keep(eo->reuse_ctx, WHOLESITE_OPENDATA_JSON, key);
		csv = !eo->keep(eo->reuse_ctx, WHOLESITE_OPENDATA_CSV, key);
		sheet = !eo->keep(eo->reuse_ctx, WHOLESITE_OPENDATA_SHEET, key);
		if (!json && !csv && !sheet)
			return 0;
	}
	if (opendata_write_some(p->s, p->o, json, csv, sheet, p->revs, &rec,
	                        p->d) != 0)
		return -1;
	if (eo->verbose && rec.got + rec.put > 0)
		fprintf(stderr,
		        "fabrique:   programme records of %zu event(s) reused, "
		        "%zu made\n",
		        rec.got, rec.put);
	if (key == NULL || eo->keep == NULL)
		return 0;
	if (json)
		eo->made(eo->reuse_ctx, WHOLESITE_OPENDATA_JSON, key);
	if (csv)
		eo->made(eo->reuse_ctx, WHOLESITE_OPENDATA_CSV, key);
	if (sheet)
		eo->made(eo->reuse_ctx, WHOLESITE_OPENDATA_SHEET, key);
	return 0;
}

static void
run_task(struct pool *p, enum task k)
{
	stagetime t = stagetime_start(true);
	size_t index_size;
	long patched = -1;
	switch (k) {
	case CAL_A:
	case CAL_B: calendar_task(p, k == CAL_A ? 0 : 1); break;
	case OPEN_DATA:
		if (open_data(p) != 0)
			fail(p);
		done(p, &t, "  open data");
		break;
	case SEARCH_INDEX:
		if (search_write(p->s, p->eo->search, p->eo->search_keep, p->o,
		                 &index_size, &patched, p->d) != 0)
			fail(p);
		done(p, &t, "  search index");
		if (p->eo->verbose && patched >= 0)
			fprintf(stderr,
			        "fabrique:   search index: the last build's "
			        "terms patched for %ld page(s)\n",
			        patched);
		break;
	case FEEDS:
		if (feeds_write(p->s, p->o, p->eo->build_time,
		                p->words.cancelled, p->words.lang, p->d) != 0)
			fail(p);
		done(p, &t, "  feeds and sitemap");
		break;
	case NTASKS: break;
	}
}

/*
 * The order the threads take the tasks in, the longest first.  The
 * search index comes first: in an edit the calendars and open data are
 * kept from the last build (a lookup each), so the index, made whole,
 * is the long task, and after a half of the calendars on the same
 * thread it made the other wait; in a cold build the index and a half
 * of the calendars share a thread either way.
 */
static const enum task build_order[] = {SEARCH_INDEX, CAL_A, CAL_B, OPEN_DATA,
                                        FEEDS};
/* fabrique check (and the pre-receive hook) makes the calendars only:
 * of the outputs only they can find an error in the content (a date no
 * calendar can hold); feeds, search index, open data and service worker
 * report none, and nothing is written. */
static const enum task check_order[] = {CAL_A, CAL_B};

static int
ntasks(const struct pool *p)
{
	return p->o == NULL ? (int)(sizeof(check_order) / sizeof(*check_order))
	                    : (int)(sizeof(build_order) / sizeof(*build_order));
}

static void *
worker(void *arg)
{
	struct pool *p = arg;
	int k;
	while ((k = atomic_fetch_add(&p->next, 1)) < ntasks(p))
		run_task(p, p->o == NULL ? check_order[k] : build_order[k]);
	return NULL;
}

int
extras_write(site *s, const theme *th, output *o, const extras_opts *eo,
             diag *d)
{
	struct pool p = {.s = s, .o = o, .eo = eo, .d = d};
	pthread_mutex_init(&p.lock, NULL);
	atomic_init(&p.cal_left, CAL_PARTS);
	atomic_init(&p.next, 0);
	atomic_init(&p.rc, 0);
	p.cal_start = stagetime_start(false);
	p.revs = o != NULL ? revtable_new(s) : NULL;
	const value *i18n = theme_i18n(th);
	p.words = (calendar_words){
	    theme_text(i18n, "statuts.annule", "Annulé"),
	    theme_text(i18n, "libelles.rendez_vous", "Rendez-vous"),
	    theme_text(i18n, "libelles.repli_pluie", "En cas de pluie"),
	    value_get_string(value_get(site_view(s), "langue"))};
	p.cal = calendar_begin(s, o, eo->build_time, CAL_PARTS, &p.words,
	                       p.revs, d);
	if (eo->keep != NULL)
		calendar_reuse(p.cal, eo->keep, eo->made, eo->reuse_ctx);
	if (eo->keep != NULL && eo->views != NULL)
		calendar_views(p.cal, eo->views, eo->view_keyed);
	pthread_t t;
	bool threaded =
	    eo->jobs != 1 && pthread_create(&t, NULL, worker, &p) == 0;
	worker(&p);
	if (threaded)
		pthread_join(t, NULL);
	pthread_mutex_destroy(&p.lock);
	revtable_free(p.revs);
	int rc = atomic_load(&p.rc);
	if (o == NULL)
		return rc;
	stagetime st = stagetime_start(true);
	if (rc == 0 && offline_write(s, th, o, NULL, d) != 0)
		rc = -1;
	if (eo->verbose)
		stagetime_report(&st, "  offline (service worker)");
	return rc;
}
