#!/bin/sh
# The coming edition must say how residents sign up (outside tester 22,
# F8): the site calls for volunteers on every page, and an edition whose
# inscription gives no form, address or number (the archetype's, left
# unfilled) left a resident who wants to help with no way.  A warning at
# `inscription:` (so --strict and the hooks refuse it); no inscription
# at all is a note; a way given, or sans_inscription: true, is nothing;
# a past edition is left alone.  A real site in its own repository.
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
mkmini "$R"
cd "$R" || exit 1
E=site/editions/2026.yaml
# commits of January 2026, before the edition's day (May 23rd)
export GIT_AUTHOR_DATE=2026-01-20T10:00:00+01:00 GIT_COMMITTER_DATE=2026-01-20T10:00:00+01:00

# check_fr: fabrique check --strict in French, messages in $WORK/.err.
check_fr() {
	LANGUAGE= LC_ALL=fr_FR.UTF-8 "$FABRIQUE" check site --strict "$@" >"$WORK/.err" 2>&1
	rc=$?
}

check_fr
status "no inscription at all: --strict still passes" 0 $rc
contains "but a note says how to sign up is missing" "$WORK/.err" "editions/2026.yaml:1:1: note : cette édition ne dit pas comment s’inscrire"

printf 'inscription:\n  # email:\n  sans_inscription: false\n' >>"$E"
commit_all "$R" "inscription vide" >/dev/null
check_fr
status "an inscription with no way in it: --strict refuses" 1 $rc
contains "a warning at inscription:, saying what to add" "$WORK/.err" "site/editions/2026.yaml:7:3: erreur : « inscription » ne donne aucun moyen de s’inscrire"
contains "it names sans_inscription as the other way" "$WORK/.err" "« sans_inscription: true »"

sed -i 's/^  # email:$/  email: inscriptions@mairie.example/' "$E"
commit_all "$R" "adresse" >/dev/null
check_fr
status "an e-mail given: passes" 0 $rc
lacks "and nothing is said" "$WORK/.err" "s’inscrire"

sed -i '/email:/d; s/sans_inscription: false/sans_inscription: true/' "$E"
commit_all "$R" "sans inscription" >/dev/null
check_fr
status "sans_inscription: true: passes" 0 $rc
lacks "and nothing is said" "$WORK/.err" "s’inscrire"

# The same empty inscription on a past edition: nothing (the day is
# over; --today: the real clock, after May 2026).
sed -i 's/sans_inscription: true/sans_inscription: false/' "$E"
commit_all "$R" "vide encore" >/dev/null
check_fr --today
lacks "a past edition is left alone" "$WORK/.err" "s’inscrire"
