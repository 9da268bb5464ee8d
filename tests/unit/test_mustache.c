/*
 * test_mustache.c - what the Mustache spec does not test: escaping,
 * error messages and their positions, recursion bounds, the set check,
 * dotted names through value maps, concurrent rendering, and speed on
 * long templates.  The spec itself runs in tests/mustache_spec.c.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "mustache.h"
#include "value.h"

/* Everything reported so far, one "file:line:col: error: msg" a line. */
static char *
flushed(diag *d)
{
	char *text = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&text, &n);
	assert_non_null(f);
	diag_flush(d, f);
	fclose(f);
	return text;
}

static void
add(mustache_set *set, const char *name, const char *text)
{
	diag *d = diag_new("en");
	char file[128];
	snprintf(file, sizeof(file), "theme/%s.mustache", name);
	int r = mustache_set_add(set, name, file, text, strlen(text), d);
	if (r != 0) {
		char *msg = flushed(d);
		fail_msg("compiling %s: %s", name, msg);
	}
	diag_free(d);
}

/* Renders name; checks the output and that no error was reported. */
static void
expect_render(const mustache_set *set, const char *name, const value *data,
              const char *want)
{
	buf out = BUF_INIT;
	diag *d = diag_new("en");
	assert_int_equal(mustache_render(set, name, data, &out, d), 0);
	assert_int_equal(diag_count(d, DIAG_ERROR), 0);
	assert_string_equal(buf_cstr(&out), want);
	buf_free(&out);
	diag_free(d);
}

/* Compiles a one-template set with data; checks the output. */
static void
expect_one(const char *tmpl, const value *data, const char *want)
{
	mustache_set *set = mustache_set_new();
	add(set, "t", tmpl);
	expect_render(set, "t", data, want);
	mustache_set_free(set);
}

/* Compiles text, which must fail with exactly the message want. */
static void
expect_compile_error(const char *text, const char *want)
{
	mustache_set *set = mustache_set_new();
	diag *d = diag_new("en");
	assert_int_equal(mustache_set_add(set, "t", "theme/t.mustache", text,
	                                  strlen(text), d),
	                 -1);
	assert_false(mustache_set_has(set, "t"));
	char *msg = flushed(d);
	assert_string_equal(msg, want);
	free(msg);
	diag_free(d);
	mustache_set_free(set);
}

static void
test_escape_all_five(void **state)
{
	arena *a = arena_new();
	value *m = value_map(a);
	value_set_str(a, m, "x", "a&b<c>d\"e'f");
	expect_one("{{x}}", m, "a&amp;b&lt;c&gt;d&quot;e&#39;f");
	expect_one("{{{x}}}", m, "a&b<c>d\"e'f");
	expect_one("{{& x }}", m, "a&b<c>d\"e'f");
	/* The implicit iterator escapes too. */
	expect_one("{{#x}}{{.}}{{/x}}", m, "a&amp;b&lt;c&gt;d&quot;e&#39;f");
	arena_free(a);
}

static void
test_scalars(void **state)
{
	arena *a = arena_new();
	value *m = value_map(a);
	value_set(a, m, "pi", value_number(a, 3.25));
	value_set_int(a, m, "n", -3);
	value_set(a, m, "big", value_number(a, 1234567.5));
	value_set_bool(a, m, "yes", true);
	value_set_bool(a, m, "no", false);
	value_set(a, m, "nul", value_null(a));
	value *l = value_list(a);
	value_push(a, l, value_string(a, "x"));
	value_set(a, m, "list", l);
	value_set(a, m, "map", value_map(a));
	expect_one("{{pi}} {{n}} {{big}}", m, "3.25 -3 1234567.5");
	expect_one("[{{yes}}|{{no}}|{{nul}}|{{list}}|{{map}}|{{absent}}]", m,
	           "[true|false||||]");
	arena_free(a);
}

