/*
 * markdown_gfm.c - GitHub's extensions rendered the way RGAA wants them.
 *
 * cmark-gfm's own markup for tables, task lists and footnotes fails the
 * Nu checker or axe, or speaks English: align="" attributes, checkboxes
 * with no name, "Back to content".  Each pass here replaces those nodes
 * by custom nodes holding fabrique's markup (the way markdown.c does for
 * headings), so cmark prints it as is, even in safe mode:
 *
 *   - a footnote reference links to its note and is described by the
 *     notes' heading; the notes form a section under a "Notes" heading
 *     (in the page's language), each with a way back to each reference;
 *   - a task-list checkbox is disabled and wrapped, with the item's first
 *     paragraph, in a <label>, which gives it its accessible name;
 *   - a table sits in a focusable, labelled box that scrolls on a narrow
 *     screen instead of widening the page; a paragraph "Table : ..." or
 *     "Tableau : ..." right before it becomes its <caption>; header
 *     cells get scope="col"; alignment is a class the theme styles.
 *
 * Ids made here contain '_', which heading slugs never do: they can
 * never take a heading's id, so heading ids stay what they were.
 */
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "markdown_int.h"
#include "phonelink.h"

/* The heading of the notes, target of every reference's description. */
#define NOTES_ID "notes_titre"

static const char *
tr(const struct render *r, const char *fr, const char *en)
{
	return r->o->french ? fr : en;
}

static cmark_node *
custom(const struct render *r, cmark_node_type t, const char *enter,
       const char *exit)
{
	cmark_node *c = markdown_node_new(r, t);
	cmark_node_set_on_enter(c, enter);
	cmark_node_set_on_exit(c, exit != NULL ? exit : "");
	return c;
}

/* Moves every child of from to the end of to. */
static void
move_children(cmark_node *from, cmark_node *to)
{
	cmark_node *c;
	while ((c = cmark_node_first_child(from)) != NULL)
		cmark_node_append_child(to, c);
}

/* The nodes of type t (any type: CMARK_NODE_NONE) whose extension
 * calls them ext (any name: NULL), in document order. */
static void
collect(cmark_node *doc, cmark_node_type t, const char *ext, struct nodes *l)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_ENTER &&
		    (t == CMARK_NODE_NONE || cmark_node_get_type(n) == t) &&
		    (ext == NULL || markdown_is(n, ext)))
			markdown_nodes_push(l, n);
	}
	cmark_iter_free(it);
}

/* ---- Footnotes ------------------------------------------------------- */

/* "appel_2" for a note's first reference, "appel_2_3" for its third. */
static void
put_ref_id(buf *b, size_t note, unsigned nth)
{
	buf_printf(b, "appel_%zu", note);
	if (nth > 1)
		buf_printf(b, "_%u", nth);
}

/*
 * cmark numbers notes in the order they are first referred to, writes
 * that number as the reference's text, and moves the notes referred to
 * to the end of the document in that order: reference "k" goes to the
 * k-th of them.
 */
static void
footnote_refs(struct render *r, cmark_node *doc, size_t nnotes, unsigned *nref)
{
	struct nodes refs = {NULL, 0, 0};
	collect(doc, CMARK_NODE_FOOTNOTE_REFERENCE, NULL, &refs);
	buf b = BUF_INIT;
	for (size_t i = 0; i < refs.n; i++) {
		const char *num = cmark_node_get_literal(refs.v[i]);
		size_t k = num != NULL ? strtoul(num, NULL, 10) : 0;
		if (k < 1 || k > nnotes)
			continue;
		buf_reset(&b);
		buf_printf(&b,
		           "<sup class=\"footnote-ref\"><a href=\"#note_%zu\" "
		           "id=\"",
		           k);
		put_ref_id(&b, k, ++nref[k - 1]);
		buf_printf(&b,
		           "\" aria-describedby=\"" NOTES_ID "\">%zu</a></sup>",
		           k);
		cmark_node *c =
		    custom(r, CMARK_NODE_CUSTOM_INLINE, buf_cstr(&b), "");
		markdown_replace(r, refs.v[i], c);
	}
	buf_free(&b);
	free(refs.v);
}

/* Links back to each of the note's nrefs references. */
static void
backrefs(struct render *r, size_t note, unsigned nrefs, buf *b)
{
	const char *back = tr(r, "Retour au texte", "Back to content");
	for (unsigned j = 1; j <= nrefs; j++) {
		buf_puts(b, " <a href=\"#");
		put_ref_id(b, note, j);
		buf_printf(b, "\" class=\"footnote-backref\" aria-label=\"%s",
		           back);
		if (nrefs > 1)
			buf_printf(b, " %u\">\xE2\x86\xA9<sup>%u</sup></a>", j,
			           j);
		else
			buf_puts(b, "\">\xE2\x86\xA9</a>");
	}
}

