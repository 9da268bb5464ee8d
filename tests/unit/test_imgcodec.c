/*
 * Tests for imgcodec.c.  Every test image is made here with libvips, in
 * memory; each test works in a fresh temporary folder.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <vips/vips.h>

#include "diag.h"
#include "imgcache.h"
#include "imgcodec.h"
#include "output.h"

struct fx {
	char root[64];
	char cache[128];
	diag *d;
	atomic_int reads; /* calls of the read callback, from the batch's
	                     threads */
};

static int
setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	strcpy(f->root, "/tmp/fabrique-images-XXXXXX");
	if (mkdtemp(f->root) == NULL)
		return -1;
	snprintf(f->cache, sizeof(f->cache), "%s/cache", f->root);
	f->d = diag_new("en");
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->root);
	if (system(cmd) != 0)
		return -1;
	diag_free(f->d);
	free(f);
	return 0;
}

/* ---- making test images ------------------------------------------------ */

/* Grey with some grain (a flat picture would hide resampling
 * differences) and a pure red 8x8 block at the top-left corner. */
static VipsImage *
picture(int w, int h)
{
	VipsImage *noise, *grey, *u;
	assert_int_equal(vips_gaussnoise(&noise, w, h, "sigma", 12.0, "mean",
	                                 128.0, "seed", 42, NULL),
	                 0);
	VipsImage *bands[3] = {noise, noise, noise};
	assert_int_equal(vips_bandjoin(bands, &grey, 3, NULL), 0);
	g_object_unref(noise);
	assert_int_equal(vips_cast_uchar(grey, &u, NULL), 0);
	g_object_unref(grey);
	double red[3] = {255, 0, 0};
	assert_int_equal(
	    vips_draw_rect(u, red, 3, 0, 0, 8, 8, "fill", TRUE, NULL), 0);
	return u;
}

/* Everything a phone records about where, who and with what. */
static void
add_private(VipsImage *im)
{
	vips_image_set_string(im, "exif-ifd0-Make", "Fabricam");
	vips_image_set_string(im, "exif-ifd0-Artist", "Jeanne Exemple");
	vips_image_set_string(im, "exif-ifd2-BodySerialNumber",
	                      "SN-4242-SECRET");
	vips_image_set_string(im, "exif-ifd3-GPSLatitudeRef", "N");
	vips_image_set_string(im, "exif-ifd3-GPSLatitude",
	                      "48/1 51/1 2400/100");
	static const char xmp[] = "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">"
	                          "Jeanne Exemple</x:xmpmeta>";
	vips_image_set_blob_copy(im, VIPS_META_XMP_NAME, xmp, strlen(xmp));
}

struct bytes {
	void *data;
	size_t len;
};

static struct bytes
make_jpeg(int w, int h, int orientation, bool private)
{
	VipsImage *im = picture(w, h);
	if (orientation > 0) {
		vips_image_set_int(im, VIPS_META_ORIENTATION, orientation);
		vips_image_set_string(im, "exif-ifd0-Orientation",
		                      orientation == 6 ? "6" : "1");
	}
	if (private)
		add_private(im);
	struct bytes b;
	assert_int_equal(vips_jpegsave_buffer(im, &b.data, &b.len, "Q", 90,
	                                      "profile",
	                                      private ? "srgb" : "none", NULL),
	                 0);
	g_object_unref(im);
	return b;
}

static struct bytes
make_png(int w, int h)
{
	VipsImage *im = picture(w, h);
	struct bytes b;
	assert_int_equal(vips_pngsave_buffer(im, &b.data, &b.len, NULL), 0);
	g_object_unref(im);
	return b;
}

static uint32_t
crc32(const unsigned char *p, size_t n)
{
	uint32_t c = 0xffffffffu;
	for (size_t i = 0; i < n; i++) {
		c ^= p[i];
		for (int k = 0; k < 8; k++)
			c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1)));
	}
	return c ^ 0xffffffffu;
}

