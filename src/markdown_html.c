/*
 * markdown_html.c - the text of HTML pasted from a word processor, kept
 * as the page's text (outside tester 26 F11).
 *
 * Word, LibreOffice and Google Docs paste paragraphs as HTML:
 * <p class="MsoNormal"><span lang="FR">Texte</span><o:p></o:p></p>.
 * Raw HTML is not published (no script, no frame, no style, no
 * attribute reaches a resident), so such a block went with its words,
 * whole paragraphs missing from the page.  A block made only of
 * elements that hold nothing but the look of their text keeps that
 * text: its tags and attributes go, its words become paragraphs of the
 * tree, before any check reads it, so private contacts are masked in
 * them, the search index and the feeds get the same words, and the
 * French typography and the paste checks apply.  The editor is told, at
 * the block, that the tags are gone and the text is kept.
 *
 * The elements kept, and why: p, div and center (a paragraph each), br
 * (a line break; two make a new paragraph), span, font, b, strong, i,
 * em, u, small, big, mark, abbr, cite, ins, nobr and Word's own o:p and
 * st1:… smart tags (inline: their text in its place), wbr and meta
 * (nothing).  Dropping them loses a look, never a meaning.  Any other
 * element keeps the whole block dropped, with the message naming its
 * text: a link's address (a), an image (img), a heading's or a list's
 * or a table's structure (h1, ul, table), a meaning of the text (sub,
 * sup, del, s) would be lost without a word; a script's, a style's, a
 * frame's, an object's or an XML island's content is no text for
 * residents.  Comments, Word's conditional comments (<!--[if gte mso]>)
 * with what they hold, and declarations are skipped.
 *
 * The text is not parsed as Markdown (a pasted "*" stays a star): each
 * of its characters that Markdown reads is escaped, and the result is
 * parsed by cmark, which decodes the entities once (&eacute; is é,
 * &lt;script&gt; the text "<script>", escaped again on output).  All the
 * blocks of a page go in one such text, each paragraph at its source
 * line when there is room, so messages about it point at the file.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "markdown_int.h"
#include "utf8.h"
#include "xalloc.h"

enum html_kind { K_OTHER, K_BLOCK, K_BREAK, K_INLINE, K_VOID };

static enum html_kind
html_kind(const char *name)
{
	static const char *const blocks[] = {"p", "div", "center", NULL};
	static const char *const inl[] = {
	    "span", "font", "b",    "strong", "i",   "em",   "u",   "small",
	    "big",  "mark", "abbr", "cite",   "ins", "nobr", "o:p", NULL};
	static const char *const voids[] = {"wbr", "meta", NULL};
	for (const char *const *p = blocks; *p != NULL; p++)
		if (strcmp(name, *p) == 0)
			return K_BLOCK;
	for (const char *const *p = inl; *p != NULL; p++)
		if (strcmp(name, *p) == 0)
			return K_INLINE;
	for (const char *const *p = voids; *p != NULL; p++)
		if (strcmp(name, *p) == 0)
			return K_VOID;
	if (strcmp(name, "br") == 0)
		return K_BREAK;
	return strncmp(name, "st1:", 4) == 0 ? K_INLINE : K_OTHER;
}

bool
markdown_html_harmless(const char *tag)
{
	return html_kind(tag) != K_OTHER;
}

/* The end of the part of s ending with the first "end", or of s. */
static const char *
past(const char *s, const char *end)
{
	const char *e = strstr(s, end);
	return e != NULL ? e + strlen(end) : s + strlen(s);
}

/*
 * The markup at s ('<'): a comment, a declaration, a processing
 * instruction or a tag, whose name (lower-case, "" but for a tag) goes
 * to name.  Returns the octet after it, or NULL when s is no markup
 * (a '<' of the text: "a < b").  A tag's attribute values may hold '>'.
 */
static const char *
markup_at(const char *s, char *name, size_t size)
{
	size_t n = 0;
	name[0] = '\0';
	if (strncmp(s, "<!--", 4) == 0)
		return past(s + 4, "-->");
	if (strncmp(s, "<![CDATA[", 9) == 0)
		return past(s + 9, "]]>");
	if (s[1] == '!' || s[1] == '?')
		return past(s + 2, ">");
	const char *p = s + 1 + (s[1] == '/');
	if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
		return NULL;
	for (; *p != '\0' && strchr(" \t\r\n/>", *p) == NULL; p++)
		if (n + 1 < size)
			name[n++] =
			    (char)(*p >= 'A' && *p <= 'Z' ? *p | 0x20 : *p);
	name[n] = '\0';
	for (char q = 0; *p != '\0' && (q != 0 || *p != '>'); p++)
		q = q == 0 && (*p == '"' || *p == '\'') ? *p : q == *p ? 0 : q;
	return *p == '>' ? p + 1 : p;
}

