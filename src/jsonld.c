#include "jsonld.h"
#include "json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- Time zones ----------------------------------------------------- */

/* The zones of French communes and their neighbours.  eu: the European
 * rule, summer time (+60) from the last Sunday of March, 01:00 UTC, to
 * the last Sunday of October, 01:00 UTC. */
static const struct zone {
	const char *name;
	int base; /* minutes east of UTC */
	bool eu;
} zones[] = {
    {"Europe/Paris", 60, true},
    {"Europe/Brussels", 60, true},
    {"Europe/Luxembourg", 60, true},
    {"Europe/Monaco", 60, true},
    {"Europe/Berlin", 60, true},
    {"Europe/Zurich", 60, true},
    {"Europe/Madrid", 60, true},
    {"Europe/Rome", 60, true},
    {"Europe/Andorra", 60, true},
    {"Indian/Reunion", 240, false},
    {"Indian/Mayotte", 180, false},
    {"America/Guadeloupe", -240, false},
    {"America/Martinique", -240, false},
    {"America/Cayenne", -180, false},
    {"Pacific/Noumea", 660, false},
    {"Pacific/Tahiti", -600, false},
    {"Pacific/Wallis", 720, false},
    {"UTC", 0, false},
    {"Etc/UTC", 0, false},
};

/* March and October both have 31 days. */
static civil_date
last_sunday(int year, int month)
{
	civil_date d = {year, month, 31};
	while (date_weekday(d) != 6)
		d.day--;
	return d;
}

/* Local times in the hour skipped in March read as summer time, those in
 * the hour repeated in October as the earlier, summer one. */
static bool
eu_summer(civil_date d, int minutes, int base)
{
	civil_date start = last_sunday(d.year, 3),
	           end = last_sunday(d.year, 10);
	int cs = date_cmp(d, start), ce = date_cmp(d, end);
	if (cs < 0 || ce > 0)
		return false;
	if (cs == 0)
		return minutes >= 60 + base;
	if (ce == 0)
		return minutes < 60 + base + 60;
	return true;
}

bool
jsonld_utc_offset(const char *tz, civil_date d, int minutes, int *offset)
{
	for (size_t i = 0; tz != NULL && i < sizeof(zones) / sizeof(*zones);
	     i++) {
		const struct zone *z = &zones[i];
		if (strcmp(z->name, tz) != 0)
			continue;
		*offset = z->base +
		          (z->eu && eu_summer(d, minutes, z->base) ? 60 : 0);
		return true;
	}
	return false;
}

static bool
parse_time(const char *t, int *minutes)
{
	int h, m;
	char end;
	if (sscanf(t, "%2d:%2d%c", &h, &m, &end) != 2 || h < 0 || h > 23 ||
	    m < 0 || m > 59)
		return false;
	*minutes = h * 60 + m;
	return true;
}

bool
jsonld_datetime(const char *tz, const char *date, const char *time, char *out,
                size_t outsz)
{
	civil_date d;
	int minutes, off;
	if (date == NULL || !date_parse(date, &d))
		return false;
	if (time == NULL) {
		snprintf(out, outsz, "%04d-%02d-%02d", d.year, d.month, d.day);
		return true;
	}
	if (!parse_time(time, &minutes))
		return false;
	int n = snprintf(out, outsz, "%04d-%02d-%02dT%02d:%02d:00", d.year,
	                 d.month, d.day, minutes / 60, minutes % 60);
	if (n > 0 && (size_t)n < outsz &&
	    jsonld_utc_offset(tz, d, minutes, &off))
		snprintf(out + n, outsz - (size_t)n, "%c%02d:%02d",
		         off < 0 ? '-' : '+', abs(off) / 60, abs(off) % 60);
	return true;
}

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
	if (jsonld_datetime(tz, date, time, dt, sizeof(dt)))
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

static void
organizer(struct jw *w, const value *site)
{
	open_obj(w, "organizer", "Organization");
	str(w, "name", sv(site, "commune.nom"));
	str(w, "url", sv(site, "url"));
	close_obj(w);
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
	organizer(w, site);
	close_obj(w);
}

char *
jsonld_event(arena *a, const value *at, const value *ed, const value *site,
             const char *day_name)
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
	organizer(&w, site);
	if (ed != NULL)
		super_event(&w, ed, site, tz, day_name);
	close_obj(&w);
	char *out = arena_strndup(a, buf_cstr(&w.b), w.b.len);
	buf_free(&w.b);
	return out;
}
