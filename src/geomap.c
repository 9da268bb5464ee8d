#include "geomap.h"

#include <math.h>
#include <string.h>

#include "feeds.h"

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

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
geomap_inside(const geo_dept *d, double lat, double lon)
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
geomap_svg(buf *out, const geomap_point *pts, size_t n, const char *title)
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
		const geomap_point *p = &pts[i];
		double x, y;
		if (!geomap_inside(p->dept, p->lat, p->lon))
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
