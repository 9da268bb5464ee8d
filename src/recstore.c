#include "recstore.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "buf.h"
#include "cachedir.h"
#include "fsutil.h"
#include "hash.h"
#include "scratch.h"

#define MAGIC "fabrique-records 1"

/* An entry of the file read, or one put since. */
struct entry {
	unsigned char key[RECSTORE_KEY];
	const char *data; /* NULL: in the file read (loaded) or the scratch
	                   * file (put), at off */
	long long off;
	uint32_t len;
	bool loaded;      /* off is in the file read, else in the scratch */
	atomic_bool used; /* got this build: kept for the next */
};

struct recstore {
	char *path; /* NULL: nothing kept */
	char header[160];
	int fd; /* the file read, kept open: its entries are read back from
	         * it when wanted (-1: none) */
	struct entry *loaded;
	size_t nloaded, caploaded;
	uint32_t *slot; /* open addressing: entry index + 1 */
	size_t cap;
	atomic_size_t got;
	pthread_mutex_t lock; /* what follows */
	/* the records put, parked out of memory (10,000 pages' search
	 * records, 17 MB, were the largest part of the peak at the end of
	 * the build), or NULL: kept in a */
	scratch *spill;
	bool spill_tried;
	arena *a;
	struct entry **put;
	size_t nput, capput;
};

static size_t
slot_of(const unsigned char *key, size_t cap)
{
	uint64_t h;
	memcpy(&h, key, sizeof(h)); /* a digest: its bytes are spread */
	return (size_t)h & (cap - 1);
}

static uint32_t
get_u32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static void
put_u32(buf *b, uint32_t v)
{
	unsigned char p[4] = {(unsigned char)v, (unsigned char)(v >> 8),
	                      (unsigned char)(v >> 16),
	                      (unsigned char)(v >> 24)};
	buf_put(b, p, 4);
}

/* Reading the body of the file: its entries' headers (key, length) as
 * they go by, an entry's bytes skipped (read back when wanted). */
struct reading {
	unsigned char head[RECSTORE_KEY + 4];
	size_t nhead;
	size_t skip;  /* of the entry's bytes still to go by */
	long long at; /* the offset in the file of what comes next */
};

/* n bytes of the body at p into rd, the entries seen into rs->loaded. */
static void
take(recstore *rs, struct reading *rd, const unsigned char *p, size_t n)
{
	while (n > 0) {
		size_t t = rd->skip < n ? rd->skip : n;
		if (t == 0) {
			t = sizeof(rd->head) - rd->nhead;
			t = t < n ? t : n;
			memcpy(rd->head + rd->nhead, p, t);
			rd->nhead += t;
		} else
			rd->skip -= t;
		p += t, n -= t, rd->at += (long long)t;
		if (rd->nhead < sizeof(rd->head))
			continue;
		if (rs->nloaded == rs->caploaded) {
			rs->caploaded = rs->caploaded ? 2 * rs->caploaded : 256;
			rs->loaded = xrealloc(
			    rs->loaded, rs->caploaded * sizeof(*rs->loaded));
		}
		struct entry *e = &rs->loaded[rs->nloaded++];
		memcpy(e->key, rd->head, RECSTORE_KEY);
		e->data = NULL;
		e->loaded = true;
		e->off = rd->at;
		e->len = get_u32(rd->head + RECSTORE_KEY);
		atomic_init(&e->used, false);
		rd->skip = e->len;
		rd->nhead = 0;
	}
}

/* The body of the file open as fd (blen octets after the header and its
 * digest d) read through a small buffer: its entries listed, its digest
 * checked.  False if it is not d's or not a sequence of whole entries. */
static bool
read_body(recstore *rs, int fd, size_t blen, const unsigned char *d)
{
	static const size_t chunk = 64 * 1024;
	unsigned char *b = xmalloc(chunk), got[HASH_RAW];
	struct reading rd = {.at = (long long)(strlen(rs->header) + HASH_RAW)};
	hash_stream h;
	hash_stream_begin(&h, blen);
	size_t left = blen;
	while (left > 0) {
		ssize_t n =
		    fsutil_read_full(fd, b, left < chunk ? left : chunk);
		if (n <= 0)
			break;
		hash_stream_put(&h, b, (size_t)n);
		take(rs, &rd, b, (size_t)n);
		left -= (size_t)n;
	}
	free(b);
	hash_stream_raw(&h, got);
	return left == 0 && rd.nhead == 0 && rd.skip == 0 &&
	       memcmp(got, d, HASH_RAW) == 0;
}

