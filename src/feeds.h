/*
 * feeds.h - the files that tell machines about the site: the Atom feed
 * /flux.xml (recaps, stories and the current edition's workshops, newest
 * first), /sitemap.xml (every published page) and /robots.txt (which
 * names the sitemap).
 *
 * URLs are absolute (site.yaml's url), entry ids are the pages' absolute
 * URLs (a workshop's: a tag URI with its edition's year, feeds.c), so
 * they stay the same from build to build.  An entry's <updated> is its
 * page's last commit, or its publier_le (for a recap: its edition's day)
 * when later; <published> its publier_le, else its first commit; the
 * commit's time without history: nothing depends on when the build runs.
 */
#ifndef FABRIQUE_FEEDS_H
#define FABRIQUE_FEEDS_H

#include "buf.h"
#include "diag.h"
#include "output.h"
#include "site.h"

#define FEEDS_MAX_ENTRIES 50

/* Writes flux.xml, sitemap.xml and robots.txt (o NULL: checks only).
 * cancelled: the theme's word put before a cancelled workshop's title
 * in the feed, as in the calendars (« Annulé : … »), joined as lang,
 * the site's language, joins them (ics_labelled()). */
int feeds_write(site *s, output *o, long long build_time, const char *cancelled,
                const char *lang, diag *d);

/* True for pages that are not content (404, offline fallback, an
 * alias's redirect, marked noindex): left out of the sitemap, the
 * search and the service worker's precache. */
bool feeds_page_hidden(const page *p);

/* The Atom id of p's entry, not escaped, in a: id_url (the site's
 * identity url, no trailing '/') and the page's url, or, for a workshop,
 * a tag URI naming its edition, unless url_ids (« identifiants:
 * 2026-11 », siteaddr.h).  Also what the build compares the site it
 * replaces with (oldids.h). */
const char *feeds_entry_id(arena *a, const char *id_url, const page *p,
                           bool url_ids);

/* Appends text escaped for XML character data and attribute values;
 * control characters XML forbids are dropped. */
void feeds_xml_text(buf *out, const char *s);

/* RFC 3339 time of midnight, local time of zone tz, on date
 * ("2026-05-23" -> "2026-05-23T00:00:00+02:00"); false if malformed. */
bool feeds_date_time(buf *out, const char *date, const char *tz);

/* RFC 3339 UTC time of a Unix time ("2026-01-01T00:00:00Z"). */
void feeds_utc_time(buf *out, long long t);

/*
 * An Atom entry's <updated> and <published>, the one rule of the feeds
 * fabrique writes (a commune's pages, a network's communes): <updated>
 * is when the entry last changed (changed, Unix time; its page's own
 * last commit, not the build's time, so a push does not mark every
 * entry updated), unless the day it appeared (day, "YYYY-MM-DD", at
 * midnight in tz) is not earlier; without either, build_time.
 * <published>: pub_day when given, else created when not after
 * <updated>; nothing else.  Appended to updated and published; returns
 * the <updated> instant (Unix time), to sort by.
 */
long long feeds_entry_dates(buf *updated, buf *published, const char *day,
                            const char *pub_day, long long changed,
                            long long created, const char *tz,
                            long long build_time);

#endif
