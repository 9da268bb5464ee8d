#include "yamldoc.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "msgcat.h"
#include "textenc.h"
#include "utf8.h"

/* One open collection while events stream in. */
struct frame {
	value *node;
	const char *key; /* mappings: key read, value not yet; else NULL */
	value_pos key_pos;
	const char *anchor;
	size_t size; /* nodes in this subtree, for the expansion bound */
};

struct anchor {
	const char *name;
	value *node;
	size_t size;
};

struct loader {
	arena *a;
	diag *d;
	const char *file;
	unsigned line0;
	struct frame stack[YAMLDOC_MAX_DEPTH];
	int depth;
	struct anchor *anchors;
	size_t nanchors, capanchors;
	size_t expanded;
	value *root;
	int docs;
	bool failed;
	const char *text; /* the source, for explaining syntax errors */
	size_t len;
	bool hash; /* the source holds a '#': comments may cut values */
	/* The last line found by cut_line(): events come in the order of
	 * the text, so finding the next one starts there. */
	unsigned seen_line;
	const char *seen_at;
	unsigned nospace_line; /* said to need a space after its ':' */
};

static void fail(struct loader *L, const yaml_mark_t *m, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
fail(struct loader *L, const yaml_mark_t *m, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), diag_tr(L->d, fmt), ap);
	va_end(ap);
	diag_report(L->d, DIAG_ERROR, L->file, L->line0 + (unsigned)m->line,
	            (unsigned)m->column + 1, "%s", msg);
	L->failed = true;
}

static value *
position(struct loader *L, value *v, const yaml_mark_t *m)
{
	return value_set_pos(L->a, v, L->file, L->line0 + (unsigned)m->line,
	                     (unsigned)m->column + 1);
}

static void
remember_anchor(struct loader *L, const char *name, value *node, size_t size)
{
	if (name == NULL)
		return;
	if (L->nanchors == L->capanchors) {
		size_t cap = L->capanchors ? L->capanchors * 2 : 8;
		struct anchor *n = arena_alloc(L->a, cap * sizeof(*n));
		if (L->nanchors > 0)
			memcpy(n, L->anchors, L->nanchors * sizeof(*n));
		L->anchors = n;
		L->capanchors = cap;
	}
	L->anchors[L->nanchors++] = (struct anchor){name, node, size};
}

/* Later anchors with the same name shadow earlier ones, as YAML says. */
static struct anchor *
find_anchor(struct loader *L, const char *name)
{
	for (size_t i = L->nanchors; i > 0; i--)
		if (strcmp(L->anchors[i - 1].name, name) == 0)
			return &L->anchors[i - 1];
	return NULL;
}

/* A mapping's key read: checked, and kept in its frame with its position
 * until its value comes. */
static void
take_key(struct loader *L, struct frame *f, const char *key, value_pos at)
{
	value *prev = value_get(f->node, key);
	if (prev != NULL) {
		diag_report(L->d, DIAG_ERROR, at.file, at.line, at.col,
		            "duplicate key '%s' (first given at line %u); "
		            "each key may appear once",
		            key, value_where(prev).line);
		L->failed = true;
	}
	f->key = key;
	f->key_pos = at;
}

/* Attaches a finished node to its parent (or makes it the root). */
static void
attach(struct loader *L, value *node, size_t size, const yaml_mark_t *m)
{
	if (L->depth == 0) {
		L->root = node;
		return;
	}
	struct frame *f = &L->stack[L->depth - 1];
	f->size += size;
	if (value_kind_of(f->node) == VALUE_LIST) {
		value_push(L->a, f->node, node);
		return;
	}
	if (f->key == NULL) {
		const char *key = value_get_string(node);
		if (key == NULL) {
			fail(L, m,
			     "a key must be plain text; got a list or a "
			     "map");
			return;
		}
		take_key(L, f, key, value_where(node));
		return;
	}
	if (value_get(f->node, f->key) == NULL) {
		value_set(L->a, f->node, f->key, node);
		value_set_key_pos(f->node, value_len(f->node) - 1, f->key_pos);
	}
	f->key = NULL;
}

/*
 * The length of a plain key without the non-breaking spaces (U+00A0,
 * U+202F) French typing puts before a colon: "benevoles\u00A0: 4" is the
 * "fin : 12:00" libyaml already reads, not a field no one knows, whose
 * value then silently vanished (outside tester 20 F13).
 */
