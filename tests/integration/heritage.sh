#!/bin/sh
# A heritage story's period (outside tester 18 F20): the archetype's own
# example « siecle: XIXe siècle », copied word for word, was published
# « XIXe siècle siècle » (the theme adds the word).  The archetype now
# shows « XIXe »; a century written whole keeps one « siècle ».
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
mkmini "$R"
cd "$R" || exit 1
"$FABRIQUE" new histoire "Le puits de la Cure" site >/dev/null 2>&1
F=site/patrimoine/le-puits-de-la-cure.md
contains "the archetype's example century is written without the word" "$F" "# siecle: XIXe"
lacks "and not « XIXe siècle »" "$F" "siecle: XIXe siècle"
sed -i -e 's/^  # debut: 1862.*/  debut: 1880/' -e 's/^  # fin: 1863.*/  fin: 1881/' -e 's/^  # siecle: XIXe.*/  siecle: XIXe siècle/' \
	-e 's/^resume: .*/resume: Le puits du presbytère./' -e 's/^  nom: .*/  nom: Puits de la Cure/' \
	-e 's/^    titre:.*/    titre: Registre des travaux/' -e "s/^Racontez l'histoire du lieu./Creusé en 1880./" "$F"
commit_all "$R" "puits"
"$FABRIQUE" build site --out "$WORK/out" -q 2>"$WORK/.err"
status "the story, filled in, builds" 0 $?
P=$WORK/out/patrimoine/le-puits-de-la-cure/index.html
contains "a century written whole: the word once" "$P" "1880–1881, XIXe siècle"
lacks "never twice" "$P" "siècle siècle"
sed -i 's/^  siecle: .*/  siecle: XIXe/' "$F"
commit_all "$R" "puits, siècle court"
"$FABRIQUE" build site --out "$WORK/out" -q 2>/dev/null
contains "a century written short: the word added" "$P" "1880–1881, XIXe siècle"

# protection: (outside tester 18 F20): a listed monument, as the
# archetype offers it, was accepted and shown nowhere.  The story says
# it, with a link to its record in the ministry's Mérimée base.
sed -i 's/^# protection: .*/protection: {statut: inscrit, merimee: PA00097123}/' "$F"
commit_all "$R" "puits inscrit"
"$FABRIQUE" build site --out "$WORK/out" -q 2>"$WORK/.err"
status "a protected story builds" 0 $?
contains "its protection is said" "$P" \
	'<span class="meta-libelle">Protection :</span> Monument historique inscrit'
contains "with a link to its Mérimée record" "$P" \
	'(<a href="https://www.pop.culture.gouv.fr/notice/merimee/PA00097123">notice Mérimée PA00097123</a>)'
sed -i 's/^protection: .*/protection: {statut: classe}/' "$F"
commit_all "$R" "puits classé"
"$FABRIQUE" build site --out "$WORK/out" -q 2>"$WORK/.err"
contains "a classified one without its record number: no link" "$P" \
	'<span class="meta-libelle">Protection :</span> Monument historique classé</p>'
lacks "no record link then" "$P" "pop.culture.gouv.fr"
lacks "a story without protection says none" "$WORK/out/patrimoine/lavoir/index.html" "Protection :"
