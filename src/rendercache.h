/*
 * rendercache.h - a page's rendered Markdown kept across builds.
 *
 * Why: rendering the Markdown of every page is most of a build's CPU,
 * yet an editor's commit changes one page or two.  A render is a pure
 * function of the text, the options (markdown_opts), fabrique's binary,
 * the language of its messages and what each relative link resolved to;
 * everything it produces - HTML, plain text (feeds, calendars, search),
 * headings (the table of contents) and warnings (a skipped heading level)
 * - is kept in one file of the cache folder (CACHE/render/XX/KEY), keyed
 * by a hash of all but the links (the text by its own hash, or, read from
 * git, by its blob's id and place, so that finding it reads no blob).  The
 * links are checked each time: a cached render is reused only if each of its
 * links, asked again of the resolver, gives the same URL (a renamed page
 * changes the links to it), and asking again also publishes again the files it
 * links to.
 *
 * Warnings are replayed into the build's collector, so a page built once
 * without --strict still fails `build --strict` when reused.  Renders
 * that reported an error are never kept.
 *
 * Used by the build's render workers (render.c) and by fabrique serve:
 * one rendercache is shared by threads (each call is independent).
 */
#ifndef FABRIQUE_RENDERCACHE_H
#define FABRIQUE_RENDERCACHE_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "hash.h"
#include "markdown.h"

typedef struct rendercache rendercache;

/* Keeps renders under dir (created when first written; NULL: nothing is
 * kept, every call renders). */
rendercache *rendercache_open(const char *dir);
void rendercache_free(rendercache *c);

/*
 * Where a reused render's plain text lies: [off, off + len) of the entry
 * file path (malloc'ed, the caller's to free).  An entry is named by what
 * it was made from, so a caller keeping many pages' texts may let one go
 * and read it there again when asked, instead of keeping or copying it
 * (an edit build reuses 10,000 renders and reads back a few texts).
 * path is NULL when the render was made, not reused.  hashed: the
 * render was reused or stored, and html_digest and plain_digest are
 * hash_raw() of its HTML and plain text, made once when it was rendered
 * and kept in the entry: a build that keeps 10,000 pages keys each by
 * its HTML's digest and keeps each text's (1.9 and 1.7 % of an edit's
 * instructions at 1,000 pages went to hashing them again).
 */
typedef struct rendercache_spot {
	char *path;
	long long off;
	size_t len;
	bool hashed;
	unsigned char html_digest[HASH_RAW], plain_digest[HASH_RAW];
} rendercache_spot;

/*
 * markdown_render() with the cache: same arguments, same results (HTML
 * appended to out, o->plain and o->toc filled, diagnostics to d, 0 or
 * -1), taken from the cache when this text was rendered before with the
 * same options and links.  c may be NULL (no cache).  spot, if not NULL,
 * tells where the plain text of a reused render lies (see above).
 */
int rendercache_render(rendercache *c, const char *text, size_t len,
                       const markdown_opts *o, arena *a, buf *out, diag *d,
                       rendercache_spot *spot);

/*
 * The same for a text read from git: blob (a blob id, hex) holds it at
 * octets [off, off + len).  A blob cannot change, so its id names the
 * text without reading it: text(ctx) is called only when the render is
 * not in the cache (a build or check reusing every page's Markdown reads
 * no page's blob); NULL from it fails the call (-1) with no render.
 */
typedef const char *(*rendercache_text_fn)(void *ctx);
int rendercache_render_blob(rendercache *c, const char *blob, size_t off,
                            size_t len, rendercache_text_fn text, void *ctx,
                            const markdown_opts *o, arena *a, buf *out, diag *d,
                            rendercache_spot *spot);

/* Renders reused and made since rendercache_open() (for --verbose). */
void rendercache_counts(rendercache *c, size_t *hits, size_t *misses);

#endif
