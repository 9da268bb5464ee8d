/*
 * Tests for the template-data layer: view.c (a page's fields in words,
 * terms, moments), details.c (practical details: slots, children,
 * accessibility, period, map links) and theme_text().  The strings are a
 * small French i18n map written here, so a theme's wording can change
 * without breaking these tests; the expected words are what a resident
 * reads.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "arena.h"
#include "details.h"
#include "diag.h"
#include "history.h"
#include "strmap.h"
#include "theme.h"
#include "value.h"
#include "view.h"
#include "yamldoc.h"
#include "unit_sh.h"

static const char I18N[] =
    "jours: [lundi, mardi, mercredi, jeudi, vendredi, samedi, dimanche]\n"
    "mois: [janvier, février, mars, avril, mai, juin, juillet, août,\n"
    "       septembre, octobre, novembre, décembre]\n"
    "premier: 1er\n"
    "heure: \"%H h %M\"\n"
    "heure_pile: \"%H h\"\n"
    "moments: {matin: le matin, apres-midi: l'après-midi,\n"
    "          journee: toute la journée}\n"
    "enfants:\n"
    "  accompagnes: \"Enfants bienvenus, accompagnés d'un adulte\"\n"
    "accessibilite: {fauteuil: Accessible en fauteuil roulant}\n"
    "libelles: {siecle: siècle}\n"
    "repas: {partage: Repas partagé}\n";

static const char CONFIG[] = "categories:\n"
                             "  - {id: nature, nom: Nature et jardins}\n"
                             "quartiers:\n"
                             "  - {id: bourg, nom: Le bourg}\n";

struct fix {
	arena *a;
	diag *d;
	view_env e;
};

static value *
yaml(struct fix *f, const char *text)
{
	value *v = yamldoc_load(f->a, "test.yaml", text, strlen(text), 1, f->d);
	assert_non_null(v);
	return v;
}

static int
setup(void **state)
{
	struct fix *f = test_calloc(1, sizeof(*f));
	f->a = arena_new();
	f->d = diag_new("en");
	f->e.a = f->a;
	f->e.i18n = yaml(f, I18N);
	f->e.config = yaml(f, CONFIG);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fix *f = *state;
	diag_free(f->d);
	arena_free(f->a);
	test_free(f);
	return 0;
}

static const char *
str(const value *v, const char *path)
{
	return value_get_string(value_path(v, path));
}

static void
test_moment(void **state)
{
	assert_string_equal(view_moment("09:00", "12:00"), "matin");
	assert_string_equal(view_moment("14:00", "17:30"), "apres-midi");
	assert_string_equal(view_moment("09:00", "17:00"), "journee");
	assert_string_equal(view_moment("10:00", NULL), "matin");
	assert_string_equal(view_moment(NULL, NULL), "journee");
}

static void
test_theme_text(void **state)
{
	struct fix *f = *state;
	assert_string_equal(theme_text(f->e.i18n, "moments.matin", "x"),
	                    "le matin");
	assert_string_equal(theme_text(f->e.i18n, "moments.soir", "soir"),
	                    "soir");
	assert_string_equal(theme_text(NULL, "moments.matin", "matin"),
	                    "matin");
}

static void
test_terms(void **state)
{
	struct fix *f = *state;
	value *t = view_term(&f->e, "categories", "nature");
	assert_string_equal(str(t, "nom"), "Nature et jardins");
	assert_string_equal(str(t, "url"), "/categories/nature/");
	/* An id the site does not list is shown as written, with no link. */
	t = view_term(&f->e, "quartiers", "moulin");
	assert_string_equal(str(t, "nom"), "moulin");
	assert_null(value_get(t, "url"));
}

/* A workshop's view: dates and times in words, moment, terms, tags. */
static void
test_workshop_view(void **state)
{
	struct fix *f = *state;
	value *m = yaml(f, "titre: Planter des haies\n"
	                   "date: 2026-05-23\n"
	                   "debut: \"09:30\"\n"
	                   "fin: \"12:00\"\n"
	                   "categorie: nature\n"
	                   "quartier: bourg\n"
	                   "tags: [Haies vives, Été]\n");
	static const char url[] = "/ateliers/haies/", key[] = "haies";
	value *v =
	    view_page(&f->e, m, "atelier", "ateliers/haies.md", url, key);
	/* the page's own strings are shared, not copied for its view */
	assert_ptr_equal(str(v, "url"), url);
	assert_ptr_equal(str(v, "cle"), key);
	assert_string_equal(str(v, "type"), "atelier");
	assert_string_equal(str(v, "titre"), "Planter des haies");
	assert_string_equal(str(v, "date_texte"), "samedi 23 mai 2026");
	assert_string_equal(str(v, "debut_texte"), "9 h 30");
	assert_string_equal(str(v, "fin_texte"), "12 h");
	assert_string_equal(str(v, "horaire"), "9 h 30 – 12 h");
	assert_string_equal(str(v, "moment"), "matin");
	assert_string_equal(str(v, "moment_texte"), "le matin");
	assert_string_equal(str(v, "categorie.nom"), "Nature et jardins");
	assert_string_equal(str(v, "quartier.url"), "/quartiers/bourg/");
	const value *tags = value_get(v, "tags");
	assert_int_equal(value_len(tags), 2);
	assert_string_equal(str(value_at(tags, 0), "url"),
	                    "/tags/haies-vives/");
	assert_string_equal(str(value_at(tags, 1), "nom"), "Été");
	assert_string_equal(str(value_at(tags, 1), "url"), "/tags/ete/");
	/* meta itself is left as it was. */
	assert_null(value_get(m, "date_texte"));
}

