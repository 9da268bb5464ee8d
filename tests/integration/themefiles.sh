#!/bin/sh
# A site's own theme files (theme/, committed with the content) bring no
# third-party request and no script (outside tester 30 F10): check (so
# build and the pre-receive hook) refuses, at the theme file's
# line:col, an @import or url() of another site in its CSS, an element
# of its templates loading from another site (script, link, iframe,
# img, source, object, embed, form…), and <script>, on…= handlers,
# javascript: addresses and .js files unless site.yaml says
# 'markdown: html_brut: true'.  A template copied from the theme, as
# docs/templates.md says, passes (its service worker registration is the
# theme's); an attribute made of a Mustache tag is not judged.  Sites
# made by `fabrique init`, repositories of their own, the uninstalled
# binary; a real push to a bare repository for the hook.
. "$(dirname "$0")/../lib.sh"

THEME=$TOP/themes/commune
starter_site
starter_addressed
fill_starter .
commit_at 2026-11-20T10:00:00+01:00 "Nos textes"
OUT=$WORK/public

# strict NAME EXPECTED: check --strict's exit status, messages in $WORK/.out
strict() {
	"$FABRIQUE" check --strict >"$WORK/.out" 2>&1
	_st=$?
	cp "$WORK/.out" "$WORK/.err"
	status "$1" "$2" $_st
}
commit() { $GIT add -A && $GIT commit -qm "$1"; }

# 1. A clean override: a few rules, the theme's templates copied whole
# (base holds the service worker's registration), a JSON-LD block.
mkdir -p theme/assets/css theme/templates/partials
printf '/* nos couleurs, sans url(https://ailleurs.example/) */\n.pied { background: #e8f5e9 url(../img/fond.png); }\n@import url(imprimer.css) print;\n' >theme/assets/css/site.css
cp -R "$THEME/templates/." theme/templates/
cp -R "$THEME/assets/js" theme/assets/
cat >>theme/templates/partials/pied.mustache <<'EOF'
<p><a href="https://www.service-public.fr/">Service public</a> <img src="{{site.logo_url}}" alt=""> <a href="{{url}}">x</a></p>
<link rel="canonical" href="https://journee.saint-aubin.fr/"><script type="application/ld+json">{"@type": "Event"}</script>
EOF
commit "Thème copié, quelques règles"
strict "the theme's templates and scripts copied whole, a few rules: check --strict passes" 0
lacks "no word on the copied theme" "$WORK/.out" "theme/"
"$FABRIQUE" build --out "$OUT" -q 2>"$WORK/.err"
status "and it builds" 0 $?
snap=$(snapshot "$OUT")
# the font copied as the message says is found: url(../fonts/…) names it
mkdir -p theme/assets/fonts && printf 'wOF2 police' >theme/assets/fonts/Roboto.woff2
printf '@font-face { font-family: R; src: url("../fonts/Roboto.woff2") format("woff2"); }\nbody { font-family: R, sans-serif; }\n' >theme/assets/css/site.css
commit "Police copiée"
"$FABRIQUE" build --out "$OUT" -q 2>"$WORK/.err"
status "a font copied into theme/assets/fonts/ builds" 0 $?
font=$(cd "$OUT" && ls assets/fonts/Roboto.*.woff2 2>/dev/null)
css=$(cd "$OUT" && ls assets/css/site.*.css 2>/dev/null)
if [ -n "$font" ] && [ -n "$css" ] && grep -qF "url(\"../fonts/${font#assets/fonts/}\")" "$OUT/$css"; then
	ok "site.css's url(../fonts/Roboto.woff2) is published with the font's fingerprinted name"
else not_ok "site.css's url(../fonts/Roboto.woff2) is published with the font's fingerprinted name" "$font" "$(cat "$OUT/$css" 2>/dev/null)"; fi
# the font replaced (a better cut), site.css untouched: site.css is
# published under a new name, or the residents' browsers, which keep it
# a year, would go on asking for the old font
style=$(cd "$OUT" && ls assets/css/style.*.css)
printf 'wOF2 police, meilleure coupe' >theme/assets/fonts/Roboto.woff2
commit "Police remplacée"
"$FABRIQUE" build --out "$OUT" -q 2>"$WORK/.err"
status "the replaced font builds" 0 $?
font2=$(cd "$OUT" && ls assets/fonts/Roboto.*.woff2 2>/dev/null)
css2=$(cd "$OUT" && ls assets/css/site.*.css 2>/dev/null)
check "the font has a new published name" test -n "$font2" -a "$font2" != "$font"
check "site.css, unchanged in git, has a new published name too" test -n "$css2" -a "$css2" != "$css"
contains "the new site.css names the new font" "$OUT/$css2" "url(\"../fonts/${font2#assets/fonts/}\")"
contains "the pages link the new site.css" "$OUT/index.html" "/$css2"
contains "the service worker caches the new site.css" "$OUT/sw.js" "/$css2"
check "the theme's style.css, naming no file, keeps its name" test -f "$OUT/$style"
snap=$(snapshot "$OUT")

