/*
 * site_url.c - slugs, references and URLs: each page's slug from its
 * file, the slug index used by references, publication (drafts,
 * publier_le) and the claim of each URL, so two pages never share one.
 */
#include "site_int.h"

#include <string.h>

#include "date.h"
#include "eventrev.h"
#include "jsonld.h"
#include "path.h"
#include "slotid.h"
#include "slug.h"
#include "url.h"
#include "utf8.h"
#include "wholesite.h"

/* The slug a page gets from its file: "x.md" -> x, "NAME/index.md" -> NAME */
static const char *
file_slug(site *s, const page *p)
{
	const char *base = path_base(p->key);
	return slug_make(s->a, base);
}

int
site_url_assign_slug(site *s, page *p)
{
	/* by its file, a page is found even when its slug is wrong or its
	 * front matter unread (p->slug stays NULL: not known) */
	strmap_put(s->by_key, p->key, p);
	if (p->raw == NULL)
		return 0;
	value *given = value_get(p->raw, "slug");
	const char *text = value_get_string(given);
	if (text != NULL) {
		if (strlen(text) > SLUG_MAX_LEN) {
			diag_at(s->d, DIAG_ERROR, given,
			        "this slug is %zu bytes long; a slug names a "
			        "folder of the site, which can be at most %d "
			        "bytes: shorten it",
			        strlen(text), SLUG_MAX_LEN);
			return -1;
		}
		if (!slug_is_valid(text)) {
			diag_at(s->d, DIAG_ERROR, given,
			        "slug may only hold lowercase letters (a-z), "
			        "digits and '-', like 'repeindre-le-preau'; "
			        "got '%s'",
			        text);
			return -1;
		}
		p->slug = arena_strdup(s->a, text); /* raw is dropped */
	} else {
		p->slug = file_slug(s, p);
		if (strlen(p->slug) > SLUG_MAX_LEN) {
			diag_report(
			    s->d, DIAG_ERROR, p->file, 0, 0,
			    "the URL made from this file name is %zu bytes "
			    "long, more than the %d a folder name can "
			    "hold; rename the file or set a shorter 'slug'",
			    strlen(p->slug), SLUG_MAX_LEN);
			return -1;
		}
		if (*p->slug == '\0') {
			diag_report(s->d, DIAG_ERROR, p->file, 0, 0,
			            "no URL can be made from this file name; "
			            "rename it with letters or digits, or set "
			            "'slug'");
			return -1;
		}
	}
	return 0;
}

/* Slugs shared by two pages cannot serve as references; mark them. */
static const page ambiguous;

void
site_url_index_slugs(site *s)
{
	strmap_reserve(s->by_slug, strmap_len(s->by_slug) + s->npages);
	for (size_t i = 0; i < s->npages; i++) {
		page *p = s->pages[i];
		if (p->slug == NULL)
			continue;
		page *prev = strmap_put(s->by_slug, p->slug, p);
		if (prev != NULL && prev != p)
			strmap_put(s->by_slug, p->slug, (void *)&ambiguous);
	}
}

/* The page published at folder/slug ("ateliers/preau" for the file
 * ateliers/Préau.md, or for a page whose 'slug' is preau): the path an
 * editor sees in the address bar names the page as well as its file's. */
static const page *
find_published(const site *s, const char *ref)
{
	const char *slash = strrchr(ref, '/');
	if (slash == NULL)
		return NULL;
	size_t dir = (size_t)(slash - ref);
	for (size_t i = 0; i < s->npages; i++) {
		const page *p = s->pages[i];
		if (p->slug == NULL || p->key == NULL ||
		    strcmp(p->slug, slash + 1) != 0)
			continue;
		const char *ks = strrchr(p->key, '/');
		if (ks != NULL && (size_t)(ks - p->key) == dir &&
		    strncmp(p->key, ref, dir) == 0)
			return p;
	}
	return NULL;
}

