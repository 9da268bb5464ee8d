#include "geo.h"

#include <math.h>
#include <string.h>

#include "feeds.h"

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

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

/* ---- Projection -------------------------------------------------------- */

/* A frame: a box of the map showing the lon/lat rectangle of a territory
 * (dept NULL: metropolitan France). */
struct frame {
	const char *dept;
	const char *name;
	double lon0, lon1, lat0, lat1;
	double x, y, w, h; /* box on the map, in SVG units */
};

#define MAP_W 620.0
#define INSET 96.0
#define INSET_Y 612.0
#define MAP_H (INSET_Y + INSET + 8.0)

static const struct frame frames[] = {
    {NULL, "France métropolitaine", -5.3, 9.7, 41.2, 51.2, 10, 6, 600, 596},
    {"971", "Guadeloupe", -61.85, -60.95, 15.8, 16.55, 10, INSET_Y, INSET,
     INSET},
    {"972", "Martinique", -61.25, -60.8, 14.35, 14.9, 112, INSET_Y, INSET,
     INSET},
    {"973", "Guyane", -54.65, -51.6, 2.1, 5.8, 214, INSET_Y, INSET, INSET},
    {"974", "La Réunion", 55.2, 55.85, -21.4, -20.85, 316, INSET_Y, INSET,
     INSET},
    {"975", "Saint-Pierre-et-Miquelon", -56.45, -56.1, 46.74, 47.15, 418,
     INSET_Y, INSET, INSET},
    {"976", "Mayotte", 44.95, 45.32, -13.05, -12.62, 520, INSET_Y, INSET,
     INSET},
};
#define NFRAMES (sizeof(frames) / sizeof(*frames))

static const struct frame *
frame_of(const geo_dept *d)
{
	for (size_t i = 1; d != NULL && i < NFRAMES; i++)
		if (strcmp(frames[i].dept, d->code) == 0)
			return &frames[i];
	return &frames[0];
}

/* Equirectangular, x shrunk by cos(mid latitude), fitted and centred in
 * the frame's box. */
static void
project(const struct frame *f, double lat, double lon, double *x, double *y)
{
	double k = cos((f->lat0 + f->lat1) / 2 * M_PI / 180);
	double gw = (f->lon1 - f->lon0) * k, gh = f->lat1 - f->lat0;
	double s = fmin(f->w / gw, f->h / gh);
	double ox = f->x + (f->w - gw * s) / 2, oy = f->y + (f->h - gh * s) / 2;
	*x = ox + (lon - f->lon0) * k * s;
	*y = oy + (f->lat1 - lat) * s;
}

bool
geo_inside(const geo_dept *d, double lat, double lon)
{
	const struct frame *f = frame_of(d);
	return d != NULL && lat >= f->lat0 && lat <= f->lat1 &&
	       lon >= f->lon0 && lon <= f->lon1;
}

/* Approximate outline of the mainland and of Corsica (lon, lat): enough
 * to recognise the country, not a survey. */
static const double mainland[][2] = {
    {2.55, 51.09}, {3.6, 50.45},  {4.2, 49.96},  {5.8, 49.55}, {6.4, 49.46},
    {8.2, 48.97},  {7.6, 47.58},  {6.9, 47.4},   {6.1, 46.4},  {7.0, 45.9},
    {6.6, 45.1},   {7.0, 44.2},   {7.5, 43.8},   {6.6, 43.15}, {5.4, 43.2},
    {4.6, 43.4},   {3.3, 43.2},   {3.05, 42.5},  {1.7, 42.5},  {0.0, 42.7},
    {-1.8, 43.35}, {-1.45, 43.6}, {-1.25, 44.6}, {-1.2, 45.7}, {-2.2, 47.1},
    {-3.0, 47.5},  {-4.4, 47.8},  {-4.8, 48.4},  {-4.0, 48.7}, {-3.0, 48.8},
    {-1.6, 48.65}, {-1.9, 49.7},  {-1.2, 49.4},  {0.2, 49.4},  {1.4, 50.1},
    {1.6, 50.9}};
static const double corsica[][2] = {{9.4, 43.0}, {9.55, 42.2}, {9.25, 41.4},
                                    {8.8, 41.6}, {8.6, 42.3},  {8.6, 42.6},
                                    {9.3, 42.75}};

static void
polygon(buf *out, const double (*pts)[2], size_t n)
{
	double x, y;
	buf_puts(out, "<polygon class=\"terre\" points=\"");
	for (size_t i = 0; i < n; i++) {
		project(&frames[0], pts[i][1], pts[i][0], &x, &y);
		buf_printf(out, "%s%.1f,%.1f", i ? " " : "", x, y);
	}
	buf_puts(out, "\"/>\n");
}

static void
insets(buf *out)
{
	for (size_t i = 1; i < NFRAMES; i++) {
		const struct frame *f = &frames[i];
		buf_printf(out,
		           "<rect class=\"encart\" x=\"%.0f\" y=\"%.0f\" "
		           "width=\"%.0f\" height=\"%.0f\"/>"
		           "<text x=\"%.0f\" y=\"%.0f\">",
		           f->x, f->y, f->w, f->h, f->x + 3, f->y + f->h - 4);
		feeds_xml_text(out, f->name);
		buf_puts(out, "</text>\n");
	}
}

void
geo_map_svg(buf *out, const geo_point *pts, size_t n, const char *title)
{
	buf_printf(out,
	           "<svg class=\"carte\" xmlns=\"http://www.w3.org/2000/svg\" "
	           "viewBox=\"0 0 %.0f %.0f\" aria-labelledby=\"carte-titre\">"
	           "\n<title id=\"carte-titre\">",
	           MAP_W, MAP_H);
	feeds_xml_text(out, title);
	buf_puts(out, "</title>\n");
	polygon(out, mainland, sizeof(mainland) / sizeof(*mainland));
	polygon(out, corsica, sizeof(corsica) / sizeof(*corsica));
	insets(out);
	for (size_t i = 0; i < n; i++) {
		const geo_point *p = &pts[i];
		double x, y;
		if (!geo_inside(p->dept, p->lat, p->lon))
			continue;
		project(frame_of(p->dept), p->lat, p->lon, &x, &y);
		buf_puts(out, "<a href=\"");
		feeds_xml_text(out, p->url);
		buf_printf(out,
		           "\"><circle cx=\"%.1f\" cy=\"%.1f\" r=\"%s\"%s>"
		           "<title>",
		           x, y, p->highlight ? "6" : "4",
		           p->highlight ? " class=\"ici\"" : "");
		feeds_xml_text(out, p->label);
		buf_puts(out, "</title></circle></a>\n");
	}
	buf_puts(out, "</svg>");
}
