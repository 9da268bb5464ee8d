/*
 * site_path.c - site-absolute links ("/programme/", "/patrimoine/lavoir/")
 * in Markdown bodies and in url fields (site.yaml's menu, an annonce's
 * lien, any url field of a page or an edition): each must name something
 * the build publishes - a page (content, generated or an alias), a file
 * of the site's folder, a workshop's or the programme's calendar, a
 * whole-site output (feed, sitemap, open data, search index, service
 * worker), a theme asset - or it is an error at its file:line:col, with
 * the closest page's address when there is one (outside tester: a menu
 * entry /contcat/ reached every page as a 404).
 *
 * What "/x/" means: fabrique's own addresses are paths from the site's
 * root (a page is at /ateliers/preau/, its canonical address site.yaml's
 * url followed by that path), and so are the links editors write.  A
 * site published under a path (url: https://ville.fr/journee/) is also
 * read as a browser reads it, from the host's root: /journee/programme/
 * is the programme too, and /journee/x/ that names nothing is an error;
 * a path outside it (/mairie/, a page of the town's main site) is not
 * this site's to check, and a Markdown link to it is written with the
 * url's scheme and host.  The pages' HTML gets the base path before
 * every other address from the root (urlbase.h): "/contact/" is
 * published as "/journee/contact/", and "/journee/contact/" as written.
 */
#include "site_int.h"

#include <string.h>
#include <strings.h>

#include "markdown.h"
#include "path.h"
#include "slotid.h"
#include "url.h"
#include "urlbase.h"
#include "wholesite.h"
#include "xalloc.h"

/* site.yaml's url's path, without its last '/': "/journee", or "".
 * A url copied from the browser's bar ("https://ville.fr/index.html")
 * would publish every address under a folder "index.html": an error. */
int
site_path_prepare(site *s)
{
	const value *v = value_get(s->config, "url");
	const char *url = value_get_string(v);
	const char *folder = urlbase_folder(s->a, url);
	if (folder != NULL) {
		diag_at(s->d, DIAG_ERROR, v,
		        "'url' is the address of a file or holds '?' or '#' "
		        "(%s): write the address of the site's folder, %s",
		        url, folder);
		return -1;
	}
	s->subpath = urlbase_of(s->a, url);
	return 0;
}

/*
 * The page at the encoded path u: "/x/", and "/x" or "/x/index.html",
 * which a server answers with it; an alias, the page it leads to (what a
 * link's fragment is looked for in).
 */
static const page *
page_at(const site *s, const char *u, arena *a)
{
	size_t n = strlen(u);
	static const char index[] = "/index.html";
	const page *p = strmap_get(s->by_url, u);
	if (p == NULL && n > 0 && u[n - 1] != '/')
		p = strmap_get(s->by_url, arena_printf(a, "%s/", u));
	if (p == NULL && path_ends_with(u, index))
		p = strmap_get(s->by_url,
		               arena_strndup(a, u, n - sizeof(index) + 2));
	if (p != NULL && strcmp(p->layout, "redirection") == 0) {
		const char *to = value_get_string(value_get(p->view, "cible"));
		const page *t = to != NULL ? strmap_get(s->by_url, to) : NULL;
		p = t != NULL ? t : p;
	}
	return p;
}

/* A theme asset by its published address ("/assets/css/style.1a2b.css"). */
static bool
is_asset(const site *s, const char *u)
{
	const value *assets = theme_asset_urls(s->th);
	for (size_t i = 0; i < value_len(assets); i++) {
		const char *v = value_get_string(value_val_at(assets, i));
		if (v != NULL && strcmp(v, u) == 0)
			return true;
	}
	return false;
}

/* The number of slots of the workshop whose page is p (1 without
 * creneaux), 0 for another page. */
static size_t
slots_of(const page *p)
{
	if (p == NULL || p->kind == NULL || strcmp(p->kind, "atelier") != 0)
		return 0;
	size_t n = value_len(value_get(p->meta, "creneaux"));
	return n > 0 ? n : 1;
}

