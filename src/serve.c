/*
 * serve.c - see serve.h.
 *
 * Threads: the main thread watches and builds; libmicrohttpd runs one
 * thread per connection.  They share one struct server under a mutex:
 * the current snapshot (every file of the last good build, in memory,
 * reference-counted so a request keeps the one it started with), the
 * overlay of the last failed build, and a version bumped by every build,
 * which the event stream (/_fabrique/events) announces.
 */
#define _GNU_SOURCE
#include "serve.h"

#include <arpa/inet.h>
#include <errno.h>
#include <git2.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "buf.h"
#include "mhdload.h"
#include "msgcat.h"
#include "overlay.h"
#include "strmap.h"
#include "urlbase.h"
#include "watch.h"
#include "wholesite.h"

/* One build's files, read-only once made.  While a rebuild runs, the
 * pages open in a browser are shown as soon as they are rendered: an
 * interim snapshot holds them, over the previous one (base). */
struct snapshot {
	int refs;
	output_file *files; /* sorted by path */
	size_t n;
	struct snapshot *base; /* interim: the files not rebuilt yet */
	char *subpath; /* the site's base path ("/journee", ""), or NULL in
	                * an interim snapshot: its base's */
};

struct sse;

struct server {
	pthread_mutex_t lock;
	pthread_cond_t changed;
	struct snapshot *snap; /* NULL until a build succeeds */
	char *overlay;         /* HTML of the last build's errors, or NULL */
	unsigned long version; /* bumped after every build */
	bool stopping;
	/* a file was served from an interim snapshot's base: the next
	 * whole build must make the pages reload, since it may differ */
	bool stale_served;
	struct sse *viewers; /* open event streams, with their page */
	const char *lang;
};

/* ---- snapshots --------------------------------------------------- */

/* Under the server's lock. */
static void
snap_release(struct snapshot *s)
{
	if (s == NULL || --s->refs > 0)
		return;
	snap_release(s->base);
	free(s->subpath);
	output_files_free(s->files, s->n);
	free(s);
}

static int
cmp_file(const void *a, const void *b)
{
	return strcmp(((const output_file *)a)->path,
	              ((const output_file *)b)->path);
}

static const output_file *
snap_find(const struct snapshot *s, const char *path)
{
	if (s == NULL)
		return NULL;
	output_file key = {(char *)path, NULL, 0};
	const output_file *f =
	    bsearch(&key, s->files, s->n, sizeof(*s->files), cmp_file);
	return f != NULL ? f : snap_find(s->base, path);
}

/* ---- HTTP ------------------------------------------------------------ */

static const char *
mime_type(const char *path)
{
	static const char *types[][2] = {
	    {".html", "text/html; charset=utf-8"},
	    {".css", "text/css; charset=utf-8"},
	    {".js", "text/javascript; charset=utf-8"},
	    {".json", "application/json"},
	    {".webmanifest", "application/manifest+json"},
	    {".svg", "image/svg+xml"},
	    {".png", "image/png"},
	    {".jpg", "image/jpeg"},
	    {".jpeg", "image/jpeg"},
	    {".webp", "image/webp"},
	    {".ics", "text/calendar; charset=utf-8"},
	    {".xml", "application/xml"},
	    {".txt", "text/plain; charset=utf-8"},
	    {".pdf", "application/pdf"},
	    {".mp4", "video/mp4"},
	    {".webm", "video/webm"},
	    {".woff2", "font/woff2"}};
	const char *dot = strrchr(path, '.');
	for (size_t i = 0; dot && i < sizeof(types) / sizeof(*types); i++)
		if (strcmp(dot, types[i][0]) == 0)
			return types[i][1];
	return "application/octet-stream";
}

/* libmicrohttpd's functions: loaded by start() before the server runs,
 * so every caller below finds them (mhdload.h). */
static const mhdload_api *
mhd(void)
{
	const char *why;
	return mhdload_get(&why);
}

static enum MHD_Result
reply(struct MHD_Connection *c, unsigned status, const char *type, void *data,
      size_t len, enum MHD_ResponseMemoryMode mode)
{
	struct MHD_Response *r =
	    mhd()->create_response_from_buffer(len, data, mode);
	if (r == NULL)
		return MHD_NO;
	mhd()->add_response_header(r, "Content-Type", type);
	mhd()->add_response_header(r, "Cache-Control", "no-store");
	enum MHD_Result rc = mhd()->queue_response(c, status, r);
	mhd()->destroy_response(r);
	return rc;
}

/* One open event stream; page is the file its page was built from
 * ("ateliers/x/index.html"), from ?page=, or NULL. */
struct sse {
	struct server *s;
	unsigned long sent;
	bool started;
	char *page;
	struct sse *prev, *next;
};

/*
 * The event stream: first the current version, then one event per build.
 * It blocks on the condition variable (one thread per connection), and
 * sends a comment every 15 s so proxies keep the connection open.
 */
static ssize_t
sse_read(void *cls, uint64_t pos, char *out, size_t max)
{
	struct sse *e = cls;
	struct server *s = e->s;
	pthread_mutex_lock(&s->lock);
	if (e->started) {
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += 15;
		while (!s->stopping && s->version == e->sent)
			if (pthread_cond_timedwait(&s->changed, &s->lock,
			                           &until) == ETIMEDOUT)
				break;
	}
	ssize_t n;
	if (s->stopping)
		n = MHD_CONTENT_READER_END_OF_STREAM;
	else if (e->started && s->version == e->sent)
		n = snprintf(out, max, ": \n\n");
	else {
		n = snprintf(out, max, "%sevent: build\ndata: %lu\n\n",
		             e->started ? "" : "retry: 500\n", s->version);
		e->sent = s->version;
		e->started = true;
	}
	pthread_mutex_unlock(&s->lock);
	return n;
}

static char *file_for(const char *url);

