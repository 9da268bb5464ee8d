#include "opendata.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "recstore.h"
#include "date.h"
#include "eventrev.h"
#include "feeds.h"
#include "revtable.h"
#include "slotid.h"
#include "urlbase.h"
#include "wholesite.h"

#define LICENCE_NAME "Licence Ouverte 2.0"
#define LICENCE_URL "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"

struct od {
	arena *a;
	site *s;
	eventrev *rev;  /* the workshops' SEQUENCE (NULL: check, no git) */
	revtable *revs; /* the calendars' revisions, or NULL (reseau) */
	const value *site;
	const char *base;  /* "https://host", no trailing '/' */
	const char *where; /* urlbase_uid_origin(): "host[/path]" */
	const char *tz;
};

/* A non-empty string at path ("lieu.nom"); a plain key is looked up
 * at once, without value_path()'s copy of each part (most are). */
static const char *
str(const value *v, const char *path)
{
	const value *x = strchr(path, '.') != NULL ? value_path(v, path)
	                                           : value_get(v, path);
	const char *s = value_get_string(x);
	return s != NULL && *s != '\0' ? s : NULL;
}

static void
put_str(struct od *o, value *m, const char *key, const char *s)
{
	if (s != NULL && *s != '\0')
		value_set_str(o->a, m, key, s);
}

static const char *
absolute(struct od *o, const char *path)
{
	if (path == NULL)
		return NULL;
	if (strstr(path, "://") != NULL)
		return path;
	return arena_printf(o->a, "%s%s", o->base, path);
}

/* ---- Commune, licence, editions -------------------------------------- */

static value *
licence(struct od *o)
{
	value *l = value_map(o->a);
	const char *name = str(o->site, "licence.nom");
	const char *url = str(o->site, "licence.url");
	if (name == NULL)
		name = LICENCE_NAME, url = LICENCE_URL;
	put_str(o, l, "name", name);
	put_str(o, l, "url", url);
	return l;
}

static value *
commune(struct od *o)
{
	value *c = value_map(o->a);
	put_str(o, c, "name", str(o->site, "commune.nom"));
	put_str(o, c, "insee", str(o->site, "commune.insee"));
	put_str(o, c, "postalCode", str(o->site, "commune.code_postal"));
	put_str(o, c, "url", o->base);
	put_str(o, c, "timezone", o->tz);
	put_str(o, c, "language", str(o->site, "langue"));
	return c;
}

/* How to sign up, as the site publishes it: OpenAgenda's registration
 * list of {type: link|email|phone, value}. */
static value *
registration(struct od *o, const value *ins)
{
	static const char *kinds[][2] = {
	    {"url", "link"}, {"email", "email"}, {"tel", "phone"}};
	value *l = value_list(o->a);
	for (size_t i = 0; i < 3; i++) {
		const char *v = str(ins, kinds[i][0]);
		if (v == NULL)
			continue;
		value *r = value_map(o->a);
		value_set_str(o->a, r, "type", kinds[i][1]);
		value_set_str(o->a, r, "value", i == 0 ? absolute(o, v) : v);
		value_push(o->a, l, r);
	}
	return l;
}

static value *
edition(struct od *o, const value *ed, int current)
{
	value *e = value_map(o->a);
	value_set(o->a, e, "year", value_get(ed, "annee"));
	put_str(o, e, "date", str(ed, "date"));
	value_set_bool(o->a, e, "current", current);
	put_str(o, e, "url", absolute(o, str(ed, "url")));
	const value *ins = value_get(ed, "inscription");
	if (ins != NULL) {
		value_set(o->a, e, "registration", registration(o, ins));
		put_str(o, e, "registrationDeadline", str(ins, "date_limite"));
		value_set_bool(
		    o->a, e, "registrationRequired",
		    !value_truthy(value_get(ins, "sans_inscription")));
	}
	return e;
}

static value *
editions(struct od *o, site *s)
{
	value *l = value_list(o->a);
	const value *cur = site_edition(s);
	for (size_t i = 0; i < site_page_count(s); i++) {
		const page *p = site_page(s, i);
		const value *ed = value_get(p->view, "edition");
		if (strcmp(p->kind, "edition") != 0 || p->path != NULL ||
		    value_kind_of(ed) != VALUE_MAP)
			continue;
		value_push(o->a, l, edition(o, ed, ed == cur));
	}
	return l;
}

/* ---- Events ----------------------------------------------------------- */

static const char *
datetime(struct od *o, const char *date, const char *time)
{
	char dt[48];
	if (date == NULL || time == NULL ||
	    !date_rfc3339(o->tz, date, time, dt, sizeof(dt)))
		return NULL;
	return arena_strdup(o->a, dt);
}

/* OpenAgenda's word for a statut (scheduled when none). */
static const char *
status(const char *statut)
{
	static const char *map[][2] = {{"propose", "proposed"},
	                               {"confirme", "scheduled"},
	                               {"complet", "full"},
	                               {"annule", "cancelled"},
	                               {"realise", "done"}};
	for (size_t i = 0; statut != NULL && i < 5; i++)
		if (strcmp(statut, map[i][0]) == 0)
			return map[i][1];
	return "scheduled";
}

/* One {uid, begin, end} per slot (uid: the calendar's UID of the slot,
 * urlbase_uid()); a workshop without hours takes the day, 00:00-23:59
 * for readers of dates and times, and says "allDay": true, so the
 * network writes it as the commune's calendar does (VALUE=DATE, the
 * same rule as ics.c: no start, all day). */
