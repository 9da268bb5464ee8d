/*
 * siteaddr.h - the addresses a site was published at, read from the
 * versions of its site.yaml: the one its events are known by, and the
 * one it had just before.
 *
 * A calendar event's UID and an Atom entry's id are names, not
 * addresses: a phone holding an event updates or cancels it only while
 * its UID stays the same, a feed reader shows an entry again as new when
 * its id changes.  Both are made of the site's url; a commune that moves
 * its site (http to https, a new domain, a sub-path added: outside
 * tester 23 F2) keeps the url its events were first published under,
 * the url of the oldest version of site.yaml that names the same commune
 * (commune.nom and commune.insee those of the built site.yaml).  A
 * version naming another commune ends the search: a copy of another
 * commune's repository, given its own name and url, must not give its
 * events that commune's UIDs (two communes under one host, tester 22 F7).
 * A site whose url never changed gets its url: its names are the ones it
 * had, byte for byte.  site.yaml's url_identifiants, when given, is the
 * url its events are known by, whatever the history says: a site moved
 * before fabrique kept the first url, whose residents know the events by
 * the second, or a site built from a clone without its history.
 *
 * Which forms the names take: fabrique until November 2026 made a UID's
 * "@host" of the host alone, a site under a path too, and every Atom
 * id of the page's address; since, the UID names the site's path
 * (two communes under one host) and a workshop's Atom id is a tag URI
 * naming its edition (a workshop run again next year is a new entry).
 * A site published before keeps the names its residents hold with
 * site.yaml's « identifiants: 2026-11 » (outside tester 29 F4); the
 * default, and « 2026-12 », are the newer forms.
 */
#ifndef FABRIQUE_SITEADDR_H
#define FABRIQUE_SITEADDR_H

#include <stdbool.h>

#include "arena.h"
#include "history.h"
#include "value.h"

struct git_repository;

typedef struct siteaddr {
	/* the url the site's events are known by, its trailing '/' cut:
	 * the built url when it never changed, or with no history; an
	 * address kept for examples (urlbase_is_example(): init's
	 * placeholder) is not one residents knew it by, and is passed over */
	const char *first;
	/* site.yaml's url before the built one, when the last change to
	 * site.yaml (or the work tree's, not committed yet) changed it;
	 * NULL otherwise.  Trailing '/' cut. */
	const char *previous;
	/* the url site.yaml gave before the built one, however long ago
	 * it changed (fabrique redirect: the old address to send on);
	 * NULL when it never changed.  Trailing '/' cut. */
	const char *former;
	/* site.yaml says « identifiants: 2026-11 »: the names take the
	 * forms fabrique gave them until November 2026 */
	bool forms_2026_11;
} siteaddr;

/* The value of site.yaml's identifiants that keeps the older forms. */
#define SITEADDR_FORMS_2026_11 "2026-11"

/*
 * Reads the versions of site.yaml hf lists (history.h: each commit that
 * changed it, the newest first) from repo and fills out for config, the
 * built site.yaml.  repo NULL or hf NULL (a folder source, a file with
 * no history): first is config's url, previous NULL.  A version that
 * cannot be read or parsed is passed over.  Strings in a.
 */
void siteaddr_find(struct git_repository *repo, const history_file *hf,
                   const value *config, arena *a, siteaddr *out);

/* url with its trailing '/' cut, in a ("" for NULL). */
const char *siteaddr_trim(arena *a, const char *url);

#endif