static void
sse_free(void *cls)
{
	struct sse *e = cls;
	pthread_mutex_lock(&e->s->lock);
	if (e->prev != NULL)
		e->prev->next = e->next;
	else
		e->s->viewers = e->next;
	if (e->next != NULL)
		e->next->prev = e->prev;
	pthread_mutex_unlock(&e->s->lock);
	free(e->page);
	free(e);
}

/* The base path of the site served ("/journee" for a site published
 * under it, "" at the root), a copy made under the lock. */
static char *
served_base(struct server *s)
{
	pthread_mutex_lock(&s->lock);
	const struct snapshot *snap = s->snap;
	while (snap != NULL && snap->subpath == NULL)
		snap = snap->base;
	char *b = xstrdup(snap != NULL ? snap->subpath : "");
	pthread_mutex_unlock(&s->lock);
	return b;
}

/* url as a path of the site's own: "/journee/x/" -> "/x/" for a site
 * published under /journee (the preview serves it where it will be);
 * a path outside it is taken from the site's root, as before. */
static const char *
in_site(const char *base, const char *url)
{
	return urlbase_under(base, url) ? url + strlen(base) : url;
}

static enum MHD_Result
serve_events(struct server *s, struct MHD_Connection *c)
{
	struct sse *e = xcalloc(1, sizeof(*e));
	e->s = s;
	const char *page =
	    mhd()->lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "page");
	char *base = served_base(s);
	e->page =
	    page != NULL && *page == '/' ? file_for(in_site(base, page)) : NULL;
	free(base);
	pthread_mutex_lock(&s->lock);
	e->next = s->viewers;
	if (s->viewers != NULL)
		s->viewers->prev = e;
	s->viewers = e;
	pthread_mutex_unlock(&s->lock);
	struct MHD_Response *r = mhd()->create_response_from_callback(
	    MHD_SIZE_UNKNOWN, 256, sse_read, e, sse_free);
	if (r == NULL)
		return MHD_NO;
	mhd()->add_response_header(r, "Content-Type", "text/event-stream");
	mhd()->add_response_header(r, "Cache-Control", "no-store");
	enum MHD_Result rc = mhd()->queue_response(c, MHD_HTTP_OK, r);
	mhd()->destroy_response(r);
	return rc;
}

/* "/" -> "index.html", "/ateliers/x/" -> "ateliers/x/index.html"; NULL
 * for a path trying to leave the site. */
static char *
file_for(const char *url)
{
	while (*url == '/')
		url++;
	if (strstr(url, "..") != NULL)
		return NULL;
	size_t n = strlen(url);
	buf b = BUF_INIT;
	buf_puts(&b, url);
	if (n == 0 || url[n - 1] == '/')
		buf_puts(&b, "index.html");
	return buf_detach(&b, NULL);
}

static const char blank_page[] =
    "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\">"
    "<title>fabrique</title></head><body></body></html>";

/* An HTML page with the reload script (and the overlay, if the last
 * build failed). */
static enum MHD_Result
reply_page(struct MHD_Connection *c, unsigned status, const char *data,
           size_t len, unsigned long version, const char *errs,
           const char *base)
{
	size_t n;
	char *page = overlay_inject(data, len, version, errs, base, &n);
	return reply(c, status, "text/html; charset=utf-8", page, n,
	             MHD_RESPMEM_MUST_FREE);
}

/*
 * During an interim snapshot: whether serving path may show the editor
 * something of the previous build: a page not rebuilt yet, a photo, or
 * nothing at all.  Not the theme's assets: their names change with their
 * content (theme.h), so a page of the new build asking for one gets the
 * new build's bytes; nor what a page loads without showing it (the web
 * manifest, a feed), which the next page load fetches again (no-store).
 */
static bool
maybe_stale(const struct snapshot *s, const char *path)
{
	output_file key = {(char *)path, NULL, 0};
	if (path == NULL)
		return true;
	if (bsearch(&key, s->files, s->n, sizeof(*s->files), cmp_file))
		return false;
	if (snap_find(s->base, path) == NULL)
		return true;
	const char *type = mime_type(path);
	return strncmp(path, "assets/", 7) != 0 &&
	       (strncmp(type, "text/html", 9) == 0 ||
	        strncmp(type, "image/", 6) == 0);
}

/* A 301 to to. */
static enum MHD_Result
moved(struct MHD_Connection *c, const char *to)
{
	struct MHD_Response *r =
	    mhd()->create_response_from_buffer(0, "", MHD_RESPMEM_PERSISTENT);
	mhd()->add_response_header(r, "Location", to);
	enum MHD_Result rc =
	    mhd()->queue_response(c, MHD_HTTP_MOVED_PERMANENTLY, r);
	mhd()->destroy_response(r);
	return rc;
}

/*
 * The bytes a "Range: bytes=..." header asks of a file of len bytes, as
 * [*from, *to]: 1 for one satisfiable range, 0 when the header is absent
 * or not one range of bytes (then the whole file is sent, as RFC 9110
 * lets a server do), -1 when none of the file can be sent (416).
 */
static int
byte_range(const char *h, size_t len, size_t *from, size_t *to)
{
	if (h == NULL || strncmp(h, "bytes=", 6) != 0 || strchr(h, ',') != NULL)
		return 0;
	const char *p = h + 6, *dash = strchr(p, '-');
	if (dash == NULL || strspn(p, "0123456789") != (size_t)(dash - p) ||
	    dash[1 + strspn(dash + 1, "0123456789")] != '\0' ||
	    (dash == p && dash[1] == '\0'))
		return 0;
	unsigned long long a = strtoull(p, NULL, 10),
	                   b = strtoull(dash + 1, NULL, 10);
	if (dash == p) { /* "bytes=-N": the last N */
		if (b == 0 || len == 0)
			return -1;
		*from = b >= len ? 0 : len - (size_t)b;
		*to = len - 1;
		return 1;
	}
	if (a >= len)
		return -1;
	*from = (size_t)a;
	*to = dash[1] == '\0' || b >= len ? len - 1 : (size_t)b;
	return *to >= *from ? 1 : 0;
}

