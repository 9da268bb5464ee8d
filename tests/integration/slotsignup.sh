#!/bin/sh
# A cancelled slot takes no names (slots34, last session's leftover): a
# workshop at 8 h, 10 h 30 and 16 h whose 10 h 30 slot is called off
# (« statut: annule ») still offered, in its sign-up box, an e-mail and
# a link to the form for 10 h 30, and its CANCELLED calendar event
# still ended with « S’inscrire à cet atelier : ».  Now the box names
# that slot with « Annulé » and offers no way to sign up for it; the
# other slots keep their e-mail and form, the phone stays; the calendar
# events of the slots still open keep their ways to sign up, each its
# own form, found by its slot's number (not its place: the lists in the
# box skip the cancelled slot); every slot cancelled, no sign-up at all.
# The site made by `fabrique init` (on a fixed day, under faketime: its
# edition is 2027 whatever the clock), in its own repository, every
# commit dated, built with the uninstalled binary.
. "$(dirname "$0")/../lib.sh"

PY=/usr/bin/python3
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
export GIT_AUTHOR_DATE=2027-04-01T10:00:00+02:00 \
    GIT_COMMITTER_DATE=2027-04-01T10:00:00+02:00
S=$WORK/journee
env -u LD_PRELOAD -u FAKETIME faketime '2026-11-20 10:00:00' \
    "$FABRIQUE" init "$S" --commune Saint-Test --insee 70097 \
    --url https://mairie.example.fr/ >"$WORK/init" 2>&1
if [ $? -ne 0 ] || ! grep -q '^date: 2027-05-29' "$S/editions/2027.yaml"; then
	not_ok "fabrique init makes the site, its edition on 2027-05-29" "$(cat "$WORK/init")"
	exit 0
fi
cd "$S" || exit 1
fill_starter "$S"
printf 'inscription:\n  email: jc@mairie.example\n  url: "https://mairie.example/jc"\n  tel: "02 47 00 00 00"\n' \
	>>editions/2027.yaml
# barnums STATUS1 STATUS2 STATUS3: the workshop in three slots, each
# with the statut given ("-" for none)
barnums() {
	{
		printf -- '---\ntitre: Monter les barnums\nresume: Les barnums de la fête.\n'
		printf 'edition: 2027\ncreneaux:\n'
		for t in "08:00 10:00 $1" "10:30 12:00 $2" "16:00 18:00 $3"; do
			set -- $t
			st=""
			[ "$3" = - ] || st=", statut: $3"
			printf '  - {debut: "%s", fin: "%s"%s}\n' "$1" "$2" "$st"
		done
		printf 'lieu: {nom: Place, adresse: Place de la mairie}\n'
		printf 'categorie: cadre-de-vie\nbenevoles: 6\n---\nGants fournis.\n'
	} >ateliers/barnums.md
}
barnums - annule -
$GIT add -A && $GIT commit -q --amend -m "Le site, les barnums" ||
	not_ok "the site is committed"
build() { "$FABRIQUE" build . --out "$1" >"$WORK/out" 2>&1; echo $? >"$WORK/rc"; }
same() {
	if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "expected: $2" "got: $3"; fi
}
# box FILE: the sign-up box of a workshop page, one line each: its
# links (the mailto's subject decoded, the form's creneau= decoded),
# then « texte: » its words
box() {
	$PY - "$1" <<'EOF'
import sys, re
from html.parser import HTMLParser
from urllib.parse import urlsplit, parse_qs, unquote
class P(HTMLParser):
    depth = 0; links = []; text = []
    def handle_starttag(self, tag, a):
        a = dict(a)
        if tag == "section" and "inscrire" in (a.get("class") or "").split():
            self.depth = 1
        elif tag == "section" and self.depth:
            self.depth += 1
        if self.depth and tag == "a":
            h = a.get("href", "")
            if h.startswith("mailto:"):
                q = parse_qs(urlsplit(h).query)
                self.links.append("mailto " + q.get("subject", [""])[0])
            elif h.startswith("tel:"):
                self.links.append("tel " + h)
            else:
                q = parse_qs(urlsplit(h).query)
                self.links.append("form " + q.get("creneau", ["-"])[0])
    def handle_endtag(self, tag):
        if tag == "section" and self.depth:
            self.depth -= 1
    def handle_data(self, d):
        if self.depth:
            self.text.append(d)
p = P(); p.feed(open(sys.argv[1], encoding="utf-8").read())
for l in p.links: print(l)
print("texte: " + re.sub(r"\s+", " ", "".join(p.text)).strip())
EOF
}
# desc FILE: each event of a calendar, "SUMMARY | its sign-up lines"
desc() {
	$PY - "$1" <<'EOF'
import sys, icalendar
for e in icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read()).walk("VEVENT"):
    d = str(e.get("DESCRIPTION", ""))
    ways = d.split("S’inscrire à cet atelier :", 1)
    w = " ".join(ways[1].split()) if len(ways) > 1 else "-"
    print("%s %s | %s" % (e.decoded("DTSTART").strftime("%H:%M"), e.get("SUMMARY"), w))
EOF
}

P=$WORK/p1
build "$P"
same "the site with the 10 h 30 slot cancelled builds" 0 "$(cat "$WORK/rc")"
A=$P/ateliers/barnums
box "$A/index.html" >"$WORK/box"
if grep -q "10 h 30" "$WORK/box" && ! grep -q '^\(mailto\|form\) .*10 h 30' "$WORK/box"; then
	ok "the box offers no e-mail and no form for the cancelled slot"
else
	not_ok "the box offers no e-mail and no form for the cancelled slot" "$(cat "$WORK/box")"
