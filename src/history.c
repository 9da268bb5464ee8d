/*
 * history.c - creation and update dates and authors of every file of the
 * site, from one walk of the commit graph (see history.h).
 *
 * The walk is ours rather than git_revwalk's because a shallow clone's
 * boundary commits name parents that are not in the object database,
 * which makes git_revwalk fail outright: here a commit with a missing
 * parent is simply a boundary, whose files are not dated.
 *
 * Commits are visited children first (Kahn's order on the commit graph,
 * newest committer time first among the ready ones), so each file's
 * names in older commits are known before those commits are seen: a
 * rename "old -> new" found at a commit maps "old" to the final file for
 * every older commit.  On an ordinary commit the new name is unmapped
 * (older commits had another file there, if any); a merge keeps it,
 * because the merged branch may still hold the new name and will map it
 * again at its own commits.
 */
#include "history.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <git2.h>
#include <git2/sys/hashsig.h>

#include "arena.h"
#include "buf.h"
#include "phonelink.h"
#include "source.h"
#include "strmap.h"
#include "utf8.h"

struct author {
	const char *name;
	long long time;
};

struct entry {
	history_file pub;
	const char *full; /* its tree path at the built commit */
	struct author *au;
	size_t nau, cap;
	const char **former; /* pub.former, while the walk adds to it */
	size_t capformer;
	size_t *former_at;     /* pub.former_at, capformer long */
	const char **versions; /* pub.versions, while the walk adds to it */
	size_t capversions;
	size_t *version_at;      /* pub.version_at, capversions long */
	long long *version_time; /* pub.version_time, capversions long */
	bool has_created, created_unknown;
};

struct node {
	git_commit *c;
	size_t *par; /* indices of parents in the node array */
	unsigned npar;
	unsigned indeg; /* children not yet visited */
	bool boundary;  /* a parent is missing: shallow clone */
	long long time; /* committer time, for the visiting order */
};

struct history {
	arena *a;
	strmap *final;        /* tree path at the built commit -> entry */
	strmap *names;        /* path relative to the site, in older commits */
	strmap *left;         /* former name -> struct left, once walked */
	const char **renamed; /* entries' full paths with former names */
	size_t nrenamed, caprenamed;
	const char **hidden; /* author names holding a contact, once each */
	size_t nhidden, caphidden;
	strmap *hidden_set;
	history_gone *gone; /* deleted files (history_deleted()) */
	size_t ngone, capgone;
	strmap *gone_set; /* their paths relative to the site */
	const char *site;
	size_t commits, undated;
	bool shallow;
};

struct walk {
	history *h;
	git_repository *repo;
	git_mailmap *mailmap;
	diag *d;
	struct node *nodes;
	size_t n, cap;
	strmap *seen; /* commit id (hex) -> node index + 1 */
	size_t *heap;
	size_t nheap;
	const atomic_bool *stop; /* NULL, or set when the walk is not wanted */
	buf key; /* finish_cb()'s lookup key, made again for each file */
};

/* ---- The commit graph ----------------------------------------------- */

static size_t
node_index(struct walk *w, const git_oid *id)
{
	char hex[GIT_OID_HEXSZ + 1];
	git_oid_tostr(hex, sizeof(hex), id);
	return (size_t)(uintptr_t)strmap_get(w->seen, hex);
}

static size_t
add_node(struct walk *w, git_commit *c)
{
	if (w->n == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 256;
		w->nodes = xrealloc(w->nodes, w->cap * sizeof(*w->nodes));
	}
	struct node *nd = &w->nodes[w->n];
	memset(nd, 0, sizeof(*nd));
	nd->c = c;
	nd->time = (long long)git_commit_time(c);
	char hex[GIT_OID_HEXSZ + 1];
	git_oid_tostr(hex, sizeof(hex), git_commit_id(c));
	strmap_put(w->seen, arena_strdup(w->h->a, hex),
	           (void *)(uintptr_t)(w->n + 1));
	return w->n++;
}

/*
 * Links node i to its parents, discovering them; a parent missing from
 * the object database makes i a boundary with no parents at all (what a
 * shallow clone's graft says).  New nodes are pushed on the stack.
 */
static int
link_parents(struct walk *w, size_t i, size_t **stack, size_t *nstack)
{
	git_commit *c = w->nodes[i].c;
	unsigned np = git_commit_parentcount(c);
	size_t *par = arena_alloc(w->h->a, (np + 1) * sizeof(*par));
	for (unsigned k = 0; k < np; k++) {
		const git_oid *pid = git_commit_parent_id(c, k);
		size_t j = node_index(w, pid);
		if (j == 0) {
			git_commit *pc = NULL;
			int err = git_commit_lookup(&pc, w->repo, pid);
			if (err == GIT_ENOTFOUND) {
				git_error_clear();
				w->nodes[i].boundary = true;
				w->nodes[i].npar = 0;
				return 0;
			}
			if (err < 0)
				return -1;
			j = add_node(w, pc) + 1;
			*stack =
			    xrealloc(*stack, (*nstack + 1) * sizeof(**stack));
			(*stack)[(*nstack)++] = j - 1;
		}
		par[k] = j - 1;
	}
	w->nodes[i].par = par;
	w->nodes[i].npar = np;
	for (unsigned k = 0; k < np; k++)
		w->nodes[par[k]].indeg++;
	return 0;
}