static value *
timing(struct od *o, value *l, const char *uid, const char *date,
       const char *start, const char *end)
{
	const char *b = datetime(o, date, start ? start : "00:00");
	const char *e = datetime(o, date, end ? end : start ? start : "23:59");
	if (b == NULL || e == NULL)
		return NULL;
	value *t = value_map(o->a);
	value_set_str(o->a, t, "uid", uid);
	value_set_str(o->a, t, "begin", b);
	value_set_str(o->a, t, "end", e);
	if (start == NULL)
		value_set(o->a, t, "allDay", value_bool(o->a, true));
	value_push(o->a, l, t);
	return t;
}

static value *
timings(struct od *o, const page *p)
{
	const value *v = p->view;
	/* the calendar's key: the file's first, kept through renames */
	const char *key = p->event_key != NULL ? p->event_key : p->key;
	value *l = value_list(o->a);
	const value *slots = value_get(v, "creneaux");
	const char *date = str(v, "date");
	if (value_len(slots) == 0)
		timing(o, l, urlbase_uid(o->a, key, o->where, p->lone_slot),
		       date, str(v, "debut"), str(v, "fin"));
	for (size_t i = 0; i < value_len(slots); i++) {
		const value *sl = value_at(slots, i);
		const char *d = str(sl, "date");
		value *t = timing(
		    o, l,
		    urlbase_uid(o->a, key, o->where, slotid_of_view(sl, i)),
		    d ? d : date, str(sl, "debut"), str(sl, "fin"));
		/* a slot's own statut (« annule »: that slot alone is
		 * off, outside tester 26 F1); left out, the event's */
		if (t != NULL && str(sl, "statut") != NULL)
			value_set_str(o->a, t, "status",
			              status(str(sl, "statut")));
	}
	return l;
}

static value *
term(struct od *o, const value *t)
{
	if (str(t, "id") == NULL)
		return NULL;
	value *m = value_map(o->a);
	put_str(o, m, "id", str(t, "id"));
	put_str(o, m, "name", str(t, "nom"));
	put_str(o, m, "url", absolute(o, str(t, "url")));
	return m;
}

static value *
location(struct od *o, const value *v)
{
	value *l = value_map(o->a);
	const value *lieu = value_get(v, "lieu");
	put_str(o, l, "name", str(lieu, "nom"));
	put_str(o, l, "address", str(lieu, "adresse"));
	put_str(o, l, "meetingPoint", str(v, "rdv"));
	put_str(o, l, "city", str(o->site, "commune.nom"));
	put_str(o, l, "postalCode", str(o->site, "commune.code_postal"));
	put_str(o, l, "insee", str(o->site, "commune.insee"));
	double lat, lon;
	if (value_to_number(value_get(lieu, "lat"), &lat) &&
	    value_to_number(value_get(lieu, "lon"), &lon)) {
		value_set(o->a, l, "latitude", value_number(o->a, lat));
		value_set(o->a, l, "longitude", value_number(o->a, lon));
	}
	return l;
}

/* OpenAgenda's accessibility flags: hi hearing, vi visual, mi motor. */
static value *
accessibility(struct od *o, const value *list)
{
	static const char *map[][2] = {{"mobilite-reduite", "mi"},
	                               {"fauteuil", "mi"},
	                               {"malentendant", "hi"},
	                               {"malvoyant", "vi"}};
	value *m = value_map(o->a);
	for (size_t i = 0; i < value_len(list); i++) {
		const char *id = value_get_string(value_at(list, i));
		for (size_t k = 0; id != NULL && k < 4; k++)
			if (strcmp(id, map[k][0]) == 0)
				value_set_bool(o->a, m, map[k][1], true);
	}
	return m;
}

static value *
strings(struct od *o, const value *list, const char *field)
{
	value *l = value_list(o->a);
	for (size_t i = 0; i < value_len(list); i++) {
		const value *it = value_at(list, i);
		const char *s = field ? str(it, field) : value_get_string(it);
		if (s != NULL)
			value_push(o->a, l, value_string(o->a, s));
	}
	return l;
}

static const char *
children(const char *enfants)
{
	if (enfants == NULL)
		return NULL;
	if (strcmp(enfants, "accompagnes") == 0)
		return "accompanied";
	if (strcmp(enfants, "atelier-enfants") == 0)
		return "children-workshop";
	return "no";
}

static value *
links(struct od *o, const value *v)
{
	value *l = value_map(o->a);
	put_str(o, l, "page", absolute(o, str(v, "url")));
	put_str(o, l, "calendar", absolute(o, str(v, "ics_url")));
	const value *recaps = value_get(v, "retours");
	if (value_len(recaps) > 0)
		put_str(o, l, "recap",
		        absolute(o, str(value_at(recaps, 0), "url")));
	return l;
}

static void
people(struct od *o, value *e, const value *v)
{
	const value *n = value_get(v, "benevoles");
	double x;
	if (value_to_number(n, &x))
		value_set(o->a, e, "volunteersWanted", value_number(o->a, x));
	if (value_to_number(value_get(v, "age_min"), &x)) {
		value *age = value_map(o->a);
		value_set(o->a, age, "min", value_number(o->a, x));
		value_set(o->a, e, "age", age);
	}
	put_str(o, e, "children", children(str(v, "enfants")));
	value_set(o->a, e, "accessibility",
	          accessibility(o, value_get(v, "accessibilite")));
	value_set(o->a, e, "accessibilityDetails",
	          strings(o, value_get(v, "accessibilite"), NULL));
}

