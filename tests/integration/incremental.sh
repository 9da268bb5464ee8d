#!/bin/sh
# Incremental builds: after each edit of a sequence, the incremental
# output must equal a clean build's byte for byte; unchanged files keep
# their mtime; a rebuild with no change writes nothing; a warning found
# rendering a page is said again when its render is reused, and fails
# --strict.  Then a seeded random walk of INCR_STEPS steps (default 200;
# INCR_SEED picks another walk) of edits, renames, deletions, new pages,
# links, a workshop's slots added, removed, moved or changed, template and
# site.yaml changes and broken pages, each compared
# with a clean build (output byte for byte, exit status, warnings).
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
mkmini "$R"
cd "$R" || exit 1
INC=$WORK/inc

# A clean build: no previous output and an empty cache (no front matter
# or Markdown kept from earlier builds).
clean_build() {
	rm -rf "$WORK/clean" "$WORK/cold"
	"$FABRIQUE" build "$@" --full --cache "$WORK/cold" --out "$WORK/clean"
}

# step NAME [REF]: incremental build, clean build, same bytes.
step() {
	"$FABRIQUE" build site ${2:+--ref "$2"} --out "$INC" -q 2>"$WORK/.err"
	status "$1: incremental build succeeds" 0 $?
	clean_build site ${2:+--ref "$2"} -q
	same_tree "$1: incremental output equals a clean build" "$WORK/clean" "$INC"
}

# cold_both NAME: the site built cold (no output, a cache made anew)
# with one thread into $WORK/j1 and with two into $WORK/j2, their
# messages in j1.err and j2.err: both build, and give the same files.
cold_both() {
	rm -rf "$WORK/cold" "$WORK/j1" "$WORK/j2"
	"$FABRIQUE" build site --jobs 1 --full --cache "$WORK/cold" --out "$WORK/j1" 2>"$WORK/j1.err"
	status "$1: one thread builds" 0 $?
	rm -rf "$WORK/cold"
	"$FABRIQUE" build site --jobs 2 --full --cache "$WORK/cold" --out "$WORK/j2" 2>"$WORK/j2.err"
	status "$1: two threads build" 0 $?
	same_tree "$1: two threads and one give the same files" "$WORK/j1" "$WORK/j2"
}

step "first build"
css=$(ls "$INC"/assets/css/style.*.css)
css_mtime=$(stat -c %Y.%y "$css")
site_inode=$(stat -c %i "$INC")

"$FABRIQUE" build site --out "$INC" 2>"$WORK/.err"
contains "no change: nothing to do" "$WORK/.err" "is up to date: nothing changed since the last build"
status "no change: the output folder is not replaced" "$site_inode" "$(stat -c %i "$INC")"

# Nothing committed, but the output touched by hand: a page edited in
# place (same size, then another size), a file removed, the manifest of
# the last build cut short: each time the site is made again.
# noop_repair NAME: the build is not found up to date, equals a clean one.
noop_repair() {
	"$FABRIQUE" build site --out "$INC" 2>"$WORK/.err"
	status "$1: the build succeeds" 0 $?
	lacks "$1: not up to date" "$WORK/.err" "is up to date"
	rm -rf "$WORK/clean"
	"$FABRIQUE" build site --full --out "$WORK/clean" -q
	same_tree "$1: the output equals a clean build" "$WORK/clean" "$INC"
}
page=$INC/ateliers/planter-des-haies/index.html
sed -i 's/<html/<HTML/' "$page"
noop_repair "no change, a page edited by hand at the same size"
echo "modifié à la main" >>"$page"
noop_repair "no change, a page edited by hand"
rm "$INC/404.html"
noop_repair "no change, a file removed by hand"
for m in .git/fabrique/builds/*; do head -c -100 "$m" >"$m.cut" && mv "$m.cut" "$m"; done
noop_repair "no change, the last build's record cut short"
"$FABRIQUE" build site --out "$INC" 2>"$WORK/.err"
contains "no change again: up to date" "$WORK/.err" "is up to date: nothing changed since the last build"
# The files are stat()ed on two threads, one half of the record each: a
# file edited by hand is noticed in either half (the record's first file,
# then its last), and the site is made again.
H=$WORK/halves
"$FABRIQUE" build site --out "$H" --cache "$WORK/hc" -q
for which in 1 '$'; do
	rel=$(grep -hE '^[0-9a-f]{32} ' "$WORK"/hc/builds/* | sed -n "${which}p" | cut -d' ' -f6-)
	echo "<!-- edited by hand -->" >>"$H/$rel"
	"$FABRIQUE" build site --out "$H" --cache "$WORK/hc" 2>"$WORK/.err"
	lacks "the record's line $which ($rel) edited by hand: not up to date" "$WORK/.err" "is up to date"
	lacks "the record's line $which ($rel) edited by hand: made again" "$H/$rel" "edited by hand"
done
# A build with nothing to do is decided by the record (the inputs'
# fingerprint, then one stat() per file it lists): what it stands for
# must still make the next build a real one.  A workshop's calendar
# (the record's later lines) deleted by hand:
ics=$(find "$INC/ateliers" -name '*.ics' | sort | tail -n 1)
rm "$ics"
noop_repair "no change, a workshop's calendar deleted by hand"
check "no change, a workshop's calendar deleted by hand: made again" test -s "$ics"
# the options are inputs: --drafts is not the last build's site
"$FABRIQUE" build site --out "$INC" --drafts 2>"$WORK/.err"
lacks "no change but --drafts: not up to date" "$WORK/.err" "is up to date"
"$FABRIQUE" build site --out "$INC" -q
# a theme on disk ($FABRIQUE_THEMES, a site whose repository holds
# none): a template edited there is not the last build's theme
D=$WORK/disk
mkdir -p "$D/repo"
cp -R "$TOP/tests/fixtures/mini" "$D/repo/site"
cp -R "$TOP/themes" "$D/themes"
(cd "$D/repo" && $GIT init -q) && commit_all "$D/repo" "sans thème" >/dev/null
dbuild() { (cd "$D/repo" && FABRIQUE_THEMES=$D/themes "$FABRIQUE" build site --out "$D/out" "$@"); }
dbuild -q
dbuild 2>"$WORK/.err"
contains "theme on disk, no change: up to date" "$WORK/.err" "is up to date"
P=$D/themes/commune/templates/partials/pied.mustache
cp "$P" "$WORK/pied.saved"
sed -i 's/<\/footer>/<p>Pied du disque<\/p><\/footer>/' "$P"
dbuild 2>"$WORK/.err"
lacks "theme on disk, a template edited: not up to date" "$WORK/.err" "is up to date"
contains "theme on disk, a template edited: on the pages" "$D/out/404.html" "Pied du disque"
cp "$WORK/pied.saved" "$P"
dbuild 2>"$WORK/.err"
lacks "theme on disk, the template put back: not up to date" "$WORK/.err" "is up to date"
lacks "theme on disk, the template put back: off the pages" "$D/out/404.html" "Pied du disque"
css=$(ls "$INC"/assets/css/style.*.css)
css_mtime=$(stat -c %Y.%y "$css")

sed -i 's/Des haies champêtres/Des haies vives et champêtres/' site/ateliers/planter-des-haies.md
commit_all "$R" "modification d'un atelier" >/dev/null
step "edit a workshop"
contains "edit a workshop: the new text is there" "$INC/ateliers/planter-des-haies/index.html" "haies vives"
status "edit a workshop: an unchanged file keeps its mtime" "$css_mtime" "$(stat -c %Y.%y "$css")"

(cd "$R" && $GIT mv site/ateliers/planter-des-haies.md site/ateliers/planter-une-haie.md)
commit_all "$R" "renommage" >/dev/null
step "rename a workshop"
check "rename: the old page is gone" test ! -e "$INC/ateliers/planter-des-haies/index.html"

(cd "$R" && $GIT rm -q site/pages/contact.md)
commit_all "$R" "suppression" >/dev/null
step "delete a page"
check "delete: the page is gone" test ! -e "$INC/contact/index.html"

sed -i 's/<\/footer>/<p>Pied modifié<\/p><\/footer>/' themes/commune/templates/partials/pied.mustache
commit_all "$R" "gabarit" >/dev/null
step "change a template"
contains "template: every page has the new footer" "$INC/404.html" "Pied modifié"

sed -i 's/nom: Villeneuve-Test/nom: Villeneuve-sur-Test/' site/site.yaml
commit_all "$R" "site.yaml" >/dev/null
step "change site.yaml"
contains "site.yaml: the new name is on the pages" "$INC/index.html" "Villeneuve-sur-Test"

step "switch to an older ref" HEAD~5
lacks "older ref: the old name is back" "$INC/index.html" "Villeneuve-sur-Test"
step "back to HEAD"

# --- pages kept without rendering their template -----------------------
# A page whose template reads the same values as last time keeps its file
# (hard-linked, same inode); each kind of input must bring it back.
home_inode=$(stat -c %i "$INC/index.html")
printf '\nUne phrase de plus.\n' >>site/ateliers/planter-une-haie.md
commit_all "$R" "texte d'un atelier" >/dev/null
"$FABRIQUE" build site --out "$INC" --verbose 2>"$WORK/.err"
contains "one text edited: other pages are kept without rendering" "$WORK/.err" "page(s) kept without rendering"
lacks "one text edited: not zero of them" "$WORK/.err" "; 0 page(s) kept"
status "one text edited: the home page is the same file" "$home_inode" "$(stat -c %i "$INC/index.html")"
step "one text edited"
# the kept pages' sizes and mtimes are recorded from the last build's
# record, not read again: they must still be right, so that nothing is
# built again, and a kept page edited by hand is still caught
"$FABRIQUE" build site --out "$INC" 2>"$WORK/.err"
contains "one text edited, then no change: up to date" "$WORK/.err" "is up to date: nothing changed since the last build"
touch -d '2020-01-01 00:00:00' "$INC/index.html"
noop_repair "one text edited, then a kept page's mtime changed by hand"
sed -i 's/<html/<HTML/' "$INC/ateliers/repeindre-le-preau/index.html"
noop_repair "one text edited, then a kept page edited by hand"

# a story lists its workshops' titles: the story's page reads another's view
sed -i 's/^titre: .*/titre: Repeindre le grand préau/' site/ateliers/repeindre-le-preau.md
commit_all "$R" "titre d'un atelier lié" >/dev/null
step "title of a linked workshop"
contains "linked workshop: the story shows its new title" "$INC/patrimoine/lavoir/index.html" "Repeindre le grand préau"

