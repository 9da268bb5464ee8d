#include "site.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "contrast.h"
#include "datefmt.h"
#include "details.h"
#include "frontmatter.h"
#include "history.h"
#include "jsonld.h"
#include "markdown.h"
#include "output.h"
#include "path.h"
#include "qrcode.h"
#include "schema.h"
#include "slug.h"
#include "strmap.h"
#include "view.h"
#include "yamldoc.h"

struct pubfile {
	const char *tree, *out;
};

/* A photo for the pipeline: every view field that shows it (targets), and
 * once processed its fields for templates.  linked: found in Markdown
 * while rendering, published as the whole photo (out_base.jpg). */
struct target {
	value *v;
	const char *prefix;
};

struct image {
	const char *tree, *id, *out_base;
	struct target *targets;
	size_t ntargets, cap;
	const char *src; /* its URL once processed (or planned, if linked) */
	bool linked;
};

/* editions/YYYY.yaml: the day itself. */
struct edition {
	int year;
	const char *file;
	value *raw, *meta, *view;
};

struct site {
	arena *a;
	source *src;
	theme *th;
	schema *sc;
	site_opts opts;
	diag *d;
	const char *root; /* the site's path in the tree */
	value *config;    /* site.yaml, normalised */
	page **pages;
	size_t npages, cap;
	strmap *by_key, *by_slug, *by_url;
	struct edition *eds;
	size_t neds, capeds;
	struct edition *current;
	page **sorted; /* published content pages, in programme order */
	size_t nsorted;
	strmap *by_tag; /* tag slug -> list of views, in programme order */
	value *view, *edition_view;
	pthread_mutex_t lock; /* guards files and published */
	struct pubfile *files;
	size_t nfiles, capfiles;
	strmap *published;
	struct image **images; /* guarded by lock while rendering */
	size_t nimages, capimages;
	strmap *image_by_tree;
	bool unsafe, french;
	history *history; /* NULL for a folder source */
};

static const char *
tree_path_of(site *s, const char *rel)
{
	return *s->root ? arena_printf(s->a, "%s/%s", s->root, rel)
	                : arena_strdup(s->a, rel);
}

static value *
read_yaml(site *s, const char *tree_path)
{
	char *text;
	size_t len;
	if (source_read(s->src, tree_path, &text, &len) != 0)
		return NULL;
	value *v = yamldoc_load(s->a, tree_path, text, len, 1, s->d);
	free(text);
	return v;
}

static int
load_config(site *s)
{
	const char *file = tree_path_of(s, "site.yaml");
	if (source_find(s->src, file) == NULL) {
		diag_report(s->d, DIAG_ERROR, file, 0, 0,
		            "no site.yaml in %s; a site folder needs one "
		            "(see content/site.yaml in fabrique's example)",
		            *s->root ? s->root : source_describe(s->src));
		return -1;
	}
	value *raw = read_yaml(s, file);
	if (raw == NULL)
		return -1;
	s->sc = schema_load(s->a, theme_schema_doc(s->th), s->d);
	if (s->sc == NULL || schema_extend(s->sc, raw, s->d) != 0)
		return -1;
	s->config = schema_apply(s->sc, "site", raw, NULL, s->a, s->d);
	if (s->config == NULL)
		return -1;
	s->unsafe = value_get_bool(value_path(s->config, "markdown.html_brut"));
	const char *lang = value_get_string(value_get(s->config, "langue"));
	s->french = lang == NULL || strncmp(lang, "fr", 2) == 0;
	return 0;
}

/* "ateliers/x.md" -> "ateliers/x"; "retours/fete/index.md" -> "retours/fete" */
static const char *
page_key(arena *a, const char *rel)
{
	size_t n = strlen(rel);
	if (path_ends_with(rel, "/index.md"))
		return arena_strndup(a, rel, n - 9);
	return arena_strndup(a, rel, n - 3);
}

static void
add_page(site *s, page *p)
{
	if (s->npages == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 256;
		page **np = arena_alloc(s->a, s->cap * sizeof(*np));
		if (s->npages)
			memcpy(np, s->pages, s->npages * sizeof(*np));
		s->pages = np;
	}
	s->pages[s->npages++] = p;
}

static int
load_page(site *s, const char *file, const char *rel, const char *kind)
{
	char *text;
	size_t len;
	if (source_read(s->src, file, &text, &len) != 0)
		return -1;
	page *p = arena_zalloc(s->a, sizeof(*p));
	p->file = file;
	p->path = rel;
	p->kind = kind;
	p->layout = kind;
	p->key = page_key(s->a, rel);
	/* the page owns the file's text (freed once rendered); YAML values
	 * copy what they keep, so nothing else points into it */
	char *body = text;
	p->text = text;
	add_page(s, p);
	fm_parts fm;
	if (fm_split(file, body, len, &fm, s->d) != 0)
		return -1;
	p->raw = fm.has_yaml ? yamldoc_load(s->a, file, body + fm.yaml_off,
	                                    fm.yaml_len, fm.yaml_line, s->d)
	                     : value_map(s->a);
	if (p->raw == NULL)
		return -1;
	if (value_kind_of(p->raw) != VALUE_MAP) {
		diag_at(s->d, DIAG_ERROR, p->raw,
		        "front matter must be a list of 'field: value' lines");
		return -1;
	}
	value_set_pos(p->raw, file, fm.has_yaml ? 1 : 1, 1);
	p->body = body + fm.body_off;
	p->body_len = fm.body_len;
	p->body_line = fm.body_line;
	return 0;
}

static int
add_edition(site *s, const char *file, const char *rel)
{
	const char *base = path_base(rel);
	int year = atoi(base);
	if (strlen(base) != 9 || year < 1900 || year > 9999) {
		diag_report(s->d, DIAG_ERROR, file, 0, 0,
		            "an edition file is named after its year, like "
		            "editions/2026.yaml; got '%s'",
		            base);
		return -1;
	}
	value *raw = read_yaml(s, file);
	if (raw == NULL)
		return -1;
	if (s->neds == s->capeds) {
		s->capeds = s->capeds ? s->capeds * 2 : 8;
		struct edition *ne = arena_alloc(s->a, s->capeds * sizeof(*ne));
		if (s->neds)
			memcpy(ne, s->eds, s->neds * sizeof(*ne));
		s->eds = ne;
	}
	s->eds[s->neds++] = (struct edition){year, file, raw, NULL, NULL};
	return 0;
}

