/*
 * Tests for date.c: civil dates, times of day and the one built-in
 * time-zone table (every zone in winter and summer, the European
 * switches of 2025-2027, leap years).  The expected offsets are the
 * legal times of each place, not read from the code.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "buf.h"
#include "date.h"
#include "value.h"
#include "ics.h"

/* The offset at a local time, as the tests of jsonld.c asked it. */
static int
offset(const char *tz, int y, int m, int d, int minutes)
{
	int off = -9999;
	assert_true(date_utc_offset(tz, (civil_date){y, m, d}, minutes, &off));
	return off;
}

static void
test_paris_summer_time(void **state)
{
	assert_int_equal(offset("Europe/Paris", 2026, 5, 23, 9 * 60), 120);
	assert_int_equal(offset("Europe/Paris", 2026, 1, 10, 9 * 60), 60);
	assert_int_equal(offset("Europe/Paris", 2026, 12, 31, 23 * 60), 60);
	/* 2026: summer time from Sunday 29 March, 02:00 local, to Sunday
	 * 25 October, 03:00 local. */
	assert_int_equal(offset("Europe/Paris", 2026, 3, 28, 12 * 60), 60);
	assert_int_equal(offset("Europe/Paris", 2026, 3, 29, 90), 60);
	assert_int_equal(offset("Europe/Paris", 2026, 3, 29, 3 * 60), 120);
	assert_int_equal(offset("Europe/Paris", 2026, 10, 25, 150), 120);
	assert_int_equal(offset("Europe/Paris", 2026, 10, 25, 3 * 60), 60);
	assert_int_equal(offset("Europe/Paris", 2026, 10, 26, 60), 60);
	/* 2025: 30 March and 26 October. */
	assert_int_equal(offset("Europe/Paris", 2025, 3, 30, 12 * 60), 120);
	assert_int_equal(offset("Europe/Paris", 2025, 10, 26, 12 * 60), 60);
}

static void
test_overseas_and_unknown_zones(void **state)
{
	assert_int_equal(offset("Indian/Reunion", 2026, 5, 23, 600), 240);
	assert_int_equal(offset("America/Guadeloupe", 2026, 5, 23, 600), -240);
	int off;
	assert_false(date_utc_offset("Mars/Olympus", (civil_date){2026, 5, 23},
	                             600, &off));
	assert_false(
	    date_utc_offset(NULL, (civil_date){2026, 5, 23}, 600, &off));
}

static void
test_datetime(void **state)
{
	char out[48];
	assert_true(date_rfc3339("Europe/Paris", "2026-05-23", "09:00", out,
	                         sizeof(out)));
	assert_string_equal(out, "2026-05-23T09:00:00+02:00");
	assert_true(date_rfc3339("America/Cayenne", "2026-05-23", "17:30", out,
	                         sizeof(out)));
	assert_string_equal(out, "2026-05-23T17:30:00-03:00");
	assert_true(
	    date_rfc3339("Europe/Paris", "2026-05-23", NULL, out, sizeof(out)));
	assert_string_equal(out, "2026-05-23");
	assert_true(
	    date_rfc3339("Nowhere", "2026-05-23", "09:00", out, sizeof(out)));
	assert_string_equal(out, "2026-05-23T09:00:00");
	assert_false(date_rfc3339("Europe/Paris", "2026-02-30", "09:00", out,
	                          sizeof(out)));
	assert_false(date_rfc3339("Europe/Paris", "2026-05-23", "25:00", out,
	                          sizeof(out)));
}

/* The offset at a local time, as the tests of ics.c asked it: 0 for an
 * unknown zone or date. */
static int
ics_utc_offset(const char *tz, const char *date, int minutes)
{
	civil_date d;
	int off = 0;
	if (!date_parse(date, &d) || !date_utc_offset(tz, d, minutes, &off))
		return 0;
	return off;
}

static bool
ics_tz_known(const char *tz)
{
	return date_zone_find(tz) != NULL;
}

