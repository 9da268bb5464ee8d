/*
 * filemeta.c - personal metadata in published videos and PDF documents
 * (see filemeta.h).
 */
#define _GNU_SOURCE /* memmem */
#include "filemeta.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "zflate.h"
#include "zipmeta.h"

/* ---- MP4 / QuickTime ------------------------------------------------ */

static void xmp_scan(char *d, size_t len, bool strip, filemeta_found *f);

/* Boxes nest a few levels (moov/trak/udta/meta/ilst/item/data): deeper
 * is not a movie's metadata, and a crafted file must not recurse far. */
#define MP4_DEPTH 12

struct mp4 {
	char *d;
	bool strip;
	filemeta_found *f;
};

static uint32_t
be32(const char *p)
{
	const unsigned char *u = (const unsigned char *)p;
	return (uint32_t)u[0] << 24 | (uint32_t)u[1] << 16 |
	       (uint32_t)u[2] << 8 | u[3];
}

/* The box at d[at..end): its header's length and its whole size; false
 * when it does not fit (a damaged or truncated file: the walk stops). */
static bool
box_at(const char *d, size_t at, size_t end, size_t *hdr, size_t *size)
{
	if (end - at < 8)
		return false;
	uint64_t sz = be32(d + at);
	*hdr = 8;
	if (sz == 1) {
		if (end - at < 16)
			return false;
		sz = (uint64_t)be32(d + at + 8) << 32 | be32(d + at + 12);
		*hdr = 16;
	} else if (sz == 0)
		sz = end - at;
	if (sz < *hdr || sz > end - at)
		return false;
	*size = (size_t)sz;
	return true;
}

static void
blank(struct mp4 *m, size_t from, size_t to)
{
	if (m->strip && to > from)
		memset(m->d + from, ' ', to - from);
}

/* The QuickTime keys (1 to 63) naming a position (*loc) or the phone
 * that filmed (*dev: its make and model): a bit each. */
static void
personal_keys(const char *d, size_t at, size_t end, uint64_t *loc,
              uint64_t *dev)
{
	static const char pos[] = "com.apple.quicktime.location";
	static const char *const phone[] = {"com.apple.quicktime.make",
	                                    "com.apple.quicktime.model"};
	*loc = *dev = 0;
	if (end - at < 8)
		return;
	uint32_t n = be32(d + at + 4);
	at += 8;
	for (uint32_t k = 1; k <= n && end - at >= 8; k++) {
		size_t sz = be32(d + at);
		if (sz < 8 || sz > end - at)
			break;
		const char *name = d + at + 8;
		size_t nlen = sz - 8;
		if (k < 64 && nlen >= sizeof(pos) - 1 &&
		    memcmp(name, pos, sizeof(pos) - 1) == 0)
			*loc |= (uint64_t)1 << k;
		for (size_t i = 0; k < 64 && i < 2; i++)
			if (nlen == strlen(phone[i]) &&
			    memcmp(name, phone[i], nlen) == 0)
				*dev |= (uint64_t)1 << k;
		at += sz;
	}
}

/* An ilst's items whose key is a position (found) or the phone (blanked
 * without a word, as a photo's make and model are): their values blanked
 * (an item holds a 'data' box: type and locale, then the value). */
static void
personal_items(struct mp4 *m, size_t at, size_t end, uint64_t loc, uint64_t dev)
{
	size_t hdr, size;
	for (; box_at(m->d, at, end, &hdr, &size); at += size) {
		uint32_t k = be32(m->d + at + 4);
		if (k == 0 || k >= 64 || !((loc | dev) >> k & 1))
			continue;
		if (loc >> k & 1)
			m->f->gps = true;
		size_t in = at + hdr, ihdr, isize;
		if (box_at(m->d, in, at + size, &ihdr, &isize) &&
		    memcmp(m->d + in + 4, "data", 4) == 0 && isize >= ihdr + 8)
			blank(m, in + ihdr + 8, in + isize);
	}
}

