#include "rendercache.h"

#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cachedir.h"
#include "fsutil.h"
#include "hash.h"

/* 2: the HTML's and the plain text's digests after the magic */
#define ENTRY_MAGIC "fabrique-render 2\n"

struct rendercache {
	char *dir;
	char exe[64]; /* the binary's size and mtime: a rebuilt fabrique
	                 may render differently under the same version */
	atomic_size_t hits, misses;
};

/* One relative link of a render and what it resolved to. */
struct link {
	const char *dest, *result;
	unsigned line, col;
	bool image;
};

struct note {
	diag_level lvl;
	const char *file, *msg;
	unsigned line, col;
};

/* What one render produced, as kept in an entry. */
struct entry {
	const char *html, *plain;
	size_t html_len, plain_len;
	struct link *links;
	size_t nlinks;
	struct note *notes;
	size_t nnotes;
	value *toc;
	size_t plain_off; /* where plain starts in the entry's file (load) */
	/* hash_raw() of html and plain, made when the render was (load) */
	unsigned char html_digest[HASH_RAW], plain_digest[HASH_RAW];
};

rendercache *
rendercache_open(const char *dir)
{
	rendercache *c = xcalloc(1, sizeof(*c));
	c->dir = dir != NULL ? xstrdup(dir) : NULL;
	cachedir_exe_id(c->exe, sizeof(c->exe));
	atomic_init(&c->hits, 0);
	atomic_init(&c->misses, 0);
	return c;
}

void
rendercache_free(rendercache *c)
{
	if (c == NULL)
		return;
	free(c->dir);
	free(c);
}

void
rendercache_counts(rendercache *c, size_t *hits, size_t *misses)
{
	*hits = c != NULL ? atomic_load(&c->hits) : 0;
	*misses = c != NULL ? atomic_load(&c->misses) : 0;
}

/* name, then 1 or 0. */
static void
put_flag(buf *b, const char *name, bool on)
{
	buf_puts(b, name);
	buf_putc(b, on ? '1' : '0');
}

/*
 * Everything the render depends on but its links.  A new field of
 * markdown_opts that changes the output must be added here; the struct's
 * size is in the key so that forgetting it at least costs a cold cache
 * rather than a stale page when the struct grows.
 */
static void
entry_key(const rendercache *c, const char *th, const markdown_opts *o,
          const diag *d, char key[HASH_HEX + 1])
{
	/* Asked for every page of every build (three times a page at
	 * 10,000 pages): plain copies and digits, not printf (a printf
	 * per part into a growing buffer was 3.6 % of an edit's
	 * instructions, one snprintf into the stack still 1.2 %).  The
	 * bytes, hence the keys, are those of before. */
	buf k = BUF_INIT;
	buf_grow(&k, 512);
	buf_puts(&k, ENTRY_MAGIC FABRIQUE_VERSION " ");
	buf_puts(&k, c->exe);
	buf_putc(&k, ' ');
	buf_puts(&k, diag_lang(d));
	buf_putc(&k, ' ');
	buf_put_digits(&k, (long long)sizeof(*o), 0);
	put_flag(&k, "\nunsafe ", o->unsafe);
	put_flag(&k, " french ", o->french);
	put_flag(&k, " title ", o->page_title);
	buf_puts(&k, " line ");
	buf_put_digits(&k, o->first_line, 0);
	put_flag(&k, " toc ", o->toc != NULL);
	put_flag(&k, " plain ", o->plain != NULL);
	put_flag(&k, " links ", o->resolve != NULL);
	buf_putc(&k, '\n');
	buf_puts(&k, o->file ? o->file : "");
	buf_putc(&k, '\n');
	buf_puts(&k, th);
	/* The contacts kept private, not to be published, and the phone
	 * numbers and addresses published, asked about otherwise
	 * (markdown.h). */
	for (size_t i = 0; i < o->ncontacts; i++)
		if (!o->contacts[i].published || o->check_contacts) {
			buf_puts(&k, o->contacts[i].published ? "\npublished "
			                                      : "\nprivate ");
			buf_puts(&k, o->contacts[i].value);
			buf_putc(&k, ' ');
			buf_puts(&k, o->contacts[i].where ? o->contacts[i].where
			                                  : "");
		}
	buf_puts(&k, o->check_contacts ? "\ncheck_contacts 1"
	                               : "\ncheck_contacts 0");
	hash_hex(k.data, k.len, key);
	buf_free(&k);
}

