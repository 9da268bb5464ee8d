#include "search.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cachedir.h"
#include "feeds.h"
#include "fsutil.h"
#include "hash.h"
#include "json.h"
#include "markdown.h"
#include "slug.h"
#include "urlbase.h"
#include "utf8.h"
#include "wholesite.h"

#define WORD_MAX 40     /* longer "words" are not words (URLs, hashes) */
#define SUMMARY_MAX 160 /* octets of summary shown in results */

/* Folded French words too common to tell pages apart, NUL-padded to
 * 8 octets so that each is read as one number (stop_word()). */
static const char STOP[][8] = {
    "au",    "aux",  "avec", "ca",    "ce",   "cela",  "ces",  "cet",   "cette",
    "comme", "dans", "de",   "des",   "donc", "dont",  "du",   "elle",  "elles",
    "en",    "est",  "et",   "etait", "ete",  "etre",  "eux",  "il",    "ils",
    "je",    "la",   "le",   "les",   "leur", "leurs", "lui",  "ma",    "mais",
    "me",    "mes",  "moi",  "mon",   "ne",   "ni",    "nos",  "notre", "nous",
    "on",    "ont",  "ou",   "par",   "pas",  "plus",  "pour", "qu",    "que",
    "qui",   "sa",   "se",   "ses",   "si",   "son",   "sont", "sur",   "ta",
    "te",    "tes",  "ton",  "tu",    "un",   "une",   "vos",  "votre", "vous",
};

/*
 * Endings stripped, first match wins, if what is left (replacement
 * included) has at least `min` letters: nouns of action and agents meet
 * their verb (plantation, planter; animateur, animer), plurals and
 * feminines their singular, and the -indre verbs their participle
 * (peindre, peint; peinture meets both).  Plurals need fewer letters left
 * than the other endings, so "jeux" meets "jeu" but "choeur" keeps its
 * "eur".
 */
struct rule {
	const char *suffix, *repl;
	int min;
	unsigned char sl, rl; /* their lengths: stemming runs per word */
};

/* A rule's suffix, its last (at most 8) letters as one number, as
 * be64() reads a word's last 8 octets, with the mask of those letters:
 * a rule is tried with one comparison, not a memcmp() (stem()). */
struct tail {
	uint64_t v, mask;
	size_t nmin; /* the shortest word the rule applies to */
};

#define R(suffix, repl, min)                                                   \
	{                                                                      \
		suffix, repl, min, sizeof(suffix) - 1, sizeof(repl) - 1        \
	}

static const struct rule RULES[] = {
    R("issements", "", 4), R("issement", "", 4),  R("ements", "", 4),
    R("ement", "", 4),     R("ations", "", 4),    R("ation", "", 4),
    R("atrices", "", 4),   R("atrice", "", 4),    R("ateurs", "", 4),
    R("ateur", "", 4),     R("indres", "int", 4), R("indre", "int", 4),
    R("ures", "", 4),      R("ure", "", 4),       R("ages", "", 4),
    R("age", "", 4),       R("euses", "", 4),     R("euse", "", 4),
    R("eurs", "", 4),      R("eur", "", 4),       R("ees", "", 4),
    R("ee", "", 4),        R("ers", "", 4),       R("er", "", 4),
    R("ez", "", 4),        R("es", "", 4),        R("e", "", 4),
    R("s", "", 3),         R("eaux", "eau", 3),   R("eux", "eu", 3),
    R("oux", "ou", 3),
};

#define NSTOP (sizeof(STOP) / sizeof(*STOP))
#define STOP_SLOTS 256 /* open addressing, a quarter full: see stop_word() */
#define STOP_MAX 5     /* the longest stop word: cette, notre... */
#define NRULES (sizeof(RULES) / sizeof(*RULES))

/*
 * A term's postings, in the numbers the index is written with: for each
 * document holding the term, (doc - previous doc) * 4 + its weight there
 * (1 to 3, SEARCH_TEXT to SEARCH_TITLE), each number in 7-bit groups,
 * lowest first, the high bit set on all but the last (LEB128).  A
 * 10,000-page site's index holds about two million postings, made at the
 * end of the build, when its memory peaks: most of them take one or two
 * bytes this way, against four as numbers (and eight as a struct).  A
 * posting's weight is the low two bits of its first byte, so it can be
 * raised in place (4 divides 128: the number keeps its length).
 */
struct term {
	const char *text;
	unsigned char *b; /* the numbers */
	uint32_t len;     /* bytes of b used */
	uint32_t cap;     /* bytes of b: grown, or set by search_pack() */
	uint32_t last;    /* the last posting's document (len > 0) */
	uint32_t at;      /* where the last posting starts in b */
};

struct doc {
	const char *url, *title, *summary, *kind;
	int year; /* 0: none */
};

/*
 * How postings are kept: grown a term at a time (search_new()), or in
 * two passes (search_new_packed()): the first counts each term's bytes,
 * search_pack() gives each its share of one block, the second fills it.
 */
enum ix_mode { IX_GROW, IX_COUNT, IX_FILL };

/* A term of the index by its text (search_index.slots): its hash and
 * length are compared before its letters. */
struct slot {
	struct term *t; /* NULL: empty */
	uint32_t hash, len;
};

struct search_index {
	arena *a;
	struct slot *slots; /* open addressing, at most half full */
	size_t capslots;
	struct term **terms;
	size_t nterms, capterms;
	struct doc *docs;
	size_t ndocs, capdocs;
	enum ix_mode mode;
	unsigned char *block; /* IX_FILL: every term's b */
	size_t filled_docs;   /* IX_FILL: documents added again */
};

/* 8 octets as one number, the first highest: numbers of NUL-padded
 * words sort as the words do (compilers make it one load). */
static uint64_t
be64(const char b[8])
{
	const unsigned char *u = (const unsigned char *)b;
	return (uint64_t)u[0] << 56 | (uint64_t)u[1] << 48 |
	       (uint64_t)u[2] << 40 | (uint64_t)u[3] << 32 |
	       (uint64_t)u[4] << 24 | (uint64_t)u[5] << 16 |
	       (uint64_t)u[6] << 8 | (uint64_t)u[7];
}

/* The at most STOP_MAX letters of a word as one number, as be64() reads
 * them NUL-padded (0 for a longer word: no stop word is 0). */
static uint64_t
word_number(const char *w, size_t n)
{
	uint64_t v = 0;
	if (n > STOP_MAX)
		return 0;
	for (size_t i = 0; i < n; i++)
		v |= (uint64_t)(unsigned char)w[i] << (56 - 8 * i);
	return v;
}

static size_t
stop_slot(uint64_t v)
{
	return (size_t)((v * 0x9E3779B97F4A7C15u) >> 56) & (STOP_SLOTS - 1);
}
/*
 * The rules by the last letter of their suffix, in their order: a word
 * can only meet the rules ending with its own last letter, so stemming
 * tries those alone (this runs for every word of every page).  Rules of
 * different last letters never both apply, so the first that applies is
 * the one the whole list gives.
 */
struct stemmer {
	unsigned char rule[NRULES];
	unsigned char from[27]; /* rules of letter c: from[c] .. from[c+1] */
	struct tail tail[NRULES];
	/* the stop words as word_number()s, by stop_slot(): one or two
	 * probes, where a binary search over the 72 took seven */
	uint64_t stop[STOP_SLOTS];
};

static void
stemmer_init(struct stemmer *st)
{
	/* a counting sort by last letter, stable: each letter's rules in
	 * their order (made for every page's record) */
	unsigned char at[27] = {0};
	for (size_t r = 0; r < NRULES; r++)
		at[RULES[r].suffix[RULES[r].sl - 1] - 'a' + 1]++;
	for (int c = 0; c < 26; c++)
		at[c + 1] = (unsigned char)(at[c + 1] + at[c]);
	memcpy(st->from, at, sizeof(at));
	for (size_t r = 0; r < NRULES; r++)
		st->rule[at[RULES[r].suffix[RULES[r].sl - 1] - 'a']++] =
		    (unsigned char)r;
	for (size_t r = 0; r < NRULES; r++) {
		size_t sl = RULES[r].sl, m = sl < 8 ? sl : 8;
		st->tail[r].mask =
		    m == 8 ? ~(uint64_t)0 : ((uint64_t)1 << (8 * m)) - 1;
		size_t left = (size_t)RULES[r].min + sl - RULES[r].rl;
		st->tail[r].nmin = left > sl ? left : sl;
		st->tail[r].v = 0;
		for (size_t i = 0; i < m; i++)
			st->tail[r].v =
			    st->tail[r].v << 8 |
			    (unsigned char)RULES[r].suffix[sl - m + i];
	}
	memset(st->stop, 0, sizeof(st->stop));
	for (size_t i = 0; i < NSTOP; i++) {
		uint64_t v = be64(STOP[i]);
		size_t k2 = stop_slot(v);
		while (st->stop[k2] != 0)
			k2 = (k2 + 1) & (STOP_SLOTS - 1);
		st->stop[k2] = v;
	}
}

