/*
 * placeholder.h - pages still holding the archetype's text.
 *
 * `fabrique new` starts a page from the theme's archetype: empty fields
 * with French comments and a sentence in place of the text ("Décrivez
 * l'atelier…").  A page published like that shows residents a blank
 * summary or an instruction meant for the editor, so both are errors:
 * a field left empty ("resume:" with nothing after it) and a body still
 * holding the archetype's sentence.
 */
#ifndef FABRIQUE_PLACEHOLDER_H
#define FABRIQUE_PLACEHOLDER_H

#include <stddef.h>

#include "arena.h"
#include "diag.h"
#include "theme.h"
#include "value.h"

/* Reports each field of raw (front matter, nested maps and list items
 * included) written with nothing after the colon. */
void placeholder_check_fields(const value *raw, diag *d);

/*
 * Reports a body (body_len bytes starting at line body_line of file) that
 * still holds the text of the theme's archetype for kind (an error), or
 * a sentence of the starter site fabrique init wrote for the editor to
 * replace (a warning, an error under --strict: the theme's a_remplacer
 * says how they start).
 */
void placeholder_check_body(theme *th, const char *kind, const char *file,
                            const char *body, size_t body_len,
                            unsigned body_line, arena *a, diag *d);

/*
 * Warns when site.yaml's url (raw: site.yaml as written) is still the
 * example address `fabrique init` wrote when given no --url: published
 * so, calendar subscriptions, feeds, the sitemap and shared links would
 * all point to a site that does not exist, and nothing else would tell
 * the webmaster.
 */
void placeholder_check_site(const value *raw, diag *d);

#endif