/* ---- entry files --------------------------------------------------- */

static void
put_u32(buf *b, size_t v)
{
	uint32_t u = (uint32_t)v;
	buf_put(b, &u, sizeof(u));
}

static void
put_str(buf *b, const char *s, size_t len)
{
	put_u32(b, len);
	buf_put(b, s, len);
}

/* A bounds-checked reader: a truncated or damaged entry is a miss. */
struct reader {
	const char *p, *end;
	bool bad;
};

static size_t
get_u32(struct reader *r)
{
	uint32_t u = 0;
	if ((size_t)(r->end - r->p) < sizeof(u)) {
		r->bad = true;
		return 0;
	}
	memcpy(&u, r->p, sizeof(u));
	r->p += sizeof(u);
	return u;
}

static const char *
get_str(struct reader *r, arena *a, size_t *len)
{
	size_t n = get_u32(r);
	if (r->bad || (size_t)(r->end - r->p) < n) {
		r->bad = true;
		return "";
	}
	const char *s = arena_strndup(a, r->p, n);
	r->p += n;
	if (len != NULL)
		*len = n;
	return s;
}

static void
get_raw(struct reader *r, unsigned char *out, size_t n)
{
	if (r->bad || (size_t)(r->end - r->p) < n) {
		r->bad = true;
		memset(out, 0, n);
		return;
	}
	memcpy(out, r->p, n);
	r->p += n;
}

/* A string of the entry left where it is in the entry's bytes (which
 * live in the caller's arena): the HTML and plain text, most of an
 * entry, are used by length only (replay()), so not copied again. */
static const char *
get_bytes(struct reader *r, size_t *len)
{
	size_t n = get_u32(r);
	if (r->bad || (size_t)(r->end - r->p) < n) {
		r->bad = true;
		*len = 0;
		return "";
	}
	const char *s = r->p;
	r->p += n;
	*len = n;
	return s;
}

static char *
entry_path(const rendercache *c, const char *key)
{
	size_t n = strlen(c->dir) + HASH_HEX + 8;
	char *p = xmalloc(n);
	snprintf(p, n, "%s/%.2s/%s", c->dir, key, key + 2);
	return p;
}

static void
serialize(buf *b, const struct entry *e)
{
	buf_puts(b, ENTRY_MAGIC);
	buf_put(b, e->html_digest, HASH_RAW);
	buf_put(b, e->plain_digest, HASH_RAW);
	put_str(b, e->html, e->html_len);
	put_str(b, e->plain, e->plain_len);
	size_t nt = e->toc != NULL ? value_len(e->toc) : 0;
	put_u32(b, nt);
	for (size_t i = 0; i < nt; i++) {
		const value *m = value_at(e->toc, i);
		const char *id = value_get_string(value_get(m, "id"));
		const char *tx = value_get_string(value_get(m, "texte"));
		put_u32(b, (size_t)value_get_number(value_get(m, "level")));
		put_str(b, id, strlen(id));
		put_str(b, tx, strlen(tx));
	}
	put_u32(b, e->nlinks);
	for (size_t i = 0; i < e->nlinks; i++) {
		const struct link *l = &e->links[i];
		put_str(b, l->dest, strlen(l->dest));
		put_str(b, l->result, strlen(l->result));
		put_u32(b, l->line);
		put_u32(b, l->col);
		put_u32(b, l->image);
	}
	put_u32(b, e->nnotes);
	for (size_t i = 0; i < e->nnotes; i++) {
		const struct note *n = &e->notes[i];
		put_u32(b, n->lvl);
		put_str(b, n->file ? n->file : "",
		        n->file ? strlen(n->file) : 0);
		put_u32(b, n->line);
		put_u32(b, n->col);
		put_str(b, n->msg, strlen(n->msg));
	}
}

/* temp file + rename(): a reader never sees half an entry, and two
 * builds writing the same entry at once both write whole files.  Its
 * folder (one of 256) is made only when the entry cannot be written
 * without it: a mkdir() per page, failing, was 0.6 % of a cold
 * 10,000-page build. */
static void
store(const rendercache *c, const char *key, const struct entry *e)
{
	char *path = entry_path(c, key);
	buf b = BUF_INIT;
	serialize(&b, e);
	if (fsutil_replace(path, b.data, b.len, NULL, 0) != 0 &&
	    errno == ENOENT) {
		char *slash = strrchr(path, '/');
		*slash = '\0';
		int ok = fsutil_mkdirs(path) == 0;
		*slash = '/';
		if (ok)
			fsutil_replace(path, b.data, b.len, NULL, 0);
	}
	buf_free(&b);
	free(path);
}

