/*
 * source.h - where the site's files come from: a git tree or a folder.
 *
 * A source is a read-only tree of files.  The git flavour reads a commit's
 * tree straight from the object database with libgit2 (any ref, bare
 * repositories too, no checkout); the folder flavour reads files on disk
 * (--worktree, or a theme installed on the system).  Both hand out git
 * blob ids, computed for folder files too, so caches can key on content.
 *
 * The tree's root is the repository root (or the folder), so files beside
 * the site (a top-level themes/ folder) are reachable; source_site_path()
 * says where SITE lies inside it.  Reads are not thread-safe: the build
 * reads everything it needs from one thread.
 *
 * libgit2 is initialised by the program, not here: main() calls
 * git_libgit2_init() before opening a source and git_libgit2_shutdown()
 * at exit (unit tests do so in their group setup and teardown).
 */
#ifndef FABRIQUE_SOURCE_H
#define FABRIQUE_SOURCE_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

typedef struct source source;

typedef struct source_file {
	const char *path; /* relative to the tree root, '/'-separated */
	char id[41];      /* git blob id, hex */
	size_t size;      /* SOURCE_SIZE_UNKNOWN until source_file_size() */
} source_file;

#define SOURCE_SIZE_UNKNOWN ((size_t)-1)

/*
 * Opens the tree of ref (default "HEAD" when NULL) in repo_path, or in the
 * repository found upward from site as git does when repo_path is NULL.
 * site is a folder on disk inside the work tree, or, for a bare
 * repository, a path inside the tree ("content").  Errors (no repository,
 * unknown ref, SITE not in the tree) are reported to d; returns NULL then.
 */
source *source_open_git(const char *repo_path, const char *site,
                        const char *ref, diag *d);

/*
 * The same, for a build that may find its output up to date: the tree is
 * not listed at open but on first need, so that a check reading only
 * site.yaml, the theme's folder and the site's tree id (source_tree_id())
 * skips the 10,000 pages' entries.  A folder listed alone (source_list()
 * with a prefix) is walked alone.  source_complete() lists the whole tree
 * and reports what cannot be read, as source_open_git() does at open:
 * call it before reading the site.
 */
source *source_open_git_lazy(const char *repo_path, const char *site,
                             const char *ref, diag *d);

/* Lists a lazy source's whole tree now; -1 after reporting a damaged
 * repository (a missing object).  0 for any other source. */
int source_complete(source *s);

/* The git tree id (hex) of the folder prefix ("" for the root) of a git
 * source's commit: equal ids, equal files under it (names, modes and
 * contents).  -1 for a folder source or a prefix that is no folder. */
int source_tree_id(source *s, const char *prefix, char out[41]);

/*
 * Opens folder files on disk.  When the folder is inside a git work tree,
 * the tree root is that work tree's root (so themes/ beside content/ is
 * found), otherwise the folder itself.
 */
source *source_open_dir(const char *site, diag *d);

void source_free(source *s);

/* After git_libgit2_init(): lets libgit2 open the repositories git makes
 * that fabrique can read (a sparse checkout's worktreeConfig), and those
 * git itself opens (every one, under `safe.directory = *`). */
void source_git_options(void);

/* SITE's path inside the tree, "" when SITE is the root. */
const char *source_site_path(const source *s);

/* Files under prefix ("" for all), recursively, sorted by path.  The array
 * is owned by the source. Symbolic links and submodules are skipped. */
int source_list(source *s, const char *prefix, const source_file **files,
                size_t *n);

/* A file's size in bytes, without reading it: a folder's files have it
 * from listing; a git file's comes from its object header, read on the
 * first call only (a no-op build never asks: listing reads no object).
 * SOURCE_SIZE_UNKNOWN if the object cannot be read. */
size_t source_file_size(source *s, const source_file *f);

/*
 * Whether git keeps path through git LFS (outside tester 20 F3), which
 * fabrique cannot publish: it reads the site from git, where LFS leaves
 * only a pointer.  SOURCE_LFS_POINTER: the file read is such a pointer
 * (a commit's blob, or a work tree cloned without git lfs);
 * SOURCE_LFS_TRACKED: a work tree's real file that git commits as a
 * pointer (.gitattributes give it filter=lfs and git lfs is installed
 * as that filter), so that check --worktree says what the build of the
 * commit will.  A file above FILETYPE_LFS_MAX is not read: a git
 * source's size comes from its object's header.
 */
typedef enum source_lfs {
	SOURCE_LFS_NO,
	SOURCE_LFS_POINTER,
	SOURCE_LFS_TRACKED,
} source_lfs;
source_lfs source_lfs_of(source *s, const char *path);

/* When source_lfs_of() says path is kept by git LFS, reports an error
 * at path saying so and how to turn LFS off, and returns -1; else 0. */
int source_lfs_refuse(source *s, const char *path, diag *d);

/* Whether path is a symbolic link (mode 120000 in a commit's tree, or
 * on disk in a folder), which listing skips: for saying so. */
bool source_is_link(source *s, const char *path);
/* What a message says of such a link, after its path ("the link 'x'
 * points to %s, " SOURCE_LINK_UNPUBLISHED): the one home of that
 * sentence, for a link from a text and a file field (a recap's photo). */
#define SOURCE_LINK_UNPUBLISHED                                                \
	"which is a symbolic link, which fabrique does not publish: copy "     \
	"the file itself to that place"

/* The symbolic links the listings so far skipped (their paths; a path
 * may come twice, from a part's listing and the whole's), for saying
 * so: a page committed as a link is not published. */
size_t source_links(const source *s, const source_file **links);

/*
 * Whether path is a submodule in a git source's commit (a "gitlink", the
 * id of a commit of another repository, mode 160000): 0 and its commit id
 * (hex) in out when it is; -1 otherwise, and always for a folder source
 * (there the submodule's files are on disk, listed like any other).
 */
