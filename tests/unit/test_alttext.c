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

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_says_nothing),
	    cmocka_unit_test(test_descriptions),
	    cmocka_unit_test(test_own_name),
	};
	return cmocka_run_group_tests_name("alttext", tests, NULL, NULL);
}
