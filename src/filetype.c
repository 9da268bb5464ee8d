/*
 * filetype.c - the allow-list of passive types, and the SVG check (see
 * filetype.h).
 *
 * The SVG check is a scanner, not a parser: it reads tags, attributes,
 * comments, CDATA sections and declarations well enough to find every
 * construct that could run or fetch something, and refuses the drawing
 * at the first one.  It errs on the side of refusing: anything it cannot
 * make sense of (an entity declaration, a processing instruction) counts
 * as active.  Drawings from Inkscape or Illustrator pass; a drawing that
 * needs more can be exported as PNG, which the photo pipeline publishes.
 */
#define _GNU_SOURCE /* memmem */
#include "filetype.h"

#include "bytes.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* ---- Magic numbers --------------------------------------------------- */

static bool
starts(const char *d, size_t n, const char *magic, size_t m)
{
	return n >= m && memcmp(d, magic, m) == 0;
}

static bool
at(const char *d, size_t n, size_t off, const char *magic, size_t m)
{
	return n >= off + m && memcmp(d + off, magic, m) == 0;
}

/* PDF readers accept the header anywhere in the first kilobyte. */
static bool
is_pdf(const char *d, size_t n)
{
	size_t lim = n < 1024 ? n : 1024;
	for (size_t i = 0; i + 5 <= lim; i++)
		if (memcmp(d + i, "%PDF-", 5) == 0)
			return true;
	return false;
}

static bool
is_zip(const char *d, size_t n)
{
	return starts(d, n, "PK\3\4", 4) || starts(d, n, "PK\5\6", 4);
}

/* Case-insensitive search of needle in d[0..n). */
static const char *
ci_find(const char *d, size_t n, const char *needle)
{
	return bytes_find_ci(d, d + n, needle);
}

/* Text: no NUL byte (any 8-bit encoding, a spreadsheet's CSV export is
 * often Latin-1), and not a page in disguise. */
static bool
is_text(const char *d, size_t n)
{
	if (memchr(d, '\0', n) != NULL)
		return false;
	size_t i = starts(d, n, "\xEF\xBB\xBF", 3) ? 3 : 0;
	while (i < n && isspace((unsigned char)d[i]))
		i++;
	static const char *const pages[] = {"<!doctype", "<html",  "<script",
	                                    "<svg",      "<?xml",  "<body",
	                                    "<head",     "<iframe"};
	for (size_t k = 0; k < sizeof(pages) / sizeof(*pages); k++)
		if (n - i >= strlen(pages[k]) &&
		    strncasecmp(d + i, pages[k], strlen(pages[k])) == 0)
			return false;
	return true;
}

static bool
is_mp3(const char *d, size_t n)
{
	return starts(d, n, "ID3", 3) ||
	       (n >= 2 && (unsigned char)d[0] == 0xFF &&
	        ((unsigned char)d[1] & 0xE0) == 0xE0);
}

static bool
is_wav(const char *d, size_t n)
{
	return starts(d, n, "RIFF", 4) && at(d, n, 8, "WAVE", 4);
}

typedef bool (*magic_fn)(const char *d, size_t n);

/*
 * A type is recognised either by a function (when its signature is more
 * than fixed bytes at a fixed offset) or by those bytes: most formats
 * are the latter, so they are data rather than one function each.
 */
#define G_NONE FT_GENRE_NONE
#define G_TEXT FT_GENRE_TEXT
#define G_AUDIO FT_GENRE_AUDIO
#define G_VIDEO FT_GENRE_VIDEO
#define G_ARCHIVE FT_GENRE_ARCHIVE
#define SIG(off, bytes) NULL, off, bytes, sizeof(bytes) - 1
#define FN(f) f, 0, NULL, 0
#define OLE "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"
#define EBML "\x1A\x45\xDF\xA3"

