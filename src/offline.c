#include "offline.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "hash.h"
#include "json.h"
#include "path.h"
#include "strmap.h"
#include "url.h"
#include "urlbase.h"
#include "wholesite.h"

struct plan {
	site *s;
	const theme *th;
	output *o;
	diag *d;
	arena *a;
	strmap *pages;    /* output path -> page */
	strmap *in_text;  /* output bases of photos shown by texts only */
	const char *logo; /* output path of the logo, or NULL */
	const char *icon; /* the manifest's (the logo's largest), or NULL */
	strmap *logos;    /* output paths of the header's logo sizes */
	int year;         /* current edition */
	offline_file *files;
	size_t n, cap;
};

const char *
offline_url(arena *a, const char *path)
{
	if (strcmp(path, "index.html") == 0)
		return "/";
	if (path_ends_with(path, "/index.html"))
		return arena_printf(
		    a, "/%s/",
		    url_path(a, arena_strndup(a, path, strlen(path) - 11)));
	return arena_printf(a, "/%s", url_path(a, path));
}

/* A path from the site's root as the browser asks for it: under the
 * site's base path when it is published under one (urlbase.h). */
static const char *
address(struct plan *pl, const char *path)
{
	return urlbase_path(pl->a, site_base(pl->s), path);
}

static bool
has_ext(const char *path, const char *const *exts)
{
	const char *dot = strrchr(path, '.');
	for (; dot != NULL && *exts != NULL; exts++)
		if (strcmp(dot + 1, *exts) == 0)
			return true;
	return false;
}

static bool
is_image(const char *path)
{
	static const char *const exts[] = {"jpg", "jpeg", "png", "webp",
	                                   "gif", "avif", NULL};
	return has_ext(path, exts);
}

bool
offline_is_thumbnail(const char *path)
{
	const char *dot = strrchr(path, '.');
	const char *p = dot;
	if (dot == NULL || !is_image(path))
		return false;
	while (p > path && p[-1] >= '0' && p[-1] <= '9')
		p--;
	if (p == dot || p == path || p[-1] != '-' || dot - p > 5)
		return false;
	return atoi(p) > 0 && atoi(p) <= OFFLINE_THUMB_MAX;
}

static int
cmp_files(const void *x, const void *y)
{
	const offline_file *a = x, *b = y;
	if (a->cls != b->cls)
		return a->cls < b->cls ? -1 : 1;
	return strcmp(a->path, b->path);
}

/* Classes listed whole or not at all: half the search (its page without
 * its index) or part of a page is useless offline. */
static bool
whole_class(int cls)
{
	return cls == OFFLINE_PROGRAMME || cls == OFFLINE_SEARCH ||
	       cls == OFFLINE_EDITION;
}

/*
 * A font or a picture of the theme's assets larger than the whole
 * budget: the shell goes in whatever the budget, but the pages show
 * without it offline (the phone's own font, no background), and
 * precached it would cost every resident's phone more than the site
 * allows itself (outside tester 33 F2: a 120 MB « font »).  It is then
 * kept as any file is, once a page has asked for it.
 */
static bool
shell_optional(const offline_file *f, size_t budget)
{
	static const char *const fonts[] = {"woff2", "woff", "ttf", "otf",
	                                    NULL};
	return f->size > budget && strncmp(f->path, "assets/", 7) == 0 &&
	       (has_ext(f->path, fonts) || is_image(f->path));
}

void
offline_select(offline_file *files, size_t n, size_t budget,
               offline_part parts[OFFLINE_NCLASSES])
{
	offline_part local[OFFLINE_NCLASSES];
	if (parts == NULL)
		parts = local;
	memset(parts, 0, OFFLINE_NCLASSES * sizeof(*parts));
	qsort(files, n, sizeof(*files), cmp_files);
	for (size_t i = 0; i < n; i++) {
		parts[files[i].cls].files++;
		parts[files[i].cls].bytes += files[i].size;
	}
	size_t used = 0;
	bool decided[OFFLINE_NCLASSES] = {false}, whole[OFFLINE_NCLASSES];
	for (size_t i = 0; i < n; i++) {
		offline_file *f = &files[i];
		if (whole_class(f->cls)) {
			if (!decided[f->cls]) {
				decided[f->cls] = true;
				whole[f->cls] =
				    used + parts[f->cls].bytes <= budget;
				if (whole[f->cls])
					used += parts[f->cls].bytes;
			}
			f->selected = whole[f->cls];
		} else {
			f->selected = (f->cls == OFFLINE_SHELL &&
			               !shell_optional(f, budget)) ||
			              used + f->size <= budget;
			if (f->selected)
				used += f->size;
		}
		if (f->selected) {
			parts[f->cls].kept++;
			parts[f->cls].kept_bytes += f->size;
		}
	}
}