/* The XMP packet of a movie: a top-level 'uuid' box with XMP's UUID
 * (the packet after it: *skip 16), or an 'XMP_' box in its udta. */
static bool
xmp_box(const char *t, const char *body, size_t blen, size_t *skip)
{
	static const char uuid[] = "\xBE\x7A\xCF\xCB\x97\xA9\x42\xE8"
	                           "\x9C\x71\x99\x94\x91\xE3\xAF\xAC";
	*skip = memcmp(t, "uuid", 4) == 0 ? 16 : 0;
	return memcmp(t, "XMP_", 4) == 0 ||
	       (*skip == 16 && blen >= 16 && memcmp(body, uuid, 16) == 0);
}

/*
 * The boxes in d[at..end): containers are entered, a udta's ©xyz (ISO
 * 6709 text after its length and language) and the QuickTime keys of a
 * position are found and blanked.  A meta box is a full box (version
 * and flags first) in MP4 files, a plain one in QuickTime's: its first
 * child's type tells.
 */
static void
mp4_boxes(struct mp4 *m, size_t at, size_t end, int depth)
{
	size_t hdr, size, x;
	uint64_t loc = 0, dev = 0;
	if (depth > MP4_DEPTH)
		return;
	for (; box_at(m->d, at, end, &hdr, &size); at += size) {
		const char *t = m->d + at + 4;
		size_t body = at + hdr, bend = at + size;
		if (memcmp(t, "moov", 4) == 0 || memcmp(t, "trak", 4) == 0 ||
		    memcmp(t, "udta", 4) == 0)
			mp4_boxes(m, body, bend, depth + 1);
		else if (memcmp(t, "meta", 4) == 0) {
			if (bend - body >= 8 &&
			    memcmp(m->d + body + 4, "hdlr", 4))
				body += 4;
			mp4_boxes(m, body, bend, depth + 1);
		} else if (memcmp(t, "\xa9xyz", 4) == 0) {
			m->f->gps = true;
			blank(m, bend - body >= 4 ? body + 4 : bend, bend);
		} else if (memcmp(t, "\xa9mod", 4) == 0 ||
		           memcmp(t, "\xa9mak", 4) == 0)
			blank(m, bend - body >= 4 ? body + 4 : bend, bend);
		else if (memcmp(t, "keys", 4) == 0)
			personal_keys(m->d, body, bend, &loc, &dev);
		else if (memcmp(t, "ilst", 4) == 0 && (loc | dev) != 0)
			personal_items(m, body, bend, loc, dev);
		else if (xmp_box(t, m->d + body, bend - body, &x))
			xmp_scan(m->d + body + x, bend - body - x, m->strip,
			         m->f);
	}
}

/* An ISO base media file (MP4, MOV, M4A, 3GP): its first box is one
 * only those start with. */
static bool
is_movie(const char *d, size_t len)
{
	static const char *const first[] = {"ftyp", "moov", "wide",
	                                    "mdat", "free", "skip"};
	if (len < 8)
		return false;
	for (size_t i = 0; i < sizeof(first) / sizeof(*first); i++)
		if (memcmp(d + 4, first[i], 4) == 0)
			return true;
	return false;
}

/* ---- PDF ------------------------------------------------------------ */

static bool
pdf_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' ||
	       c == '\0';
}

/* The end of the literal string whose '(' is at d[at] (balanced
 * parentheses, backslash escapes): the index of its ')', or end. */
static size_t
literal_end(const char *d, size_t at, size_t end)
{
	int depth = 0;
	for (size_t i = at; i < end; i++) {
		if (d[i] == '\\')
			i++;
		else if (d[i] == '(')
			depth++;
		else if (d[i] == ')' && --depth == 0)
			return i;
	}
	return end;
}

/* True if d[from..to) holds something but spaces (a name). */
static bool
holds_text(const char *d, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++)
		if (!pdf_space(d[i]))
			return true;
	return false;
}

