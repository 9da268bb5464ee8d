#!/bin/sh
# Dates and authors from the git history (src/history.c): commits with
# fixed dates and different authors, a rename, a merge, a shallow clone.
# The page template of the test repository's theme prints the fields.
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
mkdir -p "$R"
cp -R "$TOP/tests/fixtures/mini" "$R/site"
cp -R "$TOP/themes" "$R/themes"
sed -i 's|</article>|<p class="hist">{{page.historique_texte}}\|{{page.cree_le}}\|{{page.cree_le_texte}}\|{{page.mis_a_jour_le}}\|{{page.mis_a_jour_le_texte}}\|{{#page.auteurs}}[{{.}}]{{/page.auteurs}}</p>\n</article>|' \
	"$R/themes/commune/templates/page.mustache"
printf -- '---\ntitre: Questions\n---\nLes réponses.\n' >"$R/site/pages/faq.md"
# Names are published only when the site opts in (privacy by default).
printf 'historique:\n  auteurs: oui\n' >>"$R/site/site.yaml"
cd "$R" || exit 1
git init -q -b main

# as NAME DATE MESSAGE: commits everything as NAME at DATE.
as() {
	git add -A
	GIT_AUTHOR_NAME="$1" GIT_AUTHOR_EMAIL="$1@example.invalid" \
	GIT_COMMITTER_NAME="$1" GIT_COMMITTER_EMAIL="$1@example.invalid" \
	GIT_AUTHOR_DATE="$2" GIT_COMMITTER_DATE="$2" git commit -qm "$3"
}
# hist URL: the history line of a built page.
hist() { sed -n 's|.*<p class="hist">\(.*\)</p>.*|\1|p' "$WORK/out$1index.html"; }
# expect NAME URL LINE
expect() {
	got=$(hist "$2")
	if [ "$got" = "$3" ]; then ok "$1"; else
		not_ok "$1" "expected: $3" "got:      $got"; fi
}

as Claire "2026-01-10T10:00:00+01:00" "Premier contenu"
echo "Téléphone : 01 02 03 04 05." >>site/pages/contact.md
# 00:30 in Paris is still the 12th in UTC: the author's day counts.
as Ahmed "2026-03-13T00:30:00+01:00" "Téléphone"
git mv site/pages/contact.md site/pages/nous-joindre.md
as Bruno "2026-03-14T09:00:00+01:00" "Nouvelle adresse de la page contact"

# A branch edits the FAQ while main goes on; the merge changes nothing
# itself, so it is neither a date nor an author of the FAQ.
git checkout -q -b faq
echo "Une question de plus." >>site/pages/faq.md
as Dominique "2026-03-20T11:00:00+01:00" "FAQ complétée"
git checkout -q main
echo "Courriel : mairie@example.invalid." >>site/pages/nous-joindre.md
as Ahmed "2026-03-21T15:00:00+01:00" "Courriel"
GIT_AUTHOR_NAME=Élise GIT_AUTHOR_EMAIL=e@example.invalid \
	GIT_COMMITTER_NAME=Élise GIT_COMMITTER_EMAIL=e@example.invalid \
	GIT_AUTHOR_DATE="2026-03-25T10:00:00+01:00" \
	GIT_COMMITTER_DATE="2026-03-25T10:00:00+01:00" \
	git merge -q --no-ff faq -m "Fusion de la FAQ"

"$FABRIQUE" build site --out "$WORK/out" 2>"$WORK/.err"
status "a build with history succeeds" 0 $?
expect "a renamed page keeps its creation date and gathers its authors" /nous-joindre/ \
	"Mis à jour le 21 mars 2026 par Ahmed, Bruno et Claire|2026-01-10|samedi 10 janvier 2026|2026-03-21|samedi 21 mars 2026|[Ahmed][Bruno][Claire]"
expect "a merged page is dated and signed by the branch's commit, not the merge" /faq/ \
	"Mis à jour le 20 mars 2026 par Dominique et Claire|2026-01-10|samedi 10 janvier 2026|2026-03-20|vendredi 20 mars 2026|[Dominique][Claire]"