sed -i 's/aller_au_contenu: .*/aller_au_contenu: Passer au contenu/' themes/commune/i18n/fr.yaml
commit_all "$R" "chaîne du thème" >/dev/null
step "theme string"
contains "theme string: on every page" "$INC/404.html" "Passer au contenu"

sed -i 's/^date: 2026-05-23/date: 2026-05-30/' site/editions/2026.yaml
commit_all "$R" "date de l'édition" >/dev/null
step "edition date"
contains "edition date: the workshop page shows it" "$INC/ateliers/repeindre-le-preau/index.html" "30 mai"

# a template starting to read a key no template read before
sed -i 's|<h1>{{titre}}</h1>|<h1>{{titre}}</h1><p class="cle">{{cle}}</p>|' themes/commune/templates/histoire.mustache
commit_all "$R" "gabarit qui lit une autre clé" >/dev/null
step "template reading a new key"
contains "new key: the story shows it" "$INC/patrimoine/lavoir/index.html" '<p class="cle">'

# the build date (the commit's, or SOURCE_DATE_EPOCH) decides workshop
# states: a later date must reach every page that shows one
SOURCE_DATE_EPOCH=1893456000 "$FABRIQUE" build site --out "$INC" -q 2>"$WORK/.err"
status "a year later: incremental build succeeds" 0 $?
(SOURCE_DATE_EPOCH=1893456000 && export SOURCE_DATE_EPOCH &&
	clean_build site -q 2>/dev/null)
same_tree "a year later: incremental output equals a clean build" "$WORK/clean" "$INC"
step "back to the commit's date"

# only a page's Markdown changes (same commit date, so its view is the
# same): its HTML is part of what its template reads
at=$(git log -1 --format=%cI)
sed -i 's/Construit en 1862/Bâti en 1862/' site/patrimoine/lavoir.md
(cd "$R" && $GIT add -A && GIT_AUTHOR_DATE=$at GIT_COMMITTER_DATE=$at $GIT commit -qm "texte seul")
step "text only, at the same date"
contains "text only: the story shows it" "$INC/patrimoine/lavoir/index.html" "Bâti en 1862"

# a render of a page read from git is kept under its blob's id (the blob
# is not read again to find it): one digit for another, the body the same
# length at the same place, at the same date, must be rendered again
sed -i 's/Bâti en 1862/Bâti en 1863/' site/patrimoine/lavoir.md
(cd "$R" && $GIT add -A && GIT_AUTHOR_DATE=$at GIT_COMMITTER_DATE=$at $GIT commit -qm "un chiffre")
step "one digit of a text, same length, same date"
contains "one digit: the story shows it" "$INC/patrimoine/lavoir/index.html" "Bâti en 1863"
sed -i 's/Bâti en 1863/Bâti en 1862/' site/patrimoine/lavoir.md
(cd "$R" && $GIT add -A && GIT_AUTHOR_DATE=$at GIT_COMMITTER_DATE=$at $GIT commit -qm "le chiffre d'avant")
step "the digit back: the first render again"
contains "the digit back: the story shows it" "$INC/patrimoine/lavoir/index.html" "Bâti en 1862"

# a page's file edited by hand in the output is made again
page=$INC/patrimoine/lavoir/index.html
echo "modifié à la main" >>"$page"
sed -i 's/Bâti en 1862./Bâti en 1862, restauré en 1990./' site/patrimoine/lavoir.md
printf '\nEncore une phrase.\n' >>site/ateliers/planter-une-haie.md
commit_all "$R" "autre modification" >/dev/null
step "a page edited by hand in the output"
lacks "edited by hand: the change is gone" "$page" "modifié à la main"

# --- search records kept across builds (recstore.h) --------------------
# Each page's search terms are kept under the digest of its texts: an
# edit makes the edited page's record only, and the index must still be
# the one a clean build makes.
STORE=$R/.git/fabrique/search.records
printf '\nUn mot rare : wombatqx.\n' >>site/ateliers/planter-une-haie.md
commit_all "$R" "un mot rare" >/dev/null
"$FABRIQUE" build site --out "$INC" --verbose 2>"$WORK/.err"
contains "search records: one text edited, its record only is made" "$WORK/.err" "page(s) reused, 1 made"
lacks "search records: the others are reused" "$WORK/.err" "records of 0 page(s) reused"
contains "search records: the new word is in the index" "$INC/recherche/index.json" '"wombatqx"'
step "search records reused"

# a summary is part of a record's inputs, not only the text
sed -i 's/^resume: .*/resume: Un lavoir ornithorynquex de 1862./' site/patrimoine/lavoir.md
commit_all "$R" "résumé" >/dev/null
step "search records: a summary changed"
contains "search records: the new summary's word is in the index" "$INC/recherche/index.json" '"ornithorynquex"'

# a damaged or truncated store is ignored whole, and made again
size=$(stat -c %s "$STORE")
printf 'X' | dd of="$STORE" bs=1 seek=$((size / 2)) conv=notrunc 2>/dev/null
sed -i 's/wombatqx/wombatqy/' site/ateliers/planter-une-haie.md
commit_all "$R" "magasin abîmé" >/dev/null
"$FABRIQUE" build site --out "$INC" --verbose 2>"$WORK/.err"
contains "search records: a damaged store is not used" "$WORK/.err" "records of 0 page(s) reused"
step "search records: a damaged store"
truncate -s $((size / 3)) "$STORE"
sed -i 's/wombatqy/wombatqz/' site/ateliers/planter-une-haie.md
commit_all "$R" "magasin tronqué" >/dev/null
"$FABRIQUE" build site --out "$INC" --verbose 2>"$WORK/.err"
contains "search records: a truncated store is not used" "$WORK/.err" "records of 0 page(s) reused"
step "search records: a truncated store"
contains "search records: the word is in the index" "$INC/recherche/index.json" '"wombatqz"'

