#include "theme.h"

#include <ctype.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "bytes.h"
#include "filetype.h"
#include "hash.h"
#include "msgcat.h"
#include "path.h"
#include "schema.h"
#include "strmap.h"
#include "submodule.h"
#include "themescan.h"
#include "tplmark.h"
#include "url.h"
#include "yamldoc.h"

#ifndef FABRIQUE_DATADIR
#define FABRIQUE_DATADIR "/usr/local/share/fabrique"
#endif

#define MAX_LAYERS 4

struct layer {
	source *src;
	const char *prefix; /* tree path of the layer's root, with '/' */
	bool owned;         /* opened here, freed here */
	bool site;          /* SITE/theme/: the site's own overrides */
	/* in the commune's repository (SITE/theme/, themes/NAME/ committed
	 * or a submodule there): whoever can commit writes it, so its files
	 * are checked (theme_check_site_files()) */
	bool repo;
	/* before a file's path, to show a webmaster where it is: the folder
	 * of a theme on disk, the submodule's folder; "" in the site's tree */
	const char *shown;
};

/* A {{site.x.y}} or {{page.x.y}} of a template, to be checked against
 * the views and the model once they are known
 * (theme_check_site_names(), theme_check_page_names()). */
struct site_tag {
	const char *file, *path; /* path: "x.y", after "site." */
	unsigned line, col;
};

/* The names under one root (site. or page.) of the site's own
 * templates, to check; those of the theme's, known good (a key only
 * some sites, or some pages, have). */
struct names {
	struct site_tag *tags;
	size_t ntags, captags;
	const char **known;
	size_t nknown, capknown;
};

struct tfile {
	const char *rel; /* path inside the theme */
	struct layer *layer;
	const source_file *sf;
	char *archetype; /* its text, once read by theme_archetype() */
};

struct asset {
	const char *rel, *out, *url; /* out: its path in the output */
	struct tfile *file;
};

struct theme {
	arena *a;
	struct layer layers[MAX_LAYERS];
	int nlayers;
	struct tfile *files;
	size_t nfiles;
	struct asset *assets;
	size_t nassets;
	mustache_set *templates;
	value *i18n, *config, *schema, *asset_urls;
	const char *origin;
	const char *disk_dir;    /* the layer outside the site's tree, if any */
	const char *name, *lang; /* lang: of the strings, i18n/LANG.yaml */
	struct names site_names, page_names; /* site.x, page.x */
	/* the theme's templates a site's own replace: read for their
	 * names only (a copied template keeps its theme's names) */
	struct tfile *shadowed;
	size_t nshadowed, capshadowed;
	const char *conf; /* site.yaml, for messages about the two below */
	value_pos name_at, lang_at; /* 'theme:' and 'langue:' in it, if known */
};

/* What site.yaml asks for, and where it says so. */
struct choice {
	const char *name, *lang;
	value_pos name_at, lang_at;
};

static const char *
join(arena *a, const char *dir, const char *name)
{
	if (*dir == '\0')
		return arena_strdup(a, name);
	return arena_printf(a, "%s/%s", dir, name);
}

static bool
tree_has_dir(source *s, const char *prefix)
{
	const source_file *files;
	size_t n;
	return source_list(s, prefix, &files, &n) == 0 && n > 0;
}

static bool
dir_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static void
add_layer(theme *t, source *s, const char *prefix, bool owned)
{
	struct layer *l = &t->layers[t->nlayers++];
	l->src = s;
	/* a theme folder outside git is its own root: no prefix at all */
	l->prefix = *prefix ? arena_printf(t->a, "%s/", prefix) : "";
	l->owned = owned;
	l->shown = "";
}

/* The folder of the running program, so a fabrique built and not
 * installed finds the themes/ of its own source tree, and a relocated
 * install its ../share/fabrique/themes; NULL if unknown. */
static const char *
exe_dir(arena *a)
{
	char path[4096];
	ssize_t n = readlink("/proc/self/exe", path, sizeof(path) - 1);
	if (n <= 0)
		return NULL;
	path[n] = '\0';
	char *slash = strrchr(path, '/');
	if (slash == NULL)
		return NULL;
	*slash = '\0';
	return arena_strdup(a, path);
}

#define NBASES 5

/* Folders of themes on disk, outside the site's tree, in the order they
 * are tried: $FABRIQUE_THEMES, beside the program (source tree,
 * relocatable install), then the install's.  An entry may be NULL. */
static void
disk_bases(arena *a, const char *bases[NBASES])
{
	const char *exe = exe_dir(a);
	bases[0] = getenv("FABRIQUE_THEMES");
	bases[1] = exe ? arena_printf(a, "%s/themes", exe) : NULL;
	/* a build in an object folder (build/asan/fabrique) */
	bases[2] = exe ? arena_printf(a, "%s/../../themes", exe) : NULL;
	bases[3] =
	    exe ? arena_printf(a, "%s/../share/fabrique/themes", exe) : NULL;
	bases[4] = FABRIQUE_DATADIR "/themes";
}

static bool
add_disk_layer(theme *t, const char *name, diag *d)
{
	const char *bases[NBASES];
	disk_bases(t->a, bases);
	for (size_t i = 0; i < NBASES; i++) {
		if (bases[i] == NULL || *bases[i] == '\0')
			continue;
		const char *dir = arena_printf(t->a, "%s/%s", bases[i], name);
		if (!dir_exists(dir))
			continue;
		source *s = source_open_dir(dir, d);
		if (s == NULL)
			return false;
		add_layer(t, s, source_site_path(s), true);
		t->layers[t->nlayers - 1].shown =
		    arena_printf(t->a, "%s/", dir);
		t->origin = t->disk_dir = dir;
		return true;
	}
	return false;
}

#define MAX_NAMES 32

/* Adds name to the sorted set names[*n] (at most MAX_NAMES). */
static void
add_name(arena *a, const char **names, size_t *n, const char *name, size_t len)
{
	size_t i;
	for (i = 0; i < *n; i++) {
		int c = strncmp(names[i], name, len);
		if (c == 0 && names[i][len] == '\0')
			return;
		if (c > 0 || (c == 0 && names[i][len] != '\0'))
			break;
	}
	if (*n == MAX_NAMES || len == 0 || name[0] == '.')
		return;
	memmove(names + i + 1, names + i, (*n - i) * sizeof(*names));
	names[i] = arena_strndup(a, name, len);
	(*n)++;
}

/* The themes a site could name: the folders of themes/ in its
 * repository and in the folders on disk add_disk_layer() looks in. */
static size_t
list_themes(theme *t, source *src, const char **names)
{
	size_t n = 0;
	const source_file *files;
	size_t nf;
	if (source_list(src, "themes/", &files, &nf) == 0)
		for (size_t i = 0; i < nf; i++) {
			const char *rest = files[i].path + 7;
			const char *slash = strchr(rest, '/');
			if (slash != NULL)
				add_name(t->a, names, &n, rest,
				         (size_t)(slash - rest));
		}
	const char *bases[NBASES];
	disk_bases(t->a, bases);
	for (size_t i = 0; i < NBASES; i++) {
		DIR *dir = bases[i] && *bases[i] ? opendir(bases[i]) : NULL;
		for (struct dirent *e; dir && (e = readdir(dir)) != NULL;)
			if (dir_exists(arena_printf(t->a, "%s/%s", bases[i],
			                            e->d_name)))
				add_name(t->a, names, &n, e->d_name,
				         strlen(e->d_name));
		if (dir != NULL)
			closedir(dir);
	}
	return n;
}

