/*
 * mustache_reach.c - how deep into its data a template can read
 * (mustache_reach(), mustache.h).
 *
 * The render's own rules, followed without data: a name of k parts read
 * with frames up to depth top on the stack reads at most depth top + k;
 * a section pushes what it names (an item of a list one level further),
 * an inverted section pushes nothing; partials, parents and the
 * arguments filling their blocks are followed where they land.  A
 * dynamic partial may name any template.  Every name part met is told
 * to the caller: a key no template names is never read.  Includes nested past
 * REACH_MAX_NEST, or an analysis past REACH_MAX_STEPS nodes, make the
 * answer "unbounded": the caller then trusts nothing it could skip.
 */
#include "mustache_int.h"

#include <string.h>

#define REACH_MAX_NEST 24
#define REACH_MAX_STEPS 200000
#define UNBOUNDED (-1)

struct args { /* the arguments of the parents being included */
	const struct node *kids;
	size_t n;
	const struct args *outer;
};

struct reach {
	const mustache_set *set;
	unsigned nest;
	unsigned long steps;
	void (*seen)(void *ctx, const char *name);
	void *ctx;
};

static void
saw(struct reach *r, const struct mname *m)
{
	for (size_t i = 0; i < m->n; i++)
		r->seen(r->ctx, m->parts[i]);
}

static int reach_list(struct reach *r, const struct node *n, size_t count,
                      int top, const struct args *ov);

static int
max_of(int a, int b)
{
	return a == UNBOUNDED || b == UNBOUNDED ? UNBOUNDED : a > b ? a : b;
}

static int
reach_tmpl(struct reach *r, const struct tmpl *t, int top,
           const struct args *ov)
{
	if (t == NULL)
		return 0;
	if (++r->nest > REACH_MAX_NEST)
		return UNBOUNDED;
	int m = reach_list(r, t->nodes, t->n, top, ov);
	r->nest--;
	return m;
}

/* A partial or parent: its template, or any template for a dynamic one. */
static int
reach_include(struct reach *r, const struct node *nd, int top,
              const struct args *ov)
{
	struct args fr = {nd->kids, nd->nkids, ov};
	const struct args *inner = nd->nkids > 0 ? &fr : ov;
	if (!nd->dynamic)
		return reach_tmpl(r,
		                  mustache_set_find(r->set, nd->text, nd->hash),
		                  top, inner);
	int m = top + (int)nd->name.n;
	for (size_t i = 0; i < r->set->cap && m != UNBOUNDED; i++)
		if (r->set->slots[i] != NULL)
			m = max_of(m,
			           reach_tmpl(r, r->set->slots[i], top, inner));
	return m;
}

/* A block: its default content, or any argument of the parents that
 * include it (whichever fills it, it is evaluated at the block). */
static int
reach_block(struct reach *r, const struct node *nd, int top,
            const struct args *ov)
{
	int m = reach_list(r, nd->kids, nd->nkids, top, ov);
	for (const struct args *o = ov; o != NULL && m != UNBOUNDED;
	     o = o->outer)
		for (size_t i = 0; i < o->n; i++)
			if (o->kids[i].type == N_BLOCK &&
			    strcmp(o->kids[i].text, nd->text) == 0) {
				if (++r->nest > REACH_MAX_NEST)
					return UNBOUNDED;
				m = max_of(m, reach_list(r, o->kids[i].kids,
				                         o->kids[i].nkids, top,
				                         ov));
				r->nest--;
			}
	return m;
}

static int
reach_list(struct reach *r, const struct node *n, size_t count, int top,
           const struct args *ov)
{
	int m = top;
	for (size_t i = 0; i < count && m != UNBOUNDED; i++) {
		if (++r->steps > REACH_MAX_STEPS)
			return UNBOUNDED;
		int k = (int)n[i].name.n;
		saw(r, &n[i].name);
		switch (n[i].type) {
		case N_TEXT: break;
		case N_VAR:
		case N_RAW: m = max_of(m, top + k); break;
		case N_SECTION:
			m = max_of(m, reach_list(r, n[i].kids, n[i].nkids,
			                         top + k + 1, ov));
			break;
		case N_INVERTED:
			m = max_of(m, top + k);
			m = max_of(
			    m, reach_list(r, n[i].kids, n[i].nkids, top, ov));
			break;
		case N_PARTIAL:
		case N_PARENT:
			m = max_of(m, reach_include(r, &n[i], top, ov));
			break;
		case N_BLOCK:
			m = max_of(m, reach_block(r, &n[i], top, ov));
			break;
		}
	}
	return m;
}

int
mustache_reach(const mustache_set *set, const char *name,
               void (*seen)(void *ctx, const char *name), void *ctx)
{
	struct reach r = {set, 0, 0, seen, ctx};
	const struct tmpl *t =
	    mustache_set_find(set, name, mustache_hash_str(name));
	return t != NULL ? reach_tmpl(&r, t, 0, NULL) : UNBOUNDED;
}

/* ---- ids the templates write ------------------------------------------ */

struct ids {
	void (*fn)(void *ctx, const char *id, size_t len, bool prefix);
	void *ctx;
};

/* Every ' id="' of one text node: the id up to its closing quote, or, when
 * a tag follows before it (id="moment-{{id}}"), what comes first. */
static void
ids_text(const struct ids *x, const char *t, size_t len)
{
	static const char at[] = "id=\"";
	for (size_t i = 0; i + 4 <= len; i++) {
		if (memcmp(t + i, at, 4) != 0 ||
		    (i > 0 && strchr(" \t\r\n", t[i - 1]) == NULL))
			continue;
		size_t s = i + 4, e = s;
		while (e < len && t[e] != '"')
			e++;
		x->fn(x->ctx, t + s, e - s, e == len);
		i = e;
	}
}

static void
ids_list(const struct ids *x, const struct node *n, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		if (n[i].type == N_TEXT)
			ids_text(x, n[i].text, n[i].len);
		ids_list(x, n[i].kids, n[i].nkids);
	}
}

void
mustache_ids(const mustache_set *set,
             void (*fn)(void *ctx, const char *id, size_t len, bool prefix),
             void *ctx)
{
	struct ids x = {fn, ctx};
	for (size_t i = 0; i < set->cap; i++)
		if (set->slots[i] != NULL)
			ids_list(&x, set->slots[i]->nodes, set->slots[i]->n);
}
