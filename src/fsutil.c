#define _GNU_SOURCE

#include "fsutil.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#ifdef __linux__
#include <linux/openat2.h>
#endif

#include "arena.h"
#include "xalloc.h"

int
fsutil_mkdirs(const char *path)
{
	/* Caches call this for each entry they write, and the folder is
	 * nearly always there: one system call then, not one per component
	 * of the path (they were 1.4 % of a cold build's CPU). */
	if (*path != '\0' && (mkdir(path, 0777) == 0 || errno == EEXIST))
		return 0;
	char *p = xstrdup(path);
	int rc = 0;
	for (char *q = p + 1;; q++) {
		if (*q != '/' && *q != '\0')
			continue;
		char c = *q;
		*q = '\0';
		if (mkdir(p, 0777) < 0 && errno != EEXIST)
			rc = -1;
		*q = c;
		if (c == '\0' || rc < 0)
			break;
	}
	int saved = errno;
	free(p);
	errno = saved;
	return rc;
}

/* rm -rf, for folders fabrique made itself (fabrique serve's temporary
 * build): never follows a symbolic link out of the tree. */
int
fs_remove_tree(const char *path)
{
	struct stat st;
	if (lstat(path, &st) != 0)
		return errno == ENOENT ? 0 : -1;
	if (!S_ISDIR(st.st_mode))
		return unlink(path);
	DIR *d = opendir(path);
	if (d == NULL)
		return -1;
	struct dirent *e;
	int rc = 0;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		size_t n = strlen(path) + strlen(e->d_name) + 2;
		char *child = xmalloc(n);
		snprintf(child, n, "%s/%s", path, e->d_name);
		if (fs_remove_tree(child) != 0)
			rc = -1;
		free(child);
	}
	closedir(d);
	return rmdir(path) != 0 ? -1 : rc;
}

