/*
 * deploy.c - release folders, the `current` link, keeping N, going back
 * (see deploy.h).
 *
 * The list of releases is a file rather than the folders' modification
 * times alone: it is what a rollback follows.  Every step leaves a state
 * that a rollback and the next publication accept, wherever the process
 * is killed (tests/integration/killpoints.sh kills it at each one):
 *
 *   1. build into a hidden temporary folder, renamed to releases/COMMIT;
 *   2. write the list with COMMIT appended (temporary file + rename);
 *   3. switch `current` (a new link renamed over the old one);
 *   4. remove releases beyond the last N (each renamed out of sight
 *      first, so none is ever half removed), write the list again.
 *
 * The list is read keeping only releases still on disk, and when it is
 * missing or lacks the current release it is derived from the folder
 * (releases in the order their folders were written, which is the order
 * of publication).
 *
 * Leftovers of a publication killed midway (a build's temporary folder,
 * a release being removed) are removed by the next one, under the lock,
 * when no other publication can be using them.
 */
#define _XOPEN_SOURCE 700

#include "deploy.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <dirent.h>

#include "arena.h"
#include "date.h"
#include "diag.h"
#include "fsutil.h"
#include "hash.h"
#include "msgcat.h"
#include "output.h"
#include "siteyaml.h"
#include "source.h"
#include "theme.h"
#include "xalloc.h"

#define LIST_FILE "releases.list"
#define HELD_FILE "rollbacks.list"
#define BUILT_FILE "releases.built"
#define MAX_RELEASES 4096

struct list {
	char *ids[MAX_RELEASES];
	size_t n;
};

static int
ensure_dir(const char *path, diag *d)
{
	if (mkdir(path, 0755) == 0 || errno == EEXIST)
		return 0;
	diag_report(d, DIAG_ERROR, path, 0, 0, "cannot create this folder: %s",
	            diag_errtext(d, errno));
	return -1;
}

/* Waits for any other publication into dir; the kernel releases the
 * lock when the process ends, even killed. */
static int
lock_dir(const char *dir, diag *d)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/.lock", dir);
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
	int rc = fd < 0 ? -1 : fcntl(fd, F_SETLKW, &fl);
	if (rc < 0) {
		diag_report(d, DIAG_ERROR, path, 0, 0,
		            "cannot lock the deploy folder: %s",
		            diag_errtext(d, errno));
		if (fd >= 0)
			close(fd);
		fd = -1;
	}
	return fd;
}

static int
rm_cb(const char *path, const struct stat *st, int flag, struct FTW *f)
{
	(void)st;
	(void)f;
	return (flag == FTW_DP ? rmdir(path) : unlink(path)) < 0 ? -1 : 0;
}

static int
rm_tree(const char *path)
{
	return nftw(path, rm_cb, 16, FTW_DEPTH | FTW_PHYS);
}

/* A release's name: the commit's id, and after a daily rebuild
 * (publish --today) the day it was built for, "<id>.2026-05-16". */
static bool
is_release_id(const char *s)
{
	size_t n = strspn(s, "0123456789abcdef");
	if (n != 40 && n != 64)
		return false;
	civil_date day;
	return s[n] == '\0' || (s[n] == '.' && date_parse(s + n + 1, &day));
}

/* ---- The list of releases -------------------------------------------- */

static void
list_free(struct list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->ids[i]);
	l->n = 0;
}

static bool
release_exists(const char *dir, const char *id, struct stat *st)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/releases/%s", dir, id);
	return lstat(path, st) == 0 && S_ISDIR(st->st_mode);
}

struct dated {
	char *id;
	struct timespec t;
};

static int
cmp_dated(const void *pa, const void *pb)
{
	const struct dated *a = pa, *b = pb;
	if (a->t.tv_sec != b->t.tv_sec)
		return a->t.tv_sec < b->t.tv_sec ? -1 : 1;
	if (a->t.tv_nsec != b->t.tv_nsec)
		return a->t.tv_nsec < b->t.tv_nsec ? -1 : 1;
	return strcmp(a->id, b->id);
}

/*
 * The list derived from the folder: every release, oldest first by the
 * time its folder was written.  A publication builds its release, then
 * switches to it, and a rollback removes the releases it leaves, so this
 * is the order of publication; it stands in for a list that is missing
 * or that a killed publication left without the current release.
 */
static void
list_derive(const char *dir, struct list *l)
{
	char rel[4096];
	snprintf(rel, sizeof(rel), "%s/releases", dir);
	struct dated *found = xcalloc(MAX_RELEASES, sizeof(*found));
	size_t n = 0;
	DIR *dh = opendir(rel);
	struct dirent *e;
	struct stat st;
	while (dh != NULL && (e = readdir(dh)) != NULL && n < MAX_RELEASES)
		if (is_release_id(e->d_name) &&
		    release_exists(dir, e->d_name, &st))
			found[n++] =
			    (struct dated){xstrdup(e->d_name), st.st_mtim};
	if (dh != NULL)
		closedir(dh);
	qsort(found, n, sizeof(*found), cmp_dated);
	list_free(l);
	for (size_t i = 0; i < n; i++)
		l->ids[l->n++] = found[i].id;
	free(found);
}

/*
 * Reads the list, keeping only releases still on disk (a killed rollback
 * may have removed some), and falls back on the folder's own order when
 * the list is missing or does not hold current.
 */