# 2. Google Fonts the usual way (tester 30's reproduction)
printf "@import url('https://fonts.googleapis.com/css2?family=Roboto&display=swap');\nbody { font-family: Roboto, sans-serif; }\n" >theme/assets/css/site.css
commit "Police Google"
strict "an @import of Google Fonts: check --strict refuses it" 1
contains "said at site.css:1:1, with what to do" "$WORK/.out" \
	"theme/assets/css/site.css:1:1: error: @import of 'https://fonts.googleapis.com/css2?family=Roboto&display=swap' loads a stylesheet from another site, which then learns the address of every visitor; copy the rules you need into this file, and its fonts into theme/assets/fonts/, called by url(../fonts/NAME)"
"$FABRIQUE" check >"$WORK/.out" 2>&1
status "an error without --strict too" 1 $?
"$FABRIQUE" build --out "$OUT" -q 2>"$WORK/.err"
status "build refuses it" 1 $?
if [ "$(snapshot "$OUT")" = "$snap" ]; then ok "the previous output is intact"
else not_ok "the previous output is intact"; fi
(LANGUAGE= LC_ALL=fr_FR.UTF-8 "$FABRIQUE" check >"$WORK/.out" 2>&1)
contains "in French for a French editor" "$WORK/.out" \
	"theme/assets/css/site.css:1:1: erreur : @import de « https://fonts.googleapis.com/css2?family=Roboto&display=swap » charge une feuille de style d’un autre site, qui apprend alors l’adresse de chaque visiteur ; copiez les règles utiles dans ce fichier, et ses polices dans theme/assets/fonts/, appelées par url(../fonts/NOM)"

