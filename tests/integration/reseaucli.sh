#!/bin/sh
# fabrique reseau talks to the network's webmaster (outside tester 23
# F10): in the list's language (langue, default fr, as a site.yaml's)
# when the environment names none (cron, C.UTF-8), in the
# environment's when it does; a member given as a forge's address gets
# the commands that keep a copy on this machine, not advice about
# --repo; --strict fails when a member is left out (a cron job checking
# $? learns a commune vanished); an INSEE code no commune can have
# (12345: Aveyron's communes stop at 12307) is refused, with the range;
# no member read at all keeps the previous site (outside tester 29 F15).
. "$(dirname "$0")/../lib.sh"

N=$WORK/net
reseau_member "$N/tours" "Tours-sur-Cher" 37261 https://tours.example/
reseau_member "$N/ajaccio" "Ajaccio" 2A004 https://ajaccio.example/
reseau_member "$N/reunion" "Saint-Denis" 97411 https://reunion.example/
reseau_member "$N/inconnue" "Nulle-Commune" 12345 https://inconnue.example/
reseau_member "$N/corse20" "Vingt" 20004 https://vingt.example/
cat >"$N/liste.yaml" <<'EOS'
url: https://reseau.example/
communes:
  - depot: tours
  - depot: ajaccio
  - depot: reunion
  - depot: https://git.example.invalid/private/commune.git
  - depot: git@forge.example.invalid:mairie/journee.git
  - depot: inconnue
  - depot: corse20
EOS

# a cron job: C.UTF-8, no LANGUAGE: the list's language, French by default
env -u LANGUAGE LC_ALL=C.UTF-8 "$FABRIQUE" reseau "$N/liste.yaml" --out "$WORK/o" 2>"$WORK/.err"
status "without --strict the network builds, members left out" 0 $?
contains "in French under cron: the member left out" "$WORK/.err" \
	"liste.yaml:6:5: avertissement : membre « https://git.example.invalid/private/commune.git » laissé de côté : « depot » doit être un dossier sur cette machine, pas une adresse : clonez le dépôt une fois (git clone --mirror https://git.example.invalid/private/commune.git DOSSIER), mettez la copie à jour avant chaque construction (une tâche cron : git -C DOSSIER remote update) et écrivez depot: DOSSIER"
lacks "no word of --repo" "$WORK/.err" "--repo"
contains "an ssh address (git@host:path) gets the same advice" "$WORK/.err" \
	"membre « git@forge.example.invalid:mairie/journee.git » laissé de côté : « depot » doit être un dossier sur cette machine"
contains "and the closing line" "$WORK/.err" \
	"fabrique : site du réseau de 3 communes (12 ateliers) dans $WORK/o ; 4 membre(s) laissé(s) de côté"
contains "12345 is refused: Aveyron's communes are numbered up to 12307" "$WORK/.err" \
	"membre « inconnue » laissé de côté : « 12345 » (commune.insee) n’est le code INSEE d’aucune commune : les communes de Aveyron (12) sont numérotées de 12001 à 12307"
contains "20004 is refused: Corsica is 2A or 2B" "$WORK/.err" \
	"membre « corse20 » laissé de côté : « 20004 » (commune.insee) n’est le code INSEE d’aucune commune : il a 5 caractères, le département (01 à 95 sauf 20, ou 2A, 2B)"
[ -d "$WORK/o/communes/37261-tours-sur-cher" ] && [ -d "$WORK/o/communes/2A004-ajaccio" ] &&
	[ -d "$WORK/o/communes/97411-saint-denis" ] && [ ! -d "$WORK/o/departements/12" ] &&
	ok "real codes (37261, 2A004, 97411) are placed; nothing in Aveyron" ||
	not_ok "real codes are placed, not 12345" "$(ls "$WORK/o/communes" "$WORK/o/departements")"

# the environment's language wins; the list's langue when it names none
"$FABRIQUE" reseau "$N/liste.yaml" --out "$WORK/o" 2>"$WORK/.err"
contains "English when the environment asks it" "$WORK/.err" \
	"'depot' must be a folder on this machine, not an address: clone the repository once (git clone --mirror https://git.example.invalid/private/commune.git FOLDER)"
sed -i '1i langue: en' "$N/liste.yaml"
env -u LANGUAGE LC_ALL=C.UTF-8 "$FABRIQUE" reseau "$N/liste.yaml" --out "$WORK/o" 2>"$WORK/.err"
contains "English under cron when the list says langue: en" "$WORK/.err" "network site of 3 communes"
sed -i '1d' "$N/liste.yaml"

# --strict: the site is written, the exit status says members are missing
rm -rf "$WORK/o"
env -u LANGUAGE LC_ALL=C.UTF-8 "$FABRIQUE" reseau "$N/liste.yaml" --out "$WORK/o" --strict 2>"$WORK/.err"
status "--strict: exit status 1 when members are left out" 1 $?
contains "with the reason" "$WORK/.err" "erreur : 4 membres laissés de côté (--strict) : le site a été écrit sans eux"
[ -s "$WORK/o/communes/37261-tours-sur-cher/index.html" ] && ok "and the others' site is written" ||
	not_ok "and the others' site is written"