static int
list_read(const char *dir, const char *current, struct list *l)
{
	char path[4096], line[128];
	snprintf(path, sizeof(path), "%s/%s", dir, LIST_FILE);
	l->n = 0;
	FILE *f = fopen(path, "r");
	if (f == NULL && errno != ENOENT)
		return -1;
	bool has_current = false;
	struct stat st;
	while (f != NULL && fgets(line, sizeof(line), f) != NULL &&
	       l->n < MAX_RELEASES) {
		line[strcspn(line, "\r\n")] = '\0';
		if (!is_release_id(line) || !release_exists(dir, line, &st))
			continue;
		has_current = has_current ||
		              (current != NULL && strcmp(line, current) == 0);
		l->ids[l->n++] = xstrdup(line);
	}
	if (f != NULL)
		fclose(f);
	if (current != NULL && !has_current)
		list_derive(dir, l);
	return 0;
}

/* Writes l, one line each, to dir/name (LIST_FILE, HELD_FILE): a
 * temporary file renamed over the old one, so a reader finds the old
 * list or the new one. */
static int
list_write_to(const char *dir, const char *name, const struct list *l, diag *d)
{
	char tmp[4096], path[4096];
	snprintf(tmp, sizeof(tmp), "%s/.%s.tmp", dir, name);
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(tmp, "w");
	int rc = f != NULL ? 0 : -1;
	for (size_t i = 0; rc == 0 && i < l->n; i++)
		if (fprintf(f, "%s\n", l->ids[i]) < 0)
			rc = -1;
	if (f != NULL && (fflush(f) != 0 || fsync(fileno(f)) != 0))
		rc = -1;
	if (f != NULL && fclose(f) != 0)
		rc = -1;
	if (rc == 0 && rename(tmp, path) != 0)
		rc = -1;
	int e = errno;
	if (rc != 0)
		unlink(tmp);
	if (rc != 0 && outguard_errno_full(e))
		outguard_say_full(d, dir, dir, 0, 0);
	else if (rc != 0)
		diag_report(d, DIAG_ERROR, path, 0, 0,
		            "cannot write the list of releases: %s",
		            diag_errtext(d, e));
	return rc;
}

static int
list_write(const char *dir, const struct list *l, diag *d)
{
	return list_write_to(dir, LIST_FILE, l, d);
}

static void
list_remove(struct list *l, const char *id)
{
	size_t k = 0;
	for (size_t i = 0; i < l->n; i++) {
		if (strcmp(l->ids[i], id) == 0)
			free(l->ids[i]);
		else
			l->ids[k++] = l->ids[i];
	}
	l->n = k;
}

/* ---- The current link ------------------------------------------------ */

char *
deploy_current(const char *dir)
{
	char path[4096], target[4096];
	snprintf(path, sizeof(path), "%s/current", dir);
	ssize_t n = readlink(path, target, sizeof(target) - 1);
	if (n <= 0)
		return NULL;
	target[n] = '\0';
	const char *base = strrchr(target, '/');
	base = base != NULL ? base + 1 : target;
	return is_release_id(base) ? xstrdup(base) : NULL;
}

/* The live release, when its folder is still there; NULL, with *gone
 * set, when current names a folder deleted by hand: the site is down
 * then, and the release is built again rather than taken as live. */
static char *
live_release(const char *dir, bool *gone)
{
	struct stat st;
	char *current = deploy_current(dir);
	*gone = current != NULL && !release_exists(dir, current, &st);
	if (*gone) {
		free(current);
		return NULL;
	}
	return current;
}

/* A new link under a temporary name, renamed over the old one: the swap
 * is one rename(2), atomic for anyone following dir/current. */
static int
switch_current(const char *dir, const char *id, diag *d)
{
	char tmp[4096], path[4096], target[128];
	snprintf(tmp, sizeof(tmp), "%s/.current.tmp", dir);
	snprintf(path, sizeof(path), "%s/current", dir);
	snprintf(target, sizeof(target), "releases/%s", id);
	if (unlink(tmp) != 0 && errno != ENOENT)
		goto fail;
	if (symlink(target, tmp) != 0 || rename(tmp, path) != 0)
		goto fail;
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	return 0;
fail:
	diag_report(d, DIAG_ERROR, path, 0, 0,
	            "cannot switch the published site to %s: %s", target,
	            diag_errtext(d, errno));
	unlink(tmp);
	return -1;
}

/* ---- Rollbacks held -------------------------------------------------- */

/*
 * dir/rollbacks.list: the releases rollbacks took down, one line each,
 * "<release> <unix time of the rollback>".  The branch still names the
 * commit taken down until a new one is pushed, so without this record
 * the next publication of the branch (the nightly --today, a re-run)
 * would put it back live; publish keeps the rollback while it is asked
 * for one of these commits, and publishing any other commit clears the
 * record.  Written like the list of releases (temporary file, rename).
 */
static void
held_read(const char *dir, struct list *l)
{
	char path[4096], line[256];
	snprintf(path, sizeof(path), "%s/%s", dir, HELD_FILE);
	l->n = 0;
	FILE *f = fopen(path, "r");
	while (f != NULL && fgets(line, sizeof(line), f) != NULL &&
	       l->n < MAX_RELEASES) {
		line[strcspn(line, "\r\n")] = '\0';
		char *sp = strchr(line, ' ');
		if (sp == NULL)
			continue;
		*sp = '\0';
		bool ok = is_release_id(line);
		*sp = ' ';
		if (ok)
			l->ids[l->n++] = xstrdup(line);
	}
	if (f != NULL)
		fclose(f);
}

/* Length of the commit's id that begins release id (or a record). */
static size_t
commit_len(const char *id)
{
	return strspn(id, "0123456789abcdef");
}

/* The last record of a release of commit, or NULL. */
static const char *
held_find(const struct list *held, const char *commit)
{
	size_t n = strlen(commit);
	for (size_t i = held->n; i-- > 0;)
		if (commit_len(held->ids[i]) == n &&
		    strncmp(held->ids[i], commit, n) == 0)
			return held->ids[i];
	return NULL;
}

/* Whether release id itself (not only its commit) was taken down: the
 * day's rebuild rolled back back to the day before. */
