#include "schema.h"

#include <ctype.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "slug.h"

/*
 * The schema document (themes/commune/schema.yaml, whose header documents
 * the language) is compiled once into field tables: every map of fields
 * has its canonical keys sorted for binary search, so validating a
 * document costs one fold and one lookup per key, whatever the schema's
 * size.  After schema_load() (and schema_extend()) the schema is read
 * only, so documents may be validated from several threads at once.
 */

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
	const char **slugs; /* slugify(vals[i]): "Confirmé" matches too */
	size_t n;
	const char *joined; /* "propose, confirme, ..." for messages */
};

struct fieldset;

struct field {
	const char *name; /* NULL for the items of a list */
	ftype type;
	value_pos pos;
	bool required, absolute, has_min, has_max, resolved;
	double min, max;
	const char *example, *form, *help;
	struct enumset values;
	struct name values_from; /* a list field of site: categories */
	size_t list_idx;         /* its index in schema.lists */
	struct name required_if, after, not_before, private_unless, year_of;
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

static value *check_value(struct run *r, const struct field *f, const value *v,
                          const char *label);

/* ---------------------------------------------------------------------- */
/* Small helpers                                                          */

/* YAML's ways of writing nothing, plus text made only of spaces: a field
 * written but left empty counts as absent. */
static bool
is_blank(const value *v)
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

static value *
at(value *v, const value *src)
{
	value_pos p = value_where(src);
	value_set_pos(v, p.file, p.line, p.col);
	return v;
}

static value *
str_at(struct run *r, const value *src, const char *s)
{
	return at(value_string(r->a, s), src);
}

/* A value accepted as written shares the document's bytes (or the
 * schema's, for an enum), as its position already shares the file name:
 * validating 10,000 pages should not copy every paragraph. */
static value *
same_at(struct run *r, const value *src, const char *s)
{
	return at(value_string_ref(s, strlen(s), r->a), src);
}

/* The value as quoted back in a message: one line, and not a whole
 * paragraph when someone pasted text into a date. */
static const char *
shown(struct run *r, const char *s)
{
	size_t n = strlen(s), max = 60;
	if (n > max) {
		while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
			max--;
	}
	char *out = arena_strndup(r->a, s, n > max ? max : n);
	for (char *p = out; *p != '\0'; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	return n > max ? arena_printf(r->a, "%s...", out) : out;
}

static size_t
utf8_chars(const char *s)
{
	size_t n = 0;
	for (; *s != '\0'; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* Canonical keys are [a-z0-9_]: most documents use them, and skipping
 * the fold for them keeps validation cheap. */
static bool
is_canonical(const char *s)
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
static const char *
fold_key(buf *b, const char *key)
{
	if (is_canonical(key))
		return key;
	buf_reset(b);
	slug_fold(key, b);
	for (size_t i = 0; i < b->len; i++)
		if (b->data[i] == ' ' || b->data[i] == '-')
			b->data[i] = '_';
	return buf_cstr(b);
}

/* Entry of a raw map whose key folds to key; NULL if none. */
static const value *
get_folded(const value *map, const char *key)
{
	buf b = BUF_INIT;
	const value *found = NULL;
	if (value_kind_of(map) != VALUE_MAP)
		return NULL;
	for (size_t i = 0; i < value_len(map) && found == NULL; i++)
		if (strcmp(fold_key(&b, value_key_at(map, i)), key) == 0)
			found = value_val_at(map, i);
	buf_free(&b);
	return found;
}

static const char *
join(arena *a, const char *const *items, size_t n, const char *prefix)
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
static const char *
closest(const char *const *names, size_t n, const char *word)
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

/* ---------------------------------------------------------------------- */
/* Field tables                                                           */

static int
slot_cmp(const void *a, const void *b)
{
	return strcmp(((const struct slot *)a)->key,
	              ((const struct slot *)b)->key);
}

static const struct slot *
fs_find(const struct fieldset *fs, const char *key)
{
	struct slot k = {key, 0};
	return bsearch(&k, fs->sorted, fs->n, sizeof(k), slot_cmp);
}

static struct field *
fs_field(const struct fieldset *fs, const char *key)
{
	const struct slot *sl = fs != NULL ? fs_find(fs, key) : NULL;
	return sl != NULL ? fs->order[sl->idx] : NULL;
}

/* Builds the lookup table; a name given twice (a kind's field and a
 * common one, or a site's extension) is the schema author's error. */
static struct fieldset *
fs_build(struct comp *c, struct field **fields, size_t n)
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
	fs->joined = join(a, names, n, "");
	return fs;
}

/* ---------------------------------------------------------------------- */
/* Scalar forms                                                           */

static int
month_days(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30,
	                           31, 31, 30, 31, 30, 31};
	if (m == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))
		return 29;
	return days[m - 1];
}

/* The 10 characters at s as YYYY-MM-DD: 0 when right, 1 when the form is
 * wrong, 2 when there is no such day (2026-02-30). */
static int
date_form(const char *s)
{
	for (int i = 0; i < 10; i++) {
		bool ok = i == 4 || i == 7 ? s[i] == '-'
		                           : isdigit((unsigned char)s[i]) != 0;
		if (!ok)
			return 1;
	}
	int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
	if (m < 1 || m > 12 || d < 1 || d > month_days(y, m))
		return 2;
	return 0;
}

/* Spaces as typed in French: plain, no-break (U+00A0), narrow no-break
 * (U+202F, "9 h 30" pasted from a word processor). */
static const char *
skip_spaces(const char *p)
{
	for (;;) {
		if (*p == ' ')
			p++;
		else if ((unsigned char)p[0] == 0xC2 &&
		         (unsigned char)p[1] == 0xA0)
			p += 2;
		else if ((unsigned char)p[0] == 0xE2 &&
		         (unsigned char)p[1] == 0x80 &&
		         (unsigned char)p[2] == 0xAF)
			p += 3;
		else
			return p;
	}
}

/* 09:30, 9:30, 9h30, 9 h 30, 9h -> "09:30" in out; false if not a time. */
static bool
time_form(const char *s, char out[6])
{
	const char *p = s;
	int h = 0, m = 0, nd = 0;
	while (isdigit((unsigned char)*p) && nd < 2)
		h = h * 10 + (*p++ - '0'), nd++;
	if (nd == 0 || isdigit((unsigned char)*p))
		return false;
	p = skip_spaces(p);
	bool colon = *p == ':';
	if (!colon && *p != 'h' && *p != 'H')
		return false;
	p = skip_spaces(p + 1);
	if (colon || *p != '\0') {
		if (!isdigit((unsigned char)p[0]) ||
		    !isdigit((unsigned char)p[1]))
			return false;
		m = (p[0] - '0') * 10 + (p[1] - '0');
		p += 2;
	}
	if (*p != '\0' || h > 23 || m > 59)
		return false;
	out[0] = (char)('0' + h / 10), out[1] = (char)('0' + h % 10);
	out[2] = ':';
	out[3] = (char)('0' + m / 10), out[4] = (char)('0' + m % 10);
	out[5] = '\0';
	return true;
}

static int
bool_form(const char *s)
{
	static const char *const yes[] = {"true", "yes", "oui", "vrai", "on"};
	static const char *const no[] = {"false", "no", "non", "faux", "off"};
	for (size_t i = 0; i < 5; i++) {
		if (strcasecmp(s, yes[i]) == 0)
			return 1;
		if (strcasecmp(s, no[i]) == 0)
			return 0;
	}
	return -1;
}

/* Whole numbers that a double holds exactly (a count, a year). */
static bool
int_form(const char *s, double *out)
{
	const char *p = s + (*s == '+' || *s == '-');
	if (!isdigit((unsigned char)*p))
		return false;
	char *end;
	errno = 0;
	long long n = strtoll(s, &end, 10);
	if (*end != '\0' || errno != 0 || n > (1LL << 53) || n < -(1LL << 53))
		return false;
	*out = (double)n;
	return true;
}

/* 47.35 or 47,35 (the French decimal comma). */
static bool
number_form(const char *s, double *out)
{
	char tmp[64];
	size_t n = strlen(s);
	if (n == 0 || n >= sizeof(tmp))
		return false;
	memcpy(tmp, s, n + 1);
	char *p = tmp + (*tmp == '+' || *tmp == '-');
	if (!isdigit((unsigned char)*p))
		return false;
	while (isdigit((unsigned char)*p))
		p++;
	if (*p == '.' || *p == ',') {
		*p++ = '.';
		if (!isdigit((unsigned char)*p))
			return false;
		while (isdigit((unsigned char)*p))
			p++;
	}
	if (*p != '\0')
		return false;
	*out = strtod(tmp, NULL);
	return true;
}

/* French numbers in any usual spacing (05.49.12.34.56, +33 (0)5 49...)
 * written back as "05 49 12 34 56" or "+33 5 49 12 34 56"; other
 * countries as "+" and the digits. */
static bool
phone_form(const char *s, char *out, size_t outsz)
{
	char dig[24];
	size_t n = 0;
	bool intl = *s == '+' || (s[0] == '0' && s[1] == '0');
	const char *p = s + (*s == '+' ? 1 : intl ? 2 : 0);
	while (*(p = skip_spaces(p)) != '\0') {
		if (isdigit((unsigned char)*p) && n < sizeof(dig) - 1)
			dig[n++] = *p++;
		else if (*p == '.' || *p == '-')
			p++;
		else if (intl && strncmp(p, "(0)", 3) == 0)
			p += 3;
		else
			return false;
	}
	dig[n] = '\0';
	const char *d = dig;
	if (intl && strncmp(dig, "33", 2) == 0) {
		d = dig[2] == '0' ? dig + 3 : dig + 2;
		if (strlen(d) != 9 || *d == '0')
			return false;
		snprintf(out, outsz, "+33 %c %.2s %.2s %.2s %.2s", d[0], d + 1,
		         d + 3, d + 5, d + 7);
		return true;
	}
	if (intl) {
		if (n < 8 || n > 15)
			return false;
		snprintf(out, outsz, "+%s", dig);
		return true;
	}
	if (n != 10 || dig[0] != '0' || dig[1] == '0')
		return false;
	snprintf(out, outsz, "%.2s %.2s %.2s %.2s %.2s", d, d + 2, d + 4, d + 6,
	         d + 8);
	return true;
}

static bool
email_form(const char *s)
{
	const char *at = strchr(s, '@');
	if (at == NULL || at == s || strchr(at + 1, '@') != NULL || *s == '.' ||
	    at[-1] == '.')
		return false;
	for (const char *p = s; p < at; p++)
		if (!isalnum((unsigned char)*p) &&
		    strchr("!#$%&'*+/=?^_`{|}~.-", *p) == NULL)
			return false;
	bool dot = false;
	for (const char *p = at + 1, *label = p;; p++) {
		if (*p == '.' || *p == '\0') {
			if (p == label || *label == '-' || p[-1] == '-')
				return false;
			if (*p == '\0')
				return dot;
			dot = true;
			label = p + 1;
		} else if (!isalnum((unsigned char)*p) && *p != '-' &&
		           (unsigned char)*p < 0x80)
			return false;
	}
}

/* http(s) with a host, or a path of this site ("/participer/"). */
static bool
url_form(const char *s, bool absolute)
{
	for (const char *p = s; *p != '\0'; p++)
		if ((unsigned char)*p <= ' ' || *p == 0x7f ||
		    strchr("\"<>\\", *p) != NULL)
			return false;
	if (!absolute && s[0] == '/' && s[1] != '/')
		return true;
	const char *host;
	if (strncasecmp(s, "https://", 8) == 0)
		host = s + 8;
	else if (strncasecmp(s, "http://", 7) == 0)
		host = s + 7;
	else
		return false;
	size_t n = strcspn(host, "/?#:");
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)host[i]) && host[i] != '.' &&
		    host[i] != '-' && (unsigned char)host[i] < 0x80)
			return false;
	return n > 0;
}

