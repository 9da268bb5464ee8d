#include "markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <ctype.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "alttext.h"
#include "markdown_int.h"
#include "mdmem.h"
#include "phonelink.h"
#include "slug.h"
#include "utf8.h"

/*
 * Rendering is a pipeline over cmark's tree: parse, then (1) drop raw
 * HTML in safe mode and fix link destinations, (2) French typography on
 * the text of each paragraph and heading, (3) replace each heading by a
 * custom block holding its HTML with an id, then render.  Custom blocks
 * are printed literally by cmark even in safe mode, which is why they
 * carry the headings: our own markup must survive, the author's must not.
 *
 * Raw HTML is removed from the tree in safe mode rather than left to
 * cmark, so pages carry no "<!-- raw HTML omitted -->" comments.
 */

/* Undecodable byte b is carried as RAW_BYTE + b and written back as is. */
#define RAW_BYTE 0x110000u

void
markdown_nodes_push(struct nodes *l, cmark_node *n)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 16;
		l->v = xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	l->v[l->n++] = n;
}

/* The tree's allocator: cmark-gfm links no node of one allocator under
 * another's (a tree built by hand, as the unit tests do, has none set:
 * the default one). */
cmark_node *
markdown_node_new(const struct render *r, cmark_node_type t)
{
	return cmark_node_new_with_mem(
	    t, r->mem != NULL ? r->mem : cmark_get_default_mem_allocator());
}

void
markdown_replace(struct render *r, cmark_node *old, cmark_node *new)
{
	if (new != NULL)
		cmark_node_insert_before(old, new);
	cmark_node_unlink(old);
	markdown_nodes_push(&r->dead, old);
}

/* ---- Parsing --------------------------------------------------------- */

static pthread_once_t extensions_once = PTHREAD_ONCE_INIT;

/* cmark-gfm registers its extensions in a global list without a lock,
 * and pages are rendered by several threads: register once. */
static void
extensions_register(void)
{
	cmark_gfm_core_extensions_ensure_registered();
}

/*
 * Parses text with GitHub's extensions: tables, autolinks of bare web
 * and e-mail addresses, strikethrough, task lists (footnotes are an
 * option).  The parser is returned too, since rendering needs its list
 * of extensions; free it after rendering.  The tree and the parser take
 * their memory from mem (mdmem.h: a region of this render).
 */
cmark_node *
markdown_parse(const char *text, size_t len, int opts, cmark_mem *mem,
               cmark_parser **parser)
{
	static const char *const names[] = {"table", "autolink",
	                                    "strikethrough", "tasklist"};
	pthread_once(&extensions_once, extensions_register);
	/* cmark's check of every line (9 instructions an octet) copies a
	 * text that is UTF-8 without NUL as it is: such a text, checked
	 * once here (about one an octet), is parsed without it */
	unsigned line, col;
	if ((opts & CMARK_OPT_VALIDATE_UTF8) != 0 && len > 0 &&
	    memchr(text, '\0', len) == NULL &&
	    utf8_check(text, len, &line, &col))
		opts &= ~CMARK_OPT_VALIDATE_UTF8;
	cmark_parser *p = cmark_parser_new_with_mem(opts, mem);
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		cmark_syntax_extension *e =
		    cmark_find_syntax_extension(names[i]);
		if (e == NULL || !cmark_parser_attach_syntax_extension(p, e))
			abort(); /* a broken install of libcmark-gfm */
	}
	cmark_parser_feed(p, text, len);
	cmark_node *doc = cmark_parser_finish(p);
	*parser = p;
	return doc;
}

/*
 * Lenient UTF-8 decoding: cmark already replaced invalid sequences, but
 * the typography must never lose a byte, so a bad byte is carried as
 * RAW_BYTE + byte.  Returns the bytes consumed.
 */
static size_t
decode_raw(const unsigned char *s, size_t len, uint32_t *cp)
{
	size_t n = utf8_decode((const char *)s, len, cp);
	if (n > 0)
		return n;
	*cp = RAW_BYTE + s[0];
	return 1;
}

/* ---- Source positions ------------------------------------------------ */

/*
 * Characters (UTF-8 sequences) before each multiple of CHUNK bytes, so
 * that the column of any offset costs at most CHUNK steps, whatever the
 * order positions are asked in: a page is located in linear time.
 */
#define CHUNK 256

/* cmark counts \n, \r\n and a lone \r as line ends; so must we. */
/* Characters (UTF-8 sequences' first octets) in the n octets at s, eight
 * at a time: a continuation octet is 10xxxxxx.  Each octet's flag is
 * added into its own lane (at most 255 rounds, so a lane never carries),
 * then the lanes are summed: without -mpopcnt, __builtin_popcountll was
 * a libgcc call per 8 octets. */
static size_t
count_chars(const char *s, size_t n)
{
	size_t c = n, i = 0;
	while (i + 8 <= n) {
		uint64_t lanes = 0;
		for (int k = 0; k < 255 && i + 8 <= n; k++, i += 8) {
			uint64_t x;
			memcpy(&x, s + i, 8);
			lanes += (x & ~(x << 1) & 0x8080808080808080u) >> 7;
		}
		/* octet lanes to 16-bit ones, then all four summed */
		uint64_t pairs = (lanes & 0x00FF00FF00FF00FFu) +
		                 (lanes >> 8 & 0x00FF00FF00FF00FFu);
		c -= (size_t)((pairs * 0x0001000100010001u) >> 48);
	}
	for (; i < n; i++)
		c -= ((unsigned char)s[i] & 0xC0) == 0x80;
	return c;
}

static void
add_line(struct render *r, size_t *cap, size_t start)
{
	if (r->nlines == *cap) {
		*cap *= 2;
		r->lines = xrealloc(r->lines, *cap * sizeof(*r->lines));
	}
	r->lines[r->nlines++] = start;
}

/*
 * The line starts and the characters before each CHUNK octets, for
 * positions in messages.  Built for every page with a relative link, so
 * it goes by whole chunks and by memchr() rather than octet by octet.
 */
static void
build_lines(struct render *r)
{
	size_t cap = 64;
	r->lines = xmalloc(cap * sizeof(*r->lines));
	r->lines[0] = 0;
	r->nlines = 1;
	r->chunks = xmalloc((r->len / CHUNK + 1) * sizeof(*r->chunks));
	size_t chars = 0;
	for (size_t i = 0; i < r->len; i += CHUNK) {
		r->chunks[i / CHUNK] = chars;
		size_t n = r->len - i < CHUNK ? r->len - i : CHUNK;
		chars += count_chars(r->text + i, n);
	}
	if (r->len % CHUNK == 0)
		r->chunks[r->len / CHUNK] = chars;
	/* \n, \r\n and a lone \r each end a line */
	const char *t = r->text, *end = t + r->len;
	const char *nl = r->len > 0 ? memchr(t, '\n', r->len) : NULL;
	const char *cr = r->len > 0 ? memchr(t, '\r', r->len) : NULL;
	while (nl != NULL || cr != NULL) {
		const char *p = nl == NULL   ? cr
		                : cr == NULL ? nl
		                : nl < cr    ? nl
		                             : cr;
		if (*p == '\r' && p + 1 < end && p[1] == '\n')
			p++; /* the line starts after the \n */
		add_line(r, &cap, (size_t)(p + 1 - t));
		if (nl != NULL && nl <= p)
			nl = memchr(p + 1, '\n', (size_t)(end - p - 1));
		if (cr != NULL && cr <= p)
			cr = memchr(p + 1, '\r', (size_t)(end - p - 1));
	}
}

/* Characters in text[0, pos). */
static size_t
chars_before(const struct render *r, size_t pos)
{
	size_t c = r->chunks[pos / CHUNK];
	for (size_t i = pos - pos % CHUNK; i < pos; i++)
		c += ((unsigned char)r->text[i] & 0xC0) != 0x80;
	return c;
}

/* Offset of the start of 1-based line n, or the text's end past it. */
static size_t
line_offset(const struct render *r, unsigned n)
{
	if (n == 0)
		return 0;
	return n <= r->nlines ? r->lines[n - 1] : r->len;
}

/* The last i below n with a[i] <= pos, by bisection: a is sorted and
 * a[0] <= pos (the line, or the typography stream's segment, holding
 * octet pos). */
