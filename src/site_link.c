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
#include <ctype.h>

#include "bytes.h"
#include "filetype.h"
#include "imgcodec.h"
#include "markdown.h"
#include "mustache.h"
#include "path.h"
#include "slug.h"
#include "url.h"

/* Raster images go through the photo pipeline, never copied as they are:
 * their metadata (GPS position, camera serial) must not be published. */
static bool
is_photo(const char *path)
{
	return imgcodec_is_photo_name(path_base(path));
}

/*
 * The link to write when a link to a page's file differs from one only by
 * letter case ("../Patrimoine/Lavoir.md" for patrimoine/lavoir.md, which a
 * Windows or macOS disk opens alike, and git does not): the longest end of
 * dest (its first n octets) equal to target's end but for case is put back
 * in the file's own spelling; NULL when no page file is so spelt.
 */
/* dest (its first n octets naming target) with its end spelt as f, the
 * file target names but for letter case. */
static const char *
respell(const char *f, const char *target, const char *dest, size_t n, arena *a)
{
	size_t tlen = strlen(target), l = 0;
	while (l < n && l < tlen &&
	       tolower((unsigned char)dest[n - l - 1]) ==
	           tolower((unsigned char)target[tlen - l - 1]))
		l++;
	return arena_printf(a, "%.*s%s%s", (int)(n - l), dest, f + tlen - l,
	                    dest + n);
}

const char *
site_link_case_hint(const site *s, const char *target, const char *dest,
                    size_t n, arena *a)
{
	size_t tlen = strlen(target);
	for (size_t i = 0; i < s->npages; i++) {
		const char *f = s->pages[i]->file;
		if (f != NULL && strlen(f) == tlen &&
		    strcasecmp(f, target) == 0)
			return respell(f, target, dest, n, a);
	}
	return NULL;
}

/* The same for any file of the source (a photo "Lavoir_Avant.JPG" linked
 * as "lavoir_avant.jpg", which the editor's Windows or macOS preview
 * shows, outside tester 26 F7): its spelling, or NULL.  Under s's lock. */
static const char *
file_case_hint(site *s, const char *target, const char *dest, size_t n,
               arena *a)
{
	const char *base = path_base(target);
	const char *dir = arena_strndup(a, target, (size_t)(base - target));
	const source_file *files;
	size_t nf;
	if (source_list(s->src, dir, &files, &nf) != 0)
		return NULL;
	for (size_t i = 0; i < nf; i++)
		if (strlen(files[i].path) == strlen(target) &&
		    strcasecmp(files[i].path, target) == 0)
			return respell(files[i].path, target, dest, n, a);
	return NULL;
}

/* The new name, in target's folder, of the page whose file was target
 * before a rename (git mv) the history found; NULL if none.  After a
 * rename the nearest name by spelling is often another year's workshop
 * (nettoyer-2025.md for nettoyer-2026.md): the rename is what the editor
 * did, so it is what to suggest. */
static const char *
renamed_to(const site *s, const char *target, size_t dir)
{
	size_t n;
	const char *const *files = history_renamed(s->history, &n);
	const char *old = path_under(target, s->root);
	for (size_t i = 0; i < n && old != NULL; i++) {
		const history_file *hf = history_get(s->history, files[i]);
		if (strncmp(files[i], target, dir) != 0 ||
		    strchr(files[i] + dir, '/') != NULL || hf == NULL)
			continue;
		for (size_t k = 0; k < hf->nformer; k++)
			if (strcmp(hf->former[k], old) == 0)
				return files[i] + dir;
	}
	return NULL;
}

/*
 * The link to write when a link to a page's file has a typo
 * ("planter-des-haie.md" for planter-des-haies.md): the page file of
 * target's folder whose name is closest (schema_closest_ref(), the one
 * "did you mean" of references), put in place of the last part of dest
 * (its first n octets, before any #anchor); NULL when none is close.
 */
static const char *
closest_md(const site *s, const char *target, const char *dest, size_t n,
           arena *a)
{
	const char *base = path_base(target);
	size_t dir = (size_t)(base - target);
	const char *cased = site_link_case_hint(s, target, dest, n, a);
	if (cased != NULL)
		return cased;
	size_t keep = n;
	while (keep > 0 && dest[keep - 1] != '/')
		keep--;
	const char *moved = renamed_to(s, target, dir);
	if (moved != NULL)
		return arena_printf(a, "%.*s%s%s", (int)keep, dest, moved,
		                    dest + n);
	const char **names = arena_alloc(a, (s->npages + 1) * sizeof(*names));
	size_t k = 0;
	for (size_t i = 0; i < s->npages; i++) {
		const char *f = s->pages[i]->file;
		if (f != NULL && strncmp(f, target, dir) == 0 &&
		    strchr(f + dir, '/') == NULL)
			names[k++] = f + dir;
	}
	const char *hint = schema_closest_ref(names, k, base);
	if (hint == NULL)
		return NULL;
	return arena_printf(a, "%.*s%s%s", (int)keep, dest, hint, dest + n);
}

/*
 * Photos are published under their name without its extension (vue.jpg
 * gives vue-480.webp, vue.jpg…): vue.jpg and vue.png, or IMG_0001.JPG
 * and IMG_0001.jpeg, would write the same files, and the build would stop
 * at the second one naming no source (outside tester 20 F12).  Said here,
 * where check and build both pass, naming both files; the second keeps
 * its extension in its output names, so the error is the only one.
 */
