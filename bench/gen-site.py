#!/usr/bin/python3
"""gen-site.py - writes a synthetic fabrique site for benchmarks.

Usage: gen-site.py N OUTDIR

Writes N Markdown pages (about 85% ateliers/, 12% patrimoine/, the rest
pages/) plus site.yaml and editions/2025.yaml, editions/2026.yaml into
OUTDIR, which must not exist or be empty.  The output depends only on N:
the random generator has a fixed seed and nothing iterates over a set or
a dict whose order could vary.

The text is assembled from French phrases about the Journée Citoyenne
(workshops, heritage, the commune) so that the Markdown parser sees what
it sees on a real site: accents, apostrophes, « guillemets », headings,
lists, emphasis and relative links to other pages that exist.  Front
matter uses only the fields of the content model, so a valid build
reports no warning.  Standard library only.
"""

import os
import random
import sys
import unicodedata

SEED = 20260523

EDITIONS = {2025: "2025-05-24", 2026: "2026-05-23"}

CATEGORIES = [
    ("cadre-de-vie", "Cadre de vie"),
    ("renovation", "Rénovation"),
    ("patrimoine", "Patrimoine"),
    ("nature", "Nature et environnement"),
    ("culture", "Culture"),
    ("solidarite", "Solidarité"),
    ("enfance", "Enfance et jeunesse"),
    ("convivialite", "Convivialité"),
]

QUARTIERS = [
    ("centre-bourg", "Centre-bourg"),
    ("la-gare", "Quartier de la Gare"),
    ("les-vignes", "Les Vignes"),
    ("le-moulin", "Le Moulin"),
    ("saint-roch", "Hameau de Saint-Roch"),
]

TAGS = [
    "peinture", "jardinage", "desherbage", "plantation", "nettoyage",
    "maconnerie", "pierre-seche", "menuiserie", "signaletique", "fleurissement",
    "potager", "verger", "haies", "compost", "biodiversite", "riviere",
    "sentiers", "lavoir", "eglise", "cimetiere", "ecole", "bibliotheque",
    "salle-des-fetes", "aire-de-jeux", "city-stade", "archives", "memoire",
    "photographie", "cuisine", "repas", "musique", "bricolage", "recyclage",
    "velo", "accessibilite", "aines", "enfants", "jeunes", "voisinage",
    "tri-selectif",
]

# Workshop titles: an action (infinitive) and an object, which read as a
# French noun phrase once joined.
ACTIONS = [
    ("Repeindre", "renovation"), ("Rénover", "renovation"),
    ("Restaurer", "patrimoine"), ("Nettoyer", "cadre-de-vie"),
    ("Désherber", "nature"), ("Fleurir", "cadre-de-vie"),
    ("Réparer", "renovation"), ("Aménager", "cadre-de-vie"),
    ("Planter", "nature"), ("Entretenir", "nature"),
    ("Décorer", "culture"), ("Remettre en état", "renovation"),
    ("Débroussailler", "nature"), ("Poncer et vernir", "renovation"),
]

OBJECTS = [
    "le préau de l'école", "les volets de la mairie", "le lavoir du Moulin",
    "les bancs de la place de l'Église", "le muret du cimetière",
    "la fontaine Saint-Roch", "les jardinières de la Grand'Rue",
    "le sentier des Crêtes", "la haie du stade", "l'abribus de la Gare",
    "les grilles du jardin public", "la cabane de l'aire de jeux",
    "le kiosque à musique", "les berges de la Seille", "le verger communal",
    "la croix de mission", "le four à pain des Vignes",
    "les boîtes à livres", "le parvis de la salle des fêtes",
    "les massifs du monument aux morts", "la mare pédagogique",
    "les tables de pique-nique", "le portail de l'ancien presbytère",
    "la signalétique des chemins de randonnée", "les nichoirs du bois Joli",
    "le potager de l'école", "la clôture du terrain de pétanque",
    "la bibliothèque de rue", "le chemin du Calvaire",
]

