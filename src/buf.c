#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

void
buf_init(buf *b)
{
	b->data = NULL;
	b->len = b->cap = 0;
}

void
buf_free(buf *b)
{
	free(b->data);
	buf_init(b);
}

void
buf_reset(buf *b)
{
	b->len = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

void
buf_grow(buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;
	if (need <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 256;
	while (cap < need)
		cap *= 2;
	b->data = xrealloc(b->data, cap);
	b->cap = cap;
}

void
buf_put(buf *b, const void *data, size_t len)
{
	buf_grow(b, len);
	if (len > 0)
		memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
}

void
buf_puts(buf *b, const char *s)
{
	buf_put(b, s, strlen(s));
}

void
buf_put_digits(buf *b, long long v, int width)
{
	char d[24];
	int n = 0;
	if (v < 0 || width > 20) {
		buf_printf(b, "%0*lld", width, v);
		return;
	}
	do
		d[n++] = (char)('0' + v % 10);
	while ((v /= 10) > 0);
	while (n < width)
		d[n++] = '0';
	buf_grow(b, (size_t)n);
	while (n > 0)
		buf_putc(b, d[--n]);
}

/*
 * Formatted straight into the free tail when it fits: one vsnprintf,
 * not two (measure, then write), for the many short texts written
 * into a buffer that has room (44,000 a 1,000-page build); none for a
 * format that only joins strings (arena_format_plain()).
 */
void
buf_vprintf(buf *b, const char *fmt, va_list ap)
{
	size_t room = b->data != NULL ? b->cap - b->len : 0;
	int plain = arena_format_plain(room > 0 ? b->data + b->len : NULL, room,
	                               fmt, ap);
	if (plain >= 0) {
		if (plain == 0)
			return; /* nothing, and no memory taken for it */
		if ((size_t)plain >= room) {
			buf_grow(b, (size_t)plain);
			arena_format_plain(b->data + b->len, (size_t)plain + 1,
			                   fmt, ap);
		}
		b->len += (size_t)plain;
		return;
	}
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(room > 0 ? b->data + b->len : NULL, room, fmt, ap2);
	va_end(ap2);
	if (n >= 0 && (size_t)n < room) {
		b->len += (size_t)n;
		return;
	}
	if (room > 0)
		b->data[b->len] = '\0'; /* what did not fit is not kept */
	if (n <= 0)
		return;
	buf_grow(b, (size_t)n);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void
buf_printf(buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

/* Which escape of ESC an octet needs, 0 for none. */
static const unsigned char HTML_SPECIAL[256] = {
    ['&'] = 1, ['<'] = 2, ['>'] = 3, ['"'] = 4, ['\''] = 5,
};
static const struct {
	const char *s;
	size_t len;
} ESC[] = {{"", 0},     {"&amp;", 5},  {"&lt;", 4},
           {"&gt;", 4}, {"&quot;", 6}, {"&#39;", 5}};

/* Every value a template prints goes through here: runs without a
 * special character are found with a table and copied whole. */
void
buf_put_html(buf *b, const char *s, size_t len)
{
	size_t start = 0;
	buf_grow(b, len);
	for (size_t i = 0; i < len; i++) {
		unsigned k = HTML_SPECIAL[(unsigned char)s[i]];
		if (k == 0)
			continue;
		buf_put(b, s + start, i - start);
		buf_put(b, ESC[k].s, ESC[k].len);
		start = i + 1;
	}
	buf_put(b, s + start, len - start);
}

char *
buf_detach(buf *b, size_t *len)
{
	if (b->data == NULL)
		buf_grow(b, 0), b->data[0] = '\0';
	char *p = b->data;
	if (len != NULL)
		*len = b->len;
	buf_init(b);
	return p;
}

const char *
buf_cstr(buf *b)
{
	return b->data != NULL ? b->data : "";
}