/*
 * What the commune's calendar says of the event's revision (calendar.c),
 * so that the network's calendar, which copies it under the same UID,
 * says the same: its SEQUENCE (eventrev.h: how many times its time,
 * place or status changed), and its last commit's instant, the
 * DTSTAMP and LAST-MODIFIED (updatedAt is only its day).  Without them
 * a resident subscribed to the département's calendar kept a moved
 * workshop at its first time (reseau25).
 */
static eventrev_rev
event_revision(struct od *o, size_t i, const page *p)
{
	/* its file's revisions only (own): a day postponed in the
	 * edition's file moves the commune's calendars (calendar.c) but
	 * not yet this; read once for both (revtable.h) */
	return o->revs != NULL ? revtable_get(o->revs, o->rev, i)
	                       : eventrev_revision(
	                             o->rev, site_page_history(o->s, p), NULL);
}

static void
revision(struct od *o, value *e, const page *p, eventrev_rev rv)
{
	value_set(o->a, e, "sequence", value_number(o->a, (double)rv.own));
	double t = value_get_number(value_get(p->view, "mis_a_jour_unix"));
	if (t <= 0)
		return;
	buf b = BUF_INIT;
	feeds_utc_time(&b, (long long)t);
	value_set_str(o->a, e, "lastModified",
	              arena_strdup(o->a, buf_cstr(&b)));
	buf_free(&b);
}

static value *
event(struct od *o, const page *p, const value *reg, eventrev_rev rv)
{
	const value *v = p->view;
	value *e = value_map(o->a);
	/* the calendar's UID (calendar.c): its first key, kept through
	 * its file's renames, so that an agenda importing it updates the
	 * event instead of adding a copy */
	value_set_str(o->a, e, "uid",
	              urlbase_uid(o->a,
	                          p->event_key != NULL ? p->event_key : p->key,
	                          o->where, 0));
	put_str(o, e, "slug", p->slug);
	value_set(o->a, e, "edition", value_get(v, "edition"));
	put_str(o, e, "title", str(v, "titre"));
	put_str(o, e, "description", str(v, "resume"));
	value *t = term(o, value_get(v, "categorie"));
	if (t != NULL)
		value_set(o->a, e, "category", t);
	if ((t = term(o, value_get(v, "quartier"))) != NULL)
		value_set(o->a, e, "quartier", t);
	value_set(o->a, e, "keywords", strings(o, value_get(v, "tags"), "nom"));
	value_set(o->a, e, "timings", timings(o, p));
	value_set(o->a, e, "location", location(o, v));
	value_set_str(o->a, e, "status", status(str(v, "statut")));
	people(o, e, v);
	value_set(o->a, e, "registration",
	          reg ? (value *)reg : value_list(o->a));
	value_set(o->a, e, "links", links(o, v));
	put_str(o, e, "createdAt", str(v, "cree_le"));
	put_str(o, e, "updatedAt", str(v, "mis_a_jour_le"));
	revision(o, e, p, rv);
	return e;
}

/* The registration of the workshop's edition, shared by its events. */
static const value *
edition_registration(const value *eds, const value *year)
{
	for (size_t i = 0; i < value_len(eds); i++) {
		const value *e = value_at(eds, i);
		if (value_get_number(value_get(e, "year")) ==
		    value_get_number(year))
			return value_get(e, "registration");
	}
	return NULL;
}

/* The state of a programme's making: base URL, host, zone, and a
 * reader of old versions, freed by its maker (eventrev_free()). */
static void
od_init(struct od *o, site *s, revtable *revs, arena *a)
{
	*o = (struct od){.a = a,
	                 .s = s,
	                 .rev = eventrev_new(site_source(s), site_revmemo(s)),
	                 .revs = revs,
	                 .site = site_view(s)};
	const char *url = str(o->site, "url");
	size_t n = url ? strlen(url) : 0;
	while (n > 0 && url[n - 1] == '/')
		n--;
	o->base = arena_strndup(a, url ? url : "", n);
	/* the first url, kept when the site moves (site_identity_url()),
	 * in its older form with « identifiants: 2026-11 » */
	o->where = site_uid_origin(s, a);
	o->tz = str(o->site, "fuseau");
	if (o->tz == NULL)
		o->tz = DATE_ZONE_DEFAULT;
}

/* The programme without its events: format, licence, commune, editions. */
static value *
programme_head(struct od *o, site *s)
{
	value *prog = value_map(o->a);
	value_set_str(o->a, prog, "format", OPENDATA_FORMAT);
	value_set(o->a, prog, "licence", licence(o));
	value_set(o->a, prog, "commune", commune(o));
	value_set(o->a, prog, "editions", editions(o, s));
	return prog;
}

/* The workshops published as events, in the site's order. */
static bool
is_event(const page *p)
{
	return p->path != NULL && !p->draft && p->view != NULL &&
	       strcmp(p->kind, "atelier") == 0;
}

