#include "details.h"

#include <string.h>

#include "buf.h"
#include "date.h"
#include "phonelink.h"
#include "slotid.h"
#include "theme.h"

static const char *
text_of(const view_env *e, const char *group, const char *id)
{
	return theme_text(e->i18n, arena_printf(e->a, "%s.%s", group, id), id);
}

bool
details_map_links(arena *a, const value *lieu, const char **osm,
                  const char **geo)
{
	const value *lat = value_get(lieu, "lat"),
	            *lon = value_get(lieu, "lon");
	if (value_kind_of(lat) != VALUE_NUMBER ||
	    value_kind_of(lon) != VALUE_NUMBER)
		return false;
	char la[32], lo[32];
	value_format_number(value_get_number(lat), la, sizeof(la));
	value_format_number(value_get_number(lon), lo, sizeof(lo));
	*osm = arena_printf(a,
	                    "https://www.openstreetmap.org/?mlat=%s&mlon=%s"
	                    "#map=18/%s/%s",
	                    la, lo, la, lo);
	*geo = arena_printf(a, "geo:%s,%s", la, lo);
	return true;
}

/* Links only: nothing is embedded, so no page loads anything from
 * OpenStreetMap. */
static void
add_place(const view_env *e, value *v, const value *m)
{
	const char *osm, *geo;
	if (!details_map_links(e->a, value_get(m, "lieu"), &osm, &geo))
		return;
	value_set_str(e->a, v, "osm_url", osm);
	value_set_str(e->a, v, "geo_url", geo);
}

/* {id, texte} for each value of an enum list, texts from i18n group. */
static value *
labelled(const view_env *e, const value *ids, const char *group)
{
	value *list = value_list(e->a);
	for (size_t i = 0; i < value_len(ids); i++) {
		const char *id = value_get_string(value_at(ids, i));
		if (id == NULL)
			continue;
		value *it = value_map(e->a);
		value_set_str(e->a, it, "id", id);
		value_set_str(e->a, it, "texte", text_of(e, group, id));
		value_push(e->a, list, it);
	}
	return list;
}

/* One time slot: date_texte, horaire ("7 h 30 – 8 h 30"), moment. */
static value *
slot(const view_env *e, const value *sl)
{
	value *c = value_copy_map(e->a, sl, 8);
	const char *date = value_get_string(value_get(sl, "date"));
	const char *debut = value_get_string(value_get(sl, "debut"));
	const char *fin = value_get_string(value_get(sl, "fin"));
	char a[32], b[32], d[128];
	civil_date cd;
	if (date != NULL && date_parse(date, &cd)) {
		date_format_long(cd, e->i18n, d, sizeof(d));
		value_set_str(e->a, c, "date_texte", d);
	}
	if (debut != NULL && fin != NULL &&
	    date_time_format(debut, e->i18n, a, sizeof(a)) &&
	    date_time_format(fin, e->i18n, b, sizeof(b)))
		value_set_str(e->a, c, "horaire",
		              arena_printf(e->a, "%s – %s", a, b));
	const char *moment = view_moment(debut, fin);
	value_set_str(e->a, c, "moment", moment);
	value_set_str(e->a, c, "moment_texte", text_of(e, "moments", moment));
	/* a slot's own statut (« annule »: that slot alone does not take
	 * place, outside tester 26 F1): its words beside its times, not
	 * its colour; confirme is the rule, said by nobody */
	const char *st = value_get_string(value_get(sl, "statut"));
	view_set_bool(e, c, "creneau_annule",
	              st != NULL && strcmp(st, "annule") == 0);
	if (st != NULL && strcmp(st, "confirme") != 0)
		value_set_str(e->a, c, "creneau_statut_texte",
		              text_of(e, "statuts", st));
	else
		view_set_bool(e, c, "creneau_statut_texte", false);
	return c;
}

/* ics_url on each of a workshop's slots: its own calendar (view.h
 * CALENDAR_SLOT_PREFIX, written by calendar.c) when there are two or
 * more (then agenda_creneaux on the workshop, whose own calendar holds
 * them all), else false (a lone slot's is the workshop's, and Mustache would
 * find the workshop's ics_url from inside {{#creneaux}}).  "Ajouter à
 * mon agenda" added every slot of the workshop: a resident coming at
 * 14 h had 8 h and 16 h in the calendar too. */
