#define _GNU_SOURCE /* memmem */
/*
 * conflictmark.c - git's conflict marks left in a committed file.
 */
#include "conflictmark.h"

#include <string.h>

enum mark { MARK_NONE, MARK_OURS, MARK_SPLIT, MARK_THEIRS };

/* Which mark the line p..eol is: seven '<' or '>' then a space or the
 * line's end, or seven '=' alone (a CR before the line end allowed). */
static enum mark
mark_of(const char *p, const char *eol)
{
	if (eol > p && eol[-1] == '\r')
		eol--;
	size_t n = (size_t)(eol - p);
	if (n < 7)
		return MARK_NONE;
	char c = p[0];
	if (c != '<' && c != '=' && c != '>')
		return MARK_NONE;
	for (size_t i = 1; i < 7; i++)
		if (p[i] != c)
			return MARK_NONE;
	if (c == '=')
		return n == 7 ? MARK_SPLIT : MARK_NONE;
	if (n > 7 && p[7] != ' ')
		return MARK_NONE;
	return c == '<' ? MARK_OURS : MARK_THEIRS;
}

int
conflictmark_check(const char *file, const char *text, size_t len,
                   unsigned first_line, diag *d)
{
	/* most files have no line of '=' at all: one fast search for them */
	if (memmem(text, len, "\n=======", 8) == NULL)
		return 0;
	const char *end = text + len;
	unsigned line = first_line, ours = 0, split = 0;
	for (const char *p = text; p < end; line++) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		eol = eol != NULL ? eol : end;
		enum mark m = mark_of(p, eol);
		if (m == MARK_OURS)
			ours = line, split = 0;
		else if (m == MARK_SPLIT && ours != 0)
			split = line;
		else if (m == MARK_THEIRS && split != 0) {
			diag_report(
			    d, DIAG_ERROR, file, ours, 1,
			    "git's conflict marks were left in this "
			    "file (lines %u to %u): two edits of the same "
			    "lines could not be merged; keep one of the "
			    "two versions and delete the lines '<<<<<<<', "
			    "'=======' and '>>>>>>>'",
			    ours, line);
			return -1;
		}
		p = eol + 1;
	}
	return 0;
}