/* site.yaml names a theme that is nowhere: say which themes there are,
 * and the one most likely meant, at the 'theme:' line. */
static void
report_no_theme(theme *t, source *src, const char *name, diag *d)
{
	const char *names[MAX_NAMES];
	size_t n = list_themes(t, src, names);
	const char *hint = schema_closest(names, n, name);
	const char *all = schema_join(t->a, names, n, "");
	value_pos at = t->name_at;
	if (hint != NULL)
		diag_report(d, DIAG_ERROR, t->conf, at.line, at.col,
		            "theme '%s' not found; did you mean '%s'? Themes "
		            "found: %s",
		            name, hint, all);
	else if (n > 0)
		diag_report(d, DIAG_ERROR, t->conf, at.line, at.col,
		            "theme '%s' not found; themes found: %s. Write one "
		            "of them after 'theme:', or copy your theme into "
		            "themes/%s/ of the repository",
		            name, all, name);
	else
		diag_report(d, DIAG_ERROR, t->conf, at.line, at.col,
		            "theme '%s' not found: looked in themes/%s/ of the "
		            "repository, in $FABRIQUE_THEMES, beside the "
		            "fabrique program and in %s/themes; copy the theme "
		            "into themes/%s/ of the repository, or install "
		            "fabrique (make install)",
		            name, name, FABRIQUE_DATADIR, name);
}

/* themes/NAME is a submodule whose commit no repository at hand holds:
 * its commit and where it comes from, and how to get it, at 'theme:'.
 * (Not "not found": the webmaster sees the folder right there.) */
static void
report_submodule(theme *t, const char *dir, const submodule_info *in, diag *d)
{
	value_pos at = t->name_at;
	const char *url = in->url != NULL ? in->url : "?";
	if (in->stale != NULL)
		diag_report(d, DIAG_ERROR, t->conf, at.line, at.col,
		            "the theme %s/ is a git submodule at commit %.7s, "
		            "which its repository %s does not have yet: run "
		            "'git submodule update --init' in the site's "
		            "repository (on a server, 'git fetch' in %s)",
		            dir, in->commit, in->stale, in->stale);
	else if (in->bare)
		diag_report(d, DIAG_ERROR, t->conf, at.line, at.col,
		            "the theme %s/ is a git submodule (commit %.7s of "
		            "%s) whose repository is not on this server: put "
		            "a clone of it where .gitmodules says, or in "
		            "modules/%s of this repository (git clone --bare), "
		            "or commit the theme's files into %s/ instead of a "
		            "submodule",
		            dir, in->commit, url, dir, dir);
	else
		diag_report(d, DIAG_ERROR, t->conf, at.line, at.col,
		            "the theme %s/ is a git submodule (commit %.7s of "
		            "%s) that is not checked out: run 'git submodule "
		            "update --init' in the site's repository, or copy "
		            "the theme's files into %s/ and commit them",
		            dir, in->commit, url, dir);
}

/* themes/NAME as a submodule: its commit's files are the layer.
 * 1 when it is one and was opened, 0 when it is no submodule, -1 after
 * reporting that its commit cannot be read. */
static int
add_submodule_layer(theme *t, source *src, const char *dir, diag *d)
{
	submodule_info in;
	source *sub = submodule_open(src, dir, &in, t->a, d);
	if (sub == NULL && !in.is_submodule)
		return 0;
	if (sub == NULL) {
		report_submodule(t, dir, &in, d);
		return -1;
	}
	add_layer(t, sub, "", true);
	t->layers[t->nlayers - 1].shown = arena_printf(t->a, "%s/", dir);
	t->layers[t->nlayers - 1].repo = true;
	t->origin = arena_printf(t->a, "%s, a submodule of %s",
	                         source_describe(sub), source_describe(src));
	return 1;
}

static int
find_layers(theme *t, source *src, const char *name, diag *d)
{
	const char *site = source_site_path(src);
	const char *over = join(t->a, site, "theme");
	if (tree_has_dir(src, over)) {
		add_layer(t, src, over, false);
		t->layers[t->nlayers - 1].site = true;
		t->layers[t->nlayers - 1].repo = true;
	}
	const char *committed = arena_printf(t->a, "themes/%s", name);
	if (tree_has_dir(src, committed)) {
		add_layer(t, src, committed, false);
		t->layers[t->nlayers - 1].repo = true;
		t->origin = arena_printf(t->a, "%s in %s", committed,
		                         source_describe(src));
		return 0;
	}
	int sub = add_submodule_layer(t, src, committed, d);
	if (sub != 0)
		return sub > 0 ? 0 : -1;
	if (add_disk_layer(t, name, d))
		return 0;
	report_no_theme(t, src, name, d);
	return -1;
}

static struct tfile *
find_file(const theme *t, const char *rel)
{
	for (size_t i = 0; i < t->nfiles; i++)
		if (strcmp(t->files[i].rel, rel) == 0)
			return &t->files[i];
	return NULL;
}

/* Keeps a theme's template that the site's own replaces (collect_files()). */
static void
shadow(theme *t, struct tfile f)
{
	if (t->nshadowed == t->capshadowed) {
		size_t cap = t->capshadowed ? 2 * t->capshadowed : 8;
		t->shadowed = arena_grow(t->a, t->shadowed,
		                         t->nshadowed * sizeof(*t->shadowed),
		                         cap * sizeof(*t->shadowed));
		t->capshadowed = cap;
	}
	t->shadowed[t->nshadowed++] = f;
}

/* Merges the layers' file lists: the first layer holding a path wins. */
static void
collect_files(theme *t)
{
	size_t cap = 0;
	for (int li = 0; li < t->nlayers; li++) {
		struct layer *l = &t->layers[li];
		const source_file *files;
		size_t n, plen = strlen(l->prefix);
		if (source_list(l->src, l->prefix, &files, &n) != 0)
			continue;
		for (size_t i = 0; i < n; i++) {
			const char *rel = files[i].path + plen;
			const struct tfile *won = find_file(t, rel);
			if (won != NULL && won->layer->site && !l->site &&
			    strncmp(rel, "templates/", 10) == 0)
				shadow(t,
				       (struct tfile){rel, l, &files[i], NULL});
			if (won != NULL)
				continue;
			if (t->nfiles == cap) {
				cap = cap ? cap * 2 : 64;
				struct tfile *nf =
				    arena_alloc(t->a, cap * sizeof(*nf));
				if (t->nfiles)
					memcpy(nf, t->files,
					       t->nfiles * sizeof(*nf));
				t->files = nf;
			}
			t->files[t->nfiles++] =
			    (struct tfile){rel, l, &files[i], NULL};
		}
	}
}

static char *
read_tfile(theme *t, const struct tfile *f, size_t *len)
{
	char *data;
	if (source_read(f->layer->src, f->sf->path, &data, len) != 0)
		return NULL;
	char *copy = arena_strndup(t->a, data, *len);
	free(data);
	return copy;
}

static value *
load_yaml(theme *t, const char *rel, diag *d)
{
	struct tfile *f = find_file(t, rel);
	if (f == NULL)
		return value_map(t->a);
	size_t len;
	char *text = read_tfile(t, f, &len);
	if (text == NULL)
		return NULL;
	return yamldoc_load(t->a, arena_strdup(t->a, f->sf->path), text, len, 1,
	                    d);
}

