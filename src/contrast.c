#include "contrast.h"
#include "bytes.h"
#include "msgcat.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define MAX_BACKGROUNDS 8

bool
contrast_parse(const char *hex, rgb *out)
{
	unsigned char v[3];
	if (hex == NULL || hex[0] != '#' || strlen(hex) != 7)
		return false;
	for (int i = 0; i < 3; i++) {
		int hi = bytes_hexval(hex[1 + 2 * i]),
		    lo = bytes_hexval(hex[2 + 2 * i]);
		if (hi < 0 || lo < 0)
			return false;
		v[i] = (unsigned char)(hi * 16 + lo);
	}
	*out = (rgb){v[0], v[1], v[2]};
	return true;
}

void
contrast_hex(rgb c, char out[8])
{
	snprintf(out, 8, "#%02x%02x%02x", c.r, c.g, c.b);
}

/* sRGB channel to linear light, as WCAG 2 defines it. */
static double
linear(unsigned char c)
{
	double s = c / 255.0;
	return s <= 0.04045 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4);
}

double
contrast_luminance(rgb c)
{
	return 0.2126 * linear(c.r) + 0.7152 * linear(c.g) +
	       0.0722 * linear(c.b);
}

double
contrast_ratio(rgb a, rgb b)
{
	double la = contrast_luminance(a), lb = contrast_luminance(b);
	return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

double
contrast_worst(rgb c, const rgb *bgs, int n)
{
	double worst = 21.0;
	for (int i = 0; i < n; i++) {
		double r = contrast_ratio(c, bgs[i]);
		if (r < worst)
			worst = r;
	}
	return worst;
}

static unsigned char
mix(unsigned char from, unsigned char to, int step)
{
	return (unsigned char)((from * (64 - step) + to * step + 32) / 64);
}

rgb
contrast_fix(rgb c, const rgb *bgs, int n, double min, rgb toward)
{
	for (int step = 0; step <= 64; step++) {
		rgb m = {mix(c.r, toward.r, step), mix(c.g, toward.g, step),
		         mix(c.b, toward.b, step)};
		if (contrast_worst(m, bgs, n) >= min)
			return m;
	}
	return toward;
}

/* A theme.yaml list of "#rrggbb"; fallback when it gives none. */
static int
backgrounds(const value *list, const char *fallback, rgb *out)
{
	int n = 0;
	for (size_t i = 0; i < value_len(list) && n < MAX_BACKGROUNDS; i++)
		if (contrast_parse(value_get_string(value_at(list, i)),
		                   &out[n]))
			n++;
	if (n == 0 && contrast_parse(fallback, &out[0]))
		n = 1;
	return n;
}

static void
set_hex(arena *a, value *map, const char *key, rgb c)
{
	char hex[8];
	contrast_hex(c, hex);
	value_set_str(a, map, key, hex);
}

/* One colour: the site's choice (or the theme's default), checked. */
static void
one_colour(arena *a, value *out, const char *name, const value *given,
           const char *fallback, const rgb *light, int nl, const rgb *dark,
           int nd, diag *d)
{
	static const rgb black = {0, 0, 0}, white = {255, 255, 255};
	rgb c;
	if (!contrast_parse(value_get_string(given), &c) &&
	    !contrast_parse(fallback, &c))
		c = (rgb){0x1d, 0x4e, 0x89};
	rgb fixed = contrast_fix(c, light, nl, CONTRAST_AA_TEXT, black);
	if (given != NULL && memcmp(&fixed, &c, sizeof(c)) != 0) {
		char want[8], ratio[32];
		contrast_hex(fixed, want);
		msgcat_decimal(diag_lang(d), ratio, sizeof(ratio),
		               contrast_worst(c, light, nl), 1);
		diag_at(d, DIAG_WARNING, given,
		        "couleurs.%s %s has a contrast of only %s:1 with the "
		        "theme's background; WCAG AA asks 4.5:1 for text, so "
		        "the theme uses %s instead (choose a darker colour for "
		        "the theme to keep yours)",
		        name, value_get_string(given), ratio, want);
	}
	set_hex(a, out, name, fixed);
	set_hex(a, out, arena_printf(a, "%s_sombre", name),
	        contrast_fix(c, dark, nd, CONTRAST_AA_TEXT, white));
}

value *
contrast_site_colours(arena *a, const value *site_colours,
                      const value *theme_colours, diag *d)
{
	rgb light[MAX_BACKGROUNDS], dark[MAX_BACKGROUNDS];
	int nl =
	    backgrounds(value_get(theme_colours, "fonds"), "#ffffff", light);
	int nd = backgrounds(value_get(theme_colours, "fonds_sombres"),
	                     "#121212", dark);
	value *out = value_map(a);
	static const char *names[] = {"principale", "accent"};
	for (size_t i = 0; i < 2; i++)
		one_colour(a, out, names[i], value_get(site_colours, names[i]),
		           value_get_string(value_get(theme_colours, names[i])),
		           light, nl, dark, nd, d);
	return out;
}
