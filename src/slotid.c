#include "slotid.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "buf.h"
#include "diag.h"
#include "frontmatter.h"
#include "xalloc.h"
#include "yamldoc.h"

/* A time as written ("8h", "8h30", "08:00", "17:00") as minutes, so
 * that one written two ways is the same slot; -1 when not a time. */
static int
minutes_of(const char *t)
{
	int h = 0, m = 0, k = 0;
	if (t == NULL || *t < '0' || *t > '9')
		return -1;
	while (*t >= '0' && *t <= '9' && k++ < 2)
		h = h * 10 + (*t++ - '0');
	if (*t != ':' && *t != 'h' && *t != 'H')
		return -1;
	for (t++, k = 0; *t >= '0' && *t <= '9' && k++ < 2;)
		m = m * 10 + (*t++ - '0');
	return *t == '\0' && h < 24 && m < 60 ? h * 60 + m : -1;
}

/* A slot's day and times as one string (malloc'ed): what it is known
 * by from one version to the next. */
static char *
slot_key(const value *sl)
{
	const char *d = value_get_string(value_get(sl, "date"));
	const char *s = value_get_string(value_get(sl, "debut"));
	const char *f = value_get_string(value_get(sl, "fin"));
	char out[160];
	snprintf(out, sizeof(out), "%.40s|%d|%.40s|%d|%.40s", d ? d : "",
	         minutes_of(s), minutes_of(s) < 0 && s ? s : "", minutes_of(f),
	         minutes_of(f) < 0 && f ? f : "");
	return xstrdup(out);
}

/* The slots of one version, their keys and numbers; what a slot taken
 * out was (slotid_gone): its fields as written, whether it said
 * « statut: annule ». */
struct slots {
	char **keys;
	size_t *nums;
	size_t n;
	char *block;    /* its creneaux: lines as written (NULL: not found) */
	char **written; /* per slot: date, debut, fin, each ending in '\0' */
	bool *off;
	bool lone; /* no creneaux: the workshop's debut/fin as one slot */
	char *hex; /* a lone slot not read yet (keys[0] NULL): its blob */
};

static void
slots_free(struct slots *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->keys[i]);
		free(s->written[i]);
	}
	free(s->keys);
	free(s->nums);
	free(s->block);
	free(s->written);
	free(s->off);
	free(s->hex);
	*s = (struct slots){NULL, NULL, 0, NULL, NULL, NULL, false, NULL};
}

/* A slot's date, debut and fin as written, one after the other, each
 * ended by '\0' ("" when not given). */
static char *
written_of(const value *sl)
{
	const char *f[3] = {value_get_string(value_get(sl, "date")),
	                    value_get_string(value_get(sl, "debut")),
	                    value_get_string(value_get(sl, "fin"))};
	size_t len[3], total = 0;
	for (size_t i = 0; i < 3; i++)
		total += (len[i] = f[i] != NULL ? strlen(f[i]) : 0) + 1;
	char *out = xmalloc(total), *p = out;
	for (size_t i = 0; i < 3; i++, p++) {
		memcpy(p, f[i] != NULL ? f[i] : "", len[i]);
		p += len[i];
		*p = '\0';
	}
	return out;
}

/* A slot's written fields (written_of()) have this length. */
static size_t
written_len(const char *w)
{
	size_t n = 0;
	for (size_t i = 0; i < 3; i++)
		n += strlen(w + n) + 1;
	return n;
}

/* A copy of s, owning its own memory. */
static struct slots
slots_copy(const struct slots *s)
{
	struct slots c = {xcalloc(s->n + 1, sizeof(*c.keys)),
	                  xcalloc(s->n + 1, sizeof(*c.nums)),
	                  s->n,
	                  NULL,
	                  xcalloc(s->n + 1, sizeof(*c.written)),
	                  xcalloc(s->n + 1, sizeof(*c.off)),
	                  s->lone,
	                  NULL};
	for (size_t i = 0; i < s->n && s->keys[i] != NULL; i++) {
		c.keys[i] = xstrdup(s->keys[i]);
		size_t wl = written_len(s->written[i]);
		c.written[i] = memcpy(xmalloc(wl), s->written[i], wl);
	}
	c.hex = s->hex != NULL ? xstrdup(s->hex) : NULL;
	memcpy(c.nums, s->nums, s->n * sizeof(*c.nums));
	memcpy(c.off, s->off, s->n * sizeof(*c.off));
	c.block = s->block != NULL ? xstrdup(s->block) : NULL;
	return c;
}

