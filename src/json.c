#include "json.h"

#include <stdlib.h>
#include <string.h>

#include "utf8.h"

/* Bytes written as they are in a JSON string, as a table: every byte
 * of every string written (page texts in programme.json, the search
 * index) is looked up once, where seven comparisons each cost more than
 * the copy (jsonld.h says why '<', '>' and '&' are not plain; 0xE2 may
 * start U+2028 or U+2029). */
static const bool json_plain[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 00 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 10 */
    1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 20 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 0, 1, /* 30 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 40 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, /* 50 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 60 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 70 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 80 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 90 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* A0 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* B0 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* C0 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* D0 */
    1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* E0 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* F0 */
};

void
json_stringn(buf *out, const char *s, size_t n)
{
	buf_putc(out, '"');
	for (size_t i = 0; i < n; i++) {
		/* a run of plain bytes in one write, not a call per byte */
		size_t run = i;
		while (run < n && json_plain[(unsigned char)s[run]])
			run++;
		if (run > i) {
			buf_put(out, s + i, run - i);
			i = run;
			if (i == n)
				break;
		}
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\') {
			buf_putc(out, '\\');
			buf_putc(out, c);
		} else if (c == '\n') {
			buf_puts(out, "\\n");
		} else if (c < 0x20 || c == '<' || c == '>' || c == '&') {
			buf_printf(out, "\\u%04x", c);
		} else if (c == 0xE2 && i + 2 < n &&
		           (unsigned char)s[i + 1] == 0x80 &&
		           ((unsigned char)s[i + 2] == 0xA8 ||
		            (unsigned char)s[i + 2] == 0xA9)) {
			buf_printf(out, "\\u20%02x",
			           (unsigned char)s[i + 2] == 0xA8 ? 0x28
			                                           : 0x29);
			i += 2;
		} else {
			buf_putc(out, c);
		}
	}
	buf_putc(out, '"');
}

void
json_string(buf *out, const char *s)
{
	if (s == NULL)
		buf_puts(out, "null");
	else
		json_stringn(out, s, strlen(s));
}

/* ---- Writing a value tree ------------------------------------------- */

static void
newline(buf *out, int indent, int depth)
{
	if (indent <= 0)
		return;
	buf_putc(out, '\n');
	for (int i = 0; i < indent * depth; i++)
		buf_putc(out, ' ');
}

static void
write_value(buf *out, const value *v, int indent, int depth)
{
	char num[40];
	size_t n = value_len(v);
	switch (value_kind_of(v)) {
	case VALUE_NULL: buf_puts(out, "null"); return;
	case VALUE_BOOL:
		buf_puts(out, value_get_bool(v) ? "true" : "false");
		return;
	case VALUE_NUMBER:
		value_format_number(value_get_number(v), num, sizeof(num));
		buf_puts(out, num);
		return;
	case VALUE_STRING:
		json_stringn(out, value_get_string(v), value_string_len(v));
		return;
	case VALUE_LIST:
		buf_putc(out, '[');
		for (size_t i = 0; i < n; i++) {
			if (i > 0)
				buf_putc(out, ',');
			newline(out, indent, depth + 1);
			write_value(out, value_at(v, i), indent, depth + 1);
		}
		if (n > 0)
			newline(out, indent, depth);
		buf_putc(out, ']');
		return;
	case VALUE_MAP:
		buf_putc(out, '{');
		for (size_t i = 0; i < n; i++) {
			if (i > 0)
				buf_putc(out, ',');
			newline(out, indent, depth + 1);
			json_string(out, value_key_at(v, i));
			buf_puts(out, indent > 0 ? ": " : ":");
			write_value(out, value_val_at(v, i), indent, depth + 1);
		}
		if (n > 0)
			newline(out, indent, depth);
		buf_putc(out, '}');
		return;
	}
}

void
json_value(buf *out, const value *v, int indent)
{
	write_value(out, v, indent, 0);
}

void
json_value_at(buf *out, const value *v, int indent, int depth)
{
	write_value(out, v, indent, depth);
}

