#include "reseau.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "build.h"
#include "cachedir.h"
#include "fsutil.h"
#include "geomap.h"
#include "json.h"
#include "jsonschema.h"
#include "opendata.h"
#include "output.h"
#include "reseau_cache.h"
#include "reseau_site.h"
#include "incremental.h"
#include "date.h"
#include "site.h"
#include "slug.h"
#include "siteyaml.h"
#include "source.h"
#include "msgcat.h"
#include "theme.h"
#include "urlbase.h"
#include "yamldoc.h"

#define SCHEMA_FILE "programme.schema.json"
#define MAX_PROBLEMS 3

struct rs {
	const reseau_opts *o;
	diag *d;
	arena *a;
	const char *dir; /* LIST's folder, for relative paths */
	jsonschema *schema;
	arena *ma; /* the member being read: freed once it is copied out */
	reseau_cache *cache;
	reseau_commune *communes;
	size_t n, cap, bad, reused, written, linked;
	reseau_commune *admitted; /* the member just taken, until the next */
};

static const char *
str(const value *v, const char *path)
{
	const char *s = value_get_string(value_path(v, path));
	return s != NULL && *s != '\0' ? s : NULL;
}

static const char *
resolve_path(struct rs *r, const char *p)
{
	if (p[0] == '/' || strcmp(r->dir, ".") == 0)
		return p;
	return arena_printf(r->a, "%s/%s", r->dir, p);
}

/* The member is left out: one warning at its entry in LIST. */
static void
left_out(struct rs *r, const value *item, const char *name, const char *reason)
{
	value_pos p = value_where(item);
	r->bad++;
	diag_report(r->d, DIAG_WARNING, p.file ? p.file : r->o->list, p.line,
	            p.col, "member '%s' left out: %s", name, reason);
}

/* The member is taken, but its programme has members this fabrique
 * does not know: they are left out, and a newer fabrique is needed to
 * publish them.  Said on every build, the cached ones too. */
static void
newer_writer(struct rs *r, const value *item, const char *name,
             const char *unknown)
{
	value_pos p = value_where(item);
	diag_report(r->d, DIAG_WARNING, p.file ? p.file : r->o->list, p.line,
	            p.col,
	            "member '%s': its programme has fields this version of "
	            "fabrique does not know, left out: %s; it was written by "
	            "a newer fabrique: update the network's fabrique to "
	            "publish them",
	            name, unknown);
}

/* The first error a member's build reported, as one line. */
static const char *
first_error(struct rs *r, diag *md)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	if (f == NULL)
		return diag_tr(r->d, "it does not build");
	diag_flush(md, f);
	fclose(f);
	const char *line = text ? strstr(text, ": error: ") : NULL;
	if (line == NULL && text != NULL)
		line = strstr(text, ": erreur : ");
	const char *start = line;
	while (start != NULL && start > text && start[-1] != '\n')
		start--;
	const char *out = start
	                      ? arena_strndup(r->a, start, strcspn(start, "\n"))
	                      : diag_tr(r->d, "it does not build");
	free(text);
	return out;
}

/* ---- A member by repository ---------------------------------------------- */

static bool
is_bare(const char *path)
{
	struct stat st;
	char tmp[4096];
	snprintf(tmp, sizeof(tmp), "%s/.git", path);
	if (stat(tmp, &st) == 0)
		return false;
	snprintf(tmp, sizeof(tmp), "%s/HEAD", path);
	return stat(tmp, &st) == 0;
}

/* Where site.yaml is, when the entry does not say: the shallowest one
 * outside themes/.  NULL if the tree has none. */
static const char *
find_site(struct rs *r, source *src)
{
	const source_file *files;
	size_t n, best_depth = (size_t)-1;
	const char *best = NULL;
	if (source_list(src, "", &files, &n) != 0)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		const char *p = files[i].path, *base = strrchr(p, '/');
		base = base ? base + 1 : p;
		if (strcmp(base, "site.yaml") != 0 ||
		    strncmp(p, "themes/", 7) == 0)
			continue;
		size_t depth = 0;
		for (const char *c = p; *c; c++)
			depth += *c == '/';
		if (depth < best_depth) {
			best_depth = depth;
			best = arena_strndup(r->a, p, (size_t)(base - p));
		}
	}
	if (best != NULL && *best != '\0')
		best = arena_strndup(r->a, best, strlen(best) - 1);
	return best;
}

