/*
 * gitclean.c - "nothing to commit" under a folder, from stat data alone.
 * See gitclean.h for why; source.c's count_uncommitted() is the caller.
 *
 * The work tree is walked one folder at a time, each file looked up from
 * its folder's descriptor (one name for the kernel to resolve, not the
 * six or more of an absolute path) and in the index by its path (a
 * binary search in the entries, which the index keeps sorted).  Any
 * doubt ends the walk with "not sure": the caller's libgit2 comparison
 * then decides, so this never changes a count, it only skips one.
 */
/* openat(), fdopendir() and st_mtim are POSIX 2008. */
#define _XOPEN_SOURCE 700

#include "gitclean.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "fsutil.h"
#include "xalloc.h"

/* One file of the index (version 2 or 3, stage 0, no flags). */
struct ientry {
	const char *path;
	uint32_t ctime_s, ctime_ns, mtime_s, mtime_ns, ino, mode, uid, gid,
	    size;
};

struct index {
	const char *data; /* the index file, mapped */
	size_t len;
	struct ientry *e; /* sorted by path */
	size_t n;
	const char *tree; /* the cache-tree extension ("TREE"), or NULL */
	size_t tree_len;
	struct stat stamp; /* the file as it was read */
};

struct walk {
	git_repository *repo;
	const struct index *idx;
	size_t matched; /* tracked files found as the index recorded them */
};

static void
cut(buf *b, size_t len)
{
	b->len = len;
	if (b->data != NULL)
		b->data[len] = '\0';
}

static uint32_t
be32(const char *p)
{
	const unsigned char *u = (const unsigned char *)p;
	return (uint32_t)u[0] << 24 | (uint32_t)u[1] << 16 |
	       (uint32_t)u[2] << 8 | u[3];
}

/*
 * Entries lo..hi-1 all start with the same skip bytes (their folder's
 * path): searched by the rest of their path, short names instead of the
 * whole "content/ateliers/..." in every comparison.
 */
struct range {
	size_t lo, hi, skip;
};

