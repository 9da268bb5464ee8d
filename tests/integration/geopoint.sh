#!/bin/sh
# A place's point far from the commune (outside tester 30 F15): lat and
# lon swapped (« lat: 0.6833, lon: 47.3941 » for a commune of
# Indre-et-Loire: « Voir sur OpenStreetMap », the calendars' GEO and the
# JSON-LD sent residents to the Indian Ocean) are told as swapped, with
# the fix; a point elsewhere (a copy from another page) as outside the
# commune's territory.  A warning at the lat's line:col, which --strict
# (the pre-receive hook) refuses.  The territory is site.yaml's INSEE
# code's: metropolitan France, or an overseas département.  Sites made
# with `fabrique init` in their own repositories in a temp folder, built
# with the uninstalled binary and defaults.
. "$(dirname "$0")/../lib.sh"

A=ateliers/nettoyer-les-abords-de-l-ecole.md
# mk DIR INSEE LAT LON: a site of the commune INSEE whose first workshop
# is at (LAT, LON), committed
mk() {
	"$FABRIQUE" init "$WORK/$1" --commune Saint-Test --insee "$2" \
	    --url https://mairie.example.fr/ >/dev/null 2>&1 || return 1
	sed -i "s|^  adresse: .*|&\n  lat: $3\n  lon: $4|" "$WORK/$1/$A"
	# init's sentences for the editor (errors under --strict) written
	(cd "$WORK/$1" && sed -i 's/^.*[Ii]ndiquez ici.*$/Mairie, place de l’Église./; s/[Rr]acontez ici.*$/Un beau monument./; /^qui l.a sculpté/d; /^inscriptions\.$/d; /^dans ce dossier (voir le README)\.$/d' pages/*.md patrimoine/*.md retours/*/index.md)
	(cd "$WORK/$1" && $GIT add -A && $GIT commit -qm "Le point")
}
line=$(mk swap 37214 0.6833 47.3941 && grep -n '^  lat:' "$WORK/swap/$A" | cut -d: -f1)
cd "$WORK/swap" || exit 1
LANGUAGE= LC_ALL=fr_FR.UTF-8 "$FABRIQUE" check >"$WORK/swap.fr" 2>&1
status "check: a warning is no error" 0 $?
contains "swapped: said at lat's line and column, in French, with the fix" "$WORK/swap.fr" \
    "$A:$line:8: avertissement : lat et lon semblent inversés : le point lat 0.6833, lon 47.3941 est hors de France métropolitaine (Indre-et-Loire 37, le département de la commune), et le point lat 47.3941, lon 0.6833 y est ; échangez-les"
"$FABRIQUE" check --strict >"$WORK/swap.strict" 2>&1
rc=$?
cp "$WORK/swap.strict" "$WORK/.err"
status "check --strict (the pre-receive hook) refuses it" 1 $rc
contains "… as an error" "$WORK/swap.strict" "$A:$line:8: error: lat and lon seem swapped"

sed -i 's|^  lat: .*|  lat: 47.3941|; s|^  lon: .*|  lon: 0.6833|' "$A"
commit_all . "Le bon point" >/dev/null
"$FABRIQUE" check --strict >"$WORK/ok" 2>&1
status "swapped back: check --strict passes" 0 $?
lacks "… nothing said" "$WORK/ok" "lat and lon"
lacks "… nor outside" "$WORK/ok" "is outside"
"$FABRIQUE" build --out "$WORK/swap.out" -q 2>"$WORK/.err"
status "it builds" 0 $?
contains "the map link goes to the commune" "$WORK/swap.out/ateliers/nettoyer-les-abords-de-l-ecole/index.html" \
    "mlat=47.3941&amp;mlon=0.6833"

mk far 37214 -33.8568 151.2153 >/dev/null
cd "$WORK/far" || exit 1
"$FABRIQUE" check >"$WORK/far.out" 2>&1
contains "a point elsewhere (Sydney): outside the commune's territory, with what to do" "$WORK/far.out" \
    "warning: the point lat -33.8568, lon 151.2153 is outside France métropolitaine (Indre-et-Loire 37, the commune's département): the map links and the calendars would send residents there; copy lat and lon again from a map"
lacks "… not said swapped" "$WORK/far.out" "seem swapped"

# a commune of La Réunion: its own territory, not metropolitan France
mk reunion 97411 47.3941 0.6833 >/dev/null
cd "$WORK/reunion" || exit 1
"$FABRIQUE" check >"$WORK/reunion.out" 2>&1
contains "overseas: a point in Touraine is outside La Réunion" "$WORK/reunion.out" \
    "is outside La Réunion (La Réunion 974, the commune's département)"
sed -i 's|^  lat: .*|  lat: -20.8823|; s|^  lon: .*|  lon: 55.4504|' "$A"
commit_all . "Saint-Denis" >/dev/null
"$FABRIQUE" check >"$WORK/reunion2.out" 2>&1
lacks "a point in Saint-Denis de La Réunion is at home" "$WORK/reunion2.out" "is outside"
sed -i 's|^  lat: .*|  lat: 55.4504|; s|^  lon: .*|  lon: -20.8823|' "$A"
commit_all . "Inversé" >/dev/null
"$FABRIQUE" check >"$WORK/reunion3.out" 2>&1
contains "… and swapped there too" "$WORK/reunion3.out" "lat and lon seem swapped: the point lat 55.4504, lon -20.8823 is outside La Réunion"
