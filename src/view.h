/*
 * view.h - the data templates see, computed once per page.
 *
 * Templates are logic-less, so everything they show is prepared here:
 * formatted dates and times, the time of day of a workshop, category and
 * quartier names with their URLs, published URLs of images.  These are
 * pure functions of a page's normalised fields and the site's settings;
 * site.c calls them once per page while the model is built.  docs/
 * lists every variable.
 */
#ifndef FABRIQUE_VIEW_H
#define FABRIQUE_VIEW_H

#include <stdbool.h>

#include "arena.h"
#include "date.h"
#include "value.h"

typedef struct view_env {
	arena *a;
	const value *i18n;   /* theme strings (i18n/fr.yaml) */
	const value *config; /* site.yaml, normalised */
	/* Registers a file of the document's folder for publication and
	 * returns its URL, or NULL if it does not exist. */
	const char *(*publish)(void *ctx, const char *doc_file,
	                       const char *path);
	/* Queues a photo of the document's folder for the photo pipeline;
	 * once processed, target gets PREFIXurl, PREFIXlargeur, ... (see
	 * docs/templates.md).  false if the file does not exist. */
	bool (*publish_image)(void *ctx, const char *doc_file, const char *path,
	                      value *target, const char *prefix);
	void *ctx;
	/* Dates and authors from git (history.h); NULL for a folder. */
	const struct history *history;
	/* A history date later than until (a commit from a computer whose
	 * clock was ahead) is shown as until_at, the start of the build's
	 * UTC day: never a day residents have not lived, and the same for
	 * every build of that day.  0: no limit. */
	long long until, until_at;
	/* Pages' category, quartier and tag views made so far, shared by
	 * every page naming the same one (1.5 KB a page when each had its
	 * own, ~250 bytes a tag);
	 * NULL: each page gets a copy.  terms_ready: terms already holds
	 * every page's (view_add_terms), and is only read (views made on
	 * several threads). */
	struct strmap *terms;
	bool terms_ready;
	/* true and false, one value each shared by every view (view_set_bool:
	 * eight a page, 32 bytes each, when each view had its own); NULL:
	 * made each time. */
	const value *yes, *no;
	/* The history's days, their texts, "updated on" sentences and
	 * seconds made so far, shared by every page showing the same one
	 * (the pages of one commit: ~480 bytes a page when each had its
	 * own); NULL: each page gets its own.  dates_ready: filled for every
	 * page (view_share_history()), and only read. */
	struct strmap *dates;
	bool dates_ready;
	/* The numbers of a workshop's slots, in its creneaux' order, as
	 * their identity across its file's history gives them (slotid.h);
	 * NULL: their places in the file, 1 first. */
	const size_t *slot_ids;
} view_env;

/* Sets m[key] to n and m[key_pluriel] to whether n takes the plural in
 * the site's language (1 in English, 0 and 1 in French are singular), so
 * a template says "1 atelier", "2 ateliers":
 * {{n}} {{#n_pluriel}}…{{/n_pluriel}}{{^n_pluriel}}…{{/n_pluriel}}. */
void view_set_count(const view_env *e, value *m, const char *key, long n);
/* view_set_count() for a count shown only when there is one
 * ({{#annules}} · {{annules}} …{{/annules}}): 0 is set as false, since
 * the template engine takes every number, 0 too, as true ("0 annulé"
 * was shown); made false here, no theme can show it. */
void view_set_count_shown(const view_env *e, value *m, const char *key, long n);
/* Sets m[key] to e's shared true or false (nothing writes into a view's
 * booleans). */
void view_set_bool(const view_env *e, value *m, const char *key, bool b);

/*
 * A page's view: its fields plus url, slug, cle, type, and the computed
 * fields of its kind.  meta is not modified; the view shares its values.
 * From the history: cree_le, mis_a_jour_le (+ _texte) and
 * historique_texte ("Mis à jour le 12 mars 2026"), each only when known;
 * auteurs, auteurs_texte and the names in historique_texte ("… par
 * Claire et Ahmed") only when site.yaml has historique.auteurs.
 * kind, url and key are shared, not copied: they must live as long as
 * e->a (the page's own strings do).
 */
value *view_page(const view_env *e, const value *meta, const char *kind,
                 const char *file, const char *url, const char *key);

/* Asks e->publish_image for the photos a page's fields meta name (its
 * image, a recap's photos), as view_page() does, each filling a map put
 * in v; for a site whose pages have errors, whose photos are checked
 * though no page is made (site_load()). */
void view_add_files(const view_env *e, value *v, const value *meta,
                    const char *file);

/* Puts the category, quartier and tag views of a page's fields into
 * e->terms
 * (as view_page() would), so that pages' views can then be made on
 * several threads with e->terms only read. */
void view_add_terms(const view_env *e, const value *meta);

/* Puts the history values of the page of file into e->dates (as
 * view_page() would), so that pages' views can then be made on several
 * threads with e->dates only read. */
void view_share_history(const view_env *e, const char *file);

/* An edition's view: its fields, annee, date_texte, heures formatted. */
value *view_edition(const view_env *e, const value *meta, int year,
                    const char *url);

/* The site's view: its settings plus categories/quartiers with URLs, and
 * annonce {texte, fin, fin_texte, lien} while its end date (fin) is not
 * before today, the build's day; false otherwise. */
value *view_site(const view_env *e, civil_date today);
/* The names under site. that view_site() sets for some sites only
 * (chemin: a site under a path), NULL-terminated; the site model's own
 * are added to them by site_view_sometimes(). */
extern const char *const view_site_sometimes[];

/* "matin", "apres-midi" or "journee" for a workshop from debut/fin. */
const char *view_moment(const char *debut, const char *fin);

/* {id, nom, url} for a category or quartier id, from the site lists. */
value *view_term(const view_env *e, const char *list, const char *id);

/* Where a workshop's calendar is published (calendar.c writes it, views
 * link to it): beside its page, URL + CALENDAR_FILE.  The programme's is
 * a whole-site file: wholesite.h WHOLESITE_CALENDAR. */
#define CALENDAR_FILE "atelier.ics"
/*
 * A workshop in two slots or more also has one calendar per slot, beside
 * it: creneau-1.ics, creneau-2.ics… in the order of its creneaux, each
 * holding that slot's one event under the UID it has in CALENDAR_FILE
 * (a resident who adds the 14 h slot gets that one, not all three, and
 * adding the whole workshop later does not make a copy of it).
 */
#define CALENDAR_SLOT_PREFIX "creneau-"
#define CALENDAR_SLOT_SUFFIX ".ics"

#endif