static void
slot_calendars(const view_env *e, value *v, value *slots)
{
	const char *url = value_get_string(value_get(v, "url"));
	size_t n = value_len(slots);
	view_set_bool(e, v, "agenda_creneaux", n >= 2 && url != NULL);
	for (size_t i = 0; i < n; i++) {
		value *sl = value_at(slots, i);
		if (n < 2 || url == NULL)
			view_set_bool(e, sl, "ics_url", false);
		else
			value_set_str(
			    e->a, sl, "ics_url",
			    arena_printf(e->a,
			                 "%s" CALENDAR_SLOT_PREFIX
			                 "%ld" CALENDAR_SLOT_SUFFIX,
			                 url, (long)slotid_of_view(sl, i)));
	}
}

void
details_slots_joined(const view_env *e, value *slots)
{
	const char *and = theme_text(e->i18n, "libelles.et", "et");
	size_t n = value_len(slots);
	for (size_t i = 0; i < n; i++)
		value_set_str(e->a, value_at(slots, i), "liaison",
		              i == 0       ? ""
		              : i + 1 == n ? arena_printf(e->a, " %s ", and)
		                           : ", ");
}

/* The workshop's partners (associations, businesses: published whole),
 * each with 'url' and 'role' false when not given: a section reads a
 * missing key in the enclosing views, and {{#url}} inside a partner must
 * not link its name to the workshop's own page. */
static void
add_partners(const view_env *e, value *v, const value *m)
{
	const value *orgs = value_get(m, "partenaires");
	if (value_len(orgs) == 0)
		return;
	value *list = value_list(e->a);
	for (size_t i = 0; i < value_len(orgs); i++) {
		value *o = value_copy_map(e->a, value_at(orgs, i), 4);
		if (value_get(o, "url") == NULL)
			value_set_bool(e->a, o, "url", false);
		if (value_get(o, "role") == NULL)
			value_set_bool(e->a, o, "role", false);
		value_push(e->a, list, o);
	}
	value_set(e->a, v, "partenaires", list);
}

/* Children, accessibility and time slots of a workshop, in words; each
 * slot with its numero, what its calendar event and file are known by
 * (e->slot_ids, else its place in the file).  Their order and what
 * follows from it are details_workshop_slots()'. */
static void
add_workshop(const view_env *e, value *v, const value *m)
{
	/* "Confirmé" is the normal case: a badge on every card would be
	 * noise, so the theme shows only the others.  The view's statut:
	 * annule too when every slot is (view.c). */
	const char *st = value_get_string(value_get(v, "statut"));
	view_set_bool(e, v, "statut_notable",
	              st != NULL && strcmp(st, "confirme") != 0);
	const char *kids = value_get_string(value_get(m, "enfants"));
	if (kids != NULL)
		value_set_str(e->a, v, "enfants_texte",
		              text_of(e, "enfants", kids));
	const value *acc = value_get(m, "accessibilite");
	if (value_len(acc) > 0)
		value_set(e->a, v, "accessibilite_textes",
		          labelled(e, acc, "accessibilite"));
	add_partners(e, v, m);
	const value *slots = value_get(m, "creneaux");
	if (value_len(slots) == 0)
		return;
	value *list = value_list(e->a);
	for (size_t i = 0; i < value_len(slots); i++) {
		value *c = slot(e, value_at(slots, i));
		size_t id = e->slot_ids != NULL ? e->slot_ids[i] : i + 1;
		value_set_int(e->a, c, "numero", (long)id);
		value_push(e->a, list, c);
	}
	value_set(e->a, v, "creneaux", list);
}

/* The minutes of a slot's start and end, for the order of slots (-1
 * when not a time: after the others, as the check already said). */
static int
slot_minutes(const value *sl, const char *key)
{
	const char *t = value_get_string(value_get(sl, key));
	int m = t != NULL ? date_time_parse(t) : -1;
	return m >= 0 ? m : 24 * 60;
}

/* Does slot a come before slot b: by its day (its own, else own, the
 * workshop's), then its start, then its end. */
static bool
slot_before(const value *a, const value *b, const char *own)
{
	const char *da = value_get_string(value_get(a, "date"));
	const char *db = value_get_string(value_get(b, "date"));
	int c = strcmp(da != NULL ? da : own, db != NULL ? db : own);
	if (c != 0)
		return c < 0;
	int sa = slot_minutes(a, "debut"), sb = slot_minutes(b, "debut");
	if (sa != sb)
		return sa < sb;
	return slot_minutes(a, "fin") < slot_minutes(b, "fin");
}

