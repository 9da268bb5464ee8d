/*
 * schema_int.h - the compiled schema's types, shared by schema.c (compiler),
 * schema_parse.c (the schema language parser), schema_check.c (the
 * validator) and schema_form.c (scalar forms).  Private to those files:
 * everyone else uses schema.h.
 */
#ifndef FABRIQUE_SCHEMA_INT_H
#define FABRIQUE_SCHEMA_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "schema.h"

typedef enum {
	T_TEXT,
	T_MARKDOWN,
	T_INT,
	T_NUMBER,
	T_BOOL,
	T_DATE,
	T_TIME,
	T_DATETIME,
	T_ENUM,
	T_LIST,
	T_MAP,
	T_REF,
	T_FILE,
	T_URL,
	T_EMAIL,
	T_PHONE,
	T_SLUG,
	T_COUNT
} ftype;

static const char *const type_names[T_COUNT] = {
    "text", "markdown", "int",   "number", "bool", "date",
    "time", "datetime", "enum",  "list",   "map",  "ref",
    "file", "url",      "email", "phone",  "slug"};

/* A name written in the schema, kept with its position because it is
 * checked only once every kind is known. */
struct name {
	const char *s;
	value_pos pos;
};

struct enumset {
	const char **vals;
	const char **slugs; /* slug_make(vals[i]): "Confirmé" matches too */
	size_t n;
	const char *joined; /* "propose, confirme, ..." for messages */
};

struct fieldset;

struct field {
	const char *name; /* NULL for the items of a list */
	ftype type;
	value_pos pos;
	bool required, absolute, has_min, has_max, resolved;
	bool alternative; /* describes an image (alttext.h) */
	bool advised;     /* conseille: missing is a warning */
	double min, max;
	const char *example, *form, *help;
	struct enumset values;
	struct name values_from; /* a list field of site: categories */
	size_t list_idx;         /* its index in schema.lists */
	struct name required_if, after, not_before, private_unless, year_of;
	struct name given_unless; /* prenom_sauf: first names only unless */
	struct name shortcut, ref_kind, complete;
	struct name *excludes;
	size_t nexcludes;
	const char **extensions;
	size_t nextensions;
	const char *ext_joined;
	const value *raw_default;
	value *def;
	struct field *item;      /* lists */
	struct fieldset *fields; /* maps; NULL: any content, kept as is */
};

struct slot {
	const char *key;
	size_t idx; /* in fieldset.order */
};

struct fieldset {
	struct field **order; /* as written in the schema */
	struct slot *sorted;  /* by key, for bsearch */
	size_t n;
	const char *joined; /* "nom, adresse, lat, lon" for messages */
};

struct kind {
	const char *name;
	const char **patterns;
	size_t npatterns;
	struct fieldset *fs;
	bool public_contacts; /* contacts_publics: true */
};

/* Values of an enum that the site may redefine (categories, quartiers). */
struct sitelist {
	const char *name;
	struct enumset vals;
};

struct schema {
	arena *a;
	struct kind *kinds;
	size_t nkinds;
	struct sitelist *lists;
	size_t nlists;
};

/* State of one schema_apply() call (or of checking the schema's own
 * defaults, with env NULL). */
struct run {
	const schema *s;
	const schema_env *env;
	arena *a;
	diag *d;
	size_t errors;
	buf key; /* scratch for folded keys */
	/* a list refused for one of its items: its good items, for the
	 * partial document (schema_env.partial) only */
	value *kept;
};

/* State while compiling the schema or a site's extension. */
struct comp {
	schema *s;
	diag *d;
	size_t errors;
};

#define ERR(r, v, ...)                                                         \
	((r)->errors++, diag_at((r)->d, DIAG_ERROR, (v), __VA_ARGS__))
#define ERR_POS(r, p, ...)                                                     \
	((r)->errors++, diag_report((r)->d, DIAG_ERROR, (p).file, (p).line,    \
	                            (p).col, __VA_ARGS__))

/* schema.c */
/* YAML's ways of writing nothing, plus text made only of spaces: a field
 * written but left empty counts as absent. */
bool schema_is_blank(const value *v);
/* v (just made, not yet linked) placed where src was written: returns
 * the value to use instead of v. */