OTHER_TITLES = [
    ("Atelier cuisine : le repas partagé", "convivialite"),
    ("Accueil café et viennoiseries", "convivialite"),
    ("Atelier photo : la commune d'hier et d'aujourd'hui", "culture"),
    ("Collecte de souvenirs auprès des aînés", "solidarite"),
    ("Grand jeu pour les enfants", "enfance"),
    ("Fresque participative à l'école", "enfance"),
    ("Visites aux personnes isolées", "solidarite"),
    ("Chorale éphémère de la Journée citoyenne", "culture"),
]

HERITAGE_TYPES = [
    "Le lavoir", "La croix", "Le four à pain", "Le puits", "La chapelle",
    "Le moulin", "La fontaine", "Le pigeonnier", "L'oratoire", "Le pont",
    "La maison forte", "Le calvaire", "L'ancienne école", "La halle",
    "Le monument aux morts", "L'église Saint-Martin", "La grange dîmière",
]

HERITAGE_PLACES = [
    "du Moulin", "des Vignes", "de Saint-Roch", "de la Gare", "du Bourg",
    "des Crêtes", "de la Seille", "du Bois Joli", "des Granges",
    "de Champ-Fleuri", "de la Croix-Blanche", "du Pré-Carré", "des Essarts",
    "de la Vernée", "du Montot",
]

CENTURIES = [
    ("XIIe siècle", 1100), ("XVe siècle", 1400), ("XVIIe siècle", 1600),
    ("XVIIIe siècle", 1700), ("XIXe siècle", 1800), ("XXe siècle", 1900),
]

PAGES = [
    "Qui sommes-nous ?", "La Journée citoyenne, comment ça marche",
    "Foire aux questions", "Droit à l'image", "Mentions légales",
    "Devenir bénévole", "Les partenaires", "Contact", "Plan d'accès",
    "Charte du bénévole",
]

FIRST_NAMES = [
    "Martine", "Jean-Pierre", "Sylvie", "Hélène", "François", "Zoé",
    "Gérard", "Inès", "Noël", "Chantal", "Loïc", "Amélie", "Benoît",
    "Céline", "Jérôme", "Maëlle", "Raphaël", "Océane", "Thérèse", "Yannick",
]

# (masculine, feminine), chosen after the first name.
ROLES = [
    ("référent", "référente"), ("coordinateur", "coordinatrice"),
    ("animateur", "animatrice"), ("artisan maçon", "artisane maçonne"),
    ("menuisier", "menuisière"), ("jardinier", "jardinière"),
    ("conseiller municipal", "conseillère municipale"),
    ("président du club", "présidente du club"),
]

FEMININE = {"Martine", "Sylvie", "Hélène", "Zoé", "Inès", "Chantal", "Amélie",
            "Céline", "Maëlle", "Océane", "Thérèse"}

PLACES = [
    ("Préau de l'école", "3 rue des Écoles"),
    ("Mairie", "1 place de la Mairie"),
    ("Salle des fêtes", "12 avenue de la Gare"),
    ("Lavoir du Moulin", "chemin du Moulin"),
    ("Place de l'Église", "place de l'Église"),
    ("Cimetière", "route de Saint-Roch"),
    ("Stade municipal", "allée des Sports"),
    ("Jardin public", "rue du Général-Leclerc"),
    ("Bibliothèque", "5 Grand'Rue"),
    ("Ateliers municipaux", "zone artisanale des Vignes"),
]

OPENERS = [
    "", "", "", "Depuis plusieurs années, ", "Chaque printemps, ",
    "Avec l'aide des bénévoles, ", "Comme l'an dernier, ",
    "Pour cette nouvelle édition, ", "Dès huit heures, ",
    "À la demande des riverains, ", "Grâce au soutien de la mairie, ",
    "Après le café d'accueil, ", "En cas de pluie, ",
]

SUBJECTS = [
    "l'équipe municipale", "le comité des fêtes",
    "l'association des parents d'élèves", "le club des aînés",
    "la commission patrimoine", "un groupe de voisins",
    "l'atelier du jeudi", "la société de chasse", "le conseil des jeunes",
    "chaque participant", "la référente de l'atelier",
]

