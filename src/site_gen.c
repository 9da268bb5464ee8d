/*
 * site_gen.c - the pages the generator computes: home, programme, lists,
 * taxonomies, edition archives, 404; their URLs are reserved before
 * content URLs, and their template data filled once views exist.
 */
#include "site_int.h"

#include <stdlib.h>
#include <string.h>

#include "details.h"
#include "slug.h"
#include "theme.h"
#include "wholesite.h"

/* ---- Generated pages ------------------------------------------------ */

page *
site_gen_page(site *s, const char *role, const char *url, const char *title)
{
	page *p = arena_zalloc(s->a, sizeof(*p));
	p->kind = role;
	p->layout = role;
	p->key = url;
	p->view = value_map(s->a);
	if (site_url_claim_url(s, p, url) != 0)
		return NULL;
	value_set_str(s->a, p->view, "titre", title);
	value_set_str(s->a, p->view, "url", p->url);
	value_set_str(s->a, p->view, "type", role);
	value_set_bool(s->a, p->view, role, true);
	site_add_page(s, p);
	return p;
}

struct sortable {
	char *key;
	page *p;
};

static int
cmp_sortable(const void *a, const void *b)
{
	return strcmp(((const struct sortable *)a)->key,
	              ((const struct sortable *)b)->key);
}

/* Date, then start time, then title without accents or case: the order
 * of a programme, and a stable one for everything else. */
static char *
sort_key(arena *a, const value *v)
{
	buf b = BUF_INIT;
	const char *parts[] = {"date", "debut", "titre"};
	for (size_t i = 0; i < 3; i++) {
		const char *t = value_get_string(value_get(v, parts[i]));
		slug_fold(t ? t : "", &b);
		buf_putc(&b, '\x01');
	}
	char *k = arena_strndup(a, buf_cstr(&b), b.len);
	buf_free(&b);
	return k;
}

/* One page's sort key, on a loading thread (site_load_each). */
static void
key_task(site *s, size_t i, arena *a, void *ctx)
{
	struct sortable *it = (struct sortable *)ctx + i;
	(void)s;
	it->key = sort_key(a, it->p->view);
}

/* Sorts the published content pages once; every list is then a filter
 * of this order, so no list page sorts again.  The keys (accents folded)
 * are made on every core, the sort on one. */
static void
sort_pages(site *s)
{
	struct sortable *items = xmalloc((s->npages + 1) * sizeof(*items));
	size_t n = 0;
	for (size_t i = 0; i < s->npages; i++) {
		page *p = s->pages[i];
		if (p->path != NULL && !p->draft)
			items[n++] = (struct sortable){NULL, p};
	}
	site_load_each(s, n, key_task, items);
	qsort(items, n, sizeof(*items), cmp_sortable);
	s->sorted = arena_alloc(s->a, (n + 1) * sizeof(*s->sorted));
	for (size_t i = 0; i < n; i++)
		s->sorted[i] = items[i].p;
	s->nsorted = n;
	free(items);
}

typedef bool (*page_filter)(const page *p, const void *arg);

static value *
select_views(site *s, arena *a, page_filter keep, const void *arg)
{
	value *list = value_list(a);
	for (size_t i = 0; i < s->nsorted; i++)
		if (keep(s->sorted[i], arg))
			value_push(a, list, s->sorted[i]->view);
	return list;
}

/* One pass files every page under each of its tags. */
static void
bucket_tags(site *s, arena *a)
{
	s->by_tag = strmap_new(a);
	for (size_t i = 0; i < s->nsorted; i++) {
		const value *tags = value_get(s->sorted[i]->view, "tags");
		for (size_t t = 0; t < value_len(tags); t++) {
			const char *id = value_get_string(
			    value_get(value_at(tags, t), "id"));
			value *list = id ? strmap_get(s->by_tag, id) : NULL;
			if (id != NULL && list == NULL) {
				list = value_list(a);
				strmap_put(s->by_tag, id, list);
			}
			if (list != NULL)
				value_push(a, list, s->sorted[i]->view);
		}
	}
}

