/*
 * bytes.c - little-endian integers, hexadecimal digits, sizes in words.
 */
#include "bytes.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

void
bytes_put_le32(unsigned char *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

void
bytes_put_le64(unsigned char *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

uint64_t
bytes_get_le(const unsigned char *p, int n)
{
	uint64_t v = 0;
	for (int i = n - 1; i >= 0; i--)
		v = (v << 8) | p[i];
	return v;
}

int
bytes_hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

const char *
bytes_size_text(char *b, size_t n, unsigned long long bytes, bool fr,
                const char *sep)
{
	static const char *const en[] = {"KB", "MB", "GB", "TB"};
	static const char *const frs[] = {"Ko", "Mo", "Go", "To"};
	double v = (double)bytes / 1000.0;
	size_t u = 0;
	while (v >= 999.5 && u < 3) {
		v /= 1000.0;
		u++;
	}
	if (bytes > 0 && v < 1.0)
		v = 1.0; /* a few bytes: "1 KB", not "0.1 KB" */
	/* one decimal below 10, none when it is 0: "2.3 MB", "6 MB" */
	bool one = v < 9.95 && (long long)(v * 10.0 + 0.5) % 10 != 0;
	snprintf(b, n, one ? "%.1f%s%s" : "%.0f%s%s", v, sep,
	         fr ? frs[u] : en[u]);
	char *dot = fr ? strchr(b, '.') : NULL;
	if (dot != NULL)
		*dot = ',';
	return b;
}

const char *
bytes_find_ci(const char *p, const char *end, const char *needle)
{
	size_t m = strlen(needle);
	for (; p + m <= end; p++)
		if (strncasecmp(p, needle, m) == 0)
			return p;
	return NULL;
}
