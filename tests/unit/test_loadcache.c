/* Unit tests for loadcache.c: an entry read back is the tree and the
 * warnings that were kept, with every position; a truncated, damaged,
 * older or foreign file is ignored, never half read. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "fsutil.h"
#include "loadcache.h"
#include "yamldoc.h"

#define FILE_MD "content/ateliers/préau.md"
#define BLOB "0123456789abcdef0123456789abcdef01234567"

struct fixture {
	arena *a;
	diag *d;
	char dir[64];
	char path[96];
};

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	f->a = arena_new();
	f->d = diag_new("en");
	snprintf(f->dir, sizeof(f->dir), "/tmp/fabrique-loadcache-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof(f->path), "%s/sub/load", f->dir);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;
	fs_remove_tree(f->dir);
	arena_free(f->a);
	diag_free(f->d);
	free(f);
	return 0;
}

static const char yaml[] = "titre: \"Repeindre le préau\"\n"
                           "date: 2026-05-16\n"
                           "tags: [peinture, 'école']\n"
                           "lieu:\n"
                           "  nom: École\n"
                           "  vide:\n"
                           "ateliers:\n"
                           "  - ateliers/lavoir\n";

static value *
sample(struct fixture *f)
{
	value *v = yamldoc_load(f->a, FILE_MD, yaml, strlen(yaml), 2, f->d);
	assert_non_null(v);
	/* kinds YAML never makes, kept all the same */
	value *n = value_number(f->a, 47.35);
	n = value_set_pos(f->a, n, FILE_MD, 20, 3);
	value_set(f->a, v, "nombre", n);
	value_set(f->a, v, "oui", value_bool(f->a, true));
	value_set(f->a, v, "rien", value_null(f->a));
	return v;
}

static const loadcache_note notes[] = {
    {DIAG_WARNING, FILE_MD, 7, 3, "field 'vide' is empty"},
    {DIAG_NOTE, NULL, 0, 0, "a note without a file"},
    {DIAG_WARNING, "content/other.md", 1, 1, "in another file"},
};

static const char *const images[] = {"lavoir.jpg", "../plan%20du%20bourg.png"};

static loadcache_entry
entry_of(value *raw)
{
	return (loadcache_entry){raw, 900, 180, 720, 11, notes, 3, images, 2};
}

/* Same tree: kinds, texts, plain flags, positions of values and keys. */
static void
assert_same(const value *x, const value *y)
{
	assert_int_equal(value_kind_of(x), value_kind_of(y));
	assert_int_equal(value_is_plain(x), value_is_plain(y));
	value_pos px = value_where(x), py = value_where(y);
	assert_int_equal(px.line, py.line);
	assert_int_equal(px.col, py.col);
	assert_int_equal(px.file == NULL, py.file == NULL);
	if (px.file != NULL)
		assert_string_equal(px.file, py.file);
	switch (value_kind_of(x)) {
	case VALUE_NULL: break;
	case VALUE_BOOL:
		assert_int_equal(value_get_bool(x), value_get_bool(y));
		break;
	case VALUE_NUMBER:
		assert_true(value_get_number(x) == value_get_number(y));
		break;
	case VALUE_STRING:
		assert_int_equal(value_string_len(x), value_string_len(y));
		assert_memory_equal(value_get_string(x), value_get_string(y),
		                    value_string_len(x));
		break;
	case VALUE_LIST:
		assert_int_equal(value_len(x), value_len(y));
		for (size_t i = 0; i < value_len(x); i++)
			assert_same(value_at(x, i), value_at(y, i));
		break;
	case VALUE_MAP:
		assert_int_equal(value_len(x), value_len(y));
		for (size_t i = 0; i < value_len(x); i++) {
			assert_string_equal(value_key_at(x, i),
			                    value_key_at(y, i));
			assert_int_equal(value_key_pos(x, i).line,
			                 value_key_pos(y, i).line);
			assert_int_equal(value_key_pos(x, i).col,
			                 value_key_pos(y, i).col);
			assert_same(value_val_at(x, i), value_val_at(y, i));
		}
		break;
	}
}

static void
save_sample(struct fixture *f, const char *key)
{
	loadcache *c = loadcache_open(f->path, key);
	loadcache_entry e = entry_of(sample(f));
	loadcache_put(c, FILE_MD, "atelier", BLOB, &e);
	assert_int_equal(loadcache_save(c), 0);
	loadcache_free(c);
}

