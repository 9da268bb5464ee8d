/*
 * siteyaml.c - site.yaml, read and parsed once per command (siteyaml.h).
 */
#include "siteyaml.h"

#include <stdlib.h>
#include <string.h>

#include "utf8.h"
#include "yamldoc.h"

void
siteyaml_parse(arena *a, const char *path, const char *text, size_t len,
               siteyaml *out)
{
	/* English: the messages are dropped, siteyaml_report() makes them */
	diag *quiet = diag_new("en");
	out->path = arena_strdup(a, path);
	out->doc = yamldoc_load(a, out->path, text, len, 1, quiet);
	out->status = out->doc != NULL ? SITEYAML_OK : SITEYAML_INVALID;
	out->warned = diag_count(quiet, DIAG_WARNING) > 0;
	diag_free(quiet);
}

void
siteyaml_read(source *src, arena *a, siteyaml *out)
{
	const char *root = source_site_path(src);
	const char *path =
	    *root ? arena_printf(a, "%s/site.yaml", root) : "site.yaml";
	char *text;
	size_t len;
	if (source_read(src, path, &text, &len) != 0) {
		*out = (siteyaml){SITEYAML_ABSENT, path, NULL, false};
		return;
	}
	siteyaml_parse(a, path, text, len, out);
	free(text);
}

const char *
siteyaml_string(const siteyaml *sy, const char *key, const value **at)
{
	const value *v = sy->doc != NULL ? value_get(sy->doc, key) : NULL;
	const char *s = value_get_string(v);
	if (at != NULL)
		*at = v;
	return s != NULL && *s != '\0' ? s : NULL;
}

const char *
siteyaml_lang(const siteyaml *sy)
{
	if (sy->status == SITEYAML_ABSENT)
		return NULL;
	const char *l = siteyaml_string(sy, "langue", NULL);
	return l != NULL ? l : SITEYAML_LANG;
}

void
siteyaml_report(const siteyaml *sy, source *src, arena *a, diag *d)
{
	char *text;
	size_t len;
	if ((sy->status != SITEYAML_INVALID && !sy->warned) ||
	    source_read(src, sy->path, &text, &len) != 0)
		return;
	(void)yamldoc_load(a, sy->path, text, len, 1, d);
	free(text);
}

/* A vowel, accented or not, in either case (and Œ, Ÿ): the sound that
 * elides « de » to « d’ ». */
static bool
starts_with_vowel(const char *s)
{
	uint32_t cp;
	if (utf8_decode(s, strlen(s), &cp) == 0)
		return false;
	if (cp < 0x80)
		return cp != 0 && strchr("AEIOUYaeiouy", (int)cp) != NULL;
	if (cp == 0x152 || cp == 0x153 || cp == 0x178)
		return true;
	if (cp < 0xC0 || cp > 0xFF || cp == 0xD7 || cp == 0xF7)
		return false;
	/* Latin-1's letters: À-Å, È-Ï, Ò-Ö, Ø-Ü, Ý and their small forms */
	uint32_t c = cp & ~0x20u;
	return (c >= 0xC0 && c <= 0xC6) || (c >= 0xC8 && c <= 0xCF) ||
	       (c >= 0xD2 && c <= 0xD6) || (c >= 0xD8 && c <= 0xDD);
}

const char *
siteyaml_de_commune(arena *a, const char *nom)
{
	if (nom == NULL)
		return NULL;
	if (strncmp(nom, "Les ", 4) == 0)
		return arena_printf(a, "des %s", nom + 4);
	if (strncmp(nom, "Le ", 3) == 0)
		return arena_printf(a, "du %s", nom + 3);
	if (starts_with_vowel(nom))
		return arena_printf(a, "d’%s", nom);
	return arena_printf(a, "de %s", nom);
}
