#include "geo.h"

#include <string.h>

#include "msgcat.h"

static const geo_region regions[] = {
    {"11", "Île-de-France", "ile-de-france"},
    {"24", "Centre-Val de Loire", "centre-val-de-loire"},
    {"27", "Bourgogne-Franche-Comté", "bourgogne-franche-comte"},
    {"28", "Normandie", "normandie"},
    {"32", "Hauts-de-France", "hauts-de-france"},
    {"44", "Grand Est", "grand-est"},
    {"52", "Pays de la Loire", "pays-de-la-loire"},
    {"53", "Bretagne", "bretagne"},
    {"75", "Nouvelle-Aquitaine", "nouvelle-aquitaine"},
    {"76", "Occitanie", "occitanie"},
    {"84", "Auvergne-Rhône-Alpes", "auvergne-rhone-alpes"},
    {"93", "Provence-Alpes-Côte d’Azur", "provence-alpes-cote-d-azur"},
    {"94", "Corse", "corse"},
    {"01", "Guadeloupe", "guadeloupe"},
    {"02", "Martinique", "martinique"},
    {"03", "Guyane", "guyane"},
    {"04", "La Réunion", "la-reunion"},
    {"06", "Mayotte", "mayotte"},
    {"975", "Saint-Pierre-et-Miquelon", "saint-pierre-et-miquelon"},
};

/* last: the highest number of each département's communes in INSEE's
 * code officiel géographique 2026 (@etalab/decoupage-administratif
 * 6.0.0, communes.json, every type), to refuse codes no commune has. */
static const geo_dept depts[] = {
    {"01", "Ain", "84", 457},
    {"02", "Aisne", "32", 834},
    {"03", "Allier", "84", 321},
    {"04", "Alpes-de-Haute-Provence", "93", 245},
    {"05", "Hautes-Alpes", "93", 184},
    {"06", "Alpes-Maritimes", "93", 163},
    {"07", "Ardèche", "84", 349},
    {"08", "Ardennes", "44", 503},
    {"09", "Ariège", "76", 342},
    {"10", "Aube", "44", 445},
    {"11", "Aude", "76", 441},
    {"12", "Aveyron", "76", 307},
    {"13", "Bouches-du-Rhône", "93", 216},
    {"14", "Calvados", "28", 764},
    {"15", "Cantal", "84", 269},
    {"16", "Charente", "75", 425},
    {"17", "Charente-Maritime", "75", 486},
    {"18", "Cher", "24", 290},
    {"19", "Corrèze", "75", 289},
    {"21", "Côte-d’Or", "27", 717},
    {"22", "Côtes-d’Armor", "53", 391},
    {"23", "Creuse", "75", 266},
    {"24", "Dordogne", "75", 587},
    {"25", "Doubs", "27", 635},
    {"26", "Drôme", "84", 382},
    {"27", "Eure", "28", 701},
    {"28", "Eure-et-Loir", "24", 426},
    {"29", "Finistère", "53", 302},
    {"2A", "Corse-du-Sud", "94", 363},
    {"2B", "Haute-Corse", "94", 366},
    {"30", "Gard", "76", 356},
    {"31", "Haute-Garonne", "76", 593},
    {"32", "Gers", "76", 468},
    {"33", "Gironde", "75", 555},
    {"34", "Hérault", "76", 344},
    {"35", "Ille-et-Vilaine", "53", 363},
    {"36", "Indre", "24", 248},
    {"37", "Indre-et-Loire", "24", 282},
    {"38", "Isère", "84", 567},
    {"39", "Jura", "27", 586},
    {"40", "Landes", "75", 334},
    {"41", "Loir-et-Cher", "24", 297},
    {"42", "Loire", "84", 339},
    {"43", "Haute-Loire", "84", 268},
    {"44", "Loire-Atlantique", "52", 225},
    {"45", "Loiret", "24", 349},
    {"46", "Lot", "76", 340},
    {"47", "Lot-et-Garonne", "75", 328},
    {"48", "Lozère", "76", 198},
    {"49", "Maine-et-Loire", "52", 382},
    {"50", "Manche", "28", 648},
    {"51", "Marne", "44", 664},
    {"52", "Haute-Marne", "44", 550},
    {"53", "Mayenne", "52", 276},
    {"54", "Meurthe-et-Moselle", "44", 602},
    {"55", "Meuse", "44", 586},
    {"56", "Morbihan", "53", 264},
    {"57", "Moselle", "44", 767},
    {"58", "Nièvre", "27", 313},
    {"59", "Nord", "32", 670},
    {"60", "Oise", "32", 703},
    {"61", "Orne", "28", 513},
    {"62", "Pas-de-Calais", "32", 909},
    {"63", "Puy-de-Dôme", "84", 473},
    {"64", "Pyrénées-Atlantiques", "75", 560},
    {"65", "Hautes-Pyrénées", "76", 482},
    {"66", "Pyrénées-Orientales", "76", 234},
    {"67", "Bas-Rhin", "44", 562},
    {"68", "Haut-Rhin", "44", 386},
    {"69", "Rhône", "84", 389},
    {"70", "Haute-Saône", "27", 583},
    {"71", "Saône-et-Loire", "27", 591},
    {"72", "Sarthe", "52", 386},
    {"73", "Savoie", "84", 330},
    {"74", "Haute-Savoie", "84", 315},
    {"75", "Paris", "11", 120},
    {"76", "Seine-Maritime", "28", 759},
    {"77", "Seine-et-Marne", "11", 534},
    {"78", "Yvelines", "11", 688},
    {"79", "Deux-Sèvres", "75", 357},
    {"80", "Somme", "32", 836},
    {"81", "Tarn", "76", 326},
    {"82", "Tarn-et-Garonne", "76", 195},
    {"83", "Var", "93", 154},
    {"84", "Vaucluse", "93", 151},
    {"85", "Vendée", "52", 307},
    {"86", "Vienne", "75", 300},
    {"87", "Haute-Vienne", "75", 206},
    {"88", "Vosges", "44", 532},
    {"89", "Yonne", "27", 486},
    {"90", "Territoire de Belfort", "27", 105},
    {"91", "Essonne", "11", 692},
    {"92", "Hauts-de-Seine", "11", 78},
    {"93", "Seine-Saint-Denis", "11", 79},
    {"94", "Val-de-Marne", "11", 81},
    {"95", "Val-d’Oise", "11", 690},
    {"971", "Guadeloupe", "01", 34},
    {"972", "Martinique", "02", 34},
    {"973", "Guyane", "03", 62},
    {"974", "La Réunion", "04", 24},
    {"975", "Saint-Pierre-et-Miquelon", "975", 2},
    {"976", "Mayotte", "06", 17},
};

