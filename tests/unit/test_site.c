/*
 * Tests for site.c and its parts (site_url, site_link, site_gen): the
 * example site of tests/fixtures/mini loaded with the commune theme, as a
 * build loads it, and its model read back: pages, URLs, output paths,
 * views with their defaults from the edition, generated pages, settings.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <limits.h>
#include <stdbool.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <git2.h>

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "eventrev.h"
#include "json.h"
#include "opendata.h"
#include "output.h"
#include "site.h"
#include "source.h"
#include "theme.h"
#include "wholesite.h"
#include "unit_sh.h"

struct fix {
	arena *a;
	diag *d;
	source *src;
	theme *th;
	site *s;
};

/* The source tree this test binary was built in: the binary is in
 * build/tests/ (plain) or build/asan/tests/ (sanitizers), so look upwards
 * from its folder for tests/fixtures/mini.  Its themes/ is given through
 * FABRIQUE_THEMES, as a program built elsewhere would be. */
static const char *
source_tree(arena *a)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	assert_true(n > 0);
	exe[n] = '\0';
	for (char *slash = strrchr(exe, '/'); slash != NULL && slash != exe;
	     slash = strrchr(exe, '/')) {
		*slash = '\0';
		const char *probe =
		    arena_printf(a, "%s/tests/fixtures/mini/site.yaml", exe);
		if (access(probe, R_OK) == 0)
			return arena_strdup(a, exe);
	}
	fail_msg("tests/fixtures/mini not found above the test binary");
	return NULL;
}

static int
setup(void **state)
{
	struct fix *f = test_calloc(1, sizeof(*f));
	f->a = arena_new();
	f->d = diag_new("en");
	const char *top = source_tree(f->a);
	setenv("FABRIQUE_THEMES", arena_printf(f->a, "%s/themes", top), 1);
	f->src = source_open_dir(
	    arena_printf(f->a, "%s/tests/fixtures/mini", top), f->d);
	assert_non_null(f->src);
	f->th = theme_open_site(f->src, f->a, f->d);
	assert_non_null(f->th);
	/* 2026-01-01: the 2026 edition is the coming one. */
	site_opts o = {.drafts = false, .now = 1767225600, .lang = "fr"};
	f->s = site_load(f->src, f->th, &o, f->a, f->d);
	diag_flush(f->d, stderr);
	assert_non_null(f->s);
	assert_int_equal(diag_count(f->d, DIAG_ERROR), 0);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fix *f = *state;
	site_free(f->s);
	theme_free(f->th);
	source_free(f->src);
	diag_free(f->d);
	arena_free(f->a);
	test_free(f);
	return 0;
}

static const page *
find(const site *s, const char *url)
{
	for (size_t i = 0; i < site_page_count(s); i++)
		if (strcmp(site_page(s, i)->url, url) == 0)
			return site_page(s, i);
	return NULL;
}

static const char *
str(const value *v, const char *path)
{
	return value_get_string(value_path(v, path));
}

static void
test_workshop_page(void **state)
{
	struct fix *f = *state;
	const page *p = find(f->s, "/ateliers/planter-des-haies/");
	assert_non_null(p);
	assert_string_equal(p->kind, "atelier");
	assert_string_equal(p->out, "ateliers/planter-des-haies/index.html");
	assert_string_equal(p->slug, "planter-des-haies");
	assert_false(p->draft);
	assert_true(site_page_has_body(p));
	/* Normalised, and in words for the theme; the front matter as
	 * written is not kept once loaded. */
	assert_null(p->raw);
	assert_string_equal(str(p->meta, "debut"), "14:00");
	assert_string_equal(str(p->view, "titre"), "Planter des haies");
	assert_string_equal(str(p->view, "horaire"), "14 h – 17 h");
	assert_string_equal(str(p->view, "moment"), "apres-midi");
	assert_string_equal(str(p->view, "quartier.nom"), "Le Moulin");
	assert_string_equal(str(p->view, "quartier.url"), "/quartiers/moulin/");
	/* No date of its own: the workshop is on its edition's day. */
	assert_string_equal(str(p->view, "date"), "2026-05-23");
	assert_string_equal(str(p->view, "date_texte"), "samedi 23 mai 2026");
}

static void
test_site_settings(void **state)
{
	struct fix *f = *state;
	const value *sv = site_view(f->s);
	assert_string_equal(str(sv, "commune.nom"), "Villeneuve-Test");
	assert_string_equal(str(sv, "fuseau"), "Europe/Paris");
	assert_true(site_french(f->s));
	assert_false(site_unsafe_html(f->s));
	assert_string_equal(str(site_edition(f->s), "date"), "2026-05-23");
}

