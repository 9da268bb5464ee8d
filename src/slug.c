#include "slug.h"

#include <stdint.h>
#include <string.h>

#include "utf8.h"

#define BAD_CP UINT32_MAX

/*
 * One ASCII letter per code point of Latin-1 Supplement (U+00C0..U+00FF)
 * and Latin Extended-A (U+0100..U+017F).  ' ' marks a non-letter (the
 * multiplication and division signs), '*' a letter that folds to two
 * letters (see two_letters()).
 */
static const char LATIN1[] = "aaaaaa*ceeeeiiiidnooooo ouuuuy**"
                             "aaaaaa*ceeeeiiiidnooooo ouuuuy*y";
static const char EXT_A[] = "aaaaaaccccccccddddeeeeeeeeeegggggggghhhh"
                            "iiiiiiiiii**jjkkkllllllllllnnnnnnnnnoooooo"
                            "**rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

_Static_assert(sizeof(LATIN1) == 64 + 1, "U+00C0..U+00FF");
_Static_assert(sizeof(EXT_A) == 128 + 1, "U+0100..U+017F");

/* Strict decoding (utf8.h), so that a stray Latin-1 byte becomes a
 * separator rather than eating the next character: a bad byte is one
 * byte with *cp = BAD_CP. */
static size_t
decode(const unsigned char *s, const unsigned char *end, uint32_t *cp)
{
	size_t n = utf8_decode((const char *)s, (size_t)(end - s), cp);
	if (n > 0)
		return n;
	*cp = BAD_CP;
	return 1;
}

/* The few Latin letters that fold to two ASCII letters. */
static const char *
two_letters(uint32_t cp)
{
	switch (cp) {
	case 0xC6:
	case 0xE6: return "ae";
	case 0xDE:
	case 0xFE: return "th";
	case 0xDF: return "ss";
	case 0x132:
	case 0x133: return "ij";
	case 0x152:
	case 0x153: return "oe";
	default: return NULL;
	}
}

/*
 * ASCII spelling of a Latin letter (tmp holds single letters), or NULL
 * when cp is not a letter of the two Latin blocks.  ASCII is handled by
 * the callers, which differ on what to do with it.
 */
static const char *
transliterate(uint32_t cp, char tmp[2])
{
	char c;
	if (cp >= 0xC0 && cp <= 0xFF)
		c = LATIN1[cp - 0xC0];
	else if (cp >= 0x100 && cp <= 0x17F)
		c = EXT_A[cp - 0x100];
	else
		return NULL;
	if (c == ' ')
		return NULL;
	if (c == '*')
		return two_letters(cp);
	tmp[0] = c;
	tmp[1] = '\0';
	return tmp;
}

/*
 * Cyrillic and Greek letters, spelt in ASCII for addresses only (the
 * search folds them as they are, as the browser's search does): a
 * title in Russian or Greek names its file and page as one in French
 * does (« Ателье » is atele).  CYRILLIC is а..я (U+0430..U+044F, and
 * А..Я 0x20 below), "" for the hard and soft signs, which join;
 * CYRILLIC_EXT is ѐ..џ (U+0450..U+045F, and U+0400..U+040F); GREEK is
 * α..ω (U+03B1..U+03C9, and Α..Ω 0x20 below).
 */
static const char *const CYRILLIC[32] = {
    "a",  "b",  "v",  "g",    "d", "e", "zh", "z", "i",  "i", "k",
    "l",  "m",  "n",  "o",    "p", "r", "s",  "t", "u",  "f", "kh",
    "ts", "ch", "sh", "shch", "",  "y", "",   "e", "yu", "ya"};
static const char *const CYRILLIC_EXT[16] = {"e", "e",  "dj", "g",  "ye", "dz",
                                             "i", "yi", "j",  "lj", "nj", "c",
                                             "k", "i",  "u",  "dz"};
static const char *const GREEK[25] = {
    "a", "v", "g", "d", "e", "z", "i", "th", "i", "k",  "l",  "m", "n",
    "x", "o", "p", "r", "s", "s", "t", "y",  "f", "ch", "ps", "o"};

/* Greek vowels with accents or diaeresis: their letter. */
static const char *
greek_accented(uint32_t cp)
{
	switch (cp) {
	case 0x386:
	case 0x3AC: return "a";
	case 0x388:
	case 0x3AD: return "e";
	case 0x389:
	case 0x38A:
	case 0x390:
	case 0x3AA:
	case 0x3AE:
	case 0x3AF:
	case 0x3CA: return "i";
	case 0x38C:
	case 0x38F:
	case 0x3CC:
	case 0x3CE: return "o";
	case 0x38E:
	case 0x3AB:
	case 0x3B0:
	case 0x3CB:
	case 0x3CD: return "y";
	default: return NULL;
	}
}

