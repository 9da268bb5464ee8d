/*
 * mustache.c - compiles Mustache templates to node trees (the renderer is
 * mustache_render.c).
 *
 * Compilation runs in three passes over the source:
 *   1. lex: split the text into text and tag tokens, following set
 *      delimiter tags, and check every tag's syntax;
 *   2. pair: match each section, parent and block with its closing tag;
 *   3. blanks: decide which tags stand alone on their line and which text
 *      (indentation, line ending) they remove.
 * A last pass builds the node tree from the tokens.  Doing the whitespace
 * work on tokens, before any node exists, keeps the builder simple: the
 * spec's rules about parents need to see the closing tag before the text
 * that precedes the opening tag can be trimmed.
 *
 * Indentation of partials, parents and blocks follows the spec's source
 * semantics: the indentation is put in front of each line of the included
 * *template*, not of its output (a multi-line value inserted by {{{x}}}
 * is not re-indented).  The builder marks each node that starts a line of
 * the template (node.bol); at render time such a node is preceded by the
 * current indentation, and so is each line inside a text node.
 *
 * A compiled set is never written by mustache_render: all render state lives
 */
#include "mustache.h"

#include <stdlib.h>
#include <string.h>

#include "mustache_int.h"
#include "utf8.h"

/* ---------------------------------------------------------------- set */

/* FNV-1a: short names, no adversary, and cheap to compute. */
uint64_t
mustache_hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

mustache_set *
mustache_set_new(void)
{
	mustache_set *set = xcalloc(1, sizeof(*set));
	set->a = arena_new();
	return set;
}

void
mustache_set_free(mustache_set *set)
{
	if (set == NULL)
		return;
	free(set->slots);
	arena_free(set->a);
	free(set);
}

const struct tmpl *
mustache_set_find(const mustache_set *set, const char *name, uint64_t h)
{
	if (set->cap == 0)
		return NULL;
	for (size_t i = h & (set->cap - 1);; i = (i + 1) & (set->cap - 1)) {
		const struct tmpl *t = set->slots[i];
		if (t == NULL)
			return NULL;
		if (t->hash == h && strcmp(t->name, name) == 0)
			return t;
	}
}

/* Inserts t, or replaces the template of the same name. */
static void
slot_put(struct tmpl **slots, size_t cap, struct tmpl *t)
{
	size_t i = t->hash & (cap - 1);
	while (slots[i] != NULL && strcmp(slots[i]->name, t->name) != 0)
		i = (i + 1) & (cap - 1);
	slots[i] = t;
}

static void
set_put(mustache_set *set, struct tmpl *t)
{
	if ((set->count + 1) * 10 > set->cap * 7) {
		size_t ncap = set->cap ? set->cap * 2 : 16;
		struct tmpl **ns = xcalloc(ncap, sizeof(*ns));
		for (size_t i = 0; i < set->cap; i++)
			if (set->slots[i] != NULL)
				slot_put(ns, ncap, set->slots[i]);
		free(set->slots);
		set->slots = ns;
		set->cap = ncap;
	}
	if (mustache_set_find(set, t->name, t->hash) == NULL)
		set->count++;
	slot_put(set->slots, set->cap, t);
}

bool
mustache_set_has(const mustache_set *set, const char *name)
{
	return mustache_set_find(set, name, mustache_hash_str(name)) != NULL;
}

/* ------------------------------------------------------------- tokens */

enum ttype {
	T_TEXT,
	T_VAR,
	T_RAW,
	T_COMMENT,
	T_SECTION,
	T_INVERTED,
	T_CLOSE,
	T_PARTIAL,
	T_PARENT,
	T_BLOCK,
	T_DELIM
};

struct tok {
	enum ttype type;
	bool dynamic;     /* name began with '*' */
	bool standalone;  /* alone on its line (or a standalone parent) */
	bool is_arg;      /* block directly inside a parent */
	bool bl_before;   /* only blanks between line start and tag */
	bool bl_after;    /* only blanks, then a line ending or the end */
	unsigned char nl; /* block site: line ending cut after its end tag */
	size_t start, end;
	size_t lead;  /* bytes of blanks before it, when bl_before */
	size_t after; /* just past the line ending, when bl_after */
	const char *name;
	size_t nlen;
	unsigned line, col;
	size_t cut_head, cut_tail; /* text: bytes standalone tags remove */
	size_t match;              /* opening tag: index of its closing tag */
	const char *od, *cd;       /* delimiters in force, for messages */
	size_t odl, cdl;
};

