/* Unit tests for siteyaml.c: site.yaml parsed once, quietly; its early
 * fields; a file that is not YAML reported only when asked. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "siteyaml.h"

static void
test_fields(void **state)
{
	(void)state;
	arena *a = arena_new();
	siteyaml sy;
	const char *t = "titre: Ville\ntheme: reseau\nlangue: \"\"\n"
	                "fuseau: America/Cayenne\nfr: [1]\n";
	siteyaml_parse(a, "content/site.yaml", t, strlen(t), &sy);
	assert_int_equal(sy.status, SITEYAML_OK);
	assert_string_equal(sy.path, "content/site.yaml");
	const value *at;
	assert_string_equal(siteyaml_string(&sy, "theme", &at), "reseau");
	assert_int_equal(value_where(at).line, 2);
	assert_int_equal(value_where(at).col, 8);
	assert_string_equal(siteyaml_string(&sy, "fuseau", NULL),
	                    "America/Cayenne");
	assert_null(siteyaml_string(&sy, "langue", NULL)); /* empty */
	assert_null(siteyaml_string(&sy, "fr", NULL));     /* not a string */
	assert_null(siteyaml_string(&sy, "absent", &at));
	assert_null(at);
	assert_string_equal(siteyaml_lang(&sy), SITEYAML_LANG); /* "" */
	siteyaml_parse(a, "site.yaml", "langue: en\n", 11, &sy);
	assert_string_equal(siteyaml_lang(&sy), "en");
	arena_free(a);
}

/* Not YAML: no tree, nothing said (the language may not be known yet);
 * siteyaml_report() says it, at its line, in the diag's language. */
static void
test_invalid_reported_on_demand(void **state)
{
	(void)state;
	char dir[] = "/tmp/test_siteyaml.XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[64];
	snprintf(path, sizeof(path), "%s/site.yaml", dir);
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("titre: Ville\ntheme: [commune\n", fp);
	fclose(fp);
	arena *a = arena_new();
	diag *d = diag_new("fr");
	source *src = source_open_dir(dir, d);
	assert_non_null(src);
	siteyaml sy;
	siteyaml_read(src, a, &sy);
	assert_int_equal(sy.status, SITEYAML_INVALID);
	assert_null(sy.doc);
	assert_null(siteyaml_string(&sy, "theme", NULL));
	assert_string_equal(siteyaml_lang(&sy), SITEYAML_LANG);
	assert_int_equal(diag_count(d, DIAG_ERROR), 0);
	siteyaml_report(&sy, src, a, d);
	assert_int_equal(diag_count(d, DIAG_ERROR), 1);
	source_free(src);
	unlink(path);
	src = source_open_dir(dir, d); /* a folder without site.yaml */
	assert_non_null(src);
	siteyaml_read(src, a, &sy);
	assert_int_equal(sy.status, SITEYAML_ABSENT);
	assert_string_equal(sy.path, "site.yaml");
	assert_null(siteyaml_lang(&sy));
	siteyaml_report(&sy, src, a, d); /* nothing to say */
	assert_int_equal(diag_count(d, DIAG_ERROR), 1);
	source_free(src);
	diag_free(d);
	arena_free(a);
	rmdir(dir);
}

/* « de » and a commune's name (outside tester 18 F12). */
static void
test_de_commune(void **state)
{
	(void)state;
	arena *a = arena_new();
	static const char *const cases[][2] = {
	    {"Les Herbiers", "des Herbiers"},
	    {"Le Mans", "du Mans"},
	    {"Les Sables-d'Olonne", "des Sables-d'Olonne"},
	    {"La Rochelle", "de La Rochelle"},
	    {"L'Haÿ-les-Roses", "de L'Haÿ-les-Roses"},
	    {"Angers", "d’Angers"},
	    {"Évreux", "d’Évreux"},
	    {"Yvetot", "d’Yvetot"},
	    {"Œuilly", "d’Œuilly"},
	    {"Hyères", "de Hyères"},
	    {"Brissac", "de Brissac"},
	    {"Lens", "de Lens"},
	    {"Leschelle", "de Leschelle"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++)
		assert_string_equal(siteyaml_de_commune(a, cases[i][0]),
		                    cases[i][1]);
	assert_null(siteyaml_de_commune(a, NULL));
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_fields),
	    cmocka_unit_test(test_invalid_reported_on_demand),
	    cmocka_unit_test(test_de_commune),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
