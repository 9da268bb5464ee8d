#define _DEFAULT_SOURCE /* realpath */
/*
 * main.c - the fabrique command: parses the command line and hands over
 * to build_run().  Exit statuses: see build.h and fabrique(1).
 */
#include <ctype.h>
#include <git2.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "archetype.h"
#include "build.h"
#include "cachedir.h"
#include "date.h"
#include "deploy.h"
#include "diag.h"
#include "imgcache.h"
#include "imgcodec.h"
#include "fsutil.h"
#include "geo.h"
#include "incremental.h"
#include "loadcache.h"
#include "recstore.h"
#include "search.h"
#include "serve.h"
#include "siteyaml.h"
#include "source.h"
#include "hook.h"
#include "reseau.h"
#include "init.h"
#include "interrupt.h"
#include "msgcat.h"
#include "oldaddr.h"
#include "usage.h"

struct cli {
	const char *cmd;
	const char *hook;     /* hook NAME */
	const char *words[2]; /* new KIND TITLE */
	int nwords;
	build_opts b;
	int keep;
	int port; /* serve --port; -1: the default */
	const char *bind;
	const char *commune, *insee, *url; /* init */
	const char *name;                  /* new --name */
	const char *built, *old;           /* redirect */
	bool help, version, have_site, have_out;
	bool errors_only; /* --errors-only: --quiet, and no warning or note */
	const char *seen[16]; /* the options given, checked once cmd is known */
	int nseen;
};

/*
 * libgit2 1.5 built with mbedTLS (Debian's) parses the system's trusted
 * certificates (/etc/ssl/certs/ca-certificates.crt, ~140 of them) in
 * git_libgit2_init(), for HTTPS remotes.  fabrique never talks to a remote
 * through libgit2 (it reads local repositories; deploy runs rsync), yet
 * every command paid ~5 ms of CPU for them: a twentieth of a build with
 * nothing to do.  Defined in the program itself, these two take
 * precedence over libmbedx509's for libgit2 (ELF symbol interposition),
 * and load no certificate.  Should libgit2 ever open an HTTPS connection
 * for fabrique, it would trust no server (the check fails, never passes).
 */
struct mbedtls_x509_crt;
int mbedtls_x509_crt_parse_file(struct mbedtls_x509_crt *chain,
                                const char *path);
int mbedtls_x509_crt_parse_path(struct mbedtls_x509_crt *chain,
                                const char *path);

int
mbedtls_x509_crt_parse_file(struct mbedtls_x509_crt *chain, const char *path)
{
	(void)chain;
	(void)path;
	return 0;
}

int
mbedtls_x509_crt_parse_path(struct mbedtls_x509_crt *chain, const char *path)
{
	(void)chain;
	(void)path;
	return 0;
}

/*
 * The same for libgit2's SSH transport: git_libgit2_init() calls
 * libssh2_init(), which has OpenSSL load its built-in engines and
 * algorithm tables (~1 million instructions, a few hundred pages of
 * libcrypto touched: ~1 ms of every command's start, before any thread
 * can start).  fabrique never connects to a remote through libgit2 (it
 * reads local repositories; deploy runs rsync), so this one, which takes
 * precedence for libgit2, does nothing.  OpenSSL 3 sets itself up on
 * first use anyway, should libssh2 ever be used.
 */
int libssh2_init(int flags);

int
libssh2_init(int flags)
{
	(void)flags;
	return 0;
}

/* libgit2 for the whole process, with the repository formats fabrique
 * reads (source_git_options()). */
static void
git_start(void)
{
	git_libgit2_init();
	source_git_options();
}

/* Accepts "--opt VALUE" and "--opt=VALUE". */
static void bad_usage(const char *cmd, const char *fmt, ...)
    __attribute__((noreturn, format(printf, 2, 3)));

/* A usage error: the message in the editor's language, then the
 * command's usage lines; exit status 2. */
static void
bad_usage(const char *cmd, const char *fmt, ...)
{
	const char *lang = msgcat_env_lang();
	va_list ap;
	va_start(ap, fmt);
	fputs(msgcat_lookup(lang, "fabrique: "), stderr);
	vfprintf(stderr, msgcat_lookup(lang, fmt), ap);
	va_end(ap);
	fputc('\n', stderr);
	usage_short(stderr, lang, cmd);
	exit(BUILD_USAGE);
}

