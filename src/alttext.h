/*
 * alttext.h - does an image's text alternative describe it (RGAA 1.2,
 * 1.3)?
 *
 * A photo published for residents carries information: a screen reader
 * reads its text alternative in its place.  A file name ("IMG_0001.JPG"),
 * a camera's number ("DSC 0042") or a word that only says there is an
 * image ("photo", "Image 3", "capture d'écran") tells nothing of what it
 * shows.  One home for that test, used by the Markdown images of a page
 * (markdown.c) and the content model's alt fields (schema, 'alternative').
 */
#ifndef FABRIQUE_ALTTEXT_H
#define FABRIQUE_ALTTEXT_H

#include <stdbool.h>

/* True when alt (UTF-8) says nothing of the image: empty or blank, a
 * file name, only words like "photo" and numbers, or the name of the
 * image's own file (file: its path as written, NULL if unknown), with or
 * without its extension, whatever the case ("vacances" for
 * vacances.jpg). */
bool alttext_says_nothing(const char *alt, const char *file);

/*
 * True when alt is the name of its own file (file: as the link writes
 * it), with or without the extension, and that name is one a device or a
 * copy gave it: a digit, '_' or '(' in it ("Photo préau 2026 (1)" for
 * "Photo préau 2026 (1).jpg").  "Plan" for plan.png is left alone: a
 * plan or a map is often named as its alt says.
 */
bool alttext_names_file(const char *alt, const char *file);

#endif
