#!/bin/sh
# What a paste from Word leaves in a page (outside tester 17, F17): a
# first-line indent (4 spaces or a tab) made the paragraph a code block,
# published in a typewriter font; lines starting with "•" ran together in
# one paragraph, no list.  A warning at the line (an error with --strict)
# saying what the page shows and what to change; none for code written
# on purpose (a ``` block, an indented block that reads as code), nor for
# a single line of dialogue opening with "–".
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
mkmini "$R"
cd "$R" || exit 1
P=site/ateliers/planter-des-haies.md
T='	'
cat >>$P <<M

    Rendez-vous au bout du chemin, nous fournissons les plants et les tuteurs.

${T}Les enfants viennent accompagnés d'un adulte.

À apporter :
• Gants de jardin
• Bêche
•${T}Bouteille d'eau

\`\`\`
    Plan de plantation, espacé à la main
\`\`\`

    prix = 12 * plants;

– Et les oiseaux ? demande Léa.

Au programme :
– plantation
– paillage
M
commit_all "$R" "copié de Word" >/dev/null
(LANGUAGE= LC_ALL=fr_FR.UTF-8 LANG=fr_FR.UTF-8 "$FABRIQUE" check site --strict) >"$WORK/.out" 2>&1
status "a pasted indent fails check --strict" 1 $?
contains "the indented paragraph, at its line, in French" "$WORK/.out" \
	"$P:13:1: erreur : ce texte commence par 4 espaces ou une tabulation : la page l’affichera comme du code, en caractères de machine à écrire ; supprimez les espaces ou la tabulation au début de ses lignes ; si c’est vraiment du code, placez-le entre deux lignes \`\`\`"
contains "the tab-indented one, at its own line" "$WORK/.out" "$P:15:1: erreur : ce texte commence par 4 espaces"
contains "the • lines, at the first, with the fix" "$WORK/.out" \
	"$P:18:1: erreur : une ligne qui commence par « • » n’est pas un élément de liste : ces lignes sont mises bout à bout en un seul paragraphe, qui n’est pas lu comme une liste ; commencez chacune par « - » (un tiret et une espace) au lieu de « • »"
contains "two lines starting with – in one paragraph" "$WORK/.out" \
	"$P:31:1: erreur : une ligne qui commence par « – »"
lacks "a fenced block is code on purpose" "$WORK/.out" ":23:"
lacks "an indented block that reads as code: nothing to say" "$WORK/.out" ":26:"
lacks "a line of dialogue: nothing to say" "$WORK/.out" ":28:"
n=$(grep -c "planter-des-haies.md:" "$WORK/.out")
status "one message per pasted paragraph, four in all" 4 "$n"
"$FABRIQUE" build site --out "$WORK/out" -q 2>"$WORK/.err"
status "without --strict, the site builds" 0 $?
contains "said as a warning, in English here" "$WORK/.err" \
	"$P:18:1: warning: a line starting with '•' is not a list item: such lines run together in one paragraph and are not read as a list; start each with '- ' (a hyphen and a space) instead of '•'"
# written as told: the page has its paragraphs and its lists
sed -i -e 's/^    Rendez-vous/Rendez-vous/' -e "s/^${T}Les enfants/Les enfants/" \
	-e 's/^•[ 	]/- /' -e 's/^– \([pl]\)/- \1/' $P
commit_all "$R" "corrigé" >/dev/null
(LANGUAGE= LC_ALL=fr_FR.UTF-8 LANG=fr_FR.UTF-8 "$FABRIQUE" check site --strict) >"$WORK/.out" 2>&1
status "written as told, check --strict passes" 0 $?
"$FABRIQUE" build site --out "$WORK/out" -q 2>"$WORK/.err"
H=$WORK/out/ateliers/planter-des-haies/index.html
contains "the paragraph is a paragraph" "$H" "<p>Rendez-vous au bout du chemin"
contains "the list is a list" "$H" "<li>Gants de jardin</li>"

# A heading without its space, and marks followed by a no-break space
# pasted from an e-mail (outside tester 26 F2, F18): shown as plain text,
# said at the line (the no-break space at its column); a hashtag in a
# sentence, or « #2027 » alone, is nothing to say.
N=$(printf '\302\240')
cat >>$P <<M

#Horaires

De 9 h à 12 h.

##${N}Accès

-${N}gants
-${N}bottes

1.${N}accueil
2.${N}travail

Le #1 du tri sélectif.

#2027
M
commit_all "$R" "collé d’un courriel" >/dev/null
L=$(grep -n '^#Horaires' $P | cut -d: -f1)
(LANGUAGE= LC_ALL=fr_FR.UTF-8 LANG=fr_FR.UTF-8 "$FABRIQUE" check site --strict) >"$WORK/.out" 2>&1
status "a heading without its space: check --strict refuses" 1 $?
contains "... at its line, in French" "$WORK/.out" \
	"$P:$L:1: erreur : une ligne qui commence par « # » sans espace après n’est pas un titre"
contains "a no-break space after ##: at its column" "$WORK/.out" \
	"$P:$((L + 4)):3: erreur : après « ## » il y a une espace insécable (invisible)"
contains "... after a list's hyphen" "$WORK/.out" "$P:$((L + 6)):2: erreur : après « - » il y a une espace insécable"
contains "... after « 1. »" "$WORK/.out" "$P:$((L + 9)):3: erreur : après « 1. » il y a une espace insécable"
lacks "a « #1 » in a sentence, « #2027 » alone: nothing" "$WORK/.out" "$P:$((L + 12)):"
lacks "... nor « #2027 »" "$WORK/.out" "$P:$((L + 14)):"

# A <br> pasted from a web page (outside tester 26 F12): the line break
# it means, not two words glued together; raw HTML otherwise, still said.
cat >>$P <<'M'

Première ligne<br>deuxième ligne<BR />troisième <b>gras</b>
M
commit_all "$R" "br" >/dev/null
"$FABRIQUE" build site --out "$WORK/out" -q 2>"$WORK/.err"
H=$WORK/out/ateliers/planter-des-haies/index.html
contains "a <br>: a line break on the page" "$H" "Première ligne<br />"
lacks "... the words not glued" "$H" "lignedeuxième"
contains "... <BR /> too" "$H" "deuxième ligne<br />"
lacks "... and no warning for it" "$WORK/.err" "(<br>)"
contains "other raw HTML is still said" "$WORK/.err" "the HTML tags are removed (<b>) and the text is kept"

# Rows copied from a spreadsheet, cells separated by tabs (outside tester
# 26 F19): one line of words on the page; a warning at the first row's
# first tab.  A lone line with a tab in it is not a table.
cat >>$P <<M

Le déroulé :

Heure${T}Tâche${T}Qui
9 h${T}Accueil${T}Tous
10 h${T}Brossage${T}Équipe A

Une phrase${T}seule avec une tabulation.
M
commit_all "$R" "tableur" >/dev/null
L=$(grep -n '^Heure' $P | cut -d: -f1)
(LANGUAGE= LC_ALL=fr_FR.UTF-8 LANG=fr_FR.UTF-8 "$FABRIQUE" check site --strict) >"$WORK/.out" 2>&1
contains "... at the first row's first tab, in French" "$WORK/.out" \
	"$P:$L:6: erreur : ces lignes ont des cellules séparées par des tabulations, copiées d’un tableur"
status "... once for the three rows" 1 "$(grep -c 'tabulations, copiées' "$WORK/.out")"

# A table converted from Word without a title row (outside tester 26
# F5): the empty header row is left out, never empty <th>, and said.
cat >>$P <<'M'

|  |  |
|---|---|
| Matin | Brossage |
| Après-midi | Peinture |
M
commit_all "$R" "tableau Word" >/dev/null
L=$(grep -n '^|  |  |' $P | cut -d: -f1)
"$FABRIQUE" build site --out "$WORK/out" -q 2>"$WORK/.err"
contains "an empty header row: said at its line" "$WORK/.err" \
	"$P:$L:1: warning: the first row of a table gives each column's title; it is empty here"
lacks "... and no empty header cell on the page" "$H" '<th scope="col"></th>'
contains "... the rows are there" "$H" "<td>Après-midi</td>"

# A block pasted from Word as HTML (outside tester 26 F11): its text is
# kept, as paragraphs, on the page, in the search index and the
# workshop's calendar; its tags and attributes are not, and the editor is
# told at the block.  A block with a script stays dropped, its words
# named; an escaped « <script> » in the text stays text.  In a new
# commune's site (fabrique init), built with the defaults.
S=$WORK/init
"$FABRIQUE" init "$S" --commune Villers >/dev/null 2>&1
W=$S/ateliers/nettoyer-les-abords-de-l-ecole.md
cat >>"$W" <<'M'

<!--[if gte mso]><xml><o:OfficeDocumentSettings><o:AllowPNG/></o:OfficeDocumentSettings></xml><![endif]-->

<p class="MsoNormal"><span lang="FR" style="font-family:&quot;Calibri&quot;">Rendez-vous&nbsp;devant le pr&eacute;au</span><o:p></o:p></p>
<p class="MsoNormal"><o:p>&nbsp;</o:p></p>
<div align="center"><b><span lang="FR">Prévoir des gants</span></b> &lt;script&gt;alert(1)&lt;/script&gt;<br>
Fin vers midi</div>

<div>Consigne<script>alert("pisteur")</script></div>
M
commit_all "$S" "collé de Word" >/dev/null
L=$(grep -n '^<p class="MsoNormal"><span' "$W" | cut -d: -f1)
(cd "$S" && LANGUAGE= LC_ALL=fr_FR.UTF-8 LANG=fr_FR.UTF-8 "$FABRIQUE" build . --out "$WORK/init-out") >"$WORK/.out" 2>&1
status "a Word block: the site builds" 0 $?
H=$WORK/init-out/ateliers/nettoyer-les-abords-de-l-ecole/index.html
contains "its text is on the page, entities decoded once" "$H" "Rendez-vous devant le préau"
contains "... a nested div's too, its <br> a line break" "$H" "Prévoir des gants &lt;script&gt;alert(1)&lt;/script&gt;<br />"
contains "... as a paragraph of its own" "$H" "<p>Rendez-vous devant le préau</p>"
lacks "no tag nor attribute of it is published" "$H" "MsoNormal"
lacks "... no style" "$H" "Calibri"
lacks "... no empty paragraph for Word's blank line" "$H" "<p> </p>"
lacks "the escaped <script> is text, never a script" "$H" "<script>alert(1)"
lacks "a block with a script stays dropped" "$H" "Consigne"
lacks "... and its script with it" "$H" "pisteur"
lacks "... nor anything of the conditional comment" "$H" "AllowPNG"
I=$WORK/init-out/recherche/index.json
contains "the search index has the kept text" "$I" "preau"
lacks "... not the script's" "$I" "pisteur"
ICS=$(find "$WORK/init-out/ateliers/nettoyer-les-abords-de-l-ecole" -name '*.ics' | head -n 1)
contains "the workshop's calendar has it" "$ICS" "Rendez-vous devant le préau"
contains "the editor is told at the block, in French" "$WORK/.out" \
	"ateliers/nettoyer-les-abords-de-l-ecole.md:$L:1: avertissement : les balises HTML ont été retirées (<p>), le texte est gardé, sans sa mise en forme"
contains "the dropped block's words are named, not its script's" "$WORK/.out" \
	"le HTML n’est pas publié (<div>), ni le texte qu’il contient (« Consigne »)"

# invisible characters pasted in the text and the title (outside tester
# 29 F11): a soft hyphen and a zero-width space, each said at its own
# line and column, in the body as in the fields; the title's second one
# too (only the first was)
V=$S/ateliers/invisibles.md
SHY=$(printf '\302\255') ZWSP=$(printf '\342\200\213')
printf -- '---\ntitre: Dés%sherber la haie%svive\nresume: Un atelier.\nedition: 2027\nlieu: Mairie\ncategorie: patrimoine\nstatut: confirme\ndebut: "09:00"\nfin: "12:00"\n---\nNous dés%sherbons les trottoirs\net la haie%svive, puis nous rangeons.\n' \
	"$SHY" "$ZWSP" "$SHY" "$ZWSP" >"$V"
commit_all "$S" "invisibles" >/dev/null
(cd "$S" && LANGUAGE= LC_ALL=fr_FR.UTF-8 LANG=fr_FR.UTF-8 "$FABRIQUE" check .) >"$WORK/.out" 2>&1
contains "the title's soft hyphen, at its column" "$WORK/.out" \
	"ateliers/invisibles.md:2:11: avertissement : caractère invisible collé (trait d’union conditionnel) : retapez le mot"
contains "the title's zero-width space too, at its column" "$WORK/.out" \
	"ateliers/invisibles.md:2:26: avertissement : caractère invisible collé (espace sans chasse) : retapez le mot"
contains "the body's soft hyphen, at its line and column" "$WORK/.out" \
	"ateliers/invisibles.md:11:9: avertissement : caractère invisible collé (trait d’union conditionnel) : retapez le mot"
contains "the body's zero-width space, on the next line" "$WORK/.out" \
	"ateliers/invisibles.md:12:11: avertissement : caractère invisible collé (espace sans chasse) : retapez le mot"
# A page of 4,000 pasted formatting tags on one line (outside tester 30
# F1, F2): each tag was looked for to the end of the line, so the check
# took time in the square of the page's size, past the search budget
# every tag was said at the line's start, and each of them was a line of
# its own.  The first ten are said at their columns, the rest in one
# warning at the eleventh; the time is measured in bench/, never here.
python3 -c "open('$S/pages/balises.md','w').write('---\ntitre: Balises\nresume: Des balises.\n---\n'+('mot <b>gras</b> ' * 4000)+'\n')"
commit_all "$S" "balises" >/dev/null
(cd "$S" && "$FABRIQUE" check .) >"$WORK/.out" 2>&1
contains "the first tag at its column" "$WORK/.out" "pages/balises.md:5:5: warning: the HTML tags are removed (<b>)"
contains "the tenth at its own" "$WORK/.out" "pages/balises.md:5:149: warning: the HTML tags are removed (<b>)"
contains "the rest in one warning, at the eleventh" "$WORK/.out" \
	"pages/balises.md:5:165: warning: 3990 more HTML tags of this page are removed the same way, from here on (not each said): write their formatting in Markdown"
check "eleven lines for the page, not 4,000" test "$(grep -c 'pages/balises.md:' "$WORK/.out")" = 11
check "none said at the line's start" test "$(grep -c 'pages/balises.md:5:1:' "$WORK/.out")" = 0
# a script after them is still said, at its place
printf '\nAvant <script>alert(1)</script> après.\n' >>"$S/pages/balises.md"
commit_all "$S" "un script" >/dev/null
(cd "$S" && LANGUAGE= LC_ALL=fr_FR.UTF-8 LANG=fr_FR.UTF-8 "$FABRIQUE" check .) >"$WORK/.out" 2>&1
contains "a script after them is said at its place" "$WORK/.out" \
	"pages/balises.md:7:7: avertissement : le HTML n’est pas publié (<script>)"
contains "the rest in French" "$WORK/.out" \
	"pages/balises.md:5:165: avertissement : 3990 autres balises HTML de cette page sont retirées de la même façon, à partir d’ici (sans les citer une à une) : écrivez leur mise en forme en Markdown"

# A link written with the page's title as its address (outside tester 32
# F6): Markdown shows it as written, brackets and all; check said nothing.
# A warning at its "](", in French; a real link, a bracketed note then
# words in parentheses stay quiet (and « [sic](voir plus haut) » of prose,
# lower case, test_markdown).
L=$WORK/liens
"$FABRIQUE" init "$L" >/dev/null 2>&1
cat >>"$L/patrimoine/le-monument-aux-morts.md" <<'M'

Voir aussi [l’atelier de l’école](Nettoyer les abords de l’école).

Et [le contact](../pages/contact.md) (entre parenthèses), une [note] (x y).
M
(cd "$L" && $GIT commit -qam "Liens")
LANGUAGE= "$FABRIQUE" check "$L" >"$WORK/.out" 2>&1
contains "a title for an address: said at its ], in French" "$WORK/.out" \
	"patrimoine/le-monument-aux-morts.md:10:33: avertissement : ce lien n’est pas reconnu : son adresse « Nettoyer les abords de l’école » contient des espaces, comme un titre de page, ce qu’aucune adresse ne fait ; pour un lien vers une page, écrivez le nom de son fichier, comme [texte](../ateliers/NOM.md)"
check "once, and nothing said of the real link or the note" test "$(grep -c 'comme un titre de page' "$WORK/.out")" = 1
lacks "the real link is a link" "$WORK/.out" "le-monument-aux-morts.md:12:"
