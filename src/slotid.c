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

/* The slots of one version, their keys and numbers. */
struct slots {
	char **keys;
	size_t *nums;
	size_t n;
	char *block; /* its creneaux: lines as written (NULL: not found) */
};

static void
slots_free(struct slots *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->keys[i]);
	free(s->keys);
	free(s->nums);
	free(s->block);
	*s = (struct slots){NULL, NULL, 0, NULL};
}

/* A copy of s, owning its own memory. */
static struct slots
slots_copy(const struct slots *s)
{
	struct slots c = {xcalloc(s->n + 1, sizeof(*c.keys)),
	                  xcalloc(s->n + 1, sizeof(*c.nums)), s->n, NULL};
	for (size_t i = 0; i < s->n; i++)
		c.keys[i] = xstrdup(s->keys[i]);
	memcpy(c.nums, s->nums, s->n * sizeof(*c.nums));
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
	struct slots s = {NULL, NULL, value_len(list), NULL};
	s.keys = xcalloc(s.n + 1, sizeof(*s.keys));
	s.nums = xcalloc(s.n + 1, sizeof(*s.nums));
	for (size_t i = 0; i < s.n; i++)
		s.keys[i] = slot_key(value_at(list, i));
	return s;
}

/* Numbers cur's slots from prev's (the version before): the same key,
 * else the same place when that one was not found either, else a new
 * number above *top. */
static void
follow(const struct slots *prev, struct slots *cur, size_t *top)
{
	bool *used = xcalloc(prev->n + 1, sizeof(*used));
	for (size_t j = 0; j < cur->n; j++)
		for (size_t i = 0; i < prev->n && cur->nums[j] == 0; i++)
			if (!used[i] &&
			    strcmp(prev->keys[i], cur->keys[j]) == 0) {
				used[i] = true;
				cur->nums[j] = prev->nums[i];
			}
	for (size_t j = 0; j < cur->n; j++) {
		if (cur->nums[j] != 0)
			continue;
		if (j < prev->n && !used[j]) {
			used[j] = true;
			cur->nums[j] = prev->nums[j];
		} else {
			cur->nums[j] = ++*top;
		}
	}
	free(used);
}

/* The creneaux of the version of blob hex, numbered from prev (that
 * version's, copied, when its creneaux' lines are the same); false when
 * it cannot be read or parsed (prev kept). */
static bool
version_slots(git_repository *repo, const char *hex, const struct slots *prev,
              size_t *top, struct slots *out)
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
	char *block = creneaux_block(text.data, text.len);
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
		*out = slots_of(value_get(meta, "creneaux"));
		out->block = block;
		block = NULL;
		follow(prev, out, top);
	}
	free(block);
	arena_free(a);
	diag_free(d);
	buf_free(&text);
	return meta != NULL;
}

struct slotid_history {
	struct slots *at; /* parallel to hf's versions; n 0 and keys NULL
	                     for one not read */
	size_t n, top;
	struct slots last; /* the newest version read */
};

slotid_history *
slotid_history_new(git_repository *repo, const history_file *hf)
{
	if (repo == NULL || hf == NULL || hf->nversions == 0)
		return NULL;
	slotid_history *h = xcalloc(1, sizeof(*h));
	h->n = hf->nversions;
	h->at = xcalloc(h->n, sizeof(*h->at));
	for (size_t v = h->n; v-- > 0;) {
		struct slots cur;
		if (!version_slots(repo, hf->versions[v], &h->last, &h->top,
		                   &cur))
			continue;
		h->at[v] = cur;
		h->last = cur; /* shared with at[v], freed there */
	}
	return h;
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

size_t *
slotid_numbers(git_repository *repo, const history_file *hf, const value *now,
               arena *a)
{
	const value *list = value_get(now, "creneaux");
	if (value_len(list) == 0)
		return NULL;
	slotid_history *h = slotid_history_new(repo, hf);
	if (h == NULL)
		return NULL;
	struct slots cur = slots_of(list);
	follow(&h->last, &cur, &h->top);
	size_t *out = arena_alloc(a, cur.n * sizeof(*out));
	memcpy(out, cur.nums, cur.n * sizeof(*out));
	slots_free(&cur);
	slotid_history_free(h);
	return out;
}

size_t
slotid_of_view(const value *sl, size_t i)
{
	double id = value_get_number(value_get(sl, "numero"));
	return id >= 1 ? (size_t)id : i + 1;
}
