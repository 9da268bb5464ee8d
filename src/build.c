#define _DEFAULT_SOURCE /* realpath */
#include "build.h"

#include <git2.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "arena.h"
#include "buf.h"
#include "cachedir.h"
#include "date.h"
#include "gitclean.h"
#include "incremental.h"
#include "msgcat.h"
#include "outguard.h"
#include "oldids.h"
#include "output.h"
#include "photos.h"
#include "render.h"
#include "rendercache.h"
#include "site.h"
#include "source.h"
#include "stagetime.h"
#include "theme.h"

struct run {
	stagetime stage; /* for --verbose: when this stage started */
	const build_opts *o;
	diag *d;
	arena *a;
	source *src;
	siteyaml conf; /* read once, by every stage below */
	theme *th;
	site *site;
	site *broken; /* a site with errors: only its photos checked */
	output *out;
	incr *incr;          /* what the previous build into o->out left */
	incr_spec *spec;     /* the output checked before the lock */
	source_dirty *dirty; /* counting uncommitted changes meanwhile */
	int ndirty;          /* once counted */
	bool dirty_handed;   /* ndirty counted before the restart */
	bool handed;         /* lock taken over: the output is not up to date */
	double t0;           /* when the build started */
	render_stats st;
	const char *cache; /* cachedir_find(): with the repository */
	/* decide_today(): site_opts now and today_at; future, the commit's
	 * time when it is ahead of the clock (0: not) */
	long long now, today_at, future, until, until_at;
};

static double
now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* With --verbose, how long each stage took, the CPU time it used (all
 * threads: 200 % is two cores busy) and the peak memory so far: where a
 * slow or large build spends, and whether both cores work. */
static void
phase(struct run *r, const char *what)
{
	if (r->o->verbose)
		stagetime_report(&r->stage, what);
	else
		stagetime_restart(&r->stage);
}

/*
 * Dates the build compares against (publier_le, date_limite, annonce's
 * fin, past or upcoming) come from the commit, so building a commit
 * again gives the same site; SOURCE_DATE_EPOCH, the reproducible-builds
 * convention, overrides it.  With o->today they come from the clock (a
 * daily rebuild: publish --today): "today" is the commune's day at the
 * clock (site_opts.today_at), and the outputs' dates the start of the UTC
 * day, so that rebuilds on one day are the same site.
 */
long long
build_clock(void)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	if (sde != NULL && *sde != '\0')
		return atoll(sde);
	return (long long)time(NULL);
}

/* A commit dated further ahead of the clock than this is from a computer
 * whose clock is wrong, not a time zone: a commit's time is an instant
 * (UTC), the same whatever zone the editor's computer shows, and a
 * computer set to the right local time in the wrong zone is at most 14
 * hours off.  Within it the commit's time is kept (reproducible). */
enum { BUILD_FUTURE_TOLERANCE = 86400 };

/*
 * The one home of the build's "today" (site_opts now and today_at, the
 * outputs' dates), for fabrique build and for each member fabrique
 * reseau builds.  A commit dated more than a day after the clock (an
 * editor's computer a year ahead) would publish the coming edition as
 * past: the clock decides then, as with --today, never a later day, and
 * future keeps the commit's time for the warning.  A commit dated in the
 * past keeps its own day: building it again gives the same site.
 */
build_day
build_decide_day(long long commit, bool today)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	long long clock = build_clock();
	long long day = clock - ((clock % 86400) + 86400) % 86400;
	build_day d = {0};
	d.today_at = today ? clock : 0;
	bool sde_set = sde != NULL && *sde != '\0';
	d.now = today ? day : sde_set || commit == 0 ? clock : commit;
	/* a history date from the future (a commit of a computer whose
	 * clock was ahead, even under a right one) is shown as today; the
	 * past ones as they are, however the commits are ordered */
	d.until = sde_set ? 0 : today ? clock : clock + BUILD_FUTURE_TOLERANCE;
	d.until_at = day;
	if (today || sde_set || commit == 0)
		return d; /* the clock's already, or told (SOURCE_DATE_EPOCH) */
	if (commit - clock > BUILD_FUTURE_TOLERANCE) {
		d.future = commit;
		d.now = day;
		d.today_at = d.until = clock;
	}
	return d;
}

static void
decide_today(struct run *r)
{
	build_day d = build_decide_day(source_commit_time(r->src), r->o->today);
	r->now = d.now;
	r->today_at = d.today_at;
	r->future = d.future;
	r->until = d.until;
	r->until_at = d.until_at;
}

/* A commit from the future, said each build (an event: not replayed by
 * a build with nothing to do, nor an error under --strict or in the
 * hooks, which accept the push: the editor cannot be asked to rewrite
 * history, and the site is built as of the clock).  who, when not NULL,
 * is the network member whose commit it is, said first. */
