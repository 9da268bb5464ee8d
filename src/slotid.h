/*
 * slotid.h - a workshop's slots (creneaux) known across its file's
 * history: the number each one's calendar event and file are named by
 * (urlbase_uid()'s creneau-N, creneau-N.ics).
 *
 * Numbered by their place in the file, the slots of a workshop whose
 * volunteer added one at the top all took another's number, and every
 * resident's event moved to another time (outside tester 25 F3).  Here
 * the versions of the file (history.h, the oldest first) are compared
 * one with the next: a slot keeps the number of the slot before with the
 * same day and times; one not found so, at the place of a slot that was
 * not found either, is that slot with its times changed; any other
 * takes the number of an earlier slot of that day and times taken out
 * since, else is new and takes a number never used by the file before.
 * The first
 * version numbers its slots 1, 2, 3...: a file whose slots were only
 * ever appended, or changed in place, keeps the numbers of their places
 * (the UIDs calendars already hold).  A slot taken out and put back
 * (with « statut: annule », as check says to: slotid_gone) takes its
 * old number, so its cancellation reaches the calendars that hold it
 * (outside tester 26 F1).  A version without creneaux is one slot, its
 * own debut/fin: before any creneaux, number 0, the workshop's own UID
 * (creneau-0.ics), which the slot of the first creneaux at its times
 * (else the first) keeps, the others numbered by their places 1, 2...
 * as before: residents who imported the workshop get that event moved,
 * not a copy beside it.  A creneau-N.ics once published keeps being
 * written while its slot is there (slotid_alias), old links too.  Read
 * from git at each build, so a
 * clean build, an incremental one and a fresh clone give the same.
 */
#ifndef FABRIQUE_SLOTID_H
#define FABRIQUE_SLOTID_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "history.h"
#include "value.h"

struct git_repository;

/*
 * The numbers of the slots of each of hf's versions in repo, as
 * slotid_numbers() gives them: what a slot's own SEQUENCE follows
 * (eventrev.h).  NULL without history.
 */
typedef struct slotid_history slotid_history;
slotid_history *slotid_history_new(struct git_repository *repo,
                                   const history_file *hf);
void slotid_history_free(slotid_history *h);
/* Whether version v (hf->versions[v]) has the slot numbered number, and
 * where in its creneaux (*index); false too for a version not read. */
bool slotid_history_find(const slotid_history *h, size_t v, size_t number,
                         size_t *index);

/* A slot an earlier version had and now lacks: taken out of creneaux
 * (not moved nor retimed: those keep their number), its event gone
 * from the calendars that hold it (outside tester 26 F1).  Its fields
 * as its newest version wrote them (date NULL: the workshop's day). */
typedef struct slotid_gone {
	size_t number;
	const char *date, *debut, *fin;
} slotid_gone;

/*
 * What slotid_numbers() hands on of each version it reads: fn(ctx, its
 * blob id, its text, NUL-terminated, len bytes), so that a caller which
 * wants something else of every version (the schedules memo,
 * eventrev_memo_text()) has it without reading the blob again: the
 * calendars, read at the end of a build, filled libgit2's delta-base
 * cache at the build's peak (perf32).
 */
typedef struct slotid_seen {
	void (*fn)(void *ctx, const char *hex, const char *text, size_t len);
	void *ctx;
} slotid_seen;

/* A creneau-N.ics address published before (an « Ajouter ce créneau »
 * link residents may still follow) that no slot of now has as its own
 * file: address N holds the event of now's slot numbered number (its
 * current UID).  See slotid_numbers(). */
typedef struct slotid_alias {
	size_t address, number;
} slotid_alias;

/* What slotid_numbers() finds (each in its arena). */
typedef struct slotid_result {
	/* the numbers of now's creneaux in their order; NULL when now has
	 * none or there is no history (then their places in the file: a
	 * lone slot too keeps the number it had among others) */
	size_t *numbers;
	/* the slots of earlier versions now lacks, except those whose last
	 * version said « statut: annule »; none when now has no slots and
	 * never had */
	slotid_gone *gone;
	size_t ngone;
	/* when now has no creneaux but a version before had some, the
	 * number of the slot its one event continues (the same day and
	 * times, else the first; tester 26 F1's variant), so that it keeps
	 * that slot's UID; else 0 (the workshop's own UID) */
	size_t lone;
	/* the creneau-N.ics addresses of slots still there that would no
	 * longer be written (slotid_alias): a slot that became the only one,
	 * or the workshop's one event (creneaux given way to debut/fin), and
	 * the slot continuing the workshop's own event, which fabrique
	 * before session 32 numbered by its place (creneau-1.ics, now 0);
	 * an address never given to another slot */
	slotid_alias *alias;
	size_t nalias;
} slotid_result;

/*
 * The numbers of the slots of now (a workshop's front matter, its
 * creneaux in their order), following hf's versions in repo, into *r
 * (in a); 0 is the workshop's own event (urlbase_uid()'s slot 0).  A
 * version that cannot be read or parsed is passed over.  seen (NULL:
 * none) is given each version read.
 */
void slotid_numbers(struct git_repository *repo, const history_file *hf,
                    const value *now, arena *a, const slotid_seen *seen,
                    slotid_result *r);

/*
 * The number of sl, slot i of a workshop's view's creneaux: its numero
 * (details.c, from slotid_numbers()), else its place, i + 1.  Its UID,
 * creneau-N.ics, its own SEQUENCE and programme.json's timing are all
 * named by it: one rule, or a slot's calendar and its open data part.
 */
size_t slotid_of_view(const value *sl, size_t i);

#endif