/*
 * Note k becomes a custom block "<li id=note_k>" holding the note's
 * blocks; the way back ends its last paragraph, or follows its blocks.
 * The first note opens the section, the last one closes it.
 */
static void
footnote_note(struct render *r, cmark_node *def, size_t k, size_t n,
              unsigned nrefs)
{
	buf enter = BUF_INIT, exit = BUF_INIT, back = BUF_INIT;
	if (k == 1)
		buf_printf(
		    &enter,
		    "<section class=\"footnotes\" aria-labelledby=\"" NOTES_ID
		    "\">\n<h2 id=\"" NOTES_ID "\">%s</h2>\n<ol>\n",
		    tr(r, "Notes", "Notes"));
	buf_printf(&enter, "<li id=\"note_%zu\">", k);
	backrefs(r, k, nrefs, &back);
	cmark_node *last = cmark_node_last_child(def);
	if (last != NULL && cmark_node_get_type(last) == CMARK_NODE_PARAGRAPH)
		cmark_node_append_child(
		    last,
		    custom(r, CMARK_NODE_CUSTOM_INLINE, buf_cstr(&back), ""));
	else
		buf_printf(&exit, "%s\n", back.len ? buf_cstr(&back) + 1 : "");
	buf_puts(&exit, "</li>");
	if (k == n)
		buf_puts(&exit, "\n</ol>\n</section>");
	cmark_node *c = custom(r, CMARK_NODE_CUSTOM_BLOCK, buf_cstr(&enter),
	                       buf_cstr(&exit));
	move_children(def, c);
	markdown_replace(r, def, c);
	buf_free(&enter);
	buf_free(&exit);
	buf_free(&back);
}

/*
 * A note called in the text ("[^absente]") but defined nowhere is left by
 * cmark as the literal "[^absente]" on the page, without a word.  cmark
 * keeps no trace of a failed reference, so the source is read instead:
 * the labels defined ("[^x]:" at a line's start, up to 3 spaces in), then
 * each call outside fenced code and code spans whose label is not one of
 * them, said at its place.  Labels compare without regard to case, as
 * cmark matches them.
 */
struct note_scan {
	const char *text, *end;
	const char **defs;
	size_t *lens, n;
};

/* The label of a call "[^label]" at p (NULL if none), its length in *n. */
static const char *
note_label(const char *p, const char *end, size_t *n)
{
	if (end - p < 4 || p[0] != '[' || p[1] != '^')
		return NULL;
	const char *l = p + 2, *q = l;
	while (q < end && *q != ']' && *q != '[' && *q != ' ' && *q != '\t' &&
	       *q != '\n')
		q++;
	if (q == l || q >= end || *q != ']')
		return NULL;
	*n = (size_t)(q - l);
	return l;
}

/* Whether the line at p opens or closes a fenced code block. */
static bool
is_fence(const char *p, const char *end)
{
	for (int i = 0; i < 3 && p < end && *p == ' '; i++)
		p++;
	return end - p >= 3 &&
	       (memcmp(p, "```", 3) == 0 || memcmp(p, "~~~", 3) == 0);
}

static bool
note_defined(const struct note_scan *ns, const char *l, size_t n)
{
	for (size_t i = 0; i < ns->n; i++)
		if (ns->lens[i] == n && strncasecmp(ns->defs[i], l, n) == 0)
			return true;
	return false;
}

/*
 * Notes each "[^x]:" definition starting a line (outside fences) in
 * ns->defs if it is not NULL, and counts them in ns->n: run once to count,
 * then again to fill arrays of that size.
 */
static void
note_defs(struct note_scan *ns)
{
	bool fenced = false;
	ns->n = 0;
	for (const char *p = ns->text; p < ns->end;) {
		const char *eol = memchr(p, '\n', (size_t)(ns->end - p));
		eol = eol != NULL ? eol : ns->end;
		fenced ^= is_fence(p, eol);
		const char *q = p;
		while (q < eol && q - p < 3 && *q == ' ')
			q++;
		size_t n;
		const char *l = fenced ? NULL : note_label(q, eol, &n);
		if (l != NULL && l + n + 1 < eol && l[n + 1] == ':') {
			if (ns->defs != NULL)
				ns->defs[ns->n] = l, ns->lens[ns->n] = n;
			ns->n++;
		}
		p = eol + 1;
	}
}

