#include "jsonld.h"

#include "date.h"
#include "json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- A small JSON writer -------------------------------------------- */

struct jw {
	buf b;
	bool first; /* no member written yet in the open object */
	arena *a;
};

static void
key(struct jw *w, const char *k)
{
	if (!w->first)
		buf_putc(&w->b, ',');
	w->first = false;
	json_string(&w->b, k);
	buf_putc(&w->b, ':');
}

static void
str(struct jw *w, const char *k, const char *s)
{
	if (s == NULL || *s == '\0')
		return;
	key(w, k);
	json_string(&w->b, s);
}

static void
raw(struct jw *w, const char *k, const char *json)
{
	key(w, k);
	buf_puts(&w->b, json);
}

static void
open_obj(struct jw *w, const char *k, const char *type)
{
	if (k != NULL)
		key(w, k);
	buf_putc(&w->b, '{');
	w->first = true;
	str(w, "@type", type);
}

static void
close_obj(struct jw *w)
{
	buf_putc(&w->b, '}');
	w->first = false;
}

static const char *
sv(const value *v, const char *path)
{
	return value_get_string(value_path(v, path));
}

/* ---- The Event ------------------------------------------------------ */

/* "4 rue des Écoles, 37465 Saint-Aubin" -> street, postal code, town;
 * an address without a postal code is all street, in the commune. */
static void
address(struct jw *w, const char *adresse, const value *site)
{
	const char *street = adresse, *postal = sv(site, "commune.code_postal");
	const char *town = sv(site, "commune.nom");
	char pc[6] = "";
	const char *sep = adresse ? strrchr(adresse, ',') : NULL;
	if (sep != NULL && strspn(sep + 2, "0123456789") == 5 &&
	    sep[1] == ' ' && sep[7] == ' ' && sep[8] != '\0') {
		memcpy(pc, sep + 2, 5);
		street = arena_strndup(w->a, adresse, (size_t)(sep - adresse));
		postal = pc, town = sep + 8;
	}
	open_obj(w, "address", "PostalAddress");
	str(w, "streetAddress", street);
	str(w, "postalCode", postal);
	str(w, "addressLocality", town);
	str(w, "addressCountry", "FR");
	close_obj(w);
}

static void
geo(struct jw *w, const value *lieu)
{
	const value *lat = value_get(lieu, "lat"),
	            *lon = value_get(lieu, "lon");
	if (value_kind_of(lat) != VALUE_NUMBER ||
	    value_kind_of(lon) != VALUE_NUMBER)
		return;
	char n[32];
	open_obj(w, "geo", "GeoCoordinates");
	value_format_number(value_get_number(lat), n, sizeof(n));
	raw(w, "latitude", n);
	value_format_number(value_get_number(lon), n, sizeof(n));
	raw(w, "longitude", n);
	close_obj(w);
}

static void
place(struct jw *w, const char *name, const value *lieu, const value *site)
{
	open_obj(w, "location", "Place");
	str(w, "name", name ? name : sv(site, "commune.nom"));
	address(w, value_get_string(value_get(lieu, "adresse")), site);
	geo(w, lieu);
	close_obj(w);
}

static void
when(struct jw *w, const char *k, const char *tz, const char *date,
     const char *time)
{
	char dt[48];
	if (date_rfc3339(tz, date, time, dt, sizeof(dt)))
		str(w, k, dt);
}

/* Start and end: debut/fin, or the first and last of the creneaux. */
static void
dates(struct jw *w, const value *at, const char *tz)
{
	const char *date = sv(at, "date");
	const value *slots = value_get(at, "creneaux");
	size_t n = value_len(slots);
	if (n == 0) {
		when(w, "startDate", tz, date, sv(at, "debut"));
		if (sv(at, "fin") != NULL)
			when(w, "endDate", tz, date, sv(at, "fin"));
		return;
	}
	const value *first = value_at(slots, 0), *last = value_at(slots, n - 1);
	const char *d1 = sv(first, "date"), *d2 = sv(last, "date");
	when(w, "startDate", tz, d1 ? d1 : date, sv(first, "debut"));
	when(w, "endDate", tz, d2 ? d2 : date, sv(last, "fin"));
}

static void
common(struct jw *w, const char *status)
{
	str(w, "eventStatus",
	    status && strcmp(status, "annule") == 0
	        ? "https://schema.org/EventCancelled"
	        : "https://schema.org/EventScheduled");
	str(w, "eventAttendanceMode",
	    "https://schema.org/OfflineEventAttendanceMode");
	raw(w, "isAccessibleForFree", "true");
}

/*
 * One Event per slot (subEvent) when a slot has a status of its own
 * (« statut: annule » on one slot, outside tester 26 F1): the workshop's
 * Event spans its slots and says EventScheduled, so a search engine
 * would still list the afternoon that does not take place.  Each with
 * its day, times, place and status; none when no slot says one (the
 * Event as it always was).
 */
