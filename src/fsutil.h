/*
 * fsutil.h - small file-system helpers for the files fabrique keeps
 * outside the published site (its cache, a page that `fabrique new`
 * starts).  The published site itself goes through output.h, which is
 * confined to the output folder.
 */
#ifndef FABRIQUE_FSUTIL_H
#define FABRIQUE_FSUTIL_H

/* mkdir -p: creates path and its missing parents; existing folders are
 * fine.  0, or -1 with errno. */
int fsutil_mkdirs(const char *path);

#include <stddef.h>
#include <sys/types.h>

/* The whole file, NUL-terminated (not counted in *len), malloc'd for the
 * caller to free; NULL with errno if it cannot be read. */
char *fsutil_read_file(const char *path, size_t *len);
/* The same from fd, to its end, in one read() when hint (its size, as
 * fstat() said) is right: a file read and fstat()ed through one
 * descriptor is known to be the one whose identity was taken. */
char *fsutil_read_fd(int fd, size_t hint, size_t *len);
/*
 * The first len bytes of the file open as fd (its size, as fstat() said)
 * mapped read-only, every page at once, not NUL-terminated: for a large
 * file read once and whole (a build's 3 MB record, git's index), where
 * read() into fresh memory copies it and takes a page fault for each
 * 4 KiB it fills.  Only for files replaced by a rename, never cut short
 * in place (a read past the new end would fault).  NULL for an empty
 * file or on failure; fsutil_unmap() gives it back.
 */
const char *fsutil_map(int fd, size_t len);
void fsutil_unmap(const char *p, size_t len);
/* The same for the file at path, opened and fstat()ed here: *len gets
 * its size.  NULL when there is none, it is empty or no regular file. */
const char *fsutil_map_file(const char *path, size_t *len);
/* Reads n bytes from fd into dst, again after EINTR and short reads;
 * fewer only at the file's end.  The count read, or -1 with errno.
 * The one read loop: the readers above and the caches that read an
 * entry of known size into their own memory use it. */
ssize_t fsutil_read_full(int fd, void *dst, size_t n);
/* The same at offset off of fd, with pread(): several threads may read
 * one open file at once (the parked records and bodies, recstore.c). */
ssize_t fsutil_pread_full(int fd, void *dst, size_t n, long long off);

/* Writes all len bytes to fd, again after EINTR and short writes (a
 * signal or a full pipe).  0, or -1 with errno. */
int fsutil_write_all(int fd, const void *data, size_t len);

/* Replaces the file path with head then data (either may be empty),
 * written to a temporary file beside it (".tmp-NAME-XXXXXX") and renamed
 * over it: a reader never sees half a file, and two writers racing each
 * leave a whole one.  The folder must exist.  0, or -1 with errno (the
 * temporary file removed). */
int fsutil_replace(const char *path, const void *head, size_t hlen,
                   const void *data, size_t len);
/* The same for content written in pieces, never whole in memory:
 * write(ctx, fd) writes it all to fd and returns 0, or -1 with errno. */
typedef int (*fsutil_write_fn)(void *ctx, int fd);
int fsutil_replace_with(const char *path, fsutil_write_fn write, void *ctx);

/*
 * Copies name (in the folder srcdir) to dstname (in dstdir, which must
 * not exist yet), as a hard link would have given it: a regular file's
 * bytes, its permission bits and its access and modification times; a
 * symbolic link as a link (never followed), with its times.  For where a
 * hard link is refused (another owner's file under
 * fs.protected_hardlinks: EPERM; another file system: EXDEV; too many
 * links: EMLINK).  0, or -1 with errno and nothing left at dstname.
 */
int fsutil_copy_at(int srcdir, const char *name, int dstdir,
                   const char *dstname);

/* rm -rf path (symbolic links removed, not followed).  0, or -1. */
int fs_remove_tree(const char *path);

/* Removes name (a folder with its content, or anything else) inside the
 * folder dirfd, never following a symbolic link: a link is removed, not
 * its target.  0, or -1 with errno (ENOENT is not an error). */
int fsutil_remove_at(int dirfd, const char *name);

/*
 * Opens relpath (relative; "" is root itself) inside the folder root with
 * flags, neither leaving root nor following a symbolic link anywhere on
 * the way: openat2() with RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS where the
 * kernel has it (Linux 5.6), else a walk of one O_NOFOLLOW openat() per
 * component.  Used where a link planted in an output must never redirect
 * a read, a change or a new file: flags may hold O_CREAT (mode 0666, less
 * the umask).  -1 with errno: ELOOP for a link on the way, EXDEV for "..",
 * as openat2() says them.
 */
int fsutil_open_beneath(int root, const char *relpath, int flags);

/* The walk fsutil_open_beneath() falls back on, by itself: so that tests
 * exercise it on kernels that have openat2(). */
int fsutil_open_walking(int root, const char *relpath, int flags);

#endif
