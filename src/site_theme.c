/*
 * site_theme.c - what the default theme shows beyond the fields:
 * conformance of the accessibility statement, the site's look (colours),
 * JSON-LD, highlights, the latest recap, aliases, breadcrumbs, previous
 * and next.
 */
#include "site_int.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "bytes.h"
#include "contrast.h"
#include "details.h"
#include "filetype.h"
#include "jsonld.h"
#include "path.h"
#include "qrcode.h"
#include "theme.h"
#include "url.h"
#include "urlbase.h"
#include "wholesite.h"
#include "xalloc.h"

/* ---- What the default theme shows beyond the fields ----------------- */

/* Lowercase ASCII, emphasis marks dropped, whitespace runs as one space:
 * "est **non\n conforme**" reads "est non conforme". */
static void
fold_prose(const char *text, size_t len, buf *out)
{
	bool space = false;
	for (size_t i = 0; i < len; i++) {
		char c = text[i];
		if (c == '*' || c == '_')
			continue;
		if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
			space = true;
			continue;
		}
		if (space && out->len > 0)
			buf_putc(out, ' ');
		space = false;
		buf_putc(out, c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
	}
}

const char *
site_conformance(const char *text, size_t len)
{
	static const char *states[][2] = {
	    {"totalement conforme", "totalement-conforme"},
	    {"partiellement conforme", "partiellement-conforme"},
	    {"non conforme", "non-conforme"}};
	buf b = BUF_INIT;
	fold_prose(text, len, &b);
	const char *best = NULL, *at = NULL;
	for (size_t i = 0; i < 3; i++) {
		const char *p = strstr(buf_cstr(&b), states[i][0]);
		if (p != NULL && (at == NULL || p < at))
			at = p, best = states[i][1];
	}
	buf_free(&b);
	return best;
}

/* {{site.accessibilite}}, always set; its url only with a statement */
#define A11Y "accessibilite"
#define A11Y_URL "url"

/* The accessibility statement (pages/accessibilite.md, or the page with
 * slug accessibilite) and the status it declares, for every footer.
 * Without a statement, the law counts the site as not conforming. */
static void
add_conformance(site *s, view_env *e)
{
	const page *p = strmap_get(s->by_key, "pages/accessibilite");
	if (p == NULL || p->draft)
		p = site_url_find_ref(s, "accessibilite");
	if (p != NULL && (p->draft || p->url == NULL))
		p = NULL;
	const char *state =
	    value_get_string(value_path(s->config, "accessibilite.etat"));
	if (state == NULL && p != NULL) {
		char *owned;
		const char *body = site_page_body(s, p, &owned);
		if (body != NULL)
			state = site_conformance(body, p->body_len);
		free(owned);
	}
	if (state == NULL)
		state = "non-conforme";
	value *a11y = value_map(s->a);
	value_set_str(s->a, a11y, "etat", state);
	value_set_str(s->a, a11y, "etat_texte",
	              theme_text(e->i18n,
	                         arena_printf(s->a, "conformite.%s", state),
	                         state));
	if (p != NULL)
		value_set_str(s->a, a11y, A11Y_URL, p->url);
	value_set(s->a, s->view, A11Y, a11y);
}

void
site_theme_check_colours(site *s)
{
	(void)contrast_site_colours(s->a, value_get(s->config, "couleurs"),
	                            value_get(theme_config(s->th), "couleurs"),
	                            s->d);
}

/* A logo given as a web address: said so (not "does not exist"), with
 * the line to write once the file is saved beside site.yaml. */
static bool
remote_logo(site *s, const char *logo)
{
	size_t hn, nn;
	const char *name, *host = urlbase_remote(logo, &hn, &name, &nn);
	if (host != NULL)
		diag_at(s->d, DIAG_ERROR, value_get(s->config, "logo"),
		        URLBASE_REMOTE_FILE, logo, (int)hn, host, "logo",
		        (int)nn, name);
	return host != NULL;
}

/* From this size a logo is said to be heavier than it needs (decimal,
 * as the message says it). */
#define LOGO_HEAVY (1000ull * 1000)

/*
 * A logo is published reduced (photos.c: 48 to 192 px high in the header,
 * 512 for a phone's home screen), but the repository keeps the whole
 * file, and editors keep sending the next one as heavy (outside tester
 * 20 F15: a 3,000 px logo of 3 MB).  A note at site.yaml's logo: the
 * site is right, only heavier than it needs.
 */