/* Stop words are at most STOP_MAX letters: compared as numbers, without
 * a string comparison. */
static bool
stop_word(const struct stemmer *st, const char *w, size_t n)
{
	uint64_t v = word_number(w, n);
	if (v == 0)
		return false;
	for (size_t k = stop_slot(v); st->stop[k] != 0;
	     k = (k + 1) & (STOP_SLOTS - 1))
		if (st->stop[k] == v)
			return true;
	return false;
}

/*
 * Stems the n letters of w in place and returns the new length; words
 * with other characters than a-z are left alone.  The 8 octets before w
 * must be readable (emit_word() puts the word after 8 zeros): the word's
 * last 8 octets are read as one number, and each rule of its last letter
 * is one masked comparison.
 */
static size_t
stem(const struct stemmer *st, char *w, size_t n)
{
	if (n == 0)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (w[i] < 'a' || w[i] > 'z')
			return n;
	uint64_t last = be64(w + n - 8);
	int c = w[n - 1] - 'a';
	for (size_t k = st->from[c]; k < st->from[c + 1]; k++) {
		const struct tail *t = &st->tail[st->rule[k]];
		if (n < t->nmin || (last & t->mask) != t->v)
			continue;
		const struct rule *ru = &RULES[st->rule[k]];
		size_t sl = ru->sl, rl = ru->rl;
		if (sl > 8 && memcmp(w + n - sl, ru->suffix, sl - 8) != 0)
			continue;
		/* Replacements are never longer than what they replace:
		 * "indre" (5) -> "int" (3). */
		memcpy(w + n - sl, ru->repl, rl + 1);
		return n - sl + rl;
	}
	return n;
}

void
search_stem(char *w)
{
	struct stemmer st;
	char word[8 + WORD_MAX + 1] = {0};
	size_t n = strlen(w);
	stemmer_init(&st);
	if (n > WORD_MAX) { /* longer words are never stemmed in pages */
		stem(&st, w, n);
		return;
	}
	memcpy(word + 8, w, n + 1);
	stem(&st, word + 8, n);
	strcpy(w, word + 8);
}

bool
search_is_stop_word(const char *word)
{
	struct stemmer st;
	stemmer_init(&st);
	return stop_word(&st, word, strnlen(word, STOP_MAX + 1));
}

/*
 * How the search reads an octet of text: an ASCII letter or digit is
 * part of a word, lowered (what slug_fold_n() makes of it); 0 is any
 * other ASCII octet, which separates words; 1 starts a character above
 * 0x7F, folded by slug_fold_char().  One table lookup an octet, where
 * folding the whole text first and splitting it after read it twice.
 */
static const unsigned char WORD_OCTET[256] = {
    0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,
    0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,
    0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,
    0,   0,   0,   '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 0,   0,
    0,   0,   0,   0,   0,   'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j',
    'k', 'l', 'm', 'n', 'o', 'p', 'q', 'r', 's', 't', 'u', 'v', 'w', 'x', 'y',
    'z', 0,   0,   0,   0,   0,   0,   'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h',
    'i', 'j', 'k', 'l', 'm', 'n', 'o', 'p', 'q', 'r', 's', 't', 'u', 'v', 'w',
    'x', 'y', 'z', 0,   0,   0,   0,   0,   1,   1,   1,   1,   1,   1,   1,
    1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,
    1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,
    1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,
    1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,
    1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,
    1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,
    1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,
    1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,   1,
    1,
};

/*
 * After folding, Latin letters are ASCII; what is left above 0x7F is a
 * letter of another script, except Latin-1 punctuation (U+0080-U+00BF:
 * « » no-break space) and general punctuation and currency
 * (U+2000-U+20CF: ’ – … €), which separate words like ASCII punctuation.
 * Whether the n octets a character folds to (slug_fold_char()) are such
 * a separator.
 */
static bool
separator(const unsigned char *u, size_t n)
{
	if (n == 2)
		return u[0] == 0xC2 && u[1] >= 0x80 && u[1] <= 0xBF;
	return n == 3 && u[0] == 0xE2 && u[1] >= 0x80 && u[1] <= 0x83 &&
	       u[2] >= 0x80 && u[2] <= 0xBF && (u[1] < 0x83 || u[2] <= 0x8F);
}

/* A term and its length, to the record (record_term()) or to a
 * search_term_fn. */
typedef void (*term_n_fn)(void *ctx, const char *term, size_t n);

static void
emit_word(const struct stemmer *st, const char *w, size_t n, term_n_fn fn,
          void *ctx)
{
	char word[8 + WORD_MAX + 1] = {0}; /* 8 zeros before: see stem() */
	if (n < 2 || n > WORD_MAX || stop_word(st, w, n))
		return;
	memcpy(word + 8, w, n);
	word[8 + n] = '\0';
	n = stem(st, word + 8, n);
	fn(ctx, word + 8, n);
}

/* A folded word of a text, as terms_with() finds it (not
 * NUL-terminated; 8 readable octets before it and after it). */
typedef void (*word_fn)(void *ctx, const char *w, size_t n);

/*
 * Each word of the text (up to a NUL, if any), folded as slug_fold_n()
 * folds (case, Latin accents; invisible characters dropped, the word
 * kept whole) and split at what is not a letter or digit, in one pass:
 * a word's letters are written as they are read into room, which holds
 * 8 zeros before them (stem()) and 8 readable octets after (head_of()).
 * A word longer than WORD_MAX is counted, not kept: it is no term.
 */
static void
terms_with(const char *text, size_t len, word_fn fn, void *ctx)
{
	char room[8 + WORD_MAX + 4 + 8] = {0};
	char *w = room + 8;
	const unsigned char *p = (const unsigned char *)text;
	const unsigned char *end = p + strnlen(text, len);
	size_t n = 0;
	while (p < end) {
		unsigned char f = WORD_OCTET[*p];
		if (f > 1 && n <= WORD_MAX) {
			/* a run of ASCII letters: one store each */
			do {
				w[n++] = (char)f;
				if (++p == end)
					break;
				f = WORD_OCTET[*p];
			} while (f > 1 && n <= WORD_MAX);
			continue;
		}
		if (f > 1) { /* too long to be a term: counted only */
			n++;
			p++;
			continue;
		}
		char u[4];
		size_t un = 0;
		if (f == 0)
			p++;
		else if ((p += slug_fold_char((const char *)p,
		                              (const char *)end, u, &un),
		          un == 0))
			continue; /* invisible: the word goes on */
		if (f == 0 || separator((const unsigned char *)u, un)) {
			if (n > 0)
				fn(ctx, w, n);
			n = 0;
			continue;
		}
		if (n + un <= WORD_MAX)
			memcpy(w + n, u, un);
		n += un;
	}
	if (n > 0)
		fn(ctx, w, n);
}

/* Each word's term, to a term_n_fn (search_terms()). */
struct emitting {
	const struct stemmer *st;
	term_n_fn fn;
	void *ctx;
};

static void
emit_to(void *ctx, const char *w, size_t n)
{
	const struct emitting *e = ctx;
	emit_word(e->st, w, n, e->fn, e->ctx);
}

struct term_to {
	search_term_fn fn;
	void *ctx;
};

static void
term_to(void *ctx, const char *term, size_t n)
{
	const struct term_to *to = ctx;
	(void)n;
	to->fn(to->ctx, term);
}

void
search_terms(const char *text, size_t len, search_term_fn fn, void *ctx)
{
	struct stemmer st;
	struct term_to to = {fn, ctx};
	struct emitting e = {&st, term_to, &to};
	stemmer_init(&st);
	terms_with(text, len, emit_to, &e);
}

search_index *
search_new(void)
{
	search_index *ix = xcalloc(1, sizeof(*ix));
	ix->a = arena_new();
	ix->capslots = 4096;
	ix->slots = xcalloc(ix->capslots, sizeof(*ix->slots));
	ix->mode = IX_GROW;
	return ix;
}

search_index *
search_new_packed(void)
{
	search_index *ix = search_new();
	ix->mode = IX_COUNT;
	return ix;
}

void
search_pack(search_index *ix)
{
	if (ix->mode != IX_COUNT)
		return;
	size_t total = 0;
	for (size_t i = 0; i < ix->nterms; i++)
		total += ix->terms[i]->len;
	ix->block = xmalloc(total + 1);
	total = 0;
	for (size_t i = 0; i < ix->nterms; i++) {
		struct term *t = ix->terms[i];
		t->b = ix->block + total;
		t->cap = t->len;
		total += t->len;
		t->len = t->last = t->at = 0;
	}
	ix->mode = IX_FILL;
	ix->filled_docs = 0;
}

