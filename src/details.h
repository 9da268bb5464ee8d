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

/*
 * A workshop's slots (v's creneaux) in the order of time, once its date
 * is settled: by day (a slot without one is on the workshop's), start
 * and end, whatever their order in the file (a volunteer adds a slot
 * where it is handy: at the top, a resident took 10 h 30 for the first
 * of 8 h, 10 h 30, 17 h; outside tester 25 F6); each keeps its numero.
 * Then their calendars' ics_url, liaison and the workshop's moment (its
 * first slot's; the programme lists it under each of its slots'
 * moments, site_gen.c).
 */
void details_workshop_slots(const view_env *e, value *v);

/*
 * A workshop's view v, once its date is settled (its own, else its
 * edition's day): quand_texte, the day(s) it takes place in words.  With
 * creneaux it is their own dates (a slot without one is on the
 * workshop's date): "samedi 3 octobre 2026" when all are on one day,
 * else "du samedi 3 octobre 2026 au samedi 17 octobre 2026"; without,
 * date_texte; quand_phrase, the same inside a sentence ("le samedi 3
 * octobre 2026").  The headline of slots in October said the edition's day
 * in May.  Also fin_date, the ISO date of the last day, for what decides
 * that the workshop is past.
 */
void details_workshop_days(const view_env *e, value *v);
/*
 * jour_carte, on the workshop's view and on each of its creneaux: its
 * day in words ("dimanche 30 mai 2027") when it is not the edition's
 * day (edition_date, ISO; NULL: unknown), else false.  The programme
 * and the home list a card under the Journée's date with its hours
 * only: a workshop the day after, or a slot a week later, sent
 * residents on the wrong day (outside tester 18 F17).  Each slot gets
 * the key, true or false, so that Mustache does not find the
 * workshop's from inside {{#creneaux}}.
 */
void details_workshop_other_days(const view_env *e, value *v,
                                 const char *edition_date);
/*
 * liaison on each of a workshop's slots (the list in v's creneaux, or a
 * part of it): what comes before it when they are read in a row, "" for
 * the first, " et " for the last, ", " between (the theme's word for
 * "and", libelles.et).  A card wrote its slots side by side, read aloud
 * as one run of numbers, « 8 h – 10 h 16 h – 18 h » (outside tester 23
 * F11): « 8 h – 10 h et 16 h – 18 h », in the text itself, as a reader
 * without the stylesheet meets it too.
 */
void details_slots_joined(const view_env *e, value *slots);
/*
 * Whether a workshop's card has anything on its label line
 * (carte_etiquettes: a status shown, full, sign-up closed, a category,
 * a quarter) and under it (carte_pictos: volunteers wanted, children,
 * accessibility), for the default theme's card to write no empty
 * <p class="etiquettes"> or <ul class="pictos"> (a workshop without
 * statut left both, an empty line in every list).  Mustache has no
 * "or": the theme's card partial asks these.  After signup_add().
 */
void details_workshop_card(const view_env *e, value *v);

/* An edition's view v (its own copies of repas and inscription):
 * repas.type_texte, and tel_url ("tel:+33…") beside each phone number
 * of inscription and contacts. */
void details_edition(const view_env *e, value *v);

/* osm_url and geo_url for coordinates, as "https://www.openstreetmap.org
 * /?mlat=…" and "geo:LAT,LON"; false without both coordinates. */
bool details_map_links(arena *a, const value *lieu, const char **osm,
                       const char **geo);

#endif
