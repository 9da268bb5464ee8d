#include "calendar.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cachedir.h"
#include "date.h"
#include "eventrev.h"
#include "hash.h"
#include "ics.h"
#include "markdown.h"
#include "revtable.h"
#include "slotid.h"
#include "slug.h"
#include "urlbase.h"
#include "view.h"
#include "wholesite.h"
#include "xalloc.h"

struct cal {
	site *s;
	output *o;
	diag *d;
	const char *tz;
	const char *site_url; /* "https://host", no trailing '/' */
	const char *where;    /* urlbase_uid_origin(): "host[/path]" */
	long long stamp;
	/* the theme's words (cancelled: before a cancelled workshop's
	 * SUMMARY) */
	calendar_words words;
	arena *a;
	char exe[64]; /* cachedir_exe_id(), in every calendar's key */
	/* ics_begin_parts() of the zone, made once (calendar_job owns
	 * them): a calendar's head is these around its name */
	const buf *before, *after;
	/* the workshops' revisions, shared with the open data, and what
	 * each edition's take from outside their files (NULL: no
	 * history, or check); the part's reader of old versions (NULL:
	 * none) */
	revtable *revs;
	eventrev *rev;
	/* while a workshop's calendars are made: its slots' own revisions
	 * (revtable_slots(), in its creneaux' order), NULL when none are
	 * known */
	const eventrev_rev *slot_revs;
};

/* p's eventrev_base (none for a year not found: no history). */
static const eventrev_base *
base_of(const struct cal *c, const page *p)
{
	return revtable_base(c->revs, p);
}

static const char *
str(const value *v, const char *path)
{
	return value_get_string(value_path(v, path));
}

static const char *
status_of(const value *view)
{
	return eventrev_status(str(view, "statut"));
}

/*
 * SUMMARY: the title, after "Annulé : " for a cancelled workshop.  Many
 * calendar applications show a STATUS:CANCELLED event like any other
 * (Google Calendar's subscriptions among them): the resident must read
 * it in the title, as the page says it in its banner.
 */
static const char *
summary_of(struct cal *c, const value *view, const char *status)
{
	const char *title = str(view, "titre");
	if (title == NULL || strcmp(status, "CANCELLED") != 0)
		return title;
	return ics_cancelled_summary(c->a, title, c->words.cancelled,
	                             c->words.lang);
}

/*
 * LOCATION: the place's name and address, as a postman would read them,
 * then the meeting point (rdv) when the workshop has one: « École, Rue
 * de l'École — Rendez-vous : Sous le préau du gymnase ».  In LOCATION,
 * not DESCRIPTION: it is the line agenda views and reminders show
 * without opening the event, and where residents must actually go (a
 * meeting point moved on a rainy morning, outside tester 26 F9); the
 * place comes first, so a map search still starts with it (GEO, when
 * known, holds the place's point).
 */
static const char *
location_of(struct cal *c, const value *view)
{
	const char *nom = str(view, "lieu.nom"),
	           *adr = str(view, "lieu.adresse"), *rdv = str(view, "rdv");
	const char *place = nom != NULL && adr != NULL
	                        ? arena_printf(c->a, "%s, %s", nom, adr)
	                        : (nom != NULL ? nom : adr);
	return ics_location(c->a, place, c->words.meeting, c->words.lang, rdv);
}

/* DESCRIPTION: the summary, the rain plan (repli_pluie, after the
 * theme's « En cas de pluie », rain: the line made by the caller, or
 * NULL), then the page's text without its markup.  In b, freed once the
 * workshop's events are written: the texts of all workshops are never
 * held together. */
static const char *
description_of(const page *p, const char *rain, buf *b)
{
	const char *resume = str(p->view, "resume");
	if (resume != NULL)
		buf_puts(b, resume);
	if (rain != NULL) {
		if (b->len > 0)
			buf_puts(b, "\n\n");
		buf_puts(b, rain);
	}
	if (site_page_has_body(p)) {
		buf text = BUF_INIT;
		site_plain_text(p, &text);
		if (text.len > 0 && b->len > 0)
			buf_puts(b, "\n\n");
		buf_put(b, text.data, text.len);
		buf_free(&text);
	}
	return buf_cstr(b);
}

/* The rain plan's line of DESCRIPTION (repli_pluie), NULL when none. */
static const char *
rain_of(struct cal *c, const value *view)
{
	const char *plan = str(view, "repli_pluie");
	if (plan == NULL || *plan == '\0')
		return NULL;
	return ics_labelled(c->a, c->words.rain, c->words.lang, plan);
}

static size_t
categories_of(struct cal *c, const value *view, const char ***out)
{
	const value *tags = value_get(view, "tags");
	const char **cats =
	    arena_alloc(c->a, (value_len(tags) + 1) * sizeof(*cats));
	size_t n = 0;
	if (str(view, "categorie.nom") != NULL)
		cats[n++] = str(view, "categorie.nom");
	for (size_t i = 0; i < value_len(tags); i++)
		if (str(value_at(tags, i), "nom") != NULL)
			cats[n++] = str(value_at(tags, i), "nom");
	*out = cats;
	return n;
}

/* When p's events last changed: its file's last change, or the commit
 * that moved them from outside it (its edition's day, the zone: moved,
 * the time eventrev_revision() gives), 0 when not known. */
static long long
changed_at(const page *p, long long moved)
{
	double own = value_get_number(value_get(p->view, "mis_a_jour_unix"));
	long long t = own > 0 ? (long long)own : 0;
	return t > 0 && moved > t ? moved : t;
}