void
build_warn_future(diag *d, const build_day *day, const char *commit,
                  const char *who)
{
	if (day->future == 0)
		return;
	char when[16], clock[16];
	date_format_iso(date_from_unix(day->future), when, sizeof(when));
	date_format_iso(date_from_unix(day->today_at), clock, sizeof(clock));
	diag_event(d, DIAG_WARNING, who,
	           "commit %.7s is dated %s, more than a day after this "
	           "computer's clock (%s): the site is built as of the "
	           "clock's day, not the commit's; is the clock of the "
	           "computer it was made on right? (check its date, then "
	           "commit again)",
	           commit != NULL ? commit : "-", when, clock);
}

static void
warn_future(const struct run *r)
{
	build_day d = {.future = r->future, .today_at = r->today_at};
	build_warn_future(r->d, &d, source_commit(r->src), NULL);
}

static source *
source_of(const build_opts *o, diag *d)
{
	return o->worktree ? source_open_dir(o->site, d)
	                   : source_open_git_lazy(o->repo, o->site, o->ref, d);
}

/* Whether the messages follow the site's language (build_opts.keep_lang):
 * then it is known only once the source is open. */
static bool
follows_site_lang(const build_opts *o)
{
	return !o->keep_lang && o->into == NULL && !msgcat_env_names_lang();
}

/*
 * A source that cannot be opened (no repository, no commit yet, a ref
 * that names nothing) is said before site.yaml could give the language:
 * said again in build_site_lang()'s (the folder's site.yaml on disk)
 * when it differs, the first words dropped, so the reason is in the
 * site's language under cron or C.UTF-8 like every later message.
 */
static int
open_source(struct run *r)
{
	const build_opts *o = r->o;
	size_t before = diag_count(r->d, DIAG_ERROR);
	bool empty = before == 0 && diag_count(r->d, DIAG_WARNING) == 0 &&
	             diag_count(r->d, DIAG_NOTE) == 0;
	r->src = source_of(o, r->d);
	if (r->src == NULL && empty && follows_site_lang(o)) {
		const char *lang = build_site_lang(o);
		if (strcmp(lang, diag_lang(r->d)) != 0) {
			diag_clear(r->d);
			diag_set_lang(r->d, lang);
			r->src = source_of(o, r->d);
		}
	}
	/* Exit status 3 always comes with a reason. */
	if (r->src == NULL && diag_count(r->d, DIAG_ERROR) == before)
		diag_report(r->d, DIAG_ERROR, o->worktree ? o->site : o->repo,
		            0, 0, "cannot read the site's source");
	if (r->src == NULL)
		return -1;
	/* Counted on another thread while the theme is loaded and the
	 * output checked (source_uncommitted_start()); told by
	 * note_uncommitted().  Nobody reads the note under --quiet. */
	if (!o->worktree && !o->quiet && o->handed && o->handed_dirty >= 0) {
		r->ndirty = o->handed_dirty; /* counted before the restart */
		r->dirty_handed = true;
	} else if (!o->worktree && !o->quiet)
		r->dirty =
		    source_uncommitted_start(r->src, source_site_path(r->src));
	return 0;
}

/* "N uncommitted changes are not in this build". */
static void
say_uncommitted(struct run *r)
{
	if (r->ndirty > 0)
		diag_report(
		    r->d, DIAG_NOTE, NULL, 0, 0,
		    diag_plural(r->d, (size_t)r->ndirty,
		                "%d uncommitted change under %s/ is not in "
		                "this build (use --worktree to build it)",
		                "%d uncommitted changes under %s/ are not in "
		                "this build (use --worktree to build them)"),
		    r->ndirty,
		    *source_site_path(r->src) ? source_site_path(r->src) : ".");
}

/* Once counted; a check without error says it in its last line
 * instead (check_verdict()), the line an editor reads. */
static void
note_uncommitted(struct run *r)
{
	if (!r->dirty_handed)
		r->ndirty = source_uncommitted_finish(r->dirty);
	r->dirty = NULL;
	if (!r->o->check_only)
		say_uncommitted(r);
}

/* The length of path's first part that a build keeps beside its output
 * (gitclean_own_file(): ".public.fabrique-XXXXXX", "sub/.public.fabrique
 * .lock"), or 0 when it has none. */
static size_t
leftover_len(const char *path)
{
	char part[4096];
	for (const char *p = path; *p != '\0';) {
		p += strcspn(p, "/");
		size_t n = (size_t)(p - path);
		if (n >= sizeof(part))
			return 0;
		memcpy(part, path, n);
		part[n] = '\0';
		if (gitclean_own_file(part))
			return n;
		while (*p == '/')
			p++;
	}
	return 0;
}

