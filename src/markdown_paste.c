/*
 * markdown_paste.c - what a paste from a word processor leaves in a page
 * and Markdown reads otherwise, said at its line.
 *
 * Editors write in Word or LibreOffice and paste.  Two habits of those
 * programs mean something else in Markdown, and the page shows it
 * without a word:
 *
 *   - a first-line indent (4 spaces or a tab) makes an indented code
 *     block: the paragraph is published in a typewriter font, unwrapped,
 *     sideways-scrolling on a phone.  Only blocks that read as prose are
 *     warned about (words, few code signs), and a fenced ``` block never
 *     is: that is how code is written on purpose;
 *   - a line starting with "•" (or "◦", "▪", "●", "‣") is no list item:
 *     such lines run together in one paragraph, and screen readers hear
 *     no list.  "–" too, but only when two lines of one paragraph start
 *     with it: alone, it opens a line of dialogue or an aside;
 *   - rows copied from a spreadsheet, cells separated by tabs, run
 *     together in one line of words.
 *
 * The text is not rewritten: the file stays what any Markdown preview
 * shows, and the fix is one character, given in the message.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "markdown_int.h"
#include "utf8.h"

/* Signs of code French prose does not use ("{", "=", "<"...); ';' is a
 * sign of code when glued to what precedes it, as French puts a space
 * (or a no-break one, octet 0xA0 or 0xAF last) before it. */
static bool
is_code_sign(const char *s, size_t i)
{
	if (strchr("{}<>=$\\|`", s[i]) != NULL)
		return true;
	return s[i] == ';' && i > 0 && s[i - 1] != ' ' &&
	       (unsigned char)s[i - 1] != 0xA0 &&
	       (unsigned char)s[i - 1] != 0xAF;
}

/* Letters and digits, and the other visible characters, of a run. */
struct tally {
	size_t alnum, other, words;
	bool code, sentence, accent;
};

static void
tally_char(struct tally *t, const char *s, size_t i, uint32_t c, size_t *run)
{
	bool letter = markdown_is_letter(c);
	if (letter || (c >= '0' && c <= '9')) {
		t->alnum++;
		t->accent |= c >= 0x80 && letter;
		if (letter && ++*run == 2)
			t->words++;
		return;
	}
	*run = 0;
	if (c == ' ' || c == '\t' || c == '\n' || c == 0xA0 || c == 0x202F)
		return;
	t->other++;
	t->code |= c < 0x80 && is_code_sign(s, i);
	/* a sentence's punctuation, followed by a space or the end */
	t->sentence |= c < 0x80 && strchr(".,!?:'", (int)c) != NULL &&
	               (s[i + 1] == ' ' || s[i + 1] == '\n' || s[i + 1] == 0);
	t->sentence |= c == 0x2019 || c == 0xAB || c == 0xBB || c == 0x2026;
}

/*
 * Whether the n octets at s (lines of an indented code block) read as
 * prose: a word or more, letters and digits for 70 % of the visible
 * characters, no sign of code, and something only a text has: an
 * accented letter, a sentence's punctuation, a capital then a small
 * letter opening it, or four words.  So "Rendez-vous devant l'école."
 * is prose; "int x = 1;", "12  14  18" and "ls -l /tmp" are not.
 */
static bool
reads_as_prose(const char *s, size_t n)
{
	struct tally t = {0};
	size_t run = 0;
	int prev_case = 0;
	for (size_t i = 0; i < n;) {
		uint32_t c = 0xFFFD;
		size_t k = utf8_decode(s + i, n - i, &c);
		tally_char(&t, s, i, c, &run);
		/* a capital opening the text, then a small letter */
		int lc = utf8_latin_case(c);
		t.sentence |= t.alnum == 2 && prev_case == 1 && lc == -1;
		prev_case = lc;
		i += k > 0 ? k : 1;
	}
	return t.words > 0 && !t.code &&
	       t.alnum * 10 >= (t.alnum + t.other) * 7 &&
	       (t.accent || t.sentence || t.words >= 4);
}

/* Warns about the lines of an indented code block from run to end,
 * file line at body line n, when they read as prose. */