static void
put_chunk(GByteArray *png, const char *type, const unsigned char *data,
          uint32_t n)
{
	unsigned char be[4] = {n >> 24, n >> 16, n >> 8, n};
	g_byte_array_append(png, be, 4);
	size_t at = png->len;
	g_byte_array_append(png, (const guint8 *)type, 4);
	g_byte_array_append(png, data, n);
	uint32_t c = crc32(png->data + at, n + 4);
	unsigned char cb[4] = {c >> 24, c >> 16, c >> 8, c};
	g_byte_array_append(png, cb, 4);
}

/* A PNG whose header declares 30,000 x 30,000 pixels: its data is one
 * short zlib stream, as the pixels must never be reached. */
static struct bytes
make_bomb(void)
{
	static const unsigned char ihdr[13] = {0,    0, 0x75, 0x30, 0, 0, 0x75,
	                                       0x30, 8, 2,    0,    0, 0};
	static const unsigned char idat[] = {0x78, 0x9c, 0x63, 0x60, 0x00,
	                                     0x00, 0x00, 0x02, 0x00, 0x01};
	GByteArray *png = g_byte_array_new();
	g_byte_array_append(png, (const guint8 *)"\211PNG\r\n\032\n", 8);
	put_chunk(png, "IHDR", ihdr, sizeof(ihdr));
	put_chunk(png, "IDAT", idat, sizeof(idat));
	put_chunk(png, "IEND", NULL, 0);
	struct bytes b;
	b.len = png->len;
	b.data = g_byte_array_free(png, FALSE);
	return b;
}

/* ---- running a batch ----------------------------------------------------- */

static imgcodec_opts
opts(struct fx *f, int w1, int w2, int w3)
{
	imgcodec_opts o;
	imgcodec_opts_init(&o);
	o.widths[0] = w1;
	o.widths[1] = w2;
	o.widths[2] = w3;
	o.widths[3] = 0;
	o.cache_dir = f->cache;
	o.progress = IMGCODEC_PROGRESS_OFF;
	return o;
}

/* Reads the bytes from a file named like the image, in the test folder,
 * as the build reads a blob from git. */
static int
read_cb(void *ctx, const char *name, const char *blob, void **data, size_t *len)
{
	struct fx *f = ctx;
	atomic_fetch_add(&f->reads, 1);
	char path[256];
	snprintf(path, sizeof(path), "%s/src-%s", f->root, name);
	gchar *d;
	gsize n;
	if (!g_file_get_contents(path, &d, &n, NULL))
		return -1;
	*data = malloc(n + 1);
	memcpy(*data, d, n);
	*len = n;
	g_free(d);
	return 0;
}

static void
save_source(struct fx *f, const char *name, struct bytes b)
{
	char path[256];
	snprintf(path, sizeof(path), "%s/src-%s", f->root, name);
	assert_true(g_file_set_contents(path, b.data, (gssize)b.len, NULL));
}

static char out_dir[256];

/* Runs b into a fresh output; returns the output, not committed, so the
 * files can be read in output_tmpdir(). */
static output *
run(struct fx *f, imgcodec_batch *b, int jobs)
{
	static int n;
	snprintf(out_dir, sizeof(out_dir), "%s/out%d", f->root, n++);
	output *o = output_begin(out_dir, f->d);
	assert_non_null(o);
	imgcodec_batch_run(b, o, jobs);
	return o;
}

static void
done(output *o)
{
	output_abort(o);
	output_free(o);
}

static struct bytes
slurp(output *o, const char *rel)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/%s", output_tmpdir(o), rel);
	struct bytes b = {NULL, 0};
	gchar *d;
	gsize n;
	if (g_file_get_contents(path, &d, &n, NULL)) {
		b.data = d;
		b.len = n;
	}
	return b;
}

static VipsImage *
load_output(output *o, const char *rel)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/%s", output_tmpdir(o), rel);
	VipsImage *im = vips_image_new_from_file(path, NULL);
	assert_non_null(im);
	return im;
}