static bool
held_release(const struct list *held, const char *id)
{
	size_t n = strlen(id);
	for (size_t i = 0; i < held->n; i++)
		if (strncmp(held->ids[i], id, n) == 0 && held->ids[i][n] == ' ')
			return true;
	return false;
}

/* Records release id as taken down now (build_clock()). */
static int
held_add(const char *dir, const char *id, diag *d)
{
	struct list held;
	held_read(dir, &held);
	char line[256];
	snprintf(line, sizeof(line), "%s %lld", id, build_clock());
	if (held.n < MAX_RELEASES)
		held.ids[held.n++] = xstrdup(line);
	int rc = list_write_to(dir, HELD_FILE, &held, d);
	list_free(&held);
	return rc;
}

/* A commit other than those taken down is live: the rollbacks are over.
 * Left in place if it cannot be removed: the next publication retries. */
static void
held_clear(const char *dir)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s", dir, HELD_FILE);
	unlink(path);
}

/* ---- What built each release ---------------------------------------- */

/*
 * This fabrique, as releases.built records what built a release: its
 * version and a digest of its binary's bytes.  The version number alone
 * stays 0.1.0 across months of fixes, and a binary with other code must
 * not be taken for the one that built the live site (a rebuilt binary
 * with the same code has the same bytes).  The theme a build reads is
 * recorded beside it (theme_used()).
 */
static void
built_by_self(char *out, size_t size)
{
	size_t len = 0;
	const char *p = fsutil_map_file("/proc/self/exe", &len);
	char h[HASH_HEX + 1] = "?";
	if (p != NULL) {
		hash_hex(p, len, h);
		fsutil_unmap(p, len);
	}
	snprintf(out, size, "fabrique %s (%.12s)", FABRIQUE_VERSION, h);
}

/* The words that part a record's fabrique from its theme. */
#define BUILT_THEME " theme "

/*
 * The theme a build of commit reads, as releases.built records it
 * ("theme" and a digest of its files' blob ids and paths,
 * theme_fingerprint()), with where it was found (theme_origin()) in
 * origin.  It is found as a build finds it: the site's overrides,
 * themes/NAME committed or a submodule, else $FABRIQUE_THEMES, beside
 * the program, installed.  An installed theme is updated apart from the
 * binary, with no commit: without this, its fixes never reached a site
 * until its next content commit.  A theme in the repository changes
 * only with a commit, which is a new release anyway.  Read before the
 * build: a theme changed meanwhile is recorded as it was, and the next
 * publication builds again, which is only slower.  "?" when it cannot
 * be read (the build says why).
 */
/* The theme's name and version, "commune 0.2.0", from its theme.yaml
 * (nom, version): what a webmaster knows a theme by, which a rollback
 * names; "" when it says neither. */
static void
theme_label(theme *t, char *out, size_t size)
{
	size_t len = 0;
	const char *text = theme_file(t, "theme.yaml", &len);
	*out = '\0';
	if (text == NULL)
		return;
	arena *a = arena_new();
	siteyaml sy;
	siteyaml_parse(a, "theme.yaml", arena_strndup(a, text, len), len, &sy);
	const char *nom =
	    sy.status == SITEYAML_OK ? siteyaml_string(&sy, "nom", NULL) : NULL;
	const char *v = sy.status == SITEYAML_OK
	                    ? siteyaml_string(&sy, "version", NULL)
	                    : NULL;
	if (nom != NULL && strspn(nom, " ") == 0 && strlen(nom) < 48)
		snprintf(out, size, "%s%s%s", nom, v != NULL ? " " : "",
		         v != NULL && strlen(v) < 24 ? v : "");
	for (char *c = out; *c; c++)
		if (*c == '\n' || *c == '\r')
			*c = ' ';
	arena_free(a);
}

static void
theme_used(const build_opts *o, const char *commit, char *out, size_t size,
           char *origin, size_t osize, char *label, size_t lsize)
{
	diag *quiet = diag_new("en");
	arena *a = arena_new();
	source *src = source_open_git(o->repo, o->site, commit, quiet);
	theme *t =
	    src != NULL ? theme_open_site_lazy(src, NULL, a, quiet) : NULL;
	char h[HASH_HEX + 1] = "?";
	snprintf(origin, osize, "?");
	*label = '\0';
	if (t != NULL) {
		theme_label(t, label, lsize);
		buf fp = BUF_INIT;
		theme_fingerprint(t, &fp);
		hash_hex(fp.data, fp.len, h);
		buf_free(&fp);
		snprintf(origin, osize, "%s", theme_origin(t));
	}
	theme_free(t);
	source_free(src);
	arena_free(a);
	diag_free(quiet);
	snprintf(out, size, "%.12s", h);
}

/* What built release id, from releases.built ("ID WHAT" lines, WHAT
 * the fabrique then, after BUILT_THEME, the theme's digest and its name
 * and version), into out, the theme's digest into th ("" when the
 * record has none: made before themes were recorded) and its name and
 * version into label, when not NULL ("": made before they were
 * recorded, or the theme says neither); false when nothing is recorded
 * (a release made by a fabrique older than the record, or killed before
 * it was written). */
static bool
built_read(const char *dir, const char *id, char *out, size_t size, char *th,
           size_t tsize, char *label, size_t lsize)
{
	char path[4096], line[512];
	snprintf(path, sizeof(path), "%s/%s", dir, BUILT_FILE);
	FILE *f = fopen(path, "r");
	bool found = false;
	size_t n = strlen(id);
	while (!found && f != NULL && fgets(line, sizeof(line), f) != NULL) {
		line[strcspn(line, "\r\n")] = '\0';
		found = strncmp(line, id, n) == 0 && line[n] == ' ';
		if (found)
			snprintf(out, size, "%s", line + n + 1);
	}
	if (f != NULL)
		fclose(f);
	char *at = found ? strstr(out, BUILT_THEME) : NULL;
	const char *rest = at != NULL ? at + strlen(BUILT_THEME) : "";
	const char *sp = strchr(rest, ' ');
	snprintf(th, tsize, "%.*s",
	         (int)(sp != NULL ? (size_t)(sp - rest) : strlen(rest)), rest);
	if (label != NULL)
		snprintf(label, lsize, "%s", sp != NULL ? sp + 1 : "");
	if (at != NULL)
		*at = '\0';
	return found;
}

