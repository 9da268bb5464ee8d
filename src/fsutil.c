#include "fsutil.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "arena.h"

int
fs_mkdirs(const char *path)
{
	char *copy = xstrdup(path);
	int rc = 0;
	for (char *p = copy + 1; *p && rc == 0; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(copy, 0777) != 0 && errno != EEXIST)
			rc = -1;
		*p = '/';
	}
	int saved = errno;
	free(copy);
	errno = saved;
	return rc;
}
