#include "json.h"

#include <string.h>

void
json_stringn(buf *out, const char *s, size_t n)
{
	buf_putc(out, '"');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\') {
			buf_putc(out, '\\');
			buf_putc(out, c);
		} else if (c == '\n') {
			buf_puts(out, "\\n");
		} else if (c < 0x20 || c == '<' || c == '>' || c == '&') {
			buf_printf(out, "\\u%04x", c);
		} else if (c == 0xE2 && i + 2 < n &&
		           (unsigned char)s[i + 1] == 0x80 &&
		           ((unsigned char)s[i + 2] == 0xA8 ||
		            (unsigned char)s[i + 2] == 0xA9)) {
			buf_printf(out, "\\u20%02x",
			           (unsigned char)s[i + 2] == 0xA8 ? 0x28
			                                           : 0x29);
			i += 2;
		} else {
			buf_putc(out, c);
		}
	}
	buf_putc(out, '"');
}

void
json_string(buf *out, const char *s)
{
	if (s == NULL)
		buf_puts(out, "null");
	else
		json_stringn(out, s, strlen(s));
}