static size_t
key_len(const yaml_event_t *e)
{
	const char *k = (const char *)e->data.scalar.value;
	size_t n = e->data.scalar.length;
	if (e->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return n;
	for (;;) {
		if (n >= 2 && memcmp(k + n - 2, "\xC2\xA0", 2) == 0)
			n -= 2;
		else if (n >= 3 && memcmp(k + n - 3, "\xE2\x80\xAF", 3) == 0)
			n -= 3;
		else if (n >= 1 && k[n - 1] == ' ')
			n -= 1;
		else
			return n > 0 ? n : e->data.scalar.length;
	}
}

/*
 * A key without an anchor is kept as its text and position, not as a
 * value: the value would be left in the arena once its entry is made (48
 * bytes a key, a third of the values read from front matter).
 */
static bool
scalar_key(struct loader *L, yaml_event_t *e)
{
	struct frame *f = L->depth > 0 ? &L->stack[L->depth - 1] : NULL;
	if (f == NULL || f->key != NULL || e->data.scalar.anchor != NULL ||
	    value_kind_of(f->node) != VALUE_MAP)
		return false;
	const yaml_mark_t *m = &e->start_mark;
	value_pos at = {L->file, L->line0 + (unsigned)m->line,
	                (unsigned)m->column + 1};
	f->size += 1;
	take_key(
	    L, f,
	    arena_strndup(L->a, (const char *)e->data.scalar.value, key_len(e)),
	    at);
	return true;
}

static const char *line_at(const struct loader *L, unsigned n, size_t *ll);
static size_t dash_at(const char *s, size_t n);

/*
 * A plain list item running over several lines, one of which starts
 * with "- ": YAML folds the lines into one item ("gants - bottes"), the
 * mark of a "- bottes" indented under "- gants" where a second item was
 * meant.  Valid YAML, so a warning at that "-", with the fix.
 */
static void
check_folded_item(struct loader *L, const yaml_event_t *e)
{
	const struct frame *f = L->depth > 0 ? &L->stack[L->depth - 1] : NULL;
	if (f == NULL || value_kind_of(f->node) != VALUE_LIST ||
	    e->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return;
	unsigned first = (unsigned)e->start_mark.line + 1; /* 1-based */
	unsigned last = (unsigned)e->end_mark.line + 1;
	size_t n, pn;
	const char *top = line_at(L, first, &pn);
	size_t col = top != NULL ? dash_at(top, pn) : 0;
	for (unsigned l = first + 1; col > 0 && l <= last; l++) {
		const char *s = line_at(L, l, &n);
		size_t d = s ? dash_at(s, n) : 0;
		if (d == 0)
			continue;
		diag_report(L->d, DIAG_WARNING, L->file, L->line0 + l - 1,
		            (unsigned)d,
		            "this '- ' is indented more than the item above "
		            "(line %u), so it is read as part of that item, "
		            "not as an item of its own; put its '-' in column "
		            "%zu, as there",
		            L->line0 + first - 1, col);
		return;
	}
}

/* Line n (0-based, as libyaml counts) of the text and its length without
 * its end; NULL past the end.  From the line found last when n is at or
 * after it. */
static const char *
cut_line(struct loader *L, unsigned n, size_t *ll)
{
	const char *p = L->text, *end = L->text + L->len;
	unsigned i = 0;
	if (L->seen_at != NULL && n >= L->seen_line) {
		p = L->seen_at;
		i = L->seen_line;
	}
	for (; i < n && p < end; i++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		p = nl ? nl + 1 : end;
	}
	if (p >= end)
		return NULL;
	L->seen_line = n;
	L->seen_at = p;
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	*ll = (size_t)((nl ? nl : end) - p);
	if (*ll > 0 && p[*ll - 1] == '\r')
		(*ll)--;
	return p;
}

/* The byte of line s (n bytes) at column col (characters, from 0). */
static size_t
byte_of_column(const char *s, size_t n, size_t col)
{
	size_t i = 0;
	for (size_t c = 0; c < col && i < n; c++) {
		size_t k = utf8_seq_len((unsigned char)s[i]);
		i += k > 0 ? k : 1;
	}
	return i < n ? i : n;
}

/* The value v (n bytes) as YAML reads it whole: between double quotes,
 * or single ones when it holds a double quote and no single one. */
static void
quote_value(const char *v, size_t n, char *out, size_t outsz)
{
	bool dq = memchr(v, '"', n) != NULL, sq = memchr(v, '\'', n) != NULL;
	char q = dq && !sq ? '\'' : '"';
	size_t o = 0;
	out[o++] = q;
	for (size_t i = 0; i < n && o + 4 < outsz; i++) {
		if (q == '"' && (v[i] == '"' || v[i] == '\\'))
			out[o++] = '\\';
		out[o++] = v[i];
	}
	out[o++] = q;
	out[o] = '\0';
}

/* Where a '#' glued to a word stands after the blanks that follow s[at]
 * ("lavoir #2", "couleur: #1d5a84"): a comment to YAML, which the
 * editor meant as the value.  0 when no blank follows s[at], or the
 * blanks are followed by anything else ("# " opens an explanation). */
static size_t
glued_hash(const char *s, size_t n, size_t at)
{
	size_t i = at;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i == at || i + 1 >= n || s[i] != '#' || s[i + 1] == ' ' ||
	    s[i + 1] == '\t')
		return 0;
	return i;
}

/*
 * A plain value followed on its line by a blank and '#' then a word
 * ("titre: Nettoyage du lavoir #2", "Atelier n°2 #vélo"): YAML reads
 * " #" as the start of a comment and cuts the value there, silently.
 * An explanation in a comment leaves a blank after its '#', as the
 * theme's archetypes do ("benevoles: 6      # nombre de bénévoles"), so
 * only '#' glued to a word is taken for part of the value.  Valid YAML:
 * a warning at the '#', with the line to write.
 */
static void
check_cut_value(struct loader *L, const yaml_event_t *e)
{
	if (!L->hash || e->data.scalar.style != YAML_PLAIN_SCALAR_STYLE ||
	    e->data.scalar.length == 0 ||
	    e->end_mark.line != e->start_mark.line)
		return;
	size_t n;
	const char *s = cut_line(L, (unsigned)e->end_mark.line, &n);
	if (s == NULL)
		return;
	size_t end = byte_of_column(s, n, e->end_mark.column);
	size_t i = glued_hash(s, n, end);
	if (i == 0)
		return;
	size_t w = i;
	while (w < n && s[w] != ' ' && s[w] != '\t')
		w++;
	size_t start = byte_of_column(s, n, e->start_mark.column), ind = 0;
	while (ind < start && s[ind] == ' ')
		ind++;
	size_t vn = n;
	while (vn > start && (s[vn - 1] == ' ' || s[vn - 1] == '\t'))
		vn--;
	char quoted[512];
	quote_value(s + start, vn - start, quoted, sizeof(quoted));
	diag_report(L->d, DIAG_WARNING, L->file,
	            L->line0 + (unsigned)e->end_mark.line,
	            (unsigned)(e->end_mark.column + (i - end)) + 1,
	            "the value stops before '%.*s': after a space, '#' starts "
	            "a comment, which is left out; put the value between "
	            "quotes: %.*s%s",
	            (int)(w - i), s + i, (int)(start - ind), s + ind, quoted);
}

static void hint(struct loader *L, unsigned line, size_t col, const char *fmt,
                 ...) __attribute__((format(printf, 4, 5)));

/*
 * "titre: # Nettoyer": one blank after the colon, then "# " and words.
 * The editor typed the value there (a Markdown heading's habit); the
 * archetypes align their explaining comments further right ("resume:
 * <many blanks> # une phrase"), which stay "no value".  Said as the
 * comment it is, instead of "no value" and "required" for a field the
 * editor did fill; an error that stops the file, as a syntax error.
 */
static bool
typed_comment(struct loader *L, const yaml_event_t *e, const char *s, size_t n,
              size_t at)
{
	const struct frame *f = L->depth > 0 ? &L->stack[L->depth - 1] : NULL;
	if (f == NULL || f->key == NULL || at == 0 || s[at - 1] != ':' ||
	    at + 3 >= n || s[at] != ' ' || s[at + 1] != '#' ||
	    s[at + 2] != ' ' || s[at + 3] == ' ')
		return false;
	size_t ind = 0, vn = n;
	while (ind < at && s[ind] == ' ')
		ind++;
	while (vn > at && (s[vn - 1] == ' ' || s[vn - 1] == '\t'))
		vn--;
	char quoted[512];
	quote_value(s + at + 1, vn - at - 1, quoted, sizeof(quoted));
	hint(L, (unsigned)e->start_mark.line + 1, at + 1,
	     "'#' starts a comment, which is left out: '%s' stays empty; "
	     "write the value without '#', or between quotes: %.*s %s",
	     f->key, (int)(at - ind), s + ind, quoted);
	return true;
}

/*
 * A value that starts with '#' ("couleur: #1d5a84", "- #vélo"): YAML
 * reads all of it as a comment and the field is empty, silently.  As
 * above, only a '#' glued to a word is taken for the value: the
 * archetypes explain an empty field with "# " and a blank.
 */
static void
check_empty_value(struct loader *L, const yaml_event_t *e)
{
	if (!L->hash || e->data.scalar.style != YAML_PLAIN_SCALAR_STYLE ||
	    e->data.scalar.length != 0)
		return;
	size_t n;
	const char *s = cut_line(L, (unsigned)e->start_mark.line, &n);
	if (s == NULL)
		return;
	size_t at = byte_of_column(s, n, e->start_mark.column);
	if (typed_comment(L, e, s, n, at))
		return;
	size_t i = glued_hash(s, n, at);
	if (i == 0)
		return;
	size_t ind = 0, vn = n;
	while (ind < at && s[ind] == ' ')
		ind++;
	while (vn > i && (s[vn - 1] == ' ' || s[vn - 1] == '\t'))
		vn--;
	char quoted[512];
	quote_value(s + i, vn - i, quoted, sizeof(quoted));
	diag_report(L->d, DIAG_WARNING, L->file,
	            L->line0 + (unsigned)e->start_mark.line,
	            (unsigned)(e->start_mark.column + (i - at)) + 1,
	            "this value is empty: after a space, '#' starts a comment, "
	            "which is left out; put the value between quotes: %.*s %s",
	            (int)(at - ind), s + ind, quoted);
}

static bool nospace_at(struct loader *L, unsigned l);

/*
 * "lieu:" then "  nom:École" as the header's last line: libyaml says
 * nothing and reads "nom:École" as lieu's text, so the place was lost
 * without a word (with a line after it, libyaml complains there and
 * hint_nospace() says it).  A plain value alone on its line that reads
 * "key:value" is said as the same slip; an address ("https://…") is not.
 */
static void
check_nospace_value(struct loader *L, const yaml_event_t *e)
{
	if (e->data.scalar.style != YAML_PLAIN_SCALAR_STYLE ||
	    memchr(e->data.scalar.value, ':', e->data.scalar.length) == NULL)
		return;
	size_t n, ind = 0;
	unsigned l = (unsigned)e->start_mark.line + 1;
	const char *s = line_at(L, l, &n);
	while (s != NULL && ind < n && s[ind] == ' ')
		ind++;
	if (s == NULL || ind != e->start_mark.column)
		return;
	const char *c = memchr(s + ind, ':', n - ind);
	if (c != NULL && c + 1 < s + n && c[1] == '/')
		return;
	nospace_at(L, l);
}

static void
on_scalar(struct loader *L, yaml_event_t *e)
{
	const char *text = (const char *)e->data.scalar.value;
	if (scalar_key(L, e))
		return;
	value *v = value_stringn(L->a, text, e->data.scalar.length);
	v = position(L, v, &e->start_mark);
	value_set_plain(v, e->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
	                       e->data.scalar.tag == NULL);
	if (e->end_mark.line > e->start_mark.line)
		check_folded_item(L, e);
	check_cut_value(L, e);
	check_empty_value(L, e);
	check_nospace_value(L, e);
	const char *anchor = (const char *)e->data.scalar.anchor;
	if (anchor != NULL)
		remember_anchor(L, arena_strdup(L->a, anchor), v, 1);
	attach(L, v, 1, &e->start_mark);
}

static void
on_open(struct loader *L, yaml_event_t *e, bool is_list)
{
	if (L->depth == YAMLDOC_MAX_DEPTH) {
		fail(L, &e->start_mark,
		     "nesting is too deep (more than %d levels)",
		     YAMLDOC_MAX_DEPTH);
		return;
	}
	value *v = is_list ? value_list(L->a) : value_map(L->a);
	v = position(L, v, &e->start_mark);
	const yaml_char_t *anchor = is_list ? e->data.sequence_start.anchor
	                                    : e->data.mapping_start.anchor;
	struct frame *f = &L->stack[L->depth++];
	f->node = v;
	f->key = NULL;
	f->anchor = anchor ? arena_strdup(L->a, (const char *)anchor) : NULL;
	f->size = 1;
}

static void
on_close(struct loader *L, yaml_event_t *e)
{
	struct frame f = L->stack[--L->depth];
	remember_anchor(L, f.anchor, f.node, f.size);
	attach(L, f.node, f.size, &e->start_mark);
}

/* An alias shares the anchored node; its size counts again each time, so
 * the total bounds what any consumer walking the tree would visit. */
static void
on_alias(struct loader *L, yaml_event_t *e)
{
	const char *name = (const char *)e->data.alias.anchor;
	struct anchor *an = find_anchor(L, name);
	if (an == NULL) {
		fail(L, &e->start_mark,
		     "unknown alias '*%s'; define it first "
		     "with an anchor '&name'",
		     name);
		return;
	}
	L->expanded += an->size;
	if (L->expanded > YAMLDOC_MAX_EXPANSION) {
		fail(L, &e->start_mark,
		     "aliases expand to too many values (over %d); this looks "
		     "like a 'billion laughs' attack",
		     YAMLDOC_MAX_EXPANSION);
		return;
	}
	attach(L, an->node, an->size, &e->start_mark);
}

static void
on_event(struct loader *L, yaml_event_t *e)
{
	switch (e->type) {
	case YAML_DOCUMENT_START_EVENT:
		if (++L->docs > 1)
			fail(L, &e->start_mark,
			     "only one YAML document is allowed here; remove "
			     "the extra '---'");
		break;
	case YAML_SCALAR_EVENT: on_scalar(L, e); break;
	case YAML_SEQUENCE_START_EVENT: on_open(L, e, true); break;
	case YAML_MAPPING_START_EVENT: on_open(L, e, false); break;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT: on_close(L, e); break;
	case YAML_ALIAS_EVENT: on_alias(L, e); break;
	default: break;
	}
}

/* ---- Syntax errors an editor can act on ----------------------------
 *
 * libyaml says "mapping values are not allowed in this context" or "did
 * not find expected key", sometimes lines after the mistake.  Before
 * passing that on, the source is read again for the usual mistakes, each
 * reported where it is, with the fix: a tab in an indentation, a quote
 * never closed, a value holding ": " (French typography) or starting
 * with a character YAML reserves, a list item not aligned with the one
 * before.
 */

/* Line n (1-based) of the text; NULL past the end. */
static const char *
line_at(const struct loader *L, unsigned n, size_t *ll)
{
	const char *p = L->text, *end = L->text + L->len;
	for (unsigned i = 1; i < n && p < end; i++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		p = nl ? nl + 1 : end;
	}
	if (p >= end)
		return NULL;
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	*ll = (size_t)((nl ? nl : end) - p);
	if (*ll > 0 && p[*ll - 1] == '\r')
		(*ll)--;
	return p;
}

static void
hint(struct loader *L, unsigned line, size_t col, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), msgcat_lookup(diag_lang(L->d), fmt), ap);
	va_end(ap);
	diag_report(L->d, DIAG_ERROR, L->file, L->line0 + line - 1,
	            (unsigned)col + 1, "%s", msg);
	L->failed = true;
}