static void
test_dotted_names(void **state)
{
	arena *a = arena_new();
	value *root = value_map(a);
	value *lieu = value_map(a);
	value *adresse = value_map(a);
	value_set_str(a, adresse, "ville", "Saint-Lô");
	value_set(a, lieu, "adresse", adresse);
	value_set_str(a, lieu, "nom", "Salle des fêtes");
	value_set(a, root, "lieu", lieu);
	value_set_str(a, root, "nom", "racine");
	expect_one("{{lieu.nom}}, {{lieu.adresse.ville}}", root,
	           "Salle des fêtes, Saint-Lô");
	/* A missing link breaks the chain: no fallback to outer frames. */
	expect_one("[{{lieu.adresse.nom}}]", root, "[]");
	/* Inside a section, the first part is searched up the stack. */
	expect_one("{{#lieu.adresse}}{{ville}}/{{nom}}{{/lieu.adresse}}", root,
	           "Saint-Lô/racine");
	expect_one("{{^lieu.absent}}rien{{/lieu.absent}}", root, "rien");
	arena_free(a);
}

static void
test_sections_and_truthiness(void **state)
{
	arena *a = arena_new();
	value *m = value_map(a);
	value *items = value_list(a);
	for (int i = 1; i <= 3; i++) {
		value *it = value_map(a);
		value_set_int(a, it, "n", i);
		value_push(a, items, it);
	}
	value_set(a, m, "items", items);
	value_set(a, m, "empty", value_list(a));
	value_set_str(a, m, "blank", "");
	value_set_str(a, m, "word", "oui");
	value_set(a, m, "zero", value_number(a, 0));
	expect_one("{{#items}}<{{n}}>{{/items}}", m, "<1><2><3>");
	expect_one("{{#empty}}x{{/empty}}{{^empty}}none{{/empty}}", m, "none");
	expect_one("{{#blank}}x{{/blank}}{{^blank}}blank{{/blank}}", m,
	           "blank");
	expect_one("{{#word}}[{{.}}]{{/word}}", m, "[oui]");
	/* value_truthy: every number is truthy, 0 included. */
	expect_one("{{#zero}}[{{.}}]{{/zero}}", m, "[0]");
	arena_free(a);
}

static void
test_partial_indentation(void **state)
{
	arena *a = arena_new();
	value *m = value_map(a);
	value_set_str(a, m, "v", "1\n2");
	mustache_set *set = mustache_set_new();
	add(set, "page", "<ul>\n  {{>item}}\n</ul>\n");
	add(set, "item", "<li>\n  {{{v}}}\n</li>\n");
	/* Each line of the partial is indented, not the lines of v. */
	expect_render(set, "page", m,
	              "<ul>\n  <li>\n    1\n2\n  </li>\n</ul>\n");
	mustache_set_free(set);
	arena_free(a);
}

static void
test_inheritance(void **state)
{
	mustache_set *set = mustache_set_new();
	add(set, "base",
	    "<title>{{$titre}}Sans titre{{/titre}}</title>\n"
	    "<main>\n"
	    "  {{$corps}}\n"
	    "  vide\n"
	    "  {{/corps}}\n"
	    "</main>\n");
	add(set, "page",
	    "{{<base}}\n"
	    "{{$titre}}Atelier{{/titre}}\n"
	    "{{$corps}}\n"
	    "<p>un</p>\n"
	    "<p>deux</p>\n"
	    "{{/corps}}\n"
	    "{{/base}}\n");
	expect_render(set, "page", NULL,
	              "<title>Atelier</title>\n<main>\n  <p>un</p>\n"
	              "  <p>deux</p>\n</main>\n");
	expect_render(set, "base", NULL,
	              "<title>Sans titre</title>\n<main>\n  vide\n</main>\n");
	mustache_set_free(set);
}

/*
 * A layout's "  {{$corps}}{{/corps}}" line: its line ending is given back
 * only when the content did not end its own line (no blank line after a
 * body that ends with a newline; the spec's "Standalone block" otherwise).
 */
static void
test_block_site_line_ending(void **state)
{
	mustache_set *set = mustache_set_new();
	add(set, "base", "<main>\n  {{$corps}}{{/corps}}\n</main>\n");
	add(set, "lignes",
	    "{{<base}}{{$corps}}\n<p>a</p>\n<p>b</p>\n"
	    "{{/corps}}{{/base}}");
	add(set, "mot", "{{<base}}{{$corps}}mot{{/corps}}{{/base}}");
	expect_render(set, "lignes", NULL,
	              "<main>\n  <p>a</p>\n  <p>b</p>\n</main>\n");
	expect_render(set, "mot", NULL, "<main>\n  mot\n</main>\n");
	expect_render(set, "base", NULL, "<main>\n  \n</main>\n");
	mustache_set_free(set);
}