VERBS = [
    "propose de", "se retrouve pour", "invite les habitants à",
    "s'engage à", "prévoit de", "a décidé de", "se mobilise pour",
    "aimerait", "compte bien", "n'hésite pas à",
]

TASKS = [
    "repeindre les volets de l'école", "désherber les allées du cimetière",
    "nettoyer le lavoir", "restaurer le muret en pierre sèche",
    "planter des haies champêtres", "remettre en état le sentier des Crêtes",
    "réparer les bancs de la place", "fleurir les abords de la mairie",
    "entretenir le verger communal", "installer des nichoirs",
    "trier les archives de l'ancienne école", "poncer les tables du préau",
    "rafraîchir les marquages de la cour", "ramasser les déchets le long de la Seille",
    "préparer le repas partagé", "accueillir les nouveaux arrivants",
    "construire une boîte à livres", "tailler les rosiers du monument",
]

COMPLEMENTS = [
    "avant l'été", "dans la bonne humeur", "sous la conduite d'un artisan du village",
    "en respectant les techniques traditionnelles", "pour le plaisir de tous",
    "avec le matériel prêté par la mairie", "sans oublier la pause de dix heures",
    "en lien avec les services techniques", "dès que le temps le permet",
    "avec les enfants de l'école", "au fil de la matinée",
    "jusqu'à l'heure du repas", "comme le faisaient nos grands-parents",
]

QUOTES = [
    "C'est une belle occasion de se rencontrer",
    "On ne se connaissait pas, et maintenant on se dit bonjour",
    "Le village nous appartient à tous",
    "Mes enfants sont fiers de montrer ce qu'ils ont fait",
    "On a appris à monter un mur sans ciment",
    "Il y a toujours une place pour ceux qui veulent aider",
    "Le plus dur, c'est de s'arrêter pour déjeuner",
]

SAYS = ["raconte", "explique", "sourit", "confie", "résume", "témoigne"]

FACTS = [
    "Les archives municipales mentionnent {h} dès le {s}.",
    "Dès le {s}, {h} a rythmé la vie du quartier.",
    "Une carte postale du début du siècle montre {h} au milieu des passants.",
    "D'après le cadastre napoléonien, le terrain appartenait alors à la fabrique de l'église.",
    "Les anciens se souviennent encore des fêtes qu'on y donnait à la Saint-Jean.",
    "La commune a racheté l'ensemble en 1962, après des années d'abandon.",
    "Les pierres viennent de la carrière des Crêtes, fermée depuis 1930.",
    "Un témoignage recueilli en 2019 évoque les réparations faites après la guerre.",
    "La toiture, refaite à l'identique, a conservé ses tuiles creuses d'origine.",
    "On y lavait le linge jusqu'à l'arrivée de l'eau courante, vers 1955.",
    "Le curé de l'époque raconte dans son registre la bénédiction de {h}.",
    "Le bulletin municipal de 1978 consacre une page entière à {h}.",
    "Les fondations, en moellons calcaires, remontent sans doute au {s}.",
    "L'abbé Morel, érudit local, en a retracé l'histoire dans un ouvrage paru en 1912.",
    "Le monument a failli disparaître lors du remembrement des années 1960.",
]

PRACTICAL = [
    "Prévoyez des vêtements qui ne craignent rien et de bonnes chaussures.",
    "Les gants, les outils et l'eau sont fournis par la commune.",
    "Le rendez-vous est donné devant la mairie, à côté du panneau d'affichage.",
    "Les enfants sont les bienvenus, accompagnés d'un adulte.",
    "Un café vous attend à l'accueil, avant la répartition des équipes.",
    "L'atelier est maintenu en cas de pluie, sous le préau.",
    "Pensez à vous inscrire pour que l'on puisse prévoir le repas.",
    "Le matériel lourd est transporté par les services techniques.",
]

