/*
 * imgcodec.c - the image codec layer: libvips decoding and encoding, batch
 * threads, on-disk cache.
 *
 * Work is split by image: each worker thread takes a whole image, so
 * libvips runs one single-threaded pipeline per worker (its own thread
 * pool is set to 1 in imgcodec_global_init) and both cores stay busy without
 * oversubscription.  An image goes through up to three steps:
 *
 *   1. from the cache, without its bytes: the cached oriented size gives
 *      the list of variants, and every variant found intact is written
 *      out.  Most images stop here on a second build.
 *   2. fetching the bytes, when some variant is missing and the image was
 *      added without them: the worker hands the image to the thread that
 *      called imgcodec_batch_run(), which calls opts.read and hands it back.
 *      At most jobs + 1 fetched images are held at once.
 *   3. decoding once, at the widest planned width (shrink-on-load), then
 *      resizing that copy for the narrower widths and encoding each one.
 *      Always the widest planned, so a variant is the same bytes whether
 *      its siblings were cached or not.
 */
#include "imgcodec.h"

#include <ctype.h>
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "fsutil.h"
#include "imgcache.h"
#include "imgstrip.h"
#include "imgvips.h"
#include "url.h"

#define MAX_VARIANTS (2 * IMGCODEC_MAX_WIDTHS + 1)

enum vstate { V_TODO, V_DONE };

enum kind { K_NONE, K_JPEG, K_PNG, K_WEBP, K_GIF, K_HEIF, K_TIFF };

struct variant {
	imgcodec_format format;
	bool original;
	bool corrupt; /* its cache entry existed but was damaged */
	enum vstate state;
	int want;          /* width asked for: names the file and the key */
	int width, height; /* what was produced */
	char *path;        /* relative output path (xmalloc) */
};

struct job {
	const char *name, *blob, *out_base; /* batch arena */
	const void *data;
	size_t len;
	bool owned; /* data was fetched with opts.read: free() it */
	bool planned;
	bool failed;
	enum kind kind;   /* what the bytes hold */
	int src_w, src_h; /* oriented size of the source */
	size_t nv;
	struct variant v[MAX_VARIANTS];
	size_t hits, misses, rebuilt, written; /* summed after the run */
	bool decoded;
	imgcodec_result res;
};

struct imgcodec_batch {
	imgcodec_opts o;
	int widths[IMGCODEC_MAX_WIDTHS]; /* sorted, distinct, positive */
	size_t nwidths;
	diag *d;
	arena *a;
	output *out;
	imgcache *cache; /* NULL without a cache folder */
	struct job **jobs;
	size_t n, cap;
	bool ran;
	imgcodec_stats st;

	/* Shared by the threads during imgcodec_batch_run(). */
	pthread_mutex_t lock;
	pthread_cond_t wake_main, wake_work;
	size_t next;                 /* next job never looked at */
	size_t *fetch, fhead, ftail; /* jobs waiting for their bytes */
	size_t *ready, rhead, rtail; /* jobs whose bytes have arrived */
	size_t done, held;           /* finished jobs; fetched, unfinished */
};

/* ---- process-wide set-up: the codec module ------------------------ */

/*
 * libvips drags ~100 shared libraries in: they are loaded the first time
 * an image must be decoded, not at start-up.  Programs that link
 * imgvips.o (tests, imgtool) define imgvips_get(); fabrique itself does
 * not, and opens fabrique-vips.so beside its binary (uninstalled) or in
 * ../lib/fabrique/ (installed).  Process-wide, like libvips itself: the
 * table is set once, under pthread_once, and never changes after.
 */
#pragma weak imgvips_get

static struct {
	pthread_once_t once;
	const imgvips_api *api; /* NULL: not loaded, or could not be */
	char why[4200];         /* why it could not be loaded */
} codec = {PTHREAD_ONCE_INIT, NULL, ""};

static void *
open_module(void)
{
	char dir[4096], path[4200];
	ssize_t k = readlink("/proc/self/exe", dir, sizeof(dir) - 1);
	if (k <= 0) {
		snprintf(codec.why, sizeof(codec.why),
		         "cannot find where fabrique is installed");
		return NULL;
	}
	dir[k] = '\0';
	*strrchr(dir, '/') = '\0';
	static const char *const where[] = {"", "/../lib/fabrique"};
	snprintf(codec.why, sizeof(codec.why), "%s/%s not found", dir,
	         IMGVIPS_MODULE);
	for (size_t i = 0; i < sizeof(where) / sizeof(*where); i++) {
		snprintf(path, sizeof(path), "%s%s/%s", dir, where[i],
		         IMGVIPS_MODULE);
		if (access(path, F_OK) != 0)
			continue;
		void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
		if (h != NULL)
			return h;
		snprintf(codec.why, sizeof(codec.why), "%s", dlerror());
		return NULL;
	}
	return NULL;
}