/* Records that this fabrique (what) built release id, keeping the lines
 * of the other releases still on disk; written like the list (a
 * temporary file renamed over it). */
static int
built_record(const char *dir, const char *id, const char *what, diag *d)
{
	char path[4096], line[512];
	snprintf(path, sizeof(path), "%s/%s", dir, BUILT_FILE);
	struct list l = {.n = 0};
	FILE *f = fopen(path, "r");
	struct stat st;
	while (f != NULL && fgets(line, sizeof(line), f) != NULL &&
	       l.n + 1 < MAX_RELEASES) {
		line[strcspn(line, "\r\n")] = '\0';
		char *sp = strchr(line, ' ');
		if (sp == NULL)
			continue;
		*sp = '\0';
		bool keep = strcmp(line, id) != 0 && is_release_id(line) &&
		            release_exists(dir, line, &st);
		*sp = ' ';
		if (keep)
			l.ids[l.n++] = xstrdup(line);
	}
	if (f != NULL)
		fclose(f);
	snprintf(line, sizeof(line), "%s %s", id, what);
	l.ids[l.n++] = xstrdup(line);
	int rc = list_write_to(dir, BUILT_FILE, &l, d);
	list_free(&l);
	return rc;
}

/* ---- Keeping N -------------------------------------------------------- */

static bool
listed(const struct list *l, size_t from, const char *name)
{
	for (size_t i = from; i < l->n; i++)
		if (strcmp(l->ids[i], name) == 0)
			return true;
	return false;
}

/*
 * Removes release folders that are not among the last keep of the list,
 * except the current one, and leftovers of killed publications (hidden
 * names: a build's temporary folders).  Called under the lock.
 */
static void
prune(const char *dir, struct list *l, int keep, const char *current)
{
	size_t from = l->n > (size_t)keep ? l->n - (size_t)keep : 0;
	char rel[4096];
	snprintf(rel, sizeof(rel), "%s/releases", dir);
	DIR *dh = opendir(rel);
	struct dirent *e;
	while (dh != NULL && (e = readdir(dh)) != NULL) {
		const char *name = e->d_name;
		if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
			continue;
		bool hidden = name[0] == '.';
		if (!hidden && (listed(l, from, name) ||
		                (current && strcmp(name, current) == 0)))
			continue;
		if (!hidden && !is_release_id(name))
			continue; /* not ours: leave it */
		char path[8192], gone[8192];
		snprintf(path, sizeof(path), "%s/%s", rel, name);
		/* Out of sight first, in one rename: killed midway, a
		 * release is whole or a hidden leftover, never half gone. */
		snprintf(gone, sizeof(gone), "%s/.%s.removed", rel, name);
		if (!hidden && rename(path, gone) == 0)
			rm_tree(gone);
		else
			rm_tree(path);
	}
	if (dh != NULL)
		closedir(dh);
	/* The list keeps only what is on disk. */
	struct list kept = {.n = 0};
	for (size_t i = 0; i < l->n; i++)
		if (i >= from || (current && strcmp(l->ids[i], current) == 0))
			kept.ids[kept.n++] = l->ids[i];
		else
			free(l->ids[i]);
	memcpy(l->ids, kept.ids, kept.n * sizeof(*kept.ids));
	l->n = kept.n;
}

/* ---- Publishing ------------------------------------------------------ */

/* What publishing needs of the commit it publishes. */
struct resolved {
	char *commit;     /* its id, hex */
	char *zone;       /* the commune's time zone (site.yaml's fuseau) */
	long long when;   /* its commit time */
	const char *lang; /* its site's language (msgcat_lang()) */
};

static void
resolved_free(struct resolved *r)
{
	free(r->commit);
	free(r->zone);
	*r = (struct resolved){0};
}

/* The commune's time zone, site.yaml's fuseau, for the day in a
 * release's name (Europe/Paris, the default theme's default, when it
 * says none), and the site's language for publish's own lines.  Errors
 * in site.yaml are the build's to report. */
static void
site_conf(source *src, struct resolved *r)
{
	arena *a = arena_new();
	siteyaml sy;
	siteyaml_read(src, a, &sy);
	const char *tz = siteyaml_string(&sy, "fuseau", NULL);
	r->zone = xstrdup(tz != NULL ? tz : DATE_ZONE_DEFAULT);
	r->lang = msgcat_lang(siteyaml_lang(&sy));
	arena_free(a);
}

/* The commit ref names, resolved once so that the folder's name and
 * what is built inside cannot differ if the branch moves meanwhile.
 * False (said in d) when it cannot be read. */
static bool
resolve_commit(const build_opts *o, const char *ref, struct resolved *r,
               diag *d)
{
	*r = (struct resolved){0};
	source *src = source_open_git(o->repo, o->site, ref, d);
	if (src == NULL)
		return false;
	r->commit = xstrdup(source_commit(src));
	site_conf(src, r);
	r->when = source_commit_time(src);
	source_free(src);
	return true;
}

/*
 * The files added by hand to the release now live (current, when there
 * is one) are carried into the new release, told from fabrique's own by
 * the record of current's build, as a build into one folder keeps them
 * (build.h, carry_from): without it they would leave the site at the
 * next push.
 */
