#!/usr/bin/env python3
"""bench/gen-reseau.py N DIR - N synthetic member communes for `fabrique reseau`.

Writes DIR/communes/INSEE.json (programme.json files in the format of
themes/reseau/programme.schema.json, fabrique-programme/1) and
DIR/liste.yaml naming them all.  Deterministic (seeded by N): the same N
gives the same files.

Communes get French-looking names (Saint-Martin-sur-Loire, Le Mesnil-en-
Vallée...), INSEE codes of real départements (2A/2B and 971-976 included,
unique per commune), coordinates inside their département (around its
préfecture, within a radius suited to its size, and inside the mainland
or Corsica outline of src/geo.c; inside the box of an overseas
département) and 10 to 40 workshops each, with slots, places, categories,
tags, statuses and registration like a real export.
"""
import json, os, random, sys

MAINLAND = [(2.55, 51.09), (3.6, 50.45), (4.2, 49.96), (5.8, 49.55), (6.4, 49.46), (8.2, 48.97),
            (7.6, 47.58), (6.9, 47.4), (6.1, 46.4), (7.0, 45.9), (6.6, 45.1), (7.0, 44.2), (7.5, 43.8),
            (6.6, 43.15), (5.4, 43.2), (4.6, 43.4), (3.3, 43.2), (3.05, 42.5), (1.7, 42.5), (0.0, 42.7),
            (-1.8, 43.35), (-1.45, 43.6), (-1.25, 44.6), (-1.2, 45.7), (-2.2, 47.1), (-3.0, 47.5),
            (-4.4, 47.8), (-4.8, 48.4), (-4.0, 48.7), (-3.0, 48.8), (-1.6, 48.65), (-1.9, 49.7),
            (-1.2, 49.4), (0.2, 49.4), (1.4, 50.1), (1.6, 50.9)]
CORSICA = [(9.4, 43.0), (9.55, 42.2), (9.25, 41.4), (8.8, 41.6), (8.6, 42.3), (8.6, 42.6), (9.3, 42.75)]
OVERSEAS = {"971": (-61.7, -61.2, 15.95, 16.45, "America/Guadeloupe", "-04:00"),
            "972": (-61.2, -60.85, 14.45, 14.85, "America/Martinique", "-04:00"),
            "973": (-54.0, -52.0, 3.0, 5.6, "America/Cayenne", "-03:00"),
            "974": (55.25, 55.8, -21.35, -20.9, "Indian/Reunion", "+04:00"),
            "976": (45.05, 45.28, -12.98, -12.65, "Indian/Mayotte", "+03:00")}
# Préfecture of each metropolitan département (lat, lon): a point inside it.
PREFECTURE = {
    "01": (46.20, 5.22), "02": (49.56, 3.62), "03": (46.57, 3.33), "04": (44.09, 6.24), "05": (44.56, 6.08),
    "06": (43.70, 7.27), "07": (44.74, 4.60), "08": (49.77, 4.72), "09": (42.97, 1.61), "10": (48.30, 4.08),
    "11": (43.21, 2.35), "12": (44.35, 2.57), "13": (43.30, 5.37), "14": (49.18, -0.37), "15": (44.93, 2.44),
    "16": (45.65, 0.16), "17": (46.16, -1.15), "18": (47.08, 2.40), "19": (45.27, 1.77), "21": (47.32, 5.04),
    "22": (48.51, -2.76), "23": (46.17, 1.87), "24": (45.18, 0.72), "25": (47.24, 6.02), "26": (44.93, 4.89),
    "27": (49.02, 1.15), "28": (48.45, 1.49), "29": (47.99, -4.10), "30": (43.84, 4.36), "31": (43.60, 1.44),
    "32": (43.65, 0.59), "33": (44.84, -0.58), "34": (43.61, 3.88), "35": (48.11, -1.68), "36": (46.81, 1.69),
    "37": (47.39, 0.69), "38": (45.19, 5.72), "39": (46.67, 5.55), "40": (43.89, -0.50), "41": (47.59, 1.33),
    "42": (45.44, 4.39), "43": (45.04, 3.88), "44": (47.22, -1.55), "45": (47.90, 1.90), "46": (44.45, 1.44),
    "47": (44.20, 0.62), "48": (44.52, 3.50), "49": (47.47, -0.55), "50": (49.12, -1.09), "51": (48.96, 4.36),
    "52": (48.11, 5.14), "53": (48.07, -0.77), "54": (48.69, 6.18), "55": (48.77, 5.16), "56": (47.66, -2.76),
    "57": (49.12, 6.18), "58": (46.99, 3.16), "59": (50.63, 3.06), "60": (49.43, 2.08), "61": (48.43, 0.09),
    "62": (50.29, 2.78), "63": (45.78, 3.08), "64": (43.30, -0.37), "65": (43.23, 0.08), "66": (42.70, 2.90),
    "67": (48.57, 7.75), "68": (48.08, 7.36), "69": (45.76, 4.84), "70": (47.62, 6.15), "71": (46.31, 4.83),
    "72": (48.00, 0.20), "73": (45.57, 5.92), "74": (45.90, 6.13), "75": (48.86, 2.35), "76": (49.44, 1.10),
    "77": (48.54, 2.66), "78": (48.80, 2.13), "79": (46.32, -0.46), "80": (49.89, 2.30), "81": (43.93, 2.15),
    "82": (44.02, 1.35), "83": (43.12, 5.93), "84": (43.95, 4.81), "85": (46.67, -1.43), "86": (46.58, 0.34),
    "87": (45.83, 1.26), "88": (48.17, 6.45), "89": (47.80, 3.57), "90": (47.64, 6.86), "91": (48.63, 2.44),
    "92": (48.89, 2.21), "93": (48.91, 2.44), "94": (48.79, 2.46), "95": (49.04, 2.08), "2A": (41.93, 8.74),
    "2B": (42.70, 9.45)}
