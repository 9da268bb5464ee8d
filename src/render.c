#include "render.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "buf.h"
#include "bytes.h"
#include "cachedir.h"
#include "calendar.h"
#include "eventrev.h"
#include "extras.h"
#include "filemeta.h"
#include "filetype.h"
#include "hash.h"
#include "markdown.h"
#include "mustache.h"
#include "opendata.h"
#include "recstore.h"
#include "stagetime.h"
#include "strmap.h"
#include "urlbase.h"
#include "viewhash.h"
#include "viewrec.h"

struct job {
	site *s;
	const theme *th;
	output *o;
	diag *d;
	rendercache *cache;
	search_record **search; /* one per page, made by the workers */
	/* search records of earlier builds, read by the first worker
	 * that needs them (job_words()) */
	recstore *words;
	const char *words_dir; /* where they are kept, or NULL */
	pthread_mutex_t words_lock;
	const interrupt *stop;
	const atomic_bool *cancel;
	size_t *order;             /* NULL: pages in the site's order */
	const render_reuse *reuse; /* NULL, or the ones below: */
	viewhash_digest *views;    /* all that page i's template reads */
	bool *keyed;               /* views[i] is known */
	struct digester *dg;       /* makes views[] (digest_pages()) */
	/* views[] of the first digested pages (in the order taken) are
	 * made: workers wait on ready for the others */
	atomic_size_t digested;
	pthread_mutex_t lock;
	pthread_cond_t ready;
	atomic_size_t next, done, bytes, kept;
	int threads;       /* render workers started (run_pool()) */
	bool views_reused; /* views[] taken from the last build's record */
	unsigned below;    /* the depth views[] cover below a page's view */
	atomic_int failed;
	/* blob[i]: page i's blob id when its body is read from git (the
	 * render cache is keyed by it, so a reused render reads no blob),
	 * else NULL */
	const char **blob;
};

/* A page's Markdown, read only when it must be rendered (see
 * rendercache_render_blob()). */
struct body {
	site *s;
	const page *p;
	const char *text; /* the body, once read */
	char *owned;      /* what site_page_body() gave to free */
	bool failed;      /* it could not be read */
	/* where its render's plain text lies in the render cache, when the
	 * render was reused: not written to the scratch file again */
	rendercache_spot spot;
};

static const char *
body_text(void *ctx)
{
	struct body *b = ctx;
	if (b->text == NULL && !b->failed) {
		b->text = site_page_body(b->s, b->p, &b->owned);
		b->failed = b->text == NULL;
	}
	return b->text;
}

/* What digest_pages() needs, from digest_prepare(). */
struct digester {
	arena *a;
	strmap *keys;  /* the names the layouts' templates read */
	strmap *reach; /* layout -> "+": bounded, "-": not */
	unsigned below;
	viewhash_digest all; /* what every page's template reads */
	viewhash *vh;
	const char *dir;    /* where viewrec keeps the digests, or NULL */
	viewrec *last;      /* the last build's, or NULL */
	viewrec_entry *rec; /* this build's, for the next */
};

struct link_ctx {
	site *s;
	const page *p;
	arena *a;
	diag *d;
};

static const char *
resolve(void *ctx, const char *dest, bool is_image, unsigned line, unsigned col)
{
	struct link_ctx *l = ctx;
	return site_resolve_link(l->s, l->p, dest, is_image, line, col, l->a,
	                         l->d);
}

/* Renders the page's Markdown through the render cache, by its blob id
 * when it has one: 0, or -1 (failed). */
static int
page_markdown(struct job *j, size_t i, struct body *b, const markdown_opts *mo,
              arena *a, buf *html)
{
	const page *p = b->p;
	if (j->blob != NULL && j->blob[i] != NULL)
		return rendercache_render_blob(
		    j->cache, j->blob[i], p->body_off, p->body_len, body_text,
		    b, mo, a, html, j->d, &b->spot);
	const char *text = body_text(b);
	if (text == NULL)
		return -1;
	return rendercache_render(j->cache, text, p->body_len, mo, a, html,
	                          j->d, &b->spot);
}

/*
 * A workshop's JSON-LD text in its page's view pv, in place of its
 * digest (site_page_jsonld()).  Only for a page rendered: the page's key
 * (page_key()) reads the digest, with the views', and writing the text
 * for each of the 10,000 pages an edit keeps was 3.8 % of its
 * instructions.
 */
static void
page_jsonld(struct job *j, const page *p, value *pv, arena *a)
{
	const char *ld = site_page_jsonld(j->s, p, a);
	if (ld != NULL)
		value_set(a, pv, "jsonld", value_string_ref(ld, strlen(ld), a));
}

/* The page's view plus what only rendering knows: its HTML and headings.
 * b: the page's Markdown (NULL for a generated page).  Its JSON-LD is
 * still the digest: page_jsonld() writes the text. */
static value *
page_context(struct job *j, size_t i, const page *p, struct body *b, arena *a,
             buf *html, buf *plain)
{
	value *pv = value_copy_map(a, p->view, 4);
	if (b != NULL) {
		value *toc = value_list(a);
		struct link_ctx lc = {j->s, p, a, j->d};
		markdown_opts mo = {.unsafe = site_unsafe_html(j->s),
		                    .french = site_french(j->s),
		                    .file = p->file,
		                    .first_line = p->body_line,
		                    .resolve = resolve,
		                    .resolve_ctx = &lc,
		                    .page_title = true,
		                    .toc = toc,
		                    .plain = plain};
		site_markdown_contacts(j->s, p, &mo);
		if (page_markdown(j, i, b, &mo, a, html) != 0)
			atomic_store(&j->failed, 1);
		if (!b->failed)
			site_set_anchors(j->s, i, toc);
		value_set(a, pv, "contenu",
		          value_string_ref(buf_cstr(html), html->len, a));
		value_set(a, pv, "sommaire", toc);
	}
	value *ctx = value_map(a);
	value_set(a, ctx, "site", (value *)site_view(j->s));
	value_set(a, ctx, "edition", (value *)site_edition(j->s));
	value_set(a, ctx, "assets", (value *)theme_asset_urls(j->th));
	value_set(a, ctx, "t", (value *)theme_i18n(j->th));
	value_set(a, ctx, "page", pv);
	value_set_str(a, ctx, "fabrique_version", FABRIQUE_VERSION);
	return ctx;
}