/* The event of a workshop, its slots aside: desc holds its
 * description, freed once the workshop's calendar is made (the texts of
 * all workshops are never held together). */
static void
event_of(struct cal *c, const page *p, ics_event *e, buf *desc)
{
	const value *v = p->view;
	const char **cats;
	/* DTSTAMP: when this workshop last changed, so that a commit
	 * touching one page leaves the other calendars byte for byte the
	 * same; the build time when there is no history (a folder). */
	long long changed = changed_at(p, 0);
	*e = (ics_event){.dtstamp = changed > 0 ? changed : c->stamp,
	                 .last_modified = changed,
	                 .date = str(v, "date"),
	                 .start = str(v, "debut"),
	                 .end = str(v, "fin"),
	                 .description = description_of(p, rain_of(c, v), desc),
	                 .location = location_of(c, v),
	                 .url = arena_printf(c->a, "%s%s", c->site_url, p->url),
	                 .status = status_of(v)};
	e->summary = summary_of(c, v, e->status);
	e->ncategories = categories_of(c, v, &cats);
	e->categories = cats;
	e->has_geo = value_to_number(value_path(v, "lieu.lat"), &e->lat) &&
	             value_to_number(value_path(v, "lieu.lon"), &e->lon);
}

/* Sets e's date and times to those of slot i of n (n 0: the workshop's
 * own, as event_of() set them). */
static void
slot_times(const page *p, ics_event *e, size_t i, size_t n)
{
	const value *v = p->view;
	if (n == 0)
		return;
	const value *sl = value_at(value_get(v, "creneaux"), i);
	const char *date = str(sl, "date");
	e->date = date != NULL ? date : str(v, "date");
	e->start = str(sl, "debut");
	e->end = str(sl, "fin");
}

/* Sets e's STATUS and SUMMARY to those of slot i of n when it has its
 * own statut (« annule »: that slot alone is cancelled; the workshop's
 * CANCELLED wins over any slot's).  A slot taken out of the file
 * vanished from calendars that had imported it (outside tester 26 F1):
 * kept as CANCELLED under its UID, it reaches them. */
static void
slot_status(struct cal *c, const page *p, ics_event *e, size_t i, size_t n)
{
	const value *sl = value_at(value_get(p->view, "creneaux"), i);
	const char *own = n > 0 ? str(sl, "statut") : NULL;
	if (own == NULL || strcmp(e->status, "CANCELLED") == 0)
		return;
	e->status = eventrev_status(own);
	e->summary = summary_of(c, p->view, e->status);
}

/* The form of slot sl among ins's formulaires, found by its numero:
 * signup.c lists only the slots open for sign-up, so a slot's place in
 * creneaux is not its place there (slots34); NULL when it has none. */
static const value *
slot_form(const value *ins, const value *sl)
{
	const value *forms = value_get(ins, "formulaires");
	const value *id = value_get(sl, "numero");
	for (size_t k = 0; id != NULL && k < value_len(forms); k++) {
		const value *f = value_at(forms, k);
		const value *fid = value_get(f, "numero");
		if (fid != NULL &&
		    (long)value_get_number(fid) == (long)value_get_number(id))
			return f;
	}
	return NULL;
}

/* desc, then the ways to sign up for slot i of n (signup.c's
 * agenda_texte: its own form's, else the workshop's) while sign-up is
 * open: a resident who added the workshop to a calendar found its day
 * and place there, not how to say « I come » (outside tester 24 F5).
 * A slot not open for sign-up (its inscription_ouverte, signup.c: a
 * cancelled one) has none: its CANCELLED event invited residents to
 * sign up for it.  Joined in the caller's joined, valid until its next
 * slot: in the part's arena, every workshop's text was held to the
 * part's end (26 MB at 10,000 pages, the peak of the calendars, issue
 * 14). */
static const char *
with_signup(const page *p, const char *desc, size_t i, size_t n, buf *joined)
{
	const value *ins = value_get(p->view, "inscription");
	if (!value_get_bool(value_get(p->view, "ouvert")) ||
	    value_kind_of(ins) != VALUE_MAP)
		return desc;
	const char *line = NULL;
	if (n > 0) {
		const value *sl = value_at(value_get(p->view, "creneaux"), i);
		if (!value_get_bool(value_get(sl, "inscription_ouverte")))
			return desc;
		line = str(slot_form(ins, sl), "agenda_texte");
	}
	if (line == NULL)
		line = str(ins, "agenda_texte");
	if (line == NULL)
		return desc;
	if (desc == NULL || *desc == '\0')
		return line;
	buf_reset(joined);
	buf_puts(joined, desc);
	buf_puts(joined, "\n\n");
	buf_puts(joined, line);
	return buf_cstr(joined);
}

/* The number slot i of n is known by (its UID's and its calendar's:
 * its numero, kept when slots are added or moved, slotid_of_view());
 * for n 0, the workshop's one event: the slot it continues, else 0 (its
 * own UID). */
static size_t
slot_number(const page *p, size_t i, size_t n)
{
	if (n == 0)
		return p->lone_slot;
	return slotid_of_view(value_at(value_get(p->view, "creneaux"), i), i);
}

/* Sets e's date, times and UID to those of slot i of n (n 0: the
 * workshop's own); false if it has no date (nothing to show).  The UID
 * is made of the workshop's first key, kept through renames; the
 * description may be in joined (with_signup()). */