static size_t
last_at_or_before(const size_t *a, size_t n, size_t pos)
{
	size_t lo = 0, hi = n;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (a[mid] <= pos)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* File line and column (in characters) of byte offset pos. */
static void
offset_to_pos(struct render *r, size_t pos, unsigned *line, unsigned *col)
{
	size_t lo = last_at_or_before(r->lines, r->nlines, pos);
	unsigned first = r->o->first_line ? r->o->first_line : 1;
	*line = (unsigned)lo + first;
	*col = (unsigned)(chars_before(r, pos) - chars_before(r, r->lines[lo]) +
	                  1);
}

/*
 * Where dest is written in [from, to).  An occurrence right after "(",
 * "<" or a reference definition's ":" is preferred, so that in
 * "[page.md](page.md)" the destination is found, not the link text.
 * Searches that fail (a destination spelled with entities) scan far, so
 * all of them share a budget proportional to the text: past it, links
 * get their block's position, but a hostile page cannot take minutes.
 */
static size_t
find_dest(struct render *r, size_t from, size_t to, const char *dest, bool any)
{
	size_t m = strlen(dest), first = SIZE_MAX;
	for (size_t i = from; m > 0 && i + m <= to && r->budget > m; i++) {
		r->budget--;
		if (r->text[i] != dest[0])
			continue;
		r->budget -= m;
		if (memcmp(r->text + i, dest, m) != 0)
			continue;
		size_t k = i;
		while (k > 0 && strchr(" \t\r\n", r->text[k - 1]) != NULL)
			k--;
		if (any || (k > 0 && strchr("(<:", r->text[k - 1]) != NULL))
			return i;
		if (first == SIZE_MAX)
			first = i;
	}
	return first;
}

/* Whether the destination written at i (up to its ')' or line end)
 * holds an entity or an escape, so that cmark's decoded text differs. */
static bool
spelled_escaped(const struct render *r, size_t i, size_t to)
{
	for (; i < to && r->text[i] != ')' && r->text[i] != '\n'; i++)
		if (r->text[i] == '&' || r->text[i] == '\\')
			return true;
	return false;
}

/* The start of the next inline destination spelled with entities or
 * escapes ("](&#106;avascript:"), between from and to, or SIZE_MAX:
 * cmark gives it decoded, so it is not found as written, and each such
 * link of a block then gets its own place rather than the first one's.
 * Plainly spelled ones are left to the other searches (a nested image
 * is found before its block's current place). */
static size_t
next_inline_dest(struct render *r, size_t from, size_t to)
{
	for (size_t i = from; i + 2 < to && i + 2 < r->len && r->budget > 0;
	     i++, r->budget--)
		if (r->text[i] == ']' && r->text[i + 1] == '(' &&
		    spelled_escaped(r, i + 2, to))
			return i + 2;
	return SIZE_MAX;
}

bool
markdown_is(cmark_node *n, const char *type)
{
	return strcmp(cmark_node_get_type_string(n), type) == 0;
}

/*
 * cmark gives inline nodes no reliable position, so the destination is
 * searched for in the source from its block's first line on; successive
 * links of one block continue from the previous match, so that the same
 * destination written twice gets two positions.  A destination written
 * elsewhere (reference definitions) or spelled with escapes is looked
 * for in the whole text, else the block's own position is used.
 */
static void
locate(struct render *r, cmark_node *b, const char *dest, bool any,
       unsigned *line, unsigned *col)
{
	if (r->at_line != 0) { /* a field's text: its value's place */
		*line = r->at_line;
		*col = r->at_col;
		return;
	}
	if (r->lines == NULL)
		build_lines(r);
	int bl = b ? cmark_node_get_start_line(b) : 1;
	int el = b ? cmark_node_get_end_line(b) : 1;
	size_t from = line_offset(r, (unsigned)bl);
	size_t to = line_offset(r, (unsigned)(el > bl ? el : bl) + 1);
	if (b != NULL && b == r->cur_block && r->cur_pos > from)
		from = r->cur_pos;
	size_t pos = find_dest(r, from, to, dest, any);
	if (pos != SIZE_MAX) {
		r->cur_block = b;
		r->cur_pos = pos + strlen(dest);
	} else if (!any && (pos = next_inline_dest(r, from, to)) != SIZE_MAX) {
		r->cur_block = b;
		r->cur_pos = pos;
	} else if ((pos = find_dest(r, 0, r->len, dest, any)) == SIZE_MAX) {
		int bc = b ? cmark_node_get_start_column(b) : 1;
		pos = line_offset(r, (unsigned)bl) +
		      (size_t)(bc > 0 ? bc - 1 : 0);
		pos = pos < r->len ? pos : r->len;
	}
	offset_to_pos(r, pos, line, col);
}

void
markdown_locate(struct render *r, cmark_node *b, const char *dest,
                unsigned *line, unsigned *col)
{
	locate(r, b, dest, false, line, col);
}

/*
 * The place of a raw HTML tag written in block b: its first occurrence
 * from the previous one's, as written (cmark's literal is the source's
 * text).  markdown_locate() looks on for a destination after "(" and,
 * failing that, for one spelled with escapes, to the block's end: for a
 * page of 32,000 pasted <b> tags on one line, each tag scanned the rest
 * of the line, 30 s of CPU, and past the search budget every tag was
 * said at the block's start (outside tester 30 F1, F2).
 */
static void
locate_tag(struct render *r, cmark_node *b, const char *literal, unsigned *line,
           unsigned *col)
{
	locate(r, b, literal, true, line, col);
}

/* File line and column of the first needle (NULL: the start) on body
 * line n, or of the line's start if needle is not there: for messages
 * about a line as a whole, which cmark positions only by block. */
void
markdown_line_pos(struct render *r, unsigned n, const char *needle,
                  unsigned *line, unsigned *col)
{
	if (r->lines == NULL)
		build_lines(r);
	size_t from = line_offset(r, n), to = line_offset(r, n + 1), pos = from;
	size_t m = needle != NULL ? strlen(needle) : 0;
	for (size_t i = from; m > 0 && i + m <= to; i++)
		if (memcmp(r->text + i, needle, m) == 0) {
			pos = i;
			break;
		}
	offset_to_pos(r, pos, line, col);
}

/* ---- Links and raw HTML ---------------------------------------------- */

/* Browsers ignore leading spaces and controls, and tabs or newlines
 * anywhere in a URL, so "\x01Java\tScript:" is javascript:.  The
 * dangerous scheme of url ("javascript"), NULL if it has none. */
static const char *
dangerous_scheme(const char *url)
{
	static const char *const bad[] = {"javascript", "vbscript", "file",
	                                  "data"};
	char scheme[16];
	size_t n = 0;
	while (*url != '\0' && (unsigned char)*url <= ' ')
		url++;
	for (; *url != '\0' && *url != ':'; url++) {
		if (*url == '\t' || *url == '\n' || *url == '\r')
			continue;
		if (n == sizeof(scheme) - 1)
			return NULL;
		char c = *url;
		scheme[n++] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
	}
	if (*url != ':')
		return NULL;
	scheme[n] = '\0';
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (strcmp(scheme, bad[i]) == 0)
			return bad[i];
	return NULL;
}

static bool
is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* RFC 3986 scheme: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":" */
static bool
has_scheme(const char *url)
{
	if (!is_alpha(*url))
		return false;
	for (url++; *url != '\0' && *url != ':'; url++)
		if (!is_alpha(*url) && !(*url >= '0' && *url <= '9') &&
		    strchr("+-.", *url) == NULL)
			return false;
	return *url == ':';
}

/* A path inside the site, relative or from its root ("/programme/", not
 * "//host/"): what the resolver has to check or turn into a URL; or a
 * heading of this page ("#horaires"), which the resolver checks. */
static bool
is_relative(const char *url)
{
	if (*url == '#')
		return url[1] != '\0';
	while (*url != '\0' && (unsigned char)*url <= ' ')
		url++;
	if (url[0] == '/')
		return url[1] != '/';
	return *url != '\0' && strchr("#?", *url) == NULL && !has_scheme(url);
}

/* A link or image to an http(s) address: the resolver checks the ones
 * that lead to the site itself or to the editor's own computer, an
 * address copied from the browser's bar (outside tester, F16), and
 * refuses an image from another site. */
static bool
is_web_link(const char *url)
{
	return strncasecmp(url, "https://", 8) == 0 ||
	       strncasecmp(url, "http://", 7) == 0;
}

/* The top-level block holding n. */
static cmark_node *
top_block(cmark_node *n)
{
	while (cmark_node_parent(n) != NULL &&
	       cmark_node_get_type(cmark_node_parent(n)) != CMARK_NODE_DOCUMENT)
		n = cmark_node_parent(n);
	return n;
}

/*
 * An outermost image the resolver described as a picture: kept to be
 * published as one after the passes (its description gets French
 * typography first).  Only the text's first image, in its first block,
 * loads at once: it is what a phone shows on opening the page; the
 * others wait until scrolled near, which saves the data of photos a
 * resident never scrolls to.
 */
static void
note_picture(struct render *r, cmark_node *img, const char *desc)
{
	if (r->npics == r->cappics) {
		r->cappics = r->cappics ? 2 * r->cappics : 4;
		r->pics = xrealloc(r->pics, r->cappics * sizeof(*r->pics));
	}
	/* only the first is placed: a parent walk per image would be
	 * quadratic in a hostile text's nesting (issue 10) */
	bool eager =
	    r->npics == 0 && cmark_node_previous(top_block(img)) == NULL;
	r->pics[r->npics++] = (struct picture_at){img, desc, eager};
}

/* A link the resolver described as a published file: told once the
 * passes are done (pass_files()). */
static void
note_file(struct render *r, cmark_node *link, const char *what)
{
	if (r->nfiles == r->capfiles) {
		r->capfiles = r->capfiles ? 2 * r->capfiles : 4;
		r->files = xrealloc(r->files, r->capfiles * sizeof(*r->files));
	}
	r->files[r->nfiles++] = (struct file_at){link, what};
}

/*
 * A javascript: (or vbscript:, file:, data:) destination would run
 * script or open the resident's own files: it is emptied, and the editor
 * told at its place what a page may link to (outside tester 19 F5: the
 * link was dead without a word).
 */
static void
dangerous_drop(struct render *r, cmark_node *n, cmark_node *block, bool image)
{
	const char *url = cmark_node_get_url(n),
	           *scheme = dangerous_scheme(url);
	if (r->d != NULL) {
		unsigned line, col;
		markdown_locate(r, block, url, &line, &col);
		if (image)
			diag_report(r->d, DIAG_WARNING, r->o->file, line, col,
			            "image '%s:…' removed: only images saved "
			            "with the site are published; save the "
			            "image beside the page and give its file "
			            "name",
			            scheme);
		else
			diag_report(
			    r->d, DIAG_WARNING, r->o->file, line, col,
			    "link '%s:…' removed: only web, mailto: and "
			    "tel: links are published; link to a page "
			    "or a web address (https://…), or keep the "
			    "text without a link",
			    scheme);
	}
	cmark_node_set_url(n, "");
}

/* block: the innermost enclosing block that has a source position;
 * outer: n is an image, not inside another one's description.  True if
 * n lost a dangerous destination: pass_links() then keeps only its text
 * (an <a href=""> would be a link that reloads the page). */
static bool
fix_destination(struct render *r, cmark_node *n, cmark_node *block, bool outer)
{
	const char *url = cmark_node_get_url(n);
	if (url == NULL || *url == '\0')
		return false;
	bool image = cmark_node_get_type(n) == CMARK_NODE_IMAGE;
	if (!r->o->unsafe && dangerous_scheme(url) != NULL) {
		dangerous_drop(r, n, block, image);
		return true;
	}
	if (r->o->resolve == NULL || !(is_relative(url) || is_web_link(url)))
		return false;
	unsigned line, col;
	markdown_locate(r, block, url, &line, &col);
	const char *res =
	    r->o->resolve(r->o->resolve_ctx, url, image, line, col);
	const char *nl = res != NULL ? strchr(res, '\n') : NULL;
	if (res == NULL) {
		r->status = -1;
	} else if (nl != NULL) { /* a picture or a file: URL, then the rest */
		if (image && outer)
			note_picture(r, n, nl + 1);
		else if (!image)
			note_file(r, n, nl + 1);
		cmark_node_set_url(
		    n, arena_strndup(r->a, res, (size_t)(nl - res)));
	} else if (res != url) { /* the same string: setting it frees it */
		cmark_node_set_url(n, res);
	}
	return false;
}

/* The text of an image's description (its alt): the literals below it. */
static void
alt_of(cmark_node *img, buf *out)
{
	cmark_iter *it = cmark_iter_new(img);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		const char *s = ev == CMARK_EVENT_ENTER && n != img
		                    ? cmark_node_get_literal(n)
		                    : NULL;
		if (s != NULL)
			buf_puts(out, s);
		else if (ev == CMARK_EVENT_ENTER &&
		         (cmark_node_get_type(n) == CMARK_NODE_SOFTBREAK ||
		          cmark_node_get_type(n) == CMARK_NODE_LINEBREAK))
			buf_putc(out, ' ');
	}
	cmark_iter_free(it);
}