static void
test_ics_offsets(void **state)
{
	assert_true(ics_tz_known("Europe/Paris"));
	assert_true(ics_tz_known("Indian/Reunion"));
	assert_false(ics_tz_known("Mars/Olympus"));
	/* 2026: summer time from 29 March 02:00 to 25 October 03:00. */
	assert_int_equal(ics_utc_offset("Europe/Paris", "2026-05-23", 540),
	                 120);
	assert_int_equal(ics_utc_offset("Europe/Paris", "2026-01-10", 540), 60);
	assert_int_equal(ics_utc_offset("Europe/Paris", "2026-03-29", 60), 60);
	assert_int_equal(ics_utc_offset("Europe/Paris", "2026-03-29", 180),
	                 120);
	assert_int_equal(ics_utc_offset("Europe/Paris", "2026-10-25", 120),
	                 120);
	assert_int_equal(ics_utc_offset("Europe/Paris", "2026-10-25", 240), 60);
	assert_int_equal(ics_utc_offset("Indian/Reunion", "2026-05-23", 0),
	                 240);
}

/* Every zone of the table: its legal offset in January and in July. */
static void
test_every_zone_winter_and_summer(void **state)
{
	static const struct {
		const char *tz;
		int winter, summer;
	} zones[] = {
	    {"Europe/Paris", 60, 120},
	    {"Europe/Monaco", 60, 120},
	    {"Europe/Andorra", 60, 120},
	    {"Europe/Brussels", 60, 120},
	    {"Europe/Luxembourg", 60, 120},
	    {"Europe/Zurich", 60, 120},
	    {"Europe/Berlin", 60, 120},
	    {"Europe/Madrid", 60, 120},
	    {"Europe/Rome", 60, 120},
	    /* Guadeloupe, Martinique: UTC-4 all year. */
	    {"America/Guadeloupe", -240, -240},
	    {"America/Martinique", -240, -240},
	    /* Guyane: UTC-3. */
	    {"America/Cayenne", -180, -180},
	    /* La Réunion: UTC+4; Mayotte: UTC+3. */
	    {"Indian/Reunion", 240, 240},
	    {"Indian/Mayotte", 180, 180},
	    /* Nouvelle-Calédonie: UTC+11; Polynésie (Tahiti): UTC-10;
	     * Wallis-et-Futuna: UTC+12. */
	    {"Pacific/Noumea", 660, 660},
	    {"Pacific/Tahiti", -600, -600},
	    {"Pacific/Wallis", 720, 720},
	    /* Marquises: UTC-9:30; Gambier: UTC-9; Saint-Barthélemy and
	     * Saint-Martin: UTC-4; Kerguelen (TAAF): UTC+5. */
	    {"Pacific/Marquesas", -570, -570},
	    {"Pacific/Gambier", -540, -540},
	    {"America/St_Barthelemy", -240, -240},
	    {"America/Marigot", -240, -240},
	    {"Indian/Kerguelen", 300, 300},
	    /* Saint-Pierre-et-Miquelon: UTC-3, UTC-2 in summer. */
	    {"America/Miquelon", -180, -120},
	    {"UTC", 0, 0},
	    {"Etc/UTC", 0, 0},
	};
	for (size_t i = 0; i < sizeof(zones) / sizeof(*zones); i++) {
		int off = -9999;
		assert_true(date_utc_offset(
		    zones[i].tz, (civil_date){2026, 1, 15}, 12 * 60, &off));
		assert_int_equal(off, zones[i].winter);
		assert_true(date_utc_offset(
		    zones[i].tz, (civil_date){2026, 7, 15}, 12 * 60, &off));
		assert_int_equal(off, zones[i].summer);
		const date_zone *z = date_zone_find(zones[i].tz);
		assert_non_null(z);
		assert_string_equal(z->id, zones[i].tz);
		assert_int_equal(z->std, zones[i].winter);
		assert_int_equal(z->dst != DATE_DST_NONE,
		                 zones[i].summer != zones[i].winter);
		assert_int_equal(z->dst_name != NULL, z->dst != DATE_DST_NONE);
	}
}