static void
warn_prose(struct render *r, const char *run, const char *end, unsigned n)
{
	if (run == NULL || !reads_as_prose(run, (size_t)(end - run)))
		return;
	unsigned line, col;
	markdown_line_pos(r, n, NULL, &line, &col);
	diag_report(r->d, DIAG_WARNING, r->o->file, line, col,
	            "this text starts with 4 spaces or a tab, so the page "
	            "shows it as code, in a typewriter font: remove the "
	            "spaces or the tab at the start of its lines; if it is "
	            "code, put it between two lines ```");
}

/* Each paragraph (lines between blank ones) of indented code block b
 * that reads as prose, at its first line: cmark keeps one literal line
 * per source line, from the block's first. */
static void
check_indented(struct render *r, cmark_node *b)
{
	int len, off;
	char ch;
	const char *s = cmark_node_get_literal(b), *run = NULL, *end = NULL;
	if (s == NULL || cmark_node_get_fenced(b, &len, &off, &ch))
		return;
	unsigned n = (unsigned)cmark_node_get_start_line(b), at = n;
	for (const char *p = s; *p != '\0'; n++) {
		const char *e = strchr(p, '\n');
		size_t ln = e != NULL ? (size_t)(e - p) : strlen(p);
		if (strspn(p, " \t") < ln) {
			if (run == NULL)
				run = p, at = n;
			end = p + ln;
		} else {
			warn_prose(r, run, end, at);
			run = NULL;
		}
		p += ln + (e != NULL);
	}
	warn_prose(r, run, end, at);
}

/* The bullet a pasted line starts with ("•" and a blank after it), or
 * NULL; "–" only if dash is set. */
static const char *
bullet_at(const char *s, bool dash)
{
	static const char *const bullets[] = {"•", "◦", "▪", "●", "‣", "–"};
	size_t nb = sizeof(bullets) / sizeof(*bullets) - !dash;
	for (size_t i = 0; s != NULL && i < nb; i++) {
		size_t m = strlen(bullets[i]);
		if (strncmp(s, bullets[i], m) == 0 &&
		    (s[m] == ' ' || s[m] == '\t' ||
		     strncmp(s + m, "\xC2\xA0", 2) == 0))
			return bullets[i];
	}
	return NULL;
}

/*
 * A paragraph's lines, child by child: the text child c starts a line
 * with (cmark has dropped its leading blanks), or NULL; then *at_start
 * says whether the next child starts one (after a soft or hard break)
 * and *n, the line number, follows.  A text child never moves *n, so
 * *n is its line on return.
 */
static const char *
line_start(cmark_node *c, bool *at_start, unsigned *n)
{
	cmark_node_type t = cmark_node_get_type(c);
	const char *lit = t == CMARK_NODE_TEXT && *at_start
	                      ? cmark_node_get_literal(c)
	                      : NULL;
	*at_start = t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK;
	*n += *at_start;
	return lit;
}

/* A no-break space (U+00A0, U+202F: pasted from an e-mail or a web
 * page) at s: its length, else 0. */
static size_t
nbsp_at(const char *s)
{
	return strncmp(s, "\xC2\xA0", 2) == 0       ? 2
	       : strncmp(s, "\xE2\x80\xAF", 3) == 0 ? 3
	                                            : 0;
}

/*
 * The mark a line of a paragraph starts with that was meant as a
 * heading or a list item and is not (outside tester 26 F2, F18): "##",
 * "-", "+" or "1." followed by a no-break space, which Markdown does not
 * take for the space it must be (*nbsp set); or "#" to "######" glued
 * to a word ("#Horaires"), when it is the paragraph's only line.
 * Returns the mark's length, or 0.
 */
static size_t
slip_at(const char *s, bool only_line, bool *nbsp)
{
	size_t m = 0;
	if (s == NULL)
		return 0;
	while (m < 6 && s[m] == '#')
		m++;
	if (m == 0 && (s[0] == '-' || s[0] == '+'))
		m = 1;
	if (m == 0) {
		while (m < 9 && s[m] >= '0' && s[m] <= '9')
			m++;
		m = m > 0 && (s[m] == '.' || s[m] == ')') ? m + 1 : 0;
	}
	if (m == 0)
		return 0;
	*nbsp = nbsp_at(s + m) > 0;
	if (*nbsp)
		return m;
	uint32_t c = 0;
	return s[0] == '#' && s[m] != '#' && only_line &&
	               utf8_decode(s + m, strlen(s + m), &c) > 0 &&
	               markdown_is_letter(c)
	           ? m
	           : 0;
}

