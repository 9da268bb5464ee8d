#include "photos.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "arena.h"
#include "buf.h"
#include "imgcodec.h"

static int
read_photo(void *ctx, const char *name, const char *blob_id, void **data,
           size_t *len)
{
	(void)blob_id;
	char *bytes;
	if (source_read(ctx, name, &bytes, len) != 0)
		return -1;
	*data = bytes;
	return 0;
}

/* theme.yaml: images: {largeurs: [480, 960, 1600], qualite: 80} */
static void
options(imgcodec_opts *io, const theme *th, source *src, const photos_opts *po,
        bool linked)
{
	imgcodec_opts_init(io);
	const value *im = value_get(theme_config(th), "images");
	const value *widths = value_get(im, "largeurs");
	for (size_t i = 0; i < value_len(widths) && i + 1 < IMGCODEC_MAX_WIDTHS;
	     i++) {
		io->widths[i] = atoi(value_get_string(value_at(widths, i))
		                         ? value_get_string(value_at(widths, i))
		                         : "0");
		io->widths[i + 1] = 0;
	}
	const char *q = value_get_string(value_get(im, "qualite"));
	if (q != NULL && atoi(q) > 0 && atoi(q) <= 100)
		io->jpeg_quality = io->webp_quality = atoi(q);
	if (po->cache_dir != NULL)
		io->cache_dir = po->cache_dir;
	io->progress =
	    po->quiet ? IMGCODEC_PROGRESS_OFF : IMGCODEC_PROGRESS_AUTO;
	io->read = read_photo;
	io->read_ctx = src;
	if (linked) { /* the whole photo, at one width: no thumbnails */
		io->widths[0] = 0;
		io->originals = true;
	}
}

static value *
fields(arena *a, const imgcodec_result *r)
{
	value *f = value_map(a);
	value_set_str(a, f, "url", r->src);
	value_set_int(a, f, "largeur", r->width);
	value_set_int(a, f, "hauteur", r->height);
	value_set_str(a, f, "webp_srcset", r->webp_srcset);
	value_set_str(a, f, "jpeg_srcset", r->jpeg_srcset);
	/* shown whole in a gallery, not cropped to 4:3 (theme23) */
	if (imgcodec_panorama(r->width, r->height))
		value_set_bool(a, f, "panorama", true);
	/* the narrowest JPEG: what a gallery shows before a click */
	for (size_t i = 0; i < r->n_variants; i++)
		if (r->variants[i].format == IMGCODEC_JPEG &&
		    !r->variants[i].original) {
			value_set_str(a, f, "miniature", r->variants[i].url);
			break;
		}
	return f;
}

static void
report(const imgcodec_batch *b, const photos_opts *po)
{
	if (!po->verbose)
		return;
	imgcodec_stats st = imgcodec_batch_stats(b);
	fprintf(stderr,
	        "fabrique: photos: %zu images, %zu decoded, %zu variants from "
	        "the cache, %zu made, %zu rebuilt, %zu failed, %.2f s\n",
	        st.images, st.decoded, st.hits, st.misses, st.rebuilt,
	        st.failed, st.seconds);
}

/*
 * Queues the photos of this pass (linked or not) in b, their indexes in
 * which; a photo git LFS keeps is refused first, as the whole file is
 * not in git (outside tester 20 F3), and a linked one that would land on
 * a smaller copy of another photo (a-480.jpg beside a.jpg), which the
 * build made before the pages: said at its file, as check says it (and
 * one in the content's assets/ folder, a warning, site_photo_taken()).
 * Returns how many were queued; *refused counts the others.
 */
static size_t
queue(site *s, source *src, imgcodec_batch *b, size_t *which, bool linked,
      size_t *refused, diag *d)
{
	size_t n = 0;
	for (size_t i = 0; i < site_image_count(s); i++) {
		const char *tree, *id, *base;
		bool is_linked;
		site_image(s, i, &tree, &id, &base, &is_linked);
		if (is_linked != linked)
			continue;
		if (site_photo_taken(s, i, d) ||
		    source_lfs_refuse(src, tree, d) != 0) {
			site_image_failed(s, i);
			++*refused;
			continue;
		}
		which[n++] = i;
		imgcodec_batch_add(b, tree, id, base, NULL, 0);
	}
	return n;
}

