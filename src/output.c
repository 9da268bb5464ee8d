/*
 * output.c - the generated site is written beside the live one, then
 * swapped in.
 *
 * Everything is done relative to two directory descriptors: the output's
 * parent (for the temporary folder, the swap and the clean-up) and the
 * temporary folder (for every write).  Each folder on the way to a file is
 * opened with O_NOFOLLOW and each file is created with O_EXCL, so a
 * symbolic link planted anywhere in the output can never redirect a write,
 * and descriptors keep working if the process changes directory.
 *
 * Writes from several threads need no lock: they share only the
 * descriptors, which the kernel handles atomically (mkdirat's EEXIST
 * simply means another thread was first), and the diag collector, which
 * is thread-safe.
 */
#define _GNU_SOURCE

#include "output.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <unistd.h>
#ifdef __linux__
#endif

#include "arena.h"
#include "buf.h"
#include "fsutil.h"
#include "hash.h"
#include "journal.h"
#include "outguard.h"
#include "strmap.h"

#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

#define MAX_PATH_LEN 4000
#define MAX_NAME_LEN 255
#define TMP_TAG ".fabrique-"

struct output {
	diag *d;
	arena *a;      /* the strings below */
	char *out;     /* out_dir without trailing '/', for messages */
	char *parent;  /* its parent folder */
	char *base;    /* its last component */
	char *tmpname; /* ".BASE.fabrique-XXXXXX", inside parent */
	char *tmppath; /* parent/tmpname */
	int parentfd;
	int dirfd;           /* the temporary folder */
	bool open;           /* neither committed nor aborted */
	output_same_fn same; /* incremental builds, see output_reuse() */
	void *same_ctx;
	int prevfd; /* the previous site, when reusing its files */
	int fromfd; /* output_reuse_from(): where equal files are linked
	               from, instead of prevfd */
	int lockfd; /* ".BASE.fabrique.lock" beside the output, flock()ed */
	char *lockname;
	bool waited; /* another build held the lock: output_lock_waited() */
	atomic_size_t written, linked;
	struct memory *mem;       /* output_begin_memory(): no folder at all */
	output_write_fn on_write; /* output_on_write() */
	void *on_write_ctx;
	output_claim_fn on_claim; /* output_on_claim() */
	void *on_claim_ctx;
	/* Disk full: the first ENOSPC (or EDQUOT) sets full; writes then
	 * stop and nothing more is reported file by file; need adds up the
	 * space every file of the new site takes (rounded up to blocks), so
	 * that output_abort() can say, in one line, how much is needed. */
	atomic_bool full;
	atomic_bool refused; /* a link met in place: refuse_link() */
	atomic_ullong need;
	atomic_size_t needfiles; /* the files need counts */
	unsigned long block;     /* the file system's block size */
	/* Updated in place (output_in_place()): the temporary folder only
	 * stages the files that change; every file of the new site is
	 * listed (output_each()), removals are queued (output_remove()). */
	bool inplace;
	bool recovered; /* a journal was found: not in place this time */
	bool journaled; /* ours is written: output_finish() removes it */
	char *journal;  /* ".BASE.fabrique.journal", beside the output */
	pthread_mutex_t listlock;
	arena *la; /* the list's paths, under listlock */
	struct listed *files;
	size_t nfiles, capfiles;
	const char **removes; /* in a */
	size_t nremoves, capremoves;
	/* output_carry(): the previous site's files no build made go into
	 * the new one; made() tells them, moved_in holds the files a
	 * recovered journal moved in (made by the killed build). */
	bool carry;
	output_made_fn made;
	void *made_ctx;
	strmap *moved_in;
	/* output_carry_from(): the folder carried from, when it is not the
	 * output's previous site (publish: the release now live) */
	char *from;
};

/* A file of the new site, when updating in place: staged (written into
 * the temporary folder) or kept (left as it is in the output). */
struct listed {
	const char *path;
	size_t size;
	bool staged;
	bool timed; /* written by this build: mtime is its fstat()'s */
	struct timespec mtime;
};

/* The files of an output in memory, under a lock: writers run on several
 * threads.  index maps a path to its position + 1 in files. */
struct memory {
	pthread_mutex_t lock;
	strmap *index;
	output_file *files;
	size_t n, cap;
};

/* In place, need is the room the rewritten files take beside their old
 * copies, not a whole site: said so, with how many they are. */
static void
report_full(output *o, unsigned long long need)
{
	outguard_say_full(o->d, o->out, o->parent, need,
	                  o->inplace ? atomic_load(&o->needfiles) : 0);
}

bool
output_failed(const output *o)
{
	return o != NULL && (atomic_load(&o->full) || atomic_load(&o->refused));
}

bool
output_path_ok(const char *relpath)
{
	if (relpath == NULL || relpath[0] == '\0' || relpath[0] == '/' ||
	    strlen(relpath) > MAX_PATH_LEN)
		return false;
	const char *p = relpath;
	for (;;) {
		size_t n = 0;
		for (; p[n] != '\0' && p[n] != '/'; n++) {
			unsigned char c = (unsigned char)p[n];
			if (c < 0x20 || c == 0x7f || c == '\\')
				return false;
		}
		if (n == 0 || n > MAX_NAME_LEN || (n == 1 && p[0] == '.') ||
		    (n == 2 && p[0] == '.' && p[1] == '.'))
			return false;
		if (p[n] == '\0')
			return true;
		p += n + 1;
	}
}

/* "public/" and "site/public" are fine; "", "/", "." and ".." are not,
 * as the folder is replaced as a whole. */
static int
split_out_dir(output *o, const char *out_dir)
{
	size_t n = out_dir != NULL ? strlen(out_dir) : 0;
	while (n > 1 && out_dir[n - 1] == '/')
		n--;
	o->out = arena_strndup(o->a, n > 0 ? out_dir : "", n);
	char *slash = strrchr(o->out, '/');
	const char *base = slash != NULL ? slash + 1 : o->out;
	if (base[0] == '\0' || strcmp(base, ".") == 0 ||
	    strcmp(base, "..") == 0) {
		diag_report(o->d, DIAG_ERROR, n > 0 ? o->out : NULL, 0, 0,
		            "the output folder must be named (as in --out "
		            "public), since it is replaced as a whole");
		return -1;
	}
	o->base = arena_strdup(o->a, base);
	if (slash == NULL)
		o->parent = arena_strdup(o->a, ".");
	else if (slash == o->out)
		o->parent = arena_strdup(o->a, "/");
	else
		o->parent =
		    arena_strndup(o->a, o->out, (size_t)(slash - o->out));
	return 0;
}

static int
open_parent(output *o)
{
	int flags = O_RDONLY | O_DIRECTORY | O_CLOEXEC;
	o->parentfd = open(o->parent, flags);
	if (o->parentfd < 0 && errno == ENOENT && fsutil_mkdirs(o->parent) == 0)
		o->parentfd = open(o->parent, flags);
	if (o->parentfd >= 0)
		return 0;
	int err = errno;
	if (err == EACCES || err == EPERM || err == EROFS) {
		/* the nearest folder that exists is the one to give */
		char *up = xstrdup(o->parent), *slash;
		struct stat st;
		while (stat(up, &st) != 0 &&
		       (slash = strrchr(up, '/')) != NULL && up[1] != '\0') {
			if (slash == up)
				slash[1] = '\0'; /* "/x": up to the root */
			else
				*slash = '\0';
		}
		bool said = outguard_say_denied(o->d, up, err);
		free(up);
		if (said)
			return -1;
	}
	diag_report(o->d, DIAG_ERROR, o->parent, 0, 0,
	            "cannot create or open this folder, which is to hold the "
	            "output: %s",
	            diag_errtext(o->d, err));
	return -1;
}

/* A file or a symbolic link in the way is the user's, not an old site:
 * it is never replaced. */
static int
check_target(output *o)
{
	struct stat st;
	if (fstatat(o->parentfd, o->base, &st, AT_SYMLINK_NOFOLLOW) < 0) {
		if (errno == ENOENT)
			return 0;
		diag_report(o->d, DIAG_ERROR, o->out, 0, 0, "%s",
		            diag_errtext(o->d, errno));
		return -1;
	}
	if (S_ISDIR(st.st_mode))
		return outguard_check_owned_at(o->parentfd, o->base, o->out,
		                               o->d);
	if (S_ISLNK(st.st_mode)) {
		diag_report(o->d, DIAG_ERROR, o->out, 0, 0,
		            "is a symbolic link that leads to no folder: make "
		            "the folder it names, or give --out a folder");
		return -1;
	}
	diag_report(o->d, DIAG_ERROR, o->out, 0, 0,
	            "exists and is not a folder: remove it, or choose another "
	            "output folder");
	return -1;
}

/*
 * One build at a time into one output: an exclusive flock() on a file
 * beside it, holding the owner's pid for the message a second build
 * prints while it waits.  The kernel drops the lock when its owner ends,
 * even killed, so under the lock every temporary folder of this output
 * is a dead build's leftover and can be swept.  The file is removed when
 * done; a waiter that then wins a lock on the removed file tries again.
 */