/* Copies src's keys over dst, key by key: maps merge recursively,
 * anything else replaces.  A site's theme/i18n/fr.yaml that changes one
 * label so keeps every other label of the layers below it. */
static void
merge_over(arena *a, value *dst, const value *src)
{
	for (size_t i = 0; i < value_len(src); i++) {
		const char *k = value_key_at(src, i);
		const value *sv = value_val_at(src, i);
		value *dv = (value *)value_get(dst, k);
		if (value_kind_of(sv) == VALUE_MAP &&
		    value_kind_of(dv) == VALUE_MAP)
			merge_over(a, dv, sv);
		else
			value_set(a, dst, k, (value *)sv);
	}
}

/* The theme's strings: rel from every layer that has it, the lowest
 * first, each merged over the ones below (templates and other files
 * are whole-file overrides; strings are too many to copy them all for
 * one change). */
static value *
load_strings(theme *t, const char *rel, diag *d)
{
	value *out = NULL;
	for (int li = t->nlayers - 1; li >= 0; li--) {
		struct layer *l = &t->layers[li];
		const char *path = arena_printf(t->a, "%s%s", l->prefix, rel);
		char *data;
		size_t len;
		if (source_find(l->src, path) == NULL)
			continue;
		if (source_read(l->src, path, &data, &len) != 0)
			return NULL;
		char *text = arena_strndup(t->a, data, len);
		free(data);
		value *v = yamldoc_load(t->a, path, text, len, 1, d);
		if (v == NULL)
			return NULL;
		if (out != NULL && value_kind_of(out) == VALUE_MAP &&
		    value_kind_of(v) == VALUE_MAP)
			merge_over(t->a, out, v);
		else
			out = v;
	}
	return out != NULL ? out : value_map(t->a);
}

/* {{t.deux_points}}, the colon after a label as the strings' language
 * writes it (msgcat_colon(): « Par courriel : », « By e-mail: »), unless
 * the theme's strings give their own: an English site's strings copied
 * from fr.yaml would otherwise keep French typography's space. */
static void
colon_string(theme *t)
{
	if (value_kind_of(t->i18n) == VALUE_MAP &&
	    value_get(t->i18n, "deux_points") == NULL)
		value_set_str(t->a, t->i18n, "deux_points",
		              msgcat_colon(t->lang));
}

/* A {{t.x}} with no string x shows nothing (a blank label, an empty skip
 * link): warn at the tag.  Sections ({{#t.x}}) may test for a string on
 * purpose, so only the tags that print are checked, and not those the
 * template gives a fallback ({{^t.x}}text{{/t.x}}). */
static void
check_string(const theme *t, const char *file, const char *text,
             const char *name, value_pos at, diag *d)
{
	const char *fallback = arena_printf(t->a, "{{^t.%s}}", name);
	if (value_path(t->i18n, name) == NULL && strstr(text, fallback) == NULL)
		diag_report(d, DIAG_WARNING, file, at.line, at.col,
		            "'t.%s' is not in the theme's strings "
		            "(i18n/%s.yaml): the page shows nothing "
		            "there; add it to SITE/theme/i18n/%s.yaml",
		            name, t->lang, t->lang);
}

/* The assets are a closed set known now: an {{assets.x}} naming none
 * prints nothing, so a stylesheet or script link reads href="" (the
 * browser fetches the page itself) and the file silently never applies.
 * An error at the tag, with the name most likely meant. */
static int
check_asset(const theme *t, const char *file, const char *name, value_pos at,
            diag *d)
{
	if (value_get(t->asset_urls, name) != NULL)
		return 0;
	const char **keys =
	    arena_alloc(t->a, (value_len(t->asset_urls) + 1) * sizeof(*keys));
	size_t n = 0;
	for (; n < value_len(t->asset_urls); n++)
		keys[n] = value_key_at(t->asset_urls, n);
	const char *hint = schema_closest(keys, n, name);
	if (hint != NULL)
		diag_report(d, DIAG_ERROR, file, at.line, at.col,
		            "'assets.%s' names no file of the theme's assets/: "
		            "the page would print nothing there; did you mean "
		            "'assets.%s'?",
		            name, hint);
	else
		diag_report(d, DIAG_ERROR, file, at.line, at.col,
		            "'assets.%s' names no file of the theme's assets/: "
		            "the page would print nothing there; an asset "
		            "assets/css/x.css is written assets.css_x_css",
		            name);
	return -1;
}

/* Keeps a {{site.x}} or {{page.x}} (sections too) for the checks of
 * theme_check_site_names() and theme_check_page_names(): from the
 * site's own templates to check, from the theme's as known good. */
static void
note_name(theme *t, struct names *ns, bool own, const char *path, value_pos at)
{
	if (*path == '\0')
		return;
	if (!own) {
		if (ns->nknown == ns->capknown) {
			size_t cap = ns->capknown ? 2 * ns->capknown : 32;
			ns->known = arena_grow(t->a, ns->known,
			                       ns->nknown * sizeof(*ns->known),
			                       cap * sizeof(*ns->known));
			ns->capknown = cap;
		}
		ns->known[ns->nknown++] = path;
		return;
	}
	if (ns->ntags == ns->captags) {
		size_t cap = ns->captags ? 2 * ns->captags : 8;
		ns->tags =
		    arena_grow(t->a, ns->tags, ns->ntags * sizeof(*ns->tags),
		               cap * sizeof(*ns->tags));
		ns->captags = cap;
	}
	ns->tags[ns->ntags++] =
	    (struct site_tag){at.file, path, at.line, at.col};
}

/* The names a template prints ({{x}}, {{{x}}}, {{&x}}) under t. and
 * assets., checked against the strings and the assets; -1 if a name is
 * an error.  Its site.x and page.x names (sections too) are kept for
 * later: the views are not known yet.  The theme's own bare names are
 * page names it knows ({{#page}}{{image_url}}{{/page}}).  d NULL: the
 * names are only kept (a theme's template the site's own replaces). */
static int
check_names(theme *t, const struct tfile *tf, const char *file,
            const char *text, size_t len, diag *d)
{
	int rc = 0;
	value_pos at = {file, 1, 1};
	const char *bol = text;
	for (size_t i = 0; i + 4 < len; i++) {
		if (text[i] == '\n') {
			at.line++;
			bol = text + i + 1;
			continue;
		}
		if (text[i] != '{' || text[i + 1] != '{')
			continue;
		size_t j = i + 2;
		bool section = j < len && (text[j] == '#' || text[j] == '^');
		if (j < len && (text[j] == '{' || text[j] == '&' || section))
			j++;
		while (j < len && text[j] == ' ')
			j++;
		size_t k = j;
		while (k < len &&
		       (isalnum((unsigned char)text[k]) || text[k] == '_' ||
		        text[k] == '.' || text[k] == '-'))
			k++;
		const char *tag = arena_strndup(t->a, text + j, k - j);
		at.col = (unsigned)(text + i - bol) + 1;
		if (strncmp(tag, "site.", 5) == 0)
			note_name(t, &t->site_names, tf->layer->site, tag + 5,
			          at);
		else if (strncmp(tag, "page.", 5) == 0)
			note_name(t, &t->page_names, tf->layer->site, tag + 5,
			          at);
		else if (!tf->layer->site && strncmp(tag, "t.", 2) != 0 &&
		         strncmp(tag, "assets.", 7) != 0 && *tag != '.')
			note_name(t, &t->page_names, false, tag, at);
		if (section || d == NULL)
			continue;
		if (strncmp(tag, "t.", 2) == 0 && tag[2] != '\0')
			check_string(t, file, text, tag + 2, at, d);
		else if (strncmp(tag, "assets.", 7) == 0 && tag[7] != '\0' &&
		         check_asset(t, file, tag + 7, at, d) != 0)
			rc = -1;
	}
	return rc;
}

