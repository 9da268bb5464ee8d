/*
 * phonelink.h - French phone numbers in Markdown text become tel: links.
 *
 * Editors write "Appelez le 03 84 12 34 56" in a page; on a phone,
 * residents expect to tap it, as they can on the home page's numbers.
 * Numbers in the usual French shapes (03 84 12 34 56, 03.84.12.34.56,
 * 03-84-12-34-56, 0384123456, +33 3 84 12 34 56, +33 (0)3 84…) found in
 * the text of a parsed document are wrapped in a link to
 * tel:+33384123456, the text kept as written.  Never inside a link, an
 * image's description or code.  A number the content model keeps private
 * (a referent's without public: oui) is already gone from the text when
 * this pass runs (markdown_gfm_private).
 */
#ifndef FABRIQUE_PHONELINK_H
#define FABRIQUE_PHONELINK_H

#include <cmark-gfm.h>
#include <stddef.h>

/*
 * Length in bytes of the French phone number starting at s (at most len
 * bytes), 0 if none starts there.  digits gets the national number
 * ("0384123456", 11 bytes with the NUL).  Separators: one space,
 * no-break space, '.' or '-' between digits.  The caller checks what
 * comes before s (a number does not start inside a word or a number).
 */
size_t phonelink_match(const char *s, size_t len, char digits[11]);

/*
 * The first number of the text s (len bytes, NUL-terminated) at or after
 * from that the text pass links (not inside a word or a number): its
 * length, its start in *at and its national number in digits; 0 if none.
 */
size_t phonelink_next(const char *s, size_t len, size_t from, size_t *at,
                      char digits[11]);

/* Room for any tel: URL phonelink_url writes (longer input is cut). */
#define PHONELINK_URL_MAX 40

/*
 * The tel: URL of a number as an editor wrote it in a field (a contact's
 * tel): the international form for a French number, so that it works
 * from any phone; otherwise its '+' and digits, a leading national 0
 * read as France's.  One home for tel: URLs, in fields and in text.
 */
void phonelink_url(const char *tel, char url[PHONELINK_URL_MAX]);

/* Wraps the numbers of doc's text nodes in tel: links, nodes made
 * with mem, the allocator doc was parsed with (cmark links no node of
 * one allocator under another's). */
void phonelink_pass(cmark_node *doc, cmark_mem *mem);

#endif
