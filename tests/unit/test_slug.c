#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "slug.h"

static void
check_slug(const char *in, const char *want)
{
	arena *a = arena_new();
	char *got = slug_make(a, in);
	assert_string_equal(got, want);
	arena_free(a);
}

static void
test_slugify_french(void **state)
{
	check_slug("Rénover le lavoir", "renover-le-lavoir");
	check_slug("Œuvre d'Été 2026 !", "oeuvre-d-ete-2026");
	check_slug("l'église", "l-eglise");
	check_slug("l’église", "l-eglise");
	check_slug("Ça déménage à Noël", "ca-demenage-a-noel");
	check_slug("CHÂTEAU FORT", "chateau-fort");
	check_slug("Cœur, sœur & nœud", "coeur-soeur-noeud");
	check_slug("Ex æquo", "ex-aequo");
	check_slug("Straße", "strasse");
}

/* A long title's slug is cut after a whole word, or inside a word
 * longer than the limit; a short one is left alone. */
static void
test_slug_shorten(void **state)
{
	(void)state;
	char a[] = "nettoyage-du-lavoir-et-du-preau", b[] = "abcdefghij-k";
	char c[] = "court", d[] = "un-deux-trois";
	char e[] = "le-tour-de-la-place-du-village", f[] = "de-la";
	slug_shorten(a, 22);
	assert_string_equal(a, "nettoyage-du-lavoir");
	slug_shorten(b, 5);
	assert_string_equal(b, "abcde");
	slug_shorten(c, 60);
	assert_string_equal(c, "court");
	slug_shorten(d, 7);
	assert_string_equal(d, "un-deux");
	slug_shorten(e, 20); /* "le-tour-de-la-place", not "...-du" */
	assert_string_equal(e, "le-tour-de-la-place");
	slug_shorten(e, 12); /* "le-tour", not "le-tour-de" */
	assert_string_equal(e, "le-tour");
	slug_shorten(f, 3); /* the first word stays */
	assert_string_equal(f, "de");
}

static void
test_slugify_all_accents(void **state)
{
	check_slug("àâäáãå ÀÂÄÁÃÅ", "aaaaaa-aaaaaa");
	check_slug("çÇ éèêë ÉÈÊË", "cc-eeee-eeee");
	check_slug("îïíì ÎÏÍÌ", "iiii-iiii");
	check_slug("ôöóòõø ÔÖÓÒÕØ", "oooooo-oooooo");
	check_slug("ùûüú ÙÛÜÚ", "uuuu-uuuu");
	check_slug("ÿý ŸÝ ñÑ", "yy-yy-nn");
	check_slug("œŒ æÆ ß", "oeoe-aeae-ss");
	/* Latin Extended-A beyond French. */
	check_slug("Łódź Dvořák Ĳssel", "lodz-dvorak-ijssel");
}

static void
test_slugify_separators(void **state)
{
	check_slug("  --Bonjour--  ", "bonjour");
	check_slug("a   b\t\nc", "a-b-c");
	check_slug("Fête 🎉 du village", "fete-du-village");
	check_slug("Prix : 5 € × 2 ÷ 3", "prix-5-2-3");
	check_slug("Москва Tokyo 東京", "moskva-tokyo");
	check_slug("!!!", "");
	check_slug("", "");
	check_slug("déjà-vu", "deja-vu");
	check_slug("a_b.c/d", "a-b-c-d");
}

/* Cyrillic and Greek titles name files and addresses in Latin letters
 * (outside tester 21, F8): `fabrique new` refused them; the hard and
 * soft signs join, and щ's four letters fit (two per input byte). */
static void
test_slugify_cyrillic_greek(void **state)
{
	check_slug("Субботник во дворе", "subbotnik-vo-dvore");
	check_slug("ЩУКА и Ёж", "shchuka-i-ezh");
	check_slug("Подъезд, Ателье", "podezd-atele");
	check_slug("Ґанок Їжак", "ganok-yizhak");
	check_slug("Καθαρισμός της παραλίας", "katharismos-tis-paralias");
	check_slug("ΆΈΉΊΌΎΏ ϊΐ", "aeiioyo-ii");
	check_slug("щщщщщщщщщщ", "shchshchshchshchshchshchshchshchshchshch");
	check_slug("مرحبا", "");
}

