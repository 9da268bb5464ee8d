/*
 * schema.c - the schema compiler: kinds, name resolution, loading and
 * extending, and the helpers the other schema_*.c files share.
 *
 * The schema document (themes/commune/schema.yaml, whose header documents
 * the language) is compiled once into field tables: every map of fields
 * has its canonical keys sorted for binary search, so validating a
 * document costs one fold and one lookup per key, whatever the schema's
 * size.  After schema_load() (and schema_extend()) the schema is read
 * only, so documents may be validated from several threads at once.
 */
#include "schema.h"

#include <ctype.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "schema_int.h"
#include "slug.h"

/* ---------------------------------------------------------------------- */
/* Small helpers                                                          */

/* YAML's ways of writing nothing, plus text made only of spaces: a field
 * written but left empty counts as absent. */
bool
schema_is_blank(const value *v)
{
	if (value_kind_of(v) == VALUE_NULL)
		return true;
	const char *s = value_get_string(v);
	if (s == NULL)
		return false;
	if (value_is_plain(v) &&
	    (strcmp(s, "~") == 0 || strcasecmp(s, "null") == 0))
		return true;
	for (; *s != '\0'; s++)
		if (!isspace((unsigned char)*s))
			return false;
	return true;
}

value *
schema_at(arena *a, value *v, const value *src)
{
	value_pos p = value_where(src);
	return value_set_pos(a, v, p.file, p.line, p.col);
}

/* Canonical keys are [a-z0-9_]: most documents use them, and skipping
 * the fold for them keeps validation cheap. */
bool
schema_is_canonical(const char *s)
{
	if (!(*s >= 'a' && *s <= 'z'))
		return false;
	for (; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		      *s == '_'))
			return false;
	return true;
}

/* "Référents", "Image-Alt" and "image alt" all name the same field. */
const char *
schema_fold_key(buf *b, const char *key)
{
	if (schema_is_canonical(key))
		return key;
	buf_reset(b);
	slug_fold(key, b);
	for (size_t i = 0; i < b->len; i++)
		if (b->data[i] == ' ' || b->data[i] == '-')
			b->data[i] = '_';
	return buf_cstr(b);
}

/* Entry of a raw map whose key folds to key; NULL if none. */
const value *
schema_get_folded(const value *map, const char *key)
{
	buf b = BUF_INIT;
	const value *found = NULL;
	if (value_kind_of(map) != VALUE_MAP)
		return NULL;
	for (size_t i = 0; i < value_len(map) && found == NULL; i++)
		if (strcmp(schema_fold_key(&b, value_key_at(map, i)), key) == 0)
			found = value_val_at(map, i);
	buf_free(&b);
	return found;
}

const char *
schema_join(arena *a, const char *const *items, size_t n, const char *prefix)
{
	buf b = BUF_INIT;
	for (size_t i = 0; i < n; i++)
		buf_printf(&b, "%s%s%s", i ? ", " : "", prefix, items[i]);
	char *s = arena_strdup(a, buf_cstr(&b));
	buf_free(&b);
	return s;
}

/* Levenshtein distance, for "did you mean"; keys are short. */
static size_t
edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 63 || lb > 63)
		return (size_t)-1;
	size_t row[64], prev;
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t cost = a[i - 1] != b[j - 1];
			size_t best = prev + cost;
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			prev = row[j];
			row[j] = best;
		}
	}
	return row[lb];
}

/* The closest name within 2 edits, or NULL (a guess replacing most of
 * a short word would mislead more than help). */
const char *
schema_closest(const char *const *names, size_t n, const char *word)
{
	const char *best = NULL;
	size_t bestd = 3;
	for (size_t i = 0; i < n; i++) {
		size_t d = edit_distance(word, names[i]);
		if (d < bestd)
			best = names[i], bestd = d;
	}
	return best != NULL && bestd < strlen(word) ? best : NULL;
}

/* The last part of a reference: "preau" of "ateliers/preau". */
static const char *
ref_base(const char *ref)
{
	const char *slash = strrchr(ref, '/');
	return slash != NULL ? slash + 1 : ref;
}

