#include "jsonschema.h"

#include <math.h>
#include <regex.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "utf8.h"

struct pattern {
	const char *src; /* the schema's string: the key of the cache */
	regex_t re;
};

struct jsonschema {
	const value *root;
	struct pattern *pats;
	size_t npats;
};

struct ck {
	const jsonschema *js;
	buf *out;
	size_t max, count;
	buf *unknown; /* NULL: unknown members are problems */
	size_t nunknown;
	char path[512];
	size_t plen;
};

static const char *const known[] = {
    "$schema",   "$id",         "$defs",
    "title",     "description", "type",
    "required",  "properties",  "additionalProperties",
    "items",     "enum",        "const",
    "minimum",   "maximum",     "minLength",
    "maxLength", "pattern",     "format",
    "$ref"};

/* Walks the schema once: refuses unknown keywords, compiles patterns. */
static const char *
prepare(jsonschema *js, const value *s, bool props)
{
	if (value_kind_of(s) != VALUE_MAP)
		return NULL;
	for (size_t i = 0; i < value_len(s); i++) {
		const char *k = value_key_at(s, i);
		const value *v = value_val_at(s, i);
		bool ok = props;
		for (size_t j = 0; !ok && j < sizeof(known) / sizeof(*known);
		     j++)
			ok = strcmp(k, known[j]) == 0;
		if (!ok)
			return k;
		const char *why = NULL;
		if (props || strcmp(k, "items") == 0 ||
		    strcmp(k, "additionalProperties") == 0)
			why = prepare(js, v, false);
		else if (strcmp(k, "properties") == 0 ||
		         strcmp(k, "$defs") == 0)
			why = prepare(js, v, true);
		else if (strcmp(k, "pattern") == 0) {
			js->pats = xrealloc(js->pats, (js->npats + 1) *
			                                  sizeof(*js->pats));
			struct pattern *p = &js->pats[js->npats];
			p->src = value_get_string(v);
			if (p->src == NULL ||
			    regcomp(&p->re, p->src, REG_EXTENDED | REG_NOSUB))
				return "pattern";
			js->npats++;
		}
		if (why != NULL)
			return why;
	}
	return NULL;
}

jsonschema *
jsonschema_new(const value *schema, const char **why)
{
	jsonschema *js = xcalloc(1, sizeof(*js));
	js->root = schema;
	const char *bad = prepare(js, schema, false);
	if (bad != NULL) {
		*why = bad;
		jsonschema_free(js);
		return NULL;
	}
	return js;
}

void
jsonschema_free(jsonschema *js)
{
	if (js == NULL)
		return;
	for (size_t i = 0; i < js->npats; i++)
		regfree(&js->pats[i].re);
	free(js->pats);
	free(js);
}

/* ---- Checking ------------------------------------------------------------ */

static void
problem(struct ck *c, const char *what, const char *detail)
{
	if (c->count++ >= c->max)
		return;
	buf_printf(c->out, "%s: %s%s%s\n", c->plen ? c->path : "/", what,
	           detail ? " " : "", detail ? detail : "");
}

/* A member the schema does not name, where it allows no others. */
static void
not_allowed(struct ck *c)
{
	if (c->unknown == NULL) {
		problem(c, "is not allowed here", NULL);
		return;
	}
	if (c->nunknown++ < c->max)
		buf_printf(c->unknown, "%s\n", c->path);
}

static size_t
push(struct ck *c, const char *seg)
{
	size_t old = c->plen, n = strlen(seg);
	if (old + n + 2 < sizeof(c->path)) {
		c->path[c->plen++] = '/';
		memcpy(c->path + c->plen, seg, n + 1);
		c->plen += n;
	}
	return old;
}

static void
pop(struct ck *c, size_t old)
{
	c->plen = old;
	c->path[old] = '\0';
}

static const value *
resolve(const struct ck *c, const value *s)
{
	for (int hops = 0; hops < 16; hops++) {
		const char *ref = value_get_string(value_get(s, "$ref"));
		if (ref == NULL || strncmp(ref, "#/$defs/", 8) != 0)
			return s;
		s = value_get(value_get(c->js->root, "$defs"), ref + 8);
	}
	return s;
}

static bool
type_is(const value *v, const char *t)
{
	value_kind k = value_kind_of(v);
	if (strcmp(t, "integer") == 0)
		return k == VALUE_NUMBER &&
		       floor(value_get_number(v)) == value_get_number(v);
	static const char *names[] = {"null",   "boolean", "number",
	                              "string", "array",   "object"};
	return strcmp(t, names[k]) == 0;
}

static void
check_type(struct ck *c, const value *s, const value *v)
{
	const value *t = value_get(s, "type");
	if (t == NULL)
		return;
	if (value_kind_of(t) == VALUE_STRING) {
		if (!type_is(v, value_get_string(t)))
			problem(c, "should be of type", value_get_string(t));
		return;
	}
	for (size_t i = 0; i < value_len(t); i++)
		if (type_is(v, value_get_string(value_at(t, i))))
			return;
	problem(c, "has the wrong type", NULL);
}