static void
logo_weight(site *s, const value *where)
{
	pthread_mutex_lock(&s->read_lock);
	size_t size =
	    source_file_size(s->src, source_find(s->src, s->logo->tree));
	pthread_mutex_unlock(&s->read_lock);
	if (size == SOURCE_SIZE_UNKNOWN || size < LOGO_HEAVY)
		return;
	char sz[32];
	bytes_size_text(sz, sizeof(sz), size,
	                strcmp(diag_lang(s->d), "fr") == 0, " ");
	diag_at(s->d, DIAG_NOTE, where,
	        "the logo %s weighs %s: fabrique publishes it reduced (48 to "
	        "512 px high), but the repository keeps the whole file; a "
	        "logo 512 px high, under 200 KB, is enough (PNG to keep its "
	        "transparency)",
	        s->logo->tree, sz);
}

/* The header's logo box, 48 px high (partials/entete.mustache): a photo
 * logo's comes from its variants (photos.c); an SVG one's keeps the
 * drawing's proportions (its viewBox, else its width and height), not a
 * 48 x 48 square the page would jump from once the drawing is loaded.
 * A drawing that gives neither keeps the square. */
static void
svg_logo_box(site *s, const char *yaml, const char *logo)
{
	const char *dot = strrchr(logo, '.');
	char *target = path_join(s->a, path_dir(s->a, yaml), logo);
	char *data;
	size_t len;
	long w, h;
	if (dot == NULL || strcasecmp(dot, ".svg") != 0 || target == NULL ||
	    source_read(s->src, target, &data, &len) != 0)
		return;
	bool known = filetype_svg_size(data, len, &w, &h);
	free(data);
	if (!known)
		return;
	long width = (48 * w + h / 2) / h;
	value_set_int(s->a, s->view, site_logo_name(SITE_LOGO_WIDTH),
	              width > 0 ? width : 1);
	value_set_int(s->a, s->view, site_logo_name(SITE_LOGO_HEIGHT), 48);
}

static void
add_site_look(site *s, view_env *e)
{
	const value *colours = value_get(theme_config(s->th), "couleurs");
	value_set(s->a, s->view, "couleurs_theme",
	          contrast_site_colours(s->a, value_get(s->config, "couleurs"),
	                                colours, s->d));
	const value *lv = value_get(s->config, "logo");
	const char *logo = value_get_string(lv);
	const char *yaml = site_tree_path_of(s, "site.yaml");
	/* a photo: its variants give logo_url before rendering (photos.c) */
	bool photo = logo != NULL && site_link_logo(s, yaml, logo);
	if (photo)
		logo_weight(s, lv);
	const char *url =
	    logo && !photo ? site_link_publish(s, yaml, logo, s->a, lv) : NULL;
	if (url != NULL) {
		value_set_str(s->a, s->view, site_logo_name(SITE_LOGO_URL),
		              url);
		svg_logo_box(s, yaml, logo);
	} else if (logo != NULL && !photo && !remote_logo(s, logo))
		diag_at(s->d, DIAG_ERROR, value_get(s->config, "logo"),
		        "'%s' does not exist in the site's folder; put the "
		        "logo file there, or correct its name",
		        logo);
	add_conformance(s, e);
}

/* The logo's names in the site's view, by enum site_logo_part: the one
 * list of them, so that the view sets no logo name the template check
 * (site_view_sometimes()) does not know. */
static const char *const logo_names[SITE_LOGO_PARTS] = {
    [SITE_LOGO_URL] = "logo_url",       [SITE_LOGO_SRCSET] = "logo_srcset",
    [SITE_LOGO_WIDTH] = "logo_largeur", [SITE_LOGO_HEIGHT] = "logo_hauteur",
    [SITE_LOGO_ICON] = "logo_icone",    [SITE_LOGO_BIG] = "logo_grand"};

const char *
site_logo_name(enum site_logo_part part)
{
	return logo_names[part];
}

const char *
site_logo_field(const site *s, enum site_logo_part part)
{
	return value_get_string(value_get(s->view, logo_names[part]));
}

