/*
 * geo.h - where a commune is: its département and région from the INSEE
 * code, and the one rule saying which codes a commune can have (for
 * `fabrique reseau`, `fabrique init --insee` and site.yaml's check).
 * Its point on the network's map is geomap.h's.
 *
 * The table of départements and régions is built in (101 départements,
 * Corsica's 2A and 2B, the overseas 971 to 976): it changes once in a
 * decade, and a network site must build the same on any machine.
 */
#ifndef FABRIQUE_GEO_H
#define FABRIQUE_GEO_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"

typedef struct geo_dept {
	const char *code;   /* "37", "2A", "974" */
	const char *name;   /* "Indre-et-Loire" */
	const char *region; /* région code, "24" */
	/* The highest commune number INSEE has given in it (the code's
	 * last 3 digits, 2 overseas), over current communes, delegated
	 * and associated ones and Paris, Lyon and Marseille's
	 * arrondissements: "12307" is Aveyron's last; "12345" none. */
	int last;
} geo_dept;

typedef struct geo_region {
	const char *code; /* INSEE région code, "24" */
	const char *name; /* "Centre-Val de Loire" */
	const char *slug; /* "centre-val-de-loire" */
} geo_region;

/* Why a text cannot be an INSEE commune code, or GEO_INSEE_OK. */
typedef enum {
	GEO_INSEE_OK,
	GEO_INSEE_FORM,   /* not 5 characters: 2 of a département, 3 digits */
	GEO_INSEE_DEPT,   /* no such département (20, 96, 98...) */
	GEO_INSEE_NUMBER, /* 000, or past the département's last number */
} geo_insee;

/*
 * The département of an INSEE commune code ("37214" -> 37, "2A004" ->
 * 2A, "97411" -> 974), or NULL if it cannot be a commune's code; then
 * *why (may be NULL) says why.  The rule: 5 characters, the département
 * (01 to 95 but 20, 2A or 2B, then 3 digits; 971 to 976, then 2
 * digits) and a number from 1 to its last (geo_dept.last).  A code in
 * that range may still name no commune (one merged into another): the
 * list of the 37,000 codes is not built in.
 */
const geo_dept *geo_insee_check(const char *insee, geo_insee *why);
/*
 * Why insee cannot be a commune's code (geo_insee_check()), in lang
 * (msgcat.h), as the end of a sentence that named it, in a: "the
 * communes of Aveyron (12) are numbered from 12001 to 12307; look the
 * commune up in INSEE's code officiel géographique".  NULL when it can
 * be one.  fabrique reseau, init --insee and site.yaml's check all say
 * it, so the webmaster hears one rule wherever it is met.
 */
const char *geo_insee_problem(const char *insee, const char *lang, arena *a);
/* geo_insee_check() without the reason. */
const geo_dept *geo_dept_of_insee(const char *insee);
const geo_dept *geo_dept_find(const char *code);
const geo_region *geo_region_find(const char *code);
/*
 * The lon/lat rectangle a territory's communes lie in: metropolitan
 * France (Corsica included, with a margin: its neighbours' border
 * strips fall in it) or one overseas département.  Coarse, not an
 * outline: enough to place a commune on the network's map (geomap.c) and
 * to tell a point half a world away, or one whose lat and lon were
 * swapped, from a commune's (site.c).
 */
typedef struct geo_area {
	const char *dept; /* "974"; NULL: metropolitan France */
	const char *name; /* "La Réunion" */
	double lon0, lon1, lat0, lat1;
} geo_area;

/* The area of d's communes: its overseas one, else metropolitan France
 * (also for d NULL). */
const geo_area *geo_area_of(const geo_dept *d);
bool geo_area_contains(const geo_area *a, double lat, double lon);
/* Every area, metropolitan France first. */
size_t geo_area_count(void);
const geo_area *geo_area_at(size_t i);
/* Every région, then every département, in INSEE order. */
size_t geo_region_count(void);
const geo_region *geo_region_at(size_t i);
size_t geo_dept_count(void);
const geo_dept *geo_dept_at(size_t i);

#endif