/* What a {{ROOT.x.y}} is checked against: the views under the root (the
 * site's, or every page's), the kinds of the model they are of, and the
 * names their views have for some of them only. */
struct scope {
	const char *root; /* "site" or "page" */
	const struct names *ns;
	const value *const *views;
	size_t nviews;
	const schema *sc;
	const char *const *kinds;
	size_t nkinds;
	const char *const *sometimes; /* NULL-terminated, or NULL */
};

/* Whether ROOT.PATH (its first n bytes), or a name below it, is one the
 * view has for some sites only, or one the theme's own templates use: a
 * copied template keeps its theme's names. */
static bool
theme_uses(const struct scope *sp, const char *path, size_t n)
{
	for (size_t i = 0; sp->sometimes && sp->sometimes[i] != NULL; i++)
		if (strncmp(sp->sometimes[i], path, n) == 0 &&
		    (sp->sometimes[i][n] == '\0' || sp->sometimes[i][n] == '.'))
			return true;
	for (size_t i = 0; i < sp->ns->nknown; i++) {
		const char *u = sp->ns->known[i];
		if (strncmp(u, path, n) == 0 && (u[n] == '\0' || u[n] == '.'))
			return true;
	}
	return false;
}

/* One level of a name's walk: the views' values there, and the model's
 * names (for a hint). */
struct level {
	const value **nodes;
	size_t nnodes;
	const char **names; /* the views' keys here, each once */
	size_t nnames;
	const char **model;
	size_t nmodel;
};

/* The names a template could have meant at one level: the views' keys
 * there, the model's fields, the theme's names.  Their closest to name. */
static const char *
nearest_name(const theme *t, const struct scope *sp, const struct level *lv,
             const char *prefix, const char *name)
{
	size_t plen = strlen(prefix);
	size_t cap = lv->nnames + lv->nmodel + sp->ns->nknown + 1, n = 0;
	const char **all = arena_alloc(t->a, cap * sizeof(*all));
	for (size_t i = 0; i < lv->nnames; i++)
		all[n++] = lv->names[i];
	for (size_t i = 0; i < lv->nmodel; i++)
		all[n++] = lv->model[i];
	for (size_t i = 0; i < sp->ns->nknown; i++) {
		const char *u = sp->ns->known[i];
		if (plen > 0 &&
		    (strncmp(u, prefix, plen) != 0 || u[plen] != '.'))
			continue;
		u += plen ? plen + 1 : 0;
		all[n++] = arena_strndup(t->a, u, strcspn(u, "."));
	}
	return schema_closest(all, n, name);
}

/* The keys of the maps among the level's nodes, each once (a hint is
 * looked for only for a name that is a slip: rare). */
static void
level_keys(const theme *t, struct level *lv)
{
	strmap *seen = strmap_new(t->a);
	size_t cap = 16;
	lv->names = arena_alloc(t->a, cap * sizeof(*lv->names));
	lv->nnames = 0;
	for (size_t i = 0; i < lv->nnodes; i++)
		for (size_t k = 0; value_kind_of(lv->nodes[i]) == VALUE_MAP &&
		                   k < value_len(lv->nodes[i]);
		     k++) {
			const char *key = value_key_at(lv->nodes[i], k);
			if (strmap_get(seen, key) != NULL)
				continue;
			strmap_put(seen, key, (void *)key);
			if (lv->nnames == cap) {
				const char **n =
				    arena_alloc(t->a, 2 * cap * sizeof(*n));
				memcpy(n, lv->names, cap * sizeof(*n));
				lv->names = n;
				cap *= 2;
			}
			lv->names[lv->nnames++] = key;
		}
}

/* A {{ROOT.x.y}} whose name at offset at (n bytes) names nothing: the
 * path with the name most likely meant in its place, when one is near. */
static void
report_name(const char *root, const struct site_tag *tag, size_t at, size_t n,
            const char *hint, diag *d)
{
	const char *path = tag->path;
	bool site = strcmp(root, "site") == 0;
	if (hint != NULL && site)
		diag_report(d, DIAG_WARNING, tag->file, tag->line, tag->col,
		            "'site.%s' names nothing of the site (no field of "
		            "site.yaml or of its content model has this name): "
		            "the page prints nothing there; did you mean "
		            "'site.%.*s%s%s'?",
		            path, (int)at, path, hint, path + at + n);
	else if (site)
		diag_report(d, DIAG_WARNING, tag->file, tag->line, tag->col,
		            "'site.%s' names nothing of the site (no field of "
		            "site.yaml or of its content model has this name): "
		            "the page prints nothing there; the names under "
		            "site. are site.yaml's fields (the theme's "
		            "schema.yaml, genres: site:)",
		            path);
	else if (hint != NULL)
		diag_report(
		    d, DIAG_WARNING, tag->file, tag->line, tag->col,
		    "'page.%s' names nothing of any page (no field of "
		    "the content model, nor anything fabrique adds, has "
		    "this name): the page prints nothing there; did you "
		    "mean 'page.%.*s%s%s'?",
		    path, (int)at, path, hint, path + at + n);
	else
		diag_report(
		    d, DIAG_WARNING, tag->file, tag->line, tag->col,
		    "'page.%s' names nothing of any page (no field of "
		    "the content model, nor anything fabrique adds, has "
		    "this name): the page prints nothing there; the "
		    "names under page. are the fields of the page's "
		    "front matter (the theme's schema.yaml) and those "
		    "of docs/templates.md",
		    path);
}

/* The model's word on name under prefix, over the scope's kinds: 0 when
 * one of them leaves what is there open (anything goes), else whether
 * one of them has the field; its names for a hint in lv. */
static int
model_knows(const struct scope *sp, const char *prefix, const char *name,
            struct level *lv)
{
	bool known = false;
	lv->model = NULL;
	lv->nmodel = 0;
	for (size_t k = 0; k < sp->nkinds; k++) {
		const char *const *model = NULL;
		size_t nmodel = 0;
		int r = schema_field_names(sp->sc, sp->kinds[k], prefix, &model,
		                           &nmodel);
		if (r == 0)
			return 0;
		if (r != 1)
			continue;
		if (nmodel > lv->nmodel)
			lv->model = (const char **)model, lv->nmodel = nmodel;
		for (size_t i = 0; !known && i < nmodel; i++)
			known = strcmp(model[i], name) == 0;
	}
	return known ? 1 : -1;
}

/* The views' values at name, for the next level: false when one of them
 * is not a map (under a list or a text, anything goes). */
static bool
step_down(const theme *t, struct level *lv, const char *name, bool *found)
{
	const value **next =
	    arena_alloc(t->a, (lv->nnodes + 1) * sizeof(*next));
	size_t n = 0;
	bool maps = true;
	*found = false;
	for (size_t i = 0; i < lv->nnodes; i++) {
		const value *child = value_kind_of(lv->nodes[i]) == VALUE_MAP
		                         ? value_get(lv->nodes[i], name)
		                         : NULL;
		if (child == NULL)
			continue;
		*found = true;
		if (value_kind_of(child) != VALUE_MAP)
			maps = false;
		else
			next[n++] = child;
	}
	lv->nodes = next;
	lv->nnodes = n;
	return maps;
}

