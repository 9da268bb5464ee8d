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

#include "buf.h"

/* Appends "s" (with its quotes); NULL is written as null. */
void json_string(buf *out, const char *s);
void json_stringn(buf *out, const char *s, size_t n);

#endif
