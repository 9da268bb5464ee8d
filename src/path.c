#include "path.h"

#include <string.h>

char *
path_join(arena *a, const char *dir, const char *rel)
{
	size_t dl = strlen(dir), rl = strlen(rel);
	char *tmp = arena_alloc(a, dl + rl + 2);
	char *out = arena_alloc(a, dl + rl + 2);
	memcpy(tmp, dir, dl);
	tmp[dl] = '/';
	memcpy(tmp + dl + 1, rel, rl + 1);
	size_t o = 0;
	for (char *p = tmp; *p != '\0';) {
		char *slash = strchr(p, '/');
		size_t n = slash ? (size_t)(slash - p) : strlen(p);
		if (n == 0 || (n == 1 && p[0] == '.')) {
			/* empty or "." component: nothing */
		} else if (n == 2 && p[0] == '.' && p[1] == '.') {
			if (o == 0)
				return NULL;
			while (o > 0 && out[o - 1] != '/')
				o--;
			if (o > 0)
				o--; /* drop the separator too */
		} else {
			if (o > 0)
				out[o++] = '/';
			memcpy(out + o, p, n);
			o += n;
		}
		p += n + (slash ? 1 : 0);
	}
	out[o] = '\0';
	return out;
}

char *
path_dir(arena *a, const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? arena_strndup(a, path, (size_t)(slash - path))
	             : arena_strdup(a, "");
}

char *
path_relative(arena *a, const char *dir, const char *path)
{
	const char *d = dir, *p = path;
	for (;;) { /* the folders both start with */
		size_t n = strcspn(d, "/");
		const char *slash = strchr(p, '/');
		if (*d == '\0' || slash == NULL || (size_t)(slash - p) != n ||
		    strncmp(d, p, n) != 0)
			break;
		d += n + (d[n] == '/');
		p = slash + 1;
	}
	size_t up = *d != '\0';
	for (const char *c = d; *c != '\0'; c++)
		up += *c == '/' && c[1] != '\0';
	char *out = arena_alloc(a, 3 * up + strlen(p) + 1), *o = out;
	for (size_t i = 0; i < up; i++, o += 3)
		memcpy(o, "../", 3);
	strcpy(o, p);
	return out;
}

const char *
path_base(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

bool
path_ends_with(const char *path, const char *suffix)
{
	size_t n = strlen(path), m = strlen(suffix);
	return n >= m && strcmp(path + n - m, suffix) == 0;
}

const char *
path_under(const char *path, const char *prefix)
{
	size_t n = strlen(prefix);
	if (n == 0)
		return path;
	if (strncmp(path, prefix, n) != 0 || path[n] != '/')
		return NULL;
	return path + n + 1;
}