/*
 * A photo in a page informs: its description is what a screen reader
 * says in its place (RGAA 1.2, 1.3).  An empty one, a file name or a
 * word like "photo" is a warning at the image, saying what to write.
 * No syntax marks an image as decorative: a page's photos are content.
 * Located where the resolver will find it too (the links' search left at
 * its destination, cur_pos), so each gets its own position.  Only
 * an outermost image is asked about: its description holds the nested
 * ones' (and reading each nested one's would be quadratic, issue 10).
 */
static void
check_alt(struct render *r, cmark_node *img, cmark_node *block)
{
	const char *url = cmark_node_get_url(img);
	if (r->d == NULL || url == NULL || *url == '\0' ||
	    (!r->o->unsafe && dangerous_scheme(url) != NULL))
		return; /* dropped */
	buf alt = BUF_INIT;
	alt_of(img, &alt);
	/* compared with its file's name only when that name looks given
	 * by a device or a copy: a plan or a map is often named as its alt
	 * says (![Plan](plan.png)) */
	if (alttext_says_nothing(buf_cstr(&alt), NULL) ||
	    alttext_names_file(buf_cstr(&alt), url)) {
		cmark_node *cb = r->cur_block;
		size_t cp = r->cur_pos;
		unsigned line, col;
		markdown_locate(r, block, url, &line, &col);
		r->cur_block = cb; /* the resolver's turn to find it */
		r->cur_pos = cp;
		if (buf_cstr(&alt)[strspn(buf_cstr(&alt), " \t")] == '\0')
			diag_report(
			    r->d, DIAG_WARNING, r->o->file, line, col,
			    "this image has no description: describe "
			    "what the photo shows for people who cannot "
			    "see it, between its brackets: ![what it "
			    "shows](%s)",
			    url);
		else
			diag_report(
			    r->d, DIAG_WARNING, r->o->file, line, col,
			    "'%s' does not describe this image: "
			    "describe what the photo shows for people who "
			    "cannot see it, between its brackets: ![what "
			    "it shows](%s)",
			    buf_cstr(&alt), url);
	}
	buf_free(&alt);
}

/*
 * A walk of the tree that knows, for each node it enters, the nearest
 * enclosing block that has a position in the source (a link's error is
 * located from its block).  The blocks are kept on a stack as the walk
 * enters and leaves them: looking each link's block up through its
 * parents would cost the nesting depth per link, quadratic for 100,000
 * nested "![" (issue 10).  markdown_checks() and pass_links walk with it.
 */
struct walk {
	cmark_iter *it;
	struct nodes blocks;
	size_t images;  /* entered and not left, the node's own included */
	bool no_blocks; /* set by a walk that asks for no block: *block NULL */
	cmark_node_type type; /* of the node walk_next() returned */
};

static void
walk_start(struct walk *w, cmark_node *doc)
{
	w->it = cmark_iter_new(doc);
	w->blocks = (struct nodes){NULL, 0, 0};
	w->images = 0;
	w->no_blocks = false;
}

/* The next node entered, or NULL at the end; *block is its nearest
 * positioned block (the node itself when it is one), or NULL. */
