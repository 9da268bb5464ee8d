/*
 * gitclean.c - "nothing to commit" under a folder, from stat data alone.
 * See gitclean.h for why; source.c's count_uncommitted() is the caller.
 *
 * The work tree is walked one folder at a time, each file looked up from
 * its folder's descriptor (one name for the kernel to resolve, not the
 * six or more of an absolute path) and in the index by its path.  Any
 * doubt ends the walk with "not sure": the caller's libgit2 comparison
 * then decides, so this never changes a count, it only skips one.
 */
/* openat(), fdopendir() and st_mtim are POSIX 2008. */
#define _XOPEN_SOURCE 700

#include "gitclean.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"

struct walk {
	git_repository *repo;
	git_index *idx;
	struct stat stamp; /* the index file as it was read */
	size_t matched;    /* tracked files found as the index recorded them */
};

static void
cut(buf *b, size_t len)
{
	b->len = len;
	if (b->data != NULL)
		b->data[len] = '\0';
}

/*
 * st is the file the index entry e recorded, by git's own test: same
 * mode, size, modification and change times (to the nanosecond), inode
 * and owner; and the file was last written before the second the index
 * was (else it may have changed again within that second without its
 * time moving: "racily clean", git reads such a file, and so do we, by
 * answering "not sure").  Entries with a stage (a conflict) or flags
 * (assume-unchanged, skip-worktree, intent-to-add) are not trusted.
 */
static bool
as_indexed(const struct walk *w, const git_index_entry *e,
           const struct stat *st)
{
	uint32_t mode = (st->st_mode & S_IXUSR) ? 0100755 : 0100644;
	return S_ISREG(st->st_mode) && e->mode == mode &&
	       GIT_INDEX_ENTRY_STAGE(e) == 0 &&
	       (e->flags &
	        (GIT_INDEX_ENTRY_VALID | GIT_INDEX_ENTRY_EXTENDED)) == 0 &&
	       e->file_size == (uint32_t)st->st_size &&
	       e->mtime.seconds == (int32_t)st->st_mtim.tv_sec &&
	       e->mtime.nanoseconds == (uint32_t)st->st_mtim.tv_nsec &&
	       e->ctime.seconds == (int32_t)st->st_ctim.tv_sec &&
	       e->ctime.nanoseconds == (uint32_t)st->st_ctim.tv_nsec &&
	       e->ino == (uint32_t)st->st_ino &&
	       e->uid == (uint32_t)st->st_uid &&
	       e->gid == (uint32_t)st->st_gid &&
	       (long long)st->st_mtim.tv_sec <
	           (long long)w->stamp.st_mtim.tv_sec;
}

/* An untracked path that git ignores (public/ in .gitignore) is no
 * change; one it does not ignore is. */
static bool
ignored(const struct walk *w, const char *path)
{
	int yes = 0;
	bool ok = git_ignore_path_is_ignored(&yes, w->repo, path) == 0 && yes;
	git_error_clear();
	return ok;
}

static bool walk_dir(struct walk *w, int fd, buf *rel);

/* The entry name of the folder open as dfd, whose path from the top of
 * the work tree is in rel: true when it holds no change. */
static bool
walk_entry(struct walk *w, int dfd, const char *name, buf *rel)
{
	struct stat st;
	if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
		return false;
	if (S_ISREG(st.st_mode)) {
		const git_index_entry *e =
		    git_index_get_bypath(w->idx, buf_cstr(rel), 0);
		if (e == NULL)
			return ignored(w, buf_cstr(rel));
		w->matched++;
		return as_indexed(w, e, &st);
	}
	if (!S_ISDIR(st.st_mode)) /* a symbolic link, a FIFO: let git say */
		return false;
	size_t len = rel->len, pos;
	buf_putc(rel, '/');
	if (git_index_find_prefix(&pos, w->idx, buf_cstr(rel)) != 0) {
		/* Nothing tracked in it: an ignored folder is skipped
		 * whole, as git does; another holds untracked files, or is
		 * empty (then git counts nothing: not sure either way). */
		git_error_clear();
		cut(rel, len);
		return ignored(w, buf_cstr(rel));
	}
	int fd =
	    openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	return fd >= 0 && walk_dir(w, fd, rel);
}

/* The folder open as fd (closed here), rel its path ending in '/', or ""
 * for the top of the work tree, whose .git is not part of it. */
