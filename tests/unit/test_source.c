/*
 * Tests for source.c, on real repositories made with the git command in a
 * temporary folder: the fixture's history is
 *
 *   v1 (tag)   content/index.md "version 1", content/a/b.md, themes/...
 *   main       content/index.md "version 2", + content/new.md, a symbolic
 *              link and a submodule entry (both to be skipped)
 *   preview    branch off main: content/index.md "preview"
 *
 * with fixed commit dates, so the commit time read back is known.
 */
#define _XOPEN_SOURCE 700 /* realpath() */

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "history.h"
#include "source.h"
#include "unit_sh.h"

#define BULK 300

struct fx {
	char root[64];
	char repo[128], bare[128], plain[128];
	char hex1[41], hex2[41], hex3[41];
};

/* First line of a command's output, without the newline. */
static int
sh_out(char *out, size_t n, const char *cmd)
{
	FILE *p = popen(cmd, "r");
	if (p == NULL)
		return -1;
	out[0] = '\0';
	if (fgets(out, (int)n, p) != NULL)
		out[strcspn(out, "\n")] = '\0';
	return pclose(p) == 0 ? 0 : -1;
}

static char *
flush(diag *d)
{
	char *s = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&s, &n);
	diag_flush(d, f);
	fclose(f);
	return s;
}

static void
rev(const struct fx *f, const char *what, char *out)
{
	char cmd[512];
	snprintf(cmd, sizeof(cmd), "git -C %s rev-parse %s", f->repo, what);
	assert_int_equal(sh_out(out, 41, cmd), 0);
	assert_int_equal(strlen(out), 40);
}

static int
make_history(struct fx *f)
{
	const char *d = f->repo;
	if (sh("git init -q -b main %s && cd %s && mkdir -p content/a "
	       "content-extra themes/t && printf 'version 1\\n' "
	       ">content/index.md && printf 'b\\n' >content/a/b.md && "
	       "printf 'x\\n' >content-extra/x.md && printf '{{title}}\\n' "
	       ">themes/t/page.mustache && printf 'readme\\n' >README && "
	       "printf '*.tmp\\n' >.gitignore",
	       d, d) ||
	    sh("cd %s && for i in $(seq 1 %d); do mkdir -p bulk/d$((i %% 7)) "
	       "&& echo $i >bulk/d$((i %% 7))/f$i.txt; done",
	       d, BULK) ||
	    sh("cd %s && git add -A && GIT_COMMITTER_DATE='1700000100 +0000' "
	       "git commit -q -m one && git tag v1",
	       d) ||
	    sh("cd %s && printf 'version 2\\n' >content/index.md && printf "
	       "'new\\n' >content/new.md && ln -s index.md content/link.md && "
	       "git add -A && git update-index --add --cacheinfo "
	       "160000,$(git rev-parse HEAD),sub && "
	       "GIT_COMMITTER_DATE='1700000200 +0000' git commit -q -m two",
	       d) ||
	    sh("cd %s && git checkout -q -b preview && printf 'preview\\n' "
	       ">content/index.md && GIT_COMMITTER_DATE='1700000300 +0000' "
	       "git commit -q -am three && git checkout -q main",
	       d))
		return -1;
	return 0;
}

static int
setup(void **state)
{
	static struct fx f;
	strcpy(f.root, "/tmp/fabrique-src-XXXXXX");
	if (mkdtemp(f.root) == NULL || chdir(f.root) < 0)
		return -1;
	snprintf(f.repo, sizeof(f.repo), "%s/repo", f.root);
	snprintf(f.bare, sizeof(f.bare), "%s/bare.git", f.root);
	snprintf(f.plain, sizeof(f.plain), "%s/plain", f.root);
	setenv("HOME", f.root, 1);
	setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
	setenv("GIT_AUTHOR_NAME", "t", 1);
	setenv("GIT_AUTHOR_EMAIL", "t@x", 1);
	setenv("GIT_COMMITTER_NAME", "t", 1);
	setenv("GIT_COMMITTER_EMAIL", "t@x", 1);
	if (make_history(&f) < 0 ||
	    sh("git clone -q --bare %s %s", f.repo, f.bare) ||
	    sh("mkdir -p %s/sub %s/.public.fabrique-abc && printf hello "
	       ">%s/a.md && printf 'deep\\n' >%s/sub/b.md && printf x "
	       ">%s/.public.fabrique-abc/junk",
	       f.plain, f.plain, f.plain, f.plain, f.plain))
		return -1;
	git_libgit2_init();
	*state = &f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;
	git_libgit2_shutdown();
	if (chdir("/") < 0)
		return -1;
	return sh("rm -rf %s", f->root);
}