/* One {{ROOT.x.y}} of the site's templates: each name down the path must
 * be in one of the views, a field of the model (an optional one this
 * site leaves out prints nothing, rightly) or used by the theme's own
 * templates; under a list or a map the model leaves open, anything goes. */
static void
check_tag(const theme *t, const struct scope *sp, const struct site_tag *tag,
          diag *d)
{
	const char *path = tag->path;
	struct level lv = {.nodes = (const value **)sp->views,
	                   .nnodes = sp->nviews};
	for (size_t at = 0;;) {
		size_t n = strcspn(path + at, ".");
		const char *prefix = arena_strndup(t->a, path, at ? at - 1 : 0);
		const char *name = arena_strndup(t->a, path + at, n);
		int model = model_knows(sp, prefix, name, &lv);
		if (model == 0 || n == 0)
			return;
		struct level here = lv;
		bool found, maps = step_down(t, &lv, name, &found);
		if (!found && model < 0 && !theme_uses(sp, path, at + n)) {
			level_keys(t, &here);
			report_name(sp->root, tag, at, n,
			            nearest_name(t, sp, &here, prefix, name),
			            d);
			return;
		}
		if (path[at + n] == '\0' || !maps)
			return;
		at += n + 1;
	}
}

void
theme_check_site_names(const theme *t, const value *site_view, const schema *sc,
                       const char *const *sometimes, diag *d)
{
	static const char *const kinds[] = {"site"};
	struct scope sp = {"site", &t->site_names, &site_view, 1,
	                   sc,     kinds,          1,          sometimes};
	for (size_t i = 0; i < t->site_names.ntags; i++)
		check_tag(t, &sp, &t->site_names.tags[i], d);
}

bool
theme_has_page_names(const theme *t)
{
	return t->page_names.ntags > 0;
}

void
theme_check_page_names(const theme *t, const value *const *views, size_t nviews,
                       const schema *sc, const char *const *kinds,
                       size_t nkinds, diag *d)
{
	struct scope sp = {"page", &t->page_names, views,  nviews,
	                   sc,     kinds,          nkinds, NULL};
	for (size_t i = 0; i < t->page_names.ntags; i++)
		check_tag(t, &sp, &t->page_names.tags[i], d);
}

/* Whether shadowed[i] is the nearest layer's template of its path: the
 * one the site's copy replaces. */
static bool
first_shadow(const theme *t, size_t i)
{
	for (size_t j = 0; j < i; j++)
		if (strcmp(t->shadowed[j].rel, t->shadowed[i].rel) == 0)
			return false;
	return true;
}

/*
 * Where a webmaster finds f: its layer's folder, then its path in that
 * folder.  A theme folder inside a git checkout (fabrique run from its
 * source tree, not installed) is read from the checkout's tree, whose
 * paths start with the folder's own (themes/commune/…): the path inside
 * the theme goes after the folder, or its name came twice (outside
 * tester 29 F5).
 */
static const char *
shown_path(const theme *t, const struct tfile *f)
{
	if (*f->layer->shown == '\0') /* in the site's tree */
		return f->sf->path;
	return arena_printf(t->a, "%s%s", f->layer->shown, f->rel);
}

/*
 * The site's own copy of a theme's template no longer receives the
 * theme's changes (an accessibility fix, a new button): a note at the
 * copy when the theme's template has a newer version than the one the
 * copy's marker says it started from, or when an unmarked copy is
 * clearly one made before the markers (tplmark.h).  A note, not a
 * warning: the copy still builds, and the hooks must not refuse it.
 * theirs: the theme's template the copy replaces (the nearest layer's).
 */
static void
note_stale_copy(theme *t, const struct tfile *theirs, const char *ttext,
                size_t tlen, diag *d)
{
	const struct tfile *mine = find_file(t, theirs->rel);
	tplmark tm, mm;
	if (mine == NULL || !mine->layer->site ||
	    !tplmark_read(ttext, tlen, &tm))
		return;
	size_t mlen;
	const char *mtext = read_tfile(t, mine, &mlen);
	if (mtext == NULL)
		return;
	const char *own = arena_printf(t->a, "theme/%s", mine->rel);
	size_t n = strlen(theirs->rel) - 10 - (sizeof(".mustache") - 1);
	const char *name = arena_strndup(t->a, theirs->rel + 10, n);
	const char *where = shown_path(t, theirs);
	if (tplmark_read(mtext, mlen, &mm)) {
		if (mm.namelen == tm.namelen &&
		    memcmp(mm.name, tm.name, tm.namelen) == 0 &&
		    mm.version < tm.version)
			diag_report(
			    d, DIAG_NOTE, mine->sf->path, 1, 1,
			    "%s replaces the theme's template '%s', which "
			    "changed since you copied it: your copy started "
			    "from its version %lu, the theme's is now version "
			    "%lu. Compare the two (the theme's is %s), carry "
			    "the theme's changes over into your copy, then "
			    "write %lu in its first line",
			    own, name, mm.version, tm.version, where,
			    tm.version);
	} else if (tplmark_looks_copied(mtext, mlen, ttext, tlen))
		diag_report(d, DIAG_NOTE, mine->sf->path, 1, 1,
		            "%s replaces the theme's template '%s' and seems "
		            "to be a copy of it made before fabrique numbered "
		            "its templates' versions: the theme's may have "
		            "changed since. Compare the two (the theme's is "
		            "%s), carry the theme's changes over into your "
		            "copy, then put the theme's first line at the top "
		            "of yours: %.*s",
		            own, name, where, (int)tm.linelen, ttext);
}

static int
compile_templates(theme *t, diag *d)
{
	static const char ext[] = ".mustache";
	int rc = 0;
	t->templates = mustache_set_new();
	for (size_t i = 0; i < t->nfiles; i++) {
		const char *rel = t->files[i].rel;
		size_t n = strlen(rel);
		if (strncmp(rel, "templates/", 10) != 0 ||
		    n < 10 + sizeof(ext) ||
		    strcmp(rel + n - (sizeof(ext) - 1), ext) != 0)
			continue;
		size_t len;
		char *text = read_tfile(t, &t->files[i], &len);
		const char *name =
		    arena_strndup(t->a, rel + 10, n - 10 - (sizeof(ext) - 1));
		const char *file = arena_strdup(t->a, t->files[i].sf->path);
		if (text != NULL &&
		    check_names(t, &t->files[i], file, text, len, d) != 0)
			rc = -1;
		if (text == NULL || mustache_set_add(t->templates, name, file,
		                                     text, len, d) != 0)
			rc = -1;
	}
	for (size_t i = 0; i < t->nshadowed; i++) {
		const struct tfile *f = &t->shadowed[i];
		size_t len;
		char *text = read_tfile(t, f, &len);
		if (text == NULL)
			continue;
		(void)check_names(t, f, f->sf->path, text, len, NULL);
		if (first_shadow(t, i))
			note_stale_copy(t, f, text, len, d);
	}
	if (rc == 0 && mustache_set_check(t->templates, d) != 0)
		rc = -1;
	return rc;
}

static bool
ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), m = strlen(tail);
	return n >= m && strcasecmp(s + n - m, tail) == 0;
}

/* The texts of the theme's own templates (every layer's but the site's,
 * those the site's replace too), for themescan: what a copy keeps of
 * them is the theme's. */
