/* Fuzz target: the URL encoder.  Any path (bytes up to the first NUL)
 * encodes to URL characters only (unreserved, '/', and %XX with
 * uppercase hex), decodes back to itself, and the component form has no
 * '/'; decoding any text never reads past its length. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "url.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
is_hex_upper(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F');
}

/* Only what url.h promises: unreserved, '/' when allowed, %XX. */
static void
check_chars(const char *s, size_t n, int slash)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '.' ||
		    c == '_' || c == '~' || (slash && c == '/'))
			continue;
		if (c == '%' && i + 2 < n && is_hex_upper(s[i + 1]) &&
		    is_hex_upper(s[i + 2])) {
			i += 2;
			continue;
		}
		abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	size_t len = strlen(s);
	arena *a = arena_new();

	const char *url = url_path(a, s);
	check_chars(url, strlen(url), 1);
	char *back = url_decode(a, url, strlen(url));
	if (strcmp(back, s) != 0)
		abort();

	buf b = BUF_INIT;
	url_put_component(&b, s);
	check_chars(buf_cstr(&b), b.len, 0);
	if (strcmp(url_decode(a, b.data, b.len), s) != 0)
		abort();
	buf_free(&b);

	/* any text, escapes or not, and only its first bytes */
	char *d = url_decode(a, (const char *)data, size);
	if (strlen(d) > len)
		abort();
	(void)url_decode(a, s, len / 2);

	arena_free(a);
	free(s);
	return 0;
}
