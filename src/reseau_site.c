#include "reseau_site.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "feeds.h"
#include "geomap.h"
#include "ics.h"
#include "json.h"
#include "incremental.h"
#include "msgcat.h"
#include "path.h"
#include "search.h"
#include "siteyaml.h"
#include "strmap.h"
#include "urlbase.h"
#include "wholesite.h"

#define NEWEST 10       /* communes on the home page */
#define FEED_ENTRIES 50 /* communes in the feed */

struct ws {
	const reseau_site_in *in;
	theme *th;
	output *o;
	arena *a; /* lives as long as the site */
	diag *d;
	const char *base; /* "/reseau" under a path, "" at the root */
	value *net;       /* {{reseau.…}} */
	const value *i18n;
};

static const char *
str(const value *v, const char *path)
{
	const char *s = value_get_string(value_path(v, path));
	return s != NULL && *s != '\0' ? s : NULL;
}

static int
emit(struct ws *w, const char *path, buf *b)
{
	return output_write(w->o, path, b->data, b->len);
}

/* ---- Pages made of members' programmes ------------------------------
 *
 * A commune's page, a département's calendar and a région's search index
 * are made only of the programmes of their communes (and of the theme,
 * the list's url and title: reseau_cache.h starts afresh when those
 * change).  Each is keyed by the hashes of those programmes; when the key
 * is the one the last build made the file from, the file is linked from
 * it instead of made again, and the programmes' events need not even be
 * read.  Every other page is made of the communes' summaries and is
 * always written.
 */

static void
key_add(buf *k, const reseau_commune *c)
{
	buf_puts(k, c->record ? c->record : "?");
	buf_putc(k, '\n');
}

static const char *
key_done(struct ws *w, buf *k, arena *a)
{
	char h[INCREMENTAL_HASH_HEX + 1];
	incremental_hash(k->data, k->len, h);
	buf_free(k);
	return arena_strdup(a, h);
}

/* True if relpath, made from key, was kept from the last build. */
static bool
kept(struct ws *w, const char *relpath, const char *key)
{
	const char *old;
	long long size, mtime;
	if (w->in->cache == NULL)
		return false;
	reseau_cache_put_file(w->in->cache, relpath, key);
	return reseau_cache_file(w->in->cache, relpath, &old, &size, &mtime) &&
	       strcmp(old, key) == 0 && output_keep(w->o, relpath, size, mtime);
}

/* The commune's events, read now if only its summary was. */
static int
loaded(struct ws *w, reseau_commune *c)
{
	if (c->events != NULL || c->nevents == 0 || w->in->load == NULL)
		return 0;
	return w->in->load(w->in->load_ctx, c);
}

/* A page of a site published under a path: the addresses from the root
 * its HTML holds get the base (urlbase.h), as a commune's pages do; b is
 * replaced.  Nothing is done at the root. */
static void
with_base(struct ws *w, const char *path, buf *b)
{
	if (*w->base == '\0' || !path_ends_with(path, ".html"))
		return;
	buf out = BUF_INIT;
	urlbase_html(&out, b->data, b->len, w->base);
	buf_free(b);
	*b = out;
}

/* Renders template tpl with {{reseau}}, {{page}}, {{t}}, {{assets}}. */
static int
render(struct ws *w, const char *tpl, const char *path, value *pv, arena *a)
{
	value *ctx = value_map(a);
	value_set(a, ctx, "reseau", w->net);
	value_set(a, ctx, "page", pv);
	value_set(a, ctx, "t", (value *)w->i18n);
	value_set(a, ctx, "assets", (value *)theme_asset_urls(w->th));
	buf b = BUF_INIT;
	int rc = mustache_render(theme_templates(w->th), tpl, ctx, &b, w->d);
	if (rc == 0) {
		with_base(w, path, &b);
		rc = emit(w, path, &b);
	}
	buf_free(&b);
	return rc;
}

static value *
page_view(arena *a, const char *title, const char *url)
{
	value *p = value_map(a);
	value_set_str(a, p, "titre", title);
	value_set_str(a, p, "url", url);
	return p;
}

/* ---- Counts and the views of régions, départements, communes -------- */

/* A count and its KEY_pluriel, as the commune theme's counts
 * (view_set_count()): the network's site speaks French, where 0 and 1
 * are singular (« 1 atelier », « 0 commune »; outside tester 25 F14). */
static void
set_count(arena *a, value *v, const char *key, size_t n)
{
	value_set_int(a, v, key, (long)n);
	value_set_bool(a, v, arena_printf(a, "%s_pluriel", key),
	               msgcat_plural("fr", (long)n));
}

static value *
commune_view(struct ws *w, const reseau_commune *c)
{
	arena *a = w->a;
	value *v = value_map(a);
	value_set_str(a, v, "nom", c->name);
	value_set_str(a, v, "insee", c->insee);
	value_set_str(a, v, "url", c->page);
	if (c->url != NULL) {
		value_set_str(a, v, "site", c->url);
		value_set_str(
		    a, v, "donnees",
		    arena_printf(a, "%s/" WHOLESITE_OPENDATA_JSON, c->url));
		const char *sub =
		    urlbase_webcal(a, c->url, "/" WHOLESITE_CALENDAR);
		if (sub != NULL)
			value_set_str(a, v, "webcal", sub);
	}
	set_count(a, v, "nb_ateliers", c->nevents);
	value_set_str(a, v, "departement", c->dept->name);
	value_set_str(a, v, "departement_url",
	              arena_printf(a, "/departements/%s/", c->dept->code));
	if (c->since != NULL)
		value_set_str(a, v, "depuis", c->since);
	return v;
}

