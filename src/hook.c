/*
 * hook.c - pre-receive and post-receive hooks (see hook.h).
 *
 * The repository is opened as git's own commands open it inside a hook
 * (libgit2's GIT_REPOSITORY_OPEN_FROM_ENV): during pre-receive the pushed
 * objects are still in a quarantine folder that only the environment
 * names.
 *
 * Safe by default: what to check is read from the repository itself (the
 * published branch is HEAD's, the site is where site.yaml is), and when
 * the hook cannot decide, a push to the published branch is refused with
 * the reason, never let through unchecked.  What is checked is the state
 * that will be published, the new tip, strictly, in one build: an editor
 * who is refused recovers by committing a fix on top, without rewriting
 * history.  Earlier commits of a small push are checked too, but their
 * errors are only notes.  Messages follow the site's language (langue in
 * site.yaml), since git hooks seldom get the editor's LANG.
 */
#define _XOPEN_SOURCE 700 /* realpath() */
#include "hook.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <git2.h>

#include "arena.h"
#include "buf.h"
#include "date.h"
#include "deploy.h"
#include "siteyaml.h"
#include "source.h"
#include "strmap.h"
#include "xalloc.h"

/* Earlier commits of a push checked one by one (errors are notes); a
 * longer push is checked at its tip only, in one build. */
enum { HOOK_MAX_EARLIER = 8 };

/* Commits a forced push drops: named up to HOOK_SHOW_DROPPED, counted up
 * to HOOK_MAX_DROPPED (a bounded walk, whatever the history rewritten). */
enum { HOOK_SHOW_DROPPED = 10, HOOK_MAX_DROPPED = 10000 };

struct cfg {
	git_repository *repo;
	const char *path; /* the repository, for build_run() */
	char branch[256]; /* "refs/heads/master"; "" when undecidable */
	char site[1024];  /* configured SITE; "" to find site.yaml */
	bool site_arg;    /* SITE given to the hook, not fabrique.site */
	char out[4096];
	bool out_arg; /* out given to this hook only, not fabrique.out */
	int keep;
	bool strict; /* unknown fields are errors (fabrique.strict) */
};

struct update {
	char old[65], new[65], ref[1024];
};

/* What one tip is checked as: its site folder and language. */
struct target {
	git_oid tip;
	char hex[GIT_OID_HEXSZ + 1];
	char site[1024];
	char lang[8];
	/* The configured SITE holds no site.yaml in this commit; found:
	 * where site.yaml is instead ("" the root), "-" when nowhere. */
	bool misset;
	char found[256];
};

static bool
config_str(git_config *c, const char *name, char *out, size_t outsz)
{
	git_buf b = {0};
	bool found = c != NULL && git_config_get_string_buf(&b, c, name) == 0;
	if (found)
		snprintf(out, outsz, "%s", b.ptr);
	git_buf_dispose(&b);
	git_error_clear();
	return found;
}

/* The published branch: fabrique.branch, or the branch HEAD names (what
 * `git clone` checks out), whether or not it exists yet. */
static void
find_branch(struct cfg *c, git_config *gc)
{
	char name[200];
	git_reference *head = NULL;
	*c->branch = '\0';
	if (config_str(gc, "fabrique.branch", name, sizeof(name))) {
		snprintf(c->branch, sizeof(c->branch), "refs/heads/%s", name);
		return;
	}
	if (git_reference_lookup(&head, c->repo, "HEAD") == 0 &&
	    git_reference_type(head) == GIT_REFERENCE_SYMBOLIC &&
	    strncmp(git_reference_symbolic_target(head), "refs/heads/", 11) ==
	        0)
		snprintf(c->branch, sizeof(c->branch), "%s",
		         git_reference_symbolic_target(head));
	git_reference_free(head);
	git_error_clear();
}

static int
open_cfg(const hook_opts *o, struct cfg *c, diag *d)
{
	if (git_repository_open_ext(&c->repo, o->repo,
	                            GIT_REPOSITORY_OPEN_FROM_ENV, NULL) < 0) {
		/* a push by another user than the bare repository's owner
		 * (a shared repository, editors with their own accounts) */
		const char *gd = getenv("GIT_DIR");
		const char *at = o->repo ? o->repo : gd ? gd : ".";
		char *why = xstrdup(source_git_error());
		if (!source_report_foreign_owner(d, at, false))
			diag_report(d, DIAG_ERROR, at, 0, 0,
			            "cannot open the git repository of this "
			            "hook: %s",
			            why);
		free(why);
		return -1;
	}
	c->path = git_repository_path(c->repo);
	git_config *gc = NULL;
	if (git_repository_config_snapshot(&gc, c->repo) < 0)
		git_error_clear();
	find_branch(c, gc);
	if (!config_str(gc, "fabrique.site", c->site, sizeof(c->site)))
		*c->site = '\0';
	if (!config_str(gc, "fabrique.out", c->out, sizeof(c->out)))
		*c->out = '\0';
	int32_t keep = 0;
	if (gc == NULL || git_config_get_int32(&keep, gc, "fabrique.keep") < 0)
		keep = DEPLOY_KEEP_DEFAULT;
	int strict = 1;
	if (gc == NULL ||
	    git_config_get_bool(&strict, gc, "fabrique.strict") < 0)
		strict = 1;
	git_error_clear();
	c->strict = strict != 0;
	c->keep = o->keep > 0 ? o->keep : keep;
	c->site_arg = o->site != NULL;
	if (o->site != NULL)
		snprintf(c->site, sizeof(c->site), "%s", o->site);
	c->out_arg = o->out != NULL && *c->out == '\0';
	if (o->out != NULL)
		snprintf(c->out, sizeof(c->out), "%s", o->out);
	git_config_free(gc);
	return 0;
}

static bool
is_zero(const char *hex)
{
	return strspn(hex, "0") == strlen(hex);
}