static bool
ignorable(const char *rel)
{
	return strcmp(rel, "README.md") == 0 || strcmp(rel, "LICENSE.md") == 0;
}

/* Reads every file of the site that belongs to a kind. */
static int
scan(site *s)
{
	const source_file *files;
	size_t n;
	int rc = 0;
	if (source_list(s->src, s->root, &files, &n) != 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		const char *rel = path_under(files[i].path, s->root);
		/* theme/ holds the site's template overrides; a site at the
		 * repository's root also holds the repository's themes/. */
		if (rel == NULL || strncmp(rel, "theme/", 6) == 0 ||
		    (*s->root == '\0' && strncmp(rel, "themes/", 7) == 0))
			continue;
		const char *kind = schema_kind_for_path(s->sc, rel);
		if (kind == NULL) {
			if (path_ends_with(rel, ".md") && !ignorable(rel))
				diag_report(s->d, DIAG_WARNING, files[i].path,
				            0, 0,
				            "this file is in no known folder "
				            "(ateliers/, patrimoine/, "
				            "retours/NAME/, pages/): it is not "
				            "published");
			continue;
		}
		if (strcmp(kind, "site") == 0)
			continue;
		if (strcmp(kind, "edition") == 0) {
			if (add_edition(s, files[i].path, rel) != 0)
				rc = -1;
			continue;
		}
		if (load_page(s, files[i].path, rel, kind) != 0)
			rc = -1;
	}
	return rc;
}

/* The slug a page gets from its file: "x.md" -> x, "NAME/index.md" -> NAME */
static const char *
file_slug(site *s, const page *p)
{
	const char *base = path_base(p->key);
	return slugify(s->a, base);
}

static int
assign_slug(site *s, page *p)
{
	value *given = value_get(p->raw, "slug");
	const char *text = value_get_string(given);
	if (text != NULL) {
		if (!slug_is_valid(text)) {
			diag_at(s->d, DIAG_ERROR, given,
			        "slug may only hold lowercase letters (a-z), "
			        "digits and '-', like 'repeindre-le-preau'; "
			        "got '%s'",
			        text);
			return -1;
		}
		p->slug = text;
	} else {
		p->slug = file_slug(s, p);
		if (*p->slug == '\0') {
			diag_report(s->d, DIAG_ERROR, p->file, 0, 0,
			            "no URL can be made from this file name; "
			            "rename it with letters or digits, or set "
			            "'slug'");
			return -1;
		}
	}
	strmap_put(s->by_key, p->key, p);
	return 0;
}

/* Slugs shared by two pages cannot serve as references; mark them. */
static const page ambiguous;

static void
index_slugs(site *s)
{
	for (size_t i = 0; i < s->npages; i++) {
		page *p = s->pages[i];
		if (p->slug == NULL)
			continue;
		page *prev = strmap_put(s->by_slug, p->slug, p);
		if (prev != NULL && prev != p)
			strmap_put(s->by_slug, p->slug, (void *)&ambiguous);
	}
}

static const page *
find_ref(const site *s, const char *ref)
{
	const page *p = strmap_get(s->by_key, ref);
	if (p == NULL)
		p = strmap_get(s->by_slug, ref);
	return p == &ambiguous ? NULL : p;
}

static bool
env_ref(void *ctx, const char *ref, const char **canon)
{
	const page *p = find_ref(ctx, ref);
	if (p != NULL)
		*canon = p->key;
	return p != NULL;
}

static bool
env_file(void *ctx, const char *doc_path, const char *path)
{
	site *s = ctx;
	char *dir = path_dir(s->a, tree_path_of(s, doc_path));
	char *target = path_join(s->a, dir, path);
	return target != NULL && source_find(s->src, target) != NULL;
}

/* The files beside a document (a recap's photos), Markdown excluded. */
static size_t
env_list_files(void *ctx, const char *doc_path, const char *const **names)
{
	site *s = ctx;
	const char *dir = path_dir(s->a, tree_path_of(s, doc_path));
	const source_file *files;
	size_t n, count = 0;
	*names = NULL;
	if (source_list(s->src, dir, &files, &n) != 0)
		return 0;
	const char **out = arena_alloc(s->a, (n + 1) * sizeof(*out));
	for (size_t i = 0; i < n; i++) {
		const char *rel = path_under(files[i].path, dir);
		if (rel != NULL && strchr(rel, '/') == NULL &&
		    !path_ends_with(rel, ".md"))
			out[count++] = rel;
	}
	*names = out;
	return count;
}

static int
validate(site *s)
{
	int rc = 0;
	schema_env env = {.ref_exists = env_ref,
	                  .file_exists = env_file,
	                  .list_files = env_list_files,
	                  .ctx = s};
	for (size_t i = 0; i < s->npages; i++) {
		page *p = s->pages[i];
		env.doc_path = p->path;
		p->meta =
		    schema_apply(s->sc, p->kind, p->raw, &env, s->a, s->d);
		if (p->meta == NULL)
			rc = -1;
	}
	for (size_t i = 0; i < s->neds; i++) {
		struct edition *e = &s->eds[i];
		env.doc_path = path_under(e->file, s->root);
		e->meta =
		    schema_apply(s->sc, "edition", e->raw, &env, s->a, s->d);
		if (e->meta == NULL)
			rc = -1;
	}
	return rc;
}

/* Drafts and pages whose publier_le is still ahead stay out. */
static bool
is_published(const site *s, const page *p)
{
	if (s->opts.drafts)
		return true;
	if (value_get_bool(value_get(p->meta, "brouillon")))
		return false;
	civil_date when;
	const char *at = value_get_string(value_get(p->meta, "publier_le"));
	return at == NULL || !date_parse(at, &when) ||
	       date_cmp(when, date_from_unix(s->opts.now)) <= 0;
}

static int
claim_url(site *s, page *p, const char *url)
{
	p->url = url;
	p->out = arena_printf(s->a, "%sindex.html", url + 1);
	page *other = strmap_put(s->by_url, url, p);
	if (other == NULL)
		return 0;
	strmap_put(s->by_url, url, other);
	const value *at = value_get(p->raw, "slug");
	value_pos pos = at ? value_where(at) : value_where(p->raw);
	diag_report(s->d, DIAG_ERROR, p->file, pos.line, pos.col,
	            "the URL %s is already taken by %s; rename one of the "
	            "files or give it another 'slug'",
	            url, other->file ? other->file : other->kind);
	return -1;
}