printf 'url: https://reseau.example/\ncommunes:\n  - depot: tours\n  - depot: ajaccio\n' >"$N/bons.yaml"
"$FABRIQUE" reseau "$N/bons.yaml" --out "$WORK/o2" --strict 2>"$WORK/.err"
status "--strict: 0 when every member is taken" 0 $?

# every member unreadable for a night (the folder of repositories moved,
# the fetch step's folder emptied): the live site is kept, exit 1, said
# (outside tester 29 F15); a list with no member is still published
mv "$N/tours" "$N/tours.moved"
mv "$N/ajaccio" "$N/ajaccio.moved"
before=$(cd "$WORK/o2" && find . -type f -exec cksum {} + | sort)
env -u LANGUAGE LC_ALL=C.UTF-8 "$FABRIQUE" reseau "$N/bons.yaml" --out "$WORK/o2" 2>"$WORK/.err"
status "no member read: exit status 1" 1 $?
contains "said, in the list's language" "$WORK/.err" \
	"bons.yaml: erreur : aucun membre n’a pu être lu (2 laissé(s) de côté, ci-dessus) : le site du réseau dans $WORK/o2 est gardé tel quel ; rendez les membres lisibles, ou retirez-les de la liste"
lacks "no closing line counting 0 communes" "$WORK/.err" "site du réseau de 0 communes"
after=$(cd "$WORK/o2" && find . -type f -exec cksum {} + | sort)
[ -n "$before" ] && [ "$before" = "$after" ] && [ -s "$WORK/o2/communes/37261-tours-sur-cher/index.html" ] &&
	ok "the previous network site is kept, byte for byte" ||
	not_ok "the previous network site is kept" "$(ls -R "$WORK/o2" | head -20)"
mv "$N/tours.moved" "$N/tours"
mv "$N/ajaccio.moved" "$N/ajaccio"
printf 'url: https://reseau.example/\ncommunes: []\n' >"$N/vide.yaml"
"$FABRIQUE" reseau "$N/vide.yaml" --out "$WORK/o3" 2>"$WORK/.err"
status "a list with no member is published (a network starting)" 0 $?
[ -s "$WORK/o3/index.html" ] && ok "its home page is written" || not_ok "its home page is written" "$(cat "$WORK/.err")"

# programme files as a fetch leaves them (outside tester 29 F13): a
# maintenance page, an empty file, one not fetched yet, broken JSON;
# each said in French with what to do, no English word in the reason
printf '<!DOCTYPE html><html><body>Maintenance</body></html>' >"$N/html.json"
: >"$N/vide.json"
printf '{"events": [1, }' >"$N/casse.json"
printf 'url: https://reseau.example/\ncommunes:\n  - programme: html.json\n  - programme: vide.json\n  - programme: absent.json\n  - programme: casse.json\n  - depot: tours\n' >"$N/fichiers.yaml"
env -u LANGUAGE LC_ALL=C.UTF-8 "$FABRIQUE" reseau "$N/fichiers.yaml" --out "$WORK/o4" 2>"$WORK/.err"
status "programme files left out: the others are built" 0 $?
contains "a web page: said, with curl --fail" "$WORK/.err" \
	"fichiers.yaml:3:5: avertissement : membre « html.json » laissé de côté : $N/html.json est une page web, pas un programme : le site de la commune a répondu par une page à lui (maintenance, erreur) ; téléchargez avec curl --fail"
contains "an empty file: a download cut short" "$WORK/.err" \
	"membre « vide.json » laissé de côté : $N/vide.json est vide (un téléchargement interrompu ?)"
contains "a missing file: it does not exist, and what to do" "$WORK/.err" \
	"membre « absent.json » laissé de côté : $N/absent.json n’existe pas : téléchargez-y le programme.json de la commune"
contains "broken JSON: the reason in French" "$WORK/.err" "casse.json:1:16 : JSON non valide : caractère inattendu"
lacks "no English reason" "$WORK/.err" "unexpected"

# a site copied from a neighbour's that kept its INSEE code, listed
# before it (outside tester 29 F9): the member left out is told which
# member holds the code, and that the names differ; the same commune
# listed twice is asked about
reseau_member "$N/copie" "Villandry" 37261 https://villandry.example/
printf 'url: https://reseau.example/\ncommunes:\n  - depot: copie\n  - depot: tours\n' >"$N/copie.yaml"
env -u LANGUAGE LC_ALL=C.UTF-8 "$FABRIQUE" reseau "$N/copie.yaml" --out "$WORK/o5" 2>"$WORK/.err"
status "a code held twice: the network builds" 0 $?
contains "both named, and what to correct" "$WORK/.err" \
	"copie.yaml:4:5: avertissement : membre « tours » laissé de côté : le code INSEE 37261 est déjà celui de Villandry (https://villandry.example), plus haut dans la liste, et ce membre se nomme Tours-sur-Cher : l’un des deux sites est une copie de l’autre qui en a gardé le code ; corrigez commune.insee dans le site.yaml de celui-là"