/*
 * A file of the snapshot, whole or the range asked: Safari on an iPhone
 * plays a linked .mp4 only from a server that answers 206 to its
 * "Range: bytes=0-1" (tester19 F4).  An If-Range the preview cannot
 * check (it keeps no validator) gets the whole file.
 */
static enum MHD_Result
reply_file(struct MHD_Connection *c, const output_file *f)
{
	size_t from = 0, to = f->len > 0 ? f->len - 1 : 0;
	int r = 0;
	if (mhd()->lookup_connection_value(c, MHD_HEADER_KIND,
	                                   MHD_HTTP_HEADER_IF_RANGE) == NULL)
		r = byte_range(mhd()->lookup_connection_value(
		                   c, MHD_HEADER_KIND, MHD_HTTP_HEADER_RANGE),
		               f->len, &from, &to);
	unsigned status = MHD_HTTP_OK;
	const char *data = f->data;
	size_t len = f->len;
	char cr[80];
	if (r > 0) {
		status = MHD_HTTP_PARTIAL_CONTENT;
		data += from;
		len = to - from + 1;
		snprintf(cr, sizeof(cr), "bytes %zu-%zu/%zu", from, to, f->len);
	} else if (r < 0) {
		status = MHD_HTTP_RANGE_NOT_SATISFIABLE;
		len = 0;
		snprintf(cr, sizeof(cr), "bytes */%zu", f->len);
	}
	struct MHD_Response *res = mhd()->create_response_from_buffer(
	    len, (void *)data, MHD_RESPMEM_MUST_COPY);
	if (res == NULL)
		return MHD_NO;
	mhd()->add_response_header(res, "Content-Type", mime_type(f->path));
	mhd()->add_response_header(res, "Cache-Control", "no-store");
	mhd()->add_response_header(res, MHD_HTTP_HEADER_ACCEPT_RANGES, "bytes");
	if (r != 0)
		mhd()->add_response_header(res, MHD_HTTP_HEADER_CONTENT_RANGE,
		                           cr);
	enum MHD_Result rc = mhd()->queue_response(c, status, res);
	mhd()->destroy_response(res);
	return rc;
}

/* url: as asked (a redirect adds its '/'); rel: in_site()'s. */
static enum MHD_Result
serve_file(struct server *s, struct MHD_Connection *c, const char *url,
           const char *rel, const char *base)
{
	char *path = file_for(rel);
	pthread_mutex_lock(&s->lock);
	struct snapshot *snap = s->snap;
	if (snap != NULL)
		snap->refs++;
	unsigned long version = s->version;
	char *errs = s->overlay ? xstrdup(s->overlay) : NULL;
	if (snap != NULL && snap->base != NULL && maybe_stale(snap, path))
		s->stale_served = true;
	pthread_mutex_unlock(&s->lock);

	enum MHD_Result rc;
	const output_file *f = path ? snap_find(snap, path) : NULL;
	if (f == NULL && path != NULL && strchr(path, '.') == NULL) {
		/* "/ateliers/x": the folder's page lives at "/ateliers/x/" */
		char *dir = xmalloc(strlen(path) + 12);
		sprintf(dir, "%s/index.html", path);
		if (snap_find(snap, dir) != NULL) {
			char *to = xmalloc(strlen(url) + 2);
			sprintf(to, "%s/", url);
			rc = moved(c, to);
			free(to);
			free(dir);
			goto done;
		}
		free(dir);
	}
	unsigned status = MHD_HTTP_OK;
	if (f == NULL) {
		status =
		    snap ? MHD_HTTP_NOT_FOUND : MHD_HTTP_SERVICE_UNAVAILABLE;
		f = snap_find(snap, WHOLESITE_NOT_FOUND);
	}
	if (f == NULL)
		rc = reply_page(c, status, blank_page, strlen(blank_page),
		                version, errs, base);
	else if (strcmp(mime_type(f->path), mime_type(".html")) == 0)
		rc =
		    reply_page(c, status, f->data, f->len, version, errs, base);
	else if (status == MHD_HTTP_OK)
		rc = reply_file(c, f);
	else
		rc = reply(c, status, mime_type(f->path), f->data, f->len,
		           MHD_RESPMEM_MUST_COPY);
done:
	free(path);
	free(errs);
	pthread_mutex_lock(&s->lock);
	snap_release(snap);
	pthread_mutex_unlock(&s->lock);
	return rc;
}

static const char no_worker_js[] =
    "self.addEventListener('install', function () { self.skipWaiting(); "
    "});\n"
    "self.addEventListener('activate', function () {\n"
    "  self.registration.unregister();\n"
    "});\n";

/* What raw_uri() leaves in a request's state when its URI holds "%00". */
static const char nul_in_uri[] = "%00";

/*
 * libmicrohttpd hands the handler the URL decoded, cut at a decoded NUL:
 * "/index.html%00.txt" reached it as "/index.html" and was served
 * (tester19 F4).  This sees the request line's URI before it is decoded,
 * and marks the request (its state, the handler's *state) for a 400
 * when its path (not its query) holds one.
 */
static void *
raw_uri(void *cls, const char *uri, struct MHD_Connection *c)
{
	(void)cls;
	(void)c;
	size_t path = strcspn(uri, "?#");
	return memmem(uri, path, "%00", 3) != NULL ? (void *)nul_in_uri : NULL;
}

