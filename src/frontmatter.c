#include "frontmatter.h"

#include <stdbool.h>
#include <string.h>

/* Length of the line starting at p, and whether it is exactly the
 * delimiter (trailing spaces and a CR tolerated). */
static bool
is_delim(const char *p, const char *end, const char *delim, size_t *linelen)
{
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	const char *eol = nl ? nl : end;
	*linelen = (size_t)(eol - p) + (nl ? 1 : 0);
	size_t dl = strlen(delim);
	if ((size_t)(eol - p) < dl || memcmp(p, delim, dl) != 0)
		return false;
	for (const char *q = p + dl; q < eol; q++)
		if (*q != ' ' && *q != '\t' && *q != '\r')
			return false;
	return true;
}

/* A line of dashes one of which is typographic (U+2010 to U+2015, or
 * the minus sign U+2212), spaces around: the "---" closing the header
 * after a word processor's autocorrect made it « — » or « –- ».  Found
 * before any closing line, it is what the editor must fix; without this
 * the error would name line 1, "never closed". */
static bool
dash_lookalike(const char *p, const char *end)
{
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	const char *eol = nl ? nl : end;
	while (p < eol && (*p == ' ' || *p == '\t'))
		p++;
	while (eol > p &&
	       (eol[-1] == ' ' || eol[-1] == '\t' || eol[-1] == '\r'))
		eol--;
	bool typo = false;
	while (p < eol) {
		const unsigned char *u = (const unsigned char *)p;
		if (*p == '-') {
			p++;
		} else if (eol - p >= 3 && u[0] == 0xE2 &&
		           ((u[1] == 0x80 && u[2] >= 0x90 && u[2] <= 0x95) ||
		            (u[1] == 0x88 && u[2] == 0x92))) {
			typo = true;
			p += 3;
		} else {
			return false;
		}
	}
	return typo;
}

/* "titre: ..." as a first line: front matter whose opening "---" was
 * forgotten, when a "---" line follows to close it. */
static bool
unopened(const char *p, const char *end)
{
	const char *q = p;
	while (q < end && ((*q >= 'a' && *q <= 'z') || *q == '_'))
		q++;
	if (q == p || q + 1 >= end || *q != ':' ||
	    (q[1] != ' ' && q[1] != '\n' && q[1] != '\r'))
		return false;
	size_t ll;
	for (; p < end; p += ll)
		if (is_delim(p, end, "---", &ll))
			return true;
	return false;
}

/* Blank lines, then a "---" line opening a header ("titre: ..." and a
 * closing "---"): front matter that does not start on line 1, which
 * Markdown would otherwise read as a rule and text. */
static bool
pushed_down(const char *p, const char *end)
{
	size_t ll;
	int blank = 0;
	for (; p < end && !is_delim(p, end, "---", &ll); p += ll, blank++)
		if (!is_delim(p, end, "", &ll))
			return false;
	return blank > 0 && p < end && unopened(p + ll, end);
}

int
frontmatter_split(const char *file, const char *text, size_t len,
                  frontmatter_parts *out, diag *d)
{
	const char *p = text, *end = text + len;
	memset(out, 0, sizeof(*out));
	if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	size_t ll;
	if (!is_delim(p, end, "---", &ll) && unopened(p, end)) {
		diag_report(
		    d, DIAG_ERROR, file, 1, 1,
		    "the front matter must start with a line '---'; add "
		    "it as the first line of the file");
		return -1;
	}
	if (pushed_down(p, end)) {
		diag_report(d, DIAG_ERROR, file, 1, 1,
		            "the front matter must start on the first line; "
		            "delete the empty line above '---'");
		return -1;
	}
	if (!is_delim(p, end, "---", &ll)) {
		out->body_off = (size_t)(p - text);
		out->body_len = (size_t)(end - p);
		out->body_line = 1;
		return 0;
	}
	p += ll;
	const char *yaml = p;
	unsigned line = 2;
	while (p < end) {
		if (dash_lookalike(p, end)) {
			diag_report(
			    d, DIAG_ERROR, file, line, 1,
			    "this line of long dashes cannot close the "
			    "front matter (a word processor's automatic "
			    "correction turns '---' into '—'); write three "
			    "hyphens '---' instead");
			return -1;
		}
		if (is_delim(p, end, "---", &ll) ||
		    is_delim(p, end, "...", &ll)) {
			out->has_yaml = true;
			out->yaml_off = (size_t)(yaml - text);
			out->yaml_len = (size_t)(p - yaml);
			out->yaml_line = 2;
			out->body_off = (size_t)(p + ll - text);
			out->body_len = len - out->body_off;
			out->body_line = line + 1;
			return 0;
		}
		p += ll;
		line++;
	}
	diag_report(d, DIAG_ERROR, file, 1, 1,
	            "front matter opened with '---' is never closed; add a "
	            "line '---' after the last field");
	return -1;
}
