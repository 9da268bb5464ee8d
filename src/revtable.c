#include "revtable.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "slotid.h"
#include "value.h"
#include "xalloc.h"

/* The eventrev_base of the workshops of one edition. */
struct base {
	int year;
	eventrev_base b;
};

/* A page's revisions: FREE, being read (MAKING), or READY in rev. */
enum { FREE, MAKING, READY };

struct revtable {
	site *s;
	struct base *bases;
	size_t nbases;
	atomic_int *state; /* one per page */
	eventrev_rev *rev;
	/* each page's slots' own revisions, in its view's creneaux order
	 * (malloc'ed; NULL: no slots, or not asked for), and their state:
	 * made only when asked (the calendars), not for programme.json,
	 * whose sequence is the workshop's */
	atomic_int *slot_state;
	eventrev_rev **slots;
};

static bool
is_workshop(const page *p)
{
	return p->view != NULL && p->kind != NULL &&
	       strcmp(p->kind, "atelier") == 0;
}

const eventrev_base *
revtable_base(const revtable *t, const page *p)
{
	if (t == NULL)
		return NULL;
	int year = (int)value_get_number(value_get(p->view, "edition"));
	for (size_t i = 0; i < t->nbases; i++)
		if (t->bases[i].year == year)
			return &t->bases[i].b;
	return NULL;
}

/* The bases of every edition a workshop is in. */
static void
find_bases(revtable *t)
{
	size_t pages = site_page_count(t->s);
	for (size_t i = 0; i < pages; i++) {
		const page *p = site_page(t->s, i);
		if (!is_workshop(p) || revtable_base(t, p) != NULL)
			continue;
		int year = (int)value_get_number(value_get(p->view, "edition"));
		t->bases =
		    xrealloc(t->bases, (t->nbases + 1) * sizeof(*t->bases));
		t->bases[t->nbases++] =
		    (struct base){year, site_event_base(t->s, year)};
	}
}

revtable *
revtable_new(site *s)
{
	const source *src = site_source(s);
	if (src == NULL || source_repo(src) == NULL)
		return NULL;
	size_t n = site_page_count(s);
	revtable *t = xcalloc(1, sizeof(*t));
	t->s = s;
	t->state = xcalloc(n + 1, sizeof(*t->state));
	for (size_t i = 0; i < n; i++)
		atomic_init(&t->state[i], FREE);
	t->rev = xcalloc(n + 1, sizeof(*t->rev));
	t->slot_state = xcalloc(n + 1, sizeof(*t->slot_state));
	for (size_t i = 0; i < n; i++)
		atomic_init(&t->slot_state[i], FREE);
	t->slots = xcalloc(n + 1, sizeof(*t->slots));
	find_bases(t);
	return t;
}

void
revtable_free(revtable *t)
{
	if (t == NULL)
		return;
	for (size_t i = 0; i < site_page_count(t->s); i++)
		free(t->slots[i]);
	free(t->slots);
	free(t->slot_state);
	free(t->bases);
	free(t->state);
	free(t->rev);
	free(t);
}

/* The revisions of p's n slots (n > 0) into out, read with r: the
 * numbers their view gives (numero, slotid.h) are what each follows
 * across the file's versions. */
static void
make_slots(const revtable *t, eventrev *r, const page *p, eventrev_rev *out,
           size_t n)
{
	const value *list = value_get(p->view, "creneaux");
	size_t *nums = xcalloc(n, sizeof(*nums));
	for (size_t k = 0; k < n; k++)
		nums[k] = slotid_of_view(value_at(list, k), k);
	eventrev_slot_revisions(r, site_page_history(t->s, p),
	                        revtable_base(t, p), nums, n, out);
	free(nums);
}

static size_t
slot_count(const page *p)
{
	return value_len(value_get(p->view, "creneaux"));
}

/* Claims an entry (*state) for the calling thread: READY (made),
 * MAKING (another thread is: make it too, keep nothing) or FREE (this
 * thread makes and keeps it, then sets READY). */
static int
claim(atomic_int *state)
{
	int st = atomic_load_explicit(state, memory_order_acquire);
	if (st == READY)
		return READY;
	int want = FREE;
	if (st == FREE && atomic_compare_exchange_strong(state, &want, MAKING))
		return FREE;
	return atomic_load_explicit(state, memory_order_acquire) == READY
	           ? READY
	           : MAKING;
}

eventrev_rev
revtable_get(revtable *t, eventrev *r, size_t i)
{
	const page *p = site_page(t->s, i);
	int st = claim(&t->state[i]);
	if (st == READY)
		return t->rev[i];
	eventrev_rev rv = eventrev_revision(r, site_page_history(t->s, p),
	                                    revtable_base(t, p));
	if (st == FREE) {
		t->rev[i] = rv;
		atomic_store_explicit(&t->state[i], READY,
		                      memory_order_release);
	}
	return rv;
}

void
revtable_slots(revtable *t, eventrev *r, size_t i, eventrev_rev *out, size_t n)
{
	const page *p = site_page(t->s, i);
	if (n == 0 || n != slot_count(p))
		return;
	int st = claim(&t->slot_state[i]);
	if (st == MAKING) {
		make_slots(t, r, p, out, n);
		return;
	}
	if (st == FREE) {
		t->slots[i] = xcalloc(n, sizeof(*t->slots[i]));
		make_slots(t, r, p, t->slots[i], n);
		atomic_store_explicit(&t->slot_state[i], READY,
		                      memory_order_release);
	}
	memcpy(out, t->slots[i], n * sizeof(*out));
}
