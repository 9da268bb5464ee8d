/*
 * utf8.c - strict UTF-8 decoding and encoding (see utf8.h).
 */
#include "utf8.h"

#include <stdbool.h>
#include <string.h>

size_t
utf8_decode(const char *text, size_t len, uint32_t *cp)
{
	static const uint32_t min[] = {0, 0, 0x80, 0x800, 0x10000};
	const unsigned char *s = (const unsigned char *)text;
	if (len == 0)
		return 0;
	unsigned c = s[0];
	size_t n = c < 0x80                 ? 1
	           : c >= 0xC2 && c <= 0xDF ? 2
	           : c >= 0xE0 && c <= 0xEF ? 3
	           : c >= 0xF0 && c <= 0xF4 ? 4
	                                    : 0;
	if (n == 0 || n > len)
		return 0;
	uint32_t v = n == 1 ? c : c & (0x7Fu >> n);
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3F);
	}
	if (v < min[n] || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	*cp = v;
	return n;
}

size_t
utf8_encode(char *out, uint32_t c)
{
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xC0 | (c >> 6));
		out[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (char)(0xE0 | (c >> 12));
		out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		out[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (c >> 18));
	out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
	out[3] = (char)(0x80 | (c & 0x3F));
	return 4;
}

void
utf8_put(buf *b, uint32_t c)
{
	if (c < 0x80) {
		buf_putc(b, (int)c);
		return;
	}
	buf_grow(b, 4);
	b->len += utf8_encode(b->data + b->len, c);
	b->data[b->len] = '\0';
}

void
utf8_put_latin1(buf *b, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		utf8_put(b, *p);
}

/*
 * True if text is valid UTF-8: ASCII is stepped over eight octets at a
 * time (most of a French page), other characters decoded.  Every page's
 * file is checked when loaded (textenc.c): counting lines and columns
 * of every character there cost 5 % of a cold build; they are counted
 * only for a file found wrong.
 */
static bool
valid(const char *text, size_t len)
{
	size_t i = 0;
	while (i < len) {
		uint64_t x;
		if (len - i >= 8 &&
		    (memcpy(&x, text + i, 8), (x & 0x8080808080808080u) == 0)) {
			i += 8;
			continue;
		}
		if ((unsigned char)text[i] < 0x80) {
			i++;
			continue;
		}
		uint32_t cp;
		size_t n = utf8_decode(text + i, len - i, &cp);
		if (n == 0)
			return false;
		i += n;
	}
	return true;
}

int
utf8_check(const char *text, size_t len, unsigned *line, unsigned *col)
{
	if (valid(text, len))
		return 1;
	unsigned l = 1, c = 1;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = utf8_decode(text + i, len - i, &cp);
		if (n == 0) {
			*line = l;
			*col = c;
			return 0;
		}
		if (cp == '\n')
			l++, c = 1;
		else
			c++;
		i += n;
	}
	return 1;
}

/* UTF-16 starts with a byte order mark, or holds NULs (the high byte of
 * every ASCII character) that no text in UTF-8 has: in ASCII text, one
 * byte in two.  One NUL among text is a NUL (outside tester 30 F7: it
 * was « saved as UTF-16 », and saving again as UTF-8 changed nothing). */
static bool
is_utf16(const unsigned char *s, size_t len)
{
	if (len >= 2 &&
	    ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF)))
		return true;
	size_t n = len < 256 ? len : 256, nuls = 0;
	for (size_t i = 0; i < n; i++)
		nuls += s[i] == 0;
	return n >= 4 && nuls * 3 >= n;
}

/* Line and column (in characters, 1-based) of octet off of s. */
static void
position_of(const unsigned char *s, size_t off, unsigned *line, unsigned *col)
{
	unsigned l = 1, c = 1;
	for (size_t i = 0; i < off; i++) {
		if (s[i] == '\n')
			l++, c = 1;
		else if ((s[i] & 0xC0) != 0x80)
			c++;
	}
	*line = l;
	*col = c;
}

/* The five bytes Windows-1252 leaves undefined. */
static bool
is_cp1252(unsigned char c)
{
	return c != 0x81 && c != 0x8D && c != 0x8F && c != 0x90 && c != 0x9D;
}

