/*
 * imgtool - a small driver for the image pipeline, used by
 * tests/integration/images.sh and bench/photos.sh until the build calls
 * the pipeline itself.
 *
 *   imgtool batch [options] < LIST     process images (see usage())
 *   imgtool make OUT W H [--orientation N] [--private] [--texture SEED]
 *                        [--from TEXTURE]
 *   imgtool info FILE [X Y]            size, metadata fields, a pixel
 *   imgtool bomb OUT.png W H           a PNG header declaring W x H
 *   imgtool clean DIR                  imgcache_clean()
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <vips/vips.h>

#include "buf.h"
#include "diag.h"
#include "imgcache.h"
#include "imgcodec.h"
#include "output.h"

static int
usage(void)
{
	fputs("usage: imgtool batch [--out DIR] [--cache DIR|--no-cache] "
	      "[--jobs N]\n"
	      "         [--widths 480,960] [--quality Q] [--effort E] "
	      "[--max-mp N]\n"
	      "         [--originals] [--eager] [--progress on|off|auto] "
	      "[--results] < LIST\n"
	      "       (LIST: \"BLOB PATH\" lines, or git ls-tree -r "
	      "output)\n"
	      "       imgtool make OUT W H [--orientation N] [--private] "
	      "[--texture SEED]\n"
	      "            [--from TEXTURE]\n"
	      "       imgtool info FILE [X Y]\n"
	      "       imgtool bomb OUT.png W H\n"
	      "       imgtool clean DIR\n",
	      stderr);
	return 2;
}

/* ---- batch ------------------------------------------------------------ */

static int
read_file(const char *path, void **data, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return -1;
	buf b = BUF_INIT;
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_put(&b, chunk, n);
	fclose(f);
	*data = buf_detach(&b, len);
	return 0;
}

/* The read callback: the name is the path, as the build's is the tree
 * path it reads from git. */
static int
reader(void *ctx, const char *name, const char *blob, void **data, size_t *len)
{
	if (read_file(name, data, len) == 0)
		return 0;
	diag_report(ctx, DIAG_ERROR, name, 0, 0, "cannot read this file: %s",
	            strerror(errno));
	return -1;
}

static void
parse_widths(imgcodec_opts *o, const char *s)
{
	size_t n = 0;
	while (*s != '\0' && n < IMGCODEC_MAX_WIDTHS) {
		o->widths[n++] = atoi(s);
		s += strcspn(s, ",");
		s += *s == ',';
	}
	for (; n < IMGCODEC_MAX_WIDTHS; n++)
		o->widths[n] = 0;
}

/* "BLOB PATH", or git ls-tree's "MODE blob BLOB\tPATH". */
static int
parse_line(char *line, char **blob, char **path)
{
	line[strcspn(line, "\n")] = '\0';
	char *tab = strchr(line, '\t');
	if (tab != NULL) {
		*tab = '\0';
		*path = tab + 1;
		char *sp = strrchr(line, ' ');
		*blob = sp != NULL ? sp + 1 : line;
	} else {
		char *sp = strchr(line, ' ');
		if (sp == NULL)
			return -1;
		*sp = '\0';
		*blob = line;
		*path = sp + 1;
	}
	return **path != '\0' ? 0 : -1;
}

struct batch_args {
	imgcodec_opts o;
	const char *out;
	int jobs;
	bool eager, results, no_cache;
};

static int
batch_options(int argc, char **argv, struct batch_args *a)
{
	imgcodec_opts_init(&a->o);
	a->jobs = 2;
	for (int i = 2; i < argc; i++) {
		const char *k = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		bool has = v != NULL;
		if (strcmp(k, "--eager") == 0)
			a->eager = true;
		else if (strcmp(k, "--results") == 0)
			a->results = true;
		else if (strcmp(k, "--originals") == 0)
			a->o.originals = true;
		else if (strcmp(k, "--no-cache") == 0)
			a->o.cache_dir = NULL;
		else if (!has)
			return -1;
		else if (strcmp(k, "--out") == 0)
			a->out = v, i++;
		else if (strcmp(k, "--cache") == 0)
			a->o.cache_dir = v, i++;
		else if (strcmp(k, "--jobs") == 0)
			a->jobs = atoi(v), i++;
		else if (strcmp(k, "--widths") == 0)
			parse_widths(&a->o, v), i++;
		else if (strcmp(k, "--quality") == 0)
			a->o.jpeg_quality = a->o.webp_quality = atoi(v), i++;
		else if (strcmp(k, "--effort") == 0)
			a->o.webp_effort = atoi(v), i++;
		else if (strcmp(k, "--max-mp") == 0)
			a->o.max_megapixels = atof(v), i++;
		else if (strcmp(k, "--progress") == 0) {
			a->o.progress =
			    strcmp(v, "on") == 0    ? IMGCODEC_PROGRESS_ON
			    : strcmp(v, "off") == 0 ? IMGCODEC_PROGRESS_OFF
			                            : IMGCODEC_PROGRESS_AUTO;
			i++;
		} else
			return -1;
	}
	return 0;
}