/* A no-break space written as an entity: a blank, for a paste's empty
 * paragraphs (<p><o:p>&nbsp;</o:p></p>). */
static size_t
nbsp_entity(const char *s)
{
	static const char *const names[] = {"&nbsp;", "&#160;", "&#xa0;",
	                                    "&#xA0;", NULL};
	for (const char *const *p = names; *p != NULL; p++)
		if (strncmp(s, *p, strlen(*p)) == 0)
			return strlen(*p);
	return 0;
}

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/*
 * Whether block literal s keeps its text: only the elements above, and
 * some text.  *first gets the name of its first element, for the
 * message.
 */
static bool
keeps_text(const char *s, char *first, size_t size)
{
	char name[32];
	bool text = false;
	first[0] = '\0';
	while (*s != '\0') {
		const char *e =
		    *s == '<' ? markup_at(s, name, sizeof(name)) : NULL;
		if (e != NULL && name[0] != '\0' && s[1] != '/' &&
		    first[0] == '\0')
			snprintf(first, size, "%s", name);
		if (e != NULL && name[0] != '\0' && html_kind(name) == K_OTHER)
			return false;
		if (e == NULL && nbsp_entity(s) > 0)
			e = s + nbsp_entity(s);
		else if (e == NULL)
			text |= !is_blank(*s), e = s + 1;
		s = e;
	}
	return text;
}

/*
 * The words of a block that is dropped (some element in it is not kept):
 * "the HTML is not published" read as "the formatting is dropped", as it
 * is for an inline <u>, so the warning names them (outside tester 26
 * F11).  A script's or a style's code is no word of it.
 */
void
markdown_html_words(const char *s, buf *out)
{
	char name[32];
	bool space = false;
	while (*s != '\0' && out->len < 64) {
		const char *e =
		    *s == '<' ? markup_at(s, name, sizeof(name)) : NULL;
		if (e != NULL && s[1] != '/' &&
		    (strcmp(name, "script") == 0 ||
		     strcmp(name, "style") == 0)) {
			const char *c =
			    strstr(e, name[1] == 't' ? "</style" : "</script");
			e = c != NULL ? c : e + strlen(e);
		}
		if (e != NULL)
			s = e;
		else if (is_blank(*s) || nbsp_entity(s) > 0) {
			space = out->len > 0;
			s += *s == '&' ? nbsp_entity(s) : 1;
		} else {
			if (space)
				buf_putc(out, ' ');
			space = false;
			size_t k = utf8_seq_len((unsigned char)*s);
			k = k > 0 && strnlen(s, k) == k ? k : 1;
			buf_put(out, s, k);
			s += k;
		}
	}
	if (*s != '\0' && out->len >= 64)
		buf_puts(out, "…");
}

/* ---- The Markdown text of the kept text ------------------------------- */

enum pending { P_NONE, P_BREAK, P_PARA };

/* Writing the kept text: mini-document line, source line, and what is
 * due before the next character of text. */
struct emit {
	buf *out;
	unsigned line, src, last; /* last: line of the last text, 0: none */
	bool in_para, line_text, space, digits;
	enum pending pending;
	unsigned *first; /* the current block's first line, 0 until set */
};

static void
emit_newline(struct emit *e)
{
	buf_putc(e->out, '\n');
	e->line++;
	e->line_text = false;
	e->digits = true;
}

/* What is due before a character of text: a line break, or a new
 * paragraph at its source line if there is room, else a blank line
 * after the previous one; or a space. */
static void
emit_due(struct emit *e)
{
	if (e->pending == P_BREAK && e->in_para && e->line_text) {
		buf_putc(e->out, '\\');
		emit_newline(e);
	} else if (!e->in_para || e->pending == P_PARA) {
		if (e->line_text)
			emit_newline(e);
		unsigned at = e->last > 0 ? e->last + 2 : 1;
		at = at < e->src ? e->src : at;
		while (e->line < at)
			emit_newline(e);
		e->in_para = true;
		if (*e->first == 0)
			*e->first = e->line;
	} else if (e->space && e->line_text)
		buf_putc(e->out, ' ');
	e->pending = P_NONE;
	e->space = false;
}

