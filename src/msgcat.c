#define _GNU_SOURCE /* strerrordesc_np */
#include "msgcat.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct msg {
	const char *en, *fr;
};

/*
 * Keep sorted by the English text (byte order): the unit tests verify
 * it.  Formats must take their arguments in the same order.
 */
static const struct msg catalogue[] = {
#include "msgcat_fr.inc"
};

static int
cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct msg *)elem)->en);
}

const char *
msgcat_lookup(const char *lang, const char *english)
{
	if (lang == NULL || strcmp(lang, "fr") != 0)
		return english;
	const struct msg *m =
	    bsearch(english, catalogue, sizeof(catalogue) / sizeof(*catalogue),
	            sizeof(*catalogue), cmp);
	return m != NULL ? m->fr : english;
}

const char *
msgcat_errtext(const char *lang, int e)
{
	const char *en = strerrordesc_np(e);
	return msgcat_lookup(lang, en != NULL ? en : "unknown system error");
}

/* Whether a locale names no language: C and POSIX, and C.UTF-8 (C.utf8,
 * any C.CODESET), the default of Debian's containers and of many shared
 * hosts' shells, which says how bytes are encoded, not that the user
 * chose English. */
static bool
no_language(const char *locale)
{
	return strcmp(locale, "POSIX") == 0 || strcmp(locale, "C") == 0 ||
	       strncmp(locale, "C.", 2) == 0;
}

/*
 * The language the environment names, or NULL: the locale (the first of
 * LC_ALL, LC_MESSAGES and LANG set and not empty), unless it names none
 * (no_language()); then, as gettext does, LANGUAGE's first entry when it
 * is set and the locale is not plain C or POSIX (LC_ALL=C.UTF-8
 * LANGUAGE=en asks English).
 */
static const char *
env_named(void)
{
	const char *vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
	const char *v = NULL;
	for (size_t i = 0; i < 3 && v == NULL; i++) {
		v = getenv(vars[i]);
		if (v != NULL && *v == '\0')
			v = NULL;
	}
	if (v == NULL || strcmp(v, "C") == 0 || strcmp(v, "POSIX") == 0)
		return NULL;
	const char *language = getenv("LANGUAGE");
	if (language != NULL && *language != '\0' && *language != ':')
		return language;
	return no_language(v) ? NULL : v;
}

bool
msgcat_env_names_lang(void)
{
	return env_named() != NULL;
}

const char *
msgcat_lang(const char *site_lang)
{
	const char *v = env_named();
	if (v != NULL)
		return strncmp(v, "fr", 2) == 0 ? "fr" : "en";
	return site_lang != NULL && strncmp(site_lang, "fr", 2) == 0 ? "fr"
	                                                             : "en";
}

const char *
msgcat_env_lang(void)
{
	return msgcat_lang(NULL);
}

const char *
msgcat_colon(const char *lang)
{
	bool fr = lang == NULL || *lang == '\0' || strncmp(lang, "fr", 2) == 0;
	return fr ? " :" : ":";
}

bool
msgcat_plural(const char *lang, long n)
{
	bool fr = lang != NULL && strcmp(lang, "fr") == 0;
	return fr ? n > 1 || n < -1 : n != 1 && n != -1;
}

const char *
msgcat_decimal(const char *lang, char *b, unsigned n, double v, int digits)
{
	snprintf(b, n, "%.*f", digits, v);
	char *dot =
	    lang != NULL && strcmp(lang, "fr") == 0 ? strchr(b, '.') : NULL;
	if (dot != NULL)
		*dot = ',';
	return b;
}

int
msgcat_check_sorted(void)
{
	size_t n = sizeof(catalogue) / sizeof(*catalogue);
	for (size_t i = 1; i < n; i++)
		if (strcmp(catalogue[i - 1].en, catalogue[i].en) >= 0)
			return (int)i;
	return 0;
}

/* The printf conversions of a format, in order ("%s", "%.*s", "%d"...),
 * flags and widths included, so "%d" and "%s" never trade places. */
static void
conversions(const char *fmt, char *out, size_t outsz)
{
	size_t o = 0;
	for (const char *p = fmt; *p != '\0' && o + 1 < outsz; p++) {
		if (*p != '%')
			continue;
		p++;
		if (*p == '%')
			continue;
		while (*p != '\0' && strchr("diouxXeEfgGcspn", *p) == NULL &&
		       o + 1 < outsz)
			out[o++] = *p++;
		if (*p == '\0')
			break;
		out[o++] = *p;
		if (o + 1 < outsz)
			out[o++] = ' ';
	}
	out[o] = '\0';
}

int
msgcat_check_formats(void)
{
	size_t n = sizeof(catalogue) / sizeof(*catalogue);
	for (size_t i = 0; i < n; i++) {
		char a[256], b[256];
		conversions(catalogue[i].en, a, sizeof(a));
		conversions(catalogue[i].fr, b, sizeof(b));
		if (strcmp(a, b) != 0)
			return (int)i + 1;
	}
	return 0;
}
