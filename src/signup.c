#include "signup.h"

#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "theme.h"
#include "url.h"

static bool
is(const value *v, const char *field, const char *want)
{
	const char *s = value_get_string(value_get(v, field));
	return s != NULL && strcmp(s, want) == 0;
}

/* The ISO date in field compared with today (<0 before, >0 after), or 0
 * when there is none: "neither before nor after" is what both callers
 * want of a missing date. */
static int
cmp_today(const value *v, const char *field, civil_date today)
{
	civil_date d;
	const char *s = value_get_string(value_get(v, field));
	if (s == NULL || !date_parse(s, &d))
		return 0;
	return date_cmp(d, today);
}

/* True if the ISO date in field is before today. */
static bool
before(const value *v, const char *field, civil_date today)
{
	return cmp_today(v, field, today) < 0;
}

static const char *
take(const view_env *e, buf *b)
{
	const char *s = arena_strdup(e->a, buf_cstr(b));
	buf_free(b);
	return s;
}

/* key set to s, a text already in the view's arena (take(), a label):
 * not copied again as value_set_str() would (every workshop's mailto,
 * form and calendar lines were held twice, ~3 MB of 10,000 pages' heap
 * at its peak, issue 14); nothing when s is NULL. */
static void
set_own(const view_env *e, value *m, const char *key, const char *s)
{
	if (s != NULL)
		value_set(e->a, m, key, value_string_ref(s, strlen(s), e->a));
}

/* The form's URL with ?atelier=SLUG (or &atelier=), the workshop's last
 * URL segment, so the commune's form can preselect it; with a slot
 * (slot not NULL) then &creneau= its day and hours as residents read
 * them, « samedi 23 mai 2026, 14 h – 16 h », for the form to fill in or
 * the town hall to read in its answers.  The parameters go before a
 * #fragment, which is kept. */
static const char *
form_url(const view_env *e, const char *url, const char *page_url,
         const char *slot)
{
	size_t n = strlen(page_url);
	while (n > 0 && page_url[n - 1] == '/')
		n--;
	size_t start = n;
	while (start > 0 && page_url[start - 1] != '/')
		start--;
	buf b = BUF_INIT;
	const char *hash = strchr(url, '#');
	size_t base = hash ? (size_t)(hash - url) : strlen(url);
	buf_printf(&b, "%.*s%catelier=", (int)base, url,
	           memchr(url, '?', base) ? '&' : '?');
	char *slug = arena_strndup(e->a, page_url + start, n - start);
	url_put_component(&b, slug);
	if (slot != NULL) {
		buf_puts(&b, "&creneau=");
		url_put_component(&b, slot);
	}
	/* the fragment last, kept: it names the form or tab on a page of
	 * several (outside tester 26 F15) */
	if (hash != NULL)
		buf_puts(&b, hash);
	return take(e, &b);
}

/* ", " and s, when s is given. */
static void
put_after_comma(buf *b, const char *s)
{
	if (s == NULL)
		return;
	buf_puts(b, ", ");
	buf_puts(b, s);
}

/* mailto: with a subject and a body naming the workshop and its day,
 * and the slot's hours when slot is set (then in the subject too: the
 * town hall sorts its mail by it).  Only the link stays in the arena:
 * the subject and body, made for every workshop of the site (2.5 MB at
 * 10,000 pages), are not. */
