/*
 * site.c - loading the site model: site.yaml, every content file, its
 * validation against the schema, editions, the views; and the accessors.
 * Reading and parsing the pages (cache, threads) is in site_load.c;
 * slugs and URLs are in site_url.c, the publish registry and links in
 * site_link.c, generated pages in site_gen.c, the default theme's extras
 * in site_theme.c.
 */
#include "site.h"

#include <fcntl.h>
#include <stdint.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "buf.h"
#include "frontmatter.h"
#include "fsutil.h"
#include "geo.h"
#include "markdown.h"
#include "date.h"
#include "msgcat.h"
#include "path.h"
#include "placeholder.h"
#include "scratch.h"
#include "details.h"
#include "signup.h"
#include "url.h"
#include "urlbase.h"
#include "utf8.h"
#include "xalloc.h"
#include "site_int.h"
#include "yamldoc.h"

const char *
site_tree_path_of(site *s, const char *rel)
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

/* The path from the current folder to abs (both absolute, without
 * "." or ".."; abs may end in '/'), "." for the same folder; NULL if the
 * current folder is unknown. */
static const char *
from_cwd(arena *a, const char *abs)
{
	char *cwd = getcwd(NULL, 0);
	if (cwd == NULL)
		return NULL;
	size_t i = 0, common = 0;
	while (cwd[i] != '\0' && cwd[i] == abs[i]) {
		i++;
		if (abs[i] == '/' || abs[i] == '\0')
			if (cwd[i] == '/' || cwd[i] == '\0')
				common = i;
	}
	buf b = BUF_INIT;
	for (const char *p = cwd + common; *p != '\0'; p++)
		if (*p == '/')
			buf_puts(&b, b.len ? "/.." : "..");
	const char *rest = abs + common;
	while (*rest == '/')
		rest++;
	size_t rlen = strlen(rest);
	while (rlen > 0 && rest[rlen - 1] == '/')
		rlen--;
	if (rlen > 0)
		buf_printf(&b, "%s%.*s", b.len ? "/" : "", (int)rlen, rest);
	const char *out = arena_strdup(a, b.len ? buf_cstr(&b) : ".");
	buf_free(&b);
	free(cwd);
	return out;
}

static size_t
depth(const char *path)
{
	size_t n = *path != '\0';
	for (; *path; path++)
		n += *path == '/';
	return n;
}

/* site.yaml's path in the source's tree. */
static const char *
config_path(source *src, arena *a)
{
	const char *root = source_site_path(src);
	return *root ? arena_printf(a, "%s/site.yaml", root) : "site.yaml";
}

/* The tree folders holding a site.yaml nearest the site folder: the
 * closest one above it, else the shallowest below (up to 3). */
static size_t
config_near(source *src, arena *a, const char **found, bool *above)
{
	const char *root = source_site_path(src);
	const source_file *files;
	size_t nf, n = 0, best = SIZE_MAX;
	*above = false;
	if (source_list(src, "", &files, &nf) != 0)
		return 0;
	for (size_t i = 0; i < nf; i++) {
		if (strcmp(path_base(files[i].path), "site.yaml") != 0)
			continue;
		char *dir = path_dir(a, files[i].path);
		if (path_under(root, dir) != NULL) {
			if (!*above || depth(dir) > depth(found[0]))
				found[0] = dir, n = 1, *above = true;
		} else if (!*above && path_under(dir, root) != NULL) {
			size_t dd = depth(dir);
			if (dd < best)
				best = dd, n = 0;
			if (dd == best && n < 3)
				found[n++] = dir;
		}
	}
	return n;
}

/* "No site.yaml" and where a site is, as fabrique could have been run
 * in a site's subfolder, above it, or in a folder with none. */
static void
report_no_config(source *src, arena *a, diag *d)
{
	const char *root = source_site_path(src);
	const char *file = config_path(src, a);
	const char *wd = source_workdir(src), *found[3];
	bool above;
	size_t n = config_near(src, a, found, &above);
	const char *go =
	    n == 1 && wd != NULL && *wd != '\0'
	        ? from_cwd(a, arena_printf(a, "%s/%s", wd, found[0]))
	        : NULL;
	if (go != NULL && above)
		diag_report(d, DIAG_ERROR, file, 0, 0,
		            "no site.yaml here: this folder is inside a site; "
		            "run fabrique in the site's folder (cd %s)",
		            go);
	else if (go != NULL)
		diag_report(d, DIAG_ERROR, file, 0, 0,
		            "no site.yaml here: the site is in a folder below; "
		            "run fabrique there (cd %s)",
		            go);
	else if (n > 0)
		diag_report(d, DIAG_ERROR, file, 0, 0,
		            "no site.yaml here; the repository has one in %s; "
		            "give that folder as the site",
		            schema_join(a, found, n, ""));
	else
		diag_report(
		    d, DIAG_ERROR, file, 0, 0,
		    "no site.yaml in %s; run fabrique in your site's "
		    "folder (the one holding site.yaml), or make a site "
		    "with 'fabrique init FOLDER'",
		    *root ? root : source_describe(src));
}

bool
site_config_present(const siteyaml *sy, source *src, arena *a, diag *d)
{
	if (sy->status != SITEYAML_ABSENT)
		return true;
	/* there but unreadable (a partial clone's file not downloaded):
	 * source_read() said why */
	if (!source_exists(src, sy->path))
		report_no_config(src, a, d);
	return false;
}

/* site.yaml as the command read it (site_opts.conf), else read here; NULL
 * after reporting why there is none. */
static value *
config_doc(site *s)
{
	siteyaml read;
	const siteyaml *sy = s->opts.conf;
	if (sy == NULL)
		siteyaml_read(s->src, s->a, &read), sy = &read;
	if (sy->status == SITEYAML_ABSENT)
		report_no_config(s->src, s->a, s->d);
	else if (sy->status == SITEYAML_INVALID || sy->warned)
		siteyaml_report(sy, s->src, s->a, s->d);
	return sy->doc;
}

/* A url field's path of this site (schema_env.site_path): ctx is the
 * site_paths of the document, kept in its arena. */
static void
env_site_path(void *ctx, const value *where, const char *path)
{
	struct site_paths_in *in = ctx;
	site_path_collect(in->ps, in->a, where, path);
}

static int
load_config(site *s)
{
	value *raw = config_doc(s);
	if (raw == NULL)
		return -1;
	s->sc = schema_load(s->a, theme_schema_doc(s->th), s->d);
	if (s->sc == NULL || schema_extend(s->sc, raw, s->d) != 0)
		return -1;
	site_paths paths = {NULL, 0, 0};
	struct site_paths_in in = {&paths, s->a};
	/* its paths of this site only: no doc_path, its files are checked
	 * as before */
	schema_env env = {.site_path = env_site_path,
	                  .ctx = &in,
	                  .year = date_from_unix(s->opts.today_at != 0
	                                             ? s->opts.today_at
	                                             : s->opts.now)
	                              .year};
	s->config = schema_apply(s->sc, "site", raw, &env, s->a, s->d);
	if (s->config == NULL)
		return -1;
	placeholder_check_site(raw, s->d);
	site_path_add(s, &paths); /* menu, annonce... checked once loaded */
	if (site_path_prepare(s) != 0)
		return -1;
	s->unsafe = value_get_bool(value_path(s->config, "markdown.html_brut"));
	const value *kb = value_path(s->config, "markdown.taille_max_ko");
	s->md_max = (size_t)(kb != NULL ? value_get_number(kb) : 2048) * 1024;
	const char *lang = value_get_string(value_get(s->config, "langue"));
	s->french = lang == NULL || strncmp(lang, "fr", 2) == 0;
	s->today = date_day_in_zone(
	    value_get_string(value_get(s->config, "fuseau")),
	    s->opts.today_at != 0 ? s->opts.today_at : s->opts.now);
	return 0;
}

/* "ateliers/x.md" -> "ateliers/x"; "retours/fete/index.md" -> "retours/fete".
 * Accents composed (NFC): a file macOS saved decomposed (NFD) and a link
 * or reference typed composed name one page, and the reverse. */
const char *
site_page_key(arena *a, const char *rel)
{
	size_t n = strlen(rel);
	n -= path_ends_with(rel, "/index.md") ? 9 : 3;
	if (!utf8_has_combining(rel, n))
		return arena_strndup(a, rel, n);
	buf b = BUF_INIT;
	utf8_put_nfc(&b, rel, n);
	const char *key = arena_strndup(a, b.data, b.len);
	buf_free(&b);
	return key;
}

void
site_add_page(site *s, page *p)
{
	if (s->npages == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 256;
		page **np = arena_alloc(s->a, s->cap * sizeof(*np));
		if (s->npages)
			memcpy(np, s->pages, s->npages * sizeof(*np));
		s->pages = np;
	}
	p->owner = s;
	s->pages[s->npages++] = p;
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
	placeholder_check_fields(raw, s->d);
	if (s->neds == s->capeds) {
		s->capeds = s->capeds ? s->capeds * 2 : 8;
		struct edition *ne = arena_alloc(s->a, s->capeds * sizeof(*ne));
		if (s->neds)
			memcpy(ne, s->eds, s->neds * sizeof(*ne));
		s->eds = ne;
	}
	s->eds[s->neds++] = (struct edition){year, file, raw, NULL, NULL, NULL};
	return 0;
}

static bool
ignorable(const char *rel)
{
	return strcmp(rel, "README.md") == 0 || strcmp(rel, "LICENSE.md") == 0;
}

/* The file's path in the site, or NULL for a file that is not content:
 * theme/ holds the site's template overrides; a site at the repository's
 * root also holds the repository's themes/. */
static const char *
content_path(const site *s, const source_file *f)
{
	const char *rel = path_under(f->path, s->root);
	if (rel == NULL || strncmp(rel, "theme/", 6) == 0 ||
	    (*s->root == '\0' && strncmp(rel, "themes/", 7) == 0))
		return NULL;
	return rel;
}

static bool
is_page_kind(const char *kind)
{
	return kind != NULL && strcmp(kind, "site") != 0 &&
	       strcmp(kind, "edition") != 0;
}

