#!/bin/sh
# Associations and businesses co-organising a workshop (outside tester 24
# F5): written as referents, the first-name rule published them cut
# (« Comité S. », « Cycles M. »).  A workshop's `partenaires:` (nom, role,
# url) is published whole under its own heading and in the page's
# JSON-LD as organizers; one left in referents gets a warning that says
# to move it there, in English and in French.
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
OUT=$WORK/out
mkmini "$R"
cd "$R" || exit 1
cat >site/ateliers/atelier-velo.md <<'M'
---
titre: Atelier vélo
debut: "09:00"
fin: "12:00"
categorie: nature
resume: On répare les vélos du quartier.
lieu: Place de la Mairie
referents:
  - {nom: Claire, role: mécanicienne}
partenaires:
  - {nom: Vélo Solidaire 37, role: association co-organisatrice, url: "https://velo-solidaire.example.org/"}
  - {nom: Comité des fêtes de Saint-Aubin, role: association co-organisatrice}
  - Cycles Martin SARL
---
Un atelier de réparation.
M
commit_all "$R" "partenaires" >/dev/null
"$FABRIQUE" build site --out "$OUT" 2>"$WORK/.err"
status "the site builds" 0 $?
H=$OUT/ateliers/atelier-velo/index.html
contains "the partners have their own heading" "$H" '<h2 id="titre-partenaires">Partenaires</h2>'
contains "an association's name is published whole, linked to its site" "$H" \
	'<a href="https://velo-solidaire.example.org/">Vélo Solidaire 37</a></strong>, association co-organisatrice'
contains "a second one, whole, without a link" "$H" \
	'<li><strong>Comité des fêtes de Saint-Aubin</strong>, association co-organisatrice</li>'
contains "a business given by its name alone" "$H" '<li><strong>Cycles Martin SARL</strong></li>'
for cut in "Vélo S." "Comité S." "Cycles M."; do
	lacks "no name cut to « $cut »" "$H" "$cut"
done
contains "the JSON-LD names them as organizers" "$H" \
	'{"@type":"Organization","name":"Comité des fêtes de Saint-Aubin"}'
lacks "no warning about them" "$WORK/.err" "atelier-velo.md"

# one left in referents: the warning says where it belongs
cat >site/ateliers/atelier-velo.md <<'M'
---
titre: Atelier vélo
debut: "09:00"
fin: "12:00"
categorie: nature
resume: On répare les vélos du quartier.
lieu: Place de la Mairie
referents:
  - {nom: Comité des fêtes de Saint-Aubin, role: association co-organisatrice}
  - {nom: Cycles Martin, role: partenaire (prêt des outils)}
  - {nom: Claire Dupont, role: mécanicienne}
---
Un atelier de réparation.
M
commit_all "$R" "référents" >/dev/null
"$FABRIQUE" build site --out "$OUT" 2>"$WORK/.err"
status "it builds (a warning)" 0 $?
contains "an association's name: move it to partenaires" "$WORK/.err" \
	"site/ateliers/atelier-velo.md:9:11: warning: 'nom' looks like the name of an association or a business ('Comité des fêtes de Saint-Aubin'), yet only first names are published here, so the site shows 'Comité S.'; if it is an association or a business, move it to 'partenaires:'"
contains "a role that says partenaire: the same hint" "$WORK/.err" \
	"site/ateliers/atelier-velo.md:10:11: warning: 'nom' looks like the name of an association or a business ('Cycles Martin')"
contains "a person keeps the person's message" "$WORK/.err" \
	"site/ateliers/atelier-velo.md:11:11: warning: 'nom' looks like a first name and a surname ('Claire Dupont')"
LANGUAGE= LC_ALL=fr_FR.UTF-8 "$FABRIQUE" check site --strict >/dev/null 2>"$WORK/.fr"
status "check --strict refuses it (the hook's check)" 1 $?
contains "in French" "$WORK/.fr" \
	"« nom » ressemble au nom d’une association ou d’une entreprise (« Comité des fêtes de Saint-Aubin »), mais seuls les prénoms sont publiés ici, le site affiche donc « Comité S. » ; si c’est une association ou une entreprise, déplacez-la dans « partenaires: »"
lacks "no more « cette personne » for the association" "$WORK/.fr" \
	"(« Comité des fêtes de Saint-Aubin ») : seuls les prénoms sont publiés"
