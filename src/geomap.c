#include "geomap.h"

#include <math.h>
#include <string.h>

#include "feeds.h"

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

/* ---- Projection -------------------------------------------------------- */

/* A frame: a box of the map showing a territory's area (geo.h; the
 * areas in geo_area_at()'s order, metropolitan France first). */
struct frame {
	double x, y, w, h; /* box on the map, in SVG units */
};

#define MAP_W 620.0
#define INSET 96.0
#define INSET_Y 612.0
#define MAP_H (INSET_Y + INSET + 8.0)

static const struct frame frames[] = {
    {10, 6, 600, 596},
    {10, INSET_Y, INSET, INSET},
    {112, INSET_Y, INSET, INSET},
    {214, INSET_Y, INSET, INSET},
    {316, INSET_Y, INSET, INSET},
    {418, INSET_Y, INSET, INSET},
    {520, INSET_Y, INSET, INSET},
};
#define NFRAMES (sizeof(frames) / sizeof(*frames))

/* The frame of area g: the same index. */
static const struct frame *
frame_of(const geo_area *g)
{
	for (size_t i = 0; i < NFRAMES; i++)
		if (geo_area_at(i) == g)
			return &frames[i];
	return &frames[0];
}

/* Equirectangular, x shrunk by cos(mid latitude), fitted and centred in
 * the frame's box. */
static void
project(const geo_area *g, double lat, double lon, double *x, double *y)
{
	const struct frame *f = frame_of(g);
	double k = cos((g->lat0 + g->lat1) / 2 * M_PI / 180);
	double gw = (g->lon1 - g->lon0) * k, gh = g->lat1 - g->lat0;
	double s = fmin(f->w / gw, f->h / gh);
	double ox = f->x + (f->w - gw * s) / 2, oy = f->y + (f->h - gh * s) / 2;
	*x = ox + (lon - g->lon0) * k * s;
	*y = oy + (g->lat1 - lat) * s;
}

bool
geomap_inside(const geo_dept *d, double lat, double lon)
{
	return d != NULL && geo_area_contains(geo_area_of(d), lat, lon);
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
		project(geo_area_at(0), pts[i][1], pts[i][0], &x, &y);
		buf_printf(out, "%s%.1f,%.1f", i ? " " : "", x, y);
	}
	buf_puts(out, "\"/>\n");
}

static void
insets(buf *out)
{
	for (size_t i = 1; i < NFRAMES; i++) {
		const struct frame *f = &frames[i];
		const geo_area *g = geo_area_at(i);
		buf_printf(out,
		           "<rect class=\"encart\" x=\"%.0f\" y=\"%.0f\" "
		           "width=\"%.0f\" height=\"%.0f\"/>"
		           "<text x=\"%.0f\" y=\"%.0f\">",
		           f->x, f->y, f->w, f->h, f->x + 3, f->y + f->h - 4);
		feeds_xml_text(out, g->name);
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
		project(geo_area_of(p->dept), p->lat, p->lon, &x, &y);
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