/* Saint-Pierre-et-Miquelon switches at 02:00 local time on the second
 * Sunday of March and the first Sunday of November (2026: 8 March and
 * 1 November; 2027: 14 March and 7 November). */
static void
test_na_switches_2026_2027(void **state)
{
	static const struct {
		int year, march, november;
	} sw[] = {{2026, 8, 1}, {2027, 14, 7}};
	for (size_t i = 0; i < sizeof(sw) / sizeof(*sw); i++) {
		int y = sw[i].year, m = sw[i].march, n = sw[i].november;
		const char *tz = "America/Miquelon";
		assert_int_equal(date_weekday((civil_date){y, 3, m}), 6);
		assert_int_equal(date_weekday((civil_date){y, 11, n}), 6);
		assert_int_equal(offset(tz, y, 3, m - 7, 12 * 60), -180);
		assert_int_equal(offset(tz, y, 3, m, 60 + 59), -180);
		assert_int_equal(offset(tz, y, 3, m, 3 * 60), -120);
		assert_int_equal(offset(tz, y, 10, 31, 23 * 60), -120);
		assert_int_equal(offset(tz, y, 11, n, 60 + 30), -120);
		assert_int_equal(offset(tz, y, 11, n, 2 * 60), -180);
		assert_int_equal(offset(tz, y, 12, 1, 12 * 60), -180);
	}
}

/* Summer time starts and ends at 01:00 UTC: 02:00 CET in March (clocks
 * go to 03:00), 03:00 CEST in October (clocks go back to 02:00). */
static void
test_eu_switches_2025_2027(void **state)
{
	static const struct {
		int year, march, october;
	} sw[] = {{2025, 30, 26}, {2026, 29, 25}, {2027, 28, 31}};
	for (size_t i = 0; i < sizeof(sw) / sizeof(*sw); i++) {
		int y = sw[i].year, m = sw[i].march, o = sw[i].october;
		assert_int_equal(date_weekday((civil_date){y, 3, m}), 6);
		assert_int_equal(date_weekday((civil_date){y, 10, o}), 6);
		assert_int_equal(offset("Europe/Paris", y, 3, m - 1, 23 * 60),
		                 60);
		assert_int_equal(offset("Europe/Paris", y, 3, m, 60 + 59), 60);
		assert_int_equal(offset("Europe/Paris", y, 3, m, 3 * 60), 120);
		assert_int_equal(offset("Europe/Paris", y, 3, m + 1, 0), 120);
		assert_int_equal(offset("Europe/Paris", y, 10, o - 1, 23 * 60),
		                 120);
		assert_int_equal(offset("Europe/Paris", y, 10, o, 60 + 59),
		                 120);
		assert_int_equal(offset("Europe/Paris", y, 10, o, 2 * 60 + 59),
		                 120);
		assert_int_equal(offset("Europe/Paris", y, 10, o, 3 * 60), 60);
		if (o < 31)
			assert_int_equal(
			    offset("Europe/Paris", y, 10, o + 1, 0), 60);
		else
			assert_int_equal(offset("Europe/Paris", y, 11, 1, 0),
			                 60);
		/* Overseas zones keep their offset on those days. */
		assert_int_equal(offset("Indian/Reunion", y, 3, m, 3 * 60),
		                 240);
		assert_int_equal(offset("America/Martinique", y, 10, o, 60),
		                 -240);
	}
}

/* Etc/UTC, the canonical IANA name of UTC: the calendar once refused it
 * while JSON-LD knew it; now both do, and the calendar describes it. */
