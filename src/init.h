/*
 * init.h - `fabrique init DIR`: a new commune's site in one command.
 *
 * The files come from the theme (depart/ in the theme, listed by its
 * theme.yaml's "depart"), each name and text a Mustache template filled
 * with the commune's name, its INSEE code and the coming edition: a
 * site.yaml commented in French, one edition, one workshop, one heritage
 * story, one recap, the accessibility statement, the legal notice, the
 * contact page, a README for editors and a .gitignore.  The pages hold
 * sentences that say what to write there (the host's address...), which
 * every check reports until they are replaced (placeholder.h).
 * Nothing is ever overwritten: if any file exists already, nothing is
 * written.  When DIR is in no git repository, one is created with a
 * first commit, so the site builds from git at once.
 */
#ifndef FABRIQUE_INIT_H
#define FABRIQUE_INIT_H

#include <stdio.h>

#include "diag.h"

typedef struct init_opts {
	const char *dir;     /* the new site's folder */
	const char *commune; /* "Saint-Aubin" (NULL: a name to replace) */
	const char *insee;   /* "37299" (NULL: "00000") */
	const char *url;     /* where it will be published (NULL: to replace) */
	const char *today;   /* YYYY-MM-DD: picks the coming edition */
	FILE *out;           /* what was made and what to do next */
} init_opts;

/* Writes the site and prints to o->out, in d's language, the files
 * made and what to do next.  0, or -1 after reporting an error (a file
 * exists, no theme, git failed). */
int init_site(const init_opts *o, diag *d);

#endif