static enum MHD_Result
handle(void *cls, struct MHD_Connection *c, const char *url, const char *method,
       const char *version, const char *upload, size_t *upload_size,
       void **state)
{
	struct server *s = cls;
	if (*state == nul_in_uri)
		return reply(c, MHD_HTTP_BAD_REQUEST, "text/plain", "", 0,
		             MHD_RESPMEM_PERSISTENT);
	if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0)
		return reply(c, MHD_HTTP_METHOD_NOT_ALLOWED, "text/plain", "",
		             0, MHD_RESPMEM_PERSISTENT);
	char *base = served_base(s);
	const char *rel = in_site(base, url);
	enum MHD_Result rc;
	/* the preview's own files, at the host's root or under the site's
	 * path (where a proxy forwarding only that path sends them) */
	if (strcmp(rel, "/_fabrique/events") == 0)
		rc = serve_events(s, c);
	else if (strcmp(rel, "/_fabrique/live.js") == 0)
		rc = reply(c, MHD_HTTP_OK, mime_type(".js"),
		           (void *)overlay_live_js, strlen(overlay_live_js),
		           MHD_RESPMEM_PERSISTENT);
	else if (strcmp(rel, "/_fabrique/overlay.css") == 0)
		rc = reply(c, MHD_HTTP_OK, mime_type(".css"),
		           (void *)overlay_css, strlen(overlay_css),
		           MHD_RESPMEM_PERSISTENT);
	else if (*base != '\0' && (strcmp(url, "/") == 0 || *rel == '\0')) {
		/* the site's home is at its base path */
		char *to = xmalloc(strlen(base) + 2);
		sprintf(to, "%s/", base);
		rc = moved(c, to);
		free(to);
	} else if (strcmp(rel, "/" WHOLESITE_SERVICE_WORKER) == 0)
		/* the theme's offline worker would answer reloads from its
		 * cache: the preview serves one that steps aside and
		 * unregisters itself */
		rc = reply(c, MHD_HTTP_OK, mime_type(".js"),
		           (void *)no_worker_js, strlen(no_worker_js),
		           MHD_RESPMEM_PERSISTENT);
	else
		rc = serve_file(s, c, url, rel, base);
	free(base);
	return rc;
}

/* ---- building -------------------------------------------------------- */

/*
 * The diagnostics the terminal shows: each rebuild prints only the lines
 * not among them, and counts the others, so that a warning in site.yaml
 * is not printed again on every save (the browser's overlay still shows
 * all of a failed build's).  "before" holds the lines of the last whole
 * build plus any printed since; "now" those of the build running, which
 * become "before" when it completes.
 */
struct shown {
	arena *before_a, *now_a;
	strmap *before, *now;
	size_t repeated; /* lines of the running build not printed again */
};

struct ctx {
	const serve_opts *o;
	struct server srv;
	char *root;    /* what diagnostics' paths are relative to */
	char *themes;  /* the repository's themes/ folder, if any */
	char *gitdir;  /* --ref: the git folder (common to its work trees) */
	char *headdir; /* --ref: where this work tree's HEAD is */
	char commit[GIT_OID_HEXSZ + 1]; /* --ref: what it named when built */
	watch *w;
	int sigfd;
	bool pending;    /* a change came during the last build: build again */
	char *theme_dir; /* the theme outside the repository, if used */
	char *theme_watched; /* the one watched */
	struct shown shown;  /* what the terminal already shows */
	char address[INET6_ADDRSTRLEN + 32]; /* "http://127.0.0.1:1313" */
	char *announced; /* the base path last said, "" at first */
};

