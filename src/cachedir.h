/*
 * cachedir.h - where fabrique keeps its cache (processed photos, the
 * manifests of previous builds).
 *
 * Never in the current folder: a check run from elsewhere must not leave
 * megabytes behind.  The cache lives with the repository, inside its git
 * folder (.git/fabrique/, or REPO.git/fabrique/ for a bare repository),
 * where git never commits it and a clone starts afresh; folders outside
 * any repository (--worktree builds of a plain folder) use
 * $XDG_CACHE_HOME/fabrique (by default ~/.cache/fabrique); with neither
 * variable set (env -i, a systemd unit) there is no cache folder and the
 * command stops, asking for --cache.  --cache DIR overrides all.
 * fabrique cache clean finds it the same way.
 */
#ifndef FABRIQUE_CACHEDIR_H
#define FABRIQUE_CACHEDIR_H

#include <stddef.h>

#include "diag.h"

/*
 * The cache folder for a build of site (a folder, or a path inside a bare
 * repository's tree) in repo (NULL: found upward from site, then from the
 * current folder, as git does).  explicit_dir, when not NULL, wins.
 * Returns a malloc'ed path (not created here), or NULL when there is no
 * place for it (outside git, neither XDG_CACHE_HOME nor HOME):
 * cachedir_none() says so.  libgit2 must be initialised.
 */
char *cachedir_find(const char *explicit_dir, const char *repo,
                    const char *site);

/* The error of a command that has no cache folder (cachedir_find()
 * returned NULL), at file (the site's folder, the network's list),
 * asking for --cache. */
void cachedir_none(diag *d, const char *file);

/* This fabrique binary, told by its size and mtime ("" if unknown): cache
 * keys include it, so a rebuilt fabrique (same version, other code)
 * trusts nothing an older one kept.  At least 64 bytes. */
void cachedir_exe_id(char *out, size_t size);

#endif
