#include "view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "date.h"
#include "strmap.h"
#include "history.h"
#include "msgcat.h"
#include "siteyaml.h"
#include "slug.h"
#include "theme.h"
#include "url.h"
#include "urlbase.h"
#include "wholesite.h"

/* "FIELD_texte", the key of a field's text (a few per page: not through
 * printf). */
static const char *
texte_key(arena *a, const char *field)
{
	size_t n = strlen(field);
	char *k = arena_alloc(a, n + sizeof("_texte"));
	memcpy(k, field, n);
	memcpy(k + n, "_texte", sizeof("_texte"));
	return k;
}

/* Adds FIELD_texte beside every date and time field of a map. */
static void
add_texts(const view_env *e, value *v, const value *m)
{
	for (size_t i = 0; i < value_len(m); i++) {
		const char *k = value_key_at(m, i);
		const char *s = value_get_string(value_val_at(m, i));
		char out[128];
		civil_date d;
		if (s == NULL)
			continue;
		if (date_parse(s, &d))
			date_format_long(d, e->i18n, out, sizeof(out));
		else if (!date_time_format(s, e->i18n, out, sizeof(out)))
			continue;
		value_set(e->a, v, texte_key(e->a, k), value_string(e->a, out));
	}
}

const char *
view_moment(const char *debut, const char *fin)
{
	if (debut == NULL)
		return "journee";
	int start = atoi(debut), end = fin ? atoi(fin) : start;
	if (start < 12 && end > 13)
		return "journee";
	return start < 12 ? "matin" : "apres-midi";
}

/* A string that outlives the view (the page's own, one made in the same
 * arena for it, a static one), shared rather than copied again: each
 * workshop's calendar links and hours were held twice (~1 MB of 10,000
 * pages' heap, issue 14). */
static void
set_shared(const view_env *e, value *v, const char *key, const char *s)
{
	value_set(e->a, v, key, value_string_ref(s, strlen(s), e->a));
}

void
view_set_count_shown(const view_env *e, value *m, const char *key, long n)
{
	if (n != 0)
		view_set_count(e, m, key, n);
	else
		view_set_bool(e, m, key, false);
}

void
view_set_bool(const view_env *e, value *m, const char *key, bool b)
{
	const value *v = b ? e->yes : e->no;
	if (v != NULL)
		value_set(e->a, m, key, (value *)v);
	else
		value_set_bool(e->a, m, key, b);
}

void
view_set_count(const view_env *e, value *m, const char *key, long n)
{
	const char *lang = value_get_string(value_get(e->config, "langue"));
	value_set_int(e->a, m, key, n);
	view_set_bool(e, m, arena_printf(e->a, "%s_pluriel", key),
	              msgcat_plural(lang ? lang : "fr", n));
}

value *
view_term(const view_env *e, const char *list, const char *id)
{
	const value *items = value_get(e->config, list);
	for (size_t i = 0; i < value_len(items); i++) {
		const value *it = value_at(items, i);
		const char *iid = value_get_string(value_get(it, "id"));
		if (iid == NULL || strcmp(iid, id) != 0)
			continue;
		value *t = value_copy_map(e->a, it, 16);
		value_set_str(
		    e->a, t, "url",
		    url_path(e->a, arena_printf(e->a, "/%s/%s/", list, iid)));
		return t;
	}
	value *t = value_map(e->a);
	value_set_str(e->a, t, "id", id);
	value_set_str(e->a, t, "nom", id);
	return t;
}

static void
add_schedule(const view_env *e, value *v, const value *m)
{
	const char *debut = value_get_string(value_get(m, "debut"));
	const char *fin = value_get_string(value_get(m, "fin"));
	char a[32], b[32];
	if (debut != NULL && date_time_format(debut, e->i18n, a, sizeof(a))) {
		if (fin != NULL && date_time_format(fin, e->i18n, b, sizeof(b)))
			set_shared(e, v, "horaire",
			           arena_printf(e->a, "%s – %s", a, b));
		else
			value_set_str(e->a, v, "horaire", a);
	}
	const char *moment = view_moment(debut, fin);
	set_shared(e, v, "moment", moment);
	value_set_str(e->a, v, "moment_texte",
	              theme_text(e->i18n,
	                         arena_printf(e->a, "moments.%s", moment),
	                         moment));
}