static bool
equal(const value *a, const value *b)
{
	value_kind k = value_kind_of(a);
	if (k != value_kind_of(b))
		return false;
	if (k == VALUE_STRING)
		return strcmp(value_get_string(a), value_get_string(b)) == 0;
	if (k == VALUE_NUMBER)
		return value_get_number(a) == value_get_number(b);
	if (k == VALUE_BOOL)
		return value_get_bool(a) == value_get_bool(b);
	return k == VALUE_NULL;
}

static bool
format_ok(const char *f, const char *s)
{
	civil_date d;
	char date[11];
	if (strcmp(f, "date") == 0)
		return date_parse(s, &d);
	if (strcmp(f, "date-time") == 0) {
		if (strlen(s) < 20 || s[10] != 'T')
			return false;
		memcpy(date, s, 10);
		date[10] = '\0';
		int h = atoi(s + 11), m = atoi(s + 14), sec = atoi(s + 17);
		return date_parse(date, &d) && h < 24 && m < 60 && sec < 61;
	}
	if (strcmp(f, "uri") == 0) {
		const char *colon = strchr(s, ':');
		return colon != NULL && colon > s;
	}
	return true;
}

static void
check_string(struct ck *c, const value *s, const char *str)
{
	const value *mn = value_get(s, "minLength"),
	            *mx = value_get(s, "maxLength");
	size_t n = (mn || mx) ? utf8_chars(str) : 0;
	if (mn != NULL && n < (size_t)value_get_number(mn))
		problem(c, "is too short", NULL);
	if (mx != NULL && n > (size_t)value_get_number(mx))
		problem(c, "is too long", NULL);
	const char *pat = value_get_string(value_get(s, "pattern"));
	for (size_t i = 0; pat != NULL && i < c->js->npats; i++)
		if (c->js->pats[i].src == pat &&
		    regexec(&c->js->pats[i].re, str, 0, NULL, 0) != 0)
			problem(c, "does not match", pat);
	const char *f = value_get_string(value_get(s, "format"));
	if (f != NULL && !format_ok(f, str))
		problem(c, "is not a valid", f);
}

static void check(struct ck *c, const value *s, const value *v);

static void
check_object(struct ck *c, const value *s, const value *v)
{
	const value *req = value_get(s, "required"),
	            *props = value_get(s, "properties"),
	            *extra = value_get(s, "additionalProperties");
	for (size_t i = 0; i < value_len(req); i++) {
		const char *k = value_get_string(value_at(req, i));
		if (k != NULL && value_get(v, k) == NULL)
			problem(c, "lacks the required member", k);
	}
	for (size_t i = 0; i < value_len(v); i++) {
		const char *k = value_key_at(v, i);
		const value *ps = value_get(props, k);
		size_t old = push(c, k);
		if (ps != NULL)
			check(c, ps, value_val_at(v, i));
		else if (value_kind_of(extra) == VALUE_BOOL &&
		         !value_get_bool(extra))
			not_allowed(c);
		else if (value_kind_of(extra) == VALUE_MAP)
			check(c, extra, value_val_at(v, i));
		pop(c, old);
	}
}

static void
check_array(struct ck *c, const value *s, const value *v)
{
	const value *items = value_get(s, "items");
	char seg[24];
	for (size_t i = 0; items != NULL && i < value_len(v); i++) {
		snprintf(seg, sizeof(seg), "%zu", i);
		size_t old = push(c, seg);
		check(c, items, value_at(v, i));
		pop(c, old);
	}
}

static void
check(struct ck *c, const value *s, const value *v)
{
	s = resolve(c, s);
	if (value_kind_of(s) != VALUE_MAP)
		return;
	check_type(c, s, v);
	const value *en = value_get(s, "enum"), *cst = value_get(s, "const");
	if (en != NULL) {
		size_t i = 0;
		while (i < value_len(en) && !equal(value_at(en, i), v))
			i++;
		if (i == value_len(en))
			problem(c, "is not one of the allowed values", NULL);
	}
	if (cst != NULL && !equal(cst, v))
		problem(c, "should be", value_get_string(cst));
	value_kind k = value_kind_of(v);
	if (k == VALUE_NUMBER) {
		double n = value_get_number(v);
		const value *mn = value_get(s, "minimum"),
		            *mx = value_get(s, "maximum");
		if ((mn != NULL && n < value_get_number(mn)) ||
		    (mx != NULL && n > value_get_number(mx)))
			problem(c, "is out of range", NULL);
	} else if (k == VALUE_STRING) {
		check_string(c, s, value_get_string(v));
	} else if (k == VALUE_MAP) {
		check_object(c, s, v);
	} else if (k == VALUE_LIST) {
		check_array(c, s, v);
	}
}

size_t
jsonschema_check(const jsonschema *js, const value *doc, buf *problems,
                 size_t max)
{
	struct ck c = {.js = js, .out = problems, .max = max};
	check(&c, js->root, doc);
	return c.count;
}

size_t
jsonschema_check_reader(const jsonschema *js, const value *doc, buf *problems,
                        buf *unknown, size_t max, size_t *nunknown)
{
	struct ck c = {
	    .js = js, .out = problems, .max = max, .unknown = unknown};
	check(&c, js->root, doc);
	*nunknown = c.nunknown;
	return c.count;
}
