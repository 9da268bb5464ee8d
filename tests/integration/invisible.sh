#!/bin/sh
# Invisible characters pasted from a word processor or a PDF into a title
# (outside tester 18 F15): a soft hyphen (U+00AD) or a zero-width space
# (U+200B) splits the word for search, unseen in every editor, and check
# said nothing.  Now a warning at the character, naming it.
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
mkmini "$R"
cd "$R" || exit 1
A=site/ateliers/repeindre-le-preau.md
sed -i "s/^titre: .*/titre: Repeindre le pr$(printf '\302\255')éau/" "$A"
sed -i "s/^resume: .*/resume: \"Un coup de jeune pour le pr$(printf '\342\200\213')éau.\"/" "$A"
commit_all "$R" "collé depuis un traitement de texte" >/dev/null
LANGUAGE= LC_ALL=fr_FR.UTF-8 "$FABRIQUE" check site >"$WORK/.err" 2>&1
status "a warning, not an error" 0 $?
contains "a soft hyphen in a title: at its column, named" "$WORK/.err" \
	"$A:2:23: avertissement : caractère invisible collé (trait d’union conditionnel) : retapez le mot"
contains "a zero-width space in a quoted summary: at the value" "$WORK/.err" \
	"$A:3:9: avertissement : caractère invisible collé (espace sans chasse) : retapez le mot"
"$FABRIQUE" check site --strict >"$WORK/.err" 2>&1
status "an error under --strict" 1 $?
contains "in English" "$WORK/.err" "$A:2:23: error: invisible character pasted in (soft hyphen): type the word again"
sed -i "s/^titre: .*/titre: Repeindre le préau/; s/^resume: .*/resume: Un coup de jeune./" "$A"
commit_all "$R" "retapé" >/dev/null
"$FABRIQUE" check site --strict >"$WORK/.err" 2>&1
status "retyped: clean" 0 $?