void
site_logo_fill(site *s, const site_logo_fields *f)
{
	const char *text[SITE_LOGO_PARTS] = {[SITE_LOGO_URL] = f->url,
	                                     [SITE_LOGO_SRCSET] = f->srcset,
	                                     [SITE_LOGO_ICON] = f->icon,
	                                     [SITE_LOGO_BIG] = f->big};
	for (size_t i = 0; i < SITE_LOGO_PARTS; i++)
		if (text[i] != NULL)
			value_set_str(s->a, s->view, logo_names[i],
			              arena_strdup(s->a, text[i]));
	value_set_int(s->a, s->view, logo_names[SITE_LOGO_WIDTH], f->width);
	value_set_int(s->a, s->view, logo_names[SITE_LOGO_HEIGHT], f->height);
}

const char *const *
site_view_sometimes(arena *a)
{
	size_t nview = 0;
	while (view_site_sometimes[nview] != NULL)
		nview++;
	size_t n = 0, cap = nview + SITE_LOGO_PARTS + 2;
	const char **all = arena_alloc(a, cap * sizeof(*all));
	for (size_t i = 0; i < nview; i++)
		all[n++] = view_site_sometimes[i];
	for (size_t i = 0; i < SITE_LOGO_PARTS; i++)
		all[n++] = logo_names[i];
	all[n++] = A11Y "." A11Y_URL; /* add_conformance() */
	all[n] = NULL;
	return all;
}

/* The workshops whose JSON-LD is written on several threads. */
struct jsonld_pass {
	page **pages;
	const char *qr_label; /* the sign-up QR code's, before its URL */
};

static bool
wants_jsonld(const page *p)
{
	return !p->draft && p->view != NULL && p->path != NULL &&
	       strcmp(p->kind, "atelier") == 0;
}

/*
 * An online sign-up (a workshop's or the whole day's) as a reader of the
 * printed page reaches it: paper shows no link, so the theme prints the
 * form's full address (inscription.url_papier: the site's address before
 * a path of the site) and its QR code (inscription.qr_svg), as the
 * programme prints its own.
 */
static void
add_paper_signup(const site *s, value *ins, arena *a, const char *label)
{
	const char *url = value_get_string(value_get(ins, "url"));
	const char *base = value_get_string(value_get(s->view, "url"));
	if (url == NULL)
		return;
	if (url[0] == '/' && base != NULL)
		url = arena_printf(a, "%s%s", base, url);
	else if (strstr(url, "://") == NULL)
		return;
	value_set_str(a, ins, "url_papier", url);
	char *svg = qrcode_svg(a, url, arena_printf(a, "%s %s", label, url));
	if (svg != NULL)
		value_set_str(a, ins, "qr_svg", svg);
}

/* A workshop's schema.org Event (jsonld.h): its views, and its edition's
 * superEvent written by add_jsonld(). */
static char *
event_jsonld(const site *s, const page *p, arena *a)
{
	int year = (int)value_get_number(value_get(p->view, "edition"));
	const struct edition *ed = site_find_edition((site *)s, year);
	return jsonld_event_in(a, p->view, s->view,
	                       ed != NULL ? ed->jsonld_super : NULL);
}

/*
 * A workshop's JSON-LD and its printed sign-up, in a worker (site_int.h's
 * site_task): it reads the views, finished before, and writes only its
 * own page's.  The view keeps the digest of the JSON-LD, not its 1.5 KB
 * (13 MiB of a 10,000-page build's peak): the page's key of what its
 * template reads (viewhash.h) changes when the text does, and the page's
 * render worker writes the text again (site_page_jsonld()).
 */
static void
jsonld_task(site *s, size_t i, arena *a, void *ctx)
{
	struct jsonld_pass *jp = ctx;
	page *p = jp->pages[i];
	add_paper_signup(s, value_get(p->view, "inscription"), a, jp->qr_label);
	arena *tmp = arena_new();
	const char *ld = event_jsonld(s, p, tmp);
	char hex[HASH_HEX + 1];
	hash_hex(ld, strlen(ld), hex);
	arena_free(tmp);
	value_set(a, p->view, "jsonld", value_string(a, hex));
}

const char *
site_page_jsonld(const site *s, const page *p, arena *a)
{
	if (!wants_jsonld(p) || value_get(p->view, "jsonld") == NULL)
		return NULL;
	return event_jsonld(s, p, a);
}

