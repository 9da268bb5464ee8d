/*
 * viewrec.c - the last build's view digests, kept by page (viewrec.h).
 *
 * The file: MAGIC, the head (16 octets), the count (8), then each page:
 * cut and full digests (16 + 16), has_full (1), the output path's length
 * (4) and its octets (no NUL); last, the digest of all that came before (16).
 */
#include "viewrec.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "fsutil.h"
#include "hash.h"
#include "xalloc.h"

#define MAGIC "fabrique-views 1\n"
#define NAME "views.digests"

struct viewrec {
	char *data;       /* the file; the entries' paths point into it */
	viewrec_entry *e; /* their paths are not NUL-terminated: */
	uint32_t *outlen; /* their lengths */
	size_t n;
};

static char *
rec_path(const char *dir)
{
	size_t n = strlen(dir) + sizeof(NAME) + 2;
	char *p = xmalloc(n);
	snprintf(p, n, "%s/%s", dir, NAME);
	return p;
}

/* Reads len octets at *at of data (size end) into to: false past its end. */
static bool
take(const char *data, size_t end, size_t *at, void *to, size_t len)
{
	if (end - *at < len)
		return false;
	memcpy(to, data + *at, len);
	*at += len;
	return true;
}

/* The entries of the file's body (between the count and the digest). */
static bool
parse(viewrec *r, size_t end, size_t at)
{
	for (size_t i = 0; i < r->n; i++) {
		viewrec_entry *e = &r->e[i];
		unsigned char has;
		uint32_t len;
		if (!take(r->data, end, &at, e->cut.b, VIEWHASH_LEN) ||
		    !take(r->data, end, &at, e->full.b, VIEWHASH_LEN) ||
		    !take(r->data, end, &at, &has, 1) ||
		    !take(r->data, end, &at, &len, sizeof(len)) ||
		    end - at < len || memchr(r->data + at, '\0', len) != NULL)
			return false;
		e->has_full = has != 0;
		e->out = r->data + at;
		r->outlen[i] = len;
		at += len;
	}
	return at == end;
}

viewrec *
viewrec_open(const char *dir, const viewhash_digest *head, size_t n)
{
	if (dir == NULL)
		return NULL;
	char *path = rec_path(dir);
	size_t len;
	char *data = fsutil_read_file(path, &len);
	free(path);
	size_t hl = sizeof(MAGIC) - 1, at = hl + VIEWHASH_LEN + 8;
	unsigned char sum[HASH_RAW];
	uint64_t count;
	if (data == NULL || len < at + HASH_RAW ||
	    memcmp(data, MAGIC, hl) != 0 ||
	    memcmp(data + hl, head->b, VIEWHASH_LEN) != 0 ||
	    (memcpy(&count, data + hl + VIEWHASH_LEN, 8), count != n)) {
		free(data);
		return NULL;
	}
	hash_raw(data, len - HASH_RAW, sum);
	if (memcmp(sum, data + len - HASH_RAW, HASH_RAW) != 0) {
		free(data);
		return NULL;
	}
	viewrec *r = xcalloc(1, sizeof(*r));
	r->data = data;
	r->n = n;
	r->e = xcalloc(n + 1, sizeof(*r->e));
	r->outlen = xcalloc(n + 1, sizeof(*r->outlen));
	if (!parse(r, len - HASH_RAW, at)) {
		viewrec_free(r);
		return NULL;
	}
	return r;
}

void
viewrec_free(viewrec *r)
{
	if (r == NULL)
		return;
	free(r->data);
	free(r->e);
	free(r->outlen);
	free(r);
}

const viewrec_entry *
viewrec_get(const viewrec *r, size_t i, const char *out)
{
	if (r == NULL || i >= r->n || strlen(out) != r->outlen[i] ||
	    memcmp(r->e[i].out, out, r->outlen[i]) != 0)
		return NULL;
	return &r->e[i];
}

int
viewrec_save(const char *dir, const viewhash_digest *head,
             const viewrec_entry *e, size_t n)
{
	if (dir == NULL)
		return 0;
	buf b = BUF_INIT;
	uint64_t count = n;
	buf_puts(&b, MAGIC);
	buf_put(&b, head->b, VIEWHASH_LEN);
	buf_put(&b, &count, sizeof(count));
	for (size_t i = 0; i < n; i++) {
		uint32_t len = (uint32_t)strlen(e[i].out);
		unsigned char has = e[i].has_full;
		buf_put(&b, e[i].cut.b, VIEWHASH_LEN);
		buf_put(&b, e[i].full.b, VIEWHASH_LEN);
		buf_put(&b, &has, 1);
		buf_put(&b, &len, sizeof(len));
		buf_put(&b, e[i].out, len);
	}
	unsigned char sum[HASH_RAW];
	hash_raw(b.data, b.len, sum);
	buf_put(&b, sum, HASH_RAW);
	char *path = rec_path(dir);
	int rc = fsutil_replace(path, b.data, b.len, NULL, 0);
	free(path);
	buf_free(&b);
	return rc;
}