static double
now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void say(const struct ctx *x, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
say(const struct ctx *x, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs(msgcat_lookup(x->srv.lang, "fabrique: "), stderr);
	vfprintf(stderr, msgcat_lookup(x->srv.lang, fmt), ap);
	fputc('\n', stderr);
	va_end(ap);
}

/*
 * The pages open in a browser are rendered first (build_opts first) and
 * shown as soon as they all are, in an interim snapshot over the previous
 * one: on a large site the editor sees the page they edit long before
 * the rest of the site (lists, feeds, search index) is rebuilt.  Nothing
 * is shown early once an error was reported.
 */
#define EARLY_MAX 16

struct early {
	struct server *srv;
	char *want[EARLY_MAX]; /* files, from the open event streams */
	size_t nwant, ngot;
	output_file got[EARLY_MAX]; /* by position in want */
	pthread_mutex_t lock;
	bool failed; /* under lock */
	bool shown;
	double shown_at; /* now() when shown */
	overlay *ov;
};

static void
early_collect(struct early *e)
{
	pthread_mutex_lock(&e->srv->lock);
	for (struct sse *v = e->srv->viewers; v != NULL; v = v->next) {
		bool seen = v->page == NULL || e->nwant == EARLY_MAX;
		for (size_t k = 0; !seen && k < e->nwant; k++)
			seen = strcmp(e->want[k], v->page) == 0;
		if (!seen)
			e->want[e->nwant++] = xstrdup(v->page);
	}
	pthread_mutex_unlock(&e->srv->lock);
}

static void
early_observe(void *ctx, diag_level lvl, const char *file, unsigned line,
              unsigned col, const char *msg)
{
	struct early *e = ctx;
	if (lvl == DIAG_ERROR) {
		pthread_mutex_lock(&e->lock);
		e->failed = true;
		pthread_mutex_unlock(&e->lock);
	}
	overlay_collect(e->ov, lvl, file, line, col, msg);
}

/* Swaps in the interim snapshot; under e->lock, from a render thread. */
static void
early_show(struct early *e)
{
	struct snapshot *in = xcalloc(1, sizeof(*in));
	in->refs = 1;
	in->n = e->nwant;
	in->files = xcalloc(e->nwant, sizeof(*in->files));
	memcpy(in->files, e->got, e->nwant * sizeof(*in->files));
	memset(e->got, 0, sizeof(e->got));
	qsort(in->files, in->n, sizeof(*in->files), cmp_file);
	struct server *s = e->srv;
	pthread_mutex_lock(&s->lock);
	in->base = s->snap; /* takes over the server's reference */
	s->snap = in;
	free(s->overlay);
	s->overlay = NULL;
	s->stale_served = false;
	s->version++;
	pthread_cond_broadcast(&s->changed);
	pthread_mutex_unlock(&s->lock);
	e->shown = true;
	e->shown_at = now();
}

static void
early_wrote(void *ctx, const char *relpath, const void *data, size_t len)
{
	struct early *e = ctx;
	for (size_t k = 0; k < e->nwant; k++) {
		if (strcmp(e->want[k], relpath) != 0)
			continue;
		pthread_mutex_lock(&e->lock);
		if (e->got[k].path == NULL && !e->shown) {
			e->got[k].path = xstrdup(relpath);
			e->got[k].data = xmalloc(len + 1);
			memcpy(e->got[k].data, data, len);
			e->got[k].data[len] = '\0';
			e->got[k].len = len;
			if (++e->ngot == e->nwant && !e->failed)
				early_show(e);
		}
		pthread_mutex_unlock(&e->lock);
		return;
	}
}

static void
early_free(struct early *e)
{
	for (size_t k = 0; k < e->nwant; k++) {
		free(e->want[k]);
		free(e->got[k].path);
		free(e->got[k].data);
	}
	pthread_mutex_destroy(&e->lock);
}

/* Under the server's lock, after an early show: whether the whole build
 * gives every page shown early, as shown, and nothing else was served
 * from the old site meanwhile (then the pages need not reload again). */
static bool
early_held(const struct server *s, const struct snapshot *snap)
{
	const struct snapshot *in = s->snap;
	if (s->stale_served || in == NULL || in->base == NULL)
		return false;
	for (size_t i = 0; i < in->n; i++) {
		const output_file *f =
		    bsearch(&in->files[i], snap->files, snap->n,
		            sizeof(*snap->files), cmp_file);
		if (f == NULL || f->len != in->files[i].len ||
		    memcmp(f->data, in->files[i].data, f->len) != 0)
			return false;
	}
	return true;
}

/* Makes the build's files, or its errors, what every client sees next,
 * in one swap under the lock. */
static void
publish(struct ctx *x, struct snapshot *snap, char *html, bool shown)
{
	pthread_mutex_lock(&x->srv.lock);
	bool held = snap != NULL && shown && early_held(&x->srv, snap);
	if (snap != NULL) {
		snap_release(x->srv.snap);
		x->srv.snap = snap;
	}
	free(x->srv.overlay);
	x->srv.overlay = html;
	x->srv.stale_served = false;
	if (!held) {
		x->srv.version++;
		pthread_cond_broadcast(&x->srv.changed);
	}
	pthread_mutex_unlock(&x->srv.lock);
}

/* The theme found outside the repository (beside the program, in
 * $FABRIQUE_THEMES): editing its templates rebuilds too.  Its folder is
 * known once a build found it. */
static void
watch_theme(struct ctx *x)
{
	if (x->w == NULL || x->theme_dir == NULL ||
	    (x->theme_watched != NULL &&
	     strcmp(x->theme_watched, x->theme_dir) == 0))
		return;
	if (watch_add_tree(x->w, x->theme_dir) == 0) {
		free(x->theme_watched);
		x->theme_watched = xstrdup(x->theme_dir);
	}
}

/*
 * While a build runs, a thread reads the watch: a new change (not an
 * editor's swap file) makes the running build moot, so it stops (within
 * a page) and the loop starts the next one at once - an editor saving
 * every few seconds on a large site never waits for the rest of the
 * site of a version already gone.  With --ref, git's own files change
 * without moving the ref: only Ctrl-C stops a build then.
 */
struct canceller {
	struct ctx *x;
	pthread_t thread;
	int pipe[2]; /* written to end the thread */
	atomic_bool cancel;
	bool changed; /* read after the join */
};

static void *
canceller_run(void *arg)
{
	struct canceller *c = arg;
	int wfd = c->x->o->b.ref == NULL ? watch_fd(c->x->w) : -1;
	for (;;) {
		struct pollfd p[3] = {{c->pipe[0], POLLIN, 0},
		                      {c->x->sigfd, POLLIN, 0},
		                      {wfd, POLLIN, 0}};
		if (poll(p, 3, -1) < 0 && errno != EINTR)
			return NULL;
		if (p[0].revents & POLLIN)
			return NULL;
		if ((p[1].revents & POLLIN) ||
		    ((p[2].revents & POLLIN) && watch_read(c->x->w))) {
			c->changed = !(p[1].revents & POLLIN);
			atomic_store(&c->cancel, true);
			return NULL;
		}
	}
}

static bool
canceller_start(struct canceller *c, struct ctx *x)
{
	c->x = x;
	atomic_init(&c->cancel, false);
	c->changed = false;
	if (x->w == NULL || pipe(c->pipe) != 0)
		return false;
	if (pthread_create(&c->thread, NULL, canceller_run, c) != 0) {
		close(c->pipe[0]);
		close(c->pipe[1]);
		return false;
	}
	return true;
}

static void
canceller_stop(struct canceller *c)
{
	ssize_t n = write(c->pipe[1], "", 1);
	(void)n;
	pthread_join(c->thread, NULL);
	close(c->pipe[0]);
	close(c->pipe[1]);
	c->x->pending = c->changed;
}

static void
shown_reset(arena **a, strmap **m)
{
	arena_free(*a);
	*a = arena_new();
	*m = strmap_new(*a);
}

/* diag_filter: prints a line unless the terminal shows it already. */
static bool
shown_filter(void *ctx, diag_level lvl, const char *line)
{
	struct shown *sh = ctx;
	(void)lvl;
	strmap_put(sh->now, arena_strdup(sh->now_a, line), sh);
	if (strmap_get(sh->before, line) != NULL) {
		sh->repeated++;
		return false;
	}
	strmap_put(sh->before, arena_strdup(sh->before_a, line), sh);
	return true;
}

static void
shown_start(struct shown *sh, diag *d)
{
	if (sh->before == NULL)
		shown_reset(&sh->before_a, &sh->before);
	shown_reset(&sh->now_a, &sh->now);
	sh->repeated = 0;
	diag_set_filter(d, shown_filter, sh);
}

/* A whole build's lines are what the terminal shows from now on. */
static void
shown_complete(struct shown *sh)
{
	arena_free(sh->before_a);
	sh->before_a = sh->now_a;
	sh->before = sh->now;
	sh->now_a = NULL;
	sh->now = NULL;
}

static void
shown_free(struct shown *sh)
{
	arena_free(sh->before_a);
	arena_free(sh->now_a);
}

/*
 * The start-up line gives the host's root, before any build knows the
 * site's path: once one does, a site published under a path
 * ("/journee") gets the full address of its preview, so that nobody
 * wonders why the root is not the site (outside tester, F18).  Said
 * again only if the path changes in site.yaml.
 */
static void
announce_base(struct ctx *x, const char *base)
{
	if (strcmp(base, x->announced != NULL ? x->announced : "") == 0)
		return;
	free(x->announced);
	x->announced = xstrdup(base);
	say(x, "this site is published under %s/: its preview is at %s%s/",
	    base, x->address, base);
}

/* One build into memory, the open pages first. */
static void
rebuild(struct ctx *x, const char *why)
{
	double t0 = now();
	build_opts b = x->o->b;
	b.out = "(memory)";
	b.quiet = true;
	b.progress = false;
	b.check_only = false;
	b.worktree = b.ref == NULL;
	diag *d = diag_new(x->srv.lang);
	struct early e = {.srv = &x->srv};
	pthread_mutex_init(&e.lock, NULL);
	e.ov = overlay_new(x->root, x->srv.lang);
	diag_set_observer(d, early_observe, &e);
	shown_start(&x->shown, d);
	early_collect(&e);
	b.first = (const char *const *)e.want;
	b.nfirst = e.nwant;
	b.theme_dir = &x->theme_dir;
	char *base = NULL;
	b.base = &base;
	b.into = output_begin_memory(d);
	if (e.nwant > 0)
		output_on_write(b.into, early_wrote, &e);
	struct canceller c;
	bool cancellable = canceller_start(&c, x);
	if (cancellable)
		b.cancel = &c.cancel;
	enum build_status st = build_run(&b, d);
	if (cancellable)
		canceller_stop(&c);
	if (st == BUILD_INTERRUPTED) { /* Ctrl-C, or a newer change */
		free(base);
		output_free(b.into);
		overlay_free(e.ov);
		diag_free(d);
		early_free(&e);
		return;
	}
	struct snapshot *snap = NULL;
	if (st == BUILD_OK) {
		snap = xcalloc(1, sizeof(*snap));
		snap->refs = 1;
		snap->files = output_take(b.into, &snap->n);
		snap->subpath = base ? base : xstrdup("");
		base = NULL;
		announce_base(x, snap->subpath);
	}
	free(base);
	output_free(b.into);
	shown_complete(&x->shown);
	char *html = snap == NULL ? overlay_html(e.ov) : NULL;
	size_t errors = overlay_errors(e.ov);
	overlay_free(e.ov);
	diag_free(d);
	publish(x, snap, html, e.shown);
	early_free(&e);
	watch_theme(x);
	char s1[32], s2[32];
	msgcat_decimal(x->srv.lang, s1, sizeof(s1), e.shown_at - t0, 2);
	msgcat_decimal(x->srv.lang, s2, sizeof(s2), now() - t0, 2);
	if (e.shown)
		say(x, "the open pages were shown after %s s", s1);
	if (snap != NULL && why != NULL)
		say(x, "rebuilt after a change to %s in %s s", why, s2);
	else if (snap != NULL)
		say(x, "built in %s s", s2);
	else
		say(x,
		    msgcat_plural(x->srv.lang, (long)errors)
		        ? "the build failed (%zu errors); the browser shows "
		          "them"
		        : "the build failed (%zu error); the browser shows it",
		    errors);
	size_t n = x->shown.repeated;
	if (n == 1)
		say(x, "1 message shown above still applies (not repeated)");
	else if (n > 1)
		say(x, "%zu messages shown above still apply (not repeated)",
		    n);
}

/* The folder diagnostics are relative to: the work tree's root, as
 * source_open_dir() takes it, or the site folder outside git. */
static void
find_roots(struct ctx *x)
{
	const char *site = x->o->b.site;
	git_repository *r = NULL;
	const char *wd = NULL;
	if (git_repository_open_ext(&r, x->o->b.repo ? x->o->b.repo : site, 0,
	                            NULL) == 0) {
		wd = git_repository_workdir(r);
		x->gitdir = realpath(git_repository_commondir(r), NULL);
		x->headdir = realpath(git_repository_path(r), NULL);
	}
	char *real = realpath(wd != NULL ? wd : site, NULL);
	x->root = real != NULL ? real : xstrdup(site);
	git_repository_free(r);
	size_t n = strlen(x->root) + sizeof("/themes");
	x->themes = xmalloc(n);
	snprintf(x->themes, n, "%s/themes", x->root);
	struct stat st;
	if (wd == NULL || stat(x->themes, &st) != 0 || !S_ISDIR(st.st_mode)) {
		free(x->themes);
		x->themes = NULL;
	}
}

/* --ref: the commit REF names now, into out ("" if none): a change in
 * the git folder rebuilds only when it moved REF. */
static void
ref_commit(const struct ctx *x, char out[GIT_OID_HEXSZ + 1])
{
	*out = '\0';
	git_repository *r = NULL;
	git_object *obj = NULL, *c = NULL;
	if (x->gitdir != NULL && git_repository_open(&r, x->headdir) == 0 &&
	    git_revparse_single(&obj, r, x->o->b.ref) == 0 &&
	    git_object_peel(&c, obj, GIT_OBJECT_COMMIT) == 0)
		git_oid_tostr(out, GIT_OID_HEXSZ + 1, git_object_id(c));
	git_object_free(c);
	git_object_free(obj);
	git_repository_free(r);
}

static const char *const git_top_files[] = {"HEAD", "packed-refs", NULL};

/* --ref: a commit, a push, a fetch or a gc moves the ref: watch where
 * git keeps refs (refs/, packed-refs, HEAD for --ref HEAD). */
static int
watch_ref(struct ctx *x, watch *w)
{
	if (x->gitdir == NULL)
		return -1;
	size_t n = strlen(x->gitdir) + sizeof("/refs");
	char *refs = xmalloc(n);
	snprintf(refs, n, "%s/refs", x->gitdir);
	int rc = watch_add_tree(w, refs);
	free(refs);
	if (rc == 0)
		rc = watch_add_files(w, x->gitdir, git_top_files);
	if (rc == 0 && strcmp(x->headdir, x->gitdir) != 0)
		rc = watch_add_files(w, x->headdir, git_top_files);
	ref_commit(x, x->commit);
	return rc;
}

/* Whether a change at path (in the git folder) left REF where it was. */
static bool
ref_unmoved(struct ctx *x, const char *path)
{
	size_t n = strlen(x->gitdir), m = strlen(x->headdir);
	if (!((strncmp(path, x->gitdir, n) == 0 && path[n] == '/') ||
	      (strncmp(path, x->headdir, m) == 0 && path[m] == '/')))
		return false;
	char now_at[GIT_OID_HEXSZ + 1];
	ref_commit(x, now_at);
	if (strcmp(now_at, x->commit) == 0)
		return true;
	memcpy(x->commit, now_at, sizeof(now_at));
	return false;
}

/* ---- the listening socket and the loop --------------------------- */

/* --bind: an IPv4 or IPv6 address, the latter bare or in brackets as
 * in a URL ("::1", "[::1]"); the address as the URL writes it goes to
 * host ("[::1]").  -1 if it is neither. */
static int
parse_bind(const char *addr, struct sockaddr_storage *ss, socklen_t *len,
           char *host, size_t hostsz)
{
	char bare[INET6_ADDRSTRLEN];
	size_t n = strlen(addr);
	if (n >= 2 && addr[0] == '[' && addr[n - 1] == ']' &&
	    n - 2 < sizeof(bare)) {
		memcpy(bare, addr + 1, n - 2);
		bare[n - 2] = '\0';
	} else
		snprintf(bare, sizeof(bare), "%s", addr);
	memset(ss, 0, sizeof(*ss));
	struct sockaddr_in *v4 = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)ss;
	if (inet_pton(AF_INET, bare, &v4->sin_addr) == 1) {
		v4->sin_family = AF_INET;
		*len = sizeof(*v4);
		snprintf(host, hostsz, "%s", bare);
		return 0;
	}
	if (inet_pton(AF_INET6, bare, &v6->sin6_addr) == 1) {
		v6->sin6_family = AF_INET6;
		*len = sizeof(*v6);
		snprintf(host, hostsz, "[%s]", bare);
		return 0;
	}
	return -1;
}