/* Where a line's value starts: after "key: " or "- "; 0 if none. */
static size_t
value_start(const char *s, size_t n, size_t *keylen)
{
	size_t i = 0;
	while (i < n && s[i] == ' ')
		i++;
	if (i + 1 < n && s[i] == '-' && s[i + 1] == ' ') {
		*keylen = 0;
		for (i += 2; i < n && s[i] == ' ';)
			i++;
		return i;
	}
	size_t k = i;
	while (i < n && s[i] != ':' && s[i] != ' ' && s[i] != '"' &&
	       s[i] != '\'' && s[i] != '#')
		i++;
	if (i == k || i + 1 >= n || s[i] != ':' || s[i + 1] != ' ')
		return 0;
	*keylen = i - k;
	for (i++; i < n && s[i] == ' ';)
		i++;
	return i < n ? i : 0;
}

static bool
hint_tab(struct loader *L, unsigned upto)
{
	size_t n;
	const char *s;
	for (unsigned l = 1; l <= upto && (s = line_at(L, l, &n)) != NULL; l++)
		for (size_t i = 0; i < n && (s[i] == ' ' || s[i] == '\t'); i++)
			if (s[i] == '\t') {
				hint(
				    L, l, i,
				    "a tab is used to indent this line; YAML "
				    "indents with spaces only: replace the tab "
				    "with spaces");
				return true;
			}
	return false;
}

