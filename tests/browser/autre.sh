#!/bin/sh
# Another commune than the example, made as a town hall would make it:
# `fabrique init` in an empty folder, then pages written by hand in
# another shape (La Réunion, its time zone, no logo, no colours, sign-up
# by e-mail and phone but no web form, then by phone only; long names and
# addresses; a cancelled, a full and a past workshop; a heritage story
# with an image; a recap with a photo), committed in its own git
# repository and built with the uninstalled binary and default settings.
# Then the same promises as for the example site, over EVERY page: no
# Nu HTML Checker error, no axe violation (light and dark), no sideways
# scroll at 320 px, the search form in every header, a sign-up action on
# every open workshop and none on cancelled ones, no committer's name.
. "$(dirname "$0")/../lib.sh"
HERE=$TOP/tests/browser
ART=${FABRIQUE_ARTIFACTS:-$TOP/tests/artifacts}

if [ ! -d "$HERE/node_modules/playwright-core" ] || [ ! -d "$HERE/node_modules/axe-core" ] ||
	[ ! -f "$HERE/node_modules/vnu-jar/build/dist/vnu.jar" ]; then
	(cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error) >"$WORK/npm.log" 2>&1 ||
		{ not_ok "npm ci in tests/browser" "$(tail -n 20 "$WORK/npm.log")"; exit 0; }
fi

# The edition is next year's (the build's day is the commit's, today),
# the past one two years ago: the test stays true whatever the date.
Y=$(date -u +%Y)
NEXT=$((Y + 1))
PAST=$((Y - 1))
S=$WORK/jc-saint-pierre
(cd "$WORK" && "$FABRIQUE" init jc-saint-pierre --commune "Saint-Pierre" --insee 97416) \
	>"$WORK/.out" 2>"$WORK/.err"
status "fabrique init makes a new commune's site" 0 $?
[ -f "$S/site.yaml" ] || exit 0
sed -i 's|^fuseau: .*|fuseau: Indian/Reunion|; s|^url: .*|url: https://journee-citoyenne.saint-pierre.example|' "$S/site.yaml"
cat >>"$S/site.yaml" <<'YAML'
quartiers:
  - id: terre-sainte
    nom: Terre-Sainte
  - id: grand-bois
    nom: Grand-Bois-les-Hauts et Mont-Vert-les-Bas