utf8_encoding
utf8_encoding_of(const char *text, size_t len, unsigned *line, unsigned *col,
                 unsigned char *byte)
{
	const unsigned char *s = (const unsigned char *)text;
	*line = *col = 1;
	if (is_utf16(s, len)) {
		*byte = len > 0 ? s[0] : 0;
		return UTF8_UTF16;
	}
	const unsigned char *nul = memchr(s, 0, len);
	if (nul != NULL) {
		position_of(s, (size_t)(nul - s), line, col);
		*byte = 0;
		return UTF8_NUL;
	}
	if (utf8_check(text, len, line, col))
		return UTF8_VALID;
	utf8_encoding e = UTF8_CP1252;
	bool first = true;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = utf8_decode(text + i, len - i, &cp);
		if (n > 0) {
			i += n;
			continue;
		}
		if (first)
			*byte = s[i], first = false;
		if (!is_cp1252(s[i]))
			e = UTF8_OTHER;
		i++;
	}
	return e;
}

bool
utf8_is_invisible(uint32_t cp)
{
	return cp == 0xAD || cp == 0x200B || cp == 0x2060 || cp == 0xFEFF;
}

const char *
utf8_invisible_name(uint32_t cp)
{
	return cp == 0xAD     ? "soft hyphen"
	       : cp == 0x200B ? "zero-width space"
	       : cp == 0x2060 ? "word joiner"
	                      : "zero-width no-break space";
}

bool
utf8_is_control(uint32_t cp)
{
	return (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') ||
	       (cp >= 0x7F && cp <= 0x9F);
}

/* The English name of a control character the editor may know (the key
 * that typed it), NULL for the others: messages translate it. */
static const char *
control_name(uint32_t cp)
{
	switch (cp) {
	case 0x07: return "bell";
	case 0x08: return "backspace";
	case 0x0B: return "vertical tab";
	case 0x0C: return "form feed";
	case 0x1B: return "escape";
	case 0x7F: return "delete";
	default: return NULL;
	}
}

enum { CONTROLS_SAID_MAX = 5 };

/* The letter Windows-1252 ("ANSI") has at byte cp (0x80..0x9F), NULL
 * where it has none: a text saved so, then read as Latin-1, holds the
 * C1 control of that number instead of ’, œ or … (« c\u009Cur »). */
static const char *
cp1252_letter(uint32_t cp)
{
	static const char *const c1[32] = {
	    "€", NULL, "‚",  "ƒ", "„",  "…",  "†", "‡",  "ˆ", "‰", "Š",
	    "‹", "Œ",  NULL, "Ž", NULL, NULL, "‘", "’",  "“", "”", "•",
	    "–", "—",  "˜",  "™", "š",  "›",  "œ", NULL, "ž", "Ÿ"};
	return cp >= 0x80 && cp <= 0x9F ? c1[cp - 0x80] : NULL;
}

/* Each control said with where it likely comes from, as the fix
 * differs: ESC, BEL and backspace from a terminal's output; a form feed
 * (a page break) from a word processor or a PDF, as a vertical tab (a
 * line break in Word); a C1 control from a Windows-1252 letter read
 * wrongly, the letter named.  The others' source is not guessed
 * (outside tester 33: a form feed blamed on a terminal). */
static void
control_said(diag *d, const char *file, unsigned line, unsigned col,
             uint32_t cp)
{
	const char *name = control_name(cp), *letter = cp1252_letter(cp);
	unsigned u = (unsigned)cp;
	if (cp == 0x07 || cp == 0x08 || cp == 0x1B)
		diag_report(d, DIAG_WARNING, file, line, col,
		            "an invisible control character (U+%04X, %s) was "
		            "removed: it often comes from a copy from a "
		            "terminal; remove it",
		            u, diag_tr(d, name));
	else if (cp == 0x0B || cp == 0x0C)
		diag_report(d, DIAG_WARNING, file, line, col,
		            "an invisible control character (U+%04X, %s) was "
		            "removed: it often comes from a copy from a word "
		            "processor or a PDF; remove it",
		            u, diag_tr(d, name));
	else if (letter != NULL)
		diag_report(d, DIAG_WARNING, file, line, col,
		            "an invisible control character (U+%04X) was "
		            "removed: it is likely a '%s' of a text once saved "
		            "in Windows-1252 (ANSI), converted wrongly; write "
		            "'%s' in its place",
		            u, letter, letter);
	else if (name != NULL)
		diag_report(d, DIAG_WARNING, file, line, col,
		            "an invisible control character (U+%04X, %s) was "
		            "removed; remove it",
		            u, diag_tr(d, name));
	else
		diag_report(d, DIAG_WARNING, file, line, col,
		            "an invisible control character (U+%04X) was "
		            "removed; remove it",
		            u);
}

/* Whether a control character starts at s[i]: one byte, or C2 80..9F. */
static size_t
control_at(const unsigned char *s, size_t len, size_t i, uint32_t *cp)
{
	if (s[i] < 0x20 || s[i] == 0x7F) {
		*cp = s[i];
		return utf8_is_control(*cp) ? 1 : 0;
	}
	if (s[i] == 0xC2 && i + 1 < len && s[i + 1] >= 0x80 &&
	    s[i + 1] <= 0x9F) {
		*cp = s[i + 1];
		return 2;
	}
	return 0;
}

size_t
utf8_drop_controls(const char *text, size_t len, const char *file,
                   unsigned first_line, diag *d, buf *out)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t n = 0, start = 0, line_start = 0;
	unsigned line = 0, more_line = 0, more_col = 0;
	for (size_t i = 0; i < len; i++) {
		uint32_t cp;
		size_t k = control_at(s, len, i, &cp);
		if (s[i] == '\n')
			line++, line_start = i + 1;
		if (k == 0)
			continue;
		if (d != NULL && n <= CONTROLS_SAID_MAX) {
			unsigned col = 1;
			for (size_t j = line_start; j < i; j++)
				col += (s[j] & 0xC0) != 0x80;
			if (n < CONTROLS_SAID_MAX)
				control_said(d, file, first_line + line, col,
				             cp);
			else
				more_line = first_line + line, more_col = col;
		}
		n++;
		if (out != NULL)
			buf_put(out, text + start, i - start);
		start = i + k;
		i += k - 1;
	}
	if (out != NULL)
		buf_put(out, text + start, len - start);
	if (d != NULL && n > CONTROLS_SAID_MAX)
		diag_report(
		    d, DIAG_WARNING, file, more_line, more_col,
		    diag_plural(d, n - CONTROLS_SAID_MAX,
		                "%zu more invisible control character "
		                "of this file was removed, from here on",
		                "%zu more invisible control characters "
		                "of this file were removed, from here on "
		                "(not each said)"),
		    n - CONTROLS_SAID_MAX);
	return n;
}