static void
load_codec(void)
{
	const imgvips_api *(*get)(void) = imgvips_get;
	if (get == NULL) {
		void *h = open_module();
		if (h != NULL)
			*(void **)&get = dlsym(h, IMGVIPS_SYMBOL);
		if (h != NULL && get == NULL)
			snprintf(codec.why, sizeof(codec.why), "%s", dlerror());
	}
	const imgvips_api *api = get != NULL ? get() : NULL;
	if (api != NULL && api->abi != IMGVIPS_ABI) {
		snprintf(codec.why, sizeof(codec.why),
		         "%s is from another version of fabrique",
		         IMGVIPS_MODULE);
		api = NULL;
	}
	if (api != NULL && api->init("fabrique") != 0) {
		snprintf(codec.why, sizeof(codec.why),
		         "cannot start libvips: %s", api->error_buffer());
		api = NULL;
	}
	codec.api = api;
}

/* The codec, loaded on first use; NULL when it cannot be (codec.why). */
static const imgvips_api *
vips(void)
{
	pthread_once(&codec.once, load_codec);
	return codec.api;
}

int
imgcodec_global_init(const char *argv0)
{
	if (vips() != NULL)
		return 0;
	fprintf(stderr, "fabrique: cannot load the photo module: %s\n",
	        codec.why);
	return -1;
}

void
imgcodec_global_shutdown(void)
{
	/* only if loaded: a build without new photos never loads it */
	if (codec.api != NULL)
		codec.api->shutdown();
}

/* ---- options and batch --------------------------------------------- */

void
imgcodec_opts_init(imgcodec_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->widths[0] = 480;
	o->widths[1] = 960;
	o->widths[2] = 1600;
	o->jpeg_quality = 80;
	o->webp_quality = 80;
	o->webp_effort = 4;
	o->original_quality = 90;
	o->max_megapixels = 100;
	o->cache_dir = IMGCODEC_DEFAULT_CACHE_DIR;
	o->url_prefix = "/";
	o->progress = IMGCODEC_PROGRESS_AUTO;
}

static int
clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* Widths are sorted and made distinct once, so planning is a scan. */
static void
take_widths(imgcodec_batch *b)
{
	for (size_t i = 0; i < IMGCODEC_MAX_WIDTHS && b->o.widths[i] != 0;
	     i++) {
		int w = b->o.widths[i];
		if (w <= 0 || w > IMGVIPS_MAX_COORD)
			continue;
		size_t k = 0;
		while (k < b->nwidths && b->widths[k] < w)
			k++;
		if (k < b->nwidths && b->widths[k] == w)
			continue;
		memmove(b->widths + k + 1, b->widths + k,
		        (b->nwidths - k) * sizeof(int));
		b->widths[k] = w;
		b->nwidths++;
	}
}

imgcodec_batch *
imgcodec_batch_new(const imgcodec_opts *opts, diag *d)
{
	imgcodec_batch *b = xcalloc(1, sizeof(*b));
	b->a = arena_new();
	b->d = d;
	b->o = *opts;
	b->o.jpeg_quality = clamp(b->o.jpeg_quality, 1, 100);
	b->o.webp_quality = clamp(b->o.webp_quality, 1, 100);
	b->o.original_quality = clamp(b->o.original_quality, 1, 100);
	b->o.webp_effort = clamp(b->o.webp_effort, 0, 6);
	if (b->o.max_megapixels <= 0)
		b->o.max_megapixels = 100;
	if (b->o.cache_dir != NULL)
		b->o.cache_dir = b->o.cache_dir[0] != '\0'
		                     ? arena_strdup(b->a, b->o.cache_dir)
		                     : NULL;
	b->o.url_prefix =
	    arena_strdup(b->a, b->o.url_prefix != NULL ? b->o.url_prefix : "/");
	if (b->o.cache_dir != NULL)
		b->cache = imgcache_open(b->o.cache_dir, d);
	take_widths(b);
	pthread_mutex_init(&b->lock, NULL);
	pthread_cond_init(&b->wake_main, NULL);
	pthread_cond_init(&b->wake_work, NULL);
	return b;
}

void
imgcodec_batch_free(imgcodec_batch *b)
{
	if (b == NULL)
		return;
	for (size_t i = 0; i < b->n; i++) {
		struct job *j = b->jobs[i];
		for (size_t k = 0; k < j->nv; k++)
			free(j->v[k].path);
		if (j->owned)
			free((void *)j->data);
		free(j);
	}
	free(b->jobs);
	free(b->fetch);
	free(b->ready);
	imgcache_free(b->cache);
	pthread_mutex_destroy(&b->lock);
	pthread_cond_destroy(&b->wake_main);
	pthread_cond_destroy(&b->wake_work);
	arena_free(b->a);
	free(b);
}

/* A blob id names cache files: only lowercase hex of a sane length may,
 * so no id can escape the cache folder. */
static const char *
clean_blob(arena *a, const char *id)
{
	if (id == NULL)
		return NULL;
	size_t n = strlen(id);
	if (n < 7 || n > 64)
		return NULL;
	char *s = arena_strdup(a, id);
	for (size_t i = 0; i < n; i++) {
		if (!isxdigit((unsigned char)s[i]))
			return NULL;
		s[i] = (char)tolower((unsigned char)s[i]);
	}
	return s;
}