struct tally {
	size_t communes, events;
};

static value *
dept_view(struct ws *w, const geo_dept *dp, struct tally *t)
{
	arena *a = w->a;
	value *v = value_map(a), *list = value_list(a);
	memset(t, 0, sizeof(*t));
	for (size_t i = 0; i < w->in->n; i++) {
		const reseau_commune *c = &w->in->communes[i];
		if (c->dept != dp)
			continue;
		t->communes++, t->events += c->nevents;
		value_push(a, list, commune_view(w, c));
	}
	value_set_str(a, v, "code", dp->code);
	value_set_str(a, v, "nom", dp->name);
	set_count(a, v, "nb_communes", t->communes);
	set_count(a, v, "nb_ateliers", t->events);
	if (t->communes > 0) {
		value_set_str(a, v, "url",
		              arena_printf(a, "/departements/%s/", dp->code));
		const char *ics =
		    arena_printf(a, "/departements/%s/ateliers.ics", dp->code);
		value_set_str(a, v, "ics", ics);
		const char *sub = urlbase_webcal(a, w->in->url, ics);
		if (sub != NULL)
			value_set_str(a, v, "webcal", sub);
	}
	value_set(a, v, "communes", list);
	return v;
}

static value *
region_view(struct ws *w, const geo_region *rg, struct tally *t)
{
	arena *a = w->a;
	value *v = value_map(a), *depts = value_list(a);
	memset(t, 0, sizeof(*t));
	for (size_t i = 0; i < geo_dept_count(); i++) {
		const geo_dept *dp = geo_dept_at(i);
		struct tally dt;
		if (strcmp(dp->region, rg->code) != 0)
			continue;
		value_push(a, depts, dept_view(w, dp, &dt));
		t->communes += dt.communes, t->events += dt.events;
	}
	value_set_str(a, v, "code", rg->code);
	value_set_str(a, v, "nom", rg->name);
	set_count(a, v, "nb_communes", t->communes);
	set_count(a, v, "nb_ateliers", t->events);
	if (t->communes > 0)
		value_set_str(a, v, "url",
		              arena_printf(a, "/regions/%s/", rg->slug));
	value_set(a, v, "departements", depts);
	return v;
}

static int
cmp_newest(const void *x, const void *y)
{
	const reseau_commune *a = *(const reseau_commune *const *)x,
	                     *b = *(const reseau_commune *const *)y;
	const char *sa = a->since ? a->since : "",
	           *sb = b->since ? b->since : "";
	int c = strcmp(sb, sa);
	return c != 0 ? c : strcmp(a->slug, b->slug);
}

static const reseau_commune **
newest_first(struct ws *w)
{
	const reseau_commune **l =
	    arena_alloc(w->a, (w->in->n + 1) * sizeof(*l));
	for (size_t i = 0; i < w->in->n; i++)
		l[i] = &w->in->communes[i];
	qsort(l, w->in->n, sizeof(*l), cmp_newest);
	return l;
}

static void
network_view(struct ws *w)
{
	arena *a = w->a;
	value *v = value_map(a), *regions = value_list(a),
	      *newest = value_list(a);
	size_t events = 0, depts = 0, nreg = 0;
	for (size_t i = 0; i < geo_region_count(); i++) {
		struct tally t;
		value *rv = region_view(w, geo_region_at(i), &t);
		value_push(a, regions, rv);
		events += t.events, nreg += t.communes > 0;
		const value *dl = value_get(rv, "departements");
		for (size_t k = 0; k < value_len(dl); k++)
			depts += value_get_number(value_get(value_at(dl, k),
			                                    "nb_communes")) > 0;
	}
	const reseau_commune **nl = newest_first(w);
	for (size_t i = 0; i < w->in->n && i < NEWEST; i++)
		value_push(a, newest, commune_view(w, nl[i]));
	value_set_str(a, v, "titre",
	              w->in->title ? w->in->title
	                           : "Réseau des Journées citoyennes");
	value_set_str(a, v, "url", w->in->url);
	/* {{reseau.chemin}}: only under a path, where the theme registers
	 * its service worker (as the commune theme's {{site.chemin}}) */
	if (*w->base != '\0')
		value_set_str(a, v, "chemin", w->base);
	set_count(a, v, "nb_communes", w->in->n);
	set_count(a, v, "nb_ateliers", events);
	set_count(a, v, "nb_departements", depts);
	set_count(a, v, "nb_regions", nreg);
	value_set(a, v, "regions", regions);
	value_set(a, v, "nouvelles", newest);
	w->net = v;
}

/* ---- The map ---------------------------------------------------------- */