static void
test_crlf_standalone(void **state)
{
	arena *a = arena_new();
	value *m = value_map(a);
	value_set_bool(a, m, "ok", true);
	expect_one("<ul>\r\n  {{#ok}}\r\n  <li>oui</li>\r\n  {{/ok}}\r\n"
	           "</ul>\r\n",
	           m, "<ul>\r\n  <li>oui</li>\r\n</ul>\r\n");
	/* A lone \r is not a line ending: the tag is not standalone. */
	expect_one("a\r{{#ok}}\rb{{/ok}}", m, "a\r\rb");
	arena_free(a);
}

static void
test_dynamic_partial(void **state)
{
	arena *a = arena_new();
	value *m = value_map(a);
	value *items = value_list(a);
	const char *kinds[] = {"texte", "image", "inconnu"};
	for (int i = 0; i < 3; i++) {
		value *it = value_map(a);
		value_set_str(a, it, "type", kinds[i]);
		value_set_str(a, it, "v", kinds[i]);
		value_push(a, items, it);
	}
	value_set(a, m, "items", items);
	mustache_set *set = mustache_set_new();
	add(set, "t", "{{#items}}{{>*type}}{{/items}}");
	add(set, "texte", "<p>{{v}}</p>");
	add(set, "image", "<img alt=\"{{v}}\">");
	expect_render(set, "t", m, "<p>texte</p><img alt=\"image\">");
	mustache_set_free(set);
	arena_free(a);
}

static void
test_error_unclosed_tag(void **state)
{
	expect_compile_error("<h1>\n  <b>{{titre</b>\n",
	                     "theme/t.mustache:2:6: error: unclosed tag "
	                     "'{{titre</b>'; expected '}}' to close it\n");
	expect_compile_error("{{{brut}}",
	                     "theme/t.mustache:1:1: error: unclosed tag "
	                     "'{{{brut}}'; expected '}}}' to close it\n");
	/* Columns count characters, not bytes. */
	expect_compile_error("é{{=<% %>=}}à <%x",
	                     "theme/t.mustache:1:15: error: unclosed tag "
	                     "'<%x'; expected '%>' to close it\n");
}

static void
test_error_unclosed_section(void **state)
{
	expect_compile_error("<h1>Ateliers</h1>\n"
	                     "<ul>\n"
	                     "  {{#ateliers}}\n"
	                     "  <li>{{nom}}</li>\n"
	                     "</ul>\n",
	                     "theme/t.mustache:3:3: error: section 'ateliers' "
	                     "opened at line 3 is never closed; expected "
	                     "{{/ateliers}}\n");
	expect_compile_error("{{<base}}{{$corps}}x{{/corps}}",
	                     "theme/t.mustache:1:1: error: parent 'base' "
	                     "opened at line 1 is never closed; expected "
	                     "{{/base}}\n");
	expect_compile_error("\n{{^vide}}",
	                     "theme/t.mustache:2:1: error: inverted section "
	                     "'vide' opened at line 2 is never closed; "
	                     "expected {{/vide}}\n");
}

static void
test_error_mismatched_close(void **state)
{
	expect_compile_error(
	    "{{#a}}\n{{#b}}\n{{/a}}\n{{/b}}\n",
	    "theme/t.mustache:3:1: error: closing tag '{{/a}}' "
	    "does not match section 'b' opened at line 2; "
	    "expected {{/b}}\n");
	expect_compile_error("texte {{/fin}}",
	                     "theme/t.mustache:1:7: error: closing tag "
	                     "'{{/fin}}' has no open section; expected a "
	                     "matching {{#fin}} before it\n");
}

static void
test_error_empty_name(void **state)
{
	expect_compile_error("a\nb {{ }}",
	                     "theme/t.mustache:2:3: error: empty name in tag "
	                     "'{{ }}'; expected a name, as in {{title}}\n");
	expect_compile_error("{{#}}{{/}}",
	                     "theme/t.mustache:1:1: error: empty name in tag "
	                     "'{{#}}'; expected a name, as in {{title}}\n");
	expect_compile_error("{{> * }}",
	                     "theme/t.mustache:1:1: error: empty name in tag "
	                     "'{{> * }}'; expected a name, as in {{title}}\n");
}