value *
opendata_programme(site *s, arena *a)
{
	struct od o;
	od_init(&o, s, NULL, a);
	value *prog = programme_head(&o, s);
	const value *eds = value_get(prog, "editions");
	value *events = value_list(a);
	for (size_t i = 0; i < site_page_count(s); i++) {
		const page *p = site_page(s, i);
		if (!is_event(p))
			continue;
		const value *reg =
		    edition_registration(eds, value_get(p->view, "edition"));
		value_push(a, events,
		           event(&o, p, reg, event_revision(&o, i, p)));
	}
	value_set(a, prog, "events", events);
	eventrev_free(o.rev);
	return prog;
}

/* ---- CSV --------------------------------------------------------------- */

/*
 * The two CSV files: programme.csv, open data (RFC 4180: ',' and
 * OpenAgenda-like column names), and programme-tableur.csv for the town
 * hall's spreadsheet, which French Excel opens by a double click only
 * with a BOM saying UTF-8 and ';' between cells, and whose numbers are
 * read with a decimal comma (tester19 F17).  Same columns and cells.
 */
struct csv_style {
	char sep;
	const char *const *head; /* the columns' names */
	const char *start;       /* before the header: the BOM, or "" */
};

/*
 * Whether a spreadsheet would read s as a formula: the town hall opens
 * programme.csv in LibreOffice or Excel, which run a cell starting with
 * = + - @ (or a tab or carriage return before one) as a formula, and an
 * editor's title like =HYPERLINK(...) could send the sheet's cells to
 * another site.  A number or telephone number (a sign, then digits,
 * spaces and dots: -0.58, +33 2 61 91 40 20) is data, not a formula.
 */
static bool
csv_formula(const char *s, const struct csv_style *st)
{
	if (strchr("=+-@\t\r", *s) == NULL || *s == '\0')
		return false;
	if (*s == '+' || *s == '-') {
		const char *d = s + 1;
		while (*d != '\0' && (strchr("0123456789 .", *d) != NULL ||
		                      (*d == ',' && st->sep == ';')))
			d++;
		return *d != '\0' || d == s + 1;
	}
	return true;
}

/* One cell, RFC 4180: quoted when it holds a quote, comma or line end; a
 * cell a spreadsheet would run as a formula is kept as text by a
 * leading apostrophe (OWASP's advice on CSV injection), which both
 * spreadsheets show and neither runs.  programme.json keeps the text as
 * written. */
static void
csv_field(buf *out, const char *s, const struct csv_style *st)
{
	if (s == NULL)
		s = "";
	const char *guard = csv_formula(s, st) ? "'" : "";
	char special[] = {'"', st->sep, '\r', '\n', '\0'};
	if (strpbrk(s, special) == NULL) {
		buf_puts(out, guard);
		buf_puts(out, s);
		return;
	}
	buf_putc(out, '"');
	buf_puts(out, guard);
	/* the text between two quotes in one copy (a page's whole text is
	 * a cell), each quote doubled */
	for (const char *q; (q = strchr(s, '"')) != NULL; s = q + 1) {
		buf_put(out, s, (size_t)(q - s + 1));
		buf_putc(out, '"');
	}
	buf_puts(out, s);
	buf_putc(out, '"');
}

static char *
num_text(const value *v, char *tmp, size_t n)
{
	if (value_kind_of(v) != VALUE_NUMBER)
		return NULL;
	value_format_number(value_get_number(v), tmp, n);
	return tmp;
}

static const char *const csv_columns[] = {"uid",
                                          "edition",
                                          "title",
                                          "description",
                                          "category",
                                          "quartier",
                                          "keywords",
                                          "begin",
                                          "end",
                                          "timings",
                                          "location_name",
                                          "address",
                                          "postal_code",
                                          "city",
                                          "insee",
                                          "latitude",
                                          "longitude",
                                          "status",
                                          "volunteers_wanted",
                                          "age_min",
                                          "children",
                                          "accessibility",
                                          "registration_link",
                                          "registration_email",
                                          "registration_phone",
                                          "page_url",
                                          "calendar_url",
                                          "recap_url"};
#define NCOLUMNS (sizeof(csv_columns) / sizeof(*csv_columns))

/* The same columns in words a town hall's clerk reads. */
static const char *const sheet_columns[NCOLUMNS] = {
    "Identifiant",
    "Édition",
    "Titre",
    "Résumé",
    "Catégorie",
    "Quartier",
    "Mots-clés",
    "Début",
    "Fin",
    "Créneaux",
    "Lieu",
    "Adresse",
    "Code postal",
    "Commune",
    "Code INSEE",
    "Latitude",
    "Longitude",
    "Statut",
    "Bénévoles recherchés",
    "Âge minimum",
    "Enfants",
    "Accessibilité",
    "Inscription (lien)",
    "Inscription (courriel)",
    "Inscription (téléphone)",
    "Page de l’atelier",
    "Agenda de l’atelier (.ics)",
    "Retour sur l’atelier"};

static const struct csv_style open_csv = {',', csv_columns, ""};
static const struct csv_style sheet_csv = {';', sheet_columns, "\xEF\xBB\xBF"};

/* A number of the sheet with a decimal comma (47,3426), which a French
 * spreadsheet reads as a number, and never as a date as it may 47.34. */
static const char *
sheet_number(char *n, const struct csv_style *st)
{
	char *dot = n != NULL && st->sep == ';' ? strchr(n, '.') : NULL;
	if (dot != NULL)
		*dot = ',';
	return n;
}

/*
 * The event's fields the cells read, as paths of one or two keys into
 * its tree, their keys' hashes made once per programme
 * (csv_paths_init()): each column's dotted path was split and hashed
 * again for every event and for each of the two files (value_path,
 * 2.5 % of an edit at 10,000 pages with history, session 28's profile).
 */