/* The schema's 'forme': 9 a digit, A an uppercase letter, a a lowercase
 * one, X a digit or uppercase letter, x a hex digit, \c the character c,
 * anything else itself.  Simpler for theme authors than a regex, and
 * enough for postcodes, INSEE and Mérimée codes, colours. */
static bool
form_matches(const char *form, const char *s)
{
	for (; *form != '\0'; form++, s++) {
		unsigned char c = (unsigned char)*s;
		bool ok;
		switch (*form) {
		case '9': ok = isdigit(c); break;
		case 'A': ok = isupper(c); break;
		case 'a': ok = islower(c); break;
		case 'X': ok = isdigit(c) || isupper(c); break;
		case 'x': ok = isxdigit(c); break;
		case '\\':
			form += form[1] != '\0';
			ok = c == (unsigned char)*form;
			break;
		default: ok = c == (unsigned char)*form; break;
		}
		if (!ok || c == '\0')
			return false;
	}
	return *s == '\0';
}

/* ---------------------------------------------------------------------- */
/* Checking scalars: each returns the normalised value, or NULL after     */
/* reporting why not.                                                     */

typedef value *(*scalar_check)(struct run *r, const struct field *f,
                               const value *v, const char *s,
                               const char *label);

static value *
chk_text(struct run *r, const struct field *f, const value *v, const char *s,
         const char *label)
{
	size_t n = utf8_chars(s);
	if (f->has_max && (double)n > f->max) {
		ERR(r, v, "'%s' is too long (%zu characters, at most %ld)",
		    label, n, (long)f->max);
		return NULL;
	}
	if (f->has_min && (double)n < f->min) {
		ERR(r, v, "'%s' is too short (%zu characters, at least %ld)",
		    label, n, (long)f->min);
		return NULL;
	}
	if (f->form != NULL && !form_matches(f->form, s)) {
		ERR(r, v, "'%s' must look like %s; got '%s'", label,
		    f->example != NULL ? f->example : f->form, shown(r, s));
		return NULL;
	}
	return same_at(r, v, s);
}