static const char *
map_of(struct ws *w, const geo_region *rg, const geo_dept *dp,
       const char *title, arena *a)
{
	geomap_point *pts = xcalloc(w->in->n + 1, sizeof(*pts));
	size_t n = 0;
	for (size_t i = 0; i < w->in->n; i++) {
		const reseau_commune *c = &w->in->communes[i];
		if (!c->has_pos || (dp && c->dept != dp) ||
		    (rg && strcmp(c->dept->region, rg->code) != 0))
			continue;
		pts[n++] =
		    (geomap_point){c->lat,  c->lon,  c->dept,
		                   c->name, c->page, rg != NULL || dp != NULL};
	}
	buf b = BUF_INIT;
	geomap_svg(&b, pts, n, title);
	free(pts);
	const char *svg = arena_strndup(a, buf_cstr(&b), b.len);
	buf_free(&b);
	return svg;
}

/* The communes of the scope (a région, a département, or the whole
 * network when both are NULL) that the map leaves out: none of their
 * workshops gives lat and lon (fabrique init's lines are commented
 * out).  A map with one lone point above « 4 communes » read as if the
 * others were not in the network (outside tester 29 F3): they are named
 * under it.  far: those whose workshops do give positions, every one
 * outside their département (lat and lon swapped): listed apart, as
 * « faute de position » was untrue of them (outside tester 33).  Each
 * {nom, url, sep}, sep ", " but for the last. */
static value *
unplaced(struct ws *w, const geo_region *rg, const geo_dept *dp, bool far,
         arena *a)
{
	value *l = value_list(a), *last = NULL;
	for (size_t i = 0; i < w->in->n; i++) {
		const reseau_commune *c = &w->in->communes[i];
		if (c->has_pos || (c->far > 0) != far ||
		    (dp && c->dept != dp) ||
		    (rg && strcmp(c->dept->region, rg->code) != 0))
			continue;
		value *v = value_map(a);
		value_set_str(a, v, "nom", c->name);
		value_set_str(a, v, "url", c->page);
		value_set_str(a, v, "sep", ", ");
		value_push(a, l, v);
		last = v;
	}
	if (last != NULL)
		value_set_str(a, last, "sep", "");
	return l;
}

/* ---- Pages ------------------------------------------------------------ */

/* The régions that have a search index, for the search page's choice. */
static value *
search_regions(struct ws *w)
{
	arena *a = w->a;
	value *l = value_list(a);
	const value *regions = value_get(w->net, "regions");
	for (size_t i = 0; i < value_len(regions); i++) {
		const value *rv = value_at(regions, i);
		const geo_region *rg = geo_region_find(str(rv, "code"));
		if (str(rv, "url") == NULL || rg == NULL)
			continue;
		value *v = value_map(a);
		value_set_str(a, v, "nom", rg->name);
		value_set_str(a, v, "slug", rg->slug);
		value_set_str(a, v, "index",
		              arena_printf(a, "/recherche/%s.json", rg->slug));
		value_push(a, l, v);
	}
	return l;
}

/* Whether the theme has the offline page (an earlier network theme, in
 * a folder of its own, may not: the home is then the fallback). */
static bool
offline_page(const struct ws *w)
{
	return mustache_set_has(theme_templates(w->th), "hors-ligne");
}

static int
home_pages(struct ws *w)
{
	arena *a = w->a;
	value *p = page_view(a, str(w->net, "titre"), "/");
	value_set_bool(a, p, "accueil", true);
	int rc = render(w, "accueil", "index.html", p, a);
	p = page_view(a, "La carte des communes", "/carte/");
	value_set_str(a, p, "carte",
	              map_of(w, NULL, NULL, "Carte des communes du réseau", a));
	value_set(a, p, "sans_position", unplaced(w, NULL, NULL, false, a));
	value_set(a, p, "hors_departement", unplaced(w, NULL, NULL, true, a));
	if (render(w, "carte", "carte/index.html", p, a) != 0)
		rc = -1;
	p = page_view(a, "Rechercher un atelier", "/recherche/");
	value_set(a, p, "regions", search_regions(w));
	if (render(w, "recherche", "recherche/index.html", p, a) != 0)
		rc = -1;
	p = page_view(a, "Page introuvable", "/404/");
	if (render(w, "404", "404.html", p, a) != 0)
		rc = -1;
	p = page_view(a, "Hors ligne", "/hors-ligne/");
	if (offline_page(w) &&
	    render(w, "hors-ligne", "hors-ligne/index.html", p, a) != 0)
		rc = -1;
	return rc;
}

static int
region_pages(struct ws *w)
{
	const value *regions = value_get(w->net, "regions");
	int rc = 0;
	for (size_t i = 0; i < value_len(regions); i++) {
		value *rv = value_at(regions, i);
		const geo_region *rg = geo_region_find(str(rv, "code"));
		if (str(rv, "url") == NULL || rg == NULL)
			continue;
		arena *a = arena_new();
		value *p = value_copy_map(a, rv, 4);
		value_set_str(a, p, "titre", rg->name);
		value_set_str(a, p, "carte",
		              map_of(w, rg, NULL,
		                     arena_printf(a, "Carte : %s", rg->name),
		                     a));
		value_set(a, p, "sans_position",
		          unplaced(w, rg, NULL, false, a));
		value_set(a, p, "hors_departement",
		          unplaced(w, rg, NULL, true, a));
		if (render(w, "region",
		           arena_printf(a, "%sindex.html", str(rv, "url") + 1),
		           p, a) != 0)
			rc = -1;
		arena_free(a);
	}
	return rc;
}