enum csv_path_id {
	CP_UID,
	CP_EDITION,
	CP_TITLE,
	CP_DESCRIPTION,
	CP_CATEGORY,
	CP_QUARTIER,
	CP_KEYWORDS,
	CP_TIMINGS,
	CP_LOC_NAME,
	CP_ADDRESS,
	CP_POSTAL_CODE,
	CP_CITY,
	CP_INSEE,
	CP_LATITUDE,
	CP_LONGITUDE,
	CP_STATUS,
	CP_VOLUNTEERS,
	CP_AGE_MIN,
	CP_CHILDREN,
	CP_ACCESSIBILITY,
	CP_REGISTRATION,
	CP_PAGE,
	CP_CALENDAR,
	CP_RECAP,
	CP_BEGIN,
	CP_END,
	CP_TYPE,
	CP_VALUE,
	NPATHS
};

static const char *const csv_path_keys[NPATHS][2] = {
    [CP_UID] = {"uid", NULL},
    [CP_EDITION] = {"edition", NULL},
    [CP_TITLE] = {"title", NULL},
    [CP_DESCRIPTION] = {"description", NULL},
    [CP_CATEGORY] = {"category", "name"},
    [CP_QUARTIER] = {"quartier", "name"},
    [CP_KEYWORDS] = {"keywords", NULL},
    [CP_TIMINGS] = {"timings", NULL},
    [CP_LOC_NAME] = {"location", "name"},
    [CP_ADDRESS] = {"location", "address"},
    [CP_POSTAL_CODE] = {"location", "postalCode"},
    [CP_CITY] = {"location", "city"},
    [CP_INSEE] = {"location", "insee"},
    [CP_LATITUDE] = {"location", "latitude"},
    [CP_LONGITUDE] = {"location", "longitude"},
    [CP_STATUS] = {"status", NULL},
    [CP_VOLUNTEERS] = {"volunteersWanted", NULL},
    [CP_AGE_MIN] = {"age", "min"},
    [CP_CHILDREN] = {"children", NULL},
    [CP_ACCESSIBILITY] = {"accessibilityDetails", NULL},
    [CP_REGISTRATION] = {"registration", NULL},
    [CP_PAGE] = {"links", "page"},
    [CP_CALENDAR] = {"links", "calendar"},
    [CP_RECAP] = {"links", "recap"},
    /* in a timing, and in a registration */
    [CP_BEGIN] = {"begin", NULL},
    [CP_END] = {"end", NULL},
    [CP_TYPE] = {"type", NULL},
    [CP_VALUE] = {"value", NULL}};

struct csv_paths {
	uint32_t hash[NPATHS][2];
};

static void
csv_paths_init(struct csv_paths *ps)
{
	for (size_t i = 0; i < NPATHS; i++)
		for (size_t k = 0; k < 2; k++)
			ps->hash[i][k] =
			    csv_path_keys[i][k] != NULL
			        ? value_key_hash(csv_path_keys[i][k])
			        : 0;
}

static const value *
csv_get(const value *e, const struct csv_paths *ps, enum csv_path_id id)
{
	const value *v =
	    value_get_hashed(e, csv_path_keys[id][0], ps->hash[id][0]);
	if (csv_path_keys[id][1] != NULL)
		v = value_get_hashed(v, csv_path_keys[id][1], ps->hash[id][1]);
	return v;
}

/* A cell's text: a non-empty string, else NULL (as str()). */
static const char *
csv_str(const value *e, const struct csv_paths *ps, enum csv_path_id id)
{
	const char *s = value_get_string(csv_get(e, ps, id));
	return s != NULL && *s != '\0' ? s : NULL;
}

static const char *
joined(const value *list, buf *tmp)
{
	buf_reset(tmp);
	for (size_t i = 0; i < value_len(list); i++) {
		const char *s = value_get_string(value_at(list, i));
		if (s == NULL)
			continue;
		if (tmp->len > 0)
			buf_puts(tmp, "; ");
		buf_puts(tmp, s);
	}
	return buf_cstr(tmp);
}

/*
 * One event's cells, made once for both files (they differ only in the
 * sheet's decimal commas, kept beside): the row was made from the tree
 * for each file.  The texts point into the event's tree and the bufs.
 */
struct csv_cells {
	const char *cell[NCOLUMNS];
	char num[5][40];
	char lat_comma[40], lon_comma[40];
	buf keywords, access, timings, statuses;
};

/* Columns 22-24: the sign-up link, e-mail and phone of its registration
 * list. */
static void
csv_registrations(struct csv_cells *c, const value *regs,
                  const struct csv_paths *ps)
{
	static const char *const types[] = {"link", "email", "phone"};
	for (size_t k = 0; k < 3; k++)
		c->cell[22 + k] = NULL;
	/* the first of each type, as the programme lists them */
	for (size_t i = value_len(regs); i-- > 0;) {
		const value *r = value_at(regs, i);
		const char *type = csv_str(r, ps, CP_TYPE);
		for (size_t k = 0; type != NULL && k < 3; k++)
			if (strcmp(type, types[k]) == 0)
				c->cell[22 + k] = csv_str(r, ps, CP_VALUE);
	}
}

/* Columns 7-9 (begin, end, timings): the first slot's start, the last
 * one's end, and every slot's "begin/end" joined by "; ". */