/* Notes that the option name was given, for takes_options(). */
static void
seen(struct cli *c, const char *name)
{
	if (c->nseen < (int)(sizeof(c->seen) / sizeof(*c->seen)))
		c->seen[c->nseen++] = name;
}

static const char *
opt_value(struct cli *c, int argc, char **argv, int *i, const char *name)
{
	size_t n = strlen(name);
	const char *arg = argv[*i];
	if (strncmp(arg, name, n) != 0)
		return NULL;
	if (arg[n] == '=') {
		seen(c, name);
		return arg + n + 1;
	}
	if (arg[n] != '\0')
		return NULL;
	if (*i + 1 >= argc)
		bad_usage(c->cmd, "%s needs a value", name);
	seen(c, name);
	return argv[++*i];
}

static bool
parse_flag(struct cli *c, const char *arg)
{
	struct {
		const char *name;
		bool *flag;
	} flags[] = {{"--worktree", &c->b.worktree},
	             {"--drafts", &c->b.drafts},
	             {"--full", &c->b.full},
	             {"--atomic", &c->b.atomic},
	             {"--strict", &c->b.strict},
	             {"--today", &c->b.today},
	             {"--quiet", &c->b.quiet},
	             {"-q", &c->b.quiet},
	             {"--errors-only", &c->errors_only},
	             {"--verbose", &c->b.verbose},
	             {"-v", &c->b.verbose},
	             {"--help", &c->help},
	             {"-h", &c->help},
	             {"--version", &c->version},
	             {"-V", &c->version}};
	for (size_t i = 0; i < sizeof(flags) / sizeof(*flags); i++)
		if (strcmp(arg, flags[i].name) == 0) {
			seen(c, flags[i].name);
			return *flags[i].flag = true;
		}
	return false;
}

static void
parse_option(struct cli *c, int argc, char **argv, int *i)
{
	const char *v;
	if (parse_flag(c, argv[*i]))
		return;
	if ((v = opt_value(c, argc, argv, i, "--repo")) != NULL)
		c->b.repo = v;
	else if ((v = opt_value(c, argc, argv, i, "--ref")) != NULL)
		c->b.ref = v;
	else if ((v = opt_value(c, argc, argv, i, "--cache")) != NULL)
		c->b.cache = v;
	else if ((v = opt_value(c, argc, argv, i, "--bind")) != NULL)
		c->bind = v;
	else if ((v = opt_value(c, argc, argv, i, "--commune")) != NULL)
		c->commune = v;
	else if ((v = opt_value(c, argc, argv, i, "--insee")) != NULL)
		c->insee = v;
	else if ((v = opt_value(c, argc, argv, i, "--url")) != NULL)
		c->url = v;
	else if ((v = opt_value(c, argc, argv, i, "--name")) != NULL)
		c->name = v;
	else if ((v = opt_value(c, argc, argv, i, "--built")) != NULL)
		c->built = v;
	else if ((v = opt_value(c, argc, argv, i, "--old")) != NULL)
		c->old = v;
	else if ((v = opt_value(c, argc, argv, i, "--port")) != NULL) {
		char *end;
		long n = strtol(v, &end, 10);
		if (*v == '\0' || *end != '\0' || n < 0 || n > 65535)
			bad_usage(c->cmd,
			          "--port takes a number from 0 (any free "
			          "port) to 65535; got '%s'",
			          v);
		c->port = (int)n;
	} else if ((v = opt_value(c, argc, argv, i, "--out")) != NULL) {
		c->b.out = v;
		c->have_out = true;
	} else if ((v = opt_value(c, argc, argv, i, "--keep")) != NULL) {
		char *end;
		long n = strtol(v, &end, 10);
		if (*end != '\0' || n < 1 || n > 1000)
			bad_usage(
			    c->cmd,
			    "--keep takes a number from 1 to 1000; got '%s'",
			    v);
		c->keep = (int)n;
	} else if ((v = opt_value(c, argc, argv, i, "--jobs")) != NULL) {
		char *end;
		long n = strtol(v, &end, 10);
		if (*end != '\0' || n < 1 || n > 64)
			bad_usage(
			    c->cmd,
			    "--jobs takes a number from 1 to 64; got '%s'", v);
		c->b.jobs = (int)n;
	} else
		bad_usage(c->cmd, "unknown option '%s'", argv[*i]);
}

