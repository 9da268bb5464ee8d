#!/bin/sh
# fabrique reseau builds each member's commit as fabrique build does
# (clock22 leftovers): a commune whose editor's computer is a year ahead
# committed with that date; the network built it as of the commit's day,
# so its coming workshop was past in the département's pages and
# calendar.  Now the one rule of builds (build_decide_day()): as of the
# clock's day, with the warning naming the member.
. "$(dirname "$0")/../lib.sh"

NEXT=$(($(date -u +%Y) + 1))
AHEAD=$(date -u -d "+1 year +1 day" +%Y-%m-%dT10:00:00+00:00)
AHEAD_DAY=${AHEAD%%T*}
TODAY=$(date -u +%Y-%m-%d)
N=$WORK/net
# member DIR COMMUNE INSEE URL WORKSHOP [DATE]: a commune with next year's
# edition and one workshop, committed at DATE (default: now)
member() {
	mkdir -p "$1"
	cp -R "$TOP/tests/fixtures/mini/." "$1/"
	cp -R "$TOP/themes" "$1/themes"
	sed -i "s/^  nom: .*/  nom: $2/; s/^  insee: .*/  insee: \"$3\"/; s|^url: .*|url: $4|" "$1/site.yaml"
	printf 'date: %s-05-29\ninscription:\n  email: journee@mairie.example\n' "$NEXT" >"$1/editions/$NEXT.yaml"
	printf -- '---\ntitre: %s\nedition: %s\ndebut: "09:00"\nfin: "12:00"\ncategorie: nature\nstatut: propose\nresume: Un atelier.\nlieu: École\n---\nTexte.\n' \
	    "$5" "$NEXT" >"$1/ateliers/atelier-a-venir.md"
	(cd "$1" && $GIT init -q && $GIT add -A &&
	 if [ -n "${6:-}" ]; then GIT_AUTHOR_DATE=$6 GIT_COMMITTER_DATE=$6 $GIT commit -qm "Contenu"
	 else $GIT commit -qm "Contenu"; fi)
}
member "$N/juste" "Saint-Juste" 37201 https://juste.example/ "Planter la haie de l'école"
member "$N/avance" "Saint-Avance" 37202 https://avance.example/ "Repeindre le kiosque" "$AHEAD"
printf 'url: https://reseau.example/\ncommunes:\n  - depot: juste\n  - depot: avance\n' >"$N/liste.yaml"

"$FABRIQUE" reseau "$N/liste.yaml" --out "$WORK/o" >"$WORK/.out" 2>"$WORK/.err"
status "the network builds" 0 $?
C=$(cd "$N/avance" && git rev-parse --short=7 HEAD)
contains "the member a year ahead is warned about, by its entry" "$WORK/.err" \
    "avance: warning: commit $C is dated $AHEAD_DAY, more than a day after this computer's clock ($TODAY)"
lacks "not the other" "$WORK/.err" "juste: warning: commit"
# on main the département's calendar stamped its events, and the feed
# dated the commune, a year ahead (the commit's day)
STAMP=$(echo "$AHEAD_DAY" | tr -d -)
lacks "the département's calendar is not stamped with the commit's day" \
    "$WORK/o/departements/37/ateliers.ics" "DTSTAMP:${STAMP}T"
grep -c "^SUMMARY:Repeindre le kiosque" "$WORK/o/departements/37/ateliers.ics" >"$WORK/n"
check "the member's coming workshop is in it" test "$(cat "$WORK/n")" -ge 1
lacks "the network's feed is not dated the commit's day" "$WORK/o/flux.xml" "<updated>$AHEAD_DAY"
contains "the commune's page is there" "$WORK/o/communes/37202-saint-avance/index.html" "Repeindre le kiosque"
lacks "and its workshop not shown as past" "$WORK/o/communes/37202-saint-avance/index.html" "Passé"

# SOURCE_DATE_EPOCH (reproducible builds) is told, not capped
SOURCE_DATE_EPOCH=$(date -u -d "$AHEAD" +%s) "$FABRIQUE" reseau "$N/liste.yaml" --out "$WORK/o2" >"$WORK/.out" 2>"$WORK/.err"
status "with SOURCE_DATE_EPOCH the network builds" 0 $?
lacks "and no clock warning" "$WORK/.err" "is dated"