_Static_assert(VIEWHASH_LEN == HASH_RAW,
               "a cached render's digest is a view's");

/*
 * The key of everything page i's template reads (page_context): the
 * digest of its views (digest_pages()), its layout and output path, its
 * HTML and its table of contents.
 */
static void
page_key(struct job *j, size_t i, const page *p, const value *pv,
         const buf *html, const struct body *body, char key[HASH_HEX + 1])
{
	buf k = BUF_INIT;
	buf_put(&k, j->views[i].b, VIEWHASH_LEN);
	buf_put(&k, p->layout, strlen(p->layout) + 1);
	buf_put(&k, p->out, strlen(p->out) + 1);
	const value *toc = value_get(pv, "sommaire");
	buf_putc(&k, value_get(pv, "contenu") != NULL);
	viewhash_digest h;
	if (body != NULL && body->spot.hashed) /* the render cache's */
		memcpy(h.b, body->spot.html_digest, VIEWHASH_LEN);
	else
		h = viewhash_bytes(html->data, html->len);
	viewhash_digest t = viewhash_tree(toc);
	buf_put(&k, h.b, VIEWHASH_LEN);
	buf_put(&k, t.b, VIEWHASH_LEN);
	hash_hex(k.data, k.len, key);
	buf_free(&k);
}

/* Waits until page pos (in the order taken)'s views[] entry is made. */
static void
await_digest(struct job *j, size_t pos)
{
	if (atomic_load_explicit(&j->digested, memory_order_acquire) > pos)
		return;
	pthread_mutex_lock(&j->lock);
	while (atomic_load_explicit(&j->digested, memory_order_acquire) <= pos)
		pthread_cond_wait(&j->ready, &j->lock);
	pthread_mutex_unlock(&j->lock);
}

/* A site published under a path (base "/journee"): the addresses from
 * the root the page's HTML holds get it (urlbase.h); out is replaced.
 * Nothing is done for a site at the root. */
static void
with_base(const char *base, buf *out)
{
	if (*base == '\0')
		return;
	buf b = BUF_INIT;
	urlbase_html(&b, out->data, out->len, base);
	buf old = *out; /* the new page takes out's place: no second copy */
	*out = b;
	buf_free(&old);
}

/*
 * A page without Markdown written as it is rendered (a list of thousands
 * of cards, 6 MB at 10,000 pages, was held whole, two of them side by
 * side at the build's peak): its file is opened once its first piece is
 * ready (a small page is written whole, as before), its ids are read
 * piece by piece (site_html_ids_scan()).
 */
struct flow {
	output *o;
	const char *path;
	output_stream *st; /* NULL until the first piece */
	buf ids;
	size_t scanned; /* where the ids' scan resumes in the buffer */
	size_t written; /* bytes given to st */
};

static size_t
flow_put(void *ctx, const char *data, size_t n)
{
	struct flow *f = ctx;
	f->scanned = site_html_ids_scan(&f->ids, data, f->scanned, n, false);
	size_t took = f->scanned > 0 ? f->scanned - 1 : 0;
	if (took == 0)
		return 0;
	if (f->st == NULL)
		f->st =
		    output_stream_open(f->o, f->path, OUTPUT_STREAM_UNSIZED);
	/* a failure is told by output_stream_close() */
	(void)output_stream_put(f->st, data, took);
	f->scanned -= took;
	f->written += took;
	return took;
}

/* Renders page p into out, or through f when it is given and the page
 * can be written in pieces (an output, the site at the root: a base path
 * is put in the whole page); f's ids are those of the whole page. */
static int
render_flowing(struct job *j, const page *p, const value *ctx, struct flow *f,
               buf *out)
{
	bool flows = f != NULL && j->o != NULL && *site_base(j->s) == '\0';
	int rc = mustache_render_flushed(theme_templates(j->th), p->layout, ctx,
	                                 out, j->d, flows ? flow_put : NULL, f);
	if (rc == 0 && f != NULL)
		site_html_ids_scan(&f->ids, out->data, f->scanned, out->len,
		                   true);
	return rc;
}

/* Writes page p: out whole, or after the pieces f wrote, its tail.  0,
 * or -1 after reporting. */
static int
write_page(struct job *j, const page *p, struct flow *f, const buf *out)
{
	if (f->st != NULL) {
		(void)output_stream_put(f->st, out->data, out->len);
		return output_stream_close(f->st);
	}
	if (j->o == NULL)
		return 0;
	return output_write(j->o, p->out, out->data, out->len);
}

/* pos: the page's place in the order pages are taken, i: its index. */
static void
render_page(struct job *j, size_t pos, size_t i, const page *p,
            struct body *body, buf *html, buf *out, buf *plain)
{
	arena *a = arena_new();
	buf_reset(html);
	buf_reset(out);
	value *ctx = page_context(j, i, p, body, a, html, plain);
	if (body != NULL && body->failed) {
		/* as if it had not been read: no template */
		arena_free(a);
		return;
	}
	char key[HASH_HEX + 1];
	if (j->reuse != NULL)
		await_digest(j, pos);
	if (j->reuse != NULL && j->keyed[i]) {
		page_key(j, i, p, value_get(ctx, "page"), html, body, key);
		if (j->reuse->keep(j->reuse->ctx, p->out, key)) {
			atomic_fetch_add(&j->kept, 1);
			arena_free(a);
			return;
		}
	}
	page_jsonld(j, p, value_get(ctx, "page"), a);
	struct flow f = {j->o, p->out, NULL, BUF_INIT, 0, 0};
	int rc = render_flowing(j, p, ctx, body == NULL ? &f : NULL, out);
	if (rc == 0 && body == NULL)
		site_take_html_ids(j->s, i, &f.ids);
	buf_free(&f.ids);
	if (rc == 0 && f.st == NULL)
		with_base(site_base(j->s), out);
	if (rc != 0)
		output_stream_cancel(f.st);
	if (rc != 0 || write_page(j, p, &f, out) != 0)
		atomic_store(&j->failed, 1);
	else if (j->reuse != NULL && j->keyed[i])
		j->reuse->made(j->reuse->ctx, p->out, key);
	atomic_fetch_add(&j->bytes, f.written + out->len);
	arena_free(a);
}

