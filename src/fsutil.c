#include "fsutil.h"

#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "arena.h"

int
fsutil_mkdirs(const char *path)
{
	char *p = xstrdup(path);
	int rc = 0;
	for (char *q = p + 1;; q++) {
		if (*q != '/' && *q != '\0')
			continue;
		char c = *q;
		*q = '\0';
		if (mkdir(p, 0777) < 0 && errno != EEXIST)
			rc = -1;
		*q = c;
		if (c == '\0' || rc < 0)
			break;
	}
	int saved = errno;
	free(p);
	errno = saved;
	return rc;
}
