#include "ics.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "date.h"
#include "msgcat.h"
#include "slug.h"
#include "utf8.h"

#define FOLD_AT 75 /* octets per physical line, line end excluded */

/* Length of the longest run of whole characters of line[0..len) that
 * fits in room octets.  A character is a lead octet (utf8_seq_len())
 * and what follows it, cut short at the end of the line; ASCII is
 * stepped over eight octets at a time, and up to the first non-ASCII
 * octet of eight at once (French text has an accent every few words: a
 * page's text is an event's DESCRIPTION, folded into a hundred lines). */
static size_t
fit(const char *line, size_t len, size_t room)
{
	size_t lim = len < room ? len : room, n = 0;
	while (n < lim) {
		uint64_t w;
		if (n + 8 <= lim) {
			memcpy(&w, line + n, 8);
			w &= 0x8080808080808080ULL;
			if (w == 0) {
				n += 8;
				continue;
			}
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
			size_t ascii = (size_t)__builtin_ctzll(w) / 8;
			if (ascii > 0) {
				n += ascii;
				continue;
			}
#endif
		}
		unsigned char c = (unsigned char)line[n];
		size_t k = c < 0x80 ? 1 : utf8_seq_len(c);
		if (n + k > len)
			k = len - n;
		if (n + k > room)
			break;
		n += k;
	}
	return n;
}

/* Folds at FOLD_AT octets, whole characters only: a sequence that would
 * cross the limit goes to the next line.  What fits goes out in one
 * copy (most lines are short). */
void
ics_line(buf *out, const char *line, size_t len)
{
	size_t room = FOLD_AT, i = 0;
	while (i < len) {
		size_t n = fit(line + i, len - i, room);
		buf_put(out, line + i, n);
		i += n;
		if (i < len) {
			buf_puts(out, "\r\n ");
			room = FOLD_AT - 1;
		}
	}
	buf_puts(out, "\r\n");
}

/* Octets that stop a run of TEXT: the separators it escapes and the
 * controls it forbids (tab excepted), and the terminating '\0'. */
static const bool stops[256] = {
    [0] = 1,  [1] = 1,  [2] = 1,  [3] = 1,   [4] = 1,   [5] = 1,    [6] = 1,
    [7] = 1,  [8] = 1,  [10] = 1, [11] = 1,  [12] = 1,  [13] = 1,   [14] = 1,
    [15] = 1, [16] = 1, [17] = 1, [18] = 1,  [19] = 1,  [20] = 1,   [21] = 1,
    [22] = 1, [23] = 1, [24] = 1, [25] = 1,  [26] = 1,  [27] = 1,   [28] = 1,
    [29] = 1, [30] = 1, [31] = 1, [','] = 1, [';'] = 1, ['\\'] = 1,
};

#define ONES 0x0101010101010101u
#define HIGHS 0x8080808080808080u

/* The octets of x that may stop a run (stops[]), by their high bit: one
 * below 0x20 (a control, or the NUL), ',', ';' or '\\'.  The lowest bit
 * set is such an octet (those above it may not be: a borrow), and no
 * octet above 0x7F is one. */
static uint64_t
may_stop(uint64_t x)
{
	uint64_t comma = x ^ (ONES * ','), semi = x ^ (ONES * ';'),
	         slash = x ^ (ONES * '\\');
	uint64_t hit = ((x - ONES * 0x20) & ~x) | ((comma - ONES) & ~comma) |
	               ((semi - ONES) & ~semi) | ((slash - ONES) & ~slash);
	return hit & HIGHS;
}

/* The first octet of s..end that may stop a run: eight at a time, to
 * the lowest octet may_stop() marks. */
static const char *
next_stop(const char *s, const char *end)
{
	uint64_t x, m;
	for (; end - s >= 8; s += 8) {
		memcpy(&x, s, 8);
		if ((m = may_stop(x)) != 0) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
			return s + __builtin_ctzll(m) / 8;
#else
			return s;
#endif
		}
	}
	return s;
}

/* Runs of plain text go out in one copy; only the separators TEXT
 * escapes and the controls it forbids stop the scan, which steps over
 * eight octets at a time where none can (a page's whole text is an
 * event's DESCRIPTION). */
void
ics_escape_text(buf *out, const char *s)
{
	if (s == NULL)
		return;
	const char *run = s, *end = s + strlen(s);
	for (;; s++) {
		s = next_stop(s, end);
		unsigned char c = (unsigned char)*s;
		if (!stops[c])
			continue;
		if (s > run)
			buf_put(out, run, (size_t)(s - run));
		if (c == '\0')
			break;
		switch (c) {
		case '\\': buf_puts(out, "\\\\"); break;
		case ';': buf_puts(out, "\\;"); break;
		case ',': buf_puts(out, "\\,"); break;
		case '\r':
			if (s[1] == '\n')
				s++;
			buf_puts(out, "\\n");
			break;
		case '\n': buf_puts(out, "\\n"); break;
		default: break; /* other controls are not allowed in TEXT */
		}
		run = s + 1;
	}
}

