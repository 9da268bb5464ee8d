#include "qrcode.h"

#include <qrencode.h>
#include <string.h>

#include "buf.h"
#include "utf8.h"

#define QUIET 4 /* modules of margin the standard asks for */

/* Each horizontal run of dark modules is one subpath: a row of a
 * version-3 code takes a few dozen bytes rather than one per module. */
static void
put_rows(buf *b, const QRcode *q)
{
	int w = q->width;
	for (int y = 0; y < w; y++) {
		int x = 0;
		while (x < w) {
			if (!(q->data[y * w + x] & 1)) {
				x++;
				continue;
			}
			int start = x;
			while (x < w && (q->data[y * w + x] & 1))
				x++;
			buf_printf(b, "M%d %dh%dv1h-%dz", start + QUIET,
			           y + QUIET, x - start, x - start);
		}
	}
}

char *
qrcode_svg(arena *a, const char *text, const char *label)
{
	if (text == NULL || *text == '\0')
		return NULL;
	QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (q == NULL)
		return NULL;
	int size = q->width + 2 * QUIET;
	buf b = BUF_INIT;
	buf_printf(&b,
	           "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 "
	           "%d %d\" role=\"img\" aria-label=\"",
	           size, size);
	if (label != NULL)
		utf8_put_xml(&b, label); /* an SVG is XML: no U+FFFE */
	buf_printf(&b,
	           "\" shape-rendering=\"crispEdges\"><rect width=\"%d\" "
	           "height=\"%d\" fill=\"#fff\"/><path fill=\"#000\" d=\"",
	           size, size);
	put_rows(&b, q);
	buf_puts(&b, "\"/></svg>");
	QRcode_free(q);
	char *out = arena_strndup(a, buf_cstr(&b), b.len);
	buf_free(&b);
	return out;
}