int source_gitlink(source *s, const char *path, char out[41]);

/*
 * A source of the commit hex of repo (a submodule's repository: see
 * submodule.h), its tree's root the commit's; takes ownership of repo.
 * NULL, without a report, when repo has no such commit (the caller says
 * what to fetch); also when a file's object is missing (reported).
 * describe: for messages ("themes/montheme (3f2a9c1)").
 */
struct git_repository;
source *source_open_commit(struct git_repository *repo, const char *hex,
                           const char *describe, diag *d);

/* Whether path is in the commit's tree (or on disk), readable or not:
 * a partial clone lists a file whose object was never downloaded. */
bool source_exists(source *s, const char *path);

/* Looks up one file by path; NULL if absent. */
const source_file *source_find(source *s, const char *path);

/*
 * The same, or else the file whose name is path once both have their
 * accents composed (utf8_put_nfc()): a link typed "préau-été.pdf" finds
 * the file macOS saved as "pre\u0301au-e\u0301te\u0301.pdf" (NFD), and
 * the reverse.  Its path is the file's own, for reading it.
 */
const source_file *source_find_composed(source *s, const char *path);

/* Reads a whole file; *data is malloc'ed, NUL-terminated, caller frees.
 * -1 for a path not in the source (not reported: the caller says what it
 * was looking for), or after reporting why the file could not be read. */
int source_read(source *s, const char *path, char **data, size_t *len);

/* Commit id (hex) and commit time (seconds since the epoch, from the
 * committer signature) of a git source; NULL and 0 for a folder. */
const char *source_commit(const source *s);
long long source_commit_time(const source *s);
/* For diagnostics: "HEAD (3f2a9c1)" or the folder path. */
const char *source_describe(const source *s);

/*
 * For a git source in a non-bare repository: how many files under prefix
 * differ between the work tree (index included) and the built commit.
 * -1 when not applicable (bare repository, folder source).
 */
int source_uncommitted(source *s, const char *prefix);

/*
 * The same count, made on a thread of its own while the caller goes on
 * (at 10,000 pages it stats every file under prefix: ~40 % of a build
 * with nothing to do).  The thread opens its own handle on the
 * repository and reports its warning to s's collector; s must outlive
 * it.  source_uncommitted_finish() waits for it and returns the count
 * (-1 as above; also when start returned NULL).
 */
typedef struct source_dirty source_dirty;
source_dirty *source_uncommitted_start(source *s, const char *prefix);
int source_uncommitted_finish(source_dirty *w);

/* Folder path of a git repository's work tree ("" when bare) or of the
 * folder source: where --worktree would read. */
const char *source_workdir(const source *s);

/* The git repository of a git source (owned by the source, for readers
 * of the history such as history.c); NULL for a folder. */
struct git_repository *source_repo(const source *s);

/*
 * For a reader of the history on a thread of its own (libgit2's objects
 * may not be used by two threads at once): a handle of its own on s's
 * repository, opened from the same git folder with the same extra object
 * folders (a pre-receive hook's quarantine) and seeing the same work
 * tree.  NULL for a folder source, or when it cannot be opened so (the
 * caller then reads with source_repo() on s's thread).  May be called
 * on any thread while s is open; the caller frees the handle
 * (git_repository_free()).
 */
struct git_repository *source_repo_reopen(const source *s);

/*
 * A reader of a git source's files for one thread at a time, with a
 * handle of its own on the repository (source_repo_reopen()): the
 * loading workers read their pages' blobs side by side, where reads
 * through s itself must hold a lock (inflating a page is a third of
 * loading it).  NULL for a folder source, or when the repository cannot
 * be opened again: the caller then reads through s.
 */
typedef struct source_reader source_reader;
source_reader *source_reader_new(const source *s);
/*
 * f's blob (its id from s's listing): 0 and *data (NUL-terminated, the
 * caller's) and *len; 1 when it holds more than max bytes, *len its
 * size, nothing read; -1 when it cannot be read so, nothing reported
 * (the caller reads through s, which says why).
 */
int source_reader_read(source_reader *r, const source_file *f, size_t max,
                       char **data, size_t *len);
/* r's own handle on the repository, for reads source_reader_read()
 * does not make (a file's older versions): r's thread only. */
struct git_repository *source_reader_repo(source_reader *r);
void source_reader_free(source_reader *r);

/* Frees what libgit2 keeps of the objects read so far (the packs' delta
 * bases, parsed objects), once loading no longer needs it; nothing else
 * may be using the repository meanwhile.  Later reads work as before. */
void source_drop_caches(source *s);

/*
 * Where the site is in a tree when no folder is named (a bare repository
 * given no SITE, the server's hooks): "" (the root) when the root holds
 * site.yaml, else "content" when content/site.yaml is there (the layout
 * of fabrique init and of the example).  *places: how many of the two
 * hold a site.yaml; with 0 or 2 the hooks cannot tell which site to
 * publish and say so, a build takes the root.
 */
struct git_tree;
const char *source_tree_site(const struct git_tree *tree, int *places);

/*
 * When the repository found from start (exactly at start if exact)
 * belongs to another user than the one running, which git and libgit2
 * refuse (git's safe.directory rule), reports it in d, naming the owner,
 * the user and both fixes, and returns true; false otherwise (nothing
 * reported).  For every place that opens a repository: a hook run by
 * another user than the bare repository's owner is the same refusal.
 */
bool source_report_foreign_owner(diag *d, const char *start, bool exact);

/* The message of libgit2's last error on this thread ("unknown error" if
 * it left none): the one place git's errors are read, for every module
 * that calls libgit2 (source, history, hook). */
const char *source_git_error(void);

#endif
