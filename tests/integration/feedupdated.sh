#!/bin/sh
# The Atom feed (tester22 F2): each entry's <updated> was the build's
# (HEAD's) time, so every push marked every entry updated; it is now its
# page's own last commit, <published> its first; and a workshop re-run
# each year at the same address gets an id naming its edition (a tag
# URI), not last year's.  A real repository, commits dated in the past.
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
mkdir -p "$R"
cp -R "$TOP/tests/fixtures/mini" "$R/site"
cp -R "$TOP/themes" "$R/themes"
c() { (cd "$R" && $GIT add -A && GIT_AUTHOR_DATE=$1 GIT_COMMITTER_DATE=$1 $GIT commit -qm "$2"); }
(cd "$R" && $GIT init -q)
c 2026-06-01T10:00:00+02:00 "Premier contenu"
sed -i 's/^benevoles: 5/benevoles: 7/' "$R/site/ateliers/planter-des-haies.md"
c 2026-09-01T10:00:00+02:00 "Plus de bénévoles"
echo "Une ligne de plus." >>"$R/site/pages/contact.md"
c 2026-10-01T10:00:00+02:00 "Contact"

(cd "$R" && "$FABRIQUE" build site --out "$WORK/out" -q) 2>"$WORK/.err"
status "the site builds" 0 $?
F=$WORK/out/flux.xml
xmllint --noout "$F" 2>"$WORK/.err"
status "the feed is well-formed" 0 $?
# x ENTRY-URL-PART FIELD: that entry's field
x() { xmllint --xpath "string(//*[local-name()='entry'][*[local-name()='link'][contains(@href,'$1')]]/*[local-name()='$2'])" "$F"; }
check "the story's <updated> is its own last commit ($(x patrimoine/lavoir updated))" \
    test "$(x patrimoine/lavoir updated)" = 2026-06-01T08:00:00Z
check "its <published> is its first commit" test "$(x patrimoine/lavoir published)" = 2026-06-01T08:00:00Z
check "the changed workshop's <updated> is its change ($(x ateliers/planter-des-haies updated))" \
    test "$(x ateliers/planter-des-haies updated)" = 2026-09-01T08:00:00Z
check "its <published> is still its first commit" \
    test "$(x ateliers/planter-des-haies published)" = 2026-06-01T08:00:00Z
lacks "no entry has HEAD's time (the contact page's change)" "$F" "<updated>2026-10-01"
check "a workshop's id names its edition ($(x ateliers/planter-des-haies id))" \
    test "$(x ateliers/planter-des-haies id)" = "tag:jc.villeneuve-test.fr,2026:/ateliers/planter-des-haies/"
check "a story keeps its URL as id" \
    test "$(x patrimoine/lavoir id)" = "https://jc.villeneuve-test.fr/patrimoine/lavoir/"

# the same commit built again: the same bytes
(cd "$R" && "$FABRIQUE" build site --out "$WORK/out2" --full -q) 2>"$WORK/.err"
check "the same commit gives the same feed" cmp "$F" "$WORK/out2/flux.xml"

# A site under a path (outside tester 23 F1): the workshop's tag URI names
# the path, so two communes under one host keep their ids apart; each
# story's id is its URL, under the path already.  Each is another
# commune's copy of the site (its name and INSEE code): a commune that
# moves its own site keeps its first ids (siteaddr.sh).
sed -i 's#^url: .*#url: https://mairie.fr/journee/#; s/^  nom: .*/  nom: Journee-Test/; s/^  insee: .*/  insee: "99002"/' "$R/site/site.yaml"
c 2026-10-02T10:00:00+02:00 "Sous /journee/"
(cd "$R" && "$FABRIQUE" build site --out "$WORK/sub" -q) 2>"$WORK/.err"
F=$WORK/sub/flux.xml
check "under a path, the workshop's id names it ($(x ateliers/planter-des-haies id))" \
    test "$(x ateliers/planter-des-haies id)" = "tag:mairie.fr,2026:/journee/ateliers/planter-des-haies/"
sed -i 's#^url: .*#url: https://mairie.fr/autre/#; s/^  nom: .*/  nom: Autre-Test/; s/^  insee: .*/  insee: "99003"/' "$R/site/site.yaml"
c 2026-10-03T10:00:00+02:00 "Sous /autre/"
(cd "$R" && "$FABRIQUE" build site --out "$WORK/autre" -q) 2>"$WORK/.err"
F=$WORK/autre/flux.xml
check "another commune's path gives another id ($(x ateliers/planter-des-haies id))" \
    test "$(x ateliers/planter-des-haies id)" = "tag:mairie.fr,2026:/autre/ateliers/planter-des-haies/"

# A workshop cancelled: its entry, updated that day, says so in its
# title, as the calendars do (outside tester 26 F17); once, when the
# editor wrote it in the title already.
sed -i 's/^statut: .*/statut: annule/' "$R/site/ateliers/planter-des-haies.md"
grep -q '^statut: annule' "$R/site/ateliers/planter-des-haies.md" ||
	sed -i '0,/^titre:/s//statut: annule\ntitre:/' "$R/site/ateliers/planter-des-haies.md"
c 2026-10-04T10:00:00+02:00 "Haies annulées"
(cd "$R" && "$FABRIQUE" build site --out "$WORK/autre" -q) 2>"$WORK/.err"
status "a workshop cancelled: the site builds" 0 $?
check "its entry's title says it ($(x ateliers/planter-des-haies title))" \
    test "$(x ateliers/planter-des-haies title)" = "Annulé : Planter des haies"
check "... updated that day ($(x ateliers/planter-des-haies updated))" \
    test "$(x ateliers/planter-des-haies updated)" = 2026-10-04T08:00:00Z
check "another workshop's title is as written ($(x ateliers/repeindre-le-preau title))" \
    test "$(x ateliers/repeindre-le-preau title)" = "Repeindre le préau"
sed -i 's/^titre: .*/titre: "ANNULÉ – Planter des haies"/' "$R/site/ateliers/planter-des-haies.md"
c 2026-10-05T10:00:00+02:00 "Titre"
(cd "$R" && "$FABRIQUE" build site --out "$WORK/autre" -q) 2>"$WORK/.err"
check "written in the title already: said once ($(x ateliers/planter-des-haies title))" \
    test "$(x ateliers/planter-des-haies title)" = "ANNULÉ – Planter des haies"
