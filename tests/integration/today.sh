#!/bin/sh
# The date-dependent parts of a site (sign-up deadline, past workshops,
# the announcement's end date) follow the days without a new commit:
# `fabrique publish --today`, run daily by cron or a systemd timer
# (docs/deploy.md), rebuilds a commit already live once the day changed,
# and only then.  "Today" is set with SOURCE_DATE_EPOCH, as the build
# reads it.  The example site: deadline 15 May 2026, the day 23 May,
# announcement until 15 May.
. "$(dirname "$0")/../lib.sh"

day() { date -u -d "$1T09:00:00Z" +%s; }
R=$WORK/repo
mkdir -p "$R"
cp -R "$TOP/content" "$R/content"
cp -R "$TOP/themes" "$R/themes"
(cd "$R" && $GIT init -q && $GIT add -A &&
	GIT_COMMITTER_DATE=2026-05-10T10:00:00+02:00 $GIT commit -qm "Programme 2026")
head=$(git -C "$R" rev-parse HEAD)
WWW=$WORK/www
P=ateliers/repeindre-le-preau/index.html
pub() { (cd "$R" && "$FABRIQUE" publish content --out "$WWW" "$@") >"$WORK/.out" 2>"$WORK/.err"; }

pub
status "publish: the commit of 10 May is published" 0 $?
contains "10 May: the workshop offers to sign up" "$WWW/current/$P" 'class="moyens-inscription'
contains "10 May: the announcement is shown" "$WWW/current/$P" 'class="annonce"'

# The nightly --today on the commit's own day: the push's release is
# that day's; nothing is built again, no second release is made.
SOURCE_DATE_EPOCH=$(($(day 2026-05-10) + 3600 * 12)) pub --today
status "10 May, publish --today on the commit's day succeeds" 0 $?
contains "10 May, --today: the commit's release is already live" "$WORK/.err" "current is already"
check "10 May, --today: no release of the day beside the commit's" test ! -e "$WWW/releases/$head.2026-05-10"

# The next day without --today: the commit is live, nothing is rebuilt
# (what publish always did), so the page still says what it said.
SOURCE_DATE_EPOCH=$(day 2026-05-16) pub
status "16 May, publish without --today succeeds" 0 $?
contains "16 May, without --today: the commit is said to be already live" "$WORK/.err" "current is already"
contains "16 May, without --today: the page is as on the 10th" "$WWW/current/$P" 'class="moyens-inscription'
check "16 May, without --today: current did not move" test "$(readlink "$WWW/current")" = "releases/$head"

SOURCE_DATE_EPOCH=$(day 2026-05-16) pub --today
status "16 May, publish --today succeeds" 0 $?
check "16 May, --today: a new release for the day" test "$(readlink "$WWW/current")" = "releases/$head.2026-05-16"
contains "16 May, --today: the workshop says sign-up is closed" "$WWW/current/$P" "Inscriptions closes"
lacks "16 May, --today: no way to sign up any more" "$WWW/current/$P" 'class="moyens-inscription'
lacks "16 May, --today: the announcement ended on the 15th" "$WWW/current/$P" 'class="annonce"'
check "16 May, --today: the day before's release is kept" test -d "$WWW/releases/$head"

# Later the same day: already up to date, nothing rebuilt.
before=$(stat -c %Y "$WWW/releases/$head.2026-05-16/index.html")
SOURCE_DATE_EPOCH=$(($(day 2026-05-16) + 3600 * 8)) pub --today
status "16 May again, publish --today succeeds" 0 $?
contains "16 May again: already live, not rebuilt" "$WORK/.err" "current is already"
check "16 May again: current did not move" test "$(readlink "$WWW/current")" = "releases/$head.2026-05-16"
check "16 May again: the release was not rewritten" \
	test "$(stat -c %Y "$WWW/releases/$head.2026-05-16/index.html")" = "$before"

# After the day: the workshops are past.
SOURCE_DATE_EPOCH=$(day 2026-05-24) pub --today
status "24 May, publish --today succeeds" 0 $?
contains "24 May, --today: the workshop is in the past" "$WWW/current/$P" "bandeau-passe"