/* One "OLD NEW REF" line of git's hook input; false at the end. */
static bool
read_update(FILE *in, struct update *u)
{
	char line[1200];
	while (fgets(line, sizeof(line), in) != NULL) {
		if (sscanf(line, "%64s %64s %1023s", u->old, u->new, u->ref) ==
		    3)
			return true;
	}
	return false;
}

/* ---- What to check: the site folder and its language ------------------ */

/* The blob at path in tree, or NULL. */
static git_blob *
tree_blob(git_repository *repo, git_tree *tree, const char *path)
{
	git_tree_entry *e = NULL;
	git_blob *b = NULL;
	if (git_tree_entry_bypath(&e, tree, path) == 0 &&
	    git_tree_entry_type(e) == GIT_OBJECT_BLOB)
		git_blob_lookup(&b, repo, git_tree_entry_id(e));
	git_tree_entry_free(e);
	git_error_clear();
	return b;
}

/* The site's language ("fr", "en"), from site.yaml's langue (its
 * default when it names none); "" when it cannot be read (the build will
 * say why; the branch's language is taken meanwhile). */
static void
site_lang(git_blob *yaml, char *out, size_t outsz)
{
	*out = '\0';
	if (yaml == NULL)
		return;
	arena *a = arena_new();
	siteyaml sy;
	siteyaml_parse(a, "site.yaml", git_blob_rawcontent(yaml),
	               (size_t)git_blob_rawsize(yaml), &sy);
	const char *l = sy.status == SITEYAML_OK ? siteyaml_lang(&sy) : NULL;
	if (l != NULL && strlen(l) >= 2) /* "fr-FR" is "fr" */
		snprintf(out, outsz, "%.2s", l);
	arena_free(a);
}

/* The site's folder as a tree path: "" for the root ("." or "./"), no
 * trailing '/'. */
static void
tree_dir(const char *site, char *out, size_t outsz)
{
	while (site[0] == '.' && site[1] == '/')
		site += 2;
	snprintf(out, outsz, "%s", strcmp(site, ".") == 0 ? "" : site);
	size_t n = strlen(out);
	while (n > 0 && out[n - 1] == '/')
		out[--n] = '\0';
}

/* Where site.yaml is in tree when the configured folder holds none: the
 * root or content/ (source_tree_site()), else the one top folder holding
 * it; "-" when there is no single place.  Its language is the site's. */
static void
locate_site(const struct cfg *c, git_tree *tree, struct target *t)
{
	int places, n = 0;
	const char *dir = source_tree_site(tree, &places);
	snprintf(t->found, sizeof(t->found), "%s", places > 0 ? dir : "-");
	for (size_t i = 0; places == 0 && i < git_tree_entrycount(tree); i++) {
		const git_tree_entry *e = git_tree_entry_byindex(tree, i);
		char p[300];
		snprintf(p, sizeof(p), "%s/site.yaml", git_tree_entry_name(e));
		git_blob *b = git_tree_entry_type(e) == GIT_OBJECT_TREE
		                  ? tree_blob(c->repo, tree, p)
		                  : NULL;
		if (b != NULL && ++n == 1)
			snprintf(t->found, sizeof(t->found), "%s",
			         git_tree_entry_name(e));
		git_blob_free(b);
	}
	if (n > 1) /* two candidate sites: no single place */
		snprintf(t->found, sizeof(t->found), "-");
	char p[300];
	snprintf(p, sizeof(p), "%s%ssite.yaml", t->found, *t->found ? "/" : "");
	git_blob *yaml =
	    strcmp(t->found, "-") != 0 ? tree_blob(c->repo, tree, p) : NULL;
	site_lang(yaml, t->lang, sizeof(t->lang));
	git_blob_free(yaml);
}

/*
 * Finds the site in the tip's tree: the configured folder, else where
 * source_tree_site() finds it (the root or content/, the one holding
 * site.yaml).  Neither or both: the hook cannot decide, and says so (-1).
 */
static int
find_site(const struct cfg *c, struct target *t, diag *d)
{
	git_commit *commit = NULL;
	git_tree *tree = NULL;
	if (git_commit_lookup(&commit, c->repo, &t->tip) < 0 ||
	    git_commit_tree(&tree, commit) < 0) {
		diag_report(d, DIAG_ERROR, NULL, 0, 0,
		            "cannot read the pushed commit %.7s: %s", t->hex,
		            source_git_error());
		git_commit_free(commit);
		return -1;
	}
	int rc = 0;
	const char *dir = c->site;
	if (*dir == '\0') {
		int places;
		dir = source_tree_site(tree, &places);
		if (places == 2) {
			diag_report(
			    d, DIAG_ERROR, NULL, 0, 0,
			    "commit %.7s has a site.yaml both at the root and "
			    "in content/: cannot tell which site to publish; "
			    "choose with 'git config fabrique.site content' "
			    "(or '.') in the server's repository",
			    t->hex);
			rc = -1;
		} else if (places == 0) {
			diag_report(
			    d, DIAG_ERROR, NULL, 0, 0,
			    "commit %.7s has no site.yaml, neither at the root "
			    "nor in content/: there is no site to check; add "
			    "site.yaml, or name the site's folder with 'git "
			    "config fabrique.site FOLDER' in the server's "
			    "repository",
			    t->hex);
			rc = -1;
		}
	}
	snprintf(t->site, sizeof(t->site), "%s", *dir ? dir : ".");
	char p[1100], in[1024];
	tree_dir(dir, in, sizeof(in));
	snprintf(p, sizeof(p), "%s%ssite.yaml", in, *in ? "/" : "");
	git_blob *yaml = tree_blob(c->repo, tree, p);
	site_lang(yaml, t->lang, sizeof(t->lang));
	t->misset = yaml == NULL && *c->site != '\0';
	if (t->misset)
		locate_site(c, tree, t);
	git_blob_free(yaml);
	git_tree_free(tree);
	git_commit_free(commit);
	return rc;
}

/* A language for diag_new(), which keeps the pointer: a literal. */
static const char *
lang_of(const char *site_lang, const char *dflt)
{
	if (*site_lang == '\0')
		return dflt;
	return strcmp(site_lang, "fr") == 0 ? "fr" : "en";
}

