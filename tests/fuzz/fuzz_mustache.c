/* Fuzz target: the input is a template set: "t" and, after the first
 * newline, also a partial "p"; both compiled, then "t" rendered with a
 * little data (the work bound of MST_MAX_STEPS applies). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "mustache.h"
#include "value.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	diag *d = diag_new("en");
	arena *a = arena_new();
	mustache_set *set = mustache_set_new();
	const char *nl = memchr(text, '\n', size);
	size_t plen = nl != NULL ? size - (size_t)(nl + 1 - text) : 0;
	mustache_set_add(set, "p", "p.mustache", nl ? nl + 1 : "", plen, d);
	if (mustache_set_add(set, "t", "t.mustache", text, size, d) == 0) {
		value *m = value_map(a);
		value_set_str(a, m, "x", "<a&b>");
		value *l = value_list(a);
		value_push(a, l, value_string(a, "un"));
		value_push(a, l, value_map(a));
		value_set(a, m, "l", l);
		value_set(a, m, "b", value_bool(a, true));
		buf out = BUF_INIT;
		mustache_render(set, "t", m, &out, d);
		buf_free(&out);
	}
	mustache_set_free(set);
	arena_free(a);
	diag_free(d);
	return 0;
}
