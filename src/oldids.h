/*
 * oldids.h - the site a build replaces, read for the names an older
 * fabrique gave its events: says, once, that they change.
 *
 * fabrique until November 2026 made a UID's "@host" of the host alone
 * and every Atom id of the page's url; since, the UID of a site under a
 * path names its path and a workshop's Atom id its edition (siteaddr.h).
 * A site published then and built by a newer fabrique would see every
 * such name change at once: residents' phones take the moved or
 * cancelled workshop for a new one, feed readers show every workshop
 * again (outside tester 29 F4).  site.yaml's « identifiants: 2026-11 »
 * keeps them; a webmaster who upgrades is told so by the first build
 * that would change them.  The previous output is only read to warn:
 * what the build writes depends on the source and site.yaml alone (a
 * clean build and an incremental one give the same bytes).
 */
#ifndef FABRIQUE_OLDIDS_H
#define FABRIQUE_OLDIDS_H

#include "diag.h"
#include "site.h"
#include "siteyaml.h"

/*
 * When out_dir is a site fabrique wrote (OUTGUARD_MARK) whose
 * programme.ics holds a UID, or flux.xml a workshop's id, in the older
 * form that this build writes in the newer one, and conf (the built
 * site.yaml) has no « identifiants », warns at site.yaml's url line:
 * what changes, what residents would see, the line that keeps them.
 * An event (diag_event_at()): --strict, as the hooks build, does not
 * refuse the push.  Nothing said when a file cannot be read.
 */
void oldids_warn(const site *s, const char *out_dir, const siteyaml *conf,
                 diag *d);

#endif
