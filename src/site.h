/*
 * site.h - the site model: every page, its URL, and what templates see.
 *
 * site_load() reads every content file of the site from the source,
 * validates it against the theme's schema, gives each page a slug and a
 * URL, adds the pages the generator computes (home, programme, lists,
 * taxonomies, edition archives, 404), and builds the read-only template
 * data of each page.  After site_load() render threads share the model
 * read-only, with three exceptions, each with one writer: photo fields,
 * filled by the photo stage before rendering (site_image_fill); each
 * page's plain text and body, set and released by the one worker that
 * renders it (site_set_plain, site_release_body); and the registry of
 * files to publish (linked PDFs, images), which is locked.
 *
 * URLs: /ateliers/SLUG/, /patrimoine/SLUG/, /retours/SLUG/, /SLUG/ for
 * pages/, /programme/, /editions/YYYY/, /categories/ID/, /quartiers/ID/,
 * /tags/TAG/.  A page's slug is its file name (its folder name for a
 * retours/NAME/index.md bundle) unless a `slug` field says otherwise.
 */
#ifndef FABRIQUE_SITE_H
#define FABRIQUE_SITE_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "blobmemo.h"
#include "buf.h"
#include "diag.h"
#include "eventrev.h"
#include "hash.h"
#include "history.h"
#include "markdown.h"
#include "siteyaml.h"
#include "source.h"
#include "theme.h"
#include "value.h"

typedef struct site site;

typedef struct page {
	const char *file;   /* tree path, as shown in messages */
	const char *path;   /* path inside the site; NULL when generated */
	const char *key;    /* reference key: "ateliers/preau" */
	const char *kind;   /* schema kind, or the generated page's role */
	const char *layout; /* template name */
	const char *slug;
	const char *url; /* "/ateliers/preau/" */
	const char *out; /* "ateliers/preau/index.html" */
	/* front matter as written; NULL once loaded (the schema's
	 * normalised copy, meta, owns its bytes) */
	value *raw;
	value *meta; /* normalised by the schema */
	/* with meta NULL (its fields have errors): what could be checked
	 * (schema_env.partial), for the checks that do not depend on the
	 * fields refused; never published */
	value *partial;
	/* The Markdown body.  A git source's blobs cannot change, so its
	 * pages keep no text after loading (body NULL): the render worker
	 * reads the blob again (site_page_body), and a large site's bodies,
	 * most of its memory, are never all held at once.  A folder's files
	 * may be edited during the build, so their text stays until the page
	 * is rendered (site_release_body). */
	const char *body;
	size_t body_len;
	size_t body_off; /* where the body starts in the file */
	size_t text_len; /* the file's length when loaded */
	char *text;      /* the file as read: owns body; NULL if unread */
	/* a git source's body written to the site's scratch file when it
	 * was read and parsed (site_park_body()): read back from there,
	 * not inflated from its blob a second time */
	long long body_at;
	bool body_parked;
	unsigned body_line;
	bool has_body; /* a content page with a body (maybe not read) */
	/* Its body's image destinations as written (markdown_images),
	 * found when it is loaded (or kept by the load cache): the photos
	 * made into variants before the pages are rendered. */
	const char **images;
	size_t nimages;
	value *view; /* template data, read-only once loaded */
	bool draft;
	/* A workshop's calendar identity, from the history (a git source):
	 * the key its events' UIDs are made of, its file's first name kept
	 * through renames (NULL: key; site_url_event_keys()). */
	const char *event_key;
	/* The numbers of its slots in the order of its creneaux, what their
	 * UIDs and calendars are named by: each kept across the file's
	 * history when slots are added or moved (slotid.h; in s->a).  NULL:
	 * their places in the file, 1 first. */
	const size_t *slot_ids;
	/* Without creneaux, after a version that had some: the number of
	 * the slot its one event continues, whose UID it keeps (slotid.h);
	 * 0: the workshop's own UID. */
	size_t lone_slot;
	/* The creneau-N.ics addresses published before that its slots'
	 * own files no longer cover, each holding the event of one of its
	 * slots now (slotid.h slotid_alias; in s->a): old links keep
	 * working. */
	const struct slotid_alias *slot_aliases;
	size_t nslot_aliases;
	/* The slots its file's history had and its creneaux now lack (not
	 * cancelled first): a warning while still to come (site_gone.c;
	 * slotid.h, in s->a). */
	const struct slotid_gone *slots_gone;
	size_t nslots_gone;
	/* Plain text of the body, made once by the render worker of this
	 * page (site_set_plain) and read by calendars, feeds and search
	 * after the pool: three Markdown parses of each page became one. */
	char *plain;
	size_t plain_len;
	long long plain_off; /* in the site's scratch file, if parked */
	bool parked;         /* plain is in the scratch file, not here */
	/* or in this file (malloc'ed; a cached render's entry) at
	 * plain_off, when parked (site_plain_at) */
	char *plain_file;
	/* its digest (hash_raw()), made with it: what a calendar's key
	 * holds of it, without reading it back (site_plain_digest) */
	unsigned char plain_digest[HASH_RAW];
	bool plain_hashed;
	/* The ids of its body's headings, each ended by '\0', malloc'ed
	 * (NULL when it has none), set by the one worker rendering it
	 * (site_set_anchors); anchored once they are known.  Links to
	 * "page.md#id" are checked against them after the pool. */
	char *anchors;
	size_t anchors_len;
	bool anchored;
	const struct site *owner; /* set by site_add_page */
} page;