static enum build_status
build_release(const build_opts *o, const char *dir, const char *id,
              const char *commit, const char *current, diag *d)
{
	build_opts b = *o;
	char out[4096], from[4096];
	snprintf(out, sizeof(out), "%s/releases/%s", dir, id);
	snprintf(from, sizeof(from), "%s/releases/%s", dir,
	         current != NULL ? current : "");
	b.out = out;
	b.carry_from = current != NULL ? from : NULL;
	/* The live release built again (publish_locked()): a build over
	 * its own previous site, swapped whole, keeps what the webmaster
	 * added to it as any build into one folder does. */
	if (current != NULL && strcmp(current, id) == 0) {
		b.carry_from = NULL;
		b.atomic = true;
	}
	b.ref = commit;
	/* a daily release built again (an upgrade) is as of the clock's
	 * day, as its first build was, even from a publish without --today */
	b.today = o->today || strchr(id, '.') != NULL;
	b.worktree = false;
	b.check_only = false;
	return build_run(&b, d);
}

/*
 * Builds id (commit's release) into its folder and switches current to
 * it; when id is already current (a racing push published it first, a
 * killed publication got that far, or today's rebuild was done), only
 * the list and the keeping of N are brought up to date, unless again
 * asks to build it anew (another fabrique built it, or --full): then
 * its folder is replaced in one swap (output.c), the link unchanged.
 * What built it (self) is recorded (releases.built).
 */
static enum build_status
publish_locked(const build_opts *o, const char *dir, int keep, const char *id,
               const char *commit, const char *self, bool again, diag *d)
{
	struct list l = {.n = 0};
	bool gone;
	char *current = live_release(dir, &gone);
	bool same = current != NULL && strcmp(current, id) == 0;
	if (list_read(dir, current, &l) != 0) {
		diag_report(d, DIAG_ERROR, dir, 0, 0, "cannot read %s: %s",
		            LIST_FILE, diag_errtext(d, errno));
		free(current);
		return BUILD_OUTPUT;
	}
	prune(dir, &l, (int)l.n + 1, current); /* leftovers only */
	bool build = !same || again;
	enum build_status st =
	    build ? build_release(o, dir, id, commit, current, d) : BUILD_OK;
	/* Listed before the switch: killed between the two, the list holds
	 * one release more than was published, which a rollback or the next
	 * publication simply drops; never a current that is not listed. */
	if (st == BUILD_OK) {
		list_remove(&l, id);
		if (l.n < MAX_RELEASES)
			l.ids[l.n++] = xstrdup(id);
		if (!same && (list_write(dir, &l, d) != 0 ||
		              switch_current(dir, id, d) != 0))
			st = BUILD_OUTPUT;
	}
	if (st == BUILD_OK) {
		prune(dir, &l, keep < 1 ? 1 : keep, id);
		if (list_write(dir, &l, d) != 0)
			st = BUILD_OUTPUT;
	}
	/* Last, once the releases no longer kept are gone (their lines go
	 * with them): killed before, the live release has no record and
	 * the next publication builds it again, which is only slower. */
	if (st == BUILD_OK && build && built_record(dir, id, self, d) != 0)
		st = BUILD_OUTPUT;
	list_free(&l);
	free(current);
	return st;
}

/* The release's name: the commit, and with o->today the day too (the
 * commune's, in its zone, as the build takes it), so that a commit
 * already live is built again once the day has changed (sign-up
 * deadlines, past workshops, announcements' end dates).  On the commit's
 * own day it is the commit alone: a build without --today takes that
 * day, so the nightly --today of the day of a push found the push's
 * release live instead of making a second one of the same day. */
static char *
release_id(const build_opts *o, const char *commit, const char *zone,
           long long when)
{
	if (!o->today)
		return xstrdup(commit);
	civil_date day = date_day_in_zone(zone, build_clock());
	if (date_cmp(day, date_day_in_zone(zone, when)) == 0)
		return xstrdup(commit);
	char s[128];
	snprintf(s, sizeof(s), "%s.%04d-%02d-%02d", commit, day.year, day.month,
	         day.day);
	return xstrdup(s);
}

/*
 * The commit is resolved under the lock: when two pushes race, their
 * post-receive hooks may run in either order, and each publishes what
 * the branch holds by then, so the last one leaves the branch's head
 * published, never an older commit over a newer one.
 */
/*
 * The deploy folder as it is always named (realpath()): /srv/site,
 * /srv/./site/ and a symbolic link to it are one folder, with one lock
 * and one record of the live release's build (the cache names a record
 * by its folder's path).  As typed when it does not exist yet.  The
 * caller frees it.
 */
static char *
real_dir(const char *dir)
{
	char *real = realpath(dir, NULL);
	return real != NULL ? real : xstrdup(dir);
}

/*
 * What publishing a commit taken down by a rollback does: the live
 * release stays.  With --today its commit is built again as of today
 * (what --today does for any live release), unless that is a release
 * taken down (that day's rebuild, rolled back).  When live's folder was
 * deleted by hand, live is built again.  Otherwise live itself is
 * returned, which the caller builds again only when another fabrique
 * or another theme built it (an upgrade's fixes reach a site held back
 * too, as they reach any live release), else leaves as it is.
 * Returns the release, with *r its commit, or NULL to leave current as
 * it is (*r then freed by the caller).
 */
static char *
held_target(const build_opts *o, const char *live, bool gone,
            const struct list *held, struct resolved *r)
{
	char ref[72];
	snprintf(ref, sizeof(ref), "%.*s", (int)commit_len(live), live);
	diag *quiet = diag_new("en"); /* gone from the repository: kept */
	bool ok = resolve_commit(o, ref, r, quiet);
	diag_free(quiet);
	if (!ok)
		return NULL;
	if (gone || !o->today)
		return xstrdup(live);
	char *id = release_id(o, r->commit, r->zone, r->when);
	if (strcmp(id, live) != 0 && held_release(held, id)) {
		free(id);
		return NULL;
	}
	return id;
}

