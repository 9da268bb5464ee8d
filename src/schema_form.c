/*
 * schema_form.c - the written forms of typed scalars: dates, times,
 * booleans, numbers, phone numbers, e-mail addresses, URLs.  Pure text
 * recognisers, shared by the validator and the schema parser.
 */
#include "schema_int.h"

#include <ctype.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "date.h"
#include "utf8.h"

/* ---------------------------------------------------------------------- */
/* Scalar forms                                                           */

/* The 10 characters at s as YYYY-MM-DD: 0 when right, 1 when the form is
 * wrong, 2 when there is no such day (2026-02-30). */
int
schema_form_date(const char *s)
{
	for (int i = 0; i < 10; i++) {
		bool ok = i == 4 || i == 7 ? s[i] == '-'
		                           : isdigit((unsigned char)s[i]) != 0;
		if (!ok)
			return 1;
	}
	int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
	if (m < 1 || m > 12 || d < 1 || d > date_month_days(y, m))
		return 2;
	return 0;
}

/* Spaces as typed in French: plain, no-break (U+00A0), narrow no-break
 * (U+202F, "9 h 30" pasted from a word processor). */
const char *
schema_form_skip_spaces(const char *p)
{
	for (;;) {
		if (*p == ' ')
			p++;
		else if ((unsigned char)p[0] == 0xC2 &&
		         (unsigned char)p[1] == 0xA0)
			p += 2;
		else if ((unsigned char)p[0] == 0xE2 &&
		         (unsigned char)p[1] == 0x80 &&
		         (unsigned char)p[2] == 0xAF)
			p += 3;
		else
			return p;
	}
}

/* 09:30, 9:30, 9h30, 9 h 30, 9h -> "09:30" in out; false if not a time. */
bool
schema_form_time(const char *s, char out[6])
{
	const char *p = s;
	int h = 0, m = 0, nd = 0;
	while (isdigit((unsigned char)*p) && nd < 2)
		h = h * 10 + (*p++ - '0'), nd++;
	if (nd == 0 || isdigit((unsigned char)*p))
		return false;
	p = schema_form_skip_spaces(p);
	bool colon = *p == ':';
	if (!colon && *p != 'h' && *p != 'H')
		return false;
	p = schema_form_skip_spaces(p + 1);
	if (colon || *p != '\0') {
		if (!isdigit((unsigned char)p[0]) ||
		    !isdigit((unsigned char)p[1]))
			return false;
		m = (p[0] - '0') * 10 + (p[1] - '0');
		p += 2;
	}
	if (*p != '\0' || h > 23 || m > 59)
		return false;
	out[0] = (char)('0' + h / 10), out[1] = (char)('0' + h % 10);
	out[2] = ':';
	out[3] = (char)('0' + m / 10), out[4] = (char)('0' + m % 10);
	out[5] = '\0';
	return true;
}

bool
schema_form_is_24h(const char *s)
{
	char t[32], out[6];
	if (strncmp(s, "24", 2) != 0 || strlen(s) >= sizeof(t))
		return false;
	snprintf(t, sizeof(t), "00%s", s + 2);
	return schema_form_time(t, out) && strcmp(out, "00:00") == 0;
}