static const char *
cyrillic_greek(uint32_t cp)
{
	if (cp >= 0x400 && cp <= 0x40F)
		return CYRILLIC_EXT[cp - 0x400];
	if (cp >= 0x410 && cp <= 0x44F)
		return CYRILLIC[(cp - 0x410) % 32];
	if (cp >= 0x450 && cp <= 0x45F)
		return CYRILLIC_EXT[cp - 0x450];
	if (cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2)
		return GREEK[cp - 0x391];
	if (cp >= 0x3B1 && cp <= 0x3C9)
		return GREEK[cp - 0x3B1];
	if (cp == 0x490 || cp == 0x491) /* Ukrainian ґ */
		return "g";
	return greek_accented(cp);
}

static int
ascii_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static bool
ascii_alnum(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

/*
 * Whether cp is most likely a letter of a script slug_of() does not spell
 * (Arabic, Hebrew, Indic, CJK, Hangul, Latin Extended-B...): the blocks
 * of letters, not those of punctuation, symbols or emoji (U+2000..U+303F,
 * U+1F000...), which a title may hold and an address rightly leaves out.
 * A heuristic by block, good enough to tell an editor part of a title is
 * missing from the file's name.
 */
static bool
other_script_letter(uint32_t cp)
{
	if (cp == BAD_CP || utf8_is_invisible(cp))
		return false;
	return (cp >= 0x180 && cp <= 0x24F) || (cp >= 0x500 && cp <= 0x1FFF) ||
	       (cp >= 0x3040 && cp <= 0x9FFF) ||
	       (cp >= 0xA000 && cp <= 0xD7AF) ||
	       (cp >= 0xF900 && cp <= 0xFAFF) ||
	       (cp >= 0x20000 && cp <= 0x3FFFF);
}

/*
 * Every output byte comes from at most two input bytes (a Latin
 * two-letter fold replaces a two-byte sequence, Cyrillic щ's four
 * letters one of two bytes), so 2 * strlen(s) + 1 bytes suffice and the
 * slug is built with no second pass.
 */
static char *
slug_of(arena *a, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	const unsigned char *end = p + strlen(s);
	char *out = arena_alloc(a, 2 * (size_t)(end - p) + 1);
	size_t n = 0;
	bool sep = false;
	while (*p != '\0') {
		uint32_t cp;
		char tmp[2];
		const char *t;
		p += decode(p, end, &cp);
		if (utf8_is_invisible(cp))
			continue; /* inside a word: no '-' */
		if (cp < 0x80 && ascii_alnum(ascii_lower((int)cp))) {
			tmp[0] = (char)ascii_lower((int)cp);
			tmp[1] = '\0';
			t = tmp;
		} else if ((t = transliterate(cp, tmp)) == NULL &&
		           (t = cyrillic_greek(cp)) == NULL) {
			sep = true;
			continue;
		}
		if (*t == '\0')
			continue; /* a hard or soft sign, inside a word */
		if (sep && n > 0)
			out[n++] = '-';
		sep = false;
		size_t tl = strlen(t);
		memcpy(out + n, t, tl);
		n += tl;
	}
	out[n] = '\0';
	return out;
}

char *
slug_make(arena *a, const char *s)
{
	/* "pre\u0301au" (decomposed, NFD) is "préau": composed first, or
	 * each accent would end a word ("pre-au") */
	if (!utf8_has_combining(s, strlen(s)))
		return slug_of(a, s);
	buf b = BUF_INIT;
	utf8_put_nfc(&b, s, strlen(s));
	char *slug = slug_of(a, buf_cstr(&b));
	buf_free(&b);
	return slug;
}

const char *
slug_unspelt(arena *a, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	const unsigned char *end = p + strlen(s), *start = NULL, *last = NULL;
	while (p < end) {
		uint32_t cp;
		size_t n = decode(p, end, &cp);
		if (other_script_letter(cp)) {
			if (start == NULL)
				start = p;
			last = p + n;
		} else if (start != NULL && cp != ' ')
			break; /* words of the run are joined by spaces only */
		p += n;
	}
	if (start == NULL)
		return NULL;
	char *run = arena_alloc(a, (size_t)(last - start) + 1);
	memcpy(run, start, (size_t)(last - start));
	run[last - start] = '\0';
	return run;
}

/* Whether the word of slug ending at end is one a cut title should not
 * end on: "...-de-la-riviere-du" reads better as "...-de-la-riviere". */
static bool
dangling_word(const char *slug, size_t end)
{
	static const char *const words[] = {
	    "a",  "au", "aux", "d",  "de",  "des",  "du",  "en", "et", "l",
	    "la", "le", "les", "ou", "par", "pour", "sur", "un", "une"};
	size_t start = end;
	while (start > 0 && slug[start - 1] != '-')
		start--;
	for (size_t i = 0; start > 0 && i < sizeof(words) / sizeof(*words); i++)
		if (strlen(words[i]) == end - start &&
		    memcmp(slug + start, words[i], end - start) == 0)
			return true;
	return false;
}

/*
 * A slug made from a long title names a file and an address nobody reads
 * whole: cut after the last whole word that fits in max bytes, never on
 * a "de" or a "la" (unless it is the first word), or at max when the
 * first word alone is longer.  slug is slug_make's output.
 */
void
slug_shorten(char *slug, size_t max)
{
	if (strlen(slug) <= max)
		return;
	size_t cut = max;
	while (cut > 0 && slug[cut] != '-')
		cut--;
	if (cut == 0)
		cut = max;
	while (cut > 0 && slug[cut - 1] == '-')
		cut--;
	while (dangling_word(slug, cut)) {
		while (slug[cut - 1] != '-')
			cut--;
		cut--;
	}
	slug[cut] = '\0';
}

bool
slug_is_valid(const char *s)
{
	if (s == NULL || *s == '\0' || *s == '-')
		return false;
	for (const char *p = s; *p != '\0'; p++) {
		if (*p == '-') {
			if (p[1] == '-' || p[1] == '\0')
				return false;
		} else if (!ascii_alnum(*p))
			return false;
	}
	return true;
}

void
slug_fold(const char *s, buf *out)
{
	slug_fold_n(s, strlen(s), out);
}

/*
 * Eight ASCII octets lowered at once: a byte of 'A'..'Z' is one that
 * adding 0x3F carries into its high bit and adding 0x25 does not (no
 * byte is above 0x7F, so no carry crosses into the next); 0x80 >> 2 is
 * the 0x20 that lowers it.
 */
static uint64_t
ascii_lower8(uint64_t x)
{
	const uint64_t ones = 0x0101010101010101u;
	uint64_t upper = ((x + 0x3F * ones) & ~(x + 0x25 * ones)) & 0x80 * ones;
	return x | upper >> 2;
}

/*
 * ASCII, most of French text, is lowered in place without decoding, 8
 * octets at a time where they are all ASCII; the output is written
 * straight into out's memory, grown once: every output byte comes from
 * at least one input byte (see slug_make).  The search index folds every
 * page's whole text through here.
 */
void
slug_fold_n(const char *s, size_t len, buf *out)
{
	const unsigned char *p = (const unsigned char *)s;
	const unsigned char *end = p + strnlen(s, len);
	buf_grow(out, (size_t)(end - p));
	char *o = out->data + out->len;
	while (p < end) {
		uint64_t x;
		if (end - p >= 8 &&
		    (memcpy(&x, p, 8), (x & 0x8080808080808080u) == 0)) {
			x = ascii_lower8(x);
			memcpy(o, &x, 8);
			o += 8;
			p += 8;
			continue;
		}
		if (*p < 0x80) {
			*o++ = (char)ascii_lower(*p++);
			continue;
		}
		size_t n;
		p += slug_fold_char((const char *)p, (const char *)end, o, &n);
		o += n;
	}
	out->len = (size_t)(o - out->data);
	out->data[out->len] = '\0';
}

size_t
slug_fold_char(const char *s, const char *end, char out[4], size_t *n)
{
	/* é è à ç... (U+00C0..U+00FF, C3 80..C3 BF), most of what French
	 * has above ASCII: one letter of LATIN1, without decoding */
	const unsigned char *u = (const unsigned char *)s;
	if (u[0] == 0xC3 && end - s >= 2 && (u[1] & 0xC0) == 0x80 &&
	    LATIN1[u[1] - 0x80] >= 'a') {
		out[0] = LATIN1[u[1] - 0x80];
		*n = 1;
		return 2;
	}
	uint32_t cp;
	char tmp[2];
	size_t k =
	    decode((const unsigned char *)s, (const unsigned char *)end, &cp);
	const char *t = transliterate(cp, tmp);
	*n = 0;
	if (utf8_is_invisible(cp)) {
		/* dropped: the word stays whole */
	} else if (t != NULL) {
		out[(*n)++] = t[0];
		if (t[1] != '\0')
			out[(*n)++] = t[1];
	} else {
		memcpy(out, s, k);
		*n = k;
	}
	return k;
}
