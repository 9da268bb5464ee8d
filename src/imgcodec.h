/*
 * imgcodec.h - the image codec layer on libvips: resized, stripped WebP and
 * JPEG variants of every published image, with a cache that survives builds and
 * refs.
 *
 * A build queues its images in a batch, then runs the batch on N threads
 * (libvips does the decoding with shrink-on-load and the encoding).  For
 * each image and each width the theme declares, the batch writes
 * BASE-W.webp and BASE-W.jpg through the output writer, upright (EXIF
 * orientation applied) and with every metadata block removed (EXIF with
 * GPS and serial numbers, XMP, IPTC, ICC: colours are converted to sRGB
 * first, so dropping the profile changes nothing on screen).  Widths wider
 * than the photo are not upscaled: they are replaced by one variant at the
 * photo's own width.  A panorama (wider than 2:1) gets one variant wider
 * than the widest declared, so as not to be a thin strip (plan()).  With
 * opts.originals, BASE.jpg is the whole photo, re-encoded upright and stripped
 * too.  Transparency is kept in WebP and flattened on white in JPEG; an
 * animated GIF gives its first frame.
 *
 * Cache.  Each variant is stored in CACHE_DIR/XX/BLOB-W-Q-FMT-vN, keyed by
 * the source's git blob id and every parameter that changes the bytes.
 * An entry carries a header with its key, payload length and checksum, so
 * a truncated or damaged entry is detected, counted as "rebuilt" and made
 * again.  Entries are written to a temporary file and renamed.  The
 * photo's oriented size is cached too (BLOB-meta-vN), so an image whose
 * variants are all cached is never read nor decoded: with opts.read set,
 * its bytes are not even fetched.  The cache is never pruned; "fabrique
 * cache clean" (imgcache_clean) empties it.  The cache's format is
 * imgcache.c's.
 *
 * Bad input (empty file, truncated or damaged image, content that is not
 * an image, unsupported format, too many pixels) is reported with
 * diag_report() naming the image; that image is skipped and the batch
 * goes on.  The pixel count is checked from the header, before anything
 * is decoded.  A file whose content is a supported image of another type
 * than its extension says gets a warning and is processed.
 *
 * Threads: imgcodec_batch_run() is the only function that starts threads; the
 * other batch functions belong to the thread that created the batch.  The
 * read callback is always called on the thread that called
 * imgcodec_batch_run() (git reads are single-threaded), while decoding and
 * encoding run on the workers.
 */
#ifndef FABRIQUE_IMGCODEC_H
#define FABRIQUE_IMGCODEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "arena.h"
#include "diag.h"
#include "output.h"
#include "value.h"

/* Bumped whenever a change makes the pipeline produce other bytes, so
 * that old cache entries stop matching. */
#define IMGCODEC_PIPELINE_VERSION 1
#define IMGCODEC_MAX_WIDTHS 12

/* Whether a w x h photo is a panorama: wider than 2:1.  Such a photo
 * gets a larger variant (plan()), and the theme shows it whole rather
 * than cropped to a 4:3 thumbnail (photos.c's "panorama"). */
bool imgcodec_panorama(long long w, long long h);

/* Process-wide libvips set-up, done now rather than at the first image
 * to decode (as builds do: see imgvips.h): for programs that call
 * libvips themselves.  Returns 0, or -1 after printing why on stderr.
 * imgcodec_global_shutdown() is a no-op when libvips was never loaded. */
int imgcodec_global_init(const char *argv0);
void imgcodec_global_shutdown(void);

typedef enum {
	IMGCODEC_PROGRESS_AUTO,
	IMGCODEC_PROGRESS_OFF,
	IMGCODEC_PROGRESS_ON
} imgcodec_progress;

/*
 * Fetches an image's bytes when the batch needs them (some variant is not
 * cached).  Sets *data to a malloc()ed buffer that the batch will free(),
 * and returns 0; or returns -1 after reporting an error.
 */
typedef int (*imgcodec_read_fn)(void *ctx, const char *name,
                                const char *blob_id, void **data, size_t *len);

typedef struct imgcodec_opts {
	int widths[IMGCODEC_MAX_WIDTHS]; /* any order; 0 ends the list */
	int jpeg_quality;                /* 1..100 */
	int webp_quality;                /* 1..100 */
	int webp_effort;                 /* 0 (fast) .. 6 (small files) */
	bool originals;                  /* also BASE.jpg at full size */
	/* A logo: PNG variants only (lossless, transparency kept), no WebP
	 * nor JPEG; and widths[] are heights, each variant as tall, its
	 * width following the image's proportions (a 900 x 300 logo at
	 * height 96 is 288 wide). */
	bool png_by_height;
	int original_quality;       /* 1..100 */
	double max_megapixels;      /* larger images are refused */
	const char *cache_dir;      /* NULL: no cache */
	const char *url_prefix;     /* prepended to output paths: "/" */
	imgcodec_progress progress; /* AUTO: on a tty, for long work */
	FILE *progress_out;         /* NULL: stderr */
	imgcodec_read_fn read;      /* for images added without bytes */
	void *read_ctx;
} imgcodec_opts;

