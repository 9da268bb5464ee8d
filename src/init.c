/*
 * init.c - `fabrique init`: see init.h.
 */
#include "init.h"

#include <errno.h>
#include <stdbool.h>
#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "archetype.h"
#include "siteyaml.h"
#include "arena.h"
#include "buf.h"
#include "date.h"
#include "fsutil.h"
#include "mustache.h"
#include "source.h"
#include "theme.h"

/*
 * The coming Journée: most communes hold it on a Saturday in late May,
 * so offer the last Saturday of May, this year's if it is still ahead,
 * else next year's.  Editors change it in editions/YEAR.yaml anyway.
 */
static civil_date
coming_edition(const char *today)
{
	civil_date t = {2026, 1, 1};
	date_parse(today, &t);
	for (int year = t.year;; year++) {
		civil_date d = {year, 5, 31};
		d.day -= (date_weekday(d) + 2) % 7; /* back to Saturday (5) */
		if (date_cmp(d, t) > 0)
			return d;
	}
}

/* "30 novembre 2026" (the theme's month names, "1er" for the first):
 * the accessibility statement says the day it was established. */
static const char *
day_in_words(theme *th, const char *today, arena *a)
{
	civil_date t = {2026, 1, 1};
	date_parse(today, &t);
	const value *i18n = theme_i18n(th);
	const char *mon = value_get_string(
	    value_at(value_get(i18n, "mois"), (size_t)t.month - 1));
	const char *first = value_get_string(value_get(i18n, "premier"));
	if (mon == NULL)
		return today;
	if (t.day == 1 && first != NULL)
		return arena_printf(a, "%s %s %d", first, mon, t.year);
	return arena_printf(a, "%d %s %d", t.day, mon, t.year);
}

/* s without the blanks around it: "  Sainte-Anne  " pasted so would
 * put them in every title, in a. */
static const char *
trimmed(arena *a, const char *s)
{
	s += strspn(s, " \t\r\n");
	size_t n = strlen(s);
	while (n > 0 && strchr(" \t\r\n", s[n - 1]) != NULL)
		n--;
	return arena_strndup(a, s, n);
}

static value *
fill_data(theme *th, const init_opts *o, arena *a)
{
	const char *commune =
	    o->commune ? trimmed(a, o->commune) : "Ma commune";
	civil_date e = coming_edition(o->today);
	value *v = value_map(a);
	value_set_str(a, v, "commune", commune);
	value_set_str(a, v, "de_commune", siteyaml_de_commune(a, commune));
	value_set_str(a, v, "commune_yaml", archetype_yaml_quote(a, commune));
	value_set_str(a, v, "insee", o->insee ? o->insee : "00000");
	value_set_str(
	    a, v, "url",
	    archetype_yaml_quote(a, o->url ? o->url : SITEYAML_URL_STARTER));
	value_set_str(a, v, "annee", arena_printf(a, "%04d", e.year));
	value_set_str(
	    a, v, "date",
	    arena_printf(a, "%04d-%02d-%02d", e.year, e.month, e.day));
	value_set_str(a, v, "jour", day_in_words(th, o->today, a));
	return v;
}

/* One Mustache template (a file's name or text) filled with data. */
static const char *
fill(const char *name, const char *text, const value *data, arena *a, diag *d)
{
	mustache_set *set = mustache_set_new();
	buf out = BUF_INIT;
	const char *res = NULL;
	if (mustache_set_add(set, "t", name, text, strlen(text), d) == 0 &&
	    mustache_render(set, "t", data, &out, d) == 0)
		res = arena_strdup(a, buf_cstr(&out));
	buf_free(&out);
	mustache_set_free(set);
	return res;
}

struct planned {
	const char *path; /* DIR/ateliers/x.md */
	const char *text;
};

/* Fills every file of the theme's list; NULL entries on error. */
static struct planned *
plan(theme *th, const init_opts *o, arena *a, size_t *n, diag *d)
{
	const value *list = value_get(theme_config(th), "depart");
	*n = value_len(list);
	if (*n == 0) {
		diag_report(d, DIAG_ERROR, NULL, 0, 0,
		            "the theme has no starter site (depart: in its "
		            "theme.yaml)");
		return NULL;
	}
	const value *data = fill_data(th, o, a);
	struct planned *p = arena_zalloc(a, *n * sizeof(*p));
	for (size_t i = 0; i < *n; i++) {
		const char *rel = value_get_string(value_at(list, i));
		const char *src = rel ? arena_printf(a, "depart/%s", rel) : "";
		size_t len;
		const char *text = rel ? theme_file(th, src, &len) : NULL;
		const char *name = text ? fill(src, rel, data, a, d) : NULL;
		p[i].text = name ? fill(src, text, data, a, d) : NULL;
		p[i].path = arena_printf(a, "%s/%s", o->dir, name ? name : "");
		if (text == NULL)
			diag_report(d, DIAG_ERROR, NULL, 0, 0,
			            "the theme lists %s but has no such file",
			            src);
		if (p[i].text == NULL)
			return NULL;
	}
	return p;
}

