#!/bin/sh
# A past workshop whose statut was never updated (tester20 F7): it showed
# the badge « Proposé » and « Statut : Réalisé » on the same page, and the
# editor was told nothing.
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
mkmini "$R"
S=$R/site
sed 's/^statut: realise/statut: propose/; s/^titre: .*/titre: Curer le fossé/' \
    "$S/ateliers/nettoyer-le-lavoir-2025.md" >"$S/ateliers/curer-le-fosse.md"
commit_all "$R" "Un atelier de 2025 resté proposé"
line=$(grep -n '^statut:' "$S/ateliers/curer-le-fosse.md" | cut -d: -f1)

(cd "$R" && "$FABRIQUE" build site --out "$WORK/out") >"$WORK/.out" 2>"$WORK/.err"
status "the build succeeds" 0 $?
P=$WORK/out/ateliers/curer-le-fosse/index.html
lacks "no badge « Proposé » on a past workshop" "$P" ">Proposé<"
lacks "« Réalisé » is not asserted: nobody wrote it" "$P" "Réalisé"
contains "the page gives one status: past" "$P" "<dt>Statut</dt><dd>Passé</dd>"
contains "the page says when it was" "$P" "Cet atelier a eu lieu"
lacks "the list's card has no badge « Proposé »" "$WORK/out/ateliers/index.html" ">Proposé<"
contains "the editor is told at the statut line" "$WORK/.err" \
    "site/ateliers/curer-le-fosse.md:$line:9: note: this workshop's day (2025-05-24) has passed and its statut is still 'propose'"
n=$(grep -c "statut is still" "$WORK/.err")
status "said once" 1 "$n"
# a workshop marked realise keeps its status
contains "statut: realise still shows « Réalisé »" \
    "$WORK/out/ateliers/nettoyer-le-lavoir-2025/index.html" "<dt>Statut</dt><dd>Réalisé</dd>"
lacks "no warning for realise" "$WORK/.err" "nettoyer-le-lavoir-2025.md"

(cd "$R" && LANGUAGE= LC_ALL=fr_FR.UTF-8 LANG=fr_FR.UTF-8 "$FABRIQUE" check site) >"$WORK/.out" 2>"$WORK/.err"
contains "the note speaks French" "$WORK/.err" \
    "son statut est toujours « propose » : écrivez « statut: realise » s’il a eu lieu"

# a note, not a warning: the hooks' --strict does not refuse every push
# from the day after the Journée until each status is updated
(cd "$R" && "$FABRIQUE" check site --strict) >"$WORK/.out" 2>"$WORK/.err"
status "check --strict passes with a past workshop still 'propose'" 0 $?
contains "and still tells it" "$WORK/.err" "statut is still 'propose'"
