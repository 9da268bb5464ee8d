#!/bin/sh
# A referent is published by first name only unless the entry says
# public: true (the schema's 'prenom_sauf: public'), whatever the
# build's options (outside tester 23 F5): a surname after an elided
# particle, « Jean-Marc d’Hérouville » with a straight or curly
# apostrophe, is read as one; the site shows « Jean-Marc H. » even
# when the build is not --strict, and the warning says so.
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
OUT=$WORK/out
mkmini "$R"
cd "$R" || exit 1
cat >site/ateliers/planter-des-haies.md <<'M'
---
titre: Planter des haies
debut: "14:00"
fin: "17:00"
categorie: nature
quartier: moulin
benevoles: 5
resume: Une haie pour les oiseaux et les insectes du Moulin.
lieu: Chemin du Moulin
referents:
  - nom: Jean-Marc d’Hérouville
  - nom: Anne d'Alembert
  - nom: Claire Dupont
  - nom: Karim Benali
    public: true
  - nom: Marie-Anne
---
Une haie champêtre.
M
commit_all "$R" "référents" >/dev/null
"$FABRIQUE" build site --out "$OUT" -q 2>"$WORK/.err"
status "the site builds (not --strict)" 0 $?
H=$OUT/ateliers/planter-des-haies/index.html
contains "a name after « d’ » is shown as the first name and the initial" "$H" "Jean-Marc H."
contains "after « d' » too" "$H" "Anne A."
contains "and a plain surname" "$H" "Claire D."
contains "a referent who agreed keeps the whole name" "$H" "Karim Benali"
contains "a compound first name is kept" "$H" "Marie-Anne"
for name in Hérouville Alembert Dupont; do
	if grep -rlq "$name" "$OUT"; then
		not_ok "no file of the site holds the surname $name" "$(grep -rl "$name" "$OUT" | head -3)"
	else
		ok "no file of the site holds the surname $name"
	fi
done
contains "the warning is at the name, and says what the site shows" "$WORK/.err" \
	"site/ateliers/planter-des-haies.md:11:10: warning: 'nom' looks like a first name and a surname ('Jean-Marc d’Hérouville'): only first names are published, so the site shows 'Jean-Marc H.'"
contains "the straight apostrophe is caught too" "$WORK/.err" \
	"site/ateliers/planter-des-haies.md:12:10: warning: 'nom' looks like a first name and a surname ('Anne d'Alembert')"
LANGUAGE= LC_ALL=fr_FR.UTF-8 "$FABRIQUE" check site --strict >/dev/null 2>"$WORK/.fr"
status "check --strict refuses it (the hook's check)" 1 $?
contains "in French, saying what the site shows" "$WORK/.fr" \
	"seuls les prénoms sont publiés, le site affiche donc « Jean-Marc H. »"