typedef struct site_opts {
	bool drafts;      /* publish drafts and future pages too */
	long long now;    /* build time: decides publier_le */
	const char *lang; /* UI language of the theme ("fr") */
	/* The instant whose day in the commune's time zone (site.yaml's
	 * fuseau) is "today" for publier_le, sign-up deadlines, past
	 * workshops and announcements; 0: now.  fabrique build --today
	 * gives the clock while now, for the outputs' dates, is the day's. */
	long long today_at;
	/* History dates (« Mis à jour le », the feed's, the calendars')
	 * later than until are shown as until_at (view_env): a day past the
	 * clock, or the clock when the commit is from the future; 0
	 * (SOURCE_DATE_EPOCH, which the caller chose): none */
	long long until, until_at;
	/* The cache folder: pages whose file is unchanged since a build
	 * are not parsed again (loadcache.h); NULL: nothing kept. */
	const char *cache;
	int jobs; /* threads that parse pages; 0: one per core */
	/* The calendars and open data will be made: the loading puts the
	 * schedule digest of each workshop version it reads into the
	 * schedules memo (eventrev_memo_text()); false for check, which
	 * makes neither. */
	bool schedules;
	/* site.yaml as the command read it (siteyaml.h), lives as long as
	 * the site; NULL: site_load() reads it. */
	const siteyaml *conf;
	/* With errors, site_load() returns the site still, incomplete
	 * (site_incomplete()), its photos gathered so that the caller can
	 * check them (photos.h) before site_free(); false: NULL. */
	bool keep_incomplete;
} site_opts;

/* Does the site folder hold a site.yaml?  If not, says so once, with
 * where a site is when fabrique was run in the wrong folder (inside a
 * site's folder, or above one), and returns false.  Read before the
 * output is checked, so that "no site here" is the one error. */
bool site_config_present(const siteyaml *sy, source *src, arena *a, diag *d);

/*
 * NULL if any error was reported (all problems are reported first), or,
 * with o->keep_incomplete, the site incomplete: only its photos may be
 * checked, then it is freed.  The
 * site and what it returns live in a, which must be freed right after
 * site_free() and never allocated from again: its reused chunks may by
 * then lie in the loading threads' arenas site_free() frees (a page's
 * view grown by a thread, then by the site).  One arena per site.
 */
site *site_load(source *src, theme *th, const site_opts *o, arena *a, diag *d);
void site_free(site *s);
/* Whether site_load() found errors (o->keep_incomplete): no page of it
 * may be made. */
bool site_incomplete(const site *s);

/* The history of page p's file (history.h): NULL for a generated page
 * or a folder source.  What a calendar's SEQUENCE is read from
 * (eventrev.h). */