static bool
slot(struct cal *c, const page *p, ics_event *e, size_t i, size_t n,
     buf *joined)
{
	const char *key = p->event_key != NULL ? p->event_key : p->key;
	slot_times(p, e, i, n);
	slot_status(c, p, e, i, n);
	e->description = with_signup(p, e->description, i, n, joined);
	e->uid = urlbase_uid(c->a, key, c->where, slot_number(p, i, n));
	if (n > 0 && c->slot_revs != NULL)
		e->sequence = c->slot_revs[i].sequence;
	return e->date != NULL;
}

/* Appends the VEVENTs of one workshop: one per slot.  ends[i] (when
 * ends is not NULL): where slot i's event (the workshop's one event
 * without creneaux, i 0) ends in out, so that its own calendar is out's
 * bytes from ends[i - 1] (0 for the first). */
static int
events(struct cal *c, const page *p, ics_event *e, buf *out, const char **bad,
       size_t *ends)
{
	size_t n = value_len(value_get(p->view, "creneaux"));
	buf joined = BUF_INIT;
	int rc = 0;
	for (size_t i = 0; i < (n > 0 ? n : 1); i++) {
		ics_event s = *e; /* slot() adds to its description */
		if (slot(c, p, &s, i, n, &joined) &&
		    ics_event_write(out, &s, c->tz) != 0) {
			*bad = s.date; /* reported by calendar_finish() */
			rc = -1;
			break;
		}
		if (ends != NULL)
			ends[i] = out->len;
	}
	buf_free(&joined);
	return rc;
}

/* How many calendars of one slot a workshop has beside its own: one a
 * slot with two slots or more (view.h CALENDAR_SLOT_PREFIX), else none
 * (its own calendar is its one event). */
static size_t
slot_files(const page *p)
{
	size_t n = value_len(value_get(p->view, "creneaux"));
	return n >= 2 ? n : 0;
}

/*
 * How many calendars of one slot a workshop has beside its own: its
 * slots' (slot_files()), then the addresses published before that those
 * no longer cover (page.slot_aliases, slotid.h): an « Ajouter ce
 * créneau » link kept in a message, a bookmark or a printed programme
 * still gives the slot's event, under the UID it has now, the one
 * programme.ics and atelier.ics give it, so that a subscribed calendar
 * updates that event rather than keeping a copy.  A resident who had
 * imported the file before holds the event under the UID it had then:
 * importing it again adds the event a second time in some applications
 * (the UID changed), which is better than no calendar at all.
 */
static size_t
calendar_files(const page *p)
{
	return slot_files(p) + p->nslot_aliases;
}

/* The event (its index among the workshop's, events()) calendar file k
 * (calendar_files()) holds. */
static size_t
file_event(const page *p, size_t k)
{
	size_t n = slot_files(p),
	       all = value_len(value_get(p->view, "creneaux"));
	if (k < n)
		return k;
	size_t want = p->slot_aliases[k - n].number;
	for (size_t i = 0; i < all; i++)
		if (slot_number(p, i, all) == want)
			return i;
	return 0; /* the workshop's one event (slotid.h: always found) */
}

/* Calendar file k's path (calendar_files()), beside the workshop's
 * (path, its CALENDAR_FILE), named by its slot's number or its old
 * address. */
static const char *
slot_path(struct cal *c, const page *p, const char *path, size_t k)
{
	size_t n = slot_files(p);
	return arena_printf(
	    c->a, "%.*s" CALENDAR_SLOT_PREFIX "%zu" CALENDAR_SLOT_SUFFIX,
	    (int)(strlen(path) - strlen(CALENDAR_FILE)), path,
	    k < n ? slot_number(p, k, n) : p->slot_aliases[k - n].address);
}

/* Into k: the old addresses p's calendar files include (page.slot_aliases),
 * which the same events may be written at or not. */
static void
alias_key(const page *p, buf *k)
{
	buf_put(k, &p->nslot_aliases, sizeof(p->nslot_aliases));
	if (p->nslot_aliases > 0)
		buf_put(k, p->slot_aliases,
		        p->nslot_aliases * sizeof(*p->slot_aliases));
}

static void
key_str(buf *k, const char *s)
{
	if (s == NULL) {
		buf_putc(k, '\1');
		return;
	}
	buf_putc(k, '\2');
	buf_put(k, s, strlen(s) + 1);
}

/*
 * The key of a workshop's calendar (incremental builds): everything its
 * bytes are made of, as handed to ics.c (this binary, the time zone, the
 * title, every field of every slot's event, the description whole), so
 * that a calendar made from the same key is kept from the last build
 * instead of made again.
 */
