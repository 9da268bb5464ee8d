/*
 * utf8.c - strict UTF-8 decoding and encoding (see utf8.h).
 */
#include "utf8.h"

size_t
utf8_decode(const char *text, size_t len, uint32_t *cp)
{
	static const uint32_t min[] = {0, 0, 0x80, 0x800, 0x10000};
	const unsigned char *s = (const unsigned char *)text;
	if (len == 0)
		return 0;
	unsigned c = s[0];
	size_t n = c < 0x80                 ? 1
	           : c >= 0xC2 && c <= 0xDF ? 2
	           : c >= 0xE0 && c <= 0xEF ? 3
	           : c >= 0xF0 && c <= 0xF4 ? 4
	                                    : 0;
	if (n == 0 || n > len)
		return 0;
	uint32_t v = n == 1 ? c : c & (0x7Fu >> n);
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3F);
	}
	if (v < min[n] || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	*cp = v;
	return n;
}

void
utf8_put(buf *b, uint32_t c)
{
	if (c < 0x80) {
		buf_putc(b, (int)c);
	} else if (c < 0x800) {
		buf_putc(b, (int)(0xC0 | (c >> 6)));
		buf_putc(b, (int)(0x80 | (c & 0x3F)));
	} else if (c < 0x10000) {
		buf_putc(b, (int)(0xE0 | (c >> 12)));
		buf_putc(b, (int)(0x80 | ((c >> 6) & 0x3F)));
		buf_putc(b, (int)(0x80 | (c & 0x3F)));
	} else {
		buf_putc(b, (int)(0xF0 | (c >> 18)));
		buf_putc(b, (int)(0x80 | ((c >> 12) & 0x3F)));
		buf_putc(b, (int)(0x80 | ((c >> 6) & 0x3F)));
		buf_putc(b, (int)(0x80 | (c & 0x3F)));
	}
}

int
utf8_check(const char *text, size_t len, unsigned *line, unsigned *col)
{
	unsigned l = 1, c = 1;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = utf8_decode(text + i, len - i, &cp);
		if (n == 0) {
			*line = l;
			*col = c;
			return 0;
		}
		if (cp == '\n')
			l++, c = 1;
		else
			c++;
		i += n;
	}
	return 1;
}

size_t
utf8_chars(const char *s)
{
	size_t n = 0;
	for (; *s != '\0'; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

size_t
utf8_seq_len(unsigned char c)
{
	return c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
}

size_t
utf8_cut(const char *s, size_t n)
{
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return n;
}