static bool
of_kind(const page *p, const void *kind)
{
	return strcmp(p->kind, kind) == 0;
}

struct field_match {
	const char *kind, *field, *value;
};

static bool
field_is(const page *p, const void *arg)
{
	const struct field_match *m = arg;
	if (m->kind != NULL && strcmp(p->kind, m->kind) != 0)
		return false;
	const value *v = value_get(p->meta, m->field);
	if (value_kind_of(v) == VALUE_NUMBER)
		return (int)value_get_number(v) == atoi(m->value);
	return value_get_string(v) &&
	       strcmp(value_get_string(v), m->value) == 0;
}

static bool
edition_is(const page *p, const void *year)
{
	return strcmp(p->kind, "atelier") == 0 &&
	       (int)value_get_number(value_get(p->view, "edition")) ==
	           *(const int *)year;
}

const char *
site_gen_title_of(site *s, const char *what, const char *fallback)
{
	/* the key only for the lookup: on the stack, or the heap when long
	 * (the breadcrumbs ask on several threads: not from s->a) */
	char key[128];
	size_t n = strlen(what);
	const value *i18n = theme_i18n(s->th);
	if (n + sizeof("titres.") > sizeof(key)) {
		buf k = BUF_INIT;
		buf_puts(&k, "titres.");
		buf_puts(&k, what);
		const char *t = theme_text(i18n, buf_cstr(&k), fallback);
		buf_free(&k);
		return t;
	}
	memcpy(key, "titres.", 7);
	memcpy(key + 7, what, n + 1);
	return theme_text(i18n, key, fallback);
}

static void
reserve_terms(site *s, const char *list, const char *role)
{
	const value *items = value_get(s->config, list);
	for (size_t i = 0; i < value_len(items); i++) {
		const value *it = value_at(items, i);
		const char *id = value_get_string(value_get(it, "id"));
		const char *nom = value_get_string(value_get(it, "nom"));
		if (id == NULL)
			continue;
		page *p = site_gen_page(s, role,
		                        arena_printf(s->a, "/%s/%s/", list, id),
		                        nom ? nom : id);
		if (p != NULL)
			value_set_str(s->a, p->view, "id", id);
	}
}

/* A tag's spelling and how many times pages write it so. */
struct spelling {
	const char *name;
	size_t n;
};

/* For each tag's slug, the spelling pages use most (the first to get
 * there on a tie): slug -> struct spelling, both in tmp (the pages'
 * tag names, which they point to, live with the site). */
static strmap *
tag_spellings(site *s, arena *tmp)
{
	strmap *count = strmap_new(tmp), *best = strmap_new(tmp);
	for (size_t i = 0; i < s->npages; i++) {
		const value *tags = value_get(s->pages[i]->meta, "tags");
		for (size_t t = 0; t < value_len(tags); t++) {
			const char *name = value_get_string(value_at(tags, t));
			if (name == NULL)
				continue;
			struct spelling *sp = strmap_get(count, name);
			if (sp == NULL) {
				sp = arena_zalloc(tmp, sizeof(*sp));
				sp->name = name;
				strmap_put(count, name, sp);
			}
			const char *slug = slug_make(tmp, name);
			const struct spelling *b = strmap_get(best, slug);
			if (++sp->n > (b != NULL ? b->n : 0))
				strmap_put(best, slug, sp);
		}
	}
	return best;
}

/* Does one of the first n tags of the list have this slug?  A page has
 * a few tags: a scan, where a table per page (1.5 KB each) was 13 MiB
 * of a 10,000-page build's peak. */
static bool
slug_before(arena *tmp, const value *tags, size_t n, const char *slug)
{
	for (size_t k = 0; k < n; k++) {
		const char *name = value_get_string(value_at(tags, k));
		if (name != NULL && strcmp(slug_make(tmp, name), slug) == 0)
			return true;
	}
	return false;
}

/* Page p's tags with each written as best has it, once: NULL when they
 * are so already.  Every other spelling is a warning at its place.
 * Slugs are made in tmp, which the caller frees. */
