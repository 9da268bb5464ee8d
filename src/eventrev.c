#include "eventrev.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "arena.h"
#include "blobmemo.h"
#include "buf.h"
#include "date.h"
#include "diag.h"
#include "frontmatter.h"
#include "hash.h"
#include "slotid.h"
#include "value.h"
#include "xalloc.h"
#include "yamldoc.h"

const char *
eventrev_status(const char *statut)
{
	if (statut != NULL && strcmp(statut, "annule") == 0)
		return "CANCELLED";
	if (statut != NULL && strcmp(statut, "propose") == 0)
		return "TENTATIVE";
	return "CONFIRMED";
}

/* The fields a calendar's DTSTART, DTEND and LOCATION come from, and
 * the rain plan: where to go if it rains is as much the event's place
 * as rdv, the meeting point LOCATION ends with (outside tester 26 F9).
 * A change of this list changes the digests: the memo's tag
 * (EVENTREV_MEMO_TAG) with it. */
static const char *const schedule[] = {
    "date", "debut", "fin", "creneaux", "lieu", "rdv", "repli_pluie", NULL};

/* v written out so that two equal values give the same bytes: its kind,
 * then its text or its items (a map's keys in their written order). */
static void
put_value(buf *b, const value *v)
{
	value_kind k = value_kind_of(v);
	buf_putc(b, (char)('0' + k));
	if (k == VALUE_STRING) {
		buf_put(b, value_get_string(v), value_string_len(v));
		buf_putc(b, '\0');
	} else if (k == VALUE_NUMBER || k == VALUE_BOOL) {
		char n[64];
		value_format_number(k == VALUE_BOOL ? value_get_bool(v)
		                                    : value_get_number(v),
		                    n, sizeof(n));
		buf_puts(b, n);
		buf_putc(b, '\0');
	} else if (k == VALUE_LIST || k == VALUE_MAP) {
		for (size_t i = 0; i < value_len(v); i++) {
			if (k == VALUE_MAP)
				buf_put(b, value_key_at(v, i),
				        strlen(value_key_at(v, i)) + 1);
			put_value(b, k == VALUE_MAP ? value_val_at(v, i)
			                            : value_at(v, i));
		}
		buf_putc(b, ')');
	}
}

/* Does a workshop's front matter leave a day to its edition: no date
 * of its own, or a slot without one (slot: only that one, when not
 * SIZE_MAX). */
static bool
takes_edition_day(const value *meta, size_t slot)
{
	const value *slots = value_get(meta, "creneaux");
	if (value_get(meta, "date") != NULL)
		return false;
	if (slot != SIZE_MAX)
		return value_get(value_at(slots, slot), "date") == NULL;
	if (value_len(slots) == 0)
		return true;
	for (size_t i = 0; i < value_len(slots); i++)
		if (value_get(value_at(slots, i), "date") == NULL)
			return true;
	return false;
}

/* The front matter of a version's text (len bytes, NUL-terminated), in
 * a; NULL when it has none or it cannot be parsed (its messages go to a
 * diag of their own: an old commit's mistakes are no concern of today). */
static const value *
meta_of_text(const char *t, size_t len, arena *a)
{
	diag *d = diag_new("en");
	frontmatter_parts fp;
	const value *meta = NULL;
	if (frontmatter_split("", t, len, &fp, d) == 0 && fp.has_yaml)
		meta = yamldoc_parse(a, "", t + fp.yaml_off, fp.yaml_len,
		                     fp.yaml_line, d);
	diag_free(d);
	return value_kind_of(meta) == VALUE_MAP ? meta : NULL;
}

const value *
eventrev_old_meta(git_repository *repo, const char *hex, arena *a)
{
	git_oid id;
	git_blob *blob = NULL;
	if (git_oid_fromstr(&id, hex) < 0 ||
	    git_blob_lookup(&blob, repo, &id) < 0) {
		git_error_clear();
		return NULL;
	}
	size_t len = (size_t)git_blob_rawsize(blob);
	const char *t = arena_strndup(a, git_blob_rawcontent(blob), len);
	git_blob_free(blob);
	return meta_of_text(t, len, a);
}

/* A version's schedule into k: with slot (not SIZE_MAX) its creneaux
 * reduced to that slot's entry, what that slot's events are made of. */
static void
put_schedule(buf *k, const value *meta, size_t slot)
{
	for (size_t i = 0; schedule[i] != NULL; i++) {
		const value *v = value_get(meta, schedule[i]);
		if (slot != SIZE_MAX && strcmp(schedule[i], "creneaux") == 0)
			v = value_at(v, slot);
		put_value(k, v);
	}
}