/* Details of a workshop in slots: each slot in words, the workshop's
 * moment is its first slot's; children and accessibility in words. */
static void
test_workshop_details(void **state)
{
	struct fix *f = *state;
	value *m = yaml(f, "statut: annule\n"
	                   "enfants: accompagnes\n"
	                   "accessibilite: [fauteuil, inconnu]\n"
	                   "creneaux:\n"
	                   "  - {date: 2026-05-01, debut: \"14:00\", fin: "
	                   "\"17:00\"}\n"
	                   "  - {date: 2026-05-02, debut: \"07:30\", fin: "
	                   "\"08:30\"}\n");
	value *v = value_copy_map(f->a, m, 16);
	details_add(&f->e, v, m, "atelier");
	details_workshop_slots(&f->e, v); /* as site.c: by time, moment */
	assert_true(value_get_bool(value_get(v, "statut_notable")));
	assert_string_equal(str(v, "enfants_texte"),
	                    "Enfants bienvenus, accompagnés d'un adulte");
	const value *acc = value_get(v, "accessibilite_textes");
	assert_int_equal(value_len(acc), 2);
	assert_string_equal(str(value_at(acc, 0), "texte"),
	                    "Accessible en fauteuil roulant");
	/* A value the theme has no words for is shown as written. */
	assert_string_equal(str(value_at(acc, 1), "texte"), "inconnu");
	const value *sl = value_get(v, "creneaux");
	assert_int_equal(value_len(sl), 2);
	assert_string_equal(str(value_at(sl, 0), "date_texte"),
	                    "vendredi 1er mai 2026");
	assert_string_equal(str(value_at(sl, 0), "horaire"), "14 h – 17 h");
	assert_string_equal(str(value_at(sl, 1), "horaire"), "7 h 30 – 8 h 30");
	assert_string_equal(str(value_at(sl, 1), "moment"), "matin");
	assert_string_equal(str(v, "moment"), "apres-midi");
	assert_string_equal(str(v, "moment_texte"), "l'après-midi");

	value *ok = yaml(f, "statut: confirme\n");
	value *w = value_copy_map(f->a, ok, 4);
	details_add(&f->e, w, ok, "atelier");
	assert_false(value_get_bool(value_get(w, "statut_notable")));
}

/* A story's period: years and century in one phrase. */
static void
test_story_period(void **state)
{
	struct fix *f = *state;
	value *m = value_map(f->a), *p = value_map(f->a);
	value_set(f->a, p, "debut", value_number(f->a, 1873));
	value_set(f->a, p, "fin", value_number(f->a, 1874));
	value_set_str(f->a, p, "siecle", "XIXe");
	value_set(f->a, m, "periode", p);
	value *v = value_copy_map(f->a, m, 8);
	details_add(&f->e, v, m, "histoire");
	assert_string_equal(str(v, "periode_texte"), "1873–1874, XIXe siècle");
}

/* Map links only with both coordinates; nothing embedded. */
static void
test_map_links(void **state)
{
	struct fix *f = *state;
	value *lieu = value_map(f->a);
	value_set(f->a, lieu, "lat", value_number(f->a, 47.25));
	const char *osm = NULL, *geo = NULL;
	assert_false(details_map_links(f->a, lieu, &osm, &geo));
	value_set(f->a, lieu, "lon", value_number(f->a, -0.5));
	assert_true(details_map_links(f->a, lieu, &osm, &geo));
	assert_string_equal(osm, "https://www.openstreetmap.org/"
	                         "?mlat=47.25&mlon=-0.5#map=18/47.25/-0.5");
	assert_string_equal(geo, "geo:47.25,-0.5");
}

/* An edition's meal in words and tel: links that work from any phone:
 * no spaces, the French number in its international form. */
static void
test_edition_details(void **state)
{
	struct fix *f = *state;
	value *v = yaml(f, "repas: {type: partage}\n"
	                   "inscription: {tel: \"02 61 91 40 20\"}\n"
	                   "contacts:\n"
	                   "  - {nom: Mairie, tel: \"+33 2 61 91 40 21\"}\n"
	                   "  - {nom: Sans téléphone}\n"
	                   "  - {nom: Cure, tel: \"+33 (0)3 84 12 34 56\"}\n"
	                   "  - {nom: Genève, tel: \"+41 22 123 45 67\"}\n");
	details_edition(&f->e, v);
	assert_string_equal(str(v, "repas.type_texte"), "Repas partagé");
	assert_string_equal(str(v, "inscription.tel_url"), "tel:+33261914020");
	const value *c = value_get(v, "contacts");
	assert_int_equal(value_len(c), 4);
	assert_string_equal(str(value_at(c, 0), "tel_url"), "tel:+33261914021");
	assert_null(value_get(value_at(c, 1), "tel_url"));
	/* The same reading as numbers in a page's text (phonelink.c): the
	 * (0) of an international number is not dialled. */
	assert_string_equal(str(value_at(c, 2), "tel_url"), "tel:+33384123456");
	assert_string_equal(str(value_at(c, 3), "tel_url"), "tel:+41221234567");
}