static int
dept_page(struct ws *w, value *dv, const value *rv)
{
	const geo_dept *dp = geo_dept_find(str(dv, "code"));
	arena *a = arena_new();
	value *p = value_copy_map(a, dv, 6);
	value_set_str(a, p, "titre",
	              arena_printf(a, "%s (%s)", dp->name, dp->code));
	value_set_str(a, p, "region", str(rv, "nom"));
	value_set_str(a, p, "region_url", str(rv, "url"));
	value_set_str(
	    a, p, "carte",
	    map_of(w, NULL, dp, arena_printf(a, "Carte : %s", dp->name), a));
	value_set(a, p, "sans_position", unplaced(w, NULL, dp, false, a));
	value_set(a, p, "hors_departement", unplaced(w, NULL, dp, true, a));
	int rc =
	    render(w, "departement",
	           arena_printf(a, "%sindex.html", str(dv, "url") + 1), p, a);
	arena_free(a);
	return rc;
}

static int
dept_pages(struct ws *w)
{
	const value *regions = value_get(w->net, "regions");
	int rc = 0;
	for (size_t i = 0; i < value_len(regions); i++) {
		const value *rv = value_at(regions, i),
		            *dl = value_get(rv, "departements");
		for (size_t k = 0; k < value_len(dl); k++)
			if (str(value_at(dl, k), "url") != NULL &&
			    dept_page(w, value_at(dl, k), rv) != 0)
				rc = -1;
	}
	return rc;
}

/* "2026-05-23T09:00:00+02:00" -> date "2026-05-23", time "09:00". */
static bool
split_time(const char *t, char date[11], char hm[6])
{
	if (t == NULL || strlen(t) < 16 || t[10] != 'T')
		return false;
	memcpy(date, t, 10), date[10] = '\0';
	memcpy(hm, t + 11, 5), hm[5] = '\0';
	return true;
}

/*
 * A time as one piece on a narrow screen: its spaces (« 17 h », « 9 h 30 »)
 * become no-break spaces, so a line never ends between « 17 » and « h »
 * (cal29's leftover, seen at 320 px).  out has room for twice t.
 */
static void
time_unbroken(const char *t, char *out, size_t outsz)
{
	size_t n = 0;
	for (; *t != '\0' && n + 3 < outsz; t++) {
		if (*t == ' ')
			out[n++] = (char)0xC2, out[n++] = (char)0xA0;
		else
			out[n++] = *t;
	}
	out[n] = '\0';
}

/* "samedi 29 mai 2027, 9 h – 12 h"; the day alone for a slot without
 * hours (allday), as the commune's own pages show it. */
static const char *
when_text(struct ws *w, const char *begin, const char *end, bool allday,
          arena *a)
{
	char d1[11], t1[6], d2[11], t2[6], day[96], h1[32], h2[32];
	char u1[64], u2[64];
	civil_date cd;
	if (!split_time(begin, d1, t1) || !split_time(end, d2, t2) ||
	    !date_parse(d1, &cd))
		return NULL;
	date_format_long(cd, w->i18n, day, sizeof(day));
	if (allday || !date_time_format(t1, w->i18n, h1, sizeof(h1)) ||
	    !date_time_format(t2, w->i18n, h2, sizeof(h2)))
		return arena_strdup(a, day);
	time_unbroken(h1, u1, sizeof(u1));
	time_unbroken(h2, u2, sizeof(u2));
	return arena_printf(a, "%s, %s – %s", day, u1, u2);
}

/* The word before a workshop's meeting point (location.meetingPoint), on
 * its commune's page and in the calendars: the theme's, as the commune
 * theme's « Rendez-vous ». */
static const char *
meeting_word(const struct ws *w)
{
	return theme_text(w->i18n, "libelles.rendez_vous", "Rendez-vous");
}

static const char *const status_text[][2] = {{"proposed", "Proposé"},
                                             {"scheduled", "Confirmé"},
                                             {"full", "Complet"},
                                             {"cancelled", "Annulé"},
                                             {"done", "Réalisé"}};

/* The word the network's pages show for a status, or NULL. */
static const char *
status_word(const char *status)
{
	for (size_t k = 0; k < sizeof(status_text) / sizeof(*status_text); k++)
		if (strcmp(status, status_text[k][0]) == 0)
			return status_text[k][1];
	return NULL;
}

static void
set_str(arena *a, value *v, const char *key, const char *s)
{
	if (s != NULL)
		value_set_str(a, v, key, s);
}

bool
reseau_site_calls(const reseau_event *e, char day[11])
{
	*day = '\0';
	for (size_t k = 0; k < e->ntimings; k++)
		if (e->end[k] != NULL && strlen(e->end[k]) >= 10 &&
		    strncmp(e->end[k], day, 10) > 0)
			snprintf(day, 11, "%.10s", e->end[k]);
	const char *st = e->status != NULL ? e->status : "";
	return e->volunteers > 0 && *day != '\0' && strcmp(st, "done") != 0 &&
	       strcmp(st, "cancelled") != 0 && strcmp(st, "full") != 0;
}

/* The commune's day at the build's time ("YYYY-MM-DD"): a workshop
 * whose last day is before it is past, as on the commune's own site. */
static void
commune_today(const struct ws *w, const reseau_commune *c, char out[11])
{
	const char *tz = c->tz;
	if (tz == NULL || !date_zone_find(tz))
		tz = DATE_ZONE_DEFAULT;
	date_format_iso(date_day_in_zone(tz, w->in->build_time), out, 11);
}