# Going back follows the days' releases, then the commit's own.
(cd "$R" && "$FABRIQUE" rollback "$WWW") >"$WORK/.out" 2>"$WORK/.err"
status "rollback after daily releases succeeds" 0 $?
check "rollback: back to the 16 May release" test "$(readlink "$WWW/current")" = "releases/$head.2026-05-16"
# The day's rebuild rolled back: the nightly --today of that same day
# keeps the rollback (before, it built the 24 May release again); the
# next day's --today rebuilds the commit as of that day, as for any live
# release.
SOURCE_DATE_EPOCH=$(($(day 2026-05-24) + 3600)) pub --today
status "24 May, --today after the rollback succeeds" 0 $?
check "24 May, --today after the rollback: the 16 May release stays" test "$(readlink "$WWW/current")" = "releases/$head.2026-05-16"
check "24 May, --today after the rollback: the 24 May release is not made again" test ! -e "$WWW/releases/$head.2026-05-24"
contains "24 May, --today after the rollback: it says so" "$WORK/.err" "current was rolled back from $(echo "$head" | cut -c1-7) on "
SOURCE_DATE_EPOCH=$(day 2026-05-25) pub --today
status "25 May, --today after the rollback succeeds" 0 $?
check "25 May, --today after the rollback: the commit as of 25 May" test "$(readlink "$WWW/current")" = "releases/$head.2026-05-25"

# A new commit is still published by its own id.  It gives the site its
# public address: the strict hooks below refuse the example's .example one.
sed -i 's/^titre: Repeindre le préau.*/titre: Repeindre le préau de l’école/' "$R/content/ateliers/repeindre-le-preau.md"
sed -i 's|^url: .*|url: https://journee.saint-aubin-des-levees.fr|' "$R/content/site.yaml"
(cd "$R" && $GIT add -A && GIT_COMMITTER_DATE=2026-05-11T10:00:00+02:00 $GIT commit -qm "Titre")
head2=$(git -C "$R" rev-parse HEAD)
pub
status "publish of a new commit succeeds" 0 $?
check "a new commit without --today is published under its id" test "$(readlink "$WWW/current")" = "releases/$head2"

# build --today: the day is part of what makes an output up to date.
(cd "$R" && SOURCE_DATE_EPOCH=$(day 2026-05-12) "$FABRIQUE" build content --out "$WORK/out" --today -q) 2>"$WORK/.err"
status "build --today on 12 May" 0 $?
lacks "build --today, 12 May: sign-up still open" "$WORK/out/$P" "Inscriptions closes"
(cd "$R" && SOURCE_DATE_EPOCH=$(day 2026-05-17) "$FABRIQUE" build content --out "$WORK/out" --today -q) 2>"$WORK/.err"
status "build --today on 17 May" 0 $?
contains "build --today, 17 May: the same commit's output now says sign-up is closed" "$WORK/out/$P" "Inscriptions closes"

# The post-receive hook with --today: a commit pushed days after it was
# made is published as of the day of the push.
BARE=$WORK/site.git
WWW2=$WORK/www2
mkbare "$BARE" main site=content out="$WWW2"
hook_install "$BARE" post-receive --today
(cd "$R" && SOURCE_DATE_EPOCH=$(day 2026-05-16) $GIT push -q "file://$BARE" main) >"$WORK/.out" 2>"$WORK/.err"
status "a push to a repository whose hook has --today is accepted" 0 $?
check "hook --today: the release is the commit's of the push's day" \
	test "$(readlink "$WWW2/current")" = "releases/$head2.2026-05-16"
contains "hook --today: the page says sign-up is closed on 16 May" "$WWW2/current/$P" "Inscriptions closes"

# "Today" is the commune's day, not UTC's.  At 22:30 UTC on 15 May it is
# already the 16th in Paris (the deadline of the 15th has passed); at
# 06:00 UTC on the 16th it is still 20:00 on the 15th in Tahiti (sign-up
# open), with or without --today; and a commit made at 20:00 in Tahiti on
# the 15th is built as of the 15th there.
late=$(date -u -d 2026-05-15T22:30:00Z +%s)
early=$(date -u -d 2026-05-16T06:00:00Z +%s)
T=$WORK/repo-tahiti
cp -R "$R" "$T"
(cd "$T" && sed -i 's|^fuseau: .*|fuseau: Pacific/Tahiti|' content/site.yaml &&
	$GIT commit -qam "Tahiti")