fi
same "the other slots keep their e-mail and their form, the phone stays" \
	"form samedi 29 mai 2027, 8 h – 10 h
form samedi 29 mai 2027, 16 h – 18 h
mailto Inscription : Monter les barnums (samedi 29 mai 2027, 8 h – 10 h)
mailto Inscription : Monter les barnums (samedi 29 mai 2027, 16 h – 18 h)
tel tel:+33247000000" "$(grep -v '^texte:' "$WORK/box")"
case $(grep '^texte:' "$WORK/box") in
*"10 h 30 – 12 h Annulé"*) ok "the box says « 10 h 30 – 12 h Annulé »" ;;
*) not_ok "the box says « 10 h 30 – 12 h Annulé »" "$(grep '^texte:' "$WORK/box")" ;;
esac
case $(grep '^texte:' "$WORK/box") in
*"au créneau 8 h – 10 h"*"au créneau 16 h – 18 h"*) ok "the box's links name the slots still open" ;;
*) not_ok "the box's links name the slots still open" "$(grep '^texte:' "$WORK/box")" ;;
esac
# the calendars: the cancelled slot's event invites nobody; the others
# keep the ways to sign up, each slot its own form
for f in atelier.ics creneau-2.ics creneau-3.ics; do
	[ -f "$A/$f" ] || not_ok "$f is written" "no $A/$f"
done
desc "$A/creneau-2.ics" >"$WORK/c2"
same "creneau-2.ics: the cancelled slot's event has no « S’inscrire à cet atelier »" \
	"10:30 Annulé : Monter les barnums | -" "$(cat "$WORK/c2")"
desc "$A/creneau-3.ics" >"$WORK/c3"
case $(cat "$WORK/c3") in
"16:00 Monter les barnums | https://mairie.example/jc?atelier=barnums&creneau="*"16%20h"*"jc@mairie.example 02 47 00 00 00")
	ok "creneau-3.ics: the 16 h slot's event keeps its own form, the e-mail and the phone" ;;
*) not_ok "creneau-3.ics: the 16 h slot's event keeps its own form, the e-mail and the phone" "$(cat "$WORK/c3")" ;;
esac
desc "$A/atelier.ics" | LC_ALL=C sort >"$WORK/all"
case $(cat "$WORK/all") in
"08:00 Monter les barnums | "*"creneau="*"8%20h%20"*"
10:30 Annulé : Monter les barnums | -
16:00 Monter les barnums | "*"creneau="*"16%20h"*)
	ok "atelier.ics: each open slot with its own form, the cancelled one with none" ;;
*) not_ok "atelier.ics: each open slot with its own form, the cancelled one with none" "$(cat "$WORK/all")" ;;
esac
desc "$P/programme.ics" | grep barnums | LC_ALL=C sort >"$WORK/prog"
same "programme.ics says the same" "$(cat "$WORK/all")" "$(cat "$WORK/prog")"

# the first slot cancelled instead: the lists in the box start at the
# second slot, and each calendar still finds its own slot's form
barnums annule - -
$GIT add -A && GIT_AUTHOR_DATE=2027-04-02T10:00:00+02:00 GIT_COMMITTER_DATE=2027-04-02T10:00:00+02:00 \
	$GIT commit -qm "Barnums : plus de 8 h"
P=$WORK/p2
build "$P"
A=$P/ateliers/barnums
desc "$A/atelier.ics" | LC_ALL=C sort >"$WORK/all"
case $(cat "$WORK/all") in
"08:00 Annulé : Monter les barnums | -
10:30 Monter les barnums | "*"creneau="*"10%20h%2030"*"
16:00 Monter les barnums | "*"creneau="*"16%20h"*)
	ok "the first slot cancelled: each open slot's event has its own slot's form" ;;
*) not_ok "the first slot cancelled: each open slot's event has its own slot's form" "$(cat "$WORK/all")" ;;
esac
box "$A/index.html" | grep '^form' >"$WORK/box"
same "the first slot cancelled: the box's forms are 10 h 30's and 16 h's" \
	"form samedi 29 mai 2027, 10 h 30 – 12 h
form samedi 29 mai 2027, 16 h – 18 h" "$(cat "$WORK/box")"

# every slot cancelled: the workshop is, and there is no sign-up at all
barnums annule annule annule
$GIT add -A && GIT_AUTHOR_DATE=2027-04-03T10:00:00+02:00 GIT_COMMITTER_DATE=2027-04-03T10:00:00+02:00 \
	$GIT commit -qm "Barnums annulés"
P=$WORK/p3
build "$P"
A=$P/ateliers/barnums
same "every slot cancelled: the site builds" 0 "$(cat "$WORK/rc")"
grep -q 'Atelier annulé' "$A/index.html"
status "every slot cancelled: the page has the cancelled workshop's banner" 0 $?
if grep -qE 'titre-inscrire|href="(mailto|tel):|atelier=barnums' "$A/index.html"; then
	not_ok "every slot cancelled: no sign-up box, no e-mail, phone or form link" \
		"$(grep -oE 'titre-inscrire|href="(mailto|tel):[^"]{0,30}|atelier=barnums[^"]{0,30}' "$A/index.html")"
else
	ok "every slot cancelled: no sign-up box, no e-mail, phone or form link"
fi
desc "$A/atelier.ics" | LC_ALL=C sort >"$WORK/all"
same "every slot cancelled: no event invites to sign up" \
	"08:00 Annulé : Monter les barnums | -
10:30 Annulé : Monter les barnums | -
16:00 Annulé : Monter les barnums | -" "$(cat "$WORK/all")"
