/*
 * signup.h - whether residents can still sign up for a workshop, and how.
 *
 * A workshop page must tell the truth about its state (cancelled, past,
 * full, registrations closed, open) and, while it is open, offer a way to
 * sign up that names the workshop: the edition's registration form with
 * the workshop passed along (?atelier=slug), an e-mail already addressed
 * and worded, the phone number.  The state is decided once here, from the
 * workshop's view, its edition's view and the build's day (from the
 * commit, so a build is reproducible); programmes and counts read it.
 */
#ifndef FABRIQUE_SIGNUP_H
#define FABRIQUE_SIGNUP_H

#include "date.h"
#include "diag.h"
#include "value.h"
#include "view.h"

/*
 * Adds to a workshop view (after its edition and date are known):
 *   annule, passe, complet, inscriptions_closes, ouvert (booleans);
 *   appel_benevoles (true while open and volunteers are wanted);
 *   places_restantes (when benevoles and inscrits are both given);
 *   benevoles_voulus (what still counts: places left, else benevoles,
 *   0 unless open);
 *   inscription {url, mailto, courriels, email, tel, tel_url,
 *   date_limite, date_limite_texte, sans_inscription} from the edition's
 *   inscription, absent fields false, when the workshop is neither
 *   cancelled nor past; with two slots or more, mailto is false and
 *   courriels lists [{mailto, creneau, jour, horaire, numero}], one
 *   e-mail per slot open for sign-up (formulaires, one form link each);
 *   inscription_ouverte on each slot: open, and the slot not cancelled
 *   (its own statut: annule), the one answer to « can residents sign up
 *   for this slot » that the theme and the calendars read.  After
 *   details_workshop_other_days() (a slot on another day names it).
 */
void signup_add(const view_env *e, value *v, const value *edition,
                civil_date today);

/*
 * Adds to an edition's view what the home and the programme must say of
 * the day as of today, as signup_add() does for a workshop:
 *   passe (its date is before today), inscriptions_closes (not past, and
 *   inscription.date_limite is before today), inscriptions_ouvertes (it
 *   has an inscription, neither past nor closed).  Without them the home
 *   kept inviting residents to sign up after the deadline and the day.
 */
void signup_edition(const view_env *e, value *edition, civil_date today);

/*
 * The coming edition (meta, its checked document) must say how residents
 * sign up: the site invites volunteers on every page, and without a
 * form, an address or a number (or sans_inscription: true) a resident
 * who wants to help is left guessing (outside tester 22, F8).  A given
 * 'inscription:' with no way in it (the archetype's, left unfilled) is a
 * warning, refused by --strict and the hooks; no 'inscription:' at all
 * a note.  Its date_limite after its day, or in an earlier year far
 * before it (last year's, the file copied), is a warning too.  A past
 * edition is left alone.
 */
void signup_check_edition(const value *meta, civil_date today, diag *d);

#endif
