#!/bin/sh
# The network's Atom feed dates its entries (one per commune) as a
# commune's feed dates a page (feeds_entry_dates(), one rule): <updated>
# is when the commune's programme last changed (its workshops' latest
# updatedAt), <published> the day it joined (its first workshop's first
# commit), not the network's build time (links23 leftover: an entry
# was dated the day it joined whatever changed since; only a member
# whose programme has no dates at all takes the build's time, as a
# commune's page without history does).  The feed's own <updated> is
# its entries' latest.  Parsed with python's XML parser.
. "$(dirname "$0")/../lib.sh"
PY=/usr/bin/python3
N=$WORK/net
NEXT=$(($(date -u +%Y) + 1))
mkdir -p "$N/tours"
cp -R "$TOP/tests/fixtures/mini/." "$N/tours/"
cp -R "$TOP/themes" "$N/tours/themes"
sed -i "s/^  nom: .*/  nom: Tours-sur-Cher/; s/^  insee: .*/  insee: \"37261\"/; s|^url: .*|url: https://tours.example/|" "$N/tours/site.yaml"
printf 'date: %s-05-29\ninscription:\n  email: journee@mairie.example\n' "$NEXT" >"$N/tours/editions/$NEXT.yaml"
printf -- '---\ntitre: Planter la haie\nedition: %s\ndebut: "09:00"\nfin: "12:00"\ncategorie: nature\nstatut: propose\nresume: Un atelier.\nlieu: École\n---\nTexte.\n' \
    "$NEXT" >"$N/tours/ateliers/haie.md"
D1=2026-03-02T10:00:00+01:00
D2=2026-04-10T10:00:00+02:00
(cd "$N/tours" && $GIT init -q && $GIT add -A &&
 GIT_AUTHOR_DATE=$D1 GIT_COMMITTER_DATE=$D1 $GIT commit -qm "Contenu" &&
 sed -i 's/^resume: .*/resume: Une haie de noisetiers./' ateliers/haie.md &&
 GIT_AUTHOR_DATE=$D2 GIT_COMMITTER_DATE=$D2 $GIT commit -qam "Résumé")
printf 'url: https://reseau.example/\ncommunes:\n  - depot: tours\n' >"$N/liste.yaml"
"$FABRIQUE" reseau "$N/liste.yaml" --out "$WORK/o" 2>"$WORK/.err"
status "the network builds" 0 $?

cat >"$WORK/check.py" <<'EOS'
import sys, datetime
import xml.etree.ElementTree as ET
A = "{http://www.w3.org/2005/Atom}"
feed = ET.parse(sys.argv[1]).getroot()
entry = feed.find(A + "entry")
today = datetime.date.today().isoformat()
up = entry.findtext(A + "updated")
pub = entry.findtext(A + "published")
assert up.startswith("2026-04-10"), ("updated: the programme's last change", up)
print("ok - the commune's entry is updated the day its programme last changed, not the day it joined")
assert pub is not None and pub.startswith("2026-03-02"), ("published: the day it joined", pub)
print("ok - and published the day it joined")
assert feed.findtext(A + "updated") == up, (feed.findtext(A + "updated"), up)
assert not any(x.startswith(today) for x in (up, pub, feed.findtext(A + "updated")))
print("ok - the feed's <updated> is its entries' latest, none the build's day")
EOS
$PY "$WORK/check.py" "$WORK/o/flux.xml" 2>"$WORK/.py" ||
	not_ok "the network's feed dates its entries by their own dates" "$(tail -n 3 "$WORK/.py")"

# rebuilt from the cache (the member unchanged): the same feed
cp "$WORK/o/flux.xml" "$WORK/flux1.xml"
"$FABRIQUE" reseau "$N/liste.yaml" --out "$WORK/o" 2>"$WORK/.err"
check "a rebuild from the cache writes the same feed" cmp "$WORK/flux1.xml" "$WORK/o/flux.xml"