/* ---- Parsing -------------------------------------------------------- */

struct jp {
	arena *a;
	const char *file;
	const char *s, *end, *line_start;
	unsigned line;
	const char *why;
	int depth;
};

static void
jp_ws(struct jp *p)
{
	for (; p->s < p->end; p->s++) {
		if (*p->s == '\n') {
			p->line++;
			p->line_start = p->s + 1;
		} else if (*p->s != ' ' && *p->s != '\t' && *p->s != '\r') {
			return;
		}
	}
}

static value *
jp_fail(struct jp *p, const char *why)
{
	if (p->why == NULL)
		p->why = why;
	return NULL;
}

static value *
jp_pos(struct jp *p, value *v, const char *at)
{
	return value_set_pos(p->a, v, p->file, p->line,
	                     (unsigned)(at - p->line_start) + 1);
}

static bool
jp_hex4(struct jp *p, unsigned long *out)
{
	*out = 0;
	for (int i = 0; i < 4; i++, p->s++) {
		char c = p->s < p->end ? *p->s : '\0';
		int d = c >= '0' && c <= '9'   ? c - '0'
		        : c >= 'a' && c <= 'f' ? c - 'a' + 10
		        : c >= 'A' && c <= 'F' ? c - 'A' + 10
		                               : -1;
		if (d < 0)
			return false;
		*out = *out * 16 + (unsigned long)d;
	}
	return true;
}

static bool
jp_escape(struct jp *p, buf *b)
{
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	char c = p->s < p->end ? *p->s++ : '\0';
	const char *k = c != '\0' ? strchr(from, c) : NULL;
	unsigned long u, lo;
	if (k != NULL) {
		buf_putc(b, to[k - from]);
		return true;
	}
	if (c != 'u' || !jp_hex4(p, &u))
		return false;
	if (u >= 0xD800 && u < 0xDC00) {
		if (p->end - p->s < 6 || p->s[0] != '\\' || p->s[1] != 'u')
			return false;
		p->s += 2;
		if (!jp_hex4(p, &lo) || lo < 0xDC00 || lo > 0xDFFF)
			return false;
		u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
	} else if (u >= 0xDC00 && u < 0xE000) {
		return false;
	}
	utf8_put(b, u);
	return true;
}

static value *
jp_string(struct jp *p)
{
	const char *at = p->s++;
	buf b = BUF_INIT;
	while (p->s < p->end && *p->s != '"') {
		unsigned char c = (unsigned char)*p->s;
		if (c < 0x20) {
			buf_free(&b);
			return jp_fail(p, "control character in a string");
		}
		p->s++;
		if (c != '\\')
			buf_putc(&b, c);
		else if (!jp_escape(p, &b)) {
			buf_free(&b);
			return jp_fail(p, "invalid escape in a string");
		}
	}
	if (p->s >= p->end) {
		buf_free(&b);
		return jp_fail(p, "unterminated string");
	}
	p->s++;
	value *v = value_stringn(p->a, b.data ? b.data : "", b.len);
	buf_free(&b);
	return jp_pos(p, v, at);
}

static value *
jp_number(struct jp *p)
{
	const char *at = p->s, *q = p->s;
	if (q < p->end && *q == '-')
		q++;
	if (q >= p->end || *q < '0' || *q > '9')
		return jp_fail(p, "unexpected character");
	if (*q == '0')
		q++;
	else
		while (q < p->end && *q >= '0' && *q <= '9')
			q++;
	if (q < p->end && *q == '.') {
		if (++q >= p->end || *q < '0' || *q > '9')
			return jp_fail(p, "digits expected after '.'");
		while (q < p->end && *q >= '0' && *q <= '9')
			q++;
	}
	if (q < p->end && (*q == 'e' || *q == 'E')) {
		q++;
		if (q < p->end && (*q == '+' || *q == '-'))
			q++;
		if (q >= p->end || *q < '0' || *q > '9')
			return jp_fail(p, "digits expected in the exponent");
		while (q < p->end && *q >= '0' && *q <= '9')
			q++;
	}
	char tmp[64];
	size_t n = (size_t)(q - at);
	if (n >= sizeof(tmp))
		return jp_fail(p, "number too long");
	memcpy(tmp, at, n);
	tmp[n] = '\0';
	p->s = q;
	return jp_pos(p, value_number(p->a, strtod(tmp, NULL)), at);
}