static source *
open_depot(struct rs *r, const value *item, diag *md, const char **reason)
{
	const char *depot = resolve_path(r, str(item, "depot"));
	const char *sub = str(item, "site"), *ref = str(item, "ref");
	bool bare = is_bare(depot);
	const char *where = sub ? sub : "";
	source *src = source_open_git(
	    depot, bare ? where : arena_printf(r->a, "%s/%s", depot, where),
	    ref, md);
	if (src == NULL || sub != NULL)
		return src;
	const char *found = find_site(r, src);
	if (found == NULL) {
		source_free(src);
		*reason = diag_tr(r->d, "no site.yaml in the repository");
		return NULL;
	}
	if (*found == '\0')
		return src;
	source_free(src);
	return source_open_git(
	    depot, bare ? found : arena_printf(r->a, "%s/%s", depot, found),
	    ref, md);
}

/*
 * Builds the member's site in memory and turns it into its programme, in
 * r->ma.  The site lives in an arena of its own, freed with it: after
 * site_free() the arena a site was loaded in may hold chunks of the
 * loading threads' arenas it freed (site.h), and r->ma is used on.
 */
static value *
from_depot(struct rs *r, source *src, const build_day *day, diag *md,
           const char **reason)
{
	value *prog = NULL;
	site_opts so = {.now = day->now,
	                .today_at = day->today_at,
	                .until = day->until,
	                .until_at = day->until_at,
	                .lang = "fr",
	                .jobs = 1};
	arena *sa = arena_new();
	theme *th = theme_open_site(src, sa, md);
	site *s = th ? site_load(src, th, &so, sa, md) : NULL;
	if (s != NULL)
		prog = opendata_programme(s, sa);
	if (prog != NULL) {
		/* The programme shares strings and maps with the pages'
		 * views, which site_free() frees with the loading threads'
		 * arenas: keep it as the JSON a cached member is read from. */
		buf b = BUF_INIT;
		unsigned line, col;
		const char *why;
		json_value(&b, prog, 0);
		prog = json_parse(r->ma, "programme", b.data ? b.data : "",
		                  b.len, &line, &col, &why);
		buf_free(&b);
	}
	if (prog == NULL && *reason == NULL)
		*reason = first_error(r, md);
	site_free(s);
	theme_free(th);
	arena_free(sa);
	return prog;
}

/* ---- A member by file ------------------------------------------------------
 */

static value *
from_file(struct rs *r, const char *path, const char *text, size_t len,
          const char **reason)
{
	unsigned line, col;
	const char *why;
	const char *file = arena_strdup(r->ma, path);
	size_t lead = 0;
	while (lead < len && strchr(" \t\r\n", text[lead]) != NULL &&
	       text[lead] != '\0')
		lead++;
	if (lead == len) {
		*reason = arena_printf(
		    r->a,
		    diag_tr(r->d, "%s is empty (a download cut short?): fetch "
		                  "the commune's programme.json again, with "
		                  "curl --fail so that a failed download keeps "
		                  "the previous file"),
		    file);
		return NULL;
	}
	if (text[lead] == '<') {
		*reason = arena_printf(
		    r->a,
		    diag_tr(r->d,
		            "%s is a web page, not a programme: the "
		            "commune's site answered with a page of its "
		            "own (maintenance, an error); fetch with curl "
		            "--fail, which keeps the previous file when "
		            "the site does not answer with the programme"),
		    file);
		return NULL;
	}
	value *v = json_parse(r->ma, file, text, len, &line, &col, &why);
	if (v == NULL)
		*reason = arena_printf(
		    r->a, diag_tr(r->d, "%s:%u:%u: not valid JSON: %s"), file,
		    line, col, diag_tr(r->d, why));
	return v;
}

/* ---- Checks and the commune's record ------------------------------------ */

/* The lines of b as one line, "; " between them, in r's arena. */
static const char *
one_line(struct rs *r, const buf *b)
{
	buf joined = BUF_INIT;
	size_t len = b->len;
	while (len > 0 && b->data[len - 1] == '\n')
		len--;
	for (size_t i = 0; i < len; i++)
		if (b->data[i] == '\n')
			buf_puts(&joined, "; ");
		else
			buf_putc(&joined, b->data[i]);
	const char *s = arena_strdup(r->a, buf_cstr(&joined));
	buf_free(&joined);
	return s;
}

/* Checks prog as a reader of its format: members it does not know are
 * no error (a newer fabrique may add optional ones) but are listed in
 * *unknown (NULL: none), for one warning naming them. */
static bool
follows_schema(struct rs *r, const value *prog, const char **reason,
               const char **unknown)
{
	buf pb = BUF_INIT, ub = BUF_INIT;
	size_t nu = 0, n = jsonschema_check_reader(r->schema, prog, &pb, &ub,
	                                           MAX_PROBLEMS, &nu);
	if (n > 0)
		*reason = arena_printf(
		    r->a,
		    diag_tr(r->d, "%zu schema error(s) in its programme: %s%s"),
		    n, one_line(r, &pb), n > MAX_PROBLEMS ? "; ..." : "");
	*unknown = nu == 0 ? NULL
	                   : arena_printf(r->a, "%s%s", one_line(r, &ub),
	                                  nu > MAX_PROBLEMS ? "; ..." : "");
	buf_free(&pb);
	buf_free(&ub);
	return n == 0;
}

