#!/bin/sh
# A web address written where a file of the site is wanted (a
# workshop's image:, site.yaml's logo:) is said to be one, with what to
# do (download the file beside the page, write its name), as the body's
# images from another site are told; it was reported as a file that does
# not exist, which reads as a typo (tester19 F15).
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
mkmini "$R"
cd "$R" || exit 1
F=site/ateliers/repeindre-le-preau.md

sed -i '/^benevoles:/a image: https://upload.wikimedia.org/wikipedia/commons/x/preau.jpg?width=800\nimage_alt: Le préau de l’école' "$F"
line=$(grep -n '^image:' "$F" | cut -d: -f1)
commit_all "$R" "image d’ailleurs"
LANGUAGE= LC_ALL=fr_FR.UTF-8 "$FABRIQUE" check site >"$WORK/.err" 2>&1
status "image: a web address fails the check" 1 $?
contains "image: said to be an address on another site, with the line to write" "$WORK/.err" \
	"$F:$line:8: erreur : « https://upload.wikimedia.org/wikipedia/commons/x/preau.jpg?w... » est une adresse sur un autre site (upload.wikimedia.org), pas un fichier de ce site : l’adresse de chaque visiteur lui serait transmise, ce que les mentions légales du site excluent ; téléchargez le fichier, enregistrez-le à côté de celui-ci et écrivez son nom : image: preau.jpg"
lacks "image: not called a missing file" "$WORK/.err" "n’existe pas"
(cd "$R" && $GIT reset -q --hard HEAD~1)

echo "logo: https://www.mairie.fr/images/logo.png" >>site/site.yaml
line=$(grep -n '^logo:' site/site.yaml | cut -d: -f1)
commit_all "$R" "logo d’ailleurs"
"$FABRIQUE" check site >"$WORK/.err" 2>&1
status "logo: a web address fails the check" 1 $?
contains "logo: said to be an address on another site, with the line to write" "$WORK/.err" \
	"site/site.yaml:$line:7: error: 'https://www.mairie.fr/images/logo.png' is an address on another site (www.mairie.fr), not a file of this site"
contains "logo: the line to write" "$WORK/.err" "write its name: logo: logo.png"
lacks "logo: not called a missing file" "$WORK/.err" "does not exist"
