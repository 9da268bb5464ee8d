#include "diag.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "msgcat.h"

struct item {
	diag_level lvl;
	char *file;
	unsigned line, col;
	char *msg;
	size_t seq; /* report order: keeps the sort stable */
	bool event; /* diag_event(): not given to diag_each() */
};

struct diag {
	pthread_mutex_t lock;
	const char *lang;
	struct item *items;
	size_t n, cap, seq;
	size_t counts[3];
	FILE *immediate;
	bool strict;
	diag_spare spare;
	void *spare_ctx;
	size_t spared; /* warnings strict mode left as warnings */
	diag_observer observer;
	void *observer_ctx;
	diag_filter filter;
	void *filter_ctx;
};

diag *
diag_new(const char *lang)
{
	diag *d = xcalloc(1, sizeof(*d));
	pthread_mutex_init(&d->lock, NULL);
	d->lang = lang != NULL ? lang : msgcat_env_lang();
	return d;
}

static void
items_clear(diag *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->items[i].file);
		free(d->items[i].msg);
	}
	d->n = 0;
}

void
diag_free(diag *d)
{
	if (d == NULL)
		return;
	items_clear(d);
	free(d->items);
	pthread_mutex_destroy(&d->lock);
	free(d);
}

const char *
diag_lang(const diag *d)
{
	return d->lang;
}

void
diag_set_lang(diag *d, const char *lang)
{
	d->lang = lang;
}

const char *
diag_tr(const diag *d, const char *english)
{
	return msgcat_lookup(d->lang, english);
}

const char *
diag_plural(const diag *d, size_t n, const char *one, const char *many)
{
	return diag_tr(d, msgcat_plural(d->lang, (long)n) ? many : one);
}

const char *
diag_errtext(const diag *d, int e)
{
	return msgcat_errtext(d->lang, e);
}

static const char *
level_word(const diag *d, diag_level lvl)
{
	static const char *words[] = {"error", "warning", "note"};
	return diag_tr(d, words[lvl]);
}

/* A file's name with its control characters escaped as C writes them
 * ("a\nb.md"): a newline in a name split the "file:line:col" line in
 * two, for the editor and for tools that read it (outside tester 19
 * F9).  Every message's file is printed here. */
static void
put_file(buf *b, const char *file)
{
	for (const unsigned char *p = (const unsigned char *)file; *p; p++) {
		if (*p >= 0x20 && *p != 0x7F)
			buf_putc(b, (char)*p);
		else if (*p == '\n' || *p == '\r' || *p == '\t')
			buf_printf(b, "\\%c",
			           *p == '\n'   ? 'n'
			           : *p == '\r' ? 'r'
			                        : 't');
		else
			buf_printf(b, "\\x%02x", *p);
	}
}

/* "file:line:col: level: message", without the newline, into b. */
static void
format_item(const diag *d, const struct item *it, buf *b)
{
	if (it->file != NULL) {
		put_file(b, it->file);
		if (it->line > 0) {
			buf_printf(b, ":%u", it->line);
			if (it->col > 0)
				buf_printf(b, ":%u", it->col);
		}
		buf_puts(b, ": ");
	}
	buf_puts(b, level_word(d, it->lvl));
	buf_puts(b, msgcat_colon(d->lang)); /* French: "erreur :" */
	buf_putc(b, ' ');
	buf_puts(b, it->msg);
}

static void
print_item(const diag *d, const struct item *it, FILE *out)
{
	buf b = BUF_INIT;
	format_item(d, it, &b);
	if (d->filter == NULL ||
	    d->filter(d->filter_ctx, it->lvl, buf_cstr(&b))) {
		buf_putc(&b, '\n');
		fputs(buf_cstr(&b), out);
	}
	buf_free(&b);
}

/* as_error, when not NULL: the words of a warning strict mode makes an
 * error (diag_warning_worded()). */
