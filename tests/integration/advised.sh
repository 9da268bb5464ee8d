#!/bin/sh
# What residents need to come to a workshop (outside tester F7): its
# place, its times and its summary ('conseille: true' in the theme's
# schema).  A workshop without one is a warning at its front matter, in
# the editor's language, saying what to write and why; check --strict,
# build --strict and the server's strict pre-receive hook refuse it and
# leave the published site as it was.  Time slots (creneaux) stand for
# debut and fin.
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
mkmini "$R"
cd "$R" || exit 1
OUT=$WORK/public
"$FABRIQUE" build site --out "$OUT" -q 2>"$WORK/.err"
status "the fixture builds" 0 $?
before=$(snapshot "$OUT")

F=site/ateliers/reparer-les-velos.md
printf -- '---\ntitre: Réparer les vélos\ncategorie: cadre-de-vie\n---\nOn répare les vélos du quartier.\n' >"$F"
commit_all "$R" "atelier sans lieu ni heures" >/dev/null

fr() { LANGUAGE= LC_ALL=fr_FR.UTF-8 LANG=fr_FR.UTF-8 "$FABRIQUE" "$@"; }

fr check site >"$WORK/.out" 2>&1
status "without --strict, a missing place, time or summary is a warning: exit 0" 0 $?
contains "the summary, at the front matter, in French, what to write and why" "$WORK/.out" \
	"$F:1:1: avertissement : « resume » manque ; écrivez en une phrase ce que l’atelier va faire (resume: On repeint le préau de l’école) : c’est ce que les habitants lisent dans le programme, dans les résultats de recherche et dans leur agenda"
contains "the start time" "$WORK/.out" \
	"$F:1:1: avertissement : « debut » manque ; indiquez l’heure de début (debut: \"09:00\"), ou les créneaux (creneaux) : sans elle, la page ne donne que le jour, et les habitants ne savent pas à quelle heure venir"
contains "the end time" "$WORK/.out" \
	"$F:1:1: avertissement : « fin » manque ; indiquez l’heure de fin (fin: \"12:00\"), ou les créneaux (creneaux) : les habitants en ont besoin pour organiser leur journée"
contains "the place" "$WORK/.out" \
	"$F:1:1: avertissement : « lieu » manque ; indiquez où se retrouver (lieu: Salle des fêtes) : sans lieu, les habitants ne savent pas où aller"
contains "four warnings counted" "$WORK/.out" "fabrique : 4 avertissements, aucune erreur"
"$FABRIQUE" check site >"$WORK/.out" 2>&1
contains "in English too" "$WORK/.out" \
	"$F:1:1: warning: 'lieu' is missing; say where to meet (lieu: Salle des fêtes): without a place, residents do not know where to go"

fr check --strict site >"$WORK/.out" 2>&1
status "check --strict refuses it: exit 1" 1 $?
contains "--strict: the same message, as an error" "$WORK/.out" \
	"$F:1:1: erreur : « lieu » manque ; indiquez où se retrouver (lieu: Salle des fêtes)"
fr build --strict site --out "$OUT" >"$WORK/.out" 2>&1
status "build --strict refuses to publish it: exit 1" 1 $?
contains "build --strict says why" "$WORK/.out" "$F:1:1: erreur : « resume » manque"
if [ "$(snapshot "$OUT")" = "$before" ]; then ok "build --strict: the previous site is intact"
else not_ok "build --strict: the previous site is intact"; fi

# An empty value is no value: said at it.
printf -- '---\ntitre: Réparer les vélos\nresume: ""\ndebut: "14:00"\nfin: "17:00"\nlieu: Garage municipal\n---\nOn répare.\n' >"$F"
commit_all "$R" "résumé vide" >/dev/null
"$FABRIQUE" check site >"$WORK/.out" 2>&1
contains "an empty summary: at its value" "$WORK/.out" "$F:3:9: warning: 'resume' is missing; write in one sentence"
contains "only it" "$WORK/.out" "fabrique: 1 warning, no error"

# Given, or replaced by time slots: nothing to say.
printf -- '---\ntitre: Réparer les vélos\nresume: On répare les vélos du quartier.\nlieu:\n  nom: Garage municipal\ncreneaux:\n  - {debut: "09:00", fin: "10:30"}\n  - {debut: "14:00", fin: "15:30"}\n---\nOn répare.\n' >"$F"
commit_all "$R" "créneaux" >/dev/null
fr check --strict site >"$WORK/.out" 2>&1
status "time slots stand for debut and fin: check --strict passes" 0 $?
contains "no warning" "$WORK/.out" "fabrique : aucun avertissement, aucune erreur"
sed -i 's/^creneaux:$/debut: "09:00"\nfin: "12:00"/; /^  - {debut/d' "$F"
commit_all "$R" "heures" >/dev/null
fr build --strict site --out "$OUT" >"$WORK/.out" 2>&1
status "with place, times and summary, build --strict publishes" 0 $?
lacks "no warning then" "$WORK/.out" "avertissement"
contains "the place is on the page" "$OUT/ateliers/reparer-les-velos/index.html" "Garage municipal"

# The server's pre-receive hook is strict: a push of a workshop without
# its place is refused, with the message, and the branch stays.
BARE=$WORK/site.git
mkbare "$BARE" main site=site
hook_install "$BARE" pre-receive
$GIT remote add origin "file://$BARE"
$GIT push -q origin main >"$WORK/.push" 2>&1
status "the complete workshop is accepted by the hook" 0 $?
good=$($GIT rev-parse HEAD)
sed -i '/^lieu:$/d; /^  nom: Garage municipal$/d' "$F"
commit_all "$R" "lieu oublié" >/dev/null
$GIT push origin main >"$WORK/.push" 2>&1
status "the hook refuses a workshop without its place" 1 $?
contains "the hook says which field and where, in the site's language" "$WORK/.push" \
	"remote: $F:1:1: erreur : « lieu » manque ; indiquez où se retrouver (lieu: Salle des fêtes)"
check "the branch did not move" test "$(git -C "$BARE" rev-parse main)" = "$good"
