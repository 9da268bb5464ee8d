/*
 * build.h - one build (or check) from source to published site.
 *
 *   source (git at REF, or files on disk)
 *     -> theme (templates, assets, strings, schema)
 *     -> site model (validated pages, URLs, template data)
 *     -> render (Markdown + templates, in parallel)
 *     -> output (temporary folder, swapped in only if all went well)
 *
 * Exit statuses are the command's: see build_status.
 */
#ifndef FABRIQUE_BUILD_H
#define FABRIQUE_BUILD_H

#include <stdatomic.h>
#include <stdbool.h>

#include "diag.h"
#include "interrupt.h"
#include "output.h"

enum build_status {
	BUILD_OK = 0,
	BUILD_CONTENT = 1, /* errors in the content or the theme */
	BUILD_USAGE = 2,   /* bad command line (main.c) */
	BUILD_SOURCE = 3,  /* repository, ref or folder cannot be read */
	BUILD_OUTPUT = 4,  /* the output folder cannot be written */
	/* Ctrl-C or SIGTERM (interrupt.h): stopped, the output as it was;
	 * the command exits with interrupt_status() (130 for Ctrl-C) */
	BUILD_INTERRUPTED = 130
};

typedef struct build_opts {
	const char *site; /* the folder holding site.yaml */
	const char *repo; /* NULL: found upward from site */
	const char *ref;  /* NULL: HEAD */
	const char *out;  /* output folder */
	bool worktree;    /* files on disk instead of the commit */
	bool drafts;
	bool check_only; /* everything but writing */
	bool quiet, verbose, progress;
	bool full;   /* ignore the previous build (no reuse) */
	bool atomic; /* swap a whole new folder in, never update the
	              * output in place (output.h) */
	bool strict; /* warnings are errors (diag_set_strict) */
	/* The diag's language stays as the caller chose it (the hooks: the
	 * site's first); else, when the environment names none, the site's
	 * (msgcat_lang()). */
	bool keep_lang;
	bool today;        /* dates compare with today (build_clock()), not with
	                    * the commit's day: a daily rebuild (publish --today) */
	const char *cache; /* NULL: with the repository (cachedir.h) */
	/* fabrique publish: the release now live; the files in it that no
	 * build made (the webmaster's) go into the new release, which is
	 * then a new folder, never updated in place (output_carry_from()).
	 * NULL: those of out's previous site, as a build keeps them. */
	const char *carry_from;
	int jobs;
	/* fabrique serve: the build writes into this output (from
	 * output_begin_memory()) and commits it, instead of out; no
	 * incremental manifest.  The caller frees it. */
	output *into;
	/* fabrique serve: the pages open in a browser, rendered first
	 * (render_opts first) */
	const char *const *first;
	size_t nfirst;
	const interrupt *stop; /* NULL: runs to the end */
	/* fabrique serve: raised when a newer change makes this build moot;
	 * it then stops as for Ctrl-C (BUILD_INTERRUPTED).  May be NULL. */
	const atomic_bool *cancel;
	/* fabrique serve: set to the theme's folder outside the repository
	 * (theme_disk_dir()), or NULL; the caller frees it */
	char **theme_dir;
	/* fabrique serve: set to the site's base path once the site is
	 * loaded (site_base(): "/journee", or ""); the caller frees it */
	char **base;
	/*
	 * fabrique build starts itself again with glibc's heaps on huge
	 * pages (main.c), only once the output is known not to be up to
	 * date, so that a build with nothing to do starts once: restart is
	 * called then (NULL: never), with the output's lock handed over
	 * (output_lock_handover(): lockfd survives the exec) and t0, when
	 * the build started (CLOCK_MONOTONIC, for its summary); it returns
	 * only if the program did not start again.  The run started again
	 * gets them back as handed_lock (when handed) and started (0: now):
	 * it takes the lock over (output_lock_inherited()), never waiting,
	 * and builds without checking the output again, as nobody could
	 * have built into it meanwhile.  ndirty, the uncommitted changes
	 * counted (-1: not counted), comes back as handed_dirty: the run
	 * started again does not walk the work tree again (20,000 stat()s
	 * at 10,000 pages, beside the loading).
	 */
	void (*restart)(void *ctx, int lockfd, double t0, int ndirty);
	void *restart_ctx;
	bool handed;
	int handed_lock;
	int handed_dirty;
	double started;
} build_opts;

enum build_status build_run(const build_opts *o, diag *d);

/*
 * The messages' language of a command about the site o names that speaks
 * outside build_run() (serve's own lines, new): msgcat_lang() of its
 * site.yaml's langue, read as build_run() would read it.  "fr" or "en".
 */
const char *build_site_lang(const build_opts *o);

/* What a build of a commit calls today (build_decide_day()): site_opts
 * now, today_at, until and until_at; future, the commit's time when it
 * is more than a day after the clock (then the clock's day is used), or
 * 0.  today: as with --today (the clock's day, a daily rebuild). */
typedef struct build_day {
	long long now, today_at, until, until_at, future;
} build_day;
build_day build_decide_day(long long commit_time, bool today);
/* The warning for a day.future commit (an event, never an error); who:
 * NULL for the site built, else the network member, put first. */
void build_warn_future(diag *d, const build_day *day, const char *commit,
                       const char *who);

/* The clock a build calls "now": SOURCE_DATE_EPOCH when set (tests,
 * reproducible builds), else time(NULL).  Unix seconds. */
long long build_clock(void);

#endif
