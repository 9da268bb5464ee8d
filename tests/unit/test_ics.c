/*
 * Tests for ics.c: folding at every boundary with accented text, TEXT
 * escaping, events, time zones.
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

#include "buf.h"
#include "ics.h"

/* True if s[0..n) is well-formed UTF-8 (no sequence cut at either end). */
static bool
valid_utf8(const unsigned char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		size_t k = s[i] < 0x80   ? 1
		           : s[i] < 0xC2 ? 0
		           : s[i] < 0xE0 ? 2
		           : s[i] < 0xF0 ? 3
		           : s[i] < 0xF5 ? 4
		                         : 0;
		if (k == 0 || i + k > n)
			return false;
		for (size_t j = 1; j < k; j++)
			if ((s[i + j] & 0xC0) != 0x80)
				return false;
		i += k;
	}
	return true;
}

/*
 * Checks a folded text: CRLF after every physical line, none longer than
 * 75 octets, each valid UTF-8 on its own, continuation lines starting
 * with one space; returns the unfolded text (caller frees).
 */
static char *
check_folded(const char *text, size_t len)
{
	buf un = BUF_INIT;
	size_t i = 0;
	bool first = true;
	while (i < len) {
		const char *crlf = strstr(text + i, "\r\n");
		assert_non_null(crlf);
		size_t n = (size_t)(crlf - (text + i));
		assert_true(n <= 75);
		assert_null(memchr(text + i, '\n', n));
		assert_null(memchr(text + i, '\r', n));
		assert_true(valid_utf8((const unsigned char *)text + i, n));
		if (!first) {
			assert_true(n >= 1);
			assert_int_equal(text[i], ' ');
			buf_put(&un, text + i + 1, n - 1);
		} else {
			buf_put(&un, text + i, n);
		}
		first = false;
		i += n + 2;
	}
	buf_puts(&un, "");
	return buf_detach(&un, NULL);
}

/* Folds line as one content line and checks the result unfolds to it. */
static void
check_line(const buf *line)
{
	buf out = BUF_INIT;
	ics_line(&out, line->data, line->len);
	char *un = check_folded(out.data, out.len);
	assert_string_equal(un, line->data);
	free(un);
	buf_free(&out);
}

static void
test_fold_every_boundary(void **state)
{
	/* Two-, three- and four-octet characters at every offset around
	 * the 75 and 74 octet limits, in lines of growing length. */
	const char *chars[] = {"é", "’", "€", "🎉", "œ"};
	for (size_t c = 0; c < 5; c++) {
		for (size_t pad = 0; pad < 160; pad++) {
			buf line = BUF_INIT;
			buf_puts(&line, "DESCRIPTION:");
			for (size_t k = 0; k < pad; k++)
				buf_putc(&line, 'a' + (char)(k % 26));
			for (size_t k = 0; k < 40; k++)
				buf_puts(&line, chars[c]);
			check_line(&line);
			buf_free(&line);
		}
	}
}

static void
test_fold_short_and_exact(void **state)
{
	buf out = BUF_INIT;
	char line[76];
	memset(line, 'x', 75);
	line[75] = '\0';
	ics_line(&out, line, 75);
	/* Exactly 75 octets fit on one line. */
	assert_int_equal(out.len, 77);
	assert_memory_equal(out.data + 75, "\r\n", 2);
	buf_reset(&out);
	ics_line(&out, "BEGIN:VEVENT", 12);
	assert_string_equal(buf_cstr(&out), "BEGIN:VEVENT\r\n");
	buf_reset(&out);
	/* 76 octets: the 76th goes to a continuation line. */
	char l76[77];
	memset(l76, 'y', 76);
	l76[76] = '\0';
	ics_line(&out, l76, 76);
	assert_int_equal(out.len, 75 + 2 + 1 + 1 + 2);
	assert_memory_equal(out.data + 75, "\r\n y\r\n", 6);
	buf_free(&out);
}

/* The folding as it was written first, one octet at a time: ics_line()
 * steps over ASCII eight octets at a time and must cut every line at the
 * same place, malformed UTF-8 included. */
