/*
 * ics.h - an iCalendar (RFC 5545) writer: what calendar applications need
 * to import a workshop, and nothing more.
 *
 * Every content line ends in CRLF and is folded before 75 octets, never
 * inside a UTF-8 sequence (a folded line starts with one space, which
 * counts in its 75).  TEXT values are escaped (\\ \; \, \n).  Times are
 * local times of a named zone (TZID=Europe/Paris) whose VTIMEZONE is
 * written into the calendar, so a resident abroad still sees 9 h in
 * Saint-Aubin; DTSTAMP and LAST-MODIFIED are the UTC times the caller
 * gives (the commit's), so the same commit gives the same bytes; SEQUENCE
 * is always written (0 for an event never rescheduled).
 *
 * Zones and their rules come from the built-in table of date.h (the
 * French ones, metropolitan and overseas, and a few neighbours).
 */
#ifndef FABRIQUE_ICS_H
#define FABRIQUE_ICS_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "buf.h"

typedef struct ics_event {
	const char *uid;
	long long dtstamp; /* Unix time, written in UTC */
	/* LAST-MODIFIED, Unix time (0: left out); SEQUENCE: the revision
	 * of its time, place or status (RFC 5545 3.8.7.4), 0 at first */
	long long last_modified;
	unsigned sequence;
	const char *date;    /* "YYYY-MM-DD" */
	const char *start;   /* "HH:MM", or NULL for an all-day event */
	const char *end;     /* "HH:MM" or NULL */
	const char *summary; /* required */
	const char *description, *location, *url; /* NULL: left out */
	bool has_geo;
	double lat, lon;
	const char *status; /* CONFIRMED, TENTATIVE, CANCELLED or NULL */
	const char *const *categories;
	size_t ncategories;
} ics_event;

/*
 * "word : text" as lang joins a label to its text (msgcat_colon():
 * « En cas de pluie : … », « If it rains: … »); text alone when word is
 * NULL or empty.  In a.
 */
const char *ics_labelled(arena *a, const char *word, const char *lang,
                         const char *text);

/*
 * The SUMMARY of a cancelled event: "Annulé : title", word being the
 * theme's word for it, in lang (ics_labelled()).  Many calendar applications
 * show a STATUS:CANCELLED event like any other (Google Calendar's subscriptions
 * among them), so the resident must read it in the title.  A title that
 * already starts with the word, case and accents aside, after a bracket
 * or a space ("[ANNULÉ] Nettoyer…", what editors write in a hurry), is
 * kept as it is.  The commune's calendar and the network's both ask
 * here, so a UID they share carries one title.
 */
const char *ics_cancelled_summary(arena *a, const char *title, const char *word,
                                  const char *lang);

/*
 * An event's LOCATION: the place, then the meeting point after the
 * theme's word for it, in lang (ics_labelled()), « École, Rue de
 * l'École — Rendez-vous : Sous le préau » (outside tester 26 F9): the line
 * agenda views and reminders show, and where residents must go.  place or word
 * may be NULL; without a meeting point, the place alone.  The commune's
 * calendar and the network's both ask here, so a UID they share carries one
 * LOCATION.
 */
const char *ics_location(arena *a, const char *place, const char *word,
                         const char *lang, const char *meeting);

/* Appends one content line (without its line end), folded, with CRLF. */
void ics_line(buf *out, const char *line, size_t len);

/* Appends s escaped as an RFC 5545 TEXT value; CR LF and CR become \n. */
void ics_escape_text(buf *out, const char *s);

/* BEGIN:VCALENDAR and its properties, then the VTIMEZONE of tzid (which
 * must be known).  name is the calendar's display name (X-WR-CALNAME). */
void ics_begin(buf *out, const char *name, const char *tzid);
/*
 * ics_begin() for a calendar residents subscribe to (programme.ics, a
 * département's): it also says how often to fetch it again, RFC 7986's
 * REFRESH-INTERVAL and Outlook's X-PUBLISHED-TTL, ICS_REFRESH, so that a
 * workshop cancelled on the morning of the day reaches phones within the
 * hour where the application honours it (outside tester 26 F14); left to
 * themselves, some fetch once a day or less.
 */
#define ICS_REFRESH "PT1H"
void ics_begin_subscribed(buf *out, const char *name, const char *tzid);

/* ics_begin() in the parts that do not depend on the name: what comes
 * before its X-WR-CALNAME line (appended to before) and after it, the
 * zone's rules (appended to after).  A writer of many calendars of one
 * zone makes them once and puts ics_name() between: the same bytes as
 * ics_begin(), without the VTIMEZONE made again for every calendar. */
void ics_begin_parts(buf *before, buf *after, const char *tzid);

/* The X-WR-CALNAME line of ics_begin() (nothing for a NULL name). */
void ics_name(buf *out, const char *name);

/* One VEVENT; its times are in tzid.  Returns -1 (writing nothing) if
 * date or a time is malformed. */
int ics_event_write(buf *out, const ics_event *e, const char *tzid);

/* Whether ics_event_write() would take e's date and times (fabrique
 * check: the calendars' errors without their text). */
bool ics_event_valid(const ics_event *e);

/* END:VCALENDAR. */
void ics_end(buf *out);

#endif