static bool
closes(const char *s, size_t n, char q)
{
	for (size_t i = 0; i < n; i++) {
		if (q == '"' && s[i] == '\\') {
			i++;
			continue;
		}
		if (s[i] != q)
			continue;
		if (q == '\'' && i + 1 < n && s[i + 1] == '\'') {
			i++; /* '' is a quote inside '...' */
			continue;
		}
		return true;
	}
	return false;
}

static bool
hint_quote(struct loader *L, unsigned upto)
{
	size_t n, k;
	const char *s;
	for (unsigned l = 1; l <= upto && (s = line_at(L, l, &n)) != NULL;
	     l++) {
		size_t v = value_start(s, n, &k);
		if (v == 0 || (s[v] != '"' && s[v] != '\''))
			continue;
		if (closes(s + v + 1, n - v - 1, s[v]))
			continue;
		hint(L, l, v,
		     "this quote is never closed; add the closing %c at the "
		     "end of the value",
		     s[v]);
		return true;
	}
	return false;
}

/*
 * "titre: 'L'école'": the apostrophe ends the quoted value, and YAML
 * stops at the text after it.  Said at that apostrophe, with the line
 * written between double quotes (when the value holds none).
 */
static bool
hint_apostrophe(struct loader *L, unsigned upto)
{
	size_t n, k;
	const char *s;
	for (unsigned l = 1; l <= upto && (s = line_at(L, l, &n)) != NULL;
	     l++) {
		size_t v = value_start(s, n, &k);
		if (v == 0 || s[v] != '\'')
			continue;
		size_t j = v + 1;
		while (j < n &&
		       (s[j] != '\'' || (j + 1 < n && s[j + 1] == '\'')))
			j += s[j] == '\'' ? 2 : 1;
		size_t r = j + 1, e = n;
		while (r < n && s[r] == ' ')
			r++;
		while (e > v + 1 && s[e - 1] == ' ')
			e--;
		if (j >= n || r >= n || s[r] == '#' ||
		    memchr(s + v, '"', n - v) != NULL)
			continue;
		size_t ind = 0, last = s[e - 1] == '\'' ? e - 1 : e;
		while (s[ind] == ' ')
			ind++;
		hint(L, l, j,
		     "an apostrophe inside a value between apostrophes ends "
		     "it; write the value between double quotes: %.*s\"%.*s\"",
		     (int)(v - ind), s + ind, (int)(last - v - 1), s + v + 1);
		return true;
	}
	return false;
}