/* ---- Classes -------------------------------------------------------- */

static int
page_class(const struct plan *pl, const page *p)
{
	static const char *const shell[] = {"accueil", "hors-ligne", "404"};
	/* an alias leads to a page precached on its own */
	if (strcmp(p->kind, "redirection") == 0)
		return OFFLINE_NEVER;
	for (size_t i = 0; i < sizeof(shell) / sizeof(*shell); i++)
		if (strcmp(p->kind, shell[i]) == 0)
			return OFFLINE_SHELL;
	if (strcmp(p->kind, "programme") == 0)
		return OFFLINE_PROGRAMME;
	if (strcmp(p->kind, "recherche") == 0)
		return OFFLINE_SEARCH;
	int year = (int)value_get_number(value_get(p->view, "edition"));
	if (strcmp(p->kind, "edition") == 0)
		year = (int)value_get_number(value_get(p->view, "annee"));
	else if (strcmp(p->kind, "atelier") != 0)
		return OFFLINE_CONTENT;
	if (year != pl->year)
		return OFFLINE_PAST;
	return strcmp(p->kind, "edition") == 0 ? OFFLINE_EDITION
	                                       : OFFLINE_CURRENT;
}

/* A variant ("x/lavoir-480.webp") of a photo only the pages' texts show:
 * not precached, so the budget goes to pages and the thumbnails of lists
 * and galleries, not to what a page's text shows further down. */
static bool
in_text_only(const struct plan *pl, const char *path)
{
	const char *dash = strrchr(path, '-');
	if (dash == NULL)
		return false;
	char *base = arena_strndup(pl->a, path, (size_t)(dash - path));
	return strmap_get(pl->in_text, base) != NULL;
}

static int
file_class(const struct plan *pl, const char *path)
{
	static const char *const never[] = {"ics", "xml", "txt", NULL};
	const page *p = strmap_get(pl->pages, path);
	if (p != NULL)
		return page_class(pl, p);
	/* Calendars carry the commit time (DTSTAMP): precaching them would
	 * make every commit a new version. */
	/* The spreadsheet's programme is programme.csv's cells again, for
	 * a computer's Excel: not worth a phone's budget twice. */
	if (strcmp(path, WHOLESITE_SERVICE_WORKER) == 0 ||
	    strcmp(path, WHOLESITE_OPENDATA_SHEET) == 0 || has_ext(path, never))
		return OFFLINE_NEVER;
	if (strcmp(path, WHOLESITE_SEARCH_INDEX) == 0)
		return OFFLINE_SEARCH;
	if (strncmp(path, "assets/", 7) == 0 ||
	    strcmp(path, WHOLESITE_MANIFEST) == 0 ||
	    (pl->logo != NULL && strcmp(path, pl->logo) == 0) ||
	    strmap_get(pl->logos, path) != NULL)
		return OFFLINE_SHELL;
	if (is_image(path))
		return offline_is_thumbnail(path) && !in_text_only(pl, path)
		           ? OFFLINE_CONTENT
		           : OFFLINE_NEVER;
	return OFFLINE_FILES;
}

static int
collect(void *ctx, const char *path, size_t size)
{
	struct plan *pl = ctx;
	int cls = file_class(pl, path);
	if (cls == OFFLINE_NEVER)
		return 0;
	if (pl->n == pl->cap) {
		pl->cap = pl->cap ? pl->cap * 2 : 256;
		pl->files = xrealloc(pl->files, pl->cap * sizeof(*pl->files));
	}
	pl->files[pl->n++] =
	    (offline_file){arena_strdup(pl->a, path), size, cls, false};
	return 0;
}

/* ---- Manifest ------------------------------------------------------- */

static const char *
mime_of(const char *path)
{
	static const char *const types[][2] = {{".svg", "image/svg+xml"},
	                                       {".png", "image/png"},
	                                       {".jpg", "image/jpeg"},
	                                       {".jpeg", "image/jpeg"},
	                                       {".webp", "image/webp"}};
	for (size_t i = 0; i < sizeof(types) / sizeof(*types); i++)
		if (path_ends_with(path, types[i][0]))
			return types[i][1];
	return NULL;
}