/*
 * The value of each /Author key (a literal string or a hex one) holding
 * a name: found, and blanked with spaces (a hex string with "20", or
 * after a UTF-16 mark with "0020": spaces as well).
 */
static void
pdf_authors(char *d, size_t len, bool strip, filemeta_found *f)
{
	static const char key[] = "/Author";
	size_t at = 0;
	const char *p;
	while ((p = memmem(d + at, len - at, key, sizeof(key) - 1)) != NULL) {
		size_t i = (size_t)(p - d) + sizeof(key) - 1;
		at = i;
		while (i < len && pdf_space(d[i]))
			i++;
		if (i >= len || (d[i] != '(' && d[i] != '<') ||
		    (d[i] == '<' && i + 1 < len && d[i + 1] == '<'))
			continue;
		if (d[i] == '(') {
			size_t e = literal_end(d, i, len);
			if (!holds_text(d, i + 1, e))
				continue;
			f->author = true;
			if (strip)
				memset(d + i + 1, ' ', e - i - 1);
			at = e;
			continue;
		}
		size_t s = i + 1, e = s;
		while (e < len && d[e] != '>')
			e++;
		bool bom = e - s >= 4 && strncasecmp(d + s, "FEFF", 4) == 0;
		size_t from = bom ? s + 4 : s;
		const char *fill = bom ? "0020" : "20";
		size_t nf = strlen(fill), k = 0;
		bool named = false;
		for (size_t j = from; j < e; j++)
			if (!pdf_space(d[j]) && d[j] != fill[k++ % nf])
				named = true;
		if (!named)
			continue;
		f->author = true;
		for (size_t j = from, n = 0; strip && j < e; j++)
			if (!pdf_space(d[j]))
				d[j] = fill[n++ % nf];
		at = e;
	}
}

/* The text of each <dc:creator> of the XMP packet (outside its tags:
 * rdf:Seq, rdf:li): found, and blanked. */
static void
xmp_creators(char *d, size_t len, bool strip, filemeta_found *f)
{
	static const char open[] = "<dc:creator", close[] = "</dc:creator>";
	size_t at = 0;
	const char *p, *q;
	while ((p = memmem(d + at, len - at, open, sizeof(open) - 1)) != NULL) {
		size_t s = (size_t)(p - d) + sizeof(open) - 1;
		q = memmem(d + s, len - s, close, sizeof(close) - 1);
		if (q == NULL)
			return;
		size_t e = (size_t)(q - d);
		bool in_tag = true; /* the rest of <dc:creator …> */
		for (size_t i = s; i < e; i++) {
			if (d[i] == '<' || d[i] == '>') {
				in_tag = d[i] == '<';
				continue;
			}
			if (in_tag || pdf_space(d[i]))
				continue;
			f->author = true;
			if (strip)
				d[i] = ' ';
		}
		at = e + sizeof(close) - 1;
	}
}

/* The values of XMP's GPS properties (exif:GPSLatitude…), written as
 * attributes (exif:GPSLatitude="48,51.4N") or elements
 * (<exif:GPSLatitude>48,51.4N</exif:GPSLatitude>): found, and blanked. */
static void
xmp_gps(char *d, size_t len, bool strip, filemeta_found *f)
{
	static const char key[] = "exif:GPS";
	size_t at = 0;
	const char *p;
	while ((p = memmem(d + at, len - at, key, sizeof(key) - 1)) != NULL) {
		size_t i = (size_t)(p - d) + sizeof(key) - 1;
		while (i < len &&
		       (d[i] == '_' || d[i] == '-' ||
		        ((d[i] | 0x20) >= 'a' && (d[i] | 0x20) <= 'z')))
			i++;
		at = i;
		if (p > d && p[-1] == '/') /* a closing tag */
			continue;
		char stop;
		if (i + 1 < len && d[i] == '=' &&
		    (d[i + 1] == '"' || d[i + 1] == '\''))
			stop = d[++i];
		else if (i < len && d[i] == '>')
			stop = '<';
		else
			continue;
		size_t e = ++i;
		while (e < len && d[e] != stop)
			e++;
		if (holds_text(d, i, e)) {
			f->gps = true;
			if (strip)
				memset(d + i, ' ', e - i);
		}
		at = e;
	}
}