struct comp {
	arena *a;
	diag *d;
	const char *file;
	const char *src; /* arena copy: tokens and nodes point into it */
	size_t len;
	struct tok *toks;
	size_t ntoks, cap;
	size_t cur; /* line/column cursor, moves forward only */
	unsigned line, col;
	bool at_bol; /* builder: the next output starts a template line */
};

static bool
is_blank(char ch)
{
	return ch == ' ' || ch == '\t';
}

static bool
is_space(char ch)
{
	return is_blank(ch) || ch == '\n' || ch == '\r' || ch == '\f' ||
	       ch == '\v';
}

/* memmem is not POSIX. */
static size_t
find(const char *s, size_t len, size_t from, const char *pat, size_t plen)
{
	while (from + plen <= len) {
		const char *p = memchr(s + from, pat[0], len - from - plen + 1);
		if (p == NULL)
			return SIZE_MAX;
		size_t at = (size_t)(p - s);
		if (memcmp(p, pat, plen) == 0)
			return at;
		from = at + 1;
	}
	return SIZE_MAX;
}

/*
 * Line and column of pos, for messages.  Tags are found in source order,
 * so the cursor only moves forward and the whole lexing stays linear
 * even on a template written on one long line.  Columns count UTF-8
 * characters, as an editor does.
 */
static void
locate(struct comp *c, size_t pos, unsigned *line, unsigned *col)
{
	while (c->cur < pos) {
		unsigned char ch = (unsigned char)c->src[c->cur++];
		if (ch == '\n') {
			c->line++;
			c->col = 1;
		} else if ((ch & 0xC0) != 0x80) {
			c->col++;
		}
	}
	*line = c->line;
	*col = c->col;
}

static struct tok *
tok_add(struct comp *c, enum ttype type, size_t start, size_t end)
{
	if (c->ntoks == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 64;
		c->toks = xrealloc(c->toks, c->cap * sizeof(*c->toks));
	}
	struct tok *t = &c->toks[c->ntoks++];
	memset(t, 0, sizeof(*t));
	t->type = type;
	t->start = start;
	t->end = end;
	t->match = SIZE_MAX;
	locate(c, start, &t->line, &t->col);
	return t;
}

/* Up to 20 bytes of the tag, cut at a line end or a character boundary. */
static int
snippet_len(const char *s, size_t avail)
{
	size_t n = 0;
	while (n < avail && n < 20 && s[n] != '\n' && s[n] != '\r')
		n++;
	if (n < avail && n == 20)
		n = utf8_cut(s, n);
	return (int)n;
}

static void
trim(const char **s, size_t *n)
{
	while (*n > 0 && is_space(**s))
		(*s)++, (*n)--;
	while (*n > 0 && is_space((*s)[*n - 1]))
		(*n)--;
}

static bool
has_space(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (is_space(s[i]))
			return true;
	return false;
}

/* The current delimiters, for the tag being lexed. */
struct delims {
	const char *od, *cd;
	size_t odl, cdl;
};

/*
 * {{=<% %>=}}: two delimiters separated by blanks, neither containing a
 * blank or '=' (the spec's rule, which keeps tags recognisable).
 */
static int
lex_delims(struct comp *c, struct tok *t, struct delims *dl)
{
	const char *s = t->name, *e = t->name + t->nlen;
	const char *a = s;
	while (a < e && !is_space(*a))
		a++;
	const char *b = a;
	while (b < e && is_space(*b))
		b++;
	bool ok = a > s && b > a && b < e && !has_space(b, (size_t)(e - b)) &&
	          memchr(s, '=', (size_t)(a - s)) == NULL &&
	          memchr(b, '=', (size_t)(e - b)) == NULL;
	if (!ok) {
		diag_report(
		    c->d, DIAG_ERROR, c->file, t->line, t->col,
		    "bad delimiter change '%.*s'; expected two "
		    "delimiters without '=' separated by a space, as in "
		    "%.*s=<%% %%>=%.*s",
		    (int)(t->end - t->start), c->src + t->start, (int)dl->odl,
		    dl->od, (int)dl->cdl, dl->cd);
		return -1;
	}
	dl->od = s;
	dl->odl = (size_t)(a - s);
	dl->cd = b;
	dl->cdl = (size_t)(e - b);
	return 0;
}

