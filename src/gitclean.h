/*
 * gitclean.h - a quick "nothing to commit" for one folder of a work tree,
 * from the index's stat data alone.
 *
 * libgit2's comparison of HEAD with the work tree (what the note "N
 * uncommitted change(s)" counts) stats every file by its absolute path
 * and sorts every folder: at 10,000 pages it is most of the CPU time of
 * a build with nothing to do.  A clean work tree, the usual case, can be
 * told for less: every tracked file under the folder still has the size,
 * mode, times, inode and owner the index recorded, none of them written
 * in or after the second the index was, every other file there is
 * ignored, and the index's cache tree for the folder is HEAD's tree
 * there (nothing staged).  That is the test git itself trusts; anything
 * else (an edit, a new file, a staged change, a conflict, a submodule,
 * an index format or extension not read here) answers "not sure", and
 * the caller counts with libgit2 as before, so the count it reports
 * never depends on this shortcut.  The index is read by hand (formats 2
 * and 3): libgit2's reader checks its SHA-1 and hashes every entry, a
 * third of the time this saves.
 */
#ifndef FABRIQUE_GITCLEAN_H
#define FABRIQUE_GITCLEAN_H

#include <stdbool.h>

#include <git2.h>

/* True when the work tree under prefix ("" for all of it, else a folder
 * without a trailing '/') certainly holds no change from head (HEAD's
 * tree) that git would report; false when not sure.  Reads the index and
 * the work tree, writes nothing. */
bool gitclean_sure(git_repository *repo, git_tree *head, const char *prefix);

/*
 * True for a path through one of the files a build keeps beside its
 * output while it runs (output.c: ".public.fabrique.lock",
 * ".public.fabrique.journal", the new output ".public.fabrique-XXXXXX/"
 * before it is renamed): in a site at the root of its repository they
 * lie in the work tree, and are not the editor's changes.  Neither the
 * shortcut nor the count (source.c) takes them in.
 */
bool gitclean_own_file(const char *path);

#endif