/* Says each call on body line n (from p to eol) to a note not defined. */
static void
note_calls(struct render *r, const struct note_scan *ns, const char *p,
           const char *eol, unsigned n)
{
	for (const char *q = p; q < eol; q++) {
		if (*q == '`') { /* a code span: to the same run of backticks */
			size_t k = 1;
			while (q + k < eol && q[k] == '`')
				k++;
			const char *c = q + k;
			for (;;) {
				while (c < eol && *c != '`')
					c++;
				size_t m = 0;
				while (c + m < eol && c[m] == '`')
					m++;
				if (c >= eol || m == k)
					break;
				c += m;
			}
			q = c < eol ? c + k - 1 : q + k - 1;
			continue;
		}
		size_t len;
		const char *l = note_label(q, eol, &len);
		if (l == NULL || note_defined(ns, l, len) ||
		    (l + len + 1 < eol && l[len + 1] == ':' && q == p))
			continue;
		const char *call = arena_printf(r->a, "%.*s", (int)len + 3, q);
		unsigned line, col;
		markdown_line_pos(r, n, call, &line, &col);
		diag_report(r->d, DIAG_WARNING, r->o->file, line, col,
		            "the note '%s' is defined nowhere, so the page "
		            "shows '%s' as it is: add at the end of the text a "
		            "line '%s: the note's text', or remove the call",
		            call, call, call);
		q = l + len;
	}
}

static void
undefined_notes(struct render *r)
{
	const char *b = r->text, *end = r->text + r->len;
	while (b != NULL && b + 1 < end && b[1] != '^')
		b = memchr(b + 1, '[', (size_t)(end - b - 1));
	if (r->d == NULL || b == NULL || b + 1 >= end || *b != '[')
		return;
	struct note_scan ns = {r->text, r->text + r->len, NULL, NULL, 0};
	note_defs(&ns);
	ns.defs = arena_alloc(r->a, (ns.n + 1) * sizeof(*ns.defs));
	ns.lens = arena_alloc(r->a, (ns.n + 1) * sizeof(*ns.lens));
	note_defs(&ns);
	bool fenced = false;
	unsigned n = 1;
	for (const char *p = ns.text; p < ns.end; n++) {
		const char *eol = memchr(p, '\n', (size_t)(ns.end - p));
		eol = eol != NULL ? eol : ns.end;
		bool fence = is_fence(p, eol);
		fenced ^= fence;
		if (!fenced && !fence)
			note_calls(r, &ns, p, eol, n);
		p = eol + 1;
	}
}

void
markdown_gfm_footnotes(struct render *r, cmark_node *doc)
{
	undefined_notes(r);
	struct nodes defs = {NULL, 0, 0};
	for (cmark_node *n = cmark_node_first_child(doc); n != NULL;
	     n = cmark_node_next(n))
		if (cmark_node_get_type(n) == CMARK_NODE_FOOTNOTE_DEFINITION)
			markdown_nodes_push(&defs, n);
	if (defs.n > 0) {
		unsigned *nref = xcalloc(defs.n, sizeof(*nref));
		footnote_refs(r, doc, defs.n, nref);
		for (size_t k = 1; k <= defs.n; k++)
			footnote_note(r, defs.v[k - 1], k, defs.n, nref[k - 1]);
		free(nref);
	}
	free(defs.v);
}

/* ---- Task lists ------------------------------------------------------ */

/*
 * The item becomes a plain one (cmark would print a nameless checkbox)
 * and its first paragraph is wrapped in a label with the checkbox, so
 * the checkbox is named by the task's text.  An item with no text gets
 * its name from an aria-label.
 */
static void
task_item(struct render *r, cmark_node *item)
{
	bool checked = cmark_gfm_extensions_get_tasklist_item_checked(item);
	const char *box = checked ? "<input type=\"checkbox\" checked disabled"
	                          : "<input type=\"checkbox\" disabled";
	cmark_node_set_syntax_extension(item, NULL);
	cmark_node *p = cmark_node_first_child(item);
	buf b = BUF_INIT;
	if (p != NULL && cmark_node_get_type(p) == CMARK_NODE_PARAGRAPH &&
	    cmark_node_first_child(p) != NULL) {
		buf_printf(&b, "<label>%s> ", box);
		cmark_node_prepend_child(
		    p, custom(r, CMARK_NODE_CUSTOM_INLINE, buf_cstr(&b), ""));
		cmark_node_append_child(
		    p, custom(r, CMARK_NODE_CUSTOM_INLINE, "</label>", ""));
	} else {
		buf_printf(&b, "%s aria-label=\"%s\">", box,
		           tr(r, "Tâche", "Task"));
		cmark_node *c =
		    custom(r, CMARK_NODE_CUSTOM_BLOCK, buf_cstr(&b), "");
		if (p != NULL)
			cmark_node_insert_before(p, c);
		else
			cmark_node_append_child(item, c);
	}
	buf_free(&b);
}

