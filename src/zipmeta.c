/*
 * zipmeta.c - personal metadata in office documents (see zipmeta.h).
 */
#define _GNU_SOURCE /* memmem */
#include "zipmeta.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "xalloc.h"
#include "zflate.h"

/* The biggest member inflated (a document's text: megabytes at most);
 * bigger, the package is said unchecked rather than read. */
#define ZM_MAX_MEMBER ((size_t)64 * 1024 * 1024)

#define ZM_EOCD 22  /* end of central directory, without its comment */
#define ZM_CDIR 46  /* a central directory header, without its names */
#define ZM_LOCAL 30 /* a local header, without its name and extra */
/* The flags both headers of a member must agree on: encrypted (1, 0x40,
 * 0x2000) and sizes after the data (8); others (UTF-8 names, the
 * compression level) may differ between them. */
#define ZM_FLAGS 0x2049u

/* A member, as its central directory header and local header agree. */
typedef struct zm_entry {
	size_t cd;        /* its central header */
	size_t cdlen;     /* that header with name, extra and comment */
	const char *name; /* in the central header, not NUL-terminated */
	size_t nlen;
	uint16_t flags, method;
	uint32_t crc, csize, usize;
	size_t local, data; /* its local header, its data */
	size_t end;         /* after its data (and its data descriptor) */
	char *fresh;        /* its new deflated data, when rewritten */
	size_t freshlen;
	uint32_t freshcrc, freshusize;
} zm_entry;

/* The package read: its entries (owned, each owning its fresh data). */
typedef struct zm_zip {
	const char *d;
	size_t len;
	size_t eocd, cdoff;
	size_t n;
	zm_entry *e;
} zm_zip;

static uint16_t
le16(const char *p)
{
	const unsigned char *u = (const unsigned char *)p;
	return (uint16_t)(u[0] | u[1] << 8);
}

static uint32_t
le32(const char *p)
{
	const unsigned char *u = (const unsigned char *)p;
	return (uint32_t)u[0] | (uint32_t)u[1] << 8 | (uint32_t)u[2] << 16 |
	       (uint32_t)u[3] << 24;
}

static void
put16(char *p, uint32_t v)
{
	p[0] = (char)(v & 0xff);
	p[1] = (char)(v >> 8 & 0xff);
}

static void
put32(char *p, uint32_t v)
{
	put16(p, v & 0xffff);
	put16(p + 2, v >> 16);
}

/* The end of central directory: the last one whose comment reaches the
 * end of the file exactly, on one disk, without ZIP64's escapes. */
static bool
zm_eocd(zm_zip *z)
{
	const char *d = z->d;
	if (z->len < ZM_EOCD)
		return false;
	size_t lo = z->len - ZM_EOCD > 0xffff ? z->len - ZM_EOCD - 0xffff : 0;
	for (size_t at = z->len - ZM_EOCD + 1; at-- > lo;) {
		if (memcmp(d + at, "PK\5\6", 4) != 0 ||
		    at + ZM_EOCD + le16(d + at + 20) != z->len)
			continue;
		uint32_t cdsize = le32(d + at + 12), cdoff = le32(d + at + 16);
		if (le16(d + at + 4) != 0 || le16(d + at + 6) != 0 ||
		    le16(d + at + 8) != le16(d + at + 10) ||
		    le16(d + at + 10) == 0xffff || cdoff > at ||
		    cdsize != at - cdoff)
			return false;
		z->eocd = at;
		z->cdoff = cdoff;
		z->n = le16(d + at + 10);
		return true;
	}
	return false;
}

/* The central directory's headers, read into z->e: no encryption, stored
 * or deflated, no ZIP64 sizes, and filling the directory exactly. */