static void
toc_push(arena *a, value *toc, size_t level, const char *id, const char *text)
{
	value *m = value_map(a);
	value_set_int(a, m, "level", (long)level);
	value_set_str(a, m, "id", id);
	value_set_str(a, m, "texte", text);
	value_push(a, toc, m);
}

static void
parse_links(struct reader *r, arena *a, struct entry *e)
{
	e->nlinks = get_u32(r);
	if (r->bad || e->nlinks > (size_t)(r->end - r->p)) {
		r->bad = true;
		return;
	}
	e->links = arena_zalloc(a, (e->nlinks + 1) * sizeof(*e->links));
	for (size_t i = 0; i < e->nlinks && !r->bad; i++) {
		struct link *l = &e->links[i];
		l->dest = get_str(r, a, NULL);
		l->result = get_str(r, a, NULL);
		l->line = (unsigned)get_u32(r);
		l->col = (unsigned)get_u32(r);
		l->image = get_u32(r) != 0;
	}
}

static void
parse_notes(struct reader *r, arena *a, struct entry *e)
{
	e->nnotes = get_u32(r);
	if (r->bad || e->nnotes > (size_t)(r->end - r->p)) {
		r->bad = true;
		return;
	}
	e->notes = arena_zalloc(a, (e->nnotes + 1) * sizeof(*e->notes));
	for (size_t i = 0; i < e->nnotes && !r->bad; i++) {
		struct note *n = &e->notes[i];
		size_t lvl = get_u32(r);
		n->lvl = lvl == DIAG_ERROR     ? DIAG_ERROR
		         : lvl == DIAG_WARNING ? DIAG_WARNING
		                               : DIAG_NOTE;
		size_t fl;
		n->file = get_str(r, a, &fl);
		if (fl == 0)
			n->file = NULL;
		n->line = (unsigned)get_u32(r);
		n->col = (unsigned)get_u32(r);
		n->msg = get_str(r, a, NULL);
	}
}

/*
 * The entry file whole, in a: one open, fstat and read, straight into
 * the arena.  A check or build reusing every page reads 10,000 of them
 * (~110 MB at 10,000 pages): through stdio and a growing buffer, then
 * copied into the arena, each byte was copied three times before use.
 * NULL when it is missing, not a file, or not read whole.
 */
static char *
read_entry(const char *path, arena *a, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	struct stat st;
	char *data = NULL;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    (uintmax_t)st.st_size < UINT32_MAX) {
		size_t n = (size_t)st.st_size;
		data = arena_alloc(a, n + 1);
		if (fsutil_read_full(fd, data, n) == (ssize_t)n) {
			data[n] = '\0';
			*len = n;
		} else {
			data = NULL;
		}
	}
	close(fd);
	return data;
}

/* Reads the entry for key into e (in a); false if there is none or it is
 * damaged. */
static bool
load(const rendercache *c, const char *key, arena *a, struct entry *e)
{
	char *path = entry_path(c, key);
	size_t len = 0;
	char *data = read_entry(path, a, &len);
	free(path);
	if (data == NULL)
		return false;
	struct reader r = {data, data + len, false};
	size_t ml = strlen(ENTRY_MAGIC);
	if (len < ml || memcmp(data, ENTRY_MAGIC, ml) != 0)
		r.bad = true;
	r.p += r.bad ? 0 : ml;
	get_raw(&r, e->html_digest, HASH_RAW);
	get_raw(&r, e->plain_digest, HASH_RAW);
	e->html = get_bytes(&r, &e->html_len);
	e->plain = get_bytes(&r, &e->plain_len);
	e->plain_off = (size_t)(e->plain - data);
	size_t nt = get_u32(&r);
	e->toc = value_list(a);
	for (size_t i = 0; i < nt && !r.bad; i++) {
		size_t level = get_u32(&r);
		const char *id = get_str(&r, a, NULL);
		const char *tx = get_str(&r, a, NULL);
		toc_push(a, e->toc, level, id, tx);
	}
	parse_links(&r, a, e);
	parse_notes(&r, a, e);
	return !r.bad && r.p == r.end;
}

/* ---- rendering ----------------------------------------------------- */

/*
 * Stands between the Markdown renderer and the caller's resolver: keeps
 * each link and its result for the entry, and answers the links already
 * asked while checking a stale entry from those answers, so the resolver
 * (and its error messages) runs once per link.
 */