static void
event_key(struct cal *c, const page *p, ics_event *e, char out[HASH_HEX + 1])
{
	buf k = BUF_INIT;
	/* the numbers as their bytes: printing two doubles with %.17g was
	 * a quarter of a kept calendar's cost */
	double geo[2] = {e->has_geo ? e->lat : 0.0, e->has_geo ? e->lon : 0.0};
	unsigned char has_geo = e->has_geo;
	buf_puts(&k, "calendar 6 " FABRIQUE_VERSION " ");
	buf_put(&k, c->exe, strlen(c->exe) + 1);
	buf_put(&k, &e->dtstamp, sizeof(e->dtstamp));
	buf_put(&k, &e->last_modified, sizeof(e->last_modified));
	eventrev_key(c->rev, site_page_history(c->s, p), base_of(c, p), &k);
	buf_put(&k, &p->lone_slot, sizeof(p->lone_slot)); /* its UID */
	alias_key(p, &k);
	buf_put(&k, &e->ncategories, sizeof(e->ncategories));
	buf_put(&k, &has_geo, 1);
	buf_put(&k, geo, sizeof(geo));
	key_str(&k, c->tz);
	key_str(&k, str(p->view, "titre"));
	key_str(&k, e->summary);
	key_str(&k, e->description);
	key_str(&k, e->location);
	key_str(&k, e->url);
	key_str(&k, e->status);
	for (size_t i = 0; i < e->ncategories; i++)
		key_str(&k, e->categories[i]);
	size_t n = value_len(value_get(p->view, "creneaux"));
	buf joined = BUF_INIT;
	for (size_t i = 0; i < (n > 0 ? n : 1); i++) {
		ics_event s = *e;
		if (!slot(c, p, &s, i, n, &joined)) {
			buf_putc(&k, '\3');
			continue;
		}
		key_str(&k, s.date);
		key_str(&k, s.start);
		key_str(&k, s.end);
		key_str(&k, s.uid);
		key_str(&k, s.description);
		key_str(&k, s.status);
		key_str(&k, s.summary);
	}
	buf_free(&joined);
	hash_hex(k.data, k.len, out);
	buf_free(&k);
}

/* mis_a_jour_unix is not among them: it changes at every commit of
 * the page, and the DTSTAMP it gives goes into view_key() itself (a key
 * here would change every page's digest that reaches the page). */
const char *const calendar_view_keys[] = {"titre",
                                          "resume",
                                          "date",
                                          "debut",
                                          "fin",
                                          "statut",
                                          "lieu",
                                          "nom",
                                          "adresse",
                                          "lat",
                                          "lon",
                                          "categorie",
                                          "tags",
                                          "creneaux",
                                          "edition",
                                          "ouvert",
                                          "inscription",
                                          "formulaires",
                                          "agenda_texte",
                                          "numero",
                                          "rdv",
                                          "repli_pluie",
                                          "inscription_ouverte",
                                          NULL};

static int
emit(struct cal *c, const char *path, buf *b)
{
	if (c->o == NULL)
		return 0;
	return output_write(c->o, path, b->data, b->len);
}

static bool
is_workshop(const page *p)
{
	return p->path != NULL && !p->draft && p->view != NULL &&
	       strcmp(p->kind, "atelier") == 0;
}

/* Beside the page's index.html: a path, not a URL. */
static const char *
calendar_path(struct cal *c, const page *p)
{
	return arena_printf(c->a, "%.*s" CALENDAR_FILE,
	                    (int)(strlen(p->out) - strlen("index.html")),
	                    p->out);
}

/* What ics_begin(b, the workshop's title, the zone) appends, from the
 * zone's parts made once (its VTIMEZONE was most of a kept calendar's
 * cost). */
static void
put_head(struct cal *c, const page *p, buf *b)
{
	buf_put(b, c->before->data, c->before->len);
	ics_name(b, str(p->view, "titre"));
	buf_put(b, c->after->data, c->after->len);
}

/* A workshop's own calendar: its events, made once (see calendar_part).
 * *head_len: the length of what comes before the events. */
static int
workshop_calendar(struct cal *c, const page *p, const char *path, const buf *ev,
                  size_t *head_len)
{
	buf b = BUF_INIT;
	put_head(c, p, &b);
	*head_len = b.len;
	buf_put(&b, ev->data, ev->len);
	ics_end(&b);
	int rc = emit(c, path, &b);
	buf_free(&b);
	return rc;
}

/* What workshop_calendar() puts before the events of a calendar kept
 * from the last build: its length. */
static size_t
head_of(struct cal *c, const page *p)
{
	buf b = BUF_INIT;
	ics_name(&b, str(p->view, "titre"));
	size_t n = c->before->len + b.len + c->after->len;
	buf_free(&b);
	return n;
}

/* A workshop whose events could not be made: reported by
 * calendar_finish(), in page order, whichever thread made its part. */
struct failure {
	const char *file, *date;
};

/* The events of a workshop of the programme, as its own calendar holds
 * them: from octet head to the calendar's end (ics_end()) at path; len
 * bytes, or UNKNOWN for a calendar kept from the last build. */
struct slice {
	const char *path;
	size_t head, len;
};
#define UNKNOWN SIZE_MAX

/*
 * One run of pages [from, to), made on one thread: its own arena, its
 * failures.  Each notes where its workshops' calendars hold their events
 * and calendar_finish() streams them back into the programme: holding
 * the programme (37 MB at 10,000 pages) was the end of a build's peak.
 */
struct part {
	struct cal c;
	size_t from, to;
	buf prog; /* the first part's: the programme's head */
	struct slice *later;
	size_t nlater, caplater;
	bool lost; /* a calendar of the programme was not written */
	struct failure *fail;
	size_t nfail, capfail;
	bool prog_failed;
	/* its reader of old versions (the SEQUENCE), with its own handle
	 * on the repository: the parts run on several threads */
	eventrev *rev;
	/* the keys of its workshops of the programme, in page order (see
	 * programme_key()); unkeyed: one had none */
	buf keys;
	bool unkeyed;
	int rc;
};

