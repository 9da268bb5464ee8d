/*
 * usage.c - see usage.h.  Every text goes through msgcat_lookup(): the
 * French of each block is in msgcat_fr.inc, keyed by the English block.
 */
#include "usage.h"

#include <string.h>

#include "msgcat.h"

struct command {
	const char *name;
	/* after "usage: "; continuation lines indented under the name */
	const char *usage;
	const char *what; /* lines of the command list, indented 12 */
	/* the options it takes, besides those every command takes (TAKEN
	 * BY ALL); one space before and after each */
	const char *takes;
};

#define TAKEN_BY_ALL                                                           \
	" --help -h --version -V --quiet -q --verbose -v --errors-only "

static const struct command commands[] = {
    {"build",
     "fabrique build [SITE] [--repo PATH] [--ref REF] [--worktree]\n"
     "               [--out DIR] [--drafts] [--full] [--atomic] [--jobs N]\n"
     "               [--quiet]\n",
     "render SITE into a static site (default output: public/)\n",
     " --repo --ref --worktree --out --drafts --full --atomic --jobs --strict "
     "--today --cache "},
    {"check",
     "fabrique check [SITE] [--repo PATH] [--ref REF | --worktree]\n"
     "               [--strict]\n",
     "everything build does except writing; lists all problems\n",
     /* build's: a script may give check what it gives build */
     " --repo --ref --worktree --out --drafts --full --atomic --jobs --strict "
     "--today --cache "},
    {"init", "fabrique init DIR [--commune NAME] [--insee CODE] [--url URL]\n",
     "a new commune's site in DIR, ready to build: settings,\n"
     "one edition, workshop, story and recap, the mandatory\n"
     "pages, a README for editors; a git repository with a\n"
     "first commit when DIR is in none.  Never overwrites\n",
     " --commune --insee --url "},
    {"new", "fabrique new KIND TITLE [SITE] [--name NAME]\n",
     "start a page from the theme's archetype, every field\n"
     "explained: fabrique new atelier \"Repeindre le préau\"\n",
     " --name --repo --worktree "},
    {"serve", "fabrique serve [SITE] [--port N] [--bind ADDR] [--ref REF]\n",
     "preview SITE at http://127.0.0.1:1313/ while you edit:\n"
     "rebuilt on every save, pages reload by themselves, errors\n"
     "shown in the browser (never writes public/)\n",
     " --port --bind --ref --repo --worktree --drafts --jobs --cache "
     "--strict "},
    {"cache", "fabrique cache clean [SITE] [--repo PATH] [--cache DIR]\n",
     "cache clean: empty the cache (processed photos, previous\n"
     "builds), kept in the repository's git folder\n",
     " --repo --cache "},
    {"publish",
     "fabrique publish [SITE] --out DIR [--repo PATH] [--ref REF]\n"
     "                 [--keep N] [--today]\n",
     "build into DIR/releases/COMMIT/ and switch the link\n"
     "DIR/current to it atomically; keeps the last N releases\n",
     " --out --repo --ref --keep --today --strict --drafts --full "
     "--jobs --cache "},
    {"rollback", "fabrique rollback DIR\n",
     "point DIR/current back at the previous release\n", " "},
    {"redirect",
     "fabrique redirect [SITE] --out DIR [--repo PATH] [--ref REF]\n"
     "                  [--built DIR] [--old URL]\n",
     "after a change of site.yaml's url: the files for the old\n"
     "address, in DIR: 301 redirections (Apache, nginx), a page\n"
     "per page leading to the new one, the sw.js that removes\n"
     "the old service worker (docs/deploy.md section 9)\n",
     " --out --repo --ref --built --old --cache "},
    {"hook", "fabrique hook pre-receive|post-receive [SITE] [--out DIR]\n",
     "run as a bare repository's git hook: pre-receive refuses\n"
     "pushes with errors, post-receive publishes (see\n"
     "docs/deploy.md; settings: git config fabrique.*)\n",
     " --out --repo --ref --keep --today --strict --jobs --cache "},
    {"reseau", "fabrique reseau LIST.yaml --out DIR [--cache DIR] [--strict]\n",
     "the network's site: every member commune's programme\n"
     "on one map and one calendar, from LIST.yaml\n",
     " --out --cache --strict --jobs "},
};

#define NCOMMANDS (sizeof(commands) / sizeof(*commands))

static const char intro[] =
    "fabrique builds the website of a commune's Journée Citoyenne from a\n"
    "git repository of Markdown files.\n";

static const char options[] =
    "Options:\n"
    "  SITE            folder holding site.yaml (default: current folder);\n"
    "                  in a bare repository, a path inside its tree\n"
    "  --repo PATH     the git repository (default: found upward from SITE)\n"
    "  --ref REF       commit, branch or tag to build (default: HEAD)\n"
    "  --worktree      build the files on disk, uncommitted edits included\n"
    "  --out DIR       output folder (default: public)\n"
    "  --drafts        include drafts and pages not yet due (publier_le)\n"
    "  --full          rebuild everything, ignoring the previous build\n"
    "  --atomic        build: replace the output folder as a whole, never\n"
    "                  in place (readers never see old and new pages mixed)\n"
    "  --cache DIR     cache folder (default: .git/fabrique in the\n"
    "                  repository, else $XDG_CACHE_HOME/fabrique)\n"
    "  --commune NAME  init: the commune's name;  --insee CODE  its code;\n"
    "  --url URL       init: the address where the site will be published\n"
    "  --name NAME     new: the file's name (default: made from the title)\n"
    "  --strict        warnings are errors (check, build); reseau: exit\n"
    "                  status 1 when a member is left out\n"
    "  --jobs N        rendering threads (default: one per core)\n"
    "  --keep N        releases kept by publish (default: 5)\n"
    "  --built DIR     redirect: the last build (default: public; a\n"
    "                  deploy folder: its current)\n"
    "  --old URL       redirect: the old address (default: the url\n"
    "                  site.yaml gave before, in its history)\n"
    "  --today         publish, hook, build: dates compare with today,\n"
    "                  not the commit's day (run daily: docs/deploy.md)\n"
    "  --port N        serve: the port (default 1313; 0: any free port)\n"
    "  --bind ADDR     serve: the address (default 127.0.0.1; IPv6: ::1)\n"
    "  --quiet         no progress, no summary: only errors, warnings, notes\n"
    "  --errors-only   as --quiet, and errors only: no warning, no note (a\n"
    "                  cron job then writes only when something failed)\n"
    "  --verbose       print more about the build\n"
    "  -h, --help      this help;  -V, --version  the version\n";