/* A PNG's size from its IHDR chunk, so the manifest can say it. */
static bool
png_size(output *o, const char *path, unsigned *w, unsigned *h)
{
	char *data;
	size_t len;
	if (!path_ends_with(path, ".png") || output_read(o, path, &data, &len))
		return false;
	const unsigned char *u = (const unsigned char *)data;
	bool ok = len >= 24 && memcmp(u + 12, "IHDR", 4) == 0;
	if (ok) {
		*w = (unsigned)u[16] << 24 | u[17] << 16 | u[18] << 8 | u[19];
		*h = (unsigned)u[20] << 24 | u[21] << 16 | u[22] << 8 | u[23];
	}
	free(data);
	return ok;
}

static void
manifest_icon(struct plan *pl, buf *b)
{
	const char *icon = pl->icon ? pl->icon : pl->logo;
	const char *mime = icon ? mime_of(icon) : NULL;
	unsigned w, h;
	buf_puts(b, ",\n  \"icons\": [");
	if (mime != NULL) {
		buf_puts(b, "{\"src\": ");
		json_string(b, address(pl, offline_url(pl->a, icon)));
		buf_puts(b, ", \"type\": ");
		json_string(b, mime);
		if (png_size(pl->o, icon, &w, &h))
			buf_printf(b, ", \"sizes\": \"%ux%u\"", w, h);
		else if (strcmp(mime, "image/svg+xml") == 0)
			buf_puts(b, ", \"sizes\": \"any\"");
		buf_puts(b, ", \"purpose\": \"any\"}");
	}
	buf_puts(b, "]");
}

static int
write_manifest(struct plan *pl)
{
	const value *sv = site_view(pl->s);
	const char *commune = value_get_string(value_path(sv, "commune.nom"));
	const char *colour =
	    value_get_string(value_path(sv, "couleurs.principale"));
	buf b = BUF_INIT;
	buf_puts(&b, "{\n  \"name\": ");
	json_string(&b, arena_printf(pl->a, "Journée citoyenne – %s",
	                             commune ? commune : ""));
	buf_puts(&b, ",\n  \"short_name\": ");
	json_string(&b, commune ? commune : "Journée citoyenne");
	const char *root = address(pl, "/");
	buf_puts(&b, ",\n  \"lang\": \"fr\",\n  \"start_url\": ");
	json_string(&b, root);
	buf_puts(&b, ",\n  \"scope\": ");
	json_string(&b, root);
	buf_puts(&b, ",\n  \"display\": \"standalone\",\n"
	             "  \"background_color\": \"#ffffff\",\n"
	             "  \"theme_color\": ");
	json_string(&b, colour ? colour : "#1d5a84");
	manifest_icon(pl, &b);
	buf_puts(&b, "\n}\n");
	int rc = output_write(pl->o, WHOLESITE_MANIFEST, b.data, b.len);
	buf_free(&b);
	return rc;
}

/* ---- Service worker ------------------------------------------------- */

/*
 * The version: a hash of the precached URLs and of their contents, by
 * hash.h's 128-bit fingerprint.  It only has to change when a precached
 * file does (the browser then installs the new worker): git's blob ids
 * (SHA-1 by mbedtls, 23 instructions an octet) cost 123 M instructions
 * of a one-edit build at 1,000 pages for the 5 MB precached, a ninth of
 * it, for the same answer.
 */
static int
version_of(struct plan *pl, offline_stats *st)
{
	buf list = BUF_INIT;
	for (size_t i = 0; i < pl->n; i++) {
		offline_file *f = &pl->files[i];
		char hex[HASH_HEX + 1];
		if (!f->selected)
			continue;
		/* read a piece at a time: a precached list is megabytes */
		if (output_hash(pl->o, f->path, hex) != 0) {
			buf_free(&list);
			return -1;
		}
		buf_puts(&list, f->path);
		buf_putc(&list, ' ');
		buf_put(&list, hex, HASH_HEX);
		buf_putc(&list, '\n');
	}
	char hex[HASH_HEX + 1];
	hash_hex(list.data ? list.data : "", list.len, hex);
	memcpy(st->version, hex, 16);
	st->version[16] = '\0';
	buf_free(&list);
	return 0;
}

static const char *
precache_json(struct plan *pl, offline_stats *st)
{
	buf b = BUF_INIT;
	buf_putc(&b, '[');
	for (size_t i = 0; i < pl->n; i++) {
		const offline_file *f = &pl->files[i];
		if (!f->selected) {
			st->skipped++;
			continue;
		}
		buf_puts(&b, st->files > 0 ? ",\n  " : "\n  ");
		json_string(&b, address(pl, offline_url(pl->a, f->path)));
		st->files++;
		st->bytes += f->size;
	}
	buf_puts(&b, "\n]");
	const char *s = arena_strndup(pl->a, buf_cstr(&b), b.len);
	buf_free(&b);
	return s;
}

