#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "contrast.h"

static rgb
hex(const char *s)
{
	rgb c;
	assert_true(contrast_parse(s, &c));
	return c;
}

static void
test_parse(void **state)
{
	rgb c;
	assert_true(contrast_parse("#1D5a84", &c));
	assert_int_equal(c.r, 0x1d);
	assert_int_equal(c.g, 0x5a);
	assert_int_equal(c.b, 0x84);
	assert_false(contrast_parse("1d5a84", &c));
	assert_false(contrast_parse("#1d5a8", &c));
	assert_false(contrast_parse("#1d5a844", &c));
	assert_false(contrast_parse("#1g5a84", &c));
	assert_false(contrast_parse(NULL, &c));
	char out[8];
	contrast_hex(hex("#A8431A"), out);
	assert_string_equal(out, "#a8431a");
}

/* Reference values of the WCAG 2 definition. */
static void
test_ratio(void **state)
{
	rgb white = hex("#ffffff"), black = hex("#000000");
	assert_float_equal(contrast_ratio(white, black), 21.0, 1e-9);
	assert_float_equal(contrast_ratio(black, white), 21.0, 1e-9);
	assert_float_equal(contrast_ratio(white, white), 1.0, 1e-9);
	/* #767676 is the lightest grey that passes AA on white. */
	assert_true(contrast_ratio(hex("#767676"), white) >= 4.5);
	assert_true(contrast_ratio(hex("#777777"), white) < 4.5);
	assert_float_equal(contrast_luminance(hex("#808080")), 0.2158605, 1e-6);
}

static void
test_fix_keeps_a_compliant_colour(void **state)
{
	rgb bg[] = {hex("#ffffff")};
	rgb c = hex("#1d5a84");
	rgb f = contrast_fix(c, bg, 1, 4.5, hex("#000000"));
	assert_memory_equal(&c, &f, sizeof(c));
}

/* A failing colour becomes the first compliant shade toward black. */
static void
test_fix_darkens_just_enough(void **state)
{
	rgb bg[] = {hex("#ffffff"), hex("#f6f3ec")};
	rgb c = hex("#f0a030");
	rgb f = contrast_fix(c, bg, 2, 4.5, hex("#000000"));
	assert_true(contrast_worst(f, bg, 2) >= 4.5);
	assert_true(contrast_luminance(f) < contrast_luminance(c));
	/* Still orange: red above green above blue. */
	assert_true(f.r > f.g && f.g > f.b);
	/* The nearest shade: steps of 1/64 move the ratio by about 0.1
	 * here, so it lands just above the threshold. */
	assert_true(contrast_worst(f, bg, 2) < 4.7);
}

static void
test_fix_lightens_for_dark_backgrounds(void **state)
{
	rgb bg[] = {hex("#15171c"), hex("#1f232a")};
	rgb f = contrast_fix(hex("#1d5a84"), bg, 2, 4.5, hex("#ffffff"));
	assert_true(contrast_worst(f, bg, 2) >= 4.5);
	assert_true(contrast_luminance(f) > contrast_luminance(hex("#1d5a84")));
}

static value *
colours(arena *a, const char *principale, const char *accent)
{
	value *m = value_map(a);
	if (principale != NULL)
		value_set_str(a, m, "principale", principale);
	if (accent != NULL)
		value_set_str(a, m, "accent", accent);
	return m;
}

static void
test_site_colours_warn_and_fall_back(void **state)
{
	arena *a = arena_new();
	diag *d = diag_new("en");
	value *theme = colours(a, "#1d4e89", "#a8431a");
	value *bgs = value_list(a);
	value_push(a, bgs, value_string(a, "#ffffff"));
	value_set(a, theme, "fonds", bgs);
	/* A yellow that is unreadable on white, and a fine accent. */
	value *site = colours(a, "#ffd700", "#a8431a");
	value *out = contrast_site_colours(a, site, theme, d);
	assert_int_equal(diag_count(d, DIAG_WARNING), 1);
	const char *p = value_get_string(value_get(out, "principale"));
	assert_non_null(p);
	assert_string_not_equal(p, "#ffd700");
	assert_true(contrast_ratio(hex(p), hex("#ffffff")) >= 4.5);
	assert_string_equal(value_get_string(value_get(out, "accent")),
	                    "#a8431a");
	/* The dark scheme's shades pass on the default dark background. */
	const char *ps = value_get_string(value_get(out, "principale_sombre"));
	assert_true(contrast_ratio(hex(ps), hex("#121212")) >= 4.5);
	diag_free(d);
	arena_free(a);
}

static void
test_site_colours_default_without_warning(void **state)
{
	arena *a = arena_new();
	diag *d = diag_new("en");
	value *theme = colours(a, "#1d4e89", "#a8431a");
	value *out = contrast_site_colours(a, NULL, theme, d);
	assert_int_equal(diag_count(d, DIAG_WARNING), 0);
	assert_string_equal(value_get_string(value_get(out, "principale")),
	                    "#1d4e89");
	diag_free(d);
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_parse),
	    cmocka_unit_test(test_ratio),
	    cmocka_unit_test(test_fix_keeps_a_compliant_colour),
	    cmocka_unit_test(test_fix_darkens_just_enough),
	    cmocka_unit_test(test_fix_lightens_for_dark_backgrounds),
	    cmocka_unit_test(test_site_colours_warn_and_fall_back),
	    cmocka_unit_test(test_site_colours_default_without_warning),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