/* The lines of text (len bytes) from a "creneaux:" at the start of a
 * line to the next key, or the front matter's end (malloc'ed); NULL
 * when there is none.  Most commits change a workshop's text, not its
 * slots: a version whose lines are the version before's is not parsed
 * (reading every version made fabrique check four times as long on a
 * site of 100 workshops in 33 commits). */
static char *
creneaux_block(const char *text, size_t len)
{
	const char *end = text + len, *p = text, *from = NULL;
	for (; p < end;
	     p = memchr(p, '\n', (size_t)(end - p)), p = p ? p + 1 : end) {
		if (from == NULL) {
			if ((size_t)(end - p) >= 9 &&
			    memcmp(p, "creneaux:", 9) == 0)
				from = p;
			continue;
		}
		if (*p != ' ' && *p != '\t' && *p != '\r' && *p != '\n' &&
		    *p != '#' &&
		    (*p != '-' || (end - p >= 3 && memcmp(p, "---", 3) == 0)))
			break;
	}
	if (from == NULL)
		return NULL;
	char *out = xmalloc((size_t)(p - from) + 1);
	memcpy(out, from, (size_t)(p - from));
	out[p - from] = '\0';
	return out;
}

/* The keys of the slots of list (numbers not given yet). */
static struct slots
slots_of(const value *list)
{
	struct slots s = {NULL, NULL, value_len(list), NULL,
	                  NULL, NULL, false,           NULL};
	s.keys = xcalloc(s.n + 1, sizeof(*s.keys));
	s.nums = xcalloc(s.n + 1, sizeof(*s.nums));
	s.written = xcalloc(s.n + 1, sizeof(*s.written));
	s.off = xcalloc(s.n + 1, sizeof(*s.off));
	for (size_t i = 0; i < s.n; i++) {
		const value *sl = value_at(list, i);
		const char *st = value_get_string(value_get(sl, "statut"));
		s.keys[i] = slot_key(sl);
		s.written[i] = written_of(sl);
		s.off[i] = st != NULL && strcmp(st, "annule") == 0;
	}
	return s;
}

/* A version without creneaux: its date, debut and fin (meta's own) as
 * one slot.  After creneaux, the event left keeps the UID of the slot it
 * continues (tester 26 F1's variant: it took the workshop's own, a new
 * event beside the one residents held); before any, it is the
 * workshop's own event (number 0, its UID), which the slot of
 * creneaux written later continues in the same way. */
static struct slots
lone_of(const value *meta)
{
	struct slots s = slots_of(NULL);
	const char *st = value_get_string(value_get(meta, "statut"));
	s.n = 1;
	s.lone = true;
	s.keys[0] = slot_key(meta);
	s.written[0] = written_of(meta);
	s.off[0] = st != NULL && strcmp(st, "annule") == 0;
	return s;
}

/* The slots of a version's front matter. */
static struct slots
version_of(const value *meta)
{
	const value *list = value_get(meta, "creneaux");
	if (value_len(list) > 0)
		return slots_of(list);
	return lone_of(meta);
}

/* A version without creneaux, its version before one too and the
 * workshop's own event (or none: the first): the workshop's own event
 * still, number 0, its times not read (most workshops never have
 * creneaux: reading every version of each made fabrique check four
 * times as long); lone_read() reads them when a version after has
 * creneaux.  hex: its blob. */
static struct slots
lone_pending(const char *hex)
{
	struct slots s = slots_of(NULL);
	s.n = 1;
	s.lone = true;
	s.hex = xstrdup(hex);
	return s;
}

/* Reads the times of s, a lone_pending() version, from its blob (in
 * place: its arrays are shared with the history's copy); when it cannot
 * be read, a slot of no times (the first slot continues it). */
static void
lone_read(git_repository *repo, struct slots *s)
{
	if (!s->lone || s->n != 1 || s->keys[0] != NULL)
		return;
	const value *meta = NULL;
	arena *a = arena_new();
	git_oid id;
	git_blob *blob = NULL;
	if (s->hex != NULL && git_oid_fromstr(&id, s->hex) == 0 &&
	    git_blob_lookup(&blob, repo, &id) == 0) {
		size_t len = (size_t)git_blob_rawsize(blob);
		const char *t =
		    arena_strndup(a, git_blob_rawcontent(blob), len);
		git_blob_free(blob);
		diag *d = diag_new("en");
		frontmatter_parts fp;
		if (frontmatter_split("", t, len, &fp, d) == 0 && fp.has_yaml)
			meta = yamldoc_parse(a, "", t + fp.yaml_off,
			                     fp.yaml_len, fp.yaml_line, d);
		diag_free(d);
	}
	git_error_clear();
	const char *st = value_get_string(value_get(meta, "statut"));
	s->keys[0] = slot_key(meta);
	s->written[0] = written_of(meta);
	s->off[0] = st != NULL && strcmp(st, "annule") == 0;
	arena_free(a);
}