/* min and max of a number, as the editor would write them. */
static bool
in_range(struct run *r, const struct field *f, const value *v, double n,
         const char *label)
{
	char lim[32], got[32];
	value_format_number(n, got, sizeof(got));
	if (f->has_min && n < f->min) {
		value_format_number(f->min, lim, sizeof(lim));
		ERR(r, v, "'%s' must be at least %s; got %s", label, lim, got);
		return false;
	}
	if (f->has_max && n > f->max) {
		value_format_number(f->max, lim, sizeof(lim));
		ERR(r, v, "'%s' must be at most %s; got %s", label, lim, got);
		return false;
	}
	return true;
}

static value *
chk_int(struct run *r, const struct field *f, const value *v, const char *s,
        const char *label)
{
	double n;
	if (!int_form(s, &n)) {
		ERR(r, v, "'%s' must be a whole number; got '%s'", label,
		    shown(r, s));
		return NULL;
	}
	return in_range(r, f, v, n, label) ? at(value_number(r->a, n), v)
	                                   : NULL;
}

static value *
chk_number(struct run *r, const struct field *f, const value *v, const char *s,
           const char *label)
{
	double n;
	if (!number_form(s, &n)) {
		ERR(r, v, "'%s' must be a number like 47.35; got '%s'", label,
		    shown(r, s));
		return NULL;
	}
	return in_range(r, f, v, n, label) ? at(value_number(r->a, n), v)
	                                   : NULL;
}

static value *
chk_bool(struct run *r, const struct field *f, const value *v, const char *s,
         const char *label)
{
	int b = bool_form(s);
	if (b < 0) {
		ERR(r, v, "'%s' must be yes or no (true or false); got '%s'",
		    label, shown(r, s));
		return NULL;
	}
	return at(value_bool(r->a, b == 1), v);
}

static value *
chk_date(struct run *r, const struct field *f, const value *v, const char *s,
         const char *label)
{
	int e = strlen(s) == 10 ? date_form(s) : 1;
	if (e == 1)
		ERR(r, v, "date must look like 2026-05-23; got '%s'",
		    shown(r, s));
	else if (e == 2)
		ERR(r, v,
		    "'%s' is not a day of the calendar; expected a date like "
		    "2026-05-23",
		    s);
	return e == 0 ? same_at(r, v, s) : NULL;
}

static value *
chk_time(struct run *r, const struct field *f, const value *v, const char *s,
         const char *label)
{
	char t[6];
	if (!time_form(s, t)) {
		ERR(r, v, "time must look like 09:30 or 9h30; got '%s'",
		    shown(r, s));
		return NULL;
	}
	return str_at(r, v, t);
}

/* "2026-05-23T09:30" or "2026-05-23 09:30" (any time form after the
 * space) -> "2026-05-23T09:30". */
static value *
chk_datetime(struct run *r, const struct field *f, const value *v,
             const char *s, const char *label)
{
	char t[6];
	size_t n = strlen(s);
	int e = n > 11 ? date_form(s) : 1;
	if (e == 0 && ((s[10] != 'T' && s[10] != ' ') ||
	               !time_form(skip_spaces(s + 11), t)))
		e = 1;
	if (e == 1)
		ERR(r, v,
		    "date and time must look like 2026-05-23T09:30; got '%s'",
		    shown(r, s));
	else if (e == 2)
		ERR(r, v,
		    "'%s' is not a day of the calendar; expected a date like "
		    "2026-05-23",
		    shown(r, s));
	if (e != 0)
		return NULL;
	return at(value_string(r->a, arena_printf(r->a, "%.10sT%s", s, t)), v);
}

/* Exact value first; then the same once slugified, so "Confirmé" or
 * "tiré du sac" are accepted silently as confirme and tire-du-sac. */
static value *
chk_enum(struct run *r, const struct field *f, const value *v, const char *s,
         const char *label)
{
	const struct enumset *es = f->values_from.s != NULL
	                               ? &r->s->lists[f->list_idx].vals
	                               : &f->values;
	size_t i;
	for (i = 0; i < es->n; i++)
		if (strcmp(es->vals[i], s) == 0)
			break;
	if (i == es->n) {
		const char *sl = slugify(r->a, s);
		for (i = 0; i < es->n; i++)
			if (strcmp(es->slugs[i], sl) == 0)
				break;
	}
	if (i < es->n)
		return same_at(r, v, es->vals[i]);
	if (es->n == 0)
		ERR(r, v,
		    "'%s' must be one of the %s listed in site.yaml (none are "
		    "listed); got '%s'",
		    label, f->values_from.s, shown(r, s));
	else
		ERR(r, v, "'%s' must be one of %s; got '%s'", label, es->joined,
		    shown(r, s));
	return NULL;
}