/*
 * The HTML of a page without Markdown, made again after the pool for the
 * links to its anchors (site_check_anchors) when its file was kept from
 * the last build: quiet, written nowhere.
 */
static int
html_again(void *ctx, const page *p, buf *html)
{
	struct job *j = ctx;
	arena *a = arena_new();
	diag *quiet = diag_new("en");
	value *view = page_context(j, 0, p, NULL, a, NULL, NULL);
	page_jsonld(j, p, value_get(view, "page"), a);
	int rc = mustache_render(theme_templates(j->th), p->layout, view, html,
	                         quiet);
	diag_free(quiet);
	arena_free(a);
	return rc;
}

/* Ctrl-C, or a newer change in fabrique serve: take no more pages. */
static bool
halted(const interrupt *stop, const atomic_bool *cancel)
{
	return interrupt_requested(stop) ||
	       (cancel != NULL && atomic_load(cancel));
}

/*
 * The store of search records (18 MB at 10,000 pages), read once, by the
 * first thread that asks: a worker, after its first page, while the
 * main thread digests the views (digest_pages()).  Read before the
 * workers started, it was serial time the whole build waited for.
 */
static recstore *
job_words(struct job *j)
{
	pthread_mutex_lock(&j->words_lock);
	if (j->words == NULL)
		j->words = recstore_open(j->words_dir, "search");
	pthread_mutex_unlock(&j->words_lock);
	return j->words;
}

/* A worker's buffers are kept from page to page, but not at the size of
 * the largest page it rendered (a list: 8 MiB for its 6 MB at 10,000
 * pages) for the thousands of pages of a few kilobytes after it: in
 * fabrique serve the pages open in the browser (often a list) come
 * first. */
#define KEEP_BUF (1u << 20)

static void
release_large(buf *b)
{
	if (b->cap > KEEP_BUF)
		buf_free(b);
}

static void *
worker(void *arg)
{
	struct job *j = arg;
	buf html = BUF_INIT, out = BUF_INIT;
	recstore *words = NULL;
	search_scratch *sc = search_scratch_new();
	size_t n = site_page_count(j->s);
	for (;;) {
		size_t pos = atomic_fetch_add(&j->next, 1), i = pos;
		if (pos >= n)
			break;
		if (halted(j->stop, j->cancel)) {
			atomic_store(&j->failed, 1);
			break;
		}
		if (j->order != NULL)
			i = j->order[i];
		const page *p = site_page(j->s, i);
		buf plain = BUF_INIT;
		/* a git source's body is read again (body_text()) only when
		 * its render is not cached: only the pages being rendered
		 * have theirs in memory */
		bool has = p->body != NULL || site_page_has_body(p);
		struct body b = {j->s, p, p->body, NULL, false, {0}};
		render_page(j, pos, i, p, has ? &b : NULL, &html, &out, &plain);
		release_large(&html);
		release_large(&out);
		if (b.failed)
			atomic_store(&j->failed, 1);
		free(b.owned);
		/* check reads no page's plain text after this (no feed,
		 * search index or calendar text): not kept */
		if (has && !b.failed && j->o != NULL) {
			size_t len;
			char *text = buf_detach(&plain, &len);
			site_set_plain(j->s, i, text, len,
			               b.spot.hashed ? b.spot.plain_digest
			                             : NULL);
			if (b.spot.path != NULL && b.spot.len == len) {
				site_plain_at(j->s, i, b.spot.path, b.spot.off);
				b.spot.path = NULL;
			}
		}
		free(b.spot.path);
		buf_free(&plain);
		if (has && !b.failed)
			site_release_body(j->s, i);
		/* check writes no search index: no record to make */
		if (j->o != NULL && words == NULL)
			words = job_words(j);
		j->search[i] =
		    j->o != NULL ? search_record_page(sc, words, p) : NULL;
		site_park_plain(j->s, i);
		atomic_fetch_add(&j->done, 1);
	}
	buf_free(&html);
	buf_free(&out);
	search_scratch_free(sc);
	return NULL;
}

int
render_check_layouts(const site *s, const theme *th, diag *d)
{
	int rc = 0;
	const char *reported[64];
	size_t nrep = 0;
	for (size_t i = 0; i < site_page_count(s); i++) {
		const page *p = site_page(s, i);
		if (mustache_set_has(theme_templates(th), p->layout))
			continue;
		bool seen = false;
		for (size_t k = 0; k < nrep; k++)
			seen = seen || strcmp(reported[k], p->layout) == 0;
		if (!seen && nrep < 64) {
			reported[nrep++] = p->layout;
			diag_report(
			    d, DIAG_ERROR, p->file, 0, 0,
			    "the theme (%s) has no template '%s' for this "
			    "page; add templates/%s.mustache",
			    theme_origin(th), p->layout, p->layout);
		}
		rc = -1;
	}
	return rc;
}

static void
show_progress(struct job *j, size_t total)
{
	size_t done = atomic_load(&j->done);
	fprintf(stderr, "\rfabrique: %zu/%zu pages", done, total);
	fflush(stderr);
}

static void digest_pages(struct job *j);

/* The search records' store saved beside the whole-site outputs. */
struct saver {
	recstore *words;
	pthread_t t;
	bool started; /* on t; else saved already, or not to be */
};

