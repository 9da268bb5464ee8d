/*
 * site_load.c - reading and parsing the site's pages: from the cache of
 * loaded pages when a file is unchanged (loadcache.h), else on several
 * threads.
 *
 * Reading a page, parsing its YAML and checking it against the theme's
 * archetype need no other page, so site_load_page() only puts each page
 * in its place (the order of the site's files) and either fills it from
 * the cache at once or queues it; site_load_pages() then parses the
 * queue on a few threads.  Each worker reads its pages' blobs with a
 * handle of its own on the repository (source_reader: inflating a page
 * is a third of loading it, and under the site's read lock the workers
 * waited for each other), a folder's files under that lock; each worker
 * parses into an arena of its own (kept with the site: the front matter
 * lives as long as the model) and reports into a collector of its own,
 * and the main thread hands each page's diagnostics to the build's
 * collector in the pages' order, so what is printed never depends on
 * which thread ran first.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "eventrev.h"
#include "frontmatter.h"
#include "markdown.h"
#include "placeholder.h"
#include "site_int.h"
#include "textenc.h"
#include "xalloc.h"
#include "yamldoc.h"

/* One page to read and parse, and what came of it. */
struct load_job {
	page *p;
	const source_file *f;
	int rc;
	loadcache_note *notes;
	size_t nnotes;
};

/*
 * Parsing and rendering take about 20 times a page's size in memory
 * (cmark's tree alone about 14 times for ordinary prose), so a 200 MB
 * file would need 4 GB: pages above markdown.taille_max_ko are refused
 * before they are read.
 */
static int
check_page_size(site *s, const char *file, size_t size, diag *d)
{
	if (size <= s->md_max)
		return 0;
	diag_report(d, DIAG_ERROR, file, 0, 0,
	            "this page's file holds %zu KB, more than the %zu KB a "
	            "page may hold; split it into several pages, or raise "
	            "the limit with 'markdown: taille_max_ko:' in site.yaml",
	            (size + 1023) / 1024, s->md_max / 1024);
	return -1;
}

static page *
new_page(site *s, const char *file, const char *rel, const char *kind)
{
	page *p = arena_zalloc(s->a, sizeof(*p));
	p->file = file;
	p->path = rel;
	p->kind = kind;
	p->layout = kind;
	p->key = site_page_key(s->a, rel);
	p->has_body = true;
	site_add_page(s, p);
	return p;
}

static void
report_notes(diag *d, const loadcache_note *notes, size_t n)
{
	for (size_t i = 0; i < n; i++)
		diag_report(d, notes[i].lvl, notes[i].file, notes[i].line,
		            notes[i].col, "%s", notes[i].msg);
}

/*
 * A page's body images copied from the arena they were read into (a
 * worker's or the cache's, which go with the front matter as written,
 * site_load_drop_raw) into the site's, which the photo stage and the
 * render read.  On the main thread: the site's arena is not shared.
 */
static void
keep_images(site *s, page *p, const char *const *images, size_t n)
{
	p->nimages = n;
	if (n == 0)
		return;
	const char **v = arena_alloc(s->a, n * sizeof(*v));
	for (size_t i = 0; i < n; i++)
		v[i] = arena_strdup(s->a, images[i]);
	p->images = v;
}

/* A page whose file was loaded by an earlier build (loadcache.h): its
 * front matter from the cache, its warnings reported again. */
static int
load_cached(site *s, const source_file *f, const char *rel, const char *kind,
            const loadcache_entry *e)
{
	page *p = new_page(s, f->path, rel, kind);
	if (check_page_size(s, f->path, e->text_len, s->d) != 0)
		return -1; /* it exists (links to it are right), unread */
	p->raw = e->raw;
	p->body_off = e->body_off;
	p->body_len = e->body_len;
	p->text_len = e->text_len;
	p->body_line = e->body_line;
	keep_images(s, p, e->images, e->nimages);
	report_notes(s->d, e->notes, e->nnotes);
	return 0;
}

/* The images of a page's body, as markdown_images() finds them. */
struct found_images {
	page *p;
	arena *a;
	size_t cap;
};

