#include "blobmemo.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "buf.h"
#include "cachedir.h"
#include "fsutil.h"
#include "hash.h"
#include "strmap.h"
#include "xalloc.h"

#define MAGIC "fabrique-blobmemo 1\n"
#define HEX_LEN 40
/* a record: the blob's id in hex, then its result */
#define REC (HEX_LEN + BLOBMEMO_VAL)
/* the header: the key's digest, then the records' */
#define HEAD (2 * HASH_RAW)

struct ent {
	char hex[HEX_LEN + 1];
	unsigned char val[BLOBMEMO_VAL];
	bool used;
};

struct blobmemo {
	char *path;
	unsigned char key[HASH_RAW];
	arena *a;
	strmap *index; /* hex -> struct ent */
	struct ent **ents;
	size_t n, cap;
	bool put;    /* an entry added or changed since opening */
	bool loaded; /* the file read (at the first get or put) */
	pthread_mutex_t lock;
};

static struct ent *
add_ent(blobmemo *m, const char *hex, const unsigned char *val)
{
	struct ent *e = arena_alloc(m->a, sizeof(*e));
	memcpy(e->hex, hex, HEX_LEN);
	e->hex[HEX_LEN] = '\0';
	memcpy(e->val, val, BLOBMEMO_VAL);
	e->used = false;
	if (m->n == m->cap) {
		m->cap = m->cap ? 2 * m->cap : 256;
		m->ents = xrealloc(m->ents, m->cap * sizeof(*m->ents));
	}
	m->ents[m->n++] = e;
	strmap_put(m->index, e->hex, e);
	return e;
}

/* The file's entries, when its key and its records' digest are ours;
 * read once, at the first get or put (the lock held): what asks for no
 * digest (a check; a build that makes no programme nor calendar) reads
 * nothing. */
static void
read_file(blobmemo *m)
{
	if (m->loaded)
		return;
	m->loaded = true;
	size_t len;
	char *data = fsutil_read_file(m->path, &len);
	unsigned char sum[HASH_RAW];
	if (data == NULL || len < HEAD || (len - HEAD) % REC != 0 ||
	    memcmp(data, m->key, HASH_RAW) != 0) {
		free(data);
		return;
	}
	hash_raw(data + HEAD, len - HEAD, sum);
	if (memcmp(data + HASH_RAW, sum, HASH_RAW) == 0) {
		strmap_reserve(m->index, (len - HEAD) / REC);
		for (size_t off = HEAD; off < len; off += REC)
			add_ent(m, data + off,
			        (const unsigned char *)data + off + HEX_LEN);
	}
	free(data);
}

blobmemo *
blobmemo_open(const char *path, const char *tag)
{
	if (path == NULL)
		return NULL;
	blobmemo *m = xcalloc(1, sizeof(*m));
	m->path = xstrdup(path);
	m->a = arena_new();
	m->index = strmap_new(m->a);
	pthread_mutex_init(&m->lock, NULL);
	char exe[64];
	cachedir_exe_id(exe, sizeof(exe));
	buf k = BUF_INIT;
	buf_printf(&k, MAGIC "%s %s\n%s", FABRIQUE_VERSION, exe, tag);
	hash_raw(k.data, k.len, m->key);
	buf_free(&k);
	return m;
}

void
blobmemo_free(blobmemo *m)
{
	if (m == NULL)
		return;
	free(m->ents);
	free(m->path);
	arena_free(m->a);
	pthread_mutex_destroy(&m->lock);
	free(m);
}

bool
blobmemo_get(blobmemo *m, const char *hex, unsigned char out[BLOBMEMO_VAL])
{
	if (m == NULL || strlen(hex) != HEX_LEN)
		return false;
	pthread_mutex_lock(&m->lock);
	read_file(m);
	struct ent *e = strmap_get(m->index, hex);
	if (e != NULL) {
		memcpy(out, e->val, BLOBMEMO_VAL);
		e->used = true;
	}
	pthread_mutex_unlock(&m->lock);
	return e != NULL;
}

void
blobmemo_put(blobmemo *m, const char *hex,
             const unsigned char val[BLOBMEMO_VAL])
{
	if (m == NULL || strlen(hex) != HEX_LEN)
		return;
	pthread_mutex_lock(&m->lock);
	read_file(m);
	struct ent *e = strmap_get(m->index, hex);
	if (e == NULL) {
		e = add_ent(m, hex, val);
		m->put = true;
	} else if (memcmp(e->val, val, BLOBMEMO_VAL) != 0) {
		memcpy(e->val, val, BLOBMEMO_VAL);
		m->put = true;
	}
	e->used = true;
	pthread_mutex_unlock(&m->lock);
}

/*
 * Written only when an entry was added or changed: a build that asked
 * for none (a page edited that is no workshop: the programme and the
 * calendars kept) must not empty the file for the next edit.  The
 * entries not used are kept while they are no more than the used ones,
 * so that a build asking for a few workshops' versions (one calendar
 * made) drops none of the others', and the file stays within twice one
 * site's versions.
 */
int
blobmemo_save(blobmemo *m)
{
	/* nothing added nor changed: the file holds all that was used */
	if (m == NULL || !m->put)
		return 0;
	size_t used = 0;
	for (size_t i = 0; i < m->n; i++)
		used += m->ents[i]->used;
	bool all = m->n - used <= used;
	buf b = BUF_INIT;
	for (size_t i = 0; i < m->n; i++) {
		if (!all && !m->ents[i]->used)
			continue;
		buf_put(&b, m->ents[i]->hex, HEX_LEN);
		buf_put(&b, m->ents[i]->val, BLOBMEMO_VAL);
	}
	unsigned char head[HEAD];
	memcpy(head, m->key, HASH_RAW);
	hash_raw(b.data, b.len, head + HASH_RAW);
	int rc = fsutil_replace(m->path, head, HEAD, b.data, b.len);
	buf_free(&b);
	return rc;
}

int
blobmemo_remove(const char *path)
{
	return unlink(path) == 0 || errno == ENOENT ? 0 : -1;
}
