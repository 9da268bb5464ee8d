/*
 * cachedir.c - see cachedir.h.
 */
#include "cachedir.h"

#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "arena.h"
#include "buf.h"

/* The folder git keeps for the repository holding start: its common
 * folder, shared by linked work trees, so they share one cache too. */
static char *
git_cache(const char *start, unsigned flags)
{
	git_repository *r = NULL;
	if (start == NULL ||
	    git_repository_open_ext(&r, start, flags, NULL) != 0)
		return NULL;
	const char *common = git_repository_commondir(r);
	buf b = BUF_INIT;
	buf_puts(&b, common);
	if (b.len > 0 && b.data[b.len - 1] != '/')
		buf_putc(&b, '/');
	buf_puts(&b, "fabrique");
	git_repository_free(r);
	return buf_detach(&b, NULL);
}

/* The user's cache folder, as the XDG base directories name it; NULL
 * with neither variable set (env -i, a systemd unit without User=):
 * the current folder is no answer, a unit's is "/" and a job's may be
 * the web root. */
static char *
user_cache(void)
{
	const char *xdg = getenv("XDG_CACHE_HOME");
	const char *home = getenv("HOME");
	buf b = BUF_INIT;
	if (xdg != NULL && xdg[0] == '/')
		buf_printf(&b, "%s/fabrique", xdg);
	else if (home != NULL && home[0] == '/')
		buf_printf(&b, "%s/.cache/fabrique", home);
	else
		return NULL;
	return buf_detach(&b, NULL);
}

char *
cachedir_find(const char *explicit_dir, const char *repo, const char *site)
{
	if (explicit_dir != NULL && *explicit_dir != '\0')
		return xstrdup(explicit_dir);
	char *dir = repo != NULL
	                ? git_cache(repo, GIT_REPOSITORY_OPEN_NO_SEARCH)
	                : git_cache(site, 0);
	struct stat st;
	if (dir == NULL && repo == NULL && stat(site, &st) != 0)
		dir = git_cache(".", 0); /* SITE inside a bare repository */
	return dir != NULL ? dir : user_cache();
}

void
cachedir_none(diag *d, const char *file)
{
	diag_report(d, DIAG_ERROR, file, 0, 0,
	            "no folder for fabrique's cache: %s is in no git "
	            "repository (the cache would be in its .git folder) "
	            "and neither XDG_CACHE_HOME nor HOME is set (a service "
	            "without User=?); name a folder kept between runs with "
	            "--cache DIR (for example --cache /var/cache/fabrique), "
	            "or set HOME",
	            file);
}

void
cachedir_exe_id(char *out, size_t size)
{
	struct stat st;
	*out = '\0';
	if (stat("/proc/self/exe", &st) == 0)
		snprintf(out, size, "%lld.%lld.%ld", (long long)st.st_size,
		         (long long)st.st_mtim.tv_sec,
		         (long)st.st_mtim.tv_nsec);
}
