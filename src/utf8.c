/*
 * utf8.c - strict UTF-8 decoding and encoding (see utf8.h).
 */
#include "utf8.h"

#include <stdbool.h>
#include <string.h>

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

size_t
utf8_encode(char *out, uint32_t c)
{
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xC0 | (c >> 6));
		out[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (char)(0xE0 | (c >> 12));
		out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		out[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (c >> 18));
	out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
	out[3] = (char)(0x80 | (c & 0x3F));
	return 4;
}

void
utf8_put(buf *b, uint32_t c)
{
	if (c < 0x80) {
		buf_putc(b, (int)c);
		return;
	}
	buf_grow(b, 4);
	b->len += utf8_encode(b->data + b->len, c);
	b->data[b->len] = '\0';
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

bool
utf8_is_invisible(uint32_t cp)
{
	return cp == 0xAD || cp == 0x200B || cp == 0x2060 || cp == 0xFEFF;
}

int
utf8_latin_case(uint32_t cp)
{
	if (cp < 0x80)
		return cp >= 'A' && cp <= 'Z'   ? 1
		       : cp >= 'a' && cp <= 'z' ? -1
		                                : 0;
	if (cp >= 0xC0 && cp <= 0xFF && cp != 0xD7 && cp != 0xF7)
		return cp <= 0xDE ? 1 : -1;
	if (cp == 0x130 || cp == 0x178)
		return 1; /* İ, Ÿ */
	if (cp == 0x131 || cp == 0x138 || cp == 0x149 || cp == 0x17F)
		return -1; /* ı, ĸ, ŉ, ſ */
	if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E))
		return cp % 2 == 1 ? 1 : -1; /* Ĺ ĺ … Ň ň, Ź ź … Ž ž */
	if (cp >= 0x100 && cp <= 0x177)
		return cp % 2 == 0 ? 1 : -1; /* Ā ā … Œ œ … Ŷ ŷ */
	return 0;
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

/* XML 1.0's Char production, less the C0 and C1 controls and
 * noncharacters it discourages: U+FFFE in a title must not make the
 * feed or the sitemap ill-formed. */
static bool
xml_char(uint32_t cp)
{
	if (cp < 0x20)
		return cp == '\t' || cp == '\n' || cp == '\r';
	if (cp >= 0x7F && cp <= 0x9F)
		return false;
	if (cp >= 0xD800 && cp <= 0xDFFF)
		return false;
	if (cp >= 0xFDD0 && cp <= 0xFDEF)
		return false;
	return (cp & 0xFFFE) != 0xFFFE && cp <= 0x10FFFF;
}

void
utf8_put_xml(buf *out, const char *s)
{
	size_t len = s != NULL ? strlen(s) : 0;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		if (n == 0) { /* a byte that is not UTF-8: dropped */
			i++;
			continue;
		}
		if (cp == '&' || cp == '<' || cp == '>' || cp == '"' ||
		    cp == '\'')
			buf_put_html(out, s + i, 1);
		else if (xml_char(cp))
			buf_put(out, s + i, n);
		i += n;
	}
}
