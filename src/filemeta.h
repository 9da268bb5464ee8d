/*
 * filemeta.h - personal metadata in the files published as they are
 * (videos, PDF documents), found and blanked.
 *
 * Photos lose their GPS position and camera serial in the photo pipeline
 * (imgstrip.h); a video or a document linked from a page used to be
 * published byte for byte (outside tester 20 F19): an iPhone video holds
 * where it was filmed (the ©xyz atom of its udta box, or the QuickTime
 * key com.apple.quicktime.location.ISO6709), a PDF exported from a word
 * processor holds its author (/Author in the Info dictionary, and
 * <dc:creator> in its XMP; a video's XMP packet, in a uuid or XMP_ box,
 * may hold both, its GPS as exif:GPS… properties).  A phone's make and
 * model (©mak, ©mod, the QuickTime keys …make and …model) are blanked
 * too, but not reported: a photo loses them without a word.  This finds
 * them and can blank them where
 * they are, overwriting their text with spaces: the file keeps its size
 * and every offset (an MP4's chunk offsets, a PDF's cross-reference
 * table), so nothing else in it needs rewriting.  What is not found is
 * what is compressed, with two exceptions.  A PDF whose Info dictionary
 * is in a compressed object stream (/Type /ObjStm, PDF 1.5: Word and
 * LibreOffice write them): the stream is inflated, the name blanked,
 * and the stream deflated again into its place when that is no longer
 * (its /Length said again, the rest spaces), else the name is said as
 * kept; an XMP packet compressed or another filter is not read.  And an
 * office document (.docx, .xlsx, .odt…: zipmeta.h), whose properties are
 * removed in a rewritten copy.
 */
#ifndef FABRIQUE_FILEMETA_H
#define FABRIQUE_FILEMETA_H

#include <stdbool.h>
#include <stddef.h>

typedef struct filemeta_found {
	bool video;       /* the file is an MP4 / QuickTime movie */
	bool gps;         /* it holds a position */
	bool author;      /* an author's name, which strip removes */
	bool kept;        /* an author's name strip cannot remove */
	bool comments;    /* an office document's comments, with names */
	bool changes;     /* its tracked changes, with names */
	bool unchecked;   /* an office document that could not be read */
	bool too_large;   /* ... because a part is larger than fabrique reads */
	bool text_unread; /* its text too large to look for comments */
} filemeta_found;

/*
 * Looks for personal metadata in *data (*len bytes); with strip, removes
 * what it can: in place for a video or a PDF (same size, same offsets),
 * in a new copy for an office document (*data, which must come from
 * malloc, is then freed and replaced, *len with it).  Returns what was
 * found.
 */
filemeta_found filemeta_scan(char **data, size_t *len, bool strip);

#endif
