#!/bin/sh
# Nothing a page publishes makes the resident's browser ask another site
# for anything (the legal notice init writes: « ne fait appel à aucun
# service tiers »).  A remote image in Markdown is an error at its place
# (tester15 F13); raw HTML, which could embed anything, is dropped with a
# warning at its place, a pasted script's code with it (F14).  A link to
# another site stays: following it is the resident's choice.
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
mkmini "$R"
OUT=$WORK/out

# page NAME: writes site/pages/NAME.md from stdin (front matter added).
page() {
	{ printf -- '---\ntitre: %s\n---\n' "$1"; cat; } >"$R/site/pages/$1.md"
}

build() { # build [ARGS...]: exit status in $rc, diagnostics in $WORK/.err
	(cd "$R" && "$FABRIQUE" build site --out "$OUT" -q "$@") 2>"$WORK/.err"
	rc=$?
}

build_fr() { # the same, for a French editor
	(cd "$R" && LANGUAGE= LC_ALL=fr_FR.UTF-8 LANG=fr_FR.UTF-8 \
		"$FABRIQUE" build site --out "$OUT" -q "$@") 2>"$WORK/.err"
	rc=$?
}

# remote_src DIR: every src/srcset/poster/data of DIR's pages that leaves
# the site (http:, https:, //host).
remote_src() {
	grep -rhoiE '(src|srcset|poster|data)="(https?:)?//[^"]*' "$1" \
		--include='*.html' >"$WORK/.remote" 2>/dev/null
	! [ -s "$WORK/.remote" ]
}

build
status "the fixture site builds" 0 "$rc"
before=$(snapshot "$OUT")

# F13: the tester's page, a map from Google beside a link to a video.
page carte <<'EOF'
Voici le parcours.