value *schema_at(arena *a, value *v, const value *src);
/* Canonical keys are [a-z0-9_]: most documents use them, and skipping
 * the fold for them keeps validation cheap. */
bool schema_is_canonical(const char *s);
/* "Référents", "Image-Alt" and "image alt" all name the same field. */
const char *schema_fold_key(buf *b, const char *key);
/* Entry of a raw map whose key folds to key; NULL if none. */
const value *schema_get_folded(const value *map, const char *key);
const struct slot *schema_fs_find(const struct fieldset *fs, const char *key);
struct field *schema_fs_field(const struct fieldset *fs, const char *key);
/* Builds the lookup table; a name given twice (a kind's field and a
 * common one, or a site's extension) is the schema author's error. */
struct fieldset *schema_fs_build(struct comp *c, struct field **fields,
                                 size_t n);
const struct kind *schema_find_kind(const schema *s, const char *name);

/* schema_form.c */
/* The 10 characters at s as YYYY-MM-DD: 0 when right, 1 when the form is
 * wrong, 2 when there is no such day (2026-02-30). */
int schema_form_date(const char *s);
/* Spaces as typed in French: plain, no-break (U+00A0), narrow no-break
 * (U+202F, "9 h 30" pasted from a word processor). */
const char *schema_form_skip_spaces(const char *p);
/* 09:30, 9:30, 9h30, 9 h 30, 9h -> "09:30" in out; false if not a time. */
bool schema_form_time(const char *s, char out[6]);
/* 24:00, 24h, 24 h 00: midnight as the end of a day, which a time of
 * the day cannot be; said apart, with what to write instead. */
bool schema_form_is_24h(const char *s);
/* A range of hours as editors write one: "9h30-12h", "9:30 – 12:00",
 * "de 9h à 12h" -> "09:30" and "12:00"; false if s is not one. */
bool schema_form_time_range(const char *s, char from[6], char to[6]);
int schema_form_bool(const char *s);
/* Whole numbers that a double holds exactly (a count, a year). */
bool schema_form_int(const char *s, double *out);
/* 47.35 or 47,35 (the French decimal comma). */
bool schema_form_number(const char *s, double *out);
/* French numbers in any usual spacing (05.49.12.34.56, +33 (0)5 49...)
 * written back as "05 49 12 34 56" or "+33 5 49 12 34 56"; other
 * countries as "+" and the digits. */
bool schema_form_phone(const char *s, char *out, size_t outsz);
bool schema_form_email(const char *s);
/* The word of s that looks like a surname ("Dupont" in "Claire Dupont",
 * "DUPONT" in "DUPONT Claire"), or NULL when s reads as first names only
 * ("Claire", "Marie-Anne", "Claire D.", "Claire et Marc",
 * "Claire (peintre)"). */
const char *schema_form_surname(const char *s);
/* Does the name s read as an association's or a business's: a first
 * word such as Association, Comité, Club, Mairie, École, a legal form
 * (SARL, SAS, EURL, SA…) anywhere, or a digit ("Vélo Solidaire 37")? */
bool schema_form_organisation(const char *s);
/* http(s) with a host, or a path of this site ("/participer/"). */
bool schema_form_url(const char *s, bool absolute);
/* The schema's 'forme': 9 a digit, A an uppercase letter, a a lowercase
 * one, X a digit or uppercase letter, x a hex digit, \c the character c,
 * anything else itself.  Simpler for theme authors than a regex, and
 * enough for postcodes, INSEE and Mérimée codes, colours. */
bool schema_form_matches(const char *form, const char *s);

/* schema_parse.c */
void schema_parse_bool(struct comp *c, const char *kw, const value *v,
                       bool *out);
/* One name or a list of names; returns how many. */
size_t schema_parse_names(struct comp *c, const char *kw, const value *v,
                          struct name **out);
const char **schema_parse_names_text(arena *a, const struct name *names,
                                     size_t n);
void schema_parse_enumset(arena *a, struct enumset *es, const char **vals,
                          size_t n);
/* Field names in a site's extension may be written like content keys
 * ("Covoiturage"); in the theme's schema they must be canonical. */
size_t schema_parse_fields(struct comp *c, const value *v, struct field ***out,
                           bool fold);

/* schema_check.c */
value *schema_check_value(struct run *r, const struct field *f, const value *v,
                          const char *label);

#endif