/* The tip's target; on failure the language is still the site's when
 * it could be read. */
static int
target_of(const struct cfg *c, const char *hex, struct target *t, diag *d)
{
	memset(t, 0, sizeof(*t));
	snprintf(t->hex, sizeof(t->hex), "%s", hex);
	if (git_oid_fromstr(&t->tip, hex) < 0) {
		diag_report(d, DIAG_ERROR, NULL, 0, 0,
		            "cannot read the pushed commit %.7s: %s", hex,
		            source_git_error());
		return -1;
	}
	return find_site(c, t, d);
}

/* The server names a site folder (fabrique.site, or the hook's SITE)
 * that the pushed commit has not: the webmaster's to correct, told with
 * the command that would, where the site is. */
static void
say_misset(const struct cfg *c, const struct target *t, diag *d)
{
	const char *name = c->site_arg ? "hooks/pre-receive" : "fabrique.site";
	bool none = strcmp(t->found, "-") == 0;
	const char *to = none ? "FOLDER" : *t->found ? t->found : ".";
	char fix[400];
	if (c->site_arg)
		snprintf(fix, sizeof(fix), "fabrique hook pre-receive %s", to);
	else
		snprintf(fix, sizeof(fix), "git config fabrique.site %s", to);
	if (none)
		diag_report(d, DIAG_ERROR, NULL, 0, 0,
		            "the server's setting %s (%s) names no folder of "
		            "commit %.7s holding site.yaml, and none holds one "
		            "(neither the root nor content/): the webmaster "
		            "must name the site's folder in the server's "
		            "repository ('%s')",
		            name, c->site, t->hex, fix);
	else if (*t->found == '\0')
		diag_report(d, DIAG_ERROR, NULL, 0, 0,
		            "the server's setting %s (%s) names no folder of "
		            "commit %.7s holding site.yaml, which is at the "
		            "root: the webmaster must correct the setting in "
		            "the server's repository ('%s'); there is nothing "
		            "to correct in your commits",
		            name, c->site, t->hex, fix);
	else
		diag_report(d, DIAG_ERROR, NULL, 0, 0,
		            "the server's setting %s (%s) names no folder of "
		            "commit %.7s holding site.yaml, which is in %s/: "
		            "the webmaster must correct the setting in the "
		            "server's repository ('%s'); there is nothing to "
		            "correct in your commits",
		            name, c->site, t->hex, t->found, fix);
}

/*
 * Finds what the tip hex is checked as, and returns a collector in the
 * site's language (else the environment's) holding the reasons when it
 * cannot be decided; t->site is then "".  Found once quietly, for the
 * language, then again into the collector.
 */
static diag *
target_diag(const struct cfg *c, const char *hex, const char *before,
            struct target *t)
{
	struct target prev = {.misset = true};
	diag *quiet = diag_new("en");
	int rc = target_of(c, hex, t, quiet);
	bool had = before != NULL && !is_zero(before);
	if (had && (*t->lang == '\0' || t->misset))
		target_of(c, before, &prev, quiet);
	/* No language in the pushed tip (no site.yaml): the branch's. */
	if (had && *t->lang == '\0')
		memcpy(t->lang, prev.lang, sizeof(t->lang));
	diag_free(quiet);
	diag *d = diag_new(lang_of(t->lang, NULL));
	/* The configured folder was the site's before this push: the push
	 * moved it, and the build says so to the editor; else the server's
	 * setting is wrong, which no commit of theirs can correct. */
	if (rc == 0 && t->misset && prev.misset) {
		say_misset(c, t, d);
		*t->site = '\0';
	} else if (rc < 0) {
		char lang[sizeof(t->lang)];
		memcpy(lang, t->lang, sizeof(lang));
		target_of(c, hex, t, d);
		memcpy(t->lang, lang, sizeof(lang));
		*t->site = '\0';
	}
	return d;
}

/* A collector in the language of the site at commit hex, else env's. */
static diag *
lang_diag(const struct cfg *c, const char *hex, const diag *env)
{
	struct target t;
	diag *quiet = diag_new("en");
	target_of(c, hex, &t, quiet);
	diag_free(quiet);
	return diag_new(lang_of(t.lang, diag_lang(env)));
}

/* ---- Checking -------------------------------------------------------- */

static build_opts
check_opts(const hook_opts *o, const struct cfg *c, const struct target *t,
           const char *ref)
{
	build_opts b = {0};
	b.site = t->site;
	b.repo = c->path;
	b.ref = ref;
	b.out = c->out;
	b.check_only = true;
	b.quiet = true;
	b.keep_lang = true; /* the site's first (target_diag()) */
	b.jobs = o->jobs;
	b.verbose = o->verbose;
	b.strict = c->strict; /* fabrique check --strict */
	return b;
}

static const char *
summary_of(const struct cfg *c, const git_oid *id, git_commit **keep)
{
	const char *s = NULL;
	if (git_commit_lookup(keep, c->repo, id) == 0)
		s = git_commit_summary(*keep);
	git_error_clear();
	return s != NULL ? s : "";
}

/* Whether the earlier commit hex has errors (strictness left to the
 * tip, tip_has_errors()): counted, not shown. */
static bool
has_errors(const hook_opts *o, const struct cfg *c, const struct target *t,
           const char *hex, diag *d)
{
	build_opts b = check_opts(o, c, t, hex);
	b.strict = false; /* earlier commits: plain errors only */
	b.verbose = false;
	diag *one = diag_new(diag_lang(d));
	FILE *sink = fopen("/dev/null", "w");
	if (sink != NULL)
		diag_set_immediate(one, sink);
	enum build_status st = build_run(&b, one);
	if (sink != NULL)
		fclose(sink);
	diag_free(one);
	return st != BUILD_OK;
}