static const char *
rdup(struct rs *r, const char *s)
{
	return s != NULL ? arena_strdup(r->a, s) : NULL;
}

static const char **
dup_list(struct rs *r, const value *l, const char *field, size_t *n)
{
	const char **out = arena_alloc(r->a, (value_len(l) + 1) * sizeof(*out));
	for (*n = 0; *n < value_len(l); (*n)++) {
		const value *it = value_at(l, *n);
		out[*n] =
		    rdup(r, field ? str(it, field) : value_get_string(it));
	}
	return out;
}

/* Copies what the pages use of one checked event out of the member's
 * arena. */
static void
copy_event(struct rs *r, reseau_event *e, const value *v)
{
	const value *la = value_path(v, "location.latitude"),
	            *lo = value_path(v, "location.longitude"),
	            *vol = value_get(v, "volunteersWanted");
	e->uid = rdup(r, str(v, "uid"));
	e->title = rdup(r, str(v, "title"));
	e->description = rdup(r, str(v, "description"));
	e->category = rdup(r, str(v, "category.name"));
	e->place = rdup(r, str(v, "location.name"));
	e->address = rdup(r, str(v, "location.address"));
	e->meeting = rdup(r, str(v, "location.meetingPoint"));
	e->page = rdup(r, str(v, "links.page"));
	e->recap = rdup(r, str(v, "links.recap"));
	e->status = rdup(r, str(v, "status"));
	e->keywords =
	    dup_list(r, value_get(v, "keywords"), NULL, &e->nkeywords);
	e->begin = dup_list(r, value_get(v, "timings"), "begin", &e->ntimings);
	e->end = dup_list(r, value_get(v, "timings"), "end", &e->ntimings);
	e->uids = dup_list(r, value_get(v, "timings"), "uid", &e->ntimings);
	e->slot_status =
	    dup_list(r, value_get(v, "timings"), "status", &e->ntimings);
	e->allday = arena_zalloc(r->a, (e->ntimings + 1) * sizeof(*e->allday));
	for (size_t i = 0; i < e->ntimings; i++)
		e->allday[i] = value_get_bool(
		    value_get(value_at(value_get(v, "timings"), i), "allDay"));
	e->has_pos = la != NULL && lo != NULL;
	e->lat = value_get_number(la), e->lon = value_get_number(lo);
	e->volunteers = vol != NULL ? (long)value_get_number(vol) : -1;
	const value *seq = value_get(v, "sequence");
	e->sequence = seq != NULL ? (unsigned)value_get_number(seq) : 0;
	e->stamp = date_instant(str(v, "lastModified"));
	e->modified = e->stamp != 0;
	const char *up = str(v, "updatedAt");
	civil_date cd;
	if (up == NULL)
		up = str(v, "createdAt");
	if (!e->modified && up != NULL && date_parse(up, &cd))
		e->stamp = (long long)date_days(cd) * 86400;
}

/* The commune's point: the mean of its workshops' places that lie in
 * its département's frame of the map; since: its first workshop's
 * first commit; calls_until: the last day a workshop calls for
 * volunteers. */
static void
copy_events(struct rs *r, reseau_commune *c, const value *prog)
{
	const value *evs = value_get(prog, "events");
	double lat = 0, lon = 0;
	size_t k = 0;
	c->nevents = value_len(evs);
	c->events = arena_zalloc(r->a, (c->nevents + 1) * sizeof(*c->events));
	c->stamped = true;
	c->far = 0;
	c->since = c->changed = c->calls_until = NULL;
	for (size_t i = 0; i < c->nevents; i++) {
		reseau_event *e = &c->events[i];
		copy_event(r, e, value_at(evs, i));
		char day[11];
		if (reseau_site_calls(e, day) &&
		    (c->calls_until == NULL || strcmp(day, c->calls_until) > 0))
			c->calls_until = rdup(r, day);
		c->stamped = c->stamped && e->stamp != 0;
		const char *cr = str(value_at(evs, i), "createdAt");
		if (cr != NULL &&
		    (c->since == NULL || strcmp(cr, c->since) < 0))
			c->since = rdup(r, cr);
		const char *up = str(value_at(evs, i), "updatedAt");
		up = up != NULL ? up : cr;
		if (up != NULL &&
		    (c->changed == NULL || strcmp(up, c->changed) > 0))
			c->changed = rdup(r, up);
		if (!e->has_pos)
			continue;
		if (!geomap_inside(c->dept, e->lat, e->lon)) {
			c->far++;
			continue;
		}
		lat += e->lat, lon += e->lon, k++;
	}
	c->has_pos = k > 0;
	if (k > 0)
		c->lat = lat / (double)k, c->lon = lon / (double)k;
}