/* The whole day, the superEvent of each of its workshops' Events. */
static const char *
super_event(site *s, view_env *e, const struct edition *ed)
{
	const char *day = arena_printf(
	    s->a, "%s %d – %s",
	    theme_text(e->i18n, "titres.edition", "Journée"), ed->year,
	    value_get_string(value_path(s->config, "commune.nom")));
	return jsonld_super_event(s->a, ed->view, s->view, day);
}

/* The JSON-LD of every workshop, ~1/4 of what loading costs once pages
 * are cached: written and set on every core. */
static void
add_jsonld(site *s, view_env *e)
{
	struct jsonld_pass jp = {0};
	jp.qr_label =
	    theme_text(e->i18n, "inscription.qr_code", "QR code to sign up:");
	size_t n = 0;
	for (size_t i = 0; i < s->neds; i++) {
		s->eds[i].jsonld_super = super_event(s, e, &s->eds[i]);
		add_paper_signup(s, value_get(s->eds[i].view, "inscription"),
		                 s->a, jp.qr_label);
	}
	jp.pages = xcalloc(s->npages + 1, sizeof(*jp.pages));
	for (size_t i = 0; i < s->npages; i++)
		if (wants_jsonld(s->pages[i]))
			jp.pages[n++] = s->pages[i];
	site_load_each(s, n, jsonld_task, &jp);
	free(jp.pages);
}

/* The home page's highlights: the (at most 3) open workshops of the
 * programme that still want the most volunteers (signup.h). */
static value *
highlights(site *s, const value *ateliers)
{
	value *out = value_list(s->a);
	bool *taken = xcalloc(value_len(ateliers) + 1, sizeof(*taken));
	for (int n = 0; n < 3; n++) {
		long best = 0;
		size_t pick = value_len(ateliers);
		for (size_t i = 0; i < value_len(ateliers); i++) {
			const value *a = value_at(ateliers, i);
			long want = (long)value_get_number(
			    value_get(a, "benevoles_voulus"));
			if (!taken[i] && want > best)
				best = want, pick = i;
		}
		if (pick == value_len(ateliers))
			break;
		taken[pick] = true;
		value_push(s->a, out, value_at(ateliers, pick));
	}
	free(taken);
	return out;
}

/* The recap of the most recent edition that has one. */
static value *
latest_recap(site *s)
{
	value *best = NULL;
	double year = 0;
	for (size_t i = 0; i < s->npages; i++) {
		page *p = s->pages[i];
		if (p->draft || p->view == NULL ||
		    strcmp(p->kind, "retour") != 0)
			continue;
		double y = value_get_number(value_get(p->view, "edition"));
		if (best == NULL || y > year)
			best = p->view, year = y;
	}
	return best;
}

/* Once the current edition's day is past, the next one, if its file is
 * already there (site.yaml's edition_courante still on the past one):
 * the edition after it not yet past, for the home to announce.  Else
 * false, so {{#page.prochaine_edition}} finds nothing in the contexts
 * around it. */
static const value *
next_edition(site *s)
{
	const struct edition *cur = s->current, *best = NULL;
	if (cur == NULL || !value_truthy(value_get(cur->view, "passe")))
		return s->no;
	for (size_t i = 0; i < s->neds; i++) {
		const struct edition *ed = &s->eds[i];
		if (ed->year > cur->year && ed->view != NULL &&
		    !value_truthy(value_get(ed->view, "passe")) &&
		    (best == NULL || ed->year < best->year))
			best = ed;
	}
	return best ? best->view : s->no;
}

/*
 * Once the current edition's day is past, its workshops still to come (a
 * workshop postponed to the Sunday for rain, one given its own later
 * date), for the home page and the programme to list under « La journée
 * a eu lieu »: it
 * said only that, and the volunteers of the postponed workshop found it
 * nowhere on the morning it took place (outside tester 26 F8).  A map
 * {ateliers: [...]} for one section, or false.
 */
