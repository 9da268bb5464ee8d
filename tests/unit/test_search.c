/*
 * Tests for search.c: French folding, stop words, stemming, the postings'
 * number encoding and the index's JSON.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "search.h"

static void
collect(void *ctx, const char *term)
{
	buf *b = ctx;
	if (b->len > 0)
		buf_putc(b, ' ');
	buf_puts(b, term);
}

static void
check_terms(const char *text, const char *want)
{
	buf b = BUF_INIT;
	search_terms(text, strlen(text), collect, &b);
	assert_string_equal(buf_cstr(&b), want);
	buf_free(&b);
}

static void
check_stem(const char *word, const char *want)
{
	char w[64];
	strcpy(w, word);
	search_stem(w);
	assert_string_equal(w, want);
}

static void
test_folding_and_stop_words(void **state)
{
	check_terms("L’ÉGLISE et l'église", "eglis eglis");
	check_terms("Œuvres, « chœur » — été…", "oeuvr choeur");
	check_terms("Noël à la Salle des Fêtes, la fête",
	            "noel sall fete fete");
	/* No-break spaces and punctuation of U+2000-U+20CF split words. */
	check_terms("prix\xc2\xa0:\xe2\x80\xaf"
	            "15\xe2\x82\xac, lavoir",
	            "prix 15 lavoir");
	check_terms("Москва lavoir", "Москва lavoir");
	/* A soft hyphen or zero-width space pasted inside a word (outside
	 * tester 18, F15) leaves the word whole, so it is found. */
	check_terms("Net\xc2\xadtoyage du pre\xe2\x80\x8b"
	            "au",
	            "nettoy preau");
	check_terms("a b c de la", "");
	check_terms("", "");
	/* Only the len octets given are read (texts are not terminated). */
	buf b = BUF_INIT;
	search_terms("lavoirs fontaine", 7, collect, &b);
	assert_string_equal(buf_cstr(&b), "lavoir");
	buf_free(&b);
	assert_true(search_is_stop_word("les"));
	assert_true(search_is_stop_word("vous"));
	assert_true(search_is_stop_word("au"));
	assert_false(search_is_stop_word("lavoir"));
	assert_false(search_is_stop_word(""));
}

static void
test_stemming_families(void **state)
{
	/* Words of one family meet. */
	check_stem("peindre", "peint");
	check_stem("", "");
	check_stem("s", "s");
	check_stem("bateaux", "bateau"); /* "eaux" before "x"-less rules */
	check_stem("peinture", "peint");
	check_stem("peintures", "peint");
	check_stem("peint", "peint");
	check_stem("repeindre", "repeint");
	check_stem("planter", "plant");
	check_stem("plantation", "plant");
	check_stem("plantes", "plant");
	check_stem("nettoyer", "nettoy");
	check_stem("nettoyage", "nettoy");
	check_stem("renovee", "renov");
	check_stem("renovation", "renov");
	check_stem("eglises", "eglis");
	check_stem("animateur", "anim");
	check_stem("animation", "anim");
	check_stem("jeux", "jeu");
	check_stem("bateaux", "bateau");
	check_stem("cailloux", "caillou");
	check_stem("prix", "prix");
	/* Short words and stems are left alone. */
	check_stem("ete", "ete");
	check_stem("fleur", "fleur");
	check_stem("fleurs", "fleur");
	check_stem("age", "age");
	/* Anything but a-z is not stemmed. */
	check_stem("1er", "1er");
	check_stem("2025", "2025");
}

/* The rules in their order, as search.c states them: the reference
 * stemmer below tries every one, first match wins, with memcmp(). */
static const struct {
	const char *suffix, *repl;
	size_t min;
} REF_RULES[] = {
    {"issements", "", 4}, {"issement", "", 4},  {"ements", "", 4},
    {"ement", "", 4},     {"ations", "", 4},    {"ation", "", 4},
    {"atrices", "", 4},   {"atrice", "", 4},    {"ateurs", "", 4},
    {"ateur", "", 4},     {"indres", "int", 4}, {"indre", "int", 4},
    {"ures", "", 4},      {"ure", "", 4},       {"ages", "", 4},
    {"age", "", 4},       {"euses", "", 4},     {"euse", "", 4},
    {"eurs", "", 4},      {"eur", "", 4},       {"ees", "", 4},
    {"ee", "", 4},        {"ers", "", 4},       {"er", "", 4},
    {"ez", "", 4},        {"es", "", 4},        {"e", "", 4},
    {"s", "", 3},         {"eaux", "eau", 3},   {"eux", "eu", 3},
    {"oux", "ou", 3},
};

static void
ref_stem(char *w)
{
	size_t n = strlen(w);
	if (n == 0 || strspn(w, "abcdefghijklmnopqrstuvwxyz") != n)
		return;
	for (size_t r = 0; r < sizeof(REF_RULES) / sizeof(*REF_RULES); r++) {
		size_t sl = strlen(REF_RULES[r].suffix);
		size_t rl = strlen(REF_RULES[r].repl);
		if (n < sl || n - sl + rl < REF_RULES[r].min ||
		    memcmp(w + n - sl, REF_RULES[r].suffix, sl) != 0)
			continue;
		strcpy(w + n - sl, REF_RULES[r].repl);
		return;
	}
}