/* A property whose value is already in its final form. */
static void
prop(buf *out, const char *name, const char *val)
{
	buf line = BUF_INIT;
	buf_puts(&line, name);
	buf_putc(&line, ':');
	buf_puts(&line, val);
	ics_line(out, line.data, line.len);
	buf_free(&line);
}

static void
prop_text(buf *out, const char *name, const char *text)
{
	buf line = BUF_INIT;
	buf_puts(&line, name);
	buf_putc(&line, ':');
	ics_escape_text(&line, text);
	ics_line(out, line.data, line.len);
	buf_free(&line);
}

static void
offset_text(char out[8], int minutes)
{
	int a = minutes < 0 ? -minutes : minutes;
	snprintf(out, 8, "%c%02d%02d", minutes < 0 ? '-' : '+', a / 60 % 100,
	         a % 60);
}

static void
tz_part(buf *out, const char *kind, int from, int to, const char *name,
        const char *start, const char *rule)
{
	char f[8], t[8];
	offset_text(f, from);
	offset_text(t, to);
	prop(out, "BEGIN", kind);
	prop(out, "TZOFFSETFROM", f);
	prop(out, "TZOFFSETTO", t);
	prop(out, "TZNAME", name);
	prop(out, "DTSTART", start);
	if (rule != NULL)
		prop(out, "RRULE", rule);
	prop(out, "END", kind);
}

static void
vtimezone(buf *out, const date_zone *z)
{
	prop(out, "BEGIN", "VTIMEZONE");
	prop(out, "TZID", z->id);
	if (z->dst == DATE_DST_EU) {
		tz_part(out, "DAYLIGHT", z->std, z->std + 60, z->dst_name,
		        "19700329T020000", "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU");
		tz_part(out, "STANDARD", z->std + 60, z->std, z->std_name,
		        "19701025T030000", "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU");
	} else if (z->dst == DATE_DST_NA) {
		tz_part(out, "DAYLIGHT", z->std, z->std + 60, z->dst_name,
		        "19700308T020000", "FREQ=YEARLY;BYMONTH=3;BYDAY=2SU");
		tz_part(out, "STANDARD", z->std + 60, z->std, z->std_name,
		        "19701101T020000", "FREQ=YEARLY;BYMONTH=11;BYDAY=1SU");
	} else {
		tz_part(out, "STANDARD", z->std, z->std, z->std_name,
		        "19700101T000000", NULL);
	}
	prop(out, "END", "VTIMEZONE");
}

void
ics_begin_parts(buf *before, buf *after, const char *tzid)
{
	prop(before, "BEGIN", "VCALENDAR");
	prop(before, "VERSION", "2.0");
	prop(before, "PRODID",
	     "-//fabrique//fabrique " FABRIQUE_VERSION "//FR");
	prop(before, "CALSCALE", "GREGORIAN");
	prop(before, "METHOD", "PUBLISH");
	prop(after, "X-WR-TIMEZONE", tzid);
	const date_zone *z = date_zone_find(tzid);
	if (z != NULL)
		vtimezone(after, z);
}

void
ics_name(buf *out, const char *name)
{
	if (name != NULL)
		prop_text(out, "X-WR-CALNAME", name);
}

static void
begin(buf *out, const char *name, const char *tzid, bool subscribed)
{
	buf after = BUF_INIT;
	ics_begin_parts(out, &after, tzid);
	ics_name(out, name);
	if (subscribed) {
		prop(out, "REFRESH-INTERVAL;VALUE=DURATION", ICS_REFRESH);
		prop(out, "X-PUBLISHED-TTL", ICS_REFRESH);
	}
	buf_put(out, after.data, after.len);
	buf_free(&after);
}

void
ics_begin(buf *out, const char *name, const char *tzid)
{
	begin(out, name, tzid, false);
}

void
ics_begin_subscribed(buf *out, const char *name, const char *tzid)
{
	begin(out, name, tzid, true);
}

void
ics_end(buf *out)
{
	prop(out, "END", "VCALENDAR");
}

static void
put_date(buf *out, civil_date d)
{
	buf_put_digits(out, d.year, 4);
	buf_put_digits(out, d.month, 2);
	buf_put_digits(out, d.day, 2);
}

/* "THHMM00" of minutes since midnight. */
static void
put_time(buf *out, int minutes)
{
	buf_putc(out, 'T');
	buf_put_digits(out, minutes / 60, 2);
	buf_put_digits(out, minutes % 60, 2);
	buf_puts(out, "00");
}

/* A property holding a UTC time (DTSTAMP, LAST-MODIFIED). */
static void
utc_time(buf *out, const char *name, long long t)
{
	long long days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
	long long sec = t - days * 86400;
	buf_puts(out, name);
	buf_putc(out, ':');
	put_date(out, date_from_days((long)days));
	buf_putc(out, 'T');
	buf_put_digits(out, sec / 3600, 2);
	buf_put_digits(out, sec / 60 % 60, 2);
	buf_put_digits(out, sec % 60, 2);
	buf_putc(out, 'Z');
}