/*
 * The name rel would have as a page ("ateliers/velo.md") if it is one
 * saved under another ending: "velo.md.txt" (Windows Notepad), "velo.MD",
 * "velo.markdown", "velo.mdown", "velo.mkd"; NULL if it is not, or if
 * that name would be in no page folder either.  Such a file was left out
 * without a word: the workshop simply missing from the site.
 */
static const char *
misnamed_page(const site *s, const char *rel)
{
	static const char *const endings[] = {".md.txt", ".markdown", ".mdown",
	                                      ".mkd", ".md"};
	size_t n = strlen(rel);
	for (size_t i = 0; i < sizeof(endings) / sizeof(*endings); i++) {
		size_t e = strlen(endings[i]);
		if (n <= e || strcasecmp(rel + n - e, endings[i]) != 0 ||
		    strcmp(rel + n - e, ".md") == 0)
			continue;
		const char *md =
		    arena_printf(s->a, "%.*s.md", (int)(n - e), rel);
		const char *kind = schema_kind_for_path(s->sc, md);
		return is_page_kind(kind) ? md : NULL;
	}
	return NULL;
}

/*
 * The place rel would have without its sub-folders ("ateliers/2027/x.md"
 * -> "ateliers/x.md", "retours/2027/fete/index.md" ->
 * "retours/fete/index.md"), if that is a page's place; else NULL.  An
 * editor sorting workshops by year was told the file was "in no known
 * folder", though it is under ateliers/.
 */
static const char *
flattened_page(const site *s, const char *rel)
{
	const char *top = strchr(rel, '/'), *base = strrchr(rel, '/');
	if (top == NULL || top == base)
		return NULL;
	const char *up = base - 1; /* the last folder's name: retours/NAME/ */
	while (up > top && *up != '/')
		up--;
	const char *tries[] = {
	    arena_printf(s->a, "%.*s%s", (int)(top - rel), rel, base),
	    arena_printf(s->a, "%.*s%s", (int)(top - rel), rel, up)};
	for (size_t i = 0; i < 2; i++)
		if (is_page_kind(schema_kind_for_path(s->sc, tries[i])))
			return tries[i];
	return NULL;
}

/* Where a file of a sub-folder can go when flat, the site's own name
 * for it, is taken: ateliers/2025/x.md is the workshop that comes back
 * each year, and ateliers/x.md is this year's; following "move it to
 * ateliers/x.md" would replace this year's.  The folder's name is added
 * (ateliers/x-2025.md), then a number, until the name is free. */
static const char *
free_flat_name(site *s, const char *path, const char *rel, const char *flat)
{
	int pre = (int)(strlen(path) - strlen(rel));
	const char *base = strrchr(rel, '/'), *up = base - 1;
	while (up > rel && *up != '/')
		up--;
	int stem = (int)strlen(flat) - 3; /* without ".md" */
	const char *name = arena_printf(s->a, "%.*s-%.*s.md", stem, flat,
	                                (int)(base - up - 1), up + 1);
	for (int k = 2; k < 100; k++) {
		if (source_find(s->src, arena_printf(s->a, "%.*s%s", pre, path,
		                                     name)) == NULL)
			return name;
		name = arena_printf(s->a, "%.*s-%.*s-%d.md", stem, flat,
		                    (int)(base - up - 1), up + 1, k);
	}
	return NULL;
}

/*
 * Two ways a page in a known folder looks unplaced to its editor, said
 * as they are rather than « in no known folder » (outside tester 30 F9,
 * F14): a name starting with a dot, which is hidden and never a page;
 * a folder written with a capital (Ateliers/), one folder with
 * ateliers/ in Windows' and macOS's file managers but not in git.
 * True when one was said.
 */
static bool
say_misnamed(site *s, const char *path, const char *rel)
{
	const char *c = rel; /* each name of the path, up to a dotted one */
	while (*c != '.' && (c = strchr(c, '/')) != NULL)
		c++;
	if (c != NULL && c != rel) { /* .github/ is the repository's */
		diag_report(s->d, DIAG_WARNING, path, 0, 0,
		            "a name starting with a dot (%.*s) is hidden, and "
		            "never published: rename it without the dot",
		            (int)strcspn(c, "/"), c);
		return true;
	}
	char *lower = arena_strdup(s->a, rel);
	size_t n = strcspn(lower, "/");
	for (size_t i = 0; i < n; i++)
		lower[i] = (char)tolower((unsigned char)lower[i]);
	if (strcmp(lower, rel) == 0 ||
	    schema_kind_for_path(s->sc, lower) == NULL)
		return false;
	diag_report(s->d, DIAG_WARNING, path, 0, 0,
	            "the folder is written %.*s/, in lower case (git tells "
	            "%.*s/ from it, even where your computer shows one "
	            "folder): it is not published; move the file with 'git "
	            "mv %s %.*s%s'",
	            (int)n, lower, (int)n, rel, path,
	            (int)(strlen(path) - strlen(rel)), path, lower);
	return true;
}

/* A .md file that is no page where it is: said with where it goes. */
static void
say_unplaced(site *s, const char *path, const char *rel)
{
	if (!path_ends_with(rel, ".md") || ignorable(rel))
		return;
	const char *flat = flattened_page(s, rel);
	int pre = (int)(strlen(path) - strlen(rel));
	const char *taken =
	    flat ? arena_printf(s->a, "%.*s%s", pre, path, flat) : NULL;
	const char *other = taken != NULL && source_find(s->src, taken) != NULL
	                        ? free_flat_name(s, path, rel, flat)
	                        : NULL;
	if (other != NULL) {
		diag_report(
		    s->d, DIAG_WARNING, path, 0, 0,
		    "in %.*s/, files are placed directly, without "
		    "sub-folder: this one is not published; %s is "
		    "another page already, do not replace it: move this "
		    "one to %s",
		    (int)strcspn(rel, "/"), rel, flat, other);
		return;
	}
	if (flat != NULL) {
		diag_report(s->d, DIAG_WARNING, path, 0, 0,
		            "in %.*s/, files are placed directly, without "
		            "sub-folder: move this one to %s (else it is not "
		            "published)",
		            (int)strcspn(rel, "/"), rel, flat);
		return;
	}
	if (!say_misnamed(s, path, rel))
		diag_report(s->d, DIAG_WARNING, path, 0, 0,
		            "this file is in no known folder (ateliers/, "
		            "patrimoine/, retours/NAME/, pages/): it is not "
		            "published");
}

/*
 * A page, an edition or site.yaml committed as a symbolic link (an alias
 * made on a Mac, a link to a file kept elsewhere): the listing skips it,
 * as it must, since what it leads to may be outside the repository, and
 * the page was missing from the site without a word (outside tester 24
 * F2).  A part's listing and the whole's may both have met it.
 */
static void
warn_linked_files(site *s)
{
	const source_file *links;
	size_t n = source_links(s->src, &links);
	strmap *seen = strmap_new(s->a);
	for (size_t i = 0; i < n; i++) {
		const char *rel = content_path(s, &links[i]);
		if (rel == NULL || schema_kind_for_path(s->sc, rel) == NULL ||
		    strmap_put(seen, links[i].path, s) != NULL)
			continue;
		diag_report(s->d, DIAG_WARNING, links[i].path, 0, 0,
		            "this file is a symbolic link, which fabrique does "
		            "not publish (what it leads to may be outside the "
		            "repository): put the file itself here, or remove "
		            "the link");
	}
}

/* Reads every file of the site that belongs to a kind: first each file's
 * kind, and the pages' kept front matter decoded on every core; then
 * each file in its place, in the files' order (so are its messages). */
static int
scan(site *s)
{
	const source_file *files;
	size_t n;
	int rc = 0;
	if (source_list(s->src, s->root, &files, &n) != 0)
		return -1;
	const char **kinds = xcalloc(n + 1, sizeof(*kinds));
	for (size_t i = 0; i < n; i++) {
		const char *rel = content_path(s, &files[i]);
		kinds[i] = rel ? schema_kind_for_path(s->sc, rel) : NULL;
		if (is_page_kind(kinds[i]))
			site_load_want(s, &files[i], kinds[i]);
	}
	site_load_prefetch(s);
	for (size_t i = 0; i < n; i++) {
		const char *rel = content_path(s, &files[i]);
		if (rel == NULL)
			continue;
		const char *kind = kinds[i];
		const char *md = kind == NULL ? misnamed_page(s, rel) : NULL;
		if (md != NULL) {
			diag_report(s->d, DIAG_WARNING, files[i].path, 0, 0,
			            "this file is not published: a page's name "
			            "ends in .md; rename it %s",
			            path_base(md));
			continue;
		}
		if (kind == NULL) {
			say_unplaced(s, files[i].path, rel);
			continue;
		}
		if (strcmp(kind, "site") == 0)
			continue;
		if (strcmp(kind, "edition") == 0) {
			if (add_edition(s, files[i].path, rel) != 0)
				rc = -1;
			continue;
		}
		if (site_load_page(s, &files[i], rel, kind) != 0)
			rc = -1;
	}
	free(kinds);
	warn_linked_files(s);
	if (site_load_pages(s) != 0)
		rc = -1;
	return rc;
}

/*
 * The schema check of one page runs on a loading thread (site_load_each):
 * what it asks of other pages and files only reads the model, in the
 * worker's arena; what it records (private contacts) and says (messages)
 * is kept with the page and handed on by the main thread in the pages'
 * order, as one thread would.
 */
struct contact_seen {
	const char *doc, *value;
	bool published;
};

struct text_seen {
	value *map;
	const char *key;
};

struct check_item {
	site *s;
	arena *a;
	site_notes notes;
	site_notes text_notes; /* what check_texts() said */
	site_paths paths;      /* its url fields' paths of this site */
	struct contact_seen *contacts;
	size_t ncontacts, capcontacts;
	struct text_seen *texts; /* its text fields (malloc()ed) */
	size_t ntexts, captexts;
	bool failed;
	value *partial; /* schema_env.partial */
};

static void
env_item_path(void *ctx, const value *where, const char *path)
{
	struct check_item *c = ctx;
	site_path_collect(&c->paths, c->a, where, path);
}