[Voir la vidéo](https://www.youtube.com/watch?v=x) ![carte](https://maps.googleapis.com/maps/api/staticmap?center=x)
EOF
commit_all "$R" "carte distante"
build
status "a remote image is an error: the build is refused" 1 "$rc"
contains "the error is at the image's address, says which site and what to do" "$WORK/.err" \
	"site/pages/carte.md:6:61: error: this image is loaded from another site (maps.googleapis.com): every visitor's address would go to it, which the site's legal notice rules out; save the image beside this page and link to the file instead: ![description](photo.jpg)"
lacks "the link to the video is not reported (guard)" "$WORK/.err" "youtube"
if [ "$(snapshot "$OUT")" = "$before" ]; then ok "the published site is untouched"
else not_ok "the published site is untouched"; fi
if remote_src "$OUT"; then ok "no page asks another site for anything"
else not_ok "no page asks another site for anything" "$(head -3 "$WORK/.remote")"; fi
build_fr
contains "the error is in French for a French editor" "$WORK/.err" \
	"site/pages/carte.md:6:61: erreur : cette image est chargée depuis un autre site (maps.googleapis.com) : l’adresse de chaque visiteur lui serait transmise, ce que les mentions légales du site excluent ; enregistrez l’image à côté de cette page et faites plutôt le lien vers ce fichier : ![description](photo.jpg)"
(cd "$R" && "$FABRIQUE" check site) >"$WORK/.err" 2>&1
status "check reports it too, without --strict" 1 $?
contains "check names the file and line" "$WORK/.err" "site/pages/carte.md:6:61: error: this image is loaded from another site"

# The fix the message asks for works (guards: they hold on main too, and
# check that the error does not reach links or local images).
cp "$TOP/tests/fixtures/mini/retours/fete-2025/lavoir.png" "$R/site/pages/carte.png"
sed -i 's|https://maps.googleapis.com/maps/api/staticmap?center=x|carte.png|' "$R/site/pages/carte.md"
commit_all "$R" "carte enregistrée"
build --strict
status "the image saved beside the page is published (guard)" 0 "$rc"
contains "the link to the video is kept (guard)" "$OUT/carte/index.html" 'href="https://www.youtube.com/watch?v=x"'

# Every spelling of a remote address: //host, upper case, a reference.
page autres <<'EOF'
![a](//cdn.example/a.png)

![b](HTTPS://photos.example/b.jpg)

![c][plan]

[plan]: http://plans.example/c.png
EOF
commit_all "$R" "autres images distantes"
build
status "protocol-relative, upper-case and referenced images are refused" 1 "$rc"
contains "//host is remote" "$WORK/.err" "site/pages/autres.md:4:6: error: this image is loaded from another site (cdn.example)"
contains "HTTPS: is remote" "$WORK/.err" "site/pages/autres.md:6:6: error: this image is loaded from another site (photos.example)"
contains "a reference's image is remote" "$WORK/.err" "error: this image is loaded from another site (plans.example)"
rm "$R/site/pages/autres.md"
commit_all "$R" "retrait"

# F14: raw HTML is not published, and says so at its line; a pasted
# script's code is not shown as text, nor indexed for search.
page brut <<'EOF'
x <script>alert(1)</script> <b>gras</b> <iframe src="https://youtube.com/embed/x"></iframe>

<iframe src="https://www.google.com/maps/embed?pb=x"></iframe>

<img src="https://photos.example/p.jpg" alt="p">

<!-- une note pour les autres bénévoles -->

Fin.
EOF
commit_all "$R" "html brut"
build
status "raw HTML is a warning: the site is built (guard)" 0 "$rc"
contains "a script is named at its place" "$WORK/.err" \
	"site/pages/brut.md:4:3: warning: raw HTML is not published (<script>), nor the code it holds; remove it from the page"
contains "bold in HTML: its tags go, its text stays; write it in Markdown" "$WORK/.err" \
	"site/pages/brut.md:4:29: warning: the HTML tags are removed (<b>) and the text is kept, without its formatting; to format it, write it in Markdown: **bold**, *italics*, [link](address)"
contains "an inline iframe: put a link instead" "$WORK/.err" \
	"site/pages/brut.md:4:41: warning: raw HTML is not published (<iframe>), and would load another site on every visit; put a link to the video or map instead: [see the video](https://…)"
contains "an iframe block: put a link instead" "$WORK/.err" \
	"site/pages/brut.md:6:1: warning: raw HTML is not published (<iframe>), and would load another site on every visit"
contains "an HTML image: save it beside the page" "$WORK/.err" \
	"site/pages/brut.md:8:1: warning: raw HTML is not published (<img>); save the image beside this page and write ![description](photo.jpg)"
lacks "a comment is not reported, hidden on purpose (guard)" "$WORK/.err" "brut.md:10:"
n=$(grep -c "brut.md:4:" "$WORK/.err")
status "a closing tag is not reported again (3 openings on line 4)" 3 "$n"
lacks "the script's code is not shown in the page" "$OUT/brut/index.html" "alert(1)"
lacks "nor put in the search index" "$OUT/recherche/index.json" '"alert"' 
contains "the text around it is kept (guard)" "$OUT/brut/index.html" "gras"
build_fr
contains "the warning is in French for a French editor" "$WORK/.err" \
	"site/pages/brut.md:6:1: avertissement : le HTML n’est pas publié (<iframe>), et chargerait un autre site à chaque visite ; mettez plutôt un lien vers la vidéo ou la carte : [voir la vidéo](https://…)"
contains "the script's warning in French" "$WORK/.err" \
	"site/pages/brut.md:4:3: avertissement : le HTML n’est pas publié (<script>), ni le code qu’il contient ; retirez-le de la page"
build --strict
status "--strict (the hook) refuses raw HTML" 1 "$rc"
contains "--strict makes it an error" "$WORK/.err" \
	"site/pages/brut.md:4:41: error: raw HTML is not published (<iframe>)"

# markdown.html_brut: true is the site's choice: its raw HTML is kept
# without a word, but a Markdown image from another site is still refused.
printf 'markdown:\n  html_brut: true\n' >>"$R/site/site.yaml"
commit_all "$R" "html_brut"
build --strict
status "html_brut: true publishes raw HTML without a warning (guard)" 0 "$rc"
contains "the iframe is kept, the site's choice (guard)" "$OUT/brut/index.html" "<iframe"
printf '![carte](https://maps.example/c.png)\n' | page carte2
commit_all "$R" "carte avec html_brut"
build
status "html_brut: true still refuses a remote Markdown image" 1 "$rc"
contains "the remote image's error with html_brut" "$WORK/.err" \
	"site/pages/carte2.md:4:10: error: this image is loaded from another site (maps.example)"

