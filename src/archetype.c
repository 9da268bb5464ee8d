#include "archetype.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "buf.h"
#include "date.h"
#include "frontmatter.h"
#include "fsutil.h"
#include "mustache.h"
#include "schema.h"
#include "slug.h"
#include "source.h"
#include "theme.h"
#include "utf8.h"
#include "yamldoc.h"

/* A new page's file name is its title's slug, cut after a word past 60
 * bytes: a title of a whole sentence gave a name of 130 characters, in
 * every link and address of the page. */
#define NEW_SLUG_MAX 60

const char *
archetype_yaml_quote(arena *a, const char *s)
{
	buf b = BUF_INIT;
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			buf_putc(&b, '\\');
		buf_putc(&b, *s);
	}
	const char *out = arena_strdup(a, buf_cstr(&b));
	buf_free(&b);
	return out;
}

/* The pattern's star becomes the slug: ateliers/preau.md. */
static const char *
place(arena *a, const char *pattern, const char *slug)
{
	const char *star = strchr(pattern, '*');
	if (star == NULL || strchr(star + 1, '*') != NULL)
		return NULL;
	return arena_printf(a, "%.*s%s%s", (int)(star - pattern), pattern, slug,
	                    star + 1);
}

static int
write_new(const char *path, const buf *text, diag *d)
{
	char *dir = xstrdup(path);
	char *slash = strrchr(dir, '/');
	if (slash != NULL)
		*slash = '\0';
	int ok = slash == NULL || fsutil_mkdirs(dir) == 0;
	free(dir);
	int fd =
	    ok ? open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666) : -1;
	if (fd < 0) {
		diag_report(d, DIAG_ERROR, path, 0, 0,
		            errno == EEXIST
		                ? "this file exists already; choose "
		                  "another title, or edit it"
		                : "cannot create this file: %s",
		            diag_errtext(d, errno));
		return -1;
	}
	ssize_t n = write(fd, text->data, text->len);
	int rc = close(fd);
	if (n != (ssize_t)text->len || rc != 0) {
		diag_report(d, DIAG_ERROR, path, 0, 0,
		            "cannot create this file: %s",
		            diag_errtext(d, errno));
		return -1;
	}
	return 0;
}

/* The edition of the workshop in the file at path: its edition, else
 * the year of its date; 0 when neither or unreadable. */
static int
file_edition(const char *path, arena *a)
{
	size_t len;
	char *text = fsutil_read_file(path, &len);
	if (text == NULL)
		return 0;
	diag *quiet = diag_new("en"); /* check reports it, not new */
	frontmatter_parts fp;
	const value *m = NULL;
	if (frontmatter_split(path, text, len, &fp, quiet) == 0 && fp.has_yaml)
		m = yamldoc_parse(a, path, text + fp.yaml_off, fp.yaml_len,
		                  fp.yaml_line, quiet);
	diag_free(quiet);
	free(text);
	double y;
	const char *date = value_get_string(value_get(m, "date"));
	return value_to_number(value_get(m, "edition"), &y) ? (int)y
	       : date != NULL                               ? atoi(date)
	                                                    : 0;
}

/*
 * A new workshop named as last year's (ateliers/planter-des-haies.md,
 * of the 2026 edition, when the coming one is 2027): « or edit it » led
 * the editor to change last year's file in place, and the 2026 edition
 * lost it (outside tester 25 F1).  Said as README's yearly rule has it:
 * last year's renamed with its year, then this command again.  False
 * (nothing said) when the file is not of an earlier edition.
 */
static bool
past_workshop_exists(const char *kind, const char *path, const char *edate,
                     arena *a, diag *d)
{
	int coming = edate != NULL ? atoi(edate) : 0;
	if (strcmp(kind, "atelier") != 0 || coming == 0 ||
	    access(path, F_OK) != 0)
		return false;
	int year = file_edition(path, a);
	if (year <= 0 || year >= coming)
		return false;
	size_t n = strlen(path);
	int stem = (int)(n > 3 && strcmp(path + n - 3, ".md") == 0 ? n - 3 : n);
	diag_report(d, DIAG_ERROR, path, 0, 0,
	            "this file exists already: it is the workshop of the %d "
	            "edition. For %d, rename it with its year (git mv %s "
	            "%.*s-%d.md), as a workshop that comes back every year "
	            "is one file per year, then run this command again; or, "
	            "for another workshop with this title, give its file "
	            "another name with --name",
	            year, coming, path, stem, path, year);
	return true;
}

