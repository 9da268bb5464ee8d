/*
 * loadcache.c - see loadcache.h.
 *
 * The file: MAGIC, a 16-byte digest of (version, binary, caller's key),
 * the number of entries, then each entry as its name ("BLOB KIND FILE")
 * and its payload, both length-prefixed, then a 16-byte digest of all
 * that precedes it (a damaged byte anywhere makes the file ignored, never
 * a wrong front matter).  Integers are LEB128 varints: a page's entry is
 * about the size of its front matter.  On open, only the entries' names
 * are read into an index; a payload is decoded when asked for.
 */
#include "loadcache.h"

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "cachedir.h"
#include "fsutil.h"
#include "hash.h"
#include "strmap.h"
#include "xalloc.h"

#define MAGIC "fabrique-load 2\n"
#define MAX_DEPTH 200 /* deeper trees are not kept (and not read) */

struct ent {
	char *name;
	const unsigned char *data; /* in the file read, or owned */
	size_t len;
	bool used, owned;
};

struct loadcache {
	char *path;
	unsigned char digest[HASH_RAW];
	const char *file; /* the file mapped (entries point into it) */
	size_t file_len;
	arena *a; /* the index */
	strmap *index;
	struct ent *ents;
	size_t n, cap, nread, hits, misses;
	bool changed;
	pthread_mutex_t lock;
};

/* ---- encoding ------------------------------------------------------ */

/* v as a LEB128 varint in tmp: its length. */
static size_t
uv_enc(unsigned char tmp[10], uint64_t v)
{
	size_t n = 0;
	do {
		tmp[n] = (unsigned char)(v & 0x7f);
		v >>= 7;
		if (v != 0)
			tmp[n] |= 0x80;
		n++;
	} while (v != 0);
	return n;
}

static void
put_uv(buf *b, uint64_t v)
{
	unsigned char tmp[10];
	buf_put(b, tmp, uv_enc(tmp, v));
}

static void
put_bytes(buf *b, const char *s, size_t len)
{
	put_uv(b, len);
	buf_put(b, s, len);
}

/* A position: 0 without a file, 1 in the entry's file; another file
 * makes the tree unfit to keep (false). */
static bool
put_pos(buf *b, value_pos p, const char *file)
{
	if (p.file != NULL && strcmp(p.file, file) != 0)
		return false;
	put_uv(b, p.file != NULL);
	put_uv(b, p.line);
	put_uv(b, p.col);
	return true;
}

static bool
put_value(buf *b, const value *v, const char *file, int depth)
{
	value_kind k = value_kind_of(v);
	if (v == NULL || depth > MAX_DEPTH)
		return false;
	put_uv(b, (uint64_t)k | (value_is_plain(v) ? 8u : 0u));
	if (!put_pos(b, value_where(v), file))
		return false;
	switch (k) {
	case VALUE_NULL: return true;
	case VALUE_BOOL: put_uv(b, value_get_bool(v)); return true;
	case VALUE_NUMBER: {
		double d = value_get_number(v);
		buf_put(b, &d, sizeof(d));
		return true;
	}
	case VALUE_STRING:
		put_bytes(b, value_get_string(v), value_string_len(v));
		return true;
	case VALUE_LIST:
		put_uv(b, value_len(v));
		for (size_t i = 0; i < value_len(v); i++)
			if (!put_value(b, value_at(v, i), file, depth + 1))
				return false;
		return true;
	case VALUE_MAP:
		put_uv(b, value_len(v));
		for (size_t i = 0; i < value_len(v); i++) {
			const char *key = value_key_at(v, i);
			put_bytes(b, key, strlen(key));
			if (!put_pos(b, value_key_pos(v, i), file) ||
			    !put_value(b, value_val_at(v, i), file, depth + 1))
				return false;
		}
		return true;
	}
	return false;
}

