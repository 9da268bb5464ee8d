/*
 * tests/regress.c - the driver of the small golden cases in tests/regress/
 * (lowdown's style: one input, one feature, one expected output).
 *
 *   regress CASE.md
 *
 * Splits CASE.md into front matter and body with the site's own splitter,
 * renders the body as a page does (markdown_render, body headings under
 * the page's title) and prints the HTML, then any diagnostics, in English,
 * as file:line:col lines.  The front matter holds the case's options, as
 * site.yaml would give them: french (default true: French typography),
 * unsafe (default false: raw HTML dropped), page_title (default true).
 * Relative links are kept as written: resolving them needs a site, which
 * the integration suites build.  tests/regress/run.sh compares the output
 * with CASE.html.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "frontmatter.h"
#include "fsutil.h"
#include "markdown.h"
#include "value.h"
#include "yamldoc.h"

static bool
option(const value *fm, const char *name, bool fallback)
{
	/* Scalars stay text until the schema types them: "true", "false". */
	const char *v = value_get_string(value_get(fm, name));
	if (v != NULL && strcmp(v, "true") == 0)
		return true;
	if (v != NULL && strcmp(v, "false") == 0)
		return false;
	return fallback;
}

int
main(int argc, char **argv)
{
	if (argc != 2) {
		fputs("usage: regress CASE.md\n", stderr);
		return 2;
	}
	size_t len = 0;
	char *text = fsutil_read_file(argv[1], &len);
	if (text == NULL) {
		perror(argv[1]);
		return 2;
	}
	arena *a = arena_new();
	diag *d = diag_new("en");
	frontmatter_parts fp;
	const value *fm = NULL;
	int rc = frontmatter_split(argv[1], text, len, &fp, d);
	if (rc == 0 && fp.has_yaml)
		fm = yamldoc_load(a, argv[1], text + fp.yaml_off, fp.yaml_len,
		                  fp.yaml_line, d);
	if (rc == 0) {
		markdown_opts o = {.french = option(fm, "french", true),
		                   .unsafe = option(fm, "unsafe", false),
		                   .page_title = option(fm, "page_title", true),
		                   .file = argv[1],
		                   .first_line = fp.body_line};
		buf html = BUF_INIT;
		rc = markdown_render(text + fp.body_off, fp.body_len, &o, a,
		                     &html, d);
		fwrite(html.data, 1, html.len, stdout);
		buf_free(&html);
	}
	fflush(stdout);
	diag_flush(d, stdout);
	diag_free(d);
	arena_free(a);
	free(text);
	return rc == 0 ? 0 : 1;
}
