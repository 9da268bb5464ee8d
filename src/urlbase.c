/*
 * urlbase.c - the base path of a site published under a path, and the
 * one pass that puts it before the addresses a page writes to its own
 * site.  See urlbase.h for why the model keeps paths from the root.
 */
#include "urlbase.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

const char *
urlbase_of(arena *a, const char *url)
{
	const char *host = url ? strstr(url, "://") : NULL;
	const char *p = host ? strchr(host + 3, '/') : NULL;
	size_t n = p ? strcspn(p, "?#") : 0;
	while (n > 0 && p[n - 1] == '/')
		n--;
	return n > 0 ? arena_strndup(a, p, n) : "";
}

const char *
urlbase_folder(arena *a, const char *url)
{
	const char *host = url ? strstr(url, "://") : NULL;
	const char *p = host ? strchr(host + 3, '/') : NULL;
	if (p == NULL)
		return NULL;
	size_t n = strcspn(p, "?#"), last = n;
	while (last > 0 && p[last - 1] != '/')
		last--;
	bool file = memchr(p + last, '.', n - last) != NULL;
	if (!file && p[n] == '\0')
		return NULL;
	size_t keep = file ? last : n;
	const char *slash = keep > 0 && p[keep - 1] == '/' ? "" : "/";
	return arena_printf(a, "%.*s%s", (int)(p - url + keep), url, slash);
}

const char *
urlbase_origin(arena *a, const char *url)
{
	const char *host = strstr(url, "://");
	const char *p = host ? strchr(host + 3, '/') : NULL;
	return p ? arena_strndup(a, url, (size_t)(p - url)) : url;
}

const char *
urlbase_uid_origin(arena *a, const char *url)
{
	const char *h = url ? strstr(url, "://") : NULL;
	h = h ? h + 3 : url ? url : "";
	return arena_printf(a, "%.*s%s", (int)strcspn(h, "/:?#"), h,
	                    urlbase_of(a, url));
}

const char *
urlbase_uid_host(arena *a, const char *url)
{
	const char *h = url ? strstr(url, "://") : NULL;
	h = h ? h + 3 : url ? url : "";
	return arena_strndup(a, h, strcspn(h, "/:?#"));
}

const char *
urlbase_webcal(arena *a, const char *url, const char *path)
{
	const char *h = url != NULL ? strstr(url, "://") : NULL;
	if (h == NULL)
		return NULL;
	size_t n = strlen(h);
	while (n > 3 && h[n - 1] == '/')
		n--;
	return arena_printf(a, "webcal%.*s%s", (int)n, h, path);
}

const char *
urlbase_uid(arena *a, const char *id, const char *where, size_t slot)
{
	char n[32] = "";
	if (slot > 0)
		snprintf(n, sizeof(n), "/creneau-%zu", slot);
	if (where == NULL)
		return arena_printf(a, "%s%s", id, n);
	return arena_printf(a, "%s%s@%s", id, n, where);
}

const char *
urlbase_uid_slot(arena *a, const char *uid, size_t slot)
{
	const char *at = strrchr(uid, '@');
	if (at == NULL)
		return urlbase_uid(a, uid, NULL, slot);
	return urlbase_uid(a, arena_strndup(a, uid, (size_t)(at - uid)), at + 1,
	                   slot);
}

/* Does host (n bytes) end with the label suffix ("example" matches
 * "x.example", "example" and "x.example.")? */
static bool
has_tld(const char *host, size_t n, const char *suffix)
{
	size_t sn = strlen(suffix);
	n -= n > 0 && host[n - 1] == '.';
	return n >= sn && strncasecmp(host + n - sn, suffix, sn) == 0 &&
	       (n == sn || host[n - sn - 1] == '.');
}

/* A dotted IPv4 address (n bytes) of this computer or of a private
 * network, where no visitor from the Internet can come. */
static bool
is_private_ip(const char *h, size_t n)
{
	unsigned a = 0, b = 0;
	int used = 0;
	char ip[16];
	if (n == 0 || n >= sizeof ip || strspn(h, "0123456789.") < n)
		return false;
	memcpy(ip, h, n);
	ip[n] = '\0';
	if (sscanf(ip, "%u.%u.%*u.%*u%n", &a, &b, &used) < 2 ||
	    (size_t)used != n)
		return false;
	return a == 127 || a == 10 || a == 0 || (a == 192 && b == 168) ||
	       (a == 172 && b >= 16 && b <= 31) || (a == 169 && b == 254);
}