/* The file: the header line, the digest of the body, the body (each
 * entry: key, length, bytes).  Anything else: ignored whole.  Read through
 * a small buffer and kept open, its entries read back one by one when
 * wanted (entry_data()): neither read whole into memory (18 MB at 10,000
 * pages, a page fault each 4 KiB) nor mapped, since the pages of a
 * mapping read count in the build's memory (RSS) until it ends: a
 * one-page edit's peak was 15 MiB above a cold build's. */
static void
load(recstore *rs)
{
	size_t hl = strlen(rs->header);
	unsigned char head[sizeof(rs->header) + HASH_RAW];
	int fd = open(rs->path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	if (fd < 0)
		return;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    (size_t)st.st_size < hl + HASH_RAW ||
	    fsutil_read_full(fd, head, hl + HASH_RAW) !=
	        (ssize_t)(hl + HASH_RAW) ||
	    memcmp(head, rs->header, hl) != 0 ||
	    !read_body(rs, fd, (size_t)st.st_size - hl - HASH_RAW, head + hl)) {
		close(fd);
		free(rs->loaded);
		rs->loaded = NULL;
		rs->nloaded = rs->caploaded = 0;
		return;
	}
	rs->fd = fd;
	size_t n = rs->nloaded;
	for (rs->cap = 16; rs->cap < 2 * n; rs->cap *= 2)
		;
	rs->slot = xcalloc(rs->cap, sizeof(*rs->slot));
	for (size_t i = 0; i < n; i++) {
		size_t k = slot_of(rs->loaded[i].key, rs->cap);
		while (rs->slot[k] != 0)
			k = (k + 1) & (rs->cap - 1);
		rs->slot[k] = (uint32_t)i + 1;
	}
}

/* malloc'ed: where the store of records named name lives in dir. */
static char *
store_path(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 16;
	char *path = xmalloc(n);
	snprintf(path, n, "%s/%s.records", dir, name);
	return path;
}

int
recstore_remove(const char *dir, const char *name)
{
	char *path = store_path(dir, name);
	int rc = unlink(path) == 0 || errno == ENOENT ? 0 : -1;
	free(path);
	return rc;
}

recstore *
recstore_open(const char *dir, const char *name)
{
	recstore *rs = xcalloc(1, sizeof(*rs));
	char exe[64];
	cachedir_exe_id(exe, sizeof(exe));
	snprintf(rs->header, sizeof(rs->header), MAGIC " %s %s %s\n", name,
	         FABRIQUE_VERSION, exe);
	pthread_mutex_init(&rs->lock, NULL);
	atomic_init(&rs->got, 0);
	rs->a = arena_new();
	rs->fd = -1;
	if (dir != NULL) {
		rs->path = store_path(dir, name);
		load(rs);
	}
	return rs;
}

void
recstore_free(recstore *rs)
{
	if (rs == NULL)
		return;
	pthread_mutex_destroy(&rs->lock);
	scratch_free(rs->spill);
	arena_free(rs->a);
	free(rs->put);
	free(rs->slot);
	free(rs->loaded);
	if (rs->fd >= 0)
		close(rs->fd);
	free(rs->path);
	free(rs);
}

void
recstore_key(const recstore *rs, const void *data, size_t len,
             unsigned char key[RECSTORE_KEY])
{
	unsigned char in[2 * HASH_RAW];
	hash_raw(rs->header, strlen(rs->header), in);
	hash_raw(data, len, in + HASH_RAW);
	hash_raw(in, sizeof(in), key);
}

