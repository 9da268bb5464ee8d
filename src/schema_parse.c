/*
 * schema_parse.c - the schema language parser: reads one field's spec
 * (type, requis, valeurs, ...) from schema.yaml into a struct field.
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
/* Compiling the schema                                                   */

enum keyword {
	K_TYPE,
	K_REQUIS,
	K_DEFAUT,
	K_MIN,
	K_MAX,
	K_VALEURS,
	K_VALEURS_DE,
	K_DE,
	K_CHAMPS,
	K_REQUIS_SI,
	K_AIDE,
	K_APRES,
	K_PAS_AVANT,
	K_EXCLUT,
	K_PRIVE_SAUF,
	K_PRENOM_SAUF,
	K_ANNEE_DE,
	K_RACCOURCI,
	K_GENRE,
	K_EXEMPLE,
	K_FORME,
	K_ABSOLUE,
	K_EXTENSIONS,
	K_COMPLET,
	K_DESCRIPTION,
	K_ALTERNATIVE,
	K_CONSEILLE,
	K_COUNT
};

static const char *const keywords[K_COUNT] = {
    "type",        "requis",     "defaut",     "min",     "max",
    "valeurs",     "valeurs_de", "de",         "champs",  "requis_si",
    "aide",        "apres",      "pas_avant",  "exclut",  "prive_sauf",
    "prenom_sauf", "annee_de",   "raccourci",  "genre",   "exemple",
    "forme",       "absolue",    "extensions", "complet", "description",
    "alternative", "conseille"};

static struct field *compile_field(struct comp *c, const char *name,
                                   const value *spec);

static bool
read_scalar(struct comp *c, const char *kw, const value *v)
{
	value_kind k = value_kind_of(v);
	if (k == VALUE_LIST || k == VALUE_MAP) {
		if (k == VALUE_LIST)
			ERR(c, v, "'%s' must be a single value, not a list",
			    kw);
		else
			ERR(c, v, "'%s' must be a single value, not a map", kw);
		return false;
	}
	if (schema_is_blank(v)) {
		ERR(c, v, "'%s' is empty; give it a value", kw);
		return false;
	}
	return true;
}

static const char *
read_text(struct comp *c, const char *kw, const value *v)
{
	if (!read_scalar(c, kw, v) || value_get_string(v) == NULL)
		return NULL;
	return arena_strdup(c->s->a, value_get_string(v));
}

static struct name
read_name(struct comp *c, const char *kw, const value *v)
{
	struct name n = {read_text(c, kw, v), value_where(v)};
	return n;
}

void
schema_parse_bool(struct comp *c, const char *kw, const value *v, bool *out)
{
	int b =
	    read_scalar(c, kw, v) ? schema_form_bool(value_get_string(v)) : 0;
	if (b < 0)
		ERR(c, v, "'%s' must be yes or no (true or false); got '%s'",
		    kw, value_get_string(v));
	*out = b == 1;
}

static bool
read_number(struct comp *c, const char *kw, const value *v, double *out)
{
	if (!read_scalar(c, kw, v))
		return false;
	if (schema_form_number(value_get_string(v), out))
		return true;
	ERR(c, v, "'%s' must be a number like 47.35; got '%s'", kw,
	    value_get_string(v));
	return false;
}

/* One name or a list of names; returns how many. */
size_t
schema_parse_names(struct comp *c, const char *kw, const value *v,
                   struct name **out)
{
	bool list = value_kind_of(v) == VALUE_LIST;
	size_t n = list ? value_len(v) : 1, k = 0;
	*out = arena_alloc(c->s->a, (n ? n : 1) * sizeof(**out));
	for (size_t i = 0; i < n; i++) {
		const value *it = list ? value_at(v, i) : v;
		struct name nm = read_name(c, kw, it);
		if (nm.s != NULL)
			(*out)[k++] = nm;
	}
	return k;
}

const char **
schema_parse_names_text(arena *a, const struct name *names, size_t n)
{
	const char **s = arena_alloc(a, (n ? n : 1) * sizeof(*s));
	for (size_t i = 0; i < n; i++)
		s[i] = names[i].s;
	return s;
}

