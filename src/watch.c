/*
 * watch.c - see watch.h.  One inotify descriptor; a table from watch
 * descriptor to folder path so events on new folders can be followed.
 */
#include "watch.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"

#define WATCH_MASK                                                             \
	(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE |            \
	 IN_DELETE | IN_DELETE_SELF | IN_MOVE_SELF)

#define WATCH_RECENT 8

struct watch {
	int fd;
	/* the paths of the latest changes, most recent first */
	char *recent[WATCH_RECENT];
	char **dirs;              /* by watch descriptor */
	const char *const **only; /* by watch descriptor: watch_add_files() */
	int ndirs;
};

watch *
watch_new(void)
{
	watch *w = xcalloc(1, sizeof(*w));
	w->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (w->fd < 0) {
		free(w);
		return NULL;
	}
	return w;
}

void
watch_free(watch *w)
{
	if (w == NULL)
		return;
	close(w->fd);
	for (int i = 0; i < w->ndirs; i++)
		free(w->dirs[i]);
	free(w->dirs);
	free(w->only);
	for (int i = 0; i < WATCH_RECENT; i++)
		free(w->recent[i]);
	free(w);
}

int
watch_fd(const watch *w)
{
	return w->fd;
}

static bool
skipped_dir(const char *name)
{
	return name[0] == '.' || strcmp(name, "node_modules") == 0 ||
	       strcmp(name, "public") == 0;
}

/* Editors' temporary, swap and backup files (and git's locks): their
 * events are noise; the rename that ends a save names the real file. */
static bool
noise(const char *name)
{
	static const char *const ends[] = {
	    "~",     ".swp",  ".swx",  ".tmp",      ".new",   ".bak",
	    ".orig", ".part", ".lock", ".kate-swp", ".crswap"};
	size_t n = strlen(name);
	if (n == 0 || name[0] == '.' || strcmp(name, "4913") == 0)
		return true;
	for (size_t i = 0; i < sizeof(ends) / sizeof(*ends); i++) {
		size_t k = strlen(ends[i]);
		if (n > k && strcmp(name + n - k, ends[i]) == 0)
			return true;
	}
	return false;
}

static void
remember(watch *w, int wd, const char *dir, const char *const *only)
{
	if (wd >= w->ndirs) {
		int n = wd + 16;
		w->dirs = xrealloc(w->dirs, (size_t)n * sizeof(*w->dirs));
		w->only = xrealloc(w->only, (size_t)n * sizeof(*w->only));
		memset(w->dirs + w->ndirs, 0,
		       (size_t)(n - w->ndirs) * sizeof(*w->dirs));
		memset(w->only + w->ndirs, 0,
		       (size_t)(n - w->ndirs) * sizeof(*w->only));
		w->ndirs = n;
	}
	free(w->dirs[wd]);
	w->dirs[wd] = xstrdup(dir);
	w->only[wd] = only;
}

int
watch_add_files(watch *w, const char *dir, const char *const *names)
{
	int wd = inotify_add_watch(w->fd, dir, WATCH_MASK | IN_ONLYDIR);
	if (wd < 0)
		return -1;
	remember(w, wd, dir, names);
	return 0;
}

/* Whether name is one of a watch_add_files() folder's files. */
static bool
listed(const char *const *only, const char *name)
{
	for (; *only != NULL; only++)
		if (strcmp(*only, name) == 0)
			return true;
	return false;
}

int
watch_add_tree(watch *w, const char *dir)
{
	int wd = inotify_add_watch(w->fd, dir, WATCH_MASK | IN_ONLYDIR);
	if (wd < 0)
		return -1;
	remember(w, wd, dir, NULL);
	DIR *d = opendir(dir);
	if (d == NULL)
		return 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (skipped_dir(e->d_name))
			continue;
		char path[PATH_MAX];
		struct stat st;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
			watch_add_tree(w, path);
	}
	closedir(d);
	return 0;
}

/* Keeps path first in recent, once. */
static void
note(watch *w, const char *path)
{
	int i = 0;
	while (i < WATCH_RECENT - 1 && w->recent[i] != NULL &&
	       strcmp(w->recent[i], path) != 0)
		i++;
	char *keep = w->recent[i] != NULL && strcmp(w->recent[i], path) == 0
	                 ? w->recent[i]
	                 : NULL;
	if (keep == NULL)
		free(w->recent[i]);
	memmove(w->recent + 1, w->recent, (size_t)i * sizeof(*w->recent));
	w->recent[0] = keep != NULL ? keep : xstrdup(path);
}

void
watch_changed(watch *w, char *out, unsigned outsz)
{
	struct stat st;
	int pick = -1;
	for (int i = 0; i < WATCH_RECENT && w->recent[i] != NULL; i++)
		if (lstat(w->recent[i], &st) == 0) {
			pick = i;
			break;
		}
	if (pick < 0 && w->recent[0] != NULL)
		pick = 0; /* removed: name it */
	snprintf(out, outsz, "%s", pick >= 0 ? w->recent[pick] : "");
	for (int i = 0; i < WATCH_RECENT; i++) {
		free(w->recent[i]);
		w->recent[i] = NULL;
	}
}

static bool
handle(watch *w, const struct inotify_event *ev)
{
	const char *dir =
	    ev->wd >= 0 && ev->wd < w->ndirs ? w->dirs[ev->wd] : NULL;
	if (dir == NULL || (ev->mask & IN_IGNORED))
		return false;
	if (ev->len == 0) /* the folder itself went away */
		return (ev->mask & (IN_DELETE_SELF | IN_MOVE_SELF)) != 0;
	const char *const *only = w->only[ev->wd];
	if (only != NULL && !listed(only, ev->name))
		return false;
	char path[PATH_MAX];
	snprintf(path, sizeof(path), "%s/%s", dir, ev->name);
	if ((ev->mask & IN_ISDIR) && (ev->mask & (IN_CREATE | IN_MOVED_TO)) &&
	    only == NULL && !skipped_dir(ev->name))
		watch_add_tree(w, path); /* a new folder: follow it */
	if (noise(ev->name))
		return false;
	/* a new, still empty file: its IN_CLOSE_WRITE follows */
	if ((ev->mask & IN_CREATE) && !(ev->mask & IN_ISDIR))
		return false;
	note(w, path);
	return true;
}

bool
watch_read(watch *w)
{
	char evbuf[16384]
	    __attribute__((aligned(__alignof__(struct inotify_event))));
	bool changed = false;
	for (;;) {
		ssize_t n = read(w->fd, evbuf, sizeof(evbuf));
		if (n <= 0)
			break;
		for (char *p = evbuf; p < evbuf + n;) {
			const struct inotify_event *ev = (void *)p;
			changed |= handle(w, ev);
			p += sizeof(*ev) + ev->len;
		}
	}
	return changed;
}

static long
now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

bool
watch_settle(watch *w, int stop_fd, int quiet_ms, int max_ms)
{
	long end = now_ms() + max_ms;
	for (;;) {
		long left = end - now_ms();
		if (left <= 0)
			return true;
		struct pollfd p[2] = {{w->fd, POLLIN, 0}, {stop_fd, POLLIN, 0}};
		int r = poll(p, 2, (int)(left < quiet_ms ? left : quiet_ms));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return true; /* quiet long enough */
		if (p[1].revents & POLLIN)
			return false;
		watch_read(w);
	}
}