struct calendar_job {
	site *s;
	output *o;
	diag *d;
	struct cal c; /* time zone, host, and the arena of the strings */
	int year;     /* the programme's edition */
	size_t tail;  /* the length of what ics_end() writes */
	calendar_keep_fn keep; /* calendar_reuse() */
	calendar_made_fn made;
	void *reuse_ctx;
	const viewhash_digest *views; /* calendar_views(), or NULL */
	const bool *keyed;
	bool edition;      /* the site has a current edition */
	buf before, after; /* ics_begin_parts() of the zone (struct cal) */
	struct part *parts;
	size_t nparts;
};

static void
failed(struct part *pt, const char *file, const char *date)
{
	if (pt->nfail == pt->capfail) {
		pt->capfail = pt->capfail ? 2 * pt->capfail : 4;
		pt->fail = xrealloc(pt->fail, pt->capfail * sizeof(*pt->fail));
	}
	pt->fail[pt->nfail++] = (struct failure){file, date};
}

static void
note(struct part *pt, const char *path, size_t head, size_t len)
{
	if (pt->nlater == pt->caplater) {
		pt->caplater = pt->caplater ? 2 * pt->caplater : 64;
		pt->later =
		    xrealloc(pt->later, pt->caplater * sizeof(*pt->later));
	}
	pt->later[pt->nlater++] = (struct slice){path, head, len};
}

/* The calendar holding slice sl, read whole: 0 and *data (malloc'ed),
 * *len, or -1 after reporting.  The slice's length, when UNKNOWN, is
 * set; a calendar of another length than noted changed meanwhile. */
static int
read_slice(calendar_job *j, struct slice *sl, char **data, size_t *len)
{
	if (output_read(j->o, sl->path, data, len) != 0)
		return -1;
	bool whole =
	    sl->head + j->tail <= *len &&
	    (sl->len == UNKNOWN || sl->head + sl->len + j->tail == *len);
	if (whole) {
		sl->len = *len - sl->head - j->tail;
		return 0;
	}
	free(*data);
	diag_report(j->d, DIAG_ERROR, sl->path, 0, 0,
	            "cannot read back %s: it changed while the site "
	            "was built",
	            sl->path);
	return -1;
}

/*
 * fabrique check: of a workshop's calendar only what can fail, its
 * events' dates and times, taken as events() takes them (each slot's, or
 * the workshop's own) and judged as ics_event_write() judges them
 * (ics_event_valid()); no text is made.  The failure is the one
 * workshop() records.
 */
static void
workshop_check(struct part *pt, const page *p, bool in_prog)
{
	const value *v = p->view;
	size_t n = value_len(value_get(v, "creneaux"));
	for (size_t i = 0; i < (n > 0 ? n : 1); i++) {
		ics_event e = {.date = str(v, "date"),
		               .start = str(v, "debut"),
		               .end = str(v, "fin")};
		slot_times(p, &e, i, n);
		if (e.date == NULL || ics_event_valid(&e))
			continue;
		failed(pt, p->file, e.date);
		pt->rc = -1;
		if (in_prog)
			pt->prog_failed = true;
		return;
	}
}

/*
 * The key of a workshop's calendar made from page i's view digest
 * (calendar_views()) instead of its fields: the digest covers every
 * value event_of() and slot() read from the views (calendar_view_keys),
 * so with this binary, the zone, the site's address, the page's own
 * fields, its DTSTAMP and its plain text's digest, it covers every
 * octet the calendar is made of.  Only the DTSTAMP is read (the build's
 * time stands in for a missing history, and is in no view), and the
 * UID's key comes from the page, its SEQUENCE from its file's versions
 * (eventrev_key()).  False when
 * page i has no digest, or its text none (then event_key()).
 */
static bool
view_key(struct cal *c, const calendar_job *j, size_t i, const page *p,
         char out[HASH_HEX + 1])
{
	unsigned char text[HASH_RAW] = {0};
	bool body = site_page_has_body(p);
	if (j->views == NULL || !j->keyed[i] ||
	    (body && !site_plain_digest(p, text)))
		return false;
	double changed =
	    value_get_number(value_get(p->view, "mis_a_jour_unix"));
	long long stamp = changed > 0 ? (long long)changed : c->stamp;
	buf k = BUF_INIT;
	buf_puts(&k, "calendar view 4 " FABRIQUE_VERSION " ");
	buf_put(&k, c->exe, strlen(c->exe) + 1);
	buf_put(&k, &stamp, sizeof(stamp));
	eventrev_key(c->rev, site_page_history(c->s, p), base_of(c, p), &k);
	buf_put(&k, &p->lone_slot, sizeof(p->lone_slot)); /* its UID */
	alias_key(p, &k);
	buf_putc(&k, body);
	buf_put(&k, text, sizeof(text));
	buf_put(&k, j->views[i].b, VIEWHASH_LEN);
	const char *f[] = {c->tz,
	                   c->site_url,
	                   c->where,
	                   p->url,
	                   p->key,
	                   p->event_key,
	                   c->words.cancelled,
	                   c->words.meeting,
	                   c->words.rain,
	                   c->words.lang,
	                   p->out};
	for (size_t m = 0; m < sizeof(f) / sizeof(*f); m++)
		key_str(&k, f[m]);
	hash_hex(k.data, k.len, out);
	buf_free(&k);
	return true;
}

/* Page i's calendar at path kept from the last build, made from key:
 * true (its programme's part noted).  The key goes into the
 * programme's. */