static void
test_etc_utc_in_calendar(void **state)
{
	assert_non_null(date_zone_find("Etc/UTC"));
	buf out = BUF_INIT;
	ics_begin(&out, "Test", "Etc/UTC");
	ics_end(&out);
	assert_non_null(strstr(buf_cstr(&out),
	                       "BEGIN:VTIMEZONE\r\nTZID:Etc/UTC\r\n"
	                       "BEGIN:STANDARD\r\nTZOFFSETFROM:+0000\r\n"
	                       "TZOFFSETTO:+0000\r\nTZNAME:UTC\r\n"));
	buf_free(&out);
	char dt[48];
	assert_true(
	    date_rfc3339("Etc/UTC", "2026-05-23", "09:00", dt, sizeof(dt)));
	assert_string_equal(dt, "2026-05-23T09:00:00+00:00");
}

static void
test_leap_years_and_month_lengths(void **state)
{
	assert_true(date_leap_year(2024));
	assert_true(date_leap_year(2000));
	assert_false(date_leap_year(2026));
	assert_false(date_leap_year(2100));
	assert_false(date_leap_year(1900));
	assert_int_equal(date_month_days(2024, 2), 29);
	assert_int_equal(date_month_days(2026, 2), 28);
	assert_int_equal(date_month_days(2100, 2), 28);
	assert_int_equal(date_month_days(2026, 4), 30);
	assert_int_equal(date_month_days(2026, 12), 31);
	civil_date d;
	assert_true(date_parse("2024-02-29", &d));
	assert_false(date_parse("2026-02-29", &d));
	assert_false(date_parse("2100-02-29", &d));
	assert_true(date_parse("2000-02-29", &d));
	assert_false(date_parse("2026-04-31", &d));
	assert_true(date_parse("2026-12-31", &d));
	/* Days count across a leap day. */
	assert_int_equal(date_days((civil_date){2024, 3, 1}) -
	                     date_days((civil_date){2024, 2, 28}),
	                 2);
}

/* The theme's words for days and months (i18n/fr.yaml), or fewer. */
static value *
french_words(arena *a, bool names)
{
	static const char *days[] = {"lundi",    "mardi",  "mercredi", "jeudi",
	                             "vendredi", "samedi", "dimanche"};
	static const char *months[] = {"janvier", "février",  "mars",
	                               "avril",   "mai",      "juin",
	                               "juillet", "août",     "septembre",
	                               "octobre", "novembre", "décembre"};
	value *m = value_map(a);
	value *d = value_list(a), *mo = value_list(a);
	for (size_t i = 0; names && i < 7; i++)
		value_push(a, d, value_string(a, days[i]));
	for (size_t i = 0; names && i < 12; i++)
		value_push(a, mo, value_string(a, months[i]));
	value_set(a, m, "jours", d);
	value_set(a, m, "mois", mo);
	value_set_str(a, m, "premier", "1er");
	value_set_str(a, m, "heure", "%Hh%M");
	value_set_str(a, m, "heure_pile", "%Hh");
	return m;
}

/* Dates and times are written without snprintf: the same text, cut the
 * same way in a buffer too small, as snprintf gives. */