static void
print_results(const imgcodec_batch *b)
{
	for (size_t i = 0; i < imgcodec_batch_count(b); i++) {
		const imgcodec_result *r = imgcodec_batch_result(b, i);
		if (!r->ok) {
			printf("%s FAILED\n", r->name);
			continue;
		}
		printf("%s %dx%d src=%s webp=[%s] jpeg=[%s]\n", r->name,
		       r->width, r->height, r->src, r->webp_srcset,
		       r->jpeg_srcset);
	}
}

static int
cmd_batch(int argc, char **argv)
{
	struct batch_args a = {0};
	if (batch_options(argc, argv, &a) < 0)
		return usage();
	diag *d = diag_new("en");
	a.o.read = reader;
	a.o.read_ctx = d;
	imgcodec_batch *b = imgcodec_batch_new(&a.o, d);
	buf datas = BUF_INIT; /* eager mode: the buffers to free */
	char line[8192];
	while (fgets(line, sizeof(line), stdin) != NULL) {
		char *blob, *path;
		if (parse_line(line, &blob, &path) < 0)
			continue;
		void *data = NULL;
		size_t len = 0;
		if (a.eager && reader(d, path, blob, &data, &len) < 0)
			continue;
		buf_put(&datas, &data, sizeof(data));
		char *base = xstrdup(path), *dot = strrchr(base, '.');
		if (dot != NULL && strchr(dot, '/') == NULL)
			*dot = '\0';
		imgcodec_batch_add(b, path, blob, base, data, len);
		free(base);
	}
	output *o = a.out != NULL ? output_begin(a.out, d) : NULL;
	size_t failed = 0;
	if (a.out == NULL || o != NULL)
		failed = imgcodec_batch_run(b, o, a.jobs);
	imgcodec_stats st = imgcodec_batch_stats(b);
	printf("images=%zu decoded=%zu failed=%zu hits=%zu misses=%zu "
	       "rebuilt=%zu written=%zu seconds=%.3f\n",
	       st.images, st.decoded, st.failed, st.hits, st.misses, st.rebuilt,
	       st.written, st.seconds);
	if (a.results)
		print_results(b);
	if (o != NULL) {
		if (output_commit(o) < 0)
			failed++;
		output_free(o);
	}
	int errors = (int)diag_count(d, DIAG_ERROR);
	diag_flush(d, stderr);
	for (size_t i = 0; i < datas.len / sizeof(void *); i++)
		free(((void **)(void *)datas.data)[i]);
	buf_free(&datas);
	imgcodec_batch_free(b);
	diag_free(d);
	return failed > 0 || errors > 0 || (a.out != NULL && o == NULL);
}

/* ---- make: test and benchmark photos -------------------------------- */

/* Everything a phone may record about where, who and with what. */
static void
add_private_metadata(VipsImage *im)
{
	static const char *const f[][2] = {
	    {"exif-ifd0-Make", "Fabricam"},
	    {"exif-ifd0-Model", "Model 7 Pro"},
	    {"exif-ifd0-Artist", "Jeanne Exemple"},
	    {"exif-ifd2-BodySerialNumber", "SN-4242-SECRET"},
	    {"exif-ifd3-GPSLatitudeRef", "N"},
	    {"exif-ifd3-GPSLatitude", "48/1 51/1 2400/100"},
	    {"exif-ifd3-GPSLongitudeRef", "E"},
	    {"exif-ifd3-GPSLongitude", "2/1 21/1 300/100"},
	};
	for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++)
		vips_image_set_string(im, f[i][0], f[i][1]);
	static const char xmp[] =
	    "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF "
	    "xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
	    "<rdf:Description xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
	    "dc:creator=\"Jeanne Exemple\"/></rdf:RDF></x:xmpmeta>";
	vips_image_set_blob_copy(im, VIPS_META_XMP_NAME, xmp, strlen(xmp));
}

/* A textured photo-like picture (smooth shapes plus grain, which JPEG
 * compresses like a real photo) with a pure red 8x8 top-left corner, so a
 * test can tell where that corner went after rotation. */