#define NREGIONS (sizeof(regions) / sizeof(*regions))
#define NDEPTS (sizeof(depts) / sizeof(*depts))

size_t
geo_region_count(void)
{
	return NREGIONS;
}

const geo_region *
geo_region_at(size_t i)
{
	return i < NREGIONS ? &regions[i] : NULL;
}

size_t
geo_dept_count(void)
{
	return NDEPTS;
}

const geo_dept *
geo_dept_at(size_t i)
{
	return i < NDEPTS ? &depts[i] : NULL;
}

const geo_dept *
geo_dept_find(const char *code)
{
	for (size_t i = 0; code != NULL && i < NDEPTS; i++)
		if (strcmp(depts[i].code, code) == 0)
			return &depts[i];
	return NULL;
}

const geo_region *
geo_region_find(const char *code)
{
	for (size_t i = 0; code != NULL && i < NREGIONS; i++)
		if (strcmp(regions[i].code, code) == 0)
			return &regions[i];
	return NULL;
}

const geo_dept *
geo_insee_check(const char *insee, geo_insee *why)
{
	geo_insee w = GEO_INSEE_FORM;
	const geo_dept *d = NULL;
	char code[4] = "";
	size_t dl = insee != NULL && insee[0] == '9' && insee[1] == '7' ? 3 : 2;
	int n = 0;
	if (insee == NULL || strlen(insee) != 5)
		goto out;
	for (size_t i = dl; i < 5; i++) {
		if (insee[i] < '0' || insee[i] > '9')
			goto out;
		n = n * 10 + (insee[i] - '0');
	}
	memcpy(code, insee, dl);
	d = geo_dept_find(code);
	w = d == NULL              ? GEO_INSEE_DEPT
	    : n < 1 || n > d->last ? GEO_INSEE_NUMBER
	                           : GEO_INSEE_OK;
out:
	if (why != NULL)
		*why = w;
	return w == GEO_INSEE_OK ? d : NULL;
}

const geo_dept *
geo_dept_of_insee(const char *insee)
{
	return geo_insee_check(insee, NULL);
}

const char *
geo_insee_problem(const char *insee, const char *lang, arena *a)
{
	geo_insee why;
	const geo_dept *ok = geo_insee_check(insee, &why);
	if (ok != NULL)
		return NULL;
	if (why != GEO_INSEE_NUMBER)
		return msgcat_lookup(
		    lang, "it is 5 characters, the département (01 "
		          "to 95 but 20, or 2A, 2B) and 3 digits, or "
		          "971 to 976 and 2 digits");
	size_t dl = insee[0] == '9' && insee[1] == '7' ? 3 : 2;
	const geo_dept *d = geo_dept_find(arena_strndup(a, insee, dl));
	return arena_printf(
	    a,
	    msgcat_lookup(lang, "the communes of %s (%s) are numbered from "
	                        "%s%0*d to %s%0*d; look the commune up in "
	                        "INSEE's code officiel géographique"),
	    d->name, d->code, d->code, (int)(5 - dl), 1, d->code, (int)(5 - dl),
	    d->last);
}

static const geo_area areas[] = {
    {NULL, "France métropolitaine", -5.3, 9.7, 41.2, 51.2},
    {"971", "Guadeloupe", -61.85, -60.95, 15.8, 16.55},
    {"972", "Martinique", -61.25, -60.8, 14.35, 14.9},
    {"973", "Guyane", -54.65, -51.6, 2.1, 5.8},
    {"974", "La Réunion", 55.2, 55.85, -21.4, -20.85},
    {"975", "Saint-Pierre-et-Miquelon", -56.45, -56.1, 46.74, 47.15},
    {"976", "Mayotte", 44.95, 45.32, -13.05, -12.62},
};
#define NAREAS (sizeof(areas) / sizeof(*areas))

const geo_area *
geo_area_of(const geo_dept *d)
{
	for (size_t i = 1; d != NULL && i < NAREAS; i++)
		if (strcmp(areas[i].dept, d->code) == 0)
			return &areas[i];
	return &areas[0];
}

bool
geo_area_contains(const geo_area *a, double lat, double lon)
{
	return lat >= a->lat0 && lat <= a->lat1 && lon >= a->lon0 &&
	       lon <= a->lon1;
}

size_t
geo_area_count(void)
{
	return NAREAS;
}

const geo_area *
geo_area_at(size_t i)
{
	return i < NAREAS ? &areas[i] : NULL;
}
