/*
 * hook.c - pre-receive and post-receive hooks (see hook.h).
 *
 * The repository is opened as git's own commands open it inside a hook
 * (libgit2's GIT_REPOSITORY_OPEN_FROM_ENV): during pre-receive the pushed
 * objects are still in a quarantine folder that only the environment
 * names.  Each pushed commit is then checked by an ordinary check-only
 * build of that commit id, so the hook says exactly what `fabrique check`
 * would say on the editor's machine.
 */
#include "hook.h"

#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "deploy.h"

struct cfg {
	git_repository *repo;
	const char *path; /* the repository, for build_run() */
	char branch[256]; /* "refs/heads/main" */
	char site[1024];
	char out[4096];
	int keep;
};

struct update {
	char old[65], new[65], ref[1024];
};

static const char *
git_msg(void)
{
	const git_error *e = git_error_last();
	return e != NULL && e->message != NULL ? e->message : "unknown error";
}

static void
config_str(git_config *c, const char *name, const char *dflt, char *out,
           size_t outsz)
{
	git_buf b = {0};
	if (c != NULL && git_config_get_string_buf(&b, c, name) == 0)
		snprintf(out, outsz, "%s", b.ptr);
	else
		snprintf(out, outsz, "%s", dflt);
	git_buf_dispose(&b);
	git_error_clear();
}

static int
open_cfg(const hook_opts *o, struct cfg *c, diag *d)
{
	if (git_repository_open_ext(&c->repo, o->repo,
	                            GIT_REPOSITORY_OPEN_FROM_ENV, NULL) < 0) {
		diag_report(d, DIAG_ERROR, o->repo ? o->repo : ".", 0, 0,
		            "cannot open the git repository of this hook: %s",
		            git_msg());
		return -1;
	}
	c->path = git_repository_path(c->repo);
	git_config *gc = NULL;
	if (git_repository_config_snapshot(&gc, c->repo) < 0)
		git_error_clear();
	char branch[200];
	config_str(gc, "fabrique.branch", "main", branch, sizeof(branch));
	snprintf(c->branch, sizeof(c->branch), "refs/heads/%s", branch);
	config_str(gc, "fabrique.site", "content", c->site, sizeof(c->site));
	config_str(gc, "fabrique.out", "", c->out, sizeof(c->out));
	int32_t keep = 0;
	if (gc == NULL || git_config_get_int32(&keep, gc, "fabrique.keep") < 0)
		keep = DEPLOY_KEEP_DEFAULT;
	git_error_clear();
	c->keep = o->keep > 0 ? o->keep : keep;
	if (o->site != NULL)
		snprintf(c->site, sizeof(c->site), "%s", o->site);
	if (o->out != NULL)
		snprintf(c->out, sizeof(c->out), "%s", o->out);
	git_config_free(gc);
	return 0;
}

static bool
is_zero(const char *hex)
{
	return strspn(hex, "0") == strlen(hex);
}

/* One "OLD NEW REF" line of git's hook input; false at the end. */
static bool
read_update(FILE *in, struct update *u)
{
	char line[1200];
	while (fgets(line, sizeof(line), in) != NULL) {
		if (sscanf(line, "%64s %64s %1023s", u->old, u->new, u->ref) ==
		    3)
			return true;
	}
	return false;
}

static build_opts
check_opts(const hook_opts *o, const struct cfg *c, const char *ref)
{
	build_opts b = {0};
	b.site = c->site;
	b.repo = c->path;
	b.ref = ref;
	b.out = c->out;
	b.check_only = true;
	b.quiet = true;
	b.jobs = o->jobs;
	return b;
}

static int
check_commit(const hook_opts *o, const struct cfg *c, const git_oid *id,
             diag *d)
{
	char hex[GIT_OID_HEXSZ + 1];
	git_oid_tostr(hex, sizeof(hex), id);
	build_opts b = check_opts(o, c, hex);
	diag *one = diag_new(diag_lang(d)); /* counts errors of this commit */
	enum build_status st = build_run(&b, one);
	diag_free(one);
	if (st == BUILD_OK)
		return 0;
	git_commit *commit = NULL;
	const char *what = "";
	if (git_commit_lookup(&commit, c->repo, id) == 0)
		what = git_commit_summary(commit);
	diag_report(d, DIAG_ERROR, NULL, 0, 0,
	            "commit %.7s (%s) has errors: the push is refused; fix "
	            "them, commit, and push again",
	            hex, what ? what : "");
	git_commit_free(commit);
	diag_flush(d, stderr);
	return -1;
}