void
markdown_gfm_tasks(struct render *r, cmark_node *doc)
{
	struct nodes items = {NULL, 0, 0};
	collect(doc, CMARK_NODE_ITEM, "tasklist", &items);
	for (size_t i = 0; i < items.n; i++)
		task_item(r, items.v[i]);
	free(items.v);
}

/* ---- Tables ---------------------------------------------------------- */

/* Length of a "Table :" or "Tableau :" prefix (any spaces, no-break
 * ones included, around the colon), 0 if s does not start with one. */
static size_t
caption_prefix(const char *s)
{
	static const char *const words[] = {"Tableau", "Table"};
	static const char *const spaces[] = {" ", "\t", "\xC2\xA0",
	                                     "\xE2\x80\xAF"};
	size_t i = 0;
	for (size_t w = 0; w < 2 && i == 0; w++)
		if (strncmp(s, words[w], strlen(words[w])) == 0)
			i = strlen(words[w]);
	if (i == 0)
		return 0;
	bool colon = false;
	for (bool more = true; more;) {
		more = false;
		if (!colon && s[i] == ':') {
			colon = more = true;
			i++;
		}
		for (size_t k = 0; k < 4; k++)
			if (strncmp(s + i, spaces[k], strlen(spaces[k])) == 0) {
				i += strlen(spaces[k]);
				more = true;
			}
	}
	return colon && s[i] != '\0' ? i : 0;
}

/* The paragraph right before the table, if it is its caption: its
 * prefix is then cut off. */
static cmark_node *
table_caption(cmark_node *table)
{
	cmark_node *p = cmark_node_previous(table);
	if (p == NULL || cmark_node_get_type(p) != CMARK_NODE_PARAGRAPH)
		return NULL;
	cmark_node *t = cmark_node_first_child(p);
	if (t == NULL || cmark_node_get_type(t) != CMARK_NODE_TEXT)
		return NULL;
	const char *s = cmark_node_get_literal(t);
	size_t n = caption_prefix(s);
	if (n == 0)
		return NULL;
	char *rest = xstrdup(s + n); /* set_literal frees s first */
	cmark_node_set_literal(t, rest);
	free(rest);
	return p;
}

/* A row becomes a custom block, each cell a custom inline holding the
 * cell's inline nodes: they are rendered, footnotes included, with the
 * rest of the page. */
static cmark_node *
table_row(const struct render *r, cmark_node *row, const uint8_t *align,
          uint16_t ncols)
{
	bool head = cmark_gfm_extensions_get_table_row_is_header(row);
	cmark_node *tr = custom(r, CMARK_NODE_CUSTOM_BLOCK, "<tr>", "</tr>");
	buf b = BUF_INIT;
	uint16_t i = 0;
	for (cmark_node *c = cmark_node_first_child(row); c != NULL;
	     c = cmark_node_next(c), i++) {
		uint8_t al = align != NULL && i < ncols ? align[i] : 0;
		buf_reset(&b);
		buf_puts(&b, head ? "<th scope=\"col\"" : "<td");
		if (al == 'l' || al == 'c' || al == 'r')
			buf_printf(&b, " class=\"align-%s\"",
			           al == 'l'   ? "left"
			           : al == 'c' ? "center"
			                       : "right");
		buf_putc(&b, '>');
		cmark_node *cell =
		    custom(r, CMARK_NODE_CUSTOM_INLINE, buf_cstr(&b),
		           head ? "</th>\n" : "</td>\n");
		move_children(c, cell);
		cmark_node_append_child(tr, cell);
	}
	buf_free(&b);
	return tr;
}

/*
 * The box is labelled by the caption, or called "Tableau" when there is
 * none: a focusable region needs a name.  On a page of several tables
 * it is "Tableau 2", its place: two regions of one name cannot be told
 * apart by a screen reader's list (axe's landmark-unique, outside tester
 * 26 F6).  tabindex lets keyboard users scroll it.
 */