/* Whether u names a workshop's calendar: its CALENDAR_FILE, or with two
 * slots or more one of its slots' (view.h CALENDAR_SLOT_PREFIX: N one of
 * their numbers, page.slot_ids, no leading zero, 0 the one continuing
 * the workshop's own event), or an old address of one of its slots that
 * calendar.c still writes (page.slot_aliases). */
static bool
workshop_calendar(const site *s, const char *u, arena *a)
{
	const char *slash = strrchr(u, '/');
	if (slash == NULL)
		return false;
	const page *p =
	    strmap_get(s->by_url, arena_strndup(a, u, (size_t)(slash - u) + 1));
	const char *name = slash + 1, *c;
	if (strcmp(name, CALENDAR_FILE) == 0)
		return slots_of(p) > 0;
	size_t pl = strlen(CALENDAR_SLOT_PREFIX), n = 0;
	if (strncmp(name, CALENDAR_SLOT_PREFIX, pl) != 0 ||
	    (name[pl] == '0' && name[pl + 1] >= '0' && name[pl + 1] <= '9'))
		return false;
	for (c = name + pl; *c >= '0' && *c <= '9' && n <= 100000; c++)
		n = n * 10 + (size_t)(*c - '0');
	if (c == name + pl || strcmp(c, CALENDAR_SLOT_SUFFIX) != 0 ||
	    slots_of(p) == 0)
		return false;
	for (size_t i = 0; i < p->nslot_aliases; i++)
		if (n == p->slot_aliases[i].address)
			return true;
	for (size_t i = 0; slots_of(p) >= 2 && i < slots_of(p); i++)
		if (n == (p->slot_ids != NULL ? p->slot_ids[i] : i + 1))
			return true;
	return false;
}

/* What the build writes at an encoded path (output_kind()). */
enum output_kind {
	OUT_NONE,
	OUT_PAGE,
	OUT_WHOLESITE,
	OUT_CALENDAR,
	OUT_ASSET,
	OUT_PHOTO
};

/*
 * What the build writes at the encoded path u: a page (*to), a
 * whole-site file, a workshop's calendar, a theme asset, or nothing.
 * "/x", "/x/" and "/x/index.html" name the page /x/;
 * "/ateliers/x/atelier.ics" the workshop's calendar; "/retours/a-480.jpg"
 * a smaller copy of the photo retours/a.jpg, once the photos shown by the
 * pages are made (site_image_made(): their sizes depend on each photo's,
 * so no name is guessed).  The one answer for the links that may name
 * them (names_output()) and for the files the content publishes, which
 * may not (site_file_taken(), site_photo_taken()).
 */
static enum output_kind
output_kind(const site *s, const char *u, arena *a, const page **to)
{
	if ((*to = page_at(s, u, a)) != NULL)
		return OUT_PAGE;
	/* what the whole-site outputs write, and the 404 page's file */
	if (u[0] == '/' && wholesite_is_file(u + 1))
		return OUT_WHOLESITE;
	if (workshop_calendar(s, u, a))
		return OUT_CALENDAR;
	if (strncmp(u, "/assets/", 8) == 0 && is_asset(s, u))
		return OUT_ASSET;
	return strmap_get(s->photo_outs, u) != NULL ? OUT_PHOTO : OUT_NONE;
}

/* Does the encoded path u name a page (*to) or a generated file?  Not a
 * photo's smaller copy: links are checked before the photos are made,
 * and a link names the photo itself. */
static bool
names_output(const site *s, const char *u, arena *a, const page **to)
{
	enum output_kind k = output_kind(s, u, a, to);
	return k != OUT_NONE && k != OUT_PHOTO;
}

