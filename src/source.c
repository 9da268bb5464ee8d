/*
 * source.c - the site's files, from a git commit or from a folder.
 *
 * libgit2 must be initialised by the caller: main() calls
 * git_libgit2_init() once for the process (and the unit tests do it in
 * their group setup), because init/shutdown are process-wide reference
 * counts that a library module should not juggle.
 *
 * Both flavours list every file once at open time, into one array sorted
 * by path in byte order, so that a prefix ("content/") is a contiguous
 * slice found by binary search and source_list() hands it out without
 * copying.  A lazy git source (source_open_git_lazy(), for builds) lists
 * on first need instead: until then a folder asked for alone is listed
 * alone (a "part"), a file read alone is found by its path, so a build
 * with nothing to do never walks the site's 10,000 entries.
 *
 * A git source records each blob's id while walking the tree, and reads
 * nothing from the object database: a size comes from the object's
 * header when source_file_size() asks for it, so an up-to-date check of
 * 10,000 files does not inflate 10,000 headers.  A folder source records sizes
 * from lstat() and computes blob ids lazily, the first time a file is listed or
 * looked up: in a work tree the listing covers the whole repository (themes/
 * beside content/), and hashing every file there at open time would read images
 * and PDFs the build never asks for.  Reading a folder file does not hash it; a
 * file that cannot be hashed is reported once and keeps an empty id.
 *
 * A folder source inside a work tree lists what git would see there:
 * the work tree's files, tracked or not, minus ignored ones (public/),
 * minus version-control and editor leftovers (see is_junk()).
 */
/* realpath() is an X/Open extension beyond the POSIX level we build at. */
#define _XOPEN_SOURCE 700

#include "source.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <pwd.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <git2.h>
#include <git2/sys/repository.h>

#include "arena.h"
#include "buf.h"
#include "filetype.h"
#include "gitclean.h"
#include "utf8.h"
#include "xalloc.h"

/* Hash state of a folder source's files (git sources are all HASH_DONE). */
enum { HASH_PENDING, HASH_DONE, HASH_FAILED };

/* A folder of a lazy git source listed before the whole tree is (the
 * theme's, for an up-to-date check): its files, sorted, paths from the
 * tree's root. */
struct part {
	const char *prefix; /* canonical, with its trailing '/' */
	source_file *files;
	size_t n, cap;
};

#define MAX_PARTS 8

struct source {
	arena *a;
	diag *d;
	bool is_git;
	git_repository *repo; /* git sources only */
	git_commit *commit;
	const char *commit_hex;
	long long commit_time;
	const char *site_path; /* "" or "content/a", no trailing '/' */
	const char *ref;
	const char *describe;
	const char *root; /* on disk; "" for a bare repository */
	source_file *files;
	unsigned char *hash_state;
	size_t n, cap;
	/* source_open_git_lazy(): the tree is listed on first need */
	git_tree *tree; /* the commit's */
	bool lazy;      /* files not listed yet */
	bool broken;    /* listing them failed (reported) */
	struct part parts[MAX_PARTS];
	size_t nparts;
	/* a folder source's work tree, for its .gitattributes: opened on
	 * first need by source_lfs_of() */
	git_repository *worktree;
	bool worktree_tried;
	/* the symbolic links listing skipped (source_links()); a part's
	 * and the whole listing may both add one */
	source_file *links;
	size_t nlinks, caplinks;
};

const char *
source_git_error(void)
{
	const git_error *e = git_error_last();
	return e != NULL && e->message != NULL ? e->message : "unknown error";
}

/*
 * `git sparse-checkout` (and `git worktree` with per-worktree settings)
 * turns on extensions.worktreeConfig, which libgit2 1.5 refuses to open
 * ("unsupported extension name").  It only says that config.worktree
 * files hold settings of each work tree (which files are checked out);
 * fabrique reads commits from the object database and needs none of
 * them, so the extension is declared supported.
 */
/*
 * Whether the user's or the system's git settings trust every repository
 * (`safe.directory = *`, git's own advice for a shared server).  git
 * 2.39 honours it; libgit2 1.5 does not, and refused what git reads.
 * As in git, only those settings count (never a repository's own), and
 * an empty value clears the values before it.
 */
static bool
trusts_every_repository(void)
{
	git_config *cfg = NULL;
	git_config_iterator *it = NULL;
	git_config_entry *e;
	bool star = false;
	if (git_config_open_default(&cfg) == 0 &&
	    git_config_multivar_iterator_new(&it, cfg, "safe.directory",
	                                     NULL) == 0)
		while (git_config_next(&e, it) == 0)
			star = strcmp(e->value, "*") == 0 ||
			       (star && *e->value != '\0');
	git_config_iterator_free(it);
	git_config_free(cfg);
	git_error_clear();
	return star;
}

void
source_git_options(void)
{
	const char *ext[] = {"worktreeconfig"};
	git_libgit2_opts(GIT_OPT_SET_EXTENSIONS, ext, (size_t)1);
	if (trusts_every_repository())
		git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, 0);
}

static source *
source_new(diag *d, bool is_git)
{
	source *s = xcalloc(1, sizeof(*s));
	s->a = arena_new();
	s->d = d;
	s->is_git = is_git;
	s->site_path = "";
	s->root = "";
	return s;
}

void
source_free(source *s)
{
	if (s == NULL)
		return;
	git_commit_free(s->commit);
	git_tree_free(s->tree);
	git_repository_free(s->repo);
	git_repository_free(s->worktree);
	for (size_t i = 0; i < s->nparts; i++)
		free(s->parts[i].files);
	free(s->files);
	free(s->links);
	free(s->hash_state);
	arena_free(s->a);
	free(s);
}

/* A growing array of files: the source's, or one of its parts'. */
struct flist {
	source_file **files;
	size_t *n, *cap;
};

/* Adds a file to l; id: its blob id (hex), or NULL for none yet. */
static void
push_to(arena *a, const struct flist *l, const char *path, size_t size,
        const char *id)
{
	if (*l->n == *l->cap) {
		*l->cap = *l->cap ? *l->cap * 2 : 256;
		*l->files = xrealloc(*l->files, *l->cap * sizeof(**l->files));
	}
	source_file *f = *l->files + *l->n;
	*l->n += 1;
	f->path = arena_strdup(a, path);
	size_t k = id != NULL ? strlen(id) : 0; /* at most 40 */
	memcpy(f->id, id != NULL ? id : "", k);
	f->id[k] = '\0';
	f->size = size;
}

static void
push_file(source *s, const char *path, size_t size)
{
	struct flist l = {&s->files, &s->n, &s->cap};
	push_to(s->a, &l, path, size, NULL);
}

/* A symbolic link the listing skips: kept to be said (source_links()). */
static void
push_link(source *s, const char *path)
{
	struct flist l = {&s->links, &s->nlinks, &s->caplinks};
	push_to(s->a, &l, path, 0, NULL);
}

static int
cmp_file(const void *pa, const void *pb)
{
	const source_file *a = pa, *b = pb;
	return strcmp(a->path, b->path);
}

/* Folder sources hash lazily: their state array starts all pending. */
static void
sort_files(source *s)
{
	if (s->n > 0) /* an empty folder (fabrique init) has no array */
		qsort(s->files, s->n, sizeof(*s->files), cmp_file);
	if (!s->is_git)
		s->hash_state = xcalloc(s->n, 1);
}

/* A copy of path without trailing slashes ("/" stays "/"). */
static char *
strip_slashes(arena *a, const char *path)
{
	size_t n = strlen(path);
	while (n > 1 && path[n - 1] == '/')
		n--;
	return arena_strndup(a, path, n);
}

/*
 * Path of `path` relative to `root`, both resolved with realpath() so that
 * symbolic links and "../" in either do not matter; NULL when path is not
 * root or below it.
 */
static const char *
path_below(arena *a, const char *root, const char *path)
{
	char *r = realpath(root, NULL), *p = realpath(path, NULL);
	const char *rel = NULL;
	if (r != NULL && p != NULL) {
		size_t n = strlen(r);
		if (n == 1) /* root is "/" */
			n = 0;
		if (strcmp(r, p) == 0)
			rel = "";
		else if (strncmp(r, p, n) == 0 && p[n] == '/')
			rel = arena_strdup(a, p + n + 1);
	}
	free(r);
	free(p);
	return rel;
}

/*
 * "./content/", "content//a", "." and "" name folders inside a tree as the
 * user may type them; puts the canonical "content/a" form in out, or
 * returns -1 for ".." or an absolute path, which cannot name anything
 * inside a tree.
 */