static value *
folded_tags(site *s, const value *tags, strmap *best, arena *tmp)
{
	value *list = NULL;
	for (size_t t = 0; t < value_len(tags); t++) {
		value *v = value_at(tags, t);
		const char *name = value_get_string(v);
		const char *slug = name ? slug_make(tmp, name) : "";
		const struct spelling *b = strmap_get(best, slug);
		bool again = *slug != '\0' && slug_before(tmp, tags, t, slug);
		bool other =
		    name != NULL && b != NULL && strcmp(b->name, name) != 0;
		if (other)
			diag_at(s->d, DIAG_WARNING, v,
			        "the tag '%s' is written '%s' on another page: "
			        "both are one tag, shown everywhere as '%s'; "
			        "write it the same way here",
			        name, b->name, b->name);
		if ((again || other) && list == NULL) {
			list = value_list(s->a);
			for (size_t k = 0; k < t; k++)
				value_push(s->a, list, value_at(tags, k));
		}
		if (list == NULL || again)
			continue;
		value_pos w = value_where(v);
		value_push(s->a, list,
		           other ? value_set_pos(s->a,
		                                 value_string(s->a, b->name),
		                                 w.file, w.line, w.col)
		                 : v);
	}
	return list;
}

/*
 * "#vélo" and "#Vélo" are one tag (one slug, one page of the tag), but
 * each page showed its own spelling and the open data listed both, as
 * two keywords.  Before views are made, every page gets the spelling
 * most pages use, and each other one is a warning at its place.  The
 * tables and slugs are scratch: only the folded lists stay.
 */
static void
fold_tags(site *s)
{
	arena *tmp = arena_new();
	strmap *best = tag_spellings(s, tmp);
	for (size_t i = 0; i < s->npages; i++) {
		page *p = s->pages[i];
		value *list =
		    folded_tags(s, value_get(p->meta, "tags"), best, tmp);
		if (list != NULL)
			value_set(s->a, p->meta, "tags", list);
	}
	arena_free(tmp);
}

static void
reserve_tags(site *s)
{
	fold_tags(s);
	arena *tmp = arena_new(); /* the slugs of every page's tags */
	strmap *seen = strmap_new(tmp);
	for (size_t i = 0; i < s->npages; i++) {
		const value *tags = value_get(s->pages[i]->meta, "tags");
		for (size_t t = 0; !s->pages[i]->draft && t < value_len(tags);
		     t++) {
			const char *name = value_get_string(value_at(tags, t));
			const char *slug = name ? slug_make(tmp, name) : "";
			if (*slug == '\0' ||
			    strmap_put(seen, slug, (void *)name))
				continue;
			page *p = site_gen_page(
			    s, "tag", arena_printf(s->a, "/tags/%s/", slug),
			    name);
			if (p != NULL)
				value_set_str(s->a, p->view, "id", slug);
		}
	}
	arena_free(tmp);
}

/* Generated URLs are claimed before content ones, so a page that takes
 * /programme/ is the one told about the conflict. */
void
site_gen_reserve(site *s)
{
	page *home = site_gen_page(s, "accueil", "/",
	                           site_gen_title_of(s, "accueil", "Accueil"));
	(void)home;
	site_gen_page(s, "programme", "/programme/",
	              site_gen_title_of(s, "programme", "Programme"));
	static const char *sections[] = {"ateliers", "patrimoine", "retours"};
	for (size_t i = 0; i < 3; i++) {
		page *p = site_gen_page(
		    s, "liste", arena_printf(s->a, "/%s/", sections[i]),
		    site_gen_title_of(s, sections[i], sections[i]));
		if (p != NULL)
			value_set_str(s->a, p->view, "id", sections[i]);
	}
	for (size_t i = 0; i < s->neds; i++) {
		page *p = site_gen_page(
		    s, "edition",
		    arena_printf(s->a, "/editions/%d/", s->eds[i].year),
		    arena_printf(s->a, "%s %d",
		                 site_gen_title_of(s, "edition", "Édition"),
		                 s->eds[i].year));
		if (p != NULL)
			value_set_int(s->a, p->view, "annee", s->eds[i].year);
	}
	reserve_terms(s, "categories", "categorie");
	reserve_terms(s, "quartiers", "quartier");
	reserve_tags(s);
	/* The search page and the offline fallback (offline.h) exist only
	 * when the theme has their templates. */
	if (mustache_set_has(theme_templates(s->th), "recherche"))
		site_gen_page(s, "recherche", "/recherche/",
		              site_gen_title_of(s, "recherche", "Rechercher"));
	if (mustache_set_has(theme_templates(s->th), "hors-ligne"))
		site_gen_page(s, "hors-ligne", "/hors-ligne/",
		              site_gen_title_of(s, "hors_ligne", "Hors ligne"));
	page *nf = site_gen_page(
	    s, "404", "/404/", site_gen_title_of(s, "404", "Page introuvable"));
	if (nf != NULL)
		nf->out = WHOLESITE_NOT_FOUND;
}