/* The time in s[0..n), spaces around it aside. */
static bool
time_in(const char *s, size_t n, char out[6])
{
	while (n > 0 && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	char t[16];
	if (n == 0 || n >= sizeof(t))
		return false;
	memcpy(t, s, n);
	t[n] = '\0';
	return schema_form_time(t, out);
}

bool
schema_form_time_range(const char *s, char from[6], char to[6])
{
	static const char *const seps[] = {
	    "\xE2\x80\x93", "\xE2\x80\x94", "-",
	    " \xC3\xA0 ",   " a ",          " jusqu'\xC3\xA0 "};
	if (strncasecmp(s, "de ", 3) == 0)
		s += 3;
	for (size_t i = 0; i < sizeof(seps) / sizeof(*seps); i++) {
		const char *at = strstr(s, seps[i]);
		if (at != NULL && time_in(s, (size_t)(at - s), from) &&
		    time_in(at + strlen(seps[i]), strlen(at + strlen(seps[i])),
		            to))
			return true;
	}
	return false;
}

int
schema_form_bool(const char *s)
{
	static const char *const yes[] = {"true", "yes", "oui", "vrai", "on"};
	static const char *const no[] = {"false", "no", "non", "faux", "off"};
	for (size_t i = 0; i < 5; i++) {
		if (strcasecmp(s, yes[i]) == 0)
			return 1;
		if (strcasecmp(s, no[i]) == 0)
			return 0;
	}
	return -1;
}

/* Whole numbers that a double holds exactly (a count, a year). */
bool
schema_form_int(const char *s, double *out)
{
	const char *p = s + (*s == '+' || *s == '-');
	if (!isdigit((unsigned char)*p))
		return false;
	char *end;
	errno = 0;
	long long n = strtoll(s, &end, 10);
	if (*end != '\0' || errno != 0 || n > (1LL << 53) || n < -(1LL << 53))
		return false;
	*out = (double)n;
	return true;
}

/* 47.35 or 47,35 (the French decimal comma). */
bool
schema_form_number(const char *s, double *out)
{
	char tmp[64];
	size_t n = strlen(s);
	if (n == 0 || n >= sizeof(tmp))
		return false;
	memcpy(tmp, s, n + 1);
	char *p = tmp + (*tmp == '+' || *tmp == '-');
	if (!isdigit((unsigned char)*p))
		return false;
	while (isdigit((unsigned char)*p))
		p++;
	if (*p == '.' || *p == ',') {
		*p++ = '.';
		if (!isdigit((unsigned char)*p))
			return false;
		while (isdigit((unsigned char)*p))
			p++;
	}
	if (*p != '\0')
		return false;
	*out = strtod(tmp, NULL);
	return true;
}

/* French numbers in any usual spacing (05.49.12.34.56, +33 (0)5 49...)
 * written back as "05 49 12 34 56" or "+33 5 49 12 34 56"; other
 * countries as "+" and the digits. */
bool
schema_form_phone(const char *s, char *out, size_t outsz)
{
	char dig[24];
	size_t n = 0;
	bool intl = *s == '+' || (s[0] == '0' && s[1] == '0');
	const char *p = s + (*s == '+' ? 1 : intl ? 2 : 0);
	while (*(p = schema_form_skip_spaces(p)) != '\0') {
		if (isdigit((unsigned char)*p) && n < sizeof(dig) - 1)
			dig[n++] = *p++;
		else if (*p == '.' || *p == '-')
			p++;
		else if (intl && strncmp(p, "(0)", 3) == 0)
			p += 3;
		else
			return false;
	}
	dig[n] = '\0';
	const char *d = dig;
	if (intl && strncmp(dig, "33", 2) == 0) {
		d = dig[2] == '0' ? dig + 3 : dig + 2;
		if (strlen(d) != 9 || *d == '0')
			return false;
		snprintf(out, outsz, "+33 %c %.2s %.2s %.2s %.2s", d[0], d + 1,
		         d + 3, d + 5, d + 7);
		return true;
	}
	if (intl) {
		if (n < 8 || n > 15)
			return false;
		snprintf(out, outsz, "+%s", dig);
		return true;
	}
	if (n != 10 || dig[0] != '0' || dig[1] == '0')
		return false;
	snprintf(out, outsz, "%.2s %.2s %.2s %.2s %.2s", d, d + 2, d + 4, d + 6,
	         d + 8);
	return true;
}

bool
schema_form_email(const char *s)
{
	const char *at = strchr(s, '@');
	if (at == NULL || at == s || strchr(at + 1, '@') != NULL || *s == '.' ||
	    at[-1] == '.')
		return false;
	for (const char *p = s; p < at; p++)
		if (!isalnum((unsigned char)*p) &&
		    strchr("!#$%&'*+/=?^_`{|}~.-", *p) == NULL)
			return false;
	bool dot = false;
	for (const char *p = at + 1, *label = p;; p++) {
		if (*p == '.' || *p == '\0') {
			if (p == label || *label == '-' || p[-1] == '-')
				return false;
			if (*p == '\0')
				return dot;
			dot = true;
			label = p + 1;
		} else if (!isalnum((unsigned char)*p) && *p != '-' &&
		           (unsigned char)*p < 0x80)
			return false;
	}
}

/* http(s) with a host, or a path of this site ("/participer/"). */
bool
schema_form_url(const char *s, bool absolute)
{
	for (const char *p = s; *p != '\0'; p++)
		if ((unsigned char)*p <= ' ' || *p == 0x7f ||
		    strchr("\"<>\\", *p) != NULL)
			return false;
	if (!absolute && s[0] == '/' && s[1] != '/')
		return true;
	const char *host;
	if (strncasecmp(s, "https://", 8) == 0)
		host = s + 8;
	else if (strncasecmp(s, "http://", 7) == 0)
		host = s + 7;
	else
		return false;
	size_t n = strcspn(host, "/?#:");
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)host[i]) && host[i] != '.' &&
		    host[i] != '-' && (unsigned char)host[i] < 0x80)
			return false;
	return n > 0;
}

/* The schema's 'forme': 9 a digit, A an uppercase letter, a a lowercase
 * one, X a digit or uppercase letter, x a hex digit, \c the character c,
 * anything else itself.  Simpler for theme authors than a regex, and
 * enough for postcodes, INSEE and Mérimée codes, colours. */
bool
schema_form_matches(const char *form, const char *s)
{
	for (; *form != '\0'; form++, s++) {
		unsigned char c = (unsigned char)*s;
		bool ok;
		switch (*form) {
		case '9': ok = isdigit(c); break;
		case 'A': ok = isupper(c); break;
		case 'a': ok = islower(c); break;
		case 'X': ok = isdigit(c) || isupper(c); break;
		case 'x': ok = isxdigit(c); break;
		case '\\':
			form += form[1] != '\0';
			ok = c == (unsigned char)*form;
			break;
		default: ok = c == (unsigned char)*form; break;
		}
		if (!ok || c == '\0')
			return false;
	}
	return *s == '\0';
}