static size_t
kb(size_t bytes)
{
	return (bytes + 1023) / 1024;
}

/*
 * When the budget leaves something out, one note says what (the largest
 * sites: everything but the shell), so a webmaster knows what residents
 * find offline without having visited it, and which setting changes it.
 */
static void
note_left_out(const offline_stats *st, diag *d)
{
	static const char *const whole[] = {
	    [OFFLINE_PROGRAMME] = "the programme (%zu KB)",
	    [OFFLINE_SEARCH] = "the search (%zu KB)",
	    [OFFLINE_EDITION] = "the current edition's page (%zu KB)"};
	static const char *const some[] = {
	    [OFFLINE_SHELL] = "%zu of the %zu files of the theme (fonts or "
	                      "pictures each larger than the budget)",
	    [OFFLINE_CURRENT] = "%zu of the %zu workshops of the current "
	                        "edition",
	    [OFFLINE_CONTENT] = "%zu of the %zu other pages and thumbnails",
	    [OFFLINE_FILES] = "%zu of the %zu other files",
	    [OFFLINE_PAST] = "%zu of the %zu pages of past editions"};
	static const char *const all_of[] = {
	    [OFFLINE_SHELL] = "the %zu files of the theme (fonts or pictures "
	                      "each larger than the budget)",
	    [OFFLINE_CURRENT] = "the %zu workshops of the current edition",
	    [OFFLINE_CONTENT] = "the %zu other pages and thumbnails",
	    [OFFLINE_FILES] = "the %zu other files",
	    [OFFLINE_PAST] = "the %zu pages of past editions"};
	/* one file: « les 1 ateliers » read oddly (outside tester 32) */
	static const char *const the_one[] = {
	    [OFFLINE_CURRENT] = "the workshop of the current edition",
	    [OFFLINE_CONTENT] = "the other page or thumbnail",
	    [OFFLINE_FILES] = "the other file",
	    [OFFLINE_PAST] = "the page of a past edition"};
	buf b = BUF_INIT;
	size_t all = 0;
	for (int c = 0; c < OFFLINE_NCLASSES; c++) {
		const offline_part *p = &st->parts[c];
		all += p->bytes;
		if (p->kept == p->files)
			continue;
		if (b.len > 0)
			buf_puts(&b, ", ");
		if (c != OFFLINE_SHELL && c < OFFLINE_CURRENT)
			buf_printf(&b, diag_tr(d, whole[c]), kb(p->bytes));
		else if (p->kept == 0 && p->files == 1)
			buf_puts(&b, diag_tr(d, the_one[c]));
		else if (p->kept == 0)
			buf_printf(&b, diag_tr(d, all_of[c]), p->files);
		else
			buf_printf(&b, diag_tr(d, some[c]), p->files - p->kept,
			           p->files);
	}
	if (b.len > 0)
		diag_report(d, DIAG_NOTE, NULL, 0, 0,
		            "the service worker precaches %zu KB of %zu KB "
		            "(hors_ligne.budget_ko in site.yaml: %zu); left "
		            "out, offline once a resident has opened or kept "
		            "them: %s",
		            kb(st->bytes), kb(all), st->budget / 1024,
		            buf_cstr(&b));
	buf_free(&b);
}

/* A thumbnail's path without its extension ("x/lavoir-480"). */
static char *
stem(const struct plan *pl, const char *path)
{
	return arena_strndup(pl->a, path, (size_t)(strrchr(path, '.') - path));
}

/*
 * A gallery's thumbnail is written as WebP and JPEG; every browser that
 * runs a service worker takes the WebP of the <picture>, so its JPEG twin
 * is left out of the precache (outside tester 24 F7: 60 photos cost
 * 0.9 MB more on a resident's first visit, and the budget).
 */
