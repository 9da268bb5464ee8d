/*
 * journal.c - the journal of an in-place update of the output: written,
 * read back after a crash, checked and applied (see journal.h).
 *
 * Its text: "fabrique-journal 1", "S STAGING", one "R PATH" per staged
 * file, one "D PATH" per removed file, then "end" (a journal without it
 * is not trusted; it is renamed into place whole, so only a disk that
 * lied about fsync() could cut it).  Paths never hold a newline
 * (output_path_ok()).
 */
#define _GNU_SOURCE

#include "journal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "fsutil.h"

#define JOURNAL_MAGIC "fabrique-journal 1\n"
#define JOURNAL_END "end\n"
#define MAX_PATH_LEN 4096

static int
write_text(int parentfd, const char *name, const char *tmpname, const buf *text)
{
	int fd =
	    openat(parentfd, tmpname,
	           O_CREAT | O_TRUNC | O_WRONLY | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (fd < 0)
		return -1;
	int rc = fsutil_write_all(fd, text->data, text->len);
	if (rc == 0)
		rc = fsync(fd);
	int e = errno;
	if (close(fd) < 0 && rc == 0) {
		rc = -1;
		e = errno;
	}
	if (rc == 0 && renameat(parentfd, tmpname, parentfd, name) < 0) {
		rc = -1;
		e = errno;
	}
	if (rc < 0) {
		unlinkat(parentfd, tmpname, 0);
		errno = e;
		return -1;
	}
	return fsync(parentfd); /* the rename itself, on disk */
}

int
journal_write(int parentfd, const char *name, const char *tmpname,
              const char *staging, const journal_ops *ops)
{
	buf b = BUF_INIT;
	buf_puts(&b, JOURNAL_MAGIC);
	buf_printf(&b, "S %s\n", staging);
	for (size_t i = 0; i < ops->nremoves; i++)
		buf_printf(&b, "D %s\n", ops->removes[i]);
	for (size_t i = 0; i < ops->nrenames; i++)
		buf_printf(&b, "R %s\n", ops->renames[i]);
	buf_puts(&b, JOURNAL_END);
	int rc = write_text(parentfd, name, tmpname, &b);
	int e = errno;
	buf_free(&b);
	errno = e;
	return rc;
}

/* Appends p to the list *v of *n entries (grown in a). */
static void
push(arena *a, const char ***v, size_t *n, size_t *cap, const char *p)
{
	if (*n == *cap) {
		size_t nc = *cap ? *cap * 2 : 64;
		*v = arena_grow(a, *v, *cap * sizeof(**v), nc * sizeof(**v));
		*cap = nc;
	}
	(*v)[(*n)++] = p;
}

static char *
read_all(int parentfd, const char *name, size_t *len)
{
	int fd = openat(parentfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	buf b = BUF_INIT;
	char chunk[65536];
	ssize_t n;
	while ((n = read(fd, chunk, sizeof(chunk))) > 0 ||
	       (n < 0 && errno == EINTR))
		if (n > 0)
			buf_put(&b, chunk, (size_t)n);
	int e = errno;
	close(fd);
	if (n < 0) {
		buf_free(&b);
		errno = e;
		return NULL;
	}
	buf_puts(&b, "");
	return buf_detach(&b, len);
}

/* One line of the journal into staging or ops; false for a bad one. */
static bool
take_line(char *line, const char *prefix, bool (*ok)(const char *), arena *a,
          char **staging, journal_ops *ops, size_t cap[2])
{
	if (line[0] == '\0' || line[1] != ' ')
		return false;
	const char *arg = line + 2;
	if (line[0] == 'S' && *staging == NULL &&
	    strncmp(arg, prefix, strlen(prefix)) == 0 &&
	    strchr(arg, '/') == NULL) {
		*staging = arena_strdup(a, arg);
		return true;
	}
	if ((line[0] != 'R' && line[0] != 'D') || !ok(arg))
		return false;
	if (line[0] == 'R')
		push(a, &ops->renames, &ops->nrenames, &cap[0],
		     arena_strdup(a, arg));
	else
		push(a, &ops->removes, &ops->nremoves, &cap[1],
		     arena_strdup(a, arg));
	return true;
}

int
journal_read(int parentfd, const char *name, const char *prefix,
             bool (*path_ok)(const char *), arena *a, char **staging,
             journal_ops *ops)
{
	size_t len = 0, m = strlen(JOURNAL_MAGIC), e = strlen(JOURNAL_END);
	char *text = read_all(parentfd, name, &len);
	if (text == NULL)
		return -1;
	memset(ops, 0, sizeof(*ops));
	*staging = NULL;
	bool good = len >= m + e && memcmp(text, JOURNAL_MAGIC, m) == 0 &&
	            strcmp(text + len - e, JOURNAL_END) == 0 &&
	            text[len - e - 1] == '\n';
	size_t cap[2] = {0, 0};
	if (good)
		text[len - e - 1] = '\0';
	for (char *line = text + m, *nl; good && *line != '\0'; line = nl) {
		nl = line + strcspn(line, "\n");
		if (*nl == '\n')
			*nl++ = '\0';
		good = take_line(line, prefix, path_ok, a, staging, ops, cap);
	}
	free(text);
	if (!good || *staging == NULL) {
		errno = EINVAL;
		return -1;
	}
	return 0;
}

/* The folder holding relpath inside root (fsutil_open_beneath()), and in
 * *leaf its last component (pointing into relpath). */
static int
open_parent(int root, const char *relpath, const char **leaf)
{
	const char *slash = strrchr(relpath, '/');
	char dir[MAX_PATH_LEN + 1];
	size_t n = slash != NULL ? (size_t)(slash - relpath) : 0;
	if (n > MAX_PATH_LEN) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(dir, relpath, n);
	dir[n] = '\0';
	*leaf = slash != NULL ? slash + 1 : relpath;
	return fsutil_open_beneath(root, dir, O_RDONLY | O_DIRECTORY);
}

int
journal_check(int outfd, const journal_ops *ops, const char **bad)
{
	for (size_t k = 0; k < 2; k++) {
		const char **v = k ? ops->removes : ops->renames;
		size_t n = k ? ops->nremoves : ops->nrenames;
		for (size_t i = 0; i < n; i++) {
			const char *leaf;
			int fd = open_parent(outfd, v[i], &leaf);
			if (fd >= 0) {
				close(fd);
				continue;
			}
			if (errno == ENOENT || errno == ENOTDIR)
				continue; /* made by the moves (ENOTDIR: a
				             file removed first) */
			*bad = v[i];
			return -1;
		}
	}
	return 0;
}

/* Removes relpath from the output; then the folders on its way that it
 * leaves empty (a page's folder), deepest first. */
static int
remove_one(int outfd, const char *relpath)
{
	const char *leaf;
	int fd = open_parent(outfd, relpath, &leaf);
	if (fd < 0)
		return errno == ENOENT ? 0 : -1;
	int rc = unlinkat(fd, leaf, 0);
	if (rc < 0 && (errno == EISDIR || errno == EPERM))
		rc = fsutil_remove_at(fd, leaf); /* a folder now */
	int e = errno;
	close(fd);
	if (rc < 0 && e != ENOENT) {
		errno = e;
		return -1;
	}
	char dir[MAX_PATH_LEN + 1];
	snprintf(dir, sizeof(dir), "%s", relpath);
	for (char *cut; (cut = strrchr(dir, '/')) != NULL;) {
		*cut = '\0';
		fd = open_parent(outfd, dir, &leaf);
		rc = fd >= 0 ? unlinkat(fd, leaf, AT_REMOVEDIR) : -1;
		if (fd >= 0)
			close(fd);
		if (rc < 0 && errno != ENOENT)
			break; /* ENOTEMPTY: still holds other files */
	}
	return 0;
}

/* Moves the topmost folder on the way to relpath that the output lacks
 * from the staging folder, with all it holds (a new page's folder). */
static int
move_folder(int outfd, int stagefd, const char *relpath)
{
	char dir[MAX_PATH_LEN + 1];
	snprintf(dir, sizeof(dir), "%s", relpath);
	char *cut = strrchr(dir, '/');
	if (cut == NULL) {
		errno = ENOENT;
		return -1;
	}
	*cut = '\0'; /* dir: the missing folder */
	for (;;) {
		const char *leaf;
		int fd = open_parent(outfd, dir, &leaf);
		if (fd >= 0) {
			int rc = renameat(stagefd, dir, fd, leaf);
			int e = errno;
			close(fd);
			errno = e;
			return rc;
		}
		if (errno != ENOENT || (cut = strrchr(dir, '/')) == NULL)
			return -1;
		*cut = '\0';
	}
}

/* Renames one staged file into the output; done already (a journal
 * applied again) when the staging folder no longer holds it. */
static int
move_one(int outfd, int stagefd, const char *relpath)
{
	struct stat st;
	if (fstatat(stagefd, relpath, &st, AT_SYMLINK_NOFOLLOW) < 0)
		return errno == ENOENT ? 0 : -1;
	const char *leaf;
	int fd = open_parent(outfd, relpath, &leaf);
	if (fd < 0)
		return errno == ENOENT ? move_folder(outfd, stagefd, relpath)
		                       : -1;
	int rc = renameat(stagefd, relpath, fd, leaf);
	if (rc < 0 &&
	    (errno == EISDIR || errno == ENOTEMPTY || errno == EEXIST ||
	     errno == ENOTDIR) &&
	    fsutil_remove_at(fd, leaf) == 0) /* a folder in the way */
		rc = renameat(stagefd, relpath, fd, leaf);
	int e = errno;
	close(fd);
	errno = e;
	return rc;
}

int
journal_apply(int outfd, int stagefd, const journal_ops *ops, const char **bad)
{
	for (size_t i = 0; i < ops->nremoves; i++)
		if (remove_one(outfd, ops->removes[i]) < 0) {
			*bad = ops->removes[i];
			return -1;
		}
	for (size_t i = 0; i < ops->nrenames; i++)
		if (move_one(outfd, stagefd, ops->renames[i]) < 0) {
			*bad = ops->renames[i];
			return -1;
		}
	return 0;
}
