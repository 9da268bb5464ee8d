#!/bin/sh
# Second year (tester22 F1): last year's workshop file is renamed
# (git mv nettoyer-le-lavoir.md nettoyer-le-lavoir-2026.md) and a new
# nettoyer-le-lavoir.md made for this year, in the same commit.  A story
# written about the 2026 workshop, linking nettoyer-le-lavoir.md, then
# led silently to the 2027 one.  Now a warning at the link, naming both
# files, until the linking page is changed (the link pointed at the
# renamed file, or kept on purpose); and a note at the renamed page: its
# old address now shows the other page.
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
mkmini "$R"
S=$R/site
A=$S/ateliers
printf 'date: 2027-05-22\naccueil:\n  heure: "08:30"\n  lieu: Salle des fêtes\n' >"$S/editions/2027.yaml"
cat >"$A/nettoyer-le-lavoir.md" <<'MD'
---
titre: Nettoyer le lavoir
date: 2026-05-23
debut: "09:00"
fin: "12:00"
categorie: patrimoine
statut: realise
resume: Le lavoir retrouve son eau claire.
lieu: Lavoir du Bourg
---
Édition 2026 : on vide le bassin, on brosse les pierres, on remet l'eau.
Apportez des bottes, des brosses et des gants ; le café est offert.
MD
# the workshops without a date are 2026's (quiet under --strict)
sed -i '2i edition: 2026' "$A/planter-des-haies.md" "$A/repeindre-le-preau.md"
printf "\nEn 2026, les bénévoles l'ont nettoyé lors de l'atelier [Nettoyer le lavoir](../ateliers/nettoyer-le-lavoir.md).\n" >>"$S/patrimoine/lavoir.md"
# the story names the 2026 workshop in its front matter too (links23)
sed -i 's|^  - ateliers/repeindre-le-preau$|&\n  - ateliers/nettoyer-le-lavoir|' "$S/patrimoine/lavoir.md"
commit_all "$R" "Année 2026"
REF=$(grep -n "^  - ateliers/nettoyer-le-lavoir$" "$S/patrimoine/lavoir.md" | cut -d: -f1)
LINE=$(grep -n "En 2026" "$S/patrimoine/lavoir.md" | cut -d: -f1)

chk() { (cd "$R" && "$FABRIQUE" check "$@" site) >"$WORK/out" 2>&1; echo $? >"$WORK/rc"; }
chk
lacks "before the rename: nothing said about the link" "$WORK/out" "patrimoine/lavoir.md:$LINE"

# a new page made while another is edited is no rename: nothing said
# (a new workshop of the coming edition: one of 2026 added after its
# day is a warning of its own, outside tester 25 F1)
printf '\nVoir aussi la haie.\n' >>"$A/repeindre-le-preau.md"
sed -e 's/^titre: .*/titre: Tailler la haie/' -e 's/^edition: 2026$/edition: 2027/' \
    "$A/planter-des-haies.md" >"$A/tailler-la-haie.md"
commit_all "$R" "Une page de plus"
chk
lacks "an ordinary new page: no warning about a changed link" "$WORK/out" "now holds another page"

# the second year, in one commit
(cd "$R" && $GIT mv site/ateliers/nettoyer-le-lavoir.md site/ateliers/nettoyer-le-lavoir-2026.md)
sed -e 's/^date: .*/date: 2027-05-22/' -e 's/^statut: .*/statut: propose/' \
    -e 's/^Édition 2026.*/Édition 2027 : le bassin, puis le chemin./' \
    "$A/nettoyer-le-lavoir-2026.md" >"$A/nettoyer-le-lavoir.md"
commit_all "$R" "Année 2027"
chk
contains "the link is a warning at its place, naming both files" "$WORK/out" \
    "site/patrimoine/lavoir.md:$LINE:77: warning: the link '../ateliers/nettoyer-le-lavoir.md' led to the page of site/ateliers/nettoyer-le-lavoir.md when this page was last changed; that file has been renamed site/ateliers/nettoyer-le-lavoir-2026.md since, and another page now holds its name: point the link at '../ateliers/nettoyer-le-lavoir-2026.md', or, if the new page is meant, change this page (this warning stops once it is changed after the rename)"
