#include "eventrev.h"

#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "frontmatter.h"
#include "hash.h"
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

/* The fields a calendar's DTSTART, DTEND and LOCATION come from. */
static const char *const schedule[] = {"date",     "debut", "fin",
                                       "creneaux", "lieu",  NULL};

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

/*
 * The digest of a version's schedule (blob hex id): false when it cannot
 * be read or its front matter parsed (an old commit's broken YAML).
 * Messages go to a diag of its own, never shown: the file's old
 * mistakes are no concern of today's build.
 */
static bool
version_digest(git_repository *repo, const char *hex,
               unsigned char out[HASH_RAW])
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
	diag *d = diag_new("en");
	arena *a = arena_new();
	frontmatter_parts fp;
	const value *meta = NULL;
	const char *t = buf_cstr(&text);
	if (frontmatter_split("", t, text.len, &fp, d) == 0 && fp.has_yaml)
		meta = yamldoc_parse(a, "", t + fp.yaml_off, fp.yaml_len,
		                     fp.yaml_line, d);
	bool ok = meta != NULL;
	if (ok) {
		buf k = BUF_INIT;
		for (size_t i = 0; schedule[i] != NULL; i++)
			put_value(&k, value_get(meta, schedule[i]));
		buf_puts(&k, eventrev_status(
		                 value_get_string(value_get(meta, "statut"))));
		hash_raw(k.data, k.len, out);
		buf_free(&k);
	}
	arena_free(a);
	diag_free(d);
	buf_free(&text);
	return ok;
}

struct eventrev {
	const source *src;
	git_repository *repo;
	bool tried;
};

eventrev *
eventrev_new(const source *src)
{
	if (src == NULL || source_repo(src) == NULL)
		return NULL;
	eventrev *r = xcalloc(1, sizeof(*r));
	r->src = src;
	return r;
}

void
eventrev_free(eventrev *r)
{
	if (r == NULL)
		return;
	git_repository_free(r->repo);
	free(r);
}

unsigned
eventrev_sequence(eventrev *r, const history_file *hf)
{
	unsigned seq = 0;
	unsigned char prev[HASH_RAW], cur[HASH_RAW];
	bool have = false;
	const char *last = NULL;
	if (r == NULL || hf == NULL || hf->nversions < 2)
		return 0;
	if (!r->tried) {
		r->tried = true;
		r->repo = source_repo_reopen(r->src);
		git_error_clear();
	}
	/* oldest first: the walk lists the newest commit's version first */
	for (size_t i = hf->nversions; r->repo != NULL && i-- > 0;) {
		const char *hex = hf->versions[i];
		if (last != NULL && strcmp(last, hex) == 0)
			continue;
		last = hex;
		if (!version_digest(r->repo, hex, cur))
			continue;
		if (have && memcmp(prev, cur, HASH_RAW) != 0)
			seq++;
		memcpy(prev, cur, HASH_RAW);
		have = true;
	}
	return seq;
}

void
eventrev_key(const history_file *hf, buf *k)
{
	size_t n = hf != NULL ? hf->nversions : 0;
	buf_puts(k, "eventrev 1");
	buf_put(k, &n, sizeof(n));
	for (size_t i = 0; i < n; i++)
		buf_put(k, hf->versions[i], strlen(hf->versions[i]) + 1);
}