/* The part of a title an address cannot spell, for fabrique new's note
 * (outside tester 21, F8): letters of other scripts, not punctuation,
 * symbols or emoji, which an address rightly leaves out. */
static void
check_unspelt(const char *title, const char *want)
{
	arena *a = arena_new();
	const char *got = slug_unspelt(a, title);
	if (want == NULL)
		assert_null(got);
	else
		assert_string_equal(got, want);
	arena_free(a);
}

static void
test_slug_unspelt(void **state)
{
	(void)state;
	check_unspelt("Cours de français – 日本語", "日本語");
	check_unspelt("مرحبا بالجميع", "مرحبا بالجميع");
	check_unspelt("한국어 et 中文", "한국어");
	check_unspelt("Rénover le lavoir", NULL);
	check_unspelt("Субботник, Καλημέρα", NULL);
	check_unspelt("Fête – « 2026 » 🎉 ★", NULL);
	check_unspelt("Ph\xe1\xbb\x9f b\xc3\xb2", "\xe1\xbb\x9f");
	check_unspelt("bad \xff byte", NULL);
}

/* Invisible characters pasted from Word or a PDF inside a word (outside
 * tester 18, F15): the address keeps the word whole. */
static void
test_slugify_invisible(void **state)
{
	check_slug("Net\u00ADtoyage du pre\u200Bau", "nettoyage-du-preau");
	check_slug("la\u2060voir\uFEFF", "lavoir");
	check_slug("a \u00AD b", "a-b");
}

/* Decomposed accents (NFD, from macOS file names) are composed first:
 * the address is the composed name's (outside tester 19 F9); a mark
 * that composes to no Latin letter is a separator, as before. */
static void
test_slugify_decomposed(void **state)
{
	(void)state;
	check_slug("pre\u0301au-e\u0301te\u0301", "preau-ete");
	check_slug("E\u0301cole c\u0327a\u0300 Noe\u0308l", "ecole-ca-noel");
	check_slug("x\u0307y", "x-y");
	check_slug("\u0301a", "a");
}

static void
test_slugify_invalid_utf8(void **state)
{
	/* Latin-1 "é", truncated sequence, overlong '/', surrogate. */
	check_slug("caf\xE9 noir", "caf-noir");
	check_slug("ab\xC3", "ab");
	check_slug("x\xC0\xAFy", "x-y");
	check_slug("u\xED\xA0\x80v", "u-v");
	check_slug("\xFF\xFE", "");
	/* A bad lead byte must not swallow the letter after it. */
	check_slug("\xC3"
	           "a",
	           "a");
}

static void
test_slug_is_valid(void **state)
{
	assert_true(slug_is_valid("renover-le-lavoir"));
	assert_true(slug_is_valid("a"));
	assert_true(slug_is_valid("2026"));
	assert_false(slug_is_valid(""));
	assert_false(slug_is_valid(NULL));
	assert_false(slug_is_valid("-a"));
	assert_false(slug_is_valid("a-"));
	assert_false(slug_is_valid("a--b"));
	assert_false(slug_is_valid("Abc"));
	assert_false(slug_is_valid("a b"));
	assert_false(slug_is_valid("é"));
	assert_false(slug_is_valid("a_b"));
}

static void
test_slugify_output_is_valid(void **state)
{
	static const char *const inputs[] = {"Rénover le lavoir", "  x  ",
	                                     "--a--b--", "Œ", "l'été ’ 12"};
	arena *a = arena_new();
	for (size_t i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++)
		assert_true(slug_is_valid(slug_make(a, inputs[i])));
	arena_free(a);
}

static void
check_fold(const char *in, const char *want)
{
	buf b = BUF_INIT;
	buf_puts(&b, "<");
	slug_fold(in, &b);
	assert_string_equal(buf_cstr(&b) + 1, want);
	assert_int_equal(buf_cstr(&b)[0], '<'); /* appends */
	buf_free(&b);
}

