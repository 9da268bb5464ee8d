#!/bin/sh
# A site adds a few CSS rules without copying the theme (outside tester
# 20 F18): SITE/theme/assets/css/site.css, when present, is linked by the
# commune theme's base.mustache after its own stylesheet (and after the
# site's colours), fingerprinted like every asset and precached by the
# service worker; without it no link is written.  The site is a git
# repository of its own, built with the uninstalled binary and defaults.
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
OUT=$WORK/out
mkmini "$R"
cd "$R" || exit 1
"$FABRIQUE" build site --out "$OUT" -q 2>"$WORK/.err"
status "the site builds without site.css" 0 $?
lacks "no site.css link without the file" "$OUT/index.html" "assets/css/site."
if [ "$(grep -c 'rel="stylesheet"' "$OUT/index.html")" = 1 ]; then ok "one stylesheet without site.css"
else not_ok "one stylesheet without site.css" "$(grep 'rel="stylesheet"' "$OUT/index.html")"; fi

mkdir -p site/theme/assets/css
printf '/* Villeneuve : le pied de page en vert */\n.pied { background: #e8f5e9; }\n' >site/theme/assets/css/site.css
commit_all "$R" "Quelques règles CSS à nous" >/dev/null
"$FABRIQUE" check site --strict >"$WORK/check" 2>&1
status "check --strict passes with site.css" 0 $?
"$FABRIQUE" build site --out "$OUT" -q 2>"$WORK/.err"
status "the site builds again with site.css (same output folder)" 0 $?
link=$(grep -o '<link rel="stylesheet" href="/assets/css/site\.[0-9a-f]*\.css">' "$OUT/index.html")
if [ -n "$link" ]; then ok "the home page links the site's stylesheet, fingerprinted"
else not_ok "the home page links the site's stylesheet, fingerprinted" "$(grep stylesheet "$OUT/index.html")"; fi
css=$(printf '%s' "$link" | sed 's/.*href="\/\([^"]*\)".*/\1/')
if [ -n "$css" ] && grep -qF '.pied { background: #e8f5e9; }' "$OUT/$css"; then ok "the fingerprinted file holds the site's rules"
else not_ok "the fingerprinted file holds the site's rules" "$css"; fi
# after the theme's stylesheet and the site's colours: its rules win
order=$(grep -n -e 'assets/css/style\.' -e 'assets/css/site\.' -e '<style>:root' "$OUT/index.html" | cut -d: -f1 | tr '\n' ' ')
last=$(grep -n 'assets/css/site\.' "$OUT/index.html" | cut -d: -f1)
if [ -n "$last" ] && [ "$(printf '%s\n' $order | sort -n | tail -1)" = "$last" ]; then ok "site.css comes after the theme's stylesheet and colours"
else not_ok "site.css comes after the theme's stylesheet and colours" "lines: $order"; fi
for p in ateliers/index.html programme/index.html 404.html; do
	if [ -f "$OUT/$p" ]; then contains "$p links it too" "$OUT/$p" "$link"; fi
done
contains "the service worker precaches it" "$OUT/sw.js" "\"/$css\""

# the fingerprint follows the content: phones never keep an old copy
printf '.pied { background: #fff3e0; }\n' >site/theme/assets/css/site.css
commit_all "$R" "Autre couleur" >/dev/null
"$FABRIQUE" build site --out "$OUT" -q 2>"$WORK/.err"
link2=$(grep -o '<link rel="stylesheet" href="/assets/css/site\.[0-9a-f]*\.css">' "$OUT/index.html")
if [ -n "$link2" ] && [ "$link2" != "$link" ]; then ok "a changed site.css gets a new name"
else not_ok "a changed site.css gets a new name" "$link -> $link2"; fi

# under a path, its address carries the path like the theme's
sed -i 's|^url: .*|url: https://mairie.example/journee/|' site/site.yaml
commit_all "$R" "Sous un chemin" >/dev/null
"$FABRIQUE" build site --out "$WORK/sub" -q 2>"$WORK/.err"
contains "under a path, site.css is linked under it" "$WORK/sub/index.html" 'href="/journee/assets/css/site.'

# documented where webmasters look
contains "docs/templates.md tells it" "$TOP/docs/templates.md" "theme/assets/css/site.css"
contains "README tells it" "$TOP/README.md" "theme/assets/css/site.css"
