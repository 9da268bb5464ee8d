#!/bin/sh
# An editor whose computer's clock is a year ahead (tester22 F3): builds
# compare dates with the commit's day, so the server's hooks published
# the coming edition's workshops as « Passé », « Mis à jour le » a day
# nobody has lived yet, and told the editor to write statut: realise.
# A commit dated more than a day after the clock is built as of the
# clock's day, with a warning naming the commit's date; a commit dated
# in the past keeps its own day.  The server as docs/deploy.md §2–3 sets
# it up (bare repository, both hooks), real `git push` over file://.
# Dates are computed from the real clock (`date`): next year's edition is
# still to come, the commit is dated a year and a day ahead.
. "$(dirname "$0")/../lib.sh"

NEXT=$(($(date -u +%Y) + 1))
AHEAD=$(date -u -d "+1 year +1 day" +%Y-%m-%dT10:00:00+00:00)
AHEAD_DAY=${AHEAD%%T*}
TODAY=$(date -u +%Y-%m-%d)
BARE=$WORK/site.git
WWW=$WORK/www
mkbare "$BARE" main
hook_install "$BARE" pre-receive
hook_install "$BARE" post-receive --out "$WWW"

# The webmaster's site: the fixture, and next year's edition with one
# workshop (its day is the edition's, the 29th of May).
S=$WORK/webmaster
mkdir -p "$S"
cp -R "$TOP/tests/fixtures/mini/." "$S/"
cp -R "$TOP/themes" "$S/themes"
printf 'date: %s-05-29\ninscription:\n  email: journee@mairie.example\n' "$NEXT" >"$S/editions/$NEXT.yaml"
cat >"$S/ateliers/nettoyer-les-abords.md" <<EOS
---
titre: Nettoyer les abords de l'école
edition: $NEXT
debut: "09:00"
fin: "12:00"
categorie: nature
quartier: bourg
benevoles: 6
statut: propose
resume: Ramasser les déchets autour de l'école.
lieu: École
---
Autour de l'école.
EOS
(cd "$S" && $GIT init -q && $GIT add -A && $GIT commit -qm "Premier contenu" &&
	$GIT push -q "file://$BARE" main) >"$WORK/.first" 2>&1
st=$?; cp "$WORK/.first" "$WORK/.err"; (exit $st)
status "the webmaster's push is accepted" 0 $?
P=$WWW/current/ateliers/nettoyer-les-abords/index.html
lacks "the coming workshop is not « Passé » (today's commit)" "$P" "Cet atelier a eu lieu"

# Bob's computer is a year ahead.
B=$WORK/bob
$GIT clone -q "file://$BARE" "$B" 2>/dev/null
cd "$B" || exit 1
sed -i 's/^benevoles: 6/benevoles: 10/' ateliers/nettoyer-les-abords.md
GIT_AUTHOR_DATE=$AHEAD GIT_COMMITTER_DATE=$AHEAD $GIT commit -qam "Plus de bénévoles"
env -u LANG -u LC_ALL -u LC_MESSAGES -u LANGUAGE $GIT push origin main >"$WORK/.push" 2>&1
status "the push is accepted (history is not to be rewritten)" 0 $?
cp "$WORK/.push" "$WORK/.err"
check "it is published" test "$(readlink "$WWW/current" | sed 's|^releases/||')" = "$($GIT rev-parse HEAD)"
contains "residents are asked for 10 volunteers" "$P" "<strong>10</strong>"
lacks "the coming workshop is not shown as past" "$P" "Cet atelier a eu lieu"
lacks "nor « Passé »" "$P" ">Passé<"
# maj FILE: the page's « Mis à jour le … » sentence
maj() { grep -o 'discret maj">[^<]*' "$1" | sed 's/.*">//'; }
AHEAD_YEAR=${AHEAD_DAY%%-*}
check "the page says when it changed" test -n "$(maj "$P")"
check "« Mis à jour le » is not in the commit's future year ($(maj "$P"))" \
    sh -c "! echo '$(maj "$P")' | grep -q '$AHEAD_YEAR'"
lacks "the hook does not ask for statut: realise" "$WORK/.push" "realise"
contains "the editor is warned, as a remote: line naming the commit's date" "$WORK/.push" \
    "remote: avertissement : le commit $(git rev-parse --short=7 HEAD) est daté du $AHEAD_DAY, plus d’un jour après l’horloge de cet ordinateur ($TODAY)"
contains "and asked whether the clock is right" "$WORK/.push" "l’horloge de l’ordinateur où il a été fait est-elle juste ?"

# fabrique check and build on Bob's computer say it too (in English here).
"$FABRIQUE" check . >"$WORK/.out" 2>&1
status "check succeeds" 0 $?
cp "$WORK/.out" "$WORK/.err"
contains "check warns" "$WORK/.out" "warning: commit $(git rev-parse --short=7 HEAD) is dated $AHEAD_DAY, more than a day after this computer's clock ($TODAY)"
lacks "check says nothing of a past workshop" "$WORK/.out" "statut: realise"
"$FABRIQUE" build . --out "$WORK/out" >"$WORK/.out" 2>&1
status "build succeeds" 0 $?
contains "build warns" "$WORK/.out" "is dated $AHEAD_DAY"
lacks "the built page is not « Passé »" "$WORK/out/ateliers/nettoyer-les-abords/index.html" "Cet atelier a eu lieu"
"$FABRIQUE" check . --strict >"$WORK/.out" 2>&1
status "check --strict accepts it (a warning about the clock, not the content)" 0 $?

# A commit dated in the past keeps its own day: reproducible.
PAST=2026-01-15T10:00:00+01:00
GIT_AUTHOR_DATE=$PAST GIT_COMMITTER_DATE=$PAST $GIT commit -q --allow-empty -m "Daté du passé"
"$FABRIQUE" build . --out "$WORK/past" >"$WORK/.out" 2>&1
status "a past commit builds" 0 $?
lacks "with no clock warning" "$WORK/.out" "is dated"
# the page's last change (Bob's, a year ahead) is later than that commit:
# « Mis à jour le » says no day after the build's
PP=$WORK/past/ateliers/nettoyer-les-abords/index.html
check "« Mis à jour le » after a past commit is not in the future ($(maj "$PP"))" \
    sh -c "! echo '$(maj "$PP")' | grep -q '$AHEAD_YEAR'"