static void *
save_words(void *arg)
{
	recstore_save(arg);
	return NULL;
}

/*
 * The store (18 MB at 10,000 pages, written again whole when one record
 * changed: ~0.07 s) was saved on the main thread after the whole-site
 * outputs, while the other core had nothing to do.  Every record is
 * made (the pages are rendered), and none is got or put after: saved on
 * a thread of its own while the outputs are made, which only read the
 * records.  A build that fails after this point keeps its store: a
 * cache of records keyed by what they were made from, all sound.
 * --jobs 1: saved here, on this thread.
 */
static void
save_start(struct saver *sv, int jobs)
{
	if (jobs != 1 &&
	    pthread_create(&sv->t, NULL, save_words, sv->words) == 0)
		sv->started = true;
	else
		recstore_save(sv->words);
}

static void
save_finish(struct saver *sv)
{
	if (sv->started)
		pthread_join(sv->t, NULL);
	sv->started = false;
}

/*
 * The workers render the pages; meanwhile this thread, which would only
 * wait for them, digests the pages' views in the order they are taken
 * (incremental builds), so that serial work overlaps with theirs.
 */
static int
run_pool(struct job *j, int jobs, bool progress)
{
	if (jobs <= 0) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);
		jobs = n > 0 ? (int)(n > 64 ? 64 : n) : 1;
	}
	pthread_t *t = xcalloc((size_t)jobs, sizeof(*t));
	int started = 0;
	for (int i = 0; i < jobs; i++)
		if (pthread_create(&t[i], NULL, worker, j) == 0)
			started++;
	j->threads = started;
	if (j->dg != NULL)
		digest_pages(j);
	if (started == 0)
		worker(j);
	size_t total = site_page_count(j->s);
	while (progress && atomic_load(&j->done) < total &&
	       !halted(j->stop, j->cancel)) {
		show_progress(j, total);
		nanosleep(&(struct timespec){0, 100000000}, NULL);
	}
	for (int i = 0; i < started; i++)
		pthread_join(t[i], NULL);
	if (progress) {
		show_progress(j, total);
		fputc('\n', stderr);
	}
	free(t);
	return atomic_load(&j->failed) ? -1 : 0;
}

/*
 * A linked file is served from the site's own origin: only passive types
 * are published (filetype.h), unless the site lifted the rule with
 * markdown.html_brut.  A refusal is reported where the file was linked.
 */
static int
file_allowed(site *s, size_t i, const char *tree, const char *data, size_t len,
             diag *d)
{
	if (site_unsafe_html(s))
		return 0;
	ft_verdict v = filetype_check(tree, data, len);
	const char *from;
	unsigned line, col;
	site_file_origin(s, i, &from, &line, &col);
	switch (v.kind) {
	case FT_PASSIVE:
	case FT_SVG_OK: return 0;
	case FT_SVG_UNSAFE:
		diag_report(
		    d, DIAG_ERROR, from, line, col,
		    "%s is an SVG drawing holding %s (its line %u), "
		    "which could run script or load files from elsewhere "
		    "on the site's pages; remove it from the drawing, or "
		    "export the drawing as PNG",
		    tree, v.found, v.line);
		break;
	case FT_MISMATCH:
		diag_report(
		    d, DIAG_ERROR, from, line, col,
		    "%s is named as a file of type %s but its content "
		    "is not; publish the real file (accepted: " FT_ACCEPTED ")",
		    tree, v.type);
		break;
	case FT_ACTIVE:
		if (*v.type == '\0')
			diag_report(
			    d, DIAG_ERROR, from, line, col,
			    "%s has no extension, so its type is "
			    "unknown; only these are published: " FT_ACCEPTED,
			    tree);
		else
			diag_report(
			    d, DIAG_ERROR, from, line, col,
			    "%s is of type %s, which a browser would run on "
			    "the site's pages; only these are "
			    "published: " FT_ACCEPTED,
			    tree, v.type);
		break;
	}
	return -1;
}

/*
 * What an office document or a PDF keeps of people that fabrique does
 * not remove: an author's name it cannot rewrite (a PDF's compressed
 * object stream that would grow), comments and tracked changes (part of
 * the text), or a package it could not read.  Said where the file is
 * linked, with what to do in the program that made it.
 */
static void
file_metadata_kept(const char *tree, filemeta_found f, diag *d,
                   const char *from, unsigned line, unsigned col)
{
	if (f.kept)
		diag_report(d, DIAG_WARNING, from, line, col,
		            "%s holds the name of its author in a compressed "
		            "part that fabrique cannot rewrite: it is "
		            "published with it; in the program that made it, "
		            "File > Properties: clear the author, then export "
		            "it again",
		            tree);
	if (f.comments)
		diag_report(d, DIAG_WARNING, from, line, col,
		            "%s holds comments, each signed with its author's "
		            "name, and they are published with it; delete "
		            "the comments (Review > Delete all comments), "
		            "then save it again",
		            tree);
	if (f.changes)
		diag_report(d, DIAG_WARNING, from, line, col,
		            "%s holds tracked changes, each signed with the "
		            "name of who made it, and they are published with "
		            "it; accept or reject them all (Review > Accept "
		            "all changes), turn tracking off, then save it "
		            "again",
		            tree);
	if (f.unchecked && f.too_large)
		diag_report(
		    d, DIAG_WARNING, from, line, col,
		    "%s could not be checked for names (one of its "
		    "parts is larger than the 64 MB fabrique reads), so "
		    "it is published as it is; export it as PDF, or "
		    "save a lighter copy",
		    tree);
	else if (f.unchecked)
		diag_report(d, DIAG_WARNING, from, line, col,
		            "%s could not be checked for names (its package "
		            "is encrypted, damaged or of a kind fabrique does "
		            "not read), so it is published as it is; open it "
		            "and save it again as a new document, or export "
		            "it as PDF",
		            tree);
	if (f.text_unread && !f.unchecked)
		diag_report(
		    d, DIAG_WARNING, from, line, col,
		    "%s's text is larger than the 64 MB fabrique reads: "
		    "its author's name is removed, but its comments and "
		    "tracked changes, which name who made them, were "
		    "not looked for; check them in the program that "
		    "made it (Review), or export it as PDF",
		    tree);
}