/* Generated pages: the programme, the lists, one page per quartier. */
static void
test_generated_pages(void **state)
{
	struct fix *f = *state;
	assert_non_null(find(f->s, "/"));
	assert_non_null(find(f->s, "/programme/"));
	assert_non_null(find(f->s, "/ateliers/"));
	assert_non_null(find(f->s, "/quartiers/moulin/"));
	assert_null(find(f->s, "/quartiers/nulle-part/"));
	/* Every page has an output path of its own. */
	for (size_t i = 0; i < site_page_count(f->s); i++)
		for (size_t j = i + 1; j < site_page_count(f->s); j++)
			assert_string_not_equal(site_page(f->s, i)->out,
			                        site_page(f->s, j)->out);
}

/* Breadcrumbs: Accueil > Ateliers > the page.  The crumbs of the home
 * page and of a section are one value shared by every page's list, and
 * a page's own crumb shares its view's title (10,000 pages made 6.4 MB
 * of copies); the views' booleans are two values shared by all. */
static void
test_breadcrumbs_shared(void **state)
{
	struct fix *f = *state;
	const page *a = find(f->s, "/ateliers/planter-des-haies/");
	const page *b = find(f->s, "/ateliers/repeindre-le-preau/");
	const page *c = find(f->s, "/contact/");
	assert_non_null(a);
	assert_non_null(b);
	assert_non_null(c);
	const value *la = value_get(a->view, "fil_ariane");
	const value *lb = value_get(b->view, "fil_ariane");
	const value *lc = value_get(c->view, "fil_ariane");
	assert_int_equal(value_len(la), 3);
	assert_int_equal(value_len(lc), 2);
	assert_string_equal(str(value_at(la, 0), "url"), "/");
	assert_string_equal(str(value_at(la, 1), "url"), "/ateliers/");
	assert_string_equal(str(value_at(la, 2), "titre"), "Planter des haies");
	assert_false(value_get_bool(value_get(value_at(la, 2), "url")));
	assert_ptr_equal(value_at(la, 0), value_at(lb, 0));
	assert_ptr_equal(value_at(la, 0), value_at(lc, 0));
	assert_ptr_equal(value_at(la, 1), value_at(lb, 1));
	assert_ptr_equal(value_get(value_at(la, 2), "titre"),
	                 value_get(a->view, "titre"));
	/* true and false: one value each for every view */
	assert_true(value_get_bool(value_get(a->view, "atelier")));
	assert_ptr_equal(value_get(a->view, "atelier"),
	                 value_get(b->view, "atelier"));
	assert_ptr_equal(value_get(a->view, "annule"),
	                 value_get(b->view, "annule"));
	assert_ptr_equal(value_get(value_at(la, 2), "url"),
	                 value_get(a->view, "annule"));
}

/* Entries of dir other than . and .. */
static int
entries(const char *dir)
{
	DIR *d = opendir(dir);
	assert_non_null(d);
	int n = 0;
	for (struct dirent *e; (e = readdir(d)) != NULL;)
		n +=
		    strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
	closedir(d);
	return n;
}

/* A folder source keeps its bodies until rendered; a page's plain text,
 * once parked in the scratch file, reads back byte for byte, and the
 * scratch file leaves nothing in the folder it was made in. */
static void
test_plain_parked(void **state)
{
	struct fix *f = *state;
	size_t i = 0;
	while (!site_page_has_body(site_page(f->s, i)))
		i++;
	char *owned;
	const page *p = site_page(f->s, i);
	const char *body = site_page_body(f->s, p, &owned);
	assert_non_null(body);
	assert_null(owned); /* in memory: nothing read again */
	assert_ptr_equal(body, p->body);
	char dir[] = "/tmp/fabrique-test-site-XXXXXX";
	assert_non_null(mkdtemp(dir));
	site_spill_plain(f->s, dir);
	assert_int_equal(entries(dir), 0);
	const char *text = "Planter « des haies », côté école.\n";
	site_set_plain(f->s, i, strdup(text), strlen(text), NULL);
	site_park_plain(f->s, i);
	assert_null(p->plain);
	buf b = BUF_INIT;
	site_plain_text(p, &b);
	assert_string_equal(buf_cstr(&b), text);
	buf_free(&b);
	assert_int_equal(entries(dir), 0);
	assert_int_equal(rmdir(dir), 0);
	assert_int_equal(diag_count(f->d, DIAG_ERROR), 0);
}