static cmark_node *
walk_next(struct walk *w, cmark_node **block)
{
	cmark_event_type ev;
	struct nodes *b = &w->blocks;
	while ((ev = cmark_iter_next(w->it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(w->it);
		cmark_node_type t = cmark_node_get_type(n);
		if (ev == CMARK_EVENT_EXIT) {
			/* on top when left: it was pushed when entered */
			if (b->n > 0 && b->v[b->n - 1] == n)
				b->n--;
			w->images -= t == CMARK_NODE_IMAGE;
			continue;
		}
		if (ev != CMARK_EVENT_ENTER)
			continue;
		w->images += t == CMARK_NODE_IMAGE;
		w->type = t;
		if (!w->no_blocks &&
		    (t & CMARK_NODE_TYPE_MASK) != CMARK_NODE_TYPE_INLINE &&
		    cmark_node_get_start_line(n) > 0 &&
		    cmark_node_first_child(n) != NULL)
			markdown_nodes_push(b, n);
		*block = b->n ? b->v[b->n - 1] : NULL;
		return n;
	}
	return NULL;
}

static void
walk_end(struct walk *w)
{
	cmark_iter_free(w->it);
	free(w->blocks.v);
}

/* The end of the destination opened at s[i] ("(" just read): the ')'
 * that balances it, or 0 if the text ends first. */
static size_t
dest_end(const char *s, size_t i)
{
	for (int depth = 1; s[i] != '\0'; i++) {
		if (s[i] == '(')
			depth++;
		else if (s[i] == ')' && --depth == 0)
			return i;
	}
	return 0;
}

/* The '[' that the ']' at s[close] closes, or SIZE_MAX. */
static size_t
label_start(const char *s, size_t close)
{
	for (size_t i = close, depth = 0; i-- > 0;) {
		if (s[i] == ']')
			depth++;
		else if (s[i] == '[' && depth-- == 0)
			return i;
	}
	return SIZE_MAX;
}

/* Whether s starts with a capital letter, as a page's title does:
 * A-Z, or Latin-1's À-Þ (but ×), in UTF-8. */
static bool
starts_upper(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	if (*u >= 'A' && *u <= 'Z')
		return true;
	return u[0] == 0xC3 && u[1] >= 0x80 && u[1] <= 0x9E && u[1] != 0x97;
}

/*
 * "[l’atelier de l’école](Nettoyer les abords de l’école)": a page's
 * title written as the address, which Markdown shows as written,
 * brackets and all (outside tester 32 F6; check said nothing).  Told
 * from "[sic](voir plus haut)" of prose by its capital, as a title has.
 */
static void
warn_titled(struct render *r, cmark_node *b, size_t dn, const char *dest)
{
	/* at its "](": the text as written is not the literal, whose
	 * apostrophes the typography has curled */
	unsigned line, col;
	markdown_locate(r, b, "](", &line, &col);
	diag_report(r->d, DIAG_WARNING, r->o->file, line, col,
	            "this link is not recognised: its address '%.*s' holds "
	            "spaces, as a page's title does, and no address does; to "
	            "link to a page, write its file's name, as "
	            "[text](../ateliers/NAME.md)",
	            (int)dn, dest);
}

/*
 * "![](Photo Préau (1).JPEG)", "[plan](mon fichier.pdf)": a destination
 * with spaces is no link in CommonMark, so the page shows the text as
 * written, brackets and all.  Editors copy file names as the phone or
 * Windows gave them: a warning at its place, with the text to write.
 * Only text holding "](" is read (a few nodes of a page), and only a
 * destination that looks like a file or an address ('.' or '/'), or a
 * title (warn_titled()), so a "[sic](voir plus haut)" of prose is left
 * alone.
 */
static void
check_unlinked(struct render *r, cmark_node *n, cmark_node *b)
{
	const char *s = cmark_node_get_literal(n), *p;
	for (size_t from = 0; s != NULL && (p = strstr(s + from, "]("));) {
		size_t close = (size_t)(p - s), open = label_start(s, close);
		size_t end = dest_end(s, close + 2);
		from = close + 2;
		if (open == SIZE_MAX || end == 0)
			continue;
		const char *dest = s + close + 2;
		size_t dn = end - close - 2;
		if (dn == 0 || dest[0] == '<' ||
		    (!memchr(dest, ' ', dn) && !memchr(dest, '\t', dn)))
			continue;
		bool file = memchr(dest, '.', dn) || memchr(dest, '/', dn);
		if (!file && starts_upper(dest)) {
			warn_titled(r, b, dn, dest);
			from = end + 1;
			continue;
		}
		if (!file)
			continue;
		bool image = open > 0 && s[open - 1] == '!';
		size_t first = open - image, ln = close - open - 1;
		buf fix = BUF_INIT, as_written = BUF_INIT;
		buf_printf(&fix, "%s[%.*s](<%.*s>)", image ? "!" : "",
		           (int)(ln > 0 || !image ? ln : 11),
		           ln > 0 || !image ? s + open + 1 : "description",
		           (int)dn, dest);
		buf_put(&as_written, s + first, end + 1 - first);
		unsigned line, col;
		markdown_locate(r, b, buf_cstr(&as_written), &line, &col);
		diag_report(r->d, DIAG_WARNING, r->o->file, line, col,
		            image ? "this image is not recognised: a file name "
		                    "with spaces is written between < >: %s, "
		                    "or rename the file"
		                  : "this link is not recognised: a file name "
		                    "with spaces is written between < >: %s, "
		                    "or rename the file",
		            buf_cstr(&fix));
		buf_free(&fix);
		buf_free(&as_written);
		from = end + 1;
	}
}

/* A link (or image) whose destination was removed becomes its text:
 * its children move before it, and it is freed after rendering, as
 * their literals may point into it (struct render's dead). */
static void
keep_text_only(struct render *r, cmark_node *n)
{
	cmark_node *c;
	while ((c = cmark_node_first_child(n)) != NULL)
		cmark_node_insert_before(n, c);
	cmark_node_unlink(n);
	markdown_nodes_push(&r->dead, n);
}

static void
pass_links(struct render *r, cmark_node *doc)
{
	struct nodes drop = {NULL, 0, 0}, unwrap = {NULL, 0, 0};
	struct walk w;
	cmark_node *n, *b;
	walk_start(&w, doc);
	while ((n = walk_next(&w, &b)) != NULL) {
		cmark_node_type t = cmark_node_get_type(n);
		if (t == CMARK_NODE_IMAGE && w.images == 1)
			check_alt(r, n, b);
		if (t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE) {
			if (fix_destination(r, n, b,
			                    t == CMARK_NODE_IMAGE &&
			                        w.images == 1))
				markdown_nodes_push(&unwrap, n);
		} else if ((t == CMARK_NODE_HTML_BLOCK ||
		            t == CMARK_NODE_HTML_INLINE) &&
		           !r->o->unsafe)
			markdown_nodes_push(&drop, n);
		else if (t == CMARK_NODE_TEXT && r->d != NULL && w.images == 0)
			check_unlinked(r, n, b);
	}
	walk_end(&w);
	for (size_t i = 0; i < drop.n; i++) {
		cmark_node_unlink(drop.v[i]);
		cmark_node_free(drop.v[i]);
	}
	free(drop.v);
	for (size_t i = 0; i < unwrap.n; i++)
		keep_text_only(r, unwrap.v[i]);
	free(unwrap.v);
}

/* ---- What the browser would fetch elsewhere ---------------------------- */

/* An image the browser would ask another site for: http(s), ftp or a
 * "//host/" path.  Every visit would give that site the resident's
 * address, which the commune's legal notice says no third party gets. */
static bool
is_remote(const char *url)
{
	static const char *const remote[] = {"http:", "https:", "ftp:"};
	while (*url != '\0' && (unsigned char)*url <= ' ')
		url++;
	if (url[0] == '/' && url[1] == '/')
		return true;
	for (size_t i = 0; i < sizeof(remote) / sizeof(remote[0]); i++)
		if (strncasecmp(url, remote[i], strlen(remote[i])) == 0)
			return true;
	return false;
}

/* The host of a remote URL ("maps.googleapis.com"), for the message:
 * the editor recognises the site, not the whole address. */
static void
remote_host(const char *url, const char **host, int *len)
{
	const char *h = strstr(url, "//");
	h = h != NULL ? h + 2 : url;
	size_t n = strcspn(h, "/?#");
	const char *at = memchr(h, '@', n);
	if (at != NULL) {
		n -= (size_t)(at + 1 - h);
		h = at + 1;
	}
	*host = n > 0 ? h : url;
	*len = (int)(n > 0 ? n : strlen(url));
}

/* Whether text holds a '<' or a "//": without either there is neither
 * raw HTML nor a remote image to look for, as in most pages. */
static bool
may_fetch(const char *text, size_t len)
{
	if (memchr(text, '<', len) != NULL)
		return true;
	for (const char *p = text, *end = text + len;
	     (p = memchr(p, '/', (size_t)(end - p))) != NULL && p + 1 < end;
	     p++)
		if (p[1] == '/')
			return true;
	return false;
}

static void
remote_image_error(struct render *r, cmark_node *img, cmark_node *block)
{
	const char *url = cmark_node_get_url(img);
	unsigned line, col;
	r->status = -1;
	if (r->d == NULL)
		return;
	markdown_locate(r, block, url, &line, &col);
	markdown_remote_image_error(r->d, r->o->file, line, col, url);
}

void
markdown_remote_image_error(diag *d, const char *file, unsigned line,
                            unsigned col, const char *url)
{
	const char *host;
	int hl;
	remote_host(url, &host, &hl);
	diag_report(d, DIAG_ERROR, file, line, col,
	            "this image is loaded from another site (%.*s): every "
	            "visitor's address would go to it, which the site's "
	            "legal notice rules out; save the image "
	            "beside this page and link to the file instead: "
	            "![description](photo.jpg)",
	            hl, host);
}

/* An image from another site.  An http(s) one is the resolver's to
 * judge when there is one: it knows the site's own address, from which
 * an image is no third party's (a photo's address copied from the
 * browser's bar, or a file of the commune's own site on the same host). */
static bool
is_foreign_image(const struct render *r, cmark_node *img)
{
	const char *url = cmark_node_get_url(img);
	return url != NULL && is_remote(url) &&
	       !(r->o->resolve != NULL && is_web_link(url));
}

/* The tag name of raw HTML ("iframe" for "<IFRAME src=…>"), lower-case in
 * out; empty for a closing tag, a comment or a declaration, which say
 * nothing the editor has not already been told at the opening tag. */
static void
html_tag(const char *lit, char *out, size_t size)
{
	size_t n = 0;
	while (*lit == ' ' || *lit == '\t' || *lit == '\n')
		lit++;
	if (*lit == '<')
		lit++;
	else
		lit = ""; /* not a tag */
	for (; is_alpha(*lit) || (n > 0 && *lit >= '0' && *lit <= '9'); lit++)
		if (n + 1 < size)
			out[n++] = (char)(*lit | 0x20);
	out[n] = '\0';
}

static bool
tag_is(const char *tag, const char *const *set)
{
	for (; *set != NULL; set++)
		if (strcmp(tag, *set) == 0)
			return true;
	return false;
}

/* The warning for any other tag; a block's words go with it, and are
 * named. */
static void
plain_html_warning(struct render *r, cmark_node *n, const char *tag,
                   unsigned line, unsigned col)
{
	buf w = BUF_INIT;
	if (cmark_node_get_type(n) == CMARK_NODE_HTML_BLOCK)
		markdown_html_words(cmark_node_get_literal(n), &w);
	if (w.len > 0)
		diag_report(r->d, DIAG_WARNING, r->o->file, line, col,
		            "raw HTML is not published (<%s>), nor the text "
		            "it holds ('%s'): write that text without the tags "
		            "in < >, in Markdown: **bold**, *italics*, "
		            "[link](address)",
		            tag, buf_cstr(&w));
	else
		diag_report(r->d, DIAG_WARNING, r->o->file, line, col,
		            "raw HTML is not published (<%s>); write it in "
		            "Markdown: **bold**, *italics*, [link](address), "
		            "lists with -",
		            tag);
	buf_free(&w);
}

/*
 * A page of text pasted from a web page can hold thousands of
 * formatting tags (<b>, <span>): the first TAGS_SAID_MAX are said each at
 * its place, the rest in one warning at the first of them, rather than
 * 32,000 lines the editor cannot read (outside tester 30 F2).  What
 * loads or runs something (a script, a video, an image) is always said.
 */
enum { TAGS_SAID_MAX = 10 };
struct tags_said {
	size_t n, more;     /* formatting tags said; those left unsaid */
	unsigned line, col; /* the first one left unsaid */
};

static void
tags_said_end(struct render *r, const struct tags_said *said)
{
	if (said->more == 0 || r->d == NULL)
		return;
	diag_report(r->d, DIAG_WARNING, r->o->file, said->line, said->col,
	            diag_plural(r->d, said->more,
	                        "%zu more HTML tag of this page is removed "
	                        "the same way, from here on: write its "
	                        "formatting in Markdown",
	                        "%zu more HTML tags of this page are removed "
	                        "the same way, from here on (not each said): "
	                        "write their formatting in Markdown"),
	            said->more);
}

/* Raw HTML is not published (safe mode): say so where it is written,
 * with what to write instead for what editors paste most (an embedded
 * video or map, an image). */
static void
raw_html_warning(struct render *r, cmark_node *n, cmark_node *block,
                 struct tags_said *said)
{
	static const char *const embeds[] = {"iframe", "embed", "object",
	                                     "video",  "audio", NULL};
	static const char *const images[] = {"img", "picture", NULL};
	char tag[16];
	unsigned line, col;
	html_tag(cmark_node_get_literal(n), tag, sizeof(tag));
	if (r->d == NULL || tag[0] == '\0')
		return;
	bool formatting = cmark_node_get_type(n) == CMARK_NODE_HTML_INLINE &&
	                  markdown_html_harmless(tag);
	if (formatting && said->n >= TAGS_SAID_MAX) {
		if (said->more++ == 0)
			locate_tag(r, block, cmark_node_get_literal(n),
			           &said->line, &said->col);
		return;
	}
	said->n += formatting;
	if (cmark_node_get_type(n) == CMARK_NODE_HTML_BLOCK) {
		unsigned first = r->o->first_line ? r->o->first_line : 1;
		line = (unsigned)cmark_node_get_start_line(n) + first - 1;
		col = (unsigned)cmark_node_get_start_column(n);
	} else
		locate_tag(r, block, cmark_node_get_literal(n), &line, &col);
	if (strcmp(tag, "script") == 0 || strcmp(tag, "style") == 0)
		diag_report(r->d, DIAG_WARNING, r->o->file, line, col,
		            "raw HTML is not published (<%s>), nor the code it "
		            "holds; remove it from the page",
		            tag);
	else if (tag_is(tag, embeds))
		diag_report(r->d, DIAG_WARNING, r->o->file, line, col,
		            "raw HTML is not published (<%s>), and would load "
		            "another site on every visit; put a link to the "
		            "video or map instead: [see the video](https://…)",
		            tag);
	else if (tag_is(tag, images))
		diag_report(
		    r->d, DIAG_WARNING, r->o->file, line, col,
		    "raw HTML is not published (<%s>); save the image "
		    "beside this page and write ![description](photo.jpg)",
		    tag);
	else if (formatting)
		diag_report(
		    r->d, DIAG_WARNING, r->o->file, line, col,
		    "the HTML tags are removed (<%s>) and the text is "
		    "kept, without its formatting; to format it, write "
		    "it in Markdown: **bold**, *italics*, [link](address)",
		    tag);
	else
		plain_html_warning(r, n, tag, line, col);
}

/* "<script …>" or "<style …>" written inline: its code follows as text
 * nodes up to "</script>", and must go with it, not be shown as text.
 * Returns the closing tag's name, or NULL. */
static const char *
code_opener(cmark_node *n)
{
	char tag[16];
	if (cmark_node_get_type(n) != CMARK_NODE_HTML_INLINE)
		return NULL;
	html_tag(cmark_node_get_literal(n), tag, sizeof(tag));
	if (strcmp(tag, "script") == 0)
		return "</script";
	return strcmp(tag, "style") == 0 ? "</style" : NULL;
}

/* Takes the siblings after opener out, up to its closing tag (left for
 * the caller, which drops every raw HTML node). */
static void
drop_code_text(struct render *r, cmark_node *opener, const char *closer)
{
	cmark_node *s = cmark_node_next(opener);
	while (s != NULL) {
		cmark_node *next = cmark_node_next(s);
		if (cmark_node_get_type(s) == CMARK_NODE_HTML_INLINE) {
			if (strncasecmp(cmark_node_get_literal(s), closer,
			                strlen(closer)) == 0)
				return;
		} else {
			cmark_node_unlink(s);
			markdown_nodes_push(&r->dead, s);
		}
		s = next;
	}
}

/* Drops collected raw HTML (with a script's or style's inline code) and
 * puts each remote image's description in its place. */
static void
drop_collected(struct render *r, struct nodes *html, struct nodes *imgs)
{
	for (size_t i = 0; i < html->n; i++) {
		const char *closer = code_opener(html->v[i]);
		if (closer != NULL)
			drop_code_text(r, html->v[i], closer);
	}
	for (size_t i = 0; i < html->n; i++) {
		cmark_node_unlink(html->v[i]);
		markdown_nodes_push(&r->dead, html->v[i]);
	}
	for (size_t i = 0; i < imgs->n; i++) {
		cmark_node *c;
		while ((c = cmark_node_first_child(imgs->v[i])) != NULL)
			cmark_node_insert_before(imgs->v[i], c);
		cmark_node_unlink(imgs->v[i]);
		markdown_nodes_push(&r->dead, imgs->v[i]);
	}
}

/*
 * Nothing a page publishes may make the browser ask another site for
 * anything (legal notice: « aucun service tiers »): a remote image is an
 * error at its place (Markdown's only way to fetch), and raw HTML, which
 * could embed anything, is dropped in safe mode with a warning saying
 * what to write instead.  Runs before the plain text is taken, so that
 * a pasted script's code reaches neither the page nor the search index.
 * The one walk of markdown_checks() notes each such node with its
 * block; fetches_end() says and drops them, in document order.
 */
struct fetches {
	bool on;
	struct nodes n, blocks; /* blocks.v[i]: n.v[i]'s positioned block */
};

static void
fetches_visit(const struct render *r, struct fetches *f, cmark_node *n,
              cmark_node_type t, cmark_node *block)
{
	if (!f->on)
		return;
	if ((t == CMARK_NODE_IMAGE && is_foreign_image(r, n)) ||
	    ((t == CMARK_NODE_HTML_BLOCK || t == CMARK_NODE_HTML_INLINE) &&
	     !r->o->unsafe)) {
		markdown_nodes_push(&f->n, n);
		markdown_nodes_push(&f->blocks, block);
	}
}

/* A pasted <br> (<br/>, <BR />) inside a paragraph: the line break it
 * means, which Markdown writes as a line ending in two spaces or "\\".
 * Dropped as raw HTML, it glued the words on either side together on
 * the page, in the search index and the calendars (outside tester 26
 * F12). */
static bool
is_line_break(cmark_node *n)
{
	char tag[16];
	if (cmark_node_get_type(n) != CMARK_NODE_HTML_INLINE)
		return false;
	const char *lit = cmark_node_get_literal(n);
	html_tag(lit, tag, sizeof(tag));
	return strcmp(tag, "br") == 0 && lit[strcspn(lit, ">")] == '>' &&
	       strspn(lit + 3, " \t/") == strcspn(lit + 3, ">");
}

static void
fetches_end(struct render *r, struct fetches *f)
{
	struct nodes html = {NULL, 0, 0}, imgs = {NULL, 0, 0};
	struct tags_said said = {0};
	if (!f->on)
		return;
	for (size_t i = 0; i < f->n.n; i++) {
		cmark_node *n = f->n.v[i];
		if (cmark_node_get_type(n) == CMARK_NODE_IMAGE) {
			remote_image_error(r, n, f->blocks.v[i]);
			markdown_nodes_push(&imgs, n);
		} else if (is_line_break(n)) {
			cmark_node_insert_before(
			    n, markdown_node_new(r, CMARK_NODE_LINEBREAK));
			markdown_nodes_push(&html, n);
		} else {
			raw_html_warning(r, n, f->blocks.v[i], &said);
			markdown_nodes_push(&html, n);
		}
	}
	tags_said_end(r, &said);
	drop_collected(r, &html, &imgs);
	free(html.v);
	free(imgs.v);
	free(f->n.v);
	free(f->blocks.v);
	r->cur_block = NULL; /* pass_links locates from the start again */
	r->cur_pos = 0;
}

/* The state of each check of the one walk (markdown_checks). */
struct checks {
	struct private_notes priv;
	struct noted contacts, paste;
	struct fetches fetches;
};

/* Gives node n (of type t, in block b) to the checks that read its type:
 * most nodes (emphasis, breaks, list items…) concern none. */
static void
checks_visit(struct render *r, struct checks *c, cmark_node *n,
             cmark_node_type t, cmark_node *b)
{
	switch (t) {
	case CMARK_NODE_TEXT:
	case CMARK_NODE_LINK:
		markdown_gfm_private_visit(&c->priv, n, t);
		markdown_gfm_contacts_visit(r, &c->contacts, n, t);
		break;
	case CMARK_NODE_CODE: markdown_gfm_private_visit(&c->priv, n, t); break;
	case CMARK_NODE_CODE_BLOCK:
		markdown_gfm_private_visit(&c->priv, n, t);
		markdown_paste_visit(r, &c->paste, n, t);
		break;
	case CMARK_NODE_PARAGRAPH:
		markdown_paste_visit(r, &c->paste, n, t);
		break;
	case CMARK_NODE_IMAGE:
	case CMARK_NODE_HTML_BLOCK:
	case CMARK_NODE_HTML_INLINE:
		fetches_visit(r, &c->fetches, n, t, b);
		break;
	default: break;
	}
}

/*
 * The one walk of the checks that read the tree as parsed (see
 * markdown_int.h): each page's nodes were walked once per check (four
 * times, seven with private contacts); now once, each node given to the
 * checks that read its type, then each check ends, in the order they
 * always ran.  Only the raw HTML and remote images check asks for each
 * node's block, so the block stack is kept only when it is on.
 */
static void
markdown_checks(struct render *r, cmark_node *doc)
{
	struct checks c = {.fetches = {may_fetch(r->text, r->len), {0}, {0}}};
	if (c.fetches.on && !r->o->unsafe) /* its words, checked as any */
		markdown_html_keep_text(r, doc);
	markdown_gfm_private_start(r, &c.priv);
	markdown_gfm_contacts_start(r, &c.contacts);
	markdown_paste_start(r, &c.paste);
	/* what the checks before each change: private contacts, raw HTML */
	c.contacts.now = !c.priv.on;
	c.paste.now = !c.priv.on && !c.fetches.on;
	if (c.priv.on || c.contacts.on || c.fetches.on || c.paste.on) {
		struct walk w;
		cmark_node *n, *b;
		walk_start(&w, doc);
		w.no_blocks = !c.fetches.on;
		while ((n = walk_next(&w, &b)) != NULL)
			checks_visit(r, &c, n, w.type, b);
		walk_end(&w);
	}
	markdown_gfm_private_end(r, &c.priv);
	markdown_gfm_contacts_end(r, &c.contacts);
	fetches_end(r, &c.fetches);
	markdown_paste_end(r, &c.paste);
}

/* ---- French typography ----------------------------------------------- */

bool
markdown_is_letter(uint32_t c)
{
	if (c < 0x80)
		return is_alpha((char)c);
	return (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) ||
	       (c >= 0x370 && c < 0x2000);
}

static bool
is_space(uint32_t c)
{
	return c == ' ' || c == '\n' || c == '\t' || c == NBSP || c == NNBSP ||
	       (c >= 0x2000 && c <= 0x200A) || c == 0x205F || c == 0x3000;
}

static bool
is_high_punct(uint32_t c)
{
	return c == ';' || c == '!' || c == '?';
}

/* Appends segment n (NULL: a stand-in) holding the len octets at s. */
static void
stream_add(struct stream *st, cmark_node *n, const char *s, size_t len)
{
	if (st->nseg + 2 > st->segcap) {
		st->segcap = st->segcap ? 2 * st->segcap : 32;
		st->segs = xrealloc(st->segs, st->segcap * sizeof(*st->segs));
		st->start =
		    xrealloc(st->start, st->segcap * sizeof(*st->start));
	}
	if (st->n + len + 1 > st->cap) {
		while (st->n + len + 1 > st->cap)
			st->cap = st->cap ? 2 * st->cap : 256;
		st->b = xrealloc(st->b, st->cap);
	}
	st->segs[st->nseg] = n;
	st->start[st->nseg++] = st->n;
	memcpy(st->b + st->n, s, len);
	st->n += len;
	st->b[st->n] = '\0';
	st->start[st->nseg] = st->n;
}

/* <https://x.fr/?a!> must keep its visible text exactly. */
static bool
is_autolink(cmark_node *link)
{
	cmark_node *c = cmark_node_first_child(link);
	const char *url = cmark_node_get_url(link);
	if (c == NULL || cmark_node_next(c) != NULL ||
	    cmark_node_get_type(c) != CMARK_NODE_TEXT || url == NULL)
		return false;
	const char *s = cmark_node_get_literal(c);
	if (strncmp(url, "mailto:", 7) == 0 && strcmp(url + 7, s) == 0)
		return true;
	return strcmp(url, s) == 0;
}

/*
 * Fills the stream with the inline content of a paragraph or heading: a
 * hard break stands as "\n", a code span or an autolink as 0x01 (as a
 * control character in a text would, neither a letter, a space nor a
 * sign).  The octets end with a NUL, which no text node holds.
 */
static void
stream_collect(struct stream *st, cmark_node *block)
{
	st->n = st->nseg = 0;
	cmark_iter *it = cmark_iter_new(block);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		const char *s;
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
			s = cmark_node_get_literal(n);
			stream_add(st, n, s ? s : "", s ? strlen(s) : 0);
			break;
		case CMARK_NODE_SOFTBREAK: stream_add(st, n, " ", 1); break;
		case CMARK_NODE_LINEBREAK: stream_add(st, NULL, "\n", 1); break;
		case CMARK_NODE_CODE: stream_add(st, NULL, "\x01", 1); break;
		case CMARK_NODE_LINK:
			if (is_autolink(n)) {
				stream_add(st, NULL, "\x01", 1);
				cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
			}
			break;
		default: break;
		}
	}
	cmark_iter_free(it);
}

