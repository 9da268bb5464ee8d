#include "submodule.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <git2.h>

#include "buf.h"

/* One [submodule "NAME"] section of .gitmodules. */
struct section {
	const char *name, *path, *url;
};

/* s[0..n) without the blanks around it, copied into a. */
static const char *
trimmed(arena *a, const char *s, size_t n)
{
	while (n > 0 && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n > 0 &&
	       (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	if (n >= 2 && s[0] == '"' && s[n - 1] == '"')
		s++, n -= 2;
	return arena_strndup(a, s, n);
}

/* One line of .gitmodules into the section being read: a header starts
 * one, "key = value" fills it (git's config syntax, as far as
 * `git submodule add` writes it: no escapes, no continued lines). */
static void
gitmodules_line(arena *a, const char *l, size_t n, struct section *sec)
{
	const char *q = memchr(l, '"', n);
	const char *eq = memchr(l, '=', n);
	while (n > 0 && (*l == ' ' || *l == '\t'))
		l++, n--;
	if (n == 0 || *l == '#' || *l == ';')
		return;
	if (*l == '[') {
		const char *end =
		    q ? memchr(q + 1, '"', n - (size_t)(q + 1 - l)) : NULL;
		*sec = (struct section){NULL, NULL, NULL};
		if (end != NULL && strncasecmp(l + 1, "submodule", 9) == 0)
			sec->name =
			    arena_strndup(a, q + 1, (size_t)(end - q - 1));
		return;
	}
	if (eq == NULL || sec->name == NULL)
		return;
	const char *key = trimmed(a, l, (size_t)(eq - l));
	const char *val = trimmed(a, eq + 1, n - (size_t)(eq + 1 - l));
	if (strcasecmp(key, "path") == 0)
		sec->path = val;
	else if (strcasecmp(key, "url") == 0)
		sec->url = val;
}

/* The section of the commit's .gitmodules whose path is path; the name
 * defaults to the path (what `git submodule add` gives), no URL. */
static struct section
find_section(source *super, const char *path, arena *a)
{
	struct section found = {path, path, NULL}, sec = {NULL, NULL, NULL};
	char *text;
	size_t len;
	/* read, not looked up: source_find() would list a lazy source's
	 * whole tree (a build with nothing to do reads this too) */
	if (source_read(super, ".gitmodules", &text, &len) != 0)
		return found;
	for (size_t i = 0; i <= len; i++) {
		size_t j = i;
		while (j < len && text[j] != '\n')
			j++;
		gitmodules_line(a, text + i, j - i, &sec);
		if (sec.name != NULL && sec.path != NULL &&
		    strcmp(sec.path, path) == 0) {
			found.name = sec.name;
			found.url = sec.url ? sec.url : found.url;
		}
		i = j;
	}
	free(text);
	return found;
}

/* A URL that is a folder of this machine: "/srv/theme.git",
 * "../theme", "file:///srv/theme.git"; NULL for a remote one. */
static const char *
local_path(const char *url)
{
	if (url == NULL)
		return NULL;
	if (strncmp(url, "file://", 7) == 0)
		return url + 7;
	if (url[0] == '/' || strncmp(url, "./", 2) == 0 ||
	    strncmp(url, "../", 3) == 0)
		return url;
	return NULL;
}

/* What a relative URL is relative to, as git reads it: the site's
 * remote "origin" when that is a folder, else the site's repository
 * itself (its work tree, or the git folder of a bare one). */
static const char *
url_base(git_repository *repo, arena *a)
{
	/* the setting itself: git_remote_lookup() matches the remote's
	 * settings with a regular expression, whose match data libgit2
	 * 1.5 leaves allocated (LeakSanitizer) */
	git_config *cfg = NULL;
	const char *url = NULL, *base = NULL;
	if (git_repository_config_snapshot(&cfg, repo) == 0 &&
	    git_config_get_string(&url, cfg, "remote.origin.url") == 0 &&
	    local_path(url) != NULL)
		base = arena_strdup(a, local_path(url));
	git_config_free(cfg);
	git_error_clear();
	if (base == NULL)
		base = git_repository_workdir(repo) != NULL
		           ? git_repository_workdir(repo)
		           : git_repository_path(repo);
	return base;
}

/* Where the submodule's repository may be, in the order tried. */
static size_t
candidates(source *super, const struct section *sec, const char *path, arena *a,
           const char *out[3])
{
	git_repository *repo = source_repo(super);
	const char *wd = git_repository_workdir(repo);
	const char *url = local_path(sec->url);
	size_t n = 0;
	out[n++] = arena_printf(a, "%smodules/%s",
	                        git_repository_commondir(repo), sec->name);
	if (wd != NULL)
		out[n++] = arena_printf(a, "%s%s", wd, path);
	if (url != NULL)
		out[n++] = url[0] == '/' ? url
		                         : arena_printf(a, "%s/%s",
		                                        url_base(repo, a), url);
	return n;
}

source *
submodule_open(source *super, const char *path, submodule_info *info, arena *a,
               diag *d)
{
	*info = (submodule_info){0};
	if (source_gitlink(super, path, info->commit) != 0)
		return NULL;
	info->is_submodule = true;
	info->bare = git_repository_is_bare(source_repo(super));
	struct section sec = find_section(super, path, a);
	info->url = sec.url;
	const char *where[3];
	size_t n = candidates(super, &sec, path, a, where);
	const char *describe = arena_printf(a, "%s (%.7s)", path, info->commit);
	for (size_t i = 0; i < n; i++) {
		git_repository *repo = NULL;
		if (git_repository_open_ext(&repo, where[i],
		                            GIT_REPOSITORY_OPEN_NO_SEARCH,
		                            NULL) != 0) {
			git_error_clear();
			continue;
		}
		source *s = source_open_commit(repo, info->commit, describe, d);
		if (s != NULL)
			return s;
		if (info->stale == NULL)
			info->stale = where[i];
	}
	return NULL;
}
