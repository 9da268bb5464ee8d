/*
 * overlay.c - see overlay.h.
 */
#include "overlay.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "buf.h"
#include "msgcat.h"
#include "utf8.h"

struct item {
	diag_level lvl;
	char *file, *msg;
	unsigned line, col;
};

struct overlay {
	char *root, *lang;
	struct item *items;
	size_t n, cap, errors;
};

/*
 * The page script: moves the focus into the error panel when there is
 * one and makes the page behind it inert (a keyboard would otherwise walk
 * the hidden page), Escape or its Hide button puts it away until the
 * next failing build; reloads when the server's build version differs from
 * the page's (the first event after connecting says the current one, so
 * a rebuild finished while the page loaded is not missed), keeping the
 * scroll position across the reload.
 */
const char overlay_live_js[] =
    "(function () {\n"
    "  var me = document.currentScript;\n"
    "  var version = me ? me.getAttribute('data-version') : '';\n"
    "  var key = 'fabrique-scroll:' + location.pathname;\n"
    "  var y = sessionStorage.getItem(key);\n"
    "  if (y !== null) {\n"
    "    sessionStorage.removeItem(key);\n"
    "    var go = function () { window.scrollTo(0, +y); };\n"
    "    if (document.readyState === 'complete') go();\n"
    "    else window.addEventListener('load', go);\n"
    "  }\n"
    "  var ov = document.getElementById('fabrique-erreurs');\n"
    "  if (ov) {\n"
    "    var others = [];\n"
    "    Array.prototype.forEach.call(document.body.children, function (el) {\n"
    "      if (el !== ov && !el.inert) { el.inert = true; others.push(el); }\n"
    "    });\n"
    "    var hide = function () {\n"
    "      ov.hidden = true;\n"
    "      others.forEach(function (el) { el.inert = false; });\n"
    "      document.removeEventListener('keydown', esc);\n"
    "    };\n"
    "    var esc = function (e) { if (e.key === 'Escape') hide(); };\n"
    "    document.addEventListener('keydown', esc);\n"
    "    var btn = document.getElementById('fabrique-erreurs-masquer');\n"
    "    if (btn) btn.addEventListener('click', hide);\n"
    "    ov.focus();\n"
    "  }\n"
    "  var root = me ? me.src.replace(/live\\.js([?#].*)?$/, '')\n"
    "                : '/_fabrique/';\n"
    "  var es = new EventSource(root + 'events?page=' +\n"
    "    encodeURIComponent(location.pathname));\n"
    "  es.addEventListener('build', function (e) {\n"
    "    if (e.data === version) return;\n"
    "    es.close();\n"
    "    sessionStorage.setItem(key, String(window.scrollY));\n"
    "    location.reload();\n"
    "  });\n"
    "})();\n";

/*
 * An opaque panel over the whole page, in the reader's colour scheme:
 * it was 94 % opaque, and the page's own large text (a heading, a search
 * box) showed through the error at every width.  Every colour pair is
 * above WCAG AA's 4.5:1 (5.8:1 at least; tests/browser/live.mjs
 * measures them at 320 and 1280 px, light and dark).  The panel sets
 * its own font and colours on everything inside it, so the page's
 * styles (a heading's colour, a pre's background) cannot leak in.
 */