/* ---------------------------------------------------------------------- */
/* First names                                                            */

/* The letters of the word s[0..n): how many, and how many uppercase. */
static void
word_letters(const char *s, size_t n, size_t *letters, size_t *upper)
{
	*letters = *upper = 0;
	for (size_t i = 0; i < n;) {
		uint32_t cp = 0xFFFD;
		size_t k = utf8_decode(s + i, n - i, &cp);
		int c = utf8_latin_case(cp);
		*letters += c != 0;
		*upper += c > 0;
		i += k > 0 ? k : 1;
	}
}

/* The length of an elided particle that starts the word s[0..n): "d'"
 * or "l'" (any case, straight or curly apostrophe) before a letter, as
 * in "d’Hérouville", or 0.  The name is what follows it. */
static size_t
elided(const char *s, size_t n)
{
	if (n < 3 || ((s[0] | 0x20) != 'd' && (s[0] | 0x20) != 'l'))
		return 0;
	size_t k = s[1] == '\''                                     ? 2
	           : n > 4 && memcmp(s + 1, "\xE2\x80\x99", 3) == 0 ? 4
	           : n > 3 && memcmp(s + 1, "\xCA\xBC", 2) == 0     ? 3
	                                                            : 0;
	uint32_t cp = 0;
	return k > 0 && k < n && utf8_decode(s + k, n - k, &cp) > 0 &&
	               utf8_latin_case(cp) != 0
	           ? k
	           : 0;
}

/* "et", "ou", "&": the next capitalised word is another first name. */
static bool
joins(const char *w, size_t n)
{
	return (n == 2 &&
	        (strncmp(w, "et", 2) == 0 || strncmp(w, "ou", 2) == 0)) ||
	       (n == 1 && *w == '&');
}

/*
 * Why a rule of capitals and not a list of first names: a list would
 * refuse every name it lacks.  A later word that starts with a capital
 * is read as a surname unless it is an initial ("D."), follows "et",
 * "ou", "&" or a comma (two people in one entry); a word of two capitals
 * or more is one wherever it stands.  "Marie Anne" is read as a surname:
 * French writes a compound first name with a hyphen, and the message
 * says so.
 */
const char *
schema_form_surname(const char *s)
{
	bool first = true, after_join = false;
	for (const char *p = s; *p != '\0';) {
		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		size_t n = strcspn(p, " \t\n");
		if (n == 0)
			break;
		size_t el = elided(p, n);
		uint32_t cp = 0;
		utf8_decode(p + el, n - el, &cp);
		size_t letters, upper;
		word_letters(p + el, n - el, &letters, &upper);
		bool capital = utf8_latin_case(cp) > 0;
		if (letters >= 2 && upper == letters)
			return p + el;
		if (capital && letters >= 2 && !first && !after_join)
			return p + el;
		after_join = joins(p, n) || p[n - 1] == ',' || p[n - 1] == ';';
		first = false;
		p += n;
	}
	return NULL;
}

/* Does word w (n bytes) equal one of the NULL-ended list, ASCII letters
 * in any case (the accented ones are listed in both cases)? */
static bool
word_in(const char *w, size_t n, const char *const *list)
{
	for (size_t i = 0; list[i] != NULL; i++)
		if (strlen(list[i]) == n && strncasecmp(w, list[i], n) == 0)
			return true;
	return false;
}

/*
 * Why a short list: an association or a business written where the
 * content model expects a person (a workshop's referents) would be cut
 * to a first name and an initial (« Comité S. »).  The list only decides
 * which hint the warning gives (move it to the organisations' field), so
 * a missed name costs a less precise message, never a published surname.
 * docs/templates.md lists the words.
 */
bool
schema_form_organisation(const char *s)
{
	static const char *const first[] = {
	    "Association", "Asso",       "Comité",  "COMITÉ",   "Comite",
	    "Club",        "Amicale",    "Mairie",  "Commune",  "Ville",
	    "École",       "ÉCOLE",      "Ecole",   "Collège",  "COLLÈGE",
	    "College",     "Lycée",      "LYCÉE",   "Lycee",    "Fédération",
	    "FÉDÉRATION",  "Federation", "Société", "SOCIÉTÉ",  "Societe",
	    "Entreprise",  "Centre",     "Foyer",   "Syndicat", NULL};
	static const char *const forms[] = {
	    "SARL", "SAS", "SASU", "EURL", "SA", "SCOP", "SCIC", "GAEC", NULL};
	if (strpbrk(s, "0123456789") != NULL)
		return true;
	size_t lead = strspn(s, " \t\n");
	if (word_in(s + lead, strcspn(s + lead, " \t\n'’"), first))
		return true;
	for (const char *p = s; *p != '\0';) {
		p += strspn(p, " \t\n,()");
		size_t n = strcspn(p, " \t\n,()");
		for (size_t i = 0; n > 0 && forms[i] != NULL; i++)
			if (strlen(forms[i]) == n &&
			    strncmp(p, forms[i], n) == 0)
				return true;
		p += n;
	}
	return false;
}
