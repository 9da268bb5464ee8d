/*
 * themescan.c - what a site's own theme files may hold (see themescan.h).
 *
 * A scanner, not a parser, like the SVG check (filetype.c): it reads
 * Mustache tags, comments, start tags and their attributes well enough
 * to find what loads from elsewhere or runs, and reports every finding
 * (not the first only: an editor fixes them all in one go).
 */
#include "themescan.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "bytes.h"
#include "filetype.h"
#include "urlbase.h"
#include "utf8.h"

#define MAX_ATTRS 32
/* srcdoc in srcdoc: each level escapes the one inside it */
#define MAX_DEPTH 4

/* Line and column (in characters) of q in text, both from 1. */
static void
position(const char *text, const char *q, unsigned *line, unsigned *col)
{
	*line = 1, *col = 1;
	for (const char *c = text; c < q; c++) {
		if (*c == '\n')
			*line += 1, *col = 1;
		else if (((unsigned char)*c & 0xC0) != 0x80)
			*col += 1;
	}
}

static void
report(const themescan *ts, const char *text, const char *q, const char *msg,
       int n, const char *what)
{
	unsigned line, col;
	if (ts->anchor != NULL)
		position(ts->anchor_text, ts->anchor, &line, &col);
	else
		position(text, q, &line, &col);
	diag_report(ts->d, DIAG_ERROR, ts->file, line, col, msg, n, what);
}

/* Past a Mustache tag at p ({{…}} or {{{…}}}). */
static const char *
skip_mustache(const char *p, const char *end)
{
	const char *c = bytes_find_ci(p + 2, end, "}}");
	if (c == NULL)
		return end;
	c += 2;
	return c < end && *c == '}' ? c + 1 : c;
}

/* Past the spaces, controls, quotes and Mustache tags that start v:
 * where the literal text starts.  A tag that renders nothing ({{! x }},
 * {{#site}}{{/site}}) leaves a literal address after it as it is; a
 * value made of tags only ({{url}}) leaves nothing to judge. */
static const char *
lead(const char *v, const char *end)
{
	for (;;) {
		while (v < end &&
		       ((unsigned char)*v <= 0x20 || *v == '"' || *v == '\''))
			v++;
		if (end - v < 2 || v[0] != '{' || v[1] != '{')
			return v;
		v = skip_mustache(v, end);
	}
}

/* Does v[0..n), spaces, quotes and leading Mustache tags aside, start
 * with another site's address (https://…, //…), tabs and newlines in it
 * dropped as a browser does?  Returns where it starts, or NULL; *shown:
 * how much of it to quote. */
static const char *
remote(const char *v, size_t n, int *shown)
{
	const char *end = v + n, *at = lead(v, end);
	char copy[256];
	size_t m = 0;
	for (v = at; v < end && m < sizeof(copy) - 1; v++)
		if (*v != '\t' && *v != '\n' && *v != '\r')
			copy[m++] = *v;
	copy[m] = '\0';
	size_t hn, nn;
	const char *name;
	if (urlbase_remote(copy, &hn, &name, &nn) == NULL)
		return NULL;
	size_t q = strcspn(copy, "\"') \t\n");
	*shown = (int)(q < 60 ? q : 60);
	return at;
}

/* Whether s[0..n) is in one of the theme's own templates, word for word. */
static bool
theirs(const themescan *ts, const char *s, size_t n)
{
	for (size_t i = 0; i < ts->ntheirs; i++)
		for (size_t j = 0; j + n <= ts->theirs_len[i]; j++)
			if (memcmp(ts->theirs[i] + j, s, n) == 0)
				return true;
	return false;
}

/* ---- Stylesheets ------------------------------------------------------ */

#define MSG_IMPORT                                                             \
	"@import of '%.*s' loads a stylesheet from another site, which then "  \
	"learns the address of every visitor; copy the rules you need into "   \
	"this file, and its fonts into theme/assets/fonts/, called by "        \
	"url(../fonts/NAME)"
#define MSG_URL                                                                \
	"url(%.*s) loads a file from another site, which then learns the "     \
	"address of every visitor; copy the file into theme/assets/ (a font "  \
	"into theme/assets/fonts/) and call it by url(../fonts/NAME)"

