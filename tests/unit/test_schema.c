/* Unit tests for schema.c: one test per type (good and bad forms, with
 * the exact message), key folding, suggestions, enums from the site's
 * lists, requirements, defaults, conditional rules, references through a
 * fake site, the referents privacy rule, site extensions, and errors in
 * the schema itself. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "date.h"
#include "msgcat.h"
#include "schema.h"
#include "yamldoc.h"

/* One kind with a field of every type, for the type tests. */
static const char mini_schema[] =
    "genres:\n"
    "  t:\n"
    "    fichiers: t/*.md\n"
    "    champs:\n"
    "      texte: {type: text, min: 2, max: 10}\n"
    "      md: markdown\n"
    "      n: {type: int, min: 0, max: 100}\n"
    "      x: {type: number, min: -90, max: 90}\n"
    "      b: bool\n"
    "      d: date\n"
    "      h: time\n"
    "      dt: datetime\n"
    "      e: {type: enum, valeurs: [propose, confirme, tire-du-sac]}\n"
    "      l: {type: list, de: int, max: 3}\n"
    "      m: {raccourci: a, champs: {a: {type: text, requis: true}, b: "
    "int}}\n"
    "      r: {type: ref, genre: t, exemple: t/exemple}\n"
    "      f: {type: file, extensions: [jpg, png]}\n"
    "      u: url\n"
    "      ua: {type: url, absolue: true}\n"
    "      mail: email\n"
    "      tel: phone\n"
    "      s: slug\n"
    "      code: {type: text, forme: 9X999, exemple: \"37214\"}\n"
    "  u:\n"
    "    fichiers: u/*.md\n";

struct fixture {
	arena *a;
	diag *d;
	schema *mini, *real;
	schema_env env;
	const char *const *listing;
	size_t nlisting;
};

/* The fake site: pages t/preau (slug "preau"), u/x and two of the real
 * kinds; files photo-1.jpg, a.jpg and b.jpg in any folder. */
static bool
fake_ref(void *ctx, const char *ref, const char **canon)
{
	static const char *const pages[] = {"t/preau", "u/x",
	                                    "ateliers/repeindre-le-preau",
	                                    "patrimoine/lavoir"};
	for (size_t i = 0; i < 4; i++) {
		const char *slug = strrchr(pages[i], '/') + 1;
		if (strcmp(ref, pages[i]) == 0 || strcmp(ref, slug) == 0) {
			*canon = pages[i];
			return true;
		}
	}
	return false;
}

static const char *
fake_file(void *ctx, const char *doc_path, const char *path)
{
	return strcmp(path, "photo-1.jpg") == 0 || strcmp(path, "a.jpg") == 0 ||
	               strcmp(path, "b.jpg") == 0
	           ? path
	           : NULL;
}

static size_t
fake_list(void *ctx, const char *doc_path, const char *const **names)
{
	struct fixture *f = ctx;
	*names = f->listing;
	return f->nlisting;
}

static value *
load(struct fixture *f, const char *file, const char *text, unsigned line)
{
	return yamldoc_load(f->a, file, text, strlen(text), line, f->d);
}

static schema *
load_schema_text(struct fixture *f, const char *text)
{
	value *v = load(f, "schema.yaml", text, 1);
	return v != NULL ? schema_load(f->a, v, f->d) : NULL;
}

/* The theme's schema, from the repository root (where tests run) or
 * from tests/unit. */
static schema *
load_real_schema(struct fixture *f)
{
	static const char *const paths[] = {"themes/commune/schema.yaml",
	                                    "../../themes/commune/schema.yaml"};
	for (size_t i = 0; i < 2; i++) {
		FILE *fp = fopen(paths[i], "rb");
		if (fp == NULL)
			continue;
		static char text[65536];
		size_t n = fread(text, 1, sizeof(text) - 1, fp);
		fclose(fp);
		text[n] = '\0';
		value *v = yamldoc_load(f->a, "schema.yaml", text, n, 1, f->d);
		return v != NULL ? schema_load(f->a, v, f->d) : NULL;
	}
	return NULL;
}

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	f->a = arena_new();
	f->d = diag_new("en");
	f->mini = load_schema_text(f, mini_schema);
	f->real = load_real_schema(f);
	f->env = (schema_env){.ref_exists = fake_ref,
	                      .file_name = fake_file,
	                      .ctx = f,
	                      .doc_path = "t/x.md",
	                      .list_files = fake_list};
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;
	arena_free(f->a);
	diag_free(f->d);
	free(f);
	return 0;
}

/* The diagnostics as printed, for exact message checks. */
static const char *
flushed(struct fixture *f)
{
	static char out[16384];
	memset(out, 0, sizeof(out));
	FILE *fp = fmemopen(out, sizeof(out), "w");
	diag_flush(f->d, fp);
	fclose(fp);
	return out;
}

static value *
apply_raw(struct fixture *f, schema *s, const char *kind, const char *text)
{
	value *doc = load(f, "t.md", text, 1);
	assert_non_null(doc);
	return schema_apply(s, kind, doc, &f->env, f->a, f->d);
}

/* Does a top-level line of text give key?  Keys folded as the tests
 * write them: "Début" is debut, "Résumé" resume. */
static bool
gives(const char *text, const char *key)
{
	for (const char *l = text; l != NULL && *l != '\0';
	     l = strchr(l, '\n'), l = l != NULL ? l + 1 : NULL) {
		char k[32] = "";
		size_t n = 0;
		for (const char *p = l;
		     *p != ':' && *p != '\n' && *p != '\0' && n + 1 < sizeof(k);
		     p++) {
			if ((unsigned char)p[0] == 0xc3 &&
			    (unsigned char)p[1] == 0xa9)
				k[n++] = 'e', p++; /* é */
			else
				k[n++] = (char)(*p | 0x20);
		}
		k[n] = '\0';
		if (strcmp(k, key) == 0)
			return true;
	}
	return false;
}

/* A workshop of the theme's schema with the fields residents need that
 * the test leaves out (conseille: resume, debut, fin, lieu) appended
 * after its lines, so that its messages are the test's own; its lines
 * keep their numbers.  test_advised checks the warnings themselves. */
static const char *
completed(struct fixture *f, const char *text)
{
	static const char *const fields[][2] = {{"resume", "resume: Un mur"},
	                                        {"debut", "debut: 9h"},
	                                        {"fin", "fin: 18h"},
	                                        {"lieu", "lieu: Préau"}};
	size_t n = strlen(text);
	const char *out = n > 0 && text[n - 1] != '\n'
	                      ? arena_printf(f->a, "%s\n", text)
	                      : text;
	for (size_t i = 0; i < 4; i++) {
		bool slots = i == 1 || i == 2;
		if (!gives(text, fields[i][0]) &&
		    !(slots && gives(text, "creneaux")))
			out = arena_printf(f->a, "%s%s\n", out, fields[i][1]);
	}
	return out;
}

