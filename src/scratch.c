#include "scratch.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fsutil.h"
#include "xalloc.h"

struct scratch {
	int fd;
	pthread_mutex_t lock; /* end */
	long long end;        /* the length put so far */
};

scratch *
scratch_open(const char *dir, const char *prefix)
{
	size_t n = strlen(dir) + strlen(prefix) + 16;
	char *tmp = xmalloc(n);
	snprintf(tmp, n, "%s/%s-XXXXXX", dir, prefix);
	int fd = mkstemp(tmp);
	if (fd >= 0)
		unlink(tmp); /* nothing of it may be left, or published */
	free(tmp);
	if (fd < 0)
		return NULL;
	scratch *sc = xcalloc(1, sizeof(*sc));
	sc->fd = fd;
	pthread_mutex_init(&sc->lock, NULL);
	return sc;
}

void
scratch_free(scratch *sc)
{
	if (sc == NULL)
		return;
	close(sc->fd);
	pthread_mutex_destroy(&sc->lock);
	free(sc);
}

/* Where len more octets go: reserved under the lock, written outside it
 * (pwrite() at an offset of one's own is safe from several threads). */
long long
scratch_put(scratch *sc, const void *data, size_t len)
{
	pthread_mutex_lock(&sc->lock);
	long long at = sc->end;
	sc->end += (long long)len;
	pthread_mutex_unlock(&sc->lock);
	const char *p = data;
	for (long long off = at; len > 0;) {
		ssize_t n = pwrite(sc->fd, p, len, (off_t)off);
		if (n <= 0)
			return -1; /* the hole left is never read */
		p += n, len -= (size_t)n, off += n;
	}
	return at;
}

bool
scratch_read(const scratch *sc, long long off, size_t len, buf *out)
{
	size_t start = out->len;
	buf_grow(out, len);
	ssize_t got = fsutil_pread_full(sc->fd, out->data + start, len, off);
	out->len = start + (got > 0 ? (size_t)got : 0);
	out->data[out->len] = '\0';
	return got >= 0 && (size_t)got == len;
}