static value *jp_value(struct jp *p);

static value *
jp_list(struct jp *p)
{
	value *l = jp_pos(p, value_list(p->a), p->s);
	p->s++;
	jp_ws(p);
	if (p->s < p->end && *p->s == ']') {
		p->s++;
		return l;
	}
	for (;;) {
		value *item = jp_value(p);
		if (item == NULL)
			return NULL;
		value_push(p->a, l, item);
		jp_ws(p);
		char c = p->s < p->end ? *p->s++ : '\0';
		if (c == ']')
			return l;
		if (c != ',')
			return jp_fail(p, "',' or ']' expected");
		jp_ws(p);
	}
}

static value *
jp_map(struct jp *p)
{
	value *m = jp_pos(p, value_map(p->a), p->s);
	p->s++;
	jp_ws(p);
	if (p->s < p->end && *p->s == '}') {
		p->s++;
		return m;
	}
	for (;;) {
		if (p->s >= p->end || *p->s != '"')
			return jp_fail(p, "a member name in quotes expected");
		const char *kat = p->s;
		value *k = jp_string(p);
		if (k == NULL)
			return NULL;
		if (value_get(m, value_get_string(k)) != NULL) {
			p->s = kat;
			return jp_fail(p, "member name given twice");
		}
		jp_ws(p);
		if (p->s >= p->end || *p->s != ':')
			return jp_fail(p, "':' expected");
		p->s++;
		jp_ws(p);
		value *v = jp_value(p);
		if (v == NULL)
			return NULL;
		value_set(p->a, m, value_get_string(k), v);
		value_set_key_pos(m, value_len(m) - 1, value_where(k));
		jp_ws(p);
		char c = p->s < p->end ? *p->s++ : '\0';
		if (c == '}')
			return m;
		if (c != ',')
			return jp_fail(p, "',' or '}' expected");
		jp_ws(p);
	}
}

static value *
jp_word(struct jp *p, const char *w, value *v)
{
	size_t n = strlen(w);
	if ((size_t)(p->end - p->s) < n || memcmp(p->s, w, n) != 0)
		return jp_fail(p, "unexpected character");
	v = jp_pos(p, v, p->s);
	p->s += n;
	return v;
}

static value *
jp_value(struct jp *p)
{
	jp_ws(p);
	if (p->s >= p->end)
		return jp_fail(p, "unexpected end of the text");
	if (++p->depth > JSON_MAX_DEPTH)
		return jp_fail(p, "nested too deep");
	value *v;
	switch (*p->s) {
	case '{': v = jp_map(p); break;
	case '[': v = jp_list(p); break;
	case '"': v = jp_string(p); break;
	case 't': v = jp_word(p, "true", value_bool(p->a, true)); break;
	case 'f': v = jp_word(p, "false", value_bool(p->a, false)); break;
	case 'n': v = jp_word(p, "null", value_null(p->a)); break;
	default: v = jp_number(p);
	}
	p->depth--;
	return v;
}

value *
json_parse(arena *a, const char *file, const char *text, size_t len,
           unsigned *line, unsigned *col, const char **why)
{
	struct jp p = {a, file, text, text + len, text, 1, NULL, 0};
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		p.s += 3, p.line_start = p.s;
	value *v = jp_value(&p);
	if (v != NULL) {
		jp_ws(&p);
		if (p.s < p.end)
			v = jp_fail(&p, "text after the end of the JSON value");
	}
	if (v == NULL) {
		*line = p.line;
		*col = (unsigned)(p.s - p.line_start) + 1;
		*why = p.why;
	}
	return v;
}