static void
test_formats_cut_like_snprintf(void **state)
{
	arena *a = arena_new();
	value *fr = french_words(a, true), *bare = french_words(a, false);
	char out[64], want[64];
	date_format_long((civil_date){2026, 5, 1}, fr, out, sizeof(out));
	assert_string_equal(out, "vendredi 1er mai 2026");
	date_format_long((civil_date){2026, 12, 23}, fr, out, sizeof(out));
	assert_string_equal(out, "mercredi 23 décembre 2026");
	date_format_long((civil_date){987, 3, 4}, bare, out, sizeof(out));
	assert_string_equal(out, "0987-03-04");
	date_format_short((civil_date){2026, 3, 12}, fr, out, sizeof(out));
	assert_string_equal(out, "12 mars 2026");
	date_format_short((civil_date){2026, 8, 1}, fr, out, sizeof(out));
	assert_string_equal(out, "1er août 2026");
	date_format_short((civil_date){2026, 8, 1}, bare, out, sizeof(out));
	assert_string_equal(out, "2026-08-01");
	date_format_iso((civil_date){2026, 11, 28}, out, sizeof(out));
	assert_string_equal(out, "2026-11-28");
	date_format_iso((civil_date){2026, 11, 28}, out, 5);
	assert_string_equal(out, "2026");
	assert_true(date_time_format("09:05", fr, out, sizeof(out)));
	assert_string_equal(out, "9h05");
	assert_true(date_time_format("14:00", fr, out, sizeof(out)));
	assert_string_equal(out, "14h");
	for (size_t n = 0; n <= 30; n++) {
		memset(out, 'x', sizeof(out));
		memset(want, 'x', sizeof(want));
		date_format_long((civil_date){2026, 5, 23}, fr, out, n);
		snprintf(want, n, "%s %d %s %d", "samedi", 23, "mai", 2026);
		assert_memory_equal(out, want, sizeof(out));
		memset(out, 'x', sizeof(out));
		memset(want, 'x', sizeof(want));
		assert_true(date_rfc3339("Europe/Paris", "2026-05-23", "09:00",
		                         out, n));
		snprintf(want, n, "2026-05-23T09:00:00");
		if (n > 19) /* the offset follows when the time fitted */
			snprintf(want, n, "2026-05-23T09:00:00+02:00");
		assert_memory_equal(out, want, sizeof(out));
	}
	arena_free(a);
}

static void
test_time_parse(void **state)
{
	assert_int_equal(date_time_parse("09:30"), 570);
	assert_int_equal(date_time_parse("00:00"), 0);
	assert_int_equal(date_time_parse("23:59"), 1439);
	assert_int_equal(date_time_parse("24:00"), -1);
	assert_int_equal(date_time_parse("12:60"), -1);
	assert_int_equal(date_time_parse("9:30"), -1);
	assert_int_equal(date_time_parse("0a:30"), -1);
	assert_int_equal(date_time_parse("09:30:00"), -1);
	assert_int_equal(date_time_parse(NULL), -1);
}

/* guess_is: date_guess(s, year) finds the day written iso. */
static void
guess_is(const char *s, int year, const char *iso)
{
	civil_date d;
	char got[16];
	assert_true(date_guess(s, year, &d));
	date_format_iso(d, got, sizeof(got));
	assert_string_equal(got, iso);
}

/* The dates editors write instead of YYYY-MM-DD (outside tester 18
 * F13): the day meant, for the message that refuses them. */
static void
test_guess(void **state)
{
	guess_is("29/05/2027", 0, "2027-05-29");
	guess_is("29-05-2027", 0, "2027-05-29");
	guess_is("29.05.27", 0, "2027-05-29");
	guess_is("29 mai 2027", 0, "2027-05-29");
	guess_is("Samedi 29 Mai 2027", 0, "2027-05-29");
	guess_is("samedi 29 mai", 2027, "2027-05-29");
	guess_is("1er août", 2026, "2026-08-01");
	guess_is("1er AOÛT 2026", 0, "2026-08-01");
	guess_is("3 fevrier 2028", 0, "2028-02-03");
	guess_is("2027-5-29", 0, "2027-05-29");
	guess_is("2027/05/29", 0, "2027-05-29");
	guess_is("05/29/2027", 0, "2027-05-29"); /* 29 cannot be a month */
	guess_is("May 29, 2027", 0, "2027-05-29");
	guess_is("29\xc2\xa0"
	         "mai\xc2\xa0"
	         "2027",
	         0, "2027-05-29");
	civil_date d;
	assert_false(date_guess("samedi 29 mai", 0, &d)); /* no year known */
	assert_false(date_guess("demain", 2027, &d));
	assert_false(date_guess("31/02/2027", 0, &d));
	assert_false(date_guess("29 mai 2027 ou 30", 0, &d));
	assert_false(date_guess("29/13/2027", 0, &d));
	assert_false(date_guess("29 foo 2027", 0, &d));
	assert_false(date_guess("2027", 0, &d));
	assert_false(date_guess("", 2027, &d));
	assert_false(date_guess(NULL, 2027, &d));
}

