/*
 * details.h - the practical details of a page, put into words for the
 * theme: map links for a place, children and accessibility in plain
 * French, a workshop's time slots, a story's period and its sources'
 * kinds, a recap's before/after pairs.
 *
 * Templates compute nothing, so what a resident reads ("Enfants
 * bienvenus, accompagnés d'un adulte", "1873–1874, XIXe siècle") is
 * prepared here from the normalised fields and the theme's strings.  Kept
 * apart from view.c, which makes the fields every theme needs; this is
 * what a theme shows on top of them.  docs/templates.md lists the fields.
 */
#ifndef FABRIQUE_DETAILS_H
#define FABRIQUE_DETAILS_H

#include <stdbool.h>
#include <stddef.h>

#include "value.h"
#include "view.h"

/* Adds the details of a page of this kind to its view v (from meta,
 * which is not modified).  v must already hold photos with their url. */
void details_add(const view_env *e, value *v, const value *meta,
                 const char *kind);

/* An edition's view v (its own copies of repas and inscription):
 * repas.type_texte, and tel_url ("tel:+33…") beside each phone number
 * of inscription and contacts. */
void details_edition(const view_env *e, value *v);

/* osm_url and geo_url for coordinates, as "https://www.openstreetmap.org
 * /?mlat=…" and "geo:LAT,LON"; false without both coordinates. */
bool details_map_links(arena *a, const value *lieu, const char **osm,
                       const char **geo);

#endif
