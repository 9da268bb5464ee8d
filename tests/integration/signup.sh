#!/bin/sh
# Signing up from a workshop page and statuses that tell the truth
# (src/signup.c, the commune theme): the sign-up block with the form's
# address naming the workshop, a worded e-mail and the phone; the
# deadline, then "Inscriptions closes"; places left and "Complet"; a
# cancelled workshop's banner without calendar, call or sign-up, listed
# apart; a past one with its recap; home counts of what still wants
# people.  The build's day comes from SOURCE_DATE_EPOCH, as on a server.
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
mkmini "$R"
cd "$R" || exit 1
cat >>site/editions/2026.yaml <<'Y'
inscription:
  url: https://mairie.example/formulaire?source=site
  email: jc@mairie.example
  tel: 02 61 91 40 20
  date_limite: 2026-05-15
Y
cat >site/ateliers/muret.md <<'M'
---
titre: Remonter le muret
resume: Annulé, le coteau glisse ; une entreprise s'en chargera.
debut: "09:00"
fin: "12:00"
benevoles: 6
statut: annule
---
Le muret attendra.
M
cat >site/ateliers/cour.md <<'M'
---
titre: Peindre la cour
debut: "14:00"
fin: "17:00"
benevoles: 4
inscrits: 4
---
Marelles et cibles.
M
sed -i 's/^benevoles: 8$/benevoles: 8\ninscrits: 5/' site/ateliers/repeindre-le-preau.md
commit_all "$R" "inscriptions" >/dev/null

# build DAY OUT: the site as built on that day (UTC noon).
build() {
	SOURCE_DATE_EPOCH=$(date -u -d "$1T12:00:00Z" +%s) "$FABRIQUE" build site --out "$2" -q 2>"$WORK/.err"
}
build 2026-04-01 "$WORK/avril"
status "the site builds" 0 $?
P=$WORK/avril/ateliers/repeindre-le-preau/index.html
contains "an open workshop offers to sign up" "$P" '<h2 id="titre-inscrire">S’inscrire à cet atelier</h2>'
contains "the form's address names the workshop" "$P" 'href="https://mairie.example/formulaire?source=site&amp;atelier=repeindre-le-preau"'
contains "the e-mail's subject names the workshop and its day" "$P" \
	'href="mailto:jc@mairie.example?subject=Inscription%20%3A%20Repeindre%20le%20pr%C3%A9au%20%28samedi%2023%20mai%202026%29&amp;body=Bonjour'
contains "the phone as a tel: link" "$P" 'href="tel:+33261914020">Appeler le <span class="insecable">02 61 91 40 20</span></a>'
contains "the deadline" "$P" 'Inscription avant le <strong>vendredi 15 mai 2026</strong>'
contains "places left from inscrits" "$P" '<strong>3</strong> places restantes sur 8'
# the sign-up block comes before the practical details: first screen
check "the sign-up block comes right after the title" \
	test "$(grep -n 'titre-inscrire"' "$P" | head -1 | cut -d: -f1)" -lt "$(grep -n 'titre-essentiel"' "$P" | head -1 | cut -d: -f1)"

F=$WORK/avril/ateliers/cour/index.html
contains "inscrits = benevoles: Complet" "$F" '<strong>Complet</strong> : toutes les places sont prises.'
lacks "a full workshop offers no sign-up" "$F" 'S’inscrire en ligne'
lacks "a full workshop calls for no volunteer" "$F" 'Bénévoles recherchés'

C=$WORK/avril/ateliers/muret/index.html
contains "a cancelled workshop has a banner" "$C" '<p class="bandeau-titre">Atelier annulé</p>'
contains "the banner gives the reason" "$C" 'Annulé, le coteau glisse'
lacks "a cancelled workshop has no calendar link" "$C" 'Ajouter à mon agenda'
lacks "a cancelled workshop has no sign-up" "$C" 'titre-inscrire'
lacks "a cancelled workshop calls for no volunteer" "$C" 'Bénévoles recherchés'
contains "the cancelled workshop's calendar says CANCELLED" "$WORK/avril/ateliers/muret/atelier.ics" 'STATUS:CANCELLED'
G=$WORK/avril/programme/index.html
contains "the programme lists cancelled workshops apart" "$G" '<h2 id="moment-annules">Ateliers annulés <span class="nombre">(1)</span></h2>'
check "only once in the programme" test "$(grep -c 'href="/ateliers/muret/"' "$G")" -eq 1
# The lists made by edition (all workshops, categories, quartiers, tags)
# put it apart too, after the editions.
L=$WORK/avril/ateliers/index.html
contains "the list of workshops has a group of cancelled ones" "$L" '<h2 id="groupe-annules">Ateliers annulés <span class="nombre">(1)</span></h2>'
check "the cancelled one is in that group, not in its edition's" sh -c \
	"sed -n '/id=\"groupe-annules\"/,/<\/section>/p' '$L' | grep -q 'href=\"/ateliers/muret/\"' &&
	 test \$(grep -c 'href=\"/ateliers/muret/\"' '$L') -eq 1"
H=$WORK/avril/index.html
# preau: 3 places left; haies: 5 wanted; cour full, muret cancelled.
contains "home: only workshops still wanting people are counted" "$H" '<strong>2</strong> ateliers ont besoin de vous'
contains "home: volunteers still wanted" "$H" '<strong>8</strong> bénévoles recherchés'

build 2026-05-18 "$WORK/mai"
status "the site builds after the deadline" 0 $?
P=$WORK/mai/ateliers/repeindre-le-preau/index.html
contains "after the deadline: Inscriptions closes" "$P" '<strong>Inscriptions closes</strong> depuis le vendredi 15 mai 2026.'
lacks "after the deadline: no way to sign up" "$P" 'S’inscrire en ligne'
contains "after the deadline, cards say so" "$WORK/mai/programme/index.html" '<span class="badge">Inscriptions closes</span>'

build 2026-04-01 "$WORK/avril2"
L=$WORK/avril2/ateliers/nettoyer-le-lavoir-2025/index.html
contains "a past workshop is in the past tense" "$L" 'Cet atelier a eu lieu le samedi 24 mai 2025.'
contains "a past workshop links to its recap" "$L" 'href="/retours/fete-2025/">Voir le retour en images : Le lavoir nettoyé</a>'
lacks "a past workshop has no sign-up" "$L" 'titre-inscrire'
lacks "a past workshop has no calendar link" "$L" 'Ajouter à mon agenda'

build 2026-06-01 "$WORK/juin"
P=$WORK/juin/ateliers/repeindre-le-preau/index.html
contains "after the day, the workshop is past" "$P" 'Cet atelier a eu lieu le samedi 23 mai 2026.'
lacks "after the day, no sign-up" "$P" 'titre-inscrire'

# A form on a page of several, named by its #fragment (outside tester
# 26 F15): the workshop's parameters go before it, and it is kept.
sed -i 's|^  url: https://mairie.example/formulaire?source=site$|  url: https://mairie.example/formulaire?source=site#jc2026|' site/editions/2026.yaml
commit_all "$R" "formulaire #jc2026" >/dev/null
build 2026-04-01 "$WORK/frag"
status "a form's address with a #fragment: the site builds" 0 $?
contains "... the workshop named before the fragment, kept" "$WORK/frag/ateliers/repeindre-le-preau/index.html" \
	'href="https://mairie.example/formulaire?source=site&amp;atelier=repeindre-le-preau#jc2026"'
