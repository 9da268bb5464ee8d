/*
 * imgvips.h - the libvips calls of the photo pipeline, behind a table of
 * functions, so that libvips and its ~100 shared libraries are loaded
 * only when a photo must really be decoded.
 *
 * imgvips.c is built as a module of its own, fabrique-vips.so, installed
 * beside the binary (uninstalled build) or in ../lib/fabrique/ (installed
 * one); imgcodec.c dlopen()s it the first time an image is not in the
 * cache.  `fabrique --version`, a no-op rebuild and every build whose
 * photos are cached never load it.  Programs that link imgvips.o
 * statically (the unit tests, tests/imgtool) get the same table without
 * dlopen().
 *
 * The module calls nothing of fabrique: it only wraps libvips, so it
 * links against libvips alone.  Images are libvips images, opaque here.
 */
#ifndef FABRIQUE_IMGVIPS_H
#define FABRIQUE_IMGVIPS_H

#include <stdbool.h>
#include <stddef.h>

/* Bumped whenever the table changes, so a stale module is refused. */
#define IMGVIPS_ABI 2
/* libvips's largest image side (VIPS_MAX_COORD), checked in imgvips.c. */
#define IMGVIPS_MAX_COORD 10000000
/* The module's file name and the symbol imgcodec looks up in it. */
#define IMGVIPS_MODULE "fabrique-vips.so"
#define IMGVIPS_SYMBOL "imgvips_get"

typedef struct imgvips_image imgvips_image;

/* What save() writes. */
enum imgvips_format { IMGVIPS_JPEG, IMGVIPS_WEBP, IMGVIPS_PNG };

typedef struct imgvips_api {
	int abi; /* IMGVIPS_ABI */
	/* Process-wide set-up: 0, or -1 (error_buffer() says why). */
	int (*init)(const char *argv0);
	void (*shutdown)(void);
	/* Called by each worker thread before it ends. */
	void (*thread_shutdown)(void);
	const char *(*error_buffer)(void);
	void (*error_clear)(void);
	/* libvips's loader class for these bytes ("VipsForeignLoadJpeg…"),
	 * NULL when none reads them. */
	const char *(*find_loader)(const void *data, size_t len);
	/* Header only, nothing decoded: the oriented size and whether an
	 * ICC profile needs converting to sRGB.  0 or -1. */
	int (*header)(const void *data, size_t len, int *w, int *h, bool *icc);
	/* Shrink-on-load to width, upright, sRGB; in_memory decodes the
	 * whole image now (to derive several sizes from it).  NULL when the
	 * file is damaged or truncated. */
	imgvips_image *(*decode)(const void *data, size_t len, int width,
	                         bool icc, bool in_memory);
	/* A narrower copy; NULL on error. */
	imgvips_image *(*shrink)(imgvips_image *im, int width);
	void (*size)(imgvips_image *im, int *w, int *h);
	/* Encodes without metadata (enum imgvips_format: WebP, JPEG
	 * flattened on white, or PNG keeping transparency; quality and
	 * effort are WebP's and JPEG's); *out is freed with free_buf().
	 * 0 or -1. */
	int (*save)(imgvips_image *im, int format, int quality, int effort,
	            void **out, size_t *len);
	void (*free_buf)(void *p);
	void (*unref)(imgvips_image *im);
} imgvips_api;

/* The module's only export. */
const imgvips_api *imgvips_get(void);

#endif