contains "the renamed page: its old address shows the other page (a note)" "$WORK/out" \
    "site/ateliers/nettoyer-le-lavoir-2026.md:1:1: note: this page changed address (/ateliers/nettoyer-le-lavoir/ → /ateliers/nettoyer-le-lavoir-2026/) when its file ateliers/nettoyer-le-lavoir.md was renamed, and the old address now shows the page of site/ateliers/nettoyer-le-lavoir.md: bookmarks and printed QR codes of the old address lead there, which is right for another edition of the same workshop"
lacks "the other new page is not flagged" "$WORK/out" "tailler-la-haie"
(cd "$R" && LANGUAGE= LC_ALL=fr_FR.UTF-8 LANG=fr_FR.UTF-8 "$FABRIQUE" check site) >"$WORK/out" 2>&1
contains "in French" "$WORK/out" \
    "site/patrimoine/lavoir.md:$LINE:77: avertissement : le lien « ../ateliers/nettoyer-le-lavoir.md » menait à la page de site/ateliers/nettoyer-le-lavoir.md quand cette page a été modifiée pour la dernière fois ; ce fichier a depuis été renommé site/ateliers/nettoyer-le-lavoir-2026.md, et une autre page porte maintenant son nom : faites pointer le lien vers « ../ateliers/nettoyer-le-lavoir-2026.md », ou, si c’est la nouvelle page qui est visée, modifiez cette page (cet avertissement cesse dès qu’elle est modifiée après le renommage)"
contains "the note in French" "$WORK/out" \
    "site/ateliers/nettoyer-le-lavoir-2026.md:1:1: note : cette page a changé d’adresse (/ateliers/nettoyer-le-lavoir/ → /ateliers/nettoyer-le-lavoir-2026/) quand son fichier ateliers/nettoyer-le-lavoir.md a été renommé, et l’ancienne adresse montre maintenant la page de site/ateliers/nettoyer-le-lavoir.md"
chk
contains "a reference in the front matter: the same warning at it" "$WORK/out" \
    "site/patrimoine/lavoir.md:$REF:5: warning: 'ateliers/nettoyer-le-lavoir' named the workshop of site/ateliers/nettoyer-le-lavoir.md when this page was last changed; that file has been renamed site/ateliers/nettoyer-le-lavoir-2026.md since, and another workshop now holds its name: write 'ateliers/nettoyer-le-lavoir-2026' here, or, if the new workshop is meant, change this page (this warning stops once it is changed after the rename)"
(cd "$R" && LANGUAGE= LC_ALL=fr_FR.UTF-8 LANG=fr_FR.UTF-8 "$FABRIQUE" check site) >"$WORK/out" 2>&1
contains "the reference's warning in French" "$WORK/out" \
    "site/patrimoine/lavoir.md:$REF:5: avertissement : « ateliers/nettoyer-le-lavoir » désignait l’atelier de site/ateliers/nettoyer-le-lavoir.md quand cette page a été modifiée pour la dernière fois ; ce fichier a depuis été renommé site/ateliers/nettoyer-le-lavoir-2026.md, et un autre atelier porte maintenant son nom : écrivez ici « ateliers/nettoyer-le-lavoir-2026 »"
chk --strict
status "check --strict (the hooks) refuses it" 1 "$(cat "$WORK/rc")"
(cd "$R" && "$FABRIQUE" build site --out "$WORK/public") >"$WORK/out" 2>&1
contains "build says it too" "$WORK/out" "site/patrimoine/lavoir.md:$LINE:77: warning: the link"
# residents' calendars hold the 2026 workshop by its UID: it keeps it,
# the 2027 one is a new event (on main the 2027 one took it)
contains "the renamed 2026 workshop keeps its calendar UID" \
    "$WORK/public/ateliers/nettoyer-le-lavoir-2026/atelier.ics" "UID:ateliers/nettoyer-le-lavoir@"