static enum ttype
sigil_type(char ch)
{
	switch (ch) {
	case '!': return T_COMMENT;
	case '#': return T_SECTION;
	case '^': return T_INVERTED;
	case '/': return T_CLOSE;
	case '>': return T_PARTIAL;
	case '<': return T_PARENT;
	case '$': return T_BLOCK;
	case '&':
	case '{': return T_RAW;
	case '=': return T_DELIM;
	default: return T_VAR;
	}
}

/*
 * Finds the end of the tag whose content starts at p.  Triple mustaches
 * and delimiter changes end with '}' or '=' right before the closing
 * delimiter.  Returns the offset of the closing delimiter, or SIZE_MAX.
 */
static size_t
tag_close(const struct comp *c, size_t p, char term, const struct delims *dl)
{
	size_t from = term ? p + 1 : p;
	for (;;) {
		size_t q = find(c->src, c->len, from, dl->cd, dl->cdl);
		if (q == SIZE_MAX || !term || c->src[q - 1] == term)
			return q;
		from = q + 1;
	}
}

static int
unclosed_tag(struct comp *c, const struct tok *t, char term,
             const struct delims *dl)
{
	const char *s = c->src + t->start;
	char end[2] = {term, '\0'};
	diag_report(c->d, DIAG_ERROR, c->file, t->line, t->col,
	            "unclosed tag '%.*s'; expected '%s%.*s' to close it",
	            snippet_len(s, c->len - t->start), s, end, (int)dl->cdl,
	            dl->cd);
	return -1;
}

/* A dotted name must not have empty parts: "a..b", ".a", "a.". */
static bool
bad_dots(const char *s, size_t n)
{
	if (n == 1 && s[0] == '.')
		return false;
	if (s[0] == '.' || s[n - 1] == '.')
		return true;
	for (size_t i = 1; i < n; i++)
		if (s[i] == '.' && s[i - 1] == '.')
			return true;
	return false;
}

/* Checks and normalises the name of a tag other than a comment. */
static int
lex_name(struct comp *c, struct tok *t)
{
	const char *tag = c->src + t->start;
	int taglen = (int)(t->end - t->start);
	if (t->nlen > 0 && t->name[0] == '*' &&
	    (t->type == T_PARTIAL || t->type == T_PARENT ||
	     t->type == T_CLOSE)) {
		t->dynamic = true;
		t->name++, t->nlen--;
		trim(&t->name, &t->nlen);
	}
	if (t->nlen == 0) {
		diag_report(c->d, DIAG_ERROR, c->file, t->line, t->col,
		            "empty name in tag '%.*s'; expected a name, as in "
		            "%.*stitle%.*s",
		            taglen, tag, (int)t->odl, t->od, (int)t->cdl,
		            t->cd);
		return -1;
	}
	if (has_space(t->name, t->nlen)) {
		diag_report(c->d, DIAG_ERROR, c->file, t->line, t->col,
		            "name '%.*s' in tag '%.*s' contains a space; "
		            "expected a single name",
		            (int)t->nlen, t->name, taglen, tag);
		return -1;
	}
	bool dotted = t->type != T_PARTIAL && t->type != T_PARENT &&
	              t->type != T_BLOCK && t->type != T_CLOSE;
	if ((dotted || t->dynamic) && bad_dots(t->name, t->nlen)) {
		diag_report(c->d, DIAG_ERROR, c->file, t->line, t->col,
		            "bad name '%.*s'; expected names separated by "
		            "single dots, as in lieu.nom",
		            (int)t->nlen, t->name);
		return -1;
	}
	return 0;
}