/* Whether the committed .gitignore at the top of the repository names
 * the leftovers: the line init writes since session 21, or any other
 * naming ".public.fabrique".  -1 when there is no .gitignore. */
static int
ignores_leftovers(struct run *r, bool *made_by_init)
{
	char *text;
	size_t len;
	*made_by_init = false;
	if (source_read(r->src, ".gitignore", &text, &len) != 0)
		return -1;
	*made_by_init = strstr(text, "\n/public/\n") != NULL ||
	                strncmp(text, "/public/\n", 9) == 0;
	int yes = strstr(text, ".public.fabrique") != NULL;
	free(text);
	return yes;
}

/* The warning for name (n files), a build's leftover in the commit,
 * with the .gitignore line that keeps the next one out of git when
 * .gitignore lacks it. */
static void
say_leftover(struct run *r, const char *name, size_t n, bool folder)
{
	const char *base = strrchr(name, '/');
	base = base != NULL ? base + 1 : name;
	const char *f = strstr(base + 1, ".fabrique");
	char *pattern = arena_printf(r->a, "/%.*s.fabrique*",
	                             (int)(f != NULL ? f - name : 0), name);
	bool init;
	const char *add =
	    ignores_leftovers(r, &init) == 1
	        ? ""
	        : arena_printf(r->a,
	                       diag_tr(r->d, ", add the line '%s' to "
	                                     ".gitignore (git then ignores "
	                                     "it)"),
	                       pattern);
	if (folder)
		diag_report(
		    r->d, DIAG_WARNING, name, 0, 0,
		    "a build's temporary folder (a half-built copy of "
		    "the site, %zu file(s)) is committed in git: a build "
		    "stopped midway (killed, computer switched off) left "
		    "it beside its output, and 'git add -A' took it in; "
		    "it is no part of the site, and every clone of the "
		    "repository carries it; take it out of git with 'git "
		    "rm -r -q --cached %s'%s, and commit",
		    n, name, add);
	else
		diag_report(
		    r->d, DIAG_WARNING, name, 0, 0,
		    "a build's lock or journal is committed in git: a "
		    "build stopped midway (killed, computer switched off) "
		    "left it beside its output, and 'git add -A' took it "
		    "in; take it out of git with 'git rm -q --cached "
		    "%s'%s, and commit",
		    name, add);
}

/* A site whose .gitignore an older fabrique init made (it names
 * /public/ but not what a killed build leaves beside it) gets a note
 * with the line to add, before 'git add -A' commits a half-built site. */
static void
note_old_gitignore(struct run *r)
{
	bool init;
	if (ignores_leftovers(r, &init) == 0 && init)
		diag_report(
		    r->d, DIAG_NOTE, ".gitignore", 0, 0,
		    "this .gitignore, made by an older fabrique init, "
		    "does not name what a build stopped midway leaves "
		    "beside public/ (its temporary folder, lock and "
		    "journal), which 'git add -A' would then commit: add "
		    "the line '/.public.fabrique*' to it");
}

/*
 * tester21 F2: a build killed midway leaves its temporary folder (a
 * half-built site), its lock and its journal beside the output, which
 * `git add -A` commits where .gitignore (made by an older fabrique
 * init) does not name them.  Each one in the commit built is a warning
 * saying how to take it out of git (the site is read from the commit
 * whole, these skipped); the files are listed sorted, so each one's
 * files come together.
 */
static void
warn_leftovers(struct run *r)
{
	const source_file *files;
	size_t n;
	note_old_gitignore(r);
	if (source_commit(r->src) == NULL ||
	    source_list(r->src, "", &files, &n) != 0)
		return;
	const char *name = NULL;
	size_t len = 0, count = 0;
	for (size_t i = 0; i <= n; i++) {
		size_t l = i < n ? leftover_len(files[i].path) : 0;
		if (name != NULL &&
		    (l != len || strncmp(files[i].path, name, len) != 0)) {
			say_leftover(r, arena_strndup(r->a, name, len), count,
			             name[len] == '/');
			name = NULL;
		}
		if (l > 0 && name == NULL) {
			name = files[i].path;
			len = l;
			count = 0;
		}
		count += l > 0;
	}
}

/*
 * Everything the output depends on: the site's and the theme's blob ids,
 * fabrique's version, the options, the build date and the commit (pages'
 * created and last-changed dates come from the history behind it: a
 * commit that brings back an older tree is not the older build, even
 * when SOURCE_DATE_EPOCH keeps the build date still).  Equal prints mean
 * an equal site, so the previous one can stay.
 */