/*
 * "titre:Test" or "titre:" + a non-breaking space + "Test" (typed by
 * word processors, invisible): YAML reads no key there.  Said at line l
 * just after the colon, once per line; false when l is no such line.
 */
static bool
nospace_at(struct loader *L, unsigned l)
{
	size_t n;
	const char *s = line_at(L, l, &n);
	if (s == NULL || l == L->nospace_line)
		return s != NULL;
	size_t i = 0;
	while (i < n && s[i] == ' ')
		i++;
	size_t k = i;
	while (i < n && (s[i] == '_' || (s[i] >= 'a' && s[i] <= 'z') ||
	                 (s[i] >= 'A' && s[i] <= 'Z') ||
	                 (i > k && s[i] >= '0' && s[i] <= '9')))
		i++;
	if (i == k || i + 1 >= n || s[i] != ':' || s[i + 1] == ' ' ||
	    s[i + 1] == '\t')
		return false;
	bool nbsp = i + 2 < n && (unsigned char)s[i + 1] == 0xC2 &&
	            (unsigned char)s[i + 2] == 0xA0;
	bool nnbsp = i + 3 < n && memcmp(s + i + 1, "\xE2\x80\xAF", 3) == 0;
	if (nbsp || nnbsp)
		hint(L, l, i + 1,
		     "after '%.*s:' there is a non-breaking space "
		     "(invisible); replace it with an ordinary space",
		     (int)(i - k), s + k);
	else
		hint(L, l, i + 1,
		     "after '%.*s:' an ordinary space is needed: %.*s: %.*s",
		     (int)(i - k), s + k, (int)(i - k), s + k, (int)(n - i - 1),
		     s + i + 1);
	L->nospace_line = l;
	return true;
}

