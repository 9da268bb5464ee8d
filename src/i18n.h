/*
 * i18n.h - the message catalogue.
 *
 * Source code speaks English; i18n_lookup() returns the French text of an
 * English message (or the message itself when none exists).  The
 * catalogue is a sorted static table, searched by binary search, so it
 * needs no initialisation and no global mutable state.
 */
#ifndef FABRIQUE_I18N_H
#define FABRIQUE_I18N_H

const char *i18n_lookup(const char *lang, const char *english);
/* "fr" when the environment asks for French, otherwise "en". */
const char *i18n_env_lang(void);
/* Non-zero if the table is not sorted (checked by a unit test). */
int i18n_check_sorted(void);
/* 1 + index of the first entry whose French format does not take the
 * same printf conversions as the English one, or 0. */
int i18n_check_formats(void);

#endif