/* The one line saying a publication kept a rollback: when, in the
 * commune's day, and what undoes it. */
static void
say_held(const char *dir, const char *record, const char *zone, diag *d)
{
	const char *at = strchr(record, ' ');
	civil_date day =
	    date_day_in_zone(zone, at != NULL ? atoll(at + 1) : build_clock());
	char s[16];
	snprintf(s, sizeof(s), "%04d-%02d-%02d", day.year, day.month, day.day);
	fprintf(stderr,
	        diag_tr(d, "fabrique: %s/current was rolled back from %.7s on "
	                   "%s; push a new commit to publish again\n"),
	        dir, record, s);
}

/* The live release's state after a publication, in one line. */
static void
say_published(const char *dir, const char *id, bool gone, bool same, bool quiet,
              diag *d)
{
	if (gone)
		fprintf(stderr,
		        diag_tr(d,
		                "fabrique: %s/current named a release whose "
		                "folder had been deleted: the site was down; "
		                "%.7s is published again\n"),
		        dir, id);
	else if (!quiet)
		fprintf(
		    stderr,
		    diag_tr(d, same ? "fabrique: %s/current is already %.7s\n"
		                    : "fabrique: %s/current is now %.7s\n"),
		    dir, id);
}

/* What builds a release now, and what built the live one. */
struct builders {
	char self[160];     /* this fabrique (built_by_self()) */
	char theme[64];     /* the theme a build reads now (theme_used()) */
	char label[128];    /* its name and version (theme_label()) */
	char origin[512];   /* where that theme is (theme_origin()) */
	char record[400];   /* both, as releases.built records them */
	char was[512];      /* the fabrique that built live ("": unknown) */
	char was_theme[64]; /* the theme it read ("": not recorded) */
};

/*
 * Whether live release id, already what the ref names, is built again:
 * by another fabrique (an upgrade brings its fixes to the site without
 * waiting for a content commit), or by none recorded (a fabrique older
 * than the record), or with another theme (one installed apart from the
 * binary, updated since), or because --full asks.  b->was and
 * b->was_theme get what built it.
 */
static bool
rebuild_live(const build_opts *o, const char *dir, const char *id,
             struct builders *b)
{
	if (!built_read(dir, id, b->was, sizeof(b->was), b->was_theme,
	                sizeof(b->was_theme), NULL, 0))
		*b->was = *b->was_theme = '\0';
	return o->full || strcmp(b->was, b->self) != 0 ||
	       strcmp(b->was_theme, b->theme) != 0;
}

/* The line saying why the live release was built again: the fabrique
 * first, as a new one may bring a new theme with it. */
static void
say_rebuilt(const char *dir, const char *id, const struct builders *b, diag *d)
{
	if (*b->was == '\0')
		fprintf(stderr,
		        diag_tr(d, "fabrique: %s/current (%.7s) was built by "
		                   "an earlier fabrique, which kept no record "
		                   "of its version; rebuilt with %s\n"),
		        dir, id, b->self);
	else if (strcmp(b->was, b->self) != 0)
		fprintf(stderr,
		        diag_tr(d, "fabrique: %s/current (%.7s) was built by "
		                   "%s; rebuilt with %s\n"),
		        dir, id, b->was, b->self);
	else if (strcmp(b->was_theme, b->theme) != 0)
		fprintf(stderr,
		        diag_tr(d, "fabrique: %s/current (%.7s) rebuilt: the "
		                   "theme changed since the build of %.7s "
		                   "(%s)\n"),
		        dir, id, id, b->origin);
	else
		fprintf(stderr,
		        diag_tr(d, "fabrique: %s/current (%.7s) rebuilt in "
		                   "full with %s (--full)\n"),
		        dir, id, b->self);
}

/* This fabrique and the theme a build of commit reads (struct
 * builders); the record is written only once the build succeeded. */
static void
builders_now(const build_opts *o, const char *commit, struct builders *b)
{
	built_by_self(b->self, sizeof(b->self));
	theme_used(o, commit, b->theme, sizeof(b->theme), b->origin,
	           sizeof(b->origin), b->label, sizeof(b->label));
	snprintf(b->record, sizeof(b->record), "%s" BUILT_THEME "%s%s%s",
	         b->self, b->theme, *b->label ? " " : "", b->label);
}

/*
 * The release to publish and its commit (*r): the one the ref names,
 * or, while a rollback holds that commit back (rollbacks.list), the
 * live release (held_target()), which *record then names.
 */
static char *
publish_target(const build_opts *o, const char *dir, const char *live,
               bool gone, const struct resolved *head, const char **record,
               struct list *held, struct resolved *r)
{
	held_read(dir, held);
	*record = live != NULL ? held_find(held, head->commit) : NULL;
	if (*record != NULL)
		return held_target(o, live, gone, held, r);
	*r = (struct resolved){xstrdup(head->commit), NULL, 0, NULL};
	return release_id(o, head->commit, head->zone, head->when);
}

/*
 * Under the lock: the commit the ref names, or the live release while a
 * rollback holds it back (publish_target()); the live release is built
 * again when what built it differs (rebuild_live()), held back or not.
 * Its lines are in the site's language when the environment names none,
 * as build_run() sets it (the hooks keep their own choice: keep_lang): a
 * publish with nothing to build (already live, a rollback held) would
 * otherwise speak English under C.UTF-8 and cron (0ed7546).
 */
