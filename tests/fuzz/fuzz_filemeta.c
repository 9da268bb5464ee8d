/* Fuzz target: personal metadata in published files (filemeta.h), above
 * all the ZIP reader and writer of office documents (zipmeta.h) and the
 * PDF's object streams; the first byte says whether to strip. */
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
	filemeta_scan(&d, &len, data[0] & 1);
	free(d);
	return 0;
}