static void
fold_reference(buf *out, const char *line, size_t len)
{
	size_t room = 75, i = 0;
	while (i < len) {
		size_t n = 0;
		if (len - i <= room)
			n = len - i;
		while (n < room && i + n < len) {
			unsigned char c = (unsigned char)line[i + n];
			size_t k = c >= 0xF0   ? 4
			           : c >= 0xE0 ? 3
			           : c >= 0xC0 ? 2
			                       : 1;
			if (i + n + k > len)
				k = len - i - n;
			if (n + k > room)
				break;
			n += k;
		}
		buf_put(out, line + i, n);
		i += n;
		if (i < len) {
			buf_puts(out, "\r\n ");
			room = 74;
		}
	}
	buf_puts(out, "\r\n");
}

static void
test_fold_same_as_reference(void **state)
{
	/* Seeded: ASCII runs of every length, accented and 4-octet
	 * characters, stray continuation octets, sequences cut short
	 * (also at the very end of the line). */
	static const char *const pieces[] = {
	    "a",    "bcdefgh",  "ijklmnopqrstuvw",
	    " ",    "é",        "’",
	    "🎉",    "\x80",     "\xBF\xBF",
	    "\xC3", "\xE2\x80", "\xF0\x9F\x8E",
	    "\xFF"};
	unsigned long seed = 12345;
	for (int round = 0; round < 3000; round++) {
		buf line = BUF_INIT, got = BUF_INIT, want = BUF_INIT;
		seed = seed * 6364136223846793005UL + 1442695040888963407UL;
		size_t n = (size_t)(seed >> 33) % 90;
		for (size_t k = 0; k < n; k++) {
			seed = seed * 6364136223846793005UL +
			       1442695040888963407UL;
			buf_puts(&line, pieces[(seed >> 33) % 13]);
		}
		ics_line(&got, line.data, line.len);
		fold_reference(&want, line.data, line.len);
		assert_int_equal(got.len, want.len);
		assert_memory_equal(got.data, want.data, want.len);
		buf_free(&line);
		buf_free(&got);
		buf_free(&want);
	}
}

static void
check_escape(const char *in, const char *want)
{
	buf out = BUF_INIT;
	ics_escape_text(&out, in);
	assert_string_equal(buf_cstr(&out), want);
	buf_free(&out);
}

static void
test_escape_text(void **state)
{
	check_escape("Salle des fêtes, rue des Tilleuls",
	             "Salle des fêtes\\, rue des Tilleuls");
	check_escape("a;b", "a\\;b");
	check_escape("c:\\temp", "c:\\\\temp");
	check_escape("ligne 1\nligne 2\r\nligne 3\rfin",
	             "ligne 1\\nligne 2\\nligne 3\\nfin");
	check_escape("« Œuvre » : à 9 h", "« Œuvre » : à 9 h");
	check_escape("bip\007", "bip");
	/* Escapes and dropped controls at either end and side by side. */
	check_escape(",", "\\,");
	check_escape("\r", "\\n");
	check_escape("\001a\tb\037;\\", "a\tb\\;\\\\");
	check_escape("\r\n\r\n", "\\n\\n");
	check_escape("", "");
}

static void
test_escape_then_fold_accented(void **state)
{
	/* Escapes land on both sides of the fold too. */
	for (size_t pad = 0; pad < 90; pad++) {
		buf text = BUF_INIT, line = BUF_INIT;
		for (size_t k = 0; k < pad; k++)
			buf_puts(&text, k % 3 ? "é" : ",");
		buf_puts(&text, "; fin\\");
		buf_puts(&line, "SUMMARY:");
		ics_escape_text(&line, text.data);
		check_line(&line);
		buf_free(&text);
		buf_free(&line);
	}
}