static const reseau_commune *
duplicate(const struct rs *r, const char *insee)
{
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->communes[i].insee, insee) == 0)
			return &r->communes[i];
	return NULL;
}

/* Why a member whose code an earlier one holds is left out, naming that
 * one: two names for one code are a site copied from a neighbour's that
 * kept its commune.insee, and the webmaster must know which two to look
 * at, not only the one left out (outside tester 29 F9). */
static const char *
duplicate_reason(struct rs *r, const char *insee, const char *name,
                 const reseau_commune *holder)
{
	const char *hname = holder->name ? holder->name : "?";
	const char *hurl = holder->url ? holder->url : "?";
	if (name != NULL && strcmp(name, hname) == 0)
		return arena_printf(
		    r->a,
		    diag_tr(r->d, "INSEE code %s is already a member: %s (%s), "
		                  "listed above; is the commune listed twice?"),
		    insee, hname, hurl);
	return arena_printf(
	    r->a,
	    diag_tr(r->d,
	            "INSEE code %s is already %s's (%s), listed above, and "
	            "this member calls itself %s: one of the two sites is a "
	            "copy of the other's that kept its code; correct "
	            "commune.insee in that site's site.yaml"),
	    insee, hname, hurl, name ? name : "?");
}

/* Why insee cannot be a commune's code (geo_insee_problem()), said so
 * the webmaster knows what to look for in the commune's site.yaml. */
static const char *
bad_insee(struct rs *r, const char *insee)
{
	return arena_printf(
	    r->a,
	    diag_tr(r->d,
	            "'%s' (commune.insee) is no commune's INSEE code: %s"),
	    insee, geo_insee_problem(insee, diag_lang(r->d), r->a));
}

/* A place for the commune of that INSEE code (named name) in the list, or
 * the reason it cannot have one. */
static reseau_commune *
place(struct rs *r, const char *insee, const char *name, const char **reason)
{
	if (insee == NULL) {
		*reason = diag_tr(r->d, "its programme gives no INSEE code "
		                        "(site.yaml: commune.insee), so it "
		                        "cannot be placed in a département");
		return NULL;
	}
	if (geo_dept_of_insee(insee) == NULL) {
		*reason = bad_insee(r, insee);
		return NULL;
	}
	const reseau_commune *holder = duplicate(r, insee);
	if (holder != NULL) {
		*reason = duplicate_reason(r, insee, name, holder);
		return NULL;
	}
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 64;
		r->communes =
		    xrealloc(r->communes, r->cap * sizeof(*r->communes));
	}
	reseau_commune *c = &r->communes[r->n++];
	memset(c, 0, sizeof(*c));
	return c;
}

static reseau_commune *
admit(struct rs *r, value *prog, const char **reason)
{
	const char *insee = str(prog, "commune.insee");
	reseau_commune *c = place(r, insee, str(prog, "commune.name"), reason);
	if (c == NULL)
		return NULL;
	c->name = rdup(r, str(prog, "commune.name"));
	c->insee = rdup(r, insee);
	c->dept = geo_dept_of_insee(insee);
	c->url = rdup(r, str(prog, "commune.url"));
	c->tz = rdup(r, str(prog, "commune.timezone"));
	c->slug = arena_printf(r->a, "%s-%s", insee, slug_make(r->a, c->name));
	c->page = arena_printf(r->a, "/communes/%s/", c->slug);
	copy_events(r, c, prog);
	return c;
}

/* The previous build's summary of the member, when it read the same
 * version: true if taken (or if it is a duplicate, reported). */
static bool
from_cache(struct rs *r, const value *item, const char *name, const char *id,
           const char *version, const char *sig, const char *from)
{
	reseau_commune tmp = {0};
	if (!reseau_cache_member(r->cache, id, version, &tmp, r->a))
		return false;
	const char *reason = NULL;
	reseau_commune *c = place(r, tmp.insee, tmp.name, &reason);
	if (c == NULL) {
		left_out(r, item, name, reason);
		return true;
	}
	*c = tmp;
	c->from = from;
	r->reused++;
	r->admitted = c;
	reseau_cache_put_member(r->cache, id, version, sig, c);
	return true;
}

static const char *
hash_of(struct rs *r, const char *text, size_t len)
{
	char h[INCREMENTAL_HASH_HEX + 1];
	incremental_hash(text, len, h);
	return arena_strdup(r->a, h);
}

