/* Unit tests for fsutil.c: folders made, files read, and replaced whole. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "fsutil.h"

static char *
tmpdir(void)
{
	char *d = strdup("/tmp/fabrique-fsutil-XXXXXX");
	assert_non_null(mkdtemp(d));
	return d;
}

/* How many entries dir holds. */
static int
count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	assert_non_null(d);
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL)
		n +=
		    strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
	closedir(d);
	return n;
}

/* A file replaced holds head then data, a second replace the new bytes
 * only, and no temporary file stays beside it. */
static void
test_replace_whole(void **state)
{
	(void)state;
	char *d = tmpdir();
	char path[256];
	snprintf(path, sizeof(path), "%s/entry", d);
	assert_int_equal(fsutil_replace(path, "head:", 5, "body", 4), 0);
	size_t len;
	char *got = fsutil_read_file(path, &len);
	assert_non_null(got);
	assert_int_equal(len, 9);
	assert_string_equal(got, "head:body");
	free(got);
	assert_int_equal(fsutil_replace(path, "new", 3, NULL, 0), 0);
	got = fsutil_read_file(path, &len);
	assert_string_equal(got, "new");
	free(got);
	assert_int_equal(count_entries(d), 1);
	assert_int_equal(fs_remove_tree(d), 0);
	free(d);
}

/* A large file is read whole into a buffer of its own size, not one
 * doubled past it (a 1 MiB + 1 file once took 2 MiB, copied twice); an
 * empty file, and one whose size stat() does not know (/proc), are read
 * to their end. */
static void
test_read_sized(void **state)
{
	(void)state;
	char *d = tmpdir();
	char path[256];
	snprintf(path, sizeof(path), "%s/big", d);
	size_t big = (1u << 20) + 1;
	char *data = malloc(big);
	assert_non_null(data);
	for (size_t i = 0; i < big; i++)
		data[i] = (char)('a' + i % 26);
	assert_int_equal(fsutil_replace(path, data, big, NULL, 0), 0);
	size_t len;
	char *got = fsutil_read_file(path, &len);
	assert_non_null(got);
	assert_int_equal(len, big);
	assert_memory_equal(got, data, big);
	assert_int_equal(got[big], '\0');
	assert_true(malloc_usable_size(got) < big + 65536);
	free(got);
	free(data);
	assert_int_equal(fsutil_replace(path, "", 0, NULL, 0), 0);
	got = fsutil_read_file(path, &len);
	assert_non_null(got);
	assert_int_equal(len, 0);
	assert_string_equal(got, "");
	free(got);
	got = fsutil_read_file("/proc/self/status", &len);
	assert_non_null(got);
	assert_true(len > 0 && strlen(got) == len);
	assert_non_null(strstr(got, "Name:"));
	free(got);
	snprintf(path, sizeof(path), "%s/none", d);
	errno = 0;
	assert_null(fsutil_read_file(path, &len));
	assert_int_equal(errno, ENOENT);
	assert_int_equal(fs_remove_tree(d), 0);
	free(d);
}

/* A missing folder: -1 with ENOENT (callers make it and try again), and
 * nothing written. */
/* A child writes into a pipe in pieces, pausing between them, so that
 * reads come back short: they are read on to the count asked; the end
 * before it gives fewer; a reader of unknown size grows past its hint. */
static void
test_read_short(void **state)
{
	(void)state;
	int p[2];
	assert_int_equal(pipe(p), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		const char *parts[] = {"abc", "defg", "h", "ijklmnop"};
		close(p[0]);
		for (size_t i = 0; i < 4; i++) {
			if (write(p[1], parts[i], strlen(parts[i])) < 0)
				_exit(1);
			struct timespec pause = {0, 20000000};
			nanosleep(&pause, NULL);
		}
		_exit(0);
	}
	close(p[1]);
	char got[32] = {0};
	assert_int_equal(fsutil_read_full(p[0], got, 7), 7);
	assert_string_equal(got, "abcdefg");
	size_t len = 0;
	char *rest = fsutil_read_fd(p[0], 2, &len);
	assert_non_null(rest);
	assert_int_equal(len, 9);
	assert_string_equal(rest, "hijklmnop");
	free(rest);
	assert_int_equal(fsutil_read_full(p[0], got, sizeof(got)), 0);
	close(p[0]);
	int status = -1;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	assert_int_equal(fsutil_read_full(-1, got, 1), -1);
	assert_int_equal(errno, EBADF);
}

