/*
 * site_int.h - the site model's internals, shared by site.c (loading),
 * site_url.c, site_link.c, site_gen.c and site_theme.c.  Private to those
 * files: everyone else uses site.h.
 */
#ifndef FABRIQUE_SITE_INT_H
#define FABRIQUE_SITE_INT_H

#include <pthread.h>
#include <stdbool.h>

#include "schema.h"
#include "scratch.h"
#include "site.h"
#include "strmap.h"
#include "history.h"
#include "siteaddr.h"
#include "loadcache.h"
#include "view.h"

/* A file linked from the content, and where it was first linked from
 * (file:line:col, for the message if its type is refused). */
struct pubfile {
	const char *tree, *out; /* out: "/" + its path in the output */
	const char *url;        /* out, percent-encoded */
	const char *from;
	unsigned line, col;
};

/* A link to a heading of page to ("#acces"), written in from at
 * line:col: dest as written, frag its part after '#', decoded. */
struct anchor_link {
	const page *from, *to; /* from: NULL for a url field */
	const char *file, *dest, *frag;
	unsigned line, col;
};

/* A photo for the pipeline: every view field that shows it (targets), and
 * once processed its fields for templates.  linked: found in Markdown
 * while rendering, published as the whole photo (out_base.jpg). */
struct target {
	value *v;
	const char *prefix;
};

struct image {
	const char *tree, *id, *out_base;
	struct target *targets;
	size_t ntargets, cap;
	const char *src; /* its URL once processed (or planned, if linked) */
	const char *picture; /* for an image of it (markdown_picture_dest) */
	bool linked;
};

/* A url field's path of this site ("/faq/"), where it was written: checked
 * once every page has its address (site_path.c). */
struct site_path {
	const char *path, *file;
	unsigned line, col;
};

typedef struct site_paths {
	struct site_path *v;
	size_t n, cap;
} site_paths;

/* A document's site_paths and the arena they are kept in. */
struct site_paths_in {
	site_paths *ps;
	arena *a;
};

/* editions/YYYY.yaml: the day itself. */
struct edition {
	int year;
	const char *file;
	value *raw, *meta, *view;
	/* the superEvent member of its workshops' JSON-LD (jsonld.h),
	 * written once (site_theme.c) */
	const char *jsonld_super;
};

struct site {
	arena *a;
	source *src;
	theme *th;
	schema *sc;
	site_opts opts;
	diag *d;
	const char *root; /* the site's path in the tree */
	value *config;    /* site.yaml, normalised */
	page **pages;
	size_t npages, cap;
	strmap *by_key, *by_slug, *by_url;
	struct edition *eds;
	size_t neds, capeds;
	struct edition *current;
	page **sorted; /* published content pages, in programme order */
	size_t nsorted;
	strmap *by_tag; /* tag slug -> list of views, in programme order */
	value *view, *edition_view;
	const value *yes, *no;     /* view_env's shared true and false */
	pthread_mutex_t lock;      /* guards files and published */
	pthread_mutex_t read_lock; /* serialises source reads of bodies */
	bool reread;   /* bodies are read again when rendered (git source) */
	loadcache *lc; /* pages loaded before, by blob (git source), or NULL */
	blobmemo *revmemo;         /* site_revmemo(), or NULL */
	size_t lc_hits, lc_misses; /* its counts, for --verbose */
	/* Pages to read and parse, on several threads (site_load.c), and
	 * the arenas their workers filled, freed with the site. */
	struct load_job *todo;
	size_t ntodo, captodo;
	/* The pages' entries in that cache, decoded on several threads
	 * before the pages are put in place (site_load_prefetch). */
	struct prefetched *pre;
	size_t npre, cappre, ipre;
	arena **warenas;
	size_t nwarenas;
	/* The arenas loading's workers parsed (or decoded from the cache)
	 * the pages' front matter as written in: nothing after the schema
	 * check and the URLs points into them (site_load_drop_raw). */
	arena **raw_arenas;
	size_t nraw_arenas;
	scratch *spill; /* of bodies, plain texts, or NULL */
	struct pubfile *files;
	size_t nfiles, capfiles;
	/* links to a heading, checked once pages are rendered (guarded by
	 * lock: render threads add to it) */
	struct anchor_link *anchor_links;
	size_t nanchor_links, capanchor_links;
	strmap *published;
	struct image *logo;    /* site.yaml's logo, a photo (site_logo()) */
	struct image **images; /* guarded by lock while rendering */
	size_t nimages, capimages;
	strmap *image_by_tree;
	strmap *image_by_out; /* by out_base: one photo per output name */
	/* every file the photos before the pages write, by its encoded
	 * address ("/retours/a-480.jpg"): its struct image (output_kind()) */
	strmap *photo_outs;
	bool unsafe, french;
	/* Errors stopped the model before its URLs were all known: links
	 * to pages are checked against their files (site_link.c). */
	bool incomplete;
	/* Every page has its address (and aliases theirs): links from the
	 * site's root can be checked, even when other errors stop the model. */
	bool urls_known;
	markdown_contact *contacts; /* see site_markdown_contacts() */
	size_t ncontacts, capcontacts;
	size_t md_max;    /* bytes a page's file may hold */
	history *history; /* NULL for a folder source */
	siteaddr addr;    /* site.yaml's urls over time (site_identity_url) */
	civil_date today; /* the commune's day at opts.today_at */
	/* site.yaml's url's path ("/journee"), or "" (site_path.c) */
	const char *subpath;
	site_paths paths; /* url fields' paths of this site, to check */
};

