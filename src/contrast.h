/*
 * contrast.h - WCAG 2 contrast of the commune's colours.
 *
 * A commune picks its colours in site.yaml (couleurs.principale, accent);
 * the theme draws text and links in them on its own backgrounds, which
 * theme.yaml lists.  A colour that does not reach the WCAG AA ratio for
 * text (4.5:1) against every one of those backgrounds would make the site
 * unreadable for people with low vision and break the RGAA, which binds
 * communes: the build warns and the theme uses the nearest compliant
 * shade instead (the colour darkened step by step toward black).  The
 * dark scheme gets a shade lightened toward white the same way, without
 * a warning since the commune never chose it.
 */
#ifndef FABRIQUE_CONTRAST_H
#define FABRIQUE_CONTRAST_H

#include <stdbool.h>

#include "arena.h"
#include "diag.h"
#include "value.h"

/* WCAG 2.x AA: normal text. */
#define CONTRAST_AA_TEXT 4.5

typedef struct rgb {
	unsigned char r, g, b;
} rgb;

/* "#1d5a84" (exactly '#' and six hex digits, either case). */
bool contrast_parse(const char *hex, rgb *out);
/* "#1d5a84" into out (8 bytes). */
void contrast_hex(rgb c, char out[8]);
/* WCAG relative luminance, 0 (black) to 1 (white). */
double contrast_luminance(rgb c);
/* (L1 + 0.05) / (L2 + 0.05) with L1 the lighter: 1 to 21. */
double contrast_ratio(rgb a, rgb b);
/* The lowest ratio of c against any of the n backgrounds. */
double contrast_worst(rgb c, const rgb *bgs, int n);
/*
 * c itself when it reaches min against every background, else the first
 * shade of c mixed toward `toward` (1/64 at a time) that does; `toward`
 * itself if none does.
 */
rgb contrast_fix(rgb c, const rgb *bgs, int n, double min, rgb toward);

/*
 * The colours the theme uses: {principale, accent, principale_sombre,
 * accent_sombre} as "#rrggbb".  site_colours is site.yaml's couleurs map
 * (may be NULL), theme_colours theme.yaml's: its defaults (principale,
 * accent) and backgrounds (fonds, fonds_sombres: lists of "#rrggbb").
 * Warns at the site.yaml value for each colour that had to be changed.
 */
value *contrast_site_colours(arena *a, const value *site_colours,
                             const value *theme_colours, diag *d);

#endif
