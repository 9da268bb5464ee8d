#!/bin/sh
# A workshop still to come marked statut: realise (tester21 F5): last
# year's file copied for this year keeps it, and the page said « Cet
# atelier a eu lieu le … » with no sign-up, while check --strict (the
# hooks) said nothing.  Dates compare with the commit's day, fixed here,
# so the test does not depend on today's.
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
mkmini "$R"
S=$R/site
cat >"$S/editions/2026.yaml" <<'EOS'
date: 2026-05-23
inscription:
  email: journee@mairie.example
EOS
sed 's/^titre: .*/titre: Peindre le portail/; /^---$/{x;s/^/x/;/^xx$/{x;s/^---$/statut: realise\n---/;b};x}' \
    "$S/ateliers/repeindre-le-preau.md" >"$S/ateliers/peindre-le-portail.md"
grep -q '^statut: realise$' "$S/ateliers/peindre-le-portail.md"
status "the fixture has statut: realise" 0 $?
(cd "$R" && $GIT add -A &&
 GIT_AUTHOR_DATE=2026-02-01T10:00:00+01:00 \
 GIT_COMMITTER_DATE=2026-02-01T10:00:00+01:00 \
 $GIT commit -qm "L'atelier de l'an dernier, copié")
line=$(grep -n '^statut:' "$S/ateliers/peindre-le-portail.md" | cut -d: -f1)

(cd "$R" && "$FABRIQUE" build site --out "$WORK/out") >"$WORK/.out" 2>"$WORK/.err"
status "the build succeeds" 0 $?
P=$WORK/out/ateliers/peindre-le-portail/index.html
lacks "the page does not say it took place" "$P" "Cet atelier a eu lieu"
lacks "nor « Réalisé »" "$P" "Réalisé"
contains "residents can sign up, as for its sibling" "$P" "mailto:journee@mairie.example"
contains "its sibling has the same sign-up" \
    "$WORK/out/ateliers/repeindre-le-preau/index.html" "mailto:journee@mairie.example"
n=$(grep -o 'badge-realise' "$WORK/out/ateliers/index.html" | wc -l)
status "the list's one badge « Réalisé » is 2025's, not this card's" 1 "$n"
contains "the editor is warned at the statut line" "$WORK/.err" \
    "site/ateliers/peindre-le-portail.md:$line:9: warning: this workshop's day (2026-05-23) is still to come and its statut is 'realise'"
n=$(grep -c "still to come" "$WORK/.err")
status "said once" 1 "$n"
lacks "a past workshop marked realise is not warned" "$WORK/.err" "nettoyer-le-lavoir-2025.md"
contains "which still says it took place" \
    "$WORK/out/ateliers/nettoyer-le-lavoir-2025/index.html" "Cet atelier a eu lieu"

(cd "$R" && "$FABRIQUE" check site --strict) >"$WORK/.out" 2>"$WORK/.err"
st=$?
test "$st" -ne 0
status "check --strict (the hooks) refuses it" 0 $?
(cd "$R" && LANGUAGE= LC_ALL=fr_FR.UTF-8 LANG=fr_FR.UTF-8 "$FABRIQUE" check site) >"$WORK/.out" 2>"$WORK/.err"
contains "the warning speaks French" "$WORK/.err" \
    "est encore à venir et son statut est « realise » : écrivez « statut: confirme »"

# on its day, realise is the editor's word again (the evening of the day)
(cd "$R" && GIT_AUTHOR_DATE=2026-05-23T19:00:00+02:00 \
 GIT_COMMITTER_DATE=2026-05-23T19:00:00+02:00 \
 $GIT commit -q --allow-empty -m "Le soir de la journée")
(cd "$R" && "$FABRIQUE" build site --out "$WORK/out2") >"$WORK/.out" 2>"$WORK/.err"
status "the build on the day succeeds" 0 $?
lacks "no warning on the day" "$WORK/.err" "still to come"
contains "and the page says it took place" \
    "$WORK/out2/ateliers/peindre-le-portail/index.html" "Cet atelier a eu lieu"