/* The weekday a refused date names, to tell "samedi 30 mai" from a
 * Sunday (outside tester 23 F3). */
static void
test_guess_weekday(void **state)
{
	(void)state;
	assert_int_equal(date_guess_weekday("samedi 30 mai"), 5);
	assert_int_equal(date_guess_weekday("Samedi 30/05"), 5);
	assert_int_equal(date_guess_weekday("le Dimanche 31 mai 2027"), 6);
	assert_int_equal(date_guess_weekday("lundi"), 0);
	assert_int_equal(date_guess_weekday("Saturday, May 29, 2027"), 5);
	assert_int_equal(date_guess_weekday("30 mai 2027"), -1);
	assert_int_equal(date_guess_weekday("29/05/2027"), -1);
	assert_int_equal(date_guess_weekday("samedis"), -1);
	assert_int_equal(date_guess_weekday("\xc3\xa9t\xc3\xa9 jeudi"), 3);
	assert_int_equal(date_guess_weekday(""), -1);
	assert_int_equal(date_guess_weekday(NULL), -1);
	/* and the name messages translate, for the same numbers */
	assert_string_equal(date_weekday_en(0), "Monday");
	assert_string_equal(date_weekday_en(5), "Saturday");
	assert_string_equal(date_weekday_en(6), "Sunday");
	assert_null(date_weekday_en(7));
	assert_null(date_weekday_en(-1));
	/* the month's English name, for "did you mean Saturday 29 May
	 * 2027 (the day of the edition)?" in the editor's language */
	assert_string_equal(date_month_en(1), "January");
	assert_string_equal(date_month_en(5), "May");
	assert_string_equal(date_month_en(12), "December");
	assert_null(date_month_en(0));
	assert_null(date_month_en(13));
	civil_date d = {2027, 5, 30};
	assert_string_equal(date_weekday_en(date_weekday(d)), "Sunday");
}

/* A half-hour zone written in each format: iCalendar and RFC 3339. */
static void
test_half_hour_zone(void **state)
{
	char dt[48];
	assert_true(date_rfc3339("Pacific/Marquesas", "2026-05-23", "09:00", dt,
	                         sizeof(dt)));
	assert_string_equal(dt, "2026-05-23T09:00:00-09:30");
	buf out = BUF_INIT;
	ics_begin(&out, "Hiva Oa", "Pacific/Marquesas");
	assert_non_null(strstr(buf_cstr(&out), "TZOFFSETFROM:-0930\r\n"
	                                       "TZOFFSETTO:-0930\r\n"
	                                       "TZNAME:-0930\r\n"));
	buf_free(&out);
}

/* A commune's "today": 23:30 UTC on 15 May is already the 16th in Paris,
 * and 06:00 UTC on the 16th is still the 15th in Tahiti. */
static void
test_day_in_zone(void **state)
{
	(void)state;
	civil_date d;
	assert_true(date_parse("2026-05-15", &d));
	long long utc2330 = (long long)date_days(d) * 86400 + 23 * 3600 + 1800;
	civil_date p = date_day_in_zone("Europe/Paris", utc2330);
	assert_int_equal(p.day, 16);
	assert_int_equal(date_day_in_zone("UTC", utc2330).day, 15);
	assert_int_equal(date_day_in_zone(NULL, utc2330).day, 15);
	assert_int_equal(date_day_in_zone("Mars/Olympus", utc2330).day, 15);
	assert_int_equal(
	    date_day_in_zone("Pacific/Tahiti", utc2330 + 6.5 * 3600).day, 15);
	assert_int_equal(date_day_in_zone("Indian/Reunion", utc2330 - 3600).day,
	                 16);
	/* the instant the 16th starts in Paris (summer): 22:00 UTC the 15th */
	civil_date d16 = {2026, 5, 16};
	assert_true(date_day_start("Europe/Paris", d16) ==
	            (long long)date_days(d) * 86400 + 22 * 3600);
	assert_true(date_day_start(NULL, d16) ==
	            (long long)date_days(d16) * 86400);
}