static void
found_image(void *ctx, const char *dest)
{
	struct found_images *f = ctx;
	page *p = f->p;
	if (p->nimages == f->cap) {
		f->cap = f->cap ? 2 * f->cap : 4;
		const char **v = arena_alloc(f->a, f->cap * sizeof(*v));
		if (p->nimages > 0)
			memcpy(v, p->images, p->nimages * sizeof(*v));
		p->images = v;
	}
	p->images[p->nimages++] = arena_strdup(f->a, dest);
}

/* Parses a page's front matter and checks what needs no other page;
 * values in a, diagnostics to d.  Thread-safe. */
static int
parse_page(site *s, page *p, char *body, size_t len, arena *a, diag *d)
{
	const char *file = p->file;
	frontmatter_parts fm;
	if (textenc_readable(file, body, len, 1, d) != 0 ||
	    frontmatter_split(file, body, len, &fm, d) != 0)
		return -1;
	/* Without it, the schema would only say which fields are missing:
	 * an editor who never saw a front matter needs to hear where the
	 * fields go. */
	if (!fm.has_yaml)
		diag_report(d, DIAG_NOTE, file, 1, 1,
		            "this file has no front matter: its fields go at "
		            "its top, between two lines '---' (as in '---', "
		            "'titre: ...', '---')");
	/* where the body is, known even when its front matter is wrong:
	 * its links are checked all the same (site_link_check_bodies) */
	p->body = body + fm.body_off;
	p->body_len = fm.body_len;
	p->body_off = fm.body_off;
	p->text_len = len;
	p->body_line = fm.body_line;
	value *raw = fm.has_yaml ? yamldoc_parse(a, file, body + fm.yaml_off,
	                                         fm.yaml_len, fm.yaml_line, d)
	                         : value_map(a);
	if (raw == NULL)
		return -1;
	if (value_kind_of(raw) != VALUE_MAP) {
		diag_at(d, DIAG_ERROR, raw,
		        "front matter must be a list of 'field: value' lines");
		return -1;
	}
	p->raw = value_set_pos(a, raw, file, 1, 1);
	placeholder_check_fields(p->raw, d);
	placeholder_check_body(s->th, p->kind, file, p->body, p->body_len,
	                       p->body_line, a, d);
	/* found now, while the text is read: the photo stage runs before
	 * the pages are rendered, and a git source's text is not kept */
	struct found_images fi = {p, a, 0};
	markdown_images(p->body, p->body_len, found_image, &fi);
	return 0;
}

static void
note(void *ctx, diag_level lvl, const char *file, unsigned line, unsigned col,
     const char *msg)
{
	site_notes *ns = ctx;
	if (ns->n == ns->cap) {
		ns->cap = ns->cap ? 2 * ns->cap : 4;
		loadcache_note *v = arena_alloc(ns->a, ns->cap * sizeof(*v));
		if (ns->n > 0)
			memcpy(v, ns->v, ns->n * sizeof(*v));
		ns->v = v;
	}
	ns->v[ns->n++] =
	    (loadcache_note){lvl, file ? arena_strdup(ns->a, file) : NULL, line,
	                     col, arena_strdup(ns->a, msg)};
	ns->error = ns->error || lvl == DIAG_ERROR;
}

void
site_notes_take(diag *mine, arena *a, site_notes *out)
{
	*out = (site_notes){.a = a};
	diag_each(mine, note, out);
	diag_free(mine);
}

void
site_notes_report(diag *d, const site_notes *ns)
{
	report_notes(d, ns->v, ns->n);
}

/*
 * A queued page's file, read by its worker with a reader of its own (r),
 * else through the source under the site's read lock: 0, or -1 when it
 * cannot be read (said by the source) or is too large (said into mine:
 * the page exists, unread).  The size is checked here, not when the page
 * is queued: reading a blob's header was a tenth of the loading's
 * serial time on the main thread.
 */