/* url's host (*hn bytes, port and user left out), NULL without "://". */
static const char *
host_of(const char *url, size_t *hn)
{
	const char *h = strstr(url, "://");
	if (h == NULL)
		return NULL;
	h += 3;
	const char *at = memchr(h, '@', strcspn(h, "/?#"));
	h = at != NULL ? at + 1 : h; /* user:password@ */
	size_t n = h[0] == '[' ? strcspn(h, "]/?#") : strcspn(h, ":/?#");
	n += h[0] == '[' && h[n] == ']';
	*hn = n;
	return h;
}

/* Is host h (n bytes) one of the names RFC 2606 keeps for examples and
 * tests, which no one can register? */
static bool
is_example_name(const char *h, size_t n)
{
	static const char *const reserved[] = {"example",     "test",
	                                       "invalid",     "example.com",
	                                       "example.net", "example.org"};
	for (size_t i = 0; i < sizeof reserved / sizeof *reserved; i++)
		if (has_tld(h, n, reserved[i]))
			return true;
	return false;
}

const char *
urlbase_not_public(const char *url, size_t *hn)
{
	const char *h = host_of(url, hn);
	if (h == NULL)
		return NULL;
	size_t n = *hn;
	if (is_example_name(h, n) || has_tld(h, n, "localhost") ||
	    has_tld(h, n, "local") || has_tld(h, n, "internal"))
		return h;
	if (is_private_ip(h, n) || (n == 5 && strncmp(h, "[::1]", 5) == 0))
		return h;
	return NULL;
}

bool
urlbase_is_example(const char *url)
{
	size_t n;
	const char *h = host_of(url, &n);
	return h != NULL && is_example_name(h, n);
}

const char *
urlbase_remote(const char *s, size_t *hn, const char **name, size_t *nn)
{
	const char *h = strstr(s, "://");
	if (h != NULL && strcspn(s, ":/?#") == (size_t)(h - s))
		h += 3;
	else if (strncmp(s, "//", 2) == 0)
		h = s + 2;
	else
		return NULL;
	*hn = strcspn(h, "/?#");
	size_t end = strcspn(h, "?#");
	const char *n = h + end;
	while (n > h + *hn && n[-1] != '/')
		n--;
	*name = n;
	*nn = (size_t)(h + end - n);
	return h;
}

static bool
under_n(const char *base, size_t bl, const char *v, size_t n)
{
	return bl > 0 && n >= bl && memcmp(v, base, bl) == 0 &&
	       (n == bl || v[bl] == '/' || v[bl] == '?' || v[bl] == '#');
}

bool
urlbase_under(const char *base, const char *path)
{
	return under_n(base, strlen(base), path, strlen(path));
}

/* Does the address v (n bytes) need the base: a path from the root
 * ("/x", not "//host/x"), not under the base already? */
static bool
wants_base(const char *base, size_t bl, const char *v, size_t n)
{
	return bl > 0 && n > 0 && v[0] == '/' && (n == 1 || v[1] != '/') &&
	       !under_n(base, bl, v, n);
}

const char *
urlbase_path(arena *a, const char *base, const char *path)
{
	size_t bl = strlen(base);
	if (!wants_base(base, bl, path, strlen(path)))
		return path;
	return arena_printf(a, "%s%s", base, path);
}

/* Copying html to out while inserting the base at chosen offsets. */
struct pass {
	buf *out;
	const char *html;
	size_t done; /* bytes of html copied so far */
	const char *base;
	size_t bl;
};

/* The address at html[at], ending before end, gets the base if it
 * wants it. */
