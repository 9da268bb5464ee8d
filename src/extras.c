#include "extras.h"

#include <stdio.h>
#include <string.h>

/* robots.txt names the sitemap; the other extras come with the
 * residents' tools (calendars, feeds, search, offline). */
static int
write_robots(site *s, output *o)
{
	const char *url = value_get_string(value_get(site_view(s), "url"));
	char text[1024];
	if (url != NULL)
		snprintf(text, sizeof(text),
		         "User-agent: *\nAllow: /\nSitemap: %s/sitemap.xml\n",
		         url);
	else
		snprintf(text, sizeof(text), "User-agent: *\nAllow: /\n");
	return o != NULL ? output_write(o, "robots.txt", text, strlen(text))
	                 : 0;
}

int
extras_write(site *s, const theme *th, output *o, const extras_opts *eo,
             diag *d)
{
	(void)th;
	(void)eo;
	(void)d;
	return write_robots(s, o);
}