static value *
group(arena *a, const char *id, const char *title, value *items)
{
	value *g = value_map(a);
	value_set_str(a, g, "id", id);
	value_set_str(a, g, "titre", title);
	value_set(a, g, "ateliers", items);
	value_set_int(a, g, "nombre", (long)value_len(items));
	return g;
}

/*
 * Splits a sorted list of workshops by the value of one view field, in
 * the order of the site's list of ids: one pass files each workshop
 * under its id (a pass per id was 13 passes over 10,000 pages).
 */
static value *
split_by(site *s, arena *a, const value *ateliers, const char *field,
         const char *list)
{
	view_env e = site_make_env(s);
	e.a = a;
	value *groups = value_list(a);
	const value *ids = value_get(s->config, list);
	arena *ta = arena_new();
	strmap *by_id = strmap_new(ta);
	for (size_t i = 0; i < value_len(ids); i++) {
		const char *id =
		    value_get_string(value_get(value_at(ids, i), "id"));
		if (id != NULL && strmap_get(by_id, id) == NULL)
			strmap_put(by_id, id, value_list(a));
	}
	for (size_t k = 0; k < value_len(ateliers); k++) {
		const value *at = value_at(ateliers, k);
		const char *v = value_get_string(value_path(at, field));
		value *items = v != NULL ? strmap_get(by_id, v) : NULL;
		if (items != NULL)
			value_push(a, items, (value *)at);
	}
	for (size_t i = 0; i < value_len(ids); i++) {
		const char *id =
		    value_get_string(value_get(value_at(ids, i), "id"));
		value *items = id != NULL ? strmap_get(by_id, id) : NULL;
		if (value_len(items) == 0)
			continue;
		value *g = view_term(&e, list, id);
		value_set(a, g, "ateliers", items);
		value_set_int(a, g, "nombre", (long)value_len(items));
		value_push(a, groups, g);
	}
	arena_free(ta);
	return groups;
}

static bool
is_moment(const value *v, const char *moment)
{
	const char *m = value_get_string(value_get(v, "moment"));
	return m != NULL && strcmp(m, moment) == 0;
}

/*
 * Workshop at's card under the programme's moment (matin, apres-midi,
 * journee): at itself, all its slots, under its own moment (its first
 * slot's); under another moment it has slots in, a copy showing only
 * those, marked repete (the theme leaves it off paper, where the card
 * with all the slots is enough and the leaflet keeps to two pages);
 * NULL when it has none there or is cancelled.  A workshop at 8 h and
 * at 16 h was filed under « Le matin » only, where a resident scanning
 * the afternoon never met it (outside tester 23 F11).
 */
static value *
in_moment(const view_env *e, value *at, const char *moment)
{
	if (value_get_bool(value_get(at, "annule")))
		return NULL;
	if (is_moment(at, moment))
		return at;
	const value *slots = value_get(at, "creneaux");
	value *mine = value_list(e->a);
	for (size_t i = 0; i < value_len(slots); i++)
		if (is_moment(value_at(slots, i), moment))
			value_push(e->a, mine,
			           value_copy_map(e->a, value_at(slots, i), 1));
	if (value_len(mine) == 0)
		return NULL;
	details_slots_joined(e, mine);
	value *card = value_copy_map(e->a, at, 1);
	value_set(e->a, card, "creneaux", mine);
	value_set(e->a, card, "repete", value_bool(e->a, true));
	return card;
}