/* Lexes the tag opening at offset at; *pos is set past it. */
static int
lex_tag(struct comp *c, size_t at, struct delims *dl, size_t *pos)
{
	size_t p = at + dl->odl;
	char sig = p < c->len ? c->src[p] : '\0';
	enum ttype type = sigil_type(sig);
	char term = sig == '{' ? '}' : sig == '=' ? '=' : '\0';
	struct tok *t = tok_add(c, type, at, at);
	t->od = dl->od, t->odl = dl->odl, t->cd = dl->cd, t->cdl = dl->cdl;
	size_t q = p < c->len ? tag_close(c, p, term, dl) : SIZE_MAX;
	if (q == SIZE_MAX)
		return unclosed_tag(c, t, term, dl);
	size_t from = type == T_VAR ? p : p + 1;
	size_t to = term ? q - 1 : q;
	t->end = q + dl->cdl;
	*pos = t->end;
	t->name = c->src + from;
	t->nlen = to > from ? to - from : 0;
	trim(&t->name, &t->nlen);
	if (type == T_COMMENT)
		return 0;
	if (type == T_DELIM)
		return lex_delims(c, t, dl);
	return lex_name(c, t);
}

static int
lex(struct comp *c)
{
	struct delims dl = {"{{", "}}", 2, 2};
	size_t pos = 0;
	while (pos < c->len) {
		size_t at = find(c->src, c->len, pos, dl.od, dl.odl);
		if (at == SIZE_MAX)
			at = c->len;
		if (at > pos)
			tok_add(c, T_TEXT, pos, at);
		if (at == c->len)
			break;
		if (lex_tag(c, at, &dl, &pos) < 0)
			return -1;
	}
	return 0;
}

/* ------------------------------------------------------------ pairing */

static const char *
element_word(enum ttype type)
{
	switch (type) {
	case T_INVERTED: return "inverted section";
	case T_PARENT: return "parent";
	case T_BLOCK: return "block";
	default: return "section";
	}
}

static int
unclosed_element(struct comp *c, const struct tok *o)
{
	diag_report(c->d, DIAG_ERROR, c->file, o->line, o->col,
	            "%s '%s%.*s' opened at line %u is never closed; "
	            "expected %.*s/%s%.*s%.*s",
	            element_word(o->type), o->dynamic ? "*" : "", (int)o->nlen,
	            o->name, o->line, (int)o->odl, o->od, o->dynamic ? "*" : "",
	            (int)o->nlen, o->name, (int)o->cdl, o->cd);
	return -1;
}

static int
close_tag(struct comp *c, size_t *stack, size_t depth, size_t ci)
{
	const struct tok *t = &c->toks[ci];
	int taglen = (int)(t->end - t->start);
	const char *tag = c->src + t->start;
	if (depth == 0) {
		diag_report(c->d, DIAG_ERROR, c->file, t->line, t->col,
		            "closing tag '%.*s' has no open section; expected "
		            "a matching %.*s#%.*s%.*s before it",
		            taglen, tag, (int)t->odl, t->od, (int)t->nlen,
		            t->name, (int)t->cdl, t->cd);
		return -1;
	}
	struct tok *o = &c->toks[stack[depth - 1]];
	if (o->dynamic != t->dynamic || o->nlen != t->nlen ||
	    memcmp(o->name, t->name, t->nlen) != 0) {
		diag_report(c->d, DIAG_ERROR, c->file, t->line, t->col,
		            "closing tag '%.*s' does not match %s '%s%.*s' "
		            "opened at line %u; expected %.*s/%s%.*s%.*s",
		            taglen, tag, element_word(o->type),
		            o->dynamic ? "*" : "", (int)o->nlen, o->name,
		            o->line, (int)t->odl, t->od, o->dynamic ? "*" : "",
		            (int)o->nlen, o->name, (int)t->cdl, t->cd);
		return -1;
	}
	o->match = ci;
	return 0;
}

static bool
opens_element(enum ttype type)
{
	return type == T_SECTION || type == T_INVERTED || type == T_PARENT ||
	       type == T_BLOCK;
}

