/*
 * mustache_render.c - renders a compiled template set (mustache.c) with
 * a value tree: lookups up the context stack, sections, partials with
 * their indentation, parents and their blocks.
 *
 * A compiled set is never written by mustache_render: all render state lives
 * in a struct rstate on the caller's stack, so threads can share a set.
 */
#include "mustache_int.h"

#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------- render */

/* Arguments of the parents being expanded; the outermost one wins. */
struct ovr {
	const struct node *args;
	size_t nargs;
	const struct tmpl *tpl; /* where the arguments were written */
	const struct ovr *outer;
};

struct rstate {
	const mustache_set *set;
	diag *d;
	buf *out;
	const value **stk; /* context stack */
	size_t nstk, capstk;
	char *ind; /* current indentation: ind[ibeg, iend) */
	size_t ibeg, iend, icap;
	bool line_indented; /* the output line already has its indentation */
	const struct ovr *ovr;
	const struct tmpl *tpl; /* whose nodes are being rendered */
	unsigned depth;
	size_t start;            /* out->len when the render began */
	mustache_flush_fn flush; /* NULL: the page is held whole */
	void *flush_ctx;
	size_t flushed; /* bytes taken by flush, gone from out */
	size_t steps;   /* nodes visited, against MST_MAX_STEPS */
};

static int render_list(struct rstate *rs, const struct node *n, size_t count);

static void
out_put(struct rstate *rs, const char *p, size_t n)
{
	if (n == 0)
		return;
	buf_put(rs->out, p, n);
	rs->line_indented = false;
}

/* Writes the indentation at the start of a template line. */
static void
at_bol(struct rstate *rs, bool bol)
{
	if (!bol)
		return;
	if (rs->line_indented) {
		rs->line_indented = false;
		return;
	}
	if (rs->iend > rs->ibeg)
		out_put(rs, rs->ind + rs->ibeg, rs->iend - rs->ibeg);
}

static void
put_text(struct rstate *rs, const struct node *nd)
{
	at_bol(rs, nd->bol);
	if (rs->iend == rs->ibeg) {
		out_put(rs, nd->text, nd->len);
		return;
	}
	size_t start = 0;
	for (size_t i = 0; i + 1 < nd->len; i++) {
		if (nd->text[i] == '\n') {
			out_put(rs, nd->text + start, i + 1 - start);
			out_put(rs, rs->ind + rs->ibeg, rs->iend - rs->ibeg);
			start = i + 1;
		}
	}
	out_put(rs, nd->text + start, nd->len - start);
}

/* The spec's lookup: the first name up the stack, the rest inside it. */
static const value *
lookup(const struct rstate *rs, const struct mname *m)
{
	if (m->n == 0)
		return rs->nstk > 0 ? rs->stk[rs->nstk - 1] : NULL;
	const value *v =
	    value_get_first(rs->stk, rs->nstk, m->parts[0], m->hashes[0]);
	for (size_t p = 1; p < m->n && v != NULL; p++)
		v = value_get_hashed(v, m->parts[p], m->hashes[p]);
	return v;
}

static void
push(struct rstate *rs, const value *v)
{
	if (rs->nstk == rs->capstk) {
		rs->capstk = rs->capstk ? rs->capstk * 2 : 16;
		rs->stk = xrealloc(rs->stk, rs->capstk * sizeof(*rs->stk));
	}
	rs->stk[rs->nstk++] = v;
}

static void
interpolate(struct rstate *rs, const struct node *nd)
{
	at_bol(rs, nd->bol);
	const value *v = lookup(rs, &nd->name);
	char num[64];
	switch (value_kind_of(v)) {
	case VALUE_STRING:
		if (nd->type == N_VAR) {
			buf_put_html(rs->out, value_get_string(v),
			             value_string_len(v));
			rs->line_indented = false;
		} else {
			out_put(rs, value_get_string(v), value_string_len(v));
		}
		break;
	case VALUE_NUMBER:
		value_format_number(value_get_number(v), num, sizeof(num));
		out_put(rs, num, strlen(num));
		break;
	case VALUE_BOOL:
		out_put(rs, value_get_bool(v) ? "true" : "false",
		        value_get_bool(v) ? 4 : 5);
		break;
	default: break; /* null, missing, lists and maps print nothing */
	}
}