# 3. url() of another site: a font, a picture; // and quotes
cat >theme/assets/css/site.css <<'EOF'
/* url(https://commentaire.example/) is a comment */
@font-face { font-family: R; src: url("https://fonts.gstatic.com/s/roboto.woff2") format("woff2"); }
.bandeau { background: URL( //cdn.example/fond.jpg ); }
.ok { background: url(data:image/png;base64,AAAA) url(../img/a.png); }
@import "https://cdn.example/x.css";
EOF
commit "Polices et fonds"
strict "url() of another site: refused" 1
contains "the font at its line:col" "$WORK/.out" \
	"theme/assets/css/site.css:2:35: error: url(https://fonts.gstatic.com/s/roboto.woff2) loads a file from another site, which then learns the address of every visitor; copy the file into theme/assets/ (a font into theme/assets/fonts/) and call it by url(../fonts/NAME)"
contains "URL( //… ) at its line:col" "$WORK/.out" "theme/assets/css/site.css:3:24: error: url(//cdn.example/fond.jpg) loads a file"
contains "@import \"https://…\" at its line:col" "$WORK/.out" "theme/assets/css/site.css:5:1: error: @import of 'https://cdn.example/x.css'"
lacks "a comment is not read" "$WORK/.out" "commentaire.example"
lacks "data: and a file of the site pass" "$WORK/.out" "site.css:4:"
cp "$THEME/assets/css/style.css" theme/assets/css/site.css
commit "Propre"

# 4. A partial copied, then a tag manager, a video, a font, a photo
P=theme/templates/partials/pied.mustache
cp "$THEME/templates/partials/pied.mustache" $P
n=$(wc -l <$P)
cat >>$P <<'EOF'
<script async src="https://www.googletagmanager.com/gtag/js?id=G-XXXX"></script>
<iframe title="Vidéo" src="https://www.youtube.com/embed/abc"></iframe>
<link rel="stylesheet" href="//fonts.googleapis.com/css?family=Lato"><img alt="" srcset="/a.png 1x, https://photos.example/b.png 2x">
<form action="https://formulaire.example/envoi"><object data="https://x.example/a.swf"></object><embed src="https://x.example/b"></form>
<img alt="" src="https://{{site.commune.nom}}.example/logo.png"><video poster="http://x.example/p.jpg"></video>
EOF
commit "Pied avec Google et YouTube"
strict "a partial loading from other sites: refused" 1
contains "the tag manager at its line:col" "$WORK/.out" \
	"$P:$((n + 1)):15: error: <script src=\"https://www.googletagmanager.com/gtag/js?id=G-XXXX\"> loads from another site, which then learns the address of every visitor; copy the file into theme/assets/ and call it by {{assets.NAME}}, or link to the other site with <a href> (a video: a link to its page, not an embedded player)"
contains "its <script> too, unless html_brut" "$WORK/.out" "$P:$((n + 1)):1: error: <script> runs script on every page, which only site.yaml's 'markdown: html_brut: true' allows"
contains "the YouTube player" "$WORK/.out" "$P:$((n + 2)):23: error: <iframe src=\"https://www.youtube.com/embed/abc\"> loads from another site"
contains "a stylesheet by //" "$WORK/.out" "$P:$((n + 3)):24: error: <link href=\"//fonts.googleapis.com/css?family=Lato\"> loads"
contains "a srcset's second candidate" "$WORK/.out" "$P:$((n + 3)):82: error: <img srcset=\"https://photos.example/b.png\"> loads"
contains "a form's action" "$WORK/.out" "$P:$((n + 4)):7: error: <form action=\"https://formulaire.example/envoi\"> loads"
contains "an object's data" "$WORK/.out" "$P:$((n + 4)):57: error: <object data="
contains "an embed's src" "$WORK/.out" "$P:$((n + 4)):104: error: <embed src="
contains "an address built from a literal before a tag" "$WORK/.out" "$P:$((n + 5)):13: error: <img src=\"https://{{site.commune.nom}}.example/logo.png\">"
contains "a video's poster" "$WORK/.out" "$P:$((n + 5)):72: error: <video poster="
if [ "$(grep -c "^$P" "$WORK/.out")" = 10 ]; then ok "ten findings, each said once"
else not_ok "ten findings, each said once" "$(grep "^$P" "$WORK/.out")"; fi

# 5. Script of the site's own, then trusted by html_brut
cp "$THEME/templates/partials/pied.mustache" $P
cp "$THEME/templates/page.mustache" theme/templates/page.mustache
printf "<script>alert('theme')</script>\n<button onclick=\"go()\">x</button> <a href=\" JavaScript:go()\">y</a>\n" >>theme/templates/page.mustache
n=$(($(wc -l <theme/templates/page.mustache) - 2))
printf 'x();\n' >>theme/assets/js/commune.js
commit "Un script à nous"
strict "inline script, a handler, javascript: and a changed .js: refused" 1
contains "the inline script" "$WORK/.out" "theme/templates/page.mustache:$((n + 1)):1: error: <script> runs script on every page"
contains "the handler" "$WORK/.out" "theme/templates/page.mustache:$((n + 2)):9: error: onclick= runs script on every page"
contains "the javascript: address" "$WORK/.out" "theme/templates/page.mustache:$((n + 2)):38: error: javascript: runs script on every page"
contains "the changed script file" "$WORK/.out" "theme/assets/js/commune.js:1:1: error: this file is a script, which runs on the site's pages: only site.yaml's 'markdown: html_brut: true' allows it"
printf '<script src="https://tiers.example/a.js"></script>\n' >>theme/templates/page.mustache
printf '\nmarkdown:\n  html_brut: true\n' >>site.yaml
commit "Nous faisons confiance à nos gabarits"
strict "html_brut: true: the site's script passes, not a request to another site" 1
lacks "no script error with html_brut" "$WORK/.out" "runs script"
lacks "nor the .js file" "$WORK/.out" "commune.js"
contains "the third-party script still refused" "$WORK/.out" "theme/templates/page.mustache:$((n + 3)):9: error: <script src=\"https://tiers.example/a.js\"> loads"
sed -i '$d' theme/templates/page.mustache
commit "Sans le script tiers"
strict "html_brut: true and only the site's own script: check --strict passes" 0

# 6. A drawing of the site's theme with script
sed -i '/^markdown:/,$d' site.yaml
cp "$THEME/templates/page.mustache" theme/templates/page.mustache
cp "$THEME/assets/js/commune.js" theme/assets/js/commune.js
mkdir -p theme/assets/img
printf '<svg xmlns="http://www.w3.org/2000/svg">\n<script>alert(1)</script></svg>\n' >theme/assets/img/motif.svg
commit "Un dessin"
strict "an SVG asset holding a script: refused" 1
contains "said at the drawing, with its line" "$WORK/.out" "theme/assets/img/motif.svg:2:1: error: theme/assets/img/motif.svg is an SVG drawing holding <script> (its line 2)"
rm theme/assets/img/motif.svg
commit "Sans dessin"
strict "back to the theme's own: passes" 0

# 6b. What sends a request elsewhere without a src: a refresh to
# another site, a ping, preloads, SVG <use>, <base>, image-set(), a
# @font-face with several sources
cp "$THEME/templates/partials/pied.mustache" $P
n=$(wc -l <$P)
cat >>$P <<'EOF2'
<meta http-equiv="refresh" content="5; URL='https://ailleurs.example/'"><meta http-equiv="refresh" content="300">
<a href="/programme/" ping="/compte https://mesure.example/clic">Programme</a>
<link rel="preload" as="image" href="/a.png" imagesrcset="/a.png 1x, https://cdn.example/b.png 2x">
<link rel="dns-prefetch" href="//fonts.googleapis.com"><link rel="preconnect" href="https://fonts.gstatic.com"><link rel="prefetch" href="https://cdn.example/p.html">
<svg><use href="https://icones.example/s.svg#x"></use><use xlink:href="//icones.example/s.svg#y"></use><use href="#ici"></use></svg>
<base href="https://autre.example/">
EOF2
cat >theme/assets/css/site.css <<'EOF2'
.a { background-image: image-set("https://cdn.example/a.png" 1x, "../img/a2.png" 2x); }
.b { background-image: -webkit-image-set(url(https://cdn.example/b.png) 1x, 'http://cdn.example/c.png' 2x); }
@font-face { font-family: F; src: url(../fonts/F.woff2) format("woff2"), url("https://fonts.gstatic.com/f.woff") format("woff"); }
EOF2
commit "Requêtes discrètes"
strict "requests made without src: refused" 1
contains "a refresh to another site" "$WORK/.out" \
	"$P:$((n + 1)):28: error: <meta content=\"https://ailleurs.example/\"> sends every visitor to another site as the page opens, which then learns their address; link to that site with <a href> instead"
contains "a ping to another site" "$WORK/.out" \
	"$P:$((n + 2)):23: error: <a ping=\"https://mesure.example/clic\"> sends a request to another site at each click on the link, which then learns the visitor's address; remove the ping attribute (the link itself may stay)"
contains "a preload's imagesrcset" "$WORK/.out" "$P:$((n + 3)):46: error: <link imagesrcset=\"https://cdn.example/b.png\"> loads from another site"
contains "a dns-prefetch" "$WORK/.out" "$P:$((n + 4)):26: error: <link href=\"//fonts.googleapis.com\"> loads"
contains "a preconnect" "$WORK/.out" "$P:$((n + 4)):79: error: <link href=\"https://fonts.gstatic.com\"> loads"
contains "a prefetch" "$WORK/.out" "$P:$((n + 4)):133: error: <link href=\"https://cdn.example/p.html\"> loads"
contains "an SVG <use href>" "$WORK/.out" "$P:$((n + 5)):11: error: <use href=\"https://icones.example/s.svg#x\"> loads"
contains "an SVG <use xlink:href>" "$WORK/.out" "$P:$((n + 5)):60: error: <use xlink:href=\"//icones.example/s.svg#y\"> loads"
contains "a <base href>" "$WORK/.out" \
	"$P:$((n + 6)):7: error: <base href=\"https://autre.example/\"> makes every relative address of the page name another site, whose files then load from there; remove the <base> element"
contains "an image-set() string" "$WORK/.out" \
	"theme/assets/css/site.css:1:34: error: image-set(https://cdn.example/a.png) loads a picture from another site, which then learns the address of every visitor; copy the picture into theme/assets/img/ and name it by its address from this file (\"../img/NAME\")"
contains "a -webkit-image-set() url()" "$WORK/.out" "theme/assets/css/site.css:2:42: error: url(https://cdn.example/b.png) loads"
contains "a -webkit-image-set() string" "$WORK/.out" "theme/assets/css/site.css:2:77: error: image-set(http://cdn.example/c.png) loads"
contains "a @font-face's second source" "$WORK/.out" "theme/assets/css/site.css:3:74: error: url(https://fonts.gstatic.com/f.woff) loads"
if [ "$(grep -c "^$P\|^theme/assets/css/site.css" "$WORK/.out")" = 13 ]; then ok "thirteen findings, each said once"
else not_ok "thirteen findings, each said once" "$(grep "^$P\|site.css" "$WORK/.out")"; fi
lacks "a refresh of the page itself passes" "$WORK/.out" "content=\"300"
lacks "a ping to the site itself passes" "$WORK/.out" "/compte"
lacks "<use href=\"#…\"> passes" "$WORK/.out" "#ici"
(LANGUAGE= LC_ALL=fr_FR.UTF-8 "$FABRIQUE" check >"$WORK/.out" 2>&1)
contains "the refresh in French" "$WORK/.out" \
	"$P:$((n + 1)):28: erreur : <meta content=\"https://ailleurs.example/\"> envoie chaque visiteur vers un autre site dès l’ouverture de la page, qui apprend alors son adresse ; faites plutôt un lien vers ce site avec <a href>"
contains "the ping in French" "$WORK/.out" "erreur : <a ping=\"https://mesure.example/clic\"> envoie une requête à un autre site à chaque clic sur le lien"
contains "<base> in French" "$WORK/.out" "erreur : <base href=\"https://autre.example/\"> fait désigner un autre site à chaque adresse relative de la page"
contains "image-set() in French" "$WORK/.out" "erreur : image-set(https://cdn.example/a.png) charge une image d’un autre site"
cp "$THEME/templates/partials/pied.mustache" $P
cp "$THEME/assets/css/style.css" theme/assets/css/site.css
commit "Sans requêtes discrètes"
strict "without them: passes" 0

# 6c. Script and requests hidden from a first reading (outside tester
# 33, reproduced in Chromium): character references, a srcdoc document,
# data: documents, a literal address after tags that render nothing
cp "$THEME/templates/partials/pied.mustache" $P
n=$(wc -l <$P)
cat >>$P <<'EOF2'
<iframe title="x" srcdoc="&lt;p&gt;a&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>
<a href="java&#x73;cript:alert(11)">a</a> <a href="&#106;avascript:alert(12)">b</a> <a href=" &#x6A;ava&Tab;script&colon;alert(13)">c</a>
<object data="data:text/html,&lt;script&gt;alert(2)&lt;/script&gt;"></object><iframe src="data:text/html;base64,PHNjcmlwdD4="></iframe><embed src="DATA:image/svg+xml,x">
<img alt="" src="data:image/png;base64,AAAA"><iframe title="y" srcdoc="&lt;img src=&quot;https://pixel.example/p.gif&quot;&gt;"></iframe>
<img alt="" src="{{#site}}{{/site}}https://evil.example/p.png"><img alt="" src="{{! x }}//evil.example/q.png"><img alt="" src="{{{site.logo_url}}}"><a href="{{url}}">u</a>
<link rel="stylesheet" href="{{assets.css_style_css}}"><img alt="" src="https&#58;//evil.example/r.png">
EOF2
commit "Scripts et requêtes cachés"
strict "script and requests hidden by entities, srcdoc, data: or empty tags: refused" 1
contains "a script in an iframe's srcdoc, said at the srcdoc" "$WORK/.out" "$P:$((n + 1)):19: error: <script> runs script on every page, which only site.yaml's 'markdown: html_brut: true' allows"
contains "java&#x73;cript:" "$WORK/.out" "$P:$((n + 2)):4: error: javascript: runs script on every page"
contains "&#106;avascript:" "$WORK/.out" "$P:$((n + 2)):46: error: javascript: runs script on every page"
contains "a javascript: with a tab and &colon;" "$WORK/.out" "$P:$((n + 2)):88: error: javascript: runs script on every page"
contains "an object's data:text/html" "$WORK/.out" "$P:$((n + 3)):9: error: <object data=\"data:text/html…\"> runs script on every page"
contains "an iframe's data: document" "$WORK/.out" "$P:$((n + 3)):86: error: <iframe src=\"data:text/html…\"> runs script"
contains "an embed's data:image/svg+xml" "$WORK/.out" "$P:$((n + 3)):143: error: <embed src=\"DATA:image/svg+xml…\"> runs script"
contains "a request in a srcdoc, said at the srcdoc" "$WORK/.out" "$P:$((n + 4)):64: error: <img src=\"https://pixel.example/p.gif\"> loads from another site"
contains "an address after a section closed at once" "$WORK/.out" "$P:$((n + 5)):13: error: <img src=\"https://evil.example/p.png\"> loads from another site"
contains "an address after a comment tag" "$WORK/.out" "$P:$((n + 5)):76: error: <img src=\"//evil.example/q.png\"> loads"
contains "an address with &#58;" "$WORK/.out" "$P:$((n + 6)):68: error: <img src=\"https://evil.example/r.png\"> loads"
lacks "a data: picture in <img> passes" "$WORK/.out" "$P:$((n + 4)):13:"
if [ "$(grep -c "^$P" "$WORK/.out")" = 11 ]; then ok "eleven findings: {{url}}, {{{…}}} and {{assets.…}} left alone"
else not_ok "eleven findings: {{url}}, {{{…}}} and {{assets.…}} left alone" "$(grep "^$P" "$WORK/.out")"; fi
(LANGUAGE= LC_ALL=fr_FR.UTF-8 "$FABRIQUE" check >"$WORK/.out" 2>&1)
contains "in French" "$WORK/.out" "$P:$((n + 2)):4: erreur : javascript: exécute un script sur chaque page"
printf '\nmarkdown:\n  html_brut: true\n' >>site.yaml
commit "Confiance"
strict "html_brut: true: the script passes, not the requests" 1
lacks "no script error" "$WORK/.out" "runs script"
if [ "$(grep -c "^$P" "$WORK/.out")" = 4 ]; then ok "the four requests still refused"
else not_ok "the four requests still refused" "$(grep "^$P" "$WORK/.out")"; fi
sed -i '/^markdown:/,$d' site.yaml
cp "$THEME/templates/partials/pied.mustache" $P
commit "Sans rien de caché"
strict "without them: passes" 0

# 6d. The theme's fonts and pictures (outside tester 33 F2: a 120 MB
# « font » of random bytes passed, and the service worker precached it
# on every phone): weighed and checked as a linked file is
mkdir -p theme/assets/fonts theme/assets/img
{ printf 'wOF2'; head -c 52000000 /dev/zero; } >theme/assets/fonts/Lourde.woff2
printf 'wOF2 police' >theme/assets/fonts/Legere.woff2
commit "Police lourde"
"$FABRIQUE" check >"$WORK/.out" 2>&1
status "a 52 MB font: check warns but passes" 0 $?
contains "said at the font, with its weight" "$WORK/.out" \
	"theme/assets/fonts/Lourde.woff2: warning: theme/assets/fonts/Lourde.woff2 weighs 52 MB: every resident's phone downloads it at the first visit, whatever hors_ligne.budget_ko says (the service worker keeps the theme's files for offline), and the repository keeps it for ever; a font: keep only the WOFF2 of the letters you use (a few dozen KB), a picture: export it at the size it is shown"
strict "check --strict (the pre-receive hook) refuses it" 1
(LANGUAGE= LC_ALL=fr_FR.UTF-8 "$FABRIQUE" check >"$WORK/.out" 2>&1)
contains "in French" "$WORK/.out" \
	"theme/assets/fonts/Lourde.woff2: avertissement : theme/assets/fonts/Lourde.woff2 pèse 52 Mo : le téléphone de chaque habitant le télécharge dès la première visite, quoi que dise hors_ligne.budget_ko"
lacks "a light font: no word" "$WORK/.out" "Legere"
"$FABRIQUE" build --out "$OUT" -q 2>"$WORK/.err"
status "it builds (a warning)" 0 $?
lacks "the service worker does not precache the font larger than its whole budget" "$OUT/sw.js" "Lourde"
contains "it precaches the light one, with the shell" "$OUT/sw.js" "/assets/fonts/Legere."
contains "the build's note says the theme's file left out" "$WORK/.err" \
	"left out, offline once a resident has opened or kept them: 1 of the"
contains "and why" "$WORK/.err" "files of the theme (fonts or pictures each larger than the budget)"
$GIT rm -q theme/assets/fonts/Lourde.woff2
printf 'pas une police, des octets au hasard' >theme/assets/fonts/Fausse.woff2
printf 'JFIF? non' >theme/assets/img/fond.jpg
printf 'OTTO police' >theme/assets/fonts/Vraie.otf
printf 'RIFF\0\0\0\0WEBPVP8 ' >theme/assets/img/motif.webp
commit "Une fausse police, une fausse photo"
strict "a font and a picture whose bytes are not what their names say: refused" 1
contains "the false font" "$WORK/.out" \
	"theme/assets/fonts/Fausse.woff2: error: theme/assets/fonts/Fausse.woff2 is named as a file of type WOFF2 but its content is not: browsers would not use it, and every resident's phone would download it; put the real file in its place, or remove it"
contains "the false picture" "$WORK/.out" "theme/assets/img/fond.jpg: error: theme/assets/img/fond.jpg is named as a file of type JPEG but its content is not"
lacks "a real OpenType font passes" "$WORK/.out" "Vraie.otf"
lacks "a real WebP picture passes" "$WORK/.out" "motif.webp"
(LANGUAGE= LC_ALL=fr_FR.UTF-8 "$FABRIQUE" check >"$WORK/.out" 2>&1)
contains "in French" "$WORK/.out" \
	"theme/assets/fonts/Fausse.woff2: erreur : theme/assets/fonts/Fausse.woff2 porte le nom d’un fichier de type WOFF2 mais son contenu n’en est pas un : les navigateurs ne s’en serviraient pas"
$GIT rm -q theme/assets/fonts/Fausse.woff2 theme/assets/img/fond.jpg
commit "Sans les fausses"
strict "without them: passes" 0

# 7. The pre-receive hook, installed as docs/deploy.md does, refuses it
GITM="$GIT -c init.defaultBranch=master"
BARE=$WORK/h.git R=$WORK/h
mkbare "$BARE" master
hook_install "$BARE" pre-receive
pushsite "$R" "$BARE"
pushmaster
status "the hook accepts the mini site" accepted "$(refused)"
mkdir -p "$R/theme/assets/css"
printf 'h1 { color: navy; }\n@import url(https://fonts.googleapis.com/css2?family=Roboto);\n' >"$R/theme/assets/css/site.css"
(cd "$R" && $GITM add -A && $GITM commit -qm "Police Google")
pushmaster
status "a push with a Google font in site.css is refused" refused "$(refused)"
contains "said to the editor at its line:col" "$WORK/.push" "theme/assets/css/site.css:2:1: erreur : @import de « https://fonts.googleapis.com/css2?family=Roboto »"
(cd "$R" && sed -i '2d' theme/assets/css/site.css && $GITM commit -qam "Sans police Google")
pushmaster
status "corrected, the push is accepted" accepted "$(refused)"

# the theme committed beside the site (pushsite commits themes/commune/)
# is checked the same way by the hook
L=themes/commune/templates/partials/pied.mustache
m=$(wc -l <"$R/$L")
printf '<iframe title="Carte" src="https://www.google.com/maps/embed?pb=1"></iframe>\n' >>"$R/$L"
(cd "$R" && $GITM commit -qam "Carte Google dans le thème")
pushmaster
status "a push with a Google map in the committed theme's footer is refused" refused "$(refused)"
contains "said at the theme's file, line:col, in French" "$WORK/.push" \
	"$L:$((m + 1)):23: erreur : <iframe src=\"https://www.google.com/maps/embed?pb=1\"> charge un fichier d’un autre site"
(cd "$R" && $GITM revert --no-edit HEAD >/dev/null)
pushmaster
status "reverted, the push is accepted" accepted "$(refused)"

# script hidden behind character references (outside tester 33): the
# hook refuses it too
printf '<p><a href="java&#x73;cript:alert(11)">Programme</a></p>\n' >>"$R/$L"
(cd "$R" && $GITM commit -qam "Lien caché")
pushmaster
status "a push with java&#x73;cript: in the committed theme's footer is refused" refused "$(refused)"
contains "said at its line:col, in French" "$WORK/.push" \
	"$L:$((m + 1)):7: erreur : javascript: exécute un script sur chaque page"
(cd "$R" && $GITM revert --no-edit HEAD >/dev/null)
pushmaster
status "reverted, the push is accepted" accepted "$(refused)"

# 8. A theme committed in the repository as themes/NAME/, copied from
# the installed one: the same checks, at its files; what it keeps word
# for word of the installed theme (the service worker, its scripts) is
# the installed theme's
$GIT rm -rqf theme
mkdir -p themes && cp -R "$THEME" themes/mairie
sed -i 's/^theme: .*/theme: mairie/' site.yaml
commit "Notre thème, copié de celui de fabrique"
strict "the installed theme copied whole as themes/mairie/: check --strict passes" 0
M=themes/mairie
m=$(wc -l <$M/templates/partials/pied.mustache)
c=$(wc -l <$M/assets/css/style.css)
printf "@import url('https://fonts.googleapis.com/css2?family=Roboto');\n" >>$M/assets/css/style.css
printf '<script>suivi()</script><img alt="" src="https://compteur.example/pixel.gif">\n' >>$M/templates/partials/pied.mustache
printf 'suivi();\n' >>$M/assets/js/commune.js
commit "Notre thème, avec Google et un compteur"
strict "themes/mairie/ with Google Fonts, a counter and a changed script: refused" 1
contains "the @import at the theme's stylesheet" "$WORK/.out" \
	"$M/assets/css/style.css:$((c + 1)):1: error: @import of 'https://fonts.googleapis.com/css2?family=Roboto' loads a stylesheet from another site"
contains "the counter at its template" "$WORK/.out" "$M/templates/partials/pied.mustache:$((m + 1)):37: error: <img src=\"https://compteur.example/pixel.gif\"> loads"
contains "its script" "$WORK/.out" "$M/templates/partials/pied.mustache:$((m + 1)):1: error: <script> runs script on every page"
contains "the changed script file" "$WORK/.out" "$M/assets/js/commune.js:1:1: error: this file is a script"
if [ "$(grep -c "^$M/" "$WORK/.out")" = 4 ]; then ok "four findings: the theme's own script, kept word for word, pass"
else not_ok "four findings: the theme's own script, kept word for word, pass" "$(grep "^$M/" "$WORK/.out")"; fi
"$FABRIQUE" build --out "$OUT" -q 2>"$WORK/.err"
status "build refuses it" 1 $?
(LANGUAGE= LC_ALL=fr_FR.UTF-8 "$FABRIQUE" check >"$WORK/.out" 2>&1)
contains "in French" "$WORK/.out" \
	"$M/assets/css/style.css:$((c + 1)):1: erreur : @import de « https://fonts.googleapis.com/css2?family=Roboto » charge une feuille de style d’un autre site"
printf '\nmarkdown:\n  html_brut: true\n' >>site.yaml
commit "Nous faisons confiance à notre thème"
strict "html_brut: true: the theme's script passes, not the counter" 1
lacks "no script error" "$WORK/.out" "runs script"
contains "the counter still refused" "$WORK/.out" "$M/templates/partials/pied.mustache:$((m + 1)):37: error: <img src="
sed -i '/^markdown:/,$d' site.yaml
rm -r $M && cp -R "$THEME" $M
commit "Le thème de fabrique, tel quel"
strict "back to the installed theme's files: passes" 0

# 9. The theme as a git submodule: its commit's files are published too,
# so they are checked the same way, at themes/NAME/ in the messages
SUBGIT="$GIT -c protocol.file.allow=always"
T=$WORK/themerepo
mkdir -p "$T" && cp -R "$THEME/." "$T/"
c=$(wc -l <"$T/assets/css/style.css")
printf '.carte { background: url(https://tuiles.example/fond.png); }\n' >>"$T/assets/css/style.css"
(cd "$T" && $GIT init -q && $GIT add -A && $GIT commit -qm "Mon thème")
R2=$WORK/sub
mkdir -p "$R2" && cp -R "$TOP/tests/fixtures/mini/." "$R2/"
sed -i 's/^theme: commune/theme: montheme/' "$R2/site.yaml"
(cd "$R2" && $GIT init -q && $SUBGIT submodule add -q ../themerepo themes/montheme &&
	$GIT add -A && $GIT commit -qm "Thème en sous-module")
(cd "$R2" && "$FABRIQUE" check) >"$WORK/.out" 2>&1
status "a submodule theme loading a picture from another site: check refuses it" 1 $?
contains "said at the submodule's file, line:col" "$WORK/.out" \
	"themes/montheme/assets/css/style.css:$((c + 1)):22: error: url(https://tuiles.example/fond.png) loads a file from another site"
(cd "$T" && sed -i '$d' assets/css/style.css && $GIT commit -qam "Sans tuiles")
(cd "$R2" && $SUBGIT submodule update -q --remote && $GIT add -A && $GIT commit -qm "Thème à jour" &&
	"$FABRIQUE" check --strict) >"$WORK/.out" 2>&1
status "the submodule moved to the theme's fixed commit: check --strict passes" 0 $?

# documented where webmasters look
contains "README says what theme/ may hold" "$TOP/README.md" "What \`theme/\` may not hold"
contains "the editors' README (French, written by fabrique init) says it" "$TOP/themes/commune/depart/README.md" "Le dossier \`theme/\` ne peut rien faire charger"
contains "docs/templates.md says it" "$TOP/docs/templates.md" "## What a site's own theme files may hold"