static void
parse(struct cli *c, int argc, char **argv)
{
	bool have_site = false;
	for (int i = 1; i < argc; i++) {
		if (argv[i][0] == '-' && argv[i][1] != '\0')
			parse_option(c, argc, argv, &i);
		else if (c->cmd == NULL)
			c->cmd = argv[i];
		else if (strcmp(c->cmd, "hook") == 0 && c->hook == NULL)
			c->hook = argv[i];
		else if ((strcmp(c->cmd, "new") == 0 && c->nwords < 2) ||
		         (strcmp(c->cmd, "cache") == 0 && c->nwords < 1))
			c->words[c->nwords++] = argv[i];
		else if (!have_site) {
			c->b.site = argv[i];
			have_site = c->have_site = true;
		} else
			bad_usage(c->cmd, "unexpected argument '%s'", argv[i]);
	}
	if (c->errors_only)
		c->b.quiet = true;
}

/*
 * An option the command does not take is a usage error (exit 2), as
 * fabrique(1) says: `build --port 99` or `publish --commune X` ran and
 * exited 0, and the webmaster believed the option had done something
 * (outside tester 26 F13).  publish's, hook's and redirect's --worktree
 * keep their own message, which says why (run_deploy(), run_redirect()).
 */
static void
takes_options(const struct cli *c)
{
	bool commits = c->cmd != NULL && (strcmp(c->cmd, "publish") == 0 ||
	                                  strcmp(c->cmd, "hook") == 0 ||
	                                  strcmp(c->cmd, "redirect") == 0);
	for (int i = 0; c->cmd != NULL && i < c->nseen; i++)
		if (!usage_takes(c->cmd, c->seen[i]) &&
		    !(commits && strcmp(c->seen[i], "--worktree") == 0))
			bad_usage(c->cmd,
			          "%s does not apply to %s; its options: "
			          "fabrique %s --help",
			          c->seen[i], c->cmd, c->cmd);
}

static bool
error_line(void *ctx, diag_level lvl, const char *line)
{
	(void)ctx;
	(void)line;
	return lvl == DIAG_ERROR;
}

/* The command's collector of diagnostics, in lang.  --errors-only keeps
 * warnings and notes off the terminal (a cron job's MAILTO then writes
 * only when something failed, tester 25 F2); they still count, and
 * --strict still turns the editor's warnings into errors. */
static diag *
cli_diag(const struct cli *c, const char *lang)
{
	diag *d = diag_new(lang);
	if (c->errors_only)
		diag_set_filter(d, error_line, NULL);
	return d;
}

/* new KIND TITLE [SITE]: the date offered is today's, from the clock,
 * which is fine for a file an editor is about to fill in. */

/*
 * --out naming a symbolic link to a folder (a web root "www ->
 * public_html", common on shared hosting): the build goes into the
 * folder it leads to, named by its real path, since the output is
 * replaced or updated by its own name and no link is followed inside
 * it.  NULL (the name kept) when it is no such link; a link that leads
 * to no folder is refused by the output (output.c, check_target()).
 */
static char *
out_through_link(const char *out)
{
	struct stat st;
	if (out == NULL || strlen(out) >= 4096)
		return NULL;
	char name[4096];
	strcpy(name, out);
	for (size_t n = strlen(name); n > 1 && name[n - 1] == '/'; n--)
		name[n - 1] = '\0';
	if (lstat(name, &st) != 0 || !S_ISLNK(st.st_mode) ||
	    stat(name, &st) != 0 || !S_ISDIR(st.st_mode))
		return NULL;
	return realpath(name, NULL);
}

static int
run_new(struct cli *c)
{
	if (c->nwords < 2)
		bad_usage(c->cmd,
		          "new needs a kind and a title, as in: fabrique "
		          "new atelier \"Repeindre le préau\"");
	char today[16];
	civil_date t = date_from_unix((long long)time(NULL));
	snprintf(today, sizeof(today), "%04d-%02d-%02d", t.year, t.month,
	         t.day);
	git_start();
	build_opts b = c->b; /* new writes into the files on disk */
	b.worktree = true;
	diag *d = cli_diag(c, build_site_lang(&b));
	int rc = archetype_new(c->b.site, c->words[0], c->words[1], c->name,
	                       today, d);
	diag_flush(d, stderr);
	diag_free(d);
	git_libgit2_shutdown();
	return rc == 0 ? BUILD_OK : BUILD_CONTENT;
}