zone() { # zone REPO TIME OUT [ARG]: builds REPO as of TIME
	(cd "$1" && SOURCE_DATE_EPOCH=$2 "$FABRIQUE" build content --out "$WORK/$3" -q $4) 2>"$WORK/.err"
}
for opt in "" --today; do
	zone "$R" "$late" "paris$opt" $opt
	contains "Paris at 22:30 UTC on 15 May $opt: it is the 16th, sign-up closed" "$WORK/paris$opt/$P" "Inscriptions closes"
	zone "$T" "$early" "tahiti$opt" $opt
	status "Tahiti at 06:00 UTC on 16 May $opt builds" 0 $?
	lacks "Tahiti at 06:00 UTC on 16 May $opt: still the 15th, sign-up not closed" "$WORK/tahiti$opt/$P" "Inscriptions closes"
	contains "Tahiti at 06:00 UTC on 16 May $opt: the sign-up form is there" "$WORK/tahiti$opt/$P" 'class="moyens-inscription'
done
(cd "$T" && echo >>content/ateliers/repeindre-le-preau.md &&
	GIT_COMMITTER_DATE=2026-05-15T20:00:00-10:00 $GIT commit -qam "Le soir à Papeete")
(cd "$T" && "$FABRIQUE" build content --out "$WORK/tahiti-commit" -q) 2>"$WORK/.err"
contains "a commit at 20:00 in Tahiti on 15 May: built as of the 15th, sign-up open" "$WORK/tahiti-commit/$P" 'class="moyens-inscription'
# publish --today names the release after the commune's day too; on
# the commit's own day there (10:00 on the 15th in Tahiti is 20:00 UTC
# the 15th), the commit's own release, as a publish without --today.
(cd "$T" && echo >>content/ateliers/repeindre-le-preau.md &&
	GIT_COMMITTER_DATE=2026-05-15T10:00:00-10:00 $GIT commit -qam "Le matin à Papeete")
th=$(git -C "$T" rev-parse HEAD)
(cd "$T" && SOURCE_DATE_EPOCH=$early "$FABRIQUE" publish content --out "$WORK/www-tahiti" --today -q) 2>"$WORK/.err"
check "publish --today in Tahiti at 06:00 UTC on 16 May, of a commit of the 15th there: the commit's own release" \
	test "$(readlink "$WORK/www-tahiti/current")" = "releases/$th"
(cd "$T" && SOURCE_DATE_EPOCH=$(date -u -d 2026-05-16T12:00:00Z +%s) "$FABRIQUE" publish content --out "$WORK/www-tahiti" --today -q) 2>"$WORK/.err"
check "publish --today in Tahiti at 12:00 UTC on 16 May (02:00 there): the release is the 16th's" \
	test "$(readlink "$WORK/www-tahiti/current")" = "releases/$th.2026-05-16"
rh=$(git -C "$R" rev-parse HEAD)
(cd "$R" && SOURCE_DATE_EPOCH=$late "$FABRIQUE" publish content --out "$WORK/www-paris" --today -q) 2>"$WORK/.err"
check "publish --today in Paris at 22:30 UTC on 15 May: the release is the 16th's" \
	test "$(readlink "$WORK/www-paris/current")" = "releases/$rh.2026-05-16"
contains "publish --today in Paris at 22:30 UTC on 15 May: sign-up closed" "$WORK/www-paris/current/$P" "Inscriptions closes"

