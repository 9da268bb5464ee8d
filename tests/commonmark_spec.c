/*
 * commonmark_spec.c - runs the CommonMark specification's examples
 * through fabrique's Markdown renderer.
 *
 * Usage: commonmark-spec [--tap] [--verbose] [SPEC]
 *        (default tests/commonmark-spec/spec.txt)
 *
 * The spec is version 0.29, the one cmark-gfm 0.29.0.gfm.6 (Debian 12)
 * implements, from the npm package commonmark-spec@0.29.0 (CC-BY-SA 4.0,
 * see tests/commonmark-spec/LICENSE).  Each example is rendered by
 * markdown_render() as a site renders a page, with raw HTML allowed
 * (markdown_opts.unsafe: the spec expects it passed through) and no
 * French typography.  Two of fabrique's transformations are meant to
 * differ from CommonMark and are undone before comparing:
 *   - headings carry an id ("<h2 id=...>"): the id is removed;
 *   - smart punctuation is on: curly quotes, dashes and the ellipsis are
 *     turned back into what the source had (&quot; ' -- --- ...).
 * Everything else must be byte for byte the spec's HTML.  The examples
 * GitHub's extensions change on purpose (bare addresses made links, two
 * tildes striking through) are listed by number in gfm_examples[]: they
 * are counted apart and must keep differing, so the list stays true.
 * Prints a summary per section and the failing examples; exits 1 if an
 * example outside that list differs.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "fsutil.h"
#include "markdown.h"

#define FENCE "````````````````````````````````"

/*
 * Examples whose expected HTML GitHub's autolink extension changes on
 * purpose (0.29 numbering): a bare address becomes a link, also inside
 * text that is not a CommonMark autolink.
 *   598 "<http://foo.bar/baz bim>"  (a space: no autolink; GFM links the URL)
 *   602 "<foo\+@bar.example.com>"  (escape: no autolink; GFM links the address)
 *   604 "< http://foo.bar >"        (spaces: no autolink; GFM links the URL)
 *   607 "http://example.com"        (bare URL)
 *   608 "foo@bar.example.com"       (bare e-mail address)
 */
static const int gfm_examples[] = {598, 602, 604, 607, 608};

struct example {
	int number;
	const char *section;
	buf md, html;
};

static bool
is_gfm_example(int n)
{
	for (size_t i = 0; i < sizeof(gfm_examples) / sizeof(*gfm_examples);
	     i++)
		if (gfm_examples[i] == n)
			return true;
	return false;
}

/* Appends line (without its end) to b, "→" standing for a tab. */
static void
put_spec_line(buf *b, const char *line, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i + 3 <= n && memcmp(line + i, "\xE2\x86\x92", 3) == 0) {
			buf_putc(b, '\t');
			i += 2;
		} else
			buf_putc(b, line[i]);
	}
	buf_putc(b, '\n');
}

/* Replaces every from by to in b. */
static void
replace_all(buf *b, const char *from, const char *to)
{
	buf o = BUF_INIT;
	size_t fl = strlen(from);
	for (size_t i = 0; i < b->len;) {
		if (i + fl <= b->len && memcmp(b->data + i, from, fl) == 0) {
			buf_puts(&o, to);
			i += fl;
		} else
			buf_putc(&o, b->data[i++]);
	}
	buf_reset(b);
	buf_put(b, o.data, o.len);
	buf_free(&o);
}

/* Removes the id="..." fabrique gives each heading. */
static void
drop_heading_ids(buf *b)
{
	buf o = BUF_INIT;
	for (size_t i = 0; i < b->len;) {
		if (i + 8 <= b->len && b->data[i] == '<' &&
		    b->data[i + 1] == 'h' && b->data[i + 2] >= '1' &&
		    b->data[i + 2] <= '6' &&
		    memcmp(b->data + i + 3, " id=\"", 5) == 0) {
			buf_put(&o, b->data + i, 3);
			size_t j = i + 8;
			while (j < b->len && b->data[j] != '"')
				j++;
			i = j + 1;
		} else
			buf_putc(&o, b->data[i++]);
	}
	buf_reset(b);
	buf_put(b, o.data, o.len);
	buf_free(&o);
}

static void
undo_fabrique(buf *b)
{
	drop_heading_ids(b);
	replace_all(b, "\xE2\x80\x9C", "&quot;"); /* “ */
	replace_all(b, "\xE2\x80\x9D", "&quot;"); /* ” */
	replace_all(b, "\xE2\x80\x98", "'");      /* ‘ */
	replace_all(b, "\xE2\x80\x99", "'");      /* ’ */
	replace_all(b, "\xE2\x80\x94", "---");    /* — */
	replace_all(b, "\xE2\x80\x93", "--");     /* – */
	replace_all(b, "\xE2\x80\xA6", "...");    /* … */
}

