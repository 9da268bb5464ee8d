/* Unit tests for yaml.c: positions, typing left to consumers, and every
 * refusal the loader promises. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "utf8.h"
#include "yamldoc.h"

struct fixture {
	arena *a;
	diag *d;
};

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	f->a = arena_new();
	f->d = diag_new("en");
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

static value *
load(struct fixture *f, const char *text, unsigned first_line)
{
	return yamldoc_load(f->a, "t.md", text, strlen(text), first_line, f->d);
}

/* Captures the diagnostics as printed, for exact message checks. */
static char *
flushed(struct fixture *f)
{
	static char out[4096];
	FILE *fp = fmemopen(out, sizeof(out), "w");
	diag_flush(f->d, fp);
	fclose(fp);
	return out;
}

static void
test_positions(void **state)
{
	struct fixture *f = *state;
	value *v = load(f, "titre: Repeindre\nlieu:\n  nom: École\n", 2);
	assert_non_null(v);
	value *nom = value_path(v, "lieu.nom");
	assert_string_equal(value_get_string(nom), "École");
	assert_int_equal(value_where(nom).line, 4);
	assert_int_equal(value_where(nom).col, 8);
	assert_string_equal(value_where(nom).file, "t.md");
	assert_int_equal(value_key_pos(v, 1).line, 3);
	assert_int_equal(value_key_pos(v, 1).col, 1);
}

/* A key costs its text, not a value left behind once its entry is made:
 * a second entry adds two texts and one value (48 bytes with its
 * position), where it added a value for its key too.  An anchored key
 * is still a value, for its aliases. */
static void
test_key_cost(void **state)
{
	struct fixture *f = *state;
	size_t u0 = arena_used(f->a);
	assert_non_null(load(f, "k: v\n", 1));
	size_t one = arena_used(f->a) - u0;
	u0 = arena_used(f->a);
	value *v = load(f, "k: v\nj: w\n", 1);
	size_t two = arena_used(f->a) - u0;
	assert_true(two - one < 64);
	assert_int_equal(value_key_pos(v, 1).line, 2);
	assert_int_equal(value_key_pos(v, 1).col, 1);
	v = load(f, "&a k: v\nj: *a\n", 1);
	assert_string_equal(value_get_string(value_get(v, "k")), "v");
	assert_string_equal(value_get_string(value_get(v, "j")), "k");
	assert_int_equal(value_key_pos(v, 1).line, 2);
}

static void
test_scalars_stay_text(void **state)
{
	struct fixture *f = *state;
	value *v =
	    load(f, "debut: 09:00\nenfants: non\nq: \"non\"\nn: 12\n", 1);
	assert_non_null(v);
	assert_string_equal(value_get_string(value_get(v, "debut")), "09:00");
	assert_string_equal(value_get_string(value_get(v, "enfants")), "non");
	assert_true(value_is_plain(value_get(v, "enfants")));
	assert_false(value_is_plain(value_get(v, "q")));
	assert_int_equal(value_kind_of(value_get(v, "n")), VALUE_STRING);
	value_resolve_core(v);
	assert_int_equal(value_kind_of(value_get(v, "n")), VALUE_NUMBER);
	assert_int_equal(value_kind_of(value_get(v, "enfants")), VALUE_STRING);
}

static void
test_duplicate_key(void **state)
{
	struct fixture *f = *state;
	assert_null(load(f, "titre: a\nresume: b\ntitre: c\n", 1));
	assert_string_equal(flushed(f),
	                    "t.md:3:1: error: duplicate key 'titre' (first "
	                    "given at line 1); each key may appear once\n");
}