# another fabrique binary trusts nothing this one kept
cp "$FABRIQUE" "$WORK/fabrique-other"
touch -d '2001-01-01' "$WORK/fabrique-other"
printf '\nEncore un mot.\n' >>site/ateliers/planter-une-haie.md
commit_all "$R" "autre binaire" >/dev/null
"$WORK/fabrique-other" build site --out "$INC" --verbose 2>"$WORK/.err"
contains "search records: another binary makes them again" "$WORK/.err" "records of 0 page(s) reused"
step "search records: another binary"

# --- workshops' calendars kept across builds (calendar.c) ---------------
# A workshop's calendar made from the same inputs as last time is kept
# (same inode), not made again; each of its inputs must bring it back:
# the site's address (UIDs and URLs), a workshop's text alone (same
# commit date, so the same DTSTAMP), the time zone.  Each change is
# made after a build that recorded every calendar's inputs.
sed -i 's|^url: .*|url: https://agenda.villeneuve-test.example|' site/site.yaml
commit_all "$R" "adresse du site" >/dev/null
step "calendars: the site's address"
cal=$INC/ateliers/repeindre-le-preau/atelier.ics
cal_inode=$(stat -c %i "$cal")
at=$(git log -1 --format=%cI -- site/ateliers/planter-une-haie.md)
printf '\nUn mot de plus pour les agendas.\n' >>site/ateliers/planter-une-haie.md
(cd "$R" && $GIT add -A && GIT_AUTHOR_DATE=$at GIT_COMMITTER_DATE=$at $GIT commit -qm "texte seul d'un atelier")
step "calendars: a workshop's text only, at the same date"
status "calendars: another workshop's calendar is kept" "$cal_inode" "$(stat -c %i "$cal")"
# A comment at the end of a line of a workshop's front matter, committed a second after its
# last change: no field of any view and no text changes, its DTSTAMP
# (its last change) does; the calendars keyed by the view digests
# (calendar.c view_key()) must follow (fails when the DTSTAMP is left
# out of that key: the calendar of a second before is kept).
# (Its last change: of its file, or of the edition's day it takes,
# postponed above: outside tester 25 F17.)
F=site/ateliers/repeindre-le-preau.md
at=$(git log -1 --format=%cI -- "$F" site/editions/2026.yaml)
later=$(date -d "$at + 1 second" --iso-8601=seconds)
sed -i 's/^benevoles: 8$/benevoles: 8 # relu/' "$F"
(cd "$R" && $GIT add -A && GIT_AUTHOR_DATE=$later GIT_COMMITTER_DATE=$later $GIT commit -qm "un commentaire")
step "calendars: a comment in a workshop's front matter, a second later"
contains "calendars: its DTSTAMP is its last change" "$cal" "DTSTAMP:$(date -u -d "$later" +%Y%m%dT%H%M%SZ)"
sed -i 's|^url: .*|url: https://jc.villeneuve-test.fr|' site/site.yaml
commit_all "$R" "adresse du site de retour" >/dev/null
step "calendars: the site's address back"
sed -i 's|^fuseau: .*|fuseau: Indian/Reunion|' site/site.yaml
commit_all "$R" "fuseau" >/dev/null
step "calendars: the time zone"
sed -i 's|^fuseau: .*|fuseau: Europe/Paris|' site/site.yaml
commit_all "$R" "fuseau de retour" >/dev/null
step "calendars: the time zone back"
# A workshop's place given coordinates, then moved: its latitude alone,
# at the same date (same DTSTAMP, same text): its calendar's GEO must
# follow (fails when the coordinates are left out of the calendar's key).
F=site/ateliers/repeindre-le-preau.md
sed -i 's/^  nom: École du Bourg$/&\n  lat: 47.1\n  lon: 0.52/' "$F"
commit_all "$R" "coordonnées d'un lieu" >/dev/null
step "calendars: a place's coordinates"
contains "calendars: the place's coordinates" "$cal" "GEO:47.100000;0.520000"
at=$(git log -1 --format=%cI -- "$F")
sed -i 's/^  lat: 47.1$/  lat: 47.2/' "$F"
(cd "$R" && $GIT add -A && GIT_AUTHOR_DATE=$at GIT_COMMITTER_DATE=$at $GIT commit -qm "latitude seule")
od_inode=$(stat -c %i "$INC/programme.json")
step "calendars: a place moved (its latitude alone), at the same date"
# (open data: fails when opendata_view_keys leaves "lat" out, no
# template reading it: the programme's latitude would be the old one)
check "open data: made again when a place moved" test "$od_inode" != "$(stat -c %i "$INC/programme.json")"
contains "calendars: the place's new latitude" "$cal" "GEO:47.200000;0.520000"
sed -i '/^  lat: 47.2$/d; /^  lon: 0.52$/d' "$F"
commit_all "$R" "sans coordonnées" >/dev/null
step "calendars: the place's coordinates removed"
lacks "calendars: no coordinates left" "$cal" "GEO:"
# The programme (the current edition's workshops) is kept when each of
# its workshops' calendars is kept with the same inputs and its own head
# (title, time zone) is the same: a workshop of another edition edited
# leaves it alone.
prog=$INC/programme.ics
prog_inode=$(stat -c %i "$prog")
at=$(git log -1 --format=%cI -- site/ateliers/nettoyer-le-lavoir-2025.md)
printf '\nUn mot pour 2025.\n' >>site/ateliers/nettoyer-le-lavoir-2025.md
(cd "$R" && $GIT add -A && GIT_AUTHOR_DATE=$at GIT_COMMITTER_DATE=$at $GIT commit -qm "texte d'un atelier de 2025")
od_inode=$(stat -c %i "$INC/programme.json")
step "calendars: a workshop of another edition edited"
status "calendars: the programme is kept" "$prog_inode" "$(stat -c %i "$prog")"
# Open data is kept when every page's view digests are the same (a
# workshop's text is in none of its fields): no view read for it.
status "open data: kept when no view changed" "$od_inode" "$(stat -c %i "$INC/programme.json")"
# The workshops dated in 2026, then two later editions with no workshop
# are added, at the same date (same DTSTAMP): while the current edition
# has no workshop, the programme keeps the last one's, 2026's, under its
# name (outside tester 25 F15: subscribed phones kept them), the same
# bytes as a clean build each time.
# Committed after 2027's day: the current edition is the next one to
# happen, so 2027 is current once its file is there (its day past, the
# latest), then 2028.
at=2027-06-01T10:00:00+02:00
# a commit dated this far after the real clock is built as of the clock
# (build.c decide_today()): the builds are told the day instead
SOURCE_DATE_EPOCH=$(date -d "$at" +%s)
export SOURCE_DATE_EPOCH
before=$(git rev-parse HEAD)
for f in site/ateliers/*.md; do
	grep -q '^date:' "$f" || sed -i '0,/^titre:/s//date: 2026-05-23\ntitre:/' "$f"
done
for y in 2027 2028; do
	printf 'date: %s-05-22\n' "$y" >site/editions/$y.yaml
	(cd "$R" && $GIT add -A && GIT_AUTHOR_DATE=$at GIT_COMMITTER_DATE=$at $GIT commit -qm "édition $y")
	step "calendars: edition $y, none of its workshops yet"
done
contains "calendars: 2028 without workshops, the programme is still 2026's" "$prog" "citoyenne 2026"
unset SOURCE_DATE_EPOCH
git rm -q site/editions/2027.yaml site/editions/2028.yaml
git checkout -q "$before" -- site
commit_all "$R" "éditions de retour" >/dev/null
step "calendars: editions back"

# --- warnings kept with a reused render --------------------------------
F=site/ateliers/repeindre-le-preau.md
printf '\n#### Trop bas\n\nUn titre qui saute un niveau.\n' >>"$F"
commit_all "$R" "titre trop bas" >/dev/null
"$FABRIQUE" build site --out "$INC" 2>"$WORK/.err"
status "skipped heading: a warning, the build succeeds" 0 $?
contains "skipped heading: the warning is at its line" "$WORK/.err" "$F:17:1: warning: level 4 heading"
"$FABRIQUE" build site --out "$INC" 2>"$WORK/.err"
contains "up to date: the warning is said again" "$WORK/.err" "$F:17:1: warning: level 4 heading"
contains "a build with a warning is still found up to date (not built again)" "$WORK/.err" \
	"is up to date: nothing changed since the last build"
before=$(snapshot "$INC")
"$FABRIQUE" build --strict site --out "$INC" 2>"$WORK/.err"
status "up to date, --strict: the warning fails the build" 1 $?
contains "up to date, --strict: as an error" "$WORK/.err" "$F:17:1: error: level 4 heading"
status "up to date, --strict: the site is left as it was" "$before" "$(snapshot "$INC")"
# The warnings a no-op says again are in the language asked now, not in
# the last build's (the record keeps them as they were written).
LANGUAGE= LC_ALL=fr_FR.UTF-8 "$FABRIQUE" build site --out "$INC" 2>"$WORK/.err"
contains "in French: the warning is in French" "$WORK/.err" "$F:17:1: avertissement : titre de niveau 4"
lacks "in French: no English left in it" "$WORK/.err" "level 4 heading"
LANGUAGE= LC_ALL=fr_FR.UTF-8 "$FABRIQUE" build site --out "$INC" 2>"$WORK/.err"
contains "in French again: up to date, the warning in French" "$WORK/.err" "$F:17:1: avertissement : titre de niveau 4"
contains "in French again: nothing to do" "$WORK/.err" "est à jour"
status "in French: the site is the one built in English" "$before" "$(snapshot "$INC")"

# A theme's warning (a string missing from its i18n) is in the record
# like a page's: said once when the build has nothing to do, not once
# more by loading the templates again.
T=themes/commune/templates/404.mustache
cp "$T" "$WORK/404.kept"
echo '{{t.inconnu_du_theme}}' >>"$T"
commit_all "$R" "chaîne inconnue" >/dev/null
"$FABRIQUE" build site --out "$INC" 2>"$WORK/.err"
status "theme warning: the build succeeds" 0 $?
"$FABRIQUE" build site --out "$INC" 2>"$WORK/.err"
contains "theme warning, no change: up to date" "$WORK/.err" "is up to date: nothing changed since the last build"
status "theme warning, no change: said once" 1 \
	"$(grep -c "$T:.*warning: 't.inconnu_du_theme'" "$WORK/.err")"
cp "$WORK/404.kept" "$T"
commit_all "$R" "chaîne retirée" >/dev/null
step "theme warning gone"

# A page broken then repaired: the tree is the last built one again, but
# not the history (the page changed twice since, so its dates did): the
# site must be built again, even with the build date kept still by
# SOURCE_DATE_EPOCH (the commits are dated after the earlier ones, so the
# page's last change moves).
SOURCE_DATE_EPOCH=$(date -u -d 2026-04-01T12:00:00Z +%s)
export SOURCE_DATE_EPOCH
G=site/ateliers/planter-une-haie.md
step "fixed build date: a build"
cp "$G" "$WORK/good.md"
printf -- '---\ntitre: [cassé\n' >"$G"
GIT_AUTHOR_DATE=2027-02-01T10:00:00+01:00 GIT_COMMITTER_DATE=2027-02-01T10:00:00+01:00 \
	commit_all "$R" "page cassée" >/dev/null
"$FABRIQUE" build site --out "$INC" -q 2>/dev/null
status "fixed build date: the broken page fails the build" 1 $?
cp "$WORK/good.md" "$G"
GIT_AUTHOR_DATE=2027-02-02T10:00:00+01:00 GIT_COMMITTER_DATE=2027-02-02T10:00:00+01:00 \
	commit_all "$R" "page réparée" >/dev/null
step "fixed build date: the page repaired, as the last build's tree"
unset SOURCE_DATE_EPOCH
sed -i 's/Des haies vives/Des haies bien vives/' site/ateliers/planter-une-haie.md
commit_all "$R" "autre page" >/dev/null
"$FABRIQUE" build site --out "$INC" --verbose 2>"$WORK/.err"
contains "another page edited: this page's render is reused" "$WORK/.err" "Markdown of 4 page(s) reused, 1 rendered"
contains "another page edited: the reused render still warns" "$WORK/.err" "$F:17:1: warning: level 4 heading"
sed -i 's/bien vives/très vives/' site/ateliers/planter-une-haie.md
commit_all "$R" "encore" >/dev/null
"$FABRIQUE" build --strict site --out "$INC" 2>"$WORK/.err"
status "another page edited, --strict: the reused render fails the build" 1 $?
contains "another page edited, --strict: as an error" "$WORK/.err" "$F:17:1: error: level 4 heading"
sed -i 's/^#### Trop bas/### Juste/' "$F"
# the workshop renamed above keeps its old address: --strict asks for it
sed -i '2i alias: /ateliers/planter-des-haies/' "$G"
commit_all "$R" "titre corrigé" >/dev/null
"$FABRIQUE" build --strict site --out "$INC" 2>"$WORK/.err"
status "heading fixed: --strict passes" 0 $?
lacks "heading fixed: no warning left" "$WORK/.err" "level 4 heading"
step "heading fixed"
check "the renders are kept in the repository's cache" test -d .git/fabrique/render
# Kept renders damaged (emptied, cut short, one byte too many): each is
# a miss, rendered again, and the site is the one they would have given.
rm -rf "$WORK/kept-ok" "$WORK/kept-bad"
"$FABRIQUE" build site --out "$WORK/kept-ok" -q 2>/dev/null
n=0
for e in $(find .git/fabrique/render -type f | sort); do
	n=$((n + 1))
	case $((n % 3)) in
	0) : >"$e" ;;
	1) head -c 40 "$e" >"$e.cut" && mv "$e.cut" "$e" ;;
	2) printf x >>"$e" ;;
	esac
done
"$FABRIQUE" build site --out "$WORK/kept-bad" --verbose 2>"$WORK/.err"
status "damaged kept renders: the build passes" 0 $?
contains "damaged kept renders: every page rendered again" "$WORK/.err" "Markdown of 0 page(s) reused"
check "damaged kept renders: the same site" diff -r "$WORK/kept-ok" "$WORK/kept-bad"
check "the search records are kept in the repository's cache" test -f .git/fabrique/search.records
check "the front matter is kept in the repository's cache" test -f .git/fabrique/load
"$FABRIQUE" cache clean site -q 2>"$WORK/.err"
check "cache clean: the kept renders are gone" test ! -e .git/fabrique/render
check "cache clean: the kept search records are gone" test ! -e .git/fabrique/search.records
check "cache clean: the kept front matter is gone" test ! -e .git/fabrique/load
sed -i 's/très vives/si vives/' site/ateliers/planter-une-haie.md
commit_all "$R" "après nettoyage" >/dev/null
"$FABRIQUE" build site --out "$INC" --verbose 2>"$WORK/.err"
contains "cache clean: every page's Markdown is rendered again" "$WORK/.err" "Markdown of 0 page(s) reused, 5 rendered"
contains "cache clean: every search record is made again" "$WORK/.err" "search records of 0 page(s) reused"
contains "cache clean: every page's front matter is parsed again" "$WORK/.err" "front matter of 0 page(s) reused, 5 parsed"

# check (the pre-receive hook) writes nothing: it makes no search record
# and leaves the ones the next build reuses
"$FABRIQUE" check site --verbose 2>"$WORK/.err"
status "check: succeeds" 0 $?
contains "check: no search record made" "$WORK/.err" "search records of 0 page(s) reused, 0 made"
lacks "check: no search index made" "$WORK/.err" "search index"
sed -i 's/si vives/tellement vives/' site/ateliers/planter-une-haie.md
commit_all "$R" "après une vérification" >/dev/null
"$FABRIQUE" build site --out "$INC" --verbose 2>"$WORK/.err"
check "after check: the build reuses the other pages' search records" \
	grep -Eq "search records of [1-9][0-9]* page\(s\) reused, 1 made" "$WORK/.err"
step "after a check"

# --- view digests kept by page (viewrec.h) --------------------------------
# A page's views digested to its template's depth are taken from the last
# build's record only when every page's view, cut at the other pages'
# views, is the last build's: an edit of a workshop's body (its page alone
# changes) reuses them; an edit of its title, which other pages show, does
# not, and the pages showing it are rendered again.
check "the view digests are kept in the repository's cache" test -f .git/fabrique/views.digests
printf '\nUne phrase de plus à la fin.\n' >>site/ateliers/planter-une-haie.md
commit_all "$R" "le texte d'un atelier" >/dev/null
"$FABRIQUE" build site --out "$INC" --verbose 2>"$WORK/.err"
contains "a workshop's text edited: the view digests of the last build" "$WORK/.err" "view digests of the last build"
step "a workshop's text edited"
sed -i '0,/^titre: .*/s//titre: Planter une haie libre/' site/ateliers/planter-une-haie.md
commit_all "$R" "le titre d'un atelier" >/dev/null
"$FABRIQUE" build site --out "$INC" --verbose 2>"$WORK/.err"
contains "a workshop's title edited: the view digests made" "$WORK/.err" "view digests made"
contains "a workshop's title edited: the programme shows it" "$INC/programme/index.html" "Planter une haie libre"
step "a workshop's title edited"
head -c -20 .git/fabrique/views.digests >"$WORK/vd" && cp "$WORK/vd" .git/fabrique/views.digests
printf '\nEncore une phrase.\n' >>site/ateliers/planter-une-haie.md
commit_all "$R" "le texte d'un atelier, encore" >/dev/null
"$FABRIQUE" build site --out "$INC" --verbose 2>"$WORK/.err"
contains "the view digests' record cut short: ignored" "$WORK/.err" "view digests made"
step "the view digests' record cut short"

