/*
 * placeholder.c - see placeholder.h.  Works on the raw YAML values (before
 * the schema types them), where an empty plain scalar is still visible as
 * such: after typing it is indistinguishable from an absent field.
 */
#include "placeholder.h"

#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "frontmatter.h"
#include "siteyaml.h"

static bool
is_blank(const value *v)
{
	return value_kind_of(v) == VALUE_STRING && value_is_plain(v) &&
	       value_string_len(v) == 0;
}

void
placeholder_check_fields(const value *raw, diag *d)
{
	value_kind k = value_kind_of(raw);
	if (k == VALUE_LIST) {
		for (size_t i = 0; i < value_len(raw); i++)
			placeholder_check_fields(value_at(raw, i), d);
		return;
	}
	if (k != VALUE_MAP)
		return;
	for (size_t i = 0; i < value_len(raw); i++) {
		const value *v = value_val_at(raw, i);
		if (!is_blank(v)) {
			placeholder_check_fields(v, d);
			continue;
		}
		value_pos p = value_key_pos(raw, i);
		diag_report(d, DIAG_ERROR, p.file, p.line, p.col,
		            "'%s' has no value after its colon; fill it in, or "
		            "delete the line",
		            value_key_at(raw, i));
	}
}

/* The text between the first and the last non-blank characters. */
static const char *
trim(const char *s, size_t *len)
{
	while (*len > 0 && strchr(" \t\r\n", *s) != NULL) {
		s++;
		(*len)--;
	}
	while (*len > 0 && strchr(" \t\r\n", s[*len - 1]) != NULL)
		(*len)--;
	return s;
}

/* Every page's body is searched: memchr() finds the candidates. */
static const char *
find(const char *hay, size_t hlen, const char *needle, size_t nlen)
{
	if (nlen == 0 || nlen > hlen)
		return NULL;
	const char *end = hay + (hlen - nlen) + 1; /* past the last start */
	for (const char *p = hay; p < end; p++) {
		p = memchr(p, needle[0], (size_t)(end - p));
		if (p == NULL)
			return NULL;
		if (memcmp(p, needle, nlen) == 0)
			return p;
	}
	return NULL;
}

void
placeholder_check_body(theme *th, const char *kind, const char *file,
                       const char *body, size_t body_len, unsigned body_line,
                       arena *a, diag *d)
{
	const char *ext;
	const char *text = theme_archetype(th, kind, a, &ext);
	frontmatter_parts fm;
	if (text == NULL || strcmp(ext, ".md") != 0 ||
	    frontmatter_split("archetype", text, strlen(text), &fm, d) != 0)
		return;
	size_t n = fm.body_len;
	const char *sample = trim(text + fm.body_off, &n);
	const char *at = find(body, body_len, sample, n);
	if (at == NULL)
		return;
	unsigned line = body_line;
	for (const char *p = body; p < at; p++)
		line += *p == '\n';
	diag_report(d, DIAG_ERROR, file, line, 1,
	            "this page still has the template's text ('%.*s'); "
	            "replace it with your own words",
	            (int)n, sample);
}

/* "https://x.example/" and "https://x.example" are one address. */
static bool
same_address(const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b);
	na -= na > 0 && a[na - 1] == '/';
	nb -= nb > 0 && b[nb - 1] == '/';
	return na == nb && strncasecmp(a, b, na) == 0;
}

void
placeholder_check_site(const value *raw, diag *d)
{
	const value *uv = value_get(raw, "url");
	const char *url = value_get_string(uv);
	if (url != NULL && same_address(url, SITEYAML_URL_STARTER))
		diag_at(d, DIAG_WARNING, uv,
		        "'url' is still the address fabrique init wrote (%s), "
		        "where no site is: calendar subscriptions, feeds, the "
		        "sitemap and shared links would lead there; write the "
		        "address where this site is published, like "
		        "https://journee.ma-commune.fr",
		        url);
}
