/*
 * eventrev.h - how many times a workshop's event was changed in its time,
 * place or status, from its file's history: the SEQUENCE of its calendar
 * events (RFC 5545 3.8.7.4).  Calendar applications (Outlook, CalDAV
 * importers) compare it to decide that an event they hold was revised.
 *
 * Every version of the file the history walk met (history.h: each commit
 * that changed it, through its renames) is read from git, its front
 * matter parsed, and what an event's time, place and status are made of
 * (date, debut, fin, creneaux, lieu, and the STATUS its statut gives) is
 * compared with the version before: the count of changes is the
 * sequence.  It is read from git whenever a calendar is made, so a clean
 * build and an incremental one give the same number, and it never goes
 * down when commits are added (a version inserted between two can only
 * add changes).  A kept calendar is known by its file's versions
 * (eventrev_key()): nothing is read for it.
 */
#ifndef FABRIQUE_EVENTREV_H
#define FABRIQUE_EVENTREV_H

#include "buf.h"
#include "history.h"
#include "source.h"

/* The iCalendar STATUS of a workshop's statut: CANCELLED (annule),
 * TENTATIVE (propose), CONFIRMED (anything else, or none). */
const char *eventrev_status(const char *statut);

/*
 * A reader of old versions for one thread: its own handle on src's
 * repository (source_repo_reopen(), libgit2's objects are not shared
 * between threads), opened at its first use.  NULL for a folder source.
 */
typedef struct eventrev eventrev;
eventrev *eventrev_new(const source *src);
void eventrev_free(eventrev *r);

/* The sequence of hf's file (0 when its event never changed, or with no
 * history).  A version that cannot be read or parsed is passed over. */
unsigned eventrev_sequence(eventrev *r, const history_file *hf);

/* Appends to a calendar's key what its sequence is made of: the ids of
 * its file's versions. */
void eventrev_key(const history_file *hf, buf *k);

#endif