/* Image fields and recap photos point at files of the page's folder. */
void
view_add_files(const view_env *e, value *v, const value *m, const char *file)
{
	const char *img = value_get_string(value_get(m, "image"));
	if (img != NULL && e->publish_image != NULL)
		e->publish_image(e->ctx, file, img, v, "image_");
	const value *photos = value_get(m, "photos");
	if (value_len(photos) == 0)
		return;
	value *list = value_list(e->a);
	for (size_t i = 0; i < value_len(photos); i++) {
		value *ph = value_copy_map(e->a, value_at(photos, i), 16);
		const char *f = value_get_string(value_get(ph, "fichier"));
		if (f != NULL && e->publish_image != NULL)
			e->publish_image(e->ctx, file, f, ph, "");
		value_set_int(e->a, ph, "numero", (long)i + 1);
		value_push(e->a, list, ph);
	}
	value_set(e->a, v, "photos", list);
}

/* A page's category or quartier: one view per term for all its pages
 * when e->terms keeps them (nothing writes into a page's term view). */
static value *
page_term(const view_env *e, const char *list, const char *id)
{
	char key[256];
	size_t nl = strlen(list), ni = strlen(id);
	if (e->terms == NULL || nl + 1 + ni >= sizeof(key))
		return view_term(e, list, id);
	memcpy(key, list, nl);
	key[nl] = '/';
	memcpy(key + nl + 1, id, ni + 1);
	value *t = strmap_get(e->terms, key);
	if (t == NULL && e->terms_ready)
		return view_term(e, list, id);
	if (t == NULL) {
		t = view_term(e, list, id);
		strmap_put(e->terms, arena_strdup(e->a, key), t);
	}
	return t;
}

static const char *term_fields[][2] = {{"categorie", "categories"},
                                       {"quartier", "quartiers"}};

/* A tag's view {id, nom, url}: a function of its text alone. */
static value *
tag_view(const view_env *e, const char *t)
{
	value *tv = value_map(e->a);
	const char *id = slug_make(e->a, t);
	value_set_str(e->a, tv, "id", id);
	value_set_str(e->a, tv, "nom", t);
	value_set_str(e->a, tv, "url", arena_printf(e->a, "/tags/%s/", id));
	return tv;
}

/*
 * A page's tag: one view per tag text for all its pages when e->terms
 * keeps them, as page_term() does for the terms (nothing writes into
 * them): one each took ~250 bytes a tag of a page, 5 MiB of a
 * 10,000-page build's peak, and as many containers in the views'
 * digests' memo.  Under "#" + the text, a key no list name has.
 */
static value *
page_tag(const view_env *e, const char *t)
{
	char key[256];
	size_t nt = strlen(t);
	if (e->terms == NULL || nt + 2 > sizeof(key))
		return tag_view(e, t);
	key[0] = '#';
	memcpy(key + 1, t, nt + 1);
	value *tv = strmap_get(e->terms, key);
	if (tv == NULL && e->terms_ready)
		return tag_view(e, t);
	if (tv == NULL) {
		tv = tag_view(e, t);
		strmap_put(e->terms, arena_strdup(e->a, key), tv);
	}
	return tv;
}

void
view_add_terms(const view_env *e, const value *meta)
{
	for (size_t i = 0; i < 2; i++) {
		const char *id =
		    value_get_string(value_get(meta, term_fields[i][0]));
		if (id != NULL)
			(void)page_term(e, term_fields[i][1], id);
	}
	const value *tags = value_get(meta, "tags");
	for (size_t i = 0; i < value_len(tags); i++) {
		const char *t = value_get_string(value_at(tags, i));
		if (t != NULL)
			(void)page_tag(e, t);
	}
}

static void
add_terms(const view_env *e, value *v, const value *m)
{
	const char *(*fields)[2] = term_fields;
	for (size_t i = 0; i < 2; i++) {
		const char *id = value_get_string(value_get(m, fields[i][0]));
		if (id != NULL)
			value_set(e->a, v, fields[i][0],
			          page_term(e, fields[i][1], id));
	}
	const value *tags = value_get(m, "tags");
	if (value_len(tags) == 0)
		return;
	value *list = value_list(e->a);
	for (size_t i = 0; i < value_len(tags); i++) {
		const char *t = value_get_string(value_at(tags, i));
		if (t != NULL)
			value_push(e->a, list, page_tag(e, t));
	}
	value_set(e->a, v, "tags", list);
}

/* A commit time as the civil day of the author's time zone. */
static civil_date
commit_day(long long t, int tz_minutes)
{
	return date_from_unix(t + (long long)tz_minutes * 60);
}

