/*
 * imgvips.c - libvips behind the imgvips_api table (see imgvips.h): the
 * only file that includes <vips/vips.h>, built into fabrique-vips.so.
 */
#include "imgvips.h"

#include <vips/vips.h>

_Static_assert(IMGVIPS_MAX_COORD == VIPS_MAX_COORD, "libvips's MAX_COORD");

/* libvips prints warnings about damaged files on stderr, in its own
 * words and without the file's name; fabrique reports them itself. */
static void
quiet_log(const gchar *domain, GLogLevelFlags level, const gchar *msg,
          gpointer data)
{
}

static int
init(const char *argv0)
{
	if (VIPS_INIT(argv0 != NULL ? argv0 : "fabrique") != 0)
		return -1;
	/* Every image is decoded once per build: libvips's operation cache
	 * would only hold memory.  Loaders of rarely-used, fragile formats
	 * (SVG, PDF, ImageMagick...) are never reached from untrusted
	 * input.  Each worker runs one pipeline: its pool is one thread. */
	vips_cache_set_max(0);
	vips_cache_set_max_mem(0);
	vips_concurrency_set(1);
	vips_block_untrusted_set(TRUE);
	g_log_set_handler("VIPS", G_LOG_LEVEL_WARNING | G_LOG_LEVEL_MESSAGE,
	                  quiet_log, NULL);
	return 0;
}

static const char *
find_loader(const void *data, size_t len)
{
	return vips_foreign_find_load_buffer(data, len);
}

/* libvips is lazy: opening reads the header only, so a decompression
 * bomb is refused before a single pixel is decoded. */
static int
header(const void *data, size_t len, int *w, int *h, bool *icc)
{
	VipsImage *im = vips_image_new_from_buffer(
	    data, len, "", "access", VIPS_ACCESS_SEQUENTIAL, NULL);
	if (im == NULL)
		return -1;
	*w = vips_image_get_width(im);
	*h = vips_image_get_height(im);
	if (vips_image_get_orientation_swap(im)) {
		int t = *w;
		*w = *h;
		*h = t;
	}
	*icc = vips_image_get_typeof(im, VIPS_META_ICC_NAME) != 0;
	g_object_unref(im);
	return 0;
}

/*
 * The metadata blobs of an image copied to memory, dropped before its
 * loader's image is let go: libvips 8.14's heifload (fixed in 8.15,
 * libvips PR 3725) allocates EXIF, XMP and ICC as memory local to its
 * output image, so once that image is freed the copy's fields point at
 * freed memory and the encoder's EXIF update read it (AddressSanitizer:
 * heap-use-after-free in vips__exif_update, on every HEIC photo).  None
 * of them is published: the pixels are in sRGB already and every save
 * strips metadata.
 */
static void
drop_blobs(VipsImage *mem)
{
	static const char *const blobs[] = {
	    VIPS_META_EXIF_NAME, VIPS_META_XMP_NAME, VIPS_META_IPTC_NAME,
	    VIPS_META_ICC_NAME};
	for (size_t i = 0; i < sizeof(blobs) / sizeof(*blobs); i++)
		(void)vips_image_remove(mem, blobs[i]);
}

/*
 * Shrink-on-load straight from the bytes, upright, in sRGB.  Fails on a
 * truncated file instead of publishing a grey half-photo.  libvips 8.14
 * does not pass thumbnail's own fail_on to the loader: the loader's
 * option string does.
 */
static imgvips_image *
decode(const void *data, size_t len, int width, bool icc, bool in_memory)
{
	VipsImage *im = NULL;
	int rc = vips_thumbnail_buffer(
	    (void *)data, len, &im, width, "height", VIPS_MAX_COORD, "size",
	    VIPS_SIZE_DOWN, "option_string", "fail_on=error",
	    /* without a profile, the NULL name ends the list here */
	    icc ? "export_profile" : NULL, "srgb", NULL);
	if (rc != 0)
		return NULL;
	if (!in_memory)
		return (imgvips_image *)im;
	VipsImage *mem = vips_image_copy_memory(im);
	if (mem != NULL && mem != im)
		drop_blobs(mem);
	g_object_unref(im);
	return (imgvips_image *)mem;
}

static imgvips_image *
shrink(imgvips_image *base, int width)
{
	VipsImage *im = NULL;
	if (vips_thumbnail_image((VipsImage *)base, &im, width, "height",
	                         VIPS_MAX_COORD, "size", VIPS_SIZE_DOWN,
	                         NULL) != 0)
		return NULL;
	return (imgvips_image *)im;
}

static void
size(imgvips_image *im, int *w, int *h)
{
	*w = vips_image_get_width((VipsImage *)im);
	*h = vips_image_get_height((VipsImage *)im);
}

/* Encodes without any metadata.  libvips 8.15 replaced "strip" with
 * "keep"; 8.14 (Debian 12) only has "strip". */
static int
save(imgvips_image *image, int format, int q, int effort, void **out,
     size_t *len)
{
#if VIPS_MAJOR_VERSION > 8 ||                                                  \
    (VIPS_MAJOR_VERSION == 8 && VIPS_MINOR_VERSION >= 15)
#define NO_METADATA "keep", VIPS_FOREIGN_KEEP_NONE
#else
#define NO_METADATA "strip", TRUE
#endif
	VipsImage *im = (VipsImage *)image;
	if (format == IMGVIPS_WEBP)
		return vips_webpsave_buffer(im, out, len, "Q", q, "effort",
		                            effort, NO_METADATA, NULL);
	if (format == IMGVIPS_PNG) /* a logo: lossless, its alpha kept */
		return vips_pngsave_buffer(im, out, len, "compression", 9,
		                           NO_METADATA, NULL);
	VipsArrayDouble *white = vips_array_double_newv(1, 255.0);
	int rc =
	    vips_jpegsave_buffer(im, out, len, "Q", q, "optimize_coding", TRUE,
	                         "background", white, NO_METADATA, NULL);
	vips_area_unref(VIPS_AREA(white));
	return rc;
#undef NO_METADATA
}

static void
free_buf(void *p)
{
	g_free(p);
}

static void
unref(imgvips_image *im)
{
	if (im != NULL)
		g_object_unref(im);
}

const imgvips_api *
imgvips_get(void)
{
	static const imgvips_api api = {
	    IMGVIPS_ABI,
	    init,
	    vips_shutdown,
	    vips_thread_shutdown,
	    vips_error_buffer,
	    vips_error_clear,
	    find_loader,
	    header,
	    decode,
	    shrink,
	    size,
	    save,
	    free_buf,
	    unref,
	};
	return &api;
}
