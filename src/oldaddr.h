/*
 * oldaddr.h - fabrique redirect: what to leave at the old address of a
 * site that moved (a new domain, http to https, a sub-path).
 *
 * docs/deploy.md section 9 asked the webmaster to write by hand a sw.js
 * that removes the old service worker, redirections (301) for every
 * address and pages leading to the new one; copied and adapted by hand,
 * they were often wrong.  This writes them into one folder, the old
 * address's "kit", from the site's repository (the new address is
 * site.yaml's url, the old one the url it gave before, read in its
 * history: siteaddr.h) and the last build (the addresses published):
 *
 *   sw.js         served at the old root in place of the site's worker:
 *                 deletes fabrique's caches of that scope (the pages
 *                 kept with « Garder hors ligne » stay), unregisters
 *                 itself and reloads the open pages, which the
 *                 redirections then lead to the new address;
 *   PATH.html     for each page published, a page that leads to the
 *                 same page at the new address (meta refresh and a
 *                 link, in French), for hosts that cannot redirect;
 *   404.html      the same for any other address (a script keeps the
 *                 path), a link to the new home without it;
 *   .htaccess     Apache: 301 from every address to the same one under
 *                 the new address, sw.js excepted;
 *   nginx.conf    the same for the old address's nginx server block;
 *   LISEZMOI.txt  what to do with these files.
 *
 * The folder is written as a build's output is (output.h: a temporary
 * folder swapped in, nothing written outside it), and only into a
 * missing or empty folder or one this command wrote (OLDADDR_MARK): a
 * site's build, a deploy folder or any other folder is refused.
 */
#ifndef FABRIQUE_OLDADDR_H
#define FABRIQUE_OLDADDR_H

#include <stdbool.h>

#include "build.h"
#include "diag.h"

/* The file, beside OUTGUARD_MARK, that says a folder is a kit. */
#define OLDADDR_MARK ".fabrique-ancienne-adresse"

typedef struct oldaddr_opts {
	const char *site, *repo, *ref; /* as fabrique build takes them */
	const char *out;               /* the kit's folder */
	const char *built; /* the last build (NULL: public); a deploy
	                    * folder's current when it is one */
	const char *old;   /* the old address, NULL: from site.yaml's
	                    * history */
	bool quiet;
} oldaddr_opts;

/* Writes the kit; a build status (BUILD_USAGE when no old address is
 * known or it is the new one). */
enum build_status oldaddr_run(const oldaddr_opts *o, diag *d);

#endif