HEADINGS_ATELIER = [
    "Le programme", "Ce qu'il faut savoir", "Un peu d'histoire", "Matériel",
    "Pour les enfants", "Après l'atelier", "Infos pratiques",
    "Pourquoi cet atelier ?", "Les étapes du chantier", "Qui contacter",
]

HEADINGS_HISTOIRE = [
    "Les origines", "Au fil des siècles", "Ce que disent les archives",
    "Témoignages", "Aujourd'hui", "La restauration", "Pour en savoir plus",
]

LIST_ITEMS = [
    "des gants de jardinage", "une paire de bottes", "une gourde d'eau",
    "un chapeau ou une casquette", "un sécateur bien aiguisé",
    "une brouette, si vous en avez une", "de la bonne humeur",
    "un pinceau plat de 50 mm", "une blouse ou un vieux tee-shirt",
    "un plat salé ou sucré à partager", "de la crème solaire",
    "un appareil photo pour l'« avant/après »",
]

LINK_TEXTS = {
    "atelier": ["voir aussi", "lire aussi", "un autre atelier"],
    "histoire": ["son histoire", "à découvrir", "un peu d'histoire"],
    "page": ["en savoir plus"],
}

MIN_WORDS, MAX_WORDS = 300, 1200

VOWELS = "aeiouyéèêàâîôûhAEIOUYÉÈÊÀÂÎÔÛH"


def elide(word, phrase):
    """'de' + 'installer' must read "d'installer" (h taken as mute)."""
    if word in ("de", "que") and phrase[:1] in VOWELS:
        return word[:-1] + "'" + phrase
    return word + " " + phrase


def ascii_slug(text):
    """Lowercase ASCII slug, as a commune's file names would be."""
    norm = unicodedata.normalize("NFKD", text)
    out = []
    for ch in norm:
        if unicodedata.combining(ch):
            continue
        ch = ch.lower()
        if ch.isascii() and ch.isalnum():
            out.append(ch)
        elif out and out[-1] != "-":
            out.append("-")
    return "".join(out).strip("-")