static int
lock_output(output *o)
{
	char *name = arena_printf(o->a, ".%s.fabrique.lock", o->base);
	for (int tries = 0; tries < 100; tries++) {
		int fd =
		    openat(o->parentfd, name,
		           O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
		if (fd < 0)
			break;
		if (flock(fd, LOCK_EX | LOCK_NB) < 0 && errno == EWOULDBLOCK) {
			char pid[32] = "?";
			ssize_t n = pread(fd, pid, sizeof(pid) - 1, 0);
			pid[n > 0 ? n : 1] = '\0';
			pid[strcspn(pid, "\n")] = '\0';
			fputs(diag_tr(o->d, "fabrique: "), stderr);
			fprintf(stderr,
			        diag_tr(o->d,
			                "another build into %s is running "
			                "(pid %s); waiting for it to end\n"),
			        o->out, pid);
			o->waited = true;
			if (flock(fd, LOCK_EX) < 0) {
				close(fd);
				break;
			}
		}
		struct stat a, b;
		if (fstat(fd, &a) == 0 &&
		    fstatat(o->parentfd, name, &b, AT_SYMLINK_NOFOLLOW) == 0 &&
		    a.st_dev == b.st_dev && a.st_ino == b.st_ino) {
			char pid[32];
			int n =
			    snprintf(pid, sizeof(pid), "%ld\n", (long)getpid());
			if (ftruncate(fd, 0) == 0)
				(void)!pwrite(fd, pid, (size_t)n, 0);
			o->lockfd = fd;
			o->lockname = name;
			return 0;
		}
		o->waited = true; /* its previous owner was a build */
		close(fd);        /* removed by its previous owner: again */
	}
	if (!outguard_say_denied(o->d, o->parent, errno))
		diag_report(o->d, DIAG_ERROR, o->out, 0, 0,
		            "cannot lock the output folder: %s",
		            diag_errtext(o->d, errno));
	return -1;
}

/* A killed build leaves its temporary folder (and, rarely, the previous
 * site renamed aside): only names of that exact form are removed. */
static void
clean_leftovers(output *o)
{
	char *prefix = arena_printf(o->a, ".%s" TMP_TAG, o->base);
	size_t plen = strlen(prefix);
	int fd = openat(o->parentfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *dir = fd >= 0 ? fdopendir(fd) : NULL;
	if (dir == NULL) {
		if (fd >= 0)
			close(fd);
		return;
	}
	struct dirent *e;
	while ((e = readdir(dir)) != NULL) {
		if (strncmp(e->d_name, prefix, plen) != 0 ||
		    fsutil_remove_at(o->parentfd, e->d_name) == 0)
			continue;
		diag_event(o->d, DIAG_WARNING, o->parent,
		           "cannot remove %s, left by an interrupted build: %s",
		           e->d_name, diag_errtext(o->d, errno));
	}
	closedir(dir);
}

/*
 * A journal beside the output is a killed in-place update's (journal.h):
 * it is applied again before anything else, so the output is the site
 * that build made; then this build replaces the folder as a whole (the
 * record of the previous build predates the killed one), and removes the
 * journal only once its new site is in.  One that cannot be applied is
 * said, and the whole-folder swap repairs the output all the same.
 */
static void
recover(output *o)
{
	char *staging = NULL;
	journal_ops ops = {NULL, 0, NULL, 0};
	const char *bad = NULL;
	char *prefix = arena_printf(o->a, ".%s" TMP_TAG, o->base);
	if (journal_read(o->parentfd, o->journal, prefix, output_path_ok, o->a,
	                 &staging, &ops) < 0 &&
	    errno == ENOENT)
		return;
	o->recovered = true;
	int e = EINVAL;
	int outfd = openat(o->parentfd, o->base,
	                   O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	int sfd = staging != NULL
	              ? openat(o->parentfd, staging,
	                       O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
	              : -1;
	o->moved_in = strmap_new(o->a);
	for (size_t i = 0; i < ops.nrenames; i++)
		strmap_put(o->moved_in, ops.renames[i], o);
	if (staging != NULL && sfd < 0 && errno == ENOENT)
		ops.nrenames = 0; /* all moved in, the folder removed */
	if (staging != NULL && outfd >= 0 && (sfd >= 0 || ops.nrenames == 0) &&
	    journal_check(outfd, &ops, &bad) == 0 &&
	    journal_apply(outfd, sfd, &ops, &bad) == 0)
		e = 0;
	else if (staging != NULL)
		e = errno;
	if (outfd >= 0)
		close(outfd);
	if (sfd >= 0)
		close(sfd);
	if (e == 0)
		diag_event(o->d, DIAG_NOTE, o->out,
		           "finished the update that an interrupted build "
		           "had left half done; this build replaces the "
		           "folder as a whole");
	else
		diag_event(o->d, DIAG_WARNING, o->out,
		           "cannot finish the update that an interrupted "
		           "build left half done (%s%s%s); this build "
		           "replaces the folder as a whole",
		           bad ? bad : "", bad ? ": " : "",
		           diag_errtext(o->d, e));
}

/* mkdtemp() makes the folder private (0700); the site is meant to be
 * served, so it gets the usual 0755 instead. */
static int
make_tmp(output *o)
{
	o->tmppath =
	    arena_printf(o->a, "%s/.%s" TMP_TAG "XXXXXX", o->parent, o->base);
	if (mkdtemp(o->tmppath) == NULL) {
		if (outguard_errno_full(errno)) {
			atomic_store(&o->full, true);
			report_full(o, 0);
			return -1;
		}
		diag_report(o->d, DIAG_ERROR, o->tmppath, 0, 0,
		            "cannot create the temporary output folder: %s",
		            diag_errtext(o->d, errno));
		return -1;
	}
	o->tmpname = strrchr(o->tmppath, '/') + 1;
	o->open = true;
	o->dirfd = openat(o->parentfd, o->tmpname,
	                  O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (o->dirfd < 0 || fchmod(o->dirfd, 0755) < 0) {
		diag_report(o->d, DIAG_ERROR, o->tmppath, 0, 0,
		            "cannot open the temporary output folder: %s",
		            diag_errtext(o->d, errno));
		return -1;
	}
	return 0;
}

output *
output_lock(const char *out_dir, diag *d)
{
	return output_lock_inherited(out_dir, -1, NULL, d);
}

/* A lock handed over through an exec (output_lock_handover()) is only
 * taken over when fd still is this output's lock file, under its name,
 * and locked by this open file: flock() of a lock held through the same
 * open file succeeds at once, another's would fail.  Anything else
 * (an fd inherited by chance) is left alone. */
static bool
take_over_lock(output *o, int fd)
{
	char *name = arena_printf(o->a, ".%s.fabrique.lock", o->base);
	struct stat a, b;
	if (fstat(fd, &a) < 0 || !S_ISREG(a.st_mode) ||
	    fstatat(o->parentfd, name, &b, AT_SYMLINK_NOFOLLOW) < 0 ||
	    a.st_dev != b.st_dev || a.st_ino != b.st_ino ||
	    flock(fd, LOCK_EX | LOCK_NB) < 0 ||
	    fcntl(fd, F_SETFD, FD_CLOEXEC) < 0)
		return false;
	o->lockfd = fd;
	o->lockname = name;
	return true;
}

output *
output_lock_inherited(const char *out_dir, int fd, bool *over, diag *d)
{
	output *o = xcalloc(1, sizeof(*o));
	o->d = d;
	o->a = arena_new();
	o->parentfd = o->dirfd = o->prevfd = o->lockfd = o->fromfd = -1;
	o->la = arena_new();
	pthread_mutex_init(&o->listlock, NULL);
	bool taken = false;
	if (split_out_dir(o, out_dir) < 0 || open_parent(o) < 0 ||
	    (!(taken = fd >= 0 && take_over_lock(o, fd)) &&
	     lock_output(o) < 0)) {
		output_free(o);
		return NULL;
	}
	if (over != NULL)
		*over = taken;
	return o;
}

int
output_lock_handover(output *o, bool over)
{
	if (o == NULL || o->lockfd < 0 ||
	    fcntl(o->lockfd, F_SETFD, over ? 0 : FD_CLOEXEC) < 0)
		return -1;
	return o->lockfd;
}

bool
output_lock_waited(const output *o)
{
	return o != NULL && o->waited;
}

output *
output_begin(const char *out_dir, diag *d)
{
	output *o = output_lock(out_dir, d);
	if (o != NULL && output_start(o) < 0) {
		output_free(o);
		return NULL;
	}
	return o;
}

int
output_start(output *o)
{
	if (check_target(o) < 0)
		return -1;
	struct statvfs sv;
	o->block = fstatvfs(o->parentfd, &sv) == 0 && sv.f_frsize > 0
	               ? (unsigned long)sv.f_frsize
	               : 4096;
	o->journal = arena_printf(o->a, ".%s.fabrique.journal", o->base);
	recover(o);
	clean_leftovers(o);
	return make_tmp(o);
}

/*
 * Opens the folders of path inside root, creating missing ones, and
 * returns the one that holds the last component (root itself, or a new
 * descriptor), with *leaf pointing at that component.  path is cut at
 * each '/'.  Folders are never reached through a symbolic link.
 */
static int
open_dirs(int root, char *path, const char **leaf)
{
	int cur = root, flags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
	char *p = path;
	for (char *slash; (slash = strchr(p, '/')) != NULL; p = slash + 1) {
		*slash = '\0';
		int next = openat(cur, p, flags);
		if (next < 0 && errno == ENOENT &&
		    (mkdirat(cur, p, 0777) == 0 || errno == EEXIST))
			next = openat(cur, p, flags);
		int e = errno;
		if (cur != root)
			close(cur);
		if (next < 0) {
			errno = e;
			return -1;
		}
		cur = next;
	}
	*leaf = p;
	return cur;
}

/* Creates relpath in the folder dirfd, neither leaving it nor following a
 * symbolic link (fsutil_open_beneath(): one openat2() where the kernel
 * has it; a walk of one openat() per component cost more than rendering
 * on a 10,000-page site). */
static int
create_beneath(int dirfd, const char *relpath)
{
	return fsutil_open_beneath(dirfd, relpath, O_CREAT | O_EXCL | O_WRONLY);
}

/* Creates the folders leading to relpath inside root, one component at a
 * time. */
static int
make_parents(int root, const char *relpath)
{
	char path[MAX_PATH_LEN + 1];
	const char *leaf;
	memcpy(path, relpath, strlen(relpath) + 1);
	int dir = open_dirs(root, path, &leaf);
	if (dir < 0)
		return -1;
	if (dir != root)
		close(dir);
	return 0;
}

/*
 * The folder holding relpath, when only it is missing (each page has its
 * own folder: ateliers/x/index.html needs ateliers/x, and ateliers is
 * there since the first page): its parent opened with openat2()
 * (RESOLVE_BENEATH, no symbolic link), one mkdirat().  Three system calls
 * instead of make_parents()'s six, once a page; make_parents() when this
 * fails (deeper folders missing, a kernel without openat2()).
 */
static int
make_parent(output *o, const char *relpath)
{
	char path[MAX_PATH_LEN + 1];
	size_t n = strlen(relpath);
	if (n > MAX_PATH_LEN)
		return make_parents(o->dirfd, relpath);
	memcpy(path, relpath, n + 1);
	char *slash = strrchr(path, '/');
	if (slash == NULL)
		return make_parents(o->dirfd, relpath);
	*slash = '\0';
	char *cut = strrchr(path, '/');
	int dir = o->dirfd, rc = -1;
	const char *leaf = path;
	if (cut != NULL) {
		*cut = '\0';
		dir = fsutil_open_beneath(o->dirfd, path, O_PATH | O_DIRECTORY);
		leaf = cut + 1;
	}
	if (dir >= 0)
		rc = mkdirat(dir, leaf, 0777); /* EEXIST (a race, a link):
		                                  make_parents() checks it */
	if (dir >= 0 && dir != o->dirfd)
		close(dir);
	return rc == 0 ? 0 : make_parents(o->dirfd, relpath);
}

/* relpath is a file of the new site: written (staged, in place), linked
 * or kept.  The list is what output_each() gives: walking the new folder
 * for it, with a stat() of each file, was most of the service worker's
 * step at the end of a build (0.14 of 0.25 s at 10,000 pages). */
static void
list_timed(output *o, const char *relpath, size_t size, bool staged,
           const struct timespec *mtime)
{
	pthread_mutex_lock(&o->listlock);
	if (o->nfiles == o->capfiles) {
		o->capfiles = o->capfiles ? o->capfiles * 2 : 1024;
		o->files = xrealloc(o->files, o->capfiles * sizeof(*o->files));
	}
	o->files[o->nfiles++] = (struct listed){
	    arena_strdup(o->la, relpath), size, staged, mtime != NULL,
	    mtime != NULL ? *mtime : (struct timespec){0, 0}};
	pthread_mutex_unlock(&o->listlock);
}

/* A file linked or kept: its time is the previous build's. */
static void
list_file(output *o, const char *relpath, size_t size, bool staged)
{
	list_timed(o, relpath, size, staged, NULL);
}

/* The modification time of fd, written and about to be closed, or NULL:
 * the build's record takes it from there (output_each_written()). */
static const struct timespec *
written_at(int fd, struct stat *st)
{
	return fd >= 0 && fstat(fd, st) == 0 ? &st->st_mtim : NULL;
}

/* The folder unchanged files are linked from: the previous site, or
 * output_reuse_from()'s. */
static int
reuse_fd(const output *o)
{
	return o->fromfd >= 0 ? o->fromfd : o->prevfd;
}

/*
 * Incremental builds link a file unchanged since the previous build from
 * it; linkat() does not follow a final symbolic link, and same() has
 * checked with lstat() that the old file is a regular one.
 */
static bool
link_previous(output *o, const char *relpath, const char *hex, size_t len)
{
	/* same() is asked even with no previous site: it also records what
	 * is written, for the next build to compare with. */
	int prev = reuse_fd(o);
	if (o->same == NULL || !o->same(o->same_ctx, relpath, hex, len) ||
	    prev < 0)
		return false;
	if (o->inplace) { /* left where it is */
		list_file(o, relpath, len, false);
		atomic_fetch_add(&o->linked, 1);
		return true;
	}
	/* A link refused (another file system, another owner under
	 * fs.protected_hardlinks, too many links) leaves the file to be
	 * written anew: a copy. */
	if (linkat(prev, relpath, o->dirfd, relpath, 0) != 0 &&
	    (errno != ENOENT || make_parent(o, relpath) != 0 ||
	     linkat(prev, relpath, o->dirfd, relpath, 0) != 0))
		return false;
	list_file(o, relpath, len, false);
	atomic_fetch_add(&o->linked, 1);
	return true;
}

/* Counts relpath's blocks in the space the new site needs and creates
 * it in the temporary folder: a descriptor, or -1 and errno. */
static int
create_file(output *o, const char *relpath, size_t len)
{
	unsigned long long blocks = (len + o->block - 1) / o->block;
	atomic_fetch_add(&o->need, blocks * o->block);
	atomic_fetch_add(&o->needfiles, 1);
	if (atomic_load(&o->full)) {
		errno = ENOSPC; /* not even tried: see struct output */
		return -1;
	}
	atomic_fetch_add(&o->written, 1);
	int fd = create_beneath(o->dirfd, relpath);
	if (fd < 0 && errno == ENOENT && make_parent(o, relpath) == 0)
		fd = create_beneath(o->dirfd, relpath);
	return fd;
}

/* Creates relpath in the temporary folder; 0, or an errno value. */
static int
write_file(output *o, const char *relpath, const void *data, size_t len)
{
	char hex[HASH_HEX + 1] = "";
	if (o->same != NULL)
		hash_hex(data, len, hex);
	if (link_previous(o, relpath, hex, len))
		return 0;
	int fd = create_file(o, relpath, len);
	int err = fd < 0 || fsutil_write_all(fd, data, len) < 0 ? errno : 0;
	struct stat st;
	const struct timespec *mtime = err == 0 ? written_at(fd, &st) : NULL;
	if (fd >= 0 && close(fd) < 0 && err == 0)
		err = errno;
	if (err == 0)
		list_timed(o, relpath, len, o->inplace, mtime);
	return err;
}

/* ---- in memory (fabrique serve) ------------------------------------ */

output *
output_begin_memory(diag *d)
{
	output *o = xcalloc(1, sizeof(*o));
	o->d = d;
	o->a = arena_new();
	o->out = arena_strdup(o->a, "(memory)");
	o->parentfd = o->dirfd = o->prevfd = o->lockfd = o->fromfd = -1;
	o->la = arena_new();
	pthread_mutex_init(&o->listlock, NULL);
	o->mem = xcalloc(1, sizeof(*o->mem));
	pthread_mutex_init(&o->mem->lock, NULL);
	o->mem->index = strmap_new(o->a);
	o->open = true;
	return o;
}

/* Same contract as write_file(): 0, or EEXIST for a path written twice. */
static int
mem_write(output *o, const char *relpath, const void *data, size_t len)
{
	struct memory *m = o->mem;
	int err = 0;
	pthread_mutex_lock(&m->lock);
	if (strmap_get(m->index, relpath) != NULL) {
		err = EEXIST;
	} else {
		if (m->n == m->cap) {
			m->cap = m->cap ? m->cap * 2 : 256;
			m->files =
			    xrealloc(m->files, m->cap * sizeof(*m->files));
		}
		output_file *f = &m->files[m->n++];
		f->path = xstrdup(relpath);
		f->data = xmalloc(len + 1);
		memcpy(f->data, data, len);
		f->data[len] = '\0';
		f->len = len;
		strmap_put(m->index, arena_strdup(o->a, relpath),
		           (void *)(uintptr_t)m->n);
		atomic_fetch_add(&o->written, 1);
	}
	pthread_mutex_unlock(&m->lock);
	return err;
}

void
output_on_claim(output *o, output_claim_fn fn, void *ctx)
{
	o->on_claim = fn;
	o->on_claim_ctx = ctx;
}

void
output_on_write(output *o, output_write_fn fn, void *ctx)
{
	o->on_write = fn;
	o->on_write_ctx = ctx;
}

static const output_file *
mem_find(output *o, const char *relpath)
{
	pthread_mutex_lock(&o->mem->lock);
	uintptr_t i = (uintptr_t)strmap_get(o->mem->index, relpath);
	const output_file *f = i ? &o->mem->files[i - 1] : NULL;
	pthread_mutex_unlock(&o->mem->lock);
	return f;
}

static void
mem_free_files(struct memory *m)
{
	for (size_t i = 0; i < m->n; i++) {
		free(m->files[i].path);
		free(m->files[i].data);
	}
	free(m->files);
	m->files = NULL;
	m->n = m->cap = 0;
}

static int
cmp_file(const void *a, const void *b)
{
	return strcmp(((const output_file *)a)->path,
	              ((const output_file *)b)->path);
}

output_file *
output_take(output *o, size_t *n)
{
	*n = 0;
	if (o->mem == NULL || o->open)
		return NULL;
	output_file *files = o->mem->files;
	*n = o->mem->n;
	if (*n > 1)
		qsort(files, *n, sizeof(*files), cmp_file);
	o->mem->files = NULL;
	o->mem->n = o->mem->cap = 0;
	return files;
}

void
output_files_free(output_file *files, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(files[i].path);
		free(files[i].data);
	}
	free(files);
}

/* What output_write() checks before writing: 0, or -1 after reporting. */
static int
write_allowed(output *o, const char *relpath)
{
	if (!o->open) {
		diag_report(o->d, DIAG_ERROR, o->out, 0, 0,
		            "cannot write %s: the output is already closed",
		            relpath != NULL ? relpath : "");
		return -1;
	}
	if (!output_path_ok(relpath)) {
		diag_report(o->d, DIAG_ERROR, o->out, 0, 0,
		            "refusing to write \"%s\": an output path must be "
		            "relative, without empty, \".\" or \"..\" parts, "
		            "backslashes or control characters",
		            relpath != NULL ? relpath : "");
		return -1;
	}
	return 0;
}

/* A write of relpath failed with err: -1, after reporting it (a full
 * disk only once, by output_abort()). */
static int
write_failed(output *o, const char *relpath, int err)
{
	if (outguard_errno_full(err)) {
		atomic_store(&o->full, true);
		return -1;
	}
	if (err == EEXIST && o->on_claim != NULL) {
		buf who = BUF_INIT;
		o->on_claim(o->on_claim_ctx, relpath, &who);
		bool said = who.len > 0;
		if (said)
			diag_report(o->d, DIAG_ERROR, o->out, 0, 0,
			            "cannot write %s: it exists already (these "
			            "files of the site have this output path: "
			            "%.*s); rename one of them",
			            relpath, (int)who.len, who.data);
		buf_free(&who);
		if (said)
			return -1;
	}
	if (err == EEXIST)
		diag_report(o->d, DIAG_ERROR, o->out, 0, 0,
		            "cannot write %s: it exists already (two pages or "
		            "files of the site have this output path)",
		            relpath);
	else
		diag_report(o->d, DIAG_ERROR, o->out, 0, 0,
		            "cannot write %s: %s", relpath,
		            diag_errtext(o->d, err));
	return -1;
}

int
output_write(output *o, const char *relpath, const void *data, size_t len)
{
	if (write_allowed(o, relpath) != 0)
		return -1;
	int err = o->mem ? mem_write(o, relpath, data, len)
	                 : write_file(o, relpath, data, len);
	if (err == 0 && o->on_write != NULL)
		o->on_write(o->on_write_ctx, relpath, data, len);
	return err == 0 ? 0 : write_failed(o, relpath, err);
}

/* ---- streams ------------------------------------------------------- */

#define STREAM_CHUNK (64 * 1024)

struct output_stream {
	output *o;
	char *relpath;
	size_t len, done;
	size_t counted; /* direct: bytes counted in o->need */
	bool refused;   /* by write_allowed(), reported */
	bool direct;    /* written to its file as it comes */
	int fd;         /* direct: the new file, or -1 (err says why) */
	bool created;   /* direct: the file was made (and counted) */
	int err;        /* direct: the first errno */
	buf b;          /* direct: up to STREAM_CHUNK bytes; else all */
	hash_stream h;
};

output_stream *
output_stream_open(output *o, const char *relpath, size_t len)
{
	output_stream *s = xcalloc(1, sizeof(*s));
	s->o = o;
	s->relpath = xstrdup(relpath != NULL ? relpath : "");
	s->len = len;
	s->fd = -1;
	s->refused = write_allowed(o, relpath) != 0;
	/* a memory output keeps the bytes, serve's hook reads them whole */
	s->direct = !s->refused && o->mem == NULL && o->on_write == NULL;
	if (!s->direct)
		return s;
	if (len != OUTPUT_STREAM_UNSIZED)
		hash_stream_begin(&s->h, len);
	s->counted = len != OUTPUT_STREAM_UNSIZED ? len : 0;
	s->fd = create_file(o, relpath, s->counted);
	s->created = s->fd >= 0;
	if (s->fd < 0)
		s->err = errno;
	return s;
}

static void
stream_flush(output_stream *s)
{
	if (s->fd >= 0 && s->err == 0 &&
	    fsutil_write_all(s->fd, s->b.data, s->b.len) < 0)
		s->err = errno;
	buf_reset(&s->b);
}

int
output_stream_put(output_stream *s, const void *data, size_t n)
{
	if (s->refused || s->err != 0)
		return -1;
	s->done += n;
	if (!s->direct) {
		buf_put(&s->b, data, n);
		return 0;
	}
	if (s->o->same != NULL && s->len != OUTPUT_STREAM_UNSIZED)
		hash_stream_put(&s->h, data, n);
	if (s->b.len + n > STREAM_CHUNK)
		stream_flush(s);
	if (n >= STREAM_CHUNK) {
		if (s->fd >= 0 && fsutil_write_all(s->fd, data, n) < 0)
			s->err = errno;
	} else
		buf_put(&s->b, data, n);
	return s->err != 0 ? -1 : 0;
}

/*
 * A streamed file equal to the previous build's: the previous one takes
 * its place, as link_previous() would have linked it (its inode and
 * time kept), or, in place, it is left where it is and the copy staged
 * goes.  False (ours stays, the same bytes) if it cannot be linked.
 */
static bool
stream_keep_previous(output *o, const char *relpath, const char *hex,
                     size_t len)
{
	int prev = reuse_fd(o);
	if (o->same == NULL || !o->same(o->same_ctx, relpath, hex, len) ||
	    prev < 0)
		return false;
	if (!o->inplace) {
		char tmp[MAX_PATH_LEN + sizeof(TMP_TAG "link")];
		snprintf(tmp, sizeof(tmp), "%s" TMP_TAG "link", relpath);
		if (linkat(prev, relpath, o->dirfd, tmp, 0) != 0)
			return false;
		if (renameat(o->dirfd, tmp, o->dirfd, relpath) != 0) {
			unlinkat(o->dirfd, tmp, 0);
			return false;
		}
	} else
		unlinkat(o->dirfd, relpath, 0);
	unsigned long long blocks = (len + o->block - 1) / o->block;
	atomic_fetch_sub(&o->need, blocks * o->block);
	atomic_fetch_sub(&o->needfiles, 1);
	atomic_fetch_sub(&o->written, 1);
	list_file(o, relpath, len, false);
	atomic_fetch_add(&o->linked, 1);
	return true;
}

/* The file of a stream that fails or is given up: removed, and no
 * longer counted. */
static void
stream_discard(output_stream *s)
{
	if (s->fd >= 0)
		close(s->fd);
	s->fd = -1;
	if (!s->created)
		return;
	s->created = false;
	unlinkat(s->o->dirfd, s->relpath, 0);
	unsigned long long blocks =
	    (s->counted + s->o->block - 1) / s->o->block;
	atomic_fetch_sub(&s->o->need, blocks * s->o->block);
	atomic_fetch_sub(&s->o->needfiles, 1);
	atomic_fetch_sub(&s->o->written, 1);
}

static void
stream_free(output_stream *s)
{
	buf_free(&s->b);
	free(s->relpath);
	free(s);
}

/*
 * An unsized stream's digest, which hashes the size first: made from the
 * file written, read back (from the page cache, a few milliseconds for
 * the 13 MB of a 10,000-page programme.json), rather than from a copy
 * held.  0, or an errno value.
 */
static int
stream_digest_back(output_stream *s)
{
	int fd =
	    fsutil_open_beneath(s->o->dirfd, s->relpath, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno;
	char *chunk = xmalloc(STREAM_CHUNK);
	hash_stream_begin(&s->h, s->done);
	size_t at = 0;
	int err = 0;
	while (at < s->done) {
		ssize_t n = pread(fd, chunk, STREAM_CHUNK, (off_t)at);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			err = n < 0 ? errno : EIO; /* shorter than written */
			break;
		}
		hash_stream_put(&s->h, chunk, (size_t)n);
		at += (size_t)n;
	}
	free(chunk);
	close(fd);
	return err;
}

/* An unsized stream, once written: its size counted in the space the new
 * site needs, and its digest made if reuse asks for one.  0, or an errno
 * value. */
static int
stream_sized(output_stream *s)
{
	if (s->len != OUTPUT_STREAM_UNSIZED)
		return 0;
	output *o = s->o;
	s->len = s->done;
	unsigned long long blocks = (s->len + o->block - 1) / o->block;
	atomic_fetch_add(&o->need, blocks * o->block);
	s->counted = s->len;
	return o->same != NULL ? stream_digest_back(s) : 0;
}

/* Flushed and closed: the file is listed, or the previous build's takes
 * its place.  0, or -1 after reporting (the file removed). */
static int
stream_finish(output_stream *s)
{
	output *o = s->o;
	stream_flush(s);
	int fd = s->fd;
	s->fd = -1;
	struct stat st;
	const struct timespec *mtime = s->err == 0 ? written_at(fd, &st) : NULL;
	if (close(fd) < 0 && s->err == 0)
		s->err = errno;
	if (s->err == 0)
		s->err = stream_sized(s);
	if (s->err != 0) {
		stream_discard(s);
		return write_failed(o, s->relpath, s->err);
	}
	char hex[HASH_HEX + 1] = "";
	if (o->same != NULL)
		hash_stream_hex(&s->h, hex);
	if (!stream_keep_previous(o, s->relpath, hex, s->len))
		list_timed(o, s->relpath, s->len, o->inplace, mtime);
	return 0;
}

void
output_stream_cancel(output_stream *s)
{
	if (s == NULL)
		return;
	stream_discard(s);
	stream_free(s);
}

int
output_stream_close(output_stream *s)
{
	if (s == NULL)
		return -1;
	output *o = s->o;
	int rc = -1;
	if (s->refused) {
		/* reported by output_stream_open() */
	} else if (s->direct && s->err != 0) {
		stream_discard(s);
		rc = write_failed(o, s->relpath, s->err);
	} else if (s->len != OUTPUT_STREAM_UNSIZED && s->done != s->len) {
		stream_discard(s);
		diag_report(o->d, DIAG_ERROR, o->out, 0, 0,
		            "cannot write %s: %zu bytes announced, %zu given",
		            s->relpath, s->len, s->done);
	} else if (s->direct) {
		rc = stream_finish(s);
	} else {
		rc = output_write(o, s->relpath, s->b.data, s->b.len);
	}
	stream_free(s);
	return rc;
}

void
output_reuse(output *o, output_same_fn same, void *ctx)
{
	if (o->prevfd < 0)
		o->prevfd =
		    openat(o->parentfd, o->base,
		           O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	o->same = same;
	o->same_ctx = ctx;
}

int
output_reuse_from(output *o, const char *from_dir)
{
	if (o->inplace || o->mem != NULL)
		return -1;
	int fd =
	    open(from_dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return -1;
	if (o->fromfd >= 0)
		close(o->fromfd);
	o->fromfd = fd;
	return 0;
}

bool
output_keep(output *o, const char *relpath, long long size, long long mtime_ns)
{
	struct stat st;
	if (!o->open || !output_path_ok(relpath))
		return false;
	if (o->prevfd < 0)
		o->prevfd =
		    openat(o->parentfd, o->base,
		           O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (o->prevfd < 0 ||
	    fstatat(o->prevfd, relpath, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
	    !S_ISREG(st.st_mode) || (long long)st.st_size != size ||
	    (long long)st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec !=
	        mtime_ns)
		return false;
	if (o->inplace) { /* left where it is */
		list_file(o, relpath, (size_t)size, false);
		atomic_fetch_add(&o->linked, 1);
		return true;
	}
	if (linkat(o->prevfd, relpath, o->dirfd, relpath, 0) != 0 &&
	    (errno != ENOENT || make_parent(o, relpath) != 0 ||
	     linkat(o->prevfd, relpath, o->dirfd, relpath, 0) != 0))
		return false;
	list_file(o, relpath, (size_t)size, false);
	atomic_fetch_add(&o->linked, 1);
	return true;
}

void
output_counts(const output *o, size_t *written, size_t *linked)
{
	*written = atomic_load(&o->written);
	*linked = atomic_load(&o->linked);
}

/* renameat2(RENAME_EXCHANGE) swaps two folders in one step.  Building with
 * -DOUTPUT_NO_EXCHANGE exercises the fallback, as on kernels or file
 * systems without it. */
static int
exchange(int dirfd, const char *a, const char *b)
{
#if defined(SYS_renameat2) && !defined(OUTPUT_NO_EXCHANGE)
	return (int)syscall(SYS_renameat2, dirfd, a, dirfd, b, RENAME_EXCHANGE);
#else
	(void)dirfd, (void)a, (void)b;
	errno = ENOSYS;
	return -1;
#endif
}

/* The new site is live by now: failing to delete the old one is only
 * worth a warning, and the next build removes it anyway. */
static void
discard_old(output *o, const char *name)
{
	if (fsutil_remove_at(o->parentfd, name) == 0)
		return;
	diag_event(o->d, DIAG_WARNING, o->parent,
	           "cannot remove the previous site, now in %s: %s", name,
	           diag_errtext(o->d, errno));
}

static int
commit_error(output *o, int err)
{
	if (outguard_errno_full(err)) { /* said by output_commit() */
		atomic_store(&o->full, true);
		return -1;
	}
	diag_report(o->d, DIAG_ERROR, o->out, 0, 0,
	            "cannot replace the output folder: %s",
	            diag_errtext(o->d, err));
	return -1;
}

/*
 * Without RENAME_EXCHANGE: the old site moves aside to a reserved
 * ".BASE.fabrique-old-XXXXXX" name (renaming a folder onto an empty one
 * is allowed), then the new one moves in.  Readers may see no site for an
 * instant.  On failure the old site is put back.
 */
static int
swap_by_renames(output *o)
{
	char *old = arena_printf(o->a, "%s/.%s" TMP_TAG "old-XXXXXX", o->parent,
	                         o->base);
	if (mkdtemp(old) == NULL)
		return commit_error(o, errno);
	const char *oldname = strrchr(old, '/') + 1;
	int pfd = o->parentfd;
	if (renameat(pfd, o->base, pfd, oldname) < 0) {
		int e = errno;
		unlinkat(pfd, oldname, AT_REMOVEDIR);
		return commit_error(o, e);
	}
	if (renameat(pfd, o->tmpname, pfd, o->base) < 0) {
		int e = errno;
		renameat(pfd, oldname, pfd, o->base);
		return commit_error(o, e);
	}
	discard_old(o, oldname);
	return 0;
}

static int
swap_in(output *o)
{
	struct stat st;
	int pfd = o->parentfd;
	if (fstatat(pfd, o->base, &st, AT_SYMLINK_NOFOLLOW) < 0) {
		if (errno != ENOENT)
			return commit_error(o, errno);
		if (renameat(pfd, o->tmpname, pfd, o->base) < 0)
			return commit_error(o, errno);
		return 0;
	}
	if (!S_ISDIR(st.st_mode))
		return check_target(o);
	if (exchange(pfd, o->tmpname, o->base) == 0) {
		discard_old(o, o->tmpname); /* the old site is there now */
		return 0;
	}
	if (errno != EINVAL && errno != ENOSYS && errno != EOPNOTSUPP)
		return commit_error(o, errno);
	return swap_by_renames(o);
}

bool
output_in_place(output *o)
{
	if (o->mem != NULL || !o->open || o->recovered ||
	    atomic_load(&o->written) + atomic_load(&o->linked) > 0)
		return false;
	if (o->prevfd < 0)
		o->prevfd =
		    openat(o->parentfd, o->base,
		           O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	struct stat st;
	o->inplace =
	    o->prevfd >= 0 &&
	    fstatat(o->prevfd, OUTGUARD_MARK, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	    S_ISREG(st.st_mode);
	return o->inplace;
}

void
output_remove(output *o, const char *relpath)
{
	if (!o->inplace || !o->open || !output_path_ok(relpath))
		return;
	if (o->nremoves == o->capremoves) {
		size_t n = o->capremoves ? o->capremoves * 2 : 64;
		o->removes = arena_grow(o->a, o->removes,
		                        o->capremoves * sizeof(*o->removes),
		                        n * sizeof(*o->removes));
		o->capremoves = n;
	}
	o->removes[o->nremoves++] = arena_strdup(o->a, relpath);
}

/* In place, a symbolic link or ".." on the way to a file is refused
 * before anything is changed: the output stays as it was.  Reading a kept
 * file back (output_read()) meets such a link first when its page did not
 * change: the same words, and the build stops as for a full disk. */
static int
refuse_link(output *o, const char *bad)
{
	diag_report(o->d, DIAG_ERROR, o->out, 0, 0,
	            "cannot update %s in place: a symbolic link inside it "
	            "leads to %s (%s); remove the link, or build with "
	            "--atomic to replace the folder as a whole",
	            o->out, bad, diag_errtext(o->d, ELOOP));
	atomic_store(&o->refused, true);
	return -1;
}

static int
refuse_beyond_link(output *o, const char *bad)
{
	refuse_link(o, bad);
	output_abort(o);
	return -1;
}

static int aside_replaced(output *o, const journal_ops *ops);

/*
 * The update in place (journal.h): the journal written and fsync()ed,
 * then applied.  Once the journal is on disk the update is bound to
 * happen: a failure applying it leaves the journal and the staged files
 * for the next build, which finishes it.
 */
static int
commit_in_place(output *o)
{
	journal_ops ops = {NULL, 0, o->removes, o->nremoves};
	ops.renames = xmalloc((o->nfiles + 1) * sizeof(*ops.renames));
	for (size_t i = 0; i < o->nfiles; i++)
		if (o->files[i].staged)
			ops.renames[ops.nrenames++] = o->files[i].path;
	const char *bad = NULL;
	char *tmp = arena_printf(o->a, ".%s" TMP_TAG "journal", o->base);
	int rc = 0;
	if (journal_check(o->prevfd, &ops, &bad) < 0)
		rc = refuse_beyond_link(o, bad);
	else if (aside_replaced(o, &ops) < 0) {
		atomic_store(&o->refused, true); /* exit status 4 */
		output_abort(o);
		rc = -1;
	} else if (journal_write(o->parentfd, o->journal, tmp, o->tmpname,
	                         &ops) < 0) {
		int e = errno;
		if (outguard_errno_full(e))
			atomic_store(&o->full, true);
		output_abort(o); /* says the disk is full */
		rc = outguard_errno_full(e) ? -1 : commit_error(o, e);
	} else {
		o->journaled = true;
		o->open = false;
		if (journal_apply(o->prevfd, o->dirfd, &ops, &bad) == 0)
			fsutil_remove_at(o->parentfd, o->tmpname);
		else {
			diag_report(o->d, DIAG_ERROR, o->out, 0, 0,
			            "cannot update %s: %s; the next build "
			            "finishes the update",
			            bad, diag_errtext(o->d, errno));
			rc = -1;
		}
	}
	free(ops.renames);
	return rc;
}

void
output_finish(output *o)
{
	if (o != NULL && o->journaled && o->parentfd >= 0)
		unlinkat(o->parentfd, o->journal, 0);
	if (o != NULL)
		o->journaled = false;
}

bool
output_interrupted(const char *out_dir)
{
	size_t n = out_dir != NULL ? strlen(out_dir) : 0;
	while (n > 1 && out_dir[n - 1] == '/')
		n--;
	size_t cut = n;
	while (cut > 0 && out_dir[cut - 1] != '/')
		cut--;
	/* out_dir[0, cut) is the parent with its '/', then the base */
	char path[MAX_PATH_LEN + 64];
	if (n == 0 || n - cut > MAX_NAME_LEN || cut > MAX_PATH_LEN)
		return false;
	snprintf(path, sizeof(path), "%.*s.%.*s.fabrique.journal", (int)cut,
	         out_dir, (int)(n - cut), out_dir + cut);
	struct stat st;
	return lstat(path, &st) == 0;
}

/* ---- files fabrique did not make (output_carry()) ----------------- */

void
output_carry(output *o, output_made_fn made, void *ctx)
{
	o->carry = true;
	o->made = made;
	o->made_ctx = ctx;
}

void
output_carry_from(output *o, const char *from_dir, output_made_fn made,
                  void *ctx)
{
	output_carry(o, made, ctx);
	o->from = arena_strdup(o->a, from_dir);
}

struct carry {
	output *o;
	char path[MAX_PATH_LEN + 1]; /* the folder walked, relative */
	size_t n;                    /* files set aside */
	const char *first[3];        /* the first in byte order, for the
	                                message: the same on every file
	                                system, whatever readdir()'s order */
	size_t nrep;                 /* files set aside because a page of
	                                this build takes their address */
	const char *rfirst[3];       /* the first of those, as first[] */
	char *aside;                 /* the set-aside folder, beside */
	int asidefd;
	int err; /* the first file that could not be kept: its errno */
	char *lost;
};

/* relpath (not in the new site) was made by an earlier build.  What a
 * recovered journal moved in is the output's own, not a folder carried
 * from (output_carry_from()). */
static bool
made_before(const output *o, const char *relpath)
{
	return (o->from == NULL && o->moved_in != NULL &&
	        strmap_get(o->moved_in, relpath)) ||
	       (o->made != NULL && o->made(o->made_ctx, relpath));
}

/* Hard-links name (in dirfd) as relpath in root, or copies it where the
 * kernel refuses the link: a file of another owner under
 * fs.protected_hardlinks (EPERM), a folder on another file system, a
 * bind mount (EXDEV), a file with too many links (EMLINK).  The copy is
 * the same file to a reader (bytes, mode, times), so nothing is said. */
static int
link_or_copy(int dirfd, const char *name, int root, const char *relpath)
{
	if (linkat(dirfd, name, root, relpath, 0) == 0)
		return 0;
	if (errno != EPERM && errno != EXDEV && errno != EMLINK)
		return -1;
	return fsutil_copy_at(dirfd, name, root, relpath);
}

/* Hard-links (or copies) name (in the previous site's folder dirfd) as
 * relpath in the folder root, making the folders on the way.  A symbolic
 * link is linked itself, never its target (linkat() without
 * AT_SYMLINK_FOLLOW). */
static int
link_into(int dirfd, const char *name, int root, const char *relpath)
{
	if (link_or_copy(dirfd, name, root, relpath) == 0)
		return 0;
	if (errno == EEXIST && unlinkat(root, relpath, 0) == 0)
		return link_or_copy(dirfd, name, root, relpath);
	if (errno != ENOENT || make_parents(root, relpath) < 0)
		return -1;
	return link_or_copy(dirfd, name, root, relpath);
}

/* Keeps path in first[] if it is among the three smallest seen. */
static void
keep_first(const char *first[3], const char *path)
{
	for (int i = 0; i < 3 && path != NULL; i++)
		if (first[i] == NULL || strcmp(path, first[i]) < 0) {
			const char *t = first[i];
			first[i] = path;
			path = t;
		}
}

/* c->path could not be kept: the swap is called off (carry_over()). */
static void
cannot_keep(struct carry *c)
{
	if (c->err == 0) {
		c->err = errno ? errno : EIO;
		c->lost = arena_strdup(c->o->a, c->path);
	}
}

/*
 * The set-aside folder lies beside the output, so inside the site's work
 * tree when the output is (public/ at the root of a `fabrique init`
 * site): a .gitignore of its own keeps git from committing it (git add
 * -A) and --worktree builds from reading it, whatever the site's
 * .gitignore says (one made before it named the set-aside folders does
 * not).  Written first, so a .gitignore of the webmaster's set aside
 * replaces it rather than the other way round.  The folder aside (just
 * made) opened, or -1 and nothing left.
 */
static int
aside_ignored(int parentfd, const char *aside)
{
	static const char text[] = "# Set aside by fabrique (docs/deploy.md): "
	                           "not part of the site.\n*\n";
	int dfd = openat(parentfd, aside,
	                 O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	int fd =
	    dfd < 0
	        ? -1
	        : openat(dfd, ".gitignore",
	                 O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW | O_CLOEXEC,
	                 0644);
	int rc = fd < 0 ? -1 : fsutil_write_all(fd, text, sizeof(text) - 1);
	if (fd >= 0 && close(fd) < 0)
		rc = -1;
	if (rc == 0)
		return dfd;
	int e = errno;
	if (dfd >= 0)
		close(dfd);
	fsutil_remove_at(parentfd, aside); /* just made: nothing of theirs */
	errno = e;
	return -1;
}

/*
 * The set-aside folder, made on first use: a new one, never one already
 * there (an earlier set-aside the webmaster has not emptied yet, or a
 * file or link of that name), so nothing set aside before is replaced:
 * OUT.fabrique-set-aside, else OUT.fabrique-set-aside-2, -3...
 */
static int
open_aside(struct carry *c)
{
	output *o = c->o;
	for (int i = 1; c->asidefd < 0 && i < 100; i++) {
		c->aside =
		    i == 1
		        ? arena_printf(o->a, "%s.fabrique-set-aside", o->base)
		        : arena_printf(o->a, "%s.fabrique-set-aside-%d",
		                       o->base, i);
		if (mkdirat(o->parentfd, c->aside, 0755) == 0)
			c->asidefd = aside_ignored(o->parentfd, c->aside);
		else if (errno != EEXIST)
			return -1;
	}
	return c->asidefd;
}

/* Whether the new site has something at c->path. */
static bool
taken(const struct carry *c)
{
	struct stat st;
	return fstatat(c->o->dirfd, c->path, &st, AT_SYMLINK_NOFOLLOW) == 0 ||
	       errno != ENOENT;
}

/* Whether c->path, in the previous site, is the webmaster's: no build
 * made it and the new site has nothing there. */
static bool
webmasters(const struct carry *c)
{
	return !made_before(c->o, c->path) && !taken(c);
}

/* Where the webmaster's files go: into the new site when a record tells
 * fabrique's files apart, else into the set-aside folder. */
static int
keep_root(struct carry *c)
{
	return c->o->made != NULL ? c->o->dirfd : open_aside(c);
}

/* c->path was kept: set aside, it is counted and named in the warning;
 * carried into the new site, nothing is said (carry_over()). */
static void
kept(struct carry *c)
{
	if (c->o->made != NULL)
		return;
	c->n++;
	keep_first(c->first, arena_strdup(c->o->a, c->path));
}

/*
 * c->path (name in dirfd), a file no build made, at the address a page
 * of this build takes (an editor's new page where the webmaster had put
 * a page by hand): the page takes its place, the file is set aside
 * rather than lost.  Without a record nothing tells the webmaster's file
 * from fabrique's, and the page replaces it.
 */
static void
set_replaced_aside(struct carry *c, int dirfd, const char *name)
{
	if (c->o->made == NULL)
		return;
	int root = open_aside(c);
	if (root < 0 || link_into(dirfd, name, root, c->path) < 0) {
		cannot_keep(c);
		return;
	}
	c->nrep++;
	keep_first(c->rfirst, arena_strdup(c->o->a, c->path));
}

/* Whether name is NAME.HEX8.EXT (a content-hashed asset's name); the
 * length of "NAME." and where ".EXT" starts, in *stem and *ext. */
static bool
hashed_name(const char *name, size_t *stem, const char **ext)
{
	const char *dot = strchr(name, '.');
	if (dot == NULL || dot == name ||
	    strspn(dot + 1, "0123456789abcdef") != 8 || dot[9] != '.' ||
	    strchr(dot + 10, '.') != NULL || dot[10] == '\0')
		return false;
	*stem = (size_t)(dot - name) + 1;
	*ext = dot + 9;
	return true;
}

/*
 * c->path, under assets/ of a previous site without a record, is one of
 * the theme's content-hashed files of an earlier fabrique
 * (assets/css/style.e40db80e.css) when this build wrote the same asset
 * under another hash in the same folder (style.cc886c1c.css): fabrique's,
 * so it goes with the previous site instead of being set aside as the
 * webmaster's (outside tester 23, F14).
 */
static bool
earlier_theme_asset(const struct carry *c, const char *name)
{
	size_t stem;
	const char *ext;
	if (c->o->made != NULL || strncmp(c->path, "assets/", 7) != 0 ||
	    !hashed_name(name, &stem, &ext))
		return false;
	size_t dlen = strlen(c->path) - strlen(name);
	char dirpath[4096];
	snprintf(dirpath, sizeof(dirpath), "%.*s", (int)dlen, c->path);
	int fd = openat(c->o->dirfd, dirpath,
	                O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	DIR *dir = fd >= 0 ? fdopendir(fd) : NULL;
	if (dir == NULL && fd >= 0)
		close(fd);
	bool found = false;
	struct dirent *e;
	size_t s2;
	const char *x2;
	while (!found && dir != NULL && (e = readdir(dir)) != NULL)
		found = strcmp(e->d_name, name) != 0 &&
		        hashed_name(e->d_name, &s2, &x2) && s2 == stem &&
		        strncmp(e->d_name, name, stem) == 0 &&
		        strcmp(x2, ext) == 0;
	if (dir != NULL)
		closedir(dir);
	return found;
}

static void
carry_file(struct carry *c, int dirfd, const char *name)
{
	if (made_before(c->o, c->path) || earlier_theme_asset(c, name))
		return;
	if (taken(c)) {
		set_replaced_aside(c, dirfd, name);
		return;
	}
	int root = keep_root(c);
	if (root < 0 || link_into(dirfd, name, root, c->path) < 0)
		cannot_keep(c);
	else
		kept(c);
}

/* The empty folder c->path of the previous site, made by hand (an update
 * in place removes the folders it empties; one the record says fabrique
 * made was emptied by hand), made again in the new site, or set aside
 * with the files when there is no record. */
static void
carry_empty_folder(struct carry *c)
{
	size_t len = strlen(c->path);
	if (len + 2 > sizeof(c->path) || !webmasters(c))
		return;
	int root = keep_root(c);
	strcpy(c->path + len, "/"); /* make_parents() makes all of it */
	int rc = root < 0 ? -1 : make_parents(root, c->path);
	c->path[len] = '\0';
	if (rc < 0)
		cannot_keep(c);
	else
		kept(c);
}

/* Walks the previous site's folder dirfd (c->path, "" at the top): files
 * and symbolic links are carried as they are (a link is linked, never
 * followed), empty folders made again.  The number of entries seen. */
static size_t
carry_walk(struct carry *c, int dirfd)
{
	DIR *dir = fdopendir(dirfd);
	if (dir == NULL) {
		close(dirfd);
		return 0;
	}
	size_t len = strlen(c->path), seen = 0;
	struct dirent *e;
	while ((e = readdir(dir)) != NULL) {
		const char *nm = e->d_name;
		if (strcmp(nm, ".") == 0 || strcmp(nm, "..") == 0)
			continue;
		seen++;
		if ((len == 0 && strcmp(nm, OUTGUARD_MARK) == 0) ||
		    len + strlen(nm) + 2 > sizeof(c->path))
			continue;
		snprintf(c->path + len, sizeof(c->path) - len, "%s%s",
		         len ? "/" : "", nm);
		unsigned char type = e->d_type;
		struct stat st;
		if (type == DT_UNKNOWN) /* some file systems do not say */
			type = fstatat(dirfd, nm, &st, AT_SYMLINK_NOFOLLOW) < 0
			           ? DT_UNKNOWN
			       : S_ISDIR(st.st_mode) ? DT_DIR
			       : S_ISREG(st.st_mode) ? DT_REG
			       : S_ISLNK(st.st_mode) ? DT_LNK
			                             : DT_UNKNOWN;
		if (type == DT_DIR) {
			int sub = openat(dirfd, nm,
			                 O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
			                     O_CLOEXEC);
			if (sub >= 0 && carry_walk(c, sub) == 0)
				carry_empty_folder(c);
		} else if (type == DT_REG || type == DT_LNK)
			carry_file(c, dirfd, nm);
		c->path[len] = '\0';
	}
	closedir(dir);
	return seen;
}

/* A file of the webmaster's could not be kept: the swap, which would
 * delete it with the previous site, is called off, and the set-aside
 * folder just made goes (its files are links: the originals stay). */
static int
carry_failed(struct carry *c)
{
	output *o = c->o;
	diag_report(o->d, DIAG_ERROR, o->out, 0, 0,
	            "cannot keep %s, which fabrique did not make, while "
	            "replacing the output: %s; the previous site is left as "
	            "it was: free some space or mend the folder, then build "
	            "again",
	            c->lost, diag_errtext(o->d, c->err));
	if (c->asidefd >= 0) {
		close(c->asidefd);
		fsutil_remove_at(o->parentfd, c->aside);
	}
	return -1;
}

/* "a, b, c, ...": the first names of n, for a message. */
static const char *
first_names(buf *b, const char *const first[3], size_t n)
{
	for (int i = 0; i < 3 && first[i] != NULL; i++)
		buf_printf(b, "%s%s", i ? ", " : "", first[i]);
	if (n > 3)
		buf_puts(b, ", ...");
	return buf_cstr(b);
}

/* Says which of the webmaster's files pages of this build replaced, and
 * where they are kept. */
static void
say_replaced(struct carry *c)
{
	if (c->nrep == 0)
		return;
	buf names = BUF_INIT;
	diag_event(c->o->d, DIAG_WARNING, c->o->out,
	           "%zu file(s) put in the site by hand had the address of a "
	           "page of this build (%s): the page takes its place and the "
	           "file is set aside in %s/%s; give the page another file "
	           "name, or copy the file back under another name",
	           c->nrep, first_names(&names, c->rfirst, c->nrep),
	           c->o->parent, c->aside);
	buf_free(&names);
}

/*
 * In place, with a record: a staged file about to be renamed over one no
 * build made (the webmaster's own page where an editor's new page now
 * goes) has that file set aside first, as the swap does (carry_file()).
 * -1 when it cannot be kept: nothing is changed then.
 */
static int
aside_replaced(output *o, const journal_ops *ops)
{
	if (o->made == NULL)
		return 0;
	struct carry c = {.o = o, .asidefd = -1};
	for (size_t i = 0; i < ops->nrenames && c.err == 0; i++) {
		const char *p = ops->renames[i];
		const char *slash = strrchr(p, '/');
		size_t cut = slash != NULL ? (size_t)(slash - p) : 0;
		if (strlen(p) >= sizeof(c.path) || made_before(o, p))
			continue;
		strcpy(c.path, p);
		c.path[cut] = '\0';
		int dir = fsutil_open_beneath(o->prevfd, c.path,
		                              O_RDONLY | O_DIRECTORY);
		strcpy(c.path, p);
		const char *leaf = slash != NULL ? slash + 1 : p;
		struct stat st;
		if (dir >= 0 &&
		    fstatat(dir, leaf, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
		    (S_ISREG(st.st_mode) || S_ISLNK(st.st_mode)))
			set_replaced_aside(&c, dir, leaf);
		if (dir >= 0)
			close(dir);
	}
	if (c.err != 0)
		return carry_failed(&c);
	say_replaced(&c);
	if (c.asidefd >= 0)
		close(c.asidefd);
	return 0;
}

/*
 * Carrying from another folder (output_carry_from()) without its record:
 * nothing tells the webmaster's files from fabrique's there, and that
 * folder stays as it is (the release it was), so nothing is carried or
 * set aside, and the warning says where those files still are.
 */
static int
carry_none(output *o)
{
	struct stat st;
	if (stat(o->from, &st) != 0 || !S_ISDIR(st.st_mode))
		return 0;
	diag_event(o->d, DIAG_WARNING, o->out,
	           "%s, the site this one replaces, has no record of the "
	           "build that made it (the cache was cleaned, or an older "
	           "fabrique made it): no file is carried from it, since "
	           "nothing tells the files added to it by hand from "
	           "fabrique's; they stay there: copy those you added by hand "
	           "into the new site, later publications carry them",
	           o->from);
	return 0;
}

/*
 * Before a whole-folder swap: the previous site's files that no build
 * made go into the new site (or, without a record, aside).  Said once:
 * an update in place keeps them without a word, as the swap now does
 * when a record tells them.
 */
static int
carry_over(output *o)
{
	int flags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
	if (o->from != NULL && o->made == NULL)
		return carry_none(o);
	int prev = o->from != NULL ? open(o->from, flags)
	                           : openat(o->parentfd, o->base, flags);
	if (prev < 0)
		return 0;
	struct carry c = {.o = o, .asidefd = -1};
	carry_walk(&c, prev);
	if (c.err != 0)
		return carry_failed(&c);
	buf names = BUF_INIT;
	if (c.n > 0 && o->made == NULL)
		diag_event(o->d, DIAG_WARNING, o->out,
		           "%zu file(s) of the previous site are not made by "
		           "this build and no record says fabrique made them "
		           "(%s): set aside in %s/%s instead of deleted; "
		           "copy back those you added by hand, later builds "
		           "keep them",
		           c.n, first_names(&names, c.first, c.n), o->parent,
		           c.aside);
	say_replaced(&c);
	if (c.asidefd >= 0)
		close(c.asidefd);
	buf_free(&names);
	return 0;
}

/* On failure the new site is discarded as by output_abort(), leaving the
 * previous one as it was. */
int
output_commit(output *o)
{
	if (!o->open)
		return -1;
	if (o->mem != NULL) {
		o->open = false;
		return 0;
	}
	if (o->inplace && atomic_load(&o->full)) {
		output_abort(o); /* says the disk is full */
		return -1;
	}
	if (o->inplace)
		return commit_in_place(o);
	if (o->carry && !atomic_load(&o->full) && carry_over(o) < 0) {
		atomic_store(&o->refused, true); /* exit status 4 */
		output_abort(o);
		return -1;
	}
	if (outguard_write_mark(o->dirfd) < 0) {
		int e = errno;
		if (outguard_errno_full(e))
			atomic_store(&o->full, true);
		bool full = atomic_load(&o->full);
		output_abort(o); /* says the disk is full */
		return full ? -1 : commit_error(o, e);
	}
	if (atomic_load(&o->full)) { /* a write failed: never swapped in */
		output_abort(o);
		return -1;
	}
	close(o->dirfd);
	o->dirfd = -1;
	int rc = swap_in(o);
	if (rc < 0)
		fsutil_remove_at(o->parentfd, o->tmpname);
	o->open = false;
	if (rc == 0 && o->recovered) /* the one found: the swap made it moot */
		unlinkat(o->parentfd, o->journal, 0);
	if (rc < 0 && atomic_load(&o->full))
		report_full(o, atomic_load(&o->need));
	return rc;
}

void
output_abort(output *o)
{
	if (o == NULL || !o->open)
		return;
	if (o->dirfd >= 0)
		close(o->dirfd);
	o->dirfd = -1;
	o->open = false;
	if (o->mem != NULL) {
		mem_free_files(o->mem);
		return;
	}
	int rc = fsutil_remove_at(o->parentfd, o->tmpname);
	int e = errno;
	if (atomic_load(&o->full)) /* measured with the folder gone */
		report_full(o, atomic_load(&o->need));
	if (rc == 0)
		return;
	errno = e;
	diag_event(o->d, DIAG_WARNING, o->tmppath,
	           "cannot remove the temporary output folder: %s",
	           diag_errtext(o->d, errno));
}

/* A build that forgot to commit is treated as failed. */
void
output_free(output *o)
{
	if (o == NULL)
		return;
	output_abort(o);
	if (o->dirfd >= 0)
		close(o->dirfd);
	if (o->prevfd >= 0)
		close(o->prevfd);
	if (o->fromfd >= 0)
		close(o->fromfd);
	if (o->lockfd >= 0) {
		unlinkat(o->parentfd, o->lockname, 0); /* still ours: locked */
		close(o->lockfd);
	}
	if (o->parentfd >= 0)
		close(o->parentfd);
	if (o->mem != NULL) {
		mem_free_files(o->mem);
		pthread_mutex_destroy(&o->mem->lock);
		free(o->mem);
	}
	pthread_mutex_destroy(&o->listlock);
	free(o->files);
	arena_free(o->la);
	arena_free(o->a);
	free(o);
}

const char *
output_tmpdir(const output *o)
{
	return o->tmppath;
}

int
output_each(output *o, output_each_fn fn, void *ctx)
{
	if (o->mem != NULL) {
		int rc = 0;
		for (size_t i = 0; rc == 0 && i < o->mem->n; i++)
			rc = fn(ctx, o->mem->files[i].path,
			        o->mem->files[i].len);
		return rc;
	}
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < o->nfiles; i++)
		rc = fn(ctx, o->files[i].path, o->files[i].size);
	return rc;
}

int
output_each_written(output *o, output_written_fn fn, void *ctx)
{
	int rc = 0;
	for (size_t i = 0; rc == 0 && o->mem == NULL && i < o->nfiles; i++)
		if (o->files[i].timed)
			rc = fn(ctx, o->files[i].path, o->files[i].size,
			        &o->files[i].mtime);
	return rc;
}

/* A file written earlier, or kept in place, opened to be read back:
 * its descriptor, or -1 (errno set), or -2 after refusing a symbolic
 * link on the way. */
static int
open_back(output *o, const char *relpath)
{
	int fd = output_path_ok(relpath)
	             ? openat(o->dirfd, relpath, O_RDONLY | O_CLOEXEC)
	             : -1;
	if (fd < 0 && errno == ENOENT && o->inplace) /* kept in the output */
		fd = fsutil_open_beneath(o->prevfd, relpath, O_RDONLY);
	if (fd < 0 && o->inplace && (errno == ELOOP || errno == EXDEV)) {
		refuse_link(o, relpath);
		return -2;
	}
	return fd;
}

/* A file that could not be read back (errno's reason): reported, unless
 * the disk is full (reported once, elsewhere).  -1. */
static int
read_failed(output *o, const char *relpath, int err)
{
	if (atomic_load(&o->full))
		return -1; /* a file the full disk did not take */
	diag_report(o->d, DIAG_ERROR, o->out, 0, 0, "cannot read back %s: %s",
	            relpath != NULL ? relpath : "", diag_errtext(o->d, err));
	return -1;
}

int
output_read(output *o, const char *relpath, char **data, size_t *len)
{
	if (o->mem != NULL) {
		const output_file *f = mem_find(o, relpath);
		if (f == NULL) {
			diag_report(o->d, DIAG_ERROR, o->out, 0, 0,
			            "cannot read back %s: %s", relpath,
			            diag_errtext(o->d, ENOENT));
			return -1;
		}
		*data = xmalloc(f->len + 1);
		memcpy(*data, f->data, f->len + 1);
		*len = f->len;
		return 0;
	}
	int fd = open_back(o, relpath);
	if (fd == -2)
		return -1;
	buf b = BUF_INIT;
	ssize_t n = 0;
	if (fd >= 0) {
		char chunk[65536];
		while ((n = read(fd, chunk, sizeof(chunk))) > 0 ||
		       (n < 0 && errno == EINTR))
			if (n > 0)
				buf_put(&b, chunk, (size_t)n);
		int err = errno;
		close(fd);
		errno = err;
	}
	if (fd < 0 || n < 0) {
		buf_free(&b);
		return read_failed(o, relpath, errno);
	}
	buf_puts(&b, "");
	*data = buf_detach(&b, len);
	return 0;
}

/* hash_hex() of fd's size bytes, read a chunk at a time.  0, or an errno
 * value (EIO: shorter than its size). */
static int
hash_back(int fd, size_t size, char hex[HASH_HEX + 1])
{
	hash_stream h;
	hash_stream_begin(&h, size);
	char *chunk = xmalloc(STREAM_CHUNK);
	size_t at = 0;
	int err = 0;
	while (at < size && err == 0) {
		ssize_t n = pread(fd, chunk, STREAM_CHUNK, (off_t)at);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			err = n < 0 ? errno : EIO;
		else {
			size_t got =
			    (size_t)n < size - at ? (size_t)n : size - at;
			hash_stream_put(&h, chunk, got);
			at += got;
		}
	}
	free(chunk);
	if (err == 0)
		hash_stream_hex(&h, hex);
	return err;
}

int
output_hash(output *o, const char *relpath, char hex[HASH_HEX + 1])
{
	if (o->mem != NULL) {
		const output_file *f = mem_find(o, relpath);
		if (f == NULL)
			return read_failed(o, relpath, ENOENT);
		hash_hex(f->data, f->len, hex);
		return 0;
	}
	int fd = open_back(o, relpath);
	if (fd == -2)
		return -1;
	if (fd < 0)
		return read_failed(o, relpath, errno);
	struct stat st;
	int err = fstat(fd, &st) != 0 ? errno
	                              : hash_back(fd, (size_t)st.st_size, hex);
	close(fd);
	return err != 0 ? read_failed(o, relpath, err) : 0;
}
