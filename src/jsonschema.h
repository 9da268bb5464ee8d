/*
 * jsonschema.h - checks a value tree (json_parse) against a JSON Schema.
 *
 * The network's site reads each member commune's programme.json and must
 * tell a broken one from a good one by the same rules as the published
 * schema (themes/reseau/programme.schema.json) that aggregators and the
 * tests use with Python's jsonschema.  This is the subset of JSON Schema
 * 2020-12 that the schema uses: type, required, properties,
 * additionalProperties, items, enum, const, minimum, maximum, minLength,
 * maxLength, pattern (compiled as a POSIX extended regular expression),
 * format (date, date-time, uri) and $ref to "#/$defs/NAME".  Other
 * keywords are refused when the schema is loaded, so the schema cannot
 * silently say more than fabrique checks.
 */
#ifndef FABRIQUE_JSONSCHEMA_H
#define FABRIQUE_JSONSCHEMA_H

#include <stddef.h>

#include "buf.h"
#include "value.h"

typedef struct jsonschema jsonschema;

/* NULL if the schema uses a keyword this checker does not know, or a
 * pattern that does not compile; *why then says which. */
jsonschema *jsonschema_new(const value *schema, const char **why);
void jsonschema_free(jsonschema *js);

/*
 * Checks doc.  Appends to problems one line per problem, "PATH: what"
 * with PATH a JSON pointer ("/events/3/timings/0/begin"), at most max of
 * them.  Returns the number of problems found (counted beyond max too).
 * Thread-safe: the schema is only read.
 */
size_t jsonschema_check(const jsonschema *js, const value *doc, buf *problems,
                        size_t max);

/*
 * The same, as a reader that follows the format's rule "ignore the members
 * you do not know": a member the schema does not allow (additionalProperties
 * false) is not a problem but its JSON pointer is appended to unknown, one
 * per line, at most max of them.  A newer fabrique may add optional members
 * within one format number; an older reader must still take the file.
 * Returns the number of problems; *nunknown gets the unknown members' count.
 */
size_t jsonschema_check_reader(const jsonschema *js, const value *doc,
                               buf *problems, buf *unknown, size_t max,
                               size_t *nunknown);

#endif
