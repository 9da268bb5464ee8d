/*
 * tplmark.h - the version marker of a theme's template, and what tells a
 * site's copy of it is out of date.
 *
 * Each template of a theme fabrique ships says on its first line which
 * template it is and which version, in a Mustache comment (rendering
 * nothing):  {{! fabrique:commune/atelier 3 }}.  The theme's author
 * raises the number with every change (tests/integration/tplmark.sh
 * fails otherwise).  A webmaster who copies the template into the site
 * (SITE/theme/templates/) to adjust it copies the line too, so a later
 * build knows which version the copy started from and can say when the
 * theme's has changed since (outside tester 22 F6).
 */
#ifndef FABRIQUE_TPLMARK_H
#define FABRIQUE_TPLMARK_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
	const char *name; /* "commune/atelier", in the text (not terminated) */
	size_t namelen;
	unsigned long version;
	size_t linelen; /* the first line's length, without its newline */
} tplmark;

/* Reads the marker on text's first line; false when it has none. */
bool tplmark_read(const char *text, size_t len, tplmark *m);

/*
 * Whether a template without a marker (mine) is nonetheless a copy of
 * the theme's (theirs), made before the theme's templates had markers:
 * most of its substantial lines are lines of the theme's (a template
 * written from scratch shares only short ones, like "{{/contenu}}").
 */
bool tplmark_looks_copied(const char *mine, size_t minelen, const char *theirs,
                          size_t theirslen);

#endif
