/*
 * utf8.h - the one UTF-8 module: strict decoding, encoding, validation
 * with the position of the first bad byte, counting characters.
 *
 * Every module that looks inside text (Markdown typography, slugs, the
 * YAML loader, the schema's lengths, calendar line folding, JSON) uses
 * these, so "what is a valid character" has one answer: RFC 3629, no
 * overlong forms, no surrogates, nothing above U+10FFFF.  Callers decide
 * what a bad byte becomes (a separator in a slug, itself in Markdown, an
 * error in YAML).
 */
#ifndef FABRIQUE_UTF8_H
#define FABRIQUE_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "diag.h"

/* Decodes the character at s (at most len bytes) into *cp.  Returns the
 * bytes it takes, or 0 when s does not start a valid sequence (then *cp
 * is left alone). */
size_t utf8_decode(const char *s, size_t len, uint32_t *cp);

/* Appends cp (a scalar value below 0x110000) as UTF-8. */
void utf8_put(buf *b, uint32_t cp);
/* Writes cp as UTF-8 at out (room for 4 bytes) and returns its length:
 * for callers that grow their buffer once for many characters. */
size_t utf8_encode(char *out, uint32_t cp);

/* Appends the NUL-terminated s read as ISO-8859-1 (each byte is the
 * character of that number): text git stored in an old Windows set-up's
 * encoding (a commit's "encoding ISO-8859-1"), made UTF-8 as git log
 * shows it. */
void utf8_put_latin1(buf *b, const char *s);

/*
 * Checks that text is valid UTF-8; on failure returns 0 and sets the
 * 1-based line and column (in characters) of the first bad byte.
 */
int utf8_check(const char *text, size_t len, unsigned *line, unsigned *col);

/* What a text meant to be UTF-8 was saved as (utf8_encoding_of()). */
typedef enum utf8_encoding {
	UTF8_VALID,  /* UTF-8 (or ASCII) */
	UTF8_UTF16,  /* UTF-16: a byte order mark FF FE / FE FF, or NULs
	              * between most characters */
	UTF8_CP1252, /* every bad byte is a Windows-1252 ("ANSI") letter */
	UTF8_OTHER,  /* bad bytes that are not Windows-1252 either */
	UTF8_NUL     /* a NUL byte in a text otherwise not UTF-16 (pasted,
	              * or a file that is no text at all: a PNG as .md) */
} utf8_encoding;

/*
 * What text was saved as; unless UTF8_VALID, *line and *col (1-based,
 * columns in characters) say where its first bad byte is and *byte is
 * that byte.  Editors on Windows save UTF-16 ("Unicode" in Notepad) or
 * Windows-1252 ("ANSI"): saying which is half the fix.
 */
utf8_encoding utf8_encoding_of(const char *text, size_t len, unsigned *line,
                               unsigned *col, unsigned char *byte);

/* 1 if cp is an uppercase Latin letter (ASCII, Latin-1 and Latin
 * Extended-A: the letters of French and of the names French communes
 * see), -1 if a lowercase one, 0 otherwise (not a letter, or a script
 * whose case this does not know). */
int utf8_latin_case(uint32_t cp);

/* True for the invisible characters pasted inside words from word
 * processors and PDFs: soft hyphen U+00AD, zero-width space U+200B, word
 * joiner U+2060, zero-width no-break space U+FEFF.  Addresses and the
 * search index drop them, so "Net\u00ADtoyage" is "nettoyage". */
bool utf8_is_invisible(uint32_t cp);

/* The English name of an invisible character (utf8_is_invisible()), for
 * the editor who cannot see it: "soft hyphen", "zero-width space"…
 * (messages translate it). */
const char *utf8_invisible_name(uint32_t cp);

/* True for the control characters HTML forbids in text and editors
 * cannot see: C0 controls but tab and line ends (escape, bell, form
 * feed…), DEL and the C1 controls U+0080..U+009F. */
bool utf8_is_control(uint32_t cp);

/*
 * Appends text (len bytes, its first line being line first_line of
 * file) to out without its control characters (utf8_is_control()), out
 * NULL to append nothing; with d, says each of the first few where it
 * is (line and column in characters) and the rest in one warning.
 * Pasted from a terminal (« \033[31m »), they made the page invalid
 * HTML (outside tester 30 F8).  Returns how many there were.
 */
size_t utf8_drop_controls(const char *text, size_t len, const char *file,
                          unsigned first_line, diag *d, buf *out);

/* The letter of U+00C0..U+017F that ASCII base followed by the
 * combining mark composes to (NFC: 'e' + U+0301 is U+00E9), else 0.  A
 * table of these Latin letters only: other scripts stay decomposed. */
uint32_t utf8_compose(uint32_t base, uint32_t mark);

/* Whether the NUL-terminated s has a byte above ASCII: only such a
 * name can be written both composed and decomposed (utf8_put_nfc()). */
bool utf8_beyond_ascii(const char *s);

/* Whether s (len bytes) holds a combining mark U+0300..U+036F. */
bool utf8_has_combining(const char *s, size_t len);

/* Appends s (len bytes) with its Latin letters composed (utf8_compose):
 * NFC for French text; bytes that are not UTF-8 are kept as they are. */
void utf8_put_nfc(buf *out, const char *s, size_t len);

/* Whether the NUL-terminated a and b are the same once their accents are
 * composed (utf8_put_nfc()): a file name typed "été.jpg" and the one a
 * Mac committed, "e\u0301te\u0301.jpg". */
bool utf8_same_composed(const char *a, const char *b);

/* Characters in the NUL-terminated s (continuation bytes not counted). */
size_t utf8_chars(const char *s);

/* Length of the sequence that lead byte c starts (1 for a stray byte), for
 * cutting text on character boundaries without decoding it. */
size_t utf8_seq_len(unsigned char c);

/* Where to cut s to keep at most n bytes without splitting a character:
 * n moved back to the start of the character it falls in.  s[n] must be
 * readable (n below the text's length). */
size_t utf8_cut(const char *s, size_t n);

/*
 * Appends s as XML text (or an attribute value): & < > " ' escaped, and
 * what XML 1.0's Char production forbids dropped (C0 controls but tab and
 * line ends, C1 controls, surrogates, U+FFFE/U+FFFF and the other
 * noncharacters), as are bytes that are not UTF-8.  Every XML fabrique
 * writes (Atom, sitemap, SVG) goes through it, so no title can make it
 * ill-formed.
 */
void utf8_put_xml(buf *out, const char *s);

#endif
