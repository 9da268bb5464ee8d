/*
 * test_typography.c - the French typography pass against the one it
 * replaced (kept below as the reference, unchanged but for its names):
 * every paragraph of up to four fragments in one text node, and seeded
 * random paragraphs of text nodes, soft and hard breaks, code spans,
 * autolinks and emphasis, with fragments that cut UTF-8 sequences at a
 * node's start or end, must come out node for node the same.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "markdown_int.h"
#include "utf8.h"
#include "xalloc.h"

/* ---- The reference: the pass as it was (code points, segments) ------ */

#define OBJ 0xFFFCu
#define RAW_BYTE 0x110000u

struct old_stream {
	uint32_t *cp, *ocp;
	int32_t *seg, *oseg;
	size_t n, on, cap, ocap;
	cmark_node **segs;
	size_t nseg, segcap;
	unsigned char *dirty;
	size_t dirtycap;
	bool curly;
};

static size_t
old_decode_raw(const unsigned char *s, size_t len, uint32_t *cp)
{
	size_t n = utf8_decode((const char *)s, len, cp);
	if (n > 0)
		return n;
	*cp = RAW_BYTE + s[0];
	return 1;
}

static bool
old_is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool
old_is_letter(uint32_t c)
{
	if (c < 0x80)
		return old_is_alpha((char)c);
	return (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) ||
	       (c >= 0x370 && c < 0x2000);
}

static bool
old_is_space(uint32_t c)
{
	return c == ' ' || c == '\n' || c == '\t' || c == NBSP || c == NNBSP ||
	       (c >= 0x2000 && c <= 0x200A) || c == 0x205F || c == 0x3000;
}

static bool
old_is_high_punct(uint32_t c)
{
	return c == ';' || c == '!' || c == '?';
}

/* Room for extra more code points. */
static void
old_stream_reserve(struct old_stream *st, size_t extra)
{
	if (st->n + extra <= st->cap)
		return;
	while (st->n + extra > st->cap)
		st->cap = st->cap ? 2 * st->cap : 256;
	st->cp = xrealloc(st->cp, st->cap * sizeof(*st->cp));
	st->seg = xrealloc(st->seg, st->cap * sizeof(*st->seg));
}

static void
old_stream_push(struct old_stream *st, uint32_t c, int32_t seg)
{
	old_stream_reserve(st, 1);
	st->cp[st->n] = c;
	st->seg[st->n++] = seg;
}

static int32_t
old_stream_segment(struct old_stream *st, cmark_node *n)
{
	if (st->nseg == st->segcap) {
		st->segcap = st->segcap ? 2 * st->segcap : 32;
		st->segs = xrealloc(st->segs, st->segcap * sizeof(*st->segs));
	}
	st->segs[st->nseg] = n;
	return (int32_t)st->nseg++;
}

static void
old_stream_text(struct old_stream *st, cmark_node *n)
{
	const char *s = cmark_node_get_literal(n);
	size_t len = s ? strlen(s) : 0;
	int32_t seg = old_stream_segment(st, n);
	old_stream_reserve(st, len); /* at most one code point per octet */
	const unsigned char *u = (const unsigned char *)s;
	for (size_t i = 0; i < len;) {
		uint32_t c = u[i];
		if (c < 0x80)
			i++;
		else {
			i += old_decode_raw(u + i, len - i, &c);
			st->curly |= c == 0x201C || c == 0x201D;
		}
		st->cp[st->n] = c;
		st->seg[st->n++] = seg;
	}
}

/* <https://x.fr/?a!> must keep its visible text exactly. */
static bool
old_is_autolink(cmark_node *link)
{
	cmark_node *c = cmark_node_first_child(link);
	const char *url = cmark_node_get_url(link);
	if (c == NULL || cmark_node_next(c) != NULL ||
	    cmark_node_get_type(c) != CMARK_NODE_TEXT || url == NULL)
		return false;
	const char *s = cmark_node_get_literal(c);
	if (strncmp(url, "mailto:", 7) == 0 && strcmp(url + 7, s) == 0)
		return true;
	return strcmp(url, s) == 0;
}

/* Fills the stream with the inline content of a paragraph or heading. */
static void
old_stream_collect(struct old_stream *st, cmark_node *block)
{
	st->n = st->nseg = 0;
	st->curly = false;
	cmark_iter *it = cmark_iter_new(block);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT: old_stream_text(st, n); break;
		case CMARK_NODE_SOFTBREAK:
			old_stream_push(st, ' ', old_stream_segment(st, n));
			break;
		case CMARK_NODE_LINEBREAK: old_stream_push(st, '\n', -1); break;
		case CMARK_NODE_CODE: old_stream_push(st, OBJ, -1); break;
		case CMARK_NODE_LINK:
			if (old_is_autolink(n)) {
				old_stream_push(st, OBJ, -1);
				cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
			}
			break;
		default: break;
		}
	}
	cmark_iter_free(it);
}

