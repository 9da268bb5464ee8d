/*
 * mustache_spec.c - runs the Mustache specification's tests.
 *
 * Usage: mustache-spec [SPECDIR]   (default tests/mustache-spec)
 *
 * Each module's JSON file is read with the project's own YAML loader (JSON
 * is YAML), so the runner also exercises the path theme data takes.  The
 * test's data is typed with value_resolve_core(), as JSON intends: plain
 * true, false, null and numbers.  Every test gets a fresh set holding its
 * partials and its template; the rendered text must equal "expected"
 * byte for byte.  Prints one line per module, the names of failing
 * tests, and exits 1 if any test failed.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "fsutil.h"
#include "diag.h"
#include "mustache.h"
#include "value.h"
#include "yamldoc.h"

/* The name the test's own template gets; no spec partial is called so. */
#define MAIN_NAME "(template)"

static const char *const modules[] = {
    "comments", "delimiters", "interpolation", "inverted",
    "partials", "sections",   "~inheritance",  "~dynamic-names",
};

/* Shows control characters, so whitespace differences are visible. */
static void
print_escaped(const char *label, const char *s, size_t n)
{
	printf("      %s \"", label);
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch == '\n')
			fputs("\\n", stdout);
		else if (ch == '\r')
			fputs("\\r", stdout);
		else if (ch == '\t')
			fputs("\\t", stdout);
		else if (ch == '"' || ch == '\\')
			printf("\\%c", ch);
		else if (ch < 0x20)
			printf("\\x%02x", ch);
		else
			putchar(ch);
	}
	fputs("\"\n", stdout);
}

static int
add_string(mustache_set *set, const char *name, const value *v, diag *d)
{
	const char *s = value_get_string(v);
	if (s == NULL)
		return -1;
	return mustache_set_add(set, name, name, s, value_string_len(v), d);
}

static void
flush_if_any(diag *d)
{
	if (diag_count(d, DIAG_ERROR) + diag_count(d, DIAG_WARNING) +
	        diag_count(d, DIAG_NOTE) >
	    0)
		diag_flush(d, stdout);
}

/* Runs one test; returns 1 when it passes. */
static int
run_test(value *test, diag *d)
{
	const value *tmpl = value_get(test, "template");
	const value *want = value_get(test, "expected");
	const value *partials = value_get(test, "partials");
	value *data = value_get(test, "data");
	value_resolve_core(data);
	mustache_set *set = mustache_set_new();
	int ok = add_string(set, MAIN_NAME, tmpl, d) == 0;
	for (size_t i = 0; ok && i < value_len(partials); i++)
		ok = add_string(set, value_key_at(partials, i),
		                value_val_at(partials, i), d) == 0;
	buf out = BUF_INIT;
	ok = ok && mustache_render(set, MAIN_NAME, data, &out, d) == 0;
	ok = ok && value_get_string(want) != NULL &&
	     out.len == value_string_len(want) &&
	     memcmp(buf_cstr(&out), value_get_string(want), out.len) == 0;
	if (!ok) {
		printf("    FAIL %s\n",
		       value_get_string(value_get(test, "name")));
		if (value_get_string(want) != NULL)
			print_escaped("expected", value_get_string(want),
			              value_string_len(want));
		print_escaped("got     ", buf_cstr(&out), out.len);
		flush_if_any(d);
	}
	buf_free(&out);
	mustache_set_free(set);
	return ok;
}

/* Runs a module; returns its failures, or -1 if it could not be read. */
static int
run_module(const char *dir, const char *module, int *passed, bool tap)
{
	char *path = NULL;
	size_t plen = strlen(dir) + strlen(module) + 8;
	path = malloc(plen);
	if (path == NULL)
		return -1;
	snprintf(path, plen, "%s/%s.json", dir, module);
	size_t len = 0;
	char *text = fsutil_read_file(path, &len);
	arena *a = arena_new();
	diag *d = diag_new("en");
	value *root = text ? yamldoc_load(a, path, text, len, 1, d) : NULL;
	const value *tests = value_get(root, "tests");
	int failed = -1;
	if (value_kind_of(tests) == VALUE_LIST) {
		int p = 0;
		failed = 0;
		for (size_t i = 0; i < value_len(tests); i++) {
			value *t = value_at(tests, i);
			int ok = run_test(t, d);
			if (ok)
				p++;
			else
				failed++;
			if (tap)
				printf("%sok - %s: %s\n", ok ? "" : "not ",
				       module,
				       value_get_string(value_get(t, "name")));
		}
		printf("%s%s: %d passed, %d failed\n", tap ? "# " : "", module,
		       p, failed);
		*passed += p;
	} else {
		printf("%s%s: cannot load %s\n", tap ? "not ok - " : "", module,
		       path);
		flush_if_any(d);
	}
	diag_free(d);
	arena_free(a);
	free(text);
	free(path);
	return failed;
}

int
main(int argc, char **argv)
{
	/* --tap: one "ok"/"not ok" line per test, for tests/run.sh */
	bool tap = argc > 1 && strcmp(argv[1], "--tap") == 0;
	const char *dir =
	    argc > 1 + tap ? argv[1 + tap] : "tests/mustache-spec";
	int passed = 0, failed = 0;
	for (size_t i = 0; i < sizeof(modules) / sizeof(*modules); i++) {
		int f = run_module(dir, modules[i], &passed, tap);
		failed += f < 0 ? 1 : f;
	}
	printf("%s~lambdas: skipped (lambdas have no meaning for YAML data)\n",
	       tap ? "# " : "");
	printf("%smustache-spec: %d passed, %d failed\n", tap ? "# " : "",
	       passed, failed);
	return failed > 0 ? 1 : 0;
}