static void
vreport(diag *d, diag_level lvl, const char *file, unsigned line, unsigned col,
        bool event, const char *as_error, const char *fmt, va_list ap)
{
	buf msg = BUF_INIT;
	va_list again;
	va_copy(again, ap);
	buf_vprintf(&msg, msgcat_lookup(d->lang, fmt), ap);
	struct item it = {.lvl = lvl,
	                  .file = file ? xstrdup(file) : NULL,
	                  .line = line,
	                  .col = col,
	                  .msg = buf_detach(&msg, NULL),
	                  .event = event};
	bool spared = d->strict && lvl == DIAG_WARNING && !event &&
	              d->spare != NULL && d->spare(d->spare_ctx, file, it.msg);
	bool harden = d->strict && lvl == DIAG_WARNING && !event && !spared;
	if (harden && as_error != NULL) {
		buf_vprintf(&msg, msgcat_lookup(d->lang, as_error), again);
		free(it.msg);
		it.msg = buf_detach(&msg, NULL);
	}
	va_end(again);
	pthread_mutex_lock(&d->lock);
	if (harden)
		it.lvl = DIAG_ERROR;
	d->spared += spared;
	lvl = it.lvl;
	it.seq = d->seq++;
	d->counts[lvl]++;
	if (d->immediate != NULL) {
		print_item(d, &it, d->immediate);
		free(it.file);
		free(it.msg);
	} else {
		if (d->n == d->cap) {
			d->cap = d->cap ? d->cap * 2 : 16;
			d->items =
			    xrealloc(d->items, d->cap * sizeof(*d->items));
		}
		d->items[d->n++] = it;
	}
	pthread_mutex_unlock(&d->lock);
}

void
diag_report(diag *d, diag_level lvl, const char *file, unsigned line,
            unsigned col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport(d, lvl, file, line, col, false, NULL, fmt, ap);
	va_end(ap);
}

void
diag_warning_worded(diag *d, const char *file, unsigned line, unsigned col,
                    const char *as_error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport(d, DIAG_WARNING, file, line, col, false, as_error, fmt, ap);
	va_end(ap);
}

void
diag_event(diag *d, diag_level lvl, const char *file, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport(d, lvl, file, 0, 0, true, NULL, fmt, ap);
	va_end(ap);
}

void
diag_event_at(diag *d, diag_level lvl, const char *file, unsigned line,
              unsigned col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport(d, lvl, file, line, col, true, NULL, fmt, ap);
	va_end(ap);
}

void
diag_at(diag *d, diag_level lvl, const value *where, const char *fmt, ...)
{
	value_pos p = value_where(where);
	va_list ap;
	va_start(ap, fmt);
	vreport(d, lvl, p.file, p.line, p.col, false, NULL, fmt, ap);
	va_end(ap);
}

size_t
diag_count(const diag *d, diag_level lvl)
{
	return d->counts[lvl];
}

void
diag_clear(diag *d)
{
	pthread_mutex_lock(&d->lock);
	items_clear(d);
	memset(d->counts, 0, sizeof(d->counts));
	d->spared = 0;
	pthread_mutex_unlock(&d->lock);
}

static int
cmp_item(const void *pa, const void *pb)
{
	const struct item *a = pa, *b = pb;
	int c = strcmp(a->file ? a->file : "", b->file ? b->file : "");
	if (c != 0)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

void
diag_flush(diag *d, FILE *out)
{
	pthread_mutex_lock(&d->lock);
	if (d->n > 0)
		qsort(d->items, d->n, sizeof(*d->items), cmp_item);
	for (size_t i = 0; i < d->n; i++) {
		const struct item *it = &d->items[i];
		print_item(d, it, out);
		if (d->observer != NULL)
			d->observer(d->observer_ctx, it->lvl, it->file,
			            it->line, it->col, it->msg);
	}
	items_clear(d);
	pthread_mutex_unlock(&d->lock);
	fflush(out);
}

void
diag_each(diag *d, diag_observer fn, void *ctx)
{
	pthread_mutex_lock(&d->lock);
	for (size_t i = 0; i < d->n; i++) {
		const struct item *it = &d->items[i];
		if (!it->event)
			fn(ctx, it->lvl, it->file, it->line, it->col, it->msg);
	}
	pthread_mutex_unlock(&d->lock);
}

void
diag_set_immediate(diag *d, FILE *out)
{
	d->immediate = out;
}

void
diag_set_filter(diag *d, diag_filter fn, void *ctx)
{
	d->filter = fn;
	d->filter_ctx = ctx;
}

void
diag_set_strict(diag *d, bool strict)
{
	d->strict = strict;
}

void
diag_set_strict_spare(diag *d, diag_spare fn, void *ctx)
{
	d->spare = fn;
	d->spare_ctx = ctx;
}

size_t
diag_spared(const diag *d)
{
	return d->spared;
}

void
diag_set_observer(diag *d, diag_observer fn, void *ctx)
{
	d->observer = fn;
	d->observer_ctx = ctx;
}
