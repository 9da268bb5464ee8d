/*
 * site_gone.c - workshops whose file was deleted, or slots taken out,
 * while still to come (outside tester 25 F20, 26 F1).  Deleting the file is
 * what a volunteer does to cancel a workshop: its page and calendar vanish, and
 * a resident who imported its atelier.ics (« Ajouter à mon agenda », not a
 * subscription) keeps the event with nothing to cancel it, and comes on
 * the day.  The history (history_deleted()) knows the file, its last
 * version says its day: a warning (refused by the strict hook) saying
 * to keep the file with « statut: annule », which publishes the
 * cancellation (STATUS:CANCELLED, SEQUENCE raised) instead.  The same
 * for one slot taken out of a workshop's creneaux (slotid.h).
 */
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "eventrev.h"
#include "path.h"
#include "slotid.h"
#include "site_int.h"

/* The latest of *best and the date written in v (a "date" string). */
static void
later_day(const value *v, civil_date *best, bool *have)
{
	civil_date d;
	const char *s = value_get_string(v);
	if (s == NULL || !date_parse(s, &d))
		return;
	if (!*have || date_cmp(d, *best) > 0)
		*best = d;
	*have = true;
}

/* The day of the edition a workshop without its own date belongs to:
 * its "edition", else the current one (as site_place_in_edition()). */
static const value *
edition_date(site *s, const value *meta)
{
	/* the version as written: its year is text, not yet a number */
	const value *y = value_get(meta, "edition");
	const char *ys = value_get_string(y);
	int year = ys != NULL ? atoi(ys) : (int)value_get_number(y);
	const struct edition *ed =
	    y != NULL ? site_find_edition(s, year) : s->current;
	return ed != NULL ? value_get(ed->meta, "date") : NULL;
}

/* The last day a deleted workshop's version announced (its date, its
 * slots', its edition's for what has none); false when none is known. */
static bool
last_day(site *s, const value *meta, civil_date *out)
{
	bool have = false;
	const value *slots = value_get(meta, "creneaux");
	bool inherits =
	    value_get(meta, "date") == NULL && value_len(slots) == 0;
	later_day(value_get(meta, "date"), out, &have);
	for (size_t i = 0; i < value_len(slots); i++) {
		const value *d = value_get(value_at(slots, i), "date");
		if (d == NULL && value_get(meta, "date") == NULL)
			inherits = true;
		later_day(d, out, &have);
	}
	if (inherits)
		later_day(edition_date(s, meta), out, &have);
	return have;
}

/* A yes of the version as written (text, not yet the schema's). */
static bool
is_yes(const value *v)
{
	const char *t = value_get_string(v);
	if (t == NULL)
		return value_get_bool(v);
	return strcmp(t, "true") == 0 || strcmp(t, "oui") == 0 ||
	       strcmp(t, "yes") == 0;
}

/* Was the version published: not a draft, not for later, not already
 * cancelled (then residents were told: deleting it afterwards is the
 * ordinary clean-up). */
static bool
was_announced(const site *s, const value *meta)
{
	civil_date from;
	const char *pub = value_get_string(value_get(meta, "publier_le"));
	const char *st = value_get_string(value_get(meta, "statut"));
	if (is_yes(value_get(meta, "brouillon")))
		return false;
	if (pub != NULL && date_parse(pub, &from) &&
	    date_cmp(from, s->today) > 0)
		return false;
	return st == NULL || strcmp(st, "annule") != 0;
}

static void
warn_gone(site *s, const history_gone *g, struct git_repository *repo)
{
	const char *rel = path_under(g->path, s->root);
	const char *kind = rel ? schema_kind_for_path(s->sc, rel) : NULL;
	if (kind == NULL || strcmp(kind, "atelier") != 0)
		return;
	arena *a = arena_new();
	const value *meta = eventrev_old_meta(repo, g->blob, a);
	civil_date day = {0, 0, 0};
	if (meta != NULL && was_announced(s, meta) && last_day(s, meta, &day) &&
	    date_cmp(day, s->today) >= 0)
		diag_report(
		    s->d, DIAG_WARNING, g->path, 0, 0,
		    "this workshop's file was deleted (commit %.7s) while the "
		    "workshop, published, is still to come (%04d-%02d-%02d): "
		    "residents who added it to their calendar will not learn "
		    "it is cancelled, and its page, linked from printed "
		    "programmes and QR codes, is gone; to cancel a workshop, "
		    "keep its file with 'statut: annule' (get it back with: "
		    "git checkout %.7s^ -- %s)",
		    g->commit, day.year, day.month, day.day, g->commit,
		    g->path);
	arena_free(a);
}

/* The day of slot g of p's file: its own date, else the workshop's,
 * else its edition's; false when none is known. */