static void
test_syntax_error_position(void **state)
{
	struct fixture *f = *state;
	assert_null(load(f, "titre: a\nlieu: Salle: des fêtes\n", 5));
	assert_string_equal(flushed(f),
	                    "t.md:6:7: error: the value of 'lieu' contains "
	                    "': '; put the value between quotes: lieu: "
	                    "\"Salle: des fêtes\"\n");
	/* a mistake with no plainer explanation keeps libyaml's words */
	assert_null(load(f, "titre: a\nlieu: [Salle\n", 1));
	const char *out = flushed(f);
	assert_non_null(strstr(out, "t.md:3:1: error: invalid YAML: "));
}

static void
test_invalid_utf8(void **state)
{
	struct fixture *f = *state;
	assert_null(load(f, "titre: ok\nlieu: \xe9glise\n", 2));
	assert_string_equal(flushed(f),
	                    "t.md:3:7: error: this file seems saved as "
	                    "Windows-1252 ('ANSI' in Notepad): byte 0xE9 is "
	                    "not UTF-8; save it as UTF-8: File > Save as... > "
	                    "Encoding: UTF-8\n");
	assert_null(load(f, "titre: ok\nlieu: \x81glise\n", 2));
	assert_string_equal(flushed(f), "t.md:3:7: error: invalid UTF-8 "
	                                "byte; save the file as UTF-8\n");
	unsigned l, c;
	assert_false(utf8_check("\xc0\xaf", 2, &l, &c));     /* overlong '/' */
	assert_false(utf8_check("\xed\xa0\x80", 3, &l, &c)); /* surrogate */
	assert_true(utf8_check("\xc5\x93uvre \xe2\x82\xac", 10, &l, &c));
}

static void
test_billion_laughs(void **state)
{
	struct fixture *f = *state;
	char text[2048] = "a: &a [x,x,x,x,x,x,x,x,x,x]\n";
	const char *names = "abcdefghij";
	for (int i = 1; i < 9; i++) {
		char line[128];
		snprintf(line, sizeof(line),
		         "%c: &%c [*%c,*%c,*%c,*%c,*%c,*%c,*%c,*%c,*%c,*%c]\n",
		         names[i], names[i], names[i - 1], names[i - 1],
		         names[i - 1], names[i - 1], names[i - 1], names[i - 1],
		         names[i - 1], names[i - 1], names[i - 1],
		         names[i - 1]);
		strcat(text, line);
	}
	assert_null(load(f, text, 1));
	assert_non_null(strstr(flushed(f), "billion laughs"));
}

static void
test_alias_shared(void **state)
{
	struct fixture *f = *state;
	value *v = load(f, "l: &lieu {nom: Lavoir}\nm: *lieu\n", 1);
	assert_non_null(v);
	assert_string_equal(value_get_string(value_path(v, "m.nom")), "Lavoir");
	assert_null(load(f, "m: *nope\n", 1));
	assert_non_null(strstr(flushed(f), "unknown alias '*nope'"));
}

static void
test_empty_and_multi_doc(void **state)
{
	struct fixture *f = *state;
	value *v = load(f, "", 1);
	assert_int_equal(value_kind_of(v), VALUE_MAP);
	assert_int_equal(value_len(v), 0);
	assert_null(load(f, "a: 1\n---\nb: 2\n", 1));
	assert_non_null(strstr(flushed(f), "t.md:2:1: error: only one YAML"));
}

static void
test_deep_nesting(void **state)
{
	struct fixture *f = *state;
	char text[400];
	memset(text, '[', 300);
	text[300] = '\0';
	assert_null(load(f, text, 1));
	assert_non_null(strstr(flushed(f), "nesting is too deep"));
}

/* "- bottes" indented under "- gants" folds into one item "gants -
 * bottes": a warning at that "-" (line 3 of the file here); an item
 * simply wrapped over two lines, or a quoted one, is not. */
