/*
 * value.h - the dynamic value tree shared by front matter, the site model
 * and templates.
 *
 * YAML front matter is loaded into values that remember where they came
 * from (file, line, column), so that an error found at any later stage -
 * validation, link resolution, rendering - can point at the editor's
 * source.  The site model builds the template context out of the same
 * values, so the Mustache engine has a single data type to walk.
 *
 * Scalars read from YAML are kept as strings ("plain" when unquoted): the
 * consumer decides their type, so "09:00" stays a time and "non" stays a
 * word.  value_resolve_core() applies the YAML 1.2 core schema for the
 * rare consumer that wants JSON-like typing (the Mustache spec runner).
 *
 * Values are allocated in an arena and never freed one by one.  The type
 * is opaque; maps keep insertion order, which templates rely on.
 */
#ifndef FABRIQUE_VALUE_H
#define FABRIQUE_VALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"

typedef struct value value;

typedef enum {
	VALUE_NULL,
	VALUE_BOOL,
	VALUE_NUMBER,
	VALUE_STRING,
	VALUE_LIST,
	VALUE_MAP
} value_kind;

/* Where a value was written; file is NULL for computed values. */
typedef struct value_pos {
	const char *file;
	unsigned line, col; /* 1-based; 0 when unknown */
} value_pos;

value *value_null(arena *a);
value *value_bool(arena *a, bool b);
value *value_number(arena *a, double n);
/* The string is copied into the arena. */
value *value_string(arena *a, const char *s);
value *value_stringn(arena *a, const char *s, size_t len);
/* No copy: s must outlive the value (arena or static storage). */
value *value_string_ref(const char *s, size_t len, arena *a);
value *value_list(arena *a);
value *value_map(arena *a);

value_kind value_kind_of(const value *v); /* NULL counts as VALUE_NULL */
const char *value_kind_name(value_kind k);
value_pos value_where(const value *v);
/*
 * Gives v a position; returns the value to use from then on, which may
 * have moved: only a value read from a file has one (it costs 16 bytes
 * more, 24 for a map with its keys' positions), so readers place each
 * value as they make it, before it is linked anywhere.  A map's key
 * positions are kept only once it is placed.  An empty position on a
 * value without one changes nothing.
 */
value *value_set_pos(arena *a, value *v, const char *file, unsigned line,
                     unsigned col) __attribute__((warn_unused_result));

/* A scalar written without quotes in YAML (relevant for typing). */
bool value_is_plain(const value *v);
void value_set_plain(value *v, bool plain);

bool value_get_bool(const value *v);
double value_get_number(const value *v);
/* A number, or a string holding one as an editor wrote it ("47.35"):
 * true and *out set, else false. */
bool value_to_number(const value *v, double *out);
/* NULL unless v is a string. */
const char *value_get_string(const value *v);
size_t value_string_len(const value *v);

/* Lists. */
size_t value_len(const value *v); /* items of a list, entries of a map */
value *value_at(const value *list, size_t i);
void value_push(arena *a, value *list, value *item);

/* Maps: lookup is by exact key.  On a list, a key of digits is an index
 * ("0" is the first item), so a template can write {{#photos.0}}…{{/…}}
 * to show a heading only when a list has items. */
value *value_get(const value *map, const char *key);
/* The same with the key's hash computed once beforehand (templates hash
 * their names when compiled): hash must be value_key_hash(key). */
value *value_get_hashed(const value *map, const char *key, uint32_t hash);
uint32_t value_key_hash(const char *key);
/* Mustache's context lookup in one call: key (hashed) in the topmost of
 * the n values of stack that has it, stack[n - 1] first; NULL if none. */
value *value_get_first(const value *const *stack, size_t n, const char *key,
                       uint32_t hash);
/*
 * Starts loading into the CPU's caches what looking names up in v will
 * read, without waiting: a template walking a list of views (a list
 * page's thousands of cards) otherwise waits on memory at nearly every
 * lookup.  Four steps, each reading what the one before loaded: 0 the
 * value, 1 a map's entries and index, 2 the values they hold, 3 their
 * text or entries; issue step k for the item 4 - k ahead.
 */
void value_prefetch(const value *v, unsigned step);
/* Adds or replaces; the key is not copied (arena or static). */
void value_set(arena *a, value *map, const char *key, value *v);
const char *value_key_at(const value *map, size_t i);
/* A shallow copy of a map (values shared), with room for extra more
 * entries: how a view gains fields without touching what it copies.  It
 * keeps the map's position, not its keys' (no message points at a
 * view's keys: value_key_pos() gives the values' positions). */
value *value_copy_map(arena *a, const value *map, size_t extra);
/* A map whose entries are all set (a page's checked front matter, kept
 * for the whole build): its arrays are sized for them exactly, those it
 * grew into (up to twice as big) handed back to the arena for other maps
 * and lists.  Setting more entries afterwards still works. */
void value_map_fit(arena *a, value *map);
value *value_val_at(const value *map, size_t i);
/* Position of the key itself (for "unknown key" messages); in a map
 * without a position, the value's. */
value_pos value_key_pos(const value *map, size_t i);
void value_set_key_pos(value *map, size_t i, value_pos pos);

/* Convenience setters for building template contexts. */
void value_set_str(arena *a, value *map, const char *key, const char *s);
void value_set_int(arena *a, value *map, const char *key, long n);
void value_set_bool(arena *a, value *map, const char *key, bool b);

/* Follows a dotted path ("lieu.nom") through maps; NULL if absent. */
value *value_path(const value *v, const char *dotted);

/* Mustache truthiness: false, null, empty list and "" are falsey. */
bool value_truthy(const value *v);

/* Plain scalars become null/bool/number per the YAML 1.2 core schema. */
void value_resolve_core(value *v);

/* Shortest text that reads back as the same number (1.21, 85, -3). */
void value_format_number(double n, char *out, size_t outsz);

#endif