#define MSG_IMAGESET                                                           \
	"image-set(%.*s) loads a picture from another site, which then "       \
	"learns the address of every visitor; copy the picture into "          \
	"theme/assets/img/ and name it by its address from this file "         \
	"(\"../img/NAME\")"

/* The quoted addresses of an image-set() (or -webkit-image-set()) whose
 * arguments start at p: image-set("https://…" 1x) names a picture
 * without url().  Its url()s are left to scan_css(), which goes on from
 * the arguments' start. */
static void
scan_image_set(const themescan *ts, const char *text, const char *p,
               const char *end)
{
	int depth = 1, shown;
	for (; p < end && depth > 0; p++) {
		if (end - p >= 4 && strncasecmp(p, "url(", 4) == 0) {
			const char *close = memchr(p, ')', (size_t)(end - p));
			p = close != NULL ? close : end - 1;
		} else if (*p == '(')
			depth++;
		else if (*p == ')')
			depth--;
		else if (*p == '"' || *p == '\'') {
			const char *r = remote(p, (size_t)(end - p), &shown);
			if (r != NULL)
				report(ts, text, p, MSG_IMAGESET, shown, r);
			const char *close =
			    memchr(p + 1, *p, (size_t)(end - p - 1));
			p = close != NULL ? close : end - 1;
		}
	}
}

/* The CSS in p[0..end), of a file whose whole text is text. */
static void
scan_css(const themescan *ts, const char *text, const char *p, const char *end)
{
	while (p < end) {
		int shown;
		const char *r;
		if (end - p >= 2 && p[0] == '/' && p[1] == '*') {
			const char *c = bytes_find_ci(p + 2, end, "*/");
			p = c != NULL ? c + 2 : end;
		} else if (end - p >= 7 && strncasecmp(p, "@import", 7) == 0) {
			const char *v = p + 7;
			while (v < end && isspace((unsigned char)*v))
				v++;
			if (end - v >= 4 && strncasecmp(v, "url(", 4) == 0)
				v += 4;
			if ((r = remote(v, (size_t)(end - v), &shown)) != NULL)
				report(ts, text, p, MSG_IMPORT, shown, r);
			p = v;
		} else if (end - p >= 4 && strncasecmp(p, "url(", 4) == 0) {
			const char *v = p + 4;
			if ((r = remote(v, (size_t)(end - v), &shown)) != NULL)
				report(ts, text, p, MSG_URL, shown, r);
			p = v;
		} else if (end - p >= 10 &&
		           strncasecmp(p, "image-set(", 10) == 0) {
			scan_image_set(ts, text, p + 10, end);
			p += 10;
		} else
			p++;
	}
}

void
themescan_css(const themescan *ts, const char *text, size_t len)
{
	scan_css(ts, text, text, text + len);
}

/* ---- Templates -------------------------------------------------------- */

#define MSG_FETCH                                                              \
	"%.*s loads from another site, which then learns the address of "      \
	"every visitor; copy the file into theme/assets/ and call it by "      \
	"{{assets.NAME}}, or link to the other site with <a href> (a video: "  \
	"a link to its page, not an embedded player)"
#define MSG_SCRIPT                                                             \
	"%.*s runs script on every page, which only site.yaml's "              \
	"'markdown: html_brut: true' allows (dangerous: whoever can commit "   \
	"can then run script in the residents' browsers); remove it from "     \
	"the template"
#define MSG_SCRIPT_FILE                                                        \
	"this file is a script, which runs on the site's pages: only "         \
	"site.yaml's 'markdown: html_brut: true' allows it (dangerous: "       \
	"whoever can commit can then run script in the residents' "            \
	"browsers); remove the file"

struct attr {
	const char *name, *val, *at; /* at: where the attribute starts */
	size_t nlen, vlen;
};

struct tag {
	const char *at, *end; /* '<' and just after '>' */
	const char *name;
	size_t nlen;
	struct attr attrs[MAX_ATTRS];
	size_t nattrs;
};

static bool
is(const char *s, size_t n, const char *word)
{
	return strlen(word) == n && strncasecmp(s, word, n) == 0;
}