static bool
kept(calendar_job *j, size_t k, const page *p, const char *path,
     const char *key, bool in_prog)
{
	struct part *pt = &j->parts[k];
	if (in_prog)
		buf_put(&pt->keys, key, HASH_HEX);
	if (!j->keep(j->reuse_ctx, path, key))
		return false;
	if (in_prog)
		note(pt, path, head_of(&pt->c, p), UNKNOWN);
	return true;
}

/* The calendars of page i's slots (calendar_files()) kept from the last
 * build, made from the same key as the workshop's: how many, from the
 * first (the others are made again). */
static size_t
slots_kept(calendar_job *j, struct cal *c, const page *p, const char *path,
           const char *key)
{
	size_t n = calendar_files(p), i = 0;
	while (i < n && j->keep(j->reuse_ctx, slot_path(c, p, path, i), key))
		i++;
	return i;
}

/* The calendars from..n-1 of a workshop's slots (calendar_files())
 * whose events are in ev (ends: events()'s): each its one event between
 * the workshop's head and end, recorded with key when incremental. */
static int
slot_calendars(calendar_job *j, struct cal *c, const page *p, const char *path,
               const buf *ev, const size_t *ends, size_t from, const char *key)
{
	int rc = 0;
	buf b = BUF_INIT;
	for (size_t i = from; i < calendar_files(p); i++) {
		size_t e = file_event(p, i), at = e > 0 ? ends[e - 1] : 0;
		const char *sp = slot_path(c, p, path, i);
		buf_reset(&b);
		put_head(c, p, &b);
		buf_put(&b, ev->data + at, ends[e] - at);
		ics_end(&b);
		if (emit(c, sp, &b) != 0)
			rc = -1;
		else if (j->keep != NULL)
			j->made(j->reuse_ctx, sp, key);
	}
	buf_free(&b);
	return rc;
}

/* Writes what was not kept of page i's calendars (whole when !whole_kept,
 * its slots' from slot from) from its event e; -1 when its events could
 * not be made (noted as failed). */
static int
workshop_write(calendar_job *j, size_t k, const page *p, ics_event *e, buf *ev,
               bool whole_kept, size_t from, const char *key, bool in_prog)
{
	struct part *pt = &j->parts[k];
	struct cal *c = &pt->c;
	const char *path = calendar_path(c, p), *bad = NULL;
	size_t n = value_len(value_get(p->view, "creneaux"));
	size_t *ends = xcalloc(n > 0 ? n : 1, sizeof(*ends));
	buf_reset(ev);
	if (events(c, p, e, ev, &bad, ends) != 0) {
		free(ends);
		failed(pt, p->file, bad);
		if (in_prog)
			pt->prog_failed = true;
		return -1;
	}
	int rc = slot_calendars(j, c, p, path, ev, ends, from, key);
	free(ends);
	if (whole_kept)
		return rc;
	size_t head;
	int wrc = workshop_calendar(c, p, path, ev, &head);
	if (wrc != 0)
		rc = -1;
	else if (j->keep != NULL)
		j->made(j->reuse_ctx, path, key);
	if (in_prog) {
		if (wrc != 0)
			pt->lost = true;
		note(pt, path, head, ev->len);
	}
	return rc;
}

/* The revisions of each of p's slots (malloc'ed), NULL without
 * creneaux or history: a slot added or moved is no revision of the
 * others. */
static eventrev_rev *
slot_revisions(struct part *pt, const struct cal *c, size_t i, const page *p)
{
	size_t n = value_len(value_get(p->view, "creneaux"));
	if (n == 0 || c->revs == NULL)
		return NULL;
	eventrev_rev *revs = xcalloc(n, sizeof(*revs));
	revtable_slots(c->revs, pt->rev, i, revs, n);
	return revs;
}

/* The calendars of page i, a workshop (its own and its slots'), kept
 * from the last build when made from the same key (view_key(), else
 * event_key()), else made and written. */
static void
workshop(calendar_job *j, size_t k, size_t i, const page *p, buf *ev)
{
	struct part *pt = &j->parts[k];
	struct cal *c = &pt->c;
	bool in_prog =
	    j->edition &&
	    (int)value_get_number(value_get(p->view, "edition")) == j->year;
	if (j->o == NULL) {
		workshop_check(pt, p, in_prog);
		return;
	}
	const char *path = calendar_path(c, p);
	char key[HASH_HEX + 1];
	bool whole_kept = false;
	size_t from = 0;
	bool by_view = j->keep != NULL && view_key(c, j, i, p, key);
	if (by_view && kept(j, k, p, path, key, in_prog)) {
		whole_kept = true;
		if ((from = slots_kept(j, c, p, path, key)) ==
		    calendar_files(p))
			return;
	}
	ics_event e;
	buf desc = BUF_INIT;
	event_of(c, p, &e, &desc);
	if (j->keep != NULL && !by_view) {
		event_key(c, p, &e, key);
		if (kept(j, k, p, path, key, in_prog)) {
			whole_kept = true;
			from = slots_kept(j, c, p, path, key);
			if (from == calendar_files(p)) {
				buf_free(&desc);
				return;
			}
		}
	} else if (j->keep == NULL && in_prog) {
		pt->unkeyed = true;
	}
	/* read only for a calendar made: a kept one is known by its
	 * file's versions (eventrev_key()) */
	eventrev_rev rv = c->revs != NULL ? revtable_get(c->revs, pt->rev, i)
	                                  : (eventrev_rev){0, 0, 0};
	e.sequence = rv.sequence;
	long long t = changed_at(p, rv.changed);
	if (t > 0)
		e.dtstamp = e.last_modified = t;
	eventrev_rev *revs = slot_revisions(pt, c, i, p);
	c->slot_revs = revs;
	if (workshop_write(j, k, p, &e, ev, whole_kept, from, key, in_prog) !=
	    0)
		pt->rc = -1;
	c->slot_revs = NULL;
	free(revs);
	buf_free(&desc);
}