static void
test_replace_missing_folder(void **state)
{
	(void)state;
	char *d = tmpdir();
	char path[256];
	snprintf(path, sizeof(path), "%s/no/entry", d);
	errno = 0;
	assert_int_equal(fsutil_replace(path, "x", 1, NULL, 0), -1);
	assert_int_equal(errno, ENOENT);
	assert_int_equal(count_entries(d), 0);
	snprintf(path, sizeof(path), "%s/no", d);
	assert_int_equal(fsutil_mkdirs(path), 0);
	snprintf(path, sizeof(path), "%s/no/entry", d);
	assert_int_equal(fsutil_replace(path, "x", 1, NULL, 0), 0);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_size, 1);
	assert_int_equal(fs_remove_tree(d), 0);
	free(d);
}

/* Writes "a" "b" "c" in three pieces, or fails after the first one. */
static int
write_pieces(void *ctx, int fd)
{
	const bool *fail = ctx;
	if (write(fd, "a", 1) != 1)
		return -1;
	if (*fail) {
		errno = EIO;
		return -1;
	}
	return write(fd, "b", 1) == 1 && write(fd, "c", 1) == 1 ? 0 : -1;
}

/* A file written in pieces replaces the old one whole; a writer that
 * fails leaves the old one as it was, its errno, and no temporary file. */
static void
test_replace_with(void **state)
{
	(void)state;
	char *d = tmpdir();
	char path[256];
	snprintf(path, sizeof(path), "%s/entry", d);
	bool fail = false;
	assert_int_equal(fsutil_replace_with(path, write_pieces, &fail), 0);
	size_t len;
	char *got = fsutil_read_file(path, &len);
	assert_non_null(got);
	assert_string_equal(got, "abc");
	free(got);
	fail = true;
	errno = 0;
	assert_int_equal(fsutil_replace_with(path, write_pieces, &fail), -1);
	assert_int_equal(errno, EIO);
	got = fsutil_read_file(path, &len);
	assert_string_equal(got, "abc");
	free(got);
	assert_int_equal(count_entries(d), 1);
	assert_int_equal(fs_remove_tree(d), 0);
	free(d);
}

/* A cache file mapped whole (fsutil_map_file(): the records' store, the
 * load cache) gives its bytes and size; none for a missing file, an
 * empty one or a folder; and what was mapped keeps its bytes after the
 * file is replaced (fsutil_replace_with(), a rename), as a store saved
 * from entries that point into its own mapping needs. */
static void
test_map_file(void **state)
{
	(void)state;
	char *d = tmpdir();
	char path[256], empty[256];
	snprintf(path, sizeof(path), "%s/store", d);
	snprintf(empty, sizeof(empty), "%s/empty", d);
	size_t len = 0;
	assert_null(fsutil_map_file(path, &len));
	assert_int_equal(fsutil_replace(path, "0123456789", 10, NULL, 0), 0);
	const char *m = fsutil_map_file(path, &len);
	assert_non_null(m);
	assert_int_equal(len, 10);
	assert_memory_equal(m, "0123456789", 10);
	bool fail = false;
	assert_int_equal(fsutil_replace_with(path, write_pieces, &fail), 0);
	assert_memory_equal(m, "0123456789", 10);
	fsutil_unmap(m, len);
	m = fsutil_map_file(path, &len);
	assert_non_null(m);
	assert_int_equal(len, 3);
	assert_memory_equal(m, "abc", 3);
	fsutil_unmap(m, len);
	assert_int_equal(fsutil_replace(empty, "", 0, NULL, 0), 0);
	assert_null(fsutil_map_file(empty, &len));
	assert_null(fsutil_map_file(d, &len));
	assert_int_equal(fs_remove_tree(d), 0);
	free(d);
}

/* Files created through open_fn (output.c makes every page so): a new
 * file gets mode 0666 less the umask, an existing one is refused with
 * O_EXCL, and a link on the way or at the end is never written through,
 * so the file outside keeps its bytes and no file appears there. */