static const struct attr *
attr_of(const struct tag *t, const char *name)
{
	for (size_t i = 0; i < t->nattrs; i++)
		if (is(t->attrs[i].name, t->attrs[i].nlen, name))
			return &t->attrs[i];
	return NULL;
}

static size_t
token_len(const char *p, const char *end)
{
	size_t n = 0;
	while (p + n < end && !isspace((unsigned char)p[n]) &&
	       !strchr(">/='\"", p[n]) &&
	       !(p[n] == '{' && p + n + 1 < end && p[n + 1] == '{'))
		n++;
	return n;
}

/* One attribute's value from p (just after '='); returns past it. */
static const char *
read_value(struct attr *a, const char *p, const char *end)
{
	while (p < end && isspace((unsigned char)*p))
		p++;
	if (p < end && (*p == '"' || *p == '\'')) {
		const char *close = memchr(p + 1, *p, (size_t)(end - p - 1));
		a->val = p + 1;
		a->vlen = close != NULL ? (size_t)(close - p - 1)
		                        : (size_t)(end - p - 1);
		return close != NULL ? close + 1 : end;
	}
	a->val = p;
	a->vlen = 0;
	while (p + a->vlen < end && !isspace((unsigned char)p[a->vlen]) &&
	       p[a->vlen] != '>')
		a->vlen++;
	return p + a->vlen;
}

/* The start tag at t->at ('<' then a letter): its name and attributes. */
static void
read_tag(struct tag *t, const char *end)
{
	const char *p = t->at + 1;
	t->name = p;
	t->nlen = token_len(p, end);
	p += t->nlen;
	t->nattrs = 0;
	while (p < end && *p != '>') {
		size_t n;
		if (end - p >= 2 && p[0] == '{' && p[1] == '{')
			p = skip_mustache(p, end);
		else if ((n = token_len(p, end)) == 0)
			p++;
		else {
			struct attr a = {p, "", p, n, 0};
			p += n;
			while (p < end && isspace((unsigned char)*p))
				p++;
			if (p < end && *p == '=')
				p = read_value(&a, p + 1, end);
			if (t->nattrs < MAX_ATTRS)
				t->attrs[t->nattrs++] = a;
		}
	}
	t->end = p < end ? p + 1 : end;
}

/* The attributes by which an element loads something as the page opens
 * (or, for a form, when it is sent). */
static bool
fetches(const struct tag *t, const struct attr *a)
{
	static const char *const pairs[][2] = {
	    {"script", "src"},        {"link", "href"},
	    {"iframe", "src"},        {"frame", "src"},
	    {"img", "src"},           {"img", "srcset"},
	    {"source", "src"},        {"source", "srcset"},
	    {"video", "src"},         {"video", "poster"},
	    {"audio", "src"},         {"track", "src"},
	    {"object", "data"},       {"embed", "src"},
	    {"form", "action"},       {"input", "src"},
	    {"input", "formaction"},  {"image", "href"},
	    {"button", "formaction"}, {"link", "imagesrcset"},
	    {"image", "xlink:href"},  {"use", "href"},
	    {"use", "xlink:href"},    {"feimage", "href"},
	    {"feimage", "xlink:href"}};
	for (size_t i = 0; i < sizeof(pairs) / sizeof(*pairs); i++)
		if (is(t->name, t->nlen, pairs[i][0]) &&
		    is(a->name, a->nlen, pairs[i][1]))
			return true;
	return false;
}

/* A <link> that names a page rather than loading a file. */
static bool
link_names_only(const struct tag *t)
{
	static const char *const rels[] = {"canonical", "alternate", "author",
	                                   "license",   "me",        "next",
	                                   "prev",      "help",      "search"};
	const struct attr *rel = attr_of(t, "rel");
	if (!is(t->name, t->nlen, "link") || rel == NULL)
		return false;
	for (size_t i = 0; i < sizeof(rels) / sizeof(*rels); i++)
		if (is(rel->val, rel->vlen, rels[i]))
			return true;
	return false;
}

/* The address in a's value (a candidate of a srcset) that names another
 * site, or NULL. */