static value *
chk_url(struct run *r, const struct field *f, const value *v, const char *s,
        const char *label)
{
	if (url_form(s, f->absolute))
		return same_at(r, v, s);
	if (f->absolute)
		ERR(r, v,
		    "'%s' must be a full web address starting with https://; "
		    "got '%s'",
		    label, shown(r, s));
	else
		ERR(r, v,
		    "'%s' must be a web address starting with https:// (or / "
		    "for a page of this site); got '%s'",
		    label, shown(r, s));
	return NULL;
}

static value *
chk_email(struct run *r, const struct field *f, const value *v, const char *s,
          const char *label)
{
	const char *e = strncasecmp(s, "mailto:", 7) == 0 ? s + 7 : s;
	if (email_form(e))
		return same_at(r, v, e);
	ERR(r, v,
	    "'%s' must be an email address like mairie@example.fr; got '%s'",
	    label, shown(r, s));
	return NULL;
}

static value *
chk_phone(struct run *r, const struct field *f, const value *v, const char *s,
          const char *label)
{
	char out[32];
	if (phone_form(s, out, sizeof(out)))
		return str_at(r, v, out);
	ERR(r, v,
	    "'%s' must be a French phone number like 05 49 12 34 56 or +33 5 "
	    "49 12 34 56; got '%s'",
	    label, shown(r, s));
	return NULL;
}

static value *
chk_slug(struct run *r, const struct field *f, const value *v, const char *s,
         const char *label)
{
	if (slug_is_valid(s))
		return same_at(r, v, s);
	ERR(r, v,
	    "'%s' must be lowercase letters, digits and hyphens, like "
	    "repeindre-le-preau; got '%s'",
	    label, shown(r, s));
	return NULL;
}

/* "../ateliers/preau.md", "/ateliers/preau/" and "ateliers/preau" name
 * the same page: keep the last form, the one ref_exists() expects. */
static const char *
ref_clean(arena *a, const char *s)
{
	while (strncmp(s, "./", 2) == 0 || strncmp(s, "../", 3) == 0)
		s += s[1] == '/' ? 2 : 3;
	while (*s == '/')
		s++;
	size_t n = strlen(s);
	while (n > 0 && s[n - 1] == '/')
		n--;
	if (n >= 3 && strncmp(s + n - 3, ".md", 3) == 0)
		n -= 3;
	if (n >= 6 && strncmp(s + n - 6, "/index", 6) == 0)
		n -= 6;
	return arena_strndup(a, s, n);
}

/* The kind of the page a canonical reference names, if its path says. */
static const char *
kind_of_page(const schema *s, const char *canon)
{
	static const char *const suffix[] = {".md", "/index.md", ".yaml"};
	char path[512];
	for (size_t i = 0; i < 3; i++) {
		snprintf(path, sizeof(path), "%s%s", canon, suffix[i]);
		const char *k = schema_kind_for_path(s, path);
		if (k != NULL)
			return k;
	}
	return NULL;
}

static value *
chk_ref(struct run *r, const struct field *f, const value *v, const char *s,
        const char *label)
{
	const char *ref = ref_clean(r->a, s), *canon = NULL;
	if (r->env != NULL && r->env->ref_exists != NULL &&
	    (*ref == '\0' || !r->env->ref_exists(r->env->ctx, ref, &canon))) {
		ERR(r, v,
		    "'%s' does not match any page; expected a path like %s",
		    shown(r, s),
		    f->example != NULL ? f->example
		                       : "ateliers/repeindre-le-preau");
		return NULL;
	}
	if (canon == NULL)
		canon = ref;
	const char *k =
	    f->ref_kind.s != NULL ? kind_of_page(r->s, canon) : NULL;
	if (k != NULL && strcmp(k, f->ref_kind.s) != 0) {
		ERR(r, v, "'%s' is a page of kind %s, not %s", shown(r, s), k,
		    f->ref_kind.s);
		return NULL;
	}
	return str_at(r, v, canon);
}

/* The document's folder with its trailing '/'; "" at the site's root. */
static const char *
doc_folder(struct run *r)
{
	const char *p = r->env != NULL ? r->env->doc_path : NULL;
	const char *slash = p != NULL ? strrchr(p, '/') : NULL;
	return slash != NULL ? arena_strndup(r->a, p, (size_t)(slash - p) + 1)
	                     : "";
}

/* A file named from folder must not climb out of the site with "..". */
static bool
stays_inside(const char *folder, const char *path)
{
	long depth = 0;
	for (const char *p = folder; *p != '\0'; p++)
		depth += *p == '/';
	if (*path == '/')
		depth = 0;
	for (const char *p = path; *p != '\0';) {
		size_t n = strcspn(p, "/");
		if (n == 2 && strncmp(p, "..", 2) == 0) {
			if (--depth < 0)
				return false;
		} else if (n > 0 && !(n == 1 && *p == '.'))
			depth++;
		p += n + (p[n] == '/');
	}
	return true;
}

static bool
has_extension(const struct field *f, const char *s)
{
	const char *dot = strrchr(s, '.');
	if (f->nextensions == 0)
		return true;
	if (dot == NULL || strchr(dot, '/') != NULL)
		return false;
	for (size_t i = 0; i < f->nextensions; i++)
		if (strcasecmp(dot + 1, f->extensions[i]) == 0)
			return true;
	return false;
}

/* Kept as written (relative to the document's folder), which is also
 * what file_exists() takes. */
static value *
chk_file(struct run *r, const struct field *f, const value *v, const char *s,
         const char *label)
{
	const schema_env *env = r->env;
	const char *folder = doc_folder(r);
	if (!has_extension(f, s)) {
		ERR(r, v, "'%s' must be a file ending in %s; got '%s'", label,
		    f->ext_joined, shown(r, s));
		return NULL;
	}
	if (env != NULL && env->doc_path != NULL && !stays_inside(folder, s)) {
		ERR(r, v,
		    "'%s' must stay inside the site's folder (too many '..')",
		    shown(r, s));
		return NULL;
	}
	if (env == NULL || env->file_exists == NULL ||
	    env->file_exists(env->ctx, env->doc_path, s))
		return same_at(r, v, s);
	if (*folder != '\0')
		ERR(r, v, "'%s' does not exist in %s", shown(r, s), folder);
	else
		ERR(r, v, "'%s' does not exist in the site's folder",
		    shown(r, s));
	return NULL;
}