static bool
env_ref(void *ctx, const char *ref, const char **canon)
{
	const struct check_item *c = ctx;
	const page *p = site_url_find_ref(c->s, ref);
	if (p != NULL)
		*canon = p->key;
	return p != NULL || site_url_ref_unknowable(c->s, ref);
}

/* The reference keys of the pages of a kind (all when kind is NULL), in
 * the site's order, for a reference that matches none. */
static size_t
env_list_refs(void *ctx, const char *kind, const char *const **keys)
{
	const struct check_item *c = ctx;
	const site *s = c->s;
	const char **out = arena_alloc(c->a, (s->npages + 1) * sizeof(*out));
	size_t n = 0;
	for (size_t i = 0; i < s->npages; i++) {
		const page *p = s->pages[i];
		if (p->key != NULL && p->path != NULL &&
		    (kind == NULL || (p->kind && strcmp(p->kind, kind) == 0)))
			out[n++] = p->key;
	}
	*keys = out;
	return n;
}

/* A folder source hashes a file the first time it is found: under the
 * read lock, as a worker's source reads are. */
static const source_file *
find_locked(site *s, const char *path)
{
	pthread_mutex_lock(&s->read_lock);
	const source_file *f = source_find(s->src, path);
	pthread_mutex_unlock(&s->read_lock);
	return f;
}

static const char *
env_file(void *ctx, const char *doc_path, const char *path)
{
	const struct check_item *c = ctx;
	char *dir = path_dir(c->a, site_tree_path_of(c->s, doc_path));
	char *target = path_join(c->a, dir, path);
	if (target == NULL)
		return NULL;
	if (find_locked(c->s, target) != NULL)
		return path;
	pthread_mutex_lock(&c->s->read_lock);
	const source_file *f = source_find_composed(c->s->src, target);
	pthread_mutex_unlock(&c->s->read_lock);
	const char *under = f != NULL ? path_under(f->path, dir) : NULL;
	/* "../x" written: only a name inside the folder is given back */
	return f == NULL       ? NULL
	       : under != NULL ? arena_strdup(c->a, under)
	                       : path;
}

/* Whether path, written in doc_path's field, is a symbolic link the
 * site holds (schema_env.file_is_link). */
static bool
env_file_link(void *ctx, const char *doc_path, const char *path)
{
	const struct check_item *c = ctx;
	char *dir = path_dir(c->a, site_tree_path_of(c->s, doc_path));
	char *target = path_join(c->a, dir, path);
	if (target == NULL)
		return false;
	pthread_mutex_lock(&c->s->read_lock);
	bool link = source_is_link(c->s->src, target);
	pthread_mutex_unlock(&c->s->read_lock);
	return link;
}

/* The files beside a document (a recap's photos), Markdown excluded. */
static size_t
env_list_files(void *ctx, const char *doc_path, const char *const **names)
{
	const struct check_item *c = ctx;
	site *s = c->s;
	const char *dir = path_dir(c->a, site_tree_path_of(s, doc_path));
	const source_file *files;
	size_t n, count = 0;
	*names = NULL;
	pthread_mutex_lock(&s->read_lock);
	int rc = source_list(s->src, dir, &files, &n);
	pthread_mutex_unlock(&s->read_lock);
	if (rc != 0)
		return 0;
	const char **out = arena_alloc(c->a, (n + 1) * sizeof(*out));
	for (size_t i = 0; i < n; i++) {
		const char *rel = path_under(files[i].path, dir);
		if (rel != NULL && strchr(rel, '/') == NULL &&
		    !path_ends_with(rel, ".md"))
			out[count++] = rel;
	}
	*names = out;
	return count;
}

/* Kept with the page, added to the site's list after the pass. */
static void
env_contact(void *ctx, const char *doc_path, bool is_phone, bool published,
            const char *v)
{
	struct check_item *c = ctx;
	(void)is_phone;
	if (c->ncontacts == c->capcontacts) {
		c->capcontacts = c->capcontacts ? 2 * c->capcontacts : 4;
		struct contact_seen *n =
		    arena_alloc(c->a, c->capcontacts * sizeof(*n));
		if (c->ncontacts > 0)
			memcpy(n, c->contacts, c->ncontacts * sizeof(*n));
		c->contacts = n;
	}
	c->contacts[c->ncontacts++] =
	    (struct contact_seen){doc_path, arena_strdup(c->a, v), published};
}

/* Kept with the page, looked at once every contact is known, then
 * freed (validate()): in the worker's arena, which lives with the site,
 * the lists and the halves their doubling left behind stayed to the end
 * of the build (2.4 MB of 10,000 pages' heap at its peak, issue 14). */
static void
env_text(void *ctx, value *map, const char *key)
{
	struct check_item *c = ctx;
	if (c->ntexts == c->captexts) {
		c->captexts = c->captexts ? 2 * c->captexts : 8;
		c->texts = xrealloc(c->texts, c->captexts * sizeof(*c->texts));
	}
	c->texts[c->ntexts++] = (struct text_seen){map, key};
}

/* Collected from every page, so that no page's text can publish a
 * contact another page keeps private; the first page to keep it private
 * is where it is said to be kept (private wins over published: a number
 * one page keeps private is masked everywhere). */
static void
add_contact(site *s, const char *doc_path, const char *v, bool published)
{
	for (size_t i = 0; i < s->ncontacts; i++) {
		markdown_contact *c = &s->contacts[i];
		if (strcmp(c->value, v) != 0)
			continue;
		if (c->published && !published)
			*c = (markdown_contact){
			    .value = c->value,
			    .where =
			        arena_strdup(s->a, doc_path ? doc_path : "")};
		return;
	}
	if (s->ncontacts == s->capcontacts) {
		s->capcontacts = s->capcontacts ? 2 * s->capcontacts : 8;
		markdown_contact *n =
		    arena_alloc(s->a, s->capcontacts * sizeof(*n));
		if (s->ncontacts > 0)
			memcpy(n, s->contacts, s->ncontacts * sizeof(*n));
		s->contacts = n;
	}
	s->contacts[s->ncontacts++] = (markdown_contact){
	    .value = arena_strdup(s->a, v),
	    .where = arena_strdup(s->a, doc_path ? doc_path : ""),
	    .published = published};
}

void
site_markdown_contacts(const site *s, const page *p, markdown_opts *mo)
{
	mo->contacts = s->contacts;
	mo->ncontacts = s->ncontacts;
	mo->check_contacts =
	    p != NULL && !schema_kind_public_contacts(s->sc, p->kind);
}

/* The year a date written without one most likely means (a refused
 * « samedi 29 mai » is answered with the day in that year): the page's
 * own edition, else the site's soonest edition from this year on (the
 * current one is picked only once the editions are checked), else the
 * latest, else this year. */
static int
doc_year(const site *s, const value *raw)
{
	double y;
	if (value_to_number(value_get(raw, "edition"), &y) && y >= 1900 &&
	    y <= 9999)
		return (int)y;
	int soonest = 0, latest = 0;
	for (size_t i = 0; i < s->neds; i++) {
		int e = s->eds[i].year;
		if (e >= s->today.year && (soonest == 0 || e < soonest))
			soonest = e;
		if (e > latest)
			latest = e;
	}
	return soonest ? soonest : latest ? latest : s->today.year;
}

/* The day of edition year as its file writes it, NULL without one: read
 * from the file as loaded, since the editions may be checked at the same
 * time as the workshops. */
static const char *
edition_day(site *s, int year)
{
	const struct edition *ed = site_find_edition(s, year);
	return ed != NULL ? value_get_string(value_get(ed->raw, "date")) : NULL;
}

/* Checks a document against its kind; meta NULL after an error.  year:
 * the edition's year (an edition's file), 0 to take doc_year(). */
static value *
check_doc(struct check_item *c, const char *kind, const value *raw,
          const char *doc_path, int year)
{
	schema_env env = {.ref_exists = env_ref,
	                  .file_name = env_file,
	                  .file_is_link = env_file_link,
	                  .list_files = env_list_files,
	                  .contact_value = env_contact,
	                  .list_refs = env_list_refs,
	                  .site_path = env_item_path,
	                  .text_value = env_text,
	                  .ctx = c,
	                  .doc_path = doc_path,
	                  .year = year ? year : doc_year(c->s, raw),
	                  .partial = &c->partial};
	if (strcmp(kind, "atelier") == 0)
		env.edition_date = edition_day(c->s, env.year);
	diag *mine = diag_new(diag_lang(c->s->d));
	value *meta = schema_apply(c->s->sc, kind, raw, &env, c->a, mine);
	site_notes_take(mine, c->a, &c->notes);
	c->failed = meta == NULL;
	return meta;
}

/* A slug refused is said by site_url_assign_slug(): the schema's word
 * on the same value, at the same place, would say it twice. */
static void
drop_said(site_notes *ns, value_pos at)
{
	size_t kept = 0;
	for (size_t k = 0; k < ns->n; k++)
		if (ns->v[k].lvl != DIAG_ERROR || ns->v[k].line != at.line ||
		    ns->v[k].col != at.col)
			ns->v[kept++] = ns->v[k];
	ns->n = kept;
}

static void
check_task(site *s, size_t i, arena *a, void *ctx)
{
	struct check_item *c = (struct check_item *)ctx + i;
	page *p = s->pages[i];
	c->s = s;
	c->a = a;
	if (p->raw == NULL) /* its front matter's error is said */
		return;
	p->meta = check_doc(c, p->kind, p->raw, p->path, 0);
	p->partial = c->partial;
	const value *slug = value_get(p->raw, "slug");
	if (p->slug == NULL && slug != NULL)
		drop_said(&c->notes, value_where(slug));
}

/* What one page's check recorded and said, in its place. */
static int
hand_on(site *s, const struct check_item *c)
{
	site_notes_report(s->d, &c->notes);
	for (size_t k = 0; k < c->ncontacts; k++)
		add_contact(s, c->contacts[k].doc, c->contacts[k].value,
		            c->contacts[k].published);
	return c->failed ? -1 : 0;
}

/* A text field's value v after markdown_field(), said at its place into
 * d: a new value (in a) when a contact was masked, else NULL (v stays). */
