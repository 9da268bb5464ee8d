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

const char *msgcat_lookup(const char *lang, const char *english);
/* "fr" when the environment asks for French, otherwise "en". */
const char *msgcat_env_lang(void);
/* Non-zero if the table is not sorted (checked by a unit test). */
int msgcat_check_sorted(void);
/* 1 + index of the first entry whose French format does not take the
 * same printf conversions as the English one, or 0. */
int msgcat_check_formats(void);

#endif
