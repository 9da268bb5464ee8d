/* Fuzz target: the linked-file check, above all its SVG scanner; the
 * first byte picks the name's extension. */
#include <stddef.h>
#include <stdint.h>

#include "filetype.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *names[] = {"d.svg", "d.pdf", "d.txt", "d.html",
	                              "d.zip", "d.mp4", "d"};
	if (size == 0)
		return 0;
	filetype_check(names[data[0] % 7], (const char *)data + 1, size - 1);
	return 0;
}