static const char *
remote_value(const struct attr *a, int *shown)
{
	const char *v = a->val, *end = a->val + a->vlen;
	for (;;) {
		const char *r = remote(v, (size_t)(end - v), shown);
		if (r != NULL)
			return r;
		const char *comma = memchr(v, ',', (size_t)(end - v));
		if (comma == NULL || (!is(a->name, a->nlen, "srcset") &&
		                      !is(a->name, a->nlen, "imagesrcset")))
			return NULL;
		v = comma + 1;
	}
}

static void
report_script(const themescan *ts, const char *text, const char *at, int n,
              const char *what)
{
	report(ts, text, at, MSG_SCRIPT, n, what);
}

#define MSG_REFRESH                                                            \
	"%.*s sends every visitor to another site as the page opens, which "   \
	"then learns their address; link to that site with <a href> instead"
#define MSG_PING                                                               \
	"%.*s sends a request to another site at each click on the link, "     \
	"which then learns the visitor's address; remove the ping attribute "  \
	"(the link itself may stay)"
#define MSG_BASE                                                               \
	"%.*s makes every relative address of the page name another site, "    \
	"whose files then load from there; remove the <base> element"

/* Where, in a's value, an address sends the visitor or a request
 * elsewhere without loading a file: <meta http-equiv=refresh
 * content="0;url=…">, <a ping="… …">, <base href>.  NULL if a is none
 * of those; *msg: what to say. */
static const char *
elsewhere(const struct tag *t, const struct attr *a, const char **msg)
{
	const struct attr *equiv = attr_of(t, "http-equiv");
	const char *end = a->val + a->vlen;
	if (is(t->name, t->nlen, "meta") && is(a->name, a->nlen, "content") &&
	    equiv != NULL && is(equiv->val, equiv->vlen, "refresh")) {
		*msg = MSG_REFRESH;
		for (const char *p = a->val; p + 4 <= end; p++)
			if (strncasecmp(p, "url=", 4) == 0)
				return p + 4;
		return NULL;
	}
	*msg = MSG_PING;
	if ((is(t->name, t->nlen, "a") || is(t->name, t->nlen, "area")) &&
	    is(a->name, a->nlen, "ping"))
		return a->val;
	*msg = MSG_BASE;
	return is(t->name, t->nlen, "base") && is(a->name, a->nlen, "href")
	           ? a->val
	           : NULL;
}

/* Reports each address of a's value from v (space-separated, for ping)
 * that names another site, as msg says. */
static void
check_elsewhere(const themescan *ts, const char *text, const struct tag *t,
                const struct attr *a)
{
	const char *msg, *v = elsewhere(t, a, &msg), *end = a->val + a->vlen;
	while (v != NULL && v < end) {
		int shown;
		const char *r;
		v += strspn(v, " \t\n");
		if (v < end && (r = remote(v, (size_t)(end - v), &shown))) {
			char q[160];
			snprintf(q, sizeof(q), "<%.*s %.*s=\"%.*s\">",
			         (int)t->nlen, t->name, (int)a->nlen, a->name,
			         shown, r);
			report(ts, text, a->at, msg, (int)strlen(q), q);
		}
		v += strcspn(v, " \t\n");
	}
}

/* s[0..n) with its character references decoded (&#x73;, &#106,
 * &colon;, &Tab;…), as a browser reads an attribute's value before it
 * uses it: java&#x73;cript: is javascript:.  A named one needs its ';'
 * but the four HTML always knew. */