static value *
checked_text(arena *a, markdown_opts *mo, const value *v, diag *d)
{
	const char *str = value_get_string(v);
	if (str == NULL)
		return NULL;
	value_pos at = value_where(v);
	mo->file = at.file;
	buf b = BUF_INIT;
	value *nv = NULL;
	if (markdown_field(str, mo, at.line, at.col, &b, d)) {
		nv = value_string(a, buf_cstr(&b));
		nv = value_set_pos(a, nv, at.file, at.line, at.col);
	}
	buf_free(&b);
	return nv;
}

/* The same for each item of a list of texts (a_apporter, tags: each is
 * published as written), each said at its own place: a new list when an
 * item was masked, else NULL. */
static value *
checked_list(arena *a, markdown_opts *mo, const value *list, diag *d)
{
	size_t n = value_len(list);
	value **items = xcalloc(n + 1, sizeof(*items));
	bool changed = false;
	for (size_t i = 0; i < n; i++) {
		items[i] = checked_text(a, mo, value_at(list, i), d);
		changed |= items[i] != NULL;
	}
	value *nl = NULL;
	if (changed) {
		value_pos at = value_where(list);
		nl = value_set_pos(a, value_list(a), at.file, at.line, at.col);
		for (size_t i = 0; i < n; i++)
			value_push(a, nl,
			           items[i] ? items[i] : value_at(list, i));
	}
	free(items);
	return nl;
}

/*
 * The text fields of a page (NULL: an edition), once every page's
 * contacts are known: published as its body is (pages, open data,
 * calendars, feed, search), they get its care (outside tester 19 F8),
 * markdown_field()'s; a masked text replaces the field's value.
 */
static void
check_texts(site *s, const page *p, const struct check_item *c, arena *a,
            diag *d)
{
	markdown_opts mo = {.french = s->french};
	site_markdown_contacts(s, p, &mo);
	for (size_t i = 0; i < c->ntexts; i++) {
		value *v = value_get(c->texts[i].map, c->texts[i].key);
		value *nv = value_kind_of(v) == VALUE_LIST
		                ? checked_list(a, &mo, v, d)
		                : checked_text(a, &mo, v, d);
		if (nv != NULL)
			value_set(a, c->texts[i].map, c->texts[i].key, nv);
	}
}

/*
 * Item i's text fields checked on a loading thread (a site_task): at
 * 10,000 pages the 97,000 fields' Markdown was ~1 % of the build's
 * instructions on the main thread alone.  A page's fields are its own
 * (its maps, written in the worker's arena, which lives with the site);
 * what is said is collected apart and said in the items' order
 * (validate()), as on one thread.
 */
static void
texts_task(site *s, size_t i, arena *a, void *ctx)
{
	struct check_item *c = (struct check_item *)ctx + i;
	diag *mine = diag_new(diag_lang(s->d));
	check_texts(s, i < s->npages ? s->pages[i] : NULL, c, a, mine);
	site_notes_take(mine, a, &c->text_notes);
}

static int
validate(site *s)
{
	int rc = 0;
	struct check_item *items =
	    xcalloc(s->npages + s->neds + 1, sizeof(struct check_item));
	site_load_each(s, s->npages, check_task, items);
	for (size_t i = 0; i < s->npages; i++) {
		if (hand_on(s, &items[i]) != 0)
			rc = -1;
		/* a draft's fields reach no resident */
		if (s->pages[i]->meta != NULL &&
		    site_url_is_published(s, s->pages[i]))
			site_path_add(s, &items[i].paths);
	}
	for (size_t i = 0; i < s->neds; i++) {
		struct edition *e = &s->eds[i];
		struct check_item *c = &items[s->npages + i];
		*c = (struct check_item){.s = s, .a = s->a};
		e->meta = check_doc(c, "edition", e->raw,
		                    path_under(e->file, s->root), e->year);
		if (hand_on(s, c) != 0)
			rc = -1;
		site_path_add(s, &c->paths);
	}
	site_load_each(s, s->npages + s->neds, texts_task, items);
	for (size_t i = 0; i < s->npages + s->neds; i++) {
		site_notes_report(s->d, &items[i].text_notes);
		free(items[i].texts);
	}
	free(items);
	return rc;
}

view_env
site_make_env(site *s)
{
	view_env e = {.a = s->a,
	              .i18n = theme_i18n(s->th),
	              .config = s->config,
	              .publish = site_link_view_publish,
	              .publish_image = site_link_view_publish_image,
	              .ctx = s,
	              .history = s->history,
	              .until = s->opts.until,
	              .until_at = s->opts.until_at,
	              .yes = s->yes,
	              .no = s->no};
	return e;
}

struct edition *
site_find_edition(site *s, int year)
{
	for (size_t i = 0; i < s->neds; i++)
		if (s->eds[i].year == year)
			return &s->eds[i];
	return NULL;
}

/* The edition still to happen soonest: its day is today or later.  NULL
 * once every edition's day is past. */
static struct edition *
upcoming_edition(site *s)
{
	struct edition *best = NULL;
	civil_date bd = {0, 0, 0};
	for (size_t i = 0; i < s->neds; i++) {
		civil_date d;
		const char *ds =
		    value_get_string(value_get(s->eds[i].meta, "date"));
		if (ds == NULL || !date_parse(ds, &d) ||
		    date_cmp(d, s->today) < 0)
			continue;
		if (best == NULL || date_cmp(d, bd) < 0) {
			best = &s->eds[i];
			bd = d;
		}
	}
	return best;
}

/* editions/2028.yaml with "date: 2027-06-05": the page of the 2028
 * edition would announce a day in 2027, and every workshop without a
 * date of its own with it (outside tester 19 F7).  An error at the
 * date, since which of the two years is right only the editor knows. */
static int
check_edition_years(site *s)
{
	int rc = 0;
	for (size_t i = 0; i < s->neds; i++) {
		const value *date = value_get(s->eds[i].meta, "date");
		civil_date d;
		if (date == NULL || !date_parse(value_get_string(date), &d) ||
		    d.year == s->eds[i].year)
			continue;
		diag_at(s->d, DIAG_ERROR, date,
		        "the date %s is in %d, but this file is the %d "
		        "edition's (editions/%d.yaml); correct the year of the "
		        "date, or the file's name",
		        value_get_string(date), d.year, s->eds[i].year,
		        s->eds[i].year);
		rc = -1;
	}
	return rc;
}

/* The current edition: site.yaml's edition_courante, else the next one
 * to happen, else (all past) the latest.  Not simply the latest: the
 * file of next year's edition, written in advance, must not take this
 * year's programme and the workshops without date nor edition before
 * this year's day has passed (outside tester 18 F19). */
static int
pick_edition(site *s)
{
	struct edition *next = upcoming_edition(s);
	for (size_t i = 0; i < s->neds; i++)
		if (s->current == NULL || s->eds[i].year > s->current->year)
			s->current = &s->eds[i];
	if (next != NULL)
		s->current = next;
	const value *cur = value_get(s->config, "edition_courante");
	if (cur == NULL)
		return 0;
	s->current = site_find_edition(s, (int)value_get_number(cur));
	if (s->current != NULL)
		return 0;
	diag_at(s->d, DIAG_ERROR, cur,
	        "edition_courante names an edition with no file; expected "
	        "editions/%d.yaml",
	        (int)value_get_number(cur));
	return -1;
}

/* The edition of an atelier whose fields are meta: its own field, the
 * year of its date, or the current edition (0 when there is none). */
static int
fields_year(const site *s, const value *meta)
{
	const value *ed = value_get(meta, "edition");
	const char *date = value_get_string(value_get(meta, "date"));
	return ed           ? (int)value_get_number(ed)
	       : date       ? atoi(date)
	       : s->current ? s->current->year
	                    : 0;
}

int
site_workshop_year(const site *s, const page *p)
{
	return fields_year(s, p->meta);
}

/* The fields read by a check that does not depend on the ones refused:
 * the page's, or, when some have errors, what could be checked of them
 * (a field refused is absent: a value that failed to parse cannot be
 * checked further, and would only add a meaningless message). */
static const value *
checked_fields(const page *p)
{
	return p->meta != NULL ? p->meta : p->partial;
}

/* Values in a (the arena of the thread making the view). */
void
site_place_in_edition(site *s, page *p, arena *a)
{
	const char *date = value_get_string(value_get(p->meta, "date"));
	int year = site_workshop_year(s, p);
	value_set_int(a, p->view, "edition", year);
	struct edition *edn = site_find_edition(s, year);
	if (date != NULL || edn == NULL)
		return;
	const value *edate = value_get(edn->meta, "date");
	value_set(a, p->view, "date", (value *)edate);
	value_set(a, p->view, "date_texte", value_get(edn->view, "date_texte"));
}

/* The site's edition nearest to year, the later of two as near: what a
 * mistyped year most likely meant (2031 for 2026).  0 with no edition. */
static int
nearest_edition(const site *s, int year)
{
	int best = 0;
	for (size_t i = 0; i < s->neds; i++) {
		int y = s->eds[i].year;
		if (best == 0 || abs(y - year) < abs(best - year) ||
		    (abs(y - year) == abs(best - year) && y > best))
			best = y;
	}
	return best;
}

/* The site's edition years, as the message lists them: "2025, 2026". */
static const char *
edition_years(site *s)
{
	const char *list = "";
	for (size_t i = 0; i < s->neds; i++)
		list = arena_printf(s->a, "%s%s%d", list, i ? ", " : "",
		                    s->eds[i].year);
	return list;
}

/* An edition named by a page whose file is missing (`edition: 2031`
 * for 2026, or last year's page copied): the workshop would be published
 * outside every programme, with no day and a calendar file holding no
 * event, and a recap outside its edition's page.  An error at the year,
 * with the editions the site has and the nearest one. */
