/*
 * schema_check.c - the validator: checks one document against its kind
 * (schema_apply) and builds the normalised copy.
 */
#include "schema.h"

#include <ctype.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "alttext.h"
#include "buf.h"
#include "date.h"
#include "msgcat.h"
#include "schema_int.h"
#include "slug.h"
#include "source.h"
#include "urlbase.h"
#include "utf8.h"

static value *
str_at(struct run *r, const value *src, const char *s)
{
	return schema_at(r->a, value_string(r->a, s), src);
}

/* A value accepted as written: its bytes copied into the normalised
 * tree, which then owns everything it holds (the document as written is
 * freed once every page is checked: site.c, site_load_drop_raw). */
static value *
same_at(struct run *r, const value *src, const char *s)
{
	return schema_at(r->a, value_string(r->a, s), src);
}

/* An enum's value shares the schema's bytes, which outlive the tree. */
static value *
schema_str_at(struct run *r, const value *src, const char *s)
{
	return schema_at(r->a, value_string_ref(s, strlen(s), r->a), src);
}

/* The value as quoted back in a message: one line, and not a whole
 * paragraph when someone pasted text into a date. */
static const char *
shown(struct run *r, const char *s)
{
	size_t n = strlen(s), max = 60;
	if (n > max) {
		max = utf8_cut(s, max);
	}
	char *out = arena_strndup(r->a, s, n > max ? max : n);
	for (char *p = out; *p != '\0'; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	return n > max ? arena_printf(r->a, "%s...", out) : out;
}

/* ---------------------------------------------------------------------- */
/* Checking scalars: each returns the normalised value, or NULL after     */
/* reporting why not.                                                     */

typedef value *(*scalar_check)(struct run *r, const struct field *f,
                               const value *v, const char *s,
                               const char *label);

/* A soft hyphen or zero-width space pasted from a word processor or a
 * PDF inside a word (« Net\u00ADtoyage »): invisible in every editor,
 * it splits the word for search and makes an odd address (outside
 * tester 18 F15).  A warning at each character when the value is plain
 * text on one line (its column; outside tester 29 F11: only the first
 * was said), else one at the value. */
static void
warn_invisible(struct run *r, const value *v, const char *s)
{
	size_t len = strlen(s), chars = 0;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		if (n == 0)
			return;
		if (utf8_is_invisible(cp) && !(cp == 0xFEFF && i == 0)) {
			value_pos at = value_where(v);
			bool exact = value_is_plain(v) &&
			             memchr(s, '\n', i) == NULL && at.col > 0;
			if (exact)
				at.col += (unsigned)chars;
			diag_report(r->d, DIAG_WARNING, at.file, at.line,
			            at.col,
			            "invisible character pasted in (%s): type "
			            "the word again",
			            diag_tr(r->d, utf8_invisible_name(cp)));
			if (!exact)
				return;
		}
		i += n;
		chars++;
	}
}

/* Bytes of the tag starting at s ("<b>", "</b>", "<br />", "<span
 * class=x>"), 0 when s is no tag: "3 < 5", "a <b" and "a<b et x > y"
 * (words but no attribute) are text. */
static size_t
tag_len(const char *s)
{
	size_t i = 1 + (s[1] == '/');
	if (!isalpha((unsigned char)s[i]))
		return 0;
	while (isalnum((unsigned char)s[i]))
		i++;
	if (s[i] == '/' && s[i + 1] == '>')
		return i + 2;
	if (s[i] != '>' && s[i] != ' ' && s[i] != '\t')
		return 0;
	bool attr = false, words = false; /* "<span class=x>", "<b et x >" */
	for (; s[i] != '\0' && s[i] != '>' && s[i] != '<' && s[i] != '\n';
	     i++) {
		attr = attr || s[i] == '=';
		words = words || isalnum((unsigned char)s[i]);
	}
	return s[i] == '>' && (attr || !words) ? i + 1 : 0;
}

/* Bytes of the entity starting at s ("&amp;", "&#233;", "&#xE9;"), 0
 * when s is no entity: "Fish & Chips", "AT&T", "R&D;" are text (no
 * entity has a one-letter name). */
static size_t
entity_len(const char *s)
{
	size_t i = 1;
	if (s[1] == '#') {
		bool hex = s[2] == 'x' || s[2] == 'X';
		i = hex ? 3 : 2;
		size_t from = i;
		while (hex ? isxdigit((unsigned char)s[i])
		           : isdigit((unsigned char)s[i]))
			i++;
		return i > from && i - from <= 7 && s[i] == ';' ? i + 1 : 0;
	}
	while (i <= 32 && isalnum((unsigned char)s[i]))
		i++;
	return i > 2 && isalpha((unsigned char)s[1]) && s[i] == ';' ? i + 1 : 0;
}

/* The character an entity stands for, written out ("&amp;" is "&"),
 * NULL for those not worth spelling (&nbsp;, a name this does not
 * know): the message then says "the character itself". */