static void
decode_refs(buf *b, const char *s, size_t n)
{
	static const struct {
		const char *name;
		uint32_t cp;
	} named[] = {{"amp;", '&'},    {"lt;", '<'},    {"gt;", '>'},
	             {"quot;", '"'},   {"apos;", '\''}, {"colon;", ':'},
	             {"sol;", '/'},    {"Tab;", '\t'},  {"NewLine;", '\n'},
	             {"lpar;", '('},   {"rpar;", ')'},  {"period;", '.'},
	             {"comma;", ','},  {"semi;", ';'},  {"num;", '#'},
	             {"equals;", '='}, {"quest;", '?'}, {"percnt;", '%'},
	             {"amp", '&'},     {"lt", '<'},     {"gt", '>'},
	             {"quot", '"'}};
	for (size_t i = 0; i < n;) {
		size_t j = i + 1, k;
		uint32_t cp = 0;
		bool ok = false;
		if (s[i] == '&' && j < n && s[j] == '#') {
			bool hex = ++j < n && (s[j] == 'x' || s[j] == 'X');
			for (k = j += hex;
			     j < n && isxdigit((unsigned char)s[j]); j++) {
				int c = tolower((unsigned char)s[j]);
				if (!hex && !isdigit(c))
					break;
				if (cp < 0x110000)
					cp = cp * (hex ? 16 : 10) +
					     (uint32_t)(isdigit(c)
					                    ? c - '0'
					                    : c - 'a' + 10);
			}
			ok = j > k;
			j += ok && j < n && s[j] == ';';
			if (cp == 0 || cp >= 0x110000 ||
			    (cp >= 0xD800 && cp <= 0xDFFF))
				cp = 0xFFFD;
		} else if (s[i] == '&')
			for (k = 0; !ok && k < sizeof(named) / sizeof(*named);
			     k++) {
				size_t l = strlen(named[k].name);
				ok = n - j >= l &&
				     strncmp(s + j, named[k].name, l) == 0;
				if (ok)
					cp = named[k].cp, j += l;
			}
		if (!ok) {
			buf_putc(b, s[i++]);
			continue;
		}
		utf8_put(b, cp);
		i = j;
	}
}

/* Whether v starts with scheme (lower case, with its ':'), in any case,
 * tabs and newlines in it dropped as a browser does. */
static bool
scheme_is(const char *v, const char *end, const char *scheme)
{
	for (; *scheme != '\0'; v++) {
		if (v >= end)
			return false;
		if (*v != '\t' && *v != '\n' && *v != '\r' &&
		    tolower((unsigned char)*v) != *scheme++)
			return false;
	}
	return true;
}

/* The attributes whose address is opened as a document in the page. */
static bool
opens_document(const struct tag *t, const struct attr *a)
{
	return ((is(t->name, t->nlen, "iframe") ||
	         is(t->name, t->nlen, "frame") ||
	         is(t->name, t->nlen, "embed")) &&
	        is(a->name, a->nlen, "src")) ||
	       (is(t->name, t->nlen, "object") && is(a->name, a->nlen, "data"));
}

/* What of a (its value decoded) runs script, said in q: an on…=
 * handler, a javascript: address, a data: address opened as a document
 * (<iframe src="data:text/html,…">); NULL when none. */
static const char *
runs(const struct tag *t, const struct attr *a, char *q, size_t qn)
{
	const char *end = a->val + a->vlen, *v = lead(a->val, end);
	if (a->nlen > 2 && strncasecmp(a->name, "on", 2) == 0)
		snprintf(q, qn, "%.*s=", (int)(a->nlen < 40 ? a->nlen : 40),
		         a->name);
	else if (scheme_is(v, end, "javascript:"))
		snprintf(q, qn, "javascript:");
	else if (opens_document(t, a) && scheme_is(v, end, "data:") &&
	         !filetype_inert_data_uri(v))
		snprintf(q, qn, "<%.*s %.*s=\"%.*s…\">", (int)t->nlen, t->name,
		         (int)a->nlen, a->name,
		         (int)strcspn(v, ",;\"'") < 40
		             ? (int)strcspn(v, ",;\"'")
		             : 40,
		         v);
	else
		return NULL;
	return q;
}

static void scan_html(const themescan *ts, const char *text, const char *p,
                      const char *end);

/* An <iframe srcdoc>'s document (a's value, decoded): a template in the
 * template, scanned as one, its findings said at the attribute. */
static void
check_srcdoc(const themescan *ts, const char *text, const struct attr *a)
{
	themescan in = *ts;
	if (ts->anchor == NULL)
		in.anchor_text = text, in.anchor = a->at;
	if (++in.depth > MAX_DEPTH)
		return;
	scan_html(&in, a->val, a->val, a->val + a->vlen);
}