/* Matches opening and closing tags; a block under a parent is an argument. */
static int
pair(struct comp *c)
{
	size_t stack[MAX_NEST];
	size_t depth = 0;
	for (size_t i = 0; i < c->ntoks; i++) {
		struct tok *t = &c->toks[i];
		if (t->type == T_CLOSE) {
			if (close_tag(c, stack, depth, i) < 0)
				return -1;
			depth--;
		} else if (opens_element(t->type)) {
			if (depth == MAX_NEST) {
				diag_report(
				    c->d, DIAG_ERROR, c->file, t->line, t->col,
				    "sections nested more than %d deep; "
				    "expected at most %d levels",
				    MAX_NEST, MAX_NEST);
				return -1;
			}
			t->is_arg = t->type == T_BLOCK && depth > 0 &&
			            c->toks[stack[depth - 1]].type == T_PARENT;
			stack[depth++] = i;
		}
	}
	if (depth > 0)
		return unclosed_element(c, &c->toks[stack[depth - 1]]);
	return 0;
}

/* ------------------------------------------------------------- blanks */

/* Fills bl_before/lead and bl_after/after from the source around t. */
static void
scan_blanks(const struct comp *c, struct tok *t)
{
	size_t i = t->start;
	while (i > 0 && is_blank(c->src[i - 1]))
		i--;
	t->bl_before = i == 0 || c->src[i - 1] == '\n';
	t->lead = t->start - i;
	size_t j = t->end;
	while (j < c->len && is_blank(c->src[j]))
		j++;
	if (j < c->len && c->src[j] == '\r' && j + 1 < c->len &&
	    c->src[j + 1] == '\n')
		j++;
	t->bl_after = j == c->len || c->src[j] == '\n';
	t->after = j < c->len ? j + 1 : j;
}

/* Removes text before token i (its blank lead) and after it. */
static void
cut_around(struct comp *c, size_t i, size_t lead, size_t j, size_t tail)
{
	if (lead > 0 && i > 0 && c->toks[i - 1].type == T_TEXT) {
		struct tok *p = &c->toks[i - 1];
		if (p->cut_tail < lead)
			p->cut_tail = lead;
	}
	if (tail > 0 && j + 1 < c->ntoks && c->toks[j + 1].type == T_TEXT) {
		struct tok *n = &c->toks[j + 1];
		if (n->cut_head < tail)
			n->cut_head = tail;
	}
}

/*
 * A block site whose opening tag starts a line and whose closing tag ends
 * one, with its content between them ("  {{$b}}{{/b}}\n"), is a
 * standalone element: its line ending is cut here and given back at render
 * time only if the content did not end its own line.  So a layout's
 * "{{$corps}}{{/corps}}" line adds no blank line after a body that ends
 * with a newline, and the spec's "Standalone block" keeps its newline.
 */
static void
site_line_end(struct comp *c, size_t i)
{
	struct tok *t = &c->toks[i];
	const struct tok *e = &c->toks[t->match];
	bool e_alone = e->bl_before; /* then the end tag cuts its own line */
	if (t->standalone || e_alone || !t->bl_before || !e->bl_after)
		return;
	size_t n = e->after - e->end;
	if (n > 0 && c->src[e->after - 1] == '\n')
		t->nl = n > 1 && c->src[e->after - 2] == '\r' ? 2 : 1;
	cut_around(c, t->match, 0, t->match, n);
}

/*
 * The spec's standalone rules.  A tag other than an interpolation that is
 * alone on its line takes the whole line with it.  A parent element
 * whose opening tag starts its line and whose closing tag ends one is
 * standalone even with its content on the same line.  An argument block
 * whose opening tag ends a line starts its content on the next line.
 */
static void
blanks(struct comp *c)
{
	for (size_t i = 0; i < c->ntoks; i++)
		if (c->toks[i].type != T_TEXT)
			scan_blanks(c, &c->toks[i]);
	for (size_t i = 0; i < c->ntoks; i++) {
		struct tok *t = &c->toks[i];
		if (t->type == T_TEXT || t->type == T_VAR || t->type == T_RAW)
			continue;
		if (t->bl_before && t->bl_after) {
			t->standalone = true;
			cut_around(c, i, t->lead, i, t->after - t->end);
		}
		if (t->type == T_PARENT && t->bl_before &&
		    c->toks[t->match].bl_after) {
			const struct tok *e = &c->toks[t->match];
			t->standalone = true;
			cut_around(c, i, t->lead, t->match, e->after - e->end);
		}
		if (t->type == T_BLOCK && t->is_arg && t->bl_after)
			cut_around(c, i, 0, i, t->after - t->end);
		if (t->type == T_BLOCK && !t->is_arg)
			site_line_end(c, i);
	}
}