/* site_file_taken()'s words for what the build writes at url. */
static void
report_taken(const site *s, const char *tree, enum output_kind k,
             const char *url, const page *to, diag *d)
{
	if (k == OUT_PHOTO)
		diag_report(
		    d, DIAG_ERROR, tree, 0, 0,
		    "this file would replace %s, a smaller copy that fabrique "
		    "makes of the photo %s: rename this file (a name that "
		    "does not end in a dash and a number), and its links",
		    url,
		    ((const struct image *)strmap_get(s->photo_outs, url))
		        ->tree);
	else if (k == OUT_PAGE && to->file != NULL)
		diag_report(d, DIAG_ERROR, tree, 0, 0,
		            "this file would replace %s, the page of %s, which "
		            "fabrique writes itself: remove it from the "
		            "repository; to lead there, link to %s",
		            url, to->file, to->url);
	else if (k == OUT_PAGE)
		diag_report(
		    d, DIAG_ERROR, tree, 0, 0,
		    "this file would replace %s, a page the site makes "
		    "itself (the home page, the programme, a list): "
		    "remove it from the repository; to lead there, link "
		    "to %s",
		    url, to->url);
	else if (k == OUT_CALENDAR)
		diag_report(
		    d, DIAG_ERROR, tree, 0, 0,
		    "this file would replace %s, the workshop's "
		    "calendar, which fabrique writes itself from its "
		    "slots: remove it from the repository; to offer the "
		    "calendar, link to %s, which fabrique makes",
		    url, url);
	else
		diag_report(
		    d, DIAG_ERROR, tree, 0, 0,
		    "this file would replace %s, a file fabrique writes "
		    "itself (the programme's calendar, the feed, the "
		    "search index, the offline files, the theme's "
		    "files): remove it from the repository; to offer "
		    "it, link to %s, which fabrique makes",
		    url, url);
}

/*
 * A file of the content's own assets/ folder (assets/programme.pdf),
 * published under /assets/, where the server of docs/deploy.md §5 has
 * browsers keep every file a year without asking again, the theme's
 * names changing with their content: a corrected file would not reach a
 * resident who opened it.  A warning, so that a site published so still
 * builds, and the pre-receive hook, strict, refuses a new one but not
 * one already published (hook.c).
 */
static void
in_assets(const char *tree, const char *url, diag *d)
{
	diag_report(d, DIAG_WARNING, tree, 0, 0,
	            "this file is published at %s, in the folder of the "
	            "theme's files, which browsers keep for a year without "
	            "asking again: a corrected version would not reach "
	            "residents who opened it; move it to another folder "
	            "(documents/) and update its links",
	            url);
}

/*
 * A file of the content, linked, whose path is one the build writes (a
 * workshop's atelier.ics saved into the repository, a programme.ics at
 * the site's top): said at the file before anything is written, as
 * check says it and so the pre-receive hook, where the build failed at
 * the writing, « it exists already », naming no file of the editor's
 * (outside tester 30 F3).  true after reporting; file i is not
 * published then.
 */
bool
site_file_taken(site *s, size_t i, diag *d)
{
	const struct pubfile *f = &s->files[i];
	arena *a = arena_new();
	const page *to = NULL;
	enum output_kind k = output_kind(s, f->url, a, &to);
	if (k != OUT_NONE)
		report_taken(s, f->tree, k, f->url, to, d);
	else if (strncmp(f->url, "/assets/", 8) == 0)
		in_assets(f->tree, f->url, d);
	arena_free(a);
	return k != OUT_NONE;
}

bool
site_photo_taken(site *s, size_t i, diag *d)
{
	const struct image *im = s->images[i];
	arena *a = arena_new();
	if (!im->linked) { /* its copies only: no whole photo to land */
		if (strncmp(im->out_base, "assets/", 7) == 0)
			in_assets(im->tree,
			          url_path(a, arena_printf(
			                          a, "/%s/",
			                          path_dir(a, im->out_base))),
			          d);
		arena_free(a);
		return false;
	}
	const char *url = url_path(a, arena_printf(a, "/%s.jpg", im->out_base));
	const page *to = NULL;
	enum output_kind k = output_kind(s, url, a, &to);
	if (k != OUT_NONE)
		report_taken(s, im->tree, k, url, to, d);
	else if (strncmp(url, "/assets/", 8) == 0)
		in_assets(im->tree, url, d);
	arena_free(a);
	return k != OUT_NONE;
}