/*
 * A reference in front matter typed with its accents one way (composed,
 * as every keyboard types them) to a page whose file name has them the
 * other (decomposed, as macOS may save it), or the reverse: both sides
 * compared composed (utf8.c), as links in bodies are
 * (source_find_composed()).  A linear search, only once the exact
 * lookups missed and only for a reference with accents.
 */
static const page *
find_composed(const site *s, const char *ref)
{
	if (!utf8_beyond_ascii(ref))
		return NULL;
	buf want = BUF_INIT, key = BUF_INIT;
	utf8_put_nfc(&want, ref, strlen(ref));
	const page *found = NULL;
	for (size_t i = 0; i < s->npages && found == NULL; i++) {
		const page *p = s->pages[i];
		if (p->key == NULL || !utf8_beyond_ascii(p->key))
			continue;
		buf_reset(&key);
		utf8_put_nfc(&key, p->key, strlen(p->key));
		if (key.len == want.len &&
		    memcmp(key.data, want.data, want.len) == 0)
			found = strmap_get(s->by_key, p->key);
	}
	buf_free(&want);
	buf_free(&key);
	return found;
}

const page *
site_url_find_ref(const site *s, const char *ref)
{
	const page *p = strmap_get(s->by_key, ref);
	if (p == NULL)
		p = strmap_get(s->by_slug, ref);
	if (p == NULL)
		p = find_published(s, ref);
	if (p == NULL)
		p = find_composed(s, ref);
	return p == &ambiguous ? NULL : p;
}

/*
 * A reference that matches no page may still name a page whose slug is
 * not known (its front matter unread, or its slug refused): by that
 * slug, alone or after the page's folder.  Then nothing can be said of
 * it (an error about it would only follow from the other one).
 */
bool
site_url_ref_unknowable(const site *s, const char *ref)
{
	const char *slash = strrchr(ref, '/');
	const char *last = slash ? slash + 1 : ref;
	if (!slug_is_valid(last))
		return false;
	for (size_t i = 0; i < s->npages; i++) {
		const page *p = s->pages[i];
		if (p->slug != NULL || p->key == NULL)
			continue;
		const char *ks = strrchr(p->key, '/');
		size_t dir = slash ? (size_t)(slash - ref) : 0;
		if (slash == NULL ||
		    (ks != NULL && (size_t)(ks - p->key) == dir &&
		     strncmp(p->key, ref, dir) == 0))
			return true;
	}
	return false;
}

/* Drafts and pages whose publier_le is still ahead stay out. */
bool
site_url_is_published(const site *s, const page *p)
{
	return site_url_fields_published(s, p->meta);
}

bool
site_url_fields_published(const site *s, const value *fields)
{
	if (s->opts.drafts)
		return true;
	if (value_get_bool(value_get(fields, "brouillon")))
		return false;
	civil_date when;
	const char *at = value_get_string(value_get(fields, "publier_le"));
	return at == NULL || !date_parse(at, &when) ||
	       date_cmp(when, s->today) <= 0;
}

/* A page whose address is in the theme's folder (/assets/, outside
 * tester 30 F12): the server keeps what is there for ever in browsers,
 * so a correction would never reach a resident who saw it once.  Said
 * at the slug, or at the file when its name makes the address. */
static int
reserved_url(site *s, const page *p, const char *url)
{
	const value *at = value_get(p->raw, "slug");
	value_pos pos = at ? value_where(at) : value_where(p->raw);
	diag_report(s->d, DIAG_ERROR, p->file, pos.line, pos.col,
	            "the URL %s is in the folder of the theme's files, which "
	            "browsers keep for ever (a correction of this page would "
	            "never reach a resident who saw it): rename the file or "
	            "give it another 'slug'",
	            url);
	return -1;
}

/* What a page the theme makes (site_gen.c, no file of its own) is to an
 * editor, in English for diag_tr(): « taken by programme » named no
 * page they know (outside tester 33). */