ssize_t
fsutil_read_full(int fd, void *dst, size_t n)
{
	char *p = dst;
	size_t got = 0;
	while (got < n) {
		ssize_t r = read(fd, p + got, n - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (r == 0)
			break;
		got += (size_t)r;
	}
	return (ssize_t)got;
}

ssize_t
fsutil_pread_full(int fd, void *dst, size_t n, long long off)
{
	char *p = dst;
	size_t got = 0;
	while (got < n) {
		ssize_t r =
		    pread(fd, p + got, n - got, (off_t)(off + (long long)got));
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (r == 0)
			break;
		got += (size_t)r;
	}
	return (ssize_t)got;
}

/*
 * Read straight into a buffer of the file's size (one spare octet to see
 * the end, one for the NUL), not through stdio's buffer into one that
 * doubles: the caches read this way are large (the search records, 18 MB
 * at 10,000 pages), and each copy and doubling was paid in page faults
 * on the build's critical path.  A file that grows meanwhile, or whose
 * size stat() does not know (/proc), is read to its end all the same.
 */
char *
fsutil_read_file(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	struct stat st;
	size_t hint =
	    fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0
	        ? (size_t)st.st_size
	        : 4095;
	char *p = fsutil_read_fd(fd, hint, len);
	int err = errno;
	close(fd);
	errno = err;
	return p;
}

char *
fsutil_read_fd(int fd, size_t hint, size_t *len)
{
	size_t cap = hint + 1, n = 0;
	char *text = xmalloc(cap + 1);
	for (;;) {
		ssize_t got = fsutil_read_full(fd, text + n, cap - n);
		if (got < 0) {
			int err = errno;
			free(text);
			errno = err;
			return NULL;
		}
		n += (size_t)got;
		if (n < cap) /* short of what was asked: the end */
			break;
		cap *= 2;
		text = xrealloc(text, cap + 1);
	}
	text[n] = '\0';
	*len = n;
	return text;
}

const char *
fsutil_map(int fd, size_t len)
{
	if (len == 0)
		return NULL;
	void *p = mmap(NULL, len, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
	return p != MAP_FAILED ? p : NULL;
}

const char *
fsutil_map_file(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	const char *f = NULL;
	if (fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    st.st_size > 0) {
		*len = (size_t)st.st_size;
		f = fsutil_map(fd, *len);
	}
	if (fd >= 0)
		close(fd);
	return f;
}

void
fsutil_unmap(const char *p, size_t len)
{
	if (p != NULL)
		munmap((void *)(uintptr_t)p, len);
}

int
fsutil_write_all(int fd, const void *data, size_t len)
{
	const char *p = data;
	while (len > 0) {
		ssize_t n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Copies the open regular file in to out, then gives out in's
 * permission bits and times (st).  0, or -1 with errno. */
static int
copy_fd(int in, int out, const struct stat *st)
{
	char buf[65536];
	for (;;) {
		ssize_t n = read(in, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0)
			break;
		if (fsutil_write_all(out, buf, (size_t)n) < 0)
			return -1;
	}
	struct timespec times[2] = {st->st_atim, st->st_mtim};
	return fchmod(out, st->st_mode & 07777) < 0 || futimens(out, times) < 0
	           ? -1
	           : 0;
}

/* fsutil_copy_at() for a symbolic link: the link itself, with its
 * times. */
static int
copy_link_at(int srcdir, const char *name, int dstdir, const char *dstname,
             const struct stat *st)
{
	char target[4096];
	ssize_t n = readlinkat(srcdir, name, target, sizeof(target) - 1);
	if (n < 0 || (size_t)n >= sizeof(target) - 1) {
		if (n >= 0)
			errno = ENAMETOOLONG;
		return -1;
	}
	target[n] = '\0';
	if (symlinkat(target, dstdir, dstname) < 0)
		return -1;
	struct timespec times[2] = {st->st_atim, st->st_mtim};
	utimensat(dstdir, dstname, times,
	          AT_SYMLINK_NOFOLLOW); /* best effort */
	return 0;
}

int
fsutil_copy_at(int srcdir, const char *name, int dstdir, const char *dstname)
{
	struct stat st;
	if (fstatat(srcdir, name, &st, AT_SYMLINK_NOFOLLOW) < 0)
		return -1;
	if (S_ISLNK(st.st_mode))
		return copy_link_at(srcdir, name, dstdir, dstname, &st);
	if (!S_ISREG(st.st_mode)) {
		errno = EPERM; /* a device or a pipe: not a webmaster's file */
		return -1;
	}
	int in = openat(srcdir, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (in < 0)
		return -1;
	int out =
	    openat(dstdir, dstname,
	           O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW | O_CLOEXEC, 0600);
	int rc = out < 0 ? -1 : copy_fd(in, out, &st);
	if (out >= 0 && close(out) < 0)
		rc = -1;
	int e = errno;
	close(in);
	if (rc < 0 && out >= 0)
		unlinkat(dstdir, dstname, 0); /* just made: nothing of theirs */
	errno = e;
	return rc;
}

int
fsutil_replace_with(const char *path, fsutil_write_fn write, void *ctx)
{
	const char *slash = strrchr(path, '/');
	size_t dl = slash != NULL ? (size_t)(slash - path) + 1 : 0;
	size_t tn = strlen(path) + 16;
	char *tmp = xmalloc(tn);
	snprintf(tmp, tn, "%.*s.tmp-%s-XXXXXX", (int)dl, path, path + dl);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		free(tmp);
		return -1;
	}
	int rc = write(ctx, fd);
	if (close(fd) < 0)
		rc = -1;
	if (rc == 0 && rename(tmp, path) < 0)
		rc = -1;
	if (rc < 0) {
		int e = errno;
		unlink(tmp);
		errno = e;
	}
	free(tmp);
	return rc;
}

struct whole {
	const void *head, *data;
	size_t hlen, len;
};

static int
write_whole(void *ctx, int fd)
{
	const struct whole *w = ctx;
	return fsutil_write_all(fd, w->head, w->hlen) == 0 &&
	               fsutil_write_all(fd, w->data, w->len) == 0
	           ? 0
	           : -1;
}

int
fsutil_replace(const char *path, const void *head, size_t hlen,
               const void *data, size_t len)
{
	struct whole w = {head, data, hlen, len};
	return fsutil_replace_with(path, write_whole, &w);
}

/* Removes name (a folder with its content, or anything else) inside the
 * folder dirfd, never following a symbolic link: a link is removed, not
 * its target. */
int
fsutil_remove_at(int dirfd, const char *name)
{
	int fd = openat(dirfd, name,
	                O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT)
			return 0;
		if (errno == ENOTDIR || errno == ELOOP)
			return unlinkat(dirfd, name, 0);
		return -1;
	}
	DIR *dir = fdopendir(fd);
	if (dir == NULL) {
		close(fd);
		return -1;
	}
	int rc = 0;
	struct dirent *e;
	while ((e = readdir(dir)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		struct stat st;
		bool sub = e->d_type == DT_DIR;
		if (e->d_type == DT_UNKNOWN &&
		    fstatat(fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0)
			sub = S_ISDIR(st.st_mode);
		if ((sub ? fsutil_remove_at(fd, e->d_name)
		         : unlinkat(fd, e->d_name, 0)) < 0 &&
		    errno != ENOENT)
			rc = -1;
	}
	closedir(dir);
	if (unlinkat(dirfd, name, AT_REMOVEDIR) < 0 && errno != ENOENT)
		rc = -1;
	return rc;
}

/* Every component but the last opened as a folder with O_NOFOLLOW, the
 * last with flags | O_NOFOLLOW; ".." refused as openat2() refuses it. */
int
fsutil_open_walking(int root, const char *relpath, int flags)
{
	char copy[4097];
	if (*relpath == '\0')
		return fcntl(root, F_DUPFD_CLOEXEC, 0);
	if (strlen(relpath) >= sizeof(copy)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	strcpy(copy, relpath);
	int cur = fcntl(root, F_DUPFD_CLOEXEC, 0);
	for (char *p = copy, *slash; cur >= 0 && p != NULL; p = slash) {
		slash = strchr(p, '/');
		if (slash != NULL)
			*slash++ = '\0';
		int f = slash != NULL ? O_RDONLY | O_DIRECTORY : flags;
		int next =
		    strcmp(p, "..") == 0
		        ? (errno = EXDEV, -1)
		        : openat(cur, p, f | O_NOFOLLOW | O_CLOEXEC, 0666);
		int e = errno;
		struct stat st; /* a link opened as a folder says ENOTDIR */
		if (next < 0 && e == ENOTDIR &&
		    fstatat(cur, p, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
		    S_ISLNK(st.st_mode))
			e = ELOOP;
		close(cur);
		errno = e;
		cur = next;
	}
	return cur;
}

int
fsutil_open_beneath(int root, const char *relpath, int flags)
{
	if (*relpath == '\0')
		return fcntl(root, F_DUPFD_CLOEXEC, 0);
#ifdef SYS_openat2
	struct open_how how;
	memset(&how, 0, sizeof(how));
	how.flags = (unsigned long long)(flags | O_CLOEXEC);
	how.mode = (flags & O_CREAT) ? 0666 : 0; /* the umask applies */
	how.resolve =
	    RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS;
	int fd = (int)syscall(SYS_openat2, root, relpath, &how, sizeof(how));
	if (fd >= 0 || errno != ENOSYS)
		return fd;
#endif
	return fsutil_open_walking(root, relpath, flags);
}
