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
