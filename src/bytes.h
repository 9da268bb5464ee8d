/*
 * bytes.h - byte-level helpers: little-endian integers in binary files
 * (the photo cache's header, the WebP container) and hexadecimal digits
 * (percent-encoding, CSS colours), a number of bytes in words, and a
 * search ASCII case aside.  One
 * home, so that no module keeps its own copy.
 */
#ifndef FABRIQUE_BYTES_H
#define FABRIQUE_BYTES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Writes V at P as 4 or 8 bytes, least significant first. */
void bytes_put_le32(unsigned char *p, uint32_t v);
void bytes_put_le64(unsigned char *p, uint64_t v);

/* The N-byte (1 to 8) little-endian unsigned integer at P. */
uint64_t bytes_get_le(const unsigned char *p, int n);

/* The value of the hexadecimal digit C (either case), or -1. */
int bytes_hexval(char c);

/* "12.3 MB" or, in French, "12,3 Mo" (decimal units, as disks and
 * phone plans count), sep between the number and the unit (" ", or a
 * no-break space in a page).  Returns b, n bytes. */
const char *bytes_size_text(char *b, size_t n, unsigned long long bytes,
                            bool fr, const char *sep);

/* The first needle in p[0..end), ASCII case aside, or NULL: markup
 * scanned for what it holds (SVG drawings, a site's theme files) is
 * not NUL-terminated and may write <SCRIPT> or @IMPORT. */
const char *bytes_find_ci(const char *p, const char *end, const char *needle);

#endif