static enum build_status
publish_held_or_not(const build_opts *o, const char *dir, int keep, diag *d)
{
	struct resolved head, r = {0};
	if (!resolve_commit(o, o->ref, &head, d))
		return BUILD_SOURCE;
	if (!o->keep_lang && !msgcat_env_names_lang())
		diag_set_lang(d, head.lang);
	struct list held;
	const char *record;
	char *live = deploy_current(dir);
	bool gone;
	char *current = live_release(dir, &gone);
	char *id =
	    publish_target(o, dir, live, gone, &head, &record, &held, &r);
	bool same = id != NULL && current != NULL && strcmp(id, current) == 0;
	struct builders b = {0};
	if (id != NULL)
		builders_now(o, r.commit, &b);
	bool again = same && rebuild_live(o, dir, id, &b);
	if (same && !again && record != NULL) { /* held, nothing to do */
		free(id);
		id = NULL;
	}
	enum build_status st =
	    id != NULL
	        ? publish_locked(o, dir, keep, id, r.commit, b.record, again, d)
	        : BUILD_OK;
	if (st == BUILD_OK && record == NULL)
		held_clear(dir);
	diag_flush(d, stderr);
	if (st == BUILD_OK && again)
		say_rebuilt(dir, id, &b, d);
	else if (st == BUILD_OK && id != NULL)
		say_published(dir, id, gone, same, o->quiet, d);
	if (st == BUILD_OK && record != NULL)
		say_held(dir, record, head.zone, d);
	free(id);
	free(current);
	free(live);
	list_free(&held);
	resolved_free(&r);
	resolved_free(&head);
	return st;
}

/* A first publication checks that there is a commit to publish before
 * making the deploy folder: run outside a repository (or with a --ref
 * that names nothing) it left an empty skeleton (.fabrique-site, .lock,
 * releases/) in a folder the webmaster then had to clean.  Under the
 * lock the commit is resolved again, as the branch may have moved. */
static bool
first_without_commit(const build_opts *o, const char *rel, diag *d)
{
	struct stat st;
	if (stat(rel, &st) == 0)
		return false;
	struct resolved r;
	bool ok = resolve_commit(o, o->ref, &r, d);
	resolved_free(&r);
	return !ok;
}

static enum build_status
publish_in(const build_opts *o, const char *dir, int keep, diag *d)
{
	char rel[4096], list[4096];
	snprintf(rel, sizeof(rel), "%s/releases", dir);
	snprintf(list, sizeof(list), "%s/" LIST_FILE, dir);
	if (first_without_commit(o, rel, d)) {
		diag_flush(d, stderr);
		return BUILD_SOURCE;
	}
	/* DIR is fabrique's: marked, empty, or a deploy folder written
	 * before the mark existed (it has the list). */
	if ((access(list, F_OK) != 0 && outguard_check_owned(dir, d) != 0) ||
	    outguard_check_kind(dir, "publish", d) != 0 ||
	    ensure_dir(dir, d) != 0 || outguard_mark(dir, d) != 0 ||
	    ensure_dir(rel, d) != 0) {
		diag_flush(d, stderr);
		return BUILD_OUTPUT;
	}
	int lock = lock_dir(dir, d);
	if (lock < 0) {
		diag_flush(d, stderr);
		return BUILD_OUTPUT;
	}
	enum build_status st = publish_held_or_not(o, dir, keep, d);
	close(lock);
	diag_flush(d, stderr);
	return st;
}

enum build_status
deploy_publish(const build_opts *o, const char *dir, int keep, diag *d)
{
	/* What is said before the commit is read (a folder fabrique did not
	 * write, the lock, no commit yet) in the site's language too, as
	 * publish_held_or_not() sets it from the commit's site.yaml. */
	if (!o->keep_lang && !msgcat_env_names_lang())
		diag_set_lang(d, build_site_lang(o));
	char *real = real_dir(dir);
	enum build_status st = publish_in(o, real, keep, d);
	free(real);
	return st;
}

/* ---- Going back ------------------------------------------------------ */

/*
 * The language of release id's site, as msgcat_lang() decides with the
 * environment: a deploy folder keeps no site.yaml, but every page says
 * its site's langue (<html lang="fr">, the theme's base template).
 */
static const char *
release_lang(const char *dir, const char *id)
{
	char path[4096], head[2048];
	snprintf(path, sizeof(path), "%s/releases/%s/index.html", dir, id);
	FILE *f = fopen(path, "rb");
	size_t n = f != NULL ? fread(head, 1, sizeof(head) - 1, f) : 0;
	if (f != NULL)
		fclose(f);
	head[n] = '\0';
	const char *at = strstr(head, "<html lang=\"");
	return msgcat_lang(at != NULL ? at + strlen("<html lang=\"") : NULL);
}

/*
 * After a rollback to target: when another fabrique built it (or one
 * older than the record), its service worker (sw.js) takes over the
 * residents' phones at their next visit, with that version's rules for
 * their offline copies; said, so the webmaster can publish again rather
 * than leave an older version live for long.
 */
static void
say_other_version(const char *dir, const char *target, diag *d)
{
	char self[160], was[512], th[64];
	built_by_self(self, sizeof(self));
	bool found =
	    built_read(dir, target, was, sizeof(was), th, sizeof(th), NULL, 0);
	if (found && strcmp(was, self) == 0)
		return;
	if (found)
		fprintf(stderr,
		        diag_tr(d,
		                "fabrique: warning: %.7s was built by %s, "
		                "not by this %s: its service worker takes "
		                "over residents' phones at their next visit; "
		                "publish a new commit soon to bring this "
		                "version's back\n"),
		        target, was, self);
	else
		fprintf(stderr,
		        diag_tr(d,
		                "fabrique: warning: %.7s was built by an "
		                "earlier fabrique, not by this %s: its older "
		                "service worker takes over residents' phones "
		                "at their next visit; publish a new commit "
		                "soon to bring this version's back\n"),
		        target, self);
}