/* Why the port could not be opened, in the editor's words: the C
 * library's text is English on most computers, whatever the language. */
static void
listen_failed(struct ctx *x, const char *addr, int port, int err)
{
	if (err == EADDRINUSE)
		say(x,
		    "cannot listen on %s port %d: this port is already in use "
		    "(another fabrique serve may be running); choose another "
		    "with --port N, like --port %d",
		    addr, port, port + 1);
	else if (err == EACCES)
		say(x,
		    "cannot listen on %s port %d: ports below 1024 are kept "
		    "for the system; choose another with --port N, like "
		    "--port 8000",
		    addr, port);
	else if (err == EADDRNOTAVAIL)
		say(x,
		    "cannot listen on %s port %d: this computer has no such "
		    "address; leave out --bind, or use --bind 127.0.0.1",
		    addr, port);
	else
		say(x,
		    "cannot listen on %s port %d: %s; choose another with "
		    "--port N",
		    addr, port, msgcat_errtext(x->srv.lang, err));
}

/* host ("0.0.0.0", "[::]") listens on every network of this computer:
 * the IPv4 address of the first one (not this computer's loopback) into
 * host, for an address a browser opens; host is left as it is when
 * there is none (and for "[::]"). */
static bool
any_to_lan(char *host, size_t hostsz)
{
	if (strcmp(host, "[::]") == 0)
		return true; /* IPv6 only (IPV6_V6ONLY): no IPv4 address */
	struct ifaddrs *ifs = NULL;
	if (strcmp(host, "0.0.0.0") != 0 || getifaddrs(&ifs) != 0)
		return strcmp(host, "0.0.0.0") == 0;
	for (struct ifaddrs *i = ifs; i != NULL; i = i->ifa_next) {
		char ip[INET_ADDRSTRLEN];
		if (i->ifa_addr == NULL || i->ifa_addr->sa_family != AF_INET ||
		    (i->ifa_flags & IFF_LOOPBACK) || !(i->ifa_flags & IFF_UP))
			continue;
		const struct sockaddr_in *in = (void *)i->ifa_addr;
		if (inet_ntop(AF_INET, &in->sin_addr, ip, sizeof(ip)) != NULL) {
			snprintf(host, hostsz, "%s", ip);
			break;
		}
	}
	freeifaddrs(ifs);
	return true;
}