/* editions/FILE's date (YYYY-MM-DD), or NULL. */
static const char *
file_date(source *src, const char *path, arena *a)
{
	char *text;
	size_t len;
	if (source_read(src, path, &text, &len) != 0)
		return NULL;
	diag *quiet = diag_new("en"); /* check reports it, not new */
	value *doc = yamldoc_load(a, path, text, len, 1, quiet);
	diag_free(quiet);
	free(text);
	const char *date = value_get_string(value_get(doc, "date"));
	return date != NULL && strlen(date) == 10 ? date : NULL;
}

/*
 * The date an archetype offers: the coming edition's (editions/2026.yaml
 * holds "date: 2026-05-23"), since a new page is almost always for it:
 * the soonest whose day is today or later, else the latest; as the
 * build's current edition, not simply the latest file, which may be
 * next year's written in advance (outside tester 18 F19).  NULL for a
 * site without an edition yet.
 */
static const char *
edition_date(source *src, arena *a, const char *today)
{
	const char *site = source_site_path(src);
	const char *dir =
	    *site ? arena_printf(a, "%s/editions/", site) : "editions/";
	const source_file *files;
	size_t n;
	if (source_list(src, dir, &files, &n) != 0)
		return NULL;
	const char *coming = NULL, *latest = NULL;
	for (size_t i = 0; i < n; i++) {
		const char *d = file_date(src, files[i].path, a);
		if (d == NULL)
			continue;
		if (latest == NULL || strcmp(d, latest) > 0)
			latest = d;
		if (strcmp(d, today) >= 0 &&
		    (coming == NULL || strcmp(d, coming) < 0))
			coming = d;
	}
	return coming != NULL ? coming : latest;
}

/*
 * The day offered for a new edition of year: the one nearest the same
 * date a year of the site's edition (from) on the same day of the week
 * (Saturday 29 May 2027 gives Saturday 27 May 2028), else the last
 * Saturday of May, as fabrique init offers.  Not the same month and day
 * whatever the weekday: left as written, it put the Journée on a
 * Tuesday (outside tester 18 F19).
 */
static const char *
new_edition_day(const char *from, const char *year, arena *a)
{
	civil_date f = {0, 5, 31}, d;
	bool known = from != NULL && date_parse(from, &f);
	d.year = atoi(year);
	d.month = f.month;
	d.day = f.month == 2 && f.day == 29 ? 28 : f.day;
	int want = known ? date_weekday(f) : 5;             /* 5: Saturday */
	int shift = ((want - date_weekday(d)) % 7 + 7) % 7; /* 0..6 forward */
	if (!known)
		shift -= 7 * (shift > 0); /* back to the last Saturday */
	else if (shift > 3)
		shift -= 7; /* the nearer of the two */
	d = date_from_days(date_days(d) + shift);
	return arena_printf(a, "%04d-%02d-%02d", d.year, d.month, d.day);
}