/*
 * Canonical compositions whose result is a letter of Latin-1 or Latin
 * Extended-A (U+00C0..U+017F: every accented letter of French and of the
 * names French communes see): {combining mark, ASCII base, composed}, by
 * mark then base.  Made from Unicode's decompositions (Python's
 * unicodedata: the pairs whose NFC is one such letter); other scripts are
 * left decomposed.  File names come decomposed (NFD) from macOS and some
 * zip tools: "pre\u0301au" is "préau", not "pre-au".
 */
static const struct {
	uint16_t mark;
	char base;
	uint16_t cp;
} COMPOSE[] = {{0x300, 'A', 0x0C0}, {0x300, 'E', 0x0C8}, {0x300, 'I', 0x0CC},
               {0x300, 'O', 0x0D2}, {0x300, 'U', 0x0D9}, {0x300, 'a', 0x0E0},
               {0x300, 'e', 0x0E8}, {0x300, 'i', 0x0EC}, {0x300, 'o', 0x0F2},
               {0x300, 'u', 0x0F9}, {0x301, 'A', 0x0C1}, {0x301, 'C', 0x106},
               {0x301, 'E', 0x0C9}, {0x301, 'I', 0x0CD}, {0x301, 'L', 0x139},
               {0x301, 'N', 0x143}, {0x301, 'O', 0x0D3}, {0x301, 'R', 0x154},
               {0x301, 'S', 0x15A}, {0x301, 'U', 0x0DA}, {0x301, 'Y', 0x0DD},
               {0x301, 'Z', 0x179}, {0x301, 'a', 0x0E1}, {0x301, 'c', 0x107},
               {0x301, 'e', 0x0E9}, {0x301, 'i', 0x0ED}, {0x301, 'l', 0x13A},
               {0x301, 'n', 0x144}, {0x301, 'o', 0x0F3}, {0x301, 'r', 0x155},
               {0x301, 's', 0x15B}, {0x301, 'u', 0x0FA}, {0x301, 'y', 0x0FD},
               {0x301, 'z', 0x17A}, {0x302, 'A', 0x0C2}, {0x302, 'C', 0x108},
               {0x302, 'E', 0x0CA}, {0x302, 'G', 0x11C}, {0x302, 'H', 0x124},
               {0x302, 'I', 0x0CE}, {0x302, 'J', 0x134}, {0x302, 'O', 0x0D4},
               {0x302, 'S', 0x15C}, {0x302, 'U', 0x0DB}, {0x302, 'W', 0x174},
               {0x302, 'Y', 0x176}, {0x302, 'a', 0x0E2}, {0x302, 'c', 0x109},
               {0x302, 'e', 0x0EA}, {0x302, 'g', 0x11D}, {0x302, 'h', 0x125},
               {0x302, 'i', 0x0EE}, {0x302, 'j', 0x135}, {0x302, 'o', 0x0F4},
               {0x302, 's', 0x15D}, {0x302, 'u', 0x0FB}, {0x302, 'w', 0x175},
               {0x302, 'y', 0x177}, {0x303, 'A', 0x0C3}, {0x303, 'I', 0x128},
               {0x303, 'N', 0x0D1}, {0x303, 'O', 0x0D5}, {0x303, 'U', 0x168},
               {0x303, 'a', 0x0E3}, {0x303, 'i', 0x129}, {0x303, 'n', 0x0F1},
               {0x303, 'o', 0x0F5}, {0x303, 'u', 0x169}, {0x304, 'A', 0x100},
               {0x304, 'E', 0x112}, {0x304, 'I', 0x12A}, {0x304, 'O', 0x14C},
               {0x304, 'U', 0x16A}, {0x304, 'a', 0x101}, {0x304, 'e', 0x113},
               {0x304, 'i', 0x12B}, {0x304, 'o', 0x14D}, {0x304, 'u', 0x16B},
               {0x306, 'A', 0x102}, {0x306, 'E', 0x114}, {0x306, 'G', 0x11E},
               {0x306, 'I', 0x12C}, {0x306, 'O', 0x14E}, {0x306, 'U', 0x16C},
               {0x306, 'a', 0x103}, {0x306, 'e', 0x115}, {0x306, 'g', 0x11F},
               {0x306, 'i', 0x12D}, {0x306, 'o', 0x14F}, {0x306, 'u', 0x16D},
               {0x307, 'C', 0x10A}, {0x307, 'E', 0x116}, {0x307, 'G', 0x120},
               {0x307, 'I', 0x130}, {0x307, 'Z', 0x17B}, {0x307, 'c', 0x10B},
               {0x307, 'e', 0x117}, {0x307, 'g', 0x121}, {0x307, 'z', 0x17C},
               {0x308, 'A', 0x0C4}, {0x308, 'E', 0x0CB}, {0x308, 'I', 0x0CF},
               {0x308, 'O', 0x0D6}, {0x308, 'U', 0x0DC}, {0x308, 'Y', 0x178},
               {0x308, 'a', 0x0E4}, {0x308, 'e', 0x0EB}, {0x308, 'i', 0x0EF},
               {0x308, 'o', 0x0F6}, {0x308, 'u', 0x0FC}, {0x308, 'y', 0x0FF},
               {0x30A, 'A', 0x0C5}, {0x30A, 'U', 0x16E}, {0x30A, 'a', 0x0E5},
               {0x30A, 'u', 0x16F}, {0x30B, 'O', 0x150}, {0x30B, 'U', 0x170},
               {0x30B, 'o', 0x151}, {0x30B, 'u', 0x171}, {0x30C, 'C', 0x10C},
               {0x30C, 'D', 0x10E}, {0x30C, 'E', 0x11A}, {0x30C, 'L', 0x13D},
               {0x30C, 'N', 0x147}, {0x30C, 'R', 0x158}, {0x30C, 'S', 0x160},
               {0x30C, 'T', 0x164}, {0x30C, 'Z', 0x17D}, {0x30C, 'c', 0x10D},
               {0x30C, 'd', 0x10F}, {0x30C, 'e', 0x11B}, {0x30C, 'l', 0x13E},
               {0x30C, 'n', 0x148}, {0x30C, 'r', 0x159}, {0x30C, 's', 0x161},
               {0x30C, 't', 0x165}, {0x30C, 'z', 0x17E}, {0x327, 'C', 0x0C7},
               {0x327, 'G', 0x122}, {0x327, 'K', 0x136}, {0x327, 'L', 0x13B},
               {0x327, 'N', 0x145}, {0x327, 'R', 0x156}, {0x327, 'S', 0x15E},
               {0x327, 'T', 0x162}, {0x327, 'c', 0x0E7}, {0x327, 'g', 0x123},
               {0x327, 'k', 0x137}, {0x327, 'l', 0x13C}, {0x327, 'n', 0x146},
               {0x327, 'r', 0x157}, {0x327, 's', 0x15F}, {0x327, 't', 0x163},
               {0x328, 'A', 0x104}, {0x328, 'E', 0x118}, {0x328, 'I', 0x12E},
               {0x328, 'U', 0x172}, {0x328, 'a', 0x105}, {0x328, 'e', 0x119},
               {0x328, 'i', 0x12F}, {0x328, 'u', 0x173}};