bool
recstore_get(recstore *rs, const unsigned char key[RECSTORE_KEY], size_t *no)
{
	if (rs->cap == 0)
		return false;
	for (size_t k = slot_of(key, rs->cap); rs->slot[k] != 0;
	     k = (k + 1) & (rs->cap - 1)) {
		struct entry *e = &rs->loaded[rs->slot[k] - 1];
		if (memcmp(e->key, key, RECSTORE_KEY) == 0) {
			atomic_store(&e->used, true);
			atomic_fetch_add(&rs->got, 1);
			*no = (size_t)rs->slot[k] - 1;
			return true;
		}
	}
	return false;
}

/* The scratch file of the records put, made at the first in the store's
 * folder (a build that makes none makes no file), or NULL: none wanted
 * (nothing kept) or none could be made.  Under rs->lock. */
static scratch *
spill_of(recstore *rs)
{
	if (!rs->spill_tried && rs->path != NULL) {
		char *slash = strrchr(rs->path, '/');
		*slash = '\0';
		if (fsutil_mkdirs(rs->path) == 0)
			rs->spill = scratch_open(rs->path, ".records");
		*slash = '/';
	}
	rs->spill_tried = true;
	return rs->spill;
}

size_t
recstore_put(recstore *rs, const unsigned char key[RECSTORE_KEY],
             const void *data, size_t len)
{
	pthread_mutex_lock(&rs->lock);
	struct entry *e = arena_alloc(rs->a, sizeof(*e));
	scratch *sc = spill_of(rs);
	e->data = NULL;
	e->loaded = false;
	e->off = sc != NULL ? scratch_put(sc, data, len) : -1;
	if (e->off < 0) { /* kept in memory */
		char *copy = arena_alloc(rs->a, len + 1);
		if (len > 0)
			memcpy(copy, data, len);
		copy[len] = '\0';
		e->data = copy;
	}
	memcpy(e->key, key, RECSTORE_KEY);
	e->len = (uint32_t)len;
	atomic_init(&e->used, true);
	if (rs->nput == rs->capput) {
		rs->capput = rs->capput ? rs->capput * 2 : 256;
		rs->put = xrealloc(rs->put, rs->capput * sizeof(*rs->put));
	}
	size_t no = rs->nput++;
	rs->put[no] = e;
	pthread_mutex_unlock(&rs->lock);
	return rs->nloaded + no;
}

/* The bytes of entry e: where they lie, or read into *b (reset first);
 * NULL if they cannot be read back. */
static const char *
entry_data(const recstore *rs, const struct entry *e, buf *b)
{
	if (e->data != NULL)
		return e->data;
	buf_reset(b);
	if (!e->loaded)
		return scratch_read(rs->spill, e->off, e->len, b) ? b->data
		                                                  : NULL;
	buf_grow(b, e->len);
	ssize_t got = fsutil_pread_full(rs->fd, b->data, e->len, e->off);
	if (got < 0 || (size_t)got != e->len)
		return NULL;
	b->len = e->len;
	b->data[b->len] = '\0';
	return b->data;
}

const char *
recstore_data(recstore *rs, size_t no, buf *b, size_t *len)
{
	const struct entry *e;
	if (no < rs->nloaded) { /* never changes after recstore_open() */
		e = &rs->loaded[no];
	} else {
		pthread_mutex_lock(&rs->lock);
		e = rs->put[no - rs->nloaded];
		pthread_mutex_unlock(&rs->lock);
	}
	*len = e->len;
	return entry_data(rs, e, b);
}

void
recstore_counts(const recstore *rs, size_t *got, size_t *put)
{
	*got = atomic_load(&rs->got);
	*put = rs->nput;
}

/* The entries kept for the next build: those got, then those put. */
static const struct entry *
kept_at(const recstore *rs, size_t *i, size_t *j)
{
	while (*i < rs->nloaded)
		if (atomic_load(&rs->loaded[(*i)++].used))
			return &rs->loaded[*i - 1];
	return *j < rs->nput ? rs->put[(*j)++] : NULL;
}

/* What save() writes, piece by piece: the header and the digest of the
 * body, then each entry (key, length, bytes) through a small buffer. */
struct saving {
	const recstore *rs;
	const unsigned char *digest;
	buf b;
};