/* Every commit reachable from the tip, depth first. */
static int
discover(struct walk *w, git_commit *tip)
{
	size_t *stack = xmalloc(sizeof(*stack)), nstack = 0;
	stack[nstack++] = add_node(w, tip);
	int rc = 0;
	while (rc == 0 && nstack > 0) {
		size_t i = stack[--nstack];
		rc = link_parents(w, i, &stack, &nstack);
	}
	free(stack);
	return rc;
}

/* The heap's order: newer first, then the one discovered first. */
static bool
before(const struct walk *w, size_t a, size_t b)
{
	const struct node *x = &w->nodes[a], *y = &w->nodes[b];
	return x->time != y->time ? x->time > y->time : a < b;
}

static void
heap_push(struct walk *w, size_t v)
{
	size_t i = w->nheap++;
	w->heap[i] = v;
	while (i > 0 && before(w, w->heap[i], w->heap[(i - 1) / 2])) {
		size_t p = (i - 1) / 2, t = w->heap[p];
		w->heap[p] = w->heap[i];
		w->heap[i] = t;
		i = p;
	}
}

static size_t
heap_pop(struct walk *w)
{
	size_t top = w->heap[0], i = 0;
	w->heap[0] = w->heap[--w->nheap];
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, m = i;
		if (l < w->nheap && before(w, w->heap[l], w->heap[m]))
			m = l;
		if (r < w->nheap && before(w, w->heap[r], w->heap[m]))
			m = r;
		if (m == i)
			return top;
		size_t t = w->heap[m];
		w->heap[m] = w->heap[i];
		w->heap[i] = t;
		i = m;
	}
}

/* ---- Recording ------------------------------------------------------ */

/* Grows an arena array of strings (*v, *n, *cap) by one. */
static void
push_name(arena *a, const char ***v, size_t *n, size_t *cap, const char *s)
{
	if (*n == *cap) {
		*cap = *cap ? 2 * *cap : 2;
		const char **nv = arena_alloc(a, *cap * sizeof(*nv));
		if (*n > 0)
			memcpy(nv, *v, *n * sizeof(*nv));
		*v = nv;
	}
	(*v)[(*n)++] = s;
}

/*
 * The author's name as UTF-8: git keeps the bytes the committer's set-up
 * wrote, and an old Windows one writes ISO-8859-1 (saying so in the
 * commit's "encoding" header, or not at all): such a name is read as
 * Latin-1, as git log shows it, so the page stays UTF-8.
 */
static const char *
author_name(history *h, const git_commit *c, const char *name)
{
	const char *enc = git_commit_message_encoding(c);
	bool latin1 = enc != NULL && (strcasecmp(enc, "ISO-8859-1") == 0 ||
	                              strcasecmp(enc, "ISO8859-1") == 0 ||
	                              strcasecmp(enc, "latin1") == 0 ||
	                              strcasecmp(enc, "latin-1") == 0);
	unsigned line, col;
	if (!latin1 && utf8_check(name, strlen(name), &line, &col))
		return name;
	buf b = BUF_INIT;
	utf8_put_latin1(&b, name);
	const char *s = arena_strdup(h->a, buf_cstr(&b));
	buf_free(&b);
	return s;
}

/* An e-mail address or a phone number (the one detection of phonelink)
 * in a git user.name: what people agreed to publish is their name. */
static bool
holds_contact(const char *name)
{
	size_t at;
	char digits[11];
	return strchr(name, '@') != NULL ||
	       phonelink_next(name, strlen(name), 0, &at, digits) > 0;
}

/* Keeps a name that must not be published, once, for history_hidden(). */
static void
hide_author(history *h, const char *name)
{
	if (strmap_get(h->hidden_set, name) != NULL)
		return;
	const char *n = arena_strdup(h->a, name);
	strmap_put(h->hidden_set, n, (void *)n);
	push_name(h->a, &h->hidden, &h->nhidden, &h->caphidden, n);
}

static void
add_author(history *h, struct entry *e, const char *name, long long t)
{
	for (size_t i = 0; i < e->nau; i++)
		if (strcmp(e->au[i].name, name) == 0) {
			if (t > e->au[i].time)
				e->au[i].time = t;
			return;
		}
	if (e->nau == e->cap) {
		e->cap = e->cap ? e->cap * 2 : 4;
		struct author *na = arena_alloc(h->a, e->cap * sizeof(*na));
		if (e->nau)
			memcpy(na, e->au, e->nau * sizeof(*na));
		e->au = na;
	}
	e->au[e->nau++] = (struct author){arena_strdup(h->a, name), t};
}

/* Appends blob id to e's versions, made by the walk's current commit
 * at time t (its author's). */
static void
add_version(history *h, struct entry *e, const git_oid *id, long long t)
{
	char hex[GIT_OID_HEXSZ + 1];
	git_oid_tostr(hex, sizeof(hex), id);
	size_t cap = e->capversions;
	push_name(h->a, &e->versions, &e->pub.nversions, &e->capversions,
	          arena_strdup(h->a, hex));
	e->pub.versions = e->versions;
	if (e->capversions != cap) {
		e->version_at =
		    arena_grow(h->a, e->version_at, cap * sizeof(size_t),
		               e->capversions * sizeof(size_t));
		e->version_time =
		    arena_grow(h->a, e->version_time, cap * sizeof(long long),
		               e->capversions * sizeof(long long));
		e->pub.version_at = e->version_at;
		e->pub.version_time = e->version_time;
	}
	e->version_at[e->pub.nversions - 1] = h->commits;
	e->version_time[e->pub.nversions - 1] = t;
}