/* The file's bytes in a committed memory output, or fail. */
static const output_file *
taken(const output_file *files, size_t n, const char *path)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(files[i].path, path) == 0)
			return &files[i];
	fail_msg("%s was not written", path);
	return NULL;
}

/* programme.json and programme.csv, written one event at a time, hold
 * exactly what the whole programme's tree gives (fabrique reseau reads
 * the tree; the build streams). */
static void
test_opendata_stream(void **state)
{
	struct fix *f = *state;
	output *o = output_begin_memory(f->d);
	assert_non_null(o);
	assert_int_equal(opendata_write(f->s, o, f->d), 0);
	assert_int_equal(output_commit(o), 0);
	size_t n;
	output_file *files = output_take(o, &n);
	const value *prog = opendata_programme(f->s, f->a);
	assert_true(value_len(value_get(prog, "events")) > 1);
	buf json = BUF_INIT, csv = BUF_INIT, sheet = BUF_INIT;
	json_value(&json, prog, 1);
	buf_putc(&json, '\n');
	opendata_csv(prog, false, &csv);
	opendata_csv(prog, true, &sheet);
	const output_file *j = taken(files, n, WHOLESITE_OPENDATA_JSON);
	const output_file *c = taken(files, n, WHOLESITE_OPENDATA_CSV);
	const output_file *t = taken(files, n, WHOLESITE_OPENDATA_SHEET);
	assert_int_equal(j->len, json.len);
	assert_memory_equal(j->data, json.data, json.len);
	assert_int_equal(c->len, csv.len);
	assert_memory_equal(c->data, csv.data, csv.len);
	assert_int_equal(t->len, sheet.len);
	assert_memory_equal(t->data, sheet.data, sheet.len);
	buf_free(&json);
	buf_free(&csv);
	buf_free(&sheet);
	output_files_free(files, n);
	output_free(o);
}

/* Feeds html to site_html_ids_scan() as a flushed render does: pieces
 * of at most step bytes, each keeping the byte before where the scan
 * resumes. */
static void
ids_in_pieces(const char *html, size_t step, buf *ids)
{
	size_t len = strlen(html), at = 0, from = 0;
	buf piece = BUF_INIT;
	while (at < len || piece.len > 0) {
		size_t add = len - at < step ? len - at : step;
		buf_put(&piece, html + at, add);
		at += add;
		bool last = at == len;
		from =
		    site_html_ids_scan(ids, piece.data, from, piece.len, last);
		if (last)
			break;
		size_t took = from > 0 ? from - 1 : 0;
		memmove(piece.data, piece.data + took, piece.len - took);
		piece.len -= took;
		from -= took;
	}
	buf_free(&piece);
}

/* The ids of a list written in pieces are those of the whole page,
 * wherever the pieces are cut: in an attribute, its value, or just
 * after the blank before it. */
static void
test_html_ids_pieces(void **state)
{
	(void)state;
	const char *html =
	    "<h2 id=\"matin\">Le matin</h2><p data-id=\"x\">grid=\"3\"</p>"
	    "\n<li\tid=\"atelier-vélo\" class=\"c\">id=\"non\"</li>"
	    "<a\nid=\"\">vide</a><b\rid=\"fin\">x</b> id=\"ouvert";
	buf whole = BUF_INIT;
	ids_in_pieces(html, strlen(html), &whole);
	const char want[] = "matin\0atelier-vélo\0\0fin\0ouvert";
	assert_int_equal(whole.len, sizeof(want));
	assert_memory_equal(whole.data, want, sizeof(want));
	for (size_t step = 1; step < strlen(html); step++) {
		buf ids = BUF_INIT;
		ids_in_pieces(html, step, &ids);
		assert_int_equal(ids.len, whole.len);
		assert_memory_equal(ids.data, whole.data, whole.len);
		buf_free(&ids);
	}
	buf_free(&whole);
}

/* The paths under site. of a view, each as {{site.PATH}} on a line of
 * out, down every map. */
static void
view_names(const value *v, const char *prefix, FILE *out)
{
	for (size_t i = 0; value_kind_of(v) == VALUE_MAP && i < value_len(v);
	     i++) {
		char path[512];
		snprintf(path, sizeof(path), "%s%s%s", prefix,
		         *prefix ? "." : "", value_key_at(v, i));
		fprintf(out, "{{site.%s}}\n", path);
		view_names(value_val_at(v, i), path, out);
	}
}

/* A site of dir loaded with its theme, in an arena of its own (*sa):
 * after site_free() the arena a site was loaded in is freed, never used
 * again (site.h; reusing it made this test crash now and then). */