static int
canon_path(const char *site, buf *out)
{
	buf_reset(out);
	buf_puts(out, "");
	if (site[0] == '/')
		return -1;
	for (const char *p = site; *p != '\0';) {
		size_t n = strcspn(p, "/");
		if (n == 2 && p[0] == '.' && p[1] == '.')
			return -1;
		if (n > 0 && !(n == 1 && p[0] == '.')) {
			if (out->len > 0)
				buf_putc(out, '/');
			buf_put(out, p, n);
		}
		p += n;
		while (*p == '/')
			p++;
	}
	return 0;
}

static const char *
tree_path(arena *a, const char *site)
{
	buf b = BUF_INIT;
	const char *path =
	    canon_path(site, &b) == 0 ? arena_strdup(a, buf_cstr(&b)) : NULL;
	buf_free(&b);
	return path;
}

static bool
is_dir(const char *path)
{
	struct stat st;
	return path != NULL && stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/*
 * Inside a pre-receive hook, git keeps the pushed objects in a quarantine
 * folder named by GIT_OBJECT_DIRECTORY (the repository's own objects are
 * in GIT_ALTERNATE_OBJECT_DIRECTORIES) until the hook accepts them.  git
 * honours these variables in every command; libgit2 only when asked, so
 * they are added here, or a pushed commit could not be checked.
 */
static int
add_env_objects_to(git_repository *repo)
{
	const char *vars[] = {"GIT_OBJECT_DIRECTORY",
	                      "GIT_ALTERNATE_OBJECT_DIRECTORIES"};
	git_odb *odb = NULL;
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < 2; i++) {
		const char *v = getenv(vars[i]);
		if (v == NULL || *v == '\0')
			continue;
		if (odb == NULL && git_repository_odb(&odb, repo) < 0)
			return -1;
		buf one = BUF_INIT;
		for (const char *p = v; rc == 0 && *p != '\0';) {
			size_t n = strcspn(p, ":");
			buf_reset(&one);
			buf_put(&one, p, n);
			if (n > 0)
				rc = git_odb_add_disk_alternate(odb,
				                                buf_cstr(&one));
			p += n + (p[n] == ':');
		}
		buf_free(&one);
	}
	git_odb_free(odb);
	return rc;
}

static int
add_env_objects(source *s)
{
	int rc = add_env_objects_to(s->repo);
	if (rc < 0)
		diag_report(s->d, DIAG_ERROR, NULL, 0, 0,
		            "cannot read the objects named by "
		            "GIT_OBJECT_DIRECTORY: %s",
		            source_git_error());
	return rc;
}

/* The one folder below start holding a site.yaml, as a path from the
 * current folder, or NULL (none, or several: no guess): fabrique run
 * one folder above its site (the folder `fabrique init` made). */