static const char *
entity_meaning(struct run *r, const char *e, size_t n)
{
	static const char *const named[][2] = {
	    {"&amp;", "&"},    {"&lt;", "<"},     {"&gt;", ">"},
	    {"&quot;", "\""},  {"&apos;", "'"},   {"&eacute;", "é"},
	    {"&egrave;", "è"}, {"&agrave;", "à"}, {"&ccedil;", "ç"}};
	for (size_t i = 0; i < sizeof(named) / sizeof(named[0]); i++)
		if (strlen(named[i][0]) == n && memcmp(named[i][0], e, n) == 0)
			return named[i][1];
	if (e[1] != '#')
		return NULL;
	bool hex = e[2] == 'x' || e[2] == 'X';
	unsigned long cp = strtoul(e + (hex ? 3 : 2), NULL, hex ? 16 : 10);
	if (cp <= 0x20 || (cp >= 0x7F && cp <= 0xA0) || cp > 0x10FFFF ||
	    (cp >= 0xD800 && cp <= 0xDFFF) || utf8_is_invisible((uint32_t)cp))
		return NULL;
	buf b = BUF_INIT;
	utf8_put(&b, (uint32_t)cp);
	const char *out = arena_strndup(r->a, buf_cstr(&b), b.len);
	buf_free(&b);
	return out;
}

/*
 * A tag or an entity in a plain-text field (« Nettoyer l'école <br> »,
 * « … &amp; fleurir ») is published as written, escaped: residents read
 * « <br> » in the title, the programme, their calendar (outside tester
 * 30 F6).  One warning per value, at the first of them (its column when
 * the value is plain on one line, as warn_invisible()); the text is kept
 * as written, entities are not decoded: no silent change.
 */
static void
warn_html(struct run *r, const value *v, const char *s, const char *label)
{
	size_t chars = 0, n = 0;
	const char *p = s;
	for (; *p != '\0'; p++) {
		if (*p == '<' && (n = tag_len(p)) > 0)
			break;
		if (*p == '&' && (n = entity_len(p)) > 0)
			break;
		chars += ((unsigned char)*p & 0xC0) != 0x80;
	}
	if (*p == '\0')
		return;
	value_pos at = value_where(v);
	if (value_is_plain(v) && memchr(s, '\n', (size_t)(p - s)) == NULL &&
	    at.col > 0)
		at.col += (unsigned)chars;
	const char *what = arena_strndup(r->a, p, n);
	if (*p == '<')
		diag_report(r->d, DIAG_WARNING, at.file, at.line, at.col,
		            "HTML is not read in '%s': '%s' would show as "
		            "written; write the text alone",
		            label, shown(r, what));
	else if (entity_meaning(r, p, n) != NULL)
		diag_report(r->d, DIAG_WARNING, at.file, at.line, at.col,
		            "HTML is not read in '%s': '%s' would show as "
		            "written; write '%s' itself",
		            label, shown(r, what), entity_meaning(r, p, n));
	else
		diag_report(r->d, DIAG_WARNING, at.file, at.line, at.col,
		            "HTML is not read in '%s': '%s' would show as "
		            "written; write the character itself",
		            label, shown(r, what));
}

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
	if (f->form != NULL && !schema_form_matches(f->form, s)) {
		ERR(r, v, "'%s' must look like %s; got '%s'", label,
		    f->example != NULL ? f->example : f->form, shown(r, s));
		return NULL;
	}
	warn_invisible(r, v, s);
	if (f->type == T_TEXT)
		warn_html(r, v, s, label);
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
	if (!schema_form_int(s, &n)) {
		ERR(r, v, "'%s' must be a whole number; got '%s'", label,
		    shown(r, s));
		return NULL;
	}
	return in_range(r, f, v, n, label)
	           ? schema_at(r->a, value_number(r->a, n), v)
	           : NULL;
}

static value *
chk_number(struct run *r, const struct field *f, const value *v, const char *s,
           const char *label)
{
	double n;
	if (!schema_form_number(s, &n)) {
		ERR(r, v, "'%s' must be a number like 47.35; got '%s'", label,
		    shown(r, s));
		return NULL;
	}
	return in_range(r, f, v, n, label)
	           ? schema_at(r->a, value_number(r->a, n), v)
	           : NULL;
}

static value *
chk_bool(struct run *r, const struct field *f, const value *v, const char *s,
         const char *label)
{
	int b = schema_form_bool(s);
	if (b < 0) {
		ERR(r, v, "'%s' must be yes or no (true or false); got '%s'",
		    label, shown(r, s));
		return NULL;
	}
	return schema_at(r->a, value_bool(r->a, b == 1), v);
}

/* The edition's day (schema_env.edition_date) when it falls on the
 * weekday written and within a week of the date meant: « samedi 30 mai »
 * for the Journée on Saturday 29 May.  false otherwise. */
static bool
edition_day_near(const struct run *r, int said, civil_date meant,
                 civil_date *out)
{
	const char *ed = r->env != NULL ? r->env->edition_date : NULL;
	if (ed == NULL || !date_parse(ed, out) || date_weekday(*out) != said)
		return false;
	long gap = date_days(*out) - date_days(meant);
	return gap >= -6 && gap <= 6;
}

/* "samedi 30 mai" when 30 May is a Sunday (a slip copied from last
 * year's flyer): proposing 2027-05-30 would publish the workshop on a day
 * the editor did not mean, so say the two disagree instead, and offer
 * the edition's day when it is the weekday written, close by (outside
 * tester 23 F3).  true if reported. */
