#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "details.h"
#include "json.h"
#include "jsonld.h"
#include "qrcode.h"
#include "site.h"

static void
test_json_string(void **state)
{
	buf b = BUF_INIT;
	json_string(&b, "l’\"atelier\"\\ </script>\n\t\x01\xe2\x80\xa8");
	assert_string_equal(buf_cstr(&b),
	                    "\"l’\\\"atelier\\\"\\\\ \\u003c/script\\u003e"
	                    "\\n\\u0009\\u0001\\u2028\"");
	buf_free(&b);
}

/* Plain runs are written whole: escapes at either end and between runs,
 * and the bytes that look like the start of U+2028 but are not. */
static void
test_json_string_runs(void **state)
{
	static const char *cases[][2] = {
	    {"", "\"\""},
	    {"<a&b>", "\"\\u003ca\\u0026b\\u003e\""},
	    {"fin\\", "\"fin\\\\\""},
	    {"\"début", "\"\\\"début\""},
	    {"l’été — « oui »", "\"l’été — « oui »\""},
	    {"a\xe2\x80\xa9"
	     "b\xe2",
	     "\"a\\u2029"
	     "b\xe2\""},
	    {"\xe2\x80", "\"\xe2\x80\""},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		buf b = BUF_INIT;
		json_string(&b, cases[i][0]);
		assert_string_equal(buf_cstr(&b), cases[i][1]);
		buf_free(&b);
	}
}

static void
test_event(void **state)
{
	arena *a = arena_new();
	value *site_v = value_map(a), *commune = value_map(a);
	value_set_str(a, commune, "nom", "Saint-Aubin");
	value_set_str(a, commune, "code_postal", "37465");
	value_set(a, site_v, "commune", commune);
	value_set_str(a, site_v, "url", "https://exemple.fr");
	value_set_str(a, site_v, "fuseau", "Europe/Paris");
	value *at = value_map(a), *lieu = value_map(a);
	value_set_str(a, at, "titre", "Le \"grand\" ménage");
	value_set_str(a, at, "url", "/ateliers/menage/");
	value_set_str(a, at, "date", "2026-05-23");
	value_set_str(a, at, "debut", "09:00");
	value_set_str(a, at, "fin", "12:30");
	value_set_str(a, at, "statut", "annule");
	value_set_str(a, lieu, "nom", "Lavoir");
	value_set_str(a, lieu, "adresse",
	              "Chemin du Lavoir, 37465 Saint-Aubin");
	value_set(a, lieu, "lat", value_number(a, 47.3471));
	value_set(a, lieu, "lon", value_number(a, 0.5792));
	value_set(a, at, "lieu", lieu);
	const char *j = jsonld_event(a, at, NULL, site_v, "Journée 2026");
	assert_non_null(strstr(j, "\"name\":\"Le \\\"grand\\\" ménage\""));
	assert_non_null(
	    strstr(j, "\"startDate\":\"2026-05-23T09:00:00+02:00\""));
	assert_non_null(strstr(j, "\"endDate\":\"2026-05-23T12:30:00+02:00\""));
	assert_non_null(
	    strstr(j, "\"url\":\"https://exemple.fr/ateliers/menage/\""));
	assert_non_null(strstr(j, "https://schema.org/EventCancelled"));
	assert_non_null(strstr(j, "\"streetAddress\":\"Chemin du Lavoir\""));
	assert_non_null(strstr(j, "\"postalCode\":\"37465\""));
	assert_non_null(strstr(j, "\"latitude\":47.3471"));
	assert_null(strstr(j, "superEvent"));
	assert_int_equal(j[0], '{');
	assert_int_equal(j[strlen(j) - 1], '}');
	arena_free(a);
}

/* The superEvent written once for an edition is the one jsonld_event()
 * writes for each workshop. */
static void
test_super_event(void **state)
{
	arena *a = arena_new();
	value *site_v = value_map(a), *commune = value_map(a);
	value_set_str(a, commune, "nom", "Saint-Aubin");
	value_set(a, site_v, "commune", commune);
	value_set_str(a, site_v, "url", "https://exemple.fr");
	value_set_str(a, site_v, "fuseau", "Europe/Paris");
	value *ed = value_map(a), *acc = value_map(a);
	value_set_str(a, ed, "date", "2026-05-23");
	value_set_str(a, ed, "url", "/editions/2026/");
	value_set_str(a, acc, "heure", "08:30");
	value_set_str(a, acc, "lieu", "Place de la mairie");
	value_set(a, ed, "accueil", acc);
	value *at = value_map(a);
	value_set_str(a, at, "titre", "Haie");
	value_set_str(a, at, "url", "/ateliers/haie/");
	value_set_str(a, at, "date", "2026-05-23");
	value_set_str(a, at, "debut", "09:00");
	const char *one = jsonld_event(a, at, ed, site_v, "Journée 2026");
	const char *sup = jsonld_super_event(a, ed, site_v, "Journée 2026");
	const char *two = jsonld_event_in(a, at, site_v, sup);
	assert_string_equal(one, two);
	assert_int_equal(strncmp(sup, "\"superEvent\":{", 14), 0);
	const char *in = strstr(one, ",\"superEvent\":{");
	assert_non_null(in);
	assert_string_equal(in + 1 + strlen(sup), "}");
	assert_non_null(
	    strstr(sup, "\"startDate\":\"2026-05-23T08:30:00+02:00\""));
	assert_non_null(strstr(sup, "\"name\":\"Place de la mairie\""));
	assert_non_null(
	    strstr(sup, "\"url\":\"https://exemple.fr/editions/2026/\""));
	assert_null(strstr(jsonld_event_in(a, at, site_v, NULL), "superEvent"));
	arena_free(a);
}

static void
test_qr_svg(void **state)
{
	arena *a = arena_new();
	char *svg =
	    qrcode_svg(a, "https://exemple.fr/programme/", "QR \"code\" <x>");
	assert_non_null(svg);
	assert_int_equal(strncmp(svg, "<svg ", 5), 0);
	assert_non_null(
	    strstr(svg, "aria-label=\"QR &quot;code&quot; &lt;x&gt;\""));
	/* A QR code is 17 + 4 v modules wide; 4 modules of margin each side. */
	const char *vb = strstr(svg, "viewBox=\"0 0 ");
	assert_non_null(vb);
	int size = atoi(vb + 13);
	assert_int_equal((size - 8 - 17) % 4, 0);
	assert_true(size - 8 >= 21);
	assert_non_null(strstr(svg, "<path fill=\"#000\" d=\"M"));
	assert_null(qrcode_svg(a, "", NULL));
	arena_free(a);
}

static void
test_conformance(void **state)
{
	const char *t1 = "Le site est **non\n  conforme** avec le RGAA.";
	assert_string_equal(site_conformance(t1, strlen(t1)), "non-conforme");
	const char *t2 = "Le site est _Partiellement conforme_ ; non conforme "
	                 "serait faux.";
	assert_string_equal(site_conformance(t2, strlen(t2)),
	                    "partiellement-conforme");
	const char *t3 = "Totalement conforme.";
	assert_string_equal(site_conformance(t3, strlen(t3)),
	                    "totalement-conforme");
	const char *t4 = "Aucune déclaration ici.";
	assert_null(site_conformance(t4, strlen(t4)));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_json_string),
	    cmocka_unit_test(test_json_string_runs),
	    cmocka_unit_test(test_super_event),
	    cmocka_unit_test(test_event),
	    cmocka_unit_test(test_qr_svg),
	    cmocka_unit_test(test_conformance),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