static cmark_node *
table_box(struct render *r, cmark_node *cap, unsigned k, bool several)
{
	buf b = BUF_INIT;
	buf_puts(&b, "<div class=\"table\" role=\"region\" tabindex=\"0\" ");
	if (cap != NULL)
		buf_printf(&b, "aria-labelledby=\"tableau_%u\">\n<table>", k);
	else if (several)
		buf_printf(&b, "aria-label=\"%s %u\">\n<table>",
		           tr(r, "Tableau", "Table"), k);
	else
		buf_printf(&b, "aria-label=\"%s\">\n<table>",
		           tr(r, "Tableau", "Table"));
	cmark_node *box = custom(r, CMARK_NODE_CUSTOM_BLOCK, buf_cstr(&b),
	                         "</table>\n</div>");
	if (cap != NULL) {
		buf_reset(&b);
		buf_printf(&b, "<caption id=\"tableau_%u\">", k);
		cmark_node *c = custom(r, CMARK_NODE_CUSTOM_INLINE,
		                       buf_cstr(&b), "</caption>\n");
		move_children(cap, c);
		cmark_node_append_child(box, c);
	}
	buf_free(&b);
	return box;
}

/* A row whose cells hold nothing but spaces. */
static bool
row_empty(cmark_node *row)
{
	for (cmark_node *c = cmark_node_first_child(row); c != NULL;
	     c = cmark_node_next(c))
		for (cmark_node *t = cmark_node_first_child(c); t != NULL;
		     t = cmark_node_next(t)) {
			const char *s =
			    cmark_node_get_type(t) == CMARK_NODE_TEXT
			        ? cmark_node_get_literal(t)
			        : "x";
			if (s != NULL && s[strspn(s, " \t")] != '\0')
				return false;
		}
	return true;
}

/*
 * A header row with nothing in it is what a word processor's table
 * without a title row becomes once converted (GFM needs a header row, so
 * converters write an empty one): as <th> it would give every cell an
 * empty column header (axe's empty-table-header, RGAA 5.6).  The row is
 * left out and the editor told (outside tester 26 F5).
 */
static void
empty_head(struct render *r, cmark_node *table)
{
	cmark_node *row = cmark_node_first_child(table);
	if (row == NULL || !cmark_gfm_extensions_get_table_row_is_header(row) ||
	    !row_empty(row))
		return;
	if (r->d != NULL) {
		unsigned line, col;
		markdown_line_pos(r, (unsigned)cmark_node_get_start_line(table),
		                  NULL, &line, &col);
		diag_report(
		    r->d, DIAG_WARNING, r->o->file, line, col,
		    "the first row of a table gives each column's "
		    "title; it is empty here, so the table is published "
		    "without titles: write them in it, like | Moment | "
		    "Tâche |");
	}
	cmark_node_free(row);
}

/* Rows go in <thead> and <tbody> blocks inside the box. */
static void
table_replace(struct render *r, cmark_node *table, unsigned k, bool several)
{
	empty_head(r, table);
	cmark_node *cap = table_caption(table);
	cmark_node *box = table_box(r, cap, k, several);
	uint16_t ncols = cmark_gfm_extensions_get_table_columns(table);
	const uint8_t *align = cmark_gfm_extensions_get_table_alignments(table);
	cmark_node *group = NULL;
	bool in_head = false;
	for (cmark_node *row = cmark_node_first_child(table); row != NULL;
	     row = cmark_node_next(row)) {
		bool head = cmark_gfm_extensions_get_table_row_is_header(row);
		if (group == NULL || head != in_head) {
			group = head ? custom(r, CMARK_NODE_CUSTOM_BLOCK,
			                      "<thead>", "</thead>")
			             : custom(r, CMARK_NODE_CUSTOM_BLOCK,
			                      "<tbody>", "</tbody>");
			cmark_node_append_child(box, group);
			in_head = head;
		}
		cmark_node_append_child(group, table_row(r, row, align, ncols));
	}
	markdown_replace(r, table, box);
	if (cap != NULL)
		markdown_replace(r, cap, NULL);
}

void
markdown_gfm_tables(struct render *r, cmark_node *doc)
{
	struct nodes tables = {NULL, 0, 0};
	collect(doc, CMARK_NODE_NONE, "table", &tables);
	for (size_t i = 0; i < tables.n; i++)
		table_replace(r, tables.v[i], (unsigned)i + 1, tables.n > 1);
	free(tables.v);
}

/* ---- Private contacts ------------------------------------------------ */

/*
 * The private contact s starts with (rest: bytes left in the text), with
 * its length in *len.  A French phone number is recognised in any of its
 * shapes by phonelink_match() (02 61…, 02.61…, +33 (0)2 61…); another
 * country's as the content model writes it.
 */