/* ---- Warnings already published --------------------------------------
 *
 * The tip is checked strictly, so that a typo cannot reach residents.
 * But a check fabrique gained since the site was published (a sentence
 * of fabrique init left in the legal notice) would then refuse the push
 * of a workshop cancelled for rain, for a page nobody touched (outside
 * tester 29 F10).  When the strict check fails, the version already
 * published is checked too, plainly: a warning it had, same file and
 * same words, stays a warning at the tip, and the push is told so.  A
 * warning the push brings, and every plain error, still refuse it.
 */

/* The warnings of one check, "file\x1fmessage": line numbers are left
 * out, as the push may have moved the lines. */
struct published {
	arena *a;
	strmap *seen;
};

static const char *
warning_key(arena *a, const char *file, const char *msg)
{
	return arena_printf(a, "%s\x1f%s", file != NULL ? file : "", msg);
}

static void
keep_warning(void *ctx, diag_level lvl, const char *file, unsigned line,
             unsigned col, const char *msg)
{
	struct published *p = ctx;
	(void)line, (void)col;
	if (lvl == DIAG_WARNING)
		strmap_put(p->seen, warning_key(p->a, file, msg), p);
}

/* Called from the build's threads: reads only (a local arena for the
 * key, as the map's own is not to be written). */
static bool
was_published(void *ctx, const char *file, const char *msg)
{
	const struct published *p = ctx;
	arena *a = arena_new();
	bool seen = strmap_get(p->seen, warning_key(a, file, msg)) != NULL;
	arena_free(a);
	return seen;
}

static bool
print_nothing(void *ctx, diag_level lvl, const char *line)
{
	(void)ctx, (void)lvl, (void)line;
	return false;
}

/* Each line the check would print, kept in ctx (a buf) instead. */
static bool
keep_line(void *ctx, diag_level lvl, const char *line)
{
	(void)lvl;
	buf_puts(ctx, line);
	buf_putc(ctx, '\n');
	return false;
}

/* The warnings a plain check of the published commit old finds, in p. */
static void
published_warnings(const hook_opts *o, const struct cfg *c,
                   const struct target *t, const char *old, const diag *d,
                   struct published *p)
{
	build_opts b = check_opts(o, c, t, old);
	b.strict = false;
	b.verbose = false;
	diag *one = diag_new(diag_lang(d));
	diag_set_filter(one, print_nothing, NULL);
	diag_set_observer(one, keep_warning, p);
	build_run(&b, one);
	diag_free(one);
}

/* The strict check of the tip, its lines kept in out rather than
 * printed; with p, the warnings p holds stay warnings (*spared counts
 * them).  True when it has errors. */
static bool
tip_check(const hook_opts *o, const struct cfg *c, const struct target *t,
          const diag *d, const struct published *p, buf *out, size_t *spared)
{
	build_opts b = check_opts(o, c, t, t->hex);
	diag *one = diag_new(diag_lang(d));
	diag_set_filter(one, keep_line, out);
	if (p != NULL)
		diag_set_strict_spare(one, was_published, (void *)p);
	enum build_status st = build_run(&b, one);
	*spared = diag_spared(one);
	diag_free(one);
	return st != BUILD_OK;
}

/* Whether the commit hex exists here (a push's old tip may not, after a
 * repository was copied without it). */
static bool
commit_exists(const struct cfg *c, const char *hex)
{
	git_oid id;
	git_commit *cm = NULL;
	bool ok = git_oid_fromstr(&id, hex) == 0 &&
	          git_commit_lookup(&cm, c->repo, &id) == 0;
	git_commit_free(cm);
	git_error_clear();
	return ok;
}

/* The tip's strict check, printed; the warnings the published version
 * already had spared when that alone lets the push through or lessens
 * what refuses it, and said in a note of d.  True when it has errors. */
static bool
tip_has_errors(const hook_opts *o, const struct cfg *c, const struct target *t,
               const struct update *u, diag *d)
{
	buf first = BUF_INIT, second = BUF_INIT;
	size_t spared = 0;
	bool bad = tip_check(o, c, t, d, NULL, &first, &spared);
	const buf *shown = &first;
	if (bad && c->strict && !is_zero(u->old) && commit_exists(c, u->old)) {
		struct published p = {.a = arena_new()};
		p.seen = strmap_new(p.a);
		published_warnings(o, c, t, u->old, d, &p);
		if (strmap_len(p.seen) > 0 &&
		    (bad = tip_check(o, c, t, d, &p, &second, &spared),
		     spared > 0))
			shown = &second;
		else
			bad = true, spared = 0;
		arena_free(p.a);
	}
	fputs(buf_cstr((buf *)shown), stderr);
	fflush(stderr);
	if (spared > 0)
		diag_report(
		    d, DIAG_NOTE, NULL, 0, 0,
		    diag_plural(d, spared,
		                "%zu warning above was already in the "
		                "published version, before this push "
		                "(a check newer than the site, most "
		                "likely): it does not stop the push; "
		                "correct it when you can",
		                "%zu warnings above were already in the "
		                "published version, before this push "
		                "(a check newer than the site, most "
		                "likely): they do not stop the push; "
		                "correct them when you can"),
		    spared);
	buf_free(&first);
	buf_free(&second);
	return bad;
}

/* The commits a push adds to the branch, newest first, the tip excluded:
 * OLD..NEW, or everything no branch or tag has yet for a new branch. */
static int
earlier_commits(const struct cfg *c, const struct update *u, const git_oid *tip,
                git_oid *ids, size_t max, size_t *n)
{
	git_revwalk *w = NULL;
	git_oid id;
	*n = 0;
	int rc = git_revwalk_new(&w, c->repo);
	if (rc == 0) {
		git_revwalk_sorting(w, GIT_SORT_TOPOLOGICAL);
		rc = git_revwalk_push(w, tip);
	}
	if (rc == 0 && !is_zero(u->old) && git_oid_fromstr(&id, u->old) == 0)
		rc = git_revwalk_hide(w, &id);
	else if (rc == 0 && is_zero(u->old))
		rc = git_revwalk_hide_glob(w, "refs/heads/*") < 0 ||
		             git_revwalk_hide_glob(w, "refs/tags/*") < 0
		         ? -1
		         : 0;
	while (rc == 0 && git_revwalk_next(&id, w) == 0) {
		if (git_oid_equal(&id, tip))
			continue;
		if (*n < max)
			ids[*n] = id;
		(*n)++;
	}
	git_revwalk_free(w);
	git_error_clear();
	return rc;
}