/* The commit changed e's file, to blob id; added says it created it. */
static void
touch(struct walk *w, struct entry *e, git_commit *c, const git_oid *id,
      bool added)
{
	git_signature *sig = NULL;
	const git_signature *s = git_commit_author(c);
	if (git_commit_author_with_mailmap(&sig, c, w->mailmap) == 0)
		s = sig;
	long long t = (long long)s->when.time;
	add_version(w->h, e, id, t);
	if (e->pub.changed_at == 0)
		e->pub.changed_at = w->h->commits;
	if (e->pub.updated == 0 || t > e->pub.updated) {
		e->pub.updated = t;
		e->pub.updated_tz = s->when.offset;
	}
	if (added && (!e->has_created || t < e->pub.created)) {
		e->has_created = true;
		e->pub.created = t;
		e->pub.created_tz = s->when.offset;
	}
	const char *name = author_name(w->h, c, s->name != NULL ? s->name : "");
	if (holds_contact(name))
		hide_author(w->h, name);
	else
		add_author(w->h, e, name, t);
	git_signature_free(sig);
}

/* The site folder of a commit; NULL when the commit has none. */
static int
site_tree(struct walk *w, const git_commit *c, git_tree **out)
{
	git_tree *root = NULL;
	*out = NULL;
	if (git_commit_tree(&root, c) < 0)
		return -1;
	if (*w->h->site == '\0') {
		*out = root;
		return 0;
	}
	git_tree_entry *te = NULL;
	int rc = 0;
	if (git_tree_entry_bypath(&te, root, w->h->site) == 0) {
		if (git_tree_entry_type(te) == GIT_OBJECT_TREE)
			rc = git_tree_lookup(out, w->repo,
			                     git_tree_entry_id(te));
	} else
		git_error_clear();
	git_tree_entry_free(te);
	git_tree_free(root);
	return rc;
}

static bool
same_tree(const git_tree *a, const git_tree *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return git_oid_equal(git_tree_id(a), git_tree_id(b));
}

/* True when another parent of a merge holds the same file at path: the
 * change came from that branch and is counted at its commits. */
static bool
from_other_parent(struct walk *w, git_commit *c, const char *path,
                  const git_oid *id)
{
	bool same = false;
	for (unsigned k = 1; !same && k < git_commit_parentcount(c); k++) {
		git_commit *p = NULL;
		git_tree *t = NULL;
		git_tree_entry *te = NULL;
		if (git_commit_parent(&p, c, k) == 0 &&
		    site_tree(w, p, &t) == 0 && t != NULL &&
		    git_tree_entry_bypath(&te, t, path) == 0)
			same = git_oid_equal(git_tree_entry_id(te), id);
		git_error_clear();
		git_tree_entry_free(te);
		git_tree_free(t);
		git_commit_free(p);
	}
	return same;
}

/* e's file was called old before this commit, the walk's current one
 * (the walk goes from the newest commit back: the most recent name
 * comes first). */
static void
add_former(history *h, struct entry *e, const char *old)
{
	for (size_t i = 0; i < e->pub.nformer; i++)
		if (strcmp(e->former[i], old) == 0)
			return;
	if (e->pub.nformer == 0)
		push_name(h->a, &h->renamed, &h->nrenamed, &h->caprenamed,
		          e->full);
	size_t cap = e->capformer;
	push_name(h->a, &e->former, &e->pub.nformer, &e->capformer,
	          arena_strdup(h->a, old));
	e->pub.former = e->former;
	if (e->capformer != cap) {
		e->former_at =
		    arena_grow(h->a, e->former_at, cap * sizeof(size_t),
		               e->capformer * sizeof(size_t));
		e->pub.former_at = e->former_at;
	}
	e->former_at[e->pub.nformer - 1] = h->commits;
}

static void
apply_delta(struct walk *w, git_commit *c, const git_diff_delta *dd, bool merge)
{
	const char *path = dd->new_file.path;
	struct entry *e = strmap_get(w->h->names, path);
	if (e == NULL || dd->status == GIT_DELTA_DELETED)
		return;
	if (merge && from_other_parent(w, c, path, &dd->new_file.id))
		return;
	bool added = dd->status == GIT_DELTA_ADDED;
	touch(w, e, c, &dd->new_file.id, added);
	if (dd->status == GIT_DELTA_RENAMED) {
		add_former(w->h, e, dd->old_file.path);
		strmap_put(w->h->names,
		           arena_strdup(w->h->a, dd->old_file.path), e);
		if (!merge)
			strmap_put(w->h->names, path, NULL);
	} else if (added && !merge)
		strmap_put(w->h->names, path, NULL);
}

/*
 * The file rel (relative to the site), blob id, is not in commit c, the
 * walk's current one, but was in its parent: deleted there, unless the
 * built commit holds it again or a newer commit deleted it already.
 */
