#define _DEFAULT_SOURCE /* realpath, DT_* */
#include "oldaddr.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "arena.h"
#include "buf.h"
#include "history.h"
#include "json.h"
#include "outguard.h"
#include "output.h"
#include "siteaddr.h"
#include "siteyaml.h"
#include "source.h"
#include "url.h"
#include "urlbase.h"
#include "value.h"

/* What the kit is made of: both addresses (trailing '/' cut), the old
 * one's path ("" at a domain's root), the kit folder's real path (the
 * nginx block names its sw.js by it) and the pages published. */
struct kit {
	arena *a;
	const char *old, *neu, *oldbase, *outreal;
	/* the new site's path when it is on the old address's host, under
	 * its path (a site moved into a sub-folder): never redirected */
	const char *inside;
	char **files;
	size_t nfiles, cap;
	size_t npages; /* the pages written that lead to the new address */
};

/* An address the kit may write as is into a page, a JavaScript string
 * and the servers' settings: http(s), a host, and no quote, space,
 * '$', '\\', '%' or '<' (none of which a site's url needs). */
static bool
plain_address(const char *s)
{
	size_t scheme = strncmp(s, "https://", 8) == 0  ? 8
	                : strncmp(s, "http://", 7) == 0 ? 7
	                                                : 0;
	if (scheme == 0 || s[scheme] == '\0' || s[scheme] == '/')
		return false;
	return strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	                 "0123456789-._~:/@!&()*+,;=") == strlen(s);
}

/* site.yaml's url (*neu) and the one before it (*old, unless given),
 * read as a build reads them: the commit REF, the history of its
 * site.yaml.  -1 after reporting (BUILD_SOURCE), -2 (BUILD_USAGE). */
static int
addresses(const oldaddr_opts *o, struct kit *k, diag *d)
{
	source *src = source_open_git(o->repo, o->site, o->ref, d);
	if (src == NULL)
		return -1;
	siteyaml sy;
	siteyaml_read(src, k->a, &sy);
	int rc = -1;
	if (sy.status != SITEYAML_OK) {
		siteyaml_report(&sy, src, k->a, d);
		goto done;
	}
	const char *root = source_site_path(src);
	history *h =
	    history_walk(source_repo(src), source_commit(src), root, d);
	if (h == NULL)
		goto done;
	siteaddr sa;
	siteaddr_find(
	    source_repo(src),
	    history_get(h, *root ? arena_printf(k->a, "%s/site.yaml", root)
	                         : "site.yaml"),
	    sy.doc, k->a, &sa);
	history_free(h);
	k->neu =
	    siteaddr_trim(k->a, value_get_string(value_get(sy.doc, "url")));
	k->old = o->old != NULL ? siteaddr_trim(k->a, o->old) : sa.former;
	rc = -2;
	if (!plain_address(k->neu))
		diag_report(d, DIAG_ERROR, sy.path, 0, 0,
		            "url: '%s' is no web address fabrique redirect "
		            "can send to (http:// or https://, a host, no "
		            "quote, space, '$' or '%%')",
		            k->neu);
	else if (k->old == NULL)
		diag_report(d, DIAG_ERROR, sy.path, 0, 0,
		            "url: site.yaml never gave another address than "
		            "%s/ in its history; give the old one with --old "
		            "URL",
		            k->neu);
	else if (!plain_address(k->old))
		diag_report(d, DIAG_ERROR, sy.path, 0, 0,
		            "the old address '%s' is no web address fabrique "
		            "redirect can send from (http:// or https://, a "
		            "host, no quote, space, '$' or '%%')",
		            k->old);
	else if (strcmp(k->old, k->neu) == 0)
		diag_report(d, DIAG_ERROR, sy.path, 0, 0,
		            "the old address %s/ is the site's url: nothing "
		            "to redirect",
		            k->old);
	else
		rc = 0;
done:
	source_free(src);
	return rc;
}

/* The new site's path, when the move kept the host and put the site
 * under the old one's path (https://mairie.fr/ to .../journee/): the
 * redirections must leave it alone, or they would loop. */
static const char *
inside_path(struct kit *k)
{
	const char *oo = urlbase_origin(k->a, k->old),
	           *no = urlbase_origin(k->a, k->neu);
	const char *nb = urlbase_of(k->a, k->neu);
	size_t ob = strlen(k->oldbase);
	if (strcmp(oo, no) != 0 || strncmp(nb, k->oldbase, ob) != 0 ||
	    nb[ob] != '/')
		return NULL;
	return nb;
}

