#!/bin/sh
# Markdown as editors write it, built as a commune would: pages committed
# to a git repository, built with the uninstalled binary.  Hostile bodies
# must finish in bounded time and memory (issue 10, items 4 and 5).
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

# Item 4: 100,000 nested "![" took 130 s (each link's position was
# recounted through its parents and from its line's start).  Linear now:
# a few seconds; the timeout is generous (sanitizer builds are slower).
python3 -c "n = 100000; print('![' * n + 'a' + '](vue.png)' * n)" |
	page imbrique
cp "$TOP/tests/fixtures/mini/retours/fete-2025/lavoir.png" "$R/site/pages/vue.png"
commit_all "$R" "images imbriquées"
(cd "$R" && timeout 300 "$FABRIQUE" build site --out "$OUT" -q) 2>"$WORK/.err"
status "100,000 nested images build in bounded time" 0 $?
contains "the nested images are rendered" "$OUT/imbrique/index.html" '<img src="'
rm "$R/site/pages/imbrique.md" "$R/site/pages/vue.png"
commit_all "$R" "retrait"

# Item 5: a 200 MB page took 4.4 GB.  Pages above 2 MB (site.yaml:
# markdown: taille_max_ko) are refused before they are read, at the file,
# and the published site stays as it was.
build
status "the fixture site builds" 0 "$rc"
before=$(snapshot "$OUT")
python3 -c "print('Le lavoir est un lieu de rencontre. ' * 90000)" | page enorme
commit_all "$R" "page énorme"
build
status "a 3 MB page is refused" 1 "$rc"
contains "the refusal names the file and the limit" "$WORK/.err" \
	"site/pages/enorme.md: error: this page's file holds 3165 KB, more than the 2048 KB a page may hold"
if [ "$(snapshot "$OUT")" = "$before" ]; then ok "the published site is untouched"
else not_ok "the published site is untouched"; fi
(cd "$R" && LANGUAGE= LC_ALL=fr_FR.UTF-8 LANG=fr_FR.UTF-8 "$FABRIQUE" build site --out "$OUT" -q) 2>"$WORK/.err"
contains "the refusal is in French for a French editor" "$WORK/.err" \
	"site/pages/enorme.md: erreur : le fichier de cette page fait 3165 Ko"
printf 'markdown:\n  taille_max_ko: 4096\n' >>"$R/site/site.yaml"
commit_all "$R" "limite relevée"
build
status "site.yaml can raise the limit" 0 "$rc"
contains "the large page is published" "$OUT/enorme/index.html" "Le lavoir est un lieu de rencontre."
(cd "$R" && $GIT reset -q --hard HEAD~2)
# From 64 pages on, the pages are read on several threads, each with its
# own handle on the repository: the same page is refused the same way.
python3 -c "print('Le lavoir est un lieu de rencontre. ' * 90000)" | page enorme
for i in $(seq 1 70); do
	printf -- '---\ntitre: Page %s\n---\nTexte.\n' "$i" >"$R/site/pages/p$i.md"
done
commit_all "$R" "page énorme parmi 76"
build --jobs 2
status "a 3 MB page among 76 read on two threads is refused" 1 "$rc"
contains "read on two threads, the refusal names the file and the limit" "$WORK/.err" \
	"site/pages/enorme.md: error: this page's file holds 3165 KB, more than the 2048 KB a page may hold"
(cd "$R" && $GIT reset -q --hard HEAD~1)

# Headings: the page's title is its only <h1>; a body "#" is moved one
# level down; a skipped level is a warning at the heading, an error with
# --strict (and then nothing is published).
printf '# Horaires\n\nLe matin.\n\n## Le samedi\n\nDe 9 h à 12 h.\n' | page horaires
commit_all "$R" "horaires"
build
status "a body with # headings builds" 0 "$rc"
n=$(grep -o '<h1' "$OUT/horaires/index.html" | wc -l)
if [ "$n" = 1 ]; then ok "the page keeps one <h1>"; else not_ok "the page keeps one <h1> ($n)"; fi
contains "# becomes <h2>, with its id" "$OUT/horaires/index.html" '<h2 id="horaires">Horaires</h2>'
contains "## becomes <h3>" "$OUT/horaires/index.html" '<h3 id="le-samedi">Le samedi</h3>'
lacks "no warning for a well-ordered body" "$WORK/.err" "warning"
printf '# Horaires\n\n### Le samedi\n' | page horaires
commit_all "$R" "niveau sauté"
build
status "a skipped level alone still publishes" 0 "$rc"
contains "a skipped level is a warning at the heading" "$WORK/.err" \
	"site/pages/horaires.md:6:1: warning: level 3 heading directly under a level 1; use ## here"
