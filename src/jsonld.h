/*
 * jsonld.h - schema.org JSON-LD for workshops (strings escaped by json.c).
 *
 * Search engines and calendar apps read a workshop's time and place from
 * a schema.org Event in the page.  It must be valid JSON, which Mustache's
 * HTML escaping cannot produce (a title holding a quote or a backslash
 * would break it), so the whole JSON text is prepared here and templates
 * insert it as is.  Strings are escaped for JSON and '<', '>', '&' are
 * written as \u003c..., so nothing in the text can close the <script>
 * element that holds it.
 *
 * Dates carry their UTC offset ("2026-05-23T09:00:00+02:00"), computed
 * for the site's time zone (site.yaml `fuseau`) by date_rfc3339() from
 * date.h's built-in zone table.
 */
#ifndef FABRIQUE_JSONLD_H
#define FABRIQUE_JSONLD_H

#include <stdbool.h>

#include "arena.h"
#include "buf.h"
#include "value.h"

/*
 * A schema.org Event for a workshop, as a JSON text.  atelier is its
 * view (date already defaulted to its edition's), edition that edition's
 * view (or NULL), site the site's view; day_name names the whole day
 * ("Journée citoyenne 2026"), the superEvent.
 */
char *jsonld_event(arena *a, const value *atelier, const value *edition,
                   const value *site, const char *day_name);

/*
 * The same in two parts, for many workshops: the superEvent member (the
 * whole day, '"superEvent":{...}') is the same for every workshop of an
 * edition, so it is written once per edition and put in each workshop's
 * Event by jsonld_event_in() (super_event NULL: none).
 */
char *jsonld_super_event(arena *a, const value *edition, const value *site,
                         const char *day_name);
char *jsonld_event_in(arena *a, const value *atelier, const value *site,
                      const char *super_event);

#endif
