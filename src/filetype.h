/*
 * filetype.h - which files linked from the content may be published as
 * they are.
 *
 * A file published on the commune's own site is served from its origin:
 * an HTML page, a script or an SVG drawing with a <script> linked from a
 * Markdown page would run with the site's rights (stored XSS), bypassing
 * "raw HTML is off".  So linked files are published by an allow-list of
 * passive types (PDF, office documents, text, CSV, audio, video,
 * archives), decided on the content as well as on the name: the name's
 * extension must be on the list (web servers pick the served type from
 * it) and the bytes must be what that extension says.  SVG drawings are
 * accepted only when they hold nothing active: no script, no event
 * attribute, no external reference, no <foreignObject>, no entity.
 * Photos never come here: they go through the photo pipeline.
 */
#ifndef FABRIQUE_FILETYPE_H
#define FABRIQUE_FILETYPE_H

#include <stdbool.h>
#include <stddef.h>

typedef enum {
	FT_PASSIVE,    /* on the allow-list, content as named */
	FT_SVG_OK,     /* an SVG drawing holding nothing active */
	FT_ACTIVE,     /* a type not on the list (HTML, script, unknown) */
	FT_MISMATCH,   /* the name says one passive type, the bytes another */
	FT_SVG_UNSAFE, /* an SVG drawing holding something active */
} ft_kind;

typedef struct ft_verdict {
	ft_kind kind;
	/* FT_ACTIVE: the type ("HTML", "JavaScript", ".exe", "" when the
	 * name has no extension); FT_MISMATCH: the type the name says. */
	const char *type;
	/* FT_SVG_UNSAFE: what was found ("<script>", "onload=",
	 * "href=\"http://…\"" shortened) and its line in the drawing. */
	char found[64];
	unsigned line;
} ft_verdict;

/* What a resident is told a file is, beside a link to it (« vidéo MP4 »):
 * the type, and for some the kind of thing it holds. */
typedef enum {
	FT_GENRE_NONE,    /* the type says it (PDF, Word, CSV) */
	FT_GENRE_TEXT,    /* plain text: the kind alone says it */
	FT_GENRE_AUDIO,   /* audio MP3 */
	FT_GENRE_VIDEO,   /* vidéo MP4 */
	FT_GENRE_ARCHIVE, /* archive ZIP */
} ft_genre;

/* By name alone (its extension, any case), for a published file: *type
 * is the list's name of it ("MP4", "Word"; NULL for a name off the list). */
ft_genre filetype_genre(const char *name, const char **type);

/* Decides on name (its extension) and its bytes. */
ft_verdict filetype_check(const char *name, const char *data, size_t len);

/*
 * A git LFS pointer (a few lines of text under 1024 bytes, starting
 * "version https://git-lfs.github.com/spec/") stands in a repository for
 * a file git LFS keeps elsewhere: what fabrique reads from git is then
 * not the photo or document (outside tester 20 F3).  FILETYPE_LFS_MAX
 * lets a caller skip any bigger file without reading it.
 */
#define FILETYPE_LFS_MAX 1024
bool filetype_is_lfs_pointer(const char *data, size_t len);

/*
 * The proportions of an SVG drawing: its root <svg>'s viewBox (its
 * width and height), else its width and height attributes when both are
 * plain numbers (no unit or px), scaled so that *w and *h are whole and
 * at most 100000.  False when it says neither (a drawing that fills
 * whatever box it is given).
 */
bool filetype_svg_size(const char *data, size_t len, long *w, long *h);

/* A theme's asset other than a stylesheet, a script or a drawing (a
 * font, a picture under assets/): its bytes must be what its name says,
 * as a linked file's (FT_MISMATCH otherwise); a name of no such type is
 * decided by filetype_check(). */
ft_verdict filetype_check_asset(const char *name, const char *data, size_t len);

/*
 * Sizes from which a published file is said to be heavy (decimal, as a
 * link says it: "10 Mo"): a note, then a warning, which --strict (the
 * pre-receive hook) refuses.  For a file linked from the content
 * (render.c) and a theme's asset (theme.c): GitHub warns at 50 MB, and
 * every clone keeps every version of it for ever.
 */
#define FILETYPE_HEAVY (10ull * 1000 * 1000)
#define FILETYPE_TOO_HEAVY (50ull * 1000 * 1000)

/* Whether the data: address v (NUL-terminated) is a raster picture
 * (PNG, JPEG, GIF, WebP), which runs nothing wherever it is shown;
 * another SVG, an HTML document can run script. */
bool filetype_inert_data_uri(const char *v);

/* The list of accepted types, for messages. */
#define FT_ACCEPTED                                                            \
	"PDF, office documents, text, CSV, audio, video, archives, photos "    \
	"or SVG drawings without script"

#endif