static bool
zm_central(zm_zip *z)
{
	const char *d = z->d;
	size_t at = z->cdoff;
	z->e = xcalloc(z->n ? z->n : 1, sizeof(*z->e));
	for (size_t i = 0; i < z->n; i++) {
		zm_entry *e = &z->e[i];
		if (z->eocd - at < ZM_CDIR || memcmp(d + at, "PK\1\2", 4) != 0)
			return false;
		e->cd = at;
		e->nlen = le16(d + at + 28);
		e->cdlen =
		    ZM_CDIR + e->nlen + le16(d + at + 30) + le16(d + at + 32);
		if (z->eocd - at < e->cdlen)
			return false;
		e->name = d + at + ZM_CDIR;
		e->flags = le16(d + at + 8);
		e->method = le16(d + at + 10);
		e->crc = le32(d + at + 16);
		e->csize = le32(d + at + 20);
		e->usize = le32(d + at + 24);
		e->local = le32(d + at + 42);
		if ((e->flags & 0x2041) != 0 ||
		    (e->method != 0 && e->method != 8) ||
		    e->csize == 0xffffffff || e->usize == 0xffffffff ||
		    le16(d + at + 34) != 0 || e->local == 0xffffffff ||
		    (e->method == 0 && e->csize != e->usize))
			return false;
		at += e->cdlen;
	}
	return at == z->eocd;
}

/* A member's data descriptor (flag 8: its CRC and sizes after its data,
 * with or without a signature) agreeing with its central header: its
 * length, 0 when it does not fit or disagrees. */
static size_t
zm_descriptor(const zm_zip *z, const zm_entry *e)
{
	const char *p = z->d + e->end;
	size_t room = z->cdoff - e->end;
	size_t sig = room >= 16 && memcmp(p, "PK\7\10", 4) == 0 ? 4 : 0;
	if (room < sig + 12 || le32(p + sig) != e->crc ||
	    le32(p + sig + 4) != e->csize || le32(p + sig + 8) != e->usize)
		return 0;
	return sig + 12;
}

/* Each member's local header, where its central header says, agreeing
 * with it; the members laid end to end from the start of the file to
 * the central directory, as office programs write them. */
static bool
zm_locals(zm_zip *z)
{
	const char *d = z->d;
	size_t at = 0;
	for (size_t i = 0; i < z->n; i++) {
		zm_entry *e = &z->e[i];
		const char *l = d + at;
		if (e->local != at || z->cdoff - at < ZM_LOCAL ||
		    memcmp(l, "PK\3\4", 4) != 0 ||
		    (le16(l + 6) & ZM_FLAGS) != (e->flags & ZM_FLAGS) ||
		    le16(l + 8) != e->method || le16(l + 26) != e->nlen)
			return false;
		size_t hdr = ZM_LOCAL + e->nlen + le16(l + 28);
		if (z->cdoff - at < hdr ||
		    memcmp(l + ZM_LOCAL, e->name, e->nlen) != 0 ||
		    z->cdoff - at - hdr < e->csize)
			return false;
		e->data = at + hdr;
		e->end = e->data + e->csize;
		if (e->flags & 8) {
			size_t dd = zm_descriptor(z, e);
			if (dd == 0)
				return false;
			e->end += dd;
		} else if (le32(l + 14) != e->crc || le32(l + 18) != e->csize ||
		           le32(l + 22) != e->usize)
			return false;
		at = e->end;
	}
	return at == z->cdoff;
}

static bool
zm_named(const zm_entry *e, const char *name)
{
	return e->nlen == strlen(name) && memcmp(e->name, name, e->nlen) == 0;
}

/* The name starts with prefix and ends with suffix. */
static bool
zm_under(const zm_entry *e, const char *prefix, const char *suffix)
{
	size_t p = strlen(prefix), s = strlen(suffix);
	return e->nlen >= p + s && memcmp(e->name, prefix, p) == 0 &&
	       memcmp(e->name + e->nlen - s, suffix, s) == 0;
}

/* A member's content (*out, *outlen; free() it), checked against its
 * CRC-32 and size; false when damaged or too big. */