/* An entity's length at s ("&eacute;", "&#233;", "&#xE9;"), else 0:
 * written as it is, cmark decodes it (or keeps it, if unknown). */
static size_t
entity_at(const char *s)
{
	size_t n = 1;
	if (s[n] == '#') {
		n++;
		bool hex = s[n] == 'x' || s[n] == 'X';
		n += hex;
		size_t d = strspn(s + n, hex ? "0123456789abcdefABCDEF"
		                             : "0123456789");
		n = d > 0 && d <= (hex ? 6u : 7u) ? n + d : 0;
	} else {
		const char *al = "abcdefghijklmnopqrstuvwxyz"
		                 "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
		size_t d = strspn(s + n, al);
		d += d > 0 ? strspn(s + n + d, "0123456789") : 0;
		n = d > 0 && d < 32 ? n + d : 0;
	}
	return n > 0 && s[n] == ';' ? n + 1 : 0;
}

/*
 * Whether sign c of the text is one Markdown would read: emphasis, code,
 * links, tables, strikethrough, escapes, a '&' that is no entity, any
 * where; at a line's start any sign but the quotes (a list, a heading, a
 * quote block, a rule, a title's underline); "12." or "3)" opening it (a
 * numbered list).  Other signs are written as they are, so typography
 * still curls quotes and makes dashes, and an address stays one word.
 */