# --- front matter kept by blob id (loadcache.h) -------------------------
# Unchanged pages are not parsed again; nothing that depends on another
# page, the theme or the schema may come from what was kept.
check "the pages' front matter is kept in the repository's cache" test -f .git/fabrique/load
sed -i 's/tellement vives/assez vives/' site/ateliers/planter-une-haie.md
commit_all "$R" "une page" >/dev/null
"$FABRIQUE" build site --out "$INC" --verbose 2>"$WORK/.err"
contains "one page edited: the others' front matter is reused" "$WORK/.err" "front matter of 4 page(s) reused, 1 parsed"
step "one page edited, front matter of the others reused"
# a warning about an unchanged page (an unknown field: the schema's
# check runs on every build) is said again, and fails --strict
L=site/patrimoine/lavoir.md
sed -i 's/^resume: .*/&\ncouleur: bleu/' "$L"
commit_all "$R" "champ inconnu" >/dev/null
"$FABRIQUE" build site --out "$INC" -q 2>"$WORK/.err"
status "unknown field: a warning, the build succeeds" 0 $?
contains "unknown field: the warning is at its line" "$WORK/.err" "$L:4:1: warning:"
sed -i 's/assez vives/vraiment vives/' site/ateliers/planter-une-haie.md
commit_all "$R" "une autre page" >/dev/null
"$FABRIQUE" build site --out "$INC" --verbose 2>"$WORK/.err"
contains "another page edited: the story's front matter is reused" "$WORK/.err" "front matter of 4 page(s) reused, 1 parsed"
contains "another page edited: its warning is said again" "$WORK/.err" "$L:4:1: warning:"
sed -i 's/vraiment vives/si vives/' site/ateliers/planter-une-haie.md
commit_all "$R" "encore une autre" >/dev/null
"$FABRIQUE" build --strict site --out "$INC" 2>"$WORK/.err"
status "another page edited, --strict: the unchanged page's warning fails" 1 $?
contains "another page edited, --strict: as an error" "$WORK/.err" "$L:4:1: error:"
sed -i '/^couleur: bleu/d' "$L"
commit_all "$R" "champ retiré" >/dev/null
step "unknown field removed"
# the theme's archetype now holds the story's text: the unchanged story
# is refused (the theme is part of what a kept page depends on)
A=themes/commune/archetypes/histoire.md
cp "$A" "$WORK/archetype.md"
sed -i 's/^Racontez l.histoire du lieu.$/Bâti en 1862/' "$A"
commit_all "$R" "archétype" >/dev/null
"$FABRIQUE" build site --out "$INC" 2>"$WORK/.err"
status "archetype holds an unchanged page's text: the build fails" 1 $?
contains "archetype: the page is named" "$WORK/.err" "$L:9:1: error: this page still has the template's text"
sed -i 's/si vives/encore plus vives/' site/ateliers/planter-une-haie.md
commit_all "$R" "autre page, archétype inchangé" >/dev/null
"$FABRIQUE" build site --out "$INC" 2>"$WORK/.err"
status "the unchanged page's error still fails the next build" 1 $?
contains "the unchanged page's error is said again" "$WORK/.err" "$L:9:1: error: this page still has the template's text"
cp "$WORK/archetype.md" "$A"
commit_all "$R" "archétype rétabli" >/dev/null
step "archetype restored"
# the schema changes: an unchanged page's value is refused
S=themes/commune/schema.yaml
cp "$S" "$WORK/schema.yaml"
sed -i 's/{id: nature, nom: Nature}/{id: naturel, nom: Nature}/' "$S"
commit_all "$R" "schéma" >/dev/null
"$FABRIQUE" build site --out "$INC" 2>"$WORK/.err"
s1=$?
clean_build site 2>"$WORK/clean.err"
status "schema changed: the same exit status as a clean build" $? $s1
contains "schema changed: the unchanged workshop's category is refused" "$WORK/.err" "planter-une-haie.md:6:"
grep -E ': (warning|error): ' "$WORK/.err" >"$WORK/inc.msg"
grep -E ': (warning|error): ' "$WORK/clean.err" >"$WORK/clean.msg"
check "schema changed: the same messages as a clean build" cmp -s "$WORK/inc.msg" "$WORK/clean.msg"
cp "$WORK/schema.yaml" "$S"
commit_all "$R" "schéma rétabli" >/dev/null
step "schema restored"
# a damaged cache file is ignored: the build is a clean build's
printf 'fabrique-load 1\n' >.git/fabrique/load
sed -i 's/encore plus vives/plus vives encore/' site/ateliers/planter-une-haie.md
commit_all "$R" "après un cache abîmé" >/dev/null
"$FABRIQUE" build site --out "$INC" --verbose 2>"$WORK/.err"
contains "damaged cache: every page is parsed again" "$WORK/.err" "front matter of 0 page(s) reused, 5 parsed"
step "damaged cache"