static VipsImage *
picture(int w, int h, int seed)
{
	VipsImage *t[8] = {0}, *out = NULL;
	int cell = w / 12 > 8 ? w / 12 : 8;
	if (vips_perlin(&t[0], w, h, "cell_size", cell, "seed", seed, NULL) ||
	    vips_worley(&t[1], w, h, "cell_size", cell / 2, "seed", seed + 1,
	                NULL) ||
	    vips_gaussnoise(&t[2], w, h, "sigma", 12.0, "mean", 0.0, "seed",
	                    seed + 2, NULL) ||
	    vips_linear1(t[0], &t[3], 90.0, 120.0, NULL) ||
	    vips_linear1(t[1], &t[4], 0.8, 20.0, NULL) ||
	    vips_add(t[3], t[2], &t[5], NULL))
		goto done;
	VipsImage *bands[3] = {t[5], t[4], t[3]};
	if (vips_bandjoin(bands, &t[6], 3, NULL) ||
	    vips_cast_uchar(t[6], &t[7], NULL))
		goto done;
	double red[3] = {255, 0, 0};
	if (vips_draw_rect(t[7], red, 3, 0, 0, 8, 8, "fill", TRUE, NULL))
		goto done;
	out = t[7];
	t[7] = NULL;
done:
	for (int i = 0; i < 8; i++)
		if (t[i] != NULL)
			g_object_unref(t[i]);
	return out;
}

/*
 * A variation on a large texture made once (--from): a seeded crop, a
 * tint and fresh grain, so a benchmark gets hundreds of distinct photos
 * without computing Perlin noise hundreds of times.
 */
static VipsImage *
variation(const char *from, int w, int h, int seed)
{
	VipsImage *base = vips_image_new_from_file(from, NULL), *t[4] = {0};
	VipsImage *out = NULL;
	if (base == NULL)
		return NULL;
	int bw = vips_image_get_width(base), bh = vips_image_get_height(base);
	w = w < bw ? w : bw;
	h = h < bh ? h : bh;
	int x = bw > w ? (int)((unsigned)seed * 7919u % (unsigned)(bw - w)) : 0;
	int y =
	    bh > h ? (int)((unsigned)seed * 104729u % (unsigned)(bh - h)) : 0;
	double mul[3] = {0.8 + seed % 5 * 0.1, 1.0, 1.2 - seed % 3 * 0.1};
	double add[3] = {0, 0, 0};
	if (vips_crop(base, &t[0], x, y, w, h, NULL) == 0 &&
	    vips_gaussnoise(&t[1], w, h, "sigma", 6.0, "mean", 0.0, "seed",
	                    seed, NULL) == 0 &&
	    vips_add(t[0], t[1], &t[2], NULL) == 0 &&
	    vips_linear(t[2], &t[3], mul, add, 3, "uchar", TRUE, NULL) == 0) {
		out = t[3];
		t[3] = NULL;
	}
	for (int i = 0; i < 4; i++)
		if (t[i] != NULL)
			g_object_unref(t[i]);
	g_object_unref(base);
	return out;
}

static int
cmd_make(int argc, char **argv)
{
	if (argc < 5)
		return usage();
	int orientation = 0, seed = 1;
	bool secret = false;
	const char *from = NULL;
	for (int i = 5; i < argc; i++) {
		if (strcmp(argv[i], "--private") == 0)
			secret = true;
		else if (strcmp(argv[i], "--orientation") == 0 && i + 1 < argc)
			orientation = atoi(argv[++i]);
		else if (strcmp(argv[i], "--texture") == 0 && i + 1 < argc)
			seed = atoi(argv[++i]);
		else if (strcmp(argv[i], "--from") == 0 && i + 1 < argc)
			from = argv[++i];
		else
			return usage();
	}
	int w = atoi(argv[3]), h = atoi(argv[4]);
	VipsImage *im =
	    from != NULL ? variation(from, w, h, seed) : picture(w, h, seed);
	if (im == NULL) {
		fprintf(stderr, "imgtool: %s\n", vips_error_buffer());
		return 1;
	}
	if (orientation > 0) {
		vips_image_set_int(im, VIPS_META_ORIENTATION, orientation);
		char s[16];
		snprintf(s, sizeof(s), "%d", orientation);
		vips_image_set_string(im, "exif-ifd0-Orientation", s);
	}
	if (secret)
		add_private_metadata(im);
	const char *saver = vips_foreign_find_save(argv[2]);
	bool jpeg = saver != NULL && strstr(saver, "Jpeg") != NULL;
	int rc = jpeg
	             ? vips_image_write_to_file(im, argv[2], "Q", 90, "profile",
	                                        secret ? "srgb" : "none", NULL)
	             : vips_image_write_to_file(im, argv[2], NULL);
	g_object_unref(im);
	if (rc != 0)
		fprintf(stderr, "imgtool: %s\n", vips_error_buffer());
	return rc != 0;
}

