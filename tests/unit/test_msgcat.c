/* The message catalogue: sorted for bsearch, and every translation takes
 * the arguments of its English original in the same order and types. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "diag.h"
#include "msgcat.h"

static void
test_sorted(void **state)
{
	(void)state;
	assert_int_equal(msgcat_check_sorted(), 0);
}

static void
test_formats_match(void **state)
{
	(void)state;
	assert_int_equal(msgcat_check_formats(), 0);
}

static void
test_lookup(void **state)
{
	(void)state;
	const char *en = "invalid UTF-8 byte; save the file as UTF-8";
	assert_string_equal(msgcat_lookup("en", en), en);
	assert_string_equal(msgcat_lookup("fr", en),
	                    "octet UTF-8 invalide ; enregistrez le fichier en "
	                    "UTF-8");
	assert_string_equal(msgcat_lookup("fr", "no such message"),
	                    "no such message");
}

static void
test_env_lang(void **state)
{
	(void)state;
	unsetenv("LANGUAGE");
	setenv("LC_ALL", "fr_FR.UTF-8", 1);
	assert_string_equal(msgcat_env_lang(), "fr");
	setenv("LC_ALL", "C.UTF-8", 1);
	assert_string_equal(msgcat_env_lang(), "en");
	unsetenv("LC_ALL");
	unsetenv("LC_MESSAGES");
	setenv("LANG", "fr_BE.UTF-8", 1);
	assert_string_equal(msgcat_env_lang(), "fr");
}

/* No language named (unset, empty, C, POSIX, C.UTF-8): the site's; one
 * named wins over the site's; LANGUAGE as gettext reads it. */
static void
test_site_lang(void **state)
{
	(void)state;
	unsetenv("LANGUAGE");
	unsetenv("LC_ALL");
	unsetenv("LC_MESSAGES");
	unsetenv("LANG");
	assert_string_equal(msgcat_lang("fr"), "fr");
	assert_string_equal(msgcat_lang("en"), "en");
	assert_string_equal(msgcat_lang(NULL), "en");
	assert_string_equal(msgcat_lang(""), "en");
	setenv("LANG", "", 1);
	assert_string_equal(msgcat_lang("fr"), "fr");
	setenv("LANG", "C", 1);
	assert_string_equal(msgcat_lang("fr"), "fr");
	setenv("LC_ALL", "POSIX", 1);
	setenv("LANG", "en_GB.UTF-8", 1);
	assert_string_equal(msgcat_lang("fr"), "fr");
	unsetenv("LC_ALL");
	assert_string_equal(msgcat_lang("fr"), "en");
	setenv("LANG", "C.UTF-8", 1); /* Debian containers' default */
	assert_string_equal(msgcat_lang("fr"), "fr");
	assert_string_equal(msgcat_lang("en"), "en");
	setenv("LANG", "C.utf8", 1);
	assert_string_equal(msgcat_lang("fr"), "fr");
	setenv("LANGUAGE", "en", 1); /* asks English, as gettext */
	assert_string_equal(msgcat_lang("fr"), "en");
	setenv("LANG", "C", 1); /* gettext ignores LANGUAGE under C */
	assert_string_equal(msgcat_lang("fr"), "fr");
	setenv("LANG", "en_GB.UTF-8", 1);
	setenv("LANGUAGE", "fr:en", 1);
	assert_string_equal(msgcat_lang("en"), "fr");
	unsetenv("LANGUAGE");
	setenv("LC_MESSAGES", "fr_FR.UTF-8", 1);
	assert_string_equal(msgcat_lang("en"), "fr");
	unsetenv("LC_MESSAGES");
	unsetenv("LANG");
}

/* French puts a space before the colon after the level word. */
static void
test_diag_prefix(void **state)
{
	(void)state;
	char out[512];
	diag *d = diag_new("fr");
	diag_report(d, DIAG_ERROR, "a.md", 3, 7,
	            "invalid UTF-8 byte; save "
	            "the file as UTF-8");
	FILE *fp = fmemopen(out, sizeof(out), "w");
	diag_flush(d, fp);
	fclose(fp);
	diag_free(d);
	assert_string_equal(out, "a.md:3:7: erreur : octet UTF-8 invalide ; "
	                         "enregistrez le fichier en UTF-8\n");
}

static bool
spare_all(void *ctx, const char *file, const char *msg)
{
	(void)ctx, (void)file, (void)msg;
	return true;
}

/* diag_warning_worded(): the warning's words, or under strict mode the
 * error's; a warning strict mode spares keeps the warning's. */
static void
test_warning_worded(void **state)
{
	(void)state;
	char out[512];
	for (int mode = 0; mode < 3; mode++) {
		diag *d = diag_new("en");
		diag_set_strict(d, mode > 0);
		if (mode == 2)
			diag_set_strict_spare(d, spare_all, NULL);
		diag_warning_worded(d, "p.jpg", 0, 0, "rename %s (%d)",
		                    "shown as %s (%d)", "PNG", 7);
		FILE *fp = fmemopen(out, sizeof(out), "w");
		diag_flush(d, fp);
		fclose(fp);
		diag_free(d);
		assert_string_equal(
		    out, mode == 1 ? "p.jpg: error: rename PNG (7)\n"
		                   : "p.jpg: warning: shown as PNG (7)\n");
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_sorted),
	    cmocka_unit_test(test_formats_match),
	    cmocka_unit_test(test_lookup),
	    cmocka_unit_test(test_env_lang),
	    cmocka_unit_test(test_site_lang),
	    cmocka_unit_test(test_diag_prefix),
	    cmocka_unit_test(test_warning_worded),
	};
	return cmocka_run_group_tests_name("msgcat", tests, NULL, NULL);
}