static void
fingerprint(struct run *r, buf *fp)
{
	const build_opts *o = r->o;
	const char *root = source_site_path(r->src);
	const source_file *files;
	size_t n;
	const char *commit = source_commit(r->src);
	/* With --today the commune's day may change within a UTC day: the
	 * hour is part of the print (a rebuild within the day keeps its
	 * unchanged files). */
	/* The language of the messages too: a build with nothing to do says
	 * the last build's warnings again as they were written. */
	buf_printf(fp,
	           "fabrique %s\nsite %s\ndrafts %d\ntime %lld\ncommit %s\n"
	           "hour %lld\nlang %s\n",
	           FABRIQUE_VERSION, root, o->drafts, r->now,
	           commit != NULL ? commit : "-", r->today_at / 3600,
	           diag_lang(r->d));
	/* A commit's site folder is told by its tree id, which covers every
	 * file's name, mode and blob under it: the 10,000 files of a site
	 * need not even be listed (source_open_git_lazy()).  A folder on
	 * disk by its files' blob ids, one line each (not buf_printf(): a
	 * tenth of the main thread at 10,000 files). */
	char tree[41];
	if (source_tree_id(r->src, root, tree) == 0) {
		buf_puts(fp, "tree ");
		buf_puts(fp, tree);
		buf_putc(fp, '\n');
	} else if (source_list(r->src, root, &files, &n) == 0)
		for (size_t i = 0; i < n; i++) {
			buf_puts(fp, files[i].id);
			buf_putc(fp, ' ');
			buf_puts(fp, files[i].path);
			buf_putc(fp, '\n');
		}
	theme_fingerprint(r->th, fp);
}

/* True when the output is already what this build would write. */
static bool
up_to_date(struct run *r)
{
	const build_opts *o = r->o;
	if (o->check_only || o->into != NULL)
		return false;
	buf fp = BUF_INIT;
	fingerprint(r, &fp);
	r->incr = incremental_open(r->cache, o->out, &fp);
	buf_free(&fp);
	if (r->handed)
		return false; /* found not up to date before the exec */
	/* What was read before the lock is older than a build that held
	 * it meanwhile: its answer is not taken then (incremental.h). */
	incr_spec *spec = output_lock_waited(r->out) ? NULL : r->spec;
	bool fresh = !o->full && !output_interrupted(o->out) &&
	             incremental_up_to_date(r->incr, spec);
	incremental_speculate_free(r->spec);
	r->spec = NULL;
	return fresh;
}

/* The theme's files only: its templates are compiled once the build is
 * known to have something to do (theme_complete(), theme.h). */
static int
open_theme(struct run *r)
{
	r->th = theme_open_site_lazy(r->src, &r->conf, r->a, r->d);
	if (r->o->theme_dir != NULL && r->th != NULL &&
	    theme_disk_dir(r->th) != NULL) {
		free(*r->o->theme_dir);
		*r->o->theme_dir = realpath(theme_disk_dir(r->th), NULL);
	}
	return r->th != NULL ? 0 : -1;
}

/* The last line of a build or check, with plurals, in the editor's
 * language: "built 107 pages and 1 file from ... into public in 0.40 s". */
static void
summary(const struct run *r, double t0)
{
	if (r->o->quiet)
		return;
	const diag *d = r->d;
	char pages[64], files[64];
	snprintf(pages, sizeof(pages),
	         diag_plural(d, r->st.pages, "%zu page", "%zu pages"),
	         r->st.pages);
	snprintf(files, sizeof(files),
	         diag_plural(d, r->st.files, "%zu file", "%zu files"),
	         r->st.files);
	buf b = BUF_INIT;
	if (r->o->check_only)
		buf_printf(&b, diag_tr(d, "checked %s and %s from %s"), pages,
		           files, source_describe(r->src));
	else
		buf_printf(&b, diag_tr(d, "built %s and %s from %s into %s"),
		           pages, files, source_describe(r->src), r->o->out);
	char secs[32];
	buf_printf(&b, diag_tr(d, " in %s s"),
	           msgcat_decimal(diag_lang(d), secs, sizeof(secs),
	                          now_seconds() - t0, 2));
	size_t written = 0, linked = 0;
	if (r->out != NULL)
		output_counts(r->out, &written, &linked);
	if (linked > 0)
		buf_printf(&b, diag_tr(d, " (%zu rewritten, %zu unchanged)"),
		           written, linked);
	fprintf(stderr, "%s%s\n", diag_tr(r->d, "fabrique: "), buf_cstr(&b));
	buf_free(&b);
}

/*
 * check's last line, with plurals: "no warning, no error", "1 warning,
 * no error", "3 warnings, no error" (in French, 0 and 1 take the
 * singular: the three forms are three catalogue entries).  With edits
 * not committed, it says what was checked, the commit, and that the
 * edited files were not, with the command that checks them: a note
 * above it was missed by editors who read the last line.
 */
