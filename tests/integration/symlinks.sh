#!/bin/sh
# A symbolic link in the site (outside tester 19, F3): fabrique never
# publishes one (whatever it points to), and a link to it was said to
# lead to a file "qui n'existe pas", while the editor sees it there.
# Said as a symbolic link, with what to do: from the folder
# (--worktree) and from a commit (git keeps it, mode 120000).
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
mkmini "$R"
cd "$R" || exit 1
fr() { (LANGUAGE= LC_ALL=fr_FR.UTF-8 LANG=fr_FR.UTF-8 "$FABRIQUE" "$@"); }
ln -s /etc/passwd site/pages/tarifs.csv
echo '[les tarifs](tarifs.csv)' >>site/pages/contact.md
MSG="site/pages/contact.md:5:14: erreur : le lien « tarifs.csv » mène à site/pages/tarifs.csv, qui est un lien symbolique, que fabrique ne publie pas : copiez le fichier lui-même à cet endroit"
fr check site --worktree >"$WORK/.out" 2>&1
status "--worktree: a link to a symbolic link is an error" 1 $?
contains "--worktree: said as a symbolic link, with what to do" "$WORK/.out" "$MSG"
lacks "--worktree: not 'does not exist'" "$WORK/.out" "n’existe pas"
commit_all "$R" "tarifs en lien symbolique"
check "git keeps it as a symbolic link" sh -c "git ls-tree HEAD site/pages/tarifs.csv | grep -q '^120000'"
fr build site --out "$WORK/out" >"$WORK/.out" 2>&1
status "from the commit: an error, nothing published" 1 $?
contains "from the commit: said the same" "$WORK/.out" "$MSG"
check "nothing published" test ! -e "$WORK/out"
# a file that is really missing is still said as such
rm site/pages/tarifs.csv
fr check site --worktree >"$WORK/.out" 2>&1
contains "a missing file is still 'does not exist'" "$WORK/.out" \
	"le lien « tarifs.csv » mène à site/pages/tarifs.csv, qui n’existe pas"
# the file itself copied there: published
cp /etc/hostname site/pages/tarifs.csv 2>/dev/null || echo "a;b" >site/pages/tarifs.csv
fr check site --worktree >"$WORK/.out" 2>&1
status "the file itself passes" 0 $?

# A page committed as a symbolic link (outside tester 24 F2: an alias
# made on a Mac, a link to a file kept elsewhere): not published, as
# before, and now said at its path, from the folder and from a commit.
commit_all "$R" "tarifs copiés"
ln -s /etc/passwd site/patrimoine/secret.md
ln -s ../patrimoine/lavoir.md site/ateliers/lavoir-copie.md
PMSG="site/patrimoine/secret.md: avertissement : ce fichier est un lien symbolique, que fabrique ne publie pas (ce vers quoi il mène peut être hors du dépôt) : mettez ici le fichier lui-même, ou retirez le lien"
fr check site --worktree >"$WORK/.out" 2>&1
contains "--worktree: a page that is a symbolic link is said" "$WORK/.out" "$PMSG"
contains "--worktree: one leading inside the site too" "$WORK/.out" "site/ateliers/lavoir-copie.md: avertissement : ce fichier est un lien symbolique"
commit_all "$R" "pages en liens symboliques"
rm -rf "$WORK/out"
fr build site --out "$WORK/out" >"$WORK/.out" 2>&1
status "from the commit: built (a warning)" 0 $?
contains "from the commit: said the same" "$WORK/.out" "$PMSG"
check "said once" test "$(grep -c 'secret.md' "$WORK/.out")" = 1
check "nothing of it published" test ! -e "$WORK/out/patrimoine/secret"
"$FABRIQUE" check site >"$WORK/.out" 2>&1
contains "in English" "$WORK/.out" "site/patrimoine/secret.md: warning: this file is a symbolic link, which fabrique does not publish"
