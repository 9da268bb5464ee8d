#define _DEFAULT_SOURCE /* realpath */

#include "incremental.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "fsutil.h"
#include "hash.h"
#include "strmap.h"

#define MANIFEST_MAGIC "fabrique-manifest 5"
/* The manifest's last line: one cut short (a full disk, a crash) is not
 * trusted, the next build is a full one. */
#define MANIFEST_END "end\n"
/* The fingerprint of a record fabrique cache clean emptied: no build has
 * it, so nothing is reused, and the next build writes a whole new folder
 * as a first one does (its paths only tell the webmaster's files). */
#define FORGOTTEN_FP "forgotten"

/* A file of the previous build; key: what its page's template read
 * (incremental_keep()), "-" for other files. */
struct entry {
	char hash[HASH_HEX + 1];
	long long size, sec, nsec;
	char key[HASH_HEX + 1];
	const char *path;
	bool seen; /* made by this build too (one thread per path) */
};

/* The word at *p (up to max bytes, then one space) into out. */
static bool
word(const char **p, char *out, size_t max)
{
	size_t n = strcspn(*p, " \n");
	if (n == 0 || n > max || (*p)[n] != ' ')
		return false;
	memcpy(out, *p, n);
	out[n] = '\0';
	*p += n + 1;
	return true;
}

/* The number at *p (then one space) into out: what "%lld" wrote, an
 * optional '-' and up to 19 digits that fit.  Not strtoll(): its locale
 * and base handling was a quarter of the instructions of a build with
 * nothing to do (three numbers on each of 19,000 lines). */
static bool
number(const char **p, long long *out)
{
	const char *s = *p + (**p == '-'), *digits = s;
	unsigned long long v = 0; /* wraps past 19 digits: refused below */
	unsigned d;
	while ((d = (unsigned)(unsigned char)*s - '0') <= 9) {
		v = v * 10 + d;
		s++;
	}
	if (s == digits || s - digits > 19 || *s != ' ' ||
	    v > (unsigned long long)LLONG_MAX)
		return false;
	*out = **p == '-' ? -(long long)v : (long long)v;
	*p = s + 1;
	return true;
}

/* "HASH SIZE SEC NSEC KEY PATH": the line's fields into e, and the
 * offset of PATH; false for another line (a warning's "! LEVEL LINE COL
 * ..." too).  By hand, not sscanf(): a no-op build of 10,000 pages reads
 * some 19,000 of these lines. */
static bool
parse_entry(const char *line, struct entry *e, int *off)
{
	const char *p = line;
	if (!word(&p, e->hash, HASH_HEX) || strlen(e->hash) != HASH_HEX ||
	    !number(&p, &e->size) || !number(&p, &e->sec) ||
	    !number(&p, &e->nsec) || !word(&p, e->key, HASH_HEX) ||
	    *p == '\0' || *p == '\n')
		return false;
	*off = (int)(p - line);
	return true;
}

/*
 * The walk's view of a file line (line to nl, its '\n'): the size and
 * times into e, where its path starts into *path; false for the lines
 * parse_entry() refuses.  The hash and the key are checked as it checks
 * them (32 bytes, then 1 to 32, each ending in a space, with no space,
 * newline or NUL) but not copied: a build with nothing to do reads some
 * 19,000 lines and wants only these three numbers and the path.
 */
static bool
stat_fields(const char *line, const char *nl, struct entry *e,
            const char **path)
{
	if (nl - line <= HASH_HEX || line[HASH_HEX] != ' ' ||
	    memchr(line, ' ', HASH_HEX) != NULL ||
	    memchr(line, '\0', HASH_HEX) != NULL)
		return false;
	const char *p = line + HASH_HEX + 1;
	if (!number(&p, &e->size) || !number(&p, &e->sec) ||
	    !number(&p, &e->nsec) || p >= nl)
		return false;
	size_t room =
	    (size_t)(nl - p) < HASH_HEX + 1 ? (size_t)(nl - p) : HASH_HEX + 1;
	const char *sp = memchr(p, ' ', room);
	if (sp == NULL || sp == p || memchr(p, '\0', (size_t)(sp - p)) ||
	    sp + 1 >= nl || sp[1] == '\0')
		return false;
	*path = sp + 1;
	return true;
}

/* A file of the new build; known: a page kept by incremental_keep(),
 * the previous build's file hard-linked, so its size and mtime are the
 * ones recorded then (size, sec, nsec): the manifest needs no lstat() of
 * it. */
struct written {
	char *path;
	char hash[HASH_HEX + 1];
	bool known;
	long long size, sec, nsec;
};