/* Earlier commits' errors are notes: what is published is the tip, and
 * an editor cannot be asked to rewrite history. */
static void
note_earlier(const hook_opts *o, const struct cfg *c, const struct target *t,
             const struct update *u, diag *d)
{
	git_oid ids[HOOK_MAX_EARLIER];
	size_t n = 0;
	if (earlier_commits(c, u, &t->tip, ids, HOOK_MAX_EARLIER, &n) < 0)
		return;
	if (n > HOOK_MAX_EARLIER) {
		diag_report(d, DIAG_NOTE, NULL, 0, 0,
		            "%zu earlier commits of this push were not checked "
		            "one by one: only the version that will be "
		            "published was",
		            n);
		return;
	}
	for (size_t i = n; i-- > 0;) {
		char hex[GIT_OID_HEXSZ + 1];
		git_oid_tostr(hex, sizeof(hex), &ids[i]);
		if (!has_errors(o, c, t, hex, d))
			continue;
		git_commit *cm = NULL;
		diag_report(
		    d, DIAG_NOTE, NULL, 0, 0,
		    "commit %.7s (%s), earlier in this push, has "
		    "errors; they are corrected in the version that will "
		    "be published, so the push is accepted",
		    hex, summary_of(c, &ids[i], &cm));
		git_commit_free(cm);
	}
}

/* "  4688744 Alice: 8 bénévoles (Alice, 2026-12-02 04:42)": one dropped
 * commit, dated as its author's clock showed it. */
static void
put_dropped(const struct cfg *c, const git_oid *id, buf *b)
{
	git_commit *cm = NULL;
	char hex[GIT_OID_HEXSZ + 1], when[40] = "";
	git_oid_tostr(hex, sizeof(hex), id);
	const char *subject = summary_of(c, id, &cm);
	const git_signature *who = cm != NULL ? git_commit_author(cm) : NULL;
	if (who != NULL)
		date_format_stamp((long long)who->when.time, who->when.offset,
		                  when, sizeof(when));
	buf_printf(b, "\n  %.7s %s (%s, %s)", hex, subject,
	           who != NULL && who->name != NULL ? who->name : "?", when);
	git_commit_free(cm);
}

/* The commits the branch had before this push and no longer has, newest
 * first: HOOK_SHOW_DROPPED of them into b, the count of the others
 * (walked up to HOOK_MAX_DROPPED, so a rewritten history of thousands of
 * commits costs no more) into *more; *capped when the walk stopped. */
static int
dropped_commits(const struct cfg *c, const git_oid *old, const git_oid *tip,
                buf *b, size_t *more, bool *capped)
{
	git_revwalk *w = NULL;
	git_oid id;
	size_t n = 0;
	*capped = false;
	int rc = git_revwalk_new(&w, c->repo);
	if (rc == 0) {
		git_revwalk_sorting(w, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME);
		rc = git_revwalk_push(w, old);
	}
	if (rc == 0)
		rc = git_revwalk_hide(w, tip);
	while (rc == 0 && git_revwalk_next(&id, w) == 0) {
		if (n == HOOK_MAX_DROPPED) {
			*capped = true;
			break;
		}
		if (n++ < HOOK_SHOW_DROPPED)
			put_dropped(c, &id, b);
	}
	*more = n > HOOK_SHOW_DROPPED ? n - HOOK_SHOW_DROPPED : 0;
	git_revwalk_free(w);
	git_error_clear();
	return rc;
}

/* A word of a shell command, quoted when it needs to be. */
static void
put_word(buf *b, const char *w)
{
	if (*w != '\0' &&
	    strspn(w, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmn"
	              "opqrstuvwxyz0123456789/._-+,:=@") == strlen(w)) {
		buf_printf(b, " %s", w);
		return;
	}
	buf_puts(b, " '");
	for (const char *p = w; *p != '\0'; p++) {
		if (*p == '\'')
			buf_puts(b, "'\\'");
		buf_putc(b, *p);
	}
	buf_putc(b, '\'');
}

/* "fabrique rollback DIR", DIR absolute and quoted for the shell. */
static void
rollback_command(const struct cfg *c, buf *b)
{
	char *out = realpath(c->out, NULL);
	buf_puts(b, "fabrique rollback");
	put_word(b, out != NULL ? out : c->out);
	free(out);
}

/* Whether moving the branch from old_hex to tip drops commits (a forced
 * push); old is set from old_hex. */
static bool
rewrites(const struct cfg *c, const char *old_hex, const git_oid *tip,
         git_oid *old)
{
	bool r = !is_zero(old_hex) && git_oid_fromstr(old, old_hex) == 0 &&
	         git_graph_descendant_of(c->repo, tip, old) != 1;
	git_error_clear();
	return r;
}

/* A push that drops published commits is allowed when its tip is valid,
 * but said: which commits, whose, and how to bring them back (outside
 * tester 30 F4: a forced push silently took another editor's change off
 * the site). */