/*
 * The front matters of the last file's versions a reader walked, each
 * parsed at its first use: the calendars ask for a workshop's
 * revisions, then for each of its slots' (a walk each), and each walk
 * reading them again inflated and parsed every blob once per slot.
 */
struct versions {
	const history_file *hf; /* NULL: none yet */
	arena *a;
	const value **meta; /* parallel to hf's versions */
	bool *read;
};

static void
versions_clear(struct versions *vs)
{
	arena_free(vs->a);
	free(vs->meta);
	free(vs->read);
	*vs = (struct versions){NULL, NULL, NULL, NULL};
}

/* The front matter of version v (blob hex) of vs's file, parsed once. */
static const value *
version_meta(git_repository *repo, const char *hex, struct versions *vs,
             size_t v)
{
	if (!vs->read[v]) {
		vs->meta[v] = eventrev_old_meta(repo, hex, vs->a);
		vs->read[v] = true;
	}
	return vs->meta[v];
}

/*
 * The digest of a version's schedule (its front matter meta; with slot
 * not SIZE_MAX, that of its slot at that place), and whether it takes
 * its edition's day (*inherits): false when meta is NULL (it could not
 * be read or parsed: an old commit's broken YAML).
 */
static bool
schedule_digest(const value *meta, size_t slot, unsigned char out[HASH_RAW],
                bool *inherits)
{
	if (meta == NULL)
		return false;
	buf k = BUF_INIT;
	put_schedule(&k, meta, slot);
	buf_puts(&k,
	         eventrev_status(value_get_string(value_get(meta, "statut"))));
	hash_raw(k.data, k.len, out);
	*inherits = takes_edition_day(meta, slot);
	buf_free(&k);
	return true;
}

/* The memo's flags, after the digest. */
enum { MEMO_OK = 1, MEMO_INHERITS = 2 };

/* A version's memo record (blobmemo.h) from its front matter meta (NULL:
 * not read or parsed, kept as such: it is not read again either). */
static void
memo_record(const value *meta, unsigned char v[BLOBMEMO_VAL])
{
	bool inh = false;
	memset(v, 0, BLOBMEMO_VAL);
	if (schedule_digest(meta, SIZE_MAX, v, &inh))
		v[HASH_RAW] = MEMO_OK | (inh ? MEMO_INHERITS : 0);
}

/*
 * schedule_digest() of a version, a pure function of the blob, kept in
 * memo across builds (blobmemo.h): an edit reads and parses only the
 * edited file's new version, not every workshop's every version (45 % of
 * an edit's instructions on a site whose workshops were edited once
 * each); and a cold build finds there what the loading put
 * (eventrev_memo_text()).  A slot's digest (slot not SIZE_MAX) is not
 * kept: the memo's key is the blob alone, and its walks read the
 * versions the reader keeps (vs).
 */
static bool
version_digest(git_repository *repo, blobmemo *memo, const char *hex,
               struct versions *vs, size_t ver, size_t slot,
               unsigned char out[HASH_RAW], bool *inherits)
{
	if (slot != SIZE_MAX)
		return schedule_digest(version_meta(repo, hex, vs, ver), slot,
		                       out, inherits);
	unsigned char v[BLOBMEMO_VAL];
	if (!blobmemo_get(memo, hex, v)) {
		memo_record(version_meta(repo, hex, vs, ver), v);
		blobmemo_put(memo, hex, v);
	}
	memcpy(out, v, HASH_RAW);
	*inherits = (v[HASH_RAW] & MEMO_INHERITS) != 0;
	return (v[HASH_RAW] & MEMO_OK) != 0;
}

void
eventrev_memo_text(blobmemo *memo, const char *hex, const char *text,
                   size_t len)
{
	unsigned char v[BLOBMEMO_VAL];
	if (memo == NULL || blobmemo_get(memo, hex, v))
		return;
	arena *a = arena_new();
	memo_record(meta_of_text(text, len, a), v);
	arena_free(a);
	blobmemo_put(memo, hex, v);
}

/*
 * A file a workshop's events are partly made of (its edition's, for the
 * day; site.yaml, for the time zone): the points of its history where
 * that value changed, the oldest first.  val: the value as written out
 * by put_value() (a site.yaml without fuseau: the default zone's name).
 */
struct point {
	size_t at;       /* the commit's rank in the walk (history.h) */
	long long time;  /* its author's */
	const char *hex; /* the version's blob */
	char *val;
};

struct timeline {
	const history_file *hf;
	struct point *pts;
	size_t n;
};