static const struct passive {
	const char *ext, *type;
	ft_genre genre;
	magic_fn ok;
	size_t off;
	const char *magic;
	size_t mlen;
} passive[] = {
    {"pdf", "PDF", G_NONE, FN(is_pdf)},
    {"docx", "Word", G_NONE, FN(is_zip)},
    {"xlsx", "Excel", G_NONE, FN(is_zip)},
    {"pptx", "PowerPoint", G_NONE, FN(is_zip)},
    {"doc", "Word", G_NONE, SIG(0, OLE)},
    {"xls", "Excel", G_NONE, SIG(0, OLE)},
    {"ppt", "PowerPoint", G_NONE, SIG(0, OLE)},
    {"odt", "OpenDocument", G_NONE, FN(is_zip)},
    {"ods", "OpenDocument", G_NONE, FN(is_zip)},
    {"odp", "OpenDocument", G_NONE, FN(is_zip)},
    {"odg", "OpenDocument", G_NONE, FN(is_zip)},
    {"epub", "EPUB", G_NONE, FN(is_zip)},
    {"rtf", "RTF", G_NONE, SIG(0, "{\\rtf")},
    {"txt", "text", G_TEXT, FN(is_text)},
    {"csv", "CSV", G_NONE, FN(is_text)},
    {"tsv", "TSV", G_NONE, FN(is_text)},
    {"ics", "iCalendar", G_NONE, FN(is_text)},
    {"vcf", "vCard", G_NONE, FN(is_text)},
    {"mp3", "MP3", G_AUDIO, FN(is_mp3)},
    {"ogg", "Ogg", G_AUDIO, SIG(0, "OggS")},
    {"oga", "Ogg", G_AUDIO, SIG(0, "OggS")},
    {"ogv", "Ogg", G_VIDEO, SIG(0, "OggS")},
    {"opus", "Opus", G_AUDIO, SIG(0, "OggS")},
    {"wav", "WAV", G_AUDIO, FN(is_wav)},
    {"flac", "FLAC", G_AUDIO, SIG(0, "fLaC")},
    /* MP4, M4A, MOV: the ISO base media file format. */
    {"m4a", "MP4", G_AUDIO, SIG(4, "ftyp")},
    {"mp4", "MP4", G_VIDEO, SIG(4, "ftyp")},
    {"m4v", "MP4", G_VIDEO, SIG(4, "ftyp")},
    {"mov", "QuickTime", G_VIDEO, SIG(4, "ftyp")},
    /* WebM and Matroska. */
    {"webm", "WebM", G_VIDEO, SIG(0, EBML)},
    {"mkv", "Matroska", G_VIDEO, SIG(0, EBML)},
    {"zip", "ZIP", G_ARCHIVE, FN(is_zip)},
    {"gz", "gzip", G_ARCHIVE, SIG(0, "\x1F\x8B")},
    {"tgz", "gzip", G_ARCHIVE, SIG(0, "\x1F\x8B")},
    {"7z", "7-Zip", G_ARCHIVE, SIG(0, "7z\xBC\xAF\x27\x1C")},
    {"tar", "tar", G_ARCHIVE, SIG(257, "ustar")},
    {"bz2", "bzip2", G_ARCHIVE, SIG(0, "BZh")},
    {"xz", "xz", G_ARCHIVE,
     SIG(0, "\xFD"
            "7zXZ")},
};

/* A TrueType or OpenType font (or a collection of them). */
static bool
is_sfnt(const char *d, size_t n)
{
	return starts(d, n, "\0\1\0\0", 4) || starts(d, n, "OTTO", 4) ||
	       starts(d, n, "true", 4) || starts(d, n, "ttcf", 4);
}

static bool
is_webp(const char *d, size_t n)
{
	return starts(d, n, "RIFF", 4) && at(d, n, 8, "WEBP", 4);
}

/* What a theme's assets hold besides stylesheets, scripts and drawings:
 * fonts and pictures, which browsers load by their name. */
static const struct passive asset[] = {
    {"woff2", "WOFF2", G_NONE, SIG(0, "wOF2")},
    {"woff", "WOFF", G_NONE, SIG(0, "wOFF")},
    {"ttf", "TrueType", G_NONE, FN(is_sfnt)},
    {"otf", "OpenType", G_NONE, FN(is_sfnt)},
    {"png", "PNG", G_NONE, SIG(0, "\x89PNG")},
    {"jpg", "JPEG", G_NONE, SIG(0, "\xFF\xD8\xFF")},
    {"jpeg", "JPEG", G_NONE, SIG(0, "\xFF\xD8\xFF")},
    {"gif", "GIF", G_NONE, SIG(0, "GIF8")},
    {"webp", "WebP", G_NONE, FN(is_webp)},
    {"avif", "AVIF", G_NONE, SIG(4, "ftyp")},
    {"ico", "ICO", G_NONE, SIG(0, "\0\0\1\0")},
};