static const scalar_check scalar_checks[T_COUNT] = {
    [T_TEXT] = chk_text,     [T_MARKDOWN] = chk_text,     [T_INT] = chk_int,
    [T_NUMBER] = chk_number, [T_BOOL] = chk_bool,         [T_DATE] = chk_date,
    [T_TIME] = chk_time,     [T_DATETIME] = chk_datetime, [T_ENUM] = chk_enum,
    [T_REF] = chk_ref,       [T_FILE] = chk_file,         [T_URL] = chk_url,
    [T_EMAIL] = chk_email,   [T_PHONE] = chk_phone,       [T_SLUG] = chk_slug};

/* Text of a scalar; a caller may hand us already-typed values. */
static const char *
scalar_text(struct run *r, const value *v)
{
	char num[32];
	switch (value_kind_of(v)) {
	case VALUE_STRING: return value_get_string(v);
	case VALUE_BOOL: return value_get_bool(v) ? "true" : "false";
	case VALUE_NUMBER:
		value_format_number(value_get_number(v), num, sizeof(num));
		return arena_strdup(r->a, num);
	default: return "";
	}
}

static value *
copy_value(arena *a, const value *v)
{
	value *c;
	switch (value_kind_of(v)) {
	case VALUE_LIST:
		c = value_list(a);
		for (size_t i = 0; i < value_len(v); i++)
			value_push(a, c, copy_value(a, value_at(v, i)));
		break;
	case VALUE_MAP:
		c = value_map(a);
		for (size_t i = 0; i < value_len(v); i++) {
			const char *k = arena_strdup(a, value_key_at(v, i));
			value_set(a, c, k, copy_value(a, value_val_at(v, i)));
			value_set_key_pos(c, i, value_key_pos(v, i));
		}
		break;
	case VALUE_STRING:
		c = value_stringn(a, value_get_string(v), value_string_len(v));
		value_set_plain(c, value_is_plain(v));
		break;
	case VALUE_BOOL: c = value_bool(a, value_get_bool(v)); break;
	case VALUE_NUMBER: c = value_number(a, value_get_number(v)); break;
	default: c = value_null(a); break;
	}
	return at(c, v);
}

/* ---------------------------------------------------------------------- */
/* Lists and maps                                                         */

static bool
listed(const value *items, const char *key, const char *name)
{
	bool list = value_kind_of(items) == VALUE_LIST;
	size_t n = list ? value_len(items) : 1;
	for (size_t i = 0; i < n; i++) {
		const value *it = list ? value_at(items, i) : items;
		const char *s = value_get_string(get_folded(it, key));
		if (s != NULL &&
		    (strcmp(s, name) == 0 ||
		     (strncmp(s, "./", 2) == 0 && strcmp(s + 2, name) == 0)))
			return true;
	}
	return false;
}

/* A list marked 'complet: fichier' must name every file of the
 * document's folder that its 'fichier' field could name: an unlisted
 * photo is probably forgotten (a warning, as it harms no one).  The
 * document's own items are searched, so that an item with another
 * problem does not make its photo look unlisted too. */
static void
check_complete(struct run *r, const struct field *f, const value *v,
               const char *label)
{
	const schema_env *env = r->env;
	if (env == NULL || env->list_files == NULL || env->doc_path == NULL)
		return;
	const struct field *ff = fs_field(f->item->fields, f->complete.s);
	const char *const *names = NULL;
	size_t n = env->list_files(env->ctx, env->doc_path, &names);
	const char *folder = doc_folder(r);
	const char *self = env->doc_path + strlen(folder);
	for (size_t i = 0; i < n; i++) {
		if (strcmp(names[i], self) == 0 || !has_extension(ff, names[i]))
			continue;
		if (!listed(v, f->complete.s, names[i]))
			diag_at(
			    r->d, DIAG_WARNING, v,
			    "'%s' is in %s but not listed in '%s'; list it or "
			    "remove the file",
			    names[i], *folder ? folder : "./", label);
	}
}

/* A single value where a list is expected stands for a one-item list
 * ("tags: lavoir"), the way editors write it. */
static value *
check_list(struct run *r, const struct field *f, const value *v,
           const char *label)
{
	value_kind k = value_kind_of(v);
	if (k == VALUE_MAP && f->item->type != T_MAP) {
		ERR(r, v,
		    "'%s' must be a list (one '- ' line per item); got a map",
		    label);
		return NULL;
	}
	size_t before = r->errors;
	value *out = at(value_list(r->a), v);
	size_t n = k == VALUE_LIST ? value_len(v) : 1;
	for (size_t i = 0; i < n; i++) {
		const value *it = k == VALUE_LIST ? value_at(v, i) : v;
		value *nv =
		    is_blank(it) ? NULL : check_value(r, f->item, it, label);
		if (nv != NULL)
			value_push(r->a, out, nv);
	}
	if (f->complete.s != NULL)
		check_complete(r, f, v, label);
	if (r->errors != before)
		return NULL;
	n = value_len(out);
	if (f->has_max && (double)n > f->max)
		ERR(r, v, "'%s' has too many items (%zu, at most %ld)", label,
		    n, (long)f->max);
	else if (f->has_min && (double)n < f->min)
		ERR(r, v, "'%s' has too few items (%zu, at least %ld)", label,
		    n, (long)f->min);
	return r->errors == before ? out : NULL;
}

static value *check_map(struct run *r, const struct fieldset *fs,
                        const value *v, const char *label, bool top);

/* A map field; with 'raccourci: nom', a single value stands for that
 * sub-field ("lieu: Salle des fêtes" is lieu.nom). */
static value *
check_submap(struct run *r, const struct field *f, const value *v,
             const char *label)
{
	value_kind k = value_kind_of(v);
	if (f->fields == NULL)
		return copy_value(r->a, v);
	if (k == VALUE_MAP)
		return check_map(r, f->fields, v, label, false);
	if (k != VALUE_LIST && f->shortcut.s != NULL) {
		value *m = at(value_map(r->a), v);
		value_set(r->a, m, f->shortcut.s, (value *)v);
		return check_map(r, f->fields, m, label, false);
	}
	if (k == VALUE_LIST)
		ERR(r, v, "'%s' must have sub-fields (%s); got a list", label,
		    f->fields->joined);
	else
		ERR(r, v, "'%s' must have sub-fields (%s); got '%s'", label,
		    f->fields->joined, shown(r, scalar_text(r, v)));
	return NULL;
}