static void
address(struct pass *ps, size_t at, size_t end)
{
	if (!wants_base(ps->base, ps->bl, ps->html + at, end - at))
		return;
	buf_put(ps->out, ps->html + ps->done, at - ps->done);
	buf_put(ps->out, ps->base, ps->bl);
	ps->done = at;
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* "url1 480w, url2 960w": each url. */
static void
srcset(struct pass *ps, size_t p, size_t end)
{
	const char *h = ps->html;
	while (p < end) {
		while (p < end && (is_space(h[p]) || h[p] == ','))
			p++;
		size_t start = p;
		while (p < end && !is_space(h[p]) && h[p] != ',')
			p++;
		if (p > start)
			address(ps, start, p);
		while (p < end && h[p] != ',')
			p++;
	}
}

/* A meta refresh's "0; url=/x/": the address after url=. */
static void
refresh(struct pass *ps, size_t p, size_t end)
{
	const char *h = ps->html;
	while (p < end && h[p] >= '0' && h[p] <= '9')
		p++;
	if (p == end || h[p] != ';')
		return;
	for (p++; p < end && is_space(h[p]); p++)
		;
	if (end - p < 4 || strncasecmp(h + p, "url=", 4) != 0)
		return;
	p += 4;
	if (p < end && (h[p] == '\'' || h[p] == '"'))
		p++;
	address(ps, p, end);
}

static bool
named(const char *s, size_t n, const char *name)
{
	return strlen(name) == n && strncasecmp(s, name, n) == 0;
}

/* The attribute name (nl bytes) whose value is html[vs..ve). */
static void
attribute(struct pass *ps, const char *name, size_t nl, size_t vs, size_t ve)
{
	static const char *const one[] = {"href",   "src",        "action",
	                                  "poster", "formaction", "data-index"};
	for (size_t i = 0; i < sizeof(one) / sizeof(*one); i++)
		if (named(name, nl, one[i])) {
			address(ps, vs, ve);
			return;
		}
	if (named(name, nl, "srcset"))
		srcset(ps, vs, ve);
	else if (named(name, nl, "content"))
		refresh(ps, vs, ve);
}

/* The attributes of the tag whose name ends at p; returns the offset
 * after its '>' (or n). */
static size_t
attributes(struct pass *ps, size_t p, size_t n)
{
	const char *h = ps->html;
	for (;;) {
		while (p < n && (is_space(h[p]) || h[p] == '/'))
			p++;
		if (p >= n || h[p] == '>')
			return p < n ? p + 1 : n;
		size_t ns = p;
		while (p < n && !is_space(h[p]) && h[p] != '=' && h[p] != '>' &&
		       h[p] != '/')
			p++;
		size_t nl = p - ns;
		while (p < n && is_space(h[p]))
			p++;
		if (p >= n || h[p] != '=') {
			if (nl == 0)
				p++; /* a stray byte: step over it */
			continue;
		}
		for (p++; p < n && is_space(h[p]); p++)
			;
		size_t vs = p, ve;
		if (p < n && (h[p] == '"' || h[p] == '\'')) {
			const char *q = memchr(h + p + 1, h[p], n - p - 1);
			vs = p + 1;
			ve = q ? (size_t)(q - h) : n;
			p = ve < n ? ve + 1 : n;
		} else {
			while (p < n && !is_space(h[p]) && h[p] != '>')
				p++;
			ve = p;
		}
		attribute(ps, h + ns, nl, vs, ve);
	}
}

/* Offset of the first "</name" at or after p, case aside (or n). */
static size_t
closing(const char *h, size_t p, size_t n, const char *name, size_t nl)
{
	for (; p + 2 + nl <= n; p++)
		if (h[p] == '<' && h[p + 1] == '/' &&
		    strncasecmp(h + p + 2, name, nl) == 0)
			return p;
	return n;
}

static bool
is_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

void
urlbase_html(buf *out, const char *html, size_t n, const char *base)
{
	struct pass ps = {out, html, 0, base, strlen(base)};
	size_t p = 0;
	while (ps.bl > 0 && p < n) {
		const char *lt = memchr(html + p, '<', n - p);
		if (lt == NULL)
			break;
		p = (size_t)(lt - html);
		if (n - p >= 4 && memcmp(lt, "<!--", 4) == 0) {
			const char *end = NULL;
			for (size_t k = p + 4; k + 3 <= n && !end; k++)
				if (memcmp(html + k, "-->", 3) == 0)
					end = html + k;
			p = end ? (size_t)(end - html) + 3 : n;
			continue;
		}
		if (p + 1 >= n || !is_letter(html[p + 1])) {
			p++;
			continue;
		}
		size_t ns = p + 1, ne = ns;
		while (ne < n && !is_space(html[ne]) && html[ne] != '>' &&
		       html[ne] != '/')
			ne++;
		p = attributes(&ps, ne, n);
		if (named(html + ns, ne - ns, "script") ||
		    named(html + ns, ne - ns, "style"))
			p = closing(html, p, n, html + ns, ne - ns);
	}
	buf_put(out, html + ps.done, n - ps.done);
}