static const char status_text[] =
    "Exit status: 0 success, 1 errors in the content or theme, 2 bad\n"
    "command line, 3 repository or ref unreadable, 4 output not writable.\n"
    "See fabrique(1).\n";

static const struct command *
find(const char *cmd)
{
	for (size_t i = 0; cmd != NULL && i < NCOMMANDS; i++)
		if (strcmp(commands[i].name, cmd) == 0)
			return &commands[i];
	return NULL;
}

bool
usage_known(const char *cmd)
{
	return find(cmd) != NULL;
}

/* opt (" --out ") is a word of list. */
static bool
listed(const char *list, const char *opt)
{
	size_t n = strlen(opt);
	for (const char *p = strstr(list, opt); p != NULL;
	     p = strstr(p + 1, opt))
		if (p[-1] == ' ' && p[n] == ' ')
			return true;
	return false;
}

bool
usage_takes(const char *cmd, const char *opt)
{
	const struct command *c = find(cmd);
	return c == NULL || listed(TAKEN_BY_ALL, opt) || listed(c->takes, opt);
}

/*
 * The options block, for one command: only the entries of the options
 * it takes (an entry is a line "  --name ..." or "  -h, --help ..." and
 * the lines indented under it), so `fabrique publish --help` no longer
 * lists --port or --commune (outside tester 26 F13).  text: the block
 * in the reader's language; its option names are the same in all.
 */
static void
options_for(FILE *fp, const char *text, const struct command *c)
{
	bool show = true;
	for (const char *p = text; *p != '\0';) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) + 1 : strlen(p);
		if (p[0] == ' ' && p[1] == ' ' && p[2] != ' ') {
			char opt[32];
			size_t k = strcspn(p + 2, " ,\n");
			snprintf(opt, sizeof(opt), "%.*s",
			         (int)(k < 30 ? k : 30), p + 2);
			show = strcmp(opt, "SITE") == 0
			           ? strstr(c->usage, "SITE") != NULL
			           : usage_takes(c->name, opt);
		} else if (p[0] != ' ') {
			show = true; /* the heading */
		}
		if (show)
			fwrite(p, 1, n, fp);
		p += n;
	}
}

/* Writes text with each line after the first (or every line, when
 * indent_first) preceded by pad spaces. */
static void
indented(FILE *fp, const char *text, int pad, bool indent_first)
{
	for (const char *p = text; *p != '\0';) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) + 1 : strlen(p);
		if (p != text || indent_first)
			fprintf(fp, "%*s", pad, "");
		fwrite(p, 1, n, fp);
		p += n;
	}
}

/* "usage: fabrique build ...", and the other commands' lines (when c is
 * NULL) under it, aligned after the translated "usage: ". */
static void
usage_lines(FILE *fp, const char *lang, const struct command *c)
{
	const char *prefix = msgcat_lookup(lang, "usage: ");
	int pad = (int)strlen(prefix);
	fputs(prefix, fp);
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (c == NULL || c == &commands[i])
			indented(fp, msgcat_lookup(lang, commands[i].usage),
			         pad, c == NULL && i > 0);
	if (c == NULL)
		fprintf(fp, "%*sfabrique --help | --version\n", pad, "");
}

void
usage_help(FILE *fp, const char *lang, const char *cmd)
{
	const struct command *c = find(cmd);
	usage_lines(fp, lang, c);
	fputc('\n', fp);
	if (c != NULL) {
		fputs(msgcat_lookup(lang, c->what), fp);
	} else {
		fputs(msgcat_lookup(lang, intro), fp);
		fputc('\n', fp);
		fputs(msgcat_lookup(lang, "Commands:\n"), fp);
		for (size_t i = 0; i < NCOMMANDS; i++) {
			fprintf(fp, "  %-10s", commands[i].name);
			indented(fp, msgcat_lookup(lang, commands[i].what), 12,
			         false);
		}
	}
	fputc('\n', fp);
	if (c != NULL)
		options_for(fp, msgcat_lookup(lang, options), c);
	else
		fputs(msgcat_lookup(lang, options), fp);
	fputc('\n', fp);
	fputs(msgcat_lookup(lang, status_text), fp);
}

void
usage_short(FILE *fp, const char *lang, const char *cmd)
{
	const struct command *c = find(cmd);
	usage_lines(fp, lang, c);
	if (c != NULL)
		fprintf(fp, msgcat_lookup(lang, "(more: fabrique %s --help)\n"),
		        c->name);
	else
		fputs(msgcat_lookup(lang, "(more: fabrique --help)\n"), fp);
}