static const markdown_contact *
private_at(const struct render *r, const char *s, size_t rest,
           const char *start, size_t *len)
{
	bool word_start = s == start || !((s[-1] >= '0' && s[-1] <= '9') ||
	                                  (s[-1] >= 'A' && s[-1] <= 'z') ||
	                                  strchr("._+-", s[-1]) != NULL);
	char here[11] = "";
	size_t run = word_start ? phonelink_match(s, rest, here) : 0;
	for (size_t i = 0; word_start && i < r->o->ncontacts; i++) {
		const markdown_contact *c = &r->o->contacts[i];
		if (c->published)
			continue;
		size_t n = strlen(c->value);
		char want[11];
		if (run > 0 && phonelink_match(c->value, n, want) == n &&
		    strcmp(here, want) == 0) {
			*len = run;
			return c;
		}
		if (n > 0 && n <= rest && strncasecmp(s, c->value, n) == 0) {
			*len = n;
			return c;
		}
	}
	return NULL;
}

static const char *
private_mask(const struct render *r, const markdown_contact *c)
{
	if (strchr(c->value, '@') != NULL)
		return tr(r, "(adresse non publiée)",
		          "(address not published)");
	return tr(r, "(numéro non publié)", "(number not published)");
}

/* The innermost enclosing block with a source position. */
static cmark_node *
positioned_block(cmark_node *n)
{
	while (n != NULL && ((cmark_node_get_type(n) & CMARK_NODE_TYPE_MASK) ==
	                         CMARK_NODE_TYPE_INLINE ||
	                     cmark_node_get_start_line(n) <= 0))
		n = cmark_node_parent(n);
	return n;
}

static void
private_warn(struct render *r, cmark_node *n, const markdown_contact *c,
             const char *as_written)
{
	if (r->d == NULL)
		return;
	unsigned line, col;
	markdown_locate(r, positioned_block(n), as_written, &line, &col);
	if (strchr(c->value, '@') != NULL)
		diag_report(
		    r->d, DIAG_WARNING, r->o->file, line, col,
		    "private e-mail address left out: %s keeps it "
		    "private; set 'public: true' for this contact there "
		    "if the person agreed to have it on the site",
		    c->where);
	else
		diag_report(
		    r->d, DIAG_WARNING, r->o->file, line, col,
		    "private phone number left out: %s keeps it "
		    "private; set 'public: true' for this contact there "
		    "if the person agreed to have it on the site",
		    c->where);
}

/* Whether one of the contacts is private: with none, private_at()
 * finds nothing in any text. */
static bool
any_private(const struct render *r)
{
	for (size_t i = 0; i < r->o->ncontacts; i++)
		if (!r->o->contacts[i].published)
			return true;
	return false;
}

/* The private contacts of s masked into out, each said at its place
 * (n: its text node, NULL for a field's text).  With no private contact
 * s is copied as it is: every build passes the ~97,000 text fields of a
 * 10,000-page site through here, and private_at() at every byte was
 * ~3 % of an edit's instructions for nothing to mask. */
bool
markdown_gfm_private_text(struct render *r, cmark_node *n, const char *s,
                          buf *out)
{
	size_t slen = strlen(s);
	if (!any_private(r)) {
		buf_put(out, s, slen);
		return false;
	}
	buf w = BUF_INIT;
	bool changed = false;
	for (size_t i = 0; s[i] != '\0';) {
		size_t len = 0;
		const markdown_contact *c =
		    private_at(r, s + i, slen - i, s, &len);
		if (c == NULL) {
			buf_putc(out, s[i++]);
			continue;
		}
		buf_reset(&w);
		buf_put(&w, s + i, len);
		private_warn(r, n, c, buf_cstr(&w));
		buf_puts(out, private_mask(r, c));
		i += len;
		changed = true;
	}
	buf_free(&w);
	return changed;
}

/* Masks the private contacts in a text or code node's literal. */
static void
private_literal(struct render *r, cmark_node *n)
{
	const char *s = cmark_node_get_literal(n);
	if (s == NULL)
		return;
	buf b = BUF_INIT;
	if (markdown_gfm_private_text(r, n, s, &b))
		cmark_node_set_literal(n, buf_cstr(&b));
	buf_free(&b);
}

/*
 * Length of the scheme of a link that gives a contact: "mailto:" (an
 * address) or "tel:", "sms:" (a number, which robots harvest from the
 * link as easily as from the text); 0 for any other link.
 */
static size_t
contact_scheme(const char *url)
{
	if (url == NULL)
		return 0;
	if (strncasecmp(url, "mailto:", 7) == 0)
		return 7;
	if (strncasecmp(url, "tel:", 4) == 0 ||
	    strncasecmp(url, "sms:", 4) == 0)
		return 4;
	return 0;
}