void
details_workshop_slots(const view_env *e, value *v)
{
	value *slots = value_get(v, "creneaux");
	size_t n = value_len(slots);
	if (n == 0)
		return;
	const char *own = value_get_string(value_get(v, "date"));
	value **items = arena_alloc(e->a, n * sizeof(*items));
	for (size_t i = 0; i < n; i++) { /* insertion: stable, n is small */
		value *sl = value_at(slots, i);
		size_t k = i;
		for (; k > 0 && slot_before(sl, items[k - 1], own ? own : "");
		     k--)
			items[k] = items[k - 1];
		items[k] = sl;
	}
	value *list = value_list(e->a);
	for (size_t i = 0; i < n; i++)
		value_push(e->a, list, items[i]);
	slot_calendars(e, v, list);
	details_slots_joined(e, list);
	value_set(e->a, v, "creneaux", list);
	const value *first = value_at(list, 0);
	value_set(e->a, v, "moment", value_get(first, "moment"));
	value_set(e->a, v, "moment_texte", value_get(first, "moment_texte"));
}

/* The workshop's days as a headline ("samedi 23 mai 2026") and inside a
 * sentence ("le samedi 23 mai 2026", as "du … au …" is for several):
 * "Cet atelier a eu lieu {{quand_phrase}}." reads right either way. */
static void
one_day(const view_env *e, value *v, const char *day)
{
	value_set_str(e->a, v, "quand_texte", day);
	value_set_str(
	    e->a, v, "quand_phrase",
	    arena_printf(e->a, "%s %s", text_of(e, "dates", "le"), day));
}

/* Whether v[dotted] would open a section of the card: set, not false,
 * not an empty list or string. */
static bool
shows(const value *v, const char *dotted)
{
	const value *x = value_path(v, dotted);
	switch (x != NULL ? value_kind_of(x) : VALUE_NULL) {
	case VALUE_NULL: return false;
	case VALUE_BOOL: return value_get_bool(x);
	case VALUE_LIST: return value_len(x) > 0;
	case VALUE_STRING: return *value_get_string(x) != '\0';
	default: return true;
	}
}

void
details_workshop_card(const view_env *e, value *v)
{
	static const char *const labels[] = {"statut_notable", "complet",
	                                     "inscriptions_closes",
	                                     "categorie.nom", "quartier.nom"};
	/* age_min shows on its own when enfants does not say (slots25) */
	static const char *const pictos[] = {"appel_benevoles", "enfants_texte",
	                                     "age_min", "accessibilite_textes"};
	bool any = false;
	for (size_t i = 0; i < sizeof(labels) / sizeof(*labels); i++)
		any = any || shows(v, labels[i]);
	view_set_bool(e, v, "carte_etiquettes", any);
	any = false;
	for (size_t i = 0; i < sizeof(pictos) / sizeof(*pictos); i++)
		any = any || shows(v, pictos[i]);
	view_set_bool(e, v, "carte_pictos", any);
}

void
details_workshop_days(const view_env *e, value *v)
{
	const char *own = value_get_string(value_get(v, "date"));
	const value *slots = value_get(v, "creneaux");
	civil_date lo, hi, d;
	const char *lo_s = NULL, *hi_s = NULL;
	for (size_t i = 0; i < value_len(slots); i++) {
		const char *s =
		    value_get_string(value_get(value_at(slots, i), "date"));
		if (s == NULL)
			s = own;
		if (s == NULL || !date_parse(s, &d))
			continue;
		if (lo_s == NULL || date_cmp(d, lo) < 0)
			lo = d, lo_s = s;
		if (hi_s == NULL || date_cmp(d, hi) > 0)
			hi = d, hi_s = s;
	}
	if (lo_s == NULL) {
		value *t = value_get(v, "date_texte");
		if (t != NULL)
			one_day(e, v, value_get_string(t));
		if (own != NULL)
			value_set_str(e->a, v, "fin_date", own);
		return;
	}
	char a[128], b[128];
	date_format_long(lo, e->i18n, a, sizeof(a));
	value_set_str(e->a, v, "fin_date", hi_s);
	if (date_cmp(lo, hi) == 0) {
		one_day(e, v, a);
		return;
	}
	date_format_long(hi, e->i18n, b, sizeof(b));
	const char *range =
	    arena_printf(e->a, "%s %s %s %s", text_of(e, "dates", "du"), a,
	                 text_of(e, "dates", "au"), b);
	value_set_str(e->a, v, "quand_texte", range);
	value_set_str(e->a, v, "quand_phrase", range);
}