# The home and the programme follow the days too, not only the workshops:
# after the deadline they say sign-up is closed and no longer invite to
# register (no button, no "0 ateliers ont besoin de vous", no printed
# "Pour vous inscrire avant le …"); after the day the home speaks of it in
# the past, and names the next edition when its file is already there.
H=index.html
G=programme/index.html
hp() { (cd "$1" && SOURCE_DATE_EPOCH=$(day "$2") "$FABRIQUE" build content --out "$WORK/$3" -q) 2>"$WORK/.err"; }
hp "$R" 2026-05-10 hp10
contains "10 May: the home invites to sign up" "$WORK/hp10/$H" "S’inscrire"
contains "10 May: the home says how many workshops need help" "$WORK/hp10/$H" "ateliers ont besoin de vous"
contains "10 May: the printed programme says how to sign up" "$WORK/hp10/$G" "Pour vous inscrire"
hp "$R" 2026-05-20 hp20
status "20 May builds" 0 $?
contains "20 May: the home says sign-up is closed" "$WORK/hp20/$H" "Inscriptions closes</strong> depuis le vendredi 15 mai 2026"
lacks "20 May: no sign-up button on the home" "$WORK/hp20/$H" "S’inscrire"
lacks "20 May: no 'souhaitée avant' on the home" "$WORK/hp20/$H" "Inscription souhaitée avant"
lacks "20 May: no '0 ateliers ont besoin de vous'" "$WORK/hp20/$H" "ateliers ont besoin de vous"
contains "20 May: the programme says sign-up is closed" "$WORK/hp20/$G" '<p class="etat-inscription"><strong>Inscriptions closes</strong>'
lacks "20 May: the printed programme no longer invites to sign up" "$WORK/hp20/$G" "Pour vous inscrire"
hp "$R" 2026-05-24 hp24
status "24 May builds" 0 $?
contains "24 May: the home speaks of the day in the past" "$WORK/hp24/$H" "La journée a eu lieu le samedi 23 mai 2026"
contains "24 May: the home thanks the residents" "$WORK/hp24/$H" "class=\"une-merci\""
lacks "24 May: no sign-up button on the home" "$WORK/hp24/$H" "S’inscrire"
lacks "24 May: no '0 ateliers ont besoin de vous'" "$WORK/hp24/$H" "ateliers ont besoin de vous"
lacks "24 May: the home does not say sign-up is closed (the day is past)" "$WORK/hp24/$H" "Inscriptions closes"
lacks "24 May: no next edition announced when none is known" "$WORK/hp24/$H" "une-prochaine"
contains "24 May: the programme says the day took place" "$WORK/hp24/$G" "La journée a eu lieu le samedi 23 mai 2026"
lacks "24 May: the printed programme no longer invites to sign up" "$WORK/hp24/$G" "Pour vous inscrire"
N=$WORK/repo-next
cp -R "$R" "$N"
(cd "$N" && printf 'date: 2027-05-29\n' >content/editions/2027.yaml &&
	printf 'edition_courante: 2026\n' >>content/site.yaml &&
	$GIT add -A && $GIT commit -qm "2027")
hp "$N" 2026-11-29 hpnext
status "29 November, with the 2027 edition's file, builds" 0 $?
contains "29 November: the home names the next edition" "$WORK/hpnext/$H" '<p class="une-prochaine">Prochaine journée : <a href="/editions/2027/">samedi 29 mai 2027</a></p>'

# A workshop in slots on days other than its edition's: the headline
# says the slots' own days, not the edition's, and it is past only
# after its last slot.
C=$WORK/repo-slots
cp -R "$R" "$C"
cat >"$C/content/ateliers/jardin-automne.md" <<'EOT'
---
titre: Jardin d’automne
resume: On plante le jardin de la mairie pour l’hiver.
lieu: Jardin de la mairie
edition: 2026
creneaux:
  - {date: 2026-10-03, debut: "09:00", fin: "12:00"}
  - {date: 2026-10-17, debut: "09:00", fin: "12:00"}
---
Plantations.
EOT
cat >"$C/content/ateliers/un-seul-jour.md" <<'EOT'
---
titre: Un seul jour
resume: Deux créneaux le même jour.
lieu: Salle des fêtes
edition: 2026
creneaux:
  - {date: 2026-10-10, debut: "09:00", fin: "10:00"}
  - {date: 2026-10-10, debut: "14:00", fin: "15:00"}