static int
read_page(site *s, const source_file *f, source_reader *r, diag *mine,
          char **text, size_t *len)
{
	int got = source_reader_read(r, f, s->md_max, text, len);
	if (got == 1)
		return check_page_size(s, f->path, *len, mine);
	if (got == 0)
		return 0;
	pthread_mutex_lock(&s->read_lock);
	size_t size = source_file_size(s->src, f); /* unknown: read fails */
	int rc = size != SOURCE_SIZE_UNKNOWN && size > s->md_max
	             ? 1
	             : source_read(s->src, f->path, text, len);
	pthread_mutex_unlock(&s->read_lock);
	if (rc == 1)
		return check_page_size(s, f->path, size, mine);
	return rc;
}

/* Reads and parses one queued page, in a worker: its diagnostics are
 * kept in the job for the main thread; a page without error is kept in
 * the cache by its blob id. */
static void
run_job(site *s, struct load_job *j, arena *a, source_reader *r)
{
	char *text;
	size_t len;
	diag *mine = diag_new(diag_lang(s->d));
	if (read_page(s, j->f, r, mine, &text, &len) != 0) {
		j->rc = -1;
		site_notes ns;
		site_notes_take(mine, a, &ns);
		j->notes = ns.v;
		j->nnotes = ns.n;
		return;
	}
	page *p = j->p;
	/* the page owns the file's text (freed once rendered); YAML values
	 * copy what they keep, so nothing else points into it */
	p->text = text;
	j->rc = parse_page(s, p, text, len, a, mine);
	site_notes ns;
	site_notes_take(mine, a, &ns);
	j->notes = ns.v;
	j->nnotes = ns.n;
	if (j->rc == 0 && !ns.error && s->lc != NULL) {
		loadcache_entry e = {p->raw,      p->text_len,  p->body_off,
		                     p->body_len, p->body_line, ns.v,
		                     ns.n,        p->images,    p->nimages};
		loadcache_put(s->lc, j->f->path, p->kind, j->f->id, &e);
	}
	if (j->rc == 0 && s->reread) {
		site_park_body(s, p);
		free(p->text); /* read again when rendered */
		p->text = NULL;
		p->body = NULL;
	}
}

/* A page's entry in the cache of loaded pages, looked up ahead. */
struct prefetched {
	const source_file *f;
	const char *kind;
	bool hit;
	loadcache_entry e;
};

void
site_load_want(site *s, const source_file *f, const char *kind)
{
	if (s->lc == NULL)
		return;
	if (s->npre == s->cappre) {
		s->cappre = s->cappre ? 2 * s->cappre : 256;
		s->pre = xrealloc(s->pre, s->cappre * sizeof(*s->pre));
	}
	s->pre[s->npre++] = (struct prefetched){.f = f, .kind = kind};
}

/* One page's cached front matter decoded, in its worker's arena (a
 * site_task of site_load_each). */
static void
prefetch_task(site *s, size_t i, arena *a, void *ctx)
{
	struct prefetched *pf = &s->pre[i];
	(void)ctx;
	pf->hit =
	    loadcache_get(s->lc, pf->f->path, pf->kind, pf->f->id, a, &pf->e);
}

/* Decoding the kept front matter is ~10 % of a one-page check's loading
 * at 10,000 pages: on every core rather than one page at a time. */
void
site_load_prefetch(site *s)
{
	s->ipre = 0;
	if (s->lc != NULL)
		site_load_each(s, s->npre, prefetch_task, NULL);
}

/* f's entry in the cache of loaded pages: the one decoded ahead when f is
 * the next one wanted, else looked up now. */
static bool
cached_entry(site *s, const source_file *f, const char *kind,
             loadcache_entry *e)
{
	if (s->lc == NULL)
		return false;
	if (s->ipre < s->npre && s->pre[s->ipre].f == f &&
	    s->pre[s->ipre].kind == kind) {
		const struct prefetched *pf = &s->pre[s->ipre++];
		*e = pf->e;
		return pf->hit;
	}
	return loadcache_get(s->lc, f->path, kind, f->id, s->a, e);
}

int
site_load_page(site *s, const source_file *f, const char *rel, const char *kind)
{
	const char *file = f->path;
	loadcache_entry e;
	if (cached_entry(s, f, kind, &e))
		return load_cached(s, f, rel, kind, &e);
	if (s->ntodo == s->captodo) {
		s->captodo = s->captodo ? 2 * s->captodo : 256;
		s->todo = xrealloc(s->todo, s->captodo * sizeof(*s->todo));
	}
	s->todo[s->ntodo++] =
	    (struct load_job){new_page(s, file, rel, kind), f, 0, NULL, 0};
	return 0;
}