printf 'url: https://reseau.example/\ncommunes:\n  - depot: tours\n  - depot: tours\n' >"$N/deux.yaml"
env -u LANGUAGE LC_ALL=C.UTF-8 "$FABRIQUE" reseau "$N/deux.yaml" --out "$WORK/o6" 2>"$WORK/.err"
contains "the same commune twice: asked" "$WORK/.err" \
	"deux.yaml:4:5: avertissement : membre « tours » laissé de côté : le code INSEE 37261 est déjà membre : Tours-sur-Cher (https://tours.example), plus haut dans la liste ; la commune y est-elle deux fois ?"

# communes whose workshops give no position are named under the map
# and in a note, not silently missing from it (outside tester 29 F3)
env -u LANGUAGE LC_ALL=C.UTF-8 "$FABRIQUE" reseau "$N/bons.yaml" --out "$WORK/o7" 2>"$WORK/.err"
status "a network of communes without positions builds" 0 $?
contains "a note names them" "$WORK/.err" \
	"bons.yaml: note : 2 communes ne sont pas sur la carte, aucun de leurs ateliers ne donnant de position : Ajaccio, Tours-sur-Cher ; chacune peut ajouter la latitude et la longitude de ses lieux (lieu: lat:, lon:) à ses ateliers"
contains "the network's map names them under it, linked" "$WORK/o7/carte/index.html" \
	'Pas encore sur la carte, faute de position pour leurs ateliers : <a href="/communes/2A004-ajaccio/">Ajaccio</a>, <a href="/communes/37261-tours-sur-cher/">Tours-sur-Cher</a>.</p>'
contains "a département's map, its own" "$WORK/o7/departements/37/index.html" \
	'Pas encore sur la carte, faute de position pour leurs ateliers : <a href="/communes/37261-tours-sur-cher/">Tours-sur-Cher</a>.</p>'
lacks "... where no point was drawn" "$WORK/o7/departements/37/index.html" "<circle"
sed -i 's/^lieu: .*/lieu: {nom: École, lat: 47.39, lon: 0.69}/' "$N/tours/ateliers/haie.md" && commit_all "$N/tours" "Position"
env -u LANGUAGE LC_ALL=C.UTF-8 "$FABRIQUE" reseau "$N/bons.yaml" --out "$WORK/o7" 2>"$WORK/.err"
contains "placed, a commune leaves the note (one commune: singular)" "$WORK/.err" "1 commune n’est pas sur la carte, aucun de ses ateliers ne donnant de position : Ajaccio ; elle peut ajouter"
lacks "and the département's list" "$WORK/o7/departements/37/index.html" "Pas encore sur la carte"
contains "it is a point on the département's map" "$WORK/o7/departements/37/index.html" "<circle"
# a position far from the commune (lat and lon swapped) was said as
# « gives no position » (outside tester 32 F7)
sed -i 's/^lieu: .*/lieu: {nom: École, lat: 0.69, lon: 47.39}/' "$N/tours/ateliers/haie.md" && commit_all "$N/tours" "Position inversée"
env -u LANGUAGE LC_ALL=C.UTF-8 "$FABRIQUE" reseau "$N/bons.yaml" --out "$WORK/o7" 2>"$WORK/.err"
contains "a far position: said so, with where to look" "$WORK/.err" \
	"bons.yaml: note : 1 commune n’est pas sur la carte, les positions que donnent ses ateliers étant loin de son département (lat et lon inversés ?) : Tours-sur-Cher ; fabrique check, lancé sur son site, dit lesquelles et comment les corriger"
contains "... apart from the one giving none" "$WORK/.err" "aucun de ses ateliers ne donnant de position : Ajaccio ;"
# ... and the map listed it « faute de position » (outside tester 33):
# apart, as positions to check
far='hors de leur département (positions à vérifier) : <a href="/communes/37261-tours-sur-cher/">Tours-sur-Cher</a>.</p>'
contains "the network's map lists it apart, positions to check" "$WORK/o7/carte/index.html" "$far"
contains "... the one giving none still « faute de position »" "$WORK/o7/carte/index.html" \
	'faute de position pour leurs ateliers : <a href="/communes/2A004-ajaccio/">Ajaccio</a>.</p>'
contains "its département's map: positions to check" "$WORK/o7/departements/37/index.html" "$far"
lacks "... not « faute de position »" "$WORK/o7/departements/37/index.html" "faute de position"
env -u LANGUAGE LC_ALL=C.UTF-8 "$FABRIQUE" reseau "$N/bons.yaml" --out "$WORK/o7" 2>"$WORK/.err"
contains "... and the same from the kept summary (second run)" "$WORK/.err" "loin de son département (lat et lon inversés ?) : Tours-sur-Cher ;"
contains "... and on the map (second run)" "$WORK/o7/departements/37/index.html" "$far"
lacks "... not « faute de position » (second run)" "$WORK/o7/departements/37/index.html" "faute de position"
sed -i 's/^lieu: .*/lieu: {nom: École, lat: 47.39, lon: 0.69}/' "$N/tours/ateliers/haie.md" && commit_all "$N/tours" "Position remise"
