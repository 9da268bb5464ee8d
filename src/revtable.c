#include "revtable.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

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
	find_bases(t);
	return t;
}

void
revtable_free(revtable *t)
{
	if (t == NULL)
		return;
	free(t->bases);
	free(t->state);
	free(t->rev);
	free(t);
}

eventrev_rev
revtable_get(revtable *t, eventrev *r, size_t i)
{
	const page *p = site_page(t->s, i);
	int st = atomic_load_explicit(&t->state[i], memory_order_acquire);
	if (st == READY)
		return t->rev[i];
	int want = FREE;
	bool mine = st == FREE &&
	            atomic_compare_exchange_strong(&t->state[i], &want, MAKING);
	if (!mine &&
	    atomic_load_explicit(&t->state[i], memory_order_acquire) == READY)
		return t->rev[i];
	eventrev_rev rv = eventrev_revision(r, site_page_history(t->s, p),
	                                    revtable_base(t, p));
	if (mine) {
		t->rev[i] = rv;
		atomic_store_explicit(&t->state[i], READY,
		                      memory_order_release);
	}
	return rv;
}