const history_file *site_page_history(const site *s, const page *p);
/* What a workshop's events take from outside its file (eventrev.h): the
 * histories of the file of edition year (its day) and of site.yaml (the
 * zone); NULL members for a folder source or no such file.  Allocates
 * in the site's arena: from one thread. */
eventrev_base site_event_base(site *s, int year);
/* The site's source, for a reader on a thread of its own
 * (source_repo_reopen()). */
const source *site_source(const site *s);
/* The workshops' versions' schedule digests kept across builds (a git
 * source with a cache folder; else NULL), for the site's readers of old
 * versions (eventrev_new()); saved when the site is freed, once every
 * reader is done. */
blobmemo *site_revmemo(const site *s);

size_t site_page_count(const site *s);
/* Pages whose front matter came from the cache, and pages parsed, when
 * there was one (--verbose); both 0 without. */
void site_load_counts(const site *s, size_t *reused, size_t *parsed);
const page *site_page(const site *s, size_t i);
/* Data every template sees as {{site.…}}. */
const value *site_view(const site *s);
/* The current edition's data ({{edition.…}}), or NULL. */
const value *site_edition(const site *s);
bool site_unsafe_html(const site *s);
/* What page p's Markdown needs of the site's contacts: those the content
 * model keeps private (referents without public: true), which bodies must
 * not publish either, and the phone numbers and e-mail addresses it
 * publishes, the only ones its text gives without a question unless its
 * kind says 'contacts_publics: true'.  Sets mo->contacts and
 * mo->check_contacts;
 * p may be NULL (plain text only: no question). */
void site_markdown_contacts(const site *s, const page *p, markdown_opts *mo);
bool site_french(const site *s);
/* The path the site is published under, from site.yaml's url
 * (urlbase_of()): "/journee", or "" for a site at the domain's root. */
const char *site_base(const site *s);
/*
 * The url the site's events and feed entries are known by (siteaddr.h):
 * the first url site.yaml gave for this commune, its trailing '/' cut;
 * site.yaml's url when it never changed.  Calendars' UIDs, open data's
 * uids and the Atom ids are made of it, links of the current url.
 */
const char *site_identity_url(const site *s);
/* site.yaml's « identifiants: 2026-11 »: the UIDs and Atom ids take the
 * forms fabrique gave them until November 2026 (siteaddr.h). */
bool site_ids_2026_11(const site *s);
/* The "@host" of its events' UIDs: urlbase_uid_origin() of the identity
 * url, or its host alone with « identifiants: 2026-11 ».  In a. */
const char *site_uid_origin(const site *s, arena *a);

/*
 * Rewrites a relative link found in from's Markdown: a .md file becomes
 * that page's URL, another file of the repository is registered for
 * publication and gets its published URL; an image of a photo made into
 * variants before rendering (a page's body images, site_link_body_images)
 * gets its picture (markdown_picture_dest).  NULL after reporting an error
 * (missing page or file).  Thread-safe.
 */
const char *site_resolve_link(site *s, const page *from, const char *dest,
                              bool image, unsigned line, unsigned col, arena *a,
                              diag *d);

/*
 * Links to a heading ("lavoir.md#acces", "#horaires"): site_resolve_link()
 * notes each, site_set_anchors() keeps page i's headings' ids (toc, as
 * markdown_opts.toc gives them; same thread rule as site_set_plain), and
 * once every page is rendered site_check_anchors() reports, at the link,
 * each that names no id of its page: its headings', the other ids its
 * Markdown makes (notes, tables, raw HTML when allowed) and those the
 * theme's templates write.  Every build asks: a render reused from the
 * cache resolves its links again, so a heading renamed in one page is
 * checked against the unchanged pages linking to it.  0, or -1 after
 * reporting errors.
 */
void site_set_anchors(site *s, size_t i, const value *toc);

/*
 * A page without Markdown (the home page, the programme, a list) is
 * judged by the ids its HTML really writes, as the theme made them (the
 * programme's « Le matin » is #moment-matin): site_set_html_ids() keeps
 * them when the page is rendered (html: its HTML, '\0'-ended), and
 * site_check_anchors() asks html_again for the HTML of one kept from the
 * last build (not rendered this time) or to list the headings of one a
 * link misses.  html_again NULL (the site was not rendered): links to
 * such a page are not judged.
 */