/* The segment holding octet pos (< st->n), by bisection. */
static size_t
stream_seg(const struct stream *st, size_t pos)
{
	return last_at_or_before(st->start, st->nseg, pos);
}

/* Curly double quotes count as the guillemets they become. */
static uint32_t
as_guillemet(uint32_t c)
{
	return c == 0x201C ? 0xAB : c == 0x201D ? 0xBB : c;
}

/*
 * The character starting at octet p (a character boundary), decoded
 * within its segment as a text node's own decoding would (a sequence
 * cut by a node's end is raw octets); *len gets its octets.
 */
static uint32_t
char_at(const struct stream *st, size_t p, size_t *len)
{
	const unsigned char *u = (const unsigned char *)st->b;
	uint32_t c = u[p];
	*len = 1;
	if (c >= 0x80) {
		size_t end = st->start[stream_seg(st, p) + 1];
		*len = decode_raw(u + p, end - p, &c);
	}
	return c;
}

/*
 * The character ending just before octet p (a character boundary,
 * p > 0).  Its first octet is the last non-continuation octet at most
 * four back in its segment: decoding never runs over one, so the
 * segment's decoding from its start has a boundary there.  If the
 * character found there does not end at p, the octet before p is raw.
 */
static uint32_t
char_before(const struct stream *st, size_t p)
{
	const unsigned char *u = (const unsigned char *)st->b;
	if (u[p - 1] < 0x80)
		return u[p - 1];
	size_t s = stream_seg(st, p - 1), q = p - 1;
	while (q > st->start[s] && q + 4 > p && (u[q] & 0xC0) == 0x80)
		q--;
	uint32_t c;
	if (q + decode_raw(u + q, st->start[s + 1] - q, &c) != p)
		return RAW_BYTE + u[p - 1];
	return as_guillemet(c);
}

/*
 * Records that segment seg's octets [pos, pos + del) become the ins
 * octets.  Edits are made in the order of pos, so in segment order.
 */
