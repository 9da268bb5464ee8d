/*
 * phonelink.c - French phone numbers in Markdown text become tel: links
 * (see phonelink.h).  A pass over cmark's tree, run by markdown.c after
 * links are resolved and before French typography.
 */
#include "phonelink.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define NDIGITS 10 /* a French national number: 0 and nine digits */

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Bytes of the separator at s: one space, '.', '-', a no-break space
 * (U+00A0) or a narrow one (U+202F, French typography); 0 if none. */
static size_t
sep_len(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	if (len >= 1 && (s[0] == ' ' || s[0] == '.' || s[0] == '-'))
		return 1;
	if (len >= 2 && u[0] == 0xC2 && u[1] == 0xA0)
		return 2;
	if (len >= 3 && u[0] == 0xE2 && u[1] == 0x80 && u[2] == 0xAF)
		return 3;
	return 0;
}

/* After "+33": an optional separator and "(0)", as in "+33 (0)3 84…". */
static size_t
skip_country(const char *s, size_t len)
{
	size_t i = 3;
	i += sep_len(s + i, len - i);
	if (len - i >= 3 && memcmp(s + i, "(0)", 3) == 0) {
		i += 3;
		i += sep_len(s + i, len - i);
	}
	return i;
}

size_t
phonelink_match(const char *s, size_t len, char digits[11])
{
	char d[NDIGITS + 2];
	size_t i = 0, n = 0, end = 0;
	if (len >= 3 && memcmp(s, "+33", 3) == 0) {
		i = skip_country(s, len);
		d[n++] = '0';
		end = i;
	} else if (len == 0 || s[0] != '0') {
		return 0;
	}
	/* Digits, with single separators between them; one digit too many
	 * (a longer number, an identifier) and it is not a phone number. */
	while (i < len && n <= NDIGITS) {
		if (is_digit(s[i])) {
			d[n++] = s[i++];
			end = i;
			continue;
		}
		size_t k = sep_len(s + i, len - i);
		if (k == 0 || end != i || n == 1 || i + k >= len ||
		    !is_digit(s[i + k]))
			break;
		i += k;
	}
	if (n != NDIGITS || d[0] != '0' || d[1] == '0')
		return 0;
	memcpy(digits, d, NDIGITS);
	digits[NDIGITS] = '\0';
	return end;
}

/* A number starts a word: not after a letter, a digit or what joins
 * numbers and names (a reference like "A-0384123456", "x.03…"). */
static bool
may_start(const char *s, size_t i)
{
	if (i == 0)
		return true;
	char c = s[i - 1];
	return !(is_digit(c) || (c >= 'a' && c <= 'z') ||
	         (c >= 'A' && c <= 'Z') || strchr("+-./,_@#=&%:", c) != NULL);
}

/* ---- The pass over the tree ------------------------------------------ */

/* Inside a link (its text), an image (its description) or code? */
static bool
in_link(cmark_node *n)
{
	for (cmark_node *p = cmark_node_parent(n); p != NULL;
	     p = cmark_node_parent(p)) {
		cmark_node_type t = cmark_node_get_type(p);
		if (t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE)
			return true;
	}
	return false;
}

/* A new text node holding s[from, to). */
static cmark_node *
new_text(cmark_mem *mem, const char *s, size_t from, size_t to)
{
	cmark_node *n = cmark_node_new_with_mem(CMARK_NODE_TEXT, mem);
	char *lit = malloc(to - from + 1);
	if (lit != NULL) {
		memcpy(lit, s + from, to - from);
		lit[to - from] = '\0';
		cmark_node_set_literal(n, lit);
		free(lit);
	}
	return n;
}

/* tel: with the international form: it works from any phone. */
static void
french_url(const char *digits, char url[PHONELINK_URL_MAX])
{
	memcpy(url, "tel:+33", 7);
	memcpy(url + 7, digits + 1, NDIGITS); /* with its NUL */
}

void
phonelink_url(const char *tel, char url[PHONELINK_URL_MAX])
{
	char digits[NDIGITS + 1];
	size_t len = strlen(tel);
	if (phonelink_match(tel, len, digits) == len && len > 0) {
		french_url(digits, url);
		return;
	}
	/* Another country's number, or a short one: its + and digits, a
	 * national 0 read as France's. */
	size_t n = 0;
	memcpy(url, "tel:", 4);
	n = 4;
	const char *p = tel;
	if (p[0] == '0' && p[1] != '0') {
		memcpy(url + n, "+33", 3);
		n += 3;
		p++;
	}
	for (; *p && n + 1 < PHONELINK_URL_MAX; p++)
		if (*p == '+' || is_digit(*p))
			url[n++] = *p;
	url[n] = '\0';
}

/* Before t: the text s[last, from), then s[from, to) as a tel: link. */
static void
insert_link(cmark_mem *mem, cmark_node *t, const char *s, size_t last,
            size_t from, size_t to, const char *digits)
{
	if (from > last)
		cmark_node_insert_before(t, new_text(mem, s, last, from));
	char url[PHONELINK_URL_MAX];
	french_url(digits, url);
	cmark_node *link = cmark_node_new_with_mem(CMARK_NODE_LINK, mem);
	cmark_node_set_url(link, url);
	cmark_node_append_child(link, new_text(mem, s, from, to));
	cmark_node_insert_before(t, link);
}

size_t
phonelink_next(const char *s, size_t len, size_t from, size_t *at,
               char digits[NDIGITS + 1])
{
	/* a number starts with 0 or +: the text between is skipped by
	 * strcspn(), many octets at a time (every page's text comes here) */
	for (size_t i = from + strcspn(s + from, "0+"); i < len;
	     i += 1 + strcspn(s + i + 1, "0+")) {
		size_t m;
		if (may_start(s, i) &&
		    (m = phonelink_match(s + i, len - i, digits)) > 0) {
			*at = i;
			return m;
		}
	}
	return 0;
}

/* Splits the text node t around its numbers; t keeps what is after the
 * last one, or goes when nothing is. */
static void
link_numbers(cmark_mem *mem, cmark_node *t)
{
	const char *s = cmark_node_get_literal(t);
	size_t len = s != NULL ? strlen(s) : 0, last = 0, i, m;
	char d[NDIGITS + 1];
	while (last < len && (m = phonelink_next(s, len, last, &i, d)) > 0) {
		insert_link(mem, t, s, last, i, i + m, d);
		last = i + m;
	}
	if (last == 0)
		return;
	if (last < len) {
		char *rest = strdup(s + last);
		if (rest != NULL)
			cmark_node_set_literal(t, rest);
		free(rest);
	} else {
		cmark_node_unlink(t);
		cmark_node_free(t);
	}
}

void
phonelink_pass(cmark_node *doc, cmark_mem *mem)
{
	cmark_node **texts = NULL;
	size_t n = 0, cap = 0;
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER ||
		    cmark_node_get_type(node) != CMARK_NODE_TEXT ||
		    in_link(node))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			cmark_node **nt = realloc(texts, cap * sizeof(*nt));
			if (nt == NULL)
				break;
			texts = nt;
		}
		texts[n++] = node;
	}
	cmark_iter_free(it);
	/* The tree changes once the walk is over. */
	for (size_t i = 0; i < n; i++)
		link_numbers(mem, texts[i]);
	free(texts);
}