struct incr {
	arena *a;
	char *out;      /* absolute output folder */
	char *manifest; /* its manifest in the cache */
	char *cache;    /* cache_dir/builds */
	char fp[HASH_HEX + 1];
	char prev_fp[HASH_HEX + 1];
	strmap *prev;     /* relpath -> struct entry, read-only once loaded */
	strmap *prevdirs; /* the folders holding them (carry()) */
	char *cachedir;   /* cache_dir (incremental_carry_from()) */
	char *typed;      /* out_dir as given (older_record()) */
	strmap *from, *fromdirs;   /* incremental_carry_from()'s record */
	strmap *older, *olderdirs; /* an older fabrique's record (carry()) */
	strmap *fromold,
	    *fromolddirs; /* the same, of the folder carried from */
	char *fromout;    /* the folder it records, absolute */
	bool reuse_from;  /* same() compares with from, not prev (publish) */
	struct entry **order; /* the same entries, in the manifest's order */
	size_t nprev, capprev;
	output *o;            /* incremental_attach() */
	output *wrote;        /* the same, or incremental_attach_full()'s */
	pthread_mutex_t lock; /* guards keys and the list below */
	strmap *keys;         /* relpath -> key, for pages written */
	struct written *now;
	size_t nnow, capnow;
	pthread_t loader; /* incremental_preload() */
	bool loading, loaded;
};

void
incremental_hash(const void *data, size_t len,
                 char out[INCREMENTAL_HASH_HEX + 1])
{
	hash_hex(data, len, out);
}

static char *
absolute(arena *a, const char *path)
{
	char cwd[4096];
	if (path[0] == '/' || getcwd(cwd, sizeof(cwd)) == NULL)
		return arena_strdup(a, path);
	return arena_printf(a, "%s/%s", cwd, path);
}

/* text (len bytes, NUL-terminated) as a whole manifest: NULL when it is
 * cut short; its first line (the fingerprint) and its last are left
 * out: *body points past the first, *blen is its length (so that no
 * strlen() goes over the 3 MB of a 10,000-page site's record again).
 * text is freed when refused. */
static char *
manifest_whole(char *text, size_t len, char **body, size_t *blen)
{
	size_t n = strlen(MANIFEST_END);
	char *nl = text != NULL ? strchr(text, '\n') : NULL;
	if (nl == NULL || len < n || (size_t)(nl + 1 - text) > len - n ||
	    strcmp(text + len - n, MANIFEST_END) != 0 ||
	    (len > n && text[len - n - 1] != '\n')) {
		free(text);
		return NULL;
	}
	text[len - n] = '\0';
	*body = nl + 1;
	*blen = (size_t)(text + len - n - *body);
	return text;
}

/* The fingerprint on the manifest's first line ("fabrique-manifest 5
 * HEX") into fp, "" when that line is not one: from the line alone (a
 * sscanf() of the whole text would strlen() its 3 MB first), the text
 * being len bytes, not NUL-terminated. */
static void
first_line_fp(const char *text, size_t len, char fp[HASH_HEX + 1])
{
	char line[128];
	const char *nl = memchr(text, '\n', len);
	size_t n = nl != NULL ? (size_t)(nl - text) : len;
	n = n < sizeof(line) - 1 ? n : sizeof(line) - 1;
	memcpy(line, text, n);
	line[n] = '\0';
	if (sscanf(line, MANIFEST_MAGIC " %32s", fp) != 1)
		fp[0] = '\0';
}

/*
 * path (absolute, no trailing '/') as the same folder is always named,
 * however it was typed: its parent's real path (realpath(): no "." or
 * "..", no symbolic link, no "//") and its last name, so that `publish
 * /srv/site`, `publish /srv/./site/` and a path through a link find one
 * record.  The last name is not resolved: the folder need not exist yet
 * (a first build, a new release), and it is the same name either way.
 * Left as it is when the parent cannot be resolved.
 */
static char *
canonical(arena *a, char *path)
{
	char *slash = strrchr(path, '/');
	const char *leaf = slash != NULL ? slash + 1 : path;
	if (strcmp(leaf, ".") == 0 || strcmp(leaf, "..") == 0 ||
	    slash == NULL) {
		char *real = realpath(path, NULL);
		char *r = real != NULL ? arena_strdup(a, real) : path;
		free(real);
		return r;
	}
	*slash = '\0';
	char *parent = realpath(slash == path ? "/" : path, NULL);
	*slash = '/';
	if (parent == NULL)
		return path;
	char *r =
	    arena_printf(a, "%s/%s", strcmp(parent, "/") ? parent : "", leaf);
	free(parent);
	return r;
}

/* The output folder, absolute and canonical(), and its manifest in the
 * cache (named by a hash of that path), into *out and *manifest. */
static void
locate(arena *a, const char *cache_dir, const char *out_dir, char **out,
       char **manifest)
{
	*out = absolute(a, out_dir);
	size_t n = strlen(*out);
	while (n > 1 && (*out)[n - 1] == '/')
		(*out)[--n] = '\0';
	*out = canonical(a, *out);
	n = strlen(*out);
	char key[HASH_HEX + 1];
	hash_hex(*out, n, key);
	*manifest = arena_printf(a, "%s/builds/%s", cache_dir, key);
}

/* The manifest's text, or NULL when there is none or it is cut short
 * (manifest_whole()). */
static char *
manifest_text(const incr *in, char **body, size_t *blen)
{
	size_t len = 0;
	char *text = fsutil_read_file(in->manifest, &len);
	return manifest_whole(text, len, body, blen);
}

/* Calls fn on each file line of the manifest (its fields in e, its
 * path), in order, while fn returns true; false when fn said stop. */
