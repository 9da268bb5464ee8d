#include "feeds.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "ics.h"
#include "markdown.h"
#include "utf8.h"
#include "wholesite.h"

#define SUMMARY_MAX 300 /* octets of body text when there is no resume */

struct entry {
	const page *p;
	long long when; /* Unix time, for sorting */
	const char *updated;
	const char *published; /* NULL: not known */
};

struct feeds {
	site *s;
	output *o;
	diag *d;
	arena *a;
	const char *url; /* "https://host", no trailing '/' */
	const char *tz;
	long long build_time;
	/* what the entries' ids are made of: the site's first url, kept
	 * when it moves (site_identity_url()) */
	const char *id_url;
	bool url_ids; /* « identifiants: 2026-11 »: every id its page's url */
	const char *cancelled; /* « Annulé », before a cancelled title */
	const char *lang;      /* the site's, which joins them */
};

static const char *
str(const value *v, const char *path)
{
	return value_get_string(value_path(v, path));
}

bool
feeds_page_hidden(const page *p)
{
	return strcmp(p->kind, "404") == 0 ||
	       strcmp(p->kind, "hors-ligne") == 0 ||
	       strcmp(p->kind, "redirection") == 0;
}

void
feeds_xml_text(buf *out, const char *s)
{
	utf8_put_xml(out, s);
}

static long long
unix_of(const char *date, const char *tz, bool *ok)
{
	civil_date d;
	*ok = date != NULL && date_parse(date, &d);
	if (!*ok)
		return 0;
	int off = 0; /* unknown zone: UTC */
	date_utc_offset(tz, d, 0, &off);
	return (long long)date_days(d) * 86400 - (long long)off * 60;
}

/* "2026-05-23", as date.c writes an ISO day. */
static void
put_day(buf *out, civil_date d)
{
	char day[16];
	date_format_iso(d, day, sizeof(day));
	buf_puts(out, day);
}

/* "hh" SEP "mm", each of two digits at least. */
static void
put_two(buf *out, long long a, char sep, long long b)
{
	buf_put_digits(out, a, 2);
	buf_putc(out, sep);
	buf_put_digits(out, b, 2);
}

bool
feeds_date_time(buf *out, const char *date, const char *tz)
{
	civil_date d;
	if (date == NULL || !date_parse(date, &d))
		return false;
	int off = 0; /* unknown zone: UTC */
	date_utc_offset(tz, d, 0, &off);
	int a = off < 0 ? -off : off;
	put_day(out, d);
	buf_puts(out, "T00:00:00");
	if (off == 0)
		buf_putc(out, 'Z');
	else {
		buf_putc(out, off < 0 ? '-' : '+');
		put_two(out, a / 60, ':', a % 60);
	}
	return true;
}

/* Written digit by digit, not by printf: up to two dates for every
 * entry of the feeds, each build (by printf, 1.9 % of a one-page
 * edit's instructions at 1,000 pages).  The bytes are those
 * "%04d-%02d-%02dT%02lld:%02lld:%02lldZ" gave. */
void
feeds_utc_time(buf *out, long long t)
{
	long long days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
	long long sec = t - days * 86400;
	put_day(out, date_from_days((long)days));
	buf_putc(out, 'T');
	put_two(out, sec / 3600, ':', sec / 60 % 60);
	buf_putc(out, ':');
	buf_put_digits(out, sec % 60, 2);
	buf_putc(out, 'Z');
}

/* The day of edition `year`, from its archive page's data. */
static const char *
edition_date(struct feeds *f, int year)
{
	for (size_t i = 0; i < site_page_count(f->s); i++) {
		const page *p = site_page(f->s, i);
		if (strcmp(p->kind, "edition") == 0 &&
		    (int)value_get_number(value_get(p->view, "annee")) == year)
			return str(p->view, "edition.date");
	}
	return NULL;
}

/* A page's history date, from its view (view.c: from git, never later
 * than the build's today); 0 when unknown (a folder, a shallow clone). */
static long long
history_time(const value *v, const char *key)
{
	const value *t = value_get(v, key);
	return t != NULL ? (long long)value_get_number(t) : 0;
}

/*
 * An entry's <updated> is when its page last changed (its own last
 * commit), not the build's time: a typo fixed on the legal notice must
 * not mark every entry updated in readers that honour it.  A publier_le
 * (or a recap's edition day) later than that change is when it appeared
 * to residents, so it wins then.  <published>: publier_le, else the
 * page's first commit.  Both from the commit only: the same bytes for
 * the same commit.  Without history, the build's (commit's) time.
 */