void
search_free(search_index *ix)
{
	if (ix == NULL)
		return;
	for (size_t i = 0; ix->block == NULL && i < ix->nterms; i++)
		free(ix->terms[i]->b);
	free(ix->block);
	free(ix->terms);
	free(ix->docs);
	free(ix->slots);
	arena_free(ix->a);
	free(ix);
}

/* Keeps at most max octets of s, cut between two characters. */
static const char *
clip(arena *a, const char *s, size_t max)
{
	if (s == NULL)
		return "";
	size_t n = strlen(s);
	if (n <= max)
		return arena_strdup(a, s);
	max = utf8_cut(s, max);
	return arena_printf(a, "%.*s…", (int)max, s);
}

size_t
search_add_doc(search_index *ix, const char *url, const char *title,
               const char *summary, const char *kind, int year)
{
	if (ix->mode == IX_FILL) /* added in the first pass */
		return ix->filled_docs++;
	if (ix->ndocs == ix->capdocs) {
		ix->capdocs = ix->capdocs ? ix->capdocs * 2 : 256;
		ix->docs = xrealloc(ix->docs, ix->capdocs * sizeof(*ix->docs));
	}
	struct doc *d = &ix->docs[ix->ndocs];
	d->url = arena_strdup(ix->a, url);
	d->title = arena_strdup(ix->a, title ? title : url);
	d->summary = clip(ix->a, summary, SUMMARY_MAX);
	d->kind = arena_strdup(ix->a, kind);
	d->year = year;
	return ix->ndocs++;
}

struct adding {
	search_index *ix;
	unsigned doc;
	unsigned char weight;
};

static uint64_t
load8(const char *s)
{
	uint64_t v;
	memcpy(&v, s, 8);
	return v;
}

static uint32_t
load4(const char *s)
{
	uint32_t v;
	memcpy(&v, s, 4);
	return v;
}

/*
 * A hash of the n octets of s read a word at a time, the first and the
 * last 8 (or 4) overlapping for short texts: every term of every page's
 * record is looked up twice when the index is made (index_pages()), at
 * the end of the build, and an octet at a time this was half the cost.
 */
static uint32_t
text_hash(const char *s, size_t n)
{
	uint64_t a, b;
	if (n >= 8) {
		a = load8(s);
		b = load8(s + n - 8);
		for (size_t i = 8; i + 8 < n; i += 8)
			a = (a ^ load8(s + i)) * 0x9E3779B97F4A7C15u;
	} else if (n >= 4) {
		a = load4(s);
		b = load4(s + n - 4);
	} else {
		a = n > 0 ? (unsigned char)s[0] |
		                (unsigned)(unsigned char)s[n / 2] << 8 |
		                (unsigned)(unsigned char)s[n - 1] << 16
		          : 0;
		b = 0;
	}
	uint64_t h = a * 0x9E3779B97F4A7C15u ^ b * 0xC2B2AE3D27D4EB4Fu ^ n;
	h ^= h >> 29;
	h *= 0xBF58476D1CE4E5B9u;
	return (uint32_t)(h >> 32);
}

static void
slots_grow(search_index *ix)
{
	size_t ocap = ix->capslots;
	struct slot *old = ix->slots;
	ix->capslots = ocap * 2;
	ix->slots = xcalloc(ix->capslots, sizeof(*ix->slots));
	for (size_t i = 0; i < ocap; i++) {
		if (old[i].t == NULL)
			continue;
		size_t k = old[i].hash & (ix->capslots - 1);
		while (ix->slots[k].t != NULL)
			k = (k + 1) & (ix->capslots - 1);
		ix->slots[k] = old[i];
	}
	free(old);
}

/* The term of the n octets of text, made if new. */
static struct term *
term_for(search_index *ix, const char *text, size_t n)
{
	if ((ix->nterms + 1) * 2 > ix->capslots)
		slots_grow(ix);
	uint32_t h = text_hash(text, n);
	size_t k = h & (ix->capslots - 1);
	for (; ix->slots[k].t != NULL; k = (k + 1) & (ix->capslots - 1))
		if (ix->slots[k].hash == h && ix->slots[k].len == n &&
		    memcmp(ix->slots[k].t->text, text, n) == 0)
			return ix->slots[k].t;
	struct term *t = arena_zalloc(ix->a, sizeof(*t));
	t->text = arena_strndup(ix->a, text, n);
	ix->slots[k] = (struct slot){t, h, (uint32_t)n};
	if (ix->nterms == ix->capterms) {
		ix->capterms = ix->capterms ? ix->capterms * 2 : 1024;
		ix->terms =
		    xrealloc(ix->terms, ix->capterms * sizeof(*ix->terms));
	}
	ix->terms[ix->nterms++] = t;
	return t;
}

/* The bytes n takes as a posting (struct term). */
static uint32_t
number_len(uint32_t n)
{
	uint32_t k = 1;
	while (n >= 0x80) {
		n >>= 7;
		k++;
	}
	return k;
}

/* Room for k more bytes in t's postings: grown (search_new()), or
 * reserved by the counting pass (search_pack()), which saw the same
 * postings. */
static void
room_for(const search_index *ix, struct term *t, uint32_t k)
{
	if (t->len + k <= t->cap)
		return;
	if (ix->mode == IX_FILL)
		abort(); /* the second pass added what the first did not */
	/* 16 to start: most terms are in one page, and malloc gives 24
	 * usable bytes at the least */
	uint32_t cap = t->cap ? t->cap * 2 : 16;
	while (cap < t->len + k)
		cap *= 2;
	t->b = xrealloc(t->b, cap);
	t->cap = cap;
}

/* Documents are added in order, so a term's last posting is the only
 * one that can be this document's: its weight is raised in place. */
static void
add_term(void *ctx, const char *text, size_t len)
{
	struct adding *ad = ctx;
	search_index *ix = ad->ix;
	struct term *t = term_for(ix, text, len);
	if (t->len > 0 && t->last == ad->doc) {
		if (ix->mode != IX_COUNT && (t->b[t->at] & 3u) < ad->weight)
			t->b[t->at] =
			    (unsigned char)((t->b[t->at] & ~3u) | ad->weight);
		return;
	}
	uint32_t n = (ad->doc - (t->len > 0 ? t->last : 0)) * 4 + ad->weight;
	uint32_t k = number_len(n);
	t->last = ad->doc;
	if (ix->mode == IX_COUNT) {
		t->len += k;
		return;
	}
	room_for(ix, t, k);
	t->at = t->len;
	for (; n >= 0x80; n >>= 7)
		t->b[t->len++] = (unsigned char)(n | 0x80);
	t->b[t->len++] = (unsigned char)n;
}

void
search_add_text(search_index *ix, size_t doc, const char *text, size_t len,
                int weight)
{
	struct adding ad = {ix, (unsigned)doc, (unsigned char)weight};
	struct stemmer st;
	struct emitting e = {&st, add_term, &ad};
	if (text == NULL || len == 0)
		return;
	stemmer_init(&st);
	terms_with(text, len, emit_to, &e);
}

void
search_put_number(buf *out, unsigned long n)
{
	static const char digits[] = SEARCH_DIGITS;
	char tmp[16];
	size_t k = 0;
	do {
		tmp[k++] = (char)(n % 32);
		n /= 32;
	} while (n > 0);
	while (k > 1)
		buf_putc(out, digits[(int)tmp[--k]]);
	buf_putc(out, digits[32 + tmp[0]]);
}

static int
cmp_terms(const void *a, const void *b)
{
	return strcmp((*(struct term *const *)a)->text,
	              (*(struct term *const *)b)->text);
}

static void
write_tables(buf *out)
{
	buf_puts(out, "{\"version\":1,\"stop\":[");
	for (size_t i = 0; i < NSTOP; i++) {
		if (i > 0)
			buf_putc(out, ',');
		json_string(out, STOP[i]);
	}
	buf_puts(out, "],\n\"rules\":[");
	for (size_t i = 0; i < NRULES; i++) {
		buf_puts(out, i > 0 ? ",[" : "[");
		json_string(out, RULES[i].suffix);
		buf_putc(out, ',');
		json_string(out, RULES[i].repl);
		buf_printf(out, ",%d]", RULES[i].min);
	}
	buf_puts(out, "],\n");
}

#define FLUSH_AT (64 * 1024)

static void
maybe_flush(buf *out, search_flush_fn flush, void *ctx)
{
	if (flush != NULL && out->len >= FLUSH_AT)
		flush(ctx, out);
}

void
search_write_json(const search_index *ix, buf *out)
{
	search_write_json_flushed(ix, out, NULL, NULL);
}