/* Nothing is overwritten: any existing file stops everything. */
static int
none_exists(const struct planned *p, size_t n, diag *d)
{
	int rc = 0;
	struct stat st;
	for (size_t i = 0; i < n; i++)
		if (lstat(p[i].path, &st) == 0) {
			diag_report(d, DIAG_ERROR, p[i].path, 0, 0,
			            "this file exists already; fabrique init "
			            "never overwrites: choose a new folder");
			rc = -1;
		}
	return rc;
}

static int
write_all(const struct planned *p, size_t n, diag *d)
{
	for (size_t i = 0; i < n; i++) {
		char *dir = xstrdup(p[i].path);
		*strrchr(dir, '/') = '\0';
		int rc = fsutil_mkdirs(dir);
		free(dir);
		FILE *f = rc == 0 ? fopen(p[i].path, "wx") : NULL;
		size_t len = strlen(p[i].text);
		bool ok = f != NULL && fwrite(p[i].text, 1, len, f) == len;
		if (f != NULL && fclose(f) != 0)
			ok = false;
		if (!ok) {
			diag_report(d, DIAG_ERROR, p[i].path, 0, 0,
			            "cannot create this file: %s",
			            diag_errtext(d, errno));
			return -1;
		}
	}
	return 0;
}

static int
git_failed(const char *dir, diag *d)
{
	const git_error *e = git_error_last();
	diag_report(d, DIAG_ERROR, dir, 0, 0,
	            "the site is written, but its git repository could not be "
	            "made: %s; run git init and git commit there yourself",
	            e ? e->message : "unknown error");
	return -1;
}

/*
 * The branch a new repository starts on: git's init.defaultBranch, as
 * git init would take it, so that it matches a server repository made
 * with git init --bare and the editors' plain git push works; main when
 * none is set (libgit2 would say master) or it is no valid branch name.
 */
static void
default_branch(char *out, size_t n)
{
	git_config *cfg = NULL;
	git_buf b = GIT_BUF_INIT;
	int valid = 0;
	snprintf(out, n, "main");
	if (git_config_open_default(&cfg) == 0 &&
	    git_config_get_string_buf(&b, cfg, "init.defaultBranch") == 0 &&
	    b.ptr != NULL && git_branch_name_is_valid(&valid, b.ptr) == 0 &&
	    valid && strlen(b.ptr) < n)
		snprintf(out, n, "%s", b.ptr);
	git_error_clear();
	git_buf_dispose(&b);
	git_config_free(cfg);
}

/*
 * A new repository (on git's default branch, default_branch()) whose
 * first commit holds the site, so that fabrique build, which reads git,
 * works at once.  The author is the user's git identity, else
 * "fabrique".
 */
static int
first_commit(const char *dir, diag *d)
{
	git_repository *r = NULL;
	git_index *idx = NULL;
	git_tree *tree = NULL;
	git_signature *sig = NULL;
	git_oid tid, cid;
	git_repository_init_options io;
	git_repository_init_options_init(&io,
	                                 GIT_REPOSITORY_INIT_OPTIONS_VERSION);
	io.flags = GIT_REPOSITORY_INIT_MKPATH;
	char branch[256];
	default_branch(branch, sizeof(branch));
	io.initial_head = branch;
	int rc = git_repository_init_ext(&r, dir, &io);
	if (rc == 0)
		rc = git_repository_index(&idx, r);
	if (rc == 0)
		rc = git_index_add_all(idx, NULL, 0, NULL, NULL);
	if (rc == 0)
		rc = git_index_write(idx);
	if (rc == 0)
		rc = git_index_write_tree(&tid, idx);
	if (rc == 0)
		rc = git_tree_lookup(&tree, r, &tid);
	if (rc == 0 && git_signature_default(&sig, r) != 0)
		rc = git_signature_now(&sig, "fabrique", "fabrique@localhost");
	if (rc == 0)
		rc = git_commit_create_v(&cid, r, "HEAD", sig, sig, NULL,
		                         "Site de la Journée citoyenne "
		                         "(fabrique init)\n",
		                         tree, 0);
	if (rc != 0)
		git_failed(dir, d);
	git_signature_free(sig);
	git_tree_free(tree);
	git_index_free(idx);
	git_repository_free(r);
	return rc == 0 ? 0 : -1;
}