static void
add_gone(struct walk *w, git_commit *c, const char *rel, const git_oid *id)
{
	history *h = w->h;
	const char *full =
	    *h->site ? arena_printf(h->a, "%s/%s", h->site, rel) : rel;
	if (strmap_get(h->final, full) != NULL ||
	    strmap_get(h->names, rel) != NULL ||
	    strmap_get(h->gone_set, rel) != NULL)
		return;
	if (h->ngone == h->capgone) {
		size_t cap = h->capgone;
		h->capgone = cap ? 2 * cap : 4;
		h->gone = arena_grow(h->a, h->gone, cap * sizeof(*h->gone),
		                     h->capgone * sizeof(*h->gone));
	}
	char hex[GIT_OID_HEXSZ + 1], chex[GIT_OID_HEXSZ + 1];
	git_oid_tostr(hex, sizeof(hex), id);
	git_oid_tostr(chex, sizeof(chex), git_commit_id(c));
	const git_signature *sig = git_commit_author(c);
	const char *r = arena_strdup(h->a, rel);
	strmap_put(h->gone_set, r, (void *)r);
	h->gone[h->ngone++] = (history_gone){
	    full, arena_strdup(h->a, hex), arena_strdup(h->a, chex),
	    (long long)sig->when.time, sig->when.offset};
}

struct changes;
static bool is_done(const struct changes *ch, const char *path);

static int
diff_commit(struct walk *w, git_commit *c, git_tree *old, git_tree *new,
            const struct changes *ch)
{
	git_diff *diff = NULL;
	git_diff_find_options fo;
	git_diff_find_options_init(&fo, GIT_DIFF_FIND_OPTIONS_VERSION);
	fo.flags = GIT_DIFF_FIND_RENAMES;
	if (git_diff_tree_to_tree(&diff, w->repo, old, new, NULL) < 0 ||
	    git_diff_find_similar(diff, &fo) < 0) {
		git_diff_free(diff);
		return -1;
	}
	bool merge = git_commit_parentcount(c) > 1;
	size_t n = git_diff_num_deltas(diff);
	for (size_t i = 0; i < n; i++) {
		const git_diff_delta *dd = git_diff_get_delta(diff, i);
		if (dd->status == GIT_DELTA_DELETED && !merge)
			add_gone(w, c, dd->old_file.path, &dd->old_file.id);
		if (!is_done(ch, dd->new_file.path) &&
		    !is_done(ch, dd->old_file.path))
			apply_delta(w, c, dd, merge);
	}
	git_diff_free(diff);
	return 0;
}

/*
 * Most commits change a page or two and rename nothing: their changes are
 * found by comparing the trees directly, entry by entry, descending only
 * into folders whose ids differ.  git_diff does the same but rereads the
 * configuration files for each diff, which costs more than the rest of
 * the walk; it is kept for commits that both add and delete files, where
 * its rename detection is needed.
 */
struct change {
	const char *path;
	git_oid id, old; /* old: the id it had, when it was a file */
	bool added;
	bool done; /* applied as part of a rename (find_reused()) */
};

/* A file of the parent that is not in the commit (add_gone()). */
struct deleted {
	const char *path;
	git_oid id;
};

struct changes {
	struct change *v;
	size_t n, cap;
	struct deleted *del; /* the parent's files it does not hold */
	size_t ndel, capdel;
	size_t adds, dels, ndone;
	buf path;
};

/* Whether path's change was applied as part of a rename already. */
static bool
is_done(const struct changes *ch, const char *path)
{
	for (size_t i = 0; ch->ndone > 0 && i < ch->n; i++)
		if (ch->v[i].done && strcmp(ch->v[i].path, path) == 0)
			return true;
	return false;
}

/* A file changed to id, from old (NULL: it was added). */
static void
push_change(struct walk *w, struct changes *c, const char *name,
            const git_oid *id, const git_oid *old)
{
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 16;
		c->v = xrealloc(c->v, c->cap * sizeof(*c->v));
	}
	struct change *ch = &c->v[c->n++];
	*ch = (struct change){
	    .path = arena_printf(w->h->a, "%s%s", buf_cstr(&c->path), name),
	    .id = *id,
	    .added = old == NULL};
	if (old != NULL)
		ch->old = *old;
	c->adds += old == NULL;
}

static int compare_trees(struct walk *w, struct changes *c, const git_tree *old,
                         const git_tree *new);

static void
push_deleted(struct walk *w, struct changes *c, const char *path,
             const git_oid *id)
{
	if (c->ndel == c->capdel) {
		c->capdel = c->capdel ? c->capdel * 2 : 8;
		c->del = xrealloc(c->del, c->capdel * sizeof(*c->del));
	}
	c->del[c->ndel++] = (struct deleted){arena_strdup(w->h->a, path), *id};
}

struct deleted_walk {
	struct walk *w;
	struct changes *c;
	const char *prefix;
};

static int
deleted_cb(const char *dir, const git_tree_entry *te, void *payload)
{
	struct deleted_walk *dw = payload;
	if (git_tree_entry_type(te) == GIT_OBJECT_BLOB)
		push_deleted(dw->w, dw->c,
		             arena_printf(dw->w->h->a, "%s%s%s", dw->prefix,
		                          dir, git_tree_entry_name(te)),
		             git_tree_entry_id(te));
	return 0;
}

/* The old entry oe is not in the commit: its files are recorded (a
 * folder's, every one under it) for add_gone(). */