static bool
passive_ok(const struct passive *p, const char *d, size_t n)
{
	return p->ok != NULL ? p->ok(d, n)
	                     : at(d, n, p->off, p->magic, p->mlen);
}

/* Names of the usual active types, for the message. */
static const char *
active_type(const char *ext)
{
	static const struct {
		const char *ext, *type;
	} names[] = {
	    {"html", "HTML"},      {"htm", "HTML"},        {"shtml", "HTML"},
	    {"xhtml", "XHTML"},    {"xht", "XHTML"},       {"js", "JavaScript"},
	    {"mjs", "JavaScript"}, {"xml", "XML"},         {"xsl", "XSLT"},
	    {"xslt", "XSLT"},      {"svgz", "SVG"},        {"swf", "Flash"},
	    {"php", "PHP"},        {"wasm", "WebAssembly"}};
	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++)
		if (strcasecmp(ext, names[i].ext) == 0)
			return names[i].type;
	return NULL;
}

/* ---- SVG ------------------------------------------------------------- */

struct scan {
	const char *data, *p, *end;
	ft_verdict *v;
	bool in_style;
};

/* Records the first active construct found, at q; always false (unsafe). */
static bool
found(struct scan *s, const char *q, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(s->v->found, sizeof(s->v->found), fmt, ap);
	va_end(ap);
	unsigned line = 1;
	for (const char *c = s->data; c < q; c++)
		line += *c == '\n';
	s->v->line = line;
	s->v->kind = FT_SVG_UNSAFE;
	return false;
}

static const char *
find(const char *p, const char *end, const char *needle)
{
	return p < end ? memmem(p, (size_t)(end - p), needle, strlen(needle))
	               : NULL;
}

/* CSS (a style attribute or element) may fetch through url() and
 * @import; only references inside the drawing (url(#id)) are kept. */
static bool
css_ok(struct scan *s, const char *p, const char *end)
{
	const char *q;
	if ((q = ci_find(p, (size_t)(end - p), "@import")) != NULL)
		return found(s, q, "@import");
	if ((q = ci_find(p, (size_t)(end - p), "expression(")) != NULL)
		return found(s, q, "expression(");
	if ((q = ci_find(p, (size_t)(end - p), "javascript:")) != NULL)
		return found(s, q, "javascript:");
	for (const char *c = p;
	     (q = ci_find(c, (size_t)(end - c), "url(")) != NULL; c = q + 4) {
		const char *r = q + 4;
		while (r < end &&
		       (isspace((unsigned char)*r) || *r == '"' || *r == '\''))
			r++;
		if (r >= end || *r != '#') {
			size_t n = 0;
			while (r + n < end && n < 40 && !strchr(")\"' ", r[n]))
				n++;
			return found(s, q, "url(%.*s)", (int)n, r);
		}
	}
	return true;
}

static const char *
local_name(const char *name)
{
	const char *colon = strrchr(name, ':');
	return colon != NULL ? colon + 1 : name;
}

/* Raster images embedded in the drawing are inert; anything else in a
 * data: URI (another SVG, HTML) is not. */
bool
filetype_inert_data_uri(const char *v)
{
	static const char *const ok[] = {"data:image/png", "data:image/jpeg",
	                                 "data:image/gif", "data:image/webp"};
	for (size_t i = 0; i < sizeof(ok) / sizeof(*ok); i++)
		if (strncasecmp(v, ok[i], strlen(ok[i])) == 0)
			return true;
	return false;
}

static bool
attr_ok(struct scan *s, const char *at_, const char *name, const char *val,
        size_t vlen)
{
	const char *local = local_name(name);
	char v[96];
	snprintf(v, sizeof(v), "%.*s", (int)(vlen < 95 ? vlen : 95), val);
	if (strncasecmp(local, "on", 2) == 0)
		return found(s, at_, "%.40s=", name);
	if (ci_find(val, vlen, "javascript:") != NULL ||
	    ci_find(val, vlen, "vbscript:") != NULL)
		return found(s, at_, "%.20s=\"%.30s\"", name, v);
	if (strcasecmp(local, "href") == 0 || strcasecmp(local, "src") == 0) {
		const char *t = v;
		while (isspace((unsigned char)*t))
			t++;
		if (*t != '#' && !filetype_inert_data_uri(t))
			return found(s, at_, "%.20s=\"%.30s\"", name, v);
	}
	if (strcasecmp(local, "attributeName") == 0) {
		const char *target = local_name(v);
		if (strchr(v, '&') != NULL || strcasecmp(target, "href") == 0 ||
		    strcasecmp(target, "src") == 0 ||
		    strncasecmp(target, "on", 2) == 0)
			return found(s, at_, "attributeName=\"%.30s\"", v);
	}
	if (strcasecmp(local, "style") == 0)
		return css_ok(s, val, val + vlen);
	return true;
}