static int
check_edition_names(site *s)
{
	int rc = 0;
	for (size_t i = 0; i < s->npages; i++) {
		const page *p = s->pages[i];
		if (p->meta == NULL || (strcmp(p->kind, "atelier") != 0 &&
		                        strcmp(p->kind, "retour") != 0))
			continue;
		const value *ed = value_get(p->meta, "edition");
		int year = (int)value_get_number(ed);
		if (ed == NULL || site_find_edition(s, year) != NULL)
			continue;
		rc = -1;
		const value *date = value_get(p->meta, "date");
		value_pos at = value_where(ed), dat = value_where(date);
		if (date != NULL && s->neds > 0 && at.line == dat.line &&
		    at.col == dat.col)
			/* no `edition:`: the year of the date (annee_de) */
			diag_at(
			    s->d, DIAG_ERROR, ed,
			    "%s is in %d, a year with no edition (no file "
			    "editions/%d.yaml): the workshop would be in no "
			    "programme. The site's editions: %s. Did you mean "
			    "%d? Correct the date, or add editions/%d.yaml "
			    "for a new edition",
			    value_get_string(date), year, year,
			    edition_years(s), nearest_edition(s, year), year);
		else if (s->neds == 0)
			diag_at(
			    s->d, DIAG_ERROR, ed,
			    "there is no edition %d: the site has no "
			    "edition file; add editions/%d.yaml, which gives "
			    "the day's date",
			    year, year);
		else
			diag_at(s->d, DIAG_ERROR, ed,
			        "there is no edition %d (no file "
			        "editions/%d.yaml); the site's editions: %s. "
			        "Did you mean %d? Correct the year, or add "
			        "editions/%d.yaml for a new edition",
			        year, year, edition_years(s),
			        nearest_edition(s, year), year);
	}
	return rc;
}

/* Farther than this from its edition's day, a workshop's date is more
 * likely a slip of the month (2026-06-23 for 2026-05-23) than a
 * preparatory session.  A workshop that names its edition (`edition:`)
 * says the distance is meant; a year other than its edition's is a slip
 * either way.  Said as warnings, which the hook's --strict refuses. */
#define DAYS_FROM_EDITION 92

static void
check_day(site *s, const value *date, const struct edition *ed, civil_date eday,
          bool named)
{
	civil_date d;
	const char *txt = value_get_string(date);
	if (txt == NULL || !date_parse(txt, &d))
		return;
	if (d.year != ed->year) {
		diag_at(
		    s->d, DIAG_WARNING, date,
		    "%s is not in %d, the year of this workshop's edition: is "
		    "the year right?",
		    txt, ed->year);
		return;
	}
	long gap = date_days(d) - date_days(eday);
	if (named || (gap >= -DAYS_FROM_EDITION && gap <= DAYS_FROM_EDITION))
		return;
	const char *eds = value_get_string(value_get(ed->meta, "date"));
	if (gap < 0)
		diag_at(
		    s->d, DIAG_WARNING, date,
		    "%s is %ld days before the day of the %d edition (%s): is "
		    "the date right? If it is, say so with 'edition: %d' in "
		    "the front matter",
		    txt, -gap, ed->year, eds, ed->year);
	else
		diag_at(
		    s->d, DIAG_WARNING, date,
		    "%s is %ld days after the day of the %d edition (%s): is "
		    "the date right? If it is, say so with 'edition: %d' in "
		    "the front matter",
		    txt, gap, ed->year, eds, ed->year);
}

/* A workshop's own date a few days from its edition's day: « samedi 30
 * mai » corrected to 2027-05-30, a Sunday, when the Journée is Saturday
 * the 29th (outside tester 23 F3).  Meant or not, nothing else tells: a
 * note (a preparation day the week before is a real thing, and the
 * hooks must accept it) naming both days and the way back to the
 * edition's.  Slots are left alone: a workshop over two days is common. */
#define DAYS_NEAR_EDITION 6

static void
check_near_day(site *s, const value *date, const struct edition *ed,
               civil_date eday)
{
	civil_date d;
	const char *txt = value_get_string(date);
	if (txt == NULL || !date_parse(txt, &d))
		return;
	long gap = date_days(d) - date_days(eday);
	if (gap == 0 || gap < -DAYS_NEAR_EDITION || gap > DAYS_NEAR_EDITION)
		return;
	const char *lang = diag_lang(s->d);
	diag_at(s->d, DIAG_NOTE, date,
	        "this workshop is on %s, a %s, not on the day of the %d "
	        "edition (%s, a %s): if that is meant, nothing to do; if not, "
	        "correct 'date', or remove it: a workshop without 'date' is "
	        "on its edition's day",
	        txt, msgcat_lookup(lang, date_weekday_en(date_weekday(d))),
	        ed->year, value_get_string(value_get(ed->meta, "date")),
	        msgcat_lookup(lang, date_weekday_en(date_weekday(eday))));
}

/* Every date of a workshop (its own, its slots') near its edition's day:
 * a date typed wrong publishes the workshop on a day nobody comes. */
static void
check_workshop_days(site *s)
{
	for (size_t i = 0; i < s->npages; i++) {
		const page *p = s->pages[i];
		const value *m = checked_fields(p);
		if (m == NULL || strcmp(p->kind, "atelier") != 0)
			continue;
		const struct edition *ed =
		    site_find_edition(s, fields_year(s, m));
		civil_date eday;
		if (ed == NULL ||
		    !date_parse(value_get_string(value_get(ed->meta, "date")),
		                &eday))
			continue;
		bool named = value_get(m, "edition") != NULL;
		check_day(s, value_get(m, "date"), ed, eday, named);
		check_near_day(s, value_get(m, "date"), ed, eday);
		const value *slots = value_get(m, "creneaux");
		for (size_t k = 0; k < value_len(slots); k++)
			check_day(s, value_get(value_at(slots, k), "date"), ed,
			          eday, named);
	}
}

/* The edition before year whose day came last on or after the day its
 * file was written (created, a Unix time with its zone): the Journée a
 * workshop written then was most likely for.  NULL when none. */
static const struct edition *
edition_written_for(site *s, int year, civil_date created)
{
	const struct edition *best = NULL;
	civil_date bd = {0, 0, 0};
	for (size_t i = 0; i < s->neds; i++) {
		civil_date d;
		if (s->eds[i].year >= year ||
		    !date_parse(
		        value_get_string(value_get(s->eds[i].meta, "date")),
		        &d) ||
		    date_cmp(d, created) < 0 ||
		    (best != NULL && date_cmp(d, bd) <= 0))
			continue;
		best = &s->eds[i];
		bd = d;
	}
	return best;
}

/*
 * A workshop with neither date nor edition is counted in the current
 * edition; once a Journée has passed and next year's file exists, the
 * current is next year's, and last year's workshops moved there without
 * a word: the programme, their pages and atelier.ics announced them a
 * year later (outside tester 18 F19).  The history says when the file
 * was written: before the day of an earlier edition, it was most likely
 * for that one.  A warning at the workshop, with the line to write
 * either way.  Needs the history (a commit, not --worktree).
 */
static void
warn_moved_workshops(site *s)
{
	for (size_t i = 0; s->history != NULL && s->current != NULL &&
	                   s->neds > 1 && i < s->npages;
	     i++) {
		const page *p = s->pages[i];
		if (p->meta == NULL || p->draft ||
		    strcmp(p->kind, "atelier") != 0 ||
		    value_get(p->meta, "edition") != NULL ||
		    value_get(p->meta, "date") != NULL)
			continue;
		const history_file *h = history_get(s->history, p->file);
		if (h == NULL || h->created == 0)
			continue;
		civil_date c =
		    date_from_unix(h->created + (long long)h->created_tz * 60);
		const struct edition *was =
		    edition_written_for(s, s->current->year, c);
		if (was == NULL)
			continue;
		value_pos at = value_where(p->meta);
		diag_report(
		    s->d, DIAG_WARNING, p->file, at.line, at.col,
		    "this workshop has neither 'date' nor 'edition': it is "
		    "counted in the %d edition, the current one, but its file "
		    "was written before the %d Journée (%s); write "
		    "'edition: %d' in its front matter if it was for that "
		    "one, else 'edition: %d'",
		    s->current->year, was->year,
		    value_get_string(value_get(was->meta, "date")), was->year,
		    s->current->year);
	}
}

/*
 * Pages' views are made on the loading threads (site_load_each).  What a
 * view shares with the site is settled around that pass, on the main
 * thread, in the pages' order, so that it is what one thread would give:
 * before it, the category and quartier views every page shares
 * (e.terms, then only read); after it, the photos the views asked for,
 * registered for the pipeline (their numbering is their order).
 */
struct photo_ask {
	const char *doc, *path;
	value *target;
	const char *prefix;
};

struct view_item {
	arena *a;
	struct photo_ask *asks;
	size_t n, cap;
};

struct views_pass {
	view_env env;
	page **pages;
	struct view_item *items;
};

/* view_env.publish_image on a worker: the photo is kept to be
 * registered after the pass.  Views do not use the answer. */
static bool
ask_photo(void *ctx, const char *doc_file, const char *path, value *target,
          const char *prefix)
{
	struct view_item *it = ctx;
	if (it->n == it->cap) {
		it->cap = it->cap ? 2 * it->cap : 4;
		struct photo_ask *n = arena_alloc(it->a, it->cap * sizeof(*n));
		if (it->n > 0)
			memcpy(n, it->asks, it->n * sizeof(*n));
		it->asks = n;
	}
	it->asks[it->n++] = (struct photo_ask){doc_file, path, target, prefix};
	return true;
}

static void
view_task(site *s, size_t i, arena *a, void *ctx)
{
	struct views_pass *vp = ctx;
	page *p = vp->pages[i];
	struct view_item *it = &vp->items[i];
	view_env e = vp->env;
	it->a = a;
	e.a = a;
	e.publish = NULL;
	e.publish_image = ask_photo;
	e.ctx = it;
	e.slot_ids = p->slot_ids;
	p->view = view_page(&e, p->meta, p->kind, p->file, p->url, p->key);
	details_add(&e, p->view, p->meta, p->kind);
	if (strcmp(p->kind, "atelier") != 0)
		return;
	site_place_in_edition(s, p, a);
	details_workshop_slots(&e, p->view);
	details_workshop_days(&e, p->view);
	int year = (int)value_get_number(value_get(p->view, "edition"));
	struct edition *ed = site_find_edition(s, year);
	details_workshop_other_days(
	    &e, p->view,
	    ed ? value_get_string(value_get(ed->meta, "date")) : NULL);
	signup_add(&e, p->view, ed ? ed->view : NULL, s->today);
	details_workshop_card(&e, p->view);
}