/*
 * The counts of a moment's group g of the programme, as a reader checks
 * them against the cards: nombre, every card listed on screen; repetes
 * (shown when some), the cards of workshops whose own moment is another
 * (at 8 h and 16 h: its own is the morning), for the theme to say
 * « (2, dont 1 aussi listé à un autre moment) », or the moments' counts
 * add up to more than the programme's workshops; nombre_papier, the
 * cards printed (the repeated ones are left off paper), and
 * papier_vide when none is: a printed « L’après-midi (2) » above one
 * card, or above none, was false (slots25).
 */
static void
moment_counts(const view_env *e, value *g)
{
	const value *items = value_get(g, "ateliers");
	long repeated = 0;
	for (size_t i = 0; i < value_len(items); i++)
		repeated +=
		    value_get_bool(value_get(value_at(items, i), "repete"));
	long printed = (long)value_len(items) - repeated;
	view_set_count_shown(e, g, "repetes", repeated);
	view_set_count(e, g, "nombre_papier", printed);
	view_set_bool(e, g, "papier_vide", printed == 0);
}

/*
 * A programme with no workshop yet (next year's edition file just
 * written, outside tester 25 F15): « en_preparation », and the page of
 * the edition before it (its year and url, « precedente »), the latest
 * that has one, for the template to say « Le programme 2027 est en
 * préparation » with a link to last year's, instead of « 0 atelier »,
 * an empty filter and a calendar with nothing to add.
 */
static void
mark_empty(site *s, arena *a, value *prog, int year)
{
	value_set_bool(a, prog, "en_preparation", true);
	const page *best = NULL;
	int by = 0;
	for (size_t i = 0; i < s->neds; i++) {
		int y = s->eds[i].year;
		const page *p =
		    strmap_get(s->by_url, arena_printf(a, "/editions/%d/", y));
		if (y < year && y > by && p != NULL) {
			best = p;
			by = y;
		}
	}
	if (best == NULL)
		return;
	value *prev = value_map(a);
	value_set_int(a, prev, "annee", by);
	value_set_str(a, prev, "url", best->url);
	value_set(a, prog, "precedente", prev);
}

/* The current edition's programme: by time of day, category, quartier;
 * values in a (the arena of the thread making it). */
value *
site_gen_programme(site *s, arena *a)
{
	int year = s->current ? s->current->year : 0;
	view_env e = site_make_env(s);
	e.a = a;
	value *all = select_views(s, a, edition_is, &year);
	value *prog = value_map(a);
	static const char *moments[] = {"matin", "apres-midi", "journee"};
	value *groups = value_list(a);
	value *cancelled = value_list(a);
	long volunteers = 0, wanting = 0;
	for (size_t i = 0; i < value_len(all); i++) {
		value *at = value_at(all, i);
		/* only what still wants people counts (signup.h) */
		volunteers +=
		    (long)value_get_number(value_get(at, "benevoles_voulus"));
		wanting += value_get_bool(value_get(at, "appel_benevoles"));
		if (value_get_bool(value_get(at, "annule")))
			value_push(a, cancelled, at);
	}
	for (size_t m = 0; m < 3; m++) {
		value *items = value_list(a);
		for (size_t i = 0; i < value_len(all); i++) {
			value *card =
			    in_moment(&e, value_at(all, i), moments[m]);
			if (card != NULL)
				value_push(a, items, card);
		}
		if (value_len(items) == 0)
			continue;
		value *g =
		    group(a, moments[m],
		          theme_text(e.i18n,
		                     arena_printf(a, "moments.%s", moments[m]),
		                     moments[m]),
		          items);
		moment_counts(&e, g);
		value_push(a, groups, g);
	}
	/* Cancelled workshops are listed apart, last. */
	if (value_len(cancelled) > 0)
		value_push(a, groups,
		           group(a, "annules",
		                 theme_text(e.i18n, "libelles.annules",
		                            "Ateliers annulés"),
		                 cancelled));
	value_set(a, prog, "ateliers", all);
	value_set(a, prog, "groupes", groups);
	value_set(a, prog, "par_categorie",
	          split_by(s, a, all, "categorie.id", "categories"));
	value_set(a, prog, "par_quartier",
	          split_by(s, a, all, "quartier.id", "quartiers"));
	view_set_count(&e, prog, "nombre", (long)value_len(all));
	/* a count of none is not shown: « 0 annulé » said nothing */
	view_set_count_shown(&e, prog, "annules", (long)value_len(cancelled));
	view_set_count_shown(&e, prog, "ouverts", wanting);
	view_set_count_shown(&e, prog, "benevoles", volunteers);
	if (value_len(all) == 0 && s->current != NULL)
		mark_empty(s, a, prog, year);
	return prog;
}