struct recorder {
	const markdown_opts *o;
	arena *a;
	const struct link *asked; /* links checked, results now */
	size_t nasked, next;
	struct link *links;
	size_t n, cap;
	bool failed;
};

static const char *
record(void *ctx, const char *dest, bool image, unsigned line, unsigned col)
{
	struct recorder *r = ctx;
	const char *res;
	size_t k = r->next++;
	const struct link *l = k < r->nasked ? &r->asked[k] : NULL;
	if (l != NULL && l->image == image && l->line == line &&
	    l->col == col && strcmp(l->dest, dest) == 0)
		res = l->result;
	else
		res = r->o->resolve(r->o->resolve_ctx, dest, image, line, col);
	if (res == NULL) {
		r->failed = true;
		return NULL;
	}
	if (r->n == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 16;
		r->links = xrealloc(r->links, r->cap * sizeof(*r->links));
	}
	r->links[r->n++] =
	    (struct link){arena_strdup(r->a, dest), res, line, col, image};
	return res;
}

struct notes {
	diag *d;
	arena *a;
	struct note *v;
	size_t n, cap;
};

/* Each diagnostic of the render goes to the build's collector (where
 * --strict makes warnings errors) and into the entry. */
static void
note(void *ctx, diag_level lvl, const char *file, unsigned line, unsigned col,
     const char *msg)
{
	struct notes *ns = ctx;
	diag_report(ns->d, lvl, file, line, col, "%s", msg);
	if (ns->n == ns->cap) {
		ns->cap = ns->cap ? 2 * ns->cap : 4;
		ns->v = xrealloc(ns->v, ns->cap * sizeof(*ns->v));
	}
	ns->v[ns->n++] =
	    (struct note){lvl, file ? arena_strdup(ns->a, file) : NULL,
	                  arena_strdup(ns->a, msg), line, col};
}

static int
render_fresh(rendercache *c, const char *key, const char *text, size_t len,
             const markdown_opts *o, struct recorder *rec, arena *a, buf *out,
             diag *d, rendercache_spot *spot)
{
	markdown_opts mo = *o;
	if (o->resolve != NULL) {
		mo.resolve = record;
		mo.resolve_ctx = rec;
	}
	diag *mine = diag_new(diag_lang(d));
	size_t start = out->len, pstart = o->plain ? o->plain->len : 0;
	int rc = markdown_render(text, len, &mo, a, out, mine);
	struct notes ns = {d, a, NULL, 0, 0};
	diag_each(mine, note, &ns);
	bool clean = diag_count(mine, DIAG_ERROR) == 0;
	diag_free(mine);
	if (rc == 0 && clean && !rec->failed && c != NULL && c->dir != NULL) {
		struct entry e = {out->data + start,
		                  o->plain ? o->plain->data + pstart : "",
		                  out->len - start,
		                  o->plain ? o->plain->len - pstart : 0,
		                  rec->links,
		                  rec->n,
		                  ns.v,
		                  ns.n,
		                  o->toc,
		                  0,
		                  {0},
		                  {0}};
		hash_raw(e.html, e.html_len, e.html_digest);
		hash_raw(e.plain, e.plain_len, e.plain_digest);
		store(c, key, &e);
		if (spot != NULL) { /* the caller's to use too */
			spot->hashed = true;
			memcpy(spot->html_digest, e.html_digest, HASH_RAW);
			memcpy(spot->plain_digest, e.plain_digest, HASH_RAW);
		}
	}
	free(ns.v);
	free(rec->links);
	return rc;
}

/* Asks the resolver again for each link of the entry; true if every one
 * gives the same URL.  The answers are kept in asked for a new render. */
static bool
links_same(const markdown_opts *o, const struct entry *e, arena *a,
           struct recorder *rec)
{
	struct link *asked = arena_zalloc(a, (e->nlinks + 1) * sizeof(*asked));
	rec->asked = asked;
	bool same = true;
	for (size_t i = 0; i < e->nlinks && same; i++) {
		const struct link *l = &e->links[i];
		asked[i] = *l;
		asked[i].result = o->resolve(o->resolve_ctx, l->dest, l->image,
		                             l->line, l->col);
		rec->nasked = i + 1;
		same = asked[i].result != NULL &&
		       strcmp(asked[i].result, l->result) == 0;
	}
	return same;
}