/* date in words in v's jour_carte if it is not the edition's day (both
 * ISO), else false. */
static void
set_other_day(const view_env *e, value *v, const char *date,
              const char *edition_date)
{
	civil_date d;
	if (date == NULL || edition_date == NULL ||
	    strcmp(date, edition_date) == 0 || !date_parse(date, &d)) {
		view_set_bool(e, v, "jour_carte", false);
		return;
	}
	char t[128];
	date_format_long(d, e->i18n, t, sizeof(t));
	value_set_str(e->a, v, "jour_carte", t);
}

void
details_workshop_other_days(const view_env *e, value *v,
                            const char *edition_date)
{
	const char *own = value_get_string(value_get(v, "date"));
	set_other_day(e, v, own, edition_date);
	value *slots = value_get(v, "creneaux");
	for (size_t i = 0; i < value_len(slots); i++) {
		value *sl = value_at(slots, i);
		const char *d = value_get_string(value_get(sl, "date"));
		set_other_day(e, sl, d != NULL ? d : own, edition_date);
	}
}

/* "1873–1874, XIXe siècle" from periode {debut, fin, siecle}. */
static void
add_period(const view_env *e, value *v, const value *m)
{
	const value *p = value_get(m, "periode");
	if (value_kind_of(p) != VALUE_MAP)
		return;
	const value *d = value_get(p, "debut"), *f = value_get(p, "fin");
	const char *siecle = value_get_string(value_get(p, "siecle"));
	buf b = BUF_INIT;
	if (d != NULL)
		buf_printf(&b, "%d", (int)value_get_number(d));
	if (f != NULL &&
	    (d == NULL || value_get_number(f) != value_get_number(d)))
		buf_printf(&b, "%s%d", d ? "–" : "", (int)value_get_number(f));
	/* "XIXe", or "XIXe siècle" as an editor may write it whole: the
	 * word once (it read « XIXe siècle siècle ») */
	const char *word = theme_text(e->i18n, "libelles.siecle", "siècle");
	size_t sl = siecle != NULL ? strlen(siecle) : 0, wl = strlen(word);
	bool whole = sl > wl && siecle[sl - wl - 1] == ' ' &&
	             strcmp(siecle + sl - wl, word) == 0;
	if (siecle != NULL)
		buf_printf(&b, "%s%s%s%s", b.len ? ", " : "", siecle,
		           whole ? "" : " ", whole ? "" : word);
	if (b.len > 0)
		value_set_str(e->a, v, "periode_texte", buf_cstr(&b));
	buf_free(&b);
}

/*
 * protection {statut, merimee}: "Monument historique inscrit" in
 * protection_texte (t.protection.*; "Monument historique" without a
 * statut) and merimee_url, the record in the Culture ministry's POP
 * base.  Accepted and never shown before (outside tester 18 F20).
 */
static void
add_protection(const view_env *e, value *v, const value *m)
{
	const value *p = value_get(m, "protection");
	if (value_kind_of(p) != VALUE_MAP)
		return;
	const char *statut = value_get_string(value_get(p, "statut"));
	const char *merimee = value_get_string(value_get(p, "merimee"));
	if (statut == NULL && merimee == NULL)
		return;
	value_set_str(e->a, v, "protection_texte",
	              text_of(e, "protection", statut ? statut : "monument"));
	if (merimee != NULL)
		value_set_str(
		    e->a, v, "merimee_url",
		    arena_printf(
		        e->a,
		        "https://www.pop.culture.gouv.fr/notice/merimee/%s",
		        merimee));
	else
		view_set_bool(e, v, "merimee_url", false);
}

/* A source's date is free text ("vers 1900"); an ISO date reads
 * "10 novembre 1872", without the weekday. */
static const char *
source_date(const view_env *e, const char *date)
{
	civil_date d;
	const char *mon = NULL;
	if (date_parse(date, &d))
		mon = value_get_string(
		    value_at(value_get(e->i18n, "mois"), (size_t)d.month - 1));
	if (mon == NULL)
		return date;
	const char *first = value_get_string(value_get(e->i18n, "premier"));
	if (d.day == 1 && first != NULL)
		return arena_printf(e->a, "%s %s %d", first, mon, d.year);
	return arena_printf(e->a, "%d %s %d", d.day, mon, d.year);
}

