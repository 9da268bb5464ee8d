#!/bin/sh
# A link to a workshop's old file after a rename (tester20 F14): the
# "did you mean" named another year's workshop by spelling
# (nettoyer-2025.md) although the history knows the file was renamed.
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
mkmini "$R"
A=$R/site/ateliers
for y in 2025 2026; do
	sed "s/^titre: .*/titre: Nettoyer le lavoir ($y)/" \
	    "$A/nettoyer-le-lavoir-2025.md" >"$A/nettoyer-$y.md"
done
printf "\nL'an dernier : [l'atelier de 2026](nettoyer-2026.md).\n" >>"$A/planter-des-haies.md"
commit_all "$R" "Deux années"
(cd "$R" && $GIT mv site/ateliers/nettoyer-2026.md site/ateliers/nettoyer-le-stade.md &&
 sed -i 's/^titre: .*/titre: Nettoyer le stade/' site/ateliers/nettoyer-le-stade.md &&
 $GIT commit -qam "renommé")

(cd "$R" && "$FABRIQUE" check site) >"$WORK/.out" 2>"$WORK/.err"
status "the broken link is an error" 1 $?
contains "the renamed file is suggested" "$WORK/.err" \
    "the link 'nettoyer-2026.md' points to site/ateliers/nettoyer-2026.md, which does not exist; did you mean 'nettoyer-le-stade.md'?"
lacks "not another year's workshop" "$WORK/.err" "did you mean 'nettoyer-2025.md'"
# without a rename, spelling still decides
sed -i 's/(nettoyer-2026.md)/(nettoyer-2052.md)/' "$A/planter-des-haies.md"
commit_all "$R" "faute"
(cd "$R" && "$FABRIQUE" check site) >"$WORK/.out" 2>"$WORK/.err"
contains "a typo is still answered by spelling" "$WORK/.err" "did you mean 'nettoyer-2025.md'?"
