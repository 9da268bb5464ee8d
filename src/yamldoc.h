/*
 * yamldoc.h - YAML (front matter, site.yaml) into a positioned value tree.
 *
 * Built on libyaml's event parser.  Every node keeps its file, line and
 * column (shifted by first_line, so front matter inside a Markdown file
 * reports lines of that file).  Scalars stay strings: typing is the
 * schema's business.  Refused, with an error at the offending position:
 * text that is not readable (yamldoc_load(): not UTF-8, git conflict
 * marks), YAML syntax errors (libyaml's message), duplicate keys,
 * non-scalar keys, more than one document, and alias use that would expand
 * past YAMLDOC_MAX_EXPANSION nodes (the "billion laughs" attack).  Aliases
 * share the anchored node rather than copying it.
 */
#ifndef FABRIQUE_YAMLDOC_H
#define FABRIQUE_YAMLDOC_H

#include <stddef.h>

#include "arena.h"
#include "diag.h"
#include "value.h"

#define YAMLDOC_MAX_EXPANSION 100000
#define YAMLDOC_MAX_DEPTH 64

/*
 * Loads one YAML file (site.yaml, an edition, a schema): its text found
 * readable first (textenc_readable(): UTF-8, no git conflict marks),
 * then parsed by yamldoc_parse().
 */
value *yamldoc_load(arena *a, const char *file, const char *text, size_t len,
                    unsigned first_line, diag *d);

/*
 * Parses one YAML document, text already found readable with the whole
 * file holding it (a page's front matter: its page is checked once, as
 * a whole, site_load.c).  file is kept by reference in the values'
 * positions: it must outlive them (arena or static).  An empty document
 * yields an empty map.  Returns NULL after reporting errors to d.
 */
value *yamldoc_parse(arena *a, const char *file, const char *text, size_t len,
                     unsigned first_line, diag *d);

#endif