static void
note_rewrite(const struct cfg *c, const struct update *u,
             const struct target *t, diag *d)
{
	git_oid old;
	if (!rewrites(c, u->old, &t->tip, &old))
		return;
	buf list = BUF_INIT;
	size_t more = 0;
	bool capped = false;
	dropped_commits(c, &old, &t->tip, &list, &more, &capped);
	if (more > 0)
		buf_printf(&list, "\n  ");
	if (more > 0 && capped)
		buf_printf(&list, diag_tr(d, "and more than %zu others"), more);
	else if (more > 0)
		buf_printf(
		    &list,
		    diag_plural(d, more, "and %zu other", "and %zu others"),
		    more);
	diag_report(d, DIAG_NOTE, NULL, 0, 0,
	            "this push rewrites the history of %s (forced push): "
	            "these commits, published before, are no longer in it, "
	            "nor on the site once it is published:%s",
	            u->ref + 11, buf_cstr(&list));
	if (*c->out == '\0') { /* a hook that checks and publishes nothing */
		diag_report(
		    d, DIAG_NOTE, NULL, 0, 0,
		    "to bring one back, run 'git cherry-pick ID' (its "
		    "7-character ID above) in a clone that still has it "
		    "(its author's, most likely), then push; to refuse "
		    "forced pushes from now on, the webmaster runs 'git "
		    "config receive.denyNonFastForwards true' in the "
		    "server's repository");
		buf_free(&list);
		return;
	}
	buf cmd = BUF_INIT;
	rollback_command(c, &cmd);
	diag_report(d, DIAG_NOTE, NULL, 0, 0,
	            "to bring one back, run 'git cherry-pick ID' (its "
	            "7-character ID above) in a clone that still has it (its "
	            "author's, most likely), then push; to put the site back "
	            "as it was, the webmaster runs '%s' on the server; to "
	            "refuse forced pushes from now on, the webmaster runs "
	            "'git config receive.denyNonFastForwards true' in the "
	            "server's repository",
	            buf_cstr(&cmd));
	buf_free(&cmd);
	buf_free(&list);
}

/* The published branch's update: the tip is checked strictly. */
static int
check_update(const hook_opts *o, const struct cfg *c, const struct update *u,
             diag *env)
{
	struct target t;
	bool deleting = is_zero(u->new);
	diag *d = deleting ? NULL : target_diag(c, u->new, u->old, &t);
	int rc = 0;
	if (deleting) {
		d = lang_diag(c, u->old, env);
		diag_report(d, DIAG_ERROR, NULL, 0, 0,
		            "deleting the published branch %s is refused: the "
		            "site is published from it",
		            c->branch + 11);
		rc = -1;
	} else if (*t.site == '\0') {
		rc = -1;
		diag_report(d, DIAG_ERROR, NULL, 0, 0,
		            "the push to %s is refused: the hook cannot tell "
		            "what to check, and never lets a push through "
		            "unchecked",
		            c->branch + 11);
	} else if (tip_has_errors(o, c, &t, u, d)) {
		git_commit *cm = NULL;
		diag_report(
		    d, DIAG_ERROR, NULL, 0, 0,
		    "the site as this push would publish it (commit "
		    "%.7s, %s) has errors: the push is refused; correct "
		    "them, commit the correction and push again (your "
		    "earlier commits can stay as they are)",
		    t.hex, summary_of(c, &t.tip, &cm));
		git_commit_free(cm);
		rc = -1;
	} else {
		note_rewrite(c, u, &t, d);
		note_earlier(o, c, &t, u, d);
	}
	diag_flush(d, stderr);
	diag_free(d);
	return rc;
}

/*
 * A push to another branch is accepted as it is (drafts, proposals),
 * except while the published branch does not exist yet: the editor may
 * be pushing the site under another name than the one HEAD gives, and
 * it would then be accepted unchecked and never published.
 */
static int
refuse_other(const struct cfg *c, const struct update *u, diag *d)
{
	git_reference *r = NULL;
	if (*c->branch == '\0') {
		diag_report(
		    d, DIAG_ERROR, NULL, 0, 0,
		    "the push to %s is refused: this repository's HEAD "
		    "names no branch, so the hook cannot tell which "
		    "branch is published; set it with 'git "
		    "symbolic-ref HEAD refs/heads/BRANCH' or 'git config "
		    "fabrique.branch BRANCH' in the server's repository",
		    u->ref + 11);
		return -1;
	}
	bool exists = git_reference_lookup(&r, c->repo, c->branch) == 0;
	git_reference_free(r);
	git_error_clear();
	if (exists)
		return 0;
	diag_report(d, DIAG_ERROR, NULL, 0, 0,
	            "the push to %s is refused: this repository publishes "
	            "the branch %s (its HEAD), which does not exist yet; push "
	            "to %s, or publish %s with 'git symbolic-ref HEAD "
	            "refs/heads/%s' in the server's repository",
	            u->ref + 11, c->branch + 11, c->branch + 11, u->ref + 11,
	            u->ref + 11);
	return -1;
}

/*
 * An accepted push to another branch is told it is not published: git
 * itself says only "master -> master", and an editor whose clone still
 * uses the old name (a master -> main rename) would otherwise believe a
 * correction is online while residents keep reading the old page.
 */
static void
note_unpublished(const struct cfg *c, const struct update *u, diag *d)
{
	const char *b = u->ref + 11, *pub = c->branch + 11;
	diag_report(d, DIAG_NOTE, NULL, 0, 0,
	            "the branch %s is not published (this site publishes "
	            "%s): what you pushed is not online; to publish it, "
	            "merge it into %s, or push it with 'git push origin "
	            "%s:%s'",
	            b, pub, pub, b, pub);
}

static int
check_other(const struct cfg *c, const struct update *u, diag *env)
{
	if (strncmp(u->ref, "refs/heads/", 11) != 0 || is_zero(u->new))
		return 0;
	diag *d = lang_diag(c, u->new, env);
	int rc = refuse_other(c, u, d);
	if (rc == 0)
		note_unpublished(c, u, d);
	diag_flush(d, stderr);
	diag_free(d);
	return rc;
}

static int
pre_receive(const hook_opts *o, const struct cfg *c, FILE *in, diag *d)
{
	struct update u;
	int rc = 0;
	while (read_update(in, &u)) {
		int r = strcmp(u.ref, c->branch) == 0
		            ? check_update(o, c, &u, d)
		            : check_other(c, &u, d);
		if (r < 0)
			rc = 1;
	}
	diag_flush(d, stderr);
	return rc;
}

/* The command that publishes what the hook could not, with this server's
 * repository and deploy folder as the hook knows them (absolute: run
 * from anywhere). */