static void
date_entry(struct feeds *f, struct entry *e)
{
	const value *v = e->p->view;
	const char *date = str(v, "publier_le");
	if (date == NULL && strcmp(e->p->kind, "retour") == 0)
		date = edition_date(
		    f, (int)value_get_number(value_get(v, "edition")));
	buf u = BUF_INIT, p = BUF_INIT;
	e->when = feeds_entry_dates(&u, &p, date, str(v, "publier_le"),
	                            history_time(v, "mis_a_jour_unix"),
	                            history_time(v, "cree_unix"), f->tz,
	                            f->build_time);
	e->updated = arena_strndup(f->a, buf_cstr(&u), u.len);
	e->published =
	    p.len > 0 ? arena_strndup(f->a, buf_cstr(&p), p.len) : NULL;
	buf_free(&u);
	buf_free(&p);
}

long long
feeds_entry_dates(buf *updated, buf *published, const char *day,
                  const char *pub_day, long long changed, long long created,
                  const char *tz, long long build_time)
{
	bool ok;
	long long when, at = unix_of(day, tz, &ok);
	if (ok && at >= changed) {
		when = at;
		feeds_date_time(updated, day, tz);
	} else {
		when = changed != 0 ? changed : build_time;
		feeds_utc_time(updated, when);
	}
	if (pub_day != NULL)
		feeds_date_time(published, pub_day, tz);
	else if (created != 0 && created <= when)
		feeds_utc_time(published, created);
	return when;
}

/*
 * An entry's id.  A workshop re-run every year keeps its address, so an
 * id made of the URL would make readers take this year's workshop for
 * last year's, already read: a workshop's is a tag URI (RFC 4151) naming
 * its edition's year, tag:mairie.fr,2027:/journee/ateliers/x/, the same
 * from build to build and different each edition.  Other pages keep
 * their URL, the id they always had (readers do not see them again).
 * url_ids (site.yaml's « identifiants: 2026-11 »): every entry's id is
 * its page's URL, as fabrique wrote them until November 2026, for a site
 * whose readers hold those (siteaddr.h).
 */
const char *
feeds_entry_id(arena *a, const char *id_url, const page *p, bool url_ids)
{
	const char *host = strstr(id_url, "://");
	int year = (int)value_get_number(value_get(p->view, "edition"));
	if (url_ids || strcmp(p->kind, "atelier") != 0 || host == NULL ||
	    year <= 0)
		return arena_printf(a, "%s%s", id_url, p->url);
	buf out = BUF_INIT;
	buf_puts(&out, "tag:");
	for (host += 3; *host != '\0' && *host != '/' && *host != ':'; host++)
		buf_putc(&out,
		         (char)(*host >= 'A' && *host <= 'Z' ? *host - 'A' + 'a'
		                                             : *host));
	buf_printf(&out, ",%04d:", year);
	/* the site's path under its host: two communes published at
	 * mairie.fr/a/ and mairie.fr/b/ must not share an id */
	const char *path = host + strcspn(host, "/");
	size_t plen = strlen(path);
	while (plen > 0 && path[plen - 1] == '/')
		plen--;
	const char *id = arena_printf(a, "%s%.*s%s", buf_cstr(&out), (int)plen,
	                              path, p->url);
	buf_free(&out);
	return id;
}

static void
entry_id(struct feeds *f, buf *out, const page *p)
{
	feeds_xml_text(out, feeds_entry_id(f->a, f->id_url, p, f->url_ids));
}

static int
cmp_entries(const void *x, const void *y)
{
	const struct entry *a = x, *b = y;
	if (a->when != b->when)
		return a->when > b->when ? -1 : 1;
	return strcmp(a->p->url, b->p->url);
}

static bool
in_feed(const site *s, const page *p)
{
	if (p->path == NULL || p->draft || p->view == NULL)
		return false;
	if (strcmp(p->kind, "retour") == 0 || strcmp(p->kind, "histoire") == 0)
		return true;
	const value *ed = site_edition(s);
	return strcmp(p->kind, "atelier") == 0 && ed != NULL &&
	       value_get_number(value_get(p->view, "edition")) ==
	           value_get_number(value_get(ed, "annee"));
}

static void
summary(buf *out, const page *p)
{
	const char *resume = str(p->view, "resume");
	buf text = BUF_INIT;
	if (resume == NULL && site_page_has_body(p)) {
		site_plain_text(p, &text);
		size_t n = text.len;
		if (n > SUMMARY_MAX) {
			text.len = utf8_cut(text.data, SUMMARY_MAX);
			buf_puts(&text, "…");
		}
		resume = buf_cstr(&text);
	}
	if (resume != NULL && *resume != '\0') {
		buf_puts(out, "    <summary>");
		feeds_xml_text(out, resume);
		buf_puts(out, "</summary>\n");
	}
	buf_free(&text);
}