static char *
messages(struct fx *f)
{
	char *text = NULL;
	size_t n = 0;
	FILE *m = open_memstream(&text, &n);
	diag_flush(f->d, m);
	fclose(m);
	return text;
}

static const char *const fingerprints[] = {"SN-4242-SECRET", "Jeanne",
                                           "Fabricam", "Exif", "xmpmeta"};

static bool
contains(const void *hay, size_t n, const char *needle)
{
	size_t k = strlen(needle);
	for (size_t i = 0; i + k <= n; i++)
		if (memcmp((const char *)hay + i, needle, k) == 0)
			return true;
	return false;
}

static void
assert_no_metadata(output *o, const char *rel)
{
	VipsImage *im = load_output(o, rel);
	static const char *const fields[] = {
	    VIPS_META_EXIF_NAME,     VIPS_META_XMP_NAME,
	    VIPS_META_IPTC_NAME,     VIPS_META_ICC_NAME,
	    "exif-ifd3-GPSLatitude", "exif-ifd2-BodySerialNumber"};
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		if (vips_image_get_typeof(im, fields[i]) != 0)
			fail_msg("%s still has %s", rel, fields[i]);
	g_object_unref(im);
	struct bytes b = slurp(o, rel);
	assert_non_null(b.data);
	for (size_t i = 0; i < sizeof(fingerprints) / sizeof(*fingerprints);
	     i++)
		if (contains(b.data, b.len, fingerprints[i]))
			fail_msg("%s still contains \"%s\"", rel,
			         fingerprints[i]);
	g_free(b.data);
}

/* ---- tests ------------------------------------------------------------- */

static void
rotated_photo_comes_out_upright(void **state)
{
	struct fx *f = *state;
	struct bytes src = make_jpeg(60, 40, 6, false);
	imgcodec_opts o = opts(f, 480, 0, 0);
	imgcodec_batch *b = imgcodec_batch_new(&o, f->d);
	size_t i = imgcodec_batch_add(
	    b, "rot.jpg", "1111111111111111111111111111111111111111", "r/rot",
	    src.data, src.len);
	output *out = run(f, b, 1);
	const imgcodec_result *r = imgcodec_batch_result(b, i);
	assert_true(r->ok);
	/* 60x40 stored, to be turned 90 degrees clockwise: 40x60. */
	assert_int_equal(r->width, 40);
	assert_int_equal(r->height, 60);
	const char *files[] = {"r/rot-40.jpg", "r/rot-40.webp"};
	for (int k = 0; k < 2; k++) {
		VipsImage *im = load_output(out, files[k]);
		assert_int_equal(vips_image_get_width(im), 40);
		assert_int_equal(vips_image_get_height(im), 60);
		assert_false(vips_image_get_typeof(im, VIPS_META_ORIENTATION) &&
		             vips_image_get_orientation(im) != 1);
		/* The red top-left corner turned to the top-right. */
		double *px;
		int n;
		assert_int_equal(vips_getpoint(im, &px, &n, 38, 1, NULL), 0);
		assert_true(px[0] > 200 && px[1] < 60 && px[2] < 60);
		g_free(px);
		assert_int_equal(vips_getpoint(im, &px, &n, 1, 1, NULL), 0);
		assert_true(px[0] < 160 && px[1] > 100);
		g_free(px);
		g_object_unref(im);
	}
	done(out);
	imgcodec_batch_free(b);
	g_free(src.data);
}

