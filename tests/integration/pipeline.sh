#!/bin/sh
# The build pipeline end to end, on real git repositories: commits, a
# branch, a bare clone, --ref, --worktree, and the output's shape.
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
mkmini "$R"
cd "$R" || exit 1

"$FABRIQUE" build site --out "$WORK/out1" 2>"$WORK/.err"
status "build of a committed site succeeds" 0 $?
check "workshop at a pretty URL" test -f "$WORK/out1/ateliers/repeindre-le-preau/index.html"
check "free page at the root" test -f "$WORK/out1/contact/index.html"
check "home page" test -f "$WORK/out1/index.html"
check "programme page" test -f "$WORK/out1/programme/index.html"
check "taxonomy page for a quartier" test -f "$WORK/out1/quartiers/bourg/index.html"
check "edition archive" test -f "$WORK/out1/editions/2025/index.html"
check "404 page" test -f "$WORK/out1/404.html"
check "linked PDF is published" cmp "$R/site/documents/plan.pdf" "$WORK/out1/documents/plan.pdf"
check "recap photo is published as variants" test -f "$WORK/out1/retours/fete-2025/lavoir-40.webp"
check "the raw recap photo is not published" test ! -e "$WORK/out1/retours/fete-2025/lavoir.png"
P=$WORK/out1/ateliers/repeindre-le-preau/index.html
contains "link to a .md file becomes the page URL" "$P" 'href="/patrimoine/lavoir/#histoire"'
contains "link to a file becomes its URL" "$P" 'href="/documents/plan.pdf"'
contains "headings get ids" "$P" 'id="ce-que-nous-ferons"'
contains "French no-break space before the colon" "$P" "Poncer puis peindre$(printf '\302\240'):"
contains "dates in French" "$P" "samedi 23 mai 2026"
contains "times in French" "$P" "9 h – 12 h"
check "stylesheet has a fingerprinted name" sh -c "ls '$WORK/out1/assets/css/' | grep -Eq '^style\.[0-9a-f]{8}\.css$'"
contains "pages reach the fingerprinted stylesheet" "$P" 'href="/assets/css/style.'
contains "recap lists its workshop" "$WORK/out1/retours/fete-2025/index.html" 'href="/ateliers/nettoyer-le-lavoir-2025/"'
contains "workshop lists the story citing it" "$P" 'href="/patrimoine/lavoir/"'

# A bare clone gives the same site, byte for byte.
git clone -q --bare "$R" "$WORK/bare.git"
(cd "$WORK" && "$FABRIQUE" build site --repo "$WORK/bare.git" --out "$WORK/out-bare" 2>"$WORK/.err")
status "build from a bare repository succeeds" 0 $?
same_tree "bare clone builds byte-identical output" "$WORK/out1" "$WORK/out-bare"

# A second commit, a branch, and --ref.
sed -i 's/Planter des haies/Planter des haies champêtres/' site/ateliers/planter-des-haies.md
commit_all "$R" "Titre plus précis"
$GIT branch ancienne HEAD~1
"$FABRIQUE" build site --ref ancienne --out "$WORK/out-old" 2>"$WORK/.err"
status "build of a branch succeeds" 0 $?
contains "the branch has the old title" "$WORK/out-old/ateliers/planter-des-haies/index.html" "<h1>Planter des haies</h1>"
"$FABRIQUE" build site --out "$WORK/out2" -q
contains "HEAD has the new title" "$WORK/out2/ateliers/planter-des-haies/index.html" "haies champêtres"
"$FABRIQUE" build site --ref HEAD~1 --out "$WORK/out3" -q
same_tree "HEAD~1 rebuilds the first commit's site" "$WORK/out1" "$WORK/out3"

# Uncommitted edits: noted, and built only with --worktree.
sed -i 's/Contact/Nous contacter/' site/pages/contact.md
echo "brouillon" > site/pages/notes.txt
"$FABRIQUE" build site --out "$WORK/out4" 2>"$WORK/.err"
contains "uncommitted changes are noted" "$WORK/.err" "note: 2 uncommitted changes under site/ are not in this build (use --worktree"
lacks "the commit is what gets built" "$WORK/out4/contact/index.html" "Nous contacter"
"$FABRIQUE" build site --worktree --out "$WORK/out5" 2>"$WORK/.err"
status "build with --worktree succeeds" 0 $?
contains "--worktree builds the edits" "$WORK/out5/contact/index.html" "Nous contacter"

# Command line.
"$FABRIQUE" --version >"$WORK/.out"; status "--version exits 0" 0 $?
contains "--version prints the version" "$WORK/.out" "fabrique "
"$FABRIQUE" --help >"$WORK/.out"; status "--help exits 0" 0 $?
contains "--help documents the exit statuses" "$WORK/.out" "Exit status"
"$FABRIQUE" build --bogus 2>"$WORK/.err"; status "unknown option exits 2" 2 $?
contains "unknown option is named" "$WORK/.err" "unknown option '--bogus'"
"$FABRIQUE" build site --ref nulle-part --out "$WORK/out6" 2>"$WORK/.err"
status "unknown ref exits 3" 3 $?
check "unknown ref writes nothing" test ! -e "$WORK/out6"
(cd "$WORK" && mkdir -p vide && "$FABRIQUE" build vide --out "$WORK/out7" 2>"$WORK/.err")
status "a folder outside any repository exits 3" 3 $?
"$FABRIQUE" check site 2>"$WORK/.err"
status "check of a valid site exits 0" 0 $?
check "check writes nothing" test ! -e "$R/public"

# The example commune itself: at HEAD and from a bare clone, same bytes.
E=$WORK/example
mkrepo "$E"
(cd "$E" && "$FABRIQUE" build content --out "$WORK/ex-head" -q)
status "the example commune builds" 0 $?
git clone -q --bare "$E" "$WORK/example.git"
(cd "$WORK" && "$FABRIQUE" build content --repo "$WORK/example.git" --out "$WORK/ex-bare" -q)
status "the example commune builds from a bare clone" 0 $?
same_tree "the example commune: bare clone output is byte-identical" "$WORK/ex-head" "$WORK/ex-bare"