static void
check_verdict(const struct run *r)
{
	const diag *d = r->d;
	size_t n = diag_count(d, DIAG_WARNING);
	const char *fmt = n == 0   ? "no warning, no error"
	                  : n == 1 ? "%zu warning, no error"
	                           : "%zu warnings, no error";
	buf b = BUF_INIT;
	buf_printf(&b, diag_tr(d, fmt), n);
	const char *commit = source_commit(r->src);
	if (r->ndirty > 0 && commit != NULL) {
		const char *dir = r->o->site;
		bool here = dir == NULL || strcmp(dir, ".") == 0;
		const char *edits = diag_plural(
		    d, (size_t)r->ndirty,
		    " in commit %.7s; %d file changed since is not checked: "
		    "fabrique check%s%s --worktree checks it",
		    " in commit %.7s; %d files changed since are not checked: "
		    "fabrique check%s%s --worktree checks them");
		buf_printf(&b, edits, commit, r->ndirty, here ? "" : " ",
		           here ? "" : dir);
	}
	fprintf(stderr, "%s%s\n", diag_tr(r->d, "fabrique: "), buf_cstr(&b));
	buf_free(&b);
}

/*
 * check's last line when content errors stopped it: "3 errors, 1
 * warning", as after a check that passed, so that an editor who reads the
 * last line (or a pusher, the hook's) knows how many to correct (outside
 * tester, session 17: a failed check --strict ended on its last error).
 */
static void
check_failed_verdict(const diag *d)
{
	size_t e = diag_count(d, DIAG_ERROR), w = diag_count(d, DIAG_WARNING);
	buf b = BUF_INIT;
	buf_printf(&b, diag_plural(d, e, "%zu error", "%zu errors"), e);
	if (w == 0)
		buf_puts(&b, diag_tr(d, ", no warning"));
	else
		buf_printf(&b,
		           diag_plural(d, w, ", %zu warning", ", %zu warnings"),
		           w);
	fprintf(stderr, "%s%s\n", diag_tr(d, "fabrique: "), buf_cstr(&b));
	buf_free(&b);
}

/*
 * True when git ignores the output folder (public/ in .gitignore, as
 * fabrique init writes it): then neither a commit nor a --worktree build
 * (which skips ignored files) reads it back, so it may lie inside the
 * site folder, as it must for a site at the repository's root.
 */
static bool
out_ignored(git_repository *repo, const char *wd, const char *out, arena *a)
{
	const char *slash = strrchr(out, '/');
	const char *parent =
	    slash ? arena_strndup(a, out, (size_t)(slash - out)) : ".";
	char *real = realpath(*parent ? parent : "/", NULL);
	git_repository *own = NULL; /* a --worktree source keeps none open */
	if (repo == NULL && git_repository_open(&own, wd) == 0)
		repo = own;
	if (real == NULL || repo == NULL) {
		free(real);
		return false;
	}
	const char *abs =
	    arena_printf(a, "%s/%s/", real, slash ? slash + 1 : out);
	free(real);
	size_t n = strlen(wd);
	while (n > 0 && wd[n - 1] == '/')
		n--;
	int ignored = 0;
	bool yes =
	    strncmp(abs, wd, n) == 0 && abs[n] == '/' &&
	    git_ignore_path_is_ignored(&ignored, repo, abs + n + 1) == 0 &&
	    ignored;
	git_repository_free(own);
	return yes;
}

/*
 * The output is replaced as a whole: it may neither hold what the build
 * reads (the work tree, the git folder, the site folder) nor lie inside
 * the site folder, where the next build would read it back, unless git
 * ignores it there.
 */
static int
guard_output(struct run *r)
{
	const char *wd = source_workdir(r->src);
	const char *keep[4] = {NULL, NULL, NULL, NULL};
	size_t n = 0;
	char *sitedir = NULL;
	if (wd != NULL && *wd != '\0') {
		keep[n++] = wd;
		const char *sp = source_site_path(r->src);
		sitedir = *sp ? arena_printf(r->a, "%s/%s", wd, sp)
		              : arena_strdup(r->a, wd);
		keep[n++] = sitedir;
	}
	git_repository *repo = source_repo(r->src);
	if (repo != NULL)
		keep[n++] = git_repository_path(repo);
	if (sitedir != NULL && out_ignored(repo, wd, r->o->out, r->a))
		sitedir = NULL;
	return outguard_check_place(r->o->out, keep, sitedir, r->d);
}

/* An output that may not be replaced (it holds what the build reads,
 * or a folder fabrique did not write) stops the build before it reads a
 * page: nothing is loaded, and no cache is written in the repository.
 * output_start() checks the folder again when it takes it. */