static bool
encode(buf *b, const char *file, const loadcache_entry *e)
{
	put_uv(b, e->text_len);
	put_uv(b, e->body_off);
	put_uv(b, e->body_len);
	put_uv(b, e->body_line);
	put_uv(b, e->nnotes);
	for (size_t i = 0; i < e->nnotes; i++) {
		const loadcache_note *n = &e->notes[i];
		put_uv(b, (uint64_t)n->lvl);
		put_uv(b, n->file == NULL              ? 0
		          : strcmp(n->file, file) == 0 ? 1
		                                       : 2);
		if (n->file != NULL && strcmp(n->file, file) != 0)
			put_bytes(b, n->file, strlen(n->file));
		put_uv(b, n->line);
		put_uv(b, n->col);
		put_bytes(b, n->msg, strlen(n->msg));
	}
	put_uv(b, e->nimages);
	for (size_t i = 0; i < e->nimages; i++)
		put_bytes(b, e->images[i], strlen(e->images[i]));
	return put_value(b, e->raw, file, 0);
}

/* ---- decoding: bounds-checked, a damaged payload is a miss ---------- */

struct reader {
	const unsigned char *p, *end;
	bool bad;
};

static uint64_t
get_uv(struct reader *r)
{
	uint64_t v = 0;
	for (int shift = 0; shift < 64; shift += 7) {
		if (r->p >= r->end)
			break;
		unsigned char c = *r->p++;
		v |= (uint64_t)(c & 0x7f) << shift;
		if (!(c & 0x80))
			return v;
	}
	r->bad = true;
	return 0;
}

/* Bytes of a length-prefixed string, not copied (NULL when bad). */
static const char *
get_bytes(struct reader *r, size_t *len)
{
	uint64_t n = get_uv(r);
	if (r->bad || n > (uint64_t)(r->end - r->p)) {
		r->bad = true;
		*len = 0;
		return NULL;
	}
	const char *s = (const char *)r->p;
	r->p += n;
	*len = (size_t)n;
	return s;
}

static const char *
get_str(struct reader *r, arena *a)
{
	size_t n;
	const char *s = get_bytes(r, &n);
	return s != NULL ? arena_strndup(a, s, n) : "";
}

static value_pos
get_pos(struct reader *r, const char *file)
{
	value_pos p = {NULL, 0, 0};
	uint64_t f = get_uv(r);
	p.file = f == 1 ? file : NULL;
	if (f > 1)
		r->bad = true;
	p.line = (unsigned)get_uv(r);
	p.col = (unsigned)get_uv(r);
	return p;
}

static value *
get_value(struct reader *r, const char *file, arena *a, int depth)
{
	uint64_t tag = get_uv(r);
	value_pos pos = get_pos(r, file);
	if (r->bad || depth > MAX_DEPTH || (tag & 7) > VALUE_MAP || tag > 15) {
		r->bad = true;
		return NULL;
	}
	value *v = NULL;
	switch ((value_kind)(tag & 7)) {
	case VALUE_NULL: v = value_null(a); break;
	case VALUE_BOOL: v = value_bool(a, get_uv(r) != 0); break;
	case VALUE_NUMBER: {
		double d = 0;
		if ((size_t)(r->end - r->p) < sizeof(d)) {
			r->bad = true;
			return NULL;
		}
		memcpy(&d, r->p, sizeof(d));
		r->p += sizeof(d);
		v = value_number(a, d);
		break;
	}
	case VALUE_STRING: {
		size_t n;
		const char *s = get_bytes(r, &n);
		v = value_stringn(a, s != NULL ? s : "", n);
		break;
	}
	case VALUE_LIST: {
		uint64_t n = get_uv(r);
		v = value_set_pos(a, value_list(a), pos.file, pos.line,
		                  pos.col);
		for (uint64_t i = 0; i < n && !r->bad; i++) {
			value *item = get_value(r, file, a, depth + 1);
			if (item != NULL)
				value_push(a, v, item);
		}
		break;
	}
	case VALUE_MAP: {
		uint64_t n = get_uv(r);
		/* placed before its entries, to keep their keys' positions */
		v = value_set_pos(a, value_map(a), pos.file, pos.line, pos.col);
		for (uint64_t i = 0; i < n && !r->bad; i++) {
			const char *key = get_str(r, a);
			value_pos kp = get_pos(r, file);
			value *item = get_value(r, file, a, depth + 1);
			if (item == NULL)
				break;
			value_set(a, v, key, item);
			value_set_key_pos(v, value_len(v) - 1, kp);
		}
		break;
	}
	}
	if (r->bad)
		return NULL;
	value_set_plain(v, (tag & 8) != 0);
	return value_set_pos(a, v, pos.file, pos.line, pos.col);
}