static void
every_metadata_block_is_removed(void **state)
{
	struct fx *f = *state;
	struct bytes src = make_jpeg(800, 600, 6, true);
	/* The source does carry what must go. */
	assert_true(contains(src.data, src.len, "SN-4242-SECRET"));
	assert_true(contains(src.data, src.len, "xmpmeta"));
	imgcodec_opts o = opts(f, 200, 400, 0);
	o.originals = true;
	imgcodec_batch *b = imgcodec_batch_new(&o, f->d);
	size_t i = imgcodec_batch_add(
	    b, "p.jpg", "2222222222222222222222222222222222222222", "p",
	    src.data, src.len);
	output *out = run(f, b, 2);
	const imgcodec_result *r = imgcodec_batch_result(b, i);
	assert_true(r->ok);
	assert_int_equal(r->n_variants, 5);
	for (size_t k = 0; k < r->n_variants; k++)
		assert_no_metadata(out, r->variants[k].path);
	/* The original is upright and full size, and stripped too. */
	assert_string_equal(r->original_url, "/p.jpg");
	VipsImage *im = load_output(out, "p.jpg");
	assert_int_equal(vips_image_get_width(im), 600);
	assert_int_equal(vips_image_get_height(im), 800);
	g_object_unref(im);
	done(out);
	imgcodec_batch_free(b);
	g_free(src.data);
}

static void
widths_srcset_and_value(void **state)
{
	struct fx *f = *state;
	struct bytes src = make_png(1000, 500);
	imgcodec_opts o = opts(f, 1600, 480, 960);
	o.widths[3] = 480; /* a duplicate is ignored */
	o.url_prefix = "/p/";
	imgcodec_batch *b = imgcodec_batch_new(&o, f->d);
	size_t i =
	    imgcodec_batch_add(b, "a.png", NULL, "x/a", src.data, src.len);
	output *out = run(f, b, 1);
	const imgcodec_result *r = imgcodec_batch_result(b, i);
	assert_true(r->ok);
	assert_string_equal(r->webp_srcset, "/p/x/a-480.webp 480w, "
	                                    "/p/x/a-960.webp 960w, "
	                                    "/p/x/a-1000.webp 1000w");
	assert_string_equal(r->jpeg_srcset, "/p/x/a-480.jpg 480w, "
	                                    "/p/x/a-960.jpg 960w, "
	                                    "/p/x/a-1000.jpg 1000w");
	assert_string_equal(r->src, "/p/x/a-1000.jpg");
	assert_int_equal(r->width, 1000);
	assert_int_equal(r->height, 500);
	assert_int_equal(r->n_variants, 6);
	assert_int_equal(r->variants[0].height, 240);
	assert_null(r->original_url);

	arena *a = arena_new();
	value *v = imgcodec_result_value(r, a);
	assert_int_equal(value_get_number(value_get(v, "largeur")), 1000);
	assert_int_equal(value_get_number(value_get(v, "hauteur")), 500);
	assert_string_equal(value_get_string(value_get(v, "src")),
	                    "/p/x/a-1000.jpg");
	assert_string_equal(value_get_string(value_get(v, "webp_srcset")),
	                    r->webp_srcset);
	assert_int_equal(value_kind_of(value_get(v, "original")), VALUE_NULL);
	value *vs = value_get(v, "variantes");
	assert_int_equal(value_len(vs), 6);
	assert_string_equal(value_get_string(value_get(value_at(vs, 4), "url")),
	                    "/p/x/a-960.jpg");
	assert_string_equal(
	    value_get_string(value_get(value_at(vs, 4), "format")), "jpeg");
	arena_free(a);
	/* No blob id, no cache. */
	assert_int_equal(access(f->cache, F_OK), -1);
	done(out);
	imgcodec_batch_free(b);
	g_free(src.data);
}

static imgcodec_batch *
lazy_batch(struct fx *f, const char *const *names, size_t n)
{
	imgcodec_opts o = opts(f, 100, 200, 300);
	o.read = read_cb;
	o.read_ctx = f;
	imgcodec_batch *b = imgcodec_batch_new(&o, f->d);
	for (size_t i = 0; i < n; i++) {
		char blob[41], base[64];
		snprintf(blob, sizeof(blob), "%040zx", i + 0xab00);
		snprintf(base, sizeof(base), "g/%zu", i);
		imgcodec_batch_add(b, names[i], blob, base, NULL, 0);
	}
	return b;
}

