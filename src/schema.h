/*
 * schema.h - the content model: typed kinds, validated in the editor's
 * terms.
 *
 * The model is data, not code: themes/commune/schema.yaml declares each
 * kind (site, edition, atelier, histoire, retour, page), the folder its
 * files live in, and its fields with their types and constraints; a site
 * extends it in site.yaml (its own categories, quartiers, extra fields).
 * schema_apply() checks one document against its kind and returns a
 * normalised copy: canonical keys (so "Référents" and "referents" are the
 * same field), typed scalars (ints and numbers as numbers, bools as
 * bools, dates as "YYYY-MM-DD", times as "HH:MM"), defaults filled in.
 * Every problem is reported at the value's file:line:col with the form
 * that was expected.
 */
#ifndef FABRIQUE_SCHEMA_H
#define FABRIQUE_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "diag.h"
#include "value.h"

typedef struct schema schema;

/* Checks done against the rest of the site, supplied by the caller. */
typedef struct schema_env {
	/*
	 * Does a page exist for this reference ("ateliers/preau" or a slug)?
	 * On success stores the canonical path ("ateliers/preau") in *canon.
	 */
	bool (*ref_exists)(void *ctx, const char *ref, const char **canon);
	/* The file path (relative to the document's folder) names, as the
	 * site has it: path itself, or the name it matches once accents are
	 * composed (a Mac commits "e\u0301te\u0301.jpg" for "été.jpg",
	 * outside tester 24 F9); NULL when there is no such file. */
	const char *(*file_name)(void *ctx, const char *doc_path,
	                         const char *path);
	/* Optional: whether path (as file_name() takes it) is a symbolic
	 * link, which the site has but never publishes: said so, not « does
	 * not exist » (outside tester 30 F11). */
	bool (*file_is_link)(void *ctx, const char *doc_path, const char *path);
	void *ctx;
	const char *doc_path; /* the document's path inside the site */
	/*
	 * Optional (NULL skips the check): the names of the files in the
	 * document's folder, for a list that must name every one of them (a
	 * recap's photos).  Returns how many; *names must stay valid until
	 * schema_apply() returns.
	 */
	size_t (*list_files)(void *ctx, const char *doc_path,
	                     const char *const **names);
	/*
	 * Optional: told each contact detail left out because it is private
	 * ('prive_sauf' false), and each phone number published (a phone
	 * field without 'prive_sauf', or with it true), normalised (an
	 * e-mail address, or a phone number as schema_form_phone() writes
	 * it), so that the site can keep the private ones out of what else
	 * it publishes (Markdown text) and ask about the numbers in a text
	 * that are none of the published ones.
	 */
	void (*contact_value)(void *ctx, const char *doc_path, bool is_phone,
	                      bool published, const char *value);
	/*
	 * Optional: the reference keys ("ateliers/preau") of the site's pages
	 * of this kind (every page when kind is NULL), so that a reference
	 * that matches none is answered with the page meant or a real
	 * example rather than the schema's fixed one.  Returns how many;
	 * *keys must stay valid until schema_apply() returns.
	 */
	size_t (*list_refs)(void *ctx, const char *kind,
	                    const char *const **keys);
	/*
	 * Optional: told each url field's value that is a path of this site
	 * ("/faq/"), and where it is written, so that the site can check it
	 * names a page once every page has its address.
	 */
	void (*site_path)(void *ctx, const value *where, const char *path);
	/*
	 * Optional: told each text field of the result (text, Markdown, or
	 * a list of either), by the map holding it and its name, so that
	 * the site can mask the private contacts its text gives and ask
	 * about the others once every page's contacts are known (the map's
	 * value may then be replaced).
	 */
	void (*text_value)(void *ctx, value *map, const char *key);
	/*
	 * The year a date written without one belongs to (the edition's),
	 * 0 if unknown: a date refused in another form ("samedi 29 mai") is
	 * answered with the one meant, in that year.
	 */
	int year;
	/*
	 * Optional: the day of that edition, as its file writes it
	 * ("2027-05-29"; NULL if unknown), for a workshop: a refused date
	 * whose weekday is the edition's, a few days from it ("samedi 30
	 * mai" when the Journée is Saturday 29 May), is answered with that
	 * day too.
	 */
	const char *edition_date;
	/*
	 * Optional: when the document has errors (schema_apply() returns
	 * NULL), receives what could be checked of it: the fields refused
	 * left out, a list refused for some items keeping the others.  For
	 * the site's checks that do not depend on the fields refused (a
	 * place's point, the year of a slot's date), so that they are said
	 * in the same run as the errors, not once these are fixed.  Never
	 * published.  NULL without errors.
	 */
	value **partial;
} schema_env;