static void
same_out_base(site *s, struct image *im, const char *out)
{
	const struct image *other = strmap_get(s->image_by_out, im->out_base);
	if (other == NULL) {
		strmap_put(s->image_by_out, im->out_base, im);
		return;
	}
	diag_report(s->d, DIAG_ERROR, im->tree, 0, 0,
	            "this photo and %s have the same name but for the "
	            "extension, and would be published as the same files; "
	            "rename one of them",
	            other->tree);
	im->out_base = arena_strdup(s->a, out);
}

/* Called with s->lock held, or before rendering starts. */
static struct image *
image_for(site *s, const char *target)
{
	struct image *im = strmap_get(s->image_by_tree, target);
	if (im != NULL)
		return im;
	const source_file *sf = source_find_composed(s->src, target);
	if (sf == NULL)
		return NULL;
	if (strcmp(sf->path, target) != 0) {
		/* typed composed, saved decomposed (or the reverse): one
		 * image, found by either name */
		im = image_for(s, sf->path);
		strmap_put(s->image_by_tree, arena_strdup(s->a, target), im);
		return im;
	}
	im = arena_zalloc(s->a, sizeof(*im));
	im->tree = arena_strdup(s->a, target);
	im->id = sf->id;
	const char *rel = path_under(target, s->root);
	const char *out = rel ? rel : arena_printf(s->a, "fichiers/%s", target);
	const char *dot = strrchr(path_base(out), '.');
	im->out_base = arena_strndup(s->a, out, (size_t)(dot - out));
	same_out_base(s, im, out);
	if (s->nimages == s->capimages) {
		s->capimages = s->capimages ? s->capimages * 2 : 64;
		s->images =
		    xrealloc(s->images, s->capimages * sizeof(*s->images));
	}
	s->images[s->nimages++] = im;
	strmap_put(s->image_by_tree, im->tree, im);
	return im;
}

/* Not in s->images: the logo is made into other variants (PNG, by
 * height), in a batch of its own (photos.c). */
