/*
 * watch.h - noticing that an editor saved a file (fabrique serve).
 *
 * inotify on every folder of the watched trees, new folders added as
 * they appear.  Editors save through a temporary file renamed over the
 * real one (vim, gedit, VS Code), and often write several files at
 * once: a change is reported once the tree has been quiet for a short
 * while, so a burst of events makes one rebuild.  Swap and backup files
 * (.foo.swp, foo~, .#foo, vim's 4913 probe) and lock files (git's
 * refs/heads/main.lock) are ignored.
 */
#ifndef FABRIQUE_WATCH_H
#define FABRIQUE_WATCH_H

#include <stdbool.h>

typedef struct watch watch;

watch *watch_new(void);
void watch_free(watch *w);

/* Watches dir and every folder below it, except .git, node_modules and
 * public.  0, or -1 with errno. */
int watch_add_tree(watch *w, const char *dir);

/*
 * Watches only the files named (NULL-terminated list, kept by the caller
 * for the watch's life) in dir, not its folders: a git folder's HEAD and
 * packed-refs, for fabrique serve --ref.  0, or -1 with errno.
 */
int watch_add_files(watch *w, const char *dir, const char *const *names);

/* The file descriptor to poll() for POLLIN. */
int watch_fd(const watch *w);

/* Reads pending events; true when one concerns a file an editor may
 * have changed. */
bool watch_read(watch *w);

/*
 * The file the changes read since the last call were about, for the
 * terminal: the most recent one that still exists, so an editor's
 * temporary file (x.md.new, sed's sedXXXXXX, gedit's .goutputstream),
 * written then renamed over the real one, is never named in its stead;
 * a removed file is named when nothing else changed.  "" if none.
 */
void watch_changed(watch *w, char *out, unsigned outsz);

/*
 * After a first change: waits until no event came for quiet_ms (at most
 * max_ms in all), so a burst of saves makes one rebuild.  Returns early,
 * false, when stop_fd becomes readable (Ctrl-C).
 */
bool watch_settle(watch *w, int stop_fd, int quiet_ms, int max_ms);

#endif