/* Checks the programme and admits its commune; NULL or the reason. */
static const char *
check_admit(struct rs *r, value *prog, const char *id, const char *version,
            const char *sig, const char *record, const char *from)
{
	const char *reason = NULL, *unknown = NULL;
	if (!follows_schema(r, prog, &reason, &unknown))
		return reason;
	reseau_commune *c = admit(r, prog, &reason);
	if (c == NULL)
		return reason;
	c->record = record, c->from = from, c->unknown = unknown;
	r->admitted = c;
	reseau_cache_put_member(r->cache, id, version, sig, c);
	return NULL;
}

/* Whether depot is an address (https://, ssh://, git@host:path) rather
 * than a folder: git's scp-like form has a ':' before any '/'. */
static bool
is_address(const char *depot)
{
	const char *colon = strchr(depot, ':');
	if (strstr(depot, "://") != NULL)
		return true;
	return colon != NULL && strchr(depot, '@') != NULL &&
	       memchr(depot, '/', (size_t)(colon - depot)) == NULL;
}

/* Why depot names no folder of this machine, or NULL: a network reads
 * its members' repositories on disk, so a forge's address gets the
 * two commands that keep a copy there, not the source layer's advice
 * about --repo, an option of build the webmaster never typed. */
static const char *
depot_elsewhere(struct rs *r, const char *depot)
{
	struct stat st;
	if (is_address(depot))
		return arena_printf(
		    r->a,
		    diag_tr(r->d, "'depot' must be a folder on this machine, "
		                  "not an address: clone the repository once "
		                  "(git clone --mirror %s FOLDER), update the "
		                  "copy before each build (a cron job: git -C "
		                  "FOLDER remote update) and write depot: "
		                  "FOLDER"),
		    depot);
	const char *path = resolve_path(r, depot);
	if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode))
		return arena_printf(
		    r->a,
		    diag_tr(r->d, "no folder %s: 'depot' names a git "
		                  "repository on this machine (a path "
		                  "relative to the list's folder, or from /)"),
		    path);
	return NULL;
}

/* A repository member: its version is the commit read and the site's
 * folder in it; its programme is kept in the cache, to be read again. */
static const char *
member_depot(struct rs *r, const value *item, const char *depot)
{
	const char *reason = NULL, *sub = str(item, "site"),
	           *ref = str(item, "ref");
	const char *id =
	    arena_printf(r->a, "depot\n%s\n%s\n%s", resolve_path(r, depot),
	                 ref ? ref : "", sub ? sub : "");
	const char *where = depot_elsewhere(r, depot);
	if (where != NULL)
		return where;
	diag *md = diag_new(diag_lang(r->d));
	source *src = open_depot(r, item, md, &reason);
	if (src == NULL) {
		if (reason == NULL)
			reason = first_error(r, md);
		diag_free(md);
		return reason;
	}
	/* its day is a build's (a commit from the future is built as of
	 * the clock's day, said here, and kept in the cache that day) */
	build_day day = build_decide_day(source_commit_time(src), false);
	build_warn_future(r->d, &day, source_commit(src), depot);
	const char *version = arena_printf(
	    r->a, "git:%s:%s%s", source_commit(src), source_site_path(src),
	    day.future != 0 ? arena_printf(r->a, ":%lld", day.now) : "");
	const char *cached = NULL;
	reseau_commune probe = {0};
	if (reseau_cache_member(r->cache, id, version, &probe, r->a))
		cached = reseau_cache_programme(r->cache, probe.record);
	if (cached != NULL && access(cached, R_OK) == 0 &&
	    from_cache(r, item, depot, id, version, NULL, cached)) {
		source_free(src);
		diag_free(md);
		return NULL;
	}
	value *prog = from_depot(r, src, &day, md, &reason);
	source_free(src);
	diag_free(md);
	if (prog == NULL)
		return reason;
	buf b = BUF_INIT;
	json_value(&b, prog, 0);
	const char *record = hash_of(r, b.data, b.len);
	reseau_cache_store_programme(r->cache, record, b.data, b.len);
	buf_free(&b);
	return check_admit(r, prog, id, version, NULL, record,
	                   reseau_cache_programme(r->cache, record));
}

/* A programme file: known by its size, times and inode when they are
 * those of the last build and it has not changed since that build
 * began, otherwise by its content's hash. */