/* The commits a push adds to the branch, oldest first: OLD..NEW, or
 * everything no branch or tag has yet when the branch is new. */
static int
new_commits(const struct cfg *c, const struct update *u, git_revwalk **w)
{
	git_oid id;
	if (git_revwalk_new(w, c->repo) < 0)
		return -1;
	git_revwalk_sorting(*w, GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE);
	if (git_oid_fromstr(&id, u->new) < 0 || git_revwalk_push(*w, &id) < 0)
		return -1;
	if (!is_zero(u->old))
		return git_oid_fromstr(&id, u->old) < 0 ||
		               git_revwalk_hide(*w, &id) < 0
		           ? -1
		           : 0;
	if (git_revwalk_hide_glob(*w, "refs/heads/*") < 0 ||
	    git_revwalk_hide_glob(*w, "refs/tags/*") < 0)
		return -1;
	return 0;
}

static int
check_update(const hook_opts *o, const struct cfg *c, const struct update *u,
             diag *d)
{
	if (is_zero(u->new)) {
		diag_report(d, DIAG_ERROR, NULL, 0, 0,
		            "deleting the published branch %s is refused: the "
		            "site is published from it",
		            c->branch + 11);
		diag_flush(d, stderr);
		return -1;
	}
	git_revwalk *w = NULL;
	git_oid id, tip;
	bool tip_seen = false;
	int rc = new_commits(c, u, &w);
	if (rc < 0)
		diag_report(d, DIAG_ERROR, NULL, 0, 0,
		            "cannot list the pushed commits: %s", git_msg());
	git_oid_fromstr(&tip, u->new);
	while (rc == 0 && git_revwalk_next(&id, w) == 0) {
		tip_seen = tip_seen || git_oid_equal(&id, &tip);
		rc = check_commit(o, c, &id, d);
	}
	if (rc == 0 && !tip_seen) /* the tip was already on another branch */
		rc = check_commit(o, c, &tip, d);
	git_revwalk_free(w);
	diag_flush(d, stderr);
	return rc;
}

static int
pre_receive(const hook_opts *o, const struct cfg *c, FILE *in, diag *d)
{
	struct update u;
	int rc = 0;
	while (read_update(in, &u))
		if (strcmp(u.ref, c->branch) == 0 &&
		    check_update(o, c, &u, d) < 0)
			rc = 1;
	return rc;
}

/* Publishes the last new head of the branch the push left. */
static int
post_receive(const hook_opts *o, const struct cfg *c, FILE *in, diag *d)
{
	struct update u;
	char head[65] = "";
	while (read_update(in, &u))
		if (strcmp(u.ref, c->branch) == 0)
			snprintf(head, sizeof(head), "%s", u.new);
	if (*head == '\0' || is_zero(head))
		return 0;
	if (*c->out == '\0') {
		diag_report(
		    d, DIAG_ERROR, NULL, 0, 0,
		    "no deploy folder: set it with 'git config "
		    "fabrique.out DIR' in the repository, or pass --out "
		    "DIR");
		diag_flush(d, stderr);
		return BUILD_USAGE;
	}
	build_opts b = check_opts(o, c, head);
	b.check_only = false;
	b.quiet = o->quiet;
	return (int)deploy_publish(&b, c->out, c->keep, d);
}

int
hook_run(const hook_opts *o, FILE *in, diag *d)
{
	struct cfg c = {0};
	bool pre = strcmp(o->name, "pre-receive") == 0;
	if (!pre && strcmp(o->name, "post-receive") != 0) {
		diag_report(d, DIAG_ERROR, NULL, 0, 0,
		            "unknown hook '%s'; expected pre-receive or "
		            "post-receive",
		            o->name);
		diag_flush(d, stderr);
		return BUILD_USAGE;
	}
	if (open_cfg(o, &c, d) < 0) {
		diag_flush(d, stderr);
		return BUILD_SOURCE;
	}
	int rc = pre ? pre_receive(o, &c, in, d) : post_receive(o, &c, in, d);
	git_repository_free(c.repo);
	return rc;
}