static int
assign_urls(site *s)
{
	int rc = 0;
	for (size_t i = 0; i < s->npages; i++) {
		page *p = s->pages[i];
		if (p->draft || p->path == NULL)
			continue;
		const char *slash = strchr(p->path, '/');
		size_t n = slash ? (size_t)(slash - p->path) : 0;
		const char *url = n == 0 || strncmp(p->path, "pages", n) == 0
		                      ? arena_printf(s->a, "/%s/", p->slug)
		                      : arena_printf(s->a, "/%.*s/%s/", (int)n,
		                                     p->path, p->slug);
		if (claim_url(s, p, url) != 0)
			rc = -1;
	}
	return rc;
}

/* Raster images go through the photo pipeline, never copied as they are:
 * their metadata (GPS position, camera serial) must not be published. */
static bool
is_photo(const char *path)
{
	static const char *exts[] = {".jpg",  ".jpeg", ".png",  ".webp",
	                             ".gif",  ".tif",  ".tiff", ".heic",
	                             ".heif", ".avif"};
	const char *dot = strrchr(path_base(path), '.');
	for (size_t i = 0; dot != NULL && i < sizeof(exts) / sizeof(*exts); i++)
		if (strcasecmp(dot, exts[i]) == 0)
			return true;
	return false;
}

/* Called with s->lock held, or before rendering starts. */
static struct image *
image_for(site *s, const char *target)
{
	struct image *im = strmap_get(s->image_by_tree, target);
	if (im != NULL)
		return im;
	const source_file *sf = source_find(s->src, target);
	if (sf == NULL)
		return NULL;
	im = arena_zalloc(s->a, sizeof(*im));
	im->tree = arena_strdup(s->a, target);
	im->id = sf->id;
	const char *rel = path_under(target, s->root);
	const char *out = rel ? rel : arena_printf(s->a, "fichiers/%s", target);
	const char *dot = strrchr(path_base(out), '.');
	im->out_base = arena_strndup(s->a, out, (size_t)(dot - out));
	if (s->nimages == s->capimages) {
		s->capimages = s->capimages ? s->capimages * 2 : 64;
		s->images =
		    xrealloc(s->images, s->capimages * sizeof(*s->images));
	}
	s->images[s->nimages++] = im;
	strmap_put(s->image_by_tree, im->tree, im);
	return im;
}

static bool
view_publish_image(void *ctx, const char *doc_file, const char *path,
                   value *target, const char *prefix)
{
	site *s = ctx;
	char *tree = path_join(s->a, path_dir(s->a, doc_file), path);
	struct image *im = tree && is_photo(tree) ? image_for(s, tree) : NULL;
	if (im == NULL)
		return false;
	if (im->ntargets == im->cap) {
		im->cap = im->cap ? im->cap * 2 : 4;
		struct target *nt = arena_alloc(s->a, im->cap * sizeof(*nt));
		if (im->ntargets)
			memcpy(nt, im->targets, im->ntargets * sizeof(*nt));
		im->targets = nt;
	}
	im->targets[im->ntargets++] = (struct target){target, prefix};
	return true;
}

/* A photo linked from Markdown: the largest processed variant when the
 * page model already queued it, else the whole photo, made after the
 * pages (photos_linked()). */
static const char *
link_photo_locked(site *s, const char *target)
{
	struct image *im = image_for(s, target);
	if (im == NULL)
		return NULL;
	if (im->src == NULL) {
		im->linked = true;
		im->src = arena_printf(s->a, "/%s.jpg", im->out_base);
	}
	return im->src;
}

/* Called with s->lock held: the registry and s->a are shared. */
static const char *
publish_locked(site *s, const char *target)
{
	struct pubfile *known = strmap_get(s->published, target);
	if (known != NULL)
		return known->out;
	if (is_photo(target))
		return link_photo_locked(s, target);
	if (source_find(s->src, target) == NULL)
		return NULL;
	const char *rel = path_under(target, s->root);
	const char *out = rel ? arena_strdup(s->a, rel)
	                      : arena_printf(s->a, "fichiers/%s", target);
	if (s->nfiles == s->capfiles) {
		s->capfiles = s->capfiles ? s->capfiles * 2 : 64;
		s->files = xrealloc(s->files, s->capfiles * sizeof(*s->files));
	}
	struct pubfile *f = arena_alloc(s->a, sizeof(*f));
	f->tree = arena_strdup(s->a, target);
	f->out = arena_printf(s->a, "/%s", out);
	s->files[s->nfiles++] = *f;
	strmap_put(s->published, f->tree, f);
	return f->out;
}

static const char *
publish(site *s, const char *doc_file, const char *path, arena *a)
{
	char *target = path_join(a, path_dir(a, doc_file), path);
	if (target == NULL)
		return NULL;
	pthread_mutex_lock(&s->lock);
	const char *url = publish_locked(s, target);
	pthread_mutex_unlock(&s->lock);
	return url;
}

static const char *
view_publish(void *ctx, const char *doc_file, const char *path)
{
	site *s = ctx;
	return publish(s, doc_file, path, s->a);
}

/* Decodes %XX escapes so "plan%20du%20bourg.pdf" finds its file. */
static char *
percent_decode(arena *a, const char *s, size_t n)
{
	char *out = arena_alloc(a, n + 1), *o = out;
	for (size_t i = 0; i < n; i++) {
		unsigned v;
		if (s[i] == '%' && i + 2 < n &&
		    sscanf(s + i + 1, "%2x", &v) == 1 && v != 0) {
			*o++ = (char)v;
			i += 2;
		} else
			*o++ = s[i];
	}
	*o = '\0';
	return out;
}

static const page *
page_for_target(const site *s, const char *target, arena *a)
{
	const char *rel = path_under(target, s->root);
	if (rel == NULL)
		return NULL;
	if (path_ends_with(rel, ".md"))
		return strmap_get(s->by_key, page_key(a, rel));
	return strmap_get(s->by_key, rel); /* "../ateliers/preau" */
}

