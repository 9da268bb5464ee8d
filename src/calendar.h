/*
 * calendar.h - the site's calendars, for residents who want the day in
 * their phone: /programme.ics holds every workshop of the current
 * edition, and each workshop has its own /ateliers/SLUG/atelier.ics.
 *
 * One VEVENT per slot (a workshop with several `creneaux` gives several),
 * each with a UID made of the page's key and the site's host name, so the
 * same workshop keeps its UID from build to build and a calendar that
 * subscribed (webcal://) updates it instead of adding a copy.  DTSTAMP is
 * the commit time: building a commit again gives the same bytes.
 */
#ifndef FABRIQUE_CALENDAR_H
#define FABRIQUE_CALENDAR_H

#include "diag.h"
#include "output.h"
#include "site.h"

/* Writes every calendar (o NULL: checks only).  Returns 0, or -1 after
 * reporting an error (a time zone fabrique does not know, a write). */
int calendar_write(site *s, output *o, long long build_time, diag *d);

#endif
