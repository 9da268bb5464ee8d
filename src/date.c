/*
 * date.c - civil dates, times of day and the built-in time-zone table.
 */
#include "date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool
date_leap_year(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
date_month_days(int y, int m)
{
	static const int n[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return m == 2 && date_leap_year(y) ? 29 : n[m - 1];
}

bool
date_parse(const char *s, civil_date *out)
{
	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	civil_date d = {atoi(s), atoi(s + 5), atoi(s + 8)};
	if (d.month < 1 || d.month > 12 || d.day < 1 ||
	    d.day > date_month_days(d.year, d.month))
		return false;
	*out = d;
	return true;
}

/* Howard Hinnant's days_from_civil: exact for the proleptic Gregorian
 * calendar, no tables, no time zone involved. */
long
date_days(civil_date d)
{
	int y = d.year - (d.month <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned mp = (unsigned)(d.month + (d.month > 2 ? -3 : 9));
	unsigned doy = (153 * mp + 2) / 5 + (unsigned)d.day - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long)doe - 719468;
}

civil_date
date_from_days(long z)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	civil_date d;
	d.day = (int)(doy - (153 * mp + 2) / 5 + 1);
	d.month = (int)(mp < 10 ? mp + 3 : mp - 9);
	d.year = (int)(yoe + era * 400) + (d.month <= 2);
	return d;
}

civil_date
date_from_unix(long long t)
{
	long long days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
	return date_from_days((long)days);
}

const char *
date_weekday_en(int weekday)
{
	static const char *const names[] = {"Monday",   "Tuesday", "Wednesday",
	                                    "Thursday", "Friday",  "Saturday",
	                                    "Sunday"};
	return weekday >= 0 && weekday < 7 ? names[weekday] : NULL;
}

const char *
date_month_en(int month)
{
	static const char *const names[] = {"January", "February", "March",
	                                    "April",   "May",      "June",
	                                    "July",    "August",   "September",
	                                    "October", "November", "December"};
	return month >= 1 && month <= 12 ? names[month - 1] : NULL;
}

int
date_weekday(civil_date d)
{
	long z = date_days(d); /* 1970-01-01 was a Thursday (3) */
	return (int)(((z % 7) + 7 + 3) % 7);
}

int
date_cmp(civil_date a, civil_date b)
{
	long x = date_days(a), y = date_days(b);
	return x < y ? -1 : x > y;
}

/*
 * A bounded writer with snprintf's rules: what does not fit is cut, the
 * text always ends in NUL (when there is room for it), and len counts
 * what would have been written.  Every page's dates and times are
 * written here; snprintf's parsing of its format was most of their cost.
 */
struct dout {
	char *out;
	size_t size, len;
};

static void
dout_end(struct dout *o)
{
	if (o->size > 0)
		o->out[o->len < o->size ? o->len : o->size - 1] = '\0';
}

static void
dout_ch(struct dout *o, char c)
{
	if (o->len + 1 < o->size)
		o->out[o->len] = c;
	o->len++;
}

static void
dout_str(struct dout *o, const char *s)
{
	while (*s != '\0')
		dout_ch(o, *s++);
}

/* As "%0*d" with width (0: "%d"). */
static void
dout_int(struct dout *o, int v, int width)
{
	char digits[12];
	int n = 0;
	unsigned u = v < 0 ? 0u - (unsigned)v : (unsigned)v;
	do {
		digits[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0);
	if (v < 0)
		dout_ch(o, '-');
	for (int pad = width - n - (v < 0); pad > 0; pad--)
		dout_ch(o, '0');
	while (n > 0)
		dout_ch(o, digits[--n]);
}

/* "2026-05-23" */
static void
dout_day(struct dout *o, civil_date d)
{
	dout_int(o, d.year, 4);
	dout_ch(o, '-');
	dout_int(o, d.month, 2);
	dout_ch(o, '-');
	dout_int(o, d.day, 2);
}

/* "1er mai 2026" (or "12 mai 2026") into o, or the ISO date when the
 * theme names no months; day, when given, is written first ("vendredi
 * 1er mai 2026"). */
static void
dout_civil(struct dout *o, civil_date d, const value *i18n, const char *day)
{
	const char *mon = value_get_string(
	    value_at(value_get(i18n, "mois"), (size_t)d.month - 1));
	if (mon == NULL) {
		dout_day(o, d);
		dout_end(o);
		return;
	}
	/* French writes the first of the month as an ordinal: "1er mai". */
	const char *first = value_get_string(value_get(i18n, "premier"));
	if (day != NULL) {
		dout_str(o, day);
		dout_ch(o, ' ');
	}
	if (d.day == 1 && first != NULL)
		dout_str(o, first);
	else
		dout_int(o, d.day, 0);
	dout_ch(o, ' ');
	dout_str(o, mon);
	dout_ch(o, ' ');
	dout_int(o, d.year, 0);
	dout_end(o);
}

void
date_format_long(civil_date d, const value *i18n, char *out, size_t outsz)
{
	const char *day = value_get_string(
	    value_at(value_get(i18n, "jours"), (size_t)date_weekday(d)));
	struct dout o = {out, outsz, 0};
	if (day == NULL) { /* no weekdays: the ISO date, as without months */
		dout_day(&o, d);
		dout_end(&o);
		return;
	}
	dout_civil(&o, d, i18n, day);
}

void
date_format_short(civil_date d, const value *i18n, char *out, size_t outsz)
{
	struct dout o = {out, outsz, 0};
	dout_civil(&o, d, i18n, NULL);
}

void
date_format_iso(civil_date d, char *out, size_t outsz)
{
	struct dout o = {out, outsz, 0};
	dout_day(&o, d);
	dout_end(&o);
}

void
date_format_stamp(long long t, int offset, char *out, size_t outsz)
{
	long long local = t + (long long)offset * 60;
	long long sec = ((local % 86400) + 86400) % 86400;
	char day[16];
	date_format_iso(date_from_unix(local), day, sizeof(day));
	snprintf(out, outsz, "%s %02d:%02d", day, (int)(sec / 3600),
	         (int)(sec / 60 % 60));
}

static void
expand(const char *pat, int h, int m, char *out, size_t outsz)
{
	struct dout o = {out, outsz, 0};
	for (const char *p = pat; *p != '\0' && o.len + 3 < outsz; p++) {
		if (p[0] == '%' && (p[1] == 'H' || p[1] == 'M')) {
			dout_int(&o, p[1] == 'H' ? h : m, p[1] == 'H' ? 0 : 2);
			p++;
		} else
			dout_ch(&o, *p);
	}
	dout_end(&o);
}

bool
date_time_format(const char *t, const value *i18n, char *out, size_t outsz)
{
	int minutes = date_time_parse(t);
	if (minutes < 0)
		return false;
	int h = minutes / 60, m = minutes % 60;
	const char *pat = value_get_string(value_get(i18n, "heure"));
	const char *whole = value_get_string(value_get(i18n, "heure_pile"));
	if (pat == NULL)
		pat = "%H:%M";
	expand(m == 0 && whole != NULL ? whole : pat, h, m, out, outsz);
	return true;
}

int
date_time_parse(const char *t)
{
	if (t == NULL || strlen(t) != 5 || t[2] != ':')
		return -1;
	for (int i = 0; i < 5; i++)
		if (i != 2 && (t[i] < '0' || t[i] > '9'))
			return -1;
	int h = (t[0] - '0') * 10 + (t[1] - '0');
	int m = (t[3] - '0') * 10 + (t[4] - '0');
	return h < 24 && m < 60 ? h * 60 + m : -1;
}

/* ---- Dates as editors write them ------------------------------------ */

/* Month names as typed, once folded (fold_word): French with the short
 * forms of calendars, then English. */
static const struct {
	const char *name;
	int month;
} MONTH_WORDS[] = {
    {"janvier", 1},   {"janv", 1},      {"jan", 1},       {"january", 1},
    {"fevrier", 2},   {"fevr", 2},      {"fev", 2},       {"february", 2},
    {"feb", 2},       {"mars", 3},      {"march", 3},     {"mar", 3},
    {"avril", 4},     {"avr", 4},       {"april", 4},     {"apr", 4},
    {"mai", 5},       {"may", 5},       {"juin", 6},      {"june", 6},
    {"jun", 6},       {"juillet", 7},   {"juil", 7},      {"july", 7},
    {"jul", 7},       {"aout", 8},      {"august", 8},    {"aug", 8},
    {"septembre", 9}, {"sept", 9},      {"sep", 9},       {"september", 9},
    {"octobre", 10},  {"oct", 10},      {"october", 10},  {"novembre", 11},
    {"nov", 11},      {"november", 11}, {"decembre", 12}, {"dec", 12},
    {"december", 12},
};

/* Words a date may carry that say nothing the numbers do not: the day
 * of the week, "le", the "er" of "1er". */
static const char *const NOISE_WORDS[] = {
    "lundi",    "mardi",  "mercredi", "jeudi",     "vendredi", "samedi",
    "dimanche", "monday", "tuesday",  "wednesday", "thursday", "friday",
    "saturday", "sunday", "le",       "er",        "the",      "of"};

/* One word of letters at *p, in lower case and without accents (É, é,
 * è, ê, ë -> e; û, ù -> u; ...), into w; *p moves past it.  false for a
 * word too long or holding a letter that is in no date. */
static bool
fold_word(const unsigned char **p, char *w, size_t wsz)
{
	static const char LATIN[] = "aaaaaaeceeeeiiiidnooooo/ouuuuy";
	size_t n = 0;
	const unsigned char *c = *p;
	for (;;) {
		char l;
		if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z')) {
			l = (char)(*c++ | 0x20);
		} else if (c[0] == 0xC3 && c[1] >= 0x80 && c[1] <= 0xBD &&
		           (c[1] & 0x1F) < 30) {
			l = LATIN[c[1] & 0x1F]; /* À-Ý and à-ý alike */
			c += 2;
		} else {
			break;
		}
		if (n + 1 >= wsz)
			return false;
		w[n++] = l;
	}
	w[n] = '\0';
	*p = c;
	return n > 0;
}

/* What kind of word w is in a date: a month (1-12), noise (0), or
 * neither (-1). */
static int
date_word(const char *w)
{
	for (size_t i = 0; i < sizeof(MONTH_WORDS) / sizeof(*MONTH_WORDS); i++)
		if (strcmp(w, MONTH_WORDS[i].name) == 0)
			return MONTH_WORDS[i].month;
	for (size_t i = 0; i < sizeof(NOISE_WORDS) / sizeof(*NOISE_WORDS); i++)
		if (strcmp(w, NOISE_WORDS[i]) == 0)
			return 0;
	return -1;
}

/* A number or a month name of a date, in the order written. */
struct dpart {
	int v, digits; /* digits 0: a month's name */
};

/* Separators between a date's parts: spaces (also the no-break ones a
 * word processor puts before a year) and the marks of 29/05, 29-05,
 * 29.05, "mai, 2027".  Returns how many bytes, 0 if none. */
static int
date_sep(const unsigned char *c)
{
	if (*c != '\0' && strchr(" \t/-.,", *c) != NULL)
		return 1;
	if (c[0] == 0xC2 && c[1] == 0xA0)
		return 2;
	if (c[0] == 0xE2 && c[1] == 0x80 && c[2] == 0xAF)
		return 3;
	return 0;
}

/* The parts of s (at most 3), or -1 if s holds anything else. */
static int
date_parts(const char *s, struct dpart *part)
{
	const unsigned char *c = (const unsigned char *)s;
	int n = 0, sep;
	char w[16];
	while (*c != '\0') {
		if ((sep = date_sep(c)) > 0) {
			c += sep;
		} else if (*c >= '0' && *c <= '9') {
			struct dpart d = {0, 0};
			for (; *c >= '0' && *c <= '9'; c++)
				if (++d.digits > 4)
					return -1;
				else
					d.v = d.v * 10 + (*c - '0');
			if (n == 3)
				return -1;
			part[n++] = d;
		} else {
			int m = fold_word(&c, w, sizeof(w)) ? date_word(w) : -1;
			if (m < 0 || (m > 0 && n == 3))
				return -1;
			if (m > 0)
				part[n++] = (struct dpart){m, 0};
		}
	}
	return n;
}

bool
date_guess(const char *s, int year, civil_date *out)
{
	struct dpart p[3];
	int n = s != NULL ? date_parts(s, p) : -1;
	struct dpart y = {year, 4}, m, d;
	if (n == 3 && p[0].digits == 4) /* 2027-5-29 */
		y = p[0], m = p[1], d = p[2];
	else if (n == 3 || n == 2) { /* 29/05/2027, 29 mai, May 29 */
		bool mfirst = p[0].digits == 0;
		d = p[mfirst], m = p[!mfirst];
		if (n == 3)
			y = p[2];
	} else
		return false;
	if (y.digits == 2)
		y.v += 2000;
	/* 05/29/2027: the second number cannot be a month, the first can */
	if (m.digits > 0 && d.digits > 0 && m.v > 12 && d.v <= 12) {
		struct dpart t = m;
		m = d, d = t;
	}
	if (d.digits == 0 || d.digits > 2 || (y.digits != 2 && y.digits != 4) ||
	    m.digits > 2 || y.v < 1900 || m.v < 1 || m.v > 12 || d.v < 1 ||
	    d.v > date_month_days(y.v, m.v))
		return false;
	*out = (civil_date){y.v, m.v, d.v};
	return true;
}

/* The weekday named in s, found among its words as date_parts() skips
 * them: NOISE_WORDS holds Monday..Sunday in French, then in English. */
int
date_guess_weekday(const char *s)
{
	const unsigned char *c = (const unsigned char *)s;
	char w[16];
	while (c != NULL && *c != '\0') {
		const unsigned char *at = c;
		if (fold_word(&c, w, sizeof(w)))
			for (int i = 0; i < 14; i++)
				if (strcmp(w, NOISE_WORDS[i]) == 0)
					return i % 7;
		if (c == at)
			c++;
	}
	return -1;
}

/* ---- Time zones ----------------------------------------------------- */

/* The zones of French communes, metropolitan and overseas, and of their
 * neighbours.  Etc/UTC is the canonical IANA name of UTC. */
static const date_zone ZONES[] = {
    {"Europe/Paris", 60, DATE_DST_EU, "CET", "CEST"},
    {"Europe/Monaco", 60, DATE_DST_EU, "CET", "CEST"},
    {"Europe/Andorra", 60, DATE_DST_EU, "CET", "CEST"},
    {"Europe/Brussels", 60, DATE_DST_EU, "CET", "CEST"},
    {"Europe/Luxembourg", 60, DATE_DST_EU, "CET", "CEST"},
    {"Europe/Zurich", 60, DATE_DST_EU, "CET", "CEST"},
    {"Europe/Berlin", 60, DATE_DST_EU, "CET", "CEST"},
    {"Europe/Madrid", 60, DATE_DST_EU, "CET", "CEST"},
    {"Europe/Rome", 60, DATE_DST_EU, "CET", "CEST"},
    {"America/Guadeloupe", -240, DATE_DST_NONE, "AST", NULL},
    {"America/Martinique", -240, DATE_DST_NONE, "AST", NULL},
    {"America/Miquelon", -180, DATE_DST_NA, "-03", "-02"},
    {"America/Cayenne", -180, DATE_DST_NONE, "-03", NULL},
    {"Indian/Reunion", 240, DATE_DST_NONE, "+04", NULL},
    {"Indian/Mayotte", 180, DATE_DST_NONE, "EAT", NULL},
    {"Pacific/Noumea", 660, DATE_DST_NONE, "+11", NULL},
    {"Pacific/Tahiti", -600, DATE_DST_NONE, "-10", NULL},
    {"Pacific/Wallis", 720, DATE_DST_NONE, "+12", NULL},
    {"Pacific/Marquesas", -570, DATE_DST_NONE, "-0930", NULL},
    {"Pacific/Gambier", -540, DATE_DST_NONE, "-09", NULL},
    {"America/St_Barthelemy", -240, DATE_DST_NONE, "AST", NULL},
    {"America/Marigot", -240, DATE_DST_NONE, "AST", NULL},
    {"Indian/Kerguelen", 300, DATE_DST_NONE, "+05", NULL},
    {"UTC", 0, DATE_DST_NONE, "UTC", NULL},
    {"Etc/UTC", 0, DATE_DST_NONE, "UTC", NULL},
};

const date_zone *
date_zone_find(const char *id)
{
	for (size_t i = 0; id != NULL && i < sizeof(ZONES) / sizeof(*ZONES);
	     i++)
		if (strcmp(ZONES[i].id, id) == 0)
			return &ZONES[i];
	return NULL;
}

static int
last_sunday(int year, int month)
{
	civil_date d = {year, month, date_month_days(year, month)};
	return d.day - (date_weekday(d) + 1) % 7;
}

/* The switches are at 01:00 UTC, that is 01:00 + std local standard
 * time in March and 01:00 + std + 60 local summer time in October. */
static bool
eu_summer(civil_date d, int minutes, int std)
{
	if (d.month < 3 || d.month > 10)
		return false;
	if (d.month > 3 && d.month < 10)
		return true;
	int sun = last_sunday(d.year, d.month);
	if (d.month == 3)
		return d.day > sun || (d.day == sun && minutes >= 60 + std);
	return d.day < sun || (d.day == sun && minutes < 60 + std + 60);
}

/* The Nth Sunday (1-based) of month in year. */
static int
nth_sunday(int year, int month, int n)
{
	civil_date first = {year, month, 1};
	return 1 + (7 - (date_weekday(first) + 1) % 7) % 7 + 7 * (n - 1);
}

/* The switches are at 02:00 local time: standard time in March (clocks
 * go to 03:00), summer time in November (clocks go back to 01:00, so
 * 01:00-01:59 happens twice and reads as summer time). */
static bool
na_summer(civil_date d, int minutes)
{
	if (d.month < 3 || d.month > 11)
		return false;
	if (d.month > 3 && d.month < 11)
		return true;
	if (d.month == 3) {
		int sun = nth_sunday(d.year, 3, 2);
		return d.day > sun || (d.day == sun && minutes >= 120);
	}
	int sun = nth_sunday(d.year, 11, 1);
	return d.day < sun || (d.day == sun && minutes < 120);
}

int
date_zone_offset(const date_zone *z, civil_date d, int minutes)
{
	bool summer = z->dst == DATE_DST_EU   ? eu_summer(d, minutes, z->std)
	              : z->dst == DATE_DST_NA ? na_summer(d, minutes)
	                                      : false;
	return z->std + (summer ? 60 : 0);
}

bool
date_utc_offset(const char *tz, civil_date d, int minutes, int *offset)
{
	const date_zone *z = date_zone_find(tz);
	if (z == NULL)
		return false;
	*offset = date_zone_offset(z, d, minutes);
	return true;
}

/* The local time of instant t in zone z, as a day and minutes past its
 * midnight.  The offset depends on the local time (summer time), so it is
 * asked for the UTC time first, then for the local time that gives: the
 * second answer is right except within the hour a clock change repeats,
 * where either reading is a real local time of that instant. */
static civil_date
local_day(const date_zone *z, long long t)
{
	long long lt = t;
	for (int i = 0; i < 2; i++) {
		civil_date d = date_from_unix(lt);
		long long sod = lt - (long long)date_days(d) * 86400;
		lt =
		    t + (long long)date_zone_offset(z, d, (int)(sod / 60)) * 60;
	}
	return date_from_unix(lt);
}

civil_date
date_day_in_zone(const char *tz, long long t)
{
	const date_zone *z = tz != NULL ? date_zone_find(tz) : NULL;
	return z != NULL ? local_day(z, t) : date_from_unix(t);
}

long long
date_day_start(const char *tz, civil_date d)
{
	const date_zone *z = tz != NULL ? date_zone_find(tz) : NULL;
	long long t = (long long)date_days(d) * 86400;
	return z != NULL ? t - (long long)date_zone_offset(z, d, 0) * 60 : t;
}

bool
date_rfc3339(const char *tz, const char *date, const char *time, char *out,
             size_t outsz)
{
	civil_date d;
	int off;
	if (date == NULL || !date_parse(date, &d))
		return false;
	struct dout o = {out, outsz, 0};
	dout_day(&o, d);
	if (time == NULL) {
		dout_end(&o);
		return true;
	}
	int minutes = date_time_parse(time);
	if (minutes < 0)
		return false;
	dout_ch(&o, 'T');
	dout_int(&o, minutes / 60, 2);
	dout_ch(&o, ':');
	dout_int(&o, minutes % 60, 2);
	dout_str(&o, ":00");
	if (o.len < outsz && date_utc_offset(tz, d, minutes, &off)) {
		dout_ch(&o, off < 0 ? '-' : '+');
		dout_int(&o, abs(off) / 60, 2);
		dout_ch(&o, ':');
		dout_int(&o, abs(off) % 60, 2);
	}
	dout_end(&o);
	return true;
}

long long
date_instant(const char *s)
{
	civil_date cd;
	int h, m, sec, oh = 0, om = 0;
	char sign = 'Z', day[11];
	if (s == NULL || strlen(s) < 20 ||
	    sscanf(s + 11, "%2d:%2d:%2d%c%2d:%2d", &h, &m, &sec, &sign, &oh,
	           &om) < 4)
		return 0;
	memcpy(day, s, 10);
	day[10] = '\0';
	if (!date_parse(day, &cd) ||
	    (sign != 'Z' && sign != '+' && sign != '-'))
		return 0;
	long long off = (oh * 60LL + om) * 60 * (sign == '-' ? -1 : 1);
	return (long long)date_days(cd) * 86400 + h * 3600LL + m * 60LL + sec -
	       (sign == 'Z' ? 0 : off);
}