/* Does one last part hold the other whole, between hyphens or at its
 * ends ("preau" in "repeindre-le-preau"), and is it long enough for
 * that to mean something? */
static bool
holds_word(const char *big, const char *small)
{
	size_t ls = strlen(small);
	if (ls < 4 || strlen(big) <= ls)
		return false;
	for (const char *p = strstr(big, small); p != NULL;
	     p = strstr(p + 1, small))
		if ((p == big || p[-1] == '-') &&
		    (p[ls] == '\0' || p[ls] == '-'))
			return true;
	return false;
}

const char *
schema_closest_ref(const char *const *keys, size_t n, const char *ref)
{
	const char *hint = schema_closest(keys, n, ref);
	if (hint != NULL)
		return hint;
	const char *rb = ref_base(ref), *found = NULL;
	size_t dir = (size_t)(rb - ref);
	for (size_t i = 0; i < n; i++) {
		const char *kb = ref_base(keys[i]);
		if ((size_t)(kb - keys[i]) != dir ||
		    strncmp(keys[i], ref, dir) != 0)
			continue;
		if (!holds_word(rb, kb) && !holds_word(kb, rb))
			continue;
		if (found != NULL)
			return NULL; /* two candidates: no guess */
		found = keys[i];
	}
	return found;
}

/* ---------------------------------------------------------------------- */
/* Field tables                                                           */

static int
slot_cmp(const void *a, const void *b)
{
	return strcmp(((const struct slot *)a)->key,
	              ((const struct slot *)b)->key);
}

const struct slot *
schema_fs_find(const struct fieldset *fs, const char *key)
{
	struct slot k = {key, 0};
	return bsearch(&k, fs->sorted, fs->n, sizeof(k), slot_cmp);
}

struct field *
schema_fs_field(const struct fieldset *fs, const char *key)
{
	const struct slot *sl = fs != NULL ? schema_fs_find(fs, key) : NULL;
	return sl != NULL ? fs->order[sl->idx] : NULL;
}

/* Builds the lookup table; a name given twice (a kind's field and a
 * common one, or a site's extension) is the schema author's error. */
struct fieldset *
schema_fs_build(struct comp *c, struct field **fields, size_t n)
{
	arena *a = c->s->a;
	struct fieldset *fs = arena_zalloc(a, sizeof(*fs));
	fs->order = arena_alloc(a, (n ? n : 1) * sizeof(*fs->order));
	fs->sorted = arena_alloc(a, (n ? n : 1) * sizeof(*fs->sorted));
	const char **names = arena_alloc(a, (n ? n : 1) * sizeof(*names));
	for (size_t i = 0; i < n; i++) {
		fs->order[i] = fields[i];
		fs->sorted[i] = (struct slot){fields[i]->name, i};
		names[i] = fields[i]->name;
	}
	fs->n = n;
	qsort(fs->sorted, n, sizeof(*fs->sorted), slot_cmp);
	for (size_t i = 1; i < n; i++) {
		if (strcmp(fs->sorted[i - 1].key, fs->sorted[i].key) != 0)
			continue;
		const struct field *f = fields[fs->sorted[i].idx];
		const struct field *g = fields[fs->sorted[i - 1].idx];
		if (fs->sorted[i].idx < fs->sorted[i - 1].idx) {
			const struct field *t = f;
			f = g, g = t;
		}
		ERR_POS(c, f->pos, "'%s' is defined twice (also at line %u)",
		        f->name, g->pos.line);
	}
	fs->joined = schema_join(a, names, n, "");
	return fs;
}

/* ---------------------------------------------------------------------- */
/* Public entry points for documents                                      */

const struct kind *
schema_find_kind(const schema *s, const char *name)
{
	for (size_t i = 0; i < s->nkinds; i++)
		if (strcmp(s->kinds[i].name, name) == 0)
			return &s->kinds[i];
	return NULL;
}

bool
schema_kind_public_contacts(const schema *s, const char *kind)
{
	const struct kind *k = kind != NULL ? schema_find_kind(s, kind) : NULL;
	return k != NULL && k->public_contacts;
}