/* Every zone of the table against the system's tz database, every 15
 * minutes of 2026 and of the summer-time changes of 2027: the day and the
 * start of that day. */
static void
test_day_in_zone_against_tzdata(void **state)
{
	(void)state;
	static const char *zones[] = {"Europe/Paris",       "America/Miquelon",
	                              "America/Martinique", "America/Cayenne",
	                              "Indian/Reunion",     "Indian/Mayotte",
	                              "Pacific/Noumea",     "Pacific/Tahiti",
	                              "Pacific/Wallis",     "Pacific/Marquesas",
	                              "Pacific/Gambier",    "Indian/Kerguelen",
	                              "Europe/Berlin",      "UTC"};
	char *old = getenv("TZ") ? strdup(getenv("TZ")) : NULL;
	civil_date from = {2026, 1, 1};
	long long t0 = (long long)date_days(from) * 86400;
	int wrong = 0;
	for (size_t z = 0; z < sizeof(zones) / sizeof(*zones); z++) {
		setenv("TZ", zones[z], 1);
		tzset();
		for (long long t = t0; t < t0 + 500LL * 86400; t += 900) {
			time_t tt = (time_t)t;
			struct tm tm;
			localtime_r(&tt, &tm);
			civil_date got = date_day_in_zone(zones[z], t);
			civil_date want = {tm.tm_year + 1900, tm.tm_mon + 1,
			                   tm.tm_mday};
			struct tm midnight = tm;
			midnight.tm_hour = midnight.tm_min = midnight.tm_sec =
			    0;
			midnight.tm_isdst = -1;
			long long start = (long long)mktime(&midnight);
			if (date_cmp(got, want) != 0 ||
			    date_day_start(zones[z], want) != start) {
				if (wrong++ < 5)
					print_error(
					    "%s at %lld: %04d-%02d-%02d, "
					    "tzdata %04d-%02d-%02d\n",
					    zones[z], t, got.year, got.month,
					    got.day, want.year, want.month,
					    want.day);
			}
		}
	}
	if (old != NULL)
		setenv("TZ", old, 1);
	else
		unsetenv("TZ");
	free(old);
	tzset();
	assert_int_equal(wrong, 0);
}

/* A programme's lastModified (reseau.c): UTC, an offset, malformed. */
static void
test_instant(void **state)
{
	(void)state;
	assert_int_equal(date_instant("2026-12-01T09:25:46Z"), 1796117146LL);
	assert_int_equal(date_instant("2026-12-01T11:25:46+02:00"),
	                 1796117146LL);
	assert_int_equal(date_instant("2026-12-01T05:55:46-03:30"),
	                 1796117146LL);
	assert_int_equal(date_instant("2026-12-01"), 0);
	assert_int_equal(date_instant("2026-13-01T09:25:46Z"), 0);
	assert_int_equal(date_instant("2026-12-01T09:25:46?01:00"), 0);
	assert_int_equal(date_instant(NULL), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_paris_summer_time),
	    cmocka_unit_test(test_overseas_and_unknown_zones),
	    cmocka_unit_test(test_datetime),
	    cmocka_unit_test(test_ics_offsets),
	    cmocka_unit_test(test_every_zone_winter_and_summer),
	    cmocka_unit_test(test_eu_switches_2025_2027),
	    cmocka_unit_test(test_na_switches_2026_2027),
	    cmocka_unit_test(test_etc_utc_in_calendar),
	    cmocka_unit_test(test_leap_years_and_month_lengths),
	    cmocka_unit_test(test_time_parse),
	    cmocka_unit_test(test_guess),
	    cmocka_unit_test(test_guess_weekday),
	    cmocka_unit_test(test_formats_cut_like_snprintf),
	    cmocka_unit_test(test_half_hour_zone),
	    cmocka_unit_test(test_day_in_zone),
	    cmocka_unit_test(test_day_in_zone_against_tzdata),
	    cmocka_unit_test(test_instant),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