static void
drop_jpeg_twins(struct plan *pl)
{
	static const char *const jpeg[] = {"jpg", "jpeg", NULL};
	static const char *const webp[] = {"webp", NULL};
	strmap *webps = strmap_new(pl->a);
	for (size_t i = 0; i < pl->n; i++)
		if (pl->files[i].cls == OFFLINE_CONTENT &&
		    has_ext(pl->files[i].path, webp))
			strmap_put(webps, stem(pl, pl->files[i].path), pl);
	size_t n = 0;
	for (size_t i = 0; i < pl->n; i++) {
		const offline_file *f = &pl->files[i];
		if (f->cls == OFFLINE_CONTENT && has_ext(f->path, jpeg) &&
		    strmap_get(webps, stem(pl, f->path)) != NULL)
			continue;
		pl->files[n++] = *f;
	}
	pl->n = n;
}

static int
write_worker(struct plan *pl, size_t budget, offline_stats *st)
{
	if (output_each(pl->o, collect, pl) != 0)
		return -1;
	drop_jpeg_twins(pl);
	offline_select(pl->files, pl->n, budget, st->parts);
	st->budget = budget;
	if (version_of(pl, st) != 0)
		return -1;
	arena *a = pl->a;
	value *data = value_map(a);
	value_set_str(a, data, "version", st->version);
	value_set_str(a, data, "precache", precache_json(pl, st));
	note_left_out(st, pl->d);
	if (mustache_set_has(theme_templates(pl->th), "hors-ligne"))
		value_set_str(a, data, "hors_ligne",
		              address(pl, OFFLINE_PAGE_URL));
	buf out = BUF_INIT;
	int rc =
	    mustache_render(theme_templates(pl->th), "sw", data, &out, pl->d);
	if (rc == 0)
		rc = output_write(pl->o, WHOLESITE_SERVICE_WORKER, out.data,
		                  out.len);
	buf_free(&out);
	return rc;
}

/* Each size of the header's logo (its srcset: "/logo-144.png 144w, …"):
 * precached with the shell, whichever a phone's screen picks. */
static void
map_logos(struct plan *pl)
{
	pl->logos = strmap_new(pl->a);
	const char *set = site_logo_field(pl->s, SITE_LOGO_SRCSET);
	while (set != NULL && *set == '/') {
		size_t n = strcspn(set, " ,");
		const char *path = url_decode(pl->a, set + 1, n - 1);
		strmap_put(pl->logos, path, (void *)path);
		set = strchr(set, ',');
		while (set != NULL && (*set == ',' || *set == ' '))
			set++;
	}
}

static void
map_pages(struct plan *pl)
{
	pl->pages = strmap_new(pl->a);
	for (size_t i = 0; i < site_page_count(pl->s); i++) {
		const page *p = site_page(pl->s, i);
		if (p->out != NULL && !p->draft && p->view != NULL)
			strmap_put(pl->pages, p->out, (void *)p);
	}
	const char *logo = site_logo_field(pl->s, SITE_LOGO_URL);
	pl->logo = logo && *logo == '/'
	               ? url_decode(pl->a, logo + 1, strlen(logo + 1))
	               : NULL;
	const char *icon = site_logo_field(pl->s, SITE_LOGO_BIG);
	pl->icon = icon && *icon == '/'
	               ? url_decode(pl->a, icon + 1, strlen(icon + 1))
	               : NULL;
	map_logos(pl);
	pl->year =
	    (int)value_get_number(value_get(site_edition(pl->s), "annee"));
	pl->in_text = strmap_new(pl->a);
	for (size_t i = 0; i < site_image_count(pl->s); i++) {
		const char *tree, *id, *base;
		bool linked;
		site_image(pl->s, i, &tree, &id, &base, &linked);
		if (!linked && !site_image_in_views(pl->s, i))
			strmap_put(pl->in_text, base, (void *)base);
	}
}

static size_t
budget_of(const site *s)
{
	const value *v = value_path(site_view(s), "hors_ligne.budget_ko");
	double ko = value_kind_of(v) == VALUE_NUMBER ? value_get_number(v)
	            : value_get_string(v)            ? atof(value_get_string(v))
	                                  : OFFLINE_DEFAULT_BUDGET_KO;
	return ko > 0 ? (size_t)(ko * 1024) : 0;
}

int
offline_write(site *s, const theme *th, output *o, offline_stats *st, diag *d)
{
	offline_stats local;
	if (st == NULL)
		st = &local;
	memset(st, 0, sizeof(*st));
	if (o == NULL)
		return 0;
	struct plan pl = {.s = s, .th = th, .o = o, .d = d, .a = arena_new()};
	map_pages(&pl);
	int rc = write_manifest(&pl);
	if (rc == 0 && mustache_set_has(theme_templates(th), "sw"))
		rc = write_worker(&pl, budget_of(s), st);
	free(pl.files);
	arena_free(pl.a);
	return rc;
}
