/*
 * siteyaml.c - site.yaml, read and parsed once per command (siteyaml.h).
 */
#include "siteyaml.h"

#include <stdlib.h>

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