/* One attribute, its value read as a browser does (decode_refs()). */
static void
check_attr(const themescan *ts, const char *text, const struct tag *t,
           const struct attr *raw)
{
	int shown;
	buf b = BUF_INIT;
	decode_refs(&b, raw->val, raw->vlen);
	struct attr a = *raw;
	a.val = buf_cstr(&b), a.vlen = b.len;
	check_elsewhere(ts, text, t, &a);
	const char *far;
	if (fetches(t, &a) && !link_names_only(t) &&
	    (far = remote_value(&a, &shown)) != NULL) {
		char q[160];
		snprintf(q, sizeof(q), "<%.*s %.*s=\"%.*s\">", (int)t->nlen,
		         t->name, (int)a.nlen, a.name, shown, far);
		report(ts, text, a.at, MSG_FETCH, (int)strlen(q), q);
	}
	if (is(t->name, t->nlen, "iframe") && is(a.name, a.nlen, "srcdoc"))
		check_srcdoc(ts, text, &a);
	char q[96];
	const char *what = runs(t, &a, q, sizeof(q));
	if (what != NULL && !ts->scripts_ok &&
	    !theirs(ts, t->at, (size_t)(t->end - t->at)))
		report_script(ts, text, a.at, (int)strlen(what), what);
	buf_free(&b);
}

/* A <script> element (t its start tag): reported unless it is data
 * (JSON-LD) or the theme's own; returns past its end tag. */
static const char *
check_script(const themescan *ts, const char *text, const struct tag *t,
             const char *end)
{
	const char *close = bytes_find_ci(t->end, end, "</script");
	const char *after =
	    close != NULL ? memchr(close, '>', (size_t)(end - close)) : NULL;
	after = after != NULL ? after + 1 : end;
	const struct attr *type = attr_of(t, "type");
	bool data =
	    type != NULL && (is(type->val, type->vlen, "application/ld+json") ||
	                     is(type->val, type->vlen, "application/json"));
	if (!data && !ts->scripts_ok &&
	    !theirs(ts, t->at, (size_t)(after - t->at)))
		report_script(ts, text, t->at, 8, "<script>");
	return after;
}

/* One start tag at p; returns where scanning goes on. */
static const char *
scan_tag(const themescan *ts, const char *text, const char *p, const char *end)
{
	struct tag t = {.at = p};
	read_tag(&t, end);
	for (size_t i = 0; i < t.nattrs; i++) {
		check_attr(ts, text, &t, &t.attrs[i]);
		if (is(t.attrs[i].name, t.attrs[i].nlen, "style"))
			scan_css(ts, text, t.attrs[i].val,
			         t.attrs[i].val + t.attrs[i].vlen);
	}
	if (is(t.name, t.nlen, "script"))
		return check_script(ts, text, &t, end);
	if (is(t.name, t.nlen, "style")) {
		const char *close = bytes_find_ci(t.end, end, "</style");
		scan_css(ts, text, t.end, close != NULL ? close : end);
		return close != NULL ? close : end;
	}
	return t.end;
}

/* The template in p[0..end), of a file whose whole text is text. */
static void
scan_html(const themescan *ts, const char *text, const char *p, const char *end)
{
	while (p < end) {
		if (end - p >= 2 && p[0] == '{' && p[1] == '{')
			p = skip_mustache(p, end);
		else if (end - p >= 4 && strncmp(p, "<!--", 4) == 0) {
			const char *c = bytes_find_ci(p + 4, end, "-->");
			p = c != NULL ? c + 3 : end;
		} else if (*p == '<' && end - p >= 2 &&
		           isalpha((unsigned char)p[1]))
			p = scan_tag(ts, text, p, end);
		else
			p++;
	}
}

void
themescan_html(const themescan *ts, const char *text, size_t len)
{
	scan_html(ts, text, text, text + len);
}

void
themescan_script(const themescan *ts, const char *text, size_t len)
{
	if (ts->scripts_ok || (len > 0 && theirs(ts, text, len)))
		return;
	diag_report(ts->d, DIAG_ERROR, ts->file, 1, 1, MSG_SCRIPT_FILE);
}