/* site_url.c: the key each workshop's calendar UIDs are made of
 * (page.event_key), kept through its file's renames. */
void site_url_event_keys(site *s);
/* The numbers of each workshop's slots (page.slot_ids), kept across its
 * file's history (slotid.h): once the history is read, before views. */
void site_url_slot_ids(site *s);

/* site.c */
const char *site_tree_path_of(site *s, const char *rel);
/* The edition a workshop belongs to: its own field, the year of its
 * date, or the current edition (0 when there is none). */
int site_workshop_year(const site *s, const page *p);

/* site_past.c: a workshop whose file was of an earlier edition on its
 * day (or realise), now of another, and not kept in that edition under
 * another name: a warning at its edition's line (outside tester 25
 * F1).  Needs the history (a git source). */
void site_past_check(site *s);
/* "ateliers/x.md" -> "ateliers/x"; "retours/fete/index.md" -> "retours/fete" */
const char *site_page_key(arena *a, const char *rel);
void site_add_page(site *s, page *p);

/* site_load.c: the site's pages read and parsed.  site_load_page() puts
 * the page of file f in its place (from the cache of loaded pages, or
 * queued); site_load_pages() parses the queue on several threads and
 * reports each page's diagnostics in the pages' order.  0, or -1 after
 * reporting an error. */
int site_load_page(site *s, const source_file *f, const char *rel,
                   const char *kind);
/* Before them: site_load_want() names, in the same order, the files
 * site_load_page() will be given, and site_load_prefetch() decodes their
 * cached front matter on several threads (the messages kept with it are
 * still reported by site_load_page(), in the files' order). */
void site_load_want(site *s, const source_file *f, const char *kind);
void site_load_prefetch(site *s);
int site_load_pages(site *s);
/* Frees every page's front matter as written (page.raw, then NULL),
 * once the pages are checked and have their URLs. */
void site_load_drop_raw(site *s);
/* Opens the cache of loaded pages (a git source, a cache folder), and
 * saves and closes it once every page is loaded. */
void site_load_open_cache(site *s);
void site_load_close_cache(site *s);
/*
 * A git source's bodies, once read and parsed, go to the site's scratch
 * file (made in the cache folder, removed from it at once; the plain
 * texts follow them there): the render worker reads a body back with
 * one pread instead of inflating its blob again (3.6 % of a cold
 * build, under the source's lock), and the bodies are still never all
 * in memory.  site_park_body() is called by a loading worker, once the
 * page is parsed; a body that could not be written is read from the
 * source again (site_page_body()).
 */
void site_spill_bodies(site *s);
void site_park_body(site *s, page *p);
/*
 * A task on item i of a pass over the site's pages, on several threads
 * (site_load_each): it may read the whole model but write only what
 * belongs to item i, and allocate only from a, its worker's arena (kept
 * with the site).  One thread (--jobs 1, or a few items) runs the items
 * in order on the main thread.
 */