static const char *
theme_page(const page *q)
{
	static const struct {
		const char *kind, *id, *said;
	} t[] = {{"accueil", NULL, "the home page"},
	         {"programme", NULL, "the programme page"},
	         {"liste", "ateliers", "the list of workshops"},
	         {"liste", "patrimoine", "the list of heritage stories"},
	         {"liste", "retours", "the list of photo recaps"},
	         {"edition", NULL, "an edition's page"},
	         {"categorie", NULL, "a category's page"},
	         {"quartier", NULL, "a neighbourhood's page"},
	         {"tag", NULL, "a tag's page"},
	         {"recherche", NULL, "the search page"},
	         {"hors-ligne", NULL, "the offline page"},
	         {"404", NULL, "the page of addresses not found"}};
	const char *id = value_get_string(value_get(q->view, "id"));
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (strcmp(q->kind, t[i].kind) == 0 &&
		    (t[i].id == NULL ||
		     (id != NULL && strcmp(id, t[i].id) == 0)))
			return t[i].said;
	return "a page";
}

/* where is the page's folder as a path ("/récits/x/"): its URL is that
 * path percent-encoded, its file where/index.html. */
int
site_url_claim_url(site *s, page *p, const char *where)
{
	const char *url = url_path(s->a, where);
	p->url = url;
	p->out = arena_printf(s->a, "%sindex.html", where + 1);
	if (wholesite_is_reserved(where))
		return reserved_url(s, p, url);
	page *other = strmap_put(s->by_url, url, p);
	if (other == NULL)
		return 0;
	strmap_put(s->by_url, url, other);
	const value *at = value_get(p->raw, "slug");
	value_pos pos = at ? value_where(at) : value_where(p->raw);
	if (other->file == NULL)
		diag_report(s->d, DIAG_ERROR, p->file, pos.line, pos.col,
		            "the URL %s is already taken by %s, which the "
		            "theme makes; give this page another 'slug', or "
		            "rename its file",
		            url, diag_tr(s->d, theme_page(other)));
	else
		diag_report(s->d, DIAG_ERROR, p->file, pos.line, pos.col,
		            "the URL %s is already taken by %s; rename one of "
		            "the files or give it another 'slug'",
		            url, other->file);
	return -1;
}

/* The folder of the page at path (relative to the site) with slug:
 * "/ateliers/x/", "/x/" for one of pages/ or at the top. */
static const char *
path_where(site *s, const char *path, const char *slug)
{
	const char *slash = strchr(path, '/');
	size_t n = slash ? (size_t)(slash - path) : 0;
	return n == 0 || strncmp(path, "pages", n) == 0
	           ? arena_printf(s->a, "/%s/", slug)
	           : arena_printf(s->a, "/%.*s/%s/", (int)n, path, slug);
}

int
site_url_assign_urls(site *s)
{
	int rc = 0;
	strmap_reserve(s->by_url, strmap_len(s->by_url) + s->npages);
	for (size_t i = 0; i < s->npages; i++) {
		page *p = s->pages[i];
		if (p->draft || p->path == NULL)
			continue;
		if (site_url_claim_url(s, p, path_where(s, p->path, p->slug)) !=
		    0)
			rc = -1;
	}
	return rc;
}

/* The address page p had under its former name old (relative to the
 * site), when it was a page's file there; NULL otherwise. */
static const char *
former_url(site *s, const char *old)
{
	if (!path_ends_with(old, ".md"))
		return NULL;
	const char *slug = slug_make(s->a, path_base(site_page_key(s->a, old)));
	return *slug != '\0' ? url_path(s->a, path_where(s, old, slug)) : NULL;
}

/*
 * Page p's file was called former, whose address old is now another
 * page's (tester22 F1: last year's workshop renamed, a new file given
 * its name for this year): no alias can lead old here, and bookmarks
 * and QR codes of old show that page.  Right for the same workshop's
 * next edition, so a note, which says what to do otherwise.
 */