def yq(text):
    """A YAML double-quoted scalar (safe for ':', '#', times, accents)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


class Page:
    def __init__(self, kind, folder, slug, title):
        self.kind = kind
        self.folder = folder
        self.slug = slug
        self.title = title

    @property
    def path(self):
        return self.folder + "/" + self.slug + ".md"

    @property
    def ref(self):
        return self.folder + "/" + self.slug


def plan_pages(n, rng):
    """Decides every page's kind, file name and title before any text is
    written, so links can point only to pages that exist."""
    n_pages = min(len(PAGES), max(1, n // 100))
    n_hist = max(1, round(n * 0.12))
    n_atel = max(1, n - n_pages - n_hist)
    pages = []
    seen = {}
    for i in range(n_atel):
        if rng.random() < 0.12:
            title, cat = rng.choice(OTHER_TITLES)
        else:
            action, cat = rng.choice(ACTIONS)
            title = action + " " + rng.choice(OBJECTS)
        slug = "%s-%d" % (ascii_slug(title), i + 1)
        # A commune names a second team on the same job as such: two
        # workshops of one edition with one title at one place read as
        # a copy (fabrique warns), which a real site would not be.
        seen[title] = seen.get(title, 0) + 1
        if seen[title] > 1:
            title = "%s (équipe %d)" % (title, seen[title])
        p = Page("atelier", "ateliers", slug, title)
        p.categorie = cat
        pages.append(p)
    for i in range(n_hist):
        name = rng.choice(HERITAGE_TYPES) + " " + rng.choice(HERITAGE_PLACES)
        siecle, century = rng.choice(CENTURIES)
        p = Page("histoire", "patrimoine", "%s-%d" % (ascii_slug(name), i + 1), name)
        p.siecle, p.name = siecle, name
        p.debut = century + rng.randint(0, 90)
        p.fin = p.debut + rng.randint(0, 9)
        pages.append(p)
    for i in range(n_pages):
        title = PAGES[i]
        pages.append(Page("page", "pages", ascii_slug(title), title))
    return pages


class Writer:
    """Builds one page's Markdown body, sentence by sentence."""

    def __init__(self, rng, page, by_kind):
        self.rng = rng
        self.page = page
        self.by_kind = by_kind

    def sentence(self):
        r = self.rng
        k = r.random()
        if self.page.kind == "histoire" and r.random() < 0.4:
            k = 0.7  # heritage pages talk history more than workshops
        if k < 0.45:
            subj = r.choice(SUBJECTS)
            opener = r.choice(OPENERS)
            if not opener:
                subj = subj[0].upper() + subj[1:]
            verb = r.choice(VERBS)
            task = r.choice(TASKS)
            if verb.endswith(" de"):
                clause = elide("de", task)
                verb = verb[:-3]
                body = "%s %s %s" % (subj, verb, clause)
            else:
                body = "%s %s %s" % (subj, verb, task)
            return "%s%s %s." % (opener, body, r.choice(COMPLEMENTS))
        if k < 0.6:
            return "« %s », %s %s, bénévole depuis %d." % (
                r.choice(QUOTES), r.choice(SAYS), r.choice(FIRST_NAMES),
                r.randint(2012, 2025))
        if k < 0.8:
            t = r.choice(HERITAGE_TYPES)
            name = t[0].lower() + t[1:] + " " + r.choice(HERITAGE_PLACES)
            s = r.choice(CENTURIES)[0]
            return r.choice(FACTS).format(h=name, s=s)
        return r.choice(PRACTICAL)

    def emphasise(self, s):
        """Puts *emphasis* or **strong** on a word of some sentences."""
        r = self.rng
        if r.random() > 0.25:
            return s
        words = s.split(" ")
        i = r.randrange(len(words))
        w = words[i]
        core = w.rstrip(".,;:!?»")
        if len(core) < 5 or core.startswith("«"):
            return s
        mark = "**" if r.random() < 0.4 else "*"
        words[i] = mark + core + mark + w[len(core):]
        return " ".join(words)

    def link(self):
        """A relative link to another page's .md file, from this folder."""
        r = self.rng
        kind = "histoire" if r.random() < 0.4 else "atelier"
        if r.random() < 0.05:
            kind = "page"
        target = r.choice(self.by_kind[kind])
        if target is self.page:
            return ""
        if target.folder == self.page.folder:
            href = target.slug + ".md"
        else:
            href = "../%s/%s.md" % (target.folder, target.slug)
        text = r.choice(LINK_TEXTS[kind])
        return "%s : [%s](%s)." % (text[0].upper() + text[1:], target.title, href)

    def paragraph(self):
        r = self.rng
        parts = [self.emphasise(self.sentence()) for _ in range(r.randint(3, 6))]
        if r.random() < 0.3:
            lk = self.link()
            if lk:
                parts.append(lk)
        return " ".join(parts)

    def bullet_list(self):
        items = self.rng.sample(LIST_ITEMS, self.rng.randint(3, 6))
        return "\n".join("- " + it for it in items)

    def body(self, target_words, headings):
        r = self.rng
        blocks = [self.paragraph()]
        words = len(blocks[0].split())
        used = []
        while words < target_words:
            h = r.choice(headings)
            if h in used and len(used) < len(headings):
                continue
            used.append(h)
            section = ["## " + h]
            for _ in range(r.randint(1, 3)):
                section.append(self.paragraph())
            if r.random() < 0.35:
                section.append(self.bullet_list())
            # Keeps the page within MAX_WORDS: drops the section's last
            # blocks, or the whole section, rather than overshoot.
            while len(section) > 2 and words + count(section) > MAX_WORDS:
                section.pop()
            if words + count(section) > MAX_WORDS:
                break
            blocks.extend(section)
            words += count(section)
        return "\n\n".join(blocks) + "\n"


def count(blocks):
    return sum(len(b.split()) for b in blocks)