/* Paragraph p's first line that slip_at() finds, said at it. */
static void
check_slips(struct render *r, cmark_node *p)
{
	unsigned n = (unsigned)cmark_node_get_start_line(p);
	bool at_start = true, nbsp = false;
	bool only = cmark_node_get_start_line(p) == cmark_node_get_end_line(p);
	for (cmark_node *c = cmark_node_first_child(p); c != NULL;
	     c = cmark_node_next(c)) {
		const char *lit = line_start(c, &at_start, &n);
		size_t m = slip_at(lit, only, &nbsp);
		if (m > 0) {
			unsigned line, col;
			markdown_line_pos(r, n, lit, &line, &col);
			char mark[16];
			snprintf(mark, sizeof(mark), "%.*s", (int)m, lit);
			if (nbsp)
				diag_report(
				    r->d, DIAG_WARNING, r->o->file, line,
				    col + (unsigned)m,
				    "after '%s' there is a no-break space "
				    "(invisible), which Markdown does not read "
				    "as a space: this line is shown as plain "
				    "text, not as a heading or list item; "
				    "replace it with an ordinary space",
				    mark);
			else
				diag_report(
				    r->d, DIAG_WARNING, r->o->file, line, col,
				    "a line starting with '%s' and no space "
				    "after it is no heading: it is shown as "
				    "written; write '%s ' and the title (a "
				    "space after the '#')",
				    mark, mark);
			return;
		}
	}
}

/*
 * Paragraph p's lines that start with a bullet: one warning, at the
 * first, since the fix is the same for all.  A line starts after a soft
 * or hard break; cmark has dropped its leading blanks.
 */
static void
check_bullets(struct render *r, cmark_node *p)
{
	const char *first = NULL;
	unsigned line_of_first = 0, dashes = 0, dash_line = 0;
	unsigned n = (unsigned)cmark_node_get_start_line(p);
	bool at_start = true;
	for (cmark_node *c = cmark_node_first_child(p); c != NULL;
	     c = cmark_node_next(c)) {
		const char *lit = line_start(c, &at_start, &n);
		const char *bullet = bullet_at(lit, true);
		if (bullet != NULL && bullet_at(lit, false) == NULL &&
		    ++dashes == 1)
			dash_line = n;
		if (first == NULL && bullet != NULL && dashes != 1)
			first = bullet, line_of_first = dashes ? dash_line : n;
	}
	if (first == NULL)
		return;
	unsigned line, col;
	markdown_line_pos(r, line_of_first, first, &line, &col);
	diag_report(r->d, DIAG_WARNING, r->o->file, line, col,
	            "a line starting with '%s' is not a list item: such lines "
	            "run together in one paragraph and are not read as a list; "
	            "start each with '- ' (a hyphen and a space) instead of "
	            "'%s'",
	            first, first);
}

/* Tabs in a text child's literal. */
static unsigned
tabs_in(cmark_node *c)
{
	unsigned k = 0;
	const char *s = cmark_node_get_type(c) == CMARK_NODE_TEXT
	                    ? cmark_node_get_literal(c)
	                    : NULL;
	for (; s != NULL && *s != '\0'; s++)
		k += *s == '\t';
	return k;
}

/*
 * Rows copied from a spreadsheet (or a Word table pasted as text): lines
 * whose cells are separated by tabs, which the page runs together in one
 * line of words (outside tester 26 F19).  Two lines in a row with the
 * same number of tabs inside them: one warning, at the first one's first
 * tab.  A tab at a line's start is gone (cmark drops leading blanks).
 */