static void
old_emit(struct old_stream *st, uint32_t c, int32_t seg)
{
	st->ocp[st->on] = c;
	st->oseg[st->on++] = seg;
}

/*
 * A run of spaces before ; ! ? becomes one narrow no-break space, before
 * : or » or after « one no-break space; otherwise it is kept.  Returns
 * the index of the run's last space.
 */
static size_t
old_typeset_spaces(struct old_stream *st, size_t i)
{
	size_t j = i;
	while (j < st->n && st->cp[j] == ' ')
		j++;
	uint32_t prev = i > 0 ? st->cp[i - 1] : 0;
	uint32_t next = j < st->n ? st->cp[j] : 0;
	uint32_t rep = old_is_high_punct(next)       ? NNBSP
	               : next == ':' || next == 0xBB ? NBSP
	               : prev == 0xAB && j < st->n   ? NBSP
	                                             : 0;
	if (rep != 0) {
		old_emit(st, rep, st->seg[j - 1]);
		for (size_t k = i; k < j; k++)
			st->dirty[st->seg[k]] = 1;
	} else
		for (size_t k = i; k < j; k++)
			old_emit(st, ' ', st->seg[k]);
	return j - 1;
}

/* "Quoi?" and "Quoi?!" end a word; "index.php?id=3" does not. */
static bool
old_ends_word(const struct old_stream *st, size_t i)
{
	size_t k = i + 1;
	while (k < st->n && old_is_high_punct(st->cp[k]))
		k++;
	return k == st->n || old_is_space(st->cp[k]) || st->cp[k] == 0xBB;
}

/*
 * Curly double quotes become guillemets first, so that the spacing
 * rules below see them.  Output code points keep the segment of the
 * character they belong to
 * (an inserted space goes with the punctuation it precedes or the «
 * it follows), so segments stay in order in the output.
 */
static void
old_typeset(struct old_stream *st)
{
	if (st->ocap < 2 * st->n) {
		st->ocap = 2 * st->n;
		st->ocp = xrealloc(st->ocp, st->ocap * sizeof(*st->ocp));
		st->oseg = xrealloc(st->oseg, st->ocap * sizeof(*st->oseg));
	}
	if (st->dirtycap < st->nseg) {
		st->dirtycap = st->nseg;
		st->dirty = xrealloc(st->dirty, st->dirtycap);
	}
	if (st->nseg > 0)
		memset(st->dirty, 0, st->nseg);
	for (size_t i = 0; st->curly && i < st->n; i++)
		if (st->seg[i] >= 0 &&
		    (st->cp[i] == 0x201C || st->cp[i] == 0x201D)) {
			st->cp[i] = st->cp[i] == 0x201C ? 0xAB : 0xBB;
			st->dirty[st->seg[i]] = 1;
		}
	st->on = 0;
	for (size_t i = 0; i < st->n; i++) {
		uint32_t c = st->cp[i];
		int32_t s = st->seg[i];
		if (s < 0)
			continue;
		if (c == ' ') {
			i = old_typeset_spaces(st, i);
			continue;
		}
		if (old_is_high_punct(c) && i > 0 &&
		    old_is_letter(st->cp[i - 1]) && old_ends_word(st, i)) {
			old_emit(st, NNBSP, s);
			st->dirty[s] = 1;
		} else if (c == 0xBB && i > 0 && !old_is_space(st->cp[i - 1])) {
			old_emit(st, NBSP, s);
			st->dirty[s] = 1;
		}
		old_emit(st, c, s);
		if (c == 0xAB && i + 1 < st->n &&
		    !old_is_space(st->cp[i + 1])) {
			old_emit(st, NBSP, s);
			st->dirty[s] = 1;
		}
	}
}

/*
 * A soft break whose space was replaced becomes a text node holding the
 * no-break space (or disappears), since a line end there would let the
 * browser break the line where French typography forbids it.
 */
static void
old_write_segment(cmark_node *n, const char *s)
{
	if (cmark_node_get_type(n) == CMARK_NODE_TEXT) {
		if (strcmp(cmark_node_get_literal(n), s) != 0)
			cmark_node_set_literal(n, s);
		return;
	}
	if (strcmp(s, " ") == 0)
		return;
	if (*s != '\0') {
		cmark_node *t = cmark_node_new(CMARK_NODE_TEXT);
		cmark_node_set_literal(t, s);
		cmark_node_insert_before(n, t);
	}
	cmark_node_unlink(n);
	cmark_node_free(n);
}