uint32_t
utf8_compose(uint32_t base, uint32_t mark)
{
	if (base >= 0x80 || mark < 0x300 || mark > 0x36F)
		return 0;
	for (size_t i = 0; i < sizeof(COMPOSE) / sizeof(COMPOSE[0]); i++)
		if (COMPOSE[i].mark == mark && COMPOSE[i].base == (char)base)
			return COMPOSE[i].cp;
	return 0;
}

bool
utf8_beyond_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return true;
	return false;
}

bool
utf8_has_combining(const char *s, size_t len)
{
	/* U+0300..U+036F: CC 80..CD AF */
	for (size_t i = 0; i + 1 < len; i++)
		if (((unsigned char)s[i] == 0xCC ||
		     ((unsigned char)s[i] == 0xCD &&
		      (unsigned char)s[i + 1] <= 0xAF)) &&
		    ((unsigned char)s[i + 1] & 0xC0) == 0x80)
			return true;
	return false;
}

void
utf8_put_nfc(buf *out, const char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		uint32_t cp, mark, c;
		size_t n = utf8_decode(s + i, len - i, &cp);
		if (n == 0) { /* a stray byte: as it is */
			buf_putc(out, s[i++]);
			continue;
		}
		i += n;
		size_t m;
		while (i < len &&
		       (m = utf8_decode(s + i, len - i, &mark)) > 0 &&
		       (c = utf8_compose(cp, mark)) != 0) {
			cp = c;
			i += m;
		}
		utf8_put(out, cp);
	}
}