struct eventrev {
	const source *src;
	blobmemo *memo; /* the versions' digests, shared, not owned */
	git_repository *repo;
	bool tried;
	struct timeline **lines; /* made at their first use */
	size_t nlines;
	struct versions vs;
};

/* r's parsed versions, of hf's file. */
static struct versions *
versions_of(eventrev *r, const history_file *hf)
{
	if (r->vs.hf != hf) {
		versions_clear(&r->vs);
		r->vs = (struct versions){
		    hf, arena_new(),
		    xcalloc(hf->nversions, sizeof(*r->vs.meta)),
		    xcalloc(hf->nversions, sizeof(*r->vs.read))};
	}
	return &r->vs;
}

eventrev *
eventrev_new(const source *src, blobmemo *memo)
{
	if (src == NULL || source_repo(src) == NULL)
		return NULL;
	eventrev *r = xcalloc(1, sizeof(*r));
	r->src = src;
	r->memo = memo;
	return r;
}

void
eventrev_free(eventrev *r)
{
	if (r == NULL)
		return;
	for (size_t i = 0; i < r->nlines; i++) {
		for (size_t k = 0; k < r->lines[i]->n; k++)
			free(r->lines[i]->pts[k].val);
		free(r->lines[i]->pts);
		free(r->lines[i]);
	}
	free(r->lines);
	versions_clear(&r->vs);
	git_repository_free(r->repo);
	free(r);
}

static git_repository *
repo_of(eventrev *r)
{
	if (!r->tried) {
		r->tried = true;
		r->repo = source_repo_reopen(r->src);
		git_error_clear();
	}
	return r->repo;
}

const value *
eventrev_meta(eventrev *r, const char *hex, arena *a)
{
	git_repository *repo = r != NULL ? repo_of(r) : NULL;
	return repo != NULL ? eventrev_old_meta(repo, hex, a) : NULL;
}

/* The value of key in the YAML file of blob hex, written out by
 * put_value() (malloc'ed); dflt for a file without it; NULL when the
 * blob cannot be read or parsed. */
static char *
base_value(git_repository *repo, const char *hex, const char *key,
           const char *dflt)
{
	git_oid id;
	git_blob *blob = NULL;
	if (git_oid_fromstr(&id, hex) < 0 ||
	    git_blob_lookup(&blob, repo, &id) < 0) {
		git_error_clear();
		return NULL;
	}
	arena *a = arena_new();
	diag *d = diag_new("en");
	size_t len = (size_t)git_blob_rawsize(blob);
	const char *text = arena_strndup(a, git_blob_rawcontent(blob), len);
	git_blob_free(blob);
	const value *doc = yamldoc_parse(a, "", text, len, 1, d);
	char *out = NULL;
	if (value_kind_of(doc) == VALUE_MAP) {
		const value *v = value_get(doc, key);
		buf b = BUF_INIT;
		if (v == NULL && dflt != NULL)
			v = value_string(a, dflt);
		put_value(&b, v);
		out = xstrdup(buf_cstr(&b));
		buf_free(&b);
	}
	diag_free(d);
	arena_free(a);
	return out;
}

/* The timeline of key in hf's file, made once per reader. */
static const struct timeline *
timeline_of(eventrev *r, const history_file *hf, const char *key,
            const char *dflt)
{
	for (size_t i = 0; i < r->nlines; i++)
		if (r->lines[i]->hf == hf)
			return r->lines[i];
	r->lines = xrealloc(r->lines, (r->nlines + 1) * sizeof(*r->lines));
	struct timeline *t = xcalloc(1, sizeof(*t));
	r->lines[r->nlines++] = t;
	t->hf = hf;
	git_repository *repo = repo_of(r);
	if (repo == NULL || hf->version_at == NULL)
		return t;
	t->pts = xcalloc(hf->nversions, sizeof(*t->pts));
	for (size_t i = hf->nversions; i-- > 0;) {
		char *v = base_value(repo, hf->versions[i], key, dflt);
		if (v == NULL ||
		    (t->n > 0 && strcmp(t->pts[t->n - 1].val, v) == 0)) {
			free(v);
			continue;
		}
		t->pts[t->n++] = (struct point){
		    hf->version_at[i], hf->version_time[i], hf->versions[i], v};
	}
	return t;
}

/* The timelines of b's files (NULL for a file without history). */
static void
base_lines(eventrev *r, const eventrev_base *b, const struct timeline **ed,
           const struct timeline **zone)
{
	*ed = b != NULL && b->edition != NULL
	          ? timeline_of(r, b->edition, "date", NULL)
	          : NULL;
	*zone = b != NULL && b->site != NULL
	            ? timeline_of(r, b->site, "fuseau", DATE_ZONE_DEFAULT)
	            : NULL;
}

