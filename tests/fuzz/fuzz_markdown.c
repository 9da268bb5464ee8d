/* Fuzz target: Markdown to HTML with French typography, headings' table
 * of contents and a link resolver that rewrites, keeps or refuses. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "markdown.h"
#include "value.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *
resolve(void *ctx, const char *dest, bool is_image, unsigned line, unsigned col)
{
	diag *d = ctx;
	(void)is_image;
	if (strstr(dest, "..") != NULL) {
		diag_report(d, DIAG_ERROR, "f.md", line, col, "refused %s",
		            dest);
		return NULL;
	}
	return dest[0] == 'a' ? "/ateliers/x/" : dest;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	diag *d = diag_new("en");
	arena *a = arena_new();
	buf out = BUF_INIT;
	markdown_opts o = {.french = true,
	                   .file = "f.md",
	                   .first_line = 1,
	                   .resolve = resolve,
	                   .resolve_ctx = d,
	                   .page_title = true,
	                   .toc = value_list(a)};
	markdown_render((const char *)data, size, &o, a, &out, d);
	buf_free(&out);
	markdown_plain_text((const char *)data, size, NULL, &out);
	buf_free(&out);
	arena_free(a);
	diag_free(d);
	return 0;
}