void
schema_parse_enumset(arena *a, struct enumset *es, const char **vals, size_t n)
{
	es->vals = vals;
	es->n = n;
	es->slugs = arena_alloc(a, (n ? n : 1) * sizeof(*es->slugs));
	for (size_t i = 0; i < n; i++)
		es->slugs[i] = slug_make(a, vals[i]);
	es->joined = schema_join(a, vals, n, "");
}

static void
set_type(struct comp *c, struct field *f, const value *v)
{
	const char *s = read_text(c, "type", v);
	for (int t = 0; s != NULL && t < T_COUNT; t++)
		if (strcmp(s, type_names[t]) == 0) {
			f->type = (ftype)t;
			return;
		}
	if (s != NULL)
		ERR(c, v, "'%s' is not a type; expected one of %s", s,
		    schema_join(c->s->a, type_names, T_COUNT, ""));
	f->type = T_TEXT; /* reported once: no "has no type" as well */
}

static struct fieldset *compile_fieldset(struct comp *c, const value *v);

/* Settings that name other things, checked once everything is read. */
static bool
set_name_keyword(struct comp *c, struct field *f, enum keyword kw,
                 const value *v)
{
	struct name *dst = NULL;
	switch (kw) {
	case K_VALEURS_DE: dst = &f->values_from; break;
	case K_REQUIS_SI: dst = &f->required_if; break;
	case K_APRES: dst = &f->after; break;
	case K_PAS_AVANT: dst = &f->not_before; break;
	case K_PRIVE_SAUF: dst = &f->private_unless; break;
	case K_PRENOM_SAUF: dst = &f->given_unless; break;
	case K_ANNEE_DE: dst = &f->year_of; break;
	case K_RACCOURCI: dst = &f->shortcut; break;
	case K_GENRE: dst = &f->ref_kind; break;
	case K_COMPLET: dst = &f->complete; break;
	case K_EXCLUT:
		f->nexcludes =
		    schema_parse_names(c, keywords[kw], v, &f->excludes);
		return true;
	default: return false;
	}
	*dst = read_name(c, keywords[kw], v);
	return true;
}

static void
set_keyword(struct comp *c, struct field *f, enum keyword kw, const value *v)
{
	struct name *names;
	size_t n;
	arena *a = c->s->a;
	if (set_name_keyword(c, f, kw, v))
		return;
	switch (kw) {
	case K_TYPE: set_type(c, f, v); break;
	case K_REQUIS:
		schema_parse_bool(c, keywords[kw], v, &f->required);
		break;
	case K_ABSOLUE:
		schema_parse_bool(c, keywords[kw], v, &f->absolute);
		break;
	case K_ALTERNATIVE:
		schema_parse_bool(c, keywords[kw], v, &f->alternative);
		break;
	case K_CONSEILLE:
		schema_parse_bool(c, keywords[kw], v, &f->advised);
		break;
	case K_DEFAUT: f->raw_default = v; break;
	case K_MIN:
		f->has_min = read_number(c, keywords[kw], v, &f->min);
		break;
	case K_MAX:
		f->has_max = read_number(c, keywords[kw], v, &f->max);
		break;
	case K_DE: f->item = compile_field(c, NULL, v); break;
	case K_CHAMPS: f->fields = compile_fieldset(c, v); break;
	case K_AIDE: f->help = read_text(c, keywords[kw], v); break;
	case K_EXEMPLE: f->example = read_text(c, keywords[kw], v); break;
	case K_FORME: f->form = read_text(c, keywords[kw], v); break;
	case K_VALEURS:
		n = schema_parse_names(c, keywords[kw], v, &names);
		schema_parse_enumset(a, &f->values,
		                     schema_parse_names_text(a, names, n), n);
		break;
	case K_EXTENSIONS:
		n = schema_parse_names(c, keywords[kw], v, &names);
		f->extensions = schema_parse_names_text(a, names, n);
		f->nextensions = n;
		f->ext_joined = schema_join(a, f->extensions, n, ".");
		break;
	default: break; /* description: for people only */
	}
}

/* Fills in what the settings imply: 'champs' alone makes a map,
 * 'valeurs' an enum; a list with 'champs' is a list of such maps. */
