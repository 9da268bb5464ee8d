/*
 * zipmeta.h - personal metadata in office documents (a ZIP package:
 * Word, Excel, PowerPoint, OpenDocument), found and removed.
 *
 * The arrêté in .docx, the sign-up sheet in .xlsx or .ods, linked from a
 * page, are published as they are; their properties name who wrote them
 * and who saved them last (OOXML's docProps/core.xml dc:creator and
 * cp:lastModifiedBy, docProps/app.xml's Company and Manager, the values
 * of docProps/custom.xml; OpenDocument's meta.xml meta:initial-creator,
 * dc:creator, meta:printed-by, meta:user-defined).  Those members are
 * compressed: they are inflated, their values removed, deflated again,
 * and the package rewritten (local headers, central directory, CRC-32,
 * sizes), every other member copied byte for byte.
 *
 * Comments and tracked changes carry their authors' names too (a .docx's
 * word/comments.xml, its w:ins and w:del; an OpenDocument's
 * office:annotation and text:changed-region; a workbook's or a
 * presentation's comment parts): those are part of the text, so they are
 * found and said, not removed.
 *
 * The package comes from an editor: anything this does not read with
 * certainty (ZIP64, an encrypted member, a method other than stored or
 * deflated, headers that disagree, members not laid end to end) leaves
 * it unchanged, said as unchecked, never read out of bounds.
 */
#ifndef FABRIQUE_ZIPMETA_H
#define FABRIQUE_ZIPMETA_H

#include <stdbool.h>
#include <stddef.h>

typedef struct zipmeta_found {
	bool office;    /* an OOXML or OpenDocument package */
	bool author;    /* names in its properties */
	bool comments;  /* comments, each with its author's name */
	bool changes;   /* tracked changes, each with its author's name */
	bool unchecked; /* an office package this could not read */
	bool too_large; /* unchecked for a part larger than it reads */
	/* its text larger than it reads: comments and tracked changes not
	 * looked for (its properties still cleaned, outside tester 24 F3) */
	bool text_unread;
} zipmeta_found;

/*
 * Looks for personal metadata in the package d[0..len).  With strip and
 * names found in its properties, *copy is a new package without them
 * (*copylen bytes; free() it); else *copy is NULL.
 */
zipmeta_found zipmeta_scan(const char *d, size_t len, bool strip, char **copy,
                           size_t *copylen);

#endif