static bool
each_entry(char *body, bool (*fn)(void *, const struct entry *, char *),
           void *ctx)
{
	for (char *line = body, *next; *line != '\0'; line = next) {
		char *nl = strchr(line, '\n');
		next = nl != NULL ? nl + 1 : line + strlen(line);
		if (nl != NULL)
			*nl = '\0';
		struct entry e;
		int off;
		if (parse_entry(line, &e, &off) && !fn(ctx, &e, line + off))
			return false;
	}
	return true;
}

static bool
keep_entry(void *ctx, const struct entry *e, char *path)
{
	incr *in = ctx;
	struct entry *ep = arena_alloc(in->a, sizeof(*ep));
	*ep = *e;
	ep->path = arena_strdup(in->a, path);
	ep->seen = false;
	strmap_put(in->prev, ep->path, ep);
	if (in->nprev == in->capprev) {
		size_t n = in->capprev ? in->capprev * 2 : 1024;
		in->order = arena_grow(in->a, in->order,
		                       in->capprev * sizeof(*in->order),
		                       n * sizeof(*in->order));
		in->capprev = n;
	}
	in->order[in->nprev++] = ep;
	return true;
}

/* The previous build's files, for incremental_keep() and output_reuse():
 * read only when something is to be built (a no-op build needs none of
 * it). */
static void
read_record(incr *in)
{
	char *body;
	size_t blen;
	char *text = in->prev_fp[0] ? manifest_text(in, &body, &blen) : NULL;
	if (text != NULL)
		each_entry(body, keep_entry, in);
	free(text);
	in->loaded = true;
}

/* The record read, by incremental_preload()'s thread or now. */
static void
load(incr *in)
{
	if (in->loading) {
		pthread_join(in->loader, NULL);
		in->loading = false;
	}
	if (!in->loaded)
		read_record(in);
}

static void *
load_thread(void *arg)
{
	read_record(arg);
	return NULL;
}

void
incremental_preload(incr *in)
{
	if (in != NULL && !in->loading && !in->loaded)
		in->loading =
		    pthread_create(&in->loader, NULL, load_thread, in) == 0;
}

/* The fingerprint of the previous build, from the manifest's first line
 * alone: when it differs the rest is never read. */
static void
read_fingerprint(incr *in)
{
	FILE *f = fopen(in->manifest, "r");
	if (f == NULL)
		return;
	char line[128];
	if (fgets(line, sizeof(line), f) == NULL ||
	    sscanf(line, MANIFEST_MAGIC " %32s", in->prev_fp) != 1)
		in->prev_fp[0] = '\0';
	fclose(f);
}

incr *
incremental_open(const char *cache_dir, const char *out_dir,
                 const buf *fingerprint)
{
	incr *in = xcalloc(1, sizeof(*in));
	in->a = arena_new();
	in->prev = strmap_new(in->a);
	in->keys = strmap_new(in->a);
	pthread_mutex_init(&in->lock, NULL);
	locate(in->a, cache_dir, out_dir, &in->out, &in->manifest);
	in->cache = arena_printf(in->a, "%s/builds", cache_dir);
	in->cachedir = arena_strdup(in->a, cache_dir);
	in->typed = arena_strdup(in->a, out_dir);
	hash_hex(fingerprint->data ? fingerprint->data : "", fingerprint->len,
	         in->fp);
	read_fingerprint(in);
	return in;
}

void
incremental_free(incr *in)
{
	if (in == NULL)
		return;
	if (in->loading)
		pthread_join(in->loader, NULL);
	for (size_t i = 0; i < in->nnow; i++)
		free(in->now[i].path);
	free(in->now);
	pthread_mutex_destroy(&in->lock);
	arena_free(in->a);
	free(in);
}

/* st is a regular file as the manifest recorded it: of that size, not
 * modified since (same mtime to the nanosecond). */
static bool
as_recorded(const struct stat *st, const struct entry *e)
{
	return S_ISREG(st->st_mode) && (long long)st->st_size == e->size &&
	       (long long)st->st_mtim.tv_sec == e->sec &&
	       (long long)st->st_mtim.tv_nsec == e->nsec;
}

/* The file at dir/relpath is as the manifest recorded it: its bytes
 * are still the ones the record's hash names (an edit by hand moves the
 * mtime). */
static bool
untouched_in(const char *dir, const char *relpath, const struct entry *e)
{
	char path[8192];
	struct stat st;
	snprintf(path, sizeof(path), "%s/%s", dir, relpath);
	return lstat(path, &st) == 0 && as_recorded(&st, e);
}

struct walk {
	int root;               /* the output folder, open */
	const char *body, *end; /* the manifest's lines to check */
	size_t files;
	bool ok;
	const atomic_bool *stop; /* the answer is no longer wanted */
};

/* Looked up from the output folder's descriptor, not from the root of
 * the file system: the kernel walks 3 names instead of 8 or more. */
