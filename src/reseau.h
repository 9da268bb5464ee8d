/*
 * reseau.h - `fabrique reseau LIST.yaml --out DIR`: the network's site,
 * made of the programmes of its member communes.
 *
 * LIST names the members, each by a git repository (read through the
 * same source layer as a build: any ref, bare repositories too; the site
 * is where site.yaml is unless `site` says) or by a programme.json file
 * a commune already publishes:
 *
 *   url: https://reseau.example          # the network site's address
 *   communes:
 *     - depot: /srv/git/brevilliers.git
 *       ref: main
 *     - depot: /srv/git/saint-aubin
 *       site: content
 *     - programme: exports/lussac.json
 *
 * Relative paths are read from LIST's folder.  A repository member is
 * built in memory (theme, content model, views) and turned into its
 * programme with opendata.h; a file member is parsed with json.h.  Every
 * programme is then checked against themes/reseau/programme.schema.json
 * (jsonschema.h).  A member that cannot be read, does not build or does
 * not follow the schema is reported with its name and the reason, and
 * left out: it never stops the others.
 *
 * The pages are rendered by reseau_site.h through the theme `reseau`,
 * into the output through output.h (atomic, confined).
 */
#ifndef FABRIQUE_RESEAU_H
#define FABRIQUE_RESEAU_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "geo.h"
#include "value.h"

typedef struct reseau_opts {
	const char *list;  /* LIST.yaml */
	const char *out;   /* output folder */
	const char *cache; /* --cache DIR, or NULL (cachedir.h) */
	bool quiet, verbose;
	bool strict; /* exit status 1 when a member is left out */
} reseau_opts;

/* One workshop, what the network's pages use of it: the checked
 * programme.json tree is parsed in a member's own arena and freed once
 * these are copied out, so 100,000 workshops fit in a few tens of MiB. */
typedef struct reseau_event {
	const char *uid, *title, *description, *category, *place, *address;
	const char *meeting; /* location.meetingPoint (rdv), or NULL */
	const char *page, *recap, *status; /* status: the schema's word */
	const char **keywords;
	size_t nkeywords;
	const char **begin, **end; /* RFC 3339, one pair per slot */
	const char **uids;         /* each slot's UID, NULL when not given */
	/* each slot without hours (timings[].allDay): written as whole
	 * days (VALUE=DATE), as the commune's calendar has it */
	bool *allday;
	/* each slot's own status (timings[].status: one slot cancelled,
	 * outside tester 26 F1), NULL when not given: the event's */
	const char **slot_status;
	size_t ntimings;
	double lat, lon;
	bool has_pos;
	long volunteers; /* -1: not said */
	/* lastModified (its last commit's instant), else the day of
	 * updatedAt, else of createdAt (Unix time); 0: none */
	long long stamp;
	bool modified;     /* stamp is lastModified: LAST-MODIFIED too */
	unsigned sequence; /* its calendar's SEQUENCE (0 when not given) */
} reseau_event;

/* One member commune that passed every check. */
typedef struct reseau_commune {
	const char *name, *insee, *slug; /* slug: "37299-saint-aubin" */
	const char *url;                 /* its own site */
	const char *page;                /* its page here: "/communes/SLUG/" */
	const char *tz;
	const char *since; /* first workshop's createdAt, or NULL */
	/* the day its programme last changed: its workshops' latest
	 * updatedAt (else createdAt), or NULL; its feed entry's <updated> */
	const char *changed;
	const geo_dept *dept;
	const char *record;   /* hash of its checked programme's text */
	const char *from;     /* where that text is read again */
	reseau_event *events; /* NULL until loaded (reseau_load_fn) */
	size_t nevents;
	double lat, lon; /* mean of its places, when has_pos */
	bool has_pos;
	/* its workshops giving a position outside its département's frame
	 * of the map (swapped lat and lon, a typo): left off the map */
	size_t far;
	bool stamped; /* every event has a stamp */
	/* the last day ("YYYY-MM-DD") of its workshops still calling for
	 * volunteers (reseau_site_calls()), or NULL: after it, its page no
	 * longer changes with the day */
	const char *calls_until;
	/* Members of its programme that this fabrique does not know (JSON
	 * pointers, "; " between them), written by a newer one; or NULL. */
	const char *unknown;
} reseau_commune;

/* Reads the events of a commune whose summary alone was taken from the
 * previous build (reseau_cache.h).  0, or -1 after reporting. */
typedef int (*reseau_load_fn)(void *ctx, reseau_commune *c);

/* Runs the command; returns a build_status (build.h). */
int reseau_run(const reseau_opts *o, diag *d);

#endif