static int
section(struct rstate *rs, const struct node *nd)
{
	at_bol(rs, nd->bol);
	const value *v = lookup(rs, &nd->name);
	int r = 0;
	if (nd->type == N_INVERTED)
		return value_truthy(v) ? 0
		                       : render_list(rs, nd->kids, nd->nkids);
	if (!value_truthy(v))
		return 0;
	if (value_kind_of(v) == VALUE_LIST) {
		size_t n = value_len(v);
		for (size_t i = 0; i < n && r == 0; i++) {
			/* the items' views are far apart in memory: load
			 * the next ones while this one renders */
			for (unsigned k = 1; k <= 4 && i + k < n; k++)
				value_prefetch(value_at(v, i + k), 4 - k);
			push(rs, value_at(v, i));
			r = render_list(rs, nd->kids, nd->nkids);
			rs->nstk--;
		}
		return r;
	}
	push(rs, v);
	r = render_list(rs, nd->kids, nd->nkids);
	rs->nstk--;
	return r;
}

/* Appends to the indentation (fresh: starts an empty one first). */
static void
indent_push(struct rstate *rs, const char *s, size_t n, bool fresh)
{
	if (fresh)
		rs->ibeg = rs->iend;
	if (rs->iend + n > rs->icap) {
		rs->icap = (rs->iend + n) * 2;
		rs->ind = xrealloc(rs->ind, rs->icap);
	}
	if (n > 0)
		memcpy(rs->ind + rs->iend, s, n);
	rs->iend += n;
}

static int
too_deep(struct rstate *rs, const struct node *nd)
{
	if (rs->depth < MST_MAX_DEPTH)
		return 0;
	diag_report(rs->d, DIAG_ERROR, rs->tpl->file, nd->line, nd->col,
	            "templates nested more than %d deep at '%s'; expected "
	            "a partial, parent or block that does not include itself",
	            MST_MAX_DEPTH, nd->text);
	return -1;
}

/* The template a partial or parent names, NULL when there is none. */
static const struct tmpl *
target(const struct rstate *rs, const struct node *nd)
{
	if (!nd->dynamic)
		return mustache_set_find(rs->set, nd->text, nd->hash);
	const value *v = lookup(rs, &nd->name);
	const char *name = value_get_string(v);
	char num[64];
	if (value_kind_of(v) == VALUE_NUMBER) {
		value_format_number(value_get_number(v), num, sizeof(num));
		name = num;
	}
	if (name == NULL || memchr(name, '\0', value_string_len(v)) != NULL)
		return NULL;
	return mustache_set_find(rs->set, name, mustache_hash_str(name));
}

/*
 * A partial or parent: a standalone one indents each line of what it
 * includes with its own blanks (added to the current indentation), an
 * inline one includes it unindented.  A parent's arguments are pushed for
 * the blocks of the templates it includes.
 */
static int
include(struct rstate *rs, const struct node *nd)
{
	at_bol(rs, nd->bol);
	const struct tmpl *t = target(rs, nd);
	if (t == NULL)
		return 0;
	if (too_deep(rs, nd) < 0)
		return -1;
	size_t ibeg = rs->ibeg, iend = rs->iend;
	indent_push(rs, nd->indent, nd->ilen, !nd->standalone);
	const struct ovr *outer = rs->ovr;
	struct ovr fr = {nd->kids, nd->nkids, rs->tpl, outer};
	if (nd->nkids > 0)
		rs->ovr = &fr;
	const struct tmpl *saved = rs->tpl;
	rs->tpl = t;
	rs->depth++;
	int r = render_list(rs, t->nodes, t->n);
	rs->depth--;
	rs->tpl = saved;
	rs->ovr = outer;
	rs->ibeg = ibeg, rs->iend = iend;
	return r;
}

/* The argument filling block name: the outermost parent's wins. */
static const struct node *
find_arg(const struct rstate *rs, const char *name, const struct tmpl **tpl)
{
	const struct node *found = NULL;
	for (const struct ovr *o = rs->ovr; o != NULL; o = o->outer)
		for (size_t i = 0; i < o->nargs; i++)
			if (strcmp(o->args[i].text, name) == 0) {
				found = &o->args[i];
				*tpl = o->tpl;
			}
	return found;
}

/*
 * Renders the argument that fills site nd, re-indented for the site.  Its
 * context stack and arguments are the site's: a block is evaluated where
 * it lands, as the spec's "Block scope" test wants.
 */
static int
fill(struct rstate *rs, const struct node *nd, const struct node *arg,
     const struct tmpl *atpl)
{
	if (too_deep(rs, nd) < 0)
		return -1;
	size_t ibeg = rs->ibeg, iend = rs->iend;
	indent_push(rs, nd->indent, nd->ilen, false);
	const struct tmpl *saved = rs->tpl;
	rs->tpl = atpl;
	rs->depth++;
	/* An inline site's blanks already indent the argument's first line. */
	rs->line_indented = !nd->standalone;
	int r = render_list(rs, arg->kids, arg->nkids);
	rs->line_indented = false;
	rs->depth--;
	rs->tpl = saved;
	rs->ibeg = ibeg, rs->iend = iend;
	return r;
}

