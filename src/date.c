#include "date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
month_days(int y, int m)
{
	static const int n[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return m == 2 && leap(y) ? 29 : n[m - 1];
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
	    d.day > month_days(d.year, d.month))
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

void
date_format_long(civil_date d, const value *i18n, char *out, size_t outsz)
{
	const char *day = value_get_string(
	    value_at(value_get(i18n, "jours"), (size_t)date_weekday(d)));
	const char *mon = value_get_string(
	    value_at(value_get(i18n, "mois"), (size_t)d.month - 1));
	if (day == NULL || mon == NULL) {
		snprintf(out, outsz, "%04d-%02d-%02d", d.year, d.month, d.day);
		return;
	}
	/* French writes the first of the month as an ordinal: "1er mai". */
	const char *first = value_get_string(value_get(i18n, "premier"));
	if (d.day == 1 && first != NULL)
		snprintf(out, outsz, "%s %s %s %d", day, first, mon, d.year);
	else
		snprintf(out, outsz, "%s %d %s %d", day, d.day, mon, d.year);
}

static void
expand(const char *pat, int h, int m, char *out, size_t outsz)
{
	size_t o = 0;
	for (const char *p = pat; *p != '\0' && o + 3 < outsz; p++) {
		if (p[0] == '%' && (p[1] == 'H' || p[1] == 'M')) {
			o += (size_t)snprintf(out + o, outsz - o,
			                      p[1] == 'H' ? "%d" : "%02d",
			                      p[1] == 'H' ? h : m);
			p++;
		} else
			out[o++] = *p;
	}
	out[o < outsz ? o : outsz - 1] = '\0';
}

bool
date_time_format(const char *t, const value *i18n, char *out, size_t outsz)
{
	if (t == NULL || strlen(t) != 5 || t[2] != ':')
		return false;
	int h = atoi(t), m = atoi(t + 3);
	if (h > 23 || m > 59)
		return false;
	const char *pat = value_get_string(value_get(i18n, "heure"));
	const char *whole = value_get_string(value_get(i18n, "heure_pile"));
	if (pat == NULL)
		pat = "%H:%M";
	expand(m == 0 && whole != NULL ? whole : pat, h, m, out, outsz);
	return true;
}