/* text as kind; a workshop of the theme's schema completed first. */
static value *
apply(struct fixture *f, schema *s, const char *kind, const char *text)
{
	if (s == f->real && strcmp(kind, "atelier") == 0)
		text = completed(f, text);
	return apply_raw(f, s, kind, text);
}

/* A one-field document of the mini schema that must be accepted; returns
 * the normalised value of that field. */
static value *
good(struct fixture *f, const char *text)
{
	value *out = apply(f, f->mini, "t", text);
	if (out == NULL)
		fail_msg("rejected '%s': %s", text, flushed(f));
	assert_int_equal(value_len(out), 1);
	return value_val_at(out, 0);
}

static void
good_str(struct fixture *f, const char *text, const char *expected)
{
	const char *got = value_get_string(good(f, text));
	if (got == NULL || strcmp(got, expected) != 0)
		fail_msg("'%s' gave '%s', expected '%s'", text,
		         got ? got : "(not text)", expected);
}

/* A document that must be rejected with exactly this output. */
static void
bad(struct fixture *f, const char *text, const char *expected)
{
	assert_null(apply(f, f->mini, "t", text));
	assert_string_equal(flushed(f), expected);
}

static void
test_schemas_load(void **state)
{
	struct fixture *f = *state;
	if (f->mini == NULL || f->real == NULL)
		fail_msg("schema not loaded: %s", flushed(f));
	assert_int_equal(diag_count(f->d, DIAG_ERROR), 0);
}

static void
test_text(void **state)
{
	struct fixture *f = *state;
	good_str(f, "texte: Bonjour", "Bonjour");
	good_str(f, "texte: Éléphantée", "Éléphantée"); /* 10 characters */
	good_str(f, "md: \"**gras**\"", "**gras**");
	bad(f, "texte: Bonjour tout le monde",
	    "t.md:1:8: error: 'texte' is too long (21 characters, at most "
	    "10)\n");
	bad(f, "texte: a",
	    "t.md:1:8: error: 'texte' is too short (1 characters, at least "
	    "2)\n");
	bad(f, "texte: [a, b]",
	    "t.md:1:8: error: 'texte' must be a single value, not a list\n");
	good_str(f, "code: 2A004", "2A004");
	bad(f, "code: 3721",
	    "t.md:1:7: error: 'code' must look like 37214; got '3721'\n");
}

static void
test_int_and_number(void **state)
{
	struct fixture *f = *state;
	assert_true(value_get_number(good(f, "n: 12")) == 12);
	assert_int_equal(value_kind_of(good(f, "n: \"7\"")), VALUE_NUMBER);
	bad(f, "n: dix",
	    "t.md:1:4: error: 'n' must be a whole number; got "
	    "'dix'\n");
	bad(f, "n: 1.5",
	    "t.md:1:4: error: 'n' must be a whole number; got "
	    "'1.5'\n");
	bad(f, "n: 101", "t.md:1:4: error: 'n' must be at most 100; got 101\n");
	bad(f, "n: -1", "t.md:1:4: error: 'n' must be at least 0; got -1\n");
	assert_true(value_get_number(good(f, "x: 47,35")) == 47.35);
	assert_true(value_get_number(good(f, "x: -0.5")) == -0.5);
	bad(f, "x: 47°N",
	    "t.md:1:4: error: 'x' must be a number like 47.35; "
	    "got '47°N'\n");
	bad(f, "x: 91.5",
	    "t.md:1:4: error: 'x' must be at most 90; got 91.5\n");
}

static void
test_bool(void **state)
{
	struct fixture *f = *state;
	const char *yes[] = {"b: oui", "b: Oui", "b: true", "b: vrai",
	                     "b: yes"};
	const char *no[] = {"b: non", "b: NON", "b: false", "b: faux", "b: no"};
	for (size_t i = 0; i < 5; i++) {
		value *y = good(f, yes[i]), *n = good(f, no[i]);
		assert_int_equal(value_kind_of(y), VALUE_BOOL);
		assert_true(value_get_bool(y));
		assert_int_equal(value_kind_of(n), VALUE_BOOL);
		assert_false(value_get_bool(n));
	}
	bad(f, "b: peut-être",
	    "t.md:1:4: error: 'b' must be yes or no (true "
	    "or false); got 'peut-être'\n");
}

static void
test_date(void **state)
{
	struct fixture *f = *state;
	good_str(f, "d: 2026-05-23", "2026-05-23");
	good_str(f, "d: 2024-02-29", "2024-02-29");
	bad(f, "d: 23/05/2026",
	    "t.md:1:4: error: write 2026-05-23 (year-month-day); "
	    "got '23/05/2026'\n");
	bad(f, "d: 2026-5-23",
	    "t.md:1:4: error: write 2026-05-23 (year-month-day); "
	    "got '2026-5-23'\n");
	bad(f, "d: demain",
	    "t.md:1:4: error: date must look like "
	    "2026-05-23; got 'demain'\n");
	bad(f, "d: 2026-02-29",
	    "t.md:1:4: error: '2026-02-29' is not a day of "
	    "the calendar; expected a date like "
	    "2026-05-23\n");
}

static void
test_time(void **state)
{
	struct fixture *f = *state;
	static const char *const ok[][2] = {{"h: 09:30", "09:30"},
	                                    {"h: 9:30", "09:30"},
	                                    {"h: 9h30", "09:30"},
	                                    {"h: 9 h 30", "09:30"},
	                                    {"h: 9h", "09:00"},
	                                    {"h: 14H05", "14:05"},
	                                    {"h: 9\xc2\xa0h\xc2\xa0"
	                                     "30",
	                                     "09:30"}, /* no-break spaces */
	                                    {"h: \"17:30\"", "17:30"}};
	for (size_t i = 0; i < sizeof(ok) / sizeof(*ok); i++)
		good_str(f, ok[i][0], ok[i][1]);
	static const char *const ko[] = {"25:00", "9h3",     "930",  "9.30",
	                                 "midi",  "9:30:00", "12:60"};
	for (size_t i = 0; i < sizeof(ko) / sizeof(*ko); i++) {
		char doc[64], msg[160];
		snprintf(doc, sizeof(doc), "h: %s", ko[i]);
		snprintf(msg, sizeof(msg),
		         "t.md:1:4: error: time must look like 09:30 or 9h30; "
		         "got '%s'\n",
		         ko[i]);
		bad(f, doc, msg);
	}
}