# How far (degrees) from its préfecture a commune may lie: Paris and its
# small neighbours are a few kilometres across.
RADIUS = {"75": 0.03, "92": 0.04, "93": 0.04, "94": 0.04, "90": 0.08, "91": 0.12, "95": 0.12, "77": 0.2,
          "78": 0.15, "2A": 0.2, "2B": 0.2, "69": 0.15, "13": 0.15, "06": 0.12, "83": 0.15, "66": 0.12}
METRO = ["%02d" % i for i in range(1, 96) if i != 20] + ["2A", "2B"]
FIRST = ["Saint-Martin", "Saint-Aubin", "Sainte-Marie", "Le Mesnil", "La Chapelle", "Saint-Germain",
         "Villeneuve", "Montigny", "Beaumont", "Fontaine", "Saint-Pierre", "Bourg", "Neuville",
         "Champagné", "Lussac", "Brévilliers", "Les Essarts", "Saint-Jean", "Chaumont", "Vernoux",
         "Ambérieu", "Castelnau", "Roquefort", "Plouescat", "Kervignac", "Gouzon", "Échenoz",
         "Saint-Étienne", "Mauves", "Lavaur", "Rochefort", "Sauveterre", "Châteauneuf"]
SECOND = ["", "", "", "-sur-Loire", "-sur-Mer", "-en-Vallée", "-les-Bains", "-le-Château",
          "-d’Oléron", "-de-Bretagne", "-sous-Bois", "-la-Forêt", "-du-Lac", "-en-Champagne",
          "-des-Prés", "-la-Rivière", "-aux-Bois", "-le-Vieux"]
VERBS = ["Repeindre", "Nettoyer", "Restaurer", "Planter", "Désherber", "Réparer", "Fleurir",
         "Construire", "Baliser", "Ranger", "Débroussailler", "Rénover", "Installer", "Cuisiner pour"]
THINGS = ["le préau de l’école", "le lavoir", "les bancs de la place", "le cimetière",
          "le sentier des vignes", "la chapelle", "le city-stade", "les jeux de la cour",
          "le jardin partagé", "la boîte à livres", "le monument aux morts", "les berges",
          "l’entrée du bourg", "le massif de la mairie", "la salle des fêtes", "le four à pain",
          "les nichoirs du verger", "le grand repas", "le mur du stade", "la mare pédagogique"]
CATS = [("cadre-de-vie", "Cadre de vie"), ("renovation", "Rénovation"), ("patrimoine", "Patrimoine"),
        ("nature", "Nature et environnement"), ("culture", "Culture"), ("solidarite", "Solidarité"),
        ("enfance", "Enfance et jeunesse"), ("convivialite", "Convivialité")]
TAGS = ["peinture", "jardinage", "bois", "maçonnerie", "nettoyage", "enfants", "cuisine", "patrimoine",
        "eau", "arbres", "fleurs", "sport", "école", "entraide"]
STATUS = ["scheduled"] * 12 + ["full", "cancelled", "proposed"]
HOURS = [("09:00", "12:00"), ("14:00", "17:00"), ("09:00", "17:00"), ("08:30", "12:30"), ("13:30", "16:30")]


def inside(pt, poly):
    x, y = pt
    res = False
    for i in range(len(poly)):
        (x1, y1), (x2, y2) = poly[i], poly[i - 1]
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            res = not res
    return res


def near(rng, dept):
    """A point (lon, lat) around the département's préfecture, on land."""
    lat, lon = PREFECTURE[dept]
    r = RADIUS.get(dept, 0.25)
    outline = CORSICA if dept in ("2A", "2B") else MAINLAND
    for _ in range(60):
        p = (lon + rng.uniform(-r, r) * 1.4, lat + rng.uniform(-r, r))
        if inside(p, outline):
            return p
        r *= 0.8
    return (lon, lat)


def slug(s):
    import unicodedata
    s = unicodedata.normalize("NFD", s.replace("’", "-").replace("œ", "oe")).encode("ascii", "ignore").decode()
    out = "".join(c.lower() if c.isalnum() else "-" for c in s)
    while "--" in out:
        out = out.replace("--", "-")
    return out.strip("-")