static void
assert_same_file(output *o1, output *o2, const char *rel)
{
	struct bytes a = slurp(o1, rel), c = slurp(o2, rel);
	assert_non_null(a.data);
	assert_non_null(c.data);
	assert_int_equal(a.len, c.len);
	assert_memory_equal(a.data, c.data, a.len);
	g_free(a.data);
	g_free(c.data);
}

static void
second_run_processes_nothing(void **state)
{
	struct fx *f = *state;
	struct bytes src = make_jpeg(400, 300, 0, false);
	save_source(f, "a.jpg", src);
	const char *const names[] = {"a.jpg"};
	imgcodec_batch *b1 = lazy_batch(f, names, 1);
	output *o1 = run(f, b1, 2);
	imgcodec_stats s = imgcodec_batch_stats(b1);
	assert_int_equal(s.misses, 6);
	assert_int_equal(s.hits, 0);
	assert_int_equal(s.decoded, 1);
	assert_int_equal(f->reads, 1);

	imgcodec_batch *b2 = lazy_batch(f, names, 1);
	output *o2 = run(f, b2, 2);
	s = imgcodec_batch_stats(b2);
	assert_int_equal(s.hits, 6);
	assert_int_equal(s.misses, 0);
	assert_int_equal(s.rebuilt, 0);
	assert_int_equal(s.decoded, 0);
	assert_int_equal(f->reads, 1); /* not even read again */
	const imgcodec_result *r = imgcodec_batch_result(b2, 0);
	assert_true(r->ok);
	assert_int_equal(r->width, 300);
	assert_int_equal(r->height, 225);
	assert_string_equal(r->webp_srcset,
	                    "/g/0-100.webp 100w, /g/0-200.webp 200w, "
	                    "/g/0-300.webp 300w");
	for (size_t k = 0; k < r->n_variants; k++)
		assert_same_file(o1, o2, r->variants[k].path);
	done(o1);
	done(o2);
	imgcodec_batch_free(b1);
	imgcodec_batch_free(b2);
	g_free(src.data);
}

/* Damages the cache file whose name ends with suffix. */
static void
damage(struct fx *f, const char *suffix, bool cut)
{
	char dir[256];
	snprintf(dir, sizeof(dir), "%s/00", f->cache);
	DIR *d = opendir(dir);
	assert_non_null(d);
	struct dirent *e;
	bool found = false;
	while ((e = readdir(d)) != NULL) {
		size_t n = strlen(e->d_name), k = strlen(suffix);
		if (n < k || strcmp(e->d_name + n - k, suffix) != 0)
			continue;
		char path[512];
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		struct stat st;
		assert_int_equal(stat(path, &st), 0);
		if (cut)
			assert_int_equal(truncate(path, st.st_size / 2), 0);
		else {
			FILE *fp = fopen(path, "r+b");
			fseek(fp, st.st_size - 10, SEEK_SET);
			int c = fgetc(fp);
			fseek(fp, st.st_size - 10, SEEK_SET);
			fputc(c ^ 0x40, fp);
			fclose(fp);
		}
		found = true;
	}
	closedir(d);
	assert_true(found);
}