/* ---- info, bomb, clean ------------------------------------------------ */

static void *
print_field(VipsImage *im, const char *name, GValue *v, void *ctx)
{
	static const char *const watch[] = {"exif-", "xmp-",        "iptc-",
	                                    "icc-",  "orientation", "gps"};
	for (size_t i = 0; i < sizeof(watch) / sizeof(watch[0]); i++)
		if (strncmp(name, watch[i], strlen(watch[i])) == 0)
			printf("field %s\n", name);
	return NULL;
}

static int
cmd_info(int argc, char **argv)
{
	if (argc < 3)
		return usage();
	VipsImage *im = vips_image_new_from_file(argv[2], NULL);
	if (im == NULL) {
		fprintf(stderr, "imgtool: %s\n", vips_error_buffer());
		return 1;
	}
	printf("size %d %d %d\n", vips_image_get_width(im),
	       vips_image_get_height(im), vips_image_get_bands(im));
	vips_image_map(im, print_field, NULL);
	int rc = 0;
	if (argc >= 5) {
		double *px = NULL;
		int n = 0;
		rc = vips_getpoint(im, &px, &n, atoi(argv[3]), atoi(argv[4]),
		                   NULL);
		if (rc == 0) {
			printf("pixel");
			for (int i = 0; i < n; i++)
				printf(" %.0f", px[i]);
			printf("\n");
			g_free(px);
		}
	}
	g_object_unref(im);
	return rc != 0;
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
chunk(FILE *f, const char *type, const unsigned char *data, uint32_t n)
{
	unsigned char hdr[8] = {n >> 24, n >> 16, n >> 8, n};
	memcpy(hdr + 4, type, 4);
	unsigned char body[64];
	memcpy(body, type, 4);
	memcpy(body + 4, data, n);
	uint32_t c = crc32(body, n + 4);
	unsigned char tail[4] = {c >> 24, c >> 16, c >> 8, c};
	fwrite(hdr, 1, 8, f);
	fwrite(data, 1, n, f);
	fwrite(tail, 1, 4, f);
}

/* A decompression bomb's header: the pixels are never there, which is
 * the point: the pipeline must refuse from the header alone. */
static int
cmd_bomb(int argc, char **argv)
{
	if (argc < 5)
		return usage();
	uint32_t w = (uint32_t)atol(argv[3]), h = (uint32_t)atol(argv[4]);
	FILE *f = fopen(argv[2], "wb");
	if (f == NULL)
		return 1;
	unsigned char ihdr[13] = {w >> 24, w >> 16, w >> 8, w, h >> 24,
	                          h >> 16, h >> 8,  h,      8, 2,
	                          0,       0,       0};
	static const unsigned char idat[] = {0x78, 0x9c, 0x63, 0x60, 0x00,
	                                     0x00, 0x00, 0x02, 0x00, 0x01};
	fwrite("\211PNG\r\n\032\n", 1, 8, f);
	chunk(f, "IHDR", ihdr, 13);
	chunk(f, "IDAT", idat, sizeof(idat));
	chunk(f, "IEND", idat, 0); /* any non-NULL pointer */
	return fclose(f) != 0;
}

static int
cmd_clean(int argc, char **argv)
{
	if (argc < 3)
		return usage();
	diag *d = diag_new("en");
	long n = imgcache_clean(argv[2], d);
	diag_flush(d, stderr);
	diag_free(d);
	if (n >= 0)
		printf("removed %ld\n", n);
	return n < 0;
}

int
main(int argc, char **argv)
{
	if (argc < 2)
		return usage();
	if (imgcodec_global_init(argv[0]) < 0)
		return 1;
	int rc;
	if (strcmp(argv[1], "batch") == 0)
		rc = cmd_batch(argc, argv);
	else if (strcmp(argv[1], "make") == 0)
		rc = cmd_make(argc, argv);
	else if (strcmp(argv[1], "info") == 0)
		rc = cmd_info(argc, argv);
	else if (strcmp(argv[1], "bomb") == 0)
		rc = cmd_bomb(argc, argv);
	else if (strcmp(argv[1], "clean") == 0)
		rc = cmd_clean(argc, argv);
	else
		rc = usage();
	imgcodec_global_shutdown();
	return rc;
}
