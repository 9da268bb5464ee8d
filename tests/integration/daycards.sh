#!/bin/sh
# A workshop on another day than the Journée says its day on the cards
# of the programme and the home, which list it under the Journée's date
# (outside tester 18 F17): a workshop the day after, a slot a week
# later.  The mini site: edition 2026 on Saturday 23 May 2026.
. "$(dirname "$0")/../lib.sh"

R=$WORK/repo
mkmini "$R"
cd "$R" || exit 1
sed -i 's/^debut: "14:00"/date: 2026-05-24\ndebut: "14:00"/' site/ateliers/planter-des-haies.md
cat >site/ateliers/repair-cafe.md <<'MD'
---
titre: Repair café
resume: On répare ensemble petits appareils et vélos.
creneaux:
  - {debut: "09:30", fin: "12:00"}
  - {date: 2026-05-30, debut: "14:00", fin: "17:00"}
categorie: nature
benevoles: 3
lieu: Salle des fêtes
---
Apportez ce qui ne marche plus.
MD
(cd "$R" && $GIT add -A &&
	GIT_COMMITTER_DATE=2026-02-01T10:00:00+01:00 $GIT commit -qm "Autres jours")
OUT=$WORK/public
"$FABRIQUE" build site --out "$OUT" >"$WORK/.out" 2>"$WORK/.err"
status "the build succeeds" 0 $?
P=$OUT/programme/index.html
contains "the programme's card says the workshop's own day" "$P" \
	'<strong>dimanche 24 mai 2026</strong>, <span class="heure">14 h – 17 h</span>'
contains "the home's card says it too" "$OUT/index.html" \
	'<strong>dimanche 24 mai 2026</strong>, <span class="heure">14 h – 17 h</span>'
contains "a slot on another day says its day" "$P" \
	'<strong>samedi 30 mai 2026</strong>, <span class="heure">14 h – 17 h</span>'
lacks "a slot on the Journée's day does not repeat it" "$P" \
	"<strong>samedi 23 mai 2026</strong>"
check "a workshop on the Journée's day shows only its hours" \
	grep -q '<span class="horaire"><span class="heure">9 h – 12 h</span></span>' "$P"