void
calendar_part(calendar_job *j, size_t k)
{
	struct part *pt = &j->parts[k];
	buf ev = BUF_INIT;
	for (size_t i = pt->from; i < pt->to; i++) {
		const page *p = site_page(j->s, i);
		if (is_workshop(p))
			workshop(j, k, i, p, &ev);
	}
	buf_free(&ev);
}

void
calendar_reuse(calendar_job *j, calendar_keep_fn keep, calendar_made_fn made,
               void *ctx)
{
	if (j == NULL || j->o == NULL)
		return;
	j->keep = keep;
	j->made = made;
	j->reuse_ctx = ctx;
}

void
calendar_views(calendar_job *j, const viewhash_digest *views, const bool *keyed)
{
	if (j == NULL || j->o == NULL)
		return;
	j->views = views;
	j->keyed = keyed;
}

/* Splits the pages into n runs holding about as many workshops each. */
static void
split(calendar_job *j, size_t n)
{
	size_t pages = site_page_count(j->s), total = 0;
	for (size_t i = 0; i < pages; i++)
		total += is_workshop(site_page(j->s, i));
	j->parts = xcalloc(n, sizeof(*j->parts));
	j->nparts = n;
	size_t i = 0, seen = 0;
	for (size_t k = 0; k < n; k++) {
		struct part *pt = &j->parts[k];
		pt->c = j->c;
		pt->c.a = arena_new();
		pt->prog = (buf)BUF_INIT;
		pt->keys = (buf)BUF_INIT;
		pt->rev = j->o != NULL ? eventrev_new(site_source(j->s),
		                                      site_revmemo(j->s))
		                       : NULL;
		pt->c.rev = pt->rev;
		pt->from = i;
		size_t want = total * (k + 1) / n;
		while (i < pages && (k + 1 == n || seen < want))
			seen += is_workshop(site_page(j->s, i++));
		pt->to = i;
	}
}

/*
 * The edition /programme.ics holds: the current one; while it has no
 * workshop yet (its file just written, months before its programme,
 * outside tester 25 F15), the latest earlier one that has some.  An
 * empty calendar made every subscribed phone drop the last Journée's
 * events at once; kept, they stay until the first workshop of the new
 * edition is published, which replaces them as every year.
 */
static int
programme_year(site *s, int current)
{
	int best = 0;
	for (size_t i = 0; i < site_page_count(s); i++) {
		const page *p = site_page(s, i);
		if (!is_workshop(p))
			continue;
		int y = (int)value_get_number(value_get(p->view, "edition"));
		if (y == current)
			return current;
		if (y < current && y > best)
			best = y;
	}
	return best > 0 ? best : current;
}

calendar_job *
calendar_begin(site *s, output *o, long long build_time, size_t nparts,
               const calendar_words *words, revtable *revs, diag *d)
{
	const value *sv = site_view(s);
	const value *tz = value_get(sv, "fuseau");
	const char *url = str(sv, "url");
	calendar_job *j = xcalloc(1, sizeof(*j));
	*j = (calendar_job){.s = s, .o = o, .d = d};
	j->c = (struct cal){.s = s,
	                    .o = o,
	                    .d = d,
	                    .tz = value_get_string(tz),
	                    .site_url = url ? url : "",
	                    .stamp = build_time,
	                    .words = *words,
	                    .revs = o != NULL ? revs : NULL,
	                    .a = arena_new()};
	if (j->c.tz == NULL)
		j->c.tz = DATE_ZONE_DEFAULT;
	if (!date_zone_find(j->c.tz)) {
		diag_at(d, DIAG_ERROR, tz,
		        "fuseau: fabrique does not know the time zone '%s'; "
		        "expected Europe/Paris or another French zone such as "
		        "Indian/Reunion or America/Martinique",
		        j->c.tz);
		arena_free(j->c.a);
		free(j);
		return NULL;
	}
	/* the first url, kept when the site moves (site_identity_url()):
	 * residents' calendars update the events they hold by UID;
	 * its older form with « identifiants: 2026-11 » */
	j->c.where = site_uid_origin(s, j->c.a);
	j->before = (buf)BUF_INIT;
	j->after = (buf)BUF_INIT;
	ics_begin_parts(&j->before, &j->after, j->c.tz);
	j->c.before = &j->before;
	j->c.after = &j->after;
	cachedir_exe_id(j->c.exe, sizeof(j->c.exe));
	const value *ed = site_edition(s);
	j->edition = ed != NULL;
	j->year = (int)value_get_number(value_get(ed, "annee"));
	if (j->edition)
		j->year = programme_year(s, j->year);
	split(j, nparts > 0 ? nparts : 1);
	buf end = BUF_INIT;
	ics_end(&end);
	j->tail = end.len;
	buf_free(&end);
	/* the programme's head, before the parts' events */
	const char *commune = str(sv, "commune.nom");
	ics_begin_subscribed(&j->parts[0].prog,
	                     arena_printf(j->c.a, "Journée citoyenne %d – %s",
	                                  j->year, commune ? commune : ""),
	                     j->c.tz);
	return j;
}

