/*
 * textenc.h - a content file saved in another encoding than UTF-8, said
 * once with its cause and fix.
 *
 * Editors on Windows save UTF-16 (Notepad's "Unicode") or Windows-1252
 * (its "ANSI"): read as UTF-8 the first gives a cascade of unrelated
 * messages (no header, missing title…) and the second French letters
 * published as U+FFFD.  One error per file, naming the encoding utf8.c
 * recognised and the Notepad menu that fixes it, is what helps.
 */
#ifndef FABRIQUE_TEXTENC_H
#define FABRIQUE_TEXTENC_H

#include <stddef.h>

#include "diag.h"

/*
 * If text (its first line being line first_line of file) is not UTF-8,
 * reports one error saying what it was saved as and how to save it as
 * UTF-8, and returns -1; else 0.
 */
int textenc_check(const char *file, const char *text, size_t len,
                  unsigned first_line, diag *d);

/*
 * The one step every content file goes through before it is parsed, so
 * that each check runs once per file: a page whole (front matter and
 * body), a YAML file whole (yamldoc_load()).  Readable text is UTF-8
 * (textenc_check()) and holds no conflict marks git left after a failed
 * merge (conflictmark.h).  Reports the first problem and returns -1;
 * else 0.
 */
int textenc_readable(const char *file, const char *text, size_t len,
                     unsigned first_line, diag *d);

#endif
