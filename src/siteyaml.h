/*
 * siteyaml.h - site.yaml, read and parsed once per command.
 *
 * A few of its fields are needed before the content model is known: the
 * theme (which holds the model), the language (of the messages, when the
 * environment names none) and the time zone (a release's name).  They are
 * read here, from the one parse every later stage reuses: the site model
 * applies the theme's schema to the same tree (site_load()).
 *
 * The parse is quiet: the messages' language may depend on it.  A
 * site.yaml that is not valid YAML, or valid but with warnings (a value
 * cut by a '#'), is parsed again by siteyaml_report(), once the language
 * is set, to say what is wrong.
 */
#ifndef FABRIQUE_SITEYAML_H
#define FABRIQUE_SITEYAML_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "diag.h"
#include "source.h"
#include "value.h"

typedef enum {
	SITEYAML_OK,      /* read and parsed: doc is its tree */
	SITEYAML_ABSENT,  /* no site.yaml in the site folder */
	SITEYAML_INVALID, /* not valid YAML: siteyaml_report() says why */
} siteyaml_status;

typedef struct {
	siteyaml_status status;
	/* In the source's tree: "site.yaml", "content/site.yaml". */
	const char *path;
	value *doc;  /* SITEYAML_OK only; its positions name path */
	bool warned; /* the parse had warnings: siteyaml_report() says them */
} siteyaml;

/* Reads and parses the site folder's site.yaml into a (the tree lives as
 * long as a); never reports. */
void siteyaml_read(source *src, arena *a, siteyaml *out);

/* The same from a text already at hand (a blob of a pushed commit). */
void siteyaml_parse(arena *a, const char *path, const char *text, size_t len,
                    siteyaml *out);

/* A top-level string field ("theme", "langue", "fuseau"), NULL when
 * absent, empty or not a string; *at (if not NULL) is where it is. */
const char *siteyaml_string(const siteyaml *sy, const char *key,
                            const value **at);

/* What a site.yaml that does not say is taken to say. */
#define SITEYAML_THEME "commune"
#define SITEYAML_LANG "fr"
/* The address fabrique init writes when it is given none: reserved for
 * examples (RFC 2606), it reaches no site (placeholder_check_site()). */
#define SITEYAML_URL_STARTER "https://journee-citoyenne.example"

/* The site's language: its langue, else SITEYAML_LANG when there is a
 * site.yaml at all (one that is not YAML included: the messages saying
 * so are in the language a site has by default); NULL without one. */
const char *siteyaml_lang(const siteyaml *sy);

/*
 * « de » and the commune's name, as French joins them: « du Mans » (de +
 * Le), « des Herbiers » (de + Les), « d’Angers », « d’Évreux » (a
 * vowel), « de La Rochelle », « de L’Haÿ-les-Roses », « de Brissac ».
 * A name starting with h keeps « de »: whether the h is mute (« d’Hyères »)
 * is no rule of spelling, and site.yaml's commune.de says it for the
 * names this gets wrong (the site model prefers it: site.commune.de_nom).
 * The one place the phrase is made, for the templates and for the pages
 * fabrique init writes.  In a.
 */
const char *siteyaml_de_commune(arena *a, const char *nom);

/* Reports a SITEYAML_INVALID file's errors, or a valid one's warnings,
 * to d (parsing it again). */
void siteyaml_report(const siteyaml *sy, source *src, arena *a, diag *d);

#endif