static void
replay(const struct entry *e, const markdown_opts *o, arena *a, buf *out,
       diag *d)
{
	buf_put(out, e->html, e->html_len);
	if (o->plain != NULL)
		buf_put(o->plain, e->plain, e->plain_len);
	for (size_t i = 0; o->toc != NULL && i < value_len(e->toc); i++)
		value_push(a, o->toc, value_at(e->toc, i));
	for (size_t i = 0; i < e->nnotes; i++) {
		const struct note *n = &e->notes[i];
		diag_report(d, n->lvl, n->file, n->line, n->col, "%s", n->msg);
	}
}

/*
 * The cached render for what names the text (the text's hash, or its
 * blob's id and place): replayed into out, o and d, true; false (a miss,
 * counted) when there is none or a link now resolves elsewhere, rec then
 * holding the links already asked.
 */
static bool
reuse(rendercache *c, const char *name, const markdown_opts *o, arena *a,
      buf *out, diag *d, struct recorder *rec, char key[HASH_HEX + 1],
      rendercache_spot *spot)
{
	entry_key(c, name, o, d, key);
	struct entry e = {0};
	if (load(c, key, a, &e) && (e.nlinks == 0 || o->resolve != NULL) &&
	    links_same(o, &e, a, rec)) {
		replay(&e, o, a, out, d);
		if (spot != NULL) {
			*spot = (rendercache_spot){entry_path(c, key),
			                           (long long)e.plain_off,
			                           e.plain_len,
			                           true,
			                           {0},
			                           {0}};
			memcpy(spot->html_digest, e.html_digest, HASH_RAW);
			memcpy(spot->plain_digest, e.plain_digest, HASH_RAW);
		}
		atomic_fetch_add(&c->hits, 1);
		return true;
	}
	atomic_fetch_add(&c->misses, 1);
	return false;
}

/* Both entry points after naming the entry (name NULL: no cache): the
 * stored rendering when it is there and sound, else text(ctx) rendered
 * and stored.  text() is called only on a miss: reading a blob back is
 * what the blob form saves. */
static int
render_named(rendercache *c, const char *name, rendercache_text_fn text,
             void *ctx, size_t len, const markdown_opts *o, arena *a, buf *out,
             diag *d, rendercache_spot *spot)
{
	if (spot != NULL)
		*spot = (rendercache_spot){NULL, 0, 0, false, {0}, {0}};
	static const markdown_opts defaults = {0};
	if (o == NULL)
		o = &defaults;
	char key[HASH_HEX + 1] = "";
	struct recorder rec = {.o = o, .a = a};
	if (name != NULL && reuse(c, name, o, a, out, d, &rec, key, spot))
		return 0;
	const char *t = text(ctx);
	if (t == NULL) {
		free(rec.links);
		return -1;
	}
	return render_fresh(c, key, t, len, o, &rec, a, out, d, spot);
}

/* The text given to rendercache_render(), as render_named() asks for
 * it (through a struct: the text stays const). */
struct given {
	const char *text;
};

static const char *
text_given(void *ctx)
{
	return ((const struct given *)ctx)->text;
}

int
rendercache_render(rendercache *c, const char *text, size_t len,
                   const markdown_opts *o, arena *a, buf *out, diag *d,
                   rendercache_spot *spot)
{
	char th[HASH_HEX + 1];
	const char *name = NULL;
	if (c != NULL && c->dir != NULL) {
		hash_hex(text ? text : "", text ? len : 0, th);
		name = th;
	}
	struct given g = {text ? text : ""};
	return render_named(c, name, text_given, &g, text ? len : 0, o, a, out,
	                    d, spot);
}

int
rendercache_render_blob(rendercache *c, const char *blob, size_t off,
                        size_t len, rendercache_text_fn text, void *ctx,
                        const markdown_opts *o, arena *a, buf *out, diag *d,
                        rendercache_spot *spot)
{
	/* not a text hash (hex only): the two kinds of name never meet;
	 * the bytes "blob %.40s at %zu+%zu" gave, without printf (every
	 * page of every build) */
	buf name = BUF_INIT;
	if (c != NULL && c->dir != NULL) {
		buf_puts(&name, "blob ");
		buf_put(&name, blob, strnlen(blob, 40));
		buf_puts(&name, " at ");
		buf_put_digits(&name, (long long)off, 0);
		buf_putc(&name, '+');
		buf_put_digits(&name, (long long)len, 0);
	}
	int r = render_named(c, name.data, text, ctx, len, o, a, out, d, spot);
	buf_free(&name);
	return r;
}