/* today: the commune's (commune_today()); the call for volunteers is
 * shown only while it is open there (reseau_site_calls()). */
static value *
event_view(struct ws *w, const reseau_event *e, size_t i, const char *today,
           arena *a)
{
	char last[11];
	value *v = value_map(a), *whens = value_list(a);
	value_set_str(a, v, "id", arena_printf(a, "atelier-%zu", i + 1));
	set_str(a, v, "titre", e->title);
	set_str(a, v, "resume", e->description);
	set_str(a, v, "categorie", e->category);
	set_str(a, v, "lieu", e->place);
	set_str(a, v, "adresse", e->address);
	set_str(a, v, "rdv", e->meeting);
	set_str(a, v, "url", e->page);
	set_str(a, v, "retour", e->recap);
	if (reseau_site_calls(e, last) && strcmp(last, today) >= 0)
		value_set_int(a, v, "benevoles", e->volunteers);
	for (size_t k = 0; k < e->ntimings; k++) {
		const char *t = when_text(w, e->begin[k], e->end[k],
		                          e->allday != NULL && e->allday[k], a);
		if (t != NULL)
			value_push(a, whens, value_string(a, t));
	}
	value_set(a, v, "quand", whens);
	const char *said = e->status ? status_word(e->status) : NULL;
	if (said != NULL) {
		value_set_str(a, v, "statut", said);
		value_set_bool(a, v, "annule",
		               strcmp(e->status, "cancelled") == 0);
	}
	return v;
}

static int
commune_page(struct ws *w, const reseau_commune *c)
{
	arena *a = arena_new();
	value *p = value_copy_map(a, commune_view(w, c), 8);
	value *list = value_list(a);
	char today[11];
	commune_today(w, c, today);
	for (size_t i = 0; i < c->nevents; i++)
		value_push(a, list, event_view(w, &c->events[i], i, today, a));
	const geo_region *rg = geo_region_find(c->dept->region);
	value_set_str(a, p, "titre", c->name);
	/* « du Mans », « d’Angers »: as the commune's own site says it */
	value_set_str(a, p, "de_nom", siteyaml_de_commune(a, c->name));
	value_set(a, p, "ateliers", list);
	value_set_str(a, p, "departement_code", c->dept->code);
	if (rg != NULL) {
		value_set_str(a, p, "region", rg->name);
		value_set_str(a, p, "region_url",
		              arena_printf(a, "/regions/%s/", rg->slug));
	}
	int rc = render(w, "commune",
	                arena_printf(a, "%sindex.html", c->page + 1), p, a);
	arena_free(a);
	return rc;
}

/* A commune's page, from its programme alone, and the day while one of
 * its workshops calls for volunteers (the call goes when it is past). */
static int
commune_file(struct ws *w, reseau_commune *c)
{
	buf k = BUF_INIT;
	char today[11];
	commune_today(w, c, today);
	buf_puts(&k, "commune\n");
	key_add(&k, c);
	if (c->calls_until != NULL && strcmp(today, c->calls_until) <= 0)
		buf_printf(&k, "%s\n", today);
	const char *path = arena_printf(w->a, "%sindex.html", c->page + 1);
	if (kept(w, path, key_done(w, &k, w->a)))
		return 0;
	return loaded(w, c) == 0 ? commune_page(w, c) : -1;
}

/* ---- Search ----------------------------------------------------------- */

static void
index_text(search_index *ix, size_t doc, const char *s, int weight)
{
	if (s != NULL)
		search_add_text(ix, doc, s, strlen(s), weight);
}

/* The documents' addresses are as the browser asks for them: under the
 * site's base path when it has one (urlbase_path()). */
static void
index_commune(search_index *ix, const reseau_commune *c, const char *base,
              arena *a)
{
	const char *where =
	    arena_printf(a, "%s (%s)", c->dept->name, c->dept->code);
	const char *at = urlbase_path(a, base, c->page);
	size_t doc = search_add_doc(ix, at, c->name, where, "commune", 0);
	index_text(ix, doc, c->name, SEARCH_TITLE);
	index_text(ix, doc, c->dept->name, SEARCH_META);
	for (size_t k = 0; k < c->nevents; k++) {
		const reseau_event *e = &c->events[k];
		doc = search_add_doc(
		    ix, arena_printf(a, "%s#atelier-%zu", at, k + 1), e->title,
		    c->name, "atelier", 0);
		index_text(ix, doc, e->title, SEARCH_TITLE);
		index_text(ix, doc, e->description, SEARCH_META);
		index_text(ix, doc, e->category, SEARCH_META);
		index_text(ix, doc, c->name, SEARCH_META);
		for (size_t j = 0; j < e->nkeywords; j++)
			index_text(ix, doc, e->keywords[j], SEARCH_META);
	}
}

/* The search index of one région's communes and workshops: a visitor
 * loads only the régions they search (recherche.js), not the 4,000
 * communes' 13 MiB at once. */