static void
sub_events(struct jw *w, const value *at, const value *site, const char *tz)
{
	const value *slots = value_get(at, "creneaux");
	bool own = false;
	for (size_t i = 0; i < value_len(slots); i++)
		own |= sv(value_at(slots, i), "statut") != NULL;
	if (!own)
		return;
	key(w, "subEvent");
	buf_putc(&w->b, '[');
	for (size_t i = 0; i < value_len(slots); i++) {
		const value *sl = value_at(slots, i);
		const char *d = sv(sl, "date"), *st = sv(sl, "statut");
		if (i > 0)
			buf_putc(&w->b, ',');
		open_obj(w, NULL, "Event");
		str(w, "name", sv(at, "titre"));
		when(w, "startDate", tz, d ? d : sv(at, "date"),
		     sv(sl, "debut"));
		if (sv(sl, "fin") != NULL)
			when(w, "endDate", tz, d ? d : sv(at, "date"),
			     sv(sl, "fin"));
		common(w, st != NULL ? st : sv(at, "statut"));
		place(w, sv(at, "lieu.nom"), value_get(at, "lieu"), site);
		close_obj(w);
	}
	buf_putc(&w->b, ']');
	w->first = false;
}

/* The commune; k NULL for an item of a list. */
static void
organizer(struct jw *w, const char *k, const value *site)
{
	open_obj(w, k, "Organization");
	str(w, "name", sv(site, "commune.nom"));
	str(w, "url", sv(site, "url"));
	close_obj(w);
}

/* The commune, then the workshop's partners (associations, businesses
 * that co-organise it): organizer becomes a list only when there are
 * partners, so a workshop without keeps the one object it always had. */
static void
organizers(struct jw *w, const value *site, const value *orgs)
{
	if (value_len(orgs) == 0) {
		organizer(w, "organizer", site);
		return;
	}
	key(w, "organizer");
	buf_putc(&w->b, '[');
	organizer(w, NULL, site);
	for (size_t i = 0; i < value_len(orgs); i++) {
		const value *o = value_at(orgs, i);
		if (sv(o, "nom") == NULL)
			continue;
		buf_putc(&w->b, ',');
		open_obj(w, NULL, "Organization");
		str(w, "name", sv(o, "nom"));
		str(w, "url", sv(o, "url"));
		close_obj(w);
	}
	buf_putc(&w->b, ']');
	w->first = false;
}

static void
super_event(struct jw *w, const value *ed, const value *site, const char *tz,
            const char *name)
{
	const char *base = sv(site, "url");
	open_obj(w, "superEvent", "Event");
	str(w, "name", name);
	when(w, "startDate", tz, sv(ed, "date"), sv(ed, "accueil.heure"));
	if (sv(ed, "cloture.heure") != NULL)
		when(w, "endDate", tz, sv(ed, "date"), sv(ed, "cloture.heure"));
	if (base != NULL && sv(ed, "url") != NULL)
		str(w, "url", arena_printf(w->a, "%s%s", base, sv(ed, "url")));
	common(w, NULL);
	place(w, sv(ed, "accueil.lieu"), NULL, site);
	organizer(w, "organizer", site);
	close_obj(w);
}

char *
jsonld_super_event(arena *a, const value *ed, const value *site,
                   const char *day_name)
{
	struct jw w = {BUF_INIT, true, a};
	super_event(&w, ed, site, sv(site, "fuseau"), day_name);
	char *out = arena_strndup(a, buf_cstr(&w.b), w.b.len);
	buf_free(&w.b);
	return out;
}

char *
jsonld_event_in(arena *a, const value *at, const value *site, const char *super)
{
	const char *tz = sv(site, "fuseau");
	const char *base = sv(site, "url");
	struct jw w = {BUF_INIT, true, a};
	open_obj(&w, NULL, NULL);
	str(&w, "@context", "https://schema.org");
	str(&w, "@type", "Event");
	str(&w, "name", sv(at, "titre"));
	str(&w, "description", sv(at, "resume"));
	if (base != NULL) {
		str(&w, "url", arena_printf(a, "%s%s", base, sv(at, "url")));
		if (sv(at, "image_url") != NULL)
			str(&w, "image",
			    arena_printf(a, "%s%s", base, sv(at, "image_url")));
	}
	dates(&w, at, tz);
	common(&w, sv(at, "statut"));
	str(&w, "inLanguage", sv(site, "langue"));
	place(&w, sv(at, "lieu.nom"), value_get(at, "lieu"), site);
	organizers(&w, site, value_get(at, "partenaires"));
	sub_events(&w, at, site, tz);
	if (super != NULL) { /* a member written before: key and value */
		buf_putc(&w.b, ',');
		buf_puts(&w.b, super);
	}
	close_obj(&w);
	char *out = arena_strndup(a, buf_cstr(&w.b), w.b.len);
	buf_free(&w.b);
	return out;
}

char *
jsonld_event(arena *a, const value *at, const value *ed, const value *site,
             const char *day_name)
{
	return jsonld_event_in(
	    a, at, site,
	    ed != NULL ? jsonld_super_event(a, ed, site, day_name) : NULL);
}