/* An http(s) address with a host, and only the characters a URL may
 * hold unescaped: it goes into site.yaml as written. */
static bool
web_address(const char *s)
{
	size_t scheme = strncmp(s, "https://", 8) == 0  ? 8
	                : strncmp(s, "http://", 7) == 0 ? 7
	                                                : 0;
	if (scheme == 0 || !isalnum((unsigned char)s[scheme]))
		return false;
	return strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	                 "0123456789-._~:/?#[]@!$&'()*+,;=%") == strlen(s);
}

/* --insee: a code fabrique reseau would refuse (geo_insee_problem(), the
 * one rule) is refused here, before a site is made around it. */
static void
check_insee(const struct cli *c)
{
	arena *a = arena_new();
	const char *why = geo_insee_problem(c->insee, msgcat_env_lang(), a);
	char text[512];
	snprintf(text, sizeof(text), "%s", why != NULL ? why : "");
	arena_free(a); /* before bad_usage() exits: no leak said */
	if (why != NULL)
		bad_usage(c->cmd,
		          "--insee: '%s' is no commune's INSEE code: %s",
		          c->insee, text);
}

/* init DIR: the edition offered is the coming one, from the clock. */
static int
run_init(struct cli *c)
{
	if (!c->have_site)
		bad_usage(c->cmd,
		          "init needs a folder, as in: fabrique init "
		          "journee-citoyenne --commune \"Saint-Aubin\"");
	if (c->insee != NULL)
		check_insee(c);
	if (c->commune != NULL &&
	    c->commune[strspn(c->commune, " \t\r\n")] == '\0')
		bad_usage(
		    c->cmd,
		    "--commune takes the commune's name, as in --commune "
		    "\"Saint-Aubin\"; it is empty here (without --commune, "
		    "site.yaml holds a name to replace)");
	if (c->url != NULL && !web_address(c->url))
		bad_usage(c->cmd,
		          "--url takes the address where the site will be "
		          "published, as in https://journee.ma-commune.fr; got "
		          "'%s'",
		          c->url);
	char today[16];
	civil_date t = date_from_unix((long long)time(NULL));
	snprintf(today, sizeof(today), "%04d-%02d-%02d", t.year, t.month,
	         t.day);
	init_opts o = {c->b.site, c->commune, c->insee, c->url, today, stdout};
	git_start();
	/* no site yet: the environment's language, else the one of the site
	 * init writes (langue: fr) */
	diag *d = cli_diag(c, msgcat_lang(SITEYAML_LANG));
	int rc = init_site(&o, d);
	diag_flush(d, stderr);
	diag_free(d);
	git_libgit2_shutdown();
	return rc == 0 ? BUILD_OK : BUILD_CONTENT;
}

/* cache clean [SITE]: empties the photo cache, the kept renders, front
 * matter and search records, and forgets previous builds (all but which
 * files they made: incremental_forget()), in the cache a build of SITE
 * would use (cachedir.h). */
static int
run_cache(struct cli *c)
{
	if (c->nwords != 1 || strcmp(c->words[0], "clean") != 0)
		bad_usage(c->cmd, "the cache command is: fabrique cache clean");
	git_start();
	char *dir = cachedir_find(c->b.cache, c->b.repo, c->b.site);
	/* in the site's language, as a build of it speaks */
	diag *d = cli_diag(c, build_site_lang(&c->b));
	git_libgit2_shutdown();
	if (dir == NULL) { /* nothing to empty: none was ever made */
		cachedir_none(d, c->b.site);
		diag_flush(d, stderr);
		diag_free(d);
		return BUILD_USAGE;
	}
	char *images = malloc(strlen(dir) + sizeof("/images"));
	sprintf(images, "%s/images", dir);
	long n = imgcache_clean(images, d);
	char *render = malloc(strlen(dir) + sizeof("/render"));
	sprintf(render, "%s/render", dir);
	char *load = malloc(strlen(dir) + sizeof("/load"));
	sprintf(load, "%s/load", dir);
	char *sched = malloc(strlen(dir) + sizeof("/schedules"));
	sprintf(sched, "%s/schedules", dir);
	int rc = n >= 0 && incremental_forget(dir) >= 0 &&
	         fs_remove_tree(render) == 0 &&
	         recstore_remove(dir, "search") == 0 &&
	         recstore_remove(dir, "programme") == 0 &&
	         search_forget(dir) == 0 && loadcache_remove(load) == 0 &&
	         blobmemo_remove(sched) == 0;
	free(render);
	free(load);
	free(sched);
	diag_flush(d, stderr);
	if (rc && !c->b.quiet) {
		fputs(diag_tr(d, "fabrique: "), stderr);
		fprintf(stderr,
		        diag_plural(d, (size_t)n,
		                    "cache %s emptied (%ld photo variant)",
		                    "cache %s emptied (%ld photo variants)"),
		        dir, n);
		fputc('\n', stderr);
	}
	diag_free(d);
	free(images);
	free(dir);
	return rc ? BUILD_OK : BUILD_OUTPUT;
}