static void
test_datetime(void **state)
{
	struct fixture *f = *state;
	good_str(f, "dt: 2026-05-23T09:30", "2026-05-23T09:30");
	good_str(f, "dt: \"2026-05-23 09:30\"", "2026-05-23T09:30");
	good_str(f, "dt: 2026-05-23 9h30", "2026-05-23T09:30");
	bad(f, "dt: 2026-05-23",
	    "t.md:1:5: error: date and time must look "
	    "like 2026-05-23T09:30; got '2026-05-23'\n");
	bad(f, "dt: 23/05/2026 09:30",
	    "t.md:1:5: error: date and time must look like 2026-05-23T09:30; "
	    "got '23/05/2026 09:30'\n");
}

static void
test_enum(void **state)
{
	struct fixture *f = *state;
	good_str(f, "e: confirme", "confirme");
	/* Accented, capitalised or spaced spellings are the same value. */
	good_str(f, "e: Confirmé", "confirme");
	good_str(f, "e: tiré du sac", "tire-du-sac");
	/* a typo: the value meant (outside tester 18 F20) */
	bad(f, "e: confirmer",
	    "t.md:1:4: error: 'e' must be one of propose, confirme, "
	    "tire-du-sac; got 'confirmer'; did you mean 'confirme'?\n");
	bad(f, "e: buffet",
	    "t.md:1:4: error: 'e' must be one of propose, confirme, "
	    "tire-du-sac; got 'buffet'\n");
}

static void
test_list(void **state)
{
	struct fixture *f = *state;
	value *l = good(f, "l: [1, 2]");
	assert_int_equal(value_len(l), 2);
	assert_true(value_get_number(value_at(l, 1)) == 2);
	l = good(f, "l: 5"); /* one value: a one-item list */
	assert_int_equal(value_kind_of(l), VALUE_LIST);
	assert_int_equal(value_len(l), 1);
	bad(f, "l: {a: 1}",
	    "t.md:1:4: error: 'l' must be a list (one '- ' "
	    "line per item); got a map\n");
	bad(f, "l: [1, 2, 3, 4]",
	    "t.md:1:4: error: 'l' has too many items "
	    "(4, at most 3); keep the ones that matter most\n");
	bad(f, "l:\n  - 1\n  - x\n",
	    "t.md:3:5: error: 'l' must be a whole number; got 'x'\n");
}

static void
test_map(void **state)
{
	struct fixture *f = *state;
	value *m = good(f, "m: {a: x, b: 2}");
	assert_string_equal(value_get_string(value_get(m, "a")), "x");
	assert_true(value_get_number(value_get(m, "b")) == 2);
	/* 'raccourci: a': one value stands for m.a */
	m = good(f, "m: Salle des fêtes");
	assert_string_equal(value_get_string(value_get(m, "a")),
	                    "Salle des fêtes");
	bad(f, "m: {b: 2}", "t.md:1:4: error: 'a' is required in 'm'\n");
	bad(f, "m: [1]",
	    "t.md:1:4: error: 'm' must have sub-fields (a, b); "
	    "got a list\n");
}

static void
test_ref(void **state)
{
	struct fixture *f = *state;
	good_str(f, "r: t/preau", "t/preau");
	good_str(f, "r: ../t/preau.md", "t/preau");
	good_str(f, "r: preau", "t/preau"); /* by slug */
	bad(f, "r: t/nope",
	    "t.md:1:4: error: 't/nope' does not match any "
	    "page; expected a path like t/exemple\n");
	bad(f, "r: u/x", "t.md:1:4: error: 'u/x' is a page of kind u, not t\n");
	/* Without an environment, references are only cleaned up. */
	value *doc = load(f, "t.md", "r: /t/autre/", 1);
	value *out = schema_apply(f->mini, "t", doc, NULL, f->a, f->d);
	assert_non_null(out);
	assert_string_equal(value_get_string(value_get(out, "r")), "t/autre");
}

/* Every string of a tree, in order, into out ("a=b;" for maps); with
 * scribble, the document's own bytes overwritten with 'X' instead. */
static void
walk_strings(const value *v, buf *out, bool scribble)
{
	switch (value_kind_of(v)) {
	case VALUE_MAP:
		for (size_t i = 0; i < value_len(v); i++) {
			if (out != NULL)
				buf_printf(out, "%s=", value_key_at(v, i));
			walk_strings(value_val_at(v, i), out, scribble);
		}
		break;
	case VALUE_LIST:
		for (size_t i = 0; i < value_len(v); i++)
			walk_strings(value_at(v, i), out, scribble);
		break;
	case VALUE_STRING:
		if (scribble)
			memset((char *)value_get_string(v), 'X',
			       value_string_len(v));
		if (out != NULL)
			buf_printf(out, "%s;", value_get_string(v));
		break;
	default: break;
	}
}

/* The normalised tree owns its bytes: the site frees the document as
 * written once every page is checked (site_load_drop_raw), so nothing
 * may point into it. */
static void
test_owns_bytes(void **state)
{
	struct fixture *f = *state;
	value *doc = load(f, "t.md",
	                  "texte: Bonjour\nmd: '**gras**'\nd: 2026-05-23\n"
	                  "h: '14:00'\ne: confirme\nm: Salle\nr: t/preau\n"
	                  "f: photo-1.jpg\nu: https://a.fr/\nmail: a@b.fr\n"
	                  "s: un-slug\ncode: '37214'\n",
	                  1);
	value *out = schema_apply(f->mini, "t", doc, &f->env, f->a, f->d);
	if (out == NULL)
		fail_msg("rejected: %s", flushed(f));
	buf before = BUF_INIT, after = BUF_INIT;
	walk_strings(out, &before, false);
	walk_strings(doc, NULL, true);
	walk_strings(out, &after, false);
	assert_string_equal(buf_cstr(&after), buf_cstr(&before));
	assert_null(strchr(buf_cstr(&before), 'X'));
	buf_free(&before);
	buf_free(&after);
}

static void
test_file(void **state)
{
	struct fixture *f = *state;
	good_str(f, "f: photo-1.jpg", "photo-1.jpg");
	bad(f, "f: photo-12.jpg",
	    "t.md:1:4: error: 'photo-12.jpg' does not exist in t/\n");
	bad(f, "f: notes.pdf",
	    "t.md:1:4: error: 'f' must be a file ending in "
	    ".jpg, .png; got 'notes.pdf'\n");
	bad(f, "f: ../../a.jpg",
	    "t.md:1:4: error: '../../a.jpg' must stay "
	    "inside the site's folder (too many '..')\n");
	f->env.doc_path = "site.yaml";
	bad(f, "f: logo.png",
	    "t.md:1:4: error: 'logo.png' does not exist in the site's "
	    "folder\n");
}

