#!/bin/sh
# What an editor pastes that a page cannot show (outside tester 30 F6, F8).
# F6: HTML in a plain-text field (« <br> » in a title, « &amp; » in a
# summary, a place, an item of a list) was published as written, escaped:
# residents read « <br> » in the title and their calendar, with no word
# even under --strict.  Now a warning at the tag or entity, an error under
# --strict; the text is kept as written (not decoded), and « 3 < 5 » or
# « Fish & Chips » stay quiet.
# F8: control characters copied from a terminal (ESC, BEL, form feed, a
# C1 control) were published in the HTML, which was then invalid (vnu:
# « Forbidden code point U+001b »).  Now dropped, and said at their place.
. "$(dirname "$0")/../lib.sh"

starter_site
starter_addressed
fill_starter .
commit_at 2026-11-02T10:00:00+01:00 "le site rempli"
"$FABRIQUE" check --strict >"$WORK/.err" 2>&1
status "the filled starter site is clean under --strict" 0 $?

A=ateliers/nettoyer-les-abords-de-l-ecole.md
# double quotes: at the value; plain: at the tag's own column
sed -i 's|^titre: .*|titre: "Nettoyer l’école <br> (matin)"|' "$A"
sed -i 's|^resume: .*|resume: Désherber et <b>balayer</b> la cour \&amp; fleurir.|' "$A"
sed -i 's|^  nom: .*|  nom: Salle \&#201;mile Zola|' "$A"
sed -i 's|^  adresse: .*|  adresse: Rue\&nbsp;de l’École|' "$A"
sed -i 's|^a_apporter: .*|a_apporter: [gants, <span class="x">pelle</span>]|' "$A"
commit_at 2026-11-03T10:00:00+01:00 "collé depuis une page web"
LANGUAGE= LC_ALL=fr_FR.UTF-8 "$FABRIQUE" check >"$WORK/.err" 2>&1
status "HTML in fields: warnings, not errors" 0 $?
contains "a tag in a quoted title: at the value, in the editor's words" "$WORK/.err" \
	"$A:2:8: avertissement : le HTML n’est pas interprété dans « titre » : « <br> » s’afficherait tel quel ; écrivez le texte seul"
contains "a tag in a plain summary: at its column, the first of the value" "$WORK/.err" \
	"$A:3:22: avertissement : le HTML n’est pas interprété dans « resume » : « <b> » s’afficherait tel quel ; écrivez le texte seul"
contains "a numeric entity in a place's name: the letter to write" "$WORK/.err" \
	"$A:8:14: avertissement : le HTML n’est pas interprété dans « nom » : « &#201; » s’afficherait tel quel ; écrivez « É » lui-même"
contains "&nbsp; in an address: the character itself" "$WORK/.err" \
	"$A:9:15: avertissement : le HTML n’est pas interprété dans « adresse » : « &nbsp; » s’afficherait tel quel ; écrivez le caractère lui-même"
contains "a tag with attributes in a list's item" "$WORK/.err" \
	"$A:14:21: avertissement : le HTML n’est pas interprété dans « a_apporter » : « <span class=\"x\"> » s’afficherait tel quel ; écrivez le texte seul"
n=$(grep -c "le HTML n’est pas" "$WORK/.err")
[ "$n" = 5 ] && ok "one warning per value (5)" || not_ok "one warning per value (5)" "$n said" "$(cat "$WORK/.err")"
"$FABRIQUE" check --strict >"$WORK/.err" 2>&1
status "an error under --strict" 1 $?
contains "in English" "$WORK/.err" \
	"$A:3:22: error: HTML is not read in 'resume': '<b>' would show as written; write the text alone"
"$FABRIQUE" build --out "$WORK/out" >/dev/null 2>&1
status "the site is built" 0 $?
contains "the title kept as written (escaped), not decoded nor cut" \
	"$WORK/out/ateliers/nettoyer-les-abords-de-l-ecole/index.html" "Nettoyer l’école &lt;br&gt; (matin)"

# what is no HTML stays quiet
sed -i 's|^titre: .*|titre: Fish \& Chips pour 3 < 5 €|; s|^resume: .*|resume: "Balayer <- puis -> fleurir, R\&D ; Fish\&Chips, a<b et x > y."|' "$A"
sed -i 's|^  nom: .*|  nom: École|; s|^  adresse: .*|  adresse: Rue de l’École|; s|^a_apporter: .*|a_apporter: [gants]|' "$A"
commit_at 2026-11-04T10:00:00+01:00 "retapé"
"$FABRIQUE" check --strict >"$WORK/.err" 2>&1
status "« Fish & Chips », « 3 < 5 », « a<b »: no word under --strict" 0 $?

# F8: a line copied from a terminal, in the body, then in the front matter
ESC=$(printf '\033') BEL=$(printf '\007') FF=$(printf '\014') NEL=$(printf '\302\205')
printf 'Texte %s[31m rouge %s bip %s page %s fin.\n\nFin %s%s%s%s.\n' \
	"$ESC" "$BEL" "$FF" "$NEL" "$ESC" "$ESC" "$ESC" "$ESC" >>"$A"
