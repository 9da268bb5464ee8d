/*
 * site_link.c - the publish registry and link resolution: files and
 * photos a page links to are registered for publishing (under the
 * site's lock, since render threads call it), and Markdown link targets
 * are resolved to page URLs or published files.
 */
#include "site_int.h"

#include <string.h>
#include <stdlib.h>
#include <strings.h>

#include "markdown.h"
#include "path.h"
#include "url.h"

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

bool
site_link_view_publish_image(void *ctx, const char *doc_file, const char *path,
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
		im->src =
		    url_path(s->a, arena_printf(s->a, "/%s.jpg", im->out_base));
	}
	return im->src;
}

/* Called with s->lock held: the registry and s->a are shared. */
static const char *
publish_locked(site *s, const char *target, const char *from, unsigned line,
               unsigned col)
{
	struct pubfile *known = strmap_get(s->published, target);
	if (known != NULL)
		return known->url;
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
	f->url = url_path(s->a, f->out);
	f->from = arena_strdup(s->a, from);
	f->line = line;
	f->col = col;
	s->files[s->nfiles++] = *f;
	strmap_put(s->published, f->tree, f);
	return f->url;
}

const char *
site_link_publish(site *s, const char *doc_file, const char *path, arena *a,
                  const value *where)
{
	char *target = path_join(a, path_dir(a, doc_file), path);
	if (target == NULL)
		return NULL;
	value_pos at = value_where(where);
	pthread_mutex_lock(&s->lock);
	const char *url = publish_locked(
	    s, target, at.file ? at.file : doc_file, at.line, at.col);
	pthread_mutex_unlock(&s->lock);
	return url;
}

const char *
site_link_view_publish(void *ctx, const char *doc_file, const char *path)
{
	site *s = ctx;
	return site_link_publish(s, doc_file, path, s->a, NULL);
}

static const page *
page_for_target(const site *s, const char *target, arena *a)
{
	const char *rel = path_under(target, s->root);
	if (rel == NULL)
		return NULL;
	if (path_ends_with(rel, ".md"))
		return strmap_get(s->by_key, site_page_key(a, rel));
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
	/* "plan%20du%20bourg.pdf" finds its file */
	char *path = url_decode(a, dest, n);
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
	/* no URL yet: right unless its checked fields keep it out */
	if (p != NULL && s->incomplete &&
	    (p->meta == NULL || site_url_is_published(s, p)))
		return dest;
	if (p != NULL) {
		diag_report(d, DIAG_ERROR, from->file, line, col,
		            "the link '%s' points to a draft or a page not yet "
		            "published; publish it or remove the link",
		            dest);
		return NULL;
	}
	pthread_mutex_lock(&s->lock);
	const char *url =
	    path_ends_with(target, ".md")
	        ? NULL
	        : publish_locked(s, target, from->file, line, col);
	pthread_mutex_unlock(&s->lock);
	if (url != NULL)
		return arena_printf(a, "%s%s", url, suffix);
	diag_report(d, DIAG_ERROR, from->file, line, col,
	            "the link '%s' points to %s, which does not exist; check "
	            "the file name (links are relative to this file)",
	            dest, target);
	return NULL;
}

struct body_link {
	site *s;
	const page *p;
	arena *a;
};

static const char *
check_link(void *ctx, const char *dest, bool is_image, unsigned line,
           unsigned col)
{
	struct body_link *l = ctx;
	(void)is_image;
	return site_resolve_link(l->s, l->p, dest, line, col, l->a, l->s->d);
}

/*
 * One page's Markdown rendered as render.c does, for its messages only
 * (a site_task): a page whose body was not found (its front matter could
 * not be split from it) or that is kept out of the site (a draft, by its
 * fields as written when they were not checked) is not.
 */
static void
check_body_task(site *s, size_t i, arena *a, void *ctx)
{
	const page *p = s->pages[i];
	(void)ctx;
	if (p->text_len == 0 || p->path == NULL ||
	    !site_url_fields_published(s, p->meta ? p->meta : p->raw))
		return;
	char *owned;
	const char *text = site_page_body(s, p, &owned);
	if (text == NULL)
		return;
	struct body_link l = {s, p, a};
	markdown_opts mo = {.unsafe = s->unsafe,
	                    .french = s->french,
	                    .file = p->file,
	                    .first_line = p->body_line,
	                    .resolve = check_link,
	                    .resolve_ctx = &l,
	                    .page_title = true,
	                    .toc = value_list(a),
	                    .private = s->private,
	                    .nprivate = s->nprivate};
	buf html = BUF_INIT;
	(void)markdown_render(text, p->body_len, &mo, a, &html, s->d);
	buf_free(&html);
	free(owned);
}

void
site_link_check_bodies(site *s)
{
	site_load_each(s, s->npages, check_body_task, NULL);
}
