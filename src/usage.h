/*
 * usage.h - what the command line says about itself: `fabrique --help`,
 * `fabrique COMMAND --help` and the lines shown after a usage error, in
 * the editor's language (msgcat.h: French when LANG starts with fr).
 *
 * Each command has one entry (its usage lines and what it does), so the
 * general help, a command's help and its usage errors never disagree.
 */
#ifndef FABRIQUE_USAGE_H
#define FABRIQUE_USAGE_H

#include <stdbool.h>
#include <stdio.h>

/* True if cmd names a command ("build", "serve"...). */
bool usage_known(const char *cmd);

/* True if the command cmd takes the option opt ("--port"); true for
 * every option when cmd is no command (its own error comes first). */
bool usage_takes(const char *cmd, const char *opt);

/* The help: of one command, or of them all when cmd is NULL or unknown. */
void usage_help(FILE *fp, const char *lang, const char *cmd);

/* After a usage error: cmd's usage lines (every command's when cmd is
 * NULL or unknown) and where to read more. */
void usage_short(FILE *fp, const char *lang, const char *cmd);

#endif