static void
stream_edit(struct stream *st, size_t pos, size_t del, const char *ins)
{
	if (st->ne == st->ecap) {
		st->ecap = st->ecap ? 2 * st->ecap : 32;
		st->e = xrealloc(st->e, st->ecap * sizeof(*st->e));
	}
	struct typo_edit *e = &st->e[st->ne++];
	e->pos = pos;
	e->del = del;
	e->seg = stream_seg(st, pos);
	e->len = (unsigned char)strlen(ins);
	memcpy(e->ins, ins, e->len);
	st->dirty[e->seg] = 1;
}

/* The octets a rule can start from: ; ! ? : and the lead of « » “ ”
 * (strpbrk() tests 16 octets at a time where the CPU can). */
#define TYPO_LEADS ";!?:\xC2\xE2"

#define NBSP_S "\xC2\xA0"
#define NNBSP_S "\xE2\x80\xAF"

/*
 * The run of spaces [i, j) becomes rep, put in the segment of its last
 * space (its other spaces leave their segments, soft breaks included).
 */
static void
replace_run(struct stream *st, size_t i, size_t j, const char *rep)
{
	for (size_t k = i; k + 1 < j; k++)
		stream_edit(st, k, 1, "");
	stream_edit(st, j - 1, 1, rep);
}

/* The start of the run of spaces that ends at p (p if none). */
static size_t
run_start(const struct stream *st, size_t p)
{
	while (p > 0 && st->b[p - 1] == ' ')
		p--;
	return p;
}

/* "Quoi?" and "Quoi?!" end a word; "index.php?id=3" does not. */
static bool
ends_word(const struct stream *st, size_t p)
{
	size_t k = p + 1, len;
	while (k < st->n && is_high_punct((unsigned char)st->b[k]))
		k++;
	if (k == st->n)
		return true;
	uint32_t c = as_guillemet(char_at(st, k, &len));
	return is_space(c) || c == 0xBB;
}

/*
 * ; ! ? at p: the spaces before become one narrow no-break space, or
 * one is put between a word and the sign; ':' only has its spaces made
 * one no-break space.
 */
static void
typeset_punct(struct stream *st, size_t p, uint32_t c)
{
	size_t i = run_start(st, p);
	if (i < p)
		replace_run(st, i, p, c == ':' ? NBSP_S : NNBSP_S);
	else if (c != ':' && p > 0 && markdown_is_letter(char_before(st, p)) &&
	         ends_word(st, p))
		stream_edit(st, p, 0, NNBSP_S);
}

/* » (or ”, curly, len octets) at p: a no-break space before it. */
static void
typeset_close(struct stream *st, size_t p, size_t len, bool curly)
{
	size_t i = run_start(st, p);
	if (i < p)
		replace_run(st, i, p, NBSP_S);
	if (i == p && p > 0 && !is_space(char_before(st, p)))
		stream_edit(st, p, len, NBSP_S "\xC2\xBB");
	else if (curly)
		stream_edit(st, p, len, "\xC2\xBB");
}

/*
 * Whether the spaces before octet j are the business of the sign at j
 * (; ! ? : » or ”), which typesets them when the scan reaches it.
 */
static bool
opens_rule(const struct stream *st, size_t j)
{
	size_t len;
	uint32_t c = as_guillemet(char_at(st, j, &len));
	return is_high_punct(c) || c == ':' || c == 0xBB;
}

/* « (or “, curly, len octets) at p: a no-break space after it. */
static void
typeset_open(struct stream *st, size_t p, size_t len, bool curly)
{
	size_t q = p + len, j = q, next;
	while (j < st->n && st->b[j] == ' ')
		j++;
	bool run = j > q && j < st->n && !opens_rule(st, j);
	if (j == q && q < st->n &&
	    !is_space(as_guillemet(char_at(st, q, &next))))
		stream_edit(st, p, len, "\xC2\xAB" NBSP_S);
	else if (curly)
		stream_edit(st, p, len, "\xC2\xAB");
	if (run)
		replace_run(st, q, j, NBSP_S);
}

/*
 * One pass over the paragraph's octets, from each sign a rule starts
 * from (most octets are none): curly double quotes become guillemets,
 * spaces before ; ! ? one narrow no-break space, before : » and after «
 * one no-break space, and one is put where a sign touches its word.
 * Only the octets around a sign change, so each change is an edit of
 * its segment and the rest of the text is never decoded or copied.
 */
static void
typeset(struct stream *st)
{
	st->ne = 0;
	if (st->dirtycap < st->nseg) {
		st->dirtycap = st->nseg;
		st->dirty = xrealloc(st->dirty, st->dirtycap);
	}
	if (st->nseg > 0)
		memset(st->dirty, 0, st->nseg);
	if (st->n == 0)
		return;
	for (const char *q = st->b; (q = strpbrk(q, TYPO_LEADS)) != NULL;) {
		size_t p = (size_t)(q - st->b), len;
		unsigned char o = (unsigned char)*q;
		if (o < 0x80) {
			typeset_punct(st, p, o);
			q++;
			continue;
		}
		uint32_t c = char_at(st, p, &len);
		if (c == 0xBB || c == 0x201D)
			typeset_close(st, p, len, c == 0x201D);
		else if (c == 0xAB || c == 0x201C)
			typeset_open(st, p, len, c == 0x201C);
		q += len;
	}
}

/*
 * A soft break whose space was replaced becomes a text node holding the
 * no-break space (or disappears), since a line end there would let the
 * browser break the line where French typography forbids it.
 */
static void
write_segment(const struct render *r, cmark_node *n, const char *s)
{
	if (cmark_node_get_type(n) == CMARK_NODE_TEXT) {
		if (strcmp(cmark_node_get_literal(n), s) != 0)
			cmark_node_set_literal(n, s);
		return;
	}
	if (strcmp(s, " ") == 0)
		return;
	if (*s != '\0') {
		cmark_node *t = markdown_node_new(r, CMARK_NODE_TEXT);
		cmark_node_set_literal(t, s);
		cmark_node_insert_before(n, t);
	}
	cmark_node_unlink(n);
	cmark_node_free(n);
}

/* Each edited segment written back: its octets with its edits made. */
static void
stream_write_back(struct render *r)
{
	struct stream *st = &r->st;
	buf b = BUF_INIT;
	size_t e = 0;
	for (size_t s = 0; s < st->nseg && e < st->ne; s++) {
		if (!st->dirty[s])
			continue;
		buf_reset(&b);
		size_t p = st->start[s];
		for (; e < st->ne && st->e[e].seg == s; e++) {
			buf_put(&b, st->b + p, st->e[e].pos - p);
			buf_put(&b, st->e[e].ins, st->e[e].len);
			p = st->e[e].pos + st->e[e].del;
		}
		buf_put(&b, st->b + p, st->start[s + 1] - p);
		buf_putc(&b, '\0'); /* b.data set even when empty */
		write_segment(r, st->segs[s], b.data);
	}
	buf_free(&b);
}

/* The node after n in a walk of block's descendants, NULL at the end. */
static cmark_node *
next_within(cmark_node *block, cmark_node *n)
{
	cmark_node *c = cmark_node_first_child(n);
	if (c != NULL)
		return c;
	for (; n != block; n = cmark_node_parent(n))
		if (cmark_node_next(n) != NULL)
			return cmark_node_next(n);
	return NULL;
}

/* Whether s holds one of the characters every rule of typeset() starts
 * from: ; ! ? : « » “ ”.  Other text is left exactly as it is. */
static bool
has_trigger(const char *s)
{
	if (s == NULL)
		return false;
	for (const char *p = s; (p = strpbrk(p, TYPO_LEADS)) != NULL; p++) {
		const unsigned char *u = (const unsigned char *)p;
		if (*u < 0x80)
			return true;
		if (*u == 0xC2 && (u[1] == 0xAB || u[1] == 0xBB))
			return true; /* « U+00AB, » U+00BB */
		if (*u == 0xE2 && u[1] == 0x80 &&
		    (u[2] == 0x9C || u[2] == 0x9D))
			return true; /* “ U+201C, ” U+201D */
	}
	return false;
}

/*
 * Most paragraphs hold none of the characters the rules start from:
 * those are skipped before their text is decoded into code points (the
 * pass was 8 % of a cold build's CPU at 10,000 pages).  Only text nodes
 * are read, as stream_collect() reads only them.
 */
static bool
needs_typesetting(cmark_node *block)
{
	for (cmark_node *n = cmark_node_first_child(block); n != NULL;
	     n = next_within(block, n))
		if (cmark_node_get_type(n) == CMARK_NODE_TEXT &&
		    has_trigger(cmark_node_get_literal(n)))
			return true;
	return false;
}

void
markdown_french(struct render *r, cmark_node *doc)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);
		if (ev != CMARK_EVENT_ENTER ||
		    (t != CMARK_NODE_PARAGRAPH && t != CMARK_NODE_HEADING &&
		     !markdown_is(n, "table_cell")))
			continue;
		if (needs_typesetting(n)) {
			stream_collect(&r->st, n);
			typeset(&r->st);
			stream_write_back(r);
		}
		/* Skip the children, which were just handled (and maybe
		 * replaced). */
		cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
	}
	cmark_iter_free(it);
}

void
markdown_stream_free(struct stream *st)
{
	free(st->b);
	free(st->segs);
	free(st->start);
	free(st->e);
	free(st->dirty);
}

/* ---- Headings -------------------------------------------------------- */

static size_t
hash_str(const char *s)
{
	size_t h = 14695981039346656037u & SIZE_MAX;
	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

/* The slot holding id, or the empty slot where it would go. */
static struct id_entry *
id_slot(struct render *r, const char *id)
{
	size_t mask = r->idcap - 1;
	for (size_t i = hash_str(id) & mask;; i = (i + 1) & mask)
		if (r->ids[i].id == NULL || strcmp(r->ids[i].id, id) == 0)
			return &r->ids[i];
}

static void
id_add(struct render *r, const char *id)
{
	if (2 * (r->nids + 1) > r->idcap) {
		struct id_entry *old = r->ids;
		size_t oldcap = r->idcap;
		r->idcap = r->idcap ? 2 * r->idcap : 32;
		r->ids = xcalloc(r->idcap, sizeof(*r->ids));
		for (size_t i = 0; i < oldcap; i++)
			if (old[i].id != NULL)
				*id_slot(r, old[i].id) = old[i];
		free(old);
	}
	struct id_entry *e = id_slot(r, id);
	e->id = id;
	e->next = 2;
	r->nids++;
}

/*
 * First free id among base, base-2, base-3...  The entry of base
 * remembers the last suffix given, so a heading repeated n times costs
 * O(n) in all, not O(n^2).
 */
const char *
markdown_unique_id(struct render *r, const char *base)
{
	if (*base == '\0')
		base = "section";
	struct id_entry *e = r->idcap ? id_slot(r, base) : NULL;
	if (e == NULL || e->id == NULL) {
		id_add(r, base);
		return base;
	}
	for (unsigned n = e->next;; n++) {
		const char *cand = arena_printf(r->a, "%s-%u", base, n);
		struct id_entry *c = id_slot(r, cand);
		if (c->id == NULL) {
			id_slot(r, base)->next = n + 1;
			id_add(r, cand);
			return cand;
		}
	}
}

/* Text of the heading as a reader sees it (no markup). */
static void
heading_text(cmark_node *h, buf *out)
{
	cmark_iter *it = cmark_iter_new(h);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			buf_puts(out, cmark_node_get_literal(n));
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK: buf_putc(out, ' '); break;
		default: break;
		}
	}
	cmark_iter_free(it);
}