/* The stemmer compares a word's last 8 letters as one number: every
 * suffix after stems of 0 to 9 letters (words shorter than 8, and the
 * 9-letter "issements", are its edges), and near-misses of each suffix
 * (one letter changed), stem as the rules say. */
static void
test_stemming_matches_rules(void **state)
{
	static const char *stems[] = {"",        "a",       "ab",     "eti",
	                              "plan",    "jardi",   "animat", "nettoya",
	                              "eclairc", "repeindr"};
	size_t nrules = sizeof(REF_RULES) / sizeof(*REF_RULES);
	for (size_t i = 0; i < sizeof(stems) / sizeof(*stems); i++)
		for (size_t r = 0; r < nrules; r++)
			for (size_t k = 0; k <= strlen(REF_RULES[r].suffix);
			     k++) {
				char w[64], want[64];
				snprintf(w, sizeof(w), "%s%s", stems[i],
				         REF_RULES[r].suffix);
				if (k >
				    0) /* one letter of the suffix changed */
					w[strlen(w) - k] = 'q';
				strcpy(want, w);
				ref_stem(want);
				search_stem(w);
				assert_string_equal(w, want);
			}
}

/* Every stop word is one, and the words one letter off are not. */
static void
test_every_stop_word(void **state)
{
	static const char *stop[] = {
	    "au",    "aux",   "avec", "ca",    "ce",   "cela",  "ces",   "cet",
	    "cette", "comme", "dans", "de",    "des",  "donc",  "dont",  "du",
	    "elle",  "elles", "en",   "est",   "et",   "etait", "ete",   "etre",
	    "eux",   "il",    "ils",  "je",    "la",   "le",    "les",   "leur",
	    "leurs", "lui",   "ma",   "mais",  "me",   "mes",   "moi",   "mon",
	    "ne",    "ni",    "nos",  "notre", "nous", "on",    "ont",   "ou",
	    "par",   "pas",   "plus", "pour",  "qu",   "que",   "qui",   "sa",
	    "se",    "ses",   "si",   "son",   "sont", "sur",   "ta",    "te",
	    "tes",   "ton",   "tu",   "un",    "une",  "vos",   "votre", "vous",
	};
	for (size_t i = 0; i < sizeof(stop) / sizeof(*stop); i++) {
		char w[16];
		assert_true(search_is_stop_word(stop[i]));
		snprintf(w, sizeof(w), "%sz", stop[i]);
		assert_false(search_is_stop_word(w));
		snprintf(w, sizeof(w), "%s", stop[i]);
		w[strlen(w) - 1] = 'z';
		assert_false(search_is_stop_word(w));
	}
	check_terms("Cette salle est pour nous, avec eux et vous", "sall");
}

static void
check_number(unsigned long n, const char *want)
{
	buf b = BUF_INIT;
	search_put_number(&b, n);
	assert_string_equal(buf_cstr(&b), want);
	buf_free(&b);
}

static void
test_number_encoding(void **state)
{
	check_number(0, "w");  /* digit 32 + 0 */
	check_number(31, "_"); /* digit 32 + 31 */
	check_number(32, "1w");
	check_number(33, "1x");
	check_number(1023, "v_");
	check_number(1024, "10w");
}

static void
test_index_json(void **state)
{
	search_index *ix = search_new();
	size_t a = search_add_doc(ix, "/ateliers/preau/", "Repeindre le préau",
	                          "Un coup de peinture", "atelier", 2026);
	size_t b = search_add_doc(ix, "/patrimoine/lavoir/", "Le lavoir", NULL,
	                          "histoire", 0);
	assert_int_equal(a, 0);
	assert_int_equal(b, 1);
	const char *ta = "Repeindre le préau", *tb = "peinture",
	           *tc = "On y lavait; la peinture s'écaille";
	search_add_text(ix, a, ta, strlen(ta), SEARCH_TITLE);
	search_add_text(ix, a, tb, strlen(tb), SEARCH_TEXT);
	search_add_text(ix, b, tc, strlen(tc), SEARCH_TEXT);
	buf out = BUF_INIT;
	search_write_json(ix, &out);
	const char *s = buf_cstr(&out);
	assert_non_null(strstr(s, "[\"indre\",\"int\",4]"));
	assert_non_null(strstr(s,
	                       "[\"/ateliers/preau/\",\"Repeindre le préau\","
	                       "\"Un coup de peinture\",\"atelier\",2026]"));
	assert_non_null(strstr(s, "[\"/patrimoine/lavoir/\",\"Le lavoir\",\"\","
	                          "\"histoire\"]"));
	/* "repeint": doc 0 with weight 3 -> 0*4+3 = "z".  "peint": doc 0,
	 * weight 1 (1 -> "x"), then doc 1 (delta 1, weight 1: 5 -> "B"). */
	assert_non_null(strstr(s, "\"repeint\":\"z\""));
	assert_non_null(strstr(s, "\"peint\":\"xB\""));
	assert_non_null(strstr(s, "\"preau\":\"z\""));
	assert_null(strstr(s, "\"le\":"));
	buf_free(&out);
	search_free(ix);
}

