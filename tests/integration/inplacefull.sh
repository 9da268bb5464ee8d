#!/bin/sh
# A build that updates its output in place on a disk more than half full
# (tester21 F3).  A one-title edit fits: only the files it rewrites need
# room.  An edit that rewrites every page (the commune's name in
# site.yaml, as a change of theme or of fabrique does) needs room for all
# of them beside their old copies: it is refused (exit 4), the previous
# site intact, and the one line says what it needs and for what: "N free
# are needed for the M file(s) this update rewrites", what is free, and
# what the webmaster can do, in English and French; not "the new site".
# A real disk: a tmpfs in a mount namespace of our own (skipped where
# none can be mounted).
. "$(dirname "$0")/../lib.sh"

if ! unshare -rm sh -c 'mount -t tmpfs -o size=64k tmpfs "$1"' sh "$WORK" 2>/dev/null; then
	ok "# skip: cannot mount a tmpfs in a user namespace here"
	exit 0
fi
R=$WORK/repo
mkmini "$R"
i=0
while [ $i -lt 150 ]; do
	printf -- '---\ntitre: Atelier numéro %s\nresume: Un atelier numéro %s.\nedition: 2026\ndate: 2026-05-23\ndebut: "09:00"\nfin: "12:00"\nlieu: Mairie\nquartier: bourg\nstatut: realise\n---\nTexte de l’atelier %s.\n' \
		$i $i $i >"$R/site/ateliers/atelier-$i.md"
	i=$((i + 1))
done
commit_all "$R" "150 ateliers" >/dev/null
mkdir "$WORK/disk"

# In one namespace: the site built on a roomy tmpfs, which is then
# shrunk to 1.4 times the site: room for a few pages, not for all.
unshare -rm sh -c '
	W=$1 F=$2 R=$3 GIT=$4
	mount -t tmpfs -o size=32m tmpfs "$W/disk" || exit 9
	"$F" build "$R/site" --repo "$R" --out "$W/disk/www" -q 2>"$W/err0" || exit 8
	kb=$(du -sk "$W/disk/www" | cut -f1)
	echo "$kb" >"$W/kb"
	mount -o remount,size=$((kb * 14 / 10))k "$W/disk" || exit 7
	df -k "$W/disk" | awk "NR == 2 { print \$4 }" >"$W/free"
	cd "$R" || exit 6
	sed -i "s/^titre: .*/titre: Atelier cinq annulé/" site/ateliers/atelier-5.md
	$GIT commit -qam "Atelier cinq annulé"
	"$F" build site --out "$W/disk/www" 2>"$W/err1"
	echo $? >"$W/st1"
	(cd "$W/disk/www" && find . -type f -exec sha1sum {} + | sort) >"$W/site1.sum"
	sed -i "s/nom: Villeneuve-Test/nom: Villeneuve-sur-Essai/" site/site.yaml
	$GIT commit -qam "Le nom de la commune"
	"$F" build site --out "$W/disk/www" -q 2>"$W/err2"
	echo $? >"$W/st2"
	LANGUAGE= LC_ALL=fr_FR.UTF-8 LANG=fr_FR.UTF-8 "$F" build site --out "$W/disk/www" -q 2>"$W/err3"
	echo $? >"$W/st3"
	(cd "$W/disk/www" && find . -type f -exec sha1sum {} + | sort) >"$W/site2.sum"
	ls -A "$W/disk" >"$W/ls"
' sh "$WORK" "$FABRIQUE" "$R" "$GIT"
kb=$(cat "$WORK/kb")
echo "# site: $kb KiB; free after the shrink: $(cat "$WORK/free") KiB"
status "a one-title edit on a disk more than half full: built" 0 "$(cat "$WORK/st1")"
contains "it was updated in place, a few files rewritten" "$WORK/err1" " unchanged)"
st=$(cat "$WORK/st2")
status "an edit rewriting every page: exit status 4" 4 "$st"
check "one line on stderr" test "$(wc -l <"$WORK/err2")" -eq 1
contains "it names what needs the room: the files this update rewrites" "$WORK/err2" \
	"free are needed for the "
contains "and why they need it" "$WORK/err2" "file(s) this update rewrites (each new copy is written beside the old one"
contains "and what to do" "$WORK/err2" "free that much space (older set-aside folders, other files on this disk), or build into a folder on another disk"
lacks "it does not speak of the new site" "$WORK/err2" "new site needs"
# the figures: most of the site's files, and more room than is free
n=$(sed -n 's/.* for the \([0-9]*\) file(s) this update rewrites.*/\1/p' "$WORK/err2")
check "the files counted are most of the site's ($n of $(wc -l <"$WORK/site1.sum"))" \
	test "${n:-0}" -gt $(($(wc -l <"$WORK/site1.sum") / 2))
check "the previous site is intact" cmp -s "$WORK/site1.sum" "$WORK/site2.sum"
check "no temporary folder or journal left" test "$(cat "$WORK/ls")" = www
status "in French: exit status 4" 4 "$(cat "$WORK/st3")"
check "in French: il faut N Mo libres pour les fichiers réécrits, il y a M" \
	grep -Eq "plein : il faut [0-9,]+ [KM]o libres pour les [0-9]+ fichier\(s\) que réécrit cette mise à jour .*, il y a [0-9,]+ [KM]o ; libérez cette place" "$WORK/err3"