/* A workshop whose day has gone by still says statut: propose: the site
 * shows it as past, with no status (signup.c), but nobody said whether
 * it took place; the editor is the one who knows.  Only the statut left
 * at its first step is told, once (confirme is what most workshops keep
 * after their day, and means it was going ahead).  A note: --strict (the
 * hooks) never refuses for it, or the day after the Journée every push,
 * its recap's included, would be refused until each status was updated;
 * what the site shows ("passé") is true meanwhile. */
static void
warn_still_proposed(site *s, const page *p)
{
	const value *st = value_get(p->meta, "statut");
	const char *day = value_get_string(value_get(p->view, "fin_date"));
	if (strcmp(p->kind, "atelier") != 0 || day == NULL ||
	    !value_truthy(value_get(p->view, "passe")) ||
	    value_get_string(st) == NULL ||
	    strcmp(value_get_string(st), "propose") != 0)
		return;
	value_pos at = value_where(st);
	diag_report(
	    s->d, DIAG_NOTE, at.file ? at.file : p->file, at.line, at.col,
	    "this workshop's day (%s) has passed and its statut is still "
	    "'propose': write 'statut: realise' if it took place, or "
	    "'statut: annule'; until then the site shows it as past, "
	    "with no status",
	    day);
}

/* The reverse slip: statut: realise on a workshop still to come, most
 * often last year's file copied for this year (tester21 F5).  The site
 * shows it as upcoming (signup.c), but its status is the editor's to
 * mend, and unlike the note above it never comes from time passing:
 * a warning, which --strict (the hooks) refuses. */
static void
warn_done_too_soon(site *s, const page *p)
{
	if (strcmp(p->kind, "atelier") != 0 ||
	    !value_truthy(value_get(p->view, "realise_trop_tot")))
		return;
	const value *st = value_get(p->meta, "statut");
	value_pos at = value_where(st);
	diag_report(s->d, DIAG_WARNING, at.file ? at.file : p->file, at.line,
	            at.col,
	            "this workshop's day (%s) is still to come and its statut "
	            "is 'realise': write 'statut: confirme' (or 'propose'), "
	            "and 'realise' after the day; until then the site shows "
	            "it as upcoming, with no status",
	            value_get_string(value_get(p->view, "date")));
}

/* Whether (lat, lon) lies in the area of d's communes, or in any of
 * France's when d is NULL (site.yaml gives no INSEE code). */
static bool
in_commune_area(const geo_dept *d, double lat, double lon)
{
	if (d != NULL)
		return geo_area_contains(geo_area_of(d), lat, lon);
	for (size_t i = 0; i < geo_area_count(); i++)
		if (geo_area_contains(geo_area_at(i), lat, lon))
			return true;
	return false;
}

/*
 * A place's point far from the commune: the map links, the calendars'
 * GEO and the JSON-LD would send residents there.  The commonest slip is
 * lat and lon swapped, many map sites writing « lon, lat » (outside
 * tester 30 F15: « lat: 0.6833, lon: 47.3941 » for a commune of
 * Indre-et-Loire, the Indian Ocean).  The test is coarse (geo.h: the
 * rectangle of metropolitan France or of the overseas département of
 * site.yaml's INSEE code), so only a point clearly elsewhere is told: a
 * warning, which --strict (the hooks) refuses.
 */
static void
warn_far_point(site *s, const page *p)
{
	const value *lieu = value_get(checked_fields(p), "lieu");
	const value *lat = value_get(lieu, "lat"),
	            *lon = value_get(lieu, "lon");
	if (value_kind_of(lat) != VALUE_NUMBER ||
	    value_kind_of(lon) != VALUE_NUMBER)
		return;
	double la = value_get_number(lat), lo = value_get_number(lon);
	const geo_dept *d = geo_dept_of_insee(value_get_string(
	    value_get(value_get(s->config, "commune"), "insee")));
	if (in_commune_area(d, la, lo))
		return;
	char a[32], b[32];
	value_format_number(la, a, sizeof(a));
	value_format_number(lo, b, sizeof(b));
	const char *where =
	    d == NULL
	        ? msgcat_lookup(diag_lang(s->d), "France")
	        : arena_printf(s->a, "%s (%s %s, %s)", geo_area_of(d)->name,
	                       d->name, d->code,
	                       msgcat_lookup(diag_lang(s->d),
	                                     "the commune's département"));
	value_pos at = value_where(lat);
	const char *file = at.file ? at.file : p->file;
	if (in_commune_area(d, lo, la))
		diag_report(
		    s->d, DIAG_WARNING, file, at.line, at.col,
		    "lat and lon seem swapped: the point lat %s, lon %s "
		    "is outside %s, and lat %s, lon %s is inside; swap "
		    "them (many map sites write the longitude first)",
		    a, b, where, b, a);
	else
		diag_report(s->d, DIAG_WARNING, file, at.line, at.col,
		            "the point lat %s, lon %s is outside %s: the map "
		            "links and the calendars would send residents "
		            "there; copy lat and lon again from a map (on "
		            "openstreetmap.org: right-click, 'Show address')",
		            a, b, where);
}

/*
 * The points of the pages published, when the site has errors and
 * build_views() is not reached: a point is checked against site.yaml
 * alone, so it is as wrong next to a time refused as without it, and
 * said in the same run (outside tester 33 F4: it came once the time was
 * mended).  A page whose lat or lon is refused is left out (nothing to
 * place).  The other checks of build_views() read the pages' views,
 * which need the whole site right, and wait for it.
 */
static void
warn_far_points(site *s)
{
	for (size_t i = 0; i < s->npages; i++) {
		const page *p = s->pages[i];
		const value *m = checked_fields(p);
		if (m != NULL && p->path != NULL &&
		    site_url_fields_published(s, m))
			warn_far_point(s, p);
	}
}

/*
 * The photos of the pages published, when the site has errors: the
 * photo stage checks each one's bytes (a format other than its name's, a
 * file damaged or too large), which no page's error changes, so the
 * caller says them in the same run (outside tester 33 F4: a PNG named
 * .jpg was said once a photo missing from « photos » was listed).  A
 * photo field refused names no photo (partial fields); the photos found
 * only while rendering (linked from the text) wait for a right site.
 */
static void
gather_photos(site *s)
{
	view_env e = site_make_env(s);
	for (size_t i = 0; i < s->npages; i++) {
		page *p = s->pages[i];
		const value *m = checked_fields(p);
		if (m == NULL || p->path == NULL ||
		    !site_url_fields_published(s, m))
			continue;
		view_add_files(&e, value_map(s->a), m, p->file);
		site_link_body_images(s, p);
	}
}

/*
 * An announcement without its end date (the short form, "annonce: Atelier
 * préau annulé à cause de la pluie", what a hurried editor writes on the
 * morning of the day) stays on every page until someone removes it:
 * months later, after « La journée a eu lieu » (outside tester 26 F10).
 * Once the current edition's day has passed, a note says so at the
 * field.  A note, as for the statut left at propose: time passing must
 * not make the hooks refuse a push.
 */
static void
note_lasting_announcement(site *s)
{
	const value *an = value_get(s->config, "annonce");
	const char *text = value_get_string(value_get(an, "texte"));
	const char *day =
	    s->current == NULL
	        ? NULL
	        : value_get_string(value_get(s->current->meta, "date"));
	civil_date d;
	if (text == NULL || *text == '\0' || value_get(an, "fin") != NULL ||
	    day == NULL || !date_parse(day, &d) || date_cmp(d, s->today) >= 0)
		return;
	value_pos at = value_where(an);
	diag_report(s->d, DIAG_NOTE, at.file ? at.file : "site.yaml", at.line,
	            at.col,
	            "the announcement '%s' has no end date, so it is still on "
	            "every page although the day (%s) has passed: add 'fin:' "
	            "with its last day (annonce: {texte: ..., fin: %s}), or "
	            "remove it",
	            text, day, day);
}

static void
build_views(site *s)
{
	view_env e = site_make_env(s);
	e.terms = strmap_new(s->a);
	e.dates = strmap_new(s->a);
	for (size_t i = 0; i < s->neds; i++) {
		struct edition *ed = &s->eds[i];
		ed->view =
		    view_edition(&e, ed->meta, ed->year,
		                 arena_printf(s->a, "/editions/%d/", ed->year));
		details_edition(&e, ed->view);
		signup_edition(&e, ed->view, s->today);
	}
	s->view = view_site(&e, s->today);
	s->edition_view = s->current ? s->current->view : NULL;
	struct views_pass vp = {.env = e};
	vp.pages = xcalloc(s->npages + 1, sizeof(*vp.pages));
	size_t n = 0;
	for (size_t i = 0; i < s->npages; i++) {
		page *p = s->pages[i];
		if (p->draft || p->path == NULL)
			continue;
		view_add_terms(&vp.env, p->meta);
		view_share_history(&vp.env, p->file);
		vp.pages[n++] = p;
	}
	vp.env.terms_ready = true;
	vp.env.dates_ready = true;
	vp.items = xcalloc(n + 1, sizeof(*vp.items));
	site_load_each(s, n, view_task, &vp);
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < vp.items[i].n; k++) {
			const struct photo_ask *ph = &vp.items[i].asks[k];
			site_link_view_publish_image(s, ph->doc, ph->path,
			                             ph->target, ph->prefix);
		}
	for (size_t i = 0; i < n; i++) {
		site_link_body_images(s, vp.pages[i]);
		warn_still_proposed(s, vp.pages[i]);
		warn_done_too_soon(s, vp.pages[i]);
		warn_far_point(s, vp.pages[i]);
	}
	note_lasting_announcement(s);
	free(vp.items);
	free(vp.pages);
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

/* A workshop named by a story or a recap is left out of its list while
 * it is a draft: said, as a link to it in the text is (an error there,
 * since a link cannot be left out of a sentence). */
static void
warn_draft_ref(site *s, const value *ref, const char *key)
{
	value_pos at = value_where(ref);
	diag_report(s->d, DIAG_WARNING, at.file, at.line, at.col,
	            "'%s' is a draft or not yet published: this page leaves it "
	            "out of its workshops until it is published",
	            key);
}