static void
finish_field(struct comp *c, struct field *f, const value *spec)
{
	const char *label = f->name != NULL ? f->name : "de";
	if (f->type == T_COUNT)
		f->type = f->fields != NULL                     ? T_MAP
		          : f->values.n > 0 || f->values_from.s ? T_ENUM
		          : f->item != NULL                     ? T_LIST
		                                                : T_COUNT;
	if (f->type == T_COUNT) {
		ERR(c, spec, "'%s' has no 'type'; expected one of %s", label,
		    schema_join(c->s->a, type_names, T_COUNT, ""));
		f->type = T_TEXT;
	}
	if (f->type == T_LIST && f->item == NULL) {
		struct field *it = arena_zalloc(c->s->a, sizeof(*it));
		it->type = f->fields != NULL ? T_MAP : T_TEXT;
		it->pos = f->pos;
		it->fields = f->fields;
		it->shortcut = f->shortcut;
		f->fields = NULL;
		f->shortcut.s = NULL;
		f->item = it;
		if (it->fields == NULL)
			ERR(c, spec,
			    "'%s' is a list: say what its items are with 'de' "
			    "(like de: text) or with 'champs'",
			    label);
	}
	if (f->type == T_ENUM && f->values.n == 0 && f->values_from.s == NULL)
		ERR(c, spec,
		    "'%s' is an enum: give its values with 'valeurs' or "
		    "'valeurs_de'",
		    label);
}

static int
keyword_of(const char *s)
{
	for (int i = 0; i < K_COUNT; i++)
		if (strcmp(s, keywords[i]) == 0)
			return i;
	return -1;
}

/* A field: a type name ("text") or a map of settings. */
static struct field *
compile_field(struct comp *c, const char *name, const value *spec)
{
	struct field *f = arena_zalloc(c->s->a, sizeof(*f));
	f->name = name;
	f->pos = value_where(spec);
	f->type = T_COUNT;
	if (value_kind_of(spec) == VALUE_STRING && !schema_is_blank(spec))
		set_type(c, f, spec);
	else if (value_kind_of(spec) == VALUE_MAP)
		for (size_t i = 0; i < value_len(spec); i++) {
			const char *key = value_key_at(spec, i);
			int kw = keyword_of(key);
			if (kw >= 0) {
				set_keyword(c, f, (enum keyword)kw,
				            value_val_at(spec, i));
				continue;
			}
			const char *hint =
			    schema_closest(keywords, K_COUNT, key);
			value_pos p = value_key_pos(spec, i);
			if (hint != NULL)
				ERR_POS(c, p,
				        "'%s' is not a setting of the schema "
				        "language; did you mean '%s'?",
				        key, hint);
			else
				ERR_POS(c, p,
				        "'%s' is not a setting of the schema "
				        "language; expected one of %s",
				        key,
				        schema_join(c->s->a, keywords, K_COUNT,
				                    ""));
		}
	else {
		ERR(c, spec,
		    "'%s' must be a type (like text) or a map of settings "
		    "(like "
		    "{type: text, requis: true})",
		    name != NULL ? name : "de");
		f->type = T_TEXT;
	}
	finish_field(c, f, spec);
	return f;
}

/* Field names in a site's extension may be written like content keys
 * ("Covoiturage"); in the theme's schema they must be canonical. */
size_t
schema_parse_fields(struct comp *c, const value *v, struct field ***out,
                    bool fold)
{
	size_t n = value_len(v), k = 0;
	*out = arena_alloc(c->s->a, (n ? n : 1) * sizeof(**out));
	if (value_kind_of(v) != VALUE_MAP) {
		ERR(c, v,
		    "'champs' must be a map of field names to their types "
		    "(like "
		    "titre: text)");
		return 0;
	}
	buf b = BUF_INIT;
	for (size_t i = 0; i < n; i++) {
		const char *key = value_key_at(v, i);
		const char *name = fold ? schema_fold_key(&b, key) : key;
		if (!schema_is_canonical(name)) {
			value_pos p = value_key_pos(v, i);
			ERR_POS(c, p,
			        "field names must be lowercase ASCII letters, "
			        "digits "
			        "and '_' (like image_alt); got '%s'",
			        key);
			continue;
		}
		name = arena_strdup(c->s->a, name);
		(*out)[k++] = compile_field(c, name, value_val_at(v, i));
	}
	buf_free(&b);
	return k;
}

static struct fieldset *
compile_fieldset(struct comp *c, const value *v)
{
	struct field **fields;
	size_t n = schema_parse_fields(c, v, &fields, false);
	return schema_fs_build(c, fields, n);
}