static value *
still_to_come(site *s)
{
	const struct edition *cur = s->current;
	if (cur == NULL || !value_truthy(value_get(cur->view, "passe")))
		return (value *)s->no;
	value *list = NULL;
	for (size_t i = 0; i < s->npages; i++) {
		const page *p = s->pages[i];
		const value *v = p->view;
		if (p->draft || v == NULL || strcmp(p->kind, "atelier") != 0 ||
		    (int)value_get_number(value_get(v, "edition")) !=
		        cur->year ||
		    value_truthy(value_get(v, "passe")) ||
		    value_truthy(value_get(v, "annule")))
			continue;
		if (list == NULL)
			list = value_list(s->a);
		value_push(s->a, list, (value *)v);
	}
	if (list == NULL)
		return (value *)s->no;
	value *m = value_map(s->a);
	value_set(s->a, m, "ateliers", list);
	return m;
}

/* True if the site's own menu (site.yaml menu) already links to the
 * section name, written "/name/", "/name", "name/" or "/name/index.html". */
static bool
menu_has(const value *menu, const char *name)
{
	size_t n = strlen(name);
	for (size_t i = 0; i < value_len(menu); i++) {
		const char *u =
		    value_get_string(value_get(value_at(menu, i), "url"));
		if (u == NULL)
			continue;
		while (*u == '/')
			u++;
		if (strncmp(u, name, n) == 0 &&
		    (u[n] == '\0' || strcmp(u + n, "/") == 0 ||
		     strcmp(u + n, "/index.html") == 0))
			return true;
	}
	return false;
}

/* The theme's menu adds the heritage stories and the recaps after the
 * site's own entries, unless the site's menu already has them (it would
 * list them twice): site.menu_patrimoine and site.menu_retours say so. */
static void
add_menu_sections(site *s)
{
	const value *menu = value_get(s->view, "menu");
	value_set_bool(s->a, s->view, "menu_patrimoine",
	               !menu_has(menu, "patrimoine"));
	value_set_bool(s->a, s->view, "menu_retours",
	               !menu_has(menu, "retours"));
}

void
site_theme_add_data(site *s)
{
	view_env e = site_make_env(s);
	add_site_look(s, &e);
	add_menu_sections(s);
	const char *base = value_get_string(value_get(s->view, "url"));
	add_jsonld(s, &e);
	value *to_come = still_to_come(s); /* the home's and the programme's */
	for (size_t i = 0; i < s->npages; i++) {
		page *p = s->pages[i];
		if (p->draft || p->view == NULL || wants_jsonld(p))
			continue;
		if (strcmp(p->kind, "accueil") == 0) {
			const value *prog = value_get(p->view, "programme");
			value_set(s->a, p->view, "a_la_une",
			          highlights(s, value_get(prog, "ateliers")));
			value_set(s->a, p->view, "dernier_retour",
			          latest_recap(s));
			value_set(s->a, p->view, "prochaine_edition",
			          (value *)next_edition(s));
			value_set(s->a, p->view, "a_venir", to_come);
		} else if (strcmp(p->kind, "programme") == 0) {
			value_set(s->a, p->view, "a_venir", to_come);
		}
		if (strcmp(p->kind, "programme") == 0 && base != NULL) {
			const char *url =
			    arena_printf(s->a, "%s%s", base, p->url);
			const char *label = arena_printf(
			    s->a, "%s %s",
			    theme_text(e.i18n, "libelles.qr_code", "QR code :"),
			    url);
			char *svg = qrcode_svg(s->a, url, label);
			if (svg != NULL) {
				value_set_str(s->a, p->view, "qr_svg", svg);
				value_set_str(s->a, p->view, "qr_url", url);
			}
		}
	}
}

/*
 * An alias on an address the site already uses, said at the alias (its
 * file, line and column) before the build, which would otherwise fail
 * when writing, naming neither (outside tester 30 F3): a file the build
 * writes from the whole site (/programme.ics, /sw.js, /404.html: out is
 * that file, or its redirecting page would need it as a folder), or a
 * page's address.  0, or -1 after reporting.
 */