static void
test_error_bad_names(void **state)
{
	expect_compile_error("{{nom de famille}}",
	                     "theme/t.mustache:1:1: error: name 'nom de "
	                     "famille' in tag '{{nom de famille}}' contains a "
	                     "space; expected a single name\n");
	expect_compile_error("{{lieu..nom}}",
	                     "theme/t.mustache:1:1: error: bad name "
	                     "'lieu..nom'; expected names separated by single "
	                     "dots, as in lieu.nom\n");
}

static void
test_error_bad_delimiters(void **state)
{
	const char *hint = "; expected two delimiters without '=' separated "
	                   "by a space, as in {{=<% %>=}}\n";
	char want[256];
	snprintf(want, sizeof(want),
	         "theme/t.mustache:1:3: error: bad delimiter change "
	         "'{{=<%%=}}'%s",
	         hint);
	expect_compile_error("a {{=<%=}}", want);
	snprintf(want, sizeof(want),
	         "theme/t.mustache:1:1: error: bad delimiter change "
	         "'{{=<%% %%> x=}}'%s",
	         hint);
	expect_compile_error("{{=<% %> x=}}", want);
	snprintf(want, sizeof(want),
	         "theme/t.mustache:1:1: error: bad delimiter change "
	         "'{{=<= =>=}}'%s",
	         hint);
	expect_compile_error("{{=<= =>=}}", want);
	expect_compile_error("{{=<% %>}}",
	                     "theme/t.mustache:1:1: error: unclosed tag "
	                     "'{{=<% %>}}'; expected '=}}' to close it\n");
}

static void
test_error_nesting_limit(void **state)
{
	buf b = BUF_INIT;
	for (int i = 0; i < 101; i++)
		buf_puts(&b, "{{#a}}");
	char want[200];
	snprintf(want, sizeof(want),
	         "theme/t.mustache:1:%d: error: sections nested more than 100 "
	         "deep; expected at most 100 levels\n",
	         100 * 6 + 1);
	expect_compile_error(buf_cstr(&b), want);
	buf_free(&b);
}

static void
test_recursion_bound(void **state)
{
	mustache_set *set = mustache_set_new();
	add(set, "boucle", "x{{>boucle}}");
	add(set, "parent", "{{$b}}{{/b}}");
	add(set, "bloc", "{{<parent}}{{$b}}y{{$b}}{{/b}}{{/b}}{{/parent}}");
	diag *d = diag_new("en");
	buf out = BUF_INIT;
	buf_puts(&out, "avant|");
	assert_int_equal(mustache_render(set, "boucle", NULL, &out, d), -1);
	/* Nothing of the failed render is left in the output. */
	assert_string_equal(buf_cstr(&out), "avant|");
	char *msg = flushed(d);
	assert_string_equal(msg, "theme/boucle.mustache:1:2: error: templates "
	                         "nested more than 64 deep at 'boucle'; "
	                         "expected a partial, parent or block that "
	                         "does not include itself\n");
	free(msg);
	/* A block whose argument fills itself is bounded too. */
	assert_int_equal(mustache_render(set, "bloc", NULL, &out, d), -1);
	assert_int_equal(diag_count(d, DIAG_ERROR), 2);
	assert_string_equal(buf_cstr(&out), "avant|");
	buf_free(&out);
	diag_free(d);
	mustache_set_free(set);
}

struct deep_job {
	const mustache_set *set;
	const value *data;
	int result;
	size_t errors;
};

static void *
render_deep(void *arg)
{
	struct deep_job *j = arg;
	diag *d = diag_new("en");
	buf out = BUF_INIT;
	j->result = mustache_render(j->set, "t", j->data, &out, d);
	j->errors = diag_count(d, DIAG_ERROR);
	buf_free(&out);
	diag_free(d);
	return NULL;
}

/*
 * 100 nested sections around a self-inclusion: 6,400 levels of rendering
 * before the bound trips.  Run on a thread with the default stack, as
 * the build's workers are, to show the bound comes before a stack
 * overflow.
 */
