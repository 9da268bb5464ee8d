/*
 * outguard.c - what fabrique may replace, and the one line a full disk
 * gets (see outguard.h).
 *
 * Apart from output.c because these rules are shared: a build's output
 * and publish's deploy folder are guarded the same way, and say a full
 * disk in the same words.
 */
#define _GNU_SOURCE
#include "outguard.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "arena.h"
#include "buf.h"
#include "bytes.h"
#include "fsutil.h"

bool
outguard_errno_full(int e)
{
	return e == ENOSPC || e == EDQUOT;
}

/*
 * The one line a full disk gets, however many files failed: a build
 * writes hundreds of files, and a line each would bury what to do.
 * need is 0 when not known.  Free space is measured on the file system
 * of on (the output's parent: the output itself may not exist yet).
 */
void
outguard_say_full(diag *d, const char *dir, const char *on,
                  unsigned long long need, size_t rewritten)
{
	bool fr = strcmp(diag_lang(d), "fr") == 0;
	char nb[32], fb[32] = "?";
	struct statvfs sv;
	if (statvfs(on, &sv) == 0)
		bytes_size_text(fb, sizeof(fb),
		                (unsigned long long)sv.f_bavail * sv.f_frsize,
		                fr, " ");
	if (need > 0 && rewritten > 0)
		diag_report(
		    d, DIAG_ERROR, dir, 0, 0,
		    "the disk holding this folder is full: %s free are "
		    "needed for the %zu file(s) this update rewrites "
		    "(each new copy is written beside the old one, which "
		    "goes once all are written; a change of theme, of "
		    "site.yaml or of fabrique rewrites most pages), and "
		    "there are %s; free that much space (older "
		    "set-aside folders, other files on this disk), or "
		    "build into a folder on another disk; the previous "
		    "site is untouched",
		    bytes_size_text(nb, sizeof(nb), need, fr, " "), rewritten,
		    fb);
	else if (need > 0)
		diag_report(d, DIAG_ERROR, dir, 0, 0,
		            "the disk holding this folder is full: the new "
		            "site needs at least %s and %s are free; free some "
		            "space (or choose an output folder on another "
		            "disk) and build again; the previous site is "
		            "untouched",
		            bytes_size_text(nb, sizeof(nb), need, fr, " "), fb);
	else
		diag_report(d, DIAG_ERROR, dir, 0, 0,
		            "the disk holding this folder is full (%s free); "
		            "free some space (or choose an output folder on "
		            "another disk) and build again; the previous site "
		            "is untouched",
		            fb);
}

/*
 * A folder is replaced as a whole, so only a folder fabrique wrote may be:
 * one holding OUTGUARD_MARK at its root (written by every build and
 * publication), or an empty one.  Anything else is somebody's documents,
 * a repository, a home folder named by mistake: refused, naming what it
 * holds so the user sees what would have been lost.
 */