typedef void site_task(site *s, size_t i, arena *a, void *ctx);
void site_load_each(site *s, size_t n, site_task *fn, void *ctx);
/* The same for a few tasks each worth a thread of its own (site_load_each
 * keeps fewer than 64 items on one thread). */
void site_load_tasks(site *s, size_t n, site_task *fn, void *ctx);
/*
 * The handles on the repository of a pass over n items (site_load_each),
 * one per worker at a time (source_reader: libgit2's objects are not
 * shared between threads): site_reader_take() gives one, or NULL when
 * the pass runs on one thread or the repository cannot be opened again;
 * with NULL the task reads through s->src, holding s->read_lock.
 */
typedef struct site_readers site_readers;
site_readers *site_readers_new(site *s, size_t n);
source_reader *site_reader_take(site *s, site_readers *rs);
void site_reader_give(site_readers *rs, source_reader *r);
void site_readers_free(site_readers *rs);
/*
 * The messages of one item of such a pass: the task reports into a diag
 * of its own (diag_new), site_notes_take() keeps them in the worker's
 * arena a (and frees that diag), and the main thread reports them with
 * site_notes_report() in the items' order, so what is printed never
 * depends on which thread ran first.
 */
typedef struct site_notes {
	arena *a;
	loadcache_note *v;
	size_t n, cap;
	bool error;
} site_notes;
void site_notes_take(diag *mine, arena *a, site_notes *out);
void site_notes_report(diag *d, const site_notes *ns);
view_env site_make_env(site *s);
struct edition *site_find_edition(site *s, int year);
/* An atelier belongs to an edition: its own field, the year of its date,
 * or the current edition; its date defaults to that edition's. */
void site_place_in_edition(site *s, page *p, arena *a);

/* site_url.c */
int site_url_assign_slug(site *s, page *p);
void site_url_index_slugs(site *s);
const page *site_url_find_ref(const site *s, const char *ref);
/* Drafts and pages whose publier_le is still ahead stay out. */
bool site_url_is_published(const site *s, const page *p);
/* The same, from the fields as written when they are not checked. */
bool site_url_fields_published(const site *s, const value *fields);
/* True when ref, matching no page, may name a page whose slug is not
 * known (site_url_assign_slug() left it NULL). */
bool site_url_ref_unknowable(const site *s, const char *ref);
/* Gives p the URL of the folder path where ("/ateliers/x/"), encoded;
 * -1 (reported) when another page has it. */
int site_url_claim_url(site *s, page *p, const char *where);
int site_url_assign_urls(site *s);
/*
 * A page whose file was renamed (git mv: the history's rename detection)
 * and whose address changed with it: residents' bookmarks and printed QR
 * codes lead to the old address, which no page serves any more.  A
 * warning at the file with the alias to add; none when the old address
 * is served (an alias, another page) or the page gives its slug.  Reads
 * only the files the history found renamed.
 */
void site_url_warn_moved(site *s);

/* site_gone.c: a warning at each workshop file the history saw deleted
 * while its workshop, published, is still to come (outside tester 25
 * F20), and at the creneaux of each workshop a slot still to come was
 * taken out of (tester 26 F1): residents' calendars never learn it is
 * cancelled. */
void site_gone_warn(site *s);

/* site_link.c */
/* p's body images (p->images) that are photos of the site, registered
 * for the photo stage like the photos its fields show. */
void site_link_body_images(site *s, const page *p);
bool site_link_view_publish_image(void *ctx, const char *doc_file,
                                  const char *path, value *target,
                                  const char *prefix);
/* where: the setting naming the file (its position is the origin). */
/* site.yaml's logo (path, relative to doc_file) when it is a photo of
 * the site: kept as s->logo for the photo stage, true; false otherwise
 * (an SVG drawing, a missing file). */
bool site_link_logo(site *s, const char *doc_file, const char *path);
const char *site_link_publish(site *s, const char *doc_file, const char *path,
                              arena *a, const value *where);
const char *site_link_view_publish(void *ctx, const char *doc_file,
                                   const char *path);
/* A front-matter reference ref (a recap's or a story's `ateliers:`) from
 * page from to page to whose name another file took since from was last
 * changed: the warning a body link to it gets (tester22 F1), at ref. */