# --- pages parsed on several threads (site_load.c) -----------------------
# 80 more pages, three of them with errors: one thread or two, a cache
# or none, the same messages in the same order and the same exit status;
# once repaired, the same files as a clean build.
mkdir -p site/pages
i=1
while [ "$i" -le 80 ]; do
	printf -- '---\ntitre: Page %d\n---\nUn texte, page %d. Voir [une autre](p-%d.md).\n' \
		"$i" "$i" $((i % 80 + 1)) >site/pages/p-$i.md
	i=$((i + 1))
done
sed -i 's/^titre: .*/titre:/' site/pages/p-7.md
sed -i 's/^titre: \(.*\)/titre: [\1/' site/pages/p-40.md
sed -i 's/^titre: .*/&\ncouleur: bleu/' site/pages/p-61.md
printf 'Texte de la page.\n' >>site/pages/p-75.md
commit_all "$R" "80 pages, quelques erreurs" >/dev/null
rm -rf "$WORK/cold"
"$FABRIQUE" build site --jobs 1 --cache "$WORK/cold" --out "$WORK/j1" 2>"$WORK/j1.err"
s1=$?
rm -rf "$WORK/cold"
"$FABRIQUE" build site --jobs 2 --cache "$WORK/cold" --out "$WORK/j2" 2>"$WORK/j2.err"
s2=$?
"$FABRIQUE" build site --jobs 2 --cache "$WORK/cold" --out "$WORK/j2" 2>"$WORK/j3.err"
s3=$?
status "80 pages with errors: one thread fails" 1 "$s1"
status "80 pages with errors: two threads fail too" 1 "$s2"
status "80 pages with errors: with the cache too" 1 "$s3"
contains "80 pages with errors: the empty title" "$WORK/j2.err" "site/pages/p-7.md:2:1: error:"
contains "80 pages with errors: the broken YAML" "$WORK/j2.err" "site/pages/p-40.md:"
contains "80 pages with errors: the archetype's text" "$WORK/j2.err" "site/pages/p-75.md:5:1: error:"
check "80 pages with errors: two threads say what one says, in its order" cmp -s "$WORK/j1.err" "$WORK/j2.err"
check "80 pages with errors: the cache says the same" cmp -s "$WORK/j1.err" "$WORK/j3.err"
sed -i 's/^titre:$/titre: Page 7/' site/pages/p-7.md
sed -i 's/^titre: \[/titre: /' site/pages/p-40.md
sed -i '/^Texte de la page.$/d' site/pages/p-75.md
commit_all "$R" "80 pages réparées" >/dev/null
step "80 pages repaired"
"$FABRIQUE" build site --jobs 1 --full --cache "$WORK/cold1" --out "$WORK/j1" 2>"$WORK/j1.err"
status "80 pages: one thread builds" 0 $?
same_tree "80 pages: two threads and one give the same files" "$WORK/j1" "$INC"
contains "80 pages: the unknown field's warning" "$WORK/j1.err" "site/pages/p-61.md:3:1: warning:"
(cd "$R" && $GIT rm -q site/pages/p-*.md)
commit_all "$R" "80 pages retirées" >/dev/null
step "80 pages removed"