/*
 * A video's position and a document's author go with the file, which is
 * published as it is (outside tester 20 F19): they are blanked in the
 * published copy (filemeta.h; an office document's copy is rewritten:
 * *data and *len replaced), and said where the file is linked, so that
 * check warns and --strict (the pre-receive hook) refuses a file whose
 * copy in the repository still holds them.
 */
static void
file_metadata(site *s, size_t i, const char *tree, char **data, size_t *len,
              bool strip, diag *d)
{
	filemeta_found f = filemeta_scan(data, len, strip);
	if (!f.gps && !f.author && !f.kept && !f.comments && !f.changes &&
	    !f.unchecked && !f.text_unread)
		return;
	const char *from;
	unsigned line, col;
	site_file_origin(s, i, &from, &line, &col);
	if (f.gps)
		diag_report(d, DIAG_WARNING, from, line, col,
		            "%s holds the GPS position where the video was "
		            "filmed: it is blanked in the published copy, but "
		            "anyone who clones the repository can read it; "
		            "export the video without the position (on a "
		            "phone, turn off 'location' when sharing it)",
		            tree);
	if (f.author)
		diag_report(d, DIAG_WARNING, from, line, col,
		            "%s holds the name of its author in its "
		            "properties: it is blanked in the published copy, "
		            "but anyone who clones the repository can read it; "
		            "in the program that made it, File > Properties: "
		            "clear the author, then export it again",
		            tree);
	file_metadata_kept(tree, f, d, from, line, col);
}

/*
 * A resident who taps the link of an 80 MB video on a phone plan
 * downloads all of it (the link now says its size: outside tester 20
 * F17), and every clone of the repository keeps every version of it for
 * ever (GitHub warns at 50 MB and refuses 100 MB): said where the file is
 * linked.  From 10 MB a note; from 50 MB a warning, which --strict (the
 * pre-receive hook) refuses: a host should not be asked to keep that.
 */
static void
file_weight(site *s, size_t i, const char *tree, size_t len, diag *d)
{
	if (len < FILETYPE_HEAVY)
		return;
	const char *from;
	unsigned line, col;
	site_file_origin(s, i, &from, &line, &col);
	char sz[32];
	bytes_size_text(sz, sizeof(sz), len, strcmp(diag_lang(d), "fr") == 0,
	                " ");
	diag_report(d, len >= FILETYPE_TOO_HEAVY ? DIAG_WARNING : DIAG_NOTE,
	            from, line, col,
	            "%s weighs %s: a resident who taps its link downloads "
	            "all of it, and the repository keeps it for ever; put "
	            "a video on a video platform and link to it there, or "
	            "make the file smaller (a video exported in 720p, a "
	            "PDF saved at 'reduced size')",
	            tree, sz);
}

/* Files the content links to, read from the source in this thread. */
static int
copy_files(site *s, source *src, output *o, diag *d)
{
	int rc = 0;
	for (size_t i = 0; i < site_file_count(s); i++) {
		const char *tree, *out;
		char *data;
		size_t len;
		site_file(s, i, &tree, &out);
		if (site_file_taken(s, i, d)) {
			rc = -1;
			continue;
		}
		if (source_read(src, tree, &data, &len) != 0) {
			diag_report(d, DIAG_ERROR, tree, 0, 0,
			            "cannot read this file");
			rc = -1;
			continue;
		}
		bool allowed = source_lfs_refuse(src, tree, d) == 0 &&
		               file_allowed(s, i, tree, data, len, d) == 0;
		if (allowed) {
			file_metadata(s, i, tree, &data, &len, o != NULL, d);
			file_weight(s, i, tree, len, d);
		}
		if (!allowed ||
		    (o != NULL && output_write(o, out, data, len) != 0))
			rc = -1;
		free(data);
	}
	return rc;
}

/* The order pages are taken in when some should come first (render_opts
 * first): those, then the others in the site's order.  NULL: none. */
static size_t *
page_order(const site *s, const render_opts *ro)
{
	size_t n = site_page_count(s), k = 0;
	if (ro->nfirst == 0 || n == 0)
		return NULL;
	size_t *order = xcalloc(n, sizeof(*order));
	bool *early = xcalloc(n, sizeof(*early));
	for (size_t f = 0; f < ro->nfirst; f++)
		for (size_t i = 0; i < n; i++)
			if (!early[i] &&
			    strcmp(site_page(s, i)->out, ro->first[f]) == 0) {
				early[i] = true;
				order[k++] = i;
			}
	for (size_t i = 0; i < n; i++)
		if (!early[i])
			order[k++] = i;
	free(early);
	return order;
}

static void
name_seen(void *ctx, const char *name)
{
	strmap_put(ctx, name, (void *)name);
}

/*
 * Before the pool, for incremental builds: what the layouts' templates
 * can read.  Together they read at most so deep, and only the keys they
 * name (mustache_reach()): each page's view is digested to that depth,
 * for those keys (viewhash.h), with what every page reads besides - this
 * fabrique, the theme's files (templates, strings), the site's, the
 * edition's, the assets' and the theme strings' views.  One bound for
 * all layouts (the deepest, the union of the keys) lets a view linked
 * from many pages be hashed once.  A layout with no known bound gets no
 * digest: its pages are always rendered.
 */
