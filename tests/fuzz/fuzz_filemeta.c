/* Fuzz target: personal metadata in published files (filemeta.h), above
 * all the ZIP reader and writer of office documents (zipmeta.h) and the
 * PDF's object streams; the first byte says whether to strip, and what
 * was stripped must not be found again. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "filemeta.h"
#include "xalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	size_t len = size - 1;
	char *d = xmalloc(len ? len : 1);
	memcpy(d, data + 1, len);
	bool strip = data[0] & 1;
	filemeta_found f = filemeta_scan(&d, &len, strip);
	/* What was removed is gone: the published copy (an office document
	 * rewritten, a PDF blanked) reads again without a name. */
	if (strip && f.author && !f.unchecked) {
		filemeta_found g = filemeta_scan(&d, &len, false);
		if (g.author || g.unchecked)
			abort();
	}
	free(d);
	return 0;
}