# --- workshops' JSON-LD written on several threads (site_theme.c) --------
# 80 workshops: one thread or two, the same files, each page its own
# Event (its title, its time) in its own place.
i=1
while [ "$i" -le 80 ]; do
	printf -- '---\ntitre: Atelier n°%d « préau »\ndebut: "%02d:00"\nfin: "%02d:30"\ncategorie: nature\nquartier: bourg\nbenevoles: %d\nlieu:\n  nom: Salle %d\n  adresse: %d rue des Écoles, 37465 Saint-Aubin\n---\n## Programme\n\nAtelier %d.\n' \
		"$i" $((8 + i % 10)) $((9 + i % 10)) "$i" "$i" "$i" "$i" >site/ateliers/a-$i.md
	i=$((i + 1))
done
# Views and schema checks are made on the loading threads too (site.c),
# and what they record for the whole site is handed on in the pages'
# order: a private contact is said to be kept by the first page that
# keeps it (a-12, not a-70), and a photo two pages show is published
# for both.
for i in 12 70; do
	sed -i 's/^lieu:$/referents:\n  - nom: Jeanne\n    email: jeanne.martin@exemple.fr\nlieu:/' site/ateliers/a-$i.md
done
printf '\nÉcrire à jeanne.martin@exemple.fr.\n' >>site/ateliers/a-75.md
IMGTOOL=$(dirname "$FABRIQUE")/imgtool
[ -x "$IMGTOOL" ] || IMGTOOL=$TOP/build/imgtool
"$IMGTOOL" make site/ateliers/chantier.jpg 640 480
for i in 3 66; do
	sed -i 's/^lieu:$/image: chantier.jpg\nimage_alt: Le chantier\nlieu:/' site/ateliers/a-$i.md
done
commit_all "$R" "80 ateliers" >/dev/null
cold_both "80 workshops"
grep -E ': (warning|error): ' "$WORK/j1.err" >"$WORK/j1.msg"
grep -E ': (warning|error): ' "$WORK/j2.err" >"$WORK/j2.msg"
check "80 workshops: two threads say what one says" cmp -s "$WORK/j1.msg" "$WORK/j2.msg"
contains "80 workshops: a page's Event has its own title" "$WORK/j2/ateliers/a-57/index.html" '"name":"Atelier n°57 « préau »"'
contains "80 workshops: and its own time" "$WORK/j2/ateliers/a-57/index.html" 'T15:00:00+02:00","endDate":"'
for j in j1 j2; do
	contains "80 workshops ($j): the contact is kept private by the first page keeping it" "$WORK/$j.err" \
		"site/ateliers/a-75.md:16:10: warning: private e-mail address left out: ateliers/a-12.md keeps it private"
	lacks "80 workshops ($j): not by a later one" "$WORK/$j.err" "ateliers/a-70.md keeps"
	contains "80 workshops ($j): a category's breadcrumbs (made on the loading threads)" "$WORK/$j/categories/nature/index.html" \
		'<li><a href="/programme/">Programme</a></li><li><span aria-current="page">'
	for i in 3 66; do
		contains "80 workshops ($j): a-$i shows the photo" "$WORK/$j/ateliers/a-$i/index.html" 'alt="Le chantier"'
	done
done
step "80 workshops"
# Their slots numbered on the loading threads (site_url.c, each thread
# reading the files' older versions through a handle of its own): given
# two creneaux, then the first taken out, one thread or two give the same
# files, and a slot's number is the one its history gives it.
i=1
while [ "$i" -le 80 ]; do
	sed -i "s/^debut: .*/creneaux:\n  - {debut: \"08:00\", fin: \"09:00\"}\n  - {debut: \"$((10 + i % 8)):00\", fin: \"$((10 + i % 8)):45\"}/; /^fin: /d" \
		site/ateliers/a-$i.md
	i=$((i + 1))
done
commit_all "$R" "80 ateliers en deux créneaux" >/dev/null
sed -i '/{debut: "08:00", fin: "09:00"}/d' site/ateliers/a-*.md
commit_all "$R" "80 ateliers : le premier créneau retiré" >/dev/null
cold_both "80 workshops' slots"
for j in j1 j2; do
	# its second slot, the one left, keeps the file it was published as
	check "80 workshops' slots ($j): a-57's slot left keeps its number" \
		test -f "$WORK/$j/ateliers/a-57/creneau-2.ics"
	lacks "80 workshops' slots ($j): its calendar is that slot's" \
		"$WORK/$j/ateliers/a-57/atelier.ics" "DTSTART;TZID=Europe/Paris:20260530T080000"
done
step "80 workshops' slots"
(cd "$R" && $GIT rm -q site/ateliers/a-*.md site/ateliers/chantier.jpg)
commit_all "$R" "80 ateliers retirés" >/dev/null
step "80 workshops removed"