struct slotid_history {
	struct slots *at; /* parallel to hf's versions; n 0 and keys NULL
	                     for one not read */
	size_t n, top;
	struct slots last; /* the newest version read */
	/* follow_own()'s slot continuing the workshop's own event: its
	 * place + 1, the number fabrique before session 32 gave it (its
	 * creneau-N.ics then); 0: none */
	size_t own_place;
};

/* Is number among the first n of nums. */
static bool
has_number(const size_t *nums, size_t n, size_t number)
{
	for (size_t j = 0; j < n; j++)
		if (nums[j] == number)
			return true;
	return false;
}

/* The number (*num) of an older version's slot (h's versions from
 * older on, the newest first) with key, taken out since (not in prev)
 * and not given in cur yet (set: which of cur's are): a slot put back
 * (the editor told to keep it with « statut: annule ») is the same
 * event again; false when none. */
static bool
revived(const slotid_history *h, size_t older, const struct slots *prev,
        const struct slots *cur, const bool *set, const char *key, size_t *num)
{
	for (size_t v = older; h != NULL && v < h->n; v++)
		for (size_t i = 0; i < h->at[v].n; i++) {
			size_t k = h->at[v].nums[i];
			bool given = false;
			for (size_t j = 0; j < cur->n && !given; j++)
				given = set[j] && cur->nums[j] == k;
			if (h->at[v].keys[i] != NULL &&
			    strcmp(h->at[v].keys[i], key) == 0 &&
			    !has_number(prev->nums, prev->n, k) && !given) {
				*num = k;
				return true;
			}
		}
	return false;
}

/* Are slot i of prev and j of cur the same day and times; loose: a
 * lone slot (lone_of()) without a date of its own is on any slot's day
 * (the edition's, which this file does not say). */
static bool
same_slot(const struct slots *prev, size_t i, const struct slots *cur, size_t j,
          bool loose)
{
	const char *a = prev->keys[i], *b = cur->keys[j];
	if (a == NULL || b == NULL) /* a lone_pending() one */
		return false;
	if (strcmp(a, b) == 0)
		return true;
	if (!loose || !((prev->lone && *a == '|') || (cur->lone && *b == '|')))
		return false;
	return strcmp(strchr(a, '|'), strchr(b, '|')) == 0;
}

/* The first creneaux of a file, after its own debut/fin (prev, the
 * workshop's own event, number 0): numbered by their places 1, 2, 3...
 * as a file's first creneaux always were, but for the slot continuing
 * the workshop's event (the same times, else the first), which keeps
 * its number 0, its UID: residents who imported the workshop had it
 * beside the new slot's event as a copy.  false: not that case. */
static bool
follow_own(const struct slots *prev, struct slots *cur, slotid_history *h)
{
	if (!prev->lone || prev->nums[0] != 0 || cur->lone || cur->n == 0 ||
	    h->top != 0)
		return false;
	size_t own = 0;
	for (int loose = 0; loose < 2; loose++)
		for (size_t j = cur->n; j-- > 0;)
			if (same_slot(prev, 0, cur, j, loose))
				own = j;
	for (size_t j = 0; j < cur->n; j++)
		cur->nums[j] = j == own ? 0 : j + 1;
	h->top = cur->n;
	/* never another slot's number; a file only with two slots or more */
	h->own_place = cur->n >= 2 ? own + 1 : 0;
	return true;
}

/* Numbers cur's slots from prev's (the version before): the same key,
 * else the same place when that one was not found either, else the
 * number of a slot of that key taken out earlier (revived()), else a new
 * number above h->top; follow_own() first.  older: where h's versions
 * before prev start. */
