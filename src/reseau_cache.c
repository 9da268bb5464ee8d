#include "reseau_cache.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "fsutil.h"
#include "incremental.h"
#include "json.h"

#define FORMAT "fabrique-reseau-state/1"

struct reseau_cache {
	arena *a;
	const char *dir;   /* CACHE/reseau */
	const char *state; /* dir/HASH.json */
	const char *out;   /* the output folder, absolute */
	const char *fingerprint;
	const value *prev_members, *prev_files; /* NULL: none */
	long long prev_started, started;
	value *members, *files; /* this build's */
};

static long long
now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static const char *
absolute(arena *a, const char *p)
{
	char cwd[4096];
	if (p[0] == '/' || getcwd(cwd, sizeof(cwd)) == NULL)
		return arena_strdup(a, p);
	return arena_printf(a, "%s/%s", cwd, p);
}

static void
load(reseau_cache *rc)
{
	size_t len;
	char *text = fsutil_read_file(rc->state, &len);
	if (text == NULL)
		return;
	unsigned line, col;
	const char *why;
	value *v = json_parse(rc->a, rc->state, text, len, &line, &col, &why);
	free(text);
	const char *fmt = value_get_string(value_get(v, "format"));
	const char *fp = value_get_string(value_get(v, "fingerprint"));
	if (fmt == NULL || strcmp(fmt, FORMAT) != 0 || fp == NULL ||
	    strcmp(fp, rc->fingerprint) != 0)
		return;
	rc->prev_members = value_get(v, "members");
	rc->prev_files = value_get(v, "files");
	const char *st = value_get_string(value_get(v, "started"));
	rc->prev_started = st ? atoll(st) : 0;
}

reseau_cache *
reseau_cache_open(const char *cache_dir, const char *list, const char *out,
                  const char *fingerprint)
{
	arena *a = arena_new();
	reseau_cache *rc = arena_zalloc(a, sizeof(*rc));
	rc->a = a;
	rc->started = now_ns();
	rc->fingerprint = arena_strdup(a, fingerprint);
	rc->out = absolute(a, out);
	const char *id = arena_printf(a, "%s\n%s", absolute(a, list), rc->out);
	char h[INCREMENTAL_HASH_HEX + 1];
	incremental_hash(id, strlen(id), h);
	rc->dir = arena_printf(a, "%s/reseau", cache_dir);
	rc->state = arena_printf(a, "%s/%s.json", rc->dir, h);
	rc->members = value_map(a);
	rc->files = value_map(a);
	load(rc);
	return rc;
}

void
reseau_cache_free(reseau_cache *rc)
{
	if (rc != NULL)
		arena_free(rc->a);
}

long long
reseau_cache_started(const reseau_cache *rc)
{
	return rc->prev_members ? rc->prev_started : 0;
}

/* ---- Members ------------------------------------------------------------ */

static const char *
get(const value *m, const char *key, arena *a)
{
	const char *s = value_get_string(value_get(m, key));
	return s != NULL ? arena_strdup(a, s) : NULL;
}

const char *
reseau_cache_known(const reseau_cache *rc, const char *id, const char *sig)
{
	const value *m = value_get(rc->prev_members, id);
	const char *s = value_get_string(value_get(m, "sig"));
	return s != NULL && sig != NULL && strcmp(s, sig) == 0
	           ? value_get_string(value_get(m, "version"))
	           : NULL;
}

bool
reseau_cache_member(reseau_cache *rc, const char *id, const char *version,
                    reseau_commune *c, arena *a)
{
	const value *m = value_get(rc->prev_members, id);
	const char *v = value_get_string(value_get(m, "version"));
	if (v == NULL || strcmp(v, version) != 0)
		return false;
	const char *insee = value_get_string(value_get(m, "insee"));
	c->dept = insee ? geo_dept_of_insee(insee) : NULL;
	c->record = get(m, "record", a);
	c->name = get(m, "name", a);
	c->slug = get(m, "slug", a);
	if (c->dept == NULL || c->record == NULL || c->name == NULL ||
	    c->slug == NULL)
		return false;
	c->insee = arena_strdup(a, insee);
	c->page = arena_printf(a, "/communes/%s/", c->slug);
	c->url = get(m, "url", a);
	c->tz = get(m, "tz", a);
	c->since = get(m, "since", a);
	c->changed = get(m, "changed", a);
	c->calls_until = get(m, "calls_until", a);
	c->unknown = get(m, "unknown", a);
	c->nevents = (size_t)value_get_number(value_get(m, "nevents"));
	c->stamped = value_get_bool(value_get(m, "stamped"));
	c->far = (size_t)value_get_number(value_get(m, "far"));
	const char *lat = value_get_string(value_get(m, "lat"));
	const char *lon = value_get_string(value_get(m, "lon"));
	c->has_pos = lat != NULL && lon != NULL;
	if (c->has_pos)
		c->lat = strtod(lat, NULL), c->lon = strtod(lon, NULL);
	return true;
}

