/*
 * frontmatter.h - splits a Markdown file into YAML front matter and body.
 *
 * Front matter is the YAML between a first line "---" and the next line
 * "---" (or "..."); a file that does not start with "---" has none.  The
 * body's first line number is kept so Markdown diagnostics point at the
 * right line of the file.  A UTF-8 byte order mark is skipped; CRLF line
 * ends are accepted.
 */
#ifndef FABRIQUE_FRONTMATTER_H
#define FABRIQUE_FRONTMATTER_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

typedef struct frontmatter_parts {
	bool has_yaml;
	size_t yaml_off, yaml_len; /* the YAML text, delimiters excluded */
	unsigned yaml_line;        /* line of the YAML's first line */
	size_t body_off, body_len;
	unsigned body_line;
} frontmatter_parts;

/* Returns 0, or -1 after reporting an unterminated front matter. */
int frontmatter_split(const char *file, const char *text, size_t len,
                      frontmatter_parts *out, diag *d);

#endif
