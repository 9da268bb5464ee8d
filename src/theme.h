/*
 * theme.h - a theme: templates, assets, UI strings, content schema.
 *
 * A theme is looked up in layers, first match wins for each file:
 *   1. SITE/theme/            overrides of single files, in the site's tree
 *   2. <tree root>/themes/NAME/   a theme committed beside the site (or a
 *      git submodule there: its commit, read by submodule.h)
 *   3. $FABRIQUE_THEMES/NAME/, then the installed DATADIR/themes/NAME/
 * so the same commit always builds with the same theme when the theme is
 * committed, and a commune that keeps only content/ gets the installed
 * one.  Templates (templates/x.mustache, named "x") are compiled once.
 * Assets (assets/...) are published under fingerprinted names
 * (style.3f2a9c1e.css, from the blob id) so they can be cached forever;
 * templates reach them through theme_asset_urls().
 */
#ifndef FABRIQUE_THEME_H
#define FABRIQUE_THEME_H

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "mustache.h"
#include "output.h"
#include "siteyaml.h"
#include "source.h"
#include "value.h"

typedef struct theme theme;

/* NULL after reporting errors (theme not found, template errors). */
theme *theme_open(source *site_src, const char *name, const char *lang,
                  arena *a, diag *d);
void theme_free(theme *t);

const mustache_set *theme_templates(const theme *t);
/* i18n/LANG.yaml, theme.yaml and schema.yaml as value trees (empty maps
 * when absent). */
const value *theme_i18n(const theme *t);
const value *theme_config(const theme *t);
const value *theme_schema_doc(const theme *t);
/* The string at a dotted path ("libelles.lieu") of a theme's strings
 * (theme_i18n(), merged over the layers), or fallback when no layer
 * defines it.  Pages, generated pages and e-mails all read theme
 * strings through this. */
const char *theme_text(const value *strings, const char *path,
                       const char *fallback);
/* The theme of the site whose site.yaml is in src (theme and langue
 * fields; "commune" and "fr" by default). */
theme *theme_open_site(source *site_src, arena *a, diag *d);
/* The same theme with its layers and files listed (theme_fingerprint(),
 * theme_disk_dir()) but its strings, configuration, schema and templates
 * not yet read: a build with nothing to do never needs them (a tenth of
 * its instructions; their warnings are in the previous build's record).
 * theme_complete() reads them before anything else is asked; it returns
 * -1 after reporting errors, the theme then freed (theme_free()).
 * sy: site.yaml as the command read it, or NULL to read it here. */
theme *theme_open_site_lazy(source *site_src, const siteyaml *sy, arena *a,
                            diag *d);
int theme_complete(theme *t, diag *d);
/*
 * Warns at each {{site.x.y}} of the site's own templates (SITE/theme/)
 * naming nothing: not in the site's view (site_view), not a field of the
 * model (sc, kind site: an optional field this site leaves out is
 * silent), not one the view has for some sites only (sometimes,
 * NULL-terminated: site_view_sometimes()), not used by the theme's own
 * templates.  Such a name prints
 * nothing, silently (outside tester 20 F5); the warning says the name
 * most likely meant.  After theme_complete(), before rendering.
 */
struct schema;
void theme_check_site_names(const theme *t, const value *site_view,
                            const struct schema *sc,
                            const char *const *sometimes, diag *d);
/*
 * The same for each {{page.x.y}} of the site's own templates, against
 * every page's view (views, nviews: a name some kinds or some pages only
 * have is right), the model's fields of the pages' kinds (kinds) and
 * the names of the theme's own templates.  theme_has_page_names(): are
 * there any to check (the views need not be gathered otherwise).
 */
bool theme_has_page_names(const theme *t);
void theme_check_page_names(const theme *t, const value *const *views,
                            size_t nviews, const struct schema *sc,
                            const char *const *kinds, size_t nkinds, diag *d);
/*
 * Reports, as errors at their line:col, what the theme files in the
 * site's repository (SITE/theme/, and a theme committed as themes/NAME/
 * or a submodule there: stylesheets, templates, scripts, drawings) hold
 * against the site's promises: a request to another site, and script
 * unless scripts_ok (site.yaml's markdown.html_brut) (themescan.h).
 * Whoever can commit writes them all.  What a site's copy of one of the
 * theme's templates keeps word for word (the service worker's
 * registration) is the theme's; what a committed theme keeps word for
 * word of the installed theme of its name (else commune) is the
 * installed theme's.  A theme outside the repository ($FABRIQUE_THEMES,
 * the installed one) is the administrator's, not checked.  After
 * theme_complete().
 */
void theme_check_site_files(theme *t, bool scripts_ok, diag *d);
/* Any other file of the theme (rel: "programme.schema.json"), read
 * into the theme's arena; NULL if the theme has none. */
const char *theme_file(theme *t, const char *rel, size_t *len);
/* archetypes/KIND.md (or .yaml, then *ext says which), or NULL. */
const char *theme_archetype(theme *t, const char *kind, arena *a,
                            const char **ext);

/*
 * Map from asset key to published URL path: "css/style.css" is reachable
 * as {{assets.css_style_css}} -> "/assets/css/style.3f2a9c1e.css"
 * (non-alphanumerics become '_' since Mustache names cannot hold dots).
 */
const value *theme_asset_urls(const theme *t);
/* Published path of one asset by its path under assets/, or NULL. */
const char *theme_asset_url(const theme *t, const char *path);
/* Copies every asset into the output.  Reads sources: main thread only. */
int theme_write_assets(theme *t, output *o, diag *d);
/* Appends one line per theme file (its blob id and path): what an
 * incremental build compares to know whether the theme changed. */
void theme_fingerprint(const theme *t, buf *out);
/* Description for messages: where the theme was found. */
const char *theme_origin(const theme *t);
/* The theme's folder outside the site's repository ($FABRIQUE_THEMES,
 * beside the program, installed), when it is one: fabrique serve
 * watches it.  NULL for a theme committed with the site. */
const char *theme_disk_dir(const theme *t);

#endif