const char *
site_resolve_link(site *s, const page *from, const char *dest, unsigned line,
                  unsigned col, arena *a, diag *d)
{
	size_t n = strcspn(dest, "#?");
	if (n == 0)
		return dest;
	const char *suffix = dest + n;
	char *path = percent_decode(a, dest, n);
	char *target = path_join(a, path_dir(a, from->file), path);
	if (target == NULL) {
		diag_report(d, DIAG_ERROR, from->file, line, col,
		            "the link '%s' leads outside the repository; link "
		            "to a file of the site instead",
		            dest);
		return NULL;
	}
	const page *p = page_for_target(s, target, a);
	if (p != NULL && p->url != NULL)
		return arena_printf(a, "%s%s", p->url, suffix);
	if (p != NULL) {
		diag_report(d, DIAG_ERROR, from->file, line, col,
		            "the link '%s' points to a draft or a page not yet "
		            "published; publish it or remove the link",
		            dest);
		return NULL;
	}
	pthread_mutex_lock(&s->lock);
	const char *url =
	    path_ends_with(target, ".md") ? NULL : publish_locked(s, target);
	pthread_mutex_unlock(&s->lock);
	if (url != NULL)
		return arena_printf(a, "%s%s", url, suffix);
	diag_report(d, DIAG_ERROR, from->file, line, col,
	            "the link '%s' points to %s, which does not exist; check "
	            "the file name (links are relative to this file)",
	            dest, target);
	return NULL;
}

static view_env
make_env(site *s)
{
	view_env e = {.a = s->a,
	              .i18n = theme_i18n(s->th),
	              .config = s->config,
	              .publish = view_publish,
	              .publish_image = view_publish_image,
	              .ctx = s,
	              .history = s->history};
	return e;
}

static struct edition *
find_edition(site *s, int year)
{
	for (size_t i = 0; i < s->neds; i++)
		if (s->eds[i].year == year)
			return &s->eds[i];
	return NULL;
}

/* The current edition: site.yaml's edition_courante, else the latest. */
static int
pick_edition(site *s)
{
	for (size_t i = 0; i < s->neds; i++)
		if (s->current == NULL || s->eds[i].year > s->current->year)
			s->current = &s->eds[i];
	const value *cur = value_get(s->config, "edition_courante");
	if (cur == NULL)
		return 0;
	s->current = find_edition(s, (int)value_get_number(cur));
	if (s->current != NULL)
		return 0;
	diag_at(s->d, DIAG_ERROR, cur,
	        "edition_courante names an edition with no file; expected "
	        "editions/%d.yaml",
	        (int)value_get_number(cur));
	return -1;
}

/* An atelier belongs to an edition: its own field, the year of its date,
 * or the current edition; its date defaults to that edition's. */
static void
place_in_edition(site *s, page *p)
{
	const value *ed = value_get(p->meta, "edition");
	const char *date = value_get_string(value_get(p->meta, "date"));
	int year = ed           ? (int)value_get_number(ed)
	           : date       ? atoi(date)
	           : s->current ? s->current->year
	                        : 0;
	value_set_int(s->a, p->view, "edition", year);
	struct edition *edn = find_edition(s, year);
	if (date != NULL || edn == NULL)
		return;
	const value *edate = value_get(edn->meta, "date");
	value_set(s->a, p->view, "date", (value *)edate);
	value_set(s->a, p->view, "date_texte",
	          value_get(edn->view, "date_texte"));
}

static void
build_views(site *s)
{
	view_env e = make_env(s);
	for (size_t i = 0; i < s->neds; i++) {
		struct edition *ed = &s->eds[i];
		ed->view =
		    view_edition(&e, ed->meta, ed->year,
		                 arena_printf(s->a, "/editions/%d/", ed->year));
	}
	s->view = view_site(&e);
	s->edition_view = s->current ? s->current->view : NULL;
	for (size_t i = 0; i < s->npages; i++) {
		page *p = s->pages[i];
		if (p->draft || p->path == NULL)
			continue;
		p->view =
		    view_page(&e, p->meta, p->kind, p->file, p->url, p->key);
		if (strcmp(p->kind, "atelier") == 0)
			place_in_edition(s, p);
	}
}

static void
push_to(site *s, value *view, const char *field, value *item)
{
	value *list = value_get(view, field);
	if (value_kind_of(list) != VALUE_LIST) {
		list = value_list(s->a);
		value_set(s->a, view, field, list);
	}
	value_push(s->a, list, item);
}

/*
 * Stories and recaps name their workshops; the workshops list them back.
 * The views then refer to each other: templates only go as deep as they
 * ask, so the cycle is harmless, but nothing may walk a view blindly.
 */
static void
link_views(site *s)
{
	for (size_t i = 0; i < s->npages; i++) {
		page *p = s->pages[i];
		const value *refs = value_get(p->meta, "ateliers");
		if (p->draft || value_kind_of(refs) != VALUE_LIST)
			continue;
		const char *back =
		    strcmp(p->kind, "retour") == 0 ? "retours" : "histoires";
		value *targets = value_list(s->a);
		for (size_t r = 0; r < value_len(refs); r++) {
			const char *key = value_get_string(value_at(refs, r));
			page *t = key ? strmap_get(s->by_key, key) : NULL;
			if (t == NULL || t->draft || t->view == NULL)
				continue;
			value_push(s->a, targets, t->view);
			push_to(s, t->view, back, p->view);
		}
		value_set(s->a, p->view, "ateliers", targets);
	}
}

/* ---- Generated pages ------------------------------------------------ */

static page *
gen_page(site *s, const char *role, const char *url, const char *title)
{
	page *p = arena_zalloc(s->a, sizeof(*p));
	p->kind = role;
	p->layout = role;
	p->key = url;
	p->view = value_map(s->a);
	if (claim_url(s, p, url) != 0)
		return NULL;
	value_set_str(s->a, p->view, "titre", title);
	value_set_str(s->a, p->view, "url", url);
	value_set_str(s->a, p->view, "type", role);
	value_set_bool(s->a, p->view, role, true);
	add_page(s, p);
	return p;
}