/* The first entry of r whose path, past r.skip, is not before key. */
static size_t
lower_bound(const struct index *idx, struct range r, const char *key)
{
	size_t lo = r.lo, hi = r.hi;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(idx->e[mid].path + r.skip, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static const struct ientry *
find(const struct index *idx, struct range r, const char *name)
{
	size_t i = lower_bound(idx, r, name);
	return i < r.hi && strcmp(idx->e[i].path + r.skip, name) == 0
	           ? &idx->e[i]
	           : NULL;
}

/* The entries of r whose path, past r.skip, starts with pfx. */
static struct range
under(const struct index *idx, struct range r, const char *pfx)
{
	size_t len = strlen(pfx), i = lower_bound(idx, r, pfx);
	struct range sub = {i, i, r.skip + len};
	while (sub.hi < r.hi &&
	       strncmp(idx->e[sub.hi].path + r.skip, pfx, len) == 0)
		sub.hi++;
	return sub;
}

/*
 * st is the file the index entry e recorded, by git's own test: same
 * mode, size, modification and change times (to the nanosecond), inode
 * and owner; and the file was last written before the second the index
 * was (else it may have changed again within that second without its
 * time moving: "racily clean", git reads such a file, and so do we, by
 * answering "not sure").
 */
static bool
as_indexed(const struct index *idx, const struct ientry *e,
           const struct stat *st)
{
	uint32_t mode = (st->st_mode & S_IXUSR) ? 0100755 : 0100644;
	return S_ISREG(st->st_mode) && e->mode == mode &&
	       e->size == (uint32_t)st->st_size &&
	       e->mtime_s == (uint32_t)st->st_mtim.tv_sec &&
	       e->mtime_ns == (uint32_t)st->st_mtim.tv_nsec &&
	       e->ctime_s == (uint32_t)st->st_ctim.tv_sec &&
	       e->ctime_ns == (uint32_t)st->st_ctim.tv_nsec &&
	       e->ino == (uint32_t)st->st_ino &&
	       e->uid == (uint32_t)st->st_uid &&
	       e->gid == (uint32_t)st->st_gid &&
	       (long long)st->st_mtim.tv_sec <
	           (long long)idx->stamp.st_mtim.tv_sec;
}

bool
gitclean_own_file(const char *path)
{
	for (const char *p = path; *p != '\0';) {
		size_t n = strcspn(p, "/");
		const char *f = p[0] == '.' ? strstr(p + 1, ".fabrique") : NULL;
		size_t rest = f != NULL && f < p + n ? n - (size_t)(f - p) : 0;
		if ((rest == 14 && memcmp(f, ".fabrique.lock", 14) == 0) ||
		    (rest == 17 && memcmp(f, ".fabrique.journal", 17) == 0) ||
		    (rest > 10 && memcmp(f, ".fabrique-", 10) == 0))
			return true;
		p += n;
		while (*p == '/')
			p++;
	}
	return false;
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

static bool walk_dir(struct walk *w, int fd, buf *rel, struct range r);

/* The entry name of the folder open as dfd, whose path from the top of
 * the work tree is in rel, r the index entries under that folder: true
 * when it holds no change. */
static bool
walk_entry(struct walk *w, int dfd, const char *name, buf *rel, struct range r)
{
	struct stat st;
	if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
		return false;
	if (S_ISREG(st.st_mode)) {
		const struct ientry *e = find(w->idx, r, name);
		if (e == NULL)
			return gitclean_own_file(buf_cstr(rel)) ||
			       ignored(w, buf_cstr(rel));
		w->matched++;
		return as_indexed(w->idx, e, &st);
	}
	if (!S_ISDIR(st.st_mode)) /* a symbolic link, a FIFO: let git say */
		return false;
	size_t len = rel->len;
	buf_putc(rel, '/');
	struct range sub = under(w->idx, r, buf_cstr(rel) + r.skip);
	if (sub.lo == sub.hi) {
		/* Nothing tracked in it: an ignored folder is skipped
		 * whole, as git does; another holds untracked files, or is
		 * empty (then git counts nothing: not sure either way). */
		cut(rel, len);
		return gitclean_own_file(buf_cstr(rel)) ||
		       ignored(w, buf_cstr(rel));
	}
	int fd =
	    openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	return fd >= 0 && walk_dir(w, fd, rel, sub);
}

/* The folder open as fd (closed here), rel its path ending in '/', or ""
 * for the top of the work tree, whose .git is not part of it. */
static bool
walk_dir(struct walk *w, int fd, buf *rel, struct range r)
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
		ok = walk_entry(w, dirfd(dir), name, rel, r);
	}
	cut(rel, base);
	closedir(dir);
	return ok;
}

/* The whole file open as fd, mapped (fsutil_map(): git replaces its
 * index by a rename), not NUL-terminated; its stat data in st. */
static const char *
map_all(int fd, struct stat *st, size_t *len)
{
	if (fstat(fd, st) != 0 || !S_ISREG(st->st_mode) || st->st_size < 32)
		return NULL;
	*len = (size_t)st->st_size;
	return fsutil_map(fd, *len);
}

/*
 * The entries of the index file (format 2 or 3), from p to end; false
 * for anything this shortcut does not vouch for: an entry with a stage
 * (a conflict) or flags (assume-unchanged, skip-worktree, intent-to-add),
 * paths out of order, a record cut short.  *next: where the extensions
 * start.
 */
static bool
parse_entries(struct index *idx, const char *p, const char *end,
              const char **next)
{
	for (size_t i = 0; i < idx->n; i++) {
		if (end - p < 63)
			return false;
		unsigned flags =
		    (unsigned char)p[60] << 8 | (unsigned char)p[61];
		const char *name = p + 62;
		const char *nul = memchr(name, '\0', (size_t)(end - name));
		if ((flags & 0xf000) != 0 || nul == NULL ||
		    ((flags & 0xfff) != 0xfff &&
		     (size_t)(nul - name) != (flags & 0xfff)))
			return false;
		struct ientry *e = &idx->e[i];
		*e = (struct ientry){name,         be32(p),      be32(p + 4),
		                     be32(p + 8),  be32(p + 12), be32(p + 20),
		                     be32(p + 24), be32(p + 28), be32(p + 32),
		                     be32(p + 36)};
		if (i > 0 && strcmp(idx->e[i - 1].path, name) >= 0)
			return false;
		size_t size = (62 + (size_t)(nul - name) + 8) & ~(size_t)7;
		if ((size_t)(end - p) < size)
			return false;
		p += size;
	}
	*next = p;
	return true;
}

/* The extensions: keeps the cache tree; false for one a reader must
 * understand (a split or sparse index: lower-case signatures). */
static bool
parse_extensions(struct index *idx, const char *p, const char *end)
{
	while (end - p >= 8) {
		uint32_t size = be32(p + 4);
		if (p[0] < 'A' || p[0] > 'Z' || (size_t)(end - p - 8) < size)
			return false;
		if (memcmp(p, "TREE", 4) == 0) {
			idx->tree = p + 8;
			idx->tree_len = size;
		}
		p += 8 + size;
	}
	return p == end;
}

/*
 * The repository's index, read by hand: libgit2's git_index_read()
 * checks the file's SHA-1 and builds a hash table of every entry, about
 * 16 ms at 10,000 pages where this takes one.  The checksum is not
 * verified: a damaged index parses to something that does not match the
 * work tree (then libgit2 has the last word), or fails to parse.
 */
static bool
read_index(git_repository *repo, struct index *idx)
{
	buf path = BUF_INIT;
	buf_puts(&path, git_repository_path(repo));
	buf_puts(&path, "index");
	int fd = open(buf_cstr(&path), O_RDONLY | O_CLOEXEC);
	buf_free(&path);
	if (fd < 0)
		return false;
	idx->data = map_all(fd, &idx->stamp, &idx->len);
	close(fd);
	if (idx->data == NULL)
		return false;
	const char *p = idx->data, *end = idx->data + idx->len - 20;
	uint32_t version = be32(p + 4);
	idx->n = be32(p + 8);
	if (memcmp(p, "DIRC", 4) != 0 || (version != 2 && version != 3) ||
	    idx->n > idx->len / 62)
		return false;
	idx->e = xmalloc((idx->n + 1) * sizeof(*idx->e));
	return parse_entries(idx, p + 12, end, &p) &&
	       parse_extensions(idx, p, end);
}

/* A number of the cache tree ("-1", "42") ending in stop. */
static bool
tree_number(const char **p, const char *end, char stop, long *out)
{
	const char *s = *p;
	bool neg = s < end && *s == '-';
	long n = 0;
	if (neg)
		s++;
	if (s >= end || *s < '0' || *s > '9')
		return false;
	while (s < end && *s >= '0' && *s <= '9' && n < 100000000)
		n = n * 10 + (*s++ - '0');
	if (s >= end || *s != stop)
		return false;
	*p = s + 1;
	*out = neg ? -n : n;
	return true;
}

/*
 * One node of the cache tree at *p (a folder: its name, how many entries
 * it covers or -1 once an entry under it changed, its subfolders, its
 * tree id when valid), then its subfolders.  When the node's path (in
 * path) is target, *found is 1 and id its tree id, or -1 when it is
 * stale.
 */
static bool
tree_node(const char **p, const char *end, buf *path, const char *target,
          int *found, unsigned char id[20])
{
	const char *name = *p;
	const char *nul = memchr(name, '\0', (size_t)(end - name));
	long count, subs;
	if (nul == NULL)
		return false;
	*p = nul + 1;
	if (!tree_number(p, end, ' ', &count) ||
	    !tree_number(p, end, '\n', &subs) || subs < 0 ||
	    (count >= 0 && end - *p < 20))
		return false;
	size_t base = path->len;
	if (base > 0)
		buf_putc(path, '/');
	buf_puts(path, name);
	if (strcmp(buf_cstr(path), target) == 0) {
		*found = count >= 0 ? 1 : -1;
		if (count >= 0)
			memcpy(id, *p, 20);
	}
	if (count >= 0)
		*p += 20;
	bool ok = true;
	for (long i = 0; ok && i < subs; i++)
		ok = tree_node(p, end, path, target, found, id);
	cut(path, base);
	return ok;
}

/*
 * The index under prefix is head's tree there (nothing staged), as the
 * index's own cache tree says: git keeps there, for each folder, the
 * tree id its entries make, and marks it stale when an entry under it
 * changes (git add); a commit, a checkout or a reset leave it whole.
 * Stale or missing: not sure.
 */
static bool
nothing_staged(const struct index *idx, git_tree *head, const char *prefix)
{
	unsigned char id[20];
	int found = 0;
	buf path = BUF_INIT;
	const char *p = idx->tree, *end = p + idx->tree_len;
	bool parsed =
	    p != NULL && tree_node(&p, end, &path, prefix, &found, id);
	buf_free(&path);
	if (!parsed || found != 1)
		return false;
	git_tree_entry *te = NULL;
	const git_oid *want = git_tree_id(head);
	if (*prefix != '\0') {
		want = NULL;
		if (git_tree_entry_bypath(&te, head, prefix) == 0 &&
		    git_tree_entry_type(te) == GIT_OBJECT_TREE)
			want = git_tree_entry_id(te);
	}
	bool same = want != NULL && memcmp(want->id, id, 20) == 0;
	git_tree_entry_free(te);
	git_error_clear();
	return same;
}

/* core.ignorecase: paths would match whatever their case, and this
 * shortcut compares bytes. */
static bool
ignores_case(git_repository *repo)
{
	git_config *cfg = NULL;
	int yes = 0;
	if (git_repository_config_snapshot(&cfg, repo) == 0 &&
	    git_config_get_bool(&yes, cfg, "core.ignorecase") != 0)
		yes = 0;
	git_config_free(cfg);
	git_error_clear();
	return yes != 0;
}

bool
gitclean_sure(git_repository *repo, git_tree *head, const char *prefix)
{
	const char *wd = git_repository_workdir(repo);
	if (wd == NULL || head == NULL || ignores_case(repo))
		return false;
	struct index idx = {0};
	struct walk w = {.repo = repo, .idx = &idx};
	bool sure = false;
	buf rel = BUF_INIT, top = BUF_INIT;
	if (*prefix != '\0') {
		buf_puts(&rel, prefix);
		buf_putc(&rel, '/');
	}
	buf_puts(&top, wd);
	buf_puts(&top, prefix);
	if (read_index(repo, &idx) && nothing_staged(&idx, head, prefix)) {
		struct range all = {0, idx.n, 0};
		struct range r = under(&idx, all, buf_cstr(&rel));
		int fd =
		    open(buf_cstr(&top), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		sure = fd >= 0 && walk_dir(&w, fd, &rel, r) &&
		       w.matched == r.hi - r.lo;
	}
	buf_free(&rel);
	buf_free(&top);
	free(idx.e);
	fsutil_unmap(idx.data, idx.len);
	return sure;
}