static bool
zm_read(const zm_zip *z, const zm_entry *e, char **out, size_t *outlen)
{
	size_t used;
	if (e->usize > ZM_MAX_MEMBER)
		return false;
	if (e->method == 0) {
		*out = xmalloc((size_t)e->usize + 1);
		memcpy(*out, z->d + e->data, e->usize);
		(*out)[e->usize] = '\0';
		*outlen = e->usize;
	} else if (zflate_inflate(z->d + e->data, e->csize, true,
	                          (size_t)e->usize + 1, out, outlen,
	                          &used) != 0)
		return false;
	if (*outlen == e->usize && zflate_crc32(*out, *outlen) == e->crc)
		return true;
	free(*out);
	return false;
}

/* A property whose value is removed; said, when it names someone (a
 * custom property may be a SharePoint identifier: removed quietly). */
typedef struct zm_prop {
	const char *tag;
	bool said;
} zm_prop;

/* The parts holding properties, and the properties naming people in
 * each: OOXML's docProps (core, app, custom), OpenDocument's meta.xml. */
static const struct zm_part {
	const char *name;
	zm_prop props[4];
} zm_parts[] = {
    {"docProps/core.xml", {{"dc:creator", 1}, {"cp:lastModifiedBy", 1}}},
    {"docProps/app.xml", {{"Company", 1}, {"Manager", 1}}},
    {"docProps/custom.xml",
     {{"vt:lpwstr", 0}, {"vt:lpstr", 0}, {"vt:bstr", 0}}},
    {"meta.xml",
     {{"dc:creator", 1},
      {"meta:initial-creator", 1},
      {"meta:printed-by", 1},
      {"meta:user-defined", 0}}},
};

#define ZM_REMOVED 1 /* a value was removed */
#define ZM_SAID 2    /* one naming someone */