static int
listen_on(struct ctx *x, const char *addr, int *port, char *host, size_t hostsz)
{
	struct sockaddr_storage ss;
	socklen_t len;
	if (parse_bind(addr, &ss, &len, host, hostsz) != 0) {
		say(x,
		    "'%s' is not an IP address; use --bind 127.0.0.1 (or ::1 "
		    "for IPv6)",
		    addr);
		return -1;
	}
	bool v6 = ss.ss_family == AF_INET6;
	if (v6)
		((struct sockaddr_in6 *)&ss)->sin6_port =
		    htons((uint16_t)*port);
	else
		((struct sockaddr_in *)&ss)->sin_port = htons((uint16_t)*port);
	int fd = socket(ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	int one = 1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (v6) /* ::1 is that address only, not IPv4 too */
		setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof(one));
	if (fd < 0 || bind(fd, (struct sockaddr *)&ss, len) != 0 ||
	    listen(fd, 64) != 0) {
		listen_failed(x, addr, *port, errno);
		if (fd >= 0)
			close(fd);
		return -1;
	}
	getsockname(fd, (struct sockaddr *)&ss, &len);
	*port = ntohs(v6 ? ((struct sockaddr_in6 *)&ss)->sin6_port
	                 : ((struct sockaddr_in *)&ss)->sin_port);
	return fd;
}