#define SAVE_CHUNK (64 * 1024)

static int
flush(struct saving *sv, int fd, size_t room)
{
	if (sv->b.len + room <= SAVE_CHUNK)
		return 0;
	int rc = fsutil_write_all(fd, sv->b.data, sv->b.len);
	buf_reset(&sv->b);
	return rc;
}

/* Entry e (its bytes: data) into the file, through sv->b. */
static int
write_entry(struct saving *sv, int fd, const struct entry *e, const char *data)
{
	if (flush(sv, fd, RECSTORE_KEY + 4 + e->len) != 0)
		return -1;
	buf_put(&sv->b, e->key, RECSTORE_KEY);
	put_u32(&sv->b, e->len);
	if (e->len <= SAVE_CHUNK) {
		buf_put(&sv->b, data, e->len);
		return 0;
	}
	/* not copied: written as it is */
	return flush(sv, fd, SAVE_CHUNK + 1) != 0 ||
	               fsutil_write_all(fd, data, e->len) != 0
	           ? -1
	           : 0;
}

static int
write_entries(void *ctx, int fd)
{
	struct saving *sv = ctx;
	const struct entry *e;
	size_t i = 0, j = 0;
	buf in = BUF_INIT;
	int rc = 0;
	buf_puts(&sv->b, sv->rs->header);
	buf_put(&sv->b, sv->digest, HASH_RAW);
	while (rc == 0 && (e = kept_at(sv->rs, &i, &j)) != NULL) {
		const char *data = entry_data(sv->rs, e, &in);
		rc = data != NULL ? write_entry(sv, fd, e, data) : -1;
	}
	buf_free(&in);
	return rc == 0 ? flush(sv, fd, SAVE_CHUNK + 1) : -1;
}

/* The digest of the body the entries make, which comes before it in the
 * file: hashed a first time as it will be written.  -1: an entry could
 * not be read back. */
static int
body_digest(const recstore *rs, unsigned char d[HASH_RAW])
{
	const struct entry *e;
	size_t i = 0, j = 0, len = 0;
	buf in = BUF_INIT;
	while ((e = kept_at(rs, &i, &j)) != NULL)
		len += RECSTORE_KEY + 4 + (size_t)e->len;
	hash_stream h;
	hash_stream_begin(&h, len);
	i = j = 0;
	while ((e = kept_at(rs, &i, &j)) != NULL) {
		unsigned char l[4] = {(unsigned char)e->len,
		                      (unsigned char)(e->len >> 8),
		                      (unsigned char)(e->len >> 16),
		                      (unsigned char)(e->len >> 24)};
		const char *data = entry_data(rs, e, &in);
		if (data == NULL) {
			buf_free(&in);
			return -1;
		}
		hash_stream_put(&h, e->key, RECSTORE_KEY);
		hash_stream_put(&h, l, 4);
		hash_stream_put(&h, data, e->len);
	}
	hash_stream_raw(&h, d);
	buf_free(&in);
	return 0;
}

/*
 * Written entry by entry (fsutil_replace_with(): a reader never sees
 * half a file): the records of a large site (18 MB at 10,000 pages) are
 * not copied into one buffer at the end of the build, when its peak
 * memory is reached.
 */
int
recstore_save(recstore *rs)
{
	if (rs->path == NULL)
		return 0;
	size_t unused = 0;
	for (size_t i = 0; i < rs->nloaded; i++)
		unused += !atomic_load(&rs->loaded[i].used);
	if (rs->nput == 0 && unused == 0 && rs->fd >= 0)
		return 0; /* the file holds exactly these */
	unsigned char d[HASH_RAW];
	if (body_digest(rs, d) != 0)
		return -1;
	struct saving sv = {rs, d, BUF_INIT};
	char *slash = strrchr(rs->path, '/');
	*slash = '\0';
	int ok = fsutil_mkdirs(rs->path) == 0;
	*slash = '/';
	int rc = ok && fsutil_replace_with(rs->path, write_entries, &sv) == 0
	             ? 0
	             : -1;
	buf_free(&sv.b);
	return rc;
}