static bool
has_sample(struct fixture *f, const char *key)
{
	loadcache *c = loadcache_open(f->path, key);
	loadcache_entry e;
	bool hit = loadcache_get(c, FILE_MD, "atelier", BLOB, f->a, &e);
	loadcache_free(c);
	return hit;
}

static void
test_round_trip(void **state)
{
	struct fixture *f = *state;
	save_sample(f, "theme 1");
	loadcache *c = loadcache_open(f->path, "theme 1");
	loadcache_entry e;
	assert_true(loadcache_get(c, FILE_MD, "atelier", BLOB, f->a, &e));
	assert_same(sample(f), e.raw);
	assert_string_equal(value_where(value_path(e.raw, "lieu.nom")).file,
	                    FILE_MD);
	assert_int_equal(value_where(value_path(e.raw, "lieu.nom")).line, 6);
	assert_false(value_is_plain(value_get(e.raw, "titre")));
	assert_true(value_is_plain(value_get(e.raw, "date")));
	assert_int_equal(e.text_len, 900);
	assert_int_equal(e.body_off, 180);
	assert_int_equal(e.body_len, 720);
	assert_int_equal(e.body_line, 11);
	assert_int_equal(e.nnotes, 3);
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(e.notes[i].lvl, notes[i].lvl);
		assert_int_equal(e.notes[i].line, notes[i].line);
		assert_int_equal(e.notes[i].col, notes[i].col);
		assert_string_equal(e.notes[i].msg, notes[i].msg);
	}
	assert_string_equal(e.notes[0].file, FILE_MD);
	assert_null(e.notes[1].file);
	assert_string_equal(e.notes[2].file, "content/other.md");
	/* the body's images, which the photo stage needs before rendering */
	assert_int_equal(e.nimages, 2);
	assert_string_equal(e.images[0], images[0]);
	assert_string_equal(e.images[1], images[1]);
	/* another blob, kind or path is another entry */
	assert_false(loadcache_get(c, FILE_MD, "atelier",
	                           "1123456789abcdef0123456789abcdef01234567",
	                           f->a, &e));
	assert_false(loadcache_get(c, FILE_MD, "histoire", BLOB, f->a, &e));
	assert_false(loadcache_get(c, "content/ateliers/x.md", "atelier", BLOB,
	                           f->a, &e));
	size_t hits, misses;
	loadcache_counts(c, &hits, &misses);
	assert_int_equal(hits, 1);
	assert_int_equal(misses, 3);
	loadcache_free(c);
}

static void
test_truncated_or_damaged(void **state)
{
	struct fixture *f = *state;
	save_sample(f, "k");
	size_t len;
	char *whole = fsutil_read_file(f->path, &len);
	assert_non_null(whole);
	assert_true(len > 40);
	for (size_t cut = 0; cut < len; cut++) {
		FILE *fp = fopen(f->path, "wb");
		assert_int_equal(fwrite(whole, 1, cut, fp), cut);
		fclose(fp);
		assert_false(has_sample(f, "k"));
	}
	for (size_t at = 0; at < len; at += 7) { /* one byte changed */
		whole[at] ^= 0x20;
		FILE *fp = fopen(f->path, "wb");
		assert_int_equal(fwrite(whole, 1, len, fp), len);
		fclose(fp);
		assert_false(has_sample(f, "k"));
		whole[at] ^= 0x20;
	}
	FILE *fp = fopen(f->path, "wb");
	assert_int_equal(fwrite(whole, 1, len, fp), len);
	fclose(fp);
	assert_true(has_sample(f, "k"));
	free(whole);
}

static void
test_other_version_or_key(void **state)
{
	struct fixture *f = *state;
	save_sample(f, "theme 1");
	assert_true(has_sample(f, "theme 1"));
	assert_false(has_sample(f, "theme 2")); /* a changed theme */
	size_t len;
	char *whole = fsutil_read_file(f->path, &len);
	char *v = strstr(whole, "load 2\n");
	assert_non_null(v);
	v[5] = '3'; /* a file written by another format version */
	FILE *fp = fopen(f->path, "wb");
	assert_int_equal(fwrite(whole, 1, len, fp), len);
	fclose(fp);
	free(whole);
	assert_false(has_sample(f, "theme 1"));
	/* a file that is not one at all */
	fp = fopen(f->path, "wb");
	fputs("not a cache\n", fp);
	fclose(fp);
	assert_false(has_sample(f, "theme 1"));
	save_sample(f, "theme 1"); /* and it is replaced */
	assert_true(has_sample(f, "theme 1"));
}