static void
old_stream_write_back(struct old_stream *st)
{
	buf b = BUF_INIT;
	size_t j = 0;
	for (size_t s = 0; s < st->nseg; s++) {
		if (!st->dirty[s]) { /* as it was: nothing to write */
			while (j < st->on && st->oseg[j] == (int32_t)s)
				j++;
			continue;
		}
		size_t k = j;
		while (k < st->on && st->oseg[k] == (int32_t)s)
			k++;
		buf_reset(&b);
		buf_grow(&b, 4 * (k - j)); /* written once, not putc by putc */
		char *o = b.data;
		for (; j < k; j++) {
			uint32_t c = st->ocp[j];
			if (c < 0x80)
				*o++ = (char)c;
			else if (c >= RAW_BYTE)
				*o++ = (char)(c - RAW_BYTE);
			else
				o += utf8_encode(o, c);
		}
		*o = '\0';
		b.len = (size_t)(o - b.data);
		old_write_segment(st->segs[s], b.data);
	}
	buf_free(&b);
}

/* The node after n in a walk of block's descendants, NULL at the end. */
static cmark_node *
old_next_within(cmark_node *block, cmark_node *n)
{
	cmark_node *c = cmark_node_first_child(n);
	if (c != NULL)
		return c;
	for (; n != block; n = cmark_node_parent(n))
		if (cmark_node_next(n) != NULL)
			return cmark_node_next(n);
	return NULL;
}

/* Whether s holds one of the characters every rule of old_typeset() starts
 * from: ; ! ? : « » “ ”.  Other text is left exactly as it is. */
static bool
old_has_trigger(const char *s)
{
	if (s == NULL)
		return false;
	for (const unsigned char *u = (const unsigned char *)s; *u; u++)
		switch (*u) {
		case ';':
		case '!':
		case '?':
		case ':': return true;
		case 0xC2: /* « U+00AB, » U+00BB */
			if (u[1] == 0xAB || u[1] == 0xBB)
				return true;
			break;
		case 0xE2: /* “ U+201C, ” U+201D */
			if (u[1] == 0x80 && (u[2] == 0x9C || u[2] == 0x9D))
				return true;
			break;
		default: break;
		}
	return false;
}

/*
 * Most paragraphs hold none of the characters the rules start from:
 * those are skipped before their text is decoded into code points (the
 * pass was 8 % of a cold build's CPU at 10,000 pages).  Only text nodes
 * are read, as old_stream_collect() reads only them.
 */
static bool
old_needs_typesetting(cmark_node *block)
{
	for (cmark_node *n = cmark_node_first_child(block); n != NULL;
	     n = old_next_within(block, n))
		if (cmark_node_get_type(n) == CMARK_NODE_TEXT &&
		    old_has_trigger(cmark_node_get_literal(n)))
			return true;
	return false;
}

static void
old_french(struct old_stream *st, cmark_node *doc)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER ||
		    cmark_node_get_type(n) != CMARK_NODE_PARAGRAPH)
			continue;
		if (old_needs_typesetting(n)) {
			old_stream_collect(st, n);
			old_typeset(st);
			old_stream_write_back(st);
		}
		cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
	}
	cmark_iter_free(it);
}

static void
old_stream_free(struct old_stream *st)
{
	free(st->cp);
	free(st->seg);
	free(st->ocp);
	free(st->oseg);
	free(st->segs);
	free(st->dirty);
}

/* ---- Paragraphs built node by node ----------------------------------- */

/* Fragments of text: signs, spaces, letters, and UTF-8 sequences whole
 * or cut (a lead octet alone, a continuation alone). */
static const char *const frags[] = {
    "a",
    "\xC3\xA9",
    " ",
    ";",
    "!",
    "?",
    ":",
    "\xC2\xAB",
    "\xC2\xBB",
    "\xE2\x80\x9C",
    "\xE2\x80\x9D",
    "\xC2\xA0",
    "\xC2",
    "\xBB",
    "\xAB",
    "\xE2\x80",
    "\x9D",
    "1",
    "\t",
    ".",
    "\xC3",
    "\xA9",
    "\xE2\x80\xAF",
    "\xE2",
};
#define NFRAGS (sizeof(frags) / sizeof(frags[0]))

enum kind { K_TEXT, K_SOFT, K_HARD, K_CODE, K_AUTOLINK, K_EMPH, K_KINDS };

static cmark_node *
text_node(const char *s)
{
	cmark_node *t = cmark_node_new(CMARK_NODE_TEXT);
	cmark_node_set_literal(t, s);
	return t;
}

