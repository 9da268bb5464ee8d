/*
 * unit_sh.h - a shell command line for unit tests that set up folders or
 * repositories with the real tools (git, mkdir, ln), as a user would.
 * Header-only: each test program is one .c file.
 */
#ifndef FABRIQUE_UNIT_SH_H
#define FABRIQUE_UNIT_SH_H
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

static int sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Runs the command line built like printf; 0 when it succeeded. */
static int
sh(const char *fmt, ...)
{
	char cmd[4096];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(cmd))
		return -1; /* cut short, it would run something else */
	return system(cmd) == 0 ? 0 : -1;
}
#endif