static void
csv_times(struct csv_cells *c, const value *e, const struct csv_paths *ps)
{
	const value *tm = csv_get(e, ps, CP_TIMINGS);
	size_t nt = value_len(tm);
	for (size_t i = 0; i < nt; i++) {
		const value *t = value_at(tm, i);
		if (c->timings.len > 0)
			buf_puts(&c->timings, "; ");
		buf_printf(&c->timings, "%s/%s", csv_str(t, ps, CP_BEGIN),
		           csv_str(t, ps, CP_END));
	}
	c->cell[7] = nt ? csv_str(value_at(tm, 0), ps, CP_BEGIN) : NULL;
	c->cell[8] = nt ? csv_str(value_at(tm, nt - 1), ps, CP_END) : NULL;
	c->cell[9] = buf_cstr(&c->timings);
}

/* Column 17 (status): the event's, or, when a slot has a status of its
 * own (timings[].status, « statut: annule » on one slot: outside
 * tester 26 F1), every slot's in the order of timings, joined by "; ",
 * in the words of a cancelled workshop's: a row per workshop would
 * otherwise say « scheduled » of a slot that does not take place. */
static void
csv_status(struct csv_cells *c, const value *e, const struct csv_paths *ps)
{
	const char *own = csv_str(e, ps, CP_STATUS);
	const value *tm = csv_get(e, ps, CP_TIMINGS);
	bool differs = false;
	c->cell[17] = own;
	for (size_t i = 0; own != NULL && i < value_len(tm); i++) {
		const char *st = csv_str(value_at(tm, i), ps, CP_STATUS);
		differs |= st != NULL && strcmp(st, own) != 0;
	}
	for (size_t i = 0; differs && i < value_len(tm); i++) {
		const char *st = csv_str(value_at(tm, i), ps, CP_STATUS);
		if (i > 0)
			buf_puts(&c->statuses, "; ");
		buf_puts(&c->statuses, st != NULL ? st : own);
	}
	if (differs)
		c->cell[17] = buf_cstr(&c->statuses);
}

/* The sheet's copy of a number with a decimal comma (sheet_number()). */
static const char *
comma_copy(char *dst, size_t n, const char *num)
{
	if (num == NULL)
		return NULL;
	snprintf(dst, n, "%s", num);
	return sheet_number(dst, &sheet_csv);
}

/* The cells of event e in csv_columns' order (each index is its
 * column's); c's bufs are its own until csv_cells_free(). */
static void
csv_cells_of(struct csv_cells *c, const value *e, const struct csv_paths *ps)
{
	c->keywords = c->access = c->timings = c->statuses = (buf)BUF_INIT;
	const char **cl = c->cell;
	cl[0] = csv_str(e, ps, CP_UID);
	cl[1] = num_text(csv_get(e, ps, CP_EDITION), c->num[0], 40);
	cl[2] = csv_str(e, ps, CP_TITLE);
	cl[3] = csv_str(e, ps, CP_DESCRIPTION);
	cl[4] = csv_str(e, ps, CP_CATEGORY);
	cl[5] = csv_str(e, ps, CP_QUARTIER);
	cl[6] = joined(csv_get(e, ps, CP_KEYWORDS), &c->keywords);
	csv_times(c, e, ps);
	for (size_t k = 0; k < 5; k++) /* name, address ... insee */
		cl[10 + k] =
		    csv_str(e, ps, (enum csv_path_id)(CP_LOC_NAME + k));
	cl[15] = num_text(csv_get(e, ps, CP_LATITUDE), c->num[1], 40);
	cl[16] = num_text(csv_get(e, ps, CP_LONGITUDE), c->num[2], 40);
	csv_status(c, e, ps);
	cl[18] = num_text(csv_get(e, ps, CP_VOLUNTEERS), c->num[3], 40);
	cl[19] = num_text(csv_get(e, ps, CP_AGE_MIN), c->num[4], 40);
	cl[20] = csv_str(e, ps, CP_CHILDREN);
	cl[21] = joined(csv_get(e, ps, CP_ACCESSIBILITY), &c->access);
	csv_registrations(c, csv_get(e, ps, CP_REGISTRATION), ps);
	cl[25] = csv_str(e, ps, CP_PAGE);
	cl[26] = csv_str(e, ps, CP_CALENDAR);
	cl[27] = csv_str(e, ps, CP_RECAP);
}

static void
csv_cells_free(struct csv_cells *c)
{
	buf_free(&c->keywords);
	buf_free(&c->access);
	buf_free(&c->timings);
	buf_free(&c->statuses);
}

static void
csv_row(buf *out, struct csv_cells *c, const struct csv_style *st)
{
	for (size_t i = 0; i < NCOLUMNS; i++) {
		const char *s = c->cell[i];
		if (st->sep == ';' && i == 15)
			s = comma_copy(c->lat_comma, sizeof(c->lat_comma), s);
		else if (st->sep == ';' && i == 16)
			s = comma_copy(c->lon_comma, sizeof(c->lon_comma), s);
		if (i > 0)
			buf_putc(out, st->sep);
		csv_field(out, s, st);
	}
	buf_puts(out, "\r\n");
}

static void
csv_header(buf *out, const struct csv_style *st)
{
	buf_puts(out, st->start);
	for (size_t i = 0; i < NCOLUMNS; i++) {
		if (i > 0)
			buf_putc(out, st->sep);
		buf_puts(out, st->head[i]);
	}
	buf_puts(out, "\r\n");
}