static const char *
mailto(const view_env *e, const char *email, const value *v, const value *slot)
{
	const char *title = value_get_string(value_get(v, "titre"));
	const value *of = slot != NULL ? slot : v;
	const char *day = value_get_string(value_get(of, "date_texte"));
	const char *hours = value_get_string(value_get(of, "horaire"));
	if (day == NULL)
		day = value_get_string(value_get(v, "date_texte"));
	buf subject = BUF_INIT, body = BUF_INIT, b = BUF_INIT;
	/* pieces put one after the other, not by printf: 1.5 % of a
	 * one-page edit's instructions at 1,000 pages went to printf here
	 * (three calls for every workshop, at every build) */
	buf_puts(&subject,
	         theme_text(e->i18n, "inscription.sujet", "Inscription :"));
	buf_putc(&subject, ' ');
	buf_puts(&subject, title ? title : "");
	if (day) {
		buf_puts(&subject, " (");
		buf_puts(&subject, day);
		if (slot && hours) {
			buf_puts(&subject, ", ");
			buf_puts(&subject, hours);
		}
		buf_putc(&subject, ')');
	}
	buf_puts(&body, theme_text(e->i18n, "inscription.bonjour", "Bonjour,"));
	buf_puts(&body, "\n\n");
	buf_puts(&body, theme_text(e->i18n, "inscription.corps",
	                           "Je souhaite m’inscrire à l’atelier"));
	buf_puts(&body, " « ");
	buf_puts(&body, title ? title : "");
	buf_puts(&body, " »");
	put_after_comma(&body, day);
	put_after_comma(&body, hours);
	buf_puts(&body, ".\n\n");
	buf_puts(&body, theme_text(e->i18n, "inscription.coordonnees",
	                           "Nom et prénom :\nTéléphone :"));
	buf_putc(&body, '\n');
	buf_puts(&b, "mailto:");
	buf_puts(&b, email);
	buf_puts(&b, "?subject=");
	url_put_component(&b, buf_cstr(&subject));
	buf_puts(&b, "&body=");
	url_put_component(&b, buf_cstr(&body));
	buf_free(&subject);
	buf_free(&body);
	return take(e, &b);
}

/* A field of the map, or false: an absent one must not be found in an
 * enclosing context by Mustache (the page's own url). */
static void
copy_or_false(const view_env *e, value *to, const value *from,
              const char *field)
{
	value *x = value_get(from, field);
	if (x != NULL)
		value_set(e->a, to, field, x);
	else
		view_set_bool(e, to, field, false);
}

/* A slot's day and hours, as the e-mail's subject says them:
 * « samedi 23 mai 2026, 14 h – 16 h » (its own day, else the
 * workshop's). */
static const char *
slot_words(const view_env *e, const value *v, const value *sl)
{
	const char *day = value_get_string(value_get(sl, "date_texte"));
	const char *hours = value_get_string(value_get(sl, "horaire"));
	if (day == NULL)
		day = value_get_string(value_get(v, "date_texte"));
	return arena_printf(e->a, "%s%s%s", day ? day : "",
	                    day && hours ? ", " : "", hours ? hours : "");
}

/* Whether slot sl of a workshop open for sign-up takes names: not when
 * its own statut cancels it (details.c creneau_annule).  The one home of
 * the question: its answer is each slot's inscription_ouverte, which
 * the theme and the calendars (calendar.c with_signup()) read, and the
 * slots courriels and formulaires list. */
static bool
slot_open(const value *sl)
{
	return !value_get_bool(value_get(sl, "creneau_annule"));
}

/* inscription_ouverte on each of v's slots: open (the workshop takes
 * names) and the slot not cancelled.  Set on every slot, true or false,
 * so that Mustache does not find another inside {{#creneaux}}. */
static void
mark_open_slots(const view_env *e, value *v, bool open)
{
	value *slots = value_get(v, "creneaux");
	for (size_t i = 0; i < value_len(slots); i++) {
		value *sl = value_at(slots, i);
		view_set_bool(e, sl, "inscription_ouverte",
		              open && slot_open(sl));
	}
}

/* The label of slot sl in its links to sign up (its e-mail's m, its
 * form's f), « 14 h – 16 h » after its day when that is not the
 * edition's (jour_carte): creneau whole, and jour and horaire apart
 * (false when absent) for a theme that keeps the hours on one line
 * (commune: .heure); numero, its slot's.  Made once, shared by both. */