/*
 * The value of the history's string s (kind 's') or number x (kind 'n'),
 * shared by every page that shows the same one (e->dates): the pages of
 * one commit show the same days, sentence and seconds, ~480 bytes a page
 * when each had its own.  Made and kept while e->dates is filled on one
 * thread (view_share_history()); only looked up once it is ready (views
 * made on several threads), made for the page when it is not there.
 */
static value *
shared_date(const view_env *e, char kind, const char *s, long long x)
{
	char num[32];
	if (kind == 'n') {
		snprintf(num, sizeof(num), "%lld", x);
		s = num;
	}
	buf k = BUF_INIT;
	value *v = NULL;
	if (e->dates != NULL) {
		buf_putc(&k, kind);
		buf_puts(&k, s);
		v = strmap_get(e->dates, buf_cstr(&k));
	}
	if (v == NULL) {
		v = kind == 'n' ? value_number(e->a, (double)x)
		                : value_string(e->a, s);
		if (e->dates != NULL && !e->dates_ready)
			strmap_put(e->dates, arena_strdup(e->a, buf_cstr(&k)),
			           v);
	}
	buf_free(&k);
	return v;
}

/* m[key] = v, unless m is NULL (the values only made to be shared). */
static void
put(const view_env *e, value *m, const char *key, value *v)
{
	if (m != NULL)
		value_set(e->a, m, key, v);
}

static void
add_day(const view_env *e, value *v, const char *field, const char *texte,
        long long t, int tz)
{
	civil_date d = commit_day(t, tz);
	char out[128];
	date_format_iso(d, out, sizeof(out));
	put(e, v, field, shared_date(e, 's', out, 0));
	date_format_long(d, e->i18n, out, sizeof(out));
	put(e, v, texte, shared_date(e, 's', out, 0));
}

/* "Claire, Ahmed et Bruno", with the theme's word for "and". */
static const char *
join_names(const view_env *e, const history_file *h)
{
	const char *and = theme_text(e->i18n, "historique.et", "et");
	buf b = BUF_INIT;
	for (size_t i = 0; i < h->nauthors; i++) {
		if (i > 0 && i + 1 == h->nauthors)
			buf_printf(&b, " %s ", and);
		else if (i > 0)
			buf_puts(&b, ", ");
		buf_puts(&b, h->authors[i]);
	}
	const char *s = arena_strdup(e->a, buf_cstr(&b));
	buf_free(&b);
	return s;
}

/* Replaces {date} and {auteurs} in a sentence of the theme. */
/* pattern with {date} and {auteurs} filled in, into b. */
static const char *
fill_sentence(buf *b, const char *pattern, const char *date, const char *names)
{
	for (const char *p = pattern; *p != '\0'; p++) {
		if (strncmp(p, "{date}", 6) == 0) {
			buf_puts(b, date);
			p += 5;
		} else if (strncmp(p, "{auteurs}", 9) == 0) {
			buf_puts(b, names);
			p += 8;
		} else
			buf_putc(b, *p);
	}
	return buf_cstr(b);
}

/* A page's history, its dates no later than the build's today (e->until):
 * a commit dated a year ahead must not say « Mis à jour le » a day
 * residents have not lived yet.  Such a date is the start of the build's
 * UTC day (e->until_at; the zone is not the editor's any more), the same
 * for every build of that day. */
static history_file
history_until(const view_env *e, const history_file *in)
{
	history_file h = *in;
	long long at = e->until_at != 0 ? e->until_at : e->until;
	if (e->until != 0 && h.created > e->until) {
		h.created = at;
		h.created_tz = 0;
	}
	if (e->until != 0 && h.updated > e->until) {
		h.updated = at;
		h.updated_tz = 0;
	}
	return h;
}

/* The page's days, authors and "updated on" sentence from the history
 * of file; v NULL: only the shared values made (view_share_history()). */