const char overlay_css[] =
    "#fabrique-erreurs{position:fixed;inset:0;z-index:2147483647;"
    "overflow:auto;margin:0;padding:1rem;box-sizing:border-box;"
    "background:#fff;color:#1b1b1b;color-scheme:light;opacity:1;"
    "font:16px/1.5 system-ui,sans-serif;text-align:left;"
    "overflow-wrap:anywhere}\n"
    "#fabrique-erreurs *{background:transparent;color:inherit;"
    "font:inherit;margin:0;padding:0;border:0;text-shadow:none}\n"
    "@media (min-width:40rem){#fabrique-erreurs{padding:2rem}}\n"
    "#fabrique-erreurs h2{font-size:1.4rem;font-weight:bold;"
    "margin:0 0 1rem;color:#b3261e}\n"
    "#fabrique-erreurs .diag{margin:0 0 1.5rem}\n"
    "#fabrique-erreurs p{margin:0 0 .25rem}\n"
    "#fabrique-erreurs .pos{font-family:monospace;font-weight:bold}\n"
    "#fabrique-erreurs pre{background:#f2f2f2;color:#1b1b1b;"
    "padding:.75rem;margin:.5rem 0;overflow:auto;overflow-wrap:normal;"
    "white-space:pre;font:14px/1.4 monospace}\n"
    "#fabrique-erreurs .fautive{color:#6b4400;font-weight:bold}\n"
    "#fabrique-erreurs .conseil{color:#1e6b1e}\n"
    "#fabrique-erreurs[hidden]{display:none}\n"
    "#fabrique-erreurs button{border:2px solid currentColor;"
    "border-radius:4px;padding:.25rem .75rem;cursor:pointer}\n"
    "#fabrique-erreurs :focus,#fabrique-erreurs:focus{"
    "outline:3px solid currentColor;outline-offset:2px}\n"
    "@media (prefers-color-scheme:dark){"
    "#fabrique-erreurs{background:#141414;color:#fff;color-scheme:dark}"
    "#fabrique-erreurs h2{color:#ffb4a8}"
    "#fabrique-erreurs pre{background:#000;color:#eee}"
    "#fabrique-erreurs .fautive{color:#ffd75e}"
    "#fabrique-erreurs .conseil{color:#b6f0b6}}\n";

overlay *
overlay_new(const char *root, const char *lang)
{
	overlay *o = xcalloc(1, sizeof(*o));
	o->root = xstrdup(root);
	o->lang = xstrdup(lang);
	return o;
}

void
overlay_free(overlay *o)
{
	if (o == NULL)
		return;
	for (size_t i = 0; i < o->n; i++) {
		free(o->items[i].file);
		free(o->items[i].msg);
	}
	free(o->items);
	free(o->root);
	free(o->lang);
	free(o);
}

void
overlay_collect(void *ctx, diag_level lvl, const char *file, unsigned line,
                unsigned col, const char *msg)
{
	overlay *o = ctx;
	if (lvl == DIAG_NOTE)
		return;
	if (o->n == o->cap) {
		o->cap = o->cap ? o->cap * 2 : 8;
		o->items = xrealloc(o->items, o->cap * sizeof(*o->items));
	}
	o->items[o->n++] = (struct item){lvl, file ? xstrdup(file) : NULL,
	                                 xstrdup(msg), line, col};
	o->errors += lvl == DIAG_ERROR;
}

size_t
overlay_errors(const overlay *o)
{
	return o->errors;
}

static void
html(buf *b, const char *s)
{
	buf_put_html(b, s, strlen(s));
}

/* Lines line-2 .. line+1 of the file, numbered, the faulty one marked and
 * a caret under its column (counted in characters, as diagnostics are). */
static void
excerpt(buf *b, const overlay *o, const struct item *it)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s", o->root, it->file);
	FILE *f = fopen(path, "r");
	if (f == NULL)
		return;
	/* focusable, so the keyboard scrolls a long line sideways; named,
	 * as a focusable region must be */
	const char *lab =
	    msgcat_lookup(o->lang, "Lines of %s around the error");
	const char *at = strstr(lab, "%s");
	buf_puts(b, "<pre tabindex=\"0\" aria-label=\"");
	buf_put_html(b, lab, at ? (size_t)(at - lab) : strlen(lab));
	if (at != NULL) {
		html(b, it->file);
		html(b, at + 2);
	}
	buf_puts(b, "\">");
	char line[1024];
	unsigned n = 0;
	while (fgets(line, sizeof(line), f) != NULL && n <= it->line + 1) {
		n++;
		line[strcspn(line, "\r\n")] = '\0';
		if (n + 2 < it->line)
			continue;
		bool bad = n == it->line;
		buf_printf(b, "%s%4u | ", bad ? "<span class=\"fautive\">" : "",
		           n);
		html(b, line);
		if (bad && it->col > 0) {
			buf_puts(b, "\n     | ");
			for (unsigned c = 1; c < it->col; c++)
				buf_putc(b, ' ');
			buf_puts(b, "^");
		}
		buf_puts(b, bad ? "</span>\n" : "\n");
	}
	fclose(f);
	buf_puts(b, "</pre>");
}

