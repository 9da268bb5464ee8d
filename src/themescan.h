/*
 * themescan.h - what a site's own theme files (SITE/theme/, committed
 * with the content, or a theme committed as themes/NAME/ or a submodule
 * there) may hold.
 *
 * README offers theme/ for « a few CSS rules » and a template changed
 * here and there; whoever can commit writes there.  Two promises of the
 * site hold for those files too (outside tester 30 F10):
 *   - no third-party request: a stylesheet's @import or url() and a
 *     template's src, href, srcset, data, action, poster of the elements
 *     that load something (script, link, iframe, img, source, video,
 *     audio, object, embed, form…) name no other site.  A visitor's
 *     address sent to Google Fonts or a tag manager is the textbook case;
 *   - no raw script unless site.yaml says 'markdown: html_brut: true'
 *     (« dangerous »: whoever can commit can then run script): no
 *     <script>, no on…= handler, no javascript: address in a template.
 * An attribute's value is judged as a browser reads it: character
 * references decoded (java&#x73;cript:), spaces and controls around it
 * and tabs and newlines in it dropped.  A value made of Mustache tags
 * ({{url}}) cannot be judged and is left alone; the literal text after
 * leading tags that render nothing ({{! x }}https://…) and a literal
 * absolute address before a tag (https://{{x}}) are judged.  A data:
 * address that is a document (<iframe src="data:text/html,…">, object,
 * embed) is script; an <iframe srcdoc>'s document is scanned as a
 * template.  A <script> element or a tag with a handler
 * found word for word in one of the theme's own templates is the
 * theme's (the site copied the template, as docs/templates.md says), not
 * the site's.  Every finding is an error at the file's line:col.
 */
#ifndef FABRIQUE_THEMESCAN_H
#define FABRIQUE_THEMESCAN_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

typedef struct themescan {
	const char *file; /* the file's path, for messages */
	bool scripts_ok;  /* markdown.html_brut: the site's script is trusted */
	/* the theme's own templates' texts (theirs[i], theirs_len[i]) */
	const char *const *theirs;
	const size_t *theirs_len;
	size_t ntheirs;
	diag *d;
	/* Set by the scanner itself, zero for callers: an <iframe srcdoc>'s
	 * document is scanned as a template, its findings said at the
	 * srcdoc attribute (anchor, in anchor_text); depth bounds nesting. */
	const char *anchor_text, *anchor;
	int depth;
} themescan;

/* A stylesheet (a .css file under theme/assets/): @import, url(), and
 * the quoted addresses of image-set(). */
void themescan_css(const themescan *ts, const char *text, size_t len);
/* A template or partial (a .mustache file under theme/templates/): also
 * a <meta> refresh, a ping and a <base href> naming another site, which
 * send the visitor or a request there without loading a file. */
void themescan_html(const themescan *ts, const char *text, size_t len);
/* A file that is script as a whole (a .js asset, sw.mustache): refused
 * unless ts->scripts_ok or it is one of the theme's own word for word. */
void themescan_script(const themescan *ts, const char *text, size_t len);

#endif
