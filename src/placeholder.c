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
#include "geo.h"
#include "siteyaml.h"
#include "urlbase.h"

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

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* The length of the text at p (before end) that reads as words, where
 * any run of blanks, a line break included, stands for one space of
 * words (a sentence wrapped anywhere); 0 when it does not. */
static size_t
match_words(const char *p, const char *end, const char *words)
{
	const char *q = p;
	for (const char *w = words; *w != '\0'; w++) {
		if (*w == ' ') {
			if (q == end || !is_space(*q))
				return 0;
			while (q < end && is_space(*q))
				q++;
		} else if (q == end || *q++ != *w)
			return 0;
	}
	return (size_t)(q - p);
}

/* The sentence from at: up to its full stop (or ! ?), a blank line or
 * 200 bytes cut on a character, on one line. */
static const char *
sentence(const char *at, const char *end, arena *a)
{
	const char *e = at;
	while (e < end && e - at < 200) {
		if (*e == '\n' && e + 1 < end && e[1] == '\n')
			break;
		if (strchr(".!?", *e) != NULL &&
		    (e + 1 == end || is_space(e[1]))) {
			e++;
			break;
		}
		e++;
	}
	while (e > at && e < end && ((unsigned char)*e & 0xC0) == 0x80)
		e--;
	char *t = arena_alloc(a, (size_t)(e - at) + 1);
	size_t n = 0;
	for (const char *p = at; p < e; p++)
		if (!is_space(*p) || (n > 0 && t[n - 1] != ' '))
			t[n++] = is_space(*p) ? ' ' : *p;
	t[n] = '\0';
	return t;
}

/* One starter sentence found at at: a warning at its line and column
 * (in characters), quoting it. */
static void
report_starter(const char *file, const char *body, const char *at,
               const char *end, unsigned body_line, arena *a, diag *d)
{
	unsigned line = body_line, col = 1;
	for (const char *p = body; p < at; p++) {
		if (*p == '\n') {
			line++;
			col = 1;
		} else
			col += ((unsigned char)*p & 0xC0) != 0x80;
	}
	diag_report(d, DIAG_WARNING, file, line, col,
	            "this page still has a sentence of the site "
	            "fabrique init made, meant for you, not for "
	            "residents ('%s'): write in its place what it asks "
	            "for",
	            sentence(at, end, a));
}

/*
 * The starter site fabrique init writes (the theme's depart/) holds
 * sentences that tell the editor what to write there ("Indiquez ici le
 * nom de l'hébergeur…", "Racontez ici son histoire…"): published so,
 * residents would read an instruction on the legal notice or the
 * contact page.  The theme lists how they start (theme.yaml's
 * a_remplacer); each one found is a warning at its line and column,
 * quoting the sentence, which says what to write: an error under
 * --strict and in the server's hooks, so the site cannot go live with
 * it, while the preview still shows the page.
 */
static void
check_starter(theme *th, const char *file, const char *body, size_t len,
              unsigned body_line, arena *a, diag *d)
{
	const value *list = value_get(theme_config(th), "a_remplacer");
	const char *end = body + len;
	for (size_t i = 0; i < value_len(list); i++) {
		const char *w = value_get_string(value_at(list, i));
		if (w == NULL || *w == '\0' || *w == ' ')
			continue;
		for (const char *at = body;
		     (at = memchr(at, w[0], (size_t)(end - at))) != NULL; at++)
			if (match_words(at, end, w) > 0)
				report_starter(file, body, at, end, body_line,
				               a, d);
	}
}

void
placeholder_check_body(theme *th, const char *kind, const char *file,
                       const char *body, size_t body_len, unsigned body_line,
                       arena *a, diag *d)
{
	check_starter(th, file, body, body_len, body_line, a, d);
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

/* A url no visitor can reach (a name kept for examples, this computer)
 * or sent unprotected (http://) would be written in every calendar
 * subscription, feed and shared link: init's example address is one
 * case of the first. */
static void
check_public_url(const value *uv, const char *url, diag *d)
{
	size_t hn;
	const char *host = urlbase_not_public(url, &hn);
	if (host != NULL)
		diag_at(d, DIAG_WARNING, uv,
		        "'url' (%s) names %.*s, which is not an address on the "
		        "Internet (it is kept for examples and tests, or names "
		        "this computer or a private network): calendar "
		        "subscriptions, feeds, the sitemap and shared links "
		        "would lead nowhere; write "
		        "the address where this site is published, like "
		        "https://journee.ma-commune.fr",
		        url, (int)hn, host);
	else if (strncasecmp(url, "http://", 7) == 0)
		diag_at(d, DIAG_WARNING, uv,
		        "'url' (%s) starts with http://: browsers and calendar "
		        "apps mark such a site as not secure, and some refuse "
		        "its subscriptions; write https://, as in "
		        "https://journee.ma-commune.fr (hosts provide it)",
		        url);
}

/* A code no commune can have (geo_insee_problem(), the network's one
 * rule): the site builds, but the open data publishes it and a network
 * site (fabrique reseau) leaves the commune out, so say it now. */
static void
check_insee(const value *iv, const char *insee, diag *d)
{
	arena *a = arena_new();
	const char *why = geo_insee_problem(insee, diag_lang(d), a);
	if (why != NULL)
		diag_at(d, DIAG_WARNING, iv,
		        "'%s' (commune.insee) is no commune's INSEE code: %s; "
		        "a network site (fabrique reseau) leaves this commune "
		        "out",
		        insee, why);
	arena_free(a);
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
	else if (url != NULL)
		check_public_url(uv, url, d);
	/* init without --insee writes "00000", a code no commune has: the
	 * open data and fabrique reseau would place the site nowhere */
	const value *iv = value_path(raw, "commune.insee");
	const char *insee = value_get_string(iv);
	if (insee != NULL && strcmp(insee, "00000") == 0)
		diag_at(
		    d, DIAG_WARNING, iv,
		    "'insee' is still the code fabrique init wrote (00000), "
		    "which no commune has: the open data would publish it; "
		    "write the commune's official geographic code (5 "
		    "characters, like 49215)");
	else if (insee != NULL)
		check_insee(iv, insee, d);
}