void site_link_warn_ref_left(site *s, const page *from, const page *to,
                             const value *ref);
/* After errors that stop the model (s->incomplete): the Markdown of every
 * page whose body could be found, rendered for its messages only (links,
 * headings, images), so one check says them with the errors before. */
void site_link_check_bodies(site *s);

/* The link dest (its path: the first n octets) to write when its tree
 * path target differs from a page's file only by letter case, which a
 * Windows or macOS disk opens alike and git does not; else NULL. */
const char *site_link_case_hint(const site *s, const char *target,
                                const char *dest, size_t n, arena *a);

/* Publishes the file at tree path target, linked from file:line:col:
 * its URL, or NULL when the source has no such file.  Thread-safe. */
const char *site_link_publish_tree(site *s, const char *target,
                                   const char *from, unsigned line,
                                   unsigned col);

/* A link from page from to a heading of page to, checked once every page
 * is rendered (site_check_anchors): suffix is what follows the link's
 * path ("#acces"); nothing without a fragment.  Thread-safe. */
void site_link_note_anchor(site *s, const page *from, const page *to,
                           const char *dest, const char *suffix, unsigned line,
                           unsigned col);
/* The same for a url field's path of this site ("/faq/#horaires") in
 * file, which may be site.yaml: no page is the link's. */
void site_link_note_field_anchor(site *s, const char *file, const page *to,
                                 const char *dest, unsigned line, unsigned col);

/* site_path.c: site-absolute links and url fields ("/programme/"). */
/* Reads site.yaml's url's path (s->subpath), once it is loaded; -1 after
 * saying why the url cannot be a site's address. */
int site_path_prepare(site *s);
/* site_resolve_link() for a destination starting with one '/'. */
const char *site_path_resolve(site *s, const page *from, const char *dest,
                              unsigned line, unsigned col, arena *a, diag *d);
/* site_resolve_link() for an http(s) address: one on the site's own url
 * is checked as its path is; one on the editor's computer (localhost,
 * 127.0.0.1, [::1]: a preview's address) is an error; other links are
 * kept, an image from another host is an error (a third party). */
const char *site_path_resolve_web(site *s, const page *from, const char *dest,
                                  bool image, unsigned line, unsigned col,
                                  arena *a, diag *d);
/* The file of the site's folder (its path in the tree) that dest names
 * from the site's root ("/ateliers/lavoir/lavoir.jpg", under the url's
 * path if the site has one) or by the site's own address, without
 * "?query" or "#fragment"; NULL for any other dest.  Whether the file
 * exists is not checked. */
const char *site_path_tree(const site *s, const char *dest, arena *a);
/* A url field's path, where it was written, kept in a (a schema check's
 * site_path callback, on any thread); site_path_add() hands a page's
 * to the site, in the pages' order. */
void site_path_collect(site_paths *ps, arena *a, const value *where,
                       const char *path);
void site_path_add(site *s, const site_paths *ps);
/* Once every page has its address: each url field's path names one, or
 * is reported; -1 then. */
int site_path_check_fields(site *s);

/* site_gen.c */
page *site_gen_page(site *s, const char *role, const char *url,
                    const char *title);
const char *site_gen_title_of(site *s, const char *what, const char *fallback);
/* Generated URLs are claimed before content ones, so a page that takes
 * /programme/ is the one told about the conflict. */
void site_gen_reserve(site *s);
/* The current edition's programme: by time of day, category, quartier;
 * values in a. */
value *site_gen_programme(site *s, arena *a);
void site_gen_fill(site *s);
/*
 * Pages left out of this build leave the page list, so nothing renders
 * them; the indexes keep them, so a link to one says it is a draft
 * rather than that it does not exist.
 */
void site_gen_mark_drafts(site *s);

/* site_theme.c */
void site_theme_add_data(site *s);
int site_theme_add_aliases(site *s);
/* When the content has errors, site.yaml's colours are still checked
 * (site_theme_add_data() checks them otherwise): one check says every
 * error, and with --strict a low contrast is one. */
void site_theme_check_colours(site *s);
/* Previous and next page of the same kind, in programme order. */
void site_theme_add_navigation(site *s);

#endif