struct told {
	const char *path;
	unsigned line, col;
	int n;
};

static void
tell_path(void *ctx, const value *where, const char *path)
{
	struct told *t = ctx;
	value_pos at = value_where(where);
	t->path = path;
	t->line = at.line;
	t->col = at.col;
	t->n++;
}

/* A url field's path of this site is told to the site, with where it is
 * written, to be checked once every page has its address (site_path.c);
 * a full address is not. */
static void
test_url_site_path_told(void **state)
{
	struct fixture *f = *state;
	struct told t = {NULL, 0, 0, 0};
	schema_env env = {
	    .site_path = tell_path, .ctx = &t, .doc_path = "t/x.md"};
	value *doc = load(f, "t.md", "titre: T\nu: /contcat/\n", 1);
	assert_non_null(schema_apply(f->mini, "t", doc, &env, f->a, f->d));
	assert_int_equal(t.n, 1);
	assert_string_equal(t.path, "/contcat/");
	assert_int_equal(t.line, 2);
	assert_int_equal(t.col, 4);
	doc = load(f, "t.md", "titre: T\nu: https://example.fr/x/\n", 1);
	assert_non_null(schema_apply(f->mini, "t", doc, &env, f->a, f->d));
	assert_int_equal(t.n, 1);
}

static void
test_url_email_phone_slug(void **state)
{
	struct fixture *f = *state;
	good_str(f, "u: https://example.fr/a?b=c", "https://example.fr/a?b=c");
	good_str(f, "u: /participer/", "/participer/");
	bad(f, "u: www.example.fr",
	    "t.md:1:4: error: 'u' must be a web address starting with https:// "
	    "(or / for a page of this site); got 'www.example.fr'\n");
	bad(f, "ua: /participer/",
	    "t.md:1:5: error: 'ua' must be a full web address starting with "
	    "https://; got '/participer/'\n");
	good_str(f, "mail: mairie@saint-aubin.example",
	         "mairie@saint-aubin.example");
	good_str(f, "mail: mailto:a@b.fr", "a@b.fr");
	bad(f, "mail: mairie@",
	    "t.md:1:7: error: 'mail' must be an email "
	    "address like mairie@example.fr; got "
	    "'mairie@'\n");
	good_str(f, "tel: 05 49 12 34 56", "05 49 12 34 56");
	good_str(f, "tel: 0549123456", "05 49 12 34 56");
	good_str(f, "tel: 05.49.12.34.56", "05 49 12 34 56");
	good_str(f, "tel: +33 5 49 12 34 56", "+33 5 49 12 34 56");
	good_str(f, "tel: +33 (0)5 49 12 34 56", "+33 5 49 12 34 56");
	good_str(f, "tel: 0033549123456", "+33 5 49 12 34 56");
	bad(f, "tel: 05 49 12 34",
	    "t.md:1:6: error: 'tel' must be a French phone number like 05 49 "
	    "12 34 56 or +33 5 49 12 34 56; got '05 49 12 34'\n");
	good_str(f, "s: repeindre-le-preau", "repeindre-le-preau");
	bad(f, "s: Repeindre le préau",
	    "t.md:1:4: error: 's' must be lowercase letters, digits and "
	    "hyphens, like repeindre-le-preau; got 'Repeindre le préau'\n");
}

static void
test_key_folding(void **state)
{
	struct fixture *f = *state;
	value *out = apply(f, f->real, "atelier",
	                   "Titre: Repeindre le préau\n"
	                   "Bénévoles: 4\n"
	                   "Catégorie: renovation\n"
	                   "Début: 9h\n"
	                   "Référents: [Martine]\n"
	                   "Image Alt: Un préau\n"
	                   "à-apporter: [gants]\n");
	if (out == NULL)
		fail_msg("%s", flushed(f));
	assert_string_equal(value_get_string(value_get(out, "titre")),
	                    "Repeindre le préau");
	assert_true(value_get_number(value_get(out, "benevoles")) == 4);
	assert_string_equal(value_get_string(value_get(out, "categorie")),
	                    "renovation");
	assert_string_equal(value_get_string(value_get(out, "debut")), "09:00");
	value *r0 = value_at(value_get(out, "referents"), 0);
	assert_string_equal(value_get_string(value_get(r0, "nom")), "Martine");
	assert_non_null(value_get(out, "image_alt"));
	assert_non_null(value_get(out, "a_apporter"));
	assert_int_equal(diag_count(f->d, DIAG_WARNING), 0);

	assert_null(
	    apply(f, f->real, "atelier", "titre: X\ndebut: 9h\nDébut: 10h\n"));
	assert_string_equal(flushed(f),
	                    "t.md:3:1: error: 'Début' is the same field as "
	                    "'debut' (line 2); give it only once\n");
}

static void
test_unknown_key(void **state)
{
	struct fixture *f = *state;
	value *out = apply(f, f->real, "atelier",
	                   "titre: Repeindre\nlieu: {nom: École, adrese: "
	                   "rue}\nbenevole: 3\nzzzzzz: 1\n");
	assert_non_null(out); /* warnings do not fail */
	assert_null(value_get(out, "benevole"));
	assert_null(value_get(out, "zzzzzz"));
	assert_string_equal(
	    flushed(f),
	    "t.md:2:20: warning: 'adrese' is not a field of 'lieu'; did you "
	    "mean 'adresse'?\n"
	    "t.md:3:1: warning: 'benevole' is not a field of atelier; did you "
	    "mean 'benevoles'?\n"
	    "t.md:4:1: warning: 'zzzzzz' is not a field of atelier\n");
	/* hours written as one field: the two lines to write instead */
	static const char *const ranges[][3] = {
	    {"9h30-12h", "09:30", "12:00"},
	    {"9:30 \xE2\x80\x93 12:00", "09:30", "12:00"},
	    {"de 14 h \xC3\xA0 17 h 30", "14:00", "17:30"},
	    {"8h - 10h", "08:00", "10:00"}};
	for (size_t i = 0; i < sizeof(ranges) / sizeof(*ranges); i++) {
		char doc[96], want[192];
		snprintf(doc, sizeof(doc), "titre: R\nhoraire: %s\n",
		         ranges[i][0]);
		snprintf(want, sizeof(want),
		         "t.md:2:1: warning: 'horaire' is not a field of "
		         "atelier: for its hours, write debut: \"%s\" and fin: "
		         "\"%s\" (one line each)\n",
		         ranges[i][1], ranges[i][2]);
		assert_non_null(apply(f, f->real, "atelier", doc));
		assert_string_equal(flushed(f), want);
	}
	assert_non_null(
	    apply(f, f->real, "atelier", "titre: R\nhoraire: le matin\n"));
	assert_string_equal(flushed(f),
	                    "t.md:2:1: warning: 'horaire' is not a field of "
	                    "atelier\n");
}