static void
test_recursion_through_deep_sections(void **state)
{
	arena *a = arena_new();
	value *m = value_map(a);
	value_set_bool(a, m, "a", true);
	buf t = BUF_INIT;
	for (int i = 0; i < 100; i++)
		buf_puts(&t, "{{#a}}");
	buf_puts(&t, "x{{>t}}");
	for (int i = 0; i < 100; i++)
		buf_puts(&t, "{{/a}}");
	mustache_set *set = mustache_set_new();
	add(set, "t", buf_cstr(&t));
	struct deep_job job = {set, m, 0, 0};
	pthread_t th;
	assert_int_equal(pthread_create(&th, NULL, render_deep, &job), 0);
	pthread_join(th, NULL);
	assert_int_equal(job.result, -1);
	assert_int_equal(job.errors, 1);
	buf_free(&t);
	mustache_set_free(set);
	arena_free(a);
}

static void
test_legit_deep_nesting(void **state)
{
	/* A chain 20 levels deep, rendered by a recursive partial. */
	arena *a = arena_new();
	value *root = value_map(a), *cur = root;
	for (int i = 0; i < 20; i++) {
		value *kid = value_map(a);
		value_set(a, cur, "kid", kid);
		cur = kid;
	}
	/* Without it, {{#kid}} would find the parent's kid up the stack. */
	value_set_bool(a, cur, "kid", false);
	mustache_set *set = mustache_set_new();
	add(set, "node", "({{#kid}}{{>node}}{{/kid}})");
	buf want = BUF_INIT;
	for (int i = 0; i < 21; i++)
		buf_putc(&want, '(');
	for (int i = 0; i < 21; i++)
		buf_putc(&want, ')');
	expect_render(set, "node", root, buf_cstr(&want));
	buf_free(&want);
	mustache_set_free(set);
	arena_free(a);
}

static void
test_set_check(void **state)
{
	mustache_set *set = mustache_set_new();
	add(set, "page",
	    "{{>entete}}\n"
	    "{{#x}}\n  {{> piedpage }}{{/x}}\n"
	    "{{<gabarit}}{{/gabarit}}\n"
	    "{{>*dynamique}}\n");
	add(set, "entete", "<header>{{>logo}}</header>");
	diag *d = diag_new("en");
	assert_int_equal(mustache_set_check(set, d), 3);
	char *msg = flushed(d);
	assert_string_equal(
	    msg, "theme/entete.mustache:1:9: error: partial 'logo' is not a "
	         "known template; expected one of the theme's templates\n"
	         "theme/page.mustache:3:3: error: partial 'piedpage' is not a "
	         "known template; expected one of the theme's templates\n"
	         "theme/page.mustache:4:1: error: parent 'gabarit' is not a "
	         "known template; expected one of the theme's templates\n");
	free(msg);
	add(set, "logo", "L");
	add(set, "piedpage", "P");
	add(set, "gabarit", "G");
	assert_int_equal(mustache_set_check(set, d), 0);
	diag_free(d);
	mustache_set_free(set);
}

static void
test_set_lookup_and_replace(void **state)
{
	mustache_set *set = mustache_set_new();
	char name[32];
	for (int i = 0; i < 300; i++) {
		snprintf(name, sizeof(name), "t%d", i);
		add(set, name, name);
	}
	for (int i = 0; i < 300; i++) {
		snprintf(name, sizeof(name), "t%d", i);
		assert_true(mustache_set_has(set, name));
		expect_render(set, name, NULL, name);
	}
	assert_false(mustache_set_has(set, "t300"));
	add(set, "t7", "remplacé");
	expect_render(set, "t7", NULL, "remplacé");
	diag *d = diag_new("en");
	buf out = BUF_INIT;
	assert_int_equal(mustache_render(set, "absent", NULL, &out, d), -1);
	char *msg = flushed(d);
	assert_string_equal(msg, "error: unknown template 'absent'; expected "
	                         "a template of the theme\n");
	free(msg);
	buf_free(&out);
	diag_free(d);
	mustache_set_free(set);
}

struct job {
	const mustache_set *set;
	const value *data;
	const char *want;
	int bad;
};

static void *
render_many(void *arg)
{
	struct job *j = arg;
	diag *d = diag_new("en");
	buf out = BUF_INIT;
	for (int i = 0; i < 300; i++) {
		buf_reset(&out);
		if (mustache_render(j->set, "page", j->data, &out, d) != 0 ||
		    strcmp(buf_cstr(&out), j->want) != 0)
			j->bad++;
	}
	buf_free(&out);
	diag_free(d);
	return NULL;
}