static void
publish_command(const struct cfg *c, bool today, buf *b)
{
	char repo[4096], *out = *c->out ? realpath(c->out, NULL) : NULL;
	snprintf(repo, sizeof(repo), "%s", c->path);
	size_t n = strlen(repo);
	if (n > 1 && repo[n - 1] == '/')
		repo[n - 1] = '\0';
	buf_puts(b, "fabrique publish");
	if (*c->site != '\0')
		put_word(b, c->site);
	buf_puts(b, " --repo");
	put_word(b, repo);
	buf_puts(b, " --ref");
	put_word(b, c->branch + 11);
	buf_puts(b, " --out");
	put_word(b, out != NULL ? out : *c->out ? c->out : "DIR");
	if (c->keep != DEPLOY_KEEP_DEFAULT)
		buf_printf(b, " --keep %d", c->keep);
	if (today)
		buf_puts(b, " --today");
	free(out);
}

/*
 * Said last, after the reason (addressed to the server's admin), in the
 * editor's words: git ends an accepted push with "master -> master"
 * whatever post-receive does, and an editor read that as online while
 * residents kept the old page (outside tester 30 F5).  A blank line and
 * a capitalised first word set it apart from git's own lines.
 */
static void
say_not_online(const struct cfg *c, bool today, const char *head, diag *d)
{
	char *live = *c->out != '\0' ? deploy_current(c->out) : NULL;
	/* a release is COMMIT or COMMIT.DAY (publish --today) */
	if (live != NULL && strncmp(live, head, GIT_OID_HEXSZ) == 0) {
		free(live);
		return;
	}
	buf cmd = BUF_INIT;
	publish_command(c, today, &cmd);
	fputs("\n", stderr);
	fputs(diag_tr(d, "WARNING: your push is recorded, but it is NOT "
	                 "online (the reason above is for the server's "
	                 "webmaster).\n"),
	      stderr);
	git_oid id;
	git_commit *cm = NULL;
	if (live != NULL && git_oid_fromstrn(&id, live, GIT_OID_HEXSZ) == 0)
		fprintf(stderr,
		        diag_tr(d, "The site still shows commit %.7s (%s).\n"),
		        live, summary_of(c, &id, &cm));
	else if (*c->out != '\0') /* no deploy folder: nothing known */
		fputs(diag_tr(d, "The site has not been published yet.\n"),
		      stderr);
	fprintf(stderr,
	        diag_tr(d, "Tell the webmaster; once the cause is corrected, "
	                   "they publish your push with:\n  %s\n"),
	        buf_cstr(&cmd));
	fflush(stderr);
	git_commit_free(cm);
	buf_free(&cmd);
	free(live);
}

/*
 * After a forced push, the command that puts the site back, which
 * pre-receive could not give when it was not told the deploy folder (the
 * setup of docs/deploy.md passes --out to post-receive only): it said
 * which commits were dropped and how to bring them back, this says how
 * to undo the publication.
 */
static void
note_rollback(const struct cfg *c, const char *old_hex, const struct target *t,
              diag *d)
{
	git_oid old;
	if (!c->out_arg || !rewrites(c, old_hex, &t->tip, &old))
		return;
	buf cmd = BUF_INIT;
	rollback_command(c, &cmd);
	diag_report(d, DIAG_NOTE, NULL, 0, 0,
	            "this push rewrote the history of %s: to put the site "
	            "back as it was before it, the webmaster runs '%s' on the "
	            "server",
	            c->branch + 11, buf_cstr(&cmd));
	buf_free(&cmd);
}

/* The publication of the pushed tip, its messages flushed. */
static int
publish_tip(const hook_opts *o, const struct cfg *c, struct target *t,
            const char *old, diag *d, struct published *p)
{
	build_opts b = check_opts(o, c, t, c->branch);
	b.check_only = false;
	b.quiet = o->quiet;
	b.today = o->today;
	/* what pre-receive let through for being published already
	 * (tip_has_errors()) is published, not stopped here */
	if (c->strict && *old != '\0' && !is_zero(old) &&
	    commit_exists(c, old)) {
		published_warnings(o, c, t, old, d, p);
		diag_set_strict_spare(d, was_published, p);
	}
	int rc = (int)deploy_publish(&b, c->out, c->keep, d);
	note_rollback(c, old, t, d);
	diag_flush(d, stderr);
	return rc;
}

/*
 * The publication runs in a child process, so that the editor is told
 * their push is not online however it ends: running out of memory ends
 * a process at once (xalloc_die(), status 5), as does a crash, and the
 * push read only « mémoire épuisée » above git's « master -> master »
 * (outside tester 32 F3: a 120 MB font under a host's memory limit).
 * The parent, which allocates nothing meanwhile, waits and reports.
 */
static int
publish_apart(const hook_opts *o, const struct cfg *c, struct target *t,
              const char *old, diag *d, struct published *p)
{
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0)
		return publish_tip(o, c, t, old, d, p);
	if (pid == 0) {
		int rc = publish_tip(o, c, t, old, d, p);
		fflush(NULL);
		_exit(rc);
	}
	diag_clear(d); /* the child said them */
	int st = 0;
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	if (WIFEXITED(st))
		return WEXITSTATUS(st);
	/* killed (the kernel's memory killer, a host's CPU limit): the
	 * publication had not swapped the site, which stays as it was */
	diag_report(d, DIAG_ERROR, NULL, 0, 0,
	            "the publication was stopped by signal %d (on a shared "
	            "host, most likely its memory or time limit); the "
	            "published site is as it was",
	            WIFSIGNALED(st) ? WTERMSIG(st) : 0);
	return BUILD_OUTPUT;
}

