/*
 * imgcache.c - the on-disk cache of processed images: one checksummed
 * file per entry, written beside its name and renamed, CACHEDIR.TAG.
 */
#include "imgcache.h"
#include "bytes.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "fsutil.h"

#define MAX_ENTRY_BYTES (512u << 20) /* larger cache files are corrupt */
#define CACHE_MAGIC "FBQIMG\001\n"
#define CACHE_TAG                                                              \
	"Signature: 8a477f597d28d172789f06886806bc55\n"                        \
	"# This file is a cache directory tag created by fabrique.\n"          \
	"# Empty this folder with: fabrique cache clean\n"

struct imgcache {
	char *dir; /* xmalloc */
	diag *d;
	pthread_mutex_t lock; /* guards broken and tag_written */
	bool broken;          /* one write failed: stop writing */
	bool tag_written;
};

imgcache *
imgcache_open(const char *dir, diag *d)
{
	imgcache *c = xcalloc(1, sizeof(*c));
	c->dir = xstrdup(dir);
	c->d = d;
	pthread_mutex_init(&c->lock, NULL);
	return c;
}

void
imgcache_free(imgcache *c)
{
	if (c == NULL)
		return;
	pthread_mutex_destroy(&c->lock);
	free(c->dir);
	free(c);
}

/*
 * Corruption check, not a defence against forgery: a word-at-a-time
 * multiply-xorshift, several times faster than a byte-wise hash, since a
 * warm build checks every cached byte it publishes.
 */
static uint64_t
hash64(const void *data, size_t len, uint64_t h)
{
	const unsigned char *p = data;
	const uint64_t k = 0x9e3779b97f4a7c15u;
	for (; len >= 8; p += 8, len -= 8) {
		uint64_t w;
		memcpy(&w, p, 8);
		h = (h ^ w) * k;
		h ^= h >> 29;
	}
	uint64_t w = 0;
	memcpy(&w, p, len);
	h = (h ^ w ^ ((uint64_t)len << 56)) * k;
	return h ^ (h >> 32);
}

/* Header: magic, width, height, payload length, checksum, key length,
 * key; then the payload.  The checksum covers everything else. */
#define HDR_FIXED 32
#define HDR_HASH_AT 24

static size_t
make_header(unsigned char *h, const char *key, int w, int hgt,
            const void *payload, size_t len)
{
	size_t kl = strlen(key);
	memcpy(h, CACHE_MAGIC, 8);
	bytes_put_le32(h + 8, (uint32_t)w);
	bytes_put_le32(h + 12, (uint32_t)hgt);
	bytes_put_le64(h + 16, (uint64_t)len);
	bytes_put_le32(h + 28, (uint32_t)kl);
	memcpy(h + HDR_FIXED, key, kl);
	memset(h + HDR_HASH_AT, 0, 4);
	uint64_t sum = hash64(h, HDR_FIXED + kl, 0x66616272u);
	sum = hash64(payload, len, sum);
	bytes_put_le32(h + HDR_HASH_AT, (uint32_t)sum ^ (uint32_t)(sum >> 32));
	return HDR_FIXED + kl;
}

static char *
entry_path(const imgcache *c, const char *blob, const char *key)
{
	buf p = BUF_INIT;
	buf_printf(&p, "%s/%.2s/%s", c->dir, blob, key);
	return buf_detach(&p, NULL);
}

static unsigned char *
slurp(int fd, size_t *len)
{
	struct stat st;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    st.st_size > (off_t)MAX_ENTRY_BYTES)
		return NULL;
	size_t n = (size_t)st.st_size;
	unsigned char *data = xmalloc(n + 1);
	ssize_t got = fsutil_read_full(fd, data, n);
	*len = got < 0 ? 0 : (size_t)got;
	return data;
}

static enum imgcache_rc
check_entry(unsigned char *f, size_t n, const char *key, imgcache_entry *e)
{
	size_t kl = strlen(key);
	if (n < HDR_FIXED + kl || memcmp(f, CACHE_MAGIC, 8) != 0 ||
	    bytes_get_le(f + 28, 4) != kl ||
	    memcmp(f + HDR_FIXED, key, kl) != 0 ||
	    bytes_get_le(f + 16, 8) != n - HDR_FIXED - kl)
		return IMGCACHE_CORRUPT;
	uint32_t want = (uint32_t)bytes_get_le(f + HDR_HASH_AT, 4);
	memset(f + HDR_HASH_AT, 0, 4);
	uint64_t sum = hash64(f, HDR_FIXED + kl, 0x66616272u);
	sum = hash64(f + HDR_FIXED + kl, n - HDR_FIXED - kl, sum);
	if (((uint32_t)sum ^ (uint32_t)(sum >> 32)) != want)
		return IMGCACHE_CORRUPT;
	e->width = (int)bytes_get_le(f + 8, 4);
	e->height = (int)bytes_get_le(f + 12, 4);
	e->payload = f + HDR_FIXED + kl;
	e->len = n - HDR_FIXED - kl;
	return IMGCACHE_OK;
}

/* Any unreadable entry counts as corrupt, never as an error: the image is
 * simply made again. */