/* A theme as a rollback names it: its name and version and its files'
 * digest ("commune 0.2.0 [1a2b3c4d5e6f]"), or the digest alone. */
static void
theme_said(char *out, size_t size, const char *label, const char *th)
{
	snprintf(out, size, "%s%s[%s]", label, *label ? " " : "",
	         *th ? th : "?");
}

/*
 * After a rollback from left to target: when another theme (or another
 * version of it, or other files of it) or another fabrique built
 * target, the rollback brings back that look and those pages, not only
 * that commit's content (addr25: it said nothing).  Said only when both
 * releases' records are there (an earlier fabrique's release is said by
 * say_other_version()).
 */
static void
say_what_returns(const char *dir, const char *target, const char *left, diag *d)
{
	char tw[512], tth[64], tl[128], lw[512], lth[64], ll[128];
	char ts[256], ls[256];
	if (!built_read(dir, target, tw, sizeof(tw), tth, sizeof(tth), tl,
	                sizeof(tl)) ||
	    !built_read(dir, left, lw, sizeof(lw), lth, sizeof(lth), ll,
	                sizeof(ll)) ||
	    (strcmp(tw, lw) == 0 && strcmp(tth, lth) == 0))
		return;
	theme_said(ts, sizeof(ts), tl, tth);
	theme_said(ls, sizeof(ls), ll, lth);
	fprintf(stderr,
	        diag_tr(d, "fabrique: warning: %.7s was built with the theme "
	                   "%s and %s; %.7s, taken down, with the theme %s "
	                   "and %s: the rollback brings back that theme's "
	                   "look and that fabrique's pages, not only that "
	                   "commit's content\n"),
	        target, ts, tw, left, ls, lw);
}

static enum build_status
rollback_locked(const char *dir, diag *d)
{
	struct list l = {.n = 0};
	char *current = deploy_current(dir);
	enum build_status st = BUILD_OUTPUT;
	size_t at = l.n;
	/* Nothing to go back to is no failure to write: a folder that is no
	 * deploy folder cannot be read as one (3), and with no earlier
	 * release the command does not apply (2, as for a usage error);
	 * both leave everything as it was. */
	if (current == NULL || list_read(dir, current, &l) != 0) {
		diag_report(d, DIAG_ERROR, dir, 0, 0,
		            "not a deploy folder: no current release to go "
		            "back from");
		st = BUILD_SOURCE;
		goto done;
	}
	for (at = 0; at < l.n && strcmp(l.ids[at], current) != 0; at++)
		;
	if (at == 0 || at == l.n) {
		diag_report(d, DIAG_ERROR, dir, 0, 0,
		            "no earlier release is kept to go back to from "
		            "%.7s",
		            current);
		st = BUILD_USAGE;
		goto done;
	}
	const char *target = l.ids[at - 1];
	/* Recorded first: killed before the switch, the record only keeps
	 * current as it is, where the other order would let the next
	 * publication put the release taken down back live. */
	if (held_add(dir, current, d) != 0 ||
	    switch_current(dir, target, d) != 0)
		goto done;
	while (l.n > at)
		free(l.ids[--l.n]);
	prune(dir, &l, (int)l.n, target);
	st = list_write(dir, &l, d) == 0 ? BUILD_OK : BUILD_OUTPUT;
	if (st == BUILD_OK)
		fprintf(stderr,
		        diag_tr(d, "fabrique: %s/current is back to %.7s; "
		                   "publishing %.7s again needs a new commit "
		                   "pushed (a fix, or git revert)\n"),
		        dir, target, current);
	if (st == BUILD_OK)
		say_what_returns(dir, target, current, d);
	if (st == BUILD_OK)
		say_other_version(dir, target, d);
done:
	list_free(&l);
	free(current);
	return st;
}

/*
 * True, after saying so, when dir is no deploy folder (it has no
 * current release): nothing to go back from.  Said before any lock is
 * taken.  A folder that does not exist is named as typed.
 */
static bool
not_deploy(const char *typed, const char *dir, diag *d)
{
	char *current = deploy_current(dir);
	bool found = current != NULL;
	free(current);
	if (found)
		return false;
	struct stat st;
	if (stat(dir, &st) != 0)
		diag_report(
		    d, DIAG_ERROR, typed, 0, 0,
		    "this folder does not exist; give the deploy folder "
		    "fabrique publish writes (its --out)");
	else
		diag_report(d, DIAG_ERROR, dir, 0, 0,
		            "not a deploy folder: no current release to go "
		            "back from");
	return true;
}

/* Takes the lock only once dir is known for a deploy folder: refused,
 * rollback writes nothing (a .lock left in a documents folder, or in a
 * repository, was committed by the next « git add -A »).  Frees dir. */
static enum build_status
rollback_in(char *dir, diag *d)
{
	int lock = lock_dir(dir, d);
	enum build_status st = BUILD_OUTPUT;
	if (lock >= 0) {
		st = rollback_locked(dir, d);
		close(lock);
	}
	diag_flush(d, stderr);
	free(dir);
	return st;
}

enum build_status
deploy_rollback(const char *typed, diag *d)
{
	char *dir = real_dir(typed);
	/* the live release's language, before the lock can be refused;
	 * with none, the one sites have by default, as init speaks it (a
	 * typo in DIR was answered in English, the same command on the
	 * deploy folder in French: outside tester 30) */
	char *current = deploy_current(dir);
	diag_set_lang(d, current != NULL ? release_lang(dir, current)
	                                 : msgcat_lang(SITEYAML_LANG));
	free(current);
	if (!not_deploy(typed, dir, d))
		return rollback_in(dir, d);
	diag_flush(d, stderr);
	free(dir);
	return BUILD_SOURCE;
}