static void
atom_entry(struct feeds *f, buf *out, const struct entry *e)
{
	const value *v = e->p->view;
	/* a workshop cancelled says so in its title, as in the calendars:
	 * a feed reader (or a relay to the commune's page) shows the entry,
	 * updated that morning, as news (outside tester 26 F17) */
	const char *title = str(v, "titre"), *st = str(v, "statut");
	if (title != NULL && st != NULL && strcmp(st, "annule") == 0)
		title =
		    ics_cancelled_summary(f->a, title, f->cancelled, f->lang);
	buf_puts(out, "  <entry>\n    <title>");
	feeds_xml_text(out, title);
	buf_puts(
	    out,
	    "</title>\n    <link rel=\"alternate\" type=\"text/html\" href=\"");
	feeds_xml_text(out, f->url);
	feeds_xml_text(out, e->p->url);
	buf_puts(out, "\"/>\n    <id>");
	entry_id(f, out, e->p);
	buf_printf(out, "</id>\n    <updated>%s</updated>\n", e->updated);
	if (e->published != NULL)
		buf_printf(out, "    <published>%s</published>\n",
		           e->published);
	const char *cat = str(v, "categorie.nom");
	if (cat != NULL) {
		buf_puts(out, "    <category term=\"");
		feeds_xml_text(out, str(v, "categorie.id"));
		buf_puts(out, "\" label=\"");
		feeds_xml_text(out, cat);
		buf_puts(out, "\"/>\n");
	}
	summary(out, e->p);
	buf_puts(out, "  </entry>\n");
}

static void
atom_head(struct feeds *f, buf *out, const char *updated)
{
	const char *commune = str(site_view(f->s), "commune.nom");
	buf_puts(out, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	              "<feed xmlns=\"http://www.w3.org/2005/Atom\" "
	              "xml:lang=\"fr\">\n  <title>Journée citoyenne – ");
	feeds_xml_text(out, commune ? commune : "");
	buf_puts(out, "</title>\n  <link rel=\"self\" "
	              "type=\"application/atom+xml\" href=\"");
	feeds_xml_text(out, f->url);
	buf_puts(out, "/" WHOLESITE_FEED "\"/>\n  <link rel=\"alternate\" "
	              "type=\"text/html\" href=\"");
	feeds_xml_text(out, f->url);
	buf_puts(out, "/\"/>\n  <id>");
	feeds_xml_text(out, f->id_url);
	buf_printf(out, "/</id>\n  <updated>%s</updated>\n  <author><name>",
	           updated);
	feeds_xml_text(out, commune ? commune : "");
	buf_puts(out,
	         "</name></author>\n  <generator version=\"" FABRIQUE_VERSION
	         "\">fabrique</generator>\n");
}