static void
add_history(const view_env *e, value *v, const char *file)
{
	const history_file *found = history_get(e->history, file);
	if (found == NULL)
		return;
	history_file hf = history_until(e, found);
	const history_file *h = &hf;
	if (h->created != 0) {
		add_day(e, v, "cree_le", "cree_le_texte", h->created,
		        h->created_tz);
		/* seconds, for the feed's <published> */
		put(e, v, "cree_unix", shared_date(e, 'n', NULL, h->created));
	}
	if (h->updated == 0)
		return;
	add_day(e, v, "mis_a_jour_le", "mis_a_jour_le_texte", h->updated,
	        h->updated_tz);
	/* seconds, for stamps that must follow the page (calendars) */
	put(e, v, "mis_a_jour_unix", shared_date(e, 'n', NULL, h->updated));
	char day[128];
	date_format_short(commit_day(h->updated, h->updated_tz), e->i18n, day,
	                  sizeof(day));
	buf b = BUF_INIT;
	/* Committers are town-hall staff and volunteers: their names are
	 * published only when site.yaml opts in (historique.auteurs). */
	if (!value_get_bool(value_path(e->config, "historique.auteurs")) ||
	    h->nauthors == 0) {
		fill_sentence(&b,
		              theme_text(e->i18n, "historique.mis_a_jour",
		                         "Mis à jour le {date}"),
		              day, "");
		put(e, v, "historique_texte",
		    shared_date(e, 's', buf_cstr(&b), 0));
		buf_free(&b);
		return;
	}
	if (v != NULL) {
		value *list = value_list(e->a);
		for (size_t i = 0; i < h->nauthors; i++)
			value_push(e->a, list,
			           value_string(e->a, h->authors[i]));
		value_set(e->a, v, "auteurs", list);
	}
	const char *names = join_names(e, h);
	put(e, v, "auteurs_texte", shared_date(e, 's', names, 0));
	fill_sentence(&b,
	              theme_text(e->i18n, "historique.mis_a_jour_par",
	                         "Mis à jour le {date} par "
	                         "{auteurs}"),
	              day, names);
	put(e, v, "historique_texte", shared_date(e, 's', buf_cstr(&b), 0));
	buf_free(&b);
}

void
view_share_history(const view_env *e, const char *file)
{
	if (e->dates != NULL && !e->dates_ready)
		add_history(e, NULL, file);
}

/* ics_url and webcal: a calendar file of the site, to download or to
 * subscribe to (webcal:// is the site's address with another scheme). */
static void
add_calendar(const view_env *e, value *v, const char *path)
{
	const char *base = value_get_string(value_get(e->config, "url"));
	const char *abs = arena_printf(e->a, "/%s", path);
	const char *webcal = urlbase_webcal(e->a, base, abs);
	set_shared(e, v, "ics_url", abs);
	if (webcal != NULL)
		set_shared(e, v, "webcal", webcal);
}

/*
 * A workshop whose every slot says « statut: annule » does not take
 * place: it is cancelled as a whole (banner, programme's cancelled
 * list, CANCELLED events), as if the editor had written it at its top,
 * rather than shown as a confirmed workshop with nothing left to come.
 */
static void
cancel_if_all_slots(const view_env *e, value *v, const value *meta)
{
	const value *slots = value_get(meta, "creneaux");
	if (value_len(slots) == 0)
		return;
	for (size_t i = 0; i < value_len(slots); i++) {
		const char *st =
		    value_get_string(value_get(value_at(slots, i), "statut"));
		if (st == NULL || strcmp(st, "annule") != 0)
			return;
	}
	value_set_str(e->a, v, "statut", "annule");
}

value *
view_page(const view_env *e, const value *meta, const char *kind,
          const char *file, const char *url, const char *key)
{
	/* A workshop's view adds 39 to 43 entries to its front matter's
	 * (texts, terms, history, schedule, sign-up, then breadcrumbs,
	 * neighbours, JSON-LD), a story's or a page's 12 to 17: room for
	 * them at once, or the entries array doubles and its first one is
	 * left behind (36 made 6,000 of the bench's 8,500 workshops'
	 * double: 7 MiB of a 10,000-page build's peak; 42 still 2,100 of
	 * them, 3.6 MiB, once a workshop could have 43). */
	bool atelier = strcmp(kind, "atelier") == 0;
	value *v = value_copy_map(e->a, meta, atelier ? 44 : 18);
	set_shared(e, v, "url", url);
	set_shared(e, v, "cle", key);
	set_shared(e, v, "type", kind);
	view_set_bool(e, v, kind, true); /* {{#atelier}} sections */
	add_texts(e, v, meta);
	add_terms(e, v, meta);
	view_add_files(e, v, meta, file);
	add_history(e, v, file);
	if (atelier) {
		add_schedule(e, v, meta);
		add_calendar(e, v,
		             arena_printf(e->a, "%s" CALENDAR_FILE, url + 1));
		cancel_if_all_slots(e, v, meta);
		const char *st = value_get_string(value_get(v, "statut"));
		if (st != NULL)
			value_set_str(
			    e->a, v, "statut_texte",
			    theme_text(e->i18n,
			               arena_printf(e->a, "statuts.%s", st),
			               st));
	}
	return v;
}