static void
slot_label(const view_env *e, value *m, value *f, const value *sl)
{
	const char *day = value_get_string(value_get(sl, "jour_carte"));
	const char *hours = value_get_string(value_get(sl, "horaire"));
	const char *label =
	    arena_printf(e->a, "%s%s%s", day ? day : "",
	                 day && hours ? ", " : "", hours ? hours : "");
	value *id = value_get(sl, "numero");
	value *both[] = {m, f};
	for (size_t k = 0; k < 2; k++) {
		set_own(e, both[k], "creneau", label);
		if (day != NULL)
			set_own(e, both[k], "jour", day);
		else
			view_set_bool(e, both[k], "jour", false);
		if (hours != NULL)
			set_own(e, both[k], "horaire", hours);
		else
			view_set_bool(e, both[k], "horaire", false);
		if (id != NULL)
			value_set(e->a, both[k], "numero", id);
	}
}

/*
 * w's mailto, the e-mail to sign up for workshop v, and url, its form;
 * with several slots mailto false, courriels one {mailto, creneau} per
 * slot and formulaires one {url, creneau} (creneau: its hours, after
 * its day when not the edition's): one e-mail or one form for a
 * workshop at 8 h and at 16 h did not say which, and the town hall
 * could not tell (outside tester 23 F13; the form, slots25).  A
 * cancelled slot has neither (slot_open()): its e-mail and form stayed
 * in the box beside its « Annulé » (slots34).  Each item has its slot's
 * numero: calendar.c finds a slot's form by it, not by its place.
 */
static void
add_ways(const view_env *e, value *w, const value *v, const char *email,
         const char *form)
{
	const value *slots = value_get(v, "creneaux");
	const char *page_url = value_get_string(value_get(v, "url"));
	size_t n = value_len(slots);
	if (form != NULL && page_url != NULL)
		set_own(e, w, "url", form_url(e, form, page_url, NULL));
	else
		view_set_bool(e, w, "url", false);
	view_set_bool(e, w, "courriels", false);
	view_set_bool(e, w, "formulaires", false);
	if (email != NULL && n < 2)
		set_own(e, w, "mailto",
		        mailto(e, email, v, value_at(slots, 0)));
	else
		view_set_bool(e, w, "mailto", false);
	if (n < 2)
		return;
	value *mails = value_list(e->a), *forms = value_list(e->a);
	for (size_t i = 0; i < n; i++) {
		const value *sl = value_at(slots, i);
		if (!slot_open(sl))
			continue;
		value *m = value_map(e->a), *f = value_map(e->a);
		slot_label(e, m, f, sl);
		if (email != NULL)
			set_own(e, m, "mailto", mailto(e, email, v, sl));
		value_push(e->a, mails, m);
		if (form != NULL && page_url != NULL)
			set_own(
			    e, f, "url",
			    form_url(e, form, page_url, slot_words(e, v, sl)));
		value_push(e->a, forms, f);
	}
	if (email != NULL)
		value_set(e->a, w, "courriels", mails);
	if (form != NULL && page_url != NULL)
		value_set(e->a, w, "formulaires", forms);
}

/* « S’inscrire à cet atelier : » and the ways to sign up, the form,
 * the e-mail address, the phone number, each on its line (a calendar
 * that makes the address a link must not take a comma after it), or
 * NULL when there are none: put in the workshop's
 * calendar event (calendar.c, agenda_texte), whose reader had its
 * date and place but no way to say « I come » (outside tester 24 F5). */
static const char *
agenda_line(const view_env *e, const char *form, const char *email,
            const char *tel)
{
	const char *ways[] = {form, email, tel};
	buf b = BUF_INIT;
	for (size_t i = 0; i < 3; i++) {
		if (ways[i] == NULL)
			continue;
		if (b.len == 0)
			buf_printf(&b, "%s :",
			           theme_text(e->i18n, "inscription.titre",
			                      "S’inscrire à cet atelier"));
		buf_printf(&b, "\n%s", ways[i]);
	}
	return b.len > 0 ? take(e, &b) : (buf_free(&b), NULL);
}