static bool
gone_day(site *s, const page *p, const slotid_gone *g, civil_date *out)
{
	const char *d = g->date;
	if (d == NULL)
		d = value_get_string(value_get(p->meta, "date"));
	if (d == NULL) {
		const struct edition *ed =
		    site_find_edition(s, site_workshop_year(s, p));
		d = ed != NULL ? value_get_string(value_get(ed->meta, "date"))
		               : NULL;
	}
	return d != NULL && date_parse(d, out);
}

/* Where a slot taken out is warned of: creneaux, else (its slots given
 * way to the workshop's own debut/fin) debut, else the front matter. */
static const value *
gone_where(const page *p)
{
	const value *at = value_get(p->meta, "creneaux");
	if (at == NULL)
		at = value_get(p->meta, "debut");
	return at != NULL ? at : p->meta;
}

/* A slot as a line of creneaux: date (NULL: none), debut, fin, and
 * what follows them (", statut: annule" or ""). */
static const char *
slot_line(site *s, const char *date, const char *debut, const char *fin,
          const char *more)
{
	if (date != NULL)
		return arena_printf(
		    s->a, "- {date: %s, debut: \"%s\", fin: \"%s\"%s}", date,
		    debut, fin, more);
	return arena_printf(s->a, "- {debut: \"%s\", fin: \"%s\"%s}", debut,
	                    fin, more);
}

/* Slot g dropped when p's creneaux gave way to its own debut/fin (the
 * slot kept continues as its one event, slotid_numbers()): said so,
 * and not as a slot taken out of a creneaux p no longer has, whose
 * advice (keep it with « statut: annule ») the editor could not follow
 * as written. */
static void
warn_slot_dropped(site *s, const page *p, const slotid_gone *g, civil_date day)
{
	const char *d = value_get_string(value_get(p->meta, "date"));
	const char *deb = value_get_string(value_get(p->meta, "debut"));
	const char *fin = value_get_string(value_get(p->meta, "fin"));
	deb = deb != NULL ? deb : "?";
	fin = fin != NULL ? fin : "?";
	diag_at(s->d, DIAG_WARNING, gone_where(p),
	        "this workshop's 'creneaux' were replaced by one time of its "
	        "own ('debut' and 'fin', %s-%s), and its slot of "
	        "%04d-%02d-%02d, %s-%s, still to come, went with them: "
	        "residents who added it to their calendar (creneau-%zu.ics) "
	        "will not learn it is cancelled; to cancel it, write "
	        "'creneaux' again instead of 'debut' and 'fin', the slot kept "
	        "as %s and this one as %s, so that their calendars hear of it",
	        deb, fin, day.year, day.month, day.day, g->debut, g->fin,
	        g->number, slot_line(s, d, deb, fin, ""),
	        slot_line(s, g->date, g->debut, g->fin, ", statut: annule"));
}

/*
 * The slots taken out of a workshop's creneaux while still to come
 * (outside tester 26 F1): the same loss as a deleted file, for one
 * slot: its event vanishes from programme.ics, its creneau-N.ics is a
 * 404, and a resident who imported it comes for nothing.  A warning at
 * creneaux, with the line that cancels it instead.
 */
static void
warn_slots_gone(site *s, const page *p)
{
	const char *st = value_get_string(value_get(p->meta, "statut"));
	if (p->draft || (st != NULL && strcmp(st, "annule") == 0))
		return;
	for (size_t i = 0; i < p->nslots_gone; i++) {
		const slotid_gone *g = &p->slots_gone[i];
		civil_date day;
		if (!gone_day(s, p, g, &day) || date_cmp(day, s->today) < 0)
			continue;
		if (value_len(value_get(p->meta, "creneaux")) == 0) {
			warn_slot_dropped(s, p, g, day);
			continue;
		}
		const char *line =
		    slot_line(s, g->date, g->debut, g->fin, ", statut: annule");
		diag_at(
		    s->d, DIAG_WARNING, gone_where(p),
		    "a slot of this workshop (%04d-%02d-%02d, %s-%s) was "
		    "taken out of 'creneaux' while it is still to come: "
		    "residents who added it to their calendar "
		    "(creneau-%zu.ics) will not learn it is cancelled; to "
		    "cancel one slot, keep it with 'statut: annule' (%s), so "
		    "that their calendars hear of it",
		    day.year, day.month, day.day, g->debut, g->fin, g->number,
		    line);
	}
}

void
site_gone_warn(site *s)
{
	size_t n;
	const history_gone *g = history_deleted(s->history, &n);
	struct git_repository *repo = source_repo(s->src);
	for (size_t i = 0; repo != NULL && i < n; i++)
		warn_gone(s, &g[i], repo);
	for (size_t i = 0; i < s->npages; i++)
		if (s->pages[i]->nslots_gone > 0)
			warn_slots_gone(s, s->pages[i]);
}