struct sortable {
	char *key;
	value *view;
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
sort_key(site *s, const value *v)
{
	buf b = BUF_INIT;
	const char *parts[] = {"date", "debut", "titre"};
	for (size_t i = 0; i < 3; i++) {
		const char *t = value_get_string(value_get(v, parts[i]));
		slug_fold(t ? t : "", &b);
		buf_putc(&b, '\x01');
	}
	char *k = arena_strndup(s->a, buf_cstr(&b), b.len);
	buf_free(&b);
	return k;
}

/* Sorts the published content pages once; every list is then a filter
 * of this order, so no list page sorts again. */
static void
sort_pages(site *s)
{
	struct sortable *items = xmalloc((s->npages + 1) * sizeof(*items));
	size_t n = 0;
	for (size_t i = 0; i < s->npages; i++) {
		page *p = s->pages[i];
		if (p->path != NULL && !p->draft)
			items[n++] =
			    (struct sortable){sort_key(s, p->view), (value *)p};
	}
	qsort(items, n, sizeof(*items), cmp_sortable);
	s->sorted = arena_alloc(s->a, (n + 1) * sizeof(*s->sorted));
	for (size_t i = 0; i < n; i++)
		s->sorted[i] = (page *)items[i].view;
	s->nsorted = n;
	free(items);
}

typedef bool (*page_filter)(const page *p, const void *arg);

static value *
select_views(site *s, page_filter keep, const void *arg)
{
	value *list = value_list(s->a);
	for (size_t i = 0; i < s->nsorted; i++)
		if (keep(s->sorted[i], arg))
			value_push(s->a, list, s->sorted[i]->view);
	return list;
}

/* One pass files every page under each of its tags. */
static void
bucket_tags(site *s)
{
	s->by_tag = strmap_new(s->a);
	for (size_t i = 0; i < s->nsorted; i++) {
		const value *tags = value_get(s->sorted[i]->view, "tags");
		for (size_t t = 0; t < value_len(tags); t++) {
			const char *id = value_get_string(
			    value_get(value_at(tags, t), "id"));
			value *list = id ? strmap_get(s->by_tag, id) : NULL;
			if (id != NULL && list == NULL) {
				list = value_list(s->a);
				strmap_put(s->by_tag, id, list);
			}
			if (list != NULL)
				value_push(s->a, list, s->sorted[i]->view);
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

static const char *
title_of(site *s, const char *what, const char *fallback)
{
	view_env e = make_env(s);
	return view_text(&e, arena_printf(s->a, "titres.%s", what), fallback);
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
		page *p =
		    gen_page(s, role, arena_printf(s->a, "/%s/%s/", list, id),
		             nom ? nom : id);
		if (p != NULL)
			value_set_str(s->a, p->view, "id", id);
	}
}

static void
reserve_tags(site *s)
{
	strmap *seen = strmap_new(s->a);
	for (size_t i = 0; i < s->npages; i++) {
		const value *tags = value_get(s->pages[i]->meta, "tags");
		for (size_t t = 0; !s->pages[i]->draft && t < value_len(tags);
		     t++) {
			const char *name = value_get_string(value_at(tags, t));
			const char *slug = name ? slugify(s->a, name) : "";
			if (*slug == '\0' ||
			    strmap_put(seen, slug, (void *)name))
				continue;
			page *p = gen_page(
			    s, "tag", arena_printf(s->a, "/tags/%s/", slug),
			    name);
			if (p != NULL)
				value_set_str(s->a, p->view, "id", slug);
		}
	}
}

/* Generated URLs are claimed before content ones, so a page that takes
 * /programme/ is the one told about the conflict. */
static void
reserve_generated(site *s)
{
	page *home =
	    gen_page(s, "accueil", "/", title_of(s, "accueil", "Accueil"));
	(void)home;
	gen_page(s, "programme", "/programme/",
	         title_of(s, "programme", "Programme"));
	static const char *sections[] = {"ateliers", "patrimoine", "retours"};
	for (size_t i = 0; i < 3; i++) {
		page *p = gen_page(s, "liste",
		                   arena_printf(s->a, "/%s/", sections[i]),
		                   title_of(s, sections[i], sections[i]));
		if (p != NULL)
			value_set_str(s->a, p->view, "id", sections[i]);
	}
	for (size_t i = 0; i < s->neds; i++) {
		page *p = gen_page(
		    s, "edition",
		    arena_printf(s->a, "/editions/%d/", s->eds[i].year),
		    arena_printf(s->a, "%s %d",
		                 title_of(s, "edition", "Édition"),
		                 s->eds[i].year));
		if (p != NULL)
			value_set_int(s->a, p->view, "annee", s->eds[i].year);
	}
	reserve_terms(s, "categories", "categorie");
	reserve_terms(s, "quartiers", "quartier");
	reserve_tags(s);
	/* The search page and the offline fallback (offline.h) exist only
	 * when the theme has their templates. */
	if (mst_set_has(theme_templates(s->th), "recherche"))
		gen_page(s, "recherche", "/recherche/",
		         title_of(s, "recherche", "Rechercher"));
	if (mst_set_has(theme_templates(s->th), "hors-ligne"))
		gen_page(s, "hors-ligne", "/hors-ligne/",
		         title_of(s, "hors_ligne", "Hors ligne"));
	page *nf =
	    gen_page(s, "404", "/404/", title_of(s, "404", "Page introuvable"));
	if (nf != NULL)
		nf->out = "404.html";
}

static value *
group(site *s, const char *id, const char *title, value *items)
{
	value *g = value_map(s->a);
	value_set_str(s->a, g, "id", id);
	value_set_str(s->a, g, "titre", title);
	value_set(s->a, g, "ateliers", items);
	value_set_int(s->a, g, "nombre", (long)value_len(items));
	return g;
}

/* Splits a sorted list of workshops by the value of one view field. */
static value *
split_by(site *s, const value *ateliers, const char *field, const char *list)
{
	view_env e = make_env(s);
	value *groups = value_list(s->a);
	const value *ids = value_get(s->config, list);
	for (size_t i = 0; i < value_len(ids); i++) {
		const char *id =
		    value_get_string(value_get(value_at(ids, i), "id"));
		value *items = value_list(s->a);
		for (size_t k = 0; id != NULL && k < value_len(ateliers); k++) {
			const value *a = value_at(ateliers, k);
			const char *v = value_get_string(value_path(a, field));
			if (v != NULL && strcmp(v, id) == 0)
				value_push(s->a, items, (value *)a);
		}
		if (value_len(items) == 0)
			continue;
		value *g = view_term(&e, list, id);
		value_set(s->a, g, "ateliers", items);
		value_set_int(s->a, g, "nombre", (long)value_len(items));
		value_push(s->a, groups, g);
	}
	return groups;
}

/* The current edition's programme: by time of day, category, quartier. */
static value *
programme(site *s)
{
	int year = s->current ? s->current->year : 0;
	view_env e = make_env(s);
	value *all = select_views(s, edition_is, &year);
	value *prog = value_map(s->a);
	static const char *moments[] = {"matin", "apres-midi", "journee"};
	value *groups = value_list(s->a);
	long volunteers = 0;
	for (size_t m = 0; m < 3; m++) {
		value *items = value_list(s->a);
		for (size_t i = 0; i < value_len(all); i++) {
			value *a = value_at(all, i);
			if (m == 0)
				volunteers += (long)value_get_number(
				    value_get(a, "benevoles"));
			if (strcmp(value_get_string(value_get(a, "moment")),
			           moments[m]) == 0)
				value_push(s->a, items, a);
		}
		if (value_len(items) > 0)
			value_push(
			    s->a, groups,
			    group(s, moments[m],
			          view_text(&e,
			                    arena_printf(s->a, "moments.%s",
			                                 moments[m]),
			                    moments[m]),
			          items));
	}
	value_set(s->a, prog, "ateliers", all);
	value_set(s->a, prog, "groupes", groups);
	value_set(s->a, prog, "par_categorie",
	          split_by(s, all, "categorie.id", "categories"));
	value_set(s->a, prog, "par_quartier",
	          split_by(s, all, "quartier.id", "quartiers"));
	value_set_int(s->a, prog, "nombre", (long)value_len(all));
	value_set_int(s->a, prog, "benevoles", volunteers);
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
list_group(site *s, const char *id, const char *title, int year, value *items)
{
	value *g = value_map(s->a);
	value_set_str(s->a, g, "id", id);
	value_set_str(s->a, g, "titre", title);
	if (year > 0)
		value_set_int(s->a, g, "annee", year);
	value_set(s->a, g, "pages", items);
	value_set_int(s->a, g, "nombre", (long)value_len(items));
	return g;
}

/*
 * A list page's pages by edition, newest first, the year in each group's
 * title; pages of no edition (stories, free pages) follow, one group per
 * section.  Templates give each group a heading, so the cards' h3 always
 * follow an h2 (RGAA 9.1).
 */
static value *
by_edition(site *s, const value *pages)
{
	size_t n = value_len(pages), ny = 0;
	int *years = xmalloc((n + 1) * sizeof(*years));
	for (size_t i = 0; i < n; i++) {
		int y = year_of(value_at(pages, i));
		bool seen = y == 0;
		for (size_t k = 0; k < ny && !seen; k++)
			seen = years[k] == y;
		if (!seen)
			years[ny++] = y;
	}
	qsort(years, ny, sizeof(*years), cmp_year_desc);
	value *groups = value_list(s->a);
	const char *ed = title_of(s, "edition", "Édition");
	for (size_t k = 0; k < ny; k++) {
		value *items = value_list(s->a);
		for (size_t i = 0; i < n; i++)
			if (year_of(value_at(pages, i)) == years[k])
				value_push(s->a, items, value_at(pages, i));
		value_push(s->a, groups,
		           list_group(s, arena_printf(s->a, "%d", years[k]),
		                      arena_printf(s->a, "%s %d", ed, years[k]),
		                      years[k], items));
	}
	free(years);
	static const char *rest[][2] = {{"histoire", "patrimoine"},
	                                {"retour", "retours"},
	                                {"page", "pages"}};
	for (size_t r = 0; r < 3; r++) {
		value *items = value_list(s->a);
		for (size_t i = 0; i < n; i++) {
			const value *v = value_at(pages, i);
			const char *t = value_get_string(value_get(v, "type"));
			if (year_of(v) == 0 && t && strcmp(t, rest[r][0]) == 0)
				value_push(s->a, items, (value *)v);
		}
		if (value_len(items) > 0)
			value_push(
			    s->a, groups,
			    list_group(s, rest[r][1],
			               title_of(s, rest[r][1], rest[r][1]), 0,
			               items));
	}
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

static void
fill_page(site *s, page *p, value *prog)
{
	const char *id = value_get_string(value_get(p->view, "id"));
	struct field_match m = {NULL, NULL, id};
	if (strcmp(p->kind, "accueil") == 0 ||
	    strcmp(p->kind, "programme") == 0) {
		value_set(s->a, p->view, "programme", prog);
		value_set(s->a, p->view, "histoires",
		          select_views(s, of_kind, "histoire"));
		value_set(s->a, p->view, "retours",
		          select_views(s, of_kind, "retour"));
	} else if (strcmp(p->kind, "liste") == 0) {
		static const char *kinds[][2] = {{"ateliers", "atelier"},
		                                 {"patrimoine", "histoire"},
		                                 {"retours", "retour"}};
		for (size_t i = 0; i < 3; i++)
			if (strcmp(id, kinds[i][0]) == 0)
				value_set(
				    s->a, p->view, "pages",
				    select_views(s, of_kind, kinds[i][1]));
	} else if (strcmp(p->kind, "edition") == 0) {
		int year = (int)value_get_number(value_get(p->view, "annee"));
		struct edition *ed = find_edition(s, year);
		value_set(s->a, p->view, "edition", ed ? ed->view : NULL);
		value_set(s->a, p->view, "pages",
		          select_views(s, edition_is, &year));
		m.kind = "retour", m.field = "edition";
		m.value = arena_printf(s->a, "%d", year);
		value_set(s->a, p->view, "retours",
		          select_views(s, field_is, &m));
	} else if (strcmp(p->kind, "categorie") == 0 ||
	           strcmp(p->kind, "quartier") == 0) {
		m.field = p->kind;
		value_set(s->a, p->view, "pages", select_views(s, in_term, &m));
	} else if (strcmp(p->kind, "tag") == 0) {
		value *list = strmap_get(s->by_tag, id);
		value_set(s->a, p->view, "pages",
		          list ? list : value_list(s->a));
	}
	const value *pages = value_get(p->view, "pages");
	if (strcmp(p->kind, "edition") != 0 && pages != NULL)
		value_set(s->a, p->view, "groupes", by_edition(s, pages));
}

static void
fill_generated(site *s)
{
	sort_pages(s);
	bucket_tags(s);
	value *prog = programme(s);
	for (size_t i = 0; i < s->npages; i++)
		if (s->pages[i]->path == NULL)
			fill_page(s, s->pages[i], prog);
}

/*
 * Pages left out of this build leave the page list, so nothing renders
 * them; the indexes keep them, so a link to one says it is a draft
 * rather than that it does not exist.
 */
static void
mark_drafts(site *s)
{
	size_t kept = 0;
	for (size_t i = 0; i < s->npages; i++) {
		page *p = s->pages[i];
		p->draft = !is_published(s, p);
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

/* Dates and authors of every page, for a git source: one walk. */
static int
load_history(site *s)
{
	struct git_repository *repo = source_repo(s->src);
	if (repo == NULL)
		return 0;
	s->history = history_walk(repo, source_commit(s->src), s->root, s->d);
	return s->history != NULL ? 0 : -1;
}

/* ---- What the default theme shows beyond the fields ----------------- */

/* The accessibility statement (pages/accessibilite.md, or the page with
 * slug accessibilite) and the status it declares, for every footer.
 * Without a statement, the law counts the site as not conforming. */
static void
add_conformance(site *s, view_env *e)
{
	const page *p = strmap_get(s->by_key, "pages/accessibilite");
	if (p == NULL || p->draft)
		p = find_ref(s, "accessibilite");
	if (p != NULL && (p->draft || p->url == NULL))
		p = NULL;
	const char *state =
	    value_get_string(value_path(s->config, "accessibilite.etat"));
	if (state == NULL && p != NULL)
		state = details_conformance(p->body, p->body_len);
	if (state == NULL)
		state = "non-conforme";
	value *a11y = value_map(s->a);
	value_set_str(s->a, a11y, "etat", state);
	value_set_str(
	    s->a, a11y, "etat_texte",
	    view_text(e, arena_printf(s->a, "conformite.%s", state), state));
	if (p != NULL)
		value_set_str(s->a, a11y, "url", p->url);
	value_set(s->a, s->view, "accessibilite", a11y);
}

static void
add_site_look(site *s, view_env *e)
{
	const value *colours = value_get(theme_config(s->th), "couleurs");
	value_set(s->a, s->view, "couleurs_theme",
	          contrast_site_colours(s->a, value_get(s->config, "couleurs"),
	                                colours, s->d));
	const char *logo = value_get_string(value_get(s->config, "logo"));
	const char *url =
	    logo ? e->publish(e->ctx, tree_path_of(s, "site.yaml"), logo)
	         : NULL;
	if (url != NULL)
		value_set_str(s->a, s->view, "logo_url", url);
	add_conformance(s, e);
}

static void
add_jsonld(site *s, view_env *e, page *p)
{
	int year = (int)value_get_number(value_get(p->view, "edition"));
	struct edition *ed = find_edition(s, year);
	const char *day = arena_printf(
	    s->a, "%s %d – %s", view_text(e, "titres.edition", "Journée"), year,
	    value_get_string(value_path(s->config, "commune.nom")));
	value_set_str(
	    s->a, p->view, "jsonld",
	    jsonld_event(s->a, p->view, ed ? ed->view : NULL, s->view, day));
}

/* The home page's highlights: the (at most 3) open workshops of the
 * programme that want the most volunteers. */
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
			const char *st =
			    value_get_string(value_get(a, "statut"));
			long want =
			    (long)value_get_number(value_get(a, "benevoles"));
			bool open = st == NULL || strcmp(st, "confirme") == 0 ||
			            strcmp(st, "propose") == 0;
			if (!taken[i] && open && want > best)
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

static void
add_theme_data(site *s)
{
	view_env e = make_env(s);
	add_site_look(s, &e);
	const char *base = value_get_string(value_get(s->view, "url"));
	for (size_t i = 0; i < s->npages; i++) {
		page *p = s->pages[i];
		if (p->draft || p->view == NULL)
			continue;
		if (strcmp(p->kind, "atelier") == 0 && p->path != NULL)
			add_jsonld(s, &e, p);
		else if (strcmp(p->kind, "accueil") == 0) {
			const value *prog = value_get(p->view, "programme");
			value_set(s->a, p->view, "a_la_une",
			          highlights(s, value_get(prog, "ateliers")));
			value_set(s->a, p->view, "dernier_retour",
			          latest_recap(s));
		} else if (strcmp(p->kind, "programme") == 0 && base != NULL) {
			const char *url =
			    arena_printf(s->a, "%s%s", base, p->url);
			const char *label = arena_printf(
			    s->a, "%s %s",
			    view_text(&e, "libelles.qr_code", "QR code :"),
			    url);
			char *svg = qr_svg(s->a, url, label);
			if (svg != NULL) {
				value_set_str(s->a, p->view, "qr_svg", svg);
				value_set_str(s->a, p->view, "qr_url", url);
			}
		}
	}
}

/*
 * alias: old addresses of a page (say a renamed workshop) get a small
 * redirecting page, so links printed on last year's leaflet still work.
 */
static int
add_alias(site *s, page *target, const value *alias)
{
	const char *url = value_get_string(alias);
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
	page *p = gen_page(s, "redirection", url,
	                   value_get_string(value_get(target->meta, "titre")));
	if (p == NULL)
		return -1;
	p->file = target->file;
	p->out = out;
	value_set_str(s->a, p->view, "cible", target->url);
	return 0;
}

static int
add_aliases(site *s)
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
crumb(site *s, const char *title, const char *url)
{
	value *c = value_map(s->a);
	value_set_str(s->a, c, "titre", title);
	if (url != NULL)
		value_set_str(s->a, c, "url", url);
	else /* not the page's own url, found in an enclosing context */
		value_set_bool(s->a, c, "url", false);
	return c;
}

/* Home > section > page: the section is the page's first folder, unless
 * it is a free page (pages/), which hangs from the home page; category,
 * quartier and tag pages hang from the programme. */
static void
add_breadcrumbs(site *s, page *p)
{
	value *list = value_list(s->a);
	value_push(s->a, list,
	           crumb(s, title_of(s, "accueil", "Accueil"), "/"));
	const char *slash = p->path ? strchr(p->path, '/') : NULL;
	if (slash != NULL && strncmp(p->path, "pages/", 6) != 0) {
		const char *section =
		    arena_strndup(s->a, p->path, (size_t)(slash - p->path));
		value_push(s->a, list,
		           crumb(s, title_of(s, section, section),
		                 arena_printf(s->a, "/%s/", section)));
	}
	if (strcmp(p->kind, "categorie") == 0 ||
	    strcmp(p->kind, "quartier") == 0 || strcmp(p->kind, "tag") == 0)
		value_push(s->a, list,
		           crumb(s, title_of(s, "programme", "Programme"),
		                 "/programme/"));
	if (strcmp(p->url, "/") != 0)
		value_push(s->a, list,
		           crumb(s,
		                 value_get_string(value_get(p->view, "titre")),
		                 NULL));
	value_set(s->a, p->view, "fil_ariane", list);
}

/* Previous and next page of the same kind, in programme order. */
static void
add_navigation(site *s)
{
	for (size_t i = 0; i < s->npages; i++)
		if (s->pages[i]->view != NULL && !s->pages[i]->draft)
			add_breadcrumbs(s, s->pages[i]);
	for (size_t i = 0; i < s->nsorted; i++) {
		page *p = s->sorted[i];
		for (size_t k = i + 1; k < s->nsorted; k++)
			if (strcmp(s->sorted[k]->kind, p->kind) == 0) {
				value_set(s->a, p->view, "suivant",
				          s->sorted[k]->view);
				value_set(s->a, s->sorted[k]->view, "precedent",
				          p->view);
				break;
			}
	}
}

static site *
site_new(source *src, theme *th, const site_opts *o, arena *a, diag *d)
{
	site *s = arena_zalloc(a, sizeof(*s));
	s->a = a;
	s->src = src;
	s->th = th;
	s->opts = *o;
	s->d = d;
	s->root = source_site_path(src);
	s->by_key = strmap_new(a);
	s->by_slug = strmap_new(a);
	s->by_url = strmap_new(a);
	s->published = strmap_new(a);
	s->image_by_tree = strmap_new(a);
	pthread_mutex_init(&s->lock, NULL);
	return s;
}

site *
site_load(source *src, theme *th, const site_opts *o, arena *a, diag *d)
{
	site *s = site_new(src, th, o, a, d);
	int rc = load_config(s);
	if (rc == 0)
		rc = scan(s);
	for (size_t i = 0; rc == 0 && i < s->npages; i++)
		if (assign_slug(s, s->pages[i]) != 0)
			rc = -1;
	if (rc == 0) {
		index_slugs(s);
		rc = validate(s);
	}
	if (rc == 0)
		rc = pick_edition(s);
	if (rc == 0) {
		mark_drafts(s);
		reserve_generated(s);
		rc = assign_urls(s);
	}
	if (rc == 0)
		rc = add_aliases(s);
	if (rc != 0 || diag_count(d, DIAG_ERROR) > 0) {
		site_free(s);
		return NULL;
	}
	if (load_history(s) != 0) {
		site_free(s);
		return NULL;
	}
	build_views(s);
	link_views(s);
	fill_generated(s);
	add_navigation(s);
	add_theme_data(s);
	return s;
}

void
site_free(site *s)
{
	if (s == NULL)
		return;
	pthread_mutex_destroy(&s->lock);
	history_free(s->history);
	s->history = NULL;
	free(s->files);
	s->files = NULL;
	free(s->images);
	s->images = NULL;
	for (size_t i = 0; i < s->npages; i++) {
		free(s->pages[i]->plain);
		s->pages[i]->plain = NULL;
		free(s->pages[i]->text);
		s->pages[i]->text = NULL;
	}
}

size_t
site_page_count(const site *s)
{
	return s->npages;
}
const value *
site_view(const site *s)
{
	return s->view;
}
const value *
site_edition(const site *s)
{
	return s->edition_view;
}
bool
site_unsafe_html(const site *s)
{
	return s->unsafe;
}
bool
site_french(const site *s)
{
	return s->french;
}

const page *
site_page(const site *s, size_t i)
{
	return i < s->npages ? s->pages[i] : NULL;
}

size_t
site_file_count(site *s)
{
	return s->nfiles;
}

void
site_file(site *s, size_t i, const char **tree_path, const char **out_path)
{
	*tree_path = s->files[i].tree;
	*out_path = s->files[i].out + 1;
}

size_t
site_image_count(const site *s)
{
	return s->nimages;
}

void
site_image(const site *s, size_t i, const char **tree, const char **blob_id,
           const char **out_base, bool *linked)
{
	const struct image *im = s->images[i];
	*tree = im->tree;
	*blob_id = im->id;
	*out_base = im->out_base;
	*linked = im->linked;
}

void
site_image_fill(site *s, size_t i, const value *fields)
{
	struct image *im = s->images[i];
	for (size_t k = 0; k < value_len(fields); k++) {
		/* copied: fields belong to the caller */
		const value *f = value_val_at(fields, k);
		value *v = value_kind_of(f) == VALUE_NUMBER
		               ? value_number(s->a, value_get_number(f))
		               : value_string(s->a, value_get_string(f)
		                                        ? value_get_string(f)
		                                        : "");
		for (size_t t = 0; t < im->ntargets; t++) {
			const struct target *tg = &im->targets[t];
			value_set(s->a, tg->v,
			          arena_printf(s->a, "%s%s", tg->prefix,
			                       value_key_at(fields, k)),
			          v);
		}
	}
	const char *src = value_get_string(value_get(fields, "url"));
	if (src != NULL && !im->linked)
		im->src = arena_strdup(s->a, src);
}

void
site_set_plain(site *s, size_t i, char *text, size_t len)
{
	page *p = s->pages[i];
	free(p->plain);
	p->plain = text;
	p->plain_len = len;
}

void
site_plain_text(const page *p, buf *out)
{
	if (p->plain != NULL)
		buf_put(out, p->plain, p->plain_len);
	else if (p->body != NULL)
		md_plain_text(p->body, p->body_len, out);
}

void
site_release_body(site *s, size_t i)
{
	page *p = s->pages[i];
	free(p->text);
	p->text = NULL;
	p->body = NULL;
}

bool
page_has_body(const page *p)
{
	return p->body != NULL || p->plain != NULL;
}