size_t
imgcodec_batch_add(imgcodec_batch *b, const char *name, const char *blob_id,
                   const char *out_base, const void *data, size_t len)
{
	if (b->n == b->cap) {
		b->cap = b->cap ? 2 * b->cap : 64;
		b->jobs = xrealloc(b->jobs, b->cap * sizeof(*b->jobs));
	}
	struct job *j = xcalloc(1, sizeof(*j));
	j->name = arena_strdup(b->a, name);
	j->blob = clean_blob(b->a, blob_id);
	j->out_base = arena_strdup(b->a, out_base);
	j->data = data;
	j->len = data != NULL ? len : 0;
	j->res.name = j->name;
	b->jobs[b->n] = j;
	return b->n++;
}

size_t
imgcodec_batch_count(const imgcodec_batch *b)
{
	return b->n;
}

/* ---- planning ------------------------------------------------------- */

static const char *
format_ext(imgcodec_format f)
{
	return f == IMGCODEC_WEBP ? "webp" : f == IMGCODEC_PNG ? "png" : "jpg";
}

/* Everything that changes a variant's bytes is in its key. */
static void
variant_key(const imgcodec_batch *b, const struct job *j,
            const struct variant *v, char *key, size_t n)
{
	if (v->original)
		snprintf(key, n, "%s-orig-q%d-v%d.jpg", j->blob,
		         b->o.original_quality, IMGCODEC_PIPELINE_VERSION);
	else if (v->format == IMGCODEC_PNG)
		snprintf(key, n, "%s-%d-v%d.png", j->blob, v->want,
		         IMGCODEC_PIPELINE_VERSION);
	else if (v->format == IMGCODEC_WEBP)
		snprintf(key, n, "%s-%d-q%d-e%d-v%d.webp", j->blob, v->want,
		         b->o.webp_quality, b->o.webp_effort,
		         IMGCODEC_PIPELINE_VERSION);
	else
		snprintf(key, n, "%s-%d-q%d-v%d.jpg", j->blob, v->want,
		         b->o.jpeg_quality, IMGCODEC_PIPELINE_VERSION);
}

static void
meta_key(const struct job *j, char *key, size_t n)
{
	snprintf(key, n, "%s-meta-v%d", j->blob, IMGCODEC_PIPELINE_VERSION);
}

static void
add_variant(struct job *j, imgcodec_format f, int want, bool original)
{
	struct variant *v = &j->v[j->nv++];
	v->format = f;
	v->want = want;
	v->original = original;
	buf p = BUF_INIT;
	if (original)
		buf_printf(&p, "%s.jpg", j->out_base);
	else
		buf_printf(&p, "%s-%d.%s", j->out_base, want, format_ext(f));
	v->path = buf_detach(&p, NULL);
}

/* The largest x with x * x <= v. */
static long long
isqrt(long long v)
{
	long long x = 0, bit = 1LL << 62;
	while (bit > v)
		bit >>= 2;
	for (; bit != 0; bit >>= 2) {
		if (v >= x + bit) {
			v -= x + bit;
			x = (x >> 1) + bit;
		} else
			x >>= 1;
	}
	return x;
}

/*
 * How wide the largest variant of a w x h photo may be, top being the
 * widest declared width.  A panorama at top wide would be a strip too
 * thin to read (12000 x 2000 at 1600: 267 px high, outside tester 22
 * F4), so a photo wider than 2:1 is made wider: so that its short side
 * is at least top / 2 (1600: 800 px), without more pixels than a 4:3
 * photo at top (1600 x 1200), nor more than the photo has.  A photo up
 * to 2:1 (4:3, 3:2, 16:9) or taller than wide keeps top.
 */
bool
imgcodec_panorama(long long w, long long h)
{
	return h > 0 && w > 2 * h;
}

static long long
widest(long long top, long long w, long long h)
{
	if (!imgcodec_panorama(w, h) || w <= top)
		return top;
	long long by_side = (top / 2 * w + h - 1) / h;
	long long by_area = isqrt(top * top * 3 / 4 * w / h);
	long long cap = by_side < by_area ? by_side : by_area;
	cap = cap > top ? cap : top;
	return cap < w ? cap : w;
}

/*
 * The declared widths narrower than the photo (and than widest()), plus
 * one at the photo's own width or at widest() in place of all the wider
 * ones: never upscaled, never duplicated.
 */
static void
plan(const imgcodec_batch *b, struct job *j, int w, int h)
{
	int ws[IMGCODEC_MAX_WIDTHS] = {0};
	size_t n = 0;
	long long lim = w;
	if (!b->o.png_by_height && b->nwidths > 0 &&
	    widest(b->widths[b->nwidths - 1], w, h) < w)
		lim = widest(b->widths[b->nwidths - 1], w, h);
	for (size_t i = 0; i < b->nwidths; i++) {
		/* a height: the width it gives, at least 1 (sorted still) */
		long long want = !b->o.png_by_height
		                     ? b->widths[i]
		                     : ((long long)b->widths[i] * w + h / 2) /
		                           (h > 0 ? h : 1);
		if (want < 1)
			want = 1;
		if (want >= lim) {
			ws[n++] = (int)lim;
			break;
		}
		if (n == 0 || want > ws[n - 1])
			ws[n++] = (int)want;
	}
	/* a panorama, wider than the widest declared width (a logo's
	 * heights never are) */
	if (n == 0 || (!b->o.png_by_height && ws[n - 1] < lim))
		ws[n++] = (int)lim;
	for (int f = IMGCODEC_WEBP; f <= IMGCODEC_PNG; f++)
		for (size_t i = 0; i < n; i++)
			if ((f == IMGCODEC_PNG) == b->o.png_by_height)
				add_variant(j, (imgcodec_format)f, ws[i],
				            false);
	if (b->o.originals)
		add_variant(j, IMGCODEC_JPEG, w, true);
	j->src_w = w;
	j->src_h = h;
	j->planned = true;
}

