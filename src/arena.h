/*
 * arena.h - region allocator for build-lifetime data.
 *
 * Everything a build parses or computes (value trees, strings, the site
 * model) lives until the build ends, so it is allocated from an arena and
 * released in one call.  An arena is not thread-safe: each worker thread
 * owns its own.  Allocation failure aborts the process with a message, as
 * there is no sane way to continue a build without memory.
 */
#ifndef FABRIQUE_ARENA_H
#define FABRIQUE_ARENA_H

#include <stdarg.h>
#include <stddef.h>

typedef struct arena arena;

arena *arena_new(void);
void arena_free(arena *a);

/* Memory aligned for any object; never NULL. */
void *arena_alloc(arena *a, size_t size);
void *arena_zalloc(arena *a, size_t size);
char *arena_strdup(arena *a, const char *s);
char *arena_strndup(arena *a, const char *s, size_t n);
char *arena_printf(arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
char *arena_vprintf(arena *a, const char *fmt, va_list ap);

/*
 * fmt with ap, when fmt holds only text, %s, %.*s (a precision of 0 or
 * more) and %%, with no NULL string: the bytes vsnprintf would write,
 * without it (most printf calls of a build join a few strings, and
 * glibc's vsnprintf costs ~1,000 instructions a call before the first
 * byte).  Writes them and a NUL into out when they fit in room bytes;
 * returns their length, or -1 for any other format (vsnprintf it then).
 */
int arena_format_plain(char *out, size_t room, const char *fmt, va_list ap);

/*
 * Growing arrays in an arena (value.c's lists and maps double their
 * storage): arena_grow() returns room for new_size bytes holding the
 * first old_size bytes of old.  It extends old in place when it is the
 * arena's last allocation, else takes a block given back earlier or new
 * memory, and keeps old for reuse.  Only power-of-two sizes up to a
 * quarter of a block are kept; the caller must no longer use old.
 */
void *arena_grow(arena *a, void *old, size_t old_size, size_t new_size);
/* Hands p (size bytes, from this arena, no longer used) back for
 * arena_grow() to reuse; a request larger than a quarter of a block,
 * which had a block of its own, is freed at once. */
void arena_give_back(arena *a, void *p, size_t size);

/* Bytes handed out so far: for statistics and benchmarks. */
size_t arena_used(const arena *a);

/* xmalloc() and friends live in xalloc.h; most users of arenas use them
 * too, so it comes with this header. */
#include "xalloc.h"

#endif
