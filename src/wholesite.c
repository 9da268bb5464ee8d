/*
 * wholesite.c - the names of the files made from the whole site, as a
 * table (wholesite.h).
 */
#include "wholesite.h"

#include <string.h>

/* Every name of wholesite.h: a new one goes here too, or links to it
 * are refused (tests/integration/rootlinks.sh fails). */
static const char *const files[] = {
    WHOLESITE_CALENDAR,       WHOLESITE_FEED,          WHOLESITE_SITEMAP,
    WHOLESITE_ROBOTS,         WHOLESITE_OPENDATA_JSON, WHOLESITE_OPENDATA_CSV,
    WHOLESITE_OPENDATA_SHEET, WHOLESITE_SEARCH_INDEX,  WHOLESITE_MANIFEST,
    WHOLESITE_SERVICE_WORKER, WHOLESITE_NOT_FOUND};

bool
wholesite_is_file(const char *path)
{
	for (size_t i = 0; i < sizeof(files) / sizeof(*files); i++)
		if (strcmp(path, files[i]) == 0)
			return true;
	return false;
}

bool
wholesite_is_reserved(const char *url)
{
	static const char dir[] = WHOLESITE_ASSETS_DIR;
	size_t n = sizeof(dir) - 1;
	while (*url == '/')
		url++;
	return strncmp(url, dir, n) == 0 && (url[n] == '/' || url[n] == '\0');
}