static value *
check_value(struct run *r, const struct field *f, const value *v,
            const char *label)
{
	if (f->type == T_LIST)
		return check_list(r, f, v, label);
	if (f->type == T_MAP)
		return check_submap(r, f, v, label);
	value_kind k = value_kind_of(v);
	if (k == VALUE_LIST || k == VALUE_MAP) {
		if (k == VALUE_LIST)
			ERR(r, v, "'%s' must be a single value, not a list",
			    label);
		else
			ERR(r, v, "'%s' must be a single value, not a map",
			    label);
		return NULL;
	}
	return scalar_checks[f->type](r, f, v, scalar_text(r, v), label);
}

/* What check_map() learnt of one field of the schema. */
struct seen {
	const value *raw;   /* given and not blank */
	const value *blank; /* given but empty: where to point */
	size_t key;         /* its entry in the document's map */
	value *norm;        /* normalised, NULL if invalid */
};

static void
unknown_key(struct run *r, const struct fieldset *fs, const value *map,
            size_t i, const char *folded, const char *label, bool top)
{
	const char **names = arena_alloc(r->a, (fs->n + 1) * sizeof(*names));
	for (size_t j = 0; j < fs->n; j++)
		names[j] = fs->order[j]->name;
	const char *key = value_key_at(map, i);
	const char *hint = closest(names, fs->n, folded);
	value_pos p = value_key_pos(map, i);
	if (top && hint != NULL)
		diag_report(r->d, DIAG_WARNING, p.file, p.line, p.col,
		            "'%s' is not a field of %s; did you mean '%s'?",
		            key, label, hint);
	else if (top)
		diag_report(r->d, DIAG_WARNING, p.file, p.line, p.col,
		            "'%s' is not a field of %s", key, label);
	else if (hint != NULL)
		diag_report(r->d, DIAG_WARNING, p.file, p.line, p.col,
		            "'%s' is not a field of '%s'; did you mean '%s'?",
		            key, label, hint);
	else
		diag_report(r->d, DIAG_WARNING, p.file, p.line, p.col,
		            "'%s' is not a field of '%s'", key, label);
}

/* First pass: each key of the document, folded, to its field. */
static void
read_fields(struct run *r, const struct fieldset *fs, const value *v,
            struct seen *seen, value *out, const char *label, bool top)
{
	for (size_t i = 0; i < value_len(v); i++) {
		const char *key = value_key_at(v, i);
		const char *fk = fold_key(&r->key, key);
		const struct slot *sl = fs_find(fs, fk);
		if (sl == NULL) {
			unknown_key(r, fs, v, i, fk, label, top);
			continue;
		}
		const struct field *f = fs->order[sl->idx];
		struct seen *sn = &seen[sl->idx];
		value_pos p = value_key_pos(v, i);
		if (sn->raw != NULL || sn->blank != NULL) {
			ERR_POS(
			    r, p,
			    "'%s' is the same field as '%s' (line %u); give it "
			    "only once",
			    key, value_key_at(v, sn->key),
			    value_key_pos(v, sn->key).line);
			continue;
		}
		const value *val = value_val_at(v, i);
		sn->key = i;
		if (is_blank(val)) {
			sn->blank = val != NULL ? val : v;
			continue;
		}
		sn->raw = val;
		sn->norm = check_value(r, f, val, f->name);
		if (sn->norm != NULL && f->private_unless.s == NULL) {
			value_set(r->a, out, f->name, sn->norm);
			value_set_key_pos(out, value_len(out) - 1, p);
		}
	}
}

/* Second pass: what was not given gets its default, or the year of a
 * date ('annee_de'), or is reported missing. */
static void
fill_missing(struct run *r, const struct fieldset *fs, const value *v,
             struct seen *seen, value *out, const char *label, bool top)
{
	for (size_t i = 0; i < fs->n; i++) {
		const struct field *f = fs->order[i];
		if (seen[i].raw != NULL)
			continue;
		const char *date =
		    f->year_of.s != NULL
		        ? value_get_string(value_get(out, f->year_of.s))
		        : NULL;
		if (f->def != NULL)
			value_set(r->a, out, f->name, f->def);
		else if (date != NULL)
			value_set(r->a, out, f->name,
			          at(value_number(r->a, atoi(date)),
			             value_get(out, f->year_of.s)));
		else if (f->required && top)
			ERR(r, seen[i].blank ? seen[i].blank : v,
			    "'%s' is required for %s", f->name, label);
		else if (f->required)
			ERR(r, seen[i].blank ? seen[i].blank : v,
			    "'%s' is required in '%s'", f->name, label);
	}
}

/* Orders two normalised values of the same type: numbers by value,
 * dates and times by their ISO text. */
static int
compare(const value *a, const value *b, char *sa, char *sb, size_t sz)
{
	if (value_kind_of(a) == VALUE_NUMBER) {
		value_format_number(value_get_number(a), sa, sz);
		value_format_number(value_get_number(b), sb, sz);
		double x = value_get_number(a), y = value_get_number(b);
		return x < y ? -1 : x > y;
	}
	snprintf(sa, sz, "%s", value_get_string(a));
	snprintf(sb, sz, "%s", value_get_string(b));
	return strcmp(sa, sb);
}

/* A field beside the one being checked.  Names were resolved when the
 * schema was loaded, but a common field is resolved against the first
 * kind only: one that is absent elsewhere reads as never given. */
static const struct seen *
sibling(const struct fieldset *fs, const struct seen *seen, const char *name)
{
	static const struct seen none = {NULL, NULL, 0, NULL};
	const struct slot *sl = fs_find(fs, name);
	return sl != NULL ? &seen[sl->idx] : &none;
}

