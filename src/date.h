/*
 * date.h - calendar dates, times of day and time zones: the one home of
 * the calendar in fabrique.
 *
 * Dates are civil dates with no time zone ("2026-05-23"): the day of a
 * Journée Citoyenne is the same everywhere.  Names of days and months and
 * the shape of times come from the theme's i18n file, so a theme can be
 * translated without touching C.
 *
 * Time zones are a small built-in table (metropolitan France and its
 * neighbours, the overseas départements and collectivités, UTC), with the
 * European summer-time rule, and the North American one for Saint-Pierre-
 * et-Miquelon: fabrique carries no tz database, and reading
 * the system's zoneinfo would make the output depend on the machine.  The
 * calendar (ics.c), JSON-LD (jsonld.c), open data (opendata.c) and feeds
 * (feeds.c) all take their UTC offsets from here.
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
/* "Monday" .. "Sunday" for 0 .. 6 (NULL otherwise): the English name,
 * which messages translate through the catalogue. */
const char *date_weekday_en(int weekday);
/* "January" .. "December" for 1 .. 12 (NULL otherwise): the English
 * name, which messages translate through the catalogue (the theme's
 * names are for pages, not for messages in the editor's language). */
const char *date_month_en(int month);
/* Days since 1970-01-01 (negative before). */
long date_days(civil_date d);
civil_date date_from_days(long days);
/* Civil date (UTC) of a Unix time. */
civil_date date_from_unix(long long t);
int date_cmp(civil_date a, civil_date b);
/* Gregorian leap year (2024, 2000; not 2100). */
bool date_leap_year(int year);
/* Days in month (1-12) of year: 28 to 31. */
int date_month_days(int year, int month);
/* "09:30" -> 570 minutes past midnight, exactly HH:MM (the form the
 * schema normalises times to); -1 if malformed or out of range. */
int date_time_parse(const char *t);

/* A date as an editor may write it instead of YYYY-MM-DD: "29/05/2027",
 * "29-05-2027", "29.05.27", "29 mai 2027", "samedi 29 mai", "1er mai",
 * "2027-5-29", "May 29, 2027".  The day comes before the month (the
 * French order) unless the second number cannot be a month; month names
 * in French or English, any case, with or without accents.  A form
 * without a year takes year (0: none, no guess).  false if s names no
 * real day: only used to say the date meant when s is refused
 * (schema_check.c), never to accept it. */
bool date_guess(const char *s, int year, civil_date *out);
/* The weekday s names ("samedi 30 mai": 5), 0 Monday .. 6 Sunday, French
 * or English, any case; -1 if none.  Lets the error for a refused date
 * say when the day written and the date disagree. */
int date_guess_weekday(const char *s);

/* The summer-time rules of the table's zones (all one hour ahead).
 * DATE_DST_EU: from the last Sunday of March to the last Sunday of
 * October, switching at 01:00 UTC both times.  DATE_DST_NA (Saint-Pierre-
 * et-Miquelon follows its North American neighbours): from the second
 * Sunday of March to the first Sunday of November, switching at 02:00
 * local time both times. */
typedef enum date_dst { DATE_DST_NONE, DATE_DST_EU, DATE_DST_NA } date_dst;

/* A zone of the built-in table. */
typedef struct date_zone {
	const char *id; /* IANA name: "Europe/Paris" */
	int std;        /* standard (winter) offset, minutes east of UTC */
	date_dst dst;   /* which summer-time rule, if any */
	const char *std_name; /* abbreviations for iCalendar's TZNAME */
	const char *dst_name; /* NULL without summer time */
} date_zone;

/* The zone of a site whose site.yaml names none (the default theme's
 * schema gives the same default to fuseau); a theme without that field
 * gets this one everywhere - pages, feeds, calendars, open data, the
 * day a release is named for. */
#define DATE_ZONE_DEFAULT "Europe/Paris"

/* The zone named id (IANA name), or NULL if fabrique does not know it. */
const date_zone *date_zone_find(const char *id);
/* The offset from UTC, in minutes, of the local time `minutes` past
 * midnight on day d in zone z.  The hour skipped in March reads as summer
 * time, the hour repeated in October as the earlier (summer) one. */
int date_zone_offset(const date_zone *z, civil_date d, int minutes);
/* The same for the zone named tz: false if it is not in the table. */
bool date_utc_offset(const char *tz, civil_date d, int minutes, int *offset);
/* The calendar day in zone tz (an IANA name of the table) at instant t
 * (Unix time): a site's "today" is its commune's, not UTC's.  UTC's day
 * when tz is NULL or unknown. */
civil_date date_day_in_zone(const char *tz, long long t);
/* The instant day d starts (local midnight) in zone tz; UTC's midnight
 * when tz is NULL or unknown. */
long long date_day_start(const char *tz, civil_date d);
/* The Unix time of an RFC 3339 date-time, "2026-12-01T09:25:46Z" or
 * with an offset ("…+02:00"); 0 for NULL or a malformed one (a
 * programme's lastModified, checked by its schema before). */
long long date_instant(const char *s);
/* "2026-05-23T09:00:00+02:00" from "2026-05-23" and "09:00" (time may
 * be NULL: the date alone); without a known zone, no offset.  false if
 * the date or the time is malformed. */
bool date_rfc3339(const char *tz, const char *date, const char *time, char *out,
                  size_t outsz);

/*
 * Long form from the i18n map: uses its lists "jours" (Monday first) and
 * "mois" (January first): "samedi 23 mai 2026".  Falls back to ISO when
 * the lists are missing.  out gets at most outsz bytes.
 */
void date_format_long(civil_date d, const value *i18n, char *out, size_t outsz);
/* "12 mars 2026" (the theme's "premier" for the 1st): the day in a
 * sentence, where the weekday is noise; "2026-03-12" without month names. */
void date_format_short(civil_date d, const value *i18n, char *out,
                       size_t outsz);
/* "2026-03-12".  These three cut what does not fit as snprintf does. */
void date_format_iso(civil_date d, char *out, size_t outsz);
/* "2026-12-02 04:42": the Unix time t as a clock showed it at offset
 * minutes east of UTC (a git commit's own offset, as its author saw it). */
void date_format_stamp(long long t, int offset, char *out, size_t outsz);
/*
 * "09:30" -> "9 h 30", "14:00" -> "14 h" with the i18n map's "heure" and
 * "heure_pile" patterns (%H hour without padding, %M minutes); English
 * themes may use "%H:%M".  Returns false if t is not HH:MM.
 */
bool date_time_format(const char *t, const value *i18n, char *out,
                      size_t outsz);

#endif