static void
test_required_and_defaults(void **state)
{
	struct fixture *f = *state;
	value *doc =
	    load(f, "ateliers/preau.md", completed(f, "resume: Un mur\n"), 2);
	assert_null(schema_apply(f->real, "atelier", doc, &f->env, f->a, f->d));
	assert_string_equal(flushed(f), "ateliers/preau.md:2:1: error: 'titre' "
	                                "is required for atelier\n");
	/* An empty value counts as not given. */
	assert_null(apply(f, f->real, "atelier", "titre: \"\"\n"));
	assert_string_equal(
	    flushed(f), "t.md:1:8: error: 'titre' is required for atelier\n");

	value *out = apply(f, f->real, "atelier",
	                   "titre: Repeindre\ndate: 2026-05-23\n");
	assert_non_null(out);
	/* no statut given: none (ff53338: no status is shown) */
	assert_null(value_get(out, "statut"));
	assert_int_equal(value_kind_of(value_get(out, "brouillon")),
	                 VALUE_BOOL);
	assert_false(value_get_bool(value_get(out, "brouillon")));
	assert_true(value_get_number(value_get(out, "edition")) == 2026);
	out = apply(f, f->real, "atelier", "titre: Repeindre\n");
	assert_null(value_get(out, "edition")); /* no date: left to the site */
	out = apply(f, f->real, "atelier",
	            "titre: Repeindre\ndate: 2026-05-23\nedition: 2025\n");
	assert_true(value_get_number(value_get(out, "edition")) == 2025);

	assert_null(apply(f, f->real, "edition", "accueil: {heure: 8h30}\n"));
	assert_string_equal(
	    flushed(f), "t.md:1:1: error: 'date' is required for edition\n");
}

/* A site.yaml without fuseau: the theme's default is the zone fabrique's
 * code falls back to (deploy's release names read site.yaml raw). */
static void
test_default_zone(void **state)
{
	struct fixture *f = *state;
	value *out =
	    apply(f, f->real, "site",
	          "commune: Sainte-Anne\nurl: https://sainte-anne.fr/\n");
	if (out == NULL)
		fail_msg("rejected: %s", flushed(f));
	assert_string_equal(value_get_string(value_get(out, "fuseau")),
	                    DATE_ZONE_DEFAULT);
}

static void
test_image_alt_required(void **state)
{
	struct fixture *f = *state;
	assert_null(
	    apply(f, f->real, "atelier", "titre: Repeindre\nimage: a.jpg\n"));
	assert_string_equal(flushed(f),
	                    "t.md:2:1: error: 'image_alt' is required when "
	                    "'image' is set (describe the image for blind "
	                    "visitors)\n");
	assert_non_null(apply(f, f->real, "atelier",
	                      "titre: R\nimage: a.jpg\nimage_alt: Le préau\n"));
	diag *fr = diag_new("fr");
	value *doc =
	    load(f, "t.md", completed(f, "titre: R\nimage: a.jpg\n"), 1);
	assert_null(schema_apply(f->real, "atelier", doc, &f->env, f->a, fr));
	char out[512] = "";
	FILE *fp = fmemopen(out, sizeof(out), "w");
	diag_flush(fr, fp);
	fclose(fp);
	diag_free(fr);
	assert_string_equal(out, "t.md:2:1: erreur : « image_alt » est "
	                         "obligatoire quand « image » est renseigné "
	                         "(décrivez l’image pour les personnes "
	                         "aveugles)\n");
}

/* 'conseille: true' (outside tester F7): a workshop without the place,
 * times or summary residents need is a warning at the front matter,
 * saying what to write and why; creneaux stands for debut and fin. */
static void
test_advised(void **state)
{
	struct fixture *f = *state;
	assert_non_null(apply_raw(f, f->real, "atelier", "titre: R\n"));
	assert_string_equal(
	    flushed(f),
	    "t.md:1:1: warning: 'resume' is missing; write in one sentence "
	    "what the workshop will do (resume: On repeint le préau de "
	    "l’école): it is what residents read in the programme, in search "
	    "results and in their calendar\n"
	    "t.md:1:1: warning: 'debut' is missing; give the time it starts "
	    "(debut: \"09:00\"), or its time slots (creneaux): without it the "
	    "page gives the day alone, and residents do not know when to "
	    "come\n"
	    "t.md:1:1: warning: 'fin' is missing; give the time it ends (fin: "
	    "\"12:00\"), or its time slots (creneaux): residents need it to "
	    "plan their day\n"
	    "t.md:1:1: warning: 'lieu' is missing; say where to meet (lieu: "
	    "Salle des fêtes): without a place, residents do not know where to "
	    "go\n");
	/* given: nothing said; creneaux replaces debut and fin ('exclut') */
	assert_non_null(apply_raw(f, f->real, "atelier",
	                          "titre: R\nresume: Un mur\nlieu: Préau\n"
	                          "creneaux:\n  - {debut: 9h, fin: 12h}\n"));
	assert_string_equal(flushed(f), "");
	/* an empty value is not given: said at it */
	assert_non_null(apply_raw(f, f->real, "atelier",
	                          "titre: R\nresume: \"\"\ndebut: 9h\n"
	                          "lieu: {nom: Préau}\n"));
	assert_string_equal(
	    flushed(f),
	    "t.md:1:1: warning: 'fin' is missing; give the time it ends (fin: "
	    "\"12:00\"), or its time slots (creneaux): residents need it to "
	    "plan their day\n"
	    "t.md:2:9: warning: 'resume' is missing; write in one sentence "
	    "what the workshop will do (resume: On repeint le préau de "
	    "l’école): it is what residents read in the programme, in search "
	    "results and in their calendar\n");
	/* a heritage story's place is not asked (its own 'lieu') */
	assert_non_null(apply_raw(f, f->real, "histoire", "titre: Lavoir\n"));
	assert_string_equal(flushed(f), "");
	/* in the editor's language */
	diag *fr = diag_new("fr");
	value *doc = load(f, "t.md",
	                  "titre: R\nresume: Un mur\ndebut: 9h\nfin: 12h\n", 1);
	assert_non_null(
	    schema_apply(f->real, "atelier", doc, &f->env, f->a, fr));
	char out[512] = "";
	FILE *fp = fmemopen(out, sizeof(out), "w");
	diag_flush(fr, fp);
	fclose(fp);
	diag_free(fr);
	assert_string_equal(out, "t.md:1:1: avertissement : « lieu » manque ; "
	                         "indiquez où se retrouver (lieu: Salle des "
	                         "fêtes) : sans lieu, les habitants ne savent "
	                         "pas où aller\n");
}