/* Whether a file's name says it is a photo the pipeline reads (.jpg,
 * .JPEG, .jfif, .png, .webp, .gif, .heic, .tif...; any case): the one
 * list of those names, so a photo is never published as it is, with
 * its metadata, nor refused as an unknown type. */
bool imgcodec_is_photo_name(const char *name);

/* Defaults: widths 480, 960, 1600; quality 80 (JPEG and WebP), effort 4,
 * originals off (quality 90), 100 megapixels, cache in
 * ".fabrique-cache/images", URLs under "/", progress AUTO. */
void imgcodec_opts_init(imgcodec_opts *o);

#define IMGCODEC_DEFAULT_CACHE_DIR ".fabrique-cache/images"

typedef enum { IMGCODEC_WEBP, IMGCODEC_JPEG, IMGCODEC_PNG } imgcodec_format;

typedef struct imgcodec_variant {
	imgcodec_format format;
	bool original; /* the full-size copy asked by opts.originals */
	int width, height;
	const char *path; /* relative output path: "a/b-480.webp" */
	const char *url;  /* url_prefix + path */
} imgcodec_variant;

/*
 * What a template needs to show one image.  Variants are the WebP ones by
 * increasing width, then the JPEG ones, then the original if asked.
 * width/height are the largest variant's, for the <img> attributes.
 * Strings belong to the batch.  When ok is false the image failed (the
 * error was reported) and only name is set.
 */
typedef struct imgcodec_result {
	const char *name;
	bool ok;
	int width, height;
	size_t n_variants;
	const imgcodec_variant *variants;
	const char *webp_srcset; /* "/a/b-480.webp 480w, /a/b-960.webp 960w" */
	const char *jpeg_srcset;
	const char *png_srcset;   /* opts.png_by_height's, else "" */
	const char *src;          /* the largest JPEG's (or PNG's) URL */
	const char *original_url; /* NULL unless opts.originals */
} imgcodec_result;

typedef struct imgcodec_stats {
	size_t images;  /* in the batch */
	size_t decoded; /* images whose pixels had to be decoded */
	size_t failed;  /* images skipped after an error */
	size_t hits;    /* variants served from the cache */
	size_t misses;  /* variants made because they were not cached */
	size_t rebuilt; /* variants whose cache entry was corrupt */
	size_t written; /* bytes handed to the output */
	double seconds; /* wall time of imgcodec_batch_run */
} imgcodec_stats;

typedef struct imgcodec_batch imgcodec_batch;

/* The options are copied (strings too); d receives every diagnostic. */
imgcodec_batch *imgcodec_batch_new(const imgcodec_opts *opts, diag *d);
void imgcodec_batch_free(imgcodec_batch *b);

/*
 * Queues an image and returns its index for imgcodec_batch_result().  name is
 * for messages (its tree path); blob_id its git blob id, the cache key
 * (7 to 64 hex digits; NULL or anything else disables the cache for this
 * image); out_base the output path without extension
 * ("retours/fete-2025/preau-1").  data may be NULL: the bytes are then
 * fetched with opts.read, only if some variant is not cached.  Otherwise
 * they are borrowed and must stay valid until imgcodec_batch_run() returns.
 * Strings are copied.
 */
size_t imgcodec_batch_add(imgcodec_batch *b, const char *name,
                          const char *blob_id, const char *out_base,
                          const void *data, size_t len);

size_t imgcodec_batch_count(const imgcodec_batch *b);

/*
 * Processes every queued image with jobs worker threads (at least 1),
 * writing the variants through o (NULL: into the cache only).  Returns
 * the number of images that failed.  Runs once per batch.
 */
size_t imgcodec_batch_run(imgcodec_batch *b, output *o, int jobs);

/* Valid after imgcodec_batch_run(), until imgcodec_batch_free(). */
const imgcodec_result *imgcodec_batch_result(const imgcodec_batch *b,
                                             size_t index);
imgcodec_stats imgcodec_batch_stats(const imgcodec_batch *b);

/*
 * The template view of a result, in the site's language:
 * {largeur, hauteur, src, webp_srcset, jpeg_srcset, original (URL or
 * null), variantes: [{format: "webp"|"jpeg", largeur, hauteur, url}]}.
 * NULL when the image failed.
 */
value *imgcodec_result_value(const imgcodec_result *r, arena *a);

#endif