/* libyaml complains at the line after such a line: the line itself is
 * err or the one before. */
static bool
hint_nospace(struct loader *L, unsigned err)
{
	for (unsigned l = err > 1 ? err - 1 : 1; l <= err; l++)
		if (nospace_at(L, l))
			return true;
	return false;
}

static bool
hint_colon(struct loader *L, unsigned l)
{
	size_t n, k;
	const char *s = line_at(L, l, &n);
	size_t v = s ? value_start(s, n, &k) : 0;
	if (v == 0 || k == 0 || strchr("\"'[{|>&*!", s[v]) != NULL)
		return false;
	const char *c = NULL;
	for (size_t i = v; i + 1 < n && c == NULL; i++)
		if (s[i] == ':' && (s[i + 1] == ' ' || i + 2 == n))
			c = s + i;
	if (c == NULL)
		return false;
	size_t ind = 0;
	while (s[ind] == ' ')
		ind++;
	hint(L, l, v,
	     "the value of '%.*s' contains ': '; put the value between "
	     "quotes: %.*s: \"%.*s\"",
	     (int)k, s + ind, (int)k, s + ind, (int)(n - v), s + v);
	return true;
}

/* The line to write instead of line s (n octets) whose value starts at
 * v: its key as written from its indentation on (*ind), and the value
 * without trailing blanks between quotes, in quoted. */
