/*
 * markdown_int.h - what the Markdown renderer's passes share: the state of
 * one rendering, and helpers.  Private to markdown.c (parsing, links,
 * typography, headings) and markdown_gfm.c (tables, task lists and
 * footnotes made accessible); everyone else uses markdown.h.
 */
#ifndef FABRIQUE_MARKDOWN_INT_H
#define FABRIQUE_MARKDOWN_INT_H

#include <cmark-gfm.h>
#include <stdint.h>

#include "markdown.h"

#define NBSP 0x00A0u
#define NNBSP 0x202Fu

/*
 * Strikethrough needs two tildes: "~30 personnes" is an approximation in
 * French, not a deletion.
 */
#define MARKDOWN_PARSE_OPTS                                                    \
	(CMARK_OPT_SMART | CMARK_OPT_SOURCEPOS | CMARK_OPT_VALIDATE_UTF8 |     \
	 CMARK_OPT_FOOTNOTES | CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE)

/* Node list, for changes that must wait until an iteration is over. */
struct nodes {
	cmark_node **v;
	size_t n, cap;
};

/* Segment seg's octets [pos, pos + del) become ins (len octets). */
struct typo_edit {
	size_t pos, del, seg;
	unsigned char len;
	char ins[5]; /* at most a no-break space and a guillemet */
};

/*
 * The text of one paragraph or heading as a single run of octets, cut in
 * segments: the text nodes and soft breaks it came from, or NULL for
 * stand-ins (code spans, autolinks, hard breaks).  Typography runs on
 * the whole run, so a "mot" in one node and a "!" in the next are seen
 * side by side; its changes are edits of segments, written back.
 */
struct stream {
	char *b;
	size_t n, cap;
	cmark_node **segs;
	size_t *start; /* start[s]: segment s's first octet; start[nseg] = n */
	size_t nseg, segcap;
	struct typo_edit *e; /* in the order of pos */
	size_t ne, ecap;
	/* dirty[s]: segment s has edits; the others are left alone */
	unsigned char *dirty;
	size_t dirtycap;
};

struct id_entry {
	const char *id;
	unsigned next; /* next suffix to try when id is taken again */
};

/* An image the resolver described as a picture (markdown_picture_dest),
 * published as one once the passes over its text are done. */
struct picture_at {
	cmark_node *img;
	const char *desc; /* the answer after its URL's line */
	bool eager;       /* the first image, at the top of the text */
};

/* A link to a published file the resolver described ("vidéo MP4, 80 Mo"),
 * told inside the link once the passes over its text are done. */
struct file_at {
	cmark_node *link;
	const char *what; /* the answer after its URL's line */
};

struct render {
	const char *text;
	size_t len;
	const markdown_opts *o;
	arena *a;
	diag *d;
	int status;
	int ropts;
	cmark_llist *exts; /* the parser's extensions, for rendering */
	cmark_mem *mem;    /* the tree's memory (mdmem.h), for its HTML */
	size_t *lines;     /* offset of each line start, built on first use */
	size_t nlines;
	cmark_node *cur_block; /* where the previous link was found */
	size_t cur_pos;
	size_t *chunks;       /* characters before each CHUNK bytes */
	size_t budget;        /* bytes destination searches may still scan */
	struct id_entry *ids; /* open addressing, power-of-two size */
	size_t nids, idcap;
	struct stream st;
	/*
	 * Nodes taken out of the tree, freed only after rendering: the
	 * text nodes moved out of them may still point into their buffers
	 * (cmark's inline text borrows its block's content).
	 */
	struct nodes dead;
	struct picture_at *pics;
	size_t npics, cappics;
	struct file_at *files;
	size_t nfiles, capfiles;
	/* A front-matter field's text (markdown_field): every message is
	 * at the value's line and column, when not 0. */
	unsigned at_line, at_col;
};

void markdown_nodes_push(struct nodes *l, cmark_node *n);

/*
 * Parses text with GitHub's extensions (markdown.c); the parser is
 * returned too, to be freed after rendering.  Memory from mem (mdmem.h).
 */
cmark_node *markdown_parse(const char *text, size_t len, int opts,
                           cmark_mem *mem, cmark_parser **parser);

/* A new node of r's tree's allocator (mdmem.h). */
cmark_node *markdown_node_new(const struct render *r, cmark_node_type t);

/* Replaces old by new in the tree; old is freed after rendering. */
void markdown_replace(struct render *r, cmark_node *old, cmark_node *new);

/*
 * An id not used yet in this page, base if free, else base-2, base-3...
 * (headings, captions and the notes share one set of ids).
 */
const char *markdown_unique_id(struct render *r, const char *base);

/*
 * The passes that run last, on the typeset tree: footnotes with their
 * "Notes" heading and labels in the page's language, task-list
 * checkboxes with an accessible name, tables with a caption, header
 * scopes and a scrolling box.  Each replaces cmark's rendering of those
 * nodes by custom nodes holding fabrique's own markup.
 */