/* The setting itself, on any schema: in a map, without 'aide'; replaced
 * by the field it excludes too; a default or 'requis' wins. */
static void
test_advised_setting(void **state)
{
	struct fixture *f = *state;
	schema *s = load_schema_text(
	    f, "genres:\n"
	       "  t:\n"
	       "    fichiers: t/*.md\n"
	       "    champs:\n"
	       "      a: {type: text, conseille: oui, exclut: b}\n"
	       "      b: text\n"
	       "      c: {type: int, conseille: true, defaut: 3}\n"
	       "      d: {type: text, conseille: true, requis: true}\n"
	       "      m:\n"
	       "        champs:\n"
	       "          x: {type: text, conseille: true}\n"
	       "          y: text\n");
	assert_non_null(s);
	value *out = apply_raw(f, s, "t", "d: D\nm: {y: 1}\n");
	assert_non_null(out);
	assert_true(value_get_number(value_get(out, "c")) == 3);
	assert_string_equal(flushed(f), "t.md:1:1: warning: 'a' is missing\n"
	                                "t.md:2:4: warning: 'x' is missing in "
	                                "'m'\n");
	assert_non_null(apply_raw(f, s, "t", "d: D\nb: B\nm: {x: X}\n"));
	assert_string_equal(flushed(f), "");
	assert_null(apply_raw(f, s, "t", "a: A\nm: {x: X}\n"));
	assert_string_equal(flushed(f),
	                    "t.md:1:1: error: 'd' is required for t\n");
	assert_null(load_schema_text(f, "genres:\n  t:\n    fichiers: t/*.md\n"
	                                "    champs:\n"
	                                "      a: {type: text, conseille: "
	                                "peut-etre}\n"));
	assert_string_equal(flushed(f),
	                    "schema.yaml:5:34: error: 'conseille' must be yes "
	                    "or no (true or false); got 'peut-etre'\n");
}

static void
test_times_order_and_slots(void **state)
{
	struct fixture *f = *state;
	assert_null(
	    apply(f, f->real, "atelier", "titre: R\ndebut: 14h\nfin: 12h\n"));
	assert_string_equal(flushed(f),
	                    "t.md:3:6: error: 'fin' (12:00) must be "
	                    "after 'debut' (14:00)\n");
	assert_null(
	    apply(f, f->real, "atelier", "titre: R\ndebut: 9h\nfin: 9h\n"));
	assert_string_equal(flushed(f),
	                    "t.md:3:6: error: 'fin' (09:00) must be "
	                    "after 'debut' (09:00)\n");
	value *out = apply(f, f->real, "atelier",
	                   "titre: R\ncreneaux:\n"
	                   "  - {debut: 9h, fin: 12h}\n"
	                   "  - {date: 2026-05-24, debut: 14h, fin: 17h30}\n");
	assert_non_null(out);
	value *c = value_at(value_get(out, "creneaux"), 1);
	assert_string_equal(value_get_string(value_get(c, "fin")), "17:30");
	assert_null(apply(f, f->real, "atelier",
	                  "titre: R\ndebut: 9h\ncreneaux:\n"
	                  "  - {debut: 12h, fin: 9h}\n  - {debut: 14h}\n"));
	assert_string_equal(flushed(f),
	                    "t.md:2:1: error: 'debut' cannot be used together "
	                    "with 'creneaux'; keep one of them\n"
	                    "t.md:4:23: error: 'fin' (09:00) must be after "
	                    "'debut' (12:00)\n"
	                    "t.md:5:5: error: 'fin' is required in "
	                    "'creneaux'\n");
	assert_null(
	    apply(f, f->real, "histoire",
	          "titre: Lavoir\nperiode: {debut: 1870, fin: 1850}\n"));
	assert_string_equal(flushed(f), "t.md:2:29: error: 'fin' (1850) cannot "
	                                "be before 'debut' (1870)\n");
	assert_non_null(apply(f, f->real, "histoire",
	                      "titre: L\nperiode: {debut: 1870, fin: 1870}\n"));
}

static void
test_refs_in_real_kinds(void **state)
{
	struct fixture *f = *state;
	value *out = apply(f, f->real, "histoire",
	                   "titre: Lavoir\nateliers: [repeindre-le-preau]\n");
	assert_non_null(out);
	assert_string_equal(
	    value_get_string(value_at(value_get(out, "ateliers"), 0)),
	    "ateliers/repeindre-le-preau");
	assert_null(apply(f, f->real, "histoire",
	                  "titre: L\nateliers:\n  - ateliers/preau\n"
	                  "  - patrimoine/lavoir\n"));
	assert_string_equal(flushed(f),
	                    "t.md:3:5: error: 'ateliers/preau' does not match "
	                    "any page; expected a path like "
	                    "ateliers/repeindre-le-preau\n"
	                    "t.md:4:5: error: 'patrimoine/lavoir' is a page of "
	                    "kind histoire, not atelier\n");
}

static void
test_enums_from_site_lists(void **state)
{
	struct fixture *f = *state;
	assert_non_null(
	    apply(f, f->real, "atelier", "titre: R\ncategorie: nature\n"));
	assert_null(apply(f, f->real, "atelier",
	                  "titre: R\ncategorie: jardinage\nquartier: bourg\n"));
	assert_string_equal(
	    flushed(f),
	    "t.md:2:12: error: 'categorie' must be one of cadre-de-vie, "
	    "renovation, patrimoine, nature, culture, solidarite, enfance, "
	    "convivialite; got 'jardinage'\n"
	    "t.md:3:11: error: 'quartier' must be one of the quartiers listed "
	    "in site.yaml (none are listed); got 'bourg'\n");
}

