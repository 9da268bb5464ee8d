/*
 * eventrev.h - how many times a workshop's event was changed in its time,
 * place or status, from its file's history: the SEQUENCE of its calendar
 * events (RFC 5545 3.8.7.4).  Calendar applications (Outlook, CalDAV
 * importers) compare it to decide that an event they hold was revised.
 *
 * Every version of the file the history walk met (history.h: each commit
 * that changed it, through its renames) is read from git, its front
 * matter parsed, and what an event's time, place and status are made of
 * (date, debut, fin, creneaux, lieu, the meeting point rdv and the rain
 * plan repli_pluie, and the STATUS its statut gives) is
 * compared with the version before: the count of changes is the
 * sequence.  What the events take from elsewhere (the edition's day,
 * site.yaml's zone) is read from those files' versions the same way,
 * and counted at the commits that changed it (eventrev_base).  It is
 * read from git whenever a calendar is made, so a clean build and an
 * incremental one give the same number, and it never goes down when
 * commits are added (a version inserted between two can only add
 * changes).  A kept calendar is known by its file's versions
 * (eventrev_key()): nothing is read for it; nor for a file with one
 * version whose base files' values never changed (nothing to count).
 */
#ifndef FABRIQUE_EVENTREV_H
#define FABRIQUE_EVENTREV_H

#include "arena.h"
#include "blobmemo.h"
#include "buf.h"
#include "history.h"
#include "source.h"
#include "value.h"

/* The iCalendar STATUS of a workshop's statut: CANCELLED (annule),
 * TENTATIVE (propose), CONFIRMED (anything else, or none). */
const char *eventrev_status(const char *statut);

/*
 * The front matter of an old version of a page (blob hex id in repo),
 * in a; NULL when it cannot be read or parsed (an old commit's broken
 * YAML: its messages go to a diag of their own, never shown, the
 * file's old mistakes are no concern of today's build).
 */
struct git_repository;
const value *eventrev_old_meta(struct git_repository *repo, const char *hex,
                               arena *a);

/*
 * A reader of old versions for one thread: its own handle on src's
 * repository (source_repo_reopen(), libgit2's objects are not shared
 * between threads), opened at its first use; it keeps the last file's
 * versions it parsed, for the walks of that workshop's slots.  NULL for
 * a folder source.  memo (NULL: none) keeps each version's schedule
 * digest across builds by its blob id, shared by the build's readers;
 * it outlives them.
 */
typedef struct eventrev eventrev;
/* The tag of that memo's file (blobmemo_open()): it names the fields a
 * digest is made of, so that a memo of other fields is not read (a
 * schedule of five fields, "schedules 1", before rdv and repli_pluie). */
#define EVENTREV_MEMO_TAG "schedules 2"
eventrev *eventrev_new(const source *src, blobmemo *memo);

/*
 * Puts into memo the schedule digest of the version of blob hex, its
 * text (len bytes, NUL-terminated) already read by the caller, unless
 * memo holds it.  The loading reads every workshop version anyway
 * (slotid_numbers()) before it frees libgit2's caches; the calendars
 * and open data, at the end of a cold build, then read no old version
 * from git, whose deltas filled libgit2's per-pack delta-base cache (16
 * MiB, no setting) at the build's peak (perf32).
 */
void eventrev_memo_text(blobmemo *memo, const char *hex, const char *text,
                        size_t len);
void eventrev_free(eventrev *r);

/*
 * The front matter of one of a file's versions (a blob id of its
 * history_file's versions), parsed into a: what a site reads of a
 * workshop's past (the edition it was of before being edited for
 * another, outside tester 25 F1).  NULL when it cannot be read or
 * parsed, or r is NULL.
 */
const value *eventrev_meta(eventrev *r, const char *hex, arena *a);

/*
 * What a workshop's events take from other files than its own, whose
 * changes move them as much as its own (outside tester 25 F17): its
 * edition's file (the day of a workshop, or a slot, without a date of
 * its own) and site.yaml (the time zone, fuseau).  NULL members: no
 * history (that part never changed).
 */
typedef struct eventrev_base {
	const history_file *edition;
	const history_file *site;
} eventrev_base;

typedef struct eventrev_rev {
	/* how many commits changed what its events are made of */
	unsigned sequence;
	/* the author's time of the last of them (0: none), for its DTSTAMP
	 * and LAST-MODIFIED when later than its file's last change */
	long long changed;
	/* how many commits changed its own file's schedule, its edition's
	 * day and the zone aside (programme.json's sequence, opendata.c):
	 * the same walk, so that its versions are read once */
	unsigned own;
} eventrev_rev;

/*
 * The revisions of hf's file's events: its versions, its edition's days
 * and the site's zones put in the order of their commits (the walk's
 * ranks), the oldest first; each commit where what its events are made
 * of differs from the commit before counts one.  Zero with no history.
 * A version that cannot be read or parsed is passed over.  The edition
 * is the built one's (a workshop that moved to another edition changed
 * its own file anyway).
 */
eventrev_rev eventrev_revision(eventrev *r, const history_file *hf,
                               const eventrev_base *b);

/*
 * eventrev_revision() for each of a workshop's slots, numbered numbers[0
 * .. n) (slotid.h), into out: each counts the commits that changed its
 * own entry of creneaux, or what all its slots take (date, lieu,
 * statut, the edition's day when it has none, the zone), from the
 * commit that made it; a slot added, removed or changed is no revision
 * of the others (outside tester 25 F3).
 */
void eventrev_slot_revisions(eventrev *r, const history_file *hf,
                             const eventrev_base *b, const size_t *numbers,
                             size_t n, eventrev_rev *out);

/* Appends to a calendar's key what its revisions are made of: the ids
 * of its file's versions, and the versions of b's files where the day
 * or the zone changed (r NULL: the file's versions only). */
void eventrev_key(eventrev *r, const history_file *hf, const eventrev_base *b,
                  buf *k);

#endif