struct flushes {
	buf whole;
	int calls;
};

static void
collect_flush(void *ctx, buf *out)
{
	struct flushes *f = ctx;
	assert_true(out->len >= 64 * 1024);
	f->calls++;
	buf_put(&f->whole, out->data, out->len);
	buf_reset(out);
}

/* A large index written in pieces is the same text as written whole;
 * a term met again in the same page with a higher weight keeps it. */
static void
test_index_flushed(void **state)
{
	(void)state;
	search_index *ix = search_new();
	char text[64];
	for (size_t i = 0; i < 3000; i++) {
		snprintf(text, sizeof(text), "/p%zu/", i);
		size_t d = search_add_doc(ix, text, "Page", "Un résumé",
		                          "atelier", 2026);
		snprintf(text, sizeof(text), "grenier mot%zuz", i);
		search_add_text(ix, d, text, strlen(text), SEARCH_TEXT);
		search_add_text(ix, d, "grenier", 7,
		                i % 2 ? SEARCH_TITLE : SEARCH_META);
	}
	buf whole = BUF_INIT, rest = BUF_INIT, want = BUF_INIT;
	search_write_json(ix, &whole);
	struct flushes f = {BUF_INIT, 0};
	search_write_json_flushed(ix, &rest, collect_flush, &f);
	buf_put(&f.whole, rest.data, rest.len);
	assert_true(f.calls > 1);
	assert_int_equal(f.whole.len, whole.len);
	assert_memory_equal(f.whole.data, whole.data, whole.len);
	/* doc 0 weight 2, then each next doc (delta 1) weight 3, then 2 */
	buf_puts(&want, "\"greni\":\"");
	search_put_number(&want, 0 * 4 + SEARCH_META);
	search_put_number(&want, 1 * 4 + SEARCH_TITLE);
	search_put_number(&want, 1 * 4 + SEARCH_META);
	assert_non_null(strstr(buf_cstr(&whole), buf_cstr(&want)));
	buf_free(&whole);
	buf_free(&rest);
	buf_free(&want);
	buf_free(&f.whole);
	search_free(ix);
}

/* The documents and texts of test_index_packed: terms in one page, in
 * every page, in pages far apart (postings of one to three bytes), and
 * met again in a page with a higher weight after a long gap. */
static void
add_pages(search_index *ix)
{
	char text[64];
	for (size_t i = 0; i < 3000; i++) {
		snprintf(text, sizeof(text), "/p%zu/", i);
		size_t d = search_add_doc(ix, text, "Page", "Un résumé",
		                          "atelier", i % 3 ? 2026 : 0);
		assert_int_equal(d, i);
		snprintf(text, sizeof(text), "grenier mot%zuz", i);
		search_add_text(ix, d, text, strlen(text), SEARCH_TEXT);
		if (i % 97 == 0 || i % 1000 == 999)
			search_add_text(ix, d, "lavoir rare", 11, SEARCH_TEXT);
		if (i % 1000 == 999)
			search_add_text(ix, d, "lavoir", 6, SEARCH_TITLE);
		search_add_text(ix, d, "grenier", 7,
		                i % 2 ? SEARCH_TITLE : SEARCH_META);
	}
}

/* An index made in two passes, its postings in one block sized by the
 * first, is written as the one grown term by term; the second pass
 * numbers the documents as the first did. */
static void
test_index_packed(void **state)
{
	(void)state;
	search_index *grown = search_new(), *packed = search_new_packed();
	add_pages(grown);
	add_pages(packed);
	search_pack(packed);
	add_pages(packed);
	buf a = BUF_INIT, b = BUF_INIT, want = BUF_INIT;
	search_write_json(grown, &a);
	search_write_json(packed, &b);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.data, b.data, a.len);
	/* doc 0 weight 1, doc 97 (delta 97: 389, two bytes kept) weight 1,
	 * ..., doc 999 (after 970): raised to 3 after its text's 1 */
	buf_puts(&want, "\"lavoir\":\"");
	search_put_number(&want, 0 * 4 + SEARCH_TEXT);
	search_put_number(&want, 97 * 4 + SEARCH_TEXT);
	assert_non_null(strstr(buf_cstr(&b), buf_cstr(&want)));
	buf_reset(&want);
	search_put_number(&want, (999 - 970) * 4 + SEARCH_TITLE);
	search_put_number(&want, (1067 - 999) * 4 + SEARCH_TEXT);
	assert_non_null(strstr(buf_cstr(&b), buf_cstr(&want)));
	buf_free(&a);
	buf_free(&b);
	buf_free(&want);
	search_free(grown);
	search_free(packed);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_folding_and_stop_words),
	    cmocka_unit_test(test_stemming_families),
	    cmocka_unit_test(test_stemming_matches_rules),
	    cmocka_unit_test(test_every_stop_word),
	    cmocka_unit_test(test_number_encoding),
	    cmocka_unit_test(test_index_json),
	    cmocka_unit_test(test_index_flushed),
	    cmocka_unit_test(test_index_packed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
