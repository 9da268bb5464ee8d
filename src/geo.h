/*
 * geo.h - where a commune is: its département and région from the INSEE
 * code, and its point on the network's map.
 *
 * The table of départements and régions is built in (101 départements,
 * Corsica's 2A and 2B, the overseas 971 to 976): it changes once in a
 * decade, and a network site must build the same on any machine.
 *
 * The map is an SVG drawn by fabrique, with no tiles and no request: an
 * equirectangular projection of metropolitan France (longitudes shrunk by
 * the cosine of 46.5°, which keeps shapes right at that latitude), an
 * approximate outline of the coast and borders, and one inset per
 * overseas territory, each with its own frame.
 */
#ifndef FABRIQUE_GEO_H
#define FABRIQUE_GEO_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

typedef struct geo_dept {
	const char *code;   /* "37", "2A", "974" */
	const char *name;   /* "Indre-et-Loire" */
	const char *region; /* région code, "24" */
} geo_dept;

typedef struct geo_region {
	const char *code; /* INSEE région code, "24" */
	const char *name; /* "Centre-Val de Loire" */
	const char *slug; /* "centre-val-de-loire" */
} geo_region;

/* The département of an INSEE commune code ("37299" -> 37, "2A004" ->
 * 2A, "97411" -> 974), or NULL if the code is not a commune's. */
const geo_dept *geo_dept_of_insee(const char *insee);
const geo_dept *geo_dept_find(const char *code);
const geo_region *geo_region_find(const char *code);
/* Every région, then every département, in INSEE order. */
size_t geo_region_count(void);
const geo_region *geo_region_at(size_t i);
size_t geo_dept_count(void);
const geo_dept *geo_dept_at(size_t i);

/* True if (lat, lon) is plausible for a commune of département d: inside
 * metropolitan France for a metropolitan one, inside its inset's frame
 * for an overseas one. */
bool geo_inside(const geo_dept *d, double lat, double lon);

/* A point of the map. */
typedef struct geo_point {
	double lat, lon;
	const geo_dept *dept;
	const char *label; /* the commune's name: the link's text */
	const char *url;   /* its page */
	bool highlight;    /* drawn larger (the page's own communes) */
} geo_point;

/*
 * Appends the map as an inline <svg> element: the outline, the insets,
 * one linked dot per point.  title names the map for screen readers.
 * Points outside their frame are left out.
 */
void geo_map_svg(buf *out, const geo_point *pts, size_t n, const char *title);

#endif
