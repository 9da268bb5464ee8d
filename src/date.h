/*
 * date.h - calendar dates and times as French readers expect them.
 *
 * Dates are civil dates with no time zone ("2026-05-23"): the day of a
 * Journée Citoyenne is the same everywhere.  Names of days and months and
 * the shape of times come from the theme's i18n file, so a theme can be
 * translated without touching C.
 */
#ifndef FABRIQUE_DATE_H
#define FABRIQUE_DATE_H

#include <stdbool.h>
#include <stddef.h>

#include "value.h"

typedef struct civil_date {
	int year, month, day; /* month 1-12 */
} civil_date;

/* Parses "YYYY-MM-DD" (exactly); false if malformed or not a real day. */
bool date_parse(const char *s, civil_date *out);
/* 0 = Monday ... 6 = Sunday (ISO 8601). */
int date_weekday(civil_date d);
/* Days since 1970-01-01 (negative before). */
long date_days(civil_date d);
civil_date date_from_days(long days);
/* Civil date (UTC) of a Unix time. */
civil_date date_from_unix(long long t);
int date_cmp(civil_date a, civil_date b);

/*
 * Long form from the i18n map: uses its lists "jours" (Monday first) and
 * "mois" (January first): "samedi 23 mai 2026".  Falls back to ISO when
 * the lists are missing.  out gets at most outsz bytes.
 */
void date_format_long(civil_date d, const value *i18n, char *out, size_t outsz);
/*
 * "09:30" -> "9 h 30", "14:00" -> "14 h" with the i18n map's "heure" and
 * "heure_pile" patterns (%H hour without padding, %M minutes); English
 * themes may use "%H:%M".  Returns false if t is not HH:MM.
 */
bool date_time_format(const char *t, const value *i18n, char *out,
                      size_t outsz);

#endif