/* agenda_texte on w and on each of its formulaires (its slot's form),
 * false when there is no way to sign up. */
static void
add_agenda_lines(const view_env *e, value *w)
{
	const char *email = value_get_string(value_get(w, "email"));
	const char *tel = value_get_string(value_get(w, "tel"));
	const char *l =
	    agenda_line(e, value_get_string(value_get(w, "url")), email, tel);
	if (l != NULL)
		set_own(e, w, "agenda_texte", l);
	else
		view_set_bool(e, w, "agenda_texte", false);
	value *forms = value_get(w, "formulaires");
	for (size_t i = 0; i < value_len(forms); i++) {
		value *f = value_at(forms, i);
		set_own(e, f, "agenda_texte",
		        agenda_line(e, value_get_string(value_get(f, "url")),
		                    email, tel));
	}
}

static value *
ways(const view_env *e, const value *v, const value *ins)
{
	value *w = value_map(e->a);
	add_ways(e, w, v, value_get_string(value_get(ins, "email")),
	         value_get_string(value_get(ins, "url")));
	static const char *fields[] = {"email",
	                               "tel",
	                               "tel_url",
	                               "date_limite",
	                               "date_limite_texte",
	                               "sans_inscription"};
	for (size_t i = 0; i < sizeof(fields) / sizeof(*fields); i++)
		copy_or_false(e, w, ins, fields[i]);
	add_agenda_lines(e, w);
	return w;
}

/* A past workshop: its day has gone, whatever its statut still says.  A
 * badge "Proposé" beside "Cet atelier a eu lieu" would give a resident
 * two statuses, and "Réalisé" would assert what nobody wrote (it may
 * have been cancelled and never updated): the status shown is
 * "Réalisé" only for statut: realise, else "Passé", with no badge. */
static void
past_status(const view_env *e, value *v)
{
	bool done = is(v, "statut", "realise");
	view_set_bool(e, v, "statut_notable", done);
	value_set_str(e->a, v, "statut_texte",
	              theme_text(e->i18n,
	                         done ? "statuts.realise" : "statuts.passe",
	                         done ? "realise" : "passe"));
}

/* statut: realise on a workshop whose first day is still to come: last
 * year's file copied for this year's edition keeps it.  "Cet atelier a
 * eu lieu" and no sign-up would tell residents something false, so the
 * workshop is shown as upcoming, with no status (nobody wrote its real
 * one); site.c warns the editor. */
static bool
done_too_soon(const value *v, civil_date today)
{
	return is(v, "statut", "realise") && cmp_today(v, "date", today) > 0;
}

void
signup_add(const view_env *e, value *v, const value *edition, civil_date today)
{
	const value *ins = value_get(edition, "inscription");
	bool cancelled = is(v, "statut", "annule");
	bool too_soon = done_too_soon(v, today);
	bool past = !cancelled && ((is(v, "statut", "realise") && !too_soon) ||
	                           before(v, "fin_date", today));
	view_set_bool(e, v, "realise_trop_tot", too_soon);
	if (too_soon) {
		view_set_bool(e, v, "statut_notable", false);
		view_set_bool(e, v, "statut_texte", false);
	}
	long wanted = (long)value_get_number(value_get(v, "benevoles"));
	const value *reg = value_get(v, "inscrits");
	long left = wanted;
	if (reg != NULL && value_get(v, "benevoles") != NULL) {
		left = wanted - (long)value_get_number(reg);
		if (left < 0)
			left = 0;
		view_set_count_shown(e, v, "places_restantes", left);
	}
	bool full = !cancelled && !past &&
	            (is(v, "statut", "complet") ||
	             (reg != NULL && left == 0 && wanted > 0));
	bool closed =
	    !cancelled && !past && !full && before(ins, "date_limite", today);
	bool open = !cancelled && !past && !full && !closed;
	view_set_bool(e, v, "annule", cancelled);
	view_set_bool(e, v, "passe", past);
	if (past)
		past_status(e, v);
	view_set_bool(e, v, "complet", full);
	view_set_bool(e, v, "inscriptions_closes", closed);
	view_set_bool(e, v, "ouvert", open);
	view_set_bool(e, v, "appel_benevoles", open && left > 0);
	view_set_count(e, v, "benevoles_voulus", open ? left : 0);
	mark_open_slots(e, v, open);
	if (value_kind_of(ins) == VALUE_MAP && !cancelled && !past)
		value_set(e->a, v, "inscription", ways(e, v, ins));
	else
		view_set_bool(e, v, "inscription", false);
}

