#!/bin/sh
# A timetable page as an editor writes it (issue 17), built from a git
# repository with the uninstalled binary, then checked as residents meet
# it: the Nu HTML Checker over the page, axe-core in headless Chromium at
# 320 CSS px, the page itself never scrolls sideways while the table
# scrolls in its own labelled box (keyboard included), a code block (a
# pasted indented paragraph) wraps its lines inside the page, and the print
# layout (no scroll box, header row repeated, borders).  Needs chromium
# and a JRE (tests/deps.sh check) and the npm packages of
# tests/browser/package.json (installed here with npm ci when missing).
. "$(dirname "$0")/../lib.sh"
browser_npm

R=$WORK/repo
mkmini "$R"
cat >"$R/site/pages/horaires.md" <<'MD'
---
titre: Horaires de la journée
---
# Le samedi

Le programme complet est en ligne : https://jc.villeneuve-test.fr/programme/?jour=samedi
(à 9:30, accueil au préau[^accueil]).

Table : Horaires des ateliers du samedi 23 mai

| Heure | Atelier | Lieu | Référent | Places | Matériel fourni |
|-------|---------|------|----------|-------:|:---------------:|
| 9:30  | Repeindre le préau de l'école | Cour de l'école élémentaire | Service technique municipal | 12 | Pinceaux, rouleaux, bâches |
| 10:00 | ~~Nettoyer le lavoir~~ Planter des haies | Chemin des Perrières, après le pont | Association des jardins partagés | 8 | Gants, bêches, arrosoirs |
| 14:00 | Construire une boîte à livres | Place de la mairie, sous les tilleuls | Médiathèque intercommunale | 6 | Planches, vis, visseuses |

Les consignes, collées depuis un traitement de texte :

    Chaque bénévole apporte ses gants, sa gourde et sa bonne humeur ; les outils sont prêtés par le service technique municipal et rendus le soir.

```
inscriptions@jc.villeneuve-test.example;https://jc.villeneuve-test.example/inscription/?atelier=repeindre-le-preau-de-l-ecole-elementaire
```

## À apporter

- [ ] Des gants de jardinage
- [x] Une gourde

[^accueil]: Café et viennoiseries offerts par le comité des fêtes.
MD
commit_all "$R" "Horaires en tableau"
(cd "$R" && "$FABRIQUE" build site --out "$WORK/out" -q) 2>"$WORK/.err"
status "the timetable page builds" 0 $?
H=$WORK/out/horaires/index.html
[ -f "$H" ] || exit 0

java -jar "$HERE/node_modules/vnu-jar/build/dist/vnu.jar" --errors-only --format gnu \
	"$H" >"$WORK/vnu.out" 2>&1
if [ ! -s "$WORK/vnu.out" ]; then ok "Nu HTML Checker: the timetable page has no error"
else not_ok "Nu HTML Checker: the timetable page has no error" "$(head -n 20 "$WORK/vnu.out")"; fi

node "$HERE/markdown.mjs" "$WORK/out" /horaires/
exit 0