# --- a photo in a page's text (found when the page is loaded, made by the
# photo stage before rendering: markdown_images) ----------------------
# Its <picture> holds its size: replacing only the photo must render the
# page again (its render is reused only if the photo's answer is the
# same), taking it out of the text must drop its variants.  It stays for
# the random walk, whose edits, renames and deletions then meet it.
"$IMGTOOL" make site/patrimoine/pierres.jpg 1200 900
printf '\n![Les pierres du lavoir, nettoyées](pierres.jpg)\n' >>site/patrimoine/lavoir.md
commit_all "$R" "photo dans le texte" >/dev/null
step "a photo in a page's text"
contains "a photo in a page's text: its size" "$INC/patrimoine/lavoir/index.html" 'width="1200" height="900"'
"$IMGTOOL" make site/patrimoine/pierres.jpg 800 1000
commit_all "$R" "photo remplacée" >/dev/null
step "the text's photo replaced"
contains "the text's photo replaced: the page has its new size" "$INC/patrimoine/lavoir/index.html" 'width="800" height="1000"'
sed -i '/pierres.jpg/d' site/patrimoine/lavoir.md
commit_all "$R" "photo retirée du texte" >/dev/null
step "the photo out of the text"
check "the photo out of the text: its variants go" test ! -e "$INC/patrimoine/pierres-480.webp"
printf '\n![Les pierres du lavoir, nettoyées](pierres.jpg)\n' >>site/patrimoine/lavoir.md
commit_all "$R" "photo remise" >/dev/null
step "the photo back in the text"

# --- open data kept by the view digests (render.c opendata_key()) -------
# programme.json and .csv are kept when every page's view digests are the
# last build's; the digests cover the keys the templates read and those
# the programme reads (opendata_view_keys).  With templates that read
# no workshop field, a workshop's end time or volunteers changed at the
# same date change none of the fields templates read: the programme must
# still follow (fails when opendata_view_keys is left out of the digests).
R2=$WORK/bare
mkmini "$R2"
for t in "$R2"/themes/commune/templates/*.mustache; do
	case $t in */sw.mustache) continue ;; esac
	echo '<p>{{titre}}{{#e}}{{#f}}{{#g}}{{h}}{{/g}}{{/f}}{{/e}}</p>' >"$t"
done
# at mkmini's date: the workshops' last change and the build's day stay
(cd "$R2" && $GIT add -A && GIT_AUTHOR_DATE=2026-01-15T10:00:00+01:00 \
	GIT_COMMITTER_DATE=2026-01-15T10:00:00+01:00 $GIT commit -qm "gabarits nus")
# bare_step NAME SED: the sed applied to a workshop, committed at the
# last commit's date, built incrementally and from clean: same programme.
bare_step() {
	(cd "$R2" && sed -i "$2" site/ateliers/repeindre-le-preau.md &&
		at=$(git log -1 --format=%cI) && $GIT add -A &&
		GIT_AUTHOR_DATE=$at GIT_COMMITTER_DATE=$at $GIT commit -qm "$1" &&
		"$FABRIQUE" build site --out "$WORK/bare-inc" -q 2>"$WORK/.err")
	status "bare templates, $1: incremental build succeeds" 0 $?
	rm -rf "$WORK/bare-clean" "$WORK/bare-cold"
	(cd "$R2" && "$FABRIQUE" build site --full --cache "$WORK/bare-cold" \
		--out "$WORK/bare-clean" -q 2>/dev/null)
	same_tree "bare templates, $1: the same as a clean build" "$WORK/bare-clean" "$WORK/bare-inc"
}
(cd "$R2" && "$FABRIQUE" build site --out "$WORK/bare-inc" -q 2>/dev/null)
status "bare templates: the site builds" 0 $?
bare_inode=$(stat -c %i "$WORK/bare-inc/programme.json")
bare_step "a sentence" '$s/$/ Une phrase de plus./'
status "bare templates, a sentence: open data kept" "$bare_inode" "$(stat -c %i "$WORK/bare-inc/programme.json")"
bare_step "the end time" 's/^fin: "12:00"/fin: "12:30"/'
contains "bare templates, the end time: in open data" "$WORK/bare-inc/programme.json" 'T12:30:00+'
bare_step "the volunteers" 's/^benevoles: 8/benevoles: 9/'
contains "bare templates, the volunteers: in open data" "$WORK/bare-inc/programme.json" '"volunteersWanted": 9'
# Each event's pieces (its JSON object, its CSV rows) are kept by their
# own key (opendata.c event_key()): the volunteers changed again, at the
# same date (no SEQUENCE, no last change moved: only the view's digest
# tells), make this workshop's pieces again and reuse the others' (fails
# when the pieces are not kept, or when their key leaves the view's
# digest out: the programme would keep 9).
(cd "$R2" && sed -i 's/^benevoles: 9/benevoles: 10/' site/ateliers/repeindre-le-preau.md &&
	at=$(git log -1 --format=%cI) && $GIT add -A &&
	GIT_AUTHOR_DATE=$at GIT_COMMITTER_DATE=$at $GIT commit -qm "10 bénévoles" &&
	"$FABRIQUE" build site --out "$WORK/bare-inc" --verbose 2>"$WORK/.err")
status "bare templates, the volunteers again: the build succeeds" 0 $?
grep -q 'programme records of [1-9][0-9]* event(s) reused, 1 made' "$WORK/.err"
status "bare templates, the volunteers again: the others' pieces reused, its own made" 0 $?
contains "bare templates, the volunteers again: in open data" "$WORK/bare-inc/programme.json" '"volunteersWanted": 10'
rm -rf "$WORK/bare-clean" "$WORK/bare-cold"
(cd "$R2" && "$FABRIQUE" build site --full --cache "$WORK/bare-cold" \
	--out "$WORK/bare-clean" -q 2>/dev/null)
same_tree "bare templates, the volunteers again: the same as a clean build" "$WORK/bare-clean" "$WORK/bare-inc"

# --- a seeded random walk ----------------------------------------------
STEPS=${INCR_STEPS:-200}
SEED=${INCR_SEED:-14}
rnd() { # rnd K: N = a number in [0, K)
	SEED=$(((SEED * 1103515245 + 12345) % 2147483648))
	N=$(((SEED / 65536) % $1))
}
pick() { # pick FILES...: P = one of them at random
	rnd $#
	shift "$N"
	P=$1
}
WORDS="haie lavoir préau « guillemets » l'école jardin four à pain"
sentence() {
	rnd 1000
	printf 'Étape %d : le %s, %s ; voilà !\n' "$1" "$(echo "$WORDS" | cut -d' ' -f$((N % 8 + 1)))" "$N"
}
# A link to another page, by its path from the page's folder.
link_to() {
	pick $(pages)
	printf 'Voir [cette page](../%s).\n' "${P#site/}"
}
new_page() { # new_page STEP
	rnd 3
	case $N in
	0) f=site/ateliers/atelier-$1.md
	   printf -- '---\ntitre: Atelier %d\ndebut: "10:00"\nfin: "12:00"\ncategorie: nature\nquartier: bourg\nbenevoles: %d\n---\n## Programme\n\n' "$1" "$1" >"$f" ;;
	1) f=site/patrimoine/histoire-$1.md
	   printf -- '---\ntitre: Histoire %d\nresume: Un récit.\n---\n## Autrefois\n\n' "$1" >"$f" ;;
	*) mkdir -p site/pages
	   f=site/pages/page-$1.md
	   printf -- '---\ntitre: Page %d\n---\n' "$1" >"$f" ;;
	esac
	sentence "$1" >>"$f"
	rnd 2
	[ "$N" = 0 ] && link_to >>"$f"
	rnd 5
	[ "$N" = 0 ] && printf '\n#### Niveau sauté\n' >>"$f"
	true
}
pages() { find site/ateliers site/patrimoine site/pages -name '*.md' 2>/dev/null | sort; }
count_md() { pages | wc -l; }