---
Deux créneaux.
EOT
(cd "$C" && $GIT add -A && $GIT commit -qm "Créneaux")
hp "$C" 2026-05-24 slots24
status "slots in October: builds" 0 $?
contains "slots on two days: the headline is their span" "$WORK/slots24/ateliers/jardin-automne/index.html" "<dd><strong>du samedi 3 octobre 2026 au samedi 17 octobre 2026</strong>"
lacks "slots on two days: not the edition's day" "$WORK/slots24/ateliers/jardin-automne/index.html" "<dd><strong>samedi 23 mai 2026</strong>"
contains "slots on one day: the headline is that day" "$WORK/slots24/ateliers/un-seul-jour/index.html" "<dd><strong>samedi 10 octobre 2026</strong>"
lacks "slots in October, on 24 May: not past" "$WORK/slots24/ateliers/jardin-automne/index.html" "bandeau-passe"
hp "$C" 2026-10-18 slots18
contains "slots in October, on 18 October: past" "$WORK/slots18/ateliers/jardin-automne/index.html" "bandeau-passe"
lacks "slots in October of a workshop naming its edition: no warning" "$WORK/.err" "jardin-automne.md"
contains "a past workshop in slots: the banner gives its days, not the edition's" "$WORK/slots18/ateliers/jardin-automne/index.html" "Cet atelier a eu lieu du samedi 3 octobre 2026 au samedi 17 octobre 2026."
contains "a past workshop on one day: the banner reads 'a eu lieu le …'" "$WORK/slots18/ateliers/un-seul-jour/index.html" "Cet atelier a eu lieu le samedi 10 octobre 2026."

# A workshop's date far from its edition's day is most likely typed
# wrong (the month, the year): a warning at the date, which the hook's
# --strict refuses.  Naming the edition says the distance is meant; a
# year other than the edition's is a slip either way.
F=$WORK/repo-far
cp -R "$R" "$F"
cat >"$F/content/ateliers/mois-errone.md" <<'EOT2'
---
titre: Mois erroné
creneaux:
  - {debut: "09:00", fin: "12:00"}
  - {date: 2026-09-23, debut: "14:00", fin: "17:00"}
resume: Un atelier en septembre au lieu de mai.
lieu: Salle des fêtes
---
Le mois de septembre au lieu de mai.
EOT2
cat >"$F/content/ateliers/annee-erronee.md" <<'EOT2'
---
titre: Année erronée
edition: 2026
date: 2025-05-23
debut: "09:00"
fin: "12:00"
resume: Un atelier daté de l’année d’avant.
lieu: Salle des fêtes
---
L’année d’avant.
EOT2
(cd "$F" && $GIT add -A && $GIT commit -qm "Dates lointaines")
(cd "$F" && LANGUAGE= LC_ALL=fr_FR.UTF-8 "$FABRIQUE" check content) >"$WORK/far.out" 2>"$WORK/far.err"
status "dates far from the edition: check passes (warnings)" 0 $?
contains "a slot's month typed wrong: warned at the date" "$WORK/far.err" "content/ateliers/mois-errone.md:5:12: avertissement : le 2026-09-23 est 123 jours après le jour de l’édition 2026 (2026-05-23) : la date est-elle juste ? Si oui, dites-le avec « edition: 2026 » dans l’en-tête"
contains "a date in another year than its edition: warned at the date" "$WORK/far.err" "content/ateliers/annee-erronee.md:4:7: avertissement : le 2025-05-23 n’est pas en 2026, l’année de l’édition de cet atelier : l’année est-elle juste ?"
(cd "$F" && "$FABRIQUE" check --strict content) >"$WORK/far.out" 2>"$WORK/far.err"
check "under --strict (the hook) they refuse" test $? -ne 0
contains "in English too" "$WORK/far.err" "2026-09-23 is 123 days after the day of the 2026 edition (2026-05-23): is the date right? If it is, say so with 'edition: 2026' in the front matter"
(cd "$F" && sed -i 's/^titre: Mois erroné$/titre: Mois erroné\nedition: 2026/' content/ateliers/mois-errone.md &&
	$GIT commit -qam "Voulu")
(cd "$F" && "$FABRIQUE" check --strict content) >"$WORK/far.out" 2>"$WORK/far.err"
lacks "naming the edition says the far slot is meant" "$WORK/far.err" "mois-errone.md"