static bool
decode(const unsigned char *data, size_t len, const char *file, arena *a,
       loadcache_entry *e)
{
	struct reader r = {data, data + len, false};
	e->text_len = (size_t)get_uv(&r);
	e->body_off = (size_t)get_uv(&r);
	e->body_len = (size_t)get_uv(&r);
	e->body_line = (unsigned)get_uv(&r);
	uint64_t nn = get_uv(&r);
	if (r.bad || nn > len)
		return false;
	loadcache_note *notes = arena_zalloc(a, (nn + 1) * sizeof(*notes));
	for (uint64_t i = 0; i < nn && !r.bad; i++) {
		loadcache_note *n = &notes[i];
		uint64_t lvl = get_uv(&r), f = get_uv(&r);
		n->lvl = lvl == DIAG_ERROR     ? DIAG_ERROR
		         : lvl == DIAG_WARNING ? DIAG_WARNING
		                               : DIAG_NOTE;
		n->file = f == 0 ? NULL : f == 1 ? file : get_str(&r, a);
		n->line = (unsigned)get_uv(&r);
		n->col = (unsigned)get_uv(&r);
		n->msg = get_str(&r, a);
	}
	e->notes = notes;
	e->nnotes = (size_t)nn;
	uint64_t ni = get_uv(&r);
	if (r.bad || ni > len)
		return false;
	const char **images = arena_zalloc(a, (ni + 1) * sizeof(*images));
	for (uint64_t i = 0; i < ni && !r.bad; i++)
		images[i] = get_str(&r, a);
	e->images = images;
	e->nimages = (size_t)ni;
	e->raw = r.bad ? NULL : get_value(&r, file, a, 0);
	return !r.bad && r.p == r.end && e->raw != NULL &&
	       e->body_off + e->body_len <= e->text_len;
}

/* ---- the file ------------------------------------------------------ */

static char *
ent_name(const char *file, const char *kind, const char *blob)
{
	/* "BLOB KIND FILE", copied, not printed: one a page, each build */
	size_t nb = strlen(blob), nk = strlen(kind), nf = strlen(file);
	char *s = xmalloc(nb + nk + nf + 3);
	memcpy(s, blob, nb);
	s[nb] = ' ';
	memcpy(s + nb + 1, kind, nk);
	s[nb + 1 + nk] = ' ';
	memcpy(s + nb + nk + 2, file, nf + 1);
	return s;
}

static struct ent *
add_ent(loadcache *c, char *name)
{
	if (c->n == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 256;
		c->ents = xrealloc(c->ents, c->cap * sizeof(*c->ents));
	}
	struct ent *e = &c->ents[c->n];
	*e = (struct ent){.name = name};
	strmap_put(c->index, name, (void *)(uintptr_t)(++c->n));
	return e;
}

static struct ent *
find_ent(const loadcache *c, const char *name)
{
	uintptr_t i = (uintptr_t)strmap_get(c->index, name);
	return i != 0 ? &c->ents[i - 1] : NULL;
}

