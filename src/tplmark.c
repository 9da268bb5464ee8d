/*
 * tplmark.c - a theme template's version marker, and copies of templates
 * older than the markers.  See tplmark.h.
 */
#include "tplmark.h"

#include <string.h>

#define MARK_OPEN "{{!"
#define MARK_WORD "fabrique:"

static size_t
skip_blanks(const char *s, size_t i, size_t end)
{
	while (i < end && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i;
}

bool
tplmark_read(const char *text, size_t len, tplmark *m)
{
	const char *nl = memchr(text, '\n', len);
	size_t end = nl ? (size_t)(nl - text) : len;
	if (end > 0 && text[end - 1] == '\r')
		end--;
	m->linelen = end;
	if (end < 4 || memcmp(text, MARK_OPEN, 3) != 0)
		return false;
	size_t i = skip_blanks(text, 3, end);
	if (end - i < sizeof(MARK_WORD) - 1 ||
	    memcmp(text + i, MARK_WORD, sizeof(MARK_WORD) - 1) != 0)
		return false;
	i += sizeof(MARK_WORD) - 1;
	m->name = text + i;
	while (i < end && text[i] != ' ' && text[i] != '\t' && text[i] != '}')
		i++;
	m->namelen = (size_t)(text + i - m->name);
	i = skip_blanks(text, i, end);
	if (m->namelen == 0 || i >= end || text[i] < '0' || text[i] > '9')
		return false;
	m->version = 0;
	for (; i < end && text[i] >= '0' && text[i] <= '9'; i++) {
		if (m->version > 100000000UL)
			return false;
		m->version = m->version * 10 + (unsigned long)(text[i] - '0');
	}
	i = skip_blanks(text, i, end);
	return end - i >= 2 && memcmp(text + i, "}}", 2) == 0;
}

/* The next line of s[*at..len), without its newline and surrounding
 * blanks: *line, returned length; *at moves past it. */
static size_t
next_line(const char *s, size_t len, size_t *at, const char **line)
{
	size_t i = skip_blanks(s, *at, len), e = i;
	while (e < len && s[e] != '\n')
		e++;
	*at = e < len ? e + 1 : len;
	while (e > i &&
	       (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r'))
		e--;
	*line = s + i;
	return e - i;
}

static bool
has_line(const char *s, size_t len, const char *line, size_t n)
{
	size_t at = 0;
	while (at < len) {
		const char *l;
		size_t ln = next_line(s, len, &at, &l);
		if (ln == n && memcmp(l, line, n) == 0)
			return true;
	}
	return false;
}

/* A line of 24 bytes or more is a theme's own way of writing something
 * (a tag with its attributes, a sentence); shorter ones ("</ul>",
 * "{{/contenu}}") any template has.  Three in five of those, at least
 * four, make a copy: a webmaster's edits change a few lines, not most. */
#define SUBSTANTIAL 24

bool
tplmark_looks_copied(const char *mine, size_t minelen, const char *theirs,
                     size_t theirslen)
{
	size_t at = 0, counted = 0, same = 0;
	while (at < minelen) {
		const char *l;
		size_t n = next_line(mine, minelen, &at, &l);
		if (n < SUBSTANTIAL)
			continue;
		counted++;
		if (has_line(theirs, theirslen, l, n))
			same++;
	}
	return same >= 4 && same * 5 >= counted * 3;
}