static const char *
member_file(struct rs *r, const value *item, const char *file)
{
	const char *path = resolve_path(r, file);
	const char *id = arena_printf(r->a, "file\n%s", path);
	struct stat st;
	if (stat(path, &st) != 0 && errno == ENOENT)
		return arena_printf(
		    r->a,
		    diag_tr(r->d,
		            "%s does not exist: fetch the commune's "
		            "programme.json there before building the "
		            "network (docs/reseau.md), or check the path"),
		    path);
	if (stat(path, &st) != 0)
		return arena_printf(r->a, diag_tr(r->d, "cannot read %s"),
		                    path);
	long long mt =
	    (long long)st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec;
	const char *sig =
	    arena_printf(r->a, "%lld:%lld:%lld.%ld:%llu", (long long)st.st_size,
	                 mt, (long long)st.st_ctim.tv_sec, st.st_ctim.tv_nsec,
	                 (unsigned long long)st.st_ino);
	const char *known = reseau_cache_known(r->cache, id, sig);
	if (known != NULL && mt < reseau_cache_started(r->cache) &&
	    from_cache(r, item, file, id, known, sig, path))
		return NULL;
	size_t len;
	char *text = fsutil_read_file(path, &len);
	if (text == NULL)
		return arena_printf(r->a, diag_tr(r->d, "cannot read %s"),
		                    path);
	const char *record = hash_of(r, text, len);
	if (from_cache(r, item, file, id, record, sig, path)) {
		free(text);
		return NULL;
	}
	const char *reason = NULL;
	value *prog = from_file(r, path, text, len, &reason);
	free(text);
	return prog ? check_admit(r, prog, id, record, sig, record, path)
	            : reason;
}

static void
member(struct rs *r, const value *item)
{
	const char *depot = str(item, "depot"), *file = str(item, "programme");
	const char *name = depot ? depot : file;
	if (value_kind_of(item) != VALUE_MAP ||
	    (depot == NULL) == (file == NULL)) {
		left_out(r, item, name ? name : "?",
		         diag_tr(r->d,
		                 "give either 'depot' (a git repository) "
		                 "or 'programme' (a programme.json file)"));
		return;
	}
	r->ma = arena_new();
	r->admitted = NULL;
	const char *reason =
	    depot ? member_depot(r, item, depot) : member_file(r, item, file);
	if (reason != NULL)
		left_out(r, item, name, reason);
	else if (r->admitted != NULL && r->admitted->unknown != NULL)
		newer_writer(r, item, name, r->admitted->unknown);
	arena_free(r->ma);
	r->ma = NULL;
}

/* reseau_load_fn: a commune taken from the previous build's summary gets
 * its events from its programme's text, which must still be the one the
 * summary was made from. */
static int
load_events(void *ctx, reseau_commune *c)
{
	struct rs *r = ctx;
	size_t len;
	char *text = c->from ? fsutil_read_file(c->from, &len) : NULL;
	const char *h = text ? hash_of(r, text, len) : NULL;
	value *prog = NULL;
	r->ma = arena_new();
	if (h != NULL && strcmp(h, c->record) == 0) {
		unsigned line, col;
		const char *why;
		prog = json_parse(r->ma, c->from, text, len, &line, &col, &why);
	}
	free(text);
	if (prog != NULL)
		copy_events(r, c, prog);
	else
		diag_report(r->d, DIAG_ERROR, c->from ? c->from : c->name, 0, 0,
		            "the programme of %s changed during the build; "
		            "run it again",
		            c->name);
	arena_free(r->ma);
	r->ma = NULL;
	return prog != NULL ? 0 : -1;
}

/* ---- The command -----------------------------------------------------------
 */

static int
cmp_communes(const void *a, const void *b)
{
	const reseau_commune *x = a, *y = b;
	int c = strcmp(x->dept->code, y->dept->code);
	return c != 0 ? c : strcmp(x->slug, y->slug);
}

static value *
load_list(struct rs *r)
{
	size_t len;
	char *text = fsutil_read_file(r->o->list, &len);
	if (text == NULL) {
		diag_report(r->d, DIAG_ERROR, r->o->list, 0, 0,
		            "cannot read the list of member communes");
		return NULL;
	}
	value *v = yamldoc_load(r->a, arena_strdup(r->a, r->o->list), text, len,
	                        1, r->d);
	free(text);
	if (v != NULL &&
	    value_kind_of(value_get(v, "communes")) != VALUE_LIST) {
		diag_at(r->d, DIAG_ERROR, v,
		        "the list has no 'communes:' list; expected communes: "
		        "followed by '- depot: PATH' or '- programme: FILE' "
		        "items");
		return NULL;
	}
	return v;
}

static int
load_schema(struct rs *r, theme *th)
{
	size_t len;
	const char *text = theme_file(th, SCHEMA_FILE, &len);
	unsigned line, col;
	const char *why = "missing";
	value *v =
	    text ? json_parse(r->a, SCHEMA_FILE, text, len, &line, &col, &why)
	         : NULL;
	r->schema = v ? jsonschema_new(v, &why) : NULL;
	if (r->schema == NULL)
		diag_report(r->d, DIAG_ERROR, SCHEMA_FILE, 0, 0,
		            "the theme's programme schema cannot be used: %s",
		            why);
	return r->schema ? 0 : -1;
}

/* The state of the last build into this output, if it was made by this
 * fabrique, with this theme and the same url and title; -1 (said) when
 * there is no cache folder: nothing is written then. */