const char *
schema_kind_for_path(const schema *s, const char *path)
{
	for (size_t i = 0; i < s->nkinds; i++)
		for (size_t j = 0; j < s->kinds[i].npatterns; j++)
			if (fnmatch(s->kinds[i].patterns[j], path,
			            FNM_PATHNAME | FNM_PERIOD) == 0)
				return s->kinds[i].name;
	return NULL;
}

const char *
schema_kind_pattern(const schema *s, const char *kind)
{
	const struct kind *k = schema_find_kind(s, kind);
	return k != NULL && k->npatterns > 0 ? k->patterns[0] : NULL;
}
long
schema_field_max(const schema *s, const char *kind, const char *field)
{
	const struct kind *k = schema_find_kind(s, kind);
	const struct field *f =
	    k != NULL ? schema_fs_field(k->fs, field) : NULL;
	return f != NULL && f->has_max ? (long)f->max : 0;
}

bool
schema_kind_has_field(const schema *s, const char *kind, const char *field)
{
	const struct kind *k = schema_find_kind(s, kind);
	return k != NULL && schema_fs_field(k->fs, field) != NULL;
}

/* The fields of a kind down a dotted path (fields.0 = kind's own). */
static const struct fieldset *
fields_at(const schema *s, const char *kind, const char *path, int *open)
{
	const struct kind *k = schema_find_kind(s, kind);
	const struct fieldset *fs = k != NULL ? k->fs : NULL;
	*open = 0;
	while (fs != NULL && *path != '\0') {
		size_t n = strcspn(path, ".");
		char name[128];
		if (n >= sizeof(name))
			return NULL;
		memcpy(name, path, n);
		name[n] = '\0';
		const struct field *f = schema_fs_field(fs, name);
		if (f == NULL)
			return NULL;
		if (f->fields == NULL) {
			/* a list, a map kept as is, a scalar */
			*open = 1;
			return NULL;
		}
		fs = f->fields;
		path += n + (path[n] == '.');
	}
	return fs;
}

int
schema_field_names(const schema *s, const char *kind, const char *path,
                   const char *const **names, size_t *n)
{
	int open;
	const struct fieldset *fs = fields_at(s, kind, path, &open);
	if (fs == NULL)
		return open ? 0 : -1;
	const char **out = arena_alloc(s->a, (fs->n + 1) * sizeof(*out));
	for (size_t i = 0; i < fs->n; i++)
		out[i] = fs->order[i]->name;
	*names = out;
	*n = fs->n;
	return 1;
}

/* ---------------------------------------------------------------------- */
/* Resolving names, once every kind is compiled                           */

static void resolve_fs(struct comp *c, const struct fieldset *fs);
static const char *kinds_joined(const schema *s);

/* Ids of a list of {id, nom} maps (or of plain ids): the site's
 * categories, or the theme's defaults for them. */
static void
read_ids(schema *s, const value *items, struct enumset *es)
{
	bool list = value_kind_of(items) == VALUE_LIST;
	size_t n = list ? value_len(items) : 1, k = 0;
	const char **vals = arena_alloc(s->a, (n ? n : 1) * sizeof(*vals));
	for (size_t i = 0; i < n; i++) {
		const value *it = list ? value_at(items, i) : items;
		if (value_kind_of(it) == VALUE_MAP)
			it = schema_get_folded(it, "id");
		const char *id = value_get_string(it);
		if (id != NULL && !schema_is_blank(it))
			vals[k++] = arena_strdup(s->a, id);
	}
	schema_parse_enumset(s->a, es, vals, k);
}

/* 'valeurs_de: categories': the values are the ids of site.yaml's
 * categories, defaulting to that field's 'defaut' in the schema. */