/* The documents' part of the index: "docs":[...], each on its line. */
static void
write_docs(const search_index *ix, buf *out, search_flush_fn flush, void *ctx)
{
	buf_puts(out, "\"docs\":[");
	for (size_t i = 0; i < ix->ndocs; i++) {
		const struct doc *d = &ix->docs[i];
		buf_puts(out, i > 0 ? ",\n[" : "\n[");
		json_string(out, d->url);
		buf_putc(out, ',');
		json_string(out, d->title);
		buf_putc(out, ',');
		json_string(out, d->summary);
		buf_putc(out, ',');
		json_string(out, d->kind);
		if (d->year > 0)
			buf_printf(out, ",%d", d->year);
		buf_putc(out, ']');
		maybe_flush(out, flush, ctx);
	}
	buf_puts(out, "],\n");
}

/* The terms' entries, what lies between "terms":{ and }}: each term on
 * its line, in strcmp() order, "\n" before the first and ",\n" before
 * the others (the form the kept index's patch reads, kept_patch()). */
static void
write_terms(const search_index *ix, buf *out, search_flush_fn flush, void *ctx)
{
	struct term **sorted = xmalloc((ix->nterms + 1) * sizeof(*sorted));
	memcpy(sorted, ix->terms, ix->nterms * sizeof(*sorted));
	qsort(sorted, ix->nterms, sizeof(*sorted), cmp_terms);
	for (size_t i = 0; i < ix->nterms; i++) {
		const struct term *t = sorted[i];
		buf_puts(out, i > 0 ? ",\n" : "\n");
		json_string(out, t->text);
		buf_puts(out, ":\"");
		for (uint32_t k = 0; k < t->len;) {
			unsigned long n = 0;
			for (int sh = 0; k < t->len; sh += 7) {
				unsigned char c = t->b[k++];
				n |= (unsigned long)(c & 0x7Fu) << sh;
				if (c < 0x80)
					break;
			}
			search_put_number(out, n);
		}
		buf_putc(out, '"');
		maybe_flush(out, flush, ctx);
	}
	free(sorted);
}

void
search_write_json_flushed(const search_index *ix, buf *out,
                          search_flush_fn flush, void *ctx)
{
	write_tables(out);
	write_docs(ix, out, flush, ctx);
	buf_puts(out, "\"terms\":{");
	write_terms(ix, out, flush, ctx);
	buf_puts(out, "}}\n");
}

/* ---- The site's pages ---------------------------------------------- */

static bool
searchable(const page *p)
{
	if (p->url == NULL || p->draft || p->view == NULL ||
	    feeds_page_hidden(p))
		return false;
	return p->path != NULL || strcmp(p->kind, "categorie") == 0 ||
	       strcmp(p->kind, "quartier") == 0;
}

/* Each text of a page the index holds, with its field's weight. */
typedef void (*text_fn)(void *ctx, const char *s, size_t n, int weight);

struct text {
	const char *s;
	size_t n;
	int weight;
};

/* A page's texts, gathered: their bytes are also a search record's key.
 * The plain text is in plain, the others in the page's view. */
struct texts {
	struct text *t;
	size_t n, cap;
	buf plain;
	/* the plain text's digest, made when it was stored (no second
	 * pass over it: site_plain_digest()) */
	unsigned char plain_digest[HASH_RAW];
	bool plain_hashed;
};

static void
add_text(struct texts *tx, const char *s, size_t n, int weight)
{
	if (tx->n == tx->cap) {
		tx->cap = tx->cap ? tx->cap * 2 : 16;
		tx->t = xrealloc(tx->t, tx->cap * sizeof(*tx->t));
	}
	tx->t[tx->n++] = (struct text){s, n, weight};
}

static void
add_field(struct texts *tx, const value *v, const char *path, int weight)
{
	const char *s = value_get_string(value_path(v, path));
	if (s != NULL)
		add_text(tx, s, strlen(s), weight);
}

static void
gather(const page *p, struct texts *tx)
{
	const value *v = p->view;
	*tx = (struct texts){NULL, 0, 0, BUF_INIT, {0}, false};
	add_field(tx, v, "titre", SEARCH_TITLE);
	static const char *meta[] = {"resume",       "lieu.nom",
	                             "lieu.adresse", "categorie.nom",
	                             "quartier.nom", "rdv"};
	for (size_t i = 0; i < sizeof(meta) / sizeof(*meta); i++)
		add_field(tx, v, meta[i], SEARCH_META);
	const value *tags = value_get(v, "tags");
	for (size_t i = 0; i < value_len(tags); i++)
		add_field(tx, value_at(tags, i), "nom", SEARCH_META);
	if (site_page_has_body(p)) {
		site_plain_text(p, &tx->plain);
		add_text(tx, NULL, tx->plain.len, SEARCH_TEXT);
		tx->plain_hashed = site_plain_digest(p, tx->plain_digest);
	}
	/* the plain text's buffer no longer moves */
	for (size_t i = 0; i < tx->n; i++)
		if (tx->t[i].s == NULL)
			tx->t[i].s = tx->plain.data;
}

static void
texts_free(struct texts *tx)
{
	free(tx->t);
	buf_free(&tx->plain);
}

static void
page_texts(const page *p, text_fn fn, void *ctx)
{
	struct texts tx;
	gather(p, &tx);
	for (size_t i = 0; i < tx.n; i++)
		fn(ctx, tx.t[i].s, tx.t[i].n, tx.t[i].weight);
	texts_free(&tx);
}

static size_t
add_page_doc(search_index *ix, const page *p)
{
	const value *v = p->view;
	const char *title = value_get_string(value_get(v, "titre"));
	const char *resume = value_get_string(value_get(v, "resume"));
	int year = (int)value_get_number(value_get(v, "edition"));
	return search_add_doc(ix, p->url, title, resume, p->kind, year);
}

struct direct {
	search_index *ix;
	size_t doc;
};

static void
direct_text(void *ctx, const char *s, size_t n, int weight)
{
	struct direct *dt = ctx;
	search_add_text(dt->ix, dt->doc, s, n, weight);
}

static void
index_page(search_index *ix, const page *p)
{
	struct direct dt = {ix, add_page_doc(ix, p)};
	page_texts(p, direct_text, &dt);
}

/*
 * A record: the page's distinct terms, each as the term and its weight
 * (one octet, 1 to 3: no term holds an octet below WEIGHT_END, so the
 * weight also ends the term; 10,000 records live until the merge, in
 * the store), in terms; a small open-addressing set keeps one copy of
 * each, with the highest weight.  A slot holds the term's hash and where
 * its weight is in terms, so that a probe compares hashes before strings
 * and the set grows without hashing again.
 */
#define WEIGHT_END 4
/*
 * A word of the page met before (search_record): its folded letters
 * (the first 8 as a number, the others at at in the scratch's words),
 * and where its term's weight is in the record's terms.  Two words of a page in
 * three were met before in it; such a word is found here and its term's weight
 * raised, without stemming it again or looking its term up.
 */
#define MET_STOP UINT32_MAX /* a met word's term: a stop word, no term */
struct met {
	uint64_t head;      /* its first 8 letters (head_of()) */
	uint32_t hash, len; /* its hash, its length */
	uint32_t at, term;
	uint32_t gen; /* live when >= the scratch's (see below) */
};

/* A term of the record being made: its hash, where its weight is in the
 * terms (never 0: a term has two letters at least), and its generation
 * (live when the scratch's). */
struct termslot {
	uint32_t hash, w, gen;
};

/*
 * A render worker's tables, kept from one page's record to the next: the
 * stemmer's rules and stop words, the met words, the set of terms and the
 * terms themselves.  Zeroing each page's fresh tables (~40 KB) was the
 * largest cost per page left in the records (33 M instructions of a
 * 1,000-page build): a page now starts by counting one more generation,
 * and a slot of an older one is empty.  The stop words' slots are of the
 * highest generation, live for every page: seeded once per table.
 */
#define GEN_ALWAYS UINT32_MAX
#define MET_KEEP 8192   /* met slots kept for the next page, at most */
#define TERMS_KEEP 8192 /* and term slots */
struct search_scratch {
	struct stemmer st;
	struct met *met; /* open addressing, at most half full */
	size_t capmet, nmet;
	struct termslot *set; /* the same */
	size_t cap, n;
	buf words; /* the letters of met words after their 8th */
	buf terms; /* the record's, as search_record.terms */
	uint32_t gen;
};

struct search_record {
	buf terms;            /* kept in memory when there is no store */
	unsigned char weight; /* of the field being read */
	const char *kept;     /* the terms, in memory (no store) */
	size_t nkept;
	recstore *rs; /* or in this store (kept NULL) */
	size_t no;    /* their number in rs, got or put */
	/* with a store: the record's key, what its terms were made from
	 * (the kept index tells a changed page by it, kept_patch()) */
	unsigned char key[RECSTORE_KEY];
	bool keyed;
	search_scratch *sc; /* while the record is made */
};

