/*
 * mustache.h - a spec-compliant Mustache engine.
 *
 * Templates are compiled once into a tree and rendered many times, from
 * several threads at once: a compiled set is read-only after loading.
 * The engine implements the spec modules comments, delimiters,
 * interpolation, inverted, partials, sections, inheritance (parents and
 * blocks) and dynamic names.  Lambdas are not supported: data comes from
 * YAML, which has no functions.
 *
 * Templates are named by the caller (a theme registers "atelier",
 * "partials/entete", ...); partials and parents are looked up by that
 * name in the same set.  The data is a value tree (value.h).
 */
#ifndef FABRIQUE_MUSTACHE_H
#define FABRIQUE_MUSTACHE_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "diag.h"
#include "value.h"

typedef struct mustache_set mustache_set;

mustache_set *mustache_set_new(void);
void mustache_set_free(mustache_set *set);

/*
 * Compiles text and stores it under name.  file is the path shown in
 * error messages (the theme file).  Syntax errors (unclosed tag or
 * section, mismatched closing tag, bad delimiter change) are reported at
 * file:line:col; returns 0 on success, -1 on error.
 */
int mustache_set_add(mustache_set *set, const char *name, const char *file,
                     const char *text, size_t len, diag *d);
bool mustache_set_has(const mustache_set *set, const char *name);

/*
 * Reports, as errors at the tag's file:line:col, every static partial or
 * parent reference to a name the set does not hold.  The spec renders a
 * missing partial as empty; a theme author wants to hear about the typo.
 * Returns the number of problems.
 */
int mustache_set_check(const mustache_set *set, diag *d);

/*
 * Renders template name with data, appending to out.  Returns 0, or -1
 * after reporting an error (unknown template, partial nesting deeper than
 * MST_MAX_DEPTH, or one render going past MST_MAX_OUTPUT bytes or
 * MST_MAX_STEPS template nodes: depth alone does not bound the work, as
 * a partial that includes the next one twice doubles it at each level, so
 * 33 levels would render 2^34 times).  Safe to call concurrently on the
 * same set.
 */
#define MST_MAX_DEPTH 64
#define MST_MAX_OUTPUT (256u << 20)
#define MST_MAX_STEPS 50000000u
/*
 * How deep into the data a render of template name may read: the data
 * is depth 0, a name "a.b" of it depth 2, a name inside {{#list}} (one
 * item of a list) one more, and so on through partials, parents and
 * blocks.  -1 when no bound is known (a template including itself, too
 * much to follow): then anything may be read.  seen() is told every
 * part of every name the render may look up ("a" and "b" for "a.b"):
 * no other key of a map is ever read.  Incremental builds digest a
 * page's data to that depth, those keys only (viewhash.h).
 */
int mustache_reach(const mustache_set *set, const char *name,
                   void (*seen)(void *ctx, const char *name), void *ctx);

/*
 * Every id="..." attribute written as text in the set's templates, given
 * to fn: the id up to its quote, or (prefix true) the part before a tag
 * when one makes the rest (id="moment-{{id}}" gives "moment-" as a
 * prefix).  Links to a heading of a page also accept the ids its theme
 * writes (site_link.c); any template's, not only the page's layout's: a
 * generous answer, never a wrong error.
 */
void mustache_ids(const mustache_set *set,
                  void (*fn)(void *ctx, const char *id, size_t len,
                             bool prefix),
                  void *ctx);

int mustache_render(const mustache_set *set, const char *name,
                    const value *data, buf *out, diag *d);

/*
 * The same for a page too big to hold whole (a list of thousands of
 * cards: 6 MB at 10,000 pages): whenever out holds MST_FLUSH_AT bytes or
 * more after a template node, flush(ctx, data, n) is given them all but
 * the last (which a block's line ending reads) and returns how many of
 * the first it took (written away, at most n); they leave out.  out must
 * be empty at the start; at the end it holds the page's tail, which
 * flush was not given.
 * On an error, what flush took was already taken: the caller drops it.
 */
#define MST_FLUSH_AT (256u << 10)
typedef size_t (*mustache_flush_fn)(void *ctx, const char *data, size_t n);
int mustache_render_flushed(const mustache_set *set, const char *name,
                            const value *data, buf *out, diag *d,
                            mustache_flush_fn flush, void *ctx);

#endif