/* Fills the three commit ids once the fixture exists. */
static int
test_setup(void **state)
{
	struct fx *f = *state;
	if (f->hex1[0] == '\0') {
		rev(f, "v1", f->hex1);
		rev(f, "main", f->hex2);
		rev(f, "preview", f->hex3);
	}
	return 0;
}

static void
assert_read(source *s, const char *path, const char *want)
{
	char *data = NULL;
	size_t len = 0;
	assert_int_equal(source_read(s, path, &data, &len), 0);
	assert_int_equal(len, strlen(want));
	assert_string_equal(data, want);
	free(data);
}

static void
test_head(void **state)
{
	struct fx *f = *state;
	diag *d = diag_new("en");
	char site[256], want[64], id[41], *real = realpath(f->repo, NULL);
	snprintf(site, sizeof(site), "%s/content", f->repo);
	source *s = source_open_git(NULL, site, NULL, d);
	assert_non_null(s);
	assert_string_equal(source_site_path(s), "content");
	assert_string_equal(source_commit(s), f->hex2);
	assert_int_equal(source_commit_time(s), 1700000200);
	snprintf(want, sizeof(want), "HEAD (%.7s)", f->hex2);
	assert_string_equal(source_describe(s), want);
	assert_string_equal(source_workdir(s), real);
	free(real);

	const source_file *files;
	size_t n;
	assert_int_equal(source_list(s, "", &files, &n), 0);
	assert_int_equal(n, BULK + 7);
	for (size_t i = 1; i < n; i++)
		assert_true(strcmp(files[i - 1].path, files[i].path) < 0);
	assert_string_equal(files[0].path, ".gitignore");
	assert_string_equal(files[1].path, "README");
	assert_null(source_find(s, "content/link.md")); /* symbolic link */
	assert_null(source_find(s, "sub"));             /* submodule */
	assert_null(source_find(s, "content/a"));       /* a folder */

	assert_int_equal(source_list(s, "content", &files, &n), 0);
	assert_int_equal(n, 3);
	assert_string_equal(files[0].path, "content/a/b.md");
	assert_string_equal(files[1].path, "content/index.md");
	assert_string_equal(files[2].path, "content/new.md");
	assert_int_equal(source_file_size(s, &files[1]), 10);
	rev(f, "HEAD:content/index.md", id);
	assert_string_equal(files[1].id, id);
	assert_int_equal(source_list(s, "./content/", &files, &n), 0);
	assert_int_equal(n, 3);
	assert_int_equal(source_list(s, "content/a", &files, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(source_list(s, "bulk", &files, &n), 0);
	assert_int_equal(n, BULK);
	assert_int_equal(source_list(s, "nope", &files, &n), 0);
	assert_int_equal(n, 0);

	assert_read(s, "content/index.md", "version 2\n");
	assert_read(s, "themes/t/page.mustache", "{{title}}\n");
	char *data = (char *)"untouched";
	assert_int_equal(source_read(s, "content/none.md", &data, NULL), -1);
	assert_int_equal(diag_count(d, DIAG_ERROR), 0);
	source_free(s);
	diag_free(d);
}

static void
test_refs(void **state)
{
	struct fx *f = *state;
	diag *d = diag_new("en");
	char site[256], shortid[8], want[64];
	snprintf(site, sizeof(site), "%s/content", f->repo);

	source *s = source_open_git(NULL, site, "preview", d);
	assert_non_null(s);
	assert_string_equal(source_commit(s), f->hex3);
	assert_int_equal(source_commit_time(s), 1700000300);
	assert_read(s, "content/index.md", "preview\n");
	source_free(s);

	s = source_open_git(NULL, site, "HEAD~1", d);
	assert_non_null(s);
	assert_string_equal(source_commit(s), f->hex1);
	assert_read(s, "content/index.md", "version 1\n");
	assert_null(source_find(s, "content/new.md"));
	source_free(s);

	s = source_open_git(NULL, site, "v1", d);
	assert_non_null(s);
	assert_string_equal(source_commit(s), f->hex1);
	snprintf(want, sizeof(want), "v1 (%.7s)", f->hex1);
	assert_string_equal(source_describe(s), want);
	source_free(s);

	snprintf(shortid, sizeof(shortid), "%.7s", f->hex3);
	s = source_open_git(f->repo, site, shortid, d);
	assert_non_null(s);
	assert_string_equal(source_commit(s), f->hex3);
	source_free(s);

	s = source_open_git(f->repo, site, f->hex1, d);
	assert_non_null(s);
	assert_read(s, "content/index.md", "version 1\n");
	source_free(s);
	assert_int_equal(diag_count(d, DIAG_ERROR), 0);
	diag_free(d);
}

/* A bare clone has no work tree: SITE is a path inside the tree. */
static void
test_bare(void **state)
{
	struct fx *f = *state;
	diag *d = diag_new("en");
	char site[256];
	snprintf(site, sizeof(site), "%s/content", f->repo);
	source *w = source_open_git(NULL, site, NULL, d);
	source *b = source_open_git(f->bare, "content", NULL, d);
	assert_non_null(w);
	assert_non_null(b);
	assert_string_equal(source_workdir(b), "");
	assert_string_equal(source_site_path(b), "content");
	assert_string_equal(source_commit(b), f->hex2);
	assert_int_equal(source_uncommitted(b, "content"), -1);

	const source_file *fw, *fb;
	size_t nw, nb;
	assert_int_equal(source_list(w, "", &fw, &nw), 0);
	assert_int_equal(source_list(b, "", &fb, &nb), 0);
	assert_int_equal(nw, nb);
	for (size_t i = 0; i < nw; i++) {
		assert_string_equal(fw[i].path, fb[i].path);
		assert_string_equal(fw[i].id, fb[i].id);
		assert_int_equal(source_file_size(w, &fw[i]),
		                 source_file_size(b, &fb[i]));
	}
	assert_read(b, "content/index.md", "version 2\n");
	source_free(w);
	source_free(b);

	const char *forms[][2] = {{"./content/", "content"},
	                          {"content//a", "content/a"},
	                          {"", ""},
	                          {".", ""}};
	for (size_t i = 0; i < 4; i++) {
		b = source_open_git(f->bare, forms[i][0], "preview", d);
		assert_non_null(b);
		assert_string_equal(source_site_path(b), forms[i][1]);
		source_free(b);
	}
	assert_int_equal(diag_count(d, DIAG_ERROR), 0);

	assert_null(source_open_git(f->bare, "nope", NULL, d));
	assert_null(source_open_git(f->bare, "../content", NULL, d));
	assert_null(source_open_git(f->bare, "README", NULL, d));
	char *msg = flush(d), want[128];
	snprintf(want, sizeof(want),
	         "nope: error: no such folder in commit %.7s (HEAD)\n",
	         f->hex2);
	assert_non_null(strstr(msg, want));
	assert_non_null(strstr(msg, "../content: error: not a folder inside"));
	assert_non_null(strstr(msg, "README: error: no such folder in commit"));
	free(msg);
	diag_free(d);
}

static void
test_site_folders(void **state)
{
	struct fx *f = *state;
	diag *d = diag_new("en");
	char site[256];
	snprintf(site, sizeof(site), "%s/content/a/", f->repo);
	source *s = source_open_git(NULL, site, NULL, d);
	assert_non_null(s);
	assert_string_equal(source_site_path(s), "content/a");
	source_free(s);
	s = source_open_git(NULL, f->repo, NULL, d);
	assert_non_null(s);
	assert_string_equal(source_site_path(s), "");
	source_free(s);
	/* Relative to the current folder, which setup made the fixture's. */
	s = source_open_git(NULL, "repo/themes", NULL, d);
	assert_non_null(s);
	assert_string_equal(source_site_path(s), "themes");
	source_free(s);
	assert_int_equal(diag_count(d, DIAG_ERROR), 0);

	assert_null(source_open_git(f->repo, f->plain, NULL, d));
	char *msg = flush(d);
	assert_non_null(strstr(msg, "outside the work tree"));
	free(msg);

	/* On disk but never committed. */
	assert_int_equal(
	    sh("mkdir -p %s/drafts && touch %s/drafts/x.md", f->repo, f->repo),
	    0);
	snprintf(site, sizeof(site), "%s/drafts", f->repo);
	assert_null(source_open_git(NULL, site, NULL, d));
	msg = flush(d);
	assert_non_null(strstr(msg, "drafts: error: no such folder in commit"));
	assert_non_null(strstr(msg, "--worktree"));
	free(msg);
	assert_int_equal(sh("rm -r %s/drafts", f->repo), 0);
	diag_free(d);
}

static void
test_bad_ref(void **state)
{
	struct fx *f = *state;
	diag *d = diag_new("en");
	assert_null(source_open_git(f->repo, "content", "nosuch", d));
	assert_null(source_open_git(f->repo, "content", "HEAD~9", d));
	assert_null(source_open_git(f->repo, "content", "HEAD:README", d));
	assert_int_equal(diag_count(d, DIAG_ERROR), 3);
	char *msg = flush(d);
	assert_non_null(
	    strstr(msg, "nosuch: error: no such branch, tag or commit"));
	assert_non_null(strstr(msg, "HEAD~9: error: no such branch"));
	assert_non_null(
	    strstr(msg, "HEAD:README: error: does not name a commit"));
	free(msg);

	assert_int_equal(sh("git init -q -b main %s/empty", f->root), 0);
	char path[256];
	snprintf(path, sizeof(path), "%s/empty", f->root);
	assert_null(source_open_git(NULL, path, NULL, d));
	msg = flush(d);
	assert_non_null(strstr(msg, "no commit yet"));
	free(msg);
	diag_free(d);
}

static void
test_not_a_repo(void **state)
{
	struct fx *f = *state;
	diag *d = diag_new("en");
	assert_null(source_open_git(NULL, f->plain, NULL, d));
	char *msg = flush(d);
	assert_non_null(strstr(msg, "error: not a git repository (or any "
	                            "parent up to /): use --worktree"));
	free(msg);
	assert_null(source_open_git(f->plain, ".", NULL, d));
	msg = flush(d);
	assert_non_null(strstr(msg, "plain: error: not a git repository"));
	free(msg);
	diag_free(d);
}

static int
uncommitted(const char *work, const char *prefix)
{
	diag *d = diag_new("en");
	source *s = source_open_git(work, work, NULL, d);
	assert_non_null(s);
	int n = source_uncommitted(s, prefix);
	source_free(s);
	diag_free(d);
	return n;
}

static void
test_uncommitted(void **state)
{
	struct fx *f = *state;
	char work[256];
	snprintf(work, sizeof(work), "%s/work", f->root);
	assert_int_equal(sh("git clone -q %s %s", f->repo, work), 0);
	assert_int_equal(uncommitted(work, "content"), 0);
	int base = uncommitted(work, "");
	assert_true(base >= 0);

	assert_int_equal(sh("cd %s && printf changed >content/index.md && "
	                    "printf u >content/untracked.md && rm "
	                    "content/a/b.md && printf i >content/x.tmp",
	                    work),
	                 0);
	assert_int_equal(uncommitted(work, "content"), 3);
	assert_int_equal(uncommitted(work, "content/a"), 1);
	assert_int_equal(uncommitted(work, "content-extra"), 0);
	assert_int_equal(
	    sh("cd %s && printf r >README && printf y >content-extra/x.md && "
	       "mkdir content/new && touch "
	       "content/new/1.md content/new/2.md && git add content/new/1.md",
	       work),
	    0);
	assert_int_equal(uncommitted(work, "content"), 5);
	assert_int_equal(uncommitted(work, "content-extra"), 1);
	assert_int_equal(uncommitted(work, ""), base + 7);

	diag *d = diag_new("en");
	source *s = source_open_dir(work, d);
	assert_non_null(s);
	assert_int_equal(source_uncommitted(s, ""), -1);
	source_free(s);
	diag_free(d);
}

/* Blob ids of folder files are git's: cross-checked with the git command
 * on a folder outside any repository. */
static void
test_dir_plain(void **state)
{
	struct fx *f = *state;
	diag *d = diag_new("en");
	source *s = source_open_dir(f->plain, d);
	assert_non_null(s);
	char *real = realpath(f->plain, NULL), id[41], cmd[512];
	assert_string_equal(source_workdir(s), real);
	free(real);
	assert_string_equal(source_site_path(s), "");
	assert_string_equal(source_describe(s), f->plain);
	assert_null(source_commit(s));
	assert_int_equal(source_commit_time(s), 0);

	const source_file *files;
	size_t n;
	assert_int_equal(source_list(s, "", &files, &n), 0);
	assert_int_equal(n, 2); /* .public.fabrique-abc/ is skipped */
	assert_string_equal(files[0].path, "a.md");
	assert_string_equal(files[1].path, "sub/b.md");
	assert_int_equal(source_file_size(s, &files[0]), 5);
	snprintf(cmd, sizeof(cmd), "git hash-object %s/a.md", f->plain);
	assert_int_equal(sh_out(id, sizeof(id), cmd), 0);
	assert_string_equal(files[0].id, id);
	snprintf(cmd, sizeof(cmd), "git hash-object %s/sub/b.md", f->plain);
	assert_int_equal(sh_out(id, sizeof(id), cmd), 0);
	assert_string_equal(source_find(s, "sub/b.md")->id, id);
	assert_read(s, "sub/b.md", "deep\n");
	char *data;
	assert_int_equal(source_read(s, "nope.md", &data, NULL), -1);
	source_free(s);

	assert_null(source_open_dir("no-such-folder", d));
	assert_int_equal(diag_count(d, DIAG_ERROR), 1);
	diag_free(d);
}

/* In a work tree, a folder source sees the whole tree as git would: same
 * ids as the commit for unchanged files, junk and ignored files left out,
 * untracked files in. */
static void
test_dir_worktree(void **state)
{
	struct fx *f = *state;
	char work[256], site[300];
	snprintf(work, sizeof(work), "%s/dirwork", f->root);
	assert_int_equal(
	    sh("git clone -q %s %s && cd %s && touch content/.DS_Store "
	       "content/page.md~ content/x.tmp && mkdir content/.well-known "
	       "&& printf w >content/.well-known/a.txt && printf 'public/\\n' "
	       ">>.git/info/exclude && mkdir public && touch public/index.html "
	       "&& "
	       "touch content/keep.tmp && git add -f content/keep.tmp",
	       f->repo, work, work),
	    0);
	snprintf(site, sizeof(site), "%s/content", work);
	diag *d = diag_new("en");
	source *g = source_open_git(NULL, site, NULL, d);
	source *s = source_open_dir(site, d);
	assert_non_null(g);
	assert_non_null(s);
	char *real = realpath(work, NULL);
	assert_string_equal(source_workdir(s), real);
	free(real);
	assert_string_equal(source_site_path(s), "content");

	const source_file *files, *gf;
	size_t n, gn;
	assert_int_equal(source_list(s, "content", &files, &n), 0);
	assert_int_equal(n, 5);
	assert_string_equal(files[0].path, "content/.well-known/a.txt");
	assert_string_equal(files[1].path, "content/a/b.md");
	assert_string_equal(files[2].path, "content/index.md");
	assert_string_equal(files[3].path, "content/keep.tmp"); /* tracked */
	assert_string_equal(files[4].path, "content/new.md");
	assert_null(source_find(s, "public/index.html")); /* ignored */
	assert_non_null(source_find(s, "themes/t/page.mustache"));
	assert_null(source_find(s, "content/link.md"));
	assert_null(source_find(s, ".git/HEAD"));

	assert_int_equal(source_list(g, "", &gf, &gn), 0);
	for (size_t i = 0; i < gn; i++) {
		const source_file *df = source_find(s, gf[i].path);
		assert_non_null(df);
		assert_string_equal(df->id, gf[i].id);
		assert_int_equal(source_file_size(s, df),
		                 source_file_size(g, &gf[i]));
	}
	assert_read(s, "content/index.md", "version 2\n");
	assert_int_equal(diag_count(d, DIAG_ERROR), 0);
	source_free(g);
	source_free(s);
	diag_free(d);
}

/*
 * The history read on a thread of its own (history_start()): the thread's
 * handle on the repository sees the objects the source sees, those of a
 * pre-receive hook's quarantine included (GIT_ALTERNATE_OBJECT_DIRECTORIES
 * here: an empty repository whose objects are all elsewhere), and the
 * walk gives what history_walk() gives on the source's own handle.
 */
static void
test_reopen_history(void **state)
{
	struct fx *f = *state;
	char empty[160], objects[160];
	snprintf(empty, sizeof(empty), "%s/quarantined.git", f->root);
	snprintf(objects, sizeof(objects), "%s/.git/objects", f->repo);
	assert_int_equal(sh("rm -rf %s && git init -q --bare %s", empty, empty),
	                 0);
	setenv("GIT_ALTERNATE_OBJECT_DIRECTORIES", objects, 1);
	diag *d = diag_new("en");
	source *s = source_open_git(empty, "content", f->hex2, d);
	assert_non_null(s);
	git_repository *again = source_repo_reopen(s);
	assert_non_null(again);
	git_oid id;
	git_commit *c = NULL;
	assert_int_equal(git_oid_fromstr(&id, f->hex2), 0);
	assert_int_equal(git_commit_lookup(&c, again, &id), 0);
	git_commit_free(c);
	git_repository_free(again);

	history *walked = history_walk(source_repo(s), f->hex2, "content", d);
	history *threaded = history_finish(history_start(s), d);
	assert_non_null(walked);
	assert_non_null(threaded);
	assert_int_equal(history_commits(threaded), history_commits(walked));
	const char *files[] = {"content/index.md", "content/new.md",
	                       "content/a/b.md"};
	for (size_t i = 0; i < 3; i++) {
		const history_file *a = history_get(walked, files[i]);
		const history_file *b = history_get(threaded, files[i]);
		assert_non_null(a);
		assert_non_null(b);
		assert_int_equal(a->created, b->created);
		assert_int_equal(a->updated, b->updated);
		assert_int_equal(a->nauthors, b->nauthors);
	}
	history_free(walked);
	history_free(threaded);
	/* a build failing before it needs the history stops the walk */
	history_finish(history_start(s), NULL);
	unsetenv("GIT_ALTERNATE_OBJECT_DIRECTORIES");
	/* without the quarantine's objects the handle finds no commit */
	again = source_repo_reopen(s);
	assert_non_null(again);
	assert_int_not_equal(git_commit_lookup(&c, again, &id), 0);
	git_error_clear();
	git_repository_free(again);
	assert_int_equal(diag_count(d, DIAG_ERROR), 0);
	source_free(s);
	diag_free(d);
}

/*
 * What libgit2 kept of the loading dropped (source_drop_caches(), once a
 * site is loaded): the files, the commit and its tree are read as before,
 * from a pre-receive hook's quarantine too (objects named by the
 * environment only, which a fresh object database does not see unless
 * they are added back), and dropping twice is harmless.
 */
static void
test_drop_caches(void **state)
{
	struct fx *f = *state;
	char empty[160], objects[160];
	snprintf(empty, sizeof(empty), "%s/quarantined.git", f->root);
	snprintf(objects, sizeof(objects), "%s/.git/objects", f->repo);
	assert_int_equal(sh("rm -rf %s && git init -q --bare %s", empty, empty),
	                 0);
	setenv("GIT_ALTERNATE_OBJECT_DIRECTORIES", objects, 1);
	diag *d = diag_new("en");
	source *s = source_open_git(empty, "content", f->hex2, d);
	assert_non_null(s);
	assert_read(s, "content/index.md", "version 2\n");
	for (int round = 0; round < 2; round++) {
		source_drop_caches(s);
		assert_read(s, "content/a/b.md", "b\n");
		assert_read(s, "content/index.md", "version 2\n");
		git_oid id;
		git_commit *c = NULL;
		assert_int_equal(git_oid_fromstr(&id, f->hex2), 0);
		assert_int_equal(git_commit_lookup(&c, source_repo(s), &id), 0);
		git_commit_free(c);
	}
	unsetenv("GIT_ALTERNATE_OBJECT_DIRECTORIES");
	assert_int_equal(diag_count(d, DIAG_ERROR), 0);
	source_free(s);
	diag_free(d);
}

/* The tree printf(1) FMT ARGS makes as git mktree's input (lines
 * "MODE TYPE ID\tNAME"), in the fixture's repository. */
static git_tree *
mktree(const struct fx *f, git_repository *repo, const char *fmt,
       const char *args)
{
	char cmd[512], hex[41];
	snprintf(cmd, sizeof(cmd), "cd %s && printf '%s' %s | git mktree",
	         f->repo, fmt, args);
	assert_int_equal(sh_out(hex, sizeof(hex), cmd), 0);
	git_oid oid;
	git_tree *tree = NULL;
	assert_int_equal(git_oid_fromstr(&oid, hex), 0);
	assert_int_equal(git_tree_lookup(&tree, repo, &oid), 0);
	return tree;
}

/* The one rule of where a site is when no folder is named (the hooks, a
 * bare repository's build): the root's site.yaml, else content/'s; how
 * many of the two hold one, for the hooks to refuse both and neither; a
 * folder named site.yaml is none. */
static void
test_tree_site(void **state)
{
	struct fx *f = *state;
	char yaml[41], cmd[512], args[4][90];
	snprintf(cmd, sizeof(cmd),
	         "cd %s && echo 'nom: x' | git hash-object -w --stdin",
	         f->repo);
	assert_int_equal(sh_out(yaml, sizeof(yaml), cmd), 0);
	git_repository *repo = NULL;
	assert_int_equal(git_repository_open(&repo, f->repo), 0);
	char content[41], folder[41]; /* content/site.yaml; site.yaml/ */
	git_tree *t = mktree(f, repo, "100644 blob %s\\tsite.yaml\\n", yaml);
	git_oid_tostr(content, sizeof(content), git_tree_id(t));
	git_tree_free(t);
	t = mktree(f, repo, "040000 tree %s\\tsite.yaml\\n", content);
	git_oid_tostr(folder, sizeof(folder), git_tree_id(t));
	git_tree_free(t);
	snprintf(args[0], sizeof(args[0]), "%s", yaml);
	snprintf(args[1], sizeof(args[1]), "%s", content);
	snprintf(args[2], sizeof(args[2]), "%s %s", yaml, content);
	snprintf(args[3], sizeof(args[3]), "%s %s", yaml, folder);
	static const struct {
		const char *fmt, *dir;
		int places;
	} cases[] = {
	    {"100644 blob %s\\tsite.yaml\\n", "", 1},
	    {"040000 tree %s\\tcontent\\n", "content", 1},
	    {"100644 blob %s\\tsite.yaml\\n040000 tree %s\\tcontent\\n", "", 2},
	    {"100644 blob %s\\tREADME\\n040000 tree %s\\tcontent\\n", "", 0},
	};
	for (size_t i = 0; i < 4; i++) {
		t = mktree(f, repo, cases[i].fmt, args[i]);
		int places = -1;
		assert_string_equal(source_tree_site(t, &places), cases[i].dir);
		assert_int_equal(places, cases[i].places);
		git_tree_free(t);
	}
	git_repository_free(repo);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_head, test_setup),
	    cmocka_unit_test_setup(test_refs, test_setup),
	    cmocka_unit_test_setup(test_bare, test_setup),
	    cmocka_unit_test_setup(test_reopen_history, test_setup),
	    cmocka_unit_test_setup(test_site_folders, test_setup),
	    cmocka_unit_test_setup(test_bad_ref, test_setup),
	    cmocka_unit_test_setup(test_not_a_repo, test_setup),
	    cmocka_unit_test_setup(test_uncommitted, test_setup),
	    cmocka_unit_test_setup(test_dir_plain, test_setup),
	    cmocka_unit_test_setup(test_dir_worktree, test_setup),
	    cmocka_unit_test(test_tree_site),
	    cmocka_unit_test_setup(test_drop_caches, test_setup),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