static bool
still_there(struct walk *w, const struct entry *e, const char *path)
{
	struct stat st;
	while (*path == '/')
		path++;
	if ((++w->files & 255) == 0 && w->stop != NULL && atomic_load(w->stop))
		return false;
	return fstatat(w->root, path, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	       as_recorded(&st, e);
}

/*
 * Each file line of w's lines stat()ed, read where it lies: nothing is
 * written to the text, which may be the manifest mapped read-only
 * (speculate()).  Every line ends with '\n' (manifest_whole(),
 * whole_range()), so stat_fields() stops within it.
 */
static void *
walk_half(void *arg)
{
	struct walk *w = arg;
	w->ok = true;
	for (const char *line = w->body, *nl; w->ok && line < w->end;
	     line = nl + 1) {
		nl = memchr(line, '\n', (size_t)(w->end - line));
		if (nl == NULL)
			break;
		struct entry e;
		const char *from;
		char path[8192];
		if (!stat_fields(line, nl, &e, &from))
			continue;
		size_t n = (size_t)(nl - from);
		if (n >= sizeof(path)) {
			w->ok = false;
			break;
		}
		memcpy(path, from, n);
		path[n] = '\0';
		w->ok = still_there(w, &e, path);
	}
	return NULL;
}

/*
 * One stat() per file is what it takes to notice a file edited by hand
 * (10,000 pages: some 19,000 files, a third of a build with nothing to
 * do): the second half of the lines is checked on another thread.
 */
static bool
all_still_there(int root, const char *body, const char *end,
                const atomic_bool *stop)
{
	const char *mid = body + (end - body) / 2;
	const char *nl = memchr(mid, '\n', (size_t)(end - mid));
	struct walk a = {root, body, end, 0, false, stop},
	            b = {root, end, end, 0, true, stop};
	pthread_t t;
	bool threaded = false;
	if (nl != NULL && nl + 1 < end) {
		a.end = nl + 1;
		b.body = nl + 1;
		threaded = pthread_create(&t, NULL, walk_half, &b) == 0;
		if (!threaded)
			walk_half(&b);
	}
	walk_half(&a);
	if (threaded)
		pthread_join(t, NULL);
	return a.ok && b.ok && a.files + b.files > 0;
}

/* ---- the output checked before the lock (incremental_speculate()) -- */

struct incr_spec {
	arena *a;
	char *out, *manifest;
	pthread_t t;
	bool started;
	atomic_bool stop;
	char fp[HASH_HEX + 1]; /* the fingerprint of the manifest read */
	struct stat mst, ost;  /* the manifest and the output folder read */
	bool read;             /* both read, the walk not stopped */
	bool ok;               /* and every file as recorded */
};

/* The manifest mapped at text (len bytes, not NUL-terminated, read-only)
 * as manifest_whole() takes it, nothing written: its file lines from
 * *body to *end, each ending in '\n'; false when it is cut short. */
static bool
whole_range(const char *text, size_t len, const char **body, const char **end)
{
	size_t n = strlen(MANIFEST_END);
	const char *nl = memchr(text, '\n', len);
	if (nl == NULL || len < n || (size_t)(nl + 1 - text) > len - n ||
	    memcmp(text + len - n, MANIFEST_END, n) != 0 ||
	    (len > n && text[len - n - 1] != '\n'))
		return false;
	*body = nl + 1;
	*end = text + len - n;
	return true;
}

/* The thread: reads the manifest through one descriptor (so that its
 * identity, fstat(), is that of the text read), mapped, not copied
 * (fsutil_map(): a manifest is replaced by a rename, never rewritten in
 * place, and spec_holds() takes nothing from a file changed since),
 * opens the output folder the same way, and stat()s every file the
 * manifest lists. */
static void *
speculate(void *arg)
{
	incr_spec *sp = arg;
	const char *text = NULL, *body = NULL, *end = NULL;
	size_t len = 0;
	int fd = open(sp->manifest, O_RDONLY | O_CLOEXEC);
	if (fd >= 0 && fstat(fd, &sp->mst) == 0 && S_ISREG(sp->mst.st_mode) &&
	    !output_interrupted(sp->out))
		text = fsutil_map(fd, (size_t)sp->mst.st_size);
	if (fd >= 0)
		close(fd);
	len = text != NULL ? (size_t)sp->mst.st_size : 0;
	if (text != NULL && whole_range(text, len, &body, &end))
		first_line_fp(text, (size_t)(body - text), sp->fp);
	int root = sp->fp[0] != '\0'
	               ? open(sp->out, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
	               : -1;
	if (root >= 0 && fstat(root, &sp->ost) == 0) {
		sp->ok = all_still_there(root, body, end, &sp->stop);
		sp->read = !atomic_load(&sp->stop);
	}
	if (root >= 0)
		close(root);
	fsutil_unmap(text, len);
	return NULL;
}

incr_spec *
incremental_speculate(const char *cache_dir, const char *out_dir)
{
	incr_spec *sp = xcalloc(1, sizeof(*sp));
	sp->a = arena_new();
	atomic_init(&sp->stop, false);
	locate(sp->a, cache_dir, out_dir, &sp->out, &sp->manifest);
	sp->started = pthread_create(&sp->t, NULL, speculate, sp) == 0;
	return sp;
}

void
incremental_speculate_free(incr_spec *sp)
{
	if (sp == NULL)
		return;
	atomic_store(&sp->stop, true);
	if (sp->started)
		pthread_join(sp->t, NULL);
	arena_free(sp->a);
	free(sp);
}

/* The same file, not changed since (times to the nanosecond, the
 * ctime too: a rename or a chmod moves it). */
static bool
same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino &&
	       a->st_size == b->st_size &&
	       a->st_mtim.tv_sec == b->st_mtim.tv_sec &&
	       a->st_mtim.tv_nsec == b->st_mtim.tv_nsec &&
	       a->st_ctim.tv_sec == b->st_ctim.tv_sec &&
	       a->st_ctim.tv_nsec == b->st_ctim.tv_nsec;
}

/* Once the thread is done: what it read is what in read under the lock
 * (the same manifest file, unchanged, and the same output folder). */
static bool
spec_holds(const incr *in, incr_spec *sp)
{
	if (sp->started)
		pthread_join(sp->t, NULL);
	sp->started = false;
	struct stat m, o;
	return sp->read && strcmp(sp->manifest, in->manifest) == 0 &&
	       strcmp(sp->out, in->out) == 0 &&
	       strcmp(sp->fp, in->prev_fp) == 0 &&
	       stat(in->manifest, &m) == 0 && same_file(&m, &sp->mst) &&
	       stat(in->out, &o) == 0 && same_file(&o, &sp->ost);
}

bool
incremental_up_to_date(incr *in, incr_spec *spec)
{
	if (in->prev_fp[0] == '\0' || strcmp(in->prev_fp, in->fp) != 0)
		return false;
	if (spec != NULL && spec_holds(in, spec))
		return spec->ok;
	char *body;
	size_t blen = 0;
	char *text = manifest_text(in, &body, &blen);
	int root = text != NULL
	               ? open(in->out, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
	               : -1;
	bool ok = root >= 0 && all_still_there(root, body, body + blen, NULL);
	if (root >= 0)
		close(root);
	free(text);
	return ok;
}

static void
record(incr *in, struct written w, const char *key)
{
	pthread_mutex_lock(&in->lock);
	if (in->nnow == in->capnow) {
		in->capnow = in->capnow ? in->capnow * 2 : 1024;
		in->now = xrealloc(in->now, in->capnow * sizeof(*in->now));
	}
	in->now[in->nnow++] = w;
	if (key != NULL)
		strmap_put(in->keys, arena_strdup(in->a, w.path),
		           arena_strdup(in->a, key));
	pthread_mutex_unlock(&in->lock);
}

static bool
same(void *ctx, const char *relpath, const char *hex, size_t len)
{
	incr *in = ctx;
	struct written w = {xstrdup(relpath), {0}, false, 0, 0, 0};
	memcpy(w.hash, hex, HASH_HEX + 1);
	if (in->reuse_from) {
		const struct entry *f = strmap_get(in->from, relpath);
		bool reuse = f != NULL && f->size == (long long)len &&
		             strcmp(f->hash, w.hash) == 0 &&
		             untouched_in(in->fromout, relpath, f);
		record(in, w, NULL);
		return reuse;
	}
	struct entry *e = strmap_get(in->prev, relpath);
	if (e != NULL)
		e->seen = true;
	bool reuse = e != NULL && e->size == (long long)len &&
	             strcmp(e->hash, w.hash) == 0 &&
	             untouched_in(in->out, relpath, e);
	record(in, w, NULL);
	return reuse;
}

/* --full: each file written is recorded, none reused. */
static bool
record_only(void *ctx, const char *relpath, const char *hex, size_t len)
{
	(void)len;
	struct written w = {xstrdup(relpath), {0}, false, 0, 0, 0};
	memcpy(w.hash, hex, HASH_HEX + 1);
	record(ctx, w, NULL);
	return false;
}

/* An earlier build made relpath (output_carry()): its record lists it,
 * or files inside it.  A link or a file planted where fabrique made a
 * folder (a removed page's) is not the webmaster's to carry: it would
 * publish what it points at under the page's address. */
static bool
made_before(void *ctx, const char *relpath)
{
	const incr *in = ctx;
	if (in->older != NULL) /* no record of this fabrique's (carry()) */
		return strmap_get(in->older, relpath) != NULL ||
		       strmap_get(in->olderdirs, relpath) != NULL;
	return strmap_get(in->prev, relpath) != NULL ||
	       strmap_get(in->prevdirs, relpath) != NULL;
}

/* The folders holding path into dirs, each once. */
static void
add_folders(arena *a, strmap *dirs, const char *path)
{
	char dir[4096];
	for (const char *p = strchr(path, '/');
	     p != NULL && (size_t)(p - path) < sizeof(dir);
	     p = strchr(p + 1, '/')) {
		memcpy(dir, path, (size_t)(p - path));
		dir[p - path] = '\0';
		if (strmap_get(dirs, dir) == NULL) {
			char *d = arena_strdup(a, dir);
			strmap_put(dirs, d, d);
		}
	}
}

/* The folders of the previous build's files, each once. */
static strmap *
record_folders(incr *in)
{
	strmap *dirs = strmap_new(in->a);
	for (size_t i = 0; i < in->nprev; i++)
		add_folders(in->a, dirs, in->order[i]->path);
	return dirs;
}

/* The format of a record's first line ("fabrique-manifest N FP"), 0
 * when it is not one. */
static int
record_format(const char *text)
{
	int fmt = 0;
	char fp[HASH_HEX + 1];
	if (text == NULL ||
	    sscanf(text, "fabrique-manifest %d %32s", &fmt, fp) != 2)
		return 0;
	return fmt;
}

/* The path of one file line of a record of format fmt, or NULL (a "!"
 * line, a line cut short): formats 1 to 3 wrote "HASH SIZE SEC NSEC
 * PATH", 4 and 5 a key before the path. */
static const char *
record_line_path(const char *line, int fmt)
{
	char word_[HASH_HEX + 1];
	long long n;
	const char *p = line;
	if (!word(&p, word_, HASH_HEX) || strlen(word_) != HASH_HEX ||
	    !number(&p, &n) || !number(&p, &n) || !number(&p, &n) ||
	    (fmt >= 4 && !word(&p, word_, HASH_HEX)))
		return NULL;
	return *p != '\0' ? p : NULL;
}

/* The paths of the record text (of format fmt) into files, their
 * folders into dirs.  How many files. */
static size_t
record_paths(incr *in, char *text, int fmt, strmap *files, strmap *dirs)
{
	size_t n = 0;
	for (char *line = strchr(text, '\n'); line != NULL;) {
		char *nl = strchr(++line, '\n');
		if (nl != NULL)
			*nl = '\0';
		const char *path = record_line_path(line, fmt);
		line = nl;
		if (path == NULL)
			continue;
		char *d = arena_strdup(in->a, path);
		strmap_put(files, d, d);
		add_folders(in->a, dirs, d);
		n++;
	}
	return n;
}

/*
 * The record an older fabrique left of the folder as_typed (as given on
 * the command line), which this one does not read as its own (outside
 * tester 29 F6: after an upgrade, the webmaster's .htaccess was set
 * aside, and the next rsync --delete took it off the host): formats 1
 * to 4 under the folder's name, or a record of any format under the name
 * the folder had before fabrique named output folders by their real path
 * (its path as typed, made absolute: "/site/../public").  Only its paths
 * are read, to tell fabrique's files from the webmaster's: nothing is
 * reused from it (its hashes and stamps are another version's).  Never
 * when this fabrique's own record of the folder is there, even cut
 * short: it is newer, and without it files are set aside, never lost.
 * A format 5 record must be whole (its end line); the older formats had
 * none, but were written whole and renamed into place, as this one is.
 * Into *files and *dirs (made here); how many files, 0 for none.
 */
static size_t
older_record(incr *in, const char *as_typed, strmap **files, strmap **dirs)
{
	*files = strmap_new(in->a);
	*dirs = strmap_new(in->a);
	char *out, *manifest[2];
	locate(in->a, in->cachedir, as_typed, &out, &manifest[0]);
	char key[HASH_HEX + 1];
	char *typed = absolute(in->a, as_typed);
	size_t tl = strlen(typed);
	while (tl > 1 && typed[tl - 1] == '/')
		typed[--tl] = '\0';
	hash_hex(typed, tl, key);
	manifest[1] = arena_printf(in->a, "%s/builds/%s", in->cachedir, key);
	size_t n = 0;
	for (int i = 0; i < 2 && n == 0; i++) {
		size_t len = 0, blen;
		char *body, *text = fsutil_read_file(manifest[i], &len);
		int fmt = record_format(text);
		if (fmt >= 5 && i == 0) { /* this fabrique's own */
			free(text);
			return 0;
		}
		if (fmt == 5)
			text = manifest_whole(text, len, &body, &blen);
		if (text != NULL && fmt >= 1 && fmt <= 5)
			n = record_paths(in, text, fmt, *files, *dirs);
		free(text);
	}
	return n;
}

/* A record that lists no file is none: before this was fixed, a --full
 * build left such a record, and every file would then look added by
 * hand. */
static void
carry(incr *in, output *o)
{
	if (in->nprev > 0)
		in->prevdirs = record_folders(in);
	else if (older_record(in, in->typed, &in->older, &in->olderdirs) == 0)
		in->older = NULL;
	output_carry(o, in->nprev > 0 || in->older != NULL ? made_before : NULL,
	             in);
}

void
incremental_attach(incr *in, output *o, bool in_place)
{
	in->o = o;
	in->wrote = o;
	load(in);
	if (in_place && in->nprev > 0 && strcmp(in->prev_fp, FORGOTTEN_FP) != 0)
		output_in_place(o);
	output_reuse(o, same, in);
	carry(in, o);
}

void
incremental_attach_full(incr *in, output *o)
{
	in->wrote = o;
	load(in); /* for carry() only: nothing is reused */
	output_reuse(o, record_only, in);
	carry(in, o);
}

/* A file of the record of the folder carried from, with its hash, size
 * and mtime (same() links the unchanged ones from it). */
static bool
from_entry(void *ctx, const struct entry *e, char *path)
{
	incr *in = ctx;
	struct entry *ep = arena_alloc(in->a, sizeof(*ep));
	*ep = *e;
	ep->path = arena_strdup(in->a, path);
	strmap_put(in->from, ep->path, ep);
	add_folders(in->a, in->fromdirs, ep->path);
	return true;
}

/* made_before() for the folder carried from: its own record. */
static bool
made_in_from(void *ctx, const char *relpath)
{
	const incr *in = ctx;
	return strmap_get(in->from, relpath) != NULL ||
	       strmap_get(in->fromdirs, relpath) != NULL ||
	       (in->fromold != NULL &&
	        (strmap_get(in->fromold, relpath) != NULL ||
	         strmap_get(in->fromolddirs, relpath) != NULL));
}

/*
 * from_dir's record is the one its own build left in this cache (the
 * manifest of that output): whole, of this format and listing files, it
 * tells the webmaster's files from fabrique's; otherwise there is none,
 * and output_carry_from() carries nothing.
 */
void
incremental_carry_from(incr *in, output *o, const char *from_dir)
{
	char *out, *manifest, *body;
	locate(in->a, in->cachedir, from_dir, &out, &manifest);
	size_t len = 0, blen;
	char *text = fsutil_read_file(manifest, &len);
	text = manifest_whole(text, len, &body, &blen);
	in->from = strmap_new(in->a);
	in->fromdirs = strmap_new(in->a);
	if (text != NULL &&
	    strncmp(text, MANIFEST_MAGIC " ", strlen(MANIFEST_MAGIC " ")) == 0)
		each_entry(body, from_entry, in);
	free(text);
	bool any = strmap_len(in->from) > 0;
	bool older = !any && older_record(in, from_dir, &in->fromold,
	                                  &in->fromolddirs) > 0;
	output_carry_from(o, out, any || older ? made_in_from : NULL, in);
	/* A new release (no record of its own): each file equal, byte for
	 * byte, to from's is hard-linked from it, so that the releases kept
	 * share what did not change (tester21 F11). */
	if (any && in->nprev == 0 && output_reuse_from(o, out) == 0) {
		in->fromout = out;
		in->reuse_from = true;
	}
}

void
incremental_prune(incr *in)
{
	for (size_t i = 0; in->o != NULL && i < in->nprev; i++)
		if (!in->order[i]->seen)
			output_remove(in->o, in->order[i]->path);
}

bool
incremental_keep(incr *in, const char *relpath, const char *key)
{
	struct entry *e = strmap_get(in->prev, relpath);
	if (e != NULL)
		e->seen = true;
	if (in->o == NULL || e == NULL || strcmp(e->key, key) != 0 ||
	    !output_keep(in->o, relpath, e->size,
	                 e->sec * 1000000000LL + e->nsec))
		return false;
	struct written w = {xstrdup(relpath), {0},    true,
	                    e->size,          e->sec, e->nsec};
	memcpy(w.hash, e->hash, sizeof(w.hash));
	record(in, w, key);
	return true;
}

void
incremental_made(incr *in, const char *relpath, const char *key)
{
	pthread_mutex_lock(&in->lock);
	strmap_put(in->keys, arena_strdup(in->a, relpath),
	           arena_strdup(in->a, key));
	pthread_mutex_unlock(&in->lock);
}

/* "! LEVEL LINE COL FILE<TAB>MESSAGE", newlines and backslashes escaped:
 * a warning of the build, said again when the next one has nothing to do
 * (and an error then under --strict).  diag_each() gives no event (files
 * set aside, a cache not written: diag_event()), which tells what this
 * build did, and a build with nothing to do does none of it. */
static void
write_warning(void *ctx, diag_level lvl, const char *file, unsigned line,
              unsigned col, const char *msg)
{
	FILE *f = ctx;
	if (lvl != DIAG_WARNING)
		return;
	fprintf(f, "! %d %u %u ", (int)lvl, line, col);
	for (const char *s = file ? file : ""; *s != '\0'; s++)
		fputc(*s == '\t' || *s == '\n' ? ' ' : *s, f);
	fputc('\t', f);
	for (const char *s = msg; *s != '\0'; s++) {
		if (*s == '\\' || *s == '\n')
			fputc('\\', f);
		fputc(*s == '\n' ? 'n' : *s, f);
	}
	fputc('\n', f);
}

/* A file the output wrote (output_each_written()): its size and time. */
struct stamp {
	size_t size;
	struct timespec mtime;
};

struct stamps {
	arena *a;
	strmap *map; /* relpath -> struct stamp */
};

static int
stamp_of(void *ctx, const char *relpath, size_t size,
         const struct timespec *mtime)
{
	struct stamps *ts = ctx;
	struct stamp *t = arena_alloc(ts->a, sizeof(*t));
	*t = (struct stamp){size, *mtime};
	strmap_put(ts->map, relpath, t);
	return 0;
}

/* The size and time of a file written, w: as the output saw them when
 * it wrote it, else (linked from the previous build, a file the output
 * did not write) from the folder.  False if it cannot be read. */
static bool
stamp(const strmap *stamps, int root, struct written *w)
{
	const struct stamp *t = strmap_get(stamps, w->path);
	struct stat st;
	const char *rel = w->path;
	while (*rel == '/')
		rel++;
	if (t != NULL) {
		w->size = (long long)t->size;
		w->sec = (long long)t->mtime.tv_sec;
		w->nsec = (long long)t->mtime.tv_nsec;
		return true;
	}
	/* from the output folder's descriptor (see still_there()) */
	if (fstatat(root, rel, &st, AT_SYMLINK_NOFOLLOW) != 0)
		return false;
	w->size = (long long)st.st_size;
	w->sec = (long long)st.st_mtim.tv_sec;
	w->nsec = (long long)st.st_mtim.tv_nsec;
	return true;
}

static int
write_manifest(incr *in, FILE *f, diag *d)
{
	fprintf(f, MANIFEST_MAGIC " %s\n", in->fp);
	diag_each(d, write_warning, f);
	int root = open(in->out, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (root < 0)
		return -1;
	/* the map's own arena: its keys are the output's, gone with it */
	struct stamps ts = {arena_new(), NULL};
	ts.map = strmap_new(ts.a);
	if (in->wrote != NULL)
		output_each_written(in->wrote, stamp_of, &ts);
	for (size_t i = 0; i < in->nnow; i++) {
		struct written *w = &in->now[i];
		if (!w->known && !stamp(ts.map, root, w)) {
			arena_free(ts.a);
			close(root);
			return -1;
		}
		const char *key = strmap_get(in->keys, w->path);
		fprintf(f, "%s %lld %lld %lld %s %s\n", w->hash, w->size,
		        w->sec, w->nsec, key ? key : "-", w->path);
	}
	arena_free(ts.a);
	close(root);
	fputs(MANIFEST_END, f);
	return ferror(f) ? -1 : 0;
}

int
incremental_save(incr *in, diag *d)
{
	char *tmp = arena_printf(in->a, "%s.tmp", in->manifest);
	FILE *f = fsutil_mkdirs(in->cache) == 0 ? fopen(tmp, "w") : NULL;
	int rc = f != NULL ? write_manifest(in, f, d) : -1;
	if (f != NULL && fclose(f) != 0)
		rc = -1;
	if (rc == 0 && rename(tmp, in->manifest) == 0)
		return 0;
	int e = errno;
	unlink(tmp);
	unlink(in->manifest); /* it would describe an older output */
	diag_event(d, DIAG_WARNING, in->manifest,
	           "cannot record this build (%s): the next one will not "
	           "know what changed",
	           diag_errtext(d, e));
	return -1;
}

/* One "!" line of the manifest back into d. */
static void
replay_line(char *line, diag *d)
{
	int lvl, off = 0;
	unsigned ln, col;
	if (sscanf(line, "! %d %u %u %n", &lvl, &ln, &col, &off) != 3 ||
	    off == 0)
		return;
	char *file = line + off, *tab = strchr(file, '\t');
	if (tab == NULL)
		return;
	*tab = '\0';
	char *w = tab + 1;
	for (const char *s = tab + 1; *s != '\0'; s++) {
		if (*s == '\\' && s[1] != '\0') {
			s++;
			*w++ = *s == 'n' ? '\n' : *s;
		} else
			*w++ = *s;
	}
	*w = '\0';
	diag_report(d, DIAG_WARNING, *file ? file : NULL, ln, col, "%s",
	            tab + 1);
}

/* The warnings come first in the manifest, right after its first line
 * (write_manifest()): the files' lines after them are not read. */
void
incremental_replay(incr *in, diag *d)
{
	FILE *f = fopen(in->manifest, "r");
	if (f == NULL)
		return;
	char *line = NULL;
	size_t cap = 0;
	for (ssize_t n, i = 0; (n = getline(&line, &cap, f)) > 0; i++) {
		if (i > 0 && line[0] != '!')
			break;
		if (line[n - 1] == '\n')
			line[n - 1] = '\0';
		if (line[0] == '!')
			replay_line(line, d);
	}
	free(line);
	fclose(f);
}

/* Writes an entry's path alone to f (each_entry()): no hash, size or
 * key, so nothing is reused from it. */
static bool
put_path_only(void *ctx, const struct entry *e, char *path)
{
	(void)e;
	fprintf(ctx, "%.*s -1 0 0 - %s\n", HASH_HEX,
	        "00000000000000000000000000000000", path);
	return true;
}

/* Rewrites the record at path with its paths alone, under a fingerprint
 * no build has: the next build reuses nothing, yet still knows which
 * files of the output fabrique made and which the webmaster added (a
 * .htaccess stays published, not set aside).  A record cut short goes. */
static int
forget_one(const char *path)
{
	size_t len = 0;
	char *body, *text = fsutil_read_file(path, &len);
	size_t blen;
	text = manifest_whole(text, len, &body, &blen);
	if (text == NULL)
		return unlink(path);
	char tmp[8200];
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	FILE *f = fopen(tmp, "w");
	int rc = -1;
	if (f != NULL) {
		fputs(MANIFEST_MAGIC " " FORGOTTEN_FP "\n", f);
		each_entry(body, put_path_only, f);
		fputs(MANIFEST_END, f);
		rc = ferror(f) ? -1 : 0;
		rc = fclose(f) != 0 ? -1 : rc;
		rc = rc == 0 ? rename(tmp, path) : (unlink(tmp), -1);
	}
	free(text);
	return rc == 0 ? 0 : unlink(path);
}

long
incremental_forget(const char *cache_dir)
{
	char dir[4096];
	snprintf(dir, sizeof(dir), "%s/builds", cache_dir);
	DIR *dp = opendir(dir);
	if (dp == NULL)
		return errno == ENOENT ? 0 : -1;
	long n = 0;
	for (struct dirent *e; (e = readdir(dp)) != NULL;) {
		char path[8192];
		size_t nl = strlen(e->d_name);
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		bool tmp = nl > 4 && strcmp(e->d_name + nl - 4, ".tmp") == 0;
		if ((tmp ? unlink(path) : forget_one(path)) == 0)
			n++;
	}
	closedir(dp);
	return n;
}