/*
 * Where a walk through a timeline is: the value of its latest point at
 * or before the commit of rank at (ranks go down as commits get newer).
 * NULL: the file, or the value, did not exist yet.  An absent timeline
 * gives "" (no history: a value that never changed).
 */
static const char *
value_at_rank(const struct timeline *t, size_t *k, size_t at)
{
	if (t == NULL)
		return "";
	while (*k < t->n && t->pts[*k].at >= at)
		(*k)++;
	return *k > 0 ? t->pts[*k - 1].val : NULL;
}

/* The next commit (highest rank below cur) where t changes, 0 none. */
static size_t
next_rank(const struct timeline *t, size_t k, size_t best)
{
	if (t == NULL || k >= t->n)
		return best;
	return t->pts[k].at > best ? t->pts[k].at : best;
}

/* What the events of a workshop version are at a commit: its own
 * schedule, its edition's day when it takes it, the zone. */
static void
state_digest(const unsigned char own[HASH_RAW], bool inherits, const char *day,
             const char *zone, unsigned char out[HASH_RAW])
{
	buf k = BUF_INIT;
	buf_put(&k, own, HASH_RAW);
	buf_puts(&k, inherits ? day : "");
	buf_putc(&k, '\0');
	buf_puts(&k, zone);
	hash_raw(k.data, k.len, out);
	buf_free(&k);
}

/* One step of the walk through the history (struct revwalk). */
struct revwalk {
	const history_file *hf;
	const struct timeline *ed, *zone;
	size_t w, ke, kz; /* the next workshop version, points met */
	unsigned char own[HASH_RAW];
	bool have_own, inherits;
	const char *last;
	/* a slot's events: its number, the versions' numbers (NULL: the
	 * workshop's, every slot) */
	size_t number;
	const slotid_history *ids;
	struct versions *vs;
};

/* The rank of the next commit changing anything, 0 when none is left. */
static size_t
revwalk_next(const struct revwalk *rw)
{
	size_t best = rw->w > 0 ? rw->hf->version_at[rw->w - 1] : 0;
	best = next_rank(rw->ed, rw->ke, best);
	return next_rank(rw->zone, rw->kz, best);
}

/* The author's time of the commit of rank at, the next one to apply. */
static long long
rank_time(const struct revwalk *rw, size_t at)
{
	if (rw->w > 0 && rw->hf->version_at[rw->w - 1] == at)
		return rw->hf->version_time[rw->w - 1];
	if (rw->ed != NULL && rw->ke < rw->ed->n &&
	    rw->ed->pts[rw->ke].at == at)
		return rw->ed->pts[rw->ke].time;
	if (rw->zone != NULL && rw->kz < rw->zone->n &&
	    rw->zone->pts[rw->kz].at == at)
		return rw->zone->pts[rw->kz].time;
	return 0;
}

/* Applies the workshop's versions made at rank at. */
static void
revwalk_own(eventrev *r, struct revwalk *rw, size_t at)
{
	while (rw->w > 0 && rw->hf->version_at[rw->w - 1] == at) {
		const char *hex = rw->hf->versions[--rw->w];
		size_t slot = SIZE_MAX;
		if (rw->ids != NULL &&
		    !slotid_history_find(rw->ids, rw->w, rw->number, &slot)) {
			rw->have_own = false; /* the slot is not made yet */
			rw->last = NULL;
			continue;
		}
		if (rw->last != NULL && strcmp(rw->last, hex) == 0)
			continue;
		rw->last = hex;
		unsigned char d[HASH_RAW];
		bool inh;
		if (!version_digest(r->repo, r->memo, hex, rw->vs, rw->w, slot,
		                    d, &inh))
			continue;
		memcpy(rw->own, d, HASH_RAW);
		rw->inherits = inh;
		rw->have_own = true;
	}
}

/*
 * With ranks: the workshop's versions, its edition's days and the
 * site's zones in one order, the oldest commit first; at each commit
 * changing any, what its events are made of is compared with the last
 * known.  A commit where a part is not known yet (the edition's file
 * written after the workshop) is passed over.
 */