static void
quoted_line(const char *s, size_t n, size_t v, size_t *ind, char *quoted,
            size_t qsz)
{
	size_t vn = n;
	*ind = 0;
	while (s[*ind] == ' ')
		(*ind)++;
	while (vn > v && (s[vn - 1] == ' ' || s[vn - 1] == '\t'))
		vn--;
	quote_value(s + v, vn - v, quoted, qsz);
}

/*
 * "titre: @mairie nettoie", "titre: - Nettoyer": '@' and '`' are
 * reserved by YAML, "- " after a key opens a list where none may be;
 * libyaml says so in English ("found character that cannot start any
 * token").  Said at that character, with the line to write.
 */
static bool
hint_start(struct loader *L, unsigned l)
{
	size_t n, k;
	const char *s = line_at(L, l, &n);
	size_t v = s ? value_start(s, n, &k) : 0;
	if (v == 0 ||
	    (s[v] != '@' && s[v] != '`' &&
	     (k == 0 || s[v] != '-' || v + 1 >= n || s[v + 1] != ' ')))
		return false;
	size_t ind;
	char quoted[512];
	quoted_line(s, n, v, &ind, quoted, sizeof(quoted));
	hint(L, l, v,
	     "a value cannot start with '%c'; put it between quotes: %.*s%s",
	     s[v], (int)(v - ind), s + ind, quoted);
	return true;
}

/* Where the bracket opening s[v] closes on its line, or 0. */
static size_t
flow_end(const char *s, size_t n, size_t v)
{
	int depth = 0;
	for (size_t i = v; i < n; i++) {
		if (s[i] == '[' || s[i] == '{')
			depth++;
		else if ((s[i] == ']' || s[i] == '}') && --depth == 0)
			return i;
	}
	return 0;
}

/*
 * "titre: [ANNULÉ] Nettoyer": brackets are how people flag a change in
 * a hurry, and YAML reads "[ANNULÉ]" as a list, then stops at the words
 * after it ("did not find expected key").  Said at the bracket, with
 * the line to write, as hint_start() does for '@'.
 */
static bool
hint_bracket(struct loader *L, unsigned l)
{
	size_t n, k;
	const char *s = line_at(L, l, &n);
	size_t v = s ? value_start(s, n, &k) : 0;
	if (v == 0 || (s[v] != '[' && s[v] != '{'))
		return false;
	size_t end = flow_end(s, n, v), after = end + 1;
	while (end > 0 && after < n && (s[after] == ' ' || s[after] == '\t'))
		after++;
	if (end == 0 || after >= n || s[after] == '#')
		return false;
	size_t ind;
	char quoted[512];
	quoted_line(s, n, v, &ind, quoted, sizeof(quoted));
	if (s[v] == '[')
		hint(L, l, v,
		     "a value starting with '[' is read as a list, and text "
		     "follows it; put the whole value between quotes: %.*s%s",
		     (int)(v - ind), s + ind, quoted);
	else
		hint(L, l, v,
		     "a value starting with '{' is read as a dictionary, and "
		     "text follows it; put the whole value between quotes: "
		     "%.*s%s",
		     (int)(v - ind), s + ind, quoted);
	return true;
}