/* A link to a private address or number loses its link (its text is
 * then masked like any other text). */
static void
private_link(struct render *r, cmark_node *link)
{
	const char *url = cmark_node_get_url(link);
	size_t sk = contact_scheme(url), len = 0;
	if (sk == 0)
		return;
	const char *dest = url + sk;
	const markdown_contact *c =
	    private_at(r, dest, strlen(dest), dest, &len);
	if (c == NULL || strchr(sk == 7 ? "?" : "?;", dest[len]) == NULL)
		return; /* strchr finds the NUL too */
	cmark_node *first = cmark_node_first_child(link);
	const char *t = first != NULL ? cmark_node_get_literal(first) : NULL;
	size_t tlen = 0;
	if (t == NULL || private_at(r, t, strlen(t), t, &tlen) != c)
		private_warn(r, link, c, dest); /* [Jean](mailto:…) */
	cmark_node *k;
	while ((k = cmark_node_first_child(link)) != NULL)
		cmark_node_insert_before(link, k);
	markdown_replace(r, link, NULL);
}

void
markdown_gfm_private_start(const struct render *r, struct private_notes *p)
{
	*p = (struct private_notes){0};
	for (size_t i = 0; i < r->o->ncontacts; i++)
		p->on |= !r->o->contacts[i].published;
}

void
markdown_gfm_private_visit(struct private_notes *p, cmark_node *n,
                           cmark_node_type t)
{
	if (!p->on)
		return;
	if (t == CMARK_NODE_LINK)
		markdown_nodes_push(&p->links, n);
	else if (t == CMARK_NODE_TEXT)
		markdown_nodes_push(&p->texts, n);
	else if (t == CMARK_NODE_CODE)
		markdown_nodes_push(&p->codes, n);
	else if (t == CMARK_NODE_CODE_BLOCK)
		markdown_nodes_push(&p->code_blocks, n);
}

/* Links first (a private one loses its link, its text stays), then the
 * literals: text, code spans, code blocks, each in document order. */
void
markdown_gfm_private_end(struct render *r, struct private_notes *p)
{
	if (!p->on)
		return;
	for (size_t i = 0; i < p->links.n; i++)
		private_link(r, p->links.v[i]);
	struct nodes *lits[] = {&p->texts, &p->codes, &p->code_blocks};
	for (size_t k = 0; k < 3; k++)
		for (size_t i = 0; i < lits[k]->n; i++)
			private_literal(r, lits[k]->v[i]);
	r->cur_block = NULL; /* links are located afresh */
	free(p->links.v);
	free(p->texts.v);
	free(p->codes.v);
	free(p->code_blocks.v);
}

/* ---- Contacts nobody said were public ------------------------------- */

/* Is the national number digits one of the published contacts'? */
static bool
published_phone(const struct render *r, const char *digits)
{
	for (size_t i = 0; i < r->o->ncontacts; i++) {
		const markdown_contact *c = &r->o->contacts[i];
		size_t n = strlen(c->value);
		char d[11];
		if (c->published && phonelink_match(c->value, n, d) == n &&
		    strcmp(d, digits) == 0)
			return true;
	}
	return false;
}

/* The question a number nobody said was public gets, at its place. */
static void
phone_warn(struct render *r, cmark_node *n, const char *written)
{
	unsigned line, col;
	markdown_locate(r, positioned_block(n), written, &line, &col);
	diag_report(r->d, DIAG_WARNING, r->o->file, line, col,
	            "'%s' in the text is a phone number: is it a "
	            "private person's? It will be published. Remove "
	            "it, or if it is a public number (the mairie's, "
	            "an association's), give it as the tel of a "
	            "referent with 'public: true' or of the edition's "
	            "contacts",
	            written);
}

static void
phones_in(struct render *r, cmark_node *n)
{
	const char *s = cmark_node_get_literal(n);
	size_t len = s != NULL ? strlen(s) : 0, from = 0, at, m;
	char digits[11];
	while (from < len &&
	       (m = phonelink_next(s, len, from, &at, digits)) > 0) {
		from = at + m;
		if (published_phone(r, digits))
			continue;
		char written[64];
		snprintf(written, sizeof(written), "%.*s", (int)m, s + at);
		phone_warn(r, n, written);
	}
}

/* Is the number of the tel: URL url one of the published contacts'?
 * Compared as phonelink_url() writes both, so that 06 11…, +33 6 11…
 * and a foreign number as the content model writes it all match. */