static void
corrupt_cache_entries_are_rebuilt(void **state)
{
	struct fx *f = *state;
	/* Rotated, with an ICC profile; turned to 400x300, so variants
	 * 100, 200 and 300 all come from one 300-wide copy, which must
	 * still be so when only 100 and 200 are rebuilt. */
	struct bytes src = make_jpeg(300, 400, 6, true);
	save_source(f, "a.jpg", src);
	const char *const names[] = {"a.jpg"};
	imgcodec_batch *b1 = lazy_batch(f, names, 1);
	output *o1 = run(f, b1, 1);
	damage(f, "-100-q80-v1.jpg", true);
	damage(f, "-200-q80-e4-v1.webp", false);

	imgcodec_batch *b2 = lazy_batch(f, names, 1);
	output *o2 = run(f, b2, 1);
	imgcodec_stats s = imgcodec_batch_stats(b2);
	assert_int_equal(s.rebuilt, 2);
	assert_int_equal(s.hits, 4);
	assert_int_equal(s.misses, 0);
	assert_int_equal(s.failed, 0);
	/* Rebuilt entries are the same bytes as the first time. */
	const imgcodec_result *r = imgcodec_batch_result(b2, 0);
	for (size_t k = 0; k < r->n_variants; k++)
		assert_same_file(o1, o2, r->variants[k].path);

	/* A damaged size record: the image is decoded again. */
	damage(f, "-meta-v1", false);
	imgcodec_batch *b3 = lazy_batch(f, names, 1);
	output *o3 = run(f, b3, 1);
	s = imgcodec_batch_stats(b3);
	assert_int_equal(s.decoded, 1);
	assert_int_equal(s.failed, 0);
	assert_true(imgcodec_batch_result(b3, 0)->ok);
	assert_int_equal(diag_count(f->d, DIAG_ERROR), 0);
	done(o1);
	done(o2);
	done(o3);
	imgcodec_batch_free(b1);
	imgcodec_batch_free(b2);
	imgcodec_batch_free(b3);
	g_free(src.data);
}

static void
bad_inputs_are_reported(void **state)
{
	struct fx *f = *state;
	struct bytes good = make_jpeg(300, 200, 0, false);
	struct bytes png = make_png(50, 40);
	struct bytes bomb = make_bomb();
	static const char text[] = "<html>not a photo</html>\n";
	static const char pdf[] = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n";
	imgcodec_opts o = opts(f, 480, 0, 0);
	imgcodec_batch *b = imgcodec_batch_new(&o, f->d);
	imgcodec_batch_add(b, "c/empty.jpg", NULL, "c/empty", "", 0);
	imgcodec_batch_add(b, "c/cut.jpg", NULL, "c/cut", good.data,
	                   good.len / 2);
	imgcodec_batch_add(b, "c/page.jpg", NULL, "c/page", text, strlen(text));
	imgcodec_batch_add(b, "c/bomb.png", NULL, "c/bomb", bomb.data,
	                   bomb.len);
	imgcodec_batch_add(b, "c/doc.jpg", NULL, "c/doc", pdf, strlen(pdf));
	size_t ok1 = imgcodec_batch_add(b, "c/png.jpg", NULL, "c/png", png.data,
	                                png.len);
	size_t ok2 = imgcodec_batch_add(b, "c/good.jpg", NULL, "c/good",
	                                good.data, good.len);
	output *out = run(f, b, 2);
	imgcodec_stats s = imgcodec_batch_stats(b);
	assert_int_equal(s.failed, 5);
	assert_true(imgcodec_batch_result(b, ok1)->ok);
	assert_true(imgcodec_batch_result(b, ok2)->ok);
	assert_false(imgcodec_batch_result(b, 0)->ok);
	assert_null(imgcodec_batch_result(b, 0)->webp_srcset);
	arena *a = arena_new();
	assert_null(imgcodec_result_value(imgcodec_batch_result(b, 1), a));
	arena_free(a);
	assert_int_equal(diag_count(f->d, DIAG_ERROR), 5);
	assert_int_equal(diag_count(f->d, DIAG_WARNING), 1);
	char *m = messages(f);
	static const char *const want[] = {
	    "c/empty.jpg: error: this image file is empty (0 bytes)",
	    "c/cut.jpg: error: this image is damaged or truncated",
	    "c/page.jpg: error: this file is not an image in a supported "
	    "format",
	    "c/bomb.png: error: this image is 30000 x 30000 pixels (900 "
	    "megapixels), above the limit of 100 megapixels",
	    "c/doc.jpg: error: this file is a PDF document",
	    "c/png.jpg: warning: this file's name says JPEG but it holds a "
	    "PNG image"};
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		if (strstr(m, want[i]) == NULL)
			fail_msg("missing \"%s\" in:\n%s", want[i], m);
	free(m);
	/* Nothing of a failed image was published. */
	struct bytes gone = slurp(out, "c/cut-300.jpg");
	assert_null(gone.data);
	done(out);
	imgcodec_batch_free(b);
	g_free(good.data);
	g_free(png.data);
	g_free(bomb.data);
}

