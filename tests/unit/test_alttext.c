/* alttext.c: a text alternative that says nothing of the image (empty, a
 * file name, a camera's number, "photo") is told from a description. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "alttext.h"

static void
test_says_nothing(void **state)
{
	(void)state;
	static const char *const nothing[] = {"",
	                                      "   ",
	                                      "IMG_0001.JPG",
	                                      "IMG_0001",
	                                      "photo",
	                                      "Photo",
	                                      "image",
	                                      "Image 3",
	                                      "DSC_0042",
	                                      "PXL_20260523_101530",
	                                      "capture d’écran",
	                                      "lavoir.png",
	                                      "photo n° 2",
	                                      "Sans titre",
	                                      "Photo préau 2026 (1).jpg",
	                                      "Une image contenant extérieur, "
	                                      "ciel, herbe  Description "
	                                      "générée automatiquement",
	                                      "A picture containing grass, "
	                                      "sky Description automatically "
	                                      "generated",
	                                      NULL};
	for (size_t i = 0; nothing[i] != NULL; i++)
		if (!alttext_says_nothing(nothing[i], NULL))
			fail_msg("'%s' should say nothing", nothing[i]);
	assert_true(alttext_says_nothing(NULL, NULL));
}

static void
test_descriptions(void **state)
{
	(void)state;
	static const char *const described[] = {
	    "Des bénévoles repeignent le préau",
	    "Photo de groupe devant le lavoir",
	    "Le lavoir en 1910",
	    "Vue d’ensemble du chantier",
	    "Plan d’accès",
	    NULL};
	for (size_t i = 0; described[i] != NULL; i++)
		if (alttext_says_nothing(described[i], NULL))
			fail_msg("'%s' is a description", described[i]);
}

/* The photo's own file name, any case, with or without its extension
 * (outside tester 19 F12); a description the file is named after is not
 * its name. */
static void
test_own_name(void **state)
{
	(void)state;
	assert_true(alttext_says_nothing("vacances", "vacances.jpg"));
	assert_true(alttext_says_nothing(" Vacances ", "photos/vacances.JPG"));
	assert_true(alttext_says_nothing("ÉTÉ", "été.jpeg"));
	assert_true(alttext_says_nothing("preau-ete", "preau-ete.webp"));
	assert_false(alttext_says_nothing("vacances", "lavoir.jpg"));
	assert_false(alttext_says_nothing("Enfants plantant la haie",
	                                  "enfants-plantant-la-haie.jpg"));
	assert_false(alttext_says_nothing("Le lavoir", NULL));
}

/* The name of its own file, in a Markdown image: only when the name
 * looks given by a device or a copy (outside tester 26 F16). */
static void
test_names_file(void **state)
{
	(void)state;
	assert_true(alttext_names_file("Photo préau 2026 (1)",
	                               "Photo préau 2026 (1).jpg"));
	assert_true(
	    alttext_names_file("lavoir_avant", "photos/lavoir_avant.JPG"));
	assert_false(alttext_names_file("Plan", "plan.png"));
	assert_false(alttext_names_file("Plan du bourg", "plan-du-bourg.png"));
	assert_false(alttext_names_file("Le lavoir en 1910", "lavoir.jpg"));
	assert_false(alttext_names_file("Photo 2026", NULL));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_says_nothing),
	    cmocka_unit_test(test_descriptions),
	    cmocka_unit_test(test_own_name),
	    cmocka_unit_test(test_names_file),
	};
	return cmocka_run_group_tests_name("alttext", tests, NULL, NULL);
}