static int
render_archetype(theme *th, const char *kind, const char *title,
                 const char *edate, const char *today, arena *a, buf *out,
                 diag *d, const char **ext)
{
	const char *text = theme_archetype(th, kind, a, ext);
	if (text == NULL) {
		diag_report(d, DIAG_ERROR, NULL, 0, 0,
		            "the theme has no archetype for '%s'; expected "
		            "archetypes/%s.md in the theme",
		            kind, kind);
		return -1;
	}
	value *data = value_map(a);
	value_set_str(a, data, "titre", title);
	value_set_str(a, data, "titre_yaml", archetype_yaml_quote(a, title));
	const char *date = edate != NULL ? edate : today;
	value_set_str(a, data, "date", date);
	/* "fabrique new edition 2027": the title is the year meant */
	bool year = strlen(title) == 4 && strspn(title, "0123456789") == 4;
	const char *annee = year ? title : arena_strndup(a, date, 4);
	value_set_str(a, data, "annee", annee);
	value_set_str(a, data, "jour_edition",
	              new_edition_day(edate, annee, a));
	mustache_set *set = mustache_set_new();
	const char *file = arena_printf(a, "archetypes/%s%s", kind, *ext);
	int rc =
	    mustache_set_add(set, kind, file, text, strlen(text), d) == 0 &&
	            mustache_render(set, kind, data, out, d) == 0
	        ? 0
	        : -1;
	mustache_set_free(set);
	return rc;
}

/*
 * The site's folder for new: dir itself when it holds site.yaml, else
 * the nearest folder above holding one (up to the repository's top),
 * written "dir/.." so that the path printed leads there from where the
 * editor is; dir if none.  Run from inside ateliers/, new wrote
 * ateliers/ateliers/x.md, a file no build publishes.
 */
static const char *
site_folder(arena *a, const char *dir)
{
	const char *up = dir;
	struct stat st;
	for (int i = 0; i < 8; i++) {
		if (stat(arena_printf(a, "%s/site.yaml", up), &st) == 0)
			return up;
		if (stat(arena_printf(a, "%s/.git", up), &st) == 0)
			break;
		up = strcmp(up, ".") == 0 ? ".." : arena_printf(a, "%s/..", up);
	}
	return dir;
}

/* A title longer than the kind's 'max' (the content model's, not a
 * constant) is refused at once, nothing written: it was accepted, then
 * refused by the next check, or past a file name's length answered
 * « File name too long » (outside tester 18 F8).  The rest belongs in
 * the summary, when the kind has one. */
static bool
title_too_long(const schema *sc, const char *kind, const char *title, diag *d)
{
	long max = sc != NULL ? schema_field_max(sc, kind, "titre") : 0;
	size_t n = utf8_chars(title);
	if (max <= 0 || n <= (size_t)max)
		return false;
	if (schema_kind_has_field(sc, kind, "resume"))
		diag_report(d, DIAG_ERROR, NULL, 0, 0,
		            "the title has %zu characters, %ld at most: give a "
		            "short title and put the rest in 'resume'",
		            n, max);
	else
		diag_report(d, DIAG_ERROR, NULL, 0, 0,
		            "the title has %zu characters, %ld at most: give a "
		            "shorter title",
		            n, max);
	return true;
}

/*
 * An edition's file is named after its year (editions/2028.yaml), and
 * its title is what names it: "fabrique new edition 'Repeindre le
 * préau'" wrote a file the next check refused (outside tester 19 F7).
 * Refused at once, nothing written, with the year that would come next
 * after the site's edition (edate) or this year (today).
 */
static bool
edition_title_wrong(const char *kind, const char *title, const char *edate,
                    const char *today, diag *d)
{
	if (strcmp(kind, "edition") != 0 ||
	    (strlen(title) == 4 && strspn(title, "0123456789") == 4 &&
	     atoi(title) >= 1900))
		return false;
	diag_report(d, DIAG_ERROR, NULL, 0, 0,
	            "the title of an edition is its year, like %d; got '%s'",
	            atoi(edate != NULL ? edate : today) + 1, title);
	return true;
}

/*
 * A title with no letter an address can hold (Arabic, Chinese, only
 * emoji) still gets a file: named after its kind and today
 * (ateliers/atelier-2026-11-30.md, then -2, -3 when taken), an address
 * as valid as any, which the editor is told how to change.
 */
static char *
dated_slug(arena *a, const char *site_dir, const char *pattern,
           const char *kind, const char *today)
{
	char *slug = arena_printf(a, "%s-%s", kind, today);
	for (int i = 2; i < 100; i++) {
		const char *rel = place(a, pattern, slug);
		if (rel == NULL ||
		    access(arena_printf(a, "%s/%s", site_dir, rel), F_OK) != 0)
			break;
		slug = arena_printf(a, "%s-%s-%d", kind, today, i);
	}
	return slug;
}