static int
note_deleted(struct walk *w, struct changes *c, const git_tree_entry *oe)
{
	const char *path = arena_printf(w->h->a, "%s%s", buf_cstr(&c->path),
	                                git_tree_entry_name(oe));
	if (git_tree_entry_type(oe) == GIT_OBJECT_BLOB) {
		push_deleted(w, c, path, git_tree_entry_id(oe));
		return 0;
	}
	if (git_tree_entry_type(oe) != GIT_OBJECT_TREE)
		return 0;
	git_tree *t = NULL;
	if (git_tree_lookup(&t, w->repo, git_tree_entry_id(oe)) < 0)
		return -1;
	struct deleted_walk dw = {w, c, arena_printf(w->h->a, "%s/", path)};
	int rc = git_tree_walk(t, GIT_TREEWALK_PRE, deleted_cb, &dw);
	git_tree_free(t);
	return rc;
}

/* One entry present in new (oe: its old counterpart, or NULL). */
static int
compare_entry(struct walk *w, struct changes *c, const git_tree_entry *oe,
              const git_tree_entry *ne)
{
	git_object_t nt = git_tree_entry_type(ne);
	git_object_t ot = oe ? git_tree_entry_type(oe) : GIT_OBJECT_INVALID;
	if (oe != NULL &&
	    git_oid_equal(git_tree_entry_id(oe), git_tree_entry_id(ne)))
		return 0;
	if (nt == GIT_OBJECT_BLOB) {
		if (ot == GIT_OBJECT_TREE)
			c->dels++;
		push_change(
		    w, c, git_tree_entry_name(ne), git_tree_entry_id(ne),
		    ot == GIT_OBJECT_BLOB ? git_tree_entry_id(oe) : NULL);
		return 0;
	}
	if (nt != GIT_OBJECT_TREE)
		return 0;
	if (ot == GIT_OBJECT_BLOB)
		c->dels++;
	git_tree *nsub = NULL, *osub = NULL;
	int rc = git_tree_lookup(&nsub, w->repo, git_tree_entry_id(ne));
	if (rc == 0 && ot == GIT_OBJECT_TREE)
		rc = git_tree_lookup(&osub, w->repo, git_tree_entry_id(oe));
	size_t len = c->path.len;
	buf_puts(&c->path, git_tree_entry_name(ne));
	buf_putc(&c->path, '/');
	if (rc == 0)
		rc = compare_trees(w, c, osub, nsub);
	c->path.len = len;
	c->path.data[len] = '\0';
	git_tree_free(nsub);
	git_tree_free(osub);
	return rc;
}

static int
compare_trees(struct walk *w, struct changes *c, const git_tree *old,
              const git_tree *new)
{
	size_t nn = new ? git_tree_entrycount(new) : 0;
	size_t on = old ? git_tree_entrycount(old) : 0;
	for (size_t i = 0; i < nn; i++) {
		const git_tree_entry *ne = git_tree_entry_byindex(new, i);
		const git_tree_entry *oe =
		    old ? git_tree_entry_byname(old, git_tree_entry_name(ne))
		        : NULL;
		if (compare_entry(w, c, oe, ne) < 0)
			return -1;
	}
	for (size_t i = 0; i < on; i++) {
		const git_tree_entry *oe = git_tree_entry_byindex(old, i);
		if (new == NULL || git_tree_entry_byname(
		                       new, git_tree_entry_name(oe)) == NULL) {
			c->dels++;
			if (note_deleted(w, c, oe) < 0)
				return -1;
		}
	}
	return 0;
}

static void
apply_change(struct walk *w, git_commit *c, const struct change *ch, bool merge)
{
	struct entry *e = strmap_get(w->h->names, ch->path);
	if (e == NULL)
		return;
	if (merge && from_other_parent(w, c, ch->path, &ch->id))
		return;
	touch(w, e, c, &ch->id, ch->added);
	if (ch->added && !merge)
		strmap_put(w->h->names, ch->path, NULL);
}

/* ---- A name given to a new file in the commit that renamed its own -- */

/* Pairs of files find_reused() compares by content in one commit, at
 * most: the same blob is always found. */
enum { REUSED_MAX_PAIRS = 16 };

/* How alike two blobs are, 0 to 100, by git's own measure for renames
 * (hashes of lines); 0 when one cannot be read. */
static int
similarity(git_repository *repo, const git_oid *a, const git_oid *b)
{
	git_blob *ba = NULL, *bb = NULL;
	git_hashsig *sa = NULL, *sb = NULL;
	const git_hashsig_option_t opt =
	    GIT_HASHSIG_SMART_WHITESPACE | GIT_HASHSIG_ALLOW_SMALL_FILES;
	int sim = 0;
	if (git_blob_lookup(&ba, repo, a) == 0 &&
	    git_blob_lookup(&bb, repo, b) == 0 &&
	    git_hashsig_create(&sa, git_blob_rawcontent(ba),
	                       (size_t)git_blob_rawsize(ba), opt) == 0 &&
	    git_hashsig_create(&sb, git_blob_rawcontent(bb),
	                       (size_t)git_blob_rawsize(bb), opt) == 0)
		sim = git_hashsig_compare(sa, sb);
	git_error_clear();
	git_hashsig_free(sa);
	git_hashsig_free(sb);
	git_blob_free(ba);
	git_blob_free(bb);
	return sim > 0 ? sim : 0;
}