/* The year a page belongs to: a workshop's edition (placed by
 * place_in_edition), a recap's own field; 0 for the rest. */
static int
year_of(const value *v)
{
	return (int)value_get_number(value_get(v, "edition"));
}

static int
cmp_year_desc(const void *a, const void *b)
{
	return *(const int *)b - *(const int *)a;
}

/* A group of a list: {id, titre, annee, pages, nombre}. */
static value *
list_group(arena *a, const char *id, const char *title, int year, value *items)
{
	value *g = value_map(a);
	value_set_str(a, g, "id", id);
	value_set_str(a, g, "titre", title);
	if (year > 0)
		value_set_int(a, g, "annee", year);
	value_set(a, g, "pages", items);
	value_set_int(a, g, "nombre", (long)value_len(items));
	return g;
}

/*
 * A list page's pages by edition, newest first, the year in each group's
 * title; pages of no edition (stories, free pages) follow, one group per
 * section.  Templates give each group a heading, so the cards' h3 always
 * follow an h2 (RGAA 9.1).
 */
static value *
by_edition(site *s, arena *a, const value *pages)
{
	size_t n = value_len(pages), ny = 0;
	int *years = xmalloc((n + 1) * sizeof(*years));
	/* each page's edition, looked up once for the loops below */
	int *year = xmalloc((n + 1) * sizeof(*year));
	for (size_t i = 0; i < n; i++) {
		int y = year[i] = year_of(value_at(pages, i));
		bool seen = y == 0;
		for (size_t k = 0; k < ny && !seen; k++)
			seen = years[k] == y;
		if (!seen)
			years[ny++] = y;
	}
	qsort(years, ny, sizeof(*years), cmp_year_desc);
	value *groups = value_list(a);
	value *cancelled = value_list(a);
	const char *ed = site_gen_title_of(s, "edition", "Édition");
	for (size_t k = 0; k < ny; k++) {
		value *items = value_list(a);
		for (size_t i = 0; i < n; i++) {
			value *v = value_at(pages, i);
			if (year[i] != years[k])
				continue;
			bool off = value_get_bool(value_get(v, "annule"));
			value_push(a, off ? cancelled : items, v);
		}
		if (value_len(items) > 0)
			value_push(
			    a, groups,
			    list_group(a, arena_printf(a, "%d", years[k]),
			               arena_printf(a, "%s %d", ed, years[k]),
			               years[k], items));
	}
	free(years);
	/* Cancelled workshops are listed apart, after the editions, as on
	 * the programme: a resident scanning a category must not take one
	 * for a workshop still to come. */
	if (value_len(cancelled) > 0) {
		view_env e = site_make_env(s);
		value_push(a, groups,
		           list_group(a, "annules",
		                      theme_text(e.i18n, "libelles.annules",
		                                 "Ateliers annulés"),
		                      0, cancelled));
	}
	static const char *rest[][2] = {{"histoire", "patrimoine"},
	                                {"retour", "retours"},
	                                {"page", "pages"}};
	for (size_t r = 0; r < 3; r++) {
		value *items = value_list(a);
		for (size_t i = 0; i < n; i++) {
			const value *v = value_at(pages, i);
			if (year[i] != 0)
				continue;
			const char *t = value_get_string(value_get(v, "type"));
			if (t && strcmp(t, rest[r][0]) == 0)
				value_push(a, items, (value *)v);
		}
		if (value_len(items) > 0)
			value_push(a, groups,
			           list_group(a, rest[r][1],
			                      site_gen_title_of(s, rest[r][1],
			                                        rest[r][1]),
			                      0, items));
	}
	free(year);
	return groups;
}

