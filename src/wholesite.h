/*
 * wholesite.h - where the files made from the whole site are published:
 * the one home of their names.  The outputs that write them (calendar.c,
 * feeds.c, opendata.c, search.c, offline.c; site_gen.c the 404 page)
 * write them by these names, and site_path.c accepts a link "/NAME" to
 * each (wholesite_is_file()), so a new whole-site output named here is a
 * link target at once (tests/integration/rootlinks.sh links to every
 * file a build writes at the output's root).
 *
 * In the model's layer, not with the outputs: the model (site_path.c,
 * site_gen.c, view.c) must read the names, and may not include an
 * output.  Paths are relative to the output's root.
 */
#ifndef FABRIQUE_WHOLESITE_H
#define FABRIQUE_WHOLESITE_H

#include <stdbool.h>

/* the programme's calendar (calendar.c); a workshop's is beside its
 * page, view.h CALENDAR_FILE */
#define WHOLESITE_CALENDAR "programme.ics"
#define WHOLESITE_FEED "flux.xml"       /* Atom (feeds.c) */
#define WHOLESITE_SITEMAP "sitemap.xml" /* feeds.c */
#define WHOLESITE_ROBOTS "robots.txt"   /* feeds.c */
/* the programme as open data (opendata.c) */
#define WHOLESITE_OPENDATA_JSON "programme.json"
#define WHOLESITE_OPENDATA_CSV "programme.csv"
/* the same for a French spreadsheet (BOM, ';') */
#define WHOLESITE_OPENDATA_SHEET "programme-tableur.csv"
#define WHOLESITE_SEARCH_INDEX "recherche/index.json" /* search.c */
/* the web manifest and the service worker (offline.c) */
#define WHOLESITE_MANIFEST "manifest.webmanifest"
#define WHOLESITE_SERVICE_WORKER "sw.js"
/* the generated 404 page's file (site_gen.c), which hosts serve for an
 * address that names nothing */
#define WHOLESITE_NOT_FOUND "404.html"

/* the folder the theme's files are published in, under fingerprinted
 * names (theme.c), which docs/deploy.md §5 has the server keep for ever
 * in browsers: no page or alias may have an address in it */
#define WHOLESITE_ASSETS_DIR "assets"

/* Is path ("flux.xml", "recherche/index.json") one of the files above? */
bool wholesite_is_file(const char *path);
/* Is the address url ("/assets/", "/assets/x/") in a folder the build
 * keeps for its own files (WHOLESITE_ASSETS_DIR)? */
bool wholesite_is_reserved(const char *url);

#endif