static site *
load_at(struct fix *f, const char *dir, source **src, theme **th, arena **sa)
{
	*sa = arena_new();
	*src = source_open_dir(dir, f->d);
	assert_non_null(*src);
	*th = theme_open_site(*src, *sa, f->d);
	assert_non_null(*th);
	site_opts o = {.drafts = false, .now = 1767225600, .lang = "en"};
	site *s = site_load(*src, *th, &o, *sa, f->d);
	assert_non_null(s);
	return s;
}

/*
 * Every name the site's view can have is known to the check of a site's
 * own templates (theme_check_site_names()), even on a site that lacks it:
 * CI found the logo's names called slips in a site's copy of
 * base.mustache, missing from a list kept by hand.  A site with all
 * there is (a photo logo, a path, a statement, an announcement) gives
 * the names; a site with none of them, whose own templates replace every
 * template of the theme (so the theme's names teach the check nothing),
 * names each of them: no warning (its own sw.mustache is script of the
 * site's: html_brut says the site trusts it, themescan.h).
 */
static void
test_view_names_known(void **state)
{
	(void)state;
	struct fix f0 = {.a = arena_new(), .d = diag_new("en")}, *f = &f0;
	const char *top = source_tree(f->a);
	const char *themes = arena_printf(f->a, "%s/themes", top);
	setenv("FABRIQUE_THEMES", themes, 1);
	char tmpl[] = "/tmp/fabrique-viewnames-XXXXXX";
	const char *tmp = mkdtemp(tmpl);
	assert_non_null(tmp);
	assert_int_equal(
	    sh("cp -r '%s/tests/fixtures/mini' '%s/full' && "
	       "cp -r '%s/tests/fixtures/mini' '%s/min' && cd '%s/full' && "
	       "sed -i 's|^url: .*|url: https://ville.example/journee/|' "
	       "site.yaml && printf 'logo: retours/fete-2025/lavoir.png\n"
	       "annonce:\n  texte: Journée maintenue\n' >>site.yaml && "
	       "printf -- '---\ntitre: Accessibilité\n---\nNon "
	       "conforme.\n' >pages/accessibilite.md",
	       top, tmp, top, tmp, tmp),
	    0);
	source *src;
	theme *th;
	arena *sa;
	site *full =
	    load_at(f, arena_printf(f->a, "%s/full", tmp), &src, &th, &sa);
	/* what photos.c gives the logo's PNG variants (its stage runs
	 * libvips' threads: logo.sh runs it for real) */
	const char *tree, *id, *base;
	assert_true(site_logo(full, &tree, &id, &base));
	site_logo_fields lf = {"/logo-96.png",
	                       "/logo-48.png 48w",
	                       "/logo-192.png",
	                       "/logo-512.png",
	                       64,
	                       48};
	site_logo_fill(full, &lf);
	assert_non_null(site_logo_field(full, SITE_LOGO_ICON));
	assert_non_null(value_get(site_view(full), "chemin"));
	const char *names = arena_printf(f->a, "%s/names", tmp);
	FILE *out = fopen(names, "w");
	assert_non_null(out);
	view_names(site_view(full), "", out);
	fclose(out);
	site_free(full);
	theme_free(th);
	source_free(src);
	arena_free(sa);
	assert_int_equal(diag_count(f->d, DIAG_ERROR), 0);
	assert_int_equal(
	    sh("cd '%s/commune/templates' && find . -name '*.mustache' | "
	       "while read -r t; do mkdir -p \"%s/min/theme/templates/"
	       "$(dirname \"$t\")\" && cp '%s' \"%s/min/theme/templates/$t\"; "
	       "done && printf 'markdown:\n  html_brut: true\n' "
	       ">>'%s/min/site.yaml'",
	       themes, tmp, names, tmp, tmp),
	    0);
	diag_free(f->d);
	f->d = diag_new("en");
	site *min =
	    load_at(f, arena_printf(f->a, "%s/min", tmp), &src, &th, &sa);
	assert_null(value_get(site_view(min), "logo_icone"));
	char *msgs = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&msgs, &len);
	diag_flush(f->d, m);
	fclose(m);
	if (strstr(msgs, "names nothing of the site") != NULL)
		fail_msg("a name of the view called a slip:\n%s", msgs);
	free(msgs);
	site_free(min);
	theme_free(th);
	source_free(src);
	arena_free(sa);
	diag_free(f->d);
	arena_free(f->a);
	assert_int_equal(sh("rm -rf '%s'", tmp), 0);
}