static void
test_folded_list_item(void **state)
{
	struct fixture *f = *state;
	value *v = load(f, "a_apporter:\n  - gants\n    - bottes\n", 2);
	assert_non_null(v);
	assert_string_equal(value_get_string(value_path(v, "a_apporter.0")),
	                    "gants - bottes");
	assert_non_null(strstr(flushed(f),
	                       "t.md:4:5: warning: this '- ' is indented more "
	                       "than the item above (line 3)"));
	assert_non_null(strstr(flushed(f), "column 3, as there"));
	assert_non_null(load(f, "l:\n  - des gants\n    de jardin\n", 1));
	assert_non_null(load(f, "l:\n  - \"a\n    - b\"\n", 1));
	assert_non_null(load(f, "l: gants\n  - bottes\n", 1));
	assert_int_equal(diag_count(f->d, DIAG_WARNING), 1);
}

/* A '#' glued to a word after a plain value ("#2", "#vélo") is cut off
 * as a comment: a warning at the '#' with the line to write, quoted so
 * YAML reads it whole (single quotes when the value holds a double one);
 * the archetypes' explanations ("# texte" after blanks), a '#' inside a
 * word, a quoted value and a block of text are left alone. */
static void
test_cut_by_comment(void **state)
{
	struct fixture *f = *state;
	value *v = load(f,
	                "titre: L'atelier \"du\" maire #1\n"
	                "resume: Nettoyage du lavoir #2\n"
	                "tags:\n  - Atelier n°2 #vélo\n",
	                2);
	assert_non_null(v);
	assert_string_equal(value_get_string(value_get(v, "titre")),
	                    "L'atelier \"du\" maire");
	const char *m = flushed(f);
	assert_non_null(strstr(m, "t.md:2:29: warning: the value stops before "
	                          "'#1': after a space, '#' starts a comment, "
	                          "which is left out; put the value between "
	                          "quotes: titre: \"L'atelier \\\"du\\\" "
	                          "maire #1\"\n"));
	assert_non_null(strstr(m, "t.md:3:29: warning: the value stops before "
	                          "'#2'"));
	assert_non_null(strstr(m, "put the value between quotes: resume: "
	                          "\"Nettoyage du lavoir #2\"\n"));
	assert_non_null(strstr(m, "t.md:5:17: warning: the value stops before "
	                          "'#vélo'"));
	assert_non_null(strstr(m, "quotes: - \"Atelier n°2 #vélo\"\n"));
	assert_int_equal(diag_count(f->d, DIAG_WARNING), 3);
	assert_non_null(load(f, "titre: Le \"grand\" lavoir #3\n", 1));
	assert_non_null(strstr(flushed(f), "quotes: titre: 'Le \"grand\" "
	                                   "lavoir #3'\n"));
	assert_int_equal(diag_count(f->d, DIAG_WARNING), 4);
	v = load(f,
	         "benevoles: 6                        # nombre de bénévoles\n"
	         "resume:                             # une phrase\n"
	         "lieu:\n  nom: École   # ex. : École du Bourg\n"
	         "  # lat: 47.30     # latitude\n"
	         "titre: Atelier#2\n"
	         "sous_titre: \"Atelier #3\"\n"
	         "texte: |\n  ## Le programme\n  Atelier #4\n"
	         "vide: #5\n",
	         1);
	assert_non_null(v);
	assert_string_equal(value_get_string(value_get(v, "titre")),
	                    "Atelier#2");
	/* all of "vide"'s value is a comment: said, and nothing else */
	assert_non_null(strstr(flushed(f),
	                       "t.md:11:7: warning: this value is "
	                       "empty: after a space, '#' starts a "
	                       "comment, which is left out; put the "
	                       "value between quotes: vide: \"#5\"\n"));
	assert_int_equal(diag_count(f->d, DIAG_WARNING), 5);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_positions, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_key_cost, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_scalars_stay_text, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_duplicate_key, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_syntax_error_position, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_invalid_utf8, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_billion_laughs, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_alias_shared, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_empty_and_multi_doc, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_deep_nesting, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_folded_list_item, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_cut_by_comment, setup,
	                                    teardown),
	};
	return cmocka_run_group_tests_name("yamldoc", tests, NULL, NULL);
}