static void
follow(const struct slots *prev, struct slots *cur, slotid_history *h,
       size_t older)
{
	if (follow_own(prev, cur, h))
		return;
	bool *used = xcalloc(prev->n + 1, sizeof(*used));
	bool *set = xcalloc(cur->n + 1, sizeof(*set));
	for (int loose = 0; loose < 2; loose++)
		for (size_t j = 0; j < cur->n; j++)
			for (size_t i = 0; i < prev->n && !set[j]; i++)
				if (!used[i] &&
				    same_slot(prev, i, cur, j, loose)) {
					used[i] = set[j] = true;
					cur->nums[j] = prev->nums[i];
				}
	for (size_t j = 0; j < cur->n; j++) {
		if (set[j])
			continue;
		if (j < prev->n && !used[j])
			used[j] = true, cur->nums[j] = prev->nums[j];
		else if (!revived(h, older, prev, cur, set, cur->keys[j],
		                  &cur->nums[j]))
			cur->nums[j] = ++h->top;
		set[j] = true;
	}
	free(set);
	free(used);
}

/* The creneaux of the version of blob hex, numbered from prev (that
 * version's, copied, when its creneaux' lines are the same); false when
 * it cannot be read or parsed (prev kept). */
static bool
version_slots(git_repository *repo, const char *hex, slotid_history *h,
              size_t older, const slotid_seen *seen, struct slots *out)
{
	git_oid id;
	git_blob *blob = NULL;
	if (git_oid_fromstr(&id, hex) < 0 ||
	    git_blob_lookup(&blob, repo, &id) < 0) {
		git_error_clear();
		return false;
	}
	buf text = BUF_INIT;
	buf_put(&text, git_blob_rawcontent(blob),
	        (size_t)git_blob_rawsize(blob));
	git_blob_free(blob);
	if (seen != NULL)
		seen->fn(seen->ctx, hex, buf_cstr(&text), text.len);
	char *block = creneaux_block(text.data, text.len);
	struct slots *prev = &h->last;
	if (block == NULL &&
	    (prev->n == 0 || (prev->lone && prev->nums[0] == 0))) {
		*out = lone_pending(hex); /* the workshop's own: not parsed */
		buf_free(&text);
		return true;
	}
	if (block != NULL)
		lone_read(repo, prev);
	if (block != NULL && prev->block != NULL &&
	    strcmp(block, prev->block) == 0) {
		*out = slots_copy(prev);
		free(block);
		buf_free(&text);
		return true;
	}
	diag *d = diag_new("en"); /* old mistakes are no concern of today */
	arena *a = arena_new();
	frontmatter_parts fp;
	const value *meta = NULL;
	const char *t = buf_cstr(&text);
	if (frontmatter_split("", t, text.len, &fp, d) == 0 && fp.has_yaml)
		meta = yamldoc_parse(a, "", t + fp.yaml_off, fp.yaml_len,
		                     fp.yaml_line, d);
	if (meta != NULL) {
		*out = version_of(meta);
		out->block = block;
		block = NULL;
		follow(prev, out, h, older);
	}
	free(block);
	arena_free(a);
	diag_free(d);
	buf_free(&text);
	return meta != NULL;
}

/* slotid_history_new(), each version read given to seen (NULL: none). */
static slotid_history *
history_read(git_repository *repo, const history_file *hf,
             const slotid_seen *seen)
{
	if (repo == NULL || hf == NULL || hf->nversions == 0)
		return NULL;
	slotid_history *h = xcalloc(1, sizeof(*h));
	h->n = hf->nversions;
	h->at = xcalloc(h->n, sizeof(*h->at));
	for (size_t v = h->n; v-- > 0;) {
		struct slots cur;
		if (!version_slots(repo, hf->versions[v], h, v + 1, seen, &cur))
			continue;
		h->at[v] = cur;
		h->last = cur; /* shared with at[v], freed there */
	}
	return h;
}

slotid_history *
slotid_history_new(git_repository *repo, const history_file *hf)
{
	return history_read(repo, hf, NULL);
}

void
slotid_history_free(slotid_history *h)
{
	if (h == NULL)
		return;
	for (size_t v = 0; v < h->n; v++)
		slots_free(&h->at[v]);
	free(h->at);
	free(h);
}

bool
slotid_history_find(const slotid_history *h, size_t v, size_t number,
                    size_t *index)
{
	if (h == NULL || v >= h->n || h->at[v].keys == NULL)
		return false;
	for (size_t j = 0; j < h->at[v].n; j++)
		if (h->at[v].nums[j] == number) {
			*index = j;
			return true;
		}
	return false;
}

/* The slots of h's versions that cur lacks, each as its newest version
 * wrote it, unless that one said « statut: annule » (residents were
 * told; taking it out afterwards is the ordinary clean-up); in a. */