/* Hands a variant to the output, from the cache or just made. */
static int
emit(imgcodec_batch *b, struct job *j, struct variant *v, const void *data,
     size_t len, int w, int h)
{
	v->width = w;
	v->height = h;
	v->state = V_DONE;
	if (b->out != NULL && output_write(b->out, v->path, data, len) < 0)
		return -1;
	j->written += len;
	return 0;
}

/* ---- decoding and encoding ------------------------------------------ */

static const char *const kind_names[] = {"unknown", "JPEG", "PNG", "WebP",
                                         "GIF",     "HEIF", "TIFF"};

/* The formats a phone, a camera or an editor produce; anything else
 * libvips can read (FITS, Radiance, matrix...) is refused. */
static enum kind
kind_of_loader(const char *loader)
{
	static const struct {
		const char *prefix;
		enum kind k;
	} t[] = {
	    {"VipsForeignLoadJpeg", K_JPEG}, {"VipsForeignLoadPng", K_PNG},
	    {"VipsForeignLoadWebp", K_WEBP}, {"VipsForeignLoadNsgif", K_GIF},
	    {"VipsForeignLoadGif", K_GIF},   {"VipsForeignLoadHeif", K_HEIF},
	    {"VipsForeignLoadTiff", K_TIFF}};
	for (size_t i = 0; loader != NULL && i < sizeof(t) / sizeof(t[0]); i++)
		if (strncmp(loader, t[i].prefix, strlen(t[i].prefix)) == 0)
			return t[i].k;
	return K_NONE;
}

static enum kind
kind_of_name(const char *name)
{
	static const struct {
		const char *ext;
		enum kind k;
	} t[] = {{"jpg", K_JPEG},  {"jpeg", K_JPEG}, {"jpe", K_JPEG},
	         {"jfif", K_JPEG}, {"png", K_PNG},   {"webp", K_WEBP},
	         {"gif", K_GIF},   {"heic", K_HEIF}, {"heif", K_HEIF},
	         {"avif", K_HEIF}, {"tif", K_TIFF},  {"tiff", K_TIFF}};
	const char *dot = strrchr(name, '.');
	if (dot == NULL || strchr(dot, '/') != NULL)
		return K_NONE;
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (strcasecmp(dot + 1, t[i].ext) == 0)
			return t[i].k;
	return K_NONE;
}

bool
imgcodec_is_photo_name(const char *name)
{
	return kind_of_name(name) != K_NONE;
}

/* Names a few formats libvips is not allowed to read, so the message can
 * say what the file is rather than only what it is not. */
static const char *
sniff(const unsigned char *p, size_t n)
{
	static const struct {
		const char *magic;
		size_t len;
		const char *what;
	} t[] = {{"BM", 2, "BMP image"},
	         {"%PDF", 4, "PDF document"},
	         {"<svg", 4, "SVG drawing"},
	         {"<?xml", 5, "XML file"},
	         {"8BPS", 4, "Photoshop document"},
	         {"\0\0\1\0", 4, "icon"},
	         {"PK\3\4", 4, "ZIP archive"},
	         {"\377\330\377", 3, "JPEG"}};
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (n >= t[i].len && memcmp(p, t[i].magic, t[i].len) == 0)
			return t[i].what;
	return NULL;
}

/* The name a file holding kind k is given: its own, its extension
 * changed. */
static const char *const kind_exts[] = {"",    "jpg",  "png", "webp",
                                        "gif", "heic", "tif"};

/* A photo named .jpg holding a PNG is published as a PNG: said so as a
 * warning; as an error (--strict, the hooks) nothing is published, and
 * the words say only what to do (outside tester 33). */
static void
warn_if_misnamed(imgcodec_batch *b, const struct job *j)
{
	enum kind named = kind_of_name(j->name);
	if (named == K_NONE || named == j->kind || j->kind == K_NONE)
		return;
	const char *base = strrchr(j->name, '/');
	base = base != NULL ? base + 1 : j->name;
	int stem = (int)(strrchr(base, '.') - base);
	diag_warning_worded(
	    b->d, j->name, 0, 0,
	    "this file's name says %s but it holds a %s image: rename it "
	    "%.*s.%s, so that its name says what it holds",
	    "this file's name says %s but it holds a %s image; it is "
	    "published as what it holds; rename it %.*s.%s",
	    kind_names[named], kind_names[j->kind], stem, base,
	    kind_exts[j->kind]);
}

static int
check_pixels(imgcodec_batch *b, struct job *j, int w, int h)
{
	double mp = (double)w * (double)h / 1e6;
	if (mp <= b->o.max_megapixels)
		return 0;
	char what[160];
	snprintf(what, sizeof(what), "%d x %d pixels (%.0f megapixels)", w, h,
	         mp);
	diag_report(b->d, DIAG_ERROR, j->name, 0, 0,
	            "this image is %s, above the limit of %g megapixels; "
	            "reduce it before publishing it",
	            what, b->o.max_megapixels);
	j->failed = true;
	return -1;
}

