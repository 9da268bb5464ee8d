/*
 * slug.h - URL slugs and accent folding for French text.
 *
 * "Rénover le lavoir" becomes "renover-le-lavoir": lowercase ASCII letters
 * and digits, French and other Latin accents transliterated (é → e,
 * œ → oe, æ → ae, ß → ss, ç → c), Cyrillic and Greek spelt in Latin
 * letters (« Ателье » → atele, « Καλημέρα » → kalimera), every other run
 * of characters becomes a single '-', none at either end.
 */
#ifndef FABRIQUE_SLUG_H
#define FABRIQUE_SLUG_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "buf.h"

/* Returns the slug (possibly "" when s has no letter or digit). */
char *slug_make(arena *a, const char *s);
/* The first run of letters in s that slug_make() leaves out, being of a
 * script it does not spell (« 日本語 » in "Cours de français – 日本語";
 * words joined by spaces make one run), or NULL when there is none:
 * `fabrique new` tells the editor the file's name misses them. */
const char *slug_unspelt(arena *a, const char *s);
/* Cuts slug (slug_make's output) to at most max bytes, after a whole
 * word when one fits: "un-titre-tres-long" at 12 is "un-titre". */
void slug_shorten(char *slug, size_t max);
/* True for a non-empty [a-z0-9-] string with no leading, trailing or
 * doubled '-': what a `slug:` field must look like. */
bool slug_is_valid(const char *s);

/* A slug becomes a folder name in the output: file systems hold at most
 * 255 bytes in one name. */
#define SLUG_MAX_LEN 255
/* Appends s lowercased with Latin accents removed, other characters kept
 * (for search and for matching keys such as "Référents" to "referents"). */
void slug_fold(const char *s, buf *out);
/* The same for the first len octets of s (up to a NUL, if any). */
void slug_fold_n(const char *s, size_t len, buf *out);
/* The folding of the one character at s, not ASCII, that slug_fold_n()
 * does (the search folds ASCII itself, as it splits words): the octets
 * it takes, at least 1, and what it folds to in out, *n octets (0: an
 * invisible character, dropped; at most 4). */
size_t slug_fold_char(const char *s, const char *end, char out[4], size_t *n);

#endif