/* A story or recap belongs to a category or quartier through the
 * workshops it names. */
static bool
linked_to(const page *p, const struct field_match *m)
{
	const value *ws = value_get(p->view, "ateliers");
	for (size_t i = 0; i < value_len(ws); i++) {
		const char *v = value_get_string(value_path(
		    value_at(ws, i), strcmp(m->field, "categorie") == 0
		                         ? "categorie.id"
		                         : "quartier.id"));
		if (v != NULL && strcmp(v, m->value) == 0)
			return true;
	}
	return false;
}

static bool
in_term(const page *p, const void *arg)
{
	if (strcmp(p->kind, "atelier") == 0)
		return field_is(p, arg);
	return (strcmp(p->kind, "retour") == 0 ||
	        strcmp(p->kind, "histoire") == 0) &&
	       linked_to(p, arg);
}

/* The pages of each category and quartier (in_term()), filed in one
 * pass: a pass per term page was 13 passes over 10,000 pages. */
struct terms {
	strmap *by[2];   /* "categorie", "quartier": id -> list of views */
	bool numeric[2]; /* a workshop's is a number: in_term() page by page */
};

/* Appends view to id's list (made in a), once (a story names several
 * workshops). */
static void
file_under(arena *a, strmap *by, const char *id, value *view)
{
	if (id == NULL)
		return;
	value *list = strmap_get(by, id);
	if (list == NULL) {
		list = value_list(a);
		strmap_put(by, id, list);
	}
	size_t n = value_len(list);
	if (n == 0 || value_at(list, n - 1) != view)
		value_push(a, list, view);
}

/* The lists in a, their index in ta (dropped once the pages are
 * filled). */
static void
bucket_terms(site *s, arena *a, struct terms *t, arena *ta)
{
	static const char *fields[2] = {"categorie", "quartier"};
	static const char *paths[2] = {"categorie.id", "quartier.id"};
	for (int f = 0; f < 2; f++) {
		t->by[f] = strmap_new(ta);
		t->numeric[f] = false;
		for (size_t i = 0; i < s->nsorted; i++) {
			page *p = s->sorted[i];
			if (strcmp(p->kind, "atelier") == 0) {
				const value *v = value_get(p->meta, fields[f]);
				if (value_kind_of(v) == VALUE_NUMBER)
					t->numeric[f] = true;
				file_under(a, t->by[f], value_get_string(v),
				           p->view);
				continue;
			}
			if (strcmp(p->kind, "retour") != 0 &&
			    strcmp(p->kind, "histoire") != 0)
				continue;
			const value *ws = value_get(p->view, "ateliers");
			for (size_t k = 0; k < value_len(ws); k++)
				file_under(a, t->by[f],
				           value_get_string(value_path(
				               value_at(ws, k), paths[f])),
				           p->view);
		}
	}
}