static char *
site_below(const char *start)
{
	DIR *dir = opendir(start);
	char *found = NULL;
	struct dirent *e;
	struct stat st;
	int count = 0;
	while (dir != NULL && count < 2 && (e = readdir(dir)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		char p[4096];
		int n =
		    snprintf(p, sizeof(p), "%s/%s/site.yaml", start, e->d_name);
		if (n > 0 && (size_t)n < sizeof(p) && stat(p, &st) == 0 &&
		    S_ISREG(st.st_mode) && count++ == 0) {
			p[strlen(p) - strlen("/site.yaml")] = '\0';
			found =
			    xstrdup(strcmp(start, ".") == 0 ? e->d_name : p);
		}
	}
	if (dir != NULL)
		closedir(dir);
	if (count > 1) {
		free(found);
		found = NULL;
	}
	return found;
}

/* No repository: is this a site not yet committed, or the folder above
 * a site?  Either is more likely than a wish for --repo. */
static void
report_no_repo(diag *d, const char *start)
{
	char yaml[4096], *below = NULL;
	struct stat st;
	int n = snprintf(yaml, sizeof(yaml), "%s/site.yaml", start);
	bool here = n > 0 && (size_t)n < sizeof(yaml) && stat(yaml, &st) == 0;
	if (!here)
		below = site_below(start);
	if (here)
		diag_report(d, DIAG_ERROR, start, 0, 0,
		            "this site is not in a git repository: fabrique "
		            "publishes what is committed; make it one (git "
		            "init, git add -A, git commit), or build the files "
		            "as they are with --worktree");
	else if (below != NULL)
		diag_report(d, DIAG_ERROR, start, 0, 0,
		            "not a site, nor in a git repository; the site is "
		            "in a folder below: run fabrique there (cd %s)",
		            below);
	else
		diag_report(d, DIAG_ERROR, start, 0, 0,
		            "not a git repository (or any parent up to /): use "
		            "--worktree to build files on disk, or --repo to "
		            "name the repository");
	free(below);
}

/* The name of the user uid, or its number when it has none. */
static void
user_name(uid_t uid, char *out, size_t outsz)
{
	struct passwd pw, *found = NULL;
	char scratch[2048];
	if (getpwuid_r(uid, &pw, scratch, sizeof(scratch), &found) == 0 &&
	    found != NULL)
		snprintf(out, outsz, "%s", found->pw_name);
	else
		snprintf(out, outsz, "%lu", (unsigned long)uid);
}

/* The folder git names in safe.directory for the repository whose git
 * folder is gitdir: its work tree ("/srv/site/" for "/srv/site/.git/"),
 * or the bare repository itself, without the trailing slash. */
static void
repo_top(const char *gitdir, char *out, size_t outsz)
{
	size_t n = strlen(gitdir);
	if (n >= 6 && strcmp(gitdir + n - 6, "/.git/") == 0)
		n -= 5;
	while (n > 1 && gitdir[n - 1] == '/')
		n--;
	snprintf(out, outsz, "%.*s", (int)n, gitdir);
}

/*
 * git and libgit2 refuse a repository whose folder belongs to another
 * user (git's safe.directory rule): a cron job as www-data on the
 * webmaster's clone.  Debian 12's libgit2 1.5.1 reports it as "config
 * value 'safe.directory' was not found", read as "no repository here",
 * so the refusal is recognised by its cause: a repository found from
 * start (discovery checks no owner) whose top folder is another user's.
 * exact (--repo): only a repository at start itself counts.
 */
bool
source_report_foreign_owner(diag *d, const char *start, bool exact)
{
	git_buf gd = GIT_BUF_INIT;
	char top[4096] = "", *real = NULL, *rtop = NULL;
	struct stat st;
	if (git_repository_discover(&gd, start, 0, NULL) == 0)
		repo_top(gd.ptr, top, sizeof(top));
	git_buf_dispose(&gd);
	git_error_clear();
	bool foreign =
	    *top != '\0' && stat(top, &st) == 0 && st.st_uid != geteuid();
	if (foreign && exact) {
		real = realpath(start, NULL);
		rtop = realpath(top, NULL);
		foreign =
		    real != NULL && rtop != NULL && strcmp(real, rtop) == 0;
	}
	free(real);
	free(rtop);
	if (!foreign)
		return false;
	char owner[256], me[256];
	user_name(st.st_uid, owner, sizeof(owner));
	user_name(geteuid(), me, sizeof(me));
	diag_report(d, DIAG_ERROR, top, 0, 0,
	            "this git repository belongs to %s, and fabrique runs as "
	            "%s: git reads no other user's repository (its "
	            "safe.directory rule); run fabrique as %s (sudo -u %s "
	            "fabrique ...), or, to trust this repository, run as %s: "
	            "git config --global --add safe.directory %s",
	            owner, me, owner, owner, me, top);
	return true;
}

/*
 * --repo names the repository exactly (no upward search, so a typo does
 * not silently pick an enclosing repository); otherwise git's own search
 * starts at SITE, or at the current folder when SITE is a path inside the
 * tree rather than a folder on disk.
 */
static int
open_repo(source *s, const char *repo_path, const char *site)
{
	if (repo_path != NULL) {
		if (git_repository_open_ext(&s->repo, repo_path,
		                            GIT_REPOSITORY_OPEN_NO_SEARCH,
		                            NULL) == 0)
			return 0;
		const char *why = arena_strdup(s->a, source_git_error());
		if (source_report_foreign_owner(s->d, repo_path, true))
			return -1;
		diag_report(s->d, DIAG_ERROR, repo_path, 0, 0,
		            "not a git repository (%s): --repo must name a "
		            "repository or its work tree",
		            why);
		return -1;
	}
	const char *start = is_dir(site) ? site : ".";
	int err = git_repository_open_ext(&s->repo, start, 0, NULL);
	if (err == 0)
		return 0;
	const char *why = arena_strdup(s->a, source_git_error());
	if (source_report_foreign_owner(s->d, start, false))
		return -1;
	if (err == GIT_ENOTFOUND)
		report_no_repo(s->d, start);
	else
		diag_report(s->d, DIAG_ERROR, start, 0, 0,
		            "cannot open the git repository: %s", why);
	return -1;
}

/* The repository's local branches, ", "-separated, in a ("" if none):
 * a ref that names nothing is most often the other of main and master
 * (a cron line copied from the docs), and the list says which is there. */
static const char *
branch_names(git_repository *repo, arena *a)
{
	git_branch_iterator *it = NULL;
	git_reference *ref;
	git_branch_t type;
	buf b = BUF_INIT;
	if (git_branch_iterator_new(&it, repo, GIT_BRANCH_LOCAL) < 0)
		return "";
	while (git_branch_next(&ref, &type, it) == 0) {
		const char *name = NULL;
		if (git_branch_name(&name, ref) == 0 && name != NULL)
			buf_printf(&b, "%s%s", b.len ? ", " : "", name);
		git_reference_free(ref);
	}
	git_branch_iterator_free(it);
	const char *r = arena_strdup(a, b.len ? buf_cstr(&b) : "");
	buf_free(&b);
	return r;
}

/* Any revision git understands ("main", "v1.0", "HEAD~2", "3f2a9c1"),
 * peeled to the commit it names. */
static int
resolve_ref(source *s, const char *ref)
{
	git_object *obj = NULL, *commit = NULL;
	if (git_revparse_single(&obj, s->repo, ref) < 0) {
		const char *branches = branch_names(s->repo, s->a);
		if (git_repository_head_unborn(s->repo) == 1)
			diag_report(s->d, DIAG_ERROR, ref, 0, 0,
			            "the repository has no commit yet: commit "
			            "the site first, or use --worktree");
		else if (*branches != '\0')
			diag_report(s->d, DIAG_ERROR, ref, 0, 0,
			            "no such branch, tag or commit in the "
			            "repository; its branches: %s",
			            branches);
		else
			diag_report(s->d, DIAG_ERROR, ref, 0, 0,
			            "no such branch, tag or commit in the "
			            "repository (%s)",
			            source_git_error());
		return -1;
	}
	int err = git_object_peel(&commit, obj, GIT_OBJECT_COMMIT);
	git_object_free(obj);
	if (err < 0) {
		diag_report(s->d, DIAG_ERROR, ref, 0, 0,
		            "does not name a commit (%s)", source_git_error());
		return -1;
	}
	s->commit = (git_commit *)commit;
	char hex[GIT_OID_HEXSZ + 1];
	git_oid_tostr(hex, sizeof(hex), git_commit_id(s->commit));
	s->commit_hex = arena_strdup(s->a, hex);
	s->commit_time = (long long)git_commit_time(s->commit);
	s->ref = arena_strdup(s->a, ref);
	s->describe = arena_printf(s->a, "%s (%.7s)", ref, hex);
	return 0;
}

/*
 * SITE as a path inside the tree: a folder on disk in a work tree is made
 * relative to the work tree's root; anything else (bare repository, or a
 * SITE that does not exist on disk) is already a path inside the tree.
 */
static const char *
site_in_tree(source *s, const char *site)
{
	const char *wd = git_repository_workdir(s->repo);
	struct stat st;
	if (wd != NULL && stat(site, &st) == 0) {
		if (!S_ISDIR(st.st_mode)) {
			diag_report(
			    s->d, DIAG_ERROR, site, 0, 0,
			    "not a folder: SITE must be the folder that "
			    "holds the site's content");
			return NULL;
		}
		const char *rel = path_below(s->a, wd, site);
		if (rel == NULL)
			diag_report(
			    s->d, DIAG_ERROR, site, 0, 0,
			    "this folder is outside the work tree of the "
			    "repository %s",
			    wd);
		return rel;
	}
	const char *rel = tree_path(s->a, site);
	if (rel == NULL)
		diag_report(s->d, DIAG_ERROR, site, 0, 0,
		            "not a folder inside the repository: SITE must be "
		            "a relative path such as \"content\"");
	return rel;
}

/* The site must be a folder of the commit, not merely of the work tree:
 * building a folder that was never committed would publish nothing. */
static int
check_site(source *s, const git_tree *tree, const char *site)
{
	if (s->site_path[0] == '\0')
		return 0;
	git_tree_entry *e = NULL;
	int found = git_tree_entry_bypath(&e, tree, s->site_path) == 0 &&
	            git_tree_entry_type(e) == GIT_OBJECT_TREE;
	git_tree_entry_free(e);
	if (found)
		return 0;
	if (git_repository_is_bare(s->repo))
		diag_report(s->d, DIAG_ERROR, site, 0, 0,
		            "no such folder in commit %.7s (%s)", s->commit_hex,
		            s->ref);
	else
		diag_report(
		    s->d, DIAG_ERROR, site, 0, 0,
		    "no such folder in commit %.7s (%s): commit it "
		    "first, or use --worktree to build the files on disk",
		    s->commit_hex, s->ref);
	return -1;
}

struct walk {
	source *s;
	git_odb *odb;
	struct flist to;  /* where the files go */
	const char *base; /* the walked tree's path, "" or "dir/" */
	bool quiet;       /* a part: a missing object is not reported, the
	                     whole listing will say it */
};

static int
promisor_cb(const git_config_entry *e, void *payload)
{
	char *name = payload;
	const char *r = e->name + strlen("remote.");
	size_t n = strlen(r) - strlen(".promisor");
	int yes = 0;
	if (*name == '\0' && git_config_parse_bool(&yes, e->value) == 0 &&
	    yes && n < 256)
		snprintf(name, 256, "%.*s", (int)n, r);
	return 0;
}

/*
 * A partial clone (git clone --filter=blob:none, CI checkouts, a
 * webmaster saving disk) fetches a file's object only when git checks
 * it out, and libgit2 does not fetch: an object missing there is not
 * damage.  Its remote (remote.NAME.promisor, or extensions.partialClone
 * of older gits) goes into name[256]; false when none.
 */
static bool
promisor_remote(git_repository *repo, char name[256])
{
	git_config *c = NULL;
	*name = '\0';
	if (git_repository_config_snapshot(&c, repo) == 0) {
		git_buf b = GIT_BUF_INIT;
		if (git_config_get_string_buf(&b, c,
		                              "extensions.partialclone") == 0)
			snprintf(name, 256, "%s", b.ptr);
		else
			git_config_foreach_match(c, "^remote\\..+\\.promisor$",
			                         promisor_cb, name);
		git_buf_dispose(&b);
	}
	git_config_free(c);
	git_error_clear();
	return *name != '\0';
}

/* A missing object of path (a folder when it ends with '/'): the advice
 * of a partial clone, or of a damaged repository. */
static void
report_missing(source *s, const char *path, const char *hex)
{
	char remote[256];
	bool folder = *path != '\0' && path[strlen(path) - 1] == '/';
	if (promisor_remote(s->repo, remote))
		diag_report(s->d, DIAG_ERROR, path, 0, 0,
		            folder
		                ? "cannot read this folder from the "
		                  "repository: its object %s was not "
		                  "downloaded, since this repository is a "
		                  "partial clone (git clone --filter); fetch "
		                  "everything once with 'git fetch --refetch "
		                  "--no-filter %s', or clone the site again "
		                  "without --filter"
		                : "cannot read this file from the repository: "
		                  "its object %s was not downloaded, since "
		                  "this repository is a partial clone (git "
		                  "clone --filter); fetch everything once with "
		                  "'git fetch --refetch --no-filter %s', or "
		                  "clone the site again without --filter",
		            hex, remote);
	else
		diag_report(s->d, DIAG_ERROR, path, 0, 0,
		            folder
		                ? "cannot read this folder from the "
		                  "repository: its object %s is missing (the "
		                  "repository is damaged; 'git fsck' lists "
		                  "what is lost, a clone or a backup has it)"
		                : "cannot read this file from the repository: "
		                  "its object %s is missing (the repository is "
		                  "damaged; 'git fsck' lists what is lost, a "
		                  "clone or a backup has it)",
		            hex);
}

/*
 * git_tree_walk() stops without a word when a folder's object is missing
 * (a damaged repository): each folder is looked up first, so the message
 * says which one, and what to do.
 */
static int
walk_tree_ok(struct walk *w, const char *dir, const git_tree_entry *e)
{
	if (git_odb_exists(w->odb, git_tree_entry_id(e)))
		return 0;
	if (w->quiet)
		return -1;
	char hex[GIT_OID_HEXSZ + 1];
	git_oid_tostr(hex, sizeof(hex), git_tree_entry_id(e));
	buf path = BUF_INIT;
	buf_printf(&path, "%s%s%s/", w->base, dir, git_tree_entry_name(e));
	report_missing(w->s, path.data, hex);
	buf_free(&path);
	return -1;
}

/*
 * What operating systems leave in folders on their own: macOS's .DS_Store
 * and AppleDouble copies "._x" (made beside every file copied to a USB
 * stick or a shared drive, then committed with it), Windows' Thumbs.db and
 * desktop.ini.  Skipped in commits too: a "._repeindre.md" was said to be
 * in no known folder, a "._chantier.jpg" to be missing from a recap's
 * photos (outside tester 20 F2).
 */
static bool
is_os_debris(const char *name)
{
	return strncmp(name, "._", 2) == 0 || strcmp(name, ".DS_Store") == 0 ||
	       strcmp(name, "Thumbs.db") == 0 ||
	       strcasecmp(name, "desktop.ini") == 0;
}

/* Records blobs only: trees are descended into by git_tree_walk itself,
 * symbolic links are not content, and submodules (GIT_OBJECT_COMMIT) live
 * in another repository.  Each blob is only looked up in the pack index
 * (git_odb_exists), never read: an up-to-date check of 10,000 files used
 * to inflate each one's header for a size nobody needed then. */
static int
walk_cb(const char *dir, const git_tree_entry *e, void *payload)
{
	struct walk *w = payload;
	if (git_tree_entry_type(e) == GIT_OBJECT_TREE)
		return walk_tree_ok(w, dir, e);
	if (git_tree_entry_type(e) != GIT_OBJECT_BLOB ||
	    is_os_debris(git_tree_entry_name(e)))
		return 0;
	const git_oid *id = git_tree_entry_id(e);
	buf path = BUF_INIT;
	buf_puts(&path, w->base);
	buf_puts(&path, dir);
	buf_puts(&path, git_tree_entry_name(e));
	if (git_tree_entry_filemode(e) == GIT_FILEMODE_LINK) {
		push_link(w->s, path.data);
		buf_free(&path);
		return 0;
	}
	bool found = git_odb_exists(w->odb, id);
	if (found) {
		char hex[GIT_OID_HEXSZ + 1];
		git_oid_tostr(hex, sizeof(hex), id);
		push_to(w->s->a, &w->to, path.data, SOURCE_SIZE_UNKNOWN, hex);
	} else if (!w->quiet) {
		char hex[GIT_OID_HEXSZ + 1];
		report_missing(w->s, path.data,
		               git_oid_tostr(hex, sizeof(hex), id));
	}
	buf_free(&path);
	return found ? 0 : -1;
}

/* Every file of the commit's tree into s->files, sorted; what cannot be
 * read is reported. */
static int
list_tree(source *s)
{
	struct walk w = {s, NULL, {&s->files, &s->n, &s->cap}, "", false};
	int rc = -1;
	if (git_repository_odb(&w.odb, s->repo) < 0) {
		diag_report(s->d, DIAG_ERROR, NULL, 0, 0,
		            "cannot read commit %s: %s", s->describe,
		            source_git_error());
		return -1;
	}
	size_t before = diag_count(s->d, DIAG_ERROR);
	if (git_tree_walk(s->tree, GIT_TREEWALK_PRE, walk_cb, &w) < 0) {
		if (diag_count(s->d, DIAG_ERROR) == before)
			diag_report(s->d, DIAG_ERROR, NULL, 0, 0,
			            "cannot read commit %s: %s", s->describe,
			            source_git_error());
	} else {
		sort_files(s);
		rc = 0;
	}
	git_odb_free(w.odb);
	return rc;
}

static bool
tree_has_blob(const git_tree *tree, const char *path)
{
	git_tree_entry *e = NULL;
	bool yes = git_tree_entry_bypath(&e, tree, path) == 0 &&
	           git_tree_entry_type(e) == GIT_OBJECT_BLOB;
	git_tree_entry_free(e);
	git_error_clear();
	return yes;
}

const char *
source_tree_site(const struct git_tree *tree, int *places)
{
	bool root = tree_has_blob(tree, "site.yaml");
	bool content = tree_has_blob(tree, "content/site.yaml");
	*places = root + content;
	return !root && content ? "content" : "";
}

/* A bare repository given no SITE (the root): the site is where the
 * server's hooks find it (source_tree_site()), so that one command
 * publishes both layouts. */
static void
bare_default_site(source *s)
{
	int places;
	if (s->site_path[0] == '\0' && git_repository_is_bare(s->repo))
		s->site_path = source_tree_site(s->tree, &places);
}

static int
list_commit(source *s, const char *site, bool lazy)
{
	if (git_commit_tree(&s->tree, s->commit) < 0) {
		diag_report(s->d, DIAG_ERROR, NULL, 0, 0,
		            "cannot read commit %s: %s", s->describe,
		            source_git_error());
		return -1;
	}
	bare_default_site(s);
	if (check_site(s, s->tree, site) < 0)
		return -1;
	s->lazy = lazy;
	return lazy ? 0 : list_tree(s);
}

/* A lazy source's whole tree, listed on first need; -1 (reported once)
 * when it cannot be. */
static int
ensure_listed(source *s)
{
	if (s->lazy) {
		s->lazy = false;
		s->broken = list_tree(s) < 0;
	}
	return s->broken ? -1 : 0;
}

int
source_complete(source *s)
{
	return ensure_listed(s);
}

/* The part of a lazy source listing path's folder, if one was made. */
static struct part *
part_of(source *s, const char *path)
{
	for (size_t i = 0; i < s->nparts; i++)
		if (strncmp(path, s->parts[i].prefix,
		            strlen(s->parts[i].prefix)) == 0)
			return &s->parts[i];
	return NULL;
}

/*
 * The files under key ("dir/") of a lazy source, listed alone: an
 * up-to-date check reads the theme's folder, not the 10,000 pages beside
 * it.  NULL when the part cannot be made (a missing object: the whole
 * listing then reports it; too many parts).
 */
static struct part *
list_part(source *s, const char *key)
{
	struct part *p = part_of(s, key);
	if (p != NULL || s->nparts == MAX_PARTS)
		return p;
	p = &s->parts[s->nparts];
	*p = (struct part){arena_strdup(s->a, key), NULL, 0, 0};
	struct walk w = {s, NULL, {&p->files, &p->n, &p->cap}, key, true};
	git_tree_entry *e = NULL;
	git_tree *sub = NULL;
	char *dir = arena_strndup(s->a, key, strlen(key) - 1);
	int rc = 0;
	if (git_tree_entry_bypath(&e, s->tree, dir) == 0 &&
	    git_tree_entry_type(e) == GIT_OBJECT_TREE)
		rc = git_repository_odb(&w.odb, s->repo) < 0 ||
		             git_tree_lookup(&sub, s->repo,
		                             git_tree_entry_id(e)) < 0 ||
		             git_tree_walk(sub, GIT_TREEWALK_PRE, walk_cb, &w) <
		                 0
		         ? -1
		         : 0;
	git_error_clear();
	git_tree_free(sub);
	git_tree_entry_free(e);
	git_odb_free(w.odb);
	if (rc < 0) {
		free(p->files);
		return NULL;
	}
	if (p->n > 0)
		qsort(p->files, p->n, sizeof(*p->files), cmp_file);
	s->nparts++;
	return p;
}

int
source_tree_id(source *s, const char *prefix, char out[41])
{
	buf key = BUF_INIT;
	git_tree_entry *e = NULL;
	const git_oid *id = NULL;
	if (s->is_git && s->tree != NULL &&
	    canon_path(prefix != NULL ? prefix : "", &key) == 0) {
		if (key.len == 0)
			id = git_tree_id(s->tree);
		else if (git_tree_entry_bypath(&e, s->tree, key.data) == 0 &&
		         git_tree_entry_type(e) == GIT_OBJECT_TREE)
			id = git_tree_entry_id(e);
	}
	if (id != NULL)
		git_oid_tostr(out, GIT_OID_HEXSZ + 1, id);
	git_error_clear();
	git_tree_entry_free(e);
	buf_free(&key);
	return id != NULL ? 0 : -1;
}

/*
 * libgit2 maps a pack file whole (windows of 1 GiB), and every page of it
 * read stays resident for the build: the 10,000-page bench's 15 MiB pack
 * was that much of the build's peak memory, and a site's pack grows with
 * its pages and its history.  Windows of 1 MiB, at most 8 MiB mapped at
 * once (the least recently used unmapped first), bound that at any size
 * (a process-wide setting, as the strict hashing below).
 */
static void
map_packs_in_windows(void)
{
	git_libgit2_opts(GIT_OPT_SET_MWINDOW_SIZE, (size_t)1 << 20);
	git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, (size_t)8 << 20);
}