lacks "no shallow-clone warning on a full clone" "$WORK/.err" "shallow"

# The same commit seen at an older ref: the page's day is the author's.
"$FABRIQUE" build site --ref HEAD~2 --out "$WORK/out" -q 2>"$WORK/.err"
expect "dates are the author's calendar day" /nous-joindre/ \
	"Mis à jour le 14 mars 2026 par Bruno, Ahmed et Claire|2026-01-10|samedi 10 janvier 2026|2026-03-14|samedi 14 mars 2026|[Bruno][Ahmed][Claire]"
git checkout -q HEAD~2 2>/dev/null
"$FABRIQUE" build site --out "$WORK/out" -q --ref HEAD~1 2>/dev/null
expect "the day before midnight UTC is the author's 13th" /contact/ \
	"Mis à jour le 13 mars 2026 par Ahmed et Claire|2026-01-10|samedi 10 janvier 2026|2026-03-13|vendredi 13 mars 2026|[Ahmed][Claire]"
git checkout -q main

# By default (no historique.auteurs in site.yaml): the date, no name, in
# the sentence, in the fields and anywhere in the pages.
git clone -q "file://$R" "$WORK/anon"
(cd "$WORK/anon" && sed -i '/^historique:/,$d' site/site.yaml &&
	as Gaston "2026-03-26T10:00:00+01:00" "Noms masqués" &&
	"$FABRIQUE" build site --out "$WORK/anon-out" -q) 2>"$WORK/.err"
status "a build without historique.auteurs succeeds" 0 $?
got=$(sed -n 's|.*<p class="hist">\(.*\)</p>.*|\1|p' "$WORK/anon-out/nous-joindre/index.html")
check "by default the history gives the date and no name" \
	test "$got" = "Mis à jour le 21 mars 2026|2026-01-10|samedi 10 janvier 2026|2026-03-21|samedi 21 mars 2026|"
if grep -rlE 'Claire|Ahmed|Bruno|Dominique|Élise|Gaston' "$WORK/anon-out" >"$WORK/.names"; then
	not_ok "by default no committer name is published" "$(head -5 "$WORK/.names")"
else ok "by default no committer name is published"; fi

# A shallow clone: one warning, and no date it cannot vouch for.
git clone -q --depth 1 "file://$R" "$WORK/shallow"
cd "$WORK/shallow" || exit 1
"$FABRIQUE" build site --out "$WORK/out" 2>"$WORK/.err"
status "a shallow clone builds" 0 $?
contains "a shallow clone is said in a warning" "$WORK/.err" "warning: the repository is a shallow clone"
contains "saying what it costs: calendars restart at SEQUENCE 0 (tester 24 F1)" "$WORK/.err" "calendars restart at SEQUENCE 0 (a phone holding an event may then ignore its next change), the feed dates its entries to this commit"
contains "and how a CI job avoids it" "$WORK/.err" "(in a CI job: fetch-depth: 0, or GIT_DEPTH: 0)"
(LANGUAGE= LC_ALL=fr_FR.UTF-8 "$FABRIQUE" check site) >"$WORK/.fr" 2>&1
contains "in French" "$WORK/.fr" "les agendas repartent à SEQUENCE 0"
check "one warning only" test "$(grep -c shallow "$WORK/.err")" -eq 1
expect "a shallow clone gives no date it cannot vouch for" /nous-joindre/ "|||||"
echo "Horaires : 9 h – 12 h." >>site/pages/nous-joindre.md
as Farid "2026-04-02T10:00:00+02:00" "Horaires"
"$FABRIQUE" build site --out "$WORK/out" -q 2>"$WORK/.err"
expect "a change after the shallow boundary is dated, creation stays unknown" /nous-joindre/ \
	"Mis à jour le 2 avril 2026 par Farid|||2026-04-02|jeudi 2 avril 2026|[Farid]"

# A build of the files on disk has no history: no field is invented.
"$FABRIQUE" build site --worktree --out "$WORK/out" -q 2>"$WORK/.err"
expect "--worktree builds show no history" /faq/ "|||||"
