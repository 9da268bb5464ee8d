/*
 * path.h - '/'-separated paths inside a tree (git trees, the site, the
 * output), never touching the file system.
 */
#ifndef FABRIQUE_PATH_H
#define FABRIQUE_PATH_H

#include <stdbool.h>

#include "arena.h"

/*
 * dir + "/" + rel with "." and ".." resolved and empty components
 * dropped.  NULL when ".." would climb above the root: a link or a name
 * that tries to leave the tree.
 */
char *path_join(arena *a, const char *dir, const char *rel);
/* "a/b/c.md" -> "a/b"; "c.md" -> "". */
char *path_dir(arena *a, const char *path);
/* The relative link from a file of folder dir to path, both from the
 * tree's root: "patrimoine", "ateliers/a.md" -> "../ateliers/a.md". */
char *path_relative(arena *a, const char *dir, const char *path);
/* "a/b/c.md" -> "c.md" (a pointer into path). */
const char *path_base(const char *path);
bool path_ends_with(const char *path, const char *suffix);
/* Path relative to prefix ("content/a.md", "content" -> "a.md"), or NULL
 * when path is not under prefix ("" is everyone's prefix). */
const char *path_under(const char *path, const char *prefix);

#endif