before=$(snapshot "$OUT")
build --strict --full
status "--strict makes it an error" 1 "$rc"
contains "--strict reports it as an error" "$WORK/.err" "site/pages/horaires.md:6:1: error: level 3 heading"
if [ "$(snapshot "$OUT")" = "$before" ]; then ok "--strict: the published site is untouched"
else not_ok "--strict: the published site is untouched"; fi
(cd "$R" && $GIT reset -q --hard HEAD~2)

# Tables, task lists and notes as an editor writes them (issue 17): the
# table gets its caption, header scopes and its scrolling box, no align
# attribute; the checkbox is named by its label; the notes are in French;
# the search index sees the cells as separate words, the note once.
cat <<'MD' | page horaires
Voir https://exemple.fr/programme?jour=samedi pour le détail[^plan].

Table : Horaires du samedi

| Heure | Lundiatelier | Places |
|-------|:------------:|-------:|
| 9:30  | Peinture     | 12     |
| 10:00 | ~~Jardin~~ Vannerie | 4 |

- [ ] Apporter des gants
- [x] Réserver la salle

[^plan]: Le plan est affiché en mairie.
MD
commit_all "$R" "horaires en tableau"
build
status "a page with a table, tasks and a note builds" 0 "$rc"
H=$OUT/horaires/index.html
contains "the table sits in a labelled, focusable box" "$H" \
	'<div class="table" role="region" tabindex="0" aria-labelledby="tableau_1">'
contains "the paragraph 'Table :' is its caption" "$H" '<caption id="tableau_1">Horaires du samedi</caption>'
lacks "the caption paragraph is not repeated" "$H" '<p>Table'
contains "header cells have a column scope" "$H" '<th scope="col">Heure</th>'
contains "alignment is a class" "$H" '<td class="align-right">12</td>'
lacks "no align attribute (rejected by the Nu checker)" "$H" 'align="'
contains "a time in a cell is left as written" "$H" '<td>9:30</td>'
contains "a bare address is a link" "$H" '<a href="https://exemple.fr/programme?jour=samedi">'
contains "a task's checkbox is named by its label" "$H" \
	'<li><label><input type="checkbox" disabled> Apporter des gants</label></li>'
contains "the notes have a French heading" "$H" '<h2 id="notes_titre">Notes</h2>'
contains "the way back is in French" "$H" 'aria-label="Retour au texte"'
lacks "no English label from cmark" "$H" 'Back to content'
I=$OUT/recherche/index.json
contains "search: a cell is a word of its own" "$I" '"lundiateli":'
contains "search: the next cell too" "$I" '"vanneri":'
lacks "search: cells are not glued together" "$I" 'heurelundiateli'
lacks "search: no pipes" "$I" '|'
contains "search: the note's text is indexed" "$I" '"mairi":'
lacks "search: no arrow from the notes" "$I" '↩'
(cd "$R" && $GIT reset -q --hard HEAD~1)

# A note called but defined nowhere (outside tester 19 F6) was published
# as the literal « [^absente] » without a word: a warning at the call,
# with the line to add; none for a note defined in another case, in a
# code span or in fenced code.
cat <<'MD' | page notes
Une note[^1] et une autre[^absente], puis `[^code]` et [^Deux].

```
[^clotur]
```

[^1]: Définie.
[^deux]: Aussi.
MD
commit_all "$R" "une note absente"
build
status "a page calling a note defined nowhere builds" 0 "$rc"
contains "the call without note is a warning at its place" "$WORK/.err" \
	"site/pages/notes.md:4:26: warning: the note '[^absente]' is defined nowhere"