static void
note_taken(site *s, const page *p, const page *q, const char *old,
           const char *former)
{
	value_pos at = value_where(p->meta);
	diag_report(s->d, DIAG_NOTE, p->file, at.line, at.col,
	            "this page changed address (%s \xE2\x86\x92 %s) when its "
	            "file %s was renamed, and the old address now shows the "
	            "page of %s: bookmarks and printed QR codes of the old "
	            "address lead there, which is right for another edition "
	            "of the same workshop; if they should lead here, give "
	            "that page another address ('slug:') and add the line "
	            "'alias: %s' to this page's front matter",
	            old, p->url, former, q->file, old);
}

void
site_url_warn_moved(site *s)
{
	size_t n;
	const char *const *files = history_renamed(s->history, &n);
	for (size_t i = 0; i < n; i++) {
		const char *rel = path_under(files[i], s->root);
		const page *p =
		    rel != NULL && path_ends_with(rel, ".md")
		        ? strmap_get(s->by_key, site_page_key(s->a, rel))
		        : NULL;
		if (p == NULL || p->url == NULL || p->draft ||
		    value_get(p->meta, "slug") != NULL)
			continue;
		const history_file *hf = history_get(s->history, files[i]);
		for (size_t k = 0; k < hf->nformer; k++) {
			const char *old = former_url(s, hf->former[k]);
			const page *q =
			    old != NULL ? strmap_get(s->by_url, old) : NULL;
			if (q != NULL && q->file != NULL &&
			    strcmp(q->file, p->file) != 0)
				note_taken(s, p, q, old, hf->former[k]);
			if (old == NULL || q != NULL)
				continue;
			/* a note: --strict (the hooks) never refuses
			 * for it; a rename made long ago, or of a page
			 * never published, would otherwise stop every
			 * push until an alias no one needs was added */
			value_pos at = value_where(p->meta);
			diag_report(
			    s->d, DIAG_NOTE, p->file, at.line, at.col,
			    "this page changed address (%s \xE2\x86\x92 "
			    "%s) when its file %s was renamed: links and "
			    "printed QR codes to the old address will not "
			    "work any more; add the line 'alias: %s' to its "
			    "front matter, which leads the old address here",
			    old, p->url, hf->former[k], old);
		}
	}
}

static bool
is_workshop_file(const page *p)
{
	return p->path != NULL && strcmp(p->kind, "atelier") == 0;
}

/* When page p's file was created (0: not known, a shallow clone). */
static long long
created_at(const site *s, const page *p)
{
	const history_file *hf = history_get(s->history, p->file);
	return hf != NULL ? hf->created : 0;
}

/* A workshop's first key: its file's oldest name that was a Markdown
 * file (the history lists the most recent first), or its own key when
 * it was never renamed or has no history. */
static const char *
first_key(site *s, const page *p)
{
	const history_file *hf = history_get(s->history, p->file);
	for (size_t k = hf != NULL ? hf->nformer : 0; k-- > 0;)
		if (path_ends_with(hf->former[k], ".md"))
			return site_page_key(s->a, hf->former[k]);
	return p->key;
}

/* Whether p had its first key (event_key) before q, which holds it now:
 * the older file keeps the UID residents' calendars already hold (a new
 * file given a renamed one's old name must not take its events).  A
 * file renamed away from the name had it first (the other could only
 * take it after), else the one created first; at a tie, page order. */
static bool
older(const site *s, const page *p, const page *q)
{
	bool p_moved = strcmp(p->key, p->event_key) != 0,
	     q_moved = strcmp(q->key, q->event_key) != 0;
	if (p_moved != q_moved)
		return p_moved;
	long long a = created_at(s, p), b = created_at(s, q);
	return a != 0 && (b == 0 || a < b);
}

