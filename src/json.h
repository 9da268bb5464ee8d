/*
 * json.h - JSON string literals, for the generated files that browsers
 * read: the search index, the web manifest, the service worker.
 *
 * Only strings need care; the callers write the punctuation themselves.
 * Output is ASCII-safe where it matters: control characters, '<', '>'
 * and '&' are \u-escaped (the text may end up inside a <script>), and so
 * are U+2028 and U+2029, which JavaScript before ES2019 reads as line
 * ends.  Other UTF-8 is copied as is.
 */
#ifndef FABRIQUE_JSON_H
#define FABRIQUE_JSON_H

#include <stddef.h>

#include "arena.h"
#include "buf.h"
#include "value.h"

/* Appends "s" (with its quotes); NULL is written as null. */
void json_string(buf *out, const char *s);
void json_stringn(buf *out, const char *s, size_t n);

/*
 * Appends a value tree as JSON: maps in their order, lists, strings,
 * numbers (integers without a fraction), true/false/null.  indent > 0
 * pretty-prints with that many spaces a level (open data people read),
 * 0 writes it on one line.  The tree must not be cyclic.
 */
void json_value(buf *out, const value *v, int indent);
/* The same for a value written inside others, depth levels down: how a
 * long list is written item by item, each made and freed in turn. */
void json_value_at(buf *out, const value *v, int indent, int depth);

/*
 * Parses a JSON text (RFC 8259) into a value tree allocated in a; every
 * value remembers file:line:col, so a later check can point at it.
 * Strings are UTF-8 (\u escapes decoded, surrogate pairs joined); numbers
 * become VALUE_NUMBER.  Depth is limited (JSON_MAX_DEPTH).  NULL on a
 * syntax error, with *line and *col set and *why naming what is wrong.
 */
#define JSON_MAX_DEPTH 64
value *json_parse(arena *a, const char *file, const char *text, size_t len,
                  unsigned *line, unsigned *col, const char **why);

#endif
