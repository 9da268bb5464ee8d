/* Fuzz target: iCalendar escaping and line folding.  Every output line
 * holds at most 75 octets before its CRLF (RFC 5545 3.1). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "ics.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_lines(const buf *b)
{
	size_t start = 0;
	for (size_t i = 0; i + 1 < b->len; i++)
		if (b->data[i] == '\r' && b->data[i + 1] == '\n') {
			if (i - start > 75)
				abort();
			start = i + 2;
		}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	buf esc = BUF_INIT, out = BUF_INIT;
	buf_puts(&esc, "SUMMARY:");
	ics_escape_text(&esc, s);
	ics_line(&out, esc.data, esc.len);
	check_lines(&out);
	buf_free(&out);
	ics_line(&out, (const char *)data, size);
	check_lines(&out);
	buf_free(&out);
	buf_free(&esc);
	free(s);
	return 0;
}
