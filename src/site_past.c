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
#include "strmap.h"
#include "value.h"
#include "xalloc.h"

/* What the file was: of edition year, whose day it outlived (or marked
 * realise), with the title it had then. */
struct past {
	int year;
	const char *titre;
	bool realise;
};

/* A workshop of the site's own files, published (generated pages have
 * no file). */
static bool
is_workshop(const page *p)
{
	return p->meta != NULL && p->path != NULL && !p->draft &&
	       strcmp(p->kind, "atelier") == 0;
}

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
		if (q == p || !is_workshop(q) ||
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

/* The line a workshop's edition comes from: its edition, its date, or
 * its front matter (the current edition). */
static const value *
edition_line(const page *p)
{
	const value *at = value_get(p->meta, "edition");
	if (at == NULL)
		at = value_get(p->meta, "date");
	return at != NULL ? at : p->meta;
}

/* The warning, at the line its edition comes from. */
static void
warn_past(site *s, const page *p, int year, const struct past *was)
{
	const value *at = edition_line(p);
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

/* Whether p was added after q (by their files' first commits; a file
 * not committed yet is the newest; without history, neither). */
static bool
added_after(site *s, const page *p, const page *q)
{
	if (s->history == NULL)
		return false;
	const history_file *hp = history_get(s->history, p->file);
	const history_file *hq = history_get(s->history, q->file);
	long long tp = hp != NULL ? hp->created : 0;
	long long tq = hq != NULL ? hq->created : 0;
	if (tp == 0 || tq == 0)
		return hq != NULL && hp == NULL;
	return tp > tq;
}

/* The edition after year the site has, else year + 1: what a copy was
 * most likely made for. */
static int
next_edition(const site *s, int year)
{
	int next = 0;
	for (size_t i = 0; i < s->neds; i++)
		if (s->eds[i].year > year &&
		    (next == 0 || s->eds[i].year < next))
			next = s->eds[i].year;
	return next != 0 ? next : year + 1;
}

/* A workshop's place as written (lieu: a name, or its nom and
 * adresse), "" for none: what tells a copy from a namesake. */
static const char *
place_of(arena *a, const page *p)
{
	const value *l = value_get(p->meta, "lieu");
	const char *name = value_get_string(l);
	if (name != NULL)
		return name;
	const char *nom = value_get_string(value_get(l, "nom"));
	const char *adr = value_get_string(value_get(l, "adresse"));
	return arena_printf(a, "%s\n%s", nom != NULL ? nom : "",
	                    adr != NULL ? adr : "");
}

/*
 * Two workshops of one edition with one title and one place: most often
 * last year's file copied for this year, its edition left (outside
 * tester 25 F1): the archive lists it twice and this year lacks it.
 * Two of one title at two places are namesakes (« Ramassage des
 * déchets » in two quartiers), which the strict hook must not refuse.
 * Said at the title of the one added last (the one later in the site's
 * order when the history does not tell), naming the other; said[i] set
 * for the page it is said at.  One pass, the workshops by edition,
 * title and place in a map.
 */
static void
warn_same_titles(site *s, bool *said)
{
	arena *a = arena_new();
	strmap *seen = strmap_new(a);
	for (size_t i = 0; i < s->npages; i++) {
		const page *p = s->pages[i];
		const char *t =
		    is_workshop(p)
		        ? value_get_string(value_get(p->meta, "titre"))
		        : NULL;
		int year = t != NULL ? site_workshop_year(s, p) : 0;
		if (year <= 0)
			continue;
		const char *key =
		    arena_printf(a, "%d\n%s\n%s", year, t, place_of(a, p));
		size_t *first = strmap_get(seen, key);
		if (first == NULL) {
			first = arena_alloc(a, sizeof(*first));
			*first = i;
			strmap_put(seen, key, first);
			continue;
		}
		/* the later of the two is told, naming the other */
		size_t at = added_after(s, s->pages[*first], p) ? *first : i;
		const page *other = s->pages[at == i ? *first : i];
		int next = next_edition(s, year);
		diag_at(
		    s->d, DIAG_WARNING, value_get(s->pages[at]->meta, "titre"),
		    "%s is also the title of %s, of the same %d edition: if "
		    "one of them is a copy for the %d edition, write "
		    "'edition: %d' in that one (and its statut, its dates); "
		    "else give one of them another title",
		    t, other->file, year, next, next);
		said[at] = true;
	}
	arena_free(a);
}

/* Whether a recap of year names p in its ateliers. */
static bool
in_recap(const site *s, const page *p, int year)
{
	for (size_t i = 0; i < s->npages; i++) {
		const page *q = s->pages[i];
		const value *refs =
		    q->meta != NULL && strcmp(q->kind, "retour") == 0 &&
		            (int)value_get_number(
		                value_get(q->meta, "edition")) == year
		        ? value_get(q->meta, "ateliers")
		        : NULL;
		for (size_t k = 0; k < value_len(refs); k++) {
			const char *r = value_get_string(value_at(refs, k));
			if (r != NULL && strcmp(r, p->key) == 0)
				return true;
		}
	}
	return false;
}

/* The day hf's file was first committed, in the site's zone; false when
 * not known. */
static bool
made_on(const site *s, const history_file *hf, civil_date *d)
{
	if (hf == NULL || hf->created == 0)
		return false;
	*d = date_day_in_zone(zone(s), hf->created);
	return true;
}

/* The earliest edition after year whose file was written on or before
 * day: the site had moved on to it. */
static const struct edition *
moved_on(site *s, int year, civil_date day)
{
	const struct edition *best = NULL;
	for (size_t i = 0; i < s->neds; i++) {
		civil_date m;
		if (s->eds[i].year > year &&
		    made_on(s, history_get(s->history, s->eds[i].file), &m) &&
		    date_cmp(m, day) <= 0 &&
		    (best == NULL || s->eds[i].year < best->year))
			best = &s->eds[i];
	}
	return best;
}

/*
 * A workshop of an edition added after its day, once the next edition's
 * file was written: most often last year's file copied for the next
 * year with its edition left (outside tester 25 F1).  An edition whose
 * file came after its day too (an archive put in afterwards) is left
 * alone, as is a workshop its edition's recap names (recorded late).
 */
static void
warn_added_late(site *s, const page *p)
{
	int year = site_workshop_year(s, p);
	const struct edition *ed = site_find_edition(s, year);
	civil_date day, made, emade;
	if (!day_of(ed, &day) ||
	    !made_on(s, history_get(s->history, p->file), &made) ||
	    date_cmp(made, day) <= 0 ||
	    !made_on(s, history_get(s->history, ed->file), &emade) ||
	    date_cmp(emade, day) > 0)
		return;
	const struct edition *next = moved_on(s, year, made);
	if (next == NULL || in_recap(s, p, year))
		return;
	char added[16];
	date_format_iso(made, added, sizeof(added));
	diag_at(s->d, DIAG_WARNING, edition_line(p),
	        "this workshop is of the %d edition, whose day (%s) had "
	        "passed when its file was added (%s), after the %d edition's "
	        "file: if it is for %d, write 'edition: %d' (and its statut, "
	        "its dates); if it took place on the %d Journée, name it in "
	        "that edition's recap (ateliers:)",
	        year, value_get_string(value_get(ed->meta, "date")), added,
	        next->year, next->year, next->year, year);
}

void
site_past_check(site *s)
{
	bool *said = xcalloc(s->npages + 1, sizeof(*said));
	warn_same_titles(s, said);
	eventrev *r = NULL;
	for (size_t i = 0; s->history != NULL && i < s->npages; i++) {
		const page *p = s->pages[i];
		if (!is_workshop(p) || said[i])
			continue;
		warn_added_late(s, p);
		int year = site_workshop_year(s, p);
		const history_file *hf = history_get(s->history, p->file);
		if (year <= 0 || !spans_earlier_day(s, hf, year))
			continue;
		if (r == NULL)
			r = eventrev_new(s->src, s->revmemo);
		arena *a = arena_new();
		struct past was;
		if (find_past(s, r, hf, year, a, &was) &&
		    !kept_elsewhere(s, p, &was))
			warn_past(s, p, year, &was);
		arena_free(a);
	}
	eventrev_free(r);
	free(said);
}