/*
 * Builds the schema from the theme's schema document.  Returns NULL after
 * reporting errors (a malformed schema is the theme author's error,
 * reported at schema.yaml:line:col).
 */
schema *schema_load(arena *a, const value *doc, diag *d);

/*
 * Applies the site's extensions from the (raw) site.yaml document:
 * categories, quartiers, extra fields.  Call once, before validating other
 * kinds.
 */
int schema_extend(schema *s, const value *site_doc, diag *d);

/* The kind of a file by its path inside the site ("ateliers/x.md" ->
 * "atelier", "retours/fete/index.md" -> "retour"); NULL if none. */
const char *schema_kind_for_path(const schema *s, const char *path);

/*
 * 'contacts_publics: true' on a kind ('telephones_publics', its name
 * before e-mail addresses were asked about too, is read the same): the
 * phone numbers and e-mail addresses written in its pages' text are
 * institutions' (the mairie's contact page, the host in the legal
 * notice), published without a question.  In other kinds, one that is
 * no published contact of the content model may be a private person's:
 * a warning (site.c, markdown.h).  One setting for both: the kinds whose
 * text gives an institution's number are those that give its address.
 */
bool schema_kind_public_contacts(const schema *s, const char *kind);

/* The first file pattern of a kind ("ateliers/SLUG.md" with a star for
 * SLUG), or NULL if the kind is unknown: where `fabrique new` puts a new
 * page. */
const char *schema_kind_pattern(const schema *s, const char *kind);

/* The most characters a kind's field takes (its 'max'), 0 when the kind
 * has no such field or it has no max: `fabrique new` refuses at once a
 * title the first check would refuse, from the model, not a constant. */
long schema_field_max(const schema *s, const char *kind, const char *field);
/*
 * The names of the fields under a dotted path of a kind's values ("" for
 * the kind's own, "commune" for site.yaml's commune: nom, insee…), for
 * checking the names a template prints ({{site.commune.nom}}): 1 with
 * them in *names (in the schema's arena); 0 when the model leaves what
 * is there open (a list, a map of any content, a scalar); -1 when the
 * path names no field of the kind (or the kind is unknown).
 * Not thread-safe (allocates in the schema's arena): call before the
 * render's threads.
 */
int schema_field_names(const schema *s, const char *kind, const char *path,
                       const char *const **names, size_t *n);
/* Does the kind have this field? */
bool schema_kind_has_field(const schema *s, const char *kind,
                           const char *field);

/*
 * Validates doc (raw front matter or YAML file) as kind and returns the
 * normalised map, or NULL if any error was reported (warnings alone do
 * not fail).  env may be NULL to skip reference and file checks.  The
 * result is allocated in a but shares text with doc and with the schema
 * (keys, defaults): both must outlive it.  Read-only on s, so several
 * threads may validate at once, each with its own arena.
 */
value *schema_apply(const schema *s, const char *kind, const value *doc,
                    const schema_env *env, arena *a, diag *d);

/* For "did you mean" in any message about a name an editor wrote: the
 * closest of names within 2 edits, or NULL (a guess replacing most of a
 * short word would mislead more than help). */
const char *schema_closest(const char *const *names, size_t n,
                           const char *word);
/* The page a reference that matches none most likely meant: the closest
 * key within 2 edits, else the one whose last part is contained in the
 * reference's or contains it (a page renamed shorter or longer); NULL if
 * none. */
const char *schema_closest_ref(const char *const *keys, size_t n,
                               const char *ref);
/* items joined with ", ", each after prefix, in a. */
const char *schema_join(arena *a, const char *const *items, size_t n,
                        const char *prefix);

#endif