/* An arena for one worker, kept with the site (what it holds lives as
 * long as the model). */
static arena *
worker_arena(site *s)
{
	pthread_mutex_lock(&s->lock);
	arena *a = arena_new();
	s->warenas =
	    xrealloc(s->warenas, (s->nwarenas + 1) * sizeof(*s->warenas));
	s->warenas[s->nwarenas++] = a;
	pthread_mutex_unlock(&s->lock);
	return a;
}

/* Threads for n pages: one per core (or --jobs), none for a few pages. */
static int
threads_for(const site *s, size_t n)
{
	long jobs = s->opts.jobs;
	if (jobs <= 0)
		jobs = sysconf(_SC_NPROCESSORS_ONLN);
	if (jobs > 64)
		jobs = 64;
	if ((size_t)jobs > n / 32)
		jobs = (long)(n / 32);
	return jobs > 1 ? (int)jobs : 1;
}

/* The workers' readers (site_int.h), one per worker at a time: taken
 * for an item, given back after it. */
#define READERS 64
struct site_readers {
	bool on;              /* several workers: each reads by itself */
	pthread_mutex_t lock; /* idle[], n */
	source_reader *idle[READERS];
	size_t n;
};

site_readers *
site_readers_new(site *s, size_t n)
{
	site_readers *rs = xcalloc(1, sizeof(*rs));
	rs->on = threads_for(s, n) > 1;
	pthread_mutex_init(&rs->lock, NULL);
	return rs;
}

source_reader *
site_reader_take(site *s, site_readers *rs)
{
	source_reader *r = NULL;
	if (!rs->on)
		return NULL;
	pthread_mutex_lock(&rs->lock);
	if (rs->n > 0)
		r = rs->idle[--rs->n];
	pthread_mutex_unlock(&rs->lock);
	return r != NULL ? r : source_reader_new(s->src);
}

void
site_reader_give(site_readers *rs, source_reader *r)
{
	if (r == NULL)
		return;
	pthread_mutex_lock(&rs->lock);
	if (rs->n < READERS)
		rs->idle[rs->n++] = r;
	else
		source_reader_free(r);
	pthread_mutex_unlock(&rs->lock);
}

void
site_readers_free(site_readers *rs)
{
	if (rs == NULL)
		return;
	for (size_t i = 0; i < rs->n; i++)
		source_reader_free(rs->idle[i]);
	pthread_mutex_destroy(&rs->lock);
	free(rs);
}

/* One page's read and parse (a site_task of site_load_each). */
static void
parse_task(site *s, size_t i, arena *a, void *ctx)
{
	site_readers *rs = ctx;
	source_reader *r = site_reader_take(s, rs);
	run_job(s, &s->todo[i], a, r);
	site_reader_give(rs, r);
}

/*
 * Every theme archetype a page may be checked against is read here, on
 * the main thread, before the workers start: theme_archetype() reads a
 * file the first time it is asked for, and the workers then only read
 * what it keeps.
 */
static void
read_archetypes(site *s)
{
	const char *last = NULL;
	const char *ext;
	for (size_t i = 0; i < s->ntodo; i++) {
		const char *kind = s->todo[i].p->kind;
		if (last == NULL || strcmp(kind, last) != 0)
			(void)theme_archetype(s->th, kind, s->a, &ext);
		last = kind;
	}
}

int
site_load_pages(site *s)
{
	int rc = 0;
	site_readers *rs = site_readers_new(s, s->ntodo);
	if (threads_for(s, s->ntodo) > 1)
		read_archetypes(s);
	site_load_each(s, s->ntodo, parse_task, rs);
	site_readers_free(rs);
	for (size_t i = 0; i < s->ntodo; i++) {
		report_notes(s->d, s->todo[i].notes, s->todo[i].nnotes);
		page *p = s->todo[i].p;
		keep_images(s, p, p->images, p->nimages);
		if (s->todo[i].rc != 0)
			rc = -1;
	}
	free(s->todo);
	s->todo = NULL;
	s->ntodo = s->captodo = 0;
	free(s->pre);
	s->pre = NULL;
	s->npre = s->cappre = s->ipre = 0;
	/* every arena so far holds front matter as written, and only that */
	s->raw_arenas = s->warenas;
	s->nraw_arenas = s->nwarenas;
	s->warenas = NULL;
	s->nwarenas = 0;
	return rc;
}

