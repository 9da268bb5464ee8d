/* Fuzz target: slugs from any text are valid (or empty), and folding
 * never crashes on bad UTF-8. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "slug.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	arena *a = arena_new();
	char *slug = slug_make(a, s);
	if (*slug != '\0' && !slug_is_valid(slug))
		abort();
	slug_is_valid(s);
	buf out = BUF_INIT;
	slug_fold(s, &out);
	buf_free(&out);
	arena_free(a);
	free(s);
	return 0;
}