static bool
walk_dir(struct walk *w, int fd, buf *rel)
{
	DIR *dir = fdopendir(fd);
	if (dir == NULL) {
		close(fd);
		return false;
	}
	size_t base = rel->len;
	bool ok = true;
	struct dirent *de;
	while (ok && (de = readdir(dir)) != NULL) {
		const char *name = de->d_name;
		if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0 ||
		    (base == 0 && strcmp(name, ".git") == 0))
			continue;
		cut(rel, base);
		buf_puts(rel, name);
		ok = walk_entry(w, dirfd(dir), name, rel);
	}
	cut(rel, base);
	closedir(dir);
	return ok;
}

/* How many index entries lie under pfx ("content/", or "" for all). */
static size_t
tracked_under(git_index *idx, const char *pfx)
{
	size_t pos = 0, n = 0, len = strlen(pfx);
	if (len > 0 && git_index_find_prefix(&pos, idx, pfx) != 0) {
		git_error_clear();
		return 0;
	}
	for (size_t i = pos; i < git_index_entrycount(idx); i++) {
		const git_index_entry *e = git_index_get_byindex(idx, i);
		if (e == NULL || strncmp(e->path, pfx, len) != 0)
			break;
		n++;
	}
	return n;
}

static bool
same_stat(const struct stat *a, const struct stat *b)
{
	return a->st_ino == b->st_ino && a->st_size == b->st_size &&
	       a->st_mtim.tv_sec == b->st_mtim.tv_sec &&
	       a->st_mtim.tv_nsec == b->st_mtim.tv_nsec &&
	       a->st_ctim.tv_sec == b->st_ctim.tv_sec &&
	       a->st_ctim.tv_nsec == b->st_ctim.tv_nsec;
}

/*
 * The repository's index, read now, with the stat data of its file as it
 * was read (the same before and after reading, else not sure): the
 * second it was written is what tells a racily clean entry.
 */
static git_index *
read_index(git_repository *repo, struct stat *stamp)
{
	git_index *idx = NULL;
	struct stat after;
	if (git_repository_index(&idx, repo) != 0) {
		git_error_clear();
		return NULL;
	}
	const char *path = git_index_path(idx);
	if (path == NULL || stat(path, stamp) != 0 ||
	    git_index_read(idx, 0) != 0 || stat(path, &after) != 0 ||
	    !same_stat(stamp, &after) ||
	    (git_index_caps(idx) & GIT_INDEX_CAPABILITY_IGNORE_CASE) != 0) {
		git_error_clear();
		git_index_free(idx);
		return NULL;
	}
	return idx;
}

/* The index under prefix is head's tree there: nothing staged. */
static bool
nothing_staged(git_repository *repo, git_tree *head, git_index *idx,
               const char *prefix)
{
	git_diff_options o;
	git_diff_options_init(&o, GIT_DIFF_OPTIONS_VERSION);
	o.flags = GIT_DIFF_DISABLE_PATHSPEC_MATCH;
	char *spec[1] = {(char *)prefix};
	if (*prefix != '\0') {
		o.pathspec.strings = spec;
		o.pathspec.count = 1;
	}
	git_diff *diff = NULL;
	bool none = git_diff_tree_to_index(&diff, repo, head, idx, &o) == 0 &&
	            git_diff_num_deltas(diff) == 0;
	git_diff_free(diff);
	git_error_clear();
	return none;
}

bool
gitclean_sure(git_repository *repo, git_tree *head, const char *prefix)
{
	const char *wd = git_repository_workdir(repo);
	if (wd == NULL || head == NULL)
		return false;
	struct walk w = {.repo = repo};
	w.idx = read_index(repo, &w.stamp);
	if (w.idx == NULL)
		return false;
	buf rel = BUF_INIT, top = BUF_INIT;
	if (*prefix != '\0') {
		buf_puts(&rel, prefix);
		buf_putc(&rel, '/');
	}
	buf_puts(&top, wd);
	buf_puts(&top, prefix);
	size_t tracked = tracked_under(w.idx, buf_cstr(&rel));
	int fd = open(buf_cstr(&top), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	bool sure = fd >= 0 && walk_dir(&w, fd, &rel) && w.matched == tracked &&
	            nothing_staged(repo, head, w.idx, prefix);
	buf_free(&rel);
	buf_free(&top);
	git_index_free(w.idx);
	return sure;
}