lacks "the 2027 workshop does not take it" \
    "$WORK/public/ateliers/nettoyer-le-lavoir/atelier.ics" "UID:ateliers/nettoyer-le-lavoir@"
(cd "$R" && "$FABRIQUE" build site --out "$WORK/public") >"$WORK/out" 2>&1
contains "and again from its cache" "$WORK/out" "site/patrimoine/lavoir.md:$LINE:77: warning: the link"
contains "the reference's too" "$WORK/out" "site/patrimoine/lavoir.md:$REF:5: warning: 'ateliers/nettoyer-le-lavoir' named"

# the 2026 file edited in the same commit (most of it kept): the same
(cd "$R" && $GIT reset -q --hard HEAD~1 &&
 $GIT mv site/ateliers/nettoyer-le-lavoir.md site/ateliers/nettoyer-le-lavoir-2026.md)
printf 'Merci aux douze bénévoles.\n' >>"$A/nettoyer-le-lavoir-2026.md"
sed -e 's/^date: .*/date: 2027-05-22/' -e 's/^statut: .*/statut: propose/' \
    -e 's/^Édition 2026.*/Édition 2027 : le bassin, puis le chemin./' \
    -e '/^Merci/d' "$A/nettoyer-le-lavoir-2026.md" >"$A/nettoyer-le-lavoir.md"
commit_all "$R" "Année 2027, le compte rendu de 2026"
chk
contains "renamed and edited in the same commit: still said" "$WORK/out" \
    "site/patrimoine/lavoir.md:$LINE:77: warning: the link '../ateliers/nettoyer-le-lavoir.md' led to the page of site/ateliers/nettoyer-le-lavoir.md"

# the link kept on purpose: the page changed after the rename, quiet
sed -i 's/En 2026, les/Chaque année, les/' "$S/patrimoine/lavoir.md"
commit_all "$R" "Le lien vise l'atelier de l'année"
chk
lacks "the linking page changed since: no warning" "$WORK/out" "now holds another page"
lacks "nor at its reference" "$WORK/out" "now holds its name"
chk --strict
lacks "nor with --strict" "$WORK/out" "site/patrimoine/lavoir.md:$LINE"

# in two commits: the rename (the link is an error, fixed by nobody),
# then the new file: the same warning
(cd "$R" && $GIT reset -q --hard HEAD~2 &&
 $GIT mv site/ateliers/nettoyer-le-lavoir.md site/ateliers/nettoyer-le-lavoir-2026.md &&
 $GIT commit -qm "renommé")
sed -e 's/^date: .*/date: 2027-05-22/' -e 's/^statut: .*/statut: propose/' \
    "$A/nettoyer-le-lavoir-2026.md" >"$A/nettoyer-le-lavoir.md"
commit_all "$R" "Année 2027"
chk
contains "in two commits: said too" "$WORK/out" \
    "site/patrimoine/lavoir.md:$LINE:77: warning: the link '../ateliers/nettoyer-le-lavoir.md' led to the page of site/ateliers/nettoyer-le-lavoir.md"
contains "in two commits: the reference too" "$WORK/out" \
    "site/patrimoine/lavoir.md:$REF:5: warning: 'ateliers/nettoyer-le-lavoir' named the workshop of site/ateliers/nettoyer-le-lavoir.md"

# the link pointed at the renamed file: quiet
sed -i 's|(../ateliers/nettoyer-le-lavoir.md)|(../ateliers/nettoyer-le-lavoir-2026.md)|' "$S/patrimoine/lavoir.md"
sed -i 's|^  - ateliers/nettoyer-le-lavoir$|&-2026|' "$S/patrimoine/lavoir.md"
commit_all "$R" "Le lien mène à 2026"
chk
lacks "the link corrected: no warning" "$WORK/out" "now holds another page"
lacks "the reference corrected: no warning" "$WORK/out" "now holds its name"
status "the site checks" 0 "$(cat "$WORK/rc")"