static char *
dup_n(const char *s, size_t n)
{
	char *d = xmalloc(n + 1);
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

/* Reads the index of the file; anything amiss leaves the cache empty.
 * Mapped, not read (loadcache_save() replaces it by a rename, never in
 * place): read() copied its 7 MB (10,000 pages) into fresh memory on
 * every build, a page fault each 4 KiB. */
static void
read_file(loadcache *c)
{
	size_t len = 0, ml = strlen(MAGIC);
	const char *data = fsutil_map_file(c->path, &len);
	if (data == NULL)
		return;
	unsigned char sum[HASH_RAW];
	if (len < ml + 2 * HASH_RAW || memcmp(data, MAGIC, ml) != 0 ||
	    memcmp(data + ml, c->digest, HASH_RAW) != 0 ||
	    (hash_raw(data, len - HASH_RAW, sum),
	     memcmp(sum, data + len - HASH_RAW, HASH_RAW) != 0)) {
		fsutil_unmap(data, len);
		return;
	}
	struct reader r = {(const unsigned char *)data + ml + HASH_RAW,
	                   (const unsigned char *)data + len - HASH_RAW, false};
	uint64_t n = get_uv(&r);
	for (uint64_t i = 0; i < n && !r.bad; i++) {
		size_t nl, pl;
		const char *name = get_bytes(&r, &nl);
		const char *payload = get_bytes(&r, &pl);
		if (r.bad)
			break;
		struct ent *e = add_ent(c, dup_n(name, nl));
		e->data = (const unsigned char *)payload;
		e->len = pl;
	}
	if (r.bad || r.p != r.end) { /* cannot be, the sum matched */
		for (size_t i = 0; i < c->n; i++)
			free(c->ents[i].name);
		c->n = 0;
		c->index = strmap_new(c->a);
		fsutil_unmap(data, len);
		return;
	}
	c->file = data;
	c->file_len = len;
	c->nread = c->n;
}

loadcache *
loadcache_open(const char *path, const char *key)
{
	loadcache *c = xcalloc(1, sizeof(*c));
	c->a = arena_new();
	c->index = strmap_new(c->a);
	pthread_mutex_init(&c->lock, NULL);
	if (path == NULL)
		return c;
	c->path = xstrdup(path);
	char exe[64];
	cachedir_exe_id(exe, sizeof(exe));
	buf k = BUF_INIT;
	buf_printf(&k, MAGIC "%s %s\n%s", FABRIQUE_VERSION, exe,
	           key != NULL ? key : "");
	hash_raw(k.data, k.len, c->digest);
	buf_free(&k);
	read_file(c);
	return c;
}

void
loadcache_free(loadcache *c)
{
	if (c == NULL)
		return;
	for (size_t i = 0; i < c->n; i++) {
		free(c->ents[i].name);
		if (c->ents[i].owned)
			free((void *)c->ents[i].data);
	}
	free(c->ents);
	fsutil_unmap(c->file, c->file_len);
	free(c->path);
	arena_free(c->a);
	pthread_mutex_destroy(&c->lock);
	free(c);
}

bool
loadcache_get(loadcache *c, const char *file, const char *kind,
              const char *blob, arena *a, loadcache_entry *e)
{
	if (c == NULL || c->path == NULL)
		return false;
	char *name = ent_name(file, kind, blob);
	pthread_mutex_lock(&c->lock);
	struct ent *en = find_ent(c, name);
	const unsigned char *data = en != NULL ? en->data : NULL;
	size_t len = en != NULL ? en->len : 0;
	/* An entry read from the file never changes until the cache is
	 * freed: decoded outside the lock, so that several loading threads
	 * decode at once.  One put by this build may be replaced: under it. */
	bool owned = en != NULL && en->owned;
	size_t at = en != NULL ? (size_t)(en - c->ents) : 0;
	if (!owned)
		pthread_mutex_unlock(&c->lock);
	bool ok = data != NULL && decode(data, len, file, a, e);
	if (!owned)
		pthread_mutex_lock(&c->lock);
	if (ok) /* by its place: a put may have moved the entries */
		c->ents[at].used = true, c->hits++;
	else
		c->misses++;
	pthread_mutex_unlock(&c->lock);
	free(name);
	return ok;
}

void
loadcache_put(loadcache *c, const char *file, const char *kind,
              const char *blob, const loadcache_entry *e)
{
	if (c == NULL || c->path == NULL)
		return;
	buf b = BUF_INIT;
	if (!encode(&b, file, e)) {
		buf_free(&b);
		return;
	}
	char *name = ent_name(file, kind, blob);
	pthread_mutex_lock(&c->lock);
	struct ent *en = find_ent(c, name);
	if (en != NULL) {
		free(name);
		if (en->owned)
			free((void *)en->data);
	} else
		en = add_ent(c, name);
	size_t len = b.len;
	en->data = (const unsigned char *)buf_detach(&b, &len);
	en->len = len;
	en->owned = en->used = true;
	c->changed = true;
	pthread_mutex_unlock(&c->lock);
}

/* What loadcache_save() writes: the header, then the entries kept, each
 * piece hashed as it goes (hash_stream), through a small buffer. */
#define SAVE_CHUNK (64 * 1024)

struct saver {
	const loadcache *c;
	size_t total, used;
	hash_stream h;
	buf out;
};

/* The length of v as a varint (put_uv's). */
static size_t
uv_len(uint64_t v)
{
	unsigned char tmp[10];
	return uv_enc(tmp, v);
}

static int
save_put(struct saver *sv, int fd, const void *data, size_t len)
{
	hash_stream_put(&sv->h, data, len);
	if (sv->out.len + len > SAVE_CHUNK && sv->out.len > 0) {
		if (fsutil_write_all(fd, sv->out.data, sv->out.len) != 0)
			return -1;
		buf_reset(&sv->out);
	}
	if (len >= SAVE_CHUNK) /* not copied: written as it is */
		return fsutil_write_all(fd, data, len);
	buf_put(&sv->out, data, len);
	return 0;
}

static int
save_bytes(struct saver *sv, int fd, const void *data, size_t len)
{
	unsigned char n[10];
	return save_put(sv, fd, n, uv_enc(n, len)) == 0
	           ? save_put(sv, fd, data, len)
	           : -1;
}

/*
 * fsutil_write_fn: the file streamed to fd.  Streamed, not made whole in
 * memory first: at 10,000 pages the file is ~7 MB, and a buffer grown to
 * it cost the edit build's main thread a copy and a page fault per page
 * of it, besides the write's own.
 */
static int
save_write(void *ctx, int fd)
{
	struct saver *sv = ctx;
	const loadcache *c = sv->c;
	hash_stream_begin(&sv->h, sv->total);
	unsigned char n[10];
	int rc = save_put(sv, fd, MAGIC, strlen(MAGIC)) == 0 &&
	                 save_put(sv, fd, c->digest, HASH_RAW) == 0 &&
	                 save_put(sv, fd, n, uv_enc(n, sv->used)) == 0
	             ? 0
	             : -1;
	for (size_t i = 0; rc == 0 && i < c->n; i++) {
		const struct ent *e = &c->ents[i];
		if (e->used &&
		    (save_bytes(sv, fd, e->name, strlen(e->name)) != 0 ||
		     save_bytes(sv, fd, e->data, e->len) != 0))
			rc = -1;
	}
	unsigned char sum[HASH_RAW];
	hash_stream_raw(&sv->h, sum);
	if (rc == 0)
		buf_put(&sv->out, sum, HASH_RAW);
	if (rc == 0 && fsutil_write_all(fd, sv->out.data, sv->out.len) != 0)
		rc = -1;
	return rc;
}

int
loadcache_save(loadcache *c)
{
	if (c == NULL || c->path == NULL)
		return 0;
	struct saver sv = {.c = c, .out = BUF_INIT};
	for (size_t i = 0; i < c->n; i++)
		sv.used += c->ents[i].used;
	if (!c->changed && sv.used == c->nread)
		return 0; /* the file holds exactly these entries */
	/* the length hashed first (hash_stream): known before writing */
	sv.total = strlen(MAGIC) + HASH_RAW + uv_len(sv.used);
	for (size_t i = 0; i < c->n; i++) {
		const struct ent *e = &c->ents[i];
		size_t nl = strlen(e->name);
		if (e->used)
			sv.total += uv_len(nl) + nl + uv_len(e->len) + e->len;
	}
	char *dir = xstrdup(c->path);
	char *slash = strrchr(dir, '/');
	if (slash != NULL) {
		*slash = '\0';
		(void)fsutil_mkdirs(dir);
	}
	free(dir);
	/* temp file + rename: a reader never sees half a file, and two
	 * builds saving at once each leave a whole one */
	int rc = fsutil_replace_with(c->path, save_write, &sv);
	buf_free(&sv.out);
	return rc;
}

void
loadcache_counts(const loadcache *c, size_t *hits, size_t *misses)
{
	*hits = c != NULL ? c->hits : 0;
	*misses = c != NULL ? c->misses : 0;
}

int
loadcache_remove(const char *path)
{
	return unlink(path) == 0 || errno == ENOENT ? 0 : -1;
}