enum imgcache_rc
imgcache_get(const imgcache *c, const char *blob, const char *key,
             imgcache_entry *e)
{
	memset(e, 0, sizeof(*e));
	if (c == NULL)
		return IMGCACHE_MISSING;
	char *path = entry_path(c, blob, key);
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	free(path);
	if (fd < 0)
		return errno == ENOENT ? IMGCACHE_MISSING : IMGCACHE_CORRUPT;
	size_t n = 0;
	e->file = slurp(fd, &n);
	close(fd);
	enum imgcache_rc rc = e->file != NULL ? check_entry(e->file, n, key, e)
	                                      : IMGCACHE_CORRUPT;
	if (rc != IMGCACHE_OK) {
		free(e->file);
		e->file = NULL;
	}
	return rc;
}

/* The tag marks the folder as a cache for backup tools and tells a
 * reader what it is; written once per batch, racing writers agree. */
static void
write_tag(imgcache *c)
{
	pthread_mutex_lock(&c->lock);
	bool todo = !c->tag_written;
	c->tag_written = true;
	pthread_mutex_unlock(&c->lock);
	if (!todo)
		return;
	buf p = BUF_INIT;
	buf_printf(&p, "%s/CACHEDIR.TAG", c->dir);
	int fd = open(p.data, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	if (fd >= 0) {
		(void)fsutil_write_all(fd, CACHE_TAG, strlen(CACHE_TAG));
		close(fd);
	}
	buf_free(&p);
}

/* A cache that cannot be written costs speed, not correctness: one
 * warning, then the batch goes on without storing. */
void
imgcache_put(imgcache *c, const char *blob, const char *key, int w, int h,
             const void *payload, size_t len)
{
	if (c == NULL)
		return;
	pthread_mutex_lock(&c->lock);
	bool broken = c->broken;
	pthread_mutex_unlock(&c->lock);
	if (broken)
		return;
	char *path = entry_path(c, blob, key);
	unsigned char hdr[HDR_FIXED + 256];
	size_t hl = make_header(hdr, key, w, h, payload, len);
	int rc = fsutil_replace(path, hdr, hl, payload, len);
	if (rc < 0 && errno == ENOENT) {
		char *dir = xstrdup(path);
		*strrchr(dir, '/') = '\0';
		if (fsutil_mkdirs(dir) == 0) {
			write_tag(c);
			rc = fsutil_replace(path, hdr, hl, payload, len);
		}
		free(dir);
	}
	if (rc < 0) {
		const char *eb = diag_errtext(c->d, errno);
		pthread_mutex_lock(&c->lock);
		broken = c->broken;
		c->broken = true;
		pthread_mutex_unlock(&c->lock);
		if (!broken)
			diag_event(c->d, DIAG_WARNING, c->dir,
			           "cannot write to the image cache (%s): "
			           "images are still published, but will be "
			           "processed again on the next build",
			           eb);
	}
	free(path);
}

/* ---- cache clean ----------------------------------------------------- */

static bool
is_entry_dir(const char *name)
{
	return strlen(name) == 2 && isxdigit((unsigned char)name[0]) &&
	       isxdigit((unsigned char)name[1]);
}

/* Entry folders hold only files; anything else found there is left, and
 * the folder with it. */
static long
clean_entry_dir(int dirfd, const char *name)
{
	int fd = openat(dirfd, name,
	                O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOTDIR || errno == ELOOP ? 0 : -1;
	DIR *dir = fdopendir(fd);
	if (dir == NULL) {
		close(fd);
		return -1;
	}
	long n = 0;
	struct dirent *e;
	while ((e = readdir(dir)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (unlinkat(fd, e->d_name, 0) == 0 &&
		    strncmp(e->d_name, ".tmp-", 5) != 0)
			n++;
	}
	closedir(dir);
	if (unlinkat(dirfd, name, AT_REMOVEDIR) < 0 && errno != ENOENT)
		return -1;
	return n;
}

long
imgcache_clean(const char *dir, diag *d)
{
	DIR *top = opendir(dir);
	if (top == NULL && errno == ENOENT)
		return 0;
	if (top == NULL) {
		diag_report(d, DIAG_ERROR, dir, 0, 0,
		            "cannot open the image cache folder: %s",
		            diag_errtext(d, errno));
		return -1;
	}
	long total = 0;
	int rc = 0;
	struct dirent *e;
	while ((e = readdir(top)) != NULL) {
		if (is_entry_dir(e->d_name)) {
			long n = clean_entry_dir(dirfd(top), e->d_name);
			if (n < 0 && rc == 0) {
				rc = errno;
				diag_report(
				    d, DIAG_ERROR, dir, 0, 0,
				    "cannot empty the image cache folder "
				    "%s: %s",
				    e->d_name, diag_errtext(d, errno));
			}
			total += n > 0 ? n : 0;
		} else if (strcmp(e->d_name, "CACHEDIR.TAG") == 0)
			unlinkat(dirfd(top), e->d_name, 0);
	}
	closedir(top);
	return rc != 0 ? -1 : total;
}