# slot_step I: the slots (creneaux) of workshop P changed: given in
# place of its hours, or one added at the top, the first removed, the
# first moved last, or one's hours changed.  Each slot's UID, its
# creneau-N.ics and SEQUENCE follow it through the file's history
# (slotid.c, eventrev.c): an incremental build must read it as a clean
# one does (outside tester 25 F3).
slot_step() {
	h=$((6 + $1 % 13)) m=$(($1 % 2 * 30))
	new=$(printf '  - {debut: "%02d:%02d", fin: "%02d:%02d"}' $h $m $((h + 1)) $m)
	if ! grep -q '^creneaux:' "$P"; then
		WHAT="slots in place of the hours of $P"
		sed -i '/^debut:/d; /^fin:/d' "$P"
		sed -i '0,/^titre:/s/^titre: .*/&\ncreneaux:\n  - {debut: "08:00", fin: "10:00"}\n  - {debut: "14:00", fin: "16:00"}\n  - {debut: "17:00", fin: "18:00"}/' "$P"
		return
	fi
	rnd 4
	[ "$N" = 1 ] && [ "$(grep -c '^  - {debut' "$P")" -lt 2 ] && N=0
	WHAT="slots of $P: $(echo "added at the top|the first removed|the first moved last|one's hours changed" | cut -d'|' -f$((N + 1)))"
	awk -v op="$N" -v new="$new" -v k="$1" '
	function flush(i) {
		if (op == 0) print new
		for (i = (op == 1 || op == 2); i < n; i++)
			print (op == 3 && i == k % n) ? new : s[i]
		if (op == 2) print s[0]
		inb = 0
	}
	/^creneaux:/ { inb = 1; print; next }
	inb && /^  - / { s[n++] = $0; next }
	inb { flush() }
	{ print }' "$P" >"$P.new" && mv "$P.new" "$P"
}

# walk_step I: one random change, committed.  WHAT says which.
walk_step() {
	rnd 100
	if [ "$BROKEN" ]; then # the last step broke the site: repair it
		WHAT="repair"
		rm -rf site themes
		(cd "$R" && $GIT checkout -q "$GOOD" -- site themes)
		return
	fi
	what=$N
	pick $(pages)
	N=$what
	workshops=$(pages | grep '^site/ateliers/')
	if [ "$N" -ge 22 ] && [ "$N" -lt 28 ] && [ "$workshops" ]; then
		# three times in four, one that has slots already (if any):
		# new workshops keep coming, each first given its slots
		with=$(grep -l '^creneaux:' $workshops)
		rnd 4
		if [ "$N" != 0 ] && [ "$with" ]; then pick $with; else pick $workshops; fi
		slot_step "$1"
	elif [ "$N" -lt 28 ]; then
		WHAT="edit $P"
		sentence "$1" >>"$P"
	elif [ "$N" -lt 38 ]; then
		WHAT="link from $P"
		link_to >>"$P"
	elif [ "$N" -lt 44 ]; then
		WHAT="new title in $P"
		sed -i "s/^titre: .*/titre: Titre $1/" "$P"
	elif [ "$N" -lt 50 ]; then
		linked=$(grep -ho '](\.\./[^)#]*' $(pages) | sed 's|^](\.\./|site/|' | sort -u)
		for f in $linked; do [ -f "$f" ] && P=$f; done
		WHAT="new slug (so a new URL) for $P"
		sed -i '/^slug:/d' "$P"
		sed -i "0,/^titre:/s/^titre: .*/&\nslug: page-$1/" "$P"
	elif [ "$N" -lt 58 ]; then
		WHAT="rename $P"
		(cd "$R" && $GIT mv "$P" "${P%.md}-$1.md")
	elif [ "$N" -lt 66 ] && [ "$(count_md)" -gt 4 ]; then
		WHAT="delete $P"
		(cd "$R" && $GIT rm -q "$P")
	elif [ "$N" -lt 80 ]; then
		WHAT="new page"
		new_page "$1"
	elif [ "$N" -lt 83 ]; then
		WHAT="template"
		sed -i "s/<\/footer>/<p>Pied $1<\/p><\/footer>/" themes/commune/templates/partials/pied.mustache
	elif [ "$N" -lt 86 ]; then
		WHAT="site.yaml"
		sed -i "s/^  nom: Villeneuve.*/  nom: Villeneuve-$1/" site/site.yaml
	elif [ "$N" -lt 88 ]; then
		WHAT="theme string"
		sed -i "s/^  aller_au_contenu: .*/  aller_au_contenu: Aller au contenu $1/" themes/commune/i18n/fr.yaml
	elif [ "$N" -lt 91 ]; then
		WHAT="edition date"
		rnd 28
		sed -i "s/^date: 2026-.*/date: 2026-06-$(printf %02d $((N + 1)))/" site/editions/2026.yaml
	elif [ "$N" -lt 96 ]; then
		WHAT="broken front matter in $P"
		sed -i '0,/^titre:/s/^titre: \(.*\)/titre: [\1/' "$P"
	else
		WHAT="heading that skips a level in $P"
		printf '\n#### Trop bas %d\n' "$1" >>"$P"
	fi
}

# walk_check I: incremental and clean builds agree (--strict one time
# in four): same exit status, same warnings and errors, same files.
walk_check() {
	rnd 4
	strict=
	[ "$N" = 0 ] && strict=--strict
	before=$(cd "$INC" && find . -printf '%P %s %T@ %i\n' | sort)
	"$FABRIQUE" build $strict site --out "$INC" 2>"$WORK/inc.err"
	s1=$?
	clean_build $strict site 2>"$WORK/clean.err"
	s2=$?
	grep -E ': (warning|error|avertissement|erreur) ?: ' "$WORK/inc.err" | sort >"$WORK/inc.msg"
	grep -E ': (warning|error|avertissement|erreur) ?: ' "$WORK/clean.err" | sort >"$WORK/clean.msg"
	if [ "$s1" != "$s2" ]; then
		FAILS="$FAILS
step $1 ($WHAT $strict): exit $s1 incremental, $s2 clean: $(head -c 300 "$WORK/inc.err")"
	elif ! cmp -s "$WORK/inc.msg" "$WORK/clean.msg"; then
		FAILS="$FAILS
step $1 ($WHAT $strict): messages differ: $(diff "$WORK/inc.msg" "$WORK/clean.msg" | head -5)"
	elif [ "$s1" = 0 ] && ! diff -r "$WORK/clean" "$INC" >"$WORK/.diff" 2>&1; then
		FAILS="$FAILS
step $1 ($WHAT $strict): output differs: $(head -n 5 "$WORK/.diff")"
	elif [ "$s1" != 0 ] && [ "$before" != "$(cd "$INC" && find . -printf '%P %s %T@ %i\n' | sort)" ]; then
		FAILS="$FAILS
step $1 ($WHAT $strict): a failed build changed the output"
	fi
	BROKEN=
	if [ "$s1" = 0 ]; then
		GOOD=$(cd "$R" && git rev-parse HEAD)
		GOODS=$((GOODS + 1))
		case $WHAT in "slots of "*) SLOTS=$((SLOTS + 1)) ;; esac
	elif [ -z "$strict" ]; then
		BROKEN=1
		BROKENS=$((BROKENS + 1))
	fi
}

FAILS= BROKEN= GOODS=0 BROKENS=0 SLOTS=0
GOOD=$(git rev-parse HEAD)
"$FABRIQUE" build site --out "$INC" -q 2>/dev/null
i=1
while [ "$i" -le "$STEPS" ]; do
	walk_step "$i"
	[ -n "${INCR_TRACE:-}" ] && echo "# step $i: $WHAT" >&2
	commit_all "$R" "étape $i" >/dev/null 2>&1
	walk_check "$i"
	[ -n "$FAILS" ] && break
	i=$((i + 1))
done
if [ -z "$FAILS" ]; then
	ok "random walk of $STEPS steps (seed ${INCR_SEED:-14}): each incremental build equals a clean one"
else
	not_ok "random walk (seed ${INCR_SEED:-14}): incremental and clean builds differ" "$FAILS"
fi
check "random walk: the site built at a third of the steps or more ($GOODS)" test "$GOODS" -ge $((STEPS / 3))
[ "$STEPS" -ge 50 ] &&
	check "random walk: broken pages happened and were refused ($BROKENS)" test "$BROKENS" -gt 0
[ "$STEPS" -ge 50 ] &&
	check "random walk: a workshop's slots were added, removed, moved or changed, and built ($SLOTS)" test "$SLOTS" -gt 0