static void
print_escaped(const char *label, const char *s, size_t n)
{
	printf("#     %s \"", label);
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch == '\n')
			fputs("\\n", stdout);
		else if (ch == '\t')
			fputs("\\t", stdout);
		else if (ch == '"' || ch == '\\')
			printf("\\%c", ch);
		else
			putchar(ch);
	}
	fputs("\"\n", stdout);
}

/* Renders one example; returns true if it gives the spec's HTML. */
static bool
run_example(const struct example *e, bool verbose)
{
	arena *a = arena_new();
	diag *d = diag_new("en");
	markdown_opts o = {.unsafe = true};
	buf out = BUF_INIT;
	markdown_render(e->md.data ? e->md.data : "", e->md.len, &o, a, &out,
	                d);
	undo_fabrique(&out);
	bool ok = out.len == e->html.len &&
	          memcmp(out.data ? out.data : "",
	                 e->html.data ? e->html.data : "", out.len) == 0;
	if (!ok && verbose) {
		print_escaped("markdown", e->md.data ? e->md.data : "",
		              e->md.len);
		print_escaped("expected", e->html.data ? e->html.data : "",
		              e->html.len);
		print_escaped("got     ", out.data ? out.data : "", out.len);
	}
	buf_free(&out);
	diag_free(d);
	arena_free(a);
	return ok;
}

struct tally {
	int passed, failed, gfm_differ, gfm_same;
};

static void
report(const struct example *e, bool ok, bool tap, bool verbose,
       struct tally *t)
{
	bool gfm = is_gfm_example(e->number);
	if (gfm && !ok)
		t->gfm_differ++;
	else if (gfm)
		t->gfm_same++;
	else if (ok)
		t->passed++;
	else
		t->failed++;
	bool good = gfm ? !ok : ok;
	if (tap || !good)
		printf("%sok - commonmark example %d (%s)%s\n",
		       good ? "" : "not ", e->number, e->section,
		       gfm ? ": differs on purpose (GitHub extension)" : "");
	if (!good && !verbose)
		(void)run_example(e, true);
}

/* Reads the spec's examples one by one and runs each. */
static int
run_spec(const char *text, size_t len, bool tap, bool verbose)
{
	struct tally t = {0};
	struct example e = {0, "", BUF_INIT, BUF_INIT};
	char section[256] = "";
	int state = 0; /* 0 prose, 1 markdown, 2 html */
	for (size_t i = 0; i < len;) {
		const char *line = text + i;
		const char *nl = memchr(line, '\n', len - i);
		size_t n = nl ? (size_t)(nl - line) : len - i;
		i += n + (nl != NULL);
		if (state == 0 && n > 2 && line[0] == '#' &&
		    memchr(line, ' ', n) != NULL) {
			const char *s = memchr(line, ' ', n) + 1;
			snprintf(section, sizeof(section), "%.*s",
			         (int)(n - (size_t)(s - line)), s);
		} else if (state == 0 && n == strlen(FENCE) + 8 &&
		           memcmp(line, FENCE " example", n) == 0) {
			state = 1;
			e.number++;
			e.section = section;
			buf_reset(&e.md);
			buf_reset(&e.html);
		} else if (state == 1 && n == 1 && line[0] == '.')
			state = 2;
		else if (state == 2 && n == strlen(FENCE) &&
		         memcmp(line, FENCE, n) == 0) {
			state = 0;
			report(&e, run_example(&e, false), tap, verbose, &t);
		} else if (state != 0)
			put_spec_line(state == 1 ? &e.md : &e.html, line, n);
	}
	buf_free(&e.md);
	buf_free(&e.html);
	printf("# commonmark 0.29: %d examples, %d pass, %d fail; %d differ on "
	       "purpose (GitHub extensions), %d listed as such but pass\n",
	       e.number, t.passed, t.failed, t.gfm_differ, t.gfm_same);
	return t.failed + t.gfm_same == 0 && e.number > 600 ? 0 : 1;
}

int
main(int argc, char **argv)
{
	bool tap = false, verbose = false;
	const char *path = "tests/commonmark-spec/spec.txt";
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--tap") == 0)
			tap = true;
		else if (strcmp(argv[i], "--verbose") == 0)
			verbose = true;
		else
			path = argv[i];
	}
	size_t len = 0;
	char *text = fsutil_read_file(path, &len);
	if (text == NULL) {
		printf("not ok - commonmark spec: cannot read %s\n", path);
		return 1;
	}
	int rc = run_spec(text, len, tap, verbose);
	free(text);
	return rc;
}