static bool
published_tel(const struct render *r, const char *url)
{
	for (size_t i = 0; i < r->o->ncontacts; i++) {
		const markdown_contact *c = &r->o->contacts[i];
		char want[PHONELINK_URL_MAX];
		phonelink_url(c->value, want);
		if (c->published && strchr(c->value, '@') == NULL &&
		    strcmp(want, url) == 0)
			return true;
	}
	return false;
}

/*
 * A tel: or sms: link ([Claire](tel:0611223344)) publishes its number as
 * surely as the text does: the same question as a number in the text,
 * unless the link's text shows that number (asked about already).  A
 * private contact's link is gone already (markdown_gfm_private).
 */
static void
tel_in(struct render *r, cmark_node *link)
{
	const char *url = cmark_node_get_url(link);
	if (contact_scheme(url) != 4)
		return;
	char written[64], mine[PHONELINK_URL_MAX], shown[PHONELINK_URL_MAX];
	snprintf(written, sizeof(written), "%.*s", (int)strcspn(url + 4, "?;"),
	         url + 4);
	phonelink_url(written, mine);
	if (written[0] == '\0' || published_tel(r, mine))
		return;
	cmark_node *first = cmark_node_first_child(link);
	const char *t = first != NULL ? cmark_node_get_literal(first) : NULL;
	size_t at, m;
	char digits[11];
	if (t != NULL &&
	    (m = phonelink_next(t, strlen(t), 0, &at, digits)) > 0) {
		char d[64];
		snprintf(d, sizeof(d), "%.*s", (int)m, t + at);
		phonelink_url(d, shown);
		if (strcmp(shown, mine) == 0)
			return;
	}
	phone_warn(r, link, written);
}

/* Is the address (len bytes) one of the published contacts'? */
static bool
published_email(const struct render *r, const char *addr, size_t len)
{
	for (size_t i = 0; i < r->o->ncontacts; i++) {
		const markdown_contact *c = &r->o->contacts[i];
		if (c->published && strlen(c->value) == len &&
		    strncasecmp(c->value, addr, len) == 0)
			return true;
	}
	return false;
}

/*
 * An e-mail address in the text is a mailto: link by the time this runs
 * (a bare address, <…> or [text](mailto:…)): the address of such a link
 * that is no published contact may be a private person's, and robots
 * harvest the addresses of published pages.  A private contact's link
 * is gone already (markdown_gfm_private).
 */
static void
email_in(struct render *r, cmark_node *link)
{
	const char *url = cmark_node_get_url(link);
	if (url == NULL || strncasecmp(url, "mailto:", 7) != 0)
		return;
	const char *addr = url + 7;
	size_t len = strcspn(addr, "?");
	if (len == 0 || published_email(r, addr, len))
		return;
	char written[256];
	snprintf(written, sizeof(written), "%.*s", (int)len, addr);
	unsigned line, col;
	markdown_locate(r, positioned_block(link), written, &line, &col);
	diag_report(r->d, DIAG_WARNING, r->o->file, line, col,
	            "'%s' in the text is an e-mail address: is it a private "
	            "person's? It will be published. Remove it, or if it is a "
	            "public address (the mairie's, an association's), give it "
	            "as the email of a referent with 'public: true' or of the "
	            "edition's contacts",
	            written);
}

void
markdown_gfm_contacts_start(const struct render *r, struct noted *c)
{
	*c = (struct noted){r->d != NULL && r->o->check_contacts, false, {0}};
}

/* A link markdown_gfm_private_end() took out (it has no parent now) is
 * no longer in the page. */
static void
contacts_of(struct render *r, cmark_node *n, cmark_node_type t)
{
	if (t == CMARK_NODE_TEXT)
		phones_in(r, n);
	else if (cmark_node_parent(n) != NULL) {
		email_in(r, n);
		tel_in(r, n);
	}
}

void
markdown_gfm_contacts_visit(struct render *r, struct noted *c, cmark_node *n,
                            cmark_node_type t)
{
	if (!c->on || (t != CMARK_NODE_TEXT && t != CMARK_NODE_LINK))
		return;
	if (c->now)
		contacts_of(r, n, t);
	else
		markdown_nodes_push(&c->v, n);
}

/* In document order, so that markdown_locate() finds each one past the
 * one before it in the same block. */
void
markdown_gfm_contacts_end(struct render *r, struct noted *c)
{
	if (!c->on)
		return;
	for (size_t i = 0; i < c->v.n; i++)
		contacts_of(r, c->v.v[i], cmark_node_get_type(c->v.v[i]));
	free(c->v.v);
	r->cur_block = NULL; /* links are located afresh */
}