/* Publishes the last new head of the branch the push left. */
static int
post_receive(const hook_opts *o, const struct cfg *c, FILE *in)
{
	struct update u;
	char head[65] = "", old[65] = "";
	while (read_update(in, &u))
		if (strcmp(u.ref, c->branch) == 0) {
			snprintf(head, sizeof(head), "%s", u.new);
			if (*old == '\0')
				snprintf(old, sizeof(old), "%s", u.old);
		}
	if (*head == '\0' || is_zero(head))
		return 0;
	struct target t;
	diag *d = target_diag(c, head, NULL, &t);
	struct published p = {.a = arena_new()};
	p.seen = strmap_new(p.a);
	int rc = BUILD_OK;
	if (*t.site == '\0') {
		rc = BUILD_SOURCE;
	} else if (*c->out == '\0') {
		diag_report(
		    d, DIAG_ERROR, NULL, 0, 0,
		    "no deploy folder: set it with 'git config "
		    "fabrique.out DIR' in the repository, or pass --out "
		    "DIR");
		rc = BUILD_USAGE;
	} else {
		rc = publish_apart(o, c, &t, old, d, &p);
	}
	diag_flush(d, stderr);
	if (rc != BUILD_OK && *t.site != '\0')
		say_not_online(c, o->today, head, d);
	diag_free(d);
	arena_free(p.a);
	return rc;
}

/* ---- Which side of the update the hook runs on ------------------------ */

/* git's whole hook input, kept to be read twice: once to tell where the
 * hook runs, once by the hook itself (a few lines a pushed ref). */
static char *
slurp(FILE *in, size_t *len)
{
	size_t cap = 4096, n = 0;
	char *s = xmalloc(cap);
	size_t got;
	while ((got = fread(s + n, 1, cap - n, in)) > 0) {
		n += got;
		if (n == cap)
			s = xrealloc(s, cap *= 2);
	}
	s[n] = '\0'; /* n < cap: the buffer grows when full */
	*len = n;
	return s;
}

/*
 * Where the hook was installed, told from the published branch as it
 * is now: before the update (pre-receive) it still names the update's
 * old commit, after it (post-receive) the new one.  Returns
 * "pre-receive" or "post-receive" when the input says, NULL when it
 * cannot tell (no update of the branch, or the branch elsewhere).  A
 * webmaster who pasted one hook's line into the other file (outside
 * tester 25 F4) otherwise got pushes accepted unchecked, the previous
 * commit published, and every later push refused for its errors.
 */
static const char *
side_of(const struct cfg *c, const char *input, size_t len)
{
	if (*c->branch == '\0' || len == 0)
		return NULL;
	FILE *in = fmemopen((void *)input, len, "r");
	if (in == NULL)
		return NULL;
	struct update u, last = {0};
	while (read_update(in, &u))
		if (strcmp(u.ref, c->branch) == 0 && strcmp(u.old, u.new) != 0)
			last = u;
	fclose(in);
	if (*last.ref == '\0')
		return NULL;
	git_oid now;
	char hex[GIT_OID_HEXSZ + 1] = "";
	if (git_reference_name_to_id(&now, c->repo, c->branch) == 0)
		git_oid_tostr(hex, sizeof(hex), &now);
	git_error_clear();
	if (*hex == '\0')
		return is_zero(last.old) ? "pre-receive" : NULL;
	if (strcmp(hex, last.old) == 0)
		return "pre-receive";
	return strcmp(hex, last.new) == 0 ? "post-receive" : NULL;
}

/* Says, in the site's language, that the hook runs as the other one. */
static void
say_misplaced(const struct cfg *c, const hook_opts *o, bool pre,
              const char *input, size_t len, const diag *env)
{
	struct update u = {0};
	FILE *in = fmemopen((void *)input, len, "r");
	while (in != NULL && read_update(in, &u) &&
	       strcmp(u.ref, c->branch) != 0)
		;
	if (in != NULL)
		fclose(in);
	diag *d = lang_diag(c, u.new, env);
	if (pre)
		diag_report(
		    d, DIAG_WARNING, NULL, 0, 0,
		    "'fabrique hook %s' runs here before the push is accepted: "
		    "it is installed as hooks/pre-receive, so it checks this "
		    "push as pre-receive does and publishes nothing; write "
		    "'fabrique hook pre-receive' in hooks/pre-receive and "
		    "'fabrique hook post-receive' in hooks/post-receive "
		    "(docs/deploy.md, section 3)",
		    o->name);
	else
		diag_report(
		    d, DIAG_WARNING, NULL, 0, 0,
		    "'fabrique hook %s' runs here after the push was accepted: "
		    "it is installed as hooks/post-receive, so this push was "
		    "not checked before it was accepted, and it publishes it "
		    "as "
		    "post-receive does (a commit with errors is not "
		    "published); "
		    "write 'fabrique hook pre-receive' in hooks/pre-receive "
		    "and "
		    "'fabrique hook post-receive' in hooks/post-receive "
		    "(docs/deploy.md, section 3)",
		    o->name);
	diag_flush(d, stderr);
	diag_free(d);
}

int
hook_run(const hook_opts *o, FILE *in, diag *d)
{
	struct cfg c = {0};
	bool pre = strcmp(o->name, "pre-receive") == 0;
	if (!pre && strcmp(o->name, "post-receive") != 0) {
		diag_report(d, DIAG_ERROR, NULL, 0, 0,
		            "unknown hook '%s'; expected pre-receive or "
		            "post-receive",
		            o->name);
		diag_flush(d, stderr);
		return BUILD_USAGE;
	}
	if (open_cfg(o, &c, d) < 0) {
		diag_flush(d, stderr);
		return BUILD_SOURCE;
	}
	size_t len;
	char *input = slurp(in, &len);
	const char *side = side_of(&c, input, len);
	if (side != NULL && strcmp(side, o->name) != 0) {
		pre = !pre;
		say_misplaced(&c, o, pre, input, len, d);
	}
	FILE *lines = fmemopen(input, len ? len : 1, "r");
	int rc = lines == NULL ? BUILD_SOURCE
	         : pre         ? pre_receive(o, &c, lines, d)
	                       : post_receive(o, &c, lines);
	if (lines != NULL)
		fclose(lines);
	free(input);
	git_repository_free(c.repo);
	return rc;
}
