#!/bin/sh
# A site-wide announcement (site.yaml annonce: texte, fin, lien): shown
# in a labelled banner on every page while its end date has not passed,
# on its last day too, gone at the first build after it; without an end
# date it stays.  A malformed end date is an error at its file:line:col,
# in French too, and the previous output stays.  The build's day comes
# from SOURCE_DATE_EPOCH, as a daily rebuild gives it.
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
mkmini "$R"
cd "$R" || exit 1
cat >>site/site.yaml <<'Y'
annonce:
  texte: Journée maintenue malgré la pluie
  fin: 2026-05-23
  lien: /contact/
Y
commit_all "$R" "annonce" >/dev/null

build() {
	SOURCE_DATE_EPOCH=$(date -u -d "$1T12:00:00Z" +%s) "$FABRIQUE" build site --out "$2" -q 2>"$WORK/.err"
}
BANNER='<aside class="annonce" aria-label="Annonce"><p><span class="annonce-libelle">Annonce :</span> Journée maintenue malgré la pluie <a href="/contact/">En savoir plus</a></p></aside>'

build 2026-05-20 "$WORK/avant"
status "the site builds with an announcement" 0 $?
n=$(find "$WORK/avant" -name '*.html' | wc -l)
# Redirect pages (alias) carry no page at all; every other one the banner.
without=$(for f in $(find "$WORK/avant" -name '*.html'); do
	grep -q -F "$BANNER" "$f" || grep -q 'http-equiv="refresh"' "$f" || echo "$f"; done)
check "before its end date the banner is on every page ($n HTML files)" test -z "$without" -a "$n" -gt 5
contains "the banner is also on the search page" "$WORK/avant/recherche/index.html" "$BANNER"
contains "and on the 404 page" "$WORK/avant/404.html" "$BANNER"
check "the banner comes right after the header, before the content" \
	sh -c "grep -A1 '^</header>' '$WORK/avant/index.html' | grep -q 'class=\"annonce\"'"

build 2026-05-23 "$WORK/jour"
contains "on its end date it is still shown" "$WORK/jour/index.html" "$BANNER"

build 2026-05-24 "$WORK/apres"
status "the site builds the day after" 0 $?
check "the day after its end date it is on no page" \
	sh -c "! grep -rl 'class=\"annonce\"' '$WORK/apres' --include='*.html'"

# Without an end date it stays.
sed -i '/^  fin: /d' site/site.yaml
commit_all "$R" "annonce sans fin" >/dev/null
build 2027-01-10 "$WORK/sansfin"
contains "without an end date it stays" "$WORK/sansfin/ateliers/repeindre-le-preau/index.html" \
	'Journée maintenue malgré la pluie'
# ... and once the day has passed, a note says so at the field, with the
# end date to write (outside tester 26 F10: on a hurried morning, the
# short form; months later still on every page, and nothing said).
line=$(grep -n "^  texte: Journée maintenue malgré" site/site.yaml | cut -d: -f1)
contains "once the day has passed: a note at the field, with what to write" "$WORK/.err" \
	"site/site.yaml:$line:3: note: the announcement 'Journée maintenue malgré la pluie' has no end date, so it is still on every page although the day (2026-05-23) has passed: add 'fin:' with its last day (annonce: {texte: ..., fin: 2026-05-23}), or remove it"
SOURCE_DATE_EPOCH=$(date -u -d 2026-05-23T12:00:00Z +%s) "$FABRIQUE" check site 2>"$WORK/.err"
lacks "on the day itself: no note" "$WORK/.err" "has no end date"

# The short form: annonce: TEXT.
sed -i '/^annonce:/,$d' site/site.yaml
echo 'annonce: Repli dans la salle des fêtes' >>site/site.yaml
commit_all "$R" "annonce courte" >/dev/null
build 2026-05-20 "$WORK/courte"
contains "annonce: TEXT is the text" "$WORK/courte/index.html" \
	'<span class="annonce-libelle">Annonce :</span> Repli dans la salle des fêtes</p></aside>'

# A bad end date: an error at its place, in the editor's language, and
# the previous output is left as it was.
sed -i '/^annonce:/,$d' site/site.yaml
printf 'annonce:\n  texte: Journée maintenue\n  fin: 23/05/2026\n' >>site/site.yaml
commit_all "$R" "date fausse" >/dev/null
line=$(grep -n '^  fin:' site/site.yaml | cut -d: -f1)
before=$(snapshot "$WORK/courte")
build 2026-05-20 "$WORK/courte"
check "a bad end date fails the build" test $? -ne 0
contains "the error names site.yaml:$line:8" "$WORK/.err" "site/site.yaml:$line:8: error:"
check "the previous output is intact" test "$(snapshot "$WORK/courte")" = "$before"
LANGUAGE= LC_ALL=fr_FR.UTF-8 LANG=fr_FR.UTF-8 SOURCE_DATE_EPOCH=$(date -u -d 2026-05-20T12:00:00Z +%s) \
	"$FABRIQUE" build site --out "$WORK/fr" -q 2>"$WORK/.fr"
contains "in French for a French editor" "$WORK/.fr" "site/site.yaml:$line:8: erreur : écrivez 2026-05-23 (année-mois-jour) ; reçu « 23/05/2026 »"

# The nightly rebuild of docs/deploy.md (section 6): a published commit
# is rebuilt in place as of today; the announcement leaves the site
# without any new commit.
sed -i '/^annonce:/,$d' site/site.yaml
printf 'annonce:\n  texte: Journée maintenue\n  fin: 2026-05-23\n' >>site/site.yaml
commit_all "$R" "annonce du jour" >/dev/null
$GIT clone -q --bare "$R" "$WORK/site.git"
SOURCE_DATE_EPOCH=$(date -u -d 2026-05-22T18:00:00Z +%s) \
	"$FABRIQUE" publish site --repo "$WORK/site.git" --out "$WORK/www" -q 2>"$WORK/.err"
contains "published the day before: the banner is there" "$WORK/www/current/index.html" 'Journée maintenue'
SOURCE_DATE_EPOCH=$(date -u -d 2026-05-24T00:05:00Z +%s) "$FABRIQUE" build site --repo "$WORK/site.git" \
	--out "$WORK/www/$(readlink "$WORK/www/current")" --quiet 2>"$WORK/.err"
status "the nightly rebuild into the current release succeeds" 0 $?
lacks "after the nightly rebuild the banner is gone" "$WORK/www/current/index.html" 'class="annonce"'
