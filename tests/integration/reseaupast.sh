#!/bin/sh
# The network's commune page calls for volunteers only where the
# commune's own site does (outside tester 25 F19: « 6 bénévoles
# recherchés » under « Réalisé » workshops of a commune whose day was
# past): not under a realised, cancelled or full workshop, nor under one
# whose day is over (a workshop nobody marked « realise »), as of the
# commune's day at the build.  Its day passing is enough: a rebuild into
# the same folder, the commune unchanged, drops the call.  The counts
# (« N ateliers ») still count every published workshop, past ones too,
# as the page lists them all.  Real member repositories; the pages read
# back with Python's html.parser.
. "$(dirname "$0")/../lib.sh"

NEXT=$(($(date -u +%Y) + 1))
N=$WORK/net
# tours: next year's « Planter la haie » wants 6; the fixture's
# « Planter des haies » (5) and « Repeindre le préau » (8) put in its
# 2026 edition (23 May 2026) are past, their statut never set; the 2025
# « Nettoyer le lavoir » is realise and still says it wanted 6
reseau_member "$N/tours" "Tours-sur-Cher" 37261 https://tours.example/
(cd "$N/tours" && sed -i 's/^statut: propose$/statut: propose\nbenevoles: 6/' ateliers/haie.md &&
 sed -i 's/^benevoles: \([58]\)$/benevoles: \1\nedition: 2026/' ateliers/planter-des-haies.md ateliers/repeindre-le-preau.md &&
 sed -i 's/^statut: realise$/statut: realise\nbenevoles: 6/' ateliers/nettoyer-le-lavoir-2025.md &&
 $GIT commit -qam "Bénévoles")
# amboise: next year's haie is cancelled (wanted 4), another is full
# (wanted 3)
reseau_member "$N/amboise" "Amboise-les-Prés" 37003 https://amboise.example/
(cd "$N/amboise" && sed -i 's/^statut: propose$/statut: annule\nbenevoles: 4/' ateliers/haie.md &&
 sed 's/^titre: .*/titre: Tailler les saules/; s/^statut: annule$/statut: complet/; s/^benevoles: 4$/benevoles: 3/' \
	ateliers/haie.md >ateliers/saules.md &&
 $GIT add -A && $GIT commit -qm "Annulé, complet")
printf 'url: https://reseau.example/\ncommunes:\n  - depot: tours\n  - depot: amboise\n' >"$N/liste.yaml"

# calls PAGE: one line per workshop, « title | status | call » (the
# call's words, or « - »)
cat >"$WORK/calls.py" <<'EOS'
import sys
from html.parser import HTMLParser
class P(HTMLParser):
    def __init__(self):
        super().__init__(); self.rows = []; self.cur = None; self.tag = None
    def handle_starttag(self, tag, attrs):
        cls = dict(attrs).get("class") or ""
        if tag == "article" and "atelier" in cls.split():
            self.cur = {"title": "", "status": "-", "text": ""}
        elif self.cur is not None:
            self.tag = "status" if "statut" in cls.split() else ("title" if tag == "h3" else self.tag)
    def handle_endtag(self, tag):
        if tag == "article" and self.cur is not None:
            self.rows.append(self.cur); self.cur = None
        if tag in ("h3", "p"):
            self.tag = None
    def handle_data(self, d):
        if self.cur is None:
            return
        self.cur["text"] += d
        if self.tag == "title":
            self.cur["title"] += d.strip()
        elif self.tag == "status":
            self.cur["status"] = d.strip()
p = P(); p.feed(open(sys.argv[1], encoding="utf-8").read())
import re
for r in p.rows:
    m = re.search(r"\d+ bénévoles? recherchés?", r["text"])
    print("%s | %s | %s" % (r["title"], r["status"], m.group(0) if m else "-"))
EOS
calls() { /usr/bin/python3 "$WORK/calls.py" "$1"; }

"$FABRIQUE" reseau "$N/liste.yaml" --out "$WORK/o" 2>"$WORK/.err"
status "the network builds" 0 $?
T=$WORK/o/communes/37261-tours-sur-cher/index.html
A=$WORK/o/communes/37003-amboise-les-pres/index.html
calls "$T" >"$WORK/tours"
calls "$A" >"$WORK/amboise"
contains "a coming workshop still calls for its volunteers" "$WORK/tours" \
	"Planter la haie | Proposé | 6 bénévoles recherchés"
contains "a realised workshop calls for none" "$WORK/tours" "Nettoyer le lavoir | Réalisé | -"
contains "a workshop whose day is past calls for none (statut never set)" "$WORK/tours" \
	"Planter des haies | Confirmé | -"
contains "nor the other past one" "$WORK/tours" "Repeindre le préau | Confirmé | -"
contains "a cancelled workshop calls for none" "$WORK/amboise" "Planter la haie | Annulé | -"
contains "a full workshop calls for none" "$WORK/amboise" "Tailler les saules | Complet | -"
contains "the counts still count every published workshop" "$T" "4 ateliers."

# the day after next year's workshop: rebuilt into the same folder, the
# communes unchanged (taken from the last build), the call is gone
AFTER=$(date -u -d "$NEXT-05-30 12:00" +%s)
SOURCE_DATE_EPOCH=$AFTER "$FABRIQUE" reseau "$N/liste.yaml" --out "$WORK/o" --verbose 2>"$WORK/.err"
status "rebuilt the day after" 0 $?
contains "both communes taken from the last build" "$WORK/.err" "2 member(s) unchanged since the last build"
calls "$T" >"$WORK/tours"
contains "the day passed, its call is gone" "$WORK/tours" "Planter la haie | Proposé | -"
lacks "no call left on the page" "$T" "recherchés"

# a day later still: no workshop of tours calls any more, so its page no
# longer depends on the day and is kept as the last build made it
before=$(stat -c %i "$T")
SOURCE_DATE_EPOCH=$((AFTER + 86400)) "$FABRIQUE" reseau "$N/liste.yaml" --out "$WORK/o" 2>"$WORK/.err"
status "rebuilt two days after" 0 $?
check "the page without calls is kept, not made again" test "$before" = "$(stat -c %i "$T")"