/* 'requis_si' and 'exclut': rules between fields given together. */
static void
check_presence(struct run *r, const struct fieldset *fs, const value *v,
               const struct seen *seen, size_t i)
{
	const struct field *f = fs->order[i];
	const struct seen *sib;
	if (f->required_if.s != NULL && seen[i].raw == NULL &&
	    (sib = sibling(fs, seen, f->required_if.s))->raw != NULL) {
		value_pos p = value_key_pos(v, sib->key);
		if (f->help != NULL)
			ERR_POS(r, p, "'%s' is required when '%s' is set (%s)",
			        f->name, f->required_if.s,
			        diag_tr(r->d, f->help));
		else
			ERR_POS(r, p, "'%s' is required when '%s' is set",
			        f->name, f->required_if.s);
	}
	for (size_t j = 0; j < f->nexcludes && seen[i].raw != NULL; j++) {
		sib = sibling(fs, seen, f->excludes[j].s);
		if (sib->raw == NULL)
			continue;
		value_pos p = value_key_pos(v, sib->key);
		ERR_POS(
		    r, p,
		    "'%s' cannot be used together with '%s'; keep one of them",
		    f->excludes[j].s, f->name);
	}
}

/* 'apres' and 'pas_avant': fin after debut. */
static void
check_order(struct run *r, const struct fieldset *fs, const struct seen *seen,
            size_t i)
{
	const struct field *f = fs->order[i];
	const char *other = f->after.s != NULL ? f->after.s : f->not_before.s;
	if (other == NULL || seen[i].norm == NULL)
		return;
	const struct seen *sib = sibling(fs, seen, other);
	if (sib->norm == NULL)
		return;
	char sa[64], sb[64];
	int c = compare(seen[i].norm, sib->norm, sa, sb, sizeof(sa));
	if (f->after.s != NULL && c <= 0)
		ERR(r, seen[i].raw, "'%s' (%s) must be after '%s' (%s)",
		    f->name, sa, other, sb);
	else if (f->after.s == NULL && c < 0)
		ERR(r, seen[i].raw, "'%s' (%s) cannot be before '%s' (%s)",
		    f->name, sa, other, sb);
}

/* Contact details marked 'prive_sauf: public' are checked like the rest
 * but left out of the result unless the entry says public: true, so a
 * template cannot publish them by mistake. */
static void
add_private(struct run *r, const struct fieldset *fs, const value *v,
            const struct seen *seen, size_t i, value *out)
{
	const struct field *f = fs->order[i];
	if (f->private_unless.s == NULL || seen[i].norm == NULL ||
	    !value_get_bool(value_get(out, f->private_unless.s)))
		return;
	value_set(r->a, out, f->name, seen[i].norm);
	value_set_key_pos(out, value_len(out) - 1,
	                  value_key_pos(v, seen[i].key));
}

/* Checks a map of fields; label names it in messages (the kind at the
 * top, else the field).  The result has canonical keys in the
 * document's order, then defaults; unknown keys are left out. */
static value *
check_map(struct run *r, const struct fieldset *fs, const value *v,
          const char *label, bool top)
{
	struct seen stack[64];
	struct seen *seen =
	    fs->n <= 64 ? stack : arena_alloc(r->a, fs->n * sizeof(*seen));
	memset(seen, 0, fs->n * sizeof(*seen));
	value *out = at(value_map(r->a), v);
	read_fields(r, fs, v, seen, out, label, top);
	fill_missing(r, fs, v, seen, out, label, top);
	for (size_t i = 0; i < fs->n; i++) {
		check_presence(r, fs, v, seen, i);
		check_order(r, fs, seen, i);
		add_private(r, fs, v, seen, i, out);
	}
	return out;
}

/* ---------------------------------------------------------------------- */
/* Public entry points for documents                                      */

static const struct kind *
find_kind(const schema *s, const char *name)
{
	for (size_t i = 0; i < s->nkinds; i++)
		if (strcmp(s->kinds[i].name, name) == 0)
			return &s->kinds[i];
	return NULL;
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
	const struct kind *k = find_kind(s, kind);
	return k != NULL && k->npatterns > 0 ? k->patterns[0] : NULL;
}

value *
schema_apply(const schema *s, const char *kind, const value *doc,
             const schema_env *env, arena *a, diag *d)
{
	const struct kind *k = find_kind(s, kind);
	value_pos p = value_where(doc);
	if (k == NULL) {
		diag_report(d, DIAG_ERROR, p.file, p.line, p.col,
		            "'%s' is not a kind of page known to the theme",
		            kind);
		return NULL;
	}
	struct run r = {s, env, a, d, 0, BUF_INIT};
	value *out = NULL;
	value_kind vk = value_kind_of(doc);
	if (vk == VALUE_NULL) /* an empty file: no field given */
		out =
		    check_map(&r, k->fs, at(value_map(a), doc), k->name, true);
	else if (vk == VALUE_MAP)
		out = check_map(&r, k->fs, doc, k->name, true);
	else if (vk == VALUE_LIST)
		ERR(&r, doc,
		    "the fields of %s must be written as 'name: value' lines; "
		    "got a list",
		    k->name);
	else
		ERR(&r, doc,
		    "the fields of %s must be written as 'name: value' lines; "
		    "got text",
		    k->name);
	buf_free(&r.key);
	return r.errors == 0 ? out : NULL;
}

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
	K_ANNEE_DE,
	K_RACCOURCI,
	K_GENRE,
	K_EXEMPLE,
	K_FORME,
	K_ABSOLUE,
	K_EXTENSIONS,
	K_COMPLET,
	K_DESCRIPTION,
	K_COUNT
};

