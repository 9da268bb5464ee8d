/*
 * offline.h - the site on a phone with no network: the web manifest and
 * the service worker.
 *
 * /sw.js is rendered from the theme's templates/sw.mustache with the list
 * of URLs to precache and a version: a hash of every precached URL and
 * of its content's hash (git blob ids), so a build that changes a page
 * gives a new version (the browser installs the new worker, which drops
 * the old cache) and a build that changes nothing gives the same bytes.
 *
 * What is precached, in this order, within a budget (site.yaml's
 * hors_ligne.budget_ko, default OFFLINE_DEFAULT_BUDGET_KO): the core
 * (home, programme, search page and its index, offline page, 404, the
 * theme's assets, the manifest and the logo, the current edition's page,
 * always, whatever the budget), the current edition's workshops, the
 * other pages and thumbnails, other published files, and last the past
 * editions, which a large site leaves to be cached as they are visited.
 * Full-size photos, calendars, feeds and sitemaps are never precached.
 */
#ifndef FABRIQUE_OFFLINE_H
#define FABRIQUE_OFFLINE_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "output.h"
#include "site.h"
#include "theme.h"

#define OFFLINE_DEFAULT_BUDGET_KO 5120
#define OFFLINE_THUMB_MAX 480 /* widest image variant precached */
#define OFFLINE_PAGE_URL "/hors-ligne/"

enum offline_class {
	OFFLINE_NEVER = -1,
	OFFLINE_CORE = 0,
	OFFLINE_CURRENT,
	OFFLINE_CONTENT,
	OFFLINE_FILES,
	OFFLINE_PAST,
	OFFLINE_NCLASSES
};

typedef struct offline_file {
	const char *path; /* output path: "ateliers/x/index.html" */
	size_t size;
	int cls;       /* enum offline_class */
	bool selected; /* set by offline_select() */
} offline_file;

typedef struct offline_stats {
	size_t files, bytes; /* precached */
	size_t skipped;      /* left out by the budget */
	char version[17];
} offline_stats;

/* URL of an output path: "a/index.html" -> "/a/", "x.css" -> "/x.css". */
const char *offline_url(arena *a, const char *path);

/* True for image variants no wider than OFFLINE_THUMB_MAX ("x-480.webp"). */
bool offline_is_thumbnail(const char *path);

/* Sorts files by class then path and selects them: every core file, then
 * the others in order as long as they fit in budget bytes. */
void offline_select(offline_file *files, size_t n, size_t budget);

/* Writes manifest.webmanifest and sw.js from what o holds (o NULL: does
 * nothing).  st, if not NULL, gets what was precached. */
int offline_write(site *s, const theme *th, output *o, offline_stats *st,
                  diag *d);

#endif