static struct digester *
digest_prepare(struct job *j, const theme *th, const char *dir)
{
	size_t n = site_page_count(j->s);
	j->views = xcalloc(n + 1, sizeof(*j->views));
	j->keyed = xcalloc(n + 1, sizeof(*j->keyed));
	struct digester *dg = xcalloc(1, sizeof(*dg));
	dg->a = arena_new();
	dg->keys = strmap_new(dg->a);
	dg->reach = strmap_new(dg->a);
	int depth = 0;
	for (size_t i = 0; i < n; i++) {
		const char *layout = site_page(j->s, i)->layout;
		if (strmap_get(dg->reach, layout) != NULL)
			continue;
		int r = mustache_reach(theme_templates(th), layout, name_seen,
		                       dg->keys);
		strmap_put(dg->reach, layout, r < 0 ? "-" : "+");
		depth = r > depth ? r : depth;
	}
	/* the programme's too: it is kept when no digest changed; and the
	 * calendars', keyed by them */
	for (const char *const *k = opendata_view_keys; *k != NULL; k++)
		name_seen(dg->keys, *k);
	for (const char *const *k = calendar_view_keys; *k != NULL; k++)
		name_seen(dg->keys, *k);
	/* the context is depth 0: its views are one level down */
	dg->below = depth > 1 ? (unsigned)depth - 1 : 0;
	j->below = dg->below;
	dg->vh = viewhash_new();
	const value **roots = xcalloc(n + 1, sizeof(*roots));
	for (size_t i = 0; i < n; i++)
		roots[i] = site_page(j->s, i)->view;
	viewhash_cut(dg->vh, roots, n);
	free(roots);
	char exe[64];
	cachedir_exe_id(exe, sizeof(exe));
	buf b = BUF_INIT;
	buf_printf(&b, "fabrique %s %s %u\n", FABRIQUE_VERSION, exe, dg->below);
	theme_fingerprint(th, &b);
	const value *shared[] = {site_view(j->s), site_edition(j->s),
	                         theme_asset_urls(th), theme_i18n(th)};
	for (size_t k = 0; k < sizeof(shared) / sizeof(*shared); k++) {
		viewhash_digest d =
		    viewhash_value(dg->vh, shared[k], dg->below, dg->keys);
		buf_put(&b, d.b, VIEWHASH_LEN);
	}
	dg->all = viewhash_bytes(b.data, b.len);
	buf_free(&b);
	dg->dir = dir;
	dg->last = viewrec_open(dir, &dg->all, n);
	dg->rec = xcalloc(n + 1, sizeof(*dg->rec));
	for (size_t i = 0; i < n; i++)
		dg->rec[i].out = site_page(j->s, i)->out;
	return dg;
}

/* Tells the workers the first k pages (in the order taken) are digested. */
static void
digest_publish(struct job *j, size_t k)
{
	pthread_mutex_lock(&j->lock);
	atomic_store_explicit(&j->digested, k, memory_order_release);
	pthread_cond_broadcast(&j->ready);
	pthread_mutex_unlock(&j->lock);
}

/* Page i's views[] entry (made with dg->vh), when its layout's reach is
 * known; kept in dg->rec for the next build. */
static void
digest_page(struct job *j, size_t i)
{
	struct digester *dg = j->dg;
	const page *p = site_page(j->s, i);
	if (*(const char *)strmap_get(dg->reach, p->layout) != '+')
		return;
	unsigned char in[2 * VIEWHASH_LEN];
	viewhash_digest d =
	    viewhash_value(dg->vh, p->view, dg->below, dg->keys);
	memcpy(in, dg->all.b, VIEWHASH_LEN);
	memcpy(in + VIEWHASH_LEN, d.b, VIEWHASH_LEN);
	j->views[i] = viewhash_bytes(in, sizeof(in));
	j->keyed[i] = true;
	dg->rec[i].full = j->views[i];
	dg->rec[i].has_full = true;
}

/*
 * Pages [from, to) of the cut pass compared with the last build's record
 * (digest_cut()), with the memo vh: each page's cut digest into dg->rec.
 * Stops after the first page that differs, setting *differs, or when
 * *differs is set by the other thread.  Returns where it stopped: pages
 * [from, that) are made.
 */
static size_t
cut_compare(struct job *j, viewhash *vh, size_t from, size_t to,
            atomic_bool *differs)
{
	struct digester *dg = j->dg;
	size_t i = from;
	for (; i < to && !halted(j->stop, j->cancel) &&
	       !atomic_load_explicit(differs, memory_order_relaxed);
	     i++) {
		dg->rec[i].cut = viewhash_value_cut(
		    vh, site_page(j->s, i)->view, dg->below, dg->keys);
		const viewrec_entry *e =
		    viewrec_get(dg->last, i, dg->rec[i].out);
		if (e == NULL ||
		    memcmp(e->cut.b, dg->rec[i].cut.b, VIEWHASH_LEN) != 0) {
			atomic_store(differs, true);
			return i + 1;
		}
	}
	return i;
}

/* At most, the pages of the cut pass one of its two threads takes at
 * once (a small site's are cut in 16, so that both take some). */
#define CUT_CHUNK 256
/* Pages the helper's memo serves before it is made anew. */
#define CUT_MEMO 1024

/* The comparing cut pass shared by this thread and a helper
 * (cut_compare_two()): chunks of at most CUT_CHUNK pages taken in turn. */
struct cut_share {
	struct job *j;
	size_t n, chunk, chunks; /* chunk: pages in one */
	atomic_size_t next;      /* the next chunk to take */
	size_t *end;             /* per chunk: where cut_compare() stopped */
	atomic_bool *differs;    /* a page differs: both stop */
};

/* Takes chunks until none is left or a page differs, with the memo vh,
 * or (vh NULL: the helper) with memos of its own made anew every
 * CUT_MEMO pages: what pages share below their views (an edition, a
 * place) is digested once a memo, and the helper's memory stays small
 * (one memo for half the pages raised an edit's peak by ~13 MiB at
 * 10,000 pages). */