static void
pixel_limit_is_configurable(void **state)
{
	struct fx *f = *state;
	struct bytes src = make_png(1000, 1000);
	imgcodec_opts o = opts(f, 100, 0, 0);
	o.max_megapixels = 0.5;
	imgcodec_batch *b = imgcodec_batch_new(&o, f->d);
	imgcodec_batch_add(b, "big.png", NULL, "big", src.data, src.len);
	output *out = run(f, b, 1);
	assert_int_equal(imgcodec_batch_stats(b).failed, 1);
	assert_int_equal(imgcodec_batch_stats(b).decoded, 0);
	done(out);
	imgcodec_batch_free(b);

	o.max_megapixels = 1.5;
	b = imgcodec_batch_new(&o, f->d);
	imgcodec_batch_add(b, "big.png", NULL, "big", src.data, src.len);
	out = run(f, b, 1);
	assert_int_equal(imgcodec_batch_stats(b).failed, 0);
	done(out);
	imgcodec_batch_free(b);
	g_free(src.data);
}

static size_t
count_files(const char *dir)
{
	char cmd[256];
	snprintf(cmd, sizeof(cmd), "find '%s' -type f | wc -l", dir);
	FILE *p = popen(cmd, "r");
	size_t n = 0;
	if (fscanf(p, "%zu", &n) != 1)
		n = (size_t)-1;
	pclose(p);
	return n;
}

static void
cache_clean_empties_only_the_cache(void **state)
{
	struct fx *f = *state;
	struct bytes src = make_jpeg(400, 300, 0, false);
	save_source(f, "a.jpg", src);
	const char *const names[] = {"a.jpg"};
	imgcodec_batch *b = lazy_batch(f, names, 1);
	done(run(f, b, 1));
	imgcodec_batch_free(b);
	/* 6 variants, the size record and CACHEDIR.TAG. */
	assert_int_equal(count_files(f->cache), 8);
	char keep[256];
	snprintf(keep, sizeof(keep), "%s/notes.txt", f->cache);
	assert_true(g_file_set_contents(keep, "mine", 4, NULL));
	assert_int_equal(imgcache_clean(f->cache, f->d), 7);
	assert_int_equal(count_files(f->cache), 1);
	assert_int_equal(access(keep, F_OK), 0);
	char missing[256];
	snprintf(missing, sizeof(missing), "%s/none", f->root);
	assert_int_equal(imgcache_clean(missing, f->d), 0);
	/* Cleaned, the next run makes everything again. */
	b = lazy_batch(f, names, 1);
	done(run(f, b, 1));
	assert_int_equal(imgcodec_batch_stats(b).misses, 6);
	imgcodec_batch_free(b);
	g_free(src.data);
}

static void
progress_bar(void **state)
{
	struct fx *f = *state;
	struct bytes src = make_png(64, 64);
	imgcodec_progress modes[] = {IMGCODEC_PROGRESS_ON,
	                             IMGCODEC_PROGRESS_OFF,
	                             IMGCODEC_PROGRESS_AUTO};
	for (int k = 0; k < 3; k++) {
		char *text = NULL;
		size_t n = 0;
		FILE *m = open_memstream(&text, &n);
		imgcodec_opts o = opts(f, 32, 0, 0);
		o.cache_dir = NULL;
		o.progress = modes[k];
		o.progress_out = m;
		imgcodec_batch *b = imgcodec_batch_new(&o, f->d);
		for (int i = 0; i < 3; i++) {
			char base[16];
			snprintf(base, sizeof(base), "p%d", i);
			imgcodec_batch_add(b, "p.png", NULL, base, src.data,
			                   src.len);
		}
		done(run(f, b, 2));
		imgcodec_batch_free(b);
		fclose(m);
		if (modes[k] == IMGCODEC_PROGRESS_ON)
			assert_non_null(strstr(text, "images 3/3"));
		else /* a memory stream is not a terminal */
			assert_int_equal(n, 0);
		free(text);
	}
	g_free(src.data);
}