static void
test_site_extension(void **state)
{
	struct fixture *f = *state;
	value *site = load(f, "site.yaml",
	                   "commune: Saint-Aubin\n"
	                   "url: https://example.fr\n"
	                   "Catégories:\n"
	                   "  - {id: jardinage, nom: Jardinage}\n"
	                   "quartiers:\n"
	                   "  - {id: centre-bourg, nom: Le Bourg}\n"
	                   "champs:\n"
	                   "  Atelier:\n"
	                   "    Covoiturage: {type: bool, defaut: false}\n",
	                   1);
	assert_int_equal(schema_extend(f->real, site, f->d), 0);
	assert_non_null(
	    schema_apply(f->real, "site", site, &f->env, f->a, f->d));
	value *out = apply(f, f->real, "atelier",
	                   "titre: R\ncategorie: jardinage\n"
	                   "quartier: Centre Bourg\n");
	if (out == NULL)
		fail_msg("%s", flushed(f));
	assert_string_equal(value_get_string(value_get(out, "quartier")),
	                    "centre-bourg");
	assert_false(value_get_bool(value_get(out, "covoiturage")));
	out = apply(f, f->real, "atelier", "titre: R\ncovoiturage: oui\n");
	assert_true(value_get_bool(value_get(out, "covoiturage")));
	/* The site's list replaces the theme's defaults. */
	assert_null(
	    apply(f, f->real, "atelier", "titre: R\ncategorie: nature\n"));
	assert_string_equal(flushed(f), "t.md:2:12: error: 'categorie' must be "
	                                "one of jardinage; got 'nature'\n");

	value *bad_site = load(f, "site.yaml",
	                       "champs:\n"
	                       "  atelier: {titre: text}\n"
	                       "  atelir: {x: text}\n",
	                       1);
	assert_int_equal(schema_extend(f->real, bad_site, f->d), -1);
	assert_string_equal(flushed(f),
	                    "site.yaml:2:20: error: 'titre' is already a field "
	                    "of atelier; choose another name\n"
	                    "site.yaml:3:3: error: 'atelir' is not a kind; "
	                    "expected one of site, edition, atelier, histoire, "
	                    "retour, page\n");
}

static void
test_referents_privacy(void **state)
{
	struct fixture *f = *state;
	value *out = apply(f, f->real, "atelier",
	                   "titre: R\nreferents:\n"
	                   "  - {nom: Martine, role: peinture, email: "
	                   "m@example.fr, tel: 0549123456}\n"
	                   "  - {nom: Karim, tel: 0549000000, public: oui}\n"
	                   "  - Lucie\n");
	assert_non_null(out);
	value *refs = value_get(out, "referents");
	assert_int_equal(value_len(refs), 3);
	value *m = value_at(refs, 0), *k = value_at(refs, 1);
	assert_string_equal(value_get_string(value_get(m, "role")), "peinture");
	assert_null(value_get(m, "email"));
	assert_null(value_get(m, "tel"));
	assert_string_equal(value_get_string(value_get(k, "tel")),
	                    "05 49 00 00 00");
	assert_string_equal(
	    value_get_string(value_get(value_at(refs, 2), "nom")), "Lucie");
	/* Private details are still checked. */
	assert_null(apply(f, f->real, "atelier",
	                  "titre: R\nreferents:\n  - {nom: M, email: m@}\n"));
	assert_string_equal(
	    flushed(f), "t.md:3:21: error: 'email' must be an email address "
	                "like mairie@example.fr; got 'm@'\n");
}

/* Referents by first name: a surname is a warning saying how to write
 * it, unless public: true; first names only, initials, compound first
 * names and two people in one entry pass. */
static void
test_referents_first_names(void **state)
{
	struct fixture *f = *state;
	static const char *const fine[] = {
	    "Claire",         "Marie-Anne",   "Claire D.",
	    "Claire et Marc", "Claire, Marc", "Claire (peintre)",
	    "Élodie & Anaïs", "Jean-Pierre",  "la mairie"};
	for (size_t i = 0; i < sizeof(fine) / sizeof(*fine); i++) {
		char doc[128];
		snprintf(doc, sizeof(doc),
		         "titre: R\nreferents:\n  - nom: %s\n", fine[i]);
		assert_non_null(apply(f, f->real, "atelier", doc));
		assert_string_equal(flushed(f), "");
	}
	value *out = apply(f, f->real, "atelier",
	                   "titre: R\nreferents:\n  - nom: Claire Dupont\n"
	                   "  - nom: DUPONT Claire\n"
	                   "  - nom: Émile Zola\n"
	                   "  - nom: Claire de la Tour\n"
	                   "  - {nom: Karim Benali, public: oui}\n"
	                   "  - nom: Jean-Marc d\xE2\x80\x99Hérouville\n"
	                   "  - nom: Anne d'Alembert\n");
	assert_non_null(out);
	static const char *const said[][3] = {
	    {"3", "Claire Dupont", "Claire D."},
	    {"4", "DUPONT Claire", "Claire D."},
	    {"5", "Émile Zola", "Émile Z."},
	    {"6", "Claire de la Tour", "Claire T."},
	    {"8", "Jean-Marc d\xE2\x80\x99Hérouville", "Jean-Marc H."},
	    {"9", "Anne d'Alembert", "Anne A."}};
	buf want = BUF_INIT;
	for (size_t i = 0; i < sizeof(said) / sizeof(*said); i++)
		buf_printf(
		    &want,
		    "t.md:%s:10: warning: 'nom' looks like a first name "
		    "and a surname ('%s'): only first names are "
		    "published, so the site shows '%s'; write '%s' (a "
		    "compound first name takes a hyphen: Marie-Anne), or "
		    "add 'public: true' if this person agreed to be "
		    "named\n",
		    said[i][0], said[i][1], said[i][2], said[i][2]);
	assert_string_equal(flushed(f), buf_cstr(&want));
	buf_free(&want);
	/* What the site is given: the first name and the initial, whatever
	 * the build's options; the one who agreed keeps the whole name. */
	const value *refs = value_get(out, "referents");
	static const char *const given[] = {
	    "Claire D.",    "Claire D.",    "Émile Z.", "Claire T.",
	    "Karim Benali", "Jean-Marc H.", "Anne A."};
	assert_int_equal(value_len(refs), 7);
	for (size_t i = 0; i < 7; i++)
		assert_string_equal(
		    value_get_string(value_get(value_at(refs, i), "nom")),
		    given[i]);
}