static size_t
theme_texts(theme *t, const char ***texts, size_t **lens)
{
	size_t cap = t->nfiles + t->nshadowed + 1, n = 0;
	*texts = arena_alloc(t->a, cap * sizeof(**texts));
	*lens = arena_alloc(t->a, cap * sizeof(**lens));
	for (size_t i = 0; i < t->nfiles + t->nshadowed; i++) {
		const struct tfile *f =
		    i < t->nfiles ? &t->files[i] : &t->shadowed[i - t->nfiles];
		if (f->layer->site || strncmp(f->rel, "templates/", 10) != 0)
			continue;
		(*texts)[n] = read_tfile(t, f, &(*lens)[n]);
		if ((*texts)[n] != NULL)
			n++;
	}
	return n;
}

/*
 * The installed theme a theme committed in the repository (themes/NAME/
 * or a submodule there) was most likely copied from, as a layer: the
 * one of its name on disk ($FABRIQUE_THEMES, beside the program,
 * installed), else the default one, commune.  What the committed theme
 * keeps of it word for word (the service worker's registration, its
 * scripts) is the installed theme's, not the committer's.  0 if none.
 */
static int
installed_layer(theme *t, struct layer *l, diag *quiet)
{
	const char *bases[NBASES];
	const char *names[] = {t->name, "commune"};
	disk_bases(t->a, bases);
	for (size_t i = 0; i < 2 * NBASES; i++) {
		const char *base = bases[i % NBASES];
		if (base == NULL || *base == '\0')
			continue;
		const char *dir =
		    arena_printf(t->a, "%s/%s", base, names[i / NBASES]);
		if (!dir_exists(dir) ||
		    (l->src = source_open_dir(dir, quiet)) == NULL)
			continue;
		const char *root = source_site_path(l->src);
		l->prefix = *root ? arena_printf(t->a, "%s/", root) : "";
		l->owned = true;
		return 1;
	}
	return 0;
}

/* The templates' texts of one layer l (the installed theme's). */
static size_t
layer_texts(theme *t, const struct layer *l, const char ***texts, size_t **lens)
{
	const source_file *files;
	size_t nf, n = 0, plen = strlen(l->prefix);
	if (source_list(l->src, l->prefix, &files, &nf) != 0)
		return 0;
	*texts = arena_alloc(t->a, (nf + 1) * sizeof(**texts));
	*lens = arena_alloc(t->a, (nf + 1) * sizeof(**lens));
	for (size_t i = 0; i < nf; i++) {
		char *data;
		if (strncmp(files[i].path + plen, "templates/", 10) != 0 ||
		    source_read(l->src, files[i].path, &data, &(*lens)[n]) != 0)
			continue;
		(*texts)[n] = arena_strndup(t->a, data, (*lens)[n]);
		free(data);
		n++;
	}
	return n;
}

/* The text of rel in layer l, or NULL. */
static const char *
text_in(theme *t, const struct layer *l, const char *rel, const size_t **len)
{
	char *data;
	size_t n;
	const char *path = arena_printf(t->a, "%s%s", l->prefix, rel);
	if (source_read(l->src, path, &data, &n) != 0)
		return NULL;
	size_t *kept = arena_alloc(t->a, sizeof(*kept));
	*kept = n;
	*len = kept;
	const char *copy = arena_strndup(t->a, data, n);
	free(data);
	return copy;
}

/* The file rel of the theme under f's layer, or NULL: for the site's
 * copy, the nearest layer under the site's own (the theme's file it
 * replaces); for a committed theme's file, the installed theme's (inst,
 * NULL when there is none). */
static const char *
under_text(theme *t, const struct tfile *f, const struct layer *inst,
           const size_t **len)
{
	if (!f->layer->site)
		return inst != NULL ? text_in(t, inst, f->rel, len) : NULL;
	for (int li = 0; li < t->nlayers; li++) {
		const char *text;
		if (!t->layers[li].site &&
		    (text = text_in(t, &t->layers[li], f->rel, len)) != NULL)
			return text;
	}
	return NULL;
}

/*
 * A font or a picture of the theme's assets (outside tester 33 F2: a
 * 120 MB « font » passed).  The service worker precaches every file of
 * assets/ with the site's shell, whatever hors_ligne.budget_ko says
 * (offline.c: the pages need them offline), so every resident's phone
 * downloads it at the first visit: its weight is said as a linked
 * file's (FILETYPE_HEAVY), and its bytes must be what its name says.
 */
static void
check_font_or_picture(const struct tfile *f, const themescan *ts)
{
	size_t len = source_file_size(f->layer->src, f->sf);
	if (len != SOURCE_SIZE_UNKNOWN && len >= FILETYPE_HEAVY) {
		char sz[32];
		bytes_size_text(sz, sizeof(sz), len,
		                strcmp(diag_lang(ts->d), "fr") == 0, " ");
		diag_report(
		    ts->d, len >= FILETYPE_TOO_HEAVY ? DIAG_WARNING : DIAG_NOTE,
		    ts->file, 0, 0,
		    "%s weighs %s: every resident's phone downloads it at "
		    "the first visit, whatever hors_ligne.budget_ko says "
		    "(the service worker keeps the theme's files for "
		    "offline), and the repository keeps it for ever; a "
		    "font: keep only the WOFF2 of the letters you use (a "
		    "few dozen KB), a picture: export it at the size it is "
		    "shown",
		    ts->file, sz);
	}
	char *data;
	if (source_read(f->layer->src, f->sf->path, &data, &len) != 0)
		return;
	ft_verdict v = filetype_check_asset(f->rel, data, len);
	free(data);
	if (v.kind == FT_MISMATCH)
		diag_report(ts->d, DIAG_ERROR, ts->file, 0, 0,
		            "%s is named as a file of type %s but its content "
		            "is not: browsers would not use it, and every "
		            "resident's phone would download it; put the real "
		            "file in its place, or remove it",
		            ts->file, v.type);
}

/* One file of the commune's theme (theme_check_site_files()). */
static void
check_site_file(theme *t, const struct tfile *f, const themescan *ts,
                const struct layer *inst)
{
	if (strncmp(f->rel, "assets/", 7) == 0 && !ends_with(f->rel, ".js") &&
	    !ends_with(f->rel, ".mjs") && !ends_with(f->rel, ".css") &&
	    !ends_with(f->rel, ".svg")) {
		check_font_or_picture(f, ts);
		return;
	}
	size_t len;
	const char *text = read_tfile(t, f, &len);
	if (text == NULL)
		return;
	if (ends_with(f->rel, ".js") || ends_with(f->rel, ".mjs") ||
	    strcmp(f->rel, "templates/sw.mustache") == 0) {
		themescan mine = *ts;
		const char *own = under_text(t, f, inst, &mine.theirs_len);
		mine.theirs = &own, mine.ntheirs = own != NULL;
		themescan_script(&mine, text, len);
	} else if (strncmp(f->rel, "templates/", 10) == 0)
		themescan_html(ts, text, len);
	else if (ends_with(f->rel, ".css"))
		themescan_css(ts, text, len);
	else if (ends_with(f->rel, ".svg")) {
		ft_verdict v = filetype_check(f->rel, text, len);
		if (v.kind == FT_SVG_UNSAFE)
			diag_report(
			    ts->d, DIAG_ERROR, ts->file, v.line, 1,
			    "%s is an SVG drawing holding %s (its line "
			    "%u), which could run script or load files "
			    "from elsewhere on the site's pages; remove "
			    "it from the drawing, or export the drawing "
			    "as PNG",
			    ts->file, v.found, v.line);
	}
}