/* The elements that run, embed or handle: refused whatever they hold. */
static bool
element_ok(struct scan *s, const char *at_, const char *name)
{
	static const char *const bad[] = {
	    "script",  "foreignObject", "iframe", "embed", "object",
	    "handler", "listener",      "audio",  "video"};
	const char *local = local_name(name);
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++)
		if (strcasecmp(local, bad[i]) == 0)
			return found(s, at_, "<%.40s>", name);
	return true;
}

static size_t
name_len(const char *p, const char *end)
{
	size_t n = 0;
	while (p + n < end && !isspace((unsigned char)p[n]) && p[n] != '>' &&
	       p[n] != '/' && p[n] != '=')
		n++;
	return n;
}

/* A start tag from just after '<'; s->p ends after its '>'.  *root
 * receives the element's name if it is the first one. */
static bool
start_tag(struct scan *s, char *root, size_t rootsz)
{
	const char *tag = s->p - 1, *end = s->end;
	char name[64];
	size_t n = name_len(s->p, end);
	snprintf(name, sizeof(name), "%.*s", (int)(n < 63 ? n : 63), s->p);
	if (root[0] == '\0')
		snprintf(root, rootsz, "%s", name);
	if (!element_ok(s, tag, name))
		return false;
	s->p += n;
	bool self_closing = false;
	while (s->p < end && *s->p != '>') {
		if (isspace((unsigned char)*s->p)) {
			s->p++;
			continue;
		}
		if (*s->p == '/') {
			self_closing = true;
			s->p++;
			continue;
		}
		const char *an = s->p;
		size_t al = name_len(s->p, end);
		if (al == 0) { /* a stray '=' */
			s->p++;
			continue;
		}
		char attr[64];
		snprintf(attr, sizeof(attr), "%.*s", (int)(al < 63 ? al : 63),
		         an);
		s->p += al;
		while (s->p < end && isspace((unsigned char)*s->p))
			s->p++;
		const char *val = s->p;
		size_t vlen = 0;
		if (s->p < end && *s->p == '=') {
			s->p++;
			while (s->p < end && isspace((unsigned char)*s->p))
				s->p++;
			char q = s->p < end ? *s->p : '\0';
			if (q == '"' || q == '\'') {
				const char *close = memchr(
				    s->p + 1, q, (size_t)(end - s->p - 1));
				if (close == NULL)
					return found(s, an, "%s=", attr);
				val = s->p + 1;
				vlen = (size_t)(close - val);
				s->p = close + 1;
			} else {
				val = s->p;
				vlen = name_len(s->p, end);
				s->p += vlen;
			}
		}
		if (!attr_ok(s, an, attr, val, vlen))
			return false;
	}
	if (s->p < end)
		s->p++;
	if (strcasecmp(local_name(name), "style") == 0 && !self_closing)
		s->in_style = true;
	return true;
}

/* How much of the text at s->p a message quotes: at most 20 bytes, never
 * past the end (the data has no terminating NUL). */
static int
shown(const struct scan *s)
{
	return s->end - s->p < 20 ? (int)(s->end - s->p) : 20;
}

/* Declarations and instructions: comments, CDATA (checked as CSS inside
 * <style>), a DOCTYPE without internal subset, the XML declaration. */