search_scratch *
search_scratch_new(void)
{
	search_scratch *sc = xcalloc(1, sizeof(*sc));
	stemmer_init(&sc->st);
	sc->words = (buf)BUF_INIT;
	sc->terms = (buf)BUF_INIT;
	return sc;
}

void
search_scratch_free(search_scratch *sc)
{
	if (sc == NULL)
		return;
	free(sc->met);
	free(sc->set);
	buf_free(&sc->words);
	buf_free(&sc->terms);
	free(sc);
}

/* The next page's generation: every slot of the last page's empty,
 * tables larger than a usual page's given back (a long page's would
 * be probed all over by the next ones), and all of them made again
 * when the count would reach the stop words'. */
static void
scratch_next(search_scratch *sc)
{
	if (++sc->gen == GEN_ALWAYS || sc->capmet > MET_KEEP) {
		free(sc->met);
		sc->met = NULL;
		sc->capmet = 0;
	}
	if (sc->gen == GEN_ALWAYS || sc->cap > TERMS_KEEP) {
		free(sc->set);
		sc->set = NULL;
		sc->cap = 0;
	}
	if (sc->gen == GEN_ALWAYS)
		sc->gen = 1; /* fresh tables: every slot 0, empty */
	sc->nmet = sc->capmet > 0 ? NSTOP : 0;
	sc->n = 0;
	buf_reset(&sc->words);
	buf_reset(&sc->terms);
}

static uint32_t
term_hash(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

static void
record_grow(search_scratch *sc)
{
	size_t ocap = sc->cap;
	struct termslot *old = sc->set;
	sc->cap = ocap ? ocap * 2 : 512;
	sc->set = xcalloc(sc->cap, sizeof(*sc->set));
	for (size_t i = 0; i < ocap; i++) {
		if (old[i].gen != sc->gen)
			continue;
		size_t k = old[i].hash & (sc->cap - 1);
		while (sc->set[k].gen == sc->gen)
			k = (k + 1) & (sc->cap - 1);
		sc->set[k] = old[i];
	}
	free(old);
}

/* The term whose weight is at w in the record's terms gets at least the
 * weight of the field being read. */
static void
raise_weight(search_record *r, uint32_t w)
{
	char *c = r->sc->terms.data + w;
	if ((unsigned char)*c < r->weight)
		*c = (char)r->weight;
}

/* True if the term of n octets before the weight at w is term. */
static bool
term_at(const search_scratch *sc, uint32_t w, const char *term, size_t n)
{
	const char *d = sc->terms.data;
	return w >= n && memcmp(d + w - n, term, n) == 0 &&
	       (w == n || (unsigned char)d[w - n - 1] < WEIGHT_END);
}

/* Where the term's weight is in the record's terms, added if new. */
static uint32_t
record_term(search_record *r, const char *term, size_t n)
{
	search_scratch *sc = r->sc;
	if ((sc->n + 1) * 2 > sc->cap)
		record_grow(sc);
	uint32_t h = term_hash(term, n);
	size_t k = h & (sc->cap - 1);
	while (sc->set[k].gen == sc->gen) {
		uint32_t w = sc->set[k].w;
		if (sc->set[k].hash == h && term_at(sc, w, term, n)) {
			raise_weight(r, w);
			return w;
		}
		k = (k + 1) & (sc->cap - 1);
	}
	buf_put(&sc->terms, term, n);
	uint32_t w = (uint32_t)sc->terms.len;
	sc->set[k] = (struct termslot){h, w, sc->gen};
	buf_putc(&sc->terms, r->weight);
	sc->n++;
	return w;
}

/* The first 8 octets of a word of n letters as one number, the octets
 * after its end masked out: terms_with() leaves 8 readable octets after
 * a word, so the load never leaves it. */
static uint64_t
head_of(const char *w, size_t n)
{
	uint64_t v;
	memcpy(&v, w, 8);
	return n >= 8 ? v : v & (((uint64_t)1 << (8 * n)) - 1);
}

/* A met word's hash: its head's, and its letters after the 8th. */
static uint32_t
met_hash(const char *w, size_t n, uint64_t head)
{
	return (uint32_t)((head * 0x9E3779B97F4A7C15u) >> 32) ^
	       (n > 8 ? term_hash(w + 8, n - 8) : (uint32_t)n);
}

/* The slot of the word w of n letters among the met words: its own, or
 * the empty one where it goes (a slot of an older page's). */
static size_t
met_find(const search_scratch *sc, const char *w, size_t n, uint64_t head,
         uint32_t h)
{
	size_t k = h & (sc->capmet - 1);
	for (; sc->met[k].gen >= sc->gen; k = (k + 1) & (sc->capmet - 1)) {
		const struct met *m = &sc->met[k];
		if (m->head == head && m->len == n && m->hash == h &&
		    (n <= 8 ||
		     memcmp(sc->words.data + m->at, w + 8, n - 8) == 0))
			break;
	}
	return k;
}

/* The met words to start from: the stop words, found as any word met
 * before is (one probe), but whose term is MET_STOP, none; live for
 * every page (GEN_ALWAYS). */
static void
met_seed(search_scratch *sc)
{
	for (size_t i = 0; i < NSTOP; i++) {
		size_t n = strnlen(STOP[i], sizeof(STOP[i]));
		uint64_t head = head_of(STOP[i], n);
		uint32_t h = met_hash(STOP[i], n, head);
		size_t k = met_find(sc, STOP[i], n, head, h);
		sc->met[k] =
		    (struct met){head, h, (uint32_t)n, 0, MET_STOP, GEN_ALWAYS};
		sc->nmet++;
	}
}

static void
met_grow(search_scratch *sc)
{
	size_t ocap = sc->capmet;
	struct met *old = sc->met;
	/* 1,024 to start: a page of text meets some 500 words */
	sc->capmet = ocap ? ocap * 2 : 1024;
	sc->met = xcalloc(sc->capmet, sizeof(*sc->met));
	for (size_t i = 0; i < ocap; i++) {
		if (old[i].gen < sc->gen)
			continue;
		size_t k = old[i].hash & (sc->capmet - 1);
		while (sc->met[k].gen >= sc->gen)
			k = (k + 1) & (sc->capmet - 1);
		sc->met[k] = old[i];
	}
	free(old);
	if (ocap == 0)
		met_seed(sc);
}

/* A word met for the first time, into the empty slot k: stemmed, its
 * term recorded. */
static void
met_new(search_record *r, size_t k, const char *w, size_t n, uint64_t head,
        uint32_t h)
{
	search_scratch *sc = r->sc;
	char word[8 + WORD_MAX + 1] = {0}; /* 8 zeros before: see stem() */
	memcpy(word + 8, w, n);
	word[8 + n] = '\0';
	size_t sn = stem(&sc->st, word + 8, n);
	uint32_t term = record_term(r, word + 8, sn);
	sc->met[k] = (struct met){
	    head, h, (uint32_t)n, (uint32_t)sc->words.len, term, sc->gen};
	if (n > 8)
		buf_put(&sc->words, w + 8, n - 8);
	sc->nmet++;
}

/* A word of the page's texts (terms_with()): its term's weight raised
 * when the word was met before, else stemmed and its term recorded;
 * a stop word is met before from the start (met_seed()).  Most words
 * are 8 letters or fewer: one number to hash and compare. */
static void
record_word(void *ctx, const char *w, size_t n)
{
	search_record *r = ctx;
	search_scratch *sc = r->sc;
	if (n < 2 || n > WORD_MAX)
		return;
	if ((sc->nmet + 1) * 2 > sc->capmet)
		met_grow(sc);
	uint64_t head = head_of(w, n);
	uint32_t h = met_hash(w, n, head);
	size_t k = met_find(sc, w, n, head, h);
	if (sc->met[k].gen < sc->gen)
		met_new(r, k, w, n, head, h);
	else if (sc->met[k].term != MET_STOP)
		raise_weight(r, sc->met[k].term);
}

static void
record_text(void *ctx, const char *s, size_t n, int weight)
{
	search_record *r = ctx;
	r->weight = (unsigned char)weight;
	if (s != NULL && n > 0)
		terms_with(s, n, record_word, r);
}

/* What a page's record is made from, so the key of its record in the
 * store: each text's weight, length and 128-bit digest (hash.h), the
 * texts hashed where they lie (a page's plain text is not copied, no
 * number printed). */
static void
record_key(const recstore *rs, const struct texts *tx,
           unsigned char key[RECSTORE_KEY])
{
	buf k = BUF_INIT;
	buf_puts(&k, "search record 3\n");
	for (size_t i = 0; i < tx->n; i++) {
		unsigned char d[HASH_RAW];
		uint64_t n = tx->t[i].n;
		buf_putc(&k, tx->t[i].weight);
		buf_put(&k, &n, sizeof(n));
		if (tx->plain_hashed && tx->t[i].s == tx->plain.data)
			memcpy(d, tx->plain_digest, sizeof(d));
		else
			hash_raw(n > 0 ? tx->t[i].s : "", tx->t[i].n, d);
		buf_put(&k, d, sizeof(d));
	}
	recstore_key(rs, k.data, k.len, key);
	buf_free(&k);
}

search_record *
search_record_page(search_scratch *sc, recstore *rs, const page *p)
{
	if (!searchable(p))
		return NULL;
	search_record *r = xcalloc(1, sizeof(*r));
	struct texts tx;
	unsigned char key[RECSTORE_KEY];
	gather(p, &tx);
	bool got = false;
	if (rs != NULL) {
		record_key(rs, &tx, key);
		got = recstore_get(rs, key, &r->no);
		memcpy(r->key, key, sizeof(key));
		r->keyed = true;
	}
	if (!got) /* only a record made meets words */
		scratch_next(sc);
	r->sc = sc;
	for (size_t i = 0; !got && i < tx.n; i++)
		record_text(r, tx.t[i].s, tx.t[i].n, tx.t[i].weight);
	texts_free(&tx);
	r->sc = NULL;
	if (got) {
		r->rs = rs;
	} else if (rs != NULL) {
		r->no = recstore_put(rs, key, sc->terms.data, sc->terms.len);
		r->rs = rs;
	} else { /* the terms go with the record (no store) */
		r->terms = sc->terms;
		sc->terms = (buf)BUF_INIT;
		r->kept = r->terms.data;
		r->nkept = r->terms.len;
	}
	return r;
}

void
search_record_free(search_record *r)
{
	if (r == NULL)
		return;
	buf_free(&r->terms);
	free(r);
}

/* The octets of the term at t, up to its weight (a record's terms), or
 * to end: eight at a time, as strlen() does for a NUL. */
static size_t
term_len(const char *t, const char *end)
{
	size_t n = 0;
	while ((size_t)(end - t) - n >= 8) {
		uint64_t x = load8(t + n);
		/* a bit set in the octet of the first below WEIGHT_END */
		uint64_t m =
		    (x - 0x0404040404040404u) & ~x & 0x8080808080808080u;
		if (m != 0) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
			return n + (size_t)__builtin_ctzll(m) / 8;
#else
			break;
#endif
		}
		n += 8;
	}
	while (t + n < end && (unsigned char)t[n] >= WEIGHT_END)
		n++;
	return n;
}