/*
 * A block site: its default content, or the argument that fills it; then
 * the line ending of a standalone site, unless the content ended its line.
 */
static int
block(struct rstate *rs, const struct node *nd)
{
	at_bol(rs, nd->bol);
	const struct tmpl *atpl = NULL;
	const struct node *arg = find_arg(rs, nd->text, &atpl);
	int r;
	if (arg == NULL)
		r = render_list(rs, nd->kids, nd->nkids);
	else
		r = fill(rs, nd, arg, atpl);
	const buf *o = rs->out;
	bool ended = o->len > 0 && o->data[o->len - 1] == '\n';
	if (r == 0 && nd->nl > 0 && !ended)
		out_put(rs, nd->nl == 2 ? "\r\n" : "\n", nd->nl);
	return r;
}

/*
 * The bound on one render's work: a hostile or clumsy template (a partial
 * including the next one twice, 33 levels deep) must fail in bounded time
 * and memory, with the place where the budget ran out, rather than take
 * the build or the push hook down.
 */
static int
over_budget(struct rstate *rs, const struct node *nd)
{
	if (++rs->steps <= MST_MAX_STEPS &&
	    rs->flushed + rs->out->len - rs->start <= MST_MAX_OUTPUT)
		return 0;
	if (rs->steps > MST_MAX_STEPS)
		diag_report(rs->d, DIAG_ERROR, rs->tpl->file, nd->line, nd->col,
		            "rendering one page took more than %u million "
		            "template steps; a partial that includes others "
		            "several times multiplies the work at each level: "
		            "simplify the template",
		            MST_MAX_STEPS / 1000000u);
	else
		diag_report(rs->d, DIAG_ERROR, rs->tpl->file, nd->line, nd->col,
		            "rendering one page wrote more than %u MiB; a "
		            "partial that includes others several times "
		            "multiplies the output at each level: simplify the "
		            "template",
		            MST_MAX_OUTPUT >> 20);
	return -1;
}

/* Hands out's bytes to the flush function once there are enough of
 * them, all but the last, which stays (block() reads it). */
static void
flush_some(struct rstate *rs)
{
	buf *o = rs->out;
	if (rs->flush == NULL || o->len < MST_FLUSH_AT)
		return;
	size_t took = rs->flush(rs->flush_ctx, o->data, o->len - 1);
	if (took >= o->len)
		took = o->len - 1;
	memmove(o->data, o->data + took, o->len - took);
	o->len -= took;
	o->data[o->len] = '\0';
	rs->flushed += took;
}

static int
render_list(struct rstate *rs, const struct node *n, size_t count)
{
	int r = 0;
	for (size_t i = 0; i < count && r == 0; i++) {
		if (over_budget(rs, &n[i]) < 0)
			return -1;
		switch (n[i].type) {
		case N_TEXT: put_text(rs, &n[i]); break;
		case N_VAR:
		case N_RAW: interpolate(rs, &n[i]); break;
		case N_SECTION:
		case N_INVERTED: r = section(rs, &n[i]); break;
		case N_PARTIAL:
		case N_PARENT: r = include(rs, &n[i]); break;
		case N_BLOCK: r = block(rs, &n[i]); break;
		}
		flush_some(rs);
	}
	return r;
}

int
mustache_render(const mustache_set *set, const char *name, const value *data,
                buf *out, diag *d)
{
	return mustache_render_flushed(set, name, data, out, d, NULL, NULL);
}

int
mustache_render_flushed(const mustache_set *set, const char *name,
                        const value *data, buf *out, diag *d,
                        mustache_flush_fn flush, void *ctx)
{
	const struct tmpl *t =
	    mustache_set_find(set, name, mustache_hash_str(name));
	if (t == NULL) {
		diag_report(d, DIAG_ERROR, NULL, 0, 0,
		            "unknown template '%s'; expected a template of the "
		            "theme",
		            name);
		return -1;
	}
	struct rstate rs = {0};
	rs.set = set;
	rs.d = d;
	rs.out = out;
	rs.tpl = t;
	rs.flush = flush;
	rs.flush_ctx = ctx;
	push(&rs, data);
	size_t start = out->len;
	rs.start = start;
	int r = render_list(&rs, t->nodes, t->n);
	if (r < 0 && out->data != NULL) {
		out->len = start;
		out->data[start] = '\0';
	}
	free(rs.stk);
	free(rs.ind);
	return r;
}