static bool
output_refused(struct run *r)
{
	const build_opts *o = r->o;
	if (o->check_only || o->into != NULL)
		return false;
	struct stat st;
	return guard_output(r) != 0 ||
	       (stat(o->out, &st) == 0 && S_ISDIR(st.st_mode) &&
	        (outguard_check_owned(o->out, r->d) != 0 ||
	         outguard_check_kind(o->out, "build", r->d) != 0));
}

/*
 * A build into a folder takes its lock before it reads what the last
 * build into it recorded (up_to_date()): a build started while another
 * runs waits for it, then compares with what that one made, instead of
 * finding the output "up to date" with a record about to be replaced
 * and leaving the other build's site in place.
 */
static int
lock_output(struct run *r)
{
	const build_opts *o = r->o;
	if (o->check_only || o->into != NULL)
		return 0;
	r->out = output_lock_inherited(o->out, o->handed ? o->handed_lock : -1,
	                               &r->handed, r->d);
	return r->out != NULL ? 0 : -1;
}

/*
 * Once the output is known not to be up to date: fabrique build starts
 * itself again there (build_opts.restart), with the lock handed over.
 * Nothing was written yet, and the diagnostics so far are only held in
 * d: the run started again finds and says them again.
 */
static void
restart(struct run *r)
{
	const build_opts *o = r->o;
	if (o->restart == NULL || r->out == NULL || r->handed)
		return;
	int fd = output_lock_handover(r->out, true);
	if (fd < 0)
		return;
	phase(r, "output checked: starting again");
	o->restart(o->restart_ctx, fd, r->t0, r->ndirty);
	output_lock_handover(r->out, false);
}

static enum build_status publish(struct run *r, const render_opts *ro);

/* Ctrl-C, or fabrique serve's newer change: stop now. */
static bool
halted(const build_opts *o)
{
	return interrupt_requested(o->stop) ||
	       (o->cancel != NULL && atomic_load(o->cancel));
}

static bool
reuse_keep(void *ctx, const char *relpath, const char *key)
{
	return incremental_keep(ctx, relpath, key);
}

static void
reuse_made(void *ctx, const char *relpath, const char *key)
{
	incremental_made(ctx, relpath, key);
}

/* Ctrl-C: the temporary folder goes, the output stays as it was. */
static enum build_status
stopped(struct run *r)
{
	if (r->out != NULL && r->out != r->o->into)
		output_abort(r->out);
	return BUILD_INTERRUPTED;
}

/* Opens the render cache (rendercache.h) for the time of the render. */
static enum build_status
render_and_publish(struct run *r)
{
	const build_opts *o = r->o;
	/* --full renders everything afresh (and proves the cache right). */
	rendercache *rc_cache = rendercache_open(
	    o->full ? NULL : arena_printf(r->a, "%s/render", r->cache));
	/* A page whose template inputs are those of the previous build
	 * keeps its file (incremental.h); not with --full. */
	render_reuse reuse = {reuse_keep, reuse_made, r->incr};
	render_opts ro = {
	    o->jobs,    o->progress && !o->quiet,
	    r->now,     source_commit(r->src),
	    rc_cache,   o->first,
	    o->nfirst,  o->stop,
	    o->cancel,  r->incr != NULL && !o->full ? &reuse : NULL,
	    o->verbose, o->full ? NULL : r->cache};
	enum build_status st = publish(r, &ro);
	rendercache_free(rc_cache);
	return st;
}

/* --verbose: how many pages' Markdown came from the render cache, how
 * many pages' files were kept without rendering their template. */
static void
cache_counts(struct run *r, rendercache *c)
{
	size_t hits, misses;
	site_load_counts(r->site, &hits, &misses);
	if (r->o->verbose && hits + misses > 0)
		fprintf(stderr,
		        "fabrique: front matter of %zu page(s) reused, %zu "
		        "parsed\n",
		        hits, misses);
	rendercache_counts(c, &hits, &misses);
	if (r->o->verbose)
		fprintf(stderr,
		        "fabrique: Markdown of %zu page(s) reused, %zu "
		        "rendered; %zu page(s) kept without rendering\n",
		        hits, misses, r->st.kept);
}

/*
 * A site with errors, which makes no page: its photos' bytes are checked
 * still (site_load()'s gather_photos()), through the cache as for a
 * check, with no output, so that their problems are said with the
 * pages' in one run; then it is set aside (r->site NULL), as a site that
 * cannot be made, and freed at the end with the others.
 */
static void
check_photos(struct run *r)
{
	photos_opts po = {arena_printf(r->a, "%s/images", r->cache), r->o->jobs,
	                  r->o->quiet, r->o->verbose};
	(void)photos_prepare(r->site, r->src, r->th, NULL, &po, r->d);
	r->broken = r->site; /* freed with the arena, at the end */
	r->site = NULL;
}