static void
resolve_list(struct comp *c, struct field *f)
{
	schema *s = c->s;
	for (size_t i = 0; i < s->nlists; i++)
		if (strcmp(s->lists[i].name, f->values_from.s) == 0) {
			f->list_idx = i;
			return;
		}
	const struct kind *site = schema_find_kind(s, "site");
	const struct field *src =
	    site != NULL ? schema_fs_field(site->fs, f->values_from.s) : NULL;
	if (src == NULL || src->type != T_LIST) {
		ERR_POS(c, f->values_from.pos,
		        "'valeurs_de' must name a list field of site (like "
		        "categories); got '%s'",
		        f->values_from.s);
		return;
	}
	struct sitelist *l = arena_alloc(s->a, (s->nlists + 1) * sizeof(*l));
	if (s->nlists > 0)
		memcpy(l, s->lists, s->nlists * sizeof(*l));
	l[s->nlists].name = src->name;
	read_ids(s, src->raw_default, &l[s->nlists].vals);
	f->list_idx = s->nlists;
	s->lists = l;
	s->nlists++;
}

/* A name that must be a field beside f (in the same map). */
static const struct field *
need_sibling(struct comp *c, const struct fieldset *fs, const struct field *f,
             const struct name *n)
{
	const struct field *g = n->s != NULL ? schema_fs_field(fs, n->s) : NULL;
	if (n->s != NULL && g == NULL)
		ERR_POS(c, n->pos,
		        "'%s' refers to '%s', which is not a field beside it",
		        f->name != NULL ? f->name : "de", n->s);
	return g;
}

static void
resolve_siblings(struct comp *c, const struct fieldset *fs,
                 const struct field *f)
{
	need_sibling(c, fs, f, &f->required_if);
	need_sibling(c, fs, f, &f->private_unless);
	need_sibling(c, fs, f, &f->given_unless);
	for (size_t i = 0; i < f->nexcludes; i++)
		need_sibling(c, fs, f, &f->excludes[i]);
	const struct name *cmp =
	    f->after.s != NULL ? &f->after : &f->not_before;
	const struct field *g = need_sibling(c, fs, f, cmp);
	if (g != NULL && g->type != f->type)
		ERR_POS(c, cmp->pos,
		        "'%s' and '%s' must have the same type to be compared",
		        f->name, g->name);
	g = need_sibling(c, fs, f, &f->year_of);
	if (g != NULL && g->type != T_DATE && g->type != T_DATETIME)
		ERR_POS(c, f->year_of.pos,
		        "'annee_de' must name a date field; '%s' is not one",
		        g->name);
}

static void
resolve_refs(struct comp *c, struct field *f)
{
	const char *label = f->name != NULL ? f->name : "de";
	if (f->shortcut.s != NULL &&
	    schema_fs_field(f->fields, f->shortcut.s) == NULL)
		ERR_POS(c, f->shortcut.pos,
		        "'%s' refers to '%s', which is not one of its fields",
		        label, f->shortcut.s);
	if (f->ref_kind.s != NULL &&
	    schema_find_kind(c->s, f->ref_kind.s) == NULL)
		ERR_POS(c, f->ref_kind.pos,
		        "'%s' is not a kind; expected one of %s", f->ref_kind.s,
		        kinds_joined(c->s));
	if (f->values_from.s != NULL)
		resolve_list(c, f);
	const struct field *file =
	    f->complete.s != NULL && f->item != NULL
	        ? schema_fs_field(f->item->fields, f->complete.s)
	        : NULL;
	if (f->complete.s != NULL && (file == NULL || file->type != T_FILE))
		ERR_POS(
		    c, f->complete.pos,
		    "'complet' must name a file field of the list's items; got "
		    "'%s'",
		    f->complete.s);
}

/* The default goes through the field's own checks, so a bad default is
 * reported at its place in the schema rather than in every page. */
static void
check_default(struct comp *c, struct field *f)
{
	struct run r = {c->s, NULL, c->s->a, c->d, 0, BUF_INIT, NULL};
	if (!schema_is_blank(f->raw_default))
		f->def = schema_check_value(&r, f, f->raw_default,
		                            f->name != NULL ? f->name : "de");
	c->errors += r.errors;
	buf_free(&r.key);
}