static void
test_event(void **state)
{
	const char *cats[] = {"Rénovation", "peinture, bois"};
	ics_event e = {.uid = "ateliers/preau@jc.example",
	               .dtstamp = 1767225600, /* 2026-01-01T00:00:00Z */
	               .last_modified = 1767229200,
	               .sequence = 3,
	               .date = "2026-05-23",
	               .start = "09:00",
	               .end = "12:30",
	               .summary = "Repeindre le préau",
	               .description = "Poncer; puis peindre.",
	               .location = "École du Bourg, rue Haute",
	               .url = "https://jc.example/ateliers/preau/",
	               .has_geo = true,
	               .lat = 47.344,
	               .lon = 0.5889,
	               .status = "CANCELLED",
	               .categories = cats,
	               .ncategories = 2};
	buf out = BUF_INIT;
	assert_int_equal(ics_event_write(&out, &e, "Europe/Paris"), 0);
	const char *s = buf_cstr(&out);
	assert_non_null(
	    strstr(s, "BEGIN:VEVENT\r\nUID:ateliers/preau@jc.example\r\n"));
	assert_non_null(strstr(s, "DTSTAMP:20260101T000000Z\r\n"
	                          "LAST-MODIFIED:20260101T010000Z\r\n"
	                          "SEQUENCE:3\r\n"));
	assert_non_null(
	    strstr(s, "DTSTART;TZID=Europe/Paris:20260523T090000\r\n"));
	assert_non_null(
	    strstr(s, "DTEND;TZID=Europe/Paris:20260523T123000\r\n"));
	assert_non_null(strstr(s, "SUMMARY:Repeindre le préau\r\n"));
	assert_non_null(strstr(s, "DESCRIPTION:Poncer\\; puis peindre.\r\n"));
	assert_non_null(strstr(s, "LOCATION:École du Bourg\\, rue Haute\r\n"));
	assert_non_null(strstr(s, "GEO:47.344000;0.588900\r\n"));
	assert_non_null(strstr(s, "STATUS:CANCELLED\r\n"));
	assert_non_null(
	    strstr(s, "CATEGORIES:Rénovation,peinture\\, bois\r\n"));
	assert_non_null(strstr(s, "END:VEVENT\r\n"));
	buf_reset(&out);
	/* No start: a whole day, ending the next day (exclusive). */
	e.start = e.end = NULL;
	e.date = "2026-02-28";
	assert_int_equal(ics_event_write(&out, &e, "Europe/Paris"), 0);
	assert_non_null(
	    strstr(buf_cstr(&out), "DTSTART;VALUE=DATE:20260228\r\n"));
	assert_non_null(
	    strstr(buf_cstr(&out), "DTEND;VALUE=DATE:20260301\r\n"));
	buf_reset(&out);
	e.date = "2026-02-30";
	assert_int_equal(ics_event_write(&out, &e, "Europe/Paris"), -1);
	assert_int_equal(out.len, 0);
	buf_free(&out);
}

/* fabrique check validates events with ics_event_valid() instead of
 * writing them: it must refuse exactly what ics_event_write() refuses. */
static void
test_event_valid_agrees(void **state)
{
	(void)state;
	static const char *dates[] = {"2026-02-28", "2026-02-30", "2026-2-1",
	                              "28/02/2026", "",           NULL};
	static const char *times[] = {"09:30", "25:99", "9h30",
	                              "23:59", "",      NULL};
	size_t nd = sizeof(dates) / sizeof(*dates);
	size_t nt = sizeof(times) / sizeof(*times);
	size_t valid = 0, refused = 0;
	for (size_t i = 0; i < nd; i++)
		for (size_t k = 0; k < nt; k++)
			for (size_t m = 0; m < nt; m++) {
				ics_event e = {.uid = "u@x",
				               .summary = "s",
				               .date = dates[i],
				               .start = times[k],
				               .end = times[m]};
				buf out = BUF_INIT;
				int rc =
				    ics_event_write(&out, &e, "Europe/Paris");
				assert_int_equal(ics_event_valid(&e), rc == 0);
				rc == 0 ? valid++ : refused++;
				buf_free(&out);
			}
	assert_true(valid > 0 && refused > 0);
}

/* An empty calendar in zone, in out (the caller frees it). */
static const char *
empty_calendar(buf *out, const char *zone)
{
	ics_begin(out, "Journée citoyenne", zone);
	ics_end(out);
	return buf_cstr(out);
}