/* Files of the same kind: the same extension, or none for both. */
static bool
same_ext(const char *a, const char *b)
{
	const char *sa = strrchr(a, '/'), *sb = strrchr(b, '/');
	const char *ea = strrchr(sa ? sa : a, '.'),
	           *eb = strrchr(sb ? sb : b, '.');
	return ea == NULL || eb == NULL ? ea == eb : strcasecmp(ea, eb) == 0;
}

/* How much of the changed file m's old content the added file a took:
 * 100 for the same blob, else its similarity when at least half and
 * more than m's new content kept; 0 when it took none. */
static int
took_content(struct walk *w, const struct change *a, const struct change *m,
             unsigned *budget)
{
	if (git_oid_equal(&a->id, &m->old))
		return 100;
	if (*budget == 0)
		return 0;
	(*budget)--;
	int to_a = similarity(w->repo, &m->old, &a->id);
	if (to_a < 50)
		return 0;
	return to_a > similarity(w->repo, &m->old, &m->id) ? to_a : 0;
}

/* a's file was m's until this commit, which gave m's name to a new
 * file: recorded as a rename, m's file created here. */
static void
apply_reused(struct walk *w, git_commit *c, struct changes *ch,
             struct change *a, struct change *m)
{
	struct entry *ea = strmap_get(w->h->names, a->path);
	struct entry *em = strmap_get(w->h->names, m->path);
	touch(w, ea, c, &a->id, false);
	add_former(w->h, ea, m->path);
	touch(w, em, c, &m->id, true);
	strmap_put(w->h->names, m->path, ea);
	strmap_put(w->h->names, a->path, NULL);
	a->done = m->done = true;
	ch->ndone += 2;
}

/*
 * A commit that renames a file and gives its old name to a new one (git
 * mv nettoyer.md nettoyer-2026.md, then a new nettoyer.md for the next
 * year) shows in the trees as nettoyer.md changed and nettoyer-2026.md
 * added, no file deleted: git's rename detection, which pairs deleted
 * files with added ones, sees no rename, and the 2026 workshop's history
 * would go on under the 2027 one.  It is a rename when the added file is
 * closer to the changed file's old content than its new content is (the
 * same blob, or more alike by git's measure, and at least half alike).
 * Only files of the built commit are compared, at most REUSED_MAX_PAIRS
 * pairs by content; merges are left out (what they bring is counted at
 * the merged branch's commits).
 */
static void
find_reused(struct walk *w, git_commit *c, struct changes *ch)
{
	unsigned budget = REUSED_MAX_PAIRS;
	for (size_t i = 0; i < ch->n; i++) {
		struct change *a = &ch->v[i];
		struct entry *ea = strmap_get(w->h->names, a->path);
		struct change *best = NULL;
		int most = 0;
		for (size_t j = 0; a->added && ea != NULL && j < ch->n; j++) {
			struct change *m = &ch->v[j];
			struct entry *em = strmap_get(w->h->names, m->path);
			if (m->added || m->done || em == NULL || em == ea ||
			    !same_ext(a->path, m->path))
				continue;
			int t = took_content(w, a, m, &budget);
			if (t > most) {
				most = t;
				best = m;
			}
		}
		if (best != NULL)
			apply_reused(w, c, ch, a, best);
	}
}

static int
changes_of(struct walk *w, git_commit *c, git_tree *old, git_tree *new)
{
	struct changes ch = {.path = BUF_INIT};
	buf_puts(&ch.path, "");
	bool merge = git_commit_parentcount(c) > 1;
	int rc = compare_trees(w, &ch, old, new);
	if (rc == 0 && !merge && ch.adds > 0 && ch.adds < ch.n)
		find_reused(w, c, &ch);
	if (rc == 0 && ch.adds > 0 && ch.dels > 0)
		rc = diff_commit(w, c, old, new, &ch);
	else if (rc == 0) {
		for (size_t i = 0; i < ch.n; i++)
			if (!ch.v[i].done)
				apply_change(w, c, &ch.v[i], merge);
		for (size_t i = 0; !merge && i < ch.ndel; i++)
			add_gone(w, c, ch.del[i].path, &ch.del[i].id);
	}
	free(ch.v);
	free(ch.del);
	buf_free(&ch.path);
	return rc;
}

static int
mark_undated(const char *dir, const git_tree_entry *te, void *payload)
{
	struct walk *w = payload;
	if (git_tree_entry_type(te) != GIT_OBJECT_BLOB)
		return 0;
	char *path =
	    arena_printf(w->h->a, "%s%s", dir, git_tree_entry_name(te));
	struct entry *e = strmap_get(w->h->names, path);
	if (e != NULL)
		e->created_unknown = true;
	return 0;
}

static int
visit(struct walk *w, size_t i)
{
	struct node *nd = &w->nodes[i];
	git_tree *tree = NULL, *ptree = NULL;
	git_commit *p = NULL;
	int rc = site_tree(w, nd->c, &tree);
	w->h->commits++;
	if (rc == 0 && nd->boundary) {
		w->h->shallow = true;
		if (tree != NULL)
			rc = git_tree_walk(tree, GIT_TREEWALK_PRE, mark_undated,
			                   w);
	} else if (rc == 0 && nd->npar > 0) {
		rc = git_commit_parent(&p, nd->c, 0);
		if (rc == 0)
			rc = site_tree(w, p, &ptree);
		if (rc == 0 && !same_tree(tree, ptree))
			rc = changes_of(w, nd->c, ptree, tree);
	} else if (rc == 0 && tree != NULL)
		rc = changes_of(w, nd->c, NULL, tree);
	git_tree_free(ptree);
	git_commit_free(p);
	git_tree_free(tree);
	return rc;
}