void
opendata_csv(const value *programme, bool sheet, buf *out)
{
	const struct csv_style *st = sheet ? &sheet_csv : &open_csv;
	struct csv_paths paths;
	struct csv_cells c;
	csv_paths_init(&paths);
	csv_header(out, st);
	const value *events = value_get(programme, "events");
	for (size_t i = 0; i < value_len(events); i++) {
		csv_cells_of(&c, value_at(events, i), &paths);
		csv_row(out, &c, st);
		csv_cells_free(&c);
	}
}

/*
 * Where a file of the programme goes: a stream of the output, or nowhere
 * (o NULL: computed only).  Each piece is made in b, then put and b
 * emptied: at 10,000 workshops programme.json (13 MB) and programme.csv
 * (5.6 MB) were held whole until written, at the end of the build, when
 * its memory peaks.
 */
struct sink {
	output_stream *st;
	buf b;
};

static void
sink_open(struct sink *k, output *o, const char *relpath)
{
	k->st = o != NULL
	            ? output_stream_open(o, relpath, OUTPUT_STREAM_UNSIZED)
	            : NULL;
	k->b = (buf)BUF_INIT;
}

static void
sink_flush(struct sink *k)
{
	if (k->st != NULL && k->b.len > 0)
		output_stream_put(k->st, k->b.data, k->b.len);
	buf_reset(&k->b);
}

/* 0, or -1 after reporting. */
static int
sink_close(struct sink *k)
{
	sink_flush(k);
	buf_free(&k->b);
	return k->st != NULL ? output_stream_close(k->st) : 0;
}

/*
 * An event's three pieces, its programme.json object and its rows of
 * programme.csv and programme-tableur.csv, kept from one build to the
 * next in the cache folder (recstore.h, store "programme") under the
 * digest of what they are made of (event_key()): an edit of one
 * workshop makes its pieces again and copies the others' bytes, where
 * every event's tree, JSON and rows were made again (issue 14: 17 % of
 * an edit at 10,000 pages with history, session 28's profile).
 */
struct records {
	recstore *rs; /* NULL: nothing kept, every event made */
	const opendata_records *in;
	buf key, data; /* scratch: the key's inputs, a record read */
	buf piece[3];  /* scratch: an event's JSON and rows */
	struct csv_paths paths;
};

static void
key_str(buf *k, const char *s)
{
	buf_putc(k, s != NULL);
	if (s != NULL)
		buf_put(k, s, strlen(s) + 1);
}

/*
 * The key of page i's event: its view's digest (render.c, over every
 * key opendata_view_keys names, with the site's and the current
 * edition's views, deep enough for a slot's time), the page's own
 * fields event() reads, what comes from the site (its address, zone,
 * first host, commune), its edition's registration as written, its
 * sequence and last change.  False when the view has no digest.
 */
static bool
event_key(struct od *o, struct records *r, size_t i, const page *p,
          const value *reg, eventrev_rev rv, unsigned char key[RECSTORE_KEY])
{
	if (r->rs == NULL || r->in->views == NULL || !r->in->keyed[i])
		return false;
	buf *k = &r->key;
	buf_reset(k);
	buf_puts(k, "programme event 1");
	buf_put(k, r->in->views[i].b, VIEWHASH_LEN);
	const char *f[] = {p->key,
	                   p->event_key,
	                   p->slug,
	                   o->base,
	                   o->where,
	                   o->tz,
	                   str(o->site, "commune.nom"),
	                   str(o->site, "commune.code_postal"),
	                   str(o->site, "commune.insee")};
	for (size_t m = 0; m < sizeof(f) / sizeof(*f); m++)
		key_str(k, f[m]);
	buf_putc(k, reg != NULL);
	if (reg != NULL)
		json_value(k, reg, 0);
	buf_putc(k, '\0');
	double t = value_get_number(value_get(p->view, "mis_a_jour_unix"));
	unsigned own = rv.own;
	buf_put(k, &own, sizeof(own));
	buf_put(k, &t, sizeof(t));
	recstore_key(r->rs, k->data, k->len, key);
	return true;
}

/* The event's kept pieces put into the sinks: false when none is kept
 * under key, or it cannot be read back whole (then it is made). */
static bool
event_kept(struct records *r, const unsigned char key[RECSTORE_KEY],
           struct sink *out[3])
{
	size_t no, len, at = 0, n[3];
	const char *d, *part[3];
	if (!recstore_get(r->rs, key, &no) ||
	    (d = recstore_data(r->rs, no, &r->data, &len)) == NULL)
		return false;
	for (size_t k = 0; k < 3; k++) {
		if (len - at < sizeof(n[k]))
			return false;
		memcpy(&n[k], d + at, sizeof(n[k]));
		at += sizeof(n[k]);
		if (n[k] > len - at)
			return false;
		part[k] = d + at;
		at += n[k];
	}
	if (at != len)
		return false;
	for (size_t k = 0; k < 3; k++)
		buf_put(&out[k]->b, part[k], n[k]);
	return true;
}

/* Page i's event made (its tree in a scratch arena only while its JSON
 * and rows are written), put into the sinks, and kept under key when
 * keyed. */
