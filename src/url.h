/*
 * url.h - the one percent-encoder of every URL fabrique writes.
 *
 * Output paths are file names as editors wrote them ("Fête #2/photo
 * d'été 50%.jpg"); the URLs that name them in pages, srcset, feeds, the
 * sitemap, the service worker's precache list, JSON-LD, open data and
 * the search index must be percent-encoded, or a space splits a srcset,
 * '#' starts a fragment, '?' a query and '%' a bogus escape.  Every URL
 * made from a path comes from url_path(), so they are all encoded alike
 * (UTF-8 bytes one by one, RFC 3986), and url_decode() is its inverse.
 */
#ifndef FABRIQUE_URL_H
#define FABRIQUE_URL_H

#include <stddef.h>

#include "arena.h"
#include "buf.h"

/*
 * Appends path to b with every byte except the unreserved characters
 * of RFC 3986 (A-Z a-z 0-9 - . _ ~) and '/' written as %XX (uppercase
 * hex).  The result is safe as is in HTML attributes, srcset lists,
 * XML, JSON, CSS url() and JavaScript strings.
 */
void url_put_path(buf *b, const char *path);

/* The same, '/' encoded too: a query value or a mailto: subject. */
void url_put_component(buf *b, const char *s);

/* url_put_path() into the arena: "/" + url_path(a, "x y") = "/x%20y". */
const char *url_path(arena *a, const char *path);

/*
 * The first n bytes of s with each %XX escape decoded ("%00" is kept as
 * written: a path holds no NUL byte).  url_decode(url_path(p)) == p.
 */
char *url_decode(arena *a, const char *s, size_t n);

#endif
