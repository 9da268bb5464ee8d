#!/bin/sh
# A typo in a value of a list of choices (outside tester 18 F20):
# « type: archive » where « archives » is allowed got the list of values
# without the « vouliez-vous dire » that field names get.  Now the value
# meant, when one is within 2 edits.
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
mkmini "$R"
cd "$R" || exit 1
H=site/patrimoine/lavoir.md
sed -i 's|^  - ateliers/repeindre-le-preau$|  - ateliers/repeindre-le-preau\nsources:\n  - type: archive\n    titre: Registre des délibérations|' "$H"
sed -i 's/^categorie: .*/categorie: renovatoin/' site/ateliers/repeindre-le-preau.md
commit_all "$R" "fautes de frappe" >/dev/null
LANGUAGE= LC_ALL=fr_FR.UTF-8 "$FABRIQUE" check site >"$WORK/.err" 2>&1
status "refused" 1 $?
contains "archive: did you mean archives" "$WORK/.err" \
	"$H:7:11: erreur : « type » doit être l’une de ces valeurs : archives, temoignage, ouvrage, cadastre, carte-postale, presse ; reçu « archive » ; vouliez-vous dire « archives » ?"
contains "a site's category too" "$WORK/.err" "reçu « renovatoin » ; vouliez-vous dire « renovation » ?"
"$FABRIQUE" check site >"$WORK/.err" 2>&1
contains "in English" "$WORK/.err" "got 'archive'; did you mean 'archives'?"
# a value far from every one: the list alone, no guess
sed -i 's/^  - type: archive$/  - type: journal/' "$H"
commit_all "$R" "autre type" >/dev/null
"$FABRIQUE" check site >"$WORK/.err" 2>&1
contains "far from all: the list" "$WORK/.err" "got 'journal'"
lacks "and no guess" "$WORK/.err" "got 'journal'; did you mean"