/* Whether relpath is what the photo im is published as: the whole photo
 * (out_base.jpg, one linked) or a variant (out_base-WIDTH.EXT, imgcodec.c
 * names them so). */
static bool
photo_writes(const struct image *im, const char *relpath)
{
	size_t n = strlen(im->out_base);
	if (strncmp(relpath, im->out_base, n) != 0)
		return false;
	const char *r = relpath + n;
	if (strcmp(r, ".jpg") == 0)
		return true;
	if (*r++ != '-' || *r < '0' || *r > '9')
		return false;
	while (*r >= '0' && *r <= '9')
		r++;
	return *r == '.' && strpbrk(r, "/-") == NULL;
}

void
site_output_claims(void *ctx, const char *relpath, buf *out)
{
	site *s = ctx;
	for (size_t i = 0; i < s->npages; i++)
		if (s->pages[i]->file != NULL && s->pages[i]->out != NULL &&
		    strcmp(s->pages[i]->out, relpath) == 0)
			buf_printf(out, "%s%s", out->len ? ", " : "",
			           s->pages[i]->file);
	pthread_mutex_lock(&s->lock);
	for (size_t i = 0; i < s->nfiles; i++)
		if (strcmp(s->files[i].out + 1, relpath) == 0)
			buf_printf(out, "%s%s", out->len ? ", " : "",
			           s->files[i].tree);
	for (size_t i = 0; i < s->nimages; i++)
		if (photo_writes(s->images[i], relpath))
			buf_printf(out, "%s%s", out->len ? ", " : "",
			           s->images[i]->tree);
	pthread_mutex_unlock(&s->lock);
}

/* The page a path names by its folder and slug or its file
 * ("/ateliers/preau/" -> ateliers/preau), published or not. */
static const page *
page_named(const site *s, const char *path, arena *a)
{
	size_t n = strlen(path);
	while (n > 0 && path[n - 1] == '/')
		n--;
	const char *ref = arena_strndup(a, path + 1, n > 0 ? n - 1 : 0);
	if (path_ends_with(ref, "/index.html"))
		ref = arena_strndup(a, ref, strlen(ref) - 11);
	return *ref ? site_url_find_ref(s, ref) : NULL;
}

/* The published page whose address is closest to u, or NULL. */
static const char *
closest_url(const site *s, const char *u, arena *a)
{
	const char **urls = arena_alloc(a, (s->npages + 1) * sizeof(*urls));
	size_t n = 0;
	for (size_t i = 0; i < s->npages; i++)
		if (s->pages[i]->url != NULL &&
		    strcmp(s->pages[i]->layout, "redirection") != 0)
			urls[n++] = s->pages[i]->url;
	return schema_closest(urls, n, u);
}

enum found { FOUND_NONE, FOUND_OK, FOUND_DRAFT, FOUND_URL, FOUND_FILE };

/*
 * path (decoded, from the site's root) against what the build publishes.
 * FOUND_URL: a page whose address is another (*url); FOUND_FILE: a file
 * of the site, published, *url its address (a photo's differs from its
 * name: it is processed).  *to: the page named, if one is.
 */
static enum found
find_path(site *s, const char *path, const char *from, unsigned line,
          unsigned col, arena *a, const char **url, const page **to)
{
	if (names_output(s, url_path(a, path), a, to) || path[1] == '\0')
		return FOUND_OK;
	const page *p = page_named(s, path, a);
	if (p != NULL) {
		*to = p;
		*url = p->url;
		return p->url != NULL ? FOUND_URL : FOUND_DRAFT;
	}
	/* a file of the site's folder: not above it */
	const char *tree = path_join(a, s->root, path + 1);
	const char *rel = tree ? path_under(tree, s->root) : NULL;
	if (rel == NULL)
		return FOUND_NONE;
	if (path_ends_with(rel, ".md")) {
		p = strmap_get(s->by_key, site_page_key(a, rel));
		*to = p;
		*url = p ? p->url : NULL;
		return p == NULL ? FOUND_NONE
		       : p->url  ? FOUND_URL
		                 : FOUND_DRAFT;
	}
	*url = site_link_publish_tree(s, tree, from, line, col);
	return *url != NULL ? FOUND_FILE : FOUND_NONE;
}

