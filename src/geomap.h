/*
 * geomap.h - a commune's point on the network's map (reseau_site.c).
 *
 * The map is an SVG drawn by fabrique, with no tiles and no request: an
 * equirectangular projection of metropolitan France (longitudes shrunk by
 * the cosine of 46.5°, which keeps shapes right at that latitude), an
 * approximate outline of the coast and borders, and one inset per
 * overseas territory, each with its own frame.
 */
#ifndef FABRIQUE_GEOMAP_H
#define FABRIQUE_GEOMAP_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "geo.h"

/* True if (lat, lon) is plausible for a commune of département d: inside
 * metropolitan France for a metropolitan one, inside its inset's frame
 * for an overseas one. */
bool geomap_inside(const geo_dept *d, double lat, double lon);

/* A point of the map. */
typedef struct geomap_point {
	double lat, lon;
	const geo_dept *dept;
	const char *label; /* the commune's name: the link's text */
	const char *url;   /* its page */
	bool highlight;    /* drawn larger (the page's own communes) */
} geomap_point;

/*
 * Appends the map as an inline <svg> element: the outline, the insets,
 * one linked dot per point.  title names the map for screen readers.
 * Points outside their frame are left out.
 */
void geomap_svg(buf *out, const geomap_point *pts, size_t n, const char *title);

#endif