/* Page p into ix from its record; false when its terms, kept by the
 * store (out of memory until now), cannot be read back: b holds them
 * meanwhile. */
static bool
index_record(search_index *ix, const page *p, const search_record *r, buf *b)
{
	const char *t = r->kept;
	size_t len = r->nkept;
	if (r->rs != NULL && (t = recstore_data(r->rs, r->no, b, &len)) == NULL)
		return false;
	struct adding ad = {ix, (unsigned)add_page_doc(ix, p), 0};
	const char *end = t + len;
	while (t != NULL && t < end) {
		size_t n = term_len(t, end);
		if (t + n == end)
			break; /* no weight: cannot be (the store's digest) */
		ad.weight = (unsigned char)t[n];
		add_term(&ad, t, n);
		t += n + 1;
	}
	return true;
}

/* Every content page of s into ix: from its record, else read here.
 * Called twice, the first to count (search_new_packed()): the second
 * pass looks each term up again (on the thread that makes the index
 * while the calendars are made on the other), so that the postings take
 * one block of the size they need, at the end of the build when its
 * memory peaks. */
static void
index_pages(search_index *ix, site *s, search_record *const *records)
{
	buf b = BUF_INIT;
	for (size_t i = 0; i < site_page_count(s); i++) {
		const page *p = site_page(s, i);
		if (records != NULL && records[i] != NULL &&
		    index_record(ix, p, records[i], &b))
			continue;
		if (searchable(p))
			index_page(ix, p);
	}
	buf_free(&b);
}

/* ---- The index kept from the last build --------------------------- */

/*
 * The terms of the last build's index, kept in CACHE/search.index, so
 * that an edit patches the postings of the documents whose record changed
 * instead of merging every page's record again (16 % of the instructions
 * of a one-page edit at 10,000 pages).  The kept terms are made from, and
 * the file holds all of it:
 *   - each document's record key, in document order (record_key(): the
 *     page's title, summary, place, category, quarter, tags and plain
 *     text with their weights, and the binary through recstore_key());
 *   - the stemmer, the stop words and the postings' format: the binary
 *     (cachedir_exe_id()), fabrique's version and KEPT_MAGIC's number, in
 *     the header line.
 * A term's postings number the documents, so the kept terms are used only
 * when the site has as many documents as then; document i's postings are
 * replaced where its key is not the one kept at i (a page renamed, added
 * or removed changes the keys at each place after it: beyond
 * KEPT_MAX_CHANGED documents the index is made whole).  The documents'
 * own lines (address with the site's base path, title, summary, kind,
 * year) are never kept: they are written afresh every time.  The file is
 * the header line, the number of documents (8 octets), their keys, the
 * terms' length (8 octets) and text (write_terms()'s form), and the
 * digest of all but the header: a file truncated, damaged, of another
 * binary or format is ignored, and the index made whole.
 */
#define KEPT_MAGIC "fabrique search index 1"
#define KEPT_MAX_CHANGED 64

struct kept {
	char *data; /* the file, or NULL */
	size_t ndocs;
	const unsigned char *keys; /* ndocs keys of RECSTORE_KEY octets */
	const char *terms;         /* write_terms()'s text */
	size_t terms_len;
};

static char *
kept_path(const char *dir)
{
	size_t n = strlen(dir) + sizeof("/search.index");
	char *path = xmalloc(n);
	snprintf(path, n, "%s/search.index", dir);
	return path;
}

int
search_forget(const char *dir)
{
	char *path = kept_path(dir);
	int rc = unlink(path) == 0 || errno == ENOENT ? 0 : -1;
	free(path);
	return rc;
}

static void
kept_header(char *head, size_t size)
{
	char exe[64];
	cachedir_exe_id(exe, sizeof(exe));
	snprintf(head, size, KEPT_MAGIC " %s %s\n", FABRIQUE_VERSION, exe);
}

static uint64_t
get_u64(const char *p)
{
	uint64_t v;
	memcpy(&v, p, sizeof(v));
	return v;
}

/* The kept index of dir, checked whole; false (k empty) when there is
 * none or it cannot be trusted. */
static bool
kept_load(struct kept *k, const char *dir, const char *head)
{
	*k = (struct kept){0};
	size_t len, hl = strlen(head);
	char *path = kept_path(dir);
	char *f = fsutil_read_file(path, &len);
	free(path);
	if (f == NULL || len < hl + 16 + HASH_RAW || memcmp(f, head, hl) != 0)
		goto bad;
	const char *b = f + hl, *end = f + len - HASH_RAW;
	unsigned char d[HASH_RAW];
	hash_raw(b, (size_t)(end - b), d);
	if (memcmp(d, end, HASH_RAW) != 0)
		goto bad;
	uint64_t n = get_u64(b);
	if (n > (size_t)(end - b - 16) / RECSTORE_KEY)
		goto bad;
	k->ndocs = (size_t)n;
	k->keys = (const unsigned char *)b + 8;
	b += 8 + k->ndocs * RECSTORE_KEY;
	uint64_t tl = get_u64(b);
	if (tl != (uint64_t)(end - b - 8))
		goto bad;
	k->terms = b + 8;
	k->terms_len = (size_t)tl;
	k->data = f;
	return true;
bad:
	free(f);
	*k = (struct kept){0};
	return false;
}

/* A changed document's term, from its new record. */
struct fresh {
	const char *t;
	uint32_t n, doc;
	unsigned char w;
};

static int
cmp_bytes(const char *a, size_t an, const char *b, size_t bn)
{
	int c = memcmp(a, b, an < bn ? an : bn);
	return c != 0 ? c : (an > bn) - (an < bn);
}

/* In strcmp() order of the terms (none holds a NUL), then by document. */
static int
cmp_fresh(const void *x, const void *y)
{
	const struct fresh *a = x, *b = y;
	int c = cmp_bytes(a->t, a->n, b->t, b->n);
	return c != 0 ? c : (a->doc > b->doc) - (a->doc < b->doc);
}

/* What patching the kept terms works with. */
struct patch {
	const bool *changed; /* by document */
	size_t ndocs;
	signed char val[256]; /* a postings digit's value, -1: not one */
	struct fresh *f;      /* the changed documents' terms, sorted */
	size_t nf, capf;
	arena *a;
	uint32_t *docs; /* a term's postings, decoded: doc << 2 | weight */
	size_t ndocs_at, capdocs;
	buf *out;
	bool first;
};

/* Decodes the postings of one term (n digits at s) into pa->docs,
 * leaving out the changed documents' when drop; false if they are not
 * postings of ndocs documents. */