static int
search_shard(struct ws *w, const geo_region *rg)
{
	buf k = BUF_INIT;
	size_t n = 0;
	buf_puts(&k, "search\n");
	for (size_t i = 0; i < w->in->n; i++)
		if (strcmp(w->in->communes[i].dept->region, rg->code) == 0)
			key_add(&k, &w->in->communes[i]), n++;
	const char *path = arena_printf(w->a, "recherche/%s.json", rg->slug);
	if (n == 0) {
		buf_free(&k);
		return 0;
	}
	if (kept(w, path, key_done(w, &k, w->a)))
		return 0;
	search_index *ix = search_new();
	arena *a = arena_new();
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < w->in->n; i++) {
		reseau_commune *c = &w->in->communes[i];
		if (strcmp(c->dept->region, rg->code) != 0)
			continue;
		rc = loaded(w, c);
		if (rc == 0)
			index_commune(ix, c, w->base, a);
	}
	buf b = BUF_INIT;
	if (rc == 0) {
		search_write_json(ix, &b);
		rc = emit(w, path, &b);
	}
	search_free(ix);
	arena_free(a);
	buf_free(&b);
	return rc;
}

static int
search_files(struct ws *w)
{
	int rc = 0;
	for (size_t i = 0; i < geo_region_count(); i++)
		if (search_shard(w, geo_region_at(i)) != 0)
			rc = -1;
	return rc;
}

/* ---- Calendars per département -------------------------------------- */

/* The UID of slot i of e, the one the commune's own calendar gives it:
 * named by its programme, or, in a programme of an older fabrique that
 * names none, made from the event's (urlbase_uid_slot()). */
static const char *
slot_uid(const reseau_event *e, size_t i, arena *a)
{
	if (e->uids != NULL && e->uids[i] != NULL)
		return e->uids[i];
	return e->ntimings > 1 ? urlbase_uid_slot(a, e->uid, i + 1) : e->uid;
}

/* The UIDs of one département's calendar, each with the commune that
 * gave it first, and the pairs of communes already said to share one. */
struct uids {
	strmap *by_uid, *pairs;
	const char *path;
	bool shared;
};

/*
 * A calendar app takes two events of one UID for one: the second
 * commune's workshop would replace the first's.  fabrique's UIDs hold
 * each site's address (urlbase_uid_origin()), so two members share one
 * when their sites give one url (a site.yaml copied from a neighbour's)
 * or a programme was made elsewhere: said once per pair of communes.
 */
static void
uid_seen(struct ws *w, struct uids *u, const reseau_commune *c, const char *uid,
         arena *a)
{
	const reseau_commune *first = strmap_get(u->by_uid, uid);
	if (first == NULL) {
		strmap_put(u->by_uid, uid, (void *)c);
		return;
	}
	const char *pair = arena_printf(a, "%s %s", first->insee, c->insee);
	if (first == c || strmap_get(u->pairs, pair) != NULL)
		return;
	strmap_put(u->pairs, pair, (void *)c);
	u->shared = true;
	diag_report(w->d, DIAG_WARNING, u->path, 0, 0,
	            "%s (%s) and %s (%s) give their events the same UID "
	            "'%s': a calendar app shows one commune's workshop in "
	            "place of the other's; check the url in each site.yaml "
	            "(each site its own address, a path under a shared host "
	            "is enough) and build both with this fabrique",
	            first->name, first->url ? first->url : first->insee,
	            c->name, c->url ? c->url : c->insee, uid);
}

/* An event's STATUS for the programme's word st. */
static const char *
ics_status_of(const char *st)
{
	return strcmp(st, "cancelled") == 0  ? "CANCELLED"
	       : strcmp(st, "proposed") == 0 ? "TENTATIVE"
	                                     : "CONFIRMED";
}

/* ev as slot i of e: its own status when the programme gives one
 * (timings[].status: one slot cancelled, outside tester 26 F1) and the
 * event is not cancelled as a whole, with « Annulé : » in its title as
 * the commune's calendar has it.  title: the event's, before that. */
static ics_event
slot_event(const ics_event *ev, const reseau_event *e, size_t i,
           const char *title, arena *a)
{
	ics_event s = *ev;
	const char *own = e->slot_status != NULL ? e->slot_status[i] : NULL;
	if (own == NULL || strcmp(ev->status, "CANCELLED") == 0)
		return s;
	s.status = ics_status_of(own);
	if (strcmp(own, "cancelled") == 0)
		s.summary =
		    ics_cancelled_summary(a, title, status_word(own), "fr");
	return s;
}

/*
 * Where e is, for a calendar of many communes: the place, its address
 * (as the commune's own calendar writes them) and the commune, unless
 * the address already names it.  Five events at 9 h at « École » in one
 * département are five different schools: a phone's map search on
 * LOCATION must find the right one (outside tester 29 F2).
 */
static const char *
place_line(const reseau_event *e, const reseau_commune *c, arena *a)
{
	const char *parts[3] = {e->place, e->address, c->name};
	if (e->address != NULL && c->name != NULL &&
	    strstr(e->address, c->name) != NULL)
		parts[2] = NULL;
	buf b = BUF_INIT;
	for (size_t i = 0; i < 3; i++) {
		if (parts[i] == NULL || *parts[i] == '\0')
			continue;
		if (b.len > 0)
			buf_puts(&b, ", ");
		buf_puts(&b, parts[i]);
	}
	const char *line = b.len > 0 ? arena_strndup(a, b.data, b.len) : NULL;
	buf_free(&b);
	return line;
}