static void
loop(struct ctx *x, watch *w, int sigfd)
{
	for (;;) {
		struct pollfd p[2] = {{watch_fd(w), POLLIN, 0},
		                      {sigfd, POLLIN, 0}};
		/* pending: the last build stopped for a newer change */
		if (poll(p, 2, x->pending ? 0 : -1) < 0 && errno != EINTR)
			return;
		if (p[1].revents & POLLIN)
			return;
		char last[4096] = "";
		bool changed = x->pending;
		x->pending = false;
		if ((p[0].revents & POLLIN) && watch_read(w))
			changed = true;
		if (!changed)
			continue;
		if (!watch_settle(w, sigfd, 30, 300))
			return;
		watch_changed(w, last, sizeof(last));
		if (x->o->b.ref != NULL && ref_unmoved(x, last))
			continue;
		const char *rel = last;
		size_t n = strlen(x->root);
		if (strncmp(last, x->root, n) == 0 && last[n] == '/')
			rel = last + n + 1;
		rebuild(x, rel);
	}
}

static int
start(struct ctx *x, int sigfd)
{
	const serve_opts *o = x->o;
	int port = o->port < 0 ? SERVE_PORT_DEFAULT : o->port;
	const char *addr = o->bind ? o->bind : "127.0.0.1";
	char host[INET6_ADDRSTRLEN + 8];
	const char *why;
	if (mhdload_get(&why) == NULL) {
		say(x, "cannot load the web server library: %s", why);
		return BUILD_OUTPUT;
	}
	int fd = listen_on(x, addr, &port, host, sizeof(host));
	if (fd < 0)
		return BUILD_USAGE;
	watch *w = watch_new();
	/* --ref builds a commit: saving a file changes nothing in it (and
	 * the site may have no folder on disk, in a bare repository); a new
	 * commit moves the ref */
	bool files = o->b.ref == NULL;
	if (w == NULL || (files && watch_add_tree(w, o->b.site) != 0) ||
	    (!files && watch_ref(x, w) != 0)) {
		say(x, "cannot watch %s: %s", o->b.site,
		    msgcat_errtext(x->srv.lang, errno));
		watch_free(w);
		close(fd);
		return BUILD_SOURCE;
	}
	if (files && x->themes != NULL)
		watch_add_tree(w, x->themes);
	struct MHD_Daemon *daemon = mhd()->start_daemon(
	    MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD |
	        MHD_USE_POLL | (host[0] == '[' ? MHD_USE_IPv6 : 0),
	    0, NULL, NULL, handle, &x->srv, MHD_OPTION_LISTEN_SOCKET, fd,
	    MHD_OPTION_URI_LOG_CALLBACK, raw_uri, NULL, MHD_OPTION_END);
	if (daemon == NULL) {
		say(x, "cannot start the web server on %s port %d", addr, port);
		watch_free(w);
		close(fd);
		return BUILD_OUTPUT;
	}
	bool everyone = any_to_lan(host, sizeof(host));
	snprintf(x->address, sizeof(x->address), "http://%s:%d", host, port);
	say(x, "serving %s at %s/ (Ctrl-C to stop)", o->b.site, x->address);
	if (everyone)
		say(x,
		    "warning: with --bind %s, every device on this computer's "
		    "networks (a café's or the town hall's Wi-Fi) can read the "
		    "preview, drafts and uncommitted pages included; leave out "
		    "--bind to keep it to this computer",
		    addr);
	x->w = w;
	x->sigfd = sigfd;
	rebuild(x, NULL);
	loop(x, w, sigfd);
	pthread_mutex_lock(&x->srv.lock);
	x->srv.stopping = true;
	pthread_cond_broadcast(&x->srv.changed);
	pthread_mutex_unlock(&x->srv.lock);
	mhd()->stop_daemon(daemon);
	x->w = NULL;
	watch_free(w);
	say(x, "stopped");
	return BUILD_OK;
}

int
serve_run(const serve_opts *o)
{
	struct ctx x = {.o = o};
	pthread_mutex_init(&x.srv.lock, NULL);
	pthread_cond_init(&x.srv.changed, NULL);
	/* the site's language, as its builds' (b.worktree as rebuild()'s);
	 * read once: a langue changed while serving applies at the next
	 * serve */
	build_opts b = o->b;
	b.worktree = b.ref == NULL;
	x.srv.lang = build_site_lang(&b);
	/* Ctrl-C and SIGTERM arrive on a descriptor the loop polls, and stop
	 * a build midway (interrupt.h; main() blocked them before any thread,
	 * libmicrohttpd's included, was made) */
	signal(SIGPIPE, SIG_IGN);
	int sigfd = interrupt_fd(o->b.stop);
	if (sigfd < 0) {
		say(&x, "cannot receive signals: %s",
		    msgcat_errtext(x.srv.lang, errno));
		return BUILD_OUTPUT;
	}
	find_roots(&x);
	int st = start(&x, sigfd);
	snap_release(x.srv.snap);
	free(x.srv.overlay);
	free(x.root);
	free(x.themes);
	free(x.gitdir);
	free(x.headdir);
	free(x.theme_dir);
	free(x.announced);
	free(x.theme_watched);
	shown_free(&x.shown);
	pthread_cond_destroy(&x.srv.changed);
	pthread_mutex_destroy(&x.srv.lock);
	return st;
}