n=$(grep -c "is defined nowhere" "$WORK/.err")
status "no warning for a defined note, in code or in fenced code" 1 "$n"
(cd "$R" && LANGUAGE= LC_ALL=fr_FR.UTF-8 "$FABRIQUE" check site) >"$WORK/.out" 2>&1
contains "in French, with the line to write" "$WORK/.out" \
	"ajoutez à la fin du texte une ligne « [^absente]: le texte de la note », ou retirez l’appel"
(cd "$R" && $GIT reset -q --hard HEAD~1)

# Private contacts (issue 17): a referent's e-mail and phone without
# 'public: true' are left out of what templates see; a page's text that
# quotes them must not publish them either (no link, no text, not in the
# search index or the feed), and the editor is told where.
A=$R/site/ateliers/repeindre-le-preau.md
python3 - "$A" <<'PY'
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
s = s.replace("lieu:\n", "referents:\n  - nom: Jeanne\n    email: jeanne.martin@exemple.fr\n    tel: 06 12 34 56 78\nlieu:\n", 1)
s += "\nQuestions : Jeanne.Martin@exemple.fr ou 06.12.34.56.78, et la mairie : mairie@exemple.fr.\n"
open(p, "w", encoding="utf-8").write(s)
PY
printf 'Écrire à <jeanne.martin@exemple.fr> (+33 6 12 34 56 78).\n' | page contact-jeanne
commit_all "$R" "contact privé cité"
build
status "a page quoting a private contact still builds" 0 "$rc"
for f in "$OUT/ateliers/repeindre-le-preau/index.html" "$OUT/contact-jeanne/index.html" \
	"$OUT/recherche/index.json" "$OUT/flux.xml" "$OUT/programme.ics" "$OUT/programme.json"; do
	[ -f "$f" ] || { not_ok "private contact: $f is written"; continue; }
	lacks "private e-mail not published in ${f#"$OUT"/}" "$f" 'artin@exemple'
	lacks "private phone not published in ${f#"$OUT"/}" "$f" '12 34 56 78'
	lacks "private phone (dots) not published in ${f#"$OUT"/}" "$f" '12.34.56.78'
done
contains "the text says an address was left out" "$OUT/ateliers/repeindre-le-preau/index.html" \
	'(adresse non publiée) ou (numéro non publié), et la mairie'
contains "a public address is still a link" "$OUT/ateliers/repeindre-le-preau/index.html" \
	'<a href="mailto:mairie@exemple.fr">mairie@exemple.fr</a>'
contains "the editor is told where, and why" "$WORK/.err" \
	"site/pages/contact-jeanne.md:4:11: warning: private e-mail address left out: ateliers/repeindre-le-preau.md keeps it private"
contains "the phone number too" "$WORK/.err" "site/pages/contact-jeanne.md:4:38: warning: private phone number left out"
(cd "$R" && LANGUAGE= LC_ALL=fr_FR.UTF-8 LANG=fr_FR.UTF-8 "$FABRIQUE" build site --out "$OUT" -q --full) 2>"$WORK/.err"
contains "in French for a French editor" "$WORK/.err" \
	"site/pages/contact-jeanne.md:4:11: avertissement : adresse électronique privée retirée : ateliers/repeindre-le-preau.md la garde privée"
sed -i 's/    tel: 06 12 34 56 78/&\n    public: true/' "$A"
commit_all "$R" "Jeanne accepte"
build
contains "public: true publishes the contact and its link" "$OUT/ateliers/repeindre-le-preau/index.html" \
	'<a href="mailto:Jeanne.Martin@exemple.fr">Jeanne.Martin@exemple.fr</a> ou <a href="tel:+33612345678">06.12.34.56.78</a>'
lacks "no warning once public" "$WORK/.err" "left out"
# The mairie's address is no contact of the mini site: asked about
# (emails.sh), whether Jeanne's is public or not.
contains "an address that is no published contact is a question" "$WORK/.err" \
	"warning: 'mairie@exemple.fr' in the text is an e-mail address: is it a private person's?"
