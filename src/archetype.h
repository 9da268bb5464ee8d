/*
 * archetype.h - `fabrique new`: a new page started from the theme.
 *
 * The theme's archetypes/KIND.md holds every field of a kind with a
 * one-line French comment, so an editor fills a form instead of
 * remembering field names.  The file goes where the schema says files of
 * that kind live (ateliers/SLUG.md, retours/SLUG/index.md...), with the
 * slug made from the title.  An existing file is never overwritten.
 */
#ifndef FABRIQUE_ARCHETYPE_H
#define FABRIQUE_ARCHETYPE_H

#include "arena.h"
#include "diag.h"

/*
 * Writes the new page under site_dir and prints its path on stdout.
 * today is the date to offer (YYYY-MM-DD); name, when not NULL, the
 * file's name the editor chose (`--name`, a title in a script no address
 * can spell), else it is made from the title.  Returns 0, or -1 after
 * reporting an error (unknown kind, file exists, no archetype).
 */
int archetype_new(const char *site_dir, const char *kind, const char *title,
                  const char *name, const char *today, diag *d);

/* s escaped for a double-quoted YAML scalar (\\ and \"), which holds
 * any title or name: archetypes and fabrique init write "{{{x_yaml}}}". */
const char *archetype_yaml_quote(arena *a, const char *s);

#endif
