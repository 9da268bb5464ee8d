#!/bin/sh
# Workshops sorted into a folder per year (tester20 F6): the advice to
# move ateliers/2025/x.md to ateliers/x.md would replace this year's
# workshop, and a link to it said the file « n'existe pas ».
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
mkmini "$R"
A=$R/site/ateliers
mkdir -p "$A/2025" "$A/2024"
cp "$A/planter-des-haies.md" "$A/2025/planter-des-haies.md"
cp "$A/planter-des-haies.md" "$A/2024/planter-des-haies.md"
cp "$A/repeindre-le-preau.md" "$A/planter-des-haies-2024.md"
sed -i 's/^titre: .*/titre: Planter des haies en 2024/' "$A/planter-des-haies-2024.md"
cp "$A/repeindre-le-preau.md" "$A/2025/unique.md"
printf "\nL'an dernier : [l'atelier de 2025](2025/planter-des-haies.md).\n" >>"$A/planter-des-haies.md"
commit_all "$R" "Les ateliers rangés par année"

(cd "$R" && "$FABRIQUE" check site) >"$WORK/.out" 2>"$WORK/.err"
contains "a name that is taken is not suggested: the folder's name is added" "$WORK/.err" \
    "site/ateliers/2025/planter-des-haies.md: warning: in ateliers/, files are placed directly, without sub-folder: this one is not published; ateliers/planter-des-haies.md is another page already, do not replace it: move this one to ateliers/planter-des-haies-2025.md"
contains "and a number when that is taken too" "$WORK/.err" \
    "site/ateliers/2024/planter-des-haies.md: warning: in ateliers/, files are placed directly, without sub-folder: this one is not published; ateliers/planter-des-haies.md is another page already, do not replace it: move this one to ateliers/planter-des-haies-2024-2.md"
lacks "never the name of this year's workshop" "$WORK/.err" "move this one to ateliers/planter-des-haies.md"
contains "a free name is suggested as before" "$WORK/.err" \
    "site/ateliers/2025/unique.md: warning: in ateliers/, files are placed directly, without sub-folder: move this one to ateliers/unique.md"
contains "a link to it says it is not published, not that it does not exist" "$WORK/.err" \
    "error: the link '2025/planter-des-haies.md' points to site/ateliers/2025/planter-des-haies.md, which exists but is not published"
lacks "no « does not exist »" "$WORK/.err" "which does not exist"

(cd "$R" && LANGUAGE= LC_ALL=fr_FR.UTF-8 LANG=fr_FR.UTF-8 "$FABRIQUE" check site) >"$WORK/.out" 2>"$WORK/.err"
contains "in French" "$WORK/.err" \
    "ateliers/planter-des-haies.md est déjà une autre page, ne la remplacez pas : déplacez celui-ci en ateliers/planter-des-haies-2025.md"
contains "the link, in French" "$WORK/.err" "qui existe mais n’est pas publié"