void
signup_edition(const view_env *e, value *edition, civil_date today)
{
	const value *ins = value_get(edition, "inscription");
	bool past = before(edition, "date", today);
	bool closed = !past && before(ins, "date_limite", today);
	view_set_bool(e, edition, "passe", past);
	view_set_bool(e, edition, "inscriptions_closes", closed);
	view_set_bool(e, edition, "inscriptions_ouvertes",
	              !past && !closed && value_kind_of(ins) == VALUE_MAP);
}

/* A deadline in a year before the edition's, farther than this from
 * its day, is last year's left in a copied file; nearer, it may be
 * meant (a December deadline for a January day). */
#define DEADLINE_DAYS_BEFORE 92

/*
 * The edition's date_limite against its day (outside tester 25 F10):
 * after the day, registrations stay open when it is over; in an earlier
 * year (last year's file copied), every page says they are closed from
 * the first build on.  Warnings, which --strict and the hooks refuse.
 */
static void
check_deadline(const value *meta, const value *ins, diag *d)
{
	const value *lim = value_get(ins, "date_limite");
	const char *ls = value_get_string(lim),
	           *ds = value_get_string(value_get(meta, "date"));
	civil_date l, day;
	if (ls == NULL || ds == NULL || !date_parse(ls, &l) ||
	    !date_parse(ds, &day))
		return;
	long gap = date_days(day) - date_days(l);
	if (gap < 0)
		diag_at(d, DIAG_WARNING, lim,
		        "date_limite: %s is after the day of this edition "
		        "(%s): registrations would stay open once it is "
		        "over; write a date on or before %s",
		        ls, ds, ds);
	else if (l.year < day.year && gap > DEADLINE_DAYS_BEFORE)
		diag_at(d, DIAG_WARNING, lim,
		        "date_limite: %s is in %d, %ld days before the day of "
		        "this edition (%s): every page would say registrations "
		        "are closed; is it last year's? Write this edition's "
		        "deadline, in %d, on or before %s",
		        ls, l.year, gap, ds, day.year, ds);
}

void
signup_check_edition(const value *meta, civil_date today, diag *d)
{
	if (meta == NULL || before(meta, "date", today))
		return;
	const value *ins = value_get(meta, "inscription");
	check_deadline(meta, ins, d);
	if (ins == NULL) {
		diag_at(d, DIAG_NOTE, meta,
		        "this edition does not say how to sign up: add "
		        "'inscription:' with 'url:' (a form), 'email:' or "
		        "'tel:', or 'sans_inscription: true' when residents "
		        "just come");
		return;
	}
	const value *no = value_get(ins, "sans_inscription");
	if ((no != NULL && value_get_bool(no)) ||
	    value_get(ins, "url") != NULL || value_get(ins, "email") != NULL ||
	    value_get(ins, "tel") != NULL)
		return;
	diag_at(d, DIAG_WARNING, ins,
	        "'inscription' gives no way to sign up: residents read that "
	        "volunteers are wanted and find no form, address or number; "
	        "add 'url:' (a form), 'email:' or 'tel:', or write "
	        "'sans_inscription: true' when residents just come");
}