static bool
needs_escape(const struct emit *e, unsigned char c)
{
	bool sign = c > ' ' && c < 0x7F && !(c >= '0' && c <= '9') &&
	            !((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
	if (!sign)
		return false;
	if (strchr("\\`*_[]<>!#|~&", c) != NULL)
		return true;
	if (!e->line_text)
		return c != '\'' && c != '"';
	return (c == '.' || c == ')') && e->digits;
}

/* One character of text at s (an entity, or an octet), escaped if
 * Markdown would read it; returns its length. */
static size_t
emit_char(struct emit *e, const char *s)
{
	emit_due(e);
	unsigned char c = (unsigned char)*s;
	size_t k = c == '&' ? entity_at(s) : 0;
	if (k > 0) {
		buf_put(e->out, s, k);
	} else {
		if (needs_escape(e, c))
			buf_putc(e->out, '\\');
		buf_putc(e->out, (char)c);
		k = 1;
	}
	e->digits = e->digits && c >= '0' && c <= '9';
	e->line_text = true;
	e->last = e->line;
	return k;
}

/* A source line end: a line break due is written before it; else a soft
 * line break, unless the line is empty (a blank line would end the
 * paragraph). */
static void
emit_source_newline(struct emit *e)
{
	e->src++;
	e->space = false;
	if (e->pending == P_BREAK && e->line_text) {
		buf_putc(e->out, '\\');
		emit_newline(e);
		e->pending = P_NONE;
	} else if (e->pending == P_NONE && e->line_text)
		emit_newline(e);
}

static void
emit_tag(struct emit *e, const char *name)
{
	enum html_kind k = html_kind(name);
	if (k == K_BLOCK && e->in_para)
		e->pending = P_PARA;
	else if (k == K_BREAK && e->pending == P_BREAK)
		e->pending = P_PARA;
	else if (k == K_BREAK && e->in_para && e->line_text &&
	         e->pending == P_NONE)
		e->pending = P_BREAK;
}

/* Block literal s, starting at source line src, as Markdown text. */
static void
emit_block(struct emit *e, const char *s, unsigned src, unsigned *first)
{
	char name[32];
	e->src = src;
	e->in_para = false;
	e->pending = P_NONE;
	e->space = false;
	e->first = first;
	while (*s != '\0') {
		const char *m =
		    *s == '<' ? markup_at(s, name, sizeof(name)) : NULL;
		if (m != NULL) {
			for (const char *p = s; p < m; p++)
				if (*p == '\n')
					e->src++;
			if (name[0] != '\0')
				emit_tag(e, name);
			s = m;
		} else if (*s == '\n')
			emit_source_newline(e), s++;
		else if (is_blank(*s) || nbsp_entity(s) > 0) {
			e->space = true;
			s += *s == '&' ? nbsp_entity(s) : 1;
		} else
			s += emit_char(e, s);
	}
}

/* ---- Into the tree ------------------------------------------------------ */

static void
kept_warning(struct render *r, cmark_node *n, const char *tag)
{
	if (r->d == NULL)
		return;
	unsigned first = r->o->first_line ? r->o->first_line : 1;
	diag_report(r->d, DIAG_WARNING, r->o->file,
	            (unsigned)cmark_node_get_start_line(n) + first - 1,
	            (unsigned)cmark_node_get_start_column(n),
	            "the HTML tags are removed (<%s>) and the text is kept, "
	            "without its formatting; to format it, write it in "
	            "Markdown: **bold**, *italics*, [link](address)",
	            tag);
}

/* Each run of text nodes of paragraph p made one: an escape splits the
 * text where it is, and the checks of contacts read one node at a time
 * (a "+33 6…" split at its "+" would be no number). */
static void
merge_text(struct render *r, cmark_node *p)
{
	cmark_node *c = cmark_node_first_child(p), *next;
	for (; c != NULL; c = cmark_node_next(c)) {
		if (cmark_node_get_type(c) != CMARK_NODE_TEXT)
			continue;
		buf t = BUF_INIT;
		buf_puts(&t, cmark_node_get_literal(c));
		while ((next = cmark_node_next(c)) != NULL &&
		       cmark_node_get_type(next) == CMARK_NODE_TEXT) {
			buf_puts(&t, cmark_node_get_literal(next));
			cmark_node_unlink(next);
			markdown_nodes_push(&r->dead, next);
		}
		cmark_node_set_literal(c, buf_cstr(&t));
		buf_free(&t);
	}
}

/* The paragraphs of the kept text, each put before the block it comes
 * from (the block whose first line is the last at or before its own);
 * the blocks are then dropped, and so is the emptied document. */
static void
place(struct render *r, struct nodes *blocks, const unsigned *first,
      cmark_node *doc)
{
	size_t k = 0;
	cmark_node *c;
	while ((c = cmark_node_first_child(doc)) != NULL) {
		unsigned line = (unsigned)cmark_node_get_start_line(c);
		merge_text(r, c);
		while (k + 1 < blocks->n && first[k + 1] != 0 &&
		       first[k + 1] <= line)
			k++;
		cmark_node_insert_before(blocks->v[k], c);
	}
	for (size_t i = 0; i < blocks->n; i++) {
		cmark_node_unlink(blocks->v[i]);
		markdown_nodes_push(&r->dead, blocks->v[i]);
	}
	markdown_nodes_push(&r->dead, doc);
}

/* The block after n in document order, entering quotes, lists, items
 * and notes but not the inlines of paragraphs and headings: HTML blocks
 * are only found among blocks, and a page has far fewer of them. */
static cmark_node *
next_block(cmark_node *n, cmark_node *doc)
{
	cmark_node_type t = cmark_node_get_type(n);
	if ((t == CMARK_NODE_DOCUMENT || t == CMARK_NODE_BLOCK_QUOTE ||
	     t == CMARK_NODE_LIST || t == CMARK_NODE_ITEM ||
	     t == CMARK_NODE_FOOTNOTE_DEFINITION) &&
	    cmark_node_first_child(n) != NULL)
		return cmark_node_first_child(n);
	while (n != doc && cmark_node_next(n) == NULL)
		n = cmark_node_parent(n);
	return n == doc ? NULL : cmark_node_next(n);
}

/* The HTML blocks of doc that keep their text, said each at its line. */
static void
collect(struct render *r, cmark_node *doc, struct nodes *out)
{
	char tag[32];
	for (cmark_node *n = doc; n != NULL; n = next_block(n, doc))
		if (cmark_node_get_type(n) == CMARK_NODE_HTML_BLOCK &&
		    keeps_text(cmark_node_get_literal(n), tag, sizeof(tag))) {
			kept_warning(r, n, tag);
			markdown_nodes_push(out, n);
		}
}

void
markdown_html_keep_text(struct render *r, cmark_node *doc)
{
	struct nodes blocks = {NULL, 0, 0};
	collect(r, doc, &blocks);
	if (blocks.n == 0)
		return;
	buf md = BUF_INIT;
	unsigned *first = xcalloc(blocks.n, sizeof(*first));
	struct emit e = {.out = &md, .line = 1, .digits = true};
	for (size_t i = 0; i < blocks.n; i++)
		emit_block(&e, cmark_node_get_literal(blocks.v[i]),
		           (unsigned)cmark_node_get_start_line(blocks.v[i]),
		           &first[i]);
	cmark_parser *parser;
	cmark_node *kept =
	    markdown_parse(md.data != NULL ? md.data : "", md.len,
	                   MARKDOWN_PARSE_OPTS, r->mem, &parser);
	place(r, &blocks, first, kept);
	cmark_parser_free(parser);
	free(first);
	free(blocks.v);
	buf_free(&md);
}