static void
commune_events(struct ws *w, const reseau_commune *c, const char *tz, buf *out,
               struct uids *u, arena *a)
{
	for (size_t k = 0; k < c->nevents; k++) {
		const reseau_event *e = &c->events[k];
		const char *st = e->status ? e->status : "";
		const char *plain =
		    arena_printf(a, "%s – %s", e->title, c->name);
		const char *title = plain;
		if (strcmp(st, "cancelled") == 0)
			title = ics_cancelled_summary(a, title, status_word(st),
			                              "fr");
		ics_event ev = {
		    .dtstamp = e->stamp ? e->stamp : w->in->build_time,
		    /* the commune's calendar's (opendata.c revision()):
		     * an app holding its event sees it changed */
		    .last_modified = e->modified ? e->stamp : 0,
		    .sequence = e->sequence,
		    .summary = title,
		    .description = e->description,
		    /* ended by the meeting point, as the commune's: its
		     * SEQUENCE, copied, counts a moved one (tester 26 F9) */
		    .location = ics_location(a, place_line(e, c, a),
		                             meeting_word(w), "fr", e->meeting),
		    .url = e->page,
		    .has_geo = e->has_pos,
		    .lat = e->lat,
		    .lon = e->lon,
		    .status = ics_status_of(st)};
		for (size_t i = 0; i < e->ntimings; i++) {
			char d1[11], t1[6], d2[11], t2[6];
			if (!split_time(e->begin[i], d1, t1) ||
			    !split_time(e->end[i], d2, t2))
				continue;
			bool day = e->allday != NULL && e->allday[i];
			ics_event s = slot_event(&ev, e, i, plain, a);
			s.date = d1;
			s.start = day ? NULL : t1, s.end = day ? NULL : t2;
			s.uid = slot_uid(e, i, a);
			uid_seen(w, u, c, s.uid, a);
			ics_event_write(out, &s, tz);
		}
	}
}

/* Its key: its communes' programmes, and the build's time when an event
 * has no date of its own for DTSTAMP. */
static const char *
calendar_key(struct ws *w, const geo_dept *dp, size_t first)
{
	buf k = BUF_INIT;
	bool stamped = true;
	buf_puts(&k, "ics\n");
	for (size_t i = first; i < w->in->n && w->in->communes[i].dept == dp;
	     i++) {
		key_add(&k, &w->in->communes[i]);
		stamped = stamped && w->in->communes[i].stamped;
	}
	if (!stamped)
		buf_printf(&k, "%lld\n", w->in->build_time);
	return key_done(w, &k, w->a);
}

static int
dept_calendar(struct ws *w, const geo_dept *dp, size_t first)
{
	const char *path =
	    arena_printf(w->a, "departements/%s/ateliers.ics", dp->code);
	if (kept(w, path, calendar_key(w, dp, first)))
		return 0;
	for (size_t i = first; i < w->in->n && w->in->communes[i].dept == dp;
	     i++)
		if (loaded(w, &w->in->communes[i]) != 0)
			return -1;
	arena *a = arena_new();
	const char *tz = w->in->communes[first].tz;
	if (tz == NULL || !date_zone_find(tz))
		tz = DATE_ZONE_DEFAULT;
	buf b = BUF_INIT;
	ics_begin_subscribed(
	    &b, arena_printf(a, "Journées citoyennes – %s", dp->name), tz);
	struct uids u = {strmap_new(a), strmap_new(a), path, false};
	for (size_t i = first; i < w->in->n && w->in->communes[i].dept == dp;
	     i++)
		commune_events(w, &w->in->communes[i], tz, &b, &u, a);
	ics_end(&b);
	/* never kept while it warns: the next build says it again */
	if (u.shared && w->in->cache != NULL)
		reseau_cache_put_file(w->in->cache, path, "shared UIDs");
	int rc = emit(w, path, &b);
	buf_free(&b);
	arena_free(a);
	return rc;
}

static int
calendars(struct ws *w)
{
	int rc = 0;
	for (size_t i = 0; i < w->in->n; i++)
		if ((i == 0 ||
		     w->in->communes[i - 1].dept != w->in->communes[i].dept) &&
		    dept_calendar(w, w->in->communes[i].dept, i) != 0)
			rc = -1;
	return rc;
}

/* ---- Offline --------------------------------------------------------- */

/* u into the precache list and the version's hash. */
static void
precache_add(buf *list, unsigned long long *h, const char *u)
{
	if (list->len > 1)
		buf_putc(list, ',');
	json_string(list, u);
	for (const char *c = u; *c; c++)
		*h = (*h ^ (unsigned char)*c) * 1099511628211ULL;
}

/*
 * sw.js: the assets precached (their URLs are fingerprinted, so their
 * list's hash is the version), and the home and the offline page, the
 * fallback for a page not read yet (outside tester 29 F12: only the
 * assets were, and offline every page not seen was the browser's error
 * page); other pages kept as they are visited.  Under a path, the
 * precached files and the offline page are under it too.
 */
