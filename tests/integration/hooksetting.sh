#!/bin/sh
# A wrong site folder set on the server (git config fabrique.site, or the
# SITE of hooks/pre-receive) names no folder of a valid push (outside
# tester 25 F18: "contenu: error: no such folder", in English, and
# « correct them, commit the correction » to an editor who cannot).  The
# push is refused, said in the site's language (its site.yaml found at
# the root or in a folder) as the server's setting for the webmaster to
# correct, with the command that would, and no request to commit; once
# corrected, the same push goes through.  A push that itself moves the
# site away from the configured folder is still the editor's to correct.
# Real `git push` over file://, bare repositories on master.
. "$(dirname "$0")/../lib.sh"

GITM="$GIT -c init.defaultBranch=master"

# no_commit_request NAME: the push's messages ask no commit, in French
# nor in English
no_commit_request() {
	if grep -qe "validez la correction" -e "commit the correction" "$WORK/.push"; then
		not_ok "$1" "$(grep -e "validez la correction" -e "commit the correction" "$WORK/.push")"
	else ok "$1"; fi
}

# 1. The site at the root, the server set to contenu (a first push).
BARE=$WORK/a.git WWW=$WORK/www-a R=$WORK/a
mkbare "$BARE" master site=contenu
hook_install "$BARE" pre-receive
hook_install "$BARE" post-receive --out "$WWW"
pushsite "$R" "$BARE"
tip=$(git -C "$R" rev-parse --short=7 HEAD)
pushmaster
status "a valid push is refused while fabrique.site names no folder" refused "$(refused)"
contains "said as the server's setting, in the site's French" "$WORK/.push" \
	"remote: erreur : le réglage du serveur fabrique.site (contenu) ne désigne aucun dossier du commit $tip contenant site.yaml, qui est à la racine : le webmestre doit corriger ce réglage dans le dépôt du serveur (« git config fabrique.site . ») ; il n’y a rien à corriger dans vos commits"
no_commit_request "the editor is not asked to commit a correction"
lacks "nor told in English" "$WORK/.push" "no such folder"
lacks "no English from fabrique" "$WORK/.push" "remote: error:"
check "nothing was published" test ! -e "$WWW/current"
git -C "$BARE" config fabrique.site .
pushmaster
status "corrected on the server, the same push is accepted" 0 $pst
check "and published" test -e "$WWW/current/index.html"

# 2. A later push once the setting went wrong (the site was published):
# the same, the branch's site being at the root too.
git -C "$BARE" config fabrique.site content
(cd "$R" && echo "Texte ajouté." >>pages/contact.md && $GITM commit -qam "Contact")
tip=$(git -C "$R" rev-parse --short=7 HEAD)
pushmaster
status "a later push: refused" refused "$(refused)"
contains "the setting and the command that corrects it" "$WORK/.push" \
	"le réglage du serveur fabrique.site (content) ne désigne aucun dossier du commit $tip contenant site.yaml, qui est à la racine"
no_commit_request "no request to commit"

# 3. The site in a folder of its own, the server set to another name.
BARE=$WORK/b.git R=$WORK/b
mkbare "$BARE" master site=content
hook_install "$BARE" pre-receive
pushsite "$R" "$BARE" site
tip=$(git -C "$R" rev-parse --short=7 HEAD)
pushmaster
status "site/ while the server says content: refused" refused "$(refused)"
contains "the folder holding site.yaml is named, with the command" "$WORK/.push" \
	"le réglage du serveur fabrique.site (content) ne désigne aucun dossier du commit $tip contenant site.yaml, qui est dans site/ : le webmestre doit corriger ce réglage dans le dépôt du serveur (« git config fabrique.site site ») ; il n’y a rien à corriger dans vos commits"

# 4. An English site: in English.
BARE=$WORK/c.git R=$WORK/c
mkbare "$BARE" master site=contenu
hook_install "$BARE" pre-receive
pushsite "$R" "$BARE"
(cd "$R" && sed -i 's/^langue: fr/langue: en/' site.yaml && $GITM commit -qam "English")
pushmaster
status "an English site: refused" refused "$(refused)"
contains "in English" "$WORK/.push" \
	"remote: error: the server's setting fabrique.site (contenu) names no folder of commit"
contains "with the command" "$WORK/.push" "('git config fabrique.site .'); there is nothing to correct in your commits"

# 5. The SITE given in hooks/pre-receive: that line is named.
BARE=$WORK/d.git R=$WORK/d
mkbare "$BARE" master
hook_install "$BARE" pre-receive contenu
pushsite "$R" "$BARE"
pushmaster
status "the hook's SITE naming no folder: refused" refused "$(refused)"
contains "the hook's line is what to correct" "$WORK/.push" \
	"le réglage du serveur hooks/pre-receive (contenu) ne désigne aucun dossier du commit"
contains "with the line it should hold" "$WORK/.push" "(« fabrique hook pre-receive . »)"

# 6. The editor's push moves the site out of the configured folder:
# theirs to correct (the build's error and the request to commit), in
# the site's French.
BARE=$WORK/e.git R=$WORK/e
mkbare "$BARE" master site=content
hook_install "$BARE" pre-receive
pushsite "$R" "$BARE" content
pushmaster
status "the site in content/, as the server says: accepted" 0 $pst
(cd "$R" && $GITM mv content site && $GITM commit -qm "Dossier renommé")
pushmaster
status "a push renaming content/ to site/: refused" refused "$(refused)"
contains "the editor is asked to correct and commit, in French" "$WORK/.push" \
	"corrigez-les, validez la correction (commit) et envoyez de nouveau"
lacks "not blamed on the server's setting" "$WORK/.push" "le réglage du serveur"
