/*
 * conflictmark.h - finds the marks git leaves in a file when two edits of
 * the same lines could not be merged ("<<<<<<< HEAD", "=======",
 * ">>>>>>> a1b2c3"), so that a file committed as it was after a failed
 * "git pull" is refused instead of published.
 *
 * Editors who are not developers do commit such files: in Markdown the
 * "=======" line makes a heading of the first version and the ">>>>>>>"
 * line nested quotes, and the YAML parser's own error says nothing of a
 * conflict.  Only the three marks in their order make a conflict: a line
 * of "=" alone is also Markdown's underline of a heading.
 */
#ifndef FABRIQUE_CONFLICTMARK_H
#define FABRIQUE_CONFLICTMARK_H

#include <stddef.h>

#include "diag.h"

/*
 * If text (its first line being line first_line of file) holds a conflict
 * ("<<<<<<<" line, then "=======", then ">>>>>>>"), reports an error at
 * the first mark naming the lines to resolve and returns -1; else 0.
 */
int conflictmark_check(const char *file, const char *text, size_t len,
                       unsigned first_line, diag *d);

#endif
