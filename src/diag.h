/*
 * diag.h - diagnostics in the editor's terms.
 *
 * Every problem fabrique finds is reported here, never printed directly,
 * so that "fabrique check" can list all of them, sorted by file and line,
 * and so that the build knows whether to publish.  Messages are written in
 * English in the source and looked up in the French catalogue (msgcat.c)
 * when LANG starts with "fr", the way gettext works: a message with no
 * translation is shown in English.
 *
 * Format of each line:  file:line:col: error: message
 * (line/col omitted when unknown).  A collector is thread-safe.
 */
#ifndef FABRIQUE_DIAG_H
#define FABRIQUE_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "value.h"

typedef enum { DIAG_ERROR, DIAG_WARNING, DIAG_NOTE } diag_level;

typedef struct diag diag;

/* lang: "fr" or "en"; NULL picks from LC_ALL / LC_MESSAGES / LANG. */
diag *diag_new(const char *lang);
void diag_free(diag *d);
const char *diag_lang(const diag *d);
/* Messages reported from now on in lang (a literal, msgcat_lang()). */
void diag_set_lang(diag *d, const char *lang);

/*
 * fmt is an English printf format; it is translated before formatting,
 * so the arguments must be in the same order in both languages.
 */
void diag_report(diag *d, diag_level lvl, const char *file, unsigned line,
                 unsigned col, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
/*
 * A warning whose words would be untrue of an error: what it says
 * happens (« it is published as … ») does not when strict mode (below)
 * makes it an error and the build stops.  as_error, an English format
 * taking the same arguments as fmt, is what is said then (outside
 * tester 33); a warning strict mode spares keeps fmt's words.
 */
void diag_warning_worded(diag *d, const char *file, unsigned line, unsigned col,
                         const char *as_error, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
/*
 * A diagnostic about what this build did to files rather than about the
 * content (a cache not written, a folder not removed, files set aside):
 * it is told once and is not given to diag_each(), so it is never kept
 * with a page's cached render nor replayed by a later build with nothing
 * to do, which did none of it.
 */
void diag_event(diag *d, diag_level lvl, const char *file, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* diag_event() at a line and column of file: what the build found in
 * the history rather than a mistake of the content (a site moved). */
void diag_event_at(diag *d, diag_level lvl, const char *file, unsigned line,
                   unsigned col, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
/* Same as diag_report(), positioned at a value read from YAML. */
void diag_at(diag *d, diag_level lvl, const value *where, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

size_t diag_count(const diag *d, diag_level lvl);
/* Forgets every diagnostic not yet flushed, and the counts: for a step
 * that failed before the language was known and is said again once it
 * is (build.c, open_source()). */
void diag_clear(diag *d);
/* Prints every diagnostic sorted by file, line, column, then clears. */
void diag_flush(diag *d, FILE *out);
/*
 * When set, each diagnostic is printed as soon as it is reported
 * (progress on long builds); otherwise they wait for diag_flush().
 */
void diag_set_immediate(diag *d, FILE *out);

/*
 * Strict mode (--strict, the hooks): every warning about the content
 * reported from now on counts and prints as an error, so a typo in a
 * field name (an unknown field is only a warning) cannot reach
 * residents.  An event (diag_event(): what the build did to files, a
 * hand file set aside, a live release without a record) stays a
 * warning: it is no mistake of the editor's, and the post-receive hook,
 * which builds strictly, says it after a push that succeeded.
 */
void diag_set_strict(diag *d, bool strict);
/*
 * A warning strict mode leaves a warning: fn (called from any thread,
 * so it only reads) returns true for a warning of file (NULL for none)
 * with the translated message msg that the pre-receive hook found in
 * the version already published.  A check fabrique gained since then
 * reaches a live site as a warning, not as a refused push on a page
 * nobody touched (outside tester 29 F10).  diag_spared() counts them.
 */
typedef bool (*diag_spare)(void *ctx, const char *file, const char *msg);
void diag_set_strict_spare(diag *d, diag_spare fn, void *ctx);
size_t diag_spared(const diag *d);

/*
 * Called by diag_flush() for each diagnostic it prints, in the same
 * order (fabrique serve shows them in the browser too).  msg is already
 * translated; file may be NULL, line and col 0.
 */
typedef void (*diag_observer)(void *ctx, diag_level lvl, const char *file,
                              unsigned line, unsigned col, const char *msg);
void diag_set_observer(diag *d, diag_observer fn, void *ctx);

/*
 * fabrique serve rebuilds on every save: a warning the terminal already
 * shows is not printed again.  When set, diag_flush() gives fn each line
 * it would print (level and position included, no newline) and prints it
 * only if fn returns true; the observer still sees every diagnostic.
 */
typedef bool (*diag_filter)(void *ctx, diag_level lvl, const char *line);
void diag_set_filter(diag *d, diag_filter fn, void *ctx);

/*
 * Calls fn for each diagnostic not yet flushed, in the order reported,
 * without clearing them, events (diag_event()) left out: a page's render
 * warnings are kept with its cached render (rendercache.h) and reported again
 * when it is reused.
 */
void diag_each(diag *d, diag_observer fn, void *ctx);

/* Translates a message for this collector's language. */
const char *diag_tr(const diag *d, const char *english);
/*
 * The translated format for n things: one (English "%zu page") or many
 * ("%zu pages").  English takes the singular for 1 only, French for 0
 * and 1; both forms are catalogue entries.
 */
const char *diag_plural(const diag *d, size_t n, const char *one,
                        const char *many);
/* A system error's words (errno e) in this collector's language
 * (msgcat_errtext()). */
const char *diag_errtext(const diag *d, int e);

#endif