/* The revision of workshop file path of a site loaded from the git
 * repository dir (its cache in dir.cache; schedules: site_opts'), read
 * with the site's memo after the old version's blob old, a loose object,
 * was moved out of the repository (put back after): what a calendar made after
 * the loading finds. */
static unsigned
revision_without_blob(struct fix *f, const char *dir, const char *path,
                      const char *old, bool schedules)
{
	arena *sa = arena_new();
	git_libgit2_init();
	assert_int_equal(sh("rm -rf '%s.cache' && mkdir '%s.cache'", dir, dir),
	                 0);
	source *src = source_open_git(NULL, dir, NULL, f->d);
	diag_flush(f->d, stderr);
	assert_non_null(src);
	theme *th = theme_open_site(src, sa, f->d);
	assert_non_null(th);
	site_opts o = {.now = 1767225600,
	               .lang = "fr",
	               .cache = arena_printf(sa, "%s.cache", dir),
	               .schedules = schedules};
	site *s = site_load(src, th, &o, sa, f->d);
	assert_non_null(s);
	/* set aside inside dir, not beside it: two runs at once (test-fast
	 * in two worktrees) have the same blob, and raced for /tmp/ID.blob */
	assert_int_equal(sh("cd '%s' && git cat-file -e %s && "
	                    "mv .git/objects/%.2s/%s aside.blob && "
	                    "! git cat-file -e %s 2>/dev/null",
	                    dir, old, old, old + 2, old),
	                 0);
	const page *p = NULL;
	for (size_t i = 0; i < site_page_count(s); i++)
		if (site_page(s, i)->file != NULL &&
		    strcmp(site_page(s, i)->file, path) == 0)
			p = site_page(s, i);
	assert_non_null(p);
	eventrev *r = eventrev_new(site_source(s), site_revmemo(s));
	eventrev_rev rev = eventrev_revision(r, site_page_history(s, p), NULL);
	eventrev_free(r);
	site_free(s);
	theme_free(th);
	source_free(src);
	arena_free(sa);
	git_libgit2_shutdown();
	assert_int_equal(sh("cd '%s' && mv aside.blob .git/objects/%.2s/%s",
	                    dir, old, old + 2),
	                 0);
	return rev.sequence;
}

/*
 * A build's loading reads every workshop version from git (the slots'
 * numbers) and puts each one's schedule digest into the schedules memo:
 * the calendars and open data, made last, read no old version (their
 * deltas filled libgit2's delta-base cache at the build's peak, perf32).
 * The workshop's older version is taken out of the repository once the
 * site is loaded: its calendar still counts the change of debut.
 * Without .schedules (check, which makes no calendar) nothing is put,
 * and the version removed is passed over: no revision (this test's
 * control that the blob was gone).
 */
static void
test_schedules_put_by_loading(void **state)
{
	struct fix *f = *state;
	const char *top = source_tree(f->a);
	char tmp[] = "/tmp/fabrique-schedXXXXXX";
	assert_non_null(mkdtemp(tmp));
	const char *w = "ateliers/planter-des-haies.md";
	assert_int_equal(
	    sh("cd '%s' && cp -R '%s/tests/fixtures/mini/.' . && "
	       "git init -q && git add -A && "
	       "git -c user.name=t -c user.email=t@t commit -q -m un && "
	       "git rev-parse HEAD:%s >old && "
	       "sed -i 's/^debut: \"14:00\"/debut: \"15:00\"/' %s && "
	       "git -c user.name=t -c user.email=t@t commit -q -am deux",
	       tmp, top, w, w),
	    0);
	char old[64] = "";
	FILE *fp = fopen(arena_printf(f->a, "%s/old", tmp), "r");
	assert_non_null(fp);
	assert_non_null(fgets(old, sizeof(old), fp));
	fclose(fp);
	old[40] = '\0';
	assert_int_equal(sh("cd '%s' && rm old && git status -s", tmp), 0);
	assert_int_equal(revision_without_blob(f, tmp, w, old, true), 1);
	assert_int_equal(revision_without_blob(f, tmp, w, old, false), 0);
	assert_int_equal(sh("rm -rf '%s' '%s.cache'", tmp, tmp), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_workshop_page, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_site_settings, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_generated_pages, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_breadcrumbs_shared, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_plain_parked, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_opendata_stream, setup,
	                                    teardown),
	    cmocka_unit_test(test_html_ids_pieces),
	    cmocka_unit_test(test_view_names_known),
	    cmocka_unit_test_setup_teardown(test_schedules_put_by_loading,
	                                    setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