static void
test_slug_fold(void **state)
{
	check_fold("Référents", "referents");
	check_fold("Œuvre d'Été, ça !", "oeuvre d'ete, ca !");
	check_fold("ÉCOLE  Saint-Exupéry", "ecole  saint-exupery");
	check_fold("Fête 🎉", "fete 🎉");
	check_fold("Straße × 2", "strasse × 2");
	/* Cyrillic is spelt in Latin for addresses only: the browser's
	 * search folds it as it is. */
	check_fold("субботник", "субботник");
	check_fold("", "");
	/* Bad bytes are kept as they are, not dropped. */
	check_fold("caf\xE9", "caf\xE9");
}

/* The first len octets only, up to a NUL; appended like slug_fold. */
static void
test_slug_fold_n(void **state)
{
	buf b = BUF_INIT;
	buf_puts(&b, "<");
	slug_fold_n("Été à Noël", 8, &b); /* "Été à": É, é, à are 2 octets */
	assert_string_equal(buf_cstr(&b), "<ete a");
	slug_fold_n("B\0C", 3, &b);
	assert_string_equal(buf_cstr(&b), "<ete ab");
	assert_int_equal(b.len, 7);
	/* a sequence cut by len is a bad byte, kept as it is */
	slug_fold_n("x\xC3\xA9", 2, &b);
	assert_memory_equal(buf_cstr(&b) + 7, "x\xC3", 3);
	slug_fold_n("", 0, &b);
	assert_int_equal(b.len, 9);
	/* long ASCII text grows the buffer once, lowered as slug_fold does */
	buf big = BUF_INIT, want = BUF_INIT;
	for (int i = 0; i < 1000; i++)
		buf_puts(&big, "Lavoir ÉTÉ ");
	slug_fold_n(big.data, big.len, &want);
	buf_reset(&b);
	slug_fold(big.data, &b);
	assert_string_equal(buf_cstr(&b), buf_cstr(&want));
	assert_int_equal(want.len, 1000 * strlen("lavoir ete "));
	buf_free(&big);
	buf_free(&want);
	buf_free(&b);
}

/* ASCII is lowered 8 octets at a time: every ASCII byte, at every
 * offset from the start and before or after a non-ASCII character, is
 * lowered as ascii_lower() does one (only A-Z change: @ [ ` { stay). */
static void
test_slug_fold_ascii_runs(void **state)
{
	char in[300], want[300];
	for (size_t shift = 0; shift < 9; shift++) {
		size_t n = 0;
		for (size_t i = 0; i < shift; i++)
			in[n++] = 'x';
		for (int c = 1; c < 0x80; c++)
			in[n++] = (char)c;
		memcpy(in + n, "\xC3\x89", 2); /* É, then ASCII again */
		n += 2;
		for (int c = 0x7F; c > 0; c--)
			in[n++] = (char)c;
		for (size_t i = 0; i < n; i++)
			want[i] = in[i] >= 'A' && in[i] <= 'Z'
			              ? (char)(in[i] - 'A' + 'a')
			              : in[i];
		buf b = BUF_INIT;
		slug_fold_n(in, n, &b);
		size_t e = shift + 127; /* where É was: "e" now */
		assert_int_equal(b.len, n - 1);
		assert_memory_equal(b.data, want, e);
		assert_int_equal(b.data[e], 'e');
		assert_memory_equal(b.data + e + 1, want + e + 2, n - e - 2);
		buf_free(&b);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_slugify_french),
	    cmocka_unit_test(test_slug_shorten),
	    cmocka_unit_test(test_slugify_all_accents),
	    cmocka_unit_test(test_slugify_separators),
	    cmocka_unit_test(test_slugify_cyrillic_greek),
	    cmocka_unit_test(test_slug_unspelt),
	    cmocka_unit_test(test_slugify_invisible),
	    cmocka_unit_test(test_slugify_decomposed),
	    cmocka_unit_test(test_slugify_invalid_utf8),
	    cmocka_unit_test(test_slug_is_valid),
	    cmocka_unit_test(test_slugify_output_is_valid),
	    cmocka_unit_test(test_slug_fold),
	    cmocka_unit_test(test_slug_fold_n),
	    cmocka_unit_test(test_slug_fold_ascii_runs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
