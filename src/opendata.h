/*
 * opendata.h - the programme as open data: /programme.json and
 * /programme.csv, for aggregators (the network's site, OpenAgenda, a
 * département's agenda), and /programme-tableur.csv for the town hall's
 * spreadsheet.
 *
 * Both are made from the template data (page views), never from the raw
 * front matter: what is published is exactly what the site already shows,
 * so a referent's private e-mail or phone (schema `prive_sauf`) and the
 * edition's staff contacts never go out.  Field names follow OpenAgenda's
 * event model (docs/opendata.md gives the mapping); the file's JSON
 * Schema is themes/reseau/programme.schema.json, and `fabrique reseau`
 * checks every member against it.
 *
 * Dates are RFC 3339 date-times with the UTC offset of the site's zone on
 * that day (summer time included), from the project's one time-zone table.
 */
#ifndef FABRIQUE_OPENDATA_H
#define FABRIQUE_OPENDATA_H

#include <stdbool.h>

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "output.h"
#include "revtable.h"
#include "site.h"
#include "value.h"
#include "viewhash.h"

#define OPENDATA_FORMAT "fabrique-programme/1"

/* The programme as a value tree (what programme.json holds), in a. */
value *opendata_programme(site *s, arena *a);

/* CSV of a programme tree, one row per event, CRLF, UTF-8: programme.csv
 * (RFC 4180, ','), or with sheet programme-tableur.csv, the same cells
 * for a French spreadsheet (a BOM, ';', French column names, decimal
 * commas). */
void opendata_csv(const value *programme, bool sheet, buf *out);

/* Writes the three files (o NULL: computes only).  0, or -1 after
 * reporting. */
int opendata_write(site *s, output *o, diag *d);

/* Where each event's pieces (its JSON object and CSV rows) are kept
 * from one build to the next: the cache folder, and each page's view
 * digest over opendata_view_keys at least 3 levels deep (render.c),
 * keyed[i] false where page i has none.  got and put: how many events'
 * pieces were reused and made (--verbose). */
typedef struct opendata_records {
	const char *dir;
	const viewhash_digest *views;
	const bool *keyed;
	size_t got, put;
} opendata_records;

/* The same, writing only the files asked (a file kept from the last
 * build is not written again), the events' revisions taken from revs
 * when the calendars made them (revtable.h; NULL: read here), each
 * event's pieces kept in keep (NULL, or no dir or views: all made). */
int opendata_write_some(site *s, output *o, bool json, bool csv, bool sheet,
                        revtable *revs, opendata_records *keep, diag *d);

/*
 * Every key the programme reads from the views (the site's, the
 * editions', the workshops' and the maps they hold), NULL-terminated.
 * An incremental build digests the views for these keys too (render.c),
 * so that equal digests of every page mean an equal programme, which it
 * then keeps from the last build without reading a view.  A key read
 * here and missing there would keep a stale programme: add it to both.
 */
extern const char *const opendata_view_keys[];

#endif