/* Pages of one category share its view when the build keeps them
 * (view_env.terms); without, each page has its own copy. */
static void
test_shared_terms(void **state)
{
	struct fix *f = *state;
	value *m =
	    yaml(f, "titre: Haies\ncategorie: nature\nquartier: bourg\n");
	value *a = view_page(&f->e, m, "atelier", "a.md", "/a/", "a");
	value *b = view_page(&f->e, m, "atelier", "b.md", "/b/", "b");
	assert_ptr_not_equal(value_get(a, "categorie"),
	                     value_get(b, "categorie"));
	view_env shared = f->e;
	shared.terms = strmap_new(f->e.a);
	a = view_page(&shared, m, "atelier", "a.md", "/a/", "a");
	b = view_page(&shared, m, "atelier", "b.md", "/b/", "b");
	assert_ptr_equal(value_get(a, "categorie"), value_get(b, "categorie"));
	assert_ptr_equal(value_get(a, "quartier"), value_get(b, "quartier"));
	assert_ptr_not_equal(value_get(a, "categorie"),
	                     value_get(a, "quartier"));
	assert_string_equal(str(b, "categorie.nom"), "Nature et jardins");
	assert_string_equal(str(b, "quartier.url"), "/quartiers/bourg/");
}

/*
 * The history's values of two pages of one commit (days, their texts,
 * seconds, the "updated on" sentence): each page's own when e->dates is
 * NULL; with e->dates filled on one thread (view_share_history()), one
 * value each shared by both pages, reading the same (~480 bytes a page
 * when each had its own, 10,000 pages: 4.3 MB of a cold build's peak).
 */
static void
test_history_shared(void **state)
{
	struct fix *f = *state;
	char root[] = "/tmp/fabrique-view-XXXXXX";
	assert_non_null(mkdtemp(root));
	assert_int_equal(
	    sh("cd %s && git init -q . && mkdir content && printf a "
	       ">content/a.md && printf b >content/b.md && git add -A && "
	       "GIT_AUTHOR_DATE='1700000000 +0100' "
	       "GIT_COMMITTER_DATE='1700000000 +0100' git -c user.name=t "
	       "-c user.email=t@x commit -q -m one",
	       root),
	    0);
	git_libgit2_init();
	git_repository *repo = NULL;
	git_oid id;
	char hex[GIT_OID_HEXSZ + 1];
	assert_int_equal(git_repository_open(&repo, root), 0);
	assert_int_equal(git_reference_name_to_id(&id, repo, "HEAD"), 0);
	git_oid_tostr(hex, sizeof(hex), &id);
	history *h = history_walk(repo, hex, "content", f->d);
	assert_non_null(h);
	view_env e = f->e;
	e.history = h;
	value *m = yaml(f, "titre: Haies\n");
	value *own = view_page(&e, m, "page", "content/a.md", "/a/", "a");
	e.dates = strmap_new(f->a);
	view_share_history(&e, "content/a.md");
	view_share_history(&e, "content/b.md");
	e.dates_ready = true;
	value *a = view_page(&e, m, "page", "content/a.md", "/a/", "a");
	value *b = view_page(&e, m, "page", "content/b.md", "/b/", "b");
	static const char *const keys[] = {
	    "cree_le",         "cree_le_texte",       "cree_unix",
	    "mis_a_jour_le",   "mis_a_jour_le_texte", "mis_a_jour_unix",
	    "historique_texte"};
	for (size_t i = 0; i < sizeof(keys) / sizeof(*keys); i++) {
		const value *o = value_get(own, keys[i]);
		assert_non_null(o);
		assert_ptr_equal(value_get(a, keys[i]), value_get(b, keys[i]));
		assert_ptr_not_equal(value_get(a, keys[i]), o);
		if (value_get_string(o) != NULL)
			assert_string_equal(str(a, keys[i]),
			                    value_get_string(o));
		else
			assert_true(value_get_number(value_get(a, keys[i])) ==
			            value_get_number(o));
	}
	assert_string_equal(str(a, "cree_le"), "2023-11-14");
	assert_true(value_get_number(value_get(b, "mis_a_jour_unix")) ==
	            1700000000.0);
	history_free(h);
	git_repository_free(repo);
	git_libgit2_shutdown();
	assert_int_equal(sh("rm -rf %s", root), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_moment),
	    cmocka_unit_test_setup_teardown(test_theme_text, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_terms, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_shared_terms, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_workshop_view, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_workshop_details, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_story_period, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_map_links, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_history_shared, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_edition_details, setup,
	                                    teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