/* ------------------------------------------------------------ builder */

/* Indentation removed from each line of an argument block's content. */
struct strip {
	const char *s;
	size_t n;
};

struct nvec {
	struct node *v;
	size_t n, cap;
};

static struct node *
nvec_add(struct nvec *nv, const struct tok *t)
{
	if (nv->n == nv->cap) {
		nv->cap = nv->cap ? nv->cap * 2 : 8;
		nv->v = xrealloc(nv->v, nv->cap * sizeof(*nv->v));
	}
	struct node *n = &nv->v[nv->n++];
	memset(n, 0, sizeof(*n));
	n->line = t->line;
	n->col = t->col;
	return n;
}

/* Moves the nodes into the arena, where the template keeps them. */
static void
nvec_finish(struct comp *c, struct nvec *nv, struct node **out, size_t *n)
{
	*n = nv->n;
	*out = NULL;
	if (nv->n > 0) {
		*out = arena_alloc(c->a, nv->n * sizeof(*nv->v));
		memcpy(*out, nv->v, nv->n * sizeof(*nv->v));
	}
	free(nv->v);
}

static void build(struct comp *c, size_t from, size_t to, struct strip s,
                  struct nvec *out);
static void build_args(struct comp *c, size_t from, size_t to,
                       struct nvec *out);

/* s minus the leading strip, when it starts with it. */
static void
unstrip(const char **p, size_t *n, struct strip s)
{
	if (s.n > 0 && *n >= s.n && memcmp(*p, s.s, s.n) == 0)
		*p += s.n, *n -= s.n;
}

/* Removes the strip at the start of each line of text (argument blocks). */
static const char *
strip_lines(struct comp *c, const char *p, size_t *n, struct strip s)
{
	char *o = arena_alloc(c->a, *n + 1);
	size_t k = 0;
	bool bol = c->at_bol;
	for (size_t i = 0; i < *n;) {
		if (bol && *n - i >= s.n && memcmp(p + i, s.s, s.n) == 0)
			i += s.n;
		if (i == *n)
			break;
		bol = p[i] == '\n';
		o[k++] = p[i++];
	}
	*n = k;
	return o;
}

static void
add_text(struct comp *c, const struct tok *t, struct strip s, struct nvec *out)
{
	size_t len = t->end - t->start;
	size_t head = t->cut_head < len ? t->cut_head : len;
	size_t tail = t->cut_tail < len - head ? t->cut_tail : len - head;
	const char *p = c->src + t->start + head;
	size_t n = len - head - tail;
	if (n > 0 && s.n > 0)
		p = strip_lines(c, p, &n, s);
	if (n == 0)
		return;
	struct node *nd = nvec_add(out, t);
	nd->type = N_TEXT;
	nd->bol = c->at_bol;
	nd->text = p;
	nd->len = n;
	c->at_bol = p[n - 1] == '\n';
}

static struct mname
split_name(struct comp *c, const char *s, size_t n)
{
	struct mname m = {NULL, NULL, 0};
	if (n == 1 && s[0] == '.')
		return m;
	m.n = 1;
	for (size_t i = 0; i < n; i++)
		m.n += s[i] == '.';
	m.parts = arena_alloc(c->a, m.n * sizeof(*m.parts));
	m.hashes = arena_alloc(c->a, m.n * sizeof(*m.hashes));
	size_t k = 0, start = 0;
	for (size_t i = 0; i <= n; i++) {
		if (i == n || s[i] == '.') {
			m.parts[k] = arena_strndup(c->a, s + start, i - start);
			m.hashes[k] = value_key_hash(m.parts[k]);
			k++;
			start = i + 1;
		}
	}
	return m;
}