static void
put(arena *a, value *m, const char *key, const char *s)
{
	if (s != NULL)
		value_set_str(a, m, key, s);
}

/* Positions go as hexadecimal floats: read back, they are the same
 * doubles, so the map drawn from the summary is the one drawn before. */
void
reseau_cache_put_member(reseau_cache *rc, const char *id, const char *version,
                        const char *sig, const reseau_commune *c)
{
	arena *a = rc->a;
	value *m = value_map(a);
	put(a, m, "version", version);
	put(a, m, "sig", sig);
	put(a, m, "record", c->record);
	put(a, m, "name", c->name);
	put(a, m, "insee", c->insee);
	put(a, m, "slug", c->slug);
	put(a, m, "url", c->url);
	put(a, m, "tz", c->tz);
	put(a, m, "since", c->since);
	put(a, m, "changed", c->changed);
	put(a, m, "calls_until", c->calls_until);
	put(a, m, "unknown", c->unknown);
	value_set_int(a, m, "nevents", (long)c->nevents);
	value_set_bool(a, m, "stamped", c->stamped);
	if (c->far > 0)
		value_set_int(a, m, "far", (long)c->far);
	if (c->has_pos) {
		value_set_str(a, m, "lat", arena_printf(a, "%a", c->lat));
		value_set_str(a, m, "lon", arena_printf(a, "%a", c->lon));
	}
	value_set(a, rc->members, arena_strdup(a, id), m);
}

/* ---- Files ------------------------------------------------------------ */

bool
reseau_cache_file(const reseau_cache *rc, const char *relpath, const char **key,
                  long long *size, long long *mtime)
{
	const value *f = value_get(rc->prev_files, relpath);
	const char *k = value_get_string(value_get(f, "key"));
	const char *sz = value_get_string(value_get(f, "size"));
	const char *mt = value_get_string(value_get(f, "mtime"));
	if (k == NULL || sz == NULL || mt == NULL)
		return false;
	*key = k, *size = atoll(sz), *mtime = atoll(mt);
	return true;
}

void
reseau_cache_put_file(reseau_cache *rc, const char *relpath, const char *key)
{
	value *f = value_map(rc->a);
	value_set_str(rc->a, f, "key", key);
	value_set(rc->a, rc->files, arena_strdup(rc->a, relpath), f);
}

/* ---- Programmes of repository members --------------------------------- */

const char *
reseau_cache_programme(reseau_cache *rc, const char *record)
{
	return arena_printf(rc->a, "%s/programmes/%s.json", rc->dir, record);
}

/* Written whole, then renamed: a reader never sees half a file. */
static int
write_atomic(arena *a, const char *path, const char *text, size_t len)
{
	const char *tmp = arena_printf(a, "%s.%ld.tmp", path, (long)getpid());
	FILE *f = fopen(tmp, "wb");
	int rc = f != NULL && fwrite(text, 1, len, f) == len ? 0 : -1;
	if (f != NULL && fclose(f) != 0)
		rc = -1;
	if (rc == 0 && rename(tmp, path) != 0)
		rc = -1;
	if (rc != 0)
		unlink(tmp);
	return rc;
}

int
reseau_cache_store_programme(reseau_cache *rc, const char *record,
                             const char *text, size_t len)
{
	const char *dir = arena_printf(rc->a, "%s/programmes", rc->dir);
	if (fsutil_mkdirs(dir) != 0)
		return -1;
	return write_atomic(rc->a, reseau_cache_programme(rc, record), text,
	                    len);
}

/* ---- Saving ------------------------------------------------------------ */

void
reseau_cache_save(reseau_cache *rc, diag *d)
{
	arena *a = rc->a;
	for (size_t i = 0; i < value_len(rc->files); i++) {
		value *f = value_val_at(rc->files, i);
		const char *rel = value_key_at(rc->files, i);
		struct stat st;
		if (lstat(arena_printf(a, "%s/%s", rc->out, rel), &st) != 0)
			continue;
		value_set_str(a, f, "size",
		              arena_printf(a, "%lld", (long long)st.st_size));
		value_set_str(
		    a, f, "mtime",
		    arena_printf(a, "%lld",
		                 (long long)st.st_mtim.tv_sec * 1000000000LL +
		                     st.st_mtim.tv_nsec));
	}
	value *v = value_map(a);
	value_set_str(a, v, "format", FORMAT);
	value_set_str(a, v, "fingerprint", rc->fingerprint);
	value_set_str(a, v, "started", arena_printf(a, "%lld", rc->started));
	value_set(a, v, "members", rc->members);
	value_set(a, v, "files", rc->files);
	buf b = BUF_INIT;
	json_value(&b, v, 0);
	if (fsutil_mkdirs(rc->dir) != 0 ||
	    write_atomic(a, rc->state, b.data, b.len) != 0)
		diag_event(d, DIAG_WARNING, rc->state,
		           "cannot save what this build read, for the next one "
		           "to reuse: it will be a full build");
	buf_free(&b);
}