static void
test_concurrent_render(void **state)
{
	arena *a = arena_new();
	value *m = value_map(a);
	value *items = value_list(a);
	for (int i = 0; i < 50; i++) {
		value *it = value_map(a);
		value_set_int(a, it, "n", i);
		value_push(a, items, it);
	}
	value_set(a, m, "items", items);
	mustache_set *set = mustache_set_new();
	add(set, "page",
	    "{{<base}}{{$corps}}\n"
	    "  {{#items}}\n  {{>item}}\n  {{/items}}\n"
	    "{{/corps}}{{/base}}");
	add(set, "base", "<ul>\n  {{$corps}}{{/corps}}\n</ul>\n");
	add(set, "item", "<li>{{n}}</li>\n");
	buf want = BUF_INIT;
	buf_puts(&want, "<ul>\n");
	for (int i = 0; i < 50; i++)
		buf_printf(&want, "  <li>%d</li>\n", i);
	buf_puts(&want, "</ul>\n");
	expect_render(set, "page", m, buf_cstr(&want));
	struct job jobs[2] = {{set, m, buf_cstr(&want), 0},
	                      {set, m, buf_cstr(&want), 0}};
	pthread_t th[2];
	for (int i = 0; i < 2; i++)
		assert_int_equal(
		    pthread_create(&th[i], NULL, render_many, &jobs[i]), 0);
	for (int i = 0; i < 2; i++)
		pthread_join(th[i], NULL);
	assert_int_equal(jobs[0].bad, 0);
	assert_int_equal(jobs[1].bad, 0);
	buf_free(&want);
	mustache_set_free(set);
	arena_free(a);
}

static double
now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/*
 * 40,000 tags on one line, then 40,000 rendered items: a quadratic step
 * (column counting, string building) would take minutes; linear code
 * takes milliseconds.  The bound is loose enough for valgrind.
 */
static void
test_long_template_speed(void **state)
{
	buf t = BUF_INIT, want = BUF_INIT;
	for (int i = 0; i < 40000; i++) {
		buf_puts(&t, "<b>{{v}}</b>");
		buf_puts(&want, "<b>&lt;x&gt;</b>");
	}
	buf_puts(&t, "{{#items}}{{.}},{{/items}}");
	arena *a = arena_new();
	value *m = value_map(a);
	value_set_str(a, m, "v", "<x>");
	value *items = value_list(a);
	for (int i = 0; i < 40000; i++) {
		value_push(a, items, value_number(a, i % 10));
		buf_printf(&want, "%d,", i % 10);
	}
	value_set(a, m, "items", items);
	double t0 = now();
	mustache_set *set = mustache_set_new();
	add(set, "long", buf_cstr(&t));
	expect_render(set, "long", m, buf_cstr(&want));
	double elapsed = now() - t0;
	assert_true(elapsed < 20.0);
	buf_free(&t);
	buf_free(&want);
	mustache_set_free(set);
	arena_free(a);
}

/* b0 includes b1 twice, b1 includes b2 twice...: 2^levels renders of the
 * leaf.  Depth stays small, so only the work budget stops it. */
static void
expect_fanout_stopped(int levels, const char *leaf, const char *want)
{
	mustache_set *set = mustache_set_new();
	char name[16], text[64];
	for (int n = 0; n < levels; n++) {
		snprintf(name, sizeof(name), "b%d", n);
		snprintf(text, sizeof(text), "{{>b%d}}{{>b%d}}", n + 1, n + 1);
		add(set, name, text);
	}
	snprintf(name, sizeof(name), "b%d", levels);
	add(set, name, leaf);
	buf out = BUF_INIT;
	buf_puts(&out, "kept");
	diag *d = diag_new("en");
	arena *a = arena_new();
	value *data = value_map(a);
	assert_int_equal(mustache_render(set, "b0", data, &out, d), -1);
	assert_string_equal(buf_cstr(&out), "kept");
	char *msg = flushed(d);
	assert_non_null(strstr(msg, want));
	free(msg);
	arena_free(a);
	buf_free(&out);
	diag_free(d);
	mustache_set_free(set);
}

