#include "calendar.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "date.h"
#include "ics.h"
#include "markdown.h"
#include "view.h"

struct cal {
	site *s;
	output *o;
	diag *d;
	const char *tz;
	const char *site_url; /* "https://host", no trailing '/' */
	const char *host;
	long long stamp;
	arena *a;
};

static const char *
str(const value *v, const char *path)
{
	return value_get_string(value_path(v, path));
}

static const char *
host_of(arena *a, const char *url)
{
	const char *h = strstr(url, "://");
	h = h ? h + 3 : url;
	return arena_strndup(a, h, strcspn(h, "/:"));
}

static const char *
status_of(const value *view)
{
	const char *st = str(view, "statut");
	if (st != NULL && strcmp(st, "annule") == 0)
		return "CANCELLED";
	if (st != NULL && strcmp(st, "propose") == 0)
		return "TENTATIVE";
	return "CONFIRMED";
}

/* LOCATION: the place's name and address, as a postman would read them. */
static const char *
location_of(struct cal *c, const value *view)
{
	const char *nom = str(view, "lieu.nom"),
	           *adr = str(view, "lieu.adresse");
	if (nom != NULL && adr != NULL)
		return arena_printf(c->a, "%s, %s", nom, adr);
	return nom != NULL ? nom : adr;
}

/* DESCRIPTION: the summary, then the page's text without its markup.
 * In b, freed once the workshop's events are written: the texts of all
 * workshops are never held together. */
static const char *
description_of(const page *p, buf *b)
{
	const char *resume = str(p->view, "resume");
	if (resume != NULL)
		buf_puts(b, resume);
	if (site_page_has_body(p)) {
		buf text = BUF_INIT;
		site_plain_text(p, &text);
		if (text.len > 0 && b->len > 0)
			buf_puts(b, "\n\n");
		buf_put(b, text.data, text.len);
		buf_free(&text);
	}
	return buf_cstr(b);
}

static size_t
categories_of(struct cal *c, const value *view, const char ***out)
{
	const value *tags = value_get(view, "tags");
	const char **cats =
	    arena_alloc(c->a, (value_len(tags) + 1) * sizeof(*cats));
	size_t n = 0;
	if (str(view, "categorie.nom") != NULL)
		cats[n++] = str(view, "categorie.nom");
	for (size_t i = 0; i < value_len(tags); i++)
		if (str(value_at(tags, i), "nom") != NULL)
			cats[n++] = str(value_at(tags, i), "nom");
	*out = cats;
	return n;
}

/* Appends the VEVENTs of one workshop: one per slot. */
static int
events(struct cal *c, const page *p, buf *out)
{
	const value *v = p->view;
	const char **cats;
	/* DTSTAMP: when this workshop last changed, so that a commit
	 * touching one page leaves the other calendars byte for byte the
	 * same; the build time when there is no history (a folder). */
	double changed = value_get_number(value_get(v, "mis_a_jour_unix"));
	buf desc = BUF_INIT;
	int rc = 0;
	ics_event e = {.dtstamp = changed > 0 ? (long long)changed : c->stamp,
	               .date = str(v, "date"),
	               .start = str(v, "debut"),
	               .end = str(v, "fin"),
	               .summary = str(v, "titre"),
	               .description = description_of(p, &desc),
	               .location = location_of(c, v),
	               .url = arena_printf(c->a, "%s%s", c->site_url, p->url),
	               .status = status_of(v)};
	e.ncategories = categories_of(c, v, &cats);
	e.categories = cats;
	e.has_geo = value_to_number(value_path(v, "lieu.lat"), &e.lat) &&
	            value_to_number(value_path(v, "lieu.lon"), &e.lon);
	const value *slots = value_get(v, "creneaux");
	size_t n = value_len(slots);
	for (size_t i = 0; i < (n > 0 ? n : 1); i++) {
		if (n > 0) {
			const value *sl = value_at(slots, i);
			const char *date = str(sl, "date");
			e.date = date != NULL ? date : str(v, "date");
			e.start = str(sl, "debut");
			e.end = str(sl, "fin");
			e.uid = arena_printf(c->a, "%s/creneau-%zu@%s", p->key,
			                     i + 1, c->host);
		} else {
			e.uid = arena_printf(c->a, "%s@%s", p->key, c->host);
		}
		if (e.date == NULL)
			continue; /* no date, no edition: nothing to show */
		if (ics_event_write(out, &e, c->tz) != 0) {
			diag_report(
			    c->d, DIAG_ERROR, p->file, 0, 0,
			    "cannot make a calendar entry: the date '%s' "
			    "or a time is not valid (expected YYYY-MM-DD "
			    "and HH:MM)",
			    e.date);
			rc = -1;
			break;
		}
	}
	buf_free(&desc);
	return rc;
}