/*
 * A Markdown link from the host's root outside a site published under a
 * path (/mairie/ for a site at /journee/): the page's HTML gets the base
 * before every address from the root (urlbase_html()), so the link is
 * written with the url's scheme and host, which a browser reads as it
 * read "/mairie/".
 */
static const char *
outside(const site *s, const char *dest, arena *a)
{
	const char *url = value_get_string(value_get(s->config, "url"));
	return arena_printf(a, "%s%s", urlbase_origin(a, url), dest);
}

/*
 * Is path's first folder one of the site's sections ("/ateliers/x/": a
 * folder some published page is under)?  Under a path, a link outside
 * the site is the host's (/mairie/) and left alone, unless it reads as
 * a slip for one of the site's own: within two edits of a page's
 * address (/programe/) or in one of its sections.  Left alone, the
 * typo went to the host's root, a 404 on another site, and the editor
 * was never told (outside tester, F1).
 */
static bool
in_section(const site *s, const char *path)
{
	size_t n = strcspn(path + 1, "/") + 1;
	if (path[n] != '/')
		return false;
	for (size_t i = 0; i < s->npages; i++) {
		const char *u = s->pages[i]->url;
		if (u != NULL && strncmp(u, path, n + 1) == 0 &&
		    u[n + 1] != '\0')
			return true;
	}
	return false;
}

/* Whether path's last part has an extension ("/retours/x/photo.jpg"):
 * it names a file, not a page, and the advice is about its name. */
static bool
has_extension(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *dot = strrchr(slash ? slash : path, '.');
	return dot != NULL && dot[1] != '\0';
}

/* dest as written, or, for a Markdown link naming a page by another of
 * its addresses ("/programme", "/x/index.html"), the page's own address
 * with dest's "#…" or "?…" (n: where it starts): the browser then goes
 * there without a redirect, and the service worker finds the page kept
 * for offline under the address it keeps (outside tester, session 17). */
static const char *
canonical(const site *s, const char *dest, size_t n, const page *to,
          bool in_text, arena *a)
{
	if (!in_text || to == NULL || to->url == NULL)
		return dest;
	const char *full = urlbase_path(a, s->subpath, to->url);
	if ((strlen(to->url) == n && strncmp(dest, to->url, n) == 0) ||
	    (strlen(full) == n && strncmp(dest, full, n) == 0))
		return dest;
	return arena_printf(a, "%s%s", to->url, dest + n);
}

/*
 * dest, written at file:line:col, as the site will publish it: dest
 * itself when it names what the build publishes (or lies outside a site
 * published under a path), a processed photo's or a page's address when
 * it names one by its file or a name that is not its address, or NULL
 * after reporting an error (in_text: a Markdown link, which may name a
 * page by its .md file; else a url field).  *to: the page it names,
 * published, if one is.
 */
