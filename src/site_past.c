/*
 * site_past.c - a workshop's past editions, from its file's history: last
 * year's workshop edited in place for this year (outside tester 25 F1).
 *
 * The natural slip of a volunteer preparing next year is to change
 * `edition: 2026` to 2027 in last year's file: the 2026 edition loses the
 * workshop (its archive, its recap's link), silently.  The history walk
 * the calendars use (history.h: each file's versions, with the commits
 * that made them) says what the file was; a version is read from git
 * (eventrev_meta()) only for a workshop whose versions span the day of
 * an earlier edition, so a site's usual workshops cost nothing.
 */
#include "site_int.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "date.h"
#include "eventrev.h"
#include "history.h"
#include "value.h"

/* What the file was: of edition year, whose day it outlived (or marked
 * realise), with the title it had then. */
struct past {
	int year;
	const char *titre;
	bool realise;
};

/* The edition a version's front matter gives: its edition, else the
 * year of its date; 0 when neither (the current one then, not known). */
static int
version_year(const value *meta)
{
	double y;
	if (value_to_number(value_get(meta, "edition"), &y))
		return (int)y;
	const char *date = value_get_string(value_get(meta, "date"));
	return date != NULL ? atoi(date) : 0;
}

static bool
day_of(const struct edition *ed, civil_date *d)
{
	return ed != NULL &&
	       date_parse(value_get_string(value_get(ed->meta, "date")), d);
}

static const char *
zone(const site *s)
{
	return value_get_string(value_get(s->config, "fuseau"));
}

/* Whether hf's versions span the day of an edition before year: made on
 * or before it (or not known, a shallow clone), changed on or after it.
 * Only such a file can have been of that edition on its day. */
static bool
spans_earlier_day(site *s, const history_file *hf, int year)
{
	if (hf == NULL || hf->nversions < 2 || hf->version_time == NULL)
		return false;
	civil_date last = date_day_in_zone(zone(s), hf->version_time[0]);
	civil_date made = date_day_in_zone(zone(s), hf->created);
	for (size_t i = 0; i < s->neds; i++) {
		civil_date d;
		if (s->eds[i].year < year && day_of(&s->eds[i], &d) &&
		    date_cmp(d, last) <= 0 &&
		    (hf->created == 0 || date_cmp(made, d) <= 0))
			return true;
	}
	return false;
}

/* The newest version of hf of an edition before year that was still of
 * it after its day, or said statut: realise; false when none. */
static bool
find_past(site *s, eventrev *r, const history_file *hf, int year, arena *a,
          struct past *out)
{
	for (size_t i = 1; i < hf->nversions; i++) {
		const value *m = eventrev_meta(r, hf->versions[i], a);
		int y = version_year(m);
		civil_date d;
		if (m == NULL || y <= 0 || y >= year ||
		    !day_of(site_find_edition(s, y), &d))
			continue;
		const char *st = value_get_string(value_get(m, "statut"));
		bool realise = st != NULL && strcmp(st, "realise") == 0;
		civil_date left =
		    date_day_in_zone(zone(s), hf->version_time[i - 1]);
		if (!realise && date_cmp(left, d) <= 0)
			continue;
		*out = (struct past){y, value_get_string(value_get(m, "titre")),
		                     realise};
		return true;
	}
	return false;
}

/* p's file name without ".md" (its tree path). */
static const char *
stem(site *s, const page *p)
{
	size_t n = strlen(p->file);
	if (n > 3 && strcmp(p->file + n - 3, ".md") == 0)
		n -= 3;
	return arena_strndup(s->a, p->file, n);
}

/* Whether the edition of the past still has the workshop: a workshop of
 * that year named as README's yearly rule has it (FILE-YEAR.md) or
 * with the title the file had then (the fix made, or made otherwise). */
static bool
kept_elsewhere(site *s, const page *p, const struct past *was)
{
	const char *want =
	    arena_printf(s->a, "%s-%d.md", stem(s, p), was->year);
	for (size_t i = 0; i < s->npages; i++) {
		const page *q = s->pages[i];
		if (q == p || q->meta == NULL ||
		    strcmp(q->kind, "atelier") != 0 ||
		    site_workshop_year(s, q) != was->year)
			continue;
		const char *t = value_get_string(value_get(q->meta, "titre"));
		if (strcmp(q->file, want) == 0 ||
		    (t != NULL && was->titre != NULL &&
		     strcmp(t, was->titre) == 0))
			return true;
	}
	return false;
}

/* The warning, at the line its edition comes from. */
static void
warn_past(site *s, const page *p, int year, const struct past *was)
{
	const value *at = value_get(p->meta, "edition");
	if (at == NULL)
		at = value_get(p->meta, "date");
	if (at == NULL)
		at = p->meta;
	const char *st = stem(s, p);
	const struct edition *ed = site_find_edition(s, was->year);
	const char *day = value_get_string(value_get(ed->meta, "date"));
	if (was->realise)
		diag_at(
		    s->d, DIAG_WARNING, at,
		    "this workshop took place in %d (its file said "
		    "'statut: realise' for the %d edition), and it is now "
		    "of the %d edition: the %d edition has lost it. For %d, "
		    "rename this file %s-%d.md (git mv) with its %d version "
		    "back (git log -p %s shows it) and commit; then copy it "
		    "to %s for %d: a workshop that comes back every year is "
		    "one file per year",
		    was->year, was->year, year, was->year, year, st, was->year,
		    was->year, p->file, p->file, year);
	else
		diag_at(
		    s->d, DIAG_WARNING, at,
		    "this workshop took place in %d (its file was of the %d "
		    "edition on its day, %s), and it is now of the %d "
		    "edition: the %d edition has lost it. For %d, rename "
		    "this file %s-%d.md (git mv) with its %d version back "
		    "(git log -p %s shows it) and commit; then copy it to %s "
		    "for %d: a workshop that comes back every year is one "
		    "file per year",
		    was->year, was->year, day, year, was->year, year, st,
		    was->year, was->year, p->file, p->file, year);
}

void
site_past_check(site *s)
{
	if (s->history == NULL)
		return;
	eventrev *r = NULL;
	for (size_t i = 0; i < s->npages; i++) {
		const page *p = s->pages[i];
		if (p->meta == NULL || p->draft ||
		    strcmp(p->kind, "atelier") != 0)
			continue;
		int year = site_workshop_year(s, p);
		const history_file *hf = history_get(s->history, p->file);
		if (year <= 0 || !spans_earlier_day(s, hf, year))
			continue;
		if (r == NULL)
			r = eventrev_new(s->src);
		arena *a = arena_new();
		struct past was;
		if (find_past(s, r, hf, year, a, &was) &&
		    !kept_elsewhere(s, p, &was))
			warn_past(s, p, year, &was);
		arena_free(a);
	}
	eventrev_free(r);
}