/* Saving keeps what this build used: a deleted page's entry goes. */
static void
test_keeps_used_only(void **state)
{
	struct fixture *f = *state;
	loadcache *c = loadcache_open(f->path, "k");
	loadcache_entry e = entry_of(sample(f));
	loadcache_put(c, FILE_MD, "atelier", BLOB, &e);
	/* a tree whose positions name another file is not kept */
	loadcache_put(c, "content/c.md", "page", BLOB, &e);
	loadcache_entry b = e;
	b.raw = yamldoc_load(f->a, "content/b.md", "t: x\n", 5, 2, f->d);
	loadcache_put(c, "content/b.md", "page", BLOB, &b);
	assert_int_equal(loadcache_save(c), 0);
	loadcache_free(c);
	c = loadcache_open(f->path, "k");
	loadcache_entry got;
	assert_true(loadcache_get(c, "content/b.md", "page", BLOB, f->a, &got));
	assert_string_equal(value_where(value_get(got.raw, "t")).file,
	                    "content/b.md");
	assert_false(
	    loadcache_get(c, "content/c.md", "page", BLOB, f->a, &got));
	assert_int_equal(loadcache_save(c), 0);
	loadcache_free(c);
	assert_false(has_sample(f, "k"));
	c = loadcache_open(f->path, "k");
	assert_true(loadcache_get(c, "content/b.md", "page", BLOB, f->a, &got));
	loadcache_free(c);
}

/* Entries of every size survive a save, reused ones included: the file
 * is written in pieces through a 64 KiB buffer (a payload larger than
 * it written as it is), and its sum made as the pieces go. */
static void
test_many_and_large(void **state)
{
	struct fixture *f = *state;
	enum { N = 3000, BIG = 200 * 1024 };
	char *big = malloc(BIG + 64);
	memcpy(big, "t: ", 3);
	for (size_t i = 3; i < BIG; i++)
		big[i] = (char)('a' + i % 26);
	memcpy(big + BIG, "\n", 2);
	size_t blen = BIG + 1;
	for (int round = 0; round < 2; round++) {
		loadcache *c = loadcache_open(f->path, "k");
		for (int i = 0; i < N; i++) {
			char text[64];
			const char *file =
			    arena_printf(f->a, "content/p%d.md", i);
			int n = snprintf(text, sizeof(text), "t: %d\n", i);
			loadcache_entry e = {0}, got;
			e.raw = i == N / 2 ? yamldoc_load(f->a, file, big, blen,
			                                  1, f->d)
			                   : yamldoc_load(f->a, file, text,
			                                  (size_t)n, 1, f->d);
			/* the second round reuses all but every 7th */
			if (round == 0 || i % 7 == 0 ||
			    !loadcache_get(c, file, "page", BLOB, f->a, &got))
				loadcache_put(c, file, "page", BLOB, &e);
		}
		size_t hits, misses;
		loadcache_counts(c, &hits, &misses);
		assert_int_equal(hits, round == 0 ? 0 : N - (N + 6) / 7);
		assert_int_equal(loadcache_save(c), 0);
		loadcache_free(c);
	}
	loadcache *c = loadcache_open(f->path, "k");
	for (int i = 0; i < N; i++) {
		const char *file = arena_printf(f->a, "content/p%d.md", i);
		loadcache_entry got;
		assert_true(loadcache_get(c, file, "page", BLOB, f->a, &got));
		const value *t = value_get(got.raw, "t");
		if (i == N / 2)
			assert_int_equal(value_string_len(t), BIG - 3);
		else
			assert_int_equal(atoi(value_get_string(t)), i);
	}
	loadcache_free(c);
	free(big);
}

/* Without a path nothing is kept, and nothing fails. */
static void
test_no_path(void **state)
{
	struct fixture *f = *state;
	loadcache *c = loadcache_open(NULL, "k");
	loadcache_entry e = entry_of(sample(f));
	loadcache_put(c, FILE_MD, "atelier", BLOB, &e);
	assert_false(loadcache_get(c, FILE_MD, "atelier", BLOB, f->a, &e));
	assert_int_equal(loadcache_save(c), 0);
	loadcache_free(c);
	assert_int_equal(access(f->path, F_OK), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_many_and_large, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_truncated_or_damaged, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_other_version_or_key, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_keeps_used_only, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_no_path, setup, teardown),
	};
	return cmocka_run_group_tests_name("loadcache", tests, NULL, NULL);
}