static bool
markup(struct scan *s)
{
	const char *lt = s->p - 1, *e;
	if (s->end - s->p >= 3 && memcmp(s->p, "!--", 3) == 0) {
		e = find(s->p + 3, s->end, "-->");
		s->p = e != NULL ? e + 3 : s->end;
		return true;
	}
	if (s->end - s->p >= 8 && memcmp(s->p, "![CDATA[", 8) == 0) {
		e = find(s->p + 8, s->end, "]]>");
		const char *stop = e != NULL ? e : s->end;
		if (s->in_style && !css_ok(s, s->p + 8, stop))
			return false;
		s->p = e != NULL ? e + 3 : s->end;
		return true;
	}
	if (*s->p == '!') {
		e = memchr(s->p, '>', (size_t)(s->end - s->p));
		const char *stop = e != NULL ? e : s->end;
		if (stop - s->p < 8 || strncasecmp(s->p, "!DOCTYPE", 8) != 0 ||
		    memchr(s->p, '[', (size_t)(stop - s->p)) != NULL)
			return found(s, lt, "<%.*s", shown(s), s->p);
		s->p = e != NULL ? e + 1 : s->end;
		return true;
	}
	/* '?' */
	e = find(s->p, s->end, "?>");
	if (s->end - s->p < 5 || memcmp(s->p, "?xml", 4) != 0 ||
	    !isspace((unsigned char)s->p[4]))
		return found(s, lt, "<%.*s", shown(s), s->p);
	s->p = e != NULL ? e + 2 : s->end;
	return true;
}

static ft_verdict
check_svg(const char *data, size_t len)
{
	ft_verdict v = {FT_SVG_OK, "SVG", "", 0};
	struct scan s = {data, data, data + len, &v, false};
	char root[64] = "";
	if (memchr(data, '\0', len) != NULL) {
		v.kind = FT_MISMATCH;
		return v;
	}
	while (s.p < s.end) {
		const char *lt = memchr(s.p, '<', (size_t)(s.end - s.p));
		const char *stop = lt != NULL ? lt : s.end;
		if (s.in_style && !css_ok(&s, s.p, stop))
			return v;
		if (lt == NULL)
			break;
		s.p = lt + 1;
		bool ok = true;
		if (s.p < s.end && (*s.p == '!' || *s.p == '?'))
			ok = markup(&s);
		else if (s.p < s.end && *s.p == '/') {
			const char *gt =
			    memchr(s.p, '>', (size_t)(s.end - s.p));
			s.in_style = false;
			s.p = gt != NULL ? gt + 1 : s.end;
		} else
			ok = start_tag(&s, root, sizeof(root));
		if (!ok)
			return v;
	}
	if (strcasecmp(local_name(root), "svg") != 0)
		v.kind = FT_MISMATCH;
	return v;
}

/* A number of an SVG attribute (a sign, digits, one '.', no exponent)
 * in thousandths, read from *p (text copied by filetype_svg_size(),
 * NUL-terminated), after blanks or a comma.  False when there is none or
 * it is too large. */
static bool
svg_number(const char **p, long *out)
{
	const char *q = *p;
	long v = 0, frac = 0, scale = 1000, sign = 1;
	while (*q == ',' || isspace((unsigned char)*q))
		q++;
	if (*q == '+' || *q == '-')
		sign = *q++ == '-' ? -1 : 1;
	if (!isdigit((unsigned char)*q) &&
	    !(*q == '.' && isdigit((unsigned char)q[1])))
		return false;
	for (; isdigit((unsigned char)*q); q++)
		if ((v = v * 10 + (*q - '0')) > 1000000)
			return false;
	if (*q == '.')
		for (q++; isdigit((unsigned char)*q); q++)
			if (scale > 1)
				frac += (*q - '0') * (scale /= 10);
	*p = q;
	*out = sign * (v * 1000 + frac);
	return true;
}

/* The value of attribute name in the root tag's text (NUL-terminated),
 * or NULL; quotes removed by stopping at the closing one (*end). */
static const char *
svg_attr(const char *tag, const char *name, char *quote)
{
	size_t n = strlen(name);
	for (const char *p = tag; (p = strstr(p, name)) != NULL; p += n) {
		const char *q = p + n;
		if (p == tag || !isspace((unsigned char)p[-1]))
			continue;
		while (isspace((unsigned char)*q))
			q++;
		if (*q++ != '=')
			continue;
		while (isspace((unsigned char)*q))
			q++;
		if (*q != '"' && *q != '\'')
			return NULL;
		*quote = *q;
		return q + 1;
	}
	return NULL;
}

/* A width or height attribute in thousandths: a number alone or in px. */
static long
svg_length(const char *tag, const char *name)
{
	char quote;
	const char *v = svg_attr(tag, name, &quote);
	long n;
	if (v == NULL || !svg_number(&v, &n) || n <= 0)
		return -1;
	if (strncmp(v, "px", 2) == 0)
		v += 2;
	while (isspace((unsigned char)*v))
		v++;
	return *v == quote ? n : -1;
}