/* reseau LIST --out DIR: the network's site (reseau.h). */
static int
run_reseau(struct cli *c)
{
	if (!c->have_site)
		bad_usage(c->cmd, "reseau needs LIST.yaml, the list of member "
		                  "communes");
	if (!c->have_out)
		bad_usage(c->cmd, "reseau needs --out DIR, the network site's "
		                  "folder");
	git_start();
	diag *d = cli_diag(c, NULL);
	reseau_opts o = {c->b.site,  c->b.out,     c->b.cache,
	                 c->b.quiet, c->b.verbose, c->b.strict};
	int st = reseau_run(&o, d);
	diag_free(d);
	git_libgit2_shutdown();
	return st;
}

/* redirect [SITE] --out DIR: the old address's files (oldaddr.h). */
static int
run_redirect(struct cli *c)
{
	if (c->b.worktree)
		bad_usage(c->cmd,
		          "--worktree does not apply to redirect: the "
		          "old address is read from the site's commits");
	if (!c->have_out)
		bad_usage(c->cmd, "redirect needs --out DIR, a new folder for "
		                  "the old address's files");
	git_start();
	diag *d = cli_diag(c, build_site_lang(&c->b));
	oldaddr_opts o = {c->b.site, c->b.repo, c->b.ref,  c->b.out,
	                  c->built,  c->old,    c->b.quiet};
	int st = oldaddr_run(&o, d);
	diag_free(d);
	git_libgit2_shutdown();
	return st;
}

/* A build or check stopped by Ctrl-C (interrupt.h): one line in the
 * build's language (lang: its diag's, the site's once known), and the
 * exit status shells expect, 128 + the signal. */
static int
stopped(const struct cli *c, const interrupt *it, const char *lang)
{
	fputs(msgcat_lookup(lang, "fabrique: "), stderr);
	if (c->b.check_only)
		fputs(msgcat_lookup(lang, "interrupted"), stderr);
	else
		fprintf(stderr,
		        msgcat_lookup(lang, "interrupted: %s is as it was"),
		        c->b.out);
	fputc('\n', stderr);
	return interrupt_status(it);
}

/* publish stopped by Ctrl-C or SIGTERM: what is still published, in
 * publish's language (lang). */
static int
published_stopped(const struct cli *c, const interrupt *it, const char *lang)
{
	fputs(msgcat_lookup(lang, "fabrique: "), stderr);
	fprintf(stderr,
	        msgcat_lookup(lang, "interrupted: %s/current is as it was"),
	        c->b.out);
	fputc('\n', stderr);
	return interrupt_status(it);
}

/* serve [SITE] [--port N] [--bind ADDR] [--ref REF]: see serve.h. */
static int
run_serve(struct cli *c)
{
	if (c->b.worktree && c->b.ref != NULL)
		bad_usage(c->cmd, "--ref and --worktree exclude each other");
	interrupt *it = interrupt_start();
	serve_opts so = {c->b, c->bind, c->port};
	so.b.stop = it;
	git_start();
	int st = serve_run(&so);
	git_libgit2_shutdown();
	interrupt_stop(it);
	return st;
}