typedef int (*site_html_fn)(void *ctx, const page *p, buf *html);
void site_set_html_ids(site *s, size_t i, const char *html);
/* The same for HTML met in pieces (a list written as it is rendered):
 * site_html_ids_scan() adds to ids those of html[from, n) and returns
 * where the scan resumes (the next piece must start one byte before it,
 * at what html holds there); last: no piece comes after.  Then
 * site_take_html_ids() gives them to page i (ids is emptied). */
size_t site_html_ids_scan(buf *ids, const char *html, size_t from, size_t n,
                          bool last);
void site_take_html_ids(site *s, size_t i, buf *ids);
int site_check_anchors(site *s, diag *d, site_html_fn html_again, void *ctx);

/*
 * Photos for the photo pipeline (photos.h): those the pages show (recap
 * photos, image fields, images of their bodies), then, once the pages
 * are rendered, those linked from Markdown (linked: publish the whole
 * photo as out_base.jpg).  site_image_fill() gives every view showing
 * photo i its fields (url, largeur, ...) and the body images their
 * picture; site_image_failed() says it could not be made (reported, so
 * not tried again as a linked one).  Call both before rendering, from the
 * main thread.  site_image_in_views(): some page's fields show photo i
 * (its thumbnails are precached, offline.h); false for one shown only by
 * bodies' images, which are not.
 */
size_t site_image_count(const site *s);
void site_image(const site *s, size_t i, const char **tree,
                const char **blob_id, const char **out_base, bool *linked);
void site_image_failed(site *s, size_t i);
bool site_image_in_views(const site *s, size_t i);
void site_image_fill(site *s, size_t i, const value *fields);
/* Photo i writes the file at path (relative to the output: its smaller
 * copies, "retours/a-480.webp"), so that no other file may land there
 * (site_photo_taken(), site_file_taken()).  From the main thread. */
void site_image_made(site *s, size_t i, const char *path);
/* Linked photo i, published whole (out_base.jpg), lands where the build
 * writes another file, a smaller copy of another photo: said at its
 * file; true after reporting (the photo is not made then).  Any photo i
 * in the content's assets/ folder: a warning (site_path.c). */
bool site_photo_taken(site *s, size_t i, diag *d);

/*
 * site.yaml's logo when it is a photo (logo.png, logo.jpg): made into
 * PNG variants by height before rendering (photos.c), so that the header
 * shows it at its own proportions, with its transparency, small (outside
 * tester 20 F15).  false when the site has none (or an SVG one, published
 * as it is).  site_logo_fill() gives the site's view its fields.
 */
bool site_logo(const site *s, const char **tree, const char **blob_id,
               const char **out_base);
/* The logo's fields in the site's view, {{site.logo_url}} and the
 * others (docs/templates.md): their names are site_theme.c's alone
 * (site_logo_field()), photos.c computes their values. */
enum site_logo_part {
	SITE_LOGO_URL,    /* the header's image (a 2x screen's); an SVG's */
	SITE_LOGO_SRCSET, /* every header size */
	SITE_LOGO_WIDTH,  /* its box in CSS pixels at the header's height */
	SITE_LOGO_HEIGHT,
	SITE_LOGO_ICON, /* a browser tab's */
	SITE_LOGO_BIG,  /* a phone's home screen's, for the manifest */
	SITE_LOGO_PARTS
};
typedef struct site_logo_fields {
	const char *url, *srcset, *icon, *big;
	int width, height;
} site_logo_fields;
void site_logo_fill(site *s, const site_logo_fields *f);
/* The site view's name of a logo field ("logo_srcset"), and its text in
 * this site's view, or NULL when the site has none (outputs read it). */
const char *site_logo_name(enum site_logo_part part);
const char *site_logo_field(const site *s, enum site_logo_part part);

/* The names under site. that the site's view has for some sites only
 * (logo_url: a site with a logo; chemin: one under a path; …), each from
 * the module that sets it, NULL-terminated, in a: a template naming one
 * is right where it is absent (theme_check_site_names()). */