static void
test_calendar_and_zone(void **state)
{
	buf out = BUF_INIT;
	const char *s = empty_calendar(&out, "Europe/Paris");
	assert_true(strncmp(s, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", 30) == 0);
	assert_non_null(strstr(s, "BEGIN:VTIMEZONE\r\nTZID:Europe/Paris\r\n"));
	assert_non_null(
	    strstr(s, "TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\n"));
	assert_non_null(
	    strstr(s, "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"));
	assert_non_null(strstr(s, "END:VCALENDAR\r\n"));
	buf_free(&out);
}

/* Saint-Pierre-et-Miquelon: the North American rule, -03 in winter and
 * -02 from the second Sunday of March to the first of November. */
static void
test_miquelon_zone(void **state)
{
	buf out = BUF_INIT;
	const char *s = empty_calendar(&out, "America/Miquelon");
	assert_non_null(strstr(s, "TZID:America/Miquelon\r\n"));
	assert_non_null(strstr(s, "BEGIN:DAYLIGHT\r\nTZOFFSETFROM:-0300\r\n"
	                          "TZOFFSETTO:-0200\r\nTZNAME:-02\r\n"
	                          "DTSTART:19700308T020000\r\n"
	                          "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\r\n"));
	assert_non_null(strstr(s,
	                       "BEGIN:STANDARD\r\nTZOFFSETFROM:-0200\r\n"
	                       "TZOFFSETTO:-0300\r\nTZNAME:-03\r\n"
	                       "DTSTART:19701101T020000\r\n"
	                       "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\r\n"));
	buf_free(&out);
}

/* A head made of ics_begin_parts() around ics_name() (calendar.c makes
 * the parts once per build) is ics_begin()'s, byte for byte, for a
 * long accented name folded across lines, none, and each zone kind. */
static void
test_begin_parts(void **state)
{
	const char *zones[] = {"Europe/Paris", "America/Miquelon",
	                       "Indian/Reunion"};
	const char *names[] = {
	    "Journée citoyenne – repeindre le préau de l’école, avec les "
	    "enfants ; puis le goûter, la buvette, la fanfare",
	    NULL};
	for (size_t z = 0; z < 3; z++)
		for (size_t n = 0; n < 2; n++) {
			buf whole = BUF_INIT, before = BUF_INIT,
			    after = BUF_INIT;
			ics_begin(&whole, names[n], zones[z]);
			ics_begin_parts(&before, &after, zones[z]);
			ics_name(&before, names[n]);
			buf_put(&before, after.data, after.len);
			assert_int_equal(before.len, whole.len);
			assert_memory_equal(before.data, whole.data, whole.len);
			buf_free(&whole);
			buf_free(&before);
			buf_free(&after);
		}
}

/* TEXT escaping as it was written first, one octet at a time:
 * ics_escape_text() steps over eight octets at a time where none needs
 * escaping and must escape the same octets. */
static void
escape_reference(buf *out, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '\\' || *s == ';' || *s == ',') {
			buf_putc(out, '\\');
			buf_putc(out, *s);
		} else if (*s == '\r' || *s == '\n') {
			if (*s == '\r' && s[1] == '\n')
				s++;
			buf_puts(out, "\\n");
		} else if ((unsigned char)*s >= 0x20 || *s == '\t') {
			buf_putc(out, *s);
		}
	}
}

static void
test_escape_same_as_reference(void **state)
{
	/* Seeded: runs of every length around each escaped octet, the
	 * controls, tab, and octets above 0x7F (whose subtraction
	 * borrows). */
	static const char *const pieces[] = {
	    "a",    "bcdefgh", "ijklmnopqrstuvw",
	    " ",    "é",       "’",
	    ",",    ";",       "\\",
	    "\r\n", "\n",      "\r",
	    "\t",   "\x01",    "\x1F",
	    "\x7F", "\xFF",    "+",
	    "<",    "\x5B\x5D"};
	size_t np = sizeof(pieces) / sizeof(*pieces);
	unsigned long seed = 4242;
	(void)state;
	for (int round = 0; round < 3000; round++) {
		buf text = BUF_INIT, got = BUF_INIT, want = BUF_INIT;
		seed = seed * 6364136223846793005UL + 1442695040888963407UL;
		size_t n = (size_t)(seed >> 33) % 60;
		for (size_t k = 0; k < n; k++) {
			seed = seed * 6364136223846793005UL +
			       1442695040888963407UL;
			buf_puts(&text, pieces[(seed >> 33) % np]);
		}
		ics_escape_text(&got, buf_cstr(&text));
		escape_reference(&want, buf_cstr(&text));
		assert_int_equal(got.len, want.len);
		assert_memory_equal(got.data, want.data, want.len);
		buf_free(&text);
		buf_free(&got);
		buf_free(&want);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_miquelon_zone),
	    cmocka_unit_test(test_fold_every_boundary),
	    cmocka_unit_test(test_fold_short_and_exact),
	    cmocka_unit_test(test_fold_same_as_reference),
	    cmocka_unit_test(test_escape_text),
	    cmocka_unit_test(test_escape_same_as_reference),
	    cmocka_unit_test(test_escape_then_fold_accented),
	    cmocka_unit_test(test_event),
	    cmocka_unit_test(test_event_valid_agrees),
	    cmocka_unit_test(test_calendar_and_zone),
	    cmocka_unit_test(test_begin_parts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
