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
		if (!alttext_says_nothing(nothing[i]))
			fail_msg("'%s' should say nothing", nothing[i]);
	assert_true(alttext_says_nothing(NULL));
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
		if (alttext_says_nothing(described[i]))
			fail_msg("'%s' is a description", described[i]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_says_nothing),
	    cmocka_unit_test(test_descriptions),
	};
	return cmocka_run_group_tests_name("alttext", tests, NULL, NULL);
}