/*
 * A recap of one edition naming a workshop of another: most often last
 * year's workshop file edited in place for this year (its edition or
 * date changed), so the recap now links to next year's page and the
 * archive lost it (outside tester 25 F1).  Said at the recap's line,
 * with the yearly rule of README's « A workshop that comes back every
 * year ».
 */
static void
warn_other_edition(site *s, const page *p, const page *t, const value *ref,
                   const char *key)
{
	const value *ped = value_get(p->meta, "edition");
	if (ped == NULL || strcmp(p->kind, "retour") != 0 ||
	    strcmp(t->kind, "atelier") != 0)
		return;
	int py = (int)value_get_number(ped);
	int ty = (int)value_get_number(value_get(t->view, "edition"));
	if (ty == 0 || ty == py)
		return;
	value_pos at = value_where(ref);
	diag_report(s->d, DIAG_WARNING, at.file, at.line, at.col,
	            "'%s' is a workshop of the %d edition, and this recap is "
	            "of the %d edition: if its file was edited for %d, give "
	            "it back its %d version (git log -p %s.md shows it) and "
	            "copy it for %d, as a workshop that comes back every year "
	            "is one file per year; else name the %d workshop here",
	            key, ty, py, ty, py, key, ty, py);
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
			if (t != NULL && t->draft)
				warn_draft_ref(s, value_at(refs, r), key);
			if (t == NULL || t->draft || t->view == NULL)
				continue;
			site_link_warn_ref_left(s, p, t, value_at(refs, r));
			warn_other_edition(s, p, t, value_at(refs, r), key);
			value_push(s->a, targets, t->view);
			push_to(s, t->view, back, p->view);
		}
		value_set(s->a, p->view, "ateliers", targets);
	}
}

/*
 * With historique.auteurs, people agreed to their names on the pages, not
 * to their e-mail address or phone: a git user.name holding one is left
 * out (history.c), and said once, with the two ways to give a name.
 */
static void
warn_hidden_authors(site *s)
{
	if (!value_get_bool(value_path(s->config, "historique.auteurs")))
		return;
	size_t n;
	const char *const *names = history_hidden(s->history, &n);
	for (size_t i = 0; i < n; i++)
		diag_report(s->d, DIAG_WARNING, config_path(s->src, s->a), 0, 0,
		            "the git name of an author, '%s', is or holds an "
		            "e-mail address or a phone number: it is not "
		            "published among the pages' authors; give a name "
		            "with 'git config user.name \"Firstname Name\"', "
		            "or map it to one in the repository's .mailmap",
		            names[i]);
}

/*
 * The urls site.yaml gave (siteaddr.h), and, when its last change moved
 * the site, what stays and what the webmaster must do at the old address
 * (outside tester 23 F2, F12).  An event (diag.h), not a content
 * warning: --strict, which the hooks build with, must not refuse the
 * commit that moves the site.
 */
static void
read_addresses(site *s)
{
	const char *yaml = site_tree_path_of(s, "site.yaml");
	siteaddr_find(source_repo(s->src), history_get(s->history, yaml),
	              s->config, s->a, &s->addr);
	if (s->addr.previous == NULL)
		return;
	value_pos at = value_where(value_get(s->config, "url"));
	diag_event_at(
	    s->d, DIAG_WARNING, at.file, at.line, at.col,
	    "url: the site's address changed, from %s/ to %s/; residents' "
	    "calendars and feed readers keep knowing its workshops by the "
	    "first address (%s/): their UIDs and ids do not change.  Keep the "
	    "old address answering: every old page, /programme.ics included, "
	    "redirected (301) to the new address, and at its root the sw.js "
	    "that removes the old service worker from residents' phones: "
	    "fabrique redirect --out DIR writes them; see docs/deploy.md, "
	    "« Changer l'adresse du site »",
	    s->addr.previous,
	    siteaddr_trim(s->a, value_get_string(value_get(s->config, "url"))),
	    s->addr.first);
}

/* Dates and authors of every page, for a git source: one walk, made on
 * its own thread since site_load() began (history_start()). */
static int
load_history(site *s, history_job *walk)
{
	struct git_repository *repo = source_repo(s->src);
	if (repo == NULL) {
		/* no history (--worktree, a folder): the events are known by
		 * the url as it is, not by none (siteaddr.h) */
		siteaddr_find(NULL, NULL, s->config, s->a, &s->addr);
		return 0;
	}
	s->history = walk != NULL ? history_finish(walk, s->d)
	                          : history_walk(repo, source_commit(s->src),
	                                         s->root, s->d);
	if (s->history == NULL)
		return -1;
	warn_hidden_authors(s);
	read_addresses(s);
	return 0;
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
	s->yes = value_bool(a, true);
	s->no = value_bool(a, false);
	s->by_slug = strmap_new(a);
	s->by_url = strmap_new(a);
	s->published = strmap_new(a);
	s->image_by_tree = strmap_new(a);
	s->image_by_out = strmap_new(a);
	s->photo_outs = strmap_new(a);
	pthread_mutex_init(&s->lock, NULL);
	pthread_mutex_init(&s->read_lock, NULL);
	s->reread = source_repo(src) != NULL;
	return s;
}

/* The {{page.x}} names of the site's own templates, against every
 * page's view and the model of every kind there is (a name only
 * workshops have is right in a partial that recaps show too). */
static void
check_page_names(site *s)
{
	if (!theme_has_page_names(s->th))
		return;
	const value **views = xmalloc((s->npages + 1) * sizeof(*views));
	const char **kinds = xmalloc((s->npages + 1) * sizeof(*kinds));
	strmap *seen = strmap_new(s->a);
	size_t nviews = 0, nkinds = 0;
	for (size_t i = 0; i < s->npages; i++) {
		const page *p = s->pages[i];
		if (p->view != NULL)
			views[nviews++] = p->view;
		if (p->kind != NULL && strmap_get(seen, p->kind) == NULL) {
			strmap_put(seen, p->kind, (void *)p->kind);
			kinds[nkinds++] = p->kind;
		}
	}
	theme_check_page_names(s->th, views, nviews, s->sc, kinds, nkinds,
	                       s->d);
	free(views);
	free(kinds);
}

site *
site_load(source *src, theme *th, const site_opts *o, arena *a, diag *d)
{
	site *s = site_new(src, th, o, a, d);
	if (load_config(s) != 0) {
		site_free(s);
		return NULL;
	}
	history_job *walk = history_start(src);
	/* One check says every error it can: the pages whose front matter
	 * is wrong are still found by their file, and every page readable
	 * is checked, its fields and its links. */
	site_spill_bodies(s);
	site_load_open_cache(s);
	int rc = scan(s);
	site_load_close_cache(s);
	strmap_reserve(s->by_key, s->npages);
	for (size_t i = 0; i < s->npages; i++)
		if (site_url_assign_slug(s, s->pages[i]) != 0)
			rc = -1;
	site_url_index_slugs(s);
	/* a page's wrong field stops the build, not the check: the stages
	 * after it still run, so that site.yaml's url fields (menu,
	 * annonce) are checked in the same run, not once it is fixed */
	bool invalid = validate(s) != 0;
	if (rc == 0)
		rc = check_edition_years(s);
	if (rc == 0)
		rc = pick_edition(s);
	if (rc == 0)
		rc = check_edition_names(s);
	if (rc == 0) {
		check_workshop_days(s);
		if (s->current != NULL)
			signup_check_edition(s->current->meta, s->today, s->d);
		site_gen_mark_drafts(s);
		site_gen_reserve(s);
		rc = site_url_assign_urls(s);
	}
	if (rc == 0)
		rc = site_theme_add_aliases(s);
	/* every address known: a wrong one is said with the links to it,
	 * which are still checked with the other pages' */
	s->urls_known = rc == 0;
	if (rc == 0)
		(void)site_path_check_fields(s);
	if (invalid)
		rc = -1;
	/* the site's own theme files, whatever the pages hold */
	theme_check_site_files(s->th, s->unsafe, s->d);
	/*
	 * With errors, what is still said: each page's checks on what could
	 * be checked of its fields (checked_fields()), its links, its
	 * points, its photos' bytes (the caller).  What waits for a right
	 * site, to avoid messages that would be wrong or only echo an
	 * error: what follows a wrong edition file or year (no current
	 * edition: every day and address would be judged against a guess),
	 * and what reads the views or the history (moved or gone pages,
	 * past workshops, the templates' names), made from every page.
	 */
	if (rc != 0 || diag_count(d, DIAG_ERROR) > 0) {
		s->incomplete = true;
		warn_far_points(s);
		site_link_check_bodies(s);
		site_theme_check_colours(s);
		history_finish(walk, NULL);
		if (s->opts.keep_incomplete) {
			gather_photos(s);
			return s;
		}
		site_free(s);
		return NULL;
	}
	if (load_history(s, walk) != 0) {
		site_free(s);
		return NULL;
	}
	site_url_warn_moved(s);
	site_url_event_keys(s);
	site_url_slot_ids(s);
	warn_moved_workshops(s);
	site_gone_warn(s);
	site_past_check(s);
	site_load_drop_raw(s);
	/* the bodies parked (site_park_body()): the render reads no page
	 * from git again, what libgit2 kept of the loading would only wait
	 * for the end (without them it fills again as they are read) */
	if (s->spill != NULL)
		source_drop_caches(s->src);
	build_views(s);
	link_views(s);
	site_gen_fill(s);
	site_theme_add_navigation(s);
	site_theme_add_data(s);
	theme_check_site_names(s->th, s->view, s->sc, site_view_sometimes(s->a),
	                       s->d);
	check_page_names(s);
	return s;
}