const char *const *site_view_sometimes(arena *a);

/* Page p's schema.org Event as a JSON text (jsonld.h), made in a, or
 * NULL when it has none: what its view's "jsonld" stands for (the view
 * keeps only the text's digest, so that a large site's model does not
 * hold every workshop's).  Reads the views only: thread-safe. */
const char *site_page_jsonld(const site *s, const page *p, arena *a);

/* Stores page i's plain text (malloc'ed, now owned by the site).  Each
 * page is handled by one render worker, so no lock is needed.  digest:
 * its hash_raw() when already known (a cached render's, rendercache.h),
 * else NULL: made here. */
void site_set_plain(site *s, size_t i, char *text, size_t len,
                    const unsigned char *digest);
/*
 * From now on, plain texts parked by site_park_plain() go to a scratch
 * file made in dir (the output's temporary folder) and removed from the
 * folder at once: calendars and feeds read them back after rendering,
 * so a large site's texts never sit in memory all at once.  Without
 * dir, or if the file cannot be made or written, texts stay in memory.
 */
void site_spill_plain(site *s, const char *dir);
/*
 * Page i's plain text, as site_set_plain() stored it, is also at [off,
 * off + its length) of the file path (malloc'ed, now owned by the site):
 * a cached render's entry (rendercache.h), which the build does not
 * change.  site_park_plain() then lets the text go without writing it to
 * the scratch file, and it is read there again when asked: an edit build
 * reuses 10,000 renders and reads back a few of their texts.  Same
 * thread rule as site_set_plain.
 */
void site_plain_at(site *s, size_t i, char *path, long long off);
/* Moves page i's plain text to the scratch file, if there is one (or
 * lets it go, when it is in a file already: site_plain_at).  Same
 * thread rule as site_set_plain. */
void site_park_plain(site *s, size_t i);
/* Frees page i's Markdown once rendered: with site_set_plain done, the
 * body is not needed any more, and a large site's bodies are most of its
 * memory.  Same thread rule as site_set_plain. */
void site_release_body(site *s, size_t i);
/*
 * Page p's Markdown body: in memory, or read again from the source into
 * *owned (malloc'ed, for the caller to free; NULL when nothing was read).
 * NULL, reported, if the file cannot be read or changed since loading.
 * Thread-safe: reads from the source are serialised.
 */
const char *site_page_body(site *s, const page *p, char **owned);
/* True if the page has a body (now, or rendered and released). */
bool site_page_has_body(const page *p);
/* Appends a page's plain text: the stored copy, or made now. */
void site_plain_text(const page *p, buf *out);
/* The digest (hash_raw()) of what site_plain_text() appends, made when
 * site_set_plain() stored it: true and out, or false (none stored: a
 * page not rendered, or fabrique check). */
bool site_plain_digest(const page *p, unsigned char out[HASH_RAW]);

/* Files registered for publication (tree path -> output path). */
size_t site_file_count(site *s);
void site_file(site *s, size_t i, const char **tree_path,
               const char **out_path);
/* Where file i was first linked from: file:line:col (line 0 for a
 * setting such as site.yaml's logo). */
void site_file_origin(site *s, size_t i, const char **file, unsigned *line,
                      unsigned *col);
/* Whether file i would be published at a path the build writes itself
 * (a page, a whole-site file, a workshop's calendar, a theme asset):
 * then said at the file, as an error (site_path.c), and not to be
 * written. */
bool site_file_taken(site *s, size_t i, diag *d);
/* output_claim_fn for an output the site is written to (ctx the site):
 * the content's files whose output is relpath (pages, linked files,
 * photos and their variants), for the error on a path written twice. */
void site_output_claims(void *ctx, const char *relpath, buf *out);

/*
 * The conformance status an RGAA accessibility statement declares, from
 * its text: "totalement-conforme", "partiellement-conforme" or
 * "non-conforme" (the first of those phrases the text holds, emphasis
 * and line breaks ignored), or NULL if it states none.  The law asks the
 * footer of every page to show it.
 */
const char *site_conformance(const char *text, size_t len);

#endif
