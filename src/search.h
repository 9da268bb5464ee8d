/*
 * search.h - the site's search index, built once at build time and read
 * by the /recherche/ page in the browser, online or offline.
 *
 * French-aware: words are folded (case and accents: "Église" is
 * "eglise"), French stop words are dropped, and a light stemmer strips
 * the endings that separate words of one family ("peindre", "peinture",
 * "peintures" all become "peint").  The stop words and the stemming rules
 * are written into the index itself, so the page's script treats a query
 * exactly as the build treated the text: the two cannot drift apart.
 *
 * The index is one static JSON file:
 *   {"version":1, "stop":[...], "rules":[[suffix, repl, min],...],
 *    "docs":[[url, title, summary, kind],...], "terms":{term: postings}}
 * where postings are the documents holding the term, each as
 * (doc - previous doc) * 4 + weight (3 title, 2 summary, place,
 * category, tags, 1 text), written as variable-length base-32 numbers:
 * characters of SEARCH_DIGITS, the first 32 for every digit but the
 * last, the other 32 for the last.  Dense lists cost about one byte per
 * document.
 */
#ifndef FABRIQUE_SEARCH_H
#define FABRIQUE_SEARCH_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "diag.h"
#include "output.h"
#include "recstore.h"
#include "site.h"

#define SEARCH_DIGITS                                                          \
	"0123456789abcdefghijklmnopqrstuv"                                     \
	"wxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_"

enum { SEARCH_TEXT = 1, SEARCH_META = 2, SEARCH_TITLE = 3 };

typedef struct search_index search_index;

search_index *search_new(void);
void search_free(search_index *ix);
/*
 * An index made in two passes, for one made whole (the site's, at the
 * end of a build, when its memory peaks): the documents and texts added
 * first are only counted; search_pack() then gives the postings one
 * block of exactly their size, and the same documents and texts, added
 * again in the same order, fill it (search_add_doc() returns the first
 * pass's numbers).  Written after the second pass, the index is what
 * search_new() would have made.  Adding anything the first pass did not
 * aborts.
 */
search_index *search_new_packed(void);
void search_pack(search_index *ix);

/* A document to show in results; returns its number.  year is its
 * edition's (shown beside the kind: residents find last year's workshop
 * and this year's under one name), 0 for none. */
size_t search_add_doc(search_index *ix, const char *url, const char *title,
                      const char *summary, const char *kind, int year);
/* Indexes text (UTF-8) as part of document doc with a field weight. */
void search_add_text(search_index *ix, size_t doc, const char *text, size_t len,
                     int weight);
/* Appends the index as JSON. */
void search_write_json(const search_index *ix, buf *out);
/* The same in pieces: flush(ctx, out) is called whenever out holds 64 KB
 * or more, and may empty it (the index of a large site, streamed). */
typedef void (*search_flush_fn)(void *ctx, buf *out);
void search_write_json_flushed(const search_index *ix, buf *out,
                               search_flush_fn flush, void *ctx);

/* Calls fn for each indexed term of text: folded, not a stop word,
 * stemmed. */
typedef void (*search_term_fn)(void *ctx, const char *term);
void search_terms(const char *text, size_t len, search_term_fn fn, void *ctx);
/* True if word (folded) is a French stop word. */
bool search_is_stop_word(const char *word);
/* Stems a folded word of letters a-z in place; others are left alone. */
void search_stem(char *word);
/* Appends n in the postings' number encoding. */
void search_put_number(buf *out, unsigned long n);

/*
 * One page's share of the index, made by a render worker so that folding,
 * stop words and stemming run on every core: the page's distinct terms,
 * each with its highest field weight.  NULL for a page the index leaves
 * out.  Reads the page's view and plain text only.  With a store (may be
 * NULL), the record is taken from it when those texts are the ones it
 * was made from in an earlier build, and kept in it otherwise: an edit
 * makes the edited page's record only.
 */
typedef struct search_record search_record;
/* A worker's tables for making records, reused from page to page (one
 * per thread: a record is made on its worker's own). */
typedef struct search_scratch search_scratch;
search_scratch *search_scratch_new(void);
void search_scratch_free(search_scratch *sc);
search_record *search_record_page(search_scratch *sc, recstore *rs,
                                  const page *p);
void search_record_free(search_record *r);

/* Indexes every content page of s and writes WHOLESITE_SEARCH_INDEX
 * (o NULL: computes only).  records (NULL, or one per page, in page
 * order) are used where present; other pages are read here.  keep (the
 * cache folder, or NULL) holds the last build's terms (search.index):
 * when every page has a record and few changed, those terms are patched
 * instead of merging every record again, and the index written is kept
 * there for the next build.  *size gets the index's size in bytes,
 * *patched how many pages' terms were patched (-1: made whole). */
int search_write(site *s, search_record *const *records, const char *keep,
                 output *o, size_t *size, long *patched, diag *d);
/* Removes the kept index from the cache folder dir (fabrique cache
 * clean).  0 (also when there was none), or -1. */
int search_forget(const char *dir);

#endif