static bool
weekday_differs(struct run *r, const value *v, const char *s, civil_date meant,
                const char *iso)
{
	int said = date_guess_weekday(s), is = date_weekday(meant);
	if (said < 0 || said == is)
		return false;
	const char *lang = diag_lang(r->d);
	const char *is_name = msgcat_lookup(lang, date_weekday_en(is));
	const char *said_name = msgcat_lookup(lang, date_weekday_en(said));
	civil_date ed;
	char ed_iso[16];
	if (!edition_day_near(r, said, meant, &ed)) {
		ERR(r, v,
		    "%s is a %s, not a %s: check the day, then write it as "
		    "year-month-day; got '%s'",
		    iso, is_name, said_name, shown(r, s));
		return true;
	}
	date_format_iso(ed, ed_iso, sizeof(ed_iso));
	ERR(r, v,
	    "%s is a %s, not a %s: did you mean %s %d %s %d (the day of the "
	    "edition)? write %s; else check the day, then write it as "
	    "year-month-day; got '%s'",
	    iso, is_name, said_name, said_name, ed.day,
	    msgcat_lookup(lang, date_month_en(ed.month)), ed.year, ed_iso,
	    shown(r, s));
	return true;
}

static value *
chk_date(struct run *r, const struct field *f, const value *v, const char *s,
         const char *label)
{
	int e = strlen(s) == 10 ? schema_form_date(s) : 1;
	civil_date meant;
	char iso[16];
	if (e == 1 &&
	    date_guess(s, r->env != NULL ? r->env->year : 0, &meant)) {
		/* 29/05/2027: the day the editor meant, in the form to write */
		date_format_iso(meant, iso, sizeof(iso));
		if (!weekday_differs(r, v, s, meant, iso))
			ERR(r, v, "write %s (year-month-day); got '%s'", iso,
			    shown(r, s));
	} else if (e == 1)
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
	if (schema_form_is_24h(s) && f->after.s != NULL)
		ERR(r, v,
		    "'%s' is not a time of the day, which ends at 23:59: "
		    "write 23:59 ('%s' must be after '%s', the same day)",
		    s, f->name, f->after.s);
	else if (schema_form_is_24h(s))
		ERR(r, v,
		    "'%s' is not a time of the day, which ends at 23:59: "
		    "write 23:59, or 00:00 the next day",
		    s);
	else if (!schema_form_time(s, t))
		ERR(r, v, "time must look like 09:30 or 9h30; got '%s'",
		    shown(r, s));
	else
		return str_at(r, v, t);
	return NULL;
}

/* "2026-05-23T09:30" or "2026-05-23 09:30" (any time form after the
 * space) -> "2026-05-23T09:30". */
