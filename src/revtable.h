/*
 * revtable.h - the revisions of a build's workshops (eventrev.h), made
 * once and shared by the outputs that say them: the calendars (SEQUENCE,
 * DTSTAMP, LAST-MODIFIED) and the open data (programme.json's sequence).
 * Each slot's too (a workshop's slots each counting their own, for the
 * calendars only).
 * Made on their threads, each with its own reader (eventrev_new()): the
 * first thread to ask for a page's reads its file's versions, the other
 * takes them; asked while the other is still reading them, it reads them
 * too rather than wait.  Before it, each output read every workshop's
 * history for itself: twice per build (perfcold26).
 */
#ifndef FABRIQUE_REVTABLE_H
#define FABRIQUE_REVTABLE_H

#include "eventrev.h"
#include "site.h"

typedef struct revtable revtable;

/* The table of s's pages, with the eventrev_base of every edition a
 * workshop is in, found on the calling thread (site_event_base()
 * allocates).  NULL for a folder source (no history). */
revtable *revtable_new(site *s);
void revtable_free(revtable *t);

/* p's eventrev_base: its edition's file and site.yaml (NULL: no
 * history, or an edition not found). */
const eventrev_base *revtable_base(const revtable *t, const page *p);

/* The revisions of page i, read with r (the calling thread's reader)
 * unless another thread read them first. */
eventrev_rev revtable_get(revtable *t, eventrev *r, size_t i);

/* The revisions of page i's n slots (its view's creneaux, in their
 * order; eventrev_slot_revisions()) into out, read with r unless
 * another thread read them first.  Made only when asked: the calendars
 * say them, programme.json's sequence is the workshop's (outside
 * tester 25 F3).  out untouched when n is not its number of slots. */
void revtable_slots(revtable *t, eventrev *r, size_t i, eventrev_rev *out,
                    size_t n);

#endif