/* Checks the files of one of the repository's layers: the site's own
 * folder (site), or else the committed theme, ts->theirs and inst
 * saying what they may keep of the theme under them. */
static void
check_layer_files(theme *t, bool site, themescan *ts, const struct layer *inst)
{
	for (size_t i = 0; i < t->nfiles; i++) {
		const struct tfile *f = &t->files[i];
		if (f->layer->repo && f->layer->site == site) {
			ts->file = shown_path(t, f);
			check_site_file(t, f, ts, inst);
		}
	}
}

void
theme_check_site_files(theme *t, bool scripts_ok, diag *d)
{
	themescan ts = {.scripts_ok = scripts_ok, .d = d};
	bool site = false, committed = false;
	for (size_t i = 0; i < t->nfiles; i++) {
		site |= t->files[i].layer->site;
		committed |=
		    t->files[i].layer->repo && !t->files[i].layer->site;
	}
	const char **texts = NULL;
	size_t *lens = NULL;
	if (site) {
		ts.ntheirs = theme_texts(t, &texts, &lens);
		ts.theirs = texts, ts.theirs_len = lens;
		check_layer_files(t, true, &ts, NULL);
	}
	struct layer inst = {0};
	if (!committed)
		return;
	/* its own collector, kept as long as the source: what opening the
	 * installed theme says (a checkout of another user's, which git
	 * will not read: publish as the web server's user) is no concern
	 * of the site's, and a NULL one crashed there */
	diag *quiet = diag_new("en");
	bool found = installed_layer(t, &inst, quiet);
	/* no installed theme to tell the theme's script from the
	 * committer's (a copied binary, an install without themes): only
	 * requests to other sites are judged */
	ts.scripts_ok |= !found;
	ts.ntheirs = found ? layer_texts(t, &inst, &texts, &lens) : 0;
	ts.theirs = texts, ts.theirs_len = lens;
	check_layer_files(t, false, &ts, found ? &inst : NULL);
	if (found)
		source_free(inst.src);
	diag_free(quiet);
}

/* "css/style.css" + id 3f2a9c1e... -> "assets/css/style.3f2a9c1e.css" */
static const char *
fingerprint(arena *a, const char *rel, const char *id)
{
	const char *slash = strrchr(rel, '/');
	const char *dot = strrchr(slash ? slash : rel, '.');
	if (dot == NULL || dot == (slash ? slash + 1 : rel))
		return arena_printf(a, "assets/%s.%.8s", rel, id);
	return arena_printf(a, "assets/%.*s.%.8s%s", (int)(dot - rel), rel, id,
	                    dot);
}

static const char *
asset_key(arena *a, const char *rel)
{
	char *k = arena_strdup(a, rel);
	for (char *p = k; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9')))
			*p = '_';
	return k;
}

static void css_fingerprinted(theme *t, const struct asset *as,
                              const char *data, size_t len, buf *out);

/*
 * A stylesheet naming other assets (url(../fonts/roboto.woff2)) is
 * published with their fingerprinted names (css_fingerprinted()): its
 * own published name must change when theirs do, or a font replaced
 * would never reach the residents, their browsers keeping the old
 * stylesheet, cached for a year, and the old font it names.  So its
 * fingerprint is of its blob id and the text it is published with;
 * a stylesheet naming no asset keeps its blob id's.
 */
static void
name_stylesheet(theme *t, struct asset *as)
{
	char *data;
	size_t len;
	if (source_read(as->file->layer->src, as->file->sf->path, &data,
	                &len) != 0)
		return;
	buf out = BUF_INIT;
	buf_puts(&out, as->file->sf->id);
	size_t start = out.len;
	css_fingerprinted(t, as, data, len, &out);
	if (out.len - start != len ||
	    memcmp(out.data + start, data, len) != 0) {
		char id[HASH_HEX + 1];
		hash_hex(out.data, out.len, id);
		as->out = fingerprint(t->a, as->rel, id);
		as->url = arena_printf(t->a, "/%s", url_path(t->a, as->out));
		value_set_str(t->a, t->asset_urls, asset_key(t->a, as->rel),
		              as->url);
	}
	buf_free(&out);
	free(data);
}

static void
collect_assets(theme *t)
{
	t->assets = arena_alloc(t->a, (t->nfiles + 1) * sizeof(*t->assets));
	t->asset_urls = value_map(t->a);
	for (size_t i = 0; i < t->nfiles; i++) {
		struct tfile *f = &t->files[i];
		if (strncmp(f->rel, "assets/", 7) != 0)
			continue;
		const char *rel = f->rel + 7;
		const char *out = fingerprint(t->a, rel, f->sf->id);
		struct asset *as = &t->assets[t->nassets++];
		as->rel = rel;
		as->out = out;
		as->url = arena_printf(t->a, "/%s", url_path(t->a, out));
		as->file = f;
		value_set_str(t->a, t->asset_urls, asset_key(t->a, rel),
		              as->url);
	}
	/* twice: a stylesheet naming another takes its final name */
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < t->nassets; i++)
			if (ends_with(t->assets[i].rel, ".css"))
				name_stylesheet(t, &t->assets[i]);
}

/* The layers and their files' ids: all theme_fingerprint() needs. */
static theme *
open_lazy(source *src, const struct choice *c, arena *a, diag *d)
{
	theme *t = arena_zalloc(a, sizeof(*t));
	t->a = a;
	t->conf = join(a, source_site_path(src), "site.yaml");
	t->name_at = c->name_at;
	t->lang_at = c->lang_at;
	if (find_layers(t, src, c->name, d) != 0)
		return NULL;
	collect_files(t);
	collect_assets(t);
	t->name = c->name;
	t->lang = c->lang;
	return t;
}

/* No layer has strings in the site's language: every label of every page
 * would be blank, so one error at 'langue:' rather than a warning for
 * each of the ~150 labels the templates print. */
static bool
has_strings(theme *t, const char *rel, diag *d)
{
	const char *have[MAX_NAMES];
	size_t n = 0;
	for (size_t i = 0; i < t->nfiles; i++) {
		const char *r = t->files[i].rel;
		size_t len = strlen(r);
		if (strcmp(r, rel) == 0)
			return true;
		if (strncmp(r, "i18n/", 5) == 0 && len > 10 &&
		    strcmp(r + len - 5, ".yaml") == 0)
			add_name(t->a, have, &n, r + 5, len - 10);
	}
	diag_report(d, DIAG_ERROR, t->conf, t->lang_at.line, t->lang_at.col,
	            "the theme '%s' has no texts in '%s' (no %s); it has them "
	            "in: %s. Write one of these after 'langue:', or add %s to "
	            "the theme (SITE/theme/%s)",
	            t->name, t->lang, rel,
	            n ? schema_join(t->a, have, n, "") : "-", rel, rel);
	return false;
}

int
theme_complete(theme *t, diag *d)
{
	if (t->templates != NULL)
		return 0;
	const char *i18n = arena_printf(t->a, "i18n/%s.yaml", t->lang);
	if (!has_strings(t, i18n, d)) {
		theme_free(t);
		return -1;
	}
	t->i18n = load_strings(t, i18n, d);
	colon_string(t);
	t->config = load_yaml(t, "theme.yaml", d);
	t->schema = load_yaml(t, "schema.yaml", d);
	int rc = compile_templates(t, d);
	if (rc != 0 || t->i18n == NULL || t->config == NULL ||
	    t->schema == NULL) {
		theme_free(t);
		return -1;
	}
	return 0;
}