/* publish, rollback and hook: the deploy side (deploy.h, hook.h). */
static int
run_deploy(struct cli *c)
{
	const char *cmd = c->cmd;
	if (strcmp(cmd, "publish") == 0 && !c->have_out)
		bad_usage(c->cmd, "publish needs --out DIR, the deploy folder");
	if (strcmp(cmd, "rollback") == 0 && !c->have_site && !c->have_out)
		bad_usage(c->cmd, "rollback needs DIR, the deploy folder");
	if (strcmp(cmd, "hook") == 0 && c->hook == NULL)
		bad_usage(c->cmd, "hook needs pre-receive or post-receive");
	if (c->b.worktree && strcmp(cmd, "rollback") != 0)
		bad_usage(cmd,
		          "--worktree does not apply to %s: what it publishes "
		          "is a commit; commit the changes first (git commit), "
		          "or look at them with fabrique build --worktree",
		          cmd);
	git_start();
	diag *d = cli_diag(c, NULL);
	int st;
	if (strcmp(cmd, "publish") == 0) {
		/* Ctrl-C: the release being built is removed, current
		 * stays on the release it was on */
		interrupt *it = interrupt_start();
		c->b.stop = it;
		enum build_status bs =
		    deploy_publish(&c->b, c->b.out,
		                   c->keep ? c->keep : DEPLOY_KEEP_DEFAULT, d);
		st = bs == BUILD_INTERRUPTED
		         ? published_stopped(c, it, diag_lang(d))
		         : (int)bs;
		interrupt_stop(it);
	} else if (strcmp(cmd, "rollback") == 0)
		st = (int)deploy_rollback(c->have_site ? c->b.site : c->b.out,
		                          d);
	else {
		hook_opts h = {c->hook,     c->have_site ? c->b.site : NULL,
		               c->b.repo,   c->have_out ? c->b.out : NULL,
		               c->keep,     c->b.jobs,
		               c->b.quiet,  c->b.today,
		               c->b.verbose};
		st = hook_run(&h, stdin, d);
	}
	diag_free(d);
	git_libgit2_shutdown();
	return st;
}

/* The tunables a check or a build starts itself again with (below). */
#define HEAP_TUNABLES "glibc.malloc.hugetlb=1:glibc.malloc.top_pad=67108864"

/*
 * Why: a check (fabrique check, the pre-receive hook) or a build makes a
 * model of ~180 MiB at 10,000 pages, and on a virtual machine a quarter
 * of its CPU went to the kernel's page faults, one per 4 KiB page
 * touched (48,800 faults for a check, 52,000 for a one-page edit's
 * build: its caches read, its model made again).  glibc backs its heaps
 * with transparent huge pages (2 MiB, where the system allows them on
 * request: /sys/kernel/mm/transparent_hugepage/enabled "madvise" or
 * "always") only when the tunable glibc.malloc.hugetlb=1 is in the
 * environment at start-up, so the command starts itself again once with
 * it: a check at once, a build once its output is known not to be up
 * to date (restart_build()), so that a build with nothing to do starts
 * once (a second start cost it ~20 ms of CPU here).  Never under
 * valgrind (an exec would leave its checks), never when the tunable is
 * already set either way; if the exec fails, the run goes on as it was.
 *
 * With it, glibc.malloc.top_pad=64 MiB: a heap grows (and is kept when
 * trimmed) 64 MiB at a time instead of by what each malloc() asks, so
 * that the kernel can back whole 2 MiB pieces of it with huge pages:
 * with hugetlb=1 alone, the bench's edit at 10,000 pages still took
 * ~20,000 faults, and zeroing the pages they gave was a tenth of its
 * CPU; with the pad ~1,300 (a smaller pad, 4 or 16 MiB, did not help).
 */
static void
with_huge_pages(char *const *argv)
{
#ifdef __GLIBC__
	const char *t = getenv("GLIBC_TUNABLES");
	const char *pre = getenv("LD_PRELOAD");
	if ((t != NULL && strstr(t, "glibc.malloc.hugetlb") != NULL) ||
	    (pre != NULL && strstr(pre, "vgpreload") != NULL))
		return;
	char *old = t != NULL ? strdup(t) : NULL;
	char v[4096];
	int n =
	    snprintf(v, sizeof(v), "%s%s" HEAP_TUNABLES, old != NULL ? old : "",
	             old != NULL && *old != '\0' ? ":" : "");
	if (n > 0 && (size_t)n < sizeof(v) &&
	    setenv("GLIBC_TUNABLES", v, 1) == 0)
		execv("/proc/self/exe", argv);
	if (old != NULL)
		setenv("GLIBC_TUNABLES", old, 1);
	else
		unsetenv("GLIBC_TUNABLES");
	free(old);
#else
	(void)argv;
#endif
}