static int
fail(imgcodec_batch *b, struct job *j, const char *fmt, const char *arg)
{
	diag_report(b->d, DIAG_ERROR, j->name, 0, 0, fmt, arg);
	if (codec.api != NULL)
		codec.api->error_clear();
	j->failed = true;
	return -1;
}

/* Recognises the format from the bytes, never from the name. */
static int
check_format(imgcodec_batch *b, struct job *j)
{
	if (j->len == 0)
		return fail(b, j, "this image file is empty (0 bytes)%s", "");
	const char *loader = vips()->find_loader(j->data, j->len);
	enum kind k = kind_of_loader(loader);
	if (k == K_NONE) {
		const char *what = sniff(j->data, j->len);
		if (what != NULL && strcmp(what, "JPEG") == 0)
			return fail(b, j,
			            "this JPEG image is damaged and cannot be "
			            "read%s; export it again from the original",
			            "");
		if (what != NULL)
			return fail(b, j,
			            "this file is a %s, which cannot be "
			            "published as a photo; expected a JPEG, "
			            "PNG, WebP, GIF, HEIF or TIFF image",
			            what);
		return fail(b, j,
		            "this file is not an image in a supported "
		            "format%s; expected a JPEG, PNG, WebP, GIF, HEIF "
		            "or TIFF image",
		            "");
	}
	j->kind = k;
	return 0;
}

/*
 * Reads the header only (libvips is lazy), so a decompression bomb is
 * refused before a single pixel is decoded.  Gives the oriented size and
 * whether an ICC profile needs converting to sRGB.
 */
static int
check_header(imgcodec_batch *b, struct job *j, int *w, int *h, bool *icc)
{
	if (vips()->header(j->data, j->len, w, h, icc) != 0)
		return fail(b, j,
		            "this image is damaged or truncated and cannot "
		            "be read%s; export it again from the original",
		            "");
	return check_pixels(b, j, *w, *h);
}

/* Encodes without any metadata; WebP files are scrubbed too. */
static int
encode(imgvips_image *im, imgcodec_format f, int q, int effort, void **out,
       size_t *len)
{
	int vf = f == IMGCODEC_WEBP  ? IMGVIPS_WEBP
	         : f == IMGCODEC_PNG ? IMGVIPS_PNG
	                             : IMGVIPS_JPEG;
	if (vips()->save(im, vf, q, effort, out, len) != 0)
		return -1;
	if (f != IMGCODEC_WEBP)
		return 0;
	*len = imgstrip_webp(*out, *len);
	if (*len > 0)
		return 0;
	vips()->free_buf(*out);
	*out = NULL;
	return -1;
}

static int
finish_variant(imgcodec_batch *b, struct job *j, struct variant *v,
               imgvips_image *im)
{
	void *data = NULL;
	size_t len = 0;
	int q = v->original                  ? b->o.original_quality
	        : v->format == IMGCODEC_WEBP ? b->o.webp_quality
	                                     : b->o.jpeg_quality;
	if (encode(im, v->format, q, b->o.webp_effort, &data, &len) != 0)
		return fail(b, j,
		            "this image is damaged or truncated and cannot "
		            "be decoded%s; export it again from the original",
		            "");
	int w = 0, h = 0;
	vips()->size(im, &w, &h);
	if (v->corrupt)
		j->rebuilt++;
	else
		j->misses++;
	if (b->o.cache_dir != NULL && j->blob != NULL) {
		char key[160];
		variant_key(b, j, v, key, sizeof(key));
		imgcache_put(b->cache, j->blob, key, w, h, data, len);
	}
	int rc = emit(b, j, v, data, len, w, h);
	vips()->free_buf(data);
	if (rc < 0)
		j->failed = true;
	return rc;
}

/* The original is encoded straight from the streaming decoder: keeping a
 * full-size copy in memory would cost 36 MB per 12-megapixel photo. */
static int
make_original(imgcodec_batch *b, struct job *j, bool icc)
{
	for (size_t i = 0; i < j->nv; i++) {
		struct variant *v = &j->v[i];
		if (!v->original || v->state == V_DONE)
			continue;
		imgvips_image *im =
		    vips()->decode(j->data, j->len, v->want, icc, false);
		int rc = im != NULL ? finish_variant(b, j, v, im)
		                    : fail(b, j,
		                           "this image is damaged and cannot "
		                           "be decoded%s; export it again from "
		                           "the original",
		                           "");
		vips()->unref(im);
		return rc;
	}
	return 0;
}

/*
 * The widest variant, if any variant is still to make.  Always the widest
 * planned, not the widest missing: a variant must come out the same
 * bytes whether its siblings were cached or not.
 */
static int
widest_todo(const struct job *j)
{
	int w = 0;
	bool todo = false;
	for (size_t i = 0; i < j->nv; i++) {
		if (j->v[i].original)
			continue;
		todo = todo || j->v[i].state == V_TODO;
		if (j->v[i].want > w)
			w = j->v[i].want;
	}
	return todo ? w : 0;
}

/* Decodes once at the widest width into memory, then derives each
 * narrower variant from that copy, which is far cheaper than decoding
 * the source again. */
