/*
 * markdown.h - Markdown to HTML with cmark-gfm, safe and French.
 *
 * CommonMark plus GitHub's extensions editors expect: tables, bare web
 * and e-mail addresses made links, ~~strikethrough~~ (two tildes only:
 * "~30" is an approximation), task lists "- [ ]" and footnotes "[^1]".
 * Safe by default: raw HTML is dropped and links or images whose
 * destination uses a dangerous scheme (javascript:, vbscript:, file:,
 * data:) lose it, unless the site opts in (markdown_opts.unsafe); raw HTML
 * dropped is a warning at its place, a script's or style's inline code
 * going with it.  An image from another site (http:, https:, ftp:,
 * "//host") is an error in both modes: the page would make every visitor's
 * browser call a third party.  Smart
 * punctuation is on, and French typography (markdown_opts.french) adds the
 * no-break spaces French wants before ; : ! ? and inside « », and turns
 * "quotes" into « guillemets ».  Headings get stable, unique ids made from
 * their text.  Relative link destinations are handed to a resolver so the
 * site can rewrite links to other Markdown files into page URLs and copy
 * linked files.  French phone numbers become tel: links (phonelink.h).
 */
#ifndef FABRIQUE_MARKDOWN_H
#define FABRIQUE_MARKDOWN_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "value.h"

/*
 * Called for each link or image destination that is a path of the site:
 * no scheme, not starting with '?' or '//' (one starting with '/' is from
 * the site's root); for each link (not image) to an http(s) address,
 * which may be the site's own or a preview's; and for each "#fragment"
 * of the page itself
 * ("#horaires", whose heading the resolver may check; returning it keeps
 * it).  dest is as written (may carry a "#fragment" or "?query").
 * line/col locate the destination in the source file.  Returns the
 * destination to use (arena or static memory), or NULL after reporting an
 * error to d (the link is then left as is).  For a link (not an image) to
 * a file, the answer may be the destination, a line end, then what the
 * file is in words ("vidéo MP4, 80 Mo"): the link's text is followed by
 * <span class="fichier">(vidéo MP4, 80 Mo)</span> inside the link, unless
 * it gives a size already (an image's: markdown_picture_dest()).
 */
typedef const char *(*markdown_resolve_fn)(void *ctx, const char *dest,
                                           bool is_image, unsigned line,
                                           unsigned col);

/*
 * A contact detail the content model knows: an e-mail address, or a phone
 * number written as schema_form_phone() does ("02 61 91 00 00", "+33 2 61
 * 91 00 00").  A private one is never published by the text: it is not
 * made a link, and is replaced by "(adresse non publiée)" or "(numéro non
 * publié)", with a warning at its place.  A published one is a number or
 * an address the text may give without a question (check_contacts).
 */
typedef struct markdown_contact {
	const char *value;
	const char *where; /* the file that keeps it private, for messages */
	bool published;
} markdown_contact;

typedef struct markdown_opts {
	bool unsafe;         /* keep raw HTML and every scheme */
	bool french;         /* French typography */
	const char *file;    /* path shown in diagnostics */
	unsigned first_line; /* file line of the text's first line (1-based) */
	markdown_resolve_fn resolve; /* may be NULL: links kept as written */
	void *resolve_ctx;
	/*
	 * The page shows its title as <h1>: body headings start at <h2>
	 * ("#" is moved one level down, with every level below it) and a
	 * skipped level is a warning (an error under --strict).
	 */
	bool page_title;
	/* If non-NULL, receives one map per heading: {level, id, texte},
	 * level as rendered. */
	value *toc;
	/* If non-NULL, gets markdown_plain_text()'s text too, from the same
	 * parse (the render workers need both: one parse per page, not two). */
	buf *plain;
	const markdown_contact *contacts; /* ncontacts of them, may be NULL */
	size_t ncontacts;
	/*
	 * A phone number or an e-mail address in the text that is none of
	 * the published contacts is a warning: it may be a private
	 * person's (a witness's, a neighbour's), and it will be published.
	 */
	bool check_contacts;
} markdown_opts;

/*
 * A photo of the site made into variants (photos.h), as the resolver may
 * hand it back for an image instead of a bare URL (markdown_picture_dest):
 * the image is then published as a <picture> with its WebP and JPEG
 * widths for the column's width (sizes), the size of its largest variant
 * (the page does not jump as it loads) and loaded when scrolled near,
 * except a first image at the top of the text (what a phone shows at once).
 * Being the resolver's answer, it is what the render cache compares: a
 * photo replaced by one of another size renders its pages again.
 */
typedef struct markdown_picture {
	const char *src; /* the largest JPEG's URL */
	const char *webp_srcset, *jpeg_srcset;
	const char *sizes; /* the text column's width ("100vw") */
	int width, height; /* the largest variant's */
} markdown_picture;

/* p as a resolver's answer (in a).  Its URLs must hold no line end (they
 * are percent-encoded). */
const char *markdown_picture_dest(arena *a, const markdown_picture *p);

/*
 * Calls found(ctx, dest) for each image of text whose destination
 * markdown_render() would hand to the resolver as a path of the site or
 * an http(s) address (the site's own address names one of its photos)
 * (outermost images only: a nested one is its outer one's description),
 * in the order of the text: the photos the site makes variants of before
 * its pages are rendered.  A text holding no "![" is not parsed.
 */
typedef void (*markdown_image_fn)(void *ctx, const char *dest);
void markdown_images(const char *text, size_t len, markdown_image_fn found,
                     void *ctx);

/*
 * A front-matter field's text s, published as written: appended to out
 * with the private contacts of o masked as in a body, and (with
 * o->check_contacts and d) each phone number or e-mail address that is
 * no published contact asked about, the messages at o->file:line:col.
 * Returns true if a contact was masked.
 */
bool markdown_field(const char *s, const markdown_opts *o, unsigned line,
                    unsigned col, buf *out, diag *d);

/*
 * Renders text to HTML, appended to out.  Strings handed out (toc) are
 * allocated in a.  Returns 0, or -1 if an error was reported.  text is
 * expected in UTF-8: a page that is not is refused whole when it is
 * loaded (textenc.h); a bad byte is still rendered as cmark does, as
 * U+FFFD, without a message.
 */
int markdown_render(const char *text, size_t len, const markdown_opts *o,
                    arena *a, buf *out, diag *d);

/* The error for an image loaded from another site (url), at file:line:col:
 * the one message, whether the renderer or a resolver (which knows the
 * site's own address) finds it. */
void markdown_remote_image_error(diag *d, const char *file, unsigned line,
                                 unsigned col, const char *url);

/* Plain text of the Markdown (no markup), for summaries, feeds, search;
 * o (may be NULL) gives the private contacts to leave out and the
 * language. */
void markdown_plain_text(const char *text, size_t len, const markdown_opts *o,
                         buf *out);

#endif
