/*
 * reseau_site.h - the network site's files, from the checked members:
 * the national home with its counts, one page per région, département
 * and commune, the map (geo.h), the search over every workshop
 * (search.h, the commune sites' index format and script), a calendar per
 * département (ics.h), an Atom feed of the communes that joined last,
 * and the theme's assets.
 */
#ifndef FABRIQUE_RESEAU_SITE_H
#define FABRIQUE_RESEAU_SITE_H

#include "arena.h"
#include "diag.h"
#include "output.h"
#include "reseau.h"
#include "reseau_cache.h"
#include "theme.h"

typedef struct reseau_site_in {
	reseau_commune *communes; /* sorted by département, then name */
	size_t n;
	const char *url; /* the network site's address without its last '/',
	                  * "https://federation.example/reseau" under a path
	                  * (urlbase.h), "" if unknown */
	const char *title;
	long long build_time;
	reseau_cache *cache; /* the last build's keys; this one's put here */
	reseau_load_fn load; /* for communes whose events are not loaded */
	void *load_ctx;
} reseau_site_in;

/* True when e calls for volunteers as the commune's own pages would:
 * some wanted, and it is neither done, cancelled nor full; day gets its
 * last day (the commune's date of its last end), after which it is past
 * and calls no more. */
bool reseau_site_calls(const reseau_event *e, char day[11]);

/* Writes every file into o.  0, or -1 after reporting. */
int reseau_site_write(const reseau_site_in *in, theme *th, output *o, arena *a,
                      diag *d);

#endif