value *
view_edition(const view_env *e, const value *meta, int year, const char *url)
{
	value *v = value_copy_map(e->a, meta, 16);
	value_set_int(e->a, v, "annee", year);
	value_set_str(e->a, v, "url", url);
	add_texts(e, v, meta);
	static const char *parts[] = {"accueil", "cloture", "repas",
	                              "inscription"};
	for (size_t i = 0; i < 4; i++) {
		const value *sub = value_get(meta, parts[i]);
		if (value_kind_of(sub) != VALUE_MAP)
			continue;
		value *sv = value_copy_map(e->a, sub, 16);
		add_texts(e, sv, sub);
		value_set(e->a, v, parts[i], sv);
	}
	return v;
}

/*
 * The site-wide announcement (site.yaml annonce: texte, optional fin and
 * lien) while it is valid.  Its end date is compared with the build's
 * day, so "Journée maintenue malgré la pluie" leaves every page at the
 * first build after it (the site needs a daily build, docs/deploy.md);
 * on its last day it is still shown.  Expired or absent: annonce false.
 */
static void
add_announcement(const view_env *e, value *v, civil_date today)
{
	const value *an = value_get(e->config, "annonce");
	const char *text = value_get_string(value_get(an, "texte"));
	const char *end = value_get_string(value_get(an, "fin"));
	civil_date d;
	if (text == NULL || *text == '\0' ||
	    (end != NULL && date_parse(end, &d) && date_cmp(d, today) < 0)) {
		view_set_bool(e, v, "annonce", false);
		return;
	}
	value *out = value_copy_map(e->a, an, 4);
	add_texts(e, out, an);
	value_set(e->a, v, "annonce", out);
}

/* {{site.commune.de_nom}}: « du Mans », « des Herbiers », « d’Angers »
 * after the day's name (outside tester 18 F12: « Journée citoyenne de
 * Les Herbiers » on every page); site.yaml's commune.de when the rule
 * gets a name wrong.  A copy of the commune's map: the config is read
 * as written by every page. */
static void
add_de_commune(const view_env *e, value *v)
{
	const value *c = value_get(e->config, "commune");
	const char *nom = value_get_string(value_get(c, "nom"));
	if (nom == NULL)
		return;
	const char *de = value_get_string(value_get(c, "de"));
	value *copy = value_copy_map(e->a, c, 1);
	value_set_str(
	    e->a, copy, "de_nom",
	    de != NULL && *de != '\0' ? de : siteyaml_de_commune(e->a, nom));
	value_set(e->a, v, "commune", copy);
}

/* {{site.chemin}}: set below for a site under a path only */
#define SITE_PATH "chemin"
const char *const view_site_sometimes[] = {SITE_PATH, NULL};

value *
view_site(const view_env *e, civil_date today)
{
	value *v = value_copy_map(e->a, e->config, 16);
	static const char *lists[] = {"categories", "quartiers"};
	for (size_t l = 0; l < 2; l++) {
		const value *items = value_get(e->config, lists[l]);
		value *out = value_list(e->a);
		for (size_t i = 0; i < value_len(items); i++) {
			const char *id = value_get_string(
			    value_get(value_at(items, i), "id"));
			if (id != NULL)
				value_push(e->a, out,
				           view_term(e, lists[l], id));
		}
		value_set(e->a, v, lists[l], out);
	}
	add_de_commune(e, v);
	const char *url = value_get_string(value_get(e->config, "url"));
	if (url != NULL) {
		size_t n = strlen(url);
		while (n > 0 && url[n - 1] == '/')
			n--;
		value_set(e->a, v, "url", value_stringn(e->a, url, n));
	}
	/* {{site.chemin}}: only for a site published under a path, so a
	 * site at the root has the view, and the digests, it had */
	const char *base = urlbase_of(e->a, url);
	if (*base != '\0')
		value_set_str(e->a, v, SITE_PATH, base);
	value *agenda = value_map(e->a); /* the programme's calendar */
	add_calendar(e, agenda, WHOLESITE_CALENDAR);
	value_set(e->a, v, "agenda", agenda);
	add_announcement(e, v, today);
	return v;
}