bool
utf8_same_composed(const char *a, const char *b)
{
	if (strcmp(a, b) == 0)
		return true;
	if (!utf8_beyond_ascii(a) && !utf8_beyond_ascii(b))
		return false;
	buf x = BUF_INIT, y = BUF_INIT;
	utf8_put_nfc(&x, a, strlen(a));
	utf8_put_nfc(&y, b, strlen(b));
	bool same = x.len == y.len && memcmp(x.data, y.data, x.len) == 0;
	buf_free(&x);
	buf_free(&y);
	return same;
}

int
utf8_latin_case(uint32_t cp)
{
	if (cp < 0x80)
		return cp >= 'A' && cp <= 'Z'   ? 1
		       : cp >= 'a' && cp <= 'z' ? -1
		                                : 0;
	if (cp >= 0xC0 && cp <= 0xFF && cp != 0xD7 && cp != 0xF7)
		return cp <= 0xDE ? 1 : -1;
	if (cp == 0x130 || cp == 0x178)
		return 1; /* İ, Ÿ */
	if (cp == 0x131 || cp == 0x138 || cp == 0x149 || cp == 0x17F)
		return -1; /* ı, ĸ, ŉ, ſ */
	if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E))
		return cp % 2 == 1 ? 1 : -1; /* Ĺ ĺ … Ň ň, Ź ź … Ž ž */
	if (cp >= 0x100 && cp <= 0x177)
		return cp % 2 == 0 ? 1 : -1; /* Ā ā … Œ œ … Ŷ ŷ */
	return 0;
}

size_t
utf8_chars(const char *s)
{
	size_t n = 0;
	for (; *s != '\0'; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

size_t
utf8_seq_len(unsigned char c)
{
	return c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
}

size_t
utf8_cut(const char *s, size_t n)
{
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return n;
}

/* XML 1.0's Char production, less the C0 and C1 controls and
 * noncharacters it discourages: U+FFFE in a title must not make the
 * feed or the sitemap ill-formed. */
static bool
xml_char(uint32_t cp)
{
	if (cp < 0x20)
		return cp == '\t' || cp == '\n' || cp == '\r';
	if (cp >= 0x7F && cp <= 0x9F)
		return false;
	if (cp >= 0xD800 && cp <= 0xDFFF)
		return false;
	if (cp >= 0xFDD0 && cp <= 0xFDEF)
		return false;
	return (cp & 0xFFFE) != 0xFFFE && cp <= 0x10FFFF;
}

void
utf8_put_xml(buf *out, const char *s)
{
	size_t len = s != NULL ? strlen(s) : 0;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		if (n == 0) { /* a byte that is not UTF-8: dropped */
			i++;
			continue;
		}
		if (cp == '&' || cp == '<' || cp == '>' || cp == '"' ||
		    cp == '\'')
			buf_put_html(out, s + i, 1);
		else if (xml_char(cp))
			buf_put(out, s + i, n);
		i += n;
	}
}