/* Appends a node of kind k (text s where it holds text) to para. */
static void
add_node(cmark_node *para, enum kind k, const char *s)
{
	cmark_node *n;
	switch (k) {
	case K_TEXT: n = text_node(s); break;
	case K_SOFT: n = cmark_node_new(CMARK_NODE_SOFTBREAK); break;
	case K_HARD: n = cmark_node_new(CMARK_NODE_LINEBREAK); break;
	case K_CODE:
		n = cmark_node_new(CMARK_NODE_CODE);
		cmark_node_set_literal(n, "x;");
		break;
	case K_AUTOLINK:
		n = cmark_node_new(CMARK_NODE_LINK);
		cmark_node_set_url(n, "https://x.fr/?a!");
		cmark_node_append_child(n, text_node("https://x.fr/?a!"));
		break;
	default:
		n = cmark_node_new(CMARK_NODE_EMPH);
		cmark_node_append_child(n, text_node(s));
		break;
	}
	cmark_node_append_child(para, n);
}

/* The tree as text: each node's type and literal, octet for octet. */
static void
dump(cmark_node *doc, buf *out)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		const char *l = cmark_node_get_literal(n);
		buf_printf(out, "%c%d[%s]", ev == CMARK_EVENT_ENTER ? '+' : '-',
		           (int)cmark_node_get_type(n), l ? l : "");
	}
	cmark_iter_free(it);
}

struct cmp {
	struct render r;
	struct old_stream old;
	buf a, b;
	size_t changed; /* paragraphs the pass changed */
};

/* Builds the paragraph twice from the same script, runs each pass on
 * its copy and compares the trees. */
static void
compare(struct cmp *c, const enum kind *k, char (*s)[32], size_t n)
{
	cmark_node *d[2];
	for (int v = 0; v < 2; v++) {
		d[v] = cmark_node_new(CMARK_NODE_DOCUMENT);
		cmark_node *p = cmark_node_new(CMARK_NODE_PARAGRAPH);
		cmark_node_append_child(d[v], p);
		for (size_t i = 0; i < n; i++)
			add_node(p, k[i], s[i]);
	}
	buf_reset(&c->a);
	dump(d[0], &c->a);
	size_t before = c->a.len;
	old_french(&c->old, d[0]);
	markdown_french(&c->r, d[1]);
	buf_reset(&c->a);
	buf_reset(&c->b);
	dump(d[0], &c->a);
	dump(d[1], &c->b);
	c->changed += c->a.len != before;
	if (strcmp(buf_cstr(&c->a), buf_cstr(&c->b)) != 0)
		fail_msg("reference %s\nnew       %s", buf_cstr(&c->a),
		         buf_cstr(&c->b));
	cmark_node_free(d[0]);
	cmark_node_free(d[1]);
	for (size_t i = 0; i < c->r.dead.n; i++)
		cmark_node_free(c->r.dead.v[i]);
	c->r.dead.n = 0;
}

static void
cmp_free(struct cmp *c)
{
	markdown_stream_free(&c->r.st);
	free(c->r.dead.v);
	old_stream_free(&c->old);
	buf_free(&c->a);
	buf_free(&c->b);
}

/* Every text of up to four fragments, alone in its paragraph. */
static void
test_every_short_text(void **state)
{
	(void)state;
	struct cmp c = {.a = BUF_INIT, .b = BUF_INIT};
	enum kind k[1] = {K_TEXT};
	char s[1][32];
	size_t total = 0;
	for (size_t len = 1; len <= 4; len++) {
		size_t count = 1;
		for (size_t i = 0; i < len; i++)
			count *= NFRAGS;
		for (size_t x = 0; x < count; x++, total++) {
			s[0][0] = '\0';
			for (size_t i = 0, y = x; i < len; i++, y /= NFRAGS)
				strcat(s[0], frags[y % NFRAGS]);
			compare(&c, k, s, 1);
		}
	}
	/* the pass did change most of them: the comparison compared */
	assert_true(c.changed > total / 4);
	cmp_free(&c);
}

/* Seeded random paragraphs of several nodes of every kind. */
static void
test_random_paragraphs(void **state)
{
	(void)state;
	struct cmp c = {.a = BUF_INIT, .b = BUF_INIT};
	enum kind k[6];
	char s[6][32];
	uint64_t x = 14;
	for (int round = 0; round < 200000; round++) {
		x = x * 6364136223846793005u + 1442695040888963407u;
		size_t n = 1 + (x >> 33) % 6;
		for (size_t i = 0; i < n; i++) {
			x = x * 6364136223846793005u + 1442695040888963407u;
			k[i] = (enum kind)((x >> 33) % (K_KINDS + 2));
			if (k[i] >= K_KINDS)
				k[i] = K_TEXT; /* text more often */
			s[i][0] = '\0';
			size_t nf = (x >> 40) % 4;
			for (size_t f = 0; f < nf; f++) {
				x = x * 6364136223846793005u +
				    1442695040888963407u;
				strcat(s[i], frags[(x >> 33) % NFRAGS]);
			}
		}
		compare(&c, k, s, n);
	}
	assert_true(c.changed > 10000);
	cmp_free(&c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_every_short_text),
	    cmocka_unit_test(test_random_paragraphs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