static int
open_cache(struct rs *r, const value *list, theme *th)
{
	buf fp = BUF_INIT;
	buf_printf(&fp, "fabrique %s\n", FABRIQUE_VERSION);
	theme_fingerprint(th, &fp);
	const char *url = str(list, "url"), *title = str(list, "titre");
	buf_printf(&fp, "\nurl %s\ntitre %s\n", url ? url : "",
	           title ? title : "");
	char *dir = cachedir_find(r->o->cache, NULL, r->dir);
	if (dir == NULL)
		cachedir_none(r->d, r->o->list);
	else
		r->cache = reseau_cache_open(dir, r->o->list, r->o->out,
		                             buf_cstr(&fp));
	free(dir);
	buf_free(&fp);
	return dir != NULL ? 0 : -1;
}

/* The list's url without its last '/' ("https://federation.example/reseau"
 * for ".../reseau/"), as the site's absolute addresses (canonical links,
 * feed) put a path from the root after it; "" when there is none. */
static const char *
site_url(struct rs *r, const value *list)
{
	const char *url = str(list, "url");
	if (url == NULL)
		return "";
	return arena_printf(r->a, "%s%s", urlbase_origin(r->a, url),
	                    urlbase_of(r->a, url));
}

static int
publish(struct rs *r, const value *list, theme *th)
{
	reseau_site_in in = {r->communes,           r->n,
	                     site_url(r, list),     str(list, "titre"),
	                     (long long)time(NULL), r->cache,
	                     load_events,           r};
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	if (sde != NULL && *sde != '\0')
		in.build_time = atoll(sde);
	output *o = output_begin(r->o->out, r->d);
	if (o == NULL)
		return BUILD_OUTPUT;
	if (reseau_site_write(&in, th, o, r->a, r->d) != 0) {
		/* a full disk is the server's problem (4), as for build:
		 * a cron job must not page the content's editors (outside
		 * tester 25 F8) */
		bool failed = output_failed(o);
		output_abort(o);
		output_free(o);
		return failed ? BUILD_OUTPUT : BUILD_CONTENT;
	}
	int rc = output_commit(o);
	output_counts(o, &r->written, &r->linked);
	output_free(o);
	if (rc == 0)
		reseau_cache_save(r->cache, r->d);
	return rc == 0 ? BUILD_OK : BUILD_OUTPUT;
}

/*
 * The language of the messages, as a build chooses it: the one the
 * environment names, else the list's langue (default SITEYAML_LANG, as
 * a site.yaml's), read quietly first so that the list's own problems
 * are said in it too; the environment's when the list cannot be read.
 */
static const char *
list_lang(const char *list)
{
	if (msgcat_env_names_lang())
		return msgcat_env_lang();
	size_t len;
	char *text = fsutil_read_file(list, &len);
	if (text == NULL)
		return msgcat_env_lang();
	arena *a = arena_new();
	diag *quiet = diag_new("en");
	value *v = yamldoc_load(a, list, text, len, 1, quiet);
	const char *l = str(v, "langue");
	const char *lang = msgcat_lang(l != NULL ? l : SITEYAML_LANG);
	diag_free(quiet);
	arena_free(a);
	free(text);
	return lang;
}

/*
 * Every listed member left out (a folder of repositories unmounted, the
 * fetch step's folder emptied for a night) is the machine's trouble, not
 * a network that shrank to nothing: publishing then would replace every
 * commune's page and the départements' subscribed calendars with an
 * empty site, which the webmaster's rsync --delete uploads (outside
 * tester 29 F15).  The previous site is kept and the run fails.  A list
 * with no member at all is still published: that is what it says.
 */
static bool
none_read(const struct rs *r)
{
	if (r->n > 0 || r->bad == 0)
		return false;
	diag_report(
	    r->d, DIAG_ERROR, r->o->list, 0, 0,
	    "no member could be read (%zu left out, above): the network "
	    "site in %s is kept as it was; make the members readable "
	    "again, or take them out of the list",
	    r->bad, r->o->out);
	return true;
}

/* The names of up to five communes off the map, far (true) or without a
 * position at all; their count. */
static size_t
unplaced(const struct rs *r, bool far, buf *names)
{
	size_t k = 0;
	for (size_t i = 0; i < r->n; i++) {
		const reseau_commune *c = &r->communes[i];
		if (c->has_pos || (c->far > 0) != far || ++k > 5)
			continue;
		if (names->len > 0)
			buf_puts(names, ", ");
		buf_puts(names, c->name);
	}
	if (k > 5)
		buf_puts(names, ", …");
	return k;
}