commit_at 2026-11-05T10:00:00+01:00 "copié depuis un terminal"
L=$(grep -n '^Texte ' "$A" | cut -d: -f1)
LANGUAGE= LC_ALL=fr_FR.UTF-8 "$FABRIQUE" check >"$WORK/.err" 2>&1
status "control characters: warnings, not errors" 0 $?
contains "ESC in the body, at its column" "$WORK/.err" \
	"$A:$L:7: avertissement : un caractère de contrôle invisible (U+001B, Échap) a été retiré : il vient souvent d’un copier-coller depuis un terminal ; retirez-le"
contains "BEL" "$WORK/.err" "$A:$L:19: avertissement : un caractère de contrôle invisible (U+0007, sonnerie)"
contains "form feed" "$WORK/.err" "$A:$L:25: avertissement : un caractère de contrôle invisible (U+000C, saut de page)"
contains "a C1 control (U+0085)" "$WORK/.err" "$A:$L:32: avertissement : un caractère de contrôle invisible (U+0085) a été retiré"
# each with its likely source, not a terminal for all (outside tester
# 33): a form feed is a page break from a word processor or a PDF; a C1
# control, a Windows-1252 letter read wrongly (0x85 is « … »)
contains "form feed: from a word processor or a PDF" "$WORK/.err" \
	"$A:$L:25: avertissement : un caractère de contrôle invisible (U+000C, saut de page) a été retiré : il vient souvent d’un copier-coller depuis un traitement de texte ou un PDF ; retirez-le"
contains "U+0085: the « … » it stood for" "$WORK/.err" \
	"$A:$L:32: avertissement : un caractère de contrôle invisible (U+0085) a été retiré : c’est sans doute un « … » d’un texte enregistré autrefois en Windows-1252 (ANSI), mal converti ; écrivez « … » à sa place"
grep -e "U+000C" -e "U+0085" "$WORK/.err" >"$WORK/.ff"
lacks "... neither blamed on a terminal" "$WORK/.ff" "terminal"
contains "beyond five, one warning" "$WORK/.err" \
	"$A:$((L + 2)):6: avertissement : 3 autres caractères de contrôle invisibles de ce fichier ont été retirés, à partir d’ici (sans les citer un à un)"
n=$(grep -c "contrôle invisible" "$WORK/.err")
[ "$n" = 6 ] && ok "five each at its place, one summary" ||
	not_ok "five each at its place, one summary" "$n said" "$(cat "$WORK/.err")"
"$FABRIQUE" check --strict >"$WORK/.err" 2>&1
status "an error under --strict" 1 $?
contains "in English" "$WORK/.err" \
	"$A:$L:7: error: an invisible control character (U+001B, escape) was removed: it often comes from a copy from a terminal; remove it"
rm -rf "$WORK/out"
"$FABRIQUE" build --out "$WORK/out" >/dev/null 2>&1
status "the site is built" 0 $?
H=$WORK/out/ateliers/nettoyer-les-abords-de-l-ecole/index.html
contains "the text around them is published" "$H" "rouge  bip  page  fin."
if [ ! -f "$H" ] || LC_ALL=C grep -q "$(printf '[\001-\010\013\014\016-\037\177]')" "$H" || grep -q "$NEL" "$H"; then
	not_ok "no control character in the page's HTML" "$(LC_ALL=C grep -n "$(printf '[\001-\010\013\014\016-\037\177]')" "$H" | cat -v | head -3)"
else ok "no control character in the page's HTML"; fi
VNU=$TOP/tests/browser/node_modules/vnu-jar/build/dist/vnu.jar
if [ -f "$VNU" ] && [ -f "$H" ] && command -v java >/dev/null; then
	java -jar "$VNU" --errors-only --format gnu "$H" >"$WORK/vnu.out" 2>&1
	lacks "Nu HTML Checker: no forbidden code point" "$WORK/vnu.out" "Forbidden code point"
fi

sed -i "s|^  nom: .*|  nom: École ${ESC}[1m|" "$A"
commit_at 2026-11-06T10:00:00+01:00 "le lieu aussi"
LANGUAGE= LC_ALL=fr_FR.UTF-8 "$FABRIQUE" check >"$WORK/.err" 2>&1
status "in the front matter: a warning, not an error" 0 $?
contains "in the front matter: at its column, not « YAML invalide » at the line's start" "$WORK/.err" \
	"$A:8:14: avertissement : un caractère de contrôle invisible (U+001B, Échap) a été retiré : il vient souvent d’un copier-coller depuis un terminal ; retirez-le"
lacks "the front matter is read" "$WORK/.err" "YAML invalide"
rm -rf "$WORK/out"
"$FABRIQUE" build --out "$WORK/out" >/dev/null 2>&1
status "the site is built" 0 $?
contains "the place's name published without it" "$H" "École [1m"

# a control whose source is not known (U+0001): none is guessed
printf 'Horaires%s de la mairie.\n' "$(printf '\001')" >>pages/contact.md
commit_at 2026-11-07T10:00:00+01:00 "une autre source"
LANGUAGE= LC_ALL=fr_FR.UTF-8 "$FABRIQUE" check >"$WORK/.err" 2>&1
grep "pages/contact.md" "$WORK/.err" >"$WORK/.one"
contains "U+0001: said, with what to do" "$WORK/.one" \
	"un caractère de contrôle invisible (U+0001) a été retiré ; retirez-le"
lacks "... no source guessed" "$WORK/.one" "copier-coller"