static void
toc_add(struct render *r, int level, const char *id, const char *text)
{
	value *m = value_map(r->a);
	value_set_int(r->a, m, "level", level);
	value_set_str(r->a, m, "id", id);
	value_set_str(r->a, m, "texte", text);
	value_push(r->a, r->o->toc, m);
}

/*
 * cmark renders "<hN>...</hN>"; the id goes right after "<hN".  The
 * heading is rendered with the page's options, so its inline HTML and
 * links get the same treatment as the rest of the page.
 */
static void
replace_heading(struct render *r, cmark_node *h, int level)
{
	buf text = BUF_INIT, html = BUF_INIT;
	heading_text(h, &text);
	char *base = slug_make(r->a, buf_cstr(&text));
	const char *id = markdown_unique_id(r, base);
	if (r->o->toc != NULL)
		toc_add(r, level, id, buf_cstr(&text));
	cmark_node_set_heading_level(h, level);
	char *h_html = cmark_render_html_with_mem(h, r->ropts, r->exts, r->mem);
	const char *rest = h_html;
	if (strncmp(rest, "<h", 2) == 0 && rest[2] >= '1' && rest[2] <= '6')
		rest += 3;
	/* id and rest copied, not formatted: rest may be long */
	buf_printf(&html, "<h%d id=\"", level);
	buf_puts(&html, id);
	buf_putc(&html, '"');
	buf_puts(&html, rest);
	r->mem->free(h_html);
	cmark_node *cb = markdown_node_new(r, CMARK_NODE_CUSTOM_BLOCK);
	cmark_node_set_on_enter(cb, buf_cstr(&html));
	cmark_node_replace(h, cb);
	cmark_node_free(h);
	buf_free(&text);
	buf_free(&html);
}

/* "###" for level 3: how the editor writes the level to use. */
static const char *
heading_marks(int level)
{
	static const char marks[] = "######";
	return marks + 6 - (level < 1 ? 1 : level > 6 ? 6 : level);
}

/*
 * RGAA 9.1: no level may be skipped.  prev is the level (as rendered)
 * of the heading before, 1 for the page's title; shift is what was added
 * to the levels as written, so the message speaks in the editor's "#".
 */
static void
check_heading_level(struct render *r, cmark_node *h, int prev, int level,
                    int shift)
{
	int written = cmark_node_get_heading_level(h);
	if (!r->o->page_title || level <= prev + 1 || r->d == NULL)
		return;
	unsigned first = r->o->first_line ? r->o->first_line : 1;
	unsigned line = (unsigned)cmark_node_get_start_line(h) + first - 1;
	unsigned col = (unsigned)cmark_node_get_start_column(h);
	const char *want = heading_marks(prev + 1 - shift);
	if (prev == 1 && r->o->page_title)
		diag_report(r->d, DIAG_WARNING, r->o->file, line, col,
		            "level %d heading directly under the page's "
		            "title; use %s here (the title is the level above)",
		            written, want);
	else
		diag_report(
		    r->d, DIAG_WARNING, r->o->file, line, col,
		    "level %d heading directly under a level %d; use %s "
		    "here, or add the level in between",
		    written, prev - shift, want);
}

/*
 * With page_title, the page's title is its <h1>: a body that uses "#"
 * has all its headings moved one level down (the deepest stay <h6>), so
 * the page keeps one <h1>; a body that starts at "##", as the example
 * site does, is left as written.
 */
static void
pass_headings(struct render *r, cmark_node *doc)
{
	struct nodes hs = {NULL, 0, 0};
	int shift = 0;
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_ENTER &&
		    cmark_node_get_type(n) == CMARK_NODE_HEADING) {
			markdown_nodes_push(&hs, n);
			if (r->o->page_title &&
			    cmark_node_get_heading_level(n) == 1)
				shift = 1;
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
		}
	}
	cmark_iter_free(it);
	int prev = r->o->page_title ? 1 : 6;
	for (size_t i = 0; i < hs.n; i++) {
		int level = cmark_node_get_heading_level(hs.v[i]) + shift;
		level = level > 6 ? 6 : level;
		check_heading_level(r, hs.v[i], prev, level, shift);
		prev = level;
		replace_heading(r, hs.v[i], level);
	}
	free(hs.v);
}

/* ---- Pictures: photos of the site in their sizes ----------------------- */

/* The resolver's answer for a picture: its URL, then one line each for
 * "WIDTH HEIGHT", the WebP srcset, the JPEG srcset and sizes (one home
 * for the form: this file writes and reads it). */
const char *
markdown_picture_dest(arena *a, const markdown_picture *p)
{
	return arena_printf(a, "%s\n%d %d\n%s\n%s\n%s", p->src, p->width,
	                    p->height, p->webp_srcset, p->jpeg_srcset,
	                    p->sizes);
}

/* desc: what follows the URL's line.  Strings in a. */
static bool
picture_parse(arena *a, const char *desc, markdown_picture *p)
{
	const char *f[3];
	char *end;
	p->width = (int)strtol(desc, &end, 10);
	p->height = *end == ' ' ? (int)strtol(end + 1, &end, 10) : 0;
	for (size_t i = 0; i < 3; i++) {
		if (*end != '\n')
			return false;
		f[i] = end + 1;
		end = strchr(f[i], i < 2 ? '\n' : '\0');
		if (end == NULL)
			return false;
		f[i] = arena_strndup(a, f[i], (size_t)(end - f[i]));
	}
	p->webp_srcset = f[0];
	p->jpeg_srcset = f[1];
	p->sizes = f[2];
	return p->width > 0 && p->height > 0;
}

/* An attribute's value: its URLs are percent-encoded, but the answer is
 * the resolver's, so nothing is taken on trust. */
static void
put_attr(buf *b, const char *name, const char *v)
{
	buf_printf(b, " %s=\"", name);
	for (; *v != '\0'; v++)
		switch (*v) {
		case '&': buf_puts(b, "&amp;"); break;
		case '"': buf_puts(b, "&quot;"); break;
		case '<': buf_puts(b, "&lt;"); break;
		case '>': buf_puts(b, "&gt;"); break;
		default: buf_putc(b, *v);
		}
	buf_putc(b, '"');
}

/*
 * Each noted image made a <picture>, as the theme shows the photos of a
 * page's fields: WebP for the browsers that read it, JPEG for the rest,
 * each at the width the column needs (a 320 px phone fetches the 480 px
 * variant, not the 1,600 px one).  The image becomes a custom inline
 * whose one child is its description as text: cmark escapes it as it
 * escaped the <img>'s alt, and the passes after this one (a heading's id
 * and contents, tables, notes) read it as they read the image's.  The
 * <img> is closed as the theme's are, without cmark's " /" (which the
 * HTML checker says has no effect).
 */
static void
pass_pictures(struct render *r)
{
	buf h = BUF_INIT, alt = BUF_INIT;
	for (size_t i = 0; i < r->npics; i++) {
		const struct picture_at *pa = &r->pics[i];
		markdown_picture p;
		if (!picture_parse(r->a, pa->desc, &p))
			continue;
		buf_reset(&h);
		buf_puts(&h, "<picture><source type=\"image/webp\"");
		put_attr(&h, "srcset", p.webp_srcset);
		put_attr(&h, "sizes", p.sizes);
		buf_puts(&h, "><img");
		put_attr(&h, "src", cmark_node_get_url(pa->img));
		buf_puts(&h, " alt=\"");
		cmark_node *ci = markdown_node_new(r, CMARK_NODE_CUSTOM_INLINE);
		cmark_node_set_on_enter(ci, buf_cstr(&h));
		buf_reset(&h);
		buf_putc(&h, '"');
		const char *title = cmark_node_get_title(pa->img);
		if (title != NULL && *title != '\0')
			put_attr(&h, "title", title);
		put_attr(&h, "srcset", p.jpeg_srcset);
		put_attr(&h, "sizes", p.sizes);
		buf_printf(&h, " width=\"%d\" height=\"%d\"%s", p.width,
		           p.height, pa->eager ? "" : " loading=\"lazy\"");
		buf_puts(&h, " decoding=\"async\"></picture>");
		cmark_node_set_on_exit(ci, buf_cstr(&h));
		buf_reset(&alt);
		alt_of(pa->img, &alt);
		cmark_node *t = markdown_node_new(r, CMARK_NODE_TEXT);
		cmark_node_set_literal(t, buf_cstr(&alt));
		cmark_node_append_child(ci, t);
		markdown_replace(r, pa->img, ci);
	}
	buf_free(&h);
	buf_free(&alt);
}

/* ---- Files: what a link leads to ----------------------------------------- */

/* Whether t gives a size: a number, then (after spaces, no-break ones
 * too) a unit, "2 Mo", "800ko", "1,5 MB". */
static bool
says_size(const char *t)
{
	static const char *const units[] = {"Ko", "ko", "Mo", "mo", "Go",
	                                    "KB", "kB", "MB", "GB"};
	for (size_t i = 0; i < sizeof(units) / sizeof(*units); i++)
		for (const char *p = t; (p = strstr(p, units[i])) != NULL;
		     p++) {
			const char *q = p;
			while (q > t && (q[-1] == ' ' || (q[-1] & 0x80) != 0))
				q--; /* spaces, U+00A0, U+202F */
			if (q > t && isdigit((unsigned char)q[-1]) &&
			    !isalpha((unsigned char)p[2]))
				return true;
		}
	return false;
}

/* Whether the link's text says it already: the same words as ours, or
 * a size in the editor's ("Le plan (PDF, 2 Mo)"). */
static bool
file_told(cmark_node *link, const char *what)
{
	buf t = BUF_INIT;
	alt_of(link, &t);
	bool told =
	    strstr(buf_cstr(&t), what) != NULL || says_size(buf_cstr(&t));
	buf_free(&t);
	return told;
}

