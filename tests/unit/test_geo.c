/*
 * Tests for geo.c: départements and régions from INSEE codes (Corsica,
 * overseas), the frames of the map.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "geomap.h"

static void
test_insee(void **state)
{
	const geo_dept *d = geo_dept_of_insee("37261");
	assert_string_equal(d->code, "37");
	assert_string_equal(geo_region_find(d->region)->name,
	                    "Centre-Val de Loire");
	assert_string_equal(geo_dept_of_insee("2A004")->name, "Corse-du-Sud");
	assert_string_equal(geo_dept_of_insee("2B033")->region, "94");
	assert_string_equal(geo_dept_of_insee("97411")->code, "974");
	assert_string_equal(geo_dept_of_insee("97611")->name, "Mayotte");
	assert_string_equal(geo_dept_of_insee("97105")->region, "01");
	assert_string_equal(geo_dept_of_insee("75056")->name, "Paris");
	assert_null(geo_dept_of_insee("20004")); /* no département 20 */
	assert_null(geo_dept_of_insee("98714")); /* Polynesia: not a dept */
	assert_null(geo_dept_of_insee("3729"));
	assert_null(geo_dept_of_insee("372990"));
	assert_null(geo_dept_of_insee("2C004"));
	assert_null(geo_dept_of_insee(NULL));
	/* numbers no commune has: outside tester 23 F10 (12345 was placed
	 * in Aveyron, whose communes stop at 12307) */
	geo_insee why = GEO_INSEE_OK;
	assert_null(geo_insee_check("12345", &why));
	assert_int_equal(why, GEO_INSEE_NUMBER);
	assert_non_null(geo_insee_check("12307", &why));
	assert_int_equal(why, GEO_INSEE_OK);
	assert_null(geo_insee_check("37000", &why));
	assert_int_equal(why, GEO_INSEE_NUMBER);
	assert_null(geo_insee_check("97425", &why)); /* Réunion: 24 */
	assert_int_equal(why, GEO_INSEE_NUMBER);
	assert_non_null(geo_dept_of_insee("97424"));
	assert_non_null(geo_dept_of_insee("75120")); /* Paris 20e */
	assert_non_null(geo_dept_of_insee("13216")); /* Marseille 16e */
	assert_null(geo_insee_check("20004", &why));
	assert_int_equal(why, GEO_INSEE_DEPT);
	assert_null(geo_insee_check("2A0O4", &why));
	assert_int_equal(why, GEO_INSEE_FORM);
	assert_int_equal(geo_dept_count(), 102); /* 101 départements + 975 */
	for (size_t i = 0; i < geo_dept_count(); i++)
		assert_non_null(geo_region_find(geo_dept_at(i)->region));
}

static void
test_frames(void **state)
{
	const geo_dept *tours = geo_dept_find("37"),
	               *run = geo_dept_find("974");
	assert_true(geomap_inside(tours, 47.39, 0.69));
	assert_false(geomap_inside(tours, -20.88, 55.45));
	assert_true(geomap_inside(run, -20.88, 55.45));
	assert_false(geomap_inside(run, 47.39, 0.69));
	geomap_point p[] = {{47.39, 0.69, tours, "Tours & co", "/c/t/", false},
	                    {-20.88, 55.45, run, "Saint-Denis", "/c/s/", true},
	                    {10.0, 10.0, tours, "Ailleurs", "/c/x/", false}};
	buf b = BUF_INIT;
	geomap_svg(&b, p, 3, "Carte <test>");
	const char *svg = buf_cstr(&b);
	assert_non_null(
	    strstr(svg, "<title id=\"carte-titre\">Carte &lt;test&gt;"));
	assert_non_null(strstr(svg, "<a href=\"/c/t/\">"));
	assert_non_null(strstr(svg, "<title>Tours &amp; co</title>"));
	assert_non_null(strstr(svg, "<a href=\"/c/s/\">"));
	assert_null(strstr(svg, "/c/x/")); /* outside its frame: left out */
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_insee),
	    cmocka_unit_test(test_frames),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