OVERSEAS_LAST = {"971": 34, "972": 34, "973": 62, "974": 24, "975": 2, "976": 17}


def commune(rng, i, used):
    # numbers up to the département's last (src/geo.c: fabrique reseau
    # refuses a code past it): 78 is the smallest metropolitan last (92)
    while True:
        dept = rng.choice(list(OVERSEAS)) if rng.random() < 0.03 else rng.choice(METRO)
        insee = "%s%03d" % (dept, rng.randint(1, 78)) if len(dept) == 2 else \
            "%s%02d" % (dept, rng.randint(1, OVERSEAS_LAST.get(dept, 2)))
        if insee not in used:
            used.add(insee)
            break
    name = rng.choice(FIRST) + rng.choice(SECOND)
    if dept in OVERSEAS:
        lo0, lo1, la0, la1, tz, off = OVERSEAS[dept]
        center = (rng.uniform(lo0, lo1), rng.uniform(la0, la1))
    else:
        tz, off = "Europe/Paris", "+02:00"
        center = near(rng, dept)
    url = "https://jc.%s-%s.example" % (slug(name), insee.lower())
    postal = (dept if len(dept) == 3 else dept.replace("2A", "20").replace("2B", "20")) + "%03d" % rng.randint(0, 999)
    postal = postal[:5]
    reg = [{"type": "link", "value": url + "/participer/"},
           {"type": "email", "value": "journee-citoyenne@%s.example" % slug(name)}]
    events = []
    for k in range(rng.randint(10, 40)):
        title = "%s %s" % (rng.choice(VERBS), rng.choice(THINGS))
        s = "%s-%d" % (slug(title), k + 1)
        cat = rng.choice(CATS)
        h = rng.choice(HOURS)
        timings = [{"begin": "2026-05-23T%s:00%s" % (h[0], off), "end": "2026-05-23T%s:00%s" % (h[1], off)}]
        if rng.random() < 0.1:
            timings.append({"begin": "2026-05-24T09:00:00" + off, "end": "2026-05-24T12:00:00" + off})
        e = {"uid": "ateliers/%s@%s" % (s, url[8:]), "slug": s, "edition": 2026, "title": title,
             "description": "%s avec les habitants du quartier : matériel fourni, débutants bienvenus." % title,
             "category": {"id": cat[0], "name": cat[1], "url": "%s/categories/%s/" % (url, cat[0])},
             "keywords": rng.sample(TAGS, rng.randint(1, 3)), "timings": timings,
             "location": {"name": "Rendez-vous %d" % (k + 1), "address": "%d rue de l’Église, %s %s" % (k + 1, postal, name),
                          "city": name, "postalCode": postal, "insee": insee,
                          "latitude": round(center[1] + rng.uniform(-0.01, 0.01), 5),
                          "longitude": round(center[0] + rng.uniform(-0.01, 0.01), 5)},
             "status": rng.choice(STATUS), "volunteersWanted": rng.randint(2, 20),
             "age": {"min": rng.choice([0, 8, 12, 16, 18])}, "children": rng.choice(["accompanied", "no"]),
             "accessibility": {"mi": True} if rng.random() < 0.4 else {},
             "accessibilityDetails": ["mobilite-reduite"] if rng.random() < 0.4 else [],
             "registration": reg,
             "links": {"page": "%s/ateliers/%s/" % (url, s), "calendar": "%s/ateliers/%s/atelier.ics" % (url, s)},
             "createdAt": "2026-%02d-%02d" % (rng.randint(1, 4), rng.randint(1, 28)),
             "updatedAt": "2026-05-%02d" % rng.randint(1, 20)}
        events.append(e)
    return {"format": "fabrique-programme/1",
            "licence": {"name": "Licence Ouverte 2.0", "url": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"},
            "commune": {"name": name, "insee": insee, "postalCode": postal, "url": url, "timezone": tz, "language": "fr"},
            "editions": [{"year": 2026, "date": "2026-05-23", "current": True, "url": url + "/editions/2026/",
                          "registration": reg, "registrationDeadline": "2026-05-15", "registrationRequired": True}],
            "events": events}


def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    rng = random.Random(n)
    os.makedirs(out + "/communes", exist_ok=True)
    used, names, total = set(), [], 0
    for i in range(n):
        c = commune(rng, i, used)
        total += len(c["events"])
        f = "communes/%s.json" % c["commune"]["insee"]
        with open(os.path.join(out, f), "w", encoding="utf-8") as fh:
            json.dump(c, fh, ensure_ascii=False, indent=1)
        names.append(f)
    with open(os.path.join(out, "liste.yaml"), "w", encoding="utf-8") as fh:
        fh.write("url: https://reseau.example\ncommunes:\n")
        for f in names:
            fh.write("  - programme: %s\n" % f)
    print("%d communes, %d workshops in %s" % (n, total, out))


if __name__ == "__main__":
    main()