static bool
zm_blank(const char *s, const char *e)
{
	for (; s < e; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
			return false;
	return true;
}

/*
 * The element <tag …>…</tag> at x[at] (at on its '<'): *inner and *close
 * are where its content starts and its end tag does; false for another
 * element whose name starts the same, an empty one (<tag/>), or no end.
 */
static bool
zm_element(const char *x, size_t len, size_t at, const char *tag, size_t *inner,
           size_t *close)
{
	size_t t = strlen(tag), i = at + 1 + t;
	if (i >= len || (x[i] != '>' && x[i] != ' ' && x[i] != '\t' &&
	                 x[i] != '\r' && x[i] != '\n'))
		return false;
	const char *gt = memchr(x + i, '>', len - i);
	if (gt == NULL || gt[-1] == '/')
		return false;
	*inner = (size_t)(gt - x) + 1;
	char end[64]; /* "</" tag ">": the tags of zm_props are short */
	snprintf(end, sizeof(end), "</%s>", tag);
	const char *c = memmem(x + *inner, len - *inner, end, t + 3);
	if (c == NULL)
		return false;
	*close = (size_t)(c - x);
	return true;
}

/* A properties part x[0..len) without the values of part's properties,
 * into out: ZM_REMOVED and ZM_SAID as they were. */
static int
zm_strip_props(const struct zm_part *part, const char *x, size_t len, buf *out)
{
	int r = 0;
	size_t from = 0;
	for (size_t at = 0; at < len; at++) {
		if (x[at] != '<')
			continue;
		for (const zm_prop *p = part->props;
		     p < part->props + 4 && p->tag != NULL; p++) {
			size_t inner, close, t = strlen(p->tag);
			if (len - at - 1 < t ||
			    memcmp(x + at + 1, p->tag, t) != 0 ||
			    !zm_element(x, len, at, p->tag, &inner, &close))
				continue;
			if (!zm_blank(x + inner, x + close))
				r |= ZM_REMOVED | (p->said ? ZM_SAID : 0);
			buf_put(out, x + from, inner - from);
			from = at = close;
			break;
		}
	}
	buf_put(out, x + from, len - from);
	return r;
}

/* An OOXML package ([Content_Types].xml) or an OpenDocument one (its
 * stored mimetype says so): an EPUB's or an archive's names are its
 * authors', published on purpose. */
static bool
zm_office(const zm_zip *z)
{
	static const char odf[] = "application/vnd.oasis.opendocument";
	for (size_t i = 0; i < z->n; i++) {
		const zm_entry *e = &z->e[i];
		if (zm_named(e, "[Content_Types].xml"))
			return true;
		if (zm_named(e, "mimetype") && e->method == 0 &&
		    e->csize >= sizeof(odf) - 1 &&
		    memcmp(z->d + e->data, odf, sizeof(odf) - 1) == 0)
			return true;
	}
	return false;
}

/* The same, from the bytes of a package that could not be read: names
 * are stored as they are in its headers. */
static bool
zm_office_bytes(const char *d, size_t len)
{
	static const char ooxml[] = "[Content_Types].xml",
	                  odf[] = "mimetypeapplication/vnd.oasis.opendocument";
	return memmem(d, len, ooxml, sizeof(ooxml) - 1) != NULL ||
	       memmem(d, len, odf, sizeof(odf) - 1) != NULL;
}

/* Parts whose mere presence says comments (a workbook's, a
 * presentation's) or tracked changes (a workbook's revisions). */
static void
zm_presence(const zm_entry *e, zipmeta_found *f)
{
	if (zm_under(e, "xl/comments", ".xml") ||
	    zm_under(e, "xl/threadedComments/", ".xml") ||
	    zm_under(e, "ppt/comments/", ".xml") ||
	    zm_named(e, "ppt/commentAuthors.xml"))
		f->comments = true;
	if (zm_under(e, "xl/revisions/", ".xml"))
		f->changes = true;
}

/* Parts read for comments and tracked changes in the text: a .docx's
 * comments and its w:ins / w:del, an OpenDocument's annotations and
 * changed regions.  False when the part could not be read. */
static bool
zm_text(const zm_zip *z, const zm_entry *e, zipmeta_found *f)
{
	bool word = zm_named(e, "word/document.xml"),
	     comm = zm_named(e, "word/comments.xml"),
	     odf = zm_named(e, "content.xml");
	char *x;
	size_t n;
	if (!word && !comm && !odf)
		return true;
	if (e->usize > ZM_MAX_MEMBER) { /* the properties still cleaned */
		f->text_unread = true;
		return true;
	}
	if (!zm_read(z, e, &x, &n))
		return false;
	if ((comm && memmem(x, n, "<w:comment ", 11) != NULL) ||
	    (odf && memmem(x, n, "<office:annotation", 18) != NULL))
		f->comments = true;
	if ((word && (memmem(x, n, "<w:ins ", 7) != NULL ||
	              memmem(x, n, "<w:del ", 7) != NULL)) ||
	    (odf && memmem(x, n, "<text:changed-region", 20) != NULL))
		f->changes = true;
	free(x);
	return true;
}

/* A properties part: its values naming people removed, into e->fresh
 * (deflated again) with strip.  False when it could not be read. */
static bool
zm_props_part(const zm_zip *z, zm_entry *e, bool strip, zipmeta_found *f)
{
	const struct zm_part *part = NULL;
	for (size_t k = 0; k < sizeof(zm_parts) / sizeof(*zm_parts); k++)
		if (zm_named(e, zm_parts[k].name))
			part = &zm_parts[k];
	if (part == NULL)
		return true;
	char *x;
	size_t n;
	if (e->usize > ZM_MAX_MEMBER)
		f->too_large = true;
	if (!zm_read(z, e, &x, &n))
		return false;
	buf out = BUF_INIT;
	int r = zm_strip_props(part, x, n, &out);
	free(x);
	if (r & ZM_SAID)
		f->author = true;
	bool ok = true;
	if (strip && (r & ZM_REMOVED)) {
		e->freshcrc = (uint32_t)zflate_crc32(out.data, out.len);
		e->freshusize = (uint32_t)out.len;
		ok = zflate_deflate(out.data, out.len, true, &e->fresh,
		                    &e->freshlen) == 0;
	}
	buf_free(&out);
	return ok;
}

/* A rewritten member's fields in a header copied from the package (its
 * local header at h, or its central one at h + 2: the same fields two
 * bytes later): deflated, its sizes and CRC known before its data (no
 * data descriptor), the version needed at least DEFLATE's 2.0. */
static void
zm_patch(char *h, const zm_entry *e)
{
	if (le16(h + 4) < 20)
		put16(h + 4, 20);
	put16(h + 6, e->flags & ~8u);
	put16(h + 8, 8);
	put32(h + 14, e->freshcrc);
	put32(h + 18, (uint32_t)e->freshlen);
	put32(h + 22, e->freshusize);
}

/* The package again: members copied, or rewritten with their new data;
 * the central directory's offsets and the end record following. */
static char *
zm_write(const zm_zip *z, size_t *outlen)
{
	buf o = BUF_INIT;
	size_t *at = xmalloc((z->n ? z->n : 1) * sizeof(*at));
	for (size_t i = 0; i < z->n; i++) {
		const zm_entry *e = &z->e[i];
		at[i] = o.len;
		if (e->fresh == NULL) {
			buf_put(&o, z->d + e->local, e->end - e->local);
			continue;
		}
		buf_put(&o, z->d + e->local, e->data - e->local);
		zm_patch(o.data + at[i], e);
		buf_put(&o, e->fresh, e->freshlen);
	}
	size_t cd = o.len;
	for (size_t i = 0; i < z->n; i++) {
		const zm_entry *e = &z->e[i];
		size_t h = o.len;
		buf_put(&o, z->d + e->cd, e->cdlen);
		if (e->fresh != NULL)
			zm_patch(o.data + h + 2, e);
		put32(o.data + h + 42, (uint32_t)at[i]);
	}
	size_t end = o.len;
	buf_put(&o, z->d + z->eocd, z->len - z->eocd);
	put32(o.data + end + 16, (uint32_t)cd);
	free(at);
	return buf_detach(&o, outlen);
}

/* Every member read for what it says of people; false when one that
 * matters could not be. */
static bool
zm_members(zm_zip *z, bool strip, zipmeta_found *f, bool *fresh)
{
	*fresh = false;
	for (size_t i = 0; i < z->n; i++) {
		zm_entry *e = &z->e[i];
		zm_presence(e, f);
		if (!zm_text(z, e, f) || !zm_props_part(z, e, strip, f))
			return false;
		*fresh |= e->fresh != NULL;
	}
	return true;
}

zipmeta_found
zipmeta_scan(const char *d, size_t len, bool strip, char **copy,
             size_t *copylen)
{
	zipmeta_found f = {0};
	*copy = NULL;
	*copylen = 0;
	if (len < 4 || memcmp(d, "PK\3\4", 4) != 0)
		return f;
	zm_zip z = {d, len, 0, 0, 0, NULL};
	bool read = zm_eocd(&z) && zm_central(&z) && zm_locals(&z),
	     fresh = false;
	f.office = read ? zm_office(&z) : zm_office_bytes(d, len);
	if (f.office && (!read || !zm_members(&z, strip, &f, &fresh))) {
		f.unchecked = true;
		f.author = false; /* not removed: "unchecked" says it all */
	} else if (f.office && fresh)
		*copy = zm_write(&z, copylen);
	for (size_t i = 0; z.e != NULL && i < z.n; i++)
		free(z.e[i].fresh);
	free(z.e);
	return f;
}