static void
many_images_on_two_threads(void **state)
{
	struct fx *f = *state;
	enum { N = 24 };
	char names[N][24];
	const char *ptrs[N];
	for (int i = 0; i < N; i++) {
		snprintf(names[i], sizeof(names[i]), "m%d.png", i);
		ptrs[i] = names[i];
		struct bytes src = make_png(150 + i, 120);
		save_source(f, names[i], src);
		g_free(src.data);
	}
	imgcodec_batch *b = lazy_batch(f, ptrs, N);
	output *out = run(f, b, 2);
	imgcodec_stats s = imgcodec_batch_stats(b);
	assert_int_equal(s.failed, 0);
	assert_int_equal(f->reads, N);
	assert_int_equal(s.misses, N * 4); /* 100 and own width, 2 formats */
	for (int i = 0; i < N; i++) {
		const imgcodec_result *r = imgcodec_batch_result(b, (size_t)i);
		assert_true(r->ok);
		assert_int_equal(r->width, 150 + i);
		char rel[64];
		snprintf(rel, sizeof(rel), "g/%d-%d.webp", i, 150 + i);
		VipsImage *im = load_output(out, rel);
		assert_int_equal(vips_image_get_width(im), 150 + i);
		g_object_unref(im);
	}
	done(out);
	imgcodec_batch_free(b);
}

static void
unwritable_cache_warns_once(void **state)
{
	struct fx *f = *state;
	assert_true(g_file_set_contents(f->cache, "a file", 6, NULL));
	struct bytes src = make_png(200, 100);
	imgcodec_opts o = opts(f, 100, 0, 0);
	imgcodec_batch *b = imgcodec_batch_new(&o, f->d);
	imgcodec_batch_add(b, "a.png", "abcdef1234567", "a", src.data, src.len);
	imgcodec_batch_add(b, "b.png", "abcdef7654321", "b", src.data, src.len);
	output *out = run(f, b, 1);
	assert_int_equal(imgcodec_batch_stats(b).failed, 0);
	assert_int_equal(diag_count(f->d, DIAG_WARNING), 1);
	assert_int_equal(diag_count(f->d, DIAG_ERROR), 0);
	struct bytes w = slurp(out, "b-100.webp");
	assert_non_null(w.data);
	g_free(w.data);
	done(out);
	imgcodec_batch_free(b);
	g_free(src.data);
}

int
main(int argc, char **argv)
{
	if (imgcodec_global_init(argv[0]) < 0)
		return 1;
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(rotated_photo_comes_out_upright,
	                                    setup, teardown),
	    cmocka_unit_test_setup_teardown(every_metadata_block_is_removed,
	                                    setup, teardown),
	    cmocka_unit_test_setup_teardown(widths_srcset_and_value, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(second_run_processes_nothing, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(corrupt_cache_entries_are_rebuilt,
	                                    setup, teardown),
	    cmocka_unit_test_setup_teardown(bad_inputs_are_reported, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(pixel_limit_is_configurable, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(cache_clean_empties_only_the_cache,
	                                    setup, teardown),
	    cmocka_unit_test_setup_teardown(progress_bar, setup, teardown),
	    cmocka_unit_test_setup_teardown(many_images_on_two_threads, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(unwritable_cache_warns_once, setup,
	                                    teardown),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	imgcodec_global_shutdown();
	return rc;
}