YAML
# the init's list of quartiers is replaced by the one above
python3 - "$S/site.yaml" <<'PY'
import sys, re
p = sys.argv[1]
t = open(p, encoding='utf-8').read()
t = re.sub(r'\nquartiers:\n  - id: centre\n    nom: Le centre\n', '\n', t, count=1)
open(p, 'w', encoding='utf-8').write(t)
PY
rm -f "$S"/editions/*.yaml "$S"/ateliers/*.md
cat >"$S/editions/$NEXT.yaml" <<YAML
date: $NEXT-06-13
accueil:
  heure: "07:30"
  lieu: Case de quartier de Terre-Sainte, 12 rue Amiral-Lacaze
  texte: Café péi et bonbons piments pour commencer la journée.
cloture:
  heure: "16:00"
  texte: Un cari partagé sous le grand tamarinier du front de mer.
inscription:
  email: journee-citoyenne@saint-pierre.example
  tel: 02 62 35 12 40
  date_limite: $NEXT-06-06
contacts:
  - role: Conseillère municipale déléguée à la démocratie participative
    nom: Marie-Françoise Payet-Hoarau
    email: journee-citoyenne@saint-pierre.example
    tel: 02 62 35 12 40
YAML
cat >"$S/editions/$PAST.yaml" <<YAML
date: $PAST-06-08
YAML
cat >"$S/ateliers/debroussailler-le-sentier-littoral.md" <<YAML
---
titre: Débroussailler le sentier littoral de la Pointe-du-Diable et replanter des espèces indigènes des ravines
resume: >-
  Arracher les pestes végétales (liane papillon, faux poivrier) et
  replanter des bois de senteur avec l’Office national des forêts.
edition: $NEXT
debut: "07:30"
fin: "12:30"
lieu:
  nom: Sentier littoral de la Pointe-du-Diable, parking du cimetière marin
  adresse: Chemin départemental 26, lieu-dit Grand-Bois-les-Hauts, 97410 Saint-Pierre (La Réunion)
  lat: -21.3721
  lon: 55.5912
categorie: nature
quartier: grand-bois
referents:
  - nom: Jean-Christophe Técher-Grondin
    role: agent patrimonial de l’Office national des forêts
    public: true
benevoles: 25
inscrits: 9
enfants: accompagnes
a_apporter: [chapeau, crème solaire, deux litres d’eau, chaussures fermées]
fourni: [gants, sécateurs, plants]
statut: confirme
---
Un sentier magnifique envahi par les pestes végétales. Pour toute
question, appelez le 02 62 35 12 41.
YAML
cat >"$S/ateliers/repeindre-la-case-de-quartier.md" <<YAML
---
titre: Repeindre la case de quartier de Terre-Sainte
resume: Deux couches de peinture sur les lambrequins et les volets.
edition: $NEXT
debut: "08:00"
fin: "16:00"
lieu:
  nom: Case de quartier de Terre-Sainte
  adresse: 12 rue Amiral-Lacaze, 97410 Saint-Pierre
categorie: cadre-de-vie
quartier: terre-sainte
benevoles: 8
statut: propose
---
Les lambrequins de la case ont besoin d’un coup de frais.
YAML
cat >"$S/ateliers/nettoyer-la-plage-de-terre-sainte.md" <<YAML
---
titre: Nettoyer la plage de Terre-Sainte
resume: Ramasser les déchets sur le sable et le long du lagon.
edition: $NEXT
debut: "07:30"
fin: "10:30"
lieu:
  nom: Plage de Terre-Sainte
  adresse: Boulevard de la Plage, 97410 Saint-Pierre
categorie: nature
quartier: terre-sainte
benevoles: 10
statut: annule
---
Atelier annulé : la plage est fermée par arrêté préfectoral (houle
australe). Rejoignez l’atelier du sentier littoral.
YAML
cat >"$S/ateliers/cuisiner-le-cari.md" <<YAML
---
titre: Cuisiner le cari du midi
resume: Éplucher, couper, mijoter le cari poulet et le rougail saucisses.
edition: $NEXT
debut: "08:00"
fin: "12:00"
lieu:
  nom: Cuisine de la salle polyvalente Raphaël-Babet
  adresse: 4 allée des Lataniers, 97410 Saint-Pierre
categorie: convivialite
quartier: terre-sainte
benevoles: 6
inscrits: 6
---
La cuisine ne peut pas accueillir plus de six personnes.
YAML
cat >"$S/ateliers/planter-la-ravine-blanche.md" <<YAML
---
titre: Planter la ravine Blanche
resume: Quarante plants de benjoin et de bois de senteur le long de la ravine.
edition: $PAST
debut: "08:00"
fin: "12:00"
lieu:
  nom: Ravine Blanche, passerelle
  adresse: Rue de la Ravine-Blanche, 97410 Saint-Pierre
categorie: nature
quartier: terre-sainte
benevoles: 15
statut: realise
---
Quarante plants mis en terre.
YAML
mkdir -p "$S/patrimoine"
cp "$TOP/content/retours/le-lavoir-retrouve/lavoir-apres.jpg" "$S/patrimoine/bassin.jpg"
cat >"$S/patrimoine/le-bassin-de-la-ravine-blanche.md" <<'YAML'
---
titre: Le bassin de la ravine Blanche
resume: Où l’on lavait le linge avant l’eau courante, jusqu’aux années 1960.
lieu:
  nom: Bassin de la ravine Blanche
  adresse: Rue de la Ravine-Blanche, 97410 Saint-Pierre
periode:
  siecle: XIXe
image: bassin.jpg
image_alt: Le bassin, son eau claire et ses pierres à laver, sous un toit de tuiles.
image_credit: Illustration générée (CC0)
temoins:
  - Madame Léontine Hoarau-Boyer, 91 ans
---
Le bassin servait aux lavandières du quartier.
YAML
cp "$TOP/content/retours/le-lavoir-retrouve/bassin-eau-claire.jpg" "$S/retours/premiere-journee/ravine.jpg"
cat >"$S/retours/premiere-journee/index.md" <<YAML
---
titre: Quarante plants le long de la ravine Blanche
resume: Notre première Journée citoyenne, en images.
edition: $PAST
ateliers:
  - ateliers/planter-la-ravine-blanche
photos:
  - fichier: ravine.jpg
    alt: L’eau claire de la ravine, les dalles du fond visibles, une feuille qui flotte.
    legende: La ravine nettoyée.
---
Merci aux trente bénévoles.
YAML
(cd "$S" && $GIT add -A && $GIT commit -qm "Notre Journée citoyenne")
# The binary itself, default settings: no SOURCE_DATE_EPOCH, the site in
# the current directory, the output in public/.
(cd "$S" && unset SOURCE_DATE_EPOCH && "$FABRIQUE" build -q) >"$WORK/.out" 2>"$WORK/.err"
status "the other commune builds with the default settings" 0 $?
OUT=$S/public
[ -f "$OUT/index.html" ] || exit 0

if grep -rl 'par Test' "$OUT" --include='*.html' >"$WORK/names"; then
	not_ok "other commune: no committer name on any page by default" "$(head -3 "$WORK/names")"
else ok "other commune: no committer name on any page by default"; fi

# What this commune's pages say of themselves.
F=$OUT/ateliers/cuisiner-le-cari/index.html
contains "the full workshop says Complet" "$F" "Complet"
if grep -q 'class="moyens-inscription' "$F"; then not_ok "the full workshop offers no sign-up"
else ok "the full workshop offers no sign-up"; fi
contains "the heritage story shows its image" "$OUT/patrimoine/le-bassin-de-la-ravine-blanche/index.html" \
	'alt="Le bassin, son eau claire'
contains "the workshops' times are La Réunion's (+04:00)" "$OUT/ateliers/debroussailler-le-sentier-littoral/index.html" \
	"$NEXT-06-13T07:30:00+04:00"
contains "the past workshop links to its recap" "$OUT/ateliers/planter-la-ravine-blanche/index.html" \
	'/retours/premiere-journee/'

find "$OUT" -name '*.html' | sort >"$WORK/html.list"
n=$(wc -l <"$WORK/html.list")
# shellcheck disable=SC2046
java -jar "$HERE/node_modules/vnu-jar/build/dist/vnu.jar" --errors-only --format gnu \
	$(cat "$WORK/html.list") >"$WORK/vnu.out" 2>&1
if [ ! -s "$WORK/vnu.out" ] && [ "$n" -gt 15 ]; then
	ok "other commune: Nu HTML Checker, $n HTML files, no error"
else
	not_ok "other commune: Nu HTML Checker, $n HTML files, $(wc -l <"$WORK/vnu.out") error line(s)" \
		"$(sed "s|$OUT/||" "$WORK/vnu.out" | head -n 30)"
fi

node "$HERE/scan.mjs" "$OUT"
node "$HERE/chaque.mjs" "$OUT" "autre commune" "$ART/autre" 2>"$WORK/node.err" ||
	sed 's/^/#   /' "$WORK/node.err" | head -n 30

# Phone only: the same commune once the e-mail is taken away.
sed -i '/^inscription:/,/^contacts:/{/email:/d}' "$S/editions/$NEXT.yaml"
(cd "$S" && $GIT commit -qam "Inscriptions par téléphone seulement" &&
	"$FABRIQUE" build -q --out "$WORK/tel") >"$WORK/.out" 2>"$WORK/.err"
status "the commune with sign-up by phone only builds" 0 $?
node "$HERE/chaque.mjs" "$WORK/tel" "par téléphone seulement" "" 2>"$WORK/node.err" ||
	sed 's/^/#   /' "$WORK/node.err" | head -n 30
exit 0
