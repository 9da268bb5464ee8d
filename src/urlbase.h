/*
 * urlbase.h - a site published under a path (site.yaml's url
 * https://ville.example/journee/): the one place its base path is read
 * from the url, and the one place it is put before the addresses the
 * site writes to itself.
 *
 * fabrique's own addresses stay paths from the site's root everywhere in
 * the model ("/programme/", "/assets/css/style.1a2b.css"): they are the
 * keys of its pages, what editors write and what links are checked
 * against.  Only what a browser reads gets the base: every page's HTML
 * (urlbase_html(), one pass over the page the template made, after the
 * Markdown's links were checked), and the service worker's, the web
 * manifest's and the search index's paths (urlbase_path()).  Absolute
 * addresses (feeds, sitemap, calendars, JSON-LD, open data) are the url
 * followed by the path, so they hold the base already.  For a site at
 * the domain's root the base is "" and nothing is touched: its outputs
 * are byte for byte what they were.
 */
#ifndef FABRIQUE_URLBASE_H
#define FABRIQUE_URLBASE_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "buf.h"

/*
 * The path of a site's url, without its last '/': "/journee" for
 * "https://ville.example/journee/", "" for a site at the root (or no
 * url, or one with no "://").  In a (if not "").
 */
const char *urlbase_of(arena *a, const char *url);

/*
 * The address of the folder a url copied from a browser's bar names
 * ("https://ville.example/journee/" for ".../journee/index.html",
 * ".../journee/?page=2" or ".../journee#haut"), in a; NULL when url is
 * a folder's address already (or has no "://").  A url ending with a
 * file's name would publish the site as if under a folder of that name.
 */
const char *urlbase_folder(arena *a, const char *url);

/* The url up to its path: "https://ville.example" for
 * "https://ville.example/journee/" (in a); url itself when it has none. */
const char *urlbase_origin(arena *a, const char *url);

/*
 * Where the UIDs of a site's events are from, the "@host" part RFC 5545
 * (§3.8.4.7) advises: the url's host, its port left out, followed by the
 * site's path when it is published under one ("ville.example/journee"
 * for "https://ville.example/journee/"), so that two communes published
 * under one host never share a UID; the host alone for a site at the
 * domain's root (the UIDs its residents' calendars already hold).  In a.
 */
const char *urlbase_uid_origin(arena *a, const char *url);

/* The host alone, its port left out, for a site under a path too: the
 * "@host" fabrique wrote until November 2026, which a site published
 * then keeps with site.yaml's « identifiants: 2026-11 » (siteaddr.h).
 * In a. */
const char *urlbase_uid_host(arena *a, const char *url);

/* The subscription address of the calendar at path ("/programme.ics")
 * under url, a site's address: webcal:// is the same address with
 * another scheme, which phones open as a subscription that follows the
 * changes, not a copy.  NULL when url has no "://". */
const char *urlbase_webcal(arena *a, const char *url, const char *path);

/*
 * The UID of a workshop's event, the one form every output gives it (the
 * site's calendars, its open data, the network's calendars), so that a
 * calendar app holding the same slot from two files sees one event:
 * "ID@WHERE" for the workshop as a whole (slot 0), "ID/creneau-N@WHERE"
 * for its slot N (from 1).  id names the workshop within its site (its
 * page's key, "ateliers/lavoir"), where is urlbase_uid_origin()'s; where
 * NULL (a UID given by another tool, with no '@'): "ID/creneau-N".  In a.
 */
const char *urlbase_uid(arena *a, const char *id, const char *where,
                        size_t slot);

/*
 * The UID of slot N (from 1) of the event whose UID is uid, for a
 * programme that gives its slots none (one written by an older
 * fabrique): uid cut at its last '@' into urlbase_uid()'s id and where.
 */
const char *urlbase_uid_slot(arena *a, const char *uid, size_t slot);

/*
 * The host of url (*hn bytes, its port left out) when it cannot be a
 * site on the Internet: this computer (localhost, 127.x.x.x, [::1],
 * 0.0.0.0), a private network (10.x, 192.168.x, 172.16-31.x) or a name
 * kept for examples and tests (RFC 2606/6761: .example, .test,
 * .invalid, .localhost, example.com/.net/.org); NULL for any other.
 */
const char *urlbase_not_public(const char *url, size_t *hn);

/* Does url name a host kept for examples and tests (RFC 2606: .example,
 * .test, .invalid, example.com/.net/.org), which cannot be anyone's
 * site?  fabrique init's placeholder address is one. */
bool urlbase_is_example(const char *url);
/*
 * The host of a web address written where a file of the site is wanted
 * ("https://www.mairie.fr/logo.png", "//cdn.x/a.jpg": *hn bytes), NULL
 * for a file's name.  *name: the file's name in it ("logo.png"), *nn
 * bytes, to suggest the line to write.
 */
const char *urlbase_remote(const char *s, size_t *hn, const char **name,
                           size_t *nn);
/* What is said of it (a field's value, its host, the field's name and
 * the file's name): the body's images are told the same. */
#define URLBASE_REMOTE_FILE                                                    \
	"'%s' is an address on another site (%.*s), not a file of this "       \
	"site: every visitor's address would go to that site, which the "      \
	"site's legal notice rules out; download the file, save it beside "    \
	"this one and write its name: %s: %.*s"
/* Is path already under base ("/journee" or "/journee/...")?  False
 * when base is "". */
bool urlbase_under(const char *base, const char *path);

/*
 * path as a browser must request it: base + path for a path from the
 * site's root ("/programme/" -> "/journee/programme/"); path itself when
 * base is "", when it is not a path from the root ("https://…", "//host",
 * "#x", "x/") or when it is under base already.
 */
const char *urlbase_path(arena *a, const char *base, const char *path);

/*
 * Appends the n bytes of html to out, base put before every address from
 * the site's root in the attributes that hold one (href, src, action,
 * formaction, poster, data-index, each address of a srcset, the url= of
 * a meta refresh's content).  Comments and the insides of <script> and
 * <style> are copied as they are.  Nothing else changes.
 */
void urlbase_html(buf *out, const char *html, size_t n, const char *base);

#endif