static void
xmp_scan(char *d, size_t len, bool strip, filemeta_found *f)
{
	xmp_creators(d, len, strip, f);
	xmp_gps(d, len, strip, f);
}

/* ---- PDF object streams --------------------------------------------- */

/* The biggest object stream inflated: an Info dictionary sits among a
 * document's small objects (kilobytes); bigger is not read. */
#define PDF_OBJSTM_MAX ((size_t)16 * 1024 * 1024)
/* How far before /ObjStm its object's dictionary may start. */
#define PDF_DICT_MAX 1024

/* The object stream whose /Type /ObjStm is at d[at], read: its /Length's
 * digits (*ldig, *lend), its data (*data, *dlen).  Its dictionary runs
 * from its "obj" to its "stream".  False for anything but a direct length
 * and a single FlateDecode filter without parameters: what this cannot
 * rewrite in place is left alone. */
static bool
objstm_at(const char *d, size_t len, size_t at, size_t *ldig, size_t *lend,
          size_t *data, size_t *dlen)
{
	size_t lo = at > PDF_DICT_MAX ? at - PDF_DICT_MAX : 0;
	const char *obj = NULL, *q;
	for (size_t i = lo; (q = memmem(d + i, at - i, "obj", 3)) != NULL;)
		i = (size_t)((obj = q) - d) + 3;
	const char *st =
	    memmem(d + at, len - at < PDF_DICT_MAX ? len - at : PDF_DICT_MAX,
	           "stream", 6);
	if (obj == NULL || st == NULL)
		return false;
	size_t ds = (size_t)(obj - d) + 3, de = (size_t)(st - d);
	const char *dict = d + ds;
	const char *l = memmem(dict, de - ds, "/Length", 7);
	const char *fl = memmem(dict, de - ds, "/FlateDecode", 12);
	if (l == NULL || fl == NULL ||
	    memmem(dict, de - ds, "/DecodeParms", 12) != NULL ||
	    memmem(dict, de - ds, "endobj", 6) != NULL ||
	    memmem(fl + 12, (size_t)(d + de - fl) - 12, "Decode", 6) != NULL ||
	    memmem(dict, (size_t)(fl - dict), "Decode", 6) != NULL)
		return false;
	size_t i = (size_t)(l - d) + 7, n = 0;
	while (i < de && pdf_space(d[i]))
		i++;
	*ldig = i;
	for (; i < de && d[i] >= '0' && d[i] <= '9' && n < PDF_OBJSTM_MAX; i++)
		n = n * 10 + (size_t)(d[i] - '0');
	*lend = i;
	while (i < de && pdf_space(d[i]))
		i++;
	if (*lend == *ldig || (d[i] >= '0' && d[i] <= '9')) /* 5 0 R */
		return false;
	size_t s = de + 6;
	s += s < len && d[s] == '\r';
	if (s >= len || d[s] != '\n' || len - s - 1 < n)
		return false;
	*data = s + 1;
	*dlen = n;
	return true;
}

/*
 * The object stream at d[data..data+dlen) (its /Length's digits at
 * d[ldig..lend)) whose inflated objects hold an author: blanked there (the
 * objects keep their offsets in it), deflated again and written back when
 * that is no longer than it was, its /Length said again (padded with
 * spaces) and the bytes left before "endstream" made spaces; the file
 * keeps its size and every offset.  Longer, the name is kept (f->kept).
 * Without strip (check), the same is tried on the inflated copy alone, so
 * that check says what build will do.
 */