void markdown_gfm_footnotes(struct render *r, cmark_node *doc);
void markdown_gfm_tasks(struct render *r, cmark_node *doc);
void markdown_gfm_tables(struct render *r, cmark_node *doc);

/*
 * File line and column of text written in block b (NULL: anywhere), for
 * messages: cmark gives inline nodes no position.
 */
void markdown_locate(struct render *r, cmark_node *b, const char *text,
                     unsigned *line, unsigned *col);

/*
 * The checks that read the tree as parsed (private contacts, contacts
 * nobody said were public, what the browser would fetch elsewhere, what
 * a paste left) share one walk, markdown_checks() in markdown.c: a
 * page's nodes are visited once, not once per check.  Each check has a
 * start (is it on for this page?), a visitor called for every node
 * entered, which only notes the nodes it reads, and an end, which does
 * its work on them.  The ends run one after the other, in this order:
 * each sees the tree as the ones before left it, as when each walked it
 * on its own.  A check whose nodes no check before it changes (no
 * private contact to mask, no raw HTML to drop) does its work at its
 * visit instead (now), which spares noting every text node.
 */
struct noted {
	bool on, now;
	struct nodes v; /* in document order, when on and not now */
};

struct private_notes {
	bool on;
	struct nodes links, texts, codes, code_blocks;
};

/*
 * Private contacts (markdown_opts.private) are replaced in the text, in
 * links and code by a mention that they are not published, and links to
 * them lose their link; each is a warning at its place when r->d is set.
 * Runs first, so that the plain text (search, feeds) leaves them out too.
 */
void markdown_gfm_private_start(const struct render *r,
                                struct private_notes *p);
void markdown_gfm_private_visit(struct private_notes *p, cmark_node *n,
                                cmark_node_type t);
void markdown_gfm_private_end(struct render *r, struct private_notes *p);

/* s with the private contacts masked, appended to out, each said (node n,
 * NULL for a field's text); true if any was. */
bool markdown_gfm_private_text(struct render *r, cmark_node *n, const char *s,
                               buf *out);

/*
 * With markdown_opts.check_contacts, each phone number left in the text
 * and each e-mail address linked (after markdown_gfm_private_end) that is
 * none of the published contacts is a warning at its place: it may be a
 * private person's.
 */
void markdown_gfm_contacts_start(const struct render *r, struct noted *c);
void markdown_gfm_contacts_visit(struct render *r, struct noted *c,
                                 cmark_node *n, cmark_node_type t);
void markdown_gfm_contacts_end(struct render *r, struct noted *c);

/*
 * French typography on the text of each paragraph, heading and table
 * cell of doc (narrow no-break spaces before ; ! ?, no-break spaces
 * before : and inside guillemets, curly double quotes made guillemets),
 * with r->st as its work space.
 */
void markdown_french(struct render *r, cmark_node *doc);

/* Frees a stream's buffers. */
void markdown_stream_free(struct stream *st);

/* The name cmark's extensions give a node type ("table_cell"...). */
bool markdown_is(cmark_node *n, const char *type);

/* A letter of the Latin, Greek or Cyrillic scripts (words, for typography
 * and for telling prose from code). */
bool markdown_is_letter(uint32_t c);

/* File line and column of the first needle (NULL: the line's start) on
 * line n of the text, or of the line's start when it is not there. */
void markdown_line_pos(struct render *r, unsigned n, const char *needle,
                       unsigned *line, unsigned *col);

/*
 * What a paste from a word processor leaves and Markdown reads otherwise
 * (markdown_paste.c), as warnings when r->d is set: a paragraph with a
 * first-line indent shown as code, lines starting with "•" run together
 * in one paragraph.
 */
void markdown_paste_start(const struct render *r, struct noted *p);
void markdown_paste_visit(struct render *r, struct noted *p, cmark_node *n,
                          cmark_node_type t);
void markdown_paste_end(struct render *r, struct noted *p);

/*
 * HTML blocks pasted from a word processor, made only of elements that
 * hold nothing but the look of their text (p, div, span, b, br, o:p…),
 * become the paragraphs of their text (markdown_html.c), said at each
 * block when r->d is set.  Runs before the checks, in safe mode only.
 */
void markdown_html_keep_text(struct render *r, cmark_node *doc);

/* Whether an element of that (lower-case) name only holds the look of
 * its text: its tags may go, its text stays. */
bool markdown_html_harmless(const char *tag);

/*
 * The words raw HTML block s shows, tags, comments, scripts and styles
 * left out, blanks run together, "&nbsp;" a space, cut after about 60
 * octets, appended to out: what a dropped block takes with it, named in
 * the warning.
 */
void markdown_html_words(const char *s, buf *out);

#endif
