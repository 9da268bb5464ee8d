/*
 * buf.h - growable byte buffer.
 *
 * The one place output is accumulated before it is written: rendered
 * Markdown, rendered templates, generated files.  The struct is public
 * because it is a plain value type (like cmark's strbuf); data is always
 * NUL-terminated once anything was written, and owned by the buf until
 * buf_detach().
 */
#ifndef FABRIQUE_BUF_H
#define FABRIQUE_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct buf {
	char *data;
	size_t len, cap;
} buf;

#define BUF_INIT                                                               \
	{                                                                      \
		NULL, 0, 0                                                     \
	}

void buf_init(buf *b);
void buf_free(buf *b);
void buf_reset(buf *b); /* len = 0, keeps the memory */
void buf_grow(buf *b, size_t extra);
void buf_put(buf *b, const void *data, size_t len);
void buf_puts(buf *b, const char *s);
void buf_printf(buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void buf_vprintf(buf *b, const char *fmt, va_list ap);
/* v in decimal, zero-padded to width digits, as "%0*lld" writes it,
 * without printf's cost (the dates and times of calendars). */
void buf_put_digits(buf *b, long long v, int width);
/* Inline: output is often made a character at a time (escapers). */
static inline void
buf_putc(buf *b, int c)
{
	if (b->len + 2 > b->cap)
		buf_grow(b, 1);
	b->data[b->len++] = (char)c;
	b->data[b->len] = '\0';
}
/* HTML-escapes & < > " ' (the Mustache spec set). */
void buf_put_html(buf *b, const char *s, size_t len);
/* Hands the NUL-terminated data to the caller (free() it); b is reset. */
char *buf_detach(buf *b, size_t *len);
/* Empty string rather than NULL when nothing was written. */
const char *buf_cstr(buf *b);

#endif