static void
objstm_blank(char *d, size_t ldig, size_t lend, size_t data, size_t dlen,
             bool strip, filemeta_found *f)
{
	char *x, *z = NULL;
	size_t n, used, zlen = 0;
	if (zflate_inflate(d + data, dlen, false, PDF_OBJSTM_MAX, &x, &n,
	                   &used) != 0)
		return;
	filemeta_found in = {0};
	pdf_authors(x, n, true, &in);
	if (!in.author) {
		free(x);
		return;
	}
	char num[24];
	int w = -1;
	if (zflate_deflate(x, n, false, &z, &zlen) == 0)
		w = snprintf(num, sizeof(num), "%zu", zlen);
	if (w > 0 && zlen <= dlen && (size_t)w <= lend - ldig) {
		f->author = true;
		if (strip) {
			memcpy(d + data, z, zlen);
			memset(d + data + zlen, ' ', dlen - zlen);
			memset(d + ldig, ' ', lend - ldig);
			memcpy(d + ldig, num, (size_t)w);
		}
	} else
		f->kept = true;
	free(z);
	free(x);
}

/* The authors in the PDF's compressed object streams (/Type /ObjStm,
 * PDF 1.5: Word and LibreOffice put the Info dictionary there). */
static void
pdf_objstms(char *d, size_t len, bool strip, filemeta_found *f)
{
	static const char key[] = "/ObjStm";
	size_t at = 0, ldig, lend, data, dlen;
	const char *p;
	while ((p = memmem(d + at, len - at, key, sizeof(key) - 1)) != NULL) {
		at = (size_t)(p - d) + sizeof(key) - 1;
		if (!objstm_at(d, len, (size_t)(p - d), &ldig, &lend, &data,
		               &dlen))
			continue;
		objstm_blank(d, ldig, lend, data, dlen, strip, f);
		at = data + dlen;
	}
}

/*
 * A PDF's authors: its Info dictionary, its object streams, its XMP.
 * Stripping one can make another readable (an object stream rewritten
 * in place where a damaged file's objects overlap: found by fuzzing), so
 * the published copy is scanned again and stripped until none is left;
 * a copy still naming someone after a few rounds keeps it said (kept).
 */
static void
pdf_scan(char *d, size_t n, bool strip, filemeta_found *f)
{
	pdf_authors(d, n, strip, f);
	pdf_objstms(d, n, strip, f);
	xmp_scan(d, n, strip, f);
	for (int round = 0; strip && round < 4; round++) {
		filemeta_found again = {0};
		pdf_authors(d, n, false, &again);
		pdf_objstms(d, n, false, &again);
		xmp_scan(d, n, false, &again);
		if (!again.author && !again.gps)
			return;
		pdf_authors(d, n, true, f);
		pdf_objstms(d, n, true, f);
		xmp_scan(d, n, true, f);
	}
	if (strip) {
		filemeta_found last = {0};
		pdf_authors(d, n, false, &last);
		pdf_objstms(d, n, false, &last);
		xmp_scan(d, n, false, &last);
		f->kept = f->kept || last.author;
	}
}

/* ---- Both ----------------------------------------------------------- */

filemeta_found
filemeta_scan(char **data, size_t *len, bool strip)
{
	filemeta_found f = {0};
	char *d = *data, *copy;
	size_t n = *len, copylen;
	if (n >= 5 && memcmp(d, "%PDF-", 5) == 0) {
		pdf_scan(d, n, strip, &f);
	} else if (is_movie(d, n)) {
		f.video = true;
		struct mp4 m = {d, strip, &f};
		mp4_boxes(&m, 0, n, 0);
	} else {
		zipmeta_found z = zipmeta_scan(d, n, strip, &copy, &copylen);
		f.author = z.author;
		f.comments = z.comments;
		f.changes = z.changes;
		f.unchecked = z.unchecked;
		f.too_large = z.too_large;
		f.text_unread = z.text_unread;
		if (copy != NULL) {
			free(*data);
			*data = copy;
			*len = copylen;
		}
	}
	return f;
}