int
outguard_check_owned_at(int parentfd, const char *name, const char *shown,
                        diag *d)
{
	int fd = openat(parentfd, name,
	                O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	DIR *dir = fd >= 0 ? fdopendir(fd) : NULL;
	if (dir == NULL) {
		if (fd >= 0)
			close(fd);
		if (errno == ENOENT)
			return 0;
		diag_report(d, DIAG_ERROR, shown, 0, 0, "cannot read: %s",
		            diag_errtext(d, errno));
		return -1;
	}
	buf held = BUF_INIT;
	size_t n = 0;
	bool marked = false;
	struct dirent *e;
	while (!marked && (e = readdir(dir)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		marked = strcmp(e->d_name, OUTGUARD_MARK) == 0;
		if (n < 3)
			buf_printf(&held, "%s%s", n > 0 ? ", " : "", e->d_name);
		else if (n == 3)
			buf_puts(&held, ", …");
		n++;
	}
	closedir(dir);
	if (!marked && n > 0)
		diag_report(d, DIAG_ERROR, NULL, 0, 0,
		            "%s is not a site written by fabrique (it holds "
		            "%s); refusing to replace it; choose an empty "
		            "folder or remove it yourself",
		            shown, buf_cstr(&held));
	buf_free(&held);
	return marked || n == 0 ? 0 : -1;
}

/* dir/name exists; as a symbolic link only when link. */
static bool
has(const char *dir, const char *name, bool link)
{
	char p[4096];
	struct stat st;
	snprintf(p, sizeof(p), "%s/%s", dir, name);
	return lstat(p, &st) == 0 && (!link || S_ISLNK(st.st_mode));
}

int
outguard_check_kind(const char *dir, const char *what, diag *d)
{
	bool deploy =
	    has(dir, "releases.list", false) || has(dir, "current", true);
	if (strcmp(what, "build") == 0 && deploy) {
		diag_report(
		    d, DIAG_ERROR, dir, 0, 0,
		    "this is a deploy folder of fabrique publish "
		    "(releases/, current): a build here would take the "
		    "live site down; publish with fabrique publish --out "
		    "%s, or build into another folder",
		    dir);
		return -1;
	}
	if (strcmp(what, "publish") == 0 && !deploy &&
	    has(dir, OUTGUARD_MARK, false) && has(dir, "index.html", false)) {
		diag_report(
		    d, DIAG_ERROR, dir, 0, 0,
		    "this folder holds a site made by fabrique build: "
		    "publish would put releases/ and current among its "
		    "pages; publish into a new folder, and have the web "
		    "server serve its current/");
		return -1;
	}
	return 0;
}

int
outguard_check_owned(const char *dir, diag *d)
{
	return outguard_check_owned_at(AT_FDCWD, dir, dir, d);
}

/*
 * The absolute, symbolic-link-free form of path, which may not exist yet:
 * its longest existing ancestor goes through realpath(), the rest is
 * appended.  NULL when not even "/" resolves.  Caller frees.
 */
static char *
resolve(const char *path)
{
	char *r = realpath(path, NULL);
	if (r != NULL || errno != ENOENT)
		return r;
	char *copy = xstrdup(path);
	size_t n = strlen(copy);
	while (n > 1 && copy[n - 1] == '/')
		copy[--n] = '\0';
	char *slash = strrchr(copy, '/');
	const char *leaf = slash != NULL ? slash + 1 : copy;
	char *head = NULL;
	if (slash == NULL)
		head = realpath(".", NULL);
	else if (slash == copy)
		head = xstrdup("/");
	else {
		*slash = '\0';
		head = resolve(copy);
	}
	char *out = NULL;
	if (head != NULL && strcmp(leaf, "..") != 0 && strcmp(leaf, ".") != 0) {
		size_t hl = strlen(head);
		out = xmalloc(hl + strlen(leaf) + 2);
		sprintf(out, "%s%s%s", head,
		        hl > 0 && head[hl - 1] == '/' ? "" : "/", leaf);
	}
	free(head);
	free(copy);
	return out;
}

/* True if folder a is b or lies inside it (both resolved). */
static bool
within(const char *a, const char *b)
{
	size_t n = strlen(b);
	if (strcmp(b, "/") == 0)
		return true;
	return strncmp(a, b, n) == 0 && (a[n] == '\0' || a[n] == '/');
}

int
outguard_check_place(const char *out_dir, const char *const *keep,
                     const char *site, diag *d)
{
	char *out = resolve(out_dir);
	if (out == NULL)
		return 0; /* output_begin() says why it cannot be made */
	int rc = 0;
	for (size_t i = 0; rc == 0 && keep != NULL && keep[i] != NULL; i++) {
		char *k = resolve(keep[i]);
		if (k != NULL && within(k, out)) {
			diag_report(
			    d, DIAG_ERROR, NULL, 0, 0,
			    "the output folder %s holds %s, which "
			    "fabrique reads from; refusing to replace it; "
			    "choose a folder outside it, as in --out "
			    "public",
			    out_dir, keep[i]);
			rc = -1;
		}
		free(k);
	}
	char *s = rc == 0 && site != NULL ? resolve(site) : NULL;
	if (s != NULL && within(out, s)) {
		diag_report(d, DIAG_ERROR, NULL, 0, 0,
		            "the output folder %s lies inside the site folder "
		            "%s; choose a folder outside it",
		            out_dir, site);
		rc = -1;
	}
	free(s);
	free(out);
	return rc;
}

/* The name of user uid, else its number, in b. */
static const char *
user_name(uid_t uid, char *b, size_t n)
{
	struct passwd pw, *res = NULL;
	char tmp[1024];
	if (getpwuid_r(uid, &pw, tmp, sizeof(tmp), &res) == 0 && res != NULL)
		snprintf(b, n, "%s", res->pw_name);
	else
		snprintf(b, n, "%lu", (unsigned long)uid);
	return b;
}

bool
outguard_say_denied(diag *d, const char *dir, int err)
{
	if (err == EROFS) {
		diag_report(d, DIAG_ERROR, dir, 0, 0,
		            "cannot write in this folder: its disk is mounted "
		            "read-only; choose a folder on another disk");
		return true;
	}
	if (err != EACCES && err != EPERM)
		return false;
	struct stat st;
	char owner[64], me[64];
	user_name(geteuid(), me, sizeof(me));
	if (stat(dir, &st) != 0) {
		diag_report(d, DIAG_ERROR, dir, 0, 0,
		            "cannot write in this folder: fabrique runs as %s, "
		            "who may not write there; give that user the "
		            "folder, or choose one it can write",
		            me);
		return true;
	}
	user_name(st.st_uid, owner, sizeof(owner));
	diag_report(d, DIAG_ERROR, dir, 0, 0,
	            "cannot write in this folder: it belongs to %s and "
	            "fabrique runs as %s; give it to %s (as root: chown -R "
	            "%s: %s), or choose a folder %s can write",
	            owner, me, me, me, dir, me);
	return true;
}

int
outguard_mark(const char *dir, diag *d)
{
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	struct stat st;
	/* Written once: rewriting it each time could only lose it. */
	int rc = dfd < 0 ? -1
	         : fstatat(dfd, OUTGUARD_MARK, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	                 S_ISREG(st.st_mode)
	             ? 0
	             : outguard_write_mark(dfd);
	if (rc < 0 && outguard_errno_full(errno)) {
		outguard_say_full(d, dir, dir, 0, 0);
	} else if (rc < 0 && outguard_say_denied(d, dir, errno)) {
		/* said, with what to do */
	} else if (rc < 0) {
		diag_report(d, DIAG_ERROR, dir, 0, 0, "cannot write %s: %s",
		            OUTGUARD_MARK, diag_errtext(d, errno));
	}
	if (dfd >= 0)
		close(dfd);
	return rc;
}

/* The mark that says "fabrique wrote this folder; it may replace it". */
int
outguard_write_mark(int dirfd)
{
	static const char text[] =
	    "This folder was written by fabrique: each build rewrites the "
	    "site's pages and files here.\nEdit the site in git, not here. "
	    "Files you add by hand (.htaccess...) are kept: docs/deploy.md.\n"
	    "Ce dossier a été écrit par fabrique : chaque construction y "
	    "réécrit les pages et fichiers du site.\nModifiez le site dans "
	    "git, pas ici. Les fichiers ajoutés à la main (.htaccess...) sont "
	    "gardés : docs/deploy.md.\n";
	int fd =
	    openat(dirfd, OUTGUARD_MARK,
	           O_CREAT | O_TRUNC | O_WRONLY | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (fd < 0)
		return -1;
	int rc = fsutil_write_all(fd, text, sizeof(text) - 1);
	int e = errno;
	if (close(fd) < 0 && rc == 0)
		return -1;
	errno = e;
	return rc;
}