/* A node that writes at its place in the line: takes the line start. */
static struct node *
inline_node(struct comp *c, const struct tok *t, enum ntype type,
            struct nvec *out)
{
	struct node *nd = nvec_add(out, t);
	nd->type = type;
	nd->bol = c->at_bol;
	c->at_bol = false;
	return nd;
}

/* Blanks before a tag at a line start, less an argument's strip. */
static void
lead_blanks(const struct comp *c, const struct tok *t, struct strip s,
            struct node *nd)
{
	nd->indent = c->src + t->start - t->lead;
	nd->ilen = t->lead;
	unstrip(&nd->indent, &nd->ilen, s);
}

static void
add_include(struct comp *c, const struct tok *t, struct strip s,
            struct nvec *out)
{
	enum ntype type = t->type == T_PARENT ? N_PARENT : N_PARTIAL;
	bool saved_bol = c->at_bol;
	struct node *nd = NULL;
	struct nvec args = {NULL, 0, 0};
	if (t->type == T_PARENT)
		build_args(c, (size_t)(t - c->toks) + 1, t->match, &args);
	if (t->standalone) {
		nd = nvec_add(out, t);
		nd->type = type;
		nd->standalone = true;
		lead_blanks(c, t, s, nd);
		c->at_bol = saved_bol;
	} else {
		c->at_bol = saved_bol;
		nd = inline_node(c, t, type, out);
	}
	nd->dynamic = t->dynamic;
	if (t->dynamic)
		nd->name = split_name(c, t->name, t->nlen);
	nd->text = arena_strndup(c->a, t->name, t->nlen);
	nd->len = t->nlen;
	nd->hash = mustache_hash_str(nd->text);
	nvec_finish(c, &args, &nd->kids, &nd->nkids);
}

static size_t
count_blanks(const struct comp *c, size_t at)
{
	size_t n = 0;
	while (at + n < c->len && is_blank(c->src[at + n]))
		n++;
	return n;
}

/*
 * An argument block ({{$x}} directly inside {{<p}}): when its opening
 * tag ends a line, its content starts on the next line and that line's
 * indentation (the block's intrinsic indentation) is removed from every
 * line, to be replaced by the indentation at the site it fills.
 */
static void
add_arg(struct comp *c, const struct tok *t, struct nvec *out)
{
	struct node *nd = nvec_add(out, t);
	nd->type = N_BLOCK;
	nd->text = arena_strndup(c->a, t->name, t->nlen);
	nd->len = t->nlen;
	struct strip s2 = {NULL, 0};
	if (t->bl_after) {
		s2.s = c->src + t->after;
		s2.n = count_blanks(c, t->after);
	}
	c->at_bol = t->bl_after;
	struct nvec kids = {NULL, 0, 0};
	build(c, (size_t)(t - c->toks) + 1, t->match, s2, &kids);
	nvec_finish(c, &kids, &nd->kids, &nd->nkids);
}

/*
 * A block in a template body: a site that an argument may fill.  The
 * indentation given to that argument is the intrinsic one (the next
 * line's) when the opening tag stands alone, else the blanks before it.
 */
static void
add_site(struct comp *c, const struct tok *t, struct strip s, struct nvec *out)
{
	struct node *nd;
	if (t->standalone) {
		nd = nvec_add(out, t);
		nd->type = N_BLOCK;
		nd->standalone = true;
		nd->indent = c->src + t->after;
		nd->ilen = count_blanks(c, t->after);
		unstrip(&nd->indent, &nd->ilen, s);
	} else {
		nd = inline_node(c, t, N_BLOCK, out);
		if (t->bl_before)
			lead_blanks(c, t, s, nd);
	}
	nd->text = arena_strndup(c->a, t->name, t->nlen);
	nd->len = t->nlen;
	nd->nl = t->nl;
	struct nvec kids = {NULL, 0, 0};
	build(c, (size_t)(t - c->toks) + 1, t->match, s, &kids);
	nvec_finish(c, &kids, &nd->kids, &nd->nkids);
	if (t->nl > 0)
		c->at_bol = true;
}