/* The programme's size: its head, every slice, its end; -1 if a kept
 * calendar could not be read (reported). */
static int
programme_size(calendar_job *j, size_t *size)
{
	*size = j->parts[0].prog.len + j->tail;
	for (size_t k = 0; k < j->nparts; k++)
		for (size_t i = 0; i < j->parts[k].nlater; i++) {
			struct slice *sl = &j->parts[k].later[i];
			char *data;
			size_t len;
			if (sl->len == UNKNOWN) {
				if (read_slice(j, sl, &data, &len) != 0)
					return -1;
				free(data);
			}
			*size += sl->len;
		}
	return 0;
}

/* The programme, streamed: its head, then each part's workshops'
 * events read back from their calendars, in page order, then its end. */
static int
write_programme(calendar_job *j)
{
	size_t size;
	if (j->o == NULL || programme_size(j, &size) != 0)
		return j->o == NULL ? 0 : -1;
	output_stream *st = output_stream_open(j->o, WHOLESITE_CALENDAR, size);
	output_stream_put(st, j->parts[0].prog.data, j->parts[0].prog.len);
	int rc = 0;
	for (size_t k = 0; k < j->nparts && rc == 0; k++)
		for (size_t i = 0; i < j->parts[k].nlater && rc == 0; i++) {
			struct slice *sl = &j->parts[k].later[i];
			char *data;
			size_t len;
			rc = read_slice(j, sl, &data, &len);
			if (rc == 0)
				output_stream_put(st, data + sl->head, sl->len);
			if (rc == 0)
				free(data);
		}
	if (rc != 0) {
		output_stream_cancel(st);
		return -1;
	}
	buf end = BUF_INIT;
	ics_end(&end);
	output_stream_put(st, end.data, end.len);
	buf_free(&end);
	return output_stream_close(st);
}

/*
 * The programme's key: its head (title, time zone and its rules, this
 * version), this binary, and the keys of its workshops' calendars in page
 * order, each of which covers every octet of its events (event_key()).
 * False when a workshop of it had no key (no incremental build).
 */
static bool
programme_key(calendar_job *j, char out[HASH_HEX + 1])
{
	buf k = BUF_INIT;
	buf_printf(&k, "programme 1 %s %s %zu", FABRIQUE_VERSION, j->c.exe,
	           j->parts[0].prog.len);
	buf_putc(&k, '\0');
	buf_put(&k, j->parts[0].prog.data, j->parts[0].prog.len);
	bool ok = j->keep != NULL;
	for (size_t i = 0; i < j->nparts; i++) {
		ok = ok && !j->parts[i].unkeyed;
		buf_put(&k, j->parts[i].keys.data, j->parts[i].keys.len);
	}
	hash_hex(k.data, k.len, out);
	buf_free(&k);
	return ok;
}

/* The programme, kept from the last build when it has the same key
 * (every workshop of it kept, the same head): nothing read back. */
static int
programme(calendar_job *j)
{
	char key[HASH_HEX + 1];
	bool keyed = j->o != NULL && programme_key(j, key);
	if (keyed && j->keep(j->reuse_ctx, WHOLESITE_CALENDAR, key))
		return 0;
	if (write_programme(j) != 0)
		return -1;
	if (keyed)
		j->made(j->reuse_ctx, WHOLESITE_CALENDAR, key);
	return 0;
}

/*
 * The programme (this edition's workshops) and each workshop's own
 * calendar hold the same VEVENTs: each workshop's are made once, in page
 * order, and written in its own calendar; the programme is written last
 * from those, without ever being whole in memory, or kept (programme()).
 */
int
calendar_finish(calendar_job *j)
{
	if (j == NULL)
		return -1;
	int rc = 0;
	bool prog_failed = false;
	for (size_t k = 0; k < j->nparts; k++) {
		struct part *pt = &j->parts[k];
		for (size_t e = 0; e < pt->nfail; e++)
			diag_report(
			    j->d, DIAG_ERROR, pt->fail[e].file, 0, 0,
			    "cannot make a calendar entry: the date '%s' "
			    "or a time is not valid (expected YYYY-MM-DD "
			    "and HH:MM)",
			    pt->fail[e].date);
		if (pt->rc != 0)
			rc = -1;
		prog_failed |= pt->prog_failed || pt->lost;
	}
	if (!prog_failed && programme(j) != 0) {
		prog_failed = true;
		rc = -1;
	}
	for (size_t k = 0; k < j->nparts; k++) {
		struct part *pt = &j->parts[k];
		free(pt->later);
		free(pt->fail);
		buf_free(&pt->prog);
		buf_free(&pt->keys);
		eventrev_free(pt->rev);
		arena_free(pt->c.a);
	}
	free(j->parts);
	arena_free(j->c.a);
	buf_free(&j->before);
	buf_free(&j->after);
	free(j);
	return rc == 0 && !prog_failed ? 0 : -1;
}

int
calendar_write(site *s, output *o, long long build_time,
               const calendar_words *words, diag *d)
{
	revtable *revs = o != NULL ? revtable_new(s) : NULL;
	calendar_job *j = calendar_begin(s, o, build_time, 1, words, revs, d);
	if (j != NULL)
		calendar_part(j, 0);
	int rc = calendar_finish(j);
	revtable_free(revs);
	return rc;
}