static int
service_worker(struct ws *w)
{
	const value *urls = theme_asset_urls(w->th);
	buf list = BUF_INIT;
	unsigned long long h = 14695981039346656037ULL;
	arena *a = arena_new();
	buf_putc(&list, '[');
	for (size_t i = 0; i < value_len(urls); i++) {
		const char *u = value_get_string(value_val_at(urls, i));
		if (u != NULL)
			precache_add(&list, &h, urlbase_path(a, w->base, u));
	}
	const char *home = urlbase_path(a, w->base, "/");
	const char *offline =
	    offline_page(w) ? urlbase_path(a, w->base, "/hors-ligne/") : home;
	precache_add(&list, &h, home);
	if (offline != home)
		precache_add(&list, &h, offline);
	buf_putc(&list, ']');
	value *p = value_map(a);
	value_set_str(a, p, "version", arena_printf(a, "%016llx", h));
	value_set_str(a, p, "hors_ligne", offline);
	value_set_str(a, p, "precache", buf_cstr(&list));
	int rc = render(w, "sw", "sw.js", p, a);
	buf_free(&list);
	arena_free(a);
	return rc;
}

/* ---- Atom feed of the newest communes -------------------------------- */

/* A commune's entry, dated by feeds_entry_dates() as a commune's feed
 * dates a page: <updated> the day its programme last changed, not the
 * network's build; <published> the day it joined.  Returns the
 * <updated> instant; appends its text to upd. */
static long long
feed_entry(struct ws *w, buf *out, const reseau_commune *c, buf *upd)
{
	buf pub = BUF_INIT;
	long long when =
	    feeds_entry_dates(upd, &pub, c->changed ? c->changed : c->since,
	                      c->since, 0, 0, c->tz, w->in->build_time);
	buf_puts(out, "  <entry>\n    <title>");
	feeds_xml_text(out, c->name);
	buf_puts(out,
	         "</title>\n    <link rel=\"alternate\" type=\"text/html\" "
	         "href=\"");
	feeds_xml_text(out, w->in->url);
	feeds_xml_text(out, c->page);
	buf_printf(out,
	           "\"/>\n    <id>urn:insee:commune:%s</id>\n    <updated>%s"
	           "</updated>\n",
	           c->insee, buf_cstr(upd));
	if (pub.len > 0)
		buf_printf(out, "    <published>%s</published>\n",
		           buf_cstr(&pub));
	buf_printf(out, "    <summary>%zu %s, ", c->nevents,
	           msgcat_plural("fr", (long)c->nevents) ? "ateliers"
	                                                 : "atelier");
	feeds_xml_text(out, c->dept->name);
	buf_puts(out, "</summary>\n  </entry>\n");
	buf_free(&pub);
	return when;
}

/* The feed of the communes that joined last; its <updated> is its
 * entries' latest (the build's time when it has none). */
static int
feed(struct ws *w)
{
	const reseau_commune **nl = newest_first(w);
	buf b = BUF_INIT, entries = BUF_INIT, latest = BUF_INIT;
	long long last = 0;
	for (size_t i = 0; i < w->in->n && i < FEED_ENTRIES; i++) {
		buf upd = BUF_INIT;
		long long when = feed_entry(w, &entries, nl[i], &upd);
		if (i == 0 || when > last) {
			last = when;
			buf_reset(&latest);
			buf_puts(&latest, buf_cstr(&upd));
		}
		buf_free(&upd);
	}
	if (latest.len == 0)
		feeds_utc_time(&latest, w->in->build_time);
	buf_puts(&b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	             "<feed xmlns=\"http://www.w3.org/2005/Atom\" "
	             "xml:lang=\"fr\">\n  <title>");
	feeds_xml_text(&b, str(w->net, "titre"));
	buf_puts(&b, " – nouvelles communes</title>\n  <link rel=\"self\" "
	             "type=\"application/atom+xml\" href=\"");
	feeds_xml_text(&b, w->in->url);
	buf_puts(&b, "/flux.xml\"/>\n  <link rel=\"alternate\" "
	             "type=\"text/html\" href=\"");
	feeds_xml_text(&b, w->in->url);
	buf_puts(&b, "/\"/>\n  <id>");
	if (*w->in->url != '\0')
		feeds_xml_text(&b, w->in->url), buf_puts(&b, "/");
	else
		buf_puts(&b, "urn:fabrique:reseau");
	buf_printf(&b, "</id>\n  <updated>%s</updated>\n  <author><name>",
	           buf_cstr(&latest));
	feeds_xml_text(&b, str(w->net, "titre"));
	buf_puts(&b, "</name></author>\n");
	buf_put(&b, entries.data, entries.len);
	buf_puts(&b, "</feed>\n");
	int rc = emit(w, "flux.xml", &b);
	buf_free(&b);
	buf_free(&entries);
	buf_free(&latest);
	return rc;
}

int
reseau_site_write(const reseau_site_in *in, theme *th, output *o, arena *a,
                  diag *d)
{
	struct ws w = {
	    in, th, o, a, d, urlbase_of(a, in->url), NULL, theme_i18n(th)};
	network_view(&w);
	int rc = 0;
	if (theme_write_assets(th, o, d) != 0 || home_pages(&w) != 0 ||
	    region_pages(&w) != 0 || dept_pages(&w) != 0)
		rc = -1;
	for (size_t i = 0; rc == 0 && i < in->n; i++)
		if (commune_file(&w, &in->communes[i]) != 0)
			rc = -1;
	if (rc == 0 && (search_files(&w) != 0 || calendars(&w) != 0 ||
	                feed(&w) != 0 || service_worker(&w) != 0))
		rc = -1;
	return rc;
}