/* ---- The pages published -------------------------------------------- */

/* Adds every file under dir/rel (no symbolic link followed, no name
 * starting with '.': fabrique's marks, a webmaster's .htaccess) to k. */
static int
walk(struct kit *k, const char *dir, const char *rel)
{
	const char *path = *rel ? arena_printf(k->a, "%s/%s", dir, rel) : dir;
	DIR *dp = opendir(path);
	if (dp == NULL)
		return -1;
	struct dirent *e;
	int rc = 0;
	while (rc == 0 && (e = readdir(dp)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		const char *r =
		    *rel ? arena_printf(k->a, "%s/%s", rel, e->d_name)
		         : arena_strdup(k->a, e->d_name);
		struct stat st;
		if (fstatat(dirfd(dp), e->d_name, &st, AT_SYMLINK_NOFOLLOW) !=
		    0)
			continue;
		if (S_ISDIR(st.st_mode))
			rc = walk(k, dir, r);
		else if (S_ISREG(st.st_mode)) {
			if (k->nfiles == k->cap) {
				k->cap = k->cap ? 2 * k->cap : 256;
				k->files = realloc(k->files,
				                   k->cap * sizeof(*k->files));
				if (k->files == NULL)
					abort();
			}
			k->files[k->nfiles++] = (char *)r;
		}
	}
	closedir(dp);
	return rc;
}

static int
cmp_str(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/* The folder of the last build: built, or public; a deploy folder's
 * current.  It must be one fabrique wrote (its OUTGUARD_MARK): any
 * other folder's files are not the site's addresses. */
static int
read_built(const oldaddr_opts *o, struct kit *k, diag *d)
{
	const char *dir = o->built != NULL ? o->built : "public";
	struct stat st;
	const char *cur = arena_printf(k->a, "%s/current", dir);
	if (lstat(cur, &st) == 0 && S_ISLNK(st.st_mode))
		dir = cur;
	if (stat(arena_printf(k->a, "%s/" OUTGUARD_MARK, dir), &st) != 0) {
		diag_report(d, DIAG_ERROR, dir, 0, 0,
		            "no site built by fabrique here: give the folder "
		            "of its last build with --built DIR (fabrique "
		            "build's --out, or publish's deploy folder)");
		return -1;
	}
	if (walk(k, dir, "") != 0) {
		diag_report(d, DIAG_ERROR, dir, 0, 0, "cannot be read: %s",
		            diag_errtext(d, errno));
		return -1;
	}
	qsort(k->files, k->nfiles, sizeof(*k->files), cmp_str);
	return 0;
}

/* ---- The kit's files ------------------------------------------------ */

static const char sw_js[] =
    "/* sw.js - written by fabrique redirect, for the old address of a\n"
    " * site that moved.  Served at the old address's root in place of\n"
    " * the site's service worker: a browser that checks for its update\n"
    " * takes this one, which deletes fabrique's caches of this scope\n"
    " * (the pages kept with « Garder hors ligne » stay), unregisters\n"
    " * itself and reloads the pages open, that the redirections lead to\n"
    " * the new address.  The caches of another site of the same origin\n"
    " * (another scope) are left alone. */\n"
    "'use strict';\n"
    "var SCOPE = self.registration.scope;\n"
    "/* this scope's caches, as the site's worker names them */\n"
    "var MINE = 'fabrique:' + new URL(SCOPE).pathname + ':';\n"
    "/* caches named by earlier versions, shared by the sites of an\n"
    " * origin: only this scope's pages are taken out of them */\n"
    "var SHARED = /^fabrique-(visites|(precache-)?[0-9a-f]{16})$/;\n"
    "\n"
    "function dropOwn(name) {\n"
    "\treturn caches.open(name).then(function (cache) {\n"
    "\t\treturn cache.keys().then(function (keys) {\n"
    "\t\t\treturn Promise.all(keys.filter(function (k) {\n"
    "\t\t\t\treturn k.url.indexOf(SCOPE) === 0;\n"
    "\t\t\t}).map(function (k) { return cache.delete(k); }));\n"
    "\t\t}).then(function () { return cache.keys(); });\n"
    "\t}).then(function (left) {\n"
    "\t\treturn left.length === 0 ? caches.delete(name) : null;\n"
    "\t});\n"
    "}\n"
    "\n"
    "self.addEventListener('install', function () {\n"
    "\tself.skipWaiting();\n"
    "});\n"
    "self.addEventListener('activate', function (event) {\n"
    "\tevent.waitUntil(caches.keys().then(function (names) {\n"
    "\t\treturn Promise.all(names.map(function (name) {\n"
    "\t\t\tif (name.indexOf(MINE) === 0)\n"
    "\t\t\t\treturn caches.delete(name);\n"
    "\t\t\treturn SHARED.test(name) ? dropOwn(name) : null;\n"
    "\t\t}));\n"
    "\t}).catch(function () {}).then(function () {\n"
    "\t\treturn self.registration.unregister();\n"
    "\t}).then(function () {\n"
    "\t\treturn self.clients.matchAll({type: 'window'});\n"
    "\t}).then(function (open) {\n"
    "\t\topen.forEach(function (c) { c.navigate(c.url); });\n"
    "\t}));\n"
    "});\n";

/* The head and body of a page leading to target (an address, or, for
 * the 404 page, the new home while script finds the page's own). */
static void
page(buf *b, const char *target, const char *script)
{
	buf_puts(b, "<!doctype html>\n<html lang=\"fr\">\n<head>\n"
	            "<meta charset=\"utf-8\">\n"
	            "<meta name=\"viewport\" content=\"width=device-width, "
	            "initial-scale=1\">\n"
	            "<meta name=\"robots\" content=\"noindex\">\n"
	            "<title>Le site a changé d’adresse</title>\n");
	if (script != NULL)
		buf_printf(b, "<script>%s</script>\n", script);
	else
		buf_printf(b,
		           "<meta http-equiv=\"refresh\" content=\"0; "
		           "url=%s\">\n<link rel=\"canonical\" href=\"%s\">\n",
		           target, target);
	/* without script, the 404 page names the new home only */
	buf_printf(b,
	           "</head>\n<body>\n<main>\n"
	           "<h1>Le site a changé d’adresse</h1>\n"
	           "<p>%s est maintenant à l’adresse :\n"
	           "<a href=\"%s\">%s</a>.</p>\n"
	           "<p>Si vous avez enregistré l’ancienne adresse (favori, "
	           "lien, agenda), remplacez-la par la nouvelle.</p>\n"
	           "</main>\n</body>\n</html>\n",
	           script != NULL ? "Le site" : "Cette page", target, target);
}

/* The new address of published file rel: a folder's index.html is
 * the folder's address, as the site links it. */
static const char *
target_of(struct kit *k, const char *rel)
{
	size_t n = strlen(rel);
	buf b = BUF_INIT;
	buf_puts(&b, k->neu);
	buf_putc(&b, '/');
	if (strcmp(rel, "index.html") == 0)
		n = 0;
	else if (n > 11 && strcmp(rel + n - 11, "/index.html") == 0)
		n -= 10;
	char *p = arena_strndup(k->a, rel, n);
	url_put_path(&b, p);
	const char *t = arena_strdup(k->a, buf_cstr(&b));
	buf_free(&b);
	return t;
}

/* A page at the old address of every page published (its .html
 * files), the 404 page aside: what a host without redirections serves. */
static int
write_pages(struct kit *k, output *out)
{
	int rc = 0;
	buf b = BUF_INIT;
	for (size_t i = 0; rc == 0 && i < k->nfiles; i++) {
		const char *f = k->files[i];
		size_t n = strlen(f);
		if (n < 5 || strcmp(f + n - 5, ".html") != 0 ||
		    strcmp(f, "404.html") == 0)
			continue;
		buf_reset(&b);
		page(&b, target_of(k, f), NULL);
		rc = output_write(out, f, b.data, b.len);
		k->npages++;
	}
	/* 404.html: the same path under the new address */
	buf js = BUF_INIT;
	buf_puts(&js, "var p = location.pathname;\nvar base = ");
	json_string(&js, k->oldbase);
	buf_puts(&js,
	         ";\nif (p.indexOf(base) === 0) p = p.slice(base.length);\n"
	         "location.replace(");
	json_string(&js, k->neu);
	buf_puts(&js, " + p + location.search + location.hash);");
	buf_reset(&b);
	page(&b, arena_printf(k->a, "%s/", k->neu), buf_cstr(&js));
	if (rc == 0)
		rc = output_write(out, "404.html", b.data, b.len);
	buf_free(&js);
	buf_free(&b);
	return rc;
}

/* s with the characters a regular expression gives a meaning escaped. */
static const char *
regex_quoted(struct kit *k, const char *s)
{
	buf b = BUF_INIT;
	for (; *s; s++) {
		if (strchr(".^$*+?()[]{}|\\", *s) != NULL)
			buf_putc(&b, '\\');
		buf_putc(&b, *s);
	}
	const char *r = arena_strdup(k->a, buf_cstr(&b));
	buf_free(&b);
	return r;
}

/* Apache: the .htaccess of the old address's folder (its rules are
 * relative to it, so the old path needs no saying). */
static void
htaccess(struct kit *k, buf *b)
{
	buf_printf(b,
	           "# .htaccess de l'ancienne adresse %s/ : écrit par "
	           "fabrique redirect.\n"
	           "# Chaque adresse est redirigée (301) vers la même adresse "
	           "sous\n# %s/, sauf sw.js (qui retire l'ancien service "
	           "worker des téléphones).\n"
	           "# Les ancres (#...) et les paramètres (?...) suivent.\n"
	           "RewriteEngine On\n"
	           "RewriteRule ^sw\\.js$ - [L]\n",
	           k->old, k->neu);
	if (k->inside != NULL)
		buf_printf(b,
		           "# le nouveau site, dans ce même dossier, reste tel "
		           "quel\nRewriteCond %%{REQUEST_URI} !^%s/\n",
		           regex_quoted(k, k->inside));
	buf_printf(b,
	           "RewriteRule ^(.*)$ %s/$1 [R=301,L]\n"
	           "<Files \"sw.js\">\n"
	           "\t<IfModule mod_headers.c>\n"
	           "\t\tHeader set Cache-Control \"no-cache\"\n"
	           "\t</IfModule>\n"
	           "</Files>\n",
	           k->neu);
}

/* nginx: two locations for the old address's server block; sw.js is
 * named by the kit's real path (where this command wrote it). */
static void
nginx(struct kit *k, buf *b)
{
	const char *base = k->oldbase;
	buf_printf(b,
	           "# nginx : à mettre dans le bloc server { } de "
	           "l'ancienne adresse %s/\n"
	           "# (écrit par fabrique redirect).  Chaque adresse est "
	           "redirigée (301)\n# vers la même adresse sous %s/, sauf "
	           "sw.js, servi depuis ce dossier :\n"
	           "# s'il est copié ailleurs sur le serveur, changez "
	           "le chemin d'alias.\n",
	           k->old, k->neu);
	if (k->inside != NULL)
		buf_printf(b,
		           "# Le nouveau site (%s/) garde son propre bloc "
		           "location %s/ { }, plus précis : il\n# n'est pas "
		           "redirigé.\n",
		           k->inside, k->inside);
	buf_printf(b,
	           "location = %s/sw.js {\n"
	           "\talias %s/sw.js;\n"
	           "\ttypes { }\n"
	           "\tdefault_type text/javascript;\n"
	           "\tadd_header Cache-Control \"no-cache\";\n"
	           "}\n"
	           "location ^~ %s/ {\n"
	           "\tif ($request_uri ~ \"^%s(/.*)$\") {\n"
	           "\t\treturn 301 %s$1;\n"
	           "\t}\n"
	           "\treturn 301 %s/;\n"
	           "}\n",
	           base, k->outreal, base, regex_quoted(k, base), k->neu,
	           k->neu);
}

static void
readme(struct kit *k, buf *b)
{
	buf_printf(
	    b,
	    "Ce dossier est à mettre à l'ancienne adresse du site, %s/,\n"
	    "qui a déménagé à %s/ (écrit par fabrique redirect).\n\n"
	    "Gardez l'ancienne adresse en service au moins un an : QR codes,\n"
	    "liens partagés, abonnements aux agendas et téléphones qui "
	    "gardent\nle site hors ligne y pointent encore.\n\n"
	    "- Apache : copiez le contenu de ce dossier (fichiers cachés\n"
	    "  compris, .htaccess) à la racine de l'ancienne adresse.\n"
	    "- nginx : mettez nginx.conf dans le bloc server de l'ancienne\n"
	    "  adresse (include), et gardez sw.js là où il le dit.\n"
	    "- Hébergement sans redirections : copiez ce dossier à la\n"
	    "  racine de l'ancienne adresse ; chaque page y mène à la\n"
	    "  nouvelle, 404.html aussi (à déclarer comme page d'erreur).\n\n"
	    "sw.js doit être servi tel quel, sans redirection : il retire\n"
	    "l'ancien service worker des téléphones des habitants.\n"
	    "Voir docs/deploy.md, « Changer l'adresse du site ».\n",
	    k->old, k->neu);
}

/* The kit's files, written into out. */
static int
write_kit(struct kit *k, output *out)
{
	buf b = BUF_INIT;
	int rc = output_write(out, "sw.js", sw_js, sizeof(sw_js) - 1);
	if (rc == 0)
		rc = write_pages(k, out);
	htaccess(k, &b);
	if (rc == 0)
		rc = output_write(out, ".htaccess", b.data, b.len);
	buf_reset(&b);
	nginx(k, &b);
	if (rc == 0)
		rc = output_write(out, "nginx.conf", b.data, b.len);
	buf_reset(&b);
	readme(k, &b);
	if (rc == 0)
		rc = output_write(out, "LISEZMOI.txt", b.data, b.len);
	buf_reset(&b);
	buf_printf(&b, "%s/ -> %s/\n", k->old, k->neu);
	if (rc == 0)
		rc = output_write(out, OLDADDR_MARK, b.data, b.len);
	buf_free(&b);
	return rc;
}

/* ---- The folder ------------------------------------------------------ */

/* out is missing, empty or a kit (OLDADDR_MARK): a build's output, a
 * deploy folder, or any folder of the webmaster's is refused before
 * anything is written, and never the built site itself. */
static int
check_out(const oldaddr_opts *o, struct kit *k, diag *d)
{
	struct stat st;
	DIR *dp = opendir(o->out);
	bool empty = true;
	struct dirent *e;
	while (dp != NULL && (e = readdir(dp)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			empty = false;
	if (dp != NULL)
		closedir(dp);
	if (!empty &&
	    lstat(arena_printf(k->a, "%s/" OLDADDR_MARK, o->out), &st) != 0) {
		diag_report(d, DIAG_ERROR, o->out, 0, 0,
		            "this folder was not written by fabrique "
		            "redirect: nothing is written into it; give a new "
		            "or empty folder for the old address's files");
		return -1;
	}
	return 0;
}

/* The kit folder's absolute path, which nginx.conf names: its parent's
 * real path and its own name (it may not exist before the commit). */
static const char *
real_out(struct kit *k, const char *out)
{
	size_t n = strlen(out);
	while (n > 1 && out[n - 1] == '/')
		n--;
	const char *name = arena_strndup(k->a, out, n);
	const char *slash = strrchr(name, '/');
	const char *parent =
	    slash == NULL   ? "."
	    : slash == name ? "/"
	                    : arena_strndup(k->a, name, (size_t)(slash - name));
	char *real = realpath(parent, NULL);
	const char *r =
	    arena_printf(k->a, "%s/%s", real != NULL ? real : parent,
	                 slash != NULL ? slash + 1 : name);
	free(real);
	return r;
}

enum build_status
oldaddr_run(const oldaddr_opts *o, diag *d)
{
	struct kit k = {.a = arena_new()};
	enum build_status st = BUILD_OUTPUT;
	int rc = addresses(o, &k, d);
	if (rc < 0) {
		st = rc == -2 ? BUILD_USAGE : BUILD_SOURCE;
		goto done;
	}
	k.oldbase = urlbase_of(k.a, k.old);
	k.inside = inside_path(&k);
	if (read_built(o, &k, d) != 0) {
		st = BUILD_SOURCE;
		goto done;
	}
	if (check_out(o, &k, d) != 0)
		goto done;
	output *out = output_begin(o->out, d);
	if (out == NULL)
		goto done;
	k.outreal = real_out(&k, o->out);
	if (write_kit(&k, out) == 0 && output_commit(out) == 0)
		st = BUILD_OK;
	else
		output_abort(out);
	output_free(out);
	if (st == BUILD_OK && !o->quiet)
		fprintf(stderr,
		        diag_tr(d, "fabrique: %s: the files for the old "
		                   "address %s/ (%zu pages lead to %s/); see "
		                   "its LISEZMOI.txt\n"),
		        o->out, k.old, k.npages, k.neu);
done:
	diag_flush(d, stderr);
	free(k.files);
	arena_free(k.a);
	return st;
}