static int
write_atom(struct feeds *f)
{
	size_t n = 0, total = site_page_count(f->s);
	struct entry *es = xcalloc(total + 1, sizeof(*es));
	for (size_t i = 0; i < total; i++) {
		const page *p = site_page(f->s, i);
		if (!in_feed(f->s, p))
			continue;
		es[n].p = p;
		date_entry(f, &es[n++]);
	}
	qsort(es, n, sizeof(*es), cmp_entries);
	if (n > FEEDS_MAX_ENTRIES)
		n = FEEDS_MAX_ENTRIES;
	buf out = BUF_INIT, upd = BUF_INIT;
	if (n > 0)
		buf_puts(&upd, es[0].updated);
	else
		feeds_utc_time(&upd, f->build_time);
	atom_head(f, &out, buf_cstr(&upd));
	for (size_t i = 0; i < n; i++)
		atom_entry(f, &out, &es[i]);
	buf_puts(&out, "</feed>\n");
	int rc =
	    f->o ? output_write(f->o, WHOLESITE_FEED, out.data, out.len) : 0;
	buf_free(&out);
	buf_free(&upd);
	free(es);
	return rc;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The sitemaps protocol's limits for one file: 50,000 URLs, 50 MiB. */
#define SITEMAP_MAX_URLS 50000
#define SITEMAP_MAX_BYTES (50u * 1024 * 1024)
#define URLSET_HEAD                                                            \
	"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset "                 \
	"xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
#define URLSET_TAIL "</urlset>\n"

/* URLs per sitemap file: the protocol's limit, or a lower one that
 * FABRIQUE_SITEMAP_MAX_URLS sets so that tests need not build 50,001
 * pages to see the index (documented in docs/fabrique.1, ENVIRONMENT). */
static size_t
sitemap_max_urls(void)
{
	const char *e = getenv("FABRIQUE_SITEMAP_MAX_URLS");
	long v = e != NULL ? atol(e) : 0;
	return v > 0 && v < SITEMAP_MAX_URLS ? (size_t)v : SITEMAP_MAX_URLS;
}

/* Writes urls[*at...] into out as one urlset, as many as the limits
 * allow; *at moves past them. */
static void
fill_urlset(struct feeds *f, const char **urls, size_t n, size_t *at,
            size_t max, buf *out)
{
	buf one = BUF_INIT;
	buf_puts(out, URLSET_HEAD);
	for (size_t k = 0; *at < n && k < max; k++, (*at)++) {
		buf_reset(&one);
		buf_puts(&one, "  <url><loc>");
		feeds_xml_text(&one, f->url);
		feeds_xml_text(&one, urls[*at]);
		buf_puts(&one, "</loc></url>\n");
		if (k > 0 && out->len + one.len + strlen(URLSET_TAIL) >
		                 SITEMAP_MAX_BYTES)
			break;
		buf_put(out, one.data, one.len);
	}
	buf_puts(out, URLSET_TAIL);
	buf_free(&one);
}

/*
 * sitemap.xml lists every URL; above the protocol's limits it becomes a
 * sitemap index of sitemap-1.xml, sitemap-2.xml…, each within them, so
 * robots.txt still names the one file sitemap.xml.
 */
static int
write_sitemap(struct feeds *f)
{
	size_t n = 0, total = site_page_count(f->s), at = 0, files = 0;
	const char **urls = xcalloc(total + 1, sizeof(*urls));
	for (size_t i = 0; i < total; i++) {
		const page *p = site_page(f->s, i);
		if (p->url != NULL && !p->draft && !feeds_page_hidden(p))
			urls[n++] = p->url;
	}
	qsort(urls, n, sizeof(*urls), cmp_str);
	size_t max = sitemap_max_urls();
	buf out = BUF_INIT, index = BUF_INIT;
	int rc = 0;
	do {
		buf_reset(&out);
		fill_urlset(f, urls, n, &at, max, &out);
		if (files == 0 && at >= n) /* one file is enough */
			break;
		char name[32];
		snprintf(name, sizeof(name), "sitemap-%zu.xml", ++files);
		buf_printf(&index, "  <sitemap><loc>");
		feeds_xml_text(&index, f->url);
		buf_printf(&index, "/%s</loc></sitemap>\n", name);
		if (f->o && output_write(f->o, name, out.data, out.len) != 0)
			rc = -1;
	} while (at < n);
	if (files > 0) {
		buf_reset(&out);
		buf_puts(&out, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
		               "<sitemapindex xmlns=\"http://www.sitemaps.org/"
		               "schemas/sitemap/0.9\">\n");
		buf_put(&out, index.data, index.len);
		buf_puts(&out, "</sitemapindex>\n");
	}
	if (f->o &&
	    output_write(f->o, WHOLESITE_SITEMAP, out.data, out.len) != 0)
		rc = -1;
	buf_free(&out);
	buf_free(&index);
	free(urls);
	return rc;
}

/* robots.txt lets every crawler in and names the sitemap. */
static int
write_robots(struct feeds *f)
{
	buf out = BUF_INIT;
	buf_puts(&out, "User-agent: *\nAllow: /\n");
	if (*f->url != '\0')
		buf_printf(&out, "Sitemap: %s/" WHOLESITE_SITEMAP "\n", f->url);
	int rc =
	    f->o ? output_write(f->o, WHOLESITE_ROBOTS, out.data, out.len) : 0;
	buf_free(&out);
	return rc;
}

int
feeds_write(site *s, output *o, long long build_time, const char *cancelled,
            const char *lang, diag *d)
{
	const char *url = str(site_view(s), "url");
	const char *tz = str(site_view(s), "fuseau");
	struct feeds f = {s,
	                  o,
	                  d,
	                  arena_new(),
	                  url ? url : "",
	                  tz ? tz : DATE_ZONE_DEFAULT,
	                  build_time,
	                  site_identity_url(s),
	                  site_ids_2026_11(s),
	                  cancelled,
	                  lang};
	int rc = 0;
	if (write_atom(&f) != 0)
		rc = -1;
	if (write_sitemap(&f) != 0)
		rc = -1;
	if (write_robots(&f) != 0)
		rc = -1;
	arena_free(f.a);
	return rc;
}