static void
add_section(struct comp *c, const struct tok *t, struct strip s,
            struct nvec *out)
{
	enum ntype type = t->type == T_SECTION ? N_SECTION : N_INVERTED;
	struct node *nd;
	if (t->standalone) {
		nd = nvec_add(out, t);
		nd->type = type;
	} else {
		nd = inline_node(c, t, type, out);
	}
	nd->name = split_name(c, t->name, t->nlen);
	nd->text = arena_strndup(c->a, t->name, t->nlen);
	struct nvec kids = {NULL, 0, 0};
	build(c, (size_t)(t - c->toks) + 1, t->match, s, &kids);
	nvec_finish(c, &kids, &nd->kids, &nd->nkids);
}

/* Builds the nodes of tokens [from, to). */
static void
build(struct comp *c, size_t from, size_t to, struct strip s, struct nvec *out)
{
	for (size_t i = from; i < to; i++) {
		const struct tok *t = &c->toks[i];
		switch (t->type) {
		case T_TEXT: add_text(c, t, s, out); break;
		case T_VAR:
		case T_RAW: {
			enum ntype ty = t->type == T_VAR ? N_VAR : N_RAW;
			struct node *nd = inline_node(c, t, ty, out);
			nd->name = split_name(c, t->name, t->nlen);
			break;
		}
		case T_SECTION:
		case T_INVERTED: add_section(c, t, s, out); break;
		case T_PARTIAL:
		case T_PARENT: add_include(c, t, s, out); break;
		case T_BLOCK: add_site(c, t, s, out); break;
		default: break;
		}
		if (opens_element(t->type))
			i = t->match;
	}
}

/* Inside a parent only argument blocks count; other content is ignored. */
static void
build_args(struct comp *c, size_t from, size_t to, struct nvec *out)
{
	for (size_t i = from; i < to; i++) {
		const struct tok *t = &c->toks[i];
		if (t->type == T_BLOCK)
			add_arg(c, t, out);
		if (opens_element(t->type))
			i = t->match;
	}
}

int
mustache_set_add(mustache_set *set, const char *name, const char *file,
                 const char *text, size_t len, diag *d)
{
	struct comp c = {0};
	c.a = set->a;
	c.d = d;
	c.file = arena_strdup(set->a, file != NULL ? file : name);
	c.src = arena_strndup(set->a, text, len);
	c.len = len;
	c.line = c.col = 1;
	c.at_bol = true;
	if (lex(&c) < 0 || pair(&c) < 0) {
		free(c.toks);
		return -1;
	}
	blanks(&c);
	struct tmpl *t = arena_zalloc(set->a, sizeof(*t));
	t->name = arena_strdup(set->a, name);
	t->file = c.file;
	t->hash = mustache_hash_str(t->name);
	struct nvec nv = {NULL, 0, 0};
	struct strip none = {NULL, 0};
	build(&c, 0, c.ntoks, none, &nv);
	nvec_finish(&c, &nv, &t->nodes, &t->n);
	free(c.toks);
	set_put(set, t);
	return 0;
}

/* -------------------------------------------------------------- check */

static int
check_nodes(const mustache_set *set, const struct tmpl *t, const struct node *n,
            size_t count, diag *d)
{
	int problems = 0;
	for (size_t i = 0; i < count; i++) {
		const struct node *nd = &n[i];
		if ((nd->type == N_PARTIAL || nd->type == N_PARENT) &&
		    !nd->dynamic &&
		    mustache_set_find(set, nd->text, nd->hash) == NULL) {
			diag_report(d, DIAG_ERROR, t->file, nd->line, nd->col,
			            "%s '%s' is not a known template; expected "
			            "one of the theme's templates",
			            nd->type == N_PARENT ? "parent" : "partial",
			            nd->text);
			problems++;
		}
		problems += check_nodes(set, t, nd->kids, nd->nkids, d);
	}
	return problems;
}

int
mustache_set_check(const mustache_set *set, diag *d)
{
	int problems = 0;
	for (size_t i = 0; i < set->cap; i++) {
		const struct tmpl *t = set->slots[i];
		if (t != NULL)
			problems += check_nodes(set, t, t->nodes, t->n, d);
	}
	return problems;
}