/* True when dir (which need not exist yet) is inside a git work tree
 * or repository: then the editor commits the new site there. */
static bool
in_repository(const char *dir)
{
	char *probe = xstrdup(dir);
	struct stat st;
	while (stat(probe, &st) != 0) { /* nearest existing parent */
		char *slash = strrchr(probe, '/');
		if (slash == NULL || slash == probe) {
			strcpy(probe, slash == probe ? "/" : ".");
			break;
		}
		*slash = '\0';
	}
	git_repository *r = NULL;
	bool in = git_repository_open_ext(&r, probe, 0, NULL) == 0;
	git_repository_free(r);
	free(probe);
	return in;
}

/* dir as typed in a shell: quoted when it holds anything else than
 * letters, digits and . _ / - (a space, an apostrophe). */
static void
print_dir(FILE *out, const char *dir)
{
	if (strspn(dir, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	                "0123456789._/-") == strlen(dir)) {
		fputs(dir, out);
		return;
	}
	fputc('\'', out);
	for (const char *c = dir; *c != '\0'; c++)
		if (*c == '\'')
			fputs("'\\''", out);
		else
			fputc(*c, out);
	fputc('\'', out);
}

/*
 * « of the commune » in the messages' language: French joins « de » to
 * the name by the site's one rule (siteyaml_de_commune: « des
 * Herbiers », « du Mans », « d’Angers »), which no message format can
 * say (tester18: « le site de Les Herbiers est créé »).  In a.
 */
static const char *
site_of(const init_opts *o, arena *a, diag *d)
{
	if (o->commune == NULL)
		return diag_tr(d, "of your commune");
	const char *nom = trimmed(a, o->commune);
	if (strcmp(diag_lang(d), "fr") == 0)
		return siteyaml_de_commune(a, nom);
	return arena_printf(a, "of %s", nom);
}

/*
 * A newcomer's first command ends with the files it made and the next
 * steps in the site's language: a bare folder name left them guessing
 * (outside tester, F18).  The starter's placeholders ("Indiquez ici…")
 * are named, since every check reports them until they are replaced.
 */
static void
print_done(const init_opts *o, const struct planned *p, size_t n, bool git,
           arena *a, diag *d)
{
	FILE *out = o->out;
	size_t skip = strlen(o->dir) + 1;
	fprintf(out, diag_tr(d, "fabrique: the site %s is made in %s:\n"),
	        site_of(o, a, d), o->dir);
	for (size_t i = 0; i < n; i++)
		fprintf(out, "  %s\n", p[i].path + skip);
	fputs(diag_tr(d, git ? "  .git/ (a git repository, with a first "
	                       "commit of these files)\n"
	                     : "  (in the git repository around it: commit "
	                       "them there)\n"),
	      out);
	fputs(diag_tr(d, "next steps:\n  cd "), out);
	print_dir(out, o->dir);
	fputs(diag_tr(d, "\n  fabrique serve            preview the site in "
	                 "your browser while you write\n"
	                 "  write your own text where the pages say what "
	                 "to write (fabrique check shows where)\n"
	                 "  fabrique check --strict --worktree   what the "
	                 "server will check, on your files before you "
	                 "commit them\n"
	                 "  git add -A && git commit -m \"Our pages\"   then "
	                 "git push, as README.md says\n"),
	      out);
}

int
init_site(const init_opts *o, diag *d)
{
	arena *a = arena_new();
	bool git = !in_repository(o->dir);
	/* The theme is found as a build of the new site would find it: a
	 * repository's themes/ when DIR is in one, else fabrique's own. */
	source *src = NULL;
	if (fsutil_mkdirs(o->dir) != 0)
		diag_report(d, DIAG_ERROR, o->dir, 0, 0,
		            "cannot create this folder: %s",
		            diag_errtext(d, errno));
	else
		src = source_open_dir(o->dir, d);
	theme *th = src ? theme_open(src, "commune", "fr", a, d) : NULL;
	size_t n = 0;
	struct planned *p = th ? plan(th, o, a, &n, d) : NULL;
	int rc = p != NULL && none_exists(p, n, d) == 0 &&
	                 write_all(p, n, d) == 0 &&
	                 (!git || first_commit(o->dir, d) == 0)
	             ? 0
	             : -1;
	if (rc == 0 && o->out != NULL)
		print_done(o, p, n, git, a, d);
	theme_free(th);
	source_free(src);
	arena_free(a);
	return rc;
}