static void
resolve_field(struct comp *c, const struct fieldset *fs, struct field *f)
{
	if (f->resolved)
		return;
	f->resolved = true;
	resolve_siblings(c, fs, f);
	resolve_refs(c, f);
	if (f->item != NULL)
		resolve_field(c, NULL, f->item);
	if (f->fields != NULL)
		resolve_fs(c, f->fields);
	if (f->raw_default != NULL)
		check_default(c, f);
}

static void
resolve_fs(struct comp *c, const struct fieldset *fs)
{
	for (size_t i = 0; i < fs->n; i++)
		resolve_field(c, fs, fs->order[i]);
}

/* ---------------------------------------------------------------------- */
/* Kinds, loading and extending                                           */

static const char *
kinds_joined(const schema *s)
{
	const char **names =
	    arena_alloc(s->a, (s->nkinds + 1) * sizeof(*names));
	for (size_t i = 0; i < s->nkinds; i++)
		names[i] = s->kinds[i].name;
	return schema_join(s->a, names, s->nkinds, "");
}

/* A kind's fields are its own, then (with 'page: true') the common
 * ones every page has: brouillon, slug, tags... */
static void
compile_kind(struct comp *c, struct kind *k, const value *v,
             struct field **common, size_t ncommon)
{
	struct field **own = NULL;
	struct name *pats = NULL;
	size_t nown = 0;
	bool page = false;
	size_t nkeys = value_kind_of(v) == VALUE_MAP ? value_len(v) : 0;
	for (size_t i = 0; i < nkeys; i++) {
		const char *key = value_key_at(v, i);
		const value *val = value_val_at(v, i);
		if (strcmp(key, "fichiers") == 0)
			k->npatterns = schema_parse_names(c, key, val, &pats);
		else if (strcmp(key, "champs") == 0)
			nown = schema_parse_fields(c, val, &own, false);
		else if (strcmp(key, "page") == 0)
			schema_parse_bool(c, key, val, &page);
		else if (strcmp(key, "contacts_publics") == 0 ||
		         strcmp(key, "telephones_publics") == 0) /* before 17 */
			schema_parse_bool(c, key, val, &k->public_contacts);
		else if (strcmp(key, "description") != 0) {
			value_pos p = value_key_pos(v, i);
			ERR_POS(c, p,
			        "'%s' is not a setting of a kind; expected "
			        "fichiers, champs, page, contacts_publics or "
			        "description",
			        key);
		}
	}
	if (value_kind_of(v) != VALUE_MAP || k->npatterns == 0)
		ERR(c, v,
		    "the kind '%s' needs 'fichiers' (where its files are, like "
		    "ateliers/*.md)",
		    k->name);
	k->patterns = schema_parse_names_text(c->s->a, pats, k->npatterns);
	size_t n = nown + (page ? ncommon : 0);
	struct field **all = arena_alloc(c->s->a, (n ? n : 1) * sizeof(*all));
	if (nown > 0)
		memcpy(all, own, nown * sizeof(*all));
	if (page && ncommon > 0)
		memcpy(all + nown, common, ncommon * sizeof(*all));
	k->fs = schema_fs_build(c, all, n);
}

static void
compile_kinds(struct comp *c, const value *kinds, struct field **common,
              size_t ncommon)
{
	schema *s = c->s;
	if (value_kind_of(kinds) != VALUE_MAP || value_len(kinds) == 0) {
		ERR(c, kinds,
		    "'genres' must be a map of kinds of pages (like atelier: "
		    "{fichiers: ateliers/*.md, champs: ...})");
		return;
	}
	s->kinds = arena_zalloc(s->a, value_len(kinds) * sizeof(*s->kinds));
	for (size_t i = 0; i < value_len(kinds); i++) {
		const char *name = value_key_at(kinds, i);
		if (!schema_is_canonical(name)) {
			value_pos p = value_key_pos(kinds, i);
			ERR_POS(c, p,
			        "kind names must be lowercase ASCII letters, "
			        "digits "
			        "and '_' (like atelier); got '%s'",
			        name);
			continue;
		}
		struct kind *k = &s->kinds[s->nkinds++];
		k->name = arena_strdup(s->a, name);
		compile_kind(c, k, value_val_at(kinds, i), common, ncommon);
	}
}