bool
site_link_logo(site *s, const char *doc_file, const char *path)
{
	char *tree = path_join(s->a, path_dir(s->a, doc_file), path);
	const source_file *sf =
	    tree != NULL && is_photo(tree) ? source_find(s->src, tree) : NULL;
	if (sf == NULL)
		return false;
	struct image *im = arena_zalloc(s->a, sizeof(*im));
	im->tree = tree;
	im->id = sf->id;
	const char *rel = path_under(tree, s->root);
	const char *out = rel ? rel : arena_printf(s->a, "fichiers/%s", tree);
	const char *dot = strrchr(path_base(out), '.');
	im->out_base = arena_strndup(s->a, out, (size_t)(dot - out));
	s->logo = im;
	return true;
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

static const page *page_for_target(const site *s, const char *target, arena *a);

/*
 * The photo a body image names, found as site_resolve_link() will find
 * it: a path relative to the page's file, from the site's root or the
 * site's own address (site_path_tree), percent-encoded, without "?query"
 * or "#fragment" (an image written so stays a linked one, as one from
 * another site does).  NULL otherwise.
 */
static const char *
body_photo(site *s, const page *p, const char *dest)
{
	size_t n = strcspn(dest, "#?");
	if (n == 0 || dest[n] != '\0')
		return NULL;
	const char *target = dest[0] == '/' || strstr(dest, "://") != NULL
	                         ? site_path_tree(s, dest, s->a)
	                         : path_join(s->a, path_dir(s->a, p->file),
	                                     url_decode(s->a, dest, n));
	if (target == NULL || !is_photo(target) ||
	    page_for_target(s, target, s->a) != NULL)
		return NULL;
	return target;
}

void
site_link_body_images(site *s, const page *p)
{
	for (size_t i = 0; i < p->nimages; i++) {
		const char *target = body_photo(s, p, p->images[i]);
		if (target != NULL)
			(void)image_for(s, target);
	}
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
	const source_file *sf = source_find_composed(s->src, target);
	if (sf == NULL)
		return NULL;
	if (strcmp(sf->path, target) != 0) {
		/* typed composed, saved decomposed (or the reverse): one
		 * file published, found by either name */
		const char *url = publish_locked(s, sf->path, from, line, col);
		strmap_put(s->published, arena_strdup(s->a, target),
		           strmap_get(s->published, sf->path));
		return url;
	}
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
site_link_publish_tree(site *s, const char *target, const char *from,
                       unsigned line, unsigned col)
{
	pthread_mutex_lock(&s->lock);
	const char *url = publish_locked(s, target, from, line, col);
	pthread_mutex_unlock(&s->lock);
	return url;
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

static void
note_anchor(site *s, const char *file, const page *from, const page *to,
            const char *dest, const char *suffix, unsigned line, unsigned col)
{
	const char *frag = strchr(suffix, '#');
	if (frag == NULL || frag[1] == '\0' || file == NULL)
		return;
	pthread_mutex_lock(&s->lock);
	if (s->nanchor_links == s->capanchor_links) {
		s->capanchor_links =
		    s->capanchor_links ? 2 * s->capanchor_links : 16;
		s->anchor_links =
		    xrealloc(s->anchor_links,
		             s->capanchor_links * sizeof(*s->anchor_links));
	}
	struct anchor_link *l = &s->anchor_links[s->nanchor_links++];
	*l = (struct anchor_link){from, to, NULL, NULL, NULL, line, col};
	l->file = arena_strdup(s->a, file);
	l->dest = arena_strdup(s->a, dest);
	l->frag = arena_strdup(s->a, frag + 1);
	pthread_mutex_unlock(&s->lock);
}

void
site_link_note_anchor(site *s, const page *from, const page *to,
                      const char *dest, const char *suffix, unsigned line,
                      unsigned col)
{
	note_anchor(s, from->file, from, to, dest, suffix, line, col);
}

void
site_link_note_field_anchor(site *s, const char *file, const page *to,
                            const char *dest, unsigned line, unsigned col)
{
	note_anchor(s, file, NULL, to, dest, dest + strcspn(dest, "#?"), line,
	            col);
}

/* Called with s->lock held: the picture of a photo made into variants
 * before rendering, else url. */
static const char *
picture_locked(site *s, const char *target, const char *url)
{
	const struct image *im = strmap_get(s->image_by_tree, target);
	return im != NULL && im->picture != NULL ? im->picture : url;
}

/* An image from the site's root or its own address (r, resolved) that
 * names a photo made into variants: its picture, as one written relative
 * to the page gets (a copy in a: the renderer frees what it replaces). */
static const char *
rooted_picture(site *s, const char *dest, const char *r, arena *a)
{
	const char *tree = site_path_tree(s, dest, a);
	if (tree == NULL || !is_photo(tree))
		return r;
	pthread_mutex_lock(&s->lock);
	const char *pic = picture_locked(s, tree, r);
	pthread_mutex_unlock(&s->lock);
	return pic == r ? r : arena_strdup(a, pic);
}

/*
 * A link to a file the source does not list.  A symbolic link is there
 * in the editor's folder (git keeps it as such, mode 120000) but is
 * never published, whatever it points to: said so, not "does not exist"
 * that sent the editor hunting for a typo (outside tester 19 F3).  A
 * page file that exists where no page is read from (ateliers/2025/x.md)
 * is said to be unpublished (outside tester 20 F6).
 */
static void
report_missing(site *s, const page *from, const char *dest, size_t n,
               const char *target, unsigned line, unsigned col, arena *a,
               diag *d)
{
	bool md = path_ends_with(target, ".md");
	pthread_mutex_lock(&s->lock);
	bool link = source_is_link(s->src, target);
	bool unpublished = !link && md && source_find_composed(s->src, target);
	const char *cased =
	    !link && !md ? file_case_hint(s, target, dest, n, a) : NULL;
	pthread_mutex_unlock(&s->lock);
	const char *near = !link && !unpublished && md
	                       ? closest_md(s, target, dest, n, a)
	                       : NULL;
	if (link)
		diag_report(
		    d, DIAG_ERROR, from->file, line, col,
		    "the link '%s' points to %s, " SOURCE_LINK_UNPUBLISHED,
		    dest, target);
	else if (unpublished)
		diag_report(
		    d, DIAG_ERROR, from->file, line, col,
		    "the link '%s' points to %s, which exists but is not "
		    "published (it is in a sub-folder, or a folder no page "
		    "is read from: its own warning says where to move it); "
		    "link to it where it is moved",
		    dest, target);
	else if (near != NULL)
		diag_report(d, DIAG_ERROR, from->file, line, col,
		            "the link '%s' points to %s, which does not exist; "
		            "did you mean '%s'?",
		            dest, target, near);
	else if (cased != NULL)
		diag_report(d, DIAG_ERROR, from->file, line, col,
		            "the link '%s' points to %s, which does not exist; "
		            "the folder has it as '%s': capitals count on the "
		            "server, write the name exactly",
		            dest, target, cased);
	else
		diag_report(d, DIAG_ERROR, from->file, line, col,
		            "the link '%s' points to %s, which does not exist; "
		            "check the file name (links are relative to this "
		            "file)",
		            dest, target);
}

/*
 * What a resident is told a published file is, beside a link to it: its
 * type and its size in the site's language, "vidéo MP4, 80 Mo" (outside
 * tester 20 F17).  The words are the theme's (fichiers.video: "vidéo
 * {type}"), the size is the file's in the source, read from git's object
 * header without the file.  "" when neither is known.
 */
static const char *
file_words(site *s, const char *tree, arena *a)
{
	static const char *const keys[] = {
	    [FT_GENRE_NONE] = "fichiers.document",
	    [FT_GENRE_TEXT] = "fichiers.texte",
	    [FT_GENRE_AUDIO] = "fichiers.audio",
	    [FT_GENRE_VIDEO] = "fichiers.video",
	    [FT_GENRE_ARCHIVE] = "fichiers.archive"};
	static const char *const english[] = {[FT_GENRE_NONE] = "{type}",
	                                      [FT_GENRE_TEXT] = "text",
	                                      [FT_GENRE_AUDIO] = "{type} audio",
	                                      [FT_GENRE_VIDEO] = "{type} video",
	                                      [FT_GENRE_ARCHIVE] =
	                                          "{type} archive"};
	pthread_mutex_lock(&s->read_lock);
	size_t size = source_file_size(s->src, source_find(s->src, tree));
	pthread_mutex_unlock(&s->read_lock);
	const char *type;
	ft_genre g = filetype_genre(tree, &type);
	const char *words =
	    type == NULL ? ""
	                 : theme_text(theme_i18n(s->th), keys[g], english[g]);
	const char *at = strstr(words, "{type}");
	if (at != NULL)
		words = arena_printf(a, "%.*s%s%s", (int)(at - words), words,
		                     type, at + 6);
	char sz[32] = "";
	if (size != SOURCE_SIZE_UNKNOWN) /* with a no-break space */
		bytes_size_text(sz, sizeof(sz), size, site_french(s), "\u00a0");
	return arena_printf(a, "%s%s%s", words, *words && *sz ? ", " : "", sz);
}

/* r, the resolved link to tree: with the words saying what it is when it
 * is a file published as it is (not a page, not a photo) and the link
 * is no image's (markdown.h: the resolver's answer, URL then words). */
static const char *
with_words(site *s, const char *tree, const char *r, bool image, arena *a)
{
	if (r == NULL || image || tree == NULL)
		return r;
	pthread_mutex_lock(&s->lock);
	bool file = strmap_get(s->published, tree) != NULL;
	pthread_mutex_unlock(&s->lock);
	return file ? arena_printf(a, "%s\n%s", r, file_words(s, tree, a)) : r;
}

/*
 * The file that holds the name page to had when page from was last
 * changed, when another file took that name since (tester22 F1): last
 * year's workshop renamed nettoyer-2026.md and a new nettoyer.md made
 * for this year, the story about 2026 leads to 2027 without a word.  The
 * history says it (the name's leaver and when, history_name_left()).
 * NULL once from is changed in the rename's commit or a later one: the
 * link pointed at the renamed file, or kept on purpose and the page
 * touched - the editor then saw it.
 */
static const char *
name_left_owner(const site *s, const page *from, const page *to)
{
	const history_file *hf = history_get(s->history, from->file);
	const char *rel = path_under(to->file, s->root);
	size_t at;
	const char *owner = hf != NULL && hf->changed_at > 0 && rel != NULL
	                        ? history_name_left(s->history, rel, &at)
	                        : NULL;
	if (owner == NULL || strcmp(owner, to->file) == 0 ||
	    hf->changed_at <= at)
		return NULL;
	return owner;
}

/* A body link to such a name: a warning, which the hooks refuse. */
static void
warn_name_left(site *s, const page *from, const page *to, const char *dest,
               const char *suffix, unsigned line, unsigned col, arena *a,
               diag *d)
{
	const char *owner = name_left_owner(s, from, to);
	if (owner == NULL)
		return;
	const char *link = path_relative(a, path_dir(a, from->file), owner);
	diag_report(d, DIAG_WARNING, from->file, line, col,
	            "the link '%s' led to the page of %s when this page was "
	            "last changed; that file has been renamed %s since, and "
	            "another page now holds its name: point the link at "
	            "'%s%s', or, if the new page is meant, change this page "
	            "(this warning stops once it is changed after the "
	            "rename)",
	            dest, to->file, owner, link, suffix);
}

/* The reference key of the page whose file is file, if one is. */
static const char *
key_of_file(const site *s, const char *file)
{
	for (size_t i = 0; i < s->npages; i++)
		if (s->pages[i]->file != NULL &&
		    strcmp(s->pages[i]->file, file) == 0)
			return s->pages[i]->key;
	return NULL;
}

void
site_link_warn_ref_left(site *s, const page *from, const page *to,
                        const value *ref)
{
	const char *owner = name_left_owner(s, from, to);
	const char *key = owner != NULL ? key_of_file(s, owner) : NULL;
	if (key == NULL)
		return;
	value_pos at = value_where(ref);
	diag_report(s->d, DIAG_WARNING, at.file, at.line, at.col,
	            "'%s' named the workshop of %s when this page was last "
	            "changed; that file has been renamed %s since, and "
	            "another workshop now holds its name: write '%s' here, "
	            "or, if the new workshop is meant, change this page "
	            "(this warning stops once it is changed after the "
	            "rename)",
	            value_get_string(ref), to->file, owner, key);
}

const char *
site_resolve_link(site *s, const page *from, const char *dest, bool image,
                  unsigned line, unsigned col, arena *a, diag *d)
{
	size_t n = strcspn(dest, "#?");
	if (n == 0) {
		site_link_note_anchor(s, from, from, dest, dest, line, col);
		/* a copy: dest may be the renderer's own, freed when set */
		return arena_strdup(a, dest);
	}
	if (dest[0] == '/' || strstr(dest, "://") != NULL) {
		const char *r =
		    dest[0] == '/'
		        ? site_path_resolve(s, from, dest, line, col, a, d)
		        : site_path_resolve_web(s, from, dest, image, line, col,
		                                a, d);
		if (r != NULL && image)
			return rooted_picture(s, dest, r, a);
		return dest[0] == '/'
		           ? with_words(s,
		                        site_path_tree(
		                            s, arena_strndup(a, dest, n), a),
		                        r, image, a)
		           : r;
	}
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
	if (p != NULL && p->url != NULL) {
		site_link_note_anchor(s, from, p, dest, suffix, line, col);
		if (p->file != NULL)
			warn_name_left(s, from, p, dest, suffix, line, col, a,
			               d);
		return arena_printf(a, "%s%s", p->url, suffix);
	}
	/* no URL yet: right unless its checked fields keep it out */
	if (p != NULL && s->incomplete &&
	    (p->meta == NULL || site_url_is_published(s, p))) {
		site_link_note_anchor(s, from, p, dest, suffix, line, col);
		return dest;
	}
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
	if (url != NULL && image && *suffix == '\0' && is_photo(target))
		url = picture_locked(s, target, url);
	pthread_mutex_unlock(&s->lock);
	if (url != NULL)
		return with_words(
		    s, target, arena_printf(a, "%s%s", url, suffix), image, a);
	report_missing(s, from, dest, n, target, line, col, a, d);
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
	return site_resolve_link(l->s, l->p, dest, is_image, line, col, l->a,
	                         l->s->d);
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
	                    .toc = value_list(a)};
	site_markdown_contacts(s, p, &mo);
	buf html = BUF_INIT;
	(void)markdown_render(text, p->body_len, &mo, a, &html, s->d);
	site_set_anchors(s, i, mo.toc);
	buf_free(&html);
	free(owned);
}

void
site_link_check_bodies(site *s)
{
	site_load_each(s, s->npages, check_body_task, NULL);
	/* no page is rendered: those without Markdown are not judged */
	(void)site_check_anchors(s, s->d, NULL, NULL);
}

/* ---- links to headings ---------------------------------------------- */

/* One allocation a page (the few ids of its headings), none without:
 * this runs for every page of every build. */
void
site_set_anchors(site *s, size_t i, const value *toc)
{
	page *p = s->pages[i];
	size_t n = toc != NULL ? value_len(toc) : 0, len = 0;
	const char *few[32];
	const char **ids =
	    n > sizeof(few) / sizeof(*few) ? xmalloc(n * sizeof(*ids)) : few;
	for (size_t k = 0; k < n; k++) {
		ids[k] = value_get_string(value_get(value_at(toc, k), "id"));
		len += ids[k] != NULL ? strlen(ids[k]) + 1 : 0;
	}
	free(p->anchors);
	p->anchors = len > 0 ? xmalloc(len) : NULL;
	p->anchors_len = len;
	for (size_t k = 0, at = 0; k < n; k++)
		if (ids[k] != NULL) {
			size_t l = strlen(ids[k]) + 1;
			memcpy(p->anchors + at, ids[k], l);
			at += l;
		}
	if (ids != few)
		free(ids);
	p->anchored = true;
}

/* What the check knows, made as it needs it: the ids of the pages linked
 * to ("PAGE\nID" -> page), the pages indexed, and the ids the theme's
 * templates write (exact, and the prefixes of those a tag ends). */
struct anchor_index {
	site *s;
	arena *a;
	strmap *ids, *indexed, *theme;
	const char **prefixes;
	size_t nprefixes, capprefixes;
	bool theme_read;
	site_html_fn html_again; /* a page without Markdown's HTML */
	void *again_ctx;
};

static const char *
id_key(struct anchor_index *x, const page *p, const char *id)
{
	return arena_printf(x->a, "%p\n%s", (const void *)p, id);
}

static void
theme_id(void *ctx, const char *id, size_t len, bool prefix)
{
	struct anchor_index *x = ctx;
	char *s = arena_strndup(x->a, id, len);
	if (!prefix) {
		strmap_put(x->theme, s, s);
		return;
	}
	if (x->nprefixes == x->capprefixes) {
		x->capprefixes = x->capprefixes ? 2 * x->capprefixes : 8;
		const char **v = arena_alloc(x->a, x->capprefixes * sizeof(*v));
		if (x->nprefixes > 0)
			memcpy(v, x->prefixes, x->nprefixes * sizeof(*v));
		x->prefixes = v;
	}
	x->prefixes[x->nprefixes++] = s;
}

/* One of the ids the theme writes, or one it makes from a prefix. */
static bool
theme_has(struct anchor_index *x, const char *frag)
{
	if (!x->theme_read && x->s->th != NULL)
		mustache_ids(theme_templates(x->s->th), theme_id, x);
	x->theme_read = true;
	if (strmap_get(x->theme, frag) != NULL)
		return true;
	for (size_t i = 0; i < x->nprefixes; i++)
		if (strncmp(frag, x->prefixes[i], strlen(x->prefixes[i])) == 0)
			return true;
	return false;
}

/* ids: p's ids, each ended by '\0', len bytes in all. */
static void
index_ids(struct anchor_index *x, const page *p, const char *ids, size_t len)
{
	for (const char *id = ids; id != NULL && id < ids + len;
	     id += strlen(id) + 1)
		strmap_put(x->ids, id_key(x, p, id), (void *)p);
}

static bool
id_known(struct anchor_index *x, const page *p, const char *frag,
         const char *decoded)
{
	return strmap_get(x->ids, id_key(x, p, frag)) != NULL ||
	       strmap_get(x->ids, id_key(x, p, decoded)) != NULL;
}

/* The fragment as written or percent-decoded ("acc%C3%A8s"), as browsers
 * match it, is one of p's headings' ids or the theme's. */
static bool
heading_found(struct anchor_index *x, const page *p, const char *frag,
              const char *decoded)
{
	if (strmap_get(x->indexed, id_key(x, p, "")) == NULL) {
		strmap_put(x->indexed, id_key(x, p, ""), (void *)p);
		index_ids(x, p, p->anchors, p->anchors_len);
	}
	return id_known(x, p, frag, decoded) || theme_has(x, frag) ||
	       theme_has(x, decoded);
}

/* The byte before html[at] is a blank: at an attribute's start. */
static bool
blank_before(const char *html, size_t at)
{
	return at > 0 && (html[at - 1] == ' ' || html[at - 1] == '\n' ||
	                  html[at - 1] == '\t' || html[at - 1] == '\r');
}

/* The next id attribute of an HTML text from h ('id="' after a blank,
 * as templates and cmark write them): its value, its length in *n; NULL
 * after the last.  start: the text's first byte. */
static const char *
next_html_id(const char *h, const char *start, size_t *n)
{
	while ((h = strstr(h, "id=\"")) != NULL) {
		bool attr = blank_before(start, (size_t)(h - start));
		h += 4;
		if (attr) {
			*n = strcspn(h, "\"");
			return h;
		}
	}
	return NULL;
}

/* ' id="' attributes of a rendered body: notes, tables' captions, raw
 * HTML's (markdown.html_brut), besides the headings'. */
static bool
html_has_id(buf *html, const char *frag, const char *decoded)
{
	const char *start = buf_cstr(html), *h = start;
	size_t n;
	while ((h = next_html_id(h, start, &n)) != NULL) {
		if ((strlen(frag) == n && strncmp(h, frag, n) == 0) ||
		    (strlen(decoded) == n && strncmp(h, decoded, n) == 0))
			return true;
		h += n;
	}
	return false;
}

/* Where 'id="' starts in html[h, n), or n (memmem is not POSIX). */
static size_t
find_id_attr(const char *html, size_t h, size_t n)
{
	while (n - h >= 4) {
		const char *q = memchr(html + h, 'i', n - h - 3);
		if (q == NULL)
			break;
		if (memcmp(q, "id=\"", 4) == 0)
			return (size_t)(q - html);
		h = (size_t)(q - html) + 1;
	}
	return n;
}

/*
 * next_html_id()'s walk over html[from, n), one piece of a page after
 * another: an attribute cut by the piece's end is left to the next,
 * which starts with the bytes from the returned offset minus one (the
 * blank before an attribute is read); last: none comes after.
 */
size_t
site_html_ids_scan(buf *ids, const char *html, size_t from, size_t n, bool last)
{
	size_t h = from;
	for (;;) {
		size_t at = find_id_attr(html, h, n);
		if (at == n)
			return last ? n : n - h > 3 ? n - 3 : h;
		if (!blank_before(html, at)) {
			h = at + 4;
			continue;
		}
		const char *e = memchr(html + at + 4, '"', n - at - 4);
		if (e == NULL && !last)
			return at;
		size_t end = e != NULL ? (size_t)(e - html) : n;
		buf_put(ids, html + at + 4, end - at - 4);
		buf_putc(ids, '\0');
		h = end;
	}
}

/* The ids a page's HTML writes, each ended by '\0' (malloc'ed, NULL when
 * none), their length in *len: one pass over the page (3 MB of lists and
 * programme at 1,000 pages). */
static char *
html_ids(const char *html, size_t *len)
{
	buf b = BUF_INIT;
	site_html_ids_scan(&b, html, 0, strlen(html), true);
	*len = b.len;
	if (b.len == 0) {
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b, len);
}

void
site_set_html_ids(site *s, size_t i, const char *html)
{
	page *p = s->pages[i];
	free(p->anchors);
	p->anchors = html_ids(html, &p->anchors_len);
	p->anchored = true;
}

void
site_take_html_ids(site *s, size_t i, buf *ids)
{
	page *p = s->pages[i];
	free(p->anchors);
	p->anchors_len = ids->len;
	p->anchors = ids->len > 0 ? buf_detach(ids, &p->anchors_len) : NULL;
	buf_free(ids);
	p->anchored = true;
}

/*
 * A page without Markdown's ids known to x: those kept when it was
 * rendered, else those of its HTML made again (a page kept from the last
 * build).  false when they cannot be known (the site was not rendered).
 */
static bool
generated_indexed(struct anchor_index *x, const page *p)
{
	const char *seen = strmap_get(x->indexed, id_key(x, p, ""));
	if (seen != NULL)
		return *seen == '+';
	bool known = p->anchored;
	if (known)
		index_ids(x, p, p->anchors, p->anchors_len);
	else if (x->html_again != NULL) {
		buf html = BUF_INIT;
		known = x->html_again(x->again_ctx, p, &html) == 0;
		size_t len;
		char *ids = known ? html_ids(buf_cstr(&html), &len) : NULL;
		index_ids(x, p, ids, ids != NULL ? len : 0);
		free(ids);
		buf_free(&html);
	}
	strmap_put(x->indexed, id_key(x, p, ""), (void *)(known ? "+" : "-"));
	return known;
}

/* Page p's body rendered again, quietly, for its headings (toc) and its
 * other ids (html): only for a link found wrong, never for one right. */
static value *
render_again(site *s, const page *p, arena *a, buf *html)
{
	value *toc = value_list(a);
	char *owned;
	const char *text = p->has_body ? site_page_body(s, p, &owned) : NULL;
	if (text == NULL)
		return toc;
	markdown_opts mo = {.unsafe = s->unsafe,
	                    .french = s->french,
	                    .file = p->file,
	                    .first_line = p->body_line,
	                    .page_title = true,
	                    .toc = toc};
	site_markdown_contacts(s, p, &mo);
	diag *quiet = diag_new("en");
	(void)markdown_render(text, p->body_len, &mo, a, html, quiet);
	diag_free(quiet);
	free(owned);
	return toc;
}

/* The text of HTML from h to end: tags dropped, blanks made one space,
 * the entities templates write decoded. */
static char *
html_text(arena *a, const char *h, const char *end)
{
	static const char *const ents[][2] = {
	    {"&amp;", "&"}, {"&lt;", "<"},   {"&gt;", ">"},  {"&quot;", "\""},
	    {"&#39;", "'"}, {"&#x27;", "'"}, {"&nbsp;", " "}};
	buf b = BUF_INIT;
	while (h < end) {
		size_t k = 0, e = sizeof(ents) / sizeof(*ents);
		if (*h == '&')
			for (k = 0; k < e; k++)
				if (strncmp(h, ents[k][0],
				            strlen(ents[k][0])) == 0)
					break;
		if (*h == '<') {
			const char *gt = memchr(h, '>', (size_t)(end - h));
			h = gt != NULL ? gt + 1 : end;
		} else if (*h == '&' && k < e) {
			buf_puts(&b, ents[k][1]);
			h += strlen(ents[k][0]);
		} else if (strchr(" \t\r\n", *h) != NULL) {
			if (b.len > 0 && b.data[b.len - 1] != ' ')
				buf_putc(&b, ' ');
			h++;
		} else
			buf_putc(&b, *h++);
	}
	while (b.len > 0 && b.data[b.len - 1] == ' ')
		b.len--;
	char *t = arena_strndup(a, buf_cstr(&b), b.len);
	buf_free(&b);
	return t;
}

/* The headings (<h1> to <h6>) with an id of a page's HTML, as a table of
 * contents ({id, texte} maps, markdown_opts.toc's shape). */
static value *
html_headings(arena *a, const char *html)
{
	value *toc = value_list(a);
	for (const char *h = html; (h = strstr(h, "<h")) != NULL;) {
		h += 2;
		if (*h < '1' || *h > '6' || (h[1] != ' ' && h[1] != '>'))
			continue;
		const char *gt = strchr(h, '>');
		char close[] = {'<', '/', 'h', *h, '\0'};
		const char *end = gt != NULL ? strstr(gt, close) : NULL;
		if (end == NULL)
			break;
		size_t n;
		const char *id = next_html_id(h, html, &n);
		if (id != NULL && id < gt) {
			value *m = value_map(a);
			value_set_str(a, m, "id", arena_strndup(a, id, n));
			value_set_str(a, m, "texte", html_text(a, gt + 1, end));
			value_push(a, toc, m);
		}
		h = end;
	}
	return toc;
}

#define HEADINGS_SHOWN 10

/* "Horaires (#horaires), Accès en bus (#acces-en-bus)", the first few. */
static const char *
headings_list(arena *a, const value *toc, const char **ids)
{
	buf b = BUF_INIT;
	size_t n = value_len(toc);
	for (size_t k = 0; k < n; k++) {
		const value *m = value_at(toc, k);
		ids[k] = value_get_string(value_get(m, "id"));
		if (k < HEADINGS_SHOWN)
			buf_printf(&b, "%s%s (#%s)", k ? ", " : "",
			           value_get_string(value_get(m, "texte")),
			           ids[k]);
	}
	if (n > HEADINGS_SHOWN)
		buf_puts(&b, ", \xE2\x80\xA6");
	char *s = arena_strdup(a, buf_cstr(&b));
	buf_free(&b);
	return s;
}

/* The id meant: the fragment written as the heading's text ("#Accès";
 * on a page the theme makes, "#le-matin" for « Le matin (3) », whose id
 * is "moment-matin"), else the closest id, or one holding it as a word
 * ("acces" in "acces-en-bus"). */
static const char *
anchor_hint(arena *a, const value *toc, const char *const *ids, size_t n,
            const char *decoded)
{
	const char *folded = slug_make(a, decoded);
	size_t len = strlen(folded);
	for (size_t k = 0; k < n; k++)
		if (strcmp(ids[k], folded) == 0)
			return ids[k];
	for (size_t k = 0; len > 0 && k < n; k++) {
		const char *text =
		    value_get_string(value_get(value_at(toc, k), "texte"));
		const char *slug = slug_make(a, text != NULL ? text : "");
		if (strncmp(slug, folded, len) == 0 &&
		    (slug[len] == '\0' || slug[len] == '-'))
			return ids[k];
	}
	return schema_closest_ref(ids, n, *folded ? folded : decoded);
}

static void
report_anchor(const struct anchor_link *l, const value *toc,
              const char *decoded, arena *a, diag *d)
{
	bool same = l->from == l->to;
	const char *file = l->file;
	/* a generated page (the programme) has no file: its address */
	const char *to = l->to->file != NULL ? l->to->file : l->to->url;
	size_t n = value_len(toc);
	if (n == 0) {
		if (same)
			diag_report(d, DIAG_ERROR, file, l->line, l->col,
			            "link to '#%s' in this page: it has no "
			            "heading to link to; add the heading, or "
			            "remove the link",
			            l->frag);
		else
			diag_report(d, DIAG_ERROR, file, l->line, l->col,
			            "link to '#%s' in %s: that page has no "
			            "heading to link to; link to the page "
			            "without '#%s', or add the heading to it",
			            l->frag, to, l->frag);
		return;
	}
	const char **ids = arena_alloc(a, n * sizeof(*ids));
	const char *list = headings_list(a, toc, ids);
	const char *hint = anchor_hint(a, toc, ids, n, decoded);
	if (same && hint != NULL)
		diag_report(d, DIAG_ERROR, file, l->line, l->col,
		            "link to '#%s' in this page: no heading of this "
		            "page has this anchor; did you mean '#%s'? Its "
		            "headings: %s (a heading's anchor is its text in "
		            "lower case, without accents, words joined by "
		            "'-'); correct the link, or the heading if it was "
		            "renamed",
		            l->frag, hint, list);
	else if (same)
		diag_report(d, DIAG_ERROR, file, l->line, l->col,
		            "link to '#%s' in this page: no heading of this "
		            "page has this anchor; its headings: %s (a "
		            "heading's anchor is its text in lower case, "
		            "without accents, words joined by '-'); correct "
		            "the link, or the heading if it was renamed",
		            l->frag, list);
	else if (hint != NULL)
		diag_report(d, DIAG_ERROR, file, l->line, l->col,
		            "link to '#%s' in %s: no heading of that page has "
		            "this anchor; did you mean '#%s'? Its headings: %s "
		            "(a heading's anchor is its text in lower case, "
		            "without accents, words joined by '-'); correct "
		            "the link, or the heading if it was renamed",
		            l->frag, to, hint, list);
	else
		diag_report(d, DIAG_ERROR, file, l->line, l->col,
		            "link to '#%s' in %s: no heading of that page has "
		            "this anchor; its headings: %s (a heading's anchor "
		            "is its text in lower case, without accents, words "
		            "joined by '-'); correct the link, or the heading "
		            "if it was renamed",
		            l->frag, to, list);
}

/* A link to a missing anchor of a page without Markdown (the programme,
 * a list): its headings as its HTML writes them, with the theme's ids. */
static void
report_generated(const struct anchor_link *l, const value *toc,
                 const char *decoded, arena *a, diag *d)
{
	size_t n = value_len(toc);
	const char *to = l->to->file != NULL ? l->to->file : l->to->url;
	if (n == 0) {
		diag_report(
		    d, DIAG_ERROR, l->file, l->line, l->col,
		    "link to '#%s' in %s: that page, made by the theme, "
		    "has no heading to link to; link to the page "
		    "without '#%s'",
		    l->frag, to, l->frag);
		return;
	}
	const char **ids = arena_alloc(a, n * sizeof(*ids));
	const char *list = headings_list(a, toc, ids);
	const char *hint = anchor_hint(a, toc, ids, n, decoded);
	if (hint != NULL)
		diag_report(d, DIAG_ERROR, l->file, l->line, l->col,
		            "link to '#%s' in %s: no heading of that page has "
		            "this anchor; did you mean '#%s'? Its headings: %s "
		            "(that page is made by the theme, which writes its "
		            "anchors); correct the link",
		            l->frag, to, hint, list);
	else
		diag_report(d, DIAG_ERROR, l->file, l->line, l->col,
		            "link to '#%s' in %s: no heading of that page has "
		            "this anchor; its headings: %s (that page is made "
		            "by the theme, which writes its anchors); correct "
		            "the link",
		            l->frag, to, list);
}

/* A link to a page without Markdown: right when its HTML writes the id;
 * not judged when that HTML is not known.  0, or -1 after reporting. */
static int
check_generated(struct anchor_index *x, const struct anchor_link *l,
                const char *decoded, diag *d)
{
	const page *p = l->to;
	if (!generated_indexed(x, p) || id_known(x, p, l->frag, decoded))
		return 0;
	buf html = BUF_INIT;
	value *toc =
	    x->html_again != NULL && x->html_again(x->again_ctx, p, &html) == 0
	        ? html_headings(x->a, buf_cstr(&html))
	        : value_list(x->a);
	buf_free(&html);
	report_generated(l, toc, decoded, x->a, d);
	return -1;
}

/* In the order written: by page, line and column. */
static int
by_place(const void *x, const void *y)
{
	const struct anchor_link *a = x, *b = y;
	int c = strcmp(a->file, b->file);
	if (c != 0)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	return a->col < b->col ? -1 : a->col > b->col;
}

/*
 * A link is right when its fragment is an id of its page: its headings'
 * (kept by the render), the theme's, or, asked only then, the other ids
 * of its body rendered again.  A page whose body was not rendered this
 * time (it could not be read) is not judged.  A page without Markdown
 * (check_generated) has only the ids its HTML writes.
 */
int
site_check_anchors(site *s, diag *d, site_html_fn html_again, void *ctx)
{
	if (s->nanchor_links == 0)
		return 0;
	qsort(s->anchor_links, s->nanchor_links, sizeof(*s->anchor_links),
	      by_place);
	arena *a = arena_new();
	struct anchor_index x = {.s = s,
	                         .a = a,
	                         .ids = strmap_new(a),
	                         .indexed = strmap_new(a),
	                         .theme = strmap_new(a),
	                         .html_again = html_again,
	                         .again_ctx = ctx};
	int rc = 0;
	for (size_t i = 0; i < s->nanchor_links; i++) {
		const struct anchor_link *l = &s->anchor_links[i];
		const char *decoded = url_decode(a, l->frag, strlen(l->frag));
		if (!l->to->has_body) {
			if (check_generated(&x, l, decoded, d) != 0)
				rc = -1;
			continue;
		}
		if (!l->to->anchored ||
		    heading_found(&x, l->to, l->frag, decoded))
			continue;
		buf html = BUF_INIT;
		const value *toc = render_again(s, l->to, a, &html);
		if (!html_has_id(&html, l->frag, decoded)) {
			report_anchor(l, toc, decoded, a, d);
			rc = -1;
		}
		buf_free(&html);
	}
	arena_free(a);
	s->nanchor_links = 0;
	return rc;
}