static void
test_recap_photos(void **state)
{
	struct fixture *f = *state;
	static const char *const listing[] = {"index.md", "a.jpg", "b.jpg",
	                                      "notes.txt"};
	f->listing = listing;
	f->nlisting = 4;
	f->env.doc_path = "retours/fete-2025/index.md";
	value *out = apply(f, f->real, "retour",
	                   "titre: Fête\nphotos:\n"
	                   "  - {fichier: a.jpg, alt: Un mur repeint}\n");
	assert_non_null(out);
	assert_string_equal(
	    flushed(f), "t.md:3:3: warning: 'b.jpg' is in retours/fete-2025/ "
	                "but not listed in 'photos'; list it or remove the "
	                "file\n");
	/* b.jpg counts as listed (as Fichier) though its item lacks 'alt'. */
	assert_null(apply(f, f->real, "retour",
	                  "titre: Fête\nphotos:\n"
	                  "  - {fichier: photo-12.jpg, alt: Un mur}\n"
	                  "  - {Fichier: b.jpg}\n"));
	assert_string_equal(
	    flushed(f), "t.md:3:3: warning: 'a.jpg' is in retours/fete-2025/ "
	                "but not listed in 'photos'; list it or remove the "
	                "file\n"
	                "t.md:3:15: error: 'photo-12.jpg' does not exist in "
	                "retours/fete-2025/\n"
	                "t.md:4:5: error: 'alt' is required in 'photos' "
	                "(describe what the photo shows for people who cannot "
	                "see it)\n");
	/* an alt that describes nothing: a file name, "photo" (F6) */
	f->nlisting = 2;
	assert_non_null(apply(f, f->real, "retour",
	                      "titre: Fête\nphotos:\n"
	                      "  - {fichier: a.jpg, alt: IMG_0001.JPG}\n"
	                      "  - {fichier: b.jpg, alt: photo}\n"));
	assert_string_equal(
	    flushed(f), "t.md:3:27: warning: 'IMG_0001.JPG' does not describe "
	                "the photo: describe what it shows for people who "
	                "cannot see it\n"
	                "t.md:4:27: warning: 'photo' does not describe the "
	                "photo: describe what it shows for people who cannot "
	                "see it\n");
}

static void
test_kind_for_path(void **state)
{
	struct fixture *f = *state;
	static const char *const cases[][2] = {
	    {"site.yaml", "site"},
	    {"editions/2026.yaml", "edition"},
	    {"ateliers/repeindre-le-preau.md", "atelier"},
	    {"patrimoine/lavoir.md", "histoire"},
	    {"retours/fete-2025/index.md", "retour"},
	    {"pages/participer.md", "page"},
	    {"retours/fete-2025/a.jpg", NULL},
	    {"ateliers/vieux/x.md", NULL},
	    {"ateliers/.cache.md", NULL},
	    {"README.md", NULL}};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		const char *k = schema_kind_for_path(f->real, cases[i][0]);
		if (cases[i][1] == NULL)
			assert_null(k);
		else if (k == NULL || strcmp(k, cases[i][1]) != 0)
			fail_msg("%s: got %s", cases[i][0], k ? k : "NULL");
	}
}

static void
test_positions_kept(void **state)
{
	struct fixture *f = *state;
	value *doc =
	    load(f, "ateliers/a.md", "titre: R\nlieu:\n  lat: 47,3\n", 2);
	value *out = schema_apply(f->real, "atelier", doc, NULL, f->a, f->d);
	value *lat = value_path(out, "lieu.lat");
	assert_true(value_get_number(lat) == 47.3);
	assert_string_equal(value_where(lat).file, "ateliers/a.md");
	assert_int_equal(value_where(lat).line, 4);
	assert_int_equal(value_where(lat).col, 8);
	assert_int_equal(value_key_pos(out, 1).line, 3);
}

static void
test_not_a_map(void **state)
{
	struct fixture *f = *state;
	assert_null(apply(f, f->real, "page", "- a\n- b\n"));
	assert_string_equal(
	    flushed(f), "t.md:1:1: error: the fields of page must be written "
	                "as 'name: value' lines; got a list\n");
	value *doc = load(f, "t.md", "x: 1", 1);
	assert_null(schema_apply(f->real, "nope", doc, NULL, f->a, f->d));
	assert_string_equal(flushed(f), "t.md:1:1: error: 'nope' is not a kind "
	                                "of page known to the theme\n");
}

static void
test_malformed_schema(void **state)
{
	struct fixture *f = *state;
	assert_null(
	    load_schema_text(f, "genres:\n"
	                        "  atelier:\n"
	                        "    fichiers: ateliers/*.md\n"
	                        "    champs:\n"
	                        "      titre: {type: txt}\n"
	                        "      statut: {type: enum, valeurs: [a, b], "
	                        "defaut: c}\n"
	                        "      fin: {type: time, apres: debutt}\n"
	                        "      n: {type: int, requiss: true}\n"
	                        "      Début: date\n"
	                        "      r: {type: ref, genre: atelir}\n"
	                        "  page: {champs: {}}\n"));
	assert_string_equal(
	    flushed(f),
	    "schema.yaml:5:21: error: 'txt' is not a type; expected one of "
	    "text, "
	    "markdown, int, number, bool, date, time, datetime, enum, list, "
	    "map, ref, file, url, email, phone, slug\n"
	    "schema.yaml:6:53: error: 'statut' must be one of a, b; got 'c'\n"
	    "schema.yaml:7:32: error: 'fin' refers to 'debutt', which is not a "
	    "field beside it\n"
	    "schema.yaml:8:22: error: 'requiss' is not a setting of the schema "
	    "language; did you mean 'requis'?\n"
	    "schema.yaml:9:7: error: field names must be lowercase ASCII "
	    "letters, digits and '_' (like image_alt); got 'Début'\n"
	    "schema.yaml:10:29: error: 'atelir' is not a kind; expected one of "
	    "atelier, page\n"
	    "schema.yaml:11:9: error: the kind 'page' needs 'fichiers' (where "
	    "its files are, like ateliers/*.md)\n");
}

static void
test_catalogue(void **state)
{
	assert_int_equal(msgcat_check_sorted(), 0);
	assert_string_equal(
	    msgcat_lookup("fr", "date must look like 2026-05-23; got '%s'"),
	    "la date doit s’écrire 2026-05-23 ; reçu « %s »");
}

int
main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	const struct CMUnitTest tests[] = {
	    T(test_schemas_load),
	    T(test_text),
	    T(test_int_and_number),
	    T(test_bool),
	    T(test_date),
	    T(test_time),
	    T(test_datetime),
	    T(test_enum),
	    T(test_list),
	    T(test_map),
	    T(test_ref),
	    T(test_owns_bytes),
	    T(test_file),
	    T(test_url_email_phone_slug),
	    T(test_url_site_path_told),
	    T(test_key_folding),
	    T(test_unknown_key),
	    T(test_required_and_defaults),
	    T(test_default_zone),
	    T(test_image_alt_required),
	    T(test_advised),
	    T(test_advised_setting),
	    T(test_times_order_and_slots),
	    T(test_refs_in_real_kinds),
	    T(test_enums_from_site_lists),
	    T(test_site_extension),
	    T(test_referents_privacy),
	    T(test_referents_first_names),
	    T(test_recap_photos),
	    T(test_kind_for_path),
	    T(test_positions_kept),
	    T(test_not_a_map),
	    T(test_malformed_schema),
	    T(test_catalogue),
	};
#undef T
	return cmocka_run_group_tests_name("schema", tests, NULL, NULL);
}