static void
test_fanout_bounded(void **state)
{
	(void)state;
	expect_fanout_stopped(34, "x",
	                      "error: rendering one page took more than 50 "
	                      "million template steps");
	static char big[1 << 20];
	memset(big, 'a', sizeof(big) - 1);
	expect_fanout_stopped(12, big,
	                      "error: rendering one page wrote more than 256 "
	                      "MiB");
}

/* What a flushed render gives away, kept for the test. */
struct pieces {
	buf got;
	size_t calls;
	size_t keep; /* bytes flush leaves each time (an id cut) */
};

static size_t
take_pieces(void *ctx, const char *data, size_t n)
{
	struct pieces *p = ctx;
	p->calls++;
	assert_true(n + 1 >= MST_FLUSH_AT);
	size_t took = n > p->keep ? n - p->keep : 0;
	buf_put(&p->got, data, took);
	return took;
}

/* A list too big to hold whole goes out in pieces, which with the tail
 * left in out make the same page as a render held whole; a block's line
 * ending (which reads the byte before) is the same across a cut. */
static void
test_render_flushed(void **state)
{
	(void)state;
	arena *a = arena_new();
	value *items = value_list(a);
	for (int i = 0; i < 20000; i++) {
		value *m = value_map(a);
		value_set_int(a, m, "n", i);
		value_set_str(a, m, "t", "Atelier <vélo> & « café »");
		value_push(a, items, m);
	}
	value *data = value_map(a);
	value_set(a, data, "items", items);
	mustache_set *set = mustache_set_new();
	add(set, "card", "<li id=\"a{{n}}\">{{t}}</li>\n");
	add(set, "page", "{{$b}}x{{/b}}\n");
	add(set, "t",
	    "<ul>\n{{#items}}{{> card}}{{/items}}</ul>\n"
	    "{{<page}}{{$b}}{{#items}}{{n}}{{/items}}{{/b}}{{/page}}");
	buf whole = BUF_INIT;
	diag *d = diag_new("en");
	assert_int_equal(mustache_render(set, "t", data, &whole, d), 0);
	assert_true(whole.len > 3 * MST_FLUSH_AT);
	for (size_t keep = 0; keep < 3; keep++) {
		struct pieces p = {BUF_INIT, 0, keep * 7};
		buf out = BUF_INIT;
		assert_int_equal(mustache_render_flushed(set, "t", data, &out,
		                                         d, take_pieces, &p),
		                 0);
		assert_true(p.calls >= 3);
		assert_true(out.len < MST_FLUSH_AT + 4096);
		buf_put(&p.got, out.data, out.len);
		assert_int_equal(p.got.len, whole.len);
		assert_memory_equal(p.got.data, whole.data, whole.len);
		buf_free(&p.got);
		buf_free(&out);
	}
	assert_int_equal(diag_count(d, DIAG_ERROR), 0);
	buf_free(&whole);
	diag_free(d);
	mustache_set_free(set);
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_escape_all_five),
	    cmocka_unit_test(test_scalars),
	    cmocka_unit_test(test_dotted_names),
	    cmocka_unit_test(test_sections_and_truthiness),
	    cmocka_unit_test(test_partial_indentation),
	    cmocka_unit_test(test_inheritance),
	    cmocka_unit_test(test_block_site_line_ending),
	    cmocka_unit_test(test_crlf_standalone),
	    cmocka_unit_test(test_dynamic_partial),
	    cmocka_unit_test(test_error_unclosed_tag),
	    cmocka_unit_test(test_error_unclosed_section),
	    cmocka_unit_test(test_error_mismatched_close),
	    cmocka_unit_test(test_error_empty_name),
	    cmocka_unit_test(test_error_bad_names),
	    cmocka_unit_test(test_error_bad_delimiters),
	    cmocka_unit_test(test_error_nesting_limit),
	    cmocka_unit_test(test_recursion_bound),
	    cmocka_unit_test(test_recursion_through_deep_sections),
	    cmocka_unit_test(test_legit_deep_nesting),
	    cmocka_unit_test(test_set_check),
	    cmocka_unit_test(test_set_lookup_and_replace),
	    cmocka_unit_test(test_concurrent_render),
	    cmocka_unit_test(test_long_template_speed),
	    cmocka_unit_test(test_fanout_bounded),
	    cmocka_unit_test(test_render_flushed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