static source *
open_git(const char *repo_path, const char *site, const char *ref, diag *d,
         bool lazy)
{
	source *s = source_new(d, true);
	/* libgit2 hashes every object it reads again to check its id: a
	 * SHA-1 of each page read, 9 % of loading a 10,000-page site and
	 * as much again when its bodies are read for rendering.  Git itself
	 * does not (a damaged pack still fails zlib's checksum, and objects
	 * pushed to a server were hashed by index-pack on receipt). */
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
	map_packs_in_windows();
	if (site == NULL)
		site = "";
	if (ref == NULL)
		ref = "HEAD";
	if (open_repo(s, repo_path, site) < 0 || add_env_objects(s) < 0 ||
	    resolve_ref(s, ref) < 0)
		goto fail;
	const char *wd = git_repository_workdir(s->repo);
	if (wd != NULL)
		s->root = strip_slashes(s->a, wd);
	s->site_path = site_in_tree(s, site);
	if (s->site_path == NULL || list_commit(s, site, lazy) < 0)
		goto fail;
	return s;
fail:
	source_free(s);
	return NULL;
}

source *
source_open_git(const char *repo_path, const char *site, const char *ref,
                diag *d)
{
	return open_git(repo_path, site, ref, d, false);
}

source *
source_open_git_lazy(const char *repo_path, const char *site, const char *ref,
                     diag *d)
{
	return open_git(repo_path, site, ref, d, true);
}