static int
make_variants(imgcodec_batch *b, struct job *j, bool icc)
{
	int widest = widest_todo(j);
	if (widest == 0)
		return 0;
	imgvips_image *base =
	    vips()->decode(j->data, j->len, widest, icc, true);
	if (base == NULL)
		return fail(b, j,
		            "this image is damaged or truncated and cannot "
		            "be decoded%s; export it again from the original",
		            "");
	int rc = 0;
	for (size_t i = 0; i < j->nv && rc == 0; i++) {
		struct variant *v = &j->v[i];
		if (v->original || v->state == V_DONE)
			continue;
		imgvips_image *im = base;
		if (v->want < widest &&
		    (im = vips()->shrink(base, v->want)) == NULL) {
			rc = fail(b, j, "this image cannot be resized%s", "");
			break;
		}
		rc = finish_variant(b, j, v, im);
		if (im != base)
			vips()->unref(im);
	}
	vips()->unref(base);
	return rc;
}

/* ---- cached images --------------------------------------------------- */

/*
 * Step 1: true when every variant came from the cache (or the image was
 * refused).  The size record keeps what the checks on the bytes found,
 * so a cached image gets the same warnings and the same pixel limit.
 */
static bool
from_cache(imgcodec_batch *b, struct job *j)
{
	if (b->o.cache_dir == NULL || j->blob == NULL)
		return false;
	char key[160];
	meta_key(j, key, sizeof(key));
	imgcache_entry e;
	if (imgcache_get(b->cache, j->blob, key, &e) != IMGCACHE_OK)
		return false;
	int kind = e.len == 1 ? e.payload[0] : K_NONE;
	free(e.file);
	if (e.width <= 0 || e.height <= 0 || kind <= K_NONE || kind > K_TIFF)
		return false;
	j->kind = (enum kind)kind;
	warn_if_misnamed(b, j);
	if (check_pixels(b, j, e.width, e.height) < 0)
		return true;
	plan(b, j, e.width, e.height);
	bool all = true, lost = false;
	/* A variant the output refused (a full disk) does not stop the
	 * others: each costs only a cache read, and the output adds up the
	 * space the whole site needs for its one message. */
	for (size_t i = 0; i < j->nv && !j->failed; i++) {
		struct variant *v = &j->v[i];
		variant_key(b, j, v, key, sizeof(key));
		enum imgcache_rc rc = imgcache_get(b->cache, j->blob, key, &e);
		if (rc == IMGCACHE_OK) {
			j->hits++;
			if (emit(b, j, v, e.payload, e.len, e.width, e.height) <
			    0)
				lost = true;
		} else {
			v->corrupt = rc == IMGCACHE_CORRUPT;
			all = false;
		}
		free(e.file);
	}
	if (lost)
		j->failed = true;
	return all || j->failed;
}

static void
store_meta(imgcodec_batch *b, struct job *j)
{
	if (b->o.cache_dir == NULL || j->blob == NULL)
		return;
	char key[160];
	meta_key(j, key, sizeof(key));
	unsigned char kind = (unsigned char)j->kind;
	imgcache_put(b->cache, j->blob, key, j->src_w, j->src_h, &kind, 1);
}

/* Step 3: an image with its bytes, some variants still to make. */
static void
process(imgcodec_batch *b, struct job *j)
{
	int w = 0, h = 0;
	bool icc = false;
	if (vips() == NULL) {
		diag_report(b->d, DIAG_ERROR, j->name, 0, 0,
		            "the photo module cannot be loaded (%s), so this "
		            "image cannot be published; reinstall fabrique",
		            codec.why);
		j->failed = true;
		return;
	}
	if (check_format(b, j) < 0 || check_header(b, j, &w, &h, &icc) < 0)
		return;
	if (!j->planned) { /* else from_cache() has warned already */
		warn_if_misnamed(b, j);
		plan(b, j, w, h);
		store_meta(b, j);
	}
	j->decoded = true;
	if (make_variants(b, j, icc) == 0)
		make_original(b, j, icc);
}

/* ---- threads ---------------------------------------------------------- */

static void
finish_job(imgcodec_batch *b, struct job *j, bool was_held)
{
	if (j->owned) {
		free((void *)j->data);
		j->data = NULL;
		j->owned = false;
	}
	pthread_mutex_lock(&b->lock);
	if (was_held)
		b->held--;
	b->done++;
	if (b->done == b->n)
		pthread_cond_broadcast(&b->wake_work);
	pthread_cond_signal(&b->wake_main);
	pthread_mutex_unlock(&b->lock);
}

/* A job taken for the first time: served from the cache, processed with
 * the bytes it was added with, or queued for the main thread to fetch
 * its bytes (the job is then finished by whoever takes it back). */
static void
start_job(imgcodec_batch *b, size_t i)
{
	struct job *j = b->jobs[i];
	bool complete = from_cache(b, j);
	if (!complete && j->data == NULL && b->o.read != NULL) {
		pthread_mutex_lock(&b->lock);
		b->fetch[b->ftail++] = i;
		pthread_cond_signal(&b->wake_main);
		pthread_mutex_unlock(&b->lock);
		return;
	}
	if (!complete && j->data == NULL)
		fail(b, j,
		     "this image was queued without its content and without "
		     "a way to read it%s (a bug in fabrique)",
		     "");
	else if (!complete)
		process(b, j);
	finish_job(b, j, false);
}

