/*
 * textenc.c - a content file's encoding, told to its editor (textenc.h).
 */
#include "textenc.h"

#include "conflictmark.h"
#include "utf8.h"

int
textenc_check(const char *file, const char *text, size_t len,
              unsigned first_line, diag *d)
{
	unsigned line, col;
	unsigned char byte = 0;
	utf8_encoding e = utf8_encoding_of(text, len, &line, &col, &byte);
	line += first_line - 1;
	switch (e) {
	case UTF8_VALID: return 0;
	case UTF8_UTF16:
		diag_report(
		    d, DIAG_ERROR, file, line, col,
		    "this file is saved as UTF-16 ('Unicode' in "
		    "Notepad), which fabrique does not read; save it as "
		    "UTF-8: File > Save as... > Encoding: UTF-8");
		break;
	case UTF8_CP1252:
		diag_report(d, DIAG_ERROR, file, line, col,
		            "this file seems saved as Windows-1252 ('ANSI' in "
		            "Notepad): byte 0x%02X is not UTF-8; save it as "
		            "UTF-8: File > Save as... > Encoding: UTF-8",
		            (unsigned)byte);
		break;
	case UTF8_OTHER:
		diag_report(d, DIAG_ERROR, file, line, col,
		            "invalid UTF-8 byte; save the file as UTF-8");
		break;
	case UTF8_NUL:
		diag_report(
		    d, DIAG_ERROR, file, line, col,
		    "a NUL character (byte 0x00) is here, which no "
		    "text holds: remove it; if this file is no text "
		    "(an image or a document given a .md name), give it "
		    "back its own name");
		break;
	}
	return -1;
}

int
textenc_readable(const char *file, const char *text, size_t len,
                 unsigned first_line, diag *d)
{
	if (textenc_check(file, text, len, first_line, d) != 0)
		return -1;
	return conflictmark_check(file, text, len, first_line, d);
}