int
source_gitlink(source *s, const char *path, char out[41])
{
	git_tree_entry *e = NULL;
	bool link = s->is_git && s->tree != NULL &&
	            git_tree_entry_bypath(&e, s->tree, path) == 0 &&
	            git_tree_entry_type(e) == GIT_OBJECT_COMMIT;
	if (link)
		git_oid_tostr(out, GIT_OID_HEXSZ + 1, git_tree_entry_id(e));
	git_tree_entry_free(e);
	git_error_clear();
	return link ? 0 : -1;
}

/* A submodule's commit is read as a site's is, minus what only the site
 * has: no site folder to find (its tree's root is the source's), no work
 * tree to compare with, no quarantine (a push never carries it). */
source *
source_open_commit(git_repository *repo, const char *hex, const char *describe,
                   diag *d)
{
	source *s = source_new(d, true);
	s->repo = repo;
	git_oid oid;
	if (git_oid_fromstr(&oid, hex) < 0 ||
	    git_commit_lookup(&s->commit, repo, &oid) < 0 ||
	    git_commit_tree(&s->tree, s->commit) < 0) {
		git_error_clear();
		source_free(s);
		return NULL;
	}
	s->commit_hex = arena_strdup(s->a, hex);
	s->commit_time = (long long)git_commit_time(s->commit);
	s->ref = s->commit_hex;
	s->describe = arena_strdup(s->a, describe);
	if (list_tree(s) < 0) {
		source_free(s);
		return NULL;
	}
	return s;
}

/*
 * Names no site means to publish: version control folders, what operating
 * systems and editors leave behind (.DS_Store, ._x, .#x locks, x~ and
 * .x.swp), and what output_begin() leaves beside an output: temporary
 * folders (.public.fabrique-x), its lock and the journal of a killed
 * update (.public.fabrique.lock, .public.fabrique.journal).
 * Other dot-files (.well-known, .htaccess) are content like any other.
 */
static bool
is_junk(const char *name)
{
	static const char *const names[] = {
	    ".git", ".hg", ".svn", ".bzr", "_darcs",
	};
	if (is_os_debris(name))
		return true;
	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++)
		if (strcmp(name, names[i]) == 0)
			return true;
	size_t n = strlen(name);
	if (name[n - 1] == '~' || (name[0] == '#' && name[n - 1] == '#'))
		return true;
	if (name[0] != '.')
		return false;
	return strncmp(name, ".#", 2) == 0 ||
	       strstr(name, ".fabrique-") != NULL ||
	       strstr(name, ".fabrique.lock") != NULL ||
	       strstr(name, ".fabrique.journal") != NULL ||
	       (n > 4 && (strcmp(name + n - 4, ".swp") == 0 ||
	                  strcmp(name + n - 4, ".swo") == 0));
}

struct dwalk {
	source *s;
	git_repository *repo; /* NULL outside a work tree */
	git_index *index;     /* NULL when unreadable */
	buf rel;              /* folder being read: "" or "themes/t/" */
};

/*
 * In a work tree, what git ignores (public/, node_modules/) is no more
 * part of the site than it would be in a commit.  Like git, a tracked file
 * stays in even if a rule matches it; asking the index first also spares
 * the costly rule lookup for the common case, a tracked file.
 */
static bool
is_tracked(struct dwalk *w, const char *rel, bool dir)
{
	size_t pos;
	if (w->index == NULL)
		return false;
	if (!dir)
		return git_index_get_bypath(w->index, rel, 0) != NULL;
	const char *prefix = arena_printf(w->s->a, "%s/", rel);
	return git_index_find_prefix(&pos, w->index, prefix) == 0;
}

static bool
is_ignored(struct dwalk *w, const char *rel, bool dir)
{
	int ignored = 0;
	if (w->repo == NULL || is_tracked(w, rel, dir))
		return false;
	if (git_ignore_path_is_ignored(&ignored, w->repo, rel) < 0) {
		git_error_clear();
		return false;
	}
	return ignored != 0;
}

static int walk_dir(struct dwalk *w, int fd);

/* An unreadable folder beside the site (someone else's data in the work
 * tree) only costs a warning; one inside the site would lose content. */
static int
walk_subdir(struct dwalk *w, int parent, const char *name)
{
	int fd = openat(parent, name,
	                O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd >= 0) {
		buf_putc(&w->rel, '/');
		return walk_dir(w, fd);
	}
	const char *site = w->s->site_path;
	size_t n = strlen(site);
	bool inside = n == 0 || (strncmp(w->rel.data, site, n) == 0 &&
	                         (w->rel.data[n] == '/' || !w->rel.data[n]));
	diag_report(w->s->d, inside ? DIAG_ERROR : DIAG_WARNING, w->rel.data, 0,
	            0, "cannot read this folder: %s",
	            diag_errtext(w->s->d, errno));
	return inside ? -1 : 0;
}

/* Takes ownership of fd.  Records regular files; skips symbolic links,
 * devices and the names above. */
static int
walk_dir(struct dwalk *w, int fd)
{
	DIR *dir = fdopendir(fd);
	if (dir == NULL) {
		close(fd);
		diag_report(w->s->d, DIAG_ERROR, w->rel.data, 0, 0,
		            "cannot read this folder: %s",
		            diag_errtext(w->s->d, errno));
		return -1;
	}
	size_t base = w->rel.len;
	int rc = 0;
	struct dirent *e;
	while (rc == 0 && (e = readdir(dir)) != NULL) {
		struct stat st;
		if (strcmp(e->d_name, ".") == 0 ||
		    strcmp(e->d_name, "..") == 0 || is_junk(e->d_name) ||
		    fstatat(dirfd(dir), e->d_name, &st, AT_SYMLINK_NOFOLLOW) <
		        0 ||
		    !(S_ISREG(st.st_mode) || S_ISDIR(st.st_mode) ||
		      S_ISLNK(st.st_mode)))
			continue;
		w->rel.len = base;
		buf_puts(&w->rel, e->d_name);
		if (is_ignored(w, w->rel.data, S_ISDIR(st.st_mode)))
			continue;
		if (S_ISLNK(st.st_mode)) {
			push_link(w->s, w->rel.data);
			continue;
		}
		if (S_ISREG(st.st_mode))
			push_file(w->s, w->rel.data, (size_t)st.st_size);
		else
			rc = walk_subdir(w, dirfd(dir), e->d_name);
	}
	w->rel.len = base;
	if (w->rel.data != NULL)
		w->rel.data[base] = '\0';
	closedir(dir);
	return rc;
}

/*
 * The tree root of a folder source: the enclosing work tree's root when
 * there is one (returned open, for its ignore rules), else the folder.
 * *refused when that work tree is another user's, which libgit2 will not
 * open (reported): read as a folder outside git, the site would miss its
 * themes/ and ignore rules and fail for a reason that is not the one.
 */
static git_repository *
find_root(source *s, const char *site, bool *refused)
{
	git_repository *repo = NULL;
	const char *rel = NULL;
	*refused = false;
	if (git_repository_open_ext(&repo, site, 0, NULL) == 0) {
		if (git_repository_workdir(repo) != NULL)
			rel = path_below(s->a, git_repository_workdir(repo),
			                 site);
	} else
		*refused = source_report_foreign_owner(s->d, site, false);
	git_error_clear();
	char *root =
	    realpath(rel != NULL ? git_repository_workdir(repo) : site, NULL);
	if (rel == NULL) {
		git_repository_free(repo);
		repo = NULL;
	}
	s->site_path = rel != NULL ? rel : "";
	s->root = root != NULL ? strip_slashes(s->a, root) : site;
	free(root);
	return repo;
}