/* A generated page's lists, in a: it writes only its own view. */
static void
fill_page(site *s, arena *a, page *p, value *prog, const struct terms *t)
{
	const char *id = value_get_string(value_get(p->view, "id"));
	struct field_match m = {NULL, NULL, id};
	if (strcmp(p->kind, "accueil") == 0 ||
	    strcmp(p->kind, "programme") == 0) {
		value_set(a, p->view, "programme", prog);
		value_set(a, p->view, "histoires",
		          select_views(s, a, of_kind, "histoire"));
		value_set(a, p->view, "retours",
		          select_views(s, a, of_kind, "retour"));
	} else if (strcmp(p->kind, "liste") == 0) {
		static const char *kinds[][2] = {{"ateliers", "atelier"},
		                                 {"patrimoine", "histoire"},
		                                 {"retours", "retour"}};
		for (size_t i = 0; i < 3; i++)
			if (strcmp(id, kinds[i][0]) == 0)
				value_set(
				    a, p->view, "pages",
				    select_views(s, a, of_kind, kinds[i][1]));
	} else if (strcmp(p->kind, "edition") == 0) {
		int year = (int)value_get_number(value_get(p->view, "annee"));
		struct edition *ed = site_find_edition(s, year);
		value_set(a, p->view, "edition", ed ? ed->view : NULL);
		value_set(a, p->view, "pages",
		          select_views(s, a, edition_is, &year));
		m.kind = "retour", m.field = "edition";
		m.value = arena_printf(a, "%d", year);
		value_set(a, p->view, "retours",
		          select_views(s, a, field_is, &m));
	} else if (strcmp(p->kind, "categorie") == 0 ||
	           strcmp(p->kind, "quartier") == 0) {
		int f = strcmp(p->kind, "categorie") == 0 ? 0 : 1;
		value *list = NULL;
		m.field = p->kind;
		if (t->numeric[f])
			list = select_views(s, a, in_term, &m);
		else if (id != NULL)
			list = strmap_get(t->by[f], id);
		value_set(a, p->view, "pages",
		          list != NULL ? list : value_list(a));
	} else if (strcmp(p->kind, "tag") == 0) {
		value *list = strmap_get(s->by_tag, id);
		value_set(a, p->view, "pages", list ? list : value_list(a));
	}
	const value *pages = value_get(p->view, "pages");
	if (strcmp(p->kind, "edition") != 0 && pages != NULL)
		value_set(a, p->view, "groupes", by_edition(s, a, pages));
}

/*
 * Generated pages are filled on the loading threads (site_load_tasks),
 * in two passes: first what several of them share (the programme, the
 * pages by tag, by category and by quartier), each made by one task and
 * then only read; then each page's own lists, one task per page, which
 * writes only that page's view.  The lists hold the same views in the
 * same order as one thread would make them.
 */
struct fill_pass {
	value *prog;
	struct terms t;
	arena *ta;
	page **pages;
};

static void
shared_task(site *s, size_t i, arena *a, void *ctx)
{
	struct fill_pass *fp = ctx;
	if (i == 0)
		fp->prog = site_gen_programme(s, a);
	else if (i == 1)
		bucket_terms(s, a, &fp->t, fp->ta);
	else
		bucket_tags(s, a);
}

static void
fill_task(site *s, size_t i, arena *a, void *ctx)
{
	struct fill_pass *fp = ctx;
	fill_page(s, a, fp->pages[i], fp->prog, &fp->t);
}

void
site_gen_fill(site *s)
{
	sort_pages(s);
	struct fill_pass fp = {.ta = arena_new()};
	site_load_tasks(s, 3, shared_task, &fp);
	fp.pages = xcalloc(s->npages + 1, sizeof(*fp.pages));
	size_t n = 0;
	for (size_t i = 0; i < s->npages; i++)
		if (s->pages[i]->path == NULL)
			fp.pages[n++] = s->pages[i];
	site_load_tasks(s, n, fill_task, &fp);
	free(fp.pages);
	arena_free(fp.ta);
}

/*
 * Pages left out of this build leave the page list, so nothing renders
 * them; the indexes keep them, so a link to one says it is a draft
 * rather than that it does not exist.
 */
void
site_gen_mark_drafts(site *s)
{
	size_t kept = 0;
	for (size_t i = 0; i < s->npages; i++) {
		page *p = s->pages[i];
		p->draft = !site_url_is_published(s, p);
		if (!p->draft) {
			s->pages[kept++] = p;
		} else {
			free(p->text);
			p->text = NULL;
			p->body = NULL;
		}
	}
	s->npages = kept;
}
