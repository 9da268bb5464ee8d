#include "extras.h"

#include "calendar.h"
#include "feeds.h"
#include "offline.h"
#include "search.h"

/*
 * Order matters: the service worker lists and hashes what the output
 * holds, so it comes last, once the search index and the manifest exist.
 */
int
extras_write(site *s, const theme *th, output *o, const extras_opts *eo,
             diag *d)
{
	int rc = 0;
	size_t index_size;
	if (calendar_write(s, o, eo->build_time, d) != 0)
		rc = -1;
	if (feeds_write(s, o, eo->build_time, d) != 0)
		rc = -1;
	if (search_write(s, o, &index_size, d) != 0)
		rc = -1;
	if (rc == 0 && offline_write(s, th, o, NULL, d) != 0)
		rc = -1;
	return rc;
}