static const char *
check_path(site *s, const char *file, const char *dest, unsigned line,
           unsigned col, bool in_text, arena *a, diag *d, const page **to)
{
	size_t n = strcspn(dest, "#?");
	char *path = url_decode(a, dest, n);
	size_t sub = strlen(s->subpath);
	const char *url = NULL;
	enum found f = find_path(s, path, file, line, col, a, &url, to);
	bool under = sub > 0 && strncmp(path, s->subpath, sub) == 0 &&
	             (path[sub] == '/' || path[sub] == '\0');
	if (f == FOUND_NONE && under) {
		path = arena_printf(a, "/%s", path + sub + (path[sub] == '/'));
		f = find_path(s, path, file, line, col, a, &url, to);
	}
	switch (f) {
	case FOUND_OK: return canonical(s, dest, n, *to, in_text, a);
	case FOUND_FILE: return arena_printf(a, "%s%s", url, dest + n);
	case FOUND_URL:
		if (in_text)
			return arena_printf(a, "%s%s", url, dest + n);
		diag_report(d, DIAG_ERROR, file, line, col,
		            "'%s' is the address of no page; the page it names "
		            "is at %s: write that",
		            dest, url);
		return NULL;
	case FOUND_DRAFT:
		diag_report(d, DIAG_ERROR, file, line, col,
		            "the link '%s' points to a draft or a page not yet "
		            "published; publish it or remove the link",
		            dest);
		return NULL;
	case FOUND_NONE: break;
	}
	const char *near = closest_url(s, url_path(a, path), a);
	const char *tree = path_join(a, s->root, path + 1);
	const char *cased = in_text && tree != NULL
	                        ? site_link_case_hint(s, tree, dest, n, a)
	                        : NULL;
	if (cased != NULL) {
		diag_report(d, DIAG_ERROR, file, line, col,
		            "the link '%s' points to %s, which does not exist; "
		            "did you mean '%s'?",
		            dest, path + 1, cased);
		return NULL;
	}
	if (sub > 0 && !under && near == NULL && !in_section(s, path))
		/* the host's, outside this site: not ours */
		return in_text ? outside(s, dest, a) : dest;
	if (near != NULL)
		diag_report(
		    d, DIAG_ERROR, file, line, col,
		    "'%s' is the address of no page of the site; did you "
		    "mean %s?",
		    dest, near);
	else if (in_text && has_extension(path))
		diag_report(d, DIAG_ERROR, file, line, col,
		            "the link '%s' points to %s, which does not exist; "
		            "check the file name (a link starting with / is "
		            "read from the site's folder)",
		            dest, path + 1);
	else if (in_text)
		diag_report(
		    d, DIAG_ERROR, file, line, col,
		    "the link '%s' leads to no page or file of the site; "
		    "link to the page's .md file (like "
		    "../ateliers/preau.md), which fabrique turns into the "
		    "page's address",
		    dest);
	else
		diag_report(
		    d, DIAG_ERROR, file, line, col,
		    "'%s' is the address of no page or file of the site; "
		    "write a page's address as the browser shows it on the "
		    "site (like /programme/), or a full https:// address",
		    dest);
	return NULL;
}

const char *
site_path_resolve(site *s, const page *from, const char *dest, unsigned line,
                  unsigned col, arena *a, diag *d)
{
	/* errors stopped the model before every address was known */
	const page *to = NULL;
	const char *r = s->urls_known ? check_path(s, from->file, dest, line,
	                                           col, true, a, d, &to)
	                              : dest;
	/* "/x/#titre": a heading of x, as "x.md#titre" */
	if (r != NULL && to != NULL && to->url != NULL)
		site_link_note_anchor(s, from, to, dest,
		                      dest + strcspn(dest, "#?"), line, col);
	/* a copy: dest is the link's own text, which the Markdown renderer
	 * frees when it sets the link to what this returns */
	return r == dest ? arena_strdup(a, dest) : r;
}

/* The host of an address (n bytes at h, its port left out) is the
 * editor's own computer: the address fabrique serve showed. */
static bool
is_local_host(const char *h, size_t n)
{
	size_t hn = h[0] == '[' ? strcspn(h, "]") + 1 : strcspn(h, ":");
	hn = hn < n ? hn : n;
	return (hn == 9 && strncasecmp(h, "localhost", 9) == 0) ||
	       (hn >= 4 && strncmp(h, "127.", 4) == 0) ||
	       (hn == 7 && strncmp(h, "0.0.0.0", 7) == 0) ||
	       (hn == 5 && strncmp(h, "[::1]", 5) == 0);
}

/* Whether host (hn bytes) is that of the site's url. */
static bool
is_own_host(const site *s, const char *host, size_t hn, arena *a)
{
	const char *url = value_get_string(value_get(s->config, "url"));
	const char *scheme = url ? strstr(url, "://") : NULL;
	const char *origin = url ? urlbase_origin(a, url) : NULL;
	size_t on = scheme ? strlen(origin) - (size_t)(scheme + 3 - url) : 0;
	return scheme != NULL && on == hn &&
	       strncasecmp(scheme + 3, host, hn) == 0;
}