static bool
postings_read(struct patch *pa, const char *s, size_t n, bool drop)
{
	unsigned long v = 0, doc = 0;
	pa->ndocs_at = 0;
	for (size_t i = 0; i < n; i++) {
		int d = pa->val[(unsigned char)s[i]];
		if (d < 0 || v > 0xFFFFFFFFu)
			return false;
		v = v * 32 + (unsigned)(d & 31);
		if (d < 32)
			continue;
		doc += v >> 2;
		if (doc >= pa->ndocs || (v & 3u) == 0)
			return false;
		if (!drop || !pa->changed[doc]) {
			if (pa->ndocs_at == pa->capdocs) {
				pa->capdocs =
				    pa->capdocs ? pa->capdocs * 2 : 256;
				pa->docs = xrealloc(
				    pa->docs, pa->capdocs * sizeof(*pa->docs));
			}
			pa->docs[pa->ndocs_at++] =
			    (uint32_t)(doc << 2 | (v & 3u));
		}
		v = 0;
	}
	return v == 0;
}

/* True if the postings at s name a changed document (-1: not
 * postings): most terms do not, and are copied as they are. */
static int
postings_touched(const struct patch *pa, const char *s, size_t n)
{
	unsigned long v = 0, doc = 0;
	for (size_t i = 0; i < n; i++) {
		int d = pa->val[(unsigned char)s[i]];
		if (d < 0 || v > 0xFFFFFFFFu)
			return -1;
		v = v * 32 + (unsigned)(d & 31);
		if (d < 32)
			continue;
		doc += v >> 2;
		if (doc >= pa->ndocs)
			return -1;
		if (pa->changed[doc])
			return 1;
		v = 0;
	}
	return v == 0 ? 0 : -1;
}

static void
entry_start(struct patch *pa, const char *t, size_t n)
{
	buf_puts(pa->out, pa->first ? "\n\"" : ",\n\"");
	pa->first = false;
	buf_put(pa->out, t, n);
	buf_puts(pa->out, "\":\"");
}

/* Writes term t (n octets) with pa->docs merged with the fresh terms
 * f[0..nf) (all t, in document order); nothing when no document is
 * left. */
static void
entry_merged(struct patch *pa, const char *t, size_t n, const struct fresh *f,
             size_t nf)
{
	if (pa->ndocs_at + nf == 0)
		return;
	entry_start(pa, t, n);
	size_t i = 0, j = 0;
	uint32_t prev = 0;
	while (i < pa->ndocs_at || j < nf) {
		uint32_t doc, w;
		if (j == nf ||
		    (i < pa->ndocs_at && pa->docs[i] >> 2 < f[j].doc)) {
			doc = pa->docs[i] >> 2;
			w = pa->docs[i++] & 3u;
		} else {
			doc = f[j].doc;
			w = f[j++].w;
		}
		search_put_number(pa->out, (unsigned long)(doc - prev) * 4 + w);
		prev = doc;
	}
	buf_putc(pa->out, '"');
}

/* Emits the fresh terms before t (all of them: t NULL) that no kept
 * term has; *at moves past them. */
static void
fresh_before(struct patch *pa, size_t *at, const char *t, size_t n)
{
	while (*at < pa->nf &&
	       (t == NULL || cmp_bytes(pa->f[*at].t, pa->f[*at].n, t, n) < 0)) {
		size_t e = *at;
		while (e < pa->nf && cmp_bytes(pa->f[e].t, pa->f[e].n,
		                               pa->f[*at].t, pa->f[*at].n) == 0)
			e++;
		pa->ndocs_at = 0;
		entry_merged(pa, pa->f[*at].t, pa->f[*at].n, pa->f + *at,
		             e - *at);
		*at = e;
	}
}

/* One kept entry ("TERM":"DIGITS", line at s, n octets without its
 * comma) into pa->out, patched when a changed document has it, or had
 * it; false if it is not such an entry. */
static bool
patch_entry(struct patch *pa, size_t *at, const char *s, size_t n)
{
	const char *q = n > 0 && s[0] == '"' ? memchr(s + 1, '"', n - 1) : NULL;
	if (q == NULL || memchr(s, '\\', (size_t)(q - s)) != NULL ||
	    (size_t)(q - s) + 4 > n || q[1] != ':' || q[2] != '"' ||
	    s[n - 1] != '"')
		return false; /* escaped terms: their order is not strcmp's */
	const char *t = s + 1, *dg = q + 3;
	size_t tn = (size_t)(q - t), dn = (size_t)(s + n - 1 - dg);
	fresh_before(pa, at, t, tn);
	size_t e = *at;
	while (e < pa->nf && cmp_bytes(pa->f[e].t, pa->f[e].n, t, tn) == 0)
		e++;
	int touched = e > *at ? 1 : postings_touched(pa, dg, dn);
	if (touched < 0)
		return false;
	if (touched == 0) {
		buf_puts(pa->out, pa->first ? "\n" : ",\n");
		pa->first = false;
		buf_put(pa->out, s, n);
		return true;
	}
	if (!postings_read(pa, dg, dn, true))
		return false;
	entry_merged(pa, t, tn, pa->f + *at, e - *at);
	*at = e;
	return true;
}

/* The new terms of changed document doc (page p's record r) into pa;
 * false if they cannot be read, or one would be escaped in JSON. */
static bool
fresh_add(struct patch *pa, const search_record *r, size_t doc, buf *b)
{
	const char *t = r->kept;
	size_t len = r->nkept;
	if (r->rs != NULL && (t = recstore_data(r->rs, r->no, b, &len)) == NULL)
		return false;
	const char *end = t + len;
	buf js = BUF_INIT;
	bool ok = true;
	while (ok && t < end) {
		size_t n = term_len(t, end);
		if (t + n == end || n == 0)
			break;
		buf_reset(&js);
		json_stringn(&js, t, n);
		ok = js.len == n + 2 /* nothing escaped */
		     && t[n] >= 1 && t[n] <= 3;
		if (pa->nf == pa->capf) {
			pa->capf = pa->capf ? pa->capf * 2 : 1024;
			pa->f = xrealloc(pa->f, pa->capf * sizeof(*pa->f));
		}
		pa->f[pa->nf++] =
		    (struct fresh){arena_strndup(pa->a, t, n), (uint32_t)n,
		                   (uint32_t)doc, (unsigned char)t[n]};
		t += n + 1;
	}
	buf_free(&js);
	return ok;
}

/* The kept terms of k into out, the postings of the documents whose key
 * changed replaced by their records' (records[pages[i]] for document
 * i, every one keyed); false, out unspecified, when they cannot be
 * (too many changed, a record or the kept text unreadable): the index
 * is then made whole.  *nchanged gets how many documents changed: none,
 * and out is left as it was (k's terms are the index's). */
static bool
kept_patch(const struct kept *k, search_record *const *records,
           const size_t *pages, buf *out, size_t *nchanged)
{
	size_t n = k->ndocs, nch = 0;
	bool *changed = xcalloc(n + 1, sizeof(*changed));
	for (size_t i = 0; i < n; i++) {
		changed[i] = memcmp(k->keys + i * RECSTORE_KEY,
		                    records[pages[i]]->key, RECSTORE_KEY) != 0;
		nch += changed[i];
	}
	*nchanged = nch;
	if (nch == 0) { /* an edit of a date, a place's map: k's terms */
		free(changed);
		return true;
	}
	struct patch pa = {
	    .changed = changed, .ndocs = n, .out = out, .first = true};
	bool ok = nch <= KEPT_MAX_CHANGED && nch <= n / 4 + 1;
	buf b = BUF_INIT;
	pa.a = arena_new();
	for (size_t i = 0; ok && i < n; i++)
		if (changed[i])
			ok = fresh_add(&pa, records[pages[i]], i, &b);
	buf_free(&b);
	if (ok && pa.nf > 0)
		qsort(pa.f, pa.nf, sizeof(*pa.f), cmp_fresh);
	memset(pa.val, -1, sizeof(pa.val));
	for (int d = 0; d < 64; d++)
		pa.val[(unsigned char)SEARCH_DIGITS[d]] = (signed char)d;
	size_t at = 0;
	const char *s = k->terms, *end = s + k->terms_len;
	while (ok && s < end) {
		const char *line = s + 1, *nl;
		if (*s != '\n')
			ok = false;
		else if ((nl = memchr(line, '\n', (size_t)(end - line))) ==
		         NULL)
			nl = end;
		if (!ok)
			break;
		size_t ln = (size_t)(nl - line);
		if (nl != end && (ln == 0 || line[ln - 1] != ','))
			ok = false;
		else
			ok = patch_entry(&pa, &at, line,
			                 nl != end ? ln - 1 : ln);
		s = nl;
	}
	if (ok)
		fresh_before(&pa, &at, NULL, 0);
	free(pa.docs);
	free(pa.f);
	arena_free(pa.a);
	free(changed);
	return ok;
}

