/* Fuzz target: front matter split, then the YAML loader (limits on
 * expansion and depth included) on what it found. */
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "diag.h"
#include "frontmatter.h"
#include "yamldoc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	diag *d = diag_new("en");
	frontmatter_parts fp;
	if (frontmatter_split("f.md", text, size, &fp, d) == 0 && fp.has_yaml) {
		arena *a = arena_new();
		yamldoc_load(a, "f.md", text + fp.yaml_off, fp.yaml_len,
		             fp.yaml_line, d);
		arena_free(a);
	}
	diag_free(d);
	return 0;
}
