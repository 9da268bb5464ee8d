#!/bin/sh
# Theme layers: a site overrides one string or one template in SITE/theme/
# and keeps the rest of the theme.  The site is a git repository of its
# own in a temp folder, built with the uninstalled binary and defaults.
. "$(dirname "$0")/../lib.sh"

R="$WORK/site"
mkrepo "$R"
mkdir -p "$R/content/theme/i18n"
cat >"$R/content/theme/i18n/fr.yaml" <<'YAML'
# One label changed; every other string comes from the theme.
libelles:
  ou: Rendez-vous à
YAML
commit_all "$R" "Un libellé à nous"
(cd "$R" && "$FABRIQUE" build content --out "$WORK/out") >"$WORK/.out" 2>"$WORK/.err"
status "a site's i18n file with one label builds" 0 $?
A="$WORK/out/ateliers/construire-une-boite-a-livres/index.html"
contains "the overridden label is shown" "$A" "<dt>Rendez-vous à</dt>"
contains "the other labels of the same group are kept" "$A" "<dt>Quand</dt>"
contains "labels of other groups are kept (skip link)" "$A" ">Aller au contenu</a>"
contains "lists of the theme's strings are kept (month names)" "$A" "mai"
lacks "no label left empty" "$A" "<dt></dt>"
lacks "the default theme names no missing string" "$WORK/.err" "is not in the theme's strings"

# A template of the site's own that names a string nobody defines.
mkdir -p "$R/content/theme/templates"
sed 's/{{t.libelles.quand}}/{{t.libelles.quand_donc}}/' \
    "$R/themes/commune/templates/atelier.mustache" \
    >"$R/content/theme/templates/atelier.mustache"
commit_all "$R" "Un gabarit à nous"
# where the theme's template names that string (line:col), whatever its edits
at=$(awk '{i = index($0, "{{t.libelles.quand}}"); if (i) { print NR ":" i; exit }}' \
    "$R/themes/commune/templates/atelier.mustache")
(cd "$R" && "$FABRIQUE" build content --out "$WORK/out2") >"$WORK/.out" 2>"$WORK/.err"
status "a missing string is a warning, not an error" 0 $?
contains "the warning names the template, line and column" "$WORK/.err" \
    "content/theme/templates/atelier.mustache:$at: warning: 't.libelles.quand_donc' is not in the theme's strings"
(cd "$R" && LANGUAGE= LC_ALL=fr_FR.UTF-8 LANG=fr_FR.UTF-8 "$FABRIQUE" build content --out "$WORK/out3") >"$WORK/.out" 2>"$WORK/.err"
contains "the warning speaks French" "$WORK/.err" \
    "« t.libelles.quand_donc » n’est pas dans les textes du thème"