theme *
theme_open(source *src, const char *name, const char *lang, arena *a, diag *d)
{
	struct choice c = {name, lang, {0}, {0}};
	theme *t = open_lazy(src, &c, a, d);
	return t != NULL && theme_complete(t, d) == 0 ? t : NULL;
}

void
theme_free(theme *t)
{
	if (t == NULL)
		return;
	mustache_set_free(t->templates);
	t->templates = NULL;
	for (int i = 0; i < t->nlayers; i++)
		if (t->layers[i].owned)
			source_free(t->layers[i].src);
	t->nlayers = 0;
}

const mustache_set *
theme_templates(const theme *t)
{
	return t->templates;
}
const value *
theme_i18n(const theme *t)
{
	return t->i18n;
}
const value *
theme_config(const theme *t)
{
	return t->config;
}
const value *
theme_schema_doc(const theme *t)
{
	return t->schema;
}

const char *
theme_text(const value *strings, const char *path, const char *fallback)
{
	const char *s = value_get_string(value_path(strings, path));
	return s != NULL ? s : fallback;
}
const value *
theme_asset_urls(const theme *t)
{
	return t->asset_urls;
}
const char *
theme_origin(const theme *t)
{
	return t->origin;
}

const char *
theme_disk_dir(const theme *t)
{
	return t->disk_dir;
}

const char *
theme_asset_url(const theme *t, const char *path)
{
	for (size_t i = 0; i < t->nassets; i++)
		if (strcmp(t->assets[i].rel, path) == 0)
			return t->assets[i].url;
	return NULL;
}

const char *
theme_file(theme *t, const char *rel, size_t *len)
{
	struct tfile *f = find_file(t, rel);
	return f != NULL ? read_tfile(t, f, len) : NULL;
}

const char *
theme_archetype(theme *t, const char *kind, arena *a, const char **ext)
{
	static const char *exts[] = {".md", ".yaml"};
	for (size_t i = 0; i < 2; i++) {
		struct tfile *f = find_file(
		    t, arena_printf(a, "archetypes/%s%s", kind, exts[i]));
		size_t len;
		if (f != NULL) {
			/* Read once: every page of the kind is checked
			 * against it, and each read was a copy kept in the
			 * theme's arena until the end of the build. */
			*ext = exts[i];
			if (f->archetype == NULL)
				f->archetype = read_tfile(t, f, &len);
			return f->archetype;
		}
	}
	return NULL;
}

/* site.yaml names the theme and the language before anything is known
 * about the content model, so only those two fields are read here. */
theme *
theme_open_site_lazy(source *src, const siteyaml *given, arena *a, diag *d)
{
	siteyaml read;
	const siteyaml *sy = given;
	if (sy == NULL)
		siteyaml_read(src, a, &read), sy = &read;
	if (sy->status == SITEYAML_INVALID) {
		siteyaml_report(sy, src, a, d);
		return NULL;
	}
	struct choice c = {SITEYAML_THEME, SITEYAML_LANG, {0}, {0}};
	const value *tv, *lv;
	const char *t = siteyaml_string(sy, "theme", &tv);
	const char *l = siteyaml_string(sy, "langue", &lv);
	if (t != NULL)
		c.name = t, c.name_at = value_where(tv);
	if (l != NULL)
		c.lang = l, c.lang_at = value_where(lv);
	if (strchr(c.name, '/') != NULL || strcmp(c.name, "..") == 0) {
		diag_report(d, DIAG_ERROR, sy->path, c.name_at.line,
		            c.name_at.col,
		            "theme must be a theme's name, like 'commune'; got "
		            "'%s'",
		            c.name);
		return NULL;
	}
	if (strchr(c.lang, '/') != NULL || strstr(c.lang, "..") != NULL) {
		diag_report(d, DIAG_ERROR, sy->path, c.lang_at.line,
		            c.lang_at.col,
		            "langue must be a language code, like 'fr'; got "
		            "'%s'",
		            c.lang);
		return NULL;
	}
	return open_lazy(src, &c, a, d);
}

theme *
theme_open_site(source *src, arena *a, diag *d)
{
	theme *t = theme_open_site_lazy(src, NULL, a, d);
	return t != NULL && theme_complete(t, d) == 0 ? t : NULL;
}

/* The asset a stylesheet's relative url() (v[0..n), before any ?query
 * or #fragment) names, from the stylesheet at css (its path under
 * assets/), or NULL (an absolute path, another site, data:, no asset). */
static const struct asset *
css_target(theme *t, const char *css, const char *v, size_t n)
{
	if (n == 0 || *v == '/' || *v == '#' || memchr(v, ':', n) != NULL)
		return NULL;
	const char *rel =
	    path_join(t->a, path_dir(t->a, css), arena_strndup(t->a, v, n));
	for (size_t i = 0; rel != NULL && i < t->nassets; i++)
		if (strcmp(t->assets[i].rel, rel) == 0)
			return &t->assets[i];
	return NULL;
}

/*
 * A stylesheet as published: each relative url() naming another asset
 * (url(../fonts/roboto.woff2) in css/site.css) gets that asset's
 * fingerprinted name (../fonts/roboto.3f2a9c1e.woff2), or the font a
 * site copied into theme/assets/fonts/, as check advises, would not be
 * found.  The address stays relative: right under a site's path too.
 */
static void
css_fingerprinted(theme *t, const struct asset *as, const char *data,
                  size_t len, buf *out)
{
	const char *p = data, *end = data + len, *q;
	while ((q = bytes_find_ci(p, end, "url(")) != NULL) {
		const char *v = q + 4;
		while (v < end && strchr(" \t\n\"'", *v) != NULL)
			v++;
		size_t n = 0;
		while (v + n < end && strchr(")\"' \t\n?#", v[n]) == NULL)
			n++;
		const struct asset *to = css_target(t, as->rel, v, n);
		const char *base = v + n;
		while (to != NULL && base > v && base[-1] != '/')
			base--;
		buf_put(out, p, (size_t)(base - p));
		buf_puts(out, to != NULL ? path_base(to->out) : "");
		p = to != NULL ? v + n : base;
	}
	buf_put(out, p, (size_t)(end - p));
}

int
theme_write_assets(theme *t, output *o, diag *d)
{
	int rc = 0;
	for (size_t i = 0; i < t->nassets; i++) {
		struct asset *as = &t->assets[i];
		char *data;
		size_t len;
		if (source_read(as->file->layer->src, as->file->sf->path, &data,
		                &len) != 0) {
			diag_report(d, DIAG_ERROR, as->file->sf->path, 0, 0,
			            "cannot read this theme file");
			rc = -1;
			continue;
		}
		buf css = BUF_INIT;
		if (ends_with(as->rel, ".css")) {
			css_fingerprinted(t, as, data, len, &css);
			free(data);
			data = buf_detach(&css, &len);
		}
		if (output_write(o, as->out, data, len) != 0)
			rc = -1;
		free(data);
	}
	return rc;
}

void
theme_fingerprint(const theme *t, buf *out)
{
	for (size_t i = 0; i < t->nfiles; i++)
		buf_printf(out, "theme %s %s\n", t->files[i].sf->id,
		           t->files[i].rel);
}