/*
 * The front matter as written is read for the slugs, the schema check
 * and the messages about URLs; the normalised copy owns its bytes
 * (schema_check.c), so once every URL is given the raw trees go: at
 * 10,000 pages they were 25 MB of the model, a seventh of it.
 */
void
site_load_drop_raw(site *s)
{
	for (size_t i = 0; i < s->npages; i++)
		s->pages[i]->raw = NULL;
	for (size_t i = 0; i < s->nraw_arenas; i++)
		arena_free(s->raw_arenas[i]);
	free(s->raw_arenas);
	s->raw_arenas = NULL;
	s->nraw_arenas = 0;
}

/* A task run on items 0..n-1 by several threads (site_load_each). */
struct each {
	site *s;
	size_t n;
	site_task *fn;
	void *ctx;
	atomic_size_t next;
};

static void *
each_worker(void *arg)
{
	struct each *ev = arg;
	arena *a = NULL;
	size_t i;
	while ((i = atomic_fetch_add(&ev->next, 1)) < ev->n) {
		if (a == NULL)
			a = worker_arena(ev->s);
		ev->fn(ev->s, i, a, ev->ctx);
	}
	return NULL;
}

static void
run_each(site *s, size_t n, int nt, site_task *fn, void *ctx)
{
	struct each ev = {.s = s, .n = n, .fn = fn, .ctx = ctx};
	atomic_init(&ev.next, 0);
	pthread_t *t = xcalloc((size_t)nt, sizeof(*t));
	int started = 0;
	for (int i = 0; i < nt - 1; i++)
		if (pthread_create(&t[started], NULL, each_worker, &ev) == 0)
			started++;
	each_worker(&ev); /* the main thread works too */
	for (int i = 0; i < started; i++)
		pthread_join(t[i], NULL);
	free(t);
}

void
site_load_each(site *s, size_t n, site_task *fn, void *ctx)
{
	run_each(s, n, threads_for(s, n), fn, ctx);
}

/* A few tasks each worth a thread (a list page over every workshop):
 * one thread per core (or --jobs), never more than tasks. */
void
site_load_tasks(site *s, size_t n, site_task *fn, void *ctx)
{
	long jobs = s->opts.jobs;
	if (jobs <= 0)
		jobs = sysconf(_SC_NPROCESSORS_ONLN);
	if (jobs > 64)
		jobs = 64;
	if ((size_t)jobs > n)
		jobs = (long)n;
	run_each(s, n, jobs > 1 ? (int)jobs : 1, fn, ctx);
}

/*
 * The cache of loaded pages (loadcache.h), for a git source only (a
 * folder's files have no blob id until hashed, which reads them anyway).
 * Its key is what a page's parse depends on besides its file, path and
 * kind: the theme's files (the archetypes placeholder.c compares with)
 * and the language of the messages kept.
 */
void
site_load_open_cache(site *s)
{
	if (!s->reread || s->opts.cache == NULL)
		return;
	buf key = BUF_INIT;
	buf_printf(&key, "lang %s\n", diag_lang(s->d));
	theme_fingerprint(s->th, &key);
	char *path = arena_printf(s->a, "%s/load", s->opts.cache);
	s->lc = loadcache_open(path, key.data);
	buf_free(&key);
	s->revmemo =
	    blobmemo_open(arena_printf(s->a, "%s/schedules", s->opts.cache),
	                  EVENTREV_MEMO_TAG);
}

void
site_load_close_cache(site *s)
{
	if (s->lc == NULL)
		return;
	loadcache_save(s->lc);
	loadcache_counts(s->lc, &s->lc_hits, &s->lc_misses);
	loadcache_free(s->lc);
	s->lc = NULL;
}