static void
event_made(struct od *o, struct records *r, const page *p, const value *reg,
           eventrev_rev rv, const unsigned char *key, struct sink *out[3])
{
	struct od eo = *o;
	eo.a = arena_new();
	const value *e = event(&eo, p, reg, rv);
	struct csv_cells c;
	for (size_t k = 0; k < 3; k++)
		buf_reset(&r->piece[k]);
	json_value_at(&r->piece[0], e, 1, 2);
	csv_cells_of(&c, e, &r->paths);
	csv_row(&r->piece[1], &c, &open_csv);
	csv_row(&r->piece[2], &c, &sheet_csv);
	csv_cells_free(&c);
	arena_free(eo.a);
	buf_reset(&r->data);
	for (size_t k = 0; k < 3; k++) {
		buf_put(&out[k]->b, r->piece[k].data, r->piece[k].len);
		buf_put(&r->data, &r->piece[k].len, sizeof(r->piece[k].len));
		buf_put(&r->data, r->piece[k].data, r->piece[k].len);
	}
	if (key != NULL)
		recstore_put(r->rs, key, r->data.data, r->data.len);
}

static void
records_open(struct records *r, opendata_records *in)
{
	*r = (struct records){.in = in};
	if (in != NULL && in->dir != NULL && in->views != NULL)
		r->rs = recstore_open(in->dir, "programme");
	csv_paths_init(&r->paths);
}

/* Saves the records used for the next build, counts them, frees. */
static void
records_close(struct records *r, opendata_records *in)
{
	if (r->rs != NULL) {
		recstore_counts(r->rs, &in->got, &in->put);
		recstore_save(r->rs);
		recstore_free(r->rs);
	}
	buf_free(&r->key);
	buf_free(&r->data);
	for (size_t k = 0; k < 3; k++)
		buf_free(&r->piece[k]);
}

/*
 * programme.json as json_value() writes opendata_programme()'s tree (one
 * space a level), and programme.csv, made one event at a time, each
 * event's pieces kept or made (struct records), so the whole
 * programme's tree (tens of MB for 10,000 workshops) is never held, nor
 * are the files' texts.
 */
static void
write_programme(site *s, revtable *revs, arena *a, struct sink *out[3],
                struct records *r)
{
	struct od o;
	od_init(&o, s, revs, a);
	const value *head = programme_head(&o, s);
	const value *eds = value_get(head, "editions");
	buf *json = &out[0]->b;
	buf_putc(json, '{');
	for (size_t i = 0; i < value_len(head); i++) {
		buf_puts(json, "\n ");
		json_string(json, value_key_at(head, i));
		buf_puts(json, ": ");
		json_value_at(json, value_val_at(head, i), 1, 1);
		buf_putc(json, ',');
	}
	buf_puts(json, "\n \"events\": [");
	csv_header(&out[1]->b, &open_csv);
	csv_header(&out[2]->b, &sheet_csv);
	size_t n = 0;
	for (size_t i = 0; i < site_page_count(s); i++) {
		const page *p = site_page(s, i);
		if (!is_event(p))
			continue;
		const value *reg =
		    edition_registration(eds, value_get(p->view, "edition"));
		eventrev_rev rv = event_revision(&o, i, p);
		unsigned char key[RECSTORE_KEY];
		bool keyed = event_key(&o, r, i, p, reg, rv, key);
		buf_puts(json, n++ > 0 ? ",\n  " : "\n  ");
		if (!keyed || !event_kept(r, key, out))
			event_made(&o, r, p, reg, rv, keyed ? key : NULL, out);
		for (size_t k = 0; k < 3; k++)
			sink_flush(out[k]);
	}
	buf_puts(json, n > 0 ? "\n ]\n}\n" : "]\n}\n");
	eventrev_free(o.rev);
}

const char *const opendata_view_keys[] = {
    /* the site's */
    "url", "fuseau", "licence", "nom", "commune", "insee", "code_postal",
    "langue",
    /* the editions' */
    "edition", "annee", "date", "inscription", "date_limite",
    "sans_inscription", "email", "tel",
    /* the workshops' and their terms, places, slots and recaps */
    "titre", "resume", "categorie", "quartier", "id", "tags", "creneaux",
    "debut", "fin", "lieu", "adresse", "lat", "lon", "rdv", "statut",
    "benevoles", "age_min", "enfants", "accessibilite", "ics_url", "retours",
    "cree_le", "mis_a_jour_le", "numero", NULL};

int
opendata_write(site *s, output *o, diag *d)
{
	return opendata_write_some(s, o, true, true, true, NULL, NULL, d);
}

int
opendata_write_some(site *s, output *o, bool want_json, bool want_csv,
                    bool want_sheet, revtable *revs, opendata_records *keep,
                    diag *d)
{
	arena *a = arena_new();
	struct sink json, csv, sheet;
	sink_open(&json, want_json ? o : NULL, WHOLESITE_OPENDATA_JSON);
	sink_open(&csv, want_csv ? o : NULL, WHOLESITE_OPENDATA_CSV);
	sink_open(&sheet, want_sheet ? o : NULL, WHOLESITE_OPENDATA_SHEET);
	struct sink *out[3] = {&json, &csv, &sheet};
	struct records r;
	records_open(&r, keep);
	write_programme(s, revs, a, out, &r);
	records_close(&r, keep);
	int rc = 0;
	if (sink_close(&json) != 0)
		rc = -1;
	if (sink_close(&csv) != 0)
		rc = -1;
	if (sink_close(&sheet) != 0)
		rc = -1;
	(void)d;
	arena_free(a);
	return rc;
}