static value *
chk_datetime(struct run *r, const struct field *f, const value *v,
             const char *s, const char *label)
{
	char t[6];
	size_t n = strlen(s);
	int e = n > 11 ? schema_form_date(s) : 1;
	if (e == 0 && ((s[10] != 'T' && s[10] != ' ') ||
	               !schema_form_time(schema_form_skip_spaces(s + 11), t)))
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
	return schema_at(
	    r->a, value_string(r->a, arena_printf(r->a, "%.10sT%s", s, t)), v);
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
			return schema_str_at(r, v, es->vals[i]);
	/* the slug only for a value not written exactly: made in the
	 * site's arena, it was kept for every enum of every page (1.2 MB
	 * of 10,000 pages' heap, issue 14) */
	const char *sl = slug_make(r->a, s);
	for (i = 0; i < es->n; i++)
		if (strcmp(es->slugs[i], sl) == 0)
			return schema_str_at(r, v, es->vals[i]);
	/* « archive » for archives: the value meant, as for field names */
	const char *hint = schema_closest(es->slugs, es->n, sl);
	for (i = 0; hint != NULL && i < es->n; i++)
		if (es->slugs[i] == hint) {
			ERR(r, v,
			    "'%s' must be one of %s; got '%s'; did you mean "
			    "'%s'?",
			    label, es->joined, shown(r, s), es->vals[i]);
			return NULL;
		}
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
	if (schema_form_url(s, f->absolute)) {
		if (s[0] == '/' && r->env != NULL && r->env->site_path != NULL)
			r->env->site_path(r->env->ctx, v, s);
		return same_at(r, v, s);
	}
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
	if (schema_form_email(e))
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
	if (schema_form_phone(s, out, sizeof(out)))
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

/* A reference that matches no page: the page it most likely meant, else
 * a real page of the kind expected as the example (the schema's fixed
 * example may be the very page just renamed, or one this site never
 * had), else that there is none of that kind yet. */
static void
no_such_page(struct run *r, const struct field *f, const value *v,
             const char *s, const char *ref)
{
	const char *like =
	    f->example != NULL ? f->example : "ateliers/repeindre-le-preau";
	if (r->env->list_refs != NULL) {
		const char *const *keys = NULL;
		size_t n = r->env->list_refs(r->env->ctx, f->ref_kind.s, &keys);
		const char *hint = schema_closest_ref(keys, n, ref);
		if (hint != NULL) {
			ERR(r, v,
			    "'%s' does not match any page; did you mean '%s'?",
			    shown(r, s), hint);
			return;
		}
		if (n == 0 && f->ref_kind.s != NULL) {
			ERR(r, v,
			    "'%s' does not match any page, and the site has no "
			    "page of kind %s yet",
			    shown(r, s), f->ref_kind.s);
			return;
		}
		like = n > 0 ? keys[0] : NULL;
	}
	if (like != NULL)
		ERR(r, v,
		    "'%s' does not match any page; expected a path like %s",
		    shown(r, s), like);
	else
		ERR(r, v, "'%s' does not match any page", shown(r, s));
}

static value *
chk_ref(struct run *r, const struct field *f, const value *v, const char *s,
        const char *label)
{
	const char *ref = ref_clean(r->a, s), *canon = NULL;
	if (r->env != NULL && r->env->ref_exists != NULL &&
	    (*ref == '\0' || !r->env->ref_exists(r->env->ctx, ref, &canon))) {
		no_such_page(r, f, v, s, ref);
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

/* The file of the document's folder a name that names none most likely
 * meant: the same name in other capitals (a phone's IMG_0001.JPG typed
 * IMG_0001.jpg), else the closest within 2 edits; only files the field
 * could name.  NULL without one, or when s names a file elsewhere. */
static const char *
file_meant(struct run *r, const struct field *f, const char *s)
{
	const schema_env *env = r->env;
	if (env == NULL || env->list_files == NULL || env->doc_path == NULL)
		return NULL;
	if (strncmp(s, "./", 2) == 0)
		s += 2;
	if (strchr(s, '/') != NULL)
		return NULL;
	const char *const *names = NULL;
	size_t n = env->list_files(env->ctx, env->doc_path, &names);
	const char **fit = arena_alloc(r->a, (n + 1) * sizeof(*fit));
	size_t nfit = 0;
	for (size_t i = 0; i < n; i++) {
		if (!has_extension(f, names[i]) || strcmp(names[i], s) == 0)
			continue;
		if (strcasecmp(names[i], s) == 0)
			return names[i];
		fit[nfit++] = names[i];
	}
	return schema_closest(fit, nfit, s);
}

/* Kept as written (relative to the document's folder), which is also
 * what file_exists() takes. */
static value *
chk_file(struct run *r, const struct field *f, const value *v, const char *s,
         const char *label)
{
	const schema_env *env = r->env;
	const char *folder = doc_folder(r);
	size_t hn, nn;
	const char *name, *host = urlbase_remote(s, &hn, &name, &nn);
	if (host != NULL) {
		ERR(r, v, URLBASE_REMOTE_FILE, shown(r, s), (int)hn, host,
		    label, (int)nn, name);
		return NULL;
	}
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
	const char *found = env != NULL && env->file_name != NULL
	                        ? env->file_name(env->ctx, env->doc_path, s)
	                        : s;
	if (found != NULL)
		return same_at(r, v, found);
	if (env != NULL && env->file_is_link != NULL &&
	    env->file_is_link(env->ctx, env->doc_path, s)) {
		ERR(r, v, "'%s' names %s%s, " SOURCE_LINK_UNPUBLISHED,
		    shown(r, s), folder, shown(r, s));
		return NULL;
	}
	const char *meant = *folder != '\0' ? file_meant(r, f, s) : NULL;
	if (meant != NULL &&
	    strcasecmp(meant, s + (strncmp(s, "./", 2) == 0 ? 2 : 0)) == 0)
		ERR(r, v,
		    "'%s' does not exist in %s; did you mean '%s'? (the names "
		    "differ only in capitals)",
		    shown(r, s), folder, meant);
	else if (meant != NULL)
		ERR(r, v, "'%s' does not exist in %s; did you mean '%s'?",
		    shown(r, s), folder, meant);
	else if (*folder != '\0')
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
		/* placed before its entries, so that it keeps their keys'
		 * positions */
		c = schema_at(a, value_map(a), v);
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
	return schema_at(a, c, v);
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
		const char *s = value_get_string(schema_get_folded(it, key));
		if (s != NULL &&
		    utf8_same_composed(strncmp(s, "./", 2) == 0 ? s + 2 : s,
		                       name))
			return true;
	}
	return false;
}

/* Is file the one an item naming no file meant (file_meant())?  Its
 * error says « did you mean » it: a second message inviting to remove
 * the photo would contradict it (outside tester 18 F5). */
static bool
meant_by_one(struct run *r, const struct field *ff, const value *items,
             const char *key, const char *file)
{
	bool list = value_kind_of(items) == VALUE_LIST;
	size_t n = list ? value_len(items) : 1;
	for (size_t i = 0; i < n; i++) {
		const value *it = list ? value_at(items, i) : items;
		const char *s = value_get_string(schema_get_folded(it, key));
		if (s != NULL && r->env->file_name != NULL &&
		    r->env->file_name(r->env->ctx, r->env->doc_path, s) ==
		        NULL) {
			const char *m = file_meant(r, ff, s);
			if (m != NULL && strcmp(m, file) == 0)
				return true;
		}
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
	const struct field *ff =
	    schema_fs_field(f->item->fields, f->complete.s);
	const char *const *names = NULL;
	size_t n = env->list_files(env->ctx, env->doc_path, &names);
	const char *folder = doc_folder(r);
	const char *self = env->doc_path + strlen(folder);
	for (size_t i = 0; i < n; i++) {
		if (strcmp(names[i], self) == 0 || !has_extension(ff, names[i]))
			continue;
		if (!listed(v, f->complete.s, names[i]) &&
		    !meant_by_one(r, ff, v, f->complete.s, names[i]))
			diag_at(
			    r->d, DIAG_WARNING, v,
			    "'%s' is in %s but not listed in '%s'; list it or "
			    "remove the file",
			    names[i], *folder ? folder : "./", label);
	}
}

/* The files of the document's folder that field f (marked 'complet:
 * fichier') could name: their count, and the first few names in b. */
static size_t
listable_files(struct run *r, const struct field *f, buf *b)
{
	const schema_env *env = r->env;
	if (env == NULL || env->list_files == NULL || env->doc_path == NULL)
		return 0;
	const struct field *ff =
	    schema_fs_field(f->item->fields, f->complete.s);
	const char *const *names = NULL;
	size_t n = env->list_files(env->ctx, env->doc_path, &names), k = 0;
	const char *self = env->doc_path + strlen(doc_folder(r));
	for (size_t i = 0; i < n; i++) {
		if (strcmp(names[i], self) == 0 || !has_extension(ff, names[i]))
			continue;
		if (k < 3)
			buf_printf(b, "%s%s", k > 0 ? ", " : "", names[i]);
		else if (k == 3)
			buf_puts(b, ", …");
		k++;
	}
	return k;
}

/* The same list left out altogether: the files the editor added to the
 * folder are published by no page, and nothing said so (outside tester
 * 32 F5: fabrique init's own recap says « add the photos to this
 * folder »; three photos added, check and build were silent, the site
 * showed none).  A warning at the front matter, as when one is not
 * listed. */
static void
check_complete_absent(struct run *r, const struct field *f, const value *v)
{
	if (f->complete.s == NULL || f->item == NULL)
		return;
	buf b = BUF_INIT;
	size_t n = listable_files(r, f, &b);
	const char *folder = doc_folder(r);
	if (n > 0)
		diag_at(
		    r->d, DIAG_WARNING, v,
		    diag_plural(r->d, n,
		                "%s holds %zu file that '%s' would list (%s), "
		                "but there is no '%s', so it is published "
		                "nowhere; add '%s' with an item naming it "
		                "('%s: NAME', as README.md shows)",
		                "%s holds %zu files that '%s' would list (%s), "
		                "but there is no '%s', so they are published "
		                "nowhere; add '%s' with an item naming each "
		                "('%s: NAME', as README.md shows)"),
		    *folder ? folder : "./", n, f->name, buf_cstr(&b), f->name,
		    f->name, f->complete.s);
	buf_free(&b);
}

/* A list marked 'complet: fichier' names each file once: a second item
 * naming the same file is a block copied and its file name left as it
 * was (outside tester 29 F7: a recap showing one photo twice, with two
 * descriptions, the photo meant never added).  A warning at the second
 * item's file, naming the first one's line. */
static void
check_repeats(struct run *r, const struct field *f, const value *v,
              const char *label)
{
	if (value_kind_of(v) != VALUE_LIST)
		return;
	const char *key = f->complete.s;
	for (size_t i = 1; i < value_len(v); i++) {
		const value *fi = schema_get_folded(value_at(v, i), key);
		const char *s = value_get_string(fi);
		for (size_t j = 0; s != NULL && j < i; j++) {
			const value *fj =
			    schema_get_folded(value_at(v, j), key);
			const char *t = value_get_string(fj);
			if (t == NULL || strcmp(s, t) != 0)
				continue;
			diag_at(r->d, DIAG_WARNING, fi,
			        "'%s' is already item %zu of '%s' (line %u): "
			        "it would be shown twice; if another file was "
			        "meant, write its name",
			        s, j + 1, label, value_where(fj).line);
			break;
		}
	}
}

/* "tags: peinture, école, préau": the archetype's "tags: []" with its
 * brackets taken away, one tag "peinture, école, préau" published.
 * Said when a plain (unquoted) text stands for a list of texts; one
 * item holding a comma is written on its own "- " line. */
static void
check_comma_list(struct run *r, const struct field *f, const value *v,
                 const char *label)
{
	const char *s = value_get_string(v);
	if (f->item->type != T_TEXT || s == NULL || !value_is_plain(v) ||
	    strchr(s, ',') == NULL)
		return;
	diag_at(r->d, DIAG_WARNING, v,
	        "'%s' is a list, and '%s' makes one item of it; if these are "
	        "several, write them between brackets: %s: [%s], or one per "
	        "line after '- '",
	        label, s, label, s);
}

/* A single value where a list is expected stands for a one-item list
 * ("tags: lavoir"), the way editors write it. */
static value *
check_list(struct run *r, const struct field *f, const value *v,
           const char *label)
{
	value_kind k = value_kind_of(v);
	check_comma_list(r, f, v, label);
	if (k == VALUE_MAP && f->item->type != T_MAP) {
		ERR(r, v,
		    "'%s' must be a list (one '- ' line per item); got a map",
		    label);
		return NULL;
	}
	size_t before = r->errors;
	value *out = schema_at(r->a, value_list(r->a), v);
	size_t n = k == VALUE_LIST ? value_len(v) : 1;
	for (size_t i = 0; i < n; i++) {
		const value *it = k == VALUE_LIST ? value_at(v, i) : v;
		value *nv = schema_is_blank(it)
		                ? NULL
		                : schema_check_value(r, f->item, it, label);
		if (nv != NULL)
			value_push(r->a, out, nv);
	}
	if (f->complete.s != NULL) {
		check_complete(r, f, v, label);
		check_repeats(r, f, v, label);
	}
	if (r->errors != before) {
		r->kept = out;
		return NULL;
	}
	n = value_len(out);
	if (f->has_max && (double)n > f->max)
		ERR(r, v,
		    "'%s' has too many items (%zu, at most %ld); keep the "
		    "ones that matter most",
		    label, n, (long)f->max);
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
		value *m = schema_at(r->a, value_map(r->a), v);
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

value *
schema_check_value(struct run *r, const struct field *f, const value *v,
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

/* Another kind of file whose top level has the field key: a workshop's
 * « inscription: » belongs in its edition's file (outside tester 25
 * F16), where the editor learnt only that it does not exist here. */
static const struct kind *
kind_with_field(const struct run *r, const struct fieldset *fs, const char *key)
{
	for (size_t k = 0; k < r->s->nkinds; k++) {
		const struct kind *kd = &r->s->kinds[k];
		if (kd->fs != fs && kd->fs != NULL && kd->npatterns > 0 &&
		    schema_fs_find(kd->fs, key) != NULL)
			return kd;
	}
	return NULL;
}

static void
unknown_key(struct run *r, const struct fieldset *fs, const value *map,
            size_t i, const char *folded, const char *label, bool top)
{
	const char **names = arena_alloc(r->a, (fs->n + 1) * sizeof(*names));
	for (size_t j = 0; j < fs->n; j++)
		names[j] = fs->order[j]->name;
	const char *key = value_key_at(map, i);
	const char *hint = schema_closest(names, fs->n, folded);
	value_pos p = value_key_pos(map, i);
	const char *text = value_get_string(value_val_at(map, i));
	char from[6], to[6];
	if (top && text != NULL && schema_fs_find(fs, "debut") != NULL &&
	    schema_fs_find(fs, "fin") != NULL &&
	    schema_form_time_range(text, from, to))
		diag_report(r->d, DIAG_WARNING, p.file, p.line, p.col,
		            "'%s' is not a field of %s: for its hours, write "
		            "debut: \"%s\" and fin: \"%s\" (one line each)",
		            key, label, from, to);
	else if (top && hint != NULL)
		diag_report(r->d, DIAG_WARNING, p.file, p.line, p.col,
		            "'%s' is not a field of %s; did you mean '%s'?",
		            key, label, hint);
	else if (top && kind_with_field(r, fs, folded) != NULL)
		diag_report(r->d, DIAG_WARNING, p.file, p.line, p.col,
		            "'%s' is not a field of %s: it is written in the "
		            "files of %s (%s), once for all of them; move it "
		            "there",
		            key, label, kind_with_field(r, fs, folded)->name,
		            kind_with_field(r, fs, folded)->patterns[0]);
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

/* A field whose text is published as written: text, Markdown (a
 * workshop's repli_pluie is shown as its text), or a list of either
 * (a_apporter, tags), whose every item is (outside tester 19 F8). */
static bool
is_text(const struct field *f)
{
	if (f->type == T_LIST && f->item != NULL)
		f = f->item;
	return f->type == T_TEXT || f->type == T_MARKDOWN;
}

/* First pass: each key of the document, folded, to its field. */
static void
read_fields(struct run *r, const struct fieldset *fs, const value *v,
            struct seen *seen, value *out, const char *label, bool top)
{
	for (size_t i = 0; i < value_len(v); i++) {
		const char *key = value_key_at(v, i);
		const char *fk = schema_fold_key(&r->key, key);
		const struct slot *sl = schema_fs_find(fs, fk);
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
		if (schema_is_blank(val)) {
			sn->blank = val != NULL ? val : v;
			continue;
		}
		sn->raw = val;
		r->kept = NULL;
		sn->norm = schema_check_value(r, f, val, f->name);
		/* only in the partial document: sn->norm stays NULL, so
		 * nothing checked after it takes the list as given */
		if (sn->norm == NULL && r->kept != NULL && r->env != NULL &&
		    r->env->partial != NULL && f->private_unless.s == NULL)
			value_set(r->a, out, f->name, r->kept);
		r->kept = NULL;
		if (sn->norm != NULL && f->private_unless.s == NULL) {
			value_set(r->a, out, f->name, sn->norm);
			value_set_key_pos(out, value_len(out) - 1, p);
			if (is_text(f) && r->env != NULL &&
			    r->env->text_value != NULL)
				r->env->text_value(r->env->ctx, out, f->name);
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
			          schema_at(r->a,
			                    value_number(r->a, atoi(date)),
			                    value_get(out, f->year_of.s)));
		else if (f->required && f->help != NULL && top)
			ERR(r, seen[i].blank ? seen[i].blank : v,
			    "'%s' is required for %s (%s)", f->name, label,
			    diag_tr(r->d, f->help));
		else if (f->required && f->help != NULL)
			ERR(r, seen[i].blank ? seen[i].blank : v,
			    "'%s' is required in '%s' (%s)", f->name, label,
			    diag_tr(r->d, f->help));
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
	const struct slot *sl = schema_fs_find(fs, name);
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

/* Tells the site a contact detail, private or published. */
static void
tell_contact(struct run *r, const struct field *f, const struct seen *sn,
             bool published)
{
	const char *s = value_get_string(sn->norm);
	if (s != NULL && r->env != NULL && r->env->contact_value != NULL)
		r->env->contact_value(r->env->ctx, r->env->doc_path,
		                      f->type == T_PHONE, published, s);
}

/* Contact details marked 'prive_sauf: public' are checked like the rest
 * but left out of the result unless the entry says public: true, so a
 * template cannot publish them by mistake.  Every phone number and e-mail
 * address published is told too: one in a page's text that is none of
 * them may be a private person's. */
static void
add_private(struct run *r, const struct fieldset *fs, const value *v,
            const struct seen *seen, size_t i, value *out)
{
	const struct field *f = fs->order[i];
	if (seen[i].norm == NULL)
		return;
	bool published = f->private_unless.s == NULL ||
	                 value_get_bool(value_get(out, f->private_unless.s));
	if (!published || f->type == T_PHONE || f->type == T_EMAIL)
		tell_contact(r, f, &seen[i], published);
	if (f->private_unless.s == NULL || !published)
		return;
	value_set(r->a, out, f->name, seen[i].norm);
	value_set_key_pos(out, value_len(out) - 1,
	                  value_key_pos(v, seen[i].key));
}

/* Is the last word of s[0..n) a particle ("de", "la", "et"): not a
 * capital letter first? */
static bool
ends_in_particle(const char *s, size_t n)
{
	size_t at = n;
	while (at > 0 && s[at - 1] != ' ' && s[at - 1] != '\t')
		at--;
	uint32_t cp = 0;
	utf8_decode(s + at, n - at, &cp);
	return n > at && utf8_latin_case(cp) <= 0;
}

/* The first name of s with the initial of its word w: "Claire D." for
 * "Claire Dupont", "DUPONT Claire" and "Claire de la Tour". */
static const char *
with_initial(arena *a, const char *s, const char *w)
{
	size_t wn = strcspn(w, " \t\n");
	const char *first = s;
	size_t n = (size_t)(w - s);
	if (w == s) { /* the surname first: the next word */
		first = w + wn + strspn(w + wn, " \t\n");
		n = strcspn(first, " \t\n");
	}
	for (;;) {
		while (n > 0 && (first[n - 1] == ' ' || first[n - 1] == '\t'))
			n--;
		if (n == 0 || !ends_in_particle(first, n))
			break;
		while (n > 0 && first[n - 1] != ' ' && first[n - 1] != '\t')
			n--;
	}
	size_t k = utf8_seq_len((unsigned char)*w);
	return arena_printf(a, "%.*s%s%.*s.", (int)n, first, n > 0 ? " " : "",
	                    (int)k, w);
}

/* Is the entry named s an association's or a business's: its name
 * (schema_form_organisation) or another text field of the entry (its
 * role: "association co-organisatrice", "partenaire") says so?  Only the
 * warning's hint depends on it. */
static bool
organisation(const struct fieldset *fs, size_t i, const char *s,
             const value *out)
{
	static const char *const words[] = {"association", "entreprise",
	                                    "partenaire", "société", NULL};
	if (schema_form_organisation(s))
		return true;
	for (size_t j = 0; j < fs->n; j++) {
		const char *t =
		    j == i || fs->order[j]->type != T_TEXT
		        ? NULL
		        : value_get_string(value_get(out, fs->order[j]->name));
		for (; t != NULL && *t != '\0'; t++)
			for (size_t k = 0; words[k] != NULL; k++)
				if (strncasecmp(t, words[k],
				                strlen(words[k])) == 0)
					return true;
	}
	return false;
}

/*
 * 'prenom_sauf: public': a person the site names by first name only
 * (the referents of a workshop) unless the entry says public: true.  A
 * name that reads as a first name and a surname is published as the
 * first name and the surname's initial ("Claire D."), whatever the
 * build's options: a surname must never reach the site because a build
 * was not --strict.  A warning too, since a rule of capitals cannot tell
 * every surname ("Marie Anne" becomes "Marie A."), and the hook's
 * --strict makes it a refused push: the message says what the site
 * shows and the three ways out (the initial, a hyphen, public: true).
 */
static void
check_given_name(struct run *r, const struct fieldset *fs,
                 const struct seen *seen, size_t i, value *out)
{
	const struct field *f = fs->order[i];
	const char *s =
	    seen[i].norm != NULL ? value_get_string(seen[i].norm) : NULL;
	if (f->given_unless.s == NULL || s == NULL ||
	    value_get_bool(value_get(out, f->given_unless.s)))
		return;
	const char *w = schema_form_surname(s);
	if (w == NULL)
		return;
	const char *shown_as = with_initial(r->a, s, w);
	if (organisation(fs, i, s, out))
		diag_at(
		    r->d, DIAG_WARNING, seen[i].raw,
		    "'%s' looks like the name of an association or a "
		    "business ('%s'), yet only first names are published "
		    "here, so the site shows '%s'; if it is an association "
		    "or a business, move it to 'partenaires:' (nom, role, "
		    "url), which the page shows whole; if it is a person, "
		    "write '%s', or add '%s: true' if this person agreed to "
		    "be named",
		    f->name, shown(r, s), shown_as, shown_as,
		    f->given_unless.s);
	else
		diag_at(
		    r->d, DIAG_WARNING, seen[i].raw,
		    "'%s' looks like a first name and a surname ('%s'): only "
		    "first names are published, so the site shows '%s'; write "
		    "'%s' (a compound first name takes a hyphen: Marie-Anne), "
		    "or "
		    "add '%s: true' if this person agreed to be named",
		    f->name, shown(r, s), shown_as, shown_as,
		    f->given_unless.s);
	if (value_get(out, f->name) != NULL)
		value_set(r->a, out, f->name, str_at(r, seen[i].raw, shown_as));
}

/* The photo an alt field stands for: the field its presence depends on
 * (image_alt: requis_si image) when a file, else the first file field
 * beside it (a recap photo's fichier); its path as written, or NULL. */
static const char *
described_file(const struct fieldset *fs, const struct seen *seen,
               const struct field *f)
{
	const struct slot *sl =
	    f->required_if.s ? schema_fs_find(fs, f->required_if.s) : NULL;
	if (sl != NULL && fs->order[sl->idx]->type == T_FILE)
		return value_get_string(seen[sl->idx].raw);
	for (size_t i = 0; i < fs->n; i++)
		if (fs->order[i]->type == T_FILE)
			return value_get_string(seen[i].raw);
	return NULL;
}

/* 'alternative: true': the text that stands for a photo for people who
 * cannot see it must describe it; a file name, the photo's own or "photo"
 * does not (a warning, as for a page's Markdown images: alttext.h). */
static void
check_alternative(struct run *r, const struct fieldset *fs,
                  const struct seen *seen, size_t i)
{
	const struct field *f = fs->order[i];
	const struct seen *sn = &seen[i];
	const char *s = sn->norm != NULL ? value_get_string(sn->norm) : NULL;
	if (!f->alternative || s == NULL ||
	    !alttext_says_nothing(s, described_file(fs, seen, f)))
		return;
	diag_at(r->d, DIAG_WARNING, sn->raw,
	        "'%s' does not describe the photo: describe what it shows "
	        "for people who cannot see it",
	        shown(r, s));
}

/* Is field i stood for by another given beside it: one that excludes it
 * or that it excludes ('exclut': creneaux replaces debut and fin)? */
static bool
replaced(const struct fieldset *fs, const struct seen *seen, size_t i)
{
	const struct field *f = fs->order[i];
	for (size_t k = 0; k < f->nexcludes; k++)
		if (sibling(fs, seen, f->excludes[k].s)->raw != NULL)
			return true;
	for (size_t j = 0; j < fs->n; j++)
		for (size_t k = 0;
		     seen[j].raw != NULL && k < fs->order[j]->nexcludes; k++)
			if (strcmp(fs->order[j]->excludes[k].s, f->name) == 0)
				return true;
	return false;
}

/*
 * 'conseille: true': a field residents need (a workshop's place, times,
 * summary) that the page can do without.  Missing, and not replaced by a
 * field that excludes it, it is a warning where the field would go (the
 * front matter, or its empty value), saying with 'aide' what to write
 * and why; --strict and the hooks make it an error, as every warning.
 */
static void
check_advised(struct run *r, const struct fieldset *fs, const value *v,
              const struct seen *seen, size_t i, const value *out,
              const char *label, bool top)
{
	const struct field *f = fs->order[i];
	if (!f->advised || f->required || seen[i].raw != NULL ||
	    value_get(out, f->name) != NULL || replaced(fs, seen, i))
		return;
	const value *at = seen[i].blank != NULL ? seen[i].blank : v;
	const char *why = f->help != NULL ? diag_tr(r->d, f->help) : NULL;
	if (top && why != NULL)
		diag_at(r->d, DIAG_WARNING, at, "'%s' is missing; %s", f->name,
		        why);
	else if (why != NULL)
		diag_at(r->d, DIAG_WARNING, at, "'%s' is missing in '%s'; %s",
		        f->name, label, why);
	else if (top)
		diag_at(r->d, DIAG_WARNING, at, "'%s' is missing", f->name);
	else
		diag_at(r->d, DIAG_WARNING, at, "'%s' is missing in '%s'",
		        f->name, label);
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
	value *out = schema_at(r->a, value_map(r->a), v);
	read_fields(r, fs, v, seen, out, label, top);
	fill_missing(r, fs, v, seen, out, label, top);
	for (size_t i = 0; i < fs->n; i++) {
		check_presence(r, fs, v, seen, i);
		check_order(r, fs, seen, i);
		add_private(r, fs, v, seen, i, out);
		check_given_name(r, fs, seen, i, out);
		check_alternative(r, fs, seen, i);
		check_advised(r, fs, v, seen, i, out, label, top);
		if (seen[i].raw == NULL)
			check_complete_absent(
			    r, fs->order[i],
			    seen[i].blank != NULL ? seen[i].blank : v);
	}
	value_map_fit(r->a, out);
	return out;
}

value *
schema_apply(const schema *s, const char *kind, const value *doc,
             const schema_env *env, arena *a, diag *d)
{
	const struct kind *k = schema_find_kind(s, kind);
	value_pos p = value_where(doc);
	if (k == NULL) {
		diag_report(d, DIAG_ERROR, p.file, p.line, p.col,
		            "'%s' is not a kind of page known to the theme",
		            kind);
		return NULL;
	}
	struct run r = {s, env, a, d, 0, BUF_INIT, NULL};
	value *out = NULL;
	value_kind vk = value_kind_of(doc);
	if (vk == VALUE_NULL) /* an empty file: no field given */
		out = check_map(&r, k->fs, schema_at(a, value_map(a), doc),
		                k->name, true);
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
	if (env != NULL && env->partial != NULL)
		*env->partial = r.errors == 0 ? NULL : out;
	return r.errors == 0 ? out : NULL;
}