static int
visit_all(struct walk *w)
{
	w->heap = xmalloc((w->n + 1) * sizeof(*w->heap));
	heap_push(w, 0);
	int rc = 0;
	while (rc == 0 && w->nheap > 0) {
		if (w->stop != NULL && atomic_load(w->stop))
			return -1;
		size_t i = heap_pop(w);
		rc = visit(w, i);
		for (unsigned k = 0; k < w->nodes[i].npar; k++) {
			size_t p = w->nodes[i].par[k];
			if (--w->nodes[p].indeg == 0)
				heap_push(w, p);
		}
	}
	return rc;
}

/* ---- The files of the built commit ---------------------------------- */

static int
add_final(const char *dir, const git_tree_entry *te, void *payload)
{
	struct walk *w = payload;
	history *h = w->h;
	if (git_tree_entry_type(te) != GIT_OBJECT_BLOB)
		return 0;
	/* one string: the name in the site is the tail of the name in the
	 * repository (two copies of every file's path were 0.9 MB of a
	 * 10,000-page build's peak, issue 14) */
	const char *name = git_tree_entry_name(te);
	const char *full =
	    *h->site ? arena_printf(h->a, "%s/%s%s", h->site, dir, name)
	             : arena_printf(h->a, "%s%s", dir, name);
	const char *rel = *h->site ? full + strlen(h->site) + 1 : full;
	struct entry *e = arena_zalloc(h->a, sizeof(*e));
	e->full = full;
	strmap_put(h->final, full, e);
	strmap_put(h->names, rel, e);
	return 0;
}

/* Authors by their latest change, newest first; ties keep walk order. */
static void
finish_entry(history *h, struct entry *e)
{
	for (size_t i = 1; i < e->nau; i++) {
		struct author a = e->au[i];
		size_t j = i;
		for (; j > 0 && e->au[j - 1].time < a.time; j--)
			e->au[j] = e->au[j - 1];
		e->au[j] = a;
	}
	const char **names = arena_alloc(h->a, (e->nau + 1) * sizeof(*names));
	for (size_t i = 0; i < e->nau; i++)
		names[i] = e->au[i].name;
	e->pub.authors = names;
	e->pub.nauthors = e->nau;
	if (e->created_unknown || !e->has_created) {
		e->pub.created = 0;
		e->pub.created_tz = 0;
		h->undated++;
	}
}

static int
finish_cb(const char *dir, const git_tree_entry *te, void *payload)
{
	struct walk *w = payload;
	history *h = w->h;
	if (git_tree_entry_type(te) != GIT_OBJECT_BLOB)
		return 0;
	/* a key to look up only: in a buffer, not in the history's arena,
	 * where every file's was kept to the end of the build */
	buf_reset(&w->key);
	buf_printf(&w->key, "%s%s%s%s", h->site, *h->site ? "/" : "", dir,
	           git_tree_entry_name(te));
	struct entry *e = strmap_get(h->final, buf_cstr(&w->key));
	if (e != NULL)
		finish_entry(h, e);
	return 0;
}

/* Who left a name, and when (history_name_left()). */
struct left {
	const char *full;
	size_t at;
};

/* The names renamed files left, each to its most recent leaver: read
 * for every link to a page, so found once. */
static void
index_left(history *h)
{
	h->left = strmap_new(h->a);
	for (size_t i = 0; i < h->nrenamed; i++) {
		const struct entry *e = strmap_get(h->final, h->renamed[i]);
		for (size_t k = 0; e != NULL && k < e->pub.nformer; k++) {
			struct left *l = strmap_get(h->left, e->former[k]);
			if (l != NULL && l->at <= e->former_at[k])
				continue;
			if (l == NULL) {
				l = arena_zalloc(h->a, sizeof(*l));
				strmap_put(h->left, e->former[k], l);
			}
			*l = (struct left){e->full, e->former_at[k]};
		}
	}
}

static history *
history_new(const char *site_path)
{
	arena *a = arena_new();
	history *h = arena_zalloc(a, sizeof(*h));
	h->a = a;
	h->final = strmap_new(a);
	h->names = strmap_new(a);
	h->hidden_set = strmap_new(a);
	h->gone_set = strmap_new(a);
	h->site = arena_strdup(a, site_path != NULL ? site_path : "");
	return h;
}

static int
walk_from(struct walk *w, const char *commit)
{
	git_oid oid;
	git_commit *tip = NULL;
	git_tree *tree = NULL;
	if (git_oid_fromstr(&oid, commit) < 0 ||
	    git_commit_lookup(&tip, w->repo, &oid) < 0)
		return -1;
	if (site_tree(w, tip, &tree) < 0) {
		git_commit_free(tip);
		return -1;
	}
	int rc = 0;
	if (tree != NULL)
		rc = git_tree_walk(tree, GIT_TREEWALK_PRE, add_final, w);
	if (rc == 0)
		rc = discover(w, tip);
	if (rc == 0)
		rc = visit_all(w);
	if (rc == 0 && tree != NULL)
		rc = git_tree_walk(tree, GIT_TREEWALK_PRE, finish_cb, w);
	if (rc == 0)
		index_left(w->h);
	git_tree_free(tree);
	return rc;
}