static enum build_status
publish(struct run *r, const render_opts *ro_in)
{
	const build_opts *o = r->o;
	render_opts ro = *ro_in;
	if (render_check_layouts(r->site, r->th, r->d) != 0)
		return BUILD_CONTENT;
	if (o->into != NULL)
		r->out = o->into;
	else if (!o->check_only &&
	         (r->out == NULL || output_start(r->out) != 0))
		return BUILD_OUTPUT;
	bool from = o->carry_from != NULL && o->into == NULL;
	if (r->out != NULL && r->incr != NULL && !o->full)
		incremental_attach(r->incr, r->out, !o->atomic && !from);
	else if (r->out != NULL && r->incr != NULL && o->into == NULL)
		incremental_attach_full(r->incr, r->out);
	if (r->out != NULL && r->incr != NULL && from)
		incremental_carry_from(r->incr, r->out, o->carry_from);
	photos_opts po = {arena_printf(r->a, "%s/images", r->cache), o->jobs,
	                  o->quiet, o->verbose};
	if (r->out != NULL)
		output_on_claim(r->out, site_output_claims, r->site);
	int rc = photos_prepare(r->site, r->src, r->th, r->out, &po, r->d);
	phase(r, "photos made");
	if (halted(o))
		return stopped(r);
	if (render_site(r->site, r->th, r->src, r->out, &ro, &r->st, r->d) != 0)
		rc = -1;
	stagetime linked = stagetime_start(false);
	if (photos_linked(r->site, r->src, r->th, r->out, &po, r->d) != 0)
		rc = -1;
	if (o->verbose)
		stagetime_report(&linked, "  photos linked");
	phase(r, "rendered and written");
	if (halted(o))
		return stopped(r);
	cache_counts(r, ro.cache);
	if (r->out == NULL) /* check: any error, even one found rendering */
		return rc == 0 && diag_count(r->d, DIAG_ERROR) == 0
		           ? BUILD_OK
		           : BUILD_CONTENT;
	if (rc != 0 || diag_count(r->d, DIAG_ERROR) > 0) {
		bool failed = output_failed(r->out);
		output_abort(r->out); /* says so when the disk is full */
		return failed ? BUILD_OUTPUT : BUILD_CONTENT;
	}
	if (r->incr != NULL && !o->full)
		incremental_prune(r->incr);
	rc = output_commit(r->out);
	phase(r, "output updated");
	/* in place, the journal goes once the record says what the output
	 * holds (output.h) */
	if (rc == 0 &&
	    (r->incr == NULL || incremental_save(r->incr, r->d) == 0))
		output_finish(r->out);
	return rc == 0 ? BUILD_OK : BUILD_OUTPUT;
}

/* Quiet: a site that cannot be read says why when it is built; until
 * then the environment's language (msgcat_lang(NULL)) is taken.  A
 * commit that cannot be read (none yet, a ref that names none) leaves
 * the folder on disk when the repository is found from it: its
 * site.yaml is the one the editor writes and is about to commit, so a
 * build before the first commit says why in the site's language. */
const char *
build_site_lang(const build_opts *o)
{
	if (msgcat_env_names_lang())
		return msgcat_env_lang();
	diag *quiet = diag_new("en");
	source *src =
	    o->worktree ? source_open_dir(o->site, quiet)
	                : source_open_git_lazy(o->repo, o->site, o->ref, quiet);
	/* a ref that names nothing (--ref main where there is master):
	 * the published branch's site.yaml */
	if (src == NULL && !o->worktree && o->ref != NULL)
		src = source_open_git_lazy(o->repo, o->site, "HEAD", quiet);
	if (src == NULL && !o->worktree && o->repo == NULL)
		src = source_open_dir(o->site, quiet);
	const char *lang = msgcat_env_lang();
	if (src != NULL) {
		arena *a = arena_new();
		siteyaml sy;
		siteyaml_read(src, a, &sy);
		lang = msgcat_lang(siteyaml_lang(&sy));
		arena_free(a);
		source_free(src);
	}
	diag_free(quiet);
	return lang;
}

/* A folder outside git with neither XDG_CACHE_HOME nor HOME (a systemd
 * unit): stopped before anything is written, as a wrong command line is
 * (--cache is the answer), in the site's language. */
static enum build_status
no_cache(const build_opts *o, diag *d)
{
	if (follows_site_lang(o))
		diag_set_lang(d, build_site_lang(o));
	cachedir_none(d, o->site != NULL ? o->site : ".");
	diag_flush(d, stderr);
	return BUILD_USAGE;
}

/* The site a build replaces, which oldids.h reads: publish's live
 * release (carry_from), else the output folder. */
