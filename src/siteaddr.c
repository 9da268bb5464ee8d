#include "siteaddr.h"

#include <stdbool.h>
#include <string.h>

#include <git2.h>

#include "siteyaml.h"
#include "urlbase.h"

const char *
siteaddr_trim(arena *a, const char *url)
{
	size_t n = url != NULL ? strlen(url) : 0;
	while (n > 0 && url[n - 1] == '/')
		n--;
	return arena_strndup(a, url != NULL ? url : "", n);
}

/* A scalar of site.yaml as text ("37299" written with or without
 * quotes), NULL when absent. */
static const char *
scalar(arena *a, const value *v)
{
	if (value_kind_of(v) == VALUE_NUMBER)
		return arena_printf(a, "%.0f", value_get_number(v));
	return value_get_string(v);
}

static bool
same(const char *x, const char *y)
{
	return (x == NULL && y == NULL) ||
	       (x != NULL && y != NULL && strcmp(x, y) == 0);
}

/* Is doc a site.yaml of the commune config names (its name and INSEE
 * code)?  Another commune's is the one this site was copied from. */
static bool
same_commune(arena *a, const value *doc, const value *config)
{
	const value *m = value_get(doc, "commune"),
	            *c = value_get(config, "commune");
	return same(scalar(a, value_get(m, "nom")),
	            scalar(a, value_get(c, "nom"))) &&
	       same(scalar(a, value_get(m, "insee")),
	            scalar(a, value_get(c, "insee")));
}

/* The site.yaml of blob hex, parsed into a; NULL when it cannot be read
 * or is not YAML (an old commit's mistake, no concern of this build). */
static const value *
version(struct git_repository *repo, const char *hex, arena *a)
{
	git_oid id;
	git_blob *blob = NULL;
	if (git_oid_fromstr(&id, hex) < 0 ||
	    git_blob_lookup(&blob, repo, &id) < 0) {
		git_error_clear();
		return NULL;
	}
	/* a copy ending with a NUL, as the parser's other texts do */
	size_t len = (size_t)git_blob_rawsize(blob);
	const char *text = arena_strndup(a, git_blob_rawcontent(blob), len);
	git_blob_free(blob);
	siteyaml sy;
	siteyaml_parse(a, "site.yaml", text, len, &sy);
	return sy.status == SITEYAML_OK ? sy.doc : NULL;
}

/* Could residents have met the site at u?  Not at a name kept for
 * examples, which no one can own (init's https://journee-citoyenne.example):
 * a site started with it and given its real address later is known by the
 * real one, and two communes that both started so do not share their
 * events' UIDs (outside tester 29 F1).  This computer and a private
 * network are addresses a site can be served at (a preview the town
 * hall's staff subscribed to): they count. */
static bool
was_published(const char *u)
{
	return !urlbase_is_example(u);
}

/* Walks the versions the newest first while they name the same commune:
 * the last url met that residents could have met is the first one.  The
 * previous one is the newest version's url when it differs from the built
 * one (site.yaml changed and not committed yet), else the url of the
 * version after it, when it differs (the last change to site.yaml changed
 * the url). */
void
siteaddr_find(struct git_repository *repo, const history_file *hf,
              const value *config, arena *a, siteaddr *out)
{
	const char *url =
	    siteaddr_trim(a, value_get_string(value_get(config, "url")));
	*out = (siteaddr){.first = url};
	size_t met = 0;
	for (size_t i = 0; repo != NULL && hf != NULL && i < hf->nversions;
	     i++) {
		const value *doc = version(repo, hf->versions[i], a);
		if (doc == NULL)
			continue;
		if (!same_commune(a, doc, config))
			break;
		const char *u = value_get_string(value_get(doc, "url"));
		if (u == NULL || !was_published(u))
			continue;
		out->first = siteaddr_trim(a, u);
		if (out->former == NULL && strcmp(out->first, url) != 0)
			out->former = out->first;
		if (++met <= 2 && out->previous == NULL &&
		    strcmp(out->first, url) != 0)
			out->previous = out->first;
	}
	const char *pin =
	    value_get_string(value_get(config, "url_identifiants"));
	if (pin != NULL)
		out->first = siteaddr_trim(a, pin);
	const char *forms = scalar(a, value_get(config, "identifiants"));
	out->forms_2026_11 =
	    forms != NULL && strcmp(forms, SITEADDR_FORMS_2026_11) == 0;
}
