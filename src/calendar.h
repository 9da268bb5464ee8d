/*
 * calendar.h - the site's calendars, for residents who want the day in
 * their phone: /programme.ics holds every workshop of the current
 * edition, and each workshop has its own /ateliers/SLUG/atelier.ics.
 *
 * One VEVENT per slot (a workshop with several `creneaux` gives several),
 * each with a UID made of the page's first key (its file's first name,
 * kept through renames: page.event_key) and the site's host name (and
 * its path, for a site published under one: urlbase_uid()), so the
 * same workshop keeps its UID from build to build and a calendar that
 * subscribed (webcal://) updates it instead of adding a copy.  DTSTAMP
 * and LAST-MODIFIED are the time of the commit that last changed the
 * workshop's file: building a commit again gives the same bytes.
 * SEQUENCE counts the changes of its time, place and status in its
 * history (eventrev.h), read for the calendars made, not the kept ones.  A
 * cancelled workshop's SUMMARY starts with the theme's word for it
 * (statuts.annule): « Annulé : ».  While sign-up is open, an event's
 * DESCRIPTION ends with the ways to sign up (signup.h agenda_texte, a
 * slot's with its own form).
 *
 * A workshop in two slots or more also gets one calendar a slot beside
 * its own (view.h CALENDAR_SLOT_PREFIX: creneau-1.ics…), holding that
 * slot's one event, the same bytes as in the workshop's calendar: a
 * resident who comes at 14 h adds that slot only, and its UID is the
 * one the workshop's calendar and the programme give it.  Kept from the
 * last build with the workshop's calendar, by the same key.
 */
#ifndef FABRIQUE_CALENDAR_H
#define FABRIQUE_CALENDAR_H

#include "diag.h"
#include "output.h"
#include "revtable.h"
#include "site.h"
#include "viewhash.h"

/*
 * The theme's words a calendar's texts are made with (its i18n, in the
 * site's language, as the page says them; NULL: left out).
 */
typedef struct calendar_words {
	/* before a cancelled workshop's title (statuts.annule, « Annulé ») */
	const char *cancelled;
	/* before its meeting point (rdv) in LOCATION (libelles.rendez_vous,
	 * « Rendez-vous ») */
	const char *meeting;
	/* before its rain plan (repli_pluie) in DESCRIPTION
	 * (libelles.repli_pluie, « En cas de pluie ») */
	const char *rain;
	/* the site's language (langue), which joins each word to its text
	 * (msgcat_colon(): « Rendez-vous : … », « Meeting point: … ») */
	const char *lang;
} calendar_words;

/* Writes every calendar (o NULL: checks only), with words.  Returns 0,
 * or -1 after reporting an error (a time zone fabrique does not know, a
 * write). */
int calendar_write(site *s, output *o, long long build_time,
                   const calendar_words *words, diag *d);

/*
 * The same work in parts, so that several threads share it (the
 * calendars are the biggest output of a large site): calendar_begin()
 * splits the pages into nparts runs holding about as many workshops
 * each (NULL after reporting an unknown time zone); calendar_part(j, k)
 * writes the calendars of run k, and may run at the same time as the
 * other runs; calendar_finish() (once every part is done) reports the
 * workshops whose events could not be made, in page order, writes the
 * programme, whose events come in page order whatever thread made them,
 * and frees j.  calendar_finish(NULL) returns -1.  The bytes written do
 * not depend on nparts.  revs: the workshops' revisions (revtable.h),
 * shared with the open data made beside, owned by the caller, freed
 * after calendar_finish(); NULL: no history (every SEQUENCE 0).
 */
typedef struct calendar_job calendar_job;
calendar_job *calendar_begin(site *s, output *o, long long build_time,
                             size_t nparts, const calendar_words *words,
                             revtable *revs, diag *d);
void calendar_part(calendar_job *j, size_t k);

/*
 * Incremental builds (before the first part): keep() is asked, with a
 * workshop calendar's path and a key (hex) of everything its bytes are
 * made of, whether the last build's file, made from the same key, was
 * kept (hard-linked); then it is not made, and its events are read back
 * from it for the programme.  made() records the key of a calendar
 * written.  Both thread-safe (incremental_keep(), incremental_made()).
 */
typedef bool (*calendar_keep_fn)(void *ctx, const char *relpath,
                                 const char *key);
typedef void (*calendar_made_fn)(void *ctx, const char *relpath,
                                 const char *key);
void calendar_reuse(calendar_job *j, calendar_keep_fn keep,
                    calendar_made_fn made, void *ctx);
int calendar_finish(calendar_job *j);

/*
 * Incremental builds, with calendar_reuse(): views[i] (when keyed[i])
 * is page i's view digest (render.c), made for at least the keys
 * calendar_view_keys names and 3 levels deep; both live until
 * calendar_finish().  A workshop's calendar is then keyed by its view
 * digest, its plain text's digest (site_plain_digest()) and its own
 * fields, without its view or text read: a kept calendar costs a lookup.
 */
void calendar_views(calendar_job *j, const viewhash_digest *views,
                    const bool *keyed);

/*
 * Every key a workshop's calendar reads from the views (the workshop's,
 * its place's, terms' and slots'), NULL-terminated: the view digests
 * cover them (render.c), so that a digest unchanged means the same
 * events.  A key read here and missing there would keep a stale
 * calendar under a theme that does not read it: add it to both.
 */
extern const char *const calendar_view_keys[];

#endif