(cd "$R" && $GIT reset -q --hard HEAD~2)

# Plain text of a table and a note where residents read it without HTML:
# the calendar's DESCRIPTION (iCalendar) has the cells as words, rows as
# lines, the note's text once, no pipes and no arrow.
cat >>"$R/site/ateliers/repeindre-le-preau.md" <<'MD'

| Heure | Tâche |
|---|---|
| 9:30 | Poncer[^p] |
| 10:30 | Peindre |

[^p]: Prévoir un masque.
MD
commit_all "$R" "tableau dans un atelier"
build
status "a workshop with a table builds" 0 "$rc"
python3 - "$OUT/programme.ics" >"$WORK/desc.txt" <<'PY'
import sys
text = open(sys.argv[1], encoding="utf-8", newline="").read().replace("\r\n ", "").replace("\r\n", "\n")
for line in text.split("\n"):
    if line.startswith("DESCRIPTION:") and "Poncer" in line:
        print(line.replace("\\n", "\n").replace("\\,", ","))
PY
contains "calendar: cells separated by a space" "$WORK/desc.txt" "Heure Tâche"
contains "calendar: a row per line" "$WORK/desc.txt" "9:30 Poncer"
lacks "calendar: no pipes" "$WORK/desc.txt" "|"
lacks "calendar: no arrow back from the note" "$WORK/desc.txt" "↩"
n=$(grep -o "Prévoir un masque" "$WORK/desc.txt" | wc -l)
status "calendar: the note's text once" 1 "$n"
(cd "$R" && $GIT reset -q --hard HEAD~1)

# A link to a page's file with a typo (outside tester F13): the error says
# the name of the file closest in that folder, as the link to write; none
# when no name is close.
printf -- '\nVoir [les haies](../ateliers/planter-des-haie.md#outils), [le lavoir](../patrimoine/lavior.md) et [ailleurs](../ateliers/tout-autre-chose.md).\n' \
	>>"$R/site/pages/contact.md"
commit_all "$R" "liens mal écrits" >/dev/null
(cd "$R" && LANGUAGE= LC_ALL=fr_FR.UTF-8 LANG=fr_FR.UTF-8 "$FABRIQUE" check site) >"$WORK/.out" 2>&1
contains "did you mean: the closest file of that folder, as the link to write" "$WORK/.out" \
	"le lien « ../ateliers/planter-des-haie.md#outils » mène à site/ateliers/planter-des-haie.md, qui n’existe pas ; vouliez-vous dire « ../ateliers/planter-des-haies.md#outils » ?"
contains "two letters swapped" "$WORK/.out" "vouliez-vous dire « ../patrimoine/lavoir.md » ?"
contains "no close name: the plain message" "$WORK/.out" \
	"le lien « ../ateliers/tout-autre-chose.md » mène à site/ateliers/tout-autre-chose.md, qui n’existe pas ; vérifiez le nom du fichier"
(cd "$R" && $GIT reset -q --hard HEAD~1)

# A link differing from a page's file only by letter case (outside tester
# 19 F19: a Windows or macOS disk opens it, git and the site do not): the
# error gives the link in the file's own spelling, folder included.
printf -- '\nVoir [le lavoir](../Patrimoine/Lavoir.md#histoire) et [les haies](/ATELIERS/Planter-des-haies.md).\n' \
	>>"$R/site/pages/contact.md"
commit_all "$R" "liens en majuscules" >/dev/null
(cd "$R" && LANGUAGE= LC_ALL=fr_FR.UTF-8 LANG=fr_FR.UTF-8 "$FABRIQUE" check site) >"$WORK/.out" 2>&1
contains "letter case: the folder and file as spelt" "$WORK/.out" \
	"vouliez-vous dire « ../patrimoine/lavoir.md#histoire » ?"
contains "letter case: from the site's root too" "$WORK/.out" \
	"vouliez-vous dire « /ateliers/planter-des-haies.md » ?"
(cd "$R" && $GIT reset -q --hard HEAD~1)
