#!/bin/sh
# A value that YAML cannot start with (outside tester 19, F11): "@" and
# "`" are reserved, "- " opens a list, "# " a comment.  Each is said in
# French at its line, with the line to write, not libyaml's English
# ("found character that cannot start any token") nor "no value" and
# "required" for a title the editor did write.
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
mkmini "$R"
cd "$R" || exit 1
F=site/ateliers/repeindre-le-preau.md
cp "$F" "$WORK/orig.md"
fr() { (LANGUAGE= LC_ALL=fr_FR.UTF-8 LANG=fr_FR.UTF-8 "$FABRIQUE" "$@"); }
# slip SED: the workshop with one change, checked in French
slip() { cp "$WORK/orig.md" "$F" && sed -i "$1" "$F" && fr check site --worktree >"$WORK/.out" 2>&1; }

slip 's/^titre: .*/titre: @mairie nettoie/'
status "titre: @mairie is an error" 1 $?
contains "'@' said at its column, with the line to write" "$WORK/.out" \
	"$F:2:8: erreur : une valeur ne peut pas commencer par « @ » ; mettez-la entre guillemets : titre: \"@mairie nettoie\""
lacks "no English libyaml text" "$WORK/.out" "cannot start any token"
slip 's/^titre: .*/titre: - Nettoyer/'
status "titre: - Nettoyer is an error" 1 $?
contains "'- ' said at its column, with the line to write" "$WORK/.out" \
	"$F:2:8: erreur : une valeur ne peut pas commencer par « - » ; mettez-la entre guillemets : titre: \"- Nettoyer\""
lacks "no English libyaml text for '- '" "$WORK/.out" "block sequence entries"
slip 's/^  nom: .*/  nom: `Le Bourg`/'
contains "a backquote too, in a nested field" "$WORK/.out" \
	"$F:10:8: erreur : une valeur ne peut pas commencer par « \` » ; mettez-la entre guillemets : nom: \"\`Le Bourg\`\""
slip 's/^titre: .*/titre: # Nettoyer/'
status "titre: # Nettoyer is an error" 1 $?
contains "'#' said as a comment, with the line to write" "$WORK/.out" \
	"$F:2:8: erreur : « # » commence un commentaire, laissé de côté : « titre » reste vide ; écrivez la valeur sans « # », ou entre guillemets : titre: \"# Nettoyer\""
lacks "not 'no value after its colon'" "$WORK/.out" "pas de valeur"
lacks "not 'required'" "$WORK/.out" "obligatoire"
# Written as told, each passes.
slip 's/^titre: .*/titre: "@mairie nettoie"/'
status "'@' between quotes passes" 0 $?
slip 's/^titre: .*/titre: "# Nettoyer"/'
status "'#' between quotes passes" 0 $?
# An empty field explained by a comment aligned further right, as the
# archetypes write them, is still "no value" (not a comment slip).
slip 's/^resume: .*/resume:          # une phrase/'
contains "an archetype's explaining comment is still 'no value'" "$WORK/.out" \
	"« resume » n’a pas de valeur après ses deux-points"
lacks "and not said as a comment slip" "$WORK/.out" "commence un commentaire"
# Brackets flag a change in a hurry (tester21 F14): "[ANNULÉ] Nettoyer"
# is read as a list followed by text; said with the line to write.
slip "s/^titre: .*/titre: [ANNULÉ] Nettoyer le préau/"
status "titre: [ANNULÉ] … is an error" 1 $?
contains "'[' said at its column, with the line to write" "$WORK/.out" \
	"$F:2:8: erreur : une valeur qui commence par « [ » est lue comme une liste, et du texte la suit ; mettez toute la valeur entre guillemets : titre: \"[ANNULÉ] Nettoyer le préau\""
lacks "no English libyaml text for '['" "$WORK/.out" "did not find expected key"
slip "s/^titre: .*/titre: {COMPLET} Nettoyer/"
contains "'{' too" "$WORK/.out" \
	"$F:2:8: erreur : une valeur qui commence par « { » est lue comme un dictionnaire, et du texte la suit ; mettez toute la valeur entre guillemets : titre: \"{COMPLET} Nettoyer\""
slip "s/^titre: .*/titre: \"[ANNULÉ] Nettoyer le préau\"/"
status "'[' between quotes passes" 0 $?
slip "s/^resume: .*/&\ntags: [lavoir, ecole]   # deux mots/"
status "a list followed by a comment is no slip" 0 $?