static void
check_tabs(struct render *r, cmark_node *p)
{
	unsigned n = (unsigned)cmark_node_get_start_line(p);
	unsigned cur = 0, prev = 0;
	for (cmark_node *c = cmark_node_first_child(p);;
	     c = cmark_node_next(c)) {
		cmark_node_type t =
		    c != NULL ? cmark_node_get_type(c) : CMARK_NODE_NONE;
		if (c != NULL && t != CMARK_NODE_SOFTBREAK &&
		    t != CMARK_NODE_LINEBREAK) {
			cur += tabs_in(c);
			continue;
		}
		if (cur > 0 && cur == prev) {
			unsigned line, col;
			markdown_line_pos(r, n - 1, "\t", &line, &col);
			diag_report(
			    r->d, DIAG_WARNING, r->o->file, line, col,
			    "these lines have cells separated by tabs, as "
			    "copied from a spreadsheet: the page runs them "
			    "together in one line of words; write a table "
			    "instead, a line '| Heure | Tâche |', then "
			    "'|---|---|', then one line per row with '|' "
			    "between its cells");
			return;
		}
		if (c == NULL)
			return;
		prev = cur;
		cur = 0;
		n++;
	}
}

/* Reports the invisible characters of text node c, on text line n (from
 * 1, as markdown_line_pos() counts), each kind once per line: the column is
 * where it first is on the line, so a second of the same kind there would say
 * the same. */
static void
invisible_in(struct render *r, cmark_node *c, unsigned n, uint32_t *said,
             size_t *nsaid)
{
	const char *s = cmark_node_get_literal(c);
	size_t len = s != NULL ? strlen(s) : 0;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, len - i, &cp);
		if (k == 0)
			return;
		bool seen = false;
		for (size_t j = 0; j < *nsaid; j++)
			seen = seen || said[j] == cp;
		if (utf8_is_invisible(cp) && !seen && *nsaid < 4) {
			said[(*nsaid)++] = cp;
			unsigned line, col;
			markdown_line_pos(r, n, arena_strndup(r->a, s + i, k),
			                  &line, &col);
			diag_report(r->d, DIAG_WARNING, r->o->file, line, col,
			            "invisible character pasted in (%s): type "
			            "the word again",
			            diag_tr(r->d, utf8_invisible_name(cp)));
		}
		i += k;
	}
}

/*
 * A soft hyphen or a zero-width space pasted inside the text
 * (« dés\u00ADherbons », « haie\u200Bvive », from a web page or Word):
 * invisible to the editor, published as is, and « haie vive » is then
 * not found by the search
 * (outside tester 29 F11).  The warning the front matter's fields get,
 * at the character's line and column.
 */
static void
check_invisible(struct render *r, cmark_node *p)
{
	unsigned n = (unsigned)cmark_node_get_start_line(p);
	uint32_t said[4];
	size_t nsaid = 0;
	for (cmark_node *c = cmark_node_first_child(p); c != NULL;
	     c = cmark_node_next(c)) {
		cmark_node_type t = cmark_node_get_type(c);
		if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK)
			n++, nsaid = 0;
		else if (t == CMARK_NODE_TEXT)
			invisible_in(r, c, n, said, &nsaid);
	}
}

void
markdown_paste_start(const struct render *r, struct noted *p)
{
	*p = (struct noted){r->d != NULL, false, {0}};
}

static void
paste_check(struct render *r, cmark_node *n, cmark_node_type t)
{
	if (t == CMARK_NODE_CODE_BLOCK)
		check_indented(r, n);
	else {
		check_bullets(r, n);
		check_slips(r, n);
		check_tabs(r, n);
		check_invisible(r, n);
	}
}

void
markdown_paste_visit(struct render *r, struct noted *p, cmark_node *n,
                     cmark_node_type t)
{
	if (!p->on || (t != CMARK_NODE_CODE_BLOCK && t != CMARK_NODE_PARAGRAPH))
		return;
	if (p->now)
		paste_check(r, n, t);
	else
		markdown_nodes_push(&p->v, n);
}

/* After the other checks: their masks and the raw HTML they took out
 * are what the page shows, and what its lines are read as. */
void
markdown_paste_end(struct render *r, struct noted *p)
{
	for (size_t i = 0; p->on && i < p->v.n; i++)
		paste_check(r, p->v.v[i], cmark_node_get_type(p->v.v[i]));
	free(p->v.v);
}
