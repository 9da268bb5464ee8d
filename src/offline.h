/*
 * offline.h - the site on a phone with no network: the web manifest and
 * the service worker.
 *
 * /sw.js is rendered from the theme's templates/sw.mustache with the list
 * of URLs to precache and a version: a hash of every precached URL and
 * of its content's hash (hash.h), so a build that changes a page
 * gives a new version (the browser installs the new worker, which drops
 * the old cache) and a build that changes nothing gives the same bytes.
 *
 * What is precached is bounded by a budget in bytes (site.yaml's
 * hors_ligne.budget_ko, default OFFLINE_DEFAULT_BUDGET_KO) that counts
 * everything listed, so a phone never downloads more than that on
 * install, whatever the size of the site.  The shell (home, offline page,
 * 404, the theme's assets, the manifest and the logo) is always listed:
 * it is what makes the site open at all.  Then, in this order, each part
 * as long as it fits: the programme, the search (page and index,
 * together or not at all), the current edition's page, and, one file at
 * a time, the current edition's workshops, the other pages and
 * thumbnails, other published files, past editions.  What is left out
 * reaches the phone when the resident visits it or keeps it (the "keep
 * on this phone" button, which the theme's sw.mustache caches apart), and
 * the build says so in a note.  Full-size photos, calendars, feeds and
 * sitemaps are never precached.
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
	OFFLINE_SHELL =
	    0, /* always, but a theme's font or picture over budget */
	OFFLINE_PROGRAMME, /* these three: whole or not at all */
	OFFLINE_SEARCH,
	OFFLINE_EDITION,
	OFFLINE_CURRENT, /* these: one file at a time */
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

/* One class's files: how many, how many bytes, and how much was listed. */
typedef struct offline_part {
	size_t files, bytes;
	size_t kept, kept_bytes;
} offline_part;

typedef struct offline_stats {
	size_t files, bytes; /* precached */
	size_t skipped;      /* left out by the budget */
	size_t budget;       /* in bytes */
	offline_part parts[OFFLINE_NCLASSES];
	char version[17];
} offline_stats;

/* URL of an output path: "a/index.html" -> "/a/", "x.css" -> "/x.css". */
const char *offline_url(arena *a, const char *path);

/* True for image variants no wider than OFFLINE_THUMB_MAX ("x-480.webp"). */
bool offline_is_thumbnail(const char *path);

/* Sorts files by class then path and selects them: the shell always
 * (but a font or picture of assets/ larger than the whole budget),
 * then the other classes in order as long as they fit in budget bytes
 * (the programme, search and edition classes whole or not at all).
 * parts, if not NULL, gets each class's totals. */
void offline_select(offline_file *files, size_t n, size_t budget,
                    offline_part parts[OFFLINE_NCLASSES]);

/* Writes manifest.webmanifest and sw.js from what o holds (o NULL: does
 * nothing).  st, if not NULL, gets what was precached. */
int offline_write(site *s, const theme *th, output *o, offline_stats *st,
                  diag *d);

#endif