static int
emit(struct cal *c, const char *path, buf *b)
{
	if (c->o == NULL)
		return 0;
	return output_write(c->o, path, b->data, b->len);
}

static bool
is_workshop(const page *p)
{
	return p->path != NULL && !p->draft && p->view != NULL &&
	       strcmp(p->kind, "atelier") == 0;
}

/* A workshop's own calendar: its events, made once (see calendar_write). */
static int
workshop_calendar(struct cal *c, const page *p, const buf *ev)
{
	buf b = BUF_INIT;
	ics_begin(&b, str(p->view, "titre"), c->tz);
	buf_put(&b, ev->data, ev->len);
	ics_end(&b);
	int rc = emit(c, /* beside the page's index.html: a path, not a URL */
	              arena_printf(c->a, "%.*s" CALENDAR_FILE,
	                           (int)(strlen(p->out) - strlen("index.html")),
	                           p->out),
	              &b);
	buf_free(&b);
	return rc;
}

/*
 * The programme (this edition's workshops) and each workshop's own
 * calendar hold the same VEVENTs: each workshop's are made once, in page
 * order, and copied into both.  The programme is written last.
 */
static int
all_calendars(struct cal *c)
{
	const value *ed = site_edition(c->s);
	int year = (int)value_get_number(value_get(ed, "annee"));
	buf prog = BUF_INIT, ev = BUF_INIT;
	const char *commune = str(site_view(c->s), "commune.nom");
	ics_begin(&prog,
	          arena_printf(c->a, "Journée citoyenne %d – %s", year,
	                       commune ? commune : ""),
	          c->tz);
	int rc = 0, prog_rc = 0;
	for (size_t i = 0; i < site_page_count(c->s); i++) {
		const page *p = site_page(c->s, i);
		if (!is_workshop(p))
			continue;
		bool in_prog = ed != NULL && (int)value_get_number(value_get(
		                                 p->view, "edition")) == year;
		buf_reset(&ev);
		if (events(c, p, &ev) != 0) {
			rc = -1;
			if (in_prog)
				prog_rc = -1;
			continue;
		}
		if (in_prog)
			buf_put(&prog, ev.data, ev.len);
		if (workshop_calendar(c, p, &ev) != 0)
			rc = -1;
	}
	ics_end(&prog);
	if (prog_rc == 0 && emit(c, CALENDAR_PROGRAMME, &prog) != 0)
		rc = -1;
	buf_free(&prog);
	buf_free(&ev);
	return rc == 0 && prog_rc == 0 ? 0 : -1;
}

int
calendar_write(site *s, output *o, long long build_time, diag *d)
{
	const value *sv = site_view(s);
	const value *tz = value_get(sv, "fuseau");
	const char *url = str(sv, "url");
	struct cal c = {
	    s,    o,          d,          value_get_string(tz), url ? url : "",
	    NULL, build_time, arena_new()};
	if (c.tz == NULL)
		c.tz = DATE_ZONE_DEFAULT;
	if (!date_zone_find(c.tz)) {
		diag_at(d, DIAG_ERROR, tz,
		        "fuseau: fabrique does not know the time zone '%s'; "
		        "expected Europe/Paris or another French zone such as "
		        "Indian/Reunion or America/Martinique",
		        c.tz);
		arena_free(c.a);
		return -1;
	}
	c.host = host_of(c.a, c.site_url);
	int rc = all_calendars(&c);
	arena_free(c.a);
	return rc;
}