static eventrev_rev
sequence_ranked(eventrev *r, const history_file *hf, const eventrev_base *b,
                const slotid_history *ids, size_t number)
{
	eventrev_rev out = {0, 0, 0};
	struct revwalk rw = {.hf = hf,
	                     .w = hf->nversions,
	                     .number = number,
	                     .ids = ids,
	                     .vs = versions_of(r, hf)};
	unsigned char prev[HASH_RAW], cur[HASH_RAW], own[HASH_RAW];
	bool have = false, have_own = false;
	base_lines(r, b, &rw.ed, &rw.zone);
	for (size_t at; (at = revwalk_next(&rw)) > 0;) {
		long long t = rank_time(&rw, at);
		revwalk_own(r, &rw, at);
		if (rw.have_own) { /* its file's own changes (out.own) */
			out.own +=
			    have_own && memcmp(own, rw.own, HASH_RAW) != 0;
			memcpy(own, rw.own, HASH_RAW);
			have_own = true;
		}
		const char *day = value_at_rank(rw.ed, &rw.ke, at),
		           *zone = value_at_rank(rw.zone, &rw.kz, at);
		if (!rw.have_own || zone == NULL ||
		    (rw.inherits && day == NULL))
			continue;
		state_digest(rw.own, rw.inherits, day, zone, cur);
		if (have && memcmp(prev, cur, HASH_RAW) != 0) {
			out.sequence++;
			out.changed = t;
		}
		memcpy(prev, cur, HASH_RAW);
		have = true;
	}
	return out;
}

/* Does t change at a commit newer than the one of rank first. */
static bool
changes_after(const struct timeline *t, size_t first)
{
	for (size_t k = 0; t != NULL && k < t->n; k++)
		if (t->pts[k].at < first)
			return true;
	return false;
}

/*
 * Can the walk count anything: a second content of the file, or its
 * edition's day or the zone changed after its first version.  Else its
 * events never changed and no version needs reading: a workshop
 * written once, every one of them in a site's first commit (reading
 * and parsing each was 0.3 s of a cold 10,000-page build, twice).
 */
static bool
may_change(eventrev *r, const history_file *hf, const eventrev_base *b)
{
	size_t last = hf->nversions - 1;
	for (size_t i = 0; i < last; i++)
		if (strcmp(hf->versions[i], hf->versions[last]) != 0)
			return true;
	const struct timeline *ed, *zone;
	base_lines(r, b, &ed, &zone);
	return changes_after(ed, hf->version_at[last]) ||
	       changes_after(zone, hf->version_at[last]);
}

eventrev_rev
eventrev_revision(eventrev *r, const history_file *hf, const eventrev_base *b)
{
	eventrev_rev none = {0, 0, 0};
	if (r == NULL || hf == NULL || hf->nversions == 0 ||
	    hf->version_at == NULL || repo_of(r) == NULL ||
	    !may_change(r, hf, b))
		return none;
	return sequence_ranked(r, hf, b, NULL, 0);
}

void
eventrev_slot_revisions(eventrev *r, const history_file *hf,
                        const eventrev_base *b, const size_t *numbers, size_t n,
                        eventrev_rev *out)
{
	for (size_t i = 0; i < n; i++)
		out[i] = (eventrev_rev){0, 0, 0};
	/* a slot's events are made of the file's versions and the bases
	 * too: none of its own can count where the workshop's cannot */
	if (r == NULL || hf == NULL || hf->nversions == 0 ||
	    hf->version_at == NULL || repo_of(r) == NULL ||
	    !may_change(r, hf, b))
		return;
	slotid_history *ids = slotid_history_new(r->repo, hf);
	for (size_t i = 0; ids != NULL && i < n; i++)
		out[i] = sequence_ranked(r, hf, b, ids, numbers[i]);
	slotid_history_free(ids);
}

/* A timeline's points into a key: its versions where the value changed,
 * their times and values (not their ranks, which every new commit
 * moves). */
static void
key_line(const struct timeline *t, buf *k)
{
	size_t n = t != NULL ? t->n : 0;
	buf_put(k, &n, sizeof(n));
	for (size_t i = 0; i < n; i++) {
		buf_put(k, t->pts[i].hex, strlen(t->pts[i].hex) + 1);
		buf_put(k, &t->pts[i].time, sizeof(t->pts[i].time));
		buf_put(k, t->pts[i].val, strlen(t->pts[i].val) + 1);
	}
}

void
eventrev_key(eventrev *r, const history_file *hf, const eventrev_base *b,
             buf *k)
{
	size_t n = hf != NULL ? hf->nversions : 0;
	buf_puts(k, "eventrev 2");
	buf_put(k, &n, sizeof(n));
	for (size_t i = 0; i < n; i++)
		buf_put(k, hf->versions[i], strlen(hf->versions[i]) + 1);
	const struct timeline *ed = NULL, *zone = NULL;
	if (r != NULL && repo_of(r) != NULL)
		base_lines(r, b, &ed, &zone);
	key_line(ed, k);
	key_line(zone, k);
}