static int
alias_taken(site *s, const value *alias, const char *url, const char *out)
{
	char *bare = xstrdup(url + 1);
	size_t n = strlen(bare);
	if (n > 0 && bare[n - 1] == '/')
		bare[n - 1] = '\0';
	bool file = wholesite_is_file(bare) || wholesite_is_file(out);
	free(bare);
	if (wholesite_is_reserved(url)) {
		diag_at(s->d, DIAG_ERROR, alias,
		        "the alias %s is in the folder of the theme's files, "
		        "which browsers keep for ever: remove it from 'alias'; "
		        "an alias is an old address of this page, like "
		        "/inscription/",
		        url);
		return -1;
	}
	if (file) {
		diag_at(s->d, DIAG_ERROR, alias,
		        "the alias %s is the address of a file the site "
		        "publishes itself (its calendar, feed, search index or "
		        "offline files): remove it from 'alias'; an alias is "
		        "an old address of this page, like /inscription/",
		        url);
		return -1;
	}
	const page *other = strmap_get(s->by_url, url_path(s->a, url));
	if (other == NULL)
		return 0;
	if (other->file != NULL)
		diag_at(s->d, DIAG_ERROR, alias,
		        "the alias %s is already the address of %s: remove it "
		        "from 'alias'; an alias is an old address that no page "
		        "has any more",
		        url, other->file);
	else
		diag_at(
		    s->d, DIAG_ERROR, alias,
		    "the alias %s is already the address of a page the site "
		    "makes itself (the home page, the programme, a list): "
		    "remove it from 'alias'; an alias is an old address "
		    "that no page has any more",
		    url);
	return -1;
}

/*
 * alias: old addresses of a page (say a renamed workshop) get a small
 * redirecting page, so links printed on last year's leaflet still work.
 */
static int
add_alias(site *s, page *target, const value *alias)
{
	const char *url = value_get_string(alias);
	if (url != NULL) /* "/f%C3%AAte/", copied from a browser, is "/fête/" */
		url = url_decode(s->a, url, strlen(url));
	size_t n = url ? strlen(url) : 0;
	const char *out = n == 0 ? NULL
	                  : url[n - 1] == '/'
	                      ? arena_printf(s->a, "%sindex.html", url + 1)
	                  : path_ends_with(url, ".html")
	                      ? arena_strdup(s->a, url + 1)
	                      : arena_printf(s->a, "%s/index.html", url + 1);
	if (out == NULL || url[0] != '/' || !output_path_ok(out)) {
		diag_at(s->d, DIAG_ERROR, alias,
		        "an alias is an old address of this site, like "
		        "/inscription/; got '%s'",
		        url ? url : "");
		return -1;
	}
	if (alias_taken(s, alias, url, out) != 0)
		return -1;
	page *p =
	    site_gen_page(s, "redirection", url,
	                  value_get_string(value_get(target->meta, "titre")));
	if (p == NULL)
		return -1;
	p->file = target->file;
	p->out = out;
	value_set_str(s->a, p->view, "cible", target->url);
	return 0;
}

int
site_theme_add_aliases(site *s)
{
	int rc = 0;
	size_t n = s->npages; /* aliases are appended: not revisited */
	for (size_t i = 0; i < n; i++) {
		page *p = s->pages[i];
		const value *aliases = value_get(p->meta, "alias");
		for (size_t k = 0; !p->draft && k < value_len(aliases); k++)
			if (add_alias(s, p, value_at(aliases, k)) != 0)
				rc = -1;
	}
	return rc;
}

static value *
crumb(arena *a, const char *title, const char *url)
{
	value *c = value_map(a);
	value_set_str(a, c, "titre", title);
	if (url != NULL)
		value_set_str(a, c, "url", url);
	else /* not the page's own url, found in an enclosing context */
		value_set_bool(a, c, "url", false);
	return c;
}

/*
 * Home > section > page: the section is the page's first folder, unless
 * it is a free page (pages/), which hangs from the home page; category,
 * quartier and tag pages hang from the programme.  The crumbs of the
 * home page, the programme and each section are made once, on the main
 * thread, and shared by every page's list (nothing writes into a crumb):
 * at 10,000 pages the crumbs were 6.4 MB, every page its own copies.
 */
struct crumb_item {
	page *p;
	const value *section; /* the section's crumb, or NULL */
};

struct crumbs_pass {
	struct crumb_item *items;
	value *home, *programme;
	value *no_url; /* false: the page's own crumb */
};

/* The crumb of the page's first folder, made the first time it is
 * asked for; NULL for pages/ and generated pages. */
