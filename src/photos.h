/*
 * photos.h - the site's photo stage: which photos each page shows, run through
 * the codec layer (imgcodec.h).
 *
 * Before the pages are rendered, every photo a page shows (recap photos,
 * image fields) is made into resized, metadata-free WebP and JPEG
 * variants, and the views that show it get what templates need: url (the
 * largest JPEG), miniature (the smallest), largeur, hauteur, webp_srcset,
 * jpeg_srcset.  After the pages, photos that Markdown links to are
 * published whole, re-encoded without metadata.  Widths and qualities
 * come from the theme's theme.yaml (images: {largeurs, qualite}).
 */
#ifndef FABRIQUE_PHOTOS_H
#define FABRIQUE_PHOTOS_H

#include <stdbool.h>

#include "diag.h"
#include "output.h"
#include "site.h"
#include "source.h"
#include "theme.h"

typedef struct photos_opts {
	const char *cache_dir; /* NULL: .fabrique-cache/images */
	int jobs;              /* 0: one per core */
	bool quiet, verbose;
} photos_opts;

/* Photos the pages show; o may be NULL (check: cache only).  Returns 0,
 * or -1 if any photo failed (each failure was reported). */
int photos_prepare(site *s, source *src, const theme *th, output *o,
                   const photos_opts *po, diag *d);

/* Photos found in Markdown while rendering. */
int photos_linked(site *s, source *src, const theme *th, output *o,
                  const photos_opts *po, diag *d);

#endif