static void *
worker(void *arg)
{
	imgcodec_batch *b = arg;
	pthread_mutex_lock(&b->lock);
	while (b->done < b->n) {
		if (b->rhead < b->rtail) {
			/* Fetched images first: they hold memory. */
			struct job *j = b->jobs[b->ready[b->rhead++]];
			pthread_mutex_unlock(&b->lock);
			process(b, j);
			finish_job(b, j, true);
		} else if (b->next < b->n) {
			size_t i = b->next++;
			pthread_mutex_unlock(&b->lock);
			start_job(b, i);
		} else {
			pthread_cond_wait(&b->wake_work, &b->lock);
			continue;
		}
		pthread_mutex_lock(&b->lock);
	}
	pthread_mutex_unlock(&b->lock);
	if (codec.api != NULL)
		codec.api->thread_shutdown();
	return NULL;
}

/* ---- progress ------------------------------------------------------- */

struct progress {
	FILE *out;
	bool enabled, forced, shown;
	bool lines; /* not a terminal: a line now and then, no bar */
	double start, last, every;
};

static double
now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
progress_init(struct progress *p, const imgcodec_batch *b)
{
	p->out = b->o.progress_out != NULL ? b->o.progress_out : stderr;
	p->enabled =
	    b->o.progress == IMGCODEC_PROGRESS_ON ||
	    (b->o.progress == IMGCODEC_PROGRESS_AUTO && isatty(fileno(p->out)));
	p->forced = b->o.progress == IMGCODEC_PROGRESS_ON;
	p->lines = b->o.progress == IMGCODEC_PROGRESS_AUTO && !p->enabled;
	/* the tests' way to see the lines without minutes of work */
	const char *every = getenv("FABRIQUE_PROGRESS_EVERY");
	p->every = every != NULL ? atof(every) : 10.0;
	p->enabled = p->enabled || p->lines;
	p->shown = false;
	p->start = p->last = now();
}

/*
 * Not a terminal (cron, CI, a hook's push): a fresh clone's first build
 * of a site with photos decodes them all, minutes with nothing said
 * (outside tester 22, F6).  Many images, after ten seconds: one line
 * "images 12/61" every ten seconds, and the last.  Short or small work
 * prints nothing, so a log stays as it was.
 */
static void
progress_line(struct progress *p, size_t done, size_t n, bool final)
{
	double t = now();
	if (final ? !p->shown
	          : n < 20 || t - p->start < p->every ||
	                (p->shown && t - p->last < p->every))
		return;
	p->shown = true;
	p->last = t;
	fprintf(p->out, "images %zu/%zu\n", done, n);
	fflush(p->out);
}

/* Shown only when the work is long enough to wonder about: many images,
 * or more than a second; redrawn at most ten times a second. */
static void
progress_draw(struct progress *p, size_t done, size_t n, bool final)
{
	double t = now();
	if (!p->enabled || n == 0)
		return;
	if (p->lines) {
		progress_line(p, done, n, final);
		return;
	}
	if (!p->shown && !p->forced && n <= 20 && t - p->start < 1.0)
		return;
	if (!final && p->shown && t - p->last < 0.1)
		return;
	if (final && !p->shown)
		return;
	p->shown = true;
	p->last = t;
	char bar[31];
	size_t fill = done * 30 / n;
	for (size_t i = 0; i < 30; i++)
		bar[i] = i < fill ? '#' : '.';
	bar[30] = '\0';
	fprintf(p->out, "\rimages %zu/%zu [%s] %3zu%%", done, n, bar,
	        done * 100 / n);
	if (final)
		fputc('\n', p->out);
	fflush(p->out);
}

/* ---- running a batch ------------------------------------------------ */

/* The calling thread fetches bytes (git reads are single-threaded) and
 * draws the progress bar while the workers decode. */
static void
feed(imgcodec_batch *b, size_t limit, struct progress *p)
{
	pthread_mutex_lock(&b->lock);
	while (b->done < b->n) {
		if (b->fhead < b->ftail && b->held < limit) {
			size_t i = b->fetch[b->fhead++];
			struct job *j = b->jobs[i];
			b->held++;
			pthread_mutex_unlock(&b->lock);
			void *data = NULL;
			size_t len = 0;
			int rc = b->o.read(b->o.read_ctx, j->name, j->blob,
			                   &data, &len);
			if (rc == 0) {
				j->data = data;
				j->len = data != NULL ? len : 0;
				j->owned = true;
				pthread_mutex_lock(&b->lock);
				b->ready[b->rtail++] = i;
				pthread_cond_signal(&b->wake_work);
				pthread_mutex_unlock(&b->lock);
			} else {
				free(data);
				j->failed = true;
				finish_job(b, j, true);
			}
		} else {
			struct timespec ts;
			clock_gettime(CLOCK_REALTIME, &ts);
			ts.tv_nsec += 100000000;
			if (ts.tv_nsec >= 1000000000) {
				ts.tv_sec++;
				ts.tv_nsec -= 1000000000;
			}
			pthread_cond_timedwait(&b->wake_main, &b->lock, &ts);
			size_t done = b->done;
			pthread_mutex_unlock(&b->lock);
			progress_draw(p, done, b->n, false);
		}
		pthread_mutex_lock(&b->lock);
	}
	pthread_mutex_unlock(&b->lock);
}