schema *
schema_load(arena *a, const value *doc, diag *d)
{
	schema *s = arena_zalloc(a, sizeof(*s));
	s->a = a;
	struct comp c = {s, d, 0};
	const value *common = NULL, *kinds = NULL;
	if (value_kind_of(doc) != VALUE_MAP) {
		ERR(&c, doc,
		    "the schema must be a map with the sections 'commun' and "
		    "'genres'");
		return NULL;
	}
	for (size_t i = 0; i < value_len(doc); i++) {
		const char *key = value_key_at(doc, i);
		if (strcmp(key, "commun") == 0)
			common = value_val_at(doc, i);
		else if (strcmp(key, "genres") == 0)
			kinds = value_val_at(doc, i);
		else if (strcmp(key, "description") != 0) {
			value_pos p = value_key_pos(doc, i);
			ERR_POS(&c, p,
			        "'%s' is not a section of the schema; expected "
			        "commun, genres or description",
			        key);
		}
	}
	struct field **cf = NULL;
	size_t ncf =
	    common != NULL ? schema_parse_fields(&c, common, &cf, false) : 0;
	if (kinds != NULL)
		compile_kinds(&c, kinds, cf, ncf);
	else
		ERR(&c, doc,
		    "the schema must be a map with the sections 'commun' and "
		    "'genres'");
	for (size_t i = 0; i < s->nkinds; i++)
		resolve_fs(&c, s->kinds[i].fs);
	return c.errors == 0 ? s : NULL;
}

/* Extra fields a site adds to a kind ("champs: {atelier: {covoiturage:
 * bool}}" in site.yaml): compiled like the theme's, appended. */
static void
extend_kind(struct comp *c, struct kind *k, const value *v)
{
	struct field **nf;
	size_t n = schema_parse_fields(c, v, &nf, true), kept = 0;
	struct field **all =
	    arena_alloc(c->s->a, (k->fs->n + n + 1) * sizeof(*all));
	memcpy(all, k->fs->order, k->fs->n * sizeof(*all));
	for (size_t i = 0; i < n; i++) {
		if (schema_fs_field(k->fs, nf[i]->name) != NULL)
			ERR_POS(c, nf[i]->pos,
			        "'%s' is already a field of %s; choose another "
			        "name",
			        nf[i]->name, k->name);
		else
			all[k->fs->n + kept++] = nf[i];
	}
	k->fs = schema_fs_build(c, all, k->fs->n + kept);
	resolve_fs(c, k->fs);
}

int
schema_extend(schema *s, const value *site_doc, diag *d)
{
	struct comp c = {s, d, 0};
	if (value_kind_of(site_doc) != VALUE_MAP)
		return 0;
	for (size_t i = 0; i < s->nlists; i++) {
		const value *v = schema_get_folded(site_doc, s->lists[i].name);
		if (!schema_is_blank(v))
			read_ids(s, v, &s->lists[i].vals);
	}
	const value *extra = schema_get_folded(site_doc, "champs");
	if (schema_is_blank(extra))
		return 0;
	if (value_kind_of(extra) != VALUE_MAP) {
		ERR(&c, extra,
		    "'champs' must list kinds of pages, each with its extra "
		    "fields (like atelier: {covoiturage: bool})");
		return -1;
	}
	buf b = BUF_INIT;
	for (size_t i = 0; i < value_len(extra); i++) {
		const char *key = value_key_at(extra, i);
		struct kind *k = (struct kind *)schema_find_kind(
		    s, schema_fold_key(&b, key));
		value_pos p = value_key_pos(extra, i);
		if (k == NULL)
			ERR_POS(&c, p, "'%s' is not a kind; expected one of %s",
			        key, kinds_joined(s));
		else
			extend_kind(&c, k, value_val_at(extra, i));
	}
	buf_free(&b);
	return c.errors == 0 ? 0 : -1;
}