def resume_for(rng, title):
    for _ in range(10):
        s = "%s, %s." % (title, rng.choice(COMPLEMENTS))
        if len(s) <= 200:
            return s
    return title[:199] + "."


def atelier_front(rng, p):
    year = 2026 if rng.random() < 0.7 else 2025
    start = rng.choice([8, 9, 9, 10, 14])
    length = rng.choice([2, 3, 3, 4])
    lieu = rng.choice(PLACES)
    if year == 2025:
        statut = "realise"
    else:
        statut = rng.choice(["confirme"] * 6 + ["propose", "complet", "annule"])
    lines = [
        "titre: " + yq(p.title),
        "resume: " + yq(resume_for(rng, p.title)),
        "date: " + EDITIONS[year],
        "debut: " + yq("%02d:%s" % (start, rng.choice(["00", "30"]))),
        "fin: " + yq("%02d:00" % (start + length)),
        "lieu:",
        "  nom: " + yq(lieu[0]),
        "  adresse: " + yq(lieu[1]),
        "categorie: " + p.categorie,
        "quartier: " + rng.choice(QUARTIERS)[0],
        "referents:",
    ]
    for name in rng.sample(FIRST_NAMES, rng.randint(1, 2)):
        lines.append("  - nom: " + yq(name))
        lines.append("    role: " + yq(rng.choice(ROLES)[name in FEMININE]))
    lines.append("benevoles: %d" % rng.randint(2, 15))
    lines.append("enfants: " + rng.choice(["accompagnes", "atelier-enfants", "non"]))
    if rng.random() < 0.3:
        lines.append("a_apporter:")
        for it in rng.sample(LIST_ITEMS, 2):
            lines.append("  - " + yq(it))
    lines.append("statut: " + statut)
    lines.append(tags_line(rng))
    return lines


RESUMES_HISTOIRE = [
    "{n}, témoin du {s} au cœur de la commune.",
    "Ce que l'on sait de {l}, des archives aux souvenirs des anciens.",
    "L'histoire de {l}, bâti au {s} et restauré par les habitants.",
]


def histoire_front(rng, p, ateliers):
    lieu = rng.choice(PLACES)
    lower = p.title[0].lower() + p.title[1:]
    resume = rng.choice(RESUMES_HISTOIRE).format(n=p.title, l=lower, s=p.siecle)
    lines = [
        "titre: " + yq(p.title),
        "resume: " + yq(resume),
        "lieu:",
        "  nom: " + yq(p.name),
        "  adresse: " + yq(lieu[1]),
        "periode:",
        "  debut: %d" % p.debut,
        "  fin: %d" % p.fin,
        "  siecle: " + yq(p.siecle),
        "sources:",
        "  - type: archives",
        "    titre: " + yq("Délibérations du conseil municipal"),
        "    cote: " + yq("1 D %d" % rng.randint(1, 40)),
        "  - type: " + rng.choice(["temoignage", "carte-postale", "ouvrage", "presse"]),
        "    titre: " + yq("Souvenirs de " + rng.choice(FIRST_NAMES)),
        "temoins:",
        "  - " + yq(rng.choice(FIRST_NAMES)),
    ]
    if rng.random() < 0.15:
        lines += ["protection:", "  statut: inscrit",
                  "  merimee: " + yq("PA%08d" % rng.randint(1, 99999999))]
    lines.append("ateliers:")
    for a in rng.sample(ateliers, min(2, len(ateliers))):
        lines.append("  - " + a.ref)
    lines.append(tags_line(rng))
    return lines