static char *
srcset(imgcodec_batch *b, const imgcodec_result *r, imgcodec_format f)
{
	buf s = BUF_INIT;
	for (size_t i = 0; i < r->n_variants; i++) {
		const imgcodec_variant *v = &r->variants[i];
		if (v->format != f || v->original)
			continue;
		buf_printf(&s, "%s%s %dw", s.len ? ", " : "", v->url, v->width);
	}
	char *out = arena_strdup(b->a, buf_cstr(&s));
	buf_free(&s);
	return out;
}

/* Results are built on the calling thread, after the workers, because
 * the batch arena is not thread-safe. */
static void
build_result(imgcodec_batch *b, struct job *j)
{
	imgcodec_result *r = &j->res;
	r->ok = !j->failed && j->planned;
	if (!r->ok)
		return;
	imgcodec_variant *vs = arena_zalloc(b->a, j->nv * sizeof(*vs));
	for (size_t i = 0; i < j->nv; i++) {
		const struct variant *v = &j->v[i];
		vs[i].format = v->format;
		vs[i].original = v->original;
		vs[i].width = v->width;
		vs[i].height = v->height;
		vs[i].path = arena_strdup(b->a, v->path);
		vs[i].url = arena_printf(b->a, "%s%s", b->o.url_prefix,
		                         url_path(b->a, v->path));
		if (v->original) {
			r->original_url = vs[i].url;
			continue;
		}
		if (v->width >= r->width) {
			r->width = v->width;
			r->height = v->height;
		}
		if (v->format != IMGCODEC_WEBP) /* by increasing width */
			r->src = vs[i].url;
	}
	r->variants = vs;
	r->n_variants = j->nv;
	r->webp_srcset = srcset(b, r, IMGCODEC_WEBP);
	r->jpeg_srcset = srcset(b, r, IMGCODEC_JPEG);
	r->png_srcset = srcset(b, r, IMGCODEC_PNG);
}

static void
sum_stats(imgcodec_batch *b)
{
	imgcodec_stats *st = &b->st;
	st->images = b->n;
	for (size_t i = 0; i < b->n; i++) {
		struct job *j = b->jobs[i];
		st->decoded += j->decoded;
		st->failed += j->failed;
		st->hits += j->hits;
		st->misses += j->misses;
		st->rebuilt += j->rebuilt;
		st->written += j->written;
		build_result(b, j);
	}
}

size_t
imgcodec_batch_run(imgcodec_batch *b, output *o, int jobs)
{
	if (b->ran)
		return b->st.failed;
	b->ran = true;
	b->out = o;
	double t0 = now();
	if (jobs < 1)
		jobs = 1;
	if ((size_t)jobs > b->n)
		jobs = b->n > 0 ? (int)b->n : 1;
	b->fetch = xcalloc(b->n + 1, sizeof(size_t));
	b->ready = xcalloc(b->n + 1, sizeof(size_t));
	struct progress p;
	progress_init(&p, b);
	pthread_t *th = xcalloc((size_t)jobs, sizeof(*th));
	int started = 0;
	for (; started < jobs; started++)
		if (pthread_create(&th[started], NULL, worker, b) != 0)
			break;
	if (started == 0) { /* as for memory: no sane way to go on */
		fputs("fabrique: cannot start a thread\n", stderr);
		abort();
	}
	feed(b, (size_t)jobs + 1, &p);
	for (int i = 0; i < started; i++)
		pthread_join(th[i], NULL);
	free(th);
	progress_draw(&p, b->done, b->n, true);
	sum_stats(b);
	b->st.seconds = now() - t0;
	return b->st.failed;
}

const imgcodec_result *
imgcodec_batch_result(const imgcodec_batch *b, size_t index)
{
	return index < b->n && b->ran ? &b->jobs[index]->res : NULL;
}

imgcodec_stats
imgcodec_batch_stats(const imgcodec_batch *b)
{
	return b->st;
}

value *
imgcodec_result_value(const imgcodec_result *r, arena *a)
{
	if (r == NULL || !r->ok)
		return NULL;
	value *m = value_map(a);
	value_set_int(a, m, "largeur", r->width);
	value_set_int(a, m, "hauteur", r->height);
	value_set_str(a, m, "src", r->src);
	value_set_str(a, m, "webp_srcset", r->webp_srcset);
	value_set_str(a, m, "jpeg_srcset", r->jpeg_srcset);
	value_set(a, m, "original",
	          r->original_url != NULL ? value_string(a, r->original_url)
	                                  : value_null(a));
	value *list = value_list(a);
	for (size_t i = 0; i < r->n_variants; i++) {
		const imgcodec_variant *v = &r->variants[i];
		value *e = value_map(a);
		value_set_str(a, e, "format",
		              v->format == IMGCODEC_WEBP  ? "webp"
		              : v->format == IMGCODEC_PNG ? "png"
		                                          : "jpeg");
		value_set_int(a, e, "largeur", v->width);
		value_set_int(a, e, "hauteur", v->height);
		value_set_str(a, e, "url", v->url);
		value_set_bool(a, e, "original", v->original);
		value_push(a, list, e);
	}
	value_set(a, m, "variantes", list);
	return m;
}