/* The index written as it is made (4 MB at 10,000 pages, at the end of
 * the build, when its memory peaks), or counted only (no output). */
struct streamed {
	output_stream *s;
	size_t size;
};

static void
to_stream(void *ctx, buf *out)
{
	struct streamed *st = ctx;
	st->size += out->len;
	if (st->s != NULL && out->len > 0)
		output_stream_put(st->s, out->data, out->len);
	buf_reset(out);
}

/* The pages of s the index has a document for, in document order: their
 * numbers (malloc'ed into *pages, the caller's to free); *keyed tells
 * whether each has a record with its key (without them, no index is
 * kept). */
static size_t
doc_pages(site *s, search_record *const *records, size_t **pages, bool *keyed)
{
	size_t n = site_page_count(s), nd = 0;
	*pages = xmalloc((n + 1) * sizeof(**pages));
	*keyed = records != NULL;
	for (size_t i = 0; i < n; i++) {
		const search_record *r = records != NULL ? records[i] : NULL;
		if (r == NULL && !searchable(site_page(s, i)))
			continue;
		(*pages)[nd++] = i;
		if (r == NULL || !r->keyed)
			*keyed = false;
	}
	return nd;
}

/* The index made whole: its terms are written from it (write_terms()). */
static search_index *
index_whole(site *s, search_record *const *records)
{
	search_index *ix = search_new_packed();
	index_pages(ix, s, records);
	search_pack(ix);
	index_pages(ix, s, records);
	return ix;
}

/*
 * The index's terms on their way out: into the index's output (st) and,
 * when the index is kept, into the kept file's temporary copy (fd) as
 * they are written, so that a build that makes the index whole never
 * holds them all (4.5 MB at 10,000 pages, in a buffer that doubled to 8
 * MiB, then copied once more into the file's image: up to 16 MiB beside
 * the index's postings at the end of the build).
 */
struct terms_out {
	struct streamed *st;
	const search_index *ix; /* the terms made from it (write_terms()), */
	const char *text;       /* or written already (patched, or kept as */
	size_t len;             /* they were) */
	buf *scratch;           /* write_terms()'s pieces */
	const char *head;       /* the kept file's */
	search_record *const *records;
	const size_t *pages;
	size_t ndocs;
	int fd;      /* the kept file's copy, or -1 (not kept, failed) */
	uint64_t tl; /* the terms' octets written */
	bool sent;   /* the terms went to st */
};

static void
terms_put(struct terms_out *to, const void *data, size_t n)
{
	to->tl += n;
	if (to->fd >= 0 && n > 0 && fsutil_write_all(to->fd, data, n) != 0)
		to->fd = -1;
	to->st->size += n;
	if (to->st->s != NULL && n > 0)
		output_stream_put(to->st->s, data, n);
}

static void
terms_flush(void *ctx, buf *out)
{
	terms_put(ctx, out->data, out->len);
	buf_reset(out);
}

/* The terms into st, and into to->fd when it is open. */
static void
terms_send(struct terms_out *to)
{
	to->sent = true;
	if (to->ix == NULL) {
		terms_put(to, to->text, to->len);
		return;
	}
	write_terms(to->ix, to->scratch, terms_flush, to);
	terms_flush(to, to->scratch);
}

/* The digest of fd's octets from off to its end, read back in pieces
 * (the stream's length must be known before its first octet, and the
 * terms' is only once they are written). */
static int
digest_back(int fd, long long off, long long end, unsigned char d[HASH_RAW])
{
	hash_stream h;
	hash_stream_begin(&h, (size_t)(end - off));
	char *piece = xmalloc(FLUSH_AT);
	int rc = 0;
	while (rc == 0 && off < end) {
		size_t n =
		    end - off < FLUSH_AT ? (size_t)(end - off) : FLUSH_AT;
		if (fsutil_pread_full(fd, piece, n, off) != (ssize_t)n)
			rc = -1;
		else
			hash_stream_put(&h, piece, n);
		off += (long long)n;
	}
	free(piece);
	hash_stream_raw(&h, d);
	return rc;
}

/*
 * Writes the kept file (fsutil_replace_with()'s writer: see struct kept
 * for its form) and, on the way, sends the terms to the index's output.
 * The terms' length, which comes before them, is written after them in
 * its place, and the digest of all but the header read back from the
 * file.  A failure is not the build's: the next one makes the index whole
 * (the terms still go to the output).
 */
static int
kept_write(void *ctx, int fd)
{
	struct terms_out *to = ctx;
	uint64_t n = to->ndocs, tl = 0;
	size_t hl = strlen(to->head);
	long long at_tl = (long long)(hl + 8 + to->ndocs * RECSTORE_KEY);
	buf b = BUF_INIT;
	buf_puts(&b, to->head);
	buf_put(&b, &n, sizeof(n));
	for (size_t i = 0; i < to->ndocs; i++)
		buf_put(&b, to->records[to->pages[i]]->key, RECSTORE_KEY);
	buf_put(&b, &tl, sizeof(tl));
	to->fd = fsutil_write_all(fd, b.data, b.len) == 0 ? fd : -1;
	buf_free(&b);
	terms_send(to);
	if (to->fd < 0)
		return -1;
	long long end = at_tl + 8 + (long long)to->tl;
	unsigned char d[HASH_RAW];
	tl = to->tl;
	to->fd = -1;
	if (pwrite(fd, &tl, sizeof(tl), (off_t)at_tl) != (ssize_t)sizeof(tl) ||
	    digest_back(fd, (long long)hl, end, d) != 0)
		return -1;
	return fsutil_write_all(fd, d, sizeof(d));
}

/* The terms sent to st, and kept in dir (NULL: not kept) for the next
 * build.  False if the kept file could not be written. */
static bool
terms_write(struct terms_out *to, const char *dir)
{
	to->fd = -1;
	bool kept = false;
	if (dir != NULL && fsutil_mkdirs(dir) == 0) {
		char *path = kept_path(dir);
		kept = fsutil_replace_with(path, kept_write, to) == 0;
		free(path);
	}
	to->fd = -1;
	if (!to->sent) /* the temporary copy could not be made */
		terms_send(to);
	return kept;
}

int
search_write(site *s, search_record *const *records, const char *keep,
             output *o, size_t *size, long *patched_docs, diag *d)
{
	char head[256];
	kept_header(head, sizeof(head));
	size_t *pages, nchanged = 0;
	bool keyed;
	size_t ndocs = doc_pages(s, records, &pages, &keyed);
	keep = keyed ? keep : NULL;
	struct kept k = {0};
	buf terms = BUF_INIT, out = BUF_INIT;
	search_index *ix;
	bool patched =
	    keep != NULL && kept_load(&k, keep, head) && k.ndocs == ndocs;
	if (patched) /* about as long as the kept terms: never doubled */
		buf_grow(&terms, k.terms_len + FLUSH_AT);
	patched = patched && kept_patch(&k, records, pages, &terms, &nchanged);
	struct terms_out to = {.head = head,
	                       .records = records,
	                       .pages = pages,
	                       .ndocs = ndocs,
	                       .scratch = &out};
	if (patched) { /* the documents alone, for their lines */
		ix = search_new();
		for (size_t i = 0; i < ndocs; i++)
			add_page_doc(ix, site_page(s, pages[i]));
		to.text = nchanged > 0 ? terms.data : k.terms;
		to.len = nchanged > 0 ? terms.len : k.terms_len;
	} else {
		buf_free(&terms);
		ix = index_whole(s, records);
		to.ix = ix;
	}
	const char *base = site_base(s);
	for (size_t i = 0; *base != '\0' && i < ix->ndocs; i++)
		ix->docs[i].url = urlbase_path(ix->a, base, ix->docs[i].url);
	struct streamed st = {o ? output_stream_open(o, WHOLESITE_SEARCH_INDEX,
	                                             OUTPUT_STREAM_UNSIZED)
	                        : NULL,
	                      0};
	to.st = &st;
	write_tables(&out);
	write_docs(ix, &out, to_stream, &st);
	buf_puts(&out, "\"terms\":{");
	to_stream(&st, &out);
	/* kept again unless patched for no page (the same terms) */
	bool kept = terms_write(&to, patched && nchanged == 0 ? NULL : keep);
	buf_puts(&out, "}}\n");
	to_stream(&st, &out);
	*size = st.size;
	*patched_docs = patched ? (long)nchanged : -1;
	int rc = st.s ? output_stream_close(st.s) : 0;
	if (kept && rc != 0) /* as before: kept only beside a written index */
		(void)search_forget(keep);
	free(k.data);
	free(pages);
	buf_free(&out);
	buf_free(&terms);
	search_free(ix);
	(void)d;
	return rc;
}