/* "what is wrong; what to do": the hint is what follows the first "; "
 * (" ; " in French). */
static void
message(buf *b, const overlay *o, const struct item *it)
{
	bool fr = strcmp(o->lang, "fr") == 0;
	const char *sep = strstr(it->msg, fr ? " ; " : "; ");
	size_t what = sep ? (size_t)(sep - it->msg) : strlen(it->msg);
	buf_puts(b, "<p class=\"quoi\">");
	buf_put_html(b, it->msg, what);
	buf_puts(b, "</p>");
	if (sep != NULL) {
		buf_puts(b, "<p class=\"conseil\">");
		html(b, sep + (fr ? 3 : 2));
		buf_puts(b, "</p>");
	}
}

char *
overlay_html(const overlay *o)
{
	buf b = BUF_INIT;
	const char *lang = o->lang;
	buf_printf(&b,
	           "<div id=\"fabrique-erreurs\" role=\"alertdialog\" "
	           "aria-modal=\"true\" tabindex=\"0\" "
	           "aria-labelledby=\"fabrique-erreurs-titre\" lang=\"%s\">"
	           "<h2 id=\"fabrique-erreurs-titre\">",
	           lang);
	html(&b, msgcat_lookup(lang, "The site could not be built"));
	buf_puts(&b, "</h2><p>");
	html(&b, msgcat_lookup(lang, "Correct the file and save it: this page "
	                             "reloads by itself."));
	buf_puts(&b, "</p><p><button type=\"button\" "
	             "id=\"fabrique-erreurs-masquer\">");
	html(&b, msgcat_lookup(lang, "Hide"));
	buf_puts(&b, "</button> ");
	html(&b, msgcat_lookup(lang, "Press Escape or Hide to see the page: "
	                             "this list comes back when a build fails "
	                             "again."));
	buf_puts(&b, "</p>");
	static const char *words[] = {"error", "warning", "note"};
	for (size_t i = 0; i < o->n; i++) {
		const struct item *it = &o->items[i];
		buf_puts(&b, "<div class=\"diag\"><p class=\"pos\">");
		if (it->file != NULL) {
			html(&b, it->file);
			if (it->line > 0)
				buf_printf(&b, ":%u", it->line);
			if (it->col > 0)
				buf_printf(&b, ":%u", it->col);
			buf_puts(&b, ": ");
		}
		html(&b, msgcat_lookup(lang, words[it->lvl]));
		buf_puts(&b, "</p>");
		message(&b, o, it);
		if (it->file != NULL && it->line > 0)
			excerpt(&b, o, it);
		buf_puts(&b, "</div>");
	}
	buf_puts(&b, "</div>");
	return buf_detach(&b, NULL);
}

/* Where the snippet goes: before the last </body>, else at the end. */
static size_t
insertion_point(const char *page, size_t len)
{
	for (size_t i = len; i >= 7; i--)
		if (strncasecmp(page + i - 7, "</body>", 7) == 0)
			return i - 7;
	return len;
}

char *
overlay_inject(const char *page, size_t len, unsigned long version,
               const char *fragment, const char *base, size_t *outlen)
{
	size_t at = insertion_point(page, len);
	buf b = BUF_INIT;
	buf_put(&b, page, at);
	if (fragment != NULL) {
		buf_puts(&b, "<link rel=\"stylesheet\" href=\"");
		utf8_put_xml(&b, base);
		buf_puts(&b, "/_fabrique/overlay.css\">");
		buf_puts(&b, fragment);
	}
	buf_puts(&b, "<script src=\"");
	utf8_put_xml(&b, base);
	buf_printf(&b,
	           "/_fabrique/live.js\" "
	           "data-version=\"%lu\"></script>",
	           version);
	buf_put(&b, page + at, len - at);
	return buf_detach(&b, outlen);
}