def tags_line(rng):
    return "tags: [" + ", ".join(rng.sample(TAGS, rng.randint(1, 3))) + "]"


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def site_yaml():
    out = [
        "commune:",
        "  nom: " + yq("Saint-Martin-sur-Seille"),
        "  insee: " + yq("71270"),
        "  code_postal: " + yq("71290"),
        "url: " + yq("https://journee.example.org/"),
        "langue: fr",
        "theme: commune",
        "fuseau: Europe/Paris",
        "couleurs:",
        "  principale: " + yq("#1d4e89"),
        "  accent: " + yq("#f2a541"),
        "categories:",
    ]
    for cid, nom in CATEGORIES:
        out += ["  - id: " + cid, "    nom: " + yq(nom)]
    out.append("quartiers:")
    for qid, nom in QUARTIERS:
        out += ["  - id: " + qid, "    nom: " + yq(nom)]
    out += [
        "droit_image:",
        "  texte: " + yq("Des photos sont prises pendant la journée ; "
                         "dites-le à l'accueil si vous ne souhaitez pas y figurer."),
        "  contact: " + yq("mairie@example.org"),
        "markdown:",
        "  html_brut: false",
    ]
    return "\n".join(out) + "\n"


def edition_yaml(year, date):
    out = [
        "date: " + date,
        "accueil:",
        "  heure: " + yq("08:00"),
        "  lieu: " + yq("Salle des fêtes"),
        "  texte: " + yq("Café, croissants et répartition des équipes."),
        "cloture:",
        "  heure: " + yq("17:30"),
        "  texte: " + yq("Verre de l'amitié offert par la municipalité."),
        "repas:",
        "  type: partage",
        "  heure: " + yq("12:30"),
        "  lieu: " + yq("Préau de l'école"),
        "  texte: " + yq("Chacun apporte un plat salé ou sucré."),
        "inscription:",
        "  email: " + yq("journee@example.org"),
        "  tel: " + yq("03 85 00 00 00"),
        "  date_limite: %d-05-10" % year,
        "repli_pluie: " + yq("Salle des fêtes et préau de l'école."),
        "contacts:",
        "  - role: " + yq("Coordination"),
        "    nom: " + yq("Mairie de Saint-Martin"),
        "    email: " + yq("mairie@example.org"),
        "partenaires:",
        "  - " + yq("Comité des fêtes"),
        "  - " + yq("Quincaillerie Dubois"),
    ]
    return "\n".join(out) + "\n"


def main(argv):
    if len(argv) != 3 or not argv[1].isdigit() or int(argv[1]) < 3:
        sys.stderr.write("usage: gen-site.py N OUTDIR  (N >= 3)\n")
        return 2
    n, outdir = int(argv[1]), argv[2]
    if os.path.isdir(outdir) and os.listdir(outdir):
        sys.stderr.write("gen-site.py: %s is not empty\n" % outdir)
        return 2
    rng = random.Random(SEED)
    pages = plan_pages(n, rng)
    by_kind = {k: [p for p in pages if p.kind == k]
               for k in ("atelier", "histoire", "page")}
    total_words = 0
    for p in pages:
        w = Writer(rng, p, by_kind)
        if p.kind == "atelier":
            front = atelier_front(rng, p)
            body = w.body(rng.randint(MIN_WORDS, MAX_WORDS), HEADINGS_ATELIER)
        elif p.kind == "histoire":
            front = histoire_front(rng, p, by_kind["atelier"])
            body = w.body(rng.randint(MIN_WORDS, MAX_WORDS), HEADINGS_HISTOIRE)
        else:
            front = ["titre: " + yq(p.title),
                     "resume: " + yq(p.title + " : la Journée citoyenne de "
                                     "Saint-Martin-sur-Seille."),
                     "menu: %d" % (by_kind["page"].index(p) + 1)]
            body = w.body(rng.randint(300, 600), HEADINGS_ATELIER)
        total_words += len(body.split())
        write(os.path.join(outdir, p.path), "---\n" + "\n".join(front) + "\n---\n\n" + body)
    write(os.path.join(outdir, "site.yaml"), site_yaml())
    for year, date in sorted(EDITIONS.items()):
        write(os.path.join(outdir, "editions", "%d.yaml" % year), edition_yaml(year, date))
    counts = ", ".join("%d %s" % (len(by_kind[k]), k) for k in ("atelier", "histoire", "page"))
    print("gen-site: %d pages (%s), %d words of Markdown body" % (len(pages), counts, total_words))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