/* The communes the map leaves out, named in a note (not a warning: a
 * commune's choice, no reason for --strict to fail): none of their
 * workshops gives lieu.lat and lieu.lon, as fabrique init's commented
 * lines leave them (outside tester 29 F3); or every position they give
 * is far from their département, which was said as « gives no
 * position » (outside tester 32 F7).  Up to five names each. */
static void
note_unplaced(const struct rs *r)
{
	buf names = BUF_INIT;
	size_t k = unplaced(r, false, &names);
	if (k > 0)
		diag_report(
		    r->d, DIAG_NOTE, r->o->list, 0, 0,
		    diag_plural(r->d, k,
		                "%zu commune is not on the map, none of "
		                "its workshops giving a position: %s; it "
		                "can add its places' lat and lon (lieu: "
		                "lat:, lon:) to its workshops",
		                "%zu communes are not on the map, none of "
		                "their workshops giving a position: %s; "
		                "each can add its places' lat and lon "
		                "(lieu: lat:, lon:) to its workshops"),
		    k, buf_cstr(&names));
	buf_reset(&names);
	k = unplaced(r, true, &names);
	if (k > 0)
		diag_report(
		    r->d, DIAG_NOTE, r->o->list, 0, 0,
		    diag_plural(r->d, k,
		                "%zu commune is not on the map, the "
		                "positions its workshops give being far "
		                "from its département (lat and lon "
		                "swapped?): %s; fabrique check, run on "
		                "its site, says which and how to correct "
		                "them",
		                "%zu communes are not on the map, the "
		                "positions their workshops give being far "
		                "from their département (lat and lon "
		                "swapped?): %s; fabrique check, run on "
		                "each site, says which and how to correct "
		                "them"),
		    k, buf_cstr(&names));
	buf_free(&names);
}

/* The closing line, and under --strict the reason of the exit status. */
static void
summary(const struct rs *r, int st)
{
	size_t ev = 0;
	for (size_t i = 0; i < r->n; i++)
		ev += r->communes[i].nevents;
	if (st == BUILD_OK && !r->o->quiet) {
		fprintf(stderr,
		        diag_tr(r->d, "fabrique: network site of %zu communes "
		                      "(%zu workshops) in %s; %zu member(s) "
		                      "left out\n"),
		        r->n, ev, r->o->out, r->bad);
	}
	if (st == BUILD_OK && r->o->verbose)
		fprintf(stderr,
		        diag_tr(r->d,
		                "fabrique: %zu member(s) unchanged since "
		                "the last build; %zu file(s) written, %zu "
		                "kept\n"),
		        r->reused, r->written, r->linked);
}

int
reseau_run(const reseau_opts *o, diag *d)
{
	struct rs r = {.o = o, .d = d, .a = arena_new()};
	diag_set_lang(d, list_lang(o->list));
	const char *slash = strrchr(o->list, '/');
	r.dir = slash ? arena_strndup(r.a, o->list, (size_t)(slash - o->list))
	              : ".";
	if (*r.dir == '\0')
		r.dir = "/";
	int st = BUILD_CONTENT;
	value *list = load_list(&r);
	source *src = list ? source_open_dir(r.dir, d) : NULL;
	const char *tname = list ? str(list, "theme") : NULL;
	theme *th =
	    src ? theme_open(src, tname ? tname : "reseau", "fr", r.a, d)
	        : NULL;
	bool ready = th != NULL && load_schema(&r, th) == 0;
	if (ready && open_cache(&r, list, th) != 0)
		st = BUILD_USAGE; /* no cache folder: --cache, said */
	else if (ready) {
		const value *items = value_get(list, "communes");
		for (size_t i = 0; i < value_len(items); i++)
			member(&r, value_at(items, i));
		if (r.n > 1) /* none read: no array at all, and qsort's
		              * first argument must not be NULL */
			qsort(r.communes, r.n, sizeof(*r.communes),
			      cmp_communes);
		st = none_read(&r) ? BUILD_CONTENT : publish(&r, list, th);
		if (st == BUILD_OK)
			note_unplaced(&r);
	}
	/* --strict: a cron job that checks $? learns a commune vanished;
	 * the site of the others is written all the same */
	if (st == BUILD_OK && o->strict && r.bad > 0)
		diag_report(d, DIAG_ERROR, o->list, 0, 0,
		            diag_plural(d, r.bad,
		                        "%zu member left out (--strict): the "
		                        "site was written without it",
		                        "%zu members left out (--strict): the "
		                        "site was written without them"),
		            r.bad);
	diag_flush(d, stderr);
	summary(&r, st);
	if (st == BUILD_OK && o->strict && r.bad > 0)
		st = BUILD_CONTENT;
	jsonschema_free(r.schema);
	reseau_cache_free(r.cache);
	free(r.communes);
	theme_free(th);
	source_free(src);
	arena_free(r.a);
	return st;
}