static size_t
dash_at(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && s[i] == ' ')
		i++;
	return i + 1 < n && s[i] == '-' && s[i + 1] == ' ' ? i + 1 : 0;
}

/* A "- item" line not in the column of the list item above it. */
static bool
hint_list(struct loader *L, unsigned err)
{
	size_t n, pn;
	for (unsigned l = err + 1; l >= 2 && l + 1 >= err; l--) {
		const char *s = line_at(L, l, &n);
		size_t d = s ? dash_at(s, n) : 0;
		if (d == 0)
			continue;
		for (unsigned pl = l - 1; pl >= 1; pl--) {
			const char *p = line_at(L, pl, &pn);
			size_t pd = dash_at(p, pn);
			if (pd == 0 && pn > 0 && p[0] != ' ' && p[0] != '-')
				break; /* another field: no list above */
			if (pd == 0 || pd == d)
				continue;
			hint(L, l, d - 1,
			     "this list item is not aligned with the one at "
			     "line %u; put its '-' in column %zu, as there",
			     L->line0 + pl - 1, pd);
			return true;
		}
	}
	return false;
}

static void
syntax_error(struct loader *L, const yaml_parser_t *p)
{
	const yaml_mark_t *m = p->problem_mark.line || p->problem_mark.column
	                           ? &p->problem_mark
	                           : &p->context_mark;
	unsigned err = (unsigned)m->line + 1; /* line of the text, 1-based */
	if (hint_tab(L, err + 1) || hint_quote(L, err) ||
	    hint_apostrophe(L, err) || hint_nospace(L, err) ||
	    hint_start(L, err) || hint_bracket(L, err) || hint_colon(L, err) ||
	    hint_list(L, err))
		return;
	char msg[512];
	snprintf(msg, sizeof(msg), "%s%s%s", p->problem ? p->problem : "error",
	         p->context ? " " : "", p->context ? p->context : "");
	diag_report(L->d, DIAG_ERROR, L->file, L->line0 + (unsigned)m->line,
	            (unsigned)m->column + 1,
	            "invalid YAML: %s (check indentation, and quote values "
	            "that contain ': ' or start with a special character)",
	            msg);
	L->failed = true;
}

value *
yamldoc_load(arena *a, const char *file, const char *text, size_t len,
             unsigned first_line, diag *d)
{
	if (textenc_readable(file, text, len, first_line, d) != 0)
		return NULL;
	return yamldoc_parse(a, file, text, len, first_line, d);
}

value *
yamldoc_parse(arena *a, const char *file, const char *text, size_t len,
              unsigned first_line, diag *d)
{
	/* libyaml refuses them (« control characters are not allowed », at
	 * the line's start): said where they are, and dropped, as from the
	 * body (outside tester 30 F8) */
	if (utf8_drop_controls(text, len, file, first_line, NULL, NULL) > 0) {
		buf clean = BUF_INIT;
		utf8_drop_controls(text, len, file, first_line, d, &clean);
		len = clean.len;
		text = arena_strndup(a, buf_cstr(&clean), len);
		buf_free(&clean);
	}
	struct loader L = {.a = a,
	                   .d = d,
	                   .file = file,
	                   .line0 = first_line,
	                   .text = text,
	                   .len = len,
	                   .hash = memchr(text, '#', len) != NULL};
	yaml_parser_t p;
	if (!yaml_parser_initialize(&p))
		abort();
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
	yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
	for (bool done = false; !done && !L.failed;) {
		yaml_event_t e;
		if (!yaml_parser_parse(&p, &e)) {
			syntax_error(&L, &p);
			break;
		}
		done = e.type == YAML_STREAM_END_EVENT;
		on_event(&L, &e);
		yaml_event_delete(&e);
	}
	yaml_parser_delete(&p);
	if (L.failed)
		return NULL;
	if (L.root == NULL ||
	    (value_kind_of(L.root) == VALUE_STRING &&
	     value_string_len(L.root) == 0 && value_is_plain(L.root))) {
		return value_set_pos(a, value_map(a), file, first_line, 1);
	}
	return L.root;
}