static void
cut_take(struct cut_share *c, viewhash *vh)
{
	viewhash *own = NULL;
	const value **roots = NULL;
	size_t served = 0, k;
	while (!atomic_load(c->differs) &&
	       (k = atomic_fetch_add(&c->next, 1)) < c->chunks) {
		size_t from = k * c->chunk, to = from + c->chunk;
		to = to < c->n ? to : c->n;
		if (vh == NULL && (own == NULL || served >= CUT_MEMO)) {
			if (roots == NULL) {
				roots = xcalloc(c->n + 1, sizeof(*roots));
				for (size_t i = 0; i < c->n; i++)
					roots[i] = site_page(c->j->s, i)->view;
			}
			viewhash_free(own);
			own = viewhash_new();
			viewhash_cut(own, roots, c->n);
			served = 0;
		}
		c->end[k] = cut_compare(c->j, vh != NULL ? vh : own, from, to,
		                        c->differs);
		served += to - from;
	}
	viewhash_free(own);
	free(roots);
}

static void *
cut_helper(void *arg)
{
	cut_take(arg, NULL);
	return NULL;
}

/*
 * The comparing cut pass of an edit on two cores: the render workers
 * wait for all of it (a page is kept only once every cut digest is known
 * the same), so it is serial time of the whole build.  A cut digest
 * reads no other page's view, so a helper thread with its own memo
 * makes some of them (the same digests: a memo only spares work), this
 * thread the others with dg->vh, which the full digests share if a page
 * differs.  Returns how many pages from the first are made, as the
 * serial pass does (*done of digest_cut()).
 */
static size_t
cut_compare_two(struct job *j, size_t n, atomic_bool *differs)
{
	struct cut_share c = {.j = j, .n = n, .differs = differs};
	c.chunk = n / 16 > CUT_CHUNK ? CUT_CHUNK : n / 16 > 0 ? n / 16 : 1;
	c.chunks = (n + c.chunk - 1) / c.chunk;
	c.end = xcalloc(c.chunks, sizeof(*c.end));
	for (size_t k = 0; k < c.chunks; k++)
		c.end[k] = k * c.chunk; /* not taken: none made */
	atomic_init(&c.next, 0);
	pthread_t t;
	bool two = pthread_create(&t, NULL, cut_helper, &c) == 0;
	cut_take(&c, j->dg->vh);
	if (two)
		pthread_join(t, NULL);
	size_t done = 0;
	for (size_t k = 0; k < c.chunks && done == k * c.chunk; k++)
		done = c.end[k];
	free(c.end);
	return done;
}

/*
 * Every page's view digested once, cut at the other pages' views
 * (viewrec.h), into dg->rec; with the last build's record, stops at the
 * first that differs from it: false, the full digests must be made.
 * True: every page's cut digest is the last build's, so is its full
 * digest, taken from the record (made when the record has none).
 */
static bool
digest_cut(struct job *j, bool compare, size_t *done)
{
	struct digester *dg = j->dg;
	size_t n = site_page_count(j->s);
	atomic_bool differs;
	atomic_init(&differs, false);
	if (compare && *done == 0 && j->threads > 1 && n >= 2)
		*done = cut_compare_two(j, n, &differs);
	else if (compare)
		*done = cut_compare(j, dg->vh, *done, n, &differs);
	for (; !compare && *done < n && !halted(j->stop, j->cancel); ++*done)
		dg->rec[*done].cut = viewhash_value_cut(
		    dg->vh, site_page(j->s, *done)->view, dg->below, dg->keys);
	if (atomic_load(&differs) || *done < n)
		return false;
	for (size_t i = 0; compare && i < n; i++) {
		const viewrec_entry *e =
		    viewrec_get(dg->last, i, dg->rec[i].out);
		if (!e->has_full) {
			digest_page(j, i);
			continue;
		}
		dg->rec[i].full = e->full;
		dg->rec[i].has_full = true;
		if (*(const char *)strmap_get(
		        dg->reach, site_page(j->s, i)->layout) == '+') {
			j->views[i] = e->full;
			j->keyed[i] = true;
		}
	}
	return true;
}

/*
 * Each page's views[] entry, in the order the workers take pages, told
 * to them every few pages; the views are only read, and the digests'
 * memory (one viewhash) is this thread's.  When the pages' cut digests
 * are the last build's (digest_cut()), the full ones are too: taken from
 * its record, none made.  Else they are made, and once told the cut
 * digests are finished for the next build's record.  Halted: the pages
 * left get no digest (rendered, not kept), and the waiting workers go on.
 */
static void
digest_pages(struct job *j)
{
	struct digester *dg = j->dg;
	size_t n = site_page_count(j->s), cut = 0;
	bool same = dg->last != NULL && digest_cut(j, true, &cut);
	j->views_reused = same;
	for (size_t k = 0; k < n && !same && !halted(j->stop, j->cancel); k++) {
		digest_page(j, j->order != NULL ? j->order[k] : k);
		if ((k + 1) % 32 == 0)
			digest_publish(j, k + 1);
	}
	digest_publish(j, n);
	if (!same && dg->dir != NULL && !halted(j->stop, j->cancel)) {
		if (cut < n)
			digest_cut(j, false, &cut);
		if (cut == n)
			viewrec_save(dg->dir, &dg->all, dg->rec, n);
	}
	viewhash_free(dg->vh);
	viewrec_free(dg->last);
	free(dg->rec);
	arena_free(dg->a);
	free(dg);
	j->dg = NULL;
}

/* Each page's blob id when its body is read from git (job.blob), else
 * NULL: a folder's pages keep their text, and may be edited meanwhile. */
static const char **
page_blobs(site *s, source *src)
{
	size_t n = site_page_count(s);
	if (source_commit(src) == NULL)
		return NULL;
	const char **blob = xcalloc(n + 1, sizeof(*blob));
	for (size_t i = 0; i < n; i++) {
		const page *p = site_page(s, i);
		const source_file *f = p->body == NULL && site_page_has_body(p)
		                           ? source_find(src, p->file)
		                           : NULL;
		blob[i] = f != NULL ? f->id : NULL;
	}
	return blob;
}