source *
source_open_dir(const char *site, diag *d)
{
	source *s = source_new(d, false);
	s->describe = arena_strdup(s->a, site);
	struct stat st;
	const char *bad = stat(site, &st) < 0   ? diag_errtext(d, errno)
	                  : S_ISDIR(st.st_mode) ? NULL
	                                        : diag_tr(d, "not a folder");
	if (bad != NULL) {
		diag_report(d, DIAG_ERROR, site, 0, 0, "%s", bad);
		source_free(s);
		return NULL;
	}
	bool refused;
	struct dwalk w = {s, find_root(s, site, &refused), NULL, BUF_INIT};
	if (refused) {
		source_free(s);
		return NULL;
	}
	if (w.repo != NULL && git_repository_index(&w.index, w.repo) < 0)
		git_error_clear();
	int fd = open(s->root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int rc = -1;
	if (fd < 0)
		diag_report(d, DIAG_ERROR, s->root, 0, 0,
		            "cannot read this folder: %s",
		            diag_errtext(d, errno));
	else
		rc = walk_dir(&w, fd);
	buf_free(&w.rel);
	git_index_free(w.index);
	git_repository_free(w.repo);
	if (rc < 0) {
		source_free(s);
		return NULL;
	}
	sort_files(s);
	return s;
}

/* The size is only a hint: the file may have changed since listing. */
static int
read_fd(int fd, buf *b)
{
	struct stat st;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
		buf_grow(b, (size_t)st.st_size);
	char chunk[16384];
	for (;;) {
		ssize_t r = read(fd, chunk, sizeof(chunk));
		if (r > 0)
			buf_put(b, chunk, (size_t)r);
		else if (r == 0)
			return 0;
		else if (errno != EINTR)
			return -1;
	}
}

/* Reads a file of a folder source; reports why it could not. */
static int
read_disk(source *s, const char *path, char **data, size_t *len)
{
	buf b = BUF_INIT;
	buf_printf(&b, "%s/%s", s->root, path);
	int fd = open(b.data, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	buf_reset(&b);
	int rc = fd < 0 ? -1 : read_fd(fd, &b);
	int err = errno;
	if (fd >= 0)
		close(fd);
	if (rc < 0) {
		diag_report(s->d, DIAG_ERROR, path, 0, 0,
		            "cannot read this file: %s",
		            diag_errtext(s->d, err));
		buf_free(&b);
		return -1;
	}
	*data = buf_detach(&b, len);
	return 0;
}

/*
 * A blob read into memory of its own, inflated straight into it, when
 * the object database can stream it (a loose object: what a commit or a
 * small push writes).  git_blob_lookup() inflates into libgit2's memory
 * and ours was a copy of that, so a 600 MB video held 1.2 GB for a moment
 * (outside tester 30 F13); streamed, it holds its size once (the loose
 * object's compressed bytes are mapped from its file: pages the kernel
 * can drop).  Only from STREAM_FROM bytes: a page's few kilobytes are
 * read whole, as before, without a mapping each.  0 with
 * *data and *len set; -1 when the database cannot stream it (a packed
 * object: the caller reads it whole), nothing set.
 */
#define STREAM_FROM ((size_t)1 << 20)

static int
read_streamed(git_odb *odb, const git_oid *oid, char **data, size_t *len)
{
	git_odb_stream *st = NULL;
	size_t n;
	git_object_t type;
	if (git_odb_open_rstream(&st, &n, &type, odb, oid) != 0 ||
	    type != GIT_OBJECT_BLOB) {
		git_odb_stream_free(st);
		git_error_clear();
		return -1;
	}
	char *p = xmalloc(n + 1);
	size_t got = 0;
	while (got < n) {
		size_t want = n - got < (1u << 30) ? n - got : (1u << 30);
		int r = git_odb_stream_read(st, p + got, want);
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	git_odb_stream_free(st);
	git_error_clear();
	if (got != n) {
		free(p);
		return -1;
	}
	p[n] = '\0';
	*data = p;
	*len = n;
	return 0;
}

static int
read_blob(source *s, const source_file *f, char **data, size_t *len)
{
	git_oid oid;
	git_blob *blob = NULL;
	git_odb *odb = NULL;
	size_t size = f->size;
	git_object_t type;
	int err = git_oid_fromstr(&oid, f->id);
	if (err == 0 && git_repository_odb(&odb, s->repo) == 0) {
		if (size == SOURCE_SIZE_UNKNOWN &&
		    git_odb_read_header(&size, &type, odb, &oid) != 0)
			size = 0;
		int streamed = size >= STREAM_FROM
		                   ? read_streamed(odb, &oid, data, len)
		                   : -1;
		git_odb_free(odb);
		if (streamed == 0)
			return 0;
	}
	git_error_clear();
	if (err == 0)
		err = git_blob_lookup(&blob, s->repo, &oid);
	if (err == GIT_ENOTFOUND) {
		report_missing(s, f->path, f->id);
		return -1;
	}
	if (err < 0) {
		/* a packed blob is inflated into libgit2's memory first */
		const git_error *e = git_error_last();
		if (e != NULL && e->klass == GIT_ERROR_NOMEMORY)
			xalloc_die(size);
		diag_report(s->d, DIAG_ERROR, f->path, 0, 0,
		            "cannot read this file from the repository: %s",
		            source_git_error());
		return -1;
	}
	size_t n = (size_t)git_blob_rawsize(blob);
	char *p = xmalloc(n + 1);
	memcpy(p, git_blob_rawcontent(blob), n);
	p[n] = '\0';
	git_blob_free(blob);
	*data = p;
	*len = n;
	return 0;
}

/* Folder files get their blob id on first use; see the top comment. */
static void
ensure_hashed(source *s, size_t i)
{
	if (s->is_git || s->hash_state[i] != HASH_PENDING)
		return;
	char *data = NULL;
	size_t len = 0;
	git_oid oid;
	s->hash_state[i] = HASH_FAILED;
	if (read_disk(s, s->files[i].path, &data, &len) == 0 &&
	    git_odb_hash(&oid, data, len, GIT_OBJECT_BLOB) == 0) {
		git_oid_tostr(s->files[i].id, sizeof(s->files[i].id), &oid);
		s->hash_state[i] = HASH_DONE;
	}
	free(data);
}

/* Index of path in the sorted array files[0..n), or SIZE_MAX. */
static size_t
find_in(const source_file *files, size_t n, const char *path)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(files[mid].path, path);
		if (c == 0)
			return mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return SIZE_MAX;
}

/* Index of path in the source's array (listed first if it was not). */
static size_t
find_index(source *s, const char *path)
{
	if (ensure_listed(s) < 0)
		return SIZE_MAX;
	return find_in(s->files, s->n, path);
}

size_t
source_links(const source *s, const source_file **links)
{
	*links = s->links;
	return s->nlinks;
}

bool
source_is_link(source *s, const char *path)
{
	if (!s->is_git) {
		struct stat st;
		buf full = BUF_INIT;
		buf_printf(&full, "%s%s%s", s->root, *s->root ? "/" : "", path);
		bool link = lstat(full.data, &st) == 0 && S_ISLNK(st.st_mode);
		buf_free(&full);
		return link;
	}
	git_tree_entry *e = NULL;
	if (s->tree == NULL || git_tree_entry_bypath(&e, s->tree, path) != 0) {
		git_error_clear();
		return false;
	}
	bool link = git_tree_entry_filemode(e) == GIT_FILEMODE_LINK;
	git_tree_entry_free(e);
	return link;
}

bool
source_exists(source *s, const char *path)
{
	if (!s->is_git) {
		struct stat st;
		buf full = BUF_INIT;
		buf_printf(&full, "%s%s%s", s->root, *s->root ? "/" : "", path);
		bool there = lstat(full.data, &st) == 0;
		buf_free(&full);
		return there;
	}
	git_tree_entry *e = NULL;
	bool there =
	    s->tree != NULL && git_tree_entry_bypath(&e, s->tree, path) == 0;
	git_tree_entry_free(e);
	git_error_clear();
	return there;
}

const source_file *
source_find(source *s, const char *path)
{
	struct part *p = s->lazy ? part_of(s, path) : NULL;
	if (p != NULL) {
		size_t k = find_in(p->files, p->n, path);
		return k != SIZE_MAX ? &p->files[k] : NULL;
	}
	size_t i = find_index(s, path);
	if (i == SIZE_MAX)
		return NULL;
	ensure_hashed(s, i);
	return &s->files[i];
}

/* A linear search, but only for a name with accents that source_find()
 * missed (a link being reported missing, most often). */
const source_file *
source_find_composed(source *s, const char *path)
{
	const source_file *f = source_find(s, path);
	if (f != NULL || !utf8_beyond_ascii(path) || ensure_listed(s) < 0)
		return f;
	buf want = BUF_INIT, name = BUF_INIT;
	utf8_put_nfc(&want, path, strlen(path));
	for (size_t i = 0; i < s->n && f == NULL; i++) {
		const char *p = s->files[i].path;
		if (!utf8_beyond_ascii(p))
			continue;
		buf_reset(&name);
		utf8_put_nfc(&name, p, strlen(p));
		if (name.len == want.len &&
		    memcmp(name.data, want.data, want.len) == 0)
			f = source_find(s, p);
	}
	buf_free(&want);
	buf_free(&name);
	return f;
}

/*
 * First index whose path, cut to the key's length, compares above
 * (upper) or not below (!upper) the key: the paths starting with "dir/"
 * are contiguous in byte order, so two searches bound them.
 */
static size_t
bound(const source_file *files, size_t n, const char *key, size_t klen,
      bool upper)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strncmp(files[mid].path, key, klen);
		if (c < 0 || (upper && c == 0))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

int
source_list(source *s, const char *prefix, const source_file **files, size_t *n)
{
	buf key = BUF_INIT;
	*files = NULL;
	*n = 0;
	if (canon_path(prefix != NULL ? prefix : "", &key) < 0) {
		buf_free(&key);
		return -1;
	}
	if (key.len > 0)
		buf_putc(&key, '/');
	struct part *p = s->lazy && key.len > 0 ? list_part(s, key.data) : NULL;
	if (p != NULL) {
		size_t lo = bound(p->files, p->n, key.data, key.len, false);
		*files = p->files + lo;
		*n = bound(p->files, p->n, key.data, key.len, true) - lo;
		buf_free(&key);
		return 0;
	}
	if (ensure_listed(s) < 0) {
		buf_free(&key);
		return -1;
	}
	size_t lo = 0, hi = s->n;
	if (key.len > 0) {
		lo = bound(s->files, s->n, key.data, key.len, false);
		hi = bound(s->files, s->n, key.data, key.len, true);
	}
	buf_free(&key);
	for (size_t i = lo; i < hi; i++)
		ensure_hashed(s, i);
	*files = s->files + lo;
	*n = hi - lo;
	return 0;
}

size_t
source_file_size(source *s, const source_file *f)
{
	size_t i = f != NULL ? find_index(s, f->path) : SIZE_MAX;
	if (i == SIZE_MAX)
		return SOURCE_SIZE_UNKNOWN;
	source_file *sf = &s->files[i];
	git_odb *odb = NULL;
	git_oid oid;
	git_object_t type;
	size_t size;
	if (sf->size == SOURCE_SIZE_UNKNOWN && s->is_git &&
	    git_oid_fromstr(&oid, sf->id) == 0 &&
	    git_repository_odb(&odb, s->repo) == 0 &&
	    git_odb_read_header(&size, &type, odb, &oid) == 0)
		sf->size = size;
	git_odb_free(odb);
	return sf->size;
}

/* One file of a lazy source, found by its path alone (site.yaml, for
 * the theme's name): what the listing would give, symbolic links and
 * submodules left out. */
static int
read_lazy(source *s, const char *path, char **data, size_t *len)
{
	struct part *p = part_of(s, path);
	if (p != NULL) {
		size_t k = find_in(p->files, p->n, path);
		return k != SIZE_MAX ? read_blob(s, &p->files[k], data, len)
		                     : -1;
	}
	git_tree_entry *e = NULL;
	if (git_tree_entry_bypath(&e, s->tree, path) != 0) {
		git_error_clear();
		return -1;
	}
	bool file = git_tree_entry_type(e) == GIT_OBJECT_BLOB &&
	            git_tree_entry_filemode(e) != GIT_FILEMODE_LINK;
	source_file f = {path, "", SOURCE_SIZE_UNKNOWN};
	git_oid_tostr(f.id, sizeof(f.id), git_tree_entry_id(e));
	git_tree_entry_free(e);
	return file ? read_blob(s, &f, data, len) : -1;
}

int
source_read(source *s, const char *path, char **data, size_t *len)
{
	size_t ignored;
	if (len == NULL)
		len = &ignored;
	*data = NULL;
	*len = 0;
	if (s->lazy)
		return read_lazy(s, path, data, len);
	size_t i = find_index(s, path);
	if (i == SIZE_MAX)
		return -1;
	if (!s->is_git)
		return read_disk(s, path, data, len);
	return read_blob(s, &s->files[i], data, len);
}

/* A folder source's work tree (NULL outside one), opened once: only
 * a site with a photo or a linked file asks. */
static git_repository *
worktree_of(source *s)
{
	if (s->is_git || s->worktree_tried)
		return s->worktree;
	s->worktree_tried = true;
	if (git_repository_open_ext(&s->worktree, s->root,
	                            GIT_REPOSITORY_OPEN_NO_SEARCH, NULL) != 0 ||
	    git_repository_workdir(s->worktree) == NULL) {
		git_error_clear();
		git_repository_free(s->worktree);
		s->worktree = NULL;
	}
	return s->worktree;
}

/* Whether git commits path through git LFS: its attribute filter=lfs,
 * and git lfs installed as that filter (without it, git commits the
 * file itself, attribute or not). */
static bool
lfs_filtered(git_repository *repo, const char *path)
{
	const char *v = NULL;
	if (git_attr_get(&v, repo, 0, path, "filter") != 0 ||
	    git_attr_value(v) != GIT_ATTR_VALUE_STRING ||
	    strcmp(v, "lfs") != 0) {
		git_error_clear();
		return false;
	}
	git_config *c = NULL;
	const char *cmd;
	bool on = git_repository_config_snapshot(&c, repo) == 0 &&
	          (git_config_get_string(&cmd, c, "filter.lfs.process") == 0 ||
	           git_config_get_string(&cmd, c, "filter.lfs.clean") == 0);
	git_error_clear();
	git_config_free(c);
	return on;
}

source_lfs
source_lfs_of(source *s, const char *path)
{
	const source_file *f = source_find(s, path);
	if (f == NULL)
		return SOURCE_LFS_NO;
	size_t size = source_file_size(s, f);
	if (size != SOURCE_SIZE_UNKNOWN && size < FILETYPE_LFS_MAX) {
		char *data;
		size_t len;
		bool ptr = source_read(s, path, &data, &len) == 0 &&
		           filetype_is_lfs_pointer(data, len);
		free(data);
		if (ptr)
			return SOURCE_LFS_POINTER;
	}
	git_repository *wt = worktree_of(s);
	return wt != NULL && lfs_filtered(wt, path) ? SOURCE_LFS_TRACKED
	                                            : SOURCE_LFS_NO;
}

int
source_lfs_refuse(source *s, const char *path, diag *d)
{
	switch (source_lfs_of(s, path)) {
	case SOURCE_LFS_NO: return 0;
	case SOURCE_LFS_POINTER:
		diag_report(d, DIAG_ERROR, path, 0, 0,
		            "this file is a git LFS pointer: what it stands "
		            "for is not in the repository, and fabrique reads "
		            "the site from git; turn LFS off for this site "
		            "(git lfs untrack, git lfs migrate export, see "
		            "docs/deploy.md)");
		break;
	case SOURCE_LFS_TRACKED:
		diag_report(d, DIAG_ERROR, path, 0, 0,
		            "git LFS keeps this file (filter=lfs in "
		            ".gitattributes): once committed, the repository "
		            "holds only a pointer to it, and fabrique reads "
		            "the site from git; turn LFS off for this site "
		            "(git lfs untrack, git lfs migrate export, see "
		            "docs/deploy.md)");
		break;
	}
	return -1;
}

/* Whether path is left out of the work tree on purpose: a sparse
 * checkout marks it skip-worktree in the index, and libgit2 1.5's diff
 * calls it deleted (git status does not). */
static bool
skipped_worktree(git_index *idx, const char *path)
{
	const git_index_entry *e =
	    idx != NULL ? git_index_get_bypath(idx, path, 0) : NULL;
	return e != NULL &&
	       (e->flags_extended & GIT_INDEX_ENTRY_SKIP_WORKTREE) != 0;
}

/* The changes of diff, fabrique's own files and the files a sparse
 * checkout leaves out left out. */
static int
count_deltas(git_repository *repo, git_diff *diff)
{
	int n = 0;
	git_index *idx = NULL;
	if (git_repository_index(&idx, repo) < 0)
		git_error_clear();
	for (size_t i = 0; i < git_diff_num_deltas(diff); i++) {
		const git_diff_delta *d = git_diff_get_delta(diff, i);
		if (d->status == GIT_DELTA_UNTRACKED
		        ? !gitclean_own_file(d->new_file.path)
		        : d->status != GIT_DELTA_DELETED ||
		              !skipped_worktree(idx, d->old_file.path))
			n++;
	}
	git_index_free(idx);
	return n;
}

/*
 * Compares the built commit's tree with the work tree through the index,
 * as "git status" would against that commit: modified, staged, deleted
 * and untracked files count (each file of an untracked folder too),
 * ignored ones do not.  The prefix is taken literally, not as a glob.
 * repo: s's repository, or another handle on it (see source_dirty).
 */
static int
count_uncommitted(source *s, git_repository *repo, const char *prefix)
{
	buf path = BUF_INIT;
	if (canon_path(prefix != NULL ? prefix : "", &path) < 0) {
		buf_free(&path);
		return -1;
	}
	git_diff_options o;
	git_diff_options_init(&o, GIT_DIFF_OPTIONS_VERSION);
	o.flags = GIT_DIFF_INCLUDE_UNTRACKED | GIT_DIFF_RECURSE_UNTRACKED_DIRS |
	          GIT_DIFF_DISABLE_PATHSPEC_MATCH;
	/* A submodule (a theme kept so, submodule.h) is no file an editor
	 * commits: its checkout moved is not "uncommitted" (--worktree
	 * would not be the fix), and looking it up makes libgit2 1.5 leave
	 * a regular expression's match data allocated. */
	o.ignore_submodules = GIT_SUBMODULE_IGNORE_ALL;
	char *spec[1] = {path.data};
	if (path.len > 0) {
		o.pathspec.strings = spec;
		o.pathspec.count = 1;
	}
	git_diff *diff = NULL;
	int n = -1;
	/* Uncommitted means "not in HEAD", whatever --ref builds: with
	 * --ref v1, the work tree's differences from v1 are commits, not
	 * edits waiting for one. */
	git_object *head = NULL;
	if (git_revparse_single(&head, repo, "HEAD^{tree}") == 0 &&
	    gitclean_sure(repo, (git_tree *)head, buf_cstr(&path)))
		n = 0; /* the usual case, told from stat data (gitclean.h) */
	else if (head != NULL && git_diff_tree_to_workdir_with_index(
	                             &diff, repo, (git_tree *)head, &o) == 0)
		n = count_deltas(repo, diff);
	else
		diag_report(s->d, DIAG_WARNING, s->root, 0, 0,
		            "cannot compare the work tree with %s: %s",
		            s->describe, source_git_error());
	git_diff_free(diff);
	git_object_free(head);
	buf_free(&path);
	return n;
}

int
source_uncommitted(source *s, const char *prefix)
{
	if (!s->is_git || git_repository_is_bare(s->repo))
		return -1;
	return count_uncommitted(s, s->repo, prefix);
}

struct source_dirty {
	source *s;
	char *prefix;
	char *gitdir, *workdir;
	pthread_t t;
	bool threaded;
	bool counted; /* else counted by source_uncommitted_finish() */
	int n;
};

/* The thread: its own handle on the repository, since libgit2's objects
 * may not be used by two threads at once and the build goes on with
 * s->repo meanwhile.  Opened from s's git folder, as s's was found (a
 * work tree elsewhere, core.worktree, a linked work tree): if it does
 * not see the same work tree, s->repo counts later instead. */
static void *
dirty_thread(void *arg)
{
	source_dirty *w = arg;
	git_repository *repo = NULL;
	const char *wd;
	if (git_repository_open_ext(&repo, w->gitdir,
	                            GIT_REPOSITORY_OPEN_NO_SEARCH, NULL) == 0 &&
	    (wd = git_repository_workdir(repo)) != NULL &&
	    strcmp(wd, w->workdir) == 0) {
		w->n = count_uncommitted(w->s, repo, w->prefix);
		w->counted = true;
	}
	git_error_clear();
	git_repository_free(repo);
	return NULL;
}

source_dirty *
source_uncommitted_start(source *s, const char *prefix)
{
	if (!s->is_git || git_repository_is_bare(s->repo) ||
	    git_repository_workdir(s->repo) == NULL)
		return NULL;
	source_dirty *w = xcalloc(1, sizeof(*w));
	w->s = s;
	w->n = -1;
	w->prefix = xstrdup(prefix != NULL ? prefix : "");
	w->gitdir = xstrdup(git_repository_path(s->repo));
	w->workdir = xstrdup(git_repository_workdir(s->repo));
	w->threaded = pthread_create(&w->t, NULL, dirty_thread, w) == 0;
	return w;
}

int
source_uncommitted_finish(source_dirty *w)
{
	if (w == NULL)
		return -1;
	if (w->threaded)
		pthread_join(w->t, NULL);
	int n =
	    w->counted ? w->n : count_uncommitted(w->s, w->s->repo, w->prefix);
	free(w->prefix);
	free(w->gitdir);
	free(w->workdir);
	free(w);
	return n;
}

const char *
source_site_path(const source *s)
{
	return s->site_path;
}

const char *
source_commit(const source *s)
{
	return s->is_git ? s->commit_hex : NULL;
}

long long
source_commit_time(const source *s)
{
	return s->is_git ? s->commit_time : 0;
}

const char *
source_describe(const source *s)
{
	return s->describe;
}

const char *
source_workdir(const source *s)
{
	return s->root;
}

/* Only reads what never changes once s is open (the git folder's path,
 * the work tree's), so it may run on another thread than s's.  The
 * work tree must be the same (history.c reads .mailmap from it). */
git_repository *
source_repo_reopen(const source *s)
{
	git_repository *repo = NULL;
	if (!s->is_git || s->repo == NULL)
		return NULL;
	const char *wd = NULL;
	if (git_repository_open_ext(&repo, git_repository_path(s->repo),
	                            GIT_REPOSITORY_OPEN_NO_SEARCH, NULL) < 0 ||
	    add_env_objects_to(repo) < 0 ||
	    ((wd = git_repository_workdir(repo)) == NULL) !=
	        (git_repository_workdir(s->repo) == NULL) ||
	    (wd != NULL && strcmp(wd, git_repository_workdir(s->repo)) != 0)) {
		git_error_clear();
		git_repository_free(repo);
		return NULL;
	}
	return repo;
}

struct source_reader {
	git_repository *repo;
	git_odb *odb;
};

source_reader *
source_reader_new(const source *s)
{
	git_repository *repo = source_repo_reopen(s);
	git_odb *odb = NULL;
	if (repo == NULL)
		return NULL;
	if (git_repository_odb(&odb, repo) != 0) {
		git_error_clear();
		git_repository_free(repo);
		return NULL;
	}
	source_reader *r = xcalloc(1, sizeof(*r));
	r->repo = repo;
	r->odb = odb;
	return r;
}

git_repository *
source_reader_repo(source_reader *r)
{
	return r->repo;
}

/* The size is read from the object's header first, as
 * source_file_size() does, so that a huge file is refused unread. */
int
source_reader_read(source_reader *r, const source_file *f, size_t max,
                   char **data, size_t *len)
{
	git_oid oid;
	git_object_t type;
	size_t size;
	git_odb_object *o = NULL;
	*data = NULL;
	*len = 0;
	if (r == NULL || git_oid_fromstr(&oid, f->id) != 0 ||
	    git_odb_read_header(&size, &type, r->odb, &oid) != 0 ||
	    type != GIT_OBJECT_BLOB) {
		git_error_clear();
		return -1;
	}
	if (size > max) {
		*len = size;
		return 1;
	}
	if (size >= STREAM_FROM && read_streamed(r->odb, &oid, data, len) == 0)
		return 0;
	if (git_odb_read(&o, r->odb, &oid) != 0) {
		git_error_clear();
		return -1;
	}
	size_t n = git_odb_object_size(o);
	char *p = xmalloc(n + 1);
	memcpy(p, git_odb_object_data(o), n);
	p[n] = '\0';
	git_odb_object_free(o);
	*data = p;
	*len = n;
	return 0;
}

/*
 * libgit2 keeps what it read: each pack's cache of delta bases (up to 16
 * MiB a pack, not a setting in libgit2 1.5: 6.5 MB once 10,000 pages are
 * read, held to the end of the build, where memory peaks), the parsed
 * trees and commits.  Loading is what needs them; the pack is shared by
 * every handle on the repository, so once the loading's readers are freed
 * this handle's is the last, and dropping its object database frees the
 * pack with its cache.  What is read later opens them again (the
 * objects' folders named by the environment added back, as at opening).
 */
void
source_drop_caches(source *s)
{
	if (!s->is_git || s->repo == NULL)
		return;
	(void)git_repository__cleanup(s->repo);
	(void)add_env_objects_to(s->repo);
	git_error_clear();
}

void
source_reader_free(source_reader *r)
{
	if (r == NULL)
		return;
	git_odb_free(r->odb);
	git_repository_free(r->repo);
	free(r);
}

git_repository *
source_repo(const source *s)
{
	return s->is_git ? s->repo : NULL;
}
