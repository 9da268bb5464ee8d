/*
 * msgcat.h - the diagnostics message catalogue (English -> French).
 *
 * Source code speaks English; msgcat_lookup() returns the French text of an
 * English message (or the message itself when none exists).  The
 * catalogue is a sorted static table (msgcat_fr.inc), searched by binary
 * search, so it needs no initialisation and no global mutable state.
 * Only fabrique's own messages live here: the strings templates show
 * ({{t.…}}) are the theme's, in its i18n folder, loaded by theme.c.
 */
#ifndef FABRIQUE_MSGCAT_H
#define FABRIQUE_MSGCAT_H

#include <stdbool.h>

const char *msgcat_lookup(const char *lang, const char *english);
/*
 * A system error's words (errno e) in lang.  The C library says them in
 * English unless a French locale is installed, which a server seldom
 * has: a French line of the post-receive hook ended in « Is a
 * directory ».  glibc's English description is the key, so the French
 * is the catalogue's; thread-safe, no buffer.
 */
const char *msgcat_errtext(const char *lang, int e);
/*
 * The one place the messages' language is decided: the language the
 * environment names (the first of LC_ALL, LC_MESSAGES and LANG that is
 * set and not empty; "C", "POSIX" and "C.UTF-8" name none, as in a cron
 * job, a Debian container, a shared host's shell or env -i; LANGUAGE,
 * as gettext reads it, before them unless the locale is C or POSIX),
 * else the site's (site_lang: site.yaml's langue, NULL or "" when no
 * site is known), else English.  "fr" or "en", a literal (diag_new()
 * keeps the pointer).
 */
const char *msgcat_lang(const char *site_lang);
/* Whether the environment names a language: if so, the site's need not
 * be read. */
bool msgcat_env_names_lang(void);
/* msgcat_lang() where no site is known. */
const char *msgcat_env_lang(void);
/* v with digits decimals as lang writes it: "0.30" in English, "0,30"
 * in French (a comma is the French decimal separator); in b (n bytes). */
const char *msgcat_decimal(const char *lang, char *b, unsigned n, double v,
                           int digits);
/* Whether n things take the plural in lang: English says "1 page", "0
 * pages", French "0 page", "1 page"; both "2 pages".  The one home of
 * that rule, for the messages (diag_plural) and the theme's counts
 * (view_set_count). */
bool msgcat_plural(const char *lang, long n);
/* The colon after a label in lang, with what comes before it: " :" in
 * French (a space before it, « Rendez-vous : Sous le préau », « erreur
 * : »), ":" otherwise (« Meeting point: Under the porch »); a space
 * follows it in both.  The one home of that rule, for the messages
 * (diag), the theme's labels in the outputs (calendars, feeds) and the
 * templates ({{t.deux_points}}, theme.c); NULL or "" is French, the
 * site's default language.  A literal. */
const char *msgcat_colon(const char *lang);
/* Non-zero if the table is not sorted (checked by a unit test). */
int msgcat_check_sorted(void);
/* 1 + index of the first entry whose French format does not take the
 * same printf conversions as the English one, or 0. */
int msgcat_check_formats(void);

#endif