static int
run(site *s, source *src, const theme *th, output *o, const photos_opts *po,
    diag *d, bool linked)
{
	imgcodec_opts io;
	options(&io, th, src, po, linked);
	imgcodec_batch *b = imgcodec_batch_new(&io, d);
	size_t *which = xcalloc(site_image_count(s) + 1, sizeof(*which));
	size_t refused = 0;
	size_t n = queue(s, src, b, which, linked, &refused, d);
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	size_t failed = n > 0 ? imgcodec_batch_run(b, o,
	                                           po->jobs > 0 ? po->jobs
	                                           : cores > 0  ? (int)cores
	                                                        : 1)
	                      : 0;
	arena *a = arena_new();
	for (size_t k = 0; !linked && k < n; k++) {
		const imgcodec_result *r = imgcodec_batch_result(b, k);
		for (size_t v = 0; r != NULL && r->ok && v < r->n_variants; v++)
			site_image_made(s, which[k], r->variants[v].path);
		if (r != NULL && r->ok)
			site_image_fill(s, which[k], fields(a, r));
		else
			site_image_failed(s, which[k]);
	}
	if (n > 0)
		report(b, po);
	arena_free(a); /* site_image_fill() copied what it keeps */
	free(which);
	imgcodec_batch_free(b);
	return failed == 0 && refused == 0 ? 0 : -1;
}

/* The header's logo is 3rem (48 px) high: its sizes for screens of 1 to
 * 4 device pixels per CSS pixel, then the icons' (a browser tab's, a
 * phone's home screen). */
#define LOGO_HEIGHT 48
static const int logo_heights[] = {48, 96, 144, 192, 512};

/* The narrowest variant at least h high, else the tallest. */
static const imgcodec_variant *
logo_variant(const imgcodec_result *r, int h)
{
	const imgcodec_variant *best = NULL;
	for (size_t i = 0; i < r->n_variants; i++) {
		const imgcodec_variant *v = &r->variants[i];
		if (best == NULL || best->height < h)
			best = v; /* by increasing width, so height */
	}
	return best;
}

/*
 * The logo's fields for the site's view (site_logo_fill() names them):
 * the header's image for a 2x screen, every header size, its box in CSS
 * pixels at the header's height (keeping its proportions: never
 * squashed), a browser tab's icon (PNG with its transparency) and the
 * phone's home screen's, for the manifest.
 */
static void
logo_fill(site *s, const imgcodec_result *r)
{
	const imgcodec_variant *big = logo_variant(r, 512);
	int h = big->height < LOGO_HEIGHT ? big->height : LOGO_HEIGHT;
	long long w = ((long long)h * big->width + big->height / 2) /
	              (big->height > 0 ? big->height : 1);
	buf set = BUF_INIT;
	for (size_t i = 0; i < r->n_variants; i++)
		if (r->variants[i].height <= 4 * LOGO_HEIGHT)
			buf_printf(&set, "%s%s %dw", set.len ? ", " : "",
			           r->variants[i].url, r->variants[i].width);
	site_logo_fields f = {
	    .url = logo_variant(r, 2 * LOGO_HEIGHT)->url,
	    .srcset = buf_cstr(&set),
	    .width = (int)(w > 0 ? w : 1),
	    .height = h,
	    .icon = logo_variant(r, 192)->url,
	    .big = big->url,
	};
	site_logo_fill(s, &f); /* copies them */
	buf_free(&set);
}

/* site.yaml's logo, when a photo: PNG variants by height, in a batch of
 * their own. */
static int
logo(site *s, source *src, const theme *th, output *o, const photos_opts *po,
     diag *d)
{
	const char *tree, *id, *base;
	if (!site_logo(s, &tree, &id, &base))
		return 0;
	imgcodec_opts io;
	options(&io, th, src, po, false);
	size_t n = sizeof(logo_heights) / sizeof(*logo_heights);
	for (size_t i = 0; i <= n; i++)
		io.widths[i] = i < n ? logo_heights[i] : 0;
	io.png_by_height = true;
	imgcodec_batch *b = imgcodec_batch_new(&io, d);
	imgcodec_batch_add(b, tree, id, base, NULL, 0);
	size_t failed = imgcodec_batch_run(b, o, 1);
	const imgcodec_result *r = imgcodec_batch_result(b, 0);
	if (failed == 0 && r != NULL && r->ok && r->n_variants > 0)
		logo_fill(s, r);
	imgcodec_batch_free(b);
	return failed == 0 ? 0 : -1;
}

int
photos_prepare(site *s, source *src, const theme *th, output *o,
               const photos_opts *po, diag *d)
{
	int rc = logo(s, src, th, o, po, d);
	return run(s, src, th, o, po, d, false) == 0 ? rc : -1;
}

int
photos_linked(site *s, source *src, const theme *th, output *o,
              const photos_opts *po, diag *d)
{
	return run(s, src, th, o, po, d, true);
}