/* DTSTART and DTEND: local times in tzid, or whole days. */
bool
ics_event_valid(const ics_event *e)
{
	civil_date d;
	int start = e->start ? date_time_parse(e->start) : 0;
	int end = e->end ? date_time_parse(e->end) : start;
	return e->date != NULL && date_parse(e->date, &d) && start >= 0 &&
	       end >= 0;
}

static int
times(buf *out, const ics_event *e, const char *tzid)
{
	civil_date d;
	int start = e->start ? date_time_parse(e->start) : 0;
	int end = e->end ? date_time_parse(e->end) : start;
	if (!ics_event_valid(e) || !date_parse(e->date, &d))
		return -1;
	buf line = BUF_INIT;
	if (e->start == NULL) {
		buf_puts(&line, "DTSTART;VALUE=DATE:");
		put_date(&line, d);
		ics_line(out, line.data, line.len);
		buf_reset(&line);
		buf_puts(&line, "DTEND;VALUE=DATE:");
		put_date(&line, date_from_days(date_days(d) + 1));
	} else {
		buf_printf(&line, "DTSTART;TZID=%s:", tzid);
		put_date(&line, d);
		put_time(&line, start);
		ics_line(out, line.data, line.len);
		buf_reset(&line);
		/* An end before the start is read as the next day. */
		civil_date ed =
		    end < start ? date_from_days(date_days(d) + 1) : d;
		buf_printf(&line, "DTEND;TZID=%s:", tzid);
		put_date(&line, ed);
		put_time(&line, end);
	}
	ics_line(out, line.data, line.len);
	buf_free(&line);
	return 0;
}

static void
categories(buf *out, const ics_event *e)
{
	if (e->ncategories == 0)
		return;
	buf line = BUF_INIT;
	buf_puts(&line, "CATEGORIES:");
	for (size_t i = 0; i < e->ncategories; i++) {
		if (i > 0)
			buf_putc(&line, ',');
		ics_escape_text(&line, e->categories[i]);
	}
	ics_line(out, line.data, line.len);
	buf_free(&line);
}

int
ics_event_write(buf *out, const ics_event *e, const char *tzid)
{
	buf ev = BUF_INIT, line = BUF_INIT;
	prop(&ev, "BEGIN", "VEVENT");
	prop_text(&ev, "UID", e->uid);
	utc_time(&line, "DTSTAMP", e->dtstamp);
	ics_line(&ev, line.data, line.len);
	if (e->last_modified > 0) {
		buf_reset(&line);
		utc_time(&line, "LAST-MODIFIED", e->last_modified);
		ics_line(&ev, line.data, line.len);
	}
	buf_reset(&line);
	buf_printf(&line, "SEQUENCE:%u", e->sequence);
	ics_line(&ev, line.data, line.len);
	buf_free(&line);
	if (times(&ev, e, tzid) != 0) {
		buf_free(&ev);
		return -1;
	}
	prop_text(&ev, "SUMMARY", e->summary);
	if (e->description != NULL && *e->description != '\0')
		prop_text(&ev, "DESCRIPTION", e->description);
	if (e->location != NULL && *e->location != '\0')
		prop_text(&ev, "LOCATION", e->location);
	if (e->has_geo) {
		char geo[64];
		snprintf(geo, sizeof(geo), "%.6f;%.6f", e->lat, e->lon);
		prop(&ev, "GEO", geo);
	}
	if (e->url != NULL)
		prop(&ev, "URL", e->url);
	if (e->status != NULL)
		prop(&ev, "STATUS", e->status);
	categories(&ev, e);
	prop(&ev, "END", "VEVENT");
	buf_put(out, ev.data, ev.len);
	buf_free(&ev);
	return 0;
}

static bool
says_already(const char *title, const char *word)
{
	buf t = BUF_INIT, w = BUF_INIT;
	slug_fold(title + strspn(title, " [(*-"), &t);
	slug_fold(word, &w);
	bool yes =
	    w.len > 0 && t.len >= w.len && memcmp(t.data, w.data, w.len) == 0;
	buf_free(&t);
	buf_free(&w);
	return yes;
}

const char *
ics_labelled(arena *a, const char *word, const char *lang, const char *text)
{
	if (word == NULL || *word == '\0')
		return text;
	return arena_printf(a, "%s%s %s", word, msgcat_colon(lang), text);
}

const char *
ics_cancelled_summary(arena *a, const char *title, const char *word,
                      const char *lang)
{
	if (word == NULL || *word == '\0' || says_already(title, word))
		return title;
	return ics_labelled(a, word, lang, title);
}

const char *
ics_location(arena *a, const char *place, const char *word, const char *lang,
             const char *meeting)
{
	if (meeting == NULL || *meeting == '\0')
		return place;
	const char *m = ics_labelled(a, word, lang, meeting);
	return place != NULL ? arena_printf(a, "%s — %s", place, m) : m;
}