/* Each source gets type_texte: the kind of document, in words. */
static void
add_sources(const view_env *e, value *v, const value *m)
{
	const value *src = value_get(m, "sources");
	if (value_len(src) == 0)
		return;
	value *list = value_list(e->a);
	for (size_t i = 0; i < value_len(src); i++) {
		const value *s = value_at(src, i);
		value *c = value_copy_map(e->a, s, 8);
		const char *type = value_get_string(value_get(s, "type"));
		if (type != NULL)
			value_set_str(e->a, c, "type_texte",
			              text_of(e, "types_sources", type));
		/* Always set: a missing key would make {{#lien}} find the
		 * page's own url up the Mustache context stack. */
		const char *url = value_get_string(value_get(s, "url"));
		if (url != NULL)
			value_set_str(e->a, c, "lien", url);
		else
			view_set_bool(e, c, "lien", false);
		const char *date = value_get_string(value_get(s, "date"));
		if (date != NULL)
			value_set_str(e->a, c, "date_source",
			              source_date(e, date));
		else
			view_set_bool(e, c, "date_source", false);
		value_push(e->a, list, c);
	}
	value_set(e->a, v, "sources", list);
}

static value *
photo_named(const value *photos, const char *file)
{
	for (size_t i = 0; file != NULL && i < value_len(photos); i++) {
		value *ph = value_at(photos, i);
		const char *f = value_get_string(value_get(ph, "fichier"));
		if (f != NULL && strcmp(f, file) == 0)
			return ph;
	}
	return NULL;
}

static bool
already_paired(const value *pairs, const value *ph)
{
	for (size_t k = 0; k < value_len(pairs); k++) {
		const value *p = value_at(pairs, k);
		if (value_get(p, "avant") == ph || value_get(p, "apres") == ph)
			return true;
	}
	return false;
}

/*
 * Before/after pairs (`paire` names the other photo) are shown side by
 * side: paires = [{avant, apres}] in the order written, the first photo
 * of a pair being "before"; the other photos are photos_seules.  A pair
 * written on both of its photos counts once.
 */
static void
add_pairs(const view_env *e, value *v)
{
	const value *photos = value_get(v, "photos");
	value *pairs = value_list(e->a), *alone = value_list(e->a);
	for (size_t i = 0; i < value_len(photos); i++) {
		value *ph = value_at(photos, i);
		value *other = photo_named(
		    photos, value_get_string(value_get(ph, "paire")));
		if (already_paired(pairs, ph))
			continue;
		if (other == NULL || other == ph ||
		    already_paired(pairs, other)) {
			value_push(e->a, alone, ph);
			continue;
		}
		value *pair = value_map(e->a);
		value_set(e->a, pair, "avant", ph);
		value_set(e->a, pair, "apres", other);
		value_push(e->a, pairs, pair);
	}
	value_set(e->a, v, "paires", pairs);
	value_set(e->a, v, "photos_seules", alone);
}

void
details_add(const view_env *e, value *v, const value *meta, const char *kind)
{
	add_place(e, v, meta);
	if (strcmp(kind, "atelier") == 0)
		add_workshop(e, v, meta);
	else if (strcmp(kind, "histoire") == 0) {
		add_period(e, v, meta);
		add_protection(e, v, meta);
		add_sources(e, v, meta);
	} else if (strcmp(kind, "retour") == 0)
		add_pairs(e, v);
}

static void
add_tel_url(const view_env *e, value *map)
{
	const char *tel = value_get_string(value_get(map, "tel"));
	if (tel == NULL)
		return;
	char url[PHONELINK_URL_MAX];
	phonelink_url(tel, url);
	value_set_str(e->a, map, "tel_url", arena_strdup(e->a, url));
}

void
details_edition(const view_env *e, value *v)
{
	value *repas = value_get(v, "repas");
	const char *type = value_get_string(value_get(repas, "type"));
	if (value_kind_of(repas) == VALUE_MAP && type != NULL)
		value_set_str(e->a, repas, "type_texte",
		              text_of(e, "repas", type));
	value *ins = value_get(v, "inscription");
	if (value_kind_of(ins) == VALUE_MAP)
		add_tel_url(e, ins);
	const value *contacts = value_get(v, "contacts");
	if (value_len(contacts) == 0)
		return;
	value *list = value_list(e->a);
	for (size_t i = 0; i < value_len(contacts); i++) {
		value *c = value_copy_map(e->a, value_at(contacts, i), 8);
		add_tel_url(e, c);
		value_push(e->a, list, c);
	}
	value_set(e->a, v, "contacts", list);
}