const char *
site_path_tree(const site *s, const char *dest, arena *a)
{
	size_t n = strcspn(dest, "#?");
	if (dest[n] != '\0')
		return NULL;
	if (strstr(dest, "://") != NULL) {
		const char *host = strstr(dest, "://") + 3;
		size_t hn = strcspn(host, "/?#");
		if (host[hn] != '/' || !is_own_host(s, host, hn, a))
			return NULL;
		dest = host + hn;
	}
	if (dest[0] != '/' || dest[1] == '/')
		return NULL;
	char *path = url_decode(a, dest, strlen(dest));
	size_t sub = strlen(s->subpath);
	if (sub > 0 && strncmp(path, s->subpath, sub) == 0 && path[sub] == '/')
		path += sub;
	const char *tree = path_join(a, s->root, path + 1);
	return tree != NULL && path_under(tree, s->root) != NULL ? tree : NULL;
}

const char *
site_path_resolve_web(site *s, const page *from, const char *dest, bool image,
                      unsigned line, unsigned col, arena *a, diag *d)
{
	const char *host = strstr(dest, "://") + 3;
	size_t hn = strcspn(host, "/?#");
	const char *path = *(host + hn) == '/' ? host + hn : "/";
	if (is_local_host(host, hn)) {
		diag_report(d, DIAG_ERROR, from->file, line, col,
		            "the link '%s' leads to the preview on this "
		            "computer, which residents cannot reach; write the "
		            "page's address from the site's root: %s",
		            dest, path);
		return NULL;
	}
	bool own = is_own_host(s, host, hn, a);
	if (image && !own) {
		markdown_remote_image_error(d, from->file, line, col, dest);
		return NULL;
	}
	if (!s->urls_known || !own)
		return arena_strdup(a, dest);
	/* the site's own address: its path is checked as a link from the
	 * host's root is; what a link names is kept as written, an image
	 * is loaded from the site (the preview shows it, offline has it) */
	const char *r = site_path_resolve(s, from, path, line, col, a, d);
	if (r == NULL || image)
		return r;
	if (strcmp(r, path) == 0 || r[0] != '/')
		return arena_strdup(a, dest);
	const char *url = value_get_string(value_get(s->config, "url"));
	return arena_printf(a, "%s%s", urlbase_origin(a, url),
	                    urlbase_path(a, s->subpath, r));
}

void
site_path_collect(site_paths *ps, arena *a, const value *where,
                  const char *path)
{
	value_pos at = value_where(where);
	if (ps->n == ps->cap) {
		ps->cap = ps->cap ? 2 * ps->cap : 4;
		struct site_path *v = arena_alloc(a, ps->cap * sizeof(*v));
		if (ps->n > 0)
			memcpy(v, ps->v, ps->n * sizeof(*v));
		ps->v = v;
	}
	ps->v[ps->n++] = (struct site_path){
	    arena_strdup(a, path), at.file ? arena_strdup(a, at.file) : NULL,
	    at.line, at.col};
}

void
site_path_add(site *s, const site_paths *ps)
{
	for (size_t i = 0; i < ps->n; i++) {
		if (s->paths.n == s->paths.cap) {
			s->paths.cap = s->paths.cap ? 2 * s->paths.cap : 16;
			s->paths.v = xrealloc(
			    s->paths.v, s->paths.cap * sizeof(*s->paths.v));
		}
		s->paths.v[s->paths.n++] = ps->v[i];
	}
}

int
site_path_check_fields(site *s)
{
	int rc = 0;
	arena *a = arena_new();
	for (size_t i = 0; i < s->paths.n; i++) {
		const struct site_path *p = &s->paths.v[i];
		const page *to = NULL;
		if (check_path(s, p->file, p->path, p->line, p->col, false, a,
		               s->d, &to) == NULL)
			rc = -1;
		else if (to != NULL && to->url != NULL)
			site_link_note_field_anchor(s, p->file, to, p->path,
			                            p->line, p->col);
	}
	arena_free(a);
	return rc;
}