void
site_free(site *s)
{
	if (s == NULL)
		return;
	pthread_mutex_destroy(&s->lock);
	pthread_mutex_destroy(&s->read_lock);
	blobmemo_save(s->revmemo); /* a failure: made again next build */
	blobmemo_free(s->revmemo);
	s->revmemo = NULL;
	scratch_free(s->spill);
	s->spill = NULL;
	history_free(s->history);
	s->history = NULL;
	free(s->files);
	s->files = NULL;
	free(s->anchor_links);
	s->anchor_links = NULL;
	s->nanchor_links = 0;
	free(s->images);
	s->images = NULL;
	free(s->paths.v);
	s->paths.v = NULL;
	for (size_t i = 0; i < s->nwarenas; i++)
		arena_free(s->warenas[i]);
	free(s->warenas);
	s->warenas = NULL;
	s->nwarenas = 0;
	site_load_drop_raw(s);
	for (size_t i = 0; i < s->npages; i++) {
		free(s->pages[i]->plain);
		s->pages[i]->plain = NULL;
		free(s->pages[i]->plain_file);
		s->pages[i]->plain_file = NULL;
		free(s->pages[i]->anchors);
		s->pages[i]->anchors = NULL;
		free(s->pages[i]->text);
		s->pages[i]->text = NULL;
	}
}

bool
site_incomplete(const site *s)
{
	return s->incomplete;
}

void
site_load_counts(const site *s, size_t *reused, size_t *parsed)
{
	*reused = s->lc_hits;
	*parsed = s->lc_misses;
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

const char *
site_base(const site *s)
{
	return s->subpath ? s->subpath : "";
}

const char *
site_identity_url(const site *s)
{
	return s->addr.first != NULL ? s->addr.first : "";
}

bool
site_ids_2026_11(const site *s)
{
	return s->addr.forms_2026_11;
}

const char *
site_uid_origin(const site *s, arena *a)
{
	return s->addr.forms_2026_11
	           ? urlbase_uid_host(a, site_identity_url(s))
	           : urlbase_uid_origin(a, site_identity_url(s));
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

void
site_file_origin(site *s, size_t i, const char **file, unsigned *line,
                 unsigned *col)
{
	*file = s->files[i].from;
	*line = s->files[i].line;
	*col = s->files[i].col;
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
site_image_failed(site *s, size_t i)
{
	struct image *im = s->images[i];
	if (!im->linked) /* its error is said: the build fails with it */
		im->src =
		    url_path(s->a, arena_printf(s->a, "/%s.jpg", im->out_base));
}

void
site_image_made(site *s, size_t i, const char *path)
{
	strmap_put(s->photo_outs,
	           url_path(s->a, arena_printf(s->a, "/%s", path)),
	           s->images[i]);
}

bool
site_logo(const site *s, const char **tree, const char **blob_id,
          const char **out_base)
{
	if (s->logo == NULL)
		return false;
	*tree = s->logo->tree;
	*blob_id = s->logo->id;
	*out_base = s->logo->out_base;
	return true;
}

bool
site_image_in_views(const site *s, size_t i)
{
	return s->images[i]->ntargets > 0;
}

/*
 * What an image of photo i in a page's text shows (markdown.h): its
 * variants, for the width of the text's column, which the theme says
 * (theme.yaml, images: taille_texte, a sizes attribute); the default is
 * the commune theme's .texte, 42rem wide inside 1rem margins.
 */
static const char *
picture_of(site *s, const value *fields)
{
	const char *sizes = value_get_string(
	    value_path(theme_config(s->th), "images.taille_texte"));
	markdown_picture p = {
	    value_get_string(value_get(fields, "url")),
	    value_get_string(value_get(fields, "webp_srcset")),
	    value_get_string(value_get(fields, "jpeg_srcset")),
	    sizes ? sizes : "(min-width: 44rem) 42rem, calc(100vw - 2rem)",
	    (int)value_get_number(value_get(fields, "largeur")),
	    (int)value_get_number(value_get(fields, "hauteur"))};
	if (p.src == NULL || p.webp_srcset == NULL || p.jpeg_srcset == NULL ||
	    p.width <= 0 || p.height <= 0)
		return NULL;
	return markdown_picture_dest(s->a, &p);
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
		           : value_kind_of(f) == VALUE_BOOL
		               ? value_bool(s->a, value_get_bool(f))
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
	if (src != NULL && !im->linked) {
		im->src = arena_strdup(s->a, src);
		im->picture = picture_of(s, fields);
	}
}

void
site_set_plain(site *s, size_t i, char *text, size_t len,
               const unsigned char *digest)
{
	page *p = s->pages[i];
	free(p->plain);
	p->plain = text;
	p->plain_len = len;
	p->parked = false;
	free(p->plain_file);
	p->plain_file = NULL;
	if (digest != NULL)
		memcpy(p->plain_digest, digest, HASH_RAW);
	else
		hash_raw(len > 0 ? text : "", len, p->plain_digest);
	p->plain_hashed = true;
}

bool
site_plain_digest(const page *p, unsigned char out[HASH_RAW])
{
	if (!p->plain_hashed)
		return false;
	memcpy(out, p->plain_digest, HASH_RAW);
	return true;
}

void
site_spill_plain(site *s, const char *dir)
{
	if (dir == NULL || s->spill != NULL)
		return;
	s->spill = scratch_open(dir, ".plain");
}

void
site_spill_bodies(site *s)
{
	if (!s->reread || s->opts.cache == NULL || s->spill != NULL ||
	    fsutil_mkdirs(s->opts.cache) != 0)
		return;
	site_spill_plain(s, s->opts.cache);
}

void
site_park_body(site *s, page *p)
{
	if (s->spill == NULL || p->body == NULL)
		return;
	long long off = scratch_put(s->spill, p->body, p->body_len);
	if (off < 0)
		return; /* read from the source again */
	p->body_at = off;
	p->body_parked = true;
}

void
site_plain_at(site *s, size_t i, char *path, long long off)
{
	page *p = s->pages[i];
	free(p->plain_file);
	p->plain_file = path;
	p->plain_off = off;
}

void
site_park_plain(site *s, size_t i)
{
	page *p = s->pages[i];
	if (s->spill == NULL || p->plain == NULL)
		return;
	if (p->plain_file != NULL && p->plain_hashed) {
		free(p->plain);
		p->plain = NULL;
		p->parked = true;
		return;
	}
	long long off = scratch_put(s->spill, p->plain, p->plain_len);
	/* a failed write (full disk) keeps the text in memory */
	if (off < 0)
		return;
	free(p->plain);
	p->plain = NULL;
	p->plain_off = off;
	p->parked = true;
}

/* Reads a parked text back. */
static void
read_parked(const page *p, buf *out)
{
	if (!scratch_read(p->owner->spill, p->plain_off, p->plain_len, out))
		/* never published cut short */
		diag_report(p->owner->d, DIAG_ERROR, p->file, 0, 0,
		            "cannot read this file");
}

/* A text parked in a cached render's entry (site_plain_at()), read and
 * checked against its digest: an entry removed or rewritten since (by
 * hand, or by another build whose links differed) is never published. */
static void
read_in_file(const page *p, buf *out)
{
	size_t start = out->len;
	buf_grow(out, p->plain_len);
	char *dst = out->data + start;
	int fd = open(p->plain_file, O_RDONLY | O_CLOEXEC);
	bool ok =
	    fd >= 0 && lseek(fd, (off_t)p->plain_off, SEEK_SET) >= 0 &&
	    fsutil_read_full(fd, dst, p->plain_len) == (ssize_t)p->plain_len;
	if (fd >= 0)
		close(fd);
	unsigned char h[HASH_RAW];
	if (ok) {
		hash_raw(p->plain_len > 0 ? dst : "", p->plain_len, h);
		ok = memcmp(h, p->plain_digest, HASH_RAW) == 0;
	}
	out->len = ok ? start + p->plain_len : start;
	out->data[out->len] = '\0';
	if (!ok)
		diag_report(p->owner->d, DIAG_ERROR, p->file, 0, 0,
		            "cannot read this file");
}

void
site_plain_text(const page *p, buf *out)
{
	if (p->plain != NULL)
		buf_put(out, p->plain, p->plain_len);
	else if (p->parked && p->plain_file != NULL)
		read_in_file(p, out);
	else if (p->parked)
		read_parked(p, out);
	else if (p->body != NULL) {
		const site *s = p->owner;
		markdown_opts o = {0};
		if (s != NULL) {
			o = (markdown_opts){.french = s->french};
			site_markdown_contacts(s, NULL, &o);
		}
		markdown_plain_text(p->body, p->body_len, &o, out);
	}
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
site_page_has_body(const page *p)
{
	return p->has_body;
}

/* The blob's length and the body's place were recorded when the page was
 * loaded; a file that does not match them any more is not used. */
const char *
site_page_body(site *s, const page *p, char **owned)
{
	*owned = NULL;
	if (p->body != NULL || !p->has_body)
		return p->body;
	char *text;
	size_t len;
	if (p->body_parked) {
		buf b = BUF_INIT;
		if (scratch_read(s->spill, p->body_at, p->body_len, &b))
			return *owned = buf_detach(&b, &len);
		buf_free(&b);
		diag_report(s->d, DIAG_ERROR, p->file, 0, 0,
		            "cannot read this file");
		return NULL;
	}
	pthread_mutex_lock(&s->read_lock);
	int rc = source_read(s->src, p->file, &text, &len);
	pthread_mutex_unlock(&s->read_lock);
	if (rc != 0)
		return NULL;
	if (len != p->text_len || p->body_off + p->body_len > len) {
		/* cannot happen with git's content-addressed blobs; a
		 * guard, not a case */
		diag_report(s->d, DIAG_ERROR, p->file, 0, 0,
		            "cannot read this file");
		free(text);
		return NULL;
	}
	*owned = text;
	return text + p->body_off;
}

const history_file *
site_page_history(const site *s, const page *p)
{
	return p->path != NULL ? history_get(s->history, p->file) : NULL;
}

eventrev_base
site_event_base(site *s, int year)
{
	const struct edition *ed = site_find_edition(s, year);
	eventrev_base b = {
	    .edition = ed != NULL ? history_get(s->history, ed->file) : NULL,
	    .site =
	        s->history != NULL
	            ? history_get(s->history, site_tree_path_of(s, "site.yaml"))
	            : NULL};
	return b;
}

const source *
site_source(const site *s)
{
	return s->src;
}

blobmemo *
site_revmemo(const site *s)
{
	return s->revmemo;
}
