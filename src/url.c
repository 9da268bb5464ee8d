/*
 * url.c - percent-encoding of the URLs fabrique writes, and decoding of
 * the ones editors write in links.  See url.h for why there is only one.
 */
#include "url.h"
#include "bytes.h"

#include <stdbool.h>
#include <string.h>

static bool
unreserved(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
	       c == '~';
}

/* Runs of octets kept as they are copied whole, not one by one: every
 * workshop's mailto link encodes its subject and body at every build. */
static void
put(buf *b, const char *s, bool keep_slash)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		const unsigned char *run = p;
		while (*p && (unreserved(*p) || (keep_slash && *p == '/')))
			p++;
		if (p > run)
			buf_put(b, run, (size_t)(p - run));
		if (*p == '\0')
			break;
		char esc[3] = {'%', hex[*p >> 4], hex[*p & 15]};
		buf_put(b, esc, sizeof(esc));
		p++;
	}
}

void
url_put_path(buf *b, const char *path)
{
	put(b, path, true);
}

void
url_put_component(buf *b, const char *s)
{
	put(b, s, false);
}

const char *
url_path(arena *a, const char *path)
{
	const unsigned char *p = (const unsigned char *)path;
	while (*p && (unreserved(*p) || *p == '/'))
		p++;
	if (*p == '\0') /* nearly every URL: nothing to encode */
		return path;
	buf b = BUF_INIT;
	url_put_path(&b, path);
	const char *s = arena_strndup(a, buf_cstr(&b), b.len);
	buf_free(&b);
	return s;
}

char *
url_decode(arena *a, const char *s, size_t n)
{
	char *out = arena_alloc(a, n + 1), *o = out;
	for (size_t i = 0; i < n; i++) {
		int hi = s[i] == '%' && i + 2 < n ? bytes_hexval(s[i + 1]) : -1;
		int lo = hi >= 0 ? bytes_hexval(s[i + 2]) : -1;
		if (lo >= 0 && (hi | lo) != 0) {
			*o++ = (char)(hi << 4 | lo);
			i += 2;
		} else
			*o++ = s[i];
	}
	*o = '\0';
	return out;
}
