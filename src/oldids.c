#include "oldids.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "buf.h"
#include "feeds.h"
#include "fsutil.h"
#include "outguard.h"
#include "strmap.h"
#include "urlbase.h"

/* One name of the site replaced and the one this build gives it. */
struct change {
	const char *was, *now;
};

static char *
read_in(arena *a, const char *dir, const char *name, size_t *len)
{
	return fsutil_read_file(arena_printf(a, "%s/%s", dir, name), len);
}

/* ics with its folded lines (RFC 5545 §3.1: a line break then a space
 * or a tab) joined, in out. */
static void
unfold(buf *out, const char *ics, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		size_t brk = ics[i] == '\r' && i + 1 < len && ics[i + 1] == '\n'
		                 ? 2
		             : ics[i] == '\n' ? 1
		                              : 0;
		if (brk > 0 && i + brk < len &&
		    (ics[i + brk] == ' ' || ics[i + brk] == '\t')) {
			i += brk;
			continue;
		}
		buf_putc(out, ics[i]);
	}
}

/*
 * A UID of the previous programme.ics ending in "@host", the host alone,
 * where this build writes "@host/path": the first found, NULL when none
 * (a site at its domain's root keeps its UIDs: nothing to look for).
 */
static bool
old_uid(arena *a, const site *s, const char *dir, struct change *c)
{
	const char *id = site_identity_url(s);
	if (*urlbase_of(a, id) == '\0')
		return false;
	size_t len;
	char *ics = read_in(a, dir, "programme.ics", &len);
	if (ics == NULL)
		return false;
	buf u = BUF_INIT;
	unfold(&u, ics, len);
	free(ics);
	const char *host = arena_printf(a, "@%s", urlbase_uid_host(a, id));
	size_t hl = strlen(host);
	bool found = false;
	for (const char *l = buf_cstr(&u); l != NULL && !found;
	     l = strchr(l, '\n'), l = l != NULL ? l + 1 : NULL) {
		size_t n = strcspn(l, "\r\n");
		if (strncmp(l, "UID:", 4) != 0 || n < 4 + hl ||
		    memcmp(l + n - hl, host, hl) != 0)
			continue;
		found = true;
		c->was = arena_strndup(a, l + 4, n - 4);
		c->now = arena_printf(a, "%.*s@%s", (int)(n - 4 - hl), l + 4,
		                      urlbase_uid_origin(a, id));
	}
	buf_free(&u);
	return found;
}

/* The <id>s of flux.xml's text, escaped as written, in a set: one pass
 * over the feed, however many pages are looked up. */
static strmap *
feed_ids(arena *a, const char *xml)
{
	strmap *ids = strmap_new(a);
	for (const char *p = strstr(xml, "<id>"); p != NULL;
	     p = strstr(p, "<id>")) {
		p += 4;
		const char *q = strstr(p, "</id>");
		if (q == NULL)
			break;
		char *id = arena_strndup(a, p, (size_t)(q - p));
		strmap_put(ids, id, id);
		p = q;
	}
	return ids;
}

/* A workshop's id in the previous flux.xml as its page's url, where
 * this build writes a tag URI: the first found.  A feed with a tag URI
 * is a newer fabrique's, which writes every workshop's so. */
static bool
old_entry_id(arena *a, const site *s, const char *dir, struct change *c)
{
	size_t len;
	char *xml = read_in(a, dir, "flux.xml", &len);
	if (xml == NULL)
		return false;
	strmap *ids = strstr(xml, "<id>tag:") == NULL ? feed_ids(a, xml) : NULL;
	free(xml);
	const char *id = site_identity_url(s);
	buf esc = BUF_INIT;
	bool found = false;
	for (size_t i = 0; ids != NULL && i < site_page_count(s) && !found;
	     i++) {
		const page *p = site_page(s, i);
		const char *was = feeds_entry_id(a, id, p, true),
		           *now = feeds_entry_id(a, id, p, false);
		if (strcmp(was, now) == 0)
			continue;
		buf_reset(&esc);
		feeds_xml_text(&esc, was);
		if (strmap_get(ids, buf_cstr(&esc)) != NULL) {
			found = true;
			*c = (struct change){was, now};
		}
	}
	buf_free(&esc);
	return found;
}

void
oldids_warn(const site *s, const char *out_dir, const siteyaml *conf, diag *d)
{
	if (s == NULL || out_dir == NULL || conf->status != SITEYAML_OK ||
	    value_get(conf->doc, "identifiants") != NULL || site_ids_2026_11(s))
		return;
	arena *a = arena_new();
	struct change c = {0};
	if (access(arena_printf(a, "%s/%s", out_dir, OUTGUARD_MARK), F_OK) ==
	        0 &&
	    (old_uid(a, s, out_dir, &c) || old_entry_id(a, s, out_dir, &c))) {
		value_pos at = value_where(value_get(conf->doc, "url"));
		diag_event_at(
		    d, DIAG_WARNING, at.file != NULL ? at.file : conf->path,
		    at.line, at.col,
		    "the names residents' calendars and feed readers know "
		    "the workshops by change with this version of fabrique "
		    "(%s, in the site this build replaces, becomes %s): a "
		    "resident who added a workshop to their calendar would "
		    "get a second copy of it, not its change or "
		    "cancellation, and feed readers would show every "
		    "workshop again as new.  To keep the names already "
		    "published, add the line 'identifiants: 2026-11' to "
		    "site.yaml; to take the new ones, there is nothing to do: "
		    "this is said once, while the site replaced holds the "
		    "older names (docs/deploy.md, §9)",
		    c.was, c.now);
	}
	arena_free(a);
}