static void
create_cases(int (*open_fn)(int, const char *, int), int root, const char *d)
{
	const int creat = O_CREAT | O_EXCL | O_WRONLY;
	mode_t old = umask(022);
	int fd = open_fn(root, "a/b/new.html", creat);
	umask(old);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "neuf", 4), 4);
	struct stat st;
	assert_int_equal(fstat(fd, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0644);
	close(fd);
	errno = 0;
	assert_int_equal(open_fn(root, "a/b/new.html", creat), -1);
	assert_int_equal(errno, EEXIST);
	const char *refused[] = {"a/lien/new.html", "a/b/lien.html"};
	for (size_t i = 0; i < sizeof(refused) / sizeof(*refused); i++) {
		errno = 0;
		assert_int_equal(open_fn(root, refused[i], O_CREAT | O_WRONLY),
		                 -1);
		assert_int_equal(errno, ELOOP);
	}
	char path[512];
	snprintf(path, sizeof(path), "%s/outside/new.html", d);
	assert_int_equal(access(path, F_OK), -1);
	snprintf(path, sizeof(path), "%s/outside/page.html", d);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_size, 8);
}

/* What fsutil_open_beneath() and its fallback walk must both do: open a
 * file or folder inside root, and refuse a symbolic link anywhere on the
 * way (ELOOP) or ".." (EXDEV), whatever the link points at. */
static void
beneath_cases(int (*open_fn)(int, const char *, int))
{
	char *d = tmpdir(), path[512];
	snprintf(path, sizeof(path), "%s/out/a/b", d);
	assert_int_equal(fsutil_mkdirs(path), 0);
	snprintf(path, sizeof(path), "%s/outside", d);
	assert_int_equal(fsutil_mkdirs(path), 0);
	snprintf(path, sizeof(path), "%s/out/a/b/page.html", d);
	assert_int_equal(fsutil_replace(path, "ici", 3, NULL, 0), 0);
	snprintf(path, sizeof(path), "%s/outside/page.html", d);
	assert_int_equal(fsutil_replace(path, "ailleurs", 8, NULL, 0), 0);
	char target[512], link[512];
	snprintf(target, sizeof(target), "%s/outside", d);
	snprintf(link, sizeof(link), "%s/out/a/lien", d);
	assert_int_equal(symlink(target, link), 0);
	snprintf(target, sizeof(target), "%s/outside/page.html", d);
	snprintf(link, sizeof(link), "%s/out/a/b/lien.html", d);
	assert_int_equal(symlink(target, link), 0);
	snprintf(path, sizeof(path), "%s/out", d);
	int root = open(path, O_RDONLY | O_DIRECTORY);
	assert_true(root >= 0);

	char got[16] = "";
	int fd = open_fn(root, "a/b/page.html", O_RDONLY);
	assert_true(fd >= 0);
	assert_int_equal(read(fd, got, sizeof(got)), 3);
	assert_memory_equal(got, "ici", 3);
	close(fd);
	fd = open_fn(root, "a/b", O_RDONLY | O_DIRECTORY);
	assert_true(fd >= 0);
	close(fd);
	fd = open_fn(root, "", O_RDONLY | O_DIRECTORY);
	assert_true(fd >= 0);
	close(fd);
	const char *refused[] = {"a/lien/page.html", "a/lien", "a/b/lien.html"};
	for (size_t i = 0; i < sizeof(refused) / sizeof(*refused); i++) {
		errno = 0;
		assert_int_equal(open_fn(root, refused[i], O_RDONLY), -1);
		assert_int_equal(errno, ELOOP);
	}
	errno = 0;
	assert_int_equal(open_fn(root, "a/../../outside/page.html", O_RDONLY),
	                 -1);
	assert_int_equal(errno, EXDEV);
	create_cases(open_fn, root, d);
	close(root);
	assert_int_equal(fs_remove_tree(d), 0);
	free(d);
}

static void
test_open_beneath(void **state)
{
	(void)state;
	beneath_cases(fsutil_open_beneath);
}

/* The walk where the kernel lacks openat2(): a folder link on the way was
 * followed by output_read()'s fallback before it used this walk. */
static void
test_open_walking(void **state)
{
	(void)state;
	beneath_cases(fsutil_open_walking);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_replace_whole),
	    cmocka_unit_test(test_read_sized),
	    cmocka_unit_test(test_read_short),
	    cmocka_unit_test(test_replace_missing_folder),
	    cmocka_unit_test(test_replace_with),
	    cmocka_unit_test(test_map_file),
	    cmocka_unit_test(test_open_beneath),
	    cmocka_unit_test(test_open_walking),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