static value *
section_crumb(site *s, strmap *sections, const page *p)
{
	const char *slash = p->path ? strchr(p->path, '/') : NULL;
	if (slash == NULL || strncmp(p->path, "pages/", 6) == 0)
		return NULL;
	char key[128];
	size_t n = (size_t)(slash - p->path);
	char *section = n < sizeof(key) ? key : arena_alloc(s->a, n + 1);
	memcpy(section, p->path, n);
	section[n] = '\0';
	value *c = strmap_get(sections, section);
	if (c != NULL)
		return c;
	if (section == key)
		section = arena_strndup(s->a, key, n);
	c = crumb(s->a, site_gen_title_of(s, section, section),
	          url_path(s->a, arena_printf(s->a, "/%s/", section)));
	strmap_put(sections, section, c);
	return c;
}

/* A task of site_load_each over the pages with a view: it writes only
 * its page's view, in its worker's arena a; the page's crumb shares the
 * view's title. */
static void
crumbs_task(site *s, size_t i, arena *a, void *ctx)
{
	const struct crumbs_pass *cp = ctx;
	page *p = cp->items[i].p;
	(void)s;
	value *list = value_list(a);
	value_push(a, list, cp->home);
	if (cp->items[i].section != NULL)
		value_push(a, list, (value *)cp->items[i].section);
	if (strcmp(p->kind, "categorie") == 0 ||
	    strcmp(p->kind, "quartier") == 0 || strcmp(p->kind, "tag") == 0)
		value_push(a, list, cp->programme);
	if (strcmp(p->url, "/") != 0) {
		value *c = value_map(a);
		const value *title = value_get(p->view, "titre");
		if (value_kind_of(title) == VALUE_STRING)
			value_set(a, c, "titre", (value *)title);
		value_set(a, c, "url", cp->no_url);
		value_push(a, list, c);
	}
	value_set(a, p->view, "fil_ariane", list);
}

static void
add_breadcrumbs(site *s)
{
	struct crumbs_pass cp = {
	    .home =
	        crumb(s->a, site_gen_title_of(s, "accueil", "Accueil"), "/"),
	    .programme =
	        crumb(s->a, site_gen_title_of(s, "programme", "Programme"),
	              "/programme/"),
	    .no_url = (value *)s->no};
	cp.items = xcalloc(s->npages + 1, sizeof(*cp.items));
	strmap *sections = strmap_new(s->a);
	size_t n = 0;
	for (size_t i = 0; i < s->npages; i++) {
		page *p = s->pages[i];
		if (p->view == NULL || p->draft)
			continue;
		cp.items[n++] =
		    (struct crumb_item){p, section_crumb(s, sections, p)};
	}
	site_load_each(s, n, crumbs_task, &cp);
	free(cp.items);
}

/* Previous and next page of the same kind, in programme order: found on
 * the main thread (one pass from the end, the last page seen of each
 * kind), set on the loading threads, each task writing only its own
 * page's view ("precedent" before "suivant", as they were always set). */
struct nav_pass {
	page **sorted;
	const page **prev, **next;
};

static void
nav_task(site *s, size_t i, arena *a, void *ctx)
{
	const struct nav_pass *np = ctx;
	(void)s;
	value *v = np->sorted[i]->view;
	if (np->prev[i] != NULL)
		value_set(a, v, "precedent", np->prev[i]->view);
	if (np->next[i] != NULL)
		value_set(a, v, "suivant", np->next[i]->view);
}

/* The last page seen of each kind, from the end: a few kinds. */
struct kind_seen {
	const char *kind;
	size_t at;
};

static void
find_neighbours(const site *s, struct nav_pass *np)
{
	struct kind_seen *seen = xcalloc(s->nsorted + 1, sizeof(*seen));
	size_t nseen = 0;
	for (size_t i = s->nsorted; i-- > 0;) {
		const page *p = s->sorted[i];
		size_t k = 0;
		while (k < nseen && strcmp(seen[k].kind, p->kind) != 0)
			k++;
		if (k == nseen)
			seen[nseen++] = (struct kind_seen){p->kind, i};
		else {
			np->next[i] = s->sorted[seen[k].at];
			np->prev[seen[k].at] = p;
			seen[k].at = i;
		}
	}
	free(seen);
}

void
site_theme_add_navigation(site *s)
{
	add_breadcrumbs(s);
	struct nav_pass np = {.sorted = s->sorted};
	np.prev = xcalloc(s->nsorted + 1, sizeof(*np.prev));
	np.next = xcalloc(s->nsorted + 1, sizeof(*np.next));
	find_neighbours(s, &np);
	site_load_each(s, s->nsorted, nav_task, &np);
	free(np.prev);
	free(np.next);
}