/*
 * The open data's key (extras.h): what programme.json and .csv are made
 * of is each workshop's and edition's view (digested for the keys
 * opendata_view_keys names, with the site's and the current edition's,
 * and this binary: views[]), the pages' own fields the programme
 * reads, and its events' revisions (their files' versions and last
 * commits' instants).  Every page's are in it, in order, so that a page added,
 * removed, moved, made a draft or no longer a workshop changes it.
 * False when a page's views are not digested, or not deep enough for
 * what the programme reads (an edition's registration link, 3 levels).
 */
static bool
opendata_key(const struct job *j, char key[HASH_HEX + 1])
{
	if (j->views == NULL || j->below < 3)
		return false;
	buf k = BUF_INIT;
	buf_printf(&k, "programme data 2 %u", j->below);
	bool ok = true;
	for (size_t i = 0; ok && i < site_page_count(j->s); i++) {
		const page *p = site_page(j->s, i);
		ok = j->keyed[i];
		buf_putc(&k, '\0');
		buf_printf(&k, "%d%d", p->path != NULL, p->draft);
		const char *f[] = {p->kind, p->key, p->slug, p->out};
		for (size_t m = 0; m < sizeof(f) / sizeof(*f); m++)
			buf_put(&k, f[m] ? f[m] : "",
			        f[m] ? strlen(f[m]) + 1 : 0);
		buf_put(&k, j->views[i].b, VIEWHASH_LEN);
		/* an event's sequence and instant (opendata.c revision()),
		 * in no view's digest */
		double t =
		    value_get_number(value_get(p->view, "mis_a_jour_unix"));
		buf_put(&k, &t, sizeof(t));
		eventrev_key(NULL, site_page_history(j->s, p), NULL, &k);
	}
	hash_hex(k.data, k.len, key);
	buf_free(&k);
	return ok;
}

int
render_site(site *s, theme *th, source *src, output *o, const render_opts *ro,
            render_stats *st, diag *d)
{
	size_t n = site_page_count(s);
	struct job j = {.s = s, .th = th, .o = o, .d = d, .cache = ro->cache};
	j.order = page_order(s, ro);
	j.blob = page_blobs(s, src);
	j.stop = ro->stop;
	j.cancel = ro->cancel;
	j.search = xcalloc(n + 1, sizeof(*j.search));
	/* check makes no search records: it neither reads nor rewrites
	 * (empties) the store the next build reuses */
	j.words_dir = o != NULL ? ro->records : NULL;
	pthread_mutex_init(&j.words_lock, NULL);
	atomic_init(&j.next, 0);
	atomic_init(&j.done, 0);
	atomic_init(&j.bytes, 0);
	atomic_init(&j.kept, 0);
	atomic_init(&j.failed, 0);
	if (o != NULL)
		site_spill_plain(s, output_tmpdir(o));
	atomic_init(&j.digested, 0);
	pthread_mutex_init(&j.lock, NULL);
	pthread_cond_init(&j.ready, NULL);
	if (o != NULL && ro->reuse != NULL) {
		j.reuse = ro->reuse;
		j.dg = digest_prepare(&j, th, ro->records);
	}
	stagetime t = stagetime_start(false);
	int rc = run_pool(&j, ro->jobs, ro->progress);
	pthread_mutex_destroy(&j.lock);
	pthread_cond_destroy(&j.ready);
	job_words(&j); /* no page asked (none, or check): an empty store */
	pthread_mutex_destroy(&j.words_lock);
	if (ro->verbose) {
		size_t got, put;
		stagetime_report(&t, "  pages rendered");
		recstore_counts(j.words, &got, &put);
		fprintf(stderr,
		        "fabrique:   search records of %zu page(s) reused, "
		        "%zu made\n",
		        got, put);
		if (j.reuse != NULL)
			fprintf(stderr, "fabrique:   view digests %s\n",
			        j.views_reused ? "of the last build (no view "
			                         "changed)"
			                       : "made");
	}
	/* before views[] goes */
	char odkey[HASH_HEX + 1];
	bool odkeyed = j.reuse != NULL && opendata_key(&j, odkey);
	free(j.blob);
	if (rc != 0 && halted(ro->stop, ro->cancel)) {
		free(j.views);
		free(j.keyed);
		for (size_t i = 0; i < n; i++)
			search_record_free(j.search[i]);
		free(j.search);
		recstore_free(j.words);
		free(j.order);
		return -1;
	}
	/* every page's headings are known: the links to them are checked */
	if (site_check_anchors(s, d, html_again, &j) != 0)
		rc = -1;
	if (copy_files(s, src, o, d) != 0)
		rc = -1;
	if (o != NULL && theme_write_assets(th, o, d) != 0)
		rc = -1;
	if (ro->verbose)
		stagetime_report(&t, "  files and assets copied");
	extras_opts eo = {.build_time = ro->build_time,
	                  .commit = ro->commit,
	                  .search = j.search,
	                  .search_keep = j.words_dir,
	                  .verbose = ro->verbose,
	                  .jobs = ro->jobs};
	if (o != NULL && ro->reuse != NULL) {
		eo.keep = ro->reuse->keep;
		eo.made = ro->reuse->made;
		eo.reuse_ctx = ro->reuse->ctx;
		eo.opendata_key = odkeyed ? odkey : NULL;
		/* deep enough for a slot's time, a tag's name */
		if (j.views != NULL && j.below >= 3) {
			eo.views = j.views;
			eo.view_keyed = j.keyed;
			eo.records = j.words_dir;
		}
	}
	struct saver sv = {.words = j.words};
	if (rc == 0)
		save_start(&sv, ro->jobs);
	if (extras_write(s, th, o, &eo, d) != 0)
		rc = -1;
	free(j.views);
	free(j.keyed);
	save_finish(&sv);
	for (size_t i = 0; i < n; i++)
		search_record_free(j.search[i]);
	free(j.search);
	recstore_free(j.words);
	free(j.order);
	st->pages = site_page_count(s);
	st->files = site_file_count(s);
	st->bytes = atomic_load(&j.bytes);
	st->kept = atomic_load(&j.kept);
	return rc;
}