bool
filetype_svg_size(const char *data, size_t len, long *w, long *h)
{
	const char *lt = data, *end = data + len;
	while ((lt = memchr(lt, '<', (size_t)(end - lt))) != NULL &&
	       !(end - lt > 5 && memcmp(lt + 1, "svg", 3) == 0 &&
	         (isspace((unsigned char)lt[4]) || lt[4] == '>'))) {
		const char *c = end - lt >= 4 && memcmp(lt, "<!--", 4) == 0
		                    ? find(lt + 4, end, "-->")
		                    : NULL;
		lt = c != NULL ? c + 3 : lt + 1;
	}
	const char *gt = lt ? memchr(lt, '>', (size_t)(end - lt)) : NULL;
	if (gt == NULL || gt - lt > 4096)
		return false;
	char tag[4100];
	memcpy(tag, lt, (size_t)(gt - lt));
	tag[gt - lt] = '\0';
	char quote;
	const char *vb = svg_attr(tag, "viewBox", &quote);
	long x = -1, y = -1, minx, miny;
	if (vb == NULL || !svg_number(&vb, &minx) || !svg_number(&vb, &miny) ||
	    !svg_number(&vb, &x) || !svg_number(&vb, &y))
		x = y = -1;
	if (x <= 0 || y <= 0) {
		x = svg_length(tag, "width");
		y = svg_length(tag, "height");
	}
	if (x <= 0 || y <= 0)
		return false;
	while (x > 100000 || y > 100000) {
		x = (x + 5) / 10;
		y = (y + 5) / 10;
	}
	*w = x > 0 ? x : 1;
	*h = y > 0 ? y : 1;
	return true;
}

ft_verdict
filetype_check(const char *name, const char *data, size_t len)
{
	ft_verdict v = {FT_ACTIVE, "", "", 0};
	const char *base = strrchr(name, '/');
	base = base != NULL ? base + 1 : name;
	const char *dot = strrchr(base, '.');
	if (dot == NULL || dot == base)
		return v; /* no extension: the server would guess */
	const char *ext = dot + 1;
	if (strcasecmp(ext, "svg") == 0)
		return check_svg(data, len);
	for (size_t i = 0; i < sizeof(passive) / sizeof(*passive); i++) {
		if (strcasecmp(ext, passive[i].ext) != 0)
			continue;
		v.type = passive[i].type;
		v.kind = passive_ok(&passive[i], data, len) ? FT_PASSIVE
		                                            : FT_MISMATCH;
		return v;
	}
	const char *t = active_type(ext);
	v.type = t != NULL ? t : dot;
	return v;
}

ft_verdict
filetype_check_asset(const char *name, const char *data, size_t len)
{
	const char *dot = strrchr(name, '.');
	for (size_t i = 0; dot != NULL && strchr(dot, '/') == NULL &&
	                   i < sizeof(asset) / sizeof(*asset);
	     i++)
		if (strcasecmp(dot + 1, asset[i].ext) == 0) {
			ft_verdict v = {FT_MISMATCH, asset[i].type, "", 0};
			if (passive_ok(&asset[i], data, len))
				v.kind = FT_PASSIVE;
			return v;
		}
	return filetype_check(name, data, len);
}

bool
filetype_is_lfs_pointer(const char *data, size_t len)
{
	static const char magic[] = "version https://git-lfs.github.com/spec/";
	return len < FILETYPE_LFS_MAX && len >= sizeof(magic) - 1 &&
	       memcmp(data, magic, sizeof(magic) - 1) == 0;
}

ft_genre
filetype_genre(const char *name, const char **type)
{
	const char *base = strrchr(name, '/');
	base = base != NULL ? base + 1 : name;
	const char *dot = strrchr(base, '.');
	*type = NULL;
	if (dot == NULL || dot == base)
		return FT_GENRE_NONE;
	for (size_t i = 0; i < sizeof(passive) / sizeof(*passive); i++)
		if (strcasecmp(dot + 1, passive[i].ext) == 0) {
			*type = passive[i].type;
			return passive[i].genre;
		}
	if (strcasecmp(dot + 1, "svg") == 0)
		*type = "SVG";
	return FT_GENRE_NONE;
}