static slotid_gone *
gone_of(const slotid_history *h, const struct slots *cur, arena *a, size_t *n)
{
	bool *seen = xcalloc(h->top + 2, sizeof(*seen));
	slotid_gone *out = NULL;
	size_t cap = 0;
	*n = 0;
	for (size_t v = 0; v < h->n; v++) /* the newest version first */
		for (size_t j = 0; j < h->at[v].n; j++) {
			size_t num = h->at[v].nums[j];
			if (num > h->top || seen[num] ||
			    h->at[v].written[j] == NULL ||
			    has_number(cur->nums, cur->n, num))
				continue;
			seen[num] = true;
			if (h->at[v].off[j])
				continue;
			if (*n == cap) {
				cap = cap ? 2 * cap : 4;
				slotid_gone *bigger =
				    arena_alloc(a, cap * sizeof(*bigger));
				if (*n > 0)
					memcpy(bigger, out, *n * sizeof(*out));
				out = bigger;
			}
			const char *w = h->at[v].written[j];
			const char *deb = w + strlen(w) + 1;
			out[(*n)++] = (slotid_gone){
			    num, *w ? arena_strdup(a, w) : NULL,
			    arena_strdup(a, deb),
			    arena_strdup(a, deb + strlen(deb) + 1)};
		}
	free(seen);
	return out;
}

/* Was creneau-N.ics written for number n at some version of h or cur:
 * a slot's of creneaux of two slots or more (calendar.c writes none for
 * a lone one), or follow_own()'s slot's number before session 32. */
static bool
published(const slotid_history *h, const struct slots *cur, size_t n)
{
	if (h->own_place != 0 && n == h->own_place)
		return true;
	if (!cur->lone && cur->n >= 2 && has_number(cur->nums, cur->n, n))
		return true;
	for (size_t v = 0; v < h->n; v++)
		if (!h->at[v].lone && h->at[v].n >= 2 &&
		    has_number(h->at[v].nums, h->at[v].n, n))
			return true;
	return false;
}

/*
 * The creneau-N.ics addresses published before (published()) that no
 * slot of cur has as its own file now, each with the number of cur's
 * slot whose event it holds now: the same number, or for follow_own()'s
 * old number the workshop's own (0); in a.  An address whose slot is
 * gone (taken out) is none: it has no event left to hold.
 */
static slotid_alias *
aliases_of(const slotid_history *h, const struct slots *cur, arena *a,
           size_t *n)
{
	slotid_alias *out = NULL;
	*n = 0;
	for (size_t num = 0; num <= h->top; num++) {
		size_t to = num == h->own_place && num != 0 ? 0 : num;
		bool own_file = !cur->lone && cur->n >= 2 &&
		                has_number(cur->nums, cur->n, num);
		if (own_file || !has_number(cur->nums, cur->n, to) ||
		    !published(h, cur, num))
			continue;
		slotid_alias *more = arena_alloc(a, (*n + 1) * sizeof(*more));
		if (*n > 0)
			memcpy(more, out, *n * sizeof(*out));
		out = more;
		out[(*n)++] = (slotid_alias){num, to};
	}
	return out;
}

void
slotid_numbers(git_repository *repo, const history_file *hf, const value *now,
               arena *a, const slotid_seen *seen, slotid_result *r)
{
	const value *list = value_get(now, "creneaux");
	*r = (slotid_result){NULL, NULL, 0, 0, NULL, 0};
	slotid_history *h = history_read(repo, hf, seen);
	if (h == NULL)
		return;
	struct slots cur = version_of(now);
	if (!cur.lone)
		lone_read(repo, &h->last);
	follow(&h->last, &cur, h, 0);
	if (cur.lone) {
		r->lone = cur.nums[0];
	} else if (value_len(list) > 0) {
		r->numbers = arena_alloc(a, cur.n * sizeof(*r->numbers));
		memcpy(r->numbers, cur.nums, cur.n * sizeof(*r->numbers));
	}
	if (cur.n > 0) {
		r->gone = gone_of(h, &cur, a, &r->ngone);
		r->alias = aliases_of(h, &cur, a, &r->nalias);
	}
	slots_free(&cur);
	slotid_history_free(h);
}

size_t
slotid_of_view(const value *sl, size_t i)
{
	/* 0: the workshop's own event, continued (slotid_numbers()) */
	const value *n = value_get(sl, "numero");
	double id = value_get_number(n);
	return value_kind_of(n) == VALUE_NUMBER && id >= 0 ? (size_t)id : i + 1;
}