static const char *
replaced(const build_opts *o)
{
	return o->carry_from != NULL ? o->carry_from : o->out;
}

enum build_status
build_run(const build_opts *o, diag *d)
{
	struct run r = {.o = o, .d = d, .a = arena_new()};
	r.t0 = o->started > 0 ? o->started : now_seconds();
	char *cache = cachedir_find(o->cache, o->repo, o->site);
	if (cache == NULL) {
		arena_free(r.a);
		return no_cache(o, d);
	}
	r.cache = arena_strdup(r.a, cache);
	free(cache);
	if (o->strict)
		diag_set_strict(d, true);
	r.stage = stagetime_start(false); /* start-up is not a stage */
	/* A build with nothing to do is mostly one stat() per output file:
	 * begun now, beside the source's and the theme's opening. */
	if (!o->check_only && o->into == NULL && !o->full && o->out != NULL &&
	    !o->handed)
		r.spec = incremental_speculate(r.cache, o->out);
	enum build_status st = BUILD_SOURCE;
	if (open_source(&r) == 0) {
		phase(&r, "source opened");
		siteyaml_read(r.src, r.a, &r.conf);
		if (follows_site_lang(o))
			diag_set_lang(d, msgcat_lang(siteyaml_lang(&r.conf)));
		st = BUILD_CONTENT;
		decide_today(&r);
		warn_future(&r);
		site_opts so = {.drafts = o->drafts,
		                .now = r.now,
		                .lang = "fr",
		                .today_at = r.today_at,
		                .until = r.until,
		                .until_at = r.until_at,
		                .cache = r.cache,
		                .jobs = o->jobs,
		                .schedules = !o->check_only,
		                .conf = &r.conf,
		                .keep_incomplete = true};
		bool nosite = !site_config_present(&r.conf, r.src, r.a, d);
		bool refused =
		    !nosite && (output_refused(&r) || lock_output(&r) != 0);
		bool fresh = !nosite && !refused && open_theme(&r) == 0 &&
		             up_to_date(&r);
		note_uncommitted(&r);
		if (!nosite && !refused && !fresh && r.th != NULL && !halted(o))
			restart(&r);
		if (refused)
			st = BUILD_OUTPUT;
		else if (nosite) /* said, with where a site is or why not read
		                  */
			st = source_exists(r.src, r.conf.path) ? BUILD_SOURCE
			                                       : BUILD_CONTENT;
		else if (fresh) {
			incremental_replay(r.incr, d);
			if (!o->quiet && diag_count(d, DIAG_ERROR) == 0) {
				fputs(diag_tr(d, "fabrique: "), stderr);
				fprintf(stderr,
				        diag_tr(d,
				                "%s is up to date: nothing "
				                "changed since the last build"),
				        o->out);
				fputc('\n', stderr);
			}
			st = diag_count(d, DIAG_ERROR) == 0 ? BUILD_OK
			                                    : BUILD_CONTENT;
		} else if (source_complete(r.src) != 0) {
			st = BUILD_SOURCE; /* a damaged repository, said */
		} else if (r.th != NULL && theme_complete(r.th, d) != 0) {
			st = BUILD_CONTENT; /* its errors said */
		} else if (r.th != NULL && !halted(o)) {
			phase(&r, "theme loaded");
			incremental_preload(r.incr);
			warn_leftovers(&r);
			r.site = site_load(r.src, r.th, &so, r.a, d);
			if (r.site != NULL && site_incomplete(r.site))
				check_photos(&r);
			if (!o->check_only && o->into == NULL)
				oldids_warn(r.site, replaced(o), &r.conf, d);
			if (o->base != NULL && r.site != NULL) {
				free(*o->base);
				*o->base = xstrdup(site_base(r.site));
			}
			phase(&r, "content loaded and checked");
		}
		if (halted(o))
			st = BUILD_INTERRUPTED;
		else if (r.site != NULL)
			st = render_and_publish(&r);
	}
	if (o->check_only && st != BUILD_OK && r.src != NULL)
		say_uncommitted(&r); /* not said by the verdict */
	diag_flush(d, stderr);
	if (st == BUILD_OK && r.site != NULL)
		summary(&r, r.t0);
	if (st == BUILD_OK && r.site != NULL && o->check_only && !o->quiet)
		check_verdict(&r);
	else if (st == BUILD_CONTENT && o->check_only && !o->quiet &&
	         diag_count(d, DIAG_ERROR) > 0)
		check_failed_verdict(d);
	if (o->into == NULL)
		output_free(r.out);
	incremental_free(r.incr);
	incremental_speculate_free(r.spec);
	site_free(r.site);
	site_free(r.broken);
	theme_free(r.th);
	source_free(r.src);
	arena_free(r.a);
	return st;
}