/*
 * The file's name: the editor's --name when given, else made from the
 * title; *dated when the title has no letter an address can hold (then
 * the name is the kind and today's date), *unspelt the part of the
 * title the name leaves out (« 日本語 »), for the note.
 */
static char *
new_slug(arena *a, const char *site_dir, const char *pattern, const char *kind,
         const char *title, const char *name, const char *today, bool *dated,
         const char **unspelt)
{
	char *slug = slug_make(a, name != NULL ? name : title);
	slug_shorten(slug, NEW_SLUG_MAX);
	/* a title beyond ASCII (another script, emoji) gets a dated name;
	 * one only of punctuation or blanks ("", "???") is a slip */
	*dated = name == NULL && pattern != NULL && *slug == '\0' &&
	         utf8_beyond_ascii(title);
	*unspelt = name == NULL && !*dated ? slug_unspelt(a, title) : NULL;
	if (*dated)
		slug = dated_slug(a, site_dir, pattern, kind, today);
	return slug;
}

/* The note after a file is written whose name could not hold the whole
 * title: how to choose the name. */
static void
name_note(diag *d, const char *path, bool dated, const char *unspelt)
{
	if (dated)
		diag_report(d, DIAG_NOTE, path, 0, 0,
		            "the title has no letter a web address can hold, "
		            "so the file is named after today; rename it to "
		            "choose the page's address (letters a to z, digits "
		            "and hyphens: the address is the file's name), or "
		            "start again with --name NAME");
	else if (unspelt != NULL)
		diag_report(d, DIAG_NOTE, path, 0, 0,
		            "'%s' of the title is not in the file's name: a "
		            "web address holds letters a to z, digits and "
		            "hyphens; rename the file to choose the page's "
		            "address, or start again with --name NAME",
		            unspelt);
}

int
archetype_new(const char *site_dir, const char *kind, const char *title,
              const char *name, const char *today, diag *d)
{
	arena *a = arena_new();
	site_dir = site_folder(a, site_dir);
	source *src = source_open_dir(site_dir, d);
	theme *th = src ? theme_open_site(src, a, d) : NULL;
	schema *sc = th ? schema_load(a, theme_schema_doc(th), d) : NULL;
	const char *pattern = sc ? schema_kind_pattern(sc, kind) : NULL;
	bool dated;
	const char *unspelt;
	char *slug = new_slug(a, site_dir, pattern, kind, title, name, today,
	                      &dated, &unspelt);
	const char *rel = pattern ? place(a, pattern, slug) : NULL;
	int rc = -1;
	buf out = BUF_INIT;
	const char *ext = ".md";
	const char *edate = src != NULL ? edition_date(src, a, today) : NULL;
	if (sc != NULL && (pattern == NULL || rel == NULL || *slug == '\0'))
		diag_report(d, DIAG_ERROR, NULL, 0, 0,
		            pattern == NULL ? "'%s' is not a kind of page; "
		                              "expected atelier, histoire, "
		                              "retour, page or edition"
		            : name != NULL
		                ? "--name gives no file name for this %s; give "
		                  "letters a to z, digits or hyphens"
		                : "no file name can be made for this %s; give "
		                  "a title with letters or digits",
		            kind);
	else if (rel != NULL && !title_too_long(sc, kind, title, d) &&
	         !edition_title_wrong(kind, title, edate, today, d) &&
	         render_archetype(th, kind, title, edate, today, a, &out, d,
	                          &ext) == 0) {
		const char *path = arena_printf(a, "%s/%s", site_dir, rel);
		if (!past_workshop_exists(kind, path, edate, a, d) &&
		    write_new(path, &out, d) == 0) {
			printf("%s\n", path);
			rc = 0;
			name_note(d, path, dated, unspelt);
		}
	}
	buf_free(&out);
	theme_free(th);
	source_free(src);
	arena_free(a);
	return rc;
}