/* The walk itself, reporting nothing: NULL when it failed (libgit2's
 * error left on this thread) or was stopped. */
static history *
walk(git_repository *repo, const char *commit, const char *site_path,
     const atomic_bool *stop)
{
	history *h = history_new(site_path);
	struct walk w = {
	    .h = h, .repo = repo, .seen = strmap_new(h->a), .stop = stop};
	if (git_mailmap_from_repository(&w.mailmap, repo) < 0)
		git_error_clear();
	int rc = walk_from(&w, commit);
	for (size_t i = 0; i < w.n; i++)
		git_commit_free(w.nodes[i].c);
	free(w.nodes);
	free(w.heap);
	buf_free(&w.key);
	git_mailmap_free(w.mailmap);
	if (rc < 0) {
		history_free(h);
		return NULL;
	}
	return h;
}

/* Trees are what the walk reads most: libgit2 keeps up to 1 MiB of them
 * (a process-wide setting). */
static void
cache_trees(void)
{
	git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, (int)GIT_OBJECT_TREE,
	                 (size_t)1 << 20);
}

static void
warn_shallow(const history *h, diag *d)
{
	if (h->shallow)
		diag_report(d, DIAG_WARNING, NULL, 0, 0,
		            "the repository is a shallow clone: %zu file(s) "
		            "have no known creation date, and their earlier "
		            "changes are unknown: calendars restart at "
		            "SEQUENCE 0 (a phone holding an event may then "
		            "ignore its next change), the feed dates its "
		            "entries to this commit, pages lose their "
		            "« updated » date; run 'git fetch --unshallow' "
		            "for the full history (in a CI job: fetch-depth: "
		            "0, or GIT_DEPTH: 0)",
		            h->undated);
}

history *
history_walk(git_repository *repo, const char *commit, const char *site_path,
             diag *d)
{
	cache_trees();
	history *h = walk(repo, commit, site_path, NULL);
	if (h == NULL)
		diag_report(d, DIAG_ERROR, NULL, 0, 0,
		            "cannot read the history of commit %.7s: %s",
		            commit, source_git_error());
	else
		warn_shallow(h, d);
	return h;
}

struct history_job {
	const source *src;
	char *commit, *site_path;
	history *h; /* the thread's walk, NULL if it could not make it */
	atomic_bool stop;
	pthread_t t;
	bool threaded;
};

/* The thread: its own handle on the repository (source_repo_reopen()). */
static void *
walk_thread(void *arg)
{
	history_job *j = arg;
	git_repository *repo = source_repo_reopen(j->src);
	if (repo != NULL)
		j->h = walk(repo, j->commit, j->site_path, &j->stop);
	git_error_clear();
	git_repository_free(repo);
	return NULL;
}

history_job *
history_start(const source *src)
{
	if (source_repo(src) == NULL || source_commit(src) == NULL)
		return NULL;
	cache_trees();
	history_job *j = xcalloc(1, sizeof(*j));
	j->src = src;
	j->commit = xstrdup(source_commit(src));
	j->site_path = xstrdup(source_site_path(src));
	atomic_init(&j->stop, false);
	j->threaded = pthread_create(&j->t, NULL, walk_thread, j) == 0;
	return j;
}

history *
history_finish(history_job *j, diag *d)
{
	if (j == NULL)
		return NULL;
	if (d == NULL)
		atomic_store(&j->stop, true);
	if (j->threaded)
		pthread_join(j->t, NULL);
	history *h = j->h;
	if (d == NULL) {
		history_free(h);
		h = NULL;
	} else if (h != NULL)
		warn_shallow(h, d);
	else
		h = history_walk(source_repo(j->src), j->commit, j->site_path,
		                 d);
	free(j->commit);
	free(j->site_path);
	free(j);
	return h;
}

void
history_free(history *h)
{
	if (h != NULL)
		arena_free(h->a);
}

const history_file *
history_get(const history *h, const char *path)
{
	const struct entry *e = h != NULL ? strmap_get(h->final, path) : NULL;
	return e != NULL ? &e->pub : NULL;
}

const char *const *
history_renamed(const history *h, size_t *n)
{
	*n = h != NULL ? h->nrenamed : 0;
	return h != NULL ? h->renamed : NULL;
}

const char *
history_name_left(const history *h, const char *rel, size_t *at)
{
	const struct left *l =
	    h != NULL && h->left != NULL ? strmap_get(h->left, rel) : NULL;
	*at = l != NULL ? l->at : 0;
	return l != NULL ? l->full : NULL;
}

const char *const *
history_hidden(const history *h, size_t *n)
{
	*n = h != NULL ? h->nhidden : 0;
	return h != NULL ? h->hidden : NULL;
}

const history_gone *
history_deleted(const history *h, size_t *n)
{
	*n = h != NULL ? h->ngone : 0;
	return h != NULL ? h->gone : NULL;
}

bool
history_shallow(const history *h)
{
	return h->shallow;
}

size_t
history_commits(const history *h)
{
	return h->commits;
}
