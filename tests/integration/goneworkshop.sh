#!/bin/sh
# Deleting the file of a published workshop still to come, to cancel it,
# is not silent (outside tester 25 F20): residents who imported its
# atelier.ics would never learn it is cancelled.  The history knows the
# file and its day: a warning (an error under --strict, so the hook
# refuses the push) names it and says to keep it with « statut: annule »,
# in the editor's language.  A past workshop, a draft, one already
# cancelled, or a renamed one are deleted in silence.
. "$(dirname "$0")/../lib.sh"

starter_site
# the starter's sentences for the editor are warnings of their own: a
# site with none, so that --strict (the hook) says only what is tested
$GIT rm -rq pages/mentions-legales.md patrimoine retours
printf -- '---\ntitre: Contact\nresume: La mairie.\n---\nMairie, place de l’Église.\n' >pages/contact.md
starter_addressed
printf 'inscription:\n  email: journee@saint-aubin.fr\n' >>editions/2027.yaml

W=ateliers/nettoyer-les-abords-de-l-ecole.md
commit_at 2026-11-01T10:00:00+01:00 "site"
# workshop NAME TITLE EXTRA: a copy of the starter's workshop (edition
# 2027, on its day, 29 May 2027), with EXTRA lines in its front matter
workshop() {
	sed "s/^titre: .*/titre: $2/; s/^debut: .*/debut: \"14:00\"/;s/^fin: .*/fin: \"17:30\"/$3" "$W" \
		>"ateliers/$1.md"
}
workshop fleurir "Fleurir la place" ""
workshop passe "Repeindre le banc" ';s/^edition: .*/edition: 2026\ndate: 2026-11-15/'
workshop brouillon "Un brouillon" ';s/^statut: .*/statut: propose\nbrouillon: true/'
workshop annule "Troc de plantes" ';s/^statut: .*/statut: annule/'
workshop renomme "Réparer les vélos" ""
workshop slot "Compost" ';s/^edition: .*/edition: 2027\ncreneaux:\n  - date: 2027-05-29\n    debut: "09:00"\n    fin: "10:00"/;/^debut:/d;/^fin:/d'
commit_at 2026-11-20T10:00:00+01:00 "ateliers"
$GIT mv ateliers/renomme.md ateliers/reparer-les-velos.md
commit_at 2026-11-25T10:00:00+01:00 "renommé"
$GIT rm -q ateliers/fleurir.md ateliers/passe.md ateliers/brouillon.md \
	ateliers/annule.md ateliers/slot.md
commit_at 2026-12-01T10:00:00+01:00 "Fleurir annulé"
C=$($GIT rev-parse --short=7 HEAD)

"$FABRIQUE" check . >"$WORK/out" 2>&1
status "check succeeds: a warning" 0 $?
contains "the deleted workshop still to come is named, with its day and what to do" "$WORK/out" \
	"ateliers/fleurir.md: warning: this workshop's file was deleted (commit $C) while the workshop, published, is still to come (2027-05-29): residents who added it to their calendar will not learn it is cancelled, and its page, linked from printed programmes and QR codes, is gone; to cancel a workshop, keep its file with 'statut: annule' (get it back with: git checkout $C^ -- ateliers/fleurir.md)"
contains "a slot's day counts" "$WORK/out" "ateliers/slot.md: warning: this workshop's file was deleted"
lacks "a past workshop is deleted in silence" "$WORK/out" "passe.md"
lacks "a draft too" "$WORK/out" "brouillon.md"
lacks "one already cancelled too (its residents were told)" "$WORK/out" "annule.md"
lacks "a renamed one is not deleted" "$WORK/out" "renomme.md: warning"
check "said once each" test "$(grep -c "file was deleted" "$WORK/out")" = 2

(LANGUAGE= LC_ALL=fr_FR.UTF-8 "$FABRIQUE" check . >"$WORK/fr" 2>&1)
contains "in French for a French editor" "$WORK/fr" \
	"ateliers/fleurir.md: avertissement : le fichier de cet atelier a été supprimé (commit $C) alors que l’atelier, publié, est encore à venir (2027-05-29) : les habitants qui l’ont ajouté à leur agenda ne sauront pas qu’il est annulé"
contains "saying to keep it with statut: annule" "$WORK/fr" "gardez son fichier avec « statut: annule »"

"$FABRIQUE" check --strict . >"$WORK/out" 2>&1
check "--strict (the hook) refuses it" test $? -ne 0
contains "as an error" "$WORK/out" "ateliers/fleurir.md: error: this workshop's file was deleted"

# The day after the Journée, the deletion is no concern any more.
SOURCE_DATE_EPOCH=$(date -u -d 2027-05-30T09:00:00Z +%s) "$FABRIQUE" check . >"$WORK/out" 2>&1
lacks "once its day is past, nothing is said" "$WORK/out" "file was deleted"
# On the day itself, still said.
SOURCE_DATE_EPOCH=$(date -u -d 2027-05-29T06:00:00Z +%s) "$FABRIQUE" check . >"$WORK/out" 2>&1
contains "on its day, still said" "$WORK/out" "ateliers/fleurir.md: warning: this workshop's file was deleted"

# Brought back with statut: annule, as the message says: nothing more.
$GIT checkout -q "$C^" -- ateliers/fleurir.md ateliers/slot.md
sed -i 's/^statut: .*/statut: annule/' ateliers/fleurir.md ateliers/slot.md
commit_at 2026-12-02T10:00:00+01:00 "Fleurir annulé, gardé"
"$FABRIQUE" check . >"$WORK/out" 2>&1
lacks "kept with statut: annule: no warning" "$WORK/out" "file was deleted"
"$FABRIQUE" build . --out "$WORK/o" >"$WORK/out" 2>"$WORK/.err"
status "the site builds" 0 $?
contains "its calendar says it is cancelled" "$WORK/o/ateliers/fleurir/atelier.ics" "STATUS:CANCELLED"
# Deleted again, once cancelled: the ordinary clean-up, in silence.
$GIT rm -q ateliers/fleurir.md
commit_at 2026-12-03T10:00:00+01:00 "ménage"
"$FABRIQUE" check . >"$WORK/out" 2>&1
lacks "a cancelled workshop's file deleted later: nothing said" "$WORK/out" "fleurir.md"