static const char *const keywords[K_COUNT] = {
    "type",     "requis",     "defaut",    "min",        "max",
    "valeurs",  "valeurs_de", "de",        "champs",     "requis_si",
    "aide",     "apres",      "pas_avant", "exclut",     "prive_sauf",
    "annee_de", "raccourci",  "genre",     "exemple",    "forme",
    "absolue",  "extensions", "complet",   "description"};

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
	if (is_blank(v)) {
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

static void
read_bool(struct comp *c, const char *kw, const value *v, bool *out)
{
	int b = read_scalar(c, kw, v) ? bool_form(value_get_string(v)) : 0;
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
	if (number_form(value_get_string(v), out))
		return true;
	ERR(c, v, "'%s' must be a number like 47.35; got '%s'", kw,
	    value_get_string(v));
	return false;
}

/* One name or a list of names; returns how many. */
static size_t
read_names(struct comp *c, const char *kw, const value *v, struct name **out)
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

static const char **
names_text(arena *a, const struct name *names, size_t n)
{
	const char **s = arena_alloc(a, (n ? n : 1) * sizeof(*s));
	for (size_t i = 0; i < n; i++)
		s[i] = names[i].s;
	return s;
}

static void
enumset_build(arena *a, struct enumset *es, const char **vals, size_t n)
{
	es->vals = vals;
	es->n = n;
	es->slugs = arena_alloc(a, (n ? n : 1) * sizeof(*es->slugs));
	for (size_t i = 0; i < n; i++)
		es->slugs[i] = slugify(a, vals[i]);
	es->joined = join(a, vals, n, "");
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
		    join(c->s->a, type_names, T_COUNT, ""));
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
	case K_ANNEE_DE: dst = &f->year_of; break;
	case K_RACCOURCI: dst = &f->shortcut; break;
	case K_GENRE: dst = &f->ref_kind; break;
	case K_COMPLET: dst = &f->complete; break;
	case K_EXCLUT:
		f->nexcludes = read_names(c, keywords[kw], v, &f->excludes);
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
	case K_REQUIS: read_bool(c, keywords[kw], v, &f->required); break;
	case K_ABSOLUE: read_bool(c, keywords[kw], v, &f->absolute); break;
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
		n = read_names(c, keywords[kw], v, &names);
		enumset_build(a, &f->values, names_text(a, names, n), n);
		break;
	case K_EXTENSIONS:
		n = read_names(c, keywords[kw], v, &names);
		f->extensions = names_text(a, names, n);
		f->nextensions = n;
		f->ext_joined = join(a, f->extensions, n, ".");
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
		    join(c->s->a, type_names, T_COUNT, ""));
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
	if (value_kind_of(spec) == VALUE_STRING && !is_blank(spec))
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
			const char *hint = closest(keywords, K_COUNT, key);
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
				        join(c->s->a, keywords, K_COUNT, ""));
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
static size_t
compile_fields(struct comp *c, const value *v, struct field ***out, bool fold)
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
		const char *name = fold ? fold_key(&b, key) : key;
		if (!is_canonical(name)) {
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
	size_t n = compile_fields(c, v, &fields, false);
	return fs_build(c, fields, n);
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
			it = get_folded(it, "id");
		const char *id = value_get_string(it);
		if (id != NULL && !is_blank(it))
			vals[k++] = arena_strdup(s->a, id);
	}
	enumset_build(s->a, es, vals, k);
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
	const struct kind *site = find_kind(s, "site");
	const struct field *src =
	    site != NULL ? fs_field(site->fs, f->values_from.s) : NULL;
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
	const struct field *g = n->s != NULL ? fs_field(fs, n->s) : NULL;
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
	if (f->shortcut.s != NULL && fs_field(f->fields, f->shortcut.s) == NULL)
		ERR_POS(c, f->shortcut.pos,
		        "'%s' refers to '%s', which is not one of its fields",
		        label, f->shortcut.s);
	if (f->ref_kind.s != NULL && find_kind(c->s, f->ref_kind.s) == NULL)
		ERR_POS(c, f->ref_kind.pos,
		        "'%s' is not a kind; expected one of %s", f->ref_kind.s,
		        kinds_joined(c->s));
	if (f->values_from.s != NULL)
		resolve_list(c, f);
	const struct field *file =
	    f->complete.s != NULL && f->item != NULL
	        ? fs_field(f->item->fields, f->complete.s)
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
	struct run r = {c->s, NULL, c->s->a, c->d, 0, BUF_INIT};
	if (!is_blank(f->raw_default))
		f->def = check_value(&r, f, f->raw_default,
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
	return join(s->a, names, s->nkinds, "");
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
			k->npatterns = read_names(c, key, val, &pats);
		else if (strcmp(key, "champs") == 0)
			nown = compile_fields(c, val, &own, false);
		else if (strcmp(key, "page") == 0)
			read_bool(c, key, val, &page);
		else if (strcmp(key, "description") != 0) {
			value_pos p = value_key_pos(v, i);
			ERR_POS(c, p,
			        "'%s' is not a setting of a kind; expected "
			        "fichiers, "
			        "champs, page or description",
			        key);
		}
	}
	if (value_kind_of(v) != VALUE_MAP || k->npatterns == 0)
		ERR(c, v,
		    "the kind '%s' needs 'fichiers' (where its files are, like "
		    "ateliers/*.md)",
		    k->name);
	k->patterns = names_text(c->s->a, pats, k->npatterns);
	size_t n = nown + (page ? ncommon : 0);
	struct field **all = arena_alloc(c->s->a, (n ? n : 1) * sizeof(*all));
	if (nown > 0)
		memcpy(all, own, nown * sizeof(*all));
	if (page && ncommon > 0)
		memcpy(all + nown, common, ncommon * sizeof(*all));
	k->fs = fs_build(c, all, n);
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
		if (!is_canonical(name)) {
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
	    common != NULL ? compile_fields(&c, common, &cf, false) : 0;
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
	size_t n = compile_fields(c, v, &nf, true), kept = 0;
	struct field **all =
	    arena_alloc(c->s->a, (k->fs->n + n + 1) * sizeof(*all));
	memcpy(all, k->fs->order, k->fs->n * sizeof(*all));
	for (size_t i = 0; i < n; i++) {
		if (fs_field(k->fs, nf[i]->name) != NULL)
			ERR_POS(c, nf[i]->pos,
			        "'%s' is already a field of %s; choose another "
			        "name",
			        nf[i]->name, k->name);
		else
			all[k->fs->n + kept++] = nf[i];
	}
	k->fs = fs_build(c, all, k->fs->n + kept);
	resolve_fs(c, k->fs);
}

int
schema_extend(schema *s, const value *site_doc, diag *d)
{
	struct comp c = {s, d, 0};
	if (value_kind_of(site_doc) != VALUE_MAP)
		return 0;
	for (size_t i = 0; i < s->nlists; i++) {
		const value *v = get_folded(site_doc, s->lists[i].name);
		if (!is_blank(v))
			read_ids(s, v, &s->lists[i].vals);
	}
	const value *extra = get_folded(site_doc, "champs");
	if (is_blank(extra))
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
		struct kind *k = (struct kind *)find_kind(s, fold_key(&b, key));
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