/* The environment variable that hands fabrique build's output lock, when
 * the build started and the uncommitted changes counted (-1: not), to
 * the program started again ("FD T0 NDIRTY"). */
#define RESTART_ENV "FABRIQUE_BUILD_RESTART"

/* build_opts.restart: the output is not up to date, the lock is lockfd.
 * Returns only if the program did not start again. */
static void
restart_build(void *ctx, int lockfd, double t0, int ndirty)
{
	char v[96];
	snprintf(v, sizeof(v), "%d %.9f %d", lockfd, t0, ndirty);
	if (setenv(RESTART_ENV, v, 1) != 0)
		return;
	with_huge_pages(ctx);
	unsetenv(RESTART_ENV);
}

/* The run started again by restart_build() takes its lock over; the
 * variable goes at once, so that no program fabrique runs inherits it. */
static void
restarted(build_opts *b)
{
	const char *v = getenv(RESTART_ENV);
	int fd, ndirty;
	double t0;
	char end;
	b->handed_dirty = -1;
	if (v != NULL &&
	    sscanf(v, "%d %lf %d%c", &fd, &t0, &ndirty, &end) == 3 &&
	    fd > STDERR_FILENO && t0 > 0) {
		b->handed = true;
		b->handed_lock = fd;
		b->handed_dirty = ndirty >= 0 ? ndirty : -1;
		b->started = t0;
	}
	unsetenv(RESTART_ENV);
}

int
main(int argc, char **argv)
{
	struct cli c = {0};
	c.b.site = ".";
	c.b.out = "public";
	c.port = -1;
	parse(&c, argc, argv);
	takes_options(&c);
	if (c.version) {
		printf("fabrique %s\n", FABRIQUE_VERSION);
		return 0;
	}
	if (c.cmd != NULL && strcmp(c.cmd, "help") == 0) {
		/* fabrique help [COMMAND] */
		usage_help(stdout, msgcat_env_lang(),
		           c.have_site ? c.b.site : NULL);
		return 0;
	}
	if (c.help) {
		usage_help(stdout, msgcat_env_lang(), c.cmd);
		return 0;
	}
	if (c.cmd != NULL && strcmp(c.cmd, "cache") == 0)
		return run_cache(&c);
	/* libvips is loaded by the photo pipeline when a photo must be
	 * decoded (imgcodec.c); shut down at exit only if it was */
	atexit(imgcodec_global_shutdown);
	if (c.cmd == NULL)
		bad_usage(c.cmd, "a command is needed");
	if (strcmp(c.cmd, "check") == 0 || strcmp(c.cmd, "hook") == 0)
		with_huge_pages(argv);
	if (strcmp(c.cmd, "build") == 0) {
		restarted(&c.b);
		c.b.restart = restart_build;
		c.b.restart_ctx = argv;
	}
	if (strcmp(c.cmd, "new") == 0)
		return run_new(&c);
	if (strcmp(c.cmd, "init") == 0)
		return run_init(&c);
	if (strcmp(c.cmd, "serve") == 0)
		return run_serve(&c);
	if (strcmp(c.cmd, "reseau") == 0)
		return run_reseau(&c);
	if (strcmp(c.cmd, "redirect") == 0)
		return run_redirect(&c);
	if (strcmp(c.cmd, "publish") == 0 || strcmp(c.cmd, "rollback") == 0 ||
	    strcmp(c.cmd, "hook") == 0)
		return run_deploy(&c);
	if (strcmp(c.cmd, "check") == 0)
		c.b.check_only = true;
	else if (strcmp(c.cmd, "build") != 0)
		bad_usage(c.cmd, "unknown command '%s'", c.cmd);
	if (c.b.worktree && c.b.ref != NULL)
		bad_usage(c.cmd, "--ref and --worktree exclude each other");
	c.b.progress = isatty(STDERR_FILENO);
	interrupt *it = interrupt_start();
	c.b.stop = it;
	git_start();
	diag *d = cli_diag(&c, NULL);
	char *real = out_through_link(c.b.out);
	if (real != NULL)
		c.b.out = real;
	enum build_status st = build_run(&c.b, d);
	free(real);
	int rc =
	    st == BUILD_INTERRUPTED ? stopped(&c, it, diag_lang(d)) : (int)st;
	diag_free(d);
	git_libgit2_shutdown();
	interrupt_stop(it);
	return rc;
}