/*
 * A link to a published file says what the file is and how heavy, inside
 * the link (a screen reader's list of links reads it too):
 *   <a href="film.mp4">La vidéo
 *   <span class="fichier">(vidéo MP4, 80 Mo)</span></a>
 * A resident on a phone plan then knows before tapping that it is
 * 80 MB (outside tester 20 F17; the format and weight of a download, as
 * the DSFR's download links give them).  Not when the text says it
 * already.
 */
static void
pass_files(struct render *r)
{
	for (size_t i = 0; i < r->nfiles; i++) {
		const struct file_at *fa = &r->files[i];
		if (*fa->what == '\0' || file_told(fa->link, fa->what))
			continue;
		cmark_node *sp = markdown_node_new(r, CMARK_NODE_TEXT);
		cmark_node_set_literal(sp, " ");
		cmark_node_append_child(fa->link, sp);
		cmark_node *ci = markdown_node_new(r, CMARK_NODE_CUSTOM_INLINE);
		cmark_node_set_on_enter(ci, "<span class=\"fichier\">");
		cmark_node_set_on_exit(ci, "</span>");
		cmark_node *t = markdown_node_new(r, CMARK_NODE_TEXT);
		cmark_node_set_literal(t, arena_printf(r->a, "(%s)", fa->what));
		cmark_node_append_child(ci, t);
		cmark_node_append_child(fa->link, ci);
	}
}

/* Whether text holds "![", which every image starts with. */
static bool
may_hold_images(const char *text, size_t len)
{
	for (const char *p = text, *end = text + len;
	     (p = memchr(p, '!', (size_t)(end - p))) != NULL && p + 1 < end;
	     p++)
		if (p[1] == '[')
			return true;
	return false;
}

void
markdown_images(const char *text, size_t len, markdown_image_fn found,
                void *ctx)
{
	if (text == NULL || !may_hold_images(text, len))
		return;
	mdmem m;
	cmark_mem *mem = mdmem_begin(&m);
	cmark_parser *parser;
	cmark_node *doc = markdown_parse(
	    text, len, MARKDOWN_PARSE_OPTS & ~CMARK_OPT_SOURCEPOS, mem,
	    &parser);
	struct walk w;
	cmark_node *n, *b;
	walk_start(&w, doc);
	while ((n = walk_next(&w, &b)) != NULL) {
		const char *url = cmark_node_get_url(n);
		if (cmark_node_get_type(n) == CMARK_NODE_IMAGE &&
		    w.images == 1 && url != NULL && *url != '#' &&
		    (is_relative(url) || is_web_link(url)))
			found(ctx, url);
	}
	walk_end(&w);
	cmark_node_free(doc);
	cmark_parser_free(parser);
	mdmem_end(&m);
}

/* ---- Entry points ---------------------------------------------------- */

static void
render_free(struct render *r)
{
	free(r->lines);
	free(r->chunks);
	free(r->ids);
	markdown_stream_free(&r->st);
	free(r->pics);
	free(r->files);
	for (size_t i = 0; i < r->dead.n; i++)
		cmark_node_free(r->dead.v[i]);
	free(r->dead.v);
}

static void plain_walk(cmark_node *doc, buf *out);

/* Whether text holds "&#", which cmark may decode to any character. */
static bool
has_numeric_ref(const char *text, size_t len)
{
	const char *p = text, *end = text + len;
	while ((p = memchr(p, '&', (size_t)(end - p))) != NULL && p + 1 < end)
		if (*++p == '#')
			return true;
	return false;
}

int
markdown_render(const char *text, size_t len, const markdown_opts *o, arena *a,
                buf *out, diag *d)
{
	static const markdown_opts defaults = {0};
	struct render r = {0};
	r.text = text != NULL ? text : "";
	r.len = text != NULL ? len : 0;
	r.o = o != NULL ? o : &defaults;
	r.a = a;
	r.d = d;
	r.ropts = r.o->unsafe ? CMARK_OPT_UNSAFE : 0;
	r.budget = 32 * r.len + ((size_t)1 << 20);
	mdmem m;
	r.mem = mdmem_begin(&m);
	cmark_parser *parser;
	cmark_node *doc =
	    markdown_parse(r.text, r.len, MARKDOWN_PARSE_OPTS, r.mem, &parser);
	r.exts = cmark_parser_get_syntax_extensions(parser);
	markdown_checks(&r, doc);
	/* said where they are written; dropped from the HTML (a numeric
	 * entity &#27; makes one too), which they made invalid */
	size_t controls = utf8_drop_controls(
	    r.text, r.len, r.o->file, r.o->first_line ? r.o->first_line : 1,
	    r.d, NULL);
	if (r.o->plain != NULL) /* before the passes change the text */
		plain_walk(doc, r.o->plain);
	pass_links(&r, doc);
	phonelink_pass(doc, r.mem);
	if (r.o->french)
		markdown_french(&r, doc);
	pass_pictures(&r); /* descriptions typeset, before cells and notes */
	markdown_gfm_tables(&r, doc);    /* cells then hold notes as well */
	markdown_gfm_footnotes(&r, doc); /* before headings, which may too */
	pass_headings(&r, doc);
	markdown_gfm_tasks(&r, doc);
	/* after headings: a link in a title is written with the title
	 * (its id and words stay the title's own, no size in them) */
	pass_files(&r);
	char *html = cmark_render_html_with_mem(doc, r.ropts, r.exts, r.mem);
	if (controls > 0 || has_numeric_ref(r.text, r.len))
		utf8_drop_controls(html, strlen(html), NULL, 1, NULL, out);
	else
		buf_puts(out, html);
	r.mem->free(html);
	cmark_node_free(doc);
	cmark_parser_free(parser);
	render_free(&r);
	mdmem_end(&m);
	return r.status;
}

/* What goes before the next text: nothing, a space, a line end. */
enum plain_sep { SEP_NONE, SEP_SPACE, SEP_LINE };

static void
plain_put(buf *out, size_t start, enum plain_sep *sep, const char *s)
{
	if (*sep != SEP_NONE && out->len > start)
		buf_putc(out, *sep == SEP_LINE ? '\n' : ' ');
	*sep = SEP_NONE;
	buf_puts(out, s);
}

/* The separator a block leaves after it: a table's cells are words of
 * one line (no pipes), its rows lines, like paragraphs and headings. */
static enum plain_sep
plain_after(cmark_node *n)
{
	cmark_node_type t = cmark_node_get_type(n);
	if (t == CMARK_NODE_PARAGRAPH || t == CMARK_NODE_HEADING ||
	    markdown_is(n, "table_row") || markdown_is(n, "table_header"))
		return SEP_LINE;
	return markdown_is(n, "table_cell") ? SEP_SPACE : SEP_NONE;
}

/*
 * The text of doc's nodes, paragraphs, headings and table rows on lines
 * of their own.  Footnotes are at the end of doc, once, whatever the
 * number of references; a reference itself adds nothing (no number, no
 * arrow).
 */
static void
plain_walk(cmark_node *doc, buf *out)
{
	size_t start = out->len;
	enum plain_sep sep = SEP_NONE;
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);
		if (ev == CMARK_EVENT_EXIT) {
			enum plain_sep after = plain_after(n);
			sep = after > sep ? after : sep;
			continue;
		}
		if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE)
			plain_put(out, start, &sep, cmark_node_get_literal(n));
		else if (t == CMARK_NODE_SOFTBREAK)
			plain_put(out, start, &sep, " ");
		else if (t == CMARK_NODE_LINEBREAK)
			plain_put(out, start, &sep, "\n");
		else if (t == CMARK_NODE_CODE_BLOCK) {
			const char *s = cmark_node_get_literal(n);
			size_t l = strlen(s);
			while (l > 0 && s[l - 1] == '\n')
				l--;
			plain_put(out, start, &sep, "");
			buf_put(out, s, l);
			sep = SEP_LINE;
		}
	}
	cmark_iter_free(it);
}

void
markdown_plain_text(const char *text, size_t len, const markdown_opts *o,
                    buf *out)
{
	static const markdown_opts defaults = {0};
	struct render r = {0};
	r.text = text != NULL ? text : "";
	r.len = text != NULL ? len : 0;
	r.o = o != NULL ? o : &defaults;
	mdmem m;
	r.mem = mdmem_begin(&m);
	cmark_parser *parser;
	cmark_node *doc = markdown_parse(
	    r.text, r.len, MARKDOWN_PARSE_OPTS & ~CMARK_OPT_SOURCEPOS, r.mem,
	    &parser);
	markdown_checks(&r, doc); /* no diagnostics: the render has them */
	plain_walk(doc, out);
	cmark_node_free(doc);
	cmark_parser_free(parser);
	render_free(&r);
	mdmem_end(&m);
}

/* The contacts check of a field's text: one walk, no other check runs
 * on its tree, so each node is asked about as it is entered. */
static void
field_contacts(struct render *r, cmark_node *doc)
{
	struct noted c;
	markdown_gfm_contacts_start(r, &c);
	c.now = true;
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_ENTER)
			markdown_gfm_contacts_visit(r, &c, n,
			                            cmark_node_get_type(n));
	}
	cmark_iter_free(it);
	markdown_gfm_contacts_end(r, &c);
}

/*
 * A front-matter field's text is published as the body is (pages, open
 * data, calendars, feed, search), so it gets the body's care (outside
 * tester 19 F8): a private contact is masked, and a phone number or an
 * e-mail address that is no published contact is asked about.  The same
 * detection as the body's: the text is read as Markdown (cmark finds the
 * addresses), the messages at the value's place.
 */
bool
markdown_field(const char *s, const markdown_opts *o, unsigned line,
               unsigned col, buf *out, diag *d)
{
	struct render r = {0};
	r.o = o;
	r.d = d;
	r.at_line = line > 0 ? line : 1;
	r.at_col = col > 0 ? col : 1;
	size_t start = out->len;
	bool changed = markdown_gfm_private_text(&r, NULL, s, out);
	buf_cstr(out);
	r.text = out->data + start; /* out is not written to from here */
	r.len = out->len - start;
	/* a number starts with 0 or +, an address has an @ */
	if (d != NULL && o->check_contacts && strpbrk(r.text, "0+@") != NULL) {
		mdmem m;
		r.mem = mdmem_begin(&m);
		cmark_parser *parser;
		cmark_node *doc = markdown_parse(
		    r.text, r.len, MARKDOWN_PARSE_OPTS, r.mem, &parser);
		field_contacts(&r, doc);
		cmark_node_free(doc);
		cmark_parser_free(parser);
		render_free(&r);
		mdmem_end(&m);
		return changed;
	}
	render_free(&r);
	return changed;
}