/*
 * A workshop's calendar events keep their UID when its file is renamed
 * (fabrique itself advises renaming a file to match a new title): a UID
 * made of the new name gave subscribed calendars a new event and took
 * the old one away.  The UID is made of the file's first name; of two
 * files with the same first name (one renamed, then a new one given its
 * old name), the older keeps it and the other's is told apart by its
 * creation time, which no later rename changes.
 */
void
site_url_event_keys(site *s)
{
	arena *tmp = arena_new(); /* the holders: read here only */
	strmap *holder = strmap_new(tmp);
	strmap_reserve(holder, s->npages);
	for (size_t i = 0; i < s->npages; i++) {
		page *p = s->pages[i];
		if (!is_workshop_file(p))
			continue;
		p->event_key = first_key(s, p);
		const page *q = strmap_get(holder, p->event_key);
		if (q == NULL || older(s, p, q))
			strmap_put(holder, p->event_key, p);
	}
	for (size_t i = 0; i < s->npages; i++) {
		page *p = s->pages[i];
		if (!is_workshop_file(p) ||
		    strmap_get(holder, p->event_key) == p)
			continue;
		long long t = created_at(s, p);
		p->event_key =
		    t != 0 ? arena_printf(s->a, "%s-%lld", p->event_key, t)
		           : arena_printf(s->a, "%s~%s", p->event_key, p->key);
	}
	arena_free(tmp);
}

/* slotid_seen's fn: each version the slots' walk read, its schedule's
 * digest put into the schedules memo (ctx, eventrev_memo_text()). */
static void
memo_seen(void *ctx, const char *hex, const char *text, size_t len)
{
	eventrev_memo_text(ctx, hex, text, len);
}

/* Will the calendars read hf's versions on a cold build: a second
 * content of the file (eventrev's may_change(); one with a single
 * content and an edition's day or a zone changed since is read there,
 * its newest version, seldom a delta). */
static bool
versions_differ(const history_file *hf)
{
	for (size_t i = 1; hf != NULL && i < hf->nversions; i++)
		if (strcmp(hf->versions[i], hf->versions[0]) != 0)
			return true;
	return false;
}

/* One page's slot numbers (a site_task of site_url_slot_ids()): each
 * worker reads the file's versions through a handle of its own. */
static void
slot_task(site *s, size_t i, arena *a, void *ctx)
{
	page *p = s->pages[i];
	slotid_result r = {NULL, NULL, 0, 0, NULL, 0};
	if (is_workshop_file(p) && p->meta != NULL) {
		const history_file *hf = history_get(s->history, p->file);
		bool put = s->opts.schedules && s->revmemo != NULL &&
		           versions_differ(hf);
		slotid_seen memo = {memo_seen, s->revmemo};
		source_reader *rd = site_reader_take(s, ctx);
		if (rd == NULL)
			pthread_mutex_lock(&s->read_lock);
		slotid_numbers(rd != NULL ? source_reader_repo(rd)
		                          : source_repo(s->src),
		               hf, p->meta, a, put ? &memo : NULL, &r);
		if (rd == NULL)
			pthread_mutex_unlock(&s->read_lock);
		site_reader_give(ctx, rd);
	}
	p->slot_ids = r.numbers;
	p->lone_slot = r.lone;
	p->slots_gone = r.gone;
	p->nslots_gone = r.ngone;
	p->slot_aliases = r.alias;
	p->nslot_aliases = r.nalias;
}

/*
 * On the loading's threads: reading every version of every workshop
 * (and, for a build that makes calendars, parsing each for the
 * schedules memo) was 1.2 s on the main thread at 10,000 workshops
 * edited once each, a fifth of a cold build's wall time.
 */
void
site_url_slot_ids(site *s)
{
	if (source_repo(s->src) == NULL)
		return;
	site_readers *rs = site_readers_new(s, s->npages);
	site_load_each(s, s->npages, slot_task, rs);
	site_readers_free(rs);
}
